//! The index a run selects from: what each accepted article's feeds need to know of it, in a few
//! dozen bytes, for an archive of any size.
//!
//! The records of the state file carry more (fingerprints, first-seen dates): those go to the new
//! state file as each file is indexed, and only this stays. Ids are kept end to end in one
//! string, category and outlet names once each, and an article's names as numbers: an id in its
//! own allocation, and a list of names per article, cost more than the rest of the entry.
//!
//! Everything is kept in blocks that never move once allocated: a vector that doubles leaves the
//! memory it moved out of to the allocator, not to the system, and at 300,000 articles the holes
//! left by the index's vectors were 17 MiB of the run's peak.
//!
//! Two articles with one id are one item: the newer is kept, in the place of the first one seen,
//! and [`Index::add`] says which was left out.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use hashbrown::HashTable;
use xxhash_rust::xxh3::xxh3_64;

use crate::ingest::Listing;
use crate::publish::state::ArticleView;
use crate::select::{self, Ranked};

/// The accepted articles of a run, in the order their files were listed.
#[derive(Debug)]
pub struct Index {
    entries: Blocks<Entry>,
    /// Every entry's id, end to end.
    ids: Blocks<u8>,
    /// Every entry's category names, as numbers into `names`, end to end.
    categories: Blocks<u32>,
    /// When a run last saw an entry's content change, for the few that did.
    changed: HashMap<u32, DateTime<FixedOffset>>,
    /// Category and outlet names, each once.
    names: Vec<Box<str>>,
    by_name: HashMap<Box<str>, u32>,
    /// Entries by the xxh3 of their ids.
    by_id: HashTable<u32>,
}

impl Default for Index {
    fn default() -> Index {
        Index {
            entries: Blocks::new(1 << 14),
            ids: Blocks::new(1 << 20),
            categories: Blocks::new(1 << 16),
            changed: HashMap::new(),
            names: Vec::new(),
            by_name: HashMap::new(),
            by_id: HashTable::new(),
        }
    }
}

#[derive(Debug, Clone)]
struct Entry {
    file: u32,
    /// 1-based position in a file of several; 0 for a file of one.
    part: u32,
    date: Option<DateTime<FixedOffset>>,
    feeds: u64,
    /// A hash of what its file gave for it.
    fingerprint: u64,
    /// Where the id is in `ids`.
    id: Run,
    /// Where its categories are in `categories`.
    categories: Run,
    /// Its outlet, a number into `names`; `NO_SOURCE` for none.
    source: u32,
}

const NO_SOURCE: u32 = u32::MAX;

/// The length of the id run of an entry whose id is its file's path ([`Listing::is_path_id`]):
/// most articles of a folder of text files have no id or link of their own, and such an id is
/// made again from the listing when it is needed instead of being kept.
const PATH_ID: u32 = u32::MAX;

/// Where a run of items is in [`Blocks`]: its start and its length.
type Run = (u32, u32);

/// Items in blocks of a fixed length, none of which moves once allocated; a run of items pushed
/// together stays in one block (one longer than a block gets a block of its own).
#[derive(Debug)]
struct Blocks<T> {
    block: usize,
    blocks: Vec<Vec<T>>,
}

impl<T: Clone> Blocks<T> {
    fn new(block: usize) -> Blocks<T> {
        Blocks { block, blocks: Vec::new() }
    }

    fn len(&self) -> usize {
        self.blocks.iter().map(Vec::len).sum()
    }

    /// Pushes `items` together; gives where they are.
    fn push(&mut self, items: &[T]) -> Run {
        if items.is_empty() {
            return (0, 0);
        }
        let fits = self.blocks.last().is_some_and(|b| b.len() + items.len() <= self.block);
        if !fits {
            self.blocks.push(Vec::with_capacity(self.block.max(items.len())));
        }
        let at = self.blocks.len() - 1;
        let last = &mut self.blocks[at];
        let start = at * self.block + last.len();
        last.extend_from_slice(items);
        let start = u32::try_from(start).expect("an index of under 4 billion items");
        (start, items.len() as u32)
    }

    fn get(&self, (start, len): Run) -> &[T] {
        if len == 0 {
            return &[];
        }
        let (block, offset) = (start as usize / self.block, start as usize % self.block);
        &self.blocks[block][offset..offset + len as usize]
    }

    fn get_mut(&mut self, at: u32) -> &mut T {
        let (block, offset) = (at as usize / self.block, at as usize % self.block);
        &mut self.blocks[block][offset]
    }
}

/// One article offered to the index.
pub struct Offered<'r> {
    /// The file it came from, by its place in the walk.
    pub file: usize,
    /// Its record.
    pub record: &'r ArticleView<'r>,
    /// The date it sorts by.
    pub date: Option<DateTime<FixedOffset>>,
}

/// Two articles with one id: the files of the one left out and of the one kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duplicate {
    /// The file of the article left out.
    pub dropped: usize,
    /// The file of the article kept.
    pub kept: usize,
}

impl Index {
    /// An index for about `articles` articles: its table of ids made that large at once, as
    /// growing it hashes every id again.
    pub fn with_capacity(articles: usize) -> Index {
        let mut index = Index::default();
        index.by_id.reserve(articles, |_| unreachable!("an empty table moves nothing"));
        index
    }

    /// How many articles it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Adds an article of a file of `files`; when one with its id is there, the newer of the two
    /// stays (the one seen first, when neither is newer), and the two files are told.
    pub fn add(&mut self, article: Offered, files: &Listing) -> Option<Duplicate> {
        let id = article.record.id;
        let hash = xxh3_64(id.as_bytes());
        let found = self.by_id.find(hash, |&at| self.id_is(at, id, files));
        if let Some(&at) = found {
            let old = &self.entries.get((at, 1))[0];
            let (old_file, old_date, old_id) = (old.file as usize, old.date, old.id);
            let new = Ranking { date: article.date, id };
            if select::feed_order(&new, &Ranking { date: old_date, id }).is_lt() {
                // Its file's path is another: the id is kept after all, unless it is this
                // file's path.
                let id = if old_id.1 == PATH_ID { self.id_run(&article, files) } else { old_id };
                let entry = self.entry(&article, id);
                *self.entries.get_mut(at) = entry;
                self.changed.remove(&at);
                if let Some(changed) = article.record.changed {
                    self.changed.insert(at, changed);
                }
                return Some(Duplicate { dropped: old_file, kept: article.file });
            }
            return Some(Duplicate { dropped: article.file, kept: old_file });
        }
        let id = self.id_run(&article, files);
        let entry = self.entry(&article, id);
        let (at, _) = self.entries.push(&[entry]);
        if let Some(changed) = article.record.changed {
            self.changed.insert(at, changed);
        }
        let Index { entries, ids, by_id, .. } = self;
        by_id.insert_unique(hash, at, |&at| id_hash(entries, ids, files, at));
        None
    }

    /// Where an article's id is kept: nowhere, when it is its file's path.
    fn id_run(&mut self, article: &Offered, files: &Listing) -> Run {
        let id = article.record.id;
        if files.is_path_id(article.file, article.record.part, id) {
            (0, PATH_ID)
        } else {
            self.ids.push(id.as_bytes())
        }
    }

    /// Whether the entry at `at` has the id `id`.
    fn id_is(&self, at: u32, id: &str, files: &Listing) -> bool {
        let entry = &self.entries.get((at, 1))[0];
        if entry.id.1 == PATH_ID {
            files.is_path_id(entry.file as usize, part(entry), id)
        } else {
            self.ids.get(entry.id) == id.as_bytes()
        }
    }

    fn entry(&mut self, article: &Offered, id: Run) -> Entry {
        let record = article.record;
        let names: Vec<u32> = record.categories.iter().map(|c| self.name(c)).collect();
        Entry {
            file: u32::try_from(article.file).expect("under 4 billion files"),
            part: record.part.map_or(0, |p| u32::try_from(p).unwrap_or(u32::MAX)),
            date: article.date,
            feeds: record.feeds,
            fingerprint: record.fingerprint,
            id,
            categories: self.categories.push(&names),
            source: record.source.map_or(NO_SOURCE, |s| self.name(s)),
        }
    }

    fn name(&mut self, name: &str) -> u32 {
        if let Some(&n) = self.by_name.get(name) {
            return n;
        }
        let n = self.names.len() as u32;
        self.names.push(name.into());
        self.by_name.insert(name.into(), n);
        n
    }

    /// Every article, in the order they were first added, with the listing of their files.
    pub fn candidates<'a>(&'a self, files: &'a Listing) -> impl Iterator<Item = Candidate<'a>> {
        (0..self.entries.len() as u32).map(move |at| Candidate { index: self, files, at })
    }
}

/// An entry's place in a file of several.
fn part(entry: &Entry) -> Option<usize> {
    Some(entry.part as usize).filter(|&p| p > 0)
}

/// The xxh3 of an entry's id, as the table of ids hashes it, made from its pieces for an id
/// that is not kept, and without checking again that a kept one is UTF-8 (which was a tenth of
/// indexing a state file's records).
fn id_hash(entries: &Blocks<Entry>, ids: &Blocks<u8>, files: &Listing, at: u32) -> u64 {
    let entry = &entries.get((at, 1))[0];
    if entry.id.1 != PATH_ID {
        return xxh3_64(ids.get(entry.id));
    }
    files.path_id(entry.file as usize, part(entry), |pieces| {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        pieces.iter().for_each(|piece| hasher.update(piece));
        hasher.digest()
    })
}

/// What feed order compares: a date and an id.
pub struct Ranking<'a> {
    /// The date it sorts by.
    pub date: Option<DateTime<FixedOffset>>,
    /// Its id.
    pub id: &'a str,
}

impl Ranked for Ranking<'_> {
    fn date(&self) -> Option<DateTime<FixedOffset>> {
        self.date
    }
    fn id(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.id)
    }
}

/// An article of the index.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    index: &'a Index,
    files: &'a Listing,
    at: u32,
}

impl<'a> Candidate<'a> {
    fn entry(&self) -> &'a Entry {
        &self.index.entries.get((self.at, 1))[0]
    }

    /// The file it came from, by its place in the walk.
    pub fn file(&self) -> usize {
        self.entry().file as usize
    }

    /// Its position in a file of several.
    pub fn part(&self) -> Option<usize> {
        part(self.entry())
    }

    /// Its id.
    pub fn id(&self) -> Cow<'a, str> {
        let entry = self.entry();
        if entry.id.1 == PATH_ID {
            let id = self.files.path_id(self.file(), self.part(), |pieces| pieces.concat());
            return Cow::Owned(String::from_utf8(id).expect("a path id is made of text"));
        }
        let bytes = self.index.ids.get(entry.id);
        Cow::Borrowed(std::str::from_utf8(bytes).expect("an id is pushed whole, from a string"))
    }

    /// The xxh3 of its id.
    pub fn id_hash(&self) -> u64 {
        id_hash(&self.index.entries, &self.index.ids, self.files, self.at)
    }

    /// The date it sorts by.
    pub fn date(&self) -> Option<DateTime<FixedOffset>> {
        self.entry().date
    }

    /// When a run last saw its content change.
    pub fn changed(&self) -> Option<DateTime<FixedOffset>> {
        self.index.changed.get(&self.at).copied()
    }

    /// Which `[[feeds]]` tables hold it.
    pub fn feeds(&self) -> u64 {
        self.entry().feeds
    }

    /// A hash of what its file gave for it.
    pub fn fingerprint(&self) -> u64 {
        self.entry().fingerprint
    }

    /// Its categories.
    pub fn categories(&self) -> impl Iterator<Item = &'a str> {
        let index = self.index;
        index.categories.get(self.entry().categories).iter().map(|&n| &*index.names[n as usize])
    }

    /// Its source outlet.
    pub fn source(&self) -> Option<&'a str> {
        let n = self.entry().source;
        (n != NO_SOURCE).then(|| &*self.index.names[n as usize])
    }
}

impl Ranked for Candidate<'_> {
    fn date(&self) -> Option<DateTime<FixedOffset>> {
        Candidate::date(self)
    }
    fn id(&self) -> Cow<'_, str> {
        Candidate::id(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record<'a>(id: &'a str, fingerprint: u64, categories: &[&'a str]) -> ArticleView<'a> {
        let at = DateTime::parse_from_rfc3339("2024-04-05T18:00:00+07:00").unwrap();
        ArticleView {
            id,
            part: None,
            fingerprint,
            date: Some(at),
            first_seen: at,
            changed: None,
            categories: categories.to_vec(),
            source: Some("ANTARA"),
            feeds: 0b10,
        }
    }

    fn date(text: &str) -> Option<DateTime<FixedOffset>> {
        Some(DateTime::parse_from_rfc3339(text).unwrap())
    }

    #[test]
    fn runs_stay_whole_in_blocks_that_never_move() {
        let mut blocks = Blocks::new(4);
        let a = blocks.push(&[1, 2, 3]);
        let first = blocks.blocks[0].as_ptr();
        let b = blocks.push(&[4, 5]);
        let c = blocks.push(&[6, 7, 8, 9, 10, 11]);
        let d = blocks.push(&[12]);
        let none = blocks.push(&[]);
        let runs = [a, b, c, d, none].map(|run| blocks.get(run).to_vec());
        assert_eq!(runs, [vec![1, 2, 3], vec![4, 5], vec![6, 7, 8, 9, 10, 11], vec![12], vec![]]);
        assert_eq!((blocks.blocks.len(), blocks.len()), (4, 12));
        assert_eq!(blocks.blocks[0].as_ptr(), first);
    }

    #[test]
    fn keeps_what_feeds_need_of_each_article() {
        let files = Listing::of("arsip", &["0.md", "1.md", "2.md", "3.md", "4.md", "5.md"]);
        let mut index = Index::default();
        let a = ArticleView { part: Some(3), ..record("a", 9, &["Ekonomi", "Bola"]) };
        let b = ArticleView { source: None, ..record("b", 8, &["Bola"]) };
        let on = date("2024-01-02T03:04:05+07:00");
        assert_eq!(index.add(Offered { file: 4, record: &a, date: on }, &files), None);
        assert_eq!(index.add(Offered { file: 5, record: &b, date: None }, &files), None);
        let all: Vec<Candidate> = index.candidates(&files).collect();
        assert_eq!(all.len(), 2);
        let (a, b) = (all[0], all[1]);
        assert_eq!(
            (a.file(), a.part(), &*a.id(), a.date(), a.fingerprint()),
            (4, Some(3), "a", on, 9)
        );
        assert_eq!(a.categories().collect::<Vec<_>>(), ["Ekonomi", "Bola"]);
        assert_eq!((a.source(), a.feeds()), (Some("ANTARA"), 0b10));
        assert_eq!(
            (b.file(), b.part(), &*b.id(), b.date(), b.source()),
            (5, None, "b", None, None)
        );
        assert_eq!(b.categories().collect::<Vec<_>>(), ["Bola"]);
        // Each name is kept once.
        assert_eq!(index.names.len(), 3);
    }

    #[test]
    fn of_two_articles_with_one_id_the_newer_stays_in_the_first_ones_place() {
        let files = Listing::of("arsip", &["0.md", "1.md", "2.md", "3.md", "4.md"]);
        let mut index = Index::default();
        let (x, y, other) =
            (record("x", 1, &["Lama"]), record("x", 3, &["Baru"]), record("o", 2, &[]));
        let (old, new) = (date("2020-01-01T00:00:00Z"), date("2021-01-01T00:00:00Z"));
        index.add(Offered { file: 0, record: &x, date: old }, &files);
        index.add(Offered { file: 1, record: &other, date: old }, &files);
        let y = ArticleView { changed: new, ..y };
        let newer = index.add(Offered { file: 2, record: &y, date: new }, &files);
        assert_eq!(newer, Some(Duplicate { dropped: 0, kept: 2 }));
        // An older one, and one of the same date, are left out.
        let older = index.add(Offered { file: 3, record: &x, date: old }, &files);
        assert_eq!(older, Some(Duplicate { dropped: 3, kept: 2 }));
        let same = index.add(Offered { file: 4, record: &x, date: new }, &files);
        assert_eq!(same, Some(Duplicate { dropped: 4, kept: 2 }));
        let kept: Vec<(usize, String, u64)> = (index.candidates(&files))
            .map(|c| (c.file(), c.id().into_owned(), c.fingerprint()))
            .collect();
        assert_eq!(kept, [(2, "x".into(), 3), (1, "o".into(), 2)]);
        let first = index.candidates(&files).next().unwrap();
        assert_eq!(first.categories().collect::<Vec<_>>(), ["Baru"]);
        assert_eq!(first.changed(), new);
        assert_eq!(index.candidates(&files).nth(1).unwrap().changed(), None);
        assert_eq!(index.len(), 2);
    }

    #[test]
    fn an_id_that_is_its_files_path_is_not_kept_but_given_back() {
        let files = Listing::of("arsip", &["2016/a.md", "b.jsonl", "c.md"]);
        let mut index = Index::default();
        let on = date("2024-01-02T03:04:05+07:00");
        let a = record("2016/a.md", 1, &[]);
        let b = ArticleView { part: Some(2), ..record("b.jsonl#2", 2, &[]) };
        // Another file's path as an explicit id, which is kept.
        let c = record("2016/a.md", 3, &[]);
        assert_eq!(index.add(Offered { file: 0, record: &a, date: on }, &files), None);
        assert_eq!(index.add(Offered { file: 1, record: &b, date: on }, &files), None);
        assert_eq!(index.ids.len(), 0);
        let ids: Vec<(String, u64)> =
            index.candidates(&files).map(|c| (c.id().into_owned(), c.id_hash())).collect();
        let hash = |id: &str| xxh3_64(id.as_bytes());
        assert_eq!(
            ids,
            [("2016/a.md".into(), hash("2016/a.md")), ("b.jsonl#2".into(), hash("b.jsonl#2"))]
        );
        // The same id from another file: one item, and the newer one keeps its id.
        let newer = date("2024-02-02T03:04:05+07:00");
        let kept = index.add(Offered { file: 2, record: &c, date: newer }, &files);
        assert_eq!(kept, Some(Duplicate { dropped: 0, kept: 2 }));
        let first = index.candidates(&files).next().unwrap();
        assert_eq!(
            (first.file(), &*first.id(), first.id_hash()),
            (2, "2016/a.md", hash("2016/a.md"))
        );
        assert_eq!(index.ids.len(), "2016/a.md".len());
    }
}
