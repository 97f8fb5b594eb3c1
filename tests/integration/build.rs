//! `kabar build`: the feeds it writes, what it says, and its exit statuses.

use crate::util::{CONFIG, Dir, repo};

/// A scratch site with the test configuration and the given fixtures under articles/.
fn site(fixtures: &[(&str, &str)]) -> Dir {
    let dir = Dir::new();
    dir.write("config.toml", CONFIG);
    for (fixture, to) in fixtures {
        dir.fixture(fixture, &format!("articles/{to}"));
    }
    dir
}

const GOOD: [(&str, &str); 4] = [
    ("txt/header-block.txt", "2024/header-block.txt"),
    ("txt/credit-block-dateline.txt", "2024/nelayan.txt"),
    ("md/yaml-front-matter.md", "2024/kupang.md"),
    ("json/array.json", "exports/array.json"),
];

#[test]
fn writes_the_three_feeds_and_a_summary_line() {
    let dir = site(&GOOD);
    let run = dir.kabar(&["build"]).status(0);
    for file in ["feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json"] {
        assert!(dir.path().join(file).is_file(), "{file} missing");
    }
    assert!(
        dir.read("feeds/rss.xml")
            .contains("<title>Pemerintah Perpanjang Tarif Pajak Final UMKM</title>")
    );
    let last = run.stderr.lines().last().unwrap();
    assert!(
        last.starts_with(
            "kabar: 4 files seen (4 read), 0 skipped, 5 articles accepted, 0 rejected; 3 feeds written"
        ),
        "{last}"
    );
}

#[test]
fn quiet_prints_nothing_when_all_is_well() {
    let dir = site(&GOOD);
    let run = dir.kabar(&["build", "--quiet"]).status(0);
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout, "");
}

#[test]
fn the_same_articles_give_the_same_bytes() {
    let dir = site(&GOOD);
    dir.kabar(&["build", "--quiet"]).status(0);
    let first: Vec<String> = ["rss.xml", "atom.xml", "feed.json"]
        .iter()
        .map(|f| dir.read(&format!("feeds/{f}")))
        .collect();
    let mtime = std::fs::metadata(dir.path().join("feeds/rss.xml")).unwrap().modified().unwrap();
    // Again into the same folder, and into a fresh one: byte-identical, and not rewritten.
    dir.kabar(&["build", "--quiet"]).status(0);
    dir.kabar(&["build", "--quiet", "--output", "fresh"]).status(0);
    for (i, f) in ["rss.xml", "atom.xml", "feed.json"].iter().enumerate() {
        assert_eq!(dir.read(&format!("feeds/{f}")), first[i], "{f} changed");
        assert_eq!(dir.read(&format!("fresh/{f}")), first[i], "fresh {f} differs");
    }
    assert_eq!(
        std::fs::metadata(dir.path().join("feeds/rss.xml")).unwrap().modified().unwrap(),
        mtime
    );
}

#[test]
fn newest_first_and_at_most_max_items() {
    let dir = site(&GOOD);
    dir.write("config.toml", CONFIG.replace("item_link", "max_items = 2\nitem_link"));
    dir.kabar(&["build", "--quiet"]).status(0);
    let feed: serde_json::Value = serde_json::from_str(&dir.read("feeds/feed.json")).unwrap();
    let titles: Vec<&str> =
        feed["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap()).collect();
    // 2024-05-12 (from the text), then 2024-05-10 14:32 WIB.
    assert_eq!(
        titles,
        [
            "Nelayan Cilacap Pulang Lebih Awal karena Gelombang Tinggi",
            "Pemerintah Perpanjang Tarif Pajak Final UMKM"
        ]
    );
}

#[test]
fn a_bad_input_is_reported_and_the_run_goes_on() {
    let dir = site(&GOOD);
    dir.fixture("jsonl/one-bad-line.jsonl", "articles/bad/lines.jsonl");
    dir.write("articles/photo.jpg", b"\xff\xd8");
    dir.write("articles/.hidden.txt", "Judul\n\nIsi.");
    let run = dir.kabar(&["build"]).status(0);
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].starts_with("articles/bad/lines.jsonl:2: error: invalid JSON"),
        "{}",
        errors[0]
    );
    assert!(
        run.stderr.contains("5 files seen (5 read), 2 skipped, 7 articles accepted, 1 rejected"),
        "{}",
        run.stderr
    );
    assert!(dir.read("feeds/atom.xml").contains("Baris ketiga"));
}

#[test]
fn strict_leaves_the_published_feeds_untouched() {
    let dir = site(&GOOD);
    dir.kabar(&["build", "--quiet"]).status(0);
    let before = dir.read("feeds/rss.xml");
    dir.fixture("txt/impossible-date.txt", "articles/2024/bad.txt");
    dir.fixture("txt/header-block.txt", "articles/2024/copy.txt");
    let run = dir.kabar(&["build", "--strict"]).status(1);
    assert!(run.stderr.contains("articles/2024/bad.txt: error: field `date`"), "{}", run.stderr);
    assert!(run.stderr.contains("no feeds written (--strict)"), "{}", run.stderr);
    assert_eq!(dir.read("feeds/rss.xml"), before);
}

#[test]
fn input_and_output_flags_override_the_configuration() {
    let dir = site(&[]);
    dir.fixture("md/yaml-front-matter.md", "elsewhere/kupang.md");
    dir.fixture("md/toml-front-matter.md", "other/bitung.md");
    dir.kabar(&["build", "--quiet", "--input", "elsewhere", "--input", "other", "--output", "out"])
        .status(0);
    let feed = dir.read("out/feed.json");
    assert!(
        feed.contains("Sekolah Rakyat Dibuka di Kupang") && feed.contains("Harbour Cranes"),
        "{feed}"
    );
    assert!(!dir.path().join("feeds").exists());
}

#[test]
fn configuration_errors_exit_2_and_name_the_key() {
    let cases = [
        ("[feed]\ntitle = \"x\"\nmax_item = 3\n", "config.toml:3: error: unknown field `max_item`"),
        (
            "[feed]\ntimezone = \"WIB\"\n",
            "config.toml: error: `feed.timezone` `WIB` is not an IANA zone name",
        ),
        (
            "[feed]\nmax_items = \"lima\"\n",
            "config.toml:2: error: invalid type: string \"lima\", expected usize",
        ),
    ];
    for (config, expected) in cases {
        let dir = Dir::new();
        dir.write("config.toml", config);
        let run = dir.kabar(&["build"]).status(2);
        assert!(run.stderr.contains(expected), "{config:?}: {}", run.stderr);
    }
    let dir = Dir::new();
    let run = dir.kabar(&["build", "--config", "missing.toml"]).status(2);
    assert!(
        run.stderr.starts_with("missing.toml: error: cannot read the configuration"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_repository_sample_builds_cleanly() {
    let dir = Dir::new();
    let config = std::fs::read_to_string(repo().join("config.toml")).unwrap();
    dir.write("config.toml", config);
    for entry in walk(&repo().join("articles")) {
        let rel = entry.strip_prefix(repo()).unwrap().to_str().unwrap().to_string();
        dir.write(&rel, std::fs::read(&entry).unwrap());
    }
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.errors().is_empty(), "{}", run.stderr);
    assert!(run.stderr.contains("0 rejected"), "{}", run.stderr);
    let feed: serde_json::Value = serde_json::from_str(&dir.read("feeds/feed.json")).unwrap();
    assert!(feed["items"].as_array().unwrap().len() >= 8);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The delay after which a build's progress bar appears, made zero so that these small builds
/// would draw it at once wherever it is allowed.
const BAR_AT_ONCE: [(&str, &str); 1] = [("KABAR_PROGRESS_DELAY_MS", "0")];

/// Whether a progress bar drew anything: it redraws its line with `\r` and escape codes.
fn drawn(text: &str) -> bool {
    text.replace("\r\n", "\n").contains(['\r', '\x1b'])
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = site(&GOOD);
    for args in [&["build"][..], &["build", "--dry-run"]] {
        let run = dir.kabar_with(&BAR_AT_ONCE, args).status(0);
        assert!(!drawn(&run.stderr), "{args:?}: {:?}", run.stderr);
        let last = run.stderr.lines().last().unwrap();
        assert!(last.starts_with("kabar: 4 files seen"), "{args:?}: {last}");
    }
}

#[test]
fn on_a_terminal_the_bar_is_cleared_before_the_messages() {
    let dir = site(&GOOD);
    dir.fixture("jsonl/one-bad-line.jsonl", "articles/bad/lines.jsonl");
    for (args, summary) in [
        (&["build"][..], "5 files seen (5 read), 0 skipped, 7 articles accepted, 1 rejected; "),
        (
            &["build", "--dry-run"],
            "5 files seen (1 read), 0 skipped, 7 articles accepted, 1 rejected; dry run",
        ),
    ] {
        let Some(run) = dir.kabar_on_a_terminal(&BAR_AT_ONCE, args) else { return };
        let screen = run.status(0).stdout;
        // The bar was drawn, then its line erased (ESC [2K)…
        let erased = screen.rfind("\x1b[2K").unwrap_or_else(|| panic!("{args:?}: {screen:?}"));
        assert!(screen[..erased].contains("indexing"), "{args:?}: {screen:?}");
        // …and what follows is the run's messages, whole, with nothing drawn over them.
        let messages = &screen[erased + "\x1b[2K".len()..];
        assert!(!drawn(messages), "{args:?}: {messages:?}");
        let lines: Vec<&str> = messages.lines().collect();
        assert!(lines[0].starts_with("articles/bad/lines.jsonl:2: error: "), "{args:?}: {lines:?}");
        let last = lines.last().unwrap();
        assert!(last.starts_with(&format!("kabar: {summary}")), "{args:?}: {last}");
    }
}

/// On a terminal too, no bar: with `--quiet`; on a terminal that cannot move the cursor
/// (indicatif's rule, from console: `TERM` unset or `dumb`); and for a run shorter than the delay
/// (an hour here, so that the case does not hang on the machine's speed).
#[test]
fn on_a_terminal_no_bar_when_quiet_dumb_or_quick() {
    let dir = site(&GOOD);
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str], bool);
    // (variables, arguments, whether the summary line is printed)
    let cases: [Case; 3] = [
        (&BAR_AT_ONCE, &["build", "--quiet"], false),
        (&[BAR_AT_ONCE[0], ("TERM", "dumb")], &["build"], true),
        (&[("KABAR_PROGRESS_DELAY_MS", "3600000")], &["build"], true),
    ];
    for (vars, args, summary) in cases {
        let Some(run) = dir.kabar_on_a_terminal(vars, args) else { return };
        let screen = run.status(0).stdout;
        assert!(!drawn(&screen), "{vars:?} {args:?}: {screen:?}");
        let last = screen.lines().last();
        assert_eq!(
            last.is_some_and(|l| l.starts_with("kabar: 4 files seen")),
            summary,
            "{screen:?}"
        );
    }
}
