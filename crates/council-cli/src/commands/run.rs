//! `council run`: a whole meeting from a scenario file.

use std::path::Path;

use crate::{CommandError, Io};

/// Runs the scenario and prints its record.
pub fn run(scenario: &Path, _io: &mut Io<'_>) -> Result<(), CommandError> {
    Err(CommandError::bad_input(format!(
        "{}: scenarios are not supported yet",
        scenario.display()
    )))
}
