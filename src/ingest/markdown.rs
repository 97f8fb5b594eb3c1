//! `.md` files. (Being written.)
use super::{Draft, Error, Origin};

/// Parses a Markdown article with front matter.
pub fn parse(text: &str, origin: &Origin) -> Result<Draft, Error> {
    let _ = (text, origin);
    Err(Error::Empty)
}
