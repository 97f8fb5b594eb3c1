//! Reading article files into [`Draft`]s: the fields as found, as strings, and the body.
//!
//! One module per input format, chosen by the file's extension ([`Format`]). Each format's
//! `parse` is a pure function of the file's text; this module does the I/O around it: walking
//! folders, reading bytes, checking the encoding, and the file's modification time. Nothing here
//! interprets a value: dates stay strings, and the normalizer decides what they mean.

mod html;
mod json;
mod markdown;
mod text;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

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
    /// The bytes are not UTF-8.
    #[error("the file is not valid UTF-8 (first bad byte at line {line})")]
    NotUtf8 {
        /// 1-based line of the first invalid byte.
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
            Error::NotUtf8 { line }
            | Error::Json { line, .. }
            | Error::UnclosedFrontMatter { line, .. } => Some(*line),
            Error::NotAnObject { line, .. }
            | Error::FieldType { line, .. }
            | Error::FrontMatter { line, .. } => *line,
            Error::Io(_) | Error::Empty | Error::Missing | Error::TooLarge { .. } => None,
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
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// The file.
    pub path: PathBuf,
    /// Relative to its input folder, `/`-separated.
    pub rel_path: String,
    /// Modification time.
    pub modified: Option<SystemTime>,
    /// Size in bytes, as listed.
    pub size: u64,
}

impl Origin {
    /// Fills in the size and modification time (the walk leaves them out).
    pub fn stat(&mut self) {
        if let Ok(metadata) = std::fs::metadata(&self.path) {
            self.size = metadata.len();
            self.modified = metadata.modified().ok();
        }
    }

    /// A draft of this file with nothing filled in yet.
    pub fn draft(&self) -> Draft {
        Draft {
            path: self.path.clone(),
            rel_path: self.rel_path.clone(),
            modified: self.modified,
            ..Draft::default()
        }
    }
}

/// Parses a file's text in a given format: one result per article found.
pub fn parse(format: Format, text: &str, origin: &Origin) -> Vec<Result<Draft, Error>> {
    match format {
        Format::Text => vec![text::parse(text, origin)],
        Format::Markdown => vec![markdown::parse(text, origin)],
        Format::Json => json::parse(text, origin),
        Format::JsonLines => json::parse_lines(text, origin),
        Format::Html => vec![html::parse(text, origin)],
    }
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
    match load(origin, limits) {
        Ok(bytes) => parse_bytes(format, &bytes, origin),
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

/// Parses a file's bytes: one result per article in it.
pub fn parse_bytes(format: Format, bytes: &[u8], origin: &Origin) -> Vec<Result<Draft, Error>> {
    let text = match decode(bytes) {
        Ok(t) => t,
        Err(e) => return vec![Err(e)],
    };
    if text.trim().is_empty() {
        return vec![Err(Error::Empty)];
    }
    parse(format, text, origin)
}

/// UTF-8 with or without a byte-order mark.
fn decode(bytes: &[u8]) -> Result<&str, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        line: bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1,
    })
}

/// What a walk over the input folders found.
#[derive(Debug, Default)]
pub struct Found {
    /// Article files with their format, in a stable order.
    pub files: Vec<(Format, Origin)>,
    /// Files passed over: hidden, or of an extension kabar does not read.
    pub skipped: usize,
    /// Folders or files that could not be listed.
    pub errors: Vec<(PathBuf, Error)>,
}

/// Lists the article files under each root (a folder, walked recursively, or a single file).
///
/// Hidden files and folders (a name starting with `.`) and other extensions are skipped and
/// counted. The order is the walk's sorted order, though nothing downstream depends on it.
pub fn find(roots: &[PathBuf]) -> Found {
    let mut found = Found::default();
    for root in roots {
        if !root.exists() {
            found.errors.push((root.clone(), Error::Missing));
            continue;
        }
        let mut walk =
            walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_path_buf();
                    let io = e.into_io_error().unwrap_or_else(|| {
                        std::io::Error::other("a symbolic link points back to a folder above it")
                    });
                    found.errors.push((path, Error::Io(io)));
                    continue;
                }
            };
            // A hidden file or folder counts once as skipped; nothing inside a hidden folder is read.
            if entry.depth() > 0 && is_hidden(entry.file_name()) {
                found.skipped += 1;
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
            if entry.file_type().is_dir() {
                continue;
            }
            let path = entry.path();
            let Some(format) = Format::of(path) else {
                found.skipped += 1;
                continue;
            };
            let rel = path.strip_prefix(root).unwrap_or(path);
            let rel_path = if rel.as_os_str().is_empty() {
                path.file_name().unwrap_or_default().to_string_lossy().into_owned()
            } else {
                rel.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/")
            };
            // Size and modification time are left for `Origin::stat`, which callers run in
            // parallel: one stat per file is most of what a walk of a large archive costs.
            let (modified, size) = (None, 0);
            found
                .files
                .push((format, Origin { path: path.to_path_buf(), rel_path, modified, size }));
        }
    }
    found
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn decode_strips_a_bom_and_finds_the_bad_line() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap(), "hi");
        match decode(b"ok\nok\n\xFFbad") {
            Err(Error::NotUtf8 { line }) => assert_eq!(line, 3),
            other => panic!("{other:?}"),
        }
    }
}
