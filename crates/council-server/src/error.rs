//! [`ApiError`]: every refusal and failure of the API, as one JSON shape
//! `{"error": {"code", "message"}}` with its HTTP status.
//!
//! Client mistakes never become a 500: malformed input is 400, access 401/403, unknown
//! things 404, clashes with what already happened 409, rule refusals 422. A store that cannot
//! be reached is 503 (retry). Only a bug or a corrupt log is a 500, logged with its cause and
//! answered with an opaque message.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use council_core::Rejection;
use council_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// An error as the API answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    rejection: Option<&'static str>,
}

/// The body of every error answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// What went wrong, for programs (`code`) and for people (`message`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// `malformed`, `unauthorized`, `forbidden`, `not_found`, `conflict`, `too_large`,
    /// `unsupported_media_type`, `rejected`, `too_many_requests`, `unavailable` or
    /// `internal`.
    pub code: &'static str,
    /// A sentence naming the offending input.
    pub message: String,
    /// For rule refusals (409 and 422): the engine's name for the rule, in snake_case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejection: Option<&'static str>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            rejection: None,
        }
    }

    /// 400: the request cannot be read.
    pub fn malformed(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "malformed", message)
    }

    /// 401: no key, or a key that is unknown or revoked.
    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// 403: a valid key whose role may not do this.
    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 404: an unknown meeting, link or page.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 409: a clash with what the log already holds, not a rule refusal.
    pub fn conflict(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, "conflict", message)
    }

    /// 413: a body over the limit.
    pub fn too_large(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", message)
    }

    /// 415: a body that is not declared as JSON.
    pub fn unsupported_media_type(message: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            message,
        )
    }

    /// 422: a request the rules of the Council do not allow, other than a rule refusal.
    pub fn unprocessable(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "rejected", message)
    }

    /// 429: a client over its limits (see `limits`).
    pub fn too_many_requests(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too_many_requests", message)
    }

    /// 503: the store cannot be reached now.
    pub fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", message)
    }

    /// 500: a bug or a corrupt log; the cause is logged, not shown.
    pub fn internal(cause: &dyn std::error::Error) -> ApiError {
        tracing::error!(cause = %chain(cause), "internal error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error; the server log has the cause",
        )
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The error's code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The error's message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<Rejection> for ApiError {
    fn from(rejection: Rejection) -> ApiError {
        let (status, code) = if rejection.is_conflict() {
            (StatusCode::CONFLICT, "conflict")
        } else {
            (StatusCode::UNPROCESSABLE_ENTITY, "rejected")
        };
        ApiError {
            status,
            code,
            message: rejection.to_string(),
            rejection: Some(rejection.code()),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match error {
            StoreError::Backend(_) | StoreError::TimedOut { .. } => {
                // With its sources: the database's own words (disk full, read-only, connection
                // refused) are what the operator needs.
                tracing::warn!(cause = %chain(&error), "store unavailable");
                ApiError::unavailable("the meeting log cannot be reached now; retry shortly")
            }
            StoreError::Conflict { .. } => ApiError::conflict(
                "the meeting moved on while this request was handled; reload and retry",
            ),
            other => ApiError::internal(&other),
        }
    }
}

/// An error and its sources, `: `-separated.
fn chain(cause: &dyn std::error::Error) -> String {
    let mut chain = cause.to_string();
    let mut source = cause.source();
    while let Some(next) = source {
        chain.push_str(": ");
        chain.push_str(&next.to_string());
        source = next.source();
    }
    chain
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message,
                rejection: self.rejection,
            },
        };
        (self.status, Json(body)).into_response()
    }
}
