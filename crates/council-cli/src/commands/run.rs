//! `council run SCENARIO`: a whole meeting from a scenario file (TOML), printed as a record.
//!
//! The scenario's format is documented in [`crate::scenario::schema`] and in
//! `scenarios/README.md`. Nothing is printed unless the whole scenario is valid.

use std::path::Path;

use council_data::Roster;

use super::read_input;
use crate::{CommandError, Io, scenario};

/// Runs the scenario and prints its record.
pub fn run(scenario_path: &Path, io: &mut Io<'_>) -> Result<(), CommandError> {
    let text = read_input(Some(scenario_path), io)?;
    let record = scenario::record_of(scenario_path, &text, Roster::embedded())?;
    io.stdout.write_all(record.as_bytes())?;
    Ok(())
}
