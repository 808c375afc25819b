//! The meeting as the pages show it ([`MeetingView`]): a projection of the domain's
//! [`Meeting`] with names spelled out and every outcome explained.

use council_core::meeting::{
    AgendaStatus, DraftStatus, Meeting, MeetingFormat, Participant, VoteItem,
};
use council_core::{MemberCode, Position};
use council_data::Roster;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A member as shown.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MemberView {
    /// Its code.
    pub code: String,
    /// Its name on the day.
    pub name: String,
    /// Whether it holds a permanent seat.
    pub permanent: bool,
}

/// The presiding member.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PresidentView {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
}

/// An invitation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InvitationView {
    /// The State's or person's name.
    pub participant: String,
    /// The State's code, if a State.
    pub code: Option<String>,
    /// The provision, as cited.
    pub basis: String,
}

/// The speakers list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct SpeakersView {
    /// Waiting for the floor, in order.
    pub waiting: Vec<String>,
    /// Given the floor, in order.
    pub spoken: Vec<String>,
}

/// A paragraph of a draft.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ParagraphView {
    /// Its label.
    pub label: String,
    /// Its words.
    pub text: String,
}

/// A separate vote requested on a paragraph.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SeparateVoteView {
    /// The paragraph.
    pub paragraph: String,
    /// Who asked.
    pub requested_by: String,
    /// Whether the mover objected.
    pub objected: bool,
}

/// A draft resolution.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DraftView {
    /// Its symbol.
    pub symbol: String,
    /// Its sponsors.
    pub sponsors: Vec<String>,
    /// Its mover.
    pub mover: String,
    /// Its revision (0 for the original).
    pub revision: u32,
    /// Whether it is in blue, ready for the vote.
    pub in_blue: bool,
    /// Whether it is treated as procedural.
    pub procedural: bool,
    /// Parties to the dispute obliged to abstain.
    pub parties_to_dispute: Vec<String>,
    /// `pending`, `withdrawn`, `adopted`, `vetoed`, `insufficient_votes`.
    pub status: String,
    /// Its text.
    pub paragraphs: Vec<ParagraphView>,
    /// Separate votes requested.
    pub separate_votes: Vec<SeparateVoteView>,
}

/// An amendment.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AmendmentView {
    /// Its id.
    pub id: String,
    /// The draft amended.
    pub draft: String,
    /// Who proposed it.
    pub proposed_by: String,
    /// Whether moved orally.
    pub oral: bool,
    /// Its verdict once voted.
    pub verdict: Option<String>,
}

/// A vote as cast or recorded.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CastView {
    /// The member.
    pub member: String,
    /// `yes`, `no`, `abstain`, `not_participating` or `absent`.
    pub position: String,
}

/// The question before the Council.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct VotingView {
    /// What is voted, as the API writes a vote item.
    #[schema(value_type = Object)]
    pub item: VoteItem,
    /// The item in words.
    pub label: String,
    /// The votes cast so far, in order.
    pub cast: Vec<CastView>,
}

/// A tally.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TallyView {
    /// In favour.
    pub yes: u32,
    /// Against.
    pub no: u32,
    /// Abstaining.
    pub abstain: u32,
    /// Present and not participating.
    pub not_participating: u32,
    /// Absent.
    pub absent: u32,
}

/// A vote taken, with its outcome.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct VoteView {
    /// What was voted.
    #[schema(value_type = Object)]
    pub item: VoteItem,
    /// The item in words.
    pub label: String,
    /// Every member's position.
    pub ballot: Vec<CastView>,
    /// The counts.
    pub tally: TallyView,
    /// `adopted`, `vetoed`, `insufficient_votes`.
    pub verdict: String,
    /// The outcome in the President's words.
    pub announcement: String,
    /// Why, with the rule.
    pub explanation: String,
    /// The rule that decided it.
    pub rule: String,
    /// The last day for the General Assembly debate after a veto (A/RES/76/262).
    pub general_assembly_debate_by: Option<String>,
}

/// An explanation of vote.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ExplanationView {
    /// The member.
    pub member: String,
    /// The draft.
    pub draft: String,
    /// `before_vote` or `after_vote`.
    pub timing: String,
    /// What it said.
    pub text: String,
}

/// A statement.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StatementView {
    /// Its id.
    pub id: String,
    /// `presidential` or `press`.
    pub kind: String,
    /// Its text.
    pub text: Option<String>,
    /// The end of its silence procedure.
    pub silence_until: Option<String>,
    /// Members not joining the consensus.
    pub objections: Vec<String>,
    /// Members dissociating.
    pub dissociations: Vec<String>,
    /// Its outcome once concluded: the announcement.
    pub outcome: Option<String>,
}

/// `GET /api/meetings/{id}`: the meeting now.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MeetingView {
    /// The meeting's id.
    pub id: String,
    /// The last event's sequence number.
    pub seq: u64,
    /// The day.
    pub date: String,
    /// `public_meeting` or `closed_consultations`.
    pub format: String,
    /// The S/PV number.
    pub meeting_number: Option<u32>,
    /// "9790th meeting (S/PV.9790)" or "Closed consultations".
    pub title: String,
    /// The presiding member.
    pub president: PresidentView,
    /// The Council, in English alphabetical order.
    pub members: Vec<MemberView>,
    /// Affirmative votes required.
    pub required_affirmative_votes: u32,
    /// The agenda.
    pub agenda: Vec<String>,
    /// `provisional`, `adopted` or `not_adopted`.
    pub agenda_status: String,
    /// Invitations.
    pub invitations: Vec<InvitationView>,
    /// The speakers list.
    pub speakers: SpeakersView,
    /// Drafts.
    pub drafts: Vec<DraftView>,
    /// Amendments.
    pub amendments: Vec<AmendmentView>,
    /// The open question, if any.
    pub voting: Option<VotingView>,
    /// Votes taken.
    pub votes: Vec<VoteView>,
    /// Explanations of vote.
    pub explanations: Vec<ExplanationView>,
    /// Statements.
    pub statements: Vec<StatementView>,
    /// Whether the meeting has risen.
    pub closed: bool,
}

/// A line of `GET /api/meetings`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MeetingSummary {
    /// The id.
    pub id: String,
    /// The day.
    pub date: String,
    /// The S/PV number.
    pub meeting_number: Option<u32>,
    /// `public_meeting` or `closed_consultations`.
    pub format: String,
    /// The agenda.
    pub agenda: Vec<String>,
    /// The presiding member's name.
    pub president: String,
    /// Whether the meeting has risen.
    pub closed: bool,
}

fn codes(members: &[MemberCode]) -> Vec<String> {
    members.iter().map(ToString::to_string).collect()
}

fn cast(member: MemberCode, position: Position) -> CastView {
    CastView {
        member: member.to_string(),
        position: position.as_str().to_owned(),
    }
}

/// The name of a State on a day: the Council's name for its members, the data's otherwise.
pub fn state_name(meeting: &Meeting, roster: &Roster, code: MemberCode) -> String {
    let details = meeting.details();
    if let Some(member) = details.and_then(|details| details.composition.member(code)) {
        return member.name().to_owned();
    }
    let date = details.map(|details| details.date);
    date.and_then(|date| roster.name_on(code, date))
        .map(str::to_owned)
        .unwrap_or_else(|| code.to_string())
}

/// The summary of a meeting for the list; `None` before it is opened.
pub fn summary(id: &str, meeting: &Meeting) -> Option<MeetingSummary> {
    let details = meeting.details()?;
    Some(MeetingSummary {
        id: id.to_owned(),
        date: details.date.to_string(),
        meeting_number: details.meeting_number,
        format: format_name(details.format).to_owned(),
        agenda: details.agenda.clone(),
        president: details.composition.name_of(details.president),
        closed: meeting.is_closed(),
    })
}

fn format_name(format: MeetingFormat) -> &'static str {
    match format {
        MeetingFormat::PublicMeeting => "public_meeting",
        MeetingFormat::ClosedConsultations => "closed_consultations",
    }
}

/// The view of a meeting; `None` before it is opened.
pub fn view(id: &str, seq: u64, meeting: &Meeting, roster: &Roster) -> Option<MeetingView> {
    let details = meeting.details()?;
    let composition = &details.composition;
    let title = match (details.format, details.meeting_number) {
        (MeetingFormat::ClosedConsultations, _) => "Closed consultations".to_owned(),
        (MeetingFormat::PublicMeeting, Some(number)) => {
            format!(
                "{} meeting (S/PV.{number})",
                council_verbatim::ordinal(number)
            )
        }
        (MeetingFormat::PublicMeeting, None) => "Public meeting".to_owned(),
    };
    let members = composition
        .members()
        .iter()
        .map(|member| MemberView {
            code: member.code().to_string(),
            name: member.name().to_owned(),
            permanent: member.is_permanent(),
        })
        .collect();
    let invitations = meeting
        .invitations()
        .iter()
        .map(|invitation| match &invitation.participant {
            Participant::State { state } => InvitationView {
                participant: state_name(meeting, roster, *state),
                code: Some(state.to_string()),
                basis: invitation.basis.citation().to_owned(),
            },
            Participant::Person { name, title } => InvitationView {
                participant: format!("{name}, {title}"),
                code: None,
                basis: invitation.basis.citation().to_owned(),
            },
        })
        .collect();
    let drafts = meeting
        .drafts()
        .iter()
        .map(|draft| DraftView {
            symbol: draft.symbol.clone(),
            sponsors: codes(&draft.sponsors),
            mover: draft.mover.to_string(),
            revision: draft.revision,
            in_blue: draft.in_blue,
            procedural: draft.is_procedural(),
            parties_to_dispute: codes(&draft.parties_to_dispute),
            status: match draft.status {
                DraftStatus::Pending => "pending".to_owned(),
                DraftStatus::Withdrawn => "withdrawn".to_owned(),
                DraftStatus::Voted(verdict) => verdict.as_str().to_owned(),
            },
            paragraphs: draft
                .paragraphs
                .iter()
                .map(|paragraph| ParagraphView {
                    label: paragraph.label.clone(),
                    text: paragraph.text.clone(),
                })
                .collect(),
            separate_votes: draft
                .separate_votes
                .iter()
                .map(|request| SeparateVoteView {
                    paragraph: request.paragraph.clone(),
                    requested_by: request.requested_by.to_string(),
                    objected: request.objected,
                })
                .collect(),
        })
        .collect();
    let amendments = meeting
        .amendments()
        .iter()
        .map(|amendment| AmendmentView {
            id: amendment.id.clone(),
            draft: amendment.draft.clone(),
            proposed_by: amendment.proposed_by.to_string(),
            oral: amendment.oral,
            verdict: amendment.verdict.map(|verdict| verdict.as_str().to_owned()),
        })
        .collect();
    let voting = meeting.voting().map(|(item, casts)| VotingView {
        item: item.clone(),
        label: item.to_string(),
        cast: casts
            .iter()
            .map(|(member, position)| cast(*member, *position))
            .collect(),
    });
    let votes = meeting
        .votes()
        .iter()
        .map(|record| {
            let tally = record.outcome.tally;
            VoteView {
                item: record.item.clone(),
                label: record.item.to_string(),
                ballot: composition
                    .members()
                    .iter()
                    .map(|member| cast(member.code(), record.ballot.position_of(member.code())))
                    .collect(),
                tally: TallyView {
                    yes: tally.yes,
                    no: tally.no,
                    abstain: tally.abstain,
                    not_participating: tally.not_participating,
                    absent: tally.absent,
                },
                verdict: record.outcome.verdict.as_str().to_owned(),
                announcement: record.outcome.announcement(),
                explanation: record.outcome.explanation.clone(),
                rule: record.outcome.provision.citation().to_owned(),
                general_assembly_debate_by: record
                    .outcome
                    .veto_debate
                    .as_ref()
                    .map(|debate| debate.convene_by.to_string()),
            }
        })
        .collect();
    let explanations = meeting
        .explanations()
        .iter()
        .map(|explanation| ExplanationView {
            member: explanation.member.to_string(),
            draft: explanation.draft.clone(),
            timing: match explanation.timing {
                council_core::meeting::ExplanationTiming::BeforeVote => "before_vote",
                council_core::meeting::ExplanationTiming::AfterVote => "after_vote",
            }
            .to_owned(),
            text: explanation.text.clone(),
        })
        .collect();
    let statements = meeting
        .statements()
        .iter()
        .map(|statement| StatementView {
            id: statement.id.clone(),
            kind: match statement.kind {
                council_core::StatementKind::Presidential => "presidential",
                council_core::StatementKind::Press => "press",
            }
            .to_owned(),
            text: statement.text.clone(),
            silence_until: statement.silence_until.map(|time| time.to_string()),
            objections: codes(&statement.objections),
            dissociations: codes(&statement.dissociations),
            outcome: statement
                .outcome
                .as_ref()
                .map(|outcome| outcome.announcement()),
        })
        .collect();
    Some(MeetingView {
        id: id.to_owned(),
        seq,
        date: details.date.to_string(),
        format: format_name(details.format).to_owned(),
        meeting_number: details.meeting_number,
        title,
        president: PresidentView {
            code: details.president.to_string(),
            name: composition.name_of(details.president),
        },
        members,
        required_affirmative_votes: composition.required_affirmative_votes(),
        agenda: details.agenda.clone(),
        agenda_status: match meeting.agenda_status() {
            AgendaStatus::Provisional => "provisional",
            AgendaStatus::Adopted => "adopted",
            AgendaStatus::NotAdopted => "not_adopted",
        }
        .to_owned(),
        invitations,
        speakers: SpeakersView {
            waiting: codes(meeting.speakers_waiting()),
            spoken: codes(meeting.speakers_heard()),
        },
        drafts,
        amendments,
        voting,
        votes,
        explanations,
        statements,
        closed: meeting.is_closed(),
    })
}
