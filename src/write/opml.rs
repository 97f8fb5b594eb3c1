//! An OPML 2.0 subscription list of every feed (<http://opml.org/spec2.opml>), published as
//! `feeds.opml`: a feed app imports it and subscribes to the main feed and every category and
//! source feed in one step.
//!
//! | OPML                         | from                                                        |
//! |------------------------------|-------------------------------------------------------------|
//! | `head/title`                 | the site's title                                            |
//! | `head/ownerName`             | the site's author, when set                                 |
//! | `outline/@text`, `@title`    | the feed's title                                            |
//! | `outline/@type`, `@version`  | `rss`, `RSS2`                                               |
//! | `outline/@xmlUrl`            | the feed's `rss.xml`: absolute with `base_url`, else `dir` + `rss.xml`, relative to the output folder |
//! | `outline/@htmlUrl`           | the feed's `link`                                           |
//! | `outline/@description`       | the feed's description                                      |
//! | `outline/@language`          | the feed's language, when set                               |
//!
//! One flat outline per feed, the main feed first, each pointing at its RSS file only. Readers
//! (Thunderbird, Feedly, NetNewsWire, Inoreader, Newsboat's `import`) subscribe to every
//! outline they find: listing the Atom and JSON files as well would subscribe people to each
//! feed three times over, with the same items. RSS is the one format every reader takes.
//!
//! No `dateCreated` or `dateModified`: the list has no date of its own but the clock, and the
//! same feeds must give the same bytes. No `docs` either, which OPML 2.0 allows but the W3C
//! validator (which checks OPML too) does not know. The XML is written here rather than with an XML crate,
//! since the document is a handful of attributes: [`attribute`] escapes what XML needs and drops
//! the characters XML cannot carry.

use std::fmt::Write as _;

use super::{Error, Kind, listed, xml_chars};
use crate::config::FeedMeta;

/// The file name of the list, at the top of the output folder (`index.html` links it).
pub const FILE_NAME: &str = "feeds.opml";

/// Serializes the OPML list of `site` (the main feed) and `feeds`, which may or may not hold
/// the main feed too (it is listed once, first; see `listed`). The same feeds always give the
/// same bytes.
pub fn render(site: &FeedMeta, feeds: &[FeedMeta]) -> Result<Vec<u8>, Error> {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    out.push_str("  <head>\n");
    out.push_str(&format!("    <title>{}</title>\n", element_text(&site.title)));
    if let Some(owner) = &site.author {
        out.push_str(&format!("    <ownerName>{}</ownerName>\n", element_text(owner)));
    }
    out.push_str("  </head>\n  <body>\n");
    for (feed, _) in listed(site, feeds, |meta| meta, |_| &[]) {
        let rss = Kind::Rss.file_name();
        let xml_url = feed.self_url(rss).unwrap_or_else(|| format!("{}{rss}", feed.dir));
        let mut attributes = vec![
            ("text", feed.title.as_str()),
            ("title", feed.title.as_str()),
            ("type", "rss"),
            ("version", "RSS2"),
            ("xmlUrl", xml_url.as_str()),
            ("htmlUrl", feed.link.as_str()),
        ];
        if !feed.description.is_empty() {
            attributes.push(("description", feed.description.as_str()));
        }
        if let Some(language) = &feed.language {
            attributes.push(("language", language.as_str()));
        }
        out.push_str("    <outline");
        for (name, value) in attributes {
            // Writing into a String cannot fail.
            let _ = write!(out, " {name}=\"{}\"", attribute(value));
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    Ok(out.into_bytes())
}

/// Text as an XML element's content: `&`, `<` and `>` escaped, forbidden characters dropped.
fn element_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in xml_chars(text) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Text as a double-quoted XML attribute value. Besides `&`, `<`, `>` and `"`, tab, line feed
/// and carriage return are written as character references: a parser turns them into spaces
/// when they are written as they are (XML 1.0, 3.3.3 attribute-value normalization).
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in xml_chars(text) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::samples::{TRICKY, meta};

    /// The main feed and two category feeds, as a run plans them.
    fn feeds(base_url: Option<&str>) -> Vec<FeedMeta> {
        let site = FeedMeta { base_url: base_url.map(Into::into), ..meta() };
        let category = |name: &str, slug: &str| FeedMeta {
            title: format!("{} — {name}", site.title),
            description: format!("{} (category: {name})", site.description),
            dir: format!("categories/{slug}/"),
            ..site.clone()
        };
        vec![
            site.clone(),
            category("Politik", "politik"),
            category("Ékonomi & Bisnis", "ekonomi-bisnis"),
        ]
    }

    /// (text, xmlUrl, htmlUrl) of each outline, as roxmltree reads them.
    fn outlines(bytes: &[u8]) -> Vec<(String, String, String)> {
        let text = std::str::from_utf8(bytes).unwrap();
        let doc = roxmltree::Document::parse(text).unwrap();
        let root = doc.root_element();
        assert_eq!((root.tag_name().name(), root.attribute("version")), ("opml", Some("2.0")));
        doc.descendants()
            .filter(|n| n.has_tag_name("outline"))
            .map(|n| {
                assert_eq!(n.attribute("type"), Some("rss"));
                assert_eq!(n.attribute("text"), n.attribute("title"));
                let get = |name| n.attribute(name).unwrap_or_default().to_string();
                (get("text"), get("xmlUrl"), get("htmlUrl"))
            })
            .collect()
    }

    #[test]
    fn every_feed_is_listed_with_its_rss_url() {
        let base = "https://kabar.example.id/feeds/";
        let cases = [
            (
                Some(base),
                [
                    "https://kabar.example.id/feeds/rss.xml",
                    "https://kabar.example.id/feeds/categories/politik/rss.xml",
                    "https://kabar.example.id/feeds/categories/ekonomi-bisnis/rss.xml",
                ],
            ),
            (None, ["rss.xml", "categories/politik/rss.xml", "categories/ekonomi-bisnis/rss.xml"]),
        ];
        for (base_url, urls) in cases {
            let feeds = feeds(base_url);
            let got = outlines(&render(&feeds[0], &feeds).unwrap());
            let expected: Vec<_> = feeds
                .iter()
                .zip(urls)
                .map(|(f, url)| (f.title.clone(), url.to_string(), f.link.clone()))
                .collect();
            assert_eq!(got, expected, "{base_url:?}");
        }
    }

    #[test]
    fn the_main_feed_is_listed_once_and_first_whether_given_or_not() {
        let feeds = feeds(Some("https://kabar.example.id/feeds/"));
        let with = outlines(&render(&feeds[0], &feeds).unwrap());
        let without = outlines(&render(&feeds[0], &feeds[1..]).unwrap());
        let reordered = [feeds[1].clone(), feeds[0].clone(), feeds[2].clone()];
        let moved = outlines(&render(&feeds[0], &reordered).unwrap());
        assert_eq!(with.len(), 3);
        assert_eq!(with, without);
        assert_eq!(with, moved);
        assert_eq!(outlines(&render(&feeds[0], &[]).unwrap()).len(), 1);
    }

    #[test]
    fn the_head_and_the_outline_as_written() {
        let feeds = feeds(Some("https://kabar.example.id/feeds/"));
        let text = String::from_utf8(render(&feeds[0], &feeds[..1]).unwrap()).unwrap();
        let expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<opml version=\"2.0\">
  <head>
    <title>Kabar Contoh</title>
    <ownerName>Redaksi Kabar</ownerName>
  </head>
  <body>
    <outline text=\"Kabar Contoh\" title=\"Kabar Contoh\" type=\"rss\" version=\"RSS2\" xmlUrl=\"https://kabar.example.id/feeds/rss.xml\" htmlUrl=\"https://kabar.example.id/\" description=\"Berita contoh dari kabar\" language=\"id\"/>
  </body>
</opml>
";
        assert_eq!(text, expected);
    }

    #[test]
    fn awkward_text_reads_back_as_written() {
        // (written, read back): forbidden characters are dropped, the rest survives.
        let cases = [
            (TRICKY, TRICKY),
            ("Kutip \"ganda\" & 'tunggal'", "Kutip \"ganda\" & 'tunggal'"),
            ("tab\there\nline\r.", "tab\there\nline\r."),
            ("nul\u{0}bell\u{7}\u{fffe}", "nulbell"),
            ("Ékonomi — “Bisnis”", "Ékonomi — “Bisnis”"),
        ];
        for (written, read) in cases {
            let site = FeedMeta {
                title: written.into(),
                description: written.into(),
                author: Some(written.into()),
                ..meta()
            };
            let bytes = render(&site, &[]).unwrap();
            let text = String::from_utf8(bytes).unwrap();
            let doc = roxmltree::Document::parse(&text).unwrap();
            let outline = doc.descendants().find(|n| n.has_tag_name("outline")).unwrap();
            for name in ["text", "title", "description"] {
                assert_eq!(outline.attribute(name), Some(read), "{written:?} {name}");
            }
            for name in ["title", "ownerName"] {
                let node = doc.descendants().find(|n| n.has_tag_name(name)).unwrap();
                // Element text is normalized only for CR: XML reads "\r" alone as "\n".
                let expected = read.replace('\r', "\n");
                assert_eq!(node.text(), Some(expected.as_str()), "{written:?} {name}");
            }
        }
    }

    #[test]
    fn optional_attributes_are_left_out() {
        let site = FeedMeta { description: String::new(), language: None, author: None, ..meta() };
        let text = String::from_utf8(render(&site, &[]).unwrap()).unwrap();
        for absent in ["description=", "language=", "<ownerName>"] {
            assert!(!text.contains(absent), "{absent}: {text}");
        }
    }

    #[test]
    fn output_is_deterministic() {
        let feeds = feeds(None);
        assert_eq!(render(&feeds[0], &feeds).unwrap(), render(&feeds[0], &feeds).unwrap());
    }

    /// Writes `/tmp/…/feeds.opml` for the W3C validator, which knows OPML:
    /// `KABAR_WRITERS_DUMP=/tmp/kabar-writers cargo test --lib write::opml -- --ignored`.
    #[test]
    #[ignore = "writes a file for the external validators"]
    fn dump_for_the_validators() {
        let Some(dir) = std::env::var_os("KABAR_WRITERS_DUMP") else {
            return;
        };
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        let feeds = feeds(Some("https://kabar.example.id/feeds/"));
        std::fs::write(dir.join("feeds.opml"), render(&feeds[0], &feeds).unwrap()).unwrap();
    }
}
