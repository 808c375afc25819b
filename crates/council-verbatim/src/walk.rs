//! The one reading of a meeting's events: each event becomes [`Block`]s of the record,
//! handed in order to an [`Output`] that lays them out.
//!
//! Every wording of the record lives here, so the plain-text, Markdown and HTML records say
//! the same things; an output only decides spacing, markup and escaping.

use std::fmt::Write as _;

use chrono::NaiveDate;
use council_core::meeting::{
    AmendmentChange, Event, ExplanationTiming, InvitationBasis, MeetingFormat, Participant,
    VoteItem,
};
use council_core::{Ballot, Composition, MemberCode, Outcome, Position, StatementKind};
use council_data::Roster;

/// One piece of the record, before layout. Texts are plain: outputs escape them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A line naming the meeting (the Council, the meeting's number, the day, the format);
    /// the first one is the record's title.
    Title(String),
    /// A paragraph of its own, such as an invitation or the meeting's rising.
    Paragraph(String),
    /// A line that follows the one before it without a break in the plain text (the
    /// members present after the President, a take-over after a withdrawal).
    Line(String),
    /// The head of a piece of business: the agenda, a draft, an amendment, a vote, an
    /// explanation of vote, a statement.
    Heading(String),
    /// A fact about the business under the last heading.
    Detail(String),
    /// An item of the agenda.
    AgendaItem(String),
    /// One labelled paragraph of a draft's text.
    TextParagraph {
        /// The paragraph's label ("OP1").
        label: String,
        /// Its words.
        text: String,
    },
    /// The members who voted one way, in the Council's order.
    VoteGroup {
        /// "In favour", "Against", "Abstaining", "Not participating", "Absent".
        label: &'static str,
        /// The members' names; empty for none.
        names: Vec<String>,
    },
    /// Words a member said, quoted.
    Quote(String),
}

/// Where the blocks of a record go: a layout of one format.
pub trait Output {
    /// Adds the next block of the record.
    fn put(&mut self, block: Block);

    /// The finished record.
    fn finish(self) -> String;
}

/// Reads the events in order and lays out their record with `output`.
pub fn walk<O: Output>(events: &[Event], roster: &Roster, output: O) -> String {
    let mut record = Walk {
        output,
        roster,
        composition: None,
        date: None,
        format: MeetingFormat::PublicMeeting,
    };
    for event in events {
        record.event(event);
    }
    record.output.finish()
}

struct Walk<'r, O> {
    output: O,
    roster: &'r Roster,
    composition: Option<Composition>,
    date: Option<NaiveDate>,
    format: MeetingFormat,
}

/// "9790th": the English ordinal of a meeting number.
pub fn ordinal(number: u32) -> String {
    let suffix = match (number % 10, number % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{number}{suffix}")
}

fn join(names: &[String]) -> String {
    council_core::outcome::join_names(names)
}

fn item_title(item: &VoteItem) -> String {
    match item {
        VoteItem::Agenda => "the provisional agenda".to_owned(),
        VoteItem::Priority { draft } => {
            format!("the proposal to vote first on draft resolution {draft}")
        }
        VoteItem::PreliminaryQuestion { draft } => {
            format!("the preliminary question whether draft resolution {draft} is procedural")
        }
        VoteItem::Amendment { amendment } => format!("amendment {amendment}"),
        VoteItem::Paragraph { draft, paragraph } => {
            format!("paragraph {paragraph} of draft resolution {draft}, voted separately")
        }
        VoteItem::Draft { draft } => format!("draft resolution {draft}"),
    }
}

impl<O: Output> Walk<'_, O> {
    fn put(&mut self, block: Block) {
        self.output.put(block);
    }

    fn title(&mut self, text: impl Into<String>) {
        self.put(Block::Title(text.into()));
    }

    fn paragraph(&mut self, text: impl Into<String>) {
        self.put(Block::Paragraph(text.into()));
    }

    fn line(&mut self, text: impl Into<String>) {
        self.put(Block::Line(text.into()));
    }

    fn heading(&mut self, text: impl Into<String>) {
        self.put(Block::Heading(text.into()));
    }

    fn detail(&mut self, text: impl Into<String>) {
        self.put(Block::Detail(text.into()));
    }

    fn text_paragraph(&mut self, label: &str, text: &str) {
        self.put(Block::TextParagraph {
            label: label.to_owned(),
            text: text.to_owned(),
        });
    }

    /// A State's name on the meeting's day: the Council's name for members, the data's for
    /// others, the code when the data has none.
    fn name(&self, code: MemberCode) -> String {
        if let Some(member) = self
            .composition
            .as_ref()
            .and_then(|composition| composition.member(code))
        {
            return member.name().to_owned();
        }
        self.date
            .and_then(|date| self.roster.name_on(code, date))
            .map_or_else(|| code.to_string(), ToOwned::to_owned)
    }

    fn names(&self, codes: &[MemberCode]) -> Vec<String> {
        codes.iter().map(|code| self.name(*code)).collect()
    }

    fn event(&mut self, event: &Event) {
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
                self.composition = Some(composition.clone());
                self.date = Some(*date);
                self.format = *format;
                self.title("Security Council");
                match meeting_number {
                    Some(number) => {
                        self.title(format!("{} meeting (S/PV.{number})", ordinal(*number)));
                    }
                    None if format.is_formal() => self.title("Formal meeting (number not given)"),
                    None => {}
                }
                self.title(date.format("%A, %-d %B %Y").to_string());
                match format {
                    MeetingFormat::PublicMeeting => self.title("Public meeting"),
                    MeetingFormat::ClosedConsultations => self.title(
                        "Closed consultations (informal: no meeting number, no verbatim record, no formal decisions)",
                    ),
                }
                let president_name = self.name(*president);
                self.paragraph(format!("President: {president_name}"));
                let members: Vec<String> = composition
                    .members()
                    .iter()
                    .map(|member| member.name().to_owned())
                    .collect();
                self.line(format!(
                    "Present ({}): {}",
                    members.len(),
                    members.join(", ")
                ));
                if !requested_by.is_empty() {
                    let names = join(&self.names(requested_by));
                    self.line(format!("Requested by: {names}"));
                }
                self.heading("Agenda");
                for item in agenda {
                    self.put(Block::AgendaItem(item.clone()));
                }
            }
            Event::AgendaAdopted { by_vote } => {
                if *by_vote {
                    self.detail("The agenda was adopted by a procedural vote.");
                } else {
                    self.detail("The agenda was adopted without objection.");
                }
            }
            Event::AgendaNotAdopted => {
                self.detail("The agenda was not adopted, so the meeting did not proceed (rule 9).");
            }
            Event::ParticipantInvited { participant, basis } => {
                match (participant, basis, self.format) {
                    (Participant::Person { name, title }, _, MeetingFormat::ClosedConsultations) => {
                        self.paragraph(format!("Briefing: {name}, {title}"));
                    }
                    (Participant::Person { name, title }, _, _) => self.paragraph(format!(
                        "Under {}, the President invited {name}, {title}, to participate in the meeting.",
                        basis.citation()
                    )),
                    (Participant::State { state }, InvitationBasis::Rule37, _) => {
                        let name = self.name(*state);
                        self.paragraph(format!(
                            "Under rule 37, the President invited the representative of {name} to participate in the meeting, without vote."
                        ));
                    }
                    (Participant::State { state }, _, _) => {
                        let name = self.name(*state);
                        self.paragraph(format!(
                            "Under {}, the President invited the representative of {name} to participate in the meeting, without vote.",
                            basis.citation()
                        ));
                    }
                }
            }
            Event::DraftSubmitted {
                symbol,
                sponsors,
                mover,
                paragraphs,
                procedural,
                parties_to_dispute,
            } => {
                self.heading(format!("Draft resolution {symbol}"));
                let sponsor_names = join(&self.names(sponsors));
                self.detail(format!("Sponsors: {sponsor_names}"));
                let mover_name = self.name(*mover);
                self.detail(format!("Introduced by: {mover_name}"));
                if *procedural {
                    self.detail("Presented as procedural (Article 27(2) of the Charter)");
                }
                if !parties_to_dispute.is_empty() {
                    let names = join(&self.names(parties_to_dispute));
                    self.detail(format!(
                        "Parties to the dispute, obliged to abstain (Article 27(3)): {names}"
                    ));
                }
                self.detail("Text (as recorded):");
                for paragraph in paragraphs {
                    self.text_paragraph(&paragraph.label, &paragraph.text);
                }
            }
            // The Council's records show the text voted, not the moment it went into blue.
            Event::DraftPutInBlue { .. } => {}
            Event::VoteRequested { draft, member } => {
                let name = self.name(*member);
                self.detail(format!(
                    "At the request of {name}, draft resolution {draft} will be put to the vote (rule 38)."
                ));
            }
            Event::DraftCoSponsored { draft, member } => {
                let name = self.name(*member);
                self.detail(format!(
                    "{name} joined the sponsors of draft resolution {draft}."
                ));
            }
            Event::DraftRevised {
                draft,
                revision,
                paragraphs,
            } => {
                self.heading(format!("Draft resolution {draft} revised (Rev.{revision})"));
                self.detail(format!("The text of {draft}/Rev.{revision} reads:"));
                for paragraph in paragraphs {
                    self.text_paragraph(&paragraph.label, &paragraph.text);
                }
            }
            Event::AmendmentSubmitted {
                id,
                draft,
                proposed_by,
                oral,
                changes,
            } => {
                let how = if *oral { "orally" } else { "in writing" };
                let name = self.name(*proposed_by);
                self.heading(format!(
                    "Amendment {id} to draft resolution {draft}, proposed {how} by {name}"
                ));
                for change in changes {
                    match change {
                        AmendmentChange::Replace { paragraph, text } => {
                            self.detail(format!("In {paragraph}, read: {text}"));
                        }
                        AmendmentChange::Insert {
                            after,
                            new_paragraph,
                        } => {
                            let place = after.as_ref().map_or_else(
                                || "at the start".to_owned(),
                                |label| format!("after {label}"),
                            );
                            self.detail(format!(
                                "Insert {} {place}: {}",
                                new_paragraph.label, new_paragraph.text
                            ));
                        }
                        AmendmentChange::Delete { paragraph } => {
                            self.detail(format!("Delete {paragraph}"));
                        }
                    }
                }
            }
            Event::SeparateVoteRequested {
                draft,
                paragraph,
                requested_by,
            } => {
                let name = self.name(*requested_by);
                self.detail(format!(
                    "{name} requested a separate vote on paragraph {paragraph} of {draft} (rule 32)."
                ));
            }
            Event::SeparateVoteObjectedTo {
                draft,
                paragraph,
                member,
            } => {
                let name = self.name(*member);
                self.detail(format!(
                    "{name}, the mover of {draft}, objected to a separate vote on paragraph {paragraph}, so none was taken (rule 32)."
                ));
            }
            Event::DraftWithdrawn { draft, member } => {
                let name = self.name(*member);
                self.paragraph(format!(
                    "{name} withdrew draft resolution {draft} (rule 35)."
                ));
            }
            Event::DraftTakenOver { draft, member } => {
                let name = self.name(*member);
                self.line(format!(
                    "{name} took over draft resolution {draft} and asked that it be put to the vote (rule 35)."
                ));
            }
            Event::ProceduralCharacterDisputed { draft, member } => {
                let name = self.name(*member);
                self.detail(format!(
                    "{name} disputed that draft resolution {draft} is procedural."
                ));
            }
            Event::VoteExplained {
                member,
                draft,
                timing,
                text,
            } => {
                let when = match timing {
                    ExplanationTiming::BeforeVote => "before",
                    ExplanationTiming::AfterVote => "after",
                };
                let name = self.name(*member);
                self.heading(format!(
                    "Explanation of vote {when} the vote on {draft}: {name}"
                ));
                self.put(Block::Quote(text.clone()));
            }
            // Asking to speak is not recorded; the floor given is, in order (Rule 27).
            Event::SpeakerInscribed { .. } => {}
            Event::FloorGiven { speaker } => {
                let name = self.name(*speaker);
                self.paragraph(format!(
                    "The President gave the floor to the representative of {name}."
                ));
            }
            Event::VotingOpened { item } => {
                self.heading(format!("Vote on {}", item_title(item)));
            }
            Event::VoteCast { .. } => {}
            Event::VoteTaken {
                ballot, outcome, ..
            } => self.vote(ballot, outcome),
            Event::PriorityGiven { draft } => {
                self.detail(format!(
                    "Draft resolution {draft} will be voted before the drafts submitted earlier (rule 32)."
                ));
            }
            Event::ProceduralCharacterDecided { draft, procedural } => {
                if *procedural {
                    self.detail(format!(
                        "Draft resolution {draft} will be voted as a procedural matter (Article 27(2))."
                    ));
                } else {
                    self.detail(format!(
                        "Draft resolution {draft} will be voted as a non-procedural matter (Article 27(3))."
                    ));
                }
            }
            Event::DraftAmended {
                draft, paragraphs, ..
            } => {
                self.detail(format!("The text of {draft} now reads:"));
                for paragraph in paragraphs {
                    self.text_paragraph(&paragraph.label, &paragraph.text);
                }
            }
            Event::ParagraphRemoved { draft, paragraph } => {
                self.detail(format!(
                    "Paragraph {paragraph} is removed from the text of {draft} (rule 32)."
                ));
            }
            Event::StatementCirculated {
                id,
                statement_kind,
                text,
                silence_until,
            } => {
                let noun = match statement_kind {
                    StatementKind::Press => "Proposed press statement",
                    StatementKind::Presidential => "Proposed presidential statement",
                };
                self.heading(format!("{noun} ({id})"));
                match text {
                    Some(text) => self.detail(format!("Text: {text}")),
                    None => self.detail("No text is given."),
                }
                if let Some(deadline) = silence_until {
                    self.detail(format!(
                        "Under silence until {}.",
                        deadline.format("%-d %B %Y, %H:%M")
                    ));
                }
            }
            Event::StatementObjectedTo { member, .. } => {
                let name = self.name(*member);
                self.detail(format!("{name} does not join the consensus."));
            }
            Event::StatementDissociatedFrom { member, .. } => {
                let name = self.name(*member);
                self.detail(format!(
                    "{name} joins the consensus while dissociating from part of the text."
                ));
            }
            Event::SilenceBroken { member, at, .. } => {
                let name = self.name(*member);
                self.detail(format!(
                    "{name} broke silence at {}.",
                    at.format("%-d %B %Y, %H:%M")
                ));
            }
            Event::StatementConcluded { outcome, .. } => {
                if outcome.adopted() {
                    self.detail("Agreed.");
                } else {
                    let names = join(&self.names(&outcome.blocked_by));
                    self.detail(format!("Not agreed. Blocked by: {names}."));
                }
                self.detail(format!("The President: {}", outcome.announcement()));
                self.detail(format!("Why: {}", outcome.explanation));
                self.detail(format!("Rule: {}", outcome.provision.citation()));
            }
            Event::MeetingClosed => match self.format {
                MeetingFormat::PublicMeeting => self.paragraph("The meeting rose."),
                MeetingFormat::ClosedConsultations => self.paragraph("The consultations ended."),
            },
        }
    }

    fn vote(&mut self, ballot: &Ballot, outcome: &Outcome) {
        let Some(composition) = self.composition.clone() else {
            return;
        };
        let groups = [
            ("In favour", Position::Yes, true),
            ("Against", Position::No, true),
            ("Abstaining", Position::Abstain, true),
            ("Not participating", Position::NotParticipating, false),
            ("Absent", Position::Absent, false),
        ];
        for (label, position, always) in groups {
            let names: Vec<String> = composition
                .members()
                .iter()
                .filter(|member| ballot.position_of(member.code()) == position)
                .map(|member| member.name().to_owned())
                .collect();
            if names.is_empty() && !always {
                continue;
            }
            self.put(Block::VoteGroup { label, names });
        }
        self.detail(format!("The President: {}", outcome.announcement()));
        self.detail(format!("Why: {}", outcome.explanation));
        self.detail(format!("Rule: {}", outcome.provision.citation()));
        if let Some(debate) = outcome.veto_debate {
            let mut text = String::new();
            let _ = write!(
                text,
                "General Assembly: a debate under A/RES/76/262 is due within ten working days of the veto, by {} at the latest, unless an emergency special session meets on the same situation.",
                debate.convene_by.format("%A, %-d %B %Y")
            );
            self.detail(text);
        }
    }
}
