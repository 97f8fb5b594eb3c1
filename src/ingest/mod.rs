//! Reading article files into [`Draft`]s: the fields as found, as strings, and the body.
//!
//! One module per input format, chosen by the file's extension ([`Format`]). Each format's
//! `parse` is a pure function of the file's text; this module does the I/O around it: walking
//! folders, reading bytes, decoding them, and the file's modification time. Nothing here
//! interprets a value: dates stay strings, and the normalizer decides what they mean.
//!
//! # Bytes to text
//!
//! Archives hold whatever editors, exporters and browsers wrote over the years, so the bytes are
//! decoded by these rules, first match wins ([`parse_bytes`]):
//!
//! | the bytes | read as | warning |
//! |---|---|---|
//! | a UTF-8 byte-order mark | UTF-8, without the mark | none |
//! | a UTF-16 LE or BE byte-order mark | UTF-16; malformed code units become U+FFFD | only for malformed units |
//! | NUL bytes at the very end only (what a crash or a preallocating copy leaves) | the rest | yes |
//! | a NUL byte anywhere else | refused: "looks like a binary file, not text" | |
//! | valid UTF-8 | UTF-8 | none |
//! | UTF-8 with stray bytes: more valid multi-byte characters than invalid sequences (a Windows-1252 quote pasted into a UTF-8 file) | UTF-8, each stray sequence as Windows-1252 (U+FFFD where that gives a control character) | yes, with the count and the first line |
//! | an `.html` file whose `<meta charset>` or `http-equiv` content type, in its first 1024 bytes, names a legacy encoding | that encoding, when the bytes decode cleanly in it | yes |
//! | anything else | the encoding `chardetng` finds likeliest (Windows-1252 for Latin-1 text) | yes: "decoded as windows-1252 (the file is not UTF-8)" |
//!
//! `chardetng` always has a guess, so a guess is refused ("not valid UTF-8 …, nor text in
//! `GUESS`") when decoding with it gives a malformed sequence or a C1 control character
//! (U+0080–U+009F: Windows-1252 has only five of them, all unassigned, and no real text in a
//! legacy encoding holds them). Whatever the encoding, text in which more than one character in
//! [`CONTROL_SHARE`] is a control character (other than tab, line feed, form feed and carriage
//! return) is refused as binary. Then CRLF and lone CR become LF, so that every reader, and the
//! line numbers of its errors, see one kind of line ending.
//!
//! # Markup too deep to parse
//!
//! html5ever (behind `scraper` and `ammonia`) and pulldown-cmark take time quadratic in the depth
//! of nesting: 10,000 nested `<div>`s or `- - - …` list markers take seconds to minutes. So
//! before any of them sees a text, HTML pages, HTML bodies of JSON articles and Markdown files
//! (and the HTML they render to) are measured (`markup`: html5ever's own tree builder, watched
//! token by token; `markdown::check_nesting`) and refused beyond limits no article comes near.

mod html;
mod json;
mod listing;
mod markdown;
mod markup;
mod text;
mod walk;

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

pub use listing::Listing;
pub use markdown::MAX_NESTING as MAX_MARKDOWN_NESTING;
pub use markup::{DEPTH_PER_EXTRA_TAG, MAX_DEPTH as MAX_HTML_DEPTH, MAX_TAGS as MAX_HTML_TAGS};
pub use walk::{Found, find};

/// An article as found in a file, before anything is interpreted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    /// The file, as found by the walk or named on the command line.
    pub path: PathBuf,
    /// The path relative to the input folder it was found in, with `/` separators.
    pub rel_path: String,
    /// 1-based line where the article starts (JSON Lines) or where its metadata starts.
    pub line: Option<usize>,
    /// 1-based position of the article in a file that holds several (JSON array, JSON Lines).
    pub part: Option<usize>,
    /// The file's modification time.
    pub modified: Option<SystemTime>,
    /// `id` field.
    pub id: Option<String>,
    /// `title` field, `Title:`/`Judul:` header, or a txt file's title line.
    pub title: Option<String>,
    /// `date` field or `Date:`/`Tanggal:` header, as written (JSON numbers as their digits).
    pub date: Option<String>,
    /// `updated` field or `Updated:`/`Diperbarui:` header.
    pub updated: Option<String>,
    /// When the article was retrieved (`retrieved`/`fetched_at` field, `Retrieved:`/`Diakses:`
    /// header): what relative dates ("2 jam yang lalu") count from.
    pub retrieved: Option<String>,
    /// Author names as written, one per entry (`Name <mail>` allowed).
    pub authors: Vec<String>,
    /// `link`/`url` field or `URL:`/`Link:` header.
    pub link: Option<String>,
    /// `source` field or `Source:`/`Sumber:` header: the outlet.
    pub source: Option<String>,
    /// `tags`/`categories` fields or `Tags:`/`Kategori:` header, split into single names.
    pub categories: Vec<String>,
    /// `summary`/`description` field.
    pub summary: Option<String>,
    /// `image` field: a URL.
    pub image: Option<String>,
    /// `image.length` or `image_length` field, or `Image-Length:` header: the image file's size
    /// in bytes, for an RSS enclosure's `length` when the image is not a local file kabar can
    /// measure.
    pub image_length: Option<u64>,
    /// `lang`/`language` field or `Language:`/`Bahasa:` header.
    pub language: Option<String>,
    /// The body.
    pub body: Body,
    /// Doubts met while reading, in words (an unknown header key, a tag list given as a string).
    pub warnings: Vec<String>,
}

/// The body of an article, in the markup it was written in.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Plain text; paragraphs are separated by blank lines.
    Text(String),
    /// CommonMark.
    Markdown(String),
    /// An HTML fragment.
    Html(String),
}

impl Default for Body {
    fn default() -> Self {
        Body::Text(String::new())
    }
}

/// Why a file, or one article in it, could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file system said no.
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    /// The bytes are not UTF-8, and not text in the likeliest other encoding either.
    #[error(
        "the file is not valid UTF-8 (first bad byte at line {line}), nor text in `{guess}`, the likeliest other encoding"
    )]
    NotUtf8 {
        /// 1-based line of the first byte that is not UTF-8.
        line: usize,
        /// The encoding that was tried (`chardetng`'s guess, or the page's `<meta charset>`).
        guess: &'static str,
    },
    /// NUL bytes or control characters: an image, an archive, a database file.
    #[error("looks like a binary file, not text ({sign})")]
    Binary {
        /// What gave it away.
        sign: BinarySign,
    },
    /// Markup nested deeper than any article needs, refused before a parser spends minutes on it.
    #[error("the {markup} is nested more than {max} levels deep: no article needs that")]
    TooDeep {
        /// `HTML` or `Markdown`.
        markup: &'static str,
        /// The limit.
        max: usize,
        /// 1-based line where the limit was passed.
        line: usize,
    },
    /// An HTML page or body with more tags than any article page.
    #[error("the HTML has more than {max} tags: no article needs that many")]
    TooManyTags {
        /// The limit.
        max: usize,
        /// 1-based line where the limit was passed.
        line: usize,
    },
    /// Nothing but whitespace.
    #[error("the file is empty")]
    Empty,
    /// A file over `[input] max_bytes`, rejected without being read whole.
    #[error("the file has {size} bytes, more than `[input] max_bytes` = {max}")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// A path named on the command line or in the configuration that is not there.
    #[error("no such file or folder")]
    Missing,
    /// Malformed JSON.
    #[error("invalid JSON: {message}")]
    Json {
        /// serde_json's message, without its position.
        message: String,
        /// 1-based line.
        line: usize,
    },
    /// A JSON value that is not an article object.
    #[error("expected an article object, found {found}")]
    NotAnObject {
        /// What was found instead (`a string`, `a number`, …).
        found: &'static str,
        /// 1-based line, when known.
        line: Option<usize>,
    },
    /// A field holds the wrong kind of value.
    #[error("field `{field}` should be {expected}, found {found}")]
    FieldType {
        /// The field name as written.
        field: String,
        /// What it should hold.
        expected: &'static str,
        /// What it holds.
        found: &'static str,
        /// 1-based line, when known.
        line: Option<usize>,
    },
    /// Front matter that opens with `---` or `+++` and never closes.
    #[error("front matter opened with `{fence}` is never closed")]
    UnclosedFrontMatter {
        /// `---` or `+++`.
        fence: &'static str,
        /// 1-based line of the opening fence.
        line: usize,
    },
    /// Front matter that is not valid YAML or TOML, or not a table.
    #[error("invalid front matter: {message}")]
    FrontMatter {
        /// The parser's message.
        message: String,
        /// 1-based line in the file, when known.
        line: Option<usize>,
    },
}

impl Error {
    /// The 1-based line the problem is on, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            Error::NotUtf8 { line, .. }
            | Error::Json { line, .. }
            | Error::UnclosedFrontMatter { line, .. }
            | Error::TooDeep { line, .. }
            | Error::TooManyTags { line, .. } => Some(*line),
            Error::NotAnObject { line, .. }
            | Error::FieldType { line, .. }
            | Error::FrontMatter { line, .. } => *line,
            Error::Io(_)
            | Error::Empty
            | Error::Missing
            | Error::TooLarge { .. }
            | Error::Binary { .. } => None,
        }
    }

    /// The same error, on a line counted from `first`, the line its text starts on (the body of
    /// a JSON article is checked apart from the file).
    fn counted_from(self, first: usize) -> Error {
        match self {
            Error::TooDeep { markup, max, line } => {
                Error::TooDeep { markup, max, line: first + line - 1 }
            }
            Error::TooManyTags { max, line } => Error::TooManyTags { max, line: first + line - 1 },
            other => other,
        }
    }
}

/// What gave a binary file away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinarySign {
    /// A NUL byte (or U+0000) before the end of the file.
    Nul {
        /// 0-based offset of the first one, in bytes of the file.
        offset: usize,
    },
    /// Too many control characters.
    Controls {
        /// How many there are.
        count: usize,
        /// Among how many characters.
        of: usize,
    },
}

impl fmt::Display for BinarySign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BinarySign::Nul { offset } => write!(f, "a NUL byte at byte {offset}"),
            BinarySign::Controls { count, of } => {
                write!(f, "{count} of its {of} characters are control characters")
            }
        }
    }
}

/// The input formats, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: the news-page dump layout of the user's example.
    Text,
    /// `.md`, `.markdown`: Markdown with YAML or TOML front matter.
    Markdown,
    /// `.json`: one article object or an array of them.
    Json,
    /// `.jsonl`, `.ndjson`: one article object per line.
    JsonLines,
    /// `.html`, `.htm`: a saved article page.
    Html,
}

impl Format {
    /// The format of a path, or `None` for files kabar does not read.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

/// Where a file's text came from: what every draft of it carries.
///
/// The walk keeps one for every file of the archive, so it holds one path, not two: the path
/// relative to the input folder is where the path's text starts past the folder.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// The file.
    pub path: PathBuf,
    /// Where the relative path starts in the path's text.
    rel_start: u32,
    /// Modification time.
    pub modified: Option<SystemTime>,
    /// Size in bytes, as listed.
    pub size: u64,
}

impl Origin {
    /// The origin of `path`, found under the input folder `root`; `path` may be `root` itself
    /// (a single file named as input), whose relative path is its name.
    pub fn new(root: &Path, mut path: PathBuf, modified: Option<SystemTime>, size: u64) -> Origin {
        path.shrink_to_fit();
        let rel = match path.strip_prefix(root) {
            Ok(rel) if !rel.as_os_str().is_empty() => rel,
            _ => path.file_name().map_or(path.as_path(), Path::new),
        };
        // `to_str` first: the lossy conversion checks a valid path several times slower.
        let len = |p: &Path| p.to_str().map_or_else(|| p.to_string_lossy().len(), str::len);
        let rel_start = len(&path).saturating_sub(len(rel));
        Origin { rel_start: u32::try_from(rel_start).unwrap_or(0), path, modified, size }
    }

    /// The path relative to the input folder the file was found in, `/`-separated.
    pub fn rel_path(&self) -> String {
        let text = self.path.to_string_lossy();
        let rel = text.get(self.rel_start as usize..).unwrap_or(&text);
        match std::path::MAIN_SEPARATOR {
            '/' => rel.to_string(),
            separator => rel.replace(separator, "/"),
        }
    }

    /// The file that a reference in this article names: `img/a.jpg` next to the article,
    /// `/img/a.jpg` from the top of its input folder, percent-escapes decoded and any query or
    /// fragment dropped. `None` when it would lead out of the input folder (`../../etc/passwd`),
    /// or is not a plain path: a reference is data, and must not make kabar look anywhere else.
    pub fn resolve(&self, reference: &str) -> Option<PathBuf> {
        let path = reference.split(['?', '#']).next().filter(|p| !p.is_empty())?;
        let rel_path = self.rel_path();
        let depth = rel_path.split('/').count();
        let root = self.path.ancestors().nth(depth)?;
        let mut parts: Vec<String> = Vec::new();
        if !path.starts_with('/') {
            let folder = rel_path.rsplit_once('/').map_or("", |(folder, _)| folder);
            parts.extend(folder.split('/').filter(|p| !p.is_empty()).map(String::from));
        }
        for segment in path.split('/') {
            let segment = percent_encoding::percent_decode_str(segment).decode_utf8().ok()?;
            match &*segment {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                s if s.contains(['/', '\\', '\0']) => return None,
                s => parts.push(s.to_string()),
            }
        }
        (!parts.is_empty()).then(|| parts.iter().fold(root.to_path_buf(), |p, s| p.join(s)))
    }

    /// A draft of this file with nothing filled in yet.
    pub fn draft(&self) -> Draft {
        Draft {
            path: self.path.clone(),
            rel_path: self.rel_path(),
            modified: self.modified,
            ..Draft::default()
        }
    }
}

/// Parses a file's text in a given format: one result per article found.
///
/// Markup too deep or too large to parse in reasonable time is refused first: an HTML page
/// before html5ever sees it, a Markdown file before pulldown-cmark does (and then the HTML it
/// renders to, which the normalizer parses), the HTML body of a JSON article after the JSON is
/// read.
pub fn parse(format: Format, text: &str, origin: &Origin) -> Vec<Result<Draft, Error>> {
    parse_where(format, text, origin, &|_| true)
}

/// [`parse`], keeping only the articles whose `part` is `wanted` (a file of one article has
/// none), and errors. JSON Lines skips the other lines unparsed; the other formats parse in full.
fn parse_where(
    format: Format,
    text: &str,
    origin: &Origin,
    wanted: &dyn Fn(Option<usize>) -> bool,
) -> Vec<Result<Draft, Error>> {
    let results = match format {
        Format::Text => vec![text::parse(text, origin)],
        Format::Markdown => vec![markdown::parse(text, origin)],
        Format::Json => json::parse(text, origin),
        Format::JsonLines => json::parse_lines(text, origin, &|part| wanted(Some(part))),
        Format::Html => vec![html::parse(text, origin)],
    };
    let keep = |d: &Result<Draft, Error>| d.as_ref().map_or(true, |d| wanted(d.part));
    let json = matches!(format, Format::Json | Format::JsonLines);
    results.into_iter().filter(keep).map(|d| if json { checked_body(d) } else { d }).collect()
}

/// A JSON article, unless its HTML body is too deep or too large to parse.
fn checked_body(draft: Result<Draft, Error>) -> Result<Draft, Error> {
    let draft = draft?;
    if let Body::Html(html) = &draft.body {
        markup::check_fragment(html)
            .map_err(|r| Error::from(r).counted_from(draft.line.unwrap_or(1)))?;
    }
    Ok(draft)
}

/// Limits on what a file may be before it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Larger files are rejected without being read (`[input] max_bytes`).
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_bytes: DEFAULT_MAX_BYTES }
    }
}

/// 10 MiB: far more than any article, far less than a stray video.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// Reads one file: one result per article in it.
pub fn read(format: Format, origin: &Origin, limits: &Limits) -> Vec<Result<Draft, Error>> {
    read_parts(format, origin, limits, &|_| true)
}

/// [`read`] for a build that wants only some of a file's articles: those whose `part` is
/// `wanted`, and errors.
pub fn read_parts(
    format: Format,
    origin: &Origin,
    limits: &Limits,
    wanted: &dyn Fn(Option<usize>) -> bool,
) -> Vec<Result<Draft, Error>> {
    match load(origin, limits) {
        Ok(bytes) => parse_bytes_where(format, &bytes, origin, wanted),
        Err(e) => vec![Err(e)],
    }
}

/// The bytes of a file, unless it is larger than the limit (checked before reading, and again
/// while reading, since a file can grow in between).
pub fn load(origin: &Origin, limits: &Limits) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let file = std::fs::File::open(&origin.path)?;
    let size = file.metadata()?.len();
    if size > limits.max_bytes {
        return Err(Error::TooLarge { size, max: limits.max_bytes });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limits.max_bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(Error::TooLarge { size: bytes.len() as u64, max: limits.max_bytes });
    }
    Ok(bytes)
}

/// Parses a file's bytes: one result per article in it. What decoding had to assume (the
/// encoding of a file that is not UTF-8, bytes it replaced) opens the warnings of every draft.
pub fn parse_bytes(format: Format, bytes: &[u8], origin: &Origin) -> Vec<Result<Draft, Error>> {
    parse_bytes_where(format, bytes, origin, &|_| true)
}

fn parse_bytes_where(
    format: Format,
    bytes: &[u8],
    origin: &Origin,
    wanted: &dyn Fn(Option<usize>) -> bool,
) -> Vec<Result<Draft, Error>> {
    let decoded = match decode(bytes, format) {
        Ok(d) => d,
        Err(e) => return vec![Err(e)],
    };
    if decoded.text.trim().is_empty() {
        return vec![Err(Error::Empty)];
    }
    let mut results = parse_where(format, &decoded.text, origin, wanted);
    if !decoded.warnings.is_empty() {
        for draft in results.iter_mut().flatten() {
            draft.warnings.splice(0..0, decoded.warnings.iter().cloned());
        }
    }
    results
}

/// Text in which more than one character in this many is a control character is binary: a
/// byte in ten. Real text, in any encoding, has next to none; random bytes have about one in
/// nine (29 of the 256 byte values), and NUL bytes, the usual sign, are caught before.
pub const CONTROL_SHARE: usize = 10;

/// A file's text, and what decoding it had to assume.
#[derive(Debug)]
struct Decoded<'a> {
    text: Cow<'a, str>,
    warnings: Vec<String>,
}

/// The bytes of a file as text, by the rules of the module's table.
fn decode(bytes: &[u8], format: Format) -> Result<Decoded<'_>, Error> {
    let mut warnings = Vec::new();
    let (marked, bom) = Encoding::for_bom(bytes).map_or((None, 0), |(e, len)| (Some(e), len));
    let bytes = bytes.get(bom..).unwrap_or_default();
    let text = match marked {
        Some(encoding) if encoding != UTF_8 => utf16(encoding, bytes, bom, &mut warnings)?,
        _ => ascii_compatible(bytes, bom, format, &mut warnings)?,
    };
    binary_controls(&text)?;
    Ok(Decoded { text: unix_newlines(text), warnings })
}

/// UTF-16 after its byte-order mark (`bom` bytes long).
fn utf16(
    encoding: &'static Encoding,
    bytes: &[u8],
    bom: usize,
    warnings: &mut Vec<String>,
) -> Result<Cow<'static, str>, Error> {
    let (text, malformed) = encoding.decode_without_bom_handling(bytes);
    if malformed {
        warnings.push(format!("malformed {} replaced with U+FFFD", encoding.name()));
    }
    let kept = text.trim_end_matches('\0');
    if let Some(at) = kept.find('\0') {
        // Two bytes a code unit: the offset in the file of the first U+0000.
        let units = kept.get(..at).map_or(0, |t| t.encode_utf16().count());
        return Err(Error::Binary { sign: BinarySign::Nul { offset: bom + 2 * units } });
    }
    if kept.len() == text.len() {
        return Ok(Cow::Owned(text.into_owned()));
    }
    if kept.is_empty() {
        return Err(Error::Binary { sign: BinarySign::Nul { offset: bom } });
    }
    warnings.push(nul_padding(2 * (text.len() - kept.len())));
    Ok(Cow::Owned(kept.to_string()))
}

/// Bytes without a UTF-16 mark (after a UTF-8 one, `bom` bytes long): UTF-8, mostly UTF-8, or
/// a legacy encoding.
fn ascii_compatible<'a>(
    bytes: &'a [u8],
    bom: usize,
    format: Format,
    warnings: &mut Vec<String>,
) -> Result<Cow<'a, str>, Error> {
    let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |last| last + 1);
    let nul = bytes
        .get(..end)
        .filter(|kept| kept.contains(&0))
        .and_then(|kept| kept.iter().position(|&b| b == 0));
    if let Some(at) = nul {
        return Err(Error::Binary { sign: BinarySign::Nul { offset: bom + at } });
    }
    if end < bytes.len() {
        if end == 0 {
            return Err(Error::Binary { sign: BinarySign::Nul { offset: bom } });
        }
        warnings.push(nul_padding(bytes.len() - end));
    }
    let bytes = bytes.get(..end).unwrap_or_default();
    let valid_up_to = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(Cow::Borrowed(text)),
        Err(e) => e.valid_up_to(),
    };
    let line = line_of(bytes, valid_up_to);
    if let Some((text, count)) = mostly_utf8(bytes) {
        warnings.push(format!(
            "the file is UTF-8 except for {count} {} (the first at line {line}), read as windows-1252 or replaced with U+FFFD",
            if count == 1 { "byte" } else { "bytes" }
        ));
        return Ok(Cow::Owned(text));
    }
    let declared = match format {
        Format::Html => html::declared_encoding(bytes),
        _ => None,
    };
    if let Some(encoding) = declared
        && let Some(text) = legacy_text(encoding, bytes)
    {
        warnings.push(format!(
            "decoded as {}, as its <meta charset> says (the file is not UTF-8)",
            encoding.name()
        ));
        return Ok(Cow::Owned(text));
    }
    let encoding = guess(bytes);
    match legacy_text(encoding, bytes) {
        Some(text) => {
            warnings.push(format!("decoded as {} (the file is not UTF-8)", encoding.name()));
            Ok(Cow::Owned(text))
        }
        None => {
            // Text in no encoding: binary, when its bytes say so.
            let controls = bytes.iter().filter(|&&b| control_byte(b)).count();
            if controls * CONTROL_SHARE > bytes.len() {
                let sign = BinarySign::Controls { count: controls, of: bytes.len() };
                return Err(Error::Binary { sign });
            }
            Err(Error::NotUtf8 { line, guess: encoding.name() })
        }
    }
}

/// A control character in every ASCII-compatible encoding, as [`binary_controls`] counts them.
fn control_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r')) || b == 0x7f
}

/// The warning for NUL padding left out.
fn nul_padding(bytes: usize) -> String {
    format!("{bytes} NUL bytes at the end of the file left out (padding left by a crash or a copy)")
}

/// UTF-8 with stray bytes, when it has more valid multi-byte characters than invalid sequences:
/// the text with each invalid byte that stands alone read as Windows-1252 (the usual stray: a
/// curly quote or an `é` pasted from a legacy file) and other invalid sequences (a character
/// cut short) as U+FFFD, and how many bytes were invalid.
fn mostly_utf8(bytes: &[u8]) -> Option<(String, usize)> {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if multibyte <= invalid {
        return None;
    }
    let mut text = String::with_capacity(bytes.len() + invalid * 2);
    let mut count = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        let bad = chunk.invalid();
        count += bad.len();
        match bad {
            [] => {}
            [_] => text.extend(
                WINDOWS_1252
                    .decode_without_bom_handling(bad)
                    .0
                    .chars()
                    .map(|c| if c.is_control() { '\u{FFFD}' } else { c }),
            ),
            _ => text.push('\u{FFFD}'),
        }
    }
    Some((text, count))
}

/// The text in a legacy encoding, unless decoding finds a malformed sequence or a C1 control
/// character (the signs of a wrong guess).
fn legacy_text(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    let c1 = text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c));
    (!c1).then(|| text.into_owned())
}

/// `chardetng`'s likeliest encoding for bytes that are not UTF-8.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// Refuses text with more than one control character in [`CONTROL_SHARE`] (tab, line feed,
/// form feed and carriage return are not counted).
fn binary_controls(text: &str) -> Result<(), Error> {
    // Over bytes rather than chars, and most often in one pass that finds nothing: every file
    // passes here. In UTF-8 a C0 control or DEL is one byte, a C1 control is 0xC2 then
    // 0x80–0x9F, and every char has exactly one byte that is not a continuation byte.
    let bytes = text.as_bytes();
    let c0 = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r')) || b == 0x7f)
        .count();
    let c1 = if bytes.contains(&0xC2) {
        bytes.windows(2).filter(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1])).count()
    } else {
        0
    };
    let count = c0 + c1;
    if count == 0 {
        return Ok(());
    }
    let of = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    if count * CONTROL_SHARE > of {
        return Err(Error::Binary { sign: BinarySign::Controls { count, of } });
    }
    Ok(())
}

/// 1-based line of a byte offset; a lone CR counts as a line break, as editors count it.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let breaks = before
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')))
        .count();
    breaks + 1
}

/// CRLF and lone CR as LF; borrowed when there is no CR at all (the usual case).
fn unix_newlines(text: Cow<'_, str>) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_inside_the_input_folder_only() {
        let path = PathBuf::from("/arsip/artikel/2024/banjir.md");
        let origin = Origin::new(Path::new("/arsip/artikel"), path, None, 0);
        assert_eq!(origin.rel_path(), "2024/banjir.md");
        let cases = [
            ("img/a.jpg", Some("/arsip/artikel/2024/img/a.jpg")),
            ("./img/a%20b.jpg?w=640#top", Some("/arsip/artikel/2024/img/a b.jpg")),
            ("/img/a.jpg", Some("/arsip/artikel/img/a.jpg")),
            ("../img/a.jpg", Some("/arsip/artikel/img/a.jpg")),
            ("../../rahasia.txt", None),
            ("/../rahasia.txt", None),
            ("img%2F..%2F..%2F..%2Fx", None),
            ("a%5Cb.jpg", None),
            ("", None),
        ];
        for (reference, want) in cases {
            assert_eq!(origin.resolve(reference), want.map(PathBuf::from), "{reference}");
        }
    }

    #[test]
    fn formats_by_extension() {
        let cases = [
            ("a.txt", Some(Format::Text)),
            ("a.TXT", Some(Format::Text)),
            ("a.md", Some(Format::Markdown)),
            ("a.markdown", Some(Format::Markdown)),
            ("a.json", Some(Format::Json)),
            ("a.jsonl", Some(Format::JsonLines)),
            ("a.ndjson", Some(Format::JsonLines)),
            ("a.html", Some(Format::Html)),
            ("a.HTM", Some(Format::Html)),
            ("a.jpg", None),
            ("README", None),
        ];
        for (path, format) in cases {
            assert_eq!(Format::of(Path::new(path)), format, "{path}");
        }
    }

    /// What decoding gave: the text and the warnings, or the error's message.
    fn decoded(bytes: &[u8], format: Format) -> Result<(String, Vec<String>), String> {
        decode(bytes, format).map(|d| (d.text.into_owned(), d.warnings)).map_err(|e| {
            match e.line() {
                Some(line) => format!("{line}: {e}"),
                None => e.to_string(),
            }
        })
    }

    #[test]
    fn decoding() {
        const CP1252: &str = "decoded as windows-1252 (the file is not UTF-8)";
        let utf16le = |text: &str| -> Vec<u8> {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        };
        let utf16be = |text: &str| -> Vec<u8> {
            let mut bytes = vec![0xFE, 0xFF];
            bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            bytes
        };
        // (bytes, decoded text, warnings) or (bytes, the error)
        type Case = (Vec<u8>, Result<(&'static str, Vec<&'static str>), &'static str>);
        let cases: Vec<Case> = vec![
            (b"plain".to_vec(), Ok(("plain", vec![]))),
            (b"\xEF\xBB\xBFBOM dibuang".to_vec(), Ok(("BOM dibuang", vec![]))),
            (utf16le("Kafé “baru”\r\nbaris"), Ok(("Kafé “baru”\nbaris", vec![]))),
            (utf16be("Kafé\rbaris 😀"), Ok(("Kafé\nbaris 😀", vec![]))),
            (
                [utf16le("odd"), vec![0x41]].concat(),
                Ok(("odd\u{FFFD}", vec!["malformed UTF-16LE replaced with U+FFFD"])),
            ),
            (utf16le("a\0b"), Err("looks like a binary file, not text (a NUL byte at byte 4)")),
            (
                utf16le("ab\0\0"),
                Ok((
                    "ab",
                    vec![
                        "4 NUL bytes at the end of the file left out (padding left by a crash or a copy)",
                    ],
                )),
            ),
            (b"CRLF\r\nand CR\rlines".to_vec(), Ok(("CRLF\nand CR\nlines", vec![]))),
            // Windows-1252 / ISO-8859-1: curly quotes, an en dash, é.
            (
                b"Caf\xe9 \x93kutip\x94 \x96 baru".to_vec(),
                Ok(("Café “kutip” – baru", vec![CP1252])),
            ),
            (b"ok\nok\n\xFFbad".to_vec(), Ok(("ok\nok\nÿbad", vec![CP1252]))),
            // UTF-8 with a stray Windows-1252 quote, and with a character cut short.
            (
                "Kafé – baru… ".bytes().chain(*b"\x93kutip").collect(),
                Ok((
                    "Kafé – baru… “kutip",
                    vec![
                        "the file is UTF-8 except for 1 byte (the first at line 1), read as windows-1252 or replaced with U+FFFD",
                    ],
                )),
            ),
            (
                "é é\né ".bytes().chain(*b"\xe2\x80").collect(),
                Ok((
                    "é é\né \u{FFFD}",
                    vec![
                        "the file is UTF-8 except for 2 bytes (the first at line 2), read as windows-1252 or replaced with U+FFFD",
                    ],
                )),
            ),
            // Binary.
            (
                b"GIF89a\x01\0\x01\0".to_vec(),
                Err("looks like a binary file, not text (a NUL byte at byte 7)"),
            ),
            (
                b"text\0\0\0".to_vec(),
                Ok((
                    "text",
                    vec![
                        "3 NUL bytes at the end of the file left out (padding left by a crash or a copy)",
                    ],
                )),
            ),
            (b"\0\0\0".to_vec(), Err("looks like a binary file, not text (a NUL byte at byte 0)")),
            (
                b"\x01\x02\x03\x04text".to_vec(),
                Err(
                    "looks like a binary file, not text (4 of its 8 characters are control characters)",
                ),
            ),
            (
                b"one \x0b and \x1b[1m escapes are fine".to_vec(),
                Ok(("one \x0b and \x1b[1m escapes are fine", vec![])),
            ),
            // Not UTF-8, and the guess gives C1 controls.
            (
                b"ok\nok\nabc \x81 def".to_vec(),
                Err(
                    "3: the file is not valid UTF-8 (first bad byte at line 3), nor text in `windows-1252`, the likeliest other encoding",
                ),
            ),
        ];
        for (bytes, expected) in cases {
            let expected = expected
                .map(|(t, w)| (t.to_string(), w.into_iter().map(String::from).collect()))
                .map_err(String::from);
            assert_eq!(decoded(&bytes, Format::Text), expected, "{bytes:?}");
        }
    }

    #[test]
    fn html_declares_its_encoding() {
        let page = |meta: &str, body: &[u8]| -> Vec<u8> {
            [format!("<html><head>{meta}</head><body>").as_bytes(), body].concat()
        };
        // ISO-8859-2 (Polish): a label that is not the likeliest guess for so little text.
        let polish = b"Za\xbf\xf3\xb3\xe6 g\xea\xb6l\xb1 ja\xbc\xf1";
        let cases: &[(Vec<u8>, &str, &str)] = &[
            (
                page(r#"<meta charset="iso-8859-2">"#, polish),
                "Zażółć gęślą jaźń",
                "decoded as ISO-8859-2, as its <meta charset> says (the file is not UTF-8)",
            ),
            (
                page(
                    r#"<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">"#,
                    b"Caf\xe9",
                ),
                "Café",
                "decoded as windows-1252, as its <meta charset> says (the file is not UTF-8)",
            ),
            // A page that says UTF-8 and is not: the guess.
            (
                page(r#"<meta charset="utf-8">"#, b"Caf\xe9"),
                "Café",
                "decoded as windows-1252 (the file is not UTF-8)",
            ),
        ];
        for (bytes, text, warning) in cases {
            let (decoded, warnings) = decoded(bytes, Format::Html).unwrap();
            assert!(decoded.ends_with(text), "{decoded}");
            assert_eq!(warnings, [*warning]);
        }
        // Valid UTF-8 wins over a meta that says otherwise; a .txt file's meta is text.
        let utf8 = page(r#"<meta charset="windows-1251">"#, "Kafé".as_bytes());
        assert_eq!(decoded(&utf8, Format::Html).unwrap().1, Vec::<String>::new());
        let cyrillic = page(r#"<meta charset="koi8-r">"#, polish);
        assert_ne!(
            decoded(&cyrillic, Format::Text).unwrap().1,
            ["decoded as KOI8-R, as its <meta charset> says (the file is not UTF-8)"]
        );
    }

    #[test]
    fn decoding_warnings_reach_every_draft() {
        let bytes = b"{\"title\": \"Caf\xe9\", \"content\": \"a\"}\n{\"title\": \"b\"}\n";
        let drafts = parse_bytes(Format::JsonLines, bytes, &Origin::default());
        for draft in &drafts {
            let draft = draft.as_ref().unwrap();
            assert_eq!(draft.warnings, ["decoded as windows-1252 (the file is not UTF-8)"]);
        }
        assert_eq!(drafts[0].as_ref().unwrap().title.as_deref(), Some("Café"));
    }

    #[test]
    fn markup_too_deep_to_parse() {
        let deep = "<div>".repeat(600);
        let json_line = format!("{{\"title\": \"t\", \"content_html\": \"{deep}\"}}");
        let cases: &[(Format, String, &str)] = &[
            (
                Format::Html,
                format!("<title>t</title>\n{deep}"),
                "2: the HTML is nested more than 512 levels deep: no article needs that",
            ),
            (
                Format::Json,
                format!("[\n{{\"title\": \"ok\"}},\n{json_line}]"),
                "3: the HTML is nested more than 512 levels deep: no article needs that",
            ),
            (
                Format::JsonLines,
                format!("{{\"title\": \"ok\"}}\n\n{json_line}"),
                "3: the HTML is nested more than 512 levels deep: no article needs that",
            ),
            (
                Format::Markdown,
                format!("# t\n\n{}x", "> ".repeat(101)),
                "3: the Markdown is nested more than 100 levels deep: no article needs that",
            ),
            (
                Format::Markdown,
                format!("# t\n\n{deep}"),
                "3: the HTML is nested more than 512 levels deep: no article needs that",
            ),
        ];
        for (format, text, error) in cases {
            let results = parse(*format, text, &Origin::default());
            let errors: Vec<String> = results
                .iter()
                .filter_map(|r| r.as_ref().err())
                .map(|e| format!("{}: {e}", e.line().unwrap_or(0)))
                .collect();
            assert_eq!(errors, [*error], "{format:?}");
        }
    }
}
