//! `kabar serve`: the output folder over HTTP, for feed apps.
//!
//! A reader of what [`publish`](crate::publish) committed, and nothing more. Each request opens
//! its file once and reads it whole; since a build renames finished files into place, an open
//! file is always one whole feed, old or new, however often a rebuild runs.
//!
//! What is served, and what is refused (404 either way, so that a probe learns nothing):
//!
//! | request | answer |
//! |---|---|
//! | a regular file under the output folder | 200, or 304 when the reader's copy is current |
//! | a folder | its `index.html`; `/sub` redirects to `/sub/` so relative links work |
//! | a segment starting with `.` (`..`, `.kabar-state`, `.kabar.lock`, temporary files) | 404 |
//! | `%2e%2e`, `%2f`, `\`, `:`, NUL, bytes that are not UTF-8 once percent-decoded | 404 |
//! | a symlink whose target is outside the folder, or is a dotfile inside it | 404 |
//! | a method other than GET and HEAD | 405 |
//!
//! Caching. The ETag is strong and made from the file's bytes (xxh3), not from its size and
//! modification time: an edit that keeps a feed's size within the same second of mtime would
//! otherwise keep the old ETag, and readers would never see it. Hashing costs microseconds next
//! to reading the file, which a request does anyway, and the same bytes give the same ETag on any
//! machine (builds are reproducible). An encoded body gets its own ETag (`"…-gzip"`, `"…-br"`),
//! as RFC 9110 asks of a different representation; `If-None-Match` compares the file's part, so
//! a reader's copy in any encoding is current when the file is. `If-Modified-Since` is only
//! looked at without `If-None-Match`. `Cache-Control: public, max-age=60`: readers poll every
//! quarter of an hour or so and cron rebuilds every few minutes, so a minute of staleness costs
//! nothing, while revalidation after it is a cheap 304.
//!
//! Compression. gzip or brotli, whichever `Accept-Encoding` ranks higher (brotli on a tie), for
//! text types; `Vary: Accept-Encoding` always goes with them. Encoded bodies are kept in memory
//! by file and content hash, so each version of a feed is compressed once per encoding.
//!
//! Rebuilds. With `--rebuild-every`, a task calls [`run::build`] on a blocking thread every
//! period, with the same settings, lock and atomic publishing as `kabar build`; a run that finds
//! the lock taken (by a cron run, say) is logged and skipped. Nothing is built at startup.
//!
//! Shutdown. On Ctrl-C or SIGTERM the server stops accepting connections, closes idle ones and
//! lets requests in flight finish (for up to [`DRAIN`]); a rebuild in flight is let finish too,
//! since killing it would gain nothing (it is atomic anyway) and waiting is short. A second
//! signal stops at once.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, Response, StatusCode, Uri, header};
use tokio::sync::{mpsc, watch};
use xxhash_rust::xxh3::xxh3_64;

use crate::check::{self, Format};
use crate::config::Settings;
use crate::publish::Outcome;
use crate::run::{self, BuildOptions, BuildReport};

/// How long requests in flight may take to finish once a shutdown is asked for.
pub const DRAIN: Duration = Duration::from_secs(10);

/// What every successful answer says about caching (see the module docs).
const CACHE_CONTROL: &str = "public, max-age=60";

/// Options of `kabar serve` beyond the settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen; port 0 picks a free port, which the start line names.
    pub addr: SocketAddr,
    /// Rebuild the feeds this often; never when `None`.
    pub rebuild_every: Option<Duration>,
}

/// Why the server could not start, or stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The output folder cannot be created or resolved.
    #[error("{}: error: cannot serve this folder: {source}", path.display())]
    Folder {
        /// The output folder.
        path: PathBuf,
        /// What the file system said.
        source: io::Error,
    },
    /// The address cannot be listened on.
    #[error("kabar: error: cannot listen on `{addr}`: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the system said.
        source: io::Error,
    },
    /// The runtime or the signal handlers could not be set up.
    #[error("kabar: error: cannot start the server: {0}")]
    Start(io::Error),
    /// The server failed while running.
    #[error("kabar: error: the server stopped: {0}")]
    Serve(io::Error),
}

/// Serves the output folder of `settings` until Ctrl-C or SIGTERM; the start line, rebuild
/// results and errors go to `log`, one line each.
pub fn serve(settings: Settings, options: &Options, log: &mut dyn Write) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("kabar-serve")
        .build()
        .map_err(Error::Start)?;
    let result = runtime.block_on(run_server(settings, options, log));
    // Requests still reading a file after the drain are not waited for any longer.
    runtime.shutdown_timeout(Duration::from_secs(1));
    result
}

async fn run_server(
    settings: Settings,
    options: &Options,
    log: &mut dyn Write,
) -> Result<(), Error> {
    let folder = |source| Error::Folder { path: settings.output_dir.clone(), source };
    // Like `build`, create the folder when missing, so that a server started before the first
    // build serves 404s rather than refusing to start.
    std::fs::create_dir_all(&settings.output_dir).map_err(folder)?;
    let root = settings.output_dir.canonicalize().map_err(folder)?;
    let empty = !has_visible_entries(&root).map_err(folder)?;

    // Signal handlers go in before the start line: whoever reads it may send SIGTERM at once.
    let mut stop_signal = StopSignal::new().map_err(Error::Start)?;
    let listener = tokio::net::TcpListener::bind(options.addr)
        .await
        .map_err(|source| Error::Bind { addr: options.addr, source })?;
    let local = listener.local_addr().map_err(Error::Start)?;

    let (log_tx, mut log_rx) = mpsc::unbounded_channel::<String>();
    let (stop_tx, stop_rx) = watch::channel(false);
    let site = Arc::new(Site { root, cache: Mutex::default(), log: log_tx.clone() });
    let app = Router::new().fallback(handle).with_state(site);
    let mut stopped = stop_rx.clone();
    let mut server = tokio::spawn(
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            })
            .into_future(),
    );

    let settings = Arc::new(settings);
    let rebuilder = options
        .rebuild_every
        .map(|every| tokio::spawn(rebuild_loop(Arc::clone(&settings), every, log_tx, stop_rx)));

    let mut notes = Vec::new();
    if empty {
        notes.push("the folder is empty: no feeds yet".to_string());
    }
    if let Some(every) = options.rebuild_every {
        notes.push(format!("rebuilding every {}", humantime::format_duration(every)));
    }
    let notes = match notes.is_empty() {
        true => String::new(),
        false => format!(" ({})", notes.join("; ")),
    };
    line(
        log,
        &format!("kabar: serving {} at http://{local}/{notes}", settings.output_dir.display()),
    );

    // Serve, writing log lines as they come, until a signal or a server failure.
    let failure = loop {
        tokio::select! {
            Some(text) = log_rx.recv() => line(log, &text),
            signal = stop_signal.recv() => {
                if let Err(e) = signal {
                    line(log, &format!("kabar: error: cannot wait for signals: {e}"));
                }
                break None;
            }
            ended = &mut server => break Some(match ended {
                Ok(Ok(())) => io::Error::other("the listener closed"),
                Ok(Err(e)) => e,
                Err(e) => io::Error::other(e),
            }),
        }
    };

    // Drain: requests in flight, then the rebuild in flight, still logging.
    let _ = stop_tx.send(true);
    let failed = failure.is_some();
    let drain = async {
        if !failed {
            let _ = tokio::time::timeout(DRAIN, &mut server).await;
        }
        if let Some(rebuilder) = rebuilder {
            let _ = rebuilder.await;
        }
    };
    tokio::pin!(drain);
    loop {
        tokio::select! {
            Some(text) = log_rx.recv() => line(log, &text),
            () = &mut drain => break,
            // A second signal means now: whatever is in flight is abandoned. A rebuild killed
            // halfway leaves every file it published whole, and its lock dies with the process.
            _ = stop_signal.recv() => {
                line(log, "kabar: stopping now, without waiting for work in flight");
                break;
            }
        }
    }
    while let Ok(text) = log_rx.try_recv() {
        line(log, &text);
    }
    match failure {
        Some(e) => Err(Error::Serve(e)),
        None => Ok(()),
    }
}

/// Writes one log line; a log that cannot be written is no reason to stop serving.
fn line(log: &mut dyn Write, text: &str) {
    let _ = writeln!(log, "{text}").and_then(|()| log.flush());
}

fn has_visible_entries(root: &Path) -> io::Result<bool> {
    for entry in std::fs::read_dir(root)? {
        if !entry?.file_name().to_string_lossy().starts_with('.') {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Ctrl-C (SIGINT) or SIGTERM, registered when made.
struct StopSignal {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl StopSignal {
    #[cfg(unix)]
    fn new() -> io::Result<StopSignal> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(StopSignal {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    #[cfg(not(unix))]
    fn new() -> io::Result<StopSignal> {
        Ok(StopSignal {})
    }

    #[cfg(unix)]
    async fn recv(&mut self) -> io::Result<()> {
        tokio::select! {
            _ = self.interrupt.recv() => Ok(()),
            _ = self.terminate.recv() => Ok(()),
        }
    }

    #[cfg(not(unix))]
    async fn recv(&mut self) -> io::Result<()> {
        tokio::signal::ctrl_c().await
    }
}

/// Rebuilds every `every` (first after one period) until told to stop; a rebuild in flight is
/// always let finish.
async fn rebuild_loop(
    settings: Arc<Settings>,
    every: Duration,
    log: mpsc::UnboundedSender<String>,
    mut stop: watch::Receiver<bool>,
) {
    let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    // A rebuild longer than the period delays the next one rather than starting a burst.
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            _ = stop.wait_for(|stop| *stop) => return,
        }
        let shared = Arc::clone(&settings);
        let result = tokio::task::spawn_blocking(move || {
            let options = BuildOptions {
                wait: Duration::ZERO,
                // Read at each rebuild, as `build` reads it at each run: it only dates changes.
                now: chrono::Utc::now().fixed_offset(),
                ..BuildOptions::default()
            };
            // No progress display: a server has no one watching its terminal.
            run::build(&shared, &options, &())
        })
        .await;
        let lines = match result {
            Ok(outcome) => rebuild_lines(&settings, outcome),
            Err(e) => vec![format!("kabar: error: the rebuild did not finish: {e}")],
        };
        for text in lines {
            let _ = log.send(text);
        }
        if *stop.borrow() {
            return;
        }
    }
}

/// What a rebuild tells the log: its rejections and a summary in the words of `kabar build`, or
/// why it did not run. A rebuild that found nothing new says nothing, and warnings are left
/// out, so that a server rebuilding every minute does not fill its log with repeats.
fn rebuild_lines(settings: &Settings, outcome: Result<BuildReport, run::Error>) -> Vec<String> {
    match outcome {
        Ok(report) => {
            let mut lines: Vec<String> = report.rejections.iter().map(|r| r.to_string()).collect();
            lines.extend(report.state_warning.clone());
            let changed = report.published.iter().filter(|(_, o)| *o != Outcome::Unchanged).count();
            if lines.is_empty() && report.read == 0 && changed == 0 {
                return lines;
            }
            let summary = report.summary(&run::BuildOptions::default(), &settings.output_dir);
            lines.push(format!("kabar: rebuilt: {summary}"));
            lines
        }
        Err(run::Error::Locked(e)) => vec![format!("{e}; rebuild skipped")],
        Err(e @ (run::Error::Publish(_) | run::Error::Check { .. })) => {
            e.to_string().lines().map(str::to_string).collect()
        }
        Err(e) => vec![format!("kabar: error: rebuild failed: {e}")],
    }
}

/// The served folder, shared by all requests.
struct Site {
    /// The output folder, canonical: every served file's canonical path starts with it.
    root: PathBuf,
    /// Encoded bodies by file and encoding, with the content hash they were made from.
    cache: Mutex<HashMap<(PathBuf, Coding), (u64, Bytes)>>,
    /// Where errors are logged.
    log: mpsc::UnboundedSender<String>,
}

/// The request fields an answer depends on.
#[derive(Debug, Default)]
struct Ask {
    /// The path as sent, percent-encoded.
    path: String,
    head: bool,
    if_none_match: Option<String>,
    if_modified_since: Option<String>,
    accept_encoding: Option<String>,
}

async fn handle(
    State(site): State<Arc<Site>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response<Body> {
    if method != Method::GET && method != Method::HEAD {
        let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let ask = Ask {
        path: uri.path().to_string(),
        head: method == Method::HEAD,
        if_none_match: text(header::IF_NONE_MATCH),
        if_modified_since: text(header::IF_MODIFIED_SINCE),
        accept_encoding: text(header::ACCEPT_ENCODING),
    };
    // File reads, hashing and compression block: they go to tokio's blocking pool.
    let served = Arc::clone(&site);
    match tokio::task::spawn_blocking(move || respond(&served, &ask)).await {
        Ok(response) => response,
        Err(e) => {
            let _ = site.log.send(format!("kabar: error: a request did not finish: {e}"));
            plain(StatusCode::INTERNAL_SERVER_ERROR, "internal server error\n")
        }
    }
}

/// The whole answer to one request (blocking: reads the file).
fn respond(site: &Site, ask: &Ask) -> Response<Body> {
    let not_found = || plain(StatusCode::NOT_FOUND, "not found\n");
    let Some(target) = target(&ask.path) else { return not_found() };
    let Some(path) = locate(&site.root, &target.segments) else { return not_found() };
    let path = match path {
        Located::File(path) => path,
        Located::Folder if !target.folder => {
            let mut response = plain(StatusCode::PERMANENT_REDIRECT, "");
            if let Ok(location) = HeaderValue::from_str(&folder_location(&target.segments)) {
                response.headers_mut().insert(header::LOCATION, location);
            }
            return response;
        }
        Located::Folder => return not_found(),
    };
    let (bytes, modified) = match read_file(&path) {
        Ok(Some(read)) => read,
        Ok(None) => return not_found(),
        Err(e) => {
            let _ = site.log.send(format!("{}: error: cannot read: {e}", path.display()));
            return plain(StatusCode::INTERNAL_SERVER_ERROR, "internal server error\n");
        }
    };
    let hash = xxh3_64(&bytes);
    let kind = content_type(&path, &bytes);
    let coding = match kind.compressible {
        true => ask.accept_encoding.as_deref().and_then(negotiate),
        false => None,
    };

    let mut headers = HeaderMap::new();
    let etag = format!("\"{hash:016x}{}\"", coding.map_or("", Coding::etag_suffix));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL));
    if let Ok(etag) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, etag);
    }
    if let Some(modified) = modified
        && let Ok(value) = HeaderValue::from_str(&httpdate::fmt_http_date(modified))
    {
        headers.insert(header::LAST_MODIFIED, value);
    }
    if kind.compressible {
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }

    let current = match &ask.if_none_match {
        Some(tags) => etag_matches(tags, hash),
        None => match (&ask.if_modified_since, modified) {
            (Some(since), Some(modified)) => not_modified_since(since, modified),
            _ => false,
        },
    };
    if current {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        *response.headers_mut() = headers;
        return response;
    }

    let body = match coding {
        Some(coding) => match encoded(site, &path, coding, hash, &bytes) {
            Ok(body) => {
                headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding.name()));
                body
            }
            Err(e) => {
                let _ = site.log.send(format!("{}: error: cannot compress: {e}", path.display()));
                return plain(StatusCode::INTERNAL_SERVER_ERROR, "internal server error\n");
            }
        },
        None => Bytes::from(bytes),
    };
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind.mime));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // HEAD: the headers of GET, Content-Length included, and no body.
    let mut response = Response::new(if ask.head { Body::empty() } else { Body::from(body) });
    *response.headers_mut() = headers;
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}

/// A request path, decoded and checked segment by segment.
#[derive(Debug, PartialEq, Eq)]
struct Target {
    /// The path's segments, percent-decoded; empty segments (`//`) are dropped.
    segments: Vec<String>,
    /// The path ends with `/`: a folder is asked for.
    folder: bool,
}

/// Decodes a request path; `None` when any segment could step out of the folder, name a
/// hidden file, or mean something else on another system.
fn target(path: &str) -> Option<Target> {
    let rest = path.strip_prefix('/')?;
    let mut segments = Vec::new();
    for raw in rest.split('/').filter(|s| !s.is_empty()) {
        let decoded = percent_encoding::percent_decode_str(raw).decode_utf8().ok()?;
        let refused = decoded.starts_with('.')
            || decoded.contains(['/', '\\', ':', '\0'])
            || decoded.chars().any(char::is_control);
        if refused {
            return None;
        }
        segments.push(decoded.into_owned());
    }
    Some(Target { segments, folder: path.ends_with('/') })
}

/// Characters escaped in a path segment of a `Location`.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/');

/// The slash form of a folder's path, rebuilt from its checked segments rather than echoed
/// from the request: `//host` would otherwise redirect a browser to another site.
fn folder_location(segments: &[String]) -> String {
    let mut location = String::from("/");
    for segment in segments {
        location.extend(percent_encoding::utf8_percent_encode(segment, SEGMENT));
        location.push('/');
    }
    location
}

/// Where a request leads on disk.
#[derive(Debug, PartialEq, Eq)]
enum Located {
    /// A file inside the folder (canonical path); whether it is a regular file is checked on
    /// the open handle.
    File(PathBuf),
    /// A folder inside it with no index.html.
    Folder,
}

/// Resolves the segments under `root` (canonical), following symlinks; `None` when the result
/// leaves the folder, passes through a hidden name, or does not exist.
fn locate(root: &Path, segments: &[String]) -> Option<Located> {
    let mut path = root.to_path_buf();
    path.extend(segments);
    let mut real = path.canonicalize().ok()?;
    if real.is_dir() {
        match real.join("index.html").canonicalize() {
            Ok(index) => real = index,
            Err(_) => {
                inside(root, &real)?;
                return Some(Located::Folder);
            }
        }
    }
    inside(root, &real)?;
    Some(Located::File(real))
}

/// `Some` when a canonical path lies in `root` by visible names only.
fn inside(root: &Path, real: &Path) -> Option<()> {
    let rel = real.strip_prefix(root).ok()?;
    let visible = |c: Component| match c {
        Component::Normal(name) => !name.to_string_lossy().starts_with('.'),
        _ => false,
    };
    rel.components().all(visible).then_some(())
}

/// Reads a regular file through one handle: its bytes and modification time. `None` when it
/// is gone or is not a regular file.
fn read_file(path: &Path) -> io::Result<Option<(Vec<u8>, Option<SystemTime>)>> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(Some((bytes, meta.modified().ok())))
}

/// A served file's media type, and whether it is worth compressing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Kind {
    mime: &'static str,
    compressible: bool,
}

/// Media types by extension. `.xml` and `.json` are looked at: a feed gets its feed type
/// whatever it is called (category feeds, renamed files), other XML and JSON the generic one.
const TYPES: &[(&str, &str, bool)] = &[
    ("html", "text/html; charset=utf-8", true),
    ("htm", "text/html; charset=utf-8", true),
    ("opml", "text/x-opml; charset=utf-8", true),
    ("rss", "application/rss+xml; charset=utf-8", true),
    ("atom", "application/atom+xml; charset=utf-8", true),
    ("xml", "application/xml; charset=utf-8", true),
    ("json", "application/json", true),
    // Stylesheets that make a feed readable in a browser.
    ("xsl", "text/xsl; charset=utf-8", true),
    ("xslt", "text/xsl; charset=utf-8", true),
    ("css", "text/css; charset=utf-8", true),
    ("txt", "text/plain; charset=utf-8", true),
    ("svg", "image/svg+xml", true),
    ("png", "image/png", false),
    ("jpg", "image/jpeg", false),
    ("jpeg", "image/jpeg", false),
    ("gif", "image/gif", false),
    ("webp", "image/webp", false),
    ("ico", "image/x-icon", false),
];

fn content_type(path: &Path, bytes: &[u8]) -> Kind {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    let ext = ext.as_deref().unwrap_or("");
    if matches!(ext, "xml" | "json") {
        let feed = match check::detect(bytes) {
            Some(Format::Rss) => Some("application/rss+xml; charset=utf-8"),
            Some(Format::Atom) => Some("application/atom+xml; charset=utf-8"),
            Some(Format::JsonFeed) => Some("application/feed+json; charset=utf-8"),
            None => None,
        };
        if let Some(mime) = feed {
            return Kind { mime, compressible: true };
        }
    }
    TYPES
        .iter()
        .find(|(e, _, _)| *e == ext)
        .map_or(Kind { mime: "application/octet-stream", compressible: false }, |&(_, mime, c)| {
            Kind { mime, compressible: c }
        })
}

/// A content coding the server can apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Coding {
    Brotli,
    Gzip,
}

impl Coding {
    fn name(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
        }
    }

    fn etag_suffix(self) -> &'static str {
        match self {
            Coding::Brotli => "-br",
            Coding::Gzip => "-gzip",
        }
    }
}

/// The coding to answer with, from `Accept-Encoding`: the higher quality of `br` and `gzip`
/// (`x-gzip` and `*` count), brotli on a tie; `None` (identity) when neither is acceptable.
fn negotiate(accept: &str) -> Option<Coding> {
    let (mut br, mut gzip, mut any) = (None, None, None);
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let mut quality = 1.0_f32;
        for param in parts {
            if let Some((key, value)) = param.split_once('=')
                && key.trim().eq_ignore_ascii_case("q")
            {
                // An unreadable weight refuses the coding rather than guessing.
                quality = value.trim().parse().unwrap_or(0.0);
            }
        }
        match name.as_str() {
            "br" => br = Some(quality),
            "gzip" | "x-gzip" => gzip = Some(quality),
            "*" => any = Some(quality),
            _ => {}
        }
    }
    let br = br.or(any).unwrap_or(0.0);
    let gzip = gzip.or(any).unwrap_or(0.0);
    match (br, gzip) {
        (b, g) if b > 0.0 && b >= g => Some(Coding::Brotli),
        (_, g) if g > 0.0 => Some(Coding::Gzip),
        _ => None,
    }
}

/// The encoded body of a file's current bytes, from the cache or made now.
fn encoded(site: &Site, path: &Path, coding: Coding, hash: u64, bytes: &[u8]) -> io::Result<Bytes> {
    let key = (path.to_path_buf(), coding);
    let cached = |cache: &HashMap<_, (u64, Bytes)>| {
        cache.get(&key).filter(|(h, _)| *h == hash).map(|(_, b)| b.clone())
    };
    if let Ok(cache) = site.cache.lock()
        && let Some(body) = cached(&cache)
    {
        return Ok(body);
    }
    let body = Bytes::from(compress(coding, bytes)?);
    if let Ok(mut cache) = site.cache.lock() {
        cache.insert(key, (hash, body.clone()));
    }
    Ok(body)
}

/// Compresses with settings that favour speed a little: gzip level 6 (its default) and brotli
/// quality 5, which already beats gzip -9 on feeds at a fraction of quality 11's time.
fn compress(coding: Coding, bytes: &[u8]) -> io::Result<Vec<u8>> {
    match coding {
        Coding::Gzip => {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(bytes)?;
            encoder.finish()
        }
        Coding::Brotli => {
            let mut out = Vec::new();
            {
                let mut encoder = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
                encoder.write_all(bytes)?;
                encoder.flush()?;
            }
            Ok(out)
        }
    }
}

/// Whether `If-None-Match` names the file's current content: `*`, or any listed tag whose
/// opaque part is the hash, with or without an encoding suffix. Weak comparison, as RFC 9110
/// asks for `If-None-Match`: a `W/` prefix is ignored.
fn etag_matches(header: &str, hash: u64) -> bool {
    let ours = format!("{hash:016x}");
    header.split(',').map(str::trim).any(|tag| {
        if tag == "*" {
            return true;
        }
        let tag = tag.strip_prefix("W/").unwrap_or(tag);
        let Some(opaque) = tag.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
            return false;
        };
        let base = [Coding::Gzip, Coding::Brotli]
            .iter()
            .find_map(|c| opaque.strip_suffix(c.etag_suffix()))
            .unwrap_or(opaque);
        base == ours
    })
}

/// Whether a file modified at `modified` is unchanged since the `If-Modified-Since` date (which
/// has whole seconds, like Last-Modified). An unreadable date is ignored, as RFC 9110 says.
fn not_modified_since(since: &str, modified: SystemTime) -> bool {
    let Ok(since) = httpdate::parse_http_date(since) else { return false };
    let seconds = |t: SystemTime| t.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_secs());
    match (seconds(modified), seconds(since)) {
        (Ok(modified), Ok(since)) => modified <= since,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths() {
        let cases: &[(&str, Option<&[&str]>)] = &[
            ("/", Some(&[])),
            ("/rss.xml", Some(&["rss.xml"])),
            ("/categories/politik/rss.xml", Some(&["categories", "politik", "rss.xml"])),
            ("//rss.xml", Some(&["rss.xml"])),
            ("/berita%20baru.xml", Some(&["berita baru.xml"])),
            ("/caf%C3%A9.xml", Some(&["café.xml"])),
            ("/../config.toml", None),
            ("/a/../../config.toml", None),
            ("/%2e%2e/config.toml", None),
            ("/%2E%2E/config.toml", None),
            ("/.%2e/config.toml", None),
            ("/..%2fconfig.toml", None),
            ("/%2f..%2fconfig.toml", None),
            ("/..\\config.toml", None),
            ("/%5c..%5cconfig.toml", None),
            ("/.kabar-state", None),
            ("/.kabar.lock", None),
            ("/%2ekabar.lock", None),
            ("/sub/.hidden/rss.xml", None),
            ("/./rss.xml", None),
            ("/C:/Windows/win.ini", None),
            ("/rss.xml%00.html", None),
            ("/%ff.xml", None),
            ("rss.xml", None),
            ("*", None),
        ];
        for (path, expected) in cases {
            let expected = expected.map(|e| e.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert_eq!(target(path).map(|t| t.segments), expected, "{path}");
        }
        assert!(target("/sub/").is_some_and(|t| t.folder));
        let location = |path: &str| target(path).map(|t| folder_location(&t.segments));
        assert_eq!(location("//evil.example").as_deref(), Some("/evil.example/"));
        assert_eq!(
            location("/kategori/berita%20baru").as_deref(),
            Some("/kategori/berita%20baru/")
        );
        assert!(target("/sub").is_some_and(|t| !t.folder));
    }

    #[test]
    fn accept_encoding() {
        let cases: &[(&str, Option<Coding>)] = &[
            ("gzip", Some(Coding::Gzip)),
            ("br", Some(Coding::Brotli)),
            ("gzip, deflate, br", Some(Coding::Brotli)),
            ("gzip, deflate, br, zstd", Some(Coding::Brotli)),
            ("br;q=0.5, gzip", Some(Coding::Gzip)),
            ("br;q=0, gzip;q=0.1", Some(Coding::Gzip)),
            ("GZIP", Some(Coding::Gzip)),
            ("x-gzip", Some(Coding::Gzip)),
            ("*", Some(Coding::Brotli)),
            ("*;q=0.3, br;q=0.1", Some(Coding::Gzip)),
            ("gzip;q=0, br;q=0", None),
            ("gzip;q=nonsense", None),
            ("identity", None),
            ("deflate", None),
            ("", None),
        ];
        for (header, expected) in cases {
            assert_eq!(negotiate(header), *expected, "{header}");
        }
    }

    #[test]
    fn if_none_match() {
        let hash = 0x0123_4567_89ab_cdef;
        let cases: &[(&str, bool)] = &[
            ("\"0123456789abcdef\"", true),
            ("W/\"0123456789abcdef\"", true),
            ("\"0123456789abcdef-gzip\"", true),
            ("\"0123456789abcdef-br\"", true),
            ("\"other\", \"0123456789abcdef\"", true),
            ("*", true),
            ("\"0123456789abcdee\"", false),
            ("0123456789abcdef", false),
            ("\"0123456789abcdef-zstd\"", false),
            ("", false),
        ];
        for (header, expected) in cases {
            assert_eq!(etag_matches(header, hash), *expected, "{header}");
        }
    }

    #[test]
    fn if_modified_since() {
        let modified = SystemTime::UNIX_EPOCH + Duration::from_millis(1_700_000_000_500);
        let cases: &[(&str, bool)] = &[
            // 1_700_000_000 is Tue, 14 Nov 2023 22:13:20 GMT; Last-Modified drops the 500 ms.
            ("Tue, 14 Nov 2023 22:13:20 GMT", true),
            ("Tue, 14 Nov 2023 22:13:21 GMT", true),
            ("Tue, 14 Nov 2023 22:13:19 GMT", false),
            ("Tuesday, 14-Nov-23 22:13:20 GMT", true),
            ("yesterday", false),
        ];
        for (header, expected) in cases {
            assert_eq!(not_modified_since(header, modified), *expected, "{header}");
        }
    }

    #[test]
    fn content_types() {
        let rss = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel></channel></rss>";
        let atom = b"<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>";
        let json = b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}";
        let cases: &[(&str, &[u8], &str)] = &[
            ("rss.xml", rss, "application/rss+xml; charset=utf-8"),
            ("atom.xml", atom, "application/atom+xml; charset=utf-8"),
            ("feed.json", json, "application/feed+json; charset=utf-8"),
            ("politik.xml", atom, "application/atom+xml; charset=utf-8"),
            ("sitemap.xml", b"<urlset/>", "application/xml; charset=utf-8"),
            ("data.json", b"{}", "application/json"),
            ("index.html", b"<!doctype html>", "text/html; charset=utf-8"),
            ("feeds.opml", b"<opml/>", "text/x-opml; charset=utf-8"),
            ("INDEX.HTML", b"", "text/html; charset=utf-8"),
            ("logo.png", b"", "image/png"),
            ("notes", b"", "application/octet-stream"),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(content_type(Path::new(name), bytes).mime, *expected, "{name}");
        }
    }

    #[test]
    fn compressed_bodies_decompress_to_the_file() {
        let bytes = "<rss>kabar</rss>\n".repeat(200).into_bytes();
        let gzip = compress(Coding::Gzip, &bytes).unwrap();
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gzip[..]).read_to_end(&mut back).unwrap();
        assert_eq!(back, bytes);
        let br = compress(Coding::Brotli, &bytes).unwrap();
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096).read_to_end(&mut back).unwrap();
        assert_eq!(back, bytes);
        assert!(br.len() < bytes.len() / 10 && gzip.len() < bytes.len() / 10);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_followed_only_inside_the_folder() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("feeds");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(temp.path().join("config.toml"), "secret").unwrap();
        std::fs::write(root.join("rss.xml"), "<rss/>").unwrap();
        std::fs::write(root.join(".kabar-state"), "{}").unwrap();
        let link = |target: &str, name: &str| {
            std::os::unix::fs::symlink(target, root.join(name)).unwrap();
        };
        link("../config.toml", "config.xml");
        link("rss.xml", "latest.xml");
        link(".kabar-state", "state.json");
        link("..", "up");
        let root = root.canonicalize().unwrap();
        let located = |path: &str| {
            let target = target(path)?;
            locate(&root, &target.segments)
        };
        let cases: &[(&str, Option<Located>)] = &[
            ("/rss.xml", Some(Located::File(root.join("rss.xml")))),
            ("/latest.xml", Some(Located::File(root.join("rss.xml")))),
            ("/sub", Some(Located::Folder)),
            ("/config.xml", None),
            ("/state.json", None),
            ("/up/config.toml", None),
            ("/missing.xml", None),
        ];
        for (path, expected) in cases {
            assert_eq!(located(path), *expected, "{path}");
        }
    }

    #[test]
    fn rebuild_log_lines() {
        let settings = Settings::defaults();
        let report = BuildReport {
            files: 3,
            read: 1,
            accepted: 3,
            feeds: 3,
            published: vec![
                (PathBuf::from("feeds/rss.xml"), Outcome::Written),
                (PathBuf::from("feeds/atom.xml"), Outcome::Unchanged),
            ],
            ..BuildReport::default()
        };
        let locked = run::Error::Locked(crate::publish::LockError::Busy {
            path: PathBuf::from("feeds/.kabar.lock"),
            holder: Some(42),
            waited: Duration::ZERO,
        });
        let unchanged = BuildReport {
            files: 3,
            published: vec![(PathBuf::from("feeds/rss.xml"), Outcome::Unchanged)],
            ..BuildReport::default()
        };
        let removed = BuildReport {
            files: 3,
            published: vec![
                (PathBuf::from("feeds/rss.xml"), Outcome::Unchanged),
                (PathBuf::from("feeds/categories/a/rss.xml"), Outcome::Removed),
            ],
            ..BuildReport::default()
        };
        let cases: Vec<(Result<BuildReport, run::Error>, &[&str])> = vec![
            (
                Ok(report),
                &["kabar: rebuilt: 3 files seen (1 read), 0 skipped, 3 articles accepted, 0 \
                   rejected; 3 feeds written to feeds (1 of 2 files changed)"],
            ),
            (Ok(unchanged), &[]),
            (
                Ok(removed),
                &["kabar: rebuilt: 3 files seen (0 read), 0 skipped, 0 articles accepted, 0 \
                   rejected; 0 feeds written to feeds (0 of 1 files changed, 1 removed: their \
                   feeds are gone)"],
            ),
            (
                Err(locked),
                &["feeds/.kabar.lock: error: another kabar run (pid 42) holds the lock on this \
                   output folder; rebuild skipped"],
            ),
        ];
        for (outcome, expected) in cases {
            assert_eq!(rebuild_lines(&settings, outcome), *expected);
        }
    }
}
