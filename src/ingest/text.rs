//! `.txt` files: the layout of a news page saved as plain text, as in the user's example.
//!
//! ```text
//! Tanggal: Jumat, 9 Desember 2016 | 14:32 WIB     <- optional header block, only at the top
//! Kategori: Dunia, Politik
//!                                                 <- a blank line ends the header block
//! Banjir Surut, Warga Kembali ke Rumah           <- the title line
//!
//! Warga membersihkan rumah mereka.               <- the body, from here to the end:
//! Sumber :                                           caption, credit block, paragraphs
//!   • NUSA FOTO/Agus Pratama
//!
//! KABARNUSA.co.id – Sekitar 800 warga ...
//! ```
//!
//! The rules, in order:
//!
//! - A header block is recognised only at the top of the file (after any blank lines), and only
//!   when its first line is a known key with a value: `Tanggal: …`, `Date : …`. The photo credit
//!   marker `Sumber :` has no value, so an article that starts with its caption block is never
//!   taken for a header, and neither is a title line (it has no known key before a colon).
//! - In the block, every `Key: value` line is read: keys are case-insensitive, spaces around the
//!   colon are allowed, an unknown key becomes a warning (``unknown header `Foo` ``), a known key
//!   without a value is ignored, and a repeated single-valued key keeps its first value (with a
//!   warning). The block ends at the first blank line, or at a line that is not `Key: value` (a
//!   title written right under the headers), which then counts as the first line after it.
//! - The title is the first non-blank line after the header block. When the header gave a
//!   `Title:`, that line is the title's copy only if it is equal to it (then it is skipped);
//!   otherwise the body starts right there: a file with a `Title:` header need not repeat it.
//! - The body is everything after the title line, without the blank lines around it, with CRLF
//!   and lone CR turned into LF. It is returned as written: the caption, the credit block and the
//!   dateline are the normalizer's business.
//!
//! Known limit: a headerless article whose title itself looks like a header (`Sumber: Harga BBM
//! Naik`) is read as a header block; nothing in the text can tell the two apart.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::{Body, Draft, Error, Origin};

/// What a header key fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Date,
    Updated,
    Authors,
    Link,
    Source,
    Categories,
    Language,
    Image,
    ImageLength,
    Id,
    Retrieved,
    Summary,
}

/// The header keys, lowercase: English and the Indonesian used by Indonesian news sites and by
/// `gen-corpus` (`Tanggal`, `Kategori`, `Penulis`).
const KEYS: &[(&str, Field)] = &[
    ("title", Field::Title),
    ("judul", Field::Title),
    ("date", Field::Date),
    ("tanggal", Field::Date),
    ("updated", Field::Updated),
    ("diperbarui", Field::Updated),
    ("author", Field::Authors),
    ("penulis", Field::Authors),
    ("url", Field::Link),
    ("link", Field::Link),
    ("source", Field::Source),
    ("sumber", Field::Source),
    ("tags", Field::Categories),
    ("kategori", Field::Categories),
    ("categories", Field::Categories),
    ("language", Field::Language),
    ("bahasa", Field::Language),
    ("image", Field::Image),
    ("gambar", Field::Image),
    ("image-length", Field::ImageLength),
    ("image_length", Field::ImageLength),
    ("ukuran-gambar", Field::ImageLength),
    ("id", Field::Id),
    ("retrieved", Field::Retrieved),
    ("diakses", Field::Retrieved),
    ("summary", Field::Summary),
    ("ringkasan", Field::Summary),
];

/// Parses a plain-text article.
pub fn parse(text: &str, origin: &Origin) -> Result<Draft, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    let text = unix_newlines(text);
    let mut draft = origin.draft();
    draft.line = Some(1);

    let mut rest: &str = &text;
    skip_blank_lines(&mut rest);
    if first_line(rest)
        .and_then(header)
        .is_some_and(|(key, value)| field_of(key).is_some() && !value.is_empty())
    {
        read_headers(&mut rest, &mut draft);
    }

    skip_blank_lines(&mut rest);
    match (&draft.title, first_line(rest)) {
        (Some(title), Some(line)) if line.trim() == title.as_str() => {
            next_line(&mut rest);
        }
        (Some(_), _) | (None, None) => {}
        (None, Some(line)) => {
            draft.title = Some(line.trim().to_string());
            next_line(&mut rest);
        }
    }

    skip_blank_lines(&mut rest);
    draft.body = Body::Text(rest.trim_end().to_string());
    Ok(draft)
}

/// Splits an author header or field into names: `Dewi Lubis, Budi Santoso`, `A; B`,
/// `Dewi Lubis dan Budi Santoso`, `Jane Doe and John Roe`, `A & B`.
///
/// Also used for a single author string in Markdown and JSON, so that one rule holds for every
/// format. `Name <mail>` survives: it holds none of the separators.
pub(super) fn split_authors(value: &str) -> Vec<String> {
    static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s*[,;]\s*|\s+(?:dan|and|&)\s+").expect("the separator pattern is valid")
    });
    SEPARATOR
        .split(value)
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(String::from)
        .collect()
}

/// Splits a category header or a tag string on commas: `Dunia, Politik`. Names are trimmed and
/// empty ones dropped; nothing else is cleaned here.
pub(super) fn split_categories(value: &str) -> Vec<String> {
    value.split(',').map(str::trim).filter(|name| !name.is_empty()).map(String::from).collect()
}

/// Reads the header block at the start of `rest`, leaving `rest` after it.
fn read_headers(rest: &mut &str, draft: &mut Draft) {
    while let Some(line) = first_line(rest) {
        if line.trim().is_empty() {
            break;
        }
        let Some((key, value)) = header(line) else {
            break;
        };
        next_line(rest);
        let Some(field) = field_of(key) else {
            draft.warnings.push(format!("unknown header `{key}`"));
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let slot = match field {
            Field::Authors => {
                draft.authors.extend(split_authors(value));
                continue;
            }
            Field::Categories => {
                draft.categories.extend(split_categories(value));
                continue;
            }
            Field::ImageLength => {
                match value.parse::<u64>() {
                    Ok(_) if draft.image_length.is_some() => draft
                        .warnings
                        .push(format!("header `{key}` given twice; the first is kept")),
                    Ok(bytes) => draft.image_length = Some(bytes),
                    Err(_) => draft.warnings.push(format!(
                        "header `{key}` should be a number of bytes, found `{value}`: ignored"
                    )),
                }
                continue;
            }
            Field::Title => &mut draft.title,
            Field::Date => &mut draft.date,
            Field::Updated => &mut draft.updated,
            Field::Link => &mut draft.link,
            Field::Source => &mut draft.source,
            Field::Language => &mut draft.language,
            Field::Image => &mut draft.image,
            Field::Id => &mut draft.id,
            Field::Retrieved => &mut draft.retrieved,
            Field::Summary => &mut draft.summary,
        };
        if slot.is_some() {
            draft.warnings.push(format!("header `{key}` given twice; the first is kept"));
        } else {
            *slot = Some(value.to_string());
        }
    }
}

/// A `Key: value` line, as (key, value), both trimmed. The key must look like one (letters,
/// spaces, `-`, `_`; at most 30 bytes), so that a title or a sentence with a colon is not taken
/// for a header.
fn header(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    let looks_like_a_key = !key.is_empty()
        && key.len() <= 30
        && key.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '_'));
    looks_like_a_key.then_some((key, value.trim()))
}

fn field_of(key: &str) -> Option<Field> {
    KEYS.iter().find(|(name, _)| name.eq_ignore_ascii_case(key)).map(|&(_, field)| field)
}

/// CRLF and lone CR as LF; borrowed when there is no CR at all (the usual case).
fn unix_newlines(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

fn first_line(rest: &str) -> Option<&str> {
    if rest.is_empty() {
        return None;
    }
    Some(rest.split_once('\n').map_or(rest, |(line, _)| line))
}

fn next_line(rest: &mut &str) {
    *rest = rest.split_once('\n').map_or("", |(_, after)| after);
}

fn skip_blank_lines(rest: &mut &str) {
    while first_line(rest).is_some_and(|line| line.trim().is_empty()) {
        next_line(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Draft {
        match parse(text, &Origin::default()) {
            Ok(draft) => draft,
            Err(e) => panic!("{text:?}: {e}"),
        }
    }

    fn body(draft: &Draft) -> &str {
        match &draft.body {
            Body::Text(text) => text,
            other => panic!("not a text body: {other:?}"),
        }
    }

    #[test]
    fn every_header_key_and_alias() {
        type Get = fn(&Draft) -> Option<String>;
        let title: Get = |d| d.title.clone();
        let date: Get = |d| d.date.clone();
        let updated: Get = |d| d.updated.clone();
        let link: Get = |d| d.link.clone();
        let source: Get = |d| d.source.clone();
        let language: Get = |d| d.language.clone();
        let image: Get = |d| d.image.clone();
        let id: Get = |d| d.id.clone();
        let retrieved: Get = |d| d.retrieved.clone();
        let summary: Get = |d| d.summary.clone();
        let image_length: Get = |d| d.image_length.map(|n| n.to_string());
        let authors: Get = |d| Some(d.authors.join("|"));
        let categories: Get = |d| Some(d.categories.join("|"));
        let cases: &[(&str, Get, &str)] = &[
            ("Title: Judul Satu", title, "Judul Satu"),
            ("Judul: Judul Satu", title, "Judul Satu"),
            ("Date: Fri, 09 Dec 2016 14:32:00 +0700", date, "Fri, 09 Dec 2016 14:32:00 +0700"),
            (
                "Tanggal: Jumat, 9 Desember 2016 | 14:32 WIB",
                date,
                "Jumat, 9 Desember 2016 | 14:32 WIB",
            ),
            ("Tanggal : 2016-12-09", date, "2016-12-09"),
            ("TANGGAL:2016-12-09", date, "2016-12-09"),
            ("Updated: 2016-12-10", updated, "2016-12-10"),
            ("Diperbarui: 2016-12-10", updated, "2016-12-10"),
            ("Author: Jane Doe", authors, "Jane Doe"),
            ("Penulis: Dewi Lubis", authors, "Dewi Lubis"),
            ("Penulis: Dewi Lubis, Budi Santoso", authors, "Dewi Lubis|Budi Santoso"),
            ("Penulis: Dewi Lubis; Budi Santoso", authors, "Dewi Lubis|Budi Santoso"),
            ("Penulis: Dewi Lubis dan Budi Santoso", authors, "Dewi Lubis|Budi Santoso"),
            ("Author: Jane Doe and John Roe", authors, "Jane Doe|John Roe"),
            ("Author: Jane Doe & John Roe, Ann Poe", authors, "Jane Doe|John Roe|Ann Poe"),
            ("Author: Jane Doe <jane@example.org>", authors, "Jane Doe <jane@example.org>"),
            ("URL: https://a.example/1", link, "https://a.example/1"),
            ("Link: https://a.example/1", link, "https://a.example/1"),
            ("Source: KABARNUSA.co.id", source, "KABARNUSA.co.id"),
            ("Sumber: KABARNUSA.co.id", source, "KABARNUSA.co.id"),
            ("Tags: Dunia, Politik", categories, "Dunia|Politik"),
            ("Kategori: Dunia", categories, "Dunia"),
            ("Categories: Dunia ,Politik,, ", categories, "Dunia|Politik"),
            ("Language: id", language, "id"),
            ("Bahasa: id", language, "id"),
            ("Image: https://a.example/1.jpg", image, "https://a.example/1.jpg"),
            ("Gambar: https://a.example/1.jpg", image, "https://a.example/1.jpg"),
            ("Image-Length: 48213", image_length, "48213"),
            ("Ukuran-Gambar: 48213", image_length, "48213"),
            ("ID: kabarnusa-839201", id, "kabarnusa-839201"),
            ("Retrieved: 2016-12-09 15:00", retrieved, "2016-12-09 15:00"),
            ("Diakses: 2016-12-09 15:00", retrieved, "2016-12-09 15:00"),
            ("Summary: Ribuan warga keluar.", summary, "Ribuan warga keluar."),
            ("Ringkasan: Ribuan warga keluar.", summary, "Ribuan warga keluar."),
        ];
        for (header, get, want) in cases {
            let draft = read(&format!("{header}\n\nJudul Satu\n\nIsi."));
            assert_eq!(get(&draft).as_deref(), Some(*want), "{header}");
            assert_eq!(draft.title.as_deref(), Some("Judul Satu"), "{header}");
            assert_eq!(body(&draft), "Isi.", "{header}");
            assert!(draft.warnings.is_empty(), "{header}: {:?}", draft.warnings);
        }
    }

    #[test]
    fn an_image_length_that_is_not_a_number_of_bytes_is_ignored_with_a_warning() {
        let draft =
            read("Image-Length: 48 KB\nImage-Length: 12\nImage-Length: 13\n\nJudul\n\nIsi.");
        assert_eq!(draft.image_length, Some(12));
        assert_eq!(
            draft.warnings,
            [
                "header `Image-Length` should be a number of bytes, found `48 KB`: ignored",
                "header `Image-Length` given twice; the first is kept"
            ]
        );
    }

    #[test]
    fn layouts() {
        // (input, title, date, body, warnings)
        type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a str, &'a [&'a str]);
        let cases: &[Case] = &[
            ("Judul\n\nIsi.", Some("Judul"), None, "Isi.", &[]),
            ("Judul\nIsi langsung.", Some("Judul"), None, "Isi langsung.", &[]),
            ("\n\n  Judul  \n\n\nIsi.\n\n", Some("Judul"), None, "Isi.", &[]),
            ("Judul", Some("Judul"), None, "", &[]),
            // A BOM is stripped by the caller; a stray one is tolerated anyway.
            ("\u{feff}Judul\n\nIsi.", Some("Judul"), None, "Isi.", &[]),
            // CRLF and lone CR become LF, in the body too.
            (
                "Tanggal: X\r\n\r\nJudul\r\n\r\nSatu.\r\n\r\nDua.\r\n",
                Some("Judul"),
                Some("X"),
                "Satu.\n\nDua.",
                &[],
            ),
            ("Judul\r\rSatu.\rDua.", Some("Judul"), None, "Satu.\nDua.", &[]),
            // The photo credit marker is not a header: no value.
            (
                "Sumber :\n  • NUSA FOTO/Agus Pratama\n\nIsi.",
                Some("Sumber :"),
                None,
                "  • NUSA FOTO/Agus Pratama\n\nIsi.",
                &[],
            ),
            (
                "Judul\n\nKeterangan.\nSumber :\n  • PIXNUSA/X\n\nIsi.",
                Some("Judul"),
                None,
                "Keterangan.\nSumber :\n  • PIXNUSA/X\n\nIsi.",
                &[],
            ),
            // A title with a colon but no known key is a title.
            ("Breaking: Gempa di Aceh\n\nIsi.", Some("Breaking: Gempa di Aceh"), None, "Isi.", &[]),
            (
                "Pukul 14:32 Warga Keluar\n\nIsi.",
                Some("Pukul 14:32 Warga Keluar"),
                None,
                "Isi.",
                &[],
            ),
            // Unknown keys inside a header block are warnings.
            (
                "Tanggal: X\nFoo: bar\n\nJudul\n\nIsi.",
                Some("Judul"),
                Some("X"),
                "Isi.",
                &["unknown header `Foo`"],
            ),
            // ...but an unknown key cannot open one.
            ("Foo: bar\nTanggal: X\n\nIsi.", Some("Foo: bar"), None, "Tanggal: X\n\nIsi.", &[]),
            (
                "Tanggal: X\nTanggal: Y\n\nJudul",
                Some("Judul"),
                Some("X"),
                "",
                &["header `Tanggal` given twice; the first is kept"],
            ),
            ("Tanggal: X\nPenulis:\n\nJudul", Some("Judul"), Some("X"), "", &[]),
            // A title right under the headers ends the block.
            (
                "Tanggal: X\nJudul Tanpa Jeda\n\nIsi.",
                Some("Judul Tanpa Jeda"),
                Some("X"),
                "Isi.",
                &[],
            ),
            // The header block is only at the top.
            ("Judul\n\nTanggal: X\n\nIsi.", Some("Judul"), None, "Tanggal: X\n\nIsi.", &[]),
            // A Title header: a repeated title line is skipped; otherwise the body starts at once.
            ("Judul: Satu\n\nSatu\n\nIsi.", Some("Satu"), None, "Isi.", &[]),
            ("Judul: Satu\n\n Satu \nIsi.", Some("Satu"), None, "Isi.", &[]),
            (
                "Judul: Satu\n\nIsi pertama.\n\nIsi kedua.",
                Some("Satu"),
                None,
                "Isi pertama.\n\nIsi kedua.",
                &[],
            ),
            ("Judul: Satu", Some("Satu"), None, "", &[]),
            // Headers but no title line at all.
            ("Tanggal: X\n\n\n", None, Some("X"), "", &[]),
        ];
        for (input, title, date, want_body, warnings) in cases {
            let draft = read(input);
            assert_eq!(draft.title.as_deref(), *title, "{input:?}");
            assert_eq!(draft.date.as_deref(), *date, "{input:?}");
            assert_eq!(body(&draft), *want_body, "{input:?}");
            assert_eq!(&draft.warnings, warnings, "{input:?}");
            assert_eq!(draft.line, Some(1), "{input:?}");
        }
    }

    #[test]
    fn empty_text_is_an_error() {
        for input in ["", "\n\n", " \r\n\t", "\u{feff}"] {
            assert!(matches!(parse(input, &Origin::default()), Err(Error::Empty)), "{input:?}");
        }
    }

    #[test]
    fn origin_is_carried() {
        let modified = Some(std::time::SystemTime::UNIX_EPOCH);
        let origin = Origin::new("in".as_ref(), "in/a.txt".into(), modified, 5);
        let draft = parse("Judul", &origin).unwrap_or_default();
        assert_eq!(draft.path, origin.path);
        assert_eq!(draft.rel_path, "a.txt");
        assert_eq!(draft.modified, origin.modified);
        assert_eq!(draft.part, None);
    }

    #[test]
    fn splitting_names() {
        let cases: &[(&str, &[&str])] = &[
            ("Dewi Lubis", &["Dewi Lubis"]),
            ("  Dewi Lubis  ", &["Dewi Lubis"]),
            ("A, B; C dan D and E & F", &["A", "B", "C", "D", "E", "F"]),
            ("Dandi Andara", &["Dandi Andara"]),
            ("AT&T Desk", &["AT&T Desk"]),
            ("A,,B,", &["A", "B"]),
            ("", &[]),
        ];
        for (input, want) in cases {
            assert_eq!(&split_authors(input), want, "{input:?}");
        }
        assert_eq!(split_categories(" Dunia , Politik ,"), ["Dunia", "Politik"]);
    }

    /// The user's example: no header, the title on the first line, the body from the caption.
    #[test]
    fn the_seed_article() {
        let path = std::path::Path::new("../shared/seeds/000_53a2c289ee57cd07.txt");
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("skipped: {} is absent", path.display());
            return;
        };
        let draft = read(&text);
        assert_eq!(draft.title.as_deref(), Some("Ribuan Warga Sipil Aleppo Berhasil Dievakuasi"));
        assert_eq!(draft.date, None);
        assert!(draft.authors.is_empty() && draft.categories.is_empty());
        assert!(draft.warnings.is_empty());
        // The body starts with the caption (the file's third line) and runs to the end.
        let caption = text.lines().nth(2).unwrap_or_default();
        assert!(caption.len() > 20);
        assert!(body(&draft).starts_with(&format!("{caption}\nSumber :\n")));
        assert!(text.ends_with(body(&draft)));
    }
}
