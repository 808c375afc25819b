//! The `council` command: the Security Council's rules from the command line.
//!
//! The library parses arguments, reads inputs, calls the rules engine (`council-core`) and
//! the shipped data (`council-data`), and writes answers. It is the only crate that prints.
//! Every command writes to the handles in [`Io`], so tests run it in-process as well as
//! through the built binary.
//!
//! # Layout
//! - [`cli`]: the command line (clap).
//! - [`error`]: [`CommandError`]: bad input (exit status 2) versus failure (exit status 1).
//! - [`commands`]: one module per subcommand.
//! - [`scenario`]: `council run`'s scenario files: TOML schema, translation to core commands, printed record.
// This crate is the program's edge: it alone writes to stdout and stderr (house style).
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod commands;
pub mod error;
pub mod scenario;

use std::ffi::OsString;
use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use clap::Parser;

pub use error::CommandError;

/// The streams a command reads and writes.
pub struct Io<'a> {
    /// Standard input, read when the input file is `-` or omitted.
    pub stdin: &'a mut dyn BufRead,
    /// Standard output: answers.
    pub stdout: &'a mut dyn Write,
    /// Standard error: diagnostics.
    pub stderr: &'a mut dyn Write,
}

/// Runs `council` with the process's own standard streams.
pub fn main_with_std_io(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    // Unlocked handles: `council serve` logs to stderr from the server's worker threads,
    // which a lock held for the whole run would block for ever.
    let mut stdin = io::BufReader::new(io::stdin());
    let mut stdout = io::stdout();
    let mut stderr = io::stderr();
    run(
        args,
        &mut Io {
            stdin: &mut stdin,
            stdout: &mut stdout,
            stderr: &mut stderr,
        },
    )
}

/// Runs `council` with the given arguments (the first is the program name) and streams,
/// and returns the exit status: 0 for every decided outcome, 2 for bad input, 1 for a failure.
pub fn run(args: impl IntoIterator<Item = OsString>, io: &mut Io<'_>) -> ExitCode {
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to stdout; usage errors to stderr.
            let stream: &mut dyn Write = if error.use_stderr() {
                io.stderr
            } else {
                io.stdout
            };
            let _ = write!(stream, "{}", error.render());
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    match commands::dispatch(cli.command, io) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(io.stderr, "council: {error:#}");
            ExitCode::from(error.exit_status())
        }
    }
}
