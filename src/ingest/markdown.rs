//! `.md` files: Markdown with YAML (`---`) or TOML (`+++`) front matter.
//!
//! | key | form |
//! |---|---|
//! | `title`, `date`, `updated`, `source`, `id`, `lang`/`language`, `link`/`url`, `summary`/`description`, `retrieved`/`fetched_at` | a scalar |
//! | `author`, `authors` | a string (split like a txt `Author:` header), a list of strings, or objects `{name, email, url}` |
//! | `tags`, `categories` | a list, or a string split on commas (`tags: Dunia, Politik`, a gen-corpus quirk) |
//! | `image` | a URL, or an object with a `url` and a `length` (the file's size in bytes) |
//! | `image_length` | the image's size in bytes (`image.length` wins); one that is not a number is ignored with a warning |
//!
//! Where two keys are aliases the first in the table wins; `author` and `authors` add up, and so do
//! `tags` and `categories` (Hugo keeps both taxonomies). Unknown keys are ignored.
//!
//! Scalars reach the draft as text. In YAML that is the text as written whatever YAML would make
//! of it: `date: 2016-12-09T14:32:00+07:00` unquoted, `date: 1481268720` (Unix seconds) and
//! `title: 1984` all arrive verbatim. TOML types its values: numbers and booleans arrive as their
//! digits and words, and a datetime in TOML's own RFC 3339 form, which can differ from the
//! written one only by a `T` for a space and upper-case `T`/`Z` (the same instant either way).
//! An author object becomes `Name <email>`, or just the name or the address; its `url` is
//! dropped, since a draft's author is a string.
//!
//! Without front matter, or when the front matter has no title, the first level-1 heading
//! (`# Title`, or `Title` over `===`), outside code blocks and containers, is the title and is
//! removed from the body; without one there is no title and the normalizer rejects the file.
//! The body, after the closing fence, is kept as written.
//!
//! Refused, with the line in the file: front matter that never closes; YAML or TOML that does not
//! parse; front matter that is not a table of keys; a key of the wrong shape (a list as `title`).
//!
//! Hostile YAML is refused or defused quickly. Flow nesting (`[[[[…`) deeper than
//! [`MAX_FLOW_DEPTH`] is refused before libyaml sees it: its scanner is quadratic in that depth
//! (tens of seconds for 100,000 levels). Aliases are expanded only inside the known keys, whose
//! shapes are bounded (a list of scalars; objects of at most [`MAX_OBJECT_VALUES`] keys and
//! values), so a "billion laughs" document costs no more than its own size: under an unknown key
//! it is skipped without being expanded (serde_norway skips an alias without following it), and
//! under a known key it fails at its first nested list.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;
use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};

use super::text::{split_authors, split_categories};
use super::{Body, Draft, Error, Origin, markup};

/// Deeper `[`/`{` nesting in YAML front matter is refused: no real front matter comes near it.
const MAX_FLOW_DEPTH: usize = 64;

/// An author or image object holding more keys and values (nested ones included) is refused:
/// this bounds what an alias to one can cost, however often it is repeated.
const MAX_OBJECT_VALUES: usize = 64;

/// Deeper nesting of block quotes and lists is refused: pulldown-cmark's time grows with the
/// square of it (10,000 `- ` markers on one line take tens of seconds), and no article nests
/// more than a dozen levels (deep e-mail quoting, `>>>>>>`, stays under 30).
pub const MAX_NESTING: usize = 100;

/// Refuses a body (from byte `body_start` of `text`) with a line nested deeper than
/// [`MAX_NESTING`]: its block quote and list markers (`>`, `-`, `+`, `*`, `1.`, `1)`), each a
/// level, and its indentation before them, a level for every four columns (the most a list
/// item's content can need), since nested lists can also be written one level a line. Blank
/// lines do not count. The error names the line in the file.
fn check_nesting(text: &str, body_start: usize) -> Result<(), Error> {
    let body = text.get(body_start..).unwrap_or_default();
    for (index, line) in body.lines().enumerate() {
        if container_depth(line) > MAX_NESTING {
            let before = text.get(..body_start).map_or(0, |t| t.matches('\n').count());
            let line = before + index + 1;
            return Err(Error::TooDeep { markup: "Markdown", max: MAX_NESTING, line });
        }
    }
    Ok(())
}

/// The options the normalizer renders bodies with (`normalize::body`), so that the HTML checked
/// here is the HTML it will parse.
const RENDER_OPTIONS: Options =
    Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH).union(Options::ENABLE_FOOTNOTES);

/// Refuses a body whose HTML, as the normalizer will render and sanitize it, is too deep or too
/// large for the HTML parser ([`markup::check_fragment`]): raw HTML in Markdown reaches it as
/// written. The body starts at byte `body_start` of `text`; the error names the line of the
/// Markdown that wrote the line of HTML where the limit was passed.
fn check_rendered(text: &str, body_start: usize) -> Result<(), Error> {
    let body = text.get(body_start..).unwrap_or_default();
    let written = Rc::new(Cell::new(0usize));
    let mut html =
        Counting { out: String::with_capacity(body.len() * 2), written: Rc::clone(&written) };
    // (where an event's HTML starts, where its Markdown starts)
    let mut marks: Vec<(usize, usize)> = Vec::new();
    let events = Parser::new_ext(body, RENDER_OPTIONS).into_offset_iter().map(|(event, range)| {
        marks.push((written.get(), range.start));
        event
    });
    // Writing to a String cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(&mut html, events);
    markup::check_fragment(&html.out).map_err(|refusal| {
        // The start of the refused line of HTML, then the event that wrote it.
        let offset = html.out.split_inclusive('\n').take(refusal.line - 1).map(str::len).sum();
        let event = marks.partition_point(|&(at, _)| at <= offset).saturating_sub(1);
        let source = marks.get(event).map_or(0, |&(_, at)| at);
        let line = text.get(..body_start + source).map_or(1, |t| t.matches('\n').count() + 1);
        refusal.error(line)
    })
}

/// A `String` that tells how much has been written to it.
struct Counting {
    out: String,
    written: Rc<Cell<usize>>,
}

impl fmt::Write for Counting {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.out.push_str(s);
        self.written.set(self.out.len());
        Ok(())
    }
}

/// The nesting a line opens with, by the rule of [`check_nesting`].
fn container_depth(line: &str) -> usize {
    if line.trim().is_empty() {
        return 0;
    }
    let bytes = line.as_bytes();
    let (mut markers, mut columns, mut i) = (0usize, 0usize, 0usize);
    loop {
        while let Some(&b) = bytes.get(i) {
            match b {
                b' ' | b'\t' if markers > 0 => {}
                b' ' => columns += 1,
                b'\t' => columns += 4,
                _ => break,
            }
            i += 1;
        }
        let spaced = |at: usize| matches!(bytes.get(at), Some(b' ' | b'\t') | None);
        match bytes.get(i) {
            None => break,
            Some(b'>') => i += 1,
            Some(b'-' | b'+' | b'*') if spaced(i + 1) => i += 1,
            Some(b'0'..=b'9') => {
                let digits = bytes
                    .get(i..)
                    .map_or(0, |r| r.iter().take_while(|b| b.is_ascii_digit()).count());
                if digits > 9
                    || !matches!(bytes.get(i + digits), Some(b'.' | b')'))
                    || !spaced(i + digits + 1)
                {
                    break;
                }
                i += digits + 1;
            }
            Some(_) => break,
        }
        markers += 1;
    }
    markers + columns / 4
}

/// Parses a Markdown article with front matter.
pub fn parse(text: &str, origin: &Origin) -> Result<Draft, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    let mut draft = origin.draft();
    draft.line = Some(1);
    let split = split_front_matter(text)?;
    let body = split.as_ref().map_or(text, |(_, body)| *body);
    let body_start = text.len() - body.len();
    check_nesting(text, body_start)?;
    // Rendering costs as much as the rest of reading: do it only when the body has raw HTML.
    // Without it, the HTML's depth follows the Markdown nesting just checked, which is bounded.
    if body.contains('<') {
        check_rendered(text, body_start)?;
    }
    let body = match split {
        Some((front, body)) => {
            let front = match front {
                Front::Yaml(content) => yaml(content)?,
                Front::Toml(content) => toml(content)?,
            };
            front.fill(&mut draft);
            body
        }
        None => text,
    };
    let body = match draft.title {
        Some(_) => body.to_string(),
        None => match first_heading(body) {
            Some((title, rest)) => {
                draft.title = Some(title);
                rest
            }
            None => body.to_string(),
        },
    };
    draft.body = Body::Markdown(body);
    Ok(draft)
}

/// The front matter's text, by language.
enum Front<'a> {
    Yaml(&'a str),
    Toml(&'a str),
}

/// Splits off the front matter when the first line is a fence: (front matter, body after the
/// closing fence line). A YAML block may also close with `...`, the YAML end-of-document marker.
fn split_front_matter(text: &str) -> Result<Option<(Front<'_>, &str)>, Error> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    let fence = match first.trim_end() {
        "---" => "---",
        "+++" => "+++",
        _ => return Ok(None),
    };
    let start = first.len();
    let mut at = start;
    for line in lines {
        let mark = line.trim_end();
        if mark == fence || (fence == "---" && mark == "...") {
            let content = text.get(start..at).unwrap_or_default();
            let body = text.get(at + line.len()..).unwrap_or_default();
            let front = match fence {
                "---" => Front::Yaml(content),
                _ => Front::Toml(content),
            };
            return Ok(Some((front, body)));
        }
        at += line.len();
    }
    Err(Error::UnclosedFrontMatter { fence, line: 1 })
}

/// Front matter lines are numbered from the line after the opening fence, the file's line 2.
const FIRST_LINE: usize = 2;

fn yaml(content: &str) -> Result<FrontMatter, Error> {
    if let Some(line) = too_deep(content) {
        return Err(Error::FrontMatter {
            message: format!("more than {MAX_FLOW_DEPTH} nested `[` or `{{`"),
            line: Some(line + FIRST_LINE - 1),
        });
    }
    if content.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    match serde_norway::from_str::<Table>(content) {
        Ok(Table(front)) => Ok(front),
        Err(e) => {
            static POSITION: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r" at (?:line \d+ column \d+|position \d+)")
                    .expect("the position pattern is valid")
            });
            // The message names lines of the front matter, not of the file: the error's own
            // line says where, so positions are taken out of the words.
            let message = POSITION.replace_all(&e.to_string(), "").into_owned();
            let line = e.location().map_or(1, |l| l.line() + FIRST_LINE - 1);
            Err(Error::FrontMatter { message, line: Some(line) })
        }
    }
}

fn toml(content: &str) -> Result<FrontMatter, Error> {
    toml::from_str::<Table>(content).map(|Table(front)| front).map_err(|e| {
        let line = e.span().map_or(1, |span| {
            let before = content.get(..span.start).unwrap_or(content);
            before.matches('\n').count() + FIRST_LINE
        });
        Error::FrontMatter { message: e.message().to_string(), line: Some(line) }
    })
}

/// The 1-based line of the front matter where `[`/`{` nesting first exceeds
/// [`MAX_FLOW_DEPTH`]. Quotes are not tracked: brackets inside strings count too, which only
/// matters to a front matter with more than 64 unclosed brackets in its strings.
fn too_deep(content: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut line = 1;
    for byte in content.bytes() {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(line);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => line += 1,
            _ => {}
        }
    }
    None
}

/// The first top-level level-1 heading: (its text, the body without it).
fn first_heading(body: &str) -> Option<(String, String)> {
    let mut depth = 0usize;
    let mut events = Parser::new(body).into_offset_iter();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) if depth == 0 => {
                let mut title = String::new();
                for (event, _) in events.by_ref() {
                    match event {
                        Event::Text(text) | Event::Code(text) => title.push_str(&text),
                        Event::End(TagEnd::Heading(_)) => break,
                        _ => {}
                    }
                }
                let title = title.trim();
                if title.is_empty() {
                    continue;
                }
                let before = body.get(..range.start)?;
                let after = body.get(range.end..)?;
                let after = after
                    .strip_prefix("\r\n")
                    .or_else(|| after.strip_prefix('\n'))
                    .filter(|_| !body.get(range.clone()).is_some_and(|h| h.ends_with('\n')))
                    .unwrap_or(after);
                // The blank lines after the heading go with it, unless it ended a paragraph.
                let after = if before.trim().is_empty() || before.ends_with("\n\n") {
                    skip_blank_lines(after)
                } else {
                    after
                };
                let rest = format!("{}{after}", before.trim_start_matches(['\n', '\r']));
                return Some((title.to_string(), rest));
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn skip_blank_lines(mut text: &str) -> &str {
    while let Some((line, rest)) = text.split_once('\n') {
        if !line.trim().is_empty() {
            break;
        }
        text = rest;
    }
    text
}

/// The keys kabar reads; any other key is skipped without being looked at.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct FrontMatter {
    title: Option<Scalar>,
    date: Option<Scalar>,
    updated: Option<Scalar>,
    author: Option<Authors>,
    authors: Option<Authors>,
    link: Option<Scalar>,
    url: Option<Scalar>,
    source: Option<Scalar>,
    tags: Option<Names>,
    categories: Option<Names>,
    summary: Option<Scalar>,
    description: Option<Scalar>,
    image: Option<Image>,
    image_length: Option<Scalar>,
    lang: Option<Scalar>,
    language: Option<Scalar>,
    id: Option<Scalar>,
    retrieved: Option<Scalar>,
    fetched_at: Option<Scalar>,
}

impl FrontMatter {
    fn fill(self, draft: &mut Draft) {
        let text = |s: Option<Scalar>| s.map(|Scalar(s)| s);
        draft.title = text(self.title);
        draft.date = text(self.date);
        draft.updated = text(self.updated);
        draft.link = text(self.link.or(self.url));
        draft.source = text(self.source);
        draft.summary = text(self.summary.or(self.description));
        let Image { url, length } = self.image.unwrap_or_default();
        draft.image = url;
        for (key, given) in [("image.length", length), ("image_length", self.image_length)] {
            let Some(Scalar(given)) = given else { continue };
            match given.trim().parse::<u64>() {
                Ok(bytes) if draft.image_length.is_none() => draft.image_length = Some(bytes),
                Ok(_) => {}
                Err(_) => draft
                    .warnings
                    .push(format!("`{key}` should be a number of bytes, found `{given}`: ignored")),
            }
        }
        draft.language = text(self.lang.or(self.language));
        draft.id = text(self.id);
        draft.retrieved = text(self.retrieved.or(self.fetched_at));
        for Authors { names, nameless } in [self.author, self.authors].into_iter().flatten() {
            draft.authors.extend(names);
            if nameless > 0 {
                draft.warnings.push(format!(
                    "{nameless} author object(s) without `name` or `email` left out"
                ));
            }
        }
        for Names(names) in [self.tags, self.categories].into_iter().flatten() {
            draft.categories.extend(names);
        }
    }
}

/// The front matter itself: a table of keys (or nothing at all, as YAML sees `# only comments`).
struct Table(FrontMatter);

impl<'de> Deserialize<'de> for Table {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TableVisitor;
        impl<'de> Visitor<'de> for TableVisitor {
            type Value = Table;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of keys")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Table, A::Error> {
                FrontMatter::deserialize(de::value::MapAccessDeserializer::new(map)).map(Table)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Table, E> {
                Ok(Table(FrontMatter::default()))
            }
        }
        // Asking for a map, not a struct: a derived struct would also take a list, by position.
        deserializer.deserialize_map(TableVisitor)
    }
}

/// The field TOML uses to pass a datetime through serde (`toml_datetime`'s private convention).
const TOML_DATETIME: &str = "$__toml_private_datetime";

/// A scalar, as text.
///
/// Read with `deserialize_str`, for which the YAML deserializer hands over any scalar's text as
/// written; TOML hands over typed values, turned back into text here.
#[derive(Debug)]
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(ScalarVisitor).map(Scalar)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    /// A TOML datetime arrives as a one-key map; any other map is the wrong shape.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        match map.next_key::<String>()? {
            Some(key) if key == TOML_DATETIME => map.next_value::<String>(),
            _ => Err(de::Error::invalid_type(Unexpected::Map, &self)),
        }
    }
}

/// Category names: a list of scalars, or one string split on commas.
#[derive(Debug)]
struct Names(Vec<String>);

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NamesVisitor;
        impl<'de> Visitor<'de> for NamesVisitor {
            type Value = Names;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of names or a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Names, E> {
                Ok(Names(split_categories(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Names, E> {
                Ok(Names(vec![v.to_string()]))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Names, E> {
                Ok(Names(vec![v.to_string()]))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Names, E> {
                Ok(Names(vec![v.to_string()]))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Names, E> {
                Ok(Names(vec![v.to_string()]))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Names, E> {
                Ok(Names(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Names, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<Option<Scalar>>()? {
                    names.extend(name.map(|Scalar(s)| s));
                }
                Ok(Names(names))
            }
        }
        deserializer.deserialize_any(NamesVisitor)
    }
}

/// Authors: a string (split into names), a list of names and objects, or one object.
#[derive(Debug, Default)]
struct Authors {
    names: Vec<String>,
    /// Objects with neither `name` nor `email`.
    nameless: usize,
}

impl<'de> Deserialize<'de> for Authors {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AuthorsVisitor;
        impl<'de> Visitor<'de> for AuthorsVisitor {
            type Value = Authors;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name, a list of names, or an object with a `name`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Authors, E> {
                Ok(Authors { names: split_authors(v), nameless: 0 })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Authors, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Authors, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_unit<E: de::Error>(self) -> Result<Authors, E> {
                Ok(Authors::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Authors, A::Error> {
                let mut authors = Authors::default();
                while let Some(author) = seq.next_element::<Option<Author>>()? {
                    match author {
                        Some(Author(Some(name))) => authors.names.push(name),
                        Some(Author(None)) => authors.nameless += 1,
                        None => {}
                    }
                }
                Ok(authors)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Authors, A::Error> {
                let name = AuthorVisitor.visit_map(map)?;
                Ok(Authors {
                    nameless: usize::from(name.is_none()),
                    names: name.into_iter().collect(),
                })
            }
        }
        deserializer.deserialize_any(AuthorsVisitor)
    }
}

/// One entry of an author list: a name as written, or an object rendered `Name <email>`; `None`
/// for an object with neither.
struct Author(Option<String>);

impl<'de> Deserialize<'de> for Author {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AuthorVisitor).map(Author)
    }
}

struct AuthorVisitor;

impl<'de> Visitor<'de> for AuthorVisitor {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a name or an object with a `name`")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<String>, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<String>, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<String>, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<String>, A::Error> {
        let (mut name, mut email) = (None, None);
        let budget = Cell::new(MAX_OBJECT_VALUES);
        while let Some(key) = map.next_key::<String>()? {
            Skip(&budget).spend()?;
            match key.as_str() {
                "name" => name = map.next_value::<Option<Scalar>>()?,
                "email" => email = map.next_value::<Option<Scalar>>()?,
                _ => map.next_value_seed(Skip(&budget))?,
            }
        }
        Ok(match (name, email) {
            (Some(Scalar(name)), Some(Scalar(email))) => Some(format!("{name} <{email}>")),
            (Some(Scalar(only)), None) | (None, Some(Scalar(only))) => Some(only),
            (None, None) => None,
        })
    }
}

/// The lead image: a URL, or an object with a `url` and a `length`.
#[derive(Debug, Default)]
struct Image {
    url: Option<String>,
    length: Option<Scalar>,
}

impl<'de> Deserialize<'de> for Image {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ImageVisitor;
        impl<'de> Visitor<'de> for ImageVisitor {
            type Value = Image;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a URL or an object with a `url`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Image, E> {
                Ok(Image { url: Some(v.to_string()), length: None })
            }
            fn visit_unit<E: de::Error>(self) -> Result<Image, E> {
                Ok(Image::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Image, A::Error> {
                let mut image = Image::default();
                let budget = Cell::new(MAX_OBJECT_VALUES);
                while let Some(key) = map.next_key::<String>()? {
                    Skip(&budget).spend()?;
                    if key == "url" {
                        image.url = map.next_value::<Option<Scalar>>()?.map(|Scalar(s)| s);
                    } else if key == "length" {
                        image.length = map.next_value::<Option<Scalar>>()?;
                    } else {
                        map.next_value_seed(Skip(&budget))?;
                    }
                }
                Ok(image)
            }
        }
        deserializer.deserialize_any(ImageVisitor)
    }
}

/// Skips a value inside an author or image object, spending one unit of the object's budget on
/// every key and value met, nested ones and those reached through aliases included.
struct Skip<'a>(&'a Cell<usize>);

impl Skip<'_> {
    fn spend<E: de::Error>(&self) -> Result<(), E> {
        match self.0.get().checked_sub(1) {
            Some(left) => {
                self.0.set(left);
                Ok(())
            }
            None => Err(E::custom(format!(
                "an author or image object with more than {MAX_OBJECT_VALUES} keys and values"
            ))),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Skip<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend()
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.spend()
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.spend()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.spend()
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<(), E> {
        self.spend()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend()
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend()
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.deserialize(deserializer)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend()?;
        while seq.next_element_seed(Skip(self.0))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend()?;
        while map.next_key_seed(Skip(self.0))?.is_some() {
            map.next_value_seed(Skip(self.0))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Draft {
        match parse(text, &Origin::default()) {
            Ok(draft) => draft,
            Err(e) => panic!("{text:?}: {e} (line {:?})", e.line()),
        }
    }

    fn body(draft: &Draft) -> &str {
        match &draft.body {
            Body::Markdown(text) => text,
            other => panic!("not a Markdown body: {other:?}"),
        }
    }

    type Get = fn(&Draft) -> String;

    fn getters() -> [(&'static str, Get); 13] {
        [
            ("title", |d| d.title.clone().unwrap_or_default()),
            ("date", |d| d.date.clone().unwrap_or_default()),
            ("updated", |d| d.updated.clone().unwrap_or_default()),
            ("authors", |d| d.authors.join("|")),
            ("link", |d| d.link.clone().unwrap_or_default()),
            ("source", |d| d.source.clone().unwrap_or_default()),
            ("categories", |d| d.categories.join("|")),
            ("summary", |d| d.summary.clone().unwrap_or_default()),
            ("image", |d| d.image.clone().unwrap_or_default()),
            ("image_length", |d| d.image_length.map(|n| n.to_string()).unwrap_or_default()),
            ("language", |d| d.language.clone().unwrap_or_default()),
            ("id", |d| d.id.clone().unwrap_or_default()),
            ("retrieved", |d| d.retrieved.clone().unwrap_or_default()),
        ]
    }

    fn get(draft: &Draft, field: &str) -> String {
        match getters().iter().find(|(name, _)| *name == field) {
            Some((_, get)) => get(draft),
            None => panic!("no field {field}"),
        }
    }

    #[test]
    fn every_yaml_key_and_alias() {
        // (front matter lines, draft field, value)
        let cases: &[(&str, &str, &str)] = &[
            ("title: Judul Satu", "title", "Judul Satu"),
            ("title: \"Judul \\\"Dua\\\"\"", "title", "Judul \"Dua\""),
            ("title: 1984", "title", "1984"),
            ("title: yes", "title", "yes"),
            ("date: 2016-12-09T14:32:00+07:00", "date", "2016-12-09T14:32:00+07:00"),
            ("date: 2016-12-09 14:32", "date", "2016-12-09 14:32"),
            (
                "date: \"Jumat, 9 Desember 2016 | 14:32 WIB\"",
                "date",
                "Jumat, 9 Desember 2016 | 14:32 WIB",
            ),
            ("date: 1481268720", "date", "1481268720"),
            ("updated: 2016-12-10T08:00:00Z", "updated", "2016-12-10T08:00:00Z"),
            ("author: Dewi Lubis", "authors", "Dewi Lubis"),
            ("author: Dewi Lubis dan Budi Santoso", "authors", "Dewi Lubis|Budi Santoso"),
            ("author: [Dewi Lubis, Budi Santoso]", "authors", "Dewi Lubis|Budi Santoso"),
            ("authors:\n  - Jane Doe and John Roe", "authors", "Jane Doe and John Roe"),
            (
                "author: {name: Dewi Lubis, email: dewi@example.org, url: https://x.example}",
                "authors",
                "Dewi Lubis <dewi@example.org>",
            ),
            (
                "authors:\n  - name: Dewi Lubis\n  - email: budi@example.org\n  - Ani",
                "authors",
                "Dewi Lubis|budi@example.org|Ani",
            ),
            ("author: Dewi Lubis\nauthors: [Ani]", "authors", "Dewi Lubis|Ani"),
            ("author: ~", "authors", ""),
            ("link: https://a.example/1", "link", "https://a.example/1"),
            ("url: https://a.example/1", "link", "https://a.example/1"),
            ("link: https://a.example/1\nurl: https://a.example/2", "link", "https://a.example/1"),
            ("source: Warta7.com", "source", "Warta7.com"),
            ("tags: [Dunia, Politik]", "categories", "Dunia|Politik"),
            ("tags:\n  - Dunia\n  - Politik", "categories", "Dunia|Politik"),
            ("tags: Dunia", "categories", "Dunia"),
            ("tags: Dunia, Politik", "categories", "Dunia|Politik"),
            ("tags: [\"Dunia, Politik\", 2016]", "categories", "Dunia, Politik|2016"),
            ("categories: [Dunia]", "categories", "Dunia"),
            ("tags: [Asia]\ncategories: [Dunia]", "categories", "Asia|Dunia"),
            ("tags:", "categories", ""),
            ("summary: Ringkas.", "summary", "Ringkas."),
            ("description: Ringkas.", "summary", "Ringkas."),
            ("image: /images/a.jpg", "image", "/images/a.jpg"),
            ("image: {url: /images/a.jpg, alt: Foto}", "image", "/images/a.jpg"),
            ("image: {url: /images/a.jpg, length: 48213}", "image_length", "48213"),
            ("image: a.jpg\nimage_length: 48213", "image_length", "48213"),
            ("image: {length: 1}\nimage_length: 2", "image_length", "1"),
            ("lang: id", "language", "id"),
            ("language: en-US", "language", "en-US"),
            ("id: abc-1", "id", "abc-1"),
            ("id: 00042", "id", "00042"),
            ("retrieved: 2016-12-09T15:00:00+07:00", "retrieved", "2016-12-09T15:00:00+07:00"),
            ("fetched_at: 1481270400", "retrieved", "1481270400"),
            ("unknown: [1, {a: b}]\ntitle: Judul Satu", "title", "Judul Satu"),
        ];
        for (front, field, want) in cases {
            let draft = read(&format!("---\n{front}\n---\nIsi.\n"));
            assert_eq!(get(&draft, field), *want, "{front}");
            assert_eq!(body(&draft), "Isi.\n", "{front}");
            assert!(draft.warnings.is_empty(), "{front}: {:?}", draft.warnings);
        }
    }

    #[test]
    fn every_toml_key_and_alias() {
        let cases: &[(&str, &str, &str)] = &[
            ("title = \"Judul Satu\"", "title", "Judul Satu"),
            ("date = 2016-12-09T14:32:00+07:00", "date", "2016-12-09T14:32:00+07:00"),
            // TOML's own form of a datetime: a space becomes `T`.
            ("date = 2016-12-09 07:32:00Z", "date", "2016-12-09T07:32:00Z"),
            (
                "date = \"Jumat, 9 Desember 2016 | 14:32 WIB\"",
                "date",
                "Jumat, 9 Desember 2016 | 14:32 WIB",
            ),
            ("date = 1481268720", "date", "1481268720"),
            ("updated = 2016-12-10", "updated", "2016-12-10"),
            ("author = \"Dewi Lubis\"", "authors", "Dewi Lubis"),
            ("authors = [\"Dewi Lubis\", \"Budi Santoso\"]", "authors", "Dewi Lubis|Budi Santoso"),
            (
                "authors = [{ name = \"Dewi\", email = \"d@example.org\" }]",
                "authors",
                "Dewi <d@example.org>",
            ),
            ("[author]\nname = \"Dewi\"", "authors", "Dewi"),
            ("url = \"https://a.example/1\"", "link", "https://a.example/1"),
            ("source = \"Warta7.com\"", "source", "Warta7.com"),
            ("tags = [\"Dunia\", \"Politik\"]", "categories", "Dunia|Politik"),
            ("categories = \"Dunia, Politik\"", "categories", "Dunia|Politik"),
            ("description = \"Ringkas.\"", "summary", "Ringkas."),
            ("[image]\nurl = \"/a.jpg\"", "image", "/a.jpg"),
            ("[image]\nurl = \"/a.jpg\"\nlength = 48213", "image_length", "48213"),
            ("image_length = \"48213\"", "image_length", "48213"),
            ("language = \"id\"", "language", "id"),
            ("id = 42", "id", "42"),
            ("fetched_at = 2016-12-09T15:00:00+07:00", "retrieved", "2016-12-09T15:00:00+07:00"),
        ];
        for (front, field, want) in cases {
            let draft = read(&format!("+++\n{front}\n+++\nIsi.\n"));
            assert_eq!(get(&draft, field), *want, "{front}");
            assert_eq!(body(&draft), "Isi.\n", "{front}");
        }
    }

    #[test]
    fn titles_and_bodies() {
        // (input, title, body)
        let cases: &[(&str, Option<&str>, &str)] = &[
            ("---\ntitle: T\n---\n\n# Heading\n\nIsi.\n", Some("T"), "\n# Heading\n\nIsi.\n"),
            ("---\r\ntitle: T\r\n---\r\nIsi.\r\n", Some("T"), "Isi.\r\n"),
            ("---\ntitle: T\n...\nIsi.", Some("T"), "Isi."),
            ("---\ntitle: T\n---", Some("T"), ""),
            ("+++\ntitle = 'T'\n+++\nIsi.", Some("T"), "Isi."),
            // A stray BOM is tolerated.
            ("\u{feff}---\ntitle: T\n---\nIsi.", Some("T"), "Isi."),
            // No front matter: the first level-1 heading is the title, and leaves the body.
            ("# Judul *Satu*\n\nIsi.\n", Some("Judul Satu"), "Isi.\n"),
            ("\n\n# Judul #\nIsi.", Some("Judul"), "Isi."),
            ("Judul\n=====\n\nIsi.", Some("Judul"), "Isi."),
            ("![foto](a.jpg)\n\n# Judul\n\nIsi.", Some("Judul"), "![foto](a.jpg)\n\nIsi."),
            ("```sh\n# komentar\n```\n\n# Judul\n", Some("Judul"), "```sh\n# komentar\n```\n\n"),
            ("> # Kutipan\n\nIsi.", None, "> # Kutipan\n\nIsi."),
            ("## Sub\n\nIsi.", None, "## Sub\n\nIsi."),
            ("#\n\n# Judul\nIsi.", Some("Judul"), "#\n\nIsi."),
            ("Isi saja.", None, "Isi saja."),
            // Front matter without a title: the heading again.
            ("---\ndate: 2016-12-09\n---\n# Judul\n\nIsi.", Some("Judul"), "Isi."),
            // Empty front matter, or only comments.
            ("---\n---\n# Judul\n", Some("Judul"), ""),
            ("---\n# komentar\n---\n# Judul\n", Some("Judul"), ""),
            ("+++\n+++\nIsi.", None, "Isi."),
            // A `---` that is not on the first line is a thematic break.
            ("\n---\ntitle: T\n---\n", None, "\n---\ntitle: T\n---\n"),
        ];
        for (input, title, want_body) in cases {
            let draft = read(input);
            assert_eq!(draft.title.as_deref(), *title, "{input:?}");
            assert_eq!(body(&draft), *want_body, "{input:?}");
            assert_eq!(draft.line, Some(1), "{input:?}");
        }
    }

    #[test]
    fn nameless_authors_are_warned_about() {
        let draft = read("---\ntitle: T\nauthors:\n  - url: https://x.example\n  - Ani\n---\n");
        assert_eq!(draft.authors, ["Ani"]);
        assert_eq!(draft.warnings, ["1 author object(s) without `name` or `email` left out"]);
    }

    #[test]
    fn an_image_length_that_is_not_a_number_is_warned_about() {
        let draft = read("---\ntitle: T\nimage: {url: a.jpg, length: 48 KB}\n---\n");
        assert_eq!(draft.image.as_deref(), Some("a.jpg"));
        assert_eq!(draft.image_length, None);
        assert_eq!(
            draft.warnings,
            ["`image.length` should be a number of bytes, found `48 KB`: ignored"]
        );
    }

    #[test]
    fn errors_name_their_line() {
        // (input, line, a piece of the message)
        let cases: &[(&str, usize, &str)] = &[
            ("---\ntitle: T\n", 1, "`---` is never closed"),
            ("+++\ntitle = 'T'\n", 1, "`+++` is never closed"),
            ("---", 1, "never closed"),
            ("---\ntitle: T\ntags: [a, b\nx: 1\n---\n", 4, "did not find expected ',' or ']'"),
            ("---\ntitle: T\n  bad: indent\n---\n", 3, "mapping values are not allowed"),
            ("---\ntitle: [a]\n---\n", 2, "title: invalid type: sequence, expected a string"),
            ("---\ntitle: T\ntitle: U\n---\n", 2, "duplicate field `title`"),
            ("---\ntags: [[a]]\n---\n", 2, "tags[0]: invalid type: sequence, expected a string"),
            ("---\nimage: [a]\n---\n", 2, "expected a URL or an object with a `url`"),
            ("---\n- a\n- b\n---\n", 2, "invalid type: sequence, expected a table of keys"),
            ("---\njust words\n---\n", 2, "expected a table of keys"),
            ("+++\ntitle = 'T'\nx = [1,\n+++\n", 3, "unclosed array, expected `]`"),
            ("+++\n\ntitle = [1]\n+++\n", 3, "invalid type: sequence, expected a string"),
            ("+++\n[title]\na = 1\n+++\n", 2, "invalid type: map, expected a string"),
        ];
        for (input, line, words) in cases {
            match parse(input, &Origin::default()) {
                Ok(draft) => panic!("{input:?} gave {draft:?}"),
                Err(e) => {
                    assert_eq!(e.line(), Some(*line), "{input:?}: {e}");
                    assert!(e.to_string().contains(words), "{input:?}: {e}");
                    assert!(!e.to_string().contains(" at line "), "{input:?}: {e}");
                }
            }
        }
        assert!(matches!(parse(" \n", &Origin::default()), Err(Error::Empty)));
    }

    /// Hostile front matter is refused or defused, and quickly.
    #[test]
    fn hostile_yaml() {
        let laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n\
                      b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
                      c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n\
                      d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
                      e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n\
                      f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n\
                      g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n\
                      h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n\
                      i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
        let o = format!("o: &o {{name: X, junk: [{}]}}\n", vec!["x"; 5000].join(", "));
        let many_o = format!("{o}author: [{}]\n", vec!["*o"; 5000].join(", "));
        let names = format!("n: &n Ani\ntags: [{}]\n", vec!["*n"; 20_000].join(", "));
        let start = std::time::Instant::now();
        // (front matter, Ok(title) or Err(line))
        let cases: Vec<(String, Result<&str, usize>)> = vec![
            // A billion laughs under unknown keys is skipped without being expanded.
            (format!("{laughs}title: T\n"), Ok("T")),
            // Under a known key it fails at its first nested list (the line is where that list
            // was written: `h` on line 9, `i` on line 10).
            (format!("{laughs}tags: *i\n"), Err(9)),
            (format!("{laughs}title: *i\n"), Err(10)),
            (format!("{laughs}author: *i\n"), Err(9)),
            (format!("{laughs}image: *i\n"), Err(10)),
            // An alias to a big author object, repeated: each costs at most the object budget.
            (many_o, Err(2)),
            // Aliases to scalars cost what they are.
            (names, Ok("")),
            // Deep flow nesting is refused before libyaml.
            (format!("title: T\nx: {}\n", "[".repeat(100_000)), Err(3)),
            (format!("x: {}{}\n", "{a: ".repeat(100_000), "}".repeat(100_000)), Err(2)),
            // Deep block nesting costs libyaml nothing special.
            (format!("title: T\nx:\n  {}x\n", "- ".repeat(10_000)), Ok("T")),
        ];
        for (front, want) in &cases {
            let got = parse(&format!("---\n{front}---\nIsi.\n"), &Origin::default());
            match (got, want) {
                (Ok(draft), Ok(title)) => {
                    assert_eq!(draft.title.as_deref().unwrap_or_default(), *title)
                }
                (Err(e), Err(line)) => {
                    assert!(matches!(e, Error::FrontMatter { .. }), "{e}");
                    assert_eq!(e.line(), Some(*line), "{e}");
                }
                (got, want) => panic!("{:.80}: got {got:?}, want {want:?}", front),
            }
        }
        // A debug build takes well under a second for all of them together.
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
        let names = format!("n: &n Ani\ntags: [{}]\n", ["*n"; 3].join(", "));
        let draft = read(&format!("---\n{names}---\n"));
        assert_eq!(draft.categories, ["Ani", "Ani", "Ani"]);
    }

    #[test]
    fn toml_nesting_is_bounded_by_the_parser() {
        let deep = format!("+++\nx = {}\n+++\n", "[".repeat(100_000));
        let e = parse(&deep, &Origin::default()).err();
        assert!(matches!(e, Some(Error::FrontMatter { line: Some(2), .. })), "{e:?}");
    }

    #[test]
    fn a_gen_corpus_article() {
        let text = "---\n\
            title: \"Kualitas Investasi di Kairo\"\n\
            date: 2019-03-23T01:14:00+07:00\n\
            author: Kartika Susanto\n\
            source: KABARNUSA.co.id\n\
            tags: [Dunia]\n\
            summary: \"Satu kalimat.\"\n\
            ---\n\
            \n\
            ![Keterangan.](/images/2019/03/ab12.jpg)\n\
            *Foto: NUSA FOTO/Agus Pratama*\n\
            \n\
            KABARNUSA.co.id – Kepala daerah.\n";
        let draft = read(text);
        assert_eq!(draft.title.as_deref(), Some("Kualitas Investasi di Kairo"));
        assert_eq!(draft.date.as_deref(), Some("2019-03-23T01:14:00+07:00"));
        assert_eq!(draft.authors, ["Kartika Susanto"]);
        assert_eq!(draft.source.as_deref(), Some("KABARNUSA.co.id"));
        assert_eq!(draft.categories, ["Dunia"]);
        assert_eq!(draft.summary.as_deref(), Some("Satu kalimat."));
        assert!(body(&draft).starts_with("\n![Keterangan.]"));
    }
    #[test]
    fn nesting_depth() {
        let cases: &[(&str, usize)] = &[
            ("Teks biasa.", 0),
            ("> kutipan", 1),
            (">>> > kutipan", 4),
            ("- satu", 1),
            ("- - - x", 3),
            ("* + - 1. 2) x", 5),
            ("1.5 juta", 0),
            ("-5 derajat", 0),
            ("1234567890. bukan daftar", 0),
            ("    kode", 1),
            ("\t\tkode", 2),
            ("> - > 1. teks", 4),
            ("   ", 0),
            ("> > >", 3),
        ];
        for (line, depth) in cases {
            assert_eq!(container_depth(line), *depth, "{line:?}");
        }
        assert!(check_nesting(&format!("# T\n\n{}x", "- ".repeat(100)), 0).is_ok());
        let error = check_nesting(&format!("# T\n\n{}x", "- ".repeat(101)), 0).unwrap_err();
        assert_eq!(error.line(), Some(3));
        assert!(check_nesting(&format!("# T\n\n{}x", " ".repeat(404)), 0).is_err());
        // Front matter is not Markdown; lines count from the top of the file.
        let front = format!("---\ntitle: T\nx:\n  {}x\n---\n\n", "- ".repeat(200));
        assert!(check_nesting(&front, front.len()).is_ok());
        let text = format!("{front}{}x", "> ".repeat(101));
        assert_eq!(check_nesting(&text, front.len()).unwrap_err().line(), Some(7));
    }

    #[test]
    fn rendered_html_too_deep_or_too_large() {
        let deep = "the HTML is nested more than 512 levels deep: no article needs that";
        let many = "the HTML has more than 250000 tags: no article needs that many";
        // Fewer than 256: the guard counts unclosed formatting elements twice.
        let opened: String = (0..200).map(|i| format!("<b id=x{i}>")).collect();
        // (text, None when it passes, else the error's line (0: any) and message)
        let cases: Vec<(String, Option<(usize, &str)>)> = vec![
            // What looks like tags but is not HTML once rendered.
            (format!("# T\n\n{}", "<https://a.example/x> ".repeat(700)), None),
            (format!("# T\n\n{}", "`<div>` ".repeat(700)), None),
            (format!("# T\n\n```\n{}\n```\n", "<div>".repeat(700)), None),
            (format!("# T\n\n{}", "<dewi@a.example> ".repeat(700)), None),
            // Raw HTML, as the normalizer will parse it.
            (format!("---\ntitle: T\n---\n\nSatu.\n\n{}\n", "<div>".repeat(600)), Some((7, deep))),
            (format!("# T\n\nTeks {} teks.\n", "<span><div>".repeat(300)), Some((3, deep))),
            // Unclosed formatting elements are copied once, into the line break after the
            // block: the paragraphs after it are inside the copies, not copies each.
            (format!("# T\n\n<p>{opened}</p>\n\n{}", "x\n\n".repeat(2_000)), None),
            // Without that line break, into every paragraph.
            (format!("# T\n\n<p>{opened}</p>{}", "<p>x</p>".repeat(2_000)), Some((0, many))),
        ];
        for (text, expected) in cases {
            let found = match parse(&text, &Origin::default()) {
                Ok(_) => None,
                Err(e) => Some((e.line().unwrap_or(0), e.to_string())),
            };
            let found = found.map(|(line, e)| {
                let any = matches!(expected, Some((0, _)));
                (if any { 0 } else { line }, e)
            });
            let expected = expected.map(|(line, e)| (line, e.to_string()));
            assert_eq!(found, expected, "{}", text.get(..60).unwrap_or(&text));
        }
    }
}
