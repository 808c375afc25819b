//! Why an input cannot be decided: one variant per rule that the input breaks.

use chrono::NaiveDate;
use thiserror::Error;

use crate::member::MemberCode;

/// A reason the Council's rules refuse to decide an input.
///
/// Each variant names the rule and carries the facts needed to explain it. Rejections are
/// values, never panics: the callers turn them into messages that name the offending input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Rejection {
    /// A member code is not three capital letters (ISO 3166-1 alpha-3).
    #[error("malformed member code `{0}`: expected three capital letters (ISO 3166-1 alpha-3)")]
    MalformedMemberCode(String),
    /// A state cast a vote, or objected to a statement, on a day it did not sit on the Council.
    #[error("{member} is not a member of the Security Council on {date}")]
    NotACouncilMember {
        /// The state that tried to take part.
        member: MemberCode,
        /// The day of the decision.
        date: NaiveDate,
    },
    /// The same member appears twice in one list (Charter Art. 27(1): one vote each).
    #[error("{member} is listed more than once (each member has one vote, Art. 27(1))")]
    DuplicateMember {
        /// The member listed twice.
        member: MemberCode,
    },
    /// A party to a dispute voted on a decision under Chapter VI or Art. 52(3).
    #[error(
        "{member} is a party to the dispute and shall abstain from voting (Art. 27(3)); record it as not_participating or leave it out"
    )]
    VoteByPartyToDispute {
        /// The party that voted.
        member: MemberCode,
    },
    /// Obligatory abstention was asked for on a procedural decision, where it does not apply.
    #[error(
        "parties to a dispute are obliged to abstain only on non-procedural decisions (Art. 27(3)), not on procedural ones"
    )]
    ObligatoryAbstentionOnProceduralMatter,
    /// A Council needs at least one member; an explicit list was empty.
    #[error("the Council has no members")]
    EmptyCouncil,
    /// Votes were given for a statement, which is decided by consensus without a vote.
    #[error("statements are adopted by consensus without a vote; give objections, not votes")]
    VotesOnStatement,
    /// Objections or a silence procedure were given for a question that is decided by vote.
    #[error(
        "objections and silence procedures apply to statements only; a vote decides this question"
    )]
    ObjectionsOnVote,
}
