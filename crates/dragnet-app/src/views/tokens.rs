//! The token view: users by the SHA-256 of their API tokens, remembered for a few seconds, and
//! forgotten whenever the change log records a change to users or tokens.

use std::collections::HashMap;
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use dragnet_store::{Store, StoreError, UserRecord};

/// How long a token's user is remembered before the store is asked again. A change to users or
/// tokens empties the cache when the follower reaches it, in every process; this bounds what a
/// follower that has fallen behind could still answer.
pub const TOKEN_MEMORY: Duration = Duration::from_secs(5);

/// Users by token hash, so that a busy screening client costs no database read per call. Unknown
/// tokens are not remembered: a flood of made-up ones cannot fill it.
#[derive(Debug, Default)]
pub struct TokenCache {
    users: RwLock<HashMap<String, (UserRecord, Instant)>>,
    /// Moves on with every clearing: a user read from the store before a clearing is not
    /// remembered after it (it may be the revoked token's).
    generation: AtomicU64,
}

impl TokenCache {
    /// The user of `token`, from memory if it was looked up within [`TOKEN_MEMORY`].
    pub async fn user(
        &self,
        store: &dyn Store,
        token_hash: &str,
        token: &str,
    ) -> Result<Option<UserRecord>, StoreError> {
        let now = Instant::now();
        if let Ok(users) = self.users.read()
            && let Some((user, at)) = users.get(token_hash)
            && now.duration_since(*at) < TOKEN_MEMORY
        {
            return Ok(Some(user.clone()));
        }
        let generation = self.generation.load(Ordering::SeqCst);
        let user = store.user_for_token(token).await?;
        if let (Some(user), Ok(mut users)) = (&user, self.users.write())
            && self.generation.load(Ordering::SeqCst) == generation
        {
            users.retain(|_, (_, at)| now.duration_since(*at) < TOKEN_MEMORY);
            users.insert(token_hash.to_string(), (user.clone(), now));
        }
        Ok(user)
    }

    /// Forgets every token.
    pub(crate) fn clear(&self) {
        let mut users = self.users.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        self.generation.fetch_add(1, Ordering::SeqCst);
        users.clear();
    }
}
