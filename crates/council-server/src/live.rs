//! Live updates: `GET /api/meetings/{id}/events` as Server-Sent Events.
//!
//! Each event of the meeting's log is one message with `id:` its sequence number, so a
//! client that reconnects with `Last-Event-ID` (or `?after=N`) resumes exactly after the
//! last event it saw: the backlog comes from the store, then live events follow, and any
//! event at or below the last one sent is skipped, so nothing is missed or repeated. A
//! subscriber that falls too far behind the live channel reloads from the store.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use council_store::StoredEvent;
use futures_util::Stream;
use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;

use crate::api::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::extract::BearerKey;
use crate::service::Entry;

/// `?after=N`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct After {
    /// Resume after this sequence number.
    pub after: Option<u64>,
    /// A key of the meeting, for closed consultations (browsers' `EventSource` cannot send
    /// an `Authorization` header); public meetings need none.
    pub key: Option<String>,
}

/// One message of the stream, as OpenAPI 3.1 describes `text/event-stream`: the schema is
/// each event's, not the whole body's (clients such as schemathesis check every event).
#[derive(Debug, utoipa::ToSchema)]
pub struct StreamEvent {
    /// The event's sequence number, for `Last-Event-ID`.
    pub id: String,
    /// The event's kind (`meeting_opened`, `vote_cast`, ...).
    pub event: String,
    /// JSON text: `{"seq", "kind", "recorded_at", "event"}`, as an [`EventView`](crate::dto::EventView).
    pub data: String,
}

fn message(stored: &StoredEvent) -> SseEvent {
    let data = serde_json::json!({
        "seq": stored.seq,
        "kind": stored.kind,
        "recorded_at": stored.recorded_at.to_rfc3339(),
        "event": stored.payload,
    });
    SseEvent::default()
        .id(stored.seq.to_string())
        .event(stored.kind.clone())
        .data(data.to_string())
}

/// One subscriber's place in a meeting's events.
struct Follow {
    service: AppState,
    entry: Arc<Entry>,
    receiver: tokio::sync::broadcast::Receiver<Arc<StoredEvent>>,
    backlog: std::vec::IntoIter<StoredEvent>,
    last: u64,
    closing: tokio::sync::watch::Receiver<bool>,
}

impl Follow {
    /// Reads from the store what follows the last event sent (after a gap, or after falling
    /// behind the live channel); `None` if the store cannot be read.
    async fn reload(&mut self) -> Option<()> {
        let missing = self
            .service
            .events_after(&self.entry, self.last)
            .await
            .ok()?;
        self.backlog = missing.into_iter();
        Some(())
    }

    /// The next event to send, or `None` when the stream must end (the server is closing,
    /// or the store cannot be read).
    async fn next(&mut self) -> Option<SseEvent> {
        loop {
            if *self.closing.borrow() {
                return None;
            }
            if let Some(stored) = self.backlog.next() {
                if stored.seq <= self.last {
                    continue;
                }
                self.last = stored.seq;
                return Some(message(&stored));
            }
            let received = tokio::select! {
                received = self.receiver.recv() => received,
                _ = self.closing.changed() => return None,
            };
            match received {
                Ok(stored) => {
                    if stored.seq <= self.last {
                        continue;
                    }
                    if stored.seq > self.last + 1 {
                        // A gap: read what is missing from the store first.
                        self.reload().await?;
                        continue;
                    }
                    self.last = stored.seq;
                    return Some(message(&stored));
                }
                Err(RecvError::Lagged(_)) => self.reload().await?,
                Err(RecvError::Closed) => return None,
            }
        }
    }
}

/// The meeting's events as Server-Sent Events, from `Last-Event-ID` or `?after=N`.
#[utoipa::path(
    get, path = "/api/meetings/{id}/events",
    params(("id" = String, Path), After, ("Last-Event-ID" = Option<String>, Header, description = "resume after this event")),
    responses(
        (status = 200, description = "text/event-stream of the meeting's events, one message each", content_type = "text/event-stream", body = StreamEvent),
        (status = 400, body = ErrorBody),
        (status = 401, description = "closed consultations, without a key of the meeting", body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn events(
    State(service): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<After>,
    headers: HeaderMap,
    BearerKey(key): BearerKey,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, ApiError> {
    let from_header = match headers.get("last-event-id") {
        Some(value) => Some(
            value
                .to_str()
                .ok()
                .and_then(|text| text.trim().parse::<u64>().ok())
                .ok_or_else(|| {
                    ApiError::malformed("Last-Event-ID must be an event's sequence number")
                })?,
        ),
        None => None,
    };
    let after = from_header.or(query.after).unwrap_or(0);
    if !service.is_public(&id).await? {
        let key = key.or(query.key);
        service.require_key(&id, key.as_deref()).await?;
    }
    let (backlog, receiver, entry) = service.subscribe(&id, after).await?;
    let closing = service.closing();
    let state = Follow {
        service,
        entry,
        receiver,
        backlog: backlog.into_iter(),
        last: after,
        closing,
    };
    let stream = futures_util::stream::unfold(state, |mut follow| async move {
        let item = follow.next().await?;
        Some((Ok(item), follow))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

#[cfg(test)]
mod tests {
    use utoipa::OpenApi;

    /// Issue 6: schemathesis found the stream documented as one string (OpenAPI 3.1 reads a
    /// `text/event-stream` schema as each event's), and `after` and `key` documented as
    /// path parameters.
    #[test]
    fn the_openapi_document_describes_each_event_of_the_stream_and_its_query_parameters() {
        let document = serde_json::to_value(crate::api::ApiDoc::openapi()).unwrap();
        let operation = &document["paths"]["/api/meetings/{id}/events"]["get"];
        let schema = &operation["responses"]["200"]["content"]["text/event-stream"]["schema"];
        let reference = schema["$ref"].as_str().expect("a schema of its own");
        let name = reference.rsplit('/').next().unwrap();
        let event = &document["components"]["schemas"][name];
        for field in ["id", "event", "data"] {
            assert_eq!(event["properties"][field]["type"], "string", "{event}");
        }
        let parameters = operation["parameters"].as_array().unwrap();
        for name in ["after", "key"] {
            let parameter = parameters
                .iter()
                .find(|parameter| parameter["name"] == name)
                .unwrap();
            assert_eq!(parameter["in"], "query", "{parameter}");
            assert_ne!(parameter["required"], true, "{parameter}");
        }
        assert!(operation["responses"]["401"].is_object(), "{operation}");
    }
}
