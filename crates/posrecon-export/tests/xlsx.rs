//! The workbook as a reader sees it: a zip with the findings (one row per record), files,
//! incidents and chains sheets, text as strings (never formulas), money as numbers in 元, and the
//! same bytes for the same report.
//!
//! The demo week's workbook, read back with calamine (the engine's own xlsx reader), is a golden
//! file per language under `tests/exports/demo-week/` (`workbook.zh.txt`: each sheet's rows, text
//! quoted, numbers bare); after an intended change regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p posrecon-export --test xlsx` and review the diff.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use posrecon_engine::report::{Report, csv};
use posrecon_engine::{Lang, Options, SourceFile};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The demo week as its golden case reads it (`tests/golden/demo-week`, as of 2026-11-25).
fn demo_report(lang: Lang) -> Report {
    let dir = root().join("tests/golden/demo-week");
    let mut files: Vec<SourceFile> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            SourceFile::new(name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let mut options = Options::new(chrono_date("2026-11-25"));
    options.lang = lang;
    posrecon_engine::analyze(&files, &options)
}

fn chrono_date(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut file = archive.by_name(name).unwrap_or_else(|_| panic!("{name} in the workbook"));
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

/// Every sheet, in order, as its name and rows of cells read back.
fn sheets(bytes: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec()))
        .expect("calamine reads the workbook");
    workbook
        .sheet_names()
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).expect("a sheet");
            assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

/// A readable dump: `## name`, then one line per row, text quoted, numbers bare, cells ` | `.
fn dump(bytes: &[u8]) -> String {
    let mut out = String::new();
    for (name, rows) in sheets(bytes) {
        out.push_str(&format!("## {name}\n"));
        for row in rows {
            let cells: Vec<String> = row
                .iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    Data::String(s) => format!("{s:?}"),
                    Data::Float(f) => f.to_string(),
                    Data::Int(i) => i.to_string(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect();
            out.push_str(cells.join(" | ").trim_end());
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_demo_weeks_workbook_is_its_golden_file() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for (lang, name) in [(Lang::Zh, "workbook.zh.txt"), (Lang::En, "workbook.en.txt")] {
        let path = root().join("tests/exports/demo-week").join(name);
        let text = dump(&posrecon_export::xlsx(&demo_report(lang)));
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        let expected =
            std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} exists", path.display()));
        assert!(
            text == expected,
            "{name} differs from the golden file; run with UPDATE_GOLDEN=1 and review the diff:\n{text}"
        );
    }
}

#[test]
fn the_workbook_has_findings_files_incidents_and_chains_sheets() {
    let bytes = posrecon_export::xlsx(&demo_report(Lang::Zh));
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    let names: Vec<String> = sheets(&bytes).into_iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["问题明细", "文件", "事件", "链路"]);
    let names: Vec<String> = sheets(&posrecon_export::xlsx(&demo_report(Lang::En)))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, ["Findings", "Files", "Incidents", "Chains"]);
}

#[test]
fn the_chains_sheet_has_a_row_per_chain() {
    let report = demo_report(Lang::Zh);
    let sheets = sheets(&posrecon_export::xlsx(&report));
    let (_, chains) = &sheets[3];
    assert_eq!(chains.len(), report.chains.len() + 1, "a header and one row per chain");
    assert_eq!(chains[0][0], Data::String("序号".into()));
    assert_eq!(chains[1][0], Data::Float(1.0));
}

#[test]
fn amounts_are_numbers_in_yuan_and_the_header_is_chinese() {
    let bytes = posrecon_export::xlsx(&demo_report(Lang::Zh));
    let strings = entry(&bytes, "xl/sharedStrings.xml");
    assert!(strings.contains("金额(元)"));
    assert!(strings.contains("掉单"));
    let sheet = entry(&bytes, "xl/worksheets/sheet1.xml");
    // F0001 is the 1,580.00 元 dropped sale: a number cell, not text.
    assert!(sheet.contains("<v>1580</v>"), "{sheet}");
    let styles = entry(&bytes, "xl/styles.xml");
    assert!(styles.contains("#,##0.00"), "{styles}");
}

/// The findings sheet says what the CSV says: the same rows, text for text (the CSV's
/// apostrophe before a formula aside), numbers where the CSV has amounts.
#[test]
fn the_findings_sheet_and_the_csv_agree() {
    let report = demo_report(Lang::Zh);
    let sheets = sheets(&posrecon_export::xlsx(&report));
    let csv_bytes = csv::render(&report);
    let mut reader = ::csv::Reader::from_reader(&csv_bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let (_, findings) = &sheets[0];
    assert_eq!(findings.len(), rows.len() + 1);
    for (col, name) in header.iter().enumerate() {
        assert_eq!(findings[0][col], Data::String(name.clone()));
    }
    for (sheet_row, csv_row) in findings[1..].iter().zip(&rows) {
        for (cell, field) in sheet_row.iter().zip(csv_row.iter()) {
            let shown = match cell {
                Data::Empty => String::new(),
                Data::String(s) => s.clone(),
                Data::Float(f) if field.ends_with('%') => format!("{}%", (f * 100.0).round()),
                Data::Float(f) if field.contains('.') => format!("{f:.2}"),
                Data::Float(f) => f.to_string(),
                other => panic!("{other:?}"),
            };
            assert_eq!(shown, field);
        }
    }
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let report = demo_report(Lang::Zh);
    let first = posrecon_export::xlsx(&report);
    // The writer reads the clock when a workbook is created: wait for it to move on.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = posrecon_export::xlsx(&report);
    assert!(first == second, "two renders of one report differ");
    let core = entry(&first, "docProps/core.xml");
    assert!(core.contains("2026-11-25T00:00:00Z"), "{core}");
}

/// What files may say, each in some text field of the report.
fn hostile() -> Vec<String> {
    vec![
        "<script>alert(1)</script>".to_owned(),
        "\"><img src=x onerror=alert(1)>".to_owned(),
        "=HYPERLINK(\"http://evil.example\",\"点我\")".to_owned(),
        "@SUM(1+1)*cmd|' /C calc'!A0".to_owned(),
        "\t=1+1".to_owned(),
        "\r-2+3".to_owned(),
        "发票\u{202E}fdp.exe".to_owned(),
        "长".repeat(100_000),
    ]
}

/// The demo week with hostile text in titles, response texts, order numbers, file names.
fn tampered(lang: Lang) -> Report {
    let mut report = demo_report(lang);
    let evil = hostile();
    for (k, finding) in report.findings.iter_mut().enumerate() {
        let text = &evil[k % evil.len()];
        finding.title = text.clone();
        finding.explanation = evil[(k + 1) % evil.len()].clone();
        let record = &mut finding.records[0];
        record.response_text = Some(text.clone());
        record.order_id = Some(evil[(k + 2) % evil.len()].clone());
        record.file = evil[(k + 3) % evil.len()].clone();
    }
    for (k, input) in report.inputs.iter_mut().enumerate() {
        input.file = evil[(k + 4) % evil.len()].clone();
    }
    report
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn hostile_text_comes_out_inert_and_the_layout_holds() {
    let report = tampered(Lang::Zh);
    let bytes = posrecon_export::xlsx(&report);
    for n in 1..=4 {
        let sheet = entry(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(!sheet.contains("<f>") && !sheet.contains("<f "), "a formula in sheet{n}");
    }
    let read = sheets(&bytes);
    let lines: usize = report.findings.iter().map(|f| f.records.len()).sum();
    assert_eq!(read[0].1.len(), lines + 1, "one row per record under the header");
    assert_eq!(read[3].1.len(), report.chains.len() + 1, "one row per chain under the header");
    let mut seen = Vec::new();
    for (name, rows) in read {
        let width = rows[0].len();
        for row in &rows {
            assert_eq!(row.len(), width, "{name}: every row as wide as the header");
            for cell in row {
                if let Data::String(s) = cell {
                    assert!(!s.chars().any(is_bidi_control), "{name}: a bidi control in {s:?}");
                    assert!(s.encode_utf16().count() <= 32_767, "{name}: a cell too long");
                    seen.push(s.clone());
                }
            }
        }
    }
    let has = |want: &str| seen.iter().any(|s| s == want);
    // Markup and formulas are plain strings (a workbook has no markup; string cells never run).
    assert!(has("<script>alert(1)</script>"));
    assert!(has("\"><img src=x onerror=alert(1)>"));
    assert!(has("=HYPERLINK(\"http://evil.example\",\"点我\")"));
    assert!(has("@SUM(1+1)*cmd|' /C calc'!A0"));
    assert!(has("发票[U+202E]fdp.exe"));
    assert!(
        seen.iter().any(|s| s.starts_with("长长长")
            && s.ends_with("…【内容过长，已截断：原文共 100000 个字符】"))
    );
    // The chains sheet names the tampered files, shown the same way.
    let chains = &sheets(&bytes)[3].1;
    assert!(
        chains.iter().flatten().any(|c| matches!(c, Data::String(s) if s.contains("[U+202E]")))
    );
}

#[test]
fn hostile_text_in_the_csv_is_neutralised() {
    let report = tampered(Lang::Zh);
    let bytes = csv::render(&report);
    let mut reader = ::csv::Reader::from_reader(&bytes[3..]);
    let width = reader.headers().unwrap().len();
    let mut fields = Vec::new();
    for record in reader.records() {
        // The reader refuses a row of another width: the layout holds.
        let record = record.expect("a well-formed row");
        assert_eq!(record.len(), width);
        fields.extend(record.iter().map(str::to_owned));
    }
    for field in &fields {
        let number = field.parse::<f64>().is_ok();
        let first = field.chars().next();
        let after_blanks = field.trim_start().chars().next();
        let runs = matches!(first, Some('\t' | '\r' | '\n'))
            || matches!(after_blanks, Some('=' | '+' | '-' | '@'));
        assert!(!runs || number, "a cell a spreadsheet would evaluate: {field:?}");
        assert!(!field.chars().any(is_bidi_control), "a bidi control in {field:?}");
        assert!(field.encode_utf16().count() <= 32_767);
    }
    let has = |want: &str| fields.iter().any(|s| s == want);
    assert!(has("<script>alert(1)</script>"));
    assert!(has("'=HYPERLINK(\"http://evil.example\",\"点我\")"));
    assert!(has("'@SUM(1+1)*cmd|' /C calc'!A0"));
    assert!(has("'\t=1+1"));
    assert!(has("'\r-2+3"));
    assert!(has("发票[U+202E]fdp.exe"));
}
