//! The workbook as a reader sees it: a zip with the three sheets, text as strings (never
//! formulas), money as numbers in 元, and the same bytes for the same report.

use std::io::{Cursor, Read};

use posrecon_engine::report::Report;
use posrecon_engine::{Lang, Options, SourceFile};

fn demo_report(lang: Lang) -> Report {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/demo");
    let manifest: Vec<String> =
        serde_json::from_slice(&std::fs::read(format!("{dir}/manifest.json")).unwrap()).unwrap();
    let files: Vec<SourceFile> = manifest
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
            SourceFile::new(name, bytes)
        })
        .collect();
    let mut options = Options::new(chrono_date("2026-11-17"));
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

#[test]
fn the_workbook_has_findings_files_and_incidents_sheets() {
    let bytes = posrecon_export::xlsx(&demo_report(Lang::Zh));
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    let workbook = entry(&bytes, "xl/workbook.xml");
    for name in ["问题明细", "文件", "事件"] {
        assert!(workbook.contains(&format!("name=\"{name}\"")), "{name} in {workbook}");
    }
    let english = posrecon_export::xlsx(&demo_report(Lang::En));
    let workbook = entry(&english, "xl/workbook.xml");
    for name in ["Findings", "Files", "Incidents"] {
        assert!(workbook.contains(&format!("name=\"{name}\"")), "{name} in {workbook}");
    }
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

#[test]
fn formula_like_text_is_written_as_a_string() {
    let mut report = demo_report(Lang::Zh);
    report.findings[0].title = "=HYPERLINK(\"http://evil\",\"x\")".into();
    report.findings[0].records[0].terminal_id = Some("+1+2".into());
    report.inputs[0].file = "@SUM(A1)&<b>.csv".into();
    let bytes = posrecon_export::xlsx(&report);
    for n in 1..=3 {
        let sheet = entry(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(!sheet.contains("<f>") && !sheet.contains("<f "), "a formula in sheet{n}: {sheet}");
    }
    let strings = entry(&bytes, "xl/sharedStrings.xml");
    assert!(strings.contains("<t>=HYPERLINK(\"http://evil\",\"x\")</t>"), "{strings}");
    assert!(strings.contains("@SUM(A1)&amp;&lt;b&gt;.csv"), "{strings}");
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
    assert!(core.contains("2026-11-17T00:00:00Z"), "{core}");
}
