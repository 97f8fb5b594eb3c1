//! `.txt` files. (Being written.)
use super::{Draft, Error, Origin};

/// Parses a plain-text article.
pub fn parse(text: &str, origin: &Origin) -> Result<Draft, Error> {
    let _ = (text, origin);
    Err(Error::Empty)
}
