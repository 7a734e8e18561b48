#!/usr/bin/env bash
# Benchmarks the posrecon CLI end to end: builds it with the release-native profile, generates
# synthetic statements (`posrecon gen`) of 10k, 100k and 1M attempts, runs
# `posrecon analyze --quiet --json /dev/null` on each, and prints wall time and peak memory
# (max RSS) as a table. Figures, not a test: not part of scripts/test.sh.
#
#   scripts/bench.sh            # 10k, 100k, 1M
#   scripts/bench.sh 5000 50000 # other sizes
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000 1000000)

cargo build --profile release-native -p posrecon-cli
bin="${CARGO_TARGET_DIR:-$PWD/target}/release-native/posrecon"
work="${TMPDIR:-/tmp}/posrecon-bench"
mkdir -p "$work"

python3 - "$bin" "$work" "${sizes[@]}" <<'PY'
import os, resource, subprocess, sys, time

binary, work, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]

def run(args):
    """Runs a child and returns (seconds, peak RSS in MiB of that child)."""
    # RUSAGE_CHILDREN holds the maximum over all waited-for children, so run each measured
    # command in its own short-lived wrapper process and read the wrapper's figure.
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        start = time.perf_counter()
        done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            sys.stderr.write(done.stderr.decode(errors="replace"))
            os._exit(1)
        rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        os.write(w, f"{wall} {rss_kib}".encode())
        os._exit(0)
    os.close(w)
    out = os.read(r, 100).decode()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        sys.exit(f"failed: {' '.join(args)}")
    wall, rss_kib = out.split()
    return float(wall), int(rss_kib) / 1024

rows = []
for n in sizes:
    out = os.path.join(work, str(n))
    if os.path.isdir(out):
        for name in os.listdir(out):
            os.remove(os.path.join(out, name))
    gen_s, gen_mib = run([binary, "gen", "--rows", str(n), "--seed", "1", "--out", out])
    files = sorted(os.path.join(out, f) for f in os.listdir(out))
    size_mib = sum(os.path.getsize(f) for f in files) / 2**20
    ana_s, ana_mib = run([binary, "analyze", "--quiet", "--as-of", "2026-11-30", "--json", "/dev/null", *files])
    rows.append((n, size_mib, gen_s, gen_mib, ana_s, ana_mib))

print()
print(f"{'attempts':>10} {'input MiB':>10} {'gen s':>8} {'gen MiB':>8} {'analyze s':>10} {'analyze MiB':>12} {'attempts/s':>11}")
for n, size, gs, gm, a_s, am in rows:
    print(f"{n:>10} {size:>10.1f} {gs:>8.2f} {gm:>8.0f} {a_s:>10.2f} {am:>12.0f} {n / a_s:>11.0f}")
PY
