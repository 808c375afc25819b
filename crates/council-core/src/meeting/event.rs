//! What happened in a meeting: [`Event`]s, in the past tense, each with a stable `kind` tag.
//!
//! Events are facts: [`evolve`](super::evolve) applies them without judging them, and they
//! are never edited once stored. Their `kind` strings are part of the stored format and must
//! not change; a changed shape gets a new kind.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::command::{
    AmendmentChange, ExplanationTiming, InvitationBasis, MeetingFormat, Paragraph, Participant,
    VoteItem,
};
use crate::composition::Composition;
use crate::member::MemberCode;
use crate::outcome::Outcome;
use crate::statement::StatementKind;
use crate::vote::{Ballot, Position};

/// Something that happened in a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// The President opened the meeting.
    MeetingOpened {
        /// The day.
        date: NaiveDate,
        /// Public meeting or closed consultations.
        format: MeetingFormat,
        /// S/PV number of a formal meeting.
        meeting_number: Option<u32>,
        /// The Council sitting that day.
        composition: Composition,
        /// The member presiding.
        president: MemberCode,
        /// The provisional agenda.
        agenda: Vec<String>,
        /// Who requested the meeting.
        requested_by: Vec<MemberCode>,
    },
    /// The agenda was adopted, without objection or by the vote just taken (Rule 9).
    AgendaAdopted {
        /// Whether it was adopted by a vote rather than without objection.
        by_vote: bool,
    },
    /// The agenda vote failed: the meeting does not proceed (E12; 9592nd meeting).
    AgendaNotAdopted,
    /// A participant was invited without vote.
    ParticipantInvited {
        /// Who.
        participant: Participant,
        /// Under which provision.
        basis: InvitationBasis,
    },
    /// A draft resolution was submitted; its place in the order of submission is its place
    /// among these events (Rule 32).
    DraftSubmitted {
        /// The symbol.
        symbol: String,
        /// Its sponsors.
        sponsors: Vec<MemberCode>,
        /// Its mover.
        mover: MemberCode,
        /// Its text.
        paragraphs: Vec<Paragraph>,
        /// Whether it is presented as procedural.
        procedural: bool,
        /// Parties obliged to abstain (Art. 27(3)).
        parties_to_dispute: Vec<MemberCode>,
    },
    /// An amendment was submitted.
    AmendmentSubmitted {
        /// Its identifier.
        id: String,
        /// The draft it amends.
        draft: String,
        /// Who proposed it.
        proposed_by: MemberCode,
        /// Whether it was oral.
        oral: bool,
        /// Its changes.
        changes: Vec<AmendmentChange>,
    },
    /// A separate vote on a paragraph was requested (Rule 32).
    SeparateVoteRequested {
        /// The draft.
        draft: String,
        /// The paragraph.
        paragraph: String,
        /// Who asked.
        requested_by: MemberCode,
    },
    /// The mover objected, so the separate vote will not be taken (Rule 32).
    SeparateVoteObjectedTo {
        /// The draft.
        draft: String,
        /// The paragraph.
        paragraph: String,
        /// The mover.
        member: MemberCode,
    },
    /// The draft was withdrawn (Rule 35).
    DraftWithdrawn {
        /// The draft.
        draft: String,
        /// Its mover.
        member: MemberCode,
    },
    /// The draft was put in blue: its text is final and may be put to the vote (spec
    /// section 3.9).
    DraftPutInBlue {
        /// The draft.
        draft: String,
    },
    /// A Council member asked that a draft moved by an invited State be put to the vote
    /// (Rule 38).
    VoteRequested {
        /// The draft.
        draft: String,
        /// The Council member.
        member: MemberCode,
    },
    /// A State joined the draft's sponsors.
    DraftCoSponsored {
        /// The draft.
        draft: String,
        /// The new sponsor.
        member: MemberCode,
    },
    /// The mover issued a revised text; the draft is no longer in blue.
    DraftRevised {
        /// The draft.
        draft: String,
        /// The revision's number: 1 for Rev.1, 2 for Rev.2, and so on.
        revision: u32,
        /// The revised text.
        paragraphs: Vec<Paragraph>,
    },
    /// A member took over a withdrawn draft and is now its mover (Rule 35).
    DraftTakenOver {
        /// The draft.
        draft: String,
        /// The new mover.
        member: MemberCode,
    },
    /// A member disputed whether a draft is procedural.
    ProceduralCharacterDisputed {
        /// The draft.
        draft: String,
        /// Who disputed it.
        member: MemberCode,
    },
    /// A member explained its vote.
    VoteExplained {
        /// The member.
        member: MemberCode,
        /// The draft.
        draft: String,
        /// Before or after the vote.
        timing: ExplanationTiming,
        /// What it said.
        text: String,
    },
    /// A representative was inscribed on the list of speakers.
    SpeakerInscribed {
        /// The State.
        speaker: MemberCode,
    },
    /// The President gave the floor to a speaker, who leaves the list (Rule 27).
    FloorGiven {
        /// The State.
        speaker: MemberCode,
    },
    /// The President put an item to the vote.
    VotingOpened {
        /// What is voted.
        item: VoteItem,
    },
    /// A delegation cast its vote.
    VoteCast {
        /// The member.
        member: MemberCode,
        /// Its vote.
        position: Position,
    },
    /// The vote was taken and decided (Art. 27). After a veto the outcome carries the
    /// General Assembly debate due under A/RES/76/262 (`outcome.veto_debate`).
    VoteTaken {
        /// What was voted.
        item: VoteItem,
        /// Every recorded position.
        ballot: Ballot,
        /// The decision.
        outcome: Outcome,
    },
    /// The Council gave a draft priority over drafts submitted earlier.
    PriorityGiven {
        /// The draft.
        draft: String,
    },
    /// The preliminary question was decided: the draft is procedural or not.
    ProceduralCharacterDecided {
        /// The draft.
        draft: String,
        /// Whether it is to be voted as a procedural matter.
        procedural: bool,
    },
    /// An adopted amendment changed the draft's text.
    DraftAmended {
        /// The draft.
        draft: String,
        /// The amendment.
        amendment: String,
        /// The draft's text after the amendment.
        paragraphs: Vec<Paragraph>,
    },
    /// A paragraph rejected in a separate vote left the draft's text (Rule 32).
    ParagraphRemoved {
        /// The draft.
        draft: String,
        /// The paragraph.
        paragraph: String,
    },
    /// A draft statement was circulated.
    StatementCirculated {
        /// Its identifier.
        id: String,
        /// Presidential or press statement.
        statement_kind: StatementKind,
        /// Its text, if any was circulated.
        text: Option<String>,
        /// The silence deadline, if any.
        silence_until: Option<NaiveDateTime>,
    },
    /// A member did not join the consensus.
    StatementObjectedTo {
        /// The statement.
        id: String,
        /// The member.
        member: MemberCode,
    },
    /// A member dissociated itself from part of a statement.
    StatementDissociatedFrom {
        /// The statement.
        id: String,
        /// The member.
        member: MemberCode,
    },
    /// A member broke silence.
    SilenceBroken {
        /// The statement.
        id: String,
        /// The member.
        member: MemberCode,
        /// When.
        at: NaiveDateTime,
    },
    /// The statement was concluded: agreed by consensus, or not.
    StatementConcluded {
        /// The statement.
        id: String,
        /// The decision, naming who blocked it.
        outcome: Outcome,
    },
    /// The meeting closed.
    MeetingClosed,
}

impl Event {
    /// The event's stable `kind` string, as serialised.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::MeetingOpened { .. } => "meeting_opened",
            Event::AgendaAdopted { .. } => "agenda_adopted",
            Event::AgendaNotAdopted => "agenda_not_adopted",
            Event::ParticipantInvited { .. } => "participant_invited",
            Event::DraftSubmitted { .. } => "draft_submitted",
            Event::AmendmentSubmitted { .. } => "amendment_submitted",
            Event::SeparateVoteRequested { .. } => "separate_vote_requested",
            Event::SeparateVoteObjectedTo { .. } => "separate_vote_objected_to",
            Event::DraftWithdrawn { .. } => "draft_withdrawn",
            Event::DraftPutInBlue { .. } => "draft_put_in_blue",
            Event::DraftCoSponsored { .. } => "draft_co_sponsored",
            Event::VoteRequested { .. } => "vote_requested",
            Event::DraftRevised { .. } => "draft_revised",
            Event::DraftTakenOver { .. } => "draft_taken_over",
            Event::ProceduralCharacterDisputed { .. } => "procedural_character_disputed",
            Event::VoteExplained { .. } => "vote_explained",
            Event::SpeakerInscribed { .. } => "speaker_inscribed",
            Event::FloorGiven { .. } => "floor_given",
            Event::VotingOpened { .. } => "voting_opened",
            Event::VoteCast { .. } => "vote_cast",
            Event::VoteTaken { .. } => "vote_taken",
            Event::PriorityGiven { .. } => "priority_given",
            Event::ProceduralCharacterDecided { .. } => "procedural_character_decided",
            Event::DraftAmended { .. } => "draft_amended",
            Event::ParagraphRemoved { .. } => "paragraph_removed",
            Event::StatementCirculated { .. } => "statement_circulated",
            Event::StatementObjectedTo { .. } => "statement_objected_to",
            Event::StatementDissociatedFrom { .. } => "statement_dissociated_from",
            Event::SilenceBroken { .. } => "silence_broken",
            Event::StatementConcluded { .. } => "statement_concluded",
            Event::MeetingClosed => "meeting_closed",
        }
    }
}
