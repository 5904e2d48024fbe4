//! Passenger lists as CSV, read the same way by `dragnet screen` and by the border officer's upload.
//!
//! Columns: `id` and the Person fields that are plain text (`family_name`, `forenames`, `name`,
//! `original_script_name`, `sex`, `date_of_birth`, `place_of_birth`, `country_of_birth`),
//! `nationalities` and `aliases` separated by `;`, and `document_number` with optional
//! `document_kind` and `document_country`. A header names the columns, in any order.

use dragnet_domain::{Person, parse_person};
use serde_json::json;

const COLUMNS: [&str; 14] = [
    "id",
    "family_name",
    "forenames",
    "name",
    "original_script_name",
    "sex",
    "date_of_birth",
    "place_of_birth",
    "country_of_birth",
    "nationalities",
    "aliases",
    "document_number",
    "document_kind",
    "document_country",
];

/// A line that does not read: its number in the file (the header is line 1) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Every person of the list with the line they stand on and their `id`, or the first line that
/// does not read (every line is read before any is screened).
pub fn read_csv(input: impl std::io::Read) -> Result<Vec<(usize, String, Person)>, LineError> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let headers = reader.headers().map_err(|err| LineError { line: 1, message: format!("header: {err}") })?.clone();
    for header in &headers {
        if !COLUMNS.contains(&header) {
            return Err(LineError { line: 1, message: format!("header: unknown column {header:?}") });
        }
    }
    let mut people = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|err| LineError {
            line: err.position().map_or(0, |p| p.line() as usize),
            message: err.to_string(),
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let at = |message: String| LineError { line, message };
        // No field of a passenger list runs over lines: one that does is a quote left open, which
        // would merge the travellers after it into this one.
        if let Some((header, _)) = headers.iter().zip(record.iter()).find(|(_, v)| v.contains(['\n', '\r'])) {
            return Err(at(format!(
                "{header}: a quote opened on this line is not closed before the line ends; \
                 the lines after it would be read as part of this traveller"
            )));
        }
        let mut object = serde_json::Map::new();
        let mut document = serde_json::Map::new();
        for (header, value) in headers.iter().zip(record.iter()) {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match header {
                "nationalities" | "aliases" => {
                    let list: Vec<&str> = value.split(';').map(str::trim).filter(|v| !v.is_empty()).collect();
                    object.insert(header.to_string(), json!(list));
                }
                "document_number" => {
                    document.insert("number".into(), json!(value));
                }
                "document_kind" => {
                    document.insert("kind".into(), json!(value));
                }
                "document_country" => {
                    document.insert("country".into(), json!(value));
                }
                _ => {
                    object.insert(header.to_string(), json!(value));
                }
            }
        }
        if !document.is_empty() {
            document.entry("kind").or_insert(json!("passport"));
            object.insert("identity_documents".into(), json!([document]));
        }
        let person = parse_person(&serde_json::Value::Object(object).to_string()).map_err(|err| at(err.to_string()))?;
        let id = person.id.clone().ok_or_else(|| at("id: is missing".to_string()))?;
        people.push((line, id, person));
    }
    Ok(people)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_reads_or_names_its_bad_line() {
        let text = "id,name,date_of_birth,nationalities,document_number\n\
                    12A,Luca Marchetti,1988-03-11,IT;FR,YA1234567\n12B,Jane Doe,,,\n";
        let people = read_csv(text.as_bytes()).unwrap();
        assert_eq!(people.len(), 2);
        assert_eq!((people[0].0, people[0].1.as_str()), (2, "12A"));
        assert_eq!(people[0].2.nationalities.len(), 2);
        assert_eq!(people[0].2.identity_documents[0].number, "YA1234567");
        let bad = read_csv("id,name,date_of_birth\n1,A B,1990-02-30\n".as_bytes()).unwrap_err();
        assert_eq!(bad.line, 2);
        assert!(bad.message.contains("date_of_birth"), "{bad}");
        assert_eq!(read_csv("id,seat\n".as_bytes()).unwrap_err().line, 1);
    }

    #[test]
    fn a_quote_left_open_loses_no_traveller_silently() {
        // The quote opened on line 2 closes on line 3: as many fields as a traveller has, so only
        // the line break inside a field tells that traveller 2 would be lost.
        let open = "id,family_name,forenames\n1,\"MARCHETTI,Luca\n2,SMITH\",Jane\n3,DOE,John\n";
        let err = read_csv(open.as_bytes()).unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("quote"), "{err}");
        let to_the_end = "id,family_name\n1,\"MARCHETTI\n2,SMITH\n";
        assert!(read_csv(to_the_end.as_bytes()).is_err());
        // Quotes that close on their line are fine, commas inside them too.
        let quoted = "id,family_name,forenames\n1,\"O'NEILL, JR\",Sean\n2,DOE,John\n";
        let people = read_csv(quoted.as_bytes()).unwrap();
        assert_eq!(people.iter().map(|p| p.0).collect::<Vec<_>>(), [2, 3]);
    }
}
