//! The command line: subcommands, arguments and help text (clap).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// The UN Security Council's decision rules, executable.
#[derive(Debug, Parser)]
#[command(name = "council", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Decide votes and statements given as JSON (one object) or JSON Lines (one per line).
    ///
    /// Each input names a `date` (YYYY-MM-DD), a `kind` (resolution, amendment, procedural,
    /// preliminary_question, presidential_statement, press_statement) and, for votes,
    /// `votes`: an object from member code to yes, no, abstain, not_participating or absent
    /// (Council members left out count as absent). Optional: `id` (echoed back), `members`
    /// (an explicit list overriding the Council of that date), `parties_to_dispute` (codes
    /// obliged to abstain, Art. 27(3)), `objections` and `dissociations` (statements),
    /// `silence` ({"deadline": "YYYY-MM-DDTHH:MM", "broken_by": [{"member", "at"}]}),
    /// and the descriptive `document`, `subject` and `source`. Any other field is an error.
    /// Nothing is printed unless every input is valid.
    Decide {
        /// The input file; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// Answer in JSON (one object per input line) instead of the President's words.
        #[arg(long)]
        json: bool,
    },
    /// List the members of the Council on a date (YYYY-MM-DD).
    Members {
        /// The date, from 1946-01-17 to the last year in the data.
        date: String,
        /// Answer in JSON.
        #[arg(long)]
        json: bool,
    },
    /// Say who held the presidency in a month (YYYY-MM), by Rule 18's rotation.
    Presidency {
        /// The month.
        month: String,
        /// Answer in JSON: {"month", "president", "name"}.
        #[arg(long)]
        json: bool,
    },
    /// Run a whole meeting from a scenario file (TOML) and print its record.
    Run {
        /// The scenario file.
        scenario: PathBuf,
    },
}
