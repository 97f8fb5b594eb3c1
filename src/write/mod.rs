//! Serializing articles into feed documents: RSS 2.0, Atom 1.0 and JSON Feed 1.1.
//!
//! Each writer is a pure function `render(&FeedMeta, &[Article]) -> Result<Vec<u8>, Error>`:
//! the items arrive selected and ordered, and the bytes leave for `publish`. The crates own the
//! syntax (`rss`, `atom_syndication`, `serde_json`); this module owns the decisions that are the
//! same in every format, so the three feeds always agree.

pub mod atom;
pub mod jsonfeed;
pub mod rss;

use chrono::{DateTime, Datelike, FixedOffset};
use url::Url;
use uuid::Uuid;

use crate::config::FeedMeta;
use crate::model::{Article, rfc3339};

/// Why a feed could not be serialized.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The XML writer failed.
    #[error("cannot write the {format} feed: {message}")]
    Xml {
        /// `RSS` or `Atom`.
        format: &'static str,
        /// The writer's message.
        message: String,
    },
    /// serde_json failed.
    #[error("cannot write the JSON feed: {0}")]
    Json(#[from] serde_json::Error),
    /// A date that RFC 2822 or RFC 3339 cannot carry. The normalizer never makes one; this
    /// stops a bug there from becoming a panic in chrono or an invalid feed.
    #[error(
        "item `{id}`: cannot write the date `{date}`: expected a four-digit year and an offset in whole minutes"
    )]
    Date {
        /// The article's id.
        id: String,
        /// The date, RFC 3339.
        date: String,
    },
}

/// The output formats and the file each is published as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// RSS 2.0, `rss.xml`.
    Rss,
    /// Atom 1.0, `atom.xml`.
    Atom,
    /// JSON Feed 1.1, `feed.json`.
    JsonFeed,
}

impl Kind {
    /// Every format, in the order they are written.
    pub const ALL: [Kind; 3] = [Kind::Rss, Kind::Atom, Kind::JsonFeed];

    /// The file name in the feed's folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Rss => "rss.xml",
            Kind::Atom => "atom.xml",
            Kind::JsonFeed => "feed.json",
        }
    }

    /// Serializes a feed in this format.
    pub fn render(self, meta: &FeedMeta, items: &[Article]) -> Result<Vec<u8>, Error> {
        match self {
            Kind::Rss => rss::render(meta, items),
            Kind::Atom => atom::render(meta, items),
            Kind::JsonFeed => jsonfeed::render(meta, items),
        }
    }
}

/// The feed's own date: the newest date among its items, never the clock, so the same
/// articles always give the same bytes. `None` for a feed without items.
pub fn feed_updated(items: &[Article]) -> Option<DateTime<FixedOffset>> {
    items.iter().filter_map(Article::newest_date).max()
}

/// The generator name that every feed declares, with [`VERSION`].
pub const GENERATOR: &str = "kabar";

/// kabar's version, as feeds declare it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The Atom id of an article: the article's own id when it is already an absolute IRI, else a
/// `urn:uuid:` (UUID v5 in the URL namespace over `meta.link` + `#` + the id).
///
/// RFC 4287 wants an IRI that never changes. Article ids are often relative paths
/// (`2016/banjir.txt`), which are not IRIs; hashing them with the site's link keeps them stable
/// across runs, tells two sites with the same paths apart, and stays the same in the main feed
/// and in category feeds, which share the link. The id is never made from the title or date.
pub fn atom_id(meta: &FeedMeta, article: &Article) -> String {
    if is_absolute_iri(&article.id) {
        return article.id.clone();
    }
    let name = format!("{}#{}", meta.link, article.id);
    Uuid::new_v5(&Uuid::NAMESPACE_URL, name.as_bytes()).urn().to_string()
}

/// Whether `text` can stand as it is where a feed wants an absolute IRI: it parses as a URL
/// with a scheme, and holds no space, control character or one of `<` `>` `"` `{` `}` `|` `\`
/// `^` and the backtick, which `url` would quietly percent-encode but an IRI may not hold as
/// written.
pub(crate) fn is_absolute_iri(text: &str) -> bool {
    let clean =
        !text.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c));
    clean && Url::parse(text).is_ok()
}

/// `kabar <version>`, for the formats whose generator is one string.
pub(crate) fn generator() -> String {
    format!("{GENERATOR} {VERSION}")
}

/// The date of last resort for an Atom `updated` that nothing else can fill: a fixed instant,
/// never the clock, so the bytes stay reproducible.
pub(crate) fn epoch() -> DateTime<FixedOffset> {
    DateTime::UNIX_EPOCH.fixed_offset()
}

/// Refuses dates that chrono's `to_rfc2822` would panic on (years outside 0–9999) or that
/// RFC 3339 cannot write as they are (offsets with seconds), naming the article.
pub(crate) fn check_dates(items: &[Article]) -> Result<(), Error> {
    for article in items {
        for at in [article.published, article.updated].into_iter().flatten() {
            let whole_minutes = at.offset().local_minus_utc() % 60 == 0;
            if !(0..=9999).contains(&at.year()) || !whole_minutes {
                return Err(Error::Date { id: article.id.clone(), date: rfc3339(&at) });
            }
        }
    }
    Ok(())
}

/// Sample feeds for the writers' tests: what each writer must carry, in two languages and two
/// offsets, with the awkward cases (no link, an id that is not a URL, markup-like text).
#[cfg(test)]
pub(crate) mod samples {
    use chrono::{DateTime, FixedOffset};

    use crate::config::FeedMeta;
    use crate::model::{Article, DateFrom, Image, Person, Source};

    /// Text that is XML or HTML syntax to a careless writer and must come out as text.
    pub const TRICKY: &str = "AT&T <b>tebal</b> ]]> &amp; selesai";

    /// A title that is awkward for XML (`&`, `]]>`) but looks like no markup, so that the
    /// validators have nothing to warn about.
    pub const AWKWARD_TITLE: &str = "AT&T dan Telkom uji 5G, ]]> tanda penutup CDATA";

    pub fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    pub fn meta() -> FeedMeta {
        FeedMeta {
            title: "Kabar Contoh".into(),
            link: "https://kabar.example.id/".into(),
            description: "Berita contoh dari kabar".into(),
            language: Some("id".into()),
            max_items: 50,
            base_url: Some("https://kabar.example.id/feeds/".into()),
            author: Some("Redaksi Kabar".into()),
            dir: String::new(),
            rights: None,
        }
    }

    fn person(name: &str, email: Option<&str>, uri: Option<&str>) -> Person {
        Person { name: name.into(), email: email.map(Into::into), uri: uri.map(Into::into) }
    }

    fn article(id: &str, title: &str) -> Article {
        Article {
            id: id.into(),
            title: title.into(),
            link: None,
            published: None,
            published_from: Some(DateFrom::Metadata),
            published_date_only: false,
            updated: None,
            language: None,
            authors: Vec::new(),
            source: None,
            credits: Vec::new(),
            citations: Vec::new(),
            summary: String::new(),
            content_html: String::new(),
            categories: Vec::new(),
            image: None,
            path: format!("articles/{id}"),
            warnings: Vec::new(),
        }
    }

    /// Newest first, as `select` hands them over.
    pub fn articles() -> Vec<Article> {
        let banjir = "https://kabar.example.id/2016/12/09/banjir-bandung";
        vec![
            Article {
                link: Some("https://kabar.example.id/2018/01/15/catatan".into()),
                published: Some(at("2018-01-15T09:00:00Z")),
                language: Some("id".into()),
                summary: TRICKY.into(),
                content_html: "<p>AT&amp;T &lt;b&gt;tebal&lt;/b&gt; ]]&gt; &amp;amp; selesai</p>".into(),
                ..article("2018/catatan.txt", AWKWARD_TITLE)
            },
            Article {
                link: Some("https://kabar.example.id/2017/03/01/storm".into()),
                published: Some(at("2017-03-01T08:15:30-05:00")),
                language: Some("en".into()),
                authors: vec![
                    person("John Smith", None, Some("https://example.com/john")),
                    person("Jane Doe", Some("jane@example.com"), None),
                ],
                source: Some(Source {
                    name: "Reuters".into(),
                    url: None,
                }),
                summary: "A late-winter storm closed schools across Ohio.".into(),
                content_html: "<p>A late-winter storm closed schools across Ohio.</p>\n<p>More snow is due.</p>".into(),
                categories: vec!["World".into()],
                ..article("reuters-2017-0042", "Storm closes schools in Ohio")
            },
            Article {
                link: Some(banjir.into()),
                published: Some(at("2016-12-09T14:32:00+07:00")),
                updated: Some(at("2016-12-09T16:05:00+07:00")),
                language: Some("id".into()),
                authors: vec![person("Dewi Lestari", Some("dewi@example.co.id"), None)],
                source: Some(Source {
                    name: "VIVA.co.id".into(),
                    url: Some("https://www.viva.co.id/".into()),
                }),
                summary: "Banjir merendam tiga kecamatan di Kabupaten Bandung, Jumat pagi.".into(),
                content_html: "<p>Banjir merendam tiga kecamatan di Kabupaten Bandung, Jumat pagi.</p>\n<p>Warga mengungsi ke masjid.</p>".into(),
                categories: vec!["Nasional".into(), "Cuaca".into()],
                image: Some(Image {
                    url: Some("https://kabar.example.id/img/banjir.jpg".into()),
                    length: None,
                    caption: Some("Banjir di Dayeuhkolot".into()),
                    credit: Some("ANTARA/Raisan Al Farisi".into()),
                }),
                ..article(banjir, "Banjir rendam tiga kecamatan di Bandung")
            },
        ]
    }

    /// The newest sample with [`TRICKY`] as its title as well: valid everywhere, but the W3C
    /// validator warns about markup-like text in an RSS title, whatever its escaping.
    pub fn tricky() -> Article {
        let mut items = articles();
        let first = items.swap_remove(0);
        Article { title: TRICKY.into(), ..first }
    }

    /// The same articles, one of them without a link: the writers must still be valid.
    pub fn articles_one_without_link() -> Vec<Article> {
        let mut items = articles();
        if let Some(first) = items.first_mut() {
            first.link = None;
        }
        items
    }

    /// An article without any date: the caller normally fills one, the writers must cope.
    pub fn undated() -> Article {
        Article {
            language: Some("id".into()),
            summary: "Tanpa tanggal.".into(),
            content_html: "<p>Tanpa tanggal.</p>".into(),
            ..article("tanpa-tanggal.md", "Tanpa tanggal")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::samples::{articles, meta};
    use super::*;

    #[test]
    fn atom_ids() {
        let meta = meta();
        let items = articles();
        let cases = [
            ("https://kabar.example.id/a", "https://kabar.example.id/a"),
            ("urn:isbn:0451450523", "urn:isbn:0451450523"),
            ("2018/catatan.txt", "urn:uuid:"),
            ("reuters-2017-0042", "urn:uuid:"),
            ("http://example.org/a b", "urn:uuid:"),
            ("", "urn:uuid:"),
        ];
        for (id, expected) in cases {
            let article = Article { id: id.into(), ..items[0].clone() };
            let got = atom_id(&meta, &article);
            assert!(got.starts_with(expected), "{id:?} gave {got:?}");
            assert_eq!(got, atom_id(&meta, &article), "{id:?} is not stable");
        }
    }

    #[test]
    fn atom_id_hashes_the_site_link_and_the_id() {
        let meta = meta();
        let article = Article { id: "2018/catatan.txt".into(), ..articles()[0].clone() };
        let name = "https://kabar.example.id/#2018/catatan.txt";
        let expected = Uuid::new_v5(&Uuid::NAMESPACE_URL, name.as_bytes());
        assert_eq!(atom_id(&meta, &article), format!("urn:uuid:{expected}"));
        let other_site = FeedMeta { link: "https://lain.example.id/".into(), ..meta.clone() };
        assert_ne!(atom_id(&meta, &article), atom_id(&other_site, &article));
    }

    #[test]
    fn dates_a_feed_cannot_carry_are_refused() {
        // (year, offset in seconds, accepted)
        let cases = [
            (2016, 7 * 3600, true),
            (0, 0, true),
            (9999, -5 * 3600, true),
            (10000, 0, false),
            (-1, 0, false),
            (2016, 7 * 3600 + 30, false),
        ];
        for (year, offset, ok) in cases {
            let at = chrono::NaiveDate::from_ymd_opt(year, 1, 1)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .zip(FixedOffset::east_opt(offset))
                .and_then(|(d, o)| d.and_local_timezone(o).single())
                .unwrap();
            let item = Article { updated: Some(at), ..articles()[0].clone() };
            let result = check_dates(std::slice::from_ref(&item));
            assert_eq!(result.is_ok(), ok, "{year} {offset}: {result:?}");
            for kind in Kind::ALL {
                assert_eq!(
                    kind.render(&meta(), std::slice::from_ref(&item)).is_ok(),
                    ok,
                    "{kind:?} {year}"
                );
            }
        }
    }

    #[test]
    fn date_error_names_the_article() {
        let item = Article {
            published: chrono::NaiveDate::from_ymd_opt(12016, 12, 9)
                .and_then(|d| d.and_hms_opt(14, 32, 0))
                .map(|d| d.and_utc().fixed_offset()),
            ..articles()[0].clone()
        };
        let message = check_dates(&[item]).unwrap_err().to_string();
        assert_eq!(
            message,
            "item `2018/catatan.txt`: cannot write the date `+12016-12-09T14:32:00Z`: expected a four-digit year and an offset in whole minutes"
        );
    }

    /// Writes the sample feeds for the validators: `KABAR_WRITERS_DUMP=/tmp/kabar-writers cargo
    /// test --lib write::tests::dump -- --ignored`, then
    /// `../shared/validators/validate-feeds /tmp/kabar-writers/*.*` (zero FAIL, zero WARN).
    /// Two more folders are for reading, not for a clean run: `no-link/` has an item without a
    /// link (kabar's policy checks fail it: the caller fills links), `tricky/` has the
    /// [`samples::TRICKY`] title (the W3C validator warns about markup in an RSS title).
    #[test]
    #[ignore = "writes files for the external validators"]
    fn dump_for_the_validators() {
        let Some(dir) = std::env::var_os("KABAR_WRITERS_DUMP") else {
            return;
        };
        let dir = std::path::PathBuf::from(dir);
        let sets = [
            (dir.clone(), articles()),
            (dir.join("no-link"), super::samples::articles_one_without_link()),
            (dir.join("tricky"), vec![super::samples::tricky()]),
        ];
        for (dir, items) in sets {
            std::fs::create_dir_all(&dir).unwrap();
            for kind in Kind::ALL {
                let bytes = kind.render(&meta(), &items).unwrap();
                std::fs::write(dir.join(kind.file_name()), bytes).unwrap();
            }
        }
    }

    /// Round-trips a generated corpus's ground truth through the three writers and feed-rs:
    /// `KABAR_TRUTH=/tmp/c.truth.jsonl cargo test --lib write::tests::corpus -- --ignored
    /// --nocapture` (make the manifest with `../shared/tools/gen-corpus --manifest`). With
    /// `KABAR_WRITERS_DUMP` set, the feeds are also written there for the validators.
    #[test]
    #[ignore = "needs a generated corpus manifest"]
    fn corpus_round_trip() {
        use crate::model::{Image, Person, Source};
        let Some(path) = std::env::var_os("KABAR_TRUTH") else {
            return;
        };
        let text = std::fs::read_to_string(path).unwrap();
        let mut items = Vec::new();
        for line in text.lines() {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            let str_of = |key: &str| row[key].as_str().map(str::to_string);
            let hours = match row["zone"].as_str() {
                Some("WITA") => 8,
                Some("WIT") => 9,
                _ => 7,
            };
            let offset = FixedOffset::east_opt(hours * 3600).unwrap();
            let utc = DateTime::parse_from_rfc3339(row["date_utc"].as_str().unwrap()).unwrap();
            let rel = str_of("path").unwrap();
            let id = match row["line"].as_u64() {
                Some(line) => format!("{rel}#L{line}"),
                None => rel.clone(),
            };
            let title = str_of("title").unwrap();
            let number = row["id"].as_u64().unwrap();
            items.push(Article {
                id,
                link: str_of("link")
                    .or_else(|| Some(format!("https://kabar.example.id/artikel/{number}"))),
                published: Some(utc.with_timezone(&offset)),
                language: str_of("lang"),
                authors: str_of("author")
                    .map(|name| Person { name, email: None, uri: None })
                    .into_iter()
                    .collect(),
                source: str_of("outlet").map(|name| Source { name, url: None }),
                summary: format!("{title}: ringkasan."),
                content_html: format!("<p>{}</p>", html_escape::encode_text(&title)),
                categories: row["categories"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|c| c.as_str().map(str::to_string))
                    .collect(),
                image: str_of("photo_credit").map(|credit| Image {
                    url: None,
                    length: None,
                    caption: None,
                    credit: Some(credit),
                }),
                title,
                ..articles()[0].clone()
            });
        }
        items.sort_by(|a, b| b.published.cmp(&a.published).then(a.id.cmp(&b.id)));
        let meta = meta();
        let mut mismatches = 0;
        for kind in Kind::ALL {
            let bytes = kind.render(&meta, &items).unwrap();
            if let Some(dir) = std::env::var_os("KABAR_WRITERS_DUMP") {
                let dir = std::path::PathBuf::from(dir).join("corpus");
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(dir.join(kind.file_name()), &bytes).unwrap();
            }
            let feed = feed_rs::parser::parse(bytes.as_slice()).unwrap();
            assert_eq!(feed.entries.len(), items.len(), "{kind:?}");
            for (entry, article) in feed.entries.iter().zip(&items) {
                let id = match kind {
                    Kind::Atom => atom_id(&meta, article),
                    _ => article.id.clone(),
                };
                let title = entry.title.as_ref().map(|t| match t.content_type.subty().as_str() {
                    "html" => html_escape::decode_html_entities(&t.content).into_owned(),
                    _ => t.content.clone(),
                });
                let terms: Vec<_> = entry.categories.iter().map(|c| c.term.clone()).collect();
                let good = entry.id == id
                    && title.as_deref() == Some(article.title.as_str())
                    && entry.published == article.published.map(|at| at.to_utc())
                    && entry.links.first().map(|l| &l.href) == article.link.as_ref()
                    && terms == article.categories;
                if !good {
                    mismatches += 1;
                    eprintln!("{kind:?} {}: {entry:?}", article.id);
                }
            }
            eprintln!("{kind:?}: {} items, {} bytes", items.len(), bytes.len());
        }
        assert_eq!(mismatches, 0);
    }

    #[test]
    fn generator_names_the_version() {
        assert_eq!(generator(), format!("kabar {}", env!("CARGO_PKG_VERSION")));
    }
}
