//! [`Service`]: meetings held in memory as the fold of their logs, commands authorized,
//! decided by the domain engine and appended to the store, and live events fanned out.
//!
//! Each meeting is an [`Entry`] with a lock: commands on one meeting are handled one at a
//! time on this instance (different meetings in parallel), and the store's `(meeting, seq)`
//! uniqueness settles races with other instances: an append after a stale read fails with a
//! conflict, the entry catches up from the store, and the command is decided again on the
//! fresh state. An event reaches subscribers only after the store has made it durable.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};

use chrono::{Datelike, Utc};
use council_core::meeting::{Command, Event, Meeting, MeetingFormat, Participant, decide};
use council_core::{Ballot, Composition, MemberCode, Rejection, SeatedMember};
use council_data::Roster;
use council_store::{
    EventStore, NewEvent, PendingAppend, RequestId, StoreError, StoredEvent, StreamId,
};
use tokio::sync::broadcast;

use crate::access::{ACCESS_EVENT_VERSION, Access, AccessEvent, Key, Role};
use crate::dto::{
    CommandRequest, CommandResult, CreateMeeting, CreatedMeeting, EventView, Link, Me,
};
use crate::error::ApiError;
use crate::view::{self, MeetingSummary, MeetingView, state_name};

/// How long keys read from the access log are trusted before a request reads it again (see
/// [`Service::fresh_access`]): a read per command was a third of the server's work under load.
const ACCESS_FRESH_FOR: std::time::Duration = std::time::Duration::from_millis(250);

/// How long the store's word on writes made elsewhere is trusted: with [`ACCESS_FRESH_FOR`],
/// a key replaced by another process counts within the sum of the two.
const ELSEWHERE_ASKED_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// How many events a slow subscriber may fall behind before it reloads from the store.
const LIVE_BUFFER: usize = 1024;

/// How many times a command is decided again after losing a race to another writer.
const ATTEMPTS: usize = 5;

/// The id of the demo meeting created at first start.
pub const DEMO_MEETING: &str = "demo";

/// One meeting as this instance holds it.
pub struct Entry {
    id: String,
    stream: StreamId,
    access_stream: StreamId,
    state: tokio::sync::Mutex<Loaded>,
    live: broadcast::Sender<Arc<StoredEvent>>,
}

/// A meeting in memory. Commands are decided on `meeting`, which runs ahead of the store by
/// the appends in flight (pipelining: a meeting's next vote is decided while the last one is
/// being made durable); `durable` is what the store holds, what views show and subscribers
/// hear, advanced in order as appends complete.
#[derive(Default)]
struct Loaded {
    meeting: Meeting,
    seq: u64,
    durable: Meeting,
    durable_seq: u64,
    /// Appends made durable out of order, by their first seq, waiting for those before.
    completed: BTreeMap<u64, Vec<StoredEvent>>,
    /// The request ids of the durable events: a command whose id is not here needs no read
    /// of the store to know it is new (the store's uniqueness is the backstop, for a request
    /// recorded by another instance and not yet seen here).
    requests: HashSet<RequestId>,
    access: Access,
    access_seq: u64,
    /// When the access log was last read or found up to date (see
    /// [`Service::fresh_access`]).
    access_read_at: Option<tokio::time::Instant>,
    /// What the store said of writes made elsewhere before that read
    /// ([`EventStore::written_elsewhere`]), if it could tell.
    access_generation: Option<u64>,
}

impl Loaded {
    /// Forgets the decisions in flight: the next command is decided on the durable meeting
    /// (after an append failed, those after it on the stream fail too).
    fn fall_back_to_durable(&mut self) {
        if self.seq != self.durable_seq {
            self.meeting = self.durable.clone();
            self.seq = self.durable_seq;
        }
    }
}

impl Entry {
    /// One more event is durable: the durable meeting takes it, the decided one too if it
    /// had not got so far, and subscribers hear of it.
    fn make_durable(&self, loaded: &mut Loaded, event: &Event, stored: StoredEvent) {
        loaded.durable = council_core::meeting::evolve(std::mem::take(&mut loaded.durable), event);
        loaded.durable_seq = stored.seq;
        if let Some(request_id) = &stored.request_id {
            loaded.requests.insert(request_id.clone());
        }
        if loaded.seq < stored.seq {
            loaded.meeting =
                council_core::meeting::evolve(std::mem::take(&mut loaded.meeting), event);
            loaded.seq = stored.seq;
        }
        // No subscriber is not an error.
        let _ = self.live.send(Arc::new(stored));
    }

    /// An append is durable: it and any waiting behind it are applied in order.
    fn completed(&self, loaded: &mut Loaded, stored: Vec<StoredEvent>) {
        let Some(first_seq) = stored.first().map(|first| first.seq) else {
            return;
        };
        if first_seq <= loaded.durable_seq {
            return;
        }
        loaded.completed.insert(first_seq, stored);
        while let Some(next) = loaded.completed.remove(&(loaded.durable_seq + 1)) {
            for stored in next {
                match stored.to_meeting_event() {
                    Ok(event) => self.make_durable(loaded, &event, stored),
                    Err(error) => {
                        tracing::error!(%error, "an event just stored cannot be read back");
                        return;
                    }
                }
            }
        }
    }

    /// Waits for an append submitted on the meeting and applies the store's answer: its
    /// events become durable (and reach subscribers), or, refused, the decisions in flight
    /// are forgotten. Runs as a task of its own, whether or not its request still waits.
    async fn settle(
        self: Arc<Entry>,
        pending: PendingAppend,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        let appended = pending.await;
        let mut loaded = self.state.lock().await;
        match &appended {
            Ok(stored) => self.completed(&mut loaded, stored.clone()),
            Err(_) => loaded.fall_back_to_durable(),
        }
        appended
    }
}

/// The meetings of one store.
pub struct Service<S> {
    store: S,
    roster: &'static Roster,
    meetings: Mutex<HashMap<String, Arc<Entry>>>,
    closing: tokio::sync::watch::Sender<bool>,
    /// The store's last word on writes made elsewhere, and when it was asked: asked at most
    /// once every [`ELSEWHERE_ASKED_EVERY`] for all meetings.
    elsewhere: tokio::sync::Mutex<Option<(tokio::time::Instant, Option<u64>)>>,
}

/// Whether a text is a well-formed meeting id: 1 to 40 lowercase letters, digits and `-`.
pub fn is_meeting_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 40
        && text
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
}

fn streams_of(id: &str) -> (StreamId, StreamId) {
    let stream = StreamId::parse(id).expect("meeting ids are valid stream ids");
    let access = StreamId::parse(&format!("{id}.access")).expect("with `.access` still valid");
    (stream, access)
}

fn event_view(stored: &StoredEvent) -> EventView {
    EventView {
        seq: stored.seq,
        kind: stored.kind.clone(),
        recorded_at: stored.recorded_at.to_rfc3339(),
        event: stored.payload.clone(),
    }
}

fn corrupt(stored: &StoredEvent, reason: impl std::fmt::Display) -> ApiError {
    let error = StoreError::Corrupt(council_store::Corruption::Unreadable {
        stream: stored.stream_id.clone(),
        seq: i64::try_from(stored.seq).unwrap_or(i64::MAX),
        reason: reason.to_string(),
    });
    ApiError::from(error)
}

/// The answer to a retried request: what its first try recorded.
fn replayed(seq: u64, stored: &[StoredEvent]) -> CommandResult {
    CommandResult {
        seq,
        events: stored.iter().map(event_view).collect(),
        link: None,
        replayed: true,
    }
}

fn read_access(stored: &StoredEvent) -> Result<AccessEvent, ApiError> {
    serde_json::from_value(stored.payload.clone()).map_err(|error| corrupt(stored, error))
}

fn new_access_event(event: &AccessEvent) -> NewEvent {
    let payload = serde_json::to_value(event).expect("access events serialise");
    NewEvent::new(event.kind(), ACCESS_EVENT_VERSION, payload, Utc::now())
        .expect("access kinds are snake_case and the version is 1")
}

impl<S: EventStore> Service<S> {
    /// A service over a store, with the embedded Council data.
    pub fn new(store: S) -> Service<S> {
        Service {
            store,
            roster: Roster::embedded(),
            meetings: Mutex::new(HashMap::new()),
            closing: tokio::sync::watch::Sender::new(false),
            elsewhere: tokio::sync::Mutex::new(None),
        }
    }

    /// Tells live streams to end: the server is shutting down, and a graceful shutdown
    /// waits for every open connection, Server-Sent Events included.
    pub fn close_streams(&self) {
        self.closing.send_replace(true);
    }

    /// A receiver that changes to `true` when live streams must end.
    pub fn closing(&self) -> tokio::sync::watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The Council data.
    pub fn roster(&self) -> &'static Roster {
        self.roster
    }

    async fn entry(&self, id: &str) -> Result<Arc<Entry>, ApiError> {
        let unknown = || ApiError::not_found(format!("no meeting `{id}` on this server"));
        if !is_meeting_id(id) {
            return Err(unknown());
        }
        if let Some(entry) = self.lock_meetings().get(id) {
            return Ok(Arc::clone(entry));
        }
        let (stream, access_stream) = streams_of(id);
        let (live, _) = broadcast::channel(LIVE_BUFFER);
        let entry = Entry {
            id: id.to_owned(),
            stream,
            access_stream,
            state: tokio::sync::Mutex::new(Loaded::default()),
            live,
        };
        {
            let mut loaded = entry.state.lock().await;
            self.catch_up(&entry, &mut loaded).await?;
            if loaded.durable_seq == 0 {
                return Err(unknown());
            }
        }
        let mut meetings = self.lock_meetings();
        let entry = meetings
            .entry(id.to_owned())
            .or_insert_with(|| Arc::new(entry));
        Ok(Arc::clone(entry))
    }

    fn lock_meetings(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Entry>>> {
        self.meetings
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Reads what the store holds beyond what this instance has seen, and passes new meeting
    /// events on to subscribers.
    async fn catch_up(&self, entry: &Entry, loaded: &mut Loaded) -> Result<(), ApiError> {
        let events = self
            .store
            .load_after(&entry.stream, loaded.durable_seq)
            .await?;
        for stored in events {
            let event = stored
                .to_meeting_event()
                .map_err(|error| corrupt(&stored, error))?;
            entry.make_durable(loaded, &event, stored);
        }
        loaded
            .completed
            .retain(|first_seq, _| *first_seq > loaded.durable_seq);
        self.catch_up_access(entry, loaded).await
    }

    /// Reads the keys issued or revoked beyond what this instance has seen (by an operator's
    /// `council links`, or another instance): one indexed read. The meeting's own events from
    /// elsewhere arrive by the follower of other instances, or by the conflict an append
    /// meets.
    async fn catch_up_access(&self, entry: &Entry, loaded: &mut Loaded) -> Result<(), ApiError> {
        let read_at = tokio::time::Instant::now();
        let access = self
            .store
            .load_after(&entry.access_stream, loaded.access_seq)
            .await?;
        for stored in access {
            loaded.access.apply(&read_access(&stored)?);
            loaded.access_seq = stored.seq;
        }
        loaded.access_read_at = Some(read_at);
        Ok(())
    }

    /// The keys as a request must see them: read again from the access log unless it was
    /// read within [`ACCESS_FRESH_FOR`], or the store can tell that nobody else wrote since
    /// it was read. Keys issued or revoked through this instance count at once (they are
    /// applied here as they are appended); through another process, within
    /// [`ACCESS_FRESH_FOR`] and [`ELSEWHERE_ASKED_EVERY`], and at once on PostgreSQL when the
    /// notification arrives first.
    async fn fresh_access(&self, entry: &Entry, loaded: &mut Loaded) -> Result<(), ApiError> {
        if loaded
            .access_read_at
            .is_some_and(|read_at| read_at.elapsed() < ACCESS_FRESH_FOR)
        {
            return Ok(());
        }
        // Asked before the read, so that a write after it changes the answer next time.
        let generation = self.written_elsewhere().await?;
        if generation.is_some() && generation == loaded.access_generation {
            loaded.access_read_at = Some(tokio::time::Instant::now());
            return Ok(());
        }
        self.catch_up_access(entry, loaded).await?;
        loaded.access_generation = generation;
        Ok(())
    }

    /// The store's word on writes made elsewhere ([`EventStore::written_elsewhere`]), asked
    /// at most once every [`ELSEWHERE_ASKED_EVERY`] for all meetings.
    async fn written_elsewhere(&self) -> Result<Option<u64>, ApiError> {
        let mut asked = self.elsewhere.lock().await;
        if let Some((at, generation)) = *asked
            && at.elapsed() < ELSEWHERE_ASKED_EVERY
        {
            return Ok(generation);
        }
        let at = tokio::time::Instant::now();
        let generation = self.store.written_elsewhere().await?;
        *asked = Some((at, generation));
        Ok(generation)
    }

    /// Another process appended to a stream (a notification from the database): a meeting
    /// this instance holds catches up, so its subscribers hear of the event too. Streams of
    /// meetings not held here are ignored; they are read when first asked for.
    pub async fn appended_elsewhere(&self, stream: &StreamId, seq: u64) -> Result<(), ApiError> {
        let id = stream
            .as_str()
            .strip_suffix(".access")
            .unwrap_or(stream.as_str());
        let entry = self.lock_meetings().get(id).map(Arc::clone);
        let Some(entry) = entry else {
            return Ok(());
        };
        let mut loaded = entry.state.lock().await;
        // An append at or below what this instance has decided is its own (or, if another
        // instance's, ours in flight will fail as a conflict and catch up then).
        let behind = if stream.as_str() == id {
            loaded.seq < seq
        } else {
            loaded.access_seq < seq
        };
        if behind {
            self.catch_up(&entry, &mut loaded).await?;
        }
        Ok(())
    }

    /// Catches up every meeting held here, after notifications may have been missed.
    pub async fn catch_up_all(&self) -> Result<(), ApiError> {
        let entries: Vec<Arc<Entry>> = self.lock_meetings().values().cloned().collect();
        for entry in entries {
            let mut loaded = entry.state.lock().await;
            self.catch_up(&entry, &mut loaded).await?;
        }
        Ok(())
    }

    fn role_of(access: &Access, key: Option<&str>) -> Result<Role, ApiError> {
        let key = key.ok_or_else(|| {
            ApiError::unauthorized("this needs a key: send `Authorization: Bearer <key>`")
        })?;
        access.role_of(&Key::presented(key)).ok_or_else(|| {
            ApiError::unauthorized("the key is not valid for this meeting (unknown or revoked)")
        })
    }

    /// The role a key holds in a meeting.
    pub async fn me(&self, id: &str, key: Option<&str>) -> Result<Me, ApiError> {
        let entry = self.entry(id).await?;
        let mut loaded = entry.state.lock().await;
        self.fresh_access(&entry, &mut loaded).await?;
        let role = Self::role_of(&loaded.access, key)?;
        Ok(Me {
            role: role.name().to_owned(),
            member: role.member(),
            name: self.holder_name(&loaded.meeting, role),
        })
    }

    fn holder_name(&self, meeting: &Meeting, role: Role) -> String {
        match role.member() {
            Some(member) => state_name(meeting, self.roster, member),
            None => "President".to_owned(),
        }
    }

    fn link(&self, id: &str, meeting: &Meeting, role: Role, key: &Key) -> Link {
        Link {
            role: role.name().to_owned(),
            member: role.member(),
            name: self.holder_name(meeting, role),
            path: format!("/m/{id}/{}#key={}", role.page(), key.expose()),
            key: Some(key.expose().to_owned()),
        }
    }

    /// The meeting now.
    pub async fn view(&self, id: &str) -> Result<MeetingView, ApiError> {
        let entry = self.entry(id).await?;
        let loaded = entry.state.lock().await;
        view::view(&entry.id, loaded.durable_seq, &loaded.durable, self.roster)
            .ok_or_else(|| ApiError::not_found(format!("no meeting `{id}` on this server")))
    }

    /// The meeting's events, for the record.
    pub async fn events(&self, id: &str) -> Result<Vec<Event>, ApiError> {
        let entry = self.entry(id).await?;
        let stored = self.store.load(&entry.stream).await?;
        stored
            .iter()
            .map(|stored| {
                stored
                    .to_meeting_event()
                    .map_err(|error| corrupt(stored, error))
            })
            .collect()
    }

    /// Whether the meeting is public (its record and board may be read without a key).
    pub async fn is_public(&self, id: &str) -> Result<bool, ApiError> {
        let entry = self.entry(id).await?;
        let loaded = entry.state.lock().await;
        Ok(loaded
            .durable
            .details()
            .is_some_and(|details| details.format.is_formal()))
    }

    /// Checks that a key is valid in a meeting, whatever its role.
    pub async fn require_key(&self, id: &str, key: Option<&str>) -> Result<Role, ApiError> {
        let entry = self.entry(id).await?;
        let mut loaded = entry.state.lock().await;
        self.fresh_access(&entry, &mut loaded).await?;
        Self::role_of(&loaded.access, key)
    }

    /// The meetings of the store, newest date first.
    pub async fn list(&self) -> Result<Vec<MeetingSummary>, ApiError> {
        let streams = self.store.streams().await?;
        let mut summaries = Vec::new();
        for stream in streams {
            let id = stream.as_str();
            if !is_meeting_id(id) {
                continue;
            }
            let entry = match self.entry(id).await {
                Ok(entry) => entry,
                Err(error) if error.status() == axum::http::StatusCode::NOT_FOUND => continue,
                Err(error) => return Err(error),
            };
            let loaded = entry.state.lock().await;
            summaries.extend(view::summary(id, &loaded.durable));
        }
        summaries.sort_by(|left, right| right.date.cmp(&left.date).then(left.id.cmp(&right.id)));
        Ok(summaries)
    }

    /// Live events after `after`: the backlog from the store, and a receiver for what comes
    /// next. The receiver is subscribed before the backlog is read, so nothing falls between.
    pub async fn subscribe(
        &self,
        id: &str,
        after: u64,
    ) -> Result<
        (
            Vec<StoredEvent>,
            broadcast::Receiver<Arc<StoredEvent>>,
            Arc<Entry>,
        ),
        ApiError,
    > {
        let entry = self.entry(id).await?;
        let receiver = entry.live.subscribe();
        let backlog = self.store.load_after(&entry.stream, after).await?;
        Ok((backlog, receiver, entry))
    }

    /// Events after `after`, from the store (a subscriber that fell behind).
    pub async fn events_after(
        &self,
        entry: &Entry,
        after: u64,
    ) -> Result<Vec<StoredEvent>, ApiError> {
        Ok(self.store.load_after(&entry.stream, after).await?)
    }

    /// Creates a meeting with a fresh id.
    pub async fn create(&self, request: CreateMeeting) -> Result<CreatedMeeting, ApiError> {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).expect("the operating system's random source is available");
        let id: String = std::iter::once("m-".to_owned())
            .chain(bytes.iter().map(|byte| format!("{byte:02x}")))
            .collect();
        self.create_with_id(&id, request).await
    }

    /// Creates a meeting under a given id: its access keys first, then its opening.
    pub async fn create_with_id(
        &self,
        id: &str,
        request: CreateMeeting,
    ) -> Result<CreatedMeeting, ApiError> {
        let composition = match &request.members {
            Some(seats) => Composition::new(
                request.date,
                seats
                    .iter()
                    .map(|seat| SeatedMember::new(seat.code, seat.name.clone(), seat.permanent))
                    .collect(),
            )?,
            None => self
                .roster
                .composition_on(request.date)
                .map_err(|error| ApiError::unprocessable(error.to_string()))?,
        };
        let president = match request.president {
            Some(president) => president,
            None => {
                let by_rotation = self
                    .roster
                    .presidency(request.date.year(), request.date.month())
                    .ok()
                    .map(|presidency| presidency.president())
                    .filter(|president| composition.contains(*president));
                // A custom Council without the rotation's member: the first in English
                // alphabetical order presides, as Rule 18 starts the rotation.
                by_rotation
                    .or_else(|| composition.members().first().map(SeatedMember::code))
                    .ok_or(Rejection::EmptyCouncil)?
            }
        };
        for (index, invitee) in request.invitees.iter().enumerate() {
            if request.invitees[..index].contains(invitee) {
                return Err(ApiError::malformed(format!(
                    "invitee {invitee} is named twice in `invitees`"
                )));
            }
            if composition.contains(*invitee) {
                return Err(ApiError::unprocessable(format!(
                    "invitee {invitee} is a member of the Council: it has a delegation key already"
                )));
            }
        }
        let open = Command::OpenMeeting {
            date: request.date,
            format: request.format.unwrap_or(MeetingFormat::PublicMeeting),
            meeting_number: request.meeting_number,
            composition: composition.clone(),
            president,
            agenda: request.agenda.clone(),
            requested_by: request.requested_by.clone(),
        };
        let opened = decide(&Meeting::default(), open)?;
        let meeting = Meeting::replay(&opened);

        let mut roles = vec![Role::President];
        roles.extend(
            composition
                .members()
                .iter()
                .map(|member| Role::Delegation(member.code())),
        );
        roles.extend(request.invitees.iter().map(|code| Role::Invitee(*code)));
        let keys: Vec<(Role, Key)> = roles
            .into_iter()
            .map(|role| (role, Key::generate()))
            .collect();
        let access_events = keys
            .iter()
            .map(|(role, key)| {
                new_access_event(&AccessEvent::KeyIssued {
                    role: *role,
                    key_hash: key.hash(),
                })
            })
            .collect();
        let (stream, access_stream) = streams_of(id);
        self.store
            .append(&access_stream, 0, access_events)
            .await
            .map_err(|error| match error {
                StoreError::Conflict { .. } => {
                    ApiError::conflict(format!("a meeting `{id}` exists already"))
                }
                other => other.into(),
            })?;
        let now = Utc::now();
        let new_events = opened
            .iter()
            .map(|event| NewEvent::meeting(event, now))
            .collect();
        self.store.append(&stream, 0, new_events).await?;

        let mut links: Vec<Link> = keys
            .iter()
            .map(|(role, key)| self.link(id, &meeting, *role, key))
            .collect();
        links.push(Link {
            role: "board".to_owned(),
            member: None,
            name: "Board".to_owned(),
            path: format!("/m/{id}/board"),
            key: None,
        });
        tracing::info!(meeting = id, "meeting created");
        Ok(CreatedMeeting {
            id: id.to_owned(),
            links,
        })
    }

    /// Runs a command presented with a key.
    /// With a request id (the `Idempotency-Key`), a retry of a request already recorded
    /// answers what the first one recorded, with `replayed` set, and records nothing.
    pub async fn act(
        &self,
        id: &str,
        key: Option<&str>,
        request: CommandRequest,
        request_id: Option<RequestId>,
    ) -> Result<CommandResult, ApiError> {
        let entry = self.entry(id).await?;
        let role = {
            let mut loaded = entry.state.lock().await;
            // Keys issued or revoked elsewhere (an operator, another instance) count at once.
            self.fresh_access(&entry, &mut loaded).await?;
            Self::role_of(&loaded.access, key)?
        };
        self.act_in(&entry, role, request, request_id).await
    }

    /// Runs a command as a role, without a key (the demo's setting up, and tests).
    pub async fn act_as(
        &self,
        id: &str,
        role: Role,
        request: CommandRequest,
    ) -> Result<CommandResult, ApiError> {
        let entry = self.entry(id).await?;
        self.act_in(&entry, role, request, None).await
    }

    /// Decides a command on the meeting as decided so far and submits its events under the
    /// meeting's lock, so commands are decided and written in one order; then, without the
    /// lock, waits for them to be durable before answering. An append refused by the store
    /// (another writer got there first, or one before it in the pipeline failed) is decided
    /// again on the meeting as the store holds it.
    ///
    /// Cancel-safe: what the store answers is applied to the meeting by a task of its own
    /// ([`Entry::settle`]), so a request dropped while it waits (its client gone, or its time
    /// up) leaves no gap in the pipeline.
    async fn act_in(
        &self,
        entry: &Arc<Entry>,
        role: Role,
        request: CommandRequest,
        request_id: Option<RequestId>,
    ) -> Result<CommandResult, ApiError> {
        let mut attempts = 0;
        // Whether the store was read for events from elsewhere before refusing (once).
        let mut refusal_checked = false;
        loop {
            attempts += 1;
            let (events, pending) = {
                let mut loaded = entry.state.lock().await;
                // A retry is looked up in the store only when it may be there: its id among
                // the durable events, or after the store refused an append (it may have been
                // recorded elsewhere, or durable and not yet applied here).
                let may_be_recorded = attempts > 1
                    || request_id
                        .as_ref()
                        .is_some_and(|request_id| loaded.requests.contains(request_id));
                if may_be_recorded
                    && let Some(answer) = self.replay(entry, &loaded, &request_id).await?
                {
                    return Ok(answer);
                }
                let command = authorize(role, request.clone())?;
                let events = match decide(&loaded.meeting, command) {
                    Ok(events) => events,
                    // Refused as things stand here, which may be behind the store: events
                    // appended elsewhere (another instance, whose notification is on its way)
                    // or this very request, recorded by a first attempt. Refused only once the
                    // store holds nothing newer; else decided again, or answered with what the
                    // request recorded (its id is then among the durable ones).
                    Err(rejection) => {
                        if !refusal_checked {
                            refusal_checked = true;
                            let seen = loaded.durable_seq;
                            self.catch_up(entry, &mut loaded).await?;
                            if loaded.durable_seq > seen {
                                continue;
                            }
                        }
                        return Err(rejection.into());
                    }
                };
                let now = Utc::now();
                let new_events: Vec<NewEvent> = events
                    .iter()
                    .map(|event| {
                        let new_event = NewEvent::meeting(event, now);
                        match &request_id {
                            Some(request_id) => new_event.with_request_id(request_id.clone()),
                            None => new_event,
                        }
                    })
                    .collect();
                let pending = self
                    .store
                    .submit(&entry.stream, loaded.seq, new_events)
                    .await;
                for event in &events {
                    loaded.meeting =
                        council_core::meeting::evolve(std::mem::take(&mut loaded.meeting), event);
                    loaded.seq += 1;
                }
                (events, tokio::spawn(Arc::clone(entry).settle(pending)))
            };
            let appended = pending.await.map_err(|error| ApiError::internal(&error))?;
            let mut loaded = entry.state.lock().await;
            match appended {
                Ok(stored) => {
                    let seq = stored.last().map_or(loaded.durable_seq, |last| last.seq);
                    let views = stored.iter().map(event_view).collect();
                    let link = self.issue_invitee_key(entry, &mut loaded, &events).await?;
                    return Ok(CommandResult {
                        seq,
                        events: views,
                        link,
                        replayed: false,
                    });
                }
                // Another writer (or the first try of this very request, or an append
                // before this one in the pipeline) changed the stream: catch up and look again.
                Err(StoreError::Conflict { .. } | StoreError::DuplicateRequest { .. })
                    if attempts < ATTEMPTS =>
                {
                    self.catch_up(entry, &mut loaded).await?;
                }
                Err(error) => return Err(error.into()),
            }
        }
    }

    /// What request `request_id` recorded on the meeting, as the answer to its retry, if it
    /// recorded anything: one read of the store.
    async fn replay(
        &self,
        entry: &Entry,
        loaded: &Loaded,
        request_id: &Option<RequestId>,
    ) -> Result<Option<CommandResult>, ApiError> {
        let Some(request_id) = request_id else {
            return Ok(None);
        };
        let stored = self.store.find_request(&entry.stream, request_id).await?;
        Ok(stored.map(|stored| replayed(loaded.durable_seq, stored.as_slice())))
    }

    /// An invited State without a key gets one; the link goes back to the President.
    async fn issue_invitee_key(
        &self,
        entry: &Entry,
        loaded: &mut Loaded,
        events: &[Event],
    ) -> Result<Option<Link>, ApiError> {
        let invited = events.iter().find_map(|event| match event {
            Event::ParticipantInvited {
                participant: Participant::State { state },
                ..
            } => Some(*state),
            _ => None,
        });
        let Some(state) = invited else {
            return Ok(None);
        };
        if loaded.access.role_for_member(state).is_some() {
            return Ok(None);
        }
        let role = Role::Invitee(state);
        self.issue_key(entry, loaded, role).await.map(Some)
    }

    async fn issue_key(
        &self,
        entry: &Entry,
        loaded: &mut Loaded,
        role: Role,
    ) -> Result<Link, ApiError> {
        let key = Key::generate();
        let event = AccessEvent::KeyIssued {
            role,
            key_hash: key.hash(),
        };
        self.append_access(entry, loaded, event).await?;
        Ok(self.link(&entry.id, &loaded.meeting, role, &key))
    }

    async fn append_access(
        &self,
        entry: &Entry,
        loaded: &mut Loaded,
        event: AccessEvent,
    ) -> Result<(), ApiError> {
        let mut attempts = 0;
        loop {
            attempts += 1;
            let appended = self
                .store
                .append(
                    &entry.access_stream,
                    loaded.access_seq,
                    vec![new_access_event(&event)],
                )
                .await;
            match appended {
                Ok(stored) => {
                    loaded.access.apply(&event);
                    loaded.access_seq = stored.last().map_or(loaded.access_seq, |last| last.seq);
                    return Ok(());
                }
                Err(StoreError::Conflict { .. }) if attempts < ATTEMPTS => {
                    self.catch_up(entry, loaded).await?;
                }
                Err(error) => return Err(error.into()),
            }
        }
    }

    fn holder_role(loaded: &Loaded, holder: &str) -> Result<Role, ApiError> {
        if holder == "president" {
            return Ok(Role::President);
        }
        let member = MemberCode::parse(holder).map_err(|_| {
            ApiError::not_found(format!(
                "no link `{holder}`: expected `president` or a member code"
            ))
        })?;
        loaded
            .access
            .role_for_member(member)
            .ok_or_else(|| ApiError::not_found(format!("{member} holds no link in this meeting")))
    }

    /// The President re-issues the key of a holder (`president` or a member code).
    pub async fn reissue(
        &self,
        id: &str,
        key: Option<&str>,
        holder: &str,
    ) -> Result<Link, ApiError> {
        let entry = self.entry(id).await?;
        let mut loaded = entry.state.lock().await;
        self.catch_up_access(&entry, &mut loaded).await?;
        require_president(Self::role_of(&loaded.access, key)?, "re-issue links")?;
        let role = Self::holder_role(&loaded, holder)?;
        self.issue_key(&entry, &mut loaded, role).await
    }

    /// The President revokes the key of a member.
    pub async fn revoke(&self, id: &str, key: Option<&str>, holder: &str) -> Result<(), ApiError> {
        let entry = self.entry(id).await?;
        let mut loaded = entry.state.lock().await;
        self.catch_up_access(&entry, &mut loaded).await?;
        require_president(Self::role_of(&loaded.access, key)?, "revoke links")?;
        let role = Self::holder_role(&loaded, holder)?;
        if role == Role::President {
            return Err(ApiError::unprocessable(
                "the President's own key cannot be revoked, only re-issued",
            ));
        }
        self.append_access(&entry, &mut loaded, AccessEvent::KeyRevoked { role })
            .await
    }

    /// Issues new keys to every holder of a meeting's links, or to one (`president` or a
    /// member code), revoking the old ones: the operator's way back in when links are lost.
    /// It takes no key: whoever runs it holds the database.
    pub async fn reissue_as_operator(
        &self,
        id: &str,
        holder: Option<&str>,
    ) -> Result<Vec<Link>, ApiError> {
        let entry = self.entry(id).await?;
        let mut loaded = entry.state.lock().await;
        let roles = match holder {
            Some(holder) => vec![Self::holder_role(&loaded, holder)?],
            None => {
                let mut roles = vec![Role::President];
                roles.extend(loaded.access.holders());
                roles.dedup();
                roles
            }
        };
        let mut links = Vec::new();
        for role in roles {
            links.push(self.issue_key(&entry, &mut loaded, role).await?);
        }
        Ok(links)
    }

    /// Creates the demo meeting (20 November 2024, S/2024/835) unless it exists; answers its
    /// links when it was created.
    pub async fn ensure_demo(&self) -> Result<Option<CreatedMeeting>, ApiError> {
        match self.entry(DEMO_MEETING).await {
            Ok(_) => return Ok(None),
            Err(error) if error.status() == axum::http::StatusCode::NOT_FOUND => {}
            Err(error) => return Err(error),
        }
        let created = self
            .create_with_id(DEMO_MEETING, crate::demo::meeting())
            .await?;
        for (role, request) in crate::demo::business() {
            self.act_as(DEMO_MEETING, role, request).await?;
        }
        Ok(Some(created))
    }
}

fn require_president(role: Role, action: &str) -> Result<(), ApiError> {
    if role == Role::President {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "only the President may {action}; this key is {role}'s"
        )))
    }
}

/// Turns a request into the domain's command for the role that sent it, or refuses it for
/// that role: the President runs the meeting, a delegation acts only as itself, an invited
/// State speaks, co-sponsors and submits drafts of its own (Rule 38) but never votes.
pub fn authorize(role: Role, request: CommandRequest) -> Result<Command, ApiError> {
    let name = request.name();
    let member = |allow_invitee: bool| -> Result<MemberCode, ApiError> {
        match role {
            Role::Delegation(member) => Ok(member),
            Role::Invitee(member) if allow_invitee => Ok(member),
            Role::Invitee(member) => Err(ApiError::forbidden(format!(
                "{member} is invited without vote (rules 37 and 39): `{name}` is for members of the Council"
            ))),
            Role::President => Err(ApiError::forbidden(format!(
                "`{name}` is for delegations; the President acts as chair only (the presiding member votes with its delegation's key)"
            ))),
        }
    };
    let president = || require_president(role, &format!("`{name}`"));
    let command = match request {
        CommandRequest::AdoptAgenda {} => {
            president()?;
            Command::AdoptAgenda
        }
        CommandRequest::InviteParticipant {
            state,
            name: person,
            title,
            basis,
        } => {
            president()?;
            let participant = match (state, person, title) {
                (Some(state), None, None) => Participant::State { state },
                (None, Some(name), Some(title)) => Participant::Person { name, title },
                _ => {
                    return Err(ApiError::malformed(
                        "invite_participant needs either `state`, or `name` and `title`",
                    ));
                }
            };
            Command::InviteParticipant { participant, basis }
        }
        CommandRequest::PutToVote { item } => {
            president()?;
            Command::PutToVote { item }
        }
        CommandRequest::CloseVote {} => {
            president()?;
            Command::RecordVote {
                ballot: Ballot::default(),
            }
        }
        CommandRequest::CirculateStatement {
            id,
            kind,
            text,
            silence_until,
        } => {
            president()?;
            Command::CirculateStatement {
                id,
                kind,
                text,
                silence_until,
            }
        }
        CommandRequest::ConcludeStatement { id } => {
            president()?;
            Command::ConcludeStatement { id }
        }
        CommandRequest::Adjourn {} => {
            president()?;
            Command::CloseMeeting
        }
        CommandRequest::CastVote { position } => Command::CastVote {
            member: member(false)?,
            position,
        },
        CommandRequest::SubmitDraft {
            symbol,
            paragraphs,
            sponsors,
            procedural,
            parties_to_dispute,
        } => {
            let mover = member(true)?;
            Command::SubmitDraft {
                symbol,
                sponsors: sponsors.unwrap_or_else(|| vec![mover]),
                mover,
                paragraphs,
                procedural,
                parties_to_dispute,
            }
        }
        CommandRequest::WithdrawDraft { draft } => Command::WithdrawDraft {
            draft,
            member: member(true)?,
        },
        CommandRequest::RequestVote { draft } => Command::RequestVote {
            draft,
            member: member(false)?,
        },
        CommandRequest::TakeOverDraft { draft } => Command::TakeOverDraft {
            draft,
            member: member(false)?,
        },
        CommandRequest::SubmitAmendment {
            id,
            draft,
            oral,
            changes,
        } => Command::SubmitAmendment {
            id,
            draft,
            proposed_by: member(false)?,
            oral,
            changes,
        },
        CommandRequest::RequestSeparateVote { draft, paragraph } => Command::RequestSeparateVote {
            draft,
            paragraph,
            requested_by: member(false)?,
        },
        CommandRequest::ObjectToSeparateVote { draft, paragraph } => {
            Command::ObjectToSeparateVote {
                draft,
                paragraph,
                member: member(true)?,
            }
        }
        CommandRequest::DisputeProceduralCharacter { draft } => {
            Command::DisputeProceduralCharacter {
                draft,
                member: member(false)?,
            }
        }
        CommandRequest::ExplainVote {
            draft,
            timing,
            text,
        } => Command::ExplainVote {
            member: member(false)?,
            draft,
            timing,
            text,
        },
        CommandRequest::ObjectToStatement { id } => Command::ObjectToStatement {
            id,
            member: member(false)?,
        },
        CommandRequest::DissociateFromStatement { id } => Command::DissociateFromStatement {
            id,
            member: member(false)?,
        },
        CommandRequest::BreakSilence { id } => Command::BreakSilence {
            id,
            member: member(false)?,
            at: Utc::now().naive_utc(),
        },
        CommandRequest::GiveFloor { member: speaker } => {
            president()?;
            Command::GiveFloor { speaker }
        }
        CommandRequest::RequestFloor {} => Command::InscribeSpeaker {
            speaker: member(true)?,
        },
        CommandRequest::CoSponsor { draft } => Command::CoSponsorDraft {
            draft,
            member: member(true)?,
        },
        CommandRequest::ReviseDraft { draft, paragraphs } => Command::ReviseDraft {
            draft,
            member: member(true)?,
            paragraphs,
        },
        CommandRequest::PutInBlue { draft } => Command::PutDraftInBlue {
            draft,
            member: member(true)?,
        },
    };
    Ok(command)
}

#[cfg(test)]
mod tests {
    use council_core::Position;
    use council_core::meeting::VoteItem;

    use super::*;

    fn code(text: &str) -> MemberCode {
        MemberCode::parse(text).unwrap()
    }

    fn status(result: Result<Command, ApiError>) -> u16 {
        match result {
            Ok(_) => 200,
            Err(error) => error.status().as_u16(),
        }
    }

    #[test]
    fn a_delegation_casts_its_own_vote_and_nobody_else_votes() {
        let cast = || CommandRequest::CastVote {
            position: Position::Yes,
        };
        assert_eq!(
            authorize(Role::Delegation(code("FRA")), cast()).unwrap(),
            Command::CastVote {
                member: code("FRA"),
                position: Position::Yes
            }
        );
        assert_eq!(status(authorize(Role::President, cast())), 403);
        assert_eq!(status(authorize(Role::Invitee(code("PSE")), cast())), 403);
    }

    #[test]
    fn only_the_president_runs_the_meeting() {
        let chair_business = [
            CommandRequest::AdoptAgenda {},
            CommandRequest::PutToVote {
                item: VoteItem::Agenda,
            },
            CommandRequest::CloseVote {},
            CommandRequest::Adjourn {},
            CommandRequest::ConcludeStatement { id: "PS".into() },
        ];
        for request in chair_business {
            assert_eq!(status(authorize(Role::President, request.clone())), 200);
            assert_eq!(
                status(authorize(Role::Delegation(code("USA")), request.clone())),
                403
            );
            assert_eq!(status(authorize(Role::Invitee(code("PSE")), request)), 403);
        }
    }

    #[test]
    fn closing_the_vote_records_no_position_of_its_own() {
        assert_eq!(
            authorize(Role::President, CommandRequest::CloseVote {}).unwrap(),
            Command::RecordVote {
                ballot: Ballot::default()
            }
        );
    }

    #[test]
    fn meeting_ids_are_short_lowercase_slugs() {
        assert!(is_meeting_id("demo"));
        assert!(is_meeting_id("m-0123456789abcdef"));
        assert!(!is_meeting_id(""));
        assert!(!is_meeting_id("Demo"));
        assert!(!is_meeting_id("demo.access"));
        assert!(!is_meeting_id(&"a".repeat(41)));
    }
}
