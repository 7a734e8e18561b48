//! Fuzz target: arbitrary bytes through every file reader (`ingest::read`, under names that
//! select each format by extension) and `normalize::run`. Nothing may panic, and every input must
//! come back with its row accounting consistent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use posrecon_engine::{Settings, ingest, normalize};

fuzz_target!(|data: &[u8]| {
    for name in ["f.csv", "f.txt", "f.xlsx", "f.zip"] {
        for mut ingested in ingest::read(name, data, &ingest::ReadOptions::default()) {
            let records = normalize::run(&mut ingested, 0, &Settings::default());
            assert_eq!(ingested.input.data_rows, records.len() as u64);
        }
    }
});
