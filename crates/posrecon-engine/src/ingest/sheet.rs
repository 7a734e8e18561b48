//! Workbooks (网银 `.xlsx`, legacy `.xls`) -> one table of text cells per sheet, via calamine.
//!
//! Every sheet is considered; a sheet without cells is left out, and the caller decides which of
//! the rest hold a statement. A record's line is its spreadsheet row number (1-based, as Excel
//! shows it), so a merchant can find a rejected row. Cells become the text a CSV export of the
//! same sheet would hold, so header detection, row sorting and normalize stay the same for every
//! format:
//!
//! - numbers print in their shortest round-trip form (`268`, `1580.5`, `0.1`): an amount is never
//!   multiplied as a float, normalize reads this decimal text exactly;
//! - whole numbers below 2^53 print with all their digits (a 12-digit 参考号 stored as a number is
//!   exact); larger ones cannot be exact in an f64 and print in scientific notation, which ingest
//!   recognises in identifier columns and drops with a warning rather than invent digits;
//! - date-formatted cells print as `YYYY-MM-DD HH:MM:SS` (a date alone when there is no time of
//!   day, a time alone when there is no date), rounded to the second;
//! - formula errors (`#N/A`) print as written.
//!
//! xlsx sheets are streamed cell by cell, so a sheet whose formatting reaches row 1 048 576 costs
//! time but no memory for its empty rows; at most [`MAX_CELLS`] non-empty cells are kept.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataRef, ExcelDateTime, Reader, Xls, Xlsx};

use super::delimited::Grid;
use super::limits::{MAX_CELLS, MAX_UNCOMPRESSED_BYTES};
use crate::accounting::RowNote;
use crate::message::{FileError, Note};

/// One sheet's rows.
pub(crate) struct Sheet {
    /// Sheet name as shown on its tab.
    pub name: String,
    /// Rows with at least one non-empty cell, line = spreadsheet row number.
    pub grid: super::delimited::Grid<'static>,
    /// Anything the reader noticed (a cut-off sheet).
    pub notes: Vec<RowNote>,
}

/// Reads every sheet of an xlsx workbook (behind [`guarded`], like xls).
pub(crate) fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, FileError> {
    guarded("xlsx", || read_xlsx_unguarded(bytes))
}

fn read_xlsx_unguarded(bytes: &[u8]) -> Result<Vec<Sheet>, FileError> {
    check_unpacked_size(bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        FileError::WorkbookCannotOpen { format: "xlsx".into(), detail: short(&e.to_string()) }
    })?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let mut cells = Cells::default();
        let mut reader = match book.worksheet_cells_reader(&name) {
            Ok(reader) => reader,
            Err(e) => {
                sheets.push(broken(&name, &e.to_string()));
                continue;
            }
        };
        let mut error = None;
        loop {
            match reader.next_cell() {
                Ok(Some(cell)) => {
                    let (row, col) = cell.get_position();
                    if !cells.push(row, col, text_of_ref(cell.get_value())) {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    error = Some(e.to_string());
                    break;
                }
            }
        }
        let mut sheet = cells.into_sheet(&name);
        if let Some(e) = error {
            let after_row = sheet.grid.line_count;
            let note = Note::SheetDamaged { after_row, detail: short(&e) };
            sheet.notes.push(RowNote::new(after_row, note));
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// Reads every sheet of a legacy (BIFF) xls workbook (behind [`guarded`]), once
/// [`super::ole2::check`] has found nothing that would make calamine allocate or loop beyond what
/// the file's size allows (in the page such an allocation aborts the worker; no unwinding helps).
pub(crate) fn read_xls(bytes: &[u8]) -> Result<Vec<Sheet>, FileError> {
    guarded("xls", || read_xls_unguarded(bytes))
}

/// Runs a calamine read so that a panic in it becomes a one-line message.
///
/// calamine's reader of the OLE2 container under `.xls` indexes its own tables without bounds
/// checks and panics on some damaged files (found by the fuzz replay). A damaged workbook must not
/// take the other files down, so both workbook readers run behind
/// [`catch_unwind`](std::panic::catch_unwind), and a panic reads like any unreadable workbook.
/// This works where panics unwind (the CLI, the tests); the page's worker is built with
/// `panic = "abort"`, and there the worker reports the crash to the page instead.
fn guarded(
    format: &str,
    read: impl FnOnce() -> Result<Vec<Sheet>, FileError>,
) -> Result<Vec<Sheet>, FileError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err(FileError::WorkbookUnreadable { format: format.to_owned() }))
}

fn read_xls_unguarded(bytes: &[u8]) -> Result<Vec<Sheet>, FileError> {
    super::ole2::check(bytes).map_err(|detail| FileError::XlsDamaged { detail })?;
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| {
        FileError::WorkbookCannotOpen { format: "xls".into(), detail: short(&e.to_string()) }
    })?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = match book.worksheet_range(&name) {
            Ok(range) => range,
            Err(e) => {
                sheets.push(broken(&name, &e.to_string()));
                continue;
            }
        };
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut cells = Cells::default();
        for (row, col, value) in range.cells() {
            if !cells.push(row0 + row as u32, col0 + col as u32, text_of(value)) {
                break;
            }
        }
        sheets.push(cells.into_sheet(&name));
    }
    Ok(sheets)
}

/// An xlsx workbook declares each part's unpacked size; refuse bombs before calamine inflates.
fn check_unpacked_size(bytes: &[u8]) -> Result<(), FileError> {
    let archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| FileError::XlsxIncomplete)?;
    let declared: u64 =
        archive.decompressed_size().map_or(0, |s| s.min(u128::from(u64::MAX)) as u64);
    if declared > MAX_UNCOMPRESSED_BYTES {
        return Err(FileError::XlsxTooBig { limit: MAX_UNCOMPRESSED_BYTES });
    }
    Ok(())
}

fn broken(name: &str, error: &str) -> Sheet {
    let mut sheet = Cells::default().into_sheet(name);
    let note = Note::SheetUnreadable { sheet: name.to_owned(), detail: short(error) };
    sheet.notes.push(RowNote::new(0, note));
    sheet
}

/// The first line of an error, at most 120 characters.
fn short(error: &str) -> String {
    error.lines().next().unwrap_or("").chars().take(120).collect()
}

/// Non-empty cells collected sparsely, by row.
#[derive(Default)]
struct Cells {
    rows: BTreeMap<u32, Vec<(u32, String)>>,
    count: usize,
    cut_at: Option<u32>,
}

impl Cells {
    /// Keeps a non-empty cell; `false` once the cell limit is reached.
    fn push(&mut self, row: u32, col: u32, text: String) -> bool {
        if text.trim().is_empty() {
            return true;
        }
        if self.count >= MAX_CELLS {
            self.cut_at = Some(row + 1);
            return false;
        }
        self.count += 1;
        self.rows.entry(row).or_default().push((col, text));
        true
    }

    fn into_sheet(self, name: &str) -> Sheet {
        let mut notes = Vec::new();
        let line_count = self.rows.keys().next_back().map_or(0, |r| r + 1);
        if let Some(row) = self.cut_at {
            notes.push(RowNote::new(row, Note::SheetCut { max_cells: MAX_CELLS, row }));
        }
        // Every row as wide as the widest: a row whose last cells are empty is not short.
        let width = self
            .rows
            .values()
            .flat_map(|cells| cells.iter().map(|(col, _)| *col as usize + 1))
            .max()
            .unwrap_or(0);
        let mut grid = Grid::over(Default::default(), b'\t', line_count);
        let mut out: Vec<&str> = Vec::with_capacity(width);
        for (row, cells) in &self.rows {
            out.clear();
            out.resize(width, "");
            for (col, text) in cells {
                out[*col as usize] = text;
            }
            grid.push(row + 1, row + 1, out.iter().copied());
        }
        Sheet { name: name.to_owned(), grid, notes }
    }
}

fn text_of(value: &Data) -> String {
    match value {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => datetime_text(dt),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

fn text_of_ref(value: &DataRef) -> String {
    match value {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(dt) => datetime_text(dt),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// Largest integer an f64 holds exactly.
const EXACT_INTEGER: f64 = 9_007_199_254_740_992.0;

/// A number cell as text: whole numbers with every digit while exact, scientific notation once
/// digits are lost, otherwise the shortest text that reads back as the same f64.
pub(crate) fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    if f.fract() == 0.0 && f.abs() < EXACT_INTEGER {
        return format!("{}", f as i64);
    }
    if f.fract() == 0.0 {
        return format!("{f:E}");
    }
    format!("{f}")
}

/// A date-formatted cell as `YYYY-MM-DD HH:MM:SS`, a date or a time alone when that is all it is.
fn datetime_text(dt: &ExcelDateTime) -> String {
    let value = dt.as_f64();
    if dt.is_duration() || (0.0..1.0).contains(&value) {
        let seconds = (value.fract() * 86_400.0).round() as i64;
        let seconds = seconds.clamp(0, 86_399);
        return format!("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
    let (y, m, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
    let Some(date) = chrono::NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
    else {
        return number_text(value);
    };
    let Some(time) = chrono::NaiveTime::from_hms_opt(u32::from(h), u32::from(mi), u32::from(s))
    else {
        return number_text(value);
    };
    let mut stamp = date.and_time(time);
    if ms >= 500 {
        stamp += chrono::Duration::seconds(1);
    }
    if stamp.time() == chrono::NaiveTime::MIN && value.fract() == 0.0 {
        stamp.date().format("%Y-%m-%d").to_string()
    } else {
        stamp.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        let cases: &[(f64, &str)] = &[
            (268.0, "268"),
            (1580.5, "1580.5"),
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (309_140_500_101.0, "309140500101"),
            (898_440_358_120_014.0, "898440358120014"),
            (6_228_480_012_345_678_901.0, "6.228480012345679E18"),
            (-3.5, "-3.5"),
        ];
        for (value, text) in cases {
            assert_eq!(number_text(*value), *text, "{value}");
        }
    }

    proptest::proptest! {
        /// An amount Excel stores as a float (fen / 100, or a sum that picked up binary noise)
        /// reads back as exactly its fen through the printed text and the decimal parser.
        #[test]
        fn float_amounts_read_back_exactly(fen in -10_000_000_000i64..10_000_000_000, noise in 0u8..3) {
            use crate::cell::amount::{Unit, parse_amount};
            let mut value = fen as f64 / 100.0;
            for _ in 0..noise {
                value = value + 0.1 - 0.1;
            }
            let text = number_text(value);
            proptest::prop_assert_eq!(parse_amount(&text, Unit::Yuan), Ok(Some(fen)), "{}", text);
            // The same number in a 分 column, stored as a whole float.
            proptest::prop_assert_eq!(parse_amount(&number_text(fen as f64), Unit::Fen), Ok(Some(fen)));
        }
    }
}
