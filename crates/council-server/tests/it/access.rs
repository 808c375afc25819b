//! The access matrix: every holder of a key (or of none) against every action of
//! docs/api.md. Forbidden actions are refused with exactly 401 (no usable key) or 403 (a role
//! that may not do it) in the API's error shape, and write nothing, neither to the meeting's
//! log nor to its access log; allowed ones are never refused for access.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{
    DRAFT, TestApp, assert_error, key_of, meeting_of_20_november_2024, spawn_app,
};

/// An action of the API.
#[derive(Debug, Clone)]
enum Action {
    /// `POST /api/meetings/{id}/commands` with this body.
    Command(Value),
    /// `POST /api/meetings/{id}/links/{holder}`.
    Reissue(&'static str),
    /// `DELETE /api/meetings/{id}/links/{holder}`.
    Revoke(&'static str),
}

/// The roles that hold a valid key of the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holder {
    President,
    Delegation,
    Invitee,
}

use Holder::{Delegation, Invitee, President};

/// One line of the matrix: an action and who may do it.
struct Line {
    action: Action,
    allowed: &'static [Holder],
}

fn command(body: Value, allowed: &'static [Holder]) -> Line {
    Line {
        action: Action::Command(body),
        allowed,
    }
}

fn paragraph(label: &str, text: &str) -> Value {
    json!({"label": label, "text": text})
}

/// Every command of docs/api.md that the server implements, and the links routes.
fn matrix() -> Vec<Line> {
    vec![
        command(json!({"command": "adopt_agenda"}), &[President]),
        command(
            json!({"command": "invite_participant", "state": "EGY", "basis": "rule37"}),
            &[President],
        ),
        command(
            json!({
                "command": "invite_participant", "name": "Philippe Lazzarini",
                "title": "Commissioner-General of UNRWA", "basis": "rule39",
            }),
            &[President],
        ),
        command(
            json!({"command": "put_to_vote", "item": {"item": "draft", "draft": DRAFT}}),
            &[President],
        ),
        command(json!({"command": "close_vote"}), &[President]),
        command(
            json!({
                "command": "circulate_statement", "id": "PRST-1", "kind": "presidential",
                "text": "The Security Council expresses its grave concern",
            }),
            &[President],
        ),
        command(
            json!({"command": "conclude_statement", "id": "PRST-1"}),
            &[President],
        ),
        command(json!({"command": "adjourn"}), &[President]),
        command(
            json!({"command": "cast_vote", "position": "yes"}),
            &[Delegation],
        ),
        command(
            json!({
                "command": "submit_draft", "symbol": "S/2024/900",
                "paragraphs": [paragraph("OP1", "calls for a humanitarian pause")],
            }),
            // Invited States may submit (rules 37 and 39); the engine decides the rest.
            &[Delegation, Invitee],
        ),
        command(
            json!({"command": "withdraw_draft", "draft": DRAFT}),
            &[Delegation, Invitee],
        ),
        command(
            json!({"command": "take_over_draft", "draft": DRAFT}),
            &[Delegation],
        ),
        // Rule 38: a Council member asks for the vote on an invited State's draft.
        command(
            json!({"command": "request_vote", "draft": DRAFT}),
            &[Delegation],
        ),
        command(
            json!({
                "command": "submit_amendment", "id": "A-1", "draft": DRAFT, "oral": true,
                "changes": [{"change": "replace", "paragraph": "OP1", "text": "calls for a ceasefire"}],
            }),
            &[Delegation],
        ),
        command(
            json!({"command": "request_separate_vote", "draft": DRAFT, "paragraph": "OP1"}),
            &[Delegation],
        ),
        command(
            json!({"command": "object_to_separate_vote", "draft": DRAFT, "paragraph": "OP1"}),
            &[Delegation, Invitee],
        ),
        command(
            json!({"command": "dispute_procedural_character", "draft": DRAFT}),
            &[Delegation],
        ),
        command(
            json!({
                "command": "explain_vote", "draft": DRAFT, "timing": "before_vote",
                "text": "We will vote in favour",
            }),
            &[Delegation],
        ),
        command(
            json!({"command": "object_to_statement", "id": "PRST-1"}),
            &[Delegation],
        ),
        command(
            json!({"command": "dissociate_from_statement", "id": "PRST-1"}),
            &[Delegation],
        ),
        command(
            json!({"command": "break_silence", "id": "PRST-1"}),
            &[Delegation],
        ),
        Line {
            action: Action::Reissue("president"),
            allowed: &[President],
        },
        Line {
            action: Action::Reissue("FRA"),
            allowed: &[President],
        },
        Line {
            action: Action::Reissue("PSE"),
            allowed: &[President],
        },
        Line {
            action: Action::Revoke("FRA"),
            allowed: &[President],
        },
        Line {
            action: Action::Revoke("PSE"),
            allowed: &[President],
        },
    ]
}

/// The commands of docs/api.md that the server does not carry out yet: still, a role that
/// may not do them must be refused for access, not told they are unavailable.
fn matrix_of_commands_not_available_yet() -> Vec<Line> {
    vec![
        command(
            json!({"command": "give_floor", "member": "DZA"}),
            &[President],
        ),
        command(json!({"command": "request_floor"}), &[Delegation, Invitee]),
        command(
            json!({"command": "co_sponsor", "draft": DRAFT}),
            &[Delegation, Invitee],
        ),
        command(
            json!({
                "command": "revise_draft", "draft": DRAFT,
                "paragraphs": [paragraph("OP1", "demands an immediate ceasefire")],
            }),
            &[Delegation, Invitee],
        ),
        command(
            json!({"command": "put_in_blue", "draft": DRAFT}),
            &[Delegation, Invitee],
        ),
    ]
}

async fn perform(
    app: &TestApp,
    meeting: &str,
    key: Option<&str>,
    action: &Action,
) -> (StatusCode, Value) {
    let request = match action {
        Action::Command(body) => return app.act(meeting, key, body).await,
        Action::Reissue(holder) => app
            .client
            .post(app.url(&format!("/api/meetings/{meeting}/links/{holder}"))),
        Action::Revoke(holder) => app
            .client
            .delete(app.url(&format!("/api/meetings/{meeting}/links/{holder}"))),
    };
    let request = match key {
        Some(key) => request.bearer_auth(key),
        None => request,
    };
    crate::support::answer(request.send().await.expect("the server answers")).await
}

/// The meeting every forbidden attempt is made in: the vote on S/2024/835 open, an invited
/// State, one revoked key and one replaced President's key; and the keys of each role.
struct Arena {
    meeting: String,
    president: String,
    delegation: String,
    invitee: String,
    /// Keys that are no key of this meeting, each with what it is.
    unusable: Vec<(&'static str, Option<String>)>,
}

async fn arena(app: &TestApp) -> Arena {
    let other = app.create_meeting(&meeting_of_20_november_2024()).await;
    let created = app
        .vote_open_on_s_2024_835(&json!({"invitees": ["PSE"]}))
        .await;
    let replaced_president = key_of(&created, "president");
    let (status, link) = perform(
        app,
        &created.id,
        Some(&replaced_president),
        &Action::Reissue("president"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{link}");
    let president = link["key"].as_str().expect("a key").to_owned();
    let revoked = key_of(&created, "CHN");
    let (status, answer) =
        perform(app, &created.id, Some(&president), &Action::Revoke("CHN")).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{answer}");
    Arena {
        meeting: created.id.clone(),
        president,
        delegation: key_of(&created, "FRA"),
        invitee: key_of(&created, "PSE"),
        unusable: vec![
            ("no key", None),
            ("the board (no key)", None),
            (
                "a garbage key",
                Some("not-a-key-of-anything-at-all-000".to_owned()),
            ),
            ("an empty key", Some(String::new())),
            (
                "the President's key of another meeting",
                Some(key_of(&other, "president")),
            ),
            (
                "France's key of another meeting",
                Some(key_of(&other, "FRA")),
            ),
            ("China's revoked key", Some(revoked)),
            ("the President's replaced key", Some(replaced_president)),
        ],
    }
}

/// Tries every line of `lines` with every key that may not do it, in one meeting, and checks
/// each refusal and that nothing was written.
async fn check_refusals(lines: &[Line]) {
    let app = spawn_app().await;
    let arena = arena(&app).await;
    let written = app.written(&arena.meeting).await;
    let holders = [
        (President, &arena.president),
        (Delegation, &arena.delegation),
        (Invitee, &arena.invitee),
    ];
    for line in lines {
        for (who, key) in &arena.unusable {
            let answer = perform(&app, &arena.meeting, key.as_deref(), &line.action).await;
            assert_error(&answer, StatusCode::UNAUTHORIZED, "unauthorized");
            assert_eq!(
                app.written(&arena.meeting).await,
                written,
                "{:?} by {who} wrote something",
                line.action
            );
        }
        for (holder, key) in holders {
            if line.allowed.contains(&holder) {
                continue;
            }
            let answer = perform(&app, &arena.meeting, Some(key), &line.action).await;
            assert!(
                answer.0 == StatusCode::FORBIDDEN,
                "{:?} by {holder:?}: expected 403, got {} {}",
                line.action,
                answer.0,
                answer.1
            );
            assert_error(&answer, StatusCode::FORBIDDEN, "forbidden");
            assert_eq!(
                app.written(&arena.meeting).await,
                written,
                "{:?} by {holder:?} wrote something",
                line.action
            );
        }
    }
    // Refused links calls issued and revoked nothing: every key still works.
    for (holder, key) in holders {
        let (status, me) = app.me(&arena.meeting, key).await;
        assert_eq!(status, StatusCode::OK, "{holder:?}'s key: {me}");
    }
}

#[tokio::test]
async fn every_forbidden_action_is_refused_with_401_or_403_and_writes_nothing() {
    check_refusals(&matrix()).await;
}

#[tokio::test]
async fn commands_not_available_yet_are_still_refused_for_access_to_roles_that_may_not_use_them() {
    check_refusals(&matrix_of_commands_not_available_yet()).await;
}

/// Every allowed action, in a fresh meeting per role, is never refused for access and its
/// body is always understood: the rules may still refuse it (409 or 422) in that state.
#[tokio::test]
async fn every_allowed_action_gets_past_access_control() {
    let app = spawn_app().await;
    let lines: Vec<Line> = matrix()
        .into_iter()
        .chain(matrix_of_commands_not_available_yet())
        .collect();
    for holder in [President, Delegation, Invitee] {
        let meeting = app
            .meeting_with_s_2024_835(&json!({"invitees": ["PSE"]}))
            .await;
        let mut key = key_of(
            &meeting,
            match holder {
                President => "president",
                Delegation => "FRA",
                Invitee => "PSE",
            },
        );
        for line in lines.iter().filter(|line| line.allowed.contains(&holder)) {
            let (status, answer) = perform(&app, &meeting.id, Some(&key), &line.action).await;
            assert!(
                [
                    StatusCode::OK,
                    StatusCode::NO_CONTENT,
                    StatusCode::CONFLICT,
                    StatusCode::UNPROCESSABLE_ENTITY
                ]
                .contains(&status),
                "{:?} by {holder:?} answered {status} {answer}",
                line.action
            );
            if let (Action::Reissue("president"), StatusCode::OK) = (&line.action, status) {
                key = answer["key"].as_str().expect("a new key").to_owned();
            }
        }
    }
}

#[tokio::test]
async fn the_president_puts_the_question_and_a_delegation_votes_only_as_itself() {
    let app = spawn_app().await;
    let meeting = app.vote_open_on_s_2024_835(&json!({})).await;
    let answer = app
        .act_ok(
            &meeting.id,
            &key_of(&meeting, "FRA"),
            &json!({"command": "cast_vote", "position": "abstain"}),
        )
        .await;
    assert_eq!(
        answer["events"][0]["event"],
        json!({"kind": "vote_cast", "member": "FRA", "position": "abstain"})
    );
}

#[tokio::test]
async fn a_body_naming_another_member_is_refused_as_malformed() {
    let app = spawn_app().await;
    let meeting = app.vote_open_on_s_2024_835(&json!({})).await;
    let france = key_of(&meeting, "FRA");
    let written = app.written(&meeting.id).await;
    let impersonations = [
        json!({"command": "cast_vote", "member": "USA", "position": "no"}),
        json!({"command": "cast_vote", "position": "no", "voter": "USA"}),
        json!({"command": "explain_vote", "member": "USA", "draft": DRAFT, "timing": "before_vote", "text": "no"}),
        json!({"command": "withdraw_draft", "member": "GUY", "draft": DRAFT}),
        json!({
            "command": "submit_amendment", "id": "A-1", "draft": DRAFT, "proposed_by": "USA",
            "changes": [{"change": "delete", "paragraph": "OP1"}],
        }),
        json!({"command": "request_separate_vote", "draft": DRAFT, "paragraph": "OP1", "requested_by": "USA"}),
    ];
    for body in &impersonations {
        let answer = app.act(&meeting.id, Some(&france), body).await;
        assert_error(&answer, StatusCode::BAD_REQUEST, "malformed");
        let message = answer.1["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains("unknown field"), "{message}");
        assert_eq!(
            app.written(&meeting.id).await,
            written,
            "{body} wrote something"
        );
    }
    assert_eq!(app.view(&meeting.id).await["voting"]["cast"], json!([]));
}

#[tokio::test]
async fn a_command_without_fields_refuses_unknown_fields_too() {
    let app = spawn_app().await;
    let meeting = app.create_meeting(&meeting_of_20_november_2024()).await;
    let president = key_of(&meeting, "president");
    let written = app.written(&meeting.id).await;
    for body in [
        json!({"command": "adopt_agenda", "member": "FRA"}),
        json!({"command": "adjourn", "by": "FRA"}),
        json!({"command": "close_vote", "ballot": {"FRA": "yes"}}),
    ] {
        let answer = app.act(&meeting.id, Some(&president), &body).await;
        assert_error(&answer, StatusCode::BAD_REQUEST, "malformed");
        assert_eq!(
            app.written(&meeting.id).await,
            written,
            "{body} wrote something"
        );
    }
}

#[tokio::test]
async fn a_key_replaced_by_another_process_is_refused_within_moments_and_its_successor_works() {
    let app = spawn_app().await;
    let created = app.create_meeting(&meeting_of_20_november_2024()).await;
    let me = format!("/api/meetings/{}/me", created.id);
    let old = key_of(&created, "FRA");
    assert_eq!(app.get(&me, Some(&old)).await.0, StatusCode::OK);
    // Once the keys read at the meeting's creation are no longer fresh, the server asks the
    // store whether anyone else wrote, and reads or not: nobody had, here.
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert_eq!(app.get(&me, Some(&old)).await.0, StatusCode::OK);

    // An operator's `council links --reissue`: another process, on the same SQLite file.
    let url = council_server::DbUrl::Sqlite(app.db.clone());
    let operator = council_server::Service::new(
        council_server::Backend::open(&url)
            .await
            .expect("the store opens"),
    );
    let links = operator
        .reissue_as_operator(&created.id, Some("FRA"))
        .await
        .expect("the operator reissues France's link");
    let new = links[0].key.clone().expect("a delegation's link has a key");

    // The server reads the access log again at most a quarter of a second after its last
    // read; allow a loaded machine ample time, but not forever.
    let replaced = std::time::Instant::now();
    loop {
        let (status, answer) = app.get(&me, Some(&old)).await;
        if status == StatusCode::UNAUTHORIZED {
            break;
        }
        assert_eq!(status, StatusCode::OK, "{answer}");
        assert!(
            replaced.elapsed() < std::time::Duration::from_secs(3),
            "the replaced key still works after {:?}",
            replaced.elapsed()
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let (status, answer) = app.get(&me, Some(&new)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["member"], "FRA");
}
