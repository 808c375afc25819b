//! A bound on how long any request waits for its answer: a store that stops answering (a
//! frozen PostgreSQL, a disk that hangs) or a queue of requests on one meeting, each waiting
//! for the store in turn, gives `503 unavailable` after [`ANSWER_WITHIN`] instead of a
//! client left hanging.
//!
//! A request cut short is dropped where it waits; [`Service`](crate::service::Service) is
//! written so that this loses nothing: an append already submitted is settled by a task of
//! its own, and a command's outcome is then unknown to its client, which retries with the
//! same `Idempotency-Key` to learn it. Live streams are not cut: their handler answers at
//! once and the stream follows as the body, which this bound does not cover.

use std::time::Duration;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// How long a request may wait for its answer: longer than the PostgreSQL store's own bound
/// on one operation (8 s), so that a single slow operation is reported by the store first.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(12);

/// The middleware: the handler's answer, or `503 unavailable` once [`ANSWER_WITHIN`] has
/// passed.
pub async fn answer_in_time(request: Request, next: Next) -> Response {
    match tokio::time::timeout(ANSWER_WITHIN, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!("a request was not answered within {ANSWER_WITHIN:?}");
            ApiError::unavailable(
                "the meeting log did not answer in time; retry shortly (with the same \
                 Idempotency-Key, to learn whether a command was recorded)",
            )
            .into_response()
        }
    }
}
