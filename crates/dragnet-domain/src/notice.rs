//! Notices: their ids (`2026/00001`, `2020/821`), their states, and the lifecycle as a state machine.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::codes::Requester;
use crate::person::Person;
use crate::request::{NoticeKind, NoticeRequest};

/// One notice: a single subject of a request, carrying the request's kind and requester.
/// A request naming 36 people on one warrant becomes 36 notices, each with its own life.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    pub id: NoticeId,
    pub kind: NoticeKind,
    pub requested_by: Requester,
    pub state: NoticeState,
    pub subject: Person,
}

impl Notice {
    /// The draft notice for the subject at `subject_index` of `request`, if there is one.
    pub fn draft(id: NoticeId, request: &NoticeRequest, subject_index: usize) -> Option<Notice> {
        let subject = request.subjects.get(subject_index)?.clone();
        Some(Notice { id, kind: request.kind, requested_by: request.requested_by, state: NoticeState::Draft, subject })
    }
}

/// A notice's id: the year it was created and a number within that year, `2020/12345`.
/// Dragnet numbers its own with at least five digits; INTERPOL writes one to six (`2020/821`,
/// `2018/104032`), and an imported id is kept exactly as written, leading zeros too. Public API
/// paths write it with a dash, `2020-821`; both forms are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NoticeId {
    year: u16,
    number: u32,
    /// How many digits the number is written with.
    digits: u8,
}

/// The most digits a number may have: INTERPOL's six, and Dragnet's own up to 9,999,999.
const MOST_DIGITS: usize = 7;

/// The fewest digits Dragnet writes its own numbers with.
const OWN_DIGITS: u8 = 5;

impl NoticeId {
    /// One of Dragnet's own ids, written with at least five digits.
    pub fn new(year: u16, number: u32) -> Result<Self, String> {
        if !(1900..=9999).contains(&year) || number == 0 || number > 9_999_999 {
            return Err(format!("{year}/{number} is not a notice id"));
        }
        let natural = number.checked_ilog10().map_or(1, |log| log + 1) as u8;
        Ok(NoticeId { year, number, digits: natural.max(OWN_DIGITS) })
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let invalid = || format!("{text:?} is not a notice id (a year, a slash, a number: 2020/821, 2026/00001)");
        let (year, number) = text.split_once(['/', '-']).ok_or_else(invalid)?;
        if year.len() != 4
            || !(1..=MOST_DIGITS).contains(&number.len())
            || !(year.bytes().chain(number.bytes()).all(|b| b.is_ascii_digit()))
        {
            return Err(invalid());
        }
        let year: u16 = year.parse().map_err(|_| invalid())?;
        let value: u32 = number.parse().map_err(|_| invalid())?;
        let id = NoticeId::new(year, value).map_err(|_| invalid())?;
        Ok(NoticeId { digits: number.len() as u8, ..id })
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn number(&self) -> u32 {
        self.number
    }

    /// The form used in URL paths: `2020-12345`.
    pub fn to_path_segment(&self) -> String {
        format!("{:04}-{:0width$}", self.year, self.number, width = usize::from(self.digits))
    }
}

impl fmt::Display for NoticeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}/{:0width$}", self.year, self.number, width = usize::from(self.digits))
    }
}

impl Serialize for NoticeId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for NoticeId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        NoticeId::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Where a notice stands in its life (DESIGN.md, "The life of a notice").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeState {
    Draft,
    Submitted,
    InReview,
    InfoRequested,
    Published,
    Refused,
    Suspended,
    Cancelled,
    Expired,
    Withdrawn,
}

/// Something that happens to a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleEvent {
    /// The bureau sends its draft (or its answer to a question) for review.
    Submit,
    /// The automated check has run; the request waits for a reviewer.
    CheckCompleted,
    /// A reviewer asks the bureau for more information.
    RequestInformation,
    /// The bureau takes back a request it asked a question about, to edit it as a draft.
    Reopen,
    Publish,
    Refuse,
    Suspend,
    /// A suspended notice is put back into force.
    Reinstate,
    Cancel,
    Renew,
    Expire,
    /// The bureau takes back a request that was not yet decided.
    Withdraw,
}

impl NoticeState {
    pub const ALL: [NoticeState; 10] = [
        NoticeState::Draft,
        NoticeState::Submitted,
        NoticeState::InReview,
        NoticeState::InfoRequested,
        NoticeState::Published,
        NoticeState::Refused,
        NoticeState::Suspended,
        NoticeState::Cancelled,
        NoticeState::Expired,
        NoticeState::Withdrawn,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            NoticeState::Draft => "draft",
            NoticeState::Submitted => "submitted",
            NoticeState::InReview => "in_review",
            NoticeState::InfoRequested => "info_requested",
            NoticeState::Published => "published",
            NoticeState::Refused => "refused",
            NoticeState::Suspended => "suspended",
            NoticeState::Cancelled => "cancelled",
            NoticeState::Expired => "expired",
            NoticeState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<NoticeState> {
        NoticeState::ALL.into_iter().find(|state| state.as_str() == text)
    }

    /// The state `event` leads to, or why it may not happen now.
    pub fn apply(self, event: LifecycleEvent) -> Result<NoticeState, IllegalTransition> {
        use LifecycleEvent as E;
        use NoticeState as S;
        let next = match (self, event) {
            (S::Draft | S::InfoRequested, E::Submit) => S::Submitted,
            (S::Submitted, E::CheckCompleted) => S::InReview,
            (S::Submitted | S::InReview, E::RequestInformation) => S::InfoRequested,
            (S::InfoRequested, E::Reopen) => S::Draft,
            (S::InReview, E::Publish) => S::Published,
            (S::InReview, E::Refuse) => S::Refused,
            (S::Published, E::Suspend) => S::Suspended,
            (S::Suspended, E::Reinstate) => S::Published,
            (S::Published | S::Suspended, E::Cancel) => S::Cancelled,
            (S::Published, E::Renew) => S::Published,
            (S::Published, E::Expire) => S::Expired,
            (S::Draft | S::Submitted | S::InReview | S::InfoRequested, E::Withdraw) => S::Withdrawn,
            (from, event) => return Err(IllegalTransition { from, event }),
        };
        Ok(next)
    }

    /// Whether `event` may happen to a notice in this state.
    pub fn allows(self, event: LifecycleEvent) -> bool {
        self.apply(event).is_ok()
    }

    /// Whether screening and public pages may show a notice in this state.
    pub fn is_in_force(&self) -> bool {
        *self == NoticeState::Published
    }

    /// States no event leaves.
    pub fn is_final(&self) -> bool {
        matches!(self, NoticeState::Refused | NoticeState::Cancelled | NoticeState::Expired | NoticeState::Withdrawn)
    }
}

impl fmt::Display for NoticeState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl LifecycleEvent {
    pub const ALL: [LifecycleEvent; 12] = [
        LifecycleEvent::Submit,
        LifecycleEvent::CheckCompleted,
        LifecycleEvent::RequestInformation,
        LifecycleEvent::Reopen,
        LifecycleEvent::Publish,
        LifecycleEvent::Refuse,
        LifecycleEvent::Suspend,
        LifecycleEvent::Reinstate,
        LifecycleEvent::Cancel,
        LifecycleEvent::Renew,
        LifecycleEvent::Expire,
        LifecycleEvent::Withdraw,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            LifecycleEvent::Submit => "submit",
            LifecycleEvent::CheckCompleted => "check_completed",
            LifecycleEvent::RequestInformation => "request_information",
            LifecycleEvent::Reopen => "reopen",
            LifecycleEvent::Publish => "publish",
            LifecycleEvent::Refuse => "refuse",
            LifecycleEvent::Suspend => "suspend",
            LifecycleEvent::Reinstate => "reinstate",
            LifecycleEvent::Cancel => "cancel",
            LifecycleEvent::Renew => "renew",
            LifecycleEvent::Expire => "expire",
            LifecycleEvent::Withdraw => "withdraw",
        }
    }
}

impl fmt::Display for LifecycleEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An event that the lifecycle does not allow from the current state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a notice that is {from} cannot {event}")]
pub struct IllegalTransition {
    pub from: NoticeState,
    pub event: LifecycleEvent,
}

#[cfg(test)]
mod tests {
    use super::*;
    use LifecycleEvent as E;
    use NoticeState as S;

    #[test]
    fn ids_read_both_forms_and_print_with_a_slash() {
        let id = NoticeId::parse("2020/12345").unwrap();
        assert_eq!(id, NoticeId::parse("2020-12345").unwrap());
        assert_eq!(id.to_string(), "2020/12345");
        assert_eq!(id.to_path_segment(), "2020-12345");
        assert_eq!(NoticeId::new(2026, 7).unwrap().to_string(), "2026/00007");
        assert_eq!(NoticeId::parse("2026/123456").unwrap().number(), 123_456);
    }

    #[test]
    fn interpol_ids_of_every_length_are_kept_as_written() {
        for text in ["2020/821", "2017/3801", "2018/104032", "2021/5", "2019/00821", "2026/1234567"] {
            let id = NoticeId::parse(text).unwrap();
            assert_eq!(id.to_string(), text);
            assert_eq!(id.to_path_segment(), text.replace('/', "-"));
            assert_eq!(NoticeId::parse(&id.to_path_segment()).unwrap(), id);
            let json = serde_json::to_string(&id).unwrap();
            assert_eq!(serde_json::from_str::<NoticeId>(&json).unwrap(), id);
        }
        // Written otherwise, it is another notice's id: the source's spelling is the id.
        assert_ne!(NoticeId::parse("2020/821").unwrap(), NoticeId::parse("2020/00821").unwrap());
        assert_eq!(NoticeId::parse("2020/00821").unwrap().number(), 821);
        // Dragnet's own numbering is unchanged: five digits at least.
        assert_eq!(NoticeId::new(2020, 821).unwrap().to_string(), "2020/00821");
        assert_eq!(NoticeId::new(2020, 1_234_567).unwrap().to_string(), "2020/1234567");
    }

    #[test]
    fn malformed_ids_are_refused() {
        for text in [
            "",
            "2020",
            "2020/",
            "20/12345",
            "2020/0",
            "2020/00000",
            "2020/12345678",
            "2020_12345",
            "2020/12a45",
            "abcd/12345",
            "2020/+821",
            "2020/ 821",
        ] {
            assert!(NoticeId::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn the_ordinary_life_of_a_notice() {
        let mut state = S::Draft;
        for event in [E::Submit, E::CheckCompleted, E::Publish, E::Renew, E::Suspend, E::Reinstate, E::Cancel] {
            state = state.apply(event).unwrap();
        }
        assert_eq!(state, S::Cancelled);
    }

    #[test]
    fn a_question_sends_the_request_back_to_the_bureau() {
        let state = S::InReview.apply(E::RequestInformation).unwrap();
        assert_eq!(state, S::InfoRequested);
        assert_eq!(state.apply(E::Reopen).unwrap(), S::Draft);
        assert_eq!(state.apply(E::Submit).unwrap(), S::Submitted);
    }

    #[test]
    fn nothing_is_published_without_review() {
        for from in [S::Draft, S::Submitted, S::InfoRequested, S::Refused, S::Withdrawn, S::Expired, S::Cancelled] {
            assert_eq!(from.apply(E::Publish), Err(IllegalTransition { from, event: E::Publish }), "{from}");
        }
    }

    #[test]
    fn final_states_have_no_way_out() {
        for from in S::ALL.into_iter().filter(S::is_final) {
            for event in E::ALL {
                assert!(from.apply(event).is_err(), "{from} --{event}-->");
            }
        }
    }

    #[test]
    fn only_published_notices_are_in_force() {
        let in_force: Vec<_> = S::ALL.into_iter().filter(S::is_in_force).collect();
        assert_eq!(in_force, vec![S::Published]);
    }

    #[test]
    fn the_error_says_what_was_refused() {
        let err = S::Refused.apply(E::Publish).unwrap_err();
        assert_eq!(err.to_string(), "a notice that is refused cannot publish");
    }

    #[test]
    fn names_round_trip() {
        for state in S::ALL {
            assert_eq!(S::parse(state.as_str()), Some(state));
            assert_eq!(serde_json::to_value(state).unwrap(), state.as_str());
        }
        for event in E::ALL {
            assert_eq!(serde_json::to_value(event).unwrap(), event.as_str());
        }
    }
}
