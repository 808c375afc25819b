//! One module per subcommand, and the parsing helpers they share.

pub mod bench_load;
pub mod chart;
pub mod decide;
pub mod members;
pub mod power;
pub mod presidency;
pub mod record;
pub mod run;
pub mod serve;

use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;
use council_core::MemberCode;
use council_data::Roster;

use crate::cli::{ChartCommand, Command, HistoryFormat};
use crate::{CommandError, Io};

/// Runs one subcommand.
pub fn dispatch(command: Command, io: &mut Io<'_>) -> Result<(), CommandError> {
    match command {
        Command::Decide { file, json } => decide::run(file.as_deref(), json, io),
        Command::Members { date, json } => members::run(&date, json, io),
        Command::Presidency { month, json } => presidency::run(&month, json, io),
        Command::Run { scenario } => run::run(&scenario, io),
        Command::Serve {
            db,
            listen,
            no_demo,
        } => serve::serve(&db, &listen, !no_demo, io),
        Command::Verify { db } => serve::verify(&db, io),
        Command::BenchLoad {
            db,
            meetings,
            rounds,
            spread_ms,
            json,
        } => bench_load::run(db.as_deref(), meetings, rounds, spread_ms, json, io),
        Command::Export {
            db,
            meeting,
            format,
        } => serve::export(&db, &meeting, format, io),
        Command::Links {
            db,
            meeting,
            holder,
            base,
        } => serve::links(&db, &meeting, holder.as_deref(), &base, io),
        Command::History { filter, json, csv } => {
            let format = match (json, csv) {
                (true, _) => HistoryFormat::Json,
                (_, true) => HistoryFormat::Csv,
                _ => HistoryFormat::Table,
            };
            record::history(&filter, format, io)
        }
        Command::Vetoes { filter, json } => record::vetoes(&filter, json, io),
        Command::Replay { rules, topic, json } => {
            record::replay(rules.as_deref(), &topic, json, io)
        }
        Command::Power { game, file, json } => {
            power::run(game.as_deref(), file.as_deref(), json, io)
        }
        Command::Chart {
            chart: ChartCommand::Power { json: true, .. },
        } => power::chart(true, io),
        Command::Chart {
            chart: ChartCommand::Power { table: true, .. },
        } => power::chart(false, io),
        Command::Chart { chart } => chart::run(&chart, io),
    }
}

/// Reads a whole input: the file, or standard input for `-` or no file.
pub fn read_input(file: Option<&Path>, io: &mut Io<'_>) -> Result<String, CommandError> {
    match file {
        None => read_stdin(io),
        Some(path) if path == Path::new("-") => read_stdin(io),
        Some(path) => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("cannot read {}", path.display()))
                .map_err(|error| CommandError::bad_input(format!("{error:#}")))?;
            String::from_utf8(bytes).map_err(|_| {
                CommandError::bad_input(format!("{} is not UTF-8 text", path.display()))
            })
        }
    }
}

fn read_stdin(io: &mut Io<'_>) -> Result<String, CommandError> {
    let mut text = String::new();
    io.stdin
        .read_to_string(&mut text)
        .context("cannot read standard input")?;
    Ok(text)
}

/// Parses a date written YYYY-MM-DD; `what` names the input in the error.
pub fn parse_date(what: &str, text: &str) -> Result<NaiveDate, CommandError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10)
        .ok_or_else(|| {
            CommandError::bad_input(format!(
                "{what}: `{text}` is not a date: expected YYYY-MM-DD"
            ))
        })
}

/// Parses a member code and checks that the data knows the state.
pub fn parse_state(roster: &Roster, what: &str, text: &str) -> Result<MemberCode, CommandError> {
    let code = MemberCode::parse(text)
        .map_err(|rejection| CommandError::bad_input(format!("{what}: {rejection}")))?;
    if roster.state(code).is_none() {
        return Err(CommandError::bad_input(format!(
            "{what}: unknown member code `{text}`: not a UN member state or former Council member in the data"
        )));
    }
    Ok(code)
}
