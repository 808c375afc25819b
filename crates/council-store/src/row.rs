//! An event row as the SQL backends read it ([`EventRow`]), and how it becomes a
//! [`StoredEvent`] or a line of a [`VerifyReport`](crate::VerifyReport): one reading for
//! SQLite and PostgreSQL, which hold the same columns with the same texts.

use chrono::{DateTime, Utc};

use crate::chain::Corruption;
use crate::error::StoreError;
use crate::event::{EventHash, StoredEvent};
use crate::request::RequestId;
use crate::stream::StreamId;
use crate::verify::StreamReport;

/// The columns of an event row, as [`EventRow`] reads them (by name).
pub(crate) const EVENT_COLUMNS: &str =
    "stream_id, seq, kind, version, payload, recorded_at, request_id, prev_hash, hash";

/// One row of the `events` table, as stored, before any of it is checked.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct EventRow {
    stream_id: String,
    seq: i64,
    kind: String,
    version: i64,
    payload: String,
    recorded_at: String,
    request_id: Option<String>,
    prev_hash: String,
    hash: String,
}

impl EventRow {
    /// The row as a [`StoredEvent`] of `stream`; a field that does not parse makes the log
    /// corrupt, not the database failed.
    pub(crate) fn into_event(self, stream: &StreamId) -> Result<StoredEvent, StoreError> {
        let seq = self.seq;
        let bad = |reason: String| unreadable(stream, seq, reason);
        let version = self.version;
        let recorded_at = self.recorded_at;
        Ok(StoredEvent {
            stream_id: StreamId::parse(&self.stream_id).map_err(|error| bad(error.to_string()))?,
            seq: u64::try_from(seq).map_err(|_| bad("negative seq".to_owned()))?,
            kind: self.kind,
            version: u32::try_from(version).map_err(|_| bad(format!("version {version}")))?,
            payload: serde_json::from_str(&self.payload)
                .map_err(|error| bad(format!("payload is not JSON: {error}")))?,
            recorded_at: DateTime::parse_from_rfc3339(&recorded_at)
                .map(|time| time.with_timezone(&Utc))
                .map_err(|error| bad(format!("recorded_at `{recorded_at}`: {error}")))?,
            request_id: self
                .request_id
                .map(|text| RequestId::parse(&text))
                .transpose()
                .map_err(|error| bad(error.to_string()))?,
            prev_hash: EventHash::parse(&self.prev_hash).map_err(|error| bad(error.to_string()))?,
            hash: EventHash::parse(&self.hash).map_err(|error| bad(error.to_string()))?,
        })
    }
}

/// Rows as the events of `stream`, failing at the first unreadable one.
pub(crate) fn into_events(
    stream: &StreamId,
    rows: Vec<EventRow>,
) -> Result<Vec<StoredEvent>, StoreError> {
    rows.into_iter().map(|row| row.into_event(stream)).collect()
}

/// The report on `stream` from all its rows in order of `seq`: the events up to the first
/// unreadable row are checked, and that row is reported unless the chain breaks before it.
pub(crate) fn stream_report(
    stream: StreamId,
    rows: Vec<EventRow>,
) -> Result<StreamReport, StoreError> {
    let n_events = rows.len() as u64;
    let mut events = Vec::with_capacity(rows.len());
    let mut unreadable = None;
    for row in rows {
        match row.into_event(&stream) {
            Ok(event) => events.push(event),
            Err(StoreError::Corrupt(corruption)) => {
                unreadable = Some(corruption);
                break;
            }
            Err(error) => return Err(error),
        }
    }
    Ok(StreamReport::check(stream, &events, unreadable, n_events))
}

/// Sequence numbers are `u64` in Rust and 64-bit signed integers in SQL; no log reaches
/// 2^63.
pub(crate) fn to_sql(seq: u64) -> i64 {
    i64::try_from(seq).unwrap_or(i64::MAX)
}

/// A sequence number as stored, which must not be negative.
pub(crate) fn from_sql(stream: &StreamId, seq: i64) -> Result<u64, StoreError> {
    u64::try_from(seq).map_err(|_| unreadable(stream, seq, "negative seq"))
}

/// The log is corrupt at event `seq` of `stream`, which cannot be read.
pub(crate) fn unreadable(stream: &StreamId, seq: i64, reason: impl ToString) -> StoreError {
    StoreError::Corrupt(Corruption::Unreadable {
        stream: stream.clone(),
        seq,
        reason: reason.to_string(),
    })
}
