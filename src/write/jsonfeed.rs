//! JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>), as private serde structs.
//!
//! | JSON Feed                          | from                                                 |
//! |------------------------------------|------------------------------------------------------|
//! | `title`, `home_page_url`           | `meta.title`, `meta.link`                            |
//! | `description`, `language`          | `meta.description`, `meta.language`                  |
//! | `feed_url`                         | `base_url` + `dir` + `feed.json`, when it is set     |
//! | `authors`                          | `[{name}]` from `meta.author`                        |
//! | `items[].id`, `url`, `title`       | the article's id, link and title                     |
//! | `content_html`, `summary`          | `content_html` and the plain-text summary            |
//! | `image`, `attachments`             | the lead photo ([`enclosure`]): `url`, `mime_type`, `size_in_bytes` when known |
//! | `date_published`, `date_modified`  | published, updated: RFC 3339 in their own offset     |
//! | `items[].authors`                  | name, and `url` from the author's home page          |
//! | `tags`, `language`                 | the categories and the article's language            |
//!
//! Absent optional fields are left out, never `null`, which the JSON Feed schema rejects.
//! `content_html` is always written, even empty: an item must have content. An author's e-mail
//! is not written as a `mailto:` URL: kabar's feeds keep to `http(s)` URLs. JSON Feed has no
//! field for `meta.rights`, nor for categories' URLs, nor for a photo's caption and credit.

use serde::Serialize;

use super::{Error, Kind, check_dates, enclosure};
use crate::config::FeedMeta;
use crate::model::{Article, rfc3339};

/// The version URL this writer follows.
const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed_url: Option<String>,
    #[serde(skip_serializing_if = "no_text")]
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    title: &'a str,
    content_html: &'a str,
    #[serde(skip_serializing_if = "no_text")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<Attachment<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "no_tags")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
}

#[derive(Serialize)]
struct Attachment<'a> {
    url: &'a str,
    mime_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    size_in_bytes: Option<u64>,
}

// `skip_serializing_if` passes a reference to the field, here a reference to a reference.
fn no_text(text: &&str) -> bool {
    text.is_empty()
}

fn no_tags(tags: &&[String]) -> bool {
    tags.is_empty()
}

/// Serializes a JSON Feed 1.1, pretty-printed with a final newline, items in the order given.
pub fn render(meta: &FeedMeta, items: &[Article]) -> Result<Vec<u8>, Error> {
    check_dates(items)?;
    let feed = JsonFeed {
        version: VERSION,
        title: &meta.title,
        home_page_url: &meta.link,
        feed_url: meta.self_url(Kind::JsonFeed.file_name()),
        description: &meta.description,
        language: meta.language.as_deref(),
        authors: meta
            .author
            .as_deref()
            .map(|name| Author { name, url: None })
            .into_iter()
            .collect(),
        items: items.iter().map(item).collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&feed)?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn item(article: &Article) -> Item<'_> {
    Item {
        id: &article.id,
        url: article.link.as_deref(),
        title: &article.title,
        content_html: &article.content_html,
        summary: &article.summary,
        image: enclosure(article).map(|photo| photo.url),
        attachments: enclosure(article)
            .map(|photo| Attachment {
                url: photo.url,
                mime_type: photo.mime_type,
                size_in_bytes: photo.length,
            })
            .into_iter()
            .collect(),
        date_published: article.published.as_ref().map(rfc3339),
        date_modified: article.updated.as_ref().map(rfc3339),
        authors: article
            .authors
            .iter()
            .map(|p| Author { name: &p.name, url: p.uri.as_deref() })
            .collect(),
        tags: &article.categories,
        language: article.language.as_deref(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::write::samples::{TRICKY, articles, meta, tricky, undated};

    fn value(items: &[Article]) -> Value {
        serde_json::from_slice(&render(&meta(), items).unwrap()).unwrap()
    }

    fn read(items: &[Article]) -> feed_rs::model::Feed {
        feed_rs::parser::parse(render(&meta(), items).unwrap().as_slice()).unwrap()
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
            // feed-rs reads attachments as links after the item's own.
            let links: Vec<&str> = entry.links.iter().map(|l| l.href.as_str()).collect();
            let photo = enclosure(article).map(|photo| photo.url);
            let expected: Vec<&str> = article.link.as_deref().into_iter().chain(photo).collect();
            assert_eq!(links, expected, "{id}");
            assert_eq!(entry.published, article.published.map(|at| at.to_utc()), "{id}");
            assert_eq!(entry.updated, article.updated.map(|at| at.to_utc()), "{id}");
            let summary = entry.summary.as_ref().map(|s| s.content.as_str());
            assert_eq!(summary, Some(article.summary.as_str()), "{id}");
            let content = entry.content.as_ref().and_then(|c| c.body.as_deref());
            assert_eq!(content, Some(article.content_html.as_str()), "{id}");
            let authors: Vec<_> =
                entry.authors.iter().map(|p| (p.name.as_deref(), p.uri.as_deref())).collect();
            let expected: Vec<_> = if article.authors.is_empty() {
                // feed-rs hands the feed's authors down to an item without any.
                vec![(Some("Redaksi Kabar"), None)]
            } else {
                article.authors.iter().map(|p| (Some(p.name.as_str()), p.uri.as_deref())).collect()
            };
            assert_eq!(authors, expected, "{id}");
            let terms: Vec<_> = entry.categories.iter().map(|c| c.term.as_str()).collect();
            assert_eq!(terms, article.categories, "{id}");
        }
    }

    #[test]
    fn the_feed_and_an_item_as_written() {
        let feed = value(&articles());
        let expected_top = [
            ("version", json!("https://jsonfeed.org/version/1.1")),
            ("title", json!("Kabar Contoh")),
            ("home_page_url", json!("https://kabar.example.id/")),
            ("feed_url", json!("https://kabar.example.id/feeds/feed.json")),
            ("description", json!("Berita contoh dari kabar")),
            ("language", json!("id")),
            ("authors", json!([{"name": "Redaksi Kabar"}])),
        ];
        for (key, expected) in expected_top {
            assert_eq!(feed[key], expected, "{key}");
        }
        let banjir = &feed["items"][2];
        let expected_item = json!({
            "id": "https://kabar.example.id/2016/12/09/banjir-bandung",
            "url": "https://kabar.example.id/2016/12/09/banjir-bandung",
            "title": "Banjir rendam tiga kecamatan di Bandung",
            "content_html": articles()[2].content_html,
            "summary": "Banjir merendam tiga kecamatan di Kabupaten Bandung, Jumat pagi.",
            "image": "https://kabar.example.id/img/banjir.jpg",
            "attachments": [{
                "url": "https://kabar.example.id/img/banjir.jpg",
                "mime_type": "image/jpeg",
                "size_in_bytes": 48213,
            }],
            "date_published": "2016-12-09T14:32:00+07:00",
            "date_modified": "2016-12-09T16:05:00+07:00",
            "authors": [{"name": "Dewi Lestari"}],
            "tags": ["Nasional", "Cuaca"],
            "language": "id",
        });
        assert_eq!(banjir, &expected_item);
        assert_eq!(feed["items"][1]["date_published"], json!("2017-03-01T08:15:30-05:00"));
        assert_eq!(
            feed["items"][1]["authors"][0],
            json!({"name": "John Smith", "url": "https://example.com/john"})
        );
    }

    #[test]
    fn the_photo_is_the_image_and_an_attachment() {
        let storm = "https://kabar.example.id/img/storm.WEBP?w=800";
        // Per article: `image`, `attachments`.
        let expected = [
            (Value::Null, Value::Null),
            (json!(storm), json!([{"url": storm, "mime_type": "image/webp"}])),
            (
                json!("https://kabar.example.id/img/banjir.jpg"),
                json!([{
                    "url": "https://kabar.example.id/img/banjir.jpg",
                    "mime_type": "image/jpeg",
                    "size_in_bytes": 48213,
                }]),
            ),
        ];
        let feed = value(&articles());
        for (n, (image, attachments)) in expected.into_iter().enumerate() {
            let item = &feed["items"][n];
            assert_eq!((&item["image"], &item["attachments"]), (&image, &attachments), "{n}");
        }
        // feed-rs reads an attachment as a link with its type and size.
        let entry = &read(&articles()).entries[2];
        let attachment = entry.links.last().unwrap();
        let got = (attachment.media_type.as_deref(), attachment.length);
        assert_eq!(got, (Some("image/jpeg"), Some(48213)));
    }

    #[test]
    fn absent_fields_are_left_out_not_null() {
        let meta = FeedMeta { base_url: None, author: None, language: None, ..meta() };
        let bytes = render(&meta, &[undated()]).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains("null"), "{text}");
        let feed: Value = serde_json::from_str(&text).unwrap();
        for key in ["feed_url", "authors", "language"] {
            assert!(feed.get(key).is_none(), "{key}");
        }
        let item = &feed["items"][0];
        let keys =
            ["url", "image", "attachments", "date_published", "date_modified", "authors", "tags"];
        for key in keys {
            assert!(item.get(key).is_none(), "{key}");
        }
        assert_eq!(item["content_html"], json!("<p>Tanpa tanggal.</p>"));
    }

    #[test]
    fn output_is_pretty_deterministic_and_an_empty_feed_is_valid() {
        let items = articles();
        let bytes = render(&meta(), &items).unwrap();
        assert_eq!(bytes, render(&meta(), &items).unwrap());
        assert!(bytes.starts_with(b"{\n  \"version\""));
        assert!(bytes.ends_with(b"}\n"));
        assert_eq!(value(&[])["items"], json!([]));
        assert!(read(&[]).entries.is_empty());
    }

    #[test]
    fn tricky_text_survives() {
        let items = [tricky()];
        let entry = &read(&items).entries[0];
        assert_eq!(entry.title.as_ref().unwrap().content, TRICKY);
        assert_eq!(entry.summary.as_ref().unwrap().content, TRICKY);
        assert_eq!(value(&items)["items"][0]["content_html"], json!(items[0].content_html));
    }
}
