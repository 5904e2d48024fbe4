//! Who is calling: a bearer token read into the user it belongs to (a [`Principal`] of the
//! application layer, whose rules say what they may see and do).

use axum::extract::FromRequestParts;
use axum::http::HeaderValue;
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use dragnet_app::Principal;
use dragnet_domain::Role;

use crate::{AppState, Problem};

/// The authenticated user of a request: the application's [`Principal`], read from a bearer token.
#[derive(Debug, Clone)]
pub struct Caller(pub Principal);

impl std::ops::Deref for Caller {
    type Target = Principal;

    fn deref(&self) -> &Principal {
        &self.0
    }
}

impl Caller {
    /// Refuses a caller whose role is not among `roles`, as a problem.
    pub fn require(&self, roles: &[Role]) -> Result<(), Problem> {
        self.0.require(roles).map_err(Problem::from_app)
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
        match state.app.views.tokens.user(state.store.as_ref(), &token_hash, token).await {
            Ok(Some(user)) => {
                // Counted once the token is known, so that made-up tokens fill no buckets.
                if let Err(seconds) = state.limits.take(&token_hash) {
                    return Err(crate::limits::too_many(seconds, "this token's calls are limited"));
                }
                Ok(Caller(Principal::new(user)))
            }
            Ok(None) => Err(Unauthenticated.into_response()),
            Err(err) => Err(Problem::from_store(err).into_response()),
        }
    }
}
