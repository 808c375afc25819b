//! Helpers of the conformance suite: the backends under test, the ways a test tampers with
//! a stored log, and a real meeting's events.

use chrono::{DateTime, NaiveDate, Utc};
use council_core::meeting::{Command, Event, Meeting, MeetingFormat, VoteItem, decide, evolve};
use council_core::{MemberCode, Position};
use council_store::{
    EventStore, MemStore, NewEvent, PostgresStore, RequestId, SqliteStore, StreamId,
};
use tempfile::TempDir;

/// A way to damage a stored log behind the store's back.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Tampering {
    /// Changes the payload of event `seq` and nothing else.
    EditPayload { seq: u64 },
    /// Removes event `seq`.
    DeleteEvent { seq: u64 },
    /// Exchanges the sequence numbers of events `first` and `second`.
    SwapSeqs { first: u64, second: u64 },
    /// Sets (or, with `None`, removes) the request id of event `seq` and changes nothing
    /// else.
    EditRequestId { seq: u64, to: Option<&'static str> },
}

/// A backend under test: opens its store, reopens it on the same data, and tampers with the
/// data as someone with raw access to it could.
pub(crate) trait Backend {
    type Store: EventStore + 'static;

    /// The store, on this backend's data.
    async fn open(&self) -> Self::Store;

    /// Closes `store` and opens a new one on the same data.
    async fn reopen(&self, store: Self::Store) -> Self::Store;

    /// Closes `store`, damages `stream`'s log, and opens a new store on the damaged data.
    async fn tamper(
        &self,
        store: Self::Store,
        stream: &StreamId,
        tampering: Tampering,
    ) -> Self::Store;
}

/// The in-memory store; "reopening" moves its events into a new one.
pub(crate) struct Memory;

impl Backend for Memory {
    type Store = MemStore;

    async fn open(&self) -> MemStore {
        MemStore::new()
    }

    async fn reopen(&self, store: MemStore) -> MemStore {
        MemStore::from_events(store.into_events())
    }

    async fn tamper(&self, store: MemStore, stream: &StreamId, tampering: Tampering) -> MemStore {
        let mut events = store.into_events();
        let position = |events: &[council_store::StoredEvent], seq: u64| {
            events
                .iter()
                .position(|event| event.stream_id == *stream && event.seq == seq)
                .expect("the event to tamper with")
        };
        match tampering {
            Tampering::EditPayload { seq } => {
                let index = position(&events, seq);
                events[index].payload["tampered"] = serde_json::Value::Bool(true);
            }
            Tampering::DeleteEvent { seq } => {
                let index = position(&events, seq);
                events.remove(index);
            }
            Tampering::SwapSeqs { first, second } => {
                let first_index = position(&events, first);
                let second_index = position(&events, second);
                events[first_index].seq = second;
                events[second_index].seq = first;
                // A store gives events back in order of seq, as the SQL stores do.
                events.swap(first_index, second_index);
            }
            Tampering::EditRequestId { seq, to } => {
                let index = position(&events, seq);
                events[index].request_id = to.map(request);
            }
        }
        MemStore::from_events(events)
    }
}

/// An SQLite file in a temporary directory that lives as long as the backend.
pub(crate) struct Sqlite {
    directory: TempDir,
}

impl Sqlite {
    pub(crate) fn new() -> Sqlite {
        Sqlite {
            directory: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    pub(crate) fn url(&self) -> String {
        format!("sqlite:{}", self.path().display())
    }

    /// The database file.
    pub(crate) fn path(&self) -> std::path::PathBuf {
        self.directory.path().join("council.db")
    }

    /// A connection to the file that bypasses the store, as someone with the file in hand
    /// could open one.
    pub(crate) async fn raw(&self) -> sqlx::SqliteConnection {
        use sqlx::Connection;
        sqlx::SqliteConnection::connect(&self.url())
            .await
            .expect("a raw connection to the file")
    }
}

impl Backend for Sqlite {
    type Store = SqliteStore;

    async fn open(&self) -> SqliteStore {
        SqliteStore::open(&self.url())
            .await
            .expect("the store opens")
    }

    async fn reopen(&self, store: SqliteStore) -> SqliteStore {
        store.close().await;
        self.open().await
    }

    async fn tamper(
        &self,
        store: SqliteStore,
        stream: &StreamId,
        tampering: Tampering,
    ) -> SqliteStore {
        use sqlx::Connection;
        store.close().await;
        let mut raw = self.raw().await;
        // Someone with the file in hand can drop the append-only triggers; the chain is
        // what must catch the damage.
        for statement in [
            "DROP TRIGGER IF EXISTS events_are_never_updated",
            "DROP TRIGGER IF EXISTS events_are_never_deleted",
        ] {
            sqlx::query(statement).execute(&mut raw).await.unwrap();
        }
        let seq = |seq: u64| i64::try_from(seq).unwrap();
        match tampering {
            Tampering::EditPayload { seq: edited } => {
                sqlx::query(
                    "UPDATE events SET payload = json_set(payload, '$.tampered', json('true')) \
                     WHERE stream_id = ? AND seq = ?",
                )
                .bind(stream.as_str())
                .bind(seq(edited))
                .execute(&mut raw)
                .await
                .unwrap();
            }
            Tampering::DeleteEvent { seq: deleted } => {
                sqlx::query("DELETE FROM events WHERE stream_id = ? AND seq = ?")
                    .bind(stream.as_str())
                    .bind(seq(deleted))
                    .execute(&mut raw)
                    .await
                    .unwrap();
            }
            Tampering::SwapSeqs { first, second } => {
                // Through a free number, since (stream_id, seq) is unique at every step.
                let free = 1_000_000;
                for (from, to) in [(first, free), (second, first), (free, second)] {
                    sqlx::query("UPDATE events SET seq = ? WHERE stream_id = ? AND seq = ?")
                        .bind(seq(to))
                        .bind(stream.as_str())
                        .bind(seq(from))
                        .execute(&mut raw)
                        .await
                        .unwrap();
                }
            }
            Tampering::EditRequestId { seq: edited, to } => {
                sqlx::query("UPDATE events SET request_id = ? WHERE stream_id = ? AND seq = ?")
                    .bind(to)
                    .bind(stream.as_str())
                    .bind(seq(edited))
                    .execute(&mut raw)
                    .await
                    .unwrap();
            }
        }
        raw.close().await.unwrap();
        self.open().await
    }
}

/// A fresh PostgreSQL database of its own for one test (see `council_store::testing`).
pub(crate) type Postgres = council_store::testing::TestDatabase;

impl Backend for Postgres {
    type Store = PostgresStore;

    async fn open(&self) -> PostgresStore {
        PostgresStore::open(self.url())
            .await
            .expect("the store opens")
    }

    async fn reopen(&self, store: PostgresStore) -> PostgresStore {
        store.close().await;
        self.open().await
    }

    async fn tamper(
        &self,
        store: PostgresStore,
        stream: &StreamId,
        tampering: Tampering,
    ) -> PostgresStore {
        use sqlx::Connection;
        store.close().await;
        let mut raw = self.raw().await;
        // The tables' owner can drop the append-only triggers; the chain is what must catch
        // the damage.
        for statement in [
            "DROP TRIGGER IF EXISTS events_are_never_updated ON events",
            "DROP TRIGGER IF EXISTS events_are_never_deleted ON events",
        ] {
            sqlx::query(statement).execute(&mut raw).await.unwrap();
        }
        let seq = |seq: u64| i64::try_from(seq).unwrap();
        match tampering {
            Tampering::EditPayload { seq: edited } => {
                sqlx::query(
                    "UPDATE events SET payload = (payload::jsonb || '{\"tampered\": true}')::text \
                     WHERE stream_id = $1 AND seq = $2",
                )
                .bind(stream.as_str())
                .bind(seq(edited))
                .execute(&mut raw)
                .await
                .unwrap();
            }
            Tampering::DeleteEvent { seq: deleted } => {
                sqlx::query("DELETE FROM events WHERE stream_id = $1 AND seq = $2")
                    .bind(stream.as_str())
                    .bind(seq(deleted))
                    .execute(&mut raw)
                    .await
                    .unwrap();
            }
            Tampering::SwapSeqs { first, second } => {
                // Through a free number, since (stream_id, seq) is unique at every step.
                let free = 1_000_000;
                for (from, to) in [(first, free), (second, first), (free, second)] {
                    sqlx::query("UPDATE events SET seq = $1 WHERE stream_id = $2 AND seq = $3")
                        .bind(seq(to))
                        .bind(stream.as_str())
                        .bind(seq(from))
                        .execute(&mut raw)
                        .await
                        .unwrap();
                }
            }
            Tampering::EditRequestId { seq: edited, to } => {
                sqlx::query("UPDATE events SET request_id = $1 WHERE stream_id = $2 AND seq = $3")
                    .bind(to)
                    .bind(stream.as_str())
                    .bind(seq(edited))
                    .execute(&mut raw)
                    .await
                    .unwrap();
            }
        }
        raw.close().await.unwrap();
        self.open().await
    }
}

pub(crate) fn stream(text: &str) -> StreamId {
    StreamId::parse(text).unwrap()
}

pub(crate) fn request(text: &str) -> RequestId {
    RequestId::parse(text).unwrap()
}

fn code(text: &str) -> MemberCode {
    MemberCode::parse(text).unwrap()
}

/// A minute past 10:00 on 20 November 2024, New York time written as UTC.
pub(crate) fn minute(offset: i64) -> DateTime<Utc> {
    let start = NaiveDate::from_ymd_opt(2024, 11, 20)
        .unwrap()
        .and_hms_opt(15, 0, 0)
        .unwrap()
        .and_utc();
    start + chrono::Duration::minutes(offset)
}

/// The commands of the 9790th meeting: S/2024/835 put to the vote, fifteen delegations
/// casting their votes one by one, and the United States' negative vote.
pub(crate) fn meeting_9790_commands() -> Vec<Command> {
    let date = NaiveDate::from_ymd_opt(2024, 11, 20).unwrap();
    // The Council of that day from the shipped data, not a copy of it.
    let composition = council_data::Roster::embedded()
        .composition_on(date)
        .unwrap();
    let members: Vec<_> = composition
        .members()
        .iter()
        .map(|member| member.code())
        .collect();
    let mut commands = vec![
        Command::OpenMeeting {
            date,
            format: MeetingFormat::PublicMeeting,
            meeting_number: Some(9790),
            composition,
            president: code("GBR"),
            agenda: vec![
                "The situation in the Middle East, including the Palestinian question".to_owned(),
            ],
            requested_by: Vec::new(),
        },
        Command::AdoptAgenda,
        Command::SubmitDraft {
            symbol: "S/2024/835".to_owned(),
            sponsors: [
                "DZA", "ECU", "GUY", "JPN", "MLT", "MOZ", "KOR", "SLE", "SVN", "CHE",
            ]
            .into_iter()
            .map(code)
            .collect(),
            mover: code("GUY"),
            paragraphs: vec![council_core::meeting::Paragraph::new(
                "OP1",
                "Demands an immediate, unconditional and permanent ceasefire.",
            )],
            procedural: false,
            parties_to_dispute: Vec::new(),
        },
        // A draft is voted only once in blue (spec section 3.9).
        Command::PutDraftInBlue {
            draft: "S/2024/835".to_owned(),
            member: code("GUY"),
        },
        Command::PutToVote {
            item: VoteItem::Draft {
                draft: "S/2024/835".to_owned(),
            },
        },
    ];
    commands.extend(members.into_iter().map(|member| Command::CastVote {
        member,
        position: if member.as_str() == "USA" {
            Position::No
        } else {
            Position::Yes
        },
    }));
    commands.push(Command::RecordVote {
        ballot: council_core::Ballot::default(),
    });
    commands.push(Command::CloseMeeting);
    commands
}

/// The events of those commands, each decided on the meeting so far.
pub(crate) fn meeting_9790_events() -> Vec<Event> {
    let mut meeting = Meeting::default();
    let mut events = Vec::new();
    for command in meeting_9790_commands() {
        let name = command.name();
        let new_events =
            decide(&meeting, command).unwrap_or_else(|rejection| panic!("{name}: {rejection}"));
        meeting = new_events.iter().fold(meeting, evolve);
        events.extend(new_events);
    }
    events
}

/// Those events as envelopes, one minute apart.
pub(crate) fn meeting_9790() -> Vec<NewEvent> {
    (0..)
        .zip(meeting_9790_events())
        .map(|(offset, event)| NewEvent::meeting(&event, minute(offset)))
        .collect()
}

/// Some event of a meeting, for tests that care about sequence numbers, not content.
pub(crate) fn closed(offset: i64) -> NewEvent {
    NewEvent::meeting(&Event::MeetingClosed, minute(offset))
}

/// Such events, `n_events` of them from `offset` on, appended by request `request_id`.
pub(crate) fn by_request(request_id: &str, offset: i64, n_events: i64) -> Vec<NewEvent> {
    (offset..offset + n_events)
        .map(|offset| closed(offset).with_request_id(request(request_id)))
        .collect()
}
