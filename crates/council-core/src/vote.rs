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
/// Members of the Council left out of a ballot count as absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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
