//! What each fuzz target checks, kept here so the targets in `fuzz_targets/` are one line.
//!
//! The invariant everywhere: arbitrary input never panics (a panic, an overflow with debug
//! assertions on, or a stack overflow is what libFuzzer reports as a crash). A refusal is a
//! fine answer; some answers are checked further:
//! - a refused API body is never a server error (500), since a client's mistake is never one;
//! - an accepted command's events survive the store's JSON round trip and replay to the
//!   meeting they were folded into, and the meeting renders (view, record) without panicking.
//!
//! # Layout
//! - [`scenario`]: `council run`'s TOML, parsed, translated, decided and rendered.
//! - [`decide`]: `council decide`'s JSON or JSON Lines, decided and answered as JSON.
//! - [`api_command`]: lines of `<holder> <body>`, each body a `POST .../commands`, against
//!   an opened meeting.
//! - [`api_create_meeting`]: a `POST /api/meetings` body, through the real service on an
//!   in-memory store.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use council_core::MemberCode;
use council_core::meeting::{self, Command, Event, Meeting, MeetingFormat, evolve};
use council_data::Roster;
use council_server::access::Role;
use council_server::dto::{CommandRequest, CreateMeeting};
use council_server::service::authorize;
use council_server::{ApiError, Service};
use council_store::MemStore;

/// `council run`: a scenario file's text, run and rendered as the three record formats.
pub fn scenario(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let roster = Roster::embedded();
    if let Ok(events) = council_cli::scenario::run(Path::new("fuzz.toml"), text, roster) {
        check_events(&events);
        render(&events, roster);
    }
}

/// `council decide --json`: the input as standard input; bad input is fine, a failure
/// (exit status 1, a bug or an I/O error on a sink that never fails) is not.
pub fn decide(data: &[u8]) {
    if std::str::from_utf8(data).is_err() {
        // Not UTF-8 is refused before anything is parsed.
        return;
    }
    let mut stdin = data;
    let mut stdout = std::io::sink();
    let mut stderr = std::io::sink();
    let mut io = council_cli::Io {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
    };
    if let Err(error) = council_cli::commands::decide::run(None, true, &mut io) {
        assert_eq!(error.exit_status(), 2, "not bad input: {error:#}");
    }
}

/// The day of the meeting every command is tried on (S/PV.9790, the demo's).
fn meeting_date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2024, 11, 20).expect("a real date")
}

/// The demo's meeting, opened and nothing else: composition and presidency of the day.
fn opened_meeting() -> &'static (Meeting, Vec<Event>) {
    static OPENED: OnceLock<(Meeting, Vec<Event>)> = OnceLock::new();
    OPENED.get_or_init(|| {
        let roster = Roster::embedded();
        let date = meeting_date();
        let composition = roster.composition_on(date).expect("the data covers 2024");
        let president = roster
            .presidency(2024, 11)
            .expect("the data covers 2024")
            .president();
        let open = Command::OpenMeeting {
            date,
            format: MeetingFormat::PublicMeeting,
            meeting_number: Some(9790),
            composition,
            president,
            agenda: vec!["The situation in the Middle East".to_owned()],
            requested_by: Vec::new(),
        };
        let events = meeting::decide(&Meeting::default(), open).expect("the demo meeting opens");
        (Meeting::replay(&events), events)
    })
}

/// `POST /api/meetings/{id}/commands`, line after line: each line is `<holder> <body>`,
/// the holder `president` or a member code (a delegation if it sits on the Council, an
/// invitee otherwise) and the body what the API reads. Accepted commands are folded in, so
/// later lines act on the meeting earlier ones made.
pub fn api_command(data: &[u8]) {
    let (opened, opening) = opened_meeting();
    let roster = Roster::embedded();
    let mut state = opened.clone();
    let mut events = opening.clone();
    for line in data.split(|byte| *byte == b'\n') {
        let (holder, body) = match line.iter().position(|byte| *byte == b' ') {
            Some(space) => (&line[..space], &line[space + 1..]),
            None => (line, &b""[..]),
        };
        let role = match holder {
            b"president" => Role::President,
            code => {
                let Some(code) = std::str::from_utf8(code)
                    .ok()
                    .and_then(|code| MemberCode::parse(code).ok())
                else {
                    continue;
                };
                let sits = state
                    .details()
                    .is_some_and(|details| details.composition.contains(code));
                if sits {
                    Role::Delegation(code)
                } else {
                    Role::Invitee(code)
                }
            }
        };
        let Some(request) = read_body::<CommandRequest>(body) else {
            continue;
        };
        let command = match authorize(role, request) {
            Ok(command) => command,
            Err(error) => {
                assert_client_error(&error);
                continue;
            }
        };
        let Ok(new_events) = meeting::decide(&state, command) else {
            continue;
        };
        for event in &new_events {
            state = evolve(state, event);
        }
        events.extend(new_events);
    }
    check_events(&events);
    assert_eq!(
        Meeting::replay(&events),
        state,
        "replaying the log gives the meeting folded command by command"
    );
    let _ = council_server::view::view("m-fuzz", events.len() as u64, &state, roster);
    let _ = council_server::view::summary("m-fuzz", &state);
    render(&events, roster);
}

/// `POST /api/meetings`: the body, read as the API reads it, and created through the real
/// service on an in-memory store; then the meeting is viewed and its record rendered.
pub fn api_create_meeting(data: &[u8]) {
    let Some(request) = read_body::<CreateMeeting>(data) else {
        return;
    };
    runtime().block_on(async {
        let service = Arc::new(Service::new(MemStore::new()));
        match service.create_with_id("m-fuzz", request).await {
            Ok(created) => {
                assert_eq!(created.id, "m-fuzz");
                service
                    .view("m-fuzz")
                    .await
                    .expect("a created meeting shows");
                let events = service
                    .events("m-fuzz")
                    .await
                    .expect("a created meeting has events");
                check_events(&events);
                render(&events, service.roster());
            }
            Err(error) => assert_client_error(&error),
        }
    });
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a tokio runtime starts")
    })
}

/// A body as `council_server::extract::JsonBody` reads it: one JSON object, then the type.
fn read_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Option<T> {
    let json: serde_json::Value = serde_json::from_slice(body).ok()?;
    if !json.is_object() {
        return None;
    }
    serde_json::from_value(json).ok()
}

/// A refusal of what a client sent is a 4xx, never a server error.
fn assert_client_error(error: &ApiError) {
    assert!(
        error.status().is_client_error(),
        "a client's mistake answered {}: {}",
        error.status(),
        error.message()
    );
}

/// Every event survives the store's round trip: JSON text and back, unchanged.
fn check_events(events: &[Event]) {
    for event in events {
        let text = serde_json::to_string(event).expect("events serialise");
        let back: Event = serde_json::from_str(&text)
            .unwrap_or_else(|error| panic!("event does not read back ({error}): {text}"));
        assert_eq!(&back, event, "event changed in its JSON round trip: {text}");
    }
}

/// The record in the three formats, as `council run` and the server render it.
fn render(events: &[Event], roster: &Roster) {
    let _ = council_verbatim::render(events, roster);
    let _ = council_verbatim::render_markdown(events, roster);
    let _ = council_verbatim::render_html(events, roster);
}
