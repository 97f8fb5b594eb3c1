//! Text hygiene applied to every field before any writer sees it.
//!
//! Neither `rss` nor `atom_syndication` refuses characters that XML 1.0 forbids, and one U+000B
//! in a title makes a whole feed unreadable, so they are stripped here, once, for every field.

use std::borrow::Cow;

/// Whether XML 1.0 allows a character in a document (its `Char` production).
pub fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The text without the characters XML 1.0 forbids.
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    if text.chars().all(xml_allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| xml_allowed(c)).collect())
    }
}

/// Zero-width characters that only get in the way of matching and of readers.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}')
}

/// One line of text: forbidden and invisible characters removed, every run of white space
/// (tabs, newlines, no-break spaces) made one space, trimmed.
pub fn line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if xml_allowed(c) && !invisible(c) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// A field as a single line, or `None` when nothing is left.
pub fn field(text: Option<&str>) -> Option<String> {
    text.map(line).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        let cases = [
            ("  Judul\tberita\n baru ", "Judul berita baru"),
            ("VIVA.co.id\u{a0}– Sekitar", "VIVA.co.id – Sekitar"),
            ("bad\u{b}char\u{0}s\u{1f}", "bad chars"), // U+000B is white space, U+0000 is not
            ("zero\u{200b}width", "zerowidth"),
            ("\u{feff}bom", "bom"),
            ("keep <b> &amp; ]]>", "keep <b> &amp; ]]>"),
            ("\u{fffe}\u{ffff}", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(line(input), expected, "{input:?}");
        }
    }

    #[test]
    fn xml_safety() {
        assert!(matches!(xml_safe("fine\ttext\n"), Cow::Borrowed(_)));
        assert_eq!(xml_safe("a\u{1}b\u{c}c\u{fffe}"), "abc");
        assert!(xml_allowed('😀'));
        assert!(!xml_allowed('\u{7}'));
    }
}
