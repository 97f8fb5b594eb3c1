//! Normalizing articles from a generated archive: the per-article cost of the heart of kabar.
//!
//! The corpus is made by `../shared/tools/gen-corpus` (1,000 articles, seed 1) into
//! `target/bench-corpus/` the first time, or read from `KABAR_BENCH_CORPUS` when set.

// criterion_group! defines an undocumented public function.
#![allow(missing_docs)]

use std::path::PathBuf;
use std::process::Command;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kabar::config::Settings;
use kabar::ingest::{self, Draft};
use kabar::normalize::Normalizer;

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

fn drafts() -> Vec<Draft> {
    let found = ingest::find(&[corpus()]);
    found
        .files
        .iter()
        .flat_map(|(format, origin)| ingest::read(*format, origin, &ingest::Limits::default()))
        .filter_map(Result::ok)
        .collect()
}

fn normalize(c: &mut Criterion) {
    let settings = Settings::parse(
        "[feed]\ntimezone = \"Asia/Jakarta\"\n",
        std::path::Path::new("bench.toml"),
        std::path::Path::new("."),
    )
    .expect("bench settings");
    let normalizer = Normalizer::new(&settings);
    let drafts = drafts();
    let mut group = c.benchmark_group("normalize");
    group.throughput(Throughput::Elements(drafts.len() as u64));
    group.sample_size(20);
    group.bench_function("articles", |b| {
        b.iter(|| drafts.iter().filter(|d| normalizer.article(d).is_ok()).count())
    });
    group.finish();
}

criterion_group!(benches, normalize);
criterion_main!(benches);
