//! Group commit's plumbing, shared by the SQL stores: a [`Writer`] task per store takes the
//! appends waiting (up to [`MAX_BATCH`]) and hands them to the store's batch function, which
//! commits them in one transaction: both SQL stores read what the batch's appends are
//! checked against once, check and seal them in memory (`plan`) and write them all at once.
//! No append is answered before the commit that holds it. Appends are taken in the order they were submitted, so
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

/// What waits on a batching queue: an item, and where its answer goes.
#[derive(Debug)]
pub(crate) struct Waiting<T, O> {
    /// The item (an append, a read).
    pub(crate) item: T,
    /// Where its answer goes.
    pub(crate) reply: oneshot::Sender<O>,
}

/// Starts a task that takes what waits on the queue it returns, up to `max` at a time (as
/// much as has arrived: a lone item goes at once), leaves out the items nobody waits for any
/// more, hands the rest to `answer` in the order they came, and sends back each answer, one
/// per item in the same order. The writer's appends and SQLite's reads go through one each.
pub(crate) fn spawn_batches<T, O, F, Fut>(max: usize, mut answer: F) -> mpsc::Sender<Waiting<T, O>>
where
    T: Send + 'static,
    O: Send + 'static,
    F: FnMut(Vec<T>) -> Fut + Send + 'static,
    Fut: Future<Output = Vec<O>> + Send,
{
    let (waiting, mut queue) = mpsc::channel::<Waiting<T, O>>(4 * max);
    tokio::spawn(async move {
        while let Some(first) = queue.recv().await {
            let mut batch = vec![first];
            while batch.len() < max {
                match queue.try_recv() {
                    Ok(next) => batch.push(next),
                    Err(_) => break,
                }
            }
            // Nobody waits for these any more (they timed out, or their caller went): left
            // out, so an append's caller's answer, an error, stays true.
            batch.retain(|waiting| !waiting.reply.is_closed());
            if batch.is_empty() {
                continue;
            }
            let (replies, items): (Vec<_>, Vec<_>) = batch
                .into_iter()
                .map(|waiting| (waiting.reply, waiting.item))
                .unzip();
            let answers = answer(items).await;
            for (reply, answer) in replies.into_iter().zip(answers) {
                // A caller that went while its batch was in flight: nothing to tell.
                let _ = reply.send(answer);
            }
        }
    });
    waiting
}

/// An append waiting for the writer.
type Job = Waiting<Work, Result<Vec<StoredEvent>, StoreError>>;

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
    pub(crate) fn spawn<F, Fut>(answer_within: Option<Duration>, write: F) -> Writer
    where
        F: FnMut(Vec<Work>) -> Fut + Send + 'static,
        Fut: Future<Output = Vec<Result<Vec<StoredEvent>, StoreError>>> + Send,
    {
        Writer {
            jobs: spawn_batches(MAX_BATCH, write),
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
            item: Work {
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
