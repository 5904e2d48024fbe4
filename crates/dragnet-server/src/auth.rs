//! Who is calling: a bearer token read into the user it belongs to, and the checks of role and
//! country that every handler makes before it touches anything.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use axum::extract::FromRequestParts;
use axum::http::HeaderValue;
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use dragnet_domain::{Actor, Role};
use dragnet_store::{StoreError, UserRecord};

use crate::{AppState, Problem};

/// The authenticated user of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: UserRecord,
    pub actor: Actor,
}

impl Caller {
    pub fn role(&self) -> Role {
        self.user.grant.role()
    }

    /// The member country the caller acts for, if its role acts for one.
    pub fn country(&self) -> Option<String> {
        self.user.grant.country().map(|c| c.to_string())
    }

    /// Refuses a caller whose role is not among `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), Problem> {
        if roles.contains(&self.role()) {
            return Ok(());
        }
        let names: Vec<&str> = roles.iter().map(Role::as_str).collect();
        Err(Problem::forbidden(&format!("this needs the role {}", names.join(" or "))))
    }

    /// Whether the caller acts for `country` (a request's requester).
    pub fn acts_for(&self, country: &str) -> bool {
        self.country().as_deref() == Some(country)
    }
}

/// How long a token's user is remembered before the store is asked again. Revocations through the
/// API take effect at once (they empty the cache); made elsewhere (`dragnet admin` on the same
/// database), within this time.
pub const TOKEN_MEMORY: Duration = Duration::from_secs(5);

/// Users by the SHA-256 of their tokens, so that a busy screening client costs no database read per
/// call. Unknown tokens are not remembered: a flood of made-up ones cannot fill it.
#[derive(Debug, Default)]
pub struct TokenCache {
    users: RwLock<HashMap<String, (UserRecord, Instant)>>,
}

impl TokenCache {
    /// The user of `token`, from memory if it was looked up within [`TOKEN_MEMORY`].
    pub async fn user(
        &self,
        state: &AppState,
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
        let user = state.store.user_for_token(token).await?;
        if let (Some(user), Ok(mut users)) = (&user, self.users.write()) {
            users.retain(|_, (_, at)| now.duration_since(*at) < TOKEN_MEMORY);
            users.insert(token_hash.to_string(), (user.clone(), now));
        }
        Ok(user)
    }

    /// Forgets every token, after a revocation.
    pub fn clear(&self) {
        if let Ok(mut users) = self.users.write() {
            users.clear();
        }
    }
}

/// A missing or unknown token: 401 with the scheme to use, as HTTP asks.
#[derive(Debug)]
pub struct Unauthenticated;

impl IntoResponse for Unauthenticated {
    fn into_response(self) -> Response {
        let mut response = Problem::unauthorized().into_response();
        response.headers_mut().insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        response
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or_else(|| Unauthenticated.into_response())?;
        let token_hash = dragnet_store::hash_token(token);
        match state.tokens.user(state, &token_hash, token).await {
            Ok(Some(user)) => {
                // Counted once the token is known, so that made-up tokens fill no buckets.
                if let Err(seconds) = state.limits.take(&token_hash) {
                    return Err(crate::limits::too_many(seconds, "this token's calls are limited"));
                }
                let actor = Actor::user(&user.name, &user.grant);
                Ok(Caller { user, actor })
            }
            Ok(None) => Err(Unauthenticated.into_response()),
            Err(err) => Err(Problem::from_store(err).into_response()),
        }
    }
}
