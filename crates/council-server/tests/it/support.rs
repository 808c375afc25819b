//! Helpers shared by the server's tests: [`spawn_app`] runs the real server in-process on a
//! loopback port over a fresh SQLite file, and the helpers below drive it over real HTTP.

use std::sync::Arc;

use council_server::dto::CreatedMeeting;
use council_server::{Backend, DbUrl, Service};
use council_store::{EventStore, StreamId};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The agenda item of the 9790th meeting (S/PV.9790).
pub(crate) const AGENDA_ITEM: &str =
    "The situation in the Middle East, including the Palestinian question";

/// The draft resolution of the elected members, vetoed on 20 November 2024.
pub(crate) const DRAFT: &str = "S/2024/835";

/// The Council of 20 November 2024, as the data names its members.
pub(crate) const MEMBERS: [&str; 15] = [
    "DZA", "CHN", "ECU", "FRA", "GUY", "JPN", "MLT", "MOZ", "KOR", "RUS", "SLE", "SVN", "CHE",
    "GBR", "USA",
];

/// How the Council voted on S/2024/835 (S/PV.9790): fourteen in favour, the United States
/// against.
pub(crate) fn position_on_s_2024_835(member: &str) -> &'static str {
    if member == "USA" { "no" } else { "yes" }
}

/// A server running in this process on `127.0.0.1` and a random port, over its own SQLite
/// file; it shuts down when dropped.
pub(crate) struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub(crate) base: String,
    /// A client for it.
    pub(crate) client: reqwest::Client,
    /// The service behind the server, to read its store directly.
    pub(crate) service: Arc<Service<Backend>>,
    /// The directory of the database file, removed with the app that made it.
    _dir: Option<TempDir>,
    /// The database file.
    pub(crate) db: std::path::PathBuf,
    _shutdown: oneshot::Sender<()>,
}

/// Starts the server on a fresh database.
pub(crate) async fn spawn_app() -> TestApp {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("council.db");
    spawn_app_with(Some(dir), db).await
}

/// Starts a second server on the database file of another, as a second instance would.
pub(crate) async fn spawn_app_on(db: &std::path::Path) -> TestApp {
    spawn_app_with(None, db.to_owned()).await
}

async fn spawn_app_with(dir: Option<TempDir>, db: std::path::PathBuf) -> TestApp {
    let url = DbUrl::Sqlite(db.clone());
    let backend = Backend::open(&url).await.expect("the SQLite store opens");
    let service = Arc::new(Service::new(backend));
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let address = listener.local_addr().expect("the bound address");
    let (shutdown, stopped) = oneshot::channel::<()>();
    let server = Arc::clone(&service);
    tokio::spawn(async move {
        council_server::run(listener, server, async {
            let _ = stopped.await;
        })
        .await
        .expect("the server runs");
    });
    TestApp {
        base: format!("http://{address}"),
        client: reqwest::Client::new(),
        service,
        _dir: dir,
        db,
        _shutdown: shutdown,
    }
}

/// The body of `POST /api/meetings` for the 9790th meeting, 20 November 2024.
pub(crate) fn meeting_of_20_november_2024() -> Value {
    json!({
        "date": "2024-11-20",
        "meeting_number": 9790,
        "agenda": [AGENDA_ITEM],
    })
}

/// Guyana's `submit_draft` of S/2024/835 for the ten elected members.
pub(crate) fn submit_s_2024_835() -> Value {
    json!({
        "command": "submit_draft",
        "symbol": DRAFT,
        "sponsors": ["DZA", "ECU", "GUY", "JPN", "MLT", "MOZ", "KOR", "SLE", "SVN", "CHE"],
        "paragraphs": [{
            "label": "OP1",
            "text": "demands an immediate, unconditional and permanent ceasefire to be respected \
                     by all parties; and further reiterates its demand for the immediate and \
                     unconditional release of all hostages",
        }],
    })
}

/// The mover's `put_in_blue` of a draft.
pub(crate) fn put_in_blue(draft: &str) -> Value {
    json!({"command": "put_in_blue", "draft": draft})
}

/// The President's `put_to_vote` of a draft.
pub(crate) fn put_draft_to_vote(symbol: &str) -> Value {
    json!({"command": "put_to_vote", "item": {"item": "draft", "draft": symbol}})
}

/// A delegation's `cast_vote`.
pub(crate) fn cast_vote(position: &str) -> Value {
    json!({"command": "cast_vote", "position": position})
}

/// The key a creation answer gave to `holder`: `president` or a member's code.
pub(crate) fn key_of(created: &CreatedMeeting, holder: &str) -> String {
    created
        .links
        .iter()
        .find(|link| match &link.member {
            Some(member) => member.to_string() == holder,
            None => link.role == holder,
        })
        .and_then(|link| link.key.clone())
        .unwrap_or_else(|| panic!("no key for {holder} in {created:?}"))
}

/// The stored events of a stream, as `(seq, kind, payload)`.
pub(crate) type Log = Vec<(u64, String, Value)>;

impl TestApp {
    /// An absolute URL of a path on the server.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `POST /api/meetings` with any JSON body: the status and the JSON answer.
    pub(crate) async fn post_meeting(&self, body: &Value) -> (StatusCode, Value) {
        let response = self
            .client
            .post(self.url("/api/meetings"))
            .json(body)
            .send()
            .await
            .expect("the server answers");
        answer(response).await
    }

    /// Creates a meeting; panics unless the server answers `201`.
    pub(crate) async fn create_meeting(&self, body: &Value) -> CreatedMeeting {
        let (status, answer) = self.post_meeting(body).await;
        assert_eq!(status, StatusCode::CREATED, "creating {body}: {answer}");
        serde_json::from_value(answer).expect("a creation answer")
    }

    /// `POST /api/meetings/{meeting}/commands` with a key (or none): the status and the JSON
    /// answer.
    pub(crate) async fn act(
        &self,
        meeting: &str,
        key: Option<&str>,
        body: &Value,
    ) -> (StatusCode, Value) {
        let mut request = self
            .client
            .post(self.url(&format!("/api/meetings/{meeting}/commands")))
            .json(body);
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        answer(request.send().await.expect("the server answers")).await
    }

    /// Acts and panics unless the command is accepted (`200`); answers the JSON.
    pub(crate) async fn act_ok(&self, meeting: &str, key: &str, body: &Value) -> Value {
        let (status, answer) = self.act(meeting, Some(key), body).await;
        let mut shown = body.to_string();
        shown.truncate(300);
        assert_eq!(status, StatusCode::OK, "{shown} was refused: {answer}");
        answer
    }

    /// `GET` a path with a key (or none): the status and the JSON answer.
    pub(crate) async fn get(&self, path: &str, key: Option<&str>) -> (StatusCode, Value) {
        let mut request = self.client.get(self.url(path));
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        answer(request.send().await.expect("the server answers")).await
    }

    /// The meeting's view, read without a key; panics unless `200`.
    pub(crate) async fn view(&self, meeting: &str) -> Value {
        let (status, view) = self.get(&format!("/api/meetings/{meeting}"), None).await;
        assert_eq!(status, StatusCode::OK, "viewing {meeting}: {view}");
        view
    }

    /// The meeting's last sequence number, from its view.
    pub(crate) async fn seq(&self, meeting: &str) -> u64 {
        self.view(meeting).await["seq"]
            .as_u64()
            .expect("the view has a seq")
    }

    /// The meetings the server lists.
    pub(crate) async fn meetings(&self) -> Value {
        let (status, list) = self.get("/api/meetings", None).await;
        assert_eq!(status, StatusCode::OK, "listing meetings: {list}");
        list
    }

    /// The role a key holds, or the refusal: `GET /api/meetings/{meeting}/me`.
    pub(crate) async fn me(&self, meeting: &str, key: &str) -> (StatusCode, Value) {
        self.get(&format!("/api/meetings/{meeting}/me"), Some(key))
            .await
    }

    /// What the store holds for a stream, read directly.
    pub(crate) async fn stored(&self, stream: &str) -> Log {
        let stream = StreamId::parse(stream).expect("a stream id");
        self.service
            .store()
            .load(&stream)
            .await
            .expect("the store answers")
            .into_iter()
            .map(|event| (event.seq, event.kind, event.payload))
            .collect()
    }

    /// Everything stored for a meeting: its log and its access log.
    pub(crate) async fn written(&self, meeting: &str) -> (Log, Log) {
        (
            self.stored(meeting).await,
            self.stored(&format!("{meeting}.access")).await,
        )
    }

    /// The 20 November 2024 meeting (`body` may add fields such as `invitees`), with the
    /// agenda adopted by the President and S/2024/835 submitted by Guyana.
    pub(crate) async fn meeting_with_s_2024_835(&self, extra: &Value) -> CreatedMeeting {
        let mut body = meeting_of_20_november_2024();
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        let created = self.create_meeting(&body).await;
        let president = key_of(&created, "president");
        self.act_ok(&created.id, &president, &json!({"command": "adopt_agenda"}))
            .await;
        self.act_ok(&created.id, &key_of(&created, "GUY"), &submit_s_2024_835())
            .await;
        self.act_ok(&created.id, &key_of(&created, "GUY"), &put_in_blue(DRAFT))
            .await;
        created
    }

    /// [`Self::meeting_with_s_2024_835`] with the draft put to the vote.
    pub(crate) async fn vote_open_on_s_2024_835(&self, extra: &Value) -> CreatedMeeting {
        let created = self.meeting_with_s_2024_835(extra).await;
        let president = key_of(&created, "president");
        self.act_ok(&created.id, &president, &put_draft_to_vote(DRAFT))
            .await;
        created
    }
}

/// The status and JSON body of an answer (`Value::Null` for an empty body).
pub(crate) async fn answer(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let bytes = response.bytes().await.expect("the body is read");
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or_else(|error| {
            panic!(
                "a {status} answer is not JSON ({error}): {}",
                String::from_utf8_lossy(&bytes)
            )
        })
    };
    (status, body)
}

/// Asserts that an answer is the documented error: `status`, and a body
/// `{"error": {"code": code, "message": "..."}}` with a non-empty message.
#[track_caller]
pub(crate) fn assert_error(answer: &(StatusCode, Value), status: StatusCode, code: &str) {
    let (actual, body) = answer;
    assert_eq!(
        *actual, status,
        "expected {status} {code}, got {actual}: {body}"
    );
    assert_eq!(body["error"]["code"], code, "the error code of {body}");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(!message.is_empty(), "the error has no message: {body}");
}
