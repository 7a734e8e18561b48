//! The staged API a host caches and parallelises: [`read_file`] one file at a time, in any order,
//! then [`match_read`], then [`analyze_matched`] / [`check_matched`]. Whatever the host does with
//! the stages, the merchant must get the report `analyze` gives, byte for byte: checked on every
//! golden case and on a synthetic chain-store set, with files read in reverse and rotated order,
//! read files kept and reused, and a report asked for in the other language from one match.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use posrecon_engine::check::CheckQuery;
use posrecon_engine::synth::{SynthSpec, generate};
use posrecon_engine::{
    Lang, Options, ReadFile, SourceFile, Stage, analyze, analyze_matched, analyze_with_progress,
    chains_of, check, check_matched, diagnose_matched, match_read, read_file, read_file_hashed,
    read_key,
};

/// A set of files and the options to analyse them under.
struct Case {
    name: String,
    files: Vec<SourceFile>,
    options: Options,
}

/// Every golden case (`tests/golden/<case>`, as `tests/golden.rs` reads them) and a synthetic
/// set with a bank statement.
fn cases() -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("tests/golden exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut cases: Vec<Case> = dirs.iter().map(|dir| golden(dir)).collect();
    assert!(cases.len() > 10, "golden cases found: {}", cases.len());
    let mut spec = SynthSpec::new(4_000, 12);
    spec.bank_statement = true;
    let synth = generate(&spec);
    let options = Options::new(spec.start + chrono::Duration::days(i64::from(spec.days) + 10));
    cases.push(Case { name: "synthetic".to_owned(), files: synth.files, options });
    cases
}

fn golden(dir: &Path) -> Case {
    let case: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("case.json")).expect("case.json"))
            .expect("case.json is JSON");
    let as_of = NaiveDate::parse_from_str(case["as_of"].as_str().expect("as_of"), "%Y-%m-%d")
        .expect("as_of date");
    let mut options = Options::new(as_of);
    options.lang = case["lang"].as_str().and_then(Lang::parse).unwrap_or_default();
    if let Some(settings) = case.get("settings") {
        options.settings = serde_json::from_value(settings.clone()).expect("case.json settings");
    }
    let files = std::fs::read_dir(dir)
        .expect("case dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| !p.ends_with("case.json") && !p.ends_with("expected.json"))
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            SourceFile::new(name, std::fs::read(&p).expect("read input"))
        })
        .collect();
    Case { name: dir.file_name().expect("name").to_string_lossy().into_owned(), files, options }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("serialise")
}

/// The files read one by one, in reverse order and rotated by one, as a host's threads might
/// finish them.
fn read_shuffled(case: &Case) -> Vec<ReadFile> {
    let mut read: Vec<ReadFile> =
        case.files.iter().rev().map(|f| read_file(f, &case.options)).collect();
    let by = 1.min(read.len());
    read.rotate_left(by);
    read
}

#[test]
fn staged_reports_are_byte_identical_to_analyze() {
    for case in cases() {
        let expected = json(&analyze(&case.files, &case.options));
        let read = read_shuffled(&case);
        let matched = match_read(&read, &case.options);
        assert_eq!(json(&analyze_matched(&matched, &case.options)), expected, "{}", case.name);
        // The match is not used up: a second report from it is the same.
        assert_eq!(json(&analyze_matched(&matched, &case.options)), expected, "{}", case.name);
    }
}

#[test]
fn a_language_switch_from_one_match_equals_analyzing_again() {
    for case in cases() {
        let matched = match_read(&read_shuffled(&case), &case.options);
        let mut other = case.options.clone();
        other.lang = if case.options.lang == Lang::Zh { Lang::En } else { Lang::Zh };
        assert_eq!(
            json(&analyze_matched(&matched, &other)),
            json(&analyze(&case.files, &other)),
            "{}",
            case.name
        );
    }
}

#[test]
fn a_language_switch_rewords_the_kept_report_as_analyzing_again() {
    let mut reworded = 0;
    for case in cases() {
        let matched = match_read(&read_shuffled(&case), &case.options);
        let mut stages = Vec::new();
        let mut kept = diagnose_matched(&matched, &case.options, &mut |s| stages.push(s));
        assert_eq!(stages, [Stage::Diagnosing], "{}: no chains built", case.name);
        assert!(kept.report.chains.is_empty(), "{}", case.name);
        let (lang, other) = match case.options.lang {
            Lang::Zh => (Lang::Zh, Lang::En),
            Lang::En => (Lang::En, Lang::Zh),
        };
        // There and back again, each time what analysing in that language gives.
        for to in [other, lang, other] {
            let mut options = case.options.clone();
            options.lang = to;
            assert!(kept.set_lang(to), "{}: worded in {to:?}", case.name);
            let mut report = kept.report.clone();
            report.chains = chains_of(&matched, &report, &options);
            assert_eq!(
                json(&report),
                json(&analyze(&case.files, &options)),
                "{} {to:?}",
                case.name
            );
        }
        reworded += usize::from(!kept.report.findings.is_empty());
    }
    assert!(reworded > 10, "the cases must have findings to word, {reworded} did");
}

/// Queries a customer might bring: the sale of each of the first findings, and one payment no
/// file holds.
fn queries(case: &Case) -> Vec<CheckQuery> {
    let report = analyze(&case.files, &case.options);
    let mut queries: Vec<CheckQuery> = report
        .findings
        .iter()
        .filter_map(|f| f.records.first())
        .filter_map(|r| Some(CheckQuery::new(r.time?, r.amount_cents)))
        .take(4)
        .collect();
    let time = case.options.as_of.and_hms_opt(3, 7, 0).expect("time");
    queries.push(CheckQuery::new(time, 987_654));
    queries
}

#[test]
fn check_matched_answers_as_check_does() {
    let mut answered = 0;
    for case in cases() {
        let matched = match_read(&read_shuffled(&case), &case.options);
        for query in queries(&case) {
            let expected = check(&case.files, &query, &case.options);
            assert_eq!(
                json(&check_matched(&matched, &query, &case.options)),
                json(&expected),
                "{}: {query:?}",
                case.name
            );
            answered += usize::from(expected.verdict.as_str() != "not_found");
        }
    }
    assert!(answered > 10, "the queries must reach real payments, {answered} did");
}

#[test]
fn a_cached_read_file_serves_another_analysis() {
    for case in cases().into_iter().filter(|c| c.files.len() >= 3) {
        let cache: Vec<ReadFile> = case.files.iter().map(|f| read_file(f, &case.options)).collect();
        // The merchant removes one file: the others are not read again.
        let (kept_files, kept_read) = (&case.files[1..], &cache[1..]);
        assert_eq!(
            json(&analyze_matched(&match_read(kept_read, &case.options), &case.options)),
            json(&analyze(kept_files, &case.options)),
            "{}: without {}",
            case.name,
            case.files[0].name
        );
        // Then adds it back, and it was given twice by mistake: one file read is used three times.
        let mut twice = cache.clone();
        twice.push(cache[0].clone());
        let mut twice_files = case.files.clone();
        twice_files.push(case.files[0].clone());
        assert_eq!(
            json(&analyze_matched(&match_read(&twice, &case.options), &case.options)),
            json(&analyze(&twice_files, &case.options)),
            "{}: {} twice",
            case.name,
            case.files[0].name
        );
    }
}

#[test]
fn progress_names_each_file_then_each_stage() {
    let case = cases().pop().expect("synthetic case");
    let mut stages = Vec::new();
    let report = analyze_with_progress(&case.files, &case.options, &mut |s| stages.push(s));
    let of = case.files.len();
    let mut expected: Vec<Stage> = case
        .files
        .iter()
        .enumerate()
        .map(|(file, f)| Stage::Reading { file, of, bytes: f.bytes.len() as u64 })
        .collect();
    expected.extend([Stage::Matching, Stage::Diagnosing, Stage::Chains]);
    assert_eq!(stages, expected);
    assert_eq!(json(&report), json(&analyze(&case.files, &case.options)));
}

#[test]
fn read_key_changes_only_with_what_changes_the_files_reading() {
    let base = Options::new(NaiveDate::from_ymd_opt(2025, 3, 10).expect("date"));
    let names = ["a.csv", "a.csv.bak", "b.zip"];
    let keys = |options: &Options| names.map(|n| read_key(n, options));
    let before = keys(&base);
    assert_eq!(before, keys(&base.clone()), "the key is stable");

    let changed = |edit: &dyn Fn(&mut Options)| {
        let mut options = base.clone();
        edit(&mut options);
        let after = keys(&options);
        names
            .iter()
            .zip(before.iter().zip(after))
            .filter(|(_, (b, a))| *b != a)
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
    };
    use posrecon_engine::model::Role;
    assert_eq!(changed(&|o| o.lang = Lang::En), Vec::<&str>::new());
    assert_eq!(changed(&|o| o.settings.duplicate_window_minutes += 5), Vec::<&str>::new());
    assert_eq!(
        changed(&|o| o.settings.settlement_cycle = posrecon_engine::config::Cycle::D0),
        Vec::<&str>::new()
    );
    assert_eq!(
        changed(&|o| {
            o.role_overrides.insert("a.csv".into(), Role::TerminalLog);
        }),
        ["a.csv"]
    );
    assert_eq!(
        changed(&|o| {
            o.encoding_overrides.insert("a.csv.bak".into(), "gbk".into());
        }),
        ["a.csv.bak"]
    );
    // An archive member's override is the archive's.
    assert_eq!(
        changed(&|o| {
            o.role_overrides.insert("b.zip/day1.csv".into(), Role::AcquirerStatement);
        }),
        ["b.zip"]
    );
    assert_eq!(
        changed(&|o| o.mapping_templates.push(Default::default())),
        names.to_vec(),
        "a template may name any file's header"
    );
    assert_eq!(
        changed(&|o| o.as_of = NaiveDate::from_ymd_opt(2026, 1, 2).expect("date")),
        names.to_vec()
    );
}

#[test]
fn a_file_read_under_its_key_reads_the_same_whatever_else_changed() {
    let case = cases().into_iter().find(|c| c.name == "encodings-and-layouts").expect("case");
    let file = &case.files[0];
    let mut other = case.options.clone();
    other.lang = Lang::En;
    other.settings.duplicate_window_minutes += 7;
    other
        .role_overrides
        .insert("some-other-file.csv".into(), posrecon_engine::model::Role::BankStatement);
    assert_eq!(read_key(&file.name, &other), read_key(&file.name, &case.options));
    let cached = read_file(file, &case.options);
    let fresh = read_file(file, &other);
    assert_eq!(
        json(&cached.inputs().collect::<Vec<_>>()),
        json(&fresh.inputs().collect::<Vec<_>>())
    );
    assert_eq!(
        json(&analyze_matched(&match_read(&[cached], &other), &other)),
        json(&analyze(std::slice::from_ref(file), &other))
    );
}

#[test]
fn files_read_with_the_hosts_digest_report_as_files_the_engine_hashed() {
    for case in cases() {
        let expected = json(&analyze(&case.files, &case.options));
        let read: Vec<ReadFile> = case
            .files
            .iter()
            .map(|f| {
                let sha256 = posrecon_engine::ingest::sha256_hex(&f.bytes);
                let hashed = read_file_hashed(f, sha256.clone(), &case.options);
                assert_eq!(hashed.sha256(), sha256, "{}", case.name);
                hashed
            })
            .collect();
        let matched = match_read(&read, &case.options);
        assert_eq!(json(&analyze_matched(&matched, &case.options)), expected, "{}", case.name);
    }
}
