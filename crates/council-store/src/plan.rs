//! A batch of appends decided in memory: what the database holds for the batch's streams and
//! requests is read once ([`Known`]), then each append, in the order submitted, is checked and
//! sealed against it and against the appends before it in the batch ([`plan`]). A store then
//! writes every accepted event in one statement and every request in another, so a batch
//! costs the same few statements whatever its size, where checking and writing one append
//! after another costs several each.
//!
//! The checks are those of every store: a request id already written to the stream is a
//! [`StoreError::DuplicateRequest`], checked before the sequence number (a retry comes with
//! its first attempt's `expected_seq`, stale once that attempt was written); an
//! `expected_seq` other than the stream's last is a [`StoreError::Conflict`]. A refused
//! append writes nothing and leaves the rest of the batch as it would be without it.
//!
//! What is read must stay true until the batch commits: the store holds its streams'
//! write locks from before the read (SQLite's `BEGIN IMMEDIATE`, PostgreSQL's advisory locks
//! taken by [`PlanningConnection::lock`]). [`write_planned`] runs the transaction, the same
//! for both stores.

use std::collections::{HashMap, HashSet};
use std::future::Future;

use crate::chain::seal;
use crate::error::StoreError;
use crate::event::{EventHash, StoredEvent, batch_request_id};
use crate::request::RequestId;
use crate::row::{from_sql, to_sql, unreadable};
use crate::stream::StreamId;
use crate::writer::Work;

/// What the database holds, before the batch, for the streams and requests it names.
#[derive(Debug, Default)]
pub(crate) struct Known {
    /// Each stream's last event as `(seq, hash)`, or why its hash cannot be read; a stream
    /// not here has no events.
    pub(crate) last: HashMap<StreamId, (u64, Result<EventHash, String>)>,
    /// The first `seq` of each request already written, by stream and request id.
    pub(crate) requests: HashMap<(StreamId, RequestId), u64>,
}

/// The streams of a batch, each once, and its `(stream, request id)` pairs: what [`Known`]
/// must be read for.
pub(crate) fn wanted(work: &[Work]) -> (Vec<&StreamId>, Vec<(&StreamId, &RequestId)>) {
    let mut seen = HashSet::new();
    let streams = work
        .iter()
        .map(|job| &job.stream)
        .filter(|stream| seen.insert(*stream))
        .collect();
    let requests = work
        .iter()
        .filter_map(|job| {
            let request = job.events.first().and_then(|event| event.request_id())?;
            Some((&job.stream, request))
        })
        .collect();
    (streams, requests)
}

/// A batch decided: one result per append, in the order submitted, and the rows to write.
#[derive(Debug)]
pub(crate) struct Planned {
    /// The events each append stored, or why it was refused.
    pub(crate) results: Vec<Result<Vec<StoredEvent>, StoreError>>,
    /// The `requests` rows to write: stream, request id, first `seq`.
    pub(crate) requests: Vec<(StreamId, RequestId, u64)>,
}

impl Planned {
    /// Every event accepted, to be written.
    pub(crate) fn events(&self) -> impl Iterator<Item = &StoredEvent> {
        self.results.iter().flatten().flatten()
    }
}

/// Checks and seals each append of `work` in order, against `known` and the appends before
/// it in the batch.
pub(crate) fn plan(work: Vec<Work>, mut known: Known) -> Planned {
    let mut requests = Vec::new();
    let results = work
        .into_iter()
        .map(
            |Work {
                 stream,
                 expected_seq,
                 events,
             }| {
                let request_id = batch_request_id(&events)?.cloned();
                if let Some(request_id) = &request_id
                    && let Some(seq) = known.requests.get(&(stream.clone(), request_id.clone()))
                {
                    return Err(StoreError::DuplicateRequest {
                        stream,
                        request_id: request_id.clone(),
                        seq: *seq,
                    });
                }
                let (actual, last_hash) = match known.last.get(&stream) {
                    Some((seq, hash)) => (*seq, hash.clone()),
                    None => (0, Ok(EventHash::GENESIS)),
                };
                if actual != expected_seq {
                    return Err(StoreError::Conflict {
                        stream,
                        expected: expected_seq,
                        actual,
                    });
                }
                let last_hash =
                    last_hash.map_err(|reason| unreadable(&stream, to_sql(actual), reason))?;
                let stored = seal(&stream, expected_seq, last_hash, events);
                if let Some(last) = stored.last() {
                    known.last.insert(stream.clone(), (last.seq, Ok(last.hash)));
                    if let Some(request_id) = request_id {
                        let first = expected_seq + 1;
                        known
                            .requests
                            .insert((stream.clone(), request_id.clone()), first);
                        requests.push((stream, request_id, first));
                    }
                }
                Ok(stored)
            },
        )
        .collect();
    Planned { results, requests }
}

/// A connection of a SQL store that writes planned batches: how its transaction begins, how
/// it locks the batch's streams (if it must), reads what [`plan`] needs and writes what it
/// planned; [`write_planned`] runs them in that order, the same for both stores.
pub(crate) trait PlanningConnection: Send {
    /// The statement that opens the transaction.
    const BEGIN: &'static str;

    /// Runs one statement without rows.
    fn run(&mut self, sql: &'static str) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Locks the streams of `work` until the transaction ends, if `BEGIN` did not (by
    /// default it did: SQLite's `BEGIN IMMEDIATE` takes the file's write lock).
    fn lock(&mut self, work: &[Work]) -> impl Future<Output = Result<(), StoreError>> + Send {
        let _ = work;
        async { Ok(()) }
    }

    /// The last event of each of `streams` that has one, as rows `(n, seq, hash)`, `n`
    /// numbering the stream in `streams` from 1 (see [`ordinal`]).
    fn last_events(
        &mut self,
        streams: &[&StreamId],
    ) -> impl Future<Output = Result<Vec<(i64, i64, String)>, StoreError>> + Send;

    /// Which of `requests` are written already, as rows `(n, first_seq)`, `n` numbering the
    /// request in `requests` from 1.
    fn written_requests(
        &mut self,
        requests: &[(&StreamId, &RequestId)],
    ) -> impl Future<Output = Result<Vec<(i64, i64)>, StoreError>> + Send;

    /// Writes the events and requests `planned` accepted.
    fn write_rows(
        &mut self,
        planned: &Planned,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// The index, in a batch of `len` keys, of the row a statement numbered `n`: from 1, as
/// PostgreSQL's `WITH ORDINALITY` counts (SQLite's statements add 1 to `json_each`'s key).
/// A number out of range is the database's fault, a backend error.
pub(crate) fn ordinal(n: i64, len: usize) -> Result<usize, StoreError> {
    usize::try_from(n)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .filter(|index| *index < len)
        .ok_or_else(|| {
            StoreError::Backend(sqlx::Error::Protocol(format!(
                "a row numbered {n} for {len} keys"
            )))
        })
}

/// What the database holds for the streams and requests of `work`: two statements.
async fn read_known<C: PlanningConnection>(
    connection: &mut C,
    work: &[Work],
) -> Result<Known, StoreError> {
    let (streams, requests) = wanted(work);
    let mut known = Known::default();
    for (n, seq, hash) in connection.last_events(&streams).await? {
        let stream = streams[ordinal(n, streams.len())?];
        let hash = EventHash::parse(&hash).map_err(|error| error.to_string());
        known
            .last
            .insert(stream.clone(), (from_sql(stream, seq)?, hash));
    }
    if requests.is_empty() {
        return Ok(known);
    }
    for (n, first_seq) in connection.written_requests(&requests).await? {
        let (stream, request) = requests[ordinal(n, requests.len())?];
        known.requests.insert(
            (stream.clone(), request.clone()),
            from_sql(stream, first_seq)?,
        );
    }
    Ok(known)
}

/// The batch in one transaction: locked, read, planned, written and committed; an error
/// anywhere rolls it back and fails the whole batch, so no append is answered written unless
/// its `COMMIT` succeeded.
pub(crate) async fn write_planned<C: PlanningConnection>(
    connection: &mut C,
    work: Vec<Work>,
) -> Result<Vec<Result<Vec<StoredEvent>, StoreError>>, StoreError> {
    connection.run(C::BEGIN).await?;
    let written = async {
        connection.lock(&work).await?;
        let known = read_known(connection, &work).await?;
        let planned = plan(work, known);
        connection.write_rows(&planned).await?;
        connection.run("COMMIT").await?;
        Ok(planned.results)
    }
    .await;
    if written.is_err() {
        let _ = connection.run("ROLLBACK").await;
    }
    written
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use serde_json::json;

    use super::*;
    use crate::event::NewEvent;

    fn stream(id: &str) -> StreamId {
        StreamId::parse(id).unwrap()
    }

    fn job(id: &str, expected_seq: u64, request: Option<&str>, n: usize) -> Work {
        let at = Utc.with_ymd_and_hms(2024, 11, 20, 15, 0, 0).unwrap();
        let events = (0..n)
            .map(|i| {
                let event = NewEvent::new("vote_cast", 1, json!({"i": i}), at).unwrap();
                match request {
                    Some(request) => event.with_request_id(RequestId::parse(request).unwrap()),
                    None => event,
                }
            })
            .collect();
        Work {
            stream: stream(id),
            expected_seq,
            events,
        }
    }

    #[test]
    fn appends_to_one_stream_in_a_batch_chain_one_after_another() {
        let planned = plan(
            vec![job("m1", 0, Some("a"), 2), job("m1", 2, Some("b"), 1)],
            Known::default(),
        );
        let first = planned.results[0].as_ref().unwrap();
        let second = planned.results[1].as_ref().unwrap();
        assert_eq!(first[0].prev_hash, EventHash::GENESIS);
        assert_eq!(second[0].seq, 3);
        assert_eq!(second[0].prev_hash, first[1].hash);
        assert_eq!(planned.events().count(), 3);
        assert_eq!(
            planned.requests,
            vec![
                (stream("m1"), RequestId::parse("a").unwrap(), 1),
                (stream("m1"), RequestId::parse("b").unwrap(), 3)
            ]
        );
    }

    #[test]
    fn a_refused_append_leaves_the_rest_of_the_batch_as_without_it() {
        let mut known = Known::default();
        let hash = EventHash::parse(&"ab".repeat(32)).unwrap();
        known.last.insert(stream("m1"), (4, Ok(hash)));
        known
            .last
            .insert(stream("m3"), (7, Err("not a hash".to_owned())));
        known
            .requests
            .insert((stream("m1"), RequestId::parse("old").unwrap()), 2);
        let planned = plan(
            vec![
                job("m1", 4, Some("old"), 1),
                job("m1", 3, Some("stale"), 1),
                job("m1", 4, Some("new"), 1),
                job("m1", 5, Some("new"), 1),
                job("m2", 1, None, 1),
                job("m3", 7, None, 1),
            ],
            known,
        );
        assert!(matches!(
            planned.results[0],
            Err(StoreError::DuplicateRequest { seq: 2, .. })
        ));
        assert!(matches!(
            planned.results[1],
            Err(StoreError::Conflict {
                expected: 3,
                actual: 4,
                ..
            })
        ));
        let written = planned.results[2].as_ref().unwrap();
        assert_eq!((written[0].seq, written[0].prev_hash), (5, hash));
        // The same request again in the same batch is a duplicate of the one just planned.
        assert!(matches!(
            planned.results[3],
            Err(StoreError::DuplicateRequest { seq: 5, .. })
        ));
        assert!(matches!(
            planned.results[4],
            Err(StoreError::Conflict {
                expected: 1,
                actual: 0,
                ..
            })
        ));
        assert!(matches!(
            &planned.results[5],
            Err(StoreError::Corrupt(crate::chain::Corruption::Unreadable { seq: 7, reason, .. }))
                if reason == "not a hash"
        ));
        assert_eq!(planned.events().count(), 1);
        assert_eq!(planned.requests.len(), 1);
    }

    #[test]
    fn ordinals_count_from_one_and_one_out_of_range_is_a_backend_error() {
        assert_eq!(ordinal(1, 2).unwrap(), 0);
        assert_eq!(ordinal(2, 2).unwrap(), 1);
        for n in [0, 3, -1] {
            assert!(matches!(ordinal(n, 2), Err(StoreError::Backend(_))), "{n}");
        }
    }

    #[test]
    fn wanted_names_each_stream_once_and_every_request() {
        let work = vec![
            job("m1", 0, Some("a"), 1),
            job("m2", 0, None, 1),
            job("m1", 1, Some("b"), 1),
        ];
        let (streams, requests) = wanted(&work);
        assert_eq!(streams, vec![&stream("m1"), &stream("m2")]);
        assert_eq!(requests.len(), 2);
    }
}
