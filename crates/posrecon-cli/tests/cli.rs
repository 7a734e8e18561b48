//! The command line as a user runs it: real binary, real files, exit codes and outputs as the
//! contract in `shared/spec/cli.md` describes them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn demo_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../www/demo");
    let manifest: Vec<String> =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).expect("manifest"))
            .expect("json");
    manifest.into_iter().map(|name| dir.join(name)).collect()
}

fn posrecon(args: &[&str], files: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_posrecon"))
        .args(args)
        .args(files)
        .output()
        .expect("run posrecon")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("posrecon-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn analyze_writes_a_report_in_the_contract_schema() {
    let out = posrecon(&["analyze", "--as-of", "2026-11-25", "--json", "-"], &demo_files());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(report["schema"], "posrecon.report/v1");
    assert_eq!(report["as_of"], "2026-11-25");
    let inputs = report["inputs"].as_array().expect("inputs");
    assert_eq!(inputs.len(), 3);
    for input in inputs {
        assert!(input["role"].is_string(), "role detected for {}", input["file"]);
        assert!(input["sha256"].as_str().is_some_and(|s| s.len() == 64));
        assert!(input["data_rows"].as_u64().is_some_and(|n| n > 0));
    }
    let findings = report["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for finding in findings {
        assert!(finding["amount_cents"].is_i64(), "money is integer fen");
        let first = &finding["records"][0];
        assert!(first["file"].is_string() && first["line"].as_u64().is_some_and(|l| l > 0));
        assert!(finding["actions"].as_array().is_some_and(|a| !a.is_empty()));
    }
    let by_kind = report["summary"]["findings_by_kind"].as_object().expect("by kind");
    let total: u64 = by_kind.values().map(|v| v.as_u64().expect("count")).sum();
    assert_eq!(total, findings.len() as u64);
}

#[test]
fn analyze_in_english_changes_the_text_not_the_findings() {
    let zh = posrecon(&["analyze", "--as-of", "2026-11-25", "--json", "-"], &demo_files());
    let en = posrecon(
        &["analyze", "--as-of", "2026-11-25", "--lang", "en", "--json", "-"],
        &demo_files(),
    );
    let zh: serde_json::Value = serde_json::from_slice(&zh.stdout).expect("json");
    let en: serde_json::Value = serde_json::from_slice(&en.stdout).expect("json");
    assert_eq!(zh["summary"], en["summary"]);
    let title_zh = zh["findings"][0]["title"].as_str().expect("title");
    let title_en = en["findings"][0]["title"].as_str().expect("title");
    assert!(title_zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{title_zh}");
    // English text may still quote what the terminal printed (e.g. 交易超时), but is written in English.
    assert!(title_en.starts_with(|c: char| c.is_ascii_alphabetic()), "{title_en}");
    let en_actions = en["findings"][0]["actions"].as_array().expect("actions");
    assert!(
        en_actions
            .iter()
            .all(|a| a.as_str().is_some_and(|a| a.starts_with(|c: char| c.is_ascii())))
    );
}

#[test]
fn csv_export_has_a_bom_and_neutralised_cells() {
    let dir = temp_dir("csv");
    let csv_path = dir.join("findings.csv");
    let out = posrecon(
        &["analyze", "--as-of", "2026-11-25", "--csv", csv_path.to_str().expect("utf-8 path")],
        &demo_files(),
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&csv_path).expect("csv written");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    assert!(text.starts_with("编号,问题类型"));
    assert!(text.contains("掉单"));
    // Masked cards only: never more than the first 6 and last 4 digits.
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (card_col, severity_col) = (column("卡号"), column("严重程度"));
    let mut rows = 0;
    for row in reader.records() {
        let row = row.expect("row");
        // The severity in the file's language, as the page shows it.
        assert!(
            ["高", "中", "低", "提示"].contains(&&row[severity_col]),
            "{:?}",
            &row[severity_col]
        );
        let card = row[card_col].to_owned();
        rows += 1;
        assert!(
            card.is_empty()
                || (card.contains('*') && card.chars().filter(char::is_ascii_digit).count() <= 10),
            "{card}"
        );
    }
    assert!(rows > 0);
}

#[test]
fn inspect_reports_each_file_even_when_one_is_unreadable() {
    let dir = temp_dir("inspect");
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, b"").expect("write");
    let mut files = demo_files();
    files.push(empty);
    let out = posrecon(&["inspect"], &files);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let inputs = value["inputs"].as_array().expect("inputs");
    assert_eq!(inputs.len(), 4);
    let empty = inputs.iter().find(|i| i["file"] == "empty.csv").expect("empty file listed");
    assert!(empty["role"].is_null());
    assert!(empty["error"].as_str().is_some_and(|e| !e.is_empty()));
    assert!(inputs.iter().filter(|i| i["file"] != "empty.csv").all(|i| i["role"].is_string()));
}

#[test]
fn exit_status_follows_the_contract() {
    // 2: bad usage, with a one-line reason.
    for args in [
        vec!["analyze", "--as-of", "25/11/2026"],
        vec!["analyze", "--lang", "fr"],
        vec!["analyze", "--role", "x.csv=shop"],
        vec!["frobnicate"],
    ] {
        let out = posrecon(&args, &demo_files());
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // 1: the input cannot be analysed; the message names the file.
    let missing = PathBuf::from("/nonexistent/终端.csv");
    let out = posrecon(&["analyze", "--json", "-"], &[missing]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("终端.csv"));

    let dir = temp_dir("binary");
    let binary = dir.join("photo.csv");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 255, 0, 0]).expect("write");
    let out = posrecon(&["analyze", "--json", "-"], &[binary]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("photo.csv") && stderr.lines().count() >= 1, "{stderr}");
}

#[test]
fn forcing_a_role_is_honoured() {
    let files = demo_files();
    let log = files.iter().find(|f| f.to_string_lossy().contains("终端")).expect("terminal log");
    let name = log.file_name().expect("name").to_string_lossy().into_owned();
    let role_arg = format!("{name}=bank_statement");
    let out =
        posrecon(&["analyze", "--as-of", "2026-11-25", "--role", &role_arg, "--json", "-"], &files);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let input = report["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .find(|i| i["file"] == name.as_str())
        .expect("log");
    assert_eq!(input["role"], "bank_statement");
}

fn dir_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("gen output folder")
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("read generated file"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn gen_writes_the_same_bytes_for_the_same_seed() {
    let base = temp_dir("gen-same");
    let (a, b, c) = (base.join("a"), base.join("b/nested"), base.join("c"));
    for (dir, seed) in [(&a, "42"), (&b, "42"), (&c, "43")] {
        let out = posrecon(
            &["gen", "--rows", "700", "--seed", seed, "--out", dir.to_str().expect("utf-8")],
            &[],
        );
        assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout.is_empty(), "gen writes files, not stdout");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "one-line summary: {stderr}");
        assert!(stderr.contains("700 terminal rows"), "{stderr}");
    }
    let (files_a, files_b, files_c) = (dir_files(&a), dir_files(&b), dir_files(&c));
    assert_eq!(files_a.len(), 4, "terminal log, acquirer statement, bank statement, orders");
    assert_eq!(files_a, files_b);
    assert_ne!(files_a, files_c);
}

#[test]
fn gen_then_analyze_finds_exactly_the_injected_anomalies() {
    use posrecon_engine::synth::{SynthSpec, generate};
    let dir = temp_dir("gen-analyze");
    let out = posrecon(
        &["gen", "--rows", "3000", "--seed", "9", "--out", dir.to_str().expect("utf-8")],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let mut spec = SynthSpec::new(3000, 9);
    spec.bank_statement = true;
    spec.order_list = true;
    let expected = generate(&spec).expected;
    assert!(!expected.findings.is_empty());
    assert!(expected.bank_rows > 0, "gen writes the bank statement");
    assert!(expected.order_rows > 0, "gen writes the order list");

    let files: Vec<PathBuf> = dir_files(&dir).into_iter().map(|(name, _)| dir.join(name)).collect();
    let as_of = expected.as_of.to_string();
    let out = posrecon(&["analyze", "--quiet", "--as-of", &as_of, "--json", "-"], &files);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");

    assert_eq!(report["summary"]["attempts"], expected.attempts);
    let by_kind: serde_json::Value = expected
        .findings_by_kind()
        .into_iter()
        .map(|(kind, n)| (kind.as_str().to_owned(), serde_json::Value::from(n)))
        .collect::<serde_json::Map<_, _>>()
        .into();
    assert_eq!(report["summary"]["findings_by_kind"], by_kind);
    let mut found: Vec<(String, u64, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let first = &f["records"][0];
            let file = first["file"].as_str().expect("file").to_owned();
            (
                file,
                first["line"].as_u64().expect("line"),
                f["kind"].as_str().expect("kind").to_owned(),
            )
        })
        .collect();
    found.sort();
    let mut wanted: Vec<(String, u64, String)> = expected
        .findings
        .iter()
        .map(|f| (f.file.clone(), u64::from(f.line), f.kind.as_str().to_owned()))
        .collect();
    wanted.sort();
    assert_eq!(found, wanted);
}

#[test]
fn gen_exit_status_follows_the_contract() {
    let dir = temp_dir("gen-usage");
    let out_dir = dir.join("out");
    let out_arg = out_dir.to_str().expect("utf-8");
    for args in [
        vec!["gen", "--rows", "10", "--seed", "1"],
        vec!["gen", "--rows", "ten", "--seed", "1", "--out", out_arg],
        vec!["gen", "--rows", "10000001", "--seed", "1", "--out", out_arg],
    ] {
        let out = posrecon(&args, &[]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // 1: the folder cannot be created (a file is in the way); the message names it.
    let blocker = dir.join("blocker");
    std::fs::write(&blocker, b"not a folder").expect("write");
    let out = posrecon(
        &["gen", "--rows", "10", "--seed", "1", "--out", blocker.to_str().expect("utf-8")],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("blocker"));
}

/// `posrecon check` on the demo week: the verdict JSON on stdout.
fn check_demo(time: &str, amount: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["check", "--as-of", "2026-11-17", "--time", time, "--amount", amount];
    args.extend_from_slice(extra);
    let out = posrecon(&args, &demo_files());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(result["schema"], "posrecon.check/v1");
    assert!(result["say_to_customer"].as_array().is_some_and(|s| !s.is_empty()));
    assert!(result["actions"].as_array().is_some_and(|a| !a.is_empty()));
    assert_eq!(result["searched"].as_array().map(Vec::len), Some(3), "every demo file is searched");
    result
}

/// `file:line` of the records a verdict rests on, most telling first.
fn check_lines(result: &serde_json::Value) -> Vec<String> {
    result["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|r| {
            let file = r["file"].as_str().expect("file");
            let side = if file.starts_with("终端") { "T" } else { "A" };
            format!("{side}{}", r["line"])
        })
        .collect()
}

#[test]
fn check_timeout_that_was_charged_is_charged_and_settled() {
    let result = check_demo("2026-11-09 10:05", "1,580.00", &[]);
    assert_eq!(result["verdict"], "charged_and_settled");
    assert_eq!(result["query"]["amount_cents"], 158000);
    assert_eq!(check_lines(&result), ["A5", "T8"]);
    assert_eq!(result["records"][0]["rrn"], "309140500028");
    let say = result["say_to_customer"][0].as_str().expect("text");
    assert!(say.contains("不需要再付一次"), "{say}");
}

#[test]
fn check_retry_after_a_timeout_is_charged_twice() {
    let result = check_demo("11-10 19:20", "268", &["--card-last4", "7710"]);
    assert_eq!(result["verdict"], "charged_twice");
    // The charge the terminal showed as failed is the one to refund, so it comes first.
    assert_eq!(check_lines(&result), ["A20", "T23", "A21", "T24"]);
    let say = result["say_to_customer"].to_string();
    assert!(say.contains("2026-11-10 19:20:05 的那一笔") && say.contains("3–5 个工作日"), "{say}");
}

#[test]
fn check_declined_sale_is_declined() {
    let result = check_demo("2026-11-11T16:02:09", "640", &["--lang", "en"]);
    assert_eq!(result["verdict"], "declined");
    assert_eq!(result["label"], "Declined, not charged");
    assert_eq!(result["records"][0]["response_code"], "51");
}

#[test]
fn check_reversed_timeout_is_not_charged() {
    let result = check_demo("2026-11-13 17:25", "56", &["--terminal", "10086603"]);
    assert_eq!(result["verdict"], "reversed_not_charged");
    assert_eq!(check_lines(&result), ["T52"]);
    let say = result["say_to_customer"].to_string();
    assert!(say.contains("您的卡没有被扣款") && say.contains("24小时"), "{say}");
}

#[test]
fn check_after_the_statements_coverage_is_not_yet_settled() {
    let result = check_demo("2026-11-15 20:45", "199", &[]);
    assert_eq!(result["verdict"], "not_yet_settled");
    assert_eq!(result["check_again_after"], "2026-11-16");
    assert_eq!(check_lines(&result), ["T71"]);
}

#[test]
fn check_wrong_amount_is_not_found_and_names_the_files_searched() {
    let result = check_demo("2026-11-09 10:05", "158", &[]);
    assert_eq!(result["verdict"], "not_found");
    assert_eq!(result["records"], serde_json::json!([]));
    let explanation = result["explanation"].as_str().expect("text");
    assert!(explanation.contains("终端交易明细_20261109-20261115.csv"), "{explanation}");
    assert!(explanation.contains("2026-11-08 18:12 至 2026-11-14 18:36"), "{explanation}");
    assert_eq!(result["nearby"][0]["amount_cents"], 158000);
}

#[test]
fn check_exit_status_follows_the_contract() {
    for args in [
        vec!["check", "--time", "yesterday", "--amount", "56"],
        vec!["check", "--time", "2026-11-13 17:25", "--amount", "fifty"],
        vec!["check", "--time", "2026-11-13 17:25", "--amount", "-56"],
        vec!["check", "--time", "2026-11-13 17:25", "--amount", "56", "--card-last4", "12"],
        vec!["check", "--time", "2026-11-13 17:25", "--amount", "56", "--lang", "fr"],
        vec!["check", "--amount", "56"],
    ] {
        let out = posrecon(&args, &demo_files());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let missing = PathBuf::from("/nonexistent/终端.csv");
    let out = posrecon(&["check", "--time", "2026-11-13 17:25", "--amount", "56"], &[missing]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("终端.csv"));
}

#[test]
fn config_file_sets_fee_rates_and_bad_config_is_bad_usage() {
    let dir = temp_dir("config");
    // The demo statement charges 0.38%; a contract of 0.3% makes every settled sale a fee mismatch.
    let good = dir.join("settings.json");
    std::fs::write(&good, r#"{"fee_rates": [{"rate_per_10000": 30}], "settlement_cycle": "T+1"}"#)
        .expect("write");
    let out = posrecon(
        &["analyze", "--as-of", "2026-11-25", "--config", good.to_str().unwrap(), "--json", "-"],
        &demo_files(),
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(report["settings"]["fee_rates"][0]["rate_per_10000"], 30);
    assert!(
        report["summary"]["findings_by_kind"]["fee_mismatch"].as_u64().is_some_and(|n| n > 0),
        "{}",
        report["summary"]
    );
    // Without the file: no fee rates, no fee findings.
    let out = posrecon(&["analyze", "--as-of", "2026-11-25", "--json", "-"], &demo_files());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert!(report["summary"]["findings_by_kind"]["fee_mismatch"].is_null());

    for (name, text, wanted) in [
        ("unknown.json", r#"{"fee_rate": []}"#, "unknown key 'fee_rate'"),
        ("type.json", r#"{"match_window_minutes": "five"}"#, "match_window_minutes"),
        ("cycle.json", r#"{"settlement_cycle": "T+9"}"#, "settlement_cycle"),
        ("broken.json", "{", "not valid JSON"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        let out = posrecon(&["analyze", "--config", path.to_str().unwrap()], &demo_files());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(wanted) && stderr.trim().lines().count() == 1, "{name}: {stderr}");
    }
    let out = posrecon(&["analyze", "--config", "/nonexistent/settings.json"], &demo_files());
    assert_eq!(out.status.code(), Some(2));
}

/// The demo week with the timed-out sale's 应答信息 replaced by a script tag, in a terminal log
/// whose name holds `&`.
fn tampered_demo(dir: &Path) -> Vec<PathBuf> {
    let demo = demo_files();
    let terminal = demo.iter().find(|p| p.to_string_lossy().contains("终端")).expect("terminal");
    let acquirer = demo.iter().find(|p| p.to_string_lossy().contains("收单")).expect("acquirer");
    let text = std::fs::read_to_string(terminal).expect("utf-8 demo");
    let text = text.replacen(",,交易超时", ",,<script>alert(1)</script>", 1);
    let tampered = dir.join("终端&流水.csv");
    std::fs::write(&tampered, text).expect("write");
    vec![tampered, acquirer.clone()]
}

#[test]
fn html_export_is_a_chinese_document_with_file_text_escaped() {
    let dir = temp_dir("html");
    let files = tampered_demo(&dir);
    let html_path = dir.join("report.html");
    let out = posrecon(
        &["analyze", "--as-of", "2026-11-17", "--html", html_path.to_str().expect("utf-8 path")],
        &files,
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&html_path).expect("html written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("掉单（扣款但显示失败）"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the response text is shown");
    assert!(!html.contains("<script"), "no script in the document");
    assert!(html.contains("终端&amp;流水.csv"));
    assert!(!html.contains("终端&流水"));

    // '-' writes the same document to stdout.
    let out = posrecon(&["analyze", "--as-of", "2026-11-17", "--html", "-"], &files);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).expect("utf-8"), html);
}

#[test]
fn xlsx_export_is_a_workbook_with_three_sheets() {
    use std::io::Read;

    let dir = temp_dir("xlsx");
    let xlsx_path = dir.join("findings.xlsx");
    let out = posrecon(
        &["analyze", "--as-of", "2026-11-17", "--xlsx", xlsx_path.to_str().expect("utf-8 path")],
        &demo_files(),
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&xlsx_path).expect("xlsx written");
    assert_eq!(&bytes[..4], b"PK\x03\x04", "a zip file");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("zip");
    let mut workbook = String::new();
    archive
        .by_name("xl/workbook.xml")
        .expect("workbook part")
        .read_to_string(&mut workbook)
        .unwrap();
    for sheet in ["问题明细", "文件", "事件"] {
        assert!(workbook.contains(&format!("name=\"{sheet}\"")), "{sheet}: {workbook}");
    }

    // The same files give the same bytes.
    let again = dir.join("again.xlsx");
    posrecon(
        &["analyze", "--as-of", "2026-11-17", "--xlsx", again.to_str().unwrap()],
        &demo_files(),
    );
    assert!(std::fs::read(&again).expect("xlsx written") == bytes, "xlsx is deterministic");

    let out = posrecon(&["analyze", "--as-of", "2026-11-17", "--xlsx", "-"], &demo_files());
    assert_eq!(out.status.code(), Some(2), "a workbook is not for stdout");
}

#[test]
fn csv_to_stdout_is_the_same_as_to_a_file() {
    let dir = temp_dir("csv-stdout");
    let csv_path = dir.join("findings.csv");
    let to_file = posrecon(
        &["analyze", "--as-of", "2026-11-17", "--csv", csv_path.to_str().expect("utf-8 path")],
        &demo_files(),
    );
    assert_eq!(to_file.status.code(), Some(0));
    let to_stdout = posrecon(&["analyze", "--as-of", "2026-11-17", "--csv", "-"], &demo_files());
    assert_eq!(to_stdout.stdout, std::fs::read(&csv_path).expect("csv written"));
    assert!(to_stdout.stdout.starts_with("\u{feff}编号,问题类型,严重程度,金额(元)".as_bytes()));
}

/// The QR golden case: a cashier log, a WeChat Pay bill and an Alipay bill (GBK) of 2026-11-09.
fn qr_golden_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/qr-payments");
    ["收银机流水_20261109.csv", "微信支付账单_20261109.csv", "支付宝账单_20261109.csv"]
        .iter()
        .map(|name| dir.join(name))
        .collect()
}

#[test]
fn check_with_a_wallet_follows_the_wallet_bills() {
    let check = |time: &str, amount: &str, wallet: &str| {
        let args = [
            "check",
            "--as-of",
            "2026-11-12",
            "--time",
            time,
            "--amount",
            amount,
            "--wallet",
            wallet,
        ];
        let out = posrecon(&args, &qr_golden_files());
        assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
        let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(result["query"]["wallet"], wallet);
        result
    };
    // Re-scan: the USERPAYING attempt and its retry were both paid; send back the first.
    let twice = check("2026-11-09 12:31", "45", "wechat");
    assert_eq!(twice["verdict"], "charged_twice");
    assert_eq!(twice["records"][0]["order_id"], "A20261109002");
    assert_eq!(twice["records"][0]["channel_order_id"], "4200002026110912345701");
    let actions = twice["actions"].to_string();
    assert!(actions.contains("撤销") && actions.contains("A20261109002"), "{actions}");
    // The Alipay bill (GBK, # lines) has the 120.00 payment.
    let paid = check("2026-11-09 11:20", "120", "alipay");
    assert_eq!(paid["verdict"], "charged_and_settled");
    assert!(paid["say_to_customer"].to_string().contains("支付宝"), "{}", paid["say_to_customer"]);
    // SYSTEMERROR on the 10th: no bill for that day yet, look again on the 11th.
    let pending = check("2026-11-10 09:05", "30", "alipay");
    assert_eq!(pending["verdict"], "not_yet_settled");
    assert_eq!(pending["check_again_after"], "2026-11-11");
    // The wrong wallet finds nothing; a wallet that is neither is bad usage.
    assert_eq!(check("2026-11-09 11:20", "120", "wechat")["verdict"], "not_found");
    let args = ["check", "--time", "2026-11-09 11:20", "--amount", "120", "--wallet", "unionpay"];
    let out = posrecon(&args, &qr_golden_files());
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty() && String::from_utf8_lossy(&out.stderr).contains("--wallet"));
}

#[test]
fn inspect_warns_when_a_files_own_total_differs() {
    let dir = temp_dir("totals");
    let path = dir.join("终端流水.csv");
    std::fs::write(
        &path,
        "交易时间,终端号,交易金额,应答码\n2026-11-09 10:02:11,10086602,268.00,00\n合计,,300.00,\n",
    )
    .expect("write");
    // The warning is worded in --lang (Chinese by default), from the typed note.
    let en = posrecon(&["inspect", "--lang", "en"], std::slice::from_ref(&path));
    let stderr = String::from_utf8_lossy(&en.stderr);
    assert!(
        stderr.contains(
            "warning: 终端流水.csv (line 3): 合计 交易金额 states CNY 300.00, the rows read give CNY 268.00; they differ by CNY 32.00"
        ),
        "{stderr}"
    );
    let out = posrecon(&["inspect"], std::slice::from_ref(&path));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "警告: 终端流水.csv (行 3): 合计 交易金额写的是 300.00 元，读到的行合计 268.00 元，相差 32.00 元"
        ),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["inputs"][0]["totals_checks"][0]["agrees"], false);
}

/// A terminal log with one amount that is not a number, and an empty file.
fn bad_row_files(name: &str) -> Vec<PathBuf> {
    let dir = temp_dir(name);
    let log = dir.join("终端流水.csv");
    std::fs::write(
        &log,
        "交易时间,终端号,交易金额,应答码\n\
         2026-11-09 10:02:11,10086602,268.00,00\n\
         2026-11-09 10:05:40,10086602,12.3x,00\n",
    )
    .expect("write");
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, b"").expect("write");
    vec![log, empty]
}

#[test]
fn inspect_words_reasons_and_errors_in_the_chosen_language() {
    let files = bad_row_files("inspect-lang");
    let run = |lang: &str| {
        let out = posrecon(&["inspect", "--lang", lang], &files);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("json")
    };
    let (zh, en) = (run("zh"), run("en"));
    let rejected = |v: &serde_json::Value| v["inputs"][1]["rejected_rows"][0].clone();
    // The contract's English reason and its code stay; the message is in the chosen language.
    assert_eq!(rejected(&zh)["reason"], "amount '12.3x' is not a number");
    assert_eq!(rejected(&zh)["code"], "bad_cell");
    assert_eq!(rejected(&zh)["message"], "金额“12.3x”不是数字");
    assert_eq!(rejected(&en)["message"], "amount '12.3x' is not a number");
    let empty = |v: &serde_json::Value| v["inputs"][0].clone();
    assert_eq!(empty(&zh)["error"], "file is empty");
    assert_eq!(empty(&zh)["file_error"]["code"], "empty");
    assert_eq!(empty(&zh)["error_message"], "文件是空的");
    assert_eq!(empty(&en)["error_message"], "file is empty");
}

#[test]
fn the_chinese_html_report_gives_a_bad_rows_reason_in_chinese() {
    let files = bad_row_files("html-lang");
    let html = |lang: &str| {
        let args = ["analyze", "--as-of", "2026-11-25", "--lang", lang, "--html", "-"];
        let out = posrecon(&args, &files);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let zh = html("zh");
    assert!(zh.contains("金额“12.3x”不是数字"), "no Chinese reason in the Chinese report");
    assert!(zh.contains("文件是空的"), "no Chinese file error in the Chinese report");
    assert!(!zh.contains("is not a number") && !zh.contains("file is empty"));
    let en = html("en");
    assert!(
        en.contains("amount &#39;12.3x&#39; is not a number")
            || en.contains("amount '12.3x' is not a number")
    );
}

#[test]
fn the_html_report_shows_a_files_warnings_in_its_language() {
    let dir = temp_dir("html-warnings");
    let log = dir.join("终端流水.csv");
    std::fs::write(
        &log,
        "交易时间,终端号,参考号,交易金额,应答码\n\
         2026-11-09 10:02:11,10086602,3.09141E+11,268.00,00\n\
         2026-11-09 10:05:40,10086602,309140500028,12.30,00\n",
    )
    .expect("write");
    let html = |lang: &str| {
        let args = ["analyze", "--as-of", "2026-11-25", "--lang", lang, "--html", "-"];
        let out = posrecon(&args, std::slice::from_ref(&log));
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let zh = html("zh");
    assert!(zh.contains("行 2: 参考号“3.09141E+11”被 Excel 改成了科学计数法"), "{zh}");
    let en = html("en");
    assert!(en.contains("3.09141E+11") && !en.contains("科学计数法"), "{en}");
}

/// The CLI reads its files on several threads; every golden case's report must still be the
/// engine's, byte for byte (`expected.json`, which `cargo test -p posrecon-engine --test golden`
/// checks against `analyze`).
#[test]
fn analyze_reading_in_parallel_writes_each_golden_report_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/golden")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let tmp = temp_dir("golden-parallel");
    let mut multi_file = 0;
    for dir in &dirs {
        let case: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("case.json")).expect("case.json"))
                .expect("json");
        let mut args = vec![
            "analyze".to_owned(),
            "--quiet".to_owned(),
            "--json".to_owned(),
            "-".to_owned(),
            "--as-of".to_owned(),
            case["as_of"].as_str().expect("as_of").to_owned(),
            "--lang".to_owned(),
            case["lang"].as_str().unwrap_or("zh").to_owned(),
        ];
        if let Some(settings) = case.get("settings") {
            let config = tmp.join(format!("{}.json", dir.file_name().unwrap().to_string_lossy()));
            std::fs::write(&config, settings.to_string()).expect("write config");
            args.extend(["--config".to_owned(), config.display().to_string()]);
        }
        let files: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("case dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| !p.ends_with("case.json") && !p.ends_with("expected.json"))
            .collect();
        multi_file += usize::from(files.len() > 1);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = posrecon(&args, &files);
        let expected = std::fs::read(dir.join("expected.json")).expect("expected.json");
        assert!(
            out.stdout == expected,
            "{}: the CLI's report differs from expected.json ({})",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(multi_file > 10, "cases with several files to read at once: {multi_file}");
}

#[test]
fn sheets_writes_a_case_sheet_and_a_chat_text_per_finding() {
    let dir = temp_dir("sheets").join("cases/new");
    let _ = std::fs::remove_dir_all(&dir);
    let out = posrecon(
        &[
            "analyze",
            "--as-of",
            "2026-11-25",
            "--json",
            "-",
            "--sheets",
            dir.to_str().expect("utf-8"),
        ],
        &demo_files(),
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let report: posrecon_engine::report::Report =
        serde_json::from_slice(&out.stdout).expect("stdout is the report");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("DIR created")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = report
        .findings
        .iter()
        .flat_map(|f| [format!("{}.html", f.id), format!("{}.txt", f.id)])
        .collect();
    expected.sort();
    assert_eq!(names, expected);
    // The same bytes as the engine renders for the report (the page renders them the same way).
    let sheet = std::fs::read_to_string(dir.join("F0004.html")).expect("F0004.html");
    assert_eq!(Some(sheet), posrecon_engine::report::sheet::render(&report, "F0004"));
    let text = std::fs::read_to_string(dir.join("F0004.txt")).expect("F0004.txt");
    assert_eq!(Some(text.clone()), posrecon_engine::report::finding_text::render(&report, "F0004"));
    assert!(text.starts_with("【案件单 F0004】未到账"), "{text}");
}

#[test]
fn sheets_into_a_path_that_is_a_file_fails_with_one_line() {
    let dir = temp_dir("sheets-file");
    let file = dir.join("not-a-dir");
    std::fs::write(&file, "x").expect("write");
    let out = posrecon(
        &["analyze", "--as-of", "2026-11-25", "--sheets", file.to_str().expect("utf-8")],
        &demo_files(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("not-a-dir"), "{stderr}");
}

/// Every part of a workbook (sheets, shared strings) as text.
fn xlsx_text(path: &Path) -> String {
    use std::io::Read;
    let bytes = std::fs::read(path).expect("xlsx written");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut text = String::new();
    for i in 0..archive.len() {
        archive.by_index(i).expect("part").read_to_string(&mut text).expect("xml part");
    }
    text
}

#[test]
fn redact_applies_to_every_output_of_the_run() {
    let dir = temp_dir("redact");
    let path = |name: &str| dir.join(name).to_str().expect("utf-8 path").to_owned();
    let run = |redact: Option<&str>, tag: &str| {
        let mut args: Vec<String> = ["analyze", "--as-of", "2026-11-25", "--json", "-"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        for (flag, ext) in [("--html", "html"), ("--csv", "csv"), ("--xlsx", "xlsx")] {
            args.extend([flag.to_owned(), path(&format!("{tag}.{ext}"))]);
        }
        if let Some(list) = redact {
            args.extend(["--redact".to_owned(), list.to_owned()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = posrecon(&args, &demo_files());
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let html = std::fs::read_to_string(dir.join(format!("{tag}.html"))).expect("html");
        let csv = String::from_utf8(std::fs::read(dir.join(format!("{tag}.csv"))).expect("csv"))
            .expect("utf-8");
        let xlsx = xlsx_text(&dir.join(format!("{tag}.xlsx")));
        (String::from_utf8(out.stdout).expect("utf-8"), html, csv, xlsx)
    };
    // The demo's 商户号, terminals and the duplicate charge's card.
    let secrets = ["898440358120014", "10086602", "10086603", "7710", "622848******1234"];
    let plain = run(None, "plain");
    for secret in secrets {
        for (what, text) in [("json", &plain.0), ("html", &plain.1), ("csv", &plain.2)] {
            assert!(text.contains(secret), "without --redact the {what} has {secret}");
        }
    }
    let redacted = run(Some("mask-ids,drop-card-digits,drop-names"), "redacted");
    for secret in secrets {
        for (what, text) in [
            ("json", &redacted.0),
            ("html", &redacted.1),
            ("csv", &redacted.2),
            ("xlsx", &redacted.3),
        ] {
            assert!(!text.contains(secret), "--redact: the {what} still has {secret}");
        }
    }
    for (what, text) in [("json", &redacted.0), ("html", &redacted.1), ("csv", &redacted.2)] {
        assert!(text.contains("****6602"), "the {what} names the terminal by its mask");
        assert!(text.contains("309140500028"), "the {what} keeps the 参考号 the bank needs");
    }

    // One option alone leaves the rest.
    let ids_only = run(Some("mask-ids"), "ids");
    assert!(!ids_only.0.contains("10086602") && ids_only.0.contains("622848******1234"));
}

#[test]
fn redact_with_a_bad_value_is_bad_usage_naming_it() {
    for (list, bad) in [("mask-ids,names", "names"), ("MASK-IDS", "MASK-IDS"), ("", "")] {
        let out = posrecon(&["analyze", "--as-of", "2026-11-25", "--redact", list], &demo_files());
        assert_eq!(out.status.code(), Some(2), "--redact {list:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!("'{bad}'")), "{stderr}");
        assert!(stderr.contains("mask-ids, drop-card-digits, drop-names"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn analyze_text_writes_the_runs_chat_message_to_stdout_or_a_file() {
    let out = posrecon(&["analyze", "--as-of", "2026-11-25", "--text", "-"], &demo_files());
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.starts_with("【掉单核对】示例便利店（商户号 898440358120014）\n"), "{text}");
    assert!(text.contains("应收未收：1,313.33 元（3 项）"), "{text}");
    assert!(text.contains("\n1. F0003 到账金额不符"), "{text}");
    assert!(text.chars().count() <= 800);
    let dir = temp_dir("text");
    let path = dir.join("run.txt");
    let out = posrecon(
        &["analyze", "--as-of", "2026-11-25", "--lang", "en", "--text", path.to_str().unwrap()],
        &demo_files(),
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "nothing on stdout when --text names a file");
    let written = std::fs::read_to_string(&path).expect("text written");
    assert!(written.contains("Owed to the shop: CNY 1,313.33 (3)"), "{written}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn sheets_replace_the_case_files_of_an_earlier_run() {
    let dir = temp_dir("sheets-again").join("cases");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    // An earlier run's case that this run does not have, with the unmasked 商户号, and a file of
    // the merchant's own.
    std::fs::write(dir.join("F0042.html"), "商户号 898440358120014").expect("write");
    std::fs::write(dir.join("F0042.txt"), "商户号 898440358120014").expect("write");
    std::fs::write(dir.join("notes.txt"), "mine").expect("write");
    let out = posrecon(
        &[
            "analyze",
            "--as-of",
            "2026-11-25",
            "--redact",
            "mask-ids",
            "--sheets",
            dir.to_str().expect("utf-8"),
        ],
        &demo_files(),
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(!dir.join("F0042.html").exists() && !dir.join("F0042.txt").exists());
    assert_eq!(std::fs::read_to_string(dir.join("notes.txt")).expect("kept"), "mine");
    for entry in std::fs::read_dir(&dir).expect("dir") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("text");
        assert!(!text.contains("898440358120014"), "every case file is this run's, masked");
    }
}

#[test]
fn two_outputs_to_stdout_are_bad_usage() {
    let out = posrecon(
        &["analyze", "--as-of", "2026-11-25", "--json", "-", "--text", "-"],
        &demo_files(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing is written");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--json, --text"), "{stderr}");
}

#[test]
fn templates_from_the_page_map_a_tills_own_words() {
    // A till's own export (issue 13): unknown headers, `好了` for a payment that went through.
    let dir = temp_dir("templates");
    let till = dir.join("till.csv");
    let mut text = String::from("时间点,机器,钱,结果\n");
    for i in 0..4 {
        text.push_str(&format!("2026-11-09 10:0{i}:00,A01,{}.00,好了\n", 100 + i));
    }
    std::fs::write(&till, text).expect("till");
    let template = |values: &str| {
        format!(
            r#"{{"schema": "posrecon.templates/v1", "templates": [{{"name": "收银机",
            "header_signature": "时间点|机器|钱|结果", "role": "terminal_log",
            "columns": {{"time": "时间点", "terminal_id": "机器", "amount": "钱", "status": "结果"}}{values}}}]}}"#
        )
    };
    let inspect = |values: &str| {
        let path = dir.join("templates.json");
        std::fs::write(&path, template(values)).expect("templates");
        let out = posrecon(
            &["inspect", "--templates", path.to_str().expect("path")],
            std::slice::from_ref(&till),
        );
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        value["inputs"][0].clone()
    };
    let unmapped = inspect("");
    assert_eq!(unmapped["mapping_preview"]["unknown"], 4);
    let warning = &unmapped["warnings"][0];
    assert_eq!(warning["code"], "mapping_mostly_unknown");
    assert_eq!(warning["message"], "4 行中 4 行结果待定：请检查状态列的取值对应");
    let mapped = inspect(r#", "status_values": {"好了": "approved"}"#);
    assert_eq!(mapped["mapping_preview"]["approved"], 4);
    assert!(mapped.get("warnings").is_none(), "{mapped}");
    // Not a templates file: bad usage, one line naming the option.
    let path = dir.join("bad.json");
    std::fs::write(&path, "{}").expect("bad");
    let out = posrecon(
        &["analyze", "--templates", path.to_str().expect("path"), "--json", "-"],
        std::slice::from_ref(&till),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--templates"));
}

/// `--json PATH` takes a value, so `analyze --json *.csv` names the first statement as the
/// output: that, or any existing file not of the output's kind, is refused (exit 2) and left as
/// it was; a report from an earlier run is overwritten as before.
#[test]
fn an_output_never_overwrites_a_statement_file() {
    let dir = temp_dir("overwrite");
    let files: Vec<PathBuf> = demo_files()
        .into_iter()
        .map(|f| {
            let copy = dir.join(f.file_name().expect("name"));
            std::fs::copy(&f, &copy).expect("copy");
            copy
        })
        .collect();
    let before: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).expect("read")).collect();
    let first = files[0].to_str().expect("utf-8 path");
    let csv = files.iter().find(|f| f.extension().is_some_and(|e| e == "csv")).expect("a csv");
    let csv = csv.to_str().expect("utf-8 path");
    for args in [
        // The shell's expansion of `--json dir/*`: the first statement becomes the output.
        vec!["analyze", "--as-of", "2026-11-30", "--json", first],
        vec!["analyze", "--as-of", "2026-11-30", "--html", first],
        // An output named among the inputs too.
        vec!["analyze", "--as-of", "2026-11-30", "--csv", csv],
    ] {
        let rest: Vec<PathBuf> =
            if args.contains(&"--csv") { files.clone() } else { files[1..].to_vec() };
        let out = posrecon(&args, &rest);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("would be overwritten"), "{stderr}");
    }
    let after: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).expect("read")).collect();
    assert!(before == after, "a statement file was changed");

    // Outputs of their own kind are written, and written again over the last run's.
    let json = dir.join("report.json");
    let findings = dir.join("findings.csv");
    for _ in 0..2 {
        let args = [
            "analyze",
            "--as-of",
            "2026-11-30",
            "--json",
            json.to_str().expect("utf-8"),
            "--csv",
            findings.to_str().expect("utf-8"),
        ];
        let out = posrecon(&args, &files);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert!(std::fs::read(&json).expect("json").starts_with(b"{"));
}
