//! The live meeting server of `council serve`: an HTTP JSON API over the event-sourced
//! meeting engine, Server-Sent Events for live boards, and three embedded web pages.
//!
//! Every action is a command: the key's [`Role`](access::Role) is checked, the domain engine
//! (`council_core::meeting::decide`) accepts or refuses it, and accepted events are appended
//! to the meeting's log in the store before anyone hears of them. State is the fold of the
//! log; nothing else is stored as truth, access keys included (as hashes, in a log of their
//! own).
//!
//! # Layout
//! - [`app`] builds the router; [`run`] serves it on a listener until a shutdown signal
//!   (the seam tests use, as in mini-redis).
//! - [`service`]: [`Service`], meetings in memory, authorization, commands, creation, demo.
//! - [`access`]: roles, secret keys and the access log.
//! - [`api`]: JSON handlers and the OpenAPI document; [`dto`]: request and answer shapes;
//!   [`view`]: the meeting as the pages show it.
//! - [`live`]: Server-Sent Events with resume.
//! - [`pages`]: the embedded web pages; [`record`]: the meeting record in HTML and Markdown.
//! - [`limits`]: requests per second and wrong keys per minute, per client;
//!   [`deadline`]: 503 for a request not answered in time.
//! - [`extract`]: body and key extractors answering in the API's error shape; [`error`]:
//!   [`ApiError`].
//! - [`backend`]: the store chosen from `--db`; [`demo`]: the demo meeting.

pub mod access;
pub mod api;
pub mod backend;
pub mod deadline;
pub mod demo;
pub mod dto;
pub mod error;
pub mod extract;
pub mod limits;
pub mod live;
pub mod pages;
pub mod record;
pub mod service;
pub mod view;

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::HeaderValue;
use axum::routing::{get, post};
use tokio::net::TcpListener;

pub use api::AppState;
pub use backend::{Backend, DbUrl, UnknownDb};
pub use error::ApiError;
pub use limits::Limits;
pub use service::{DEMO_MEETING, Service};

/// The router of the whole server: API, live events and pages, with the default limits.
pub fn app(service: Arc<Service<Backend>>) -> Router {
    app_with_limits(service, Limits::default())
}

/// The router with given limits on each client.
pub fn app_with_limits(service: Arc<Service<Backend>>, limits: Limits) -> Router {
    let api = Router::new()
        .route("/openapi.json", get(api::openapi))
        .route(
            "/meetings",
            post(api::create_meeting).get(api::list_meetings),
        )
        .route("/meetings/{id}", get(api::get_meeting))
        .route("/meetings/{id}/me", get(api::me))
        .route("/meetings/{id}/commands", post(api::act))
        .route("/meetings/{id}/events", get(live::events))
        .route(
            "/meetings/{id}/links/{holder}",
            post(api::reissue_link).delete(api::revoke_link),
        )
        .fallback(api::not_found);
    Router::new()
        .nest("/api", api)
        .route("/", get(pages::home))
        .route("/m/{id}/board", get(pages::board))
        .route("/m/{id}/president", get(pages::president))
        .route("/m/{id}/delegation", get(pages::delegation))
        .route("/m/{id}/record", get(record::html))
        .route("/m/{id}/record.md", get(record::markdown))
        .route("/assets/{file}", get(pages::asset_file))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(extract::MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(deadline::answer_in_time))
        .layer(axum::middleware::map_response(security_headers))
        .layer(axum::middleware::from_fn_with_state(
            limits::Limiter::new(limits),
            limits::limit,
        ))
        .with_state(service)
}

async fn security_headers(mut response: axum::response::Response) -> axum::response::Response {
    for (name, value) in pages::SECURITY_HEADERS {
        response
            .headers_mut()
            .insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Several instances on one PostgreSQL database: each hears the others' appends through
/// `LISTEN`/`NOTIFY` and catches up the meetings it holds, so their boards see every vote
/// whichever instance took it. A lost connection is followed by a catch-up of everything,
/// since notifications may have been missed. SQLite and memory stores have no other
/// instances to hear.
async fn follow_other_instances(service: Arc<Service<Backend>>) {
    use futures_util::StreamExt;
    let Backend::Postgres(store) = service.store() else {
        return;
    };
    let mut appends = loop {
        match store.listen().await {
            Ok(appends) => break appends,
            Err(error) => {
                tracing::warn!(%error, "cannot listen for other instances' appends; retrying");
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
        }
    };
    while let Some(append) = appends.next().await {
        let caught_up = match append {
            Ok((stream, seq)) => service.appended_elsewhere(&stream, seq).await,
            Err(error) => {
                tracing::warn!(%error, "lost the notifications of other instances; catching up");
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                service.catch_up_all().await
            }
        };
        if let Err(error) = caught_up {
            tracing::warn!(
                error = error.message(),
                "catching up with another instance failed"
            );
        }
    }
}

/// Serves the app on a listener until `shutdown` completes, with the default limits.
pub async fn run(
    listener: TcpListener,
    service: Arc<Service<Backend>>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    run_with_limits(listener, service, Limits::default(), shutdown).await
}

/// Serves the app with given limits on each client.
pub async fn run_with_limits(
    listener: TcpListener,
    service: Arc<Service<Backend>>,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = app_with_limits(Arc::clone(&service), limits);
    let follower = tokio::spawn(follow_other_instances(Arc::clone(&service)));
    // Live streams never end by themselves: end them when the shutdown comes, or the
    // graceful shutdown would wait for them forever.
    let shutdown = async move {
        shutdown.await;
        service.close_streams();
    };
    let served = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    follower.abort();
    served
}
