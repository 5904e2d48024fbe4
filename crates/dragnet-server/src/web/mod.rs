//! The web pages: server-rendered HTML (askama templates, escaped by default), signed in with a
//! password into a session cookie, every form carrying the session's CSRF token, in four languages.

use std::time::Duration;

use askama::Template;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use dragnet_domain::{Actor, Role};
use dragnet_store::UserRecord;
use serde::Deserialize;

use crate::AppState;

mod admin;
mod audit;
mod bureau;
mod clearances;
mod csv;
pub mod i18n;
pub mod lists;
mod notice_actions;
mod notices;
pub mod request_form;
mod review;
mod screening;
mod search;
mod sign_in;

pub use crate::passwords;
pub use sign_in::SignInKey;

pub use i18n::{Lang, Words};

/// The session cookie. Marked `Secure` (sent over HTTPS only) unless the page was asked for by a
/// loopback name, where a server on this machine answers over plain HTTP.
const SESSION_COOKIE: &str = "dragnet_session";
/// How long a session lasts: a working day.
pub const SESSION_LIFETIME: Duration = Duration::from_secs(10 * 3600);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/sign-in", get(sign_in::sign_in_page).post(sign_in::sign_in))
        .route("/sign-out", post(sign_out))
        .route("/static/dragnet.css", get(stylesheet))
        .merge(review::routes())
        .merge(admin::routes())
        .merge(audit::routes())
        .merge(bureau::routes())
        .merge(request_form::routes())
        .merge(notices::routes())
        .merge(notice_actions::routes())
        .merge(lists::routes())
        .merge(screening::routes())
        .merge(clearances::routes())
        .merge(search::routes())
}

/// A moment as the pages write it: the date and the minute, in UTC.
pub(super) fn date_time(at: time::OffsetDateTime) -> String {
    format!("{} {:02}:{:02} UTC", at.date(), at.hour(), at.minute())
}

/// A cookie's value from the request's `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

/// A `Set-Cookie` value: never readable by scripts, never sent by other sites, and over HTTPS only
/// unless `frame` was asked for on this machine.
fn set_cookie(frame: &Frame, name: &str, value: &str, max_age: Duration) -> HeaderValue {
    let secure = if frame.local { "" } else { "; Secure" };
    let text = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}", max_age.as_secs());
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// What every page's frame needs: the language, and who is signed in.
#[derive(Debug, Clone)]
pub struct Frame {
    pub lang: Lang,
    /// The path of the page without its query, for the language switcher.
    pub path: String,
    pub user: Option<SignedIn>,
    /// Whether the page was asked for by a loopback name (`localhost`, `127.0.0.1`, `[::1]`), from
    /// this machine, not through a proxy.
    pub local: bool,
    /// Who asked.
    pub client: crate::client::Client,
}

/// Whether a `Host` header names this machine.
fn loopback_host(headers: &HeaderMap) -> bool {
    let host = headers.get(axum::http::header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

impl Frame {
    pub fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }

    pub fn role_name(&self) -> &'static str {
        self.user.as_ref().map(|u| self.lang.t(&format!("role.{}", u.user.grant.role().as_str()))).unwrap_or("")
    }

    pub fn is(&self, role: &str) -> bool {
        self.user.as_ref().is_some_and(|u| u.user.grant.role().as_str() == role)
    }

    pub fn csrf(&self) -> &str {
        self.user.as_ref().map(|u| u.csrf.as_str()).unwrap_or("")
    }

    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        Lang::ALL.iter().map(|l| (l.code(), l.name(), *l == self.lang)).collect()
    }
}

/// The signed-in user of a page, with their session's CSRF token.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: UserRecord,
    pub actor: Actor,
    pub csrf: String,
}

impl SignedIn {
    /// The user as the application's use cases take them.
    pub fn principal(&self) -> dragnet_app::Principal {
        dragnet_app::Principal { user: self.user.clone(), actor: self.actor.clone() }
    }
}

#[derive(Debug, Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

impl FromRequestParts<AppState> for Frame {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let query: Option<Query<LangQuery>> = Query::try_from_uri(&parts.uri).ok();
        let lang = i18n::lang_of(query.as_ref().and_then(|q| q.lang.as_deref()), &parts.headers);
        let user = match cookie(&parts.headers, SESSION_COOKIE) {
            Some(token) => match state.store.session(&token).await {
                Ok(Some((user, csrf))) => Some(SignedIn { actor: Actor::user(&user.name, &user.grant), user, csrf }),
                Ok(None) => None,
                Err(err) => return Err(error_page(lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string())),
            },
            None => None,
        };
        let client = crate::client::Client::of_parts(parts, &state.proxies);
        let local = loopback_host(&parts.headers) && client.is_local() && !client.https;
        Ok(Frame { lang, path: parts.uri.path().to_string(), user, local, client })
    }
}

/// A page answered in `frame`'s language: HTML, not cached (it shows personal data), and the
/// language remembered when `?lang=` chose it.
pub fn page(frame: &Frame, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => {
            let mut response = Html(html).into_response();
            let headers = response.headers_mut();
            headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
            headers.append(
                SET_COOKIE,
                set_cookie(frame, i18n::LANG_COOKIE, frame.lang.code(), Duration::from_secs(365 * 24 * 3600)),
            );
            response
        }
        Err(err) => error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

/// See another page (after a form, or to sign in).
pub fn redirect(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, to.to_string())]).into_response()
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    frame: Frame,
    message: &'static str,
}

/// An error as a page; the cause of a server fault goes to the log only.
pub fn error_page(lang: Lang, status: StatusCode, cause: &str) -> Response {
    let key = match status {
        StatusCode::NOT_FOUND => "error.not_found",
        StatusCode::FORBIDDEN => "error.forbidden",
        _ => {
            tracing::error!(%cause, "page failed");
            "error.title"
        }
    };
    message_page(lang, status, key)
}

/// A page that says only the catalogue's words for `key`, answered with `status`.
fn message_page(lang: Lang, status: StatusCode, key: &str) -> Response {
    let frame = Frame {
        lang,
        path: "/".into(),
        user: None,
        local: true,
        client: crate::client::Client { address: None, https: false },
    };
    let html = ErrorPage { message: lang.t(key), frame }.render().unwrap_or_default();
    (status, Html(html)).into_response()
}

/// Why a page is not shown: no one is signed in (to the sign-in page), or the role may not see it.
#[derive(Debug, Clone, Copy)]
pub enum Refusal {
    SignIn(Lang),
    Forbidden(Lang),
    /// A form without this session's token: sent from elsewhere, or from a page older than the session.
    StaleForm(Lang),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::SignIn(lang) => redirect(&format!("/sign-in?lang={}", lang.code())),
            Refusal::Forbidden(lang) => error_page(lang, StatusCode::FORBIDDEN, ""),
            Refusal::StaleForm(lang) => message_page(lang, StatusCode::FORBIDDEN, "error.stale_form"),
        }
    }
}

/// The signed-in user, or the sign-in page; `roles` narrows who may see the page.
pub fn require(frame: &Frame, roles: &[Role]) -> Result<SignedIn, Refusal> {
    match &frame.user {
        None => Err(Refusal::SignIn(frame.lang)),
        Some(user) if roles.contains(&user.user.grant.role()) => Ok(user.clone()),
        Some(_) => Err(Refusal::Forbidden(frame.lang)),
    }
}

/// A form's CSRF token must be the session's.
pub fn check_csrf(user: &SignedIn, sent: &str, lang: Lang) -> Result<(), Refusal> {
    if !sent.is_empty() && constant_time_eq(sent.as_bytes(), user.csrf.as_bytes()) {
        Ok(())
    } else {
        Err(Refusal::StaleForm(lang))
    }
}

use crate::passwords::constant_time_eq;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    frame: Frame,
}

/// `/`: each role's home; the sign-in page for someone not signed in.
async fn home(frame: Frame) -> Response {
    let Some(user) = &frame.user else { return redirect(&format!("/sign-in?lang={}", frame.lang.code())) };
    match user.user.grant.role() {
        Role::Reviewer | Role::Supervisor => redirect("/review"),
        Role::Screener => redirect("/screening"),
        Role::Auditor => redirect("/audit"),
        Role::Administrator => redirect("/admin"),
        Role::BureauOfficer => redirect("/requests"),
        _ => page(&frame, &HomePage { frame: frame.clone() }),
    }
}

#[derive(Debug, Deserialize)]
struct CsrfForm {
    csrf: String,
}

/// `POST /sign-out`: the session ends in the store, not only in the browser.
async fn sign_out(
    State(state): State<AppState>,
    frame: Frame,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Some(user) = &frame.user {
        if let Err(refused) = check_csrf(user, &form.csrf, frame.lang) {
            return refused.into_response();
        }
        if let Some(token) = cookie(&headers, SESSION_COOKIE)
            && let Err(err) = state.store.end_session(&token).await
        {
            return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string());
        }
    }
    let mut response = redirect(&format!("/sign-in?lang={}", frame.lang.code()));
    response.headers_mut().append(SET_COOKIE, set_cookie(&frame, SESSION_COOKIE, "", Duration::ZERO));
    response
}

async fn stylesheet() -> Response {
    (
        [(CONTENT_TYPE, "text/css; charset=utf-8"), (CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../../static/dragnet.css"),
    )
        .into_response()
}
