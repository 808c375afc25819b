//! [`SqliteStore`]: the event log in one SQLite file, the default for `council serve`.
//!
//! Durability: the file is in WAL mode with `synchronous=FULL`, so a commit is on disk
//! before [`EventStore::append`] returns, and an acknowledged event survives `kill -9` or a
//! power cut. Group commit: one writer task per store takes the appends waiting (up to
//! 256) and commits them in one transaction; one `fsync` then makes many appends durable, and
//! none is answered before its commit. The transaction takes the write lock at its start
//! (`BEGIN IMMEDIATE`), so two writers of one file queue rather than fail with `SQLITE_BUSY`
//! midway, and what it reads stays true until it commits. It reads the last event of every
//! stream of the batch and which of its request ids are written already (two statements),
//! checks and seals each append in memory in the order submitted (`plan`), and writes every
//! accepted event in one statement and every request in another: six statements a batch
//! whatever its size, each a round trip to sqlx's SQLite thread, where checking and writing
//! one append after another took six per append. A refused append writes nothing; a failed
//! statement fails the whole batch, and no append of it is acknowledged.
//!
//! Request ids: each event row carries its append's request id, and the `requests` table
//! holds one row per request with the primary key `(stream_id, request_id)`. An append's
//! request id is looked up there first, inside the `BEGIN IMMEDIATE` transaction, so a
//! repeated request is a [`StoreError::DuplicateRequest`] and never mistaken for a conflict;
//! the key makes the database refuse a duplicate even if that check were skipped (the batch
//! then fails).
//!
//! Opening: [`SqliteStore::open`] creates the file if it is missing;
//! [`SqliteStore::open_existing`] (for `council verify`) never creates one. Both name the
//! file in their errors.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection, SqliteConnection};

use crate::chain::{Corruption, canonical_json, canonical_time};
use crate::error::StoreError;
use crate::event::{NewEvent, StoredEvent};
use crate::plan::{Planned, PlanningConnection, write_planned};
use crate::reader::{Read, ReadRow, Reader, answer_reads};
use crate::request::RequestId;
use crate::row::{EVENT_COLUMNS, EventRow, into_events, stream_report, to_sql};
use crate::store::{EventStore, PendingAppend};
use crate::stream::StreamId;
use crate::verify::VerifyReport;
use crate::writer::{Work, Writer, batch_failed};

/// How long a writer waits for another one to commit before giving up with a backend error.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An [`EventStore`] in an SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    writer: Writer,
    reader: Reader,
    held: Arc<WriterConnection>,
}

impl SqliteStore {
    /// Opens the store at `url` (`sqlite:PATH`), creating the file if it is missing and
    /// bringing its schema up to date. Fails with [`StoreError::Open`], naming the file, when
    /// it cannot be opened or created (a missing or read-only directory, say).
    pub async fn open(url: &str) -> Result<SqliteStore, StoreError> {
        let options = options(url)?.create_if_missing(true);
        let path = options.get_filename().to_owned();
        let pool = connect(options.clone(), &path).await?;
        SqliteStore::migrate(pool, options, path).await
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
        let pool = connect(options.clone(), &path).await?;
        SqliteStore::migrate(pool, options, path).await
    }

    async fn migrate(
        pool: SqlitePool,
        options: SqliteConnectOptions,
        path: PathBuf,
    ) -> Result<SqliteStore, StoreError> {
        match sqlx::migrate!("./migrations/sqlite").run(&pool).await {
            Ok(()) => {
                let held = Arc::new(WriterConnection {
                    options,
                    connection: tokio::sync::Mutex::new(None),
                });
                let writing = Arc::clone(&held);
                // No bound on an answer's wait: a local file that is slow is still working.
                let writer = Writer::spawn(None, move |work| {
                    let held = Arc::clone(&writing);
                    async move { write_batch(&held, work).await }
                });
                let reads = pool.clone();
                let reader = Reader::spawn(move |batch| {
                    let pool = reads.clone();
                    async move { read_batch(&pool, batch).await }
                });
                Ok(SqliteStore {
                    pool,
                    writer,
                    reader,
                    held,
                })
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
        self.reader.load_after(stream, seq).await
    }

    /// `PRAGMA data_version` on the writer's connection, which changes when any other
    /// connection commits to the file, and never for the writer's own commits; this store's
    /// other connections only read, so it changes when someone else wrote. It is counted per
    /// connection, so the number also carries how many writer connections were opened.
    async fn written_elsewhere(&self) -> Result<Option<u64>, StoreError> {
        let mut held_connection = self.held.connection.lock().await;
        let connection = match &mut *held_connection {
            Some(connection) => connection,
            None => held_connection.insert(open_writer_connection(&self.held.options).await?),
        };
        let version: i64 = sqlx::query_scalar("PRAGMA data_version")
            .fetch_one(&mut *connection)
            .await?;
        let opened = CONNECTIONS_OPENED.load(std::sync::atomic::Ordering::Relaxed);
        Ok(Some(opened.wrapping_shl(32) ^ version as u64))
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

/// A batch of reads in one statement, the reads passed as one JSON array of
/// `[stream_id, after]`; one result per read, in order.
async fn read_batch(
    pool: &SqlitePool,
    reads: Vec<Read>,
) -> Vec<Result<Vec<StoredEvent>, StoreError>> {
    let keys: Vec<(&str, i64)> = reads
        .iter()
        .map(|read| (read.stream.as_str(), to_sql(read.after)))
        .collect();
    // `read` counts from 1, as PostgreSQL's `WITH ORDINALITY` does.
    let query = format!(
        "SELECT j.key + 1 AS read, {EVENT_COLUMNS} FROM json_each(?) AS j \
         JOIN events ON stream_id = json_extract(j.value, '$[0]') \
         AND seq > json_extract(j.value, '$[1]') ORDER BY j.key, seq"
    );
    let rows = sqlx::query_as::<_, ReadRow>(&query)
        .bind(json_text(&keys))
        .fetch_all(pool)
        .await;
    answer_reads(&reads, rows.map_err(StoreError::from))
}

/// The writer's own connection, outside the pool: the only one of this store that writes,
/// so its page cache stays valid from one batch to the next (SQLite drops a connection's
/// cache when another connection changed the file), and the reads of a batch hit it. Opened
/// on first use, and again after a batch that failed.
struct WriterConnection {
    options: SqliteConnectOptions,
    connection: tokio::sync::Mutex<Option<SqliteConnection>>,
}

impl std::fmt::Debug for WriterConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriterConnection")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// How many writer connections were opened, in any store of this process: a generation
/// from [`EventStore::written_elsewhere`] carries it, since a new connection counts
/// `data_version` afresh.
static CONNECTIONS_OPENED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A connection for the writer, counted in [`CONNECTIONS_OPENED`].
async fn open_writer_connection(
    options: &SqliteConnectOptions,
) -> Result<SqliteConnection, sqlx::Error> {
    let connection = SqliteConnection::connect_with(options).await?;
    CONNECTIONS_OPENED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Ok(connection)
}

/// One batch of appends on the writer's connection (see the module docs): every append
/// fails alike if the transaction does.
async fn write_batch(
    held: &WriterConnection,
    work: Vec<Work>,
) -> Vec<Result<Vec<StoredEvent>, StoreError>> {
    let n_jobs = work.len();
    let mut held_connection = held.connection.lock().await;
    let connection = match &mut *held_connection {
        Some(connection) => connection,
        None => match open_writer_connection(&held.options).await {
            Ok(connection) => held_connection.insert(connection),
            Err(error) => return batch_failed(&error.into(), n_jobs),
        },
    };
    match write_planned(connection, work).await {
        Ok(results) => results,
        Err(error) => {
            // It may have been opened read-only while the file was (tests/it/faults.rs of
            // council-cli), or left in a transaction: not to serve again.
            if let Some(connection) = held_connection.take() {
                let _ = connection.close().await;
            }
            batch_failed(&error, n_jobs)
        }
    }
}

/// A batch in one `BEGIN IMMEDIATE` transaction: what the database holds for its streams
/// and requests read in two statements, each append checked and sealed in memory
/// ([`plan`](crate::plan)), and every accepted event and request written in one statement
/// each. The write lock, held from `BEGIN IMMEDIATE` to `COMMIT`, keeps what was read true
/// until then, so there is nothing more to lock.
impl PlanningConnection for SqliteConnection {
    const BEGIN: &'static str = "BEGIN IMMEDIATE";

    async fn run(&mut self, sql: &'static str) -> Result<(), StoreError> {
        sqlx::query(sql).execute(&mut *self).await?;
        Ok(())
    }

    /// The batch's keys passed as one JSON array; rows numbered from 1 (`json_each`'s key,
    /// plus 1).
    async fn last_events(
        &mut self,
        streams: &[&StreamId],
    ) -> Result<Vec<(i64, i64, String)>, StoreError> {
        let ids: Vec<&str> = streams.iter().map(|stream| stream.as_str()).collect();
        Ok(sqlx::query_as(
            "SELECT s.key + 1, e.seq, e.hash FROM json_each(?) AS s \
             JOIN events AS e ON e.stream_id = s.value \
             AND e.seq = (SELECT MAX(seq) FROM events WHERE stream_id = s.value)",
        )
        .bind(json_text(&ids))
        .fetch_all(&mut *self)
        .await?)
    }

    async fn written_requests(
        &mut self,
        requests: &[(&StreamId, &RequestId)],
    ) -> Result<Vec<(i64, i64)>, StoreError> {
        let pairs: Vec<(&str, &str)> = requests
            .iter()
            .map(|(stream, request)| (stream.as_str(), request.as_str()))
            .collect();
        Ok(sqlx::query_as(
            "SELECT j.key + 1, r.first_seq FROM json_each(?) AS j \
             JOIN requests AS r ON r.stream_id = json_extract(j.value, '$[0]') \
             AND r.request_id = json_extract(j.value, '$[1]')",
        )
        .bind(json_text(&pairs))
        .fetch_all(&mut *self)
        .await?)
    }

    /// Writes the planned events and requests, one statement each, their rows passed as one
    /// JSON array of arrays.
    async fn write_rows(&mut self, planned: &Planned) -> Result<(), StoreError> {
        let events: Vec<serde_json::Value> = planned
            .events()
            .map(|event| {
                serde_json::json!([
                    event.stream_id.as_str(),
                    to_sql(event.seq),
                    event.kind,
                    event.version,
                    canonical_json(&event.payload),
                    canonical_time(event.recorded_at),
                    event.request_id.as_ref().map(RequestId::as_str),
                    event.prev_hash.to_string(),
                    event.hash.to_string(),
                ])
            })
            .collect();
        if events.is_empty() {
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO events (stream_id, seq, kind, version, payload, recorded_at, request_id, prev_hash, hash) \
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), \
             json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'), \
             json_extract(value, '$[6]'), json_extract(value, '$[7]'), json_extract(value, '$[8]') \
             FROM json_each(?)",
        )
        .bind(json_text(&events))
        .execute(&mut *self)
        .await?;
        if planned.requests.is_empty() {
            return Ok(());
        }
        let requests: Vec<(&str, &str, i64)> = planned
            .requests
            .iter()
            .map(|(stream, request, first)| (stream.as_str(), request.as_str(), to_sql(*first)))
            .collect();
        sqlx::query(
            "INSERT INTO requests (stream_id, request_id, first_seq) \
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') \
             FROM json_each(?)",
        )
        .bind(json_text(&requests))
        .execute(&mut *self)
        .await?;
        Ok(())
    }
}

/// Keys or rows as a JSON array, for `json_each`.
fn json_text(rows: &impl serde::Serialize) -> String {
    serde_json::to_string(rows).expect("strings and integers always serialize")
}
