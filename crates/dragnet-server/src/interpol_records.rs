//! Records in the shape of INTERPOL's public notices API, as scrapers save them (list pages, detail
//! records, arrays of either, JSON Lines), read into notices to import, and the notice a picture
//! file belongs to. No I/O: the caller reads the files.

use std::collections::BTreeMap;

use dragnet_domain::codes::{EyeColour, HairColour, LanguageCode, parse_interpol_country};
use dragnet_domain::person::{MOST_WEIGHT_KG, ParentName, Physical, Sex};
use dragnet_domain::request::{Charge, Offence, UnListing};
use dragnet_domain::{CountryCode, NoticeId, NoticeKind, NoticeRequest, PartialDate, Person, Requester};
use serde_json::Value;

/// One notice read from a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: NoticeId,
    pub kind: NoticeKind,
    /// The request as far as the record tells it: a list entry gives the names, date of birth and
    /// nationalities, and its requester is unknown unless the list was swept by warrant country.
    pub request: NoticeRequest,
    /// A detail record, rather than a list entry: it wins over a list entry for the same notice,
    /// and only it updates a notice imported before.
    pub detailed: bool,
    /// Whether the record links pictures (a thumbnail).
    pub links_pictures: bool,
    /// What the record said that Dragnet does not keep, or kept differently, in words.
    pub notes: Vec<String>,
    /// Where it was read: the file, and the place in it.
    pub origin: String,
}

/// Everything read from one file: its notices and the problems found, each naming the file, the
/// record and the field.
#[derive(Debug, Default)]
pub struct Reading {
    pub records: Vec<Record>,
    pub problems: Vec<String>,
    /// Where the file held no record at all (`null`, `{}`, an empty file): nothing lost by skipping.
    pub empty: Vec<String>,
    /// What each list page said of its list: the query it answers (its filters, without the page)
    /// with the total the source gave and the entries this page holds, so that a sweep can be
    /// told whole or not.
    pub pages: Vec<(String, u64, u64)>,
}

/// Reads a file's text: a list page, a detail record, an image list (passed over), an array of
/// any of these, or JSON Lines of them. `origin` names the file in problems; `kind` says what
/// records that do not show their kind are.
pub fn read_records(text: &str, origin: &str, kind: Option<NoticeKind>) -> Reading {
    let mut reading = Reading::default();
    // Some tools write a byte-order mark before UTF-8 JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        reading.empty.push(origin.to_string());
        return reading;
    }
    match serde_json::from_str::<Value>(text) {
        Ok(value) => read_value(&value, origin, kind, None, &mut reading),
        Err(whole) => {
            // JSON Lines: every non-blank line a value of its own. A file whose first line is not a
            // value alone is one broken document, said once, where it breaks.
            let lines: Vec<(usize, &str)> =
                text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()).collect();
            let first_is_whole = lines.first().is_some_and(|(_, line)| serde_json::from_str::<Value>(line).is_ok());
            if lines.len() < 2 || !first_is_whole {
                reading.problems.push(format!("{origin}: not JSON: {whole}"));
                return reading;
            }
            for (number, line) in lines {
                let here = format!("{origin}:{}", number + 1);
                match serde_json::from_str::<Value>(line) {
                    Ok(value) => read_value(&value, &here, kind, None, &mut reading),
                    Err(err) => reading.problems.push(format!("{here}: not JSON: {err}")),
                }
            }
        }
    }
    reading
}

fn read_value(value: &Value, origin: &str, kind: Option<NoticeKind>, requester: Option<&str>, out: &mut Reading) {
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                read_value(item, &format!("{origin}[{index}]"), kind, requester, out);
            }
        }
        Value::Null => out.empty.push(origin.to_string()),
        Value::Object(object) if object.is_empty() => out.empty.push(origin.to_string()),
        Value::Object(object) => {
            if let Some(notices) = value.pointer("/_embedded/notices").and_then(Value::as_array) {
                // A list page: its own link and query tell the kind and, swept by country, the requester.
                let kind = kind_from_href(value.pointer("/_links/self/href")).or(kind);
                let requester = value.pointer("/query/arrestWarrantCountryId").and_then(Value::as_str).or(requester);
                let mut query = value.get("query").and_then(Value::as_object).cloned().unwrap_or_default();
                query.retain(|key, _| key != "page" && key != "resultPerPage");
                let list = format!("{} {}", kind.map_or("?", |k| k.as_str()), Value::Object(query));
                let total = value.get("total").and_then(Value::as_u64).unwrap_or(notices.len() as u64);
                out.pages.push((list, total, notices.len() as u64));
                for (index, item) in notices.iter().enumerate() {
                    read_value(item, &format!("{origin}: notices[{index}]"), kind, requester, out);
                }
            } else if value.pointer("/_embedded/images").is_some() {
                // An image list names pictures; their bytes come as files.
            } else if object.contains_key("entity_id") {
                match read_record(value, kind, requester) {
                    Ok(record) => out.records.push(Record { origin: origin.to_string(), ..record }),
                    Err(problem) => {
                        let id = object.get("entity_id").and_then(Value::as_str).unwrap_or("?");
                        out.problems.push(format!("{origin}: notice {id}: {problem}"));
                    }
                }
            } else {
                out.problems
                    .push(format!("{origin}: neither a notice (no entity_id) nor a list page (no _embedded.notices)"));
            }
        }
        _ => out.problems.push(format!("{origin}: a {} where a notice or a list page was expected", type_name(value))),
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

/// The kind a link names: `…/notices/v1/red…`, `/yellow`, `/un`.
fn kind_from_href(href: Option<&Value>) -> Option<NoticeKind> {
    let href = href?.as_str()?;
    let (_, rest) = href.split_once("/notices/v1/")?;
    let segment = rest.split(['/', '?']).next()?;
    match segment {
        "red" => Some(NoticeKind::Red),
        "yellow" => Some(NoticeKind::Yellow),
        "un" => Some(NoticeKind::UnSpecial),
        _ => None,
    }
}

/// The kind the fields show, when no link says it.
fn kind_from_fields(record: &Value) -> Option<NoticeKind> {
    let has = |field: &str| record.get(field).is_some_and(|v| !v.is_null());
    if has("arrest_warrants") {
        Some(NoticeKind::Red)
    } else if has("un_reference") || has("un_resolution") || has("name_in_original_script") {
        Some(NoticeKind::UnSpecial)
    } else if has("date_of_event") || has("place") || has("birth_name") || has("mother_name") {
        Some(NoticeKind::Yellow)
    } else {
        None
    }
}

/// Fields of several lines; every other text is one line.
const LONG_TEXT_FIELDS: [&str; 3] = ["distinguishing_marks", "charge", "charge_translation"];

/// A field's text: absent, null and blank are none; INTERPOL writes `-` for a forename it lacks.
/// What a field of its kind may not hold (a NUL, an escape, a line break in a name, a direction
/// override) is taken out, and [`cleaning_notes`] says so.
fn text(record: &Value, field: &str) -> Result<Option<String>, String> {
    match record.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            let cleaned = if LONG_TEXT_FIELDS.contains(&field) {
                dragnet_domain::text::cleaned_text(s)
            } else {
                dragnet_domain::text::cleaned_line(s)
            };
            let s = cleaned.trim();
            Ok(if s.is_empty() || s == "-" { None } else { Some(s.to_string()) })
        }
        Some(other) => Err(format!("{field}: a {} where text was expected", type_name(other))),
    }
}

/// A note for each text of `record` (its warrants' too) that held what [`text`] takes out.
fn cleaning_notes(record: &Value, place: &str, notes: &mut Vec<String>) {
    let Some(fields) = record.as_object() else { return };
    for (field, value) in fields {
        match value {
            Value::String(s) => {
                let unfit = if LONG_TEXT_FIELDS.contains(&field.as_str()) {
                    s.chars().any(dragnet_domain::text::unfit_for_text)
                } else {
                    s.chars().any(dragnet_domain::text::unfit_for_a_line)
                };
                if unfit {
                    notes.push(format!("{place}{field}: control characters taken out"));
                }
            }
            Value::Array(items) if field == "arrest_warrants" => {
                for (i, item) in items.iter().enumerate() {
                    cleaning_notes(item, &format!("{place}{field}[{i}]."), notes);
                }
            }
            _ => {}
        }
    }
}

/// A field's list of codes, each read by `parse`. A code Dragnet does not know is left out and
/// said in `notes`, field and place named: one odd code is no reason to lose the notice.
fn codes<T: PartialEq>(
    record: &Value,
    field: &str,
    parse: impl Fn(&str) -> Result<T, String>,
    notes: &mut Vec<String>,
) -> Result<Vec<T>, String> {
    match record.get(field) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => {
            let mut known = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate().filter(|(_, item)| !item.is_null()) {
                let Some(code) = item.as_str() else {
                    notes.push(format!("{field}[{index}]: a {} where a code was expected, left out", type_name(item)));
                    continue;
                };
                match parse(code.trim()) {
                    Ok(code) if known.contains(&code) => {
                        notes.push(format!("{field}[{index}]: given before; kept once"))
                    }
                    Ok(code) => known.push(code),
                    Err(err) => notes.push(format!("{field}[{index}]: {err}; left out")),
                }
            }
            Ok(known)
        }
        Some(other) => Err(format!("{field}: a {} where a list of codes was expected", type_name(other))),
    }
}

fn date(record: &Value, field: &str) -> Result<Option<PartialDate>, String> {
    text(record, field)?
        .map(|d| PartialDate::parse(&d.replace('/', "-")).map_err(|err| format!("{field}: {err}")))
        .transpose()
}

fn country(record: &Value, field: &str) -> Result<Option<CountryCode>, String> {
    text(record, field)?.map(|c| parse_interpol_country(&c).map_err(|err| format!("{field}: {err}"))).transpose()
}

/// A height in metres or a weight in kilograms; INTERPOL writes 0 for unknown.
fn measure(record: &Value, field: &str, most: f64) -> Result<Option<f64>, String> {
    match record.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(0.0) => Ok(None),
            Some(x) if x > 0.0 && x <= most => Ok(Some(x)),
            _ => Err(format!("{field}: {n} is out of range")),
        },
        Some(other) => Err(format!("{field}: a {} where a number was expected", type_name(other))),
    }
}

/// The fields of INTERPOL's records that Dragnet reads; any other field that holds something is
/// said in the record's notes, so that nothing is dropped unseen.
const READ_FIELDS: [&str; 37] = [
    "entity_id",
    "name",
    "forename",
    "date_of_birth",
    "sex_id",
    "nationalities",
    "height",
    "weight",
    "eyes_colors_id",
    "hairs_id",
    "distinguishing_marks",
    "languages_spoken_ids",
    "place_of_birth",
    "country_of_birth_id",
    "arrest_warrants",
    "birth_name",
    "name_at_birth",
    "father_name",
    "father_forename",
    "mother_name",
    "mother_forename",
    "date_of_event",
    "place",
    "country",
    "issuing_country",
    "issuing_country_id",
    "countries_likely_to_be_visited",
    "aliases",
    "name_in_original_script",
    "forename_in_original_script",
    "un_reference",
    "un_resolution",
    "un_reference_date",
    "_links",
    "_embedded",
    "query",
    "total",
];

/// The fields only one kind of notice has.
const KIND_FIELDS: [(NoticeKind, &[&str]); 3] = [
    (NoticeKind::Red, &["arrest_warrants"]),
    (NoticeKind::Yellow, &["date_of_event", "place", "country", "issuing_country", "issuing_country_id"]),
    (NoticeKind::UnSpecial, &["un_reference", "un_resolution", "un_reference_date"]),
];

/// Whether a value holds anything: null, blank text and empty lists and objects do not.
fn holds_something(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty() && s.trim() != "-",
        Value::Array(items) => items.iter().any(holds_something),
        Value::Object(fields) => fields.values().any(holds_something),
        _ => true,
    }
}

fn parent(record: &Value, who: &str) -> Result<Option<ParentName>, String> {
    let family_name = text(record, &format!("{who}_name"))?;
    let forenames = text(record, &format!("{who}_forename"))?;
    Ok((family_name.is_some() || forenames.is_some()).then_some(ParentName { family_name, forenames }))
}

/// A requester as a record writes it (`FR`, `914`); `field` names it in a problem.
fn requester(code: Option<String>, field: &str) -> Result<Requester, String> {
    code.map_or(Ok(Requester::Unknown), |code| Requester::parse(&code).map_err(|err| format!("{field}: {err}")))
}

fn read_record(record: &Value, kind: Option<NoticeKind>, swept_for: Option<&str>) -> Result<Record, String> {
    let entity = text(record, "entity_id")?.ok_or("entity_id: missing")?;
    let id = NoticeId::parse(&entity).map_err(|err| format!("entity_id: {err}"))?;
    let kind = kind_from_href(record.pointer("/_links/self/href"))
        .or_else(|| kind_from_fields(record))
        .or(kind)
        .ok_or("cannot tell whether it is a red, yellow or UN notice (say which with --kind)")?;
    if let Some(linked) = record
        .pointer("/_links/self/href")
        .and_then(Value::as_str)
        .and_then(|href| href.split(['?', '#']).next())
        .and_then(|href| href.rsplit('/').next())
        .filter(|last| last.contains('-'))
        && NoticeId::parse(linked).ok() != Some(id)
    {
        return Err(format!("_links.self.href: names notice {linked}, not {entity}"));
    }
    // A list entry holds these fields only; a record with any other is a detail record.
    let detailed = record.as_object().is_some_and(|fields| {
        fields.keys().any(|field| {
            !["entity_id", "name", "forename", "date_of_birth", "nationalities", "_links", "_embedded"]
                .contains(&field.as_str())
        })
    });
    let mut notes = Vec::new();
    if let Some(fields) = record.as_object() {
        for field in fields.iter().filter(|(_, value)| holds_something(value)).map(|(field, _)| field) {
            let other_kind = KIND_FIELDS.iter().find(|(of, fields)| *of != kind && fields.contains(&field.as_str()));
            if !READ_FIELDS.contains(&field.as_str()) {
                notes.push(format!("{field}: not kept"));
            } else if let Some((of, _)) = other_kind {
                notes.push(format!("{field}: not kept, as a field of {} notices, not of {} ones", of, kind));
            }
        }
    }
    cleaning_notes(record, "", &mut notes);

    let (name, forename) = (text(record, "name")?, text(record, "forename")?);
    let (family_name, forenames, whole) = match (name, forename) {
        (Some(name), forename) => (Some(name), forename, None),
        (None, Some(forename)) => (None, None, Some(forename)),
        (None, None) => return Err("name: a notice names its subject".into()),
    };
    let mut aliases = Vec::new();
    match record.get("aliases") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                let alias = match item {
                    Value::String(s) => Some(s.trim().to_string()),
                    Value::Object(_) => {
                        notes.push(format!("aliases[{index}]: kept as one name"));
                        let parts = [text(item, "forename")?, text(item, "name")?];
                        Some(parts.into_iter().flatten().collect::<Vec<_>>().join(" "))
                    }
                    _ => return Err(format!("aliases[{index}]: a {} where a name was expected", type_name(item))),
                };
                aliases.extend(alias.filter(|a| !a.is_empty()));
            }
        }
        Some(other) => return Err(format!("aliases: a {} where a list was expected", type_name(other))),
    }
    let original_script_name =
        match (text(record, "forename_in_original_script")?, text(record, "name_in_original_script")?) {
            (Some(forename), Some(name)) => {
                notes.push("forename_in_original_script: kept joined to name_in_original_script".into());
                Some(format!("{forename} {name}"))
            }
            (forename, name) => name.or(forename),
        };
    let sex = match text(record, "sex_id")?.as_deref() {
        None => None,
        Some("M") => Some(Sex::M),
        Some("F") => Some(Sex::F),
        Some("U") => Some(Sex::U),
        Some(other) => return Err(format!("sex_id: {other:?} is not F, M or U")),
    };
    let height = measure(record, "height", 3.0)?;
    let weight = measure(record, "weight", f64::from(MOST_WEIGHT_KG))?;
    let physical = Physical {
        height_cm: height.map(|m| (m * 100.0).round() as u16),
        weight_kg: weight.map(|kg| kg.round() as u16),
        eyes: codes(record, "eyes_colors_id", EyeColour::parse, &mut notes)?,
        hair: codes(record, "hairs_id", HairColour::parse, &mut notes)?,
        marks: text(record, "distinguishing_marks")?,
    };
    let subject = Person {
        family_name,
        forenames,
        name: whole,
        original_script_name,
        aliases,
        birth_name: text(record, "birth_name")?.or(text(record, "name_at_birth")?),
        father: parent(record, "father")?,
        mother: parent(record, "mother")?,
        sex,
        date_of_birth: date(record, "date_of_birth")?,
        place_of_birth: text(record, "place_of_birth")?,
        country_of_birth: country(record, "country_of_birth_id")?,
        nationalities: codes(record, "nationalities", parse_interpol_country, &mut notes)?,
        physical: if physical.is_empty() { None } else { Some(physical) },
        languages: codes(record, "languages_spoken_ids", LanguageCode::parse, &mut notes)?,
        ..Person::default()
    };

    let mut charges = Vec::new();
    let mut offence = None;
    let mut un_listing = None;
    let requested_by = match kind {
        NoticeKind::Red => {
            // The first warrant's country is the requester; a charge from another one says whose it is.
            let mut issuers: Vec<(Requester, Option<Charge>)> = Vec::new();
            match record.get("arrest_warrants") {
                None | Some(Value::Null) => {}
                Some(Value::Array(warrants)) => {
                    for (index, warrant) in warrants.iter().enumerate() {
                        let here = |err: String| format!("arrest_warrants[{index}].{err}");
                        let issuer =
                            requester(text(warrant, "issuing_country_id").map_err(here)?, "issuing_country_id")
                                .map_err(here)?;
                        let charge = text(warrant, "charge").map_err(here)?.map(|title| Charge {
                            title,
                            law: None,
                            max_penalty: None,
                            translation: None,
                            issued_by: None,
                        });
                        let translation = text(warrant, "charge_translation").map_err(here)?;
                        issuers.push((issuer, charge.map(|charge| Charge { translation, ..charge })));
                    }
                }
                Some(other) => {
                    return Err(format!("arrest_warrants: a {} where a list was expected", type_name(other)));
                }
            }
            let requested_by = match issuers.first() {
                Some((issuer, _)) => *issuer,
                None => requester(swept_for.map(str::to_string), "arrestWarrantCountryId")?,
            };
            for (issuer, charge) in issuers {
                if let Some(mut charge) = charge {
                    charge.issued_by = (issuer != requested_by).then_some(issuer);
                    charges.push(charge);
                }
            }
            requested_by
        }
        NoticeKind::Yellow => {
            let event = Offence {
                summary: None,
                date: date(record, "date_of_event")?,
                place: text(record, "place")?,
                country: country(record, "country")?,
                context: Vec::new(),
            };
            if event != Offence::default() {
                offence = Some(event);
            }
            requester(text(record, "issuing_country")?.or(text(record, "issuing_country_id")?), "issuing_country")?
        }
        _ => {
            let listing = UnListing {
                reference: text(record, "un_reference")?,
                resolution: match record.get("un_resolution") {
                    None | Some(Value::Null) => None,
                    Some(value) => Some(
                        value
                            .as_u64()
                            .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
                            .and_then(|n| u32::try_from(n).ok())
                            .filter(|n| *n > 0)
                            .ok_or_else(|| format!("un_resolution: {value} is not a resolution number"))?,
                    ),
                },
                listed_on: date(record, "un_reference_date")?,
            };
            un_listing = (listing != UnListing::default()).then_some(listing);
            Requester::parse("UN").map_err(|err| format!("UN: {err}"))?
        }
    };
    let request = NoticeRequest {
        kind,
        requested_by,
        reference: None,
        language: None,
        subjects: vec![subject],
        offence,
        charges,
        judicial: None,
        third_party: Default::default(),
        to: None,
        barred: Vec::new(),
        public_extract: true,
        countries_likely_to_visit: codes(record, "countries_likely_to_be_visited", parse_interpol_country, &mut notes)?,
        un_listing,
    };
    // The domain's own rules, the ones the store loads by: what is imported always loads again.
    request.validate().map_err(|err| format!("{}: {}", err.path, err.message))?;
    if let Some(physical) = &request.subjects[0].physical {
        notes.extend(physical.implausible().into_iter().map(|flag| format!("{flag}: kept as given")));
    }
    let links_pictures = record.pointer("/_links/thumbnail/href").is_some();
    Ok(Record { id, kind, request, detailed, links_pictures, notes, origin: String::new() })
}

/// The records of many files as one set: a notice's detail record wins over its list entries.
/// Two detail records of one notice that say different things are a problem, named with both
/// places, and the notice is left out: which one is the source's is not for the importer to guess.
pub fn merge(records: impl IntoIterator<Item = Record>) -> (BTreeMap<NoticeId, Record>, Vec<String>) {
    let mut merged: BTreeMap<NoticeId, Record> = BTreeMap::new();
    let mut conflicts: BTreeMap<NoticeId, String> = BTreeMap::new();
    for record in records {
        match merged.get_mut(&record.id) {
            Some(kept) if kept.detailed && !record.detailed => kept.links_pictures |= record.links_pictures,
            Some(kept) if kept.detailed && (kept.request != record.request || kept.kind != record.kind) => {
                conflicts.entry(record.id).or_insert_with(|| {
                    format!(
                        "{}: notice {}: another record of it, at {}, says otherwise",
                        record.origin, record.id, kept.origin
                    )
                });
            }
            Some(kept) => {
                let links = kept.links_pictures;
                *kept = record;
                kept.links_pictures |= links;
            }
            None => {
                merged.insert(record.id, record);
            }
        }
    }
    for id in conflicts.keys() {
        merged.remove(id);
    }
    (merged, conflicts.into_values().collect())
}

/// The notice a picture file belongs to: the nearest part of its path that reads as a notice id
/// with a dash (`2019-114539.jpg`, `2019-114539/images/61546382.jpg`, `images_red/2019-114539_1.png`).
pub fn picture_owner(path_parts: &[&str]) -> Option<NoticeId> {
    path_parts.iter().rev().find_map(|part| {
        let stem = part.split('.').next().unwrap_or(part);
        let id = stem.split(['_', ' ']).next().unwrap_or(stem);
        id.contains('-').then(|| NoticeId::parse(id).ok()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one(value: Value) -> Record {
        let reading = read_records(&value.to_string(), "test.json", None);
        assert!(reading.problems.is_empty(), "{:?}", reading.problems);
        assert_eq!(reading.records.len(), 1);
        reading.records.into_iter().next().unwrap()
    }

    fn problems(value: Value) -> Vec<String> {
        read_records(&value.to_string(), "test.json", None).problems
    }

    #[test]
    fn a_red_detail_record_becomes_a_request_by_the_issuing_country() {
        let record = one(json!({
            "entity_id": "2019/114539", "name": "PETROV", "forename": "IVAN", "date_of_birth": "1980/05/17",
            "sex_id": "M", "nationalities": ["RU"], "height": 1.8, "weight": 0, "eyes_colors_id": ["BRO"],
            "languages_spoken_ids": ["RUS"], "place_of_birth": "Omsk", "country_of_birth_id": "RU",
            "arrest_warrants": [{"issuing_country_id": "RU", "charge": "Fraud", "charge_translation": null}],
            "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red/2019-114539"}}
        }));
        assert_eq!(record.id.to_string(), "2019/114539");
        assert_eq!(record.kind, NoticeKind::Red);
        assert!(record.detailed);
        let request = record.request;
        assert_eq!(request.requested_by.as_str(), "RU");
        assert_eq!(request.charges[0].title, "Fraud");
        assert!(request.public_extract);
        let subject = &request.subjects[0];
        assert_eq!(subject.family_name.as_deref(), Some("PETROV"));
        assert_eq!(subject.date_of_birth.unwrap().to_string(), "1980-05-17");
        let physical = subject.physical.as_ref().unwrap();
        assert_eq!((physical.height_cm, physical.weight_kg), (Some(180), None), "0 means unknown");
    }

    #[test]
    fn list_pages_give_entries_whose_requester_is_unknown_unless_the_sweep_names_the_country() {
        let page = json!({"total": 2, "query": {"page": 1, "resultPerPage": 20},
            "_embedded": {"notices": [
                {"entity_id": "2020/12a4", "name": "A", "forename": "-", "_links": {}},
                {"entity_id": "2020/1234", "name": "B", "forename": "C"}]},
            "_links": {"self": {"href": "https://x/notices/v1/red?page=1"}}});
        let reading = read_records(&page.to_string(), "page.json", None);
        assert_eq!(reading.problems.len(), 1, "2020/12a4 is no id: {:?}", reading.problems);
        assert!(reading.problems[0].contains("page.json: notices[0]: notice 2020/12a4: entity_id"));
        let entry = &reading.records[0];
        assert_eq!(entry.id.to_string(), "2020/1234", "four digits, as INTERPOL writes them");
        assert_eq!(entry.kind, NoticeKind::Red);
        assert!(!entry.detailed);
        assert_eq!(entry.request.requested_by, Requester::Unknown, "a list entry does not say who asked");

        let mut swept = page.clone();
        swept["query"]["arrestWarrantCountryId"] = json!("AR");
        let reading = read_records(&swept.to_string(), "page.json", None);
        assert_eq!(reading.records[0].request.requested_by.as_str(), "AR");
    }

    #[test]
    fn arrays_and_json_lines_of_records_are_read() {
        let a = json!({"entity_id": "2021/00001", "name": "A", "arrest_warrants": []});
        let b = json!({"entity_id": "2021/00002", "name": "B", "un_reference": "QDi.1"});
        let array = read_records(&json!([[a.clone()], b.clone()]).to_string(), "x", None);
        assert_eq!(array.records.len(), 2);
        let lines = format!("{a}\n\n{b}\n");
        let reading = read_records(&lines, "x.jsonl", None);
        assert_eq!(reading.records.len(), 2, "{:?}", reading.problems);
        assert_eq!(reading.records[1].kind, NoticeKind::UnSpecial);
        assert_eq!(reading.records[1].request.requested_by.as_str(), "UN");
    }

    #[test]
    fn a_yellow_record_keeps_where_and_when_the_person_went_missing() {
        let record = one(json!({"entity_id": "2022/09888", "name": "KLETTE", "forename": "DANIELA",
            "date_of_event": "2021/02/01", "place": "KARLSRUHE", "country": "DE", "birth_name": "MUSTER"}));
        assert_eq!(record.kind, NoticeKind::Yellow);
        let request = record.request;
        assert_eq!(request.requested_by, Requester::Unknown, "where the person went missing is not who asked");
        let offence = request.offence.unwrap();
        assert_eq!(
            (offence.place.as_deref(), offence.date.unwrap().to_string()),
            (Some("KARLSRUHE"), "2021-02-01".into())
        );
        assert_eq!(request.subjects[0].birth_name.as_deref(), Some("MUSTER"));
        assert!(record.notes.is_empty(), "{:?}", record.notes);
    }

    #[test]
    fn unknown_codes_are_left_out_and_said_and_the_notice_kept() {
        let record = one(json!({
            "entity_id": "2020/821", "name": "KLEIN", "forename": "MIA", "sex_id": "F",
            "eyes_colors_id": ["OTHC", "PURPLE", 7], "hairs_id": ["YELB"], "nationalities": ["DE", "ZZ"],
            "languages_spoken_ids": ["GER", "MOL", "XXQ"], "date_of_event": "2023/06/01", "country": "DE",
            "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/yellow/2020-821"}}
        }));
        let subject = &record.request.subjects[0];
        let physical = subject.physical.as_ref().unwrap();
        assert_eq!(physical.eyes.iter().map(|c| c.as_str()).collect::<Vec<_>>(), ["OTHC"]);
        assert_eq!(physical.hair.iter().map(|c| c.as_str()).collect::<Vec<_>>(), ["YELB"]);
        assert_eq!(subject.nationalities.iter().map(|c| c.as_str()).collect::<Vec<_>>(), ["DE"]);
        assert_eq!(subject.languages.iter().map(|c| c.as_str()).collect::<Vec<_>>(), ["GER", "MOL"]);
        let notes = record.notes.join("\n");
        for said in [
            "eyes_colors_id[1]: \"PURPLE\"",
            "eyes_colors_id[2]: a number",
            "nationalities[1]",
            "languages_spoken_ids[2]",
        ] {
            assert!(notes.contains(said), "{said}: {notes}");
        }
    }

    #[test]
    fn values_as_they_come_are_kept_and_what_is_imported_loads_again() {
        let long_charge = "Enlèvement et séquestration de mineur. ".repeat(80);
        assert!(long_charge.chars().count() > 3_000);
        for (height, flagged) in [(0.37, true), (0.12, true), (1.62, false)] {
            let record = one(json!({
                "entity_id": "2021/4211", "name": "LEROY", "forename": "EMMA", "sex_id": "F", "height": height,
                "weight": 11, "date_of_event": "2021/03/02", "country": "FR",
                "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/yellow/2021-4211"}}
            }));
            let request = &record.request;
            assert_eq!(
                request.subjects[0].physical.as_ref().unwrap().height_cm,
                Some((height * 100.0_f64).round() as u16)
            );
            assert_eq!(
                record.notes.iter().any(|n| n.contains("height_cm") && n.contains("kept as given")),
                flagged,
                "{:?}",
                record.notes
            );
            // What the store keeps is read back by the same rules.
            dragnet_domain::parse_request(&serde_json::to_string(request).unwrap()).unwrap();
        }
        let record = one(json!({
            "entity_id": "2019/7", "name": "MARTIN", "forename": "LUC",
            "arrest_warrants": [{"issuing_country_id": "FR", "charge": long_charge, "charge_translation": null}],
            "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red/2019-7"}}
        }));
        let request = record.request;
        assert_eq!(request.charges[0].title, long_charge.trim());
        dragnet_domain::parse_request(&serde_json::to_string(&request).unwrap()).unwrap();
        // Past what any record holds, the rule still holds and names the field.
        let endless = "x".repeat(10_001);
        let said = problems(json!({"entity_id": "2019/8", "name": "X",
            "arrest_warrants": [{"issuing_country_id": "FR", "charge": endless}]}));
        assert!(said[0].contains("charges[0].title: is 10001 characters long"), "{said:?}");
    }

    #[test]
    fn every_code_of_interpols_tables_is_read() {
        let eyes: Vec<&str> = EyeColour::all().iter().map(EyeColour::as_str).collect();
        let hair: Vec<&str> = HairColour::all().iter().map(HairColour::as_str).collect();
        let record = one(
            json!({"entity_id": "2021/5", "name": "X", "arrest_warrants": [{"issuing_country_id": "914", "charge": "x"}],
            "eyes_colors_id": eyes, "hairs_id": hair}),
        );
        let request = record.request;
        assert!(record.notes.is_empty(), "{:?}", record.notes);
        assert_eq!(request.requested_by.as_str(), "ICC", "914 is the International Criminal Court");
        let physical = request.subjects[0].physical.clone().unwrap();
        assert_eq!((physical.eyes.len(), physical.hair.len()), (eyes.len(), hair.len()));
    }

    #[test]
    fn bad_fields_are_named() {
        let base = json!({"entity_id": "2019/114539", "name": "X", "arrest_warrants": []});
        let with = |field: &str, value: Value| {
            let mut record = base.clone();
            record[field] = value;
            problems(record)
        };
        assert!(with("date_of_birth", json!("1980/02/30"))[0].contains("date_of_birth: \"1980-02-30\""));
        assert!(with("sex_id", json!("X"))[0].contains("sex_id"));
        assert!(with("height", json!(17))[0].contains("height"));
        assert!(with("name", json!(null))[0].contains("name: a notice names its subject"));
        assert!(
            with("arrest_warrants", json!([{"issuing_country_id": "QQ", "charge": "x"}]))[0]
                .contains("arrest_warrants[0].issuing_country_id")
        );
        let un = json!({"entity_id": "2021/84506", "name": "X", "un_reference": "QDi.1"});
        let un_with = |field: &str, value: Value| {
            let mut record = un.clone();
            record[field] = value;
            problems(record)
        };
        for resolution in [json!("abc"), json!(-1), json!(1.5), json!(5_000_000_000u64)] {
            assert!(un_with("un_resolution", resolution.clone())[0].contains("un_resolution"), "{resolution}");
        }
        assert!(un_with("un_reference_date", json!("2021/13/01"))[0].contains("un_reference_date"));
        assert!(un_with("father_name", json!(7))[0].contains("father_name: a number"));
        assert!(un_with("name_at_birth", json!("x".repeat(201)))[0].contains("subjects[0].birth_name"));
        assert!(
            with("arrest_warrants", json!([{"issuing_country_id": "FR", "charge": "x", "charge_translation": 3}]))[0]
                .contains("arrest_warrants[0].charge_translation")
        );
        let yellow = json!({"entity_id": "2024/57", "name": "X", "date_of_event": "2024/08/14"});
        let mut listed = yellow.clone();
        listed["countries_likely_to_be_visited"] = json!("IT");
        assert!(problems(listed)[0].contains("countries_likely_to_be_visited: a string"));
        let mut listed = yellow.clone();
        listed["countries_likely_to_be_visited"] = json!(["IT", "ZZ"]);
        let record = one(listed);
        assert_eq!(record.request.countries_likely_to_visit.len(), 1, "an unknown code is left out");
        assert!(record.notes[0].contains("countries_likely_to_be_visited[1]"), "{:?}", record.notes);
        let mut unknown = yellow.clone();
        unknown["summary"] = json!("not a field Dragnet reads");
        assert_eq!(one(unknown).notes, ["summary: not kept"]);
        assert!(problems(json!({"entity_id": "2019/114539", "name": "X"}))[0].contains("--kind"));
        assert!(problems(json!({"total": 3}))[0].contains("neither a notice"));
        assert!(read_records("{not json", "f.json", None).problems[0].starts_with("f.json: not JSON"));
        // A pretty-printed file cut short is one problem, where it breaks, not one per line.
        let cut = "[\n  {\n    \"entity_id\": \"2019/114539\",\n    \"name\": \"X\"\n  },\n  {\n";
        let problems = read_records(cut, "details.json", None).problems;
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("line 7"), "{problems:?}");
    }

    #[test]
    fn a_record_is_a_detail_by_any_field_a_list_entry_lacks_and_kind_fields_stay_with_their_kind() {
        let un = one(json!({"entity_id": "2010/777", "name": "X", "un_reference": "QDi.999",
            "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/un/persons/2010-777"}}}));
        assert!(un.detailed, "a UN record without date of birth is still a detail record");
        let yellow = one(json!({"entity_id": "2010/778", "name": "X", "un_resolution": 1267, "arrest_warrants": [],
            "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/yellow/2010-778"}}}));
        assert_eq!(yellow.notes, ["un_resolution: not kept, as a field of un_special notices, not of yellow ones"]);
        let twice = one(json!({"entity_id": "2010/779", "name": "X", "countries_likely_to_be_visited": ["FR", "FR"],
            "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/yellow/2010-779"}}}));
        assert_eq!(twice.request.countries_likely_to_visit.len(), 1);
        assert_eq!(twice.notes, ["countries_likely_to_be_visited[1]: given before; kept once"]);
        // A self link that names another notice is a record not to be trusted.
        let said = problems(json!({"entity_id": "2026/1", "name": "X", "arrest_warrants": [],
            "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red/2026-2"}}}));
        assert!(said[0].contains("_links.self.href: names notice 2026-2, not 2026/1"), "{said:?}");
        assert!(problems(json!({"entity_id": "2026/1", "name": "X", "un_resolution": 0}))[0].contains("un_resolution"));
        // A byte-order mark before the JSON is no reason to refuse a file.
        let bom = format!("\u{feff}{}", json!({"entity_id": "2026/3", "name": "X", "arrest_warrants": []}));
        assert_eq!(read_records(&bom, "bom.json", None).records.len(), 1);
    }

    #[test]
    fn two_detail_records_of_one_notice_that_disagree_are_a_problem_and_neither_is_kept() {
        let read = |value: Value, origin: &str| read_records(&value.to_string(), origin, None).records;
        let alpha = read(json!({"entity_id": "2021/1", "name": "ALPHA", "arrest_warrants": []}), "a.json");
        let beta = read(json!({"entity_id": "2021/1", "name": "BETA", "arrest_warrants": []}), "b.json");
        let other = read(json!({"entity_id": "2021/2", "name": "GAMMA", "arrest_warrants": []}), "a.json");
        let (merged, conflicts) = merge(alpha.iter().chain(&beta).chain(&other).chain(&alpha).cloned());
        assert_eq!(merged.keys().map(ToString::to_string).collect::<Vec<_>>(), ["2021/2"]);
        assert_eq!(conflicts, ["b.json: notice 2021/1: another record of it, at a.json, says otherwise"]);
        // The same record twice (overlapping pages, a file given twice) is one notice.
        let (merged, conflicts) = merge(alpha.iter().chain(&alpha).cloned());
        assert_eq!((merged.len(), conflicts.len()), (1, 0));
    }

    #[test]
    fn list_pages_say_what_their_list_holds() {
        let page = json!({"total": 50, "query": {"page": 2, "resultPerPage": 20, "nationality": "DE"},
            "_embedded": {"notices": [{"entity_id": "2020/1234", "name": "B"}]},
            "_links": {"self": {"href": "https://x/notices/v1/red?nationality=DE&page=2"}}});
        let reading = read_records(&page.to_string(), "page.json", None);
        assert_eq!(reading.pages, [("red {\"nationality\":\"DE\"}".to_string(), 50, 1)]);
    }

    #[test]
    fn several_issuing_countries_are_kept_charge_by_charge() {
        let record = one(json!({"entity_id": "2019/114539", "name": "X", "arrest_warrants": [
            {"issuing_country_id": "US", "charge": "a"}, {"issuing_country_id": "GB", "charge": "b"},
            {"issuing_country_id": "914", "charge": "c", "charge_translation": "c, translated"}]}));
        let request = record.request;
        assert_eq!(request.requested_by.as_str(), "US", "the first warrant's issuer");
        let issuers: Vec<Option<&str>> =
            request.charges.iter().map(|c| c.issued_by.as_ref().map(|r| r.as_str())).collect();
        assert_eq!(issuers, [None, Some("GB"), Some("ICC")]);
        assert_eq!(request.charges[2].translation.as_deref(), Some("c, translated"));
        assert!(record.notes.is_empty(), "{:?}", record.notes);
    }

    #[test]
    fn a_detail_wins_over_list_entries_whatever_the_order() {
        let entry = one(json!({"entity_id": "2019/114539", "name": "X", "_links": {
            "self": {"href": "/notices/v1/red/2019-114539"}, "thumbnail": {"href": "t"}}}));
        let detail = one(json!({"entity_id": "2019/114539", "name": "X", "sex_id": "M", "arrest_warrants": [
            {"issuing_country_id": "FR", "charge": "a"}]}));
        for order in [vec![entry.clone(), detail.clone()], vec![detail.clone(), entry.clone()]] {
            let (merged, conflicts) = merge(order);
            assert!(conflicts.is_empty(), "{conflicts:?}");
            let kept = &merged[&detail.id];
            assert!(kept.detailed && kept.links_pictures);
        }
    }

    #[test]
    fn pictures_find_their_notice() {
        let id = NoticeId::parse("2019/114539").unwrap();
        assert_eq!(picture_owner(&["scrape", "red", "2019-114539", "images", "61546382.jpg"]), Some(id));
        assert_eq!(picture_owner(&["images_red", "2019-114539_2.png"]), Some(id));
        assert_eq!(picture_owner(&["images", "PETROV.png"]), None);
    }
}
