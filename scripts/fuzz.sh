#!/usr/bin/env bash
# Bounded coverage-guided fuzzing of the statement readers (fuzz/fuzz_targets/readers.rs), seeded
# with tests/fixtures. Needs cargo-fuzz (`cargo install cargo-fuzz`) and, on the stable toolchain,
# RUSTC_BOOTSTRAP=1 for the sanitizer flags. Usage: scripts/fuzz.sh [seconds] (default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
cp tests/fixtures/*.* crates/posrecon-engine/tests/data/damaged-xls/*.xls "$corpus"/
rm -f "$corpus"/*.json
# An input that makes a reader ask for more than 256 MB in one allocation (or hold more than 2 GB)
# fails the run: in the page's worker such an allocation aborts the whole analysis. Keep every find
# as a regression test (damaged workbooks: crates/posrecon-engine/tests/damaged_workbooks.rs).
# Damaged workbooks make calamine panic inside the engine's catch_unwind (ingest/sheet.rs); one line
# each is enough in the log.
RUST_BACKTRACE=0 RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz readers "$corpus" -- \
    -max_total_time="$seconds" -malloc_limit_mb=256 -rss_limit_mb=2048 -timeout=30 -max_len=262144
