//! Findings as CSV for Excel: UTF-8 with a BOM (so Excel detects the encoding) and every cell that
//! could be read as a formula neutralised, because text in the report comes from untrusted files.
//!
//! The columns are [`table::findings`], shared with the XLSX export: one row per record of each
//! finding, every identifier of that record on it, labels in the report's language.
//!
//! Money is written as a plain number (`1580.00`: no thousands separator, no currency sign), so
//! Excel reads it as a number; a confidence as `93%`, which Excel reads as the number 0.93.
//!
//! Every text cell goes through [`table::sheet_text`] (bidirectional controls shown as
//! `[U+202E]`, a cell past Excel's 32,767 units cut with a marker) and then [`neutralise`].

use crate::config::Lang;
use crate::report::Report;
use crate::report::labels;
use crate::report::table::{self, Cell};

/// Renders one row per record of each finding, with the identifiers an acquirer asks for: the
/// bytes of a CSV file (UTF-8 with a BOM, columns [`table::findings`], amounts in 元 with two
/// decimals, cells that could be formulas neutralised). A pure function of the [`Report`].
pub fn render(report: &Report) -> Vec<u8> {
    let lang = labels::report_lang(&report.lang);
    let table = table::findings(report);
    let mut out = Vec::from(&b"\xEF\xBB\xBF"[..]);
    {
        let mut w = ::csv::Writer::from_writer(&mut out);
        w.write_record(&table.header).expect("writing to memory");
        for row in &table.rows {
            w.write_record(row.iter().map(|cell| cell_text(lang, cell)))
                .expect("writing to memory");
        }
        w.flush().expect("writing to memory");
    }
    out
}

fn cell_text(lang: Lang, cell: &Cell) -> String {
    match cell {
        // One unit is kept for the apostrophe `neutralise` may put in front.
        Cell::Text(s) => neutralise(&table::sheet_text(lang, s, 1)),
        Cell::Yuan(cents) => table::yuan_plain(*cents),
        Cell::Int(n) => n.to_string(),
        Cell::Percent(p) => format!("{p}%"),
        Cell::Empty => String::new(),
    }
}

/// Characters that make a spreadsheet read a cell as a formula when the cell starts with one:
/// `=`, `+`, `-`, `@` (and their full-width forms, which some spreadsheets in China accept).
fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠')
}

/// Prefixes with an apostrophe a cell that a spreadsheet would evaluate: one starting with `=`,
/// `+`, `-`, `@`, a tab, a CR or a LF, or with blanks and then one of `=`, `+`, `-`, `@` (Excel
/// and LibreOffice skip leading blanks before a formula).
///
/// Plain numbers (`-12.50`) are left alone so amounts stay numeric.
pub fn neutralise(cell: &str) -> String {
    let first = cell.chars().next();
    let risky = matches!(first, Some('\t' | '\r' | '\n'))
        || cell.trim_start().chars().next().is_some_and(is_formula_start);
    if risky && !is_plain_number(cell) { format!("'{cell}") } else { cell.to_owned() }
}

/// `-12.50`, `+3`: a number and nothing else.
fn is_plain_number(cell: &str) -> bool {
    let body = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    !body.is_empty()
        && body.bytes().any(|b| b.is_ascii_digit())
        && body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
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
            ("\nx", "'\nx"),
            ("  =1+1", "'  =1+1"),
            ("\u{3000}@SUM(A1)", "'\u{3000}@SUM(A1)"),
            (" \t-2+3", "' \t-2+3"),
            ("＝1+1", "'＝1+1"),
            ("交易超时", "交易超时"),
            ("a=b", "a=b"),
            ("309140500028", "309140500028"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(neutralise(input), want, "{input:?}");
        }
    }

    #[test]
    fn a_text_cell_is_shown_cut_and_neutralised() {
        let cell = Cell::Text("=\u{202E}1+1".to_owned());
        assert_eq!(cell_text(Lang::Zh, &cell), "'=[U+202E]1+1");
        let long = Cell::Text(format!("={}", "x".repeat(100_000)));
        let text = cell_text(Lang::En, &long);
        assert!(text.starts_with("'=xxx"));
        assert!(text.ends_with("… [cut: 100001 characters in the file]"), "{}", &text[32_000..]);
        assert_eq!(text.encode_utf16().count(), table::MAX_CELL_UNITS);
        assert_eq!(cell_text(Lang::Zh, &Cell::Percent(93)), "93%");
        assert_eq!(cell_text(Lang::Zh, &Cell::Yuan(-3650)), "-36.50");
    }
}
