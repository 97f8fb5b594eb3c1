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

/// Articles for the `[[feeds]]` filters: each line says what it is there to test.
const MIXED: &str = r#"{"id": "banjir", "title": "Banjir merendam Kampung Melayu", "date": "2024-05-01T08:00:00+07:00", "tags": ["Cuaca"], "source": "antaranews", "author": "Ani Lestari", "content": "Air setinggi satu meter merendam rumah warga sejak subuh."}
{"id": "kebanjiran", "title": "Warga kebanjiran lagi", "date": "2024-05-02T08:00:00+07:00", "tags": ["cuaca"], "content": "Air masuk ke rumah warga untuk ketiga kalinya bulan ini."}
{"id": "longsor", "title": "Jalan ke Puncak putus", "date": "2024-05-03T08:00:00+07:00", "tags": ["Bencana"], "summary": "Tanah longsor menutup jalan di Puncak.", "content": "Isi."}
{"id": "tanah", "title": "Harga tanah naik", "date": "2024-05-04T08:00:00+07:00", "tags": ["Ekonomi"], "summary": "Longsor harga tidak terjadi; tanah tetap mahal.", "content": "Isi."}
{"id": "ferry", "title": "Ferry service resumes after the storm", "date": "2024-05-05T08:00:00+07:00", "language": "en-GB", "source": "Reuters", "author": "Jane Doe <jane@example.org>", "tags": ["Cuaca"], "content": "The ferry began service on Tuesday."}
{"id": "rain", "title": "Rain again in the capital", "date": "2024-05-06T08:00:00+07:00", "language": "en", "tags": ["Cuaca"], "content": "More rain is expected this week."}
{"id": "rapat", "title": "Rapat dengar pendapat DPR", "date": "2024-05-07T08:00:00+07:00", "language": "id", "tags": ["Politik"], "author": "Budi Santoso", "content": "Rapat berlangsung hingga malam."}
"#;

const TABLES: &str = r#"
[[feeds]]
name = "Banjir & Longsor"
description = "Banjir dan tanah longsor"
keywords = ["BANJIR", "tanah longsor"]

[[feeds]]
name = "English"
title = "Uji in English"
languages = ["en"]

[[feeds]]
name = "cuaca-inggris"
categories = ["CUACA", "Bencana"]
languages = ["en-GB", "en-AU"]

[[feeds]]
name = "Penulis"
authors = ["ani lestari", "JANE@example.org"]
max_items = 1

[[feeds]]
name = "Antara"
sources = ["ANTARA", "Reuters"]

[[feeds]]
name = "Semua"
"#;

fn filtered_site() -> Dir {
    let dir = Dir::new();
    dir.write("config.toml", format!("{CONFIG}{TABLES}"));
    dir.write("articles/mixed.jsonl", MIXED);
    dir
}

fn feed_ids(dir: &Dir, folder: &str) -> Vec<String> {
    let feed: Value = serde_json::from_str(&dir.read(&format!("{folder}feed.json"))).unwrap();
    feed["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().into()).collect()
}

#[test]
fn feeds_tables_hold_exactly_the_articles_their_filters_select() {
    let dir = filtered_site();
    dir.kabar(&["build", "--quiet"]).status(0);
    let expected: [(&str, &[&str]); 6] = [
        // Whole words in the title or summary, whatever their case; a phrase its words in a row.
        ("feeds/feeds/banjir-longsor/", &["longsor", "banjir"]),
        // A language range holds its subtags too.
        ("feeds/feeds/english/", &["rain", "ferry"]),
        // Any of the values within a key, all of the keys.
        ("feeds/feeds/cuaca-inggris/", &["ferry"]),
        // By name or e-mail, whatever the case; at most max_items, the newest.
        ("feeds/feeds/penulis/", &["ferry"]),
        // An outlet's alias finds its articles under the canonical name.
        ("feeds/feeds/antara/", &["ferry", "banjir"]),
        // No filter: every article.
        (
            "feeds/feeds/semua/",
            &["rapat", "rain", "ferry", "tanah", "longsor", "kebanjiran", "banjir"],
        ),
    ];
    for (folder, ids) in expected {
        assert_eq!(feed_ids(&dir, folder), ids, "{folder}");
        for file in ["rss.xml", "atom.xml", "feed.json"] {
            dir.kabar(&["check", &format!("{folder}{file}")]).status(0);
        }
    }
    let english: Value = serde_json::from_str(&dir.read("feeds/feeds/english/feed.json")).unwrap();
    assert_eq!(english["title"], "Uji in English");
    assert_eq!(english["feed_url"], "https://example.org/feeds/feeds/english/feed.json");
    let named: Value =
        serde_json::from_str(&dir.read("feeds/feeds/banjir-longsor/feed.json")).unwrap();
    assert_eq!(named["title"], "Uji — Banjir & Longsor");
    assert_eq!(named["description"], "Banjir dan tanah longsor");
    // Listed for discovery, right after the main feed and in the order of the file.
    let opml = dir.read("feeds/feeds.opml");
    let order: Vec<usize> = ["feeds/rss.xml", "banjir-longsor/", "english/", "penulis/", "semua/"]
        .iter()
        .map(|f| opml.find(f).unwrap_or_else(|| panic!("{f} not in the OPML: {opml}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{opml}");
    let page = dir.read("feeds/index.html");
    for slug in ["banjir-longsor", "english", "cuaca-inggris", "penulis", "antara", "semua"] {
        let link = format!("href=\"feeds/{slug}/atom.xml\"");
        assert!(
            page.lines().any(|l| l.starts_with("<link rel=\"alternate\"") && l.contains(&link)),
            "no autodiscovery link for {slug}"
        );
    }
}

#[test]
fn a_changed_filter_reselects_and_a_removed_table_takes_its_feed_along() {
    let dir = filtered_site();
    dir.kabar(&["build", "--quiet"]).status(0);
    // Nothing read again when nothing changed: the matches are in the state.
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("1 files seen (0 read)"), "{}", run.stderr);
    assert_eq!(feed_ids(&dir, "feeds/feeds/english/"), ["rain", "ferry"]);

    let config =
        format!("{CONFIG}{TABLES}").replace("languages = [\"en\"]", "languages = [\"id\"]");
    let config = config.replace("[[feeds]]\nname = \"Semua\"\n", "");
    dir.write("config.toml", config);
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("1 files seen (1 read)"), "{}", run.stderr);
    // Indonesian by their own field (`rapat`) or as detected from their text.
    assert_eq!(
        feed_ids(&dir, "feeds/feeds/english/"),
        ["rapat", "tanah", "longsor", "kebanjiran", "banjir"]
    );
    assert!(run.stderr.contains("3 removed: their feeds are gone"), "{}", run.stderr);
    assert!(!dir.path().join("feeds/feeds/semua").exists());
    assert!(!dir.read("feeds/feeds.opml").contains("semua"));
}

#[test]
fn a_bad_feeds_table_is_an_error_naming_it_and_nothing_is_written() {
    let dir = filtered_site();
    let config =
        format!("{CONFIG}{TABLES}").replace("languages = [\"en\"]", "languages = [\"English\"]");
    dir.write("config.toml", config);
    let run = dir.kabar(&["build"]).status(2);
    assert_eq!(
        run.stderr.trim(),
        "config.toml: error: [[feeds]] 2: `languages` `English` is not a language tag such as `id` or `en-US`"
    );
    assert!(!dir.path().join("feeds").exists());
    dir.write("config.toml", format!("{CONFIG}[[feeds]]\nname = \"x\"\nkeyword = [\"banjir\"]\n"));
    let run = dir.kabar(&["build"]).status(2);
    assert!(run.stderr.contains("unknown field `keyword`"), "{}", run.stderr);
}

fn media_site() -> Dir {
    let dir = Dir::new();
    dir.write("config.toml", CONFIG);
    dir.write(
        "articles/2024/banjir.md",
        "---\ntitle: Banjir Surut di Kupang\ndate: 2024-05-06T09:00:00+07:00\n\
         image: {url: img/banjir.jpg}\n---\nWarga kembali ke rumah.\n",
    );
    dir.write("articles/2024/img/banjir.jpg", [0xffu8; 1234]);
    dir.write(
        "articles/pasar.json",
        r#"{"id": "pasar-1", "title": "Pasar Ikan Ramai", "date": "2024-05-05T08:00:00+07:00",
            "image": {"url": "https://cdn.example.org/pasar.jpg", "length": 48213},
            "content": "Nelayan pulang membawa tangkapan."}"#,
    );
    dir
}

/// (url, length) of the photo of the item titled `title`, as RSS, Atom and JSON Feed give it.
fn enclosures(dir: &Dir, title: &str) -> [(String, String); 3] {
    let rss = rss::Channel::read_from(dir.read("feeds/rss.xml").as_bytes()).unwrap();
    let item = rss.items().iter().find(|i| i.title() == Some(title)).unwrap();
    let enclosure = item.enclosure().expect("an RSS enclosure");
    let atom: atom_syndication::Feed = dir.read("feeds/atom.xml").parse().unwrap();
    let entry = atom.entries().iter().find(|e| e.title().as_str() == title).unwrap();
    let link = entry.links().iter().find(|l| l.rel() == "enclosure").expect("an Atom enclosure");
    let json: Value = serde_json::from_str(&dir.read("feeds/feed.json")).unwrap();
    let item = json["items"].as_array().unwrap().iter().find(|i| i["title"] == title).unwrap();
    let attachment = &item["attachments"][0];
    [
        (enclosure.url().to_string(), enclosure.length().to_string()),
        (link.href().to_string(), link.length().unwrap_or("").to_string()),
        (attachment["url"].as_str().unwrap().to_string(), attachment["size_in_bytes"].to_string()),
    ]
}

#[test]
fn an_image_beside_its_article_is_measured_and_a_given_length_is_kept() {
    let dir = media_site();
    dir.kabar(&["build", "--quiet"]).status(0);
    let local = ("https://example.org/img/banjir.jpg".to_string(), "1234".to_string());
    assert_eq!(enclosures(&dir, "Banjir Surut di Kupang"), [local.clone(), local.clone(), local]);
    let given = ("https://cdn.example.org/pasar.jpg".to_string(), "48213".to_string());
    assert_eq!(enclosures(&dir, "Pasar Ikan Ramai"), [given.clone(), given.clone(), given]);

    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("(0 read)"), "{}", run.stderr);
    assert!(run.stderr.contains("(0 of 5 files changed)"), "{}", run.stderr);

    // A new photo under the same name: no article changed, but its enclosure did.
    dir.write("articles/2024/img/banjir.jpg", [0xffu8; 2000]);
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("(0 read)"), "{}", run.stderr);
    assert!(!run.stderr.contains("(0 of 5 files changed)"), "{}", run.stderr);
    assert_eq!(enclosures(&dir, "Banjir Surut di Kupang")[0].1, "2000");
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("(0 of 5 files changed)"), "{}", run.stderr);
}

#[test]
fn an_image_that_is_not_there_leaves_its_enclosure_without_a_length() {
    let dir = media_site();
    std::fs::remove_file(dir.path().join("articles/2024/img/banjir.jpg")).unwrap();
    let run = dir.kabar(&["build"]).status(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let [rss, atom, json] = enclosures(&dir, "Banjir Surut di Kupang");
    assert_eq!((rss.1.as_str(), atom.1.as_str(), json.1.as_str()), ("0", "", "null"));
    // The photo arrives: the next run measures it.
    dir.write("articles/2024/img/banjir.jpg", [0xffu8; 10]);
    dir.kabar(&["build", "--quiet"]).status(0);
    assert_eq!(enclosures(&dir, "Banjir Surut di Kupang")[0].1, "10");
}

#[test]
fn a_feed_left_as_it_was_still_notices_its_photo_change() {
    let dir = media_site();
    dir.write("config.toml", format!("{CONFIG}categories = true\n"));
    dir.write(
        "articles/2024/banjir.md",
        "---\ntitle: Banjir Surut di Kupang\ndate: 2024-05-06T09:00:00+07:00\ntags: [Bencana]\n\
         image: {url: img/banjir.jpg}\n---\nWarga kembali ke rumah.\n",
    );
    dir.kabar(&["build", "--quiet"]).status(0);
    let disaster = "feeds/categories/bencana/feed.json";
    let length = |dir: &Dir| {
        let feed: Value = serde_json::from_str(&dir.read(disaster)).unwrap();
        feed["items"][0]["attachments"][0]["size_in_bytes"].clone()
    };
    assert_eq!(length(&dir), 1234);

    // A newer article of no category: the disaster feed is left as it was.
    dir.write(
        "articles/baru.md",
        "---\ntitle: Harga Beras Turun\ndate: 2024-05-07T09:00:00+07:00\n---\nPasar.\n",
    );
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("(1 read)"), "{}", run.stderr);

    // Its photo is still watched.
    dir.write("articles/2024/img/banjir.jpg", [0xffu8; 2000]);
    dir.kabar(&["build", "--quiet"]).status(0);
    assert_eq!(length(&dir), 2000);
}
