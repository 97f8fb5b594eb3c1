//! The state file, `OUTPUT/.kabar-state.json`: what the last run saw, so the next one re-reads
//! only what changed.
//!
//! It is JSON, versioned, and documented in the README:
//!
//! ```json
//! { "format": "kabar-state", "version": 1, "config": "5be0f9ad3c1e7a42",
//!   "feeds": [ "categories/ekonomi/", "sources/kabar-contoh/" ],
//!   "files": { "articles/2024/a.txt": {
//!       "size": 1234, "modified_ns": 1712345678000000000, "hash": "9f86d081884c7d65",
//!       "rejected": 0,
//!       "articles": [ [ "2024/a.txt", null, "0b7c2e19a4d3f5e6", "2024-04-05T18:00:00+07:00",
//!                       "2024-04-05T18:03:00+07:00", null, ["Ekonomi"], "Kabar Contoh", 1 ] ] } } }
//! ```
//!
//! Each article is an array — id, part, fingerprint, date, first seen, changed, categories,
//! source, and the `[[feeds]]` tables that hold it as a bitmask — rather than an
//! object: an archive of 100,000 articles has a state file of tens of megabytes that every run
//! reads, and the repeated key names would be a third of it.
//!
//! `feeds` are the folders of the feeds the run published besides the main one: when one of
//! them has no feed any more (the last article of its category is gone), the next run removes
//! the files it wrote there, and nothing else. A folder kabar did not record is never touched.
//!
//! A file whose size and modification time are unchanged is not read again; one whose bytes hash
//! the same is not normalized again. `first_seen` is the file's modification time when kabar first
//! saw the article: the stand-in date of an article without one, kept so that it never moves.
//! `changed` is the time of the run that saw the article's content change: its `updated` date.
//! A state file that cannot be read, or that is not this format and version, is ignored with a
//! warning and rebuilt — never trusted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{Error, write_atomic_with};

/// The state file's name in the output folder.
pub const STATE_FILE: &str = ".kabar-state.json";
/// Written in every state file, so that a foreign JSON file is never taken for one.
pub const FORMAT: &str = "kabar-state";
/// The layout version; another version is ignored and rebuilt.
pub const VERSION: u32 = 1;

/// What the last run knew about the input files, by path.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// A hash of the kabar version and of the settings that shape the records (zone, links,
    /// outlets): records made under others are not reused.
    #[serde(with = "hex64")]
    pub config: u64,
    /// The folders of the feeds published besides the main one (`categories/ekonomi/`), relative
    /// to the output folder: what a later run may remove when their feed is gone.
    #[serde(default)]
    pub feeds: BTreeSet<String>,
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
    /// xxh3 of the bytes (hex in the file).
    #[serde(with = "hex64")]
    pub hash: u64,
    /// The articles it gave (a boxed slice: exactly as long as it needs to be, which matters
    /// for 100,000 one-article files).
    pub articles: Box<[ArticleRecord]>,
    /// How many of its articles were rejected: a file with rejections is read again every run,
    /// so that its errors are reported every run.
    #[serde(default)]
    pub rejected: usize,
}

/// One article as the last run saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "ArticleTuple", into = "ArticleTuple")]
pub struct ArticleRecord {
    /// Its id.
    pub id: String,
    /// Its position in a file of several.
    pub part: Option<usize>,
    /// xxh3 of what its file gave for it (hex in the file): a change here is a change of content.
    pub fingerprint: u64,
    /// Its own date (published, else updated), when it has one.
    pub date: Option<DateTime<FixedOffset>>,
    /// When kabar first saw it: its file's modification time then.
    pub first_seen: DateTime<FixedOffset>,
    /// When a run last saw its content change.
    pub changed: Option<DateTime<FixedOffset>>,
    /// Its categories, for the feed of each.
    pub categories: Box<[String]>,
    /// The name of its source outlet, for the feed of each.
    pub source: Option<String>,
    /// Which `[[feeds]]` tables hold it, a bit each in the order of the file: the filters are
    /// tested when the article is indexed, so a run that reads nothing still knows.
    pub feeds: u64,
}

/// An article record as the file holds it.
#[derive(Serialize, Deserialize)]
struct ArticleTuple(
    String,
    Option<usize>,
    #[serde(with = "hex64")] u64,
    #[serde(with = "date_opt")] Option<DateTime<FixedOffset>>,
    #[serde(with = "date")] DateTime<FixedOffset>,
    #[serde(with = "date_opt")] Option<DateTime<FixedOffset>>,
    Box<[String]>,
    Option<String>,
    // Left out by state files written before `[[feeds]]`.
    #[serde(default)] u64,
);

impl From<ArticleTuple> for ArticleRecord {
    fn from(t: ArticleTuple) -> Self {
        ArticleRecord {
            id: t.0,
            part: t.1,
            fingerprint: t.2,
            date: t.3,
            first_seen: t.4,
            changed: t.5,
            categories: t.6,
            source: t.7,
            feeds: t.8,
        }
    }
}

impl From<ArticleRecord> for ArticleTuple {
    fn from(r: ArticleRecord) -> Self {
        ArticleTuple(
            r.id,
            r.part,
            r.fingerprint,
            r.date,
            r.first_seen,
            r.changed,
            r.categories,
            r.source,
            r.feeds,
        )
    }
}

// The state of a large archive holds hundreds of thousands of these values: they are read from
// the text serde_json hands over, without allocating a string for each.

/// A u64 as 16 hex digits: readable, and safe from JSON readers that turn big numbers into floats.
mod hex64 {
    use serde::{Deserializer, Serializer, de};

    pub fn serialize<S: Serializer>(value: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{value:016x}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        struct Hex;
        impl de::Visitor<'_> for Hex {
            type Value = u64;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a 64-bit hex number")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<u64, E> {
                u64::from_str_radix(text, 16)
                    .map_err(|_| E::custom(format!("`{text}` is not a 64-bit hex number")))
            }
        }
        d.deserialize_str(Hex)
    }
}

/// A date as RFC 3339 with its own offset.
mod date {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserializer, Serializer, de};

    pub fn serialize<S: Serializer>(
        value: &DateTime<FixedOffset>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::model::rfc3339(value))
    }

    pub struct Rfc3339;

    impl de::Visitor<'_> for Rfc3339 {
        type Value = DateTime<FixedOffset>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an RFC 3339 date")
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            DateTime::parse_from_rfc3339(text)
                .map_err(|e| E::custom(format!("`{text}` is not an RFC 3339 date: {e}")))
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        d.deserialize_str(Rfc3339)
    }
}

/// An optional date: null or RFC 3339.
mod date_opt {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserializer, Serializer, de};

    pub fn serialize<S: Serializer>(
        value: &Option<DateTime<FixedOffset>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => super::date::serialize(v, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        struct Maybe;
        impl<'de> de::Visitor<'de> for Maybe {
            type Value = Option<DateTime<FixedOffset>>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("null or an RFC 3339 date")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                super::date::deserialize(d).map(Some)
            }
        }
        d.deserialize_option(Maybe)
    }
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    format: String,
    version: u32,
    // Defaults, so that another version or format is named as such rather than as a missing key.
    #[serde(with = "hex64", default)]
    config: u64,
    // Missing from the state of a kabar that removed no feed: it knows of none.
    #[serde(default)]
    feeds: BTreeSet<String>,
    #[serde(default)]
    files: BTreeMap<String, FileRecord>,
}

#[derive(Serialize)]
struct EnvelopeRef<'a> {
    format: &'static str,
    version: u32,
    #[serde(with = "hex64")]
    config: u64,
    feeds: &'a BTreeSet<String>,
    files: &'a BTreeMap<String, FileRecord>,
}

/// Reads the state of an output folder. A missing file is an empty state; an unreadable or
/// foreign one is an empty state and a warning saying why.
pub fn load(dir: &Path) -> (State, Option<String>) {
    let path = dir.join(STATE_FILE);
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (State::default(), None),
        Err(e) => return (State::default(), Some(ignored(&path, &e.to_string()))),
    };
    // Streamed rather than read whole: the state of a large archive is tens of megabytes, and
    // holding its text next to what it parses into would double the run's peak memory.
    let reader = std::io::BufReader::with_capacity(1 << 16, file);
    match serde_json::from_reader::<_, Envelope>(reader) {
        Ok(e) if e.format == FORMAT && e.version == VERSION => {
            (State { config: e.config, feeds: e.feeds, files: e.files }, None)
        }
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

/// Writes the state atomically, streaming it to disk.
pub fn save(dir: &Path, state: &State) -> Result<(), Error> {
    let path: PathBuf = dir.join(STATE_FILE);
    let envelope = EnvelopeRef {
        format: FORMAT,
        version: VERSION,
        config: state.config,
        feeds: &state.feeds,
        files: &state.files,
    };
    write_atomic_with(&path, |out| {
        serde_json::to_writer(&mut *out, &envelope).map_err(std::io::Error::other)?;
        out.write_all(b"\n")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> State {
        let at = DateTime::parse_from_rfc3339("2024-04-05T18:00:00+07:00").unwrap();
        let mut state = State::default();
        state.feeds.insert("categories/ekonomi/".into());
        state.files.insert(
            "articles/a.txt".into(),
            FileRecord {
                size: 10,
                modified_ns: 1_712_345_678_000_000_000,
                hash: 0xff,
                articles: Box::new([ArticleRecord {
                    id: "a.txt".into(),
                    part: None,
                    fingerprint: 0xab,
                    date: Some(at),
                    first_seen: at,
                    changed: None,
                    categories: Box::new(["Ekonomi".to_string()]),
                    source: None,
                    feeds: 0b101,
                }]),
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
        assert!(
            text.starts_with("{\"format\":\"kabar-state\",\"version\":1,\"config\":"),
            "{text}"
        );
        assert!(text.contains(",\"feeds\":[\"categories/ekonomi/\"],\"files\":{"), "{text}");
        assert!(text.contains("2024-04-05T18:00:00+07:00"));
        assert!(text.contains("\"hash\":\"00000000000000ff\""), "{text}");
        assert!(text.contains("[\"a.txt\",null,\"00000000000000ab\","), "{text}");
        assert!(text.contains(",null,[\"Ekonomi\"],null,5]"), "{text}");
        assert_eq!(load(dir.path()), (sample(), None));
    }

    #[test]
    fn records_from_before_feeds_tables_are_in_none() {
        let record = "[\"a\",null,\"ab\",null,\"2024-04-05T18:00:00+07:00\",null,[],null]";
        let record: ArticleRecord = serde_json::from_str(record).unwrap();
        assert_eq!((record.id.as_str(), record.feeds), ("a", 0));
    }

    #[test]
    fn a_state_without_feeds_knows_of_none() {
        let dir = tempfile::tempdir().unwrap();
        let text = "{\"format\":\"kabar-state\",\"version\":1,\"config\":\"0a\",\"files\":{}}";
        std::fs::write(dir.path().join(STATE_FILE), text).unwrap();
        let (state, warning) = load(dir.path());
        assert_eq!((state.config, state.feeds.len(), warning), (10, 0, None));
    }

    #[test]
    fn missing_corrupt_and_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), (State::default(), None));
        let cases = [
            (
                "{\"format\":\"kabar-state\",\"version\":1,\"config\":\"0\",\"files\":{",
                "EOF while parsing",
            ),
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
