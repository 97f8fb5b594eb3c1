//! Summaries. (Being written.)

/// A plain-text summary of at most `max_chars` characters.
pub fn summarize(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}
