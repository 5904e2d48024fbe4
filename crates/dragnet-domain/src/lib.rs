//! Dragnet's domain: the types and rules of international police notices, with no I/O.
//!
//! Everything here is plain data and functions over it. Values are built by `parse` functions
//! that refuse what is invalid, so an invalid country, date or state cannot exist past the edge.

pub mod action;
pub mod codes;
pub mod date;
pub mod knowledge;
pub mod notice;
pub mod parse;
pub mod person;
pub mod recommendation;
pub mod request;
pub mod text;
pub mod user;

pub use action::{Action, action_of};
pub use codes::{CountryCode, MemberCountry, Requester};
pub use date::{Date, PartialDate};
pub use notice::{IllegalTransition, LifecycleEvent, Notice, NoticeId, NoticeState};
pub use parse::{FieldError, parse_person, parse_request};
pub use person::Person;
pub use recommendation::Recommendation;
pub use request::{NoticeKind, NoticeRequest, Recipients};
pub use user::{Actor, ActsFor, Grant, Role, UserName};
