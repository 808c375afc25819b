//! The envelope: an event to append ([`NewEvent`]) and an event as stored ([`StoredEvent`]),
//! with the hash ([`EventHash`]) that chains it to the one before.

use std::fmt;

use chrono::{DateTime, Utc};
use serde_json::Value;
use thiserror::Error;

use crate::request::RequestId;
use crate::stream::StreamId;

/// An event to append: its stable kind, its schema version, its payload, when it was
/// recorded and, optionally, the request that produced it. The store adds the stream, the
/// sequence number and the hashes.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    kind: String,
    version: u32,
    payload: Value,
    recorded_at: DateTime<Utc>,
    request_id: Option<RequestId>,
}

/// Why an event cannot be appended.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InvalidEvent {
    /// The kind is not a snake_case identifier.
    #[error("malformed event kind `{0}`: expected lowercase ASCII letters, digits and `_`")]
    MalformedKind(String),
    /// Versions count from 1.
    #[error("event kind `{kind}` has version 0: schema versions start at 1")]
    VersionZero {
        /// The kind.
        kind: String,
    },
    /// The events of one append do not all carry the same request id (or all none): one
    /// append is one request.
    #[error(
        "the events of one append must carry one request id: the first has {} but the one at index {index} has {}",
        describe(first.as_ref()),
        describe(found.as_ref())
    )]
    MixedRequestIds {
        /// The request id of the batch's first event.
        first: Option<RequestId>,
        /// The position in the batch (from 0) of the first event that differs.
        index: usize,
        /// Its request id.
        found: Option<RequestId>,
    },
}

fn describe(request: Option<&RequestId>) -> String {
    match request {
        Some(request) => format!("request id `{request}`"),
        None => "no request id".to_owned(),
    }
}

impl NewEvent {
    /// An event of `kind` at schema `version`, recorded at `recorded_at`.
    ///
    /// The time comes from the caller because the store reads no clock, like the core: a
    /// replayed or imported log keeps its own times, and tests choose theirs.
    pub fn new(
        kind: impl Into<String>,
        version: u32,
        payload: Value,
        recorded_at: DateTime<Utc>,
    ) -> Result<NewEvent, InvalidEvent> {
        let kind = kind.into();
        let well_formed = !kind.is_empty()
            && kind
                .bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_');
        if !well_formed {
            return Err(InvalidEvent::MalformedKind(kind));
        }
        if version == 0 {
            return Err(InvalidEvent::VersionZero { kind });
        }
        Ok(NewEvent {
            kind,
            version,
            payload,
            recorded_at,
            request_id: None,
        })
    }

    /// The same event, produced by request `request_id`: the idempotency key that lets a
    /// retried request be recognised (see [`RequestId`]). Every event of one append must
    /// carry the same request id, or none.
    pub fn with_request_id(self, request_id: RequestId) -> NewEvent {
        NewEvent {
            request_id: Some(request_id),
            ..self
        }
    }

    /// The stable kind, the event's serde tag.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The schema version of the payload.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The payload.
    pub fn payload(&self) -> &Value {
        &self.payload
    }

    /// When the caller recorded it.
    pub fn recorded_at(&self) -> DateTime<Utc> {
        self.recorded_at
    }

    /// The request that produced it, if the caller named one.
    pub fn request_id(&self) -> Option<&RequestId> {
        self.request_id.as_ref()
    }

    pub(crate) fn into_parts(self) -> (String, u32, Value, DateTime<Utc>, Option<RequestId>) {
        (
            self.kind,
            self.version,
            self.payload,
            self.recorded_at,
            self.request_id,
        )
    }
}

/// The one request id of a batch to append (`None` when its events carry none), or why the
/// batch is not one request.
pub(crate) fn batch_request_id(events: &[NewEvent]) -> Result<Option<&RequestId>, InvalidEvent> {
    let first = events.first().and_then(NewEvent::request_id);
    match events.iter().position(|event| event.request_id() != first) {
        None => Ok(first),
        Some(index) => Err(InvalidEvent::MixedRequestIds {
            first: first.cloned(),
            index,
            found: events[index].request_id.clone(),
        }),
    }
}

/// One event as the log holds it: a row of the `events` table.
///
/// The fields are public because a stored event is data read back, not a value that vouches
/// for itself: [`verify_chain`](crate::verify_chain) is what checks that `hash` covers the
/// rest and that `prev_hash` links it to the event before.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    /// The stream (meeting) it belongs to.
    pub stream_id: StreamId,
    /// Its place in the stream, from 1, without gaps.
    pub seq: u64,
    /// Its stable kind.
    pub kind: String,
    /// The schema version of its payload.
    pub version: u32,
    /// The event itself, as JSON.
    pub payload: Value,
    /// When the caller recorded it.
    pub recorded_at: DateTime<Utc>,
    /// The request that appended it, shared by every event of that append; `None` when the
    /// caller named none.
    pub request_id: Option<RequestId>,
    /// The hash of the event before, or [`EventHash::GENESIS`] for the first.
    pub prev_hash: EventHash,
    /// The SHA-256 of this event's canonical encoding ([`crate::chain`]).
    pub hash: EventHash,
}

/// A SHA-256 digest, written as 64 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventHash([u8; 32]);

/// Why a text is not an [`EventHash`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("malformed event hash `{0}`: expected 64 lowercase hex digits")]
pub struct MalformedHash(pub String);

impl EventHash {
    /// The `prev_hash` of a stream's first event: 32 zero bytes.
    pub const GENESIS: EventHash = EventHash([0; 32]);

    /// Wraps a digest.
    pub fn from_bytes(bytes: [u8; 32]) -> EventHash {
        EventHash(bytes)
    }

    /// The digest's bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Reads 64 lowercase hex digits.
    pub fn parse(text: &str) -> Result<EventHash, MalformedHash> {
        let malformed = || MalformedHash(text.to_owned());
        if text.len() != 64 {
            return Err(malformed());
        }
        let mut bytes = [0; 32];
        for (byte, pair) in bytes.iter_mut().zip(text.as_bytes().chunks_exact(2)) {
            let high = hex_value(pair[0]).ok_or_else(malformed)?;
            let low = hex_value(pair[1]).ok_or_else(malformed)?;
            *byte = high << 4 | low;
        }
        Ok(EventHash(bytes))
    }
}

fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        _ => None,
    }
}

impl fmt::Display for EventHash {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0
            .iter()
            .try_for_each(|byte| write!(formatter, "{byte:02x}"))
    }
}

impl fmt::Debug for EventHash {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "EventHash({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_reads_back_from_its_hex() {
        let hash = EventHash::from_bytes(std::array::from_fn(|index| index as u8 * 7));
        assert_eq!(EventHash::parse(&hash.to_string()), Ok(hash));
        assert_eq!(
            EventHash::GENESIS.to_string(),
            "0000000000000000000000000000000000000000000000000000000000000000"
        );
    }

    #[test]
    fn hash_rejects_uppercase_short_and_non_hex_text() {
        assert!(EventHash::parse(&"AB".repeat(32)).is_err());
        assert!(EventHash::parse("abc").is_err());
        assert!(EventHash::parse(&"zz".repeat(32)).is_err());
    }

    #[test]
    fn kinds_are_snake_case_and_versions_start_at_one() {
        let at = DateTime::<Utc>::UNIX_EPOCH;
        assert!(NewEvent::new("vote_cast", 1, Value::Null, at).is_ok());
        assert_eq!(
            NewEvent::new("VoteCast", 1, Value::Null, at),
            Err(InvalidEvent::MalformedKind("VoteCast".to_owned()))
        );
        assert_eq!(
            NewEvent::new("vote_cast", 0, Value::Null, at),
            Err(InvalidEvent::VersionZero {
                kind: "vote_cast".to_owned()
            })
        );
    }

    #[test]
    fn one_batch_carries_one_request_id_or_none() {
        let at = DateTime::<Utc>::UNIX_EPOCH;
        let event = NewEvent::new("vote_cast", 1, Value::Null, at).unwrap();
        let request = |text: &str| RequestId::parse(text).unwrap();
        let tagged = |text: &str| event.clone().with_request_id(request(text));
        assert_eq!(tagged("r1").request_id(), Some(&request("r1")));
        assert_eq!(event.request_id(), None);

        assert_eq!(batch_request_id(&[]), Ok(None));
        assert_eq!(batch_request_id(&[event.clone(), event.clone()]), Ok(None));
        assert_eq!(
            batch_request_id(&[tagged("r1"), tagged("r1")]),
            Ok(Some(&request("r1")))
        );
        let mixed = batch_request_id(&[tagged("r1"), tagged("r1"), tagged("r2")]).unwrap_err();
        assert_eq!(
            mixed.to_string(),
            "the events of one append must carry one request id: the first has request id `r1` but the one at index 2 has request id `r2`"
        );
        assert_eq!(
            batch_request_id(&[event.clone(), tagged("r1")]),
            Err(InvalidEvent::MixedRequestIds {
                first: None,
                index: 1,
                found: Some(request("r1"))
            })
        );
    }
}
