//! Reading Dragnet's JSON formats into typed values, with errors that name the field path.

use serde::{Deserialize, Deserializer};

use crate::person::Person;
use crate::request::NoticeRequest;

/// A value that could not be read, and where: `subjects[2].date_of_birth: "1971-13-02" is not a date…`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", if path.is_empty() { "(document)" } else { path.as_str() })]
pub struct FieldError {
    /// The path of the field, `subjects[2].date_of_birth`; empty when the document as a whole is wrong.
    pub path: String,
    pub message: String,
}

impl FieldError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError { path: path.into(), message: message.into() }
    }
}

/// Reads a notice request from JSON text, then checks it as a whole.
pub fn parse_request(text: &str) -> Result<NoticeRequest, FieldError> {
    let request: NoticeRequest = from_json(text)?;
    request.validate()?;
    Ok(request)
}

/// Reads a person (a notice's subject, or a screening query) from JSON text.
pub fn parse_person(text: &str) -> Result<Person, FieldError> {
    let person: Person = from_json(text)?;
    person.validate("")?;
    Ok(person)
}

/// Deserializes with serde, turning its error into a [`FieldError`] that names the path.
pub fn from_json<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, FieldError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let path = if path == "." || path == "?" { String::new() } else { path };
        let message = clean_serde_message(&inner);
        // serde reports a missing field at its parent; name the field itself.
        if let Some(field) = message.strip_prefix("missing field `").and_then(|rest| rest.strip_suffix('`')) {
            let path = if path.is_empty() { field.to_string() } else { format!("{path}.{field}") };
            return FieldError::new(path, "is missing");
        }
        FieldError::new(path, message)
    })?;
    deserializer.end().map_err(|err| FieldError::new("", clean_serde_message(&err)))?;
    Ok(value)
}

/// serde_json's messages end with "at line 1 column 40"; that is kept only for syntax errors,
/// where the position is all there is to go on.
fn clean_serde_message(err: &serde_json::Error) -> String {
    let message = err.to_string();
    if err.is_syntax() || err.is_eof() {
        return format!("malformed JSON: {message}");
    }
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    }
}

/// Reads `null` as an empty list, since writers use both for "none".
pub(crate) fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// A list of colour codes; `null` reads as none, and a retired code that meant "unknown" is left out
/// (an unknown colour is one not given), so records stored before INTERPOL's tables still read.
pub(crate) fn colour_codes<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let colours = Option::<Vec<Colour<T>>>::deserialize(deserializer)?.unwrap_or_default();
    Ok(colours.into_iter().filter_map(|colour| colour.0).collect())
}

/// One entry of a colour list, read as an element so that an error names its place in the list.
struct Colour<T>(Option<T>);

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Colour<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if crate::codes::means_unknown_colour(&text) {
            return Ok(Colour(None));
        }
        T::deserialize(serde::de::value::StrDeserializer::<D::Error>::new(&text)).map(|code| Colour(Some(code)))
    }
}

/// A text field that is present must say something, and not too much; it may run over lines.
pub(crate) fn check_text(path: &str, text: Option<&str>, max_chars: usize) -> Result<(), FieldError> {
    let Some(text) = text else { return Ok(()) };
    crate::text::plain_text(path, text)?;
    check_length(path, text, max_chars)
}

/// A one-line field (a name, a number, a place) that is present must say something on one line
/// of plain text, and not too much.
pub(crate) fn check_line(path: &str, text: Option<&str>, max_chars: usize) -> Result<(), FieldError> {
    let Some(text) = text else { return Ok(()) };
    crate::text::plain_line(path, text)?;
    check_length(path, text, max_chars)
}

fn check_length(path: &str, text: &str, max_chars: usize) -> Result<(), FieldError> {
    if text.trim().is_empty() {
        return Err(FieldError::new(path, "is blank: leave the field out or give a value"));
    }
    let chars = text.chars().count();
    if chars > max_chars {
        return Err(FieldError::new(path, format!("is {chars} characters long; at most {max_chars} are accepted")));
    }
    Ok(())
}
