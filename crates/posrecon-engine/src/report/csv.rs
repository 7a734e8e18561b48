//! Findings as CSV for Excel: UTF-8 with a BOM (so Excel detects the encoding) and every cell that
//! could be read as a formula neutralised, because text in the report comes from untrusted files.
//!
//! The columns are [`table::findings`], shared with the XLSX export.

use crate::report::Report;
use crate::report::table::{self, Cell};

/// Renders one row per finding, with the identifiers an acquirer asks for: the bytes of a CSV
/// file (UTF-8 with a BOM, columns [`table::findings`], amounts in 元 with two decimals, cells
/// that could be formulas neutralised). A pure function of the [`Report`].
pub fn render(report: &Report) -> Vec<u8> {
    let table = table::findings(report);
    let mut out = Vec::from(&b"\xEF\xBB\xBF"[..]);
    {
        let mut w = ::csv::Writer::from_writer(&mut out);
        w.write_record(&table.header).expect("writing to memory");
        for row in &table.rows {
            w.write_record(row.iter().map(cell_text)).expect("writing to memory");
        }
        w.flush().expect("writing to memory");
    }
    out
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => neutralise(s),
        Cell::Yuan(cents) => table::yuan_plain(*cents),
        Cell::Int(n) => n.to_string(),
        Cell::Empty => String::new(),
    }
}

/// Prefixes a cell that a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, CR) with an apostrophe.
///
/// Plain negative numbers are left alone so amounts stay numeric.
pub fn neutralise(cell: &str) -> String {
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
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("交易超时", "交易超时"),
        ];
        for (input, want) in cases {
            assert_eq!(neutralise(input), want, "{input}");
        }
    }
}
