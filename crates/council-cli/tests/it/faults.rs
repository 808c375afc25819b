//! Fault tests of `council serve` (issue 6, item 4): the built binary on real databases,
//! faults made for real, and each test asserts on the exact set of acknowledged votes.
//!
//! - `kill -9` of one of two instances on one PostgreSQL database while votes are cast: the
//!   clients retry with the same `Idempotency-Key` on the other instance, and every vote is
//!   recorded exactly once.
//! - A restart of PostgreSQL mid-session, on a private server of the test's own (the
//!   machine's shared one is never touched): requests are answered `503 unavailable` within a
//!   bounded time, never 500, and once PostgreSQL is back the server recovers by itself and
//!   the clients' retries are recorded once.
//! - The same server frozen (`SIGSTOP`) while an append waits for a lock held by another
//!   session: connections stay open and nothing answers, yet every request, the append in
//!   flight and a crowd queued on one meeting included, is answered 503 in bounded time, and
//!   once it is thawed every vote is recorded once.
//! - SQLite on a read-only database file, and on a full disk: a JSON `503 unavailable`,
//!   nothing acknowledged that is not stored, and the server works again once the fault is
//!   cleared.
//!
//! The faults need a few things of the machine, and the tests fail, never skip, without
//! them: PostgreSQL's server programs (`initdb`, `pg_ctl`; `.ci/run` installs Debian's
//! `postgresql` where no server answers), and root for `chattr +i` and `mount -t tmpfs`
//! (as another user `chmod` would not stop a process that has the file open already).

use std::collections::{BTreeSet, VecDeque};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use council_store::testing::TestDatabase;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::durability::{
    MEMBERS, Meeting, Server, act, assert_verified, open_vote, position_of, view_of,
};

/// How long a request may take, whatever the fault: a server that cannot reach its store
/// answers within this, it does not hang.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// The longest a `503` may take while PostgreSQL is down: the pool's wait for a connection
/// (5 s), with room for a loaded machine.
const UNAVAILABLE_WITHIN: Duration = Duration::from_secs(15);

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(REQUEST_TIMEOUT)
        .build()
        .expect("a client")
}

/// One delegation's vote in one meeting, and the `Idempotency-Key` its client sends on
/// every try of it.
#[derive(Debug, Clone)]
struct Vote {
    meeting: usize,
    meeting_id: String,
    member: &'static str,
    key: String,
}

impl Vote {
    fn idempotency_key(&self) -> String {
        format!("vote-{}-{}", self.meeting_id, self.member)
    }

    fn name(&self) -> (usize, &'static str) {
        (self.meeting, self.member)
    }
}

/// Every delegation's vote in every meeting, interleaved across meetings, so that every
/// meeting is being voted in whenever the fault comes.
fn votes_in(meetings: &[Meeting]) -> Vec<Vote> {
    let mut votes = Vec::new();
    for round in 0..MEMBERS.len() {
        for (index, meeting) in meetings.iter().enumerate() {
            let member = MEMBERS[(round + index) % MEMBERS.len()];
            votes.push(Vote {
                meeting: index,
                meeting_id: meeting.id.clone(),
                member,
                key: meeting.keys[member].clone(),
            });
        }
    }
    votes
}

/// How one try of a vote ended.
#[derive(Debug)]
enum Answer {
    /// `200`: recorded now, or found recorded by an earlier try (`replayed`).
    Acknowledged { replayed: bool },
    /// Any other status, with its body.
    Refused { status: StatusCode, body: Value },
    /// No answer: the server is gone, or the request timed out.
    Unreachable(String),
}

async fn cast(client: &reqwest::Client, base: &str, vote: &Vote) -> Answer {
    let sent = client
        .post(format!("{base}/api/meetings/{}/commands", vote.meeting_id))
        .bearer_auth(&vote.key)
        .header("Idempotency-Key", vote.idempotency_key())
        .json(&json!({"command": "cast_vote", "position": position_of(vote.member)}))
        .send()
        .await;
    let response = match sent {
        Ok(response) => response,
        Err(error) => return Answer::Unreachable(error.to_string()),
    };
    let status = response.status();
    let replayed = response
        .headers()
        .get("idempotent-replayed")
        .is_some_and(|value| value == "true");
    match response.text().await {
        Ok(_) if status == StatusCode::OK => Answer::Acknowledged { replayed },
        Ok(text) => Answer::Refused {
            status,
            body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
        },
        Err(error) => Answer::Unreachable(error.to_string()),
    }
}

/// Whether an answer is the API's `503`: `{"error": {"code": "unavailable", "message"}}`.
fn is_unavailable(status: StatusCode, body: &Value) -> bool {
    status == StatusCode::SERVICE_UNAVAILABLE
        && body["error"]["code"] == "unavailable"
        && body["error"]["message"].is_string()
}

/// Asserts that a try of `vote` is answered `503 unavailable` within `within`.
async fn assert_unavailable(client: &reqwest::Client, base: &str, vote: &Vote, within: Duration) {
    let started = Instant::now();
    let answer = cast(client, base, vote).await;
    let took = started.elapsed();
    match answer {
        Answer::Refused { status, body } if is_unavailable(status, &body) => {}
        other => panic!("{vote:?} during the fault: expected 503 unavailable, got {other:?}"),
    }
    assert!(took < within, "the 503 took {took:?}");
}

/// Asserts that `vote` is acknowledged as recorded now, not as a replay of an earlier try;
/// `server` is the one asked, whose log goes with a failure.
async fn assert_recorded_now(client: &reqwest::Client, server: &Server, vote: &Vote) {
    match cast(client, &server.base, vote).await {
        Answer::Acknowledged { replayed: false } => {}
        other => panic!("{vote:?}: expected 200, got {other:?}\n{}", server.log()),
    }
}

/// Tries `vote` until it is acknowledged, for up to `patience`, accepting only `503
/// unavailable` meanwhile; answers whether the acknowledgement was a replay.
async fn retry_until_acknowledged(
    client: &reqwest::Client,
    base: &str,
    vote: &Vote,
    patience: Duration,
) -> bool {
    let deadline = Instant::now() + patience;
    loop {
        match cast(client, base, vote).await {
            Answer::Acknowledged { replayed } => return replayed,
            Answer::Refused { status, body } if is_unavailable(status, &body) => {
                assert!(
                    Instant::now() < deadline,
                    "{vote:?} still unavailable after {patience:?}"
                );
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            other => panic!("{vote:?} on retry: expected 200 or 503, got {other:?}"),
        }
    }
}

/// Asserts that the meeting `index` holds exactly the votes of `members`, each once with
/// its position, and no event beyond them since its vote was opened at `opened_seq`.
fn assert_exactly(view: &Value, index: usize, members: &BTreeSet<&str>, opened_seq: u64) {
    let cast: Vec<(&str, &str)> = view["voting"]["cast"]
        .as_array()
        .unwrap_or_else(|| panic!("no vote open in meeting {index}: {view}"))
        .iter()
        .map(|cast| {
            (
                cast["member"].as_str().expect("a member"),
                cast["position"].as_str().expect("a position"),
            )
        })
        .collect();
    let recorded: BTreeSet<&str> = cast.iter().map(|(member, _)| *member).collect();
    assert_eq!(
        cast.len(),
        recorded.len(),
        "a vote recorded twice in meeting {index}: {cast:?}"
    );
    assert_eq!(&recorded, members, "the votes of meeting {index}");
    for (member, position) in &cast {
        assert_eq!(
            *position,
            position_of(member),
            "{member} in meeting {index}"
        );
    }
    let n_votes = u64::try_from(members.len()).expect("a few votes");
    assert_eq!(
        view["seq"].as_u64(),
        Some(opened_seq + n_votes),
        "meeting {index}'s log holds one event per vote, nothing more"
    );
}

/// The acknowledged members of each meeting.
fn by_meeting<'a>(
    n_meetings: usize,
    acknowledged: impl IntoIterator<Item = &'a (usize, &'static str)>,
) -> Vec<BTreeSet<&'static str>> {
    let mut members = vec![BTreeSet::new(); n_meetings];
    for (meeting, member) in acknowledged {
        members[*meeting].insert(*member);
    }
    members
}

/// Closes the vote of every meeting, each with every member's vote: 14 for, the United
/// States against, the draft vetoed.
async fn close_votes(client: &reqwest::Client, base: &str, meetings: &[Meeting]) {
    for meeting in meetings {
        act(
            client,
            base,
            meeting,
            "president",
            json!({"command": "close_vote"}),
        )
        .await;
        let view = view_of(client, base, &meeting.id).await;
        assert_eq!(
            view["votes"][0]["tally"],
            json!({"yes": 14, "no": 1, "abstain": 0, "not_participating": 0, "absent": 0})
        );
        assert_eq!(view["votes"][0]["verdict"], "vetoed");
    }
}

async fn opened_seq(client: &reqwest::Client, base: &str, meeting: &Meeting) -> u64 {
    view_of(client, base, &meeting.id).await["seq"]
        .as_u64()
        .expect("a seq")
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|process| process.uid() == 0)
}

/// Runs a command of the fault's set-up, failing the test with its output if it fails.
fn run(command: &mut Command) {
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("cannot run {command:?}: {error}"));
    assert!(
        output.status.success(),
        "{command:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

// ---- kill -9 of one instance of two --------------------------------------------------------

const N_MEETINGS: usize = 20;

/// How many votes are in flight at once.
const N_VOTERS: usize = 16;

/// The first instance is killed once this many votes have been acknowledged (of 300).
const KILL_AFTER_ACKNOWLEDGED: usize = 120;

/// What the clients saw: each vote acknowledged, by which instance (0 or 1) and whether as
/// a replay of an earlier try; and any other answer.
#[derive(Default)]
struct Seen {
    acknowledged: Vec<((usize, &'static str), usize, bool)>,
    refused: Vec<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_kill_9_of_one_instance_clients_finish_on_the_other_and_every_vote_is_recorded_once()
{
    let database = TestDatabase::new().await;
    let client = client();
    let mut first = Server::start_on(database.url(), "off");
    let second = Server::start_on(database.url(), "off");
    let mut meetings = Vec::new();
    for _ in 0..N_MEETINGS {
        meetings.push(open_vote(&client, &first.base).await);
    }
    let opened = opened_seq(&client, &first.base, &meetings[0]).await;
    let votes = votes_in(&meetings);
    let n_votes = votes.len();

    let queue = Arc::new(Mutex::new(VecDeque::from(votes.clone())));
    let seen = Arc::new(Mutex::new(Seen::default()));
    let bases = Arc::new([first.base.clone(), second.base.clone()]);
    let in_flight_on_first = Arc::new(AtomicUsize::new(0));
    let mut voters = Vec::new();
    for _ in 0..N_VOTERS {
        let (queue, seen, bases, client, in_flight_on_first) = (
            Arc::clone(&queue),
            Arc::clone(&seen),
            Arc::clone(&bases),
            client.clone(),
            Arc::clone(&in_flight_on_first),
        );
        voters.push(tokio::spawn(async move {
            // Each client votes through the first instance until it stops answering, then
            // through the second, retrying there what got no answer, with the same key.
            let mut instance = 0;
            loop {
                let Some(vote) = queue.lock().expect("the queue").pop_front() else {
                    return;
                };
                loop {
                    if instance == 0 {
                        in_flight_on_first.fetch_add(1, Ordering::SeqCst);
                    }
                    let answer = cast(&client, &bases[instance], &vote).await;
                    if instance == 0 {
                        in_flight_on_first.fetch_sub(1, Ordering::SeqCst);
                    }
                    let mut seen = seen.lock().expect("what the clients saw");
                    match answer {
                        Answer::Acknowledged { replayed } => {
                            seen.acknowledged.push((vote.name(), instance, replayed));
                        }
                        Answer::Unreachable(_) if instance == 0 => {
                            instance = 1;
                            continue;
                        }
                        Answer::Unreachable(error) => {
                            seen.refused.push(format!("{vote:?}: no answer: {error}"));
                        }
                        other => seen.refused.push(format!("{vote:?}: {other:?}")),
                    }
                    break;
                }
            }
        }));
    }

    let deadline = Instant::now() + Duration::from_secs(30);
    while seen.lock().expect("seen").acknowledged.len() < KILL_AFTER_ACKNOWLEDGED {
        assert!(
            Instant::now() < deadline,
            "too few votes acknowledged before the kill"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let n_in_flight = in_flight_on_first.load(Ordering::SeqCst);
    first.kill();
    assert!(n_in_flight > 0, "no request was in flight at the kill");
    for voter in voters {
        voter.await.expect("the voter finishes");
    }
    let seen = std::mem::take(&mut *seen.lock().expect("seen"));
    assert!(seen.refused.is_empty(), "{:#?}", seen.refused);

    // Every vote acknowledged once, some by each instance.
    let acknowledged: BTreeSet<(usize, &str)> =
        seen.acknowledged.iter().map(|(vote, _, _)| *vote).collect();
    assert_eq!(seen.acknowledged.len(), n_votes, "one acknowledgement each");
    assert_eq!(acknowledged.len(), n_votes, "every vote acknowledged");
    let n_by_first = seen
        .acknowledged
        .iter()
        .filter(|(_, instance, _)| *instance == 0)
        .count();
    assert!(
        (KILL_AFTER_ACKNOWLEDGED..n_votes).contains(&n_by_first),
        "{n_by_first} acknowledged by the killed instance"
    );

    // The survivor holds each acknowledged vote exactly once, and nothing else.
    let members = by_meeting(N_MEETINGS, &acknowledged);
    for (index, meeting) in meetings.iter().enumerate() {
        let view = view_of(&client, &second.base, &meeting.id).await;
        assert_exactly(&view, index, &members[index], opened);
    }
    // A further retry of any of them is a replay that records nothing.
    for vote in &votes {
        match cast(&client, &second.base, vote).await {
            Answer::Acknowledged { replayed: true } => {}
            other => panic!("{vote:?} retried once more: {other:?}"),
        }
    }
    for (index, meeting) in meetings.iter().enumerate() {
        let view = view_of(&client, &second.base, &meeting.id).await;
        assert_exactly(&view, index, &members[index], opened);
    }
    close_votes(&client, &second.base, &meetings).await;
    drop(second);
    assert_verified(database.url(), N_MEETINGS);
}

// ---- a restart of PostgreSQL ---------------------------------------------------------------

/// A PostgreSQL server of the test's own, in a temporary directory, on a port of its own:
/// stopping it disturbs nobody. Stopped when dropped.
struct PrivatePostgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    /// `initdb` and `pg_ctl` refuse to run as root: as root they run as user `postgres`.
    as_postgres: bool,
}

impl PrivatePostgres {
    /// Creates a cluster (`initdb`, trust authentication for user `postgres`) and starts it.
    fn start() -> PrivatePostgres {
        let bin = postgres_bin_dir();
        let dir = tempfile::tempdir().expect("a temporary directory");
        let as_postgres = is_root();
        if as_postgres {
            run(Command::new("chown").arg("postgres:").arg(dir.path()));
        }
        let postgres = PrivatePostgres {
            port: free_port(),
            bin,
            dir,
            as_postgres,
        };
        run(postgres
            .command("initdb")
            .args(["-A", "trust", "-U", "postgres", "--no-sync", "-D"])
            .arg(postgres.data()));
        postgres.resume();
        postgres
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn command(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        }
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Starts the server, on the same port every time, and waits until it accepts
    /// connections. Without `fsync`, for speed: an immediate stop is a crash of PostgreSQL's
    /// processes, not of the machine, and the system keeps what they wrote.
    fn resume(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.path().display()
        );
        run(self
            .command("pg_ctl")
            .args(["start", "-w", "-t", "60", "-D"])
            .arg(self.data())
            .arg("-l")
            .arg(self.dir.path().join("log"))
            .args(["-o", &options]));
    }

    /// `psql` on this server, running `sql`.
    fn psql(&self, sql: &str) -> Command {
        let mut command = Command::new(self.bin.join("psql"));
        command.args(["-X", "-q", "-tA", "-d", &self.url(), "-c", sql]);
        // A frozen server accepts the connection and never answers: give up, so that a
        // failing test ends rather than hangs.
        command.env("PGCONNECT_TIMEOUT", "5");
        command
    }

    /// A session of its own holding the advisory lock that appends to `stream` take (as
    /// another instance mid-append would), until the returned process is dropped.
    fn hold_lock(&self, stream: &str) -> LockHolder {
        let stream = council_store::StreamId::parse(stream).expect("a stream id");
        let (first, second) = council_store::postgres::stream_lock(&stream);
        let client = self
            .psql(&format!(
                "SELECT pg_advisory_lock({first}, {second}); SELECT pg_sleep(3600)"
            ))
            .env("PGAPPNAME", LOCK_HOLDER)
            .stdout(std::process::Stdio::null())
            // Ended by `pg_terminate_backend`, which it reports.
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("psql starts");
        let holder = LockHolder {
            client,
            end: self.psql(&format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE application_name = '{LOCK_HOLDER}'"
            )),
        };
        self.wait_for_locks("granted", 1);
        holder
    }

    /// Waits, up to 30 s, until `count` advisory locks are `condition` (`granted` or `NOT
    /// granted`).
    fn wait_for_locks(&self, condition: &str, count: usize) {
        let sql =
            format!("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND {condition}");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let output = self.psql(&sql).output().expect("psql runs");
            let found: usize = String::from_utf8_lossy(&output.stdout)
                .trim()
                .parse()
                .unwrap_or(0);
            if found >= count {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no advisory lock {condition} within 30 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The server's processes: the postmaster (from `postmaster.pid`) and its children;
    /// none when it is not running.
    fn processes_if_running(&self) -> Vec<String> {
        let Ok(pid_file) = std::fs::read_to_string(self.data().join("postmaster.pid")) else {
            return Vec::new();
        };
        let Some(postmaster) = pid_file.lines().next().map(str::to_owned) else {
            return Vec::new();
        };
        let children = Command::new("pgrep")
            .args(["-P", &postmaster])
            .output()
            .expect("pgrep runs");
        let mut processes = vec![postmaster];
        processes.extend(
            String::from_utf8_lossy(&children.stdout)
                .split_whitespace()
                .map(str::to_owned),
        );
        processes
    }

    /// The running server's processes.
    fn processes(&self) -> Vec<String> {
        let processes = self.processes_if_running();
        assert!(processes.len() > 1, "no running server: {processes:?}");
        processes
    }

    /// Stops every process of the server with `SIGSTOP`, the postmaster first so it forks
    /// no new one: connections stay open and nothing answers.
    fn freeze(&self) {
        let processes = self.processes();
        let postmaster = processes[0].clone();
        signal("-STOP", &postmaster, processes);
    }

    /// Continues what [`PrivatePostgres::freeze`] stopped, the postmaster last.
    fn thaw(&self) {
        let mut processes = self.processes();
        let postmaster = processes[0].clone();
        processes.reverse();
        signal("-CONT", &postmaster, processes);
    }

    /// Stops the server at once, as a crash would: sessions are cut, nothing is flushed.
    fn stop(&self) {
        run(self
            .command("pg_ctl")
            .args(["stop", "-w", "-m", "immediate", "-D"])
            .arg(self.data()));
    }
}

/// Sends `signal` to the processes of a server: to its postmaster, which must succeed, and to
/// its children, of which one may have ended since it was listed (a backend whose client went).
fn signal(signal: &str, postmaster: &str, processes: Vec<String>) {
    for pid in processes {
        if pid == postmaster {
            run(Command::new("kill").args([signal, &pid]));
        } else {
            let _ = Command::new("kill").args([signal, &pid]).output();
        }
    }
}

/// The application name of the session holding a lock.
const LOCK_HOLDER: &str = "council-test-lock-holder";

/// A `psql` session holding an advisory lock, and the command that ends its backend (which
/// would sleep on, holding the lock, after its client is gone).
struct LockHolder {
    client: std::process::Child,
    end: Command,
}

impl Drop for LockHolder {
    fn drop(&mut self) {
        let _ = self.end.output();
        let _ = self.client.kill();
        let _ = self.client.wait();
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        // A frozen server would not stop.
        for pid in self.processes_if_running() {
            let _ = Command::new("kill").args(["-CONT", &pid]).output();
        }
        let _ = self
            .command("pg_ctl")
            .args(["stop", "-w", "-m", "immediate", "-D"])
            .arg(self.data())
            .output();
    }
}

/// The directory of PostgreSQL's server programs, the newest version's.
fn postgres_bin_dir() -> PathBuf {
    let versions = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten();
    let mut found: Vec<(u32, PathBuf)> = versions
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    match found.pop() {
        Some((_, bin)) => bin,
        None => panic!(
            "no initdb under /usr/lib/postgresql/*/bin: the PostgreSQL restart test starts a \
             private server and needs PostgreSQL's server programs. `.ci/run` installs Debian's \
             `postgresql` where no server answers on 127.0.0.1:5432; elsewhere run \
             `apt-get install postgresql`"
        ),
    }
}

/// A port nobody listens on, below the range the system hands out to outgoing connections,
/// so that none takes it while the server is down.
fn free_port() -> u16 {
    // Apart for each server of this process (the tests run at once), and each process.
    static TAKEN: std::sync::atomic::AtomicU16 = std::sync::atomic::AtomicU16::new(0);
    let offset = TAKEN.fetch_add(100, Ordering::SeqCst);
    let start =
        20_000 + (u16::try_from(std::process::id() % 5_000).expect("small") + offset) % 5_000;
    (start..start + 5_000)
        .find(|port| std::net::TcpListener::bind(("127.0.0.1", *port)).is_ok())
        .expect("a free port")
}

/// Meetings of the PostgreSQL restart test; the test itself casts one vote of each into the
/// outage.
const N_PG_MEETINGS: usize = 6;

/// How many requests on one meeting are sent at once into a frozen PostgreSQL.
const N_CROWD: usize = 5;

/// How many votes the background voters cast at once.
const N_PG_VOTERS: usize = 6;

/// PostgreSQL stops once this many votes have been acknowledged (of 84).
const STOP_AFTER_ACKNOWLEDGED: usize = 24;

/// What happens to the private PostgreSQL server mid-session.
#[derive(Debug, Clone, Copy)]
enum PostgresFault {
    /// An immediate stop, then a start on the same port: connections are reset.
    Restart,
    /// Every process of the server stopped with `SIGSTOP`, then continued: connections stay
    /// open and nothing answers, as with a frozen machine or a partition.
    Freeze,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn while_postgresql_restarts_requests_get_503_and_retried_votes_are_recorded_once() {
    votes_through_a_postgresql_fault(PostgresFault::Restart).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn while_postgresql_is_frozen_requests_get_503_in_bounded_time_and_retried_votes_are_recorded_once()
 {
    votes_through_a_postgresql_fault(PostgresFault::Freeze).await;
}

/// Votes cast by retrying clients while `fault` strikes the database: every request is
/// answered 200 or 503 within a bounded time (never hangs, never 500), the votes cast into
/// the fault are all 503, and once the fault is over every vote is recorded exactly once.
async fn votes_through_a_postgresql_fault(fault: PostgresFault) {
    let postgres = PrivatePostgres::start();
    let client = client();
    let server = Server::start_on(&postgres.url(), "warn");
    let mut meetings = Vec::new();
    for _ in 0..N_PG_MEETINGS {
        meetings.push(open_vote(&client, &server.base).await);
    }
    let opened = opened_seq(&client, &server.base, &meetings[0]).await;
    let mut votes = votes_in(&meetings);
    // The last round is cast by the test itself, into the outage.
    let outage_votes = votes.split_off(votes.len() - N_PG_MEETINGS);

    // Clients that retry a vote answered 503, with its key, until it is acknowledged.
    let queue = Arc::new(Mutex::new(VecDeque::from(votes.clone())));
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let n_unavailable = Arc::new(AtomicUsize::new(0));
    let mut voters = Vec::new();
    for _ in 0..N_PG_VOTERS {
        let (queue, acknowledged, n_unavailable, client, base) = (
            Arc::clone(&queue),
            Arc::clone(&acknowledged),
            Arc::clone(&n_unavailable),
            client.clone(),
            server.base.clone(),
        );
        voters.push(tokio::spawn(async move {
            loop {
                let Some(vote) = queue.lock().expect("the queue").pop_front() else {
                    return;
                };
                let deadline = Instant::now() + Duration::from_secs(45);
                loop {
                    let started = Instant::now();
                    let answer = cast(&client, &base, &vote).await;
                    let took = started.elapsed();
                    assert!(took < UNAVAILABLE_WITHIN, "{vote:?} took {took:?}");
                    match answer {
                        Answer::Acknowledged { .. } => {
                            acknowledged.lock().expect("acknowledged").push(vote.name());
                            break;
                        }
                        Answer::Refused { status, body } if is_unavailable(status, &body) => {
                            n_unavailable.fetch_add(1, Ordering::SeqCst);
                            assert!(Instant::now() < deadline, "{vote:?} never acknowledged");
                            tokio::time::sleep(Duration::from_millis(200)).await;
                        }
                        other => panic!("{vote:?}: expected 200 or 503, got {other:?}"),
                    }
                }
                // Paced like delegations, so that the outage comes mid-run.
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }));
    }

    let deadline = Instant::now() + Duration::from_secs(30);
    while acknowledged.lock().expect("acknowledged").len() < STOP_AFTER_ACKNOWLEDGED {
        assert!(
            Instant::now() < deadline,
            "too few votes acknowledged before the stop"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    // A freeze also catches a query in flight, waiting for a lock: the vote of the first
    // meeting's outage round, held up by the meeting's lock taken by another session.
    let (mut probed, mut stuck, mut holder) = (outage_votes.clone(), None, None);
    match fault {
        PostgresFault::Restart => postgres.stop(),
        PostgresFault::Freeze => {
            holder = Some(postgres.hold_lock(&meetings[0].id));
            let vote = probed.remove(0);
            assert_eq!(vote.meeting_id, meetings[0].id);
            let (client, base) = (client.clone(), server.base.clone());
            stuck = Some(tokio::spawn(async move {
                assert_unavailable(&client, &base, &vote, UNAVAILABLE_WITHIN).await;
            }));
            // The vote's append waits for the lock: a query in flight.
            tokio::task::block_in_place(|| postgres.wait_for_locks("NOT granted", 1));
            postgres.freeze();
        }
    }

    // Down: every vote, and the list of meetings, is a JSON 503 within a bounded time.
    let probes = probed.into_iter().map(|vote| {
        let client = client.clone();
        let base = server.base.clone();
        async move { assert_unavailable(&client, &base, &vote, UNAVAILABLE_WITHIN).await }
    });
    join_all(probes).await;
    if let PostgresFault::Freeze = fault {
        // Requests queue on one meeting, each waiting for the store in turn: every one of
        // them is still answered in time, by the server's own deadline if need be.
        let crowd = MEMBERS.iter().take(N_CROWD).map(|member| {
            let (client, base) = (client.clone(), server.base.clone());
            let (id, key) = (meetings[1].id.clone(), meetings[1].keys[*member].clone());
            async move {
                let started = Instant::now();
                let answer = client
                    .get(format!("{base}/api/meetings/{id}/me"))
                    .bearer_auth(key)
                    .send()
                    .await
                    .expect("an answer in time");
                let status = answer.status();
                let body: Value = answer.json().await.expect("a JSON error");
                assert!(is_unavailable(status, &body), "{status} {body}");
                let took = started.elapsed();
                assert!(took < UNAVAILABLE_WITHIN, "the 503 took {took:?}");
            }
        });
        join_all(crowd).await;
    }
    let started = Instant::now();
    let listed = client
        .get(format!("{}/api/meetings", server.base))
        .send()
        .await
        .expect("the server answers");
    let status = listed.status();
    let body: Value = listed.json().await.expect("a JSON error");
    assert!(is_unavailable(status, &body), "{status} {body}");
    assert!(started.elapsed() < UNAVAILABLE_WITHIN);
    if let Some(stuck) = stuck {
        stuck
            .await
            .expect("the vote held up in flight is answered 503 in time");
    }

    // Back (on the same port after a restart): the server reconnects by itself and the
    // retries go through.
    match fault {
        PostgresFault::Restart => postgres.resume(),
        PostgresFault::Freeze => {
            postgres.thaw();
            drop(holder);
        }
    }
    for vote in &outage_votes {
        let replayed =
            retry_until_acknowledged(&client, &server.base, vote, Duration::from_secs(30)).await;
        assert!(!replayed, "{vote:?} was recorded while PostgreSQL was down");
    }
    for voter in voters {
        voter.await.expect("the voter finishes");
    }
    assert!(
        n_unavailable.load(Ordering::SeqCst) > 0,
        "no voter met the outage"
    );
    let mut acknowledged = std::mem::take(&mut *acknowledged.lock().expect("acknowledged"));
    acknowledged.extend(outage_votes.iter().map(Vote::name));
    let unique: BTreeSet<(usize, &str)> = acknowledged.iter().copied().collect();
    assert_eq!(unique.len(), acknowledged.len(), "one acknowledgement each");
    assert_eq!(unique.len(), votes.len() + outage_votes.len());

    // Each acknowledged vote is in the log once, seen by this server and by a fresh one that
    // reads the log from the start.
    let members = by_meeting(N_PG_MEETINGS, &unique);
    let fresh = Server::start_on(&postgres.url(), "warn");
    for (index, meeting) in meetings.iter().enumerate() {
        for base in [&server.base, &fresh.base] {
            let view = view_of(&client, base, &meeting.id).await;
            assert_exactly(&view, index, &members[index], opened);
        }
    }
    for vote in votes.iter().chain(&outage_votes) {
        match cast(&client, &server.base, vote).await {
            Answer::Acknowledged { replayed: true } => {}
            other => panic!("{vote:?} retried once more: {other:?}"),
        }
    }
    close_votes(&client, &server.base, &meetings).await;
    let log = server.log();
    assert!(!log.contains("internal error"), "{log}");
    drop((server, fresh));
    assert_verified(postgres.url(), N_PG_MEETINGS);
}

// ---- SQLite: a read-only database file, a full disk ----------------------------------------

/// Fails the test, saying why, unless it runs as root.
fn require_root(what: &str) {
    assert!(
        is_root(),
        "this test {what}, which needs root (as another user, chmod would not stop a server \
         that has the file open already): run the tests as root, as the project's machines do"
    );
}

/// Files made immutable (`chattr +i`): as root, the way to make a file read-only for a
/// process that has it open, since root's writes ignore permissions. Writable again when
/// dropped.
struct Immutable {
    files: Vec<PathBuf>,
}

impl Immutable {
    fn new(files: &[&Path]) -> Immutable {
        let files: Vec<PathBuf> = files.iter().map(|file| file.to_path_buf()).collect();
        run(Command::new("chattr").arg("+i").args(&files));
        Immutable { files }
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").args(&self.files).output();
    }
}

/// A small tmpfs mounted on a temporary directory: a disk that fills up. Unmounted when
/// dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> SmallDisk {
        let dir = tempfile::tempdir().expect("a temporary directory");
        run(Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path()));
        SmallDisk { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the disk to its last byte with a file of zeros, and answers the file.
    fn fill(&self) -> PathBuf {
        use std::io::Write;
        let filler = self.path().join("filler");
        let mut file = std::fs::File::create(&filler).expect("the filler file");
        for chunk in [1 << 16, 1 << 12, 1 << 9, 1] {
            let zeros = vec![0u8; chunk];
            while file.write_all(&zeros).is_ok() {}
        }
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        // Lazily: the server may still hold the database when a failing test unwinds.
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .output();
    }
}

/// Asserts that the server's log names the cause of a failure, SQLite's own words, within
/// a few seconds (the log is read from the server's stderr as it comes).
async fn assert_logged(server: &Server, cause: &str) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !server.log().contains(cause) {
        assert!(
            Instant::now() < deadline,
            "the log does not name the cause, `{cause}`: {}",
            server.log()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Asserts that once a database file is writable again, the server records `votes` (which
/// it refused, or never saw) as new. A few `503`s may come first: connections that SQLite
/// opened while the file was read-only stay read-only, and each is replaced after its first
/// failed write.
async fn assert_healed(client: &reqwest::Client, server: &Server, votes: &[Vote]) {
    for vote in votes {
        let replayed =
            retry_until_acknowledged(client, &server.base, vote, Duration::from_secs(10)).await;
        assert!(
            !replayed,
            "{vote:?} was stored while the file was read-only"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_database_file_is_answered_with_503_and_nothing_unstored_is_acknowledged() {
    require_root("makes the database file immutable with `chattr +i`");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("council.db");
    let client = client();
    let mut server = Server::start(&db, "warn");
    let meeting = open_vote(&client, &server.base).await;
    let opened = opened_seq(&client, &server.base, &meeting).await;
    let votes = votes_in(std::slice::from_ref(&meeting));
    let (before, after) = votes.split_at(5);
    for vote in before {
        assert_recorded_now(&client, &server, vote).await;
    }

    // The shared-memory index (`-shm`) stays writable: SQLite writes it through a memory
    // map, and a write to a mapped immutable file kills the process with SIGBUS.
    let wal = dir.path().join("council.db-wal");
    let read_only = Immutable::new(&[&db, &wal]);
    for vote in &after[..2] {
        assert_unavailable(&client, &server.base, vote, UNAVAILABLE_WITHIN).await;
    }
    drop(read_only);
    assert_logged(&server, "disk I/O error").await;

    // The file reopened: it holds exactly the votes acknowledged.
    let acknowledged: BTreeSet<&str> = before.iter().map(|vote| vote.member).collect();
    let fresh = Server::start(&db, "warn");
    let view = view_of(&client, &fresh.base, &meeting.id).await;
    assert_exactly(&view, 0, &acknowledged, opened);
    drop(fresh);

    // The server works again: the refused votes are recorded now, not replayed.
    assert_healed(&client, &server, after).await;
    let everyone: BTreeSet<&str> = MEMBERS.into_iter().collect();
    server.kill();
    let server = Server::start(&db, "warn");
    let view = view_of(&client, &server.base, &meeting.id).await;
    assert_exactly(&view, 0, &everyone, opened);
    close_votes(&client, &server.base, std::slice::from_ref(&meeting)).await;
    drop(server);
    assert_verified(&db, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_started_on_a_read_only_database_file_answers_503_until_it_is_writable() {
    require_root("makes the database file immutable with `chattr +i`");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("council.db");
    let client = client();
    let mut server = Server::start(&db, "warn");
    let meeting = open_vote(&client, &server.base).await;
    let opened = opened_seq(&client, &server.base, &meeting).await;
    let votes = votes_in(std::slice::from_ref(&meeting));
    let (before, after) = votes.split_at(3);
    for vote in before {
        assert_recorded_now(&client, &server, vote).await;
    }
    // Killed, the server leaves its write-ahead log behind, read-only with the file.
    server.kill();
    let wal = dir.path().join("council.db-wal");
    let read_only = Immutable::new(&[&db, &wal]);
    let server = Server::start(&db, "warn");
    let acknowledged: BTreeSet<&str> = before.iter().map(|vote| vote.member).collect();
    let view = view_of(&client, &server.base, &meeting.id).await;
    assert_exactly(&view, 0, &acknowledged, opened);
    assert_unavailable(&client, &server.base, &after[0], UNAVAILABLE_WITHIN).await;
    assert_logged(&server, "attempt to write a readonly database").await;

    // Writable again: the same server records the refused vote, as new, and the rest.
    drop(read_only);
    assert_healed(&client, &server, after).await;
    let everyone: BTreeSet<&str> = MEMBERS.into_iter().collect();
    let view = view_of(&client, &server.base, &meeting.id).await;
    assert_exactly(&view, 0, &everyone, opened);
    drop(server);
    let server = Server::start(&db, "warn");
    let view = view_of(&client, &server.base, &meeting.id).await;
    assert_exactly(&view, 0, &everyone, opened);
    drop(server);
    assert_verified(&db, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_full_disk_votes_get_503_nothing_unstored_is_acknowledged_and_freeing_space_heals() {
    require_root("mounts a small tmpfs as a disk that fills up");
    let disk = SmallDisk::mount("16m");
    let db = disk.path().join("council.db");
    let client = client();
    let mut server = Server::start(&db, "warn");
    let meetings = vec![
        open_vote(&client, &server.base).await,
        open_vote(&client, &server.base).await,
    ];
    let opened = opened_seq(&client, &server.base, &meetings[0]).await;
    let mut votes = VecDeque::from(votes_in(&meetings));
    let mut acknowledged = Vec::new();
    for _ in 0..6 {
        let vote = votes.pop_front().expect("a vote");
        match cast(&client, &server.base, &vote).await {
            Answer::Acknowledged { replayed: false } => acknowledged.push(vote.name()),
            other => panic!("{vote:?}: {other:?}"),
        }
    }

    let filler = disk.fill();
    // A vote may still fit in space the database holds already; it is acknowledged only
    // if stored, which the end checks. One is refused before long.
    let refused = loop {
        let vote = votes.pop_front().expect("a vote refused on the full disk");
        match cast(&client, &server.base, &vote).await {
            Answer::Acknowledged { replayed: false } => acknowledged.push(vote.name()),
            Answer::Refused { status, body } if is_unavailable(status, &body) => break vote,
            other => panic!("{vote:?} on the full disk: {other:?}"),
        }
    };
    assert_unavailable(&client, &server.base, &refused, UNAVAILABLE_WITHIN).await;
    assert_logged(&server, "database or disk is full").await;

    // Space again: the same server records the refused vote, as new, and the rest.
    std::fs::remove_file(filler).expect("the filler is removed");
    for vote in std::iter::once(refused).chain(votes) {
        match cast(&client, &server.base, &vote).await {
            Answer::Acknowledged { replayed: false } => acknowledged.push(vote.name()),
            other => panic!("{vote:?} after space was freed: {other:?}"),
        }
    }
    let unique: BTreeSet<(usize, &str)> = acknowledged.iter().copied().collect();
    assert_eq!(unique.len(), acknowledged.len(), "one acknowledgement each");
    assert_eq!(unique.len(), 2 * MEMBERS.len());
    let members = by_meeting(2, &unique);
    server.kill();
    let server = Server::start(&db, "warn");
    for (index, meeting) in meetings.iter().enumerate() {
        let view = view_of(&client, &server.base, &meeting.id).await;
        assert_exactly(&view, index, &members[index], opened);
    }
    close_votes(&client, &server.base, &meetings).await;
    drop(server);
    assert_verified(&db, 2);
}

/// Awaits every future, concurrently.
async fn join_all<F: std::future::Future<Output = ()> + Send + 'static>(
    futures: impl IntoIterator<Item = F>,
) {
    let tasks: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    for task in tasks {
        task.await.expect("the task finishes");
    }
}
