//! The stages of a build, on articles from a generated archive: parsing files into drafts, the
//! cheap head that every article pays for, the full normalization that only selected items pay
//! for, rendering a 50-item feed in each format, and checking it.
//!
//! The corpus is made by `../shared/tools/gen-corpus` (1,000 articles, seed 1) into
//! `target/bench-corpus/` the first time, or read from `KABAR_BENCH_CORPUS` when set.
//! Run: `cargo bench --bench stages`.

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use std::path::PathBuf;
use std::process::Command;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kabar::config::Settings;
use kabar::ingest::{self, Draft, Format, Origin};
use kabar::normalize::Normalizer;
use kabar::write::Kind;

fn corpus() -> PathBuf {
    if let Some(dir) = std::env::var_os("KABAR_BENCH_CORPUS") {
        return PathBuf::from(dir);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target/bench-corpus");
    if !dir.is_dir() {
        let status = Command::new(root.join("../shared/tools/gen-corpus"))
            .args(["--count", "1000", "--seed", "1", "--quiet", "--out"])
            .arg(&dir)
            .status()
            .expect("../shared/tools/gen-corpus runs (or set KABAR_BENCH_CORPUS)");
        assert!(status.success(), "gen-corpus failed");
    }
    dir
}

/// Every article file of the corpus with its bytes.
fn files() -> Vec<(Format, Origin, Vec<u8>)> {
    let found = ingest::find(&[corpus()]);
    found
        .files
        .iter()
        .filter_map(|(format, origin)| {
            let bytes = ingest::load(&origin, &ingest::Limits::default()).ok()?;
            Some((format, origin, bytes))
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let settings = Settings::parse(
        "[feed]\ntimezone = \"Asia/Jakarta\"\nlink = \"https://bench.example.org/\"\n\
         base_url = \"https://bench.example.org/feeds/\"\nauthor = \"kabar\"\n\
         item_link = \"https://bench.example.org/a/{slug}\"\n",
        std::path::Path::new("bench.toml"),
        std::path::Path::new("."),
    )
    .expect("bench settings");
    let normalizer = Normalizer::new(&settings);
    let files = files();
    let drafts: Vec<Draft> = files
        .iter()
        .flat_map(|(format, origin, bytes)| ingest::parse_bytes(*format, bytes, origin))
        .filter_map(Result::ok)
        .collect();
    let articles = drafts.len() as u64;

    let mut group = c.benchmark_group("stages");
    group.sample_size(20);
    group.throughput(Throughput::Elements(articles));
    // Listing and stat()ing the files is all a rebuild with nothing changed does besides
    // reading the state.
    let root = [corpus()];
    group.bench_function("find and stat the files", |b| b.iter(|| ingest::find(&root).files.len()));
    group.bench_function("parse files into drafts", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(format, origin, bytes)| ingest::parse_bytes(*format, bytes, origin).len())
                .sum::<usize>()
        })
    });
    group.bench_function("head of every article", |b| {
        b.iter(|| drafts.iter().filter(|d| normalizer.head(d).is_ok()).count())
    });
    group.bench_function("full article", |b| {
        b.iter(|| drafts.iter().filter(|d| normalizer.article(d).is_ok()).count())
    });
    group.finish();

    let mut items: Vec<_> = drafts.iter().filter_map(|d| normalizer.article(d).ok()).collect();
    items = kabar::select::newest(items, 50);
    let mut group = c.benchmark_group("feed of 50 items");
    for kind in Kind::ALL {
        group.bench_function(format!("render {}", kind.file_name()), |b| {
            b.iter(|| kind.render(&settings.feed, &items).expect("renders").len())
        });
        let bytes = kind.render(&settings.feed, &items).expect("renders");
        group.bench_function(format!("check {}", kind.file_name()), |b| {
            b.iter(|| kabar::check::check(&bytes).len())
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
