//! Every feed kabar writes, read back by another client (the `feed-rs` crate), holds what
//! `kabar normalize` says the articles are: titles, links, ids, dates with their offsets,
//! summaries, authors and categories.

use chrono::DateTime;
use feed_rs::model::{Entry, Feed};
use serde_json::Value;

use crate::util::{Dir, repo};

struct Site {
    dir: Dir,
    /// What `kabar normalize` printed for the same articles.
    articles: Vec<Value>,
}

fn sample_site() -> Site {
    let dir = Dir::new();
    let config = std::fs::read_to_string(repo().join("config.toml")).unwrap();
    dir.write("config.toml", config);
    let articles_dir = repo().join("articles");
    let run = dir.kabar(&["normalize", articles_dir.to_str().unwrap()]).status(0);
    let articles = run.json().as_array().unwrap().clone();
    assert!(articles.len() >= 8, "the sample has {} articles", articles.len());
    dir.kabar(&["build", "--quiet", "--input", articles_dir.to_str().unwrap()]).status(0);
    Site { dir, articles }
}

fn parse(dir: &Dir, file: &str) -> (String, Feed) {
    let text = dir.read(&format!("feeds/{file}"));
    let feed = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new()) // a missing id shows up as "" instead of a hash
        .build()
        .parse(text.as_bytes())
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    (text, feed)
}

fn instant(value: &Value) -> Option<DateTime<chrono::Utc>> {
    value.as_str().map(|s| DateTime::parse_from_rfc3339(s).unwrap().to_utc())
}

fn strs(value: &Value) -> Vec<String> {
    value.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

fn entry<'a>(feed: &'a Feed, article: &Value, id_of: impl Fn(&Entry) -> bool) -> &'a Entry {
    feed.entries
        .iter()
        .find(|e| id_of(e))
        .unwrap_or_else(|| panic!("no entry for {}", article["id"]))
}

fn check_common(e: &Entry, a: &Value, format: &str) {
    let title = e.title.as_ref().map(|t| t.content.as_str());
    assert_eq!(title, a["title"].as_str(), "{format} title");
    let links: Vec<&str> = e.links.iter().map(|l| l.href.as_str()).collect();
    assert!(
        links.contains(&a["link"].as_str().unwrap()),
        "{format} link of {}: {links:?}",
        a["id"]
    );
    assert_eq!(
        e.published.or(e.updated),
        instant(&a["published"]).or(instant(&a["updated"])),
        "{format} date of {}",
        a["id"]
    );
    let summary = e.summary.as_ref().map(|t| t.content.as_str());
    assert_eq!(summary, a["summary"].as_str(), "{format} summary of {}", a["id"]);
    let authors: Vec<&str> = e.authors.iter().filter_map(|p| p.name.as_deref()).collect();
    let expected: Vec<&str> =
        a["authors"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    if !expected.is_empty() {
        assert_eq!(authors, expected, "{format} authors of {}", a["id"]);
    }
    let categories: Vec<&str> = e.categories.iter().map(|c| c.term.as_str()).collect();
    assert_eq!(categories, strs(&a["categories"]), "{format} categories of {}", a["id"]);
}

/// The offset an article was written in, as RFC 2822 (`+0700`) and RFC 3339 (`+07:00`) write it.
fn offsets(a: &Value) -> (String, String) {
    let date = DateTime::parse_from_rfc3339(a["published"].as_str().unwrap()).unwrap();
    let rfc3339 = date.to_rfc3339();
    let colon = rfc3339[rfc3339.len() - 6..].to_string();
    (colon.replace(':', ""), colon)
}

#[test]
fn rss_holds_every_article() {
    let site = sample_site();
    let (text, feed) = parse(&site.dir, "rss.xml");
    assert_eq!(feed.entries.len(), site.articles.len());
    for a in &site.articles {
        let e = entry(&feed, a, |e| e.id == a["id"].as_str().unwrap());
        check_common(e, a, "rss");
        let date = DateTime::parse_from_rfc3339(a["published"].as_str().unwrap()).unwrap();
        assert!(
            text.contains(&format!("<pubDate>{}</pubDate>", date.to_rfc2822())),
            "pubDate of {}",
            a["id"]
        );
        let (plain, _) = offsets(a);
        assert!(date.to_rfc2822().ends_with(&plain));
    }
}

#[test]
fn atom_holds_every_article() {
    let site = sample_site();
    let (text, feed) = parse(&site.dir, "atom.xml");
    assert_eq!(feed.entries.len(), site.articles.len());
    let mut ids = std::collections::HashSet::new();
    for a in &site.articles {
        let id = a["id"].as_str().unwrap();
        // Ids that are absolute URLs are used as they are; the others become urn:uuid ids.
        let e = if id.starts_with("https://") {
            entry(&feed, a, |e| e.id == id)
        } else {
            entry(&feed, a, |e| {
                e.title.as_ref().is_some_and(|t| t.content == a["title"].as_str().unwrap())
            })
        };
        assert!(e.id == id || e.id.starts_with("urn:uuid:"), "atom id {}", e.id);
        assert!(ids.insert(e.id.clone()), "duplicate atom id {}", e.id);
        check_common(e, a, "atom");
        let published = a["published"].as_str().unwrap();
        assert!(
            text.contains(&format!("<published>{published}</published>")),
            "published {published} with its offset"
        );
    }
}

#[test]
fn json_feed_holds_every_article() {
    let site = sample_site();
    let (_, feed) = parse(&site.dir, "feed.json");
    let raw: Value = serde_json::from_str(&site.dir.read("feeds/feed.json")).unwrap();
    assert_eq!(raw["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(raw["feed_url"], "https://kabar.example.org/feeds/feed.json");
    for a in &site.articles {
        let e = entry(&feed, a, |e| e.id == a["id"].as_str().unwrap());
        check_common(e, a, "json");
        let item = raw["items"].as_array().unwrap().iter().find(|i| i["id"] == a["id"]).unwrap();
        assert_eq!(item["date_published"], a["published"], "the offset is kept");
        assert_eq!(item["content_html"], a["content_html"]);
    }
}

#[test]
fn feeds_agree_on_order_newest_first() {
    let site = sample_site();
    let mut expected: Vec<(&Value, &str)> =
        site.articles.iter().map(|a| (&a["published"], a["title"].as_str().unwrap())).collect();
    expected.sort_by_key(|(d, _)| std::cmp::Reverse(instant(d)));
    let expected: Vec<&str> = expected.iter().map(|(_, t)| *t).collect();
    for file in ["rss.xml", "atom.xml", "feed.json"] {
        let (_, feed) = parse(&site.dir, file);
        let titles: Vec<&str> =
            feed.entries.iter().map(|e| e.title.as_ref().unwrap().content.as_str()).collect();
        assert_eq!(titles, expected, "{file}");
    }
}
