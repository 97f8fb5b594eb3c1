//! `kabar normalize`: what each input gives, and how rejections are reported.

use serde_json::Value;

use crate::util::{CONFIG, Dir, seed};

fn normalize(dir: &Dir, paths: &[&str]) -> crate::util::Run {
    dir.write("config.toml", CONFIG);
    let mut args = vec!["normalize", "--config", "config.toml"];
    args.extend_from_slice(paths);
    dir.kabar(&args)
}

fn strings(value: &Value) -> Vec<&str> {
    value.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect()
}

#[test]
fn the_users_example_article() {
    let Some(seed) = seed() else {
        eprintln!("skipped: ../shared/seeds is not there");
        return;
    };
    let dir = Dir::new();
    let run = normalize(&dir, &[seed.to_str().unwrap()]).status(0);
    let json = run.json();
    let article = &json[0];
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(article["title"], "Ribuan Warga Sipil Aleppo Berhasil Dievakuasi");
    let published = article["published"].as_str().unwrap();
    assert!(published.starts_with("2016-12-09T") && published.ends_with("+07:00"), "{published}");
    assert_eq!(article["published_from"], "text");
    assert_eq!(article["source"]["name"], "VIVA.co.id");
    assert_eq!(strings(&article["credits"]), ["REUTERS/Hosam Katan"]);
    assert_eq!(
        article["image"]["caption"],
        "Seorang pria memanggul remaja yang terluka di Aleppo."
    );
    assert_eq!(article["image"]["credit"], "REUTERS/Hosam Katan");
    let citations = strings(&article["citations"]);
    for cited in ["Sputnik", "Al Jazeera", "Reuters"] {
        assert!(citations.contains(&cited), "{cited} missing from {citations:?}");
    }
    assert_eq!(article["language"], "id");
    let summary = article["summary"].as_str().unwrap();
    assert!(summary.starts_with("Sekitar 8.500 warga sipil di Aleppo"), "{summary}");
    assert!(summary.chars().count() <= 280);
    // The caption and credit block are not content; the dateline is not in the summary.
    let content = article["content_html"].as_str().unwrap();
    assert!(!content.contains("Hosam Katan") && !content.contains("Sumber"), "{content}");
    assert!(!summary.contains("VIVA"), "{summary}");
    assert_eq!(article["id"], "000_53a2c289ee57cd07.txt");
}

#[test]
fn every_key_of_the_contract_is_there() {
    let dir = Dir::new();
    dir.fixture("txt/header-block.txt", "a/header-block.txt");
    let json = normalize(&dir, &["a"]).status(0).json();
    let keys: Vec<&str> = json[0].as_object().unwrap().keys().map(String::as_str).collect();
    for key in [
        "id",
        "title",
        "link",
        "published",
        "published_from",
        "published_date_only",
        "updated",
        "language",
        "authors",
        "source",
        "credits",
        "citations",
        "summary",
        "content_html",
        "categories",
        "image",
        "path",
        "warnings",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
}

#[test]
fn a_header_block_gives_the_fields() {
    let dir = Dir::new();
    dir.fixture("txt/header-block.txt", "a/header-block.txt");
    let a = &normalize(&dir, &["a"]).status(0).json()[0];
    assert_eq!(a["title"], "Pemerintah Perpanjang Tarif Pajak Final UMKM");
    assert_eq!(a["published"], "2024-05-10T14:32:00+07:00");
    assert_eq!(a["published_from"], "metadata");
    assert_eq!(strings(&a["categories"]), ["Ekonomi", "Nasional"]);
    assert_eq!(a["authors"][0]["name"], "Sri Handayani");
    assert_eq!(a["link"], "https://example.org/2024/05/pajak-umkm");
    assert_eq!(a["id"], "https://example.org/2024/05/pajak-umkm");
    assert_eq!(a["source"]["name"], "Kabar Uji");
    assert!(a["summary"].as_str().unwrap().starts_with("Tarif pajak final 0,5 persen"));
}

#[test]
fn credit_block_dateline_and_date_from_the_text() {
    let dir = Dir::new();
    dir.fixture("txt/credit-block-dateline.txt", "a/nelayan.txt");
    let a = &normalize(&dir, &["a"]).status(0).json()[0];
    assert_eq!(a["source"]["name"], "KabarKota.id");
    assert_eq!(strings(&a["credits"]), ["Kabar Uji/Yoga Saputra"]);
    assert_eq!(
        a["image"]["caption"],
        "Perahu nelayan bersandar di Pelabuhan Perikanan Samudera Cilacap."
    );
    assert_eq!(a["published"], "2024-05-12T00:00:00+07:00");
    assert_eq!(a["published_from"], "text");
    assert_eq!(strings(&a["citations"]), ["Warta Pesisir"]);
    assert_eq!(a["link"], "https://example.org/a/nelayan");
    assert!(a["summary"].as_str().unwrap().starts_with("Ratusan nelayan di Cilacap"));
}

#[test]
fn markdown_front_matter_yaml_and_toml() {
    let dir = Dir::new();
    dir.fixture("md/yaml-front-matter.md", "a/yaml.md");
    dir.fixture("md/toml-front-matter.md", "a/toml.md");
    let json = normalize(&dir, &["a"]).status(0).json();
    let toml = &json[0];
    assert_eq!(toml["title"], "Harbour Cranes Arrive in Bitung");
    assert_eq!(toml["published"], "2023-12-09T15:04:00-05:00");
    assert_eq!(toml["authors"][0]["name"], "Jon Rahman");
    assert_eq!(toml["authors"][0]["email"], "jon@example.org");
    assert_eq!(toml["language"], "en");
    assert_eq!(toml["source"]["name"], "Kabar Uji");
    let yaml = &json[1];
    assert_eq!(yaml["published"], "2024-05-02T09:00:00+08:00");
    assert_eq!(strings(&yaml["categories"]), ["Pendidikan"]);
    assert!(yaml["content_html"].as_str().unwrap().starts_with("<p>Kupang, Kabar Uji"));
}

#[test]
fn json_arrays_number_their_articles() {
    let dir = Dir::new();
    dir.fixture("json/array.json", "a/array.json");
    let json = normalize(&dir, &["a"]).status(0).json();
    assert_eq!(json[0]["id"], "uji-1");
    assert_eq!(json[1]["id"], "uji-2");
    // Unix seconds carry no offset: shown in the configured zone, the same instant.
    assert_eq!(json[1]["published"], "2024-05-01T16:00:00+07:00");
}

#[test]
fn rejected_inputs_name_the_file_and_line_and_the_rest_goes_on() {
    let dir = Dir::new();
    dir.fixture("jsonl/one-bad-line.jsonl", "a/lines.jsonl");
    dir.fixture("json/title-is-a-number.json", "a/title.json");
    dir.fixture("md/unclosed-front-matter.md", "a/unclosed.md");
    dir.fixture("txt/impossible-date.txt", "a/date.txt");
    dir.fixture("txt/blank.txt", "a/blank.txt");
    let run = normalize(&dir, &["a"]).status(1);
    let json = run.json();
    let titles: Vec<&str> =
        json.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Baris pertama", "Baris ketiga"]);
    let errors = run.errors();
    assert_eq!(errors.len(), 5, "{}", run.stderr);
    let expect = [
        "a/blank.txt: error: the file is empty",
        "a/date.txt: error: field `date`: ",
        "a/lines.jsonl:2: error: invalid JSON",
        "a/title.json",
        "a/unclosed.md:1: error: front matter opened with `---` is never closed",
    ];
    for (line, expected) in errors.iter().zip(expect) {
        assert!(line.starts_with(expected), "{line:?} should start with {expected:?}");
    }
    assert!(errors[1].contains("31 Februari 2017"), "{}", errors[1]);
    assert!(
        errors[3].contains(": error: field `title` should be a string, found a number"),
        "{}",
        errors[3]
    );
}

#[test]
fn a_missing_path_is_an_error() {
    let dir = Dir::new();
    let run = normalize(&dir, &["nowhere"]).status(1);
    assert_eq!(run.errors(), ["nowhere: error: no such file or folder"]);
}
