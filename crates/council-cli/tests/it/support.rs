//! Helpers shared by the integration tests: run the built `council` binary and capture it.

use std::path::PathBuf;

/// What a run of `council` produced.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) status: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// Runs the built `council` binary with `args` and `stdin`.
pub(crate) fn council(args: &[&str], stdin: &str) -> Run {
    let output = assert_cmd::Command::cargo_bin("council")
        .expect("the council binary is built")
        .args(args)
        .write_stdin(stdin.to_owned())
        .output()
        .expect("council runs");
    Run {
        status: output.status.code().expect("council exits with a status"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A path inside this crate's directory.
pub(crate) fn crate_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Asserts that a run was rejected as bad input: exit status 2, nothing on stdout, and an
/// error that mentions every one of `needles`.
pub(crate) fn assert_bad_input(run: &Run, needles: &[&str]) {
    assert_eq!(run.status, 2, "expected exit status 2, got {run:?}");
    assert!(run.stdout.is_empty(), "expected no output, got {run:?}");
    for needle in needles {
        assert!(
            run.stderr.contains(needle),
            "expected the error to mention `{needle}`, got: {}",
            run.stderr
        );
    }
}
