//! What only the PostgreSQL store has: the same hashes as SQLite for the same events, the
//! append-only triggers (truncation included), the `requests` key, appends from two stores
//! (two server instances) on one database, each sealing its events on the last hash stored
//! under the stream's lock, a batch that meets a database error failing as a whole, notifications of appends, opening only an existing log, typed failures to open,
//! and rows that `verify_all` must report without stopping.

use std::sync::Arc;
use std::time::Duration;

use council_store::{Corruption, EventStore, PostgresStore, StoreError, StreamId};
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

/// Checks that every stream of the first store is intact, and that both stores read
/// `meeting` alike.
async fn assert_intact(stores: [&PostgresStore; 2], meeting: &StreamId) {
    let report = stores[0].verify_all().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(
        stores[0].load(meeting).await.unwrap(),
        stores[1].load(meeting).await.unwrap()
    );
}

#[tokio::test]
async fn appends_submitted_together_chain_one_after_another_in_one_batch() {
    let backend = Postgres::new().await;
    let store = backend.open().await;
    let meeting = stream("m");
    // A new stream: its last hash is the genesis hash.
    store.append(&meeting, 0, vec![closed(0)]).await.unwrap();
    for seq in 1..4 {
        store.append(&meeting, seq, vec![closed(0)]).await.unwrap();
    }
    // Submitted together (the writer only runs when this test waits), so committed in one
    // batch: each is sealed on the one before it in the same transaction.
    let mut pending = Vec::new();
    for seq in [4, 6, 8] {
        let request_id = format!("r{seq}");
        pending.push(
            store
                .submit(&meeting, seq, by_request(&request_id, 0, 2))
                .await,
        );
    }
    for answer in pending {
        answer.await.unwrap();
    }
    // A store just opened goes on from what is stored.
    let store = backend.reopen(store).await;
    store.append(&meeting, 10, vec![closed(0)]).await.unwrap();
    store.append(&meeting, 11, vec![closed(0)]).await.unwrap();
    let report = store.verify_all().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.streams[0].n_events, 12);
}

#[tokio::test]
async fn instances_appending_to_one_stream_in_turn_seal_on_each_others_last_hash() {
    let backend = Postgres::new().await;
    let (first, second) = (backend.open().await, backend.open().await);
    let meeting = stream("meeting-9790");
    let opened = first.append(&meeting, 0, meeting_9790()).await.unwrap();
    let n_events = opened.len() as u64;
    // The second instance has never seen the stream.
    let by_second = second
        .append(&meeting, n_events, by_request("r1", 50, 1))
        .await
        .unwrap();
    assert_eq!(by_second[0].prev_hash, opened.last().unwrap().hash);
    // The first still believes the stream ends where it left it: a conflict, which tells it
    // where the stream ends now.
    let error = first
        .append(&meeting, n_events, by_request("r2", 51, 1))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, StoreError::Conflict { expected, actual, .. }
            if *expected == n_events && *actual == n_events + 1),
        "{error:?}"
    );
    // Reloaded and retried, as the server does.
    let by_first = first
        .append(&meeting, n_events + 1, by_request("r2", 51, 2))
        .await
        .unwrap();
    assert_eq!(by_first[0].prev_hash, by_second[0].hash);
    // Back to the second, which goes on from the first's events.
    second
        .append(&meeting, n_events + 3, vec![closed(60)])
        .await
        .unwrap();
    second
        .append(&meeting, n_events + 4, vec![closed(61)])
        .await
        .unwrap();
    assert_intact([&first, &second], &meeting).await;
    assert_eq!(
        first.load(&meeting).await.unwrap().len() as u64,
        n_events + 5
    );
}

#[tokio::test]
async fn an_append_is_sealed_on_the_hash_stored_not_on_one_its_store_wrote_before() {
    let backend = Postgres::new().await;
    let (first, second) = (backend.open().await, backend.open().await);
    let meeting = stream("m");
    let written = first
        .append(&meeting, 0, vec![closed(0), closed(1), closed(2)])
        .await
        .unwrap();
    // Event 3 is taken away behind the stores' backs and the second instance writes another
    // in its place: the stream ends at 3 again, where the first believes it does, but not on
    // the hash the first wrote there.
    let mut raw = backend.raw().await;
    for statement in [
        "DROP TRIGGER events_are_never_deleted ON events",
        "DELETE FROM events WHERE stream_id = 'm' AND seq = 3",
    ] {
        sqlx::query(statement).execute(&mut raw).await.unwrap();
    }
    raw.close().await.unwrap();
    let replaced = second.append(&meeting, 2, vec![closed(9)]).await.unwrap();
    assert_ne!(replaced[0].hash, written[2].hash);
    // Sealed on the hash read under the lock.
    let next = first
        .append(&meeting, 3, vec![closed(10), closed(11)])
        .await
        .unwrap();
    assert_eq!(next[0].prev_hash, replaced[0].hash);
    assert_eq!(next[1].prev_hash, next[0].hash);
    assert_eq!(first.load_after(&meeting, 3).await.unwrap(), next);
    assert_intact([&first, &second], &meeting).await;
}

/// A stream id whose advisory lock comes before (`Less`) or after (`Greater`) the lock of
/// `stream_id`, so that a batch takes the two in a known order.
fn stream_locked(ordering: std::cmp::Ordering, stream_id: &StreamId) -> StreamId {
    let key = |stream_id: &StreamId| council_store::postgres::stream_lock(stream_id).1;
    (0..10_000)
        .map(|n| stream(&format!("s{n}")))
        .find(|candidate| key(candidate).cmp(&key(stream_id)) == ordering)
        .expect("a stream id locked in that order")
}

#[tokio::test]
async fn a_database_error_in_one_append_fails_every_append_of_its_batch_and_writes_nothing() {
    let backend = Postgres::new().await;
    let store = backend.open().await;
    let mut appends = store.listen().await.unwrap();
    let doomed = stream("doomed");
    let before = stream_locked(std::cmp::Ordering::Less, &doomed);
    let after = stream_locked(std::cmp::Ordering::Greater, &doomed);
    store.append(&before, 0, vec![closed(0)]).await.unwrap();
    // A writer that bypasses the advisory lock holds request r1 of `doomed`, not yet
    // committed: the batch does not see it, and its write waits on that writer's key in
    // `requests`.
    let mut bypassing = backend.raw().await;
    for statement in [
        "BEGIN",
        "INSERT INTO requests (stream_id, request_id, first_seq) VALUES ('doomed', 'r1', 1)",
    ] {
        sqlx::query(statement)
            .execute(&mut bypassing)
            .await
            .unwrap();
    }
    // Submitted together, so committed in one batch.
    let mut pending = Vec::new();
    for (stream_id, expected_seq, events) in [
        (&after, 0, vec![closed(1)]),
        (&doomed, 0, by_request("r1", 2, 2)),
        (&before, 1, vec![closed(3)]),
    ] {
        pending.push(store.submit(stream_id, expected_seq, events).await);
    }
    let answers = tokio::spawn(futures_util::future::join_all(pending));
    let mut watching = backend.raw().await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let n_waiting: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
             AND wait_event_type = 'Lock' AND wait_event = 'transactionid'",
        )
        .fetch_one(&mut watching)
        .await
        .unwrap();
        if n_waiting == 1 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the append of r1 never waited for the bypassing writer"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The bypassing writer commits: the batch's write meets a unique violation, which aborts
    // the transaction, so no append of the batch may be reported written.
    sqlx::query("COMMIT").execute(&mut bypassing).await.unwrap();
    bypassing.close().await.unwrap();
    for answer in answers.await.unwrap() {
        match answer {
            Err(StoreError::Backend(error)) => {
                assert!(error.to_string().contains("requests_pkey"), "{error}");
            }
            other => panic!("{other:?}"),
        }
    }
    let n_events: i64 = sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(&mut watching)
        .await
        .unwrap();
    watching.close().await.unwrap();
    assert_eq!(n_events, 1);
    // The store goes on: the stream written before the error in the batch ends where it did,
    // and the request the bypassing writer holds is a duplicate.
    store.append(&before, 1, vec![closed(4)]).await.unwrap();
    let error = store
        .append(&doomed, 0, by_request("r1", 5, 1))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, StoreError::DuplicateRequest { seq: 1, .. }),
        "{error:?}"
    );
    assert!(store.load(&after).await.unwrap().is_empty());
    // Nothing of the failed batch was announced.
    let mut received = Vec::new();
    for _ in 0..2 {
        let next = tokio::time::timeout(NOTIFICATION_DEADLINE, appends.next())
            .await
            .expect("a notification within the deadline")
            .expect("the stream of appends never ends");
        received.push(next.unwrap());
    }
    assert_eq!(received, [(before.clone(), 1), (before, 2)]);
    let nothing_more = tokio::time::timeout(Duration::from_millis(300), appends.next()).await;
    assert!(nothing_more.is_err(), "{nothing_more:?}");
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
    // Refused appends write nothing and announce nothing.
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

    // An administrator (or a restart) ends the listening connection. Its pid is read first:
    // in one statement, PostgreSQL would call `pg_terminate_backend` on the listeners of
    // every database (the other tests') before keeping only this one's.
    let mut raw = backend.raw().await;
    let listening: Vec<i32> = sqlx::query_scalar(
        "SELECT pid FROM pg_stat_activity \
         WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    )
    .fetch_all(&mut raw)
    .await
    .unwrap();
    assert_eq!(listening.len(), 1);
    let terminated: bool = sqlx::query_scalar("SELECT pg_terminate_backend($1)")
        .bind(listening[0])
        .fetch_one(&mut raw)
        .await
        .unwrap();
    raw.close().await.unwrap();
    assert!(terminated);
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
