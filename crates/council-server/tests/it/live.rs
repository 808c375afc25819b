//! Live updates over Server-Sent Events: a cast vote reaches a subscriber as it happens, a
//! client resuming with `Last-Event-ID` or `?after=N` gets every later event once, and many
//! subscribers see the same sequence.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{MEMBERS, TestApp, cast_vote, key_of, position_on_s_2024_835, spawn_app};

/// Generous: the contract says a second, but a loaded machine must not fail the test.
const PATIENCE: Duration = Duration::from_secs(10);

/// One SSE message.
#[derive(Debug, Clone, PartialEq)]
struct Message {
    id: u64,
    event: String,
    data: Value,
}

/// A minimal SSE reader over a streamed answer.
struct Subscriber {
    response: reqwest::Response,
    buffer: String,
}

impl Subscriber {
    async fn connect(
        app: &TestApp,
        meeting: &str,
        query: &str,
        last_event_id: Option<u64>,
    ) -> Self {
        let mut request = app
            .client
            .get(app.url(&format!("/api/meetings/{meeting}/events{query}")));
        if let Some(last) = last_event_id {
            request = request.header("Last-Event-ID", last.to_string());
        }
        let response = request.send().await.expect("the server answers");
        assert_eq!(response.status(), StatusCode::OK);
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        assert!(
            content_type.starts_with("text/event-stream"),
            "{content_type}"
        );
        Subscriber {
            response,
            buffer: String::new(),
        }
    }

    /// The next message, waiting at most [`PATIENCE`].
    async fn next(&mut self) -> Message {
        tokio::time::timeout(PATIENCE, self.read())
            .await
            .expect("a message arrives in time")
    }

    async fn read(&mut self) -> Message {
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if let Some(message) = parse(&block) {
                    return message;
                }
            }
            let chunk = self
                .response
                .chunk()
                .await
                .expect("the stream stays readable")
                .expect("the stream stays open");
            self.buffer
                .push_str(std::str::from_utf8(&chunk).expect("UTF-8"));
        }
    }

    /// Messages until the one numbered `last`, which must come.
    async fn until(&mut self, last: u64) -> Vec<Message> {
        let mut messages = Vec::new();
        loop {
            let message = self.next().await;
            let id = message.id;
            messages.push(message);
            assert!(id <= last, "went past {last}: {messages:?}");
            if id == last {
                return messages;
            }
        }
    }
}

/// A block of `field: value` lines; `None` for a comment (keep-alive).
fn parse(block: &str) -> Option<Message> {
    let (mut id, mut event, mut data) = (None, None, String::new());
    for line in block.lines() {
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "id" => id = value.parse().ok(),
            "event" => event = Some(value.to_owned()),
            "data" => data.push_str(value),
            _ => {}
        }
    }
    Some(Message {
        id: id?,
        event: event.expect("every message names its kind"),
        data: serde_json::from_str(&data).expect("data is JSON"),
    })
}

fn ids(messages: &[Message]) -> Vec<u64> {
    messages.iter().map(|message| message.id).collect()
}

#[tokio::test]
async fn a_subscriber_receives_a_cast_vote_as_it_happens() {
    let app = spawn_app().await;
    let meeting = app.vote_open_on_s_2024_835(&json!({})).await;
    let seq = app.seq(&meeting.id).await;
    let mut subscriber = Subscriber::connect(&app, &meeting.id, "", None).await;
    let backlog = subscriber.until(seq).await;
    assert_eq!(ids(&backlog), (1..=seq).collect::<Vec<_>>());

    let answer = app
        .act_ok(&meeting.id, &key_of(&meeting, "FRA"), &cast_vote("yes"))
        .await;
    let message = subscriber.next().await;
    assert_eq!(message.id, answer["seq"].as_u64().expect("a seq"));
    assert_eq!(message.event, "vote_cast");
    assert_eq!(message.data["seq"], message.id);
    assert_eq!(message.data["kind"], "vote_cast");
    assert!(
        message.data["recorded_at"].is_string(),
        "{:?}",
        message.data
    );
    assert_eq!(
        message.data["event"],
        json!({"kind": "vote_cast", "member": "FRA", "position": "yes"})
    );
    assert_eq!(message.data["event"], answer["events"][0]["event"]);
}

/// A meeting with some history: the vote open and `n_votes` cast; answers the seq of every
/// event the commands recorded, in order.
async fn meeting_with_votes(app: &TestApp, n_votes: usize) -> (String, Vec<u64>, Vec<String>) {
    let meeting = app.vote_open_on_s_2024_835(&json!({})).await;
    let mut seqs: Vec<u64> = (1..=app.seq(&meeting.id).await).collect();
    for member in &MEMBERS[..n_votes] {
        let answer = app
            .act_ok(
                &meeting.id,
                &key_of(&meeting, member),
                &cast_vote(position_on_s_2024_835(member)),
            )
            .await;
        seqs.extend(
            answer["events"]
                .as_array()
                .expect("events")
                .iter()
                .filter_map(|event| event["seq"].as_u64()),
        );
    }
    let keys = MEMBERS
        .iter()
        .map(|member| key_of(&meeting, member))
        .collect();
    (meeting.id.clone(), seqs, keys)
}

/// How a client says where it resumes.
#[derive(Debug, Clone, Copy)]
enum Resume {
    /// `Last-Event-ID: N`, as browsers send it.
    Header,
    /// `?after=N`.
    Query,
}

async fn resume(app: &TestApp, meeting: &str, how: Resume, after: u64) -> Subscriber {
    match how {
        Resume::Header => Subscriber::connect(app, meeting, "", Some(after)).await,
        Resume::Query => Subscriber::connect(app, meeting, &format!("?after={after}"), None).await,
    }
}

async fn check_resume(how: Resume) {
    let app = spawn_app().await;
    let (meeting, seqs, keys) = meeting_with_votes(&app, 6).await;
    let last = *seqs.last().expect("events");
    let everything = Subscriber::connect(&app, &meeting, "", None)
        .await
        .until(last)
        .await;
    for after in [0, 1, 3, last - 2, last] {
        let mut subscriber = resume(&app, &meeting, how, after).await;
        let expected: Vec<u64> = seqs.iter().copied().filter(|seq| *seq > after).collect();
        let resumed = if after < last {
            subscriber.until(last).await
        } else {
            Vec::new()
        };
        assert_eq!(ids(&resumed), expected, "resuming after {after}");
        assert_eq!(
            resumed,
            everything[after as usize..].to_vec(),
            "the same messages after {after}"
        );
    }
    // Live events after a resume: the next votes come once each, in order.
    let mut subscriber = resume(&app, &meeting, how, last - 1).await;
    let mut expected = vec![last];
    for key in &keys[6..9] {
        let answer = app.act_ok(&meeting, key, &cast_vote("yes")).await;
        expected.push(answer["seq"].as_u64().expect("a seq"));
    }
    let received = subscriber.until(*expected.last().expect("votes")).await;
    assert_eq!(ids(&received), expected);
}

#[tokio::test]
async fn reconnecting_with_last_event_id_resumes_after_it_without_gaps_or_repeats() {
    check_resume(Resume::Header).await;
}

#[tokio::test]
async fn resuming_with_an_after_query_gets_exactly_the_later_events() {
    check_resume(Resume::Query).await;
}

#[tokio::test]
async fn last_event_id_takes_precedence_over_the_after_query() {
    let app = spawn_app().await;
    let (meeting, seqs, _) = meeting_with_votes(&app, 3).await;
    let last = *seqs.last().expect("events");
    let mut subscriber = Subscriber::connect(&app, &meeting, "?after=1", Some(last - 1)).await;
    assert_eq!(ids(&subscriber.until(last).await), [last]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_concurrent_subscribers_all_receive_the_same_sequence() {
    let app = spawn_app().await;
    let meeting = app.vote_open_on_s_2024_835(&json!({})).await;
    let opened = app.seq(&meeting.id).await;
    let n_subscribers = 24;
    let mut subscribers = Vec::new();
    for index in 0..n_subscribers {
        // Some start from the beginning, some from the open vote.
        let after = if index % 2 == 0 { 0 } else { opened };
        subscribers.push((
            after,
            Subscriber::connect(&app, &meeting.id, "", Some(after)).await,
        ));
    }

    let mut voters = Vec::new();
    for member in MEMBERS {
        let client = app.client.clone();
        let url = app.url(&format!("/api/meetings/{}/commands", meeting.id));
        let key = key_of(&meeting, member);
        voters.push(tokio::spawn(async move {
            let response = client
                .post(url)
                .bearer_auth(key)
                .json(&cast_vote(position_on_s_2024_835(member)))
                .send()
                .await
                .expect("the server answers");
            assert_eq!(response.status(), StatusCode::OK);
        }));
    }
    for voter in voters {
        voter.await.expect("the voter finishes");
    }
    let closed = app
        .act_ok(
            &meeting.id,
            &key_of(&meeting, "president"),
            &json!({"command": "close_vote"}),
        )
        .await;
    let last = closed["seq"].as_u64().expect("a seq");

    let readers: Vec<_> = subscribers
        .into_iter()
        .map(|(after, mut subscriber)| {
            tokio::spawn(async move { (after, subscriber.until(last).await) })
        })
        .collect();
    let mut sequences = Vec::new();
    for reader in readers {
        sequences.push(reader.await.expect("the reader finishes"));
    }
    let (_, reference) = sequences
        .iter()
        .find(|(after, _)| *after == 0)
        .cloned()
        .expect("a subscriber from the start");
    assert_eq!(ids(&reference), (1..=last).collect::<Vec<_>>());
    let casts: Vec<&Value> = reference
        .iter()
        .filter(|message| message.event == "vote_cast")
        .map(|message| &message.data["event"]["member"])
        .collect();
    assert_eq!(casts.len(), 15);
    for (after, sequence) in &sequences {
        assert_eq!(sequence, &reference[*after as usize..].to_vec());
    }
    let view = app.view(&meeting.id).await;
    let cast_in_view: Vec<&Value> = view["votes"][0]["ballot"]
        .as_array()
        .expect("a ballot")
        .iter()
        .map(|cast| &cast["member"])
        .collect();
    assert_eq!(cast_in_view.len(), 15);
    assert_eq!(view["seq"], last);
}

/// A server of the test's own, to stop: its address, the stop signal and its task.
async fn stoppable_server() -> (
    String,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<()>>,
    tempfile::TempDir,
) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = council_server::DbUrl::Sqlite(dir.path().join("council.db"));
    let backend = council_server::Backend::open(&url)
        .await
        .expect("the store opens");
    let service = std::sync::Arc::new(council_server::Service::new(backend));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(council_server::run(listener, service, async {
        let _ = stopped.await;
    }));
    (base, stop, server, dir)
}

async fn create(client: &reqwest::Client, base: &str) -> String {
    let created: Value = client
        .post(format!("{base}/api/meetings"))
        .json(&json!({"date": "2024-11-20", "agenda": ["Middle East"]}))
        .send()
        .await
        .expect("the server answers")
        .json()
        .await
        .expect("a creation answer");
    created["id"].as_str().expect("an id").to_owned()
}

#[tokio::test]
async fn the_server_shuts_down_on_its_signal() {
    let (base, stop, server, _dir) = stoppable_server().await;
    let client = reqwest::Client::new();
    let _ = create(&client, &base).await;
    stop.send(()).expect("the server listens for shutdown");
    let stopped = tokio::time::timeout(PATIENCE, server).await;
    assert!(
        matches!(stopped, Ok(Ok(Ok(())))),
        "the server did not stop: {stopped:?}"
    );
}

#[tokio::test]
async fn the_server_shuts_down_while_a_board_is_subscribed() {
    let (base, stop, server, _dir) = stoppable_server().await;
    let client = reqwest::Client::new();
    let id = create(&client, &base).await;
    let mut board = client
        .get(format!("{base}/api/meetings/{id}/events"))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(board.status(), StatusCode::OK);
    let _ = board.chunk().await.expect("the opening event");

    stop.send(()).expect("the server listens for shutdown");
    let stopped = tokio::time::timeout(PATIENCE, server).await;
    assert!(stopped.is_ok(), "the server did not stop with a board open");
}
