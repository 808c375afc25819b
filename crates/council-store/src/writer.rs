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
