//! The whole analysis on synthetic weeks of 10 000 and 100 000 attempts, and its reading half
//! (`inspect`: ingest + normalize) on its own, so a slowdown points at a stage.
//!
//! Run with `cargo bench -p posrecon-engine --bench analyze`; it prints figures and is not part
//! of `scripts/test.sh`. `scripts/bench.sh` measures the CLI end to end up to a million attempts.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use posrecon_engine::synth::{SynthSpec, generate};
use posrecon_engine::{Options, analyze, inspect};

fn pipeline(c: &mut Criterion) {
    let mut group = c.benchmark_group("engine");
    group.sample_size(10);
    for rows in [10_000u64, 100_000] {
        let synth = generate(&SynthSpec::new(rows, 1));
        let options = Options::new(synth.expected.as_of);
        group.throughput(Throughput::Elements(rows));
        group.bench_with_input(BenchmarkId::new("analyze", rows), &synth.files, |b, files| {
            b.iter(|| analyze(black_box(files), &options))
        });
        group.bench_with_input(BenchmarkId::new("inspect", rows), &synth.files, |b, files| {
            b.iter(|| inspect(black_box(files), &options))
        });
    }
    group.bench_function(BenchmarkId::new("generate", 100_000), |b| {
        b.iter(|| generate(black_box(&SynthSpec::new(100_000, 1))))
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
