//! The JSON API: handlers, each a thin translation between HTTP and the [`Service`], and the
//! OpenAPI document served at `/api/openapi.json`.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use council_store::RequestId;
use utoipa::OpenApi;

use crate::backend::Backend;
use crate::dto::{
    CommandRequest, CommandResult, CreateMeeting, CreatedMeeting, EventView, Link, Me,
};
use crate::error::{ApiError, ErrorBody, ErrorDetail};
use crate::extract::{BearerKey, JsonBody};
use crate::service::Service;
use crate::view::{MeetingSummary, MeetingView};

/// The state every handler shares.
pub type AppState = Arc<Service<Backend>>;

/// The OpenAPI description of the API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "council",
        description = "The live Security Council: meetings, commands, votes and outcomes. Errors are `{\"error\": {\"code\", \"message\"}}`.",
    ),
    paths(
        create_meeting,
        list_meetings,
        get_meeting,
        me,
        act,
        reissue_link,
        revoke_link,
        crate::live::events,
    ),
    components(schemas(
        CreateMeeting,
        CreatedMeeting,
        Link,
        CommandRequest,
        CommandResult,
        EventView,
        Me,
        MeetingView,
        MeetingSummary,
        ErrorBody,
        ErrorDetail
    )),
    modifiers(&BearerSecurity)
)]
pub struct ApiDoc;

struct BearerSecurity;

impl utoipa::Modify for BearerSecurity {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "key",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// Creates a meeting and answers one secret link per role.
#[utoipa::path(
    post, path = "/api/meetings", request_body = CreateMeeting,
    responses(
        (status = 201, description = "created", body = CreatedMeeting),
        (status = 400, description = "malformed", body = ErrorBody),
        (status = 422, description = "refused by the rules or outside the data", body = ErrorBody),
    )
)]
pub async fn create_meeting(
    State(service): State<AppState>,
    JsonBody(request): JsonBody<CreateMeeting>,
) -> Result<impl IntoResponse, ApiError> {
    let created = service.create(request).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// The meetings on this server, newest first.
#[utoipa::path(get, path = "/api/meetings", responses((status = 200, body = Vec<MeetingSummary>)))]
pub async fn list_meetings(
    State(service): State<AppState>,
) -> Result<Json<Vec<MeetingSummary>>, ApiError> {
    Ok(Json(service.list().await?))
}

/// The meeting now. Closed consultations need a key of the meeting.
#[utoipa::path(
    get, path = "/api/meetings/{id}",
    params(("id" = String, Path, description = "the meeting's id")),
    responses(
        (status = 200, body = MeetingView),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get_meeting(
    State(service): State<AppState>,
    Path(id): Path<String>,
    BearerKey(key): BearerKey,
) -> Result<Json<MeetingView>, ApiError> {
    if !service.is_public(&id).await? {
        service.require_key(&id, key.as_deref()).await?;
    }
    Ok(Json(service.view(&id).await?))
}

/// Who a key is.
#[utoipa::path(
    get, path = "/api/meetings/{id}/me",
    params(("id" = String, Path, description = "the meeting's id")),
    security(("key" = [])),
    responses((status = 200, body = Me), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody))
)]
pub async fn me(
    State(service): State<AppState>,
    Path(id): Path<String>,
    BearerKey(key): BearerKey,
) -> Result<Json<Me>, ApiError> {
    Ok(Json(service.me(&id, key.as_deref()).await?))
}

/// Acts in a meeting: the command is authorized for the key's role, decided by the rules
/// engine, and recorded.
#[utoipa::path(
    post, path = "/api/meetings/{id}/commands", request_body = CommandRequest,
    params(
        ("id" = String, Path, description = "the meeting's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "makes a retry safe"),
    ),
    security(("key" = [])),
    responses(
        (status = 200, body = CommandResult),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody),
        (status = 413, body = ErrorBody),
        (status = 422, body = ErrorBody),
        (status = 503, body = ErrorBody),
    )
)]
pub async fn act(
    State(service): State<AppState>,
    Path(id): Path<String>,
    BearerKey(key): BearerKey,
    headers: HeaderMap,
    JsonBody(request): JsonBody<CommandRequest>,
) -> Result<impl IntoResponse, ApiError> {
    let request_id = match headers.get("idempotency-key") {
        None => None,
        Some(value) => {
            let text = value.to_str().map_err(|_| {
                ApiError::malformed("the Idempotency-Key header is not readable text")
            })?;
            Some(RequestId::parse(text).map_err(|error| ApiError::malformed(error.to_string()))?)
        }
    };
    let result = service
        .act(&id, key.as_deref(), request, request_id)
        .await?;
    let replayed = if result.replayed { "true" } else { "false" };
    Ok(([("idempotent-replayed", replayed)], Json(result)))
}

/// The President re-issues a link (`president` or a member code); the old key stops working.
#[utoipa::path(
    post, path = "/api/meetings/{id}/links/{holder}",
    params(("id" = String, Path), ("holder" = String, Path, description = "`president` or a member code")),
    security(("key" = [])),
    responses((status = 200, body = Link), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
pub async fn reissue_link(
    State(service): State<AppState>,
    Path((id, holder)): Path<(String, String)>,
    BearerKey(key): BearerKey,
) -> Result<Json<Link>, ApiError> {
    Ok(Json(service.reissue(&id, key.as_deref(), &holder).await?))
}

/// The President revokes a member's link.
#[utoipa::path(
    delete, path = "/api/meetings/{id}/links/{holder}",
    params(("id" = String, Path), ("holder" = String, Path, description = "a member code")),
    security(("key" = [])),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
pub async fn revoke_link(
    State(service): State<AppState>,
    Path((id, holder)): Path<(String, String)>,
    BearerKey(key): BearerKey,
) -> Result<StatusCode, ApiError> {
    service.revoke(&id, key.as_deref(), &holder).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Any other `/api` path.
pub async fn not_found() -> ApiError {
    ApiError::not_found("no such API route; see /api/openapi.json")
}
