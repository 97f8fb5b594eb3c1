//! A rebuild after a few files changed, answered without an index of every article.
//!
//! The cron job of a large archive most often finds one or two files changed: an old article
//! corrected, one added that is too old to be shown, a file touched. Indexing every article
//! again to learn that the feeds hold the same items cost as much again as a run that found
//! nothing changed. The last run's state says instead which files its feeds show, every
//! article's id (as a hash), and where each feed ends ([`Frontier`]). When no changed file
//! holds an item of a feed, and every article of theirs, old or new, sorts after the last item
//! of every feed it belongs to, is no duplicate, and opens no feed, then every feed holds the
//! same items as before: nothing is rendered, and the new state is the old one with the changed
//! files' records put in (the others' copied unread).
//!
//! Anything else — a file deleted, a rejection, a feed with room left, a name spelled anew — is
//! left to the whole run, which is always right: this is only a shortcut to its answer.

use std::collections::HashMap;

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use super::index::Ranking;
use super::{BuildOptions, BuildReport, CHUNK, Context, Error, Indexed, as_left, index_file};
use crate::config::{MissingDate, Settings};
use crate::ingest::Listing;
use crate::publish::Outcome;
use crate::publish::state::{
    ArticleView, FileRecord, Frontier, Group, Span, State, StoredRecord, Writer,
};
use crate::select;

/// More changed files than this are left to the whole run: the more there are, the likelier one
/// of them moves a feed, and the whole run indexes them in parallel anyway.
const MOST_CHANGED: usize = 1024;

/// What the shortcut reads.
pub(super) struct Before<'a> {
    pub context: &'a Context<'a>,
    pub options: &'a BuildOptions,
    /// The files of this run, in the walk's order.
    pub files: &'a Listing,
    /// The last run's record of each, as the state file holds it.
    pub previous: &'a [Option<StoredRecord>],
    /// The last run's state.
    pub state: &'a State,
}

/// Finishes the run when the files that changed leave every feed as it was: saves the state,
/// fills in `report`, and gives `true`. Gives `false` (having written nothing) when the whole
/// run must decide.
pub(super) fn rebuild(
    before: &Before,
    state_file: &mut Option<std::fs::File>,
    report: &mut BuildReport,
) -> Result<bool, Error> {
    let Before { context, options, files, previous, state: old } = *before;
    let Some(frontier) = &old.frontier else { return Ok(false) };
    let changed: Vec<usize> = (0..files.len())
        .filter(|&i| !as_left(previous[i].as_ref(), files.stat(i)))
        .take(MOST_CHANGED + 1)
        .collect();
    if changed.is_empty() || changed.len() > MOST_CHANGED {
        return Ok(false);
    }
    // Each changed file's old record, read back on its own: they may lie anywhere in the state.
    let spans: Vec<Span> =
        changed.iter().map(|&i| Span::read(state_file.as_mut(), previous[i].iter())).collect();
    // Each file indexed, and its articles as the last run had them (`None`: unreadable).
    let (indexed, befores): (Vec<Indexed>, Vec<Option<Vec<ArticleView>>>) = changed
        .par_iter()
        .zip(&spans)
        .map(|(&i, span)| {
            let (format, origin) = files.get(i);
            let old = previous[i].clone().map(|r| r.open(span));
            let before = match &old {
                None => Some(Vec::new()),
                Some(Ok((_, articles))) => Some(articles.clone()),
                Some(Err(_)) => None,
            };
            let old = old.and_then(Result::ok);
            let indexed = index_file(context, format, &origin, old, true, options.now);
            (Indexed { record: indexed.record.map(FileRecord::into_owned), ..indexed }, before)
        })
        .unzip();
    let mut feeds = Feeds::new(frontier, context.settings);
    for ((&i, indexed), before) in changed.iter().zip(&indexed).zip(befores) {
        let record = indexed.record.as_ref().filter(|_| indexed.rejections.is_empty());
        let (Some(record), Some(before)) = (record, before) else { return Ok(false) };
        let after = record.articles();
        // Touched, or rewritten with the same articles: nothing a feed shows can differ.
        if before == after {
            continue;
        }
        let key = files.key(i);
        if frontier.shown.binary_search_by(|s| s.as_str().cmp(&key)).is_ok() {
            return Ok(false);
        }
        if !before.iter().all(|a| feeds.remove(a)) || !after.iter().all(|a| feeds.add(a)) {
            return Ok(false);
        }
    }
    let Some(frontier) = feeds.into_frontier() else { return Ok(false) };
    let accepted = frontier.ids.len();

    if !options.dry_run && indexed.iter().any(|i| i.changed) {
        let new: HashMap<usize, &FileRecord> = changed
            .iter()
            .zip(&indexed)
            .filter_map(|(&i, x)| Some((i, x.record.as_ref()?)))
            .collect();
        let mut writer = Writer::create(&context.settings.output_dir)?;
        for (n, olds) in previous.chunks(CHUNK).enumerate() {
            let span = Span::read(state_file.as_mut(), olds.iter().flatten());
            for (i, old) in (n * CHUNK..).zip(olds) {
                let key = files.key(i);
                match (new.get(&i), old.as_ref().map(|r| r.borrow(&span))) {
                    (Some(record), _) => writer.file(&key, record)?,
                    (None, Some(Ok(record))) => writer.file(&key, &record)?,
                    // Unreadable after all: the whole run reads the file again.
                    _ => return Ok(false),
                }
            }
        }
        let state = State { accepted: accepted as u64, frontier: Some(frontier), ..old.clone() };
        writer.finish(&state)?;
    }
    let out = &context.settings.output_dir;
    report.read = indexed.iter().filter(|i| i.read).count();
    report.accepted = accepted;
    report.feeds = usize::try_from(old.feed_files).unwrap_or(usize::MAX);
    report.published =
        old.outputs.iter().map(|o| (out.join(&o.name), Outcome::Unchanged)).collect();
    Ok(true)
}

/// The feeds of the last run, as the changed files' articles leave them and join them.
struct Feeds<'f> {
    frontier: &'f Frontier,
    settings: &'f Settings,
    by_group: HashMap<&'f Group, usize>,
    /// Each feed's `uses`, as the articles come and go.
    uses: Vec<u64>,
    /// How many more articles have each id hash than the frontier says (fewer, below zero).
    ids: HashMap<u64, i64>,
}

impl<'f> Feeds<'f> {
    fn new(frontier: &'f Frontier, settings: &'f Settings) -> Feeds<'f> {
        let by_group = frontier.feeds.iter().enumerate().map(|(n, e)| (&e.group, n)).collect();
        let uses = frontier.feeds.iter().map(|e| e.uses).collect();
        Feeds { frontier, settings, by_group, uses, ids: HashMap::new() }
    }

    /// Takes out an article of a changed file that no feed shows. Its feeds hold as many
    /// items as they may without it, so they stay as they are; `false` when one might not.
    fn remove(&mut self, article: &ArticleView) -> bool {
        *self.ids.entry(xxh3_64(article.id.as_bytes())).or_default() -= 1;
        for (group, spelling) in groups(article, self.settings) {
            let Some(&n) = self.by_group.get(&group) else { return false };
            let edge = &self.frontier.feeds[n];
            if edge.last.is_none() {
                return false;
            }
            if spelling == Some(edge.name.as_str()) {
                let Some(uses) = self.uses[n].checked_sub(1) else { return false };
                self.uses[n] = uses;
            }
        }
        true
    }

    /// Puts in an article of a changed file; `false` when it might enter a feed, make one, or
    /// rename one, or when its id is taken.
    fn add(&mut self, article: &ArticleView) -> bool {
        let date = article.date.or(match self.settings.missing_date {
            MissingDate::FirstSeen => Some(article.first_seen),
            MissingDate::Reject => None,
        });
        if date.is_none() {
            return false;
        }
        let hash = xxh3_64(article.id.as_bytes());
        let ids = &self.frontier.ids;
        let from = ids.partition_point(|&h| h < hash);
        let there = ids[from..].iter().take_while(|&&h| h == hash).count() as i64;
        let more = self.ids.entry(hash).or_default();
        // Another article has the id (or, rarely, another id the hash).
        if there + *more > 0 {
            return false;
        }
        *more += 1;
        let ranking = Ranking { date, id: article.id };
        for (group, spelling) in groups(article, self.settings) {
            let Some(&n) = self.by_group.get(&group) else { return false };
            let edge = &self.frontier.feeds[n];
            let Some(last) = &edge.last else { return false };
            let last = Ranking { date: last.date, id: &last.id };
            if !select::feed_order(&ranking, &last).is_gt() {
                return false;
            }
            match spelling.map(|s| s.cmp(edge.name.as_str())) {
                Some(std::cmp::Ordering::Less) => return false,
                Some(std::cmp::Ordering::Equal) => self.uses[n] += 1,
                _ => {}
            }
        }
        true
    }

    /// The frontier the new state keeps; `None` when a feed of a category or an outlet has no
    /// article left that spells its name as it is shown (another spelling would be shown).
    fn into_frontier(self) -> Option<Frontier> {
        let Feeds { frontier, uses, ids: more, .. } = self;
        let named =
            |e: &crate::publish::state::Edge| !matches!(e.group, Group::Main | Group::Filtered(_));
        if frontier.feeds.iter().zip(&uses).any(|(e, &u)| named(e) && u == 0) {
            return None;
        }
        let mut fewer: HashMap<u64, i64> =
            more.iter().filter(|(_, n)| **n < 0).map(|(h, n)| (*h, -n)).collect();
        let mut ids: Vec<u64> = frontier
            .ids
            .iter()
            .copied()
            .filter(|h| match fewer.get_mut(h) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect();
        for (&hash, &n) in &more {
            ids.extend(std::iter::repeat_n(hash, n.max(0) as usize));
        }
        ids.sort_unstable();
        let mut feeds = frontier.feeds.clone();
        feeds.iter_mut().zip(uses).for_each(|(e, u)| e.uses = u);
        Some(Frontier { shown: frontier.shown.clone(), ids, feeds })
    }
}

/// The feeds an article belongs to, by their groups, with the name it gives a feed of a
/// category or an outlet: as `plan_feeds` groups the index.
fn groups<'a>(article: &ArticleView<'a>, settings: &Settings) -> Vec<(Group, Option<&'a str>)> {
    let mut groups = vec![(Group::Main, None)];
    let tables = (0..settings.feeds.len()).filter(|n| article.feeds & (1 << n) != 0);
    groups.extend(tables.map(|n| (Group::Filtered(n as u32), None)));
    if settings.category_feeds {
        for &name in &article.categories {
            groups.push((Group::Category(name.to_lowercase()), Some(name)));
        }
    }
    if settings.source_feeds
        && let Some(name) = article.source
    {
        groups.push((Group::Source(name.to_lowercase()), Some(name)));
    }
    groups
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};
    use std::time::{Duration, SystemTime};

    use super::super::{BuildOptions, BuildReport, build};
    use crate::config::Settings;
    use crate::publish::lock::LOCK_FILE;

    const CONFIG: &str = r#"
[feed]
title = "Uji"
link = "https://example.org/"
description = "Feeds for tests"
language = "id"
timezone = "Asia/Jakarta"
item_link = "https://example.org/a/{slug}"
max_items = 3
[input]
dirs = ["articles"]
[output]
dir = "feeds"
categories = true
[[feeds]]
name = "Cuaca"
categories = ["cuaca"]
max_items = 2
"#;

    const NAMES: [&str; 5] = ["Ekonomi", "ekonomi", "Olahraga", "Cuaca", "Politik"];

    /// xorshift64: the same edits every run.
    struct Dice(u64);

    impl Dice {
        fn roll(&mut self, sides: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % sides as u64) as usize
        }
    }

    /// One article file: its id, version, day of May 2024 (none: undated) and categories.
    #[derive(Clone)]
    struct Article {
        id: usize,
        version: usize,
        day: Option<usize>,
        names: Vec<&'static str>,
    }

    impl Article {
        fn text(&self) -> String {
            let date = self
                .day
                .map_or(String::new(), |d| format!("date: 2024-05-{d:02}T09:00:00+07:00\n"));
            format!(
                "---\nid: uji-{}\ntitle: \"Berita {} versi {}\"\n{date}tags: [{}]\n---\n\nJakarta, Kabar Uji -- Isi berita {} versi {}.\n",
                self.id,
                self.id,
                self.version,
                self.names.join(", "),
                self.id,
                self.version
            )
        }
    }

    /// Every file under `dir` but the lock, with its bytes and modification time.
    fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
        let mut files = BTreeMap::new();
        let mut folders = vec![dir.to_path_buf()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if !path.ends_with(LOCK_FILE) {
                    let time = std::fs::metadata(&path).unwrap().modified().unwrap();
                    let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                    files.insert(rel, (std::fs::read(&path).unwrap(), time));
                }
            }
        }
        files
    }

    fn restore(dir: &Path, files: &BTreeMap<PathBuf, (Vec<u8>, SystemTime)>) {
        std::fs::remove_dir_all(dir).unwrap();
        for (rel, (bytes, time)) in files {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
            std::fs::File::options().write(true).open(&path).unwrap().set_modified(*time).unwrap();
        }
    }

    fn summary(report: &BuildReport) -> String {
        format!(
            "{} files, {} read, {} accepted, {} rejected, {} warnings, {} feeds, {:?}",
            report.files,
            report.read,
            report.accepted,
            report.rejections.len(),
            report.warnings.len(),
            report.feeds,
            report.published
        )
    }

    /// A long run of random edits, each rebuilt twice from the same state: once as a cron job
    /// would, once indexing every article. Where the first took the shortcut, the two must have
    /// left byte for byte the same state and feeds; elsewhere the same feeds.
    #[test]
    fn the_shortcut_leaves_what_indexing_every_article_leaves() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        let settings = Settings::parse(CONFIG, &root.join("config.toml"), root).unwrap();
        let articles = root.join("articles");
        let out = root.join("feeds");
        std::fs::create_dir_all(&articles).unwrap();
        let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
        let mut tick = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let write = |article: &Article, tick: &mut SystemTime| {
            *tick += Duration::from_secs(60);
            let path = articles.join(format!("{:03}.md", article.id));
            std::fs::write(&path, article.text()).unwrap();
            std::fs::File::options().write(true).open(&path).unwrap().set_modified(*tick).unwrap();
        };
        let mut all: Vec<Option<Article>> = Vec::new();
        let new = |id: usize, dice: &mut Dice| Article {
            id,
            version: 0,
            day: Some(1 + dice.roll(28)),
            names: vec![NAMES[dice.roll(5)], NAMES[dice.roll(5)]],
        };
        for id in 0..30 {
            let article = new(id, &mut dice);
            write(&article, &mut tick);
            all.push(Some(article));
        }
        let now = |step: usize| {
            chrono::DateTime::parse_from_rfc3339("2024-06-01T00:00:00+07:00").unwrap()
                + chrono::Duration::minutes(step as i64)
        };
        let options = BuildOptions { now: now(0), ..BuildOptions::default() };
        build(&settings, &options, &()).unwrap();
        let mut shortcuts = 0;
        for step in 1..=80 {
            let pick = dice.roll(all.len());
            let Some(mut article) = all[pick].clone() else { continue };
            match dice.roll(10) {
                0..=2 => article.version += 1,
                3 => article.day = Some(1 + dice.roll(28)),
                4 => article.names = vec![NAMES[dice.roll(5)]],
                5 => {
                    let id = all.len();
                    let mut added = new(id, &mut dice);
                    added.day = Some(1 + dice.roll(10));
                    write(&added, &mut tick);
                    all.push(Some(added));
                    rebuild_twice(&settings, &out, now(step), &mut shortcuts);
                    continue;
                }
                6 => {}
                7 => {
                    std::fs::remove_file(articles.join(format!("{:03}.md", article.id))).unwrap();
                    all[pick] = None;
                    rebuild_twice(&settings, &out, now(step), &mut shortcuts);
                    continue;
                }
                8 => article.day = None,
                _ => article.names.push(NAMES[dice.roll(5)]),
            }
            write(&article, &mut tick);
            all[pick] = Some(article);
            rebuild_twice(&settings, &out, now(step), &mut shortcuts);
        }
        assert!(shortcuts >= 10, "only {shortcuts} of 80 rebuilds took the shortcut");

        fn rebuild_twice(
            settings: &Settings,
            out: &Path,
            now: chrono::DateTime<chrono::FixedOffset>,
            shortcuts: &mut usize,
        ) {
            let before = snapshot(out);
            let whole = BuildOptions { now, index_all: true, ..BuildOptions::default() };
            let indexed = build(settings, &whole, &()).unwrap();
            let by_index = snapshot(out);
            restore(out, &before);
            let cron = BuildOptions { now, ..BuildOptions::default() };
            let report = build(settings, &cron, &()).unwrap();
            let by_cron = snapshot(out);
            assert_eq!(summary(&report), summary(&indexed));
            let bytes = |files: &BTreeMap<PathBuf, (Vec<u8>, SystemTime)>,
                         state: bool|
             -> BTreeMap<PathBuf, Vec<u8>> {
                files
                    .iter()
                    .filter(|(rel, _)| state || !rel.ends_with(crate::publish::state::STATE_FILE))
                    .map(|(rel, (b, _))| (rel.clone(), b.clone()))
                    .collect()
            };
            if !report.indexed {
                *shortcuts += 1;
                assert_eq!(bytes(&by_cron, true), bytes(&by_index, true), "at {now}");
            } else {
                assert_eq!(bytes(&by_cron, false), bytes(&by_index, false), "at {now}");
            }
        }
    }
}
