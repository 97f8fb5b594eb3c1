#!/usr/bin/env bash
# Whole-process benchmark of `kabar build` on a generated archive, side by side with the floor of
# reading every byte of it: the main feed and the 12 category feeds, all three formats. Prints,
# per size: the read floor, a full build into a fresh output folder, a rebuild with nothing
# changed, a rebuild after one old article changed, and the cron job's everyday case: a rebuild
# after a new article arrived (it enters the main feed and a category feed), and after that
# article was corrected — wall time (median of RUNS), the kabar/floor ratio, and peak memory
# (maximum resident set, /usr/bin/time -v).
#
#   benches/whole.sh [N ...]            default sizes: 10000 100000
#   RUNS=3 CORPORA=/tmp/kabar-corpora KABAR=target/release/kabar benches/whole.sh 10000
#
# Corpora are made once by ../shared/tools/gen-corpus (--seed 1 --categories 12) into $CORPORA and
# reused; nothing is written into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
CORPORA=${CORPORA:-${TMPDIR:-/tmp}/kabar-corpora}
KABAR=${KABAR:-target/release/kabar}
GEN=${GEN:-../shared/tools/gen-corpus}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)

[ -x "$KABAR" ] || cargo build --release --quiet
mkdir -p "$CORPORA"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# run CMD... under /usr/bin/time; prints "SECONDS MAXRSS_KB"
timed() {
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
        cat "$work/stderr" >&2
        return 1
    }
    cat "$work/time"
}

warm() { sync; find "$1/" -type f -print0 | xargs -0 cat >/dev/null; }

printf '%-8s %-24s %9s %8s %10s\n' articles step seconds ratio peak_MiB
for n in "${sizes[@]}"; do
    corpus="$CORPORA/c$n"
    if [ ! -f "$corpus.done" ]; then
        rm -rf "$corpus"
        "$GEN" --out "$corpus" --count "$n" --seed 1 --categories 12 --quiet
        touch "$corpus.done"
    fi
    cat >"$work/config.toml" <<TOML
[feed]
title = "Benchmark"
link = "https://bench.example.org/"
timezone = "Asia/Jakarta"
base_url = "https://bench.example.org/feeds/"
author = "kabar"
item_link = "https://bench.example.org/a/{slug}"
[input]
dirs = ["$corpus"]
[output]
dir = "$work/out"
categories = true
TOML
    floor=(); full=(); noop=(); one=(); added=(); fixed=()
    rss_full=0; rss_noop=0; rss_one=0; rss_added=0; rss_fixed=0
    # The new article's categories: those of an article of the corpus, so that it opens no feed.
    tags=$(find "$corpus/" -name '*.md' | sort | sed -n 1,50p | xargs awk '/^tags: \[/ {print; exit}')
    fresh="$corpus/9999-benchmark-new.md"
    for _ in $(seq "$RUNS"); do
        warm "$corpus"
        floor+=("$(/usr/bin/time -f %e bash -c "find '$corpus/' -type f -print0 | xargs -0 cat >/dev/null" 2>&1 | tail -1)")
        rm -rf "$work/out"
        warm "$corpus"
        read -r s m < <(timed "$KABAR" build --quiet --config "$work/config.toml"); full+=("$s"); rss_full=$m
        read -r s m < <(timed "$KABAR" build --quiet --config "$work/config.toml"); noop+=("$s"); rss_noop=$m
        victim=$(find "$corpus/" -name '*.txt' | sort | sed -n 1p)
        cp -p "$victim" "$work/victim.bak"
        printf '\n\nBenchmark edit %s.\n' "$RANDOM" >>"$victim"
        read -r s m < <(timed "$KABAR" build --quiet --config "$work/config.toml"); one+=("$s"); rss_one=$m
        cp -p "$work/victim.bak" "$victim"
        printf -- '---\ntitle: "Benchmark %s"\ndate: %s\n%s\n---\n\nJakarta -- Berita baru.\n' \
            "$RANDOM" "$(date +%Y-%m-%dT%H:%M:%S%:z)" "$tags" >"$fresh"
        read -r s m < <(timed "$KABAR" build --quiet --config "$work/config.toml"); added+=("$s"); rss_added=$m
        printf '\nKoreksi: judul diperbaiki.\n' >>"$fresh"
        read -r s m < <(timed "$KABAR" build --quiet --config "$work/config.toml"); fixed+=("$s"); rss_fixed=$m
        rm -f "$fresh"
    done
    f=$(printf '%s\n' "${floor[@]}" | median)
    b=$(printf '%s\n' "${full[@]}" | median)
    z=$(printf '%s\n' "${noop[@]}" | median)
    o=$(printf '%s\n' "${one[@]}" | median)
    a=$(printf '%s\n' "${added[@]}" | median)
    c=$(printf '%s\n' "${fixed[@]}" | median)
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2f" : "-"), a / b }'; }
    printf '%-8s %-24s %9s %8s %10s\n' "$n" "read floor" "$f" "1.00" "-"
    printf '%-8s %-24s %9s %8s %10s\n' "$n" "full build" "$b" "$(ratio "$b" "$f")" "$((rss_full / 1024))"
    printf '%-8s %-24s %9s %8s %10s\n' "$n" "no-op rebuild" "$z" "$(ratio "$z" "$f")" "$((rss_noop / 1024))"
    printf '%-8s %-24s %9s %8s %10s\n' "$n" "one article changed" "$o" "$(ratio "$o" "$f")" "$((rss_one / 1024))"
    printf '%-8s %-24s %9s %8s %10s\n' "$n" "new article added" "$a" "$(ratio "$a" "$f")" "$((rss_added / 1024))"
    printf '%-8s %-24s %9s %8s %10s\n' "$n" "new article corrected" "$c" "$(ratio "$c" "$f")" "$((rss_fixed / 1024))"
    echo "# $n: / full build: no-op $(ratio "$z" "$b"), one changed $(ratio "$o" "$b"), added $(ratio "$a" "$b"), corrected $(ratio "$c" "$b")"
done
