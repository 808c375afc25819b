//! The browser test of `council serve`: the built binary serves a fresh SQLite file, and
//! `tests/browser/s2024_835.mjs` plays the 9790th meeting (S/2024/835) in real headless
//! Chromium through the board, the President's console and fifteen delegation pages.
//!
//! It needs Node.js, the npm packages of `tests/browser` and Debian's chromium. It never
//! skips: without them it fails and says how to install them (`bash .ci/run` does).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The line `council serve` prints once it accepts connections, followed by its base URL.
const LISTENING: &str = "council: listening on ";
/// How long the server may take to start.
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How long the whole browser run may take.
const RUN_TIMEOUT: Duration = Duration::from_secs(300);

const INSTALL: &str = "run `bash .ci/run`, or install by hand: \
`npm ci --prefix crates/council-cli/tests/browser` and `apt-get install chromium`";

/// A running `council serve` and its scratch directory, both gone when dropped.
struct Server {
    child: Child,
    dir: PathBuf,
    url: String,
    stderr: Option<thread::JoinHandle<String>>,
}

impl Server {
    /// Stops the server and returns what it wrote to stderr.
    fn stop(&mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.stderr
            .take()
            .and_then(|handle| handle.join().ok())
            .unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A fresh directory under the system's temporary directory.
fn scratch_dir() -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("council-browser-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("the scratch directory can be created");
    dir
}

/// Reads a pipe to its end on a thread, keeping what it said.
fn drain(pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut text = String::new();
        let _ = BufReader::new(pipe).read_to_string(&mut text);
        text
    })
}

/// Starts the built `council serve` on an ephemeral port and waits for its address.
fn start_server() -> Server {
    let dir = scratch_dir();
    let db = format!("sqlite:{}", dir.join("council.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_council"))
        .args(["serve", "--db", &db, "--listen", "127.0.0.1:0", "--no-demo"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the council binary starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let stderr = drain(child.stderr.take().expect("stderr is piped"));

    // Read stdout on a thread, handing over lines until the address, then keep draining it
    // so the server never blocks on a full pipe.
    let (lines, received) = mpsc::channel::<String>();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let _ = lines.send(line);
        }
    });
    let deadline = Instant::now() + START_TIMEOUT;
    let mut seen = Vec::new();
    let url = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match received.recv_timeout(left) {
            Ok(line) => {
                if let Some(rest) = line.strip_prefix(LISTENING) {
                    let url = rest.split_whitespace().next().unwrap_or_default();
                    assert!(
                        url.starts_with("http://"),
                        "`council serve` printed {line:?}: no base URL after {LISTENING:?}"
                    );
                    break url.trim_end_matches('/').to_owned();
                }
                seen.push(line);
            }
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                let stderr = stderr.join().unwrap_or_default();
                let _ = std::fs::remove_dir_all(&dir);
                panic!(
                    "`council serve` did not print a line starting with {LISTENING:?} within {}s\n\
                     stdout:\n{}\nstderr:\n{stderr}",
                    START_TIMEOUT.as_secs(),
                    seen.join("\n")
                );
            }
        }
    };
    Server {
        child,
        dir,
        url,
        stderr: Some(stderr),
    }
}

/// Fails, never skips, when the browser test's tools are not installed.
fn check_tools(browser_dir: &Path) {
    let playwright = browser_dir.join("node_modules/playwright-core/package.json");
    assert!(
        playwright.is_file(),
        "the browser test's npm packages are missing ({} not found): {INSTALL}",
        playwright.display()
    );
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    assert!(
        Path::new(&chromium).is_file(),
        "no Chromium at {chromium}: {INSTALL}"
    );
}

#[test]
fn the_s2024_835_meeting_runs_in_headless_chromium_and_the_board_shows_the_veto() {
    let browser_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    check_tools(&browser_dir);
    let mut server = start_server();
    let screenshot = server.dir.join("board.png");

    let mut node = match Command::new("node")
        .arg(browser_dir.join("s2024_835.mjs"))
        .env("COUNCIL_URL", &server.url)
        .env("SCREENSHOT", &screenshot)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(error) => {
            panic!("`node` cannot be run ({error}): install Node.js 20 or later; {INSTALL}")
        }
    };
    let node_stdout = drain(node.stdout.take().expect("stdout is piped"));
    let node_stderr = drain(node.stderr.take().expect("stderr is piped"));
    let deadline = Instant::now() + RUN_TIMEOUT;
    let status = loop {
        if let Some(status) = node.try_wait().expect("node can be waited for") {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = node.kill();
            let _ = node.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(200));
    };
    let out = node_stdout.join().unwrap_or_default();
    let err = node_stderr.join().unwrap_or_default();
    let server_log = server.stop();
    match status {
        Some(status) if status.success() => {}
        Some(status) => panic!(
            "the browser test failed ({status})\n--- its output:\n{out}\n--- its errors:\n{err}\n\
             --- the server's stderr:\n{server_log}"
        ),
        None => panic!(
            "the browser test did not finish within {}s\n--- its output:\n{out}\n--- its errors:\n{err}\n\
             --- the server's stderr:\n{server_log}",
            RUN_TIMEOUT.as_secs()
        ),
    }

    let png = std::fs::read(&screenshot).unwrap_or_else(|error| {
        panic!(
            "the browser test left no screenshot at {}: {error}\n{out}",
            screenshot.display()
        )
    });
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "the screenshot at {} is not a PNG",
        screenshot.display()
    );
    assert!(
        png.len() > 10_000,
        "the screenshot is suspiciously small ({} bytes)",
        png.len()
    );
}
