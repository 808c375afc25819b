//! The wire shapes of the API: request bodies read with unknown fields refused, and answers.
//!
//! Only this crate knows JSON wire shapes (house style); the domain's own types appear here
//! where their serde form is already the public one (member codes, positions, paragraphs,
//! vote items), described to OpenAPI as strings or objects.

use chrono::{NaiveDate, NaiveDateTime};
use council_core::meeting::{
    AmendmentChange, ExplanationTiming, InvitationBasis, MeetingFormat, Paragraph, VoteItem,
};
use council_core::{MemberCode, Position, StatementKind};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A seat in a custom composition (Model UN).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeatRequest {
    /// The member's code (ISO 3166-1 alpha-3 style, three capital letters).
    #[schema(value_type = String, example = "DZA")]
    pub code: MemberCode,
    /// The member's name.
    pub name: String,
    /// Whether it holds a permanent seat (and so a veto).
    #[serde(default)]
    pub permanent: bool,
}

/// `POST /api/meetings`: a meeting to create.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateMeeting {
    /// The day of the meeting; it fixes the composition and the presidency.
    #[schema(value_type = String, format = Date, example = "2024-11-20")]
    pub date: NaiveDate,
    /// `public_meeting` (the default) or `closed_consultations`.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "public_meeting")]
    pub format: Option<MeetingFormat>,
    /// The formal meeting's number (S/PV.NNNN).
    #[serde(default)]
    pub meeting_number: Option<u32>,
    /// The items of the provisional agenda.
    pub agenda: Vec<String>,
    /// The members that requested the meeting.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub requested_by: Vec<MemberCode>,
    /// The presiding member; by default the one the rotation gives for the month.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub president: Option<MemberCode>,
    /// A custom composition; by default the Council's on `date`.
    #[serde(default)]
    pub members: Option<Vec<SeatRequest>>,
    /// States to receive an invitee key now.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub invitees: Vec<MemberCode>,
}

/// One secret link, handed out once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Link {
    /// `president`, `delegation`, `invitee` or `board`.
    pub role: String,
    /// The State the link acts for.
    #[schema(value_type = Option<String>)]
    pub member: Option<MemberCode>,
    /// The holder's name.
    pub name: String,
    /// The page to open, with the key in its fragment.
    pub path: String,
    /// The key itself (none for the board).
    pub key: Option<String>,
}

/// `201` to `POST /api/meetings`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CreatedMeeting {
    /// The meeting's id.
    pub id: String,
    /// One link per role.
    pub links: Vec<Link>,
}

/// A command, named by `command`; the acting member comes from the key.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum CommandRequest {
    /// President: adopts the agenda without objection (Rule 9).
    AdoptAgenda,
    /// President: invites a State (`state`, basis `rule37` or `article32`) or a person
    /// (`name` and `title`, basis `rule39`).
    InviteParticipant {
        /// The State invited.
        #[serde(default)]
        #[schema(value_type = Option<String>)]
        state: Option<MemberCode>,
        /// The person invited.
        #[serde(default)]
        name: Option<String>,
        /// The person's capacity.
        #[serde(default)]
        title: Option<String>,
        /// `rule37`, `article32` or `rule39`.
        #[schema(value_type = String)]
        basis: InvitationBasis,
    },
    /// President: gives the floor to a speaker on the list.
    GiveFloor {
        /// The speaker.
        #[schema(value_type = String)]
        member: MemberCode,
    },
    /// President: puts a question to the vote.
    PutToVote {
        /// What is voted: `{"item": "draft", "draft": "S/2024/835"}`, `{"item": "agenda"}`, ...
        #[schema(value_type = Object)]
        item: VoteItem,
    },
    /// President: closes the vote; members who have not voted are recorded absent.
    CloseVote,
    /// President: circulates a statement.
    CirculateStatement {
        /// The statement's id in the meeting.
        id: String,
        /// `presidential` or `press`.
        #[schema(value_type = String)]
        kind: StatementKind,
        /// Its text.
        #[serde(default)]
        text: Option<String>,
        /// The end of the silence procedure, if any.
        #[serde(default)]
        #[schema(value_type = Option<String>)]
        silence_until: Option<NaiveDateTime>,
    },
    /// President: concludes a statement.
    ConcludeStatement {
        /// The statement.
        id: String,
    },
    /// President: the meeting rises.
    Adjourn,
    /// Delegation: casts its vote on the open question.
    CastVote {
        /// `yes`, `no`, `abstain` or `not_participating`.
        #[schema(value_type = String)]
        position: Position,
    },
    /// Delegation or invitee: asks for the floor.
    RequestFloor,
    /// Delegation or invitee: submits a draft it moves (an invitee's is voted only at a
    /// Council member's request, Rule 38).
    SubmitDraft {
        /// The document symbol.
        symbol: String,
        /// The text, paragraph by paragraph.
        #[schema(value_type = Vec<Object>)]
        paragraphs: Vec<Paragraph>,
        /// The sponsors; by default the mover alone.
        #[serde(default)]
        #[schema(value_type = Option<Vec<String>>)]
        sponsors: Option<Vec<MemberCode>>,
        /// Whether it is presented as procedural.
        #[serde(default)]
        procedural: bool,
        /// Parties to a dispute obliged to abstain.
        #[serde(default)]
        #[schema(value_type = Vec<String>)]
        parties_to_dispute: Vec<MemberCode>,
    },
    /// Delegation or invitee: joins the sponsors.
    CoSponsor {
        /// The draft.
        draft: String,
    },
    /// The mover revises its draft.
    ReviseDraft {
        /// The draft.
        draft: String,
        /// The new text.
        #[schema(value_type = Vec<Object>)]
        paragraphs: Vec<Paragraph>,
    },
    /// The mover puts its draft in blue.
    PutInBlue {
        /// The draft.
        draft: String,
    },
    /// Delegation: asks that a draft moved by an invited State be put to the vote (Rule 38).
    RequestVote {
        /// The draft.
        draft: String,
    },
    /// The mover withdraws its draft (Rule 35).
    WithdrawDraft {
        /// The draft.
        draft: String,
    },
    /// A member takes over a withdrawn draft (Rule 35).
    TakeOverDraft {
        /// The draft.
        draft: String,
    },
    /// A member submits an amendment.
    SubmitAmendment {
        /// The amendment's id.
        id: String,
        /// The draft amended.
        draft: String,
        /// Moved orally.
        #[serde(default)]
        oral: bool,
        /// What it changes.
        #[schema(value_type = Vec<Object>)]
        changes: Vec<AmendmentChange>,
    },
    /// A member requests a separate vote on a paragraph (Rule 32).
    RequestSeparateVote {
        /// The draft.
        draft: String,
        /// The paragraph.
        paragraph: String,
    },
    /// The mover objects to a separate vote (Rule 32).
    ObjectToSeparateVote {
        /// The draft.
        draft: String,
        /// The paragraph.
        paragraph: String,
    },
    /// A member disputes that a draft is procedural.
    DisputeProceduralCharacter {
        /// The draft.
        draft: String,
    },
    /// A member explains its vote.
    ExplainVote {
        /// The draft.
        draft: String,
        /// `before_vote` or `after_vote`.
        #[schema(value_type = String)]
        timing: ExplanationTiming,
        /// What it said.
        text: String,
    },
    /// A member does not join the consensus on a statement.
    ObjectToStatement {
        /// The statement.
        id: String,
    },
    /// A member joins the consensus but dissociates from part of the text.
    DissociateFromStatement {
        /// The statement.
        id: String,
    },
    /// A member breaks silence on a statement, now.
    BreakSilence {
        /// The statement.
        id: String,
    },
}

impl CommandRequest {
    /// The command's name as written in the body.
    pub fn name(&self) -> &'static str {
        match self {
            CommandRequest::AdoptAgenda => "adopt_agenda",
            CommandRequest::InviteParticipant { .. } => "invite_participant",
            CommandRequest::GiveFloor { .. } => "give_floor",
            CommandRequest::PutToVote { .. } => "put_to_vote",
            CommandRequest::CloseVote => "close_vote",
            CommandRequest::CirculateStatement { .. } => "circulate_statement",
            CommandRequest::ConcludeStatement { .. } => "conclude_statement",
            CommandRequest::Adjourn => "adjourn",
            CommandRequest::CastVote { .. } => "cast_vote",
            CommandRequest::RequestFloor => "request_floor",
            CommandRequest::SubmitDraft { .. } => "submit_draft",
            CommandRequest::CoSponsor { .. } => "co_sponsor",
            CommandRequest::ReviseDraft { .. } => "revise_draft",
            CommandRequest::PutInBlue { .. } => "put_in_blue",
            CommandRequest::WithdrawDraft { .. } => "withdraw_draft",
            CommandRequest::RequestVote { .. } => "request_vote",
            CommandRequest::TakeOverDraft { .. } => "take_over_draft",
            CommandRequest::SubmitAmendment { .. } => "submit_amendment",
            CommandRequest::RequestSeparateVote { .. } => "request_separate_vote",
            CommandRequest::ObjectToSeparateVote { .. } => "object_to_separate_vote",
            CommandRequest::DisputeProceduralCharacter { .. } => "dispute_procedural_character",
            CommandRequest::ExplainVote { .. } => "explain_vote",
            CommandRequest::ObjectToStatement { .. } => "object_to_statement",
            CommandRequest::DissociateFromStatement { .. } => "dissociate_from_statement",
            CommandRequest::BreakSilence { .. } => "break_silence",
        }
    }
}

/// One stored event as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EventView {
    /// Its sequence number in the meeting, from 1.
    pub seq: u64,
    /// Its kind.
    pub kind: String,
    /// When the server recorded it (UTC, RFC 3339).
    pub recorded_at: String,
    /// The meeting event as stored.
    #[schema(value_type = Object)]
    pub event: serde_json::Value,
}

/// `200` to a command.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CommandResult {
    /// The meeting's last sequence number after the command.
    pub seq: u64,
    /// The events the command recorded.
    pub events: Vec<EventView>,
    /// A link issued by the command (an invitation of a State without a key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<Link>,
    /// Whether this answers a retry: the request was recorded before, nothing new was.
    #[serde(default)]
    pub replayed: bool,
}

/// `GET /api/meetings/{id}/me`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Me {
    /// `president`, `delegation` or `invitee`.
    pub role: String,
    /// The State acted for.
    #[schema(value_type = Option<String>)]
    pub member: Option<MemberCode>,
    /// The holder's name.
    pub name: String,
}
