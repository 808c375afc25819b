//! Limits on what one client may ask: requests per second (a token bucket per address) and
//! wrong keys per minute (guessing secrets), both answered with 429 and `Retry-After`.
//!
//! Clients are told apart by their IP address. Loopback clients (the operator's own tools,
//! the load generator, the tests) are exempt unless [`Limits::apply_to_loopback`] is set;
//! behind a reverse proxy on the same machine every client looks like loopback, so such a
//! proxy must do the limiting itself.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{AUTHORIZATION, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// How much one client may ask.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Requests per second, sustained; 0 turns the request limit off.
    pub requests_per_second: u32,
    /// Requests allowed at once above the sustained rate.
    pub burst: u32,
    /// Requests answered 401 (a wrong key) per minute before keys from that client are
    /// refused for the rest of the minute; 0 turns this limit off.
    pub wrong_keys_per_minute: u32,
    /// Whether loopback clients are limited too.
    pub apply_to_loopback: bool,
}

impl Default for Limits {
    /// 50 requests a second with bursts of 100 (a delegation's page makes a handful per
    /// action), 20 wrong keys a minute (a mistyped link, not a search of 2^128 keys).
    fn default() -> Limits {
        Limits {
            requests_per_second: 50,
            burst: 100,
            wrong_keys_per_minute: 20,
            apply_to_loopback: false,
        }
    }
}

impl Limits {
    /// No limits at all.
    pub fn off() -> Limits {
        Limits {
            requests_per_second: 0,
            burst: 0,
            wrong_keys_per_minute: 0,
            apply_to_loopback: false,
        }
    }
}

#[derive(Debug)]
struct Client {
    tokens: f64,
    refilled: Instant,
    wrong_keys: u32,
    window_started: Instant,
}

/// The limiter shared by every request.
#[derive(Debug)]
pub struct Limiter {
    limits: Limits,
    clients: Mutex<HashMap<IpAddr, Client>>,
}

/// How many clients are remembered before idle ones are forgotten.
const PRUNE_ABOVE: usize = 10_000;

impl Limiter {
    /// A limiter with these limits.
    pub fn new(limits: Limits) -> Arc<Limiter> {
        Arc::new(Limiter {
            limits,
            clients: Mutex::new(HashMap::new()),
        })
    }

    fn applies_to(&self, address: IpAddr) -> bool {
        self.limits.apply_to_loopback || !address.is_loopback()
    }

    /// Takes a token for a request; `Err(wait)` when the client must wait.
    fn admit(&self, address: IpAddr, presents_key: bool, now: Instant) -> Result<(), Refusal> {
        let limits = self.limits;
        let mut clients = self
            .clients
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if clients.len() > PRUNE_ABOVE {
            clients
                .retain(|_, client| now.duration_since(client.refilled) < Duration::from_secs(600));
        }
        let client = clients.entry(address).or_insert_with(|| Client {
            tokens: f64::from(limits.burst.max(1)),
            refilled: now,
            wrong_keys: 0,
            window_started: now,
        });
        if now.duration_since(client.window_started) >= Duration::from_secs(60) {
            client.window_started = now;
            client.wrong_keys = 0;
        }
        if presents_key
            && limits.wrong_keys_per_minute > 0
            && client.wrong_keys >= limits.wrong_keys_per_minute
        {
            let wait =
                Duration::from_secs(60).saturating_sub(now.duration_since(client.window_started));
            return Err(Refusal::WrongKeys(wait));
        }
        if limits.requests_per_second > 0 {
            let rate = f64::from(limits.requests_per_second);
            let capacity = f64::from(limits.burst.max(1));
            let elapsed = now.duration_since(client.refilled).as_secs_f64();
            client.tokens = (client.tokens + elapsed * rate).min(capacity);
            client.refilled = now;
            if client.tokens < 1.0 {
                let wait = Duration::from_secs_f64((1.0 - client.tokens) / rate);
                return Err(Refusal::Rate(wait));
            }
            client.tokens -= 1.0;
        }
        Ok(())
    }

    fn wrong_key(&self, address: IpAddr) {
        let mut clients = self
            .clients
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(client) = clients.get_mut(&address) {
            client.wrong_keys += 1;
        }
    }
}

enum Refusal {
    Rate(Duration),
    WrongKeys(Duration),
}

impl Refusal {
    fn into_response(self) -> Response {
        let (wait, message) = match self {
            Refusal::Rate(wait) => (wait, "too many requests from this client; retry shortly"),
            Refusal::WrongKeys(wait) => (
                wait,
                "too many wrong keys from this client; keys are refused for the rest of the minute",
            ),
        };
        let seconds = wait.as_secs().max(1);
        let mut response = ApiError::too_many_requests(message).into_response();
        response.headers_mut().insert(
            RETRY_AFTER,
            HeaderValue::from_str(&seconds.to_string()).expect("digits are a valid header"),
        );
        response
    }
}

/// The middleware: refuses what is over the limits, and counts wrong keys.
pub async fn limit(State(limiter): State<Arc<Limiter>>, request: Request, next: Next) -> Response {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| address.ip());
    let Some(address) = address.filter(|address| limiter.applies_to(*address)) else {
        return next.run(request).await;
    };
    let presents_key = request.headers().contains_key(AUTHORIZATION)
        || request
            .uri()
            .query()
            .is_some_and(|query| query.contains("key="));
    if let Err(refusal) = limiter.admit(address, presents_key, Instant::now()) {
        return refusal.into_response();
    }
    let response = next.run(request).await;
    if response.status() == StatusCode::UNAUTHORIZED {
        limiter.wrong_key(address);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address() -> IpAddr {
        "192.0.2.7".parse().unwrap()
    }

    #[test]
    fn a_burst_is_admitted_then_the_rate_refills_the_bucket() {
        let limiter = Limiter::new(Limits {
            requests_per_second: 10,
            burst: 3,
            wrong_keys_per_minute: 0,
            apply_to_loopback: false,
        });
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.admit(address(), false, start).is_ok());
        }
        assert!(limiter.admit(address(), false, start).is_err());
        // A tenth of a second later one token is back.
        let later = start + Duration::from_millis(100);
        assert!(limiter.admit(address(), false, later).is_ok());
        assert!(limiter.admit(address(), false, later).is_err());
        // Another client has its own bucket.
        assert!(
            limiter
                .admit("192.0.2.8".parse().unwrap(), false, later)
                .is_ok()
        );
    }

    #[test]
    fn wrong_keys_past_the_limit_block_keys_for_the_rest_of_the_minute() {
        let limiter = Limiter::new(Limits {
            requests_per_second: 0,
            burst: 0,
            wrong_keys_per_minute: 2,
            apply_to_loopback: false,
        });
        let start = Instant::now();
        for _ in 0..2 {
            assert!(limiter.admit(address(), true, start).is_ok());
            limiter.wrong_key(address());
        }
        assert!(limiter.admit(address(), true, start).is_err());
        // Reading without a key is still allowed; a new minute forgives.
        assert!(limiter.admit(address(), false, start).is_ok());
        assert!(
            limiter
                .admit(address(), true, start + Duration::from_secs(61))
                .is_ok()
        );
    }

    #[test]
    fn loopback_is_exempt_unless_asked() {
        let exempt = Limiter::new(Limits::default());
        assert!(!exempt.applies_to("127.0.0.1".parse().unwrap()));
        assert!(exempt.applies_to(address()));
        let strict = Limiter::new(Limits {
            apply_to_loopback: true,
            ..Limits::default()
        });
        assert!(strict.applies_to("::1".parse().unwrap()));
    }
}
