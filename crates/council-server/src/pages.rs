//! The web pages and their assets, embedded in the binary from `assets/` (see `build.rs`):
//! the home page, the board, the President's console and the delegation page are static
//! HTML shells whose scripts read the JSON API and its live events.
//!
//! Every answer carries a strict Content-Security-Policy (`default-src 'self'`: no inline
//! script, no third party) and `Referrer-Policy: no-referrer`, so the key in a page's URL
//! fragment never leaves the browser.

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::service::is_meeting_id;

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The headers every page answer carries.
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    (
        "content-security-policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    ),
    ("referrer-policy", "no-referrer"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
];

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

/// An embedded asset by file name.
pub fn asset(name: &str) -> Option<&'static [u8]> {
    ASSETS
        .iter()
        .find(|(candidate, _)| *candidate == name)
        .map(|(_, bytes)| *bytes)
}

fn serve(name: &str) -> Response {
    match asset(name) {
        Some(bytes) => (
            [
                (CONTENT_TYPE, content_type(name)),
                (CACHE_CONTROL, "no-cache"),
            ],
            bytes,
        )
            .into_response(),
        None => ApiError::not_found(format!("no page `{name}` in this build")).into_response(),
    }
}

/// `GET /assets/{file}`.
pub async fn asset_file(Path(name): Path<String>) -> Response {
    serve(&name)
}

/// `GET /`.
pub async fn home() -> Response {
    serve("index.html")
}

fn meeting_page(id: &str, page: &str) -> Response {
    if !is_meeting_id(id) {
        return ApiError::not_found(format!("no meeting `{id}` on this server")).into_response();
    }
    serve(page)
}

/// `GET /m/{id}/board`.
pub async fn board(Path(id): Path<String>) -> Response {
    meeting_page(&id, "board.html")
}

/// `GET /m/{id}/president`.
pub async fn president(Path(id): Path<String>) -> Response {
    meeting_page(&id, "president.html")
}

/// `GET /m/{id}/delegation`.
pub async fn delegation(Path(id): Path<String>) -> Response {
    meeting_page(&id, "delegation.html")
}
