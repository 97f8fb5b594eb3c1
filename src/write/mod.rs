//! Serializing articles into feed documents: RSS 2.0, Atom 1.0 and JSON Feed 1.1.
//!
//! Each writer is a pure function `render(&FeedMeta, &[Article]) -> Result<Vec<u8>, Error>`:
//! the items arrive selected and ordered, and the bytes leave for `publish`. The crates own the
//! syntax (`rss`, `atom_syndication`, `serde_json`); this module owns the decisions that are the
//! same in every format, so the three feeds always agree: which image becomes an enclosure and
//! with what type, which URL names a category, which id an Atom entry has.
//!
//! Two more renderers describe the feeds rather than carry items: [`opml`] (a subscription list
//! for feed apps) and [`index`] (the `index.html` that people and autodiscovery see).

pub mod atom;
pub mod index;
pub mod jsonfeed;
pub mod opml;
pub mod rss;

use chrono::{DateTime, Datelike, FixedOffset};
use url::Url;
use uuid::Uuid;

use crate::config::FeedMeta;
use crate::model::{Article, Image, rfc3339};

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
    // The checker's own rule: an id the writer keeps must pass the check before publishing.
    crate::check::is_iri(text)
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

/// An article's lead photo as the feeds attach it: an RSS `enclosure` and `media:content`, an
/// Atom `link rel="enclosure"`, a JSON Feed `image` and `attachments` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Enclosure<'a> {
    /// The image's absolute `http(s)` URL.
    pub url: &'a str,
    /// Guessed from the URL's extension by [`image_type`].
    pub mime_type: &'static str,
    /// The file's size in bytes, when known.
    pub length: Option<u64>,
    /// The photo, for its caption and credit.
    pub image: &'a Image,
}

/// The article's lead photo as an enclosure, when it has an absolute `http(s)` URL.
///
/// A photo without a URL (txt files only describe theirs) gets no enclosure. Neither does one
/// whose URL is relative or of another scheme: the validators and `kabar check` reject such an
/// enclosure, and one bad photo URL must not keep a whole feed from being published.
pub(crate) fn enclosure(article: &Article) -> Option<Enclosure<'_>> {
    let image = article.image.as_ref()?;
    let url = image.url.as_deref().filter(|url| is_http_url(url))?;
    Some(Enclosure { url, mime_type: image_type(url), length: image.length, image })
}

/// The MIME type of an image from its URL's file extension (the query and fragment aside,
/// case ignored): `image/jpeg` when the extension is unknown or absent, as it is for photo
/// URLs such as `…/foto.php?id=42`, which are JPEG far more often than anything else.
///
/// | extension        | type            |
/// |------------------|-----------------|
/// | `jpg`, `jpeg`    | `image/jpeg`    |
/// | `png`            | `image/png`     |
/// | `gif`            | `image/gif`     |
/// | `webp`           | `image/webp`    |
/// | `avif`           | `image/avif`    |
/// | `svg`            | `image/svg+xml` |
pub fn image_type(url: &str) -> &'static str {
    let path = Url::parse(url)
        .map(|u| u.path().to_string())
        .unwrap_or_else(|_| url.split(['?', '#']).next().unwrap_or_default().to_string());
    let name = path.rsplit('/').next().unwrap_or_default();
    let extension = name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase());
    match extension.as_deref() {
        Some("png") => "image/png",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("svg") => "image/svg+xml",
        _ => "image/jpeg",
    }
}

/// The URL that names a category in every feed (RSS `category/@domain`, Atom
/// `category/@scheme`): the folder its feed was written to in this run, as
/// [`FeedMeta::category_dirs`] records it (`{base_url}categories/kabar-desa-2/` for the second of
/// two names that slug alike). `None` without `base_url` (a relative domain would be invalid) or
/// when the category has no feed of its own (category feeds are off): a URL must lead somewhere.
pub fn category_url(meta: &FeedMeta, category: &str) -> Option<String> {
    let base = meta.base_url.as_deref()?;
    let dir = meta.category_dirs.get(&category.to_lowercase())?;
    Some(format!("{base}{dir}"))
}

/// Whether `text` is an absolute `http` or `https` URL that can stand as written (see
/// [`is_absolute_iri`]): what an enclosure, and a link in `index.html`, may point to.
pub(crate) fn is_http_url(text: &str) -> bool {
    is_absolute_iri(text) && Url::parse(text).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

/// The feeds to list in the OPML file and `index.html`: `site` (the main feed) first, then the
/// others in the order given. `feeds` may or may not hold the main feed itself (the one whose
/// `dir` is `site.dir`); it is listed once either way, with its items when `feeds` has them.
pub(crate) fn listed<'a, T>(
    site: &'a FeedMeta,
    feeds: &'a [T],
    meta_of: impl Fn(&'a T) -> &'a FeedMeta,
    items_of: impl Fn(&'a T) -> &'a [Article],
) -> Vec<(&'a FeedMeta, &'a [Article])> {
    let main = feeds.iter().find(|feed| meta_of(feed).dir == site.dir);
    let mut list = vec![match main {
        Some(feed) => (meta_of(feed), items_of(feed)),
        None => (site, &[][..]),
    }];
    list.extend(
        feeds
            .iter()
            .filter(|feed| meta_of(feed).dir != site.dir)
            .map(|feed| (meta_of(feed), items_of(feed))),
    );
    list
}

/// Drops the characters that XML 1.0 cannot carry (controls other than tab, line feed and
/// carriage return; U+FFFE and U+FFFF), for the writers that build markup themselves.
pub(crate) fn xml_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|&c| {
        !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
    })
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
            rights: Some("© 2016–2018 Kabar Contoh, CC BY 4.0".into()),
            category_dirs: std::sync::Arc::new(category_dirs(&["Nasional", "Cuaca", "World"])),
        }
    }

    /// The folders a run gives feeds of these categories, each named by its slug.
    pub fn category_dirs(names: &[&str]) -> crate::config::CategoryDirs {
        let dir = |name: &str| format!("categories/{}/", crate::model::slug(name));
        names.iter().map(|name| (name.to_lowercase(), dir(name))).collect()
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
                // A txt file describes its photo but gives no URL: nothing to attach.
                image: Some(Image {
                    url: None,
                    caption: Some("Menara BTS di Jakarta".into()),
                    credit: Some("Dok. Kabar".into()),
                    length: None,
                    local: None,
                }),
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
                // A URL with a query, no size and no caption or credit.
                image: Some(Image {
                    url: Some("https://kabar.example.id/img/storm.WEBP?w=800".into()),
                    ..Image::default()
                }),
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
                    length: Some(48213),
                    local: None,
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
                // Every other photo has a URL, every fourth a size too.
                image: str_of("photo_credit").map(|credit| Image {
                    url: number
                        .is_multiple_of(2)
                        .then(|| format!("https://kabar.example.id/img/{number}.jpg")),
                    length: number.is_multiple_of(4).then_some(1000 + number),
                    local: None,
                    caption: Some(format!("Foto {title}")),
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
            let mut photos = 0;
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
                let schemes: Vec<_> = entry.categories.iter().map(|c| c.scheme.clone()).collect();
                let expected_schemes: Vec<_> = match kind {
                    Kind::JsonFeed => article.categories.iter().map(|_| None).collect(),
                    _ => article.categories.iter().map(|c| category_url(&meta, c)).collect(),
                };
                // The photo: RSS media, Atom and JSON Feed links.
                let photo = enclosure(article).map(|p| p.url.to_string());
                let attached = match kind {
                    Kind::Rss => entry
                        .media
                        .first()
                        .and_then(|m| m.content.first())
                        .and_then(|c| c.url.as_ref())
                        .map(|u| u.to_string()),
                    _ => entry.links.get(1).map(|l| l.href.clone()),
                };
                photos += usize::from(attached.is_some());
                let good = entry.id == id
                    && title.as_deref() == Some(article.title.as_str())
                    && entry.published == article.published.map(|at| at.to_utc())
                    && entry.links.first().map(|l| &l.href) == article.link.as_ref()
                    && terms == article.categories
                    && schemes == expected_schemes
                    && attached == photo;
                if !good {
                    mismatches += 1;
                    eprintln!("{kind:?} {}: {entry:?}", article.id);
                }
            }
            eprintln!("{kind:?}: {} items, {photos} photos, {} bytes", items.len(), bytes.len());
        }
        assert_eq!(mismatches, 0);

        // The page and the list of a main feed and one feed per category.
        let mut by_category: std::collections::BTreeMap<String, Vec<Article>> = Default::default();
        for article in &items {
            for name in &article.categories {
                by_category.entry(name.clone()).or_default().push(article.clone());
            }
        }
        let names: Vec<&str> = by_category.keys().map(String::as_str).collect();
        let meta = FeedMeta {
            category_dirs: std::sync::Arc::new(super::samples::category_dirs(&names)),
            ..meta
        };
        let mut feeds = vec![(meta.clone(), items.clone())];
        for (name, items) in by_category {
            let dir = format!("categories/{}/", crate::model::slug(&name));
            feeds.push((
                FeedMeta { title: format!("{} — {name}", meta.title), dir, ..meta.clone() },
                items,
            ));
        }
        let page = index::render(&meta, &feeds).unwrap();
        let metas: Vec<FeedMeta> = feeds.iter().map(|(m, _)| m.clone()).collect();
        let list = opml::render(&meta, &metas).unwrap();
        let text = String::from_utf8(page.clone()).unwrap();
        assert!(scraper::Html::parse_document(&text).errors.is_empty());
        let outlines = roxmltree::Document::parse(std::str::from_utf8(&list).unwrap())
            .unwrap()
            .descendants()
            .filter(|n| n.has_tag_name("outline"))
            .count();
        assert_eq!(outlines, feeds.len());
        eprintln!(
            "index.html: {} feeds, {} bytes; OPML {} bytes",
            feeds.len(),
            page.len(),
            list.len()
        );
        if let Some(dir) = std::env::var_os("KABAR_WRITERS_DUMP") {
            let dir = std::path::PathBuf::from(dir).join("corpus");
            std::fs::write(dir.join(index::FILE_NAME), page).unwrap();
            std::fs::write(dir.join(opml::FILE_NAME), list).unwrap();
        }
    }

    #[test]
    fn image_types_from_the_extension() {
        let cases = [
            ("https://e.id/a.jpg", "image/jpeg"),
            ("https://e.id/a.JPEG", "image/jpeg"),
            ("https://e.id/a.png", "image/png"),
            ("https://e.id/a.gif", "image/gif"),
            ("https://e.id/a.webp?w=800", "image/webp"),
            ("https://e.id/a.avif#top", "image/avif"),
            ("https://e.id/logo.svg", "image/svg+xml"),
            ("https://e.id/foto.php?id=42.png", "image/jpeg"),
            ("https://e.id/img.png/view", "image/jpeg"),
            ("https://e.id/", "image/jpeg"),
            ("img/relative.gif?x", "image/gif"),
            ("", "image/jpeg"),
        ];
        for (url, expected) in cases {
            assert_eq!(image_type(url), expected, "{url}");
        }
    }

    #[test]
    fn category_urls() {
        let dirs = [
            ("nasional", "categories/nasional/"),
            ("ékonomi & bisnis", "categories/ekonomi-bisnis/"),
            ("kabar desa", "categories/kabar-desa/"),
            // The second name that slugs alike: its feed is in the `-2` folder.
            ("kabar-desa", "categories/kabar-desa-2/"),
        ];
        let dirs = dirs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let with = FeedMeta { category_dirs: std::sync::Arc::new(dirs), ..meta() };
        let without = FeedMeta { base_url: None, ..with.clone() };
        let base = "https://kabar.example.id/feeds/";
        let cases = [
            (&with, "Nasional", Some("categories/nasional/")),
            (&with, "NASIONAL", Some("categories/nasional/")),
            (&with, "Ékonomi & Bisnis", Some("categories/ekonomi-bisnis/")),
            (&with, "Kabar Desa", Some("categories/kabar-desa/")),
            (&with, "kabar-desa", Some("categories/kabar-desa-2/")),
            // No feed of its own (category feeds off, or not in this run): no URL.
            (&with, "Olahraga", None),
            (&with, "— !", None),
            (&without, "Nasional", None),
        ];
        for (meta, name, expected) in cases {
            let expected = expected.map(|dir| format!("{base}{dir}"));
            assert_eq!(category_url(meta, name), expected, "{name}");
        }
    }

    #[test]
    fn which_photos_are_attached() {
        // (url, length, attached as (type, length))
        let cases = [
            (Some("https://e.id/a.png"), Some(5), Some(("image/png", Some(5)))),
            (Some("http://e.id/a"), None, Some(("image/jpeg", None))),
            (None, Some(5), None),
            (Some(""), None, None),
            (Some("/img/a.png"), None, None),
            (Some("img/a.png"), None, None),
            (Some("javascript:alert(1)"), None, None),
            (Some("data:image/png;base64,AAAA"), None, None),
            (Some("https://e.id/a b.png"), None, None),
        ];
        for (url, length, expected) in cases {
            let image = Image { url: url.map(Into::into), length, ..Image::default() };
            let article = Article { image: Some(image), ..articles()[0].clone() };
            let got = enclosure(&article).map(|e| (e.mime_type, e.length));
            assert_eq!(got, expected, "{url:?}");
        }
        let article = Article { image: None, ..articles()[0].clone() };
        assert_eq!(enclosure(&article), None);
    }

    #[test]
    fn listed_puts_the_main_feed_first_once() {
        let site = meta();
        let other = |dir: &str| FeedMeta { dir: dir.into(), ..meta() };
        let items = articles();
        // (feeds given, dirs listed, items of the main feed)
        let cases = [
            (vec![(site.clone(), items.clone()), (other("a/"), vec![])], vec!["", "a/"], 3),
            (vec![(other("a/"), vec![]), (site.clone(), items.clone())], vec!["", "a/"], 3),
            (vec![(other("a/"), vec![]), (other("b/"), vec![])], vec!["", "a/", "b/"], 0),
            (vec![], vec![""], 0),
        ];
        for (feeds, dirs, main_items) in cases {
            let got = listed(&site, &feeds, |(m, _)| m, |(_, i)| i.as_slice());
            let got_dirs: Vec<_> = got.iter().map(|(m, _)| m.dir.as_str()).collect();
            assert_eq!((got_dirs, got[0].1.len()), (dirs, main_items));
        }
    }

    #[test]
    fn generator_names_the_version() {
        assert_eq!(generator(), format!("kabar {}", env!("CARGO_PKG_VERSION")));
    }
}
