//! Hostile and broken inputs, end to end: each one is a one-line error naming the file (and the
//! line where known), or an article with the bad part cleaned and a warning; the run goes on,
//! and every feed it writes stays valid.
//!
//! The fixtures are `tests/fixtures/hostile/` (one behaviour each, see the README there). Any
//! bytes as any input format, through the library, are the `any_file` target of
//! `tests/fuzz.rs`.

use std::collections::BTreeMap;

use feed_rs::model::Feed;
use serde_json::Value;

use crate::util::{CONFIG, Dir};

/// Every fixture of the folder (the `.gitattributes` that keeps their bytes is not one).
const FIXTURES: [&str; 27] = [
    "binary-nul.txt",
    "control-bytes.md",
    "cr-line-endings.md",
    "crlf.jsonl",
    "deep-content-html.jsonl",
    "deep-divs.html",
    "deep-json.json",
    "deep-lists.md",
    "duplicate-id-newer.md",
    "duplicate-id-older.txt",
    "forbidden-chars-raw.txt",
    "forbidden-chars.json",
    "iso-8859-1-meta.html",
    "markup-in-title.txt",
    "no-title.json",
    "nul-padding.txt",
    "scripts-in-content.json",
    "scripts-in-markdown.md",
    "scripts-in-page.html",
    "undecodable.json",
    "unsafe-ids.json",
    "utf16be-bom.md",
    "utf16le-bom-crlf.txt",
    "utf8-stray-bytes.md",
    "whitespace-zero-width.txt",
    "windows-1252.txt",
    "yaml-bomb.md",
];

/// The error line of each rejected input, in path order.
const ERRORS: [&str; 9] = [
    "articles/binary-nul.txt: error: looks like a binary file, not text (a NUL byte at byte 8)",
    "articles/control-bytes.md: error: looks like a binary file, not text (108 of its 132 characters are control characters)",
    "articles/deep-content-html.jsonl:2: error: the HTML is nested more than 512 levels deep: no article needs that",
    "articles/deep-divs.html:4: error: the HTML is nested more than 512 levels deep: no article needs that",
    "articles/deep-json.json:1: error: invalid JSON: recursion limit exceeded",
    "articles/deep-lists.md:8: error: the Markdown is nested more than 100 levels deep: no article needs that",
    "articles/no-title.json: error: the article has no title: give it a title field or a first line",
    "articles/undecodable.json:1: error: the file is not valid UTF-8 (first bad byte at line 1), nor text in `windows-1252`, the likeliest other encoding",
    "articles/yaml-bomb.md:10: error: invalid front matter: tags[0]: invalid type: sequence, expected a string",
];

/// A site with the test configuration and every hostile fixture under articles/.
fn site() -> Dir {
    let dir = Dir::new();
    dir.write("config.toml", CONFIG);
    for name in FIXTURES {
        dir.fixture(&format!("hostile/{name}"), &format!("articles/{name}"));
    }
    dir
}

/// The accepted articles of `kabar normalize`, by path (articles of one file in order).
fn normalized(dir: &Dir) -> BTreeMap<String, Vec<Value>> {
    let run = dir.kabar(&["normalize", "articles"]).status(1);
    let mut errors = run.errors();
    errors.sort_unstable();
    assert_eq!(errors, ERRORS);
    let mut by_path: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for article in run.json().as_array().unwrap() {
        let path = article["path"].as_str().unwrap().trim_start_matches("articles/").to_string();
        by_path.entry(path).or_default().push(article.clone());
    }
    by_path
}

fn one<'a>(articles: &'a BTreeMap<String, Vec<Value>>, path: &str) -> &'a Value {
    match articles.get(path).map(Vec::as_slice) {
        Some([article]) => article,
        other => panic!("{path}: expected one article, found {other:?}"),
    }
}

fn feed(dir: &Dir, file: &str) -> (String, Feed) {
    let text = dir.read(&format!("feeds/{file}"));
    let feed = feed_rs::parser::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{file}: {e}"));
    (text, feed)
}

#[test]
fn build_names_each_bad_input_goes_on_and_publishes_valid_feeds() {
    let dir = site();
    let run = dir.kabar(&["build"]).status(0);
    let mut errors = run.errors();
    errors.sort_unstable();
    assert_eq!(errors, ERRORS);
    let last = run.stderr.lines().last().unwrap();
    assert!(
        last.starts_with(
            "kabar: 27 files seen (27 read), 0 skipped, 21 articles accepted, 9 rejected; 3 feeds written"
        ),
        "{last}"
    );
    let check = dir.kabar(&["check", "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json"]);
    assert_eq!(check.status(0).stdout.lines().count(), 3);
    for file in ["rss.xml", "atom.xml", "feed.json"] {
        assert_eq!(feed(&dir, file).1.entries.len(), 21, "{file}");
    }
}

#[test]
fn every_encoding_and_layout_reads_the_same() {
    let dir = site();
    let articles = normalized(&dir);
    // (file, title, a phrase of the content, the decoding warning)
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "utf16le-bom-crlf.txt",
            "Jembatan Gantung Desa Sukamaju Diresmikan",
            "Warga menyebutnya “jembatan harapan”.</p>\n<p>Anak-anak",
            None,
        ),
        ("utf16be-bom.md", "Festival Kopi Gayo Dibuka", "kopi “arabika” dan café", None),
        (
            "windows-1252.txt",
            "Harga “Kopi” Naik – Kafé di Bandung Tutup",
            "Pemilik kafé mengatakan “tidak sanggup”",
            Some("decoded as windows-1252 (the file is not UTF-8)"),
        ),
        (
            "iso-8859-1-meta.html",
            "Resep Crème Brûlée ala Jogja",
            "Señora Ayu memadukan crème brûlée",
            Some("decoded as windows-1252, as its <meta charset> says (the file is not UTF-8)"),
        ),
        (
            "utf8-stray-bytes.md",
            "Pasar Terapung Banjarmasin Ramai Lagi",
            "Harga “jeruk” turun.</p>\n<p>Seorang pedagang berkata pasar ramai lagi “sejak libur”.",
            Some(
                "the file is UTF-8 except for 2 bytes (the first at line 8), read as windows-1252 or replaced with U+FFFD",
            ),
        ),
        (
            "cr-line-endings.md",
            "Kereta Cepat Tambah Jadwal",
            "akhir pekan.</p>\n<p>Tiket dijual",
            None,
        ),
        (
            "nul-padding.txt",
            "Padding NUL di Akhir Berkas",
            "terisi byte nol.</p>",
            Some(
                "512 NUL bytes at the end of the file left out (padding left by a crash or a copy)",
            ),
        ),
        (
            "whitespace-zero-width.txt",
            "Banjir Rob Rendam Pesisir Semarang",
            "laut pasang merendam",
            None,
        ),
    ];
    for (file, title, content, warning) in cases {
        let article = one(&articles, file);
        assert_eq!(article["title"], *title, "{file}");
        let html = article["content_html"].as_str().unwrap();
        assert!(html.contains(content), "{file}: {html}");
        let warnings: Vec<&str> =
            article["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
        assert_eq!(warnings, warning.as_slice(), "{file}");
    }
    // The headers of the CRLF and the tab-and-no-break-space files are read as headers.
    let semarang = one(&articles, "whitespace-zero-width.txt");
    assert_eq!(semarang["published"], "2024-03-12T10:00:00+07:00");
    assert_eq!(semarang["categories"], serde_json::json!(["Cuaca", "Pesisir"]));
    assert_eq!(semarang["summary"], "Air laut pasang merendam kawasan pesisir. Warga mengungsi.");
    let bridge = one(&articles, "utf16le-bom-crlf.txt");
    assert_eq!(bridge["published"], "2024-03-04T09:15:00+07:00");
    assert_eq!(bridge["categories"], serde_json::json!(["Daerah"]));
    assert_eq!(one(&articles, "utf8-stray-bytes.md")["published"], "2024-03-08T07:30:00+08:00");
    let crlf: Vec<&Value> = articles["crlf.jsonl"].iter().collect();
    assert_eq!(crlf.len(), 2);
    assert_eq!(crlf[0]["content_html"], "<p>Isi berita pertama. Baris kedua.</p>");
}

#[test]
fn characters_xml_forbids_never_reach_a_feed() {
    let dir = site();
    let articles = normalized(&dir);
    let json = one(&articles, "forbidden-chars.json");
    assert_eq!(json["title"], "Judul dengan karakter terlarang");
    assert_eq!(json["summary"], "Ringkasan bersih.");
    assert_eq!(json["authors"][0]["name"], "Budi Santoso");
    assert_eq!(json["categories"], serde_json::json!(["Hukum", "[1mTekno"]));
    assert_eq!(json["content_html"], "<p>Paragraf pertama dengan bel.</p>\n<p>Paragraf kedua.</p>");
    assert_eq!(
        one(&articles, "forbidden-chars-raw.txt")["title"],
        "Karakter Kontrol Mentah di Judul"
    );

    dir.kabar(&["build", "--quiet"]);
    for file in ["rss.xml", "atom.xml", "feed.json"] {
        let (text, _) = feed(&dir, file);
        let forbidden: Vec<char> = text
            .chars()
            .filter(|&c| {
                !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
            })
            .collect();
        assert!(forbidden.is_empty(), "{file}: {forbidden:?}");
        // JSON can escape them; it must not either.
        for escape in ["\\u0000", "\\u0001", "\\u000b", "\\u001b", "\\u001f", "\\ufffe"] {
            assert!(!text.to_lowercase().contains(escape), "{file}: {escape}");
        }
    }
}

#[test]
fn no_script_survives_and_relative_urls_become_absolute() {
    let dir = site();
    let articles = normalized(&dir);
    let expected: &[(&str, &[&str])] = &[
        (
            "scripts-in-content.json",
            &[
                r#"<a href="https://kabar.example/berita/lain" rel="noopener">tautan relatif</a>"#,
                r#"<img alt="Foto" src="https://kabar.example/2024/03/gambar/foto.jpg">"#,
                r#"<a href="https://cdn.kabar.example/x" rel="noopener">protokol relatif</a>"#,
                "<p>Klik <b>di sini</b>.</p>",
            ],
        ),
        (
            "scripts-in-page.html",
            &[
                r#"<a href="https://kabar.example/2024/arsip/2023" rel="noopener">arsip</a>"#,
                r#"<img alt="Kota Medan" src="https://kabar.example/foto/medan.jpg">"#,
                "<p>Paragraf ketiga dengan gaya.</p>",
            ],
        ),
        (
            "scripts-in-markdown.md",
            &[
                r#"<a href="https://kabar.example/kanal/palu" rel="noopener">relatif</a>"#,
                r#"<img src="https://kabar.example/2024/03/gambar/palu.jpg" alt="gambar">"#,
            ],
        ),
    ];
    for (file, kept) in expected {
        let html = one(&articles, file)["content_html"].as_str().unwrap();
        for piece in *kept {
            assert!(html.contains(piece), "{file}: {piece} not in {html}");
        }
    }

    dir.kabar(&["build", "--quiet"]);
    for file in ["rss.xml", "atom.xml", "feed.json"] {
        let (_, feed) = feed(&dir, file);
        for entry in &feed.entries {
            let html = entry.content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
            let lower = html.to_lowercase();
            for bad in [
                "<script",
                "<style",
                "<iframe",
                "<object",
                "<embed",
                "<form",
                "<meta",
                "<base",
                "<svg",
                "<math",
                "javascript:",
                "vbscript:",
                "data:",
                "alert(",
                "onerror",
                "onclick",
                "onload",
                "onmouseover",
                "style=",
            ] {
                assert!(!lower.contains(bad), "{file}: `{bad}` survived in {html}");
            }
            for url in [attribute_values(&html, "href"), attribute_values(&html, "src")].concat() {
                assert!(url.starts_with("https://") || url.starts_with("http://"), "{file}: {url}");
            }
        }
    }
}

/// The values of one attribute in serialized HTML (as ammonia writes it: double quotes).
fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let marker = format!(" {name}=\"");
    html.match_indices(&marker)
        .filter_map(|(at, m)| html.get(at + m.len()..)?.split('"').next())
        .collect()
}

#[test]
fn text_that_looks_like_markup_is_text_in_every_feed() {
    let title = "<b>Harga</b> Cabai & Bawang ]]> <script>alert(1)</script> Naik";
    let summary = "Ringkasan dengan <i>miring</i>, ]]> penutup CDATA, &amp; entitas dan <script>alert(1)</script>.";
    let dir = site();
    let articles = normalized(&dir);
    let article = one(&articles, "markup-in-title.txt");
    assert_eq!(article["title"], title);
    assert_eq!(article["summary"], summary);
    assert_eq!(article["categories"], serde_json::json!(["<b>Tebal</b>", "A & B"]));

    dir.kabar(&["build", "--quiet"]);
    let (json_text, _) = feed(&dir, "feed.json");
    let json: Value = serde_json::from_str(&json_text).unwrap();
    let item = json["items"].as_array().unwrap().iter().find(|i| i["title"] == title);
    let item = item.expect("the JSON Feed item, its title as written");
    assert_eq!(item["summary"], summary);
    assert_eq!(item["tags"], serde_json::json!(["<b>Tebal</b>", "A & B"]));
    for file in ["rss.xml", "atom.xml"] {
        let (text, feed) = feed(&dir, file);
        assert!(!text.contains("<b>Harga") && !text.contains("<script>"), "{file}");
        // A reader sees the title as text: feed-rs gives it back unchanged, and its HTML
        // escaping (Atom `type="html"`) is decoded once.
        let shown: Vec<String> = feed
            .entries
            .iter()
            .filter_map(|e| e.title.as_ref())
            .map(|t| match t.content_type.as_ref() {
                "text/html" => html_escape::decode_html_entities(&t.content).into_owned(),
                _ => t.content.clone(),
            })
            .collect();
        assert!(shown.iter().any(|t| t == title), "{file}: {shown:?}");
        // The summary is HTML in both: escaped once, it shows the text.
        let summaries: Vec<String> = feed
            .entries
            .iter()
            .filter_map(|e| e.summary.as_ref())
            .map(|s| html_escape::decode_html_entities(&s.content).into_owned())
            .collect();
        assert!(summaries.iter().any(|s| s == summary), "{file}: {summaries:?}");
    }
}

#[test]
fn ids_and_categories_that_look_like_paths_make_safe_links() {
    let dir = site();
    let articles = normalized(&dir);
    let unsafe_ids = &articles["unsafe-ids.json"];
    let links: Vec<&str> = unsafe_ids.iter().map(|a| a["link"].as_str().unwrap()).collect();
    assert_eq!(
        links,
        [
            "https://example.org/a/etc-passwd",
            "https://example.org/a/a-b-c-d",
            "https://example.org/a/nulid"
        ]
    );
    // Ids and categories stay text (the NUL gone); only links and file names are slugs.
    assert_eq!(unsafe_ids[0]["id"], "../../etc/passwd");
    assert_eq!(unsafe_ids[0]["categories"], serde_json::json!(["../", "/etc/cron.d", ".."]));
    assert_eq!(unsafe_ids[1]["categories"], serde_json::json!(["a/../b", "CON", "nulkategori"]));
    assert_eq!(unsafe_ids[2]["id"], "nulid");
    assert_eq!(unsafe_ids[2]["categories"], serde_json::json!([]));
    dir.kabar(&["build", "--quiet"]);
    let (atom, _) = feed(&dir, "atom.xml");
    assert!(!atom.contains("<id>../"), "a path is not an Atom id");
}

#[test]
fn two_articles_with_one_id_keep_the_newer_and_name_both() {
    let dir = site();
    let run = dir.kabar(&["build"]).status(0);
    let warning = "articles/duplicate-id-older.txt: warning: left out: `articles/duplicate-id-newer.md` has the same id `kabar-ganda-1` and is kept as the newer one";
    assert!(run.stderr.lines().any(|l| l == warning), "{}", run.stderr);
    for file in ["rss.xml", "atom.xml", "feed.json"] {
        let (text, _) = feed(&dir, file);
        assert!(text.contains("Versi Baru Berita Ganda"), "{file}");
        assert!(!text.contains("Versi Lama Berita Ganda"), "{file}");
    }
}

#[test]
fn slugs_of_hostile_ids_are_safe_in_paths_and_links() {
    use kabar::normalize::identity::slug;
    let cases = [
        "../../etc/passwd",
        "..",
        "../",
        "/",
        "a/b",
        "a\\b",
        "nul\0byte",
        "C:\\Windows\\system32",
        "CON",
        "%2e%2e%2f",
        "\u{202e}gpj.exe",
        "....//....//",
        "a\nb",
        " spasi ",
    ];
    for id in cases {
        let slug = slug(id);
        let safe = slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        assert!(safe, "{id:?} gave {slug:?}");
        assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{id:?}");
    }
}
