//! [`SqliteStore`]: the event log in one SQLite file, the default for `council serve`.
//!
//! Durability: the file is in WAL mode with `synchronous=FULL`, so a commit is on disk
//! before [`EventStore::append`] returns, and an acknowledged event survives `kill -9` or a
//! power cut. Group commit: one writer task per store takes the appends waiting (up to
//! 256) and commits them in one transaction, each in a savepoint of its own so a refused
//! append is rolled back alone; one `fsync` then makes many appends durable, and none is
//! answered before its commit. Appends take the write lock at the start of their transaction
//! (`BEGIN IMMEDIATE`), so two writers of one file queue rather than fail with
//! `SQLITE_BUSY` midway; a stale writer then finds its sequence number taken, a unique
//! violation on `(stream_id, seq)` that becomes [`StoreError::Conflict`].
//!
//! Request ids: each event row carries its append's request id, and the `requests` table
//! holds one row per request with the primary key `(stream_id, request_id)`. An append looks
//! its request id up there first, inside its `BEGIN IMMEDIATE` transaction, so a repeated
//! request is a [`StoreError::DuplicateRequest`] and never mistaken for a conflict; the key
//! makes the database refuse a duplicate even if that check were skipped.
//!
//! Opening: [`SqliteStore::open`] creates the file if it is missing;
//! [`SqliteStore::open_existing`] (for `council verify`) never creates one. Both name the
//! file in their errors.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection, SqliteConnection};

use crate::chain::{Corruption, canonical_json, canonical_time, seal};
use crate::error::StoreError;
use crate::event::{EventHash, NewEvent, StoredEvent, batch_request_id};
use crate::request::RequestId;
use crate::row::{
    EVENT_COLUMNS, EventRow, from_sql, into_events, stream_report, to_sql, unreadable,
};
use crate::store::{EventStore, PendingAppend};
use crate::stream::StreamId;
use crate::verify::VerifyReport;
use crate::writer::{
    BatchConnection, Work, Writer, batch_failed, met_database_error, write_in_savepoints,
};

/// How long a writer waits for another one to commit before giving up with a backend error.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An [`EventStore`] in an SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    writer: Writer,
}

impl SqliteStore {
    /// Opens the store at `url` (`sqlite:PATH`), creating the file if it is missing and
    /// bringing its schema up to date. Fails with [`StoreError::Open`], naming the file, when
    /// it cannot be opened or created (a missing or read-only directory, say).
    pub async fn open(url: &str) -> Result<SqliteStore, StoreError> {
        let options = options(url)?.create_if_missing(true);
        let path = options.get_filename().to_owned();
        let pool = connect(options, &path).await?;
        SqliteStore::migrate(pool, path).await
    }

    /// Opens the store in the file at `url` (`sqlite:PATH`), which must exist and hold an
    /// event log: what `council verify` needs, since checking must not create an empty
    /// store. Fails with [`StoreError::NotFound`] when there is no such file and with
    /// [`StoreError::NotAStore`] when the database has no events table, leaving it
    /// untouched; otherwise brings its schema up to date like [`SqliteStore::open`].
    pub async fn open_existing(url: &str) -> Result<SqliteStore, StoreError> {
        let options = options(url)?.create_if_missing(false);
        let path = options.get_filename().to_owned();
        if !path.exists() {
            return Err(StoreError::NotFound { path });
        }
        if !holds_event_log(url, &path).await? {
            return Err(StoreError::NotAStore { path });
        }
        let pool = connect(options, &path).await?;
        SqliteStore::migrate(pool, path).await
    }

    async fn migrate(pool: SqlitePool, path: PathBuf) -> Result<SqliteStore, StoreError> {
        match sqlx::migrate!("./migrations/sqlite").run(&pool).await {
            Ok(()) => {
                let batches = pool.clone();
                // No bound on an answer's wait: a local file that is slow is still working.
                let writer = Writer::spawn(None, move |work| {
                    let pool = batches.clone();
                    async move { write_batch(&pool, work).await }
                });
                Ok(SqliteStore { pool, writer })
            }
            Err(source) => {
                pool.close().await;
                Err(StoreError::Migration { path, source })
            }
        }
    }

    /// Closes every connection, waiting for work in progress.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The stream's last sequence number, 0 when it has no events.
    async fn last_seq(
        connection: &mut SqliteConnection,
        stream: &StreamId,
    ) -> Result<u64, StoreError> {
        let last: Option<i64> =
            sqlx::query_scalar("SELECT MAX(seq) FROM events WHERE stream_id = ?")
                .bind(stream.as_str())
                .fetch_one(&mut *connection)
                .await?;
        from_sql(stream, last.unwrap_or(0))
    }

    /// The first event that `request_id` appended to the stream, if it appended any.
    async fn first_seq_of_request(
        connection: &mut SqliteConnection,
        stream: &StreamId,
        request_id: &RequestId,
    ) -> Result<Option<u64>, StoreError> {
        let first: Option<i64> = sqlx::query_scalar(
            "SELECT first_seq FROM requests WHERE stream_id = ? AND request_id = ?",
        )
        .bind(stream.as_str())
        .bind(request_id.as_str())
        .fetch_optional(&mut *connection)
        .await?;
        first.map(|seq| from_sql(stream, seq)).transpose()
    }
}

/// The connection options of `url`, with the durability settings of the module docs.
fn options(url: &str) -> Result<SqliteConnectOptions, StoreError> {
    let options = SqliteConnectOptions::from_str(url).map_err(|source| StoreError::Open {
        path: PathBuf::from(url),
        source,
    })?;
    Ok(options
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(BUSY_TIMEOUT)
        .foreign_keys(true))
}

/// Whether the database at `url` has an events table, asked through a read-only connection
/// with SQLite's defaults: the journal-mode and other settings of [`options`] would write to
/// a file that is perhaps not ours.
async fn holds_event_log(url: &str, path: &Path) -> Result<bool, StoreError> {
    let open_failed = |source| StoreError::Open {
        path: path.to_owned(),
        source,
    };
    let options = SqliteConnectOptions::from_str(url)
        .map_err(open_failed)?
        .read_only(true)
        .create_if_missing(false);
    let mut connection = SqliteConnection::connect_with(&options)
        .await
        .map_err(open_failed)?;
    let has_events = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events')",
    )
    .fetch_one(&mut connection)
    .await
    .map_err(open_failed);
    connection.close().await.map_err(open_failed)?;
    has_events
}

/// A pool on the file; a failure names it.
async fn connect(options: SqliteConnectOptions, path: &Path) -> Result<SqlitePool, StoreError> {
    SqlitePoolOptions::new()
        .connect_with(options)
        .await
        .map_err(|source| StoreError::Open {
            path: path.to_owned(),
            source,
        })
}

impl EventStore for SqliteStore {
    async fn append(
        &self,
        stream: &StreamId,
        expected_seq: u64,
        events: Vec<NewEvent>,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        self.submit(stream, expected_seq, events).await.await
    }

    async fn submit(
        &self,
        stream: &StreamId,
        expected_seq: u64,
        events: Vec<NewEvent>,
    ) -> PendingAppend {
        self.writer.submit(stream, expected_seq, events).await
    }

    async fn load_after(
        &self,
        stream: &StreamId,
        seq: u64,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        let rows = sqlx::query_as::<_, EventRow>(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE stream_id = ? AND seq > ? ORDER BY seq"
        ))
        .bind(stream.as_str())
        .bind(to_sql(seq))
        .fetch_all(&self.pool)
        .await?;
        into_events(stream, rows)
    }

    async fn streams(&self) -> Result<Vec<StreamId>, StoreError> {
        let ids: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT stream_id FROM events ORDER BY stream_id")
                .fetch_all(&self.pool)
                .await?;
        ids.into_iter()
            .map(|id| {
                StreamId::parse(&id)
                    .map_err(|_| StoreError::Corrupt(Corruption::MalformedStreamId { id }))
            })
            .collect()
    }

    async fn find_request(
        &self,
        stream: &StreamId,
        request_id: &RequestId,
    ) -> Result<Option<Vec<StoredEvent>>, StoreError> {
        let rows = sqlx::query_as::<_, EventRow>(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE stream_id = ? AND request_id = ? ORDER BY seq"
        ))
        .bind(stream.as_str())
        .bind(request_id.as_str())
        .fetch_all(&self.pool)
        .await?;
        if rows.is_empty() {
            return Ok(None);
        }
        into_events(stream, rows).map(Some)
    }

    /// Reads stream ids and rows itself, so that a malformed stream id or an unreadable row
    /// is reported with the rest instead of stopping the check.
    async fn verify_all(&self) -> Result<VerifyReport, StoreError> {
        let ids: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT stream_id FROM events ORDER BY stream_id")
                .fetch_all(&self.pool)
                .await?;
        let mut report = VerifyReport::default();
        for id in ids {
            let Ok(stream) = StreamId::parse(&id) else {
                report.malformed_stream_ids.push(id);
                continue;
            };
            let rows = sqlx::query_as::<_, EventRow>(&format!(
                "SELECT {EVENT_COLUMNS} FROM events WHERE stream_id = ? ORDER BY seq"
            ))
            .bind(stream.as_str())
            .fetch_all(&self.pool)
            .await?;
            report.streams.push(stream_report(stream, rows)?);
        }
        Ok(report)
    }
}

/// One batch of appends on a connection of the pool (see the module docs).
async fn write_batch(
    pool: &SqlitePool,
    work: Vec<Work>,
) -> Vec<Result<Vec<StoredEvent>, StoreError>> {
    let n_jobs = work.len();
    let mut connection = match pool.acquire().await {
        Ok(connection) => connection,
        Err(error) => return batch_failed(&error.into(), n_jobs),
    };
    let order = (0..n_jobs).collect();
    let results = write_in_savepoints(&mut *connection, work, order).await;
    if met_database_error(&results) {
        connection.close_on_drop();
    }
    results
}

impl BatchConnection for SqliteConnection {
    // The write lock from the start, so writers of one file queue rather than fail midway.
    const BEGIN: &'static str = "BEGIN IMMEDIATE";

    async fn run(&mut self, sql: &'static str) -> Result<(), sqlx::Error> {
        sqlx::query(sql).execute(&mut *self).await.map(|_| ())
    }

    async fn append_one(&mut self, work: Work) -> Result<Vec<StoredEvent>, StoreError> {
        append_in(self, &work.stream, work.expected_seq, work.events).await
    }
}

/// One append inside the writer's open transaction: the request id first, then the
/// sequence number, then the rows. A refusal leaves the transaction usable (SQLite does
/// not abort a transaction for a failed statement); the caller rolls back to its savepoint.
async fn append_in(
    connection: &mut SqliteConnection,
    stream: &StreamId,
    expected_seq: u64,
    events: Vec<NewEvent>,
) -> Result<Vec<StoredEvent>, StoreError> {
    let request_id = batch_request_id(&events)?.cloned();
    let conflict = |actual| StoreError::Conflict {
        stream: stream.clone(),
        expected: expected_seq,
        actual,
    };
    let duplicate = |request_id: &RequestId, seq| StoreError::DuplicateRequest {
        stream: stream.clone(),
        request_id: request_id.clone(),
        seq,
    };
    // Before the sequence number: a retry comes with the `expected_seq` of its first
    // attempt, which is stale once that attempt has been written.
    if let Some(request_id) = &request_id
        && let Some(seq) = SqliteStore::first_seq_of_request(connection, stream, request_id).await?
    {
        return Err(duplicate(request_id, seq));
    }
    let last_hash = if expected_seq == 0 {
        EventHash::GENESIS
    } else {
        let hash: Option<String> =
            sqlx::query_scalar("SELECT hash FROM events WHERE stream_id = ? AND seq = ?")
                .bind(stream.as_str())
                .bind(to_sql(expected_seq))
                .fetch_optional(&mut *connection)
                .await?;
        match hash {
            Some(hash) => EventHash::parse(&hash)
                .map_err(|error| unreadable(stream, to_sql(expected_seq), error))?,
            // The caller claims events the stream does not have.
            None => return Err(conflict(SqliteStore::last_seq(connection, stream).await?)),
        }
    };
    let stored = seal(stream, expected_seq, last_hash, events);
    for event in &stored {
        let inserted = sqlx::query(
            "INSERT INTO events (stream_id, seq, kind, version, payload, recorded_at, request_id, prev_hash, hash) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(event.stream_id.as_str())
        .bind(to_sql(event.seq))
        .bind(&event.kind)
        .bind(i64::from(event.version))
        .bind(canonical_json(&event.payload))
        .bind(canonical_time(event.recorded_at))
        .bind(event.request_id.as_ref().map(RequestId::as_str))
        .bind(event.prev_hash.to_string())
        .bind(event.hash.to_string())
        .execute(&mut *connection)
        .await;
        match inserted {
            Ok(_) => {}
            // Someone holds our sequence number: the stream moved on.
            Err(error) if is_unique_violation(&error) => {
                return Err(conflict(SqliteStore::last_seq(connection, stream).await?));
            }
            Err(error) => return Err(error.into()),
        }
    }
    if let Some(request_id) = &request_id {
        let inserted =
            sqlx::query("INSERT INTO requests (stream_id, request_id, first_seq) VALUES (?, ?, ?)")
                .bind(stream.as_str())
                .bind(request_id.as_str())
                .bind(to_sql(expected_seq + 1))
                .execute(&mut *connection)
                .await;
        match inserted {
            Ok(_) => {}
            // Only if the check above was bypassed: the key refuses the duplicate.
            Err(error) if is_unique_violation(&error) => {
                let seq = SqliteStore::first_seq_of_request(connection, stream, request_id)
                    .await?
                    .unwrap_or(expected_seq + 1);
                return Err(duplicate(request_id, seq));
            }
            Err(error) => return Err(error.into()),
        }
    }
    Ok(stored)
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|database_error| database_error.is_unique_violation())
}
