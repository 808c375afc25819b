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
    /// A composition states a majority other than the Charter's on its date (Art. 27(2) and
    /// 27(3): seven affirmative votes until the end of 1965, nine from 1966).
    #[error(
        "the composition of {date} states {stated} required affirmative votes, but the Charter requires {required} on that date (Art. 27)"
    )]
    MajorityNotTheCharters {
        /// The day of the composition.
        date: NaiveDate,
        /// The majority the input stated.
        stated: u32,
        /// The Charter's majority on that day.
        required: u32,
    },
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

    // Meetings (`crate::meeting`): the order of business under the rules of procedure.
    /// Business was asked of a meeting that has not been opened.
    #[error("the meeting has not been opened")]
    MeetingNotOpened,
    /// A meeting was opened twice.
    #[error("the meeting is already open")]
    MeetingAlreadyOpened,
    /// Business was asked of a meeting that has closed.
    #[error("the meeting has closed: nothing more can happen in it")]
    MeetingClosed,
    /// Business was asked after the agenda failed to be adopted (Rule 9; E12, 9592nd meeting).
    #[error("the agenda was not adopted, so the meeting does not proceed (rule 9)")]
    MeetingDidNotProceed,
    /// A meeting was opened with no agenda item.
    #[error("the provisional agenda has no item (rule 7)")]
    EmptyAgenda,
    /// Closed consultations were given an S/PV meeting number.
    #[error(
        "closed consultations are informal and have no meeting number or S/PV record; meeting number {meeting_number} belongs to a formal meeting"
    )]
    MeetingNumberForConsultations {
        /// The number given.
        meeting_number: u32,
    },
    /// Formal business was asked of closed consultations, which take no formal decisions.
    #[error(
        "{business} needs a formal meeting: closed consultations are informal and take no formal decisions"
    )]
    FormalBusinessInConsultations {
        /// What was asked, in words.
        business: String,
    },
    /// A State was invited to closed consultations, which only Council members and
    /// Secretariat briefers attend.
    #[error(
        "{state} cannot be invited to closed consultations: only Council members and Secretariat briefers attend them"
    )]
    StateInvitedToConsultations {
        /// The State.
        state: MemberCode,
    },
    /// The agenda was adopted twice.
    #[error("the agenda has already been adopted")]
    AgendaAlreadyAdopted,
    /// Business came before the adoption of the agenda, the first business of a formal meeting
    /// (Rule 9).
    #[error(
        "the agenda has not been adopted yet: adopting it is the first business of a formal meeting (rule 9)"
    )]
    AgendaNotYetAdopted,
    /// A member of the Council was invited to participate without vote (Rule 37 and Art. 31
    /// concern States not on the Council).
    #[error(
        "{state} is a member of the Security Council and takes part with a vote; rule 37 invites States that are not"
    )]
    CouncilMemberInvited {
        /// The State.
        state: MemberCode,
    },
    /// A State was invited under Rule 39, or a person under Rule 37 or Art. 32.
    #[error(
        "{participant} cannot be invited under {basis}: rule 37 and Article 32 invite States, rule 39 other persons"
    )]
    WrongInvitationBasis {
        /// Who was invited.
        participant: String,
        /// The provision given.
        basis: String,
    },
    /// The same participant was invited twice.
    #[error("{participant} has already been invited")]
    AlreadyInvited {
        /// Who.
        participant: String,
    },
    /// Two drafts, amendments or statements share an identifier.
    #[error("{thing} `{id}` has already been submitted")]
    DuplicateIdentifier {
        /// What kind of thing: "draft", "amendment", "statement".
        thing: &'static str,
        /// The identifier.
        id: String,
    },
    /// A draft was submitted without sponsors.
    #[error("draft {symbol} has no sponsor")]
    NoSponsor {
        /// The draft.
        symbol: String,
    },
    /// A draft was submitted with no text.
    #[error("draft {symbol} has no paragraph")]
    EmptyDraft {
        /// The draft.
        symbol: String,
    },
    /// Two paragraphs of a draft share a label.
    #[error("draft {symbol} has two paragraphs labelled `{paragraph}`")]
    DuplicateParagraph {
        /// The draft.
        symbol: String,
        /// The label.
        paragraph: String,
    },
    /// A draft is not before the Council.
    #[error("there is no draft {symbol} before the Council")]
    UnknownDraft {
        /// The symbol.
        symbol: String,
    },
    /// A draft has no paragraph with this label.
    #[error("draft {symbol} has no paragraph `{paragraph}`")]
    UnknownParagraph {
        /// The draft.
        symbol: String,
        /// The label.
        paragraph: String,
    },
    /// An amendment is not before the Council.
    #[error("there is no amendment `{id}` before the Council")]
    UnknownAmendment {
        /// The identifier.
        id: String,
    },
    /// An amendment changes nothing.
    #[error("amendment `{id}` makes no change")]
    EmptyAmendment {
        /// The identifier.
        id: String,
    },
    /// A draft was voted, amended or withdrawn after its vote: a draft is voted once.
    #[error("draft {symbol} has already been put to the vote; a draft is voted once")]
    DraftAlreadyVoted {
        /// The draft.
        symbol: String,
    },
    /// Business was asked on a withdrawn draft (Rule 35).
    #[error("draft {symbol} has been withdrawn (rule 35); a member may take it over")]
    DraftWithdrawn {
        /// The draft.
        symbol: String,
    },
    /// A draft that was not withdrawn was taken over.
    #[error("draft {symbol} has not been withdrawn, so it cannot be taken over (rule 35)")]
    DraftNotWithdrawn {
        /// The draft.
        symbol: String,
    },
    /// Someone other than the mover withdrew a draft or objected to a separate vote.
    #[error("{member} did not move draft {symbol}; only its mover, {mover}, may {action}")]
    NotTheMover {
        /// The draft.
        symbol: String,
        /// Who tried.
        member: MemberCode,
        /// The mover.
        mover: MemberCode,
        /// What was tried: "withdraw it (rule 35)", "object to a separate vote (rule 32)".
        action: &'static str,
    },
    /// A separate vote was requested twice on one paragraph.
    #[error(
        "a separate vote on paragraph `{paragraph}` of draft {symbol} has already been requested"
    )]
    SeparateVoteAlreadyRequested {
        /// The draft.
        symbol: String,
        /// The paragraph.
        paragraph: String,
    },
    /// A paragraph was put to a separate vote that was not requested, or to which the mover
    /// objected (Rule 32).
    #[error(
        "no separate vote on paragraph `{paragraph}` of draft {symbol} is due (rule 32: at the request of a representative, unless the mover objects)"
    )]
    SeparateVoteNotDue {
        /// The draft.
        symbol: String,
        /// The paragraph.
        paragraph: String,
    },
    /// A draft was voted before a draft submitted earlier (Rule 32).
    #[error(
        "draft {symbol} cannot be voted yet: draft {earlier} was submitted earlier and drafts are voted in order of submission unless the Council decides otherwise (rule 32)"
    )]
    EarlierDraftPending {
        /// The draft put to the vote.
        symbol: String,
        /// The draft that comes first.
        earlier: String,
    },
    /// A draft was voted before its amendments (Rules 33 and 36).
    #[error(
        "draft {symbol} cannot be voted before amendment `{amendment}` to it (rules 33 and 36)"
    )]
    AmendmentPending {
        /// The draft.
        symbol: String,
        /// The amendment still to be voted.
        amendment: String,
    },
    /// A draft was voted as a whole before a separate vote on its parts (Rule 32).
    #[error(
        "draft {symbol} cannot be voted as a whole before the separate vote on paragraph `{paragraph}` (rule 32)"
    )]
    SeparateVotePending {
        /// The draft.
        symbol: String,
        /// The paragraph.
        paragraph: String,
    },
    /// A draft whose procedural character is disputed was voted before the preliminary
    /// question (spec section 3.7).
    #[error(
        "draft {symbol} cannot be voted before the preliminary question whether it is procedural, which {member} disputed"
    )]
    PreliminaryQuestionPending {
        /// The draft.
        symbol: String,
        /// Who disputed it.
        member: MemberCode,
    },
    /// The preliminary question was put without a dispute, or twice.
    #[error("no preliminary question is open on draft {symbol}")]
    NoPreliminaryQuestion {
        /// The draft.
        symbol: String,
    },
    /// An amendment was voted twice.
    #[error("amendment `{id}` has already been put to the vote")]
    AmendmentAlreadyVoted {
        /// The amendment.
        id: String,
    },
    /// A draft was given priority twice, or priority was asked for a draft already first.
    #[error("draft {symbol} already comes first in the order of voting")]
    PriorityNotNeeded {
        /// The draft.
        symbol: String,
    },
    /// Business other than voting was asked while a vote is open.
    #[error("the Council is voting on {item}; no other business until the vote is recorded")]
    VoteInProgress {
        /// What is being voted.
        item: String,
    },
    /// A vote was cast or recorded with nothing put to the vote.
    #[error("nothing has been put to the vote")]
    NoVoteInProgress,
    /// An explanation of vote came at the wrong time.
    #[error("{member} cannot explain its vote on draft {symbol} {timing}: the draft {state}")]
    ExplanationOutOfTurn {
        /// Who spoke.
        member: MemberCode,
        /// The draft.
        symbol: String,
        /// "before the vote" or "after the vote".
        timing: &'static str,
        /// "has already been voted", "has not been voted yet".
        state: &'static str,
    },
    /// A statement is not before the members.
    #[error("there is no statement `{id}` before the members")]
    UnknownStatement {
        /// The identifier.
        id: String,
    },
    /// A statement was acted on after it was concluded.
    #[error("statement `{id}` has already been concluded")]
    StatementAlreadyConcluded {
        /// The identifier.
        id: String,
    },
    /// Silence was broken on a statement not under silence.
    #[error("statement `{id}` was not put under a silence procedure")]
    NoSilenceProcedure {
        /// The identifier.
        id: String,
    },
    /// A meeting was opened with the Council of another day.
    #[error(
        "the composition given is the Council of {composition_date}, not of the meeting's date {date}"
    )]
    CompositionOfAnotherDay {
        /// The meeting's date.
        date: NaiveDate,
        /// The composition's date.
        composition_date: NaiveDate,
    },
}
