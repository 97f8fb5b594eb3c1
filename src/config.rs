//! `config.toml`: read once, checked once, then handed around as [`Settings`].
//!
//! Parsing is serde with `deny_unknown_fields`, so a misspelt key is an error that names it; a
//! second step checks the values (zone names, URLs, templates) and names the key that is wrong.
//! Relative folders in the file are taken relative to the file itself, so that cron can run
//! kabar from any working directory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono_tz::Tz;
use serde::Deserialize;
use url::Url;

/// Why a configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{}: error: cannot read the configuration: {source}", path.display())]
    Read {
        /// The configuration file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The TOML is malformed, has an unknown key or a value of the wrong type.
    #[error("{}:{line}: error: {message}", path.display())]
    Syntax {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// What toml said, which names the key.
        message: String,
    },
    /// A value has the right type but cannot be used.
    #[error("{}: error: `{key}` {problem}", path.display())]
    Value {
        /// The configuration file (or `<defaults>`).
        path: PathBuf,
        /// Dotted key, such as `feed.timezone`.
        key: &'static str,
        /// What is wrong with it.
        problem: String,
    },
    /// A value of one `[[feeds]]` table cannot be used: `[[feeds]] 2: `name` …`.
    #[error("{}: error: [[feeds]] {table}: `{key}` {problem}", path.display())]
    Feeds {
        /// The configuration file.
        path: PathBuf,
        /// Which table, counting from 1 in the order of the file.
        table: usize,
        /// The key in the table, such as `name`.
        key: &'static str,
        /// What is wrong with it.
        problem: String,
    },
}

/// The `[feed]` table: what every feed says about itself.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedFile {
    title: Option<String>,
    link: Option<String>,
    description: Option<String>,
    language: Option<String>,
    timezone: Option<String>,
    max_items: Option<usize>,
    base_url: Option<String>,
    author: Option<String>,
    item_link: Option<String>,
    missing_date: Option<MissingDate>,
    rights: Option<String>,
}

/// What to do with an article that has no date anywhere (`[feed] missing_date`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MissingDate {
    /// Date it by its file's modification time when kabar first saw it, kept in the state file
    /// so that it never moves (the default).
    #[default]
    FirstSeen,
    /// Reject it, naming the file.
    Reject,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct InputFile {
    dirs: Option<Vec<PathBuf>>,
    max_bytes: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutputFile {
    dir: Option<PathBuf>,
    categories: Option<bool>,
    sources: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SummaryFile {
    max_chars: Option<usize>,
}

/// A `[[sources]]` table: an outlet the built-in registry lacks, or a correction to one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    name: String,
    url: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

/// A `[[feeds]]` table: one more feed, of the articles that its filter selects.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedsFile {
    // Optional here so that a missing name is an error naming the table.
    name: Option<String>,
    title: Option<String>,
    description: Option<String>,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    max_items: Option<usize>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    feed: Option<FeedFile>,
    #[serde(default)]
    feeds: Vec<FeedsFile>,
    #[serde(default)]
    sources: Vec<SourceFile>,
    #[serde(default)]
    input: InputFile,
    #[serde(default)]
    output: OutputFile,
    #[serde(default)]
    summary: SummaryFile,
}

/// Feed-level metadata, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedMeta {
    /// Feed title.
    pub title: String,
    /// The site the feed belongs to (absolute URL).
    pub link: String,
    /// One sentence about the feed.
    pub description: String,
    /// BCP 47 tag of the feed, also the fallback language of articles.
    pub language: Option<String>,
    /// Most items per feed.
    pub max_items: usize,
    /// Where the output folder is served, ending in `/`; self links are made from it.
    pub base_url: Option<String>,
    /// The feed's author (Atom requires one on the feed or on every entry).
    pub author: Option<String>,
    /// Copyright or licence of the feed's content (RSS `copyright`, Atom `rights`).
    pub rights: Option<String>,
    /// The folder of this feed's files inside the output folder: `""` for the main feed,
    /// `"categories/politik/"` for another; its self links are `base_url` + `dir` + file name.
    pub dir: String,
    /// The folder of each category feed of the run, so that an item's categories link the feed
    /// that was really written for them (RSS `domain`, Atom `scheme`). Empty when no category
    /// feeds are made, and then items link none. Shared: every feed of a run holds the same map.
    pub category_dirs: Arc<CategoryDirs>,
}

/// The folders of a run's category feeds (`categories/kabar-desa-2/`), by the category's name in
/// lowercase: names that differ only in case are one feed.
pub type CategoryDirs = BTreeMap<String, String>;

impl FeedMeta {
    /// The absolute URL of one of this feed's files, when `base_url` is set.
    pub fn self_url(&self, file: &str) -> Option<String> {
        self.base_url.as_ref().map(|base| format!("{base}{}{file}", self.dir))
    }
}

/// An outlet from a `[[sources]]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceEntry {
    /// Canonical name, as feeds show it.
    pub name: String,
    /// Home page.
    pub url: Option<String>,
    /// Other spellings found in datelines and citations.
    pub aliases: Vec<String>,
}

/// The most `[[feeds]]` tables a configuration may have: the index keeps, for every article,
/// which of them hold it as one bit each.
pub const MAX_FEEDS: usize = 64;

/// A feed of a `[[feeds]]` table, checked: published in `OUTPUT/feeds/SLUG/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilteredFeed {
    /// `name`, as written.
    pub name: String,
    /// The slug of the name, unique among the tables: the feed's folder is `feeds/SLUG/`.
    pub slug: String,
    /// `title`, else the main feed's title and the name.
    pub title: String,
    /// `description`, else the main feed's description and the name.
    pub description: String,
    /// `max_items`, else `[feed] max_items`.
    pub max_items: usize,
    /// Which articles it holds.
    pub filter: Filter,
}

/// Which articles a `[[feeds]]` feed holds, the values as written (trimmed). Within a key any
/// value matches, across keys all must, and an empty key does not filter; `select::Matcher`
/// says how each key matches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    /// Category names.
    pub categories: Vec<String>,
    /// Source outlet names (or aliases the outlet registry knows).
    pub sources: Vec<String>,
    /// BCP 47 language tags.
    pub languages: Vec<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Words or phrases of the title or summary.
    pub keywords: Vec<String>,
}

/// Everything a run needs to know, checked.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Feed metadata.
    pub feed: FeedMeta,
    /// The zone of dates that carry none.
    pub timezone: Tz,
    /// Template for the link of an item that has none (`{slug}`, `{id}`).
    pub item_link: Option<String>,
    /// What to do with an article that has no date anywhere.
    pub missing_date: MissingDate,
    /// Folders to read articles from.
    pub input_dirs: Vec<PathBuf>,
    /// What an input file may be before it is read.
    pub limits: crate::ingest::Limits,
    /// The folder the feeds are published to.
    pub output_dir: PathBuf,
    /// Also a feed per category, in `OUTPUT/categories/SLUG/`.
    pub category_feeds: bool,
    /// Also a feed per source outlet, in `OUTPUT/sources/SLUG/`.
    pub source_feeds: bool,
    /// Most characters in a generated summary.
    pub summary_max_chars: usize,
    /// Outlets added to the built-in registry, in file order.
    pub sources: Vec<SourceEntry>,
    /// The `[[feeds]]` tables, in file order.
    pub feeds: Vec<FilteredFeed>,
}

/// Placeholders that `[feed] item_link` may use.
const ITEM_LINK_PLACEHOLDERS: [&str; 2] = ["{slug}", "{id}"];

impl Settings {
    /// Reads and checks a configuration file.
    pub fn load(path: &Path) -> Result<Settings, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| ConfigError::Read { path: path.to_path_buf(), source })?;
        let base = path.parent().unwrap_or(Path::new(""));
        Settings::parse(&text, path, base)
    }

    /// Checks configuration text; `base` is the folder relative paths are taken from.
    pub fn parse(text: &str, path: &Path, base: &Path) -> Result<Settings, ConfigError> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| ConfigError::Syntax {
            path: path.to_path_buf(),
            line: e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1),
            message: e.message().trim().to_string(),
        })?;
        Settings::check(file, path, base)
    }

    /// Settings for a run without a configuration file: `kabar normalize` on a few files.
    pub fn defaults() -> Settings {
        let file: ConfigFile = toml::from_str("[feed]").expect("an empty table parses");
        Settings::check(file, Path::new("<defaults>"), Path::new(""))
            .expect("the defaults are valid")
    }

    fn check(file: ConfigFile, path: &Path, base: &Path) -> Result<Settings, ConfigError> {
        let bad = |key: &'static str, problem: String| ConfigError::Value {
            path: path.to_path_buf(),
            key,
            problem,
        };
        let feed = file.feed.ok_or_else(|| bad("feed", "is missing: add a [feed] table".into()))?;

        let timezone = match feed.timezone.as_deref() {
            None => Tz::UTC,
            Some(name) => name.parse::<Tz>().map_err(|_| {
                bad(
                    "feed.timezone",
                    format!("`{name}` is not an IANA zone name such as `Asia/Jakarta`"),
                )
            })?,
        };
        let link = feed.link.unwrap_or_else(|| "http://localhost/".to_string());
        check_url(&link).map_err(|p| bad("feed.link", p))?;
        let base_url = match feed.base_url {
            None => None,
            Some(u) => {
                check_url(&u).map_err(|p| bad("feed.base_url", p))?;
                Some(if u.ends_with('/') { u } else { format!("{u}/") })
            }
        };
        if let Some(template) = &feed.item_link {
            if !ITEM_LINK_PLACEHOLDERS.iter().any(|p| template.contains(p)) {
                return Err(bad(
                    "feed.item_link",
                    format!(
                        "`{template}` uses neither `{{slug}}` nor `{{id}}`, so every item would get the same link"
                    ),
                ));
            }
            let sample = template.replace("{slug}", "x").replace("{id}", "x");
            check_url(&sample).map_err(|p| bad("feed.item_link", p))?;
        }
        let max_items = feed.max_items.unwrap_or(50);
        if max_items == 0 {
            return Err(bad("feed.max_items", "must be at least 1".into()));
        }
        let summary_max_chars = file.summary.max_chars.unwrap_or(280);
        if summary_max_chars < 20 {
            return Err(bad(
                "summary.max_chars",
                format!("`{summary_max_chars}` is too short for a summary: use at least 20"),
            ));
        }
        if let Some(lang) = &feed.language
            && !is_language_tag(lang)
        {
            return Err(bad(
                "feed.language",
                format!("`{lang}` is not a language tag such as `id` or `en-US`"),
            ));
        }
        let relative = |p: PathBuf| if p.is_absolute() { p } else { base.join(p) };
        let input_dirs = file
            .input
            .dirs
            .unwrap_or_else(|| vec![PathBuf::from("articles")])
            .into_iter()
            .map(relative)
            .collect::<Vec<_>>();
        if input_dirs.is_empty() {
            return Err(bad("input.dirs", "is empty: name at least one folder".into()));
        }
        let mut sources = Vec::with_capacity(file.sources.len());
        for source in file.sources {
            let name = source.name.trim().to_string();
            if name.is_empty() {
                return Err(bad(
                    "sources.name",
                    "is empty: every [[sources]] table needs a name".into(),
                ));
            }
            if let Some(url) = &source.url {
                check_url(url).map_err(|p| bad("sources.url", format!("of `{name}`: {p}")))?;
            }
            sources.push(SourceEntry { name, url: source.url, aliases: source.aliases });
        }
        let title = feed.title.unwrap_or_else(|| "kabar".to_string());
        let description =
            feed.description.unwrap_or_else(|| "Articles published by kabar".to_string());
        if file.feeds.len() > MAX_FEEDS {
            return Err(ConfigError::Value {
                path: path.to_path_buf(),
                key: "feeds",
                problem: format!(
                    "has {} [[feeds]] tables: at most {MAX_FEEDS} are possible; fold some together",
                    file.feeds.len()
                ),
            });
        }
        let mut feeds: Vec<FilteredFeed> = Vec::with_capacity(file.feeds.len());
        for (n, table) in file.feeds.into_iter().enumerate() {
            let checked = check_feeds_table(table, &title, &description, max_items, &feeds);
            feeds.push(checked.map_err(|(key, problem)| ConfigError::Feeds {
                path: path.to_path_buf(),
                table: n + 1,
                key,
                problem,
            })?);
        }
        Ok(Settings {
            feed: FeedMeta {
                title,
                link,
                description,
                language: feed.language,
                max_items,
                base_url,
                author: feed.author,
                rights: feed.rights,
                dir: String::new(),
                category_dirs: Arc::default(),
            },
            timezone,
            item_link: feed.item_link,
            missing_date: feed.missing_date.unwrap_or_default(),
            input_dirs,
            limits: crate::ingest::Limits {
                max_bytes: match file.input.max_bytes {
                    Some(0) => return Err(bad("input.max_bytes", "must be at least 1".into())),
                    Some(n) => n,
                    None => crate::ingest::DEFAULT_MAX_BYTES,
                },
            },
            output_dir: relative(file.output.dir.unwrap_or_else(|| PathBuf::from("feeds"))),
            category_feeds: file.output.categories.unwrap_or(false),
            source_feeds: file.output.sources.unwrap_or(false),
            summary_max_chars,
            sources,
            feeds,
        })
    }
}

/// Checks one `[[feeds]]` table, given the main feed's title, description and `max_items` for
/// its defaults and the tables before it for their names; an error is the key and the problem.
fn check_feeds_table(
    table: FeedsFile,
    site_title: &str,
    site_description: &str,
    site_max_items: usize,
    before: &[FilteredFeed],
) -> Result<FilteredFeed, (&'static str, String)> {
    let name = match table.name.as_deref().map(str::trim) {
        None => return Err(("name", "is missing: every [[feeds]] table needs a name".into())),
        Some("") => return Err(("name", "is empty: every [[feeds]] table needs a name".into())),
        Some(name) => name.to_string(),
    };
    let slug = crate::model::slug(&name);
    if slug.is_empty() {
        return Err((
            "name",
            format!("`{name}` has no letter or digit to make the feed's folder name of"),
        ));
    }
    if let Some(n) = before.iter().position(|f| f.slug == slug) {
        let other = &before[n].name;
        return Err((
            "name",
            format!(
                "`{name}` would be published in `feeds/{slug}/`, as `{other}` of [[feeds]] {} is: give each feed a name of its own",
                n + 1
            ),
        ));
    }
    let text = |key: &'static str, value: Option<String>, default: String| match value {
        Some(v) if v.trim().is_empty() => {
            Err((key, "is empty: leave it out for the default".to_string()))
        }
        Some(v) => Ok(v.trim().to_string()),
        None => Ok(default),
    };
    let title = text("title", table.title, format!("{site_title} — {name}"))?;
    let description =
        text("description", table.description, format!("{site_description} ({name})"))?;
    let max_items = match table.max_items {
        Some(0) => return Err(("max_items", "must be at least 1".into())),
        Some(n) => n,
        None => site_max_items,
    };
    // Each value trimmed, its inner white space made one space (as the normalizer makes
    // names), and checked by `rule`, which says what is wrong with it.
    let list = |key: &'static str, values: Vec<String>, rule: fn(&str) -> Option<String>| {
        let mut list = Vec::with_capacity(values.len());
        for value in values {
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            if value.is_empty() {
                return Err((key, "holds an empty value".to_string()));
            }
            if let Some(problem) = rule(&value) {
                return Err((key, problem));
            }
            list.push(value);
        }
        Ok(list)
    };
    let any = |_: &str| None;
    let filter = Filter {
        categories: list("categories", table.categories, any)?,
        sources: list("sources", table.sources, any)?,
        languages: list("languages", table.languages, |tag| {
            (!is_language_tag(tag))
                .then(|| format!("`{tag}` is not a language tag such as `id` or `en-US`"))
        })?,
        authors: list("authors", table.authors, any)?,
        keywords: list("keywords", table.keywords, |word| {
            (!word.chars().any(char::is_alphanumeric))
                .then(|| format!("`{word}` has no letter or digit to match"))
        })?,
    };
    Ok(FilteredFeed { name, slug, title, description, max_items, filter })
}

fn check_url(text: &str) -> Result<(), String> {
    match Url::parse(text) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(()),
        Ok(u) => Err(format!("`{text}` should be an http or https URL, not `{}:`", u.scheme())),
        Err(e) => Err(format!("`{text}` is not an absolute URL: {e}")),
    }
}

/// A BCP 47 tag as the feed checkers accept it (`crate::check::is_language_tag`), so that a tag
/// kabar keeps never makes a feed fail its own check.
pub fn is_language_tag(tag: &str) -> bool {
    crate::check::is_language_tag(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Settings, ConfigError> {
        Settings::parse(text, Path::new("config.toml"), Path::new("/site"))
    }

    #[test]
    fn defaults_fill_what_is_missing() {
        let s = parse("[feed]\ntitle = \"T\"\n").unwrap();
        assert_eq!(s.feed.max_items, 50);
        assert_eq!(s.summary_max_chars, 280);
        assert_eq!(s.timezone, Tz::UTC);
        assert_eq!(s.input_dirs, vec![PathBuf::from("/site/articles")]);
        assert_eq!(s.output_dir, PathBuf::from("/site/feeds"));
    }

    #[test]
    fn base_url_gets_a_trailing_slash() {
        let s = parse("[feed]\nbase_url = \"https://example.org/feeds\"\n").unwrap();
        assert_eq!(s.feed.base_url.as_deref(), Some("https://example.org/feeds/"));
    }

    #[test]
    fn errors_name_the_key() {
        let cases = [
            ("[feed]\ntitel = \"x\"\n", "config.toml:2: error: unknown field `titel`"),
            ("[feed]\nmax_items = \"ten\"\n", "config.toml:2: error: invalid type"),
            (
                "[feed]\ntimezone = \"Mars/Base\"\n",
                "`feed.timezone` `Mars/Base` is not an IANA zone",
            ),
            (
                "[feed]\nlink = \"example.org\"\n",
                "`feed.link` `example.org` is not an absolute URL",
            ),
            (
                "[feed]\nitem_link = \"https://e.org/a\"\n",
                "`feed.item_link` `https://e.org/a` uses neither",
            ),
            ("[feed]\nmax_items = 0\n", "`feed.max_items` must be at least 1"),
            (
                "[feed]\nlanguage = \"Bahasa Indonesia\"\n",
                "`feed.language` `Bahasa Indonesia` is not",
            ),
            ("[summary]\nmax_chars = 5\n", "`feed` is missing"),
            ("[feed]\n[summary]\nmax_chars = 5\n", "`summary.max_chars` `5` is too short"),
            ("[feed]\n[inputs]\n", "unknown field `inputs`"),
            (
                "[feed]\nmissing_date = \"now\"\n",
                "unknown variant `now`, expected `first-seen` or `reject`",
            ),
        ];
        for (text, expected) in cases {
            let message = parse(text).unwrap_err().to_string();
            assert!(message.contains(expected), "{text:?} gave {message:?}");
        }
    }

    #[test]
    fn sources_tables() {
        let s = parse(
            "[feed]\n[[sources]]\nname = \"Warta Pesisir\"\nurl = \"https://warta.example/\"\naliases = [\"WP\"]\n",
        )
        .unwrap();
        assert_eq!(s.sources[0].name, "Warta Pesisir");
        assert_eq!(s.sources[0].aliases, ["WP"]);
        let err = parse("[feed]\n[[sources]]\nname = \"X\"\nurl = \"warta\"\n").unwrap_err();
        assert!(
            err.to_string().contains("`sources.url` of `X`: `warta` is not an absolute URL"),
            "{err}"
        );
        let err = parse("[feed]\n[[sources]]\nurl = \"https://x.example/\"\n").unwrap_err();
        assert!(err.to_string().contains("missing field `name`"), "{err}");
    }

    #[test]
    fn feeds_tables_and_their_defaults() {
        let s = parse(
            "[feed]\ntitle = \"Kabar\"\ndescription = \"Berita\"\nmax_items = 30\n\
             [[feeds]]\nname = \" Banjir & Cuaca \"\ncategories = [\"Cuaca\", \" Bencana  Alam \"]\n\
             keywords = [\"banjir\", \"tanah longsor\"]\n\
             [[feeds]]\nname = \"english\"\ntitle = \"In English\"\ndescription = \"Stories in English\"\n\
             languages = [\"en\"]\nsources = [\"Reuters\"]\nauthors = [\"Jane Doe\"]\nmax_items = 5\n\
             [[feeds]]\nname = \"semua\"\n",
        )
        .unwrap();
        let [banjir, english, all] = &s.feeds[..] else { panic!("{:?}", s.feeds) };
        assert_eq!(
            (banjir.name.as_str(), banjir.slug.as_str(), banjir.title.as_str()),
            ("Banjir & Cuaca", "banjir-cuaca", "Kabar — Banjir & Cuaca")
        );
        assert_eq!(
            (banjir.description.as_str(), banjir.max_items),
            ("Berita (Banjir & Cuaca)", 30)
        );
        assert_eq!(banjir.filter.categories, ["Cuaca", "Bencana Alam"]);
        assert_eq!(banjir.filter.keywords, ["banjir", "tanah longsor"]);
        assert!(banjir.filter.languages.is_empty() && banjir.filter.sources.is_empty());
        assert_eq!(
            (english.title.as_str(), english.description.as_str()),
            ("In English", "Stories in English")
        );
        assert_eq!(english.max_items, 5);
        let expected = Filter {
            languages: vec!["en".into()],
            sources: vec!["Reuters".into()],
            authors: vec!["Jane Doe".into()],
            ..Filter::default()
        };
        assert_eq!(english.filter, expected);
        // A table without a filter holds every article (up to its max_items).
        assert_eq!(all.filter, Filter::default());
        assert!(parse("[feed]\n").unwrap().feeds.is_empty());
    }

    #[test]
    fn feeds_errors_name_the_table_and_the_key() {
        let table = |body: &str| format!("[feed]\n[[feeds]]\nname = \"satu\"\n[[feeds]]\n{body}\n");
        let cases = [
            ("categories = [\"x\"]", "config.toml: error: [[feeds]] 2: `name` is missing"),
            ("name = \"  \"", "[[feeds]] 2: `name` is empty"),
            ("name = \"— !\"", "[[feeds]] 2: `name` `— !` has no letter or digit"),
            (
                "name = \"Satu\"",
                "[[feeds]] 2: `name` `Satu` would be published in `feeds/satu/`, as `satu` of [[feeds]] 1 is",
            ),
            ("name = \"dua\"\ntitle = \"\"", "[[feeds]] 2: `title` is empty: leave it out"),
            ("name = \"dua\"\ndescription = \" \"", "[[feeds]] 2: `description` is empty"),
            ("name = \"dua\"\nmax_items = 0", "[[feeds]] 2: `max_items` must be at least 1"),
            (
                "name = \"dua\"\ncategories = [\"\"]",
                "[[feeds]] 2: `categories` holds an empty value",
            ),
            ("name = \"dua\"\nsources = [\" \"]", "[[feeds]] 2: `sources` holds an empty value"),
            ("name = \"dua\"\nauthors = [\"\"]", "[[feeds]] 2: `authors` holds an empty value"),
            (
                "name = \"dua\"\nlanguages = [\"id\", \"Bahasa\"]",
                "[[feeds]] 2: `languages` `Bahasa` is not a language tag",
            ),
            (
                "name = \"dua\"\nkeywords = [\"--\"]",
                "[[feeds]] 2: `keywords` `--` has no letter or digit",
            ),
            (
                "name = \"dua\"\ncategory = [\"x\"]",
                "config.toml:6: error: unknown field `category`",
            ),
            ("name = \"dua\"\nkeywords = \"banjir\"", "config.toml:6: error: invalid type"),
        ];
        for (body, expected) in cases {
            let message = parse(&table(body)).unwrap_err().to_string();
            assert!(message.contains(expected), "{body:?} gave {message:?}");
        }
    }

    #[test]
    fn language_tags() {
        for ok in ["id", "en", "en-US", "zh-Hant-TW", "ind"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "e", "english", "en_US", "id-"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
