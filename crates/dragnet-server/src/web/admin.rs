//! The administrator's pages: users (created with a role and whom they act for, a member country
//! or an international requester; stopped and let in again; given a password, a token, their
//! tokens revoked) and the office-holder register. Each form calls the same use case as the API.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use dragnet_domain::{ActsFor, FieldError, Grant, Role, UserName};
use serde::Deserialize;

use super::{Frame, SignedIn, check_csrf, date_time, error_page, page, redirect, require};
use crate::{AppState, Problem};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(admin_page))
        .route("/admin/users", post(create_user))
        .route("/admin/users/{name}/{action}", post(user_action))
        .route("/admin/register", post(add_holder))
        .route("/admin/register/{id}/remove", post(remove_holder))
}

struct UserRow {
    name: String,
    role: &'static str,
    acts_for: String,
    created: String,
    disabled: String,
}

struct HolderRow {
    id: i64,
    names: String,
    status: String,
    office: String,
    country: String,
    added: String,
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    frame: Frame,
    users: Vec<UserRow>,
    holders: Vec<HolderRow>,
    roles: Vec<(&'static str, &'static str)>,
    entities: Vec<(&'static str, &'static str)>,
    statuses: Vec<(&'static str, &'static str)>,
    done: Option<&'static str>,
    problem: Option<String>,
    /// A token just made, shown this once: for whom, and the token.
    token: Option<(String, String)>,
}

#[derive(Debug, Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

fn done_key(done: &str) -> Option<&'static str> {
    match done {
        "created" => Some("admin.created"),
        "disabled" => Some("admin.disabled_done"),
        "enabled" => Some("admin.enabled_done"),
        "password" => Some("admin.password_done"),
        "revoked" => Some("admin.revoked_done"),
        "added" => Some("admin.holder_added"),
        "removed" => Some("admin.holder_removed"),
        _ => None,
    }
}

/// The page as it stands, saying `done`, `problem` or a new token.
async fn render(
    state: &AppState,
    frame: &Frame,
    user: &SignedIn,
    done: Option<&'static str>,
    problem: Option<Problem>,
    token: Option<(String, String)>,
) -> Response {
    let principal = user.principal();
    let (users, holders) = match (state.app.users(&principal).await, state.app.office_holders(&principal).await) {
        (Ok(users), Ok(holders)) => (users, holders),
        (Err(err), _) | (_, Err(err)) => {
            return error_page(frame.lang, StatusCode::INTERNAL_SERVER_ERROR, &err.to_string());
        }
    };
    let status = problem.as_ref().map(|p| p.status).unwrap_or(StatusCode::OK);
    let view = AdminPage {
        frame: frame.clone(),
        users: users
            .into_iter()
            .map(|u| UserRow {
                name: u.name.to_string(),
                role: frame.t(&format!("role.{}", u.grant.role().as_str())),
                acts_for: u.grant.acts_for().map(|a| a.to_string()).unwrap_or_default(),
                created: u.created_at.date().to_string(),
                disabled: u.disabled_at.map(date_time).unwrap_or_default(),
            })
            .collect(),
        holders: holders
            .into_iter()
            .map(|h| {
                let columns: Vec<&str> = h.line.split('\t').collect();
                let column = |i: usize| columns.get(i).map(|c| c.to_string()).unwrap_or_default();
                HolderRow {
                    id: h.id,
                    names: column(0).replace('|', " ").replace(';', " · "),
                    status: column(1),
                    office: column(2),
                    country: column(3),
                    added: format!("{} · {}", h.added_by, h.added_at.date()),
                }
            })
            .collect(),
        roles: Role::ALL.iter().map(|r| (r.as_str(), frame.t(&format!("role.{}", r.as_str())))).collect(),
        entities: dragnet_domain::codes::INTERNATIONAL_ENTITIES.to_vec(),
        statuses: dragnet_domain::person::Status::ALL
            .iter()
            .map(|status| (status.as_str(), frame.t(&format!("status.{}", status.as_str()))))
            .collect(),
        done,
        problem: problem.map(|p| p.one_line()),
        token,
    };
    let mut response = page(frame, &view);
    *response.status_mut() = status;
    response
}

async fn admin_page(State(state): State<AppState>, frame: Frame, Query(query): Query<DoneQuery>) -> Response {
    let user = match require(&frame, &[Role::Administrator]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    render(&state, &frame, &user, query.done.as_deref().and_then(done_key), None, None).await
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).unwrap_or_default()
}

fn invalid(field: &str, why: impl Into<String>) -> Problem {
    Problem::invalid(&FieldError::new(field, why))
}

/// A password as the command line's `admin set-password` takes it, hashed off the async threads.
async fn password_hash(password: &str) -> Result<String, Problem> {
    crate::passwords::acceptable(password).map_err(|rule| invalid("password", rule))?;
    let password = password.to_string();
    tokio::task::spawn_blocking(move || crate::passwords::hash(&password))
        .await
        .map_err(|err| Problem::internal(&err))?
        .map_err(|err| Problem::internal(&err))
}

/// An administrator and the form's CSRF token checked, then `work`: done, back to the page saying
/// so; a token made, the page showing it once; a problem, the page saying it with its status.
macro_rules! admin_form {
    ($state:expr, $frame:expr, $fields:expr, $user:ident => $work:expr) => {{
        let $user = match require(&$frame, &[Role::Administrator]) {
            Ok(user) => user,
            Err(refused) => return refused.into_response(),
        };
        if let Err(refused) = check_csrf(&$user, field(&$fields, "csrf"), $frame.lang) {
            return refused.into_response();
        }
        let outcome: Result<Result<&'static str, (String, String)>, Problem> = $work;
        match outcome {
            Ok(Ok(done)) => redirect(&format!("/admin?lang={}&done={done}", $frame.lang.code())),
            Ok(Err(token)) => render(&$state, &$frame, &$user, None, None, Some(token)).await,
            Err(problem) => render(&$state, &$frame, &$user, None, Some(problem), None).await,
        }
    }};
}

/// `POST /admin/users`: a new user with a role, whom it acts for, and (for the pages) a password;
/// the first token is shown once.
async fn create_user(
    State(state): State<AppState>,
    frame: Frame,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    admin_form!(state, frame, fields, user => async {
        let name = UserName::parse(field(&fields, "name")).map_err(|why| invalid("name", why))?;
        let role = Role::parse(field(&fields, "role")).map_err(|why| invalid("role", why))?;
        let acts_for = Some(field(&fields, "acts_for").to_ascii_uppercase())
            .filter(|text| !text.is_empty())
            .map(|text| ActsFor::parse(&text).map_err(|why| invalid("acts_for", why)))
            .transpose()?;
        let grant = Grant::acting_for(role, acts_for).map_err(|why| invalid("acts_for", why))?;
        let password = field(&fields, "password");
        let hash = if password.is_empty() { None } else { Some(password_hash(password).await?) };
        let principal = user.principal();
        let (_, token) = state.app.create_user(&principal, &name, grant).await.map_err(Problem::from_app)?;
        if let Some(hash) = hash {
            state.app.set_password_hash(&principal, &name, &hash).await.map_err(Problem::from_app)?;
        }
        Ok(Err((name.to_string(), token)))
    }.await)
}

/// `POST /admin/users/{name}/{action}`: `disable` or `enable` (with a reason), `password`, `token`
/// (a labelled token, shown once), `revoke` (the tokens of a label, or all).
async fn user_action(
    State(state): State<AppState>,
    frame: Frame,
    Path((name, action)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    admin_form!(state, frame, fields, user => async {
        let name = UserName::parse(&name).map_err(|_| Problem::not_found())?;
        let principal = user.principal();
        let reason = || crate::api::reason_of(&serde_json::json!({"reason": field(&fields, "reason")}), "a change of a user");
        match action.as_str() {
            "disable" | "enable" => {
                let disabled = action == "disable";
                state.app.set_disabled(&principal, &name, disabled, &reason()?).await.map_err(Problem::from_app)?;
                Ok(Ok(if disabled { "disabled" } else { "enabled" }))
            }
            "password" => {
                let hash = password_hash(field(&fields, "password")).await?;
                state.app.set_password_hash(&principal, &name, &hash).await.map_err(Problem::from_app)?;
                Ok(Ok("password"))
            }
            "token" => {
                let label = field(&fields, "label");
                dragnet_domain::text::plain_line("label", label).map_err(|err| Problem::invalid(&err))?;
                if label.is_empty() || label.chars().count() > 100 {
                    return Err(invalid("label", "one line of 1 to 100 characters"));
                }
                let days = match field(&fields, "days") {
                    "" => None,
                    text => Some(text.parse::<i64>().ok().filter(|d| (1..=3650).contains(d)).ok_or_else(|| invalid("days", "a whole number of days from 1 to 3650"))?),
                };
                let token = state
                    .app
                    .create_token(&principal, &name, label, days.map(time::Duration::days))
                    .await
                    .map_err(Problem::from_app)?;
                Ok(Err((name.to_string(), token)))
            }
            "revoke" => {
                let label = Some(field(&fields, "label")).filter(|l| !l.is_empty());
                state.app.revoke_tokens(&principal, &name, label).await.map_err(Problem::from_app)?;
                Ok(Ok("revoked"))
            }
            _ => Err(Problem::not_found()),
        }
    }.await)
}

/// `POST /admin/register`: an office holder from the form's fields, as one line of the register.
async fn add_holder(
    State(state): State<AppState>,
    frame: Frame,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    admin_form!(state, frame, fields, user => async {
        // Read by the API's reader of an entry, so that a line is checked once, by one rule.
        let mut names = Vec::new();
        for spelling in field(&fields, "names").split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let (forenames, family) = spelling
                .split_once('|')
                .ok_or_else(|| invalid("names", format!("{spelling:?}: write each spelling as Forenames|FAMILY")))?;
            names.push(serde_json::json!({"forenames": forenames.trim(), "family_name": family.trim()}));
        }
        let mut body = serde_json::json!({"names": names});
        for column in ["status", "office", "country", "date_of_birth", "since"] {
            let value = field(&fields, column);
            // The dates may be left out; a blank one is not given at all, as in the API.
            if !value.is_empty() || !matches!(column, "date_of_birth" | "since") {
                body[column] = serde_json::Value::String(value.to_string());
            }
        }
        let line = crate::register::read_entry(&body)?;
        state.app.add_office_holder(&user.principal(), &line).await.map_err(Problem::from_app)?;
        Ok(Ok("added"))
    }.await)
}

/// `POST /admin/register/{id}/remove`, with why.
async fn remove_holder(
    State(state): State<AppState>,
    frame: Frame,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    admin_form!(state, frame, fields, user => async {
        let reason = crate::api::reason_of(&serde_json::json!({"reason": field(&fields, "reason")}), "a removal")?;
        state.app.remove_office_holder(&user.principal(), id, &reason).await.map_err(Problem::from_app)?;
        Ok(Ok("removed"))
    }.await)
}
