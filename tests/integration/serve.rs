//! `kabar serve` over loopback: the real binary on a free port, a real HTTP client (and raw
//! requests where a client would tidy the path up), and a clean stop by SIGTERM at the end of
//! every test.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, mpsc};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::blocking::Client;
use reqwest::header::{self, HeaderMap};

use crate::util::{CONFIG, Dir};

/// A site built by `kabar build`, with an index page and an OPML file beside the feeds.
fn site() -> Dir {
    let dir = Dir::new();
    dir.write("config.toml", CONFIG);
    dir.fixture("txt/header-block.txt", "articles/pajak.txt");
    dir.fixture("md/yaml-front-matter.md", "articles/kupang.md");
    dir.fixture("json/array.json", "articles/array.json");
    dir.kabar(&["build", "--quiet"]).status(0);
    dir.write("feeds/index.html", "<!doctype html>\n<title>Uji</title>\n<h1>Feeds</h1>\n");
    dir.write(
        "feeds/feeds.opml",
        "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head><title>Uji</title></head><body>\
         <outline type=\"rss\" text=\"Uji\" xmlUrl=\"https://example.org/feeds/rss.xml\"/>\
         </body></opml>\n",
    );
    dir
}

/// A running `kabar serve`; dropping it kills the process, so no test leaves one behind.
struct Server {
    child: Child,
    addr: String,
    /// stderr lines after the start line.
    lines: mpsc::Receiver<String>,
    start_line: String,
}

impl Server {
    fn start(dir: &Dir, args: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kabar"));
        command
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .current_dir(dir.path())
            .env_clear()
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for keep in ["PATH", "HOME"] {
            if let Some(value) = std::env::var_os(keep) {
                command.env(keep, value);
            }
        }
        let mut child = command.spawn().expect("kabar serve starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = std::io::BufReader::new(stderr);
            let mut line = String::new();
            while std::io::BufRead::read_line(&mut reader, &mut line).is_ok_and(|n| n > 0) {
                if send.send(line.trim_end().to_string()).is_err() {
                    break;
                }
                line.clear();
            }
        });
        let start_line = match lines.recv_timeout(Duration::from_secs(10)) {
            Ok(line) => line,
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("no start line from kabar serve: {e}");
            }
        };
        let addr = start_line
            .split_once(" at http://")
            .and_then(|(_, rest)| rest.split_once('/'))
            .map(|(addr, _)| addr.to_string())
            .unwrap_or_else(|| panic!("no address in the start line: {start_line}"));
        Server { child, addr, lines, start_line }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The next stderr line that contains `needle`, waiting up to `within`.
    fn wait_for_line(&self, needle: &str, within: Duration) -> String {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(e) => panic!("no stderr line with `{needle}` within {within:?}: {e}"),
            }
        }
    }

    /// SIGTERM, then the exit status, which must come within a few seconds.
    fn terminate(&mut self) -> ExitStatus {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "kill -TERM failed");
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if let Some(status) = self.child.try_wait().expect("waiting works") {
                return status;
            }
            assert!(Instant::now() < deadline, "kabar serve still runs 5 s after SIGTERM");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stops the server the way an operator does; it must exit 0.
    fn stop(mut self) {
        let status = self.terminate();
        assert_eq!(status.code(), Some(0), "kabar serve ended with {status}");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn client() -> Client {
    Client::builder().no_proxy().timeout(Duration::from_secs(10)).build().expect("an HTTP client")
}

fn text(headers: &HeaderMap, name: header::HeaderName) -> &str {
    headers.get(&name).and_then(|v| v.to_str().ok()).unwrap_or_else(|| panic!("no {name}"))
}

/// The status of a request sent byte for byte, path and all.
fn raw_status(addr: &str, path: &str) -> u16 {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response);
    response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line for {path}: {response}"))
}

#[test]
fn files_are_served_with_their_types_and_answered_304_when_unchanged() {
    let dir = site();
    let server = Server::start(&dir, &[]);
    assert_eq!(server.start_line, format!("kabar: serving feeds at http://{}/", server.addr));
    let client = client();
    let cases = [
        ("/rss.xml", "feeds/rss.xml", "application/rss+xml; charset=utf-8"),
        ("/atom.xml", "feeds/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/feed.json", "feeds/feed.json", "application/feed+json; charset=utf-8"),
        ("/feeds.opml", "feeds/feeds.opml", "text/x-opml; charset=utf-8"),
        ("/index.html", "feeds/index.html", "text/html; charset=utf-8"),
        ("/", "feeds/index.html", "text/html; charset=utf-8"),
    ];
    for (path, file, content_type) in cases {
        let response = client.get(server.url(path)).send().unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let headers = response.headers().clone();
        assert_eq!(text(&headers, header::CONTENT_TYPE), content_type, "{path}");
        assert_eq!(text(&headers, header::CACHE_CONTROL), "public, max-age=60", "{path}");
        assert_eq!(text(&headers, header::VARY), "Accept-Encoding", "{path}");
        let etag = text(&headers, header::ETAG).to_string();
        let modified = text(&headers, header::LAST_MODIFIED).to_string();
        assert!(etag.starts_with('"') && etag.ends_with('"') && etag.len() > 2, "{etag}");
        assert_eq!(response.bytes().unwrap(), dir.read(file).as_bytes(), "{path}");

        let again = |name, value: &str| client.get(server.url(path)).header(name, value).send();
        let current = again(header::IF_NONE_MATCH, &etag).unwrap();
        assert_eq!(current.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(text(current.headers(), header::ETAG), etag, "{path}");
        assert!(current.bytes().unwrap().is_empty(), "{path}: a 304 has no body");
        let list = format!("\"elsewhere\", W/{etag}");
        assert_eq!(again(header::IF_NONE_MATCH, &list).unwrap().status(), 304, "{path}");
        assert_eq!(again(header::IF_NONE_MATCH, "*").unwrap().status(), 304, "{path}");
        assert_eq!(again(header::IF_NONE_MATCH, "\"stale\"").unwrap().status(), 200, "{path}");
        assert_eq!(again(header::IF_MODIFIED_SINCE, &modified).unwrap().status(), 304, "{path}");
        let long_ago = "Sat, 01 Jan 2000 00:00:00 GMT";
        assert_eq!(again(header::IF_MODIFIED_SINCE, long_ago).unwrap().status(), 200, "{path}");
        // If-None-Match wins over If-Modified-Since.
        let both = client
            .get(server.url(path))
            .header(header::IF_NONE_MATCH, "\"stale\"")
            .header(header::IF_MODIFIED_SINCE, &modified)
            .send()
            .unwrap();
        assert_eq!(both.status(), StatusCode::OK, "{path}");
    }
    let missing = client.get(server.url("/nothing.xml")).send().unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let post = client.post(server.url("/rss.xml")).send().unwrap();
    assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(text(post.headers(), header::ALLOW), "GET, HEAD");
    server.stop();
}

#[test]
fn gzip_and_brotli_when_asked_for_and_head_without_a_body() {
    let dir = site();
    let server = Server::start(&dir, &[]);
    let client = client();
    let plain = dir.read("feeds/atom.xml").into_bytes();
    let get = |accept: &str| {
        let response = client
            .get(server.url("/atom.xml"))
            .header(header::ACCEPT_ENCODING, accept)
            .send()
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{accept}");
        let headers = response.headers().clone();
        (headers, response.bytes().unwrap().to_vec())
    };
    let decoded = |coding: &str, body: &[u8]| {
        let mut out = Vec::new();
        match coding {
            "gzip" => flate2::read::GzDecoder::new(body).read_to_end(&mut out).unwrap(),
            "br" => brotli::Decompressor::new(body, 4096).read_to_end(&mut out).unwrap(),
            other => panic!("unexpected coding {other}"),
        };
        out
    };
    let cases = [("gzip", "gzip"), ("gzip, deflate, br", "br"), ("br;q=0.5, gzip", "gzip")];
    for (accept, coding) in cases {
        let (headers, body) = get(accept);
        assert_eq!(text(&headers, header::CONTENT_ENCODING), coding, "{accept}");
        assert_eq!(text(&headers, header::VARY), "Accept-Encoding", "{accept}");
        assert!(body.len() < plain.len(), "{accept}: {} bytes", body.len());
        assert_eq!(decoded(coding, &body), plain, "{accept}");
        // The encoded representation has its own ETag, and revalidates like the file's.
        let etag = text(&headers, header::ETAG);
        assert!(etag.ends_with(&format!("-{coding}\"")), "{etag}");
        let revalidated = client
            .get(server.url("/atom.xml"))
            .header(header::ACCEPT_ENCODING, accept)
            .header(header::IF_NONE_MATCH, etag)
            .send()
            .unwrap();
        assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED, "{accept}");
    }
    let (headers, body) = get("identity");
    assert!(headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(body, plain);

    for accept in ["", "gzip"] {
        let (headers, body) = get(if accept.is_empty() { "identity" } else { accept });
        let head = client
            .head(server.url("/atom.xml"))
            .header(header::ACCEPT_ENCODING, if accept.is_empty() { "identity" } else { accept })
            .send()
            .unwrap();
        assert_eq!(head.status(), StatusCode::OK);
        for name in [header::CONTENT_TYPE, header::CONTENT_LENGTH, header::ETAG] {
            assert_eq!(head.headers().get(&name), headers.get(&name), "HEAD {accept}: {name}");
        }
        assert_eq!(text(head.headers(), header::CONTENT_LENGTH), body.len().to_string());
        assert!(head.bytes().unwrap().is_empty(), "HEAD has no body");
    }
    server.stop();
}

#[test]
fn nothing_outside_the_folder_is_served() {
    let dir = site();
    dir.write("feeds/sub/rss.xml", dir.read("feeds/rss.xml"));
    #[cfg(unix)]
    {
        let link = |target: &str, name: &str| {
            std::os::unix::fs::symlink(target, dir.path().join("feeds").join(name)).unwrap();
        };
        link("../config.toml", "config.xml");
        link("..", "up");
        link(".kabar-state", "state.json");
        link("rss.xml", "latest.xml");
    }
    let server = Server::start(&dir, &[]);
    let refused = [
        "/../config.toml",
        "/%2e%2e/config.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/sub/../../config.toml",
        "/..%2fconfig.toml",
        "/%2e%2e%5cconfig.toml",
        "/config.toml",
        "/.kabar-state",
        "/.kabar.lock",
        "/%2ekabar-state.json",
        "/sub/.kabar-state",
        "/articles/pajak.txt",
        "/config.xml",
        "/up/config.toml",
        "/state.json",
        "/rss.xml%00.html",
    ];
    for path in refused {
        if cfg!(not(unix)) && ["/config.xml", "/up/config.toml", "/state.json"].contains(&path) {
            continue;
        }
        assert_eq!(raw_status(&server.addr, path), 404, "{path}");
    }
    // What is inside is still served, through a folder or a symlink that stays inside.
    assert_eq!(raw_status(&server.addr, "/sub/rss.xml"), 200);
    assert_eq!(raw_status(&server.addr, "/sub/./../rss.xml"), 404, "dot segments are refused");
    assert_eq!(raw_status(&server.addr, "/sub"), 308, "a folder redirects to its slash form");
    #[cfg(unix)]
    assert_eq!(raw_status(&server.addr, "/latest.xml"), 200);
    server.stop();
}

#[test]
fn concurrent_readers_get_whole_feeds_while_builds_replace_them() {
    let dir = site();
    // Feeds of some size, so that a build's writes take a while.
    let long = "Paragraf panjang tentang anggaran daerah dan sekolah rakyat. ".repeat(20);
    let lines: Vec<String> = (0..24)
        .map(|i| {
            serde_json::json!({
                "id": format!("panjang-{i}"),
                "title": format!("Artikel panjang {i}"),
                "date": format!("2024-04-{:02}T08:00:00+07:00", i % 28 + 1),
                "content": long,
            })
            .to_string()
        })
        .collect();
    dir.write("articles/panjang.jsonl", lines.join("\n"));
    dir.kabar(&["build", "--quiet"]).status(0);
    let server = Server::start(&dir, &[]);
    let client = client();
    let building = Arc::new(AtomicBool::new(true));
    let start = Arc::new(Barrier::new(51));

    let readers: Vec<_> = (0..50)
        .map(|i| {
            let (client, url) =
                (client.clone(), server.url(["/rss.xml", "/atom.xml", "/feed.json"][i % 3]));
            let (building, start) = (Arc::clone(&building), Arc::clone(&start));
            std::thread::spawn(move || {
                start.wait();
                // Identical bodies check alike: each different one is kept once.
                let (mut bodies, mut responses) = (HashSet::new(), 0);
                // All 50 at once first; then on, paced so that the builds get some of the
                // two cores, for as long as they go on (bounded).
                for round in 0..500 {
                    if round >= 2 && !building.load(Ordering::Relaxed) {
                        break;
                    }
                    let response = client.get(&url).send().unwrap();
                    assert_eq!(response.status(), StatusCode::OK, "{url}");
                    bodies.insert(response.bytes().unwrap().to_vec());
                    responses += 1;
                    std::thread::sleep(Duration::from_millis(30));
                }
                (url, bodies, responses)
            })
        })
        .collect();

    start.wait();
    let kupang = dir.read("articles/kupang.md");
    for round in 0..5 {
        // Every build changes every feed: one article's text and another's title.
        let changed = format!("Sekolah rakyat ke-{round}, yang pertama");
        dir.write("articles/kupang.md", kupang.replace("Sekolah rakyat pertama", &changed));
        let mut renamed = lines.clone();
        renamed[round] = renamed[round].replace("Artikel panjang", "Judul baru");
        dir.write("articles/panjang.jsonl", renamed.join("\n"));
        dir.kabar(&["build", "--quiet"]).status(0);
    }
    building.store(false, Ordering::Relaxed);

    let mut distinct = HashMap::new();
    let mut responses = 0;
    for reader in readers {
        let (url, bodies, count) = reader.join().expect("a reader thread");
        responses += count;
        for body in bodies {
            distinct.entry(body).or_insert_with(|| url.clone());
        }
    }
    for (body, url) in &distinct {
        let problems = kabar::check::check(body);
        let errors: Vec<_> = problems.iter().filter(|p| p.is_error()).collect();
        assert!(errors.is_empty(), "{url}: a served body is not a whole feed: {errors:?}");
    }
    assert!(responses >= 100, "{responses} responses");
    // The builds did replace the files while they were being read.
    assert!(distinct.len() >= 9, "only {} different bodies were served", distinct.len());
    server.stop();
}

#[test]
fn rebuild_every_publishes_changes_and_skips_while_another_run_holds_the_lock() {
    let dir = site();
    let server = Server::start(&dir, &["--rebuild-every", "1s"]);
    assert!(server.start_line.ends_with("(rebuilding every 1s)"), "{}", server.start_line);
    let client = client();
    let title = "Sekolah Rakyat Dibuka di Kupang";
    let before = client.get(server.url("/rss.xml")).send().unwrap().text().unwrap();
    assert!(before.contains(title));

    // A cron run holding the lock: the rebuild says so and waits for the next tick.
    let lock = kabar::publish::Lock::acquire(&dir.path().join("feeds"), Duration::ZERO).unwrap();
    let skipped = server.wait_for_line("rebuild skipped", Duration::from_secs(5));
    // (The lock's message may name a wait between the two.)
    assert!(skipped.contains("holds the lock on this output folder"), "{skipped}");
    assert!(skipped.ends_with("; rebuild skipped"), "{skipped}");
    drop(lock);

    let text = dir.read("articles/kupang.md").replace(title, "Sekolah Rakyat Kedua Dibuka");
    dir.write("articles/kupang.md", text);
    let deadline = Instant::now() + Duration::from_secs(8);
    loop {
        let body = client.get(server.url("/rss.xml")).send().unwrap().text().unwrap();
        if body.contains("Sekolah Rakyat Kedua Dibuka") {
            break;
        }
        assert!(Instant::now() < deadline, "the served feed did not change within 8 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    let rebuilt = server.wait_for_line("kabar: rebuilt:", Duration::from_secs(5));
    assert!(rebuilt.contains("3 feeds written to"), "{rebuilt}");
    server.stop();
}

#[test]
fn sigterm_stops_promptly_with_a_reader_connected() {
    let dir = site();
    let mut server = Server::start(&dir, &[]);
    // A kept-alive connection that sits idle must not hold the shutdown up.
    let client = client();
    assert_eq!(client.get(server.url("/rss.xml")).send().unwrap().status(), StatusCode::OK);
    let idle = TcpStream::connect(&server.addr).unwrap();
    let started = Instant::now();
    let status = server.terminate();
    assert_eq!(status.code(), Some(0), "{status}");
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
    drop(idle);
}

#[test]
fn an_empty_folder_is_served_and_said_so() {
    let dir = Dir::new();
    dir.write("config.toml", CONFIG);
    let server = Server::start(&dir, &[]);
    assert!(
        server.start_line.ends_with("(the folder is empty: no feeds yet)"),
        "{}",
        server.start_line
    );
    assert_eq!(raw_status(&server.addr, "/rss.xml"), 404);
    assert_eq!(raw_status(&server.addr, "/"), 404);
    server.stop();
}

#[test]
fn a_busy_address_and_a_zero_period_are_refused() {
    let dir = Dir::new();
    dir.write("config.toml", CONFIG);
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let run = dir.kabar(&["serve", "--addr", &addr]).status(1);
    assert!(
        run.stderr.starts_with(&format!("kabar: error: cannot listen on `{addr}`: ")),
        "{}",
        run.stderr
    );
    let run = dir.kabar(&["serve", "--rebuild-every", "0s"]).status(2);
    assert!(run.stderr.contains("`0s` is zero"), "{}", run.stderr);
}
