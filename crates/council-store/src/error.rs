//! What can go wrong in a store, kept apart by what the caller should do about it: a write
//! conflict (reload and retry), a repeated request (answer it with what it stored the first
//! time), a store that cannot be opened (fix the path or the permissions), a backend failure
//! (report, maybe retry later), a database that does not answer in time (the same, and the
//! outcome of an append is unknown), a corrupt log (stop and look), or an event that cannot be
//! appended (a bug in the caller).

use std::path::PathBuf;

use thiserror::Error;

use crate::chain::Corruption;
use crate::event::InvalidEvent;
use crate::request::RequestId;
use crate::stream::StreamId;

/// Why a store operation failed.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Another writer appended first: the stream does not end where the caller expected.
    /// Nothing was written; reload the stream, decide again, and retry.
    #[error(
        "write conflict on stream {stream}: expected it to end at event {expected}, but it ends at event {actual}"
    )]
    Conflict {
        /// The stream.
        stream: StreamId,
        /// The last sequence number the caller had seen (0 for a new stream).
        expected: u64,
        /// The stream's last sequence number now.
        actual: u64,
    },
    /// The request already appended events to this stream: this append is a retry of it.
    /// Nothing was written; [`EventStore::find_request`](crate::EventStore::find_request)
    /// gives back what the first append stored. Checked before `expected_seq`, so a retry is
    /// recognised even after the stream has moved on.
    #[error(
        "request `{request_id}` already appended events to stream {stream}, from event {seq}: nothing was written"
    )]
    DuplicateRequest {
        /// The stream.
        stream: StreamId,
        /// The request id found again.
        request_id: RequestId,
        /// The first event that request stored.
        seq: u64,
    },
    /// The store's file could not be opened or created (a missing or read-only directory, a
    /// file that is not a database...), or a PostgreSQL URL is malformed. `path` names the
    /// file, or the database by its URL without the password.
    #[error("cannot open the event store at {}", path.display())]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: sqlx::Error,
    },
    /// [`SqliteStore::open_existing`](crate::SqliteStore::open_existing) was given a file that
    /// does not exist; nothing was created.
    #[error("no event store at {}: the file does not exist", path.display())]
    NotFound {
        /// The file.
        path: PathBuf,
    },
    /// [`SqliteStore::open_existing`](crate::SqliteStore::open_existing) (or
    /// `PostgresStore::open_existing`) was given a database that holds no event log; it was
    /// left as it was.
    #[error("{} is not an event store: it has no events table", path.display())]
    NotAStore {
        /// The file.
        path: PathBuf,
    },
    /// The database failed (unreachable, locked, full, read-only, a PostgreSQL server down or
    /// refusing the login...): the server answers 503 and the caller may retry later.
    #[error("the event store's database failed")]
    Backend(#[source] sqlx::Error),
    /// The database did not answer in time (a server frozen or cut off by the network): the
    /// server answers 503, as for [`StoreError::Backend`]. An append that timed out was
    /// either never sent or is of unknown outcome (its transaction may still commit), so a
    /// retry must carry the same request id to be recognised.
    #[error("the event store's database did not answer within {} s", waited.as_secs_f64())]
    TimedOut {
        /// How long the store waited.
        waited: std::time::Duration,
    },
    /// The database's schema could not be brought up to date.
    #[error("the schema of the event store at {} could not be migrated", path.display())]
    Migration {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: sqlx::migrate::MigrateError,
    },
    /// The stored log is not what was written.
    #[error(transparent)]
    Corrupt(#[from] Corruption),
    /// An event given to append is malformed.
    #[error(transparent)]
    Invalid(#[from] InvalidEvent),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> StoreError {
        StoreError::Backend(error)
    }
}
