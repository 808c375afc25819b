//! Re-deciding the record through the rules engine: each recorded vote becomes a ballot
//! consistent with its tally and vetoing members, [`council_core::decide_vote`] decides it on
//! the Council of that day, and the verdict is compared with the record. The same ballots
//! re-decided under alternative [`Rules`] give the what-if replays.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{Datelike, NaiveDate};
use council_core::{
    Ballot, Composition, MemberCode, Outcome, Position, Provision, Question, Subject, Verdict,
    decide_vote,
};
use council_data::Roster;
use serde::Serialize;

use crate::error::RecordError;
use crate::model::{Document, OutcomeClass, OutcomeType, Provenance, RecordRow, RecordedVote};
use crate::query::{contains_ignoring_case, decade_of};

/// The rules a replay decides under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "name", rename_all = "kebab-case")]
pub enum Rules {
    /// The Charter as applied: Article 27, with the veto.
    Charter,
    /// No veto at all: a draft with the required affirmative votes is adopted.
    NoVeto,
    /// A veto needs the negative votes of at least two permanent members.
    VetoNeedsTwo,
    /// The veto restraint proposed by France and Mexico (2015) for mass atrocities: no veto
    /// on drafts whose agenda item contains one of the topics (ignoring case).
    Restraint {
        /// The agenda-item texts the restraint covers.
        topics: Vec<String>,
    },
}

impl Rules {
    /// The rules named `charter`, `no-veto`, `veto-needs-two` or `restraint`; only the
    /// restraint takes topics, and needs at least one.
    pub fn from_name(name: &str, topics: Vec<String>) -> Result<Rules, RecordError> {
        Ok(match name {
            "charter" => Rules::Charter,
            "no-veto" => Rules::NoVeto,
            "veto-needs-two" => Rules::VetoNeedsTwo,
            "restraint" if topics.is_empty() => return Err(RecordError::RestraintWithoutTopics),
            "restraint" => Rules::Restraint { topics },
            _ => return Err(RecordError::UnknownRules(name.to_owned())),
        })
    }

    /// The rules' name, as [`Rules::from_name`] takes it.
    pub fn name(&self) -> &'static str {
        match self {
            Rules::Charter => "charter",
            Rules::NoVeto => "no-veto",
            Rules::VetoNeedsTwo => "veto-needs-two",
            Rules::Restraint { .. } => "restraint",
        }
    }

    /// The verdict under these rules, given the Charter's outcome on the same ballot. Only a
    /// veto can change: a vetoed draft always had the required affirmative votes.
    pub fn verdict(&self, charter: &Outcome, agenda_item: &str) -> Verdict {
        if charter.verdict != Verdict::Vetoed {
            return charter.verdict;
        }
        let veto_stands = match self {
            Rules::Charter => true,
            Rules::NoVeto => false,
            Rules::VetoNeedsTwo => charter.vetoed_by.len() >= 2,
            Rules::Restraint { topics } => !topics
                .iter()
                .any(|topic| contains_ignoring_case(agenda_item, topic)),
        };
        if veto_stands {
            Verdict::Vetoed
        } else {
            Verdict::Adopted
        }
    }
}

/// Why a row cannot be re-decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Undecidable {
    /// A correction marks the row as a repeat of another row.
    Duplicate,
    /// A presidential statement: adopted by consensus, not voted.
    Statement,
    /// The row records no verdict to compare with (a communiqué, an election, a note).
    NoRecordedVerdict,
    /// No vote is printed.
    NoVotePrinted,
    /// The vote is printed in words only (`adopted unanimously`, `without vote`), without
    /// figures, so the tally is unknown.
    VoteInWords {
        /// The words as printed.
        printed: String,
    },
    /// No date is known, so neither is the Council that voted.
    NoDate,
    /// The roster has no Council for the date.
    NoComposition {
        /// The roster's error.
        error: String,
    },
    /// The printed figures cannot be a ballot of that day's Council.
    InconsistentTally {
        /// What does not fit.
        problem: String,
    },
}

impl fmt::Display for Undecidable {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Undecidable::Duplicate => formatter.write_str("repeats another row (corrections.csv)"),
            Undecidable::Statement => formatter.write_str("a statement: adopted without a vote"),
            Undecidable::NoRecordedVerdict => {
                formatter.write_str("no verdict recorded (communiqué, note, election or other)")
            }
            Undecidable::NoVotePrinted => formatter.write_str("no vote printed"),
            Undecidable::VoteInWords { printed } => {
                write!(
                    formatter,
                    "vote printed in words only ({printed:?}), no figures"
                )
            }
            Undecidable::NoDate => formatter.write_str("no date, so the Council is unknown"),
            Undecidable::NoComposition { error } => write!(formatter, "no Council: {error}"),
            Undecidable::InconsistentTally { problem } => {
                write!(formatter, "tally does not fit the Council: {problem}")
            }
        }
    }
}

/// A row that could not be re-decided, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UndecidableRow {
    /// Where the row came from.
    pub row: Provenance,
    /// The row's date.
    pub date: Option<NaiveDate>,
    /// The row's document.
    pub document: Option<String>,
    /// Why it cannot be decided.
    pub reason: Undecidable,
}

/// A row where the engine's verdict differs from the record's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// Where the row came from.
    pub row: Provenance,
    /// The row's date.
    pub date: Option<NaiveDate>,
    /// The row's document.
    pub document: Option<String>,
    /// The recorded figures.
    pub tally: RecordedVote,
    /// What the record says became of the proposal.
    pub recorded: Verdict,
    /// The vetoing members the record names.
    pub recorded_vetoed_by: Vec<MemberCode>,
    /// What the engine decided.
    pub engine: Verdict,
    /// The vetoing members the engine found.
    pub engine_vetoed_by: Vec<MemberCode>,
    /// The provision the engine decided by: the rule that disagrees with the record.
    pub provision: Provision,
    /// The provision's citation.
    pub citation: &'static str,
    /// The engine's explanation.
    pub explanation: String,
}

/// The result of re-deciding the record under the Charter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReplaySummary {
    /// Rows replayed.
    pub rows: usize,
    /// Rows the engine decided.
    pub decided: usize,
    /// Decided rows whose verdict (and vetoing members) the engine reproduced.
    pub reproduced: usize,
    /// Decided rows where the engine disagrees.
    pub mismatched: usize,
    /// Rows that could not be decided.
    pub undecidable: usize,
    /// Every disagreement.
    pub mismatches: Vec<Mismatch>,
    /// Every row that could not be decided, with the reason.
    pub undecidable_rows: Vec<UndecidableRow>,
}

impl ReplaySummary {
    /// The undecidable rows counted by reason, for a summary line.
    pub fn undecidable_by_reason(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for row in &self.undecidable_rows {
            let key = match &row.reason {
                Undecidable::VoteInWords { .. } => "vote printed in words only".to_owned(),
                other => other.to_string(),
            };
            *counts.entry(key).or_default() += 1;
        }
        counts
    }
}

/// A recorded vote re-decided by the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redecided {
    /// What was put to the vote.
    pub subject: Subject,
    /// The recorded verdict.
    pub recorded: Verdict,
    /// The Council that day.
    pub composition: Composition,
    /// A ballot consistent with the tally and the vetoing members.
    pub ballot: Ballot,
    /// The engine's outcome under the Charter.
    pub outcome: Outcome,
}

/// What the record says was put to the vote, and what became of it; `None` when the row
/// records no verdict.
fn recorded_verdict(row: &RecordRow) -> Option<(Subject, Verdict)> {
    let draft_subject = if row.note.contains("preliminary question") {
        Subject::PreliminaryQuestion
    } else {
        Subject::DraftResolution
    };
    match row.outcome {
        OutcomeClass::Adopted => return Some((draft_subject, Verdict::Adopted)),
        OutcomeClass::Vetoed => return Some((draft_subject, Verdict::Vetoed)),
        OutcomeClass::InsufficientVotes => {
            return Some((draft_subject, Verdict::InsufficientVotes));
        }
        OutcomeClass::Statement => return None,
        OutcomeClass::Other => {}
    }
    // The 2022-onward file records amendments and motions as `other` or `procedural` rows
    // whose note begins with what became of them.
    let note = row.note.to_lowercase();
    if note.starts_with("amendment adopted") {
        Some((Subject::Amendment, Verdict::Adopted))
    } else if note.starts_with("amendment not adopted") {
        Some((Subject::Amendment, Verdict::InsufficientVotes))
    } else if note.starts_with("motion not adopted") {
        Some((Subject::ProceduralMotion, Verdict::InsufficientVotes))
    } else {
        None
    }
}

/// The date whose Council decided the row: its own, or for an undated resolution the first
/// day of the year in its symbol, when no seat changed hands that year (so every day of
/// the year had the same Council).
fn composition_date(row: &RecordRow, roster: &Roster) -> Option<NaiveDate> {
    if row.date.is_some() {
        return row.date;
    }
    let Some(Document::Resolution { year, .. }) = row.document else {
        return None;
    };
    let seat_changed = roster
        .seat_handovers()
        .any(|(date, _, _)| date.year() == year);
    if seat_changed {
        None
    } else {
        NaiveDate::from_ymd_opt(year, 1, 1)
    }
}

/// A ballot of `composition` consistent with the printed figures: known positions first,
/// the vetoing members against, further negative votes given to elected members first (so
/// no permanent member's negative vote is invented), then votes in favour, abstentions and
/// non-participation; the seats the figures do not account for are absent.
pub fn ballot_for(
    composition: &Composition,
    vote: RecordedVote,
    vetoed_by: &[MemberCode],
    known_positions: &[(MemberCode, Position)],
) -> Result<Ballot, Undecidable> {
    let size = u32::try_from(composition.size()).unwrap_or(u32::MAX);
    let inconsistent = |problem: String| Undecidable::InconsistentTally { problem };
    if vote.total() > size {
        return Err(inconsistent(format!(
            "{} votes for a Council of {size}",
            vote.total()
        )));
    }
    let mut remaining: BTreeMap<&'static str, u32> = BTreeMap::from([
        (Position::Yes.as_str(), vote.yes),
        (Position::No.as_str(), vote.no),
        (Position::Abstain.as_str(), vote.abstain),
        (
            Position::NotParticipating.as_str(),
            vote.not_participating.unwrap_or(0),
        ),
        (Position::Absent.as_str(), size - vote.total()),
    ]);
    let mut positions: BTreeMap<MemberCode, Position> = BTreeMap::new();
    let mut take = |positions: &mut BTreeMap<MemberCode, Position>,
                    member: MemberCode,
                    position: Position|
     -> bool {
        let left = remaining.entry(position.as_str()).or_default();
        if *left == 0 || positions.contains_key(&member) {
            return false;
        }
        *left -= 1;
        positions.insert(member, position);
        true
    };

    for (member, position) in known_positions {
        if !composition.contains(*member) {
            return Err(inconsistent(format!("{member} does not sit that day")));
        }
        if !take(&mut positions, *member, *position) {
            return Err(inconsistent(format!(
                "the known position of {member} ({position}) does not fit the figures"
            )));
        }
    }
    for member in vetoed_by {
        if !composition.contains(*member) {
            return Err(inconsistent(format!(
                "vetoing member {member} does not sit that day"
            )));
        }
        // A vetoing member beyond the printed negative votes keeps no negative vote here:
        // the engine then disagrees with the record, which is how such defects show.
        take(&mut positions, *member, Position::No);
    }
    let elected_then_permanent: Vec<MemberCode> = composition
        .members()
        .iter()
        .filter(|member| !member.is_permanent())
        .chain(
            composition
                .members()
                .iter()
                .filter(|member| member.is_permanent()),
        )
        .map(|member| member.code())
        .collect();
    for member in &elected_then_permanent {
        take(&mut positions, *member, Position::No);
    }
    let permanent_then_elected = elected_then_permanent
        .iter()
        .rev()
        .copied()
        .collect::<Vec<_>>();
    for position in [
        Position::Yes,
        Position::Abstain,
        Position::NotParticipating,
        Position::Absent,
    ] {
        for member in &permanent_then_elected {
            take(&mut positions, *member, position);
        }
    }
    Ballot::new(positions).map_err(|rejection| inconsistent(rejection.to_string()))
}

/// Re-decides one row under the Charter, or says why it cannot be.
pub fn redecide(row: &RecordRow, roster: &Roster) -> Result<Redecided, Undecidable> {
    if row.duplicate {
        return Err(Undecidable::Duplicate);
    }
    if row.outcome_type == OutcomeType::PresidentialStatement {
        return Err(Undecidable::Statement);
    }
    let Some((subject, recorded)) = recorded_verdict(row) else {
        return Err(Undecidable::NoRecordedVerdict);
    };
    let Some(vote) = row.vote else {
        return Err(if row.vote_text.trim().is_empty() {
            Undecidable::NoVotePrinted
        } else {
            Undecidable::VoteInWords {
                printed: row.vote_text.clone(),
            }
        });
    };
    let date = composition_date(row, roster).ok_or(Undecidable::NoDate)?;
    let composition = roster
        .composition_on(date)
        .map_err(|error| Undecidable::NoComposition {
            error: error.to_string(),
        })?;
    let ballot = ballot_for(&composition, vote, &row.vetoed_by, &row.known_positions)?;
    let outcome =
        decide_vote(&composition, &Question::new(subject), &ballot).map_err(|rejection| {
            Undecidable::InconsistentTally {
                problem: rejection.to_string(),
            }
        })?;
    Ok(Redecided {
        subject,
        recorded,
        composition,
        ballot,
        outcome,
    })
}

fn reproduces(row: &RecordRow, redecided: &Redecided) -> bool {
    let recorded: BTreeSet<_> = row.vetoed_by.iter().collect();
    let engine: BTreeSet<_> = redecided.outcome.vetoed_by.iter().collect();
    redecided.outcome.verdict == redecided.recorded && recorded == engine
}

/// Re-decides every row, reporting `(done, total)` after each.
pub fn replay<'a>(
    rows: impl ExactSizeIterator<Item = &'a RecordRow>,
    roster: &Roster,
    mut progress: impl FnMut(usize, usize),
) -> ReplaySummary {
    let total = rows.len();
    let mut summary = ReplaySummary::default();
    for (index, row) in rows.enumerate() {
        summary.rows += 1;
        let document = row.document.as_ref().map(Document::symbol);
        match redecide(row, roster) {
            Ok(redecided) => {
                summary.decided += 1;
                if reproduces(row, &redecided) {
                    summary.reproduced += 1;
                } else {
                    summary.mismatched += 1;
                    let outcome = redecided.outcome;
                    summary.mismatches.push(Mismatch {
                        row: row.provenance.clone(),
                        date: row.date,
                        document,
                        tally: row.vote.unwrap_or(RecordedVote {
                            yes: 0,
                            no: 0,
                            abstain: 0,
                            not_participating: None,
                        }),
                        recorded: redecided.recorded,
                        recorded_vetoed_by: row.vetoed_by.clone(),
                        engine: outcome.verdict,
                        engine_vetoed_by: outcome.vetoed_by,
                        provision: outcome.provision,
                        citation: outcome.provision.citation(),
                        explanation: outcome.explanation,
                    });
                }
            }
            Err(reason) => {
                summary.undecidable += 1;
                summary.undecidable_rows.push(UndecidableRow {
                    row: row.provenance.clone(),
                    date: row.date,
                    document,
                    reason,
                });
            }
        }
        progress(index + 1, total);
    }
    summary
}

/// A draft whose fate changes under other rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangedFate {
    /// Where the row came from.
    pub row: Provenance,
    /// The row's date.
    pub date: Option<NaiveDate>,
    /// The draft or resolution.
    pub document: Option<String>,
    /// The agenda item.
    pub agenda_item: String,
    /// The recorded figures.
    pub tally: RecordedVote,
    /// The verdict under the Charter.
    pub charter: Verdict,
    /// The verdict under the other rules.
    pub under_rules: Verdict,
    /// The permanent members whose negative votes were vetoes under the Charter.
    pub vetoed_by: Vec<MemberCode>,
}

/// One decade of a what-if replay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DecadeCounts {
    /// Votes decided.
    pub decided: usize,
    /// Adopted under the Charter.
    pub adopted_under_charter: usize,
    /// Adopted under the other rules.
    pub adopted_under_rules: usize,
    /// Vetoed under the Charter.
    pub vetoed_under_charter: usize,
    /// Vetoed under the other rules.
    pub vetoed_under_rules: usize,
    /// Votes whose verdict changes.
    pub changed: usize,
}

/// History re-decided under other rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WhatIf {
    /// The rules applied.
    pub rules: Rules,
    /// Votes decided (the decidable rows of the Charter replay).
    pub decided: usize,
    /// Votes whose verdict changes.
    pub changed: usize,
    /// Counts per decade (named by its first year).
    pub per_decade: BTreeMap<i32, DecadeCounts>,
    /// Every vote whose verdict changes, oldest first.
    pub changes: Vec<ChangedFate>,
}

/// Re-decides every decidable row under `rules`, reporting `(done, total)` after each.
pub fn what_if<'a>(
    rows: impl ExactSizeIterator<Item = &'a RecordRow>,
    roster: &Roster,
    rules: &Rules,
    mut progress: impl FnMut(usize, usize),
) -> WhatIf {
    let total = rows.len();
    let mut report = WhatIf {
        rules: rules.clone(),
        decided: 0,
        changed: 0,
        per_decade: BTreeMap::new(),
        changes: Vec::new(),
    };
    for (index, row) in rows.enumerate() {
        if let Ok(redecided) = redecide(row, roster) {
            let charter = redecided.outcome.verdict;
            let under_rules = rules.verdict(&redecided.outcome, &row.agenda_item);
            let decade = row.year().map_or(0, decade_of);
            let counts = report.per_decade.entry(decade).or_default();
            counts.decided += 1;
            counts.adopted_under_charter += usize::from(charter == Verdict::Adopted);
            counts.adopted_under_rules += usize::from(under_rules == Verdict::Adopted);
            counts.vetoed_under_charter += usize::from(charter == Verdict::Vetoed);
            counts.vetoed_under_rules += usize::from(under_rules == Verdict::Vetoed);
            report.decided += 1;
            if charter != under_rules {
                counts.changed += 1;
                report.changed += 1;
                report.changes.push(ChangedFate {
                    row: row.provenance.clone(),
                    date: row.date,
                    document: row.document.as_ref().map(Document::symbol),
                    agenda_item: row.agenda_item.clone(),
                    tally: row.vote.unwrap_or(RecordedVote {
                        yes: 0,
                        no: 0,
                        abstain: 0,
                        not_participating: None,
                    }),
                    charter,
                    under_rules,
                    vetoed_by: redecided.outcome.vetoed_by.clone(),
                });
            }
        }
        progress(index + 1, total);
    }
    report
}
