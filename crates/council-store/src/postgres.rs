//! [`PostgresStore`]: the event log in a PostgreSQL database, for several `council serve`
//! instances sharing meetings (feature `postgres`).
//!
//! The same rows as SQLite's, in the same texts (`migrations/postgres/`), so the same events
//! get the same hashes on both. `payload` and `recorded_at` are `TEXT` rather than `jsonb`
//! and `timestamptz`, which would reorder keys and drop nanoseconds: the row holds what was
//! hashed.
//!
//! Appends: group commit, as in SQLite: one writer task per store commits the appends
//! waiting in one transaction (`BEGIN ISOLATION LEVEL READ COMMITTED` ... `COMMIT`), and, as
//! in SQLite, checks and seals them in memory (`plan`) against what one read gives. First,
//! one statement takes the transaction-scoped advisory lock of every stream of the batch
//! (`pg_advisory_xact_lock`, keyed by the SHA-256 of the stream id), in the order of the
//! keys, so appends to one stream queue, from any process, while other streams go on in
//! parallel, and two instances cannot deadlock. Under the locks, one statement reads the
//! streams' last events and another which of the batch's request ids are written
//! ([`StoreError::DuplicateRequest`], checked before `expected_seq`;
//! [`StoreError::Conflict`] unless the stream ends at `expected_seq`); every statement of a
//! `READ COMMITTED` transaction sees what the previous holders of the locks committed, which
//! is why the locks are a statement of their own. One more statement writes every accepted
//! event and request and the notifications. Six round trips a batch whatever its size, where
//! writing one append after another took five each (a savepoint, the lock, a read, a write,
//! the savepoint's release).
//!
//! A refused append writes nothing, so needs no savepoint. A database error (say a unique
//! violation on the primary keys `(stream_id, seq)` or `(stream_id, request_id)`, which back
//! the locks against a writer that bypassed them) aborts the transaction, and fails every
//! append of the batch, as a [`StoreError::Backend`]; none of them is written.
//!
//! Notifications: a batch also sends `NOTIFY council_events, '<stream_id>:<seq>'` with the
//! last `seq` of each stream it appended to, inside its transaction, so PostgreSQL delivers
//! them only once the events are committed, and never for an append that failed. [`PostgresStore::listen`] receives them;
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

use std::collections::HashMap;
use std::io;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use futures_util::Stream;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use sqlx::postgres::{PgConnectOptions, PgListener, PgPool, PgPoolOptions};

use crate::chain::{Corruption, canonical_json, canonical_time};
use crate::error::StoreError;
use crate::event::{NewEvent, StoredEvent};
use crate::plan::{Planned, PlanningConnection, write_planned};
use crate::request::RequestId;
use crate::row::{EVENT_COLUMNS, EventRow, into_events, stream_report, to_sql};
use crate::store::{EventStore, PendingAppend};
use crate::stream::StreamId;
use crate::verify::VerifyReport;
use crate::writer::{Work, Writer, batch_failed};

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

/// One batch of appends in one transaction (group commit, [`write_planned`]): the advisory
/// locks of its streams, what the database holds for them, each append checked and sealed in
/// memory, every accepted event, request and notification written in one statement. Six
/// round trips a batch, whatever its size. Results come back in the order the appends were
/// submitted; none is answered written unless the batch's `COMMIT` succeeded.
async fn write_batch(pool: &PgPool, work: Vec<Work>) -> Vec<Result<Vec<StoredEvent>, StoreError>> {
    let n_jobs = work.len();
    let mut connection = match pool.acquire().await {
        Ok(connection) => connection,
        Err(error) => return batch_failed(&error.into(), n_jobs),
    };
    match tokio::time::timeout(ANSWER_WITHIN, write_planned(&mut *connection, work)).await {
        Ok(Ok(results)) => results,
        Ok(Err(error)) => {
            // Perhaps left in a transaction the database aborted: not to serve again.
            connection.close_on_drop();
            batch_failed(&error, n_jobs)
        }
        Err(_) => {
            // Cut short mid-transaction: not to serve again. Its transaction may still
            // commit, which the appends' request ids make safe to retry.
            connection.close_on_drop();
            (0..n_jobs)
                .map(|_| {
                    Err(StoreError::TimedOut {
                        waited: ANSWER_WITHIN,
                    })
                })
                .collect()
        }
    }
}

impl PlanningConnection for PgConnection {
    // Said out loud, since reading under the locks relies on it: a server whose default is
    // `REPEATABLE READ` would read streams as they were before the locks were taken.
    const BEGIN: &'static str = "BEGIN ISOLATION LEVEL READ COMMITTED";

    async fn run(&mut self, sql: &'static str) -> Result<(), StoreError> {
        sqlx::query(sql).execute(&mut *self).await?;
        Ok(())
    }

    /// Takes the advisory lock of every stream of the batch, in one statement, in the order of
    /// the locks' keys: two instances committing batches at once take shared locks in the same
    /// order, so cannot deadlock. The rows of the subquery, sorted, are locked in that order
    /// (a subquery with `ORDER BY` is not merged into the query around it).
    async fn lock(&mut self, work: &[Work]) -> Result<(), StoreError> {
        let mut keys: Vec<i32> = work.iter().map(|job| lock_key(&job.stream)).collect();
        keys.sort_unstable();
        keys.dedup();
        sqlx::query(
            "SELECT pg_advisory_xact_lock($1, key) \
             FROM (SELECT key FROM UNNEST($2::INT4[]) AS key ORDER BY key) AS keys",
        )
        .bind(LOCK_NAMESPACE)
        .bind(keys)
        .execute(&mut *self)
        .await?;
        Ok(())
    }

    /// Under the locks: each statement of a `READ COMMITTED` transaction sees what was
    /// committed before it began, so this sees what the previous holders of the locks
    /// committed, which is why the locks are taken by a statement of their own.
    async fn last_events(
        &mut self,
        streams: &[&StreamId],
    ) -> Result<Vec<(i64, i64, String)>, StoreError> {
        let ids: Vec<&str> = streams.iter().map(|stream| stream.as_str()).collect();
        Ok(sqlx::query_as(
            "SELECT s.n, last.seq, last.hash FROM UNNEST($1::TEXT[]) WITH ORDINALITY AS s (stream_id, n) \
             JOIN LATERAL (SELECT seq, hash FROM events WHERE events.stream_id = s.stream_id \
             ORDER BY seq DESC LIMIT 1) AS last ON true",
        )
        .bind(ids)
        .fetch_all(&mut *self)
        .await?)
    }

    async fn written_requests(
        &mut self,
        requests: &[(&StreamId, &RequestId)],
    ) -> Result<Vec<(i64, i64)>, StoreError> {
        let (streams, ids): (Vec<&str>, Vec<&str>) = requests
            .iter()
            .map(|(stream, request)| (stream.as_str(), request.as_str()))
            .unzip();
        Ok(sqlx::query_as(
            "SELECT r.n, requests.first_seq \
             FROM UNNEST($1::TEXT[], $2::TEXT[]) WITH ORDINALITY AS r (stream_id, request_id, n) \
             JOIN requests ON requests.stream_id = r.stream_id AND requests.request_id = r.request_id",
        )
        .bind(streams)
        .bind(ids)
        .fetch_all(&mut *self)
        .await?)
    }

    /// Writes the planned events and requests and announces each stream's new last event, in
    /// one statement (the rows' columns as arrays, unnested): data-modifying CTEs all run,
    /// referenced or not, and a unique violation in either (a writer that bypassed the locks)
    /// fails the statement, and so the batch.
    async fn write_rows(&mut self, planned: &Planned) -> Result<(), StoreError> {
        let events: Vec<&StoredEvent> = planned.events().collect();
        if events.is_empty() {
            return Ok(());
        }
        let text = |field: fn(&StoredEvent) -> String| -> Vec<String> {
            events.iter().map(|event| field(event)).collect()
        };
        let number = |field: fn(&StoredEvent) -> i64| -> Vec<i64> {
            events.iter().map(|event| field(event)).collect()
        };
        let mut last_of_stream: HashMap<&StreamId, u64> = HashMap::new();
        for event in &events {
            let last = last_of_stream.entry(&event.stream_id).or_default();
            *last = (*last).max(event.seq);
        }
        let notifications: Vec<String> = last_of_stream
            .iter()
            .map(|(stream, seq)| format!("{stream}:{seq}"))
            .collect();
        sqlx::query(
            "WITH written AS ( \
               INSERT INTO events (stream_id, seq, kind, version, payload, recorded_at, request_id, prev_hash, hash) \
               SELECT * FROM UNNEST($1::TEXT[], $2::BIGINT[], $3::TEXT[], $4::BIGINT[], $5::TEXT[], \
                 $6::TEXT[], $7::TEXT[], $8::TEXT[], $9::TEXT[]) RETURNING 1 \
             ), request AS ( \
               INSERT INTO requests (stream_id, request_id, first_seq) \
               SELECT * FROM UNNEST($10::TEXT[], $11::TEXT[], $12::BIGINT[]) RETURNING 1 \
             ) \
             SELECT pg_notify($13, message) FROM UNNEST($14::TEXT[]) AS message",
        )
        .bind(text(|event| event.stream_id.as_str().to_owned()))
        .bind(number(|event| to_sql(event.seq)))
        .bind(text(|event| event.kind.clone()))
        .bind(number(|event| i64::from(event.version)))
        .bind(text(|event| canonical_json(&event.payload)))
        .bind(text(|event| canonical_time(event.recorded_at)))
        .bind(
            events
                .iter()
                .map(|event| event.request_id.as_ref().map(RequestId::as_str))
                .collect::<Vec<_>>(),
        )
        .bind(text(|event| event.prev_hash.to_string()))
        .bind(text(|event| event.hash.to_string()))
        .bind(
            planned
                .requests
                .iter()
                .map(|(stream, _, _)| stream.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            planned
                .requests
                .iter()
                .map(|(_, request, _)| request.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            planned
                .requests
                .iter()
                .map(|(_, _, first)| to_sql(*first))
                .collect::<Vec<_>>(),
        )
        .bind(NOTIFY_CHANNEL)
        .bind(notifications)
        .execute(&mut *self)
        .await?;
        Ok(())
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

    /// Each read on a connection of the pool, at once: gathering reads into one statement,
    /// as SQLite does, lowered the server's CPU but made them wait for each other, and
    /// raised the median vote-to-board latency at a human pace from 7 to 30 ms.
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
