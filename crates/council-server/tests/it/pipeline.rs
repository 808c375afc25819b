//! Votes decided while earlier ones are still being made durable (pipelining): fifteen
//! delegations voting at the same instant are each recorded once, in one unbroken chain,
//! and answered with the sequence numbers the log holds.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{cast_vote, key_of, position_on_s_2024_835, spawn_app};

#[tokio::test]
async fn fifteen_votes_at_once_are_each_recorded_once_in_order() {
    let app = spawn_app().await;
    let meeting = app.vote_open_on_s_2024_835(&json!({})).await;
    let before = app.seq(&meeting.id).await;
    let members = [
        "DZA", "CHN", "ECU", "FRA", "GUY", "JPN", "MLT", "MOZ", "KOR", "RUS", "SLE", "SVN", "CHE",
        "GBR", "USA",
    ];
    let mut votes = Vec::new();
    for member in members {
        let key = key_of(&meeting, member);
        let app = &app;
        let id = meeting.id.clone();
        votes.push(async move {
            let answer = app
                .act(&id, Some(&key), &cast_vote(position_on_s_2024_835(member)))
                .await;
            (member, answer)
        });
    }
    let answers = futures_util::future::join_all(votes).await;
    let mut seqs = BTreeSet::new();
    for (member, (status, body)) in &answers {
        assert_eq!(*status, StatusCode::OK, "{member}: {body}");
        assert!(seqs.insert(body["seq"].as_u64().expect("a seq")), "{body}");
    }
    // Every answer names its own event, and together they fill the log without a gap.
    let expected: BTreeSet<u64> = (before + 1..=before + 15).collect();
    assert_eq!(seqs, expected);
    let log = app.stored(&meeting.id).await;
    assert_eq!(log.len() as u64, before + 15);
    let view = app.view(&meeting.id).await;
    assert_eq!(view["seq"].as_u64(), Some(before + 15));
    let cast = view["voting"]["cast"].as_array().expect("the vote is open");
    let voters: BTreeSet<&str> = cast
        .iter()
        .map(|entry| entry["member"].as_str().unwrap())
        .collect();
    assert_eq!(voters.len(), 15);
    // The President closes: the engine sees all fifteen.
    let closed = app
        .act_ok(
            &meeting.id,
            &key_of(&meeting, "president"),
            &json!({"command": "close_vote"}),
        )
        .await;
    assert_eq!(
        closed["events"][0]["event"]["outcome"]["verdict"], "vetoed",
        "{closed}"
    );
}
