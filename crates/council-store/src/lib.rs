//! The event log of meetings: append-only, versioned, hash-chained, one stream per meeting.
//!
//! A meeting's truth is its events (`council_core::meeting::Event`); this crate stores them
//! and gives them back in order, and nothing else. Each event is kept in a [`StoredEvent`]
//! envelope: the stream (meeting) id, a sequence number from 1 without gaps, the event's
//! stable `kind` and schema `version`, its JSON payload, the time the caller recorded it, and
//! a SHA-256 hash chaining it to the event before, so [`EventStore::verify`] can name the
//! first event edited, removed or reordered. The primary key is `(stream_id, seq)`, and a
//! writer that appends after a stale read gets [`StoreError::Conflict`], never an overwrite.
//!
//! An append may name the request that produced it ([`NewEvent::with_request_id`]): every
//! event it writes carries that [`RequestId`], which is hashed with the rest. A stream holds
//! each request id once, so a retried request fails with [`StoreError::DuplicateRequest`]
//! and [`EventStore::find_request`] gives back what the first attempt stored, for the server
//! to answer with. [`EventStore::verify_all`] checks every stream and reports on each
//! ([`VerifyReport`]), for `council verify`.
//!
//! The store reads no clock and makes no ids: times, stream ids and request ids come from
//! the caller.
//!
//! # Layout
//! - [`stream`]: [`StreamId`], the id of one meeting's log.
//! - [`request`]: [`RequestId`], the idempotency key of one append.
//! - [`event`]: the envelope: [`NewEvent`] to append, [`StoredEvent`] as stored,
//!   [`EventHash`].
//! - [`chain`]: the canonical encoding that is hashed, and [`verify_chain`] with its
//!   [`Corruption`] report.
//! - [`verify`]: [`VerifyReport`] and [`StreamReport`], the check of a whole store.
//! - [`store`]: the [`EventStore`] trait every backend implements.
//! - [`error`]: [`StoreError`]: conflicts, repeated requests, opening failures, backend
//!   failures and corruption kept apart.
//! - [`meeting`]: meeting events in and out of the envelope ([`NewEvent::meeting`],
//!   [`StoredEvent::to_meeting_event`]).
//! - `testing` (feature `testing`): fresh PostgreSQL databases for tests.
//! - [`mem`]: [`MemStore`], in memory.
//! - `sqlite` (feature `sqlite`, on by default): `SqliteStore`, one file, WAL,
//!   `synchronous=FULL`; its schema in `migrations/sqlite/`.
//! - `postgres` (feature `postgres`): `PostgresStore`, one PostgreSQL database shared by
//!   several servers, appends serialized per stream by an advisory lock and announced with
//!   `NOTIFY` (`PostgresStore::listen`); its schema in `migrations/postgres/`.
//! - `row` (private): an event row as both SQL stores read it.
//! - `plan` (private): a batch of appends checked and sealed in memory against what was read
//!   for it once, so SQLite writes a whole batch in a few statements.
//! - `reader` (private): reads waiting at once answered in one statement (SQLite).
//!
//! Every backend passes the same conformance suite (`tests/it/conformance.rs`), and the SQL
//! stores hold the same texts, so the same events get the same hashes on each.
//!
//! # Truncation
//! The chain cannot show that the last events of a stream were removed: what is left is a
//! valid chain, only shorter. Catching it needs a head, the `seq` and `hash` of an event
//! known to be in the stream, kept somewhere the log's file is not. The store keeps none;
//! the server can, cheaply, since every append returns the stored events:
//! - it can write each stream's head elsewhere after each append (another disk or machine,
//!   or the published record of a closed meeting). To check a head `(seq, hash)` kept so:
//!   the stream must verify, reach `seq`, and hold `hash` there (`load_after(stream, seq -
//!   1)`'s first event); a shorter stream was cut, another hash means it was rewritten.
//!   When the kept head is the latest, [`StreamReport::head_hash`] from `council verify`
//!   must equal it;
//! - it can send `seq` and `hash` to clients with every event: a client that reconnects
//!   with a `Last-Event-ID` beyond the stream's last `seq` (it already asks for what it
//!   missed through [`EventStore::load_after`]) has seen events the log no longer holds;
//! - a meeting the server knows to be closed ends with `meeting_closed`; if its stream ends
//!   with another event, its end is gone.
//!
//! A head kept elsewhere also catches a forger who rewrites a whole chain, since the hash
//! has no key.
//!
//! # Why `impl Future + Send` in the trait
//! The trait uses Rust's native async functions in traits (stable since 1.75) rather than
//! the `async-trait` crate: no boxing and no extra dependency. Its methods are declared as
//! returning `impl Future + Send` so futures can be spawned on tokio's multi-threaded
//! runtime from generic code. The cost is that `dyn EventStore` is not possible; the server
//! is generic over `S: EventStore`, or holds an enum of the backends chosen at start-up.
//!
//! ```
//! use council_store::{EventStore, MemStore, NewEvent, StreamId};
//! use chrono::DateTime;
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! let store = MemStore::new();
//! let stream = StreamId::parse("meeting-1").unwrap();
//! let at = DateTime::UNIX_EPOCH;
//! let event = NewEvent::new("meeting_closed", 1, serde_json::json!({}), at).unwrap();
//! let stored = store.append(&stream, 0, vec![event.clone()]).await.unwrap();
//! assert_eq!(stored[0].seq, 1);
//! assert!(store.append(&stream, 0, vec![event]).await.is_err());
//! assert!(store.verify(&stream).await.is_ok());
//! # });
//! ```

pub mod chain;
pub mod error;
pub mod event;
pub mod meeting;
pub mod mem;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
mod plan;
#[cfg(feature = "postgres")]
pub mod postgres;
#[cfg(feature = "sqlite")]
mod reader;
pub mod request;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
mod row;
#[cfg(feature = "sqlite")]
pub mod sqlite;
pub mod store;
pub mod stream;
#[cfg(feature = "testing")]
pub mod testing;
pub mod verify;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
mod writer;

pub use chain::{Corruption, verify_chain};
pub use error::StoreError;
pub use event::{EventHash, InvalidEvent, NewEvent, StoredEvent};
pub use meeting::MEETING_EVENT_VERSION;
pub use mem::MemStore;
#[cfg(feature = "postgres")]
pub use postgres::PostgresStore;
pub use request::{MalformedRequestId, RequestId};
#[cfg(feature = "sqlite")]
pub use sqlite::SqliteStore;
pub use store::{EventStore, PendingAppend};
pub use stream::{MalformedStreamId, StreamId};
pub use verify::{StreamReport, VerifyReport};
