//! The one type that travels from normalize to write: [`Article`].
//!
//! An `Article` is plain data and is exactly what `kabar normalize` prints as JSON. Dates keep the
//! offset the article was written in (`DateTime<FixedOffset>`), end to end: a Jakarta article stays
//! at `+07:00` in every feed, and RFC 2822 text exists only inside the RSS writer.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Serialize, Serializer};

/// A clean feed item, whatever file format it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// Stable identity: the article's own `id` field (json, md front matter, txt `ID:` header),
    /// else its link, else its path relative to the input folder (`#L<line>` added for JSON
    /// Lines). Never the title or the date, so that fixing a typo does not make a new item.
    pub id: String,
    /// The title field (`title:` in md/json, `Title:`/`Judul:` header or the first line in txt),
    /// with whitespace collapsed.
    pub title: String,
    /// The article's own URL (`link`/`url` in md/json, `URL:`/`Link:` header in txt).
    pub link: Option<String>,
    /// Publication date: the `date` field of md/json, the `Date:`/`Tanggal:` header in txt, else
    /// the first full date in the article's own text. `None` when there is none anywhere.
    #[serde(serialize_with = "rfc3339_opt")]
    pub published: Option<DateTime<FixedOffset>>,
    /// Where [`Article::published`] came from.
    pub published_from: Option<DateFrom>,
    /// [`Article::published`] was written without a time of day ("Jumat, 9 Desember 2016"): it
    /// stands at midnight in the configured zone.
    pub published_date_only: bool,
    /// The `updated` field of md/json, or the `Updated:`/`Diperbarui:` header in txt.
    #[serde(serialize_with = "rfc3339_opt")]
    pub updated: Option<DateTime<FixedOffset>>,
    /// BCP 47 tag: the article's own `lang`/`language` field, else detected from its text, else
    /// the configured feed language.
    pub language: Option<String>,
    /// `author`/`authors` fields, or the `Author:`/`Penulis:` header.
    pub authors: Vec<Person>,
    /// The outlet the article came from: the `source` field, else the outlet of its dateline.
    pub source: Option<Source>,
    /// Photo and media credits (`Sumber :` / `Foto :` blocks and their bullet lines).
    pub credits: Vec<String>,
    /// Agencies and outlets that the text cites ("seperti dilaporkan oleh Sputnik").
    pub citations: Vec<String>,
    /// Plain text: the `summary` field, else the lead without dateline, caption or credits.
    pub summary: String,
    /// The body as sanitized HTML, without the photo caption and credit block.
    pub content_html: String,
    /// `tags`/`categories` fields or the `Tags:`/`Kategori:` header, in their order, deduplicated.
    pub categories: Vec<String>,
    /// The lead photo: the `image` field or a leading Markdown image, with its caption and credit.
    pub image: Option<Image>,
    /// The file the article came from, as it was found.
    pub path: String,
    /// Every guess and every doubt the normalizer had, in words.
    pub warnings: Vec<String>,
}

/// Where a publication date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateFrom {
    /// An explicit date field or header.
    Metadata,
    /// The article's own prose (a dateline or a date in the lead paragraphs).
    Text,
}

/// An author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// The name as written.
    pub name: String,
    /// An e-mail address, when the input gives one (`Name <mail@example.org>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A home page, when the input gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}

/// The outlet an article came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Canonical name ("VIVA.co.id").
    pub name: String,
    /// The outlet's home page, from the outlet registry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The article's lead photo.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Image {
    /// Absolute URL, when the input gives one (txt files only describe the photo).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The photo caption.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// The photo credit, as written ("REUTERS/Hosam Katan").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// Size of the image file in bytes, when known (an `image_length` field, or a local file):
    /// what an RSS enclosure's `length` says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<u64>,
    /// The reference as the article wrote it, when it names a file next to the article rather
    /// than a URL (`img/banjir.jpg`, `/img/banjir.jpg`): the build measures that file for
    /// `length`. Not part of the article's normalized form.
    #[serde(skip)]
    pub local: Option<String>,
}

impl Article {
    /// The date a feed sorts and stamps this item by: its last update, else its publication.
    pub fn newest_date(&self) -> Option<DateTime<FixedOffset>> {
        match (self.updated, self.published) {
            (Some(u), Some(p)) => Some(u.max(p)),
            (u, p) => u.or(p),
        }
    }
}

/// A URL-safe, lowercase ASCII slug: letters and digits, runs of anything else made one `-`.
///
/// One function for every slug kabar makes — ids in item links, the folders of category and
/// source feeds, and the category URLs the writers put in `domain` and `scheme` — so that they
/// always agree.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Latin letters with diacritics as their base letter, so "Surabaya—Sidoarjo" and "Café"
/// give readable slugs.
fn fold(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => c,
    }
}

/// RFC 3339 with the article's own offset, `Z` for UTC, seconds fractions only when present.
pub fn rfc3339(at: &DateTime<FixedOffset>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn rfc3339_opt<S: Serializer>(at: &Option<DateTime<FixedOffset>>, s: S) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => s.serialize_str(&rfc3339(at)),
        None => s.serialize_none(),
    }
}
