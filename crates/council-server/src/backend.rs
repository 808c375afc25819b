//! [`Backend`]: the event store chosen at start-up from a database URL, one type for the
//! handlers whatever the store (the store's trait uses `impl Future`, so it cannot be a
//! trait object).

use std::fmt;
use std::path::PathBuf;

use council_store::postgres::without_password;
use council_store::{
    EventStore, MemStore, NewEvent, PendingAppend, PostgresStore, RequestId, SqliteStore,
    StoreError, StoredEvent, StreamId, VerifyReport,
};
use thiserror::Error;

/// Where the meetings are kept, as given to `--db`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbUrl {
    /// `sqlite:PATH`: one file, created and migrated at first start.
    Sqlite(PathBuf),
    /// `postgres://...` or `postgresql://...`: a PostgreSQL database, which must exist,
    /// migrated at first start; several servers may share it. Shown without its password.
    Postgres(String),
    /// `memory:`: nothing kept after the process ends (tests and trials).
    Memory,
}

/// A `--db` value that is not understood.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "unknown database `{0}`: expected `sqlite:PATH` (for example `sqlite:council.db`), `postgres://USER@HOST/DATABASE` or `memory:`"
)]
pub struct UnknownDb(pub String);

impl DbUrl {
    /// Reads a `--db` value.
    pub fn parse(text: &str) -> Result<DbUrl, UnknownDb> {
        if let Some(path) = text.strip_prefix("sqlite:") {
            let path = path.strip_prefix("//").unwrap_or(path);
            if path.is_empty() {
                return Err(UnknownDb(text.to_owned()));
            }
            return Ok(DbUrl::Sqlite(PathBuf::from(path)));
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            return Ok(DbUrl::Postgres(text.to_owned()));
        }
        if text == "memory:" {
            return Ok(DbUrl::Memory);
        }
        Err(UnknownDb(text.to_owned()))
    }
}

impl fmt::Display for DbUrl {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbUrl::Sqlite(path) => write!(formatter, "sqlite:{}", path.display()),
            DbUrl::Postgres(url) => formatter.write_str(&without_password(url)),
            DbUrl::Memory => formatter.write_str("memory:"),
        }
    }
}

/// The store the server runs on.
#[derive(Debug)]
pub enum Backend {
    /// One SQLite file.
    Sqlite(SqliteStore),
    /// One PostgreSQL database, perhaps shared with other servers.
    Postgres(PostgresStore),
    /// In memory.
    Memory(MemStore),
}

impl Backend {
    /// Opens (creating and migrating if needed) the store a URL names.
    pub async fn open(url: &DbUrl) -> Result<Backend, StoreError> {
        match url {
            DbUrl::Sqlite(path) => {
                let url = format!("sqlite://{}", path.display());
                Ok(Backend::Sqlite(SqliteStore::open(&url).await?))
            }
            DbUrl::Postgres(url) => Ok(Backend::Postgres(PostgresStore::open(url).await?)),
            DbUrl::Memory => Ok(Backend::Memory(MemStore::new())),
        }
    }

    /// Opens a store that must exist already (to verify or export it): never creates one.
    pub async fn open_existing(url: &DbUrl) -> Result<Backend, StoreError> {
        match url {
            DbUrl::Sqlite(path) => {
                let url = format!("sqlite://{}", path.display());
                Ok(Backend::Sqlite(SqliteStore::open_existing(&url).await?))
            }
            DbUrl::Postgres(url) => Ok(Backend::Postgres(PostgresStore::open_existing(url).await?)),
            DbUrl::Memory => Ok(Backend::Memory(MemStore::new())),
        }
    }
}

impl EventStore for Backend {
    async fn append(
        &self,
        stream: &StreamId,
        expected_seq: u64,
        events: Vec<NewEvent>,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        match self {
            Backend::Sqlite(store) => store.append(stream, expected_seq, events).await,
            Backend::Postgres(store) => store.append(stream, expected_seq, events).await,
            Backend::Memory(store) => store.append(stream, expected_seq, events).await,
        }
    }

    async fn submit(
        &self,
        stream: &StreamId,
        expected_seq: u64,
        events: Vec<NewEvent>,
    ) -> PendingAppend {
        match self {
            Backend::Sqlite(store) => store.submit(stream, expected_seq, events).await,
            Backend::Memory(store) => store.submit(stream, expected_seq, events).await,
            Backend::Postgres(store) => store.submit(stream, expected_seq, events).await,
        }
    }

    async fn load_after(
        &self,
        stream: &StreamId,
        seq: u64,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        match self {
            Backend::Sqlite(store) => store.load_after(stream, seq).await,
            Backend::Postgres(store) => store.load_after(stream, seq).await,
            Backend::Memory(store) => store.load_after(stream, seq).await,
        }
    }

    async fn streams(&self) -> Result<Vec<StreamId>, StoreError> {
        match self {
            Backend::Sqlite(store) => store.streams().await,
            Backend::Postgres(store) => store.streams().await,
            Backend::Memory(store) => store.streams().await,
        }
    }

    async fn find_request(
        &self,
        stream: &StreamId,
        request_id: &RequestId,
    ) -> Result<Option<Vec<StoredEvent>>, StoreError> {
        match self {
            Backend::Sqlite(store) => store.find_request(stream, request_id).await,
            Backend::Postgres(store) => store.find_request(stream, request_id).await,
            Backend::Memory(store) => store.find_request(stream, request_id).await,
        }
    }

    async fn written_elsewhere(&self) -> Result<Option<u64>, StoreError> {
        match self {
            Backend::Sqlite(store) => store.written_elsewhere().await,
            Backend::Postgres(store) => store.written_elsewhere().await,
            Backend::Memory(store) => store.written_elsewhere().await,
        }
    }

    async fn verify_all(&self) -> Result<VerifyReport, StoreError> {
        match self {
            Backend::Sqlite(store) => store.verify_all().await,
            Backend::Postgres(store) => store.verify_all().await,
            Backend::Memory(store) => store.verify_all().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_name_sqlite_files_postgres_databases_or_memory() {
        assert_eq!(
            DbUrl::parse("sqlite:council.db"),
            Ok(DbUrl::Sqlite(PathBuf::from("council.db")))
        );
        assert_eq!(
            DbUrl::parse("sqlite:///tmp/a.db"),
            Ok(DbUrl::Sqlite(PathBuf::from("/tmp/a.db")))
        );
        assert_eq!(DbUrl::parse("memory:"), Ok(DbUrl::Memory));
        for url in [
            "postgres://postgres@127.0.0.1:5432/council",
            "postgresql://council:secret@db.example/council",
        ] {
            assert_eq!(DbUrl::parse(url), Ok(DbUrl::Postgres(url.to_owned())));
        }
        assert!(DbUrl::parse("postgres:council").is_err());
        assert!(DbUrl::parse("council.db").is_err());
        assert!(DbUrl::parse("sqlite:").is_err());
    }

    #[test]
    fn a_postgres_url_is_shown_without_its_password() {
        let url = DbUrl::parse("postgres://council:s3cret@db.example:5432/council").unwrap();
        assert_eq!(
            url.to_string(),
            "postgres://council:***@db.example:5432/council"
        );
    }
}
