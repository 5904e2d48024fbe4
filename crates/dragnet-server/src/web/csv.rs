//! CSV downloads of the pages' lists: every field quoted, none read as a formula by a spreadsheet.

use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

/// A field for CSV: quoted, and never read as a formula by a spreadsheet (a leading `=`, `+`, `-`,
/// `@`, tab or carriage return is put behind an apostrophe).
pub fn field(text: &str) -> String {
    let guarded =
        if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

/// One line of quoted fields.
pub fn line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut text = fields.iter().map(|f| field(f.as_ref())).collect::<Vec<_>>().join(",");
    text.push('\n');
    text
}

/// A CSV download named `name`, never kept by a cache: it holds personal data.
pub fn download(name: &str, text: String) -> Response {
    (
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (CACHE_CONTROL, "no-store".to_string()),
        ],
        text,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_never_formulas() {
        assert_eq!(field("MARCHETTI, Luca"), "\"MARCHETTI, Luca\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("\t=1+1"), "\"'\t=1+1\"");
        assert_eq!(line(&["a", "-2"]), "\"a\",\"'-2\"\n");
    }
}
