//! What-if replays on a Council enlarged as in a reform model (a built-in game of
//! `council-power`), without inventing a vote.
//!
//! History cannot say how members who never sat would have voted. So the members who voted
//! keep their recorded votes, the added seats range over every combination of yes, no and
//! abstention, and each recorded vote is classed by its fate (adopted or not): the **same
//! regardless** of how the added members vote, **changed regardless**, or **depending** on
//! them, with the number of added affirmative votes adoption needs. Where the record does not
//! say whether a permanent member was among the negative votes (a draft that failed for lack
//! of votes), both readings are kept open too.
//!
//! The model's game gives the seats, the affirmative votes required (its rule in which every
//! member weighs 1) and the members with a veto (its rules that need every member of weight 1).
//! The game counts a veto holder's abstention as blocking, as a simple game must; the replay
//! follows the Council's practice since 1946 instead: only a negative vote is a veto.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use council_core::{MemberCode, Position, Verdict};
use council_data::Roster;
use council_power::{CurrentSeats, Game};
use serde::Serialize;

use crate::error::RecordError;
use crate::model::{Document, Provenance, RecordRow, RecordedVote};
use crate::query::decade_of;
use crate::replay::{Redecided, redecide};

/// A class of seats of a reform model: how many, whether they carry a veto, and which of
/// today's seats they continue, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeatClass {
    name: String,
    seats: u32,
    veto: bool,
    current_seats: Option<CurrentSeats>,
}

impl SeatClass {
    /// The class's name in the model (`new permanent member (no veto)`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How many seats the class has.
    pub fn seats(&self) -> u32 {
        self.seats
    }

    /// Whether a negative vote of a member of the class is a veto.
    pub fn veto(&self) -> bool {
        self.veto
    }

    /// Which of today's seats the class continues; its other seats are added.
    pub fn current_seats(&self) -> Option<CurrentSeats> {
        self.current_seats
    }
}

/// A Council enlarged as in a reform model: its seats, the affirmative votes a decision
/// needs, and which seats carry a veto. Built only from a game of that shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReformModel {
    name: String,
    description: Option<String>,
    source: Option<String>,
    seats: u32,
    affirmative_votes: u32,
    classes: Vec<SeatClass>,
}

/// The seats a reform model adds to the Council of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AddedSeats {
    /// Added seats without a veto.
    pub without_veto: u32,
    /// Added seats with a veto.
    pub with_veto: u32,
}

impl AddedSeats {
    /// All the added seats.
    pub fn total(&self) -> u32 {
        self.without_veto + self.with_veto
    }
}

impl ReformModel {
    /// Reads the model from a game: one rule in which every member weighs 1 (its quota is
    /// the affirmative votes required), any number of rules that need every member of weight
    /// 1 (those members hold a veto), and one class marked as continuing today's permanent
    /// seats and one today's elected seats (`current_seats` in the game file).
    pub fn from_game(game: &Game) -> Result<ReformModel, RecordError> {
        let not_a_model = |reason: String| RecordError::NotACouncilModel {
            model: game.name().to_owned(),
            reason,
        };
        let players = game.players();
        let mut affirmative_votes = None;
        let mut veto = vec![false; players.len()];
        for (rule, &quota) in game.quotas().iter().enumerate() {
            let weights: Vec<u64> = players
                .iter()
                .map(|player| player.weights()[rule])
                .collect();
            let total: u64 = players
                .iter()
                .zip(&weights)
                .map(|(player, weight)| u64::from(player.count()) * weight)
                .sum();
            if weights.iter().all(|&weight| weight == 1) {
                if affirmative_votes.is_some() {
                    return Err(not_a_model(format!(
                        "rule {rule} counts members again: give the affirmative votes once"
                    )));
                }
                affirmative_votes = Some(u32::try_from(quota).unwrap_or(u32::MAX));
            } else if weights.iter().all(|&weight| weight <= 1) && quota == total {
                for (holds, &weight) in veto.iter_mut().zip(&weights) {
                    *holds |= weight == 1;
                }
            } else {
                return Err(not_a_model(format!(
                    "rule {rule} neither counts members nor gives a veto"
                )));
            }
        }
        let affirmative_votes = affirmative_votes
            .ok_or_else(|| not_a_model("no rule counts the affirmative votes".to_owned()))?;
        let classes: Vec<SeatClass> = players
            .iter()
            .zip(veto)
            .map(|(player, veto)| SeatClass {
                name: player.name().to_owned(),
                seats: player.count(),
                veto,
                current_seats: player.current_seats(),
            })
            .collect();
        for (seats, word) in [
            (CurrentSeats::Permanent, "permanent"),
            (CurrentSeats::Elected, "elected"),
        ] {
            let marked = classes
                .iter()
                .filter(|class| class.current_seats == Some(seats))
                .count();
            if marked != 1 {
                return Err(not_a_model(format!(
                    "{marked} classes continue today's {word} seats: mark one with \"current_seats\": \"{word}\""
                )));
            }
        }
        Ok(ReformModel {
            name: game.name().to_owned(),
            description: game.description().map(str::to_owned),
            source: game.source().map(str::to_owned),
            seats: classes.iter().map(|class| class.seats).sum(),
            affirmative_votes,
            classes,
        })
    }

    /// The model's name (the game's).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the model is and what it assumes, from the game file.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The seats of the enlarged Council.
    pub fn seats(&self) -> u32 {
        self.seats
    }

    /// The affirmative votes a decision needs.
    pub fn affirmative_votes(&self) -> u32 {
        self.affirmative_votes
    }

    /// The classes of seats, in the game's order.
    pub fn classes(&self) -> &[SeatClass] {
        &self.classes
    }

    fn class_of(&self, seats: CurrentSeats) -> &SeatClass {
        self.classes
            .iter()
            .find(|class| class.current_seats == Some(seats))
            .expect("a model marks one class of each (checked when built)")
    }

    /// Whether today's permanent members keep their veto.
    pub fn permanent_veto(&self) -> bool {
        self.class_of(CurrentSeats::Permanent).veto
    }

    /// Whether today's elected members gain a veto.
    pub fn elected_veto(&self) -> bool {
        self.class_of(CurrentSeats::Elected).veto
    }

    /// The seats added to a Council of `n_permanent` permanent and `n_elected` elected
    /// members, or `None` when the model has fewer seats of either kind.
    pub fn added_seats(&self, n_permanent: u32, n_elected: u32) -> Option<AddedSeats> {
        let mut added = AddedSeats {
            without_veto: 0,
            with_veto: 0,
        };
        for class in &self.classes {
            let held = match class.current_seats {
                Some(CurrentSeats::Permanent) => n_permanent,
                Some(CurrentSeats::Elected) => n_elected,
                None => 0,
            };
            let extra = class.seats.checked_sub(held)?;
            if class.veto {
                added.with_veto += extra;
            } else {
                added.without_veto += extra;
            }
        }
        Some(added)
    }
}

/// Whether a negative vote of a member who sat is a veto on the enlarged Council, over the
/// readings the record allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExistingVeto {
    /// No member who sat cast a negative vote that the model makes a veto.
    Never,
    /// One did, on every reading of the record.
    Always,
    /// The record does not say: a permanent member may or may not have been among the
    /// negative votes.
    Unknown,
}

impl ExistingVeto {
    fn cases(self) -> &'static [bool] {
        match self {
            ExistingVeto::Never => &[false],
            ExistingVeto::Always => &[true],
            ExistingVeto::Unknown => &[false, true],
        }
    }
}

/// How a recorded vote's fate on the enlarged Council relates to its fate under the Charter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FateClass {
    /// Adopted, or not, as recorded, however the added members vote.
    SameRegardless,
    /// The opposite of the record, however the added members vote.
    ChangesRegardless,
    /// Adopted for some votes of the added members and not for others.
    Depends,
}

impl FateClass {
    /// The class as written in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            FateClass::SameRegardless => "same_regardless",
            FateClass::ChangesRegardless => "changes_regardless",
            FateClass::Depends => "depends",
        }
    }
}

/// What a recorded vote could become on the enlarged Council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Classification {
    /// Its fate against the Charter's.
    pub class: FateClass,
    /// Every verdict some votes of the added members give, in the order adopted, vetoed,
    /// insufficient votes.
    pub verdicts: Vec<Verdict>,
    /// The fewest affirmative votes of added members that can adopt it, or `None` if none can.
    pub added_yes_needed: Option<u32>,
    /// Whether an added member with a veto could defeat it by voting against, when it is
    /// otherwise adopted.
    pub added_veto_could_block: bool,
    /// Whether adoption also needs that no permanent member was among the recorded negative
    /// votes, which the record does not say.
    pub needs_no_permanent_among_negative_votes: bool,
}

/// Decides one complete vote of the enlarged Council: `yes` affirmative votes, and whether a
/// member with a veto voted against on a non-procedural matter.
fn decide(yes: u32, affirmative_votes: u32, non_procedural: bool, veto_cast: bool) -> Verdict {
    if yes < affirmative_votes {
        Verdict::InsufficientVotes
    } else if non_procedural && veto_cast {
        Verdict::Vetoed
    } else {
        Verdict::Adopted
    }
}

/// Classes a vote on the enlarged Council: `existing_yes` affirmative votes of the members
/// who sat, whether one of them cast a veto, the added seats (each voting yes, no or
/// abstaining), and the affirmative votes required. `charter` is the recorded verdict.
///
/// The verdict depends on the added members only through how many vote yes and whether a
/// member among them with a veto votes no; every pair that some combination of their votes
/// gives is tried.
pub fn classify(
    non_procedural: bool,
    existing_yes: u32,
    existing_veto: ExistingVeto,
    added: AddedSeats,
    affirmative_votes: u32,
    charter: Verdict,
) -> Classification {
    let n_added = added.total();
    let mut possible = BTreeSet::new();
    let mut added_yes_needed: Option<u32> = None;
    for &existing_veto_cast in existing_veto.cases() {
        for added_yes in 0..=n_added {
            // An added member with a veto can vote no only if it is not among the yes votes.
            let added_veto_cases: &[bool] = if added.with_veto > 0 && added_yes < n_added {
                &[false, true]
            } else {
                &[false]
            };
            for &added_veto_cast in added_veto_cases {
                let verdict = decide(
                    existing_yes + added_yes,
                    affirmative_votes,
                    non_procedural,
                    existing_veto_cast || added_veto_cast,
                );
                possible.insert(verdict_rank(verdict));
                if verdict == Verdict::Adopted {
                    added_yes_needed =
                        Some(added_yes_needed.map_or(added_yes, |fewest| fewest.min(added_yes)));
                }
            }
        }
    }
    let can_adopt = added_yes_needed.is_some();
    let can_fail = possible.iter().any(|&rank| rank != 0);
    let adopted_under_charter = charter == Verdict::Adopted;
    let class = match (adopted_under_charter, can_adopt, can_fail) {
        (true, true, false) | (false, false, true) => FateClass::SameRegardless,
        (true, false, _) | (false, _, false) => FateClass::ChangesRegardless,
        _ => FateClass::Depends,
    };
    let adoptable_and_vetoable = can_adopt && non_procedural;
    Classification {
        class,
        verdicts: possible.into_iter().map(verdict_of_rank).collect(),
        added_yes_needed,
        added_veto_could_block: adoptable_and_vetoable
            && added.with_veto > 0
            && added_yes_needed.is_some_and(|needed| needed < n_added),
        needs_no_permanent_among_negative_votes: adoptable_and_vetoable
            && existing_veto == ExistingVeto::Unknown,
    }
}

fn verdict_rank(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Adopted => 0,
        Verdict::Vetoed => 1,
        Verdict::InsufficientVotes => 2,
        Verdict::NoConsensus => 3,
    }
}

fn verdict_of_rank(rank: u8) -> Verdict {
    match rank {
        0 => Verdict::Adopted,
        1 => Verdict::Vetoed,
        2 => Verdict::InsufficientVotes,
        _ => Verdict::NoConsensus,
    }
}

/// Whether the members who sat cast a veto under the model, over the readings of the record.
///
/// The ballot of the Charter replay gives negative votes to elected members first, so its
/// permanent members' negative votes are the fewest the record allows. On an adopted
/// non-procedural draft there were none (one would have been a veto), and on a vetoed one
/// exactly the vetoing members; but on a draft that failed for lack of votes a permanent
/// member may have voted against without the record saying, unless its position is known.
pub fn existing_veto(row: &RecordRow, redecided: &Redecided, model: &ReformModel) -> ExistingVeto {
    if !redecided.subject.is_non_procedural() {
        return ExistingVeto::Never;
    }
    let fixed: BTreeSet<MemberCode> = row
        .vetoed_by
        .iter()
        .copied()
        .chain(row.known_positions.iter().map(|&(member, _)| member))
        .collect();
    let mut permanent_no = 0u32;
    let mut elected_no = 0u32;
    let mut elected_no_movable = 0u32;
    let mut permanent_other_movable = 0u32;
    for member in redecided.composition.members() {
        let code = member.code();
        let against = redecided.ballot.position_of(code) == Position::No;
        let movable = !fixed.contains(&code);
        match (member.is_permanent(), against) {
            (true, true) => permanent_no += 1,
            (true, false) => permanent_other_movable += u32::from(movable),
            (false, true) => {
                elected_no += 1;
                elected_no_movable += u32::from(movable);
            }
            (false, false) => {}
        }
    }
    let more_permanent_possible = if redecided.outcome.verdict == Verdict::InsufficientVotes {
        elected_no_movable.min(permanent_other_movable)
    } else {
        0
    };
    let readings: BTreeSet<bool> = (0..=more_permanent_possible)
        .map(|shift| {
            (model.permanent_veto() && permanent_no + shift > 0)
                || (model.elected_veto() && elected_no - shift > 0)
        })
        .collect();
    match (readings.contains(&false), readings.contains(&true)) {
        (true, true) => ExistingVeto::Unknown,
        (false, true) => ExistingVeto::Always,
        _ => ExistingVeto::Never,
    }
}

/// Re-decides one row on the Council enlarged as in `model`: the seats added to the Council
/// of its day and what the vote could become. `None` when the row cannot be decided under the
/// Charter (see [`redecide`]) or its Council has more seats of a kind than the model.
pub fn classify_row(
    row: &RecordRow,
    roster: &Roster,
    model: &ReformModel,
) -> Option<(AddedSeats, Classification)> {
    let redecided = redecide(row, roster).ok()?;
    classify_redecided(row, &redecided, model)
}

fn classify_redecided(
    row: &RecordRow,
    redecided: &Redecided,
    model: &ReformModel,
) -> Option<(AddedSeats, Classification)> {
    let members = redecided.composition.members();
    let n_permanent = members
        .iter()
        .filter(|member| member.is_permanent())
        .count() as u32;
    let added = model.added_seats(n_permanent, members.len() as u32 - n_permanent)?;
    let existing_yes = redecided
        .ballot
        .iter()
        .filter(|&(_, position)| position == Position::Yes)
        .count() as u32;
    let classification = classify(
        redecided.subject.is_non_procedural(),
        existing_yes,
        existing_veto(row, redecided, model),
        added,
        model.affirmative_votes,
        redecided.outcome.verdict,
    );
    Some((added, classification))
}

/// A recorded vote whose fate changes, or depends on the added members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnlargedFate {
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
    /// The permanent members whose negative votes were vetoes under the Charter.
    pub vetoed_by: Vec<MemberCode>,
    /// The seats added to the Council of that day.
    pub added_seats: AddedSeats,
    /// What the vote could become.
    #[serde(flatten)]
    pub classification: Classification,
}

/// One decade of an enlarged-Council replay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EnlargedDecadeCounts {
    /// Votes decided.
    pub decided: usize,
    /// Adopted under the Charter.
    pub adopted_under_charter: usize,
    /// Same fate however the added members vote.
    pub same_regardless: usize,
    /// Opposite fate however the added members vote.
    pub changes_regardless: usize,
    /// Fate depending on the added members.
    pub depends: usize,
}

impl EnlargedDecadeCounts {
    fn count(&mut self, class: FateClass) {
        match class {
            FateClass::SameRegardless => self.same_regardless += 1,
            FateClass::ChangesRegardless => self.changes_regardless += 1,
            FateClass::Depends => self.depends += 1,
        }
    }
}

/// The rules of an enlarged-Council replay, as the JSON output names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnlargedRules {
    /// Always `model`.
    pub name: &'static str,
    /// The reform model.
    pub model: ReformModel,
}

/// History re-decided on a Council enlarged as in a reform model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnlargedWhatIf {
    /// The model.
    pub rules: EnlargedRules,
    /// The assumptions the replay makes, in words.
    pub assumptions: Vec<String>,
    /// The seats added, by the size of the Council of the day.
    pub added_seats: BTreeMap<u32, AddedSeats>,
    /// Votes decided (the decidable rows of the Charter replay).
    pub decided: usize,
    /// Votes whose fate is the same however the added members vote.
    pub same_regardless: usize,
    /// Votes whose fate is the opposite however the added members vote.
    pub changes_regardless: usize,
    /// Votes whose fate depends on the added members.
    pub depends: usize,
    /// Votes whose Council has more seats of a kind than the model (not classed).
    pub not_applicable: usize,
    /// Counts per decade (named by its first year).
    pub per_decade: BTreeMap<i32, EnlargedDecadeCounts>,
    /// Every vote whose fate changes or depends on the added members, oldest first.
    pub drafts: Vec<EnlargedFate>,
}

fn assumptions(model: &ReformModel) -> Vec<String> {
    let mut assumptions = vec![
        "the members who sat keep their recorded votes; the added seats range over every combination of yes, no and abstention, so no vote is invented".to_owned(),
        format!(
            "every decision needs {} affirmative votes, procedural or not (the model's majority; the Charter has one figure for both)",
            model.affirmative_votes
        ),
        "a veto is a negative vote of a member holding one, on a non-procedural matter that has the required votes; an abstention or absence is not (the Council's practice since 1946)".to_owned(),
        "where a draft failed for lack of votes and the record does not say whether a permanent member voted against, both readings are kept open".to_owned(),
    ];
    if let Some(description) = &model.description {
        assumptions.push(format!("the model: {description}"));
    }
    assumptions
}

/// Re-decides every decidable row on the Council enlarged as in `model`, reporting
/// `(done, total)` after each.
pub fn what_if_enlarged<'a>(
    rows: impl ExactSizeIterator<Item = &'a RecordRow>,
    roster: &Roster,
    model: &ReformModel,
    mut progress: impl FnMut(usize, usize),
) -> EnlargedWhatIf {
    let total = rows.len();
    let mut report = EnlargedWhatIf {
        rules: EnlargedRules {
            name: "model",
            model: model.clone(),
        },
        assumptions: assumptions(model),
        added_seats: BTreeMap::new(),
        decided: 0,
        same_regardless: 0,
        changes_regardless: 0,
        depends: 0,
        not_applicable: 0,
        per_decade: BTreeMap::new(),
        drafts: Vec::new(),
    };
    for (index, row) in rows.enumerate() {
        if let Ok(redecided) = redecide(row, roster) {
            let Some((added, classification)) = classify_redecided(row, &redecided, model) else {
                report.not_applicable += 1;
                progress(index + 1, total);
                continue;
            };
            report
                .added_seats
                .insert(redecided.composition.members().len() as u32, added);
            let charter = redecided.outcome.verdict;
            let decade = row.year().map_or(0, decade_of);
            let counts = report.per_decade.entry(decade).or_default();
            counts.decided += 1;
            counts.adopted_under_charter += usize::from(charter == Verdict::Adopted);
            counts.count(classification.class);
            report.decided += 1;
            match classification.class {
                FateClass::SameRegardless => report.same_regardless += 1,
                FateClass::ChangesRegardless => report.changes_regardless += 1,
                FateClass::Depends => report.depends += 1,
            }
            if classification.class != FateClass::SameRegardless {
                report.drafts.push(EnlargedFate {
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
                    vetoed_by: redecided.outcome.vetoed_by.clone(),
                    added_seats: added,
                    classification,
                });
            }
        }
        progress(index + 1, total);
    }
    report
}
