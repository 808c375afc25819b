//! `council history`, `council vetoes` and `council replay`: the Council's record since 1946.

use std::io::IsTerminal;

use chrono::NaiveDate;
use council_core::Verdict;
use council_data::Roster;
use council_record::{
    EnlargedWhatIf, FateClass, Filter, OutcomeClass, Record, RecordError, ReformModel, Rules,
};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;

use super::{parse_date, parse_state};
use crate::cli::{HistoryFormat, RecordFilter};
use crate::{CommandError, Io};

/// Builds the library's filter from the command line, checking every value.
pub fn filter(arguments: &RecordFilter) -> Result<Filter, CommandError> {
    let roster = Roster::embedded();
    let member = arguments
        .member
        .as_deref()
        .map(|text| parse_state(roster, "--member", text))
        .transpose()?;
    let date = |flag: &str, text: &Option<String>| -> Result<Option<NaiveDate>, CommandError> {
        text.as_deref()
            .map(|text| parse_date(flag, text))
            .transpose()
    };
    let from = date("--from", &arguments.from)?;
    let to = date("--to", &arguments.to)?;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(CommandError::bad_input(format!(
            "--from {from} is after --to {to}"
        )));
    }
    let outcome = arguments
        .outcome
        .as_deref()
        .map(|text| {
            text.parse::<OutcomeClass>().map_err(|_| {
                CommandError::bad_input(format!(
                    "--outcome: unknown outcome `{text}`: expected adopted, vetoed, insufficient_votes, statement or other"
                ))
            })
        })
        .transpose()?;
    Ok(Filter {
        member,
        from,
        to,
        outcome,
        text: arguments.text.clone(),
        document: arguments.document.clone(),
    })
}

/// `council history`: the record's rows that match the filter.
pub fn history(
    arguments: &RecordFilter,
    format: HistoryFormat,
    io: &mut Io<'_>,
) -> Result<(), CommandError> {
    let filter = filter(arguments)?;
    let rows = Record::embedded().history(&filter);
    let entries: Vec<_> = rows.iter().map(|row| row.history_entry()).collect();
    let number = |value: Option<u32>| value.map_or_else(String::new, |value| value.to_string());
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let codes = |codes: &[council_core::MemberCode]| {
        codes
            .iter()
            .map(|code| code.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    match format {
        HistoryFormat::Json => {
            writeln!(
                io.stdout,
                "{}",
                serde_json::to_string(&entries).map_err(anyhow::Error::from)?
            )?;
        }
        HistoryFormat::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer
                .write_record([
                    "date",
                    "meeting",
                    "document",
                    "outcome",
                    "yes",
                    "no",
                    "abstain",
                    "not_participating",
                    "vetoed_by",
                    "agenda_item",
                    "source",
                ])
                .map_err(anyhow::Error::from)?;
            for entry in &entries {
                writer
                    .write_record([
                        entry.date.map_or_else(String::new, |date| date.to_string()),
                        text(&entry.meeting),
                        text(&entry.document),
                        entry.outcome.as_str().to_owned(),
                        number(entry.yes),
                        number(entry.no),
                        number(entry.abstain),
                        number(entry.not_participating),
                        codes(&entry.vetoed_by),
                        entry.agenda_item.clone(),
                        entry.source.clone(),
                    ])
                    .map_err(anyhow::Error::from)?;
            }
            let bytes = writer
                .into_inner()
                .map_err(|error| anyhow::anyhow!("{error}"))?;
            io.stdout.write_all(&bytes)?;
        }
        HistoryFormat::Table => {
            for entry in &entries {
                let vote = match (entry.yes, entry.no, entry.abstain) {
                    (Some(yes), Some(no), Some(abstain)) => format!("{yes}-{no}-{abstain}"),
                    _ => String::new(),
                };
                let vetoes = if entry.vetoed_by.is_empty() {
                    String::new()
                } else {
                    format!(" vetoed by {}", codes(&entry.vetoed_by))
                };
                writeln!(
                    io.stdout,
                    "{:<10}  {:<22}  {:<18}  {:>8}{}  {}",
                    entry.date.map_or_else(String::new, |date| date.to_string()),
                    text(&entry.document),
                    entry.outcome.as_str(),
                    vote,
                    vetoes,
                    truncate(&entry.agenda_item, 60)
                )?;
            }
            writeln!(io.stdout, "{} rows", entries.len())?;
        }
    }
    Ok(())
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(width - 1).collect();
        format!("{cut}…")
    }
}

/// `council vetoes`: vetoes per member, per decade and per topic.
pub fn vetoes(arguments: &RecordFilter, json: bool, io: &mut Io<'_>) -> Result<(), CommandError> {
    let filter = filter(arguments)?;
    let record = Record::embedded();
    let counts = record.veto_counts(&filter);
    if json {
        writeln!(
            io.stdout,
            "{}",
            json!({"drafts": counts.drafts, "by_member": counts.by_member})
        )?;
        return Ok(());
    }
    let roster = Roster::embedded();
    let name = |code: council_core::MemberCode| {
        roster
            .state(code)
            .map_or_else(|| code.to_string(), |state| state.name().to_owned())
    };
    writeln!(io.stdout, "Drafts vetoed: {}", counts.drafts)?;
    writeln!(io.stdout, "\nBy member")?;
    for (code, count) in &counts.by_member {
        writeln!(io.stdout, "  {code}  {count:>4}  {}", name(*code))?;
    }
    writeln!(io.stdout, "\nBy decade")?;
    for (decade, decade_counts) in record.vetoes_by_decade(&filter) {
        let members: Vec<String> = decade_counts
            .by_member
            .iter()
            .map(|(code, count)| format!("{code} {count}"))
            .collect();
        writeln!(
            io.stdout,
            "  {decade}s  {:>4} drafts  {}",
            decade_counts.drafts,
            members.join(", ")
        )?;
    }
    writeln!(io.stdout, "\nBy topic")?;
    let mut topics: Vec<_> = record.vetoes_by_topic(&filter).into_iter().collect();
    topics.sort_by(|left, right| {
        right
            .1
            .drafts
            .cmp(&left.1.drafts)
            .then(left.0.cmp(&right.0))
    });
    for (topic, topic_counts) in topics {
        writeln!(
            io.stdout,
            "  {:>4}  {}",
            topic_counts.drafts,
            truncate(&topic, 70)
        )?;
    }
    Ok(())
}

/// `council replay`: re-decides every recorded vote, under the Charter or other rules.
pub fn replay(
    rules: Option<&str>,
    topics: &[String],
    json: bool,
    io: &mut Io<'_>,
) -> Result<(), CommandError> {
    if let Some(topic) = topics.first()
        && rules != Some("restraint")
    {
        return Err(CommandError::bad_input(format!(
            "--topic {topic:?}: topics apply only to --rules restraint, not to {}",
            rules.map_or_else(
                || "the Charter's rules (no --rules)".to_owned(),
                |name| format!("--rules {name}")
            )
        )));
    }
    let record = Record::embedded();
    let roster = Roster::embedded();
    let model = rules
        .and_then(|name| name.strip_prefix("model:"))
        .map(reform_model)
        .transpose()?;
    let rules = rules
        .filter(|_| model.is_none())
        .map(|name| {
            Rules::from_name(name, topics.to_vec()).map_err(|error| match error {
                RecordError::UnknownRules(_) => CommandError::bad_input(format!(
                    "--rules: {error}, or model:NAME with NAME one of {}",
                    reform_model_names().join(", ")
                )),
                _ => CommandError::bad_input(format!("--rules: {error}")),
            })
        })
        .transpose()?;
    let bar = if !json && std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} rows re-decided")
                .map_err(anyhow::Error::from)?,
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    if let Some(model) = model {
        let report = record.what_if_enlarged(roster, &model, progress);
        bar.finish_and_clear();
        return print_enlarged(&report, json, io);
    }
    match rules {
        None | Some(Rules::Charter) => {
            let summary = record.replay(roster, progress);
            bar.finish_and_clear();
            if json {
                let answer = json!({
                    "rows": summary.rows,
                    "decided": summary.decided,
                    "reproduced": summary.reproduced,
                    "mismatched": summary.mismatched,
                    "undecidable": summary.undecidable,
                    "undecidable_by_reason": summary.undecidable_by_reason(),
                    "mismatches": summary.mismatches,
                });
                writeln!(io.stdout, "{answer}")?;
                return Ok(());
            }
            writeln!(
                io.stdout,
                "{} rows: {} decided by the engine, {} reproduced, {} mismatched, {} undecidable",
                summary.rows,
                summary.decided,
                summary.reproduced,
                summary.mismatched,
                summary.undecidable
            )?;
            for mismatch in &summary.mismatches {
                writeln!(
                    io.stdout,
                    "  mismatch: {} {} recorded {}, engine {} ({}): {}",
                    mismatch
                        .date
                        .map_or_else(String::new, |date| date.to_string()),
                    mismatch.document.clone().unwrap_or_default(),
                    mismatch.recorded,
                    mismatch.engine,
                    mismatch.citation,
                    mismatch.row
                )?;
            }
            writeln!(io.stdout, "Undecidable rows, by reason:")?;
            for (reason, count) in summary.undecidable_by_reason() {
                writeln!(io.stdout, "  {count:>5}  {reason}")?;
            }
        }
        Some(rules) => {
            let what_if = record.what_if(roster, &rules, progress);
            bar.finish_and_clear();
            if json {
                writeln!(
                    io.stdout,
                    "{}",
                    serde_json::to_string(&what_if).map_err(anyhow::Error::from)?
                )?;
                return Ok(());
            }
            writeln!(
                io.stdout,
                "{} of {} decided votes would change fate under the rules `{}`",
                what_if.changed,
                what_if.decided,
                rules_name(&what_if.rules)
            )?;
            writeln!(
                io.stdout,
                "decade  decided  adopted (Charter -> rules)  vetoed (Charter -> rules)"
            )?;
            for (decade, counts) in &what_if.per_decade {
                writeln!(
                    io.stdout,
                    "{decade}s  {:>7}  {:>7} -> {:<7}           {:>6} -> {:<6}",
                    counts.decided,
                    counts.adopted_under_charter,
                    counts.adopted_under_rules,
                    counts.vetoed_under_charter,
                    counts.vetoed_under_rules
                )?;
            }
            for change in &what_if.changes {
                writeln!(
                    io.stdout,
                    "  {} {}: {} -> {}  {}",
                    change
                        .date
                        .map_or_else(String::new, |date| date.to_string()),
                    change.document.clone().unwrap_or_default(),
                    change.charter,
                    change.under_rules,
                    truncate(&change.agenda_item, 60)
                )?;
            }
        }
    }
    Ok(())
}

fn rules_name(rules: &Rules) -> &'static str {
    match rules {
        Rules::Charter => "charter",
        Rules::NoVeto => "no-veto",
        Rules::VetoNeedsTwo => "veto-needs-two",
        Rules::Restraint { .. } => "restraint",
    }
}

/// The built-in games that model the Council: the reform models in `council power`'s order,
/// then today's Council.
fn reform_model_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = council_power::COUNCIL_MODELS
        .iter()
        .copied()
        .filter(|name| {
            council_power::builtin(name).is_some_and(|game| ReformModel::from_game(&game).is_ok())
        })
        .collect();
    names.sort_by_key(|&name| name == "security-council");
    names
}

/// The reform model named after `--rules model:`.
fn reform_model(name: &str) -> Result<ReformModel, CommandError> {
    let unknown = || {
        CommandError::bad_input(format!(
            "--rules model:{name}: unknown reform model {name:?}: expected one of {}",
            reform_model_names().join(", ")
        ))
    };
    let game = council_power::builtin(name).ok_or_else(unknown)?;
    ReformModel::from_game(&game).map_err(|_| unknown())
}

/// Prints a replay on an enlarged Council: the model, its assumptions, the counts per decade
/// and class, and every vote whose fate changes or depends on the added members.
fn print_enlarged(
    report: &EnlargedWhatIf,
    json: bool,
    io: &mut Io<'_>,
) -> Result<(), CommandError> {
    if json {
        writeln!(
            io.stdout,
            "{}",
            serde_json::to_string(report).map_err(anyhow::Error::from)?
        )?;
        return Ok(());
    }
    let model = &report.rules.model;
    let vetoes: Vec<String> = model
        .classes()
        .iter()
        .filter(|class| class.veto())
        .map(|class| format!("{} x{}", class.name(), class.seats()))
        .collect();
    writeln!(
        io.stdout,
        "A Council enlarged as in {}: {} seats, {} affirmative votes required, a veto for {}",
        model.name(),
        model.seats(),
        model.affirmative_votes(),
        if vetoes.is_empty() {
            "no one".to_owned()
        } else {
            vetoes.join(", ")
        }
    )?;
    for (size, added) in &report.added_seats {
        writeln!(
            io.stdout,
            "  seats added to the Council of {size}: {} ({} with a veto)",
            added.total(),
            added.with_veto
        )?;
    }
    writeln!(
        io.stdout,
        "{} decided votes: {} keep their fate regardless of the added members, {} change it regardless, {} depend on them",
        report.decided, report.same_regardless, report.changes_regardless, report.depends
    )?;
    if report.not_applicable > 0 {
        writeln!(
            io.stdout,
            "{} votes not classed: their Council had more seats of a kind than the model",
            report.not_applicable
        )?;
    }
    writeln!(io.stdout, "Assumptions:")?;
    for assumption in &report.assumptions {
        writeln!(io.stdout, "  - {assumption}")?;
    }
    writeln!(
        io.stdout,
        "decade  decided  adopted (Charter)  same regardless  changes regardless  depends"
    )?;
    for (decade, counts) in &report.per_decade {
        writeln!(
            io.stdout,
            "{decade}s  {:>7}  {:>17}  {:>15}  {:>18}  {:>7}",
            counts.decided,
            counts.adopted_under_charter,
            counts.same_regardless,
            counts.changes_regardless,
            counts.depends
        )?;
    }
    if !report.drafts.is_empty() {
        writeln!(
            io.stdout,
            "Votes whose fate changes or depends on the added members:"
        )?;
    }
    for draft in &report.drafts {
        let classification = &draft.classification;
        let what = match classification.class {
            FateClass::Depends => {
                let mut conditions = vec![format!(
                    "adopted with {} or more added yes votes",
                    classification.added_yes_needed.unwrap_or(0)
                )];
                if classification.added_veto_could_block {
                    conditions.push("unless an added member with a veto votes no".to_owned());
                }
                if classification.needs_no_permanent_among_negative_votes {
                    conditions.push(format!(
                        "if no permanent member was among the {} against",
                        draft.tally.no
                    ));
                }
                format!("depends: {}", conditions.join(", "))
            }
            FateClass::ChangesRegardless | FateClass::SameRegardless => {
                let verdicts: Vec<&str> = classification
                    .verdicts
                    .iter()
                    .map(|verdict| verdict.as_str())
                    .collect();
                format!("changes regardless: {}", verdicts.join(" or "))
            }
        };
        let vetoed_by = if draft.charter == Verdict::Vetoed {
            let codes: Vec<&str> = draft.vetoed_by.iter().map(|code| code.as_str()).collect();
            format!(" by {}", codes.join(" "))
        } else {
            String::new()
        };
        writeln!(
            io.stdout,
            "  {} {} {} {}{}: {}  {}",
            draft.date.map_or_else(String::new, |date| date.to_string()),
            draft.document.clone().unwrap_or_default(),
            draft.tally,
            draft.charter,
            vetoed_by,
            what,
            truncate(&draft.agenda_item, 50)
        )?;
    }
    Ok(())
}
