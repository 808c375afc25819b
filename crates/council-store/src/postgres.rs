//! [`PostgresStore`]: the event log in a PostgreSQL database, for several `council serve`
//! instances sharing meetings (feature `postgres`).
//!
//! The same rows as SQLite's, in the same texts (`migrations/postgres/`), so the same events
//! get the same hashes on both. `payload` and `recorded_at` are `TEXT` rather than `jsonb`
//! and `timestamptz`, which would reorder keys and drop nanoseconds: the row holds what was
//! hashed.
//!
//! Appends: group commit, as in SQLite: one writer task per store commits the appends
//! waiting in one transaction, each in a savepoint of its own. Each append first takes a
//! transaction-scoped advisory lock
//! on its stream (`pg_advisory_xact_lock`, keyed by the SHA-256 of the stream id), so
//! appends to one stream queue, from any process, while other streams go on in parallel.
//! Under that lock one statement looks the request id up in `requests`
//! ([`StoreError::DuplicateRequest`], checked before `expected_seq`) and reads the stream's
//! last event ([`StoreError::Conflict`] unless it is `expected_seq`); every statement of a
//! `READ COMMITTED` transaction sees what the previous holder of the lock committed, which
//! is why the lock is a statement of its own. One more statement writes the events, the
//! request and the notification: five round trips per append with its savepoint. The
//! primary keys `(stream_id, seq)` and `(stream_id, request_id)` back the lock: a writer that
//! bypassed it would hit a unique violation, reported the same way.
//!
//! Notifications: an append also sends `NOTIFY council_events, '<stream_id>:<seq>'` with its
//! last `seq`, inside its transaction, so PostgreSQL delivers it only once the events are
//! committed, and never for an append that failed. [`PostgresStore::listen`] receives them;
//! a listener learns that a stream has moved on and reads what it missed with
//! [`EventStore::load_after`].
//!
//! Timeouts: every operation is answered within [`ANSWER_WITHIN`] (an append from its
//! submission), or fails with [`StoreError::TimedOut`]: a server that stops answering (frozen,
//! or cut off without the connection being reset) would otherwise leave requests hanging. A
//! batch cut short closes its connection; its transaction may still commit, which the
//! appends' request ids make safe to retry.
//!
//! Errors: a server that cannot be reached, at [`PostgresStore::open`] or later, is a
//! [`StoreError::Backend`], which `council serve` answers with 503; a malformed URL is a
//! [`StoreError::Open`] and a schema that cannot be brought up to date a
//! [`StoreError::Migration`], each naming the database without its password.

use std::io;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use futures_util::Stream;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use sqlx::postgres::{PgConnectOptions, PgListener, PgPool, PgPoolOptions};

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

/// The channel on which every append is announced, as `<stream_id>:<seq>`.
pub const NOTIFY_CHANNEL: &str = "council_events";

/// The first key of the advisory locks this store takes, so they do not collide with
/// another application's on the same database ("cncl" in ASCII).
const LOCK_NAMESPACE: i32 = 0x636e_636c;

/// How long an operation waits for a connection before failing with a backend error: a
/// server that is down is reported quickly, as unavailability, rather than hanging.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// How long any operation waits for the database before failing with
/// [`StoreError::TimedOut`]: longer than the wait for a connection (5 s), so a server that is
/// down is reported as such first, and far longer than a batch takes under load (tens of ms).
pub const ANSWER_WITHIN: Duration = Duration::from_secs(8);

/// Runs a database operation within [`ANSWER_WITHIN`]. A query cut short leaves its
/// connection to sqlx, which tests it before reusing it.
async fn bounded<T>(
    operation: impl Future<Output = Result<T, StoreError>>,
) -> Result<T, StoreError> {
    tokio::time::timeout(ANSWER_WITHIN, operation)
        .await
        .unwrap_or(Err(StoreError::TimedOut {
            waited: ANSWER_WITHIN,
        }))
}

/// Every stream id, in the order of their bytes as the other stores list them (a database's
/// default collation may ignore punctuation or case).
const STREAM_IDS: &str =
    r#"SELECT stream_id FROM events GROUP BY stream_id ORDER BY stream_id COLLATE "C""#;

/// An [`EventStore`] in a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
    writer: Writer,
}

impl PostgresStore {
    /// Connects to the database at `url` (`postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`
    /// or `postgresql://...`), which must exist, and brings its schema up to date (several
    /// instances may do so at once: the migrations take a lock). Fails with
    /// [`StoreError::Open`] for a malformed URL, [`StoreError::Backend`] when the server
    /// cannot be reached or refuses the login, and [`StoreError::Migration`] when the schema
    /// cannot be migrated.
    pub async fn open(url: &str) -> Result<PostgresStore, StoreError> {
        let (database, pool) = connect(url).await?;
        PostgresStore::migrate(pool, database).await
    }

    /// Connects to the database at `url`, which must hold an event log already: what
    /// `council verify` and `council export` need, since reading must not turn another
    /// database into a store. Fails with [`StoreError::NotAStore`] when it has no events
    /// table, leaving it untouched; otherwise like [`PostgresStore::open`].
    pub async fn open_existing(url: &str) -> Result<PostgresStore, StoreError> {
        let (database, pool) = connect(url).await?;
        let has_events: Result<bool, sqlx::Error> =
            sqlx::query_scalar("SELECT to_regclass('events') IS NOT NULL")
                .fetch_one(&pool)
                .await;
        match has_events {
            Ok(true) => PostgresStore::migrate(pool, database).await,
            Ok(false) => {
                pool.close().await;
                Err(StoreError::NotAStore { path: database })
            }
            Err(error) => {
                pool.close().await;
                Err(error.into())
            }
        }
    }

    async fn migrate(pool: PgPool, database: PathBuf) -> Result<PostgresStore, StoreError> {
        match sqlx::migrate!("./migrations/postgres").run(&pool).await {
            Ok(()) => {
                let batches = pool.clone();
                let writer = Writer::spawn(Some(ANSWER_WITHIN), move |work| {
                    let pool = batches.clone();
                    async move { write_batch(&pool, work).await }
                });
                Ok(PostgresStore { pool, writer })
            }
            Err(source) => {
                pool.close().await;
                Err(StoreError::Migration {
                    path: database,
                    source,
                })
            }
        }
    }

    /// Closes every connection, waiting for work in progress.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Listens, on a connection of its own, for the appends of every instance on this
    /// database: each item is a stream and the last `seq` of an append to it, in the order
    /// PostgreSQL committed them. Only appends committed after this returns are announced.
    ///
    /// An `Err` item means the connection was lost (or could not be made again):
    /// notifications may have been missed meanwhile, so a listener should catch up on the
    /// streams it follows with [`EventStore::load_after`], and wait a little before polling
    /// again if errors repeat. The next poll reconnects; the stream itself never ends.
    /// Notifications on the channel that this store did not send (not `<stream_id>:<seq>`)
    /// are skipped.
    pub async fn listen(
        &self,
    ) -> Result<impl Stream<Item = Result<(StreamId, u64), StoreError>> + Send + Unpin, StoreError>
    {
        let listener = bounded(async {
            let mut listener = PgListener::connect_with(&self.pool).await?;
            listener.listen(NOTIFY_CHANNEL).await?;
            Ok(listener)
        })
        .await?;
        let appends = futures_util::stream::unfold(listener, |mut listener| async move {
            let item = loop {
                match listener.try_recv().await {
                    Ok(Some(notification)) => {
                        if let Some(append) = parse_notification(notification.payload()) {
                            break Ok(append);
                        }
                    }
                    Ok(None) => break Err(StoreError::Backend(sqlx::Error::Io(lost()))),
                    Err(error) => break Err(StoreError::Backend(error)),
                }
            };
            Some((item, listener))
        });
        Ok(Box::pin(appends))
    }
}

/// A pool on the database at `url`, and the database's name for errors (the URL without
/// its password).
async fn connect(url: &str) -> Result<(PathBuf, PgPool), StoreError> {
    let database = PathBuf::from(without_password(url));
    let options = PgConnectOptions::from_str(url).map_err(|source| StoreError::Open {
        path: database.clone(),
        source,
    })?;
    let pool = PgPoolOptions::new()
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await?;
    Ok((database, pool))
}

/// A database URL without the password it may carry (`postgres://USER:***@HOST/DATABASE`),
/// to name the database in errors and logs. Text that is not such a URL comes back as it is.
///
/// ```
/// use council_store::postgres::without_password;
/// assert_eq!(
///     without_password("postgres://council:s3cret@db.example/council"),
///     "postgres://council:***@db.example/council"
/// );
/// ```
pub fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((user_info, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match user_info.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

/// The error of a listening connection that was lost.
fn lost() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "the connection listening for appends was lost: some may have been missed",
    )
}

/// A notification's payload, `<stream_id>:<seq>`, or `None` for one this store did not send.
fn parse_notification(payload: &str) -> Option<(StreamId, u64)> {
    let (stream, seq) = payload.rsplit_once(':')?;
    Some((StreamId::parse(stream).ok()?, seq.parse().ok()?))
}

/// The advisory lock of one stream: the first four bytes of its id's SHA-256, the same in
/// every process whatever PostgreSQL's own hash functions do. Two streams that share a key
/// only queue behind each other.
fn lock_key(stream: &StreamId) -> i32 {
    let digest = Sha256::digest(stream.as_str().as_bytes());
    i32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

/// The two keys of the advisory lock an append to `stream` takes
/// (`pg_advisory_xact_lock(first, second)`): an operator (or a test) holding it with
/// `pg_advisory_lock` holds up the stream's appends from every instance.
pub fn stream_lock(stream: &StreamId) -> (i32, i32) {
    (LOCK_NAMESPACE, lock_key(stream))
}

/// The stream's last event, as `(seq, hash)`, or `None` when it has none.
async fn last_event(
    connection: &mut PgConnection,
    stream: &StreamId,
) -> Result<Option<(u64, EventHash)>, StoreError> {
    let last: Option<(i64, String)> = sqlx::query_as(
        "SELECT seq, hash FROM events WHERE stream_id = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(stream.as_str())
    .fetch_optional(&mut *connection)
    .await?;
    last.map(|(seq, hash)| {
        let hash = EventHash::parse(&hash).map_err(|error| unreadable(stream, seq, error))?;
        Ok((from_sql(stream, seq)?, hash))
    })
    .transpose()
}

/// In one statement: the first event that `request_id` (if any) appended to the stream,
/// and the stream's last event as `(seq, hash)`.
async fn request_and_last_event(
    connection: &mut PgConnection,
    stream: &StreamId,
    request_id: Option<&RequestId>,
) -> Result<(Option<u64>, Option<(u64, EventHash)>), StoreError> {
    let (first, seq, hash): (Option<i64>, Option<i64>, Option<String>) = sqlx::query_as(
        "SELECT (SELECT first_seq FROM requests WHERE stream_id = $1 AND request_id = $2), \
         last.seq, last.hash \
         FROM (SELECT 1) AS one LEFT JOIN LATERAL \
         (SELECT seq, hash FROM events WHERE stream_id = $1 ORDER BY seq DESC LIMIT 1) AS last ON true",
    )
    .bind(stream.as_str())
    .bind(request_id.map(RequestId::as_str))
    .fetch_one(&mut *connection)
    .await?;
    let first = first.map(|seq| from_sql(stream, seq)).transpose()?;
    let last = match (seq, hash) {
        (Some(seq), Some(hash)) => {
            let hash = EventHash::parse(&hash).map_err(|error| unreadable(stream, seq, error))?;
            Some((from_sql(stream, seq)?, hash))
        }
        _ => None,
    };
    Ok((first, last))
}

/// The first event that `request_id` appended to the stream, if it appended any.
async fn first_seq_of_request(
    connection: &mut PgConnection,
    stream: &StreamId,
    request_id: &RequestId,
) -> Result<Option<u64>, StoreError> {
    let first: Option<i64> = sqlx::query_scalar(
        "SELECT first_seq FROM requests WHERE stream_id = $1 AND request_id = $2",
    )
    .bind(stream.as_str())
    .bind(request_id.as_str())
    .fetch_optional(&mut *connection)
    .await?;
    first.map(|seq| from_sql(stream, seq)).transpose()
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|database_error| database_error.is_unique_violation())
}

/// Writes sealed events and their request, and announces them, in `transaction`; a unique
/// violation comes back as `Ok(false)`, with the transaction to be rolled back.
async fn insert(
    connection: &mut PgConnection,
    stream: &StreamId,
    request_id: Option<&RequestId>,
    stored: &[StoredEvent],
) -> Result<bool, StoreError> {
    let (Some(first), Some(last)) = (stored.first(), stored.last()) else {
        return Ok(true);
    };
    // One statement for the events (their columns as arrays, unnested), the request and the
    // notification: one round trip. Data-modifying CTEs all run, referenced or not; a unique
    // violation in either fails the whole statement.
    let inserted = sqlx::query(
        "WITH written AS ( \
           INSERT INTO events (stream_id, seq, kind, version, payload, recorded_at, request_id, prev_hash, hash) \
           SELECT $1, seq, kind, version, payload, recorded_at, $2, prev_hash, hash \
           FROM UNNEST($3::BIGINT[], $4::TEXT[], $5::BIGINT[], $6::TEXT[], $7::TEXT[], $8::TEXT[], $9::TEXT[]) \
           AS batch (seq, kind, version, payload, recorded_at, prev_hash, hash) RETURNING 1 \
         ), request AS ( \
           INSERT INTO requests (stream_id, request_id, first_seq) \
           SELECT $1, $2, $10 WHERE $2 IS NOT NULL RETURNING 1 \
         ) \
         SELECT pg_notify($11, $12)",
    )
    .bind(stream.as_str())
    .bind(request_id.map(RequestId::as_str))
    .bind(stored.iter().map(|event| to_sql(event.seq)).collect::<Vec<_>>())
    .bind(stored.iter().map(|event| event.kind.clone()).collect::<Vec<_>>())
    .bind(stored.iter().map(|event| i64::from(event.version)).collect::<Vec<_>>())
    .bind(stored.iter().map(|event| canonical_json(&event.payload)).collect::<Vec<_>>())
    .bind(stored.iter().map(|event| canonical_time(event.recorded_at)).collect::<Vec<_>>())
    .bind(stored.iter().map(|event| event.prev_hash.to_string()).collect::<Vec<_>>())
    .bind(stored.iter().map(|event| event.hash.to_string()).collect::<Vec<_>>())
    .bind(to_sql(first.seq))
    .bind(NOTIFY_CHANNEL)
    .bind(format!("{stream}:{}", last.seq))
    .execute(&mut *connection)
    .await;
    match inserted {
        Ok(_) => Ok(true),
        Err(error) if is_unique_violation(&error) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

/// One batch of appends in one transaction (group commit), each in a savepoint of its own.
/// The appends take their streams' advisory locks in the order of the locks' keys (each
/// stream's appends kept in the order submitted), so two instances committing batches at
/// once cannot deadlock; results come back in the order the appends were submitted.
async fn write_batch(pool: &PgPool, work: Vec<Work>) -> Vec<Result<Vec<StoredEvent>, StoreError>> {
    let n_jobs = work.len();
    let mut connection = match pool.acquire().await {
        Ok(connection) => connection,
        Err(error) => return batch_failed(&error.into(), n_jobs),
    };
    let mut order: Vec<usize> = (0..n_jobs).collect();
    order.sort_by_key(|index| lock_key(&work[*index].stream));
    let mut batch = PgBatch {
        connection: &mut connection,
        raced: None,
    };
    let written =
        tokio::time::timeout(ANSWER_WITHIN, write_in_savepoints(&mut batch, work, order)).await;
    // Cut short mid-transaction, the connection must not serve again (below).
    let results = written.unwrap_or_else(|_| {
        (0..n_jobs)
            .map(|_| {
                Err(StoreError::TimedOut {
                    waited: ANSWER_WITHIN,
                })
            })
            .collect()
    });
    if met_database_error(&results) {
        connection.close_on_drop();
    }
    results
}

/// A connection committing a batch, and the append it last saw race past the lock.
struct PgBatch<'c> {
    connection: &'c mut PgConnection,
    raced: Option<(StreamId, u64, Option<RequestId>)>,
}

impl BatchConnection for PgBatch<'_> {
    const BEGIN: &'static str = "BEGIN";

    async fn run(&mut self, sql: &'static str) -> Result<(), sqlx::Error> {
        sqlx::query(sql)
            .execute(&mut *self.connection)
            .await
            .map(|_| ())
    }

    async fn append_one(&mut self, work: Work) -> Result<Vec<StoredEvent>, StoreError> {
        let Work {
            stream,
            expected_seq,
            events,
        } = work;
        let request_id = batch_request_id(&events)?.cloned();
        match append_in(
            self.connection,
            &stream,
            expected_seq,
            request_id.as_ref(),
            events,
        )
        .await?
        {
            Some(stored) => Ok(stored),
            None => {
                // A unique violation: why is read after the rollback to the savepoint.
                let refusal = StoreError::Conflict {
                    stream: stream.clone(),
                    expected: expected_seq,
                    actual: expected_seq,
                };
                self.raced = Some((stream, expected_seq, request_id));
                Err(refusal)
            }
        }
    }

    async fn after_rollback(&mut self, refusal: StoreError) -> StoreError {
        match self.raced.take() {
            Some((stream, expected_seq, request_id)) => {
                refusal_after_race(self.connection, &stream, expected_seq, request_id.as_ref())
                    .await
            }
            None => refusal,
        }
    }
}

/// One append inside the open transaction: the stream's lock, the request id, the sequence
/// number, the rows and the notification. `Ok(None)` is a unique violation, to be explained
/// after rolling back to the savepoint.
async fn append_in(
    connection: &mut PgConnection,
    stream: &StreamId,
    expected_seq: u64,
    request_id: Option<&RequestId>,
    events: Vec<NewEvent>,
) -> Result<Option<Vec<StoredEvent>>, StoreError> {
    sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
        .bind(LOCK_NAMESPACE)
        .bind(lock_key(stream))
        .execute(&mut *connection)
        .await?;
    // Under the lock, one statement reads both what the append is checked against.
    let (first_of_request, last) = request_and_last_event(connection, stream, request_id).await?;
    // Before the sequence number: a retry comes with the `expected_seq` of its first
    // attempt, which is stale once that attempt has been written.
    if let (Some(request_id), Some(seq)) = (request_id, first_of_request) {
        return Err(StoreError::DuplicateRequest {
            stream: stream.clone(),
            request_id: request_id.clone(),
            seq,
        });
    }
    let actual = last.map_or(0, |(seq, _)| seq);
    if actual != expected_seq {
        return Err(StoreError::Conflict {
            stream: stream.clone(),
            expected: expected_seq,
            actual,
        });
    }
    let last_hash = last.map_or(EventHash::GENESIS, |(_, hash)| hash);
    let stored = seal(stream, expected_seq, last_hash, events);
    if !insert(connection, stream, request_id, &stored).await? {
        return Ok(None);
    }
    Ok(Some(stored))
}

/// Why an append was refused after a unique violation: the request was already written,
/// or else the stream moved on.
async fn refusal_after_race(
    connection: &mut PgConnection,
    stream: &StreamId,
    expected_seq: u64,
    request_id: Option<&RequestId>,
) -> StoreError {
    if let Some(request_id) = request_id {
        match first_seq_of_request(connection, stream, request_id).await {
            Ok(Some(seq)) => {
                return StoreError::DuplicateRequest {
                    stream: stream.clone(),
                    request_id: request_id.clone(),
                    seq,
                };
            }
            Ok(None) => {}
            Err(error) => return error,
        }
    }
    match last_event(connection, stream).await {
        Ok(last) => StoreError::Conflict {
            stream: stream.clone(),
            expected: expected_seq,
            actual: last.map_or(0, |(seq, _)| seq),
        },
        Err(error) => error,
    }
}

impl EventStore for PostgresStore {
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
        let rows = bounded(async {
            let query = format!(
                "SELECT {EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND seq > $2 ORDER BY seq"
            );
            Ok(sqlx::query_as::<_, EventRow>(&query)
                .bind(stream.as_str())
                .bind(to_sql(seq))
                .fetch_all(&self.pool)
                .await?)
        })
        .await?;
        into_events(stream, rows)
    }

    async fn streams(&self) -> Result<Vec<StreamId>, StoreError> {
        let ids: Vec<String> =
            bounded(async { Ok(sqlx::query_scalar(STREAM_IDS).fetch_all(&self.pool).await?) })
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
        let rows = bounded(async {
            let query = format!(
                "SELECT {EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND request_id = $2 ORDER BY seq"
            );
            Ok(sqlx::query_as::<_, EventRow>(&query)
                .bind(stream.as_str())
                .bind(request_id.as_str())
                .fetch_all(&self.pool)
                .await?)
        })
        .await?;
        if rows.is_empty() {
            return Ok(None);
        }
        into_events(stream, rows).map(Some)
    }

    /// Reads stream ids and rows itself, so that a malformed stream id or an unreadable row
    /// is reported with the rest instead of stopping the check. Not bounded by
    /// [`ANSWER_WITHIN`]: reading a whole large log may take longer, and `council verify`
    /// is run by someone who can stop it.
    async fn verify_all(&self) -> Result<VerifyReport, StoreError> {
        let ids: Vec<String> = sqlx::query_scalar(STREAM_IDS).fetch_all(&self.pool).await?;
        let mut report = VerifyReport::default();
        for id in ids {
            let Ok(stream) = StreamId::parse(&id) else {
                report.malformed_stream_ids.push(id);
                continue;
            };
            let rows = sqlx::query_as::<_, EventRow>(&format!(
                "SELECT {EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY seq"
            ))
            .bind(stream.as_str())
            .fetch_all(&self.pool)
            .await?;
            report.streams.push(stream_report(stream, rows)?);
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_left_out_of_the_name_of_a_database() {
        assert_eq!(
            without_password("postgres://council:s3cret@db.example:5432/council"),
            "postgres://council:***@db.example:5432/council"
        );
        assert_eq!(
            without_password("postgresql://postgres@127.0.0.1/council"),
            "postgresql://postgres@127.0.0.1/council"
        );
        assert_eq!(without_password("not a url"), "not a url");
    }

    #[test]
    fn notifications_name_a_stream_and_its_last_seq() {
        let stream = StreamId::parse("meeting-9790").unwrap();
        assert_eq!(parse_notification("meeting-9790:17"), Some((stream, 17)));
        for foreign in [
            "",
            "meeting-9790",
            "meeting-9790:",
            "two words:3",
            "m:-1",
            "m:x",
        ] {
            assert_eq!(parse_notification(foreign), None, "{foreign}");
        }
    }

    #[test]
    fn lock_keys_depend_only_on_the_stream_id() {
        let stream = |text: &str| StreamId::parse(text).unwrap();
        assert_eq!(lock_key(&stream("m1")), lock_key(&stream("m1")));
        assert_ne!(lock_key(&stream("m1")), lock_key(&stream("m2")));
    }
}
