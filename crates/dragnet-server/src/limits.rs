//! Calls per token and per address, and failed sign-ins: a bucket per key that refills at a steady
//! rate and holds a burst, so one runaway client slows itself and no one else. A refused call answers 429 with
//! `Retry-After`. Tokens are counted once known; addresses (the peer of the connection) on every
//! call, signed in or not, so that no one address can flood the server with bad tokens.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// The default sustained rate per token, and how many calls a full bucket allows at once.
pub const DEFAULT_PER_SECOND: f64 = 200.0;
pub const DEFAULT_BURST: f64 = 400.0;
/// The default sustained rate per address: a border post's many screeners may share one.
pub const DEFAULT_PER_ADDRESS: f64 = 1000.0;
/// Beyond this many keys, buckets that have filled up again are forgotten (a full bucket and a
/// new one are the same), so that many addresses cannot make the table grow without end.
const MOST_KEYS: usize = 100_000;

/// Tokens' buckets, by the SHA-256 of the token (the token itself is not kept).
#[derive(Debug)]
pub struct RateLimits {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    calls: f64,
    at: Instant,
}

impl RateLimits {
    pub fn new(per_second: f64, burst: f64) -> Self {
        RateLimits { per_second: per_second.max(0.001), burst: burst.max(1.0), buckets: Mutex::new(HashMap::new()) }
    }

    /// Whether the key's bucket holds a call now, taking none; when it does not, the seconds until it will.
    pub fn peek(&self, key: &str) -> Result<(), u64> {
        let now = Instant::now();
        let Ok(buckets) = self.buckets.lock() else { return Ok(()) };
        let Some(bucket) = buckets.get(key) else { return Ok(()) };
        let refilled = (bucket.calls + now.duration_since(bucket.at).as_secs_f64() * self.per_second).min(self.burst);
        if refilled >= 1.0 { Ok(()) } else { Err(((1.0 - refilled) / self.per_second).ceil().max(1.0) as u64) }
    }

    /// Fills the key's bucket again (a user who signed in is no longer guessing).
    pub fn forget(&self, key: &str) {
        if let Ok(mut buckets) = self.buckets.lock() {
            buckets.remove(key);
        }
    }

    /// Takes one call from the key's bucket; when it is empty, says how many seconds until one is back.
    pub fn take(&self, token_hash: &str) -> Result<(), u64> {
        let now = Instant::now();
        let Ok(mut buckets) = self.buckets.lock() else { return Ok(()) };
        if buckets.len() >= MOST_KEYS && !buckets.contains_key(token_hash) {
            let (per_second, burst) = (self.per_second, self.burst);
            buckets.retain(|_, b| b.calls + now.duration_since(b.at).as_secs_f64() * per_second < burst);
        }
        let bucket = buckets.entry(token_hash.to_string()).or_insert(Bucket { calls: self.burst, at: now });
        let refilled = (bucket.calls + now.duration_since(bucket.at).as_secs_f64() * self.per_second).min(self.burst);
        bucket.at = now;
        if refilled >= 1.0 {
            bucket.calls = refilled - 1.0;
            Ok(())
        } else {
            bucket.calls = refilled;
            Err(((1.0 - refilled) / self.per_second).ceil().max(1.0) as u64)
        }
    }
}

/// Counts every call against its client's address (the peer `serve` records, or the address a
/// trusted proxy forwarded; a router driven without a socket has none and is not limited).
pub async fn per_address(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let peer = crate::client::peer(request.extensions());
    let client = crate::client::Client::of(request.headers(), peer, &state.proxies);
    if let Some(key) = client.limit_key()
        && let Err(seconds) = state.address_limits.take(&key)
    {
        return too_many(seconds, "this address's calls are limited").into_response();
    }
    next.run(request).await
}

/// 429 with the wait in `Retry-After`.
pub fn too_many(seconds: u64, why: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    let mut response =
        crate::Problem::new(axum::http::StatusCode::TOO_MANY_REQUESTS, "rate_limited", "Too many requests")
            .detail(format!("{why}; try again in {seconds} s"))
            .into_response();
    response.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(seconds));
    response
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits::new(DEFAULT_PER_SECOND, DEFAULT_BURST)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_holds_its_burst_then_refills_at_its_rate() {
        let limits = RateLimits::new(1000.0, 3.0);
        assert!(limits.take("a").is_ok() && limits.take("a").is_ok() && limits.take("a").is_ok());
        assert_eq!(limits.take("a"), Err(1));
        assert!(limits.take("b").is_ok(), "each token has its own bucket");
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert!(limits.take("a").is_ok(), "refilled after a few milliseconds at 1,000 a second");
    }

    #[test]
    fn full_buckets_are_forgotten_when_keys_are_many() {
        let limits = RateLimits::new(1e9, 2.0);
        for key in 0..MOST_KEYS + 10 {
            limits.take(&key.to_string()).unwrap();
        }
        let kept = limits.buckets.lock().unwrap().len();
        assert!(kept < MOST_KEYS, "{kept} buckets kept");
    }
}
