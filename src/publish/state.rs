//! The state file, `OUTPUT/.kabar-state.json`: what the last run saw, so the next one re-reads
//! only what changed.
//!
//! It is JSON, versioned, and documented in the README:
//!
//! ```json
//! { "format": "kabar-state", "version": 1,
//!   "files": { "articles/2024/a.txt": {
//!       "size": 1234, "modified_ns": 1712345678000000000, "hash": "9f86d081884c7d65",
//!       "articles": [ { "id": "2024/a.txt", "part": null, "fingerprint": "…",
//!                       "date": "2024-04-05T18:00:00+07:00",
//!                       "first_seen": "2024-04-05T18:03:00+07:00", "changed": null } ] } } }
//! ```
//!
//! A file whose size and modification time are unchanged is not read again; one whose bytes hash
//! the same is not normalized again. `first_seen` is the file's modification time when kabar first
//! saw the article: the stand-in date of an article without one, kept so that it never moves.
//! `changed` is the time of the run that saw the article's content change: its `updated` date.
//! A state file that cannot be read, or that is not this format and version, is ignored with a
//! warning and rebuilt — never trusted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{Error, Outcome, write_atomic};

/// The state file's name in the output folder.
pub const STATE_FILE: &str = ".kabar-state.json";
/// Written in every state file, so that a foreign JSON file is never taken for one.
pub const FORMAT: &str = "kabar-state";
/// The layout version; another version is ignored and rebuilt.
pub const VERSION: u32 = 1;

/// What the last run knew about the input files, by path.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// Input files by their path as found.
    pub files: BTreeMap<String, FileRecord>,
}

/// One input file as the last run saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileRecord {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub modified_ns: i64,
    /// xxh3 of the bytes, hex.
    pub hash: String,
    /// The articles it gave.
    pub articles: Vec<ArticleRecord>,
    /// How many of its articles were rejected: a file with rejections is read again every run,
    /// so that its errors are reported every run.
    #[serde(default)]
    pub rejected: usize,
}

/// One article as the last run saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// Its id.
    pub id: String,
    /// Its position in a file of several.
    pub part: Option<usize>,
    /// xxh3 of what readers see of it, hex: a change here is a change of content.
    pub fingerprint: String,
    /// Its own date (published, else updated), when it has one.
    pub date: Option<DateTime<FixedOffset>>,
    /// When kabar first saw it: its file's modification time then.
    pub first_seen: DateTime<FixedOffset>,
    /// When a run last saw its content change.
    pub changed: Option<DateTime<FixedOffset>>,
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    format: String,
    version: u32,
    files: BTreeMap<String, FileRecord>,
}

#[derive(Serialize)]
struct EnvelopeRef<'a> {
    format: &'static str,
    version: u32,
    files: &'a BTreeMap<String, FileRecord>,
}

/// Reads the state of an output folder. A missing file is an empty state; an unreadable or
/// foreign one is an empty state and a warning saying why.
pub fn load(dir: &Path) -> (State, Option<String>) {
    let path = dir.join(STATE_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (State::default(), None),
        Err(e) => return (State::default(), Some(ignored(&path, &e.to_string()))),
    };
    match serde_json::from_slice::<Envelope>(&bytes) {
        Ok(e) if e.format == FORMAT && e.version == VERSION => (State { files: e.files }, None),
        Ok(e) if e.format == FORMAT => (
            State::default(),
            Some(ignored(&path, &format!("version `{}` is not {VERSION}", e.version))),
        ),
        Ok(e) => (
            State::default(),
            Some(ignored(&path, &format!("format `{}` is not `{FORMAT}`", e.format))),
        ),
        Err(e) => (State::default(), Some(ignored(&path, &e.to_string()))),
    }
}

fn ignored(path: &Path, why: &str) -> String {
    format!(
        "{}: warning: the state file is ignored and rebuilt ({why}): every file is read again",
        path.display()
    )
}

/// Writes the state atomically (unchanged bytes are left alone).
pub fn save(dir: &Path, state: &State) -> Result<Outcome, Error> {
    let path: PathBuf = dir.join(STATE_FILE);
    let envelope = EnvelopeRef { format: FORMAT, version: VERSION, files: &state.files };
    let mut bytes = serde_json::to_vec(&envelope)
        .map_err(|e| Error { path: path.clone(), source: std::io::Error::other(e) })?;
    bytes.push(b'\n');
    write_atomic(&path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> State {
        let at = DateTime::parse_from_rfc3339("2024-04-05T18:00:00+07:00").unwrap();
        let mut state = State::default();
        state.files.insert(
            "articles/a.txt".into(),
            FileRecord {
                size: 10,
                modified_ns: 1_712_345_678_000_000_000,
                hash: "00ff".into(),
                articles: vec![ArticleRecord {
                    id: "a.txt".into(),
                    part: None,
                    fingerprint: "ab".into(),
                    date: Some(at),
                    first_seen: at,
                    changed: None,
                }],
                rejected: 0,
            },
        );
        state
    }

    #[test]
    fn round_trip_keeps_offsets() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), &sample()).unwrap();
        let text = std::fs::read_to_string(dir.path().join(STATE_FILE)).unwrap();
        assert!(text.starts_with("{\"format\":\"kabar-state\",\"version\":1,"), "{text}");
        assert!(text.contains("2024-04-05T18:00:00+07:00"));
        assert_eq!(load(dir.path()), (sample(), None));
        assert_eq!(save(dir.path(), &sample()).unwrap(), Outcome::Unchanged);
    }

    #[test]
    fn missing_corrupt_and_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), (State::default(), None));
        let cases = [
            ("{\"format\":\"kabar-state\",\"version\":1,\"files\":{", "EOF while parsing"),
            ("{\"format\":\"kabar-state\",\"version\":7,\"files\":{}}", "version `7` is not 1"),
            (
                "{\"format\":\"other\",\"version\":1,\"files\":{}}",
                "format `other` is not `kabar-state`",
            ),
            ("[1,2,3]", "invalid type"),
            ("\u{0}\u{1}binary", "expected value"),
        ];
        for (text, why) in cases {
            std::fs::write(dir.path().join(STATE_FILE), text).unwrap();
            let (state, warning) = load(dir.path());
            assert_eq!(state, State::default());
            let warning = warning.unwrap();
            assert!(
                warning.contains("the state file is ignored and rebuilt") && warning.contains(why),
                "{text}: {warning}"
            );
        }
    }
}
