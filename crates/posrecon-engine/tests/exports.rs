//! The exports a merchant sends on (HTML, CSV), rendered from a real analysis of the demo
//! statements, one of them tampered with: markup in a response text and in a file name must come
//! out as text, and formula-like cells must not reach a spreadsheet as formulas.

use chrono::NaiveDate;
use posrecon_engine::report::{Report, csv, html};
use posrecon_engine::{Lang, Options, SourceFile};

mod support;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/demo");
const TERMINAL: &str = "终端交易明细_20261109-20261115.csv";
const ACQUIRER: &str = "收单对账单_20261108-20261114.csv";
const EVIL_NAME: &str = "终端&流水\"<i>x</i>.csv";
const EVIL_TEXT: &str = "<script>alert(1)</script>";

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DEMO}/{name}")).unwrap()
}

/// The demo week, with the timed-out 1,580.00 sale's 应答信息 replaced by a script tag and the
/// terminal log renamed to something with `&`, `"` and markup in it.
fn tampered_report(lang: Lang) -> Report {
    let terminal = String::from_utf8(read(TERMINAL)).unwrap();
    let terminal =
        terminal.replacen("\"1,580.00\",,交易超时", &format!("\"1,580.00\",,{EVIL_TEXT}"), 1);
    assert!(terminal.contains(EVIL_TEXT));
    let files = vec![
        SourceFile::new(EVIL_NAME.to_owned(), terminal.into_bytes()),
        SourceFile::new(ACQUIRER.to_owned(), read(ACQUIRER)),
    ];
    let mut options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 17).unwrap());
    options.lang = lang;
    posrecon_engine::analyze(&files, &options)
}

#[test]
fn html_is_one_chinese_document_with_every_file_string_escaped() {
    let report = tampered_report(Lang::Zh);
    assert!(
        report
            .findings
            .iter()
            .flat_map(|f| &f.records)
            .any(|r| r.response_text.as_deref() == Some(EVIL_TEXT)),
        "the tampered line is part of a finding"
    );
    let doc = html::render(&report);
    assert!(doc.starts_with("<!DOCTYPE html>"));
    assert!(doc.contains("<html lang=\"zh-CN\">"));
    assert!(doc.contains("掉单（扣款但显示失败）"));
    for label in
        ["商户号", "终端号", "批次号", "凭证号", "参考号", "授权码", "核对基准日期", "2026-11-17"]
    {
        assert!(doc.contains(label), "{label}");
    }
    // Identifiers of F0001 merged from the terminal and the acquirer line, amount in 元.
    for value in [
        "898440358120014",
        "10086602",
        "000012",
        "001002",
        "309140500028",
        "1,580.00 元",
        "622848******1234",
    ] {
        assert!(doc.contains(value), "{value}");
    }
    // Inputs with their fingerprint and row accounting.
    assert!(doc.contains(&report.inputs[0].sha256));
    // Nothing from the files is markup.
    assert!(!doc.contains("<script"), "a script tag got through");
    assert!(!doc.contains("<i>x</i>"));
    assert!(doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(doc.contains("终端&amp;流水&quot;&lt;i&gt;x&lt;/i&gt;.csv"));
    // Self-contained: no script, no external resource.
    for banned in ["<script", "<link", "src=", "href=", "url(", "@import", "http://", "https://"] {
        assert!(!doc.contains(banned), "{banned}");
    }
}

/// The three-terminal café of `tests/golden/three-terminal-cafe`: a slow keys fault, recurring drops
/// on another terminal, cardholder declines.
fn cafe_report(lang: Lang) -> Report {
    support::golden_report("three-terminal-cafe", lang)
}

#[test]
fn html_shows_terminal_health_and_the_cardholder_profile() {
    let cases = [
        (
            Lang::Zh,
            [
                "终端健康与持卡人原因被拒",
                "持卡人原因被拒（仅供参考，未扣款）",
                "终端 10086602 超时率 2.1%，其他终端 0.1%",
                "怎么跟顾客说",
                "51（资金不足，4 笔）",
            ],
        ),
        (
            Lang::En,
            [
                "Terminal health and cardholder declines",
                "Cardholder declines (for information, nothing charged)",
                "terminal 10086602 drops 2.1% of attempts",
                "What to tell customers",
                "51 (4): Insufficient funds",
            ],
        ),
    ];
    for (lang, wanted) in cases {
        let report = cafe_report(lang);
        let doc = html::render(&report);
        for text in wanted {
            assert!(doc.contains(text), "{lang:?}: {text}");
        }
        // 拒付 is a chargeback: declines are never called that.
        assert!(!doc.contains("持卡人拒付"), "{lang:?}: declines called chargebacks");
        // One row per terminal in the health table.
        for tid in ["10086601", "10086602", "10086603"] {
            assert!(doc.contains(&format!("<tr><td>{tid}</td>")), "{lang:?}: {tid}");
        }
    }
}

#[test]
fn html_follows_the_report_language() {
    let doc = html::render(&tampered_report(Lang::En));
    assert!(doc.contains("<html lang=\"en\">"));
    assert!(doc.contains("Charged but shown as failed"));
    assert!(doc.contains("Merchant ID"));
    assert!(!doc.contains("核对基准日期"));
}

#[test]
fn html_of_the_same_report_is_the_same() {
    let report = tampered_report(Lang::Zh);
    assert_eq!(html::render(&report), html::render(&report));
}

#[test]
fn csv_has_a_bom_a_chinese_header_and_no_formulas() {
    let mut report = tampered_report(Lang::Zh);
    report.findings[0].title = "=HYPERLINK(\"http://evil\")".into();
    let bytes = csv::render(&report);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut rows = ::csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header[..4], ["编号", "问题类型", "严重程度", "金额(元)"]);
    let records: Vec<::csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    // One row per record of each finding.
    let lines: usize = report.findings.iter().map(|f| f.records.len().max(1)).sum();
    assert_eq!(records.len(), lines);
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    assert_eq!(&records[0][col("标题")], "'=HYPERLINK(\"http://evil\")");
    assert_eq!(&records[0][3], "1580.00");
    assert_eq!(
        &records[0][col("文件")],
        EVIL_NAME,
        "file names are data, quoted by the CSV writer"
    );
}

/// A bank statement whose balances follow line by line, and a bare list of times and amounts
/// whose role is a guess.
fn proofs_report(lang: Lang) -> Report {
    let bank = "交易时间,摘要,收入金额,支出金额,余额,对方户名\n\
                2026-11-09 08:31:05,来账,41.84,,56363.34,示例支付有限公司\n\
                2026-11-10 09:12:40,转支,,8000.00,48363.34,深圳市某商贸有限公司\n\
                2026-11-11 08:29:51,来账,1158.08,,49521.42,示例支付有限公司\n";
    let list = "交易时间,交易金额\n2026-11-12 10:05:40,128.00\n2026-11-12 11:31:02,56.50\n";
    let files = vec![
        SourceFile::new("银行流水.csv".to_owned(), bank.as_bytes().to_vec()),
        SourceFile::new("收款记录.csv".to_owned(), list.as_bytes().to_vec()),
    ];
    let mut options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 17).unwrap());
    options.lang = lang;
    posrecon_engine::analyze(&files, &options)
}

#[test]
fn html_shows_each_files_balance_proof_and_role_doubt() {
    let report = proofs_report(Lang::Zh);
    let bank = report.inputs.iter().find(|i| i.file == "银行流水.csv").unwrap();
    assert_eq!(bank.balance_check.as_ref().map(|c| (c.confirmed, c.lines)), Some((3, 3)));
    let list = report.inputs.iter().find(|i| i.file == "收款记录.csv").unwrap();
    assert_eq!(list.role_doubt.as_ref().map(|d| d.reason.as_str()), Some("low_confidence"));
    let doc = html::render(&report);
    assert!(doc.contains("<div class=\"ok small\">余额连续：3/3 行核对一致</div>"));
    assert!(doc.contains(
        "<div class=\"doubt\">需要确认文件类型：证据太少，看不准是哪种文件，暂按「终端交易流水」读取。\
         确认文件类型前，不据此文件报告资金问题。</div>"
    ));
    assert!(doc.contains(
        "<p class=\"doubt\">1 个文件需要确认类型，确认前不据此报告资金问题：收款记录.csv</p>"
    ));
    let doc = html::render(&proofs_report(Lang::En));
    assert!(doc.contains("Running balance follows: 3/3 lines agree"));
    assert!(doc.contains(
        "File type to confirm: Too little evidence to tell what this file is; read as Terminal \
         log for now. No money finding rests on this file until its type is confirmed."
    ));
}
