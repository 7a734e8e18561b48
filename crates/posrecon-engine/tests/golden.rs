//! Golden fixtures: each folder under `tests/golden/` at the workspace root holds statement files
//! as a merchant downloads them, a `case.json` (`{"as_of": "YYYY-MM-DD", "lang": "zh"}`) and the
//! expected report in `expected.json`. The test runs the engine on the files and compares the whole
//! report. After an intended change, regenerate with `UPDATE_GOLDEN=1 cargo test --test golden`
//! and review the diff like code.
//!
//! Every case also checks three invariants: each input accounts for every line below its header,
//! every data row is in exactly one chain, and the report does not depend on the order the files
//! are given in. A case may carry `"settings"` (the `--config` JSON) in its `case.json`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use posrecon_engine::{Lang, Options, SourceFile, analyze};

fn golden_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

struct Case {
    name: String,
    dir: PathBuf,
    files: Vec<SourceFile>,
    options: Options,
}

fn cases() -> Vec<Case> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(golden_root())
        .expect("tests/golden exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let case: serde_json::Value =
                serde_json::from_slice(&std::fs::read(dir.join("case.json")).expect("case.json"))
                    .expect("case.json is JSON");
            let as_of =
                NaiveDate::parse_from_str(case["as_of"].as_str().expect("as_of"), "%Y-%m-%d")
                    .expect("as_of date");
            let mut options = Options::new(as_of);
            options.lang = case["lang"].as_str().and_then(Lang::parse).unwrap_or_default();
            // Optional "settings": the same JSON as a `--config` file (fee rates, cut-off, ...).
            if let Some(settings) = case.get("settings") {
                options.settings =
                    serde_json::from_value(settings.clone()).expect("case.json settings");
            }
            let mut files: Vec<SourceFile> = std::fs::read_dir(&dir)
                .expect("case dir")
                .map(|e| e.expect("entry").path())
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    name != "case.json" && name != "expected.json"
                })
                .map(|p| {
                    let name = p.file_name().expect("name").to_string_lossy().into_owned();
                    SourceFile::new(name, std::fs::read(&p).expect("read input"))
                })
                .collect();
            files.sort_by(|a, b| a.name.cmp(&b.name));
            let name = dir.file_name().expect("name").to_string_lossy().into_owned();
            Case { name, dir, files, options }
        })
        .collect()
}

/// Counts the lines below the header the way a person would: every line break after it.
fn lines_below_header(bytes: &[u8], header_line: u32) -> u64 {
    let text = String::from_utf8_lossy(bytes);
    // Encoding does not matter here: only line breaks are counted, and they are ASCII in UTF-8 and
    // GB18030 alike.
    let total = text.lines().count() as u64;
    total.saturating_sub(u64::from(header_line))
}

#[test]
fn golden_reports() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let cases = cases();
    assert!(!cases.is_empty(), "no golden cases found");
    let mut failures = Vec::new();
    for case in &cases {
        let report = analyze(&case.files, &case.options);
        let actual = serde_json::to_string_pretty(&report).expect("serialise") + "\n";
        let expected_path = case.dir.join("expected.json");
        if update {
            std::fs::write(&expected_path, &actual).expect("write expected.json");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            let diff_line = expected
                .lines()
                .zip(actual.lines())
                .position(|(e, a)| e != a)
                .map(|i| i + 1)
                .unwrap_or(expected.lines().count().min(actual.lines().count()) + 1);
            failures.push(format!(
                "{}: report differs from expected.json (first difference at line {diff_line}); \
                 rerun with UPDATE_GOLDEN=1 if the change is intended",
                case.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn golden_inputs_account_for_every_line() {
    for case in cases() {
        let report = analyze(&case.files, &case.options);
        for input in &report.inputs {
            let Some(header_line) = input.header_line else { continue };
            let file = case.files.iter().find(|f| f.name == input.file).expect("input file");
            let accounted = input.data_rows
                + input.skipped_rows.len() as u64
                + input.rejected_rows.len() as u64;
            assert_eq!(
                accounted,
                lines_below_header(&file.bytes, header_line),
                "{}/{}: used + skipped + rejected must equal the lines below the header",
                case.name,
                input.file
            );
        }
    }
}

#[test]
fn golden_reports_do_not_depend_on_file_order() {
    for case in cases() {
        let forward = analyze(&case.files, &case.options);
        let mut reversed_files = case.files.clone();
        reversed_files.reverse();
        let reversed = analyze(&reversed_files, &case.options);
        assert_eq!(forward, reversed, "{}: file order changed the report", case.name);
    }
}

#[test]
fn adding_the_same_file_twice_changes_no_finding() {
    for case in cases() {
        let once = analyze(&case.files, &case.options);
        let mut twice_files = case.files.clone();
        twice_files.extend(case.files.iter().cloned());
        let twice = analyze(&twice_files, &case.options);
        assert_eq!(
            once.findings, twice.findings,
            "{}: a repeated file changed the findings",
            case.name
        );
        assert_eq!(
            once.summary, twice.summary,
            "{}: a repeated file changed the summary",
            case.name
        );
    }
}

#[test]
fn golden_every_data_row_is_in_exactly_one_chain() {
    for case in cases() {
        let report = analyze(&case.files, &case.options);
        let mut seen = std::collections::BTreeSet::new();
        for chain in &report.chains {
            for &member in &chain.records {
                assert!(seen.insert(member), "{}: {member:?} is in two chains", case.name);
            }
        }
        for (idx, input) in report.inputs.iter().enumerate() {
            let members = seen.iter().filter(|(i, _)| *i as usize == idx).count() as u64;
            assert_eq!(
                members, input.data_rows,
                "{}/{}: data rows vs chain members",
                case.name, input.file
            );
        }
    }
}
