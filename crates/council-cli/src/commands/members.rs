//! `council members DATE`: who sat on the Council on a date.

use council_data::Roster;
use serde_json::json;

use super::parse_date;
use crate::{CommandError, Io};

/// Prints the Council of `date_text` as a table or JSON.
pub fn run(date_text: &str, json: bool, io: &mut Io<'_>) -> Result<(), CommandError> {
    let date = parse_date("date", date_text)?;
    let roster = Roster::embedded();
    let composition = roster
        .composition_on(date)
        .map_err(|error| CommandError::bad_input(format!("date: {error}")))?;
    let group_of = |code| {
        roster
            .state(code)
            .and_then(|state| state.regional_group())
            .map(|group| group.as_str())
    };
    if json {
        let members: Vec<_> = composition
            .members()
            .iter()
            .map(|member| {
                json!({
                    "code": member.code(),
                    "name": member.name(),
                    "permanent": member.is_permanent(),
                    "regional_group": group_of(member.code()),
                })
            })
            .collect();
        let answer = json!({
            "date": date.to_string(),
            "size": composition.size(),
            "required_affirmative_votes": composition.required_affirmative_votes(),
            "members": members,
        });
        writeln!(io.stdout, "{answer}")?;
        return Ok(());
    }
    writeln!(
        io.stdout,
        "The Security Council on {}: {} members, {} affirmative votes needed",
        date.format("%-d %B %Y"),
        composition.size(),
        composition.required_affirmative_votes()
    )?;
    for member in composition.members() {
        let seat = if member.is_permanent() {
            "permanent"
        } else {
            "elected"
        };
        writeln!(
            io.stdout,
            "  {}  {:<10} {}",
            member.code(),
            seat,
            member.name()
        )?;
    }
    Ok(())
}
