//! One run of kabar: the stages tied together, with everything that happened as data.
//!
//! `build` works from an index rather than from whole articles, so that an archive of any size
//! fits in memory and a run re-reads only what changed:
//!
//! 1. Lock the output folder; load the state file of the last run.
//! 2. List the input files. A file whose size and modification time match the state is not
//!    read; one whose bytes hash the same is not normalized. The others are read and normalized
//!    in parallel (rayon), a chunk of files at a time, and each article leaves a record behind:
//!    id, date, a fingerprint of what readers see, when it was first seen and when it last
//!    changed. Each record goes straight to the new state file, and of it only what selection
//!    needs stays in the index (`run/index.rs`):
//!    memory grows with the archive by a few dozen bytes an article.
//! 3. Select the newest `max_items` articles of each feed (ties by id; duplicate ids keep the
//!    newer), holding no more than that many per feed.
//! 4. Read and normalize again only the files of the selected items, render the feeds, check
//!    each one, and publish them atomically; save the state.
//!
//! Nothing here prints and nothing reads the clock: the time of the run comes in with the
//! options, and is only ever used to date a change of content. How far a run has got is told to
//! a [`Progress`], which the binary may draw; the library does no terminal I/O.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset, Utc};
use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use crate::check;
use crate::config::{CategoryDirs, FeedMeta, MissingDate, Settings};
use crate::ingest::{self, Draft, Format, Listing, Origin};
use crate::model::Article;
use crate::normalize::{self, Normalizer};
use crate::publish::state::{
    ArticleRecord, ArticleView, Asset, Edge, FileRecord, Frontier, Group, Shown, Span,
    StoredRecord, Writer,
};
use crate::publish::{self, Lock, LockError, Outcome, State};
use crate::select;
use crate::write::{self, Kind};

mod delta;
mod index;

use index::{Candidate, Index, Offered};

/// How many files are indexed at a time: their records are written to the new state file, and
/// their articles added to the index, while the next ones are read.
const CHUNK: usize = 2048;

/// What was wrong with one input.
#[derive(Debug, thiserror::Error)]
pub enum Problem {
    /// The file, or an article in it, could not be read.
    #[error(transparent)]
    Read(#[from] ingest::Error),
    /// An article could not be normalized.
    #[error(transparent)]
    Normalize(#[from] normalize::Error),
    /// No date anywhere, and `[feed] missing_date = "reject"`.
    #[error("article `{id}` has no date anywhere (rejected by `[feed] missing_date = \"reject\"`)")]
    NoDate {
        /// The article's id.
        id: String,
    },
}

/// An input that could not be used: `PATH[:LINE]: error: REASON`.
#[derive(Debug, thiserror::Error)]
#[error("{}: error: {problem}", location(path, *line))]
pub struct Rejection {
    /// The file.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub problem: Problem,
}

/// A doubt about an accepted article: `PATH[:LINE]: warning: MESSAGE`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: warning: {message}", location(path, *line))]
pub struct Warning {
    /// The file.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What the normalizer doubted.
    pub message: String,
}

fn location(path: &Path, line: Option<usize>) -> String {
    match line {
        Some(line) => format!("{}:{line}", path.display()),
        None => path.display().to_string(),
    }
}

/// Why a run could not finish.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Another run holds the output folder.
    #[error(transparent)]
    Locked(#[from] LockError),
    /// A feed could not be serialized.
    #[error("{0}")]
    Write(#[from] write::Error),
    /// A rendered feed failed its own check, so nothing was published.
    #[error("{}", check_message(path, problems))]
    Check {
        /// The feed file that would have been published.
        path: PathBuf,
        /// What the check found.
        problems: Vec<check::Problem>,
    },
    /// The output folder could not be written.
    #[error(transparent)]
    Publish(#[from] publish::Error),
}

fn check_message(path: &Path, problems: &[check::Problem]) -> String {
    let lines: Vec<String> = problems
        .iter()
        .map(|p| format!("{}: {}: {p} (not published)", location(path, p.line), p.severity))
        .collect();
    lines.join("\n")
}

/// What reading and normalizing a set of inputs gave.
#[derive(Debug, Default)]
pub struct Normalized {
    /// Files read.
    pub files: usize,
    /// Files passed over (hidden, or not an article format).
    pub skipped: usize,
    /// Accepted articles, in the order of the files and of the articles in them.
    pub articles: Vec<Article>,
    /// Inputs that could not be used.
    pub rejections: Vec<Rejection>,
}

/// Reads and normalizes every article file under `roots` (folders or single files).
pub fn normalize_paths(settings: &Settings, roots: &[PathBuf]) -> Normalized {
    let normalizer = Normalizer::new(settings);
    let found = ingest::find(roots);
    let per_file: Vec<Vec<Result<(Draft, Article), Rejection>>> = (0..found.files.len())
        .into_par_iter()
        .map(|i| {
            let (format, origin) = found.files.get(i);
            normalize_file(&normalizer, format, &origin, &settings.limits, None)
        })
        .collect();
    let mut out =
        Normalized { files: found.files.len(), skipped: found.skipped, ..Normalized::default() };
    for (path, error) in found.errors {
        out.rejections.push(Rejection { path, line: None, problem: error.into() });
    }
    for result in per_file.into_iter().flatten() {
        match result {
            Ok((_, article)) => out.articles.push(article),
            Err(rejection) => out.rejections.push(rejection),
        }
    }
    out
}

/// Reads (or takes already read bytes of) a file and normalizes every article in it.
fn normalize_file(
    normalizer: &Normalizer,
    format: Format,
    origin: &Origin,
    limits: &ingest::Limits,
    bytes: Option<&[u8]>,
) -> Vec<Result<(Draft, Article), Rejection>> {
    let reject = |line, problem| Rejection { path: origin.path.clone(), line, problem };
    let drafts = match bytes {
        Some(bytes) => ingest::parse_bytes(format, bytes, origin),
        None => ingest::read(format, origin, limits),
    };
    drafts
        .into_iter()
        .map(|draft| {
            let draft = draft.map_err(|e| reject(e.line(), e.into()))?;
            let line = draft.line.filter(|_| draft.part.is_some());
            let article = normalizer.article(&draft).map_err(|e| reject(line, e.into()))?;
            Ok((draft, article))
        })
        .collect()
}

/// Options of `kabar build` beyond the settings.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Publish nothing when any input is rejected.
    pub strict: bool,
    /// Say what would change; write nothing, take no lock.
    pub dry_run: bool,
    /// How long to wait for another run's lock.
    pub wait: Duration,
    /// The time of this run: the `updated` date of an article whose content changed since the
    /// last run. Nothing else uses it.
    pub now: DateTime<FixedOffset>,
    /// Index every article and render every feed, even when the few files that changed are
    /// sure to leave the feeds as they were, or most of them: the whole run that the shortcuts
    /// of a rebuild (`run/delta.rs`, [`to_render`]) are checked against.
    pub whole_run: bool,
}

/// Told by `build` how far it has got, for a progress display: the files found, then each file
/// indexed, then the last stage. The calls come in that order, [`indexed`](Self::indexed) from
/// rayon's threads, once per file of an archive of any size: it must be as cheap as an atomic
/// increment. `()` is the display that shows nothing.
pub trait Progress: Sync {
    /// The input files are listed: `files` of them will be indexed.
    fn found(&self, files: usize) {
        let _ = files;
    }
    /// One more file is indexed (read and normalized, or found unchanged).
    fn indexed(&self) {}
    /// Indexing is over: the selected articles are read again, and the feeds rendered, checked
    /// and published (or, in a dry run, compared with the published ones).
    fn rendering(&self) {}
}

impl Progress for () {}

/// What `build` did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Article files found.
    pub files: usize,
    /// Files read this run (the others were unchanged since the last run).
    pub read: usize,
    /// Every article was indexed again: not when no file changed, nor when the few that
    /// changed were sure to leave every feed as it was.
    pub indexed: bool,
    /// Files passed over.
    pub skipped: usize,
    /// Articles accepted.
    pub accepted: usize,
    /// Inputs rejected.
    pub rejections: Vec<Rejection>,
    /// A problem with the state file, which was then ignored.
    pub state_warning: Option<String>,
    /// Doubts about accepted articles: duplicate ids, and the warnings of the items in the feeds.
    pub warnings: Vec<Warning>,
    /// Feed documents made (three formats per feed), whether or not they were published.
    pub feeds: usize,
    /// Files and what happened (or, in a dry run, would happen) to each; empty when
    /// `--strict` held them back.
    pub published: Vec<(PathBuf, Outcome)>,
}

impl BuildReport {
    /// `--strict` was asked for and an input was rejected, so nothing was published.
    pub fn held_back(&self, options: &BuildOptions) -> bool {
        options.strict && !self.rejections.is_empty()
    }

    /// The one-line summary of a run: what was seen, read, accepted and rejected, and what was
    /// (or, in a dry run, would be) written to `dir`.
    pub fn summary(&self, options: &BuildOptions, dir: &Path) -> String {
        let files = |outcome: Outcome| -> Vec<String> {
            self.published
                .iter()
                .filter(|(_, o)| *o == outcome)
                .map(|(p, _)| p.display().to_string())
                .collect()
        };
        let (changing, removing) = (files(Outcome::Written), files(Outcome::Removed));
        let feeds = if self.held_back(options) {
            "no feeds written (--strict)".to_string()
        } else if options.dry_run {
            let mut would = Vec::new();
            if !changing.is_empty() {
                would.push(format!("would write {}", changing.join(", ")));
            }
            if !removing.is_empty() {
                would.push(format!("would remove {} (a feed that is gone)", removing.join(", ")));
            }
            match would.is_empty() {
                true => "dry run: no feed would change".to_string(),
                false => format!("dry run: {}", would.join("; ")),
            }
        } else {
            let removed = match removing.len() {
                0 => String::new(),
                n => format!(", {n} removed: their feeds are gone"),
            };
            format!(
                "{} feeds written to {} ({} of {} files changed{removed})",
                self.feeds,
                dir.display(),
                changing.len(),
                self.published.len() - removing.len()
            )
        };
        format!(
            "{} files seen ({} read), {} skipped, {} articles accepted, {} rejected; {feeds}",
            self.files,
            self.read,
            self.skipped,
            self.accepted,
            self.rejections.len()
        )
    }
}

/// What indexing one file gave.
#[derive(Default)]
struct Indexed<'s> {
    record: Option<FileRecord<'s>>,
    /// The file was read this run.
    read: bool,
    /// The record differs from the last run's, so the state must be saved.
    changed: bool,
    rejections: Vec<Rejection>,
}

/// Where indexed files go, in the walk's order: each record to the new state file, and each
/// article to the index, so that no record is held once its file is indexed.
struct Sink<'a> {
    files: &'a Listing,
    missing_date: MissingDate,
    /// The new state file; none in a dry run.
    writer: Option<Writer>,
    index: Index,
    report: &'a mut BuildReport,
    /// A record differs from the last run's.
    changed: bool,
    /// Rejections and warnings of the selection itself, not of a file.
    notes: usize,
}

impl Sink<'_> {
    /// Takes the files from the `start`th of the walk on.
    fn take(&mut self, start: usize, indexed: Vec<Indexed>) -> Result<(), Error> {
        for (file, indexed) in (start..).zip(indexed) {
            self.report.read += usize::from(indexed.read);
            self.changed |= indexed.changed;
            self.report.rejections.extend(indexed.rejections);
            let Some(record) = indexed.record else { continue };
            if let Some(writer) = &mut self.writer {
                writer.file(&self.files.key(file), &record)?;
            }
            for article in &record.articles() {
                let date = article.date.or(match self.missing_date {
                    MissingDate::FirstSeen => Some(article.first_seen),
                    MissingDate::Reject => None,
                });
                if date.is_none() {
                    self.notes += 1;
                    self.report.rejections.push(Rejection {
                        path: self.files.path(file),
                        line: None,
                        problem: Problem::NoDate { id: article.id.to_string() },
                    });
                    continue;
                }
                let offered = Offered { file, record: article, date };
                if let Some(duplicate) = self.index.add(offered, self.files) {
                    self.notes += 1;
                    self.report.warnings.push(Warning {
                        path: self.files.path(duplicate.dropped),
                        line: None,
                        message: format!(
                            "left out: `{}` has the same id `{}` and is kept as the newer one",
                            self.files.path(duplicate.kept).display(),
                            article.id
                        ),
                    });
                }
            }
        }
        Ok(())
    }
}

/// Builds the feeds from the configured inputs into the configured output folder, telling
/// `progress` how far it has got.
pub fn build(
    settings: &Settings,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildReport, Error> {
    let out = &settings.output_dir;
    let _lock = if options.dry_run { None } else { Some(Lock::acquire(out, options.wait)?) };
    let normalizer = Normalizer::new(settings);
    let matcher = select::Matcher::new(&settings.feeds, |name| normalizer.outlet_name(name));
    let mut found = ingest::find(&settings.input_dirs);
    progress.found(found.files.len());

    // Each file takes its record of the last run as the state file is read; what is left
    // belongs to deleted files.
    // The state lists files in the walk's order, so each record is most often the next file's;
    // one that is not (a file added or removed before it) is looked for by binary search.
    // Made at the first record claimed: a first build, with no state, has none to hold (56
    // bytes a file, a tenth of a first build's peak).
    let mut previous: Vec<Option<StoredRecord>> = Vec::new();
    let loaded = {
        let mut next = 0;
        publish::state::load(out, &mut |key, record| {
            let at = if next < found.files.len() && found.files.cmp_key(next, key).is_eq() {
                Some(next)
            } else {
                found.files.position(key)
            };
            let Some(i) = at else { return false };
            if previous.is_empty() {
                previous = vec![None; found.files.len()];
            }
            previous[i] = Some(record);
            next = i + 1;
            true
        })
    };
    let state_warning = loaded.warning;
    let mut state_file = loaded.file;
    if state_warning.is_some() {
        previous.iter_mut().for_each(|record| *record = None);
    }
    let old = loaded.state;
    // Records made by another kabar, or under settings that shape them differently, are not
    // reused: every file is read again. What they remember of each article's history (when it
    // was first seen, when its content last changed) is kept: that belongs to the files, not to
    // the settings, and losing it would move undated articles and drop `updated` dates from
    // every feed each time the configuration is edited.
    let config = config_hash(settings);
    let reuse = old.config == config;
    let mut state_changed = !reuse || state_warning.is_some() || loaded.unclaimed > 0;
    let render = render_hash(settings);

    let mut report = BuildReport {
        files: found.files.len(),
        skipped: found.skipped,
        state_warning,
        ..BuildReport::default()
    };
    for (path, error) in std::mem::take(&mut found.errors) {
        report.rejections.push(Rejection { path, line: None, problem: error.into() });
    }
    // Every file is as the last run left it, that run selected without a word to say, and its
    // feeds are as it left them: the feeds would come out the same, and no record is decoded.
    // The last run's records all stand, under the same settings, and it had nothing to say:
    // what it left may be all this run needs.
    let settled = !state_changed
        && old.notes == 0
        && old.render == render
        && previous.len() == found.files.len();
    let untouched = settled
        && previous.iter().enumerate().all(|(i, r)| as_left(r.as_ref(), found.files.stat(i)));
    let left_as_it_was = || left_as_it_was(out, &old);
    if untouched && !report.held_back(options) && left_as_it_was() {
        report.accepted = usize::try_from(old.accepted).unwrap_or(usize::MAX);
        report.feeds = usize::try_from(old.feed_files).unwrap_or(usize::MAX);
        report.published =
            old.outputs.iter().map(|o| (out.join(&o.name), Outcome::Unchanged)).collect();
        return Ok(report);
    }
    let context = Context { normalizer: &normalizer, matcher: &matcher, settings };
    // A few files changed, and the feeds are sure to hold what they held: no index is needed.
    let before = delta::Before {
        context: &context,
        options,
        files: &found.files,
        previous: &previous,
        state: &old,
    };
    if settled
        && !options.whole_run
        && report.rejections.is_empty()
        && let Some(selected) = delta::select(&before, &mut state_file, &mut report)?
    {
        drop(state_file);
        progress.rendering();
        finish(&context, options, &old, found.files, selected, &mut report)?;
        return Ok(report);
    }
    report.indexed = true;
    // Files are indexed a chunk at a time, in parallel, while the chunk before goes to the
    // state file and the index.
    let mut sink = Sink {
        files: &found.files,
        missing_date: settings.missing_date,
        writer: if options.dry_run { None } else { Some(Writer::create(out)?) },
        // An article a file, most often; a JSON Lines export has more, and the table grows.
        index: Index::with_capacity(found.files.len()),
        report: &mut report,
        changed: false,
        notes: 0,
    };
    let (mut start, mut pending) = (0, Vec::new());
    let mut none = Vec::new();
    for (n, first) in (0..found.files.len()).step_by(CHUNK).enumerate() {
        let files = first..found.files.len().min(first + CHUNK);
        let olds = match previous.get_mut(files.clone()) {
            Some(olds) => olds,
            None => {
                none.resize(files.len(), None);
                &mut none[..files.len()]
            }
        };
        // The records of this chunk's files, read back from the last state file in one go.
        let span = Span::read(state_file.as_mut(), olds.iter().flatten());
        let (taken, indexed) = rayon::join(
            || sink.take(start, std::mem::take(&mut pending)),
            || {
                files
                    .into_par_iter()
                    .zip(olds.par_iter_mut())
                    .map(|(i, old)| {
                        let (format, origin) = found.files.get(i);
                        let old = old.take().and_then(|r| r.open(&span).ok());
                        let indexed =
                            index_file(&context, format, &origin, old, reuse, options.now);
                        progress.indexed();
                        // Kept past the span, while the next chunk is read.
                        Indexed { record: indexed.record.map(FileRecord::into_owned), ..indexed }
                    })
                    .collect()
            },
        );
        taken?;
        (start, pending) = (n * CHUNK, indexed);
    }
    sink.take(start, pending)?;
    let Sink { writer, index, changed, notes, .. } = sink;
    state_changed |= changed;
    drop(state_file);
    progress.rendering();

    report.accepted = index.len();
    let plans = plan_feeds(settings, &index, &found.files);
    let ids = (notes == 0).then(|| article_ids(&index, &found.files));
    // Rendering needs no more of the index: freed first, it is not held beside the rendered
    // feeds, the other peak of a run.
    drop(index);
    let selected = Selected { plans, ids, writer, state_changed, notes };
    finish(&context, options, &old, found.files, selected, &mut report)?;
    Ok(report)
}

/// The last run's feeds by group, each with what it said about itself: what a feed of this run
/// is compared with.
type Before<'s> = HashMap<&'s Group, (&'s Edge, FeedMeta)>;

/// The feeds of the last run's state, when it rendered under the same settings.
fn feeds_before<'s>(old: &'s State, settings: &Settings, render: u64) -> Before<'s> {
    let Some(frontier) = old.frontier.as_ref().filter(|_| old.render == render) else {
        return HashMap::new();
    };
    let metas = feed_metas(settings, frontier.feeds.iter().map(|e| (&e.group, e.name.as_str())));
    frontier.feeds.iter().zip(metas).map(|(edge, meta)| (&edge.group, (edge, meta))).collect()
}

/// Which of the feeds of `plans` to render: each but those the last run made of the same items,
/// under the same settings, whose files are as it left them (rendered again, they would come
/// out the same), and every photo their enclosures were measured from is as it was.
fn to_render(plans: &[Plan], before: &Before, old: &State, out: &Path) -> Vec<bool> {
    let outputs: HashMap<&str, &publish::state::Output> =
        old.outputs.iter().map(|o| (o.name.as_str(), o)).collect();
    plans
        .iter()
        .map(|plan| {
            let same = before.get(&plan.group.0).is_some_and(|(edge, meta)| {
                *meta == plan.meta
                    && edge.items.iter().eq(plan.items.iter().map(|c| &c.shown))
                    && edge.assets.iter().all(Asset::unchanged)
            });
            let intact = Kind::ALL.iter().all(|kind| {
                let name = format!("{}{}", plan.meta.dir, kind.file_name());
                outputs
                    .get(name.as_str())
                    .is_some_and(|o| publish::intact(out, std::slice::from_ref(*o)))
            });
            !(same && intact)
        })
        .collect()
}

/// Every file the last run published is as it left it, and so is every photo it measured.
fn left_as_it_was(out: &Path, old: &State) -> bool {
    publish::intact(out, &old.outputs) && old.assets.iter().all(Asset::unchanged)
}

/// What a run has settled before it renders: the feeds and their items, and what its state
/// is to say besides.
struct Selected {
    plans: Vec<Plan>,
    /// The xxh3 of every accepted article's id, sorted; none when the selection had something
    /// to say, and the next run must be a whole one to say it again.
    ids: Option<Vec<u64>>,
    /// The new state file, with every file's record written; none in a dry run.
    writer: Option<Writer>,
    /// The state must be saved even if it says what the last one did.
    state_changed: bool,
    /// Rejections and warnings of the selection itself.
    notes: usize,
}

/// Renders, checks and publishes the feeds of `selected`, unless they would come out as the
/// last run left them, and saves the state.
fn finish(
    context: &Context,
    options: &BuildOptions,
    old: &State,
    files: Listing,
    selected: Selected,
    report: &mut BuildReport,
) -> Result<(), Error> {
    let Context { normalizer, settings, .. } = *context;
    let Selected { plans, ids, writer, mut state_changed, notes } = selected;
    let out = &settings.output_dir;
    let render = render_hash(settings);
    let left_as_it_was = || left_as_it_was(out, old);
    report.feeds = plans.len() * Kind::ALL.len();
    // Feeds the last run published that this one does not make: their files go.
    let feeds: BTreeSet<String> =
        plans.iter().map(|p| p.meta.dir.clone()).filter(|dir| !dir.is_empty()).collect();
    let gone = old.feeds.iter().filter(|dir| !feeds.contains(*dir));
    let stale =
        publish::stale_files(out, gone.map(String::as_str), &Kind::ALL.map(Kind::file_name));
    state_changed |= old.feeds != feeds;
    if report.held_back(options) {
        return Ok(());
    }
    let names: Vec<String> = plans
        .iter()
        .flat_map(|plan| Kind::ALL.map(|kind| format!("{}{}", plan.meta.dir, kind.file_name())))
        .chain([write::opml::FILE_NAME, write::index::FILE_NAME].map(String::from))
        .collect();
    // Every feed would hold the same items as last time, the settings render as before, and
    // every file the last run published is still as it left it: rendering again would give the
    // same bytes, so nothing is rendered, and only the records of the files that changed are saved.
    let selection = selection_hash(&plans);
    let all_names = names.clone();
    // The last run's feeds: a feed left as it was still has their photos.
    let before = feeds_before(old, settings, render);
    let assets_before = |plan: &Plan| before.get(&plan.group.0).map(|(e, _)| e.assets.clone());
    if old.selection == selection
        && old.render == render
        && old.outputs.iter().map(|o| &o.name).eq(names.iter())
        && (ids.is_none() || old.frontier.is_some())
        && left_as_it_was()
    {
        let assets = plans.iter().map(|p| assets_before(p).unwrap_or_default()).collect();
        let frontier = ids.map(|ids| frontier(&plans, ids, assets));
        report.published = names.iter().map(|name| (out.join(name), Outcome::Unchanged)).collect();
        let state = State {
            feeds,
            notes: notes as u64,
            accepted: report.accepted as u64,
            frontier,
            ..old.clone()
        };
        if let Some(writer) = writer.filter(|_| state_changed || state != *old) {
            writer.finish(&state)?;
        }
        return Ok(());
    }

    // Which feeds to render: the others hold what they held, as the last run left them.
    let again = if options.whole_run {
        vec![true; plans.len()]
    } else {
        to_render(&plans, &before, old, out)
    };
    // How many items of each feed are read again: all of a feed rendered, what the discovery
    // page shows of one left as it was.
    let wanted: Vec<usize> = (plans.iter().zip(&again).enumerate())
        .map(
            |(n, (plan, &again))| {
                if again { plan.items.len() } else { write::index::shown(n == 0) }
            },
        )
        .collect();
    let selected = plans.iter().zip(&wanted).flat_map(|(plan, &n)| plan.items.iter().take(n));
    let (articles, measured) =
        materialize(normalizer, selected, &files, settings, &mut report.warnings);
    // Each feed's photos: as measured now for a feed rendered, as the last run measured them
    // for one left as it was.
    let feed_assets: Vec<Vec<Asset>> = plans
        .iter()
        .zip(&again)
        .map(|(plan, &again)| match assets_before(plan).filter(|_| !again) {
            Some(assets) => assets,
            None => {
                let keys = plan.items.iter().map(|c| (c.file, c.part()));
                let mut assets: Vec<Asset> =
                    keys.filter_map(|key| measured.get(&key).cloned()).collect();
                assets.sort();
                assets.dedup();
                assets
            }
        })
        .collect();
    let assets: BTreeMap<&str, Option<u64>> =
        feed_assets.iter().flatten().map(|a| (a.path.as_str(), a.size)).collect();
    let assets: Vec<Asset> =
        assets.into_iter().map(|(path, size)| Asset { path: path.to_string(), size }).collect();
    let frontier = ids.map(|ids| frontier(&plans, ids, feed_assets));
    // Rendering needs no more of the listing: freed first, it is not held beside the rendered
    // feeds (15 MiB at 300,000 articles).
    let plans: Vec<(FeedMeta, Vec<ItemKey>)> = plans
        .into_iter()
        .map(|plan| (plan.meta, plan.items.iter().map(|c| (c.file, c.part())).collect()))
        .collect();
    drop(files);
    // Feeds render in parallel, on the pool's threads: besides the time, their buffers then
    // reuse the memory those threads freed while indexing, instead of growing the main thread's.
    let mut names = names.into_iter();
    let feed_names: Vec<[String; 3]> = plans
        .iter()
        .map(|_| Kind::ALL.map(|_| names.next().expect("a name for each feed file")))
        .collect();
    let left: Vec<PathBuf> = (feed_names.iter().zip(&again))
        .filter(|(_, again)| !**again)
        .flat_map(|(names, _)| names.iter().map(|name| out.join(name)))
        .collect();
    let rendered: Vec<Rendered> = plans
        .par_iter()
        .zip(feed_names)
        .zip(again.par_iter().zip(&wanted))
        .map(|(((meta, keys), names), (&again, &wanted))| {
            let items: Vec<Article> =
                keys.iter().take(wanted).filter_map(|k| articles.get(k).cloned()).collect();
            let mut files = Vec::with_capacity(Kind::ALL.len());
            for (kind, name) in Kind::ALL.into_iter().zip(names).filter(|_| again) {
                let bytes = kind.render(meta, &items)?;
                let problems: Vec<check::Problem> =
                    check::check(&bytes).into_iter().filter(check::Problem::is_error).collect();
                if !problems.is_empty() {
                    return Err(Error::Check { path: out.join(&name), problems });
                }
                files.push((name, bytes));
            }
            Ok((files, (meta.clone(), items)))
        })
        .collect::<Result<_, Error>>()?;
    let mut outputs = Vec::with_capacity(rendered.len() * Kind::ALL.len() + 2);
    let mut listed = Vec::with_capacity(rendered.len());
    for (files, feed) in rendered {
        outputs.extend(files);
        listed.push(feed);
    }
    // Discovery: a page listing every feed with autodiscovery links, and an OPML list of them.
    let metas: Vec<FeedMeta> = listed.iter().map(|(meta, _)| meta.clone()).collect();
    let discovery = [
        write::opml::render(&settings.feed, &metas)?,
        write::index::render(&settings.feed, &listed)?,
    ];
    outputs.extend(names.zip(discovery));
    let left = left.into_iter().map(|path| (path, Outcome::Unchanged));
    if options.dry_run {
        report.published = outputs
            .iter()
            .map(|(name, bytes)| {
                let path = out.join(name);
                let same = std::fs::read(&path).is_ok_and(|old| &old == bytes);
                (path, if same { Outcome::Unchanged } else { Outcome::Written })
            })
            .chain(left)
            .chain(stale.into_iter().map(|path| (path, Outcome::Removed)))
            .collect();
        return Ok(());
    }
    report.published = publish::publish(out, &outputs)?;
    report.published.extend(left);
    // Only once the new feeds are out, so that a run that fails before leaves the old ones; the
    // state still names the folders until they are gone.
    report.published.extend(publish::remove(out, &stale)?);
    let published = publish::outputs(out, all_names.iter().map(String::as_str))?;
    let state = State {
        config: config_hash(settings),
        render,
        feeds,
        outputs: published,
        accepted: report.accepted as u64,
        feed_files: report.feeds as u64,
        notes: notes as u64,
        assets,
        selection,
        frontier,
    };
    if let Some(writer) = writer.filter(|_| state_changed || state != *old) {
        writer.finish(&state)?;
    }
    Ok(())
}

/// A hash of everything the feeds are made of besides the settings: which feeds there are, and
/// which items each holds, by file, part, id, fingerprint and dates. The same hash means the
/// same feeds: an item's fingerprint covers everything its file gave for it (its categories
/// too), and the date it sorts by is its record's own or its first-seen one, as the settings say.
fn selection_hash(plans: &[Plan]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for plan in plans {
        for text in [&plan.meta.dir, &plan.meta.title, &plan.meta.description] {
            hasher.update(text.as_bytes());
            hasher.update(b"\x1f");
        }
        for item in &plan.items {
            let Shown { key, part, id, fingerprint, date, changed } = &item.shown;
            let dates = [date, changed].map(|d| d.map(|d| d.to_rfc3339()));
            let record = (key, part, id, fingerprint, dates);
            hasher.update(format!("{record:?}\x1f").as_bytes());
        }
        hasher.update(b"\x1e");
    }
    hasher.digest()
}

/// The xxh3 of every article's id, sorted: what tells the next run that an id is taken.
fn article_ids(index: &Index, files: &Listing) -> Vec<u64> {
    let mut ids: Vec<u64> = index.candidates(files).map(|c| c.id_hash()).collect();
    ids.sort_unstable();
    ids
}

/// Each feed's items and every article's id: for the next run to tell from the few files it
/// finds changed which items every feed holds (`run/delta.rs`).
fn frontier(plans: &[Plan], ids: Vec<u64>, assets: Vec<Vec<Asset>>) -> Frontier {
    let feeds = plans
        .iter()
        .zip(assets)
        .map(|(plan, assets)| {
            let (group, name, uses) = plan.group.clone();
            let items = plan.items.iter().map(|c| c.shown.clone()).collect();
            Edge { group, items, name, uses, assets }
        })
        .collect();
    Frontier { ids, feeds }
}

/// A hash of everything that shapes the feeds besides the articles: kabar's version and every
/// setting.
fn render_hash(settings: &Settings) -> u64 {
    xxh3_64(format!("{}|{settings:?}", env!("CARGO_PKG_VERSION")).as_bytes())
}

/// A hash of what shapes an article's record besides its file: kabar's version, the settings the
/// head of the normalizer reads, and which feeds are made.
fn config_hash(settings: &Settings) -> u64 {
    let shaping = format!(
        "{}|{:?}|{:?}|{:?}|{:?}|{:?}|{}|{}|{:?}",
        env!("CARGO_PKG_VERSION"),
        settings.timezone,
        settings.item_link,
        settings.feed.link,
        settings.sources,
        settings.limits,
        settings.category_feeds,
        settings.source_feeds,
        settings.feeds,
    );
    xxh3_64(shaping.as_bytes())
}

/// Whether a file is as the last run left it, by its record: the same size and modification
/// time, and nothing rejected (a file with rejections is read every run, to report them).
fn as_left(record: Option<&StoredRecord>, (size, modified): (u64, Option<SystemTime>)) -> bool {
    record.is_some_and(|r| {
        r.rejected == 0 && r.size == size && r.modified_ns == publish::nanos(modified)
    })
}

/// What indexing a file reads besides the file.
#[derive(Clone, Copy)]
struct Context<'a> {
    normalizer: &'a Normalizer,
    matcher: &'a select::Matcher,
    settings: &'a Settings,
}

/// Indexes one file, reusing what the last run recorded when the file did not change and the
/// record was made under the same settings (`reuse`). A record that is not reused still gives
/// its articles' history: when each was first seen, and when its content last changed.
fn index_file<'s>(
    context: &Context,
    format: Format,
    origin: &Origin,
    old: Option<(FileRecord<'s>, Vec<ArticleView<'s>>)>,
    reuse: bool,
    now: DateTime<FixedOffset>,
) -> Indexed<'s> {
    let Context { normalizer, matcher, settings } = *context;
    let modified_ns = publish::nanos(origin.modified);
    let (old, old_articles) = old.unzip();
    let reusable = old.as_ref().filter(|r| reuse && r.rejected == 0);
    if reusable.is_some_and(|r| r.size == origin.size && r.modified_ns == modified_ns) {
        return Indexed { record: old, ..Indexed::default() };
    }
    let bytes = match ingest::load(origin, &settings.limits) {
        Ok(bytes) => bytes,
        Err(e) => {
            let rejection =
                Rejection { path: origin.path.clone(), line: e.line(), problem: e.into() };
            return Indexed { read: true, rejections: vec![rejection], ..Indexed::default() };
        }
    };
    let hash = xxh3_64(&bytes);
    if reusable.is_some_and(|r| r.hash == hash) {
        let record = old.map(|mut r| {
            (r.size, r.modified_ns) = (origin.size, modified_ns);
            r
        });
        return Indexed { record, read: true, changed: true, ..Indexed::default() };
    }
    let first_seen = origin
        .modified
        .map_or(now, |t| DateTime::<Utc>::from(t).with_timezone(&settings.timezone).fixed_offset());
    // The same bytes cannot hold a change of content, whatever the fingerprints say: they are
    // compared only for a file that changed (a new kabar may fingerprint differently).
    let same_bytes = old.as_ref().is_some_and(|r| r.hash == hash);
    let previous: HashMap<&str, &ArticleView> =
        old_articles.iter().flatten().map(|a| (a.id, a)).collect();
    let mut articles = Vec::new();
    let mut rejected = 0;
    let mut rejections = Vec::new();
    for draft in ingest::parse_bytes(format, &bytes, origin) {
        let reject = |line, problem| Rejection { path: origin.path.clone(), line, problem };
        let head = match draft {
            Err(e) => Err(reject(e.line(), e.into())),
            Ok(draft) => {
                let line = draft.line.filter(|_| draft.part.is_some());
                match normalizer.head_for(&draft, matcher.extras()) {
                    Ok(head) => Ok((draft, head)),
                    Err(e) => Err(reject(line, e.into())),
                }
            }
        };
        match head {
            Ok((draft, head)) => {
                let fingerprint = fingerprint(&draft);
                let before = previous.get(head.id.as_str());
                let changed = match before {
                    Some(b) if !same_bytes && b.fingerprint != fingerprint => Some(now),
                    Some(b) => b.changed,
                    None => None,
                };
                // Categories and source are kept only when a feed is made from them: they are
                // most of an index record's size.
                articles.push(ArticleRecord {
                    feeds: matcher.matches(&head),
                    categories: match settings.category_feeds {
                        true => head.categories.into_iter().map(String::into_boxed_str).collect(),
                        false => Box::default(),
                    },
                    source: head
                        .source
                        .filter(|_| settings.source_feeds)
                        .map(|s| s.name.into_boxed_str()),
                    date: head.published.or(head.updated).map(|p| p.at),
                    // In the configured zone, which may not be the one it was first seen in.
                    first_seen: before.map_or(first_seen, |b| {
                        b.first_seen.with_timezone(&settings.timezone).fixed_offset()
                    }),
                    changed,
                    fingerprint,
                    part: draft.part,
                    id: head.id.into_boxed_str(),
                });
            }
            Err(rejection) => {
                rejected += 1;
                rejections.push(rejection);
            }
        }
    }
    let record = FileRecord::new(origin.size, modified_ns, hash, rejected, &articles);
    // A file with rejections is read every run, and most often gives the same record again.
    let changed = old.as_ref() != Some(&record);
    Indexed { record: Some(record), read: true, changed, rejections }
}

/// A hash of everything the file gave for one article, field by field: a change here is a change
/// of content. (Not of the normalized article: a new version of kabar that normalizes better must
/// not make every item look updated.)
fn fingerprint(draft: &Draft) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut field = |text: Option<&str>| {
        hasher.update(text.unwrap_or("\u{0}none").as_bytes());
        hasher.update(b"\x1f");
    };
    for single in [
        &draft.id,
        &draft.title,
        &draft.date,
        &draft.updated,
        &draft.retrieved,
        &draft.link,
        &draft.source,
        &draft.summary,
        &draft.image,
        &draft.language,
    ] {
        field(single.as_deref());
    }
    field(draft.image_length.map(|n| n.to_string()).as_deref());
    for many in [&draft.authors, &draft.categories] {
        for item in many {
            field(Some(item));
        }
        field(None);
    }
    match &draft.body {
        ingest::Body::Text(t) => field(Some(t)),
        ingest::Body::Markdown(t) => {
            field(Some("md"));
            field(Some(t));
        }
        ingest::Body::Html(t) => {
            field(Some("html"));
            field(Some(t));
        }
    }
    hasher.digest()
}

/// The names an article has in one kind of grouping (its categories, its source).
type NamesOf = fn(Candidate<'_>) -> Vec<&str>;

/// A kind of grouping: whether it is on, its articles' names, and the group of a name in
/// lowercase.
type Grouping = (bool, NamesOf, fn(String) -> Group);

/// An item of a feed: its file, by its place in the walk, and its place in the file.
type ItemKey = (usize, Option<usize>);

/// One feed to write: what it says about itself, and its items, newest first.
struct Plan {
    meta: FeedMeta,
    /// Which articles it is made of; for a category or an outlet, the name it is shown under,
    /// and how many of its articles' names are spelled so.
    group: (Group, String, u64),
    items: Vec<Chosen>,
}

/// An item a feed shows: its file, by its place in the walk, and what the state keeps of it.
#[derive(Debug, Clone)]
struct Chosen {
    file: usize,
    shown: Shown,
}

impl Chosen {
    fn new(candidate: Candidate, files: &Listing) -> Chosen {
        let shown = Shown {
            key: files.key(candidate.file()),
            part: candidate.part().map(|p| p as u64),
            id: candidate.id().to_string(),
            date: candidate.date(),
            changed: candidate.changed(),
            fingerprint: candidate.fingerprint(),
        };
        Chosen { file: candidate.file(), shown }
    }

    fn part(&self) -> Option<usize> {
        self.shown.part.map(|p| p as usize)
    }
}

/// The feeds of a run: the main feed, the feeds of the `[[feeds]]` tables, then (when switched
/// on) one per category and one per source outlet, each its newest `max_items` articles.
fn plan_feeds(settings: &Settings, index: &Index, files: &Listing) -> Vec<Plan> {
    let max = settings.feed.max_items;
    let kinds: [Grouping; 2] = [
        (settings.category_feeds, |c| c.categories().collect(), Group::Category),
        (settings.source_feeds, |c| c.source().into_iter().collect(), Group::Source),
    ];
    let mut groups = vec![(Group::Main, String::new(), 0)];
    groups.extend((0..settings.feeds.len()).map(|n| (Group::Filtered(n as u32), String::new(), 0)));
    let mut items = vec![select::newest(index.candidates(files), max)];
    for (n, feed) in settings.feeds.iter().enumerate() {
        let of_table = index.candidates(files).filter(|c| c.feeds() & (1 << n) != 0);
        items.push(select::newest(of_table, feed.max_items));
    }
    for (enabled, names_of, group) in kinds {
        if !enabled {
            continue;
        }
        // Names that differ only in case are one feed, under the first spelling in sort order.
        // The index holds each spelling once, so each is lowercased once, not once an article.
        // (the first spelling, how many names are spelled so, items)
        type Named<'a> = (&'a str, u64, select::Newest<Candidate<'a>>);
        let mut by_name: BTreeMap<String, Named> = BTreeMap::new();
        let mut spellings: HashMap<&str, String> = HashMap::new();
        for candidate in index.candidates(files) {
            for name in names_of(candidate) {
                let key = spellings.entry(name).or_insert_with(|| name.to_lowercase());
                let entry = match by_name.get_mut(key.as_str()) {
                    Some(entry) => entry,
                    None => {
                        by_name.entry(key.clone()).or_insert((name, 0, select::Newest::new(max)))
                    }
                };
                match name.cmp(entry.0) {
                    std::cmp::Ordering::Less => (entry.0, entry.1) = (name, 1),
                    std::cmp::Ordering::Equal => entry.1 += 1,
                    std::cmp::Ordering::Greater => {}
                }
                entry.2.offer(candidate);
            }
        }
        for (key, (name, uses, newest)) in by_name {
            groups.push((group(key), name.to_string(), uses));
            items.push(newest.into_vec());
        }
    }
    let metas = feed_metas(settings, groups.iter().map(|(group, name, _)| (group, name.as_str())));
    (metas.into_iter().zip(groups).zip(items))
        .map(|((meta, group), items)| {
            let items = items.into_iter().map(|c| Chosen::new(c, files)).collect();
            Plan { meta, group, items }
        })
        .collect()
}

/// What each feed says about itself, for feeds of `groups` (with the names they are shown
/// under) in the order [`plan_feeds`] makes them: the main feed, the `[[feeds]]` tables, then
/// the categories and the outlets, each in the order of their names in lowercase.
///
/// The folders are settled before any feed is: every feed's items link their categories' feeds
/// (RSS `domain`, Atom `scheme`), and a category's folder is known only once every name that
/// might slug like it is known (`kabar-desa`, `kabar-desa-2`).
fn feed_metas<'g>(
    settings: &Settings,
    groups: impl Iterator<Item = (&'g Group, &'g str)> + Clone,
) -> Vec<FeedMeta> {
    let (mut category_slugs, mut source_slugs) = (HashSet::new(), HashSet::new());
    let dirs: Vec<String> = groups
        .clone()
        .map(|(group, name)| match group {
            Group::Main => String::new(),
            Group::Filtered(n) => format!("feeds/{}/", settings.feeds[*n as usize].slug),
            Group::Category(_) => {
                format!("categories/{}/", unique_slug(name, "category", &mut category_slugs))
            }
            Group::Source(_) => {
                format!("sources/{}/", unique_slug(name, "source", &mut source_slugs))
            }
        })
        .collect();
    let category_dirs: CategoryDirs = groups
        .clone()
        .zip(&dirs)
        .filter_map(|((group, _), dir)| match group {
            Group::Category(key) => Some((key.clone(), dir.clone())),
            _ => None,
        })
        .collect();
    let site = FeedMeta { category_dirs: Arc::new(category_dirs), ..settings.feed.clone() };
    groups
        .zip(dirs)
        .map(|((group, name), dir)| match group {
            Group::Main => site.clone(),
            Group::Filtered(n) => {
                let feed = &settings.feeds[*n as usize];
                FeedMeta {
                    title: feed.title.clone(),
                    description: feed.description.clone(),
                    max_items: feed.max_items,
                    dir,
                    ..site.clone()
                }
            }
            Group::Category(_) | Group::Source(_) => {
                let what = if matches!(group, Group::Category(_)) { "category" } else { "source" };
                FeedMeta {
                    title: format!("{} — {name}", site.title),
                    description: format!("{} ({what}: {name})", site.description),
                    dir,
                    ..site.clone()
                }
            }
        })
        .collect()
}

/// A slug for a feed's folder that no other feed of the same kind has: two names that slug
/// alike get `-2`, `-3`… in the order of their names; a name with no letters or digits gets one
/// from its hash.
fn unique_slug(name: &str, what: &str, taken: &mut HashSet<String>) -> String {
    let mut base = crate::normalize::identity::slug(name);
    if base.is_empty() {
        base = format!("{what}-{:08x}", xxh3_64(name.as_bytes()) as u32);
    }
    let mut slug = base.clone();
    let mut n = 2;
    while !taken.insert(slug.clone()) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

/// A feed's files (name and bytes), and its items for the discovery page.
type Rendered = (Vec<(String, Vec<u8>)>, (FeedMeta, Vec<Article>));

/// The selected articles in full, by file and part.
type Materialized = HashMap<ItemKey, Article>;

/// Reads and normalizes again the files of the `chosen` items (each once), and
/// gives the full articles by file and part, dated: a stand-in for an article without a date,
/// and `updated` when its content changed; with them, the local image file
/// each one's enclosure was measured from.
fn materialize<'p>(
    normalizer: &Normalizer,
    chosen: impl Iterator<Item = &'p Chosen>,
    files: &Listing,
    settings: &Settings,
    warnings: &mut Vec<Warning>,
) -> (Materialized, HashMap<ItemKey, Asset>) {
    let mut selected: Vec<&Chosen> = Vec::new();
    let mut seen = HashSet::new();
    for candidate in chosen {
        if seen.insert((candidate.file, candidate.part())) {
            selected.push(candidate);
        }
    }
    let wanted: Vec<usize> = {
        let mut seen = HashSet::new();
        selected.iter().map(|c| c.file).filter(|f| seen.insert(*f)).collect()
    };
    // Parse each wanted file once, and normalize in full only the articles that were selected
    // (a JSON Lines export holds a thousand articles, of which a feed may show one).
    let mut normalized: HashMap<usize, Vec<(Option<usize>, Article)>> = wanted
        .par_iter()
        .map(|&f| {
            let (format, origin) = files.get(f);
            let parts: HashSet<Option<usize>> =
                selected.iter().filter(|c| c.file == f).map(|c| c.part()).collect();
            let wanted = |part| parts.contains(&part);
            let articles = ingest::read_parts(format, &origin, &settings.limits, &wanted)
                .into_iter()
                .flatten()
                .filter_map(|draft| normalizer.article(&draft).ok().map(|a| (draft.part, a)))
                .collect();
            (f, articles)
        })
        .collect();
    let mut items = HashMap::with_capacity(selected.len());
    let mut assets = HashMap::new();
    for candidate in selected {
        // Each selected article is taken once: moved out, not copied.
        let found = normalized.get_mut(&candidate.file).and_then(|articles| {
            let at = articles
                .iter()
                .position(|(part, a)| *part == candidate.part() && *a.id == candidate.shown.id)?;
            Some(articles.swap_remove(at).1)
        });
        let Some(mut article) = found else {
            warnings.push(Warning {
                path: files.path(candidate.file),
                line: None,
                message: format!(
                    "article `{}` changed while kabar was reading it: left out of this run",
                    candidate.shown.id
                ),
            });
            continue;
        };
        if article.published.is_none()
            && article.updated.is_none()
            && let (MissingDate::FirstSeen, Some(date)) =
                (settings.missing_date, candidate.shown.date)
        {
            article.published = Some(date);
            article.warnings.push(format!(
                "no date in the article: dated by its file's modification time when first seen, {}",
                crate::model::rfc3339(&date)
            ));
        }
        if let Some(changed) = candidate.shown.changed {
            article.updated = Some(article.updated.map_or(changed, |u| u.max(changed)));
        }
        if let Some(image) = article.image.as_mut()
            && let Some(asset) = measure(image, &files.get(candidate.file).1)
        {
            assets.insert((candidate.file, candidate.part()), asset);
        }
        warnings.extend(article.warnings.iter().map(|message| Warning {
            path: PathBuf::from(&article.path),
            line: None,
            message: message.clone(),
        }));
        items.insert((candidate.file, candidate.part()), article);
    }
    (items, assets)
}

/// Gives a photo that names a file beside its article (and has no length given) the file's size,
/// and gives the file as an asset, so that the run after it notices the file change.
///
/// A file that is not there is no warning: most archives keep the text and leave the photos on
/// the web server (`/images/…` served by the site), and the enclosure is valid without a length.
fn measure(image: &mut crate::model::Image, origin: &Origin) -> Option<Asset> {
    let reference = image.local.as_deref()?;
    if image.length.is_some() || image.url.is_none() {
        return None;
    }
    let path = origin.resolve(reference)?;
    let size = Asset::measure(&path);
    image.length = size;
    Some(Asset { path: path.to_str()?.to_string(), size })
}
