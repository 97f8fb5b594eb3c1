//! RSS 2.0, with the `content`, `dc` and `atom` namespaces.
//!
//! | RSS                             | from                                                    |
//! |---------------------------------|---------------------------------------------------------|
//! | `title`, `link`, `description`  | [`FeedMeta`], and `language` when it has one            |
//! | `lastBuildDate`                 | [`feed_updated`]; none for an empty feed, never the clock |
//! | `generator`                     | `kabar <version>`                                       |
//! | `atom:link rel="self"`          | `base_url` + `dir` + `rss.xml`, when `base_url` is set  |
//! | `item/title`, `link`            | the article's title and link                            |
//! | `guid`                          | the id; `isPermaLink="false"` unless it is the link     |
//! | `pubDate`                       | published, else updated: RFC 2822 in its own offset     |
//! | `description`                   | the plain-text summary, HTML-escaped (it is HTML)       |
//! | `content:encoded`               | `content_html`                                          |
//! | `dc:creator`                    | one per author: `author` would want an e-mail address   |
//! | `category`                      | one per category                                        |
//! | `source url="…"`                | the outlet, only when it has a URL (`url` is required)  |
//!
//! `rss` writes `description` and `content:encoded` as CDATA, splitting any `]]>`, so nothing
//! is escaped for XML here; only the plain-text summary is escaped, for HTML. A permalink guid
//! is written without `isPermaLink`, which RSS reads as `true`: the crate has no way to spell
//! it out.

use std::collections::BTreeMap;

use rss::extension::atom::{self, AtomExtension, Link};
use rss::extension::dublincore::{self, DublinCoreExtension};
use rss::{Category, Channel, Guid, Item, Source};

use super::{Error, Kind, check_dates, feed_updated, generator, is_absolute_iri};
use crate::config::FeedMeta;
use crate::model::Article;

/// The `content` module's namespace (`content:encoded`).
const CONTENT_NAMESPACE: &str = "http://purl.org/rss/1.0/modules/content/";

/// Serializes an RSS 2.0 feed, items in the order given.
pub fn render(meta: &FeedMeta, items: &[Article]) -> Result<Vec<u8>, Error> {
    check_dates(items)?;
    let self_link = meta.self_url(Kind::Rss.file_name()).map(|href| Link {
        href,
        rel: "self".into(),
        mime_type: Some("application/rss+xml".into()),
        ..Link::default()
    });
    let channel = Channel {
        title: meta.title.clone(),
        link: meta.link.clone(),
        description: meta.description.clone(),
        language: meta.language.clone(),
        last_build_date: feed_updated(items).map(|at| at.to_rfc2822()),
        generator: Some(generator()),
        atom_ext: self_link.map(|link| AtomExtension { links: vec![link] }),
        items: items.iter().map(item).collect(),
        namespaces: namespaces(),
        ..Channel::default()
    };
    let mut bytes = channel
        .write_to(Vec::new())
        .map_err(|e| Error::Xml { format: "RSS", message: e.to_string() })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Every namespace a kabar RSS feed may use, declared whether or not this feed uses it: `rss`
/// declares the ones it knows about only from the fields that are set, and a feed that
/// declares too many is still valid, while one that declares too few is not XML.
fn namespaces() -> BTreeMap<String, String> {
    [("atom", atom::NAMESPACE), ("content", CONTENT_NAMESPACE), ("dc", dublincore::NAMESPACE)]
        .into_iter()
        .map(|(prefix, uri)| (prefix.to_string(), uri.to_string()))
        .collect()
}

fn item(article: &Article) -> Item {
    // A guid is a permalink only when readers may open it: it is the item's own absolute link.
    let permalink =
        article.link.as_deref() == Some(article.id.as_str()) && is_absolute_iri(&article.id);
    let source = article.source.as_ref().and_then(|source| {
        source.url.as_ref().map(|url| Source { url: url.clone(), title: Some(source.name.clone()) })
    });
    let creators: Vec<String> = article.authors.iter().map(|a| a.name.clone()).collect();
    Item {
        title: Some(article.title.clone()),
        link: article.link.clone(),
        description: (!article.summary.is_empty())
            .then(|| html_escape::encode_text(&article.summary).into_owned()),
        categories: article
            .categories
            .iter()
            .map(|name| Category { name: name.clone(), domain: None })
            .collect(),
        guid: Some(Guid { value: article.id.clone(), permalink }),
        pub_date: article.published.or(article.updated).map(|at| at.to_rfc2822()),
        source,
        content: (!article.content_html.is_empty()).then(|| article.content_html.clone()),
        dublin_core_ext: (!creators.is_empty())
            .then(|| DublinCoreExtension { creators, ..DublinCoreExtension::default() }),
        ..Item::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::samples::{TRICKY, articles, meta, tricky, undated};

    fn text(items: &[Article]) -> String {
        String::from_utf8(render(&meta(), items).unwrap()).unwrap()
    }

    fn read(items: &[Article]) -> feed_rs::model::Feed {
        feed_rs::parser::parse(render(&meta(), items).unwrap().as_slice()).unwrap()
    }

    fn unescape(html: &str) -> String {
        html_escape::decode_html_entities(html).into_owned()
    }

    #[test]
    fn feed_rs_reads_back_every_item_field() {
        let items = articles();
        let feed = read(&items);
        assert_eq!(feed.entries.len(), items.len());
        for (entry, article) in feed.entries.iter().zip(&items) {
            let id = &article.id;
            assert_eq!(&entry.id, id);
            assert_eq!(
                entry.title.as_ref().map(|t| t.content.as_str()),
                Some(article.title.as_str()),
                "{id}"
            );
            let links: Vec<&str> = entry.links.iter().map(|l| l.href.as_str()).collect();
            assert_eq!(links, article.link.iter().map(String::as_str).collect::<Vec<_>>(), "{id}");
            let published = article.published.map(|at| at.to_utc());
            assert_eq!(entry.published, published, "{id}");
            let summary = entry.summary.as_ref().map(|s| unescape(&s.content));
            assert_eq!(summary.as_deref(), Some(article.summary.as_str()), "{id}");
            let content = entry.content.as_ref().and_then(|c| c.body.as_deref());
            assert_eq!(content, Some(article.content_html.as_str()), "{id}");
            let authors: Vec<_> = entry.authors.iter().map(|p| p.name.as_deref()).collect();
            let names: Vec<_> = article.authors.iter().map(|p| Some(p.name.as_str())).collect();
            assert_eq!(authors, names, "{id}");
            let terms: Vec<_> = entry.categories.iter().map(|c| c.term.as_str()).collect();
            assert_eq!(terms, article.categories, "{id}");
        }
    }

    #[test]
    fn feed_rs_reads_back_the_channel() {
        let meta = meta();
        let feed = read(&articles());
        assert_eq!(feed.title.map(|t| t.content), Some(meta.title));
        assert_eq!(feed.description.map(|t| t.content), Some(meta.description));
        assert_eq!(feed.language, meta.language);
        assert_eq!(feed.generator.map(|g| g.content), Some(generator()));
        let newest = crate::write::samples::at("2018-01-15T09:00:00Z");
        assert_eq!(feed.updated, Some(newest.to_utc()));
        let links: Vec<_> = feed.links.iter().map(|l| l.href.as_str()).collect();
        assert!(links.contains(&"https://kabar.example.id/"), "{links:?}");
    }

    #[test]
    fn raw_text_keeps_offsets_guids_sources_and_namespaces() {
        let rss = text(&articles());
        let expected = [
            "<pubDate>Fri, 9 Dec 2016 14:32:00 +0700</pubDate>",
            "<pubDate>Wed, 1 Mar 2017 08:15:30 -0500</pubDate>",
            "<pubDate>Mon, 15 Jan 2018 09:00:00 +0000</pubDate>",
            "<lastBuildDate>Mon, 15 Jan 2018 09:00:00 +0000</lastBuildDate>",
            "<guid>https://kabar.example.id/2016/12/09/banjir-bandung</guid>",
            r#"<guid isPermaLink="false">reuters-2017-0042</guid>"#,
            r#"<guid isPermaLink="false">2018/catatan.txt</guid>"#,
            r#"<source url="https://www.viva.co.id/">VIVA.co.id</source>"#,
            r#"<atom:link href="https://kabar.example.id/feeds/rss.xml" rel="self" type="application/rss+xml"/>"#,
            r#"xmlns:atom="http://www.w3.org/2005/Atom""#,
            r#"xmlns:content="http://purl.org/rss/1.0/modules/content/""#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/""#,
            "<dc:creator>Jane Doe</dc:creator>",
            "<generator>kabar ",
            "<language>id</language>",
        ];
        for needle in expected {
            assert!(rss.contains(needle), "missing {needle:?} in {rss}");
        }
        // Reuters has no URL, and `source` without `url` is invalid.
        assert_eq!(rss.matches("<source").count(), 1);
        assert!(rss.ends_with("</rss>\n"));
    }

    #[test]
    fn a_feed_without_base_url_has_no_self_link() {
        let meta = FeedMeta { base_url: None, ..meta() };
        let rss = String::from_utf8(render(&meta, &articles()).unwrap()).unwrap();
        assert!(!rss.contains("rel=\"self\""));
        assert!(rss.contains("xmlns:atom="), "still declared");
    }

    #[test]
    fn output_is_deterministic_and_an_empty_feed_is_valid() {
        let items = articles();
        assert_eq!(render(&meta(), &items).unwrap(), render(&meta(), &items).unwrap());
        let empty = text(&[]);
        assert!(!empty.contains("<lastBuildDate>"), "no clock: {empty}");
        assert!(read(&[]).entries.is_empty());
    }

    #[test]
    fn an_undated_item_has_no_pubdate() {
        let rss = text(&[undated()]);
        assert!(!rss.contains("Date>"), "{rss}");
        assert_eq!(read(&[undated()]).entries[0].published, None);
    }

    #[test]
    fn a_linkless_item_has_a_plain_guid() {
        let item = Article { link: None, ..articles()[2].clone() };
        let rss = text(&[item]);
        assert!(!rss.contains("<link>https://kabar.example.id/2016"), "{rss}");
        assert!(rss.contains(
            r#"<guid isPermaLink="false">https://kabar.example.id/2016/12/09/banjir-bandung</guid>"#
        ));
    }

    #[test]
    fn the_crates_own_validation_accepts_it() {
        use rss::validation::Validate;
        let mut items = articles();
        items.push(undated());
        items.push(tricky());
        let channel = Channel::read_from(render(&meta(), &items).unwrap().as_slice()).unwrap();
        assert_eq!(channel.validate().map_err(|e| e.to_string()), Ok(()));
    }

    #[test]
    fn a_cdata_terminator_in_the_content_survives() {
        let item =
            Article { content_html: "<p>a ]]> b ]]]]>> c</p>".into(), ..articles()[2].clone() };
        let bytes = render(&meta(), std::slice::from_ref(&item)).unwrap();
        let entry = &read(std::slice::from_ref(&item)).entries[0];
        assert_eq!(
            entry.content.as_ref().and_then(|c| c.body.as_deref()),
            Some(item.content_html.as_str())
        );
        let channel = Channel::read_from(bytes.as_slice()).unwrap();
        assert_eq!(channel.items[0].content.as_deref(), Some(item.content_html.as_str()));
    }

    #[test]
    fn tricky_text_survives_in_every_reader() {
        let items = [tricky()];
        let bytes = render(&meta(), &items).unwrap();
        let entry = &read(&items).entries[0];
        assert_eq!(entry.title.as_ref().unwrap().content, TRICKY);
        assert_eq!(unescape(&entry.summary.as_ref().unwrap().content), TRICKY);
        assert_eq!(
            entry.content.as_ref().unwrap().body.as_deref(),
            Some(items[0].content_html.as_str())
        );
        // The crate's own reader, a second opinion.
        let channel = Channel::read_from(bytes.as_slice()).unwrap();
        let item = &channel.items[0];
        assert_eq!(item.title.as_deref(), Some(TRICKY));
        assert_eq!(item.description.as_deref().map(unescape).as_deref(), Some(TRICKY));
        assert_eq!(item.content.as_deref(), Some(items[0].content_html.as_str()));
    }
}
