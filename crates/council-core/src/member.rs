//! Member states: their codes, and the members seated on the Council on a date.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::rejection::Rejection;

/// A state's code: ISO 3166-1 alpha-3, with ISO 3166-3 style codes for states that no
/// longer exist (`SUN` the USSR, `YUG` Yugoslavia, `CSK` Czechoslovakia, `DDR`, `YMD`) and
/// `TWN` for the Republic of China's tenure of the China seat before 25 October 1971.
///
/// Only well-formed codes can be built; whether a code names a known state is a question
/// for the data, not for this type.
///
/// ```
/// use council_core::MemberCode;
/// assert_eq!(MemberCode::parse("USA").unwrap().as_str(), "USA");
/// assert!(MemberCode::parse("usa").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MemberCode([u8; 3]);

impl MemberCode {
    /// Parses a code of exactly three ASCII capital letters.
    pub fn parse(text: &str) -> Result<Self, Rejection> {
        let bytes = text.as_bytes();
        if bytes.len() == 3 && bytes.iter().all(u8::is_ascii_uppercase) {
            Ok(MemberCode([bytes[0], bytes[1], bytes[2]]))
        } else {
            Err(Rejection::MalformedMemberCode(text.to_owned()))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // The constructor admits ASCII capitals only, so the bytes are valid UTF-8.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl fmt::Display for MemberCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl TryFrom<String> for MemberCode {
    type Error = Rejection;
    fn try_from(text: String) -> Result<Self, Rejection> {
        MemberCode::parse(&text)
    }
}

impl From<MemberCode> for String {
    fn from(code: MemberCode) -> String {
        code.as_str().to_owned()
    }
}

/// One member of the Council on a date: its code, the name the UN used for it that day
/// (the name fixes its place in the presidency's alphabetical order, Rule 18), and whether it
/// holds a permanent seat (Charter Art. 23(1)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatedMember {
    code: MemberCode,
    name: String,
    permanent: bool,
}

impl SeatedMember {
    /// A member with its name on the day and its kind of seat.
    pub fn new(code: MemberCode, name: impl Into<String>, permanent: bool) -> Self {
        SeatedMember {
            code,
            name: name.into(),
            permanent,
        }
    }

    /// The member's code.
    pub fn code(&self) -> MemberCode {
        self.code
    }

    /// The UN's English short name for the member on the day.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the member holds one of the five permanent seats.
    pub fn is_permanent(&self) -> bool {
        self.permanent
    }
}
