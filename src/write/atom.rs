//! Atom 1.0 (RFC 4287).
//!
//! | Atom                       | from                                                         |
//! |----------------------------|--------------------------------------------------------------|
//! | `feed/title`, `subtitle`   | `meta.title`, `meta.description`                             |
//! | `feed/id`                  | the feed's self URL, else `meta.link`                        |
//! | `feed/updated`             | [`feed_updated`], else 1970-01-01T00:00:00Z, never the clock |
//! | `feed/link`                | `rel="self"` (when `base_url` is set), `rel="alternate"`     |
//! | `feed/author`              | `meta.author`, else the feed title (see below)               |
//! | `feed/generator`           | `kabar`, with the version                                    |
//! | `feed/rights`              | `meta.rights`                                                |
//! | `feed/@xml:lang`           | `meta.language`                                              |
//! | `entry/id`                 | [`atom_id`]                                                  |
//! | `entry/title`              | the title                                                    |
//! | `entry/updated`            | the article's newest date, else the feed's, else 1970        |
//! | `entry/published`          | the publication date                                         |
//! | `entry/author`             | one per author: name, email, uri                             |
//! | `entry/summary`            | the plain-text summary                                       |
//! | `entry/content`            | `content_html`, `type="html"`                                |
//! | `entry/category`           | one per category: `term`, and `scheme` from [`category_url`] |
//! | `entry/link`               | `rel="alternate"`, the article's link                        |
//! | `entry/link rel="enclosure"` | the lead photo ([`enclosure`]): `type`, and `length` when known |
//! | `@xml:lang` on entry texts | the article's language, when it is not the feed's            |
//!
//! Titles, subtitle and summaries are plain text: `type="text"`, or escaped `type="html"` when
//! they hold a `<` or a `&` (see `text`). Dates are RFC 3339 in the article's own offset.
//!
//! An article in another language than the feed's has `xml:lang` on its `title`, `summary` and
//! `content` rather than on `entry`: `atom_syndication` has no `xml:lang` for an entry, and those
//! three are the entry's only language-bearing text, so a reader learns the same either way.
//!
//! The feed always has an author, so that RFC 4287's rule (an author on the feed or on every
//! entry) holds whatever the articles say. The outlet (`Article::source`) is left out:
//! `atom_syndication` always writes `atom:source` with an `id` and an `updated`, and an outlet
//! has neither; inventing them would be worse than leaving the outlet to RSS and JSON Feed.

use atom_syndication::{Category, Content, Entry, Feed, Generator, Link, Person, Text};
use chrono::{DateTime, FixedOffset};

use super::{
    Error, GENERATOR, Kind, VERSION, atom_id, category_url, check_dates, enclosure, epoch,
    feed_updated,
};
use crate::config::FeedMeta;
use crate::model::Article;

/// Serializes an Atom 1.0 feed, entries in the order given.
pub fn render(meta: &FeedMeta, items: &[Article]) -> Result<Vec<u8>, Error> {
    check_dates(items)?;
    let updated = feed_updated(items).unwrap_or_else(epoch);
    let self_url = meta.self_url(Kind::Atom.file_name());
    let mut links = Vec::new();
    if let Some(href) = &self_url {
        links.push(link(href, "self", "application/atom+xml"));
    }
    links.push(link(&meta.link, "alternate", "text/html"));
    let feed = Feed {
        title: text(&meta.title, None),
        id: self_url.unwrap_or_else(|| meta.link.clone()),
        updated,
        authors: vec![Person {
            name: meta.author.clone().unwrap_or_else(|| meta.title.clone()),
            ..Person::default()
        }],
        generator: Some(Generator {
            value: GENERATOR.into(),
            uri: None,
            version: Some(VERSION.into()),
        }),
        links,
        subtitle: (!meta.description.is_empty()).then(|| text(&meta.description, None)),
        rights: meta.rights.as_deref().map(|rights| text(rights, None)),
        entries: items.iter().map(|article| entry(meta, article, updated)).collect(),
        lang: meta.language.clone(),
        ..Feed::default()
    };
    let mut bytes = feed
        .write_to(Vec::new())
        .map_err(|e| Error::Xml { format: "Atom", message: e.to_string() })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// An Atom text construct for plain text: `type="text"`, unless the text holds a `<` or a `&`;
/// then `type="html"` with the text HTML-escaped.
///
/// Both mean the same text to a reader that follows RFC 4287, but some readers show every
/// title as HTML and would render `<b>` or decode `&amp;` in a `type="text"` title (the W3C
/// validator warns about that: `ContainsUndeclaredHTML`). Escaped HTML reads the same in both
/// kinds of reader. Text without those characters stays `type="text"`, which reads the same
/// everywhere and is what most titles are.
fn text(value: &str, lang: Option<String>) -> Text {
    let mut text = if value.contains(['<', '&']) {
        Text::html(html_escape::encode_text(value))
    } else {
        Text::plain(value)
    };
    text.lang = lang;
    text
}

fn link(href: &str, rel: &str, mime_type: &str) -> Link {
    Link {
        href: href.into(),
        rel: rel.into(),
        mime_type: Some(mime_type.into()),
        ..Link::default()
    }
}

/// One entry; `fallback` is the feed's own date, the `updated` of an entry that has no date.
fn entry(meta: &FeedMeta, article: &Article, fallback: DateTime<FixedOffset>) -> Entry {
    // xml:lang only where it says something: the feed already declares its own language.
    let lang = article.language.clone().filter(|lang| meta.language.as_ref() != Some(lang));
    // Atom requires content or an alternate link; an empty `content` keeps a linkless entry valid.
    let content = (!article.content_html.is_empty() || article.link.is_none()).then(|| Content {
        lang: lang.clone(),
        value: Some(article.content_html.clone()),
        content_type: Some("html".into()),
        ..Content::default()
    });
    Entry {
        title: text(&article.title, lang.clone()),
        id: atom_id(meta, article),
        // The newest of updated and published: equal to `updated` whenever the two make sense.
        updated: article.newest_date().unwrap_or(fallback),
        authors: article
            .authors
            .iter()
            .map(|p| Person {
                name: p.name.clone(),
                email: p.email.clone(),
                uri: p.uri.clone(),
                ..Person::default()
            })
            .collect(),
        categories: article
            .categories
            .iter()
            .map(|term| Category {
                term: term.clone(),
                scheme: category_url(meta, term),
                ..Category::default()
            })
            .collect(),
        links: article
            .link
            .iter()
            .map(|href| Link { href: href.clone(), rel: "alternate".into(), ..Link::default() })
            .chain(enclosure(article).map(|photo| Link {
                href: photo.url.into(),
                rel: "enclosure".into(),
                mime_type: Some(photo.mime_type.into()),
                length: photo.length.map(|n| n.to_string()),
                ..Link::default()
            }))
            .collect(),
        published: article.published,
        summary: (!article.summary.is_empty()).then(|| text(&article.summary, lang.clone())),
        content,
        ..Entry::default()
    }
}

#[cfg(test)]
mod tests {
    use atom_syndication::TextType;

    use super::*;
    use crate::write::samples::{TRICKY, articles, at, meta, tricky, undated};

    fn written(items: &[Article]) -> String {
        String::from_utf8(render(&meta(), items).unwrap()).unwrap()
    }

    fn read(items: &[Article]) -> feed_rs::model::Feed {
        feed_rs::parser::parse(render(&meta(), items).unwrap().as_slice()).unwrap()
    }

    /// The text a reader shows: escaped HTML decoded, as RFC 4287 says for `type="html"`.
    fn shown(text: Option<&feed_rs::model::Text>) -> Option<String> {
        text.map(|t| match t.content_type.subty().as_str() {
            "html" => html_escape::decode_html_entities(&t.content).into_owned(),
            _ => t.content.clone(),
        })
    }

    #[test]
    fn text_is_escaped_html_only_when_it_looks_like_markup() {
        let cases = [
            ("Banjir rendam Bandung", TextType::Text, "Banjir rendam Bandung"),
            ("Tanda ]]> penutup", TextType::Text, "Tanda ]]> penutup"),
            ("AT&T", TextType::Html, "AT&amp;T"),
            ("&amp;", TextType::Html, "&amp;amp;"),
            ("<b>tebal</b>", TextType::Html, "&lt;b&gt;tebal&lt;/b&gt;"),
        ];
        for (value, kind, written) in cases {
            let got = text(value, None);
            assert_eq!((got.r#type, got.value.as_str()), (kind, written), "{value}");
        }
    }

    #[test]
    fn feed_rs_reads_back_every_entry_field() {
        let meta = meta();
        let items = articles();
        let feed = read(&items);
        assert_eq!(feed.entries.len(), items.len());
        for (entry, article) in feed.entries.iter().zip(&items) {
            let id = &article.id;
            assert_eq!(entry.id, atom_id(&meta, article));
            assert_eq!(
                shown(entry.title.as_ref()).as_deref(),
                Some(article.title.as_str()),
                "{id}"
            );
            let links: Vec<&str> = entry.links.iter().map(|l| l.href.as_str()).collect();
            let photo = enclosure(article).map(|photo| photo.url);
            let expected: Vec<&str> = article.link.as_deref().into_iter().chain(photo).collect();
            assert_eq!(links, expected, "{id}");
            assert_eq!(entry.published, article.published.map(|at| at.to_utc()), "{id}");
            assert_eq!(entry.updated, article.newest_date().map(|at| at.to_utc()), "{id}");
            let summary = shown(entry.summary.as_ref());
            assert_eq!(summary.as_deref(), Some(article.summary.as_str()), "{id}");
            let content = entry.content.as_ref().and_then(|c| c.body.as_deref());
            assert_eq!(content, Some(article.content_html.as_str()), "{id}");
            let authors: Vec<_> = entry
                .authors
                .iter()
                .map(|p| (p.name.as_deref(), p.email.as_deref(), p.uri.as_deref()))
                .collect();
            let expected: Vec<_> = article
                .authors
                .iter()
                .map(|p| (Some(p.name.as_str()), p.email.as_deref(), p.uri.as_deref()))
                .collect();
            assert_eq!(authors, expected, "{id}");
            let terms: Vec<_> = entry.categories.iter().map(|c| c.term.as_str()).collect();
            assert_eq!(terms, article.categories, "{id}");
        }
    }

    #[test]
    fn feed_rs_reads_back_the_feed() {
        let meta = meta();
        let feed = read(&articles());
        assert_eq!(feed.id, "https://kabar.example.id/feeds/atom.xml");
        assert_eq!(shown(feed.title.as_ref()), Some(meta.title));
        assert_eq!(shown(feed.description.as_ref()), Some(meta.description));
        assert_eq!(feed.updated, Some(at("2018-01-15T09:00:00Z").to_utc()));
        assert_eq!(feed.authors.first().and_then(|p| p.name.as_deref()), Some("Redaksi Kabar"));
        assert_eq!(feed.language, meta.language);
        let links: Vec<_> = feed
            .links
            .iter()
            .map(|l| (l.rel.as_deref(), l.href.as_str(), l.media_type.as_deref()))
            .collect();
        let expected = [
            (Some("self"), "https://kabar.example.id/feeds/atom.xml", Some("application/atom+xml")),
            (Some("alternate"), "https://kabar.example.id/", Some("text/html")),
        ];
        assert_eq!(links, expected);
    }

    #[test]
    fn the_photo_is_an_enclosure_link() {
        // Per article: (rel, href, type, length) of each link.
        let storm = "https://kabar.example.id/img/storm.WEBP?w=800";
        let banjir = "https://kabar.example.id/img/banjir.jpg";
        let expected = [
            vec![("alternate", "https://kabar.example.id/2018/01/15/catatan", None, None)],
            vec![
                ("alternate", "https://kabar.example.id/2017/03/01/storm", None, None),
                ("enclosure", storm, Some("image/webp"), None),
            ],
            vec![
                ("alternate", "https://kabar.example.id/2016/12/09/banjir-bandung", None, None),
                ("enclosure", banjir, Some("image/jpeg"), Some(48213)),
            ],
        ];
        let feed = read(&articles());
        for (entry, expected) in feed.entries.iter().zip(expected) {
            let links: Vec<_> = entry
                .links
                .iter()
                .map(|l| {
                    let rel = l.rel.as_deref().unwrap_or_default();
                    (rel, l.href.as_str(), l.media_type.as_deref(), l.length)
                })
                .collect();
            assert_eq!(links, expected, "{}", entry.id);
        }
        let atom = written(&articles());
        let raw = r#"<link href="https://kabar.example.id/img/banjir.jpg" rel="enclosure" type="image/jpeg" length="48213"/>"#;
        assert!(atom.contains(raw), "{atom}");
    }

    #[test]
    fn categories_have_a_scheme_and_the_feed_its_rights() {
        let feed = read(&articles());
        assert_eq!(shown(feed.rights.as_ref()), meta().rights);
        let categories: Vec<_> = feed.entries[2]
            .categories
            .iter()
            .map(|c| (c.term.as_str(), c.scheme.as_deref()))
            .collect();
        let expected = [
            ("Nasional", Some("https://kabar.example.id/feeds/categories/nasional/")),
            ("Cuaca", Some("https://kabar.example.id/feeds/categories/cuaca/")),
        ];
        assert_eq!(categories, expected);
        let meta = FeedMeta { base_url: None, rights: None, ..meta() };
        let atom = String::from_utf8(render(&meta, &articles()).unwrap()).unwrap();
        assert!(atom.contains(r#"<category term="Nasional"/>"#), "{atom}");
        assert!(!atom.contains("scheme=") && !atom.contains("<rights"), "{atom}");
    }

    #[test]
    fn language_of_the_feed_and_of_entries_in_another() {
        // (feed language, article language, xml:lang on the feed, on the entry's texts)
        let cases = [
            (Some("id"), Some("en"), Some("id"), Some("en")),
            (Some("id"), Some("id"), Some("id"), None),
            (Some("id"), None, Some("id"), None),
            (None, Some("en"), None, Some("en")),
            (None, None, None, None),
        ];
        for (feed_lang, article_lang, on_feed, on_entry) in cases {
            let meta = FeedMeta { language: feed_lang.map(Into::into), ..meta() };
            let item = Article { language: article_lang.map(Into::into), ..articles()[2].clone() };
            let bytes = render(&meta, &[item]).unwrap();
            let text = String::from_utf8(bytes).unwrap();
            let doc = roxmltree::Document::parse(&text).unwrap();
            fn lang<'a>(node: roxmltree::Node<'a, '_>) -> Option<&'a str> {
                node.attribute((roxmltree::NS_XML_URI, "lang"))
            }
            assert_eq!(lang(doc.root_element()), on_feed, "{feed_lang:?} {article_lang:?}");
            for name in ["title", "summary", "content"] {
                let entry = doc.descendants().find(|n| n.has_tag_name("entry")).unwrap();
                let node = entry.children().find(|n| n.has_tag_name(name)).unwrap();
                assert_eq!(lang(node), on_entry, "{feed_lang:?} {article_lang:?} {name}");
            }
        }
    }

    #[test]
    fn raw_text_keeps_offsets_and_languages() {
        let atom = written(&articles());
        let expected = [
            "<published>2016-12-09T14:32:00+07:00</published>",
            "<updated>2016-12-09T16:05:00+07:00</updated>",
            "<published>2017-03-01T08:15:30-05:00</published>",
            "<updated>2017-03-01T08:15:30-05:00</updated>",
            "<id>https://kabar.example.id/2016/12/09/banjir-bandung</id>",
            r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">"#,
            r#"<title xml:lang="en">Storm closes schools in Ohio</title>"#,
            r#"<content type="html">"#,
            r#"<generator version=""#,
        ];
        for needle in expected {
            assert!(atom.contains(needle), "missing {needle:?} in {atom}");
        }
        assert_eq!(atom.matches("<author>").count(), 4, "feed, Dewi, John, Jane");
        assert!(atom.ends_with("</feed>\n"));
    }

    #[test]
    fn feed_identity_without_base_url_or_author() {
        let meta = FeedMeta { base_url: None, author: None, ..meta() };
        let feed = feed_rs::parser::parse(render(&meta, &articles()).unwrap().as_slice()).unwrap();
        assert_eq!(feed.id, "https://kabar.example.id/");
        assert_eq!(feed.authors.first().and_then(|p| p.name.as_deref()), Some("Kabar Contoh"));
        assert!(feed.links.iter().all(|l| l.rel.as_deref() != Some("self")));
    }

    #[test]
    fn output_is_deterministic_and_an_empty_feed_is_valid() {
        let items = articles();
        assert_eq!(render(&meta(), &items).unwrap(), render(&meta(), &items).unwrap());
        let empty = written(&[]);
        assert!(empty.contains("<updated>1970-01-01T00:00:00+00:00</updated>"), "{empty}");
        assert!(read(&[]).entries.is_empty());
    }

    #[test]
    fn an_undated_entry_takes_the_feed_date_or_1970() {
        let cases = [
            (vec![undated()], "1970-01-01T00:00:00Z"),
            (vec![articles()[1].clone(), undated()], "2017-03-01T08:15:30-05:00"),
        ];
        for (items, expected) in cases {
            let feed = read(&items);
            let entry = feed.entries.last().unwrap();
            assert_eq!(entry.updated, Some(at(expected).to_utc()), "{expected}");
            assert_eq!(entry.published, None);
        }
    }

    #[test]
    fn a_linkless_entry_keeps_content() {
        let cases = [
            ("<p>Isi.</p>", r#"<content type="html">&lt;p&gt;Isi.&lt;/p&gt;</content>"#),
            ("", r#"<content type="html"></content>"#),
        ];
        for (html, expected) in cases {
            let item = Article { link: None, content_html: html.into(), ..articles()[2].clone() };
            let atom = written(&[item]);
            assert!(atom.contains(expected), "{html:?}: {atom}");
            assert!(!atom.contains(r#"<link href="https://kabar.example.id/2016"#), "{atom}");
        }
    }

    #[test]
    fn tricky_text_survives_in_every_reader() {
        let items = [tricky()];
        let bytes = render(&meta(), &items).unwrap();
        let entry = &read(&items).entries[0];
        assert_eq!(shown(entry.title.as_ref()).as_deref(), Some(TRICKY));
        assert_eq!(shown(entry.summary.as_ref()).as_deref(), Some(TRICKY));
        assert_eq!(
            entry.content.as_ref().unwrap().body.as_deref(),
            Some(items[0].content_html.as_str())
        );
        // The crate's own reader, a second opinion.
        let feed = Feed::read_from(bytes.as_slice()).unwrap();
        let entry = &feed.entries[0];
        let decoded = |t: &Text| match t.r#type {
            TextType::Html => html_escape::decode_html_entities(&t.value).into_owned(),
            _ => t.value.clone(),
        };
        assert_eq!(decoded(&entry.title), TRICKY);
        assert_eq!(entry.summary.as_ref().map(decoded).as_deref(), Some(TRICKY));
        let content = entry.content.as_ref().and_then(|c| c.value.as_deref());
        assert_eq!(content, Some(items[0].content_html.as_str()));
    }
}
