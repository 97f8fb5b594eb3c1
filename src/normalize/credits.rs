//! Photo captions and credits. (Being written.)

/// A photo's caption and credits, read from a block of lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Photo {
    /// The caption lines before the credit marker, joined with spaces.
    pub caption: Option<String>,
    /// The credits, one per bullet line or after the marker.
    pub credits: Vec<String>,
}

/// Reads a block (lines separated by `\n`) that holds a photo caption and credit, if it is one.
pub fn photo_block(block: &str) -> Option<Photo> {
    let _ = block;
    None
}

/// Removes inline credits such as "(Foto: Reuters)" from a paragraph, returning them.
pub fn strip_inline(paragraph: &str) -> (String, Vec<String>) {
    (paragraph.to_string(), Vec::new())
}
