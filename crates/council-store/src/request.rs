//! Request ids: the idempotency key of one append, so a retried request is recognised
//! instead of being recorded twice.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The longest request id accepted, in bytes.
const MAX_LEN: usize = 64;

/// The id of one request (one command) that appended events: its idempotency key.
///
/// One to 64 visible ASCII characters (`!` to `~`: no space, no control character), so it
/// fits an HTTP header and a log line as it is. Every event of one
/// [`append`](crate::EventStore::append) carries the same request id, and a stream holds
/// each request id at most once: appending it again fails with
/// [`StoreError::DuplicateRequest`](crate::StoreError::DuplicateRequest), and
/// [`find_request`](crate::EventStore::find_request) gives back what the first append
/// stored. The store never invents one: it comes from the client, like stream ids.
///
/// ```
/// use council_store::RequestId;
/// let request = RequestId::parse("7f3c-retry-safe").unwrap();
/// assert_eq!(request.to_string(), "7f3c-retry-safe");
/// assert!(RequestId::parse("").is_err());
/// assert!(RequestId::parse("has space").is_err());
/// assert!(RequestId::parse(&"x".repeat(65)).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RequestId(String);

/// Why a text is not a [`RequestId`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("malformed request id `{0}`: expected 1 to 64 visible ASCII characters, without spaces")]
pub struct MalformedRequestId(pub String);

impl RequestId {
    /// Checks and wraps a request id.
    pub fn parse(text: &str) -> Result<RequestId, MalformedRequestId> {
        let well_formed = !text.is_empty()
            && text.len() <= MAX_LEN
            && text.bytes().all(|byte| byte.is_ascii_graphic());
        if well_formed {
            Ok(RequestId(text.to_owned()))
        } else {
            Err(MalformedRequestId(text.to_owned()))
        }
    }

    /// The request id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::str::FromStr for RequestId {
    type Err = MalformedRequestId;

    fn from_str(text: &str) -> Result<RequestId, MalformedRequestId> {
        RequestId::parse(text)
    }
}

impl TryFrom<String> for RequestId {
    type Error = MalformedRequestId;

    fn try_from(text: String) -> Result<RequestId, MalformedRequestId> {
        RequestId::parse(&text)
    }
}

impl From<RequestId> for String {
    fn from(request: RequestId) -> String {
        request.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_one_to_sixty_four_visible_ascii_characters() {
        for good in [
            "a",
            "!~",
            &"z".repeat(64),
            "550e8400-e29b-41d4-a716-446655440000",
        ] {
            assert_eq!(RequestId::parse(good).unwrap().as_str(), good);
        }
        for bad in [
            "",
            " ",
            "a b",
            "tab\there",
            "é",
            "line\n",
            &"z".repeat(65),
            "\u{7f}",
        ] {
            assert_eq!(
                RequestId::parse(bad),
                Err(MalformedRequestId(bad.to_owned()))
            );
        }
    }

    #[test]
    fn request_id_is_a_json_string_and_is_checked_when_read() {
        let request = RequestId::parse("retry-1").unwrap();
        assert_eq!(serde_json::to_string(&request).unwrap(), r#""retry-1""#);
        assert_eq!(
            serde_json::from_str::<RequestId>(r#""retry-1""#).unwrap(),
            request
        );
        let error = serde_json::from_str::<RequestId>(r#""two words""#).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("malformed request id `two words`"),
            "{error}"
        );
    }
}
