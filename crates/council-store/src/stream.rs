//! Stream identifiers: which meeting's log an event belongs to.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The longest identifier accepted, in bytes.
const MAX_LEN: usize = 64;

/// The identifier of one event stream: one meeting's log.
///
/// One to 64 ASCII letters, digits, `-`, `_` or `.`, so it is safe in a URL path, a file
/// name and a log line without escaping. The store never invents one: ids arrive from the
/// caller, like everything else that is not computed.
///
/// ```
/// use council_store::StreamId;
/// let stream = StreamId::parse("meeting-9790").unwrap();
/// assert_eq!(stream.as_str(), "meeting-9790");
/// assert!(StreamId::parse("").is_err());
/// assert!(StreamId::parse("a b").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StreamId(String);

/// Why a text is not a [`StreamId`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("malformed stream id `{0}`: expected 1 to 64 ASCII letters, digits, `-`, `_` or `.`")]
pub struct MalformedStreamId(pub String);

impl StreamId {
    /// Checks and wraps an identifier.
    pub fn parse(text: &str) -> Result<StreamId, MalformedStreamId> {
        let well_formed = !text.is_empty()
            && text.len() <= MAX_LEN
            && text
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.'));
        if well_formed {
            Ok(StreamId(text.to_owned()))
        } else {
            Err(MalformedStreamId(text.to_owned()))
        }
    }

    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StreamId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl TryFrom<String> for StreamId {
    type Error = MalformedStreamId;

    fn try_from(text: String) -> Result<StreamId, MalformedStreamId> {
        StreamId::parse(&text)
    }
}

impl From<StreamId> for String {
    fn from(stream: StreamId) -> String {
        stream.0
    }
}
