//! The forms on a request's page that act on its notices: the bureau withdraws what is undecided,
//! cancels or renews what is published, and adds pictures; a reviewer suspends, reinstates,
//! cancels, renews and adds pictures. Each calls the same use case as the API.

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};
use dragnet_domain::{LifecycleEvent, NoticeId, NoticeState, Role};
use dragnet_store::RequestRecord;

use super::{Frame, SignedIn, check_csrf, error_page, page, redirect, require};
use crate::{AppState, Problem};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/requests/{id}/withdraw", post(withdraw))
        .route("/requests/{id}/move", post(move_notice))
        .route("/requests/{id}/pictures", post(add_picture))
        .route("/review/{id}/move", post(move_notice))
        .route("/review/{id}/pictures", post(add_picture))
}

/// What the page offers for one notice: the moves its state and the reader's role allow, and
/// whether a picture may be added.
pub struct NoticeActions {
    pub notice: String,
    pub name: String,
    /// Each move: its value in the form and its words.
    pub moves: Vec<(&'static str, &'static str)>,
    pub picture: bool,
}

/// The moves a role may make from the pages, in the order the form lists them.
fn moves_of(role: Role) -> &'static [LifecycleEvent] {
    use LifecycleEvent as E;
    match role {
        Role::BureauOfficer => &[E::Renew, E::Cancel],
        Role::Reviewer => &[E::Suspend, E::Reinstate, E::Renew, E::Cancel],
        _ => &[],
    }
}

fn event_of(text: &str) -> Option<LifecycleEvent> {
    use LifecycleEvent as E;
    [E::Suspend, E::Reinstate, E::Renew, E::Cancel].into_iter().find(|event| event.as_str() == text)
}

/// What the reader of `record` may do to each of its notices; notices it may do nothing to are left out.
pub fn actions_for(frame: &Frame, record: &RequestRecord) -> Vec<NoticeActions> {
    let Some(role) = frame.user.as_ref().map(|u| u.user.grant.role()) else { return Vec::new() };
    let pictures = matches!(role, Role::BureauOfficer | Role::Reviewer);
    record
        .notices
        .iter()
        .filter_map(|notice| {
            let moves: Vec<_> = moves_of(role)
                .iter()
                .filter(|event| notice.state.allows(**event))
                .map(|event| (event.as_str(), frame.t(&format!("move.{}", event.as_str()))))
                .collect();
            let picture = pictures && !notice.state.is_final();
            (picture || !moves.is_empty()).then(|| NoticeActions {
                notice: notice.id.to_string(),
                name: notice.subject_name.clone(),
                moves,
                picture,
            })
        })
        .collect()
}

/// Whether the bureau may still take back part of `record`.
pub fn withdrawable(record: &RequestRecord) -> bool {
    record.notices.iter().any(|n| {
        matches!(
            n.state,
            NoticeState::Draft | NoticeState::Submitted | NoticeState::InReview | NoticeState::InfoRequested
        )
    })
}

/// The page a signed-in user reads request `id` on.
fn page_of(user: &SignedIn) -> &'static str {
    match user.user.grant.role() {
        Role::BureauOfficer => "/requests",
        _ => "/review",
    }
}

fn request_id(id: &str) -> Option<i64> {
    id.parse::<i64>().ok().filter(|id| *id > 0)
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_default()
}

/// The request's page again with `problem` said at the top, answered with the problem's status;
/// a problem that hides the request (not found) or is the server's own is an error page.
async fn again(state: &AppState, frame: &Frame, user: &SignedIn, id: i64, problem: Problem) -> Response {
    if problem.status == StatusCode::NOT_FOUND {
        return error_page(frame.lang, StatusCode::NOT_FOUND, "");
    }
    if problem.status.is_server_error() {
        return error_page(frame.lang, problem.status, problem.detail.as_deref().unwrap_or(problem.title));
    }
    let text = problem.one_line();
    let record = match state.app.read_request(&user.principal(), id).await {
        Ok(record) => record,
        Err(err) => {
            let problem = Problem::from_app(err);
            return error_page(frame.lang, problem.status, &problem.one_line());
        }
    };
    let mut view = super::review::request_view(frame, record, None, Some(text));
    if user.user.grant.role() != Role::BureauOfficer {
        view.knowledge = super::review::knowledge_rows(state, frame, id).await;
    }
    let mut response = page(frame, &view);
    *response.status_mut() = problem.status;
    response
}

/// The notice a form names, if it is one of request `id`'s: a form cannot reach another request's
/// notice through this one's page.
async fn notice_of(state: &AppState, user: &SignedIn, id: i64, notice: &str) -> Result<NoticeId, Problem> {
    let notice =
        NoticeId::parse(notice).map_err(|why| Problem::invalid(&dragnet_domain::FieldError::new("notice", why)))?;
    let record = state.app.read_request(&user.principal(), id).await.map_err(Problem::from_app)?;
    if !record.notices.iter().any(|n| n.id == notice) {
        return Err(Problem::invalid(&dragnet_domain::FieldError::new("notice", "not a notice of this request")));
    }
    Ok(notice)
}

/// `POST /requests/{id}/withdraw`: the bureau takes back every notice of the request not yet decided.
async fn withdraw(
    State(state): State<AppState>,
    frame: Frame,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let user = match require(&frame, &[Role::BureauOfficer]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    if let Err(refused) = check_csrf(&user, field(&fields, "csrf"), frame.lang) {
        return refused.into_response();
    }
    let Some(id) = request_id(&id) else { return error_page(frame.lang, StatusCode::NOT_FOUND, "") };
    let reason = crate::api::reason_of(&serde_json::json!({"reason": field(&fields, "reason")}), "a withdrawal");
    let done = match reason {
        Ok(reason) => state.app.withdraw_request(&user.principal(), id, &reason).await.map_err(Problem::from_app),
        Err(problem) => Err(problem),
    };
    match done {
        Ok(_) => redirect(&format!("/requests/{id}?lang={}&done=withdrawn", frame.lang.code())),
        Err(problem) => again(&state, &frame, &user, id, problem).await,
    }
}

/// `POST /requests/{id}/move` and `/review/{id}/move`: one notice of the request suspended,
/// reinstated, cancelled or renewed, with its reason.
async fn move_notice(
    State(state): State<AppState>,
    frame: Frame,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let user = match require(&frame, &[Role::BureauOfficer, Role::Reviewer]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    if let Err(refused) = check_csrf(&user, field(&fields, "csrf"), frame.lang) {
        return refused.into_response();
    }
    let Some(id) = request_id(&id) else { return error_page(frame.lang, StatusCode::NOT_FOUND, "") };
    let moved = async {
        let event = event_of(field(&fields, "event"))
            .filter(|event| moves_of(user.user.grant.role()).contains(event))
            .ok_or_else(|| {
                let allowed: Vec<_> = moves_of(user.user.grant.role()).iter().map(|e| e.as_str()).collect();
                Problem::invalid(&dragnet_domain::FieldError::new("event", format!("one of {}", allowed.join(", "))))
            })?;
        let notice = notice_of(&state, &user, id, field(&fields, "notice")).await?;
        let reason =
            crate::api::reason_of(&serde_json::json!({"reason": field(&fields, "reason")}), "each change of a notice")?;
        let moved_to =
            state.app.move_notice(&user.principal(), notice, event, &reason).await.map_err(Problem::from_app)?;
        Ok::<_, Problem>((event, moved_to))
    };
    match moved.await {
        Ok((LifecycleEvent::Reinstate, to)) if to != NoticeState::Published => {
            redirect(&format!("{}/{id}?lang={}&done=awaiting", page_of(&user), frame.lang.code()))
        }
        Ok(_) => redirect(&format!("{}/{id}?lang={}&done=moved", page_of(&user), frame.lang.code())),
        Err(problem) => again(&state, &frame, &user, id, problem).await,
    }
}

/// `POST /requests/{id}/pictures` and `/review/{id}/pictures`: a multipart form with `csrf`,
/// `notice` and the `picture` file, kept by the same rules as the API's.
async fn add_picture(
    State(state): State<AppState>,
    frame: Frame,
    Path(id): Path<String>,
    mut form: Multipart,
) -> Response {
    let user = match require(&frame, &[Role::BureauOfficer, Role::Reviewer]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let Some(id) = request_id(&id) else { return error_page(frame.lang, StatusCode::NOT_FOUND, "") };
    let (mut csrf, mut notice, mut picture) = (String::new(), String::new(), None);
    let mut unreadable = None;
    loop {
        match form.next_field().await {
            Ok(Some(part)) => {
                let name = part.name().unwrap_or_default().to_string();
                let declared =
                    part.content_type().map(|t| t.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
                match part.bytes().await {
                    Ok(bytes) if name == "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
                    Ok(bytes) if name == "notice" => notice = String::from_utf8_lossy(&bytes).trim().to_string(),
                    Ok(bytes) if name == "picture" => picture = Some((declared.unwrap_or_default(), bytes)),
                    Ok(_) => {}
                    Err(err) => {
                        unreadable = Some(err.to_string());
                        break;
                    }
                }
            }
            Ok(None) => break,
            Err(err) => {
                unreadable = Some(err.to_string());
                break;
            }
        }
    }
    // The token is checked before anything the form says is acted on, even a form that broke off.
    if let Err(refused) = check_csrf(&user, &csrf, frame.lang) {
        return refused.into_response();
    }
    let added = async {
        if let Some(why) = unreadable {
            return Err(Problem::invalid(&dragnet_domain::FieldError::new("picture", why)));
        }
        let notice = notice_of(&state, &user, id, &notice).await?;
        let Some((declared, bytes)) = picture.filter(|(_, bytes)| !bytes.is_empty()) else {
            return Err(Problem::invalid(&dragnet_domain::FieldError::new(
                "picture",
                "choose a JPEG, PNG or SVG file",
            )));
        };
        // A browser names the type by the file's name; the bytes must agree with it.
        crate::pictures::check_picture(&declared, &bytes, "picture")?;
        state.app.add_picture(&user.principal(), notice, &declared, &bytes).await.map_err(Problem::from_app)
    };
    match added.await {
        Ok(_) => redirect(&format!("{}/{id}?lang={}&done=picture", page_of(&user), frame.lang.code())),
        Err(problem) => again(&state, &frame, &user, id, problem).await,
    }
}

/// The catalogue key for what a form just did, said on the request's page.
pub fn done_key(done: &str) -> Option<&'static str> {
    match done {
        "withdrawn" => Some("move.withdrawn"),
        "moved" => Some("move.moved"),
        "awaiting" => Some("decision.awaiting_second"),
        "picture" => Some("move.picture_added"),
        _ => None,
    }
}
