//! Findings as CSV for Excel: UTF-8 with a BOM (so Excel detects the encoding) and every cell that
//! could be read as a formula neutralised, because text in the report comes from untrusted files.

use posrecon_engine::Lang;
use posrecon_engine::report::Report;

/// Renders one row per finding, with the identifiers an acquirer asks for.
pub fn findings_csv(report: &Report) -> Vec<u8> {
    let lang = Lang::parse(&report.lang).unwrap_or_default();
    let header: Vec<&str> = if lang == Lang::En {
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
            "文件",
            "行号",
            "标题",
            "处理建议",
        ]
    };
    let mut out = Vec::from(&b"\xEF\xBB\xBF"[..]);
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(&header).expect("writing to memory");
        for f in &report.findings {
            let first = f.records.first();
            let opt = |v: Option<&String>| v.cloned().unwrap_or_default();
            let row = vec![
                f.id.clone(),
                f.kind.label(lang).to_owned(),
                format!("{:?}", f.severity).to_lowercase(),
                yuan(f.amount_cents),
                first
                    .and_then(|r| r.time)
                    .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
                    .unwrap_or_default(),
                opt(first.and_then(|r| r.terminal_id.as_ref())),
                opt(first.and_then(|r| r.batch_no.as_ref())),
                opt(first.and_then(|r| r.stan.as_ref())),
                opt(first.and_then(|r| r.rrn.as_ref())),
                opt(first.and_then(|r| r.card_masked.as_ref())),
                first.map(|r| r.file.clone()).unwrap_or_default(),
                first.map(|r| r.line.to_string()).unwrap_or_default(),
                f.title.clone(),
                f.actions.join("\n"),
            ];
            w.write_record(row.iter().map(|c| neutralise(c))).expect("writing to memory");
        }
        w.flush().expect("writing to memory");
    }
    out
}

/// Formats fen as yuan with two decimals, e.g. 158000 -> "1580.00" (no separators: a number cell).
fn yuan(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Prefixes a cell that a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, CR) with an apostrophe.
///
/// Plain negative numbers are left alone so amounts stay numeric.
fn neutralise(cell: &str) -> String {
    let risky = matches!(cell.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    let body = cell.strip_prefix('-').unwrap_or(cell);
    let is_number = !body.is_empty()
        && body.bytes().any(|b| b.is_ascii_digit())
        && body.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if risky && !is_number { format!("'{cell}") } else { cell.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formulas_but_keeps_numbers() {
        let cases = [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1+2", "'+1+2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-12.50", "-12.50"),
            ("-cmd", "'-cmd"),
            ("交易超时", "交易超时"),
        ];
        for (input, want) in cases {
            assert_eq!(neutralise(input), want, "{input}");
        }
    }

    #[test]
    fn yuan_formats_fen() {
        assert_eq!(yuan(158000), "1580.00");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(-3650), "-36.50");
    }
}
