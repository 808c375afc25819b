//! Votes: each member's position, a ballot of positions, and the tally of a ballot.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::composition::Composition;
use crate::member::MemberCode;
use crate::rejection::Rejection;

/// A member's position on a question put to the vote (Charter Art. 27; Rule 40).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// An affirmative vote: it counts toward the required majority.
    Yes,
    /// A negative vote: a veto when cast by a permanent member on a non-procedural matter
    /// that otherwise has the required majority.
    No,
    /// An abstention: never counted toward the majority, never a veto (practice since 1946,
    /// upheld by the ICJ in the Namibia advisory opinion, 1971).
    Abstain,
    /// Present but not participating in the vote: counted like an abstention.
    NotParticipating,
    /// Absent from the meeting: counted like an abstention (the USSR in 1950; contested).
    Absent,
}

impl Position {
    /// The position as written in inputs and outputs (`yes`, `not_participating`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Position::Yes => "yes",
            Position::No => "no",
            Position::Abstain => "abstain",
            Position::NotParticipating => "not_participating",
            Position::Absent => "absent",
        }
    }

    /// Whether the member took part in the vote (yes, no or abstain).
    pub fn is_cast(self) -> bool {
        matches!(self, Position::Yes | Position::No | Position::Abstain)
    }
}

impl fmt::Display for Position {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// The positions of the members who were recorded in a vote, one per member.
///
/// Members of the Council left out of a ballot count as absent. Deserialising rejects a
/// member listed twice, as [`Ballot::new`] does, rather than keeping one of its positions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BallotFields")]
pub struct Ballot {
    positions: BTreeMap<MemberCode, Position>,
}

impl Ballot {
    /// A ballot from recorded positions; a member listed twice is rejected.
    pub fn new(
        positions: impl IntoIterator<Item = (MemberCode, Position)>,
    ) -> Result<Self, Rejection> {
        let mut ballot = Ballot::default();
        for (member, position) in positions {
            if ballot.positions.insert(member, position).is_some() {
                return Err(Rejection::DuplicateMember { member });
            }
        }
        Ok(ballot)
    }

    /// The recorded position of a member, if any.
    pub fn recorded(&self, member: MemberCode) -> Option<Position> {
        self.positions.get(&member).copied()
    }

    /// The position of a member of the Council: its recorded position, or absent.
    pub fn position_of(&self, member: MemberCode) -> Position {
        self.recorded(member).unwrap_or(Position::Absent)
    }

    /// The recorded positions in code order.
    pub fn iter(&self) -> impl Iterator<Item = (MemberCode, Position)> + '_ {
        self.positions
            .iter()
            .map(|(member, position)| (*member, *position))
    }

    /// The number of recorded positions.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether no position is recorded.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }
}

/// A ballot as serialised, its positions in the order written, duplicates kept.
#[derive(Deserialize)]
struct BallotFields {
    #[serde(deserialize_with = "entries_in_order")]
    positions: Vec<(MemberCode, Position)>,
}

impl TryFrom<BallotFields> for Ballot {
    type Error = Rejection;

    fn try_from(fields: BallotFields) -> Result<Self, Rejection> {
        Ballot::new(fields.positions)
    }
}

/// Reads a map as its entries, so a key written twice reaches [`Ballot::new`] instead of
/// silently overwriting the first (a `BTreeMap` would keep the last).
fn entries_in_order<'de, D>(deserializer: D) -> Result<Vec<(MemberCode, Position)>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Entries;

    impl<'de> serde::de::Visitor<'de> for Entries {
        type Value = Vec<(MemberCode, Position)>;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("a map from member codes to positions")
        }

        fn visit_map<A>(self, mut map: A) -> Result<Self::Value, A::Error>
        where
            A: serde::de::MapAccess<'de>,
        {
            let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
            while let Some(entry) = map.next_entry()? {
                entries.push(entry);
            }
            Ok(entries)
        }
    }

    deserializer.deserialize_map(Entries)
}

/// The count of a vote over the whole Council.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Votes in favour.
    pub yes: u32,
    /// Votes against.
    pub no: u32,
    /// Abstentions.
    pub abstain: u32,
    /// Members present and not participating.
    pub not_participating: u32,
    /// Members absent, including those the ballot leaves out.
    pub absent: u32,
}

impl Tally {
    /// Counts a ballot over every member of the composition.
    pub fn count(composition: &Composition, ballot: &Ballot) -> Tally {
        let mut tally = Tally::default();
        for member in composition.members() {
            match ballot.position_of(member.code()) {
                Position::Yes => tally.yes += 1,
                Position::No => tally.no += 1,
                Position::Abstain => tally.abstain += 1,
                Position::NotParticipating => tally.not_participating += 1,
                Position::Absent => tally.absent += 1,
            }
        }
        tally
    }

    /// Members that did not vote: not participating or absent.
    pub fn not_voting(&self) -> u32 {
        self.not_participating + self.absent
    }

    /// Every seat counted once.
    pub fn total(&self) -> u32 {
        self.yes + self.no + self.abstain + self.not_voting()
    }
}

impl fmt::Display for Tally {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}-{}-{}", self.yes, self.no, self.abstain)?;
        if self.not_voting() > 0 {
            write!(formatter, " ({} not voting)", self.not_voting())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> MemberCode {
        MemberCode::parse(text).unwrap()
    }

    #[test]
    fn ballot_reads_back_from_its_json() {
        let ballot =
            Ballot::new([(code("USA"), Position::No), (code("DZA"), Position::Yes)]).unwrap();
        let json = serde_json::to_string(&ballot).unwrap();
        assert_eq!(json, r#"{"positions":{"DZA":"yes","USA":"no"}}"#);
        assert_eq!(serde_json::from_str::<Ballot>(&json).unwrap(), ballot);
    }

    #[test]
    fn stored_ballot_with_a_member_twice_is_an_error_not_the_last_position() {
        let error = serde_json::from_str::<Ballot>(r#"{"positions":{"USA":"no","USA":"yes"}}"#)
            .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("USA is listed more than once"),
            "{error}"
        );
    }

    #[test]
    fn stored_ballot_with_a_malformed_code_is_an_error() {
        let error = serde_json::from_str::<Ballot>(r#"{"positions":{"usa":"no"}}"#).unwrap_err();
        assert!(
            error.to_string().starts_with("malformed member code `usa`"),
            "{error}"
        );
    }
}
