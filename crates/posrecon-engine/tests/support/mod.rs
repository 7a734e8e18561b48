//! What several integration tests share: a golden case (`tests/golden/<case>/`) read as the
//! merchant's files with the options its `case.json` gives (`as_of`, optional `settings`), in the
//! language a test asks for. One reading of a case, so a test never analyses it with another
//! date or other files than the golden test does.
//!
//! Each test crate that says `mod support;` compiles this module; not every one uses every item.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use posrecon_engine::report::Report;
use posrecon_engine::{Lang, Options, SourceFile, analyze};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The folders of every golden case, sorted.
pub fn golden_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/golden"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The files of the golden case in `dir` (every file but `case.json` and `expected.json`, sorted
/// by name) and its options, in `lang`.
pub fn golden_case(dir: &Path, lang: Lang) -> (Vec<SourceFile>, Options) {
    let case: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("case.json")).expect("case.json")).unwrap();
    let as_of = NaiveDate::parse_from_str(case["as_of"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    let mut options = Options::new(as_of);
    options.lang = lang;
    if let Some(settings) = case.get("settings") {
        options.settings = serde_json::from_value(settings.clone()).unwrap();
    }
    let mut files: Vec<SourceFile> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name != "case.json" && name != "expected.json"
        })
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            SourceFile::new(name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    (files, options)
}

/// The report of golden case `name` (`demo-week`, `three-terminal-cafe`, ...) in `lang`.
pub fn golden_report(name: &str, lang: Lang) -> Report {
    let (files, options) = golden_case(&root().join("tests/golden").join(name), lang);
    analyze(&files, &options)
}
