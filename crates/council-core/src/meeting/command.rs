//! What the President or a delegation asks of a meeting: [`Command`]s, in the imperative,
//! and the values they carry.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::composition::Composition;
use crate::member::MemberCode;
use crate::statement::StatementKind;
use crate::vote::{Ballot, Position};

/// How the Council meets (spec section 4.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingFormat {
    /// A formal public meeting with a verbatim record S/PV.NNNN, where the Council votes
    /// (Rule 48: "unless it decides otherwise, the Council shall meet in public").
    PublicMeeting,
    /// Informal consultations of the whole: no official record, no S/PV number, no formal
    /// decisions; Council members and Secretariat briefers only.
    ClosedConsultations,
}

impl MeetingFormat {
    /// Whether the Council can take formal decisions in this format.
    pub fn is_formal(self) -> bool {
        self == MeetingFormat::PublicMeeting
    }

    /// The format as the Council's records name it.
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingFormat::PublicMeeting => "public meeting",
            MeetingFormat::ClosedConsultations => "closed consultations",
        }
    }
}

impl fmt::Display for MeetingFormat {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// One labelled paragraph of a draft ("PP1", "OP1"): the unit of separate votes (Rule 32)
/// and of amendments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The paragraph's label, unique within its draft.
    pub label: String,
    /// The paragraph's words.
    pub text: String,
}

impl Paragraph {
    /// A paragraph with a label and text.
    pub fn new(label: impl Into<String>, text: impl Into<String>) -> Self {
        Paragraph {
            label: label.into(),
            text: text.into(),
        }
    }
}

/// One change an amendment makes to a draft's text (Rule 36: an amendment adds to, deletes
/// from or revises part of a text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum AmendmentChange {
    /// Replaces the words of a paragraph.
    Replace {
        /// The paragraph revised.
        paragraph: String,
        /// Its new words.
        text: String,
    },
    /// Inserts a new paragraph after another one, or at the start.
    Insert {
        /// The paragraph it follows; `None` puts it first.
        after: Option<String>,
        /// The new paragraph.
        new_paragraph: Paragraph,
    },
    /// Deletes a paragraph.
    Delete {
        /// The paragraph deleted.
        paragraph: String,
    },
}

/// Someone invited to take part in a meeting without vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "participant", rename_all = "snake_case")]
pub enum Participant {
    /// A State, represented by its delegation.
    State {
        /// The State's code.
        state: MemberCode,
    },
    /// A person invited in a personal or official capacity (a briefer).
    Person {
        /// The person's name.
        name: String,
        /// The capacity in which the person speaks.
        title: String,
    },
}

/// The provision under which a participant is invited (spec section 4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationBasis {
    /// Rule 37 (and Art. 31): a UN Member not on the Council whose interests are specially
    /// affected, by decision of the Council.
    Rule37,
    /// Art. 32: a Member or non-member State that is a party to a dispute under consideration.
    Article32,
    /// Rule 39: members of the Secretariat or other persons invited to supply information.
    Rule39,
}

impl InvitationBasis {
    /// The provision as cited in records.
    pub fn citation(self) -> &'static str {
        match self {
            InvitationBasis::Rule37 => "rule 37",
            InvitationBasis::Article32 => "Article 32 of the Charter",
            InvitationBasis::Rule39 => "rule 39",
        }
    }
}

/// When a member explains its vote on a draft (spec section 3.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExplanationTiming {
    /// Before the draft is put to the vote.
    BeforeVote,
    /// After the draft has been voted.
    AfterVote,
}

/// What the President puts to the vote.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "item", rename_all = "snake_case")]
pub enum VoteItem {
    /// The provisional agenda (Rule 9), a procedural matter.
    Agenda,
    /// A motion that a draft be voted before drafts submitted earlier: the Council "decides
    /// otherwise" than Rule 32's order of submission, a procedural matter.
    Priority {
        /// The draft to be voted first.
        draft: String,
    },
    /// The preliminary question that a draft is procedural, decided as a non-procedural
    /// matter (spec section 3.7).
    PreliminaryQuestion {
        /// The draft whose character is disputed.
        draft: String,
    },
    /// An amendment to a draft (Rules 33 and 36).
    Amendment {
        /// The amendment's identifier.
        amendment: String,
    },
    /// One paragraph of a draft voted separately (Rule 32).
    Paragraph {
        /// The draft.
        draft: String,
        /// The paragraph's label.
        paragraph: String,
    },
    /// A draft as a whole, with its adopted amendments and without its rejected parts.
    Draft {
        /// The draft's symbol.
        draft: String,
    },
}

impl fmt::Display for VoteItem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VoteItem::Agenda => write!(formatter, "the provisional agenda"),
            VoteItem::Priority { draft } => write!(formatter, "priority for draft {draft}"),
            VoteItem::PreliminaryQuestion { draft } => {
                write!(formatter, "the preliminary question on draft {draft}")
            }
            VoteItem::Amendment { amendment } => write!(formatter, "amendment {amendment}"),
            VoteItem::Paragraph { draft, paragraph } => {
                write!(formatter, "paragraph {paragraph} of draft {draft}")
            }
            VoteItem::Draft { draft } => write!(formatter, "draft {draft}"),
        }
    }
}

/// A request to the meeting. Commands are imperative; each is accepted as [`Event`]s
/// (past tense) or refused with a [`Rejection`](crate::Rejection) by
/// [`decide`](super::decide).
///
/// [`Event`]: super::Event
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Opens a meeting called by the President (Rules 1-3).
    OpenMeeting {
        /// The day of the meeting.
        date: NaiveDate,
        /// Public meeting or closed consultations.
        format: MeetingFormat,
        /// The formal meeting's number (S/PV.NNNN); consultations have none.
        meeting_number: Option<u32>,
        /// The Council that sits on the day.
        composition: Composition,
        /// The member presiding (Rule 18).
        president: MemberCode,
        /// The items of the provisional agenda (Rule 7).
        agenda: Vec<String>,
        /// The States that requested the meeting (Rules 2 and 3).
        requested_by: Vec<MemberCode>,
    },
    /// Adopts the agenda without objection (Rule 9).
    AdoptAgenda,
    /// Invites a participant without vote (Rules 37 and 39; Art. 31 and 32).
    InviteParticipant {
        /// Who is invited.
        participant: Participant,
        /// Under which provision.
        basis: InvitationBasis,
    },
    /// Submits a draft resolution. Drafts are voted in the order of these commands (Rule 32).
    SubmitDraft {
        /// The document symbol (S/YYYY/NNN), unique in the meeting.
        symbol: String,
        /// The sponsors, who may be States not on the Council (spec section 3.9).
        sponsors: Vec<MemberCode>,
        /// The representative who moves it and may withdraw it (Rule 35) or object to a
        /// separate vote on its parts (Rule 32).
        mover: MemberCode,
        /// The draft's text, paragraph by paragraph.
        paragraphs: Vec<Paragraph>,
        /// Whether the mover presents it as procedural (Art. 27(2)), like resolution 2623
        /// (2022); a draft is non-procedural unless said otherwise.
        procedural: bool,
        /// Parties to a dispute obliged to abstain on it (Art. 27(3), proviso).
        parties_to_dispute: Vec<MemberCode>,
    },
    /// Submits an amendment to a draft (Rules 33 and 36); oral amendments are allowed, since
    /// Rule 31 asks for writing only "normally".
    SubmitAmendment {
        /// The amendment's identifier, unique in the meeting (a symbol, or a label for an
        /// oral amendment).
        id: String,
        /// The draft it amends.
        draft: String,
        /// The Council member proposing it.
        proposed_by: MemberCode,
        /// Whether it was moved orally rather than in writing (Rule 31).
        oral: bool,
        /// What it changes.
        changes: Vec<AmendmentChange>,
    },
    /// Requests that a paragraph be voted separately (Rule 32).
    RequestSeparateVote {
        /// The draft.
        draft: String,
        /// The paragraph.
        paragraph: String,
        /// The representative asking.
        requested_by: MemberCode,
    },
    /// The mover objects to a separate vote, which then is not taken (Rule 32).
    ObjectToSeparateVote {
        /// The draft.
        draft: String,
        /// The paragraph.
        paragraph: String,
        /// The representative objecting: the draft's mover.
        member: MemberCode,
    },
    /// Withdraws a draft before it is voted (Rule 35).
    WithdrawDraft {
        /// The draft.
        draft: String,
        /// Its mover.
        member: MemberCode,
    },
    /// A Council member asks that a draft moved by an invited State be put to the vote
    /// (Rule 38: such drafts "may be put to a vote only at the request of a representative
    /// on the Security Council").
    RequestVote {
        /// The draft.
        draft: String,
        /// The Council member asking.
        member: MemberCode,
    },
    /// The mover puts a pending draft "in blue": its final form, the text to be voted (spec
    /// section 3.9: "the sponsor(s) ... may request at any time during the negotiations that
    /// their draft resolution be issued by being put into 'blue'"). Only a draft in blue is
    /// put to the vote.
    PutDraftInBlue {
        /// The draft.
        draft: String,
        /// The member asking: the draft's mover.
        member: MemberCode,
    },
    /// A State joins the sponsors of a pending draft. Any State may co-sponsor, Council
    /// member or not (spec section 3.9: S/2023/970 had 102 sponsors).
    CoSponsorDraft {
        /// The draft.
        draft: String,
        /// The State joining its sponsors.
        member: MemberCode,
    },
    /// The mover issues a revised text of a pending draft (S/2024/835/Rev.1, Rev.2, ...),
    /// which takes it out of blue until it is put in blue again.
    ReviseDraft {
        /// The draft.
        draft: String,
        /// The member revising it: the draft's mover.
        member: MemberCode,
        /// The revised text, paragraph by paragraph, replacing the whole text.
        paragraphs: Vec<Paragraph>,
    },
    /// A Council member takes over a withdrawn draft and moves it as its own (Rule 35;
    /// resolution 2334 (2016), spec E22).
    TakeOverDraft {
        /// The draft.
        draft: String,
        /// The member taking it over.
        member: MemberCode,
    },
    /// Disputes whether a draft is procedural, so that the preliminary question must be
    /// voted before it (spec section 3.7, E13).
    DisputeProceduralCharacter {
        /// The draft.
        draft: String,
        /// The member disputing.
        member: MemberCode,
    },
    /// A member explains its vote on a draft, before or after the vote (spec section 3.10).
    ExplainVote {
        /// The member speaking.
        member: MemberCode,
        /// The draft.
        draft: String,
        /// Before or after the vote.
        timing: ExplanationTiming,
        /// What it said.
        text: String,
    },
    /// A representative asks to speak and is inscribed on the list of speakers.
    InscribeSpeaker {
        /// The State asking: a Council member or a State invited to the meeting (Rule 37,
        /// Art. 32).
        speaker: MemberCode,
    },
    /// The President gives the floor to the next speaker on the list (Rule 27).
    GiveFloor {
        /// The State given the floor.
        speaker: MemberCode,
    },
    /// The President puts an item to the vote.
    PutToVote {
        /// What is voted.
        item: VoteItem,
    },
    /// A delegation casts its vote on the item put to the vote (a live session).
    CastVote {
        /// The member voting.
        member: MemberCode,
        /// Its vote.
        position: Position,
    },
    /// The President records the vote: the positions cast so far plus `ballot`, and
    /// announces the result (Art. 27).
    RecordVote {
        /// Positions recorded at once; members who neither cast nor appear count as absent.
        ballot: Ballot,
    },
    /// Circulates a draft statement among the members (spec section 5).
    CirculateStatement {
        /// The statement's identifier, unique in the meeting.
        id: String,
        /// Presidential or press statement.
        kind: StatementKind,
        /// Its text, if one was circulated.
        text: Option<String>,
        /// The deadline of a silence procedure, if it is put under silence.
        silence_until: Option<NaiveDateTime>,
    },
    /// A member does not join the consensus on a statement.
    ObjectToStatement {
        /// The statement.
        id: String,
        /// The member objecting.
        member: MemberCode,
    },
    /// A member joins the consensus while dissociating from part of the text.
    DissociateFromStatement {
        /// The statement.
        id: String,
        /// The member dissociating.
        member: MemberCode,
    },
    /// A member breaks silence on a statement at a moment.
    BreakSilence {
        /// The statement.
        id: String,
        /// The member breaking silence.
        member: MemberCode,
        /// When.
        at: NaiveDateTime,
    },
    /// Concludes a statement: agreed by consensus or not.
    ConcludeStatement {
        /// The statement.
        id: String,
    },
    /// Closes the meeting; nothing can happen after.
    CloseMeeting,
}

impl Command {
    /// The command's name as written in messages (`submit_draft`, `record_vote`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            Command::OpenMeeting { .. } => "open_meeting",
            Command::AdoptAgenda => "adopt_agenda",
            Command::InviteParticipant { .. } => "invite_participant",
            Command::SubmitDraft { .. } => "submit_draft",
            Command::SubmitAmendment { .. } => "submit_amendment",
            Command::RequestSeparateVote { .. } => "request_separate_vote",
            Command::ObjectToSeparateVote { .. } => "object_to_separate_vote",
            Command::WithdrawDraft { .. } => "withdraw_draft",
            Command::PutDraftInBlue { .. } => "put_draft_in_blue",
            Command::RequestVote { .. } => "request_vote",
            Command::CoSponsorDraft { .. } => "co_sponsor_draft",
            Command::ReviseDraft { .. } => "revise_draft",
            Command::TakeOverDraft { .. } => "take_over_draft",
            Command::DisputeProceduralCharacter { .. } => "dispute_procedural_character",
            Command::ExplainVote { .. } => "explain_vote",
            Command::InscribeSpeaker { .. } => "inscribe_speaker",
            Command::GiveFloor { .. } => "give_floor",
            Command::PutToVote { .. } => "put_to_vote",
            Command::CastVote { .. } => "cast_vote",
            Command::RecordVote { .. } => "record_vote",
            Command::CirculateStatement { .. } => "circulate_statement",
            Command::ObjectToStatement { .. } => "object_to_statement",
            Command::DissociateFromStatement { .. } => "dissociate_from_statement",
            Command::BreakSilence { .. } => "break_silence",
            Command::ConcludeStatement { .. } => "conclude_statement",
            Command::CloseMeeting => "close_meeting",
        }
    }
}
