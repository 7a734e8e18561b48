//! The findings workbook (XLSX): one function both hosts call, the CLI natively and the web
//! page's worker on wasm32.
//!
//! It lives outside the engine only because its writer, rust_xlsxwriter, reads the clock when a
//! workbook is created (see Cargo.toml); everything it writes comes from the engine's
//! [`posrecon_engine::report::table`]s, the same columns and values as the CSV export.
//!
//! Sheets, named in the report's language: findings (one row per record of each finding), files,
//! incidents, and every chain of the report (one row per payment journey). A table longer than a
//! sheet holds (1,048,576 rows, the header included) goes on in further sheets named with a
//! number (`链路 2`, `Chains 2`), each with the header again.
//!
//! Size, measured on `posrecon gen --rows 100000` (119,931 chains; release build, 2026-12-06): a
//! 5.3 MB workbook, about 2 s of CPU and 30 MB of memory beyond the analysis; at a million
//! attempts (1,200,233 chains: `链路` full, `链路 2` the rest) 53 MB, about 20 s and 320 MB. The
//! chains are made row by row as they are written ([`table::chain_rows`]) so they are not held
//! twice; what remains is the writer's own copy of every cell.
//!
//! Guarantees:
//! - the same report gives the same bytes: the document's creation date is the report's `as_of`
//!   and the zip entries carry a fixed timestamp, so the clock never reaches the file;
//! - text is always written as a string cell, never as a formula, whatever it starts with, after
//!   [`table::sheet_text`] (bidirectional controls shown as `[U+202E]`, a cell past Excel's 32,767
//!   units cut with a visible marker);
//! - money is a number cell in 元 with a `#,##0.00` format, converted from integer fen only when
//!   the cell is written; a confidence is a number with a `0%` format.

#![deny(missing_docs)]

use posrecon_engine::Lang;
use posrecon_engine::report::table::{self, Cell};
use posrecon_engine::report::{Report, labels};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// Renders the workbook: sheets of findings, input files, incidents and chains.
pub fn xlsx(report: &Report) -> Vec<u8> {
    build(report, SHEET_ROWS).expect("the workbook is built from valid, bounded data")
}

/// Rows of a worksheet in Excel, the header row included.
const SHEET_ROWS: usize = 1_048_576;

fn build(report: &Report, sheet_rows: usize) -> Result<Vec<u8>, XlsxError> {
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
    let tables = [
        (lang.pick("问题明细", "Findings"), table::findings(report)),
        (lang.pick("文件", "Files"), table::inputs(report)),
        (lang.pick("事件", "Incidents"), table::incidents(report)),
    ];
    for (name, table) in tables {
        write_sheets(&mut workbook, (name, lang), &table.header, table.rows, sheet_rows, &formats)?;
    }
    // The chains are made row by row as they are written: at a million rows the writer's copy
    // is large enough without a second one.
    let (header, chains) = table::chain_rows(report);
    let name = lang.pick("链路", "Chains");
    write_sheets(&mut workbook, (name, lang), &header, chains, sheet_rows, &formats)?;
    workbook.save_to_buffer()
}

/// Writes a table as one sheet named `name`, or, when it has more rows than a sheet holds
/// (`sheet_rows`, the header included), as several: the second named `<name> 2`, and so on,
/// each with the header. A table without rows is still a sheet with its header.
fn write_sheets(
    workbook: &mut Workbook,
    (name, lang): (&str, Lang),
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<Cell>>,
    sheet_rows: usize,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let mut rows = rows.into_iter().peekable();
    let mut part = 1;
    loop {
        let sheet = workbook.add_worksheet();
        if part == 1 {
            sheet.set_name(name)?;
        } else {
            sheet.set_name(format!("{name} {part}"))?;
        }
        write_table(sheet, lang, header, rows.by_ref().take(sheet_rows - 1), formats)?;
        if rows.peek().is_none() {
            return Ok(());
        }
        part += 1;
    }
}

struct Formats {
    header: Format,
    yuan: Format,
    percent: Format,
    text: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_background_color("#F3F4F6"),
            yuan: Format::new().set_num_format("#,##0.00"),
            percent: Format::new().set_num_format("0%"),
            text: Format::new().set_text_wrap(),
        }
    }
}

fn write_table(
    sheet: &mut Worksheet,
    lang: Lang,
    header: &[&str],
    rows: impl Iterator<Item = Vec<Cell>>,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let mut widths: Vec<usize> = header.iter().map(|h| display_width(h)).collect();
    for (col, title) in header.iter().enumerate() {
        sheet.write_string_with_format(0, col_index(col), *title, &formats.header)?;
    }
    let mut last_row = 0;
    for (idx, row) in rows.enumerate() {
        last_row = u32::try_from(idx + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (col, cell) in row.iter().enumerate() {
            let width = write_cell(sheet, lang, last_row, col_index(col), cell, formats)?;
            widths[col] = widths[col].max(width);
        }
    }
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col_index(col), (*width).clamp(6, 60) as f64 + 1.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if last_row > 0 {
        sheet.autofilter(0, 0, last_row, col_index(header.len() - 1))?;
    }
    Ok(())
}

/// Writes one cell and returns the width it wants.
fn write_cell(
    sheet: &mut Worksheet,
    lang: Lang,
    r: u32,
    c: u16,
    cell: &Cell,
    formats: &Formats,
) -> Result<usize, XlsxError> {
    Ok(match cell {
        // Strings are always string cells: rust_xlsxwriter never turns `write_string` into a
        // formula, so `=HYPERLINK(...)` from a file stays inert text.
        Cell::Text(s) => {
            let s = table::sheet_text(lang, s, 0);
            sheet.write_string_with_format(r, c, s.as_ref(), &formats.text)?;
            s.lines().map(display_width).max().unwrap_or(0)
        }
        // Fen are exact integers; the division to 元 happens here, at the last step, and the 0.00
        // format shows it rounded to the fen it came from (|fen| < 2^53, so the f64 nearest to
        // fen/100 prints back as the same two decimals).
        Cell::Yuan(cents) => {
            sheet.write_number_with_format(r, c, *cents as f64 / 100.0, &formats.yuan)?;
            table::yuan_plain(*cents).len() + 2
        }
        Cell::Int(n) => {
            sheet.write_number(r, c, *n as f64)?;
            n.to_string().len()
        }
        Cell::Percent(p) => {
            sheet.write_number_with_format(r, c, f64::from(*p) / 100.0, &formats.percent)?;
            4
        }
        Cell::Empty => 0,
    })
}

fn col_index(col: usize) -> u16 {
    u16::try_from(col).expect("tables have a few dozen columns")
}

/// Rough column width in Excel character units: CJK characters take two.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Data, Reader, Xlsx};
    use posrecon_engine::{Options, SourceFile};

    use super::*;

    fn demo_week() -> Report {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/golden/demo-week");
        let mut files: Vec<SourceFile> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                SourceFile::new(name, std::fs::read(&p).unwrap())
            })
            .collect();
        files.sort_by(|a, b| a.name.cmp(&b.name));
        posrecon_engine::analyze(&files, &Options::new("2026-11-25".parse().unwrap()))
    }

    /// A table longer than a sheet goes on in further sheets, each with the header, no row lost
    /// or repeated. (Excel's sheets hold 1,048,576 rows; here a sheet holds 10.)
    #[test]
    fn a_table_longer_than_a_sheet_goes_on_in_numbered_sheets() {
        let report = demo_week();
        let chains = table::chains(&report);
        assert!(chains.rows.len() > 18, "enough chains to fill more than two sheets");
        let bytes = build(&report, 10).unwrap();
        let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let names = workbook.sheet_names();
        let parts: Vec<&String> = names.iter().filter(|n| n.starts_with("链路")).collect();
        let expected = chains.rows.len().div_ceil(9);
        assert_eq!(parts.len(), expected);
        assert_eq!(parts[0], "链路");
        assert_eq!(parts[1], "链路 2");
        let mut numbers = Vec::new();
        for name in parts {
            let range = workbook.worksheet_range(name).unwrap();
            let rows: Vec<&[Data]> = range.rows().collect();
            assert!(rows.len() <= 10, "{name}: {} rows", rows.len());
            assert_eq!(rows[0][0], Data::String("序号".into()), "{name} has the header");
            numbers.extend(rows[1..].iter().map(|r| r[0].clone()));
        }
        let want: Vec<Data> = (1..=chains.rows.len()).map(|n| Data::Float(n as f64)).collect();
        assert_eq!(numbers, want);
        // An empty table is still one sheet with its header.
        assert!(names.contains(&"事件".to_owned()));
    }
}
