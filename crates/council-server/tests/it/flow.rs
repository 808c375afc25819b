//! The meeting flow through the API: the vote on S/2024/835 from the President's question to
//! the veto, closed consultations, the meeting list, the OpenAPI document and key management.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{
    DRAFT, MEMBERS, assert_error, cast_vote, key_of, meeting_of_20_november_2024,
    position_on_s_2024_835, spawn_app,
};

#[tokio::test]
async fn the_vote_on_s_2024_835_is_vetoed_fourteen_to_one_with_the_presidents_announcement() {
    let app = spawn_app().await;
    let meeting = app.vote_open_on_s_2024_835(&json!({})).await;
    let before_votes = app.seq(&meeting.id).await;

    for (n_cast, member) in MEMBERS.iter().enumerate() {
        let position = position_on_s_2024_835(member);
        let answer = app
            .act_ok(&meeting.id, &key_of(&meeting, member), &cast_vote(position))
            .await;
        let expected_seq = before_votes + 1 + n_cast as u64;
        assert_eq!(answer["seq"], expected_seq, "{member}'s vote: {answer}");
        assert_eq!(answer["events"][0]["kind"], "vote_cast");
        assert_eq!(answer["events"][0]["event"]["member"], *member);
        assert_eq!(answer["events"][0]["event"]["position"], position);
    }
    let open = app.view(&meeting.id).await;
    assert_eq!(open["voting"]["cast"].as_array().map(Vec::len), Some(15));
    assert_eq!(open["voting"]["cast"][14]["member"], "USA");

    app.act_ok(
        &meeting.id,
        &key_of(&meeting, "president"),
        &json!({"command": "close_vote"}),
    )
    .await;

    let view = app.view(&meeting.id).await;
    assert_eq!(view["voting"], Value::Null, "the vote is closed: {view}");
    let vote = view["votes"]
        .as_array()
        .and_then(|votes| votes.last())
        .expect("a vote was taken");
    assert_eq!(vote["item"], json!({"item": "draft", "draft": DRAFT}));
    assert_eq!(
        vote["tally"],
        json!({"yes": 14, "no": 1, "abstain": 0, "not_participating": 0, "absent": 0})
    );
    assert_eq!(vote["verdict"], "vetoed");
    assert_eq!(
        vote["announcement"],
        "The draft resolution has not been adopted, owing to the negative vote of a permanent \
         member of the Council."
    );
    assert_eq!(vote["general_assembly_debate_by"], "2024-12-05");
    let usa = vote["ballot"]
        .as_array()
        .and_then(|ballot| ballot.iter().find(|cast| cast["member"] == "USA"))
        .expect("the United States on the ballot");
    assert_eq!(usa["position"], "no");
    assert_eq!(view["drafts"][0]["symbol"], DRAFT);
    assert_eq!(view["drafts"][0]["status"], "vetoed");
    assert_eq!(view["president"]["code"], "GBR");
}

#[tokio::test]
async fn members_who_did_not_vote_are_recorded_absent_when_the_president_closes_the_vote() {
    let app = spawn_app().await;
    let meeting = app.vote_open_on_s_2024_835(&json!({})).await;
    for member in ["DZA", "FRA", "USA"] {
        app.act_ok(
            &meeting.id,
            &key_of(&meeting, member),
            &cast_vote(position_on_s_2024_835(member)),
        )
        .await;
    }
    app.act_ok(
        &meeting.id,
        &key_of(&meeting, "president"),
        &json!({"command": "close_vote"}),
    )
    .await;
    let view = app.view(&meeting.id).await;
    assert_eq!(
        view["votes"][0]["tally"],
        json!({"yes": 2, "no": 1, "abstain": 0, "not_participating": 0, "absent": 12})
    );
    assert_eq!(view["votes"][0]["verdict"], "insufficient_votes");
    assert_eq!(view["votes"][0]["general_assembly_debate_by"], Value::Null);
}

#[tokio::test]
async fn the_record_of_closed_consultations_is_not_public() {
    let app = spawn_app().await;
    let meeting = app
        .create_meeting(&json!({
            "date": "2024-11-20",
            "format": "closed_consultations",
            "agenda": ["Middle East"],
        }))
        .await;
    let path = format!("/api/meetings/{}", meeting.id);

    assert_error(
        &app.get(&path, None).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_error(
        &app.get(&path, Some("0123456789abcdef0123456789abcdef"))
            .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_error(
        &app.get(&format!("{path}/events"), None).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );

    let (status, view) = app.get(&path, Some(&key_of(&meeting, "FRA"))).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["format"], "closed_consultations");
    assert_eq!(view["title"], "Closed consultations");
}

#[tokio::test]
async fn the_meeting_list_shows_a_meeting_from_its_creation_to_its_adjournment() {
    let app = spawn_app().await;
    assert_eq!(app.meetings().await, json!([]));
    let meeting = app.create_meeting(&meeting_of_20_november_2024()).await;

    let list = app.meetings().await;
    let listed = list
        .as_array()
        .and_then(|list| list.iter().find(|line| line["id"] == meeting.id.as_str()))
        .unwrap_or_else(|| panic!("{} is not listed: {list}", meeting.id));
    assert_eq!(listed["date"], "2024-11-20");
    assert_eq!(listed["meeting_number"], 9790);
    assert_eq!(listed["format"], "public_meeting");
    assert_eq!(listed["agenda"][0], crate::support::AGENDA_ITEM);
    assert!(
        listed["president"]
            .as_str()
            .is_some_and(|name| name.starts_with("United Kingdom")),
        "{listed}"
    );
    assert_eq!(listed["closed"], false);

    app.act_ok(
        &meeting.id,
        &key_of(&meeting, "president"),
        &json!({"command": "adjourn"}),
    )
    .await;
    let list = app.meetings().await;
    assert_eq!(list[0]["id"], meeting.id.as_str());
    assert_eq!(list[0]["closed"], true);
}

#[tokio::test]
async fn the_meeting_list_puts_the_newest_date_first() {
    let app = spawn_app().await;
    let older = app
        .create_meeting(&json!({"date": "2023-03-01", "agenda": ["Older"]}))
        .await;
    let newer = app.create_meeting(&meeting_of_20_november_2024()).await;
    let list = app.meetings().await;
    let ids: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|line| line["id"].as_str())
        .collect();
    assert_eq!(ids, [newer.id.as_str(), older.id.as_str()]);
}

/// The `METHOD /api/...` routes that docs/api.md documents, with path parameters written
/// `{}` whatever their name.
fn documented_routes() -> Vec<(String, String)> {
    let contract = include_str!("../../../../docs/api.md");
    let mut routes = Vec::new();
    for (index, _) in contract.match_indices('`') {
        let rest = &contract[index + 1..];
        for method in ["GET", "POST", "DELETE"] {
            let Some(route) = rest.strip_prefix(method).and_then(|r| r.strip_prefix(' ')) else {
                continue;
            };
            let Some(end) = route.find('`') else { continue };
            let path = &route[..end];
            // The document need not describe itself.
            if path.starts_with("/api/") && path != "/api/openapi.json" {
                routes.push((method.to_lowercase(), generic_path(path)));
            }
        }
    }
    routes.sort();
    routes.dedup();
    routes
}

fn generic_path(path: &str) -> String {
    let mut generic = String::new();
    let mut in_parameter = false;
    for character in path.chars() {
        match character {
            '{' => {
                in_parameter = true;
                generic.push_str("{}");
            }
            '}' => in_parameter = false,
            _ if in_parameter => {}
            _ => generic.push(character),
        }
    }
    generic
}

#[tokio::test]
async fn the_openapi_document_lists_every_route_of_the_contract() {
    let app = spawn_app().await;
    let (status, document) = app.get("/api/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        document["openapi"]
            .as_str()
            .is_some_and(|version| version.starts_with("3.")),
        "{}",
        document["openapi"]
    );
    let paths = document["paths"].as_object().expect("paths");
    let described: Vec<(String, String)> = paths
        .iter()
        .flat_map(|(path, operations)| {
            let path = generic_path(path);
            operations
                .as_object()
                .into_iter()
                .flat_map(|operations| operations.keys())
                .map(move |method| (method.clone(), path.clone()))
        })
        .collect();

    let documented = documented_routes();
    assert!(
        documented.len() >= 8,
        "the contract's routes were not found: {documented:?}"
    );
    for route in &documented {
        assert!(
            described.contains(route),
            "{route:?} of docs/api.md is missing from /api/openapi.json: {described:?}"
        );
    }
    for schema in [
        "CommandRequest",
        "CreateMeeting",
        "MeetingView",
        "ErrorBody",
    ] {
        assert!(
            document["components"]["schemas"][schema].is_object(),
            "no schema {schema}"
        );
    }
}

#[tokio::test]
async fn a_key_tells_who_holds_it() {
    let app = spawn_app().await;
    let meeting = app
        .create_meeting(&json!({
            "date": "2024-11-20", "agenda": ["Middle East"], "invitees": ["PSE"],
        }))
        .await;
    let (status, me) = app.me(&meeting.id, &key_of(&meeting, "FRA")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        me,
        json!({"role": "delegation", "member": "FRA", "name": "France"})
    );
    let (_, me) = app.me(&meeting.id, &key_of(&meeting, "president")).await;
    assert_eq!(me["role"], "president");
    assert_eq!(me["member"], Value::Null);
    let (_, me) = app.me(&meeting.id, &key_of(&meeting, "PSE")).await;
    assert_eq!(me["role"], "invitee");
    assert_eq!(me["member"], "PSE");
    // A non-member observer State, named from data/members/observer_states.csv.
    assert_eq!(me["name"], "State of Palestine");
    assert_eq!(meeting.links.len(), 1 + 15 + 1 + 1, "{meeting:?}");
    for link in &meeting.links {
        if let Some(key) = &link.key {
            assert_eq!(key.len(), 32, "{link:?}");
            assert!(key.bytes().all(|byte| byte.is_ascii_hexdigit()), "{link:?}");
        }
    }
}

#[tokio::test]
async fn a_reissued_key_works_and_the_old_one_is_refused() {
    let app = spawn_app().await;
    let meeting = app.vote_open_on_s_2024_835(&json!({})).await;
    let president = key_of(&meeting, "president");
    let old = key_of(&meeting, "FRA");

    let response = app
        .client
        .post(app.url(&format!("/api/meetings/{}/links/FRA", meeting.id)))
        .bearer_auth(&president)
        .send()
        .await
        .expect("the server answers");
    let (status, link) = crate::support::answer(response).await;
    assert_eq!(status, StatusCode::OK, "{link}");
    assert_eq!(link["role"], "delegation");
    assert_eq!(link["member"], "FRA");
    let new = link["key"].as_str().expect("a new key").to_owned();
    assert_ne!(new, old);
    assert!(
        link["path"]
            .as_str()
            .is_some_and(|path| path.ends_with(&format!("#key={new}"))),
        "{link}"
    );

    assert_error(
        &app.act(&meeting.id, Some(&old), &cast_vote("yes")).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_eq!(app.me(&meeting.id, &old).await.0, StatusCode::UNAUTHORIZED);
    let answer = app.act_ok(&meeting.id, &new, &cast_vote("yes")).await;
    assert_eq!(answer["events"][0]["event"]["member"], "FRA");
}

#[tokio::test]
async fn a_reissued_presidents_key_replaces_the_old_one() {
    let app = spawn_app().await;
    let meeting = app.create_meeting(&meeting_of_20_november_2024()).await;
    let old = key_of(&meeting, "president");
    let response = app
        .client
        .post(app.url(&format!("/api/meetings/{}/links/president", meeting.id)))
        .bearer_auth(&old)
        .send()
        .await
        .expect("the server answers");
    let (status, link) = crate::support::answer(response).await;
    assert_eq!(status, StatusCode::OK, "{link}");
    let new = link["key"].as_str().expect("a new key").to_owned();
    assert_error(
        &app.act(&meeting.id, Some(&old), &json!({"command": "adopt_agenda"}))
            .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    app.act_ok(&meeting.id, &new, &json!({"command": "adopt_agenda"}))
        .await;
}

#[tokio::test]
async fn a_revoked_key_is_refused_until_the_president_issues_a_new_one() {
    let app = spawn_app().await;
    let meeting = app.vote_open_on_s_2024_835(&json!({})).await;
    let president = key_of(&meeting, "president");
    let revoked = key_of(&meeting, "RUS");
    let links = app.url(&format!("/api/meetings/{}/links/RUS", meeting.id));

    let response = app
        .client
        .delete(&links)
        .bearer_auth(&president)
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let seq = app.seq(&meeting.id).await;
    assert_error(
        &app.act(&meeting.id, Some(&revoked), &cast_vote("yes"))
            .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    assert_eq!(
        app.me(&meeting.id, &revoked).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.seq(&meeting.id).await, seq, "nothing was written");

    let response = app
        .client
        .post(&links)
        .bearer_auth(&president)
        .send()
        .await
        .expect("the server answers");
    let (status, link) = crate::support::answer(response).await;
    assert_eq!(status, StatusCode::OK, "{link}");
    let new = link["key"].as_str().expect("a new key");
    app.act_ok(&meeting.id, new, &cast_vote("yes")).await;
    assert_error(
        &app.act(&meeting.id, Some(&revoked), &cast_vote("yes"))
            .await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
}

#[tokio::test]
async fn the_presidents_own_key_cannot_be_revoked() {
    let app = spawn_app().await;
    let meeting = app.create_meeting(&meeting_of_20_november_2024()).await;
    let president = key_of(&meeting, "president");
    let response = app
        .client
        .delete(app.url(&format!("/api/meetings/{}/links/president", meeting.id)))
        .bearer_auth(&president)
        .send()
        .await
        .expect("the server answers");
    let answer = crate::support::answer(response).await;
    assert_error(&answer, StatusCode::UNPROCESSABLE_ENTITY, "rejected");
    assert_eq!(app.me(&meeting.id, &president).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_retried_vote_with_the_same_idempotency_key_returns_the_first_answer() {
    let app = spawn_app().await;
    let meeting = app.vote_open_on_s_2024_835(&json!({})).await;
    let france = key_of(&meeting, "FRA");
    let url = app.url(&format!("/api/meetings/{}/commands", meeting.id));
    let send = || {
        app.client
            .post(&url)
            .bearer_auth(&france)
            .header("Idempotency-Key", "fra-vote-1")
            .json(&cast_vote("yes"))
            .send()
    };
    let first = send().await.expect("the server answers");
    assert_eq!(first.status(), StatusCode::OK);
    let (_, first) = crate::support::answer(first).await;
    let seq = app.seq(&meeting.id).await;

    let retry = send().await.expect("the server answers");
    assert_eq!(retry.status(), StatusCode::OK);
    assert_eq!(
        retry
            .headers()
            .get("idempotent-replayed")
            .and_then(|value| value.to_str().ok()),
        Some("true")
    );
    let (_, retried) = crate::support::answer(retry).await;
    assert_eq!(retried, first);
    assert_eq!(
        app.seq(&meeting.id).await,
        seq,
        "the retry recorded nothing"
    );
}

#[tokio::test]
async fn every_key_handed_out_at_creation_works() {
    let app = spawn_app().await;
    let answer = app
        .post_meeting(&json!({
            "date": "2024-11-20", "agenda": ["Middle East"], "invitees": ["PSE", "PSE"],
        }))
        .await;
    if answer.0 != StatusCode::CREATED {
        // Refusing the duplicate is fine too, as long as it is refused cleanly.
        assert_error(&answer, StatusCode::BAD_REQUEST, "malformed");
        return;
    }
    let meeting: council_server::dto::CreatedMeeting =
        serde_json::from_value(answer.1).expect("a creation answer");
    for link in &meeting.links {
        if let Some(key) = &link.key {
            let (status, me) = app.me(&meeting.id, key).await;
            assert_eq!(status, StatusCode::OK, "{link:?}: {me}");
        }
    }
}

#[tokio::test]
async fn a_reissued_or_revoked_key_writes_to_the_access_log_only() {
    let app = spawn_app().await;
    let meeting = app.meeting_with_s_2024_835(&json!({})).await;
    let president = key_of(&meeting, "president");
    let (log, access) = app.written(&meeting.id).await;
    let links = app.url(&format!("/api/meetings/{}/links/FRA", meeting.id));
    let reissued = app
        .client
        .post(&links)
        .bearer_auth(&president)
        .send()
        .await
        .expect("the server answers");
    assert_eq!(reissued.status(), StatusCode::OK);
    let revoked = app
        .client
        .delete(&links)
        .bearer_auth(&president)
        .send()
        .await
        .expect("the server answers");
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    let (log_after, access_after) = app.written(&meeting.id).await;
    assert_eq!(log_after, log, "the meeting's log is untouched");
    let kinds: Vec<&str> = access_after[access.len()..]
        .iter()
        .map(|(_, kind, _)| kind.as_str())
        .collect();
    assert_eq!(kinds, ["key_issued", "key_revoked"]);
    let stored = serde_json::to_string(&access_after).expect("JSON");
    for link in &meeting.links {
        if let Some(key) = &link.key {
            assert!(!stored.contains(key.as_str()), "a key is stored in clear");
        }
    }
}

#[tokio::test]
async fn the_pages_and_the_record_of_docs_api_md_are_served() {
    let app = spawn_app().await;
    let meeting = app.vote_open_on_s_2024_835(&json!({})).await;
    for member in MEMBERS {
        app.act_ok(
            &meeting.id,
            &key_of(&meeting, member),
            &cast_vote(position_on_s_2024_835(member)),
        )
        .await;
    }
    app.act_ok(
        &meeting.id,
        &key_of(&meeting, "president"),
        &json!({"command": "close_vote"}),
    )
    .await;
    for page in ["/".to_owned(), format!("/m/{}/board", meeting.id)] {
        let response = app
            .client
            .get(app.url(&page))
            .send()
            .await
            .expect("the server answers");
        assert_eq!(response.status(), StatusCode::OK, "{page}");
    }
    for record in ["record", "record.md"] {
        let response = app
            .client
            .get(app.url(&format!("/m/{}/{record}", meeting.id)))
            .send()
            .await
            .expect("the server answers");
        assert_eq!(response.status(), StatusCode::OK, "{record}");
        let text = response.text().await.expect("the record");
        for needle in [crate::support::AGENDA_ITEM, DRAFT, "United States"] {
            assert!(text.contains(needle), "{record} lacks {needle}");
        }
    }
}

#[tokio::test]
async fn two_servers_on_one_file_never_record_a_member_twice() {
    let first = spawn_app().await;
    let second = crate::support::spawn_app_on(&first.db).await;
    let meeting = first.vote_open_on_s_2024_835(&json!({})).await;
    // The second server reads the meeting as it stands now.
    assert_eq!(second.view(&meeting.id).await["voting"]["cast"], json!([]));

    let france = key_of(&meeting, "FRA");
    first.act_ok(&meeting.id, &france, &cast_vote("yes")).await;
    // The second server has not seen France's vote: its append conflicts, it catches up from
    // the store, and the engine refuses the second vote.
    assert_error(
        &second
            .act(&meeting.id, Some(&france), &cast_vote("no"))
            .await,
        StatusCode::CONFLICT,
        "conflict",
    );
    second
        .act_ok(&meeting.id, &key_of(&meeting, "USA"), &cast_vote("no"))
        .await;
    first
        .act_ok(&meeting.id, &key_of(&meeting, "CHN"), &cast_vote("yes"))
        .await;

    let expected = json!([
        {"member": "FRA", "position": "yes"},
        {"member": "USA", "position": "no"},
        {"member": "CHN", "position": "yes"},
    ]);
    assert_eq!(first.view(&meeting.id).await["voting"]["cast"], expected);
    let stored: Vec<String> = first
        .stored(&meeting.id)
        .await
        .into_iter()
        .filter(|(_, kind, _)| kind == "vote_cast")
        .map(|(_, _, event)| event["member"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(stored, ["FRA", "USA", "CHN"]);
}

#[tokio::test]
async fn inviting_a_state_without_a_key_hands_the_president_its_link() {
    let app = spawn_app().await;
    let meeting = app.meeting_with_s_2024_835(&json!({})).await;
    let president = key_of(&meeting, "president");
    let answer = app
        .act_ok(
            &meeting.id,
            &president,
            &json!({"command": "invite_participant", "state": "ISR", "basis": "rule37"}),
        )
        .await;
    assert_eq!(answer["link"]["role"], "invitee");
    assert_eq!(answer["link"]["member"], "ISR");
    let israel = answer["link"]["key"].as_str().expect("a key").to_owned();
    let (status, me) = app.me(&meeting.id, &israel).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["role"], "invitee");
    let view = app.view(&meeting.id).await;
    assert_eq!(view["invitations"][0]["code"], "ISR");
    assert_eq!(view["invitations"][0]["basis"], "rule 37");

    // The invited State never votes.
    app.act_ok(
        &meeting.id,
        &president,
        &crate::support::put_draft_to_vote(DRAFT),
    )
    .await;
    assert_error(
        &app.act(&meeting.id, Some(&israel), &cast_vote("no")).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    );

    // A person invited under rule 39 gets no key.
    let meeting = app.meeting_with_s_2024_835(&json!({})).await;
    let answer = app
        .act_ok(
            &meeting.id,
            &key_of(&meeting, "president"),
            &json!({
                "command": "invite_participant", "name": "Tor Wennesland",
                "title": "Special Coordinator for the Middle East Peace Process", "basis": "rule39",
            }),
        )
        .await;
    assert_eq!(answer.get("link"), None, "{answer}");
}

#[tokio::test]
async fn a_presidential_statement_is_adopted_by_consensus_unless_a_member_objects() {
    let app = spawn_app().await;
    let meeting = app.meeting_with_s_2024_835(&json!({})).await;
    let president = key_of(&meeting, "president");
    for id in ["PRST-1", "PRST-2"] {
        app.act_ok(
            &meeting.id,
            &president,
            &json!({
                "command": "circulate_statement", "id": id, "kind": "presidential",
                "text": "The Security Council expresses its grave concern",
            }),
        )
        .await;
    }
    app.act_ok(
        &meeting.id,
        &key_of(&meeting, "RUS"),
        &json!({"command": "object_to_statement", "id": "PRST-2"}),
    )
    .await;
    for id in ["PRST-1", "PRST-2"] {
        app.act_ok(
            &meeting.id,
            &president,
            &json!({"command": "conclude_statement", "id": id}),
        )
        .await;
    }
    assert_error(
        &app.act(
            &meeting.id,
            Some(&president),
            &json!({"command": "conclude_statement", "id": "PRST-1"}),
        )
        .await,
        StatusCode::CONFLICT,
        "conflict",
    );
    let view = app.view(&meeting.id).await;
    let statements = view["statements"].as_array().expect("statements");
    assert_eq!(statements[1]["objections"], json!(["RUS"]));
    assert_eq!(
        statements[0]["outcome"],
        "The Security Council has adopted the presidential statement by consensus."
    );
    let refused = statements[1]["outcome"].as_str().expect("an outcome");
    assert!(
        refused.ends_with("has been agreed: the Council did not reach consensus."),
        "{refused}"
    );
}
