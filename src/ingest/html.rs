//! `.html`, `.htm` files: a news page saved from a browser.
//!
//! The page is parsed with html5ever (through `scraper`), which repairs malformed markup the way
//! a browser does. The reader finds the fields and the article's body; it interprets nothing:
//! dates stay as written, and the normalizer sanitizes the body. Each field is the first of its
//! sources, in this order:
//!
//! | field | sources, first found wins |
//! |---|---|
//! | `title` | `og:title`; JSON-LD `headline`; `<title>`; the first `<h1>` of the article (else of the page). A trailing (or leading) ` - Site`, ` \| Site`, ` – Site`, ` — Site`, ` :: Site`, ` · Site` is cut when `Site` matches one of the site's names (its source, `og:site_name`, `application-name`, the link's host; ignoring case and punctuation, one may be the beginning of the other), or when the part before it is the page's `<h1>`; a candidate that *is* the site's name is passed over |
//! | `date` | JSON-LD `datePublished`; meta `article:published_time`; microdata `itemprop=datePublished`; the first `<time datetime>` in the article; meta `date`, `pubdate`, `publishdate`, `DC.date.issued` |
//! | `updated` | JSON-LD `dateModified`; meta `article:modified_time`, `og:updated_time`; microdata `itemprop=dateModified` |
//! | `authors` | JSON-LD `author` (a string split like a txt `Author:` header, an object with a `name`, an `@id` reference into the graph, or an array of them); else meta `author` and `article:author` (not when it is a URL, as Facebook profile links are) |
//! | `source` | JSON-LD `publisher.name`; `og:site_name` |
//! | `link` | `<link rel=canonical>`; `og:url`; JSON-LD `url`, `mainEntityOfPage`; the `<!-- saved from url=(…)… -->` comment of a page saved by a browser; only an absolute http(s) URL |
//! | `image` | `og:image` (`:url`, `:secure_url`); JSON-LD `image` (a string, an object with `url`/`contentUrl`, an array); `twitter:image`; resolved against `link` when relative |
//! | `summary` | meta `description`; `og:description`; `twitter:description`; JSON-LD `description` |
//! | `categories` | meta `keywords` and `news_keywords` (comma separated), every `article:tag`, JSON-LD `keywords` (a string or an array), `article:section`, JSON-LD `articleSection`: all of them, in that order, without repeats (ignoring case) |
//! | `language` | `<html lang>`; `og:locale` (`id_ID` → `id-ID`); meta `content-language`; JSON-LD `inLanguage` |
//!
//! JSON-LD is read from every `<script type="application/ld+json">`: an object, an array, or an
//! object with `@graph` (also `mainEntity`), with `@type` a string or an array, possibly written
//! as a URL (`http://schema.org/NewsArticle`). The article is the first node typed `NewsArticle`,
//! `Article`, `BlogPosting`, `ReportageNewsArticle` or another news article type
//! ([`ARTICLE_TYPES`]). Strings have their HTML entities decoded (WordPress writes `&#8211;`
//! there). A script wrapped in `<!-- -->` or CDATA markers, or with raw line breaks inside its
//! strings, is still read; one that does not parse becomes a warning.
//!
//! # The body
//!
//! The container is chosen by paragraph text (the text of `<p>` elements outside links and
//! outside clutter): the `<article>` or `[itemprop=articleBody]` with the most, when it holds at
//! least [`SEMANTIC_SHARE_PERCENT`] % of the page's; else the deepest of `main`, `[role=main]`,
//! the elements whose class or id names content (`content`, `post`, `entry-content`, `article`,
//! `story`, `text`, `detail`, `read`, `isi`, `berita`, …) and the direct parents of paragraphs
//! that holds at least [`DEEPEST_SHARE_PERCENT`] % of the best one's; else the `<body>`.
//!
//! Inside it the blocks are kept in order as HTML: `p`, `h2`–`h6`, `ul`, `ol`, `dl`,
//! `blockquote`, `figure`, `pre`, `table` (a table holding paragraphs, headings, divisions or
//! other tables is layout, and is walked into instead). Loose text and inline elements between
//! blocks become a `<p>`; two `<br>` in a row end one. Lazy-loaded images get their real `src` from `data-src`,
//! `data-original`, `data-lazy-src`. Left out ([`junk`]):
//!
//! | left out | how it is recognised |
//! |---|---|
//! | scripts, styles, embeds, forms, navigation, asides | tags `script`, `style`, `noscript`, `template`, `iframe`, `object`, `embed`, `nav`, `aside`, `button`, `svg`, `form` (unless it wraps the page: three paragraphs or more, as ASP.NET pages do), … |
//! | hidden things | `hidden`, `aria-hidden=true`, `display:none`; `role` navigation, search, complementary, menu, dialog, toolbar |
//! | ads, share buttons, related articles, comments, newsletter boxes | a word of the class or id ([`EVERYWHERE_WORDS`], [`EVERYWHERE_PREFIXES`]): `ad-slot`, `ads`, `adsbygoogle`, `iklan`, `sponsor…`, `promo…`, `banner…`, `related…`, `share…`, `social…`, `comments`, `newsletter`, `subscri…`, `breadcrumb`, `baca-juga`, `sidebar`, `widget`, … Words are split at punctuation and at camelCase (`relatedPosts`); WordPress's state classes (`tag-…`, `category-…`, `has-…`) are not read |
//! | page header and footer, bylines, date lines | outside the kept blocks only: tags `header`, `footer`, `address`; roles banner, contentinfo; class words `byline`, `author`, `meta`, `date`, `time`, `tags`, … ([`OUTSIDE_WORDS`]); microdata `author`, `datePublished` |
//! | "Baca juga:" lines, "Advertisement" labels | a paragraph opening with `Baca juga`, `Simak juga`, `Lihat juga`, `Read also`, `Read more`, `See also` and a colon; a paragraph that is only a label ([`LABELS`]) |
//! | the title and the byline repeated at the top | before the first kept paragraph: an `<h1>` (and anywhere, an `<h1>` equal to the title); a short paragraph that opens with `By`/`Oleh`/`Penulis:`/`Published`…, holds a `<time>`, is an author's name, or is a date line (a year, and at most [`DATE_LINE_OTHER_WORDS`] words that are neither numbers nor date words) |
//!
//! The lead photo: when the page gives a caption or a credit for it (JSON-LD `image.caption`
//! and `image.creditText`, or the `<figcaption>` of the first `<figure>` of the article, before
//! its first paragraph: a credit element by its class (`credit`, `copyright`, `source`, …) or a
//! closing `(Foto: X)`, `(ANTARA FOTO/X)`, `Photo: X` in the caption), the body opens with
//! `<figure><img src=URL alt=CAPTION></figure>` and `<p>Foto: CREDIT</p>`, the blocks the
//! normalizer reads as a photo and its credit, and that figure is not repeated. A credit the
//! normalizer would not take for one (a sentence, more than 12 words) is left out rather than
//! becoming the lead.
//!
//! A file without any tag is not HTML: its text is the body, as plain text. A page without a
//! usable title keeps `title` empty, and the normalizer rejects it.
//!
//! # Before parsing
//!
//! A page whose bytes are not UTF-8 is decoded in the encoding its `<meta charset>` names
//! ([`declared_encoding`], used by the caller). The page is parsed behind the guard of
//! [`super::markup`], which refuses it once html5ever's work grows past what any article page
//! needs.

use std::ops::Deref;
use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;
use url::Url;

use super::text::{split_authors, split_categories};
use super::{Body, Draft, Error, Origin};

/// A node of the parsed page (`ego_tree::NodeRef`, named through `scraper`).
type NodeRef<'a> = <ElementRef<'a> as Deref>::Target;

/// The JSON-LD `@type`s read as the article, after any URL prefix is cut off.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "AskPublicNewsArticle",
    "LiveBlogPosting",
    "SatiricalArticle",
    "TechArticle",
];

/// An `<article>` or `[itemprop=articleBody]` is the container when it holds at least this share
/// of the page's paragraph text: less, and it is a teaser card, not the story.
const SEMANTIC_SHARE_PERCENT: usize = 30;

/// Without a semantic container, the deepest candidate holding this share of the best one's
/// paragraph text wins: deep enough to leave the page's wrappers out, not so deep that a
/// paragraph or two outside an inner wrapper is lost.
const DEEPEST_SHARE_PERCENT: usize = 85;

/// At most this many words other than date words in a date line at the top of the body: an
/// author's name ("Dewi Lubis | Jumat, 9 Desember 2016") but not a sentence.
const DATE_LINE_OTHER_WORDS: usize = 3;

/// The words of a date line ([`DATE_LINE_OTHER_WORDS`]), lowercase: months and days in
/// Indonesian and English, their abbreviations, zones and times of day.
const DATE_WORDS: &[&str] = &[
    "januari",
    "january",
    "jan",
    "februari",
    "february",
    "feb",
    "maret",
    "march",
    "mar",
    "april",
    "apr",
    "mei",
    "may",
    "juni",
    "june",
    "jun",
    "juli",
    "july",
    "jul",
    "agustus",
    "august",
    "agu",
    "ags",
    "aug",
    "september",
    "sept",
    "sep",
    "oktober",
    "october",
    "okt",
    "oct",
    "november",
    "nov",
    "desember",
    "december",
    "des",
    "dec",
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "sabtu",
    "minggu",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "wib",
    "wita",
    "wit",
    "gmt",
    "utc",
    "am",
    "pm",
    "pukul",
    "jam",
    "pagi",
    "siang",
    "sore",
    "malam",
    "on",
    "at",
];

/// Class and id words that mark clutter wherever it is, even inside a kept block.
const EVERYWHERE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "adverts",
    "advertisement",
    "advertisements",
    "advertising",
    "iklan",
    "sponsor",
    "sponsored",
    "promo",
    "banner",
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "breadcrumb",
    "breadcrumbs",
    "outbrain",
    "taboola",
    "popular",
    "trending",
    "terpopuler",
    "recommended",
    "recommendation",
    "recommendations",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "sidebar",
    "widget",
    "widgets",
    "pagination",
    "pager",
    "cookie",
    "cookies",
    "consent",
    "popup",
    "modal",
    "bacajuga",
    "readalso",
    "readmore",
    "sronly",
    "screenreader",
];

/// Beginnings of class and id words that mark clutter (`adsbygoogle`, `relatedPosts`).
const EVERYWHERE_PREFIXES: &[&str] = &[
    "adsby",
    "adslot",
    "adunit",
    "adbox",
    "adcontainer",
    "adwrap",
    "adsense",
    "advert",
    "sponsor",
    "promo",
    "banner",
    "related",
    "share",
    "social",
    "newsletter",
    "subscri",
    "breadcrumb",
    "disqus",
    "outbrain",
    "taboola",
];

/// Two class or id words in a row that mark clutter (`baca-juga`, `sr-only`).
const EVERYWHERE_PAIRS: &[(&str, &str)] = &[
    ("baca", "juga"),
    ("read", "also"),
    ("read", "more"),
    ("sr", "only"),
    ("screen", "reader"),
    ("visually", "hidden"),
];

/// Class and id words of page furniture and bylines: left out between blocks, kept inside one
/// (a `<td class="date">` in a table stays).
const OUTSIDE_WORDS: &[&str] = &[
    "byline",
    "author",
    "authors",
    "meta",
    "date",
    "time",
    "timestamp",
    "published",
    "updated",
    "pubdate",
    "posted",
    "header",
    "footer",
    "masthead",
    "toolbar",
    "tools",
    "print",
    "tag",
    "tags",
];

/// Paragraphs that are only a label left by a removed widget, compared ignoring case.
const LABELS: &[&str] = &[
    "advertisement",
    "advertisment",
    "iklan",
    "sponsored",
    "sponsored content",
    "konten bersponsor",
    "scroll to continue with content",
    "scroll untuk melanjutkan",
    "continue reading",
    "lanjutkan membaca",
    "baca juga",
    "read also",
    "share",
    "bagikan",
    "share this article",
    "back to top",
    "kembali ke atas",
];

/// Class and id words of a photo credit inside a `<figure>`.
const CREDIT_WORDS: &[&str] = &[
    "credit",
    "credits",
    "copyright",
    "source",
    "sumber",
    "photographer",
    "fotografer",
    "byline",
    "author",
    "attribution",
];

/// Tags of the blocks kept whole.
const KEPT: &[&str] =
    &["p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "figure", "pre", "table"];

/// Tags of inline content: between blocks, they gather into a paragraph.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
    "kbd", "mark", "picture", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
    "time", "tt", "u", "var",
];

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

static BODY: LazyLock<Selector> = LazyLock::new(|| selector("body"));
static META: LazyLock<Selector> = LazyLock::new(|| selector("meta, [itemprop]"));
static SCRIPT: LazyLock<Selector> = LazyLock::new(|| selector("script"));
static LINK: LazyLock<Selector> = LazyLock::new(|| selector("link[rel]"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static IMG: LazyLock<Selector> = LazyLock::new(|| selector("img"));
static FIGCAPTION: LazyLock<Selector> = LazyLock::new(|| selector("figcaption"));
static P: LazyLock<Selector> = LazyLock::new(|| selector("p"));
/// What a layout table holds and a data table does not (also what makes a left-open `<h1>` a
/// container).
static LAYOUT: LazyLock<Selector> = LazyLock::new(|| {
    selector("p, div, table, ul, ol, h1, h2, h3, h4, blockquote, figure, article, section, main")
});

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("the selector `{css}` is valid: {e}"))
}

/// Parses a saved article page.
pub fn parse(text: &str, origin: &Origin) -> Result<Draft, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    let mut draft = origin.draft();
    if !has_tags(text) {
        draft.body = Body::Text(text.trim().to_string());
        return Ok(draft);
    }
    let doc = super::markup::parse_document(text)?;
    Ok(read(doc, text, draft))
}

/// Reads what a parsed page gives into the draft.
fn read(doc: Html, text: &str, mut draft: Draft) -> Draft {
    let metas = Metas::read(&doc);
    let roots = json_ld(&doc, &mut draft.warnings);
    let ld = LinkedData::new(&roots);
    let article = ld.article();
    let body = doc.select(&BODY).next().unwrap_or_else(|| doc.root_element());
    let container = container(body);
    let scope = scope(container);

    draft.link = canonical(&doc)
        .filter(|l| absolute(l))
        .or_else(|| metas.first(&["og:url"]).filter(|l| absolute(l)))
        .or_else(|| article.and_then(|a| ld.link(a)).filter(|l| absolute(l)))
        .or_else(|| saved_from(text));
    let base = draft.link.as_deref().and_then(|l| Url::parse(l).ok());

    draft.source = article
        .and_then(|a| a.get("publisher"))
        .and_then(|p| ld.name(p))
        .or_else(|| metas.first(&["og:site_name"]));
    let sites = site_names(&draft, &metas, base.as_ref());
    draft.title = title(&doc, &metas, article, scope, &sites);

    let ld_text = |key: &str| article.and_then(|a| a.get(key)).and_then(ld_text);
    draft.date = ld_text("datePublished")
        .or_else(|| metas.first(&["article:published_time", "datepublished"]))
        .or_else(|| time_in(scope))
        .or_else(|| metas.first(&["date", "pubdate", "publishdate", "dc.date.issued"]));
    draft.updated = ld_text("dateModified")
        .or_else(|| metas.first(&["article:modified_time", "og:updated_time", "datemodified"]));

    draft.authors = article.map(|a| ld.authors(a)).unwrap_or_default();
    if draft.authors.is_empty() {
        let names = metas.all("author").chain(metas.all("article:author"));
        for name in names.filter(|n| !is_url(n)).flat_map(|n| split_authors(&collapse(n))) {
            if !draft.authors.contains(&name) {
                draft.authors.push(name);
            }
        }
    }

    let ld_image = article.and_then(|a| a.get("image")).and_then(|i| ld.image(i));
    draft.image = metas
        .first(&["og:image", "og:image:url", "og:image:secure_url"])
        .or_else(|| ld_image.as_ref().and_then(|i| i.url.clone()))
        .or_else(|| metas.first(&["twitter:image", "twitter:image:src"]))
        .map(|u| resolve(&u, base.as_ref()));

    draft.summary = metas
        .first(&["description", "og:description", "twitter:description"])
        .or_else(|| ld_text("description"));
    draft.categories = categories(&metas, article);
    draft.language = doc
        .root_element()
        .attr("lang")
        .map(collapse)
        .filter(|l| !l.is_empty())
        .or_else(|| metas.first(&["og:locale", "content-language"]))
        .or_else(|| ld_text("inLanguage"))
        .map(|l| l.replace('_', "-"));

    // The lead photo, then the prose.
    let figure = lead_figure(scope, container);
    let photo = figure.map(photo_of).unwrap_or_default();
    let caption = ld_image.as_ref().and_then(|i| i.caption.clone()).or(photo.caption);
    let credit = ld_image.as_ref().and_then(|i| i.credit.clone()).or(photo.credit);
    let src = draft.image.clone().or_else(|| photo.src.map(|s| resolve(&s, base.as_ref())));
    let mut blocks = Vec::new();
    let mut taken = None;
    if let (Some(src), true) = (src, caption.is_some() || credit.is_some()) {
        blocks.push(format!(
            "<figure><img src=\"{}\" alt=\"{}\"></figure>",
            html_escape::encode_double_quoted_attribute(&src),
            html_escape::encode_double_quoted_attribute(caption.as_deref().unwrap_or(""))
        ));
        if let Some(credit) = credit.filter(|c| credit_like(c)) {
            blocks.push(format!("<p>Foto: {}</p>", html_escape::encode_text(&credit)));
        }
        taken = figure;
    }
    let mut extract = Extract::new(draft.title.as_deref(), &draft.authors, taken);
    extract.run(container);
    blocks.extend(extract.blocks);
    draft.body = Body::Html(blocks.join("\n"));
    draft
}

/// The address in the comment a browser's "Save page as" leaves at the top:
/// `<!-- saved from url=(0064)https://… -->`.
fn saved_from(text: &str) -> Option<String> {
    static SAVED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->")
            .unwrap_or_else(|e| panic!("the saved-from pattern is valid: {e}"))
    });
    // Browsers write it first, or right after the doctype.
    let mut end = text.len().min(1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(..end)?;
    SAVED
        .captures(head)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string())
        .filter(|l| absolute(l))
}

/// Whether a credit is one the normalizer reads as a photo credit (`normalize::credits`: at
/// most 12 words and 120 characters, fewer than four lowercase words). Another one, put in a
/// `Foto:` block, would stay in the text and become the article's lead.
fn credit_like(credit: &str) -> bool {
    let words = credit.split_whitespace();
    let lowercase = words.clone().filter(|w| w.starts_with(char::is_lowercase)).count();
    credit.chars().count() <= 120 && words.count() <= 12 && lowercase < 4
}

/// Whether the text holds anything that looks like a tag: `<` and a letter, `/`, `!` or `?`.
fn has_tags(text: &str) -> bool {
    text.as_bytes().windows(2).any(
        |w| matches!(w, [b'<', c] if c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?')),
    )
}

/// Text with every run of white space made one space, trimmed.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// An element's text, collapsed.
fn text_of(element: ElementRef) -> String {
    let mut text = String::new();
    for piece in element.text() {
        text.push_str(piece);
    }
    collapse(&text)
}

fn is_url(text: &str) -> bool {
    let t = text.trim_start().to_ascii_lowercase();
    t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")
}

/// An absolute http(s) URL.
fn absolute(url: &str) -> bool {
    Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

/// A relative URL joined to the page's link; anything else as written.
fn resolve(url: &str, base: Option<&Url>) -> String {
    match (Url::parse(url), base) {
        (Err(url::ParseError::RelativeUrlWithoutBase), Some(base)) => {
            base.join(url).map_or_else(|_| url.to_string(), String::from)
        }
        _ => url.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Metadata.

/// The page's `<meta>` values and microdata, keyed by their `property`, `name`, `http-equiv` or
/// `itemprop`, lowercase; in page order.
struct Metas<'a> {
    entries: Vec<(String, &'a str)>,
}

impl<'a> Metas<'a> {
    fn read(doc: &'a Html) -> Metas<'a> {
        let mut entries = Vec::new();
        for element in doc.select(&META) {
            let is_meta = element.value().name() == "meta";
            let value = match element.attr("content") {
                Some(v) => v,
                None if !is_meta => match element.attr("datetime") {
                    Some(v) => v,
                    None => continue,
                },
                None => continue,
            };
            let keys: &[&str] = if is_meta {
                &["property", "name", "http-equiv", "itemprop"]
            } else {
                &["itemprop"]
            };
            for key in keys {
                if let Some(k) = element.attr(key) {
                    for k in k.split_whitespace() {
                        entries.push((k.to_ascii_lowercase(), value));
                    }
                }
            }
        }
        Metas { entries }
    }

    /// The first non-empty value of the first key that has one.
    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|key| self.all(key).map(collapse).find(|v| !v.is_empty()))
    }

    /// Every value of a key, in page order.
    fn all(&self, key: &str) -> impl Iterator<Item = &'a str> + '_ {
        let key = key.to_string();
        self.entries.iter().filter(move |(k, _)| *k == key).map(|(_, v)| *v)
    }
}

/// `<link rel="canonical" href>`.
fn canonical(doc: &Html) -> Option<String> {
    doc.select(&LINK)
        .filter(|l| {
            l.attr("rel")
                .is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case("canonical")))
        })
        .find_map(|l| l.attr("href").map(collapse).filter(|h| !h.is_empty()))
}

/// Names the site goes by, to cut from a `<title>`: its source, `og:site_name`,
/// `application-name`, and the host of its link without `www.`.
fn site_names(draft: &Draft, metas: &Metas, base: Option<&Url>) -> Vec<String> {
    let mut names: Vec<String> = draft.source.iter().cloned().collect();
    names.extend(metas.first(&["og:site_name"]));
    names.extend(metas.first(&["application-name"]));
    if let Some(host) = base.and_then(Url::host_str) {
        let host = host.strip_prefix("www.").or_else(|| host.strip_prefix("m.")).unwrap_or(host);
        names.push(host.to_string());
    }
    names
}

/// The title: `og:title`, JSON-LD `headline`, `<title>`, the article's `<h1>`, each without a
/// site suffix, passing over a candidate that is only the site's name.
fn title(
    doc: &Html,
    metas: &Metas,
    article: Option<&Value>,
    scope: ElementRef,
    sites: &[String],
) -> Option<String> {
    let page_title = doc
        .select(&TITLE)
        .find(|t| !t.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "svg"))
        .map(text_of);
    let h1 = scope.select(&H1).next().or_else(|| doc.select(&H1).next()).map(h1_text);
    metas
        .first(&["og:title"])
        .into_iter()
        .chain(article.and_then(|a| a.get("headline")).and_then(ld_text))
        .chain(page_title)
        .chain(h1.clone())
        .map(|t| without_site(&t, sites, h1.as_deref()))
        .find(|t| !t.is_empty() && !names_site(t, sites))
}

/// A heading's own text, before any block html5ever put inside it (an `<h1>` left open holds
/// the rest of the page).
fn h1_text(h1: ElementRef) -> String {
    let mut text = String::new();
    walk(*h1, |edge| match edge {
        Edge::Open(node) => match node.value() {
            Node::Text(t) => {
                text.push_str(t);
                Step::Skip
            }
            Node::Element(e) if KEPT.contains(&e.name()) || e.name() == "div" => Step::Stop,
            Node::Element(_) => Step::Enter,
            _ => Step::Skip,
        },
        Edge::Close(_) => Step::Enter,
    });
    collapse(&text)
}

/// The separators between a title and the site's name.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · "];

/// "Judul Berita - Kompas.com" → "Judul Berita" when the last segment names the site, or when
/// what is before it is the page's `<h1>`; also "Kompas.com | Judul Berita".
fn without_site(title: &str, sites: &[String], h1: Option<&str>) -> String {
    let last = SEPARATORS.iter().filter_map(|s| title.rfind(s).map(|i| (i, s.len()))).max();
    if let Some((at, len)) = last {
        let (head, tail) = (title.get(..at).unwrap_or(""), title.get(at + len..).unwrap_or(""));
        let head_is_h1 =
            h1.is_some_and(|h| !h.is_empty() && collapse(head).eq_ignore_ascii_case(h));
        if !head.trim().is_empty() && (names_site(tail, sites) || head_is_h1) {
            return head.trim().to_string();
        }
    }
    let first = SEPARATORS.iter().filter_map(|s| title.find(s).map(|i| (i, s.len()))).min();
    if let Some((at, len)) = first {
        let (head, tail) = (title.get(..at).unwrap_or(""), title.get(at + len..).unwrap_or(""));
        if !tail.trim().is_empty() && names_site(head, sites) {
            return tail.trim().to_string();
        }
    }
    title.trim().to_string()
}

/// Whether a short segment names the site: equal to one of its names, or one the beginning of
/// the other, comparing letters and digits only ("KOMPAS.com", "Kompas", "kompas.com").
fn names_site(segment: &str, sites: &[String]) -> bool {
    let key = |s: &str| -> String {
        s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
    };
    let segment_key = key(segment);
    if segment_key.chars().count() < 3 || segment.split_whitespace().count() > 6 {
        return false;
    }
    sites.iter().map(|s| key(s)).any(|site| {
        site.chars().count() >= 3
            && (site.starts_with(&segment_key) || segment_key.starts_with(&site))
    })
}

/// The first `<time datetime>` of the article, outside clutter (a related article's time).
fn time_in(scope: ElementRef) -> Option<String> {
    scope
        .select(&TIME)
        .filter(|t| {
            !t.ancestors()
                .filter_map(ElementRef::wrap)
                .take_while(|a| *a != scope)
                .any(|a| junk(a) == Junk::Everywhere)
        })
        .find_map(|t| t.attr("datetime").map(collapse).filter(|d| !d.is_empty()))
}

/// Keywords, tags and sections, in order, without repeats (ignoring case).
fn categories(metas: &Metas, article: Option<&Value>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for value in metas.all("keywords").chain(metas.all("news_keywords")) {
        names.extend(split_categories(&collapse(value)));
    }
    names.extend(metas.all("article:tag").map(collapse));
    let ld_names = |key: &str| -> Vec<String> {
        match article.and_then(|a| a.get(key)) {
            Some(Value::String(s)) => split_categories(&decode(s)),
            Some(Value::Array(items)) => items.iter().filter_map(ld_text).collect(),
            _ => Vec::new(),
        }
    };
    names.extend(ld_names("keywords"));
    names.extend(metas.all("article:section").map(collapse));
    names.extend(ld_names("articleSection"));
    let mut out: Vec<String> = Vec::new();
    for name in names {
        if !name.is_empty() && !out.iter().any(|o| o.to_lowercase() == name.to_lowercase()) {
            out.push(name);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// JSON-LD.

/// The parsed JSON-LD scripts; a script that does not parse becomes a warning.
fn json_ld(doc: &Html, warnings: &mut Vec<String>) -> Vec<Value> {
    let mut roots = Vec::new();
    let scripts = doc.select(&SCRIPT).filter(|s| {
        s.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
    });
    for (n, script) in scripts.enumerate() {
        let raw: String = script.text().collect();
        let mut code = raw.trim();
        for (open, close) in [("<!--", "-->"), ("/*<![CDATA[*/", "/*]]>*/"), ("<![CDATA[", "]]>")] {
            code = code.strip_prefix(open).unwrap_or(code).trim();
            code = code.strip_suffix(close).unwrap_or(code).trim();
        }
        let code = code.strip_suffix(';').unwrap_or(code);
        if code.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(code) {
            Ok(v) => roots.push(v),
            Err(first) => {
                // Raw line breaks and tabs inside strings are the usual fault of hand-made
                // templates; JSON forbids them, browsers' JSON-LD readers shrug.
                let spaced: String =
                    code.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
                match serde_json::from_str::<Value>(&spaced) {
                    Ok(v) => roots.push(v),
                    Err(_) => warnings.push(format!(
                        "JSON-LD script {} is not valid JSON: {} at line {} column {}",
                        n + 1,
                        first.to_string().split(" at line ").next().unwrap_or_default(),
                        first.line(),
                        first.column()
                    )),
                }
            }
        }
    }
    roots
}

/// The JSON-LD nodes of a page: every object of the scripts, with their `@graph` and
/// `mainEntity` opened up.
struct LinkedData<'a> {
    /// Objects only.
    nodes: Vec<&'a Value>,
}

/// How deep arrays and graphs are opened: real pages use two levels.
const LD_DEPTH: usize = 4;

impl<'a> LinkedData<'a> {
    fn new(roots: &'a [Value]) -> LinkedData<'a> {
        let mut data = LinkedData { nodes: Vec::new() };
        for root in roots {
            data.add(root, 0);
        }
        data
    }

    fn add(&mut self, value: &'a Value, depth: usize) {
        if depth > LD_DEPTH {
            return;
        }
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.add(v, depth + 1)),
            Value::Object(map) => {
                self.nodes.push(value);
                for key in ["@graph", "mainEntity"] {
                    if let Some(inner) = map.get(key) {
                        self.add(inner, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }

    /// The first node typed as an article.
    fn article(&self) -> Option<&'a Value> {
        self.nodes.iter().copied().find(|n| types(n).any(|t| ARTICLE_TYPES.contains(&t)))
    }

    /// A value, or the node its `{"@id": …}` reference points to (Yoast's graphs refer to the
    /// author, the publisher and the image that way).
    fn resolve(&self, value: &'a Value) -> &'a Value {
        let Value::Object(map) = value else { return value };
        let Some(id) = map.get("@id").and_then(Value::as_str) else { return value };
        if map.contains_key("name") || map.contains_key("url") {
            return value;
        }
        self.nodes
            .iter()
            .copied()
            .find(|n| {
                n.as_object().is_some_and(|m| m.len() > 1)
                    && n.get("@id").and_then(Value::as_str) == Some(id)
            })
            .unwrap_or(value)
    }

    /// A publisher's or author's name: a string, an object's `name`, the first of an array.
    fn name(&self, value: &'a Value) -> Option<String> {
        match self.resolve(value) {
            Value::Array(items) => items.iter().find_map(|v| match v {
                Value::Array(_) => None,
                other => self.name(other),
            }),
            Value::Object(map) => map.get("name").and_then(ld_text),
            other => ld_text(other),
        }
    }

    /// `author`: strings (split like a txt `Author:` header), objects with a `name`,
    /// references, or an array of them.
    fn authors(&self, article: &'a Value) -> Vec<String> {
        let items: Vec<&Value> = match article.get("author") {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(one) => vec![one],
            None => Vec::new(),
        };
        let mut names = Vec::new();
        for item in items {
            let found = match self.resolve(item) {
                Value::String(s) => split_authors(&decode(s)),
                Value::Array(_) => Vec::new(),
                other => self.name(other).into_iter().collect(),
            };
            for name in found.into_iter().filter(|n| !is_url(n)) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names
    }

    /// `image`: a URL, an `ImageObject` (`url` or `contentUrl`, `caption`, `creditText`), a
    /// reference, or an array whose first usable item wins.
    fn image(&self, value: &'a Value) -> Option<LdImage> {
        match self.resolve(value) {
            Value::Array(items) => items.iter().find_map(|v| match v {
                Value::Array(_) => None,
                other => self.image(other),
            }),
            Value::Object(map) => Some(LdImage {
                url: map.get("url").or_else(|| map.get("contentUrl")).and_then(ld_text),
                caption: map.get("caption").and_then(ld_text),
                credit: map.get("creditText").and_then(ld_text),
            })
            .filter(|i| i.url.is_some()),
            other => ld_text(other).map(|url| LdImage { url: Some(url), ..LdImage::default() }),
        }
    }

    /// `url`, else `mainEntityOfPage` (a string or an object with `@id` or `url`).
    fn link(&self, article: &'a Value) -> Option<String> {
        article.get("url").and_then(ld_text).or_else(|| match article.get("mainEntityOfPage")? {
            Value::Object(map) => map.get("@id").or_else(|| map.get("url")).and_then(ld_text),
            other => ld_text(other),
        })
    }
}

/// A JSON-LD image.
#[derive(Debug, Default)]
struct LdImage {
    url: Option<String>,
    caption: Option<String>,
    credit: Option<String>,
}

/// A node's `@type`s, without a URL prefix (`http://schema.org/NewsArticle`, `schema:Article`).
fn types(node: &Value) -> impl Iterator<Item = &str> {
    let list: Vec<&Value> = match node.get("@type") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    list.into_iter()
        .filter_map(Value::as_str)
        .map(|t| t.rsplit(['/', ':', '#']).next().unwrap_or(t).trim())
}

/// A JSON-LD scalar as text: a string with its entities decoded and white space collapsed, a
/// number as its digits, the first of an array.
fn ld_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(decode(s)).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => items.iter().find_map(|v| match v {
            Value::Array(_) => None,
            other => ld_text(other),
        }),
        Value::Object(map) => map.get("@value").and_then(|v| match v {
            Value::Object(_) | Value::Array(_) => None,
            other => ld_text(other),
        }),
        _ => None,
    }
}

fn decode(text: &str) -> String {
    collapse(&html_escape::decode_html_entities(text))
}

// ---------------------------------------------------------------------------------------------
// Walking the tree.

/// One step of a walk in document order.
enum Edge<'a> {
    /// A node is reached; its children come next if the visitor says [`Step::Enter`].
    Open(NodeRef<'a>),
    /// An entered element is done.
    Close(ElementRef<'a>),
}

/// What a visitor wants next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Enter,
    Skip,
    Stop,
}

/// Walks the descendants of `root` in document order without recursion, so that a page of
/// 100,000 nested `<div>`s costs time, not the stack.
fn walk<'a>(root: NodeRef<'a>, mut visit: impl FnMut(Edge<'a>) -> Step) {
    let Some(mut node) = root.first_child() else { return };
    loop {
        match visit(Edge::Open(node)) {
            Step::Stop => return,
            Step::Enter => {
                if let Some(child) = node.first_child() {
                    node = child;
                    continue;
                }
                if let Some(element) = ElementRef::wrap(node)
                    && visit(Edge::Close(element)) == Step::Stop
                {
                    return;
                }
            }
            Step::Skip => {}
        }
        loop {
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) if parent != root => node = parent,
                _ => return,
            }
            if let Some(element) = ElementRef::wrap(node)
                && visit(Edge::Close(element)) == Step::Stop
            {
                return;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Clutter.

/// Where an element is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Junk {
    /// Kept.
    No,
    /// Left out between blocks, kept inside one (a `<footer>` in a `<blockquote>`).
    Outside,
    /// Left out everywhere.
    Everywhere,
}

/// Whether an element is clutter, by its tag, its role, its visibility and its class and id.
fn junk(element: ElementRef) -> Junk {
    let e = element.value();
    match e.name() {
        "script" | "style" | "noscript" | "template" | "iframe" | "frame" | "frameset"
        | "object" | "embed" | "nav" | "aside" | "button" | "input" | "select" | "textarea"
        | "option" | "label" | "svg" | "math" | "canvas" | "dialog" | "link" | "meta" | "audio"
        | "video" | "map" | "head" | "title" => return Junk::Everywhere,
        // ASP.NET pages wrap the whole page in a form.
        "form" if element.select(&P).nth(2).is_none() => return Junk::Everywhere,
        "header" | "footer" | "address" | "menu" => return Junk::Outside,
        _ => {}
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return Junk::Everywhere;
    }
    if let Some(style) = e.attr("style") {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        let style = style.to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return Junk::Everywhere;
        }
    }
    let mut found = Junk::No;
    if let Some(role) = e.attr("role") {
        match role.trim().to_ascii_lowercase().as_str() {
            "navigation" | "search" | "complementary" | "menu" | "menubar" | "dialog"
            | "alertdialog" | "toolbar" => return Junk::Everywhere,
            "banner" | "contentinfo" => found = Junk::Outside,
            _ => {}
        }
    }
    if let Some(prop) = e.attr("itemprop") {
        let byline = ["author", "datePublished", "dateModified", "publisher"];
        if prop.split_whitespace().any(|p| byline.contains(&p)) {
            found = Junk::Outside;
        }
    }
    let classes = e
        .attr("class")
        .into_iter()
        .flat_map(str::split_whitespace)
        .filter(|c| !STATE_CLASS_PREFIXES.iter().any(|p| starts_with_ignore_case(c, p)));
    for name in classes.chain(e.attr("id")) {
        found = found.max(junk_words(name));
        if found == Junk::Everywhere {
            break;
        }
    }
    found
}

/// WordPress's `post_class()` and `body_class()` describe the post, not the element's role:
/// `<article class="post tag-ads category-social has-post-thumbnail">` is the story.
const STATE_CLASS_PREFIXES: &[&str] =
    &["tag-", "category-", "format-", "status-", "type-", "postid-", "has-", "no-", "with-"];

/// What the words of one class name or id say.
fn junk_words(name: &str) -> Junk {
    let mut found = Junk::No;
    let mut previous = "";
    for word in Words::new(name) {
        let everywhere = EVERYWHERE_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
            || EVERYWHERE_PREFIXES.iter().any(|p| starts_with_ignore_case(word, p))
            || EVERYWHERE_PAIRS
                .iter()
                .any(|(a, b)| previous.eq_ignore_ascii_case(a) && word.eq_ignore_ascii_case(b));
        if everywhere {
            return Junk::Everywhere;
        }
        if OUTSIDE_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w)) {
            found = Junk::Outside;
        }
        previous = word;
    }
    found
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// The words of a class name or id: split at anything but letters and digits, and where a
/// lowercase letter meets an uppercase one (`relatedPosts` → `related`, `Posts`).
struct Words<'a> {
    rest: &'a str,
}

impl<'a> Words<'a> {
    fn new(text: &'a str) -> Words<'a> {
        Words { rest: text }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let start = self.rest.find(char::is_alphanumeric)?;
        let rest = self.rest.get(start..)?;
        let mut end = rest.len();
        let mut lower = false;
        for (i, c) in rest.char_indices() {
            if !c.is_alphanumeric() || (lower && c.is_uppercase()) {
                end = i;
                break;
            }
            lower = c.is_lowercase();
        }
        let (word, after) = rest.split_at(end);
        self.rest = after;
        Some(word)
    }
}

/// Whether an element holds content, as a class or id word says (`entry-content`,
/// `read__content`, `detail__body-text`, `isi-berita`).
fn content_named(element: ElementRef) -> bool {
    const CONTENT: &[&str] = &[
        "content", "article", "body", "entry", "post", "story", "text", "detail", "read", "isi",
        "berita", "main",
    ];
    let e = element.value();
    e.attr("class")
        .into_iter()
        .chain(e.attr("id"))
        .flat_map(Words::new)
        .any(|w| CONTENT.iter().any(|c| w.eq_ignore_ascii_case(c)))
}

// ---------------------------------------------------------------------------------------------
// Choosing the container.

/// An element that could hold the story, with its paragraph text.
struct Candidate<'a> {
    element: ElementRef<'a>,
    depth: usize,
    score: usize,
    semantic: bool,
}

/// The element that holds the story (see the module docs).
fn container(body: ElementRef) -> ElementRef {
    // One walk: each open element's paragraph text, summed into its parent when it closes.
    struct Frame {
        score: usize,
        holds_paragraphs: bool,
    }
    let mut stack = vec![Frame { score: 0, holds_paragraphs: false }];
    let mut candidates = Vec::new();
    let (mut in_p, mut in_a) = (0usize, 0usize);
    walk(*body, |edge| match edge {
        Edge::Open(node) => match node.value() {
            Node::Text(text) => {
                if in_p > 0
                    && in_a == 0
                    && let Some(top) = stack.last_mut()
                {
                    top.score += text.trim().len();
                }
                Step::Skip
            }
            Node::Element(e) => {
                let Some(element) = ElementRef::wrap(node) else { return Step::Skip };
                if junk(element) != Junk::No {
                    return Step::Skip;
                }
                match e.name() {
                    "p" => {
                        in_p += 1;
                        if let Some(top) = stack.last_mut() {
                            top.holds_paragraphs = true;
                        }
                    }
                    "a" => in_a += 1,
                    _ => {}
                }
                stack.push(Frame { score: 0, holds_paragraphs: false });
                Step::Enter
            }
            _ => Step::Skip,
        },
        Edge::Close(element) => {
            let frame = stack.pop().unwrap_or(Frame { score: 0, holds_paragraphs: false });
            let e = element.value();
            match e.name() {
                "p" => in_p = in_p.saturating_sub(1),
                "a" => in_a = in_a.saturating_sub(1),
                _ => {}
            }
            let semantic = e.name() == "article"
                || e.attr("itemprop")
                    .is_some_and(|p| p.split_whitespace().any(|p| p == "articleBody"));
            let named = e.name() == "main"
                || e.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("main"))
                || content_named(element);
            if frame.score > 0 && (semantic || named || frame.holds_paragraphs) {
                candidates.push(Candidate {
                    element,
                    depth: stack.len(),
                    score: frame.score,
                    semantic,
                });
            }
            if let Some(top) = stack.last_mut() {
                top.score += frame.score;
            }
            Step::Enter
        }
    });
    let total = stack.first().map_or(0, |f| f.score);
    let semantic = candidates
        .iter()
        .filter(|c| c.semantic)
        .max_by_key(|c| (c.score, c.depth))
        .filter(|c| c.score * 100 >= total * SEMANTIC_SHARE_PERCENT);
    if let Some(best) = semantic {
        return best.element;
    }
    let best = candidates.iter().map(|c| c.score).max().unwrap_or(0);
    candidates
        .iter()
        .filter(|c| c.score * 100 >= best * DEEPEST_SHARE_PERCENT)
        .max_by_key(|c| (c.depth, c.score))
        .map_or(body, |c| c.element)
}

/// Where the article's furniture lives (its `<h1>`, its lead figure, its `<time>`): the
/// `<article>` around the container, else the container's parent, else the container.
fn scope(container: ElementRef) -> ElementRef {
    let mut around = std::iter::once(container)
        .chain(container.ancestors().filter_map(ElementRef::wrap))
        .take_while(|e| !matches!(e.value().name(), "body" | "html"));
    if let Some(article) = around.find(|e| e.value().name() == "article") {
        return article;
    }
    container
        .parent()
        .and_then(ElementRef::wrap)
        .filter(|p| !matches!(p.value().name(), "body" | "html"))
        .unwrap_or(container)
}

// ---------------------------------------------------------------------------------------------
// The lead photo.

/// The first `<figure>` with an image in the article, before the container's first paragraph.
fn lead_figure<'a>(scope: ElementRef<'a>, container: ElementRef<'a>) -> Option<ElementRef<'a>> {
    let mut found = None;
    walk(*scope, |edge| {
        let Edge::Open(node) = edge else { return Step::Enter };
        let Some(element) = ElementRef::wrap(node) else { return Step::Skip };
        match junk(element) {
            Junk::Everywhere => return Step::Skip,
            Junk::Outside if !is_header(element) => return Step::Skip,
            _ => {}
        }
        match element.value().name() {
            "figure" if element.select(&IMG).next().is_some() => {
                found = Some(element);
                Step::Stop
            }
            "p" if !text_of(element).is_empty() && element.ancestors().any(|a| a == *container) => {
                Step::Stop
            }
            _ => Step::Enter,
        }
    });
    found
}

/// The article's own header, where its lead figure often is (`<header>`, `.entry-header`).
fn is_header(element: ElementRef) -> bool {
    let e = element.value();
    e.name() == "header"
        || e.attr("class")
            .into_iter()
            .chain(e.attr("id"))
            .flat_map(Words::new)
            .any(|w| w.eq_ignore_ascii_case("header"))
}

/// A figure's image, caption and credit.
#[derive(Debug, Default)]
struct Photo {
    src: Option<String>,
    caption: Option<String>,
    credit: Option<String>,
}

/// Reads a figure: the credit is an element named for it (`<span class="credit">`), or the
/// closing credit of the caption.
fn photo_of(figure: ElementRef) -> Photo {
    let src = figure.select(&IMG).find_map(image_src).map(collapse);
    let mut credit = String::new();
    walk(*figure, |edge| {
        let Edge::Open(node) = edge else { return Step::Enter };
        match ElementRef::wrap(node) {
            Some(e) if is_credit(e) => {
                credit.push(' ');
                credit.push_str(&text_of(e));
                Step::Skip
            }
            Some(e) if junk(e) == Junk::Everywhere => Step::Skip,
            _ => Step::Enter,
        }
    });
    let mut caption = String::new();
    if let Some(figcaption) = figure.select(&FIGCAPTION).next() {
        walk(*figcaption, |edge| {
            let Edge::Open(node) = edge else { return Step::Enter };
            match node.value() {
                Node::Text(t) => {
                    caption.push_str(t);
                    Step::Skip
                }
                Node::Element(e) if e.name() == "br" => {
                    caption.push('\n');
                    Step::Skip
                }
                Node::Element(_) => match ElementRef::wrap(node) {
                    Some(e) if is_credit(e) || junk(e) == Junk::Everywhere => Step::Skip,
                    _ => Step::Enter,
                },
                _ => Step::Skip,
            }
        });
    }
    let mut caption = caption.trim().to_string();
    let mut credit = collapse(&credit);
    if credit.is_empty()
        && let Some((rest, found)) = closing_credit(&caption)
    {
        credit = found;
        caption = rest;
    }
    let credit = without_credit_marker(&credit);
    let caption = collapse(&caption);
    Photo {
        src,
        caption: Some(caption).filter(|c| !c.is_empty()),
        credit: Some(credit).filter(|c| !c.is_empty()),
    }
}

fn is_credit(element: ElementRef) -> bool {
    let e = element.value();
    e.attr("class")
        .into_iter()
        .chain(e.attr("id"))
        .flat_map(Words::new)
        .any(|w| CREDIT_WORDS.iter().any(|c| w.eq_ignore_ascii_case(c)))
}

/// The credit closing a caption: `(Foto: X)`, `[Photo: X]`, `(ANTARA FOTO/X)`, or a last line
/// or sentence `Foto: X`; gives the caption without it and the credit.
fn closing_credit(caption: &str) -> Option<(String, String)> {
    static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?:^|[.!?\u{201d}\x22]\s+|\s*[|\n]\s*|\s*[(\[]\s*)",
            r"((?i:foto|photo|kredit\s+foto|sumber\s+foto|photo\s+credit|image\s+credit|credit|gambar|image)",
            r"\s*:\s*[^()\[\]\n]{1,120}?|(?-i:[A-Z][A-Za-z]*\s+)?(?:FOTO|PHOTO)/[^()\[\]\n]{1,120}?)",
            r"\s*[)\]]?\s*$",
        ))
        .unwrap_or_else(|e| panic!("the closing credit pattern is valid: {e}"))
    });
    let caps = CLOSING.captures(caption)?;
    let whole = caps.get(0)?;
    let credit = caps.get(1)?.as_str();
    let mut rest = caption.get(..whole.start())?.trim().to_string();
    // Keep the sentence's own full stop: the pattern took it as the boundary.
    if let Some(boundary) = caption.get(whole.start()..whole.start() + 1)
        && matches!(boundary, "." | "!" | "?" | "\u{201d}" | "\"")
    {
        rest.push_str(boundary);
    }
    Some((rest, collapse(credit)))
}

/// "Foto: ANTARA/Budi" → "ANTARA/Budi"; "© Reuters" → "Reuters"; "(Dok. Humas)" → "Dok. Humas".
fn without_credit_marker(credit: &str) -> String {
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:(?:foto|photo|kredit\s+foto|sumber\s+foto|photo\s+credit|image\s+credit|credit|sumber|source|gambar|image)\s*:\s*|©\s*|\(c\)\s*)",
        )
        .unwrap_or_else(|e| panic!("the credit marker pattern is valid: {e}"))
    });
    let mut credit = credit.trim();
    if let Some(inner) = credit.strip_prefix('(').and_then(|c| c.strip_suffix(')')) {
        credit = inner.trim();
    }
    collapse(&MARKER.replace(credit, ""))
}

/// An image's real address: `src`, unless a lazy loader keeps it in `data-src`, `data-original`
/// or `data-lazy-src` and `src` is empty, a `data:` URI or a placeholder.
fn image_src<'a>(img: ElementRef<'a>) -> Option<&'a str> {
    let e = img.value();
    let lazy = ["data-src", "data-original", "data-lazy-src"]
        .iter()
        .find_map(|a| e.attr(a).filter(|v| !v.trim().is_empty()));
    match (e.attr("src").filter(|s| !s.trim().is_empty()), lazy) {
        (Some(src), Some(lazy)) if placeholder(src) => Some(lazy),
        (None, lazy) => lazy,
        (src, _) => src,
    }
}

fn placeholder(src: &str) -> bool {
    let s = src.trim().to_ascii_lowercase();
    s.starts_with("data:")
        || ["blank", "placeholder", "lazy", "spacer", "1x1", "pixel", "loading", "default"]
            .iter()
            .any(|w| s.contains(w))
}

// ---------------------------------------------------------------------------------------------
// The body.

/// A block as serialized: its HTML and what the top-of-body rules look at.
#[derive(Debug, Default)]
struct Serialized {
    html: String,
    text: String,
    time: bool,
    media: bool,
}

impl Serialized {
    /// Writes a start tag; an image's lazy `src` is put in `src`.
    fn start_tag(&mut self, element: ElementRef) {
        let e = element.value();
        let name = e.name();
        self.html.push('<');
        self.html.push_str(name);
        let src = (name == "img").then(|| image_src(element)).flatten();
        if let Some(src) = src {
            self.html.push_str(" src=\"");
            self.html.push_str(&html_escape::encode_double_quoted_attribute(src));
            self.html.push('"');
        }
        for (key, value) in e.attrs() {
            if src.is_some() && key == "src" {
                continue;
            }
            self.html.push(' ');
            self.html.push_str(key);
            self.html.push_str("=\"");
            self.html.push_str(&html_escape::encode_double_quoted_attribute(value));
            self.html.push('"');
        }
        self.html.push('>');
        match name {
            "img" | "picture" | "video" | "audio" => self.media = true,
            "time" => self.time = true,
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &str) {
        if !VOID.contains(&name) {
            self.html.push_str("</");
            self.html.push_str(name);
            self.html.push('>');
        }
    }

    fn text(&mut self, text: &str) {
        self.html.push_str(&html_escape::encode_text(text));
        self.text.push_str(text);
    }
}

/// A kept block as HTML, without the clutter inside it.
fn serialize(element: ElementRef) -> Serialized {
    let mut out = Serialized::default();
    out.start_tag(element);
    walk(*element, |edge| match edge {
        Edge::Open(node) => match node.value() {
            Node::Text(t) => {
                out.text(t);
                Step::Skip
            }
            Node::Element(_) => match ElementRef::wrap(node) {
                Some(e) if junk(e) != Junk::Everywhere => {
                    out.start_tag(e);
                    if e.value().name() == "br" {
                        out.text.push('\n');
                    }
                    Step::Enter
                }
                _ => Step::Skip,
            },
            _ => Step::Skip,
        },
        Edge::Close(e) => {
            out.end_tag(e.value().name());
            Step::Enter
        }
    });
    out.end_tag(element.value().name());
    out
}

/// The walk over the container that keeps its blocks.
struct Extract<'a> {
    blocks: Vec<String>,
    /// Loose text and inline elements since the last block.
    pending: Serialized,
    /// Inline elements open around `pending`: closed and opened again when a block cuts it.
    open: Vec<(String, String)>,
    /// `<br>`s in a row in `pending`.
    breaks: usize,
    /// Whether a block has been kept: the title and byline rules hold only before.
    started: bool,
    title: Option<String>,
    authors: Vec<String>,
    /// The lead figure, already in the body as its photo blocks.
    taken: Option<ElementRef<'a>>,
}

impl<'a> Extract<'a> {
    fn new(title: Option<&str>, authors: &[String], taken: Option<ElementRef<'a>>) -> Extract<'a> {
        Extract {
            blocks: Vec::new(),
            pending: Serialized::default(),
            open: Vec::new(),
            breaks: 0,
            started: false,
            title: title.map(|t| collapse(t).to_lowercase()),
            authors: authors.iter().map(|a| a.to_lowercase()).collect(),
            taken,
        }
    }

    fn run(&mut self, container: ElementRef<'a>) {
        walk(*container, |edge| self.visit(edge));
        self.flush();
    }

    fn visit(&mut self, edge: Edge<'a>) -> Step {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) => {
                    if !t.trim().is_empty() {
                        self.breaks = 0;
                    }
                    self.pending.text(t);
                    Step::Skip
                }
                Node::Element(_) => match ElementRef::wrap(node) {
                    Some(e) => self.open(e),
                    None => Step::Skip,
                },
                _ => Step::Skip,
            },
            Edge::Close(e) => {
                let name = e.value().name();
                if INLINE.contains(&name) {
                    if self.open.last().is_some_and(|(n, _)| n == name) {
                        self.open.pop();
                    }
                    self.pending.end_tag(name);
                } else {
                    self.flush();
                }
                Step::Enter
            }
        }
    }

    fn open(&mut self, element: ElementRef<'a>) -> Step {
        if Some(element) == self.taken || junk(element) != Junk::No {
            return Step::Skip;
        }
        let name = element.value().name();
        match name {
            "br" => {
                self.breaks += 1;
                if self.breaks >= 2 {
                    self.flush();
                } else {
                    self.pending.start_tag(element);
                    self.pending.text.push('\n');
                }
                Step::Skip
            }
            "hr" => {
                self.flush();
                Step::Skip
            }
            "img" | "wbr" => {
                self.breaks = 0;
                self.pending.start_tag(element);
                Step::Skip
            }
            "h1" if element.select(&LAYOUT).next().is_some() => {
                self.flush();
                Step::Enter
            }
            "h1" => {
                self.flush();
                let block = serialize(element);
                if self.started && !self.is_title(&collapse(&block.text)) {
                    self.keep(block);
                }
                Step::Skip
            }
            "table" if element.select(&LAYOUT).next().is_some() => {
                self.flush();
                Step::Enter
            }
            _ if KEPT.contains(&name) => {
                self.flush();
                self.keep(serialize(element));
                Step::Skip
            }
            _ if INLINE.contains(&name) => {
                let mut tag = Serialized::default();
                tag.start_tag(element);
                self.pending.start_tag(element);
                self.open.push((name.to_string(), tag.html));
                Step::Enter
            }
            _ => {
                self.flush();
                Step::Enter
            }
        }
    }

    /// Ends the pending paragraph: the open inline elements are closed, and opened again for
    /// what follows.
    fn flush(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        self.breaks = 0;
        for (name, tag) in &self.open {
            pending.end_tag(name);
            self.pending.html.push_str(tag);
        }
        if pending.text.trim().is_empty() && !pending.media {
            return;
        }
        let mut inner = pending.html.trim();
        while let Some(rest) = inner.strip_prefix("<br>") {
            inner = rest.trim_start();
        }
        while let Some(rest) = inner.strip_suffix("<br>") {
            inner = rest.trim_end();
        }
        pending.html = format!("<p>{inner}</p>");
        self.keep(pending);
    }

    /// Keeps a block unless it is empty, a label, or the byline at the top.
    fn keep(&mut self, block: Serialized) {
        let text = collapse(&block.text);
        if text.is_empty() && !block.media {
            return;
        }
        let top = !self.started && (self.is_title(&text) || self.is_byline(&text, block.time));
        if top || is_label(&text) {
            return;
        }
        self.blocks.push(block.html);
        self.started = true;
    }

    fn is_title(&self, text: &str) -> bool {
        self.title.as_deref() == Some(&text.to_lowercase())
    }

    /// A byline or date line: short, and opening with a byline word, holding a `<time>`,
    /// naming only an author, or a date.
    fn is_byline(&self, text: &str, has_time: bool) -> bool {
        static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(concat!(
                r"^(?:(?i:(?:written|posted|ditulis|dilaporkan)\s+)?(?i:by|oleh)\s*:?\s+\p{Lu}",
                r"|(?i:penulis|reporter|editor|pewarta|redaktur|kontributor|published|diterbitkan",
                r"|dipublikasikan|updated|last\s+updated|diperbarui|terakhir\s+diperbarui|posted)\b\s*:?)",
            ))
            .unwrap_or_else(|e| panic!("the byline pattern is valid: {e}"))
        });
        let chars = text.chars().count();
        if chars > 150 {
            return false;
        }
        let lower = text.to_lowercase();
        has_time || BYLINE.is_match(text) || self.authors.contains(&lower) || is_date_line(text)
    }
}

/// "Jumat, 9 Desember 2016 | 14:32 WIB", "9 December 2016", "09/12/2016 14:32": a year, and
/// hardly a word that is not a number or a date word. "JAKARTA, 9 Desember 2016 - Warga
/// mengungsi." is a lead, not a date line.
fn is_date_line(text: &str) -> bool {
    let mut year = false;
    let mut others = 0;
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if word.chars().all(|c| c.is_ascii_digit()) {
            year |= word.len() == 4 && (word.starts_with("19") || word.starts_with("20"));
        } else if !DATE_WORDS.contains(&word.to_lowercase().as_str()) {
            others += 1;
        }
    }
    year && others <= DATE_LINE_OTHER_WORDS
}

/// A widget's leftover label, or a "Baca juga:" line.
fn is_label(text: &str) -> bool {
    static READ_ALSO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:baca\s+juga|baca\s+pula|simak\s+juga|lihat\s+juga|read\s+also|also\s+read|read\s+more|see\s+also)\s*[:：]",
        )
        .unwrap_or_else(|e| panic!("the read-also pattern is valid: {e}"))
    });
    let lower = text.trim_end_matches([':', '.', '!']).trim().to_lowercase();
    LABELS.contains(&lower.as_str()) || READ_ALSO.is_match(text)
}

// ---------------------------------------------------------------------------------------------
// Encoding, looked at before the page is parsed.

/// The legacy encoding a page declares in its first 1024 bytes (where the HTML standard's
/// prescan looks): `<meta charset="windows-1252">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">`. `None` for none,
/// an unknown label, or UTF-8 and UTF-16 (which a page whose meta can be read as ASCII is not,
/// so the standard reads them as UTF-8).
pub(super) fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    static CHARSET: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::Regex::new(r#"(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_.:-]+)"#)
            .unwrap_or_else(|e| panic!("the charset pattern is valid: {e}"))
    });
    let head = bytes.get(..1024).unwrap_or(bytes);
    let label = CHARSET.captures(head)?.get(1)?.as_bytes();
    let encoding = encoding_rs::Encoding::for_label(label)?.output_encoding();
    (encoding != encoding_rs::UTF_8).then_some(encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> Draft {
        parse(html, &Origin::default()).unwrap()
    }

    fn page(head: &str, body: &str) -> String {
        format!("<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>")
    }

    fn html(draft: &Draft) -> &str {
        match &draft.body {
            Body::Html(h) => h,
            other => panic!("expected an HTML body, found {other:?}"),
        }
    }

    fn ld(json: &str) -> String {
        format!(r#"<script type="application/ld+json">{json}</script>"#)
    }

    #[test]
    fn an_indonesian_page_with_a_json_ld_graph() {
        let head = format!(
            r#"<title>Banjir Rendam Semarang - Kabar Nusantara</title>
            <meta name="description" content="Banjir merendam ribuan rumah.">
            <meta name="keywords" content="banjir, Semarang">
            <link rel="canonical" href="https://kabar.example/2024/02/banjir">{}"#,
            ld(r##"{"@context":"https://schema.org","@graph":[
                {"@type":"Organization","@id":"#org","name":"Kabar Nusantara"},
                {"@type":"Person","@id":"#p1","name":"Dewi Lubis"},
                {"@type":["NewsArticle"],"headline":"Banjir Rendam Semarang",
                 "datePublished":"Selasa, 13 Februari 2024 | 08:15 WIB","dateModified":"2024-02-13T10:00:00+07:00",
                 "author":[{"@id":"#p1"},{"@type":"Person","name":"Budi Santoso"}],
                 "publisher":{"@id":"#org"},"inLanguage":"id-ID",
                 "image":{"@type":"ImageObject","url":"https://kabar.example/banjir.jpg"},
                 "keywords":["Bencana","banjir"],"articleSection":"Regional"}]}"##)
        );
        let d = read(&page(
            &head,
            "<article><h1>Banjir Rendam Semarang</h1><p>SEMARANG - Air naik.</p></article>",
        ));
        assert_eq!(d.title.as_deref(), Some("Banjir Rendam Semarang"));
        assert_eq!(d.date.as_deref(), Some("Selasa, 13 Februari 2024 | 08:15 WIB"));
        assert_eq!(d.updated.as_deref(), Some("2024-02-13T10:00:00+07:00"));
        assert_eq!(d.authors, ["Dewi Lubis", "Budi Santoso"]);
        assert_eq!(d.source.as_deref(), Some("Kabar Nusantara"));
        assert_eq!(d.link.as_deref(), Some("https://kabar.example/2024/02/banjir"));
        assert_eq!(d.image.as_deref(), Some("https://kabar.example/banjir.jpg"));
        assert_eq!(d.summary.as_deref(), Some("Banjir merendam ribuan rumah."));
        assert_eq!(d.categories, ["banjir", "Semarang", "Bencana", "Regional"]);
        assert_eq!(d.language.as_deref(), Some("id-ID"));
        assert_eq!(html(&d), "<p>SEMARANG - Air naik.</p>");
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn an_english_page_with_only_opengraph() {
        let head = r#"<meta property="og:title" content="Floods Displace Thousands">
            <meta property="og:site_name" content="The Archipelago Post">
            <meta property="og:url" content="https://post.example/news/floods">
            <meta property="og:image" content="/media/floods.jpg">
            <meta property="og:description" content="Residents fled rising water.">
            <meta property="og:locale" content="en_US">
            <meta property="article:published_time" content="2024-02-13T09:30:00+07:00">
            <meta property="article:modified_time" content="2024-02-13T11:00:00+07:00">
            <meta property="article:author" content="https://www.facebook.com/post">
            <meta property="article:tag" content="Floods"><meta property="article:tag" content="Java">
            <meta property="article:section" content="Nation">"#;
        let body =
            r#"<div class="story-body"><p>SEMARANG (Archipelago Post) - Thousands fled.</p></div>"#;
        let d = read(&page(head, body));
        assert_eq!(d.title.as_deref(), Some("Floods Displace Thousands"));
        assert_eq!(d.date.as_deref(), Some("2024-02-13T09:30:00+07:00"));
        assert_eq!(d.updated.as_deref(), Some("2024-02-13T11:00:00+07:00"));
        assert_eq!(d.authors, Vec::<String>::new(), "a profile URL is not an author");
        assert_eq!(d.source.as_deref(), Some("The Archipelago Post"));
        assert_eq!(d.link.as_deref(), Some("https://post.example/news/floods"));
        assert_eq!(d.image.as_deref(), Some("https://post.example/media/floods.jpg"));
        assert_eq!(d.summary.as_deref(), Some("Residents fled rising water."));
        assert_eq!(d.categories, ["Floods", "Java", "Nation"]);
        assert_eq!(d.language.as_deref(), Some("en-US"));
        assert_eq!(html(&d), "<p>SEMARANG (Archipelago Post) - Thousands fled.</p>");
    }

    #[test]
    fn a_page_with_only_a_title_and_a_heading() {
        let d = read(&page(
            "<title>Harga Cabai Naik :: Warta Lama</title>",
            "<h1>Harga Cabai Naik</h1><p>BANDUNG - Harga cabai naik.</p><p>Pedagang mengeluh.</p>",
        ));
        assert_eq!(
            d.title.as_deref(),
            Some("Harga Cabai Naik"),
            "the <h1> shows where the suffix is"
        );
        assert_eq!((&d.date, &d.source, &d.link, &d.image), (&None, &None, &None, &None));
        assert_eq!(html(&d), "<p>BANDUNG - Harga cabai naik.</p>\n<p>Pedagang mengeluh.</p>");
    }

    #[test]
    fn title_sources_in_order() {
        let site = r#"<meta property="og:site_name" content="Kompas.com">"#;
        let cases = [
            (
                r#"<meta property="og:title" content="Dari OG"><title>Dari Title</title>"#,
                "<h1>Dari H1</h1>",
                Some("Dari OG"),
            ),
            (
                &*ld(r#"{"@type":"NewsArticle","headline":"Dari &#8220;LD&#8221;"}"#),
                "<h1>Dari H1</h1>",
                Some("Dari \u{201c}LD\u{201d}"),
            ),
            ("<title>Dari Title - Kompas.com</title>", "<h1>Dari H1</h1>", Some("Dari Title")),
            ("<title>KOMPAS.com | Dari Title</title>", "", Some("Dari Title")),
            ("<title>Kompas.com</title>", "<h1>Dari H1</h1>", Some("Dari H1")),
            (
                "",
                "<header><h1 class=logo>Situs</h1></header><article><h1>Dari H1 Artikel</h1><p>Isi.</p></article>",
                Some("Dari H1 Artikel"),
            ),
            ("<title> </title>", "<p>Tanpa judul.</p>", None),
        ];
        for (head, body, title) in cases {
            let d = read(&page(&format!("{site}{head}"), body));
            assert_eq!(d.title.as_deref(), title, "{head} {body}");
        }
    }

    #[test]
    fn site_suffixes() {
        let kompas = ["Kompas.com".to_string()];
        let host = ["thejakartapost.com".to_string()];
        let cases: [(&str, &[String], Option<&str>, &str); 9] = [
            ("Judul Berita - Kompas.com", &kompas, None, "Judul Berita"),
            ("Judul Berita | KOMPAS.com", &kompas, None, "Judul Berita"),
            ("Judul Berita — Kompas", &kompas, None, "Judul Berita"),
            ("Judul - Bagian Dua - Kompas.com", &kompas, None, "Judul - Bagian Dua"),
            ("Kompas.com - Judul Berita", &kompas, None, "Judul Berita"),
            ("Floods Hit Java | The Jakarta Post", &host, None, "Floods Hit Java"),
            ("Harga Naik - Pedagang Mengeluh", &kompas, None, "Harga Naik - Pedagang Mengeluh"),
            ("Harga Naik :: Warta Lama", &[], Some("Harga Naik"), "Harga Naik"),
            (
                "Harga Naik - Pedagang Mengeluh",
                &[],
                Some("Harga Turun"),
                "Harga Naik - Pedagang Mengeluh",
            ),
        ];
        for (title, sites, h1, expected) in cases {
            assert_eq!(without_site(title, sites, h1), expected, "{title}");
        }
    }

    #[test]
    fn date_sources_in_order() {
        let time = r#"<article><time datetime="T-ARTICLE">x</time><p>Isi.</p></article>"#;
        let cases = [
            (ld(r#"{"@type":"Article","datePublished":"LD"}"#) + r#"<meta property="article:published_time" content="OG">"#, time, Some("LD")),
            (r#"<meta property="article:published_time" content="OG"><meta name="date" content="META">"#.into(), time, Some("OG")),
            (r#"<meta itemprop="datePublished" content="MICRODATA"><meta name="date" content="META">"#.into(), time, Some("MICRODATA")),
            (r#"<meta name="date" content="META">"#.into(), time, Some("T-ARTICLE")),
            (r#"<meta name="DC.date.issued" content="DC">"#.into(), "<p>Isi.</p>", Some("DC")),
            (r#"<meta name="pubdate" content="PUBDATE">"#.into(), "<p>Isi.</p>", Some("PUBDATE")),
            (String::new(), r#"<article><aside><time datetime="RELATED">x</time></aside><p>Isi.</p></article>"#, None),
            (String::new(), "<p>Jakarta, 9 Desember 2016 - Isi.</p>", None),
        ];
        for (head, body, date) in cases {
            let d = read(&page(&format!("<title>T</title>{head}"), body));
            assert_eq!(d.date.as_deref(), date, "{head} {body}");
        }
    }

    /// JSON-LD, then the authors, publisher, image and categories it gives.
    type Shape<'a> = (&'a str, &'a [&'a str], Option<&'a str>, Option<&'a str>, &'a [&'a str]);

    #[test]
    fn json_ld_shapes() {
        let cases: [Shape; 8] = [
            (
                r#"{"@type":"NewsArticle","author":"Dewi Lubis dan Budi Santoso"}"#,
                &["Dewi Lubis", "Budi Santoso"],
                None,
                None,
                &[],
            ),
            (
                r#"{"@type":"http://schema.org/NewsArticle","author":{"@type":"Person","name":"Dewi"}}"#,
                &["Dewi"],
                None,
                None,
                &[],
            ),
            (
                r#"[{"@type":"WebPage"},{"@type":["Article","Thing"],"author":[{"name":"A"},"B","https://x.example/c"]}]"#,
                &["A", "B"],
                None,
                None,
                &[],
            ),
            (
                r#"{"@type":"ReportageNewsArticle","publisher":[{"@type":"Organization","name":"Kabar"}]}"#,
                &[],
                Some("Kabar"),
                None,
                &[],
            ),
            (
                r#"{"@type":"BlogPosting","image":"https://x.example/a.jpg","keywords":"satu, dua"}"#,
                &[],
                None,
                Some("https://x.example/a.jpg"),
                &["satu", "dua"],
            ),
            (
                r#"{"@type":"NewsArticle","image":[{"@type":"ImageObject","contentUrl":"https://x.example/b.jpg"}],"keywords":["tiga"]}"#,
                &[],
                None,
                Some("https://x.example/b.jpg"),
                &["tiga"],
            ),
            (
                r#"{"@context":"https://schema.org","mainEntity":{"@type":"NewsArticle","author":{"name":"Eka"}}}"#,
                &["Eka"],
                None,
                None,
                &[],
            ),
            (
                r#"{"@type":"Organization","name":"Bukan artikel","author":"Siapa"}"#,
                &[],
                None,
                None,
                &[],
            ),
        ];
        for (json, authors, publisher, image, categories) in cases {
            let d = read(&page(&format!("<title>T</title>{}", ld(json)), "<p>Isi.</p>"));
            assert_eq!(d.authors, authors, "{json}");
            assert_eq!(d.source.as_deref(), publisher, "{json}");
            assert_eq!(d.image.as_deref(), image, "{json}");
            assert_eq!(d.categories, categories, "{json}");
        }
    }

    #[test]
    fn authors_from_metas() {
        let cases: [(&str, &[&str]); 4] = [
            (
                r#"<meta name="author" content="Dewi Lubis, Budi Santoso">"#,
                &["Dewi Lubis", "Budi Santoso"],
            ),
            (r#"<meta property="article:author" content="Jane Doe">"#, &["Jane Doe"]),
            (r#"<meta property="article:author" content="https://facebook.com/kabar">"#, &[]),
            (
                &*(ld(r#"{"@type":"NewsArticle","author":"Dari LD"}"#)
                    + r#"<meta name="author" content="Dari Meta">"#),
                &["Dari LD"],
            ),
        ];
        for (head, authors) in cases {
            assert_eq!(read(&page(head, "<p>Isi.</p>")).authors, authors, "{head}");
        }
    }

    #[test]
    fn links_are_absolute_http() {
        let cases = [
            (
                r#"<link rel="canonical" href="https://a.example/x"><meta property="og:url" content="https://b.example/x">"#,
                Some("https://a.example/x"),
            ),
            (
                r#"<link rel="Canonical Shortlink" href="/relative"><meta property="og:url" content="https://b.example/x">"#,
                Some("https://b.example/x"),
            ),
            (r#"<meta property="og:url" content="ftp://b.example/x">"#, None),
            (
                &*ld(r#"{"@type":"NewsArticle","mainEntityOfPage":{"@id":"https://c.example/x"}}"#),
                Some("https://c.example/x"),
            ),
            ("", None),
        ];
        for (head, link) in cases {
            assert_eq!(read(&page(head, "<p>Isi.</p>")).link.as_deref(), link, "{head}");
        }
    }

    #[test]
    fn a_page_saved_by_a_browser_keeps_its_address() {
        let saved =
            "<!DOCTYPE html>\n<!-- saved from url=(0031)https://kabar.example/berita/1 -->\n";
        let cases = [
            (
                format!(
                    "{saved}<html><head><title>T</title></head><body><p>Isi.</p></body></html>"
                ),
                Some("https://kabar.example/berita/1"),
            ),
            (
                format!(
                    "{saved}<html><head><link rel=canonical href=https://kabar.example/kanonik></head><body><p>Isi.</p></body></html>"
                ),
                Some("https://kabar.example/kanonik"),
            ),
            (
                format!(
                    "<p>{}</p><!-- saved from url=(0031)https://kabar.example/berita/1 -->",
                    "x".repeat(2000)
                ),
                None,
            ),
        ];
        for (text, link) in cases {
            assert_eq!(read(&text).link.as_deref(), link, "{}", text.get(..80).unwrap_or(&text));
        }
    }

    #[test]
    fn a_credit_that_reads_as_a_sentence_is_left_out() {
        let cases = [
            ("Kabar/Eka", true),
            ("ANTARA FOTO/Muhammad Adimaja", true),
            ("foto ini diambil oleh tim redaksi kami", false),
            (&*"Nama ".repeat(13), false),
        ];
        for (credit, kept) in cases {
            let head = ld(&format!(
                r#"{{"@type":"NewsArticle","headline":"T","image":{{"url":"https://x.example/a.jpg","caption":"C.","creditText":"{credit}"}}}}"#
            ));
            let body = html(&read(&page(&head, "<p>Isi.</p>"))).to_string();
            assert_eq!(body.contains("<p>Foto: "), kept, "{credit}");
            assert!(
                body.starts_with(
                    "<figure><img src=\"https://x.example/a.jpg\" alt=\"C.\"></figure>"
                ),
                "{body}"
            );
        }
    }

    #[test]
    fn languages() {
        let cases = [
            (r#"<html lang="id">"#, "", Some("id")),
            (r#"<html lang="en_GB">"#, "", Some("en-GB")),
            ("<html>", r#"<meta property="og:locale" content="id_ID">"#, Some("id-ID")),
            ("<html>", r#"<meta http-equiv="Content-Language" content="en">"#, Some("en")),
            ("<html>", "", None),
        ];
        for (open, head, language) in cases {
            let d = read(&format!("{open}<head>{head}</head><body><p>Isi.</p></body></html>"));
            assert_eq!(d.language.as_deref(), language, "{open} {head}");
        }
    }

    #[test]
    fn summary_and_categories() {
        let head = r#"<meta property="og:description" content="Dari OG."><meta name="description" content=" Dari
            meta. "><meta name="keywords" content="Satu, dua,, Tiga"><meta name="news_keywords" content="satu, Empat">
            <meta property="article:tag" content="Lima"><meta property="article:section" content="Dua">"#;
        let d = read(&page(head, "<p>Isi.</p>"));
        assert_eq!(d.summary.as_deref(), Some("Dari meta."));
        assert_eq!(d.categories, ["Satu", "dua", "Tiga", "Empat", "Lima"]);
    }

    #[test]
    fn clutter_never_reaches_the_body() {
        let body = r##"
            <header class="site-header"><a href="/">Logo</a><nav><a href="/n">Nasional</a></nav></header>
            <div class="breadcrumb"><a href="/">Home</a> › Nasional</div>
            <article class="post tag-ads category-social has-share">
              <h1>Judul Berita</h1>
              <div class="article-meta">Oleh Dewi · <time datetime="2024-01-01">1 Jan</time></div>
              <div class="entry-content">
                <p>JAKARTA - Paragraf pertama.</p>
                <div class="ad-slot"><script>googletag.display("x")</script>ADVERTISEMENT</div>
                <ins class="adsbygoogle"></ins>
                <div class="share-buttons"><a href="#">Bagikan ke Facebook</a></div>
                <p>Paragraf kedua.<span class="sr-only">Share</span></p>
                <p><strong>Baca juga:</strong> <a href="/x">Berita lain</a></p>
                <div id="div-gpt-ad-123" class="iklan">IKLAN</div>
                <p>Advertisement</p>
                <iframe src="https://www.youtube.com/embed/x"></iframe>
                <form class="newsletter"><input name="email"><button>Daftar</button></form>
                <p style="display: none">Tersembunyi.</p>
                <noscript><img src="pixel.gif"></noscript>
                <p>Paragraf ketiga.</p>
              </div>
              <div class="tags"><a href="/t/a">a</a></div>
              <div class="relatedPosts"><h3>Berita Terkait</h3><ul><li><a href="/r">Terkait</a></li></ul></div>
              <section id="comments"><h3>Komentar</h3><p>Komentar pembaca yang panjang sekali dan tidak boleh masuk.</p></section>
            </article>
            <aside><p>Terpopuler: teks samping yang panjang dan tidak boleh masuk ke isi berita.</p></aside>
            <footer><p>© 2024 Kabar. Hak cipta dilindungi.</p></footer>
            <style>p { color: red }</style><script>var s = "<p>bukan</p>";</script>"##;
        let d = read(&page("<title>Judul Berita</title>", body));
        assert_eq!(
            html(&d),
            "<p>JAKARTA - Paragraf pertama.</p>\n<p>Paragraf kedua.</p>\n<p>Paragraf ketiga.</p>"
        );
    }

    #[test]
    fn the_lead_figure_with_caption_and_credit_opens_the_body() {
        let head =
            r#"<meta property="og:image" content="https://x.example/og.jpg"><title>Judul</title>"#;
        let cases = [
            // A credit element inside the caption.
            (
                r#"<figure><img src="/a.jpg"><figcaption>Warga mengungsi. <span class="credit">ANTARA FOTO/Budi</span></figcaption></figure>"#,
                "Warga mengungsi.",
                Some("ANTARA FOTO/Budi"),
            ),
            // A closing credit in the caption's text.
            (
                r#"<figure><img src="/a.jpg"><figcaption>Warga mengungsi. (Foto: Kabar/Eka)</figcaption></figure>"#,
                "Warga mengungsi.",
                Some("Kabar/Eka"),
            ),
            (
                r#"<figure><img src="/a.jpg"><figcaption>Residents flee.<br>Photo: Wire Photo/Ana</figcaption></figure>"#,
                "Residents flee.",
                Some("Wire Photo/Ana"),
            ),
            // A caption without a credit.
            (
                r#"<figure><img src="/a.jpg"><figcaption>Warga mengungsi.</figcaption></figure>"#,
                "Warga mengungsi.",
                None,
            ),
        ];
        for (figure, caption, credit) in cases {
            let body = format!(
                "<article><h1>Judul</h1>{figure}<div class=content><p>Paragraf.</p></div></article>"
            );
            let d = read(&page(head, &body));
            let mut expected =
                format!(r#"<figure><img src="https://x.example/og.jpg" alt="{caption}"></figure>"#);
            if let Some(credit) = credit {
                expected.push_str(&format!("\n<p>Foto: {credit}</p>"));
            }
            expected.push_str("\n<p>Paragraf.</p>");
            assert_eq!(html(&d), expected, "{figure}");
        }
    }

    #[test]
    fn where_the_lead_figure_may_be() {
        let figure =
            r#"<figure><img src="/a.jpg"><figcaption>Cap. (Foto: X/Y)</figcaption></figure>"#;
        let text = "<div class=content><p>Paragraf.</p></div>";
        let cases = [
            (
                format!(
                    "<article><header class=entry-header><h1>T</h1>{figure}</header>{text}</article>"
                ),
                true,
            ),
            (format!("<div class=wrap>{figure}{text}</div>"), true),
            (format!("<div class=wrap><div class=sidebar>{figure}</div>{text}</div>"), false),
            (format!("<article>{text}{figure}</article>"), false),
        ];
        for (body, taken) in cases {
            let d = read(&page("<title>T</title>", &body));
            assert_eq!(
                html(&d).starts_with(
                    "<figure><img src=\"/a.jpg\" alt=\"Cap.\"></figure>\n<p>Foto: X/Y</p>"
                ),
                taken,
                "{body}"
            );
        }
    }

    #[test]
    fn json_ld_caption_and_credit_make_the_photo_blocks() {
        let head = ld(r#"{"@type":"NewsArticle","headline":"Judul","image":{"@type":"ImageObject",
            "url":"https://x.example/a.jpg","caption":"Warga antre.","creditText":"Kabar/Eka"}}"#);
        let body = r#"<article><figure><img src="https://x.example/a.jpg" alt="x"></figure><p>Paragraf.</p></article>"#;
        let d = read(&page(&head, body));
        assert_eq!(d.image.as_deref(), Some("https://x.example/a.jpg"));
        assert_eq!(
            html(&d),
            "<figure><img src=\"https://x.example/a.jpg\" alt=\"Warga antre.\"></figure>\n<p>Foto: Kabar/Eka</p>\n<p>Paragraf.</p>"
        );
    }

    #[test]
    fn a_figure_without_caption_or_credit_stays_where_it_is() {
        let body = r#"<article><p>Satu.</p><figure><img src="/b.jpg" alt="B"></figure><p>Dua.</p></article>"#;
        let d = read(&page("<title>T</title>", body));
        assert_eq!(
            html(&d),
            "<p>Satu.</p>\n<figure><img src=\"/b.jpg\" alt=\"B\"></figure>\n<p>Dua.</p>"
        );
    }

    #[test]
    fn closing_credits() {
        let cases = [
            ("Warga antre. (Foto: ANTARA/Budi)", Some(("Warga antre.", "Foto: ANTARA/Budi"))),
            ("Warga antre. (ANTARA FOTO/Budi)", Some(("Warga antre.", "ANTARA FOTO/Budi"))),
            ("Warga antre. [Photo: Wire/Ana]", Some(("Warga antre.", "Photo: Wire/Ana"))),
            ("Warga antre. Foto: Istimewa", Some(("Warga antre.", "Foto: Istimewa"))),
            (
                "Warga antre | Kredit foto: Dok. Humas",
                Some(("Warga antre", "Kredit foto: Dok. Humas")),
            ),
            ("Fotografer memotret warga antre.", None),
            ("Warga antre (dok)", None),
        ];
        for (caption, expected) in cases {
            let found = closing_credit(caption);
            assert_eq!(
                found.as_ref().map(|(c, f)| (c.as_str(), f.as_str())),
                expected,
                "{caption}"
            );
        }
        assert_eq!(without_credit_marker("Foto: ANTARA/Budi"), "ANTARA/Budi");
        assert_eq!(without_credit_marker("(© Reuters)"), "Reuters");
    }

    #[test]
    fn clutter_words() {
        let cases = [
            ("ad-slot", Junk::Everywhere),
            ("adsbygoogle", Junk::Everywhere),
            ("relatedPosts", Junk::Everywhere),
            ("baca-juga", Junk::Everywhere),
            ("social_share", Junk::Everywhere),
            ("comments", Junk::Everywhere),
            ("entry-meta", Junk::Outside),
            ("byline", Junk::Outside),
            ("read__content", Junk::No),
            ("detail__body-text", Junk::No),
            ("header-ad", Junk::Everywhere),
            ("head-title", Junk::No),
            ("loading", Junk::No),
            ("commentary", Junk::No),
            ("thread", Junk::No),
        ];
        for (name, junk) in cases {
            assert_eq!(junk_words(name), junk, "{name}");
        }
    }

    #[test]
    fn title_and_byline_at_the_top_are_left_out() {
        let cases = [
            ("<h1>Judul</h1><p>Isi.</p>", "<p>Isi.</p>"),
            ("<h1>Judul Lain di Atas</h1><p>Isi.</p>", "<p>Isi.</p>"),
            ("<p>Isi.</p><h1>Judul</h1><h1>Bagian</h1>", "<p>Isi.</p>\n<h1>Bagian</h1>"),
            ("<p>Oleh Dewi Lubis</p><p>Isi.</p>", "<p>Isi.</p>"),
            ("<p>By Jane Doe and John Roe</p><p>Isi.</p>", "<p>Isi.</p>"),
            ("<p>Penulis: Dewi</p><p>Isi.</p>", "<p>Isi.</p>"),
            ("<p>Dewi Lubis</p><p>Isi.</p>", "<p>Isi.</p>"),
            ("<p>Jumat, 9 Desember 2016 | 14:32 WIB</p><p>Isi.</p>", "<p>Isi.</p>"),
            (
                "<p>Diterbitkan <time datetime=\"2016-12-09\">9/12</time></p><p>Isi.</p>",
                "<p>Isi.</p>",
            ),
            ("<p>Oleh karena itu warga mengungsi.</p>", "<p>Oleh karena itu warga mengungsi.</p>"),
            ("<p>Isi.</p><p>Oleh Dewi Lubis</p>", "<p>Isi.</p>\n<p>Oleh Dewi Lubis</p>"),
            (
                r#"<p>Kata <a class="tag" href="/t">kunci</a>.</p><div class="tags">kunci</div>"#,
                r#"<p>Kata <a class="tag" href="/t">kunci</a>.</p>"#,
            ),
            (
                "<p>JAKARTA, 9 Desember 2016 - Warga mengungsi karena banjir.</p>",
                "<p>JAKARTA, 9 Desember 2016 - Warga mengungsi karena banjir.</p>",
            ),
        ];
        let head = r#"<title>Judul</title><meta name="author" content="Dewi Lubis">"#;
        for (body, expected) in cases {
            assert_eq!(
                html(&read(&page(head, &format!("<article>{body}</article>")))),
                expected,
                "{body}"
            );
        }
    }

    #[test]
    fn loose_text_becomes_paragraphs() {
        let cases = [
            (
                "<div><b>BANDUNG</b> - Satu.<br><br>Dua<br>baris.<br><br><br>Tiga.</div>",
                "<p><b>BANDUNG</b> - Satu.</p>\n<p>Dua<br>baris.</p>\n<p>Tiga.</p>",
            ),
            (
                "<div>Satu.</div><div>Dua <a href=\"/x\">tautan<p>Tiga.</p>lanjut</a> empat.</div>",
                "<p>Satu.</p>\n<p>Dua <a href=\"/x\">tautan</a></p>\n<p>Tiga.</p>\n<p><a href=\"/x\">lanjut</a> empat.</p>",
            ),
            ("<table><tr><td><p>Tata letak.</p></td></tr></table>", "<p>Tata letak.</p>"),
            (
                "<table><tr><td>Data</td></tr></table>",
                "<table><tbody><tr><td>Data</td></tr></tbody></table>",
            ),
            (
                "<p>Satu.</p><hr><p>   </p><h2>Sub</h2><ol><li>a</li></ol>",
                "<p>Satu.</p>\n<h2>Sub</h2>\n<ol><li>a</li></ol>",
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(html(&read(&page("<title>T</title>", body))), expected, "{body}");
        }
    }

    #[test]
    fn lazy_images_get_their_real_source() {
        let cases = [
            (
                r#"<img src="data:image/gif;base64,R0l" data-src="/real.jpg">"#,
                r#"<img src="/real.jpg" data-src="/real.jpg">"#,
            ),
            (
                r#"<img src="/img/blank.gif" data-original="/real.jpg">"#,
                r#"<img src="/real.jpg" data-original="/real.jpg">"#,
            ),
            (
                r#"<img data-lazy-src="/real.jpg">"#,
                r#"<img src="/real.jpg" data-lazy-src="/real.jpg">"#,
            ),
            (
                r#"<img src="/own.jpg" data-src="/other.jpg">"#,
                r#"<img src="/own.jpg" data-src="/other.jpg">"#,
            ),
        ];
        for (img, expected) in cases {
            let d = read(&page("<title>T</title>", &format!("<p>Isi {img}</p>")));
            assert_eq!(html(&d), format!("<p>Isi {expected}</p>"), "{img}");
        }
    }

    #[test]
    fn malformed_html_is_repaired() {
        let text = "<html><head><title>Gempa Guncang Lombok</title><body><article><h1>Gempa Guncang Lombok\
            <p>MATARAM - Gempa <b>pagi ini<p>Tidak ada korban.<div><p>Tidak berpotensi tsunami.</span></div>\
            </article><div class=comments><p>komentar";
        let d = read(text);
        assert_eq!(d.title.as_deref(), Some("Gempa Guncang Lombok"));
        assert_eq!(
            html(&d),
            "<p>MATARAM - Gempa <b>pagi ini</b></p>\n<p><b>Tidak ada korban.</b></p>\n<p><b>Tidak berpotensi tsunami.</b></p>"
        );
    }

    #[test]
    fn choosing_the_container() {
        let long =
            "Kalimat panjang dalam isi berita yang cukup untuk dihitung sebagai teks paragraf.";
        let cases = [
            // A teaser card in <article> is not the story.
            (
                format!(
                    "<article><p>Teaser.</p></article><div class=read__content><p>{long}</p><p>{long}</p></div>"
                ),
                format!("<p>{long}</p>\n<p>{long}</p>"),
            ),
            // itemprop=articleBody inside the article.
            (
                format!(
                    "<article><p class=lead>Ringkas.</p><div itemprop=articleBody><p>{long}</p></div></article>"
                ),
                format!("<p class=\"lead\">Ringkas.</p>\n<p>{long}</p>"),
            ),
            // Without semantic elements, the deepest element holding nearly all the text.
            (
                format!(
                    "<div id=content><div class=col><div class=story><p>{long}</p><p>{long}</p></div></div><p>x</p></div><ul><li>Menu</li></ul>"
                ),
                format!("<p>{long}</p>\n<p>{long}</p>"),
            ),
            // Links do not count: a list of linked teasers loses to the story.
            (
                format!(
                    "<div class=list><p><a href=/a>{long}{long}{long}</a></p></div><div class=post><p>{long}</p></div>"
                ),
                format!("<p>{long}</p>"),
            ),
        ];
        for (body, expected) in cases {
            assert_eq!(html(&read(&page("<title>T</title>", &body))), expected, "{body}");
        }
    }

    #[test]
    fn json_ld_that_does_not_parse() {
        let head = ld("{\"@type\":\"NewsArticle\",\"headline\":\"Dua\nbaris\"}")
            + &ld("<!-- {\"@type\":\"Organization\",\"name\":\"X\"} -->")
            + &ld("{\"@type\": \"NewsArticle\",}");
        let d = read(&page(&head, "<p>Isi.</p>"));
        assert_eq!(d.title.as_deref(), Some("Dua baris"), "raw line breaks in strings are read");
        assert_eq!(
            d.warnings,
            ["JSON-LD script 3 is not valid JSON: trailing comma at line 1 column 25"]
        );
    }

    #[test]
    fn text_without_tags_is_the_body() {
        let d = read("Judul\n\nParagraf a < b.\n");
        assert_eq!(d.body, Body::Text("Judul\n\nParagraf a < b.".into()));
        assert_eq!(d.title, None);
        assert!(matches!(parse("\u{feff}  ", &Origin::default()), Err(Error::Empty)));
    }

    #[test]
    fn deep_nesting_costs_no_stack() {
        // html5ever's tree builder is quadratic in the depth (0.4 s for 2,500 levels in a debug
        // build), so this stays shallow enough to be quick and deep enough to break recursion.
        let depth = 3_000;
        let text = format!(
            "<title>T</title>{}<p>Isi.</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        // The guard refuses this depth; the reader behind it still must not recurse.
        let draft = super::read(Html::parse_document(&text), &text, Origin::default().draft());
        assert_eq!(html(&draft), "<p>Isi.</p>");
    }

    #[test]
    fn declared_encodings() {
        let cases: &[(&str, Option<&str>)] = &[
            (r#"<meta charset="windows-1252">"#, Some("windows-1252")),
            (r#"<META CHARSET=iso-8859-1>"#, Some("windows-1252")),
            (
                r#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">"#,
                Some("ISO-8859-2"),
            ),
            (
                r#"<meta content='text/html;charset=Shift_JIS' http-equiv=content-type>"#,
                Some("Shift_JIS"),
            ),
            (r#"<meta charset="utf-8">"#, None),
            (r#"<meta charset="utf-16">"#, None), // read as UTF-8, as the standard says
            (r#"<meta charset="klingon">"#, None),
            (r#"<meta name="description" content="no charset here">"#, None),
        ];
        for (meta, expected) in cases {
            let found = declared_encoding(meta.as_bytes()).map(|e| e.name());
            assert_eq!(found, *expected, "{meta}");
        }
        // Only the first 1024 bytes are looked at.
        let late = format!("{}<meta charset=\"windows-1252\">", " ".repeat(1024));
        assert_eq!(declared_encoding(late.as_bytes()), None);
    }

    proptest::proptest! {
        #[test]
        fn any_markup_is_read_without_panic(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "<p>", "</p>", "<div class=\"ad\">", "</div>", "<article>", "<h1>", "<figure><img src=x>",
                "<figcaption>", "(Foto: A/B)", "<br>", "<table><tr><td>", "<a href=/x>", "</a>", "<b>",
                "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":[[",
                "</script>", "Oleh Dewi", "teks ", "\u{e9}\u{1F600}", "<title>", "</title>", " - ",
                "<meta property=\"og:title\" content=\"", "\">", "&amp;", "<", ">",
            ]), 0..40)
        ) {
            let text: String = pieces.concat();
            let _ = parse(&text, &Origin::default());
        }
    }
}
