//! Scenarios: a whole meeting written by hand in TOML, run through the rules engine, and
//! printed as a record.
//!
//! A scenario is parsed ([`schema`]), checked against the shipped data and turned into core
//! commands ([`translate`](mod@translate)), decided one by one with
//! `council_core::meeting::decide` and folded with `evolve`, and the resulting events are
//! printed as the meeting's record by `council_verbatim::render`. Any error, from malformed
//! TOML to a rule the Council's procedure does not allow, names the file, the line and the
//! field, and nothing is printed.
//!
//! # Layout
//! - [`schema`]: the TOML shape, documented field by field.
//! - [`translate`](mod@translate): scenario to commands, in the order of business.

pub mod schema;
pub mod translate;

use std::ops::Range;
use std::path::Path;

use council_core::Rejection;
use council_core::meeting::{Event, Meeting, decide, evolve};
use council_data::Roster;

use self::schema::Scenario;
use self::translate::{Located, translate};
use crate::CommandError;

/// The events of the meeting a scenario describes, or an error naming the file and field.
pub fn run(path: &Path, text: &str, roster: &Roster) -> Result<Vec<Event>, CommandError> {
    let scenario: Scenario = toml::from_str(text).map_err(|error| {
        let place = error
            .span()
            .map(|span| format!("{}: ", line_and_column(text, &span)))
            .unwrap_or_default();
        CommandError::bad_input(format!(
            "{}:{place}{}",
            path.display(),
            error.message().trim_end()
        ))
    })?;
    let steps = translate(&scenario, roster).map_err(|located| error_at(path, text, located))?;
    let mut meeting = Meeting::default();
    let mut events = Vec::new();
    for step in steps {
        let command_name = step.command.name();
        let new_events = decide(&meeting, step.command).map_err(|rejection| {
            let located = step.origin.locate(
                member_named(&rejection),
                format!("{command_name} rejected: {rejection}"),
            );
            error_at(path, text, located)
        })?;
        meeting = new_events.iter().fold(meeting, evolve);
        events.extend(new_events);
    }
    Ok(events)
}

/// Runs a scenario and renders its record.
pub fn record_of(path: &Path, text: &str, roster: &Roster) -> Result<String, CommandError> {
    let events = run(path, text, roster)?;
    Ok(council_verbatim::render(&events, roster))
}

/// The member a rejection is about, to point at its place in the file.
fn member_named(rejection: &Rejection) -> Option<council_core::MemberCode> {
    match rejection {
        Rejection::NotACouncilMember { member, .. }
        | Rejection::DuplicateMember { member }
        | Rejection::VoteByPartyToDispute { member }
        | Rejection::AlreadyVoted { member }
        | Rejection::AlreadyASponsor { member, .. }
        | Rejection::NotTheMover { member, .. } => Some(*member),
        Rejection::StateInvitedToConsultations { state }
        | Rejection::CouncilMemberInvited { state } => Some(*state),
        Rejection::NotEntitledToSpeak { speaker }
        | Rejection::AlreadyInscribed { speaker }
        | Rejection::NotInscribed { speaker }
        | Rejection::NotNextSpeaker { speaker, .. } => Some(*speaker),
        _ => None,
    }
}

fn error_at(path: &Path, text: &str, located: Located) -> CommandError {
    let place = located
        .span
        .map(|span| format!("{}:", line_and_column(text, &span)))
        .unwrap_or_default();
    CommandError::bad_input(format!(
        "{}:{place} {}: {}",
        path.display(),
        located.field,
        located.message
    ))
}

/// "12:5": the 1-based line and column of a span's start.
fn line_and_column(text: &str, span: &Range<usize>) -> String {
    let start = span.start.min(text.len());
    let before = text.get(..start).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |tail| tail.chars().count())
        + 1;
    format!("{line}:{column}")
}
