//! The conformance suite: every backend must behave the same. Each test is one generic
//! function over [`Backend`], run below for every backend (memory, SQLite, PostgreSQL) by
//! `conformance_suite!`.

use std::sync::Arc;

use council_core::meeting::{Event, Meeting, evolve};
use council_store::{Corruption, EventHash, EventStore, InvalidEvent, StoreError, verify_chain};
use tokio::sync::Barrier;

use crate::support::{
    Backend, Tampering, by_request, closed, meeting_9790, meeting_9790_events, request, stream,
};

macro_rules! conformance_suite {
    ($($test:ident),* $(,)?) => {
        mod memory {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test(crate::support::Memory).await;
                }
            )*
        }
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test(crate::support::Sqlite::new()).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test(crate::support::Postgres::new().await).await;
                }
            )*
        }
    };
}

conformance_suite!(
    meeting_events_read_back_and_replay_to_the_meeting_folded_in_memory,
    sequence_numbers_run_from_one_without_gaps_across_appends,
    stale_expected_seq_is_a_conflict_and_writes_nothing,
    expected_seq_beyond_the_end_is_a_conflict_and_writes_nothing,
    of_two_concurrent_appenders_exactly_one_wins,
    load_after_gives_only_the_events_a_client_has_not_seen,
    many_concurrent_reads_each_get_their_own_streams_events_after_their_own_seq,
    streams_lists_every_stream_with_events_and_no_other,
    streams_are_listed_in_the_order_of_their_bytes,
    empty_append_writes_nothing,
    verify_passes_on_a_log_as_written,
    verify_names_an_event_whose_payload_was_edited,
    verify_names_the_place_of_a_deleted_event,
    verify_names_the_first_of_two_swapped_events,
    events_survive_closing_and_reopening_the_store,
    every_event_of_an_append_carries_its_request_id,
    events_of_one_append_with_different_request_ids_are_refused_and_nothing_written,
    repeated_request_is_refused_and_writes_nothing,
    repeated_request_is_recognised_before_a_stale_expected_seq,
    request_ids_are_unique_per_stream_not_per_store,
    of_two_concurrent_attempts_of_one_request_exactly_one_is_written,
    find_request_gives_back_the_events_of_that_request_only,
    find_request_and_duplicate_check_survive_reopening_the_store,
    verify_names_an_event_whose_request_id_was_altered_or_removed,
    verify_all_reports_every_stream_without_stopping_at_a_bad_one,
    verify_all_of_an_empty_store_is_intact,
);

async fn meeting_events_read_back_and_replay_to_the_meeting_folded_in_memory<B: Backend>(
    backend: B,
) {
    let store = backend.open().await;
    let meeting = stream("meeting-9790");
    let written = store.append(&meeting, 0, meeting_9790()).await.unwrap();
    let loaded = store.load(&meeting).await.unwrap();
    assert_eq!(loaded, written);

    let events_in_memory = meeting_9790_events();
    let events_read_back: Vec<Event> = loaded
        .iter()
        .map(|stored| stored.to_meeting_event().unwrap())
        .collect();
    assert_eq!(events_read_back, events_in_memory);
    let folded = events_in_memory.iter().fold(Meeting::default(), evolve);
    assert_eq!(Meeting::replay(&events_read_back), folded);
    assert!(
        loaded
            .iter()
            .zip(&events_in_memory)
            .all(|(stored, event)| stored.kind == event.kind() && stored.version == 1)
    );
    let vote_taken = loaded
        .iter()
        .find(|stored| stored.kind == "vote_taken")
        .unwrap();
    assert_eq!(vote_taken.payload["outcome"]["verdict"], "vetoed");
}

async fn sequence_numbers_run_from_one_without_gaps_across_appends<B: Backend>(backend: B) {
    let store = backend.open().await;
    let meeting = stream("m");
    store
        .append(&meeting, 0, vec![closed(0), closed(1)])
        .await
        .unwrap();
    let second = store.append(&meeting, 2, vec![closed(2)]).await.unwrap();
    store
        .append(&meeting, 3, vec![closed(3), closed(4)])
        .await
        .unwrap();
    assert_eq!(second[0].seq, 3);
    let loaded = store.load(&meeting).await.unwrap();
    let seqs: Vec<u64> = loaded.iter().map(|event| event.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5]);
    assert_eq!(loaded[0].prev_hash, EventHash::GENESIS);
    assert!(
        loaded
            .windows(2)
            .all(|pair| pair[1].prev_hash == pair[0].hash)
    );
}

async fn stale_expected_seq_is_a_conflict_and_writes_nothing<B: Backend>(backend: B) {
    let store = backend.open().await;
    let meeting = stream("m");
    store
        .append(&meeting, 0, vec![closed(0), closed(1)])
        .await
        .unwrap();
    let error = store
        .append(&meeting, 1, vec![closed(2), closed(3)])
        .await
        .unwrap_err();
    assert!(
        matches!(&error, StoreError::Conflict { stream, expected: 1, actual: 2 } if *stream == meeting),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "write conflict on stream m: expected it to end at event 1, but it ends at event 2"
    );
    assert_eq!(store.load(&meeting).await.unwrap().len(), 2);
    let error = store
        .append(&meeting, 0, vec![closed(2)])
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::Conflict {
                expected: 0,
                actual: 2,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(store.load(&meeting).await.unwrap().len(), 2);
}

async fn expected_seq_beyond_the_end_is_a_conflict_and_writes_nothing<B: Backend>(backend: B) {
    let store = backend.open().await;
    let meeting = stream("m");
    let error = store
        .append(&meeting, 3, vec![closed(0)])
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::Conflict {
                expected: 3,
                actual: 0,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(store.load(&meeting).await.unwrap().is_empty());
    assert!(store.streams().await.unwrap().is_empty());
}

async fn of_two_concurrent_appenders_exactly_one_wins<B: Backend>(backend: B) {
    let store = Arc::new(backend.open().await);
    for round in 0..10 {
        let meeting = stream(&format!("m{round}"));
        store.append(&meeting, 0, vec![closed(0)]).await.unwrap();
        let barrier = Arc::new(Barrier::new(2));
        let writers: Vec<_> = (1..=2)
            .map(|writer| {
                let (store, barrier, meeting) = (store.clone(), barrier.clone(), meeting.clone());
                tokio::spawn(async move {
                    barrier.wait().await;
                    store
                        .append(&meeting, 1, vec![closed(writer), closed(writer + 10)])
                        .await
                })
            })
            .collect();
        let mut n_won = 0;
        let mut n_conflicts = 0;
        for writer in writers {
            match writer.await.unwrap() {
                Ok(stored) => {
                    n_won += 1;
                    assert_eq!(
                        stored.iter().map(|event| event.seq).collect::<Vec<_>>(),
                        [2, 3]
                    );
                }
                Err(StoreError::Conflict {
                    expected: 1,
                    actual: 3,
                    ..
                }) => n_conflicts += 1,
                Err(error) => panic!("round {round}: {error:?}"),
            }
        }
        assert_eq!((n_won, n_conflicts), (1, 1), "round {round}");
        assert_eq!(store.load(&meeting).await.unwrap().len(), 3);
        store.verify(&meeting).await.unwrap();
    }
}

async fn load_after_gives_only_the_events_a_client_has_not_seen<B: Backend>(backend: B) {
    let store = backend.open().await;
    let meeting = stream("m");
    let written = store.append(&meeting, 0, meeting_9790()).await.unwrap();
    let n_events = written.len() as u64;
    let missed = store.load_after(&meeting, 4).await.unwrap();
    assert_eq!(missed, written[4..]);
    assert!(
        store
            .load_after(&meeting, n_events)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.load_after(&meeting, 0).await.unwrap(), written);
    assert!(
        store
            .load_after(&stream("unknown"), 0)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn many_concurrent_reads_each_get_their_own_streams_events_after_their_own_seq<B: Backend>(
    backend: B,
) {
    // Read at once, so a store that gathers reads answers them together.
    let store = Arc::new(backend.open().await);
    // Stream i holds i + 1 events.
    for i in 0..20_i64 {
        let events = (0..=i).map(closed).collect();
        store
            .append(&stream(&format!("reads-{i}")), 0, events)
            .await
            .unwrap();
    }
    let mut reads = Vec::new();
    for i in 0..20_u64 {
        for after in [0, i / 2, i + 1, i + 5] {
            let store = Arc::clone(&store);
            reads.push((
                i,
                after,
                tokio::spawn(async move {
                    store
                        .load_after(&stream(&format!("reads-{i}")), after)
                        .await
                }),
            ));
        }
    }
    for (i, after, read) in reads {
        let events = read.await.unwrap().unwrap();
        let seqs: Vec<u64> = events.iter().map(|event| event.seq).collect();
        let expected: Vec<u64> = (after + 1..=i + 1).collect();
        assert_eq!(seqs, expected, "stream reads-{i} after {after}");
        assert!(
            events
                .iter()
                .all(|event| event.stream_id.as_str() == format!("reads-{i}"))
        );
    }
}

async fn streams_lists_every_stream_with_events_and_no_other<B: Backend>(backend: B) {
    let store = backend.open().await;
    assert!(store.streams().await.unwrap().is_empty());
    for name in ["m2", "m1"] {
        store
            .append(&stream(name), 0, vec![closed(0)])
            .await
            .unwrap();
    }
    store
        .append(&stream("m2"), 1, vec![closed(1)])
        .await
        .unwrap();
    let _refused = store.append(&stream("m3"), 5, vec![closed(0)]).await;
    assert_eq!(store.streams().await.unwrap(), [stream("m1"), stream("m2")]);
}

async fn streams_are_listed_in_the_order_of_their_bytes<B: Backend>(backend: B) {
    // A database's collation may sort case and punctuation otherwise (`C` does not).
    let store = backend.open().await;
    let names = ["b", "B", "a_c", "a-b", "ab", "A.z", "a", "a.b"];
    for name in names {
        store
            .append(&stream(name), 0, vec![closed(0)])
            .await
            .unwrap();
    }
    let mut in_byte_order: Vec<_> = names.iter().map(|name| stream(name)).collect();
    in_byte_order
        .sort_by(|first, second| first.as_str().as_bytes().cmp(second.as_str().as_bytes()));
    assert_eq!(store.streams().await.unwrap(), in_byte_order);
    let report = store.verify_all().await.unwrap();
    let reported: Vec<_> = report
        .streams
        .into_iter()
        .map(|stream| stream.stream)
        .collect();
    assert_eq!(reported, in_byte_order);
}

async fn empty_append_writes_nothing<B: Backend>(backend: B) {
    let store = backend.open().await;
    let meeting = stream("m");
    assert!(
        store
            .append(&meeting, 0, Vec::new())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.streams().await.unwrap().is_empty());
}

async fn verify_passes_on_a_log_as_written<B: Backend>(backend: B) {
    let store = backend.open().await;
    let meeting = stream("m");
    store.append(&meeting, 0, meeting_9790()).await.unwrap();
    store.verify(&meeting).await.unwrap();
    store.verify(&stream("empty")).await.unwrap();
    verify_chain(&meeting, &store.load(&meeting).await.unwrap()).unwrap();
}

/// Writes the meeting and a second stream, damages the meeting's log, and returns what
/// `verify` says about each stream afterwards.
async fn verify_after<B: Backend>(backend: &B, name: &str, tampering: Tampering) -> Corruption {
    let store = backend.open().await;
    let meeting = stream(name);
    let untouched = stream(&format!("{name}-untouched"));
    store.append(&meeting, 0, meeting_9790()).await.unwrap();
    store.append(&untouched, 0, vec![closed(0)]).await.unwrap();
    let store = backend.tamper(store, &meeting, tampering).await;
    store.verify(&untouched).await.unwrap();
    match store.verify(&meeting).await {
        Err(StoreError::Corrupt(corruption)) => corruption,
        other => panic!("after {tampering:?}, verify gave {other:?}"),
    }
}

async fn verify_names_an_event_whose_payload_was_edited<B: Backend>(backend: B) {
    let corruption = verify_after(&backend, "m", Tampering::EditPayload { seq: 7 }).await;
    assert_eq!(
        corruption,
        Corruption::Altered {
            stream: stream("m"),
            seq: 7
        }
    );
    assert_eq!(
        corruption.to_string(),
        "event 7 of stream m was altered: its hash does not match its contents"
    );
}

async fn verify_names_the_place_of_a_deleted_event<B: Backend>(backend: B) {
    let corruption = verify_after(&backend, "m", Tampering::DeleteEvent { seq: 5 }).await;
    assert_eq!(
        corruption,
        Corruption::Missing {
            stream: stream("m"),
            seq: 5,
            found: 6
        }
    );
    let first = verify_after(&backend, "first", Tampering::DeleteEvent { seq: 1 }).await;
    assert!(
        matches!(
            first,
            Corruption::Missing {
                seq: 1,
                found: 2,
                ..
            }
        ),
        "{first:?}"
    );
}

async fn verify_names_the_first_of_two_swapped_events<B: Backend>(backend: B) {
    let corruption = verify_after(
        &backend,
        "m",
        Tampering::SwapSeqs {
            first: 3,
            second: 4,
        },
    )
    .await;
    assert_eq!(
        corruption,
        Corruption::BrokenChain {
            stream: stream("m"),
            seq: 3
        }
    );
}

async fn events_survive_closing_and_reopening_the_store<B: Backend>(backend: B) {
    let store = backend.open().await;
    let meeting = stream("m");
    let written = store.append(&meeting, 0, meeting_9790()).await.unwrap();
    let store = backend.reopen(store).await;
    assert_eq!(store.load(&meeting).await.unwrap(), written);
    store.verify(&meeting).await.unwrap();
    let n_events = written.len() as u64;
    let next = store
        .append(&meeting, n_events, vec![closed(99)])
        .await
        .unwrap();
    assert_eq!(next[0].prev_hash, written[written.len() - 1].hash);
}

async fn every_event_of_an_append_carries_its_request_id<B: Backend>(backend: B) {
    let store = backend.open().await;
    let meeting = stream("m");
    let written = store
        .append(&meeting, 0, by_request("r1", 0, 3))
        .await
        .unwrap();
    store.append(&meeting, 3, vec![closed(3)]).await.unwrap();
    let loaded = store.load(&meeting).await.unwrap();
    assert_eq!(loaded[..3], written);
    let request_ids: Vec<Option<&str>> = loaded
        .iter()
        .map(|event| event.request_id.as_ref().map(|id| id.as_str()))
        .collect();
    assert_eq!(request_ids, [Some("r1"), Some("r1"), Some("r1"), None]);
    store.verify(&meeting).await.unwrap();
}

async fn events_of_one_append_with_different_request_ids_are_refused_and_nothing_written<
    B: Backend,
>(
    backend: B,
) {
    let store = backend.open().await;
    let meeting = stream("m");
    let mut events = by_request("r1", 0, 2);
    events.extend(by_request("r2", 2, 1));
    let error = store.append(&meeting, 0, events).await.unwrap_err();
    assert!(
        matches!(
            &error,
            StoreError::Invalid(InvalidEvent::MixedRequestIds { index: 2, .. })
        ),
        "{error:?}"
    );
    let error = store
        .append(
            &meeting,
            0,
            vec![closed(0), by_request("r1", 1, 1).remove(0)],
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            StoreError::Invalid(InvalidEvent::MixedRequestIds {
                first: None,
                index: 1,
                ..
            })
        ),
        "{error:?}"
    );
    assert!(store.streams().await.unwrap().is_empty());
    assert_eq!(
        store.find_request(&meeting, &request("r1")).await.unwrap(),
        None
    );
}

async fn repeated_request_is_refused_and_writes_nothing<B: Backend>(backend: B) {
    let store = backend.open().await;
    let meeting = stream("m");
    store.append(&meeting, 0, vec![closed(0)]).await.unwrap();
    let first = store
        .append(&meeting, 1, by_request("r1", 1, 2))
        .await
        .unwrap();
    let error = store
        .append(&meeting, 3, by_request("r1", 3, 2))
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            StoreError::DuplicateRequest { stream, request_id, seq: 2 }
                if *stream == meeting && *request_id == request("r1")
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "request `r1` already appended events to stream m, from event 2: nothing was written"
    );
    assert_eq!(store.load(&meeting).await.unwrap().len(), 3);
    assert_eq!(
        store.find_request(&meeting, &request("r1")).await.unwrap(),
        Some(first)
    );
    store.verify(&meeting).await.unwrap();
}

async fn repeated_request_is_recognised_before_a_stale_expected_seq<B: Backend>(backend: B) {
    // A retry carries the expected_seq of its first attempt, stale once that was written.
    let store = backend.open().await;
    let meeting = stream("m");
    store
        .append(&meeting, 0, by_request("r1", 0, 2))
        .await
        .unwrap();
    store.append(&meeting, 2, vec![closed(2)]).await.unwrap();
    let error = store
        .append(&meeting, 0, by_request("r1", 0, 2))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, StoreError::DuplicateRequest { seq: 1, .. }),
        "{error:?}"
    );
    // A new request with a stale expected_seq is still a conflict.
    let error = store
        .append(&meeting, 2, by_request("r2", 3, 1))
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            StoreError::Conflict {
                expected: 2,
                actual: 3,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        store.find_request(&meeting, &request("r2")).await.unwrap(),
        None
    );
    assert_eq!(store.load(&meeting).await.unwrap().len(), 3);
}

async fn request_ids_are_unique_per_stream_not_per_store<B: Backend>(backend: B) {
    let store = backend.open().await;
    let (first, second) = (stream("m1"), stream("m2"));
    store
        .append(&first, 0, by_request("r1", 0, 1))
        .await
        .unwrap();
    store
        .append(&second, 0, by_request("r1", 0, 2))
        .await
        .unwrap();
    let found = store.find_request(&second, &request("r1")).await.unwrap();
    assert_eq!(found.map(|events| events.len()), Some(2));
    let found = store.find_request(&first, &request("r1")).await.unwrap();
    assert_eq!(found.map(|events| events.len()), Some(1));
}

async fn of_two_concurrent_attempts_of_one_request_exactly_one_is_written<B: Backend>(backend: B) {
    let store = Arc::new(backend.open().await);
    for round in 0..10 {
        let meeting = stream(&format!("m{round}"));
        store.append(&meeting, 0, vec![closed(0)]).await.unwrap();
        let barrier = Arc::new(Barrier::new(2));
        let attempts: Vec<_> = (0..2)
            .map(|_| {
                let (store, barrier, meeting) = (store.clone(), barrier.clone(), meeting.clone());
                tokio::spawn(async move {
                    barrier.wait().await;
                    store.append(&meeting, 1, by_request("r1", 1, 2)).await
                })
            })
            .collect();
        let mut n_written = 0;
        let mut n_duplicates = 0;
        for attempt in attempts {
            match attempt.await.unwrap() {
                Ok(_) => n_written += 1,
                Err(StoreError::DuplicateRequest { seq: 2, .. }) => n_duplicates += 1,
                Err(error) => panic!("round {round}: {error:?}"),
            }
        }
        assert_eq!((n_written, n_duplicates), (1, 1), "round {round}");
        assert_eq!(store.load(&meeting).await.unwrap().len(), 3);
    }
}

async fn find_request_gives_back_the_events_of_that_request_only<B: Backend>(backend: B) {
    let store = backend.open().await;
    let meeting = stream("m");
    let first = store
        .append(&meeting, 0, by_request("r1", 0, 2))
        .await
        .unwrap();
    store.append(&meeting, 2, vec![closed(2)]).await.unwrap();
    let second = store
        .append(&meeting, 3, by_request("r2", 3, 1))
        .await
        .unwrap();
    assert_eq!(
        store.find_request(&meeting, &request("r1")).await.unwrap(),
        Some(first)
    );
    assert_eq!(
        store.find_request(&meeting, &request("r2")).await.unwrap(),
        Some(second)
    );
    assert_eq!(
        store.find_request(&meeting, &request("r3")).await.unwrap(),
        None
    );
    assert_eq!(
        store
            .find_request(&stream("other"), &request("r1"))
            .await
            .unwrap(),
        None
    );
}

async fn find_request_and_duplicate_check_survive_reopening_the_store<B: Backend>(backend: B) {
    let store = backend.open().await;
    let meeting = stream("m");
    let written = store
        .append(&meeting, 0, by_request("r1", 0, 2))
        .await
        .unwrap();
    let store = backend.reopen(store).await;
    assert_eq!(
        store.find_request(&meeting, &request("r1")).await.unwrap(),
        Some(written)
    );
    let error = store
        .append(&meeting, 2, by_request("r1", 2, 1))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, StoreError::DuplicateRequest { seq: 1, .. }),
        "{error:?}"
    );
    store
        .append(&meeting, 2, by_request("r2", 2, 1))
        .await
        .unwrap();
    store.verify(&meeting).await.unwrap();
}

async fn verify_names_an_event_whose_request_id_was_altered_or_removed<B: Backend>(backend: B) {
    for (name, to) in [("forged", Some("forged")), ("removed", None)] {
        let store = backend.open().await;
        let meeting = stream(name);
        store.append(&meeting, 0, vec![closed(0)]).await.unwrap();
        store
            .append(&meeting, 1, by_request("r1", 1, 3))
            .await
            .unwrap();
        let store = backend
            .tamper(store, &meeting, Tampering::EditRequestId { seq: 3, to })
            .await;
        let error = store.verify(&meeting).await.unwrap_err();
        assert!(
            matches!(
                &error,
                StoreError::Corrupt(Corruption::Altered { seq: 3, .. })
            ),
            "{name}: {error:?}"
        );
    }
    // Giving a request id to an event that had none is caught too.
    let store = backend.open().await;
    let meeting = stream("added");
    store
        .append(&meeting, 0, vec![closed(0), closed(1)])
        .await
        .unwrap();
    let tampering = Tampering::EditRequestId {
        seq: 2,
        to: Some("r1"),
    };
    let store = backend.tamper(store, &meeting, tampering).await;
    let error = store.verify(&meeting).await.unwrap_err();
    assert!(
        matches!(
            &error,
            StoreError::Corrupt(Corruption::Altered { seq: 2, .. })
        ),
        "{error:?}"
    );
}

async fn verify_all_reports_every_stream_without_stopping_at_a_bad_one<B: Backend>(backend: B) {
    let store = backend.open().await;
    let names = ["a-edited", "b-intact", "c-cut", "d-intact"];
    let mut written = Vec::new();
    for name in names {
        written.push(
            store
                .append(&stream(name), 0, meeting_9790())
                .await
                .unwrap(),
        );
    }
    let store = backend
        .tamper(
            store,
            &stream("a-edited"),
            Tampering::EditPayload { seq: 2 },
        )
        .await;
    let store = backend
        .tamper(store, &stream("c-cut"), Tampering::DeleteEvent { seq: 4 })
        .await;
    let report = store.verify_all().await.unwrap();
    let n_events = written[0].len() as u64;

    let streams: Vec<_> = report
        .streams
        .iter()
        .map(|stream| (stream.stream.as_str(), stream.n_events))
        .collect();
    assert_eq!(
        streams,
        [
            ("a-edited", n_events),
            ("b-intact", n_events),
            ("c-cut", n_events - 1),
            ("d-intact", n_events)
        ]
    );
    assert_eq!(
        report.streams[0].corruption,
        Some(Corruption::Altered {
            stream: stream("a-edited"),
            seq: 2
        })
    );
    assert_eq!(
        report.streams[2].corruption,
        Some(Corruption::Missing {
            stream: stream("c-cut"),
            seq: 4,
            found: 5
        })
    );
    for intact in [1, 3] {
        let stream_report = &report.streams[intact];
        assert!(stream_report.is_intact(), "{stream_report:?}");
        let head = written[intact].last().map(|event| event.hash);
        assert_eq!(stream_report.head_hash, head);
    }
    assert!(!report.is_intact());
    assert!(report.malformed_stream_ids.is_empty());
    assert_eq!(report.n_events(), 4 * n_events - 1);
    assert_eq!(report.corruptions().len(), 2);
}

async fn verify_all_of_an_empty_store_is_intact<B: Backend>(backend: B) {
    let store = backend.open().await;
    let report = store.verify_all().await.unwrap();
    assert!(report.is_intact());
    assert!(report.streams.is_empty());
    assert_eq!(report.n_events(), 0);
}
