//! The index a run selects from: what each accepted article's feeds need to know of it, in a few
//! dozen bytes, for an archive of any size.
//!
//! The records of the state file carry more (fingerprints, first-seen dates): those go to the new
//! state file as each file is indexed, and only this stays. Ids are kept end to end in one
//! string, category and outlet names once each, and an article's names as numbers: an id in its
//! own allocation, and a list of names per article, cost more than the rest of the entry.
//!
//! Two articles with one id are one item: the newer is kept, in the place of the first one seen,
//! and [`Index::add`] says which was left out.

use chrono::{DateTime, FixedOffset};
use hashbrown::HashTable;
use xxhash_rust::xxh3::xxh3_64;

use crate::publish::state::ArticleRecord;
use crate::select::{self, Ranked};

/// The accepted articles of a run, in the order their files were listed.
#[derive(Debug, Default)]
pub struct Index {
    entries: Vec<Entry>,
    /// Every entry's id, end to end.
    ids: String,
    /// Every entry's category names, as numbers into `names`, end to end.
    categories: Vec<u32>,
    /// Category and outlet names, each once.
    names: Vec<Box<str>>,
    by_name: std::collections::HashMap<Box<str>, u32>,
    /// Entries by the xxh3 of their ids.
    by_id: HashTable<u32>,
}

#[derive(Debug, Clone)]
struct Entry {
    file: u32,
    /// 1-based position in a file of several; 0 for a file of one.
    part: u32,
    date: Option<DateTime<FixedOffset>>,
    changed: Option<DateTime<FixedOffset>>,
    feeds: u64,
    /// The xxh3 of the article's record as the state file encodes it.
    record: u64,
    /// Where the id is in `ids`.
    id: (u32, u32),
    /// Where its categories are in `categories`.
    categories: (u32, u32),
    /// Its outlet, a number into `names`.
    source: Option<u32>,
}

/// One article offered to the index.
pub struct Offered<'r> {
    /// The file it came from, by its place in the walk.
    pub file: usize,
    /// Its record.
    pub record: &'r ArticleRecord,
    /// The xxh3 of the record's encoding.
    pub hash: u64,
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
    /// How many articles it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Adds an article; when one with its id is there, the newer of the two stays (the one seen
    /// first, when neither is newer), and the two files are told.
    pub fn add(&mut self, article: Offered) -> Option<Duplicate> {
        let id = &*article.record.id;
        let hash = xxh3_64(id.as_bytes());
        let found = self.by_id.find(hash, |&at| id_of(&self.entries, &self.ids, at) == id);
        if let Some(&at) = found {
            let old = &self.entries[at as usize];
            let (old_file, old_date, old_id) = (old.file as usize, old.date, old.id);
            let new = Ranking { date: article.date, id };
            if select::feed_order(&new, &Ranking { date: old_date, id }).is_lt() {
                self.entries[at as usize] = self.entry(&article, old_id);
                return Some(Duplicate { dropped: old_file, kept: article.file });
            }
            return Some(Duplicate { dropped: article.file, kept: old_file });
        }
        let start = u32::try_from(self.ids.len()).expect("ids of under 4 GiB in all");
        self.ids.push_str(id);
        let entry = self.entry(&article, (start, id.len() as u32));
        let at = self.entries.len() as u32;
        self.entries.push(entry);
        let Index { entries, ids, by_id, .. } = self;
        by_id.insert_unique(hash, at, |&at| xxh3_64(id_of(entries, ids, at).as_bytes()));
        None
    }

    fn entry(&mut self, article: &Offered, id: (u32, u32)) -> Entry {
        let record = article.record;
        let start = self.categories.len() as u32;
        for category in &record.categories {
            let name = self.name(category);
            self.categories.push(name);
        }
        Entry {
            file: u32::try_from(article.file).expect("under 4 billion files"),
            part: record.part.map_or(0, |p| u32::try_from(p).unwrap_or(u32::MAX)),
            date: article.date,
            changed: record.changed,
            feeds: record.feeds,
            record: article.hash,
            id,
            categories: (start, record.categories.len() as u32),
            source: record.source.as_deref().map(|s| self.name(s)),
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

    /// Every article, in the order they were first added.
    pub fn candidates(&self) -> impl Iterator<Item = Candidate<'_>> {
        (0..self.entries.len() as u32).map(|at| Candidate { index: self, at })
    }
}

fn id_of<'a>(entries: &[Entry], ids: &'a str, at: u32) -> &'a str {
    let (start, len) = entries[at as usize].id;
    &ids[start as usize..(start + len) as usize]
}

/// What feed order compares: a date and an id.
struct Ranking<'a> {
    date: Option<DateTime<FixedOffset>>,
    id: &'a str,
}

impl Ranked for Ranking<'_> {
    fn date(&self) -> Option<DateTime<FixedOffset>> {
        self.date
    }
    fn id(&self) -> &str {
        self.id
    }
}

/// An article of the index.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    index: &'a Index,
    at: u32,
}

impl<'a> Candidate<'a> {
    fn entry(&self) -> &'a Entry {
        &self.index.entries[self.at as usize]
    }

    /// The file it came from, by its place in the walk.
    pub fn file(&self) -> usize {
        self.entry().file as usize
    }

    /// Its position in a file of several.
    pub fn part(&self) -> Option<usize> {
        Some(self.entry().part as usize).filter(|&p| p > 0)
    }

    /// Its id.
    pub fn id(&self) -> &'a str {
        id_of(&self.index.entries, &self.index.ids, self.at)
    }

    /// The date it sorts by.
    pub fn date(&self) -> Option<DateTime<FixedOffset>> {
        self.entry().date
    }

    /// When a run last saw its content change.
    pub fn changed(&self) -> Option<DateTime<FixedOffset>> {
        self.entry().changed
    }

    /// Which `[[feeds]]` tables hold it.
    pub fn feeds(&self) -> u64 {
        self.entry().feeds
    }

    /// The xxh3 of its record.
    pub fn record(&self) -> u64 {
        self.entry().record
    }

    /// Its categories.
    pub fn categories(&self) -> impl Iterator<Item = &'a str> {
        let index = self.index;
        let (start, len) = self.entry().categories;
        index.categories[start as usize..(start + len) as usize]
            .iter()
            .map(|&n| &*index.names[n as usize])
    }

    /// Its source outlet.
    pub fn source(&self) -> Option<&'a str> {
        self.entry().source.map(|n| &*self.index.names[n as usize])
    }
}

impl Ranked for Candidate<'_> {
    fn date(&self) -> Option<DateTime<FixedOffset>> {
        Candidate::date(self)
    }
    fn id(&self) -> &str {
        Candidate::id(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, part: Option<usize>, categories: &[&str]) -> ArticleRecord {
        let at = DateTime::parse_from_rfc3339("2024-04-05T18:00:00+07:00").unwrap();
        ArticleRecord {
            id: id.into(),
            part,
            fingerprint: 1,
            date: Some(at),
            first_seen: at,
            changed: None,
            categories: categories.iter().map(|c| (*c).into()).collect(),
            source: Some("ANTARA".into()),
            feeds: 0b10,
        }
    }

    fn date(text: &str) -> Option<DateTime<FixedOffset>> {
        Some(DateTime::parse_from_rfc3339(text).unwrap())
    }

    #[test]
    fn keeps_what_feeds_need_of_each_article() {
        let mut index = Index::default();
        let a = record("a", Some(3), &["Ekonomi", "Bola"]);
        let b = record("b", None, &["Bola"]);
        let on = date("2024-01-02T03:04:05+07:00");
        assert_eq!(index.add(Offered { file: 4, record: &a, hash: 9, date: on }), None);
        assert_eq!(index.add(Offered { file: 5, record: &b, hash: 8, date: None }), None);
        let all: Vec<Candidate> = index.candidates().collect();
        assert_eq!(all.len(), 2);
        let (a, b) = (all[0], all[1]);
        assert_eq!((a.file(), a.part(), a.id(), a.date(), a.record()), (4, Some(3), "a", on, 9));
        assert_eq!(a.categories().collect::<Vec<_>>(), ["Ekonomi", "Bola"]);
        assert_eq!((a.source(), a.feeds()), (Some("ANTARA"), 0b10));
        assert_eq!((b.file(), b.part(), b.id(), b.date()), (5, None, "b", None));
        assert_eq!(b.categories().collect::<Vec<_>>(), ["Bola"]);
        // Each name is kept once.
        assert_eq!(index.names.len(), 3);
    }

    #[test]
    fn of_two_articles_with_one_id_the_newer_stays_in_the_first_ones_place() {
        let mut index = Index::default();
        let (x, y, other) =
            (record("x", None, &["Lama"]), record("x", None, &["Baru"]), record("o", None, &[]));
        let (old, new) = (date("2020-01-01T00:00:00Z"), date("2021-01-01T00:00:00Z"));
        index.add(Offered { file: 0, record: &x, hash: 1, date: old });
        index.add(Offered { file: 1, record: &other, hash: 2, date: old });
        let newer = index.add(Offered { file: 2, record: &y, hash: 3, date: new });
        assert_eq!(newer, Some(Duplicate { dropped: 0, kept: 2 }));
        // An older one, and one of the same date, are left out.
        let older = index.add(Offered { file: 3, record: &x, hash: 4, date: old });
        assert_eq!(older, Some(Duplicate { dropped: 3, kept: 2 }));
        let same = index.add(Offered { file: 4, record: &x, hash: 5, date: new });
        assert_eq!(same, Some(Duplicate { dropped: 4, kept: 2 }));
        let kept: Vec<(usize, &str, u64)> =
            index.candidates().map(|c| (c.file(), c.id(), c.record())).collect();
        assert_eq!(kept, [(2, "x", 3), (1, "o", 2)]);
        let first = index.candidates().next().unwrap();
        assert_eq!(first.categories().collect::<Vec<_>>(), ["Baru"]);
        assert_eq!(index.len(), 2);
    }
}
