//! The report as tables of typed cells: what the CSV and XLSX exports share.
//!
//! A spreadsheet export and a CSV export must show the same columns with the same values, so both
//! are rendered from these tables. Cells keep their type: money stays integer fen until the very
//! last step (CSV prints it as `1580.00`, the XLSX writer as a number cell in 元), counts stay
//! integers, and everything else is text that may come from an untrusted file.

use crate::config::Lang;
use crate::report::labels;
use crate::report::{Input, Report};

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text; may come from a file, so exporters must never let a spreadsheet evaluate it.
    Text(String),
    /// Money in fen, shown in 元 with two decimals.
    Yuan(i64),
    /// A count or a line number.
    Int(u64),
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

/// One row per finding, with the identifiers an acquirer asks for (taken from the finding's
/// first, most telling record).
pub fn findings(report: &Report) -> Table {
    let lang = labels::report_lang(&report.lang);
    let header = if lang == Lang::En {
        vec![
            "ID",
            "Kind",
            "Severity",
            "Amount (CNY)",
            "Time",
            "Terminal",
            "Batch",
            "Voucher (STAN)",
            "RRN",
            "Card",
            "Paid with",
            "Order no.",
            "Wallet order no.",
            "File",
            "Line",
            "Title",
            "What to do",
        ]
    } else {
        vec![
            "编号",
            "问题类型",
            "严重程度",
            "金额(元)",
            "交易时间",
            "终端号",
            "批次号",
            "凭证号",
            "参考号",
            "卡号",
            "支付方式",
            "订单号",
            "微信/支付宝单号",
            "文件",
            "行号",
            "标题",
            "处理建议",
        ]
    };
    let rows = report
        .findings
        .iter()
        .map(|f| {
            let first = f.records.first();
            vec![
                Cell::text(&f.id),
                Cell::text(f.kind.label(lang)),
                Cell::text(labels::severity(lang, f.severity)),
                Cell::Yuan(f.amount_cents),
                first
                    .and_then(|r| r.time)
                    .map_or(Cell::Empty, |t| Cell::Text(t.format("%Y-%m-%d %H:%M:%S").to_string())),
                Cell::opt(first.and_then(|r| r.terminal_id.as_ref())),
                Cell::opt(first.and_then(|r| r.batch_no.as_ref())),
                Cell::opt(first.and_then(|r| r.stan.as_ref())),
                Cell::opt(first.and_then(|r| r.rrn.as_ref())),
                Cell::opt(first.and_then(|r| r.card_masked.as_ref())),
                // A QR finding's way to pay and order numbers: from any of its records (the
                // till row names the order, the bill row the wallet's own number).
                f.records
                    .iter()
                    .find_map(|r| r.pay_method)
                    .map_or(Cell::Empty, |m| Cell::text(labels::pay_method(lang, m))),
                Cell::opt(f.records.iter().find_map(|r| r.order_id.as_ref())),
                Cell::opt(f.records.iter().find_map(|r| r.channel_order_id.as_ref())),
                first.map_or(Cell::Empty, |r| Cell::text(&r.file)),
                first.map_or(Cell::Empty, |r| Cell::Int(u64::from(r.line))),
                Cell::text(&f.title),
                Cell::Text(f.actions.join("\n")),
            ]
        })
        .collect();
    Table { header, rows }
}

/// One row per input file (and sheet): how it was read and what became of its rows.
pub fn inputs(report: &Report) -> Table {
    let lang = labels::report_lang(&report.lang);
    let header = if lang == Lang::En {
        vec![
            "File",
            "Sheet",
            "Role",
            "Format",
            "Encoding",
            "Header line",
            "Rows used",
            "Rows skipped",
            "Rows rejected",
            "Covers from",
            "Covers to",
            "Bytes",
            "SHA-256",
            "Could not be read",
        ]
    } else {
        vec![
            "文件",
            "工作表",
            "文件类型",
            "格式",
            "编码",
            "表头行",
            "数据行",
            "跳过行",
            "无法读取的行",
            "起始时间",
            "结束时间",
            "字节数",
            "SHA-256",
            "无法读取原因",
        ]
    };
    let time = |t: chrono::NaiveDateTime| Cell::Text(t.format("%Y-%m-%d %H:%M:%S").to_string());
    let rows = report
        .inputs
        .iter()
        .map(|i: &Input| {
            vec![
                Cell::text(&i.file),
                Cell::opt(i.sheet.as_ref()),
                i.role.map_or(Cell::Empty, |r| Cell::text(labels::role(lang, r))),
                Cell::opt(i.format.as_ref()),
                Cell::opt(i.encoding.as_ref()),
                i.header_line.map_or(Cell::Empty, |l| Cell::Int(u64::from(l))),
                Cell::Int(i.data_rows),
                Cell::Int(i.skipped_count()),
                Cell::Int(i.rejected_rows.len() as u64),
                i.coverage.map_or(Cell::Empty, |c| time(c.start)),
                i.coverage.map_or(Cell::Empty, |c| time(c.end)),
                Cell::Int(i.bytes),
                Cell::text(&i.sha256),
                Cell::opt(i.error_text(lang).as_ref()),
            ]
        })
        .collect();
    Table { header, rows }
}

/// One row per incident.
pub fn incidents(report: &Report) -> Table {
    let lang = labels::report_lang(&report.lang);
    let header = if lang == Lang::En {
        vec![
            "ID",
            "Cause",
            "Terminals",
            "From",
            "To",
            "Attempts",
            "Response codes",
            "Findings",
            "Title",
            "What to do",
        ]
    } else {
        vec![
            "编号",
            "原因",
            "终端号",
            "开始时间",
            "结束时间",
            "笔数",
            "应答码",
            "相关问题",
            "标题",
            "处理建议",
        ]
    };
    let time = |t: chrono::NaiveDateTime| Cell::Text(t.format("%Y-%m-%d %H:%M:%S").to_string());
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
                time(i.start),
                time(i.end),
                Cell::Int(i.attempts),
                Cell::Text(codes.join(", ")),
                Cell::Text(i.finding_ids.join(", ")),
                Cell::text(&i.title),
                Cell::Text(i.actions.join("\n")),
            ]
        })
        .collect();
    Table { header, rows }
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
}
