//! Meeting events in and out of the envelope: [`council_core::meeting::Event`] as a
//! [`NewEvent`] and back.
//!
//! The payload is the event's own JSON (its `kind` tag included), at
//! [`MEETING_EVENT_VERSION`]. When an event's shape changes, its version goes up and
//! [`StoredEvent::to_meeting_event`] learns to read (upcast) the old version; stored events
//! are never rewritten.

use chrono::{DateTime, Utc};
use council_core::meeting::Event;

use crate::chain::Corruption;
use crate::event::{NewEvent, StoredEvent};

/// The schema version of every meeting event kind written today.
pub const MEETING_EVENT_VERSION: u32 = 1;

impl NewEvent {
    /// A meeting event, recorded at `recorded_at`, ready to append.
    pub fn meeting(event: &Event, recorded_at: DateTime<Utc>) -> NewEvent {
        let payload = serde_json::to_value(event)
            .expect("meeting events serialise: string keys, no floats, no fallible Serialize");
        NewEvent::new(event.kind(), MEETING_EVENT_VERSION, payload, recorded_at)
            .expect("meeting event kinds are snake_case and the version is 1")
    }
}

impl StoredEvent {
    /// The meeting event this stored event holds. A payload that is not a valid event of its
    /// kind and version (one that breaks a newtype's invariant included) makes the log
    /// corrupt.
    pub fn to_meeting_event(&self) -> Result<Event, Corruption> {
        let unreadable = |reason: String| Corruption::Unreadable {
            stream: self.stream_id.clone(),
            seq: i64::try_from(self.seq).unwrap_or(i64::MAX),
            reason,
        };
        if self.version != MEETING_EVENT_VERSION {
            return Err(unreadable(format!(
                "kind `{}` has no version {}",
                self.kind, self.version
            )));
        }
        let event: Event = serde_json::from_value(self.payload.clone())
            .map_err(|error| unreadable(format!("payload of kind `{}`: {error}", self.kind)))?;
        if event.kind() != self.kind {
            return Err(unreadable(format!(
                "envelope says kind `{}` but the payload is `{}`",
                self.kind,
                event.kind()
            )));
        }
        Ok(event)
    }
}
