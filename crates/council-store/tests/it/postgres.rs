//! What only the PostgreSQL store has: the same hashes as SQLite for the same events, the
//! append-only triggers (truncation included), the `requests` key, appends from two stores
//! (two server instances) on one database, notifications of appends, opening only an
//! existing log, typed failures to open, and rows that `verify_all` must report without stopping.

use std::sync::Arc;
use std::time::Duration;

use council_store::{Corruption, EventStore, PostgresStore, StoreError};
use futures_util::StreamExt;
use sqlx::Connection;
use tokio::sync::Barrier;

use crate::support::{
    Backend, Postgres, Sqlite, by_request, closed, meeting_9790, request, stream,
};

/// How long a notification may take to arrive on loopback before the test fails.
const NOTIFICATION_DEADLINE: Duration = Duration::from_secs(10);

#[tokio::test]
async fn the_same_events_get_the_same_hashes_as_in_sqlite() {
    let (postgres, sqlite) = (Postgres::new().await, Sqlite::new());
    let (postgres_store, sqlite_store) = (postgres.open().await, sqlite.open().await);
    let meeting = stream("meeting-9790");
    let mut written = Vec::new();
    for store_events in [
        postgres_store.append(&meeting, 0, meeting_9790()).await,
        sqlite_store.append(&meeting, 0, meeting_9790()).await,
    ] {
        written.push(store_events.unwrap());
    }
    let n_events = written[0].len() as u64;
    for store_events in [
        postgres_store
            .append(&meeting, n_events, by_request("r1", 99, 2))
            .await,
        sqlite_store
            .append(&meeting, n_events, by_request("r1", 99, 2))
            .await,
    ] {
        written.push(store_events.unwrap());
    }
    assert_eq!(written[0], written[1]);
    assert_eq!(written[2], written[3]);
    let read_back = (
        postgres_store.load(&meeting).await.unwrap(),
        sqlite_store.load(&meeting).await.unwrap(),
    );
    assert_eq!(read_back.0, read_back.1);
    assert_eq!(
        postgres_store.verify_all().await.unwrap(),
        sqlite_store.verify_all().await.unwrap()
    );
}

#[tokio::test]
async fn triggers_refuse_updates_deletes_and_truncation_of_events_and_requests() {
    let backend = Postgres::new().await;
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
        "TRUNCATE events",
        "UPDATE requests SET first_seq = 2",
        "DELETE FROM requests",
        "TRUNCATE requests",
    ] {
        let error = sqlx::query(statement).execute(&mut raw).await.unwrap_err();
        assert!(
            error.to_string().contains("are append-only"),
            "{statement}: {error}"
        );
    }
    raw.close().await.unwrap();
    let store = backend.open().await;
    assert_eq!(store.load(&stream("m")).await.unwrap().len(), 2);
    store.verify(&stream("m")).await.unwrap();
}

#[tokio::test]
async fn a_request_in_the_requests_table_is_a_duplicate() {
    let backend = Postgres::new().await;
    let store = backend.open().await;
    let meeting = stream("m");
    store.append(&meeting, 0, vec![closed(0)]).await.unwrap();
    let mut raw = backend.raw().await;
    sqlx::query("INSERT INTO requests (stream_id, request_id, first_seq) VALUES ('m', 'r1', 1)")
        .execute(&mut raw)
        .await
        .unwrap();
    raw.close().await.unwrap();
    let error = store
        .append(&meeting, 1, by_request("r1", 1, 1))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, StoreError::DuplicateRequest { seq: 1, .. }),
        "{error:?}"
    );
    assert_eq!(store.load(&meeting).await.unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_two_instances_appending_at_the_same_seq_exactly_one_wins() {
    let backend = Postgres::new().await;
    let instances = [
        Arc::new(backend.open().await),
        Arc::new(backend.open().await),
    ];
    for round in 0..10 {
        let meeting = stream(&format!("m{round}"));
        instances[0]
            .append(&meeting, 0, vec![closed(0)])
            .await
            .unwrap();
        let barrier = Arc::new(Barrier::new(2));
        let writers: Vec<_> = instances
            .iter()
            .enumerate()
            .map(|(writer, store)| {
                let (store, barrier, meeting) = (store.clone(), barrier.clone(), meeting.clone());
                let request_id = format!("r{writer}");
                tokio::spawn(async move {
                    barrier.wait().await;
                    store
                        .append(&meeting, 1, by_request(&request_id, 1, 2))
                        .await
                })
            })
            .collect();
        let mut outcomes = Vec::new();
        for writer in writers {
            outcomes.push(writer.await.unwrap());
        }
        let n_won = outcomes.iter().filter(|outcome| outcome.is_ok()).count();
        let n_conflicts = outcomes
            .iter()
            .filter(|outcome| {
                matches!(
                    outcome,
                    Err(StoreError::Conflict {
                        expected: 1,
                        actual: 3,
                        ..
                    })
                )
            })
            .count();
        assert_eq!((n_won, n_conflicts), (1, 1), "round {round}: {outcomes:?}");
        for store in &instances {
            assert_eq!(store.load(&meeting).await.unwrap().len(), 3);
            store.verify(&meeting).await.unwrap();
        }
    }
}

#[tokio::test]
async fn an_append_is_announced_to_a_listener_on_another_connection_once_committed() {
    let backend = Postgres::new().await;
    let (listening, writing) = (backend.open().await, backend.open().await);
    let mut appends = listening.listen().await.unwrap();
    let meeting = stream("meeting-9790");
    writing
        .append(&meeting, 0, vec![closed(0), closed(1)])
        .await
        .unwrap();
    // Refused appends are rolled back, and their notifications with them.
    writing
        .append(&meeting, 0, vec![closed(2)])
        .await
        .unwrap_err();
    writing
        .append(&meeting, 2, by_request("r1", 2, 1))
        .await
        .unwrap();
    writing
        .append(&meeting, 3, by_request("r1", 3, 1))
        .await
        .unwrap_err();
    writing
        .append(&stream("other"), 0, vec![closed(0)])
        .await
        .unwrap();
    let mut received = Vec::new();
    for _ in 0..3 {
        let next = tokio::time::timeout(NOTIFICATION_DEADLINE, appends.next())
            .await
            .expect("a notification within the deadline")
            .expect("the stream of appends never ends");
        received.push(next.unwrap());
    }
    assert_eq!(
        received,
        [(meeting.clone(), 2), (meeting, 3), (stream("other"), 1)]
    );
    let nothing_more = tokio::time::timeout(Duration::from_millis(300), appends.next()).await;
    assert!(nothing_more.is_err(), "{nothing_more:?}");
}

#[tokio::test]
async fn a_listener_whose_connection_is_lost_says_so_then_listens_again() {
    let backend = Postgres::new().await;
    let store = backend.open().await;
    let mut appends = store.listen().await.unwrap();
    let meeting = stream("m");
    store.append(&meeting, 0, vec![closed(0)]).await.unwrap();
    let first = tokio::time::timeout(NOTIFICATION_DEADLINE, appends.next()).await;
    assert_eq!(first.unwrap().unwrap().unwrap(), (meeting.clone(), 1));

    // An administrator (or a restart) ends the listening connection.
    let mut raw = backend.raw().await;
    let n_terminated: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_stat_activity \
         WHERE datname = current_database() AND query LIKE 'LISTEN%' \
         AND pg_terminate_backend(pid)",
    )
    .fetch_one(&mut raw)
    .await
    .unwrap();
    raw.close().await.unwrap();
    assert_eq!(n_terminated, 1);
    let lost = tokio::time::timeout(NOTIFICATION_DEADLINE, appends.next()).await;
    let lost = lost.unwrap().unwrap();
    assert!(matches!(&lost, Err(StoreError::Backend(_))), "{lost:?}");

    // The next poll reconnects; what was appended meanwhile is read from the log.
    let mut received = None;
    let next = async {
        let next = appends.next().await;
        received = next;
    };
    let append = async {
        // Until the listener is back, appends are not announced to it: keep appending.
        for seq in 1..50 {
            store.append(&meeting, seq, vec![closed(0)]).await.unwrap();
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    tokio::select! {
        () = next => {}
        () = append => panic!("no notification after reconnecting"),
    }
    let (announced, seq) = received.unwrap().unwrap();
    assert_eq!(announced, meeting);
    assert!(seq >= 2, "{seq}");
    assert!(store.load(&meeting).await.unwrap().len() as u64 >= seq);
}

#[tokio::test]
async fn open_existing_refuses_a_database_without_an_event_log_and_leaves_it_alone() {
    let backend = Postgres::new().await;
    let error = PostgresStore::open_existing(backend.url())
        .await
        .unwrap_err();
    assert!(matches!(&error, StoreError::NotAStore { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!(
            "{} is not an event store: it has no events table",
            backend.url()
        )
    );
    let mut raw = backend.raw().await;
    let n_tables: i64 =
        sqlx::query_scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            .fetch_one(&mut raw)
            .await
            .unwrap();
    assert_eq!(n_tables, 0);
    raw.close().await.unwrap();

    let store = backend.open().await;
    let written = store
        .append(&stream("m"), 0, vec![closed(0)])
        .await
        .unwrap();
    store.close().await;
    let store = PostgresStore::open_existing(backend.url()).await.unwrap();
    assert_eq!(store.load(&stream("m")).await.unwrap(), written);
}

#[tokio::test]
async fn a_server_that_cannot_be_reached_is_a_backend_error() {
    // Nothing listens on port 1; the store says the database failed, which the server
    // answers with 503.
    let error = PostgresStore::open("postgres://postgres@127.0.0.1:1/council")
        .await
        .unwrap_err();
    assert!(matches!(&error, StoreError::Backend(_)), "{error:?}");
    let backend = Postgres::new().await;
    let missing = format!("{}_missing", backend.url());
    let error = PostgresStore::open(&missing).await.unwrap_err();
    assert!(matches!(&error, StoreError::Backend(_)), "{error:?}");
}

#[tokio::test]
async fn a_malformed_url_fails_to_open_naming_it_without_its_password() {
    let error = PostgresStore::open("postgres://council:s3cret@127.0.0.1:notaport/council")
        .await
        .unwrap_err();
    assert!(matches!(&error, StoreError::Open { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "cannot open the event store at postgres://council:***@127.0.0.1:notaport/council"
    );
}

#[tokio::test]
async fn verify_all_reports_malformed_stream_ids_and_unreadable_rows_with_the_rest() {
    let backend = Postgres::new().await;
    let store = backend.open().await;
    let written = store
        .append(&stream("good"), 0, vec![closed(0)])
        .await
        .unwrap();
    store
        .append(
            &stream("unreadable"),
            0,
            vec![closed(0), closed(1), closed(2)],
        )
        .await
        .unwrap();
    store.close().await;
    let mut raw = backend.raw().await;
    for statement in [
        "DROP TRIGGER events_are_never_updated ON events",
        "INSERT INTO events SELECT 'two words', seq, kind, version, payload, recorded_at, \
         prev_hash, hash, request_id FROM events WHERE stream_id = 'good'",
        "UPDATE events SET payload = 'not json' WHERE stream_id = 'unreadable' AND seq = 2",
    ] {
        sqlx::query(statement).execute(&mut raw).await.unwrap();
    }
    raw.close().await.unwrap();
    let store = backend.open().await;
    let report = store.verify_all().await.unwrap();
    assert_eq!(report.malformed_stream_ids, ["two words"]);
    assert_eq!(report.streams.len(), 2);
    let good = &report.streams[0];
    assert!(good.is_intact(), "{good:?}");
    assert_eq!(good.head_hash, Some(written[0].hash));
    let unreadable = &report.streams[1];
    assert_eq!(unreadable.n_events, 3);
    assert_eq!(unreadable.head_hash, None);
    assert!(
        matches!(
            &unreadable.corruption,
            Some(Corruption::Unreadable { seq: 2, .. })
        ),
        "{unreadable:?}"
    );
    assert!(!report.is_intact());
    let found = store.find_request(&stream("good"), &request("r1")).await;
    assert_eq!(found.unwrap(), None);
}
