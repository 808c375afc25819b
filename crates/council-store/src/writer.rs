//! Group commit's plumbing, shared by the SQL stores: a [`Writer`] task per store takes the
//! appends waiting (up to [`MAX_BATCH`]) and hands them to the store's batch function, which
//! commits them in one transaction, each in a savepoint of its own; no append is answered
//! before the commit that holds it. Appends are taken in the order they were submitted, so
//! appends submitted one after another on a stream are written in that order (what the
//! server's pipelining relies on).
//!
//! A store may bound how long an append waits for its answer ([`Writer::spawn`]'s
//! `answer_within`): a database that stops answering (a frozen server, a partition) then
//! gives [`StoreError::TimedOut`] instead of a request that hangs. An append whose caller
//! stopped waiting before its batch began is skipped, never written; one whose batch was
//! already in flight may still be committed, which is why a retry carries the same request id.

use std::future::Future;

use tokio::sync::{mpsc, oneshot};

use std::time::Duration;

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
    answer_within: Option<Duration>,
}

impl Writer {
    /// Starts the writer task; `write` commits one batch and answers one result per append,
    /// in order. With `answer_within`, an append not answered within that time from its
    /// submission fails with [`StoreError::TimedOut`] (and `write` should bound its own
    /// batches, so the queue moves on).
    pub(crate) fn spawn<F, Fut>(answer_within: Option<Duration>, mut write: F) -> Writer
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
                // Nobody waits for these any more (they timed out, or their caller went):
                // never written, so their caller's answer, an error, stays true.
                batch.retain(|job| !job.reply.is_closed());
                if batch.is_empty() {
                    continue;
                }
                let (replies, work): (Vec<_>, Vec<_>) =
                    batch.into_iter().map(|job| (job.reply, job.work)).unzip();
                let results = write(work).await;
                for (reply, result) in replies.into_iter().zip(results) {
                    // A caller that went while its batch was in flight: nothing to tell.
                    let _ = reply.send(result);
                }
            }
        });
        Writer {
            jobs,
            answer_within,
        }
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
        let bound = self
            .answer_within
            .map(|waited| (tokio::time::Instant::now() + waited, waited));
        match by_deadline(bound, self.jobs.send(job)).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => return ready(Err(stopped())),
            Err(timed_out) => return ready(Err(timed_out)),
        }
        Box::pin(async move { by_deadline(bound, answer).await?.map_err(|_| stopped())? })
    }
}

/// `work`'s output, or [`StoreError::TimedOut`] once `bound`'s deadline (and the wait it
/// stands for) has passed; without a bound, `work`'s output whenever it comes.
async fn by_deadline<T>(
    bound: Option<(tokio::time::Instant, Duration)>,
    work: impl Future<Output = T>,
) -> Result<T, StoreError> {
    match bound {
        Some((deadline, waited)) => tokio::time::timeout_at(deadline, work)
            .await
            .map_err(|_| StoreError::TimedOut { waited }),
        None => Ok(work.await),
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
    results.iter().any(|result| {
        matches!(
            result,
            Err(StoreError::Backend(_) | StoreError::TimedOut { .. })
        )
    })
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use chrono::{TimeZone, Utc};
    use serde_json::json;

    use super::*;

    fn one_event(stream: &str) -> (StreamId, Vec<NewEvent>) {
        let at = Utc.with_ymd_and_hms(2024, 11, 20, 15, 0, 0).unwrap();
        let event = NewEvent::new("vote_cast", 1, json!({"member": "USA"}), at).unwrap();
        (StreamId::parse(stream).unwrap(), vec![event])
    }

    /// A writer whose first batch takes `first_takes` (a frozen database); records the
    /// streams of every batch it is given.
    fn slow_writer(
        answer_within: Option<Duration>,
        first_takes: Duration,
    ) -> (Writer, Arc<Mutex<Vec<Vec<String>>>>) {
        let batches = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&batches);
        let writer = Writer::spawn(answer_within, move |work: Vec<Work>| {
            let seen = Arc::clone(&seen);
            async move {
                let streams = work.iter().map(|w| w.stream.to_string()).collect();
                let first = {
                    let mut seen = seen.lock().unwrap();
                    seen.push(streams);
                    seen.len() == 1
                };
                if first {
                    tokio::time::sleep(first_takes).await;
                }
                work.iter().map(|_| Ok(Vec::new())).collect()
            }
        });
        (writer, batches)
    }

    #[tokio::test(start_paused = true)]
    async fn appends_not_answered_in_time_time_out_and_those_not_yet_begun_are_never_written() {
        let (writer, batches) = slow_writer(Some(Duration::from_secs(8)), Duration::from_secs(10));
        let (stream, events) = one_event("m1");
        let in_flight = writer.submit(&stream, 0, events).await;
        // Let the writer take the first append into its (endless) batch.
        tokio::task::yield_now().await;
        let (stream, events) = one_event("m2");
        let queued = writer.submit(&stream, 0, events).await;
        for answer in [in_flight.await, queued.await] {
            assert!(
                matches!(answer, Err(StoreError::TimedOut { waited }) if waited == Duration::from_secs(8)),
                "{answer:?}"
            );
        }
        // Once the first batch is over, the writer goes on without the append nobody
        // waits for.
        let (stream, events) = one_event("m3");
        let later = writer.submit(&stream, 0, events).await;
        assert!(later.await.is_ok());
        assert_eq!(
            *batches.lock().unwrap(),
            vec![vec!["m1".to_owned()], vec!["m3".to_owned()]]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn without_a_bound_an_append_waits_for_its_batch() {
        let (writer, _batches) = slow_writer(None, Duration::from_secs(3600));
        let (stream, events) = one_event("m1");
        let started = tokio::time::Instant::now();
        assert!(writer.submit(&stream, 0, events).await.await.is_ok());
        assert!(started.elapsed() >= Duration::from_secs(3600));
    }
}
