//! Errors as `application/problem+json` (RFC 9457) with a stable `code`; details stay in the logs.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error answer. `code` is stable for clients to match on; `detail` is for people. Small, as
/// every handler's `Result` carries one: the rare report is boxed.
#[derive(Debug, Clone)]
pub struct Problem {
    pub status: StatusCode,
    pub code: &'static str,
    pub title: &'static str,
    pub detail: Option<String>,
    /// The field of the request at fault, where there is one (`subjects[2].date_of_birth`).
    pub field: Option<String>,
    /// The automated check's report, where it is why the request was turned back.
    pub report: Option<Box<serde_json::Value>>,
}

/// The body as RFC 9457 lays it out, with `code` and `field` as extension members.
#[derive(Serialize)]
struct ProblemBody<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'a str,
    status: u16,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a serde_json::Value>,
}

impl Problem {
    pub fn new(status: StatusCode, code: &'static str, title: &'static str) -> Self {
        Problem { status, code, title, detail: None, field: None, report: None }
    }

    /// The field at fault, by its path in the request body.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        let field = field.into();
        self.field = (!field.is_empty()).then_some(field);
        self
    }

    /// A body that does not read: a wrong field, an unknown code, an impossible date.
    pub fn invalid(error: &dragnet_domain::FieldError) -> Self {
        Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request", "The request body is not valid")
            .detail(error.to_string())
            .field(error.path.clone())
    }

    pub fn unauthorized() -> Self {
        Problem::new(StatusCode::UNAUTHORIZED, "unauthorized", "A valid bearer token is needed")
    }

    pub fn forbidden(detail: &str) -> Self {
        Problem::new(StatusCode::FORBIDDEN, "forbidden", "Not allowed for this user").detail(detail)
    }

    /// A store error as the client should see it: what it did wrong, or only that something failed.
    pub fn from_store(error: dragnet_store::StoreError) -> Self {
        use dragnet_store::StoreError as E;
        match error {
            E::NoticeNotFound(_)
            | E::RequestNotFound(_)
            | E::UserNotFound(_)
            | E::EntryNotFound(_)
            | E::ClearanceNotFound(_) => Problem::not_found(),
            E::IllegalTransition(err) => {
                Problem::new(StatusCode::CONFLICT, "illegal_transition", "Not possible in this state")
                    .detail(err.to_string())
            }
            E::NothingToDo { .. }
            | E::NoticeClosed { .. }
            | E::NotRechecked(_)
            | E::ClearanceRevoked(_)
            | E::ClearanceOverruled(_) => {
                Problem::new(StatusCode::CONFLICT, "nothing_to_do", "Nothing in the state this needs")
                    .detail(error.to_string())
            }
            E::SameReviewer(_) => {
                Problem::new(StatusCode::CONFLICT, "four_eyes", "A second, different reviewer must concur")
                    .detail(error.to_string())
            }
            E::RequestChanged { .. } => Problem::new(
                StatusCode::CONFLICT,
                "request_changed",
                "The request kept being edited while it was being checked",
            )
            .detail(error.to_string()),
            E::NoticeChanged(_) => Problem::new(
                StatusCode::CONFLICT,
                "notice_changed",
                "The notice changed since the traveller was screened",
            )
            .detail(error.to_string()),
            E::UserExists(_) => {
                Problem::new(StatusCode::CONFLICT, "exists", "Already exists").detail(error.to_string())
            }
            E::UserDisabled(_) => {
                Problem::new(StatusCode::CONFLICT, "user_disabled", "The user is disabled").detail(error.to_string())
            }
            E::TokenLifetime(_) => {
                Problem::invalid(&dragnet_domain::FieldError::new("expires_in_days", error.to_string()))
            }
            other => Problem::internal(&other),
        }
    }

    /// A use case's refusal as the client should see it.
    pub fn from_app(error: dragnet_app::AppError) -> Self {
        use dragnet_app::AppError as E;
        match error {
            E::NotFound => Problem::not_found(),
            E::Forbidden { message, field } => {
                let problem = Problem::forbidden(&message);
                match field {
                    Some(field) => problem.field(field),
                    None => problem,
                }
            }
            E::Invalid(err) => Problem::invalid(&err),
            E::Incomplete { subject, notice, report } => {
                let mut problem = Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "incomplete",
                    "A subject lacks the minimum data a notice needs",
                )
                .detail(format!("{subject} ({notice}): see the report's findings"));
                problem.report = Some(Box::new(serde_json::to_value(&report).unwrap_or_default()));
                problem
            }
            E::Store(err) => Problem::from_store(err),
        }
    }

    /// The problem as a page says it in one line: the field at fault, then what is wrong.
    pub fn one_line(&self) -> String {
        match (&self.field, &self.detail) {
            (Some(field), Some(detail)) => format!("{field}: {detail}"),
            (Some(field), None) => format!("{field}: {}", self.title),
            (None, Some(detail)) => format!("{}: {detail}", self.title),
            (None, None) => self.title.to_string(),
        }
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn not_found() -> Self {
        Problem::new(StatusCode::NOT_FOUND, "not_found", "No such resource")
    }

    /// An unexpected failure: the cause is logged, the answer says only that it happened.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "Internal error")
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = ProblemBody {
            kind: format!("urn:dragnet:problem:{}", self.code),
            title: self.title,
            status: self.status.as_u16(),
            code: self.code,
            detail: self.detail.as_deref(),
            field: self.field.as_deref(),
            report: self.report.as_deref(),
        };
        let mut response = (self.status, axum::Json(&body)).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        response
    }
}

/// A request body as JSON; one that does not parse is a 400 saying where it stops reading.
pub fn json_body(body: &[u8]) -> Result<serde_json::Value, Problem> {
    let value = serde_json::from_slice(body).map_err(|err| {
        Problem::new(StatusCode::BAD_REQUEST, "malformed_json", "The body is not JSON").detail(err.to_string())
    })?;
    match nul_in(&value, String::new()) {
        Some(path) => Err(Problem::invalid(&dragnet_domain::FieldError::new(path, "holds a NUL character"))),
        None => Ok(value),
    }
}

/// The path of the first text (or field name) in `value` holding NUL, which no text of Dragnet's
/// may hold and PostgreSQL cannot store: refused for every body, whatever its field's own rules.
fn nul_in(value: &serde_json::Value, path: String) -> Option<String> {
    let at = |key: &str| if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
    match value {
        serde_json::Value::String(text) => text.contains('\0').then_some(path),
        serde_json::Value::Array(items) => {
            items.iter().enumerate().find_map(|(i, item)| nul_in(item, format!("{path}[{i}]")))
        }
        serde_json::Value::Object(fields) => fields.iter().find_map(|(key, item)| {
            if key.contains('\0') { Some(at(&key.replace('\0', "\\0"))) } else { nul_in(item, at(key)) }
        }),
        _ => None,
    }
}

/// A body that must be a JSON object with no field but `known`: a misspelt field would otherwise be
/// ignored, so it is named and refused.
pub fn object_with<'a>(
    body: &'a serde_json::Value,
    known: &[&str],
) -> Result<&'a serde_json::Map<String, serde_json::Value>, Problem> {
    let object = body
        .as_object()
        .ok_or_else(|| Problem::invalid(&dragnet_domain::FieldError::new("", "expected a JSON object")))?;
    match object.keys().find(|k| !known.contains(&k.as_str())) {
        Some(unknown) => Err(Problem::invalid(&dragnet_domain::FieldError::new(unknown.clone(), "unknown field"))),
        None => Ok(object),
    }
}

impl From<dragnet_app::AppError> for Problem {
    fn from(error: dragnet_app::AppError) -> Self {
        Problem::from_app(error)
    }
}
