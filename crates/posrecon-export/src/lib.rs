//! The findings workbook (XLSX): one function both hosts call, the CLI natively and the web
//! page's worker on wasm32.
//!
//! It lives outside the engine only because its writer, rust_xlsxwriter, reads the clock when a
//! workbook is created (see Cargo.toml); everything it writes comes from the engine's
//! [`posrecon_engine::report::table`]s, the same columns and values as the CSV export.
//!
//! Guarantees:
//! - the same report gives the same bytes: the document's creation date is the report's `as_of`
//!   and the zip entries carry a fixed timestamp, so the clock never reaches the file;
//! - text is always written as a string cell, never as a formula, whatever it starts with;
//! - money is a number cell in 元 with a `0.00` format, converted from integer fen only when the
//!   cell is written.

#![deny(missing_docs)]

use posrecon_engine::report::table::{self, Cell, Table};
use posrecon_engine::report::{Report, labels};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// Renders the workbook: sheets of findings, input files and incidents.
pub fn xlsx(report: &Report) -> Vec<u8> {
    build(report).expect("the workbook is built from valid, bounded data")
}

/// Longest text Excel keeps in one cell.
const MAX_CELL_CHARS: usize = 32_767;

fn build(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let lang = labels::report_lang(&report.lang);
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::parse_from_str(&report.as_of.format("%Y-%m-%d").to_string())?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(lang.pick("掉单核对报告", "Payment reconciliation report"))
            .set_author(&report.generated_by)
            .set_creation_datetime(&created),
    );
    let formats = Formats::new();
    let sheets = [
        (lang.pick("问题明细", "Findings"), table::findings(report)),
        (lang.pick("文件", "Files"), table::inputs(report)),
        (lang.pick("事件", "Incidents"), table::incidents(report)),
    ];
    for (name, table) in &sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name)?;
        write_table(sheet, table, &formats)?;
    }
    workbook.save_to_buffer()
}

struct Formats {
    header: Format,
    yuan: Format,
    text: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_background_color("#F3F4F6"),
            yuan: Format::new().set_num_format("#,##0.00"),
            text: Format::new().set_text_wrap(),
        }
    }
}

fn write_table(sheet: &mut Worksheet, table: &Table, formats: &Formats) -> Result<(), XlsxError> {
    let mut widths: Vec<usize> = table.header.iter().map(|h| display_width(h)).collect();
    for (col, title) in table.header.iter().enumerate() {
        sheet.write_string_with_format(0, col_index(col), *title, &formats.header)?;
    }
    for (idx, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(idx + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (col, cell) in row.iter().enumerate() {
            let c = col_index(col);
            match cell {
                // Strings are always string cells: rust_xlsxwriter never turns `write_string`
                // into a formula, so `=HYPERLINK(...)` from a file stays inert text.
                Cell::Text(s) => {
                    let s = truncate(s);
                    widths[col] = widths[col].max(s.lines().map(display_width).max().unwrap_or(0));
                    sheet.write_string_with_format(r, c, s, &formats.text)?;
                }
                // Fen are exact integers; the division to 元 happens here, at the last step, and
                // the 0.00 format shows it rounded to the fen it came from (|fen| < 2^53, so
                // the f64 nearest to fen/100 prints back as the same two decimals).
                Cell::Yuan(cents) => {
                    widths[col] = widths[col].max(table::yuan_plain(*cents).len() + 2);
                    sheet.write_number_with_format(r, c, *cents as f64 / 100.0, &formats.yuan)?;
                }
                Cell::Int(n) => {
                    widths[col] = widths[col].max(n.to_string().len());
                    sheet.write_number(r, c, *n as f64)?;
                }
                Cell::Empty => {}
            }
        }
    }
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col_index(col), (*width).clamp(6, 60) as f64 + 1.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if !table.rows.is_empty() {
        let last_row =
            u32::try_from(table.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.autofilter(0, 0, last_row, col_index(table.header.len() - 1))?;
    }
    Ok(())
}

fn col_index(col: usize) -> u16 {
    u16::try_from(col).expect("tables have a handful of columns")
}

fn truncate(s: &str) -> &str {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((end, _)) => &s[..end],
        None => s,
    }
}

/// Rough column width in Excel character units: CJK characters take two.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_at_excels_cell_limit() {
        let long = "掉".repeat(MAX_CELL_CHARS + 5);
        assert_eq!(truncate(&long).chars().count(), MAX_CELL_CHARS);
        assert_eq!(truncate("短"), "短");
    }
}
