//! What only the SQLite store has: the append-only triggers after the request-id migration
//! and the key of the `requests` table.

use council_store::{EventStore, StoreError};
use sqlx::Connection;

use crate::support::{Backend, Sqlite, by_request, closed, request, stream};

#[tokio::test]
async fn triggers_still_refuse_updates_and_deletes_after_the_request_id_migration() {
    let backend = Sqlite::new();
    let store = backend.open().await;
    store
        .append(&stream("m"), 0, by_request("r1", 0, 2))
        .await
        .unwrap();
    store.close().await;
    let mut raw = backend.raw().await;
    for statement in [
        "UPDATE events SET request_id = 'forged' WHERE seq = 1",
        "UPDATE events SET request_id = NULL WHERE seq = 1",
        "DELETE FROM events WHERE seq = 2",
        "UPDATE requests SET first_seq = 2",
        "DELETE FROM requests",
    ] {
        let error = sqlx::query(statement).execute(&mut raw).await.unwrap_err();
        assert!(
            error.to_string().contains("append-only"),
            "{statement}: {error}"
        );
    }
    raw.close().await.unwrap();
    let store = backend.open().await;
    store.verify(&stream("m")).await.unwrap();
}

#[tokio::test]
async fn a_request_in_the_requests_table_is_a_duplicate() {
    // The key of `requests`, not the events' own column, is what the store trusts to know
    // which requests a stream has seen.
    let backend = Sqlite::new();
    let store = backend.open().await;
    let meeting = stream("m");
    store.append(&meeting, 0, vec![closed(0)]).await.unwrap();
    store.close().await;
    let mut raw = backend.raw().await;
    sqlx::query("INSERT INTO requests (stream_id, request_id, first_seq) VALUES ('m', 'r1', 1)")
        .execute(&mut raw)
        .await
        .unwrap();
    raw.close().await.unwrap();
    let store = backend.open().await;
    let error = store
        .append(&meeting, 1, by_request("r1", 1, 1))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, StoreError::DuplicateRequest { seq: 1, .. }),
        "{error:?}"
    );
    assert_eq!(store.load(&meeting).await.unwrap().len(), 1);
    assert_eq!(
        store.find_request(&meeting, &request("r1")).await.unwrap(),
        None
    );
}
