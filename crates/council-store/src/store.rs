//! The [`EventStore`] trait: what every backend offers, with the same semantics.

use std::future::Future;
use std::pin::Pin;

use crate::chain::verify_chain;
use crate::error::StoreError;
use crate::event::{NewEvent, StoredEvent};
use crate::request::RequestId;
use crate::stream::StreamId;
use crate::verify::{StreamReport, VerifyReport};

/// An append on its way to being durable (see [`EventStore::submit`]).
pub type PendingAppend =
    Pin<Box<dyn Future<Output = Result<Vec<StoredEvent>, StoreError>> + Send + 'static>>;

/// An append-only log of events per stream, with optimistic concurrency.
///
/// Every implementation passes the same conformance suite (`tests/it/conformance.rs`).
/// Methods return `impl Future + Send` rather than being written `async fn`, so that a
/// server can run them on a multi-threaded runtime through a generic `S: EventStore`;
/// implementations may still write them as `async fn`.
pub trait EventStore: Send + Sync {
    /// Appends `events` to `stream` if and only if the stream ends at `expected_seq` (0 for
    /// a stream with no events), numbering them `expected_seq + 1`, `+ 2`... and chaining
    /// their hashes. Either all are written or none is.
    ///
    /// Every event must carry the same request id, or none ([`StoreError::Invalid`]
    /// otherwise). A request id already in the stream fails with
    /// [`StoreError::DuplicateRequest`], checked before `expected_seq` so that a retry is
    /// recognised even after the stream has moved on. Otherwise fails with
    /// [`StoreError::Conflict`] when the stream does not end at `expected_seq`, typically
    /// because another writer appended first. Nothing is written when it fails. An empty
    /// `events` writes nothing and returns nothing, without checking anything, so a request
    /// that produced no events is not remembered. The events are durable when this returns
    /// `Ok`.
    fn append(
        &self,
        stream: &StreamId,
        expected_seq: u64,
        events: Vec<NewEvent>,
    ) -> impl Future<Output = Result<Vec<StoredEvent>, StoreError>> + Send;

    /// The events of `stream` with a sequence number above `seq`, in order: what a client
    /// that has seen up to `seq` has missed. Unknown streams have no events.
    fn load_after(
        &self,
        stream: &StreamId,
        seq: u64,
    ) -> impl Future<Output = Result<Vec<StoredEvent>, StoreError>> + Send;

    /// Every stream that has at least one event, in order of id.
    fn streams(&self) -> impl Future<Output = Result<Vec<StreamId>, StoreError>> + Send;

    /// The events that request `request_id` appended to `stream`, in order, or `None` when
    /// that request appended nothing there: what a server answers a retried request with.
    fn find_request(
        &self,
        stream: &StreamId,
        request_id: &RequestId,
    ) -> impl Future<Output = Result<Option<Vec<StoredEvent>>, StoreError>> + Send;

    /// Submits an append and answers, once it is queued, a future that resolves when it is
    /// durable (or refused): appends submitted one after another on a stream are written in
    /// that order, so a caller may decide its next append before the previous one is
    /// durable (pipelining), with `expected_seq` counting the ones in flight. If one fails,
    /// those after it on the same stream fail with [`StoreError::Conflict`], since the
    /// event they expected is missing. The default does the whole append before answering;
    /// a store with a writer queue (SQLite's group commit) answers as soon as it is queued.
    fn submit(
        &self,
        stream: &StreamId,
        expected_seq: u64,
        events: Vec<NewEvent>,
    ) -> impl Future<Output = PendingAppend> + Send {
        // The future's output is itself a future, on purpose: the caller awaits the queueing
        // and the durability separately.
        #[allow(clippy::async_yields_async)]
        async move {
            let appended = self.append(stream, expected_seq, events).await;
            Box::pin(std::future::ready(appended)) as PendingAppend
        }
    }

    /// A number that changes when the log has been written by anyone but this store (another
    /// process on the same file, an operator's command), if the store can tell that without
    /// reading the log; `None` when it cannot, and a reader must read to learn. Sampled before
    /// a read, an unchanged number later means that read is still up to date with what others
    /// wrote. The default cannot tell.
    fn written_elsewhere(&self) -> impl Future<Output = Result<Option<u64>, StoreError>> + Send {
        async { Ok(None) }
    }

    /// All events of `stream`, in order.
    fn load(
        &self,
        stream: &StreamId,
    ) -> impl Future<Output = Result<Vec<StoredEvent>, StoreError>> + Send {
        self.load_after(stream, 0)
    }

    /// Checks the stream's hash chain ([`verify_chain`]); a bad log fails with
    /// [`StoreError::Corrupt`] naming the first bad event.
    fn verify(&self, stream: &StreamId) -> impl Future<Output = Result<(), StoreError>> + Send {
        async move {
            let events = self.load(stream).await?;
            verify_chain(stream, &events)?;
            Ok(())
        }
    }

    /// Checks every stream's hash chain and reports, per stream, its number of events, its
    /// head and its first corruption if any, for `council verify`. A corrupt stream does
    /// not stop the check of the others: only a backend failure makes this fail. (This
    /// provided version stops if [`EventStore::streams`] itself finds the log corrupt;
    /// `SqliteStore` reads the rows itself and reports malformed stream ids and unreadable
    /// rows with the rest.)
    fn verify_all(&self) -> impl Future<Output = Result<VerifyReport, StoreError>> + Send {
        async move {
            let mut report = VerifyReport::default();
            for stream in self.streams().await? {
                let stream_report = match self.load(&stream).await {
                    Ok(events) => {
                        let n_events = events.len() as u64;
                        StreamReport::check(stream, &events, None, n_events)
                    }
                    // A backend that cannot read a stream's events one by one knows neither
                    // their number nor whether the chain breaks before the unreadable one.
                    Err(StoreError::Corrupt(corruption)) => {
                        StreamReport::check(stream, &[], Some(corruption), 0)
                    }
                    Err(error) => return Err(error),
                };
                report.streams.push(stream_report);
            }
            Ok(report)
        }
    }
}
