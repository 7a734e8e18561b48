//! Fuzz target: arbitrary bytes through every file reader (`ingest::read`, under names that
//! select each format by extension) and `normalize::run`. Nothing may panic out of the engine, and
//! every input must come back with its row accounting consistent.
//!
//! The workbook readers deliberately catch panics inside calamine (see `ingest/sheet.rs`,
//! `guarded`): a damaged `.xls` becomes a message, not a crash. libfuzzer-sys installs a panic
//! hook that aborts before unwinding, which would report those caught panics as crashes, so the
//! target puts the default hook back once. A panic that escapes the engine still unwinds into
//! libfuzzer-sys's own `catch_unwind`, which aborts and reports it.
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;
use posrecon_engine::{ingest, normalize};

static DEFAULT_PANIC_HOOK: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    DEFAULT_PANIC_HOOK.call_once(|| drop(std::panic::take_hook()));
    for name in ["f.csv", "f.txt", "f.xlsx", "f.xls", "f.zip"] {
        for mut ingested in ingest::read(name, data, &ingest::ReadOptions::default()) {
            let records = normalize::run(&mut ingested, 0);
            assert_eq!(ingested.input.data_rows, records.len() as u64);
        }
    }
});
