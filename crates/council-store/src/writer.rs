//! Group commit's plumbing, shared by the SQL stores: a [`Writer`] task per store takes the
//! appends waiting (up to [`MAX_BATCH`]) and hands them to the store's batch function, which
//! commits them in one transaction, each in a savepoint of its own; no append is answered
//! before the commit that holds it. Appends are taken in the order they were submitted, so
//! appends submitted one after another on a stream are written in that order (what the
//! server's pipelining relies on).

use std::future::Future;

use tokio::sync::{mpsc, oneshot};

use crate::error::StoreError;
use crate::event::{NewEvent, StoredEvent, batch_request_id};
use crate::store::PendingAppend;
use crate::stream::StreamId;

/// The most appends committed together.
pub(crate) const MAX_BATCH: usize = 256;

/// One append, as the batch function gets it.
#[derive(Debug)]
pub(crate) struct Work {
    /// The stream.
    pub(crate) stream: StreamId,
    /// The sequence number the stream must end at.
    pub(crate) expected_seq: u64,
    /// The events.
    pub(crate) events: Vec<NewEvent>,
}

#[derive(Debug)]
struct Job {
    work: Work,
    reply: oneshot::Sender<Result<Vec<StoredEvent>, StoreError>>,
}

/// The queue of a store's writer task.
#[derive(Debug, Clone)]
pub(crate) struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer task; `write` commits one batch and answers one result per append,
    /// in order.
    pub(crate) fn spawn<F, Fut>(mut write: F) -> Writer
    where
        F: FnMut(Vec<Work>) -> Fut + Send + 'static,
        Fut: Future<Output = Vec<Result<Vec<StoredEvent>, StoreError>>> + Send,
    {
        let (jobs, mut queue) = mpsc::channel::<Job>(4 * MAX_BATCH);
        tokio::spawn(async move {
            while let Some(first) = queue.recv().await {
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match queue.try_recv() {
                        Ok(job) => batch.push(job),
                        Err(_) => break,
                    }
                }
                let (replies, work): (Vec<_>, Vec<_>) =
                    batch.into_iter().map(|job| (job.reply, job.work)).unzip();
                let results = write(work).await;
                for (reply, result) in replies.into_iter().zip(results) {
                    // An append whose caller has gone is still written: nothing to tell.
                    let _ = reply.send(result);
                }
            }
        });
        Writer { jobs }
    }

    /// Queues an append; the answer resolves once it is committed or refused.
    pub(crate) async fn submit(
        &self,
        stream: &StreamId,
        expected_seq: u64,
        events: Vec<NewEvent>,
    ) -> PendingAppend {
        let ready = |result| Box::pin(std::future::ready(result)) as PendingAppend;
        if events.is_empty() {
            return ready(Ok(Vec::new()));
        }
        if let Err(error) = batch_request_id(&events) {
            return ready(Err(error.into()));
        }
        let (reply, answer) = oneshot::channel();
        let job = Job {
            work: Work {
                stream: stream.clone(),
                expected_seq,
                events,
            },
            reply,
        };
        let stopped = || StoreError::Backend(sqlx::Error::PoolClosed);
        if self.jobs.send(job).await.is_err() {
            return ready(Err(stopped()));
        }
        Box::pin(async move { answer.await.map_err(|_| stopped())? })
    }
}

/// The same failure for every append of a batch, the database's own words kept.
pub(crate) fn batch_failed(
    error: &StoreError,
    n_jobs: usize,
) -> Vec<Result<Vec<StoredEvent>, StoreError>> {
    let mut cause = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(next) = source {
        cause.push_str(": ");
        cause.push_str(&next.to_string());
        source = next.source();
    }
    (0..n_jobs)
        .map(|_| {
            Err(StoreError::Backend(sqlx::Error::Protocol(format!(
                "the batch of appends failed: {cause}"
            ))))
        })
        .collect()
}

/// A connection that commits a batch in one transaction, a savepoint per append: each store
/// says how its transaction begins and how one append is written; [`write_in_savepoints`]
/// does the rest, the same for both.
pub(crate) trait BatchConnection: Send {
    /// The statement that opens the transaction.
    const BEGIN: &'static str;

    /// Runs one statement without rows.
    fn run(&mut self, sql: &'static str) -> impl Future<Output = Result<(), sqlx::Error>> + Send;

    /// Writes one append inside the open transaction and its savepoint.
    fn append_one(
        &mut self,
        work: Work,
    ) -> impl Future<Output = Result<Vec<StoredEvent>, StoreError>> + Send;

    /// Why an append was refused, read once its savepoint is rolled back (a failed statement
    /// may have left the transaction unreadable until then). By default, as it was refused.
    fn after_rollback(&mut self, refusal: StoreError) -> impl Future<Output = StoreError> + Send {
        async move { refusal }
    }
}

/// Commits `work` in one transaction, in the order `order` gives, each append in a savepoint
/// of its own so a refused one is rolled back alone; answers in the order of `work`. A failure
/// of the transaction itself fails every append of the batch.
pub(crate) async fn write_in_savepoints<C: BatchConnection>(
    connection: &mut C,
    work: Vec<Work>,
    order: Vec<usize>,
) -> Vec<Result<Vec<StoredEvent>, StoreError>> {
    let n_jobs = work.len();
    let mut work: Vec<Option<Work>> = work.into_iter().map(Some).collect();
    let mut results: Vec<Option<Result<Vec<StoredEvent>, StoreError>>> =
        (0..n_jobs).map(|_| None).collect();
    if let Err(error) = connection.run(C::BEGIN).await {
        return batch_failed(&error.into(), n_jobs);
    }
    for index in order {
        let Some(job) = work[index].take() else {
            continue;
        };
        if let Err(error) = connection.run("SAVEPOINT job").await {
            let _ = connection.run("ROLLBACK").await;
            return batch_failed(&error.into(), n_jobs);
        }
        let result = connection.append_one(job).await;
        let end = match &result {
            Ok(_) => connection.run("RELEASE SAVEPOINT job").await,
            Err(_) => match connection.run("ROLLBACK TO SAVEPOINT job").await {
                Ok(()) => connection.run("RELEASE SAVEPOINT job").await,
                Err(error) => Err(error),
            },
        };
        if let Err(error) = end {
            let _ = connection.run("ROLLBACK").await;
            return batch_failed(&error.into(), n_jobs);
        }
        results[index] = Some(match result {
            Err(refusal) => Err(connection.after_rollback(refusal).await),
            stored => stored,
        });
    }
    if let Err(error) = connection.run("COMMIT").await {
        let _ = connection.run("ROLLBACK").await;
        return batch_failed(&error.into(), n_jobs);
    }
    results
        .into_iter()
        .map(|result| result.unwrap_or_else(|| Err(StoreError::Backend(sqlx::Error::PoolClosed))))
        .collect()
}

/// Whether a batch met a database error, after which its connection must not be reused: it
/// may be left inside a transaction the database rolled back by itself, or (SQLite) opened
/// read-only while the file was (tests/it/faults.rs of council-cli).
pub(crate) fn met_database_error(results: &[Result<Vec<StoredEvent>, StoreError>]) -> bool {
    results
        .iter()
        .any(|result| matches!(result, Err(StoreError::Backend(_))))
}
