//! Publishing from cron: incremental runs, the state file, the lock, killed runs, `--dry-run`
//! and `kabar check`.

use std::fs::File;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{CONFIG, Dir};

const FEEDS: [&str; 3] = ["rss.xml", "atom.xml", "feed.json"];

fn site() -> Dir {
    let dir = Dir::new();
    dir.write("config.toml", CONFIG);
    dir.fixture("txt/header-block.txt", "articles/pajak.txt");
    dir.fixture("md/yaml-front-matter.md", "articles/kupang.md");
    dir.fixture("json/array.json", "articles/array.json");
    dir
}

fn feed_json(dir: &Dir) -> Value {
    serde_json::from_str(&dir.read("feeds/feed.json")).unwrap()
}

fn item<'a>(feed: &'a Value, title: &str) -> Option<&'a Value> {
    feed["items"].as_array().unwrap().iter().find(|i| i["title"] == title)
}

fn mtime(dir: &Dir, rel: &str) -> std::time::SystemTime {
    std::fs::metadata(dir.path().join(rel)).unwrap().modified().unwrap()
}

#[test]
fn a_second_run_with_nothing_changed_reads_nothing_and_rewrites_nothing() {
    let dir = site();
    dir.kabar(&["build", "--quiet"]).status(0);
    let before: Vec<_> = FEEDS
        .iter()
        .map(|f| (dir.read(&format!("feeds/{f}")), mtime(&dir, &format!("feeds/{f}"))))
        .collect();
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("3 files seen (0 read)"), "{}", run.stderr);
    assert!(
        run.stderr.contains("3 feeds written to feeds (0 of 5 files changed)"),
        "{}",
        run.stderr
    );
    for (f, (bytes, time)) in FEEDS.iter().zip(before) {
        assert_eq!(dir.read(&format!("feeds/{f}")), bytes, "{f}");
        assert_eq!(mtime(&dir, &format!("feeds/{f}")), time, "{f} was rewritten");
    }
    let state = std::fs::read(dir.path().join("feeds/.kabar-state")).unwrap();
    assert!(state.starts_with(b"kabar-state\n\x08\0\0\0"), "{state:?}");
}

#[test]
fn an_edit_no_feed_shows_is_saved_and_leaves_the_feeds_alone() {
    let dir = Dir::new();
    dir.write("config.toml", CONFIG.replace("item_link", "max_items = 1\nitem_link"));
    let article = |date: &str, title: &str| {
        format!("Tanggal: {date}\n\n{title}\n\nJakarta, Kabar Uji -- {title}, kata warga.\n")
    };
    dir.write("articles/baru.txt", article("Jumat, 10 Mei 2024 | 14:32 WIB", "Pasar Baru Dibuka"));
    dir.write("articles/lama.txt", article("Rabu, 1 Januari 2020 | 08:00 WIB", "Jembatan Lama"));
    dir.kabar(&["build", "--quiet"]).status(0);
    let before: Vec<_> = FEEDS.iter().map(|f| mtime(&dir, &format!("feeds/{f}"))).collect();
    let shown = dir.read("feeds/feed.json");
    assert!(shown.contains("Pasar Baru Dibuka") && !shown.contains("Jembatan Lama"), "{shown}");

    // The shown article is rewritten behind kabar's back, same size and modification time: a
    // run that read it again to render would show the new title.
    let shown_file = dir.path().join("articles/baru.txt");
    let tamper = |title: &str| {
        let time = std::fs::metadata(&shown_file).unwrap().modified().unwrap();
        dir.write("articles/baru.txt", article("Jumat, 10 Mei 2024 | 14:32 WIB", title));
        File::options().write(true).open(&shown_file).unwrap().set_modified(time).unwrap();
    };
    tamper("Pasar Lama Dibuka");

    // The old article changes, but the feed shows only the newest: no feed is rendered again.
    dir.write("articles/lama.txt", article("Rabu, 1 Januari 2020 | 08:00 WIB", "Jembatan Tua"));
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("2 files seen (1 read)"), "{}", run.stderr);
    assert!(run.stderr.contains("(0 of 5 files changed)"), "{}", run.stderr);
    for (f, time) in FEEDS.iter().zip(&before) {
        assert_eq!(mtime(&dir, &format!("feeds/{f}")), *time, "{f} was rewritten");
    }
    assert_eq!(dir.read("feeds/feed.json"), shown, "the shown article was read again");
    tamper("Pasar Baru Dibuka");
    // Its new record was saved: the next run reads nothing.
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("2 files seen (0 read)"), "{}", run.stderr);

    // Dated newer, it is shown, and the feeds are written.
    dir.write("articles/lama.txt", article("Sabtu, 11 Mei 2024 | 09:00 WIB", "Jembatan Tua"));
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("(1 read)"), "{}", run.stderr);
    assert!(dir.read("feeds/feed.json").contains("Jembatan Tua"));
}

#[test]
fn a_rebuild_that_reads_nothing_still_names_what_it_leaves_out() {
    let dir = site();
    dir.fixture("hostile/duplicate-id-newer.md", "articles/ganda-baru.md");
    dir.fixture("hostile/duplicate-id-older.txt", "articles/ganda-lama.txt");
    let first = dir.kabar(&["build"]).status(0);
    let warning = "articles/ganda-lama.txt: warning: left out: `articles/ganda-baru.md` has the same id `kabar-ganda-1` and is kept as the newer one";
    assert!(first.stderr.lines().any(|l| l == warning), "{}", first.stderr);
    let again = dir.kabar(&["build"]).status(0);
    assert!(again.stderr.contains("5 files seen (0 read)"), "{}", again.stderr);
    assert!(again.stderr.lines().any(|l| l == warning), "{}", again.stderr);
    assert!(again.stderr.contains("(0 of 5 files changed)"), "{}", again.stderr);
}

#[test]
fn a_feed_edited_or_deleted_by_hand_is_restored_though_no_article_changed() {
    let dir = site();
    dir.kabar(&["build", "--quiet"]).status(0);
    let good = dir.read("feeds/atom.xml");
    dir.write("feeds/atom.xml", "<feed/>");
    std::fs::remove_file(dir.path().join("feeds/index.html")).unwrap();
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("(0 read)"), "{}", run.stderr);
    assert_eq!(dir.read("feeds/atom.xml"), good);
    assert!(dir.read("feeds/index.html").contains("<link rel=\"alternate\""));
    // Restored, and recorded as restored: the run after renders nothing.
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("(0 of 5 files changed)"), "{}", run.stderr);
}

#[test]
fn a_new_timezone_reads_every_file_again() {
    let dir = site();
    dir.kabar(&["build", "--quiet"]).status(0);
    dir.write("config.toml", CONFIG.replace("Asia/Jakarta", "Asia/Makassar"));
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("(3 read)"), "{}", run.stderr);
    // A date without a zone now reads as WITA.
    let feed = feed_json(&dir);
    assert!(feed.to_string().contains("+08:00"), "{feed}");
}

#[test]
fn a_changed_article_gets_an_updated_date_and_the_others_do_not() {
    let dir = site();
    dir.kabar(&["build", "--quiet"]).status(0);
    let started = chrono::Utc::now() - chrono::Duration::seconds(1);
    let text = dir.read("articles/kupang.md").replace("120 murid", "150 murid");
    dir.write("articles/kupang.md", text);
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("(1 read)"), "{}", run.stderr);
    let feed = feed_json(&dir);
    let changed = item(&feed, "Sekolah Rakyat Dibuka di Kupang").unwrap();
    let modified =
        chrono::DateTime::parse_from_rfc3339(changed["date_modified"].as_str().unwrap()).unwrap();
    assert!(modified >= started, "{modified} is before the run");
    assert!(changed["content_html"].as_str().unwrap().contains("150 murid"));
    let other = item(&feed, "Pemerintah Perpanjang Tarif Pajak Final UMKM").unwrap();
    assert!(other.get("date_modified").is_none(), "{other}");
    // Touching a file without changing its bytes changes nothing.
    let before = dir.read("feeds/atom.xml");
    dir.write("articles/pajak.txt", dir.read("articles/pajak.txt"));
    dir.kabar(&["build", "--quiet"]).status(0);
    assert_eq!(dir.read("feeds/atom.xml"), before);
}

#[test]
fn an_edited_configuration_reads_every_file_and_keeps_their_history() {
    let dir = site();
    dir.write("articles/tanpa-tanggal.txt", "Berita Tanpa Tanggal\n\nIsi tanpa tanggal apa pun.\n");
    let old = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let set_mtime = |at| {
        let path = dir.path().join("articles/tanpa-tanggal.txt");
        File::options().write(true).open(path).unwrap().set_modified(at).unwrap();
    };
    set_mtime(old);
    dir.kabar(&["build", "--quiet"]).status(0);
    let text = dir.read("articles/kupang.md").replace("120 murid", "150 murid");
    dir.write("articles/kupang.md", text);
    dir.kabar(&["build", "--quiet"]).status(0);
    let dates = |dir: &Dir| {
        let feed = feed_json(dir);
        let changed = item(&feed, "Sekolah Rakyat Dibuka di Kupang").unwrap();
        let undated = item(&feed, "Berita Tanpa Tanggal").unwrap();
        (changed["date_modified"].clone(), undated["date_published"].clone())
    };
    let before = dates(&dir);
    assert!(before.0.is_string(), "{before:?}");
    assert_eq!(before.1, "2023-11-15T05:13:20+07:00");
    // Touched, and a setting that shapes the records changes: every file is read again, but
    // the change of content keeps its date and the undated article the date it was first seen.
    set_mtime(old + Duration::from_secs(86_400));
    dir.write("config.toml", format!("{CONFIG}categories = true\n"));
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("4 files seen (4 read)"), "{}", run.stderr);
    assert_eq!(dates(&dir), before);
    // In another zone the same instants are written in its offset.
    dir.write("config.toml", CONFIG.replace("Asia/Jakarta", "Asia/Makassar"));
    dir.kabar(&["build", "--quiet"]).status(0);
    assert_eq!(dates(&dir).1, "2023-11-15T06:13:20+08:00");
}

#[test]
fn a_deleted_article_leaves_the_feeds() {
    let dir = site();
    dir.kabar(&["build", "--quiet"]).status(0);
    assert!(item(&feed_json(&dir), "Sekolah Rakyat Dibuka di Kupang").is_some());
    std::fs::remove_file(dir.path().join("articles/kupang.md")).unwrap();
    dir.kabar(&["build", "--quiet"]).status(0);
    assert!(item(&feed_json(&dir), "Sekolah Rakyat Dibuka di Kupang").is_none());
    let state = std::fs::read(dir.path().join("feeds/.kabar-state")).unwrap();
    assert!(!state.windows(9).any(|w| w == b"kupang.md"));
}

#[test]
fn a_renamed_file_keeps_its_explicit_id() {
    let dir = site();
    dir.kabar(&["build", "--quiet"]).status(0);
    std::fs::rename(
        dir.path().join("articles/array.json"),
        dir.path().join("articles/renamed.json"),
    )
    .unwrap();
    dir.kabar(&["build", "--quiet"]).status(0);
    let ids: Vec<String> = feed_json(&dir)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.contains(&"uji-1".to_string()) && ids.contains(&"uji-2".to_string()), "{ids:?}");
}

#[test]
fn a_corrupt_or_foreign_state_file_is_survived() {
    for junk in [
        &b"kabar-state\n\x08\0\0\0\x40\0\0\0\x07"[..],
        b"kabar-state\n\x01\0\0\0",
        b"{\"format\":\"kabar-state\",\"version\":1,\"files\":{}}",
        b"\0\x01",
    ] {
        let dir = site();
        dir.kabar(&["build", "--quiet"]).status(0);
        let good = dir.read("feeds/rss.xml");
        std::fs::write(dir.path().join("feeds/.kabar-state"), junk).unwrap();
        let run = dir.kabar(&["build"]).status(0);
        assert!(
            run.stderr.contains(".kabar-state: warning: the state file is ignored and rebuilt"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("(3 read)"), "{}", run.stderr);
        assert_eq!(dir.read("feeds/rss.xml"), good);
        let run = dir.kabar(&["build"]).status(0);
        assert!(
            run.stderr.contains("(0 read)") && !run.stderr.contains("ignored"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn an_article_without_a_date_keeps_the_date_it_was_first_seen() {
    let dir = site();
    dir.write(
        "articles/tanpa-tanggal.txt",
        "Berita Tanpa Tanggal\n\nIsi berita yang tidak menyebut tanggal apa pun.\n",
    );
    let old = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000); // 2023-11-14T22:13:20Z
    File::options()
        .write(true)
        .open(dir.path().join("articles/tanpa-tanggal.txt"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    dir.kabar(&["build", "--quiet"]).status(0);
    let date = |dir: &Dir| {
        item(&feed_json(dir), "Berita Tanpa Tanggal").unwrap()["date_published"].clone()
    };
    assert_eq!(date(&dir), "2023-11-15T05:13:20+07:00");
    // Touched later: the date it was first seen stays.
    File::options()
        .write(true)
        .open(dir.path().join("articles/tanpa-tanggal.txt"))
        .unwrap()
        .set_modified(old + Duration::from_secs(86_400))
        .unwrap();
    dir.kabar(&["build", "--quiet"]).status(0);
    assert_eq!(date(&dir), "2023-11-15T05:13:20+07:00");
    // With missing_date = "reject" it is an error that names the file.
    dir.write("config.toml", CONFIG.replace("item_link", "missing_date = \"reject\"\nitem_link"));
    let run = dir.kabar(&["build"]).status(0);
    assert!(
        run.stderr.contains(
            "articles/tanpa-tanggal.txt: error: article `tanpa-tanggal.txt` has no date anywhere"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn dry_run_says_what_would_change_and_writes_nothing() {
    let dir = site();
    let run = dir.kabar(&["build", "--dry-run"]).status(0);
    assert!(
        run.stderr.contains("dry run: would write feeds/rss.xml, feeds/atom.xml, feeds/feed.json"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("feeds").exists());
    dir.kabar(&["build", "--quiet"]).status(0);
    let run = dir.kabar(&["build", "--dry-run"]).status(0);
    assert!(run.stderr.contains("dry run: no feed would change"), "{}", run.stderr);
}

#[test]
fn a_held_lock_gives_status_75_or_is_waited_for() {
    let dir = site();
    std::fs::create_dir_all(dir.path().join("feeds")).unwrap();
    let lock = File::create(dir.path().join("feeds/.kabar.lock")).unwrap();
    lock.lock().unwrap();
    let run = dir.kabar(&["build", "--quiet"]).status(75);
    assert!(run.stderr.contains("feeds/.kabar.lock: error: another kabar run"), "{}", run.stderr);
    assert!(!dir.path().join("feeds/rss.xml").exists());
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        drop(lock);
    });
    let started = Instant::now();
    dir.kabar(&["build", "--quiet", "--wait", "10"]).status(0);
    assert!(started.elapsed() >= Duration::from_millis(400));
    releaser.join().unwrap();
}

/// A site big enough that a build takes a while: `n` articles with their own dates.
fn big_site(n: usize) -> Dir {
    let dir = Dir::new();
    dir.write("config.toml", CONFIG);
    let para = "Warga desa bergotong royong membangun jembatan bambu di atas sungai yang deras. "
        .repeat(20);
    for i in 0..n {
        let text = format!(
            "Tanggal: {} Januari 2024 {:02}:{:02} WIB\nKategori: Desa\n\nBerita Nomor {i}\n\nSEMARANG, Kabar Uji – {para}\n\n{para}\n",
            1 + i % 28,
            i % 24,
            i % 60
        );
        dir.write(&format!("articles/{:02}/{i:05}.txt", i % 50), text);
    }
    dir
}

#[test]
fn two_runs_started_together_one_waits_its_turn() {
    let dir = big_site(1500);
    let spawn = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_kabar"))
            .args(["build", "--quiet"])
            .args(extra)
            .current_dir(dir.path())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(&[]), spawn(&[]));
    let mut codes = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()]
        .map(|o| (o.status.code().unwrap(), String::from_utf8(o.stderr).unwrap()));
    codes.sort();
    assert_eq!(codes[0].0, 0, "{codes:?}");
    assert_eq!(codes[1].0, 75, "{codes:?}");
    assert!(codes[1].1.contains("another kabar run"), "{codes:?}");
    // With --wait both succeed, one after the other.
    let (a, b) = (spawn(&["--wait", "60"]), spawn(&["--wait", "60"]));
    assert_eq!(a.wait_with_output().unwrap().status.code(), Some(0));
    assert_eq!(b.wait_with_output().unwrap().status.code(), Some(0));
}

#[test]
fn a_run_killed_at_any_moment_leaves_valid_feeds() {
    let dir = big_site(1500);
    let started = Instant::now();
    dir.kabar(&["build", "--quiet"]).status(0);
    let full = started.elapsed();
    let old: Vec<String> = FEEDS.iter().map(|f| dir.read(&format!("feeds/{f}"))).collect();
    // Change every article, so that a full run rewrites every feed.
    for i in 0..1500 {
        let rel = format!("articles/{:02}/{i:05}.txt", i % 50);
        dir.write(&rel, dir.read(&rel).replace("bambu", "kayu"));
    }
    let mut kills = 0;
    // Kill moments spread over a whole run, the last ones while it writes the feeds.
    for share in [0.05, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 0.98, 1.0] {
        let delay = full.mul_f64(share);
        let delay_ms = delay.as_millis();
        let mut child = Command::new(env!("CARGO_BIN_EXE_kabar"))
            .args(["build", "--quiet"])
            .current_dir(dir.path())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
        for (f, old) in FEEDS.iter().zip(&old) {
            let now = dir.read(&format!("feeds/{f}"));
            let valid = dir.kabar(&["check", &format!("feeds/{f}")]);
            assert_eq!(valid.status, 0, "after a kill at {delay_ms} ms, {f}: {}", valid.stdout);
            assert!(
                now == *old || !now.contains("bambu"),
                "after a kill at {delay_ms} ms, {f} mixes old and new"
            );
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("feeds"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with(".kabar-") && n != ".kabar-state")
            .collect();
        // A killed run may leave a temporary file; it is never a feed and never read.
        assert!(leftovers.iter().all(|n| !FEEDS.contains(&n.as_str())), "{leftovers:?}");
    }
    assert!(kills > 0, "every run finished before it could be killed: make the site bigger");
    // The lock of a killed run does not block the next one, which finishes the job.
    dir.kabar(&["build", "--quiet"]).status(0);
    assert!(!dir.read("feeds/rss.xml").contains("bambu"));
}

#[test]
fn check_reports_problems_with_their_lines() {
    let dir = site();
    dir.kabar(&["build", "--quiet"]).status(0);
    let run = dir.kabar(&["check", "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json"]).status(0);
    assert_eq!(run.stdout.lines().filter(|l| l.contains(": ok: ")).count(), 3, "{}", run.stdout);
    let broken = dir.read("feeds/rss.xml").replacen("<pubDate>", "<pubDate>Kamis, ", 1);
    dir.write("bad.xml", broken);
    dir.write("bad.json", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"x\", \"items\": [{\"id\": \"a\", \"content_html\": \"x\", \"url\": \"/relative\"}]}");
    let run = dir.kabar(&["check", "bad.xml", "bad.json", "missing.xml"]).status(1);
    let errors: Vec<&str> = run.stdout.lines().filter(|l| l.contains(": error: ")).collect();
    assert!(
        errors.iter().any(|l| l.starts_with("bad.xml:") && l.contains("pubDate")),
        "{}",
        run.stdout
    );
    assert!(
        errors.iter().any(|l| l.starts_with("bad.json") && l.contains("/relative")),
        "{}",
        run.stdout
    );
    assert!(
        errors.iter().any(|l| l.starts_with("missing.xml: error: cannot read")),
        "{}",
        run.stdout
    );
}

#[test]
fn a_new_article_enters_its_feeds_and_only_they_are_written_again() {
    let dir = Dir::new();
    let config = CONFIG.replace("item_link", "max_items = 2\nitem_link") + "categories = true\n";
    dir.write("config.toml", &config);
    let article = |date: &str, tag: &str, title: &str| {
        format!("---\ntitle: {title}\ndate: {date}\ntags: [{tag}]\n---\n\nJakarta -- {title}.\n")
    };
    dir.write("articles/a.md", article("2024-05-01T08:00:00+07:00", "Ekonomi", "Harga Cabai"));
    dir.write("articles/b.md", article("2024-05-02T08:00:00+07:00", "Olahraga", "Final Liga"));
    dir.write("articles/c.md", article("2024-04-01T08:00:00+07:00", "Ekonomi", "Pasar Lama"));
    dir.kabar(&["build", "--quiet"]).status(0);
    let sport: Vec<_> =
        FEEDS.iter().map(|f| mtime(&dir, &format!("feeds/categories/olahraga/{f}"))).collect();

    // The cron job's everyday case: one new article, the newest of its category.
    dir.write("articles/d.md", article("2024-05-03T08:00:00+07:00", "Ekonomi", "Bank Sentral"));
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("4 files seen (1 read)"), "{}", run.stderr);
    // The main feed and the economy feed, three files each, and the page that lists them.
    assert!(run.stderr.contains("(7 of 11 files changed)"), "{}", run.stderr);
    for feed in ["feeds/feed.json", "feeds/categories/ekonomi/feed.json"] {
        let titles: Vec<String> = serde_json::from_str::<Value>(&dir.read(feed)).unwrap()["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["title"].as_str().unwrap().to_string())
            .collect();
        let newest = if feed.contains("ekonomi") { "Harga Cabai" } else { "Final Liga" };
        assert_eq!(titles, ["Bank Sentral", newest], "{feed}");
    }
    for (f, time) in FEEDS.iter().zip(&sport) {
        let path = format!("feeds/categories/olahraga/{f}");
        assert_eq!(mtime(&dir, &path), *time, "{path} was rewritten");
    }

    // Every feed is what a first build of the same articles writes.
    dir.write("fresh.toml", config.replace("dir = \"feeds\"", "dir = \"fresh\""));
    dir.kabar(&["build", "--quiet", "--config", "fresh.toml"]).status(0);
    let main = FEEDS.iter().chain(&["index.html", "feeds.opml"]).map(|f| f.to_string());
    let categories = ["ekonomi", "olahraga"]
        .iter()
        .flat_map(|c| FEEDS.iter().map(move |f| format!("categories/{c}/{f}")));
    for file in main.chain(categories) {
        assert_eq!(
            dir.read(&format!("feeds/{file}")),
            dir.read(&format!("fresh/{file}")),
            "{file}"
        );
    }

    // Corrected, it is read again and shown as it is now, as updated.
    dir.write("articles/d.md", article("2024-05-03T08:00:00+07:00", "Ekonomi", "Bank Sentral RI"));
    let run = dir.kabar(&["build"]).status(0);
    assert!(run.stderr.contains("4 files seen (1 read)"), "{}", run.stderr);
    let economy: Value =
        serde_json::from_str(&dir.read("feeds/categories/ekonomi/feed.json")).unwrap();
    let first = &economy["items"][0];
    assert_eq!(first["title"], "Bank Sentral RI");
    assert!(first["date_modified"].is_string(), "{first}");
    for (f, time) in FEEDS.iter().zip(&sport) {
        let path = format!("feeds/categories/olahraga/{f}");
        assert_eq!(mtime(&dir, &path), *time, "{path} was rewritten");
    }
}
