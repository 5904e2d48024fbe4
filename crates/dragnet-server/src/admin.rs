//! Administration over the API: users and their tokens. Only administrators; every change audited
//! by the store.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dragnet_domain::{ActsFor, FieldError, Grant, Role, UserName};
use dragnet_store::UserRecord;
use serde_json::{Value, json};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Caller;
use crate::openapi::{NewUser, Problem as ProblemDoc, ReasonBody, TokenLabel};
use crate::problem::{json_body, object_with};
use crate::{AppState, Problem};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users, create_user))
        .routes(routes!(create_token))
        .routes(routes!(revoke_tokens))
        .routes(routes!(disable_user))
        .routes(routes!(enable_user))
        .routes(routes!(unreadable_notices))
}

/// `GET /api/v1/admin/unreadable-notices`
#[utoipa::path(get, path = "/api/v1/admin/unreadable-notices", tag = "administration",
    responses((status = 200, description = "The notices this server leaves out of screening or the public list because \
        their stored record does not read: each with the view and why", body = Object)))]
async fn unreadable_notices(State(state): State<AppState>, caller: Caller) -> Result<Response, Problem> {
    let notices = state.app.unreadable_notices(&caller)?;
    Ok(Json(json!({"notices": notices})).into_response())
}

fn user_json(user: &UserRecord) -> Value {
    json!({
        "name": user.name.as_str(),
        "role": user.grant.role(),
        "country": user.grant.acts_for().map(|c| c.to_string()),
        "created_at": rfc3339(user.created_at),
        "disabled_at": user.disabled_at.map(rfc3339),
    })
}

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// The body (none reads as `{}`) as an object with only `known` fields.
fn body_object(body: &Bytes, known: &[&str]) -> Result<serde_json::Map<String, Value>, Problem> {
    let value = if body.is_empty() { json!({}) } else { json_body(body)? };
    object_with(&value, known).cloned()
}

fn text_field(object: &serde_json::Map<String, Value>, field: &str) -> Result<Option<String>, Problem> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) if !text.trim().is_empty() => {
            dragnet_domain::text::plain_line(field, text).map_err(|err| Problem::invalid(&err))?;
            Ok(Some(text.trim().to_string()))
        }
        Some(_) => Err(Problem::invalid(&FieldError::new(field, "a non-blank text"))),
    }
}

/// `GET /api/v1/users`
#[utoipa::path(get, path = "/api/v1/users", tag = "administration",
    responses((status = 200, description = "Every user with role and country (never a token)", body = Object)))]
async fn list_users(State(state): State<AppState>, caller: Caller) -> Result<Response, Problem> {
    let users = state.app.users(&caller).await?;
    Ok(Json(json!({"users": users.iter().map(user_json).collect::<Vec<_>>()})).into_response())
}

/// `POST /api/v1/users` with `{"name", "role", "country"}`: answers the user and its first token, once.
#[utoipa::path(post, path = "/api/v1/users", tag = "administration", request_body = NewUser,
    responses(
        (status = 201, description = "The user and its first token, shown this once", body = Object),
        (status = 409, description = "A user of that name exists", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A field does not read", body = ProblemDoc, content_type = "application/problem+json")))]
async fn create_user(State(state): State<AppState>, caller: Caller, body: Bytes) -> Result<Response, Problem> {
    caller.require(&[Role::Administrator])?;
    let object = body_object(&body, &["name", "role", "country"])?;
    let name = text_field(&object, "name")?.ok_or_else(|| Problem::invalid(&FieldError::new("name", "is missing")))?;
    let name = UserName::parse(&name).map_err(|err| Problem::invalid(&FieldError::new("name", err)))?;
    let role = text_field(&object, "role")?.ok_or_else(|| Problem::invalid(&FieldError::new("role", "is missing")))?;
    let role = Role::parse(&role).map_err(|err| Problem::invalid(&FieldError::new("role", err)))?;
    let country = text_field(&object, "country")?
        .map(|c| ActsFor::parse(&c).map_err(|err| Problem::invalid(&FieldError::new("country", err))))
        .transpose()?;
    let grant = Grant::acting_for(role, country).map_err(|err| Problem::invalid(&FieldError::new("country", err)))?;
    let (user, token) = state.app.create_user(&caller, &name, grant).await?;
    Ok((StatusCode::CREATED, Json(json!({"user": user_json(&user), "token": token}))).into_response())
}

/// The user named in the path, for the calls on one user.
fn named_user(caller: &Caller, name: &str) -> Result<UserName, Problem> {
    caller.require(&[Role::Administrator])?;
    UserName::parse(name).map_err(|_| Problem::not_found())
}

/// The optional `label` of a token call's body.
fn label_of(object: &serde_json::Map<String, Value>) -> Result<Option<String>, Problem> {
    let label = text_field(object, "label")?;
    if label.as_ref().is_some_and(|l| l.chars().count() > 100) {
        return Err(Problem::invalid(&FieldError::new("label", "at most 100 characters")));
    }
    Ok(label)
}

/// `POST /api/v1/users/{name}/tokens` with `{"label", "expires_in_days"}`: another token, shown once.
#[utoipa::path(post, path = "/api/v1/users/{name}/tokens", tag = "administration", params(("name" = String, Path, description = "The user's name")),
    request_body = TokenLabel,
    responses(
        (status = 201, description = "Another token, shown this once", body = Object),
        (status = 404, description = "No such user", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A field does not read", body = ProblemDoc, content_type = "application/problem+json")))]
async fn create_token(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    body: Bytes,
) -> Result<Response, Problem> {
    let name = named_user(&caller, &name)?;
    let object = body_object(&body, &["label", "expires_in_days"])?;
    let label = label_of(&object)?.unwrap_or_else(|| "api".to_string());
    let most = dragnet_store::LONGEST_TOKEN_LIFETIME.whole_days();
    let days = match object.get("expires_in_days") {
        None | Some(Value::Null) => dragnet_store::TOKEN_LIFETIME.whole_days(),
        Some(value) => value.as_i64().filter(|days| (1..=most).contains(days)).ok_or_else(|| {
            Problem::invalid(&FieldError::new("expires_in_days", format!("a whole number of days from 1 to {most}")))
        })?,
    };
    let lifetime = time::Duration::days(days);
    let token = state.app.create_token(&caller, &name, &label, Some(lifetime)).await?;
    let expires_at = rfc3339(time::OffsetDateTime::now_utc() + lifetime);
    Ok((
        StatusCode::CREATED,
        Json(json!({"user": name.as_str(), "label": label, "token": token, "expires_at": expires_at})),
    )
        .into_response())
}

/// `POST /api/v1/users/{name}/tokens/revoke` with an optional `{"label"}`: that label's tokens, or all.
#[utoipa::path(post, path = "/api/v1/users/{name}/tokens/revoke", tag = "administration", params(("name" = String, Path, description = "The user's name")),
    request_body = TokenLabel,
    responses(
        (status = 200, description = "How many tokens were revoked; they stop working at once on this server, and on every other server of the database once its views reach the revocation", body = Object),
        (status = 404, description = "No such user", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A field does not read", body = ProblemDoc, content_type = "application/problem+json")))]
async fn revoke_tokens(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    body: Bytes,
) -> Result<Response, Problem> {
    let name = named_user(&caller, &name)?;
    let label = label_of(&body_object(&body, &["label"])?)?;
    let revoked = state.app.revoke_tokens(&caller, &name, label.as_deref()).await?;
    Ok(Json(json!({"user": name.as_str(), "revoked": revoked})).into_response())
}

/// Stops (`disabled`) or restores a user, with the `reason` the body must give.
async fn set_disabled(
    state: &AppState,
    caller: &Caller,
    name: &str,
    body: &Bytes,
    disabled: bool,
) -> Result<Response, Problem> {
    let name = named_user(caller, name)?;
    // A reason read as every other change's is: required, plain text, bounded, nothing else.
    let reason =
        crate::api::only_reason(&serde_json::Value::Object(body_object(body, &["reason"])?), "a change of a user")?;
    state.app.set_disabled(caller, &name, disabled, &reason).await?;
    Ok(Json(json!({"user": name.as_str(), "disabled": disabled})).into_response())
}

/// `POST /api/v1/users/{name}/disable` with `{"reason"}`
#[utoipa::path(post, path = "/api/v1/users/{name}/disable", tag = "administration", params(("name" = String, Path, description = "The user's name")),
    request_body = ReasonBody,
    responses(
        (status = 200, description = "The user is stopped: their sessions end, their tokens are revoked and their password no longer signs in, at once on this server and on every other once its views reach the change", body = Object),
        (status = 403, description = "An administrator cannot disable themself", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 404, description = "No such user", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A field does not read", body = ProblemDoc, content_type = "application/problem+json")))]
async fn disable_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    body: Bytes,
) -> Result<Response, Problem> {
    set_disabled(&state, &caller, &name, &body, true).await
}

/// `POST /api/v1/users/{name}/enable` with `{"reason"}`
#[utoipa::path(post, path = "/api/v1/users/{name}/enable", tag = "administration", params(("name" = String, Path, description = "The user's name")),
    request_body = ReasonBody,
    responses(
        (status = 200, description = "The user may sign in again with their password; revoked tokens stay revoked", body = Object),
        (status = 404, description = "No such user", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "A field does not read", body = ProblemDoc, content_type = "application/problem+json")))]
async fn enable_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    body: Bytes,
) -> Result<Response, Problem> {
    set_disabled(&state, &caller, &name, &body, false).await
}
