//! `council verify` and `council export` on a real database: a clean log verifies, an
//! edited event is named, a missing file is bad input; the record comes out as Markdown.

use sqlx::{Connection, SqliteConnection};

use crate::support::{assert_bad_input, council};

/// A database holding the demo meeting, written by `council serve`'s own code path.
fn demo_database(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = dir.path().join("council.db");
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let backend = council_server::Backend::open(&council_server::DbUrl::Sqlite(db.clone()))
            .await
            .expect("the store opens");
        let service = council_server::Service::new(backend);
        service
            .ensure_demo()
            .await
            .expect("the demo meeting is created");
    });
    db
}

#[test]
fn verify_passes_a_clean_log_and_names_the_first_edited_event() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = demo_database(&dir);
    let path = db.to_str().expect("a UTF-8 path");
    let clean = council(&["verify", "--db", path], "");
    assert_eq!(clean.status, 0, "{clean:?}");
    assert!(clean.stdout.contains("ok   demo ("), "{}", clean.stdout);
    assert!(clean.stdout.contains("every hash chain is intact"));

    // Someone with the file edits the draft's text behind the server's back.
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let mut connection = SqliteConnection::connect(&format!("sqlite://{path}"))
            .await
            .expect("a raw connection");
        for statement in [
            "DROP TRIGGER events_are_never_updated",
            "UPDATE events SET payload = replace(payload, 'ceasefire', 'pause') \
             WHERE stream_id = 'demo' AND kind = 'draft_submitted'",
        ] {
            sqlx::query(statement)
                .execute(&mut connection)
                .await
                .expect("the edit");
        }
    });
    let edited = council(&["verify", "--db", path], "");
    assert_eq!(edited.status, 1, "{edited:?}");
    assert!(
        edited
            .stdout
            .contains("BAD  demo: event 3 of stream demo was altered"),
        "{}",
        edited.stdout
    );
    assert!(edited.stdout.contains("ok   demo.access"));
}

#[test]
fn verify_and_export_refuse_a_missing_database_and_create_nothing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let missing = dir.path().join("none.db");
    let path = missing.to_str().unwrap();
    assert_bad_input(&council(&["verify", "--db", path], ""), &["none.db"]);
    assert_bad_input(
        &council(&["export", "--db", path, "--meeting", "demo"], ""),
        &["none.db"],
    );
    assert!(!missing.exists());
}

#[test]
fn export_prints_the_record_of_a_meeting_as_markdown() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = demo_database(&dir);
    let run = council(
        &["export", "--db", db.to_str().unwrap(), "--meeting", "demo"],
        "",
    );
    assert_eq!(run.status, 0, "{run:?}");
    assert!(
        run.stdout.starts_with("# Security Council"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("9790th meeting (S/PV.9790)"));
    assert!(run.stdout.contains("## Draft resolution S/2024/835"));
    let unknown = council(
        &["export", "--db", db.to_str().unwrap(), "--meeting", "nope"],
        "",
    );
    assert_bad_input(&unknown, &["nope"]);
}
