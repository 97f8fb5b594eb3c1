//! Many feeds from one archive: a feed per category and per source outlet, each holding exactly
//! its articles.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::util::{CONFIG, Dir};

fn site() -> Dir {
    let dir = Dir::new();
    let config =
        CONFIG.replace("dir = \"feeds\"", "dir = \"feeds\"\ncategories = true\nsources = true");
    dir.write("config.toml", config);
    dir.fixture("txt/header-block.txt", "articles/pajak.txt");
    dir.fixture("txt/credit-block-dateline.txt", "articles/nelayan.txt");
    dir.fixture("md/yaml-front-matter.md", "articles/kupang.md");
    dir.fixture("md/toml-front-matter.md", "articles/bitung.md");
    dir.fixture("json/array.json", "articles/array.json");
    dir.write(
        "articles/desa.json",
        r#"[{"id": "d1", "title": "Satu", "date": "2024-05-05T10:00:00+07:00", "tags": ["Kabar Desa", "ekonomi"], "content": "Isi."},
            {"id": "d2", "title": "Dua", "date": "2024-05-06T10:00:00+07:00", "tags": ["kabar-desa"], "content": "Isi."}]"#,
    );
    dir
}

fn ids(feed: &Value) -> BTreeSet<String> {
    feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn each_category_and_source_feed_holds_exactly_its_articles() {
    let dir = site();
    dir.kabar(&["build", "--quiet"]).status(0);
    let articles = dir.kabar(&["normalize", "articles"]).status(0).json();
    let mut by_category: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut by_source: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for a in articles.as_array().unwrap() {
        let id = a["id"].as_str().unwrap().to_string();
        for c in a["categories"].as_array().unwrap() {
            by_category.entry(c.as_str().unwrap().to_lowercase()).or_default().insert(id.clone());
        }
        if let Some(s) = a["source"]["name"].as_str() {
            by_source.entry(s.to_string()).or_default().insert(id);
        }
    }
    let expected_categories = [
        ("ekonomi", "ekonomi"),
        ("nasional", "nasional"),
        ("pendidikan", "pendidikan"),
        ("kabar desa", "kabar-desa"),
        ("kabar-desa", "kabar-desa-2"),
    ];
    for (name, slug) in expected_categories {
        let feed: Value =
            serde_json::from_str(&dir.read(&format!("feeds/categories/{slug}/feed.json"))).unwrap();
        assert_eq!(ids(&feed), by_category[name], "category {name}");
        assert!(
            feed["feed_url"]
                .as_str()
                .unwrap()
                .ends_with(&format!("/feeds/categories/{slug}/feed.json"))
        );
        for file in ["rss.xml", "atom.xml"] {
            dir.kabar(&["check", &format!("feeds/categories/{slug}/{file}")]).status(0);
        }
    }
    assert_eq!(by_category.len(), expected_categories.len(), "{by_category:?}");
    for (name, articles) in &by_source {
        let slug = name.to_lowercase().replace(['.', ' '], "-");
        let feed: Value =
            serde_json::from_str(&dir.read(&format!("feeds/sources/{slug}/feed.json"))).unwrap();
        assert_eq!(&ids(&feed), articles, "source {name}");
        assert!(feed["title"].as_str().unwrap().ends_with(&format!("— {name}")));
    }
    // The main feed has everything.
    let main: Value = serde_json::from_str(&dir.read("feeds/feed.json")).unwrap();
    assert_eq!(ids(&main).len(), articles.as_array().unwrap().len());
}

#[test]
fn category_feeds_are_off_unless_asked_for() {
    let dir = site();
    dir.write("config.toml", CONFIG);
    dir.kabar(&["build", "--quiet"]).status(0);
    assert!(!dir.path().join("feeds/categories").exists());
    assert!(!dir.path().join("feeds/sources").exists());
}

#[test]
fn the_opml_lists_every_feed_and_the_page_links_each_for_discovery() {
    let dir = site();
    dir.kabar(&["build", "--quiet"]).status(0);
    let mut feeds: Vec<String> = vec!["feeds/rss.xml".into()];
    for folder in ["categories", "sources"] {
        for entry in std::fs::read_dir(dir.path().join("feeds").join(folder)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            feeds.push(format!("feeds/{folder}/{name}/rss.xml"));
        }
    }
    let opml = dir.read("feeds/feeds.opml");
    let page = dir.read("feeds/index.html");
    for feed in &feeds {
        let url = format!("https://example.org/{feed}");
        assert!(opml.contains(&format!("xmlUrl=\"{url}\"")), "{feed} missing from the OPML");
        let relative = feed.trim_start_matches("feeds/");
        for (file, kind) in
            [("rss.xml", "rss+xml"), ("atom.xml", "atom+xml"), ("feed.json", "feed+json")]
        {
            let href = relative.replace("rss.xml", file);
            let tag = format!("type=\"application/{kind}\"");
            assert!(
                page.lines().any(|l| l.contains("<link rel=\"alternate\"")
                    && l.contains(&tag)
                    && l.contains(&format!("href=\"{href}\""))),
                "no {kind} autodiscovery link for {href}"
            );
        }
    }
    assert_eq!(opml.matches("<outline ").count(), feeds.len());
}

/// Regression: an item's category `domain` (RSS) and `scheme` (Atom) were made from the slug
/// alone, so `kabar-desa`, whose feed is in `kabar-desa-2/` because `Kabar Desa` slugs alike,
/// pointed at the feed of `Kabar Desa`.
#[test]
fn categories_that_slug_alike_link_their_own_feed() {
    let dir = site();
    dir.kabar(&["build", "--quiet"]).status(0);
    let base = "https://example.org/feeds/";
    // (item title, category, the folder its URL names)
    let expected = [
        ("Satu", "Kabar Desa", "categories/kabar-desa/"),
        ("Satu", "ekonomi", "categories/ekonomi/"),
        ("Dua", "kabar-desa", "categories/kabar-desa-2/"),
    ];
    for feed in ["feeds/rss.xml", "feeds/atom.xml"] {
        let parsed = feed_rs::parser::parse(dir.read(feed).as_bytes()).unwrap();
        for (title, term, folder) in expected {
            let entry = parsed
                .entries
                .iter()
                .find(|e| e.title.as_ref().is_some_and(|t| t.content == title))
                .unwrap_or_else(|| panic!("{feed}: no item {title}"));
            let category = entry.categories.iter().find(|c| c.term == term).unwrap();
            let url = format!("{base}{folder}");
            assert_eq!(category.scheme.as_deref(), Some(url.as_str()), "{feed} {title} {term}");
        }
    }
    // Every category URL in every feed names a folder that holds that category's feed.
    let mut feeds = vec!["feeds/rss.xml".to_string(), "feeds/atom.xml".to_string()];
    for entry in std::fs::read_dir(dir.path().join("feeds/categories")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        feeds.push(format!("feeds/categories/{name}/rss.xml"));
        feeds.push(format!("feeds/categories/{name}/atom.xml"));
    }
    let mut urls = 0;
    for feed in &feeds {
        let parsed = feed_rs::parser::parse(dir.read(feed).as_bytes()).unwrap();
        for category in parsed.entries.iter().flat_map(|e| &e.categories) {
            let url = category.scheme.as_deref().unwrap_or_else(|| panic!("{feed}: no URL"));
            let folder = url.strip_prefix(base).unwrap();
            let target: Value =
                serde_json::from_str(&dir.read(&format!("feeds/{folder}feed.json"))).unwrap();
            let title = target["title"].as_str().unwrap().to_lowercase();
            assert!(
                title.ends_with(&format!("— {}", category.term.to_lowercase())),
                "{feed}: `{}` links {url}, the feed {title:?}",
                category.term
            );
            urls += 1;
        }
    }
    assert!(urls > 10, "{urls} category URLs");
}

#[test]
fn without_category_feeds_categories_link_no_feed() {
    let dir = site();
    dir.write("config.toml", CONFIG);
    dir.kabar(&["build", "--quiet"]).status(0);
    let rss = dir.read("feeds/rss.xml");
    assert!(rss.contains("<category>Kabar Desa</category>"), "{rss}");
    assert!(!rss.contains("domain="), "{rss}");
    assert!(!dir.read("feeds/atom.xml").contains("scheme="));
}

/// The files in a feed folder, sorted.
fn files_in(dir: &Dir, folder: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join(folder))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn the_feed_of_a_category_that_is_gone_is_removed_and_nothing_else() {
    let dir = site();
    dir.kabar(&["build", "--quiet"]).status(0);
    let feed_files = ["atom.xml", "feed.json", "rss.xml"];
    assert_eq!(files_in(&dir, "feeds/categories/kabar-desa-2"), feed_files);
    // Files kabar did not write: one in a folder it did, and a folder of someone else's.
    dir.write("feeds/categories/pendidikan/notes.txt", "mine");
    dir.write("feeds/categories/mine/rss.xml", "<rss/>");
    // `kabar-desa` is recategorized, and the only article in `Pendidikan` is deleted.
    let desa = dir.read("articles/desa.json").replace(r#"["kabar-desa"]"#, r#"["Ekonomi"]"#);
    dir.write("articles/desa.json", desa);
    let articles = dir.kabar(&["normalize", "articles"]).status(0).json();
    for article in articles.as_array().unwrap() {
        if article["categories"].to_string().contains("Pendidikan") {
            std::fs::remove_file(dir.path().join(article["path"].as_str().unwrap())).unwrap();
        }
    }

    let run = dir.kabar(&["build", "--dry-run"]).status(0);
    for folder in ["kabar-desa-2", "pendidikan"] {
        for file in feed_files {
            let path = format!("feeds/categories/{folder}/{file}");
            assert!(run.stderr.contains(&path), "{path}: {}", run.stderr);
            assert!(dir.path().join(&path).is_file(), "the dry run removed {path}");
        }
    }
    assert!(run.stderr.contains("would remove feeds/categories/kabar-desa-2/rss.xml"));

    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains(", 6 removed: their feeds are gone)"), "{}", run.stderr);
    assert!(!dir.path().join("feeds/categories/kabar-desa-2").exists());
    assert_eq!(files_in(&dir, "feeds/categories/pendidikan"), ["notes.txt"]);
    assert_eq!(dir.read("feeds/categories/mine/rss.xml"), "<rss/>");
    for folder in ["kabar-desa", "ekonomi", "nasional"] {
        assert_eq!(files_in(&dir, &format!("feeds/categories/{folder}")), feed_files, "{folder}");
    }
    for listing in ["feeds/index.html", "feeds/feeds.opml"] {
        let text = dir.read(listing);
        assert!(text.contains("categories/kabar-desa/rss.xml"), "{listing}");
        assert!(!text.contains("kabar-desa-2") && !text.contains("pendidikan/"), "{listing}");
    }
    // Nothing more to remove.
    let run = dir.kabar(&["build"]).status(0);
    assert!(!run.stderr.contains("removed"), "{}", run.stderr);

    // Source feeds switched off: every one of them goes, and the folder they were in.
    dir.write("config.toml", dir.read("config.toml").replace("sources = true", ""));
    dir.kabar(&["build", "--quiet"]).status(0);
    assert!(!dir.path().join("feeds/sources").exists());
    assert!(dir.path().join("feeds/categories/ekonomi/rss.xml").is_file());
    dir.kabar(&["check", "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json"]).status(0);
}
