//! Dragnet's screening engine: find every valid notice that may be about a person, across scripts
//! and spellings, ranked, each hit with a line that says why. No I/O: the caller feeds the notices.

pub mod index;
pub mod names;
pub mod score;
pub mod script;
pub mod syllables;
pub mod variants;

pub use index::{Hit, Index, profile};
pub use score::Profile;
pub use variants::Variants;

/// The default threshold of a hit, as DESIGN.md's `dragnet screen` contract sets it.
pub const DEFAULT_THRESHOLD: f64 = 0.7;
/// The default number of hits per query.
pub const DEFAULT_LIMIT: usize = 10;

/// A document number as compared: letters and digits only, upper case (`k-1234 5678` is `K12345678`).
pub fn normalise_document(number: &str) -> String {
    number.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}
