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
    /// A draft not in blue was put to the vote: a draft is voted only in its final, "blue"
    /// form (spec section 3.9).
    #[error(
        "draft {draft} is not in blue: a draft is put to the vote only once its mover has put its final text in blue"
    )]
    DraftNotInBlue {
        /// The draft.
        draft: String,
    },
    /// A draft already in blue was put in blue again.
    #[error("draft {draft} is already in blue")]
    DraftAlreadyInBlue {
        /// The draft.
        draft: String,
    },
    /// A State co-sponsored a draft it already sponsors.
    #[error("{member} already sponsors draft {draft}")]
    AlreadyASponsor {
        /// The draft.
        draft: String,
        /// The State.
        member: MemberCode,
    },
    /// A draft was revised while an amendment to it awaits its vote: the amendment was
    /// moved to the text as it stands (Rules 33 and 36).
    #[error(
        "draft {draft} cannot be revised while amendment `{amendment}` to it awaits its vote: the amendment was moved to the text as it stands (rules 33 and 36)"
    )]
    AmendmentPendingOnRevision {
        /// The draft.
        draft: String,
        /// The amendment not yet voted.
        amendment: String,
    },
    /// A draft was revised after the Council had voted on its amendments or parts, which
    /// the revision would undo.
    #[error(
        "draft {draft} cannot be revised: the Council has already voted on {item}, and a revision would set that decision aside"
    )]
    DraftVotingBegun {
        /// The draft.
        draft: String,
        /// The vote already taken, in words.
        item: String,
    },
    /// A draft moved by an invited State was put to the vote without a Council member's
    /// request (Rule 38).
    #[error(
        "draft {draft} was submitted by {mover}, a State invited without vote: it may be put to the vote only at the request of a member of the Security Council (rule 38)"
    )]
    VoteNotRequested {
        /// The draft.
        draft: String,
        /// Its mover.
        mover: MemberCode,
    },
    /// A vote was requested on a draft that a Council member moves, which needs none.
    #[error(
        "draft {draft} is moved by a member of the Council: it needs no request to be put to the vote (rule 38)"
    )]
    VoteRequestNotNeeded {
        /// The draft.
        draft: String,
    },
    /// A vote was requested twice on the same draft.
    #[error("a vote on draft {draft} has already been requested")]
    VoteAlreadyRequested {
        /// The draft.
        draft: String,
    },
    /// A State asked to speak that is neither on the Council nor invited to the meeting
    /// (Rule 37, Art. 31 and 32).
    #[error(
        "{speaker} is neither a member of the Security Council nor a State invited to this meeting (rule 37, Article 32), so it cannot be inscribed on the list of speakers"
    )]
    NotEntitledToSpeak {
        /// The State.
        speaker: MemberCode,
    },
    /// A State asked to speak while already waiting on the list of speakers.
    #[error("{speaker} is already on the list of speakers")]
    AlreadyInscribed {
        /// The State.
        speaker: MemberCode,
    },
    /// The floor was given to a State not on the list of speakers (Rule 27).
    #[error(
        "{speaker} is not on the list of speakers: the President calls upon representatives who have signified their desire to speak (rule 27)"
    )]
    NotInscribed {
        /// The State.
        speaker: MemberCode,
    },
    /// The floor was given out of the order of the list of speakers (Rule 27).
    #[error(
        "{speaker} cannot have the floor yet: {next} asked to speak first, and the President calls upon representatives in the order in which they signify their desire to speak (rule 27)"
    )]
    NotNextSpeaker {
        /// The State given the floor.
        speaker: MemberCode,
        /// The State first on the list.
        next: MemberCode,
    },
    /// A member cast a second vote on the open ballot (Art. 27(1): one vote each).
    #[error(
        "{member} has already voted on the question before the Council (each member has one vote, Art. 27(1))"
    )]
    AlreadyVoted {
        /// The member.
        member: MemberCode,
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

impl Rejection {
    /// The variant's name in snake_case (`already_voted`), stable for machines: the live
    /// server sends it beside the message, which is for people.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::MalformedMemberCode(..) => "malformed_member_code",
            Rejection::NotACouncilMember { .. } => "not_a_council_member",
            Rejection::DuplicateMember { .. } => "duplicate_member",
            Rejection::VoteByPartyToDispute { .. } => "vote_by_party_to_dispute",
            Rejection::ObligatoryAbstentionOnProceduralMatter => {
                "obligatory_abstention_on_procedural_matter"
            }
            Rejection::MajorityNotTheCharters { .. } => "majority_not_the_charters",
            Rejection::EmptyCouncil => "empty_council",
            Rejection::VotesOnStatement => "votes_on_statement",
            Rejection::ObjectionsOnVote => "objections_on_vote",
            Rejection::MeetingNotOpened => "meeting_not_opened",
            Rejection::MeetingAlreadyOpened => "meeting_already_opened",
            Rejection::MeetingClosed => "meeting_closed",
            Rejection::MeetingDidNotProceed => "meeting_did_not_proceed",
            Rejection::EmptyAgenda => "empty_agenda",
            Rejection::MeetingNumberForConsultations { .. } => "meeting_number_for_consultations",
            Rejection::FormalBusinessInConsultations { .. } => "formal_business_in_consultations",
            Rejection::StateInvitedToConsultations { .. } => "state_invited_to_consultations",
            Rejection::AgendaAlreadyAdopted => "agenda_already_adopted",
            Rejection::AgendaNotYetAdopted => "agenda_not_yet_adopted",
            Rejection::CouncilMemberInvited { .. } => "council_member_invited",
            Rejection::WrongInvitationBasis { .. } => "wrong_invitation_basis",
            Rejection::AlreadyInvited { .. } => "already_invited",
            Rejection::DuplicateIdentifier { .. } => "duplicate_identifier",
            Rejection::NoSponsor { .. } => "no_sponsor",
            Rejection::EmptyDraft { .. } => "empty_draft",
            Rejection::DuplicateParagraph { .. } => "duplicate_paragraph",
            Rejection::UnknownDraft { .. } => "unknown_draft",
            Rejection::UnknownParagraph { .. } => "unknown_paragraph",
            Rejection::UnknownAmendment { .. } => "unknown_amendment",
            Rejection::EmptyAmendment { .. } => "empty_amendment",
            Rejection::DraftAlreadyVoted { .. } => "draft_already_voted",
            Rejection::DraftWithdrawn { .. } => "draft_withdrawn",
            Rejection::DraftNotWithdrawn { .. } => "draft_not_withdrawn",
            Rejection::NotTheMover { .. } => "not_the_mover",
            Rejection::SeparateVoteAlreadyRequested { .. } => "separate_vote_already_requested",
            Rejection::SeparateVoteNotDue { .. } => "separate_vote_not_due",
            Rejection::EarlierDraftPending { .. } => "earlier_draft_pending",
            Rejection::AmendmentPending { .. } => "amendment_pending",
            Rejection::SeparateVotePending { .. } => "separate_vote_pending",
            Rejection::PreliminaryQuestionPending { .. } => "preliminary_question_pending",
            Rejection::NoPreliminaryQuestion { .. } => "no_preliminary_question",
            Rejection::AmendmentAlreadyVoted { .. } => "amendment_already_voted",
            Rejection::PriorityNotNeeded { .. } => "priority_not_needed",
            Rejection::VoteInProgress { .. } => "vote_in_progress",
            Rejection::NoVoteInProgress => "no_vote_in_progress",
            Rejection::ExplanationOutOfTurn { .. } => "explanation_out_of_turn",
            Rejection::UnknownStatement { .. } => "unknown_statement",
            Rejection::StatementAlreadyConcluded { .. } => "statement_already_concluded",
            Rejection::NoSilenceProcedure { .. } => "no_silence_procedure",
            Rejection::DraftNotInBlue { .. } => "draft_not_in_blue",
            Rejection::DraftAlreadyInBlue { .. } => "draft_already_in_blue",
            Rejection::AlreadyASponsor { .. } => "already_a_sponsor",
            Rejection::AmendmentPendingOnRevision { .. } => "amendment_pending_on_revision",
            Rejection::DraftVotingBegun { .. } => "draft_voting_begun",
            Rejection::VoteNotRequested { .. } => "vote_not_requested",
            Rejection::VoteRequestNotNeeded { .. } => "vote_request_not_needed",
            Rejection::VoteAlreadyRequested { .. } => "vote_already_requested",
            Rejection::NotEntitledToSpeak { .. } => "not_entitled_to_speak",
            Rejection::AlreadyInscribed { .. } => "already_inscribed",
            Rejection::NotInscribed { .. } => "not_inscribed",
            Rejection::NotNextSpeaker { .. } => "not_next_speaker",
            Rejection::AlreadyVoted { .. } => "already_voted",
            Rejection::CompositionOfAnotherDay { .. } => "composition_of_another_day",
        }
    }

    /// Whether the refusal is a clash with what already happened (a second vote, a vote with
    /// none open, a duplicate identifier, something already done) rather than a rule that
    /// the input breaks. A client that reloads the meeting sees why; the live server answers
    /// such refusals with 409 and the others with 422.
    pub fn is_conflict(&self) -> bool {
        matches!(
            self,
            Rejection::AlreadyVoted { .. }
                | Rejection::NoVoteInProgress
                | Rejection::VoteInProgress { .. }
                | Rejection::DuplicateIdentifier { .. }
                | Rejection::DraftAlreadyVoted { .. }
                | Rejection::AmendmentAlreadyVoted { .. }
                | Rejection::StatementAlreadyConcluded { .. }
                | Rejection::MeetingClosed
                | Rejection::MeetingAlreadyOpened
                | Rejection::AgendaAlreadyAdopted
                | Rejection::AlreadyInvited { .. }
                | Rejection::SeparateVoteAlreadyRequested { .. }
                | Rejection::DraftAlreadyInBlue { .. }
                | Rejection::AlreadyASponsor { .. }
                | Rejection::AlreadyInscribed { .. }
                | Rejection::DraftVotingBegun { .. }
                | Rejection::VoteAlreadyRequested { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    //! The codes of the rejections: one per variant, unique, snake_case.

    use std::collections::BTreeSet;

    use super::*;

    fn code(text: &str) -> MemberCode {
        MemberCode::parse(text).unwrap()
    }

    /// One value of every variant.
    fn every_variant() -> Vec<Rejection> {
        let date = NaiveDate::from_ymd_opt(2024, 11, 20).unwrap();
        let member = code("USA");
        let text = || "S/2024/835".to_owned();
        vec![
            Rejection::MalformedMemberCode(text()),
            Rejection::NotACouncilMember { member, date },
            Rejection::DuplicateMember { member },
            Rejection::VoteByPartyToDispute { member },
            Rejection::ObligatoryAbstentionOnProceduralMatter,
            Rejection::MajorityNotTheCharters {
                date,
                stated: 7,
                required: 9,
            },
            Rejection::EmptyCouncil,
            Rejection::VotesOnStatement,
            Rejection::ObjectionsOnVote,
            Rejection::MeetingNotOpened,
            Rejection::MeetingAlreadyOpened,
            Rejection::MeetingClosed,
            Rejection::MeetingDidNotProceed,
            Rejection::EmptyAgenda,
            Rejection::MeetingNumberForConsultations { meeting_number: 1 },
            Rejection::FormalBusinessInConsultations { business: text() },
            Rejection::StateInvitedToConsultations { state: member },
            Rejection::AgendaAlreadyAdopted,
            Rejection::AgendaNotYetAdopted,
            Rejection::CouncilMemberInvited { state: member },
            Rejection::WrongInvitationBasis {
                participant: text(),
                basis: text(),
            },
            Rejection::AlreadyInvited {
                participant: text(),
            },
            Rejection::DuplicateIdentifier {
                thing: "draft",
                id: text(),
            },
            Rejection::NoSponsor { symbol: text() },
            Rejection::EmptyDraft { symbol: text() },
            Rejection::DuplicateParagraph {
                symbol: text(),
                paragraph: text(),
            },
            Rejection::UnknownDraft { symbol: text() },
            Rejection::UnknownParagraph {
                symbol: text(),
                paragraph: text(),
            },
            Rejection::UnknownAmendment { id: text() },
            Rejection::EmptyAmendment { id: text() },
            Rejection::DraftAlreadyVoted { symbol: text() },
            Rejection::DraftWithdrawn { symbol: text() },
            Rejection::DraftNotWithdrawn { symbol: text() },
            Rejection::NotTheMover {
                symbol: text(),
                member,
                mover: member,
                action: "withdraw it (rule 35)",
            },
            Rejection::SeparateVoteAlreadyRequested {
                symbol: text(),
                paragraph: text(),
            },
            Rejection::SeparateVoteNotDue {
                symbol: text(),
                paragraph: text(),
            },
            Rejection::EarlierDraftPending {
                symbol: text(),
                earlier: text(),
            },
            Rejection::AmendmentPending {
                symbol: text(),
                amendment: text(),
            },
            Rejection::SeparateVotePending {
                symbol: text(),
                paragraph: text(),
            },
            Rejection::PreliminaryQuestionPending {
                symbol: text(),
                member,
            },
            Rejection::NoPreliminaryQuestion { symbol: text() },
            Rejection::AmendmentAlreadyVoted { id: text() },
            Rejection::PriorityNotNeeded { symbol: text() },
            Rejection::VoteInProgress { item: text() },
            Rejection::NoVoteInProgress,
            Rejection::ExplanationOutOfTurn {
                member,
                symbol: text(),
                timing: "before the vote",
                state: "has already been voted",
            },
            Rejection::UnknownStatement { id: text() },
            Rejection::StatementAlreadyConcluded { id: text() },
            Rejection::NoSilenceProcedure { id: text() },
            Rejection::DraftNotInBlue { draft: text() },
            Rejection::DraftAlreadyInBlue { draft: text() },
            Rejection::AlreadyASponsor {
                draft: text(),
                member,
            },
            Rejection::AmendmentPendingOnRevision {
                draft: text(),
                amendment: text(),
            },
            Rejection::DraftVotingBegun {
                draft: text(),
                item: text(),
            },
            Rejection::VoteNotRequested {
                draft: text(),
                mover: member,
            },
            Rejection::VoteRequestNotNeeded { draft: text() },
            Rejection::VoteAlreadyRequested { draft: text() },
            Rejection::NotEntitledToSpeak { speaker: member },
            Rejection::AlreadyInscribed { speaker: member },
            Rejection::NotInscribed { speaker: member },
            Rejection::NotNextSpeaker {
                speaker: member,
                next: member,
            },
            Rejection::AlreadyVoted { member },
            Rejection::CompositionOfAnotherDay {
                date,
                composition_date: date,
            },
        ]
    }

    /// "AlreadyVoted" to "already_voted".
    fn snake_case(name: &str) -> String {
        let mut snake = String::new();
        for (index, character) in name.chars().enumerate() {
            if character.is_ascii_uppercase() && index > 0 {
                snake.push('_');
            }
            snake.push(character.to_ascii_lowercase());
        }
        snake
    }

    #[test]
    fn every_variant_is_listed_once_in_the_test() {
        // Each variant carries one `#[error]` attribute, so their number is the number of
        // variants; a new variant without a sample here fails this test.
        let n_variants = include_str!("rejection.rs")
            .lines()
            .filter(|line| line.trim_start().starts_with("#[error("))
            .count();
        assert_eq!(every_variant().len(), n_variants);
    }

    #[test]
    fn each_code_is_the_variant_name_in_snake_case_and_unique() {
        let mut seen = BTreeSet::new();
        for rejection in every_variant() {
            let debug = format!("{rejection:?}");
            let variant = debug
                .split(|character: char| !character.is_ascii_alphanumeric())
                .next()
                .unwrap();
            let code = rejection.code();
            assert_eq!(code, snake_case(variant), "{debug}");
            assert!(
                code.chars()
                    .all(|character| character.is_ascii_lowercase() || character == '_'),
                "{code}"
            );
            assert!(seen.insert(code), "{code} is used twice");
        }
    }

    #[test]
    fn clashes_with_what_happened_are_conflicts_and_rule_refusals_are_not() {
        let conflicts: Vec<&str> = every_variant()
            .iter()
            .filter(|rejection| rejection.is_conflict())
            .map(Rejection::code)
            .collect();
        assert_eq!(
            conflicts,
            [
                "meeting_already_opened",
                "meeting_closed",
                "agenda_already_adopted",
                "already_invited",
                "duplicate_identifier",
                "draft_already_voted",
                "separate_vote_already_requested",
                "amendment_already_voted",
                "vote_in_progress",
                "no_vote_in_progress",
                "statement_already_concluded",
                "draft_already_in_blue",
                "already_a_sponsor",
                "draft_voting_begun",
                "vote_already_requested",
                "already_inscribed",
                "already_voted",
            ]
        );
        assert!(
            !Rejection::DraftNotInBlue {
                draft: "S/1".to_owned()
            }
            .is_conflict()
        );
        assert!(
            !Rejection::VoteByPartyToDispute {
                member: code("GBR")
            }
            .is_conflict()
        );
    }

    #[test]
    fn messages_end_without_a_period() {
        for rejection in every_variant() {
            let message = rejection.to_string();
            assert!(!message.ends_with('.'), "{message}");
        }
    }
}
