//! `council presidency YYYY-MM`: who presided over the Council in a month (Rule 18).

use chrono::{Datelike, NaiveDate};
use council_data::Roster;
use serde_json::json;

use crate::{CommandError, Io};

/// Prints the president of the month `month_text` (YYYY-MM).
pub fn run(month_text: &str, json: bool, io: &mut Io<'_>) -> Result<(), CommandError> {
    let first_day = (month_text.len() == 7)
        .then(|| NaiveDate::parse_from_str(&format!("{month_text}-01"), "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| {
            CommandError::bad_input(format!(
                "month: `{month_text}` is not a month: expected YYYY-MM"
            ))
        })?;
    let roster = Roster::embedded();
    let presidency = roster
        .presidency(first_day.year(), first_day.month())
        .map_err(|error| CommandError::bad_input(format!("month: {error}")))?;
    if json {
        let answer = json!({
            "month": month_text,
            "president": presidency.president(),
            "name": presidency.name(),
            "basis": presidency.basis(),
        });
        writeln!(io.stdout, "{answer}")?;
    } else {
        writeln!(
            io.stdout,
            "{}: {} ({})",
            first_day.format("%B %Y"),
            presidency.name(),
            presidency.president()
        )?;
    }
    Ok(())
}
