//! A rebuild after a few files changed, answered without an index of every article.
//!
//! The cron job of a large archive most often finds one or two files changed: an article
//! added, one corrected, a file touched. Indexing every article again to learn which items the
//! feeds hold cost as much again as a run that found nothing changed. The last run's state
//! keeps instead every feed's items and every article's id (as a hash) ([`Frontier`]). The
//! changed files' articles as the last run had them leave the feeds that showed them; as they
//! are now, they enter each feed they belong to and sort into (a full feed takes only what
//! sorts before its last item, as nothing is known of what comes after). When every full feed
//! still holds as many items as it may, each holds what indexing every article would give it:
//! its newest items. Only then are the feeds rendered, as the whole run would, and only when
//! their items changed; the new state is the old one with the changed files' records put in
//! (the others' copied unread).
//!
//! Anything else — a file deleted, a rejection, a full feed left short, a duplicate id, a feed
//! opened or renamed — is left to the whole run, which is always right: this is only a
//! shortcut to its answer.

use std::cmp::Ordering;
use std::collections::HashMap;

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use super::index::Ranking;
use super::{
    BuildOptions, BuildReport, CHUNK, Chosen, Context, Error, Indexed, Plan, Selected, as_left,
    feed_metas, index_file,
};
use crate::config::{MissingDate, Settings};
use crate::ingest::Listing;
use crate::publish::state::{
    ArticleView, Edge, FileRecord, Frontier, Group, Shown, Span, State, StoredRecord, Writer,
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

/// The feeds as the files that changed leave them, with the new state file (every record
/// written) and the counts of `report`; `None` (having written nothing) when the whole run must
/// decide.
pub(super) fn select(
    before: &Before,
    state_file: &mut Option<std::fs::File>,
    report: &mut BuildReport,
) -> Result<Option<Selected>, Error> {
    let Before { context, options, files, previous, state: old } = *before;
    let Some(frontier) = &old.frontier else { return Ok(None) };
    let changed: Vec<usize> = (0..files.len())
        .filter(|&i| !as_left(previous[i].as_ref(), files.stat(i)))
        .take(MOST_CHANGED + 1)
        .collect();
    if changed.is_empty() || changed.len() > MOST_CHANGED {
        return Ok(None);
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
    let settings = context.settings;
    let metas = feed_metas(settings, frontier.feeds.iter().map(|e| (&e.group, e.name.as_str())));
    let mut feeds = Feeds::new(frontier, settings, metas.iter().map(|m| m.max_items).collect());
    for ((&i, indexed), before) in changed.iter().zip(&indexed).zip(befores) {
        let record = indexed.record.as_ref().filter(|_| indexed.rejections.is_empty());
        let (Some(record), Some(before)) = (record, before) else { return Ok(None) };
        let after = record.articles();
        // Touched, or rewritten with the same articles: nothing a feed shows can differ.
        if before == after {
            continue;
        }
        let key = files.key(i);
        if !before.iter().all(|a| feeds.remove(a, &key))
            || !after.iter().all(|a| feeds.add(a, &key))
        {
            return Ok(None);
        }
    }
    let Some((ids, edges)) = feeds.finish() else { return Ok(None) };
    let mut plans = Vec::with_capacity(edges.len());
    for (meta, Edge { group, items, name, uses, .. }) in metas.into_iter().zip(edges) {
        let items: Option<Vec<Chosen>> = items
            .into_iter()
            .map(|shown| Some(Chosen { file: files.position(&shown.key)?, shown }))
            .collect();
        let Some(items) = items else { return Ok(None) };
        plans.push(Plan { meta, group: (group, name, uses), items });
    }

    let state_changed = indexed.iter().any(|i| i.changed);
    let writer = if !options.dry_run && state_changed {
        let new: HashMap<usize, &FileRecord> = changed
            .iter()
            .zip(&indexed)
            .filter_map(|(&i, x)| Some((i, x.record.as_ref()?)))
            .collect();
        let mut writer = Writer::create(&settings.output_dir)?;
        for (n, olds) in previous.chunks(CHUNK).enumerate() {
            let span = Span::read(state_file.as_mut(), olds.iter().flatten());
            for (i, old) in (n * CHUNK..).zip(olds) {
                let key = files.key(i);
                match (new.get(&i), old.as_ref().map(|r| r.borrow(&span))) {
                    (Some(record), _) => writer.file(&key, record)?,
                    (None, Some(Ok(record))) => writer.file(&key, &record)?,
                    // Unreadable after all: the whole run reads the file again.
                    _ => return Ok(None),
                }
            }
        }
        Some(writer)
    } else {
        None
    };
    report.read = indexed.iter().filter(|i| i.read).count();
    report.accepted = ids.len();
    Ok(Some(Selected { plans, ids: Some(ids), writer, state_changed, notes: 0 }))
}

/// The feeds of the last run, as the changed files' articles leave them and join them.
struct Feeds<'f> {
    frontier: &'f Frontier,
    settings: &'f Settings,
    by_group: HashMap<&'f Group, usize>,
    /// Each feed as the articles come and go: its items and its `uses`.
    edges: Vec<Edge>,
    /// How many items each feed may hold.
    max: Vec<usize>,
    /// The last item of each feed that the last run left full: of the articles that sort after
    /// it, nothing is known.
    bounds: Vec<Option<Shown>>,
    /// How many more articles have each id hash than the frontier says (fewer, below zero).
    ids: HashMap<u64, i64>,
}

impl<'f> Feeds<'f> {
    fn new(frontier: &'f Frontier, settings: &'f Settings, max: Vec<usize>) -> Feeds<'f> {
        let by_group = frontier.feeds.iter().enumerate().map(|(n, e)| (&e.group, n)).collect();
        let bounds = (frontier.feeds.iter().zip(&max))
            .map(|(e, &max)| e.items.last().filter(|_| e.items.len() >= max).cloned())
            .collect();
        let edges = frontier.feeds.clone();
        Feeds { frontier, settings, by_group, edges, max, bounds, ids: HashMap::new() }
    }

    /// Takes out an article of file `key` as the last run had it; `false` when a feed is not
    /// as the state says.
    fn remove(&mut self, article: &ArticleView, key: &str) -> bool {
        *self.ids.entry(xxh3_64(article.id.as_bytes())).or_default() -= 1;
        let part = article.part.map(|p| p as u64);
        for (group, spelling) in groups(article, self.settings) {
            let Some(&n) = self.by_group.get(&group) else { return false };
            let edge = &mut self.edges[n];
            match edge.items.iter().position(|s| s.key == key && s.part == part) {
                Some(at) => {
                    edge.items.remove(at);
                }
                // A feed with room left holds every article of its group.
                None if self.bounds[n].is_none() => return false,
                None => {}
            }
            if spelling == Some(edge.name.as_str()) {
                let Some(uses) = edge.uses.checked_sub(1) else { return false };
                edge.uses = uses;
            }
        }
        true
    }

    /// Puts in an article of file `key` as it is now, in every feed it belongs to and sorts
    /// into; `false` when it might make a feed or rename one, or when its id is taken.
    fn add(&mut self, article: &ArticleView, key: &str) -> bool {
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
        let shown = Shown {
            key: key.to_string(),
            part: article.part.map(|p| p as u64),
            id: article.id.to_string(),
            date,
            changed: article.changed,
            fingerprint: article.fingerprint,
        };
        for (group, spelling) in groups(article, self.settings) {
            let Some(&n) = self.by_group.get(&group) else { return false };
            let edge = &mut self.edges[n];
            let enters = self.bounds[n].as_ref().is_none_or(|last| !order(&shown, last).is_gt());
            if enters {
                let at = edge.items.partition_point(|s| order(s, &shown).is_lt());
                edge.items.insert(at, shown.clone());
            }
            match spelling.map(|s| s.cmp(edge.name.as_str())) {
                Some(Ordering::Less) => return false,
                Some(Ordering::Equal) => edge.uses += 1,
                _ => {}
            }
        }
        true
    }

    /// Every article's id hash and each feed as the new state keeps it, its newest items; `None`
    /// when a full feed is left short (what would fill it is not known), or a feed of a category
    /// or an outlet has no article left that spells its name as it is shown (another spelling
    /// would be shown).
    fn finish(self) -> Option<(Vec<u64>, Vec<Edge>)> {
        let Feeds { frontier, mut edges, max, bounds, ids: more, .. } = self;
        for ((edge, &max), bound) in edges.iter_mut().zip(&max).zip(&bounds) {
            if bound.is_some() && edge.items.len() < max {
                return None;
            }
            edge.items.truncate(max);
            let named = !matches!(edge.group, Group::Main | Group::Filtered(_));
            if named && edge.uses == 0 {
                return None;
            }
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
        Some((ids, edges))
    }
}

/// Feed order of two items.
fn order(a: &Shown, b: &Shown) -> Ordering {
    let (a, b) = (Ranking { date: a.date, id: &a.id }, Ranking { date: b.date, id: &b.id });
    select::feed_order(&a, &b)
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
    use crate::publish::state::STATE_FILE;

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
sources = true
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
        /// Every third article has no id of its own: its id is its file's path (and part).
        fn own_id(&self) -> bool {
            self.id % 3 != 1
        }

        /// The outlet it comes from, when it names one: its version picks one of two outlets
        /// in two spellings, so an edit moves it between source feeds and renames them.
        fn source(&self) -> Option<&'static str> {
            let outlets = ["Kabar Uji", "KABAR UJI", "Warta Desa", "warta desa"];
            outlets.get((self.id + self.version) % 5).copied()
        }

        fn markdown(&self) -> String {
            let date = self
                .day
                .map_or(String::new(), |d| format!("date: 2024-05-{d:02}T09:00:00+07:00\n"));
            let id = if self.own_id() { format!("id: uji-{}\n", self.id) } else { String::new() };
            let source = self.source().map_or(String::new(), |s| format!("source: {s}\n"));
            format!(
                "---\n{id}{source}title: \"Berita {} versi {}\"\n{date}tags: [{}]\n---\n\nJakarta, Kabar Uji -- Isi berita {} versi {}.\n",
                self.id,
                self.version,
                self.names.join(", "),
                self.id,
                self.version
            )
        }

        fn json_line(&self) -> String {
            let mut line = serde_json::json!({
                "title": format!("Berita {} versi {}", self.id, self.version),
                "tags": self.names,
                "content": format!("Jakarta, Kabar Uji -- Isi berita {} versi {}.", self.id, self.version),
            });
            if self.own_id() {
                line["id"] = format!("uji-{}", self.id).into();
            }
            if let Some(source) = self.source() {
                line["source"] = source.into();
            }
            if let Some(d) = self.day {
                line["date"] = format!("2024-05-{d:02}T09:00:00+07:00").into();
            }
            format!("{line}\n")
        }
    }

    /// Every fourth article is a line of one JSON Lines file instead of a file of its own.
    fn bundled(id: usize) -> bool {
        id % 4 == 3
    }

    /// Writes the file that holds the `id`th article as `all` has it now (removing a file left
    /// with no article), dated a minute after the last write.
    fn write(articles: &Path, all: &[Option<Article>], id: usize, tick: &mut SystemTime) {
        *tick += Duration::from_secs(60);
        let (path, text) = if bundled(id) {
            let lines: String =
                all.iter().flatten().filter(|a| bundled(a.id)).map(Article::json_line).collect();
            (articles.join("bundle.jsonl"), Some(lines).filter(|l| !l.is_empty()))
        } else {
            (articles.join(format!("{id:03}.md")), all[id].as_ref().map(Article::markdown))
        };
        match text {
            Some(text) => {
                std::fs::write(&path, text).unwrap();
                let file = std::fs::File::options().write(true).open(&path).unwrap();
                file.set_modified(*tick).unwrap();
            }
            None => std::fs::remove_file(&path).unwrap(),
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

    /// A state file as two runs from the same state must leave it: its files' frames, byte for
    /// byte, and its header as read back, but for when each output was written (two runs write
    /// them at two times).
    fn state_parts(bytes: &[u8]) -> (Vec<u8>, String) {
        let mut end = crate::publish::state::MAGIC.len() + 4;
        loop {
            let len = u32::from_le_bytes(bytes[end..end + 4].try_into().unwrap());
            end += 4;
            if len == u32::MAX {
                break;
            }
            end += len as usize;
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(STATE_FILE), bytes).unwrap();
        let loaded = crate::publish::state::load(dir.path(), &mut |_, _| true);
        assert_eq!(loaded.warning, None);
        let mut state = loaded.state;
        state.outputs.iter_mut().for_each(|o| o.modified_ns = 0);
        (bytes[..end].to_vec(), format!("{state:#?}"))
    }

    /// What a run reports, but for the warnings of the articles it read again to render: a
    /// run that leaves a feed as it was reads none of its items.
    fn summary(report: &BuildReport) -> String {
        let mut published = report.published.clone();
        published.sort_by(|a, b| a.0.cmp(&b.0));
        format!(
            "{} files, {} read, {} accepted, {} rejected, {} feeds, {published:?}",
            report.files,
            report.read,
            report.accepted,
            report.rejections.len(),
            report.feeds,
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
        let mut all: Vec<Option<Article>> = Vec::new();
        let new = |id: usize, dice: &mut Dice| Article {
            id,
            version: 0,
            day: Some(1 + dice.roll(28)),
            names: vec![NAMES[dice.roll(5)], NAMES[dice.roll(5)]],
        };
        for id in 0..30 {
            all.push(Some(new(id, &mut dice)));
            write(&articles, &all, id, &mut tick);
        }
        let now = |step: usize| {
            chrono::DateTime::parse_from_rfc3339("2024-06-01T00:00:00+07:00").unwrap()
                + chrono::Duration::minutes(step as i64)
        };
        let options = BuildOptions { now: now(0), ..BuildOptions::default() };
        build(&settings, &options, &()).unwrap();
        let (mut shortcuts, mut rendered) = (0, 0);
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
                    all.push(Some(added));
                    write(&articles, &all, id, &mut tick);
                    rebuild_twice(&settings, &out, now(step), &mut shortcuts, &mut rendered);
                    continue;
                }
                6 => {}
                7 => {
                    all[pick] = None;
                    write(&articles, &all, pick, &mut tick);
                    rebuild_twice(&settings, &out, now(step), &mut shortcuts, &mut rendered);
                    continue;
                }
                8 => article.day = None,
                _ => article.names.push(NAMES[dice.roll(5)]),
            }
            all[pick] = Some(article);
            write(&articles, &all, pick, &mut tick);
            rebuild_twice(&settings, &out, now(step), &mut shortcuts, &mut rendered);
        }
        // Most edits change no feed, or change one the shortcut can tell: 66 and 14 when written.
        assert!(shortcuts >= 40, "only {shortcuts} of 80 rebuilds took the shortcut");
        assert!(rendered >= 8, "only {rendered} shortcuts rendered changed feeds");

        fn rebuild_twice(
            settings: &Settings,
            out: &Path,
            now: chrono::DateTime<chrono::FixedOffset>,
            shortcuts: &mut usize,
            rendered: &mut usize,
        ) {
            let before = snapshot(out);
            let whole = BuildOptions { now, whole_run: true, ..BuildOptions::default() };
            let indexed = build(settings, &whole, &()).unwrap();
            let by_index = snapshot(out);
            restore(out, &before);
            let cron = BuildOptions { now, ..BuildOptions::default() };
            let report = build(settings, &cron, &()).unwrap();
            let by_cron = snapshot(out);
            assert_eq!(summary(&report), summary(&indexed));
            let state = |files: &BTreeMap<PathBuf, (Vec<u8>, SystemTime)>| {
                state_parts(&files[Path::new(STATE_FILE)].0)
            };
            assert_eq!(state(&by_cron), state(&by_index), "at {now}");
            let feeds = |files: &BTreeMap<PathBuf, (Vec<u8>, SystemTime)>| {
                files
                    .iter()
                    .filter(|(rel, _)| !rel.ends_with(STATE_FILE))
                    .map(|(rel, (bytes, _))| (rel.clone(), String::from_utf8_lossy(bytes).into()))
                    .collect::<BTreeMap<PathBuf, String>>()
            };
            assert_eq!(feeds(&by_cron), feeds(&by_index), "at {now}");
            *shortcuts += usize::from(!report.indexed);
            let wrote =
                report.published.iter().any(|(_, o)| *o == crate::publish::Outcome::Written);
            *rendered += usize::from(!report.indexed && wrote);
        }
    }
}
