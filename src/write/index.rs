//! `index.html`: the page people see at the output folder's address, and the one that feed apps
//! and browser extensions read to discover the feeds.
//!
//! One plain HTML5 page, with its few lines of CSS inline and no script, fonts or images, so it
//! loads at once on a slow phone and needs nothing but the output folder:
//!
//! | page                                        | from                                         |
//! |---------------------------------------------|----------------------------------------------|
//! | `html/@lang`                                | the site's language, when set                |
//! | `title`, `h1`, description                  | the site's title and description             |
//! | `link rel="alternate"` in `head`            | every feed in every format, the main feed's first: `type` `application/rss+xml`, `application/atom+xml`, `application/feed+json`, `title` "FEED (RSS)"… |
//! | one `section` per feed                      | the main feed first, then the others as given: title, description, subscribe links, the latest items |
//! | an item                                     | its title, linked to its link (`http(s)` only), its source outlet, its date in a `time` |
//! | footer                                      | a link to the OPML list (`feeds.opml`), and kabar's version |
//!
//! The feeds' addresses are relative (`rss.xml`, `categories/politik/atom.xml`): the page sits
//! at the top of the output folder, so they resolve to the right files wherever the folder is
//! served, under `base_url` or by `kabar serve` on localhost.
//!
//! Dates are shown as written, in the article's own offset, `2016-12-09 14:32 +07:00` (just the
//! date for an article that gave no time of day): the same in every language, and never
//! relative to now, so the same feeds always give the same bytes.
//!
//! Everything from the articles and the configuration is escaped; characters that HTML calls
//! errors (controls, non-characters) are dropped; a link that is not `http(s)` (a `javascript:`
//! URL in a scraped page) is not made a link. The few words of the page's own are English, or
//! Indonesian for a site whose language is `id`.

use chrono::{DateTime, FixedOffset};

use super::{GENERATOR, Kind, VERSION, is_http_url, listed};
use crate::config::FeedMeta;
use crate::model::slug;
use crate::model::{Article, rfc3339};

/// The file name of the page, at the top of the output folder.
pub const FILE_NAME: &str = "index.html";

/// Items shown for the main feed: a page of news, not the whole feed.
const MAIN_ITEMS: usize = 20;
/// Items shown for each other feed: a taste, so that a site with two hundred category feeds
/// still has a page that loads at once.
const OTHER_ITEMS: usize = 5;

/// How many items of a feed the page shows: of the main feed (the first), or of another.
pub fn shown(main: bool) -> usize {
    if main { MAIN_ITEMS } else { OTHER_ITEMS }
}

/// The CSS of the page: readable line length, system fonts, a dark scheme.
const STYLE: &str = "\
body{font:1rem/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;max-width:46rem;\
margin:0 auto;padding:1rem;color:#1b1b1b;background:#fff}\
a{color:#0b57d0}h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:2.5rem 0 0}\
h3{font-size:1.1rem;margin:1.75rem 0 0}section p{margin:.25rem 0}\
.subscribe a{margin-right:.75rem}ol{padding-left:1.5rem}li{margin:.4rem 0}\
.meta{color:#5f6368;font-size:.875rem;white-space:nowrap}\
footer{margin-top:3rem;color:#5f6368;font-size:.875rem}\
@media (prefers-color-scheme:dark){body{color:#e3e3e3;background:#131314}a{color:#a8c7fa}\
.meta,footer{color:#9aa0a6}}";

/// The page's own words.
struct Words {
    latest: &'static str,
    subscribe: &'static str,
    more_feeds: &'static str,
    no_items: &'static str,
    opml: &'static str,
    made_with: &'static str,
}

const ENGLISH: Words = Words {
    latest: "Latest",
    subscribe: "Subscribe:",
    more_feeds: "More feeds",
    no_items: "No items yet.",
    opml: "Every feed as an OPML list",
    made_with: "Made with",
};

const INDONESIAN: Words = Words {
    latest: "Terbaru",
    subscribe: "Berlangganan:",
    more_feeds: "Feed lainnya",
    no_items: "Belum ada berita.",
    opml: "Semua feed dalam daftar OPML",
    made_with: "Dibuat dengan",
};

fn words(language: Option<&str>) -> &'static Words {
    let primary = language.and_then(|tag| tag.split(['-', '_']).next());
    match primary.map(str::to_ascii_lowercase).as_deref() {
        Some("id" | "in") => &INDONESIAN,
        _ => &ENGLISH,
    }
}

/// The formats a feed is offered in, with the type and name that links give them.
const FORMATS: [(Kind, &str, &str); 3] = [
    (Kind::Rss, "application/rss+xml", "RSS"),
    (Kind::Atom, "application/atom+xml", "Atom"),
    (Kind::JsonFeed, "application/feed+json", "JSON Feed"),
];

/// Renders the page for `site` (the main feed) and `feeds` with their items, newest first as
/// `select` orders them. `feeds` may or may not hold the main feed (the one whose `dir` is
/// `site.dir`); it is listed once, first, with its items when `feeds` has them. The footer
/// links the OPML list as [`opml::FILE_NAME`](super::opml::FILE_NAME), next to this page.
pub fn render(
    site: &FeedMeta,
    feeds: &[(FeedMeta, Vec<Article>)],
) -> Result<Vec<u8>, super::Error> {
    let listed = listed(site, feeds, |(meta, _)| meta, |(_, items)| items.as_slice());
    let words = words(site.language.as_deref());
    let mut out = String::with_capacity(4096);
    out.push_str("<!DOCTYPE html>\n");
    match &site.language {
        Some(language) => out.push_str(&format!("<html lang=\"{}\">\n", attr(language))),
        None => out.push_str("<html>\n"),
    }
    out.push_str("<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", text(&site.title)));
    if !site.description.is_empty() {
        out.push_str(&format!(
            "<meta name=\"description\" content=\"{}\">\n",
            attr(&site.description)
        ));
    }
    out.push_str(&format!("<meta name=\"generator\" content=\"{GENERATOR} {VERSION}\">\n"));
    for (feed, _) in &listed {
        for (kind, mime, name) in FORMATS {
            out.push_str(&format!(
                "<link rel=\"alternate\" type=\"{mime}\" title=\"{} ({name})\" href=\"{}\">\n",
                attr(&feed.title),
                attr(&href(feed, kind)),
            ));
        }
    }
    out.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n<header>\n"));
    out.push_str(&format!("<h1>{}</h1>\n", text(&site.title)));
    if !site.description.is_empty() {
        out.push_str(&format!("<p>{}</p>\n", text(&site.description)));
    }
    if is_http_url(&site.link) {
        out.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p>\n",
            attr(&site.link),
            text(&site.link)
        ));
    }
    out.push_str("</header>\n<main>\n");
    for (n, (feed, items)) in listed.iter().enumerate() {
        let main = n == 0;
        if n == 1 {
            out.push_str(&format!("<h2>{}</h2>\n", words.more_feeds));
        }
        let id = match slug(&feed.dir) {
            id if main || id.is_empty() => "latest".to_string(),
            id => id,
        };
        out.push_str(&format!("<section id=\"{}\">\n", attr(&id)));
        if main {
            // The site's title is the page's `h1`; the section still wants a heading.
            out.push_str(&format!("<h2>{}</h2>\n", words.latest));
        } else {
            out.push_str(&format!("<h3>{}</h3>\n", text(&feed.title)));
            if !feed.description.is_empty() {
                out.push_str(&format!("<p>{}</p>\n", text(&feed.description)));
            }
        }
        out.push_str(&format!("<p class=\"subscribe\">{}", words.subscribe));
        for (kind, mime, name) in FORMATS {
            out.push_str(&format!(
                " <a href=\"{}\" type=\"{mime}\">{name}</a>",
                attr(&href(feed, kind))
            ));
        }
        out.push_str("</p>\n");
        if items.is_empty() {
            out.push_str(&format!("<p>{}</p>\n", words.no_items));
        } else {
            out.push_str("<ol>\n");
            for article in items.iter().take(shown(main)) {
                item(&mut out, article, site.language.as_deref());
            }
            out.push_str("</ol>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n<footer>\n<p>");
    out.push_str(&format!(
        "<a href=\"{}\" type=\"text/x-opml\">{}</a> · ",
        attr(super::opml::FILE_NAME),
        words.opml
    ));
    out.push_str(&format!(
        "{} {GENERATOR} {VERSION}</p>\n</footer>\n</body>\n</html>\n",
        words.made_with
    ));
    Ok(out.into_bytes())
}

/// One `li`: the title (a link when the article has an `http(s)` link), the outlet, the date.
fn item(out: &mut String, article: &Article, page_language: Option<&str>) {
    match article.language.as_deref().filter(|lang| Some(*lang) != page_language) {
        Some(lang) => out.push_str(&format!("<li lang=\"{}\">", attr(lang))),
        None => out.push_str("<li>"),
    }
    match article.link.as_deref().filter(|link| is_http_url(link)) {
        Some(link) => {
            out.push_str(&format!("<a href=\"{}\">{}</a>", attr(link), text(&article.title)));
        }
        None => out.push_str(&text(&article.title)),
    }
    let source = article.source.as_ref().map(|s| text(&s.name)).filter(|s| !s.is_empty());
    let date = article.published.or(article.updated);
    if source.is_some() || date.is_some() {
        out.push_str(" <span class=\"meta\">");
        if let Some(source) = &source {
            out.push_str(source);
        }
        if let Some(at) = date {
            if source.is_some() {
                out.push_str(" · ");
            }
            let date_only = article.published_date_only && article.published.is_some();
            out.push_str(&time(&at, date_only));
        }
        out.push_str("</span>");
    }
    out.push_str("</li>\n");
}

/// A `time` element: `2016-12-09 14:32 +07:00` in the article's own offset, its `datetime` in
/// RFC 3339; only the date when the article gave no time of day.
fn time(at: &DateTime<FixedOffset>, date_only: bool) -> String {
    if date_only {
        let day = at.format("%Y-%m-%d");
        format!("<time datetime=\"{day}\">{day}</time>")
    } else {
        format!("<time datetime=\"{}\">{}</time>", rfc3339(at), at.format("%Y-%m-%d %H:%M %:z"))
    }
}

/// Where the page links a feed's file: its folder and file name, relative to the page.
fn href(feed: &FeedMeta, kind: Kind) -> String {
    format!("{}{}", feed.dir, kind.file_name())
}

/// Characters HTML reports as parse errors: controls other than tab, line feed, form feed and
/// carriage return, and the non-characters.
fn html_char(c: char) -> bool {
    let control = c.is_control() && !matches!(c, '\t' | '\n' | '\u{c}' | '\r');
    let noncharacter = ('\u{fdd0}'..='\u{fdef}').contains(&c) || (c as u32 & 0xfffe) == 0xfffe;
    !control && !noncharacter
}

/// Text as element content: `&`, `<` and `>` escaped, forbidden characters dropped.
fn text(value: &str) -> String {
    escape(value, false)
}

/// Text as a double-quoted attribute value: `"` escaped as well.
fn attr(value: &str) -> String {
    escape(value, true)
}

fn escape(value: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars().filter(|&c| html_char(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use scraper::{Html, Selector};

    use super::*;
    use crate::model::Source;
    use crate::write::samples::{TRICKY, articles, at, meta, tricky, undated};

    fn sel(css: &str) -> Selector {
        Selector::parse(css).unwrap()
    }

    /// The main feed and a category feed with two of the samples.
    fn feeds() -> Vec<(FeedMeta, Vec<Article>)> {
        let site = meta();
        let politik = FeedMeta {
            title: "Kabar Contoh — Cuaca & <Iklim>".into(),
            description: "Berita contoh dari kabar (category: Cuaca)".into(),
            dir: "categories/cuaca/".into(),
            ..site.clone()
        };
        let items = articles();
        vec![(site, items.clone()), (politik, vec![items[1].clone(), items[2].clone()])]
    }

    /// Parses the page, asserting that the HTML5 parser met no error.
    fn page(site: &FeedMeta, feeds: &[(FeedMeta, Vec<Article>)]) -> (String, Html) {
        let text = String::from_utf8(render(site, feeds).unwrap()).unwrap();
        let html = Html::parse_document(&text);
        assert_eq!(html.errors, Vec::<std::borrow::Cow<str>>::new(), "{text}");
        (text, html)
    }

    #[test]
    fn one_alternate_link_per_feed_per_format_main_feed_first() {
        let feeds = feeds();
        let (_, html) = page(&feeds[0].0, &feeds);
        let links: Vec<_> = html
            .select(&sel("head link[rel=alternate]"))
            .map(|l| {
                let a = |name| l.value().attr(name).unwrap_or_default().to_string();
                (a("type"), a("title"), a("href"))
            })
            .collect();
        let expected = [
            ("application/rss+xml", "Kabar Contoh (RSS)", "rss.xml"),
            ("application/atom+xml", "Kabar Contoh (Atom)", "atom.xml"),
            ("application/feed+json", "Kabar Contoh (JSON Feed)", "feed.json"),
            (
                "application/rss+xml",
                "Kabar Contoh — Cuaca & <Iklim> (RSS)",
                "categories/cuaca/rss.xml",
            ),
            (
                "application/atom+xml",
                "Kabar Contoh — Cuaca & <Iklim> (Atom)",
                "categories/cuaca/atom.xml",
            ),
            (
                "application/feed+json",
                "Kabar Contoh — Cuaca & <Iklim> (JSON Feed)",
                "categories/cuaca/feed.json",
            ),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect();
        assert_eq!(links, expected);
    }

    #[test]
    fn every_feed_has_a_section_with_subscribe_links_and_linked_items() {
        let feeds = feeds();
        let (_, html) = page(&feeds[0].0, &feeds);
        let sections: Vec<_> = html.select(&sel("main section")).collect();
        assert_eq!(sections.len(), 2);
        for (section, (feed, items)) in sections.iter().zip(&feeds) {
            let subscribe: Vec<_> = section
                .select(&sel(".subscribe a"))
                .map(|a| a.value().attr("href").unwrap_or_default().to_string())
                .collect();
            let files = ["rss.xml", "atom.xml", "feed.json"].map(|f| format!("{}{f}", feed.dir));
            assert_eq!(subscribe, files);
            let linked: Vec<_> = section
                .select(&sel("li > a"))
                .map(|a| (a.text().collect::<String>(), a.value().attr("href").map(str::to_string)))
                .collect();
            let expected: Vec<_> =
                items.iter().map(|i| (i.title.clone(), i.link.clone())).collect();
            assert_eq!(linked, expected, "{}", feed.dir);
        }
        let heading: Vec<_> =
            html.select(&sel("h3")).map(|h| h.text().collect::<String>()).collect();
        assert_eq!(heading, ["Kabar Contoh — Cuaca & <Iklim>"]);
    }

    #[test]
    fn markup_in_titles_is_shown_as_text() {
        let site = FeedMeta { title: TRICKY.into(), description: TRICKY.into(), ..meta() };
        let feeds = vec![(site.clone(), vec![tricky()])];
        let (text, html) = page(&site, &feeds);
        assert!(!text.contains("<b>"), "{text}");
        for css in ["title", "h1", "header p", "li > a"] {
            let shown: Vec<_> =
                html.select(&sel(css)).map(|e| e.text().collect::<String>()).collect();
            assert_eq!(shown.first().map(String::as_str), Some(TRICKY), "{css}");
        }
        assert_eq!(html.select(&sel("b")).count(), 0);
        let description = html.select(&sel("meta[name=description]")).next().unwrap();
        assert_eq!(description.value().attr("content"), Some(TRICKY));
    }

    #[test]
    fn dates_are_shown_as_written_in_their_own_offset() {
        let date_only = Article {
            published: Some(at("2016-12-09T00:00:00+07:00")),
            published_date_only: true,
            ..articles()[2].clone()
        };
        // (article, text shown, datetime)
        let cases = [
            (articles()[2].clone(), "2016-12-09 14:32 +07:00", "2016-12-09T14:32:00+07:00"),
            (articles()[1].clone(), "2017-03-01 08:15 -05:00", "2017-03-01T08:15:30-05:00"),
            (articles()[0].clone(), "2018-01-15 09:00 +00:00", "2018-01-15T09:00:00Z"),
            (date_only, "2016-12-09", "2016-12-09"),
        ];
        for (article, shown, datetime) in cases {
            let site = meta();
            let (_, html) = page(&site, &[(site.clone(), vec![article])]);
            let time = html.select(&sel("li time")).next().unwrap();
            assert_eq!(time.text().collect::<String>(), shown);
            assert_eq!(time.value().attr("datetime"), Some(datetime));
        }
    }

    #[test]
    fn what_an_item_shows() {
        let hostile = Article {
            link: Some("javascript:alert(1)".into()),
            source: Some(Source { name: "Kompas <TV>".into(), url: None }),
            ..articles()[1].clone()
        };
        // (article, the li's markup)
        let cases = [
            (
                articles()[2].clone(),
                "<li><a href=\"https://kabar.example.id/2016/12/09/banjir-bandung\">Banjir rendam tiga kecamatan di Bandung</a> <span class=\"meta\">VIVA.co.id · <time datetime=\"2016-12-09T14:32:00+07:00\">2016-12-09 14:32 +07:00</time></span></li>",
            ),
            (undated(), "<li>Tanpa tanggal</li>"),
            (
                hostile,
                "<li lang=\"en\">Storm closes schools in Ohio <span class=\"meta\">Kompas &lt;TV&gt; · <time datetime=\"2017-03-01T08:15:30-05:00\">2017-03-01 08:15 -05:00</time></span></li>",
            ),
        ];
        for (article, expected) in cases {
            let mut out = String::new();
            item(&mut out, &article, Some("id"));
            assert_eq!(out, format!("{expected}\n"), "{}", article.id);
        }
    }

    #[test]
    fn the_main_feed_is_listed_once_and_first_whether_given_or_not() {
        let feeds = feeds();
        let site = &feeds[0].0;
        let count = |feeds: &[(FeedMeta, Vec<Article>)]| {
            let (_, html) = page(site, feeds);
            let ids: Vec<_> = html
                .select(&sel("main section"))
                .map(|s| s.value().attr("id").unwrap_or_default().to_string())
                .collect();
            let items = html.select(&sel("section#latest li")).count();
            (ids, items)
        };
        assert_eq!(count(&feeds), (vec!["latest".into(), "categories-cuaca".into()], 3));
        let reversed: Vec<_> = feeds.iter().rev().cloned().collect();
        assert_eq!(count(&reversed), count(&feeds));
        // Without the main feed's items, its section says there are none yet.
        assert_eq!(count(&feeds[1..]), (vec!["latest".into(), "categories-cuaca".into()], 0));
        let (text, _) = page(site, &feeds[1..]);
        assert!(text.contains("<p>Belum ada berita.</p>"), "{text}");
    }

    #[test]
    fn long_feeds_show_their_latest_items() {
        let many: Vec<Article> =
            (0..30).map(|n| Article { id: format!("a{n}"), ..articles()[2].clone() }).collect();
        let site = meta();
        let other = FeedMeta { dir: "sources/viva/".into(), ..site.clone() };
        let (_, html) = page(&site, &[(site.clone(), many.clone()), (other, many)]);
        let counts: Vec<_> =
            html.select(&sel("main section")).map(|s| s.select(&sel("li")).count()).collect();
        assert_eq!(counts, [MAIN_ITEMS, OTHER_ITEMS]);
    }

    #[test]
    fn language_words_and_optional_parts() {
        // (site language, html lang, subscribe word)
        let cases = [
            (Some("id"), "<html lang=\"id\">", "Berlangganan:"),
            (Some("id-ID"), "<html lang=\"id-ID\">", "Berlangganan:"),
            (Some("en"), "<html lang=\"en\">", "Subscribe:"),
            (None, "<html>", "Subscribe:"),
        ];
        for (language, tag, word) in cases {
            let site = FeedMeta { language: language.map(Into::into), ..meta() };
            let (text, _) = page(&site, &[(site.clone(), articles())]);
            assert!(text.contains(tag) && text.contains(word), "{language:?}: {text}");
        }
        let bare = FeedMeta { description: String::new(), ..meta() };
        let bytes = render(&bare, &[]).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains("name=\"description\""), "{text}");
        assert!(text.contains("<a href=\"feeds.opml\" type=\"text/x-opml\">"), "{text}");
        assert!(Html::parse_document(&text).errors.is_empty());
    }

    #[test]
    fn forbidden_characters_are_dropped() {
        let cases = [
            ("a\u{0}b\u{7}c\u{7f}d\u{85}e", "abcde"),
            ("x\u{fffe}y\u{fdd0}z\u{1ffff}", "xyz"),
            ("tab\tand\nlines", "tab\tand\nlines"),
            ("\"q\" & <t>", "&quot;q&quot; &amp; &lt;t&gt;"),
        ];
        for (input, expected) in cases {
            assert_eq!(attr(input), expected, "{input:?}");
        }
    }

    #[test]
    fn output_is_deterministic() {
        let feeds = feeds();
        assert_eq!(render(&feeds[0].0, &feeds).unwrap(), render(&feeds[0].0, &feeds).unwrap());
    }

    /// Writes `index.html` for reading in a browser or an HTML validator:
    /// `KABAR_WRITERS_DUMP=/tmp/kabar-writers cargo test --lib write::index -- --ignored`.
    #[test]
    #[ignore = "writes a file for reading"]
    fn dump_for_the_validators() {
        let Some(dir) = std::env::var_os("KABAR_WRITERS_DUMP") else {
            return;
        };
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        let feeds = feeds();
        let bytes = render(&feeds[0].0, &feeds).unwrap();
        std::fs::write(dir.join(FILE_NAME), bytes).unwrap();
    }
}
