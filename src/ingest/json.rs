//! `.json` and `.jsonl` files. (Being written.)
use super::{Draft, Error, Origin};

/// Parses a JSON file: one article object or an array of them.
pub fn parse(text: &str, origin: &Origin) -> Vec<Result<Draft, Error>> {
    let _ = (text, origin);
    vec![Err(Error::Empty)]
}

/// Parses a JSON Lines file: one article object per line; blank lines are skipped.
pub fn parse_lines(text: &str, origin: &Origin) -> Vec<Result<Draft, Error>> {
    let _ = (text, origin);
    vec![Err(Error::Empty)]
}
