//! The `council` binary: everything happens in the `council_cli` library.

use std::process::ExitCode;

fn main() -> ExitCode {
    council_cli::main_with_std_io(std::env::args_os())
}
