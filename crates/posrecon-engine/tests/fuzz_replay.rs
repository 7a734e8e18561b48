//! Stable stand-in for the cargo-fuzz target in `fuzz/` (coverage-guided fuzzing needs a nightly
//! toolchain): every fixture under `tests/fixtures/`, every seed under `fuzz/corpus/readers/` and
//! every damaged workbook under `crates/posrecon-engine/tests/data/damaged-xls/`,
//! plus a few thousand deterministic mutations of them (bit flips, byte edits, truncation,
//! splices of two seeds), go through every reader and normalize. Nothing may panic, the row
//! accounting must stay consistent, and the whole run must stay within a time bound, so a reader
//! that goes quadratic on some input shows up here too.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use posrecon_engine::{ingest, normalize};

/// Mutated inputs per run.
const MUTATIONS: usize = 3000;

/// The whole replay must finish within this (debug build, slow machine).
const BUDGET: Duration = Duration::from_secs(240);

fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths: Vec<PathBuf> = Vec::new();
    for dir in
        ["tests/fixtures", "fuzz/corpus/readers", "crates/posrecon-engine/tests/data/damaged-xls"]
    {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        paths.extend(
            entries
                .map(|e| e.expect("entry").path())
                .filter(|p| p.is_file() && !p.to_string_lossy().ends_with(".json")),
        );
    }
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).expect("seed")).collect()
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = seeds[rng.below(seeds.len())].clone();
    for _ in 0..=rng.below(4) {
        let len = bytes.len();
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                bytes[i] = rng.next() as u8;
            }
            2 => {
                let i = rng.below(len + 1);
                let interesting = [b',', b'\n', b'\r', b'"', b'\t', 0, 0xFF, b'#', b'`', b'-'];
                bytes.insert(i, interesting[rng.below(interesting.len())]);
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let n = rng.below(len - i).min(64) + 1;
                bytes.drain(i..i + n);
            }
            4 => bytes.truncate(rng.below(len + 1)),
            5 => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len() + 1);
                let to = (from + rng.below(256)).min(other.len());
                let at = rng.below(len + 1);
                bytes.splice(at..at, other[from..to].iter().copied());
            }
            _ if len > 0 => {
                // Repeat a chunk: long lines, many rows.
                let i = rng.below(len);
                let chunk: Vec<u8> = bytes[i..(i + 80).min(len)].to_vec();
                for _ in 0..rng.below(50) {
                    bytes.splice(i..i, chunk.iter().copied());
                }
            }
            _ => {}
        }
    }
    bytes
}

fn read_everything(bytes: &[u8]) {
    for name in ["f.csv", "f.txt", "f.xlsx", "f.zip"] {
        for mut ingested in ingest::read(name, bytes, &ingest::ReadOptions::default()) {
            let records = normalize::run(&mut ingested, 0);
            let input = &ingested.input;
            assert_eq!(input.data_rows, records.len() as u64);
            if let Some(error) = &input.error {
                assert!(!error.contains('\n'), "multi-line error: {error}");
            }
        }
    }
}

#[test]
fn readers_survive_seeds_and_mutations() {
    let seeds = seeds();
    assert!(seeds.len() >= 15, "only {} seeds", seeds.len());
    let started = Instant::now();
    let mut slowest = (Duration::ZERO, 0usize);
    for seed in &seeds {
        read_everything(seed);
    }
    let mut rng = Rng(0x005E_ED0F_F022);
    for case in 0..MUTATIONS {
        let input = mutate(&mut rng, &seeds);
        let t = Instant::now();
        read_everything(&input);
        slowest = slowest.max((t.elapsed(), case));
    }
    let elapsed = started.elapsed();
    assert!(
        elapsed < BUDGET,
        "replay took {elapsed:?} (budget {BUDGET:?}); slowest case {} took {:?}",
        slowest.1,
        slowest.0
    );
}
