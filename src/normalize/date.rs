//! Dates. (Being written.)
use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;

/// A date read from text.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The instant, with the offset the text gave (or the zone's offset at that time).
    pub at: DateTime<FixedOffset>,
    /// The text had no time of day: `at` is midnight in the zone.
    pub date_only: bool,
    /// Doubts worth telling the user, such as a weekday that does not match the date.
    pub warnings: Vec<String>,
}

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DateError {
    /// Nothing in it looks like a date.
    #[error("`{0}` is not a date kabar can read")]
    Unrecognized(String),
}

/// Reads a date field or header: the whole text is one date.
pub fn parse(
    text: &str,
    zone: Tz,
    retrieved: Option<DateTime<FixedOffset>>,
) -> Result<Parsed, DateError> {
    let _ = (zone, retrieved);
    Err(DateError::Unrecognized(text.to_string()))
}

/// Finds the first full date (day, month and year) in running prose, with its byte range.
pub fn find(text: &str, zone: Tz) -> Option<(Parsed, std::ops::Range<usize>)> {
    let _ = (text, zone);
    None
}
