//! Datelines. (Being written.)

/// The dateline that opens a lead paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The outlet as written ("VIVA.co.id", "KOMPAS.com", "Reuters").
    pub outlet: Option<String>,
    /// The place as written ("JAKARTA").
    pub place: Option<String>,
    /// Byte offset in the paragraph where the text after the dateline starts.
    pub end: usize,
}

/// Reads the dateline at the start of a paragraph, if it has one.
pub fn parse(paragraph: &str) -> Option<Dateline> {
    let _ = paragraph;
    None
}
