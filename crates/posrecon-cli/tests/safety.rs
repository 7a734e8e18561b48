//! Statement text is untrusted (issue 14's safety test): hostile strings planted in the files a
//! merchant loads must come out of every export inert.
//!
//! The demo week is loaded with a terminal log that carries, where a file can carry text, a script
//! tag, an attribute break-out with an image, spreadsheet formulas (`=HYPERLINK(…)`, `@SUM(…)`, a
//! leading tab, a leading CR), right-to-left override characters and a 100,000-character cell: in
//! the merchant's name above the header, in the 应答信息 of approved sales the acquirer never settled
//! (each becomes a 短款 finding, so its text reaches every export), and in the file's name. Then
//! `posrecon analyze` writes every output at once and each is read back:
//! - HTML (the owner's report and every case sheet): no element or attribute comes from a file;
//!   the planted text is there, escaped;
//! - CSV: no text cell starts with a formula character;
//! - XLSX: no formula in any sheet, no cell past Excel's 32,767 characters;
//! - the chat texts: plain lines, no bidirectional controls, each finding's at most 500
//!   characters;
//! - nothing but JSON keeps a bidirectional control (it is data, escaped by its syntax).
//!
//! That the layout holds (a 390 px phone, the 100,000-character cell) is checked in the browser:
//! `tests/e2e/safety.test.mjs`.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

const SCRIPT: &str = "<script>alert('x')</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";
const HYPERLINK: &str = "=HYPERLINK(\"http://example.invalid\",\"点我\")";
const SUM: &str = "@SUM(1+1)";
const TAB: &str = "\t=1+2";
const CR: &str = "\r=3+4";
const RLO: &str = "\u{202E}00.0001\u{202C}";

/// The hostile texts, one per planted sale, and a 100,000-character one.
fn hostile() -> Vec<String> {
    let mut all: Vec<String> =
        [SCRIPT, IMG, HYPERLINK, SUM, TAB, CR, RLO].iter().map(|s| (*s).to_owned()).collect();
    all.push(format!("长{}", "很".repeat(99_999)));
    all
}

/// A CSV field, quoted.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Writes the demo week with the hostile terminal log; returns the files.
fn hostile_week(dir: &Path) -> Vec<PathBuf> {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../www/demo");
    let manifest: Vec<String> =
        serde_json::from_slice(&std::fs::read(demo.join("manifest.json")).expect("manifest"))
            .expect("json");
    let mut files = Vec::new();
    for name in manifest {
        let bytes = std::fs::read(demo.join(&name)).expect("demo file");
        if !name.starts_with("终端交易明细") {
            let path = dir.join(&name);
            std::fs::write(&path, bytes).expect("write");
            files.push(path);
            continue;
        }
        let text = String::from_utf8(bytes).expect("the demo terminal log is UTF-8");
        let text = text.replacen(
            "商户名称：示例便利店",
            &format!("商户名称：示例便利店{SCRIPT}\u{202E}店"),
            1,
        );
        let mut planted = String::new();
        for (i, evil) in hostile().iter().enumerate() {
            // Approved sales on 11-12 that the acquirer statement (covering 11-08 to 11-14) does
            // not hold: each becomes a 短款 finding resting on its row.
            planted.push_str(&format!(
                "2026-11-12 21:{:02}:00,10086602,000012,0019{:02},3091499999{:02},90{:04},622848******1234,消费,{}.{:02},00,{}\r\n",
                10 + i,
                i,
                i,
                i,
                7 + i,
                i + 1,
                quoted(evil)
            ));
        }
        let text = format!("{}{planted}", text.trim_end_matches(['\r', '\n']).to_owned() + "\r\n");
        let path = dir.join(format!("终端交易明细{IMG}.csv"));
        std::fs::write(&path, text).expect("write");
        files.push(path);
    }
    files.sort();
    files
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("posrecon-safety-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Runs `analyze` with every output into `out`; returns the report.
fn analyze_all(files: &[PathBuf], out: &Path, lang: &str) -> serde_json::Value {
    let arg = |name: &str| out.join(name).to_string_lossy().into_owned();
    let status = Command::new(env!("CARGO_BIN_EXE_posrecon"))
        .args(["analyze", "--quiet", "--as-of", "2026-11-25", "--lang", lang])
        .args(["--json", &arg("report.json"), "--html", &arg("report.html")])
        .args(["--csv", &arg("report.csv"), "--xlsx", &arg("report.xlsx")])
        .args(["--text", &arg("run.txt"), "--sheets", &arg("sheets")])
        .args(files)
        .output()
        .expect("run posrecon");
    assert_eq!(
        status.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    serde_json::from_slice(&std::fs::read(out.join("report.json")).expect("json")).expect("json")
}

/// Bidirectional formatting characters (embeddings, overrides, isolates, marks).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Elements a document from a file's text could use to run or fetch something.
const ACTIVE: &[&str] =
    &["script", "img", "iframe", "object", "embed", "link", "a", "form", "input", "base", "video"];

/// Every tag of an HTML export is the exporter's own: none of [`ACTIVE`], no event handler
/// attribute, no `href`/`src`; the planted text is inside text, escaped.
fn assert_html_inert(what: &str, html: &str) {
    let lower = html.to_lowercase();
    for tag in lower.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        let name: String =
            tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(!ACTIVE.contains(&name.as_str()), "{what}: a <{name}> element: <{tag:.80}>");
        for attr in tag.split_whitespace().skip(1) {
            assert!(!attr.starts_with("on"), "{what}: an event handler in <{tag:.80}>");
            assert!(
                !attr.starts_with("href=") && !attr.starts_with("src="),
                "{what}: a link in <{tag:.80}>"
            );
        }
    }
    assert!(!html.contains(IMG), "{what}: the planted markup stands raw");
    assert!(!html.contains(SCRIPT), "{what}: the planted script stands raw");
    assert!(!html.chars().any(is_bidi_control), "{what}: a raw bidirectional control");
    assert!(!html.contains('\r'), "{what}: a raw CR");
}

fn sheet_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("sheets dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// The ids of the findings that rest on a planted row.
fn planted_findings(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| {
            f["records"]
                .as_array()
                .expect("records")
                .iter()
                .any(|r| r["time"].as_str().is_some_and(|t| t.starts_with("2026-11-12T21:")))
        })
        .map(|f| f["id"].as_str().expect("id").to_owned())
        .collect()
}

#[test]
fn hostile_text_comes_out_of_every_export_inert() {
    for lang in ["zh", "en"] {
        let dir = temp_dir(&format!("in-{lang}"));
        let files = hostile_week(&dir);
        let out = temp_dir(&format!("out-{lang}"));
        let report = analyze_all(&files, &out, lang);

        // The planted rows were read and became findings: the test exercises what it claims.
        let planted = planted_findings(&report);
        assert_eq!(planted.len(), hostile().len(), "{lang}: one finding per planted sale");
        let names = report["merchant"]["names"].as_array().expect("the merchant is named");
        assert!(names.iter().any(|n| n.as_str().is_some_and(|n| n.contains("<script>"))));

        // HTML: the owner's report and every case sheet.
        let html = std::fs::read_to_string(out.join("report.html")).expect("html");
        assert_html_inert("report.html", &html);
        assert!(html.contains("&lt;script&gt;"), "{lang}: the planted text is shown, escaped");
        let sheets = sheet_files(&out.join("sheets"), "html");
        assert_eq!(sheets.len(), report["findings"].as_array().expect("findings").len());
        for id in &planted {
            let sheet = out.join("sheets").join(format!("{id}.html"));
            assert!(sheet.exists(), "{lang}: a case sheet for {id}");
        }
        for sheet in &sheets {
            let text = std::fs::read_to_string(sheet).expect("sheet");
            assert_html_inert(&sheet.display().to_string(), &text);
        }

        // CSV: no text cell a spreadsheet would evaluate.
        let csv_bytes = std::fs::read(out.join("report.csv")).expect("csv");
        let csv_text = String::from_utf8(csv_bytes).expect("utf-8");
        assert!(!csv_text.chars().any(is_bidi_control), "{lang}: CSV keeps a bidi control");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
        let mut cells = 0;
        for record in reader.records() {
            for field in record.expect("csv row").iter() {
                cells += 1;
                let first = field.chars().next();
                if matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')) {
                    assert!(
                        field.parse::<f64>().is_ok(),
                        "{lang}: CSV cell starts a formula: {field:.60}"
                    );
                }
            }
        }
        assert!(cells > 0);
        assert!(csv_text.contains("HYPERLINK"), "{lang}: the planted formula is shown as text");

        // XLSX: strings only, never a formula; no cell past Excel's limit.
        let xlsx = std::fs::File::open(out.join("report.xlsx")).expect("xlsx");
        let mut zip = zip::ZipArchive::new(xlsx).expect("the workbook is a zip");
        let mut saw_hyperlink = false;
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).expect("entry");
            if !entry.name().ends_with(".xml") {
                continue;
            }
            let name = entry.name().to_owned();
            let mut xml = String::new();
            entry.read_to_string(&mut xml).expect("xml");
            if name.starts_with("xl/worksheets/") {
                assert!(
                    !xml.contains("<f>") && !xml.contains("<f "),
                    "{lang}: a formula in {name}"
                );
            }
            saw_hyperlink |= xml.contains("HYPERLINK");
            assert!(!xml.chars().any(is_bidi_control), "{lang}: {name} keeps a bidi control");
            for text in xml.split("<t").skip(1) {
                let body = text.split_once('>').map_or("", |(_, b)| b);
                let body = body.split("</t>").next().unwrap_or("");
                assert!(
                    body.chars().count() <= 32_767 + 64,
                    "{lang}: a cell past Excel's limit in {name}"
                );
            }
        }
        assert!(saw_hyperlink, "{lang}: the planted formula is in the workbook, as text");

        // Chat texts: plain lines, short, no controls.
        let run_text = std::fs::read_to_string(out.join("run.txt")).expect("run text");
        assert_plain_text("run.txt", &run_text);
        for text_file in sheet_files(&out.join("sheets"), "txt") {
            let text = std::fs::read_to_string(&text_file).expect("text");
            assert_plain_text(&text_file.display().to_string(), &text);
            assert!(
                text.chars().count() <= 500,
                "{}: {} characters",
                text_file.display(),
                text.chars().count()
            );
        }
    }
}

fn assert_plain_text(what: &str, text: &str) {
    assert!(!text.chars().any(is_bidi_control), "{what}: a bidirectional control");
    assert!(!text.contains('\r'), "{what}: a CR");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{what}: a control character");
}
