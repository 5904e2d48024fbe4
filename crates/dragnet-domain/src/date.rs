//! Calendar dates, full (`1971-05-02`) or partial (`1971`, `1971-05`), checked against the calendar.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The years a date in a notice may fall in: anything earlier or later is a typing error.
const YEARS: std::ops::RangeInclusive<u16> = 1800..=2199;

/// A date whose month or day may be unknown, as dates of birth often are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartialDate {
    Year(u16),
    YearMonth(u16, u8),
    Full(Date),
}

/// A complete calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses exactly `digits` ASCII digits.
fn number(text: &str, digits: usize) -> Option<u16> {
    if text.len() != digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn year(text: &str, whole: &str) -> Result<u16, String> {
    let year = number(text, 4).ok_or_else(|| format!("{whole:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))?;
    if !YEARS.contains(&year) {
        return Err(format!(
            "{whole:?} is not a plausible date: the year must lie between {} and {}",
            YEARS.start(),
            YEARS.end()
        ));
    }
    Ok(year)
}

fn month(text: &str, whole: &str) -> Result<u8, String> {
    match number(text, 2) {
        Some(month @ 1..=12) => Ok(month as u8),
        Some(_) => Err(format!("{whole:?} is not a date: there is no month {text}")),
        None => Err(format!("{whole:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")),
    }
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, String> {
        let text = format!("{year:04}-{month:02}-{day:02}");
        Date::parse(&text)
    }

    /// Accepts `YYYY-MM-DD` and nothing else.
    pub fn parse(text: &str) -> Result<Self, String> {
        match PartialDate::parse(text)? {
            PartialDate::Full(date) => Ok(date),
            _ => Err(format!("{text:?} is not a full date (YYYY-MM-DD)")),
        }
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn month(&self) -> u8 {
        self.month
    }

    pub fn day(&self) -> u8 {
        self.day
    }
}

impl PartialDate {
    /// Accepts `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, refusing dates the calendar does not have.
    pub fn parse(text: &str) -> Result<Self, String> {
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [y] => Ok(PartialDate::Year(year(y, text)?)),
            [y, m] => Ok(PartialDate::YearMonth(year(y, text)?, month(m, text)?)),
            [y, m, d] => {
                let (year, month) = (year(y, text)?, month(m, text)?);
                let day =
                    number(d, 2).ok_or_else(|| format!("{text:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))?;
                if day == 0 || day > u16::from(days_in_month(year, month)) {
                    return Err(format!("{text:?} is not a date: that month has no day {d}"));
                }
                Ok(PartialDate::Full(Date { year, month, day: day as u8 }))
            }
            _ => Err(format!("{text:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")),
        }
    }

    pub fn year(&self) -> u16 {
        match self {
            PartialDate::Year(year) | PartialDate::YearMonth(year, _) => *year,
            PartialDate::Full(date) => date.year,
        }
    }

    pub fn month(&self) -> Option<u8> {
        match self {
            PartialDate::Year(_) => None,
            PartialDate::YearMonth(_, month) => Some(*month),
            PartialDate::Full(date) => Some(date.month),
        }
    }

    pub fn day(&self) -> Option<u8> {
        match self {
            PartialDate::Full(date) => Some(date.day),
            _ => None,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Year(year) => write!(f, "{year:04}"),
            PartialDate::YearMonth(year, month) => write!(f, "{year:04}-{month:02}"),
            PartialDate::Full(date) => date.fmt(f),
        }
    }
}

macro_rules! date_serde {
    ($($type:ty),*) => {$(
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                <$type>::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    )*};
}

date_serde!(Date, PartialDate);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_stay_partial() {
        assert_eq!(PartialDate::parse("1971").unwrap(), PartialDate::Year(1971));
        assert_eq!(PartialDate::parse("1971-05").unwrap(), PartialDate::YearMonth(1971, 5));
        let full = PartialDate::parse("1971-05-02").unwrap();
        assert_eq!((full.year(), full.month(), full.day()), (1971, Some(5), Some(2)));
        assert_eq!(full.to_string(), "1971-05-02");
        assert_eq!(PartialDate::parse("1971-05").unwrap().to_string(), "1971-05");
    }

    #[test]
    fn impossible_dates_are_refused_with_the_reason() {
        assert!(PartialDate::parse("1971-13-02").unwrap_err().contains("no month 13"));
        assert!(PartialDate::parse("2023-02-29").unwrap_err().contains("no day 29"));
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert!(PartialDate::parse("1900-02-29").is_err());
        assert!(PartialDate::parse("2000-02-29").is_ok());
        assert!(PartialDate::parse("1971-04-31").is_err());
        assert!(PartialDate::parse("1971-00").is_err());
        assert!(PartialDate::parse("0971").unwrap_err().contains("year must lie"));
    }

    #[test]
    fn other_shapes_are_not_dates() {
        for text in ["", "71", "1971/05/02", "02-05-1971", "1971-5-2", "1971-05-02-01", "１９７１", "+971"] {
            assert!(PartialDate::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn a_full_date_requires_every_part() {
        assert!(Date::parse("2020-06-29").is_ok());
        assert!(Date::parse("2020-06").unwrap_err().contains("not a full date"));
    }
}
