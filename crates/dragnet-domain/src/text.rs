//! What text from outside may hold: no NUL or other control characters (a database may not keep
//! them, a terminal or log obeys them), and in a one-line field (a name, a number, a label) no line
//! breaks, tabs, or the Unicode controls that reverse the direction of what follows (U+202E makes
//! `CIRAM` read as `MARIC` on a page): a name must look like what it is.

use crate::FieldError;

/// The controls of bidirectional text that change how the characters after them are shown:
/// embeddings, overrides and isolates. The marks (U+200E, U+200F, U+061C) only weigh one position
/// and are left to the writer.
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// What a one-line field may not hold: any control character, a line or paragraph separator
/// (U+2028, U+2029), or a direction control.
pub fn unfit_for_a_line(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || is_direction_control(c)
}

/// What a text of several lines may not hold: control characters other than line breaks and
/// tabs, and direction controls (a summary must read as it was written too).
pub fn unfit_for_text(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || is_direction_control(c)
}

/// A one-line field: refused, naming `path`, if it holds what a line may not.
pub fn plain_line(path: &str, text: &str) -> Result<(), FieldError> {
    match text.chars().find(|c| unfit_for_a_line(*c)) {
        None => Ok(()),
        Some(c) => {
            Err(FieldError::new(path, format!("holds {} where one line of plain text is expected", describe(c))))
        }
    }
}

/// A field of several lines: refused, naming `path`, if it holds a control character other than a
/// line break or a tab.
pub fn plain_text(path: &str, text: &str) -> Result<(), FieldError> {
    match text.chars().find(|c| unfit_for_text(*c)) {
        None => Ok(()),
        Some(c) => Err(FieldError::new(path, format!("holds {}, which text may not", describe(c)))),
    }
}

/// `text` without what a line may not hold (a line break or tab becomes a space): for records read
/// from elsewhere, kept rather than lost for a stray character.
pub fn cleaned_line(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => Some(' '),
            c if unfit_for_a_line(c) => None,
            c => Some(c),
        })
        .collect();
    cleaned.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// `text` without the control characters text may not hold.
pub fn cleaned_text(text: &str) -> String {
    text.chars().filter(|c| !unfit_for_text(*c)).collect()
}

fn describe(c: char) -> String {
    match c {
        '\0' => "a NUL character".to_string(),
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => "a line break".to_string(),
        '\t' => "a tab".to_string(),
        c if is_direction_control(c) => format!("a text-direction control (U+{:04X})", c as u32),
        c => format!("a control character (U+{:04X})", c as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_refuses_controls_breaks_and_direction_overrides() {
        for bad in
            ["A\0B", "A\u{1b}[31mB", "A\nB", "A\rB", "A\tB", "\u{202E}CIRAM", "A\u{2066}B", "A\u{85}B", "A\u{2028}B"]
        {
            let err = plain_line("family_name", bad).unwrap_err();
            assert_eq!(err.path, "family_name", "{bad:?}");
        }
        for good in ["MARCHETTI", "ترامپ", "محمد\u{200F}", "O'NEILL-SMITH", "Анна Мария"] {
            assert!(plain_line("family_name", good).is_ok(), "{good:?}");
        }
        assert!(plain_line("x", "A\0B").unwrap_err().message.contains("NUL"));
    }

    #[test]
    fn text_keeps_lines_and_tabs_but_no_other_control() {
        assert!(plain_text("summary", "line one\r\nline two\tend").is_ok());
        assert!(plain_text("summary", "a\0b").is_err());
        assert!(plain_text("summary", "a\u{1b}b").is_err());
        assert!(plain_text("summary", "a\u{202E}b").is_err());
    }

    #[test]
    fn cleaning_keeps_the_rest() {
        assert_eq!(cleaned_line("AL\0 \u{202E}SAYED\u{1b}\n  Omar"), "AL SAYED Omar");
        assert_eq!(cleaned_text("a\0b\nc"), "ab\nc");
    }
}
