//! The report as tables of typed cells: what the CSV and XLSX exports share.
//!
//! A spreadsheet export and a CSV export must show the same columns with the same values, so both
//! are rendered from these tables. Cells keep their type: money stays integer fen until the very
//! last step (CSV prints it as `1580.00`, the XLSX writer as a number cell in 元), counts stay
//! integers, and everything else is text that may come from an untrusted file.
//!
//! ## Findings: one row per record
//!
//! A finding rests on several lines (the terminal's attempt and the statement's row; a day's
//! settled rows for a missing deposit), and the acquirer asks about each by its own identifiers:
//! a row built from the first record alone left 参考号 empty where only the statement has it, and
//! put one sale's identifiers on a finding about a whole day. So [`findings`] writes one row per
//! record, every identifier of that record on it, and a finding without records still one row.
//!
//! Each row repeats the finding's columns (id, kind, severity, amount, confidence, cause,
//! incident, dates, title), so a filter or a pivot table on any of them keeps all of a finding's
//! records together. The prose (explanation, what to do) is written on the finding's first row
//! only: repeated, it would multiply the file's size by the records of a day and say nothing new.
//! The 记录序号 (record number) column is 1 on that first row, and empty on the one row of a
//! finding without records: filter on 1 and blank to count findings or to sum their amounts once
//! each (the finding's amount is repeated on every row; the record's own amount is in its own
//! column).
//!
//! ## Labels
//!
//! Every enum (kind, severity, cause, file role, transaction type, way to pay, chain hops, how a
//! pair was matched) is written in the report's language through [`labels`]; the only Latin
//! letters in a Chinese export are identifiers, codes and file names.
//!
//! ## Text from files
//!
//! [`sheet_text`] is what either export writes for a text cell: bidirectional controls (U+202E
//! and its kin) are shown as `[U+202E]` instead of being kept or dropped, so a name that reorders
//! itself on screen reads as what it is, and nothing is silently lost; and a cell longer than
//! Excel keeps (32,767 UTF-16 units) is cut with a visible marker saying how long it was. The CSV
//! export then neutralises formulas ([`crate::report::csv::neutralise`]); the workbook writes
//! strings only, never formulas.

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveDateTime};

use crate::config::Lang;
use crate::report::bidi::show_bidi_controls;
use crate::report::labels;
use crate::report::{Chain, Finding, Input, RecordRef, Report};

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text; may come from a file, so exporters must never let a spreadsheet evaluate it.
    Text(String),
    /// Money in fen, shown in 元 with two decimals.
    Yuan(i64),
    /// A count or a line number.
    Int(u64),
    /// A share in whole percent (a finding's confidence): `93` is shown as `93%`.
    Percent(u32),
    /// Nothing.
    Empty,
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    fn opt(s: Option<&String>) -> Cell {
        s.map_or(Cell::Empty, |s| Cell::Text(s.clone()))
    }

    fn time(t: Option<NaiveDateTime>) -> Cell {
        t.map_or(Cell::Empty, |t| Cell::Text(t.format("%Y-%m-%d %H:%M:%S").to_string()))
    }

    fn date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, |d| Cell::Text(d.to_string()))
    }
}

/// A header row and data rows of the same width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column names in the report's language.
    pub header: Vec<&'static str>,
    /// Data rows.
    pub rows: Vec<Vec<Cell>>,
}

/// Formats fen as yuan with two decimals and no separators: 158000 -> `1580.00`.
pub fn yuan_plain(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Longest text Excel keeps in one cell, in UTF-16 code units.
pub const MAX_CELL_UNITS: usize = 32_767;

/// The text an export writes for a text cell: bidirectional controls shown as `[U+202E]`, and a
/// cell longer than [`MAX_CELL_UNITS`] (less `reserve` units an exporter adds, such as the CSV's
/// apostrophe) cut with a visible marker in `lang`.
pub fn sheet_text(lang: Lang, text: &str, reserve: usize) -> Cow<'_, str> {
    let shown = show_bidi_controls(text);
    let limit = MAX_CELL_UNITS.saturating_sub(reserve);
    if shown.len() <= limit || shown.encode_utf16().count() <= limit {
        return shown;
    }
    let chars = text.chars().count();
    let marker = match lang {
        Lang::Zh => format!("…【内容过长，已截断：原文共 {chars} 个字符】"),
        Lang::En => format!("… [cut: {chars} characters in the file]"),
    };
    let room = limit.saturating_sub(marker.encode_utf16().count());
    let mut used = 0;
    let end = shown
        .char_indices()
        .find(|(_, c)| {
            used += c.len_utf16();
            used > room
        })
        .map_or(shown.len(), |(i, _)| i);
    Cow::Owned(format!("{}{marker}", &shown[..end]))
}

/// Picks each column's name in `lang` from `(zh, en)` pairs.
fn header(lang: Lang, columns: &[(&'static str, &'static str)]) -> Vec<&'static str> {
    columns.iter().map(|&(zh, en)| lang.pick(zh, en)).collect()
}

/// The finding's own columns, repeated on each of its rows.
const FINDING_COLUMNS: [(&str, &str); 11] = [
    ("编号", "ID"),
    ("问题类型", "Kind"),
    ("严重程度", "Severity"),
    ("金额(元)", "Amount (CNY)"),
    ("置信度", "Confidence"),
    ("可能原因", "Likely cause"),
    ("所属事件", "Incident"),
    ("涉及清算日期", "Clearing dates"),
    ("预计到账日期", "Expected deposit"),
    ("超过此日期请联系收单机构", "Contact the acquirer after"),
    ("标题", "Title"),
];

/// One record's columns: where it is, what it is, every identifier an acquirer or bank asks for.
const RECORD_COLUMNS: [(&str, &str); 21] = [
    ("记录序号", "Record no."),
    ("文件", "File"),
    ("工作表", "Sheet"),
    ("行号", "Line"),
    ("文件类型", "Source"),
    ("交易时间", "Time"),
    ("交易类型", "Type"),
    ("交易金额(元)", "Line amount (CNY)"),
    ("终端号", "Terminal ID"),
    ("商户号", "Merchant ID"),
    ("批次号", "Batch"),
    ("凭证号", "Voucher (STAN)"),
    ("参考号", "RRN"),
    ("授权码", "Auth code"),
    ("卡号", "Card"),
    ("订单号", "Order no."),
    ("微信/支付宝单号", "Wallet order no."),
    ("应答码", "Response code"),
    ("应答信息", "Response text"),
    ("清算日期", "Clearing date"),
    ("支付方式", "Paid with"),
];

/// The finding's prose, on its first row only (see the module doc).
const PROSE_COLUMNS: [(&str, &str); 2] = [("说明", "Explanation"), ("处理建议", "What to do")];

/// One row per record of each finding (a finding without records: one row), the finding's
/// columns repeated on each, its explanation and actions on the first (see the module doc).
pub fn findings(report: &Report) -> Table {
    let lang = labels::report_lang(&report.lang);
    let columns: Vec<(&str, &str)> =
        [&FINDING_COLUMNS[..], &RECORD_COLUMNS[..], &PROSE_COLUMNS[..]].concat();
    let mut rows = Vec::new();
    for finding in &report.findings {
        let head = finding_cells(lang, finding);
        let prose = [Cell::text(&finding.explanation), Cell::Text(finding.actions.join("\n"))];
        if finding.records.is_empty() {
            let blank = std::iter::repeat_n(Cell::Empty, RECORD_COLUMNS.len());
            rows.push(head.iter().cloned().chain(blank).chain(prose).collect());
            continue;
        }
        for (idx, record) in finding.records.iter().enumerate() {
            let mut row = head.clone();
            row.extend(record_cells(lang, idx + 1, record));
            if idx == 0 {
                row.extend(prose.iter().cloned());
            } else {
                row.extend([Cell::Empty, Cell::Empty]);
            }
            rows.push(row);
        }
    }
    Table { header: header(lang, &columns), rows }
}

fn finding_cells(lang: Lang, f: &Finding) -> Vec<Cell> {
    let dates: Vec<String> = f.dates.settlement_dates.iter().map(NaiveDate::to_string).collect();
    vec![
        Cell::text(&f.id),
        Cell::text(labels::kind(lang, f.kind)),
        Cell::text(labels::severity(lang, f.severity)),
        Cell::Yuan(f.amount_cents),
        Cell::Percent(percent(f.confidence)),
        f.cause.map_or(Cell::Empty, |c| Cell::text(labels::cause(lang, c))),
        Cell::opt(f.incident_id.as_ref()),
        if dates.is_empty() { Cell::Empty } else { Cell::Text(dates.join(", ")) },
        Cell::date(f.dates.expected_deposit_date),
        Cell::date(f.dates.escalate_after),
        Cell::text(&f.title),
    ]
}

/// A confidence (0..1, two decimals) in whole percent.
fn percent(confidence: f64) -> u32 {
    // Confidences are in 0..=1; the cast saturates anything else into 0..=u32::MAX.
    (confidence * 100.0).round() as u32
}

fn record_cells(lang: Lang, number: usize, r: &RecordRef) -> Vec<Cell> {
    vec![
        Cell::Int(number as u64),
        Cell::text(&r.file),
        Cell::opt(r.sheet.as_ref()),
        Cell::Int(u64::from(r.line)),
        Cell::text(labels::role(lang, r.role)),
        Cell::time(r.time),
        Cell::text(labels::txn_type(lang, r.txn_type)),
        Cell::Yuan(r.amount_cents),
        Cell::opt(r.terminal_id.as_ref()),
        Cell::opt(r.merchant_id.as_ref()),
        Cell::opt(r.batch_no.as_ref()),
        Cell::opt(r.stan.as_ref()),
        Cell::opt(r.rrn.as_ref()),
        Cell::opt(r.auth_code.as_ref()),
        Cell::opt(r.card_masked.as_ref()),
        Cell::opt(r.order_id.as_ref()),
        Cell::opt(r.channel_order_id.as_ref()),
        Cell::opt(r.response_code.as_ref()),
        Cell::opt(r.response_text.as_ref()),
        Cell::date(r.settlement_date),
        r.pay_method.map_or(Cell::Empty, |m| Cell::text(labels::pay_method(lang, m))),
    ]
}

/// The chains' columns.
const CHAIN_COLUMNS: [(&str, &str); 13] = [
    ("序号", "No."),
    ("类型", "Kind"),
    ("终端", "Terminal"),
    ("结算", "Settlement"),
    ("到账", "Deposit"),
    ("订单", "Order"),
    ("匹配依据", "Matched by"),
    ("记录", "Records"),
    ("入账记录", "Bank credit"),
    ("相关问题", "Findings"),
    ("已退款(元)", "Refunded (CNY)"),
    ("退款后剩余(元)", "Remaining (CNY)"),
    ("超额退款(元)", "Over-refunded (CNY)"),
];

/// One row per chain (`Report.chains`, in report order, numbered from 1): its kind and hops in
/// the report's language, how it was matched, its members and bank credits as file and line,
/// the findings on it, and its refunds.
pub fn chains(report: &Report) -> Table {
    let (header, rows) = chain_rows(report);
    Table { header, rows: rows.collect() }
}

/// [`chains`] as a header and its rows made one at a time: a million chains are a million rows,
/// and a writer that stores each row as it comes need not hold them twice.
pub fn chain_rows(
    report: &Report,
) -> (Vec<&'static str>, impl ExactSizeIterator<Item = Vec<Cell>> + '_) {
    let lang = labels::report_lang(&report.lang);
    let rows = report
        .chains
        .iter()
        .enumerate()
        .map(move |(idx, chain)| chain_cells(lang, &report.inputs, idx + 1, chain));
    (header(lang, &CHAIN_COLUMNS), rows)
}

fn chain_cells(lang: Lang, inputs: &[Input], number: usize, c: &Chain) -> Vec<Cell> {
    let place = |&(input, line): &(u32, u32)| located(lang, inputs, input, line);
    let members: Vec<String> = c.records.iter().map(place).collect();
    let credits: Vec<String> =
        c.deposit_record.iter().chain(&c.more_deposit_records).map(place).collect();
    let list = |items: Vec<String>, sep: &str| {
        if items.is_empty() { Cell::Empty } else { Cell::Text(items.join(sep)) }
    };
    vec![
        Cell::Int(number as u64),
        Cell::text(labels::chain_kind(lang, c.kind)),
        c.terminal.map_or(Cell::Empty, |h| Cell::text(labels::terminal_hop(lang, h))),
        c.settlement.map_or(Cell::Empty, |h| Cell::text(labels::settlement_hop(lang, h))),
        c.deposit.map_or(Cell::Empty, |h| Cell::text(labels::deposit_hop(lang, h))),
        c.order.map_or(Cell::Empty, |h| Cell::text(labels::order_hop(lang, h))),
        c.matched_by.as_ref().map_or(Cell::Empty, |m| Cell::text(labels::matched_by(lang, m))),
        list(members, "\n"),
        list(credits, "\n"),
        list(c.finding_ids.clone(), ", "),
        c.refunded_cents.map_or(Cell::Empty, Cell::Yuan),
        c.remaining_cents.map_or(Cell::Empty, Cell::Yuan),
        c.over_refunded_cents.map_or(Cell::Empty, Cell::Yuan),
    ]
}

/// `终端交易明细.csv 第 8 行` / `终端交易明细.csv line 8`, with the sheet of a workbook; an index
/// the report does not have (never written by the engine) as `#3`.
fn located(lang: Lang, inputs: &[Input], input: u32, line: u32) -> String {
    let file = match inputs.get(input as usize) {
        Some(Input { file, sheet: Some(sheet), .. }) => match lang {
            Lang::Zh => format!("{file}（{sheet}）"),
            Lang::En => format!("{file} ({sheet})"),
        },
        Some(i) => i.file.clone(),
        None => format!("#{input}"),
    };
    match lang {
        Lang::Zh => format!("{file} 第 {line} 行"),
        Lang::En => format!("{file} line {line}"),
    }
}

/// One row per input file (and sheet): how it was read and what became of its rows.
pub fn inputs(report: &Report) -> Table {
    let lang = labels::report_lang(&report.lang);
    let columns = [
        ("文件", "File"),
        ("工作表", "Sheet"),
        ("文件类型", "Role"),
        ("格式", "Format"),
        ("编码", "Encoding"),
        ("表头行", "Header line"),
        ("数据行", "Rows used"),
        ("跳过行", "Rows skipped"),
        ("无法读取的行", "Rows rejected"),
        ("起始时间", "Covers from"),
        ("结束时间", "Covers to"),
        ("字节数", "Bytes"),
        ("SHA-256", "SHA-256"),
        ("无法读取原因", "Could not be read"),
    ];
    let rows = report
        .inputs
        .iter()
        .map(|i: &Input| {
            vec![
                Cell::text(&i.file),
                Cell::opt(i.sheet.as_ref()),
                i.role.map_or(Cell::Empty, |r| Cell::text(labels::role(lang, r))),
                i.format.as_ref().map_or(Cell::Empty, |f| Cell::text(labels::file_format(lang, f))),
                Cell::opt(i.encoding.as_ref()),
                i.header_line.map_or(Cell::Empty, |l| Cell::Int(u64::from(l))),
                Cell::Int(i.data_rows),
                Cell::Int(i.skipped_count()),
                Cell::Int(i.rejected_rows.len() as u64),
                Cell::time(i.coverage.map(|c| c.start)),
                Cell::time(i.coverage.map(|c| c.end)),
                Cell::Int(i.bytes),
                Cell::text(&i.sha256),
                Cell::opt(i.error_text(lang).as_ref()),
            ]
        })
        .collect();
    Table { header: header(lang, &columns), rows }
}

/// One row per incident.
pub fn incidents(report: &Report) -> Table {
    let lang = labels::report_lang(&report.lang);
    let columns = [
        ("编号", "ID"),
        ("原因", "Cause"),
        ("终端号", "Terminals"),
        ("开始时间", "From"),
        ("结束时间", "To"),
        ("笔数", "Attempts"),
        ("应答码", "Response codes"),
        ("相关问题", "Findings"),
        ("标题", "Title"),
        ("处理建议", "What to do"),
    ];
    let rows = report
        .incidents
        .iter()
        .map(|i| {
            let terminals = if i.terminal_ids.is_empty() {
                lang.pick("全部终端", "All terminals").to_owned()
            } else {
                i.terminal_ids.join(", ")
            };
            let codes: Vec<String> =
                i.response_codes.iter().map(|(code, n)| format!("{code} ×{n}")).collect();
            vec![
                Cell::text(&i.id),
                Cell::text(labels::cause(lang, i.cause)),
                Cell::Text(terminals),
                Cell::time(Some(i.start)),
                Cell::time(Some(i.end)),
                Cell::Int(i.attempts),
                Cell::Text(codes.join(", ")),
                Cell::Text(i.finding_ids.join(", ")),
                Cell::text(&i.title),
                Cell::Text(i.actions.join("\n")),
            ]
        })
        .collect();
    Table { header: header(lang, &columns), rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_formats_fen() {
        assert_eq!(yuan_plain(158000), "1580.00");
        assert_eq!(yuan_plain(5), "0.05");
        assert_eq!(yuan_plain(-3650), "-36.50");
    }

    #[test]
    fn bidi_controls_are_shown_not_obeyed() {
        // Read right to left from U+202E, this file name would show as 发票exe.pdf.
        assert_eq!(sheet_text(Lang::Zh, "发票\u{202E}fdp.exe", 0), "发票[U+202E]fdp.exe");
        assert_eq!(
            sheet_text(Lang::Zh, "\u{2067}a\u{2069}\u{200F}\u{061C}", 0),
            "[U+2067]a[U+2069][U+200F][U+061C]"
        );
        assert!(matches!(sheet_text(Lang::Zh, "交易超时", 0), Cow::Borrowed("交易超时")));
    }

    #[test]
    fn a_cell_longer_than_excel_keeps_is_cut_with_a_marker() {
        let long = "掉".repeat(100_000);
        let cut = sheet_text(Lang::Zh, &long, 0);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_UNITS);
        assert!(cut.starts_with("掉掉掉"));
        assert!(cut.ends_with("…【内容过长，已截断：原文共 100000 个字符】"));
        // Characters outside the BMP take two units each in Excel's count, and are never split.
        let astral = "😀".repeat(20_000);
        let cut = sheet_text(Lang::En, &astral, 1);
        let units = cut.encode_utf16().count();
        assert!((MAX_CELL_UNITS - 2..MAX_CELL_UNITS).contains(&units), "{units}");
        assert!(cut.ends_with("… [cut: 20000 characters in the file]"));
        // At the limit exactly, nothing is cut.
        let full = "x".repeat(MAX_CELL_UNITS);
        assert_eq!(sheet_text(Lang::Zh, &full, 0), full);
    }
}
