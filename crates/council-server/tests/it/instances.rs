//! Several server instances on one PostgreSQL database: a vote cast through one reaches a
//! board subscribed on the other, and a race between them is settled by the event log; and
//! an instance that has not heard of another's events reads them before refusing a command.

use std::sync::Arc;
use std::time::Duration;

use council_server::{Backend, DbUrl, Service};
use council_store::testing::TestDatabase;
use futures_util::StreamExt;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::net::TcpListener;

struct Instance {
    base: String,
    _stop: tokio::sync::oneshot::Sender<()>,
}

async fn instance(database: &TestDatabase) -> Instance {
    instance_on(&DbUrl::Postgres(database.url().to_owned())).await
}

async fn instance_on(db: &DbUrl) -> Instance {
    let backend = Backend::open(db).await.expect("the store opens");
    let service = Arc::new(Service::new(backend));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(council_server::run(listener, service, async {
        let _ = stopped.await;
    }));
    Instance { base, _stop: stop }
}

async fn act(
    client: &reqwest::Client,
    base: &str,
    id: &str,
    key: &str,
    body: Value,
) -> (StatusCode, Value) {
    let answer = client
        .post(format!("{base}/api/meetings/{id}/commands"))
        .bearer_auth(key)
        .json(&body)
        .send()
        .await
        .expect("the instance answers");
    let status = answer.status();
    (status, answer.json().await.unwrap_or(Value::Null))
}

fn key(created: &Value, member: &str) -> String {
    created["links"]
        .as_array()
        .expect("links")
        .iter()
        .find(|link| {
            link["member"] == member || (member == "president" && link["role"] == "president")
        })
        .and_then(|link| link["key"].as_str())
        .expect("a key")
        .to_owned()
}

/// The meeting of 20 November 2024, created through the instance at `base`: its answer
/// (with every key) and its id.
async fn create_meeting(client: &reqwest::Client, base: &str) -> (Value, String) {
    let created: Value = client
        .post(format!("{base}/api/meetings"))
        .json(&json!({"date": "2024-11-20", "agenda": ["The situation in the Middle East, including the Palestinian question"]}))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    let id = created["id"].as_str().expect("an id").to_owned();
    (created, id)
}

/// The agenda adopted through the first instance, draft S/2024/835 submitted by Guyana
/// through the second, then put in blue through the first: each step must succeed.
async fn in_blue_across(
    client: &reqwest::Client,
    (first, second): (&str, &str),
    id: &str,
    created: &Value,
) {
    let president = key(created, "president");
    let guyana = key(created, "GUY");
    for (base, key, body) in [
        (first, &president, json!({"command": "adopt_agenda"})),
        (
            second,
            &guyana,
            json!({"command": "submit_draft", "symbol": "S/2024/835", "paragraphs": [{"label": "OP1", "text": "demands an immediate ceasefire"}]}),
        ),
        (
            first,
            &guyana,
            json!({"command": "put_in_blue", "draft": "S/2024/835"}),
        ),
    ] {
        let (status, answer) = act(client, base, id, key, body).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
    }
}

#[tokio::test]
async fn a_vote_cast_on_one_instance_reaches_a_board_on_the_other() {
    let database = TestDatabase::new().await;
    let (first, second) = (instance(&database).await, instance(&database).await);
    let client = reqwest::Client::new();
    let (created, id) = create_meeting(&client, &first.base).await;
    let president = key(&created, "president");
    in_blue_across(&client, (&first.base, &second.base), &id, &created).await;
    let (status, answer) = act(
        &client,
        &second.base,
        &id,
        &president,
        json!({"command": "put_to_vote", "item": {"item": "draft", "draft": "S/2024/835"}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");

    // A board on the second instance, following from the events so far.
    let seq = client
        .get(format!("{}/api/meetings/{id}", second.base))
        .send()
        .await
        .expect("answers")
        .json::<Value>()
        .await
        .expect("JSON")["seq"]
        .as_u64()
        .expect("a seq");
    let board = client
        .get(format!(
            "{}/api/meetings/{id}/events?after={seq}",
            second.base
        ))
        .send()
        .await
        .expect("the board connects");
    let mut chunks = board.bytes_stream();

    // The United States votes through the first instance.
    let (status, answer) = act(
        &client,
        &first.base,
        &id,
        &key(&created, "USA"),
        json!({"command": "cast_vote", "position": "no"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let cast_seq = answer["seq"].as_u64().expect("a seq");

    let mut received = String::new();
    let arrived = tokio::time::timeout(Duration::from_secs(5), async {
        while let Some(chunk) = chunks.next().await {
            received.push_str(&String::from_utf8_lossy(&chunk.expect("a chunk")));
            if received.contains("\"member\":\"USA\"") {
                return;
            }
        }
    })
    .await;
    assert!(
        arrived.is_ok(),
        "the vote did not reach the other instance's board: {received:?}"
    );
    assert!(
        received.contains(&format!("id: {cast_seq}\n")),
        "{received}"
    );
    assert!(received.contains("event: vote_cast"), "{received}");

    // The second instance's view has it too, and a second vote by the same member is a
    // conflict there, though it was cast on the first.
    let (status, answer) = act(
        &client,
        &second.base,
        &id,
        &key(&created, "USA"),
        json!({"command": "cast_vote", "position": "yes"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(answer["error"]["rejection"], "already_voted");
}

#[tokio::test]
async fn a_command_is_refused_only_once_the_store_holds_nothing_newer_than_what_was_heard() {
    // Two instances on one SQLite file: no notifications at all, so the first hears of the
    // second's events only by reading the store.
    let directory = tempfile::tempdir().expect("a directory");
    let db = DbUrl::Sqlite(directory.path().join("council.db"));
    let (first, second) = (instance_on(&db).await, instance_on(&db).await);
    let client = reqwest::Client::new();
    let (created, id) = create_meeting(&client, &first.base).await;
    let guyana = key(&created, "GUY");
    // The agenda adopted through the first instance and the draft submitted through the
    // second; then the draft put in blue through the first, which, as it last heard, has no
    // such draft.
    in_blue_across(&client, (&first.base, &second.base), &id, &created).await;
    // A command refused on what the store holds is still refused.
    let (status, answer) = act(
        &client,
        &first.base,
        &id,
        &guyana,
        json!({"command": "put_in_blue", "draft": "S/2024/999"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["error"]["rejection"], "unknown_draft");
}
