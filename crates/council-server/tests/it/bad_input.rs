//! Bad input gets the documented error and writes nothing: oversized, malformed or
//! mistyped bodies, a missing content type, unknown meetings and commands, clashes with what
//! already happened (409) and refusals by the rules (422). The server answers afterwards.

use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;
use serde_json::{Value, json};

use crate::support::{
    DRAFT, TestApp, assert_error, cast_vote, key_of, meeting_of_20_november_2024,
    put_draft_to_vote, put_in_blue, spawn_app, submit_s_2024_835,
};

/// A meeting with the vote on S/2024/835 open, and what is stored for it.
async fn voting(app: &TestApp) -> (crate::support::Log, crate::support::Log, String, String) {
    let meeting = app.vote_open_on_s_2024_835(&json!({})).await;
    let (log, access) = app.written(&meeting.id).await;
    (log, access, meeting.id.clone(), key_of(&meeting, "FRA"))
}

/// Asserts that nothing more was stored for the meeting and that the server still answers.
async fn assert_nothing_written(
    app: &TestApp,
    meeting: &str,
    before: &(crate::support::Log, crate::support::Log),
) {
    assert_eq!(&app.written(meeting).await, before, "something was written");
    let (status, _) = app.get("/api/meetings", None).await;
    assert_eq!(status, StatusCode::OK, "the server no longer answers");
}

/// Posts raw bytes as a command with France's key.
async fn post_raw(
    app: &TestApp,
    meeting: &str,
    key: &str,
    content_type: Option<&str>,
    body: impl Into<reqwest::Body>,
) -> (StatusCode, Value) {
    let mut request = app
        .client
        .post(app.url(&format!("/api/meetings/{meeting}/commands")))
        .bearer_auth(key)
        .body(body);
    if let Some(content_type) = content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    crate::support::answer(request.send().await.expect("the server answers")).await
}

#[tokio::test]
async fn a_body_over_64_kib_is_refused_as_too_large() {
    let app = spawn_app().await;
    let (log, access, meeting, france) = voting(&app).await;
    let huge = json!({
        "command": "explain_vote", "draft": DRAFT, "timing": "before_vote",
        "text": "x".repeat(65 * 1024),
    })
    .to_string();
    let answer = post_raw(&app, &meeting, &france, Some("application/json"), huge).await;
    assert_error(&answer, StatusCode::PAYLOAD_TOO_LARGE, "too_large");

    let huge_meeting = json!({"date": "2024-11-20", "agenda": ["y".repeat(70 * 1024)]});
    let answer = app.post_meeting(&huge_meeting).await;
    assert_error(&answer, StatusCode::PAYLOAD_TOO_LARGE, "too_large");
    assert_eq!(app.meetings().await.as_array().map(Vec::len), Some(1));
    assert_nothing_written(&app, &meeting, &(log, access)).await;
}

#[tokio::test]
async fn a_body_just_under_the_limit_is_read() {
    let app = spawn_app().await;
    let meeting = app.meeting_with_s_2024_835(&json!({})).await;
    let (meeting, france) = (meeting.id.clone(), key_of(&meeting, "FRA"));
    let text = "x".repeat(60 * 1024);
    let body = json!({
        "command": "explain_vote", "draft": DRAFT, "timing": "before_vote", "text": text,
    });
    let answer = app.act_ok(&meeting, &france, &body).await;
    assert_eq!(answer["events"][0]["event"]["text"], text.as_str());
}

#[tokio::test]
async fn malformed_json_is_refused_as_malformed() {
    let app = spawn_app().await;
    let (log, access, meeting, france) = voting(&app).await;
    for body in [
        r#"{"command": "cast_vote", "position": "#,
        "not json at all",
        "",
        "\u{0}\u{1}",
    ] {
        let answer = post_raw(&app, &meeting, &france, Some("application/json"), body).await;
        assert_error(&answer, StatusCode::BAD_REQUEST, "malformed");
    }
    let answer = app
        .client
        .post(app.url("/api/meetings"))
        .header(CONTENT_TYPE, "application/json")
        .body(r#"{"date": "2024-11-20", "agenda": ["#)
        .send()
        .await
        .expect("the server answers");
    assert_error(
        &crate::support::answer(answer).await,
        StatusCode::BAD_REQUEST,
        "malformed",
    );
    assert_nothing_written(&app, &meeting, &(log, access)).await;
}

#[tokio::test]
async fn a_command_that_is_a_json_array_is_refused_as_malformed() {
    let app = spawn_app().await;
    let (log, access, meeting, france) = voting(&app).await;
    let answer = post_raw(
        &app,
        &meeting,
        &france,
        Some("application/json"),
        r#"["cast_vote", "yes"]"#,
    )
    .await;
    assert_error(&answer, StatusCode::BAD_REQUEST, "malformed");
    assert_nothing_written(&app, &meeting, &(log, access)).await;
}

#[tokio::test]
async fn unknown_fields_are_refused_as_malformed() {
    let app = spawn_app().await;
    let (log, access, meeting, france) = voting(&app).await;
    let answer = app
        .act(
            &meeting,
            Some(&france),
            &json!({"command": "cast_vote", "position": "yes", "ballot": 1}),
        )
        .await;
    assert_error(&answer, StatusCode::BAD_REQUEST, "malformed");
    let message = answer.1["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("`ballot`"),
        "the field is named: {message}"
    );
    let mut body = meeting_of_20_november_2024();
    body["colour"] = json!("blue");
    assert_error(
        &app.post_meeting(&body).await,
        StatusCode::BAD_REQUEST,
        "malformed",
    );
    let answer = app
        .post_meeting(&json!({
            "date": "2024-11-20", "agenda": ["x"],
            "members": [{"code": "DZA", "name": "Algeria", "veto": true}],
        }))
        .await;
    assert_error(&answer, StatusCode::BAD_REQUEST, "malformed");
    assert_eq!(app.meetings().await.as_array().map(Vec::len), Some(1));
    assert_nothing_written(&app, &meeting, &(log, access)).await;
}

#[tokio::test]
async fn wrong_types_are_refused_as_malformed() {
    let app = spawn_app().await;
    let (log, access, meeting, france) = voting(&app).await;
    for body in [
        json!({"command": "cast_vote", "position": 5}),
        json!({"command": "cast_vote", "position": "maybe"}),
        json!({"command": "cast_vote", "position": null}),
        json!({"command": "cast_vote"}),
        json!({"command": 7}),
        json!({"position": "yes"}),
        json!("cast_vote"),
        json!({"command": "explain_vote", "draft": ["S/2024/835"], "timing": "before_vote", "text": "t"}),
    ] {
        let answer = app.act(&meeting, Some(&france), &body).await;
        assert_error(&answer, StatusCode::BAD_REQUEST, "malformed");
    }
    for body in [
        json!({"date": "2024-11-20", "meeting_number": "9790", "agenda": ["x"]}),
        json!({"date": "2024-11-20", "agenda": "x"}),
        json!({"date": "2024-11-20"}),
        json!({"date": "2024-11-20", "agenda": ["x"], "president": "gb"}),
        json!({"date": "2024-11-20", "agenda": ["x"], "invitees": ["Palestine"]}),
        json!({"date": "2024-11-20", "agenda": ["x"], "format": "informal_chat"}),
    ] {
        assert_error(
            &app.post_meeting(&body).await,
            StatusCode::BAD_REQUEST,
            "malformed",
        );
    }
    assert_eq!(app.meetings().await.as_array().map(Vec::len), Some(1));
    assert_nothing_written(&app, &meeting, &(log, access)).await;
}

#[tokio::test]
async fn a_body_without_a_json_content_type_is_refused_as_unsupported() {
    let app = spawn_app().await;
    let (log, access, meeting, france) = voting(&app).await;
    let body = cast_vote("yes").to_string();
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let answer = post_raw(&app, &meeting, &france, content_type, body.clone()).await;
        assert_error(
            &answer,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        );
    }
    let answer = post_raw(
        &app,
        &meeting,
        &france,
        Some("application/json; charset=utf-8"),
        body,
    )
    .await;
    assert_eq!(
        answer.0,
        StatusCode::OK,
        "a declared charset is fine: {}",
        answer.1
    );
    let (log_after, _) = app.written(&meeting).await;
    assert_eq!(log_after.len(), log.len() + 1);
    assert_eq!(app.written(&meeting).await.1, access);
}

#[tokio::test]
async fn an_unknown_meeting_is_not_found() {
    let app = spawn_app().await;
    let (log, access, meeting, france) = voting(&app).await;
    for id in [
        "m-0000000000000000",
        "no-such-meeting",
        "NOT-AN-ID",
        "m-x.access",
    ] {
        assert_error(
            &app.get(&format!("/api/meetings/{id}"), None).await,
            StatusCode::NOT_FOUND,
            "not_found",
        );
        assert_error(
            &app.get(&format!("/api/meetings/{id}/events"), None).await,
            StatusCode::NOT_FOUND,
            "not_found",
        );
        assert_error(
            &app.me(id, &france).await,
            StatusCode::NOT_FOUND,
            "not_found",
        );
        assert_error(
            &app.act(id, Some(&france), &cast_vote("yes")).await,
            StatusCode::NOT_FOUND,
            "not_found",
        );
    }
    assert_error(
        &app.get("/api/no-such-route", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_nothing_written(&app, &meeting, &(log, access)).await;
}

#[tokio::test]
async fn an_unknown_link_holder_is_not_found() {
    let app = spawn_app().await;
    let meeting = app.create_meeting(&meeting_of_20_november_2024()).await;
    let president = key_of(&meeting, "president");
    let written = app.written(&meeting.id).await;
    for holder in ["BRA", "board", "fra"] {
        let response = app
            .client
            .post(app.url(&format!("/api/meetings/{}/links/{holder}", meeting.id)))
            .bearer_auth(&president)
            .send()
            .await
            .expect("the server answers");
        let answer = crate::support::answer(response).await;
        assert_error(&answer, StatusCode::NOT_FOUND, "not_found");
    }
    assert_eq!(app.written(&meeting.id).await, written);
}

#[tokio::test]
async fn an_unknown_command_is_refused_as_malformed() {
    let app = spawn_app().await;
    let (log, access, meeting, france) = voting(&app).await;
    for command in [
        "veto",
        "CastVote",
        "cast-vote",
        "open_meeting",
        "record_vote",
    ] {
        let answer = app
            .act(&meeting, Some(&france), &json!({"command": command}))
            .await;
        assert_error(&answer, StatusCode::BAD_REQUEST, "malformed");
    }
    assert_nothing_written(&app, &meeting, &(log, access)).await;
}

#[tokio::test]
async fn a_vote_when_no_ballot_is_open_is_a_conflict() {
    let app = spawn_app().await;
    let meeting = app.meeting_with_s_2024_835(&json!({})).await;
    let written = app.written(&meeting.id).await;
    let answer = app
        .act(
            &meeting.id,
            Some(&key_of(&meeting, "FRA")),
            &cast_vote("yes"),
        )
        .await;
    assert_error(&answer, StatusCode::CONFLICT, "conflict");
    assert!(answer.1["error"]["rejection"].is_string(), "{}", answer.1);
    assert_nothing_written(&app, &meeting.id, &written).await;
}

#[tokio::test]
async fn a_second_vote_on_the_same_ballot_is_a_conflict() {
    let app = spawn_app().await;
    let (_, _, meeting, france) = voting(&app).await;
    app.act_ok(&meeting, &france, &cast_vote("yes")).await;
    let written = app.written(&meeting).await;
    for position in ["yes", "no"] {
        let answer = app.act(&meeting, Some(&france), &cast_vote(position)).await;
        assert_error(&answer, StatusCode::CONFLICT, "conflict");
    }
    assert_nothing_written(&app, &meeting, &written).await;
    let view = app.view(&meeting).await;
    assert_eq!(
        view["voting"]["cast"],
        json!([{"member": "FRA", "position": "yes"}])
    );
}

#[tokio::test]
async fn a_vote_after_the_ballot_closed_is_a_conflict() {
    let app = spawn_app().await;
    let meeting = app.vote_open_on_s_2024_835(&json!({})).await;
    app.act_ok(
        &meeting.id,
        &key_of(&meeting, "president"),
        &json!({"command": "close_vote"}),
    )
    .await;
    let written = app.written(&meeting.id).await;
    let answer = app
        .act(
            &meeting.id,
            Some(&key_of(&meeting, "USA")),
            &cast_vote("no"),
        )
        .await;
    assert_error(&answer, StatusCode::CONFLICT, "conflict");
    let answer = app
        .act(
            &meeting.id,
            Some(&key_of(&meeting, "president")),
            &put_draft_to_vote(DRAFT),
        )
        .await;
    assert_error(&answer, StatusCode::CONFLICT, "conflict");
    assert_nothing_written(&app, &meeting.id, &written).await;
}

#[tokio::test]
async fn a_draft_symbol_submitted_twice_is_a_conflict() {
    let app = spawn_app().await;
    let meeting = app.meeting_with_s_2024_835(&json!({})).await;
    let written = app.written(&meeting.id).await;
    for member in ["GUY", "FRA"] {
        let answer = app
            .act(
                &meeting.id,
                Some(&key_of(&meeting, member)),
                &submit_s_2024_835(),
            )
            .await;
        assert_error(&answer, StatusCode::CONFLICT, "conflict");
    }
    assert_nothing_written(&app, &meeting.id, &written).await;
}

#[tokio::test]
async fn a_rule_refusal_is_rejected_with_the_engines_explanation() {
    let app = spawn_app().await;
    let meeting = app.meeting_with_s_2024_835(&json!({})).await;
    let president = key_of(&meeting, "president");
    let written = app.written(&meeting.id).await;

    let answer = app
        .act(
            &meeting.id,
            Some(&president),
            &put_draft_to_vote("S/2024/999"),
        )
        .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "rejected");
    assert!(
        answer.1["error"]["message"]
            .as_str()
            .is_some_and(|message| message.contains("S/2024/999")),
        "the message names the draft: {}",
        answer.1
    );
    assert!(answer.1["error"]["rejection"].is_string(), "{}", answer.1);

    // A draft's paragraphs are labelled once each.
    let answer = app
        .act(
            &meeting.id,
            Some(&key_of(&meeting, "FRA")),
            &json!({
                "command": "submit_draft", "symbol": "S/2024/900",
                "paragraphs": [{"label": "OP1", "text": "a"}, {"label": "OP1", "text": "b"}],
            }),
        )
        .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "rejected");
    assert_nothing_written(&app, &meeting.id, &written).await;
}

#[tokio::test]
async fn a_vote_by_a_party_to_the_dispute_is_rejected_when_cast() {
    let app = spawn_app().await;
    let meeting = app.create_meeting(&meeting_of_20_november_2024()).await;
    let president = key_of(&meeting, "president");
    app.act_ok(&meeting.id, &president, &json!({"command": "adopt_agenda"}))
        .await;
    let mut draft = submit_s_2024_835();
    draft["parties_to_dispute"] = json!(["USA"]);
    app.act_ok(&meeting.id, &key_of(&meeting, "GUY"), &draft)
        .await;
    app.act_ok(&meeting.id, &key_of(&meeting, "GUY"), &put_in_blue(DRAFT))
        .await;
    app.act_ok(&meeting.id, &president, &put_draft_to_vote(DRAFT))
        .await;
    let written = app.written(&meeting.id).await;
    let answer = app
        .act(
            &meeting.id,
            Some(&key_of(&meeting, "USA")),
            &cast_vote("no"),
        )
        .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "rejected");
    assert_nothing_written(&app, &meeting.id, &written).await;
    // The President can still close the vote.
    app.act_ok(&meeting.id, &president, &json!({"command": "close_vote"}))
        .await;
}

#[tokio::test]
async fn a_rule_refusal_names_the_engines_rule_in_snake_case() {
    let app = spawn_app().await;
    let meeting = app.meeting_with_s_2024_835(&json!({})).await;
    let answer = app
        .act(
            &meeting.id,
            Some(&key_of(&meeting, "FRA")),
            &cast_vote("yes"),
        )
        .await;
    assert_eq!(answer.1["error"]["rejection"], "no_vote_in_progress");
    let answer = app
        .act(
            &meeting.id,
            Some(&key_of(&meeting, "president")),
            &put_draft_to_vote("S/2024/999"),
        )
        .await;
    assert_eq!(answer.1["error"]["rejection"], "unknown_draft");
}

#[tokio::test]
async fn a_meeting_with_a_bad_date_is_malformed_and_one_outside_the_data_is_rejected() {
    let app = spawn_app().await;
    for date in ["2024-13-40", "20 November 2024", "2024-11-20T10:00:00", ""] {
        let answer = app
            .post_meeting(&json!({"date": date, "agenda": ["x"]}))
            .await;
        assert_error(&answer, StatusCode::BAD_REQUEST, "malformed");
    }
    for date in ["1900-01-01", "1946-01-16", "2999-01-01"] {
        let answer = app
            .post_meeting(&json!({"date": date, "agenda": ["x"]}))
            .await;
        assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "rejected");
    }
    let answer = app
        .post_meeting(&json!({"date": "2024-11-20", "agenda": []}))
        .await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "rejected");
    assert_eq!(app.meetings().await, json!([]));
    let stored = council_store::EventStore::streams(app.service.store())
        .await
        .expect("the store answers");
    assert!(stored.is_empty(), "nothing was stored: {stored:?}");
}

#[tokio::test]
async fn a_malformed_last_event_id_is_refused_as_malformed() {
    let app = spawn_app().await;
    let meeting = app.create_meeting(&meeting_of_20_november_2024()).await;
    let response = app
        .client
        .get(app.url(&format!("/api/meetings/{}/events", meeting.id)))
        .header("Last-Event-ID", "seven")
        .send()
        .await
        .expect("the server answers");
    assert_error(
        &crate::support::answer(response).await,
        StatusCode::BAD_REQUEST,
        "malformed",
    );
}

#[tokio::test]
async fn a_member_listed_twice_in_a_body_is_not_a_conflict() {
    let app = spawn_app().await;
    let answer = app
        .post_meeting(&json!({
            "date": "2024-11-20", "agenda": ["Model UN"],
            "members": [{"code": "AAA", "name": "Arcadia"}, {"code": "AAA", "name": "Arcadia"}],
        }))
        .await;
    assert!(
        [StatusCode::BAD_REQUEST, StatusCode::UNPROCESSABLE_ENTITY].contains(&answer.0),
        "{} {}",
        answer.0,
        answer.1
    );
    let meeting = app.meeting_with_s_2024_835(&json!({})).await;
    let mut draft = submit_s_2024_835();
    draft["symbol"] = json!("S/2024/900");
    draft["sponsors"] = json!(["GUY", "GUY"]);
    let answer = app
        .act(&meeting.id, Some(&key_of(&meeting, "GUY")), &draft)
        .await;
    assert!(
        [StatusCode::BAD_REQUEST, StatusCode::UNPROCESSABLE_ENTITY].contains(&answer.0),
        "{} {}",
        answer.0,
        answer.1
    );
}
