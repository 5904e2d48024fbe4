//! Requests per token: a bucket per token that refills at a steady rate and holds a burst, so one
//! runaway client slows itself and no one else. A refused call answers 429 with `Retry-After`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// The default sustained rate per token, and how many calls a full bucket allows at once.
pub const DEFAULT_PER_SECOND: f64 = 200.0;
pub const DEFAULT_BURST: f64 = 400.0;

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

    /// Takes one call from the token's bucket; when it is empty, says how many seconds until one is back.
    pub fn take(&self, token_hash: &str) -> Result<(), u64> {
        let now = Instant::now();
        let Ok(mut buckets) = self.buckets.lock() else { return Ok(()) };
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
}
