//! Checking a whole store: [`VerifyReport`], one [`StreamReport`] per stream, as
//! [`EventStore::verify_all`](crate::EventStore::verify_all) gives it for `council verify`.

use crate::chain::{Corruption, verify_chain};
use crate::event::{EventHash, StoredEvent};
use crate::stream::StreamId;

/// What checking every stream of a store found: every stream is checked, whatever the
/// others hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerifyReport {
    /// Every stream whose id could be read, in order of id.
    pub streams: Vec<StreamReport>,
    /// Stream ids in the log that are not well-formed [`StreamId`]s, as stored; their events
    /// cannot be checked.
    pub malformed_stream_ids: Vec<String>,
}

/// What checking one stream found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamReport {
    /// The stream.
    pub stream: StreamId,
    /// How many events the stream holds (its rows, readable or not).
    pub n_events: u64,
    /// The `hash` of the last event as stored, `None` for a stream whose events could not
    /// all be read. Compare it with a head kept elsewhere to catch removed last events
    /// (see *Truncation* in the crate docs).
    pub head_hash: Option<EventHash>,
    /// The first event that is not what the chain says, if any.
    pub corruption: Option<Corruption>,
}

impl StreamReport {
    /// The report on `stream` from its events as read, in order; `unreadable` is the first
    /// event that could not be read at all, after those, and `n_events` counts every event
    /// of the stream. A break in the chain before the unreadable event is reported first.
    pub(crate) fn check(
        stream: StreamId,
        events: &[StoredEvent],
        unreadable: Option<Corruption>,
        n_events: u64,
    ) -> StreamReport {
        let head_hash = match unreadable {
            Some(_) => None,
            None => events.last().map(|event| event.hash),
        };
        let corruption = verify_chain(&stream, events).err().or(unreadable);
        StreamReport {
            stream,
            n_events,
            head_hash,
            corruption,
        }
    }

    /// Whether the stream's chain verifies.
    pub fn is_intact(&self) -> bool {
        self.corruption.is_none()
    }
}

impl VerifyReport {
    /// Whether every stream verifies and every stream id is well-formed.
    pub fn is_intact(&self) -> bool {
        self.malformed_stream_ids.is_empty() && self.streams.iter().all(StreamReport::is_intact)
    }

    /// How many events the store holds, over the streams whose id could be read.
    pub fn n_events(&self) -> u64 {
        self.streams.iter().map(|stream| stream.n_events).sum()
    }

    /// Every problem found: the first corruption of each bad stream, in order of stream
    /// id, then each malformed stream id.
    pub fn corruptions(&self) -> Vec<Corruption> {
        self.streams
            .iter()
            .filter_map(|stream| stream.corruption.clone())
            .chain(
                self.malformed_stream_ids
                    .iter()
                    .map(|id| Corruption::MalformedStreamId { id: id.clone() }),
            )
            .collect()
    }
}
