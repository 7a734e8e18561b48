//! The case sheets and chat texts of issue 14, rendered from real analyses.
//!
//! `demo_week_sheets_and_texts_match_their_goldens` renders every finding of the demo week
//! (`tests/golden/demo-week`, as of its `case.json`) in Chinese and English and compares with
//! `tests/sheets/demo-week/{zh,en}/<id>.{html,txt}`; after an intended change regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test sheets` and review the diff like code.
//!
//! `every_chat_text_is_short_and_carries_the_sheets_identifiers` holds for every finding of every
//! golden case and of every reader fixture (`tests/fixtures`, each file analysed alone), in both
//! languages: the chat text is at most 500 characters and contains every identifier, amount and
//! date the case sheet gives for the transactions concerned, the 商户号, and the bank lines.

use std::path::PathBuf;

use chrono::NaiveDate;
use posrecon_engine::report::{Report, case, finding_text, sheet};
use posrecon_engine::{Lang, Options, SourceFile, analyze};

mod support;
use support::{golden_case, golden_dirs, root};

#[test]
fn demo_week_sheets_and_texts_match_their_goldens() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for (lang, name) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
        let (files, options) = golden_case(&root().join("tests/golden/demo-week"), lang);
        let report = analyze(&files, &options);
        assert!(report.findings.len() >= 9, "the demo week's findings");
        // The merchant as its files name it, on every sheet and text.
        for f in &report.findings {
            let sheet = sheet::render(&report, &f.id).unwrap();
            let text = finding_text::render(&report, &f.id).unwrap();
            assert!(sheet.contains("示例便利店") && text.contains("示例便利店"), "{}", f.id);
        }
        let dir = root().join("tests/sheets/demo-week").join(name);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
        }
        for f in &report.findings {
            let outputs = [
                ("html", sheet::render(&report, &f.id).unwrap()),
                ("txt", finding_text::render(&report, &f.id).unwrap()),
            ];
            for (ext, actual) in outputs {
                let path = dir.join(format!("{}.{ext}", f.id));
                if update {
                    std::fs::write(&path, &actual).unwrap();
                } else if std::fs::read_to_string(&path).unwrap_or_default() != actual {
                    failures.push(format!("{} differs", path.display()));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(UPDATE_GOLDEN=1 cargo test --test sheets if intended)",
        failures.join("\n")
    );
}

/// Every report the test fixtures give: each golden case and each reader fixture alone, in `lang`.
fn reports(lang: Lang) -> Vec<(String, Report)> {
    let mut out = Vec::new();
    for dir in golden_dirs() {
        let (files, options) = golden_case(&dir, lang);
        out.push((dir.display().to_string(), analyze(&files, &options)));
    }
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.to_string_lossy().ends_with(".json"))
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .collect();
    fixtures.sort();
    let mut options = Options::new(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
    options.lang = lang;
    for path in fixtures {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let file = SourceFile::new(name, std::fs::read(&path).unwrap());
        out.push((path.display().to_string(), analyze(&[file], &options)));
    }
    out
}

/// Every value the case sheet gives that the bank needs, as it writes them.
fn sheet_identifiers(report: &Report, id: &str) -> Vec<String> {
    let case = case::of(report, id).unwrap();
    let mut wanted: Vec<String> = case
        .transactions
        .iter()
        .flat_map(|t| t.identifiers(case.lang).into_iter().map(|(_, v)| v))
        .collect();
    wanted.extend(case.merchant.merchant_ids.iter().cloned());
    wanted.extend(case.merchant.names.iter().cloned());
    if let Some(p) = &case.payout {
        wanted.extend(p.settlement_dates.iter().map(ToString::to_string));
        wanted.extend(p.expected_deposit_date.iter().map(ToString::to_string));
    }
    for b in &case.bank_lines {
        wanted.extend(b.time.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()));
    }
    wanted
}

#[test]
fn every_chat_text_is_short_and_carries_the_sheets_identifiers() {
    let mut checked = 0;
    let mut problems = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        for (name, report) in reports(lang) {
            for f in &report.findings {
                let text = finding_text::render(&report, &f.id).unwrap();
                let sheet = sheet::render(&report, &f.id).unwrap();
                let n = text.chars().count();
                if n > finding_text::MAX_CHARS {
                    problems.push(format!("{name} {} {lang:?}: {n} characters\n{text}", f.id));
                }
                for value in sheet_identifiers(&report, &f.id) {
                    if !text.contains(&value) {
                        problems
                            .push(format!("{name} {} {lang:?}: text lacks {value}\n{text}", f.id));
                    }
                    let escaped = value.replace('&', "&amp;").replace('<', "&lt;");
                    assert!(sheet.contains(&escaped), "{name} {}: sheet lacks {value}", f.id);
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} findings checked");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
