//! The automated check's verdict on a subject or a request, as the review crate gives it, the store
//! keeps it and the queue orders by it: one type for all of them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What the check advises, least severe first, so that the heaviest of several is their `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    Clear,
    Review,
    Refuse,
    Incomplete,
}

impl Recommendation {
    pub const ALL: [Recommendation; 4] =
        [Recommendation::Clear, Recommendation::Review, Recommendation::Refuse, Recommendation::Incomplete];

    pub fn as_str(&self) -> &'static str {
        match self {
            Recommendation::Clear => "clear",
            Recommendation::Review => "review",
            Recommendation::Refuse => "refuse",
            Recommendation::Incomplete => "incomplete",
        }
    }

    pub fn parse(text: &str) -> Option<Recommendation> {
        Recommendation::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

impl fmt::Display for Recommendation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reads_back_and_the_heaviest_is_the_greatest() {
        for r in Recommendation::ALL {
            assert_eq!(Recommendation::parse(r.as_str()), Some(r));
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
        assert_eq!(Recommendation::ALL.into_iter().max(), Some(Recommendation::Incomplete));
        assert_eq!(Recommendation::parse("maybe"), None);
    }
}
