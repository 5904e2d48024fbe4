//! Who is calling: a bearer token read into the user it belongs to, and the checks of role and
//! country that every handler makes before it touches anything.

use axum::extract::FromRequestParts;
use axum::http::header::{AUTHORIZATION, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dragnet_domain::{Actor, Role};
use dragnet_store::UserRecord;

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
        match state.store.user_for_token(token).await {
            Ok(Some(user)) => {
                // Counted once the token is known, so that made-up tokens fill no buckets.
                if let Err(seconds) = state.limits.take(&dragnet_store::hash_token(token)) {
                    let mut response = Problem::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", "Too many requests")
                        .detail(format!("this token's calls are limited; try again in {seconds} s"))
                        .into_response();
                    response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(seconds));
                    return Err(response);
                }
                let actor = Actor::user(&user.name, &user.grant);
                Ok(Caller { user, actor })
            }
            Ok(None) => Err(Unauthenticated.into_response()),
            Err(err) => Err(Problem::from_store(err).into_response()),
        }
    }
}
