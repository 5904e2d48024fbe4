//! Signing in with a password, as an attacker would find it: the form's token is signed by the
//! service (a client cannot invent one), failures are counted per name and address and per
//! address (someone guessing from elsewhere cannot lock the user out), each failure is audited
//! and logged, and the password is checked on the bounded pool of [`crate::passwords`].

use std::time::Duration;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::header::{RETRY_AFTER, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use dragnet_domain::UserName;
use hmac::{Hmac, KeyInit, Mac};
use serde::Deserialize;
use sha2::Sha256;

use super::{Frame, SESSION_COOKIE, SESSION_LIFETIME, cookie, error_page, page, redirect, set_cookie};
use crate::AppState;
use crate::passwords::{self, Busy, constant_time_eq};

/// The cookie that carries the sign-in form's token before there is a session.
pub(super) const SIGN_IN_COOKIE: &str = "dragnet_sign_in";
/// How long a sign-in form may be left open.
const FORM_LIFETIME: Duration = Duration::from_secs(3600);

/// The key that signs sign-in form tokens (kept out of debug output).
#[derive(Clone)]
pub struct SignInKey(pub Vec<u8>);

impl std::fmt::Debug for SignInKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SignInKey(…)")
    }
}

fn signature(key: &SignInKey, body: &str) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&key.0).expect("HMAC takes a key of any length");
    mac.update(body.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A new form token: a random value and the moment it lapses, signed.
fn form_token(key: &SignInKey, now: time::OffsetDateTime) -> String {
    let body = format!("{}.{}", dragnet_store::new_token(), (now + FORM_LIFETIME).unix_timestamp());
    let signed = signature(key, &body);
    format!("{body}.{signed}")
}

/// Whether `token` is one this service made and has not lapsed.
fn genuine(key: &SignInKey, token: &str, now: time::OffsetDateTime) -> bool {
    let Some((body, signed)) = token.rsplit_once('.') else { return false };
    let Some(lapses) = body.rsplit_once('.').and_then(|(_, at)| at.parse::<i64>().ok()) else { return false };
    constant_time_eq(signature(key, body).as_bytes(), signed.as_bytes()) && lapses > now.unix_timestamp()
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    frame: Frame,
    csrf: String,
    name: String,
    problem: Option<&'static str>,
}

fn sign_in_form(
    state: &AppState,
    frame: Frame,
    name: String,
    problem: Option<&'static str>,
    status: StatusCode,
) -> Response {
    let csrf = form_token(&state.sign_in_key, time::OffsetDateTime::now_utc());
    let mut response = page(&frame, &SignInPage { csrf: csrf.clone(), frame: frame.clone(), name, problem });
    *response.status_mut() = status;
    response.headers_mut().append(SET_COOKIE, set_cookie(&frame, SIGN_IN_COOKIE, &csrf, FORM_LIFETIME));
    response
}

pub(super) async fn sign_in_page(State(state): State<AppState>, frame: Frame) -> Response {
    if frame.user.is_some() {
        return redirect("/");
    }
    sign_in_form(&state, frame, String::new(), None, StatusCode::OK)
}

#[derive(Debug, Deserialize)]
pub(super) struct SignInForm {
    name: String,
    password: String,
    csrf: String,
}

/// `POST /sign-in`: a new session for the right password.
pub(super) async fn sign_in(
    State(state): State<AppState>,
    frame: Frame,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    let expected = cookie(&headers, SIGN_IN_COOKIE).unwrap_or_default();
    let now = time::OffsetDateTime::now_utc();
    if expected.is_empty()
        || !constant_time_eq(expected.as_bytes(), form.csrf.as_bytes())
        || !genuine(&state.sign_in_key, &form.csrf, now)
    {
        return sign_in_form(&state, frame, form.name, Some("sign_in.expired"), StatusCode::FORBIDDEN);
    }
    let address = frame.client.limit_key();
    let address_text = frame.client.address.map(|a| a.to_string());
    let address_key = address.clone().unwrap_or_else(|| "-".into());
    let name = UserName::parse(form.name.trim()).ok();
    let pair_key = format!("{}@{address_key}", name.as_ref().map_or("?", |n| n.as_str()));
    let throttled = |state: &AppState, frame: Frame, name: String, seconds: u64| {
        tracing::warn!(user = %name, address = ?address_text, "sign-in refused: too many failures");
        let mut response = sign_in_form(state, frame, name, Some("sign_in.throttled"), StatusCode::TOO_MANY_REQUESTS);
        response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(seconds));
        response
    };
    if let Err(seconds) = state.sign_in_limits.peek(&pair_key).and(state.sign_in_address_limits.peek(&address_key)) {
        return throttled(&state, frame, form.name, seconds);
    }
    if form.password.len() > passwords::LONGEST_OFFERED || name.is_none() {
        return failed(&state, frame, form.name, None, &pair_key, &address_key, "no such user").await;
    }
    let Some(name) = name else { unreachable!("refused just above") };
    let stored = match state.store.user_password(&name).await {
        Ok(stored) => stored,
        Err(err) => return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    };
    // An unknown or disabled user costs the same hashing as a known one, so that timing does not
    // tell which names exist.
    let (user, hash) = match stored {
        Some((user, hash)) => (Some(user), hash),
        None => (None, passwords::decoy_hash().to_string()),
    };
    let verified = match state.passwords.verify(form.password, hash).await {
        Ok(verified) => verified,
        Err(Busy) => {
            tracing::warn!(address = ?address_text, "sign-in refused: every password check is busy");
            let mut response =
                sign_in_form(&state, frame, form.name, Some("sign_in.busy"), StatusCode::SERVICE_UNAVAILABLE);
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(1));
            return response;
        }
    };
    let Some(user) = user.as_ref().filter(|_| verified) else {
        let (known, why) = match &user {
            Some(user) => (Some(&user.name), "wrong password"),
            None => (None, "no such user, or one disabled or without a password"),
        };
        return failed(&state, frame, form.name, known, &pair_key, &address_key, why).await;
    };
    state.sign_in_limits.forget(&pair_key);
    let lifetime = time::Duration::seconds(SESSION_LIFETIME.as_secs() as i64);
    match state.store.start_session(user, lifetime).await {
        Ok((token, _csrf)) => {
            let mut response = redirect(&format!("/?lang={}", frame.lang.code()));
            let headers = response.headers_mut();
            headers.append(SET_COOKIE, set_cookie(&frame, SESSION_COOKIE, &token, SESSION_LIFETIME));
            headers.append(SET_COOKIE, set_cookie(&frame, SIGN_IN_COOKIE, "", Duration::ZERO));
            response
        }
        Err(err) => error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

/// A failed attempt: counted against the name at this address and against the address, logged,
/// and audited (naming the user only if there is one with a password, so that a password typed as
/// a name is not kept).
async fn failed(
    state: &AppState,
    frame: Frame,
    typed: String,
    known: Option<&UserName>,
    pair_key: &str,
    address_key: &str,
    why: &str,
) -> Response {
    let _ = state.sign_in_limits.take(pair_key);
    let _ = state.sign_in_address_limits.take(address_key);
    let address = frame.client.address.map(|a| a.to_string());
    tracing::warn!(user = ?known.map(UserName::as_str), address = ?address, why, "sign-in failed");
    if let Err(err) = state.store.record_failed_sign_in(known, address.as_deref(), why).await {
        tracing::error!(error = %err, "a failed sign-in could not be audited");
    }
    sign_in_form(state, frame, typed, Some("sign_in.failed"), StatusCode::UNAUTHORIZED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_token_this_service_signed_and_not_lapsed_is_genuine() {
        let key = SignInKey(b"the shared key".to_vec());
        let now = time::OffsetDateTime::now_utc();
        let token = form_token(&key, now);
        assert!(genuine(&key, &token, now));
        assert!(!genuine(&key, &token, now + FORM_LIFETIME + time::Duration::seconds(1)), "lapsed");
        assert!(!genuine(&SignInKey(b"another key".to_vec()), &token, now), "another service's");
        assert!(!genuine(&key, "a", now) && !genuine(&key, "a.b.c", now));
        let (body, _) = token.rsplit_once('.').unwrap();
        let (nonce, _) = body.rsplit_once('.').unwrap();
        let stretched = format!("{nonce}.{}", i64::MAX);
        assert!(!genuine(&key, &format!("{stretched}.{}", signature(&SignInKey(vec![]), &stretched)), now));
    }
}
