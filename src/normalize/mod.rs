//! Turning a [`Draft`] into an [`Article`]: the heart of kabar.
//!
//! Pure functions: no I/O, no clock, and no branching on the input format. The steps, in order:
//!
//! 1. Title: the title field, entities decoded, whitespace collapsed, and a trailing
//!    " - Outlet" / " | Outlet" removed when it names the article's source; an article without a
//!    title is rejected.
//! 2. Body: split into blocks ([`body`]); the leading photo blocks (caption and credit block,
//!    or a Markdown image with its credit line) become [`Article::image`] and
//!    [`Article::credits`] and leave the content and the summary ([`credits`]).
//! 3. Dateline: the first paragraph's dateline gives the outlet ([`dateline`]), resolved through
//!    the outlet registry ([`outlets`]); an explicit `source` field wins.
//! 4. Dates ([`date`]): the publication date is, in order, the date field or header
//!    (`published_from: "metadata"`), else the first full date (day, month and year) in the first
//!    three paragraphs (`published_from: "text"`), else none. A date field that cannot be read
//!    rejects the article; a relative date ("2 jam yang lalu") counts from the `retrieved` field,
//!    and without one it is a warning and no date.
//! 5. Summary ([`summary`]): the summary field, else the lead paragraph without its dateline.
//! 6. Citations ([`citations`]) over the prose, without the article's own outlet.
//! 7. Language ([`language`]): the field, else detected, else the configured language.
//! 8. Identity ([`identity`]): the id field, else the link, else the relative path.
//! 9. Content: the kept blocks' HTML, with a figure for an image that has a URL, sanitized with
//!    `ammonia` and relative URLs made absolute against the article's link or the feed's link.
//!
//! Every string is cleaned of characters that XML 1.0 forbids ([`clean`]).

pub mod body;
pub mod citations;
pub mod clean;
pub mod credits;
pub mod date;
pub mod dateline;
pub mod identity;
pub mod language;
pub mod outlets;
pub mod summary;
pub mod words;

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use url::Url;

use crate::config::{Settings, is_language_tag};
use crate::ingest::Draft;
use crate::model::{Article, DateFrom, Image, Person, Source};
use body::Block;
use outlets::Outlets;

/// Why a draft cannot become an article.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// No title anywhere.
    #[error("the article has no title: give it a title field or a first line")]
    NoTitle,
    /// A date field that is there but cannot be read.
    #[error("field `{field}`: {source}")]
    Date {
        /// `date`, `updated` or `retrieved`.
        field: &'static str,
        /// What the date parser said.
        source: date::DateError,
    },
}

/// What [`Normalizer::head_for`] makes beyond the head proper, for the `[[feeds]]` filters that
/// look at an article's language or summary: each costs a little, and only a run whose filters
/// need it pays for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extras {
    /// Make [`Head::language`] (detecting it from the text when the article gives none).
    pub language: bool,
    /// Make [`Head::summary`].
    pub summary: bool,
}

/// What selection needs of an article: see [`Normalizer::head`].
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    /// See [`Article::id`].
    pub id: String,
    /// See [`Article::title`].
    pub title: String,
    /// See [`Article::link`].
    pub link: Option<String>,
    /// See [`Article::published`].
    pub published: Option<date::Parsed>,
    /// See [`Article::published_from`].
    pub published_from: Option<DateFrom>,
    /// See [`Article::updated`].
    pub updated: Option<date::Parsed>,
    /// See [`Article::source`].
    pub source: Option<Source>,
    /// See [`Article::categories`].
    pub categories: Vec<String>,
    /// See [`Article::authors`].
    pub authors: Vec<Person>,
    /// See [`Article::language`]; only when [`Extras::language`] asks for it, else `None`.
    pub language: Option<String>,
    /// See [`Article::summary`]; only when [`Extras::summary`] asks for it, else `None`.
    pub summary: Option<String>,
    /// Doubts so far.
    pub warnings: Vec<String>,
}

/// The body, read into blocks.
struct Prose {
    blocks: Vec<Block>,
    photo: Option<Photo>,
    paragraphs: Vec<String>,
    dateline: Option<dateline::Dateline>,
    warnings: Vec<String>,
}

/// Everything normalizing needs from the configuration, built once per run.
#[derive(Debug, Clone)]
pub struct Normalizer {
    zone: Tz,
    max_chars: usize,
    language: Option<String>,
    item_link: Option<String>,
    feed_link: Option<Url>,
    outlets: Outlets,
}

impl Normalizer {
    /// A normalizer for the given settings.
    pub fn new(settings: &Settings) -> Normalizer {
        let mut outlets = Outlets::builtin();
        for source in &settings.sources {
            outlets.add(outlets::Outlet {
                name: source.name.clone(),
                url: source.url.clone(),
                aliases: source.aliases.clone(),
            });
        }
        Normalizer {
            zone: settings.timezone,
            max_chars: settings.summary_max_chars,
            language: settings.feed.language.clone(),
            item_link: settings.item_link.clone(),
            feed_link: Url::parse(&settings.feed.link).ok(),
            outlets,
        }
    }

    /// What selection needs of a draft — id, title, link, dates, source, categories, authors —
    /// without the expensive steps (HTML, sanitizing, summary, citations, language), which only
    /// the items that a feed will show pay for. Gives the same values as [`Normalizer::article`].
    pub fn head(&self, draft: &Draft) -> Result<Head, Error> {
        self.head_for(draft, Extras::default())
    }

    /// [`Normalizer::head`], and the language or summary too when `extras` asks: what the
    /// `[[feeds]]` filters of a run look at. They too are the values [`Normalizer::article`]
    /// gives, made from the text only as far as they need it.
    pub fn head_for(&self, draft: &Draft, extras: Extras) -> Result<Head, Error> {
        let mut prose = None;
        let mut head = self.head_with(draft, &mut prose)?;
        if extras.summary {
            head.summary = Some(match clean::field(draft.summary.as_deref()) {
                Some(field) => summary::summarize(&field, self.max_chars),
                None => {
                    let prose = prose.get_or_insert_with(|| self.prose(draft, false));
                    summary::summarize(&lead(prose).0, self.max_chars)
                }
            });
        }
        if extras.language {
            let prose = prose.get_or_insert_with(|| self.prose(draft, false));
            let text = prose.paragraphs.join("\n\n");
            head.language = self.language(draft, &head.title, &text, &mut head.warnings);
        }
        Ok(head)
    }

    /// The canonical name of an outlet as articles' sources carry it: the registry's (and
    /// `[[sources]]`') name for a known name or alias, else the name as given.
    pub fn outlet_name(&self, name: &str) -> String {
        self.source(name).name
    }

    /// Normalizes one draft.
    pub fn article(&self, draft: &Draft) -> Result<Article, Error> {
        let mut prose = Some(self.prose(draft, true));
        let Head {
            id,
            title,
            link,
            published,
            published_from,
            updated,
            source,
            categories,
            authors,
            language: _,
            summary: _,
            mut warnings,
        } = self.head_with(draft, &mut prose)?;
        let prose = prose.unwrap_or_else(|| self.prose(draft, true));
        let (lead_clean, inline_credits) = lead(&prose);
        let Prose { blocks, photo, paragraphs, dateline: _, warnings: prose_warnings } = prose;
        warnings.extend(prose_warnings);

        // Summary, citations, language.
        let summary = match clean::field(draft.summary.as_deref()) {
            Some(s) => summary::summarize(&s, self.max_chars),
            None => summary::summarize(&lead_clean, self.max_chars),
        };
        let prose_text = paragraphs.join("\n\n");
        let own = source.as_ref().map(|s| s.name.to_lowercase());
        let citations = citations::find(&prose_text, &self.outlets)
            .into_iter()
            .filter(|c| Some(c.to_lowercase()) != own)
            .collect();
        let language = self.language(draft, &title, &prose_text, &mut warnings);

        let mut credits = photo.as_ref().map(|p| p.credits.clone()).unwrap_or_default();
        for c in inline_credits {
            if !credits.contains(&c) {
                credits.push(c);
            }
        }
        let image = photo
            .map(|p| p.image)
            .filter(|i| i.url.is_some() || i.caption.is_some() || i.credit.is_some());
        let content_html = self.content(&blocks, image.as_ref(), link.as_deref());

        Ok(Article {
            id,
            title,
            link,
            published_date_only: published.as_ref().is_some_and(|p| p.date_only),
            published: published.map(|p| p.at),
            published_from,
            updated: updated.map(|p| p.at),
            language,
            authors,
            source,
            credits,
            citations,
            summary,
            content_html,
            categories,
            image,
            path: draft.path.display().to_string(),
            warnings,
        })
    }

    /// The head of an article; the prose is made only when a step needs it (no source field, or
    /// no date field), and kept in `prose` for the caller.
    fn head_with(&self, draft: &Draft, prose: &mut Option<Prose>) -> Result<Head, Error> {
        let mut warnings = draft.warnings.clone();
        let title =
            draft.title.as_deref().map(|t| html_escape::decode_html_entities(t).into_owned());
        let title = clean::field(title.as_deref()).ok_or(Error::NoTitle)?;

        let link =
            clean::field(draft.link.as_deref()).and_then(|l| self.absolute(&l, &mut warnings));
        let id = identity::id(draft, clean::field(draft.id.as_deref()).as_deref(), link.as_deref());
        let link = link.or_else(|| self.item_link.as_deref().map(|t| identity::item_link(t, &id)));

        let source = match clean::field(draft.source.as_deref()) {
            Some(name) => Some(self.source(&name)),
            None => {
                let prose = prose.get_or_insert_with(|| self.prose(draft, false));
                prose.dateline.as_ref().and_then(|d| d.outlet.as_deref()).map(|n| self.source(n))
            }
        };
        let title = self.without_outlet_suffix(title, source.as_ref());

        let retrieved =
            self.date_field("retrieved", draft.retrieved.as_deref(), None, &mut warnings)?;
        let retrieved = retrieved.map(|p| p.at);
        let mut published =
            self.date_field("date", draft.date.as_deref(), retrieved, &mut warnings)?;
        let mut published_from = published.as_ref().map(|_| DateFrom::Metadata);
        if published.is_none() {
            let prose = prose.get_or_insert_with(|| self.prose(draft, false));
            let lead_paragraphs = prose.paragraphs.iter().take(TEXT_DATE_PARAGRAPHS);
            if let Some(found) = lead_paragraphs.into_iter().find_map(|p| date::find(p, self.zone))
            {
                warnings.push(format!(
                    "no date field: took `{}` from the text",
                    crate::model::rfc3339(&found.0.at)
                ));
                warnings.extend(found.0.warnings.iter().cloned());
                published = Some(found.0);
                published_from = Some(DateFrom::Text);
            }
        }
        let updated =
            self.date_field("updated", draft.updated.as_deref(), retrieved, &mut warnings)?;
        Ok(Head {
            id,
            title,
            link,
            published,
            published_from,
            updated,
            source,
            categories: categories(&draft.categories),
            authors: draft.authors.iter().filter_map(|a| person(a)).collect(),
            language: None,
            summary: None,
            warnings,
        })
    }

    /// The body as blocks, without its leading photo blocks, and the dateline of its lead.
    fn prose(&self, draft: &Draft, html: bool) -> Prose {
        let mut warnings = Vec::new();
        let mut blocks = body::blocks(&draft.body, html);
        let photo = self.take_photo(&mut blocks, draft, &mut warnings);
        // The head needs only the lead, the paragraphs a date is looked for in, and enough
        // text for language detection to read what it would read of the whole.
        let paragraphs: Vec<String> = match html {
            true => blocks.iter().map(|b| clean::line(&b.text)).collect(),
            false => {
                let mut chars = 0;
                let mut paragraphs = Vec::new();
                for block in &blocks {
                    if paragraphs.len() >= TEXT_DATE_PARAGRAPHS && chars >= LANGUAGE_SAMPLE {
                        break;
                    }
                    let paragraph = clean::line(&block.text);
                    chars += paragraph.chars().count() + "\n\n".len();
                    paragraphs.push(paragraph);
                }
                paragraphs
            }
        };
        let lead = paragraphs.first().map(String::as_str).unwrap_or("");
        let dateline = dateline::parse_with(lead, &self.outlets);
        Prose { blocks, photo, paragraphs, dateline, warnings }
    }

    /// Reads a date field; a relative date without a retrieval time becomes a warning.
    fn date_field(
        &self,
        field: &'static str,
        text: Option<&str>,
        retrieved: Option<DateTime<FixedOffset>>,
        warnings: &mut Vec<String>,
    ) -> Result<Option<date::Parsed>, Error> {
        let Some(text) = clean::field(text) else { return Ok(None) };
        match date::parse(&text, self.zone, retrieved) {
            Ok(parsed) => {
                warnings.extend(parsed.warnings.iter().map(|w| format!("field `{field}`: {w}")));
                Ok(Some(parsed))
            }
            Err(source) if source.needs_retrieval() => {
                warnings.push(format!("field `{field}`: {source}"));
                Ok(None)
            }
            Err(source) => Err(Error::Date { field, source }),
        }
    }

    /// Removes the leading photo blocks and reads the photo they describe.
    fn take_photo(
        &self,
        blocks: &mut Vec<Block>,
        draft: &Draft,
        warnings: &mut Vec<String>,
    ) -> Option<Photo> {
        let mut photo = Photo::default();
        let mut found = false;
        if let Some(url) = clean::field(draft.image.as_deref()) {
            photo.image.url = self.absolute(&url, warnings);
            photo.image.local = local_reference(&url);
            photo.image.length = draft.image_length;
            found = true;
        }
        // A photo block is one of the first two blocks: an image, a caption with a credit block,
        // or a credit line right after an image.
        let mut taken = 0;
        while taken < 2 && taken < blocks.len() {
            let block = &blocks[taken];
            let credit_block = credits::photo_block(&block.text);
            if block.image.is_none() && credit_block.is_none() {
                break;
            }
            if let Some((url, alt)) = &block.image {
                if photo.image.url.is_none() {
                    photo.image.url = self.absolute(url, warnings);
                    photo.image.local = local_reference(url);
                }
                if photo.image.caption.is_none() {
                    photo.image.caption = clean::field(Some(alt));
                }
            }
            if let Some(c) = credit_block {
                if photo.image.caption.is_none() {
                    photo.image.caption = clean::field(c.caption.as_deref());
                }
                photo.credits.extend(c.credits.iter().filter_map(|s| clean::field(Some(s))));
            } else if !block.text.trim().is_empty() {
                // An image followed by prose in the same block: keep the block as content.
                break;
            }
            taken += 1;
            found = true;
        }
        blocks.drain(..taken);
        photo.image.credit = (!photo.credits.is_empty()).then(|| photo.credits.join(", "));
        found.then_some(photo)
    }

    /// "Judul Berita - VIVA" → "Judul Berita" when the suffix names the article's outlet.
    fn without_outlet_suffix(&self, title: String, source: Option<&Source>) -> String {
        let Some(source) = source else { return title };
        for separator in [" - ", " | ", " – ", " — ", " :: "] {
            if let Some((head, tail)) = title.rsplit_once(separator) {
                let names_source = tail.trim().eq_ignore_ascii_case(&source.name)
                    || self.outlets.resolve(tail.trim()).is_some_and(|o| o.name == source.name);
                if names_source && !head.trim().is_empty() {
                    return head.trim().to_string();
                }
            }
        }
        title
    }

    fn source(&self, name: &str) -> Source {
        match self.outlets.resolve(name) {
            Some(o) => Source { name: o.name.clone(), url: o.url.clone() },
            None => Source { name: name.to_string(), url: None },
        }
    }

    fn language(
        &self,
        draft: &Draft,
        title: &str,
        prose: &str,
        warnings: &mut Vec<String>,
    ) -> Option<String> {
        if let Some(lang) = clean::field(draft.language.as_deref()) {
            if is_language_tag(&lang) {
                return Some(lang);
            }
            warnings.push(format!(
                "field `language`: `{lang}` is not a language tag such as `id` or `en`"
            ));
        }
        let sample: String = std::iter::once(title)
            .chain(std::iter::once(prose))
            .flat_map(str::chars)
            .take(LANGUAGE_SAMPLE)
            .collect();
        match language::detect(&sample) {
            Some(tag) => Some(tag.to_string()),
            None => self.language.clone(),
        }
    }

    /// An absolute http(s) URL, resolving a relative one against the feed's link.
    fn absolute(&self, url: &str, warnings: &mut Vec<String>) -> Option<String> {
        let parsed = match Url::parse(url) {
            Ok(u) => Some(u),
            Err(url::ParseError::RelativeUrlWithoutBase) => {
                self.feed_link.as_ref().and_then(|b| b.join(url).ok())
            }
            Err(_) => None,
        };
        match parsed {
            Some(u) if crate::check::is_http_url(u.as_str()) => Some(u.to_string()),
            _ => {
                warnings.push(format!("`{url}` is not a usable http(s) URL: left out"));
                None
            }
        }
    }

    fn content(&self, blocks: &[Block], image: Option<&Image>, link: Option<&str>) -> String {
        let mut html = String::new();
        if let Some(Image { url: Some(url), caption, credit, .. }) = image {
            let alt = caption.as_deref().unwrap_or("");
            html.push_str(&format!(
                "<figure><img src=\"{}\" alt=\"{}\">",
                html_escape::encode_double_quoted_attribute(url),
                html_escape::encode_double_quoted_attribute(alt)
            ));
            let text = match (caption, credit) {
                (Some(c), Some(f)) => format!("{c} ({f})"),
                (Some(c), None) => c.clone(),
                (None, Some(f)) => f.clone(),
                (None, None) => String::new(),
            };
            if !text.is_empty() {
                html.push_str(&format!(
                    "<figcaption>{}</figcaption>",
                    html_escape::encode_text(&text)
                ));
            }
            html.push_str("</figure>\n");
        }
        for block in blocks {
            html.push_str(&block.html);
            if !block.html.ends_with('\n') {
                html.push('\n');
            }
        }
        let base = link.and_then(|l| Url::parse(l).ok()).or_else(|| self.feed_link.clone());
        let mut sanitizer = ammonia::Builder::default();
        sanitizer.add_tags(["figure", "figcaption"]).link_rel(Some("noopener"));
        if let Some(base) = base {
            sanitizer.url_relative(ammonia::UrlRelative::RewriteWithBase(base));
        }
        let clean = sanitizer.clean(&clean::xml_safe(&html)).to_string();
        clean.trim().to_string()
    }
}

/// How many paragraphs from the top a text-only article's date is looked for in: far enough for
/// a date in the second or third paragraph ("... pada Jumat, 9 Desember 2016"), not so far that a
/// historical date deep in the story is taken for the publication date.
const TEXT_DATE_PARAGRAPHS: usize = 3;

/// How many characters of title and text language detection reads: whatlang's trigram
/// statistics are settled well before this, and its cost grows with the text.
const LANGUAGE_SAMPLE: usize = 400;

/// The photo of the leading blocks.
#[derive(Debug, Default)]
struct Photo {
    image: Image,
    credits: Vec<String>,
}

/// A reference to a file rather than a URL: no scheme, not `//host/…`. Returned as written; the
/// build resolves it ([`crate::ingest::Origin::resolve`]) and measures the file.
fn local_reference(reference: &str) -> Option<String> {
    let reference = reference.trim();
    let relative = matches!(Url::parse(reference), Err(url::ParseError::RelativeUrlWithoutBase));
    (relative && !reference.starts_with("//")).then(|| reference.to_string())
}

/// The lead paragraph as the summary reads it, without its dateline and inline credits, and
/// those credits.
fn lead(prose: &Prose) -> (String, Vec<String>) {
    let lead = prose.paragraphs.first().map(String::as_str).unwrap_or("");
    let lead_text = match &prose.dateline {
        Some(d) => lead.get(d.end..).unwrap_or(lead),
        None => lead,
    };
    credits::strip_inline(lead_text)
}

/// "Name <mail@example.org>" or a plain name.
fn person(text: &str) -> Option<Person> {
    let text = clean::line(text);
    if let Some((name, rest)) = text.split_once('<')
        && let Some(email) = rest.strip_suffix('>')
    {
        let name = name.trim();
        let email = email.trim();
        if email.contains('@') && !name.is_empty() {
            return Some(Person {
                name: name.to_string(),
                email: Some(email.to_string()),
                uri: None,
            });
        }
    }
    if text.is_empty() {
        return None;
    }
    Some(Person { name: text, email: None, uri: None })
}

/// Categories cleaned, in order, without repeats (ignoring case).
fn categories(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let name = clean::line(name);
        if !name.is_empty() && !out.iter().any(|o| o.to_lowercase() == name.to_lowercase()) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Body;

    fn normalizer() -> Normalizer {
        let settings = Settings::parse(
            "[feed]\nlink = \"https://example.org/\"\nlanguage = \"id\"\ntimezone = \"Asia/Jakarta\"\n\
             [[sources]]\nname = \"Warta Pesisir\"\nurl = \"https://warta.example.org/\"\n",
            std::path::Path::new("t.toml"),
            std::path::Path::new("."),
        )
        .unwrap();
        Normalizer::new(&settings)
    }

    fn draft(title: &str, body: &str) -> Draft {
        Draft {
            rel_path: "a.txt".into(),
            title: Some(title.into()),
            body: Body::Text(body.into()),
            ..Draft::default()
        }
    }

    #[test]
    fn titles() {
        let n = normalizer();
        let cases = [
            ("Banjir &amp; Longsor di Garut", "", "Banjir & Longsor di Garut"),
            ("  Judul\tdengan   spasi ", "", "Judul dengan spasi"),
            ("Harga Naik - Warta Pesisir", "Warta Pesisir - Isi.", "Harga Naik"),
            ("Harga Naik | warta pesisir", "Warta Pesisir - Isi.", "Harga Naik"),
            ("Harga Naik - Kata Menteri", "Warta Pesisir - Isi.", "Harga Naik - Kata Menteri"),
            ("Perang - Damai", "", "Perang - Damai"),
            ("<b>Tebal</b> ]]>", "", "<b>Tebal</b> ]]>"),
        ];
        for (title, body, expected) in cases {
            assert_eq!(n.article(&draft(title, body)).unwrap().title, expected, "{title:?}");
        }
        assert_eq!(n.article(&draft(" \u{b} ", "Isi.")), Err(Error::NoTitle));
    }

    #[test]
    fn dates_and_where_they_came_from() {
        let n = normalizer();
        let at = |a: &Article| a.published.map(|d| crate::model::rfc3339(&d));
        let mut d = draft("T", "Isi.\n\nPada Jumat, 9 Desember 2016 warga pulang.");
        let a = n.article(&d).unwrap();
        assert_eq!(
            (at(&a).as_deref(), a.published_from),
            (Some("2016-12-09T00:00:00+07:00"), Some(DateFrom::Text))
        );

        d.date = Some("Kamis, 9 Desember 2016 | 14:32 WIB".into());
        let a = n.article(&d).unwrap();
        assert_eq!(
            (at(&a).as_deref(), a.published_from),
            (Some("2016-12-09T14:32:00+07:00"), Some(DateFrom::Metadata))
        );
        assert!(
            a.warnings.iter().any(|w| w.contains("weekday `Kamis` does not match 2016-12-09")),
            "{:?}",
            a.warnings
        );

        d.date = Some("2 jam yang lalu".into());
        let a = n.article(&d).unwrap();
        assert_eq!(a.published_from, Some(DateFrom::Text), "a relative date alone is no date");
        assert!(a.warnings.iter().any(|w| w.starts_with("field `date`")), "{:?}", a.warnings);

        d.retrieved = Some("2024-05-01T12:00:00+07:00".into());
        let a = n.article(&d).unwrap();
        assert_eq!(at(&a).as_deref(), Some("2024-05-01T10:00:00+07:00"));

        d.date = Some("31 Februari 2017".into());
        let err = n.article(&d).unwrap_err();
        assert!(err.to_string().starts_with("field `date`: `31 Februari 2017`"), "{err}");
    }

    #[test]
    fn languages() {
        let n = normalizer();
        let english = "The ferry began service on Tuesday, cutting the trip for traders who bring the morning catch to the city markets.";
        let mut d = draft("Ferry", english);
        assert_eq!(n.article(&d).unwrap().language.as_deref(), Some("en"));
        d.language = Some("ms".into());
        assert_eq!(n.article(&d).unwrap().language.as_deref(), Some("ms"));
        d.language = Some("Bahasa Melayu".into());
        let a = n.article(&d).unwrap();
        assert_eq!(a.language.as_deref(), Some("en"));
        assert!(a.warnings[0].contains("`Bahasa Melayu` is not a language tag"));
        // Too little text to tell: the feed's language.
        assert_eq!(n.article(&draft("OK", "Ya.")).unwrap().language.as_deref(), Some("id"));
    }

    /// What `[[feeds]]` filters read at index time must be what the feeds then carry.
    #[test]
    fn the_head_with_extras_agrees_with_the_article() {
        let n = normalizer();
        let english = "The ferry began service on Tuesday, cutting the trip for traders who bring the morning catch to the city markets.";
        // Three short lines first: language detection reads past the paragraphs a date is
        // looked for in.
        let late = format!("Ya.\n\nOK.\n\nNo.\n\n{english}\n\n{english}");
        let mut cases = vec![
            draft("Ferry", english),
            draft("Kapal", &late),
            draft("Banjir", "Warta Pesisir - Banjir merendam desa (Foto: Antara).\n\nDua."),
            draft("Pendek", "Ya."),
            draft("Kosong", ""),
        ];
        let mut with_fields = draft("Ferry", english);
        with_fields.summary = Some("Ringkasan sendiri yang cukup panjang.".into());
        with_fields.language = Some("ms".into());
        with_fields.authors = vec!["Ani <ani@example.org>".into(), "Budi".into()];
        cases.push(with_fields);
        let mut bad_language = draft("Ferry", &late);
        bad_language.language = Some("Inggris".into());
        cases.push(bad_language);
        let both = Extras { language: true, summary: true };
        for d in &cases {
            let article = n.article(d).unwrap();
            let head = n.head_for(d, both).unwrap();
            let got = (head.language, head.summary.as_deref(), head.authors);
            let expected = (article.language, Some(article.summary.as_str()), article.authors);
            assert_eq!(got, expected, "{:?}", d.title);
            let plain = n.head(d).unwrap();
            assert_eq!((plain.language, plain.summary), (None, None), "only when asked for");
        }
        assert_eq!(n.head_for(&cases[1], both).unwrap().language.as_deref(), Some("en"));
        assert_eq!(n.outlet_name("warta pesisir"), "Warta Pesisir");
        assert_eq!(n.outlet_name("Koran Lain"), "Koran Lain");
    }

    #[test]
    fn an_image_that_names_a_file_keeps_the_reference_for_the_build_to_measure() {
        let n = normalizer();
        // (image field, the URL in feeds, the local reference)
        let cases = [
            ("img/banjir.jpg", "https://example.org/img/banjir.jpg", Some("img/banjir.jpg")),
            (
                "/img/a%20b.jpg?v=2",
                "https://example.org/img/a%20b.jpg?v=2",
                Some("/img/a%20b.jpg?v=2"),
            ),
            ("https://cdn.example/a.jpg", "https://cdn.example/a.jpg", None),
            ("//cdn.example/a.jpg", "https://cdn.example/a.jpg", None),
        ];
        for (field, url, local) in cases {
            let mut d = draft("T", "Isi.");
            d.image = Some(field.into());
            d.image_length = Some(48213);
            let image = n.article(&d).unwrap().image.unwrap();
            assert_eq!(image.url.as_deref(), Some(url), "{field}");
            assert_eq!(image.local.as_deref(), local, "{field}");
            assert_eq!(image.length, Some(48213), "{field}");
        }
        let mut d = draft("T", "Isi.");
        d.body = Body::Markdown("![Banjir](foto/banjir.jpg)\n\nIsi.".into());
        let image = n.article(&d).unwrap().image.unwrap();
        assert_eq!((image.local.as_deref(), image.length), (Some("foto/banjir.jpg"), None));
    }

    #[test]
    fn photo_blocks_leave_content_and_summary() {
        let n = normalizer();
        let d = draft(
            "T",
            "Warga mengungsi.\nSumber :\n  • Warta Pesisir/Ani\n\nJAKARTA, Warta Pesisir - Lead di sini (Foto: Antara).\n\nSeperti dilansir Reuters, dua.",
        );
        let a = n.article(&d).unwrap();
        assert_eq!(a.credits, ["Warta Pesisir/Ani", "Antara"]);
        assert_eq!(a.image.as_ref().and_then(|i| i.caption.as_deref()), Some("Warga mengungsi."));
        assert_eq!(
            a.source.as_ref().map(|s| s.url.as_deref()),
            Some(Some("https://warta.example.org/"))
        );
        assert_eq!(a.summary, "Lead di sini.");
        assert_eq!(a.citations, ["Reuters"]);
        assert!(
            !a.content_html.contains("Sumber") && a.content_html.starts_with("<p>JAKARTA"),
            "{}",
            a.content_html
        );
    }

    #[test]
    fn links_ids_and_authors() {
        let n = normalizer();
        let mut d = draft("T", "Isi.");
        d.link = Some("/berita/1".into());
        d.authors = vec!["Ani <ani@example.org>".into(), " ".into(), "Budi".into()];
        d.categories = vec!["Ekonomi".into(), "ekonomi".into(), " Hukum ".into()];
        let a = n.article(&d).unwrap();
        assert_eq!(a.link.as_deref(), Some("https://example.org/berita/1"));
        assert_eq!(a.id, "https://example.org/berita/1");
        assert_eq!(a.authors[0].email.as_deref(), Some("ani@example.org"));
        assert_eq!(a.authors.len(), 2);
        assert_eq!(a.categories, ["Ekonomi", "Hukum"]);
        d.link = Some("javascript:alert(1)".into());
        let a = n.article(&d).unwrap();
        assert_eq!((a.link, a.id.as_str()), (None, "a.txt"));
        assert!(a.warnings[0].contains("not a usable http(s) URL"));
    }

    /// Found by the text fuzz target: each made a feed fail its own check, so that a build
    /// would publish nothing. What the normalizer keeps must pass the checker.
    #[test]
    fn fuzz_findings_keep_feeds_valid() {
        let n = normalizer();
        let feed = crate::config::Settings::defaults().feed;
        type Change = fn(&mut Draft);
        let cases: [(&str, Change); 3] = [
            ("a relative link with a `|`", |d| {
                d.link = Some("TanggalJumat, 9 Desember 2016 | 14:32 WIBTanggal".into())
            }),
            ("an id that is a bare scheme", |d| d.id = Some("Tanggal:".into())),
            ("an unknown language tag", |d| d.language = Some("xx-YY-zz".into())),
        ];
        for (what, change) in cases {
            let mut d = draft("Judul", "Isi berita.");
            change(&mut d);
            let article = n.article(&d).unwrap();
            for kind in crate::write::Kind::ALL {
                let bytes = kind.render(&feed, std::slice::from_ref(&article)).unwrap();
                let errors: Vec<String> = crate::check::check(&bytes)
                    .into_iter()
                    .filter(crate::check::Problem::is_error)
                    .map(|p| p.to_string())
                    .collect();
                assert!(errors.is_empty(), "{what}, {kind:?}: {errors:?}");
            }
        }
    }

    #[test]
    fn content_is_sanitized() {
        let n = normalizer();
        let mut d = draft("T", "");
        d.body = Body::Html("<p onclick=\"x()\">Hai <a href=\"/a\">tautan</a></p><script>alert(1)</script><iframe src=\"x\"></iframe>".into());
        let a = n.article(&d).unwrap();
        assert_eq!(
            a.content_html,
            "<p>Hai <a href=\"https://example.org/a\" rel=\"noopener\">tautan</a></p>"
        );
    }
}
