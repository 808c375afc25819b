//! The printed record of a meeting, in the manner of the Council's own: a projection of the
//! meeting's events, one paragraph per piece of business, in the order it happened.

use std::fmt::Write as _;

use chrono::NaiveDate;
use council_core::meeting::{
    AmendmentChange, Event, ExplanationTiming, InvitationBasis, MeetingFormat, Participant,
    VoteItem,
};
use council_core::{Ballot, Composition, MemberCode, Outcome, Position, StatementKind};
use council_data::Roster;

/// Renders the record of a meeting from its events.
pub fn render(events: &[Event], roster: &Roster) -> String {
    let mut record = Record {
        out: String::new(),
        roster,
        composition: None,
        date: None,
        format: MeetingFormat::PublicMeeting,
    };
    for event in events {
        record.event(event);
    }
    record.out
}

struct Record<'r> {
    out: String,
    roster: &'r Roster,
    composition: Option<Composition>,
    date: Option<NaiveDate>,
    format: MeetingFormat,
}

/// "9790th": the English ordinal of a meeting number.
fn ordinal(number: u32) -> String {
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

impl Record<'_> {
    fn line(&mut self, text: impl AsRef<str>) {
        self.out.push_str(text.as_ref());
        self.out.push('\n');
    }

    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
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
                self.line("Security Council");
                match meeting_number {
                    Some(number) => {
                        self.line(format!("{} meeting (S/PV.{number})", ordinal(*number)))
                    }
                    None if format.is_formal() => self.line("Formal meeting (number not given)"),
                    None => {}
                }
                self.line(date.format("%A, %-d %B %Y").to_string());
                match format {
                    MeetingFormat::PublicMeeting => self.line("Public meeting"),
                    MeetingFormat::ClosedConsultations => self.line(
                        "Closed consultations (informal: no meeting number, no verbatim record, no formal decisions)",
                    ),
                }
                self.blank();
                let president_name = self.name(*president);
                self.line(format!("President: {president_name}"));
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
                self.blank();
                self.line("Agenda");
                for item in agenda {
                    self.line(format!("  {item}"));
                }
            }
            Event::AgendaAdopted { by_vote } => {
                if *by_vote {
                    self.line("  The agenda was adopted by a procedural vote.");
                } else {
                    self.line("  The agenda was adopted without objection.");
                }
            }
            Event::AgendaNotAdopted => {
                self.line("  The agenda was not adopted, so the meeting did not proceed (rule 9).");
            }
            Event::ParticipantInvited { participant, basis } => {
                self.blank();
                match (participant, basis, self.format) {
                    (Participant::Person { name, title }, _, MeetingFormat::ClosedConsultations) => {
                        self.line(format!("Briefing: {name}, {title}"));
                    }
                    (Participant::Person { name, title }, _, _) => self.line(format!(
                        "Under {}, the President invited {name}, {title}, to participate in the meeting.",
                        basis.citation()
                    )),
                    (Participant::State { state }, InvitationBasis::Rule37, _) => {
                        let name = self.name(*state);
                        self.line(format!(
                            "Under rule 37, the President invited the representative of {name} to participate in the meeting, without vote."
                        ));
                    }
                    (Participant::State { state }, _, _) => {
                        let name = self.name(*state);
                        self.line(format!(
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
                self.blank();
                self.line(format!("Draft resolution {symbol}"));
                let sponsor_names = join(&self.names(sponsors));
                self.line(format!("  Sponsors: {sponsor_names}"));
                let mover_name = self.name(*mover);
                self.line(format!("  Introduced by: {mover_name}"));
                if *procedural {
                    self.line("  Presented as procedural (Article 27(2) of the Charter)");
                }
                if !parties_to_dispute.is_empty() {
                    let names = join(&self.names(parties_to_dispute));
                    self.line(format!(
                        "  Parties to the dispute, obliged to abstain (Article 27(3)): {names}"
                    ));
                }
                self.line("  Text (as given in the scenario):");
                for paragraph in paragraphs {
                    self.line(format!("    {}: {}", paragraph.label, paragraph.text));
                }
            }
            Event::AmendmentSubmitted {
                id,
                draft,
                proposed_by,
                oral,
                changes,
            } => {
                self.blank();
                let how = if *oral { "orally" } else { "in writing" };
                let name = self.name(*proposed_by);
                self.line(format!(
                    "Amendment {id} to draft resolution {draft}, proposed {how} by {name}"
                ));
                for change in changes {
                    match change {
                        AmendmentChange::Replace { paragraph, text } => {
                            self.line(format!("  In {paragraph}, read: {text}"));
                        }
                        AmendmentChange::Insert {
                            after,
                            new_paragraph,
                        } => {
                            let place = after.as_ref().map_or_else(
                                || "at the start".to_owned(),
                                |label| format!("after {label}"),
                            );
                            self.line(format!(
                                "  Insert {} {place}: {}",
                                new_paragraph.label, new_paragraph.text
                            ));
                        }
                        AmendmentChange::Delete { paragraph } => {
                            self.line(format!("  Delete {paragraph}"));
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
                self.line(format!(
                    "  {name} requested a separate vote on paragraph {paragraph} of {draft} (rule 32)."
                ));
            }
            Event::SeparateVoteObjectedTo {
                draft,
                paragraph,
                member,
            } => {
                let name = self.name(*member);
                self.line(format!(
                    "  {name}, the mover of {draft}, objected to a separate vote on paragraph {paragraph}, so none was taken (rule 32)."
                ));
            }
            Event::DraftWithdrawn { draft, member } => {
                self.blank();
                let name = self.name(*member);
                self.line(format!(
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
                self.line(format!(
                    "  {name} disputed that draft resolution {draft} is procedural."
                ));
            }
            Event::VoteExplained {
                member,
                draft,
                timing,
                text,
            } => {
                self.blank();
                let when = match timing {
                    ExplanationTiming::BeforeVote => "before",
                    ExplanationTiming::AfterVote => "after",
                };
                let name = self.name(*member);
                self.line(format!(
                    "Explanation of vote {when} the vote on {draft}: {name}"
                ));
                self.line(format!("  \"{text}\""));
            }
            Event::VotingOpened { item } => {
                self.blank();
                self.line(format!("Vote on {}", Self::item_title(item)));
            }
            Event::VoteCast { .. } => {}
            // Rendered by the council-verbatim crate that replaces this module.
            Event::DraftPutInBlue { .. }
            | Event::DraftCoSponsored { .. }
            | Event::DraftRevised { .. }
            | Event::SpeakerInscribed { .. }
            | Event::FloorGiven { .. } => {}
            Event::VoteTaken {
                ballot, outcome, ..
            } => self.vote(ballot, outcome),
            Event::PriorityGiven { draft } => {
                self.line(format!(
                    "  Draft resolution {draft} will be voted before the drafts submitted earlier (rule 32)."
                ));
            }
            Event::ProceduralCharacterDecided { draft, procedural } => {
                if *procedural {
                    self.line(format!(
                        "  Draft resolution {draft} will be voted as a procedural matter (Article 27(2))."
                    ));
                } else {
                    self.line(format!(
                        "  Draft resolution {draft} will be voted as a non-procedural matter (Article 27(3))."
                    ));
                }
            }
            Event::DraftAmended {
                draft, paragraphs, ..
            } => {
                self.line(format!("  The text of {draft} now reads:"));
                for paragraph in paragraphs {
                    self.line(format!("    {}: {}", paragraph.label, paragraph.text));
                }
            }
            Event::ParagraphRemoved { draft, paragraph } => {
                self.line(format!(
                    "  Paragraph {paragraph} is removed from the text of {draft} (rule 32)."
                ));
            }
            Event::StatementCirculated {
                id,
                statement_kind,
                text,
                silence_until,
            } => {
                self.blank();
                let noun = match statement_kind {
                    StatementKind::Press => "Proposed press statement",
                    StatementKind::Presidential => "Proposed presidential statement",
                };
                self.line(format!("{noun} ({id})"));
                match text {
                    Some(text) => self.line(format!("  Text: {text}")),
                    None => self.line("  No text is given."),
                }
                if let Some(deadline) = silence_until {
                    self.line(format!(
                        "  Under silence until {}.",
                        deadline.format("%-d %B %Y, %H:%M")
                    ));
                }
            }
            Event::StatementObjectedTo { member, .. } => {
                let name = self.name(*member);
                self.line(format!("  {name} does not join the consensus."));
            }
            Event::StatementDissociatedFrom { member, .. } => {
                let name = self.name(*member);
                self.line(format!(
                    "  {name} joins the consensus while dissociating from part of the text."
                ));
            }
            Event::SilenceBroken { member, at, .. } => {
                let name = self.name(*member);
                self.line(format!(
                    "  {name} broke silence at {}.",
                    at.format("%-d %B %Y, %H:%M")
                ));
            }
            Event::StatementConcluded { outcome, .. } => {
                if outcome.adopted() {
                    self.line("  Agreed.");
                } else {
                    let names = join(&self.names(&outcome.blocked_by));
                    self.line(format!("  Not agreed. Blocked by: {names}."));
                }
                self.line(format!("  The President: {}", outcome.announcement()));
                self.line(format!("  Why: {}", outcome.explanation));
                self.line(format!("  Rule: {}", outcome.provision.citation()));
            }
            Event::MeetingClosed => {
                self.blank();
                match self.format {
                    MeetingFormat::PublicMeeting => self.line("The meeting rose."),
                    MeetingFormat::ClosedConsultations => self.line("The consultations ended."),
                }
            }
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
            let names: Vec<&str> = composition
                .members()
                .iter()
                .filter(|member| ballot.position_of(member.code()) == position)
                .map(|member| member.name())
                .collect();
            if names.is_empty() && !always {
                continue;
            }
            let list = if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            };
            self.line(format!("  {label} ({}): {list}", names.len()));
        }
        self.line(format!("  The President: {}", outcome.announcement()));
        self.line(format!("  Why: {}", outcome.explanation));
        self.line(format!("  Rule: {}", outcome.provision.citation()));
        if let Some(debate) = outcome.veto_debate {
            let mut text = String::new();
            let _ = write!(
                text,
                "  General Assembly: a debate under A/RES/76/262 is due within ten working days of the veto, by {} at the latest, unless an emergency special session meets on the same situation.",
                debate.convene_by.format("%A, %-d %B %Y")
            );
            self.line(text);
        }
    }
}
