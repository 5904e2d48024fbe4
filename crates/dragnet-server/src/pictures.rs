//! Pictures of a notice's subject: their type told by their bytes, their file names in an export,
//! and `POST /api/v1/notices/{id}/pictures`, by which the requesting bureau (or the secretariat)
//! adds one. The public sees them only with a public extract (`public.rs`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use dragnet_domain::{FieldError, NoticeId, Role};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Caller;
use crate::openapi::{PictureBytes, Problem as ProblemDoc};
use crate::{AppState, Problem};

/// The largest picture kept: the server's limit on a body.
pub const MOST_PICTURE_BYTES: usize = crate::MAX_BODY_BYTES;

/// A picture's content type, from what its bytes begin with (an SVG from its markup); `None` for
/// anything Dragnet does not keep.
pub fn picture_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_lowercase();
        let head = head.trim_start_matches('\u{feff}').trim_start();
        (head.starts_with("<svg") || (head.starts_with("<?xml") && head.contains("<svg"))).then_some("image/svg+xml")
    }
}

/// Whether an SVG picture is only a picture: no script, no event handler, no embedded document or
/// frame, no link or reference out of itself, no entity declarations (which expand without end).
/// Pictures are served sandboxed, so such markup could not run there; it is refused all the same,
/// as an exported picture may be opened anywhere.
pub fn svg_is_inert(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the SVG is not UTF-8 text".to_string())?.to_lowercase();
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    // Markup can be written so that a check of the text misses it: an element under a namespace
    // prefix (`<s:script>`), a character reference (`u&#114;l(`), a CSS escape (`u\72l(`), or
    // XHTML inside the picture. A picture needs none of them, so none is accepted.
    for (marker, what) in [
        ("&#", "a character reference"),
        ("\\", "an escape"),
        ("http://www.w3.org/1999/xhtml", "XHTML"),
        ("script", "a script"),
        ("<foreignobject", "an embedded document"),
        ("<iframe", "a frame"),
        ("<embed", "an embedded object"),
        ("<object", "an embedded object"),
        ("<!entity", "an entity declaration"),
        ("<!doctype", "a document type declaration"),
        ("javascript:", "a script address"),
        ("<use", "a reference to other content"),
        ("<image", "an image drawn from elsewhere"),
        ("<a", "a link"),
        ("@import", "a style sheet drawn from elsewhere"),
    ] {
        if compact.contains(marker) && (marker != "<a" || has_element(&text, "a")) {
            return Err(format!("the SVG holds {what}, which a picture may not"));
        }
    }
    for reference in ["href=\"", "href='", "url("] {
        let mut rest = compact.as_str();
        while let Some(at) = rest.find(reference) {
            rest = &rest[at + reference.len()..];
            let target = if reference == "url(" { rest.trim_start_matches(['\'', '"']) } else { rest };
            if !target.starts_with(['#', '\'', '"', ')']) {
                return Err("the SVG refers to something outside itself, which a picture may not".to_string());
            }
        }
    }
    if has_event_handler(&text) {
        return Err("the SVG holds an event handler (on…=), which a picture may not".to_string());
    }
    Ok(())
}

/// Whether `text` has an element named exactly `name` (`<a ` or `<a>`, not `<animate`).
fn has_element(text: &str, name: &str) -> bool {
    text.match_indices(&format!("<{name}"))
        .any(|(at, m)| text[at + m.len()..].chars().next().is_some_and(|c| c.is_whitespace() || c == '>' || c == '/'))
}

/// Whether an attribute named `on…` is set anywhere: `onload=`, `onclick =`.
fn has_event_handler(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices("on").any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        if !before.is_some_and(|b| b.is_ascii_whitespace() || b == b'/' || b == b'"' || b == b'\'') {
            return false;
        }
        let rest = &text[at + 2..];
        let name_end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        name_end > 0 && rest[name_end..].trim_start().starts_with('=')
    })
}

/// A picture file's name as the export writes it: its id and the extension of its type.
pub fn picture_file_name(id: i64, content_type: &str) -> String {
    let extension = match content_type {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        _ => "svg",
    };
    format!("{id}.{extension}")
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(add_picture))
}

/// `POST /api/v1/notices/{id}/pictures` with the picture as the body and its type as
/// `Content-Type`: its requesting bureau or a reviewer adds a picture of the subject. A public
/// notice shows it at once.
#[utoipa::path(post, path = "/api/v1/notices/{id}/pictures", tag = "notices",
    params(("id" = String, Path, description = "The notice's id with a dash, `2026-00001` or `2020-821` (a year and a number of one to seven digits, as written), or with an escaped slash")),
    request_body(description = "The picture's bytes: JPEG, PNG or SVG, up to 8 MiB",
                 content((PictureBytes = "image/jpeg"), (PictureBytes = "image/png"), (PictureBytes = "image/svg+xml"))),
    responses(
        (status = 201, description = "The picture's id", body = Object, example = json!({"notice": "2026/00012", "picture": 7})),
        (status = 404, description = "No such notice, or another country's", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 8 MiB", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 415, description = "Not image/jpeg, image/png or image/svg+xml", body = ProblemDoc, content_type = "application/problem+json"),
        (status = 422, description = "The bytes are not a picture of the type given", body = ProblemDoc, content_type = "application/problem+json")))]
async fn add_picture(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Problem> {
    caller.require(&[Role::BureauOfficer, Role::Reviewer])?;
    let id = NoticeId::parse(&id).map_err(|_| Problem::not_found())?;
    let owner = state.store.notice_owner(id).await.map_err(Problem::from_store)?;
    caller.may_add_picture(&owner)?;
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    check_picture(&declared, &body, "body")?;
    let picture = state.app.add_picture(&caller, id, &declared, &body).await?;
    Ok((StatusCode::CREATED, Json(json!({"notice": id, "picture": picture}))).into_response())
}

/// Whether `bytes` are a picture of the type `declared`, and one that only shows: the one rule for
/// every edge that takes a picture; `field` names where the bytes came from.
pub fn check_picture(declared: &str, bytes: &[u8], field: &str) -> Result<(), Problem> {
    if !dragnet_store::PICTURE_TYPES.contains(&declared) {
        return Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "A picture is image/jpeg, image/png or image/svg+xml",
        )
        .detail(format!("Content-Type {declared:?}")));
    }
    if picture_type(bytes) != Some(declared) {
        return Err(Problem::invalid(&FieldError::new(field, format!("the bytes are not a {declared} picture"))));
    }
    if declared == "image/svg+xml" {
        svg_is_inert(bytes).map_err(|why| Problem::invalid(&FieldError::new(field, why)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_that_could_do_more_than_show_is_refused() {
        let fine =
            br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"/></defs>
            <rect fill="url(#g)" width="10" height="10"/><animate attributeName="x"/><text>Donne</text></svg>"##;
        assert_eq!(svg_is_inert(fine), Ok(()));
        for bad in [
            &b"<svg><script>alert(1)</script></svg>"[..],
            b"<svg onload=\"alert(1)\"/>",
            b"<svg><rect ONCLICK = 'x'/></svg>",
            b"<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>",
            b"<svg><image href=\"https://tracker.example/p.png\"/></svg>",
            b"<svg><foreignObject><iframe src=\"x\"/></foreignObject></svg>",
            b"<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaa\">]><svg>&a;</svg>",
            b"<svg><style>@import url(https://x.example/s.css);</style></svg>",
            b"<svg><rect fill=\"url(https://x.example/f)\"/></svg>",
            b"<svg><use href=\"other.svg#x\"/></svg>",
            b"<svg><rect fill=\"url('data:image/png;base64,AAAA')\"/></svg>",
            b"<svg xmlns:s=\"http://www.w3.org/2000/svg\"><s:script>alert(1)</s:script></svg>",
            b"<svg><html:script xmlns:html=\"http://www.w3.org/1999/xhtml\">alert(1)</html:script></svg>",
            b"<svg><rect style=\"fill:u&#114;l(https://evil.example/e)\"/></svg>",
            b"<svg><style>rect{fill:u\\72l(https://evil.example/e)}</style></svg>",
        ] {
            assert!(svg_is_inert(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn a_picture_is_told_by_its_bytes() {
        assert_eq!(picture_type(b"\xFF\xD8\xFF\xE0rest"), Some("image/jpeg"));
        assert_eq!(picture_type(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(picture_type(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"\"/>"), Some("image/svg+xml"));
        assert_eq!(picture_type(b"GIF89a"), None);
        assert_eq!(picture_type(b"<html><script>"), None);
        assert_eq!(picture_file_name(7, "image/png"), "7.png");
    }
}
