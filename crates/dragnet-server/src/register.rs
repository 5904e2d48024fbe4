//! The register of office holders over the API: the check consults it to find a head of state or a
//! minister whom a request does not declare as one. Administrators keep it; reviewers read it. The
//! store keeps its lines; the review library reads them; the policy in use follows each edit in
//! every process (the application's follower).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dragnet_domain::codes::{CountryCode, INTERNATIONAL_ENTITIES};
use dragnet_domain::person::Status;
use dragnet_domain::{FieldError, PartialDate, Role};
use dragnet_store::RegisterEntry;
use serde_json::{Map, Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Caller;
use crate::openapi::{OfficeHolderBody, Problem as ProblemDoc, ReasonBody};
use crate::problem::{json_body, object_with};
use crate::{AppState, Problem};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, add)).routes(routes!(remove))
}

/// An entry as the API shows it: the line's columns by name.
fn entry_json(entry: &RegisterEntry) -> Value {
    let columns: Vec<&str> = entry.line.split('\t').collect();
    let column = |i: usize| columns.get(i).copied().filter(|c| !c.is_empty());
    let names: Vec<Value> = column(0)
        .unwrap_or_default()
        .split(';')
        .filter_map(|spelling| spelling.split_once('|'))
        .map(|(forenames, family)| json!({"forenames": forenames, "family_name": family}))
        .collect();
    json!({
        "id": entry.id,
        "names": names,
        "status": column(1),
        "office": column(2),
        "country": column(3),
        "date_of_birth": column(4),
        "since": column(5),
        "added_by": entry.added_by,
        "added_at": entry.added_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
    })
}

/// A text for one column of the line: none of the characters that separate columns and names.
fn column_text(object: &Map<String, Value>, field: &str, path: &str, required: bool) -> Result<String, Problem> {
    match object.get(field) {
        None | Some(Value::Null) if !required => Ok(String::new()),
        Some(Value::String(text))
            if !text.trim().is_empty()
                && text.chars().count() <= 200
                && !text.chars().any(|c| dragnet_domain::text::unfit_for_a_line(c) || c == ';' || c == '|') =>
        {
            Ok(text.trim().to_string())
        }
        _ => Err(Problem::invalid(&FieldError::new(
            path,
            "a line of 1 to 200 characters, without ; | tabs or text-direction controls",
        ))),
    }
}

/// The register line a body stands for, each field checked so that an error names it.
pub(crate) fn read_entry(body: &Value) -> Result<String, Problem> {
    let object = object_with(body, &["names", "status", "office", "country", "date_of_birth", "since"])?;
    let names = object
        .get("names")
        .and_then(Value::as_array)
        .filter(|names| !names.is_empty() && names.len() <= 20)
        .ok_or_else(|| Problem::invalid(&FieldError::new("names", "a list of 1 to 20 spellings of the name")))?;
    let mut spellings = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let name = name.as_object().ok_or_else(|| {
            Problem::invalid(&FieldError::new(format!("names[{i}]"), "an object with family_name and forenames"))
        })?;
        if let Some(unknown) = name.keys().find(|k| !["family_name", "forenames"].contains(&k.as_str())) {
            return Err(Problem::invalid(&FieldError::new(format!("names[{i}].{unknown}"), "unknown field")));
        }
        let family = column_text(name, "family_name", &format!("names[{i}].family_name"), true)?;
        let forenames = column_text(name, "forenames", &format!("names[{i}].forenames"), false)?;
        spellings.push(format!("{forenames}|{family}"));
    }
    let status = column_text(object, "status", "status", true)?;
    serde_json::from_value::<Status>(Value::String(status.clone()))
        .map_err(|_| Problem::invalid(&FieldError::new("status", format!("{status:?} is not a status"))))?;
    let office = column_text(object, "office", "office", true)?;
    let country = column_text(object, "country", "country", true)?;
    if !INTERNATIONAL_ENTITIES.iter().any(|(code, _)| *code == country) {
        CountryCode::parse(&country).map_err(|err| Problem::invalid(&FieldError::new("country", err)))?;
    }
    let mut dates = Vec::new();
    for field in ["date_of_birth", "since"] {
        let text = column_text(object, field, field, false)?;
        if !text.is_empty() {
            PartialDate::parse(&text).map_err(|err| Problem::invalid(&FieldError::new(field, err)))?;
        }
        dates.push(text);
    }
    let line = [spellings.join(";"), status, office, country, dates[0].clone(), dates[1].clone()].join("\t");
    // The review library is the register's one reader: what it refuses, or would pass over, is not stored.
    let read = dragnet_review::policy::parse_register(&line)
        .map_err(|err| Problem::invalid(&FieldError::new("", err.message.replace("line 1: ", ""))))?;
    if read.is_empty() {
        return Err(Problem::invalid(&FieldError::new("names[0].forenames", "may not begin with #")));
    }
    Ok(line)
}

/// `GET /api/v1/office-holders`: the register the check consults.
#[utoipa::path(get, path = "/api/v1/office-holders", tag = "review",
    responses((status = 200, description = "Every entry, oldest first", body = Object)))]
async fn list(State(state): State<AppState>, caller: Caller) -> Result<Response, Problem> {
    let entries = state.app.office_holders(&caller).await?;
    Ok(Json(json!({"office_holders": entries.iter().map(entry_json).collect::<Vec<_>>()})).into_response())
}

/// `POST /api/v1/office-holders`: someone takes office; the check knows them from the next submission.
#[utoipa::path(post, path = "/api/v1/office-holders", tag = "review", request_body = OfficeHolderBody,
    responses(
        (status = 201, description = "The entry as stored", body = Object),
        (status = 422, description = "A field does not read; `field` names it", body = ProblemDoc,
         content_type = "application/problem+json")))]
async fn add(State(state): State<AppState>, caller: Caller, body: Bytes) -> Result<Response, Problem> {
    caller.require(&[Role::Administrator])?;
    let body = json_body(&body)?;
    let line = read_entry(&body)?;
    let entry = state.app.add_office_holder(&caller, &line).await?;
    Ok((StatusCode::CREATED, Json(entry_json(&entry))).into_response())
}

/// `POST /api/v1/office-holders/{id}/remove` with `{"reason"}`: someone left office.
#[utoipa::path(post, path = "/api/v1/office-holders/{id}/remove", tag = "review",
    params(("id" = i64, Path, description = "The entry's id")), request_body = ReasonBody,
    responses(
        (status = 200, description = "Removed", body = Object),
        (status = 404, description = "No such entry", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "No reason", body = ProblemDoc, content_type = "application/problem+json")))]
async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Problem> {
    caller.require(&[Role::Administrator])?;
    let id: i64 = id.parse().ok().filter(|id| *id > 0).ok_or_else(Problem::not_found)?;
    let body = json_body(&body)?;
    let reason = crate::api::only_reason(&body, "a change to the register")?;
    state.app.remove_office_holder(&caller, id, &reason).await?;
    Ok(Json(json!({"id": id, "removed": true})).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_becomes_a_register_line_or_names_its_field() {
        let body = json!({"names": [{"forenames": "Jean", "family_name": "DUFRESNE"}], "status": "head_of_state",
            "office": "President", "country": "FR", "since": "2026-01-01"});
        assert_eq!(read_entry(&body).unwrap(), "Jean|DUFRESNE\thead_of_state\tPresident\tFR\t\t2026-01-01");
        let field = |change: Value| {
            let mut body = body.clone();
            body.as_object_mut().unwrap().extend(change.as_object().unwrap().clone());
            read_entry(&body).unwrap_err().field.unwrap_or_default()
        };
        assert_eq!(field(json!({"status": "emperor"})), "status");
        assert_eq!(field(json!({"country": "XX"})), "country");
        assert_eq!(field(json!({"since": "2026-02-30"})), "since");
        assert_eq!(field(json!({"office": "A\tB"})), "office");
        assert_eq!(field(json!({"names": [{"forenames": "X"}]})), "names[0].family_name");
        assert_eq!(field(json!({"names": []})), "names");
        assert_eq!(field(json!({"colour": "red"})), "colour");
        // A line the register would read as a comment is refused, not stored and ignored.
        assert_eq!(field(json!({"names": [{"forenames": "#Jean", "family_name": "DUFRESNE"}]})), "names[0].forenames");
    }
}
