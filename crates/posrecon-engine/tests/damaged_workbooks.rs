//! Damaged `.xls` workbooks (found by the readers' fuzz target, kept in `tests/data/damaged-xls/`
//! together with every later find) must cost a few megabytes, not the analysis: each is refused
//! with one line naming the damage before the workbook library allocates what the file claims, and
//! the other files of the analysis are read as usual.
//!
//! Allocation is measured by a counting global allocator (`peak_alloc`), which counts every thread,
//! so this file holds one test that measures one thing at a time. In the page an allocation of
//! gigabytes aborts the worker, so "the peak stays small" is what keeps the analysis alive there.

use std::path::PathBuf;

use chrono::NaiveDate;
use peak_alloc::PeakAlloc;
use posrecon_engine::{Options, SourceFile, ingest};

#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

/// Most bytes reading one damaged file may hold at once beyond what was held before ("a few
/// megabytes"; without the check in `ingest/ole2.rs` one of them holds 45 MB and others panic).
const PEAK_LIMIT: usize = 4 * 1024 * 1024;

/// Runs `f` and returns its result with the most bytes it held at once beyond what was held before.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = ALLOCATOR.current_usage();
    ALLOCATOR.reset_peak_usage();
    let out = f();
    (out, ALLOCATOR.peak_usage().saturating_sub(base))
}

fn cases() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/damaged-xls");
    let mut cases: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("damaged-xls dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "xls"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("case"))
        })
        .collect();
    cases.sort();
    cases
}

/// One test, so that nothing else allocates while a peak is measured.
#[test]
fn damaged_workbooks_cost_megabytes_not_the_analysis() {
    each_is_refused_in_a_few_megabytes_with_one_line();
    one_beside_the_demo_statements_leaves_the_analysis_whole();
}

fn each_is_refused_in_a_few_megabytes_with_one_line() {
    let cases = cases();
    assert!(cases.len() >= 12, "only {} cases", cases.len());
    let mut messages = String::new();
    for (name, bytes) in &cases {
        let (read, peak) = peak_of(|| ingest::read(name, bytes, &ingest::ReadOptions::default()));
        assert!(peak < PEAK_LIMIT, "{name} ({} bytes) held {peak} bytes at once", bytes.len());
        let errors: Vec<&str> = read.iter().filter_map(|i| i.input.error.as_deref()).collect();
        assert_eq!(errors.len(), read.len(), "{name}: every table of it fails");
        for error in errors {
            assert!(!error.contains('\n'), "{name}: {error}");
            assert!(error.starts_with("xls workbook"), "{name}: {error}");
            messages.push_str(&format!("{name}: {error}\n"));
        }
    }
    expect_test::expect_file!["data/damaged-xls/messages.txt"].assert_eq(&messages);
}

fn one_beside_the_demo_statements_leaves_the_analysis_whole() {
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../www/demo");
    let mut files: Vec<SourceFile> =
        ["收单对账单_20261108-20261114.csv", "终端交易明细_20261109-20261115.csv"]
            .iter()
            .map(|name| SourceFile::new(*name, std::fs::read(demo.join(name)).expect("demo file")))
            .collect();
    let options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 17).unwrap());
    let clean = posrecon_engine::analyze(&files, &options);
    let smallest = cases().into_iter().min_by_key(|(_, b)| b.len()).expect("a case");
    files.push(SourceFile::new(smallest.0.clone(), smallest.1));
    let (report, peak) = peak_of(|| posrecon_engine::analyze(&files, &options));
    let clean_peak = peak_of(|| posrecon_engine::analyze(&files[..2], &options)).1;
    assert!(peak < clean_peak + PEAK_LIMIT, "analysis held {peak} bytes (clean: {clean_peak})");
    assert_eq!(report.inputs.len(), clean.inputs.len() + 1);
    let damaged = report.inputs.iter().find(|i| i.file == smallest.0).expect("its card");
    assert!(damaged.error.as_deref().is_some_and(|e| e.starts_with("xls workbook is damaged")));
    assert_eq!(report.findings, clean.findings, "the other files read as before");
}
