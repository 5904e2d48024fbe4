//! Signed webhooks: a bureau registers an address, and each of its notifications (a subject located)
//! is also POSTed there, signed with a secret the bureau was given once.
//!
//! The store keeps every notification as a delivery to make (an outbox), so a restart or an
//! unreachable server loses nothing: a task sends what is due when woken by a new notification,
//! and otherwise every few seconds, retrying with a growing wait until the attempts run out. Each
//! server claims what it sends for a while first, so servers sharing a database send each once.
//! Deliveries go out side by side, a few at a time per address, so that one slow bureau delays
//! no other; and only to public addresses ([`crate::outbound`]).

use std::collections::HashMap;
use std::sync::Arc;
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
/// Deliveries in flight at once, and to any one address.
const IN_FLIGHT: usize = 64;
const IN_FLIGHT_PER_ADDRESS: usize = 4;

/// The sender's client, and where it may send.
#[derive(Debug, Clone)]
pub struct Webhooks {
    client: reqwest::Client,
    private_allowed: bool,
}

impl Webhooks {
    /// A sender to public addresses only, unless `private_allowed` (the operator's setting).
    pub fn new(private_allowed: bool) -> Webhooks {
        let builder = reqwest::Client::builder()
            .timeout(ANSWER_WITHIN)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .user_agent(concat!("dragnet/", env!("CARGO_PKG_VERSION")));
        let builder = if private_allowed { builder } else { builder.dns_resolver(crate::outbound::PublicOnly) };
        Webhooks { client: builder.build().unwrap_or_default(), private_allowed }
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
async fn send(webhooks: &Webhooks, delivery: &Delivery) -> Result<(), String> {
    let client = &webhooks.client;
    // An address given as a number is not resolved: it is checked here, at each attempt, as an
    // address registered before this check was made may be one.
    if !webhooks.private_allowed {
        let url = reqwest::Url::parse(&delivery.url).map_err(|err| err.to_string())?;
        if let Some(address) = url.host_str().and_then(|h| h.trim_matches(['[', ']']).parse().ok())
            && !crate::outbound::is_public(address)
        {
            return Err(format!("{address} is an internal address; not sent"));
        }
    }
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
        .map_err(|err| format!("no answer: {}", err.without_url()))?;
    if response.status().is_success() { Ok(()) } else { Err(format!("answered {}", response.status())) }
}

/// Deliveries being sent: each in a task of its own, a few at a time per address, so that the
/// sender goes on claiming (and another bureau's delivery goes out) while one address is slow.
struct Sending {
    webhooks: Webhooks,
    all: Arc<tokio::sync::Semaphore>,
    per_address: HashMap<String, Arc<tokio::sync::Semaphore>>,
    tasks: tokio::task::JoinSet<()>,
}

impl Sending {
    fn new(webhooks: Webhooks) -> Sending {
        Sending {
            webhooks,
            all: Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT)),
            per_address: HashMap::new(),
            tasks: tokio::task::JoinSet::new(),
        }
    }

    /// Claims every delivery that is due and starts sending each; answers how many were claimed.
    /// A claimed delivery is left to its task: the claim's lease outlasts its attempt.
    async fn dispatch(&mut self, store: &Arc<dyn Store>) -> Result<usize, dragnet_store::StoreError> {
        while let Some(done) = self.tasks.try_join_next() {
            if let Err(err) = done {
                tracing::error!(error = %err, "a webhook delivery task failed");
            }
        }
        let mut claimed = 0;
        loop {
            let due = store.claim_deliveries(CLAIMED_AT_ONCE, CLAIM_LEASE).await?;
            if due.is_empty() {
                return Ok(claimed);
            }
            claimed += due.len();
            for delivery in due {
                let own = self
                    .per_address
                    .entry(delivery.url.clone())
                    .or_insert_with(|| Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT_PER_ADDRESS)))
                    .clone();
                let (store, webhooks, all) = (store.clone(), self.webhooks.clone(), self.all.clone());
                self.tasks.spawn(async move {
                    // Waiting for its own address first holds no place another address could use.
                    let _own = own.acquire_owned().await;
                    let _any = all.acquire_owned().await;
                    let outcome = send(&webhooks, &delivery).await;
                    if let Err(error) = &outcome {
                        tracing::warn!(notification = delivery.notification.id, country = %delivery.country,
                            %error, "webhook delivery failed");
                    }
                    if let Err(err) = store.record_delivery(&delivery, outcome, retry_in(delivery.attempts)).await {
                        tracing::error!(error = %err, "recording a webhook delivery");
                    }
                });
            }
        }
    }

    /// Waits for every delivery in flight.
    async fn finish(&mut self) {
        while self.tasks.join_next().await.is_some() {}
    }
}

/// Sends every delivery that is due, side by side, and waits for them: for tests and tools.
pub async fn deliver_due(store: Arc<dyn Store>, webhooks: &Webhooks) -> Result<usize, dragnet_store::StoreError> {
    let mut sending = Sending::new(webhooks.clone());
    let claimed = sending.dispatch(&store).await?;
    sending.finish().await;
    Ok(claimed)
}

/// Runs the sender until the server stops, woken by each new notification of this process and
/// otherwise every `every` (how another server's notifications are found).
pub fn spawn(app: dragnet_app::App, every: Duration, webhooks: Webhooks) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut sending = Sending::new(webhooks);
        loop {
            if let Err(err) = sending.dispatch(&app.store).await {
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

/// An address Dragnet may send personal data to: HTTPS, without credentials in it, to a public
/// host; unless the operator allows private networks, when plain HTTP to this machine is allowed
/// too (tests, a relay beside the server). A name is resolved, and refused if it resolves inside.
async fn read_url(body: &Value, private_allowed: bool) -> Result<String, Problem> {
    let object = object_with(body, &["url"])?;
    let text = object
        .get("url")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.chars().count() <= MOST_URL_CHARS)
        .ok_or_else(|| Problem::invalid(&FieldError::new("url", "an address of at most 2,000 characters")))?;
    let url = reqwest::Url::parse(text)
        .map_err(|err| Problem::invalid(&FieldError::new("url", format!("{text:?} is not an address: {err}"))))?;
    let refused = |why: String| Problem::invalid(&FieldError::new("url", why));
    let host = url.host_str().unwrap_or("").trim_start_matches('[').trim_end_matches(']').to_string();
    let literal = host.parse::<std::net::IpAddr>().ok();
    let loopback = host == "localhost" || literal.is_some_and(|ip| ip.is_loopback());
    let allowed = url.scheme() == "https" || (url.scheme() == "http" && loopback && private_allowed);
    if !allowed || url.host().is_none() || !url.username().is_empty() || url.password().is_some() {
        return Err(refused("an https:// address without credentials in it".into()));
    }
    if !private_allowed {
        match literal {
            Some(address) if !crate::outbound::is_public(address) => {
                return Err(refused(format!("{address} is an internal address: webhooks go to public hosts")));
            }
            Some(_) => {}
            None => {
                let resolved =
                    tokio::time::timeout(Duration::from_secs(5), crate::outbound::public_addresses(&host)).await;
                if let Ok(Err(err)) = resolved {
                    let err = err.to_string();
                    // A name that does not resolve yet may be the bureau's new server; it is
                    // checked again at each delivery. One that resolves inside is refused now.
                    if err.contains("internal") {
                        return Err(refused(format!("{err}: webhooks go to public hosts")));
                    }
                }
            }
        }
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
    let url = read_url(&body, state.webhooks_to_private_networks).await?;
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

    #[tokio::test]
    async fn only_public_https_addresses_unless_private_networks_are_allowed() {
        let read = |url: &str, private: bool| {
            let body = json!({ "url": url });
            async move { read_url(&body, private).await }
        };
        assert!(read("https://203.0.114.7/dragnet", false).await.is_ok());
        for inside in [
            "https://169.254.169.254/latest/meta-data",
            "https://10.0.0.1/hook",
            "https://[::ffff:127.0.0.1]/hook",
            "https://metadata.google.internal/computeMetadata",
            "https://localhost/hook",
            "http://127.0.0.1:9000/hook",
            "https://127.1/hook",
        ] {
            let problem = read(inside, false).await.unwrap_err();
            assert_eq!(problem.field.as_deref(), Some("url"), "{inside}");
        }
        assert!(read("http://127.0.0.1:9000/hook", true).await.is_ok(), "the operator allows a relay beside it");
        for bad in ["http://ncb.example.fr/hook", "ftp://x.example/", "https://user:pw@x.example/", "not a url", ""] {
            let problem = read(bad, true).await.unwrap_err();
            assert_eq!(problem.field.as_deref(), Some("url"), "{bad}");
        }
        let extra = read_url(&json!({"url": "https://x.example", "secret": "mine"}), false).await;
        assert_eq!(extra.unwrap_err().field.as_deref(), Some("secret"));
    }
}
