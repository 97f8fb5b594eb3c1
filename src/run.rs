//! One run of kabar: the stages tied together, with everything that happened as data.
//!
//! `build` reads every input file in parallel (rayon), normalizes, selects, renders and hands the
//! bytes to `publish`. Nothing here prints: the report goes back to the caller, which decides
//! what to show and which exit status it means.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rayon::prelude::*;

use crate::config::Settings;
use crate::ingest::{self, Draft, Format, Origin};
use crate::model::Article;
use crate::normalize::{self, Normalizer};
use crate::publish::{self, Outcome};
use crate::select;
use crate::write::{self, Kind};

/// What was wrong with one input.
#[derive(Debug, thiserror::Error)]
pub enum Problem {
    /// The file, or an article in it, could not be read.
    #[error(transparent)]
    Read(#[from] ingest::Error),
    /// An article could not be normalized.
    #[error(transparent)]
    Normalize(#[from] normalize::Error),
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
    /// A feed could not be serialized.
    #[error("{0}")]
    Write(#[from] write::Error),
    /// The output folder could not be written.
    #[error(transparent)]
    Publish(#[from] publish::Error),
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
    /// The modification time of each accepted article's file, parallel to `articles`.
    modified: Vec<Option<DateTime<Utc>>>,
}

/// An accepted article and its file's modification time.
type Accepted = (Article, Option<DateTime<Utc>>);

/// Reads and normalizes every article file under `roots` (folders or single files).
pub fn normalize_paths(settings: &Settings, roots: &[PathBuf]) -> Normalized {
    let normalizer = Normalizer::new(settings);
    let found = ingest::find(roots);
    let per_file: Vec<Vec<Result<Accepted, Rejection>>> = found
        .files
        .par_iter()
        .map(|(format, origin)| normalize_file(&normalizer, *format, origin))
        .collect();
    let mut out =
        Normalized { files: found.files.len(), skipped: found.skipped, ..Normalized::default() };
    for (path, error) in found.errors {
        out.rejections.push(Rejection { path, line: None, problem: error.into() });
    }
    for result in per_file.into_iter().flatten() {
        match result {
            Ok((article, modified)) => {
                out.articles.push(article);
                out.modified.push(modified);
            }
            Err(rejection) => out.rejections.push(rejection),
        }
    }
    out
}

fn normalize_file(
    normalizer: &Normalizer,
    format: Format,
    origin: &Origin,
) -> Vec<Result<Accepted, Rejection>> {
    let reject = |line, problem| Rejection { path: origin.path.clone(), line, problem };
    ingest::read(format, origin)
        .into_iter()
        .map(|draft| {
            let draft: Draft = draft.map_err(|e| reject(e.line(), e.into()))?;
            let article = normalizer
                .article(&draft)
                .map_err(|e| reject(draft.line.filter(|_| draft.part.is_some()), e.into()))?;
            Ok((article, draft.modified.map(DateTime::<Utc>::from)))
        })
        .collect()
}

/// Options of `kabar build` beyond the settings.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Publish nothing when any input is rejected.
    pub strict: bool,
}

/// What `build` did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Article files read.
    pub files: usize,
    /// Files passed over.
    pub skipped: usize,
    /// Articles accepted.
    pub accepted: usize,
    /// Inputs rejected.
    pub rejections: Vec<Rejection>,
    /// Doubts about accepted articles, the warnings of the items in the feeds only.
    pub warnings: Vec<Warning>,
    /// Feed files and what happened to each; empty when `--strict` held them back.
    pub published: Vec<(PathBuf, Outcome)>,
}

impl BuildReport {
    /// `--strict` was asked for and an input was rejected, so nothing was published.
    pub fn held_back(&self, options: &BuildOptions) -> bool {
        options.strict && !self.rejections.is_empty()
    }
}

/// Builds the feeds from the configured inputs into the configured output folder.
pub fn build(settings: &Settings, options: &BuildOptions) -> Result<BuildReport, Error> {
    let Normalized { files, skipped, mut articles, rejections, modified } =
        normalize_paths(settings, &settings.input_dirs);
    let mut warnings = Vec::new();
    for (article, modified) in articles.iter_mut().zip(modified) {
        stand_in_date(settings, article, modified);
    }
    let articles = dedupe(articles, &mut warnings);
    let mut report = BuildReport {
        files,
        skipped,
        accepted: articles.len(),
        rejections,
        ..BuildReport::default()
    };
    let items = select::newest(articles, settings.feed.max_items);
    for article in &items {
        warnings.extend(article.warnings.iter().map(|message| Warning {
            path: PathBuf::from(&article.path),
            line: None,
            message: message.clone(),
        }));
    }
    report.warnings = warnings;
    let mut outputs = Vec::with_capacity(Kind::ALL.len());
    for kind in Kind::ALL {
        outputs.push((kind.file_name().to_string(), kind.render(&settings.feed, &items)?));
    }
    if report.held_back(options) {
        return Ok(report);
    }
    report.published = publish::publish(&settings.output_dir, &outputs)?;
    Ok(report)
}

/// An article with no date anywhere is dated by its file's modification time (in the configured
/// zone), so that it can be placed in a feed at all; never by the clock.
fn stand_in_date(settings: &Settings, article: &mut Article, modified: Option<DateTime<Utc>>) {
    if article.published.is_some() || article.updated.is_some() {
        return;
    }
    if let Some(modified) = modified {
        let local = modified.with_timezone(&settings.timezone).fixed_offset();
        article.published = Some(local);
        article.warnings.push(format!(
            "no date in the article: dated by its file's modification time, {}",
            crate::model::rfc3339(&local)
        ));
    }
}

/// Two articles with the same id: the newer is kept, and both are named in a warning.
fn dedupe(articles: Vec<Article>, warnings: &mut Vec<Warning>) -> Vec<Article> {
    let mut by_id: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut kept: Vec<Option<Article>> = Vec::with_capacity(articles.len());
    for article in articles {
        match by_id.get(&article.id) {
            Some(&i) => {
                let Some(old) = kept[i].take() else { continue };
                let newer_is_new = select::feed_order(&article, &old).is_lt();
                let (keep, drop) = if newer_is_new { (article, old) } else { (old, article) };
                warnings.push(Warning {
                    path: PathBuf::from(&drop.path),
                    line: None,
                    message: format!(
                        "left out: `{}` has the same id `{}` and is kept as the newer one",
                        keep.path, keep.id
                    ),
                });
                kept[i] = Some(keep);
            }
            None => {
                by_id.insert(article.id.clone(), kept.len());
                kept.push(Some(article));
            }
        }
    }
    kept.into_iter().flatten().collect()
}
