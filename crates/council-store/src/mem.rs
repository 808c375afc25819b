//! [`MemStore`]: the event log in memory, for tests and for trying things out.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::chain::seal;
use crate::error::StoreError;
use crate::event::{EventHash, NewEvent, StoredEvent, batch_request_id};
use crate::request::RequestId;
use crate::store::EventStore;
use crate::stream::StreamId;

/// An [`EventStore`] in memory: the same semantics as the SQL stores, and nothing survives
/// the process.
#[derive(Debug, Default)]
pub struct MemStore {
    streams: Mutex<BTreeMap<StreamId, Vec<StoredEvent>>>,
}

impl MemStore {
    /// An empty store.
    pub fn new() -> MemStore {
        MemStore::default()
    }

    /// A store holding these events as they are, unchecked, the way a file read from disk
    /// is: [`EventStore::verify`] is what checks them. Each stream keeps the order given.
    pub fn from_events(events: impl IntoIterator<Item = StoredEvent>) -> MemStore {
        let mut streams: BTreeMap<StreamId, Vec<StoredEvent>> = BTreeMap::new();
        for event in events {
            streams
                .entry(event.stream_id.clone())
                .or_default()
                .push(event);
        }
        MemStore {
            streams: Mutex::new(streams),
        }
    }

    /// Every event of every stream, streams in order of id.
    pub fn into_events(self) -> Vec<StoredEvent> {
        let streams = self
            .streams
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        streams.into_values().flatten().collect()
    }

    fn lock(&self) -> MutexGuard<'_, BTreeMap<StreamId, Vec<StoredEvent>>> {
        // The map is changed only after every check has passed, so a panic elsewhere while
        // the lock was held cannot have left it half-written.
        self.streams.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl EventStore for MemStore {
    async fn append(
        &self,
        stream: &StreamId,
        expected_seq: u64,
        events: Vec<NewEvent>,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        if events.is_empty() {
            return Ok(Vec::new());
        }
        let request_id = batch_request_id(&events)?.cloned();
        let mut streams = self.lock();
        if let Some(request_id) = request_id {
            let first = streams.get(stream).and_then(|log| {
                log.iter()
                    .find(|event| event.request_id.as_ref() == Some(&request_id))
            });
            if let Some(first) = first {
                return Err(StoreError::DuplicateRequest {
                    stream: stream.clone(),
                    request_id,
                    seq: first.seq,
                });
            }
        }
        let log = streams.entry(stream.clone()).or_default();
        let actual = log.last().map_or(0, |event| event.seq);
        if actual != expected_seq {
            if log.is_empty() {
                streams.remove(stream);
            }
            return Err(StoreError::Conflict {
                stream: stream.clone(),
                expected: expected_seq,
                actual,
            });
        }
        let last_hash = log.last().map_or(EventHash::GENESIS, |event| event.hash);
        let stored = seal(stream, expected_seq, last_hash, events);
        log.extend(stored.iter().cloned());
        Ok(stored)
    }

    async fn load_after(
        &self,
        stream: &StreamId,
        seq: u64,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        let streams = self.lock();
        Ok(streams
            .get(stream)
            .map(|log| {
                log.iter()
                    .filter(|event| event.seq > seq)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default())
    }

    async fn streams(&self) -> Result<Vec<StreamId>, StoreError> {
        Ok(self.lock().keys().cloned().collect())
    }

    async fn find_request(
        &self,
        stream: &StreamId,
        request_id: &RequestId,
    ) -> Result<Option<Vec<StoredEvent>>, StoreError> {
        let streams = self.lock();
        let events: Vec<StoredEvent> = streams
            .get(stream)
            .into_iter()
            .flatten()
            .filter(|event| event.request_id.as_ref() == Some(request_id))
            .cloned()
            .collect();
        Ok((!events.is_empty()).then_some(events))
    }
}
