//! The meeting record, like an S/PV: `GET /m/{id}/record` (HTML) and `GET /m/{id}/record.md`
//! (Markdown), rendered by `council-verbatim` from the meeting's events.
//!
//! Closed consultations keep no public record: theirs needs a key of the meeting, as
//! `Authorization` or as `?key=K` for a link opened in a browser.

use axum::extract::{Path, Query, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::api::AppState;
use crate::error::ApiError;
use crate::extract::BearerKey;

/// `?key=K`.
#[derive(Debug, Deserialize)]
pub struct KeyQuery {
    /// A key of the meeting.
    pub key: Option<String>,
}

/// The formats of the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFormat {
    /// A complete HTML document.
    Html,
    /// Markdown.
    Markdown,
}

async fn record(
    service: &AppState,
    id: &str,
    key: Option<String>,
    format: RecordFormat,
) -> Result<Response, ApiError> {
    if !service.is_public(id).await? {
        service.require_key(id, key.as_deref()).await?;
    }
    let events = service.events(id).await?;
    let roster = service.roster();
    Ok(match format {
        RecordFormat::Html => (
            [(CONTENT_TYPE, "text/html; charset=utf-8")],
            council_verbatim::render_html(&events, roster),
        )
            .into_response(),
        RecordFormat::Markdown => (
            [(CONTENT_TYPE, "text/markdown; charset=utf-8")],
            council_verbatim::render_markdown(&events, roster),
        )
            .into_response(),
    })
}

/// `GET /m/{id}/record`.
pub async fn html(
    State(service): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<KeyQuery>,
    BearerKey(key): BearerKey,
) -> Result<Response, ApiError> {
    record(&service, &id, key.or(query.key), RecordFormat::Html).await
}

/// `GET /m/{id}/record.md`.
pub async fn markdown(
    State(service): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<KeyQuery>,
    BearerKey(key): BearerKey,
) -> Result<Response, ApiError> {
    record(&service, &id, key.or(query.key), RecordFormat::Markdown).await
}
