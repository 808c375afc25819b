//! Request extractors that answer in the API's own error shape: [`JsonBody`] (declared JSON,
//! size-limited, unknown fields refused, the offending field named) and [`BearerKey`].

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The largest body the API reads.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A JSON body read into `T`.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let declared_json = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"));
        if !declared_json {
            return Err(ApiError::unsupported_media_type(
                "the body must be JSON, sent with `Content-Type: application/json`",
            ));
        }
        let bytes =
            Bytes::from_request(request, state)
                .await
                .map_err(|rejection: BytesRejection| {
                    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                        ApiError::too_large(format!(
                            "the body is larger than {MAX_BODY_BYTES} bytes"
                        ))
                    } else {
                        ApiError::malformed(format!("the body cannot be read: {rejection}"))
                    }
                })?;
        let value = serde_json::from_slice(&bytes).map_err(|error| {
            ApiError::malformed(format!("the body is not a valid request: {error}"))
        })?;
        Ok(JsonBody(value))
    }
}

/// The key from `Authorization: Bearer <key>`, if any.
pub struct BearerKey(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for BearerKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(AUTHORIZATION) else {
            return Ok(BearerKey(None));
        };
        let text = value
            .to_str()
            .map_err(|_| ApiError::unauthorized("the Authorization header is not readable text"))?;
        let key = text.strip_prefix("Bearer ").ok_or_else(|| {
            ApiError::unauthorized("the Authorization header must be `Bearer <key>`")
        })?;
        Ok(BearerKey(Some(key.trim().to_owned())))
    }
}
