//! Citations. (Being written.)
use super::outlets::Outlets;

/// The outlets and agencies a text cites, canonical names, in order of first mention.
pub fn find(text: &str, outlets: &Outlets) -> Vec<String> {
    let _ = (text, outlets);
    Vec::new()
}
