//! `council chart`: gathers the numbers from the record and the power models, and hands them
//! to `council-chart` to draw as SVG or PNG.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use anyhow::Context;
use chrono::{Datelike, NaiveDate};
use council_chart::{BarLayout, Chart, Format, Orientation, Panel, PercentLine, Series};
use council_core::MemberCode;
use council_data::Roster;
use council_power::{COUNCIL_MODELS, analyze, builtin};
use council_record::{Filter, OutcomeClass, Record, RecordRow};

use crate::cli::{ChartCommand, ChartOutput};
use crate::{CommandError, Io};

/// Draws the chart named by `command` to its `--out` file (by default `NAME.svg` in the
/// current directory) and prints the path written.
pub fn run(command: &ChartCommand, io: &mut Io<'_>) -> Result<(), CommandError> {
    let (name, output) = match command {
        ChartCommand::Vetoes { output } => ("vetoes", output),
        ChartCommand::Outcomes { output } => ("outcomes", output),
        ChartCommand::Agreement { output } => ("agreement", output),
        ChartCommand::Power { output, .. } => ("power", output),
    };
    let (path, format) = destination(name, output)?;
    let chart = match command {
        ChartCommand::Vetoes { .. } => vetoes(Record::embedded(), Roster::embedded())?,
        ChartCommand::Outcomes { .. } => outcomes(Record::embedded(), Roster::embedded())?,
        ChartCommand::Agreement { .. } => agreement(Record::embedded(), Roster::embedded())?,
        ChartCommand::Power { .. } => power()?,
    };
    // Opening the file first turns an unwritable path into bad input named as given, before
    // the backend (which reports it less plainly) tries.
    std::fs::File::create(&path).map_err(|error| {
        CommandError::bad_input(format!("--out {}: cannot write: {error}", path.display()))
    })?;
    council_chart::write(&chart, &path, format, output.width, output.height)
        .with_context(|| format!("cannot draw the {name} chart"))?;
    writeln!(
        io.stdout,
        "wrote {} ({}x{})",
        path.display(),
        output.width,
        output.height
    )?;
    Ok(())
}

/// The file to write and its format: `--out`, or `NAME.svg`.
fn destination(name: &str, output: &ChartOutput) -> Result<(PathBuf, Format), CommandError> {
    let path = output
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{name}.svg")));
    let format = Format::from_path(&path).ok_or_else(|| {
        CommandError::bad_input(format!(
            "--out {}: unknown picture format: the name must end in .svg or .png",
            path.display()
        ))
    })?;
    Ok((path, format))
}

/// The permanent members' seats: the USSR's seat passed to the Russian Federation and the
/// Republic of China's to the People's Republic, on the dates `council-data` holds.
const PERMANENT_SEATS: [(&str, &[&str]); 5] = [
    ("United States", &["USA"]),
    ("United Kingdom", &["GBR"]),
    ("France", &["FRA"]),
    ("USSR/Russia", &["SUN", "RUS"]),
    ("China", &["TWN", "CHN"]),
];

/// The seat holders in the order the veto chart stacks them, with their legend labels.
const SEAT_HOLDERS: [(&str, &str); 7] = [
    ("SUN", "USSR"),
    ("RUS", "Russian Federation"),
    ("USA", "United States"),
    ("GBR", "United Kingdom"),
    ("FRA", "France"),
    ("TWN", "China (Republic of China)"),
    ("CHN", "China (People's Republic)"),
];

fn code(text: &str) -> Result<MemberCode, CommandError> {
    MemberCode::parse(text).map_err(|rejection| anyhow::anyhow!("{rejection}").into())
}

/// The date a seat passed from `outgoing`, as `council-data` has it.
fn handover_from(roster: &Roster, outgoing: MemberCode) -> Option<NaiveDate> {
    roster
        .seat_handovers()
        .find(|(_, from, _)| *from == outgoing)
        .map(|(date, _, _)| date)
}

fn month_year(date: NaiveDate) -> String {
    date.format("%B %Y").to_string()
}

/// The span of the record's dates, for subtitles.
fn years_covered(record: &Record) -> (i32, i32) {
    let years = record.rows().iter().filter_map(RecordRow::year);
    let (first, last) = years.fold((i32::MAX, i32::MIN), |(first, last), year| {
        (first.min(year), last.max(year))
    });
    (first, last)
}

/// `council chart vetoes`: vetoes cast per seat holder per decade, stacked. Each seat holder
/// is its own series (the USSR and the Russian Federation apart); a draft vetoed by two
/// members counts once for each.
pub fn vetoes(record: &Record, roster: &Roster) -> Result<Chart, CommandError> {
    let by_decade = record.vetoes_by_decade(&Filter::default());
    let (Some(&first), Some(&last)) = (by_decade.keys().next(), by_decade.keys().next_back())
    else {
        return Err(anyhow::anyhow!("the record has no vetoes").into());
    };
    let decades: Vec<i32> = (first..=last).step_by(10).collect();
    let (first_year, last_year) = years_covered(record);
    let categories = decades
        .iter()
        .map(|&decade| match decade {
            decade if decade < first_year => format!("{first_year}-{}", decade % 100 + 9),
            decade if decade + 9 > last_year => format!("{decade}-{}", last_year % 100),
            decade => format!("{decade}s"),
        })
        .collect();
    let mut bars = Vec::new();
    for (member, label) in SEAT_HOLDERS {
        let member = code(member)?;
        let values: Vec<f64> = decades
            .iter()
            .map(|decade| {
                by_decade
                    .get(decade)
                    .map_or(0.0, |counts| counts.of(member) as f64)
            })
            .collect();
        let total: f64 = values.iter().sum();
        if total > 0.0 {
            bars.push(Series {
                name: format!("{label} ({total})"),
                values,
            });
        }
    }
    let handover = handover_from(roster, code("SUN")?)
        .map(|date| format!(" (the seat passed in {})", month_year(date)))
        .unwrap_or_default();
    Ok(Chart {
        title: "Vetoes cast per permanent member and decade".to_owned(),
        subtitle: format!(
            "Drafts defeated by a permanent member's negative vote, {first_year}-{last_year}: a draft vetoed by two members counts for each.\n\
             The USSR and the Russian Federation are separate series{handover}. Totals in the legend."
        ),
        panels: vec![Panel {
            heading: None,
            categories,
            category_axis: "Decade".to_owned(),
            value_axis: "Vetoes cast".to_owned(),
            bars,
            layout: BarLayout::Stacked,
            orientation: Orientation::Vertical,
            percent_line: None,
            value_decimals: 0,
        }],
    })
}

/// The Council's size on the day of a row, or in the middle of its year when the record has
/// no day.
fn council_size(roster: &Roster, row: &RecordRow, year: i32) -> Option<u32> {
    let date = row
        .date
        .or_else(|| NaiveDate::from_ymd_opt(year, 7, 1))?
        .clamp(roster.first_date(), roster.last_date());
    let composition = roster.composition_on(date).ok()?;
    u32::try_from(composition.size()).ok()
}

/// `council chart outcomes`: resolutions adopted per year, split into those adopted
/// unanimously (every member of the Council voted yes), the others with a tally, and those
/// whose tally the record does not print; with the unanimous share of those with a tally.
pub fn outcomes(record: &Record, roster: &Roster) -> Result<Chart, CommandError> {
    let filter = Filter {
        outcome: Some(OutcomeClass::Adopted),
        ..Filter::default()
    };
    // Per year: unanimous, adopted otherwise with a tally, adopted without a tally.
    let mut years: BTreeMap<i32, [u32; 3]> = BTreeMap::new();
    for row in record.history(&filter) {
        let Some(year) = row.year() else { continue };
        let counts = years.entry(year).or_default();
        match row.vote {
            Some(vote)
                if vote.no == 0
                    && vote.abstain == 0
                    && Some(vote.yes) == council_size(roster, row, year) =>
            {
                counts[0] += 1;
            }
            Some(_) => counts[1] += 1,
            None => counts[2] += 1,
        }
    }
    let (Some(&first), Some(&last)) = (years.keys().next(), years.keys().next_back()) else {
        return Err(anyhow::anyhow!("the record has no adopted resolutions").into());
    };
    let all_years: Vec<i32> = (first..=last).collect();
    let count = |year: &i32, index: usize| years.get(year).map_or(0, |counts| counts[index]);
    let series = |name: &str, index: usize| Series {
        name: name.to_owned(),
        values: all_years
            .iter()
            .map(|year| f64::from(count(year, index)))
            .collect(),
    };
    let share = all_years
        .iter()
        .map(|year| {
            let with_tally = count(year, 0) + count(year, 1);
            (with_tally > 0).then(|| 100.0 * f64::from(count(year, 0)) / f64::from(with_tally))
        })
        .collect();
    let n_adopted: u32 = years.values().flatten().sum();
    Ok(Chart {
        title: "Resolutions adopted per year".to_owned(),
        subtitle: format!(
            "{n_adopted} resolutions, {first}-{last}. Unanimous: every member of the Council voted yes (absent members make it not unanimous).\n\
             The line is the unanimous share of the resolutions whose tally the record prints."
        ),
        panels: vec![Panel {
            heading: None,
            categories: all_years
                .iter()
                .map(|year| {
                    if year % 5 == 0 {
                        year.to_string()
                    } else {
                        String::new()
                    }
                })
                .collect(),
            category_axis: "Year".to_owned(),
            value_axis: "Resolutions adopted".to_owned(),
            bars: vec![
                series("Unanimous", 0),
                series("With votes against, abstentions or absences", 1),
                series("Tally not in the record", 2),
            ],
            layout: BarLayout::Stacked,
            orientation: Orientation::Vertical,
            percent_line: Some(PercentLine {
                name: "Unanimous share (right axis)".to_owned(),
                axis: "Unanimous, % of those with a tally".to_owned(),
                values: share,
            }),
            value_decimals: 0,
        }],
    })
}

/// `council chart agreement`: for each pair of permanent seats, over the drafts vetoed by at
/// least one of the two, how many both vetoed (they voted alike: no) and how many only one
/// vetoed (they voted differently).
///
/// The record has tallies and the vetoing members, not each member's vote, so this is the
/// agreement it can show: on a vetoed draft, a permanent member that cast no veto did not vote
/// no (the draft had the majority, so its negative vote would have been a veto). Drafts vetoed
/// by neither of the pair, and all drafts that were adopted or failed for lack of votes, say
/// nothing about the pair and are left out. Seats count as one member across their holders
/// (USSR and Russian Federation; Republic of China and People's Republic of China).
pub fn agreement(record: &Record, roster: &Roster) -> Result<Chart, CommandError> {
    let mut seat_of: BTreeMap<MemberCode, usize> = BTreeMap::new();
    for (seat, (_, holders)) in PERMANENT_SEATS.iter().enumerate() {
        for holder in *holders {
            seat_of.insert(code(holder)?, seat);
        }
    }
    let vetoes = record.veto_list(&Filter::default());
    let vetoing_seats: Vec<BTreeSet<usize>> = vetoes
        .iter()
        .map(|veto| {
            veto.vetoed_by
                .iter()
                .filter_map(|member| seat_of.get(member).copied())
                .collect()
        })
        .collect();
    let mut categories = Vec::new();
    let mut together = Vec::new();
    let mut apart = Vec::new();
    for (first, (first_name, _)) in PERMANENT_SEATS.iter().enumerate() {
        for (second, (second_name, _)) in PERMANENT_SEATS.iter().enumerate().skip(first + 1) {
            let (mut n_together, mut n_apart) = (0u32, 0u32);
            for seats in &vetoing_seats {
                match (seats.contains(&first), seats.contains(&second)) {
                    (true, true) => n_together += 1,
                    (true, false) | (false, true) => n_apart += 1,
                    (false, false) => {}
                }
            }
            let share = if n_together + n_apart > 0 {
                100.0 * f64::from(n_together) / f64::from(n_together + n_apart)
            } else {
                0.0
            };
            categories.push(format!("{first_name} & {second_name}: {share:.0} %"));
            together.push(f64::from(n_together));
            apart.push(f64::from(n_apart));
        }
    }
    let first_year = vetoes
        .iter()
        .map(|veto| veto.date.year())
        .min()
        .unwrap_or_default();
    let last_year = vetoes
        .iter()
        .map(|veto| veto.date.year())
        .max()
        .unwrap_or_default();
    let handover = handover_from(roster, code("SUN")?)
        .map(|date| format!(" (from {})", month_year(date)))
        .unwrap_or_default();
    Ok(Chart {
        title: "How often pairs of permanent members voted alike on vetoed drafts".to_owned(),
        subtitle: format!(
            "{} vetoed drafts, {first_year}-{last_year}. For each pair, the drafts vetoed by at least one of the two: both vetoed (voted alike),\n\
             or only one did (the other voted yes, abstained or was absent: a permanent member's no there is a veto). The % is the share alike.\n\
             The record has no per-member votes on other drafts. USSR/Russia is one seat, Russian Federation{handover}; China is one seat.",
            vetoes.len()
        ),
        panels: vec![Panel {
            heading: None,
            categories,
            category_axis: "Pair of permanent seats".to_owned(),
            value_axis: "Vetoed drafts".to_owned(),
            bars: vec![
                Series {
                    name: "Both vetoed (voted alike)".to_owned(),
                    values: together,
                },
                Series {
                    name: "Only one vetoed (voted differently)".to_owned(),
                    values: apart,
                },
            ],
            layout: BarLayout::Stacked,
            orientation: Orientation::Horizontal,
            percent_line: None,
            value_decimals: 0,
        }],
    })
}

/// A short label for a model on a slide, with its number of seats.
fn model_label(name: &str, n_members: usize) -> String {
    let label = match name {
        "security-council-1946" => "Council 1946-65",
        "security-council" => "Council today",
        "hlp-model-a" => "HLP model A",
        "hlp-model-b" => "HLP model B",
        "g4" => "G4",
        "african-union" => "African Union",
        "uniting-for-consensus" => "Uniting for Consensus",
        other => other,
    };
    format!("{label} ({n_members})")
}

/// `council chart power`: the Shapley-Shubik and normalised Banzhaf indices of one permanent
/// member and of one elected member in the Council of 1946, today's and each reform model.
pub fn power() -> Result<Chart, CommandError> {
    let mut categories = Vec::new();
    // [permanent, elected] x [Shapley-Shubik, Banzhaf], in percent.
    let mut values: [[Vec<f64>; 2]; 2] = Default::default();
    for name in COUNCIL_MODELS {
        let game = builtin(name).ok_or_else(|| anyhow::anyhow!("no built-in game `{name}`"))?;
        let indices = analyze(&game).map_err(|error| anyhow::anyhow!("{name}: {error}"))?;
        let find = |wanted: &str| {
            indices
                .players()
                .iter()
                .find(|player| player.name().starts_with(wanted))
                .ok_or_else(|| anyhow::anyhow!("{name} has no class named `{wanted}...`"))
        };
        for (row, class) in [find("permanent member")?, find("elected member")?]
            .into_iter()
            .enumerate()
        {
            values[row][0].push(100.0 * class.shapley_shubik().to_f64());
            values[row][1].push(100.0 * class.banzhaf_normalized().to_f64());
        }
        categories.push(model_label(name, indices.n_members()));
    }
    let [permanent, elected] = values;
    let panel = |heading: &str, [shapley_shubik, banzhaf]: [Vec<f64>; 2], decimals| Panel {
        heading: Some(heading.to_owned()),
        categories: categories.clone(),
        category_axis: "Council model (seats)".to_owned(),
        value_axis: "Index, %".to_owned(),
        bars: vec![
            Series {
                name: "Shapley-Shubik".to_owned(),
                values: shapley_shubik,
            },
            Series {
                name: "Banzhaf (normalised)".to_owned(),
                values: banzhaf,
            },
        ],
        layout: BarLayout::Grouped,
        orientation: Orientation::Vertical,
        percent_line: None,
        value_decimals: decimals,
    };
    Ok(Chart {
        title: "Voting power of one member in the Council and in reform models".to_owned(),
        subtitle: "Each index is one member's share of the Council's power (the shares of all members add up to 100 %).\n\
                   Elected member: a two-year elected seat as each model defines it. Models and sources: council power --game NAME."
            .to_owned(),
        panels: vec![
            panel("A permanent member (with veto)", permanent, 0),
            panel("An elected member", elected, 2),
        ],
    })
}
