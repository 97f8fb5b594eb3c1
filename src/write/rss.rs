//! RSS 2.0, with the `content`, `dc`, `atom` and `media` namespaces.
//!
//! | RSS                             | from                                                    |
//! |---------------------------------|---------------------------------------------------------|
//! | `title`, `link`, `description`  | [`FeedMeta`], and `language` when it has one            |
//! | `copyright`                     | `meta.rights`                                           |
//! | `lastBuildDate`                 | [`feed_updated`]; none for an empty feed, never the clock |
//! | `generator`                     | `kabar <version>`                                       |
//! | `atom:link rel="self"`          | `base_url` + `dir` + `rss.xml`, when `base_url` is set  |
//! | `item/title`, `link`            | the article's title and link                            |
//! | `guid`                          | the id; `isPermaLink="false"` unless it is the link     |
//! | `pubDate`                       | published, else updated: RFC 2822 in its own offset     |
//! | `description`                   | the plain-text summary, HTML-escaped (it is HTML)       |
//! | `content:encoded`               | `content_html`                                          |
//! | `dc:creator`                    | one per author: `author` would want an e-mail address   |
//! | `category domain="…"`           | one per category; the domain from [`category_url`]      |
//! | `source url="…"`                | the outlet, only when it has a URL (`url` is required)  |
//! | `enclosure`                     | the lead photo ([`enclosure`]): `url`, `type`, `length` (`0` when unknown, as RSS says) |
//! | `media:content medium="image"`  | the same photo, with `media:credit` and `media:description` (its credit and caption) |
//!
//! The photo is written twice on purpose: podcast-era readers (and the W3C validator) know
//! `enclosure`, which has room for no caption or credit; news readers and aggregators (Feedly,
//! Inoreader, NewsBlur) look for Media RSS, whose `media:credit` is where a photo credit such as
//! "ANTARA/Raisan Al Farisi" belongs. `media:credit` carries no `role`: a credit line names an
//! agency and a photographer together, and no role of the EBU scheme fits both.
//!
//! `rss` writes `description` and `content:encoded` as CDATA, splitting any `]]>`, so nothing
//! is escaped for XML here; only the plain-text summary is escaped, for HTML. A permalink guid
//! is written without `isPermaLink`, which RSS reads as `true`: the crate has no way to spell
//! it out.

use std::collections::BTreeMap;

use rss::extension::atom::{self, AtomExtension, Link};
use rss::extension::dublincore::{self, DublinCoreExtension};
use rss::extension::{Extension, ExtensionMap};
use rss::{Category, Channel, Enclosure, Guid, Item, Source};

use super::{
    Error, Kind, category_url, check_dates, enclosure, feed_updated, generator, is_absolute_iri,
};
use crate::config::FeedMeta;
use crate::model::Article;

/// The `content` module's namespace (`content:encoded`).
const CONTENT_NAMESPACE: &str = "http://purl.org/rss/1.0/modules/content/";

/// Media RSS (`media:content`), <https://www.rssboard.org/media-rss>.
const MEDIA_NAMESPACE: &str = "http://search.yahoo.com/mrss/";

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
        copyright: meta.rights.clone(),
        last_build_date: feed_updated(items).map(|at| at.to_rfc2822()),
        generator: Some(generator()),
        atom_ext: self_link.map(|link| AtomExtension { links: vec![link] }),
        items: items.iter().map(|article| item(meta, article)).collect(),
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
    [
        ("atom", atom::NAMESPACE),
        ("content", CONTENT_NAMESPACE),
        ("dc", dublincore::NAMESPACE),
        ("media", MEDIA_NAMESPACE),
    ]
    .into_iter()
    .map(|(prefix, uri)| (prefix.to_string(), uri.to_string()))
    .collect()
}

fn item(meta: &FeedMeta, article: &Article) -> Item {
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
            .map(|name| Category { name: name.clone(), domain: category_url(meta, name) })
            .collect(),
        guid: Some(Guid { value: article.id.clone(), permalink }),
        pub_date: article.published.or(article.updated).map(|at| at.to_rfc2822()),
        source,
        content: (!article.content_html.is_empty()).then(|| article.content_html.clone()),
        dublin_core_ext: (!creators.is_empty())
            .then(|| DublinCoreExtension { creators, ..DublinCoreExtension::default() }),
        enclosure: enclosure(article).map(|e| Enclosure {
            url: e.url.into(),
            length: e.length.unwrap_or(0).to_string(),
            mime_type: e.mime_type.into(),
        }),
        extensions: media(article),
        ..Item::default()
    }
}

/// `media:content` for the lead photo, with its credit and caption as children.
fn media(article: &Article) -> ExtensionMap {
    let Some(photo) = enclosure(article) else {
        return ExtensionMap::new();
    };
    let element = |name: &str, value: Option<String>, attrs: &[(&str, String)]| Extension {
        name: format!("media:{name}"),
        value,
        attrs: attrs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        ..Extension::default()
    };
    let mut attrs = vec![
        ("url", photo.url.to_string()),
        ("medium", "image".to_string()),
        ("type", photo.mime_type.to_string()),
    ];
    if let Some(length) = photo.length {
        attrs.push(("fileSize", length.to_string()));
    }
    let mut content = element("content", None, &attrs);
    let texts = [("credit", &photo.image.credit), ("description", &photo.image.caption)];
    for (name, text) in texts {
        if let Some(text) = text.as_ref().filter(|t| !t.trim().is_empty()) {
            let child = element(name, Some(text.clone()), &[]);
            content.children.insert(child.name.clone(), vec![child]);
        }
    }
    let by_name = BTreeMap::from([(content.name.clone(), vec![content])]);
    ExtensionMap::from([("media".to_string(), by_name)])
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
        // The crate wants an enclosure's length above 0, where the RSS Advisory Board says to
        // write 0 for an unknown size (and the W3C validator agrees): give the storm photo one.
        let mut items = articles();
        let storm = items[1].image.as_mut().unwrap();
        storm.length = Some(1024);
        items.push(undated());
        items.push(tricky());
        let channel = Channel::read_from(render(&meta(), &items).unwrap().as_slice()).unwrap();
        assert_eq!(channel.validate().map_err(|e| e.to_string()), Ok(()));
    }

    #[test]
    fn the_photo_is_an_enclosure_and_media_content() {
        /// (url, type, size) of a media object's content, its credits and its description.
        type Media = (Vec<(String, String, Option<u64>)>, Vec<String>, Option<String>);
        let storm = "https://kabar.example.id/img/storm.WEBP?w=800";
        let banjir = "https://kabar.example.id/img/banjir.jpg";
        let content = |url: &str, kind: &str, size| vec![(url.to_string(), kind.to_string(), size)];
        let credit = vec!["ANTARA/Raisan Al Farisi".to_string()];
        let caption = Some("Banjir di Dayeuhkolot".to_string());
        // Per article: feed-rs merges the `enclosure` into the `media:content` object.
        let expected: [Vec<Media>; 3] = [
            vec![],
            vec![(content(storm, "image/webp", None), vec![], None)],
            vec![(content(banjir, "image/jpeg", Some(48213)), credit, caption)],
        ];
        // The crate's own reader keeps the enclosure apart: (url, length, type).
        let channel = Channel::read_from(render(&meta(), &articles()).unwrap().as_slice()).unwrap();
        let enclosures: Vec<_> = channel
            .items
            .iter()
            .map(|i| {
                i.enclosure
                    .as_ref()
                    .map(|e| (e.url.as_str(), e.length.as_str(), e.mime_type.as_str()))
            })
            .collect();
        let expected_enclosures =
            [None, Some((storm, "0", "image/webp")), Some((banjir, "48213", "image/jpeg"))];
        assert_eq!(enclosures, expected_enclosures);
        let feed = read(&articles());
        for (entry, expected) in feed.entries.iter().zip(expected) {
            let media: Vec<Media> = entry
                .media
                .iter()
                .map(|m| {
                    let content = m
                        .content
                        .iter()
                        .map(|c| {
                            let url = c.url.as_ref().map(|u| u.to_string()).unwrap_or_default();
                            let kind = c.content_type.as_ref().map(|t| t.to_string());
                            (url, kind.unwrap_or_default(), c.size)
                        })
                        .collect();
                    let credits = m.credits.iter().map(|c| c.entity.clone()).collect();
                    (content, credits, m.description.as_ref().map(|d| d.content.clone()))
                })
                .collect();
            assert_eq!(media, expected, "{}", entry.id);
        }
    }

    #[test]
    fn raw_text_of_photos_categories_and_rights() {
        let rss = text(&articles());
        let expected = [
            r#"xmlns:media="http://search.yahoo.com/mrss/""#,
            r#"<enclosure url="https://kabar.example.id/img/banjir.jpg" length="48213" type="image/jpeg"/>"#,
            r#"<enclosure url="https://kabar.example.id/img/storm.WEBP?w=800" length="0" type="image/webp"/>"#,
            r#"<media:content fileSize="48213" medium="image" type="image/jpeg" url="https://kabar.example.id/img/banjir.jpg"><media:credit>ANTARA/Raisan Al Farisi</media:credit><media:description>Banjir di Dayeuhkolot</media:description></media:content>"#,
            r#"<media:content medium="image" type="image/webp" url="https://kabar.example.id/img/storm.WEBP?w=800"></media:content>"#,
            r#"<category domain="https://kabar.example.id/feeds/categories/nasional/">Nasional</category>"#,
            r#"<category domain="https://kabar.example.id/feeds/categories/world/">World</category>"#,
            "<copyright>© 2016–2018 Kabar Contoh, CC BY 4.0</copyright>",
        ];
        for needle in expected {
            assert!(rss.contains(needle), "missing {needle:?} in {rss}");
        }
        // The first sample's photo has no URL: nothing to attach.
        assert_eq!(rss.matches("<enclosure").count(), 2);
        assert_eq!(rss.matches("<media:content").count(), 2);
    }

    #[test]
    fn feed_rs_reads_back_categories_with_their_domain_and_the_rights() {
        let feed = read(&articles());
        assert_eq!(feed.rights.map(|r| r.content), meta().rights);
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
    }

    #[test]
    fn without_base_url_or_rights_categories_have_no_domain_and_there_is_no_copyright() {
        let meta = FeedMeta { base_url: None, rights: None, ..meta() };
        let rss = String::from_utf8(render(&meta, &articles()).unwrap()).unwrap();
        assert!(rss.contains("<category>Nasional</category>"), "{rss}");
        assert!(!rss.contains("domain=") && !rss.contains("<copyright>"), "{rss}");
    }

    #[test]
    fn a_photo_without_a_usable_url_is_not_attached() {
        use crate::model::Image;
        let cases = [None, Some("img/banjir.jpg"), Some("javascript:alert(1)"), Some("")];
        for url in cases {
            let image = Image { url: url.map(Into::into), length: Some(10), ..Image::default() };
            let item = Article { image: Some(image), ..articles()[2].clone() };
            let rss = text(&[item]);
            assert!(!rss.contains("<enclosure") && !rss.contains("<media:"), "{url:?}: {rss}");
        }
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
