//! From a parsed scenario to the core commands it stands for, each with its place in the
//! file, in the order the rules of procedure take the business.
//!
//! The order is: open the meeting; adopt the agenda; invitations and briefers; the drafts
//! (each put in blue by its mover as soon as submitted) and amendments as submitted; then each draft in turn (those given priority first):
//! withdrawal and take-over, explanations before the vote, the preliminary question, its
//! amendments, separate votes, the vote on the whole, explanations after the vote; then the
//! statements; then close. The engine, not this module, decides whether that order is
//! allowed, so a scenario that breaks a rule is refused with the rule's message.

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use council_core::meeting::{
    AmendmentChange, Command, ExplanationTiming, InvitationBasis, MeetingFormat, Paragraph,
    Participant, VoteItem,
};
use council_core::{Ballot, MemberCode, Position, StatementKind};
use council_data::Roster;
use toml::Spanned;

use super::schema::{
    ChangeEntry, CodeField, DraftEntry, Format, InvitationRule, Scenario, StatementKindEntry,
    Timing, Votes,
};

/// An error located in the scenario file.
#[derive(Debug)]
pub struct Located {
    /// The field, as a path (`drafts[0].votes.USA`).
    pub field: String,
    /// Its place in the file, when known.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
}

/// Where a command came from in the file.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The field, as a path.
    pub field: String,
    /// Its place in the file.
    pub span: Option<Range<usize>>,
    /// The places of the member codes it names, to point at one of them.
    pub members: BTreeMap<MemberCode, (String, Range<usize>)>,
}

impl Origin {
    fn at(field: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Origin {
            field: field.into(),
            span,
            members: BTreeMap::new(),
        }
    }

    /// The error for a rejection, pointing at `member` when the origin knows where it is.
    pub fn locate(&self, member: Option<MemberCode>, message: String) -> Located {
        match member.and_then(|code| self.members.get(&code)) {
            Some((field, span)) => Located {
                field: field.clone(),
                span: Some(span.clone()),
                message,
            },
            None => Located {
                field: self.field.clone(),
                span: self.span.clone(),
                message,
            },
        }
    }
}

/// A core command and where it came from.
#[derive(Debug)]
pub struct Step {
    /// The command.
    pub command: Command,
    /// Its origin in the file.
    pub origin: Origin,
}

struct Translator<'r> {
    roster: &'r Roster,
    date: NaiveDate,
    steps: Vec<Step>,
}

/// The commands a scenario stands for, after checking its dates and member codes against
/// the data.
pub fn translate(scenario: &Scenario, roster: &Roster) -> Result<Vec<Step>, Located> {
    let date_text = scenario.date.get_ref();
    let date = NaiveDate::parse_from_str(date_text, "%Y-%m-%d")
        .ok()
        .filter(|_| date_text.len() == 10)
        .ok_or_else(|| Located {
            field: "date".to_owned(),
            span: Some(scenario.date.span()),
            message: format!("`{date_text}` is not a date: expected YYYY-MM-DD"),
        })?;
    let composition = roster.composition_on(date).map_err(|error| Located {
        field: "date".to_owned(),
        span: Some(scenario.date.span()),
        message: error.to_string(),
    })?;
    let mut translator = Translator {
        roster,
        date,
        steps: Vec::new(),
    };

    let president = match &scenario.president {
        Some(field) => translator.code("president", field)?,
        None => roster
            .presidency(date.year(), date.month())
            .map_err(|error| Located {
                field: "date".to_owned(),
                span: Some(scenario.date.span()),
                message: format!("no President for the month in the data: {error}"),
            })?
            .president(),
    };
    let requested_by = translator.codes("requested_by", &scenario.requested_by)?;
    let format = match scenario.format {
        Format::PublicMeeting => MeetingFormat::PublicMeeting,
        Format::ClosedConsultations => MeetingFormat::ClosedConsultations,
    };
    let mut open = Origin::at("date", Some(scenario.date.span()));
    if let Some(field) = &scenario.president {
        open = Origin::at("president", Some(field.span()));
    }
    if let (Some(number), false) = (&scenario.meeting_number, format.is_formal()) {
        open = Origin::at("meeting_number", Some(number.span()));
    }
    if scenario.agenda.get_ref().is_empty() {
        open = Origin::at("agenda", Some(scenario.agenda.span()));
    }
    translator.push(
        Command::OpenMeeting {
            date,
            format,
            meeting_number: scenario
                .meeting_number
                .as_ref()
                .map(|number| *number.get_ref()),
            composition,
            president,
            agenda: scenario.agenda.get_ref().clone(),
            requested_by,
        },
        open,
    );

    match &scenario.agenda_votes {
        Some(votes) => translator.vote(VoteItem::Agenda, "agenda_votes", votes)?,
        None if format.is_formal() => {
            translator.push(Command::AdoptAgenda, Origin::at("agenda", None));
        }
        None => {}
    }

    for (index, invitation) in scenario.invitations.iter().enumerate() {
        let field = format!("invitations[{index}]");
        let state = translator.code(&format!("{field}.state"), &invitation.state)?;
        let basis = match invitation.rule {
            InvitationRule::Rule37 => InvitationBasis::Rule37,
            InvitationRule::Article32 => InvitationBasis::Article32,
        };
        translator.push(
            Command::InviteParticipant {
                participant: Participant::State { state },
                basis,
            },
            Origin::at(format!("{field}.state"), Some(invitation.state.span())),
        );
    }
    for (index, briefer) in scenario.briefers.iter().enumerate() {
        translator.push(
            Command::InviteParticipant {
                participant: Participant::Person {
                    name: briefer.name.clone(),
                    title: briefer.title.clone(),
                },
                basis: InvitationBasis::Rule39,
            },
            Origin::at(format!("briefers[{index}]"), None),
        );
    }

    for (index, draft) in scenario.drafts.iter().enumerate() {
        translator.submit_draft(index, draft)?;
    }
    for (index, amendment) in scenario.amendments.iter().enumerate() {
        let field = format!("amendments[{index}]");
        let proposed_by =
            translator.code(&format!("{field}.proposed_by"), &amendment.proposed_by)?;
        let changes = amendment
            .changes
            .iter()
            .map(|change| match change {
                ChangeEntry::Replace { paragraph, text } => AmendmentChange::Replace {
                    paragraph: paragraph.clone(),
                    text: text.clone(),
                },
                ChangeEntry::Insert { after, label, text } => AmendmentChange::Insert {
                    after: after.clone(),
                    new_paragraph: Paragraph::new(label.clone(), text.clone()),
                },
                ChangeEntry::Delete { paragraph } => AmendmentChange::Delete {
                    paragraph: paragraph.clone(),
                },
            })
            .collect();
        let mut origin = Origin::at(field.clone(), None);
        origin.members.insert(
            proposed_by,
            (format!("{field}.proposed_by"), amendment.proposed_by.span()),
        );
        translator.push(
            Command::SubmitAmendment {
                id: amendment.id.clone(),
                draft: amendment.draft.clone(),
                proposed_by,
                oral: amendment.oral,
                changes,
            },
            origin,
        );
    }

    // Drafts given priority are taken first, then the others in order of submission.
    let mut order: Vec<usize> = (0..scenario.drafts.len()).collect();
    order.sort_by_key(|index| scenario.drafts[*index].priority_votes.is_none());
    for index in order {
        translator.draft_business(scenario, index)?;
    }

    for (index, statement) in scenario.statements.iter().enumerate() {
        let field = format!("statements[{index}]");
        let silence_until = match &statement.silence {
            Some(silence) => Some(parse_time(
                &format!("{field}.silence.until"),
                &silence.until,
            )?),
            None => None,
        };
        translator.push(
            Command::CirculateStatement {
                id: statement.id.clone(),
                kind: match statement.kind {
                    StatementKindEntry::Press => StatementKind::Press,
                    StatementKindEntry::Presidential => StatementKind::Presidential,
                },
                text: statement.text.clone(),
                silence_until,
            },
            Origin::at(field.clone(), None),
        );
        for (position, objection) in statement.objections.iter().enumerate() {
            let where_ = format!("{field}.objections[{position}]");
            let member = translator.code(&where_, objection)?;
            translator.push(
                Command::ObjectToStatement {
                    id: statement.id.clone(),
                    member,
                },
                Origin::at(where_, Some(objection.span())),
            );
        }
        for (position, dissociation) in statement.dissociations.iter().enumerate() {
            let where_ = format!("{field}.dissociations[{position}]");
            let member = translator.code(&where_, dissociation)?;
            translator.push(
                Command::DissociateFromStatement {
                    id: statement.id.clone(),
                    member,
                },
                Origin::at(where_, Some(dissociation.span())),
            );
        }
        if let Some(silence) = &statement.silence {
            for (position, silence_break) in silence.broken_by.iter().enumerate() {
                let where_ = format!("{field}.silence.broken_by[{position}]");
                let member = translator.code(&format!("{where_}.member"), &silence_break.member)?;
                let at = parse_time(&format!("{where_}.at"), &silence_break.at)?;
                translator.push(
                    Command::BreakSilence {
                        id: statement.id.clone(),
                        member,
                        at,
                    },
                    Origin::at(
                        format!("{where_}.member"),
                        Some(silence_break.member.span()),
                    ),
                );
            }
        }
        translator.push(
            Command::ConcludeStatement {
                id: statement.id.clone(),
            },
            Origin::at(field, None),
        );
    }

    translator.push(Command::CloseMeeting, Origin::at("(end of scenario)", None));
    Ok(translator.steps)
}

fn parse_time(field: &str, text: &Spanned<String>) -> Result<NaiveDateTime, Located> {
    NaiveDateTime::parse_from_str(text.get_ref(), "%Y-%m-%dT%H:%M").map_err(|_| Located {
        field: field.to_owned(),
        span: Some(text.span()),
        message: format!(
            "`{}` is not a time: expected YYYY-MM-DDTHH:MM",
            text.get_ref()
        ),
    })
}

impl Translator<'_> {
    fn push(&mut self, command: Command, origin: Origin) {
        self.steps.push(Step { command, origin });
    }

    /// A member code the data knows.
    fn code(&self, field: &str, text: &CodeField) -> Result<MemberCode, Located> {
        let locate = |message: String| Located {
            field: field.to_owned(),
            span: Some(text.span()),
            message,
        };
        let code = MemberCode::parse(text.get_ref()).map_err(|error| locate(error.to_string()))?;
        if self.roster.state(code).is_none() {
            return Err(locate(format!(
                "unknown member code `{code}`: not a UN member state or former Council member in the data"
            )));
        }
        Ok(code)
    }

    fn codes(&self, field: &str, texts: &[CodeField]) -> Result<Vec<MemberCode>, Located> {
        texts
            .iter()
            .enumerate()
            .map(|(index, text)| self.code(&format!("{field}[{index}]"), text))
            .collect()
    }

    /// Puts `item` to the vote and records `votes`.
    fn vote(&mut self, item: VoteItem, field: &str, votes: &Spanned<Votes>) -> Result<(), Located> {
        let mut origin = Origin::at(field, Some(votes.span()));
        let mut positions = Vec::new();
        for (member, position) in votes.get_ref() {
            let member_field = format!("{field}.{}", member.get_ref());
            let code = self.code(&member_field, member)?;
            let parsed = match position.get_ref().as_str() {
                "yes" => Position::Yes,
                "no" => Position::No,
                "abstain" => Position::Abstain,
                "not_participating" => Position::NotParticipating,
                "absent" => Position::Absent,
                other => {
                    return Err(Located {
                        field: member_field,
                        span: Some(position.span()),
                        message: format!(
                            "`{other}` is not a vote: expected yes, no, abstain, not_participating or absent"
                        ),
                    });
                }
            };
            origin.members.insert(code, (member_field, member.span()));
            positions.push((code, parsed));
        }
        let ballot =
            Ballot::new(positions).map_err(|error| origin.locate(None, error.to_string()))?;
        self.push(
            Command::PutToVote { item },
            Origin::at(field, Some(votes.span())),
        );
        self.push(Command::RecordVote { ballot }, origin);
        Ok(())
    }

    fn submit_draft(&mut self, index: usize, draft: &DraftEntry) -> Result<(), Located> {
        let field = format!("drafts[{index}]");
        let sponsors = self.codes(&format!("{field}.sponsors"), &draft.sponsors)?;
        let parties = self.codes(
            &format!("{field}.parties_to_dispute"),
            &draft.parties_to_dispute,
        )?;
        let mut origin = Origin::at(field.clone(), None);
        let mover = match &draft.mover {
            Some(text) => {
                let code = self.code(&format!("{field}.mover"), text)?;
                origin
                    .members
                    .insert(code, (format!("{field}.mover"), text.span()));
                code
            }
            None => {
                let composition = self.roster.composition_on(self.date).ok();
                sponsors
                    .iter()
                    .copied()
                    .find(|code| {
                        composition
                            .as_ref()
                            .is_some_and(|council| council.contains(*code))
                    })
                    .or_else(|| sponsors.first().copied())
                    .ok_or_else(|| Located {
                        field: format!("{field}.sponsors"),
                        span: None,
                        message: format!("draft {} has no sponsor", draft.symbol),
                    })?
            }
        };
        for (position, sponsor) in draft.sponsors.iter().enumerate() {
            if let Ok(code) = MemberCode::parse(sponsor.get_ref()) {
                origin
                    .members
                    .entry(code)
                    .or_insert((format!("{field}.sponsors[{position}]"), sponsor.span()));
            }
        }
        self.push(
            Command::SubmitDraft {
                symbol: draft.symbol.clone(),
                sponsors,
                mover,
                paragraphs: draft
                    .paragraphs
                    .iter()
                    .map(|paragraph| {
                        Paragraph::new(paragraph.label.clone(), paragraph.text.clone())
                    })
                    .collect(),
                procedural: draft.procedural,
                parties_to_dispute: parties,
            },
            origin,
        );
        // The drafts of the record were voted in their final form, so each is put in blue
        // as soon as it is submitted (spec section 3.9).
        self.push(
            Command::PutDraftInBlue {
                draft: draft.symbol.clone(),
                member: mover,
            },
            Origin::at(format!("{field}.symbol"), None),
        );
        for (position, separate) in draft.separate_votes.iter().enumerate() {
            let where_ = format!("{field}.separate_votes[{position}]");
            let requested_by =
                self.code(&format!("{where_}.requested_by"), &separate.requested_by)?;
            self.push(
                Command::RequestSeparateVote {
                    draft: draft.symbol.clone(),
                    paragraph: separate.paragraph.clone(),
                    requested_by,
                },
                Origin::at(
                    format!("{where_}.requested_by"),
                    Some(separate.requested_by.span()),
                ),
            );
            if separate.objected {
                self.push(
                    Command::ObjectToSeparateVote {
                        draft: draft.symbol.clone(),
                        paragraph: separate.paragraph.clone(),
                        member: mover,
                    },
                    Origin::at(format!("{where_}.objected"), None),
                );
            }
        }
        if let Some(question) = &draft.preliminary_question {
            let where_ = format!("{field}.preliminary_question.disputed_by");
            let member = self.code(&where_, &question.disputed_by)?;
            self.push(
                Command::DisputeProceduralCharacter {
                    draft: draft.symbol.clone(),
                    member,
                },
                Origin::at(where_, Some(question.disputed_by.span())),
            );
        }
        Ok(())
    }

    fn draft_business(&mut self, scenario: &Scenario, index: usize) -> Result<(), Located> {
        let draft = &scenario.drafts[index];
        let field = format!("drafts[{index}]");
        let symbol = draft.symbol.clone();
        if let Some(votes) = &draft.priority_votes {
            self.vote(
                VoteItem::Priority {
                    draft: symbol.clone(),
                },
                &format!("{field}.priority_votes"),
                votes,
            )?;
        }
        if draft.withdrawn {
            let mover = match self
                .steps
                .iter()
                .rev()
                .find_map(|step| match &step.command {
                    Command::SubmitDraft {
                        symbol: submitted,
                        mover,
                        ..
                    } if *submitted == symbol => Some(*mover),
                    _ => None,
                }) {
                Some(mover) => mover,
                None => return Ok(()),
            };
            self.push(
                Command::WithdrawDraft {
                    draft: symbol.clone(),
                    member: mover,
                },
                Origin::at(format!("{field}.withdrawn"), None),
            );
        }
        if let Some(member) = &draft.taken_over_by {
            let where_ = format!("{field}.taken_over_by");
            let code = self.code(&where_, member)?;
            self.push(
                Command::TakeOverDraft {
                    draft: symbol.clone(),
                    member: code,
                },
                Origin::at(where_, Some(member.span())),
            );
        }
        self.explanations(draft, &field, Timing::Before)?;
        if let Some(question) = &draft.preliminary_question {
            self.vote(
                VoteItem::PreliminaryQuestion {
                    draft: symbol.clone(),
                },
                &format!("{field}.preliminary_question.votes"),
                &question.votes,
            )?;
        }
        for (position, amendment) in scenario.amendments.iter().enumerate() {
            if amendment.draft != symbol {
                continue;
            }
            if let Some(votes) = &amendment.votes {
                self.vote(
                    VoteItem::Amendment {
                        amendment: amendment.id.clone(),
                    },
                    &format!("amendments[{position}].votes"),
                    votes,
                )?;
            }
        }
        for (position, separate) in draft.separate_votes.iter().enumerate() {
            if let Some(votes) = &separate.votes {
                self.vote(
                    VoteItem::Paragraph {
                        draft: symbol.clone(),
                        paragraph: separate.paragraph.clone(),
                    },
                    &format!("{field}.separate_votes[{position}].votes"),
                    votes,
                )?;
            }
        }
        if let Some(votes) = &draft.votes {
            self.vote(
                VoteItem::Draft {
                    draft: symbol.clone(),
                },
                &format!("{field}.votes"),
                votes,
            )?;
        }
        self.explanations(draft, &field, Timing::After)
    }

    fn explanations(
        &mut self,
        draft: &DraftEntry,
        field: &str,
        timing: Timing,
    ) -> Result<(), Located> {
        for (position, explanation) in draft.explanations.iter().enumerate() {
            if explanation.timing != timing {
                continue;
            }
            let where_ = format!("{field}.explanations[{position}].member");
            let member = self.code(&where_, &explanation.member)?;
            self.push(
                Command::ExplainVote {
                    member,
                    draft: draft.symbol.clone(),
                    timing: match timing {
                        Timing::Before => ExplanationTiming::BeforeVote,
                        Timing::After => ExplanationTiming::AfterVote,
                    },
                    text: explanation.text.clone(),
                },
                Origin::at(where_, Some(explanation.member.span())),
            );
        }
        Ok(())
    }
}
