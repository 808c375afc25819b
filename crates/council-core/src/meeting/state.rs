//! The meeting as its events left it ([`Meeting`]), and [`evolve`], which applies one event.
//!
//! Nothing here judges: [`evolve`] records what an event says, and is total, so that an event
//! that does not fit (say, one about an unknown draft) changes nothing rather than failing.

use chrono::NaiveDate;

use super::command::{
    AmendmentChange, ExplanationTiming, InvitationBasis, MeetingFormat, Paragraph, Participant,
    VoteItem,
};
use super::event::Event;
use crate::composition::Composition;
use crate::member::MemberCode;
use crate::outcome::{Outcome, Verdict};
use crate::statement::{SilenceBreak, StatementKind};
use crate::vote::{Ballot, Position};

/// The facts fixed when a meeting opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDetails {
    /// The day.
    pub date: NaiveDate,
    /// Public meeting or closed consultations.
    pub format: MeetingFormat,
    /// S/PV number of a formal meeting.
    pub meeting_number: Option<u32>,
    /// The Council sitting that day.
    pub composition: Composition,
    /// The member presiding.
    pub president: MemberCode,
    /// The agenda items.
    pub agenda: Vec<String>,
    /// Who requested the meeting.
    pub requested_by: Vec<MemberCode>,
}

/// Where the agenda stands (Rule 9).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AgendaStatus {
    /// Not yet adopted.
    #[default]
    Provisional,
    /// Adopted; the meeting proceeds.
    Adopted,
    /// Rejected in a procedural vote; the meeting does not proceed.
    NotAdopted,
}

/// A participant invited without vote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// Who.
    pub participant: Participant,
    /// Under which provision.
    pub basis: InvitationBasis,
}

/// Where a draft stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftStatus {
    /// Submitted and not yet voted.
    Pending,
    /// Withdrawn by its mover (Rule 35); a member may take it over.
    Withdrawn,
    /// Voted, with this verdict; a draft is voted once.
    Voted(Verdict),
}

/// A request for a separate vote on one paragraph (Rule 32).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeparateVote {
    /// The paragraph.
    pub paragraph: String,
    /// Who asked.
    pub requested_by: MemberCode,
    /// Whether the mover objected, so that no separate vote is taken.
    pub objected: bool,
    /// The verdict once voted.
    pub verdict: Option<Verdict>,
}

impl SeparateVote {
    /// Whether the separate vote is still to be taken.
    pub fn is_due(&self) -> bool {
        !self.objected && self.verdict.is_none()
    }
}

/// A draft resolution before the Council.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Its symbol.
    pub symbol: String,
    /// Its sponsors.
    pub sponsors: Vec<MemberCode>,
    /// Its mover (who took it over, after a take-over).
    pub mover: MemberCode,
    /// Its current text: amended, and without paragraphs rejected in separate votes.
    pub paragraphs: Vec<Paragraph>,
    /// Whether the mover presented it as procedural.
    pub presented_as_procedural: bool,
    /// Parties obliged to abstain (Art. 27(3)).
    pub parties_to_dispute: Vec<MemberCode>,
    /// Where it stands.
    pub status: DraftStatus,
    /// Separate votes requested on its paragraphs.
    pub separate_votes: Vec<SeparateVote>,
    /// The member that disputed its procedural character, if any.
    pub character_disputed_by: Option<MemberCode>,
    /// The preliminary question's answer, once voted.
    pub character_decided: Option<bool>,
    /// Whether the Council gave it priority over earlier drafts.
    pub priority: bool,
    /// The Council member that asked for a vote on a draft moved by an invited State
    /// (Rule 38); `None` for drafts moved by Council members, which need no request.
    pub vote_requested_by: Option<MemberCode>,
    /// Whether it is in blue, its final form, and so may be put to the vote (spec section
    /// 3.9). A revision takes it out of blue.
    pub in_blue: bool,
    /// Its revision: 0 for the text as submitted, 1 for Rev.1, and so on.
    pub revision: u32,
}

impl Draft {
    /// Whether it is voted as a procedural matter: as decided on the preliminary question,
    /// otherwise as presented.
    pub fn is_procedural(&self) -> bool {
        self.character_decided
            .unwrap_or(self.presented_as_procedural)
    }

    /// Whether it is still to be voted.
    pub fn is_pending(&self) -> bool {
        self.status == DraftStatus::Pending
    }
}

/// An amendment to a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amendment {
    /// Its identifier.
    pub id: String,
    /// The draft it amends.
    pub draft: String,
    /// Who proposed it.
    pub proposed_by: MemberCode,
    /// Whether it was oral.
    pub oral: bool,
    /// Its changes.
    pub changes: Vec<AmendmentChange>,
    /// The verdict once voted.
    pub verdict: Option<Verdict>,
}

/// An explanation of vote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The member speaking.
    pub member: MemberCode,
    /// The draft.
    pub draft: String,
    /// Before or after the vote.
    pub timing: ExplanationTiming,
    /// What it said.
    pub text: String,
}

/// A vote taken in the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteRecord {
    /// What was voted.
    pub item: VoteItem,
    /// The recorded positions.
    pub ballot: Ballot,
    /// The decision.
    pub outcome: Outcome,
}

/// A draft statement and the members' reactions so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Its identifier.
    pub id: String,
    /// Presidential or press statement.
    pub kind: StatementKind,
    /// Its text, if circulated.
    pub text: Option<String>,
    /// The silence deadline, if any.
    pub silence_until: Option<chrono::NaiveDateTime>,
    /// Members not joining the consensus.
    pub objections: Vec<MemberCode>,
    /// Members dissociating from part of the text.
    pub dissociations: Vec<MemberCode>,
    /// Members that broke silence, and when.
    pub silence_breaks: Vec<SilenceBreak>,
    /// The decision, once concluded.
    pub outcome: Option<Outcome>,
}

/// A meeting as its events left it. The default is a meeting not yet opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meeting {
    details: Option<MeetingDetails>,
    agenda_status: AgendaStatus,
    invitations: Vec<Invitation>,
    drafts: Vec<Draft>,
    amendments: Vec<Amendment>,
    explanations: Vec<Explanation>,
    speakers_waiting: Vec<MemberCode>,
    speakers_heard: Vec<MemberCode>,
    voting: Option<(VoteItem, Vec<(MemberCode, Position)>)>,
    votes: Vec<VoteRecord>,
    statements: Vec<Statement>,
    closed: bool,
}

impl Meeting {
    /// The meeting a log of events leaves: the fold of [`evolve`] from a meeting not yet
    /// opened.
    pub fn replay<'e>(events: impl IntoIterator<Item = &'e Event>) -> Meeting {
        events.into_iter().fold(Meeting::default(), evolve)
    }

    /// The facts fixed at opening, once opened.
    pub fn details(&self) -> Option<&MeetingDetails> {
        self.details.as_ref()
    }

    /// Where the agenda stands.
    pub fn agenda_status(&self) -> AgendaStatus {
        self.agenda_status
    }

    /// Participants invited, in order.
    pub fn invitations(&self) -> &[Invitation] {
        &self.invitations
    }

    /// Drafts in order of submission (Rule 32).
    pub fn drafts(&self) -> &[Draft] {
        &self.drafts
    }

    /// The draft with this symbol.
    pub fn draft(&self, symbol: &str) -> Option<&Draft> {
        self.drafts.iter().find(|draft| draft.symbol == symbol)
    }

    /// Amendments in order of submission.
    pub fn amendments(&self) -> &[Amendment] {
        &self.amendments
    }

    /// The amendment with this identifier.
    pub fn amendment(&self, id: &str) -> Option<&Amendment> {
        self.amendments.iter().find(|amendment| amendment.id == id)
    }

    /// Explanations of vote, in order.
    pub fn explanations(&self) -> &[Explanation] {
        &self.explanations
    }

    /// The list of speakers: those inscribed and not yet given the floor, in the order in
    /// which they asked to speak (Rule 27).
    pub fn speakers_waiting(&self) -> &[MemberCode] {
        &self.speakers_waiting
    }

    /// The speakers given the floor, in order; a State that spoke twice appears twice.
    pub fn speakers_heard(&self) -> &[MemberCode] {
        &self.speakers_heard
    }

    /// The item put to the vote and the positions cast on it so far, while a vote is open.
    pub fn voting(&self) -> Option<(&VoteItem, &[(MemberCode, Position)])> {
        self.voting
            .as_ref()
            .map(|(item, casts)| (item, casts.as_slice()))
    }

    /// Votes taken, in order.
    pub fn votes(&self) -> &[VoteRecord] {
        &self.votes
    }

    /// Statements circulated, in order.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }

    /// The statement with this identifier.
    pub fn statement(&self, id: &str) -> Option<&Statement> {
        self.statements.iter().find(|statement| statement.id == id)
    }

    /// Whether the meeting has closed.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    fn draft_mut(&mut self, symbol: &str) -> Option<&mut Draft> {
        self.drafts.iter_mut().find(|draft| draft.symbol == symbol)
    }

    fn statement_mut(&mut self, id: &str) -> Option<&mut Statement> {
        self.statements
            .iter_mut()
            .find(|statement| statement.id == id)
    }
}

/// Applies one event to a meeting. Holds no rules and never fails: an event that refers to
/// something the meeting does not hold changes nothing.
pub fn evolve(mut meeting: Meeting, event: &Event) -> Meeting {
    match event {
        Event::MeetingOpened {
            date,
            format,
            meeting_number,
            composition,
            president,
            agenda,
            requested_by,
        } => {
            meeting.details = Some(MeetingDetails {
                date: *date,
                format: *format,
                meeting_number: *meeting_number,
                composition: composition.clone(),
                president: *president,
                agenda: agenda.clone(),
                requested_by: requested_by.clone(),
            });
        }
        Event::AgendaAdopted { .. } => meeting.agenda_status = AgendaStatus::Adopted,
        Event::AgendaNotAdopted => meeting.agenda_status = AgendaStatus::NotAdopted,
        Event::ParticipantInvited { participant, basis } => {
            meeting.invitations.push(Invitation {
                participant: participant.clone(),
                basis: *basis,
            });
        }
        Event::DraftSubmitted {
            symbol,
            sponsors,
            mover,
            paragraphs,
            procedural,
            parties_to_dispute,
        } => meeting.drafts.push(Draft {
            symbol: symbol.clone(),
            sponsors: sponsors.clone(),
            mover: *mover,
            paragraphs: paragraphs.clone(),
            presented_as_procedural: *procedural,
            parties_to_dispute: parties_to_dispute.clone(),
            status: DraftStatus::Pending,
            separate_votes: Vec::new(),
            character_disputed_by: None,
            character_decided: None,
            priority: false,
            vote_requested_by: None,
            in_blue: false,
            revision: 0,
        }),
        Event::AmendmentSubmitted {
            id,
            draft,
            proposed_by,
            oral,
            changes,
        } => meeting.amendments.push(Amendment {
            id: id.clone(),
            draft: draft.clone(),
            proposed_by: *proposed_by,
            oral: *oral,
            changes: changes.clone(),
            verdict: None,
        }),
        Event::SeparateVoteRequested {
            draft,
            paragraph,
            requested_by,
        } => {
            if let Some(draft) = meeting.draft_mut(draft) {
                draft.separate_votes.push(SeparateVote {
                    paragraph: paragraph.clone(),
                    requested_by: *requested_by,
                    objected: false,
                    verdict: None,
                });
            }
        }
        Event::SeparateVoteObjectedTo {
            draft, paragraph, ..
        } => {
            if let Some(draft) = meeting.draft_mut(draft) {
                for request in &mut draft.separate_votes {
                    if &request.paragraph == paragraph {
                        request.objected = true;
                    }
                }
            }
        }
        Event::DraftWithdrawn { draft, .. } => {
            if let Some(draft) = meeting.draft_mut(draft) {
                draft.status = DraftStatus::Withdrawn;
            }
        }
        Event::DraftPutInBlue { draft } => {
            if let Some(draft) = meeting.draft_mut(draft) {
                draft.in_blue = true;
            }
        }
        Event::VoteRequested { draft, member } => {
            if let Some(draft) = meeting.draft_mut(draft) {
                draft.vote_requested_by = Some(*member);
            }
        }
        Event::DraftCoSponsored { draft, member } => {
            if let Some(draft) = meeting.draft_mut(draft) {
                draft.sponsors.push(*member);
            }
        }
        Event::DraftRevised {
            draft,
            revision,
            paragraphs,
        } => {
            if let Some(draft) = meeting.draft_mut(draft) {
                draft.revision = *revision;
                draft.paragraphs = paragraphs.clone();
                draft.in_blue = false;
            }
        }
        Event::DraftTakenOver { draft, member } => {
            if let Some(draft) = meeting.draft_mut(draft) {
                draft.status = DraftStatus::Pending;
                draft.mover = *member;
            }
        }
        Event::ProceduralCharacterDisputed { draft, member } => {
            if let Some(draft) = meeting.draft_mut(draft) {
                draft.character_disputed_by = Some(*member);
            }
        }
        Event::VoteExplained {
            member,
            draft,
            timing,
            text,
        } => meeting.explanations.push(Explanation {
            member: *member,
            draft: draft.clone(),
            timing: *timing,
            text: text.clone(),
        }),
        Event::SpeakerInscribed { speaker } => meeting.speakers_waiting.push(*speaker),
        Event::FloorGiven { speaker } => {
            if let Some(index) = meeting
                .speakers_waiting
                .iter()
                .position(|waiting| waiting == speaker)
            {
                meeting.speakers_waiting.remove(index);
            }
            meeting.speakers_heard.push(*speaker);
        }
        Event::VotingOpened { item } => meeting.voting = Some((item.clone(), Vec::new())),
        Event::VoteCast { member, position } => {
            if let Some((_, casts)) = &mut meeting.voting {
                casts.push((*member, *position));
            }
        }
        Event::VoteTaken {
            item,
            ballot,
            outcome,
        } => {
            meeting.voting = None;
            let verdict = outcome.verdict;
            match item {
                VoteItem::Draft { draft } => {
                    if let Some(draft) = meeting.draft_mut(draft) {
                        draft.status = DraftStatus::Voted(verdict);
                    }
                }
                VoteItem::Amendment { amendment } => {
                    if let Some(amendment) = meeting
                        .amendments
                        .iter_mut()
                        .find(|candidate| &candidate.id == amendment)
                    {
                        amendment.verdict = Some(verdict);
                    }
                }
                VoteItem::Paragraph { draft, paragraph } => {
                    if let Some(draft) = meeting.draft_mut(draft) {
                        for request in &mut draft.separate_votes {
                            if &request.paragraph == paragraph && request.verdict.is_none() {
                                request.verdict = Some(verdict);
                            }
                        }
                    }
                }
                // Their consequences arrive as events of their own.
                VoteItem::Agenda
                | VoteItem::Priority { .. }
                | VoteItem::PreliminaryQuestion { .. } => {}
            }
            meeting.votes.push(VoteRecord {
                item: item.clone(),
                ballot: ballot.clone(),
                outcome: outcome.clone(),
            });
        }
        Event::PriorityGiven { draft } => {
            if let Some(draft) = meeting.draft_mut(draft) {
                draft.priority = true;
            }
        }
        Event::ProceduralCharacterDecided { draft, procedural } => {
            if let Some(draft) = meeting.draft_mut(draft) {
                draft.character_decided = Some(*procedural);
            }
        }
        Event::DraftAmended {
            draft, paragraphs, ..
        } => {
            if let Some(draft) = meeting.draft_mut(draft) {
                draft.paragraphs = paragraphs.clone();
            }
        }
        Event::ParagraphRemoved { draft, paragraph } => {
            if let Some(draft) = meeting.draft_mut(draft) {
                draft
                    .paragraphs
                    .retain(|candidate| &candidate.label != paragraph);
            }
        }
        Event::StatementCirculated {
            id,
            statement_kind,
            text,
            silence_until,
        } => meeting.statements.push(Statement {
            id: id.clone(),
            kind: *statement_kind,
            text: text.clone(),
            silence_until: *silence_until,
            objections: Vec::new(),
            dissociations: Vec::new(),
            silence_breaks: Vec::new(),
            outcome: None,
        }),
        Event::StatementObjectedTo { id, member } => {
            if let Some(statement) = meeting.statement_mut(id) {
                statement.objections.push(*member);
            }
        }
        Event::StatementDissociatedFrom { id, member } => {
            if let Some(statement) = meeting.statement_mut(id) {
                statement.dissociations.push(*member);
            }
        }
        Event::SilenceBroken { id, member, at } => {
            if let Some(statement) = meeting.statement_mut(id) {
                statement.silence_breaks.push(SilenceBreak {
                    member: *member,
                    at: *at,
                });
            }
        }
        Event::StatementConcluded { id, outcome } => {
            if let Some(statement) = meeting.statement_mut(id) {
                statement.outcome = Some(outcome.clone());
            }
        }
        Event::MeetingClosed => meeting.closed = true,
    }
    meeting
}
