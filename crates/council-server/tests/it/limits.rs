//! Limits per client over real HTTP: a client over its request rate, or guessing keys, gets
//! 429 in the API's error shape with `Retry-After`, and nothing is written.

use std::sync::Arc;

use council_server::{Backend, DbUrl, Limits, Service};
use reqwest::StatusCode;
use serde_json::json;
use tokio::net::TcpListener;

/// A server on a fresh database that limits loopback clients too.
async fn strict_server(
    limits: Limits,
) -> (String, tempfile::TempDir, tokio::sync::oneshot::Sender<()>) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let backend = Backend::open(&DbUrl::Sqlite(dir.path().join("council.db")))
        .await
        .expect("the store opens");
    let service = Arc::new(Service::new(backend));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(council_server::run_with_limits(
        listener,
        service,
        limits,
        async {
            let _ = stopped.await;
        },
    ));
    (base, dir, stop)
}

#[tokio::test]
async fn a_client_over_its_request_rate_gets_429_with_retry_after() {
    let (base, _dir, _stop) = strict_server(Limits {
        requests_per_second: 1,
        burst: 5,
        wrong_keys_per_minute: 0,
        apply_to_loopback: true,
    })
    .await;
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let answer = client
            .get(format!("{base}/api/meetings"))
            .send()
            .await
            .expect("the server answers");
        statuses.push(answer.status());
        if answer.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(answer.headers().contains_key("retry-after"));
            let body: serde_json::Value = answer.json().await.expect("a JSON error");
            assert_eq!(body["error"]["code"], "too_many_requests");
        }
    }
    assert_eq!(&statuses[..5], [StatusCode::OK; 5]);
    assert!(
        statuses[5..]
            .iter()
            .all(|status| *status == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn guessing_keys_is_cut_off_and_the_right_key_waits_out_the_minute() {
    let (base, _dir, _stop) = strict_server(Limits {
        requests_per_second: 0,
        burst: 0,
        wrong_keys_per_minute: 3,
        apply_to_loopback: true,
    })
    .await;
    let client = reqwest::Client::new();
    let created: serde_json::Value = client
        .post(format!("{base}/api/meetings"))
        .json(&json!({"date": "2024-11-20", "agenda": ["An item"]}))
        .send()
        .await
        .expect("the server answers")
        .json()
        .await
        .expect("JSON");
    let id = created["id"].as_str().expect("an id");
    let me = |key: String| {
        client
            .get(format!("{base}/api/meetings/{id}/me"))
            .bearer_auth(key)
            .send()
    };
    for guess in 0..3 {
        let answer = me(format!("{guess:032x}")).await.expect("answers");
        assert_eq!(answer.status(), StatusCode::UNAUTHORIZED);
    }
    let president = created["links"][0]["key"]
        .as_str()
        .expect("a key")
        .to_owned();
    let answer = me(president).await.expect("answers");
    assert_eq!(answer.status(), StatusCode::TOO_MANY_REQUESTS);
    // Reading without a key is not refused.
    let answer = client
        .get(format!("{base}/api/meetings/{id}"))
        .send()
        .await
        .expect("answers");
    assert_eq!(answer.status(), StatusCode::OK);
}
