//! Signed webhooks: a bureau registers an address, and each of its notifications (a subject located)
//! is also POSTed there, signed with a secret the bureau was given once.
//!
//! The store keeps every notification as a delivery to make (an outbox), so a restart or an
//! unreachable server loses nothing: a task sends what is due when woken by a new notification,
//! and otherwise every few seconds, retrying with a growing wait until the attempts run out. Each
//! server claims what it sends for a while first, so servers sharing a database send each once.

use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dragnet_domain::{FieldError, Role};
use dragnet_store::{Delivery, Store};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Caller;
use crate::openapi::{Problem as ProblemDoc, WebhookBody};
use crate::problem::{json_body, object_with};
use crate::{AppState, Problem};

/// How often the outbox is looked at when nothing wakes the task.
pub const EVERY: Duration = Duration::from_secs(5);
/// How long a bureau's server has to answer one delivery.
const ANSWER_WITHIN: Duration = Duration::from_secs(10);
/// Deliveries claimed at a time, and for how long: long enough to try each of them once.
const CLAIMED_AT_ONCE: i64 = 10;
const CLAIM_LEASE: time::Duration = time::Duration::seconds(3 * 60);
/// The longest address accepted.
const MOST_URL_CHARS: usize = 2000;

/// The sender's client.
#[derive(Debug)]
pub struct Webhooks {
    client: reqwest::Client,
}

impl Default for Webhooks {
    fn default() -> Self {
        let client = reqwest::Client::builder()
            .timeout(ANSWER_WITHIN)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("dragnet/", env!("CARGO_PKG_VERSION")))
            .build()
            .unwrap_or_default();
        Webhooks { client }
    }
}

/// The signature header's value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The time is
/// inside what is signed, so a receiver can refuse an old delivery played again.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("t={timestamp},v1={}", hex::encode(mac.finalize().into_bytes()))
}

/// The wait before attempt `attempts + 1`: 10 s, doubling, at most an hour.
fn retry_in(attempts: i64) -> time::Duration {
    let seconds = 10i64.saturating_mul(1i64 << attempts.clamp(0, 20));
    time::Duration::seconds(seconds.min(3600))
}

/// One attempt at one delivery: `Ok` when the bureau's server answered 2xx.
async fn send(client: &reqwest::Client, delivery: &Delivery) -> Result<(), String> {
    let body = serde_json::to_vec(&json!({"event": delivery.notification.kind, "notification": delivery.notification}))
        .map_err(|err| err.to_string())?;
    let timestamp = time::OffsetDateTime::now_utc().unix_timestamp();
    let response = client
        .post(&delivery.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("Dragnet-Event", delivery.notification.kind.as_str())
        .header("Dragnet-Delivery", delivery.notification.id.to_string())
        .header("Dragnet-Signature", signature(&delivery.secret, timestamp, &body))
        .body(body)
        .send()
        .await
        .map_err(|err| format!("no answer: {err}"))?;
    if response.status().is_success() { Ok(()) } else { Err(format!("answered {}", response.status())) }
}

/// Sends every delivery that is due; answers how many were taken.
pub async fn deliver_due(store: &dyn Store, webhooks: &Webhooks) -> Result<usize, dragnet_store::StoreError> {
    let mut taken = 0;
    loop {
        let due = store.claim_deliveries(CLAIMED_AT_ONCE, CLAIM_LEASE).await?;
        if due.is_empty() {
            return Ok(taken);
        }
        for delivery in &due {
            let outcome = send(&webhooks.client, delivery).await;
            if let Err(error) = &outcome {
                tracing::warn!(notification = delivery.notification.id, url = %delivery.url, %error,
                    "webhook delivery failed");
            } else {
                taken += 1;
            }
            store.record_delivery(delivery, outcome, retry_in(delivery.attempts)).await?;
        }
    }
}

/// Runs the sender until the server stops, woken by each new notification of this process and
/// otherwise every `every` (how another server's notifications are found).
pub fn spawn(app: dragnet_app::App, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let webhooks = Webhooks::default();
        loop {
            if let Err(err) = deliver_due(app.store.as_ref(), &webhooks).await {
                tracing::error!(error = %err, "sending webhooks");
            }
            let _ = tokio::time::timeout(every, app.deliveries.notified()).await;
        }
    })
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(read_webhook, set_webhook, remove_webhook))
}

/// The country a bureau officer acts for: webhooks are a bureau's.
fn bureau_country(caller: &Caller) -> Result<String, Problem> {
    caller.require(&[Role::BureauOfficer])?;
    caller.country().ok_or_else(|| Problem::forbidden("a bureau officer acts for a country"))
}

/// An address Dragnet may send personal data to: HTTPS, or plain HTTP to this machine only (tests,
/// a relay beside the server).
fn read_url(body: &Value) -> Result<String, Problem> {
    let object = object_with(body, &["url"])?;
    let text = object
        .get("url")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.chars().count() <= MOST_URL_CHARS)
        .ok_or_else(|| Problem::invalid(&FieldError::new("url", "an address of at most 2,000 characters")))?;
    let url = reqwest::Url::parse(text)
        .map_err(|err| Problem::invalid(&FieldError::new("url", format!("{text:?} is not an address: {err}"))))?;
    let host = url.host_str().unwrap_or("").trim_start_matches('[').trim_end_matches(']');
    let loopback = host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    let allowed = url.scheme() == "https" || (url.scheme() == "http" && loopback);
    if !allowed || url.host().is_none() || !url.username().is_empty() || url.password().is_some() {
        return Err(Problem::invalid(&FieldError::new(
            "url",
            "an https:// address without credentials in it (http:// only to this machine)",
        )));
    }
    Ok(url.to_string())
}

/// `GET /api/v1/webhook`: where the caller's bureau has its notifications sent.
#[utoipa::path(get, path = "/api/v1/webhook", tag = "notices",
    responses(
        (status = 200, description = "The address and who registered it (never the secret)", body = Object),
        (status = 404, description = "The bureau has no webhook", body = ProblemDoc, content_type = "application/problem+json")))]
async fn read_webhook(State(state): State<AppState>, caller: Caller) -> Result<Response, Problem> {
    let country = bureau_country(&caller)?;
    let webhook = state.store.webhook(&country).await.map_err(Problem::from_store)?;
    Ok(Json(webhook.ok_or_else(Problem::not_found)?).into_response())
}

/// `PUT /api/v1/webhook` with `{"url"}`: the bureau's notifications are also sent there from now on,
/// each signed in `Dragnet-Signature` with the secret answered here, once.
#[utoipa::path(put, path = "/api/v1/webhook", tag = "notices", request_body = WebhookBody,
    responses(
        (status = 200, description = "Registered; `secret` signs every delivery and is not shown again", body = Object),
        (status = 422, description = "Not an https:// address", body = ProblemDoc, content_type = "application/problem+json")))]
async fn set_webhook(State(state): State<AppState>, caller: Caller, body: Bytes) -> Result<Response, Problem> {
    let country = bureau_country(&caller)?;
    let body = json_body(&body)?;
    let url = read_url(&body)?;
    let secret = state.store.set_webhook(&caller.actor, &country, &url).await.map_err(Problem::from_store)?;
    Ok(Json(json!({"country": country, "url": url, "secret": secret,
        "signature": "Dragnet-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" with the secret>"}))
    .into_response())
}

/// `DELETE /api/v1/webhook`: notifications are only listed from now on.
#[utoipa::path(delete, path = "/api/v1/webhook", tag = "notices",
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "The bureau had no webhook", body = ProblemDoc, content_type = "application/problem+json")))]
async fn remove_webhook(State(state): State<AppState>, caller: Caller) -> Result<Response, Problem> {
    let country = bureau_country(&caller)?;
    if state.store.remove_webhook(&caller.actor, &country).await.map_err(Problem::from_store)? {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(Problem::not_found())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_covers_time_and_body() {
        let a = signature("whsec_x", 1_780_000_000, b"{}");
        assert!(a.starts_with("t=1780000000,v1=") && a.len() == "t=1780000000,v1=".len() + 64, "{a}");
        assert_ne!(a, signature("whsec_x", 1_780_000_001, b"{}"));
        assert_ne!(a, signature("whsec_x", 1_780_000_000, b"{ }"));
        assert_ne!(a, signature("whsec_y", 1_780_000_000, b"{}"));
    }

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(retry_in(0), time::Duration::seconds(10));
        assert_eq!(retry_in(1), time::Duration::seconds(20));
        assert_eq!(retry_in(9), time::Duration::seconds(3600));
        assert_eq!(retry_in(60), time::Duration::seconds(3600));
    }

    #[test]
    fn only_https_or_this_machine() {
        let read = |url: &str| read_url(&json!({ "url": url }));
        assert!(read("https://ncb.example.fr/dragnet").is_ok());
        assert!(read("http://127.0.0.1:9000/hook").is_ok());
        assert!(read("http://localhost/hook").is_ok());
        for bad in ["http://ncb.example.fr/hook", "ftp://x.example/", "https://user:pw@x.example/", "not a url", ""] {
            let problem = read(bad).unwrap_err();
            assert_eq!(problem.field.as_deref(), Some("url"), "{bad}");
        }
        assert_eq!(
            read_url(&json!({"url": "https://x.example", "secret": "mine"})).unwrap_err().field.as_deref(),
            Some("secret")
        );
    }
}
