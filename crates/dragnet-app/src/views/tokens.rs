//! The token view: users by the SHA-256 of their API tokens, remembered for a few seconds, and
//! forgotten whenever the change log records a change to users or tokens.

use std::collections::HashMap;
use std::sync::RwLock;
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
        let user = store.user_for_token(token).await?;
        if let (Some(user), Ok(mut users)) = (&user, self.users.write()) {
            users.retain(|_, (_, at)| now.duration_since(*at) < TOKEN_MEMORY);
            users.insert(token_hash.to_string(), (user.clone(), now));
        }
        Ok(user)
    }

    /// Forgets every token.
    pub(crate) fn clear(&self) {
        if let Ok(mut users) = self.users.write() {
            users.clear();
        }
    }
}
