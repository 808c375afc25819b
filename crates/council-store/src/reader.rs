//! Reads coalesced, as the [`Writer`](crate::writer) coalesces appends: a [`Reader`] task per
//! store takes the `load_after` reads waiting (up to [`MAX_READS`]) and hands them to the
//! store's batch function, which answers them all with one statement. A server holding many
//! meetings reads often and little (a meeting catching up on its access log, say); one
//! statement for many reads is one round trip where there were many, and on SQLite one
//! hand-over to its connection's thread and back.
//!
//! A read waits for no other: the task takes whatever is waiting when it is free, so a lone
//! read is sent at once, and reads only gather while a batch is being answered.

use std::future::Future;

use tokio::sync::{mpsc, oneshot};

use crate::error::StoreError;
use crate::event::StoredEvent;
use crate::plan::ordinal;
use crate::row::{EventRow, into_events};
use crate::stream::StreamId;
use crate::writer::{Waiting, batch_failed, spawn_batches};

/// The most reads answered together.
pub(crate) const MAX_READS: usize = 256;

/// One read: the events of `stream` after `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Read {
    /// The stream.
    pub(crate) stream: StreamId,
    /// The last sequence number the reader has; events after it are wanted.
    pub(crate) after: u64,
}

/// A read waiting for the reader.
type Job = Waiting<Read, Result<Vec<StoredEvent>, StoreError>>;

/// The queue of a store's reader task.
#[derive(Debug, Clone)]
pub(crate) struct Reader {
    jobs: mpsc::Sender<Job>,
}

impl Reader {
    /// Starts the reader task; `read` answers one batch, one result per read, in order.
    pub(crate) fn spawn<F, Fut>(read: F) -> Reader
    where
        F: FnMut(Vec<Read>) -> Fut + Send + 'static,
        Fut: Future<Output = Vec<Result<Vec<StoredEvent>, StoreError>>> + Send,
    {
        Reader {
            jobs: spawn_batches(MAX_READS, read),
        }
    }

    /// The events of `stream` after `after`, read with whatever other reads are waiting.
    pub(crate) async fn load_after(
        &self,
        stream: &StreamId,
        after: u64,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        let (reply, answer) = oneshot::channel();
        let job = Job {
            item: Read {
                stream: stream.clone(),
                after,
            },
            reply,
        };
        let stopped = || StoreError::Backend(sqlx::Error::PoolClosed);
        self.jobs.send(job).await.map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

/// An event row and the read of a batch it answers, counted from 1.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ReadRow {
    /// Which read, from 1.
    read: i64,
    /// The event.
    #[sqlx(flatten)]
    row: EventRow,
}

/// The answer to each of `reads`, in order, from the rows of one statement that answered
/// them all; if it failed, the same failure for each.
pub(crate) fn answer_reads(
    reads: &[Read],
    rows: Result<Vec<ReadRow>, StoreError>,
) -> Vec<Result<Vec<StoredEvent>, StoreError>> {
    let rows = match rows {
        Ok(rows) => rows,
        Err(error) => return batch_failed(&error, reads.len()),
    };
    let mut by_read: Vec<Vec<EventRow>> = reads.iter().map(|_| Vec::new()).collect();
    for ReadRow { read, row } in rows {
        match ordinal(read, by_read.len()) {
            Ok(index) => by_read[index].push(row),
            Err(error) => return batch_failed(&error, reads.len()),
        }
    }
    reads
        .iter()
        .zip(by_read)
        .map(|(read, rows)| into_events(&read.stream, rows))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn reads_that_wait_while_a_batch_is_answered_are_answered_together_in_order() {
        let batches: Arc<Mutex<Vec<Vec<Read>>>> = Arc::default();
        let seen = Arc::clone(&batches);
        let reader = Reader::spawn(move |reads: Vec<Read>| {
            let seen = Arc::clone(&seen);
            async move {
                seen.lock().unwrap().push(reads.clone());
                tokio::time::sleep(Duration::from_millis(10)).await;
                // Each read answered with an error naming it, to check the order.
                reads
                    .iter()
                    .map(|read| {
                        Err(StoreError::Conflict {
                            stream: read.stream.clone(),
                            expected: read.after,
                            actual: 0,
                        })
                    })
                    .collect()
            }
        });
        let ask = |i: u64| {
            let reader = reader.clone();
            tokio::spawn(async move {
                let stream = StreamId::parse(&format!("m{i}")).unwrap();
                reader.load_after(&stream, i).await
            })
        };
        let first = ask(0);
        // Let the reader take the first read alone into its batch.
        for _ in 0..3 {
            tokio::task::yield_now().await;
        }
        let mut asked = vec![first];
        asked.extend((1..5).map(ask));
        for (i, asked) in asked.into_iter().enumerate() {
            let answer = asked.await.unwrap();
            assert!(
                matches!(answer, Err(StoreError::Conflict { expected, .. }) if expected == i as u64),
                "{answer:?}"
            );
        }
        let batches = batches.lock().unwrap();
        // The first read goes alone; the rest gathered while it was answered.
        assert_eq!(batches.len(), 2, "{batches:?}");
        assert_eq!(batches[0].len(), 1);
        assert_eq!(batches[1].len(), 4);
    }
}
