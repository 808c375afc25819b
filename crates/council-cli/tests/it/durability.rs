//! Durability of `council serve`: a vote acknowledged to a delegation survives `kill -9` of
//! the server. Concurrent voters cast votes in many meetings, the server is killed while
//! requests are in flight, restarted on the same file, and every acknowledged vote is found
//! exactly once; then `council verify` finds every hash chain intact.
//!
//! The helpers here (a `council serve` child, a meeting with a vote open, `council verify`)
//! serve the fault tests of `faults.rs` too.

use std::collections::{HashMap, VecDeque};
use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

/// The Council of 20 November 2024.
pub(crate) const MEMBERS: [&str; 15] = [
    "DZA", "CHN", "ECU", "FRA", "GUY", "JPN", "MLT", "MOZ", "KOR", "RUS", "SLE", "SVN", "CHE",
    "GBR", "USA",
];

const N_MEETINGS: usize = 20;

/// How many requests are in flight at once.
const N_VOTERS: usize = 16;

/// The server is killed once this many votes have been acknowledged (of 300).
const KILL_AFTER_ACKNOWLEDGED: usize = 120;

pub(crate) fn position_of(member: &str) -> &'static str {
    if member == "USA" { "no" } else { "yes" }
}

/// A `council serve` process, the address it listens on, and its log so far.
pub(crate) struct Server {
    child: Child,
    pub(crate) base: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `council serve` on a database file and a free port, and waits for its address.
    /// `RUST_LOG` is set to `log_filter`.
    pub(crate) fn start(db: &Path, log_filter: &str) -> Server {
        Server::start_on(&format!("sqlite:{}", db.display()), log_filter)
    }

    /// Starts `council serve --db db_url` on a free port, and waits for its address.
    pub(crate) fn start_on(db_url: &str, log_filter: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_council"))
            .env("RUST_LOG", log_filter)
            .args(["serve", "--db", db_url])
            .args(["--listen", "127.0.0.1:0", "--no-demo"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("council serve starts");
        let stderr = child.stderr.take().expect("the server's stderr");
        let log = Arc::new(Mutex::new(String::new()));
        let written = Arc::clone(&log);
        // Reads stderr to its end too, keeping it for the tests to read.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                let mut log = written.lock().expect("the log");
                log.push_str(&line);
                log.push('\n');
            }
        });
        let stdout = child.stdout.take().expect("the server's stdout");
        let (address, listening) = std::sync::mpsc::channel();
        // Reads stdout to its end, so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(base) = line.strip_prefix("council: listening on ") {
                    let _ = address.send(base.trim().to_owned());
                }
            }
        });
        let base = listening
            .recv_timeout(Duration::from_secs(30))
            .expect("the server prints the address it listens on");
        Server { child, base, log }
    }

    /// What the server logged so far.
    pub(crate) fn log(&self) -> String {
        self.log.lock().expect("the log").clone()
    }

    /// `kill -9`.
    pub(crate) fn kill(&mut self) {
        self.child.kill().expect("the server is killed");
        self.child.wait().expect("the killed server is reaped");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One meeting with the vote on S/2024/835 open.
pub(crate) struct Meeting {
    pub(crate) id: String,
    /// The key of each holder: `president` or a member's code.
    pub(crate) keys: HashMap<String, String>,
}

pub(crate) async fn post(
    client: &reqwest::Client,
    url: String,
    key: Option<&str>,
    body: &Value,
) -> (StatusCode, Value) {
    let mut request = client.post(url).json(body);
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

pub(crate) async fn act(
    client: &reqwest::Client,
    base: &str,
    meeting: &Meeting,
    holder: &str,
    body: Value,
) {
    let url = format!("{base}/api/meetings/{}/commands", meeting.id);
    let (status, answer) = post(client, url, Some(&meeting.keys[holder]), &body).await;
    assert_eq!(status, StatusCode::OK, "{body}: {answer}");
}

pub(crate) async fn open_vote(client: &reqwest::Client, base: &str) -> Meeting {
    let (status, created) = post(
        client,
        format!("{base}/api/meetings"),
        None,
        &json!({
            "date": "2024-11-20",
            "meeting_number": 9790,
            "agenda": ["The situation in the Middle East, including the Palestinian question"],
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let keys = created["links"]
        .as_array()
        .expect("links")
        .iter()
        .filter_map(|link| {
            let holder = link["member"].as_str().or(link["role"].as_str())?;
            Some((holder.to_owned(), link["key"].as_str()?.to_owned()))
        })
        .collect();
    let meeting = Meeting {
        id: created["id"].as_str().expect("an id").to_owned(),
        keys,
    };
    act(
        client,
        base,
        &meeting,
        "president",
        json!({"command": "adopt_agenda"}),
    )
    .await;
    act(
        client,
        base,
        &meeting,
        "GUY",
        json!({
            "command": "submit_draft",
            "symbol": "S/2024/835",
            "sponsors": ["DZA", "ECU", "GUY", "JPN", "MLT", "MOZ", "KOR", "SLE", "SVN", "CHE"],
            "paragraphs": [{
                "label": "OP1",
                "text": "demands an immediate, unconditional and permanent ceasefire to be \
                         respected by all parties; and further reiterates its demand for the \
                         immediate and unconditional release of all hostages",
            }],
        }),
    )
    .await;
    act(
        client,
        base,
        &meeting,
        "GUY",
        json!({"command": "put_in_blue", "draft": "S/2024/835"}),
    )
    .await;
    act(
        client,
        base,
        &meeting,
        "president",
        json!({"command": "put_to_vote", "item": {"item": "draft", "draft": "S/2024/835"}}),
    )
    .await;
    meeting
}

/// A vote to cast: the meeting's index, the member and its key.
type Job = (usize, &'static str, String);

/// What the voters saw: acknowledged votes, and answers other than `200`.
#[derive(Default)]
struct Outcomes {
    acknowledged: Vec<(usize, &'static str)>,
    refused: Vec<String>,
}

pub(crate) async fn view_of(client: &reqwest::Client, base: &str, meeting: &str) -> Value {
    let response = client
        .get(format!("{base}/api/meetings/{meeting}"))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("a view")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_vote_survives_kill_9_exactly_once_and_the_log_verifies() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("council.db");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("a client");
    // Logging off: with logs on, `council serve` hangs (see the test below).
    let mut server = Server::start(&db, "off");

    let mut meetings = Vec::new();
    for _ in 0..N_MEETINGS {
        meetings.push(open_vote(&client, &server.base).await);
    }

    // Votes interleaved across meetings, so every meeting is being voted in at the kill.
    let mut jobs: VecDeque<Job> = VecDeque::new();
    for round in 0..MEMBERS.len() {
        for (index, meeting) in meetings.iter().enumerate() {
            let member = MEMBERS[(round + index) % MEMBERS.len()];
            jobs.push_back((index, member, meeting.keys[member].clone()));
        }
    }
    let jobs = Arc::new(Mutex::new(jobs));
    let outcomes = Arc::new(Mutex::new(Outcomes::default()));
    let urls: Arc<Vec<String>> = Arc::new(
        meetings
            .iter()
            .map(|meeting| format!("{}/api/meetings/{}/commands", server.base, meeting.id))
            .collect(),
    );
    let in_flight = Arc::new(AtomicUsize::new(0));
    let mut voters = Vec::new();
    for _ in 0..N_VOTERS {
        let (jobs, outcomes, urls, client, in_flight) = (
            Arc::clone(&jobs),
            Arc::clone(&outcomes),
            Arc::clone(&urls),
            client.clone(),
            Arc::clone(&in_flight),
        );
        voters.push(tokio::spawn(async move {
            loop {
                let Some((index, member, key)) = jobs.lock().expect("jobs").pop_front() else {
                    return;
                };
                in_flight.fetch_add(1, Ordering::SeqCst);
                let answered = async {
                    let response = client
                        .post(&urls[index])
                        .bearer_auth(&key)
                        .json(&json!({"command": "cast_vote", "position": position_of(member)}))
                        .send()
                        .await?;
                    let status = response.status();
                    Ok::<_, reqwest::Error>((status, response.text().await?))
                }
                .await;
                in_flight.fetch_sub(1, Ordering::SeqCst);
                // A vote whose answer never came (the server was killed) is not acknowledged.
                let Ok((status, body)) = answered else {
                    continue;
                };
                let mut outcomes = outcomes.lock().expect("outcomes");
                if status == StatusCode::OK {
                    outcomes.acknowledged.push((index, member));
                } else {
                    outcomes
                        .refused
                        .push(format!("{member} in meeting {index}: {status} {body}"));
                }
            }
        }));
    }

    // Kill the server partway, with requests in flight.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while outcomes.lock().expect("outcomes").acknowledged.len() < KILL_AFTER_ACKNOWLEDGED {
        assert!(
            tokio::time::Instant::now() < deadline,
            "too few votes acknowledged before the kill"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let n_in_flight = in_flight.load(Ordering::SeqCst);
    server.kill();
    assert!(n_in_flight > 0, "no request was in flight at the kill");
    for voter in voters {
        voter.await.expect("the voter finishes");
    }
    let outcomes = std::mem::take(&mut *outcomes.lock().expect("outcomes"));
    assert!(
        outcomes.refused.is_empty(),
        "votes refused before the kill: {:#?}",
        outcomes.refused
    );
    let n_acknowledged = outcomes.acknowledged.len();
    assert!(
        (KILL_AFTER_ACKNOWLEDGED..N_MEETINGS * MEMBERS.len()).contains(&n_acknowledged),
        "the kill came partway: {n_acknowledged} acknowledged"
    );

    // Restart on the same file, on a new port.
    let mut server = Server::start(&db, "off");
    let mut n_recorded = 0;
    for (index, meeting) in meetings.iter().enumerate() {
        let view = view_of(&client, &server.base, &meeting.id).await;
        let cast: Vec<(String, String)> = view["voting"]["cast"]
            .as_array()
            .unwrap_or_else(|| panic!("the vote is still open in meeting {index}: {view}"))
            .iter()
            .map(|cast| {
                (
                    cast["member"].as_str().expect("a member").to_owned(),
                    cast["position"].as_str().expect("a position").to_owned(),
                )
            })
            .collect();
        for member in MEMBERS {
            let times = cast.iter().filter(|(voter, _)| voter == member).count();
            assert!(
                times <= 1,
                "{member} recorded {times} times in meeting {index}"
            );
        }
        for (_, member) in outcomes
            .acknowledged
            .iter()
            .filter(|(voted_in, _)| *voted_in == index)
        {
            assert!(
                cast.contains(&((*member).to_owned(), position_of(member).to_owned())),
                "{member}'s acknowledged vote is lost in meeting {index}: {cast:?}"
            );
        }
        n_recorded += cast.len();

        // The restarted server carries on: the rest vote, a second vote is a conflict.
        for member in MEMBERS {
            let url = format!("{}/api/meetings/{}/commands", server.base, meeting.id);
            let body = json!({"command": "cast_vote", "position": position_of(member)});
            let (status, answer) = post(&client, url, Some(&meeting.keys[member]), &body).await;
            let voted = cast.iter().any(|(voter, _)| voter == member);
            let expected = if voted {
                StatusCode::CONFLICT
            } else {
                StatusCode::OK
            };
            assert_eq!(status, expected, "{member} in meeting {index}: {answer}");
        }
        act(
            &client,
            &server.base,
            meeting,
            "president",
            json!({"command": "close_vote"}),
        )
        .await;
        let view = view_of(&client, &server.base, &meeting.id).await;
        assert_eq!(
            view["votes"][0]["tally"],
            json!({"yes": 14, "no": 1, "abstain": 0, "not_participating": 0, "absent": 0})
        );
        assert_eq!(view["votes"][0]["verdict"], "vetoed");
    }
    // A vote recorded without its answer can only be one that was in flight at the kill.
    assert!(
        (n_acknowledged..=n_acknowledged + N_VOTERS).contains(&n_recorded),
        "{n_recorded} votes recorded for {n_acknowledged} acknowledged"
    );
    server.kill();
    assert_verified(&db, N_MEETINGS);
}

/// Runs `council verify --db db` and asserts that it finds the logs of `n_meetings` meetings
/// (each with its access log), every hash chain intact.
pub(crate) fn assert_verified(db: impl AsRef<OsStr>, n_meetings: usize) {
    let verified = Command::new(env!("CARGO_BIN_EXE_council"))
        .args(["verify", "--db"])
        .arg(db)
        .output()
        .expect("council verify runs");
    let stdout = String::from_utf8_lossy(&verified.stdout);
    assert!(
        verified.status.success(),
        "council verify failed: {stdout}{}",
        String::from_utf8_lossy(&verified.stderr)
    );
    assert!(
        stdout.contains(&format!("verified {} logs, ", 2 * n_meetings))
            && stdout.contains("every hash chain is intact"),
        "{stdout}"
    );
    assert!(!stdout.contains("BAD"), "{stdout}");
}

#[tokio::test]
async fn council_serve_with_its_default_logging_answers_the_creation_of_meetings() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let server = Server::start(&dir.path().join("council.db"), "info");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("a client");
    for _ in 0..3 {
        let _ = open_vote(&client, &server.base).await;
    }
}
