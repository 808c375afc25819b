//! The load generator behind `council bench-load`: many meetings voting at once over real
//! HTTP, one board per meeting on Server-Sent Events, and what it measured.
//!
//! Each meeting is created through the API with the Council of 20 November 2024, its agenda
//! adopted and `rounds` drafts put in blue. Then, round after round and in every meeting at
//! once, the President puts a draft to the vote, the fifteen delegations cast their votes
//! concurrently, and the President closes the vote. A vote's latency runs from the moment
//! its request is sent to the moment the meeting's board receives it as an event; a vote
//! acknowledged but never seen on its board is an error, as is any refused request.
//!
//! Alongside, [`raw_appends`] measures how fast the store itself appends durable one-event
//! batches, so the service's rate can be read as a share of its storage's limit.
//!
//! # Layout
//! - [`run`]: the load, and its [`LoadReport`].
//! - [`sse`]: a minimal Server-Sent Events reader for the boards.
//! - [`stats`]: the percentiles of latencies.
//! - [`raw_appends`]: the store's own durable append rate.
//! - [`memory`]: a process's resident memory, from `/proc`.
//! - [`cpu`]: a process's CPU time, from `/proc`.

pub mod cpu;
pub mod memory;
pub mod sse;
pub mod stats;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use council_store::{EventStore, NewEvent, StoreError, StreamId};
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use serde::Serialize;
use serde_json::{Value, json};
use thiserror::Error;
use tokio::sync::{Mutex, Semaphore, mpsc};

pub use stats::Percentiles;

/// What can stop a load run before it measures anything.
#[derive(Debug, Error)]
pub enum LoadError {
    /// A request could not be sent or its answer read.
    #[error("request to {url} failed: {source}")]
    Http {
        /// The URL.
        url: String,
        /// Why.
        #[source]
        source: reqwest::Error,
    },
    /// The server refused a step of the set-up.
    #[error("setting up meeting {meeting}: {step} answered {status}: {body}")]
    SetUp {
        /// The meeting's index.
        meeting: usize,
        /// The step.
        step: String,
        /// The HTTP status.
        status: u16,
        /// The answer.
        body: String,
    },
    /// The store of the raw append measurement failed.
    #[error("raw appends: {0}")]
    Store(#[from] StoreError),
}

/// How much load to make.
#[derive(Debug, Clone)]
pub struct LoadConfig {
    /// The server's base URL, `http://127.0.0.1:PORT`.
    pub base_url: String,
    /// How many meetings vote at once.
    pub meetings: usize,
    /// How many votes (drafts) each meeting takes in turn.
    pub rounds: usize,
    /// How many set-up requests run at once.
    pub setup_concurrency: usize,
    /// Over how long each round's votes in a meeting are spread, as hands go up around the
    /// table: 0 sends all fifteen at the same instant (the worst case).
    pub spread: Duration,
    /// The server's process, whose CPU time during the voting is reported, if known.
    pub server_pid: Option<u32>,
}

/// What a load run measured.
#[derive(Debug, Clone, Serialize)]
pub struct LoadReport {
    /// Meetings voting at once.
    pub meetings: usize,
    /// Rounds of voting in each.
    pub rounds: usize,
    /// Votes acknowledged.
    pub votes: usize,
    /// Refused or failed requests, and acknowledged votes never seen on their board.
    pub errors: usize,
    /// The first few errors, for the reader.
    pub error_samples: Vec<String>,
    /// Over how long each round's votes were spread, in milliseconds.
    pub spread_ms: u64,
    /// Wall time of the voting, in seconds.
    pub seconds: f64,
    /// Votes acknowledged per second of voting.
    pub votes_per_second: f64,
    /// From sending a vote to its arrival on the meeting's board, in milliseconds.
    pub vote_to_board_ms: Percentiles,
    /// From sending a vote to its acknowledgement, in milliseconds.
    pub vote_ack_ms: Percentiles,
    /// Boards connected during the run.
    pub boards: usize,
    /// CPU seconds the server spent during the voting (all its threads), if `/proc` told.
    pub server_cpu_seconds: Option<f64>,
    /// CPU seconds the load generator spent during the voting (all its threads), if `/proc`
    /// told: on the same machine, it competes with the server for the cores.
    pub generator_cpu_seconds: Option<f64>,
}

struct Meeting {
    id: String,
    president: String,
    delegations: Vec<String>,
}

const DRAFT_TEXT: &str = "Decides to remain seized of the matter.";

async fn post(
    client: &reqwest::Client,
    url: &str,
    key: Option<&str>,
    body: &Value,
) -> Result<(u16, Value), LoadError> {
    let mut request = client.post(url).json(body);
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    let response = request.send().await.map_err(|source| LoadError::Http {
        url: url.to_owned(),
        source,
    })?;
    let status = response.status().as_u16();
    let value = response.json::<Value>().await.unwrap_or(Value::Null);
    Ok((status, value))
}

async fn set_up(
    client: &reqwest::Client,
    base: &str,
    index: usize,
    rounds: usize,
) -> Result<Meeting, LoadError> {
    let failed = |step: &str, status: u16, body: &Value| LoadError::SetUp {
        meeting: index,
        step: step.to_owned(),
        status,
        body: body.to_string(),
    };
    let (status, created) = post(
        client,
        &format!("{base}/api/meetings"),
        None,
        &json!({"date": "2024-11-20", "agenda": [format!("Load meeting {index}")]}),
    )
    .await?;
    if status != 201 {
        return Err(failed("create", status, &created));
    }
    let id = created["id"].as_str().unwrap_or_default().to_owned();
    let mut president = String::new();
    let mut delegations = Vec::new();
    for link in created["links"].as_array().into_iter().flatten() {
        let key = link["key"].as_str().unwrap_or_default().to_owned();
        match link["role"].as_str() {
            Some("president") => president = key,
            Some("delegation") => delegations.push(key),
            _ => {}
        }
    }
    let commands = format!("{base}/api/meetings/{id}/commands");
    let (status, body) = post(
        client,
        &commands,
        Some(&president),
        &json!({"command": "adopt_agenda"}),
    )
    .await?;
    if status != 200 {
        return Err(failed("adopt_agenda", status, &body));
    }
    let mover = delegations.first().cloned().unwrap_or_default();
    for round in 0..rounds {
        let symbol = format!("S/LOAD/{round}");
        let (status, body) = post(
            client,
            &commands,
            Some(&mover),
            &json!({"command": "submit_draft", "symbol": symbol, "paragraphs": [{"label": "OP1", "text": DRAFT_TEXT}]}),
        )
        .await?;
        if status != 200 {
            return Err(failed("submit_draft", status, &body));
        }
        let (status, body) = post(
            client,
            &commands,
            Some(&mover),
            &json!({"command": "put_in_blue", "draft": symbol}),
        )
        .await?;
        if status != 200 {
            return Err(failed("put_in_blue", status, &body));
        }
    }
    Ok(Meeting {
        id,
        president,
        delegations,
    })
}

/// A vote acknowledged: when it was sent and which event it became.
struct Acknowledged {
    meeting: usize,
    seq: u64,
    sent: Instant,
    acknowledged_after: Duration,
}

#[derive(Default)]
struct Errors {
    count: usize,
    samples: Vec<String>,
}

impl Errors {
    fn add(&mut self, what: String) {
        self.count += 1;
        if self.samples.len() < 10 {
            self.samples.push(what);
        }
    }
}

/// Runs the load against a server and reports what it measured.
pub async fn run(config: &LoadConfig) -> Result<LoadReport, LoadError> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(usize::MAX)
        .timeout(Duration::from_secs(120))
        .build()
        .map_err(|source| LoadError::Http {
            url: config.base_url.clone(),
            source,
        })?;
    let base = config.base_url.trim_end_matches('/').to_owned();

    // Set up every meeting, a bounded number at a time.
    let limit = Arc::new(Semaphore::new(config.setup_concurrency.max(1)));
    let mut setups = FuturesUnordered::new();
    for index in 0..config.meetings {
        let client = client.clone();
        let base = base.clone();
        let limit = Arc::clone(&limit);
        let rounds = config.rounds;
        setups.push(tokio::spawn(async move {
            let _permit = limit.acquire_owned().await;
            (index, set_up(&client, &base, index, rounds).await)
        }));
    }
    let mut meetings: Vec<Option<Meeting>> = (0..config.meetings).map(|_| None).collect();
    while let Some(joined) = setups.next().await {
        let (index, meeting) = joined.expect("set-up tasks do not panic");
        meetings[index] = Some(meeting?);
    }
    let meetings: Vec<Arc<Meeting>> = meetings.into_iter().flatten().map(Arc::new).collect();

    // One board per meeting: every event it receives is timed.
    let (seen_sender, mut seen_receiver) = mpsc::unbounded_channel::<(usize, u64, Instant)>();
    let mut boards = Vec::new();
    for (index, meeting) in meetings.iter().enumerate() {
        let url = format!("{base}/api/meetings/{}/events", meeting.id);
        let board = sse::Board::connect(&client, &url)
            .await
            .map_err(|source| LoadError::Http { url, source })?;
        let sender = seen_sender.clone();
        boards.push(tokio::spawn(board.forward(move |seq, kind| {
            if kind == "vote_cast" {
                let _ = sender.send((index, seq, Instant::now()));
            }
        })));
    }
    drop(seen_sender);

    let acknowledged: Arc<Mutex<Vec<Acknowledged>>> = Arc::default();
    let errors: Arc<Mutex<Errors>> = Arc::default();
    let cpu_at_start = cpu_now(config.server_pid);
    let started = Instant::now();
    for round in 0..config.rounds {
        let mut tasks = FuturesUnordered::new();
        for (index, meeting) in meetings.iter().enumerate() {
            let client = client.clone();
            let base = base.clone();
            let meeting = Arc::clone(meeting);
            let acknowledged = Arc::clone(&acknowledged);
            let errors = Arc::clone(&errors);
            let spread = config.spread;
            tasks.push(tokio::spawn(async move {
                let round = Round {
                    index,
                    number: round,
                    spread,
                };
                vote_round(&client, &base, &meeting, &round, &acknowledged, &errors).await;
            }));
        }
        while let Some(joined) = tasks.next().await {
            joined.expect("voting tasks do not panic");
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let cpu_at_end = cpu_now(config.server_pid);

    // Wait (a bounded time) for the boards to have seen every acknowledged vote.
    let acknowledged = std::mem::take(&mut *acknowledged.lock().await);
    let mut arrivals: HashMap<(usize, u64), Instant> = HashMap::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while arrivals.len() < acknowledged.len() && Instant::now() < deadline {
        match tokio::time::timeout(Duration::from_millis(200), seen_receiver.recv()).await {
            Ok(Some((meeting, seq, at))) => {
                arrivals.insert((meeting, seq), at);
            }
            Ok(None) => break,
            Err(_) => {}
        }
    }
    while let Ok((meeting, seq, at)) = seen_receiver.try_recv() {
        arrivals.insert((meeting, seq), at);
    }
    for board in &boards {
        board.abort();
    }

    let mut errors = std::mem::take(&mut *errors.lock().await);
    let mut to_board = Vec::with_capacity(acknowledged.len());
    for vote in &acknowledged {
        match arrivals.get(&(vote.meeting, vote.seq)) {
            Some(at) => to_board.push(at.saturating_duration_since(vote.sent)),
            None => errors.add(format!(
                "vote {} of meeting {} acknowledged but not seen on its board",
                vote.seq, meetings[vote.meeting].id
            )),
        }
    }
    let to_ack: Vec<Duration> = acknowledged
        .iter()
        .map(|vote| vote.acknowledged_after)
        .collect();
    let votes = acknowledged.len();
    Ok(LoadReport {
        meetings: meetings.len(),
        rounds: config.rounds,
        spread_ms: u64::try_from(config.spread.as_millis()).unwrap_or(u64::MAX),
        votes,
        errors: errors.count,
        error_samples: errors.samples,
        seconds,
        votes_per_second: if seconds > 0.0 {
            votes as f64 / seconds
        } else {
            0.0
        },
        vote_to_board_ms: Percentiles::of(&to_board),
        vote_ack_ms: Percentiles::of(&to_ack),
        boards: boards.len(),
        server_cpu_seconds: cpu_at_start.0.zip(cpu_at_end.0).map(|(a, b)| b - a),
        generator_cpu_seconds: cpu_at_start.1.zip(cpu_at_end.1).map(|(a, b)| b - a),
    })
}

/// CPU seconds so far of the server (if its pid is known) and of this process.
fn cpu_now(server_pid: Option<u32>) -> (Option<f64>, Option<f64>) {
    (server_pid.and_then(cpu::of_process), cpu::of_this_process())
}

/// One round in one meeting.
struct Round {
    index: usize,
    number: usize,
    spread: Duration,
}

impl Round {
    /// When a seat's hand goes up: spread over the round's window, differently in each
    /// meeting and round (a fixed scramble, so runs are repeatable).
    fn delay(&self, seat: usize) -> Duration {
        let scramble = (self.index as u64)
            .wrapping_mul(7919)
            .wrapping_add((seat as u64).wrapping_mul(104_729))
            .wrapping_add((self.number as u64).wrapping_mul(1_299_709))
            % 1000;
        self.spread.mul_f64(scramble as f64 / 1000.0)
    }
}

async fn vote_round(
    client: &reqwest::Client,
    base: &str,
    meeting: &Meeting,
    round: &Round,
    acknowledged: &Mutex<Vec<Acknowledged>>,
    errors: &Mutex<Errors>,
) {
    let index = round.index;
    let commands = format!("{base}/api/meetings/{}/commands", meeting.id);
    let symbol = format!("S/LOAD/{}", round.number);
    let put = json!({"command": "put_to_vote", "item": {"item": "draft", "draft": symbol}});
    match post(client, &commands, Some(&meeting.president), &put).await {
        Ok((200, _)) => {}
        Ok((status, body)) => {
            errors
                .lock()
                .await
                .add(format!("put_to_vote: {status} {body}"));
            return;
        }
        Err(error) => {
            errors.lock().await.add(error.to_string());
            return;
        }
    }
    let mut casts = FuturesUnordered::new();
    for (seat, key) in meeting.delegations.iter().enumerate() {
        let position = if seat % 5 == 0 { "abstain" } else { "yes" };
        let body = json!({"command": "cast_vote", "position": position});
        let commands = commands.clone();
        let delay = round.delay(seat);
        casts.push(async move {
            tokio::time::sleep(delay).await;
            let sent = Instant::now();
            let answer = post(client, &commands, Some(key), &body).await;
            (sent, sent.elapsed(), answer)
        });
    }
    while let Some((sent, acknowledged_after, answer)) = casts.next().await {
        match answer {
            Ok((200, body)) => {
                let seq = body["seq"].as_u64().unwrap_or(0);
                acknowledged.lock().await.push(Acknowledged {
                    meeting: index,
                    seq,
                    sent,
                    acknowledged_after,
                });
            }
            Ok((status, body)) => errors
                .lock()
                .await
                .add(format!("cast_vote: {status} {body}")),
            Err(error) => errors.lock().await.add(error.to_string()),
        }
    }
    let close = json!({"command": "close_vote"});
    match post(client, &commands, Some(&meeting.president), &close).await {
        Ok((200, _)) => {}
        Ok((status, body)) => errors
            .lock()
            .await
            .add(format!("close_vote: {status} {body}")),
        Err(error) => errors.lock().await.add(error.to_string()),
    }
}

/// What the store alone achieves: durable one-event appends per second, `writers` streams
/// appended to concurrently, `per_writer` events each.
#[derive(Debug, Clone, Serialize)]
pub struct RawReport {
    /// Events appended.
    pub events: usize,
    /// Seconds taken.
    pub seconds: f64,
    /// Events per second.
    pub appends_per_second: f64,
}

/// Appends `per_writer` one-event batches to each of `writers` fresh streams, concurrently,
/// and reports the rate.
pub async fn raw_appends<S: EventStore + 'static>(
    store: Arc<S>,
    writers: usize,
    per_writer: usize,
) -> Result<RawReport, LoadError> {
    let run = chrono::Utc::now().timestamp_micros();
    let started = Instant::now();
    let mut tasks = FuturesUnordered::new();
    for writer in 0..writers {
        let store = Arc::clone(&store);
        tasks.push(tokio::spawn(async move {
            // Streams of their own in each run: a database may be measured again.
            let stream =
                StreamId::parse(&format!("raw-{run}-{writer}")).expect("a valid stream id");
            for seq in 0..per_writer {
                let event = NewEvent::new(
                    "vote_cast",
                    1,
                    json!({"kind": "vote_cast", "member": "DZA", "position": "yes"}),
                    chrono::Utc::now(),
                )
                .expect("a valid event");
                store.append(&stream, seq as u64, vec![event]).await?;
            }
            Ok::<(), StoreError>(())
        }));
    }
    while let Some(joined) = tasks.next().await {
        joined.expect("append tasks do not panic")?;
    }
    let seconds = started.elapsed().as_secs_f64();
    let events = writers * per_writer;
    Ok(RawReport {
        events,
        seconds,
        appends_per_second: events as f64 / seconds.max(f64::MIN_POSITIVE),
    })
}
