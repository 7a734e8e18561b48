//! The findings CSV and the tables it shares with the workbook, on the demo week
//! (`tests/golden/demo-week`): one row per record of each finding with every identifier the
//! acquirer asks for, labels in the report's language, and nothing from a file that a spreadsheet
//! could run or that could reorder what a reader sees.
//!
//! The demo week's CSV, in Chinese and in English, is a golden file under
//! `tests/exports/demo-week/`; after an intended change regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p posrecon-engine --test tables` and review the diff.

use posrecon_engine::Lang;
use posrecon_engine::report::table::{self, Cell, Table};
use posrecon_engine::report::{Report, csv};

mod support;
use support::root;

/// The demo week as its golden case reads it (as of its `case.json`, 2026-11-25).
fn demo_week(lang: Lang) -> Report {
    support::golden_report("demo-week", lang)
}

/// The CSV read back: header and rows of strings (BOM removed).
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM");
    let mut reader = ::csv::Reader::from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap_or_else(|| panic!("column {name}"))
}

#[test]
fn the_demo_weeks_csv_is_its_golden_file() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for (lang, name) in [(Lang::Zh, "findings.zh.csv"), (Lang::En, "findings.en.csv")] {
        let path = root().join("tests/exports/demo-week").join(name);
        let bytes = csv::render(&demo_week(lang));
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
            continue;
        }
        let expected = std::fs::read(&path).unwrap_or_else(|_| panic!("{} exists", path.display()));
        assert!(
            bytes == expected,
            "{name} differs from the golden file; run with UPDATE_GOLDEN=1 and review the diff:\n{}",
            String::from_utf8_lossy(&bytes)
        );
    }
}

#[test]
fn every_record_of_a_finding_is_a_row_with_its_own_identifiers() {
    let report = demo_week(Lang::Zh);
    let (header, rows) = read_csv(&csv::render(&report));
    let expected_rows: usize = report.findings.iter().map(|f| f.records.len().max(1)).sum();
    assert_eq!(rows.len(), expected_rows);
    let (id, number, rrn, line) = (
        column(&header, "编号"),
        column(&header, "记录序号"),
        column(&header, "参考号"),
        column(&header, "行号"),
    );
    let of = |fid: &str| rows.iter().filter(|r| r[id] == fid).collect::<Vec<_>>();
    // The double charge: the timed-out attempt and its retry, each on the terminal and on the
    // statement; the first attempt's 参考号 is only on the statement's row.
    let double = of("F0002");
    let rrns: Vec<&str> = double.iter().map(|r| r[rrn].as_str()).collect();
    assert_eq!(rrns, ["", "309140500133", "309140500140", "309140500140"]);
    let numbers: Vec<&str> = double.iter().map(|r| r[number].as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4"]);
    for row in &double {
        assert_eq!(row[column(&header, "问题类型")], "重复扣款");
        assert_eq!(row[column(&header, "严重程度")], "高");
        assert_eq!(row[column(&header, "金额(元)")], "268.00");
        assert_eq!(row[column(&header, "置信度")], "93%");
    }
    // The dropped sale: the statement's row carries the 参考号 and 商户号 the terminal lacks.
    let dropped = of("F0001");
    assert_eq!(dropped.len(), 2);
    assert_eq!(dropped[1][rrn], "309140500028");
    assert_eq!(dropped[1][column(&header, "商户号")], "898440358120014");
    assert_eq!(dropped[0][column(&header, "应答信息")], "交易超时");
    assert_eq!(dropped[0][column(&header, "文件类型")], "终端交易流水");
    assert_eq!(dropped[1][column(&header, "文件类型")], "收单对账单");
    assert_eq!(dropped[1][column(&header, "清算日期")], "2026-11-09");
    assert_eq!(dropped[1][column(&header, "交易金额(元)")], "1580.00");
    // The missing deposit: one row per settled line of the day, each with its own line number.
    let missing = of("F0004");
    let lines: Vec<&str> = missing.iter().map(|r| r[line].as_str()).collect();
    assert_eq!(lines, ["22", "23", "24", "25", "26", "27", "28", "29"]);
    assert!(missing.iter().all(|r| r[column(&header, "预计到账日期")] == "2026-11-12"));
    assert!(missing.iter().all(|r| r[column(&header, "超过此日期请联系收单机构")] == "2026-11-17"));
}

#[test]
fn the_explanation_and_actions_are_on_a_findings_first_row_only() {
    let report = demo_week(Lang::Zh);
    let (header, rows) = read_csv(&csv::render(&report));
    let (number, explanation, actions) =
        (column(&header, "记录序号"), column(&header, "说明"), column(&header, "处理建议"));
    for row in &rows {
        let first = row[number] == "1";
        assert_eq!(!row[explanation].is_empty(), first, "{row:?}");
        assert_eq!(!row[actions].is_empty(), first, "{row:?}");
    }
    let firsts = rows.iter().filter(|r| r[number] == "1").count();
    assert_eq!(firsts, report.findings.len(), "filtering on 记录序号 = 1 gives each finding once");
}

#[test]
fn a_finding_without_records_still_gets_a_row() {
    let mut report = demo_week(Lang::En);
    report.findings[0].records.clear();
    let (header, rows) = read_csv(&csv::render(&report));
    let first: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "F0001").collect();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0][column(&header, "Record no.")], "");
    assert_eq!(first[0][column(&header, "Amount (CNY)")], "1580.00");
    assert!(!first[0][column(&header, "What to do")].is_empty());
}

/// Text cells of the columns named, from every row.
fn texts<'a>(table: &'a Table, columns: &[&str]) -> Vec<&'a str> {
    let idx: Vec<usize> = columns
        .iter()
        .map(|c| table.header.iter().position(|h| h == c).unwrap_or_else(|| panic!("{c}")))
        .collect();
    table
        .rows
        .iter()
        .flat_map(|row| idx.iter().map(move |&i| &row[i]))
        .filter_map(|cell| match cell {
            Cell::Text(s) => Some(s.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_chinese_export_has_no_english_words_but_identifiers() {
    let report = demo_week(Lang::Zh);
    let tables = [
        (
            table::findings(&report),
            &["问题类型", "严重程度", "可能原因", "文件类型", "交易类型", "支付方式"][..],
        ),
        (
            table::chains(&report),
            &["类型", "终端", "结算", "到账", "订单", "匹配依据", "记录", "入账记录"][..],
        ),
        (table::inputs(&report), &["文件类型"][..]),
    ];
    for (table, labels) in &tables {
        for h in &table.header {
            assert!(*h == "SHA-256" || !h.chars().any(|c| c.is_ascii_alphabetic()), "{h}");
        }
        let cells = texts(table, labels);
        assert!(!cells.is_empty(), "{labels:?}");
        for text in cells {
            // File names are the merchant's own words; the demo's are Chinese with `.csv`.
            let text = text.replace(".csv", "");
            assert!(!text.chars().any(|c| c.is_ascii_alphabetic()), "English in {text:?}");
        }
    }
    // And the English export speaks English in the same columns.
    let report = demo_week(Lang::En);
    let chains = table::chains(&report);
    for text in texts(&chains, &["Kind", "Terminal", "Settlement", "Deposit", "Matched by"]) {
        assert!(text.is_ascii(), "{text}");
    }
}

#[test]
fn chains_name_their_lines_by_file_and_line() {
    let report = demo_week(Lang::Zh);
    let chains = table::chains(&report);
    assert_eq!(chains.rows.len(), report.chains.len());
    // The dropped 1,580.00 sale's chain: terminal row and statement row, paid by a bank credit,
    // the subject of F0001 and F0006.
    let chain = chains
        .rows
        .iter()
        .find(|row| row[9] == Cell::Text("F0001, F0006".to_owned()))
        .expect("the chain of F0001");
    assert_eq!(chain[1], Cell::Text("支付".to_owned()));
    assert_eq!(chain[2], Cell::Text("结果未知（超时）".to_owned()));
    assert_eq!(chain[3], Cell::Text("已结算".to_owned()));
    assert_eq!(chain[4], Cell::Text("已到账".to_owned()));
    assert_eq!(chain[6], Cell::Text("终端号+凭证号+日期".to_owned()));
    assert_eq!(
        chain[7],
        Cell::Text(
            "收单对账单_20261108-20261114.csv 第 5 行\n终端交易明细_20261109-20261115.csv 第 8 行"
                .to_owned()
        )
    );
    assert_eq!(chain[8], Cell::Text("银行流水_20261101-20261120.csv 第 7 行".to_owned()));
}
