#!/usr/bin/env bash
# Benchmarks the posrecon CLI end to end against the issue's reference points, DuckDB and pandas,
# on the same files in one run. Figures, not a test: not part of scripts/test.sh; BENCHMARKS.md
# holds the latest figures and how to read them.
#
# For every size it writes a synthetic week with `posrecon gen` (terminal log, acquirer statement,
# bank statement, the till's order list), then times, each in a child process of its own (wall
# time and peak RSS):
#   - posrecon analyze on the terminal log and the acquirer statement (the files the others get);
#   - posrecon analyze on every generated file (deposits and orders included);
#   - DuckDB: read_csv of both files and a full outer join on 参考号 (scripts/bench/reference.py);
#   - pandas: read_csv of both files and an outer merge on 参考号 (same script).
# It prints the input size, posrecon's peak memory over the input size, every tool's time over
# DuckDB's, and how each tool's time grows from one size to the next.
#
#   scripts/bench.sh                  # 100k and 1M attempts
#   scripts/bench.sh 10000 100000     # other sizes
#
# DuckDB and pandas are installed with pip into a venv under ~/.cache/posrecon-bench (or
# $POSRECON_BENCH_CACHE) the first time; the tests never need them.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(100000 1000000)

cache="${POSRECON_BENCH_CACHE:-$HOME/.cache/posrecon-bench}"
venv="$cache/venv"
if ! "$venv/bin/python" -c 'import duckdb, pandas' 2>/dev/null; then
  echo "[bench] installing duckdb and pandas into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'duckdb==2.0.1' 'pandas==3.1.1'
fi

cargo build --quiet --profile release-native -p posrecon-cli
bin="${CARGO_TARGET_DIR:-$PWD/target}/release-native/posrecon"
work="${TMPDIR:-/tmp}/posrecon-bench"
mkdir -p "$work"

"$venv/bin/python" - "$bin" "$work" "$venv/bin/python" scripts/bench/reference.py "${sizes[@]}" <<'PY'
import json, os, resource, subprocess, sys, time

binary, work, python, reference = sys.argv[1:5]
sizes = [int(s) for s in sys.argv[5:]]
MiB = 2**20


def run(args):
    """Runs a child; returns (wall seconds, peak RSS in MiB of that child, its stdout, stderr)."""
    # RUSAGE_CHILDREN holds the maximum over all waited-for children, so every measured command
    # runs under a short-lived wrapper process whose own figure is that command's.
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        start = time.perf_counter()
        done = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            sys.stderr.write(done.stderr.decode(errors="replace"))
            os._exit(1)
        rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        with os.fdopen(w, "w") as out:
            out.write(json.dumps([wall, rss_kib, done.stdout.decode(errors="replace"),
                                  done.stderr.decode(errors="replace")]))
        os._exit(0)
    os.close(w)
    with os.fdopen(r) as inp:
        out = inp.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        sys.exit(f"failed: {' '.join(args)}")
    wall, rss_kib, stdout, stderr = json.loads(out)
    return wall, rss_kib / 1024, stdout, stderr


def analyze(files):
    # The report goes to /dev/null: serialising it is timed, reading it back is not.
    wall, mib, _, _ = run([binary, "analyze", "--quiet", "--as-of", "2026-11-30", "--json", "/dev/null", *files])
    return wall, mib


print("load average at the start: %.2f %.2f %.2f (other work on the machine slows every tool)" % os.getloadavg())
results = {}  # size -> {tool: (seconds, peak MiB, input bytes)}
for n in sizes:
    out = os.path.join(work, str(n))
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        os.remove(os.path.join(out, name))
    gen_s, _, _, said = run([binary, "gen", "--rows", str(n), "--seed", "1", "--out", out])
    names = sorted(os.listdir(out))
    files = [os.path.join(out, f) for f in names]
    terminal = next(f for f in files if "终端" in os.path.basename(f))
    acquirer = next(f for f in files if "收单" in os.path.basename(f))
    two = [terminal, acquirer]
    size = lambda paths: sum(os.path.getsize(p) for p in paths)
    print(f"\n== {n} attempts: {len(files)} files, {size(files) / MiB:.1f} MiB "
          f"(terminal log + acquirer statement {size(two) / MiB:.1f} MiB), gen {gen_s:.2f} s", flush=True)
    print(said.strip(), flush=True)

    row = results[n] = {}
    s, m = analyze(two)
    row["posrecon, 2 files"] = (s, m, size(two))
    print(f"posrecon, 2 files: {s:.2f} s, {m:.0f} MiB", flush=True)
    s, m = analyze(files)
    row[f"posrecon, {len(files)} files"] = (s, m, size(files))
    print(f"posrecon, {len(files)} files: {s:.2f} s, {m:.0f} MiB", flush=True)
    for tool in ("duckdb", "pandas"):
        s, m, stdout, _ = run([python, reference, tool, terminal, acquirer])
        r = json.loads(stdout)
        row[tool] = (s, m, size(two))
        extra = f", of which GBK to UTF-8 {r['transcode_s']:.2f} s" if r["transcode_s"] else ""
        print(f"{tool}: {s:.2f} s (in-process {r['seconds']:.2f} s{extra}), {m:.0f} MiB; "
              f"rows loaded {r['rows']}, matched {r['matched']}", flush=True)

print()
print("Wall time and peak memory (max RSS) of each child process; ratios to DuckDB at the same size.")
print(f"{'attempts':>9} {'tool':<19} {'input MiB':>9} {'wall s':>7} {'peak MiB':>8} {'peak/input':>10} {'time/DuckDB':>11} {'peak/DuckDB':>11}")
for n, row in results.items():
    ds, dm, _ = row["duckdb"]
    for tool, (s, m, b) in row.items():
        print(f"{n:>9} {tool:<19} {b / MiB:>9.1f} {s:>7.2f} {m:>8.0f} {m * MiB / b:>10.1f} {s / ds:>11.2f} {m / dm:>11.2f}")

pairs = list(zip(sizes, sizes[1:]))
if pairs:
    print()
    print("Growth of the wall time from one size to the next (linear = the rows ratio):")
    for a, b in pairs:
        ratios = ", ".join(f"{tool} {results[b][tool][0] / results[a][tool][0]:.1f}x" for tool in results[a])
        print(f"  {a} -> {b} attempts ({b / a:g}x rows): {ratios}")
PY
