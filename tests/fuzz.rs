//! Fuzz targets for the parsers of user text, as property tests: the txt reader, front matter,
//! dates, HTML pages, and any bytes as any input format.
//!
//! cargo-fuzz needs a nightly toolchain, so these are proptest harnesses that run in `cargo test`
//! with a few hundred cases each, the same ones every time. For a long run, one target at a time,
//! in release, with random cases:
//!
//! ```sh
//! KABAR_FUZZ_SECONDS=600 nice -n 19 cargo test --release --test fuzz -- --nocapture html
//! KABAR_FUZZ_CASES=100000 cargo test --release --test fuzz -- --nocapture date
//! ```
//!
//! Each target prints how many cases it ran and its slowest one. Besides a panic or a broken
//! invariant, a case slower than [`slow_limit`] is a finding: inputs are a few kilobytes, so
//! that much time means work that grows faster than the input. A finding prints the smallest
//! input that still shows it; keep it as a test in `regressions` at the bottom.
//!
//! Every target ends the same way ([`feeds_stay_valid`]): whatever a reader accepts and the
//! normalizer turns into an article must make three feeds that pass `kabar::check` and that
//! feed-rs reads back; whatever is refused is refused in one line.

use std::cell::RefCell;
use std::fmt::Debug;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use kabar::config::Settings;
use kabar::ingest::{self, Draft, Format, Origin};
use kabar::model::{Article, rfc3339};
use kabar::normalize::{Normalizer, date};
use kabar::write::Kind;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{RngAlgorithm, TestCaseResult, TestError, TestRng, TestRunner};

// ---------------------------------------------------------------------------------------------
// The harness.

/// How long one case may take before it counts as a finding.
fn slow_limit() -> Duration {
    if cfg!(debug_assertions) { Duration::from_secs(20) } else { Duration::from_secs(2) }
}

fn env(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// Runs `test` on values of `strategy`: `default_cases` of them, the same ones every run, unless
/// `KABAR_FUZZ_CASES` (a number of cases) or `KABAR_FUZZ_SECONDS` (batches of cases until that
/// much time has passed) ask for a long, random run.
fn fuzz<S>(name: &str, default_cases: u32, strategy: S, test: impl Fn(&S::Value) -> TestCaseResult)
where
    S: Strategy,
    S::Value: Debug,
{
    let cases = env("KABAR_FUZZ_CASES").map(|n| u32::try_from(n).unwrap_or(u32::MAX));
    let seconds = env("KABAR_FUZZ_SECONDS");
    let long = cases.is_some() || seconds.is_some();
    let batch = cases.unwrap_or(if seconds.is_some() { 2_000 } else { default_cases });
    let config = ProptestConfig {
        cases: batch,
        failure_persistence: None,
        max_shrink_iters: 10_000,
        ..ProptestConfig::default()
    };
    let slowest = RefCell::new((Duration::ZERO, String::new()));
    let start = Instant::now();
    let mut total = 0u64;
    loop {
        let mut runner = if long {
            TestRunner::new(config.clone())
        } else {
            TestRunner::new_with_rng(
                config.clone(),
                TestRng::deterministic_rng(RngAlgorithm::ChaCha),
            )
        };
        let result = runner.run(&strategy, |value| {
            let began = Instant::now();
            let result = test(&value);
            let took = began.elapsed();
            if took > slowest.borrow().0 {
                *slowest.borrow_mut() = (took, format!("{value:.300?}"));
            }
            result?;
            if took > slow_limit() {
                return Err(TestCaseError::fail(format!("took {took:?}")));
            }
            Ok(())
        });
        total += u64::from(batch);
        match result {
            Ok(()) => {}
            Err(TestError::Fail(reason, value)) => {
                panic!("fuzz {name}: {reason}\nminimal input: {value:?}")
            }
            Err(e) => panic!("fuzz {name}: {e}"),
        }
        if seconds.is_none_or(|s| start.elapsed() >= Duration::from_secs(s)) {
            break;
        }
    }
    let (took, input) = slowest.into_inner();
    eprintln!(
        "fuzz {name}: {total} cases in {:.1?}, no finding; slowest {took:.1?}: {input}",
        start.elapsed()
    );
}

/// Normalizes every draft a reader gave and renders each article alone in the three formats:
/// every feed must pass `kabar::check` and be read back by feed-rs with its one entry. Errors
/// must be one line (they are printed as `PATH:LINE: error: REASON`).
fn feeds_stay_valid(drafts: Vec<Result<Draft, ingest::Error>>) -> TestCaseResult {
    let settings = Settings::defaults();
    let normalizer = Normalizer::new(&settings);
    for draft in drafts {
        let draft = match draft {
            Ok(draft) => draft,
            Err(e) => {
                prop_assert!(!e.to_string().contains('\n'), "a two-line error: {e}");
                continue;
            }
        };
        let mut article = match normalizer.article(&draft) {
            Ok(article) => article,
            Err(e) => {
                prop_assert!(!e.to_string().contains('\n'), "a two-line error: {e}");
                continue;
            }
        };
        // `build` dates an article without a date by its file; here, a fixed instant.
        if article.published.is_none() {
            article.published = DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").ok();
        }
        render_valid(&settings, &article)?;
    }
    Ok(())
}

fn render_valid(settings: &Settings, article: &Article) -> TestCaseResult {
    for kind in Kind::ALL {
        let feed = kind
            .render(&settings.feed, std::slice::from_ref(article))
            .map_err(|e| TestCaseError::fail(format!("{kind:?}: {e}")))?;
        let errors: Vec<String> = kabar::check::check(&feed)
            .into_iter()
            .filter(|p| p.is_error())
            .map(|p| format!("line {:?}: {p}", p.line))
            .collect();
        prop_assert!(errors.is_empty(), "{kind:?}: {errors:?}\n{}", String::from_utf8_lossy(&feed));
        let read = feed_rs::parser::parse(feed.as_slice())
            .map_err(|e| TestCaseError::fail(format!("{kind:?}: feed-rs: {e}")))?;
        prop_assert_eq!(read.entries.len(), 1, "{:?}", kind);
    }
    Ok(())
}

fn origin() -> Origin {
    Origin::new("".as_ref(), "fuzz/a".into(), None, 0)
}

/// Characters every text target mixes in: white space of every kind, invisible characters,
/// characters XML forbids, markup and entity lookalikes, non-Latin scripts.
const ODD: &[&str] = &[
    "\u{a0}",
    "\u{200b}",
    "\u{200d}",
    "\u{2060}",
    "\u{feff}",
    "\u{ad}",
    "\t",
    "\u{b}",
    "\u{c}",
    "\0",
    "\u{1}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{9f}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{fffd}",
    "\u{2028}",
    "\u{202e}",
    "\u{3000}",
    "😀",
    "é",
    "ß",
    "İ",
    "ﬁ",
    "٣",
    "日本",
    "ไทย",
    "<",
    ">",
    "&",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "]]>",
    "<b>",
    "</p>",
    "\"",
    "'",
    "\\",
    "\r",
    "\r\n",
];

// ---------------------------------------------------------------------------------------------
// Target `text`: the txt reader (header block, title line, caption and credit block, dateline).

const TEXT_PIECES: &[&str] = &[
    "Tanggal",
    "Date",
    "Judul",
    "Title",
    "Kategori",
    "Tags",
    "Penulis",
    "Author",
    "URL",
    "Link",
    "Sumber",
    "Source",
    "Ringkasan",
    "Summary",
    "ID",
    "Diakses",
    "Bahasa",
    "Gambar",
    "Foo",
    "Diperbarui",
    ":",
    " : ",
    ": ",
    "\n",
    "\n",
    "\n\n",
    "\n\n",
    " ",
    "  ",
    ", ",
    "; ",
    " dan ",
    "Jumat, 9 Desember 2016 | 14:32 WIB",
    "2016-12-09T14:32:00+07:00",
    "9 Des 2016",
    "31 Februari 2017",
    "2 jam yang lalu",
    "kemarin",
    "1481268720",
    "https://a.example/x",
    "/relatif/x.jpg",
    "javascript:alert(1)",
    "id",
    "en",
    "xx-YY-zz",
    "Dunia, Politik",
    "Dewi Lubis <dewi@a.example>",
    "Sumber :",
    "Foto :",
    "• ",
    "• REUTERS/Hosam Katan",
    "VIVA.co.id – ",
    "JAKARTA, KOMPAS.com - ",
    "KABARNUSA.co.id – ",
    "Seorang pria memanggul.",
    "dilaporkan oleh Reuters",
    "menurut laporan Al Jazeera",
    "according to AP",
    "told Reuters",
    "Banjir Surut",
    "Warga kembali ke rumah.",
    "(Foto: ANTARA/Budi)",
    "-",
    "–",
    "|",
    "#",
];

fn text_input() -> impl Strategy<Value = String> {
    proptest::collection::vec(prop_oneof![4 => select(TEXT_PIECES), 1 => select(ODD)], 0..64)
        .prop_map(|p| p.concat())
}

#[test]
fn fuzz_text() {
    fuzz("text", 512, text_input(), |text| {
        let results = ingest::parse(Format::Text, text, &origin());
        prop_assert_eq!(results.len(), 1);
        if let Some(Ok(draft)) = results.first() {
            if let Some(title) = &draft.title {
                prop_assert!(!title.contains(['\n', '\r']), "title {title:?}");
            }
            if let ingest::Body::Text(body) = &draft.body {
                prop_assert!(!body.contains('\r'), "body {body:?}");
            }
        }
        feeds_stay_valid(ingest::parse_bytes(Format::Text, text.as_bytes(), &origin()))
    });
}

// ---------------------------------------------------------------------------------------------
// Target `front_matter`: YAML and TOML front matter, then a Markdown body.

const FRONT_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "tags",
    "categories",
    "author",
    "authors",
    "image",
    "summary",
    "description",
    "id",
    "lang",
    "language",
    "link",
    "url",
    "source",
    "retrieved",
    "draft",
    "weight",
    "\"title\"",
    "title ",
    "<<",
    "? title",
];

const YAML_VALUES: &[&str] = &[
    " Judul",
    " \"Judul: kutip\"",
    " 'satu ''dua'''",
    " 2016-12-09T14:32:00+07:00",
    " 2016-12-09 14:32",
    " 1481268720",
    " 1984",
    " true",
    " null",
    " ~",
    " \"\"",
    " []",
    " {}",
    " [Dunia, Politik]",
    " Dunia, Politik",
    " [[a]]",
    " [[[[[[[[x]]]]]]]]",
    " {name: Dewi}",
    " {name: Dewi, email: d@a.example, url: https://a.example}",
    " [{name: A}, B]",
    " {url: /x.jpg}",
    " &a [x, x, x]",
    " *a",
    " &b {name: *a}",
    " |\n  baris satu\n  baris dua",
    " >\n  lipat\n  teks",
    "\n  - satu\n  - dua",
    "\n  name: Dewi\n  email: x",
    " !!binary aGk=",
    " !tag x",
    " @x",
    " `x`",
    " %x",
    " x # komentar",
    " \"\\u0000\\x0b\"",
    " 9 Desember 2016",
    " [",
    " {",
    " \"tidak ditutup",
    " -",
    " ?",
    " :",
    "\t",
    " 1e400",
    " -0",
    " .nan",
];

const TOML_LINES: &[&str] = &[
    "title = \"Judul\"",
    "title = 1984",
    "date = 2016-12-09T14:32:00+07:00",
    "date = 2016-12-09",
    "date = 14:32:00",
    "date = \"9 Desember 2016\"",
    "tags = [\"Dunia\", \"Politik\"]",
    "tags = \"Dunia, Politik\"",
    "tags = [[1], [2]]",
    "author = { name = \"Dewi\", email = \"d@a.example\" }",
    "[author]",
    "name = \"Dewi\"",
    "[[authors]]",
    "image = { url = \"/x.jpg\" }",
    "summary = '''\nbaris\n'''",
    "id = 42",
    "draft = true",
    "title = \"\\u0000\"",
    "title = ",
    "= x",
    "[",
    "title = \"a\"\ntitle = \"b\"",
    "x = inf",
    "x = nan",
    "a.b.c = 1",
];

const BODY_PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "# Judul Utama",
    "Judul\n===",
    "## Sub",
    "Paragraf biasa.",
    "> kutipan",
    "- butir",
    "1. satu",
    "```\nkode\n```",
    "    kode",
    "![Keterangan.](/images/a.jpg)",
    "*Foto: NUSA FOTO/Agus Pratama*",
    "[tautan](javascript:alert(1))",
    "<div>",
    "</div>",
    "<span>",
    "<b id=x>",
    "<p>",
    "</p>",
    "<a href=\"/x\">",
    "<https://a.example/x>",
    "`<div>`",
    "<script>x</script>",
    "VIVA.co.id – Isi berita.",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "[^1]\n\n[^1]: catatan",
    "***",
    "---",
    "+++",
    "...",
    "<!--",
    "-->",
    "\\",
    "*",
    "_",
    "`",
];

fn yaml() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => (select(FRONT_KEYS), select(YAML_VALUES)).prop_map(|(k, v)| format!("{k}:{v}\n")),
            1 => select(ODD).prop_map(String::from),
            1 => Just("  ".to_string()),
        ],
        0..12,
    )
    .prop_map(|lines| lines.concat())
}

fn toml() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![4 => select(TOML_LINES).prop_map(|l| format!("{l}\n")), 1 => select(ODD).prop_map(String::from)],
        0..12,
    )
    .prop_map(|lines| lines.concat())
}

fn markdown_input() -> impl Strategy<Value = String> {
    let front = prop_oneof![
        (yaml(), select(&["---\n", "...\n", "--- \n", ""][..]))
            .prop_map(|(y, end)| format!("---\n{y}{end}")),
        (toml(), select(&["+++\n", "+++", ""][..])).prop_map(|(t, end)| format!("+++\n{t}{end}")),
        Just(String::new()),
    ];
    let soup = || {
        proptest::collection::vec(prop_oneof![4 => select(BODY_PIECES), 1 => select(ODD)], 0..24)
            .prop_map(|p| p.concat())
    };
    // Some of the body repeated up to 300 times: deep lists and quotes, piles of raw HTML.
    let body = (soup(), soup(), prop_oneof![3 => Just(0usize), 1 => 0..300usize], soup())
        .prop_map(|(head, unit, times, tail)| format!("{head}{}{tail}", unit.repeat(times)));
    (front, body, any::<bool>()).prop_map(|(front, body, crlf)| {
        let text = format!("{front}{body}");
        if crlf { text.replace('\n', "\r\n") } else { text }
    })
}

#[test]
fn fuzz_front_matter() {
    fuzz("front_matter", 512, markdown_input(), |text| {
        let results = ingest::parse(Format::Markdown, text, &origin());
        prop_assert_eq!(results.len(), 1);
        if let Some(Err(e)) = results.first() {
            let expected = matches!(
                e,
                ingest::Error::FrontMatter { .. }
                    | ingest::Error::UnclosedFrontMatter { .. }
                    | ingest::Error::TooDeep { .. }
                    | ingest::Error::TooManyTags { .. }
                    | ingest::Error::Empty
            );
            prop_assert!(expected, "unexpected error {e:?}");
        }
        // The guard never lets through a body whose HTML, rendered as the normalizer renders
        // it, makes a tree deeper or larger than its limits.
        if let Some(Ok(draft)) = results.first()
            && let ingest::Body::Markdown(body) = &draft.body
        {
            let options = pulldown_cmark::Options::ENABLE_TABLES
                | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
                | pulldown_cmark::Options::ENABLE_FOOTNOTES;
            let mut html = String::new();
            pulldown_cmark::html::push_html(
                &mut html,
                pulldown_cmark::Parser::new_ext(body, options),
            );
            let (depth, count) = dom_shape(&html);
            prop_assert!(depth <= ingest::MAX_HTML_DEPTH + 3, "a tree {depth} deep passed");
            prop_assert!(count <= ingest::MAX_HTML_TAGS + 3, "{count} elements passed");
        }
        feeds_stay_valid(ingest::parse_bytes(Format::Markdown, text.as_bytes(), &origin()))
    });
}

// ---------------------------------------------------------------------------------------------
// Target `date`: date fields, relative dates and dates in prose.

const DATE_PIECES: &[&str] = &[
    "Senin",
    "Jumat",
    "Jum'at",
    "Minggu",
    "Friday",
    "Fri",
    "Sun.",
    "Desember",
    "Des",
    "Dec",
    "Dec.",
    "December",
    "Februari",
    "Feb",
    "Mei",
    "May",
    "Agustus",
    "Agu",
    "Ags",
    "0",
    "00",
    "1",
    "01",
    "9",
    "09",
    "9th",
    "12",
    "13",
    "24",
    "28",
    "29",
    "30",
    "31",
    "32",
    "59",
    "60",
    "99",
    "100",
    "0001",
    "999",
    "1000",
    "1900",
    "2016",
    "2024",
    "9999",
    "10000",
    "1481268720",
    "1481268720000",
    "99999999999999999999",
    "/",
    "-",
    ".",
    ":",
    ",",
    "|",
    "–",
    "—",
    "@",
    "T",
    "Z",
    " ",
    " ",
    " ",
    "pukul",
    "pkl.",
    "jam",
    "at",
    "WIB",
    "WITA",
    "WIT",
    "GMT",
    "UTC",
    "UT",
    "EST",
    "PDT",
    "IST",
    "A",
    "J",
    "M",
    "Y",
    "+0700",
    "+07:00",
    "-05:00",
    "+14:00",
    "-14:00",
    "+14:01",
    "+2400",
    "+07",
    "GMT+7",
    "UTC+07:00",
    "(WIB)",
    "(CET)",
    "AM",
    "PM",
    "a.m.",
    "p.m.",
    "am",
    "lalu",
    "yang lalu",
    "jam yang lalu",
    "menit lalu",
    "hari lalu",
    "bulan lalu",
    "tahun lalu",
    "sejam",
    "semenit",
    "kemarin",
    "lusa",
    "hari ini",
    "baru saja",
    "ago",
    "hours ago",
    "an hour ago",
    "days ago",
    "years ago",
    "yesterday",
    "today",
    "just now",
    ".123456789",
    ".5",
    "\u{a0}",
    "\u{200b}",
    "٣",
    "１２",
];

/// Retrieval times at the edges of the years dates may have, and ordinary ones.
const RETRIEVED: &[&str] = &[
    "2016-12-09T15:00:00+07:00",
    "1000-01-01T00:00:00+14:00",
    "1000-01-01T00:00:00-14:00",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31T23:59:59+14:00",
    "2024-03-10T02:30:00-05:00",
];

const ZONES: &[Tz] = &[
    Tz::UTC,
    Tz::Asia__Jakarta,
    Tz::America__New_York,
    Tz::Pacific__Kiritimati,
    Tz::Pacific__Pago_Pago,
    Tz::Australia__Lord_Howe,
    Tz::Asia__Kathmandu,
];

fn date_input() -> impl Strategy<Value = (String, Tz, Option<&'static str>)> {
    let text = proptest::collection::vec(
        prop_oneof![
            8 => select(DATE_PIECES),
            1 => select(ODD),
            1 => select(&["Jumat, 9 Desember 2016 | 14:32 WIB", "2016-12-09T14:32:00+07:00", "Fri, 09 Dec 2016 07:32:00 GMT", "2 jam yang lalu", "12/01/2017"][..]),
        ],
        0..14,
    )
    .prop_map(|p| p.concat());
    (text, select(ZONES), proptest::option::of(select(RETRIEVED)))
}

/// A date the parser gave must be one every writer can carry, and read back the same.
fn date_is_usable(at: DateTime<FixedOffset>, text: &str) -> TestCaseResult {
    let again = date::parse(&rfc3339(&at), Tz::UTC, None).map_err(|e| {
        TestCaseError::fail(format!("`{text}` gave {at}, which does not read back: {e}"))
    })?;
    prop_assert_eq!(again.at, at, "{} gave {}", text, at);
    prop_assert_eq!(again.at.offset(), at.offset());
    let settings = Settings::defaults();
    let article = Article {
        id: "fuzz".into(),
        title: "Fuzz".into(),
        link: Some("https://a.example/fuzz".into()),
        published: Some(at),
        published_from: None,
        published_date_only: false,
        updated: Some(at),
        language: None,
        authors: Vec::new(),
        source: None,
        credits: Vec::new(),
        citations: Vec::new(),
        summary: String::new(),
        content_html: String::new(),
        categories: Vec::new(),
        image: None,
        path: String::new(),
        warnings: Vec::new(),
    };
    render_valid(&settings, &article)
}

/// A finding not fixed yet, passed over so that the target looks for others: a date in a zone
/// whose offset then had seconds (Asia/Jakarta before 1924: +07:07:12) keeps that offset, which
/// RFC 3339 and RFC 2822 cannot write, and the writers refuse it. The fix belongs in
/// `normalize/date.rs`; `regressions::a_date_before_1924_in_jakarta_can_be_written` holds it.
fn known_finding(at: &DateTime<FixedOffset>) -> bool {
    at.offset().local_minus_utc() % 60 != 0
}

#[test]
fn fuzz_date() {
    fuzz("date", 2_048, date_input(), |(text, zone, retrieved)| {
        let retrieved = retrieved.and_then(|r| DateTime::parse_from_rfc3339(r).ok());
        if let Ok(parsed) = date::parse(text, *zone, retrieved)
            && !known_finding(&parsed.at)
        {
            date_is_usable(parsed.at, text)?;
        }
        let prose = format!("Pada {text}, warga berkumpul.");
        if let Some((parsed, range)) = date::find(&prose, *zone) {
            prop_assert!(prose.get(range.clone()).is_some(), "range {range:?} in {prose:?}");
            if !known_finding(&parsed.at) {
                date_is_usable(parsed.at, &prose)?;
            }
        }
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------------
// Target `html`: saved pages, from tag soup to thousands of levels deep.

const HTML_PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<div class=\"content\">",
    "<div class=\"ads\">",
    "<span>",
    "</span>",
    "<b>",
    "</b>",
    "<i>",
    "<font>",
    "</font>",
    "<a href=\"/x\">",
    "<a href=\"javascript:x\">",
    "</a>",
    "<article>",
    "</article>",
    "<main>",
    "<section>",
    "<h1>",
    "</h1>",
    "<h2>",
    "<ul>",
    "<ol>",
    "<li>",
    "</li>",
    "<dl>",
    "<dt>",
    "<dd>",
    "<table>",
    "</table>",
    "<tr>",
    "<td>",
    "</td>",
    "<th>",
    "<tbody>",
    "<select>",
    "<option>",
    "<optgroup>",
    "<button>",
    "<form>",
    "<svg>",
    "</svg>",
    "<path/>",
    "<math>",
    "<mi>",
    "<template>",
    "<figure>",
    "<img src=\"a.jpg\" alt=\"x\">",
    "<figcaption>",
    "(Foto: ANTARA/Budi)",
    "<br>",
    "<br><br>",
    "<hr>",
    "<div/>",
    "<p/>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<textarea>",
    "<title>",
    "</title>",
    "<noscript>",
    "<plaintext>",
    "<xmp>",
    "<!--",
    "-->",
    "<!DOCTYPE html>",
    "<?xml?>",
    "<![CDATA[",
    "]]>",
    "<html>",
    "<head>",
    "<body>",
    "</body>",
    "<nav>",
    "<aside>",
    "<header>",
    "<footer>",
    "<blockquote>",
    "<pre>",
    "<time datetime=\"2016-12-09T14:32:00+07:00\">",
    "</time>",
    "<meta property=\"og:title\" content=\"Judul Berita\">",
    "<meta property=\"article:published_time\" content=\"2016-12-09T14:32:00+07:00\">",
    "<meta name=\"description\" content=\"Ringkasan.\">",
    "<meta charset=\"windows-1252\">",
    "<link rel=\"canonical\" href=\"https://a.example/x\">",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"H\",\"author\":{\"@id\":\"#p\"},\"@graph\":[",
    "{\"@id\":\"#p\",\"name\":\"Dewi\"}",
    "]}",
    "<p>Baca juga: x</p>",
    "<p>Oleh Dewi</p>",
    "JAKARTA – Isi berita.",
    "Jumat, 9 Desember 2016",
    "teks ",
    "&amp;",
    "&nbsp;",
    "&#0;",
    "<p onclick=\"x\">",
    " title='>' ",
    "\"",
    "'",
    "=",
    "<",
    ">",
    "/",
];

/// Tag soup, and some of it repeated up to a thousand times (deep nesting, long lists).
fn html_input() -> impl Strategy<Value = String> {
    let soup = || {
        proptest::collection::vec(prop_oneof![6 => select(HTML_PIECES), 1 => select(ODD)], 0..24)
            .prop_map(|p| p.concat())
    };
    (soup(), soup(), 0..1_000usize, soup())
        .prop_map(|(head, unit, times, tail)| format!("{head}{}{tail}", unit.repeat(times)))
}

/// The depth (counted from the document) and the number of the elements html5ever builds,
/// through `scraper`, as the reader does.
fn dom_shape(text: &str) -> (usize, usize) {
    let doc = scraper::Html::parse_document(text);
    let elements = doc.tree.root().descendants().filter(|n| n.value().is_element());
    elements.fold((0, 0), |(depth, count), n| (depth.max(n.ancestors().count()), count + 1))
}

#[test]
fn fuzz_html() {
    fuzz("html", 64, html_input(), |text| {
        let results = ingest::parse(Format::Html, text, &origin());
        prop_assert_eq!(results.len(), 1);
        match results.first() {
            Some(Ok(_)) => {
                // The guard never lets through a tree deeper or larger than its limits; the
                // document, <html> and <body> come on top of the elements it counts.
                let (depth, count) = dom_shape(text);
                prop_assert!(depth <= ingest::MAX_HTML_DEPTH + 3, "a tree {depth} deep passed");
                prop_assert!(count <= ingest::MAX_HTML_TAGS + 3, "{count} elements passed");
            }
            Some(Err(e)) => {
                let expected = matches!(
                    e,
                    ingest::Error::TooDeep { .. }
                        | ingest::Error::TooManyTags { .. }
                        | ingest::Error::Empty
                );
                prop_assert!(expected, "unexpected error {e:?}");
            }
            None => {}
        }
        feeds_stay_valid(ingest::parse_bytes(Format::Html, text.as_bytes(), &origin()))
    });
}

// ---------------------------------------------------------------------------------------------
// Target `any_file`: any bytes as a .txt, .md, .json or .html file.

/// Pieces that reach the corners of every reader: markup, headers, front matter fences, JSON
/// punctuation, dates, bytes of other encodings, control characters.
const BYTE_PIECES: &[&[u8]] = &[
    b"<",
    b">",
    b"</",
    b"<p>",
    b"</p>",
    b"<div>",
    b"<script>",
    b"</script>",
    b"<title>",
    b"</title>",
    b"<meta charset=\"windows-1252\">",
    b"<a href=\"javascript:x\">",
    b"]]>",
    b"&amp;",
    b"&#0;",
    b"&",
    b"---\n",
    b"+++\n",
    b"title: ",
    b"date: ",
    b"tags: [",
    b"]",
    b"{\"title\": \"",
    b"\"}",
    b"\", \"content_html\": \"",
    b"[",
    b",",
    b":",
    b"\n",
    b"\r\n",
    b"\r",
    b"\n\n",
    b" ",
    b"\t",
    b"Tanggal: ",
    b"Judul ",
    b"Sumber :",
    b"\xe2\x80\xa2 ",
    b"9 Desember 2016",
    b"14:32 WIB",
    b"2016-12-09T14:32:00+07:00",
    b"JAKARTA \xe2\x80\x93 ",
    b"\x00",
    b"\x01",
    b"\x0b",
    b"\x1b",
    b"\x7f",
    b"\x81",
    b"\x93",
    b"\xe9",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\xc2\xa0",
    b"\xe2\x80\x8b",
    b"\xef\xbf\xbe",
    b"- ",
    b"> ",
    b"# ",
    b"![x](y.jpg)",
    b"*Foto: A/B*",
];

fn any_file() -> impl Strategy<Value = (Format, Vec<u8>)> {
    let bytes = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..512),
        proptest::collection::vec(select(BYTE_PIECES), 0..64).prop_map(|p| p.concat()),
    ];
    let format =
        select(vec![Format::Text, Format::Markdown, Format::Json, Format::JsonLines, Format::Html]);
    (format, bytes)
}

#[test]
fn fuzz_any_file() {
    fuzz("any_file", 512, any_file(), |(format, bytes)| {
        feeds_stay_valid(ingest::parse_bytes(*format, bytes, &origin()))
    });
}

// ---------------------------------------------------------------------------------------------
// Findings of long runs, kept.

mod regressions {
    use super::*;

    fn html(text: &str) -> Result<(), String> {
        match ingest::parse(Format::Html, text, &origin()).pop() {
            Some(Ok(_)) => Ok(()),
            Some(Err(e)) => Err(e.to_string()),
            None => Err("no result".into()),
        }
    }

    /// fuzz html, first run: a second `<a>` closes the first only when no block was opened
    /// inside it; with `<main>` between them html5ever nests a level for each pair, and the
    /// guard let a tree 516 levels deep through.
    #[test]
    fn an_anchor_does_not_close_an_anchor_through_a_block() {
        let text = "<a href=\"/x\"><main>".repeat(600);
        assert_eq!(
            html(&text),
            Err("the HTML is nested more than 512 levels deep: no article needs that".into())
        );
        assert!(dom_shape(&text).0 > ingest::MAX_HTML_DEPTH);
    }

    /// fuzz html, 10-minute run, after 3 seconds: once a `<template>` holds other content, the
    /// parser ignores `<tr>` there as anywhere outside a table; the guard took them for rows
    /// that close what was opened after them, and let a tree 516 levels deep through.
    #[test]
    fn table_parts_in_a_template_with_other_content_nest_nothing() {
        let text = format!("<template><p>{}", "<main><tr>".repeat(600));
        assert_eq!(
            html(&text),
            Err("the HTML is nested more than 512 levels deep: no article needs that".into())
        );
        assert!(dom_shape(&text).0 > ingest::MAX_HTML_DEPTH);
    }

    /// Found while fixing the first: unclosed formatting elements with distinct attributes are
    /// copied by html5ever into every later paragraph; 68 KB made 800,000 elements and took
    /// 9 s in a debug build. (With 400 of them the guard now refuses the page as too deep: it
    /// counts unclosed formatting elements twice, as the parser holds them in two lists.)
    #[test]
    fn unclosed_formatting_elements_do_not_multiply() {
        let opened: String = (0..200).map(|i| format!("<b id=x{i}>")).collect();
        let text = format!("<p>{opened}</p>{}", "<p>x</p>".repeat(2_000));
        assert_eq!(
            html(&text),
            Err("the HTML has more than 250000 tags: no article needs that many".into())
        );
    }

    /// fuzz text, first 10-minute run, after 3 seconds: `URL: Tanggal…| 14:32 WIB…` became the
    /// link `http://localhost/TanggalJumat,%209%20Desember%202016%20|%2014:32%20WIBTanggal`,
    /// whose `|` `kabar check` refuses; `kabar build` then published nothing.
    #[test]
    fn a_link_with_a_pipe_never_breaks_a_feed() {
        let text = "URL: berita|baru?q=a^b[1]#x#y\nImage: foto|1.jpg\n\nJudul\n\nIsi.\n";
        feeds_stay_valid(ingest::parse(Format::Text, text, &origin())).unwrap();
    }

    /// fuzz text, second 10-minute run, after 4.5 minutes: the header `id:Tanggal:` made the
    /// Atom id `Tanggal:`, which the `url` crate parses and `kabar check` refuses (no IRI has
    /// nothing after its scheme); `kabar build` then published nothing.
    #[test]
    fn an_id_that_only_looks_like_an_iri_gets_a_urn_in_atom() {
        for id in ["Tanggal:", "http:berita", "berita:a|b", "x:100%"] {
            let text = format!("ID: {id}\n\nJudul\n\nIsi.\n");
            feeds_stay_valid(ingest::parse(Format::Text, &text, &origin())).unwrap();
        }
    }

    /// fuzz text, third 10-minute run, after 5 minutes: `Bahasa: xx-YY-zz` was kept as the
    /// language, which `kabar check` refuses in the JSON Feed; `kabar build` then published
    /// nothing.
    #[test]
    fn a_language_that_is_no_tag_never_breaks_a_feed() {
        let text = "Bahasa: xx-YY-zz\nTanggal: 9 Desember 2016\n\nJudul\n\nIsi.\n";
        feeds_stay_valid(ingest::parse(Format::Text, text, &origin())).unwrap();
    }

    /// fuzz html, third 10-minute run, after 2 seconds: scraper keeps a `<template>`'s content
    /// in a node of its own, a level below the element; 256 nested templates made a tree 516
    /// levels deep, which the guard counted as 258.
    #[test]
    fn a_template_counts_two_levels() {
        let text = format!("{}<div><select>", "<template>".repeat(256));
        assert_eq!(
            html(&text),
            Err("the HTML is nested more than 512 levels deep: no article needs that".into())
        );
        assert!(dom_shape(&text).0 > ingest::MAX_HTML_DEPTH);
    }

    /// fuzz html, fourth 10-minute run, after 2 seconds: outside a `<select>`, an `<optgroup>`
    /// closes only an `<option>`, so `<optgroup>`s nest; the guard closed them as inside one.
    #[test]
    fn optgroups_outside_a_select_nest() {
        let text = "</style><optgroup>(Foto: ANTARA/Budi)".repeat(600);
        assert_eq!(
            html(&text),
            Err("the HTML is nested more than 512 levels deep: no article needs that".into())
        );
        assert!(dom_shape(&text).0 > ingest::MAX_HTML_DEPTH);
    }

    /// fuzz html, fifth 10-minute run, after 10 seconds: `<h2>` inside `<math>` ends the math
    /// and is HTML, so the `<title>` after it holds text and its `<!--` is no comment; the
    /// guard took the title for MathML, the `<!--` for a comment that never closes, and read
    /// no further.
    #[test]
    fn a_tag_that_ends_foreign_content_is_html() {
        let text = "</title><main><math><h2><title><!--".repeat(300);
        assert_eq!(
            html(&text),
            Err("the HTML is nested more than 512 levels deep: no article needs that".into())
        );
        assert!(dom_shape(&text).0 > ingest::MAX_HTML_DEPTH);
    }

    /// fuzz html, sixth 10-minute run, after a minute: in MathML `<![CDATA[<p><h1>]]>` is
    /// text; the guard ended it at the first `>` as in HTML, took `<h1>` for a tag that ends the
    /// MathML, and `<style>` for HTML text that never ends.
    #[test]
    fn a_cdata_section_in_mathml_is_text() {
        let text = format!("<math><![CDATA[<p><h1>]]><style>{}", "<a href=\"/x\">".repeat(600));
        assert_eq!(
            html(&text),
            Err("the HTML is nested more than 512 levels deep: no article needs that".into())
        );
        assert!(dom_shape(&text).0 > ingest::MAX_HTML_DEPTH);
    }

    /// fuzz html, seventh 10-minute run, after 9 seconds: `</p>` in SVG ends the SVG, so the
    /// `<mi>` after it is an HTML element and the next `<h1>` nests in it; the guard kept the
    /// SVG open, took `<mi>` for SVG, and closed the `<h1>`s as in a row of headings.
    #[test]
    fn an_end_p_ends_foreign_content() {
        let text = "<h1><svg></p><mi>".repeat(300);
        assert_eq!(
            html(&text),
            Err("the HTML is nested more than 512 levels deep: no article needs that".into())
        );
        assert!(dom_shape(&text).0 > ingest::MAX_HTML_DEPTH);
    }

    /// fuzz html, second 10-minute run, after a second: inside `<svg>`, `<button>` is a foreign
    /// element that closes nothing; the guard closed the previous one as in HTML and let a
    /// tree 516 levels deep through.
    #[test]
    fn html_names_inside_svg_close_nothing() {
        let text = "<svg><button>".repeat(300);
        assert_eq!(
            html(&text),
            Err("the HTML is nested more than 512 levels deep: no article needs that".into())
        );
        assert!(dom_shape(&text).0 > ingest::MAX_HTML_DEPTH);
    }

    /// fuzz date, first run: `hari ini` counted from 1000-01-01 in Asia/Jakarta is dated with
    /// the zone's local mean time, +07:07:12, which no feed can carry; a `Tanggal: 9 Desember
    /// 1850` header or a "1 Januari 1920" in the lead of an undated article did the same, and
    /// `kabar build` then failed and published nothing.
    #[test]
    #[ignore = "needs normalize/date.rs to give whole-minute offsets"]
    fn a_date_before_1924_in_jakarta_can_be_written() {
        for text in ["9 Desember 1850", "1 Januari 1920 pukul 10.00"] {
            let parsed = date::parse(text, Tz::Asia__Jakarta, None).unwrap();
            date_is_usable(parsed.at, text).unwrap();
        }
        let retrieved = DateTime::parse_from_rfc3339("1000-01-01T00:00:00-14:00").ok();
        let parsed = date::parse("hari ini", Tz::Asia__Jakarta, retrieved).unwrap();
        date_is_usable(parsed.at, "hari ini").unwrap();
    }
}
