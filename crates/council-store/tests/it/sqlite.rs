//! What only the SQLite store has: opening an existing file or failing with its path, the
//! append-only triggers and the migration of a file written before request ids, the
//! `requests` key, and rows that `verify_all` must report without stopping.

use std::path::Path;

use std::str::FromStr;

use council_store::{Corruption, EventStore, SqliteStore, StoreError};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};

use crate::support::{Backend, Sqlite, by_request, closed, request, stream};

fn names_path(error: &StoreError, path: &Path) -> bool {
    error.to_string().contains(&path.display().to_string())
}

#[tokio::test]
async fn open_existing_refuses_a_missing_file_and_creates_nothing() {
    let backend = Sqlite::new();
    let error = SqliteStore::open_existing(&backend.url())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, StoreError::NotFound { path } if *path == backend.path()),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!(
            "no event store at {}: the file does not exist",
            backend.path().display()
        )
    );
    assert!(!backend.path().exists());
}

#[tokio::test]
async fn open_existing_refuses_a_database_without_an_event_log_and_leaves_it_alone() {
    let backend = Sqlite::new();
    for contents in [None, Some("CREATE TABLE minutes (line TEXT)")] {
        std::fs::write(backend.path(), b"").unwrap();
        if let Some(statement) = contents {
            let options = SqliteConnectOptions::from_str(&backend.url()).unwrap();
            let mut raw = SqliteConnection::connect_with(&options).await.unwrap();
            sqlx::query(statement).execute(&mut raw).await.unwrap();
            raw.close().await.unwrap();
        }
        let before = std::fs::read(backend.path()).unwrap();
        let error = SqliteStore::open_existing(&backend.url())
            .await
            .unwrap_err();
        assert!(
            matches!(&error, StoreError::NotAStore { path } if *path == backend.path()),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!(
                "{} is not an event store: it has no events table",
                backend.path().display()
            )
        );
        let after = std::fs::read(backend.path()).unwrap();
        assert!(
            after == before,
            "{contents:?}: the file went from {} to {} bytes",
            before.len(),
            after.len()
        );
        assert!(!backend.path().with_extension("db-wal").exists());
    }
}

#[tokio::test]
async fn open_existing_refuses_a_file_that_is_not_a_database_naming_it() {
    let backend = Sqlite::new();
    std::fs::write(backend.path(), "meeting,seq\n9790,1\n".repeat(100)).unwrap();
    let error = SqliteStore::open_existing(&backend.url())
        .await
        .unwrap_err();
    assert!(matches!(&error, StoreError::Open { .. }), "{error:?}");
    assert!(names_path(&error, &backend.path()), "{error}");
}

#[tokio::test]
async fn open_existing_reads_a_store_that_open_wrote() {
    let backend = Sqlite::new();
    let store = backend.open().await;
    let written = store
        .append(&stream("m"), 0, by_request("r1", 0, 2))
        .await
        .unwrap();
    store.close().await;
    let store = SqliteStore::open_existing(&backend.url()).await.unwrap();
    assert_eq!(store.load(&stream("m")).await.unwrap(), written);
    assert!(store.verify_all().await.unwrap().is_intact());
}

#[tokio::test]
async fn open_in_a_missing_directory_fails_naming_the_file() {
    let backend = Sqlite::new();
    let path = backend.path().join("no-such-directory").join("council.db");
    let error = SqliteStore::open(&format!("sqlite:{}", path.display()))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, StoreError::Open { path: named, .. } if *named == path),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!("cannot open the event store at {}", path.display())
    );
    assert!(!path.exists());
}

#[tokio::test]
async fn open_in_a_read_only_directory_fails_naming_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let backend = Sqlite::new();
    let read_only = backend.path().with_file_name("read-only");
    std::fs::create_dir(&read_only).unwrap();
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o555)).unwrap();
    // A process with CAP_DAC_OVERRIDE (root, as in many containers) writes there anyway;
    // it cannot create files in sysfs, so that directory stands in for it.
    let directory = if std::fs::File::create(read_only.join("probe")).is_err() {
        read_only.clone()
    } else {
        Path::new("/sys").to_owned()
    };
    assert!(
        std::fs::File::create(directory.join("council-store-probe")).is_err(),
        "no directory this process cannot write to: {}",
        directory.display()
    );
    let path = directory.join("council.db");
    let opened = SqliteStore::open(&format!("sqlite:{}", path.display())).await;
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o755)).unwrap();
    let error = opened.unwrap_err();
    assert!(
        matches!(&error, StoreError::Open { path: named, .. } if *named == path),
        "{error:?}"
    );
    assert!(names_path(&error, &path), "{error}");
    assert!(!path.exists());
}

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

#[tokio::test]
async fn verify_all_reports_malformed_stream_ids_and_unreadable_rows_with_the_rest() {
    let backend = Sqlite::new();
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
        "DROP TRIGGER events_are_never_updated",
        "INSERT INTO events SELECT 'two words', seq, kind, version, payload, recorded_at, \
         prev_hash, hash, request_id FROM events WHERE stream_id = 'good'",
        "UPDATE events SET payload = 'not json' WHERE stream_id = 'unreadable' AND seq = 2",
    ] {
        sqlx::query(statement).execute(&mut raw).await.unwrap();
    }
    raw.close().await.unwrap();
    let store = SqliteStore::open_existing(&backend.url()).await.unwrap();
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
    let corruptions = report.corruptions();
    assert_eq!(
        corruptions.last(),
        Some(&Corruption::MalformedStreamId {
            id: "two words".to_owned()
        })
    );
    assert!(!report.is_intact());
}

#[tokio::test]
async fn a_file_written_before_request_ids_is_migrated_and_its_events_read_back_without_one() {
    let backend = Sqlite::new();
    let mut first_migration_only = sqlx::migrate!("./migrations/sqlite");
    first_migration_only.migrations = first_migration_only.migrations[..1].to_vec().into();
    let mut raw = SqliteConnection::connect_with(
        &SqliteConnectOptions::from_str(&backend.url())
            .unwrap()
            .create_if_missing(true),
    )
    .await
    .unwrap();
    first_migration_only.run(&mut raw).await.unwrap();
    // The event whose `council-event-v1` hash the chain module's test pinned before.
    let v1_hash = "3eb226ecba41c1854b3cccc89ea19e7151a5bee44e51961cb32a264eaa5bfee6";
    sqlx::query(
        "INSERT INTO events (stream_id, seq, kind, version, payload, recorded_at, prev_hash, hash) \
         VALUES ('m1', 1, 'meeting_closed', 1, '{\"kind\":\"meeting_closed\"}', \
         '1970-01-01T00:00:00.000000000Z', ?, ?)",
    )
    .bind("0".repeat(64))
    .bind(v1_hash)
    .execute(&mut raw)
    .await
    .unwrap();
    raw.close().await.unwrap();

    let store = SqliteStore::open_existing(&backend.url()).await.unwrap();
    let meeting = stream("m1");
    let old = store.load(&meeting).await.unwrap();
    assert_eq!(old.len(), 1);
    assert_eq!(old[0].request_id, None);
    store
        .append(&meeting, 1, by_request("r1", 1, 1))
        .await
        .unwrap();
    let found = store.find_request(&meeting, &request("r1")).await.unwrap();
    assert_eq!(found.map(|events| events[0].seq), Some(2));
    // A hash written under `council-event-v1` does not verify under v2 (the chain module's
    // docs): no such log was ever deployed.
    let error = store.verify(&meeting).await.unwrap_err();
    assert!(
        matches!(
            &error,
            StoreError::Corrupt(Corruption::Altered { seq: 1, .. })
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn many_concurrent_appends_commit_together_and_a_stale_one_fails_alone() {
    let backend = Sqlite::new();
    let store = std::sync::Arc::new(backend.open().await);
    // A stream with one event, so that an append expecting 0 there is stale.
    store
        .append(&stream("taken"), 0, vec![closed(0)])
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for writer in 0..200 {
        let store = std::sync::Arc::clone(&store);
        tasks.push(tokio::spawn(async move {
            store
                .append(
                    &stream(&format!("writer-{writer}")),
                    0,
                    vec![closed(writer)],
                )
                .await
        }));
    }
    let stale = {
        let store = std::sync::Arc::clone(&store);
        tokio::spawn(async move { store.append(&stream("taken"), 0, vec![closed(1)]).await })
    };
    for task in tasks {
        let stored = task
            .await
            .unwrap()
            .expect("every fresh stream takes its event");
        assert_eq!(stored[0].seq, 1);
    }
    assert!(matches!(
        stale.await.unwrap(),
        Err(StoreError::Conflict { actual: 1, .. })
    ));
    let report = store.verify_all().await.unwrap();
    assert!(report.is_intact());
    assert_eq!(report.streams.len(), 201);
    assert_eq!(report.n_events(), 201);
}

#[tokio::test]
async fn a_batch_that_fails_writes_nothing_and_acknowledges_nothing() {
    let backend = Sqlite::new();
    let store = std::sync::Arc::new(backend.open().await);
    // A trigger that fails any insert into one stream: whatever batch holds that append
    // fails as a whole, after the others of the batch were checked and sealed.
    let mut connection = SqliteConnection::connect(&backend.url()).await.unwrap();
    sqlx::query(
        "CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.stream_id = 'poison' \
         BEGIN SELECT RAISE(ABORT, 'poisoned'); END",
    )
    .execute(&mut connection)
    .await
    .unwrap();
    connection.close().await.unwrap();
    let mut appends = Vec::new();
    for writer in 0..100 {
        let id = if writer == 50 {
            "poison".to_owned()
        } else {
            format!("fresh-{writer}")
        };
        let store = std::sync::Arc::clone(&store);
        appends.push((
            id.clone(),
            tokio::spawn(async move { store.append(&stream(&id), 0, vec![closed(writer)]).await }),
        ));
    }
    let mut acknowledged = std::collections::BTreeSet::new();
    let mut refused = std::collections::BTreeSet::new();
    for (id, append) in appends {
        match append.await.unwrap() {
            Ok(_) => {
                acknowledged.insert(id);
            }
            Err(error) => {
                assert!(
                    matches!(&error, StoreError::Backend(_))
                        && format!("{error:?}").contains("poisoned"),
                    "{error:?}"
                );
                refused.insert(id);
            }
        }
    }
    assert!(refused.contains("poison"));
    let stored: std::collections::BTreeSet<String> = store
        .streams()
        .await
        .unwrap()
        .into_iter()
        .map(|stream| stream.as_str().to_owned())
        .collect();
    // Exactly the acknowledged appends are stored.
    assert_eq!(stored, acknowledged);
    assert!(store.verify_all().await.unwrap().is_intact());
}

#[tokio::test]
async fn written_elsewhere_changes_with_another_stores_writes_and_not_with_its_own() {
    let backend = Sqlite::new();
    let (store, other) = (backend.open().await, backend.open().await);
    let before = store.written_elsewhere().await.unwrap();
    assert!(before.is_some(), "SQLite can tell");
    store
        .append(&stream("mine"), 0, vec![closed(0)])
        .await
        .unwrap();
    store.load(&stream("mine")).await.unwrap();
    assert_eq!(store.written_elsewhere().await.unwrap(), before);
    other
        .append(&stream("theirs"), 0, vec![closed(1)])
        .await
        .unwrap();
    let after = store.written_elsewhere().await.unwrap();
    assert_ne!(after, before);
    // And it holds still again until someone else writes.
    store
        .append(&stream("mine"), 1, vec![closed(2)])
        .await
        .unwrap();
    assert_eq!(store.written_elsewhere().await.unwrap(), after);
}
