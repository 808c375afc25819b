//! The API against its own OpenAPI document (issue 6): schemathesis, from PyPI, generates
//! requests from `/api/openapi.json` and sends them to a real `council serve`; no answer may
//! be a server error, and every documented answer must match its schema.
//!
//! schemathesis lives in a virtual environment under `target/`, which `.ci/run` makes:
//!
//! ```text
//! python3 -m venv target/schemathesis
//! target/schemathesis/bin/pip install -r crates/council-cli/tests/schemathesis/requirements.txt
//! ```
//!
//! Without it the test fails, naming those commands; it never skips.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::durability::Server;

/// schemathesis's own time budget for generating and sending requests.
const MAX_SECONDS: u32 = 45;

/// Test cases per operation and phase, so one run stays within the budget on 2 cores.
const MAX_EXAMPLES: u32 = 40;

/// After this the schemathesis process is killed and the test fails.
const HARD_LIMIT: Duration = Duration::from_secs(300);

const SETUP: &str = "python3 -m venv target/schemathesis && target/schemathesis/bin/pip install -r crates/council-cli/tests/schemathesis/requirements.txt";

/// The schemathesis command: `COUNCIL_SCHEMATHESIS` if set, else the workspace's venv.
fn schemathesis() -> PathBuf {
    if let Some(path) = std::env::var_os("COUNCIL_SCHEMATHESIS") {
        return PathBuf::from(path);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/schemathesis/bin/schemathesis")
}

/// Reads a child's pipe to its end on a thread of its own.
fn collect(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

#[test]
fn no_request_generated_from_the_openapi_document_gets_a_server_error_or_an_answer_off_schema() {
    let schemathesis = schemathesis();
    assert!(
        schemathesis.is_file(),
        "schemathesis is not installed at {}: set it up from the workspace root with `{SETUP}` (as .ci/run does)",
        schemathesis.display()
    );
    let directory = tempfile::tempdir().expect("a temporary directory");
    let server = Server::start(&directory.path().join("council.db"), "warn");
    let started = Instant::now();
    let mut child = Command::new(&schemathesis)
        .arg("run")
        .arg(format!("{}/api/openapi.json", server.base))
        .args(["--checks", "not_a_server_error,response_schema_conformance"])
        .args(["--max-examples", &MAX_EXAMPLES.to_string()])
        .args(["--max-time", &MAX_SECONDS.to_string()])
        // One worker: with two, schemathesis builds ASTs on two threads at once, and CPython
        // 3.11 before 3.11.8 (Debian bookworm's 3.11.2, this machine's 3.11.7) can then fail
        // with "AST constructor recursion depth mismatch" (cpython gh-106905), a crash of
        // the tool's, not an answer of the server's; it failed one CI run.
        .args(["--workers", "1", "--seed", "6", "--no-color"])
        .args(["--generation-database", "none"])
        .args(["--request-timeout", "10"])
        .current_dir(directory.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| {
            panic!(
                "cannot run {}: {error}; set it up with `{SETUP}`",
                schemathesis.display()
            )
        });
    let stdout = collect(child.stdout.take().expect("schemathesis's stdout"));
    let stderr = collect(child.stderr.take().expect("schemathesis's stderr"));
    let status = loop {
        if let Some(status) = child.try_wait().expect("schemathesis can be waited for") {
            break Some(status);
        }
        if started.elapsed() > HARD_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let output = format!(
        "--- schemathesis stdout\n{}\n--- schemathesis stderr\n{}",
        stdout.join().unwrap_or_default(),
        stderr.join().unwrap_or_default()
    );
    let Some(status) = status else {
        panic!("schemathesis ran over {HARD_LIMIT:?} and was killed\n{output}");
    };
    assert!(
        status.success(),
        "schemathesis found problems ({status}) against {}\n{output}",
        server.base
    );
}
