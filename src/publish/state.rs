//! The state file, `OUTPUT/.kabar-state`: what the last run saw, so the next one re-reads only
//! what changed, and renders nothing when nothing did.
//!
//! A file whose size and modification time are unchanged is not read again; one whose bytes hash
//! the same is not normalized again. `first_seen` is the file's modification time when kabar first
//! saw the article: the stand-in date of an article without one, kept so that it never moves.
//! `changed` is the time of the run that saw the article's content change: its `updated` date.
//!
//! It is binary, because every run reads all of it: an archive of 100,000 articles had a JSON
//! state of 30 MB that took a no-op run a quarter of its time to parse. The layout, all
//! integers little-endian:
//!
//! ```text
//! "kabar-state\n"                        12 bytes: not a state file without them
//! version                                u32, 8: another version is not read
//! frame: FileEntry  × count              path, size, modification time, hash, articles
//! 0xFFFF_FFFF                            u32: the end of the files (no frame is that long)
//! frame: Header                          config and render hashes, feeds, outputs, counts
//! xxh3-64 of every byte before it        8 bytes: a damaged file is never trusted
//! ```
//!
//! where a frame is a u32 length and that many bytes of [postcard](https://postcard.jamesmunns.com)
//! encoding the struct below of the same name. Files come one frame each so that a run can take
//! each record as it is read, straight to the file it belongs to. The file is read a frame at a
//! time and never held whole: a record remembers where its articles are, and a run that needs
//! them reads them back a chunk of files at a time ([`Span`]). The header comes last so that
//! a run can write each file's record as soon as it has indexed the file ([`Writer`]), and hold
//! none of them: what the header says is known only at the end of the run. A state file that
//! cannot be read, that is damaged, or that is not this format and version, is ignored with a
//! warning and rebuilt: every file is read again.
//!
//! A file's articles are a byte string inside its frame, postcard of `[ArticleRecord]`, decoded
//! only when the run needs them ([`StoredRecord::open`]): a run in which no file changed needs
//! none of them, and decoding 100,000 records was a third of such a run. A file that did not
//! change has its byte string written again as it was read. Files are written in the order of
//! their paths' bytes, the order the walk gives, so a run can match each record to its file as
//! it reads them, without a table of every path.
//!
//! `feeds` are the folders of the feeds the run published besides the main one: when one of them
//! has no feed any more (the last article of its category is gone), the next run removes the files
//! it wrote there, and nothing else. A folder kabar did not record is never touched. `outputs` are
//! the files the run published with their size and modification time: when no input changed, the
//! settings render the same (`render`), and every output is still as it was left, the run renders
//! nothing at all. `assets` are the local image files the run measured for enclosure lengths:
//! one that grew or shrank (or appeared, or went) makes the next run render again.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::{AtomicFile, Error};

/// The state file's name in the output folder.
pub const STATE_FILE: &str = ".kabar-state";
/// The JSON state of kabar before 0.2, removed once the binary one is written.
const OLD_STATE_FILE: &str = ".kabar-state.json";
/// The first bytes of every state file, so that a foreign file is never taken for one.
pub const MAGIC: &[u8; 12] = b"kabar-state\n";
/// The layout version; another version is ignored and rebuilt.
pub const VERSION: u32 = 8;
/// Where the file frames end: a length no frame has.
const END_OF_FILES: u32 = u32::MAX;
/// A frame longer than this is damage, not a record (a JSON Lines file of a million articles
/// makes a frame of about 100 MB).
const MAX_FRAME: usize = 1 << 30;

/// What the last run knew besides its records of the input files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// A hash of the kabar version and of the settings that shape the records (zone, links,
    /// outlets, which feeds are made): records made under others are not reused.
    pub config: u64,
    /// A hash of the kabar version and of all the settings: outputs rendered under others are
    /// rendered again.
    pub render: u64,
    /// The folders of the feeds published besides the main one (`categories/ekonomi/`), relative
    /// to the output folder: what a later run may remove when their feed is gone.
    pub feeds: BTreeSet<String>,
    /// The files the run published, relative to the output folder.
    pub outputs: Vec<Output>,
    /// How many articles the run accepted: what the summary of a run that finds nothing changed
    /// says again without looking at any article.
    pub accepted: u64,
    /// How many feed files it made, for that summary too.
    pub feed_files: u64,
    /// Rejections and warnings of the selection itself (an article without a date under
    /// `missing_date = "reject"`, two articles with one id): a run that makes any is done in
    /// full every time, so that it reports them every time.
    pub notes: u64,
    /// The local image files the published items' enclosures were measured from.
    pub assets: Vec<Asset>,
    /// A hash of what the feeds were made of: each feed's folder and title, and each item's file,
    /// fingerprint and dates. A run in which files changed but no feed's items did (an old
    /// article edited, a new one too old to be shown) renders nothing, and only saves its state.
    pub selection: u64,
    /// Each feed's items and where it ends, for a run in which a few files changed: from the
    /// articles of those files alone it can tell which items every feed holds now, without an
    /// index of every article.
    pub frontier: Option<Frontier>,
}

/// What a run needs to tell, from the files that changed alone, which items every feed holds:
/// every article's id (as a hash: an id that is taken makes a duplicate), and each feed's items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frontier {
    /// The xxh3 of every accepted article's id, in order.
    pub ids: Vec<u64>,
    /// Every feed the run made, in the order it made them.
    pub feeds: Vec<Edge>,
}

/// One feed as a run left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edge {
    /// Which articles it is made of.
    pub group: Group,
    /// Its items, in feed order: as many as it may hold, or every article of its group when
    /// there are fewer. When it is full, an article that sorts after the last stays out.
    pub items: Vec<Shown>,
    /// For a feed of a category or an outlet, the name it is shown under (the first spelling in
    /// sort order of the names that differ only in case) and how many of its articles' names
    /// are spelled so: while one is, the feed keeps its title.
    pub name: String,
    /// How many of its articles' names are spelled as `name`.
    pub uses: u64,
    /// The local image files its items' enclosures were measured from: a run that leaves the
    /// feed as it is still lists them in the state's `assets`.
    pub assets: Vec<Asset>,
}

/// Which articles a feed is made of.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Group {
    /// Every article: the main feed.
    Main,
    /// Those a `[[feeds]]` table holds, by its place in the file.
    Filtered(u32),
    /// Those of a category, by its name in lowercase.
    Category(String),
    /// Those of a source outlet, by its name in lowercase.
    Source(String),
}

/// An item of a feed: what ranks it, finds it again, and tells whether it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    /// Its file, by its path as found.
    pub key: String,
    /// Its place in a file of several.
    pub part: Option<u64>,
    /// Its id, which breaks ties of date.
    pub id: String,
    /// The date it sorts by.
    #[serde(with = "stamp_opt")]
    pub date: Option<DateTime<FixedOffset>>,
    /// When a run last saw its content change.
    #[serde(with = "stamp_opt")]
    pub changed: Option<DateTime<FixedOffset>>,
    /// A hash of what its file gave for it.
    pub fingerprint: u64,
}

/// A local image file an enclosure's `length` was read from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Asset {
    /// As the build found it (the input folder joined with the article's reference).
    pub path: String,
    /// Its size in bytes; `None` when there was no such file.
    pub size: Option<u64>,
}

impl Asset {
    /// Measures `path`: its size when it is a regular file (through symbolic links).
    pub fn measure(path: &Path) -> Option<u64> {
        std::fs::metadata(path).ok().filter(std::fs::Metadata::is_file).map(|m| m.len())
    }

    /// Whether the file is still the size it was.
    pub fn unchanged(&self) -> bool {
        Self::measure(Path::new(&self.path)) == self.size
    }
}

/// A published file as the run that wrote it left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    /// Relative to the output folder, such as `categories/ekonomi/rss.xml`.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub modified_ns: i64,
}

/// One input file as a run indexes it: its articles encoded as the state file holds them. The
/// encoding is what the new state file is written from as the run goes, and a file that did not
/// change keeps the very bytes the last state file held; the articles are read in place from it
/// ([`articles`](Self::articles)), without an allocation per field.
#[derive(Debug, Clone, PartialEq)]
pub struct FileRecord<'s> {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub modified_ns: i64,
    /// xxh3 of the bytes.
    pub hash: u64,
    /// How many of its articles were rejected: a file with rejections is read again every run,
    /// so that its errors are reported every run.
    pub rejected: u32,
    /// Postcard of `[ArticleRecord]`: decoded at least once already, by [`FileRecord::new`]'s
    /// encoding or by [`StoredRecord::open`].
    encoded: Cow<'s, [u8]>,
}

impl FileRecord<'static> {
    /// The record of a file just read.
    pub fn new(
        size: u64,
        modified_ns: i64,
        hash: u64,
        rejected: u32,
        articles: &[ArticleRecord],
    ) -> FileRecord<'static> {
        let encoded = postcard::to_allocvec(articles).expect("an article record always encodes");
        FileRecord { size, modified_ns, hash, rejected, encoded: Cow::Owned(encoded) }
    }
}

impl FileRecord<'_> {
    /// Its articles, read in place.
    pub fn articles(&self) -> Vec<ArticleView<'_>> {
        decode(&self.encoded).expect("a record is read once before it is kept, and reads the same")
    }
}

fn decode(encoded: &[u8]) -> Result<Vec<ArticleView<'_>>, String> {
    postcard::from_bytes(encoded).map_err(|e| e.to_string())
}

/// A file's record as the state file holds it: its articles still encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRecord {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub modified_ns: i64,
    /// xxh3 of the bytes.
    pub hash: u64,
    /// How many of its articles were rejected.
    pub rejected: u32,
    /// Where postcard of its `[ArticleRecord]` lies in the state file: read again, with the
    /// records around it, only when the run needs it ([`Span`]).
    articles: std::ops::Range<u64>,
}

impl StoredRecord {
    /// The record, borrowing its encoding from `state`, and its articles read in place. An
    /// error means the state was written by a kabar that encoded them otherwise under the same
    /// version: the file is then read again.
    pub fn open(self, span: &Span) -> Result<(FileRecord<'_>, Vec<ArticleView<'_>>), String> {
        let encoded = self.encoded_in(span)?;
        Ok((self.with(encoded), decode(encoded)?))
    }

    /// The record, borrowing its encoding from `span` as it is, not decoded: to be written again
    /// to a new state file (the checksum of the file it came from vouches for it).
    pub fn borrow<'a>(&self, span: &'a Span) -> Result<FileRecord<'a>, String> {
        Ok(self.with(self.encoded_in(span)?))
    }

    fn encoded_in<'a>(&self, span: &'a Span) -> Result<&'a [u8], String> {
        let outside = || "a record outside the bytes read".to_string();
        let start = self.articles.start.checked_sub(span.start).ok_or_else(outside)?;
        let end = self.articles.end.checked_sub(span.start).ok_or_else(outside)?;
        span.bytes.get(start as usize..end as usize).ok_or_else(outside)
    }

    fn with<'a>(&self, encoded: &'a [u8]) -> FileRecord<'a> {
        FileRecord {
            size: self.size,
            modified_ns: self.modified_ns,
            hash: self.hash,
            rejected: self.rejected,
            encoded: Cow::Borrowed(encoded),
        }
    }
}

impl FileRecord<'_> {
    /// The record with its encoding copied, to be kept past the bytes it was read from.
    pub fn into_owned(self) -> FileRecord<'static> {
        FileRecord { encoded: Cow::Owned(self.encoded.into_owned()), ..self }
    }
}

/// The records of a run of files read back from the state file, from the first one's articles
/// to the last one's: what one chunk of a run's files needs, read in one go.
#[derive(Debug, Default)]
pub struct Span {
    start: u64,
    bytes: Vec<u8>,
}

impl Span {
    /// Reads the bytes that hold `records` from the state file `file`. A read that fails gives
    /// no bytes: the records then do not open, and their files are read again.
    pub fn read<'r>(
        file: Option<&mut std::fs::File>,
        records: impl Iterator<Item = &'r StoredRecord>,
    ) -> Span {
        use std::io::{Read, Seek};
        let Some(file) = file else { return Span::default() };
        let (mut start, mut end) = (u64::MAX, 0);
        for record in records {
            start = start.min(record.articles.start);
            end = end.max(record.articles.end);
        }
        if start >= end {
            return Span::default();
        }
        let mut bytes = vec![0; (end - start) as usize];
        let read =
            file.seek(std::io::SeekFrom::Start(start)).and_then(|_| file.read_exact(&mut bytes));
        match read {
            Ok(()) => Span { start, bytes },
            Err(_) => Span::default(),
        }
    }
}

/// An [`ArticleRecord`] read in place from its encoding, field for field.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ArticleView<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its position in a file of several.
    pub part: Option<usize>,
    /// xxh3 of what its file gave for it.
    pub fingerprint: u64,
    /// Its own date (published, else updated), when it has one.
    #[serde(with = "stamp_opt")]
    pub date: Option<DateTime<FixedOffset>>,
    /// When kabar first saw it.
    #[serde(with = "stamp")]
    pub first_seen: DateTime<FixedOffset>,
    /// When a run last saw its content change.
    #[serde(with = "stamp_opt")]
    pub changed: Option<DateTime<FixedOffset>>,
    /// Its categories.
    #[serde(borrow)]
    pub categories: Vec<&'a str>,
    /// The name of its source outlet.
    #[serde(borrow)]
    pub source: Option<&'a str>,
    /// Which `[[feeds]]` tables hold it.
    pub feeds: u64,
}

/// One article as the last run saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// Its id.
    pub id: Box<str>,
    /// Its position in a file of several.
    pub part: Option<usize>,
    /// xxh3 of what its file gave for it: a change here is a change of content.
    pub fingerprint: u64,
    /// Its own date (published, else updated), when it has one.
    #[serde(with = "stamp_opt")]
    pub date: Option<DateTime<FixedOffset>>,
    /// When kabar first saw it: its file's modification time then.
    #[serde(with = "stamp")]
    pub first_seen: DateTime<FixedOffset>,
    /// When a run last saw its content change.
    #[serde(with = "stamp_opt")]
    pub changed: Option<DateTime<FixedOffset>>,
    /// Its categories, for the feed of each (empty unless category feeds are made).
    pub categories: Box<[Box<str>]>,
    /// The name of its source outlet, for the feed of each (unless source feeds are off).
    pub source: Option<Box<str>>,
    /// Which `[[feeds]]` tables hold it, a bit each in the order of the file: the filters are
    /// tested when the article is indexed, so a run that reads nothing still knows.
    pub feeds: u64,
}

#[derive(Deserialize)]
struct Header {
    state: State,
    /// How many file frames follow.
    files: u64,
}

#[derive(Serialize)]
struct HeaderRef<'a> {
    state: &'a State,
    files: u64,
}

#[derive(Serialize)]
struct FileEntryRef<'a> {
    path: &'a str,
    size: u64,
    modified_ns: i64,
    hash: u64,
    rejected: u32,
    articles: Blob<'a>,
}

#[derive(Deserialize)]
struct FileEntry<'a> {
    path: &'a str,
    size: u64,
    modified_ns: i64,
    hash: u64,
    rejected: u32,
    articles: &'a [u8],
}

/// Bytes written as one byte string (a length and the bytes), which `&[u8]` reads back
/// borrowed: serde would write a slice as a sequence of numbers.
struct Blob<'a>(&'a [u8]);

impl Serialize for Blob<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

/// A date as its instant and its offset: seconds and nanoseconds of the Unix time, and the offset
/// in seconds east of UTC.
mod stamp {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

    pub fn serialize<S: Serializer>(
        value: &DateTime<FixedOffset>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let stamp =
            (value.timestamp(), value.timestamp_subsec_nanos(), value.offset().local_minus_utc());
        stamp.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let (secs, nanos, offset) = <(i64, u32, i32)>::deserialize(d)?;
        let zone = FixedOffset::east_opt(offset).ok_or_else(|| de::Error::custom("bad offset"))?;
        DateTime::from_timestamp(secs, nanos)
            .map(|utc| utc.with_timezone(&zone))
            .ok_or_else(|| de::Error::custom("date out of range"))
    }
}

mod stamp_opt {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Stamp(#[serde(with = "super::stamp")] DateTime<FixedOffset>);

    pub fn serialize<S: Serializer>(
        value: &Option<DateTime<FixedOffset>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        value.map(Stamp).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        Ok(Option::<Stamp>::deserialize(d)?.map(|s| s.0))
    }
}

/// Reads the state of an output folder, handing each file's record to `claim` as it is read (by
/// its path as found). A missing state is the empty state; an unreadable, damaged or foreign one
/// is the empty state and a warning saying why — and then the records `claim` took so far are
/// not to be trusted either. Gives the state, how many records `claim` did not want (files that
/// are gone), and the warning.
pub fn load(dir: &Path, claim: &mut dyn FnMut(&str, StoredRecord) -> bool) -> Loaded {
    let path = dir.join(STATE_FILE);
    let file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Loaded::default(),
        Err(e) => return Loaded::ignored(&path, &e.to_string()),
    };
    let mut frames = Frames {
        file: std::io::BufReader::with_capacity(1 << 16, file),
        at: 0,
        hasher: Xxh3::new(),
        frame: Vec::new(),
    };
    match read_all(&mut frames, claim) {
        Ok((state, unclaimed)) => {
            let file = Some(frames.file.into_inner());
            Loaded { state, unclaimed, warning: None, file }
        }
        Err(why) => Loaded::ignored(&path, &why),
    }
}

/// What [`load`] gave.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The state, or the empty state.
    pub state: State,
    /// Records that `claim` did not take: files that are gone.
    pub unclaimed: usize,
    /// Why the state file was ignored.
    pub warning: Option<String>,
    /// The state file, open, to read the records handed to `claim` from ([`Span::read`]).
    pub file: Option<std::fs::File>,
}

impl Loaded {
    fn ignored(path: &Path, why: &str) -> Loaded {
        let warning = format!(
            "{}: warning: the state file is ignored and rebuilt ({why}): every file is read again",
            path.display()
        );
        Loaded { warning: Some(warning), ..Loaded::default() }
    }
}

/// The state file, read frame by frame and hashed as it goes: a run holds one frame of it at a
/// time, not the whole file (tens of megabytes for a large archive).
struct Frames {
    file: std::io::BufReader<std::fs::File>,
    /// Where the next byte is in the file.
    at: u64,
    hasher: Xxh3,
    /// The last frame read.
    frame: Vec<u8>,
}

impl Frames {
    fn fill(&mut self, buffer: &mut [u8]) -> Result<(), String> {
        use std::io::Read;
        self.file.read_exact(buffer).map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => "it ends too soon".to_string(),
            _ => e.to_string(),
        })?;
        self.hasher.update(buffer);
        self.at += buffer.len() as u64;
        Ok(())
    }

    fn word(&mut self) -> Result<u32, String> {
        let mut word = [0; 4];
        self.fill(&mut word)?;
        Ok(u32::from_le_bytes(word))
    }

    /// Reads a frame of `len` bytes; gives where it starts in the file.
    fn frame(&mut self, len: u32) -> Result<u64, String> {
        let len = len as usize;
        if len > MAX_FRAME {
            return Err(format!("a frame of {len} bytes"));
        }
        let mut frame = std::mem::take(&mut self.frame);
        frame.resize(len, 0);
        let start = self.at;
        let filled = self.fill(&mut frame);
        self.frame = frame;
        filled.map(|()| start)
    }

    fn decode<'a, T: Deserialize<'a>>(&'a self) -> Result<T, String> {
        postcard::from_bytes(&self.frame).map_err(|e| e.to_string())
    }
}

fn read_all(
    reader: &mut Frames,
    claim: &mut dyn FnMut(&str, StoredRecord) -> bool,
) -> Result<(State, usize), String> {
    let mut magic = [0; MAGIC.len()];
    reader.fill(&mut magic)?;
    if magic != *MAGIC {
        return Err("it is not a kabar state file".into());
    }
    let version = reader.word()?;
    if version != VERSION {
        return Err(format!("version {version} is not {VERSION}"));
    }
    let mut unclaimed = 0;
    let mut files = 0;
    loop {
        let len = reader.word()?;
        if len == END_OF_FILES {
            break;
        }
        let start = reader.frame(len)?;
        let entry: FileEntry = reader.decode()?;
        let offset = entry.articles.as_ptr() as u64 - reader.frame.as_ptr() as u64;
        let record = StoredRecord {
            size: entry.size,
            modified_ns: entry.modified_ns,
            hash: entry.hash,
            rejected: entry.rejected,
            articles: start + offset..start + offset + entry.articles.len() as u64,
        };
        files += 1;
        if !claim(entry.path, record) {
            unclaimed += 1;
        }
    }
    let len = reader.word()?;
    reader.frame(len)?;
    let header: Header = reader.decode()?;
    if header.files != files {
        return Err(format!("it has {files} file records, not {}", header.files));
    }
    let expected = reader.hasher.digest();
    let mut found = [0; 8];
    reader.fill(&mut found)?;
    if u64::from_le_bytes(found) != expected {
        return Err("its checksum does not match: it is damaged".into());
    }
    if reader.fill(&mut [0]).is_ok() {
        return Err("it goes on after its checksum".into());
    }
    Ok((header.state, unclaimed))
}

/// A state file being written: the record of each file as the run indexes it, then the state,
/// all put in place at once by [`finish`](Self::finish). Dropped unfinished, it leaves the state
/// file of the last run as it was.
pub struct Writer {
    out: Hashed,
    files: u64,
}

impl Writer {
    /// Starts the state file of the output folder `dir`.
    pub fn create(dir: &Path) -> Result<Writer, Error> {
        let file = AtomicFile::create(&dir.join(STATE_FILE))?;
        let mut out = Hashed { file, hasher: Xxh3::new(), buffer: Vec::new() };
        out.put(MAGIC)?;
        out.put(&VERSION.to_le_bytes())?;
        Ok(Writer { out, files: 0 })
    }

    /// Writes the record of the file found at `path`, after those written before it.
    pub fn file(&mut self, path: &str, record: &FileRecord) -> Result<(), Error> {
        self.files += 1;
        self.out.frame(&FileEntryRef {
            path,
            size: record.size,
            modified_ns: record.modified_ns,
            hash: record.hash,
            rejected: record.rejected,
            articles: Blob(&record.encoded),
        })
    }

    /// Ends the file with `state`, and puts it in place of the last one; then removes the JSON
    /// state of an older kabar, which this one has replaced.
    pub fn finish(mut self, state: &State) -> Result<(), Error> {
        self.out.put(&END_OF_FILES.to_le_bytes())?;
        self.out.frame_unheld(&HeaderRef { state, files: self.files })?;
        let digest = self.out.hasher.digest();
        self.out.put_unhashed(&digest.to_le_bytes())?;
        let dir = self.out.file.path().parent().unwrap_or(Path::new(".")).to_path_buf();
        self.out.file.commit()?;
        match std::fs::remove_file(dir.join(OLD_STATE_FILE)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(Error { path: dir.join(OLD_STATE_FILE), source: e })
            }
            _ => Ok(()),
        }
    }
}

struct Hashed {
    file: AtomicFile,
    hasher: Xxh3,
    buffer: Vec<u8>,
}

impl Hashed {
    fn put(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.hasher.update(bytes);
        self.put_unhashed(bytes)
    }

    fn put_unhashed(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let file = &mut self.file;
        file.write_all(bytes).map_err(|source| Error { path: file.path().to_path_buf(), source })
    }

    fn frame<T: Serialize>(&mut self, value: &T) -> Result<(), Error> {
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.clear();
        let buffer = postcard::to_extend(value, buffer).map_err(|e| self.fail(e))?;
        let len = self.frame_len(buffer.len())?;
        self.put(&len)?;
        self.put(&buffer)?;
        self.buffer = buffer;
        Ok(())
    }

    /// Puts a frame as [`frame`](Self::frame) does, encoded twice instead of held: the header
    /// carries a hash of every article's id (3 MB at 300,000 articles), and held it was the
    /// largest buffer of a build's last moment, when its peak is reached.
    fn frame_unheld<T: Serialize>(&mut self, value: &T) -> Result<(), Error> {
        let size = postcard::experimental::serialized_size(value).map_err(|e| self.fail(e))?;
        let len = self.frame_len(size)?;
        self.put(&len)?;
        let mut through = Through { out: self, error: None };
        if let Err(e) = postcard::to_io(value, &mut through) {
            // postcard tells a failed write as a full buffer: the write's own error says more.
            return Err(through.error.unwrap_or_else(|| through.out.fail(e)));
        }
        Ok(())
    }

    /// The length a frame of `size` bytes starts with.
    fn frame_len(&self, size: usize) -> Result<[u8; 4], Error> {
        let len = u32::try_from(size).ok().filter(|&len| len as usize <= MAX_FRAME);
        len.map(u32::to_le_bytes).ok_or_else(|| self.fail(format!("a record of {size} bytes")))
    }

    fn fail(&self, problem: impl ToString) -> Error {
        Error {
            path: self.file.path().to_path_buf(),
            source: std::io::Error::other(problem.to_string()),
        }
    }
}

/// Bytes written through it are hashed and put in the file; the first error is kept whole.
struct Through<'a> {
    out: &'a mut Hashed,
    error: Option<Error>,
}

impl Write for Through<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self.out.put(bytes) {
            Ok(()) => Ok(bytes.len()),
            Err(e) => {
                let kind = e.source.kind();
                self.error.get_or_insert(e);
                Err(kind.into())
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn article(id: &str, at: DateTime<FixedOffset>) -> ArticleRecord {
        ArticleRecord {
            id: id.into(),
            part: Some(2),
            fingerprint: 0xab,
            date: Some(at),
            first_seen: at,
            changed: None,
            categories: Box::new(["Ekonomi".into()]),
            source: Some("VIVA.co.id".into()),
            feeds: 0b101,
        }
    }

    fn sample() -> (State, BTreeMap<String, FileRecord<'static>>) {
        let at = DateTime::parse_from_rfc3339("2024-04-05T18:00:00+07:00").unwrap();
        let mut state = State { config: 7, render: 9, ..State::default() };
        state.feeds.insert("categories/ekonomi/".into());
        state.outputs.push(Output { name: "rss.xml".into(), size: 120, modified_ns: -5 });
        state.assets.push(Asset { path: "articles/img/a.jpg".into(), size: Some(1234) });
        state.assets.push(Asset { path: "articles/img/gone.jpg".into(), size: None });
        let record = |ids: &[&str]| {
            let articles: Vec<ArticleRecord> = ids.iter().map(|id| article(id, at)).collect();
            FileRecord::new(10, 1_712_345_678_000_000_000, 0xff, 1, &articles)
        };
        let files = BTreeMap::from([
            ("articles/a.txt".to_string(), record(&["a"])),
            ("articles/b.jsonl".to_string(), record(&["b", "c"])),
        ]);
        (state, files)
    }

    fn write_sample(dir: &Path) -> Vec<u8> {
        let (state, files) = sample();
        let mut writer = Writer::create(dir).unwrap();
        for (path, record) in &files {
            writer.file(path, record).unwrap();
        }
        writer.finish(&state).unwrap();
        std::fs::read(dir.join(STATE_FILE)).unwrap()
    }

    /// Loads, keeping the records of the files in `wanted`.
    fn load_keeping(
        dir: &Path,
        wanted: &[&str],
    ) -> (Loaded, BTreeMap<String, FileRecord<'static>>) {
        let mut kept = BTreeMap::new();
        let loaded = load(dir, &mut |path, record| {
            let want = wanted.contains(&path);
            if want {
                kept.insert(path.to_string(), record.clone());
            }
            want
        });
        // Records claimed from a file that turned out damaged are dropped, as a run drops them.
        let mut loaded = loaded;
        let kept = match loaded.warning {
            None => {
                let span = Span::read(loaded.file.as_mut(), kept.values());
                kept.into_iter().map(|(p, r)| (p, r.open(&span).unwrap().0.into_owned())).collect()
            }
            Some(_) => BTreeMap::new(),
        };
        (loaded, kept)
    }

    #[test]
    fn an_article_reads_in_place_as_it_was_recorded() {
        let at = DateTime::parse_from_rfc3339("2024-04-05T18:00:00+07:00").unwrap();
        let changed = DateTime::parse_from_rfc3339("2024-04-06T01:02:03.5Z").unwrap();
        let b =
            ArticleRecord { part: None, changed: Some(changed), source: None, ..article("b", at) };
        let record = FileRecord::new(1, 2, 3, 0, &[article("a", at), b]);
        let views = record.articles();
        assert_eq!(views.len(), 2);
        let expected = ArticleView {
            id: "b",
            part: None,
            fingerprint: 0xab,
            date: Some(at),
            first_seen: at,
            changed: Some(changed),
            categories: vec!["Ekonomi"],
            source: None,
            feeds: 0b101,
        };
        assert_eq!(views[1], expected);
        assert_eq!(
            (views[0].id, views[0].part, views[0].source),
            ("a", Some(2), Some("VIVA.co.id"))
        );
    }

    #[test]
    fn round_trip_keeps_every_record_and_offset() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = write_sample(dir.path());
        assert_eq!(&bytes[..12], MAGIC);
        assert_eq!(bytes[12..16], VERSION.to_le_bytes());
        let (loaded, kept) = load_keeping(dir.path(), &["articles/a.txt", "articles/b.jsonl"]);
        let (state, files) = sample();
        assert_eq!((loaded.state, loaded.unclaimed, loaded.warning), (state, 0, None));
        assert!(loaded.file.is_some());
        assert_eq!(kept, files);
        let date = kept["articles/a.txt"].articles()[0].date.unwrap();
        assert_eq!(date.to_rfc3339(), "2024-04-05T18:00:00+07:00");
    }

    #[test]
    fn records_of_files_that_are_gone_are_counted() {
        let dir = tempfile::tempdir().unwrap();
        write_sample(dir.path());
        let (loaded, kept) = load_keeping(dir.path(), &["articles/b.jsonl"]);
        assert_eq!((loaded.unclaimed, loaded.warning, kept.len()), (1, None, 1));
    }

    #[test]
    fn saving_replaces_the_json_state_of_older_versions() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(OLD_STATE_FILE), "{}").unwrap();
        write_sample(dir.path());
        assert!(!dir.path().join(OLD_STATE_FILE).exists());
    }

    #[test]
    fn a_missing_state_is_empty_without_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let (loaded, _) = load_keeping(dir.path(), &[]);
        assert_eq!((loaded.state, loaded.unclaimed, loaded.warning), (State::default(), 0, None));
        assert!(loaded.file.is_none());
    }

    #[test]
    fn damaged_and_foreign_files_are_ignored_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let good = write_sample(dir.path());
        // A bit flipped inside a path still decodes: only the checksum tells.
        let mut flipped = good.clone();
        let at = good.windows(8).position(|w| w == b"articles").unwrap();
        flipped[at] ^= 1;
        let mut version = good.clone();
        version[12] = 1;
        let mut longer = good.clone();
        longer.push(0);
        let cases: [(&str, Vec<u8>); 6] = [
            ("foreign", b"{\"format\":\"kabar-state\"}".to_vec()),
            ("empty", Vec::new()),
            ("version", version),
            ("truncated", good[..good.len() - 3].to_vec()),
            ("flipped", flipped),
            ("longer", longer),
        ];
        let reasons = [
            "it is not a kabar state file",
            "it ends too soon",
            "version 1 is not 8",
            "it ends too soon",
            "its checksum does not match: it is damaged",
            "it goes on after its checksum",
        ];
        for ((case, bytes), why) in cases.into_iter().zip(reasons) {
            std::fs::write(dir.path().join(STATE_FILE), bytes).unwrap();
            let (loaded, _) = load_keeping(dir.path(), &["articles/a.txt"]);
            assert_eq!(loaded.state, State::default(), "{case}");
            let warning = loaded.warning.unwrap_or_default();
            assert!(
                warning.contains("the state file is ignored and rebuilt")
                    && warning.contains("every file is read again")
                    && warning.contains(why),
                "{case}: {warning}"
            );
        }
    }
}
