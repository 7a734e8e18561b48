//! The types every reader fills: a [`Table`] of [`RawRow`]s with its columns, an [`Ingested`]
//! file (the table and its `Input` accounting), and what a reader is told ([`Context`], with the
//! merchant's saved column mappings, [`MappingTemplate`]). A leaf of ingest.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::accounting::Input;
use crate::cell::amount::Unit;
use crate::cell::text::unwrap_cell;
use crate::model::{Field, Role};

/// One cell's text. Most cells (dates, amounts, terminal ids, codes) are at most 24 bytes and
/// are stored inline, so a row of a dozen cells costs one allocation (its `Vec`), not thirteen:
/// at a million rows per file the per-cell allocations were most of ingest's memory and time.
pub type Cell = compact_str::CompactString;

/// A data row as written in the file (decoded text, not yet typed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// 1-based line in the file.
    pub line: u32,
    /// Cells in column order.
    pub cells: Vec<Cell>,
}

/// The decoded table of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Which column index carries each field.
    pub columns: BTreeMap<Field, usize>,
    /// Candidate data rows below the header (totals, blanks and repeated headers already skipped).
    pub rows: Vec<RawRow>,
    /// Header cells as written (trimmed, spreadsheet wrappers removed); normalize reads units such
    /// as `(分)` from them.
    pub header: Vec<String>,
    /// Further columns carrying a money field already in `columns`, in header order: banks that
    /// write `交易金额(收入)` / `交易金额(支出)` beside `记账金额(收入)` / `记账金额(支出)` put the
    /// money in one pair and `-` in the other, row by row. Under [`Field::Time`]: further
    /// timestamp columns, best first, read when the chosen one is empty on a row
    /// (`header::time_alternates`).
    pub alternates: BTreeMap<Field, Vec<usize>>,
    /// Columns that together make a bank line's memo (摘要, 用途, 附言, 备注, ...), in reading order.
    pub memo_columns: Vec<usize>,
    /// Money columns whose unit the data decided (whole numbers under a header naming no unit);
    /// normalize prefers these over the header's word.
    pub units: BTreeMap<Field, Unit>,
    /// The date that fixes the year of dates written without one (`MMDD`): the file's period, a
    /// full date elsewhere in it, or the caller's today.
    pub reference_date: Option<chrono::NaiveDate>,
    /// The totals the file states about itself (合计 rows, summary lines), checked after
    /// normalize (`crate::totals`).
    pub totals: FileTotals,
    /// The merchant's saved mapping applied to this table, if one was: normalize reads the
    /// file's own status and type words through its `status_values` / `type_values` and
    /// previews what the mapping made of the rows (`Input.mapping_preview`).
    pub template: Option<MappingTemplate>,
}

impl Table {
    /// The cell of `row` in the column carrying `field`, if the file has that column.
    pub fn cell<'a>(&self, row: &'a RawRow, field: Field) -> Option<&'a str> {
        let col = *self.columns.get(&field)?;
        Some(row.cells.get(col).map_or("", Cell::as_str))
    }

    /// The cells of `row` in the memo columns that are not empty, each once, joined by ` / `.
    pub fn memo<'a>(&self, row: &'a RawRow) -> Option<String> {
        let mut parts: Vec<&'a str> = Vec::new();
        for &col in &self.memo_columns {
            let cell = row.cells.get(col).map_or("", |c| unwrap_cell(c));
            if !cell.is_empty() && !parts.contains(&cell) {
                parts.push(cell);
            }
        }
        (!parts.is_empty()).then(|| parts.join(" / "))
    }

    /// The header text of the column carrying `field`.
    pub fn header_of(&self, field: Field) -> Option<&str> {
        self.columns.get(&field).and_then(|&col| self.header.get(col)).map(String::as_str)
    }
}

/// Result of reading one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Ingested {
    /// Accounting so far; `normalize` completes it.
    pub input: Input,
    /// The table, when the file could be read as one.
    pub table: Table,
}

/// Saved column mappings are configuration the caller gives; they live in the config leaf.
pub use crate::config::MappingTemplate;

/// What a reader passes on to [`super::finish`].
pub(crate) struct Context<'a> {
    /// The role forced for this file, if any.
    pub role_override: Option<Role>,
    /// Saved column mappings.
    pub templates: &'a [MappingTemplate],
    /// Today, when the caller said.
    pub as_of: Option<NaiveDate>,
}

/// What a file states about itself, gathered while reading it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileTotals {
    /// Lines skipped as totals, trailers or totals comments, with their cells.
    pub rows: Vec<RawRow>,
    /// The totals found in them, not yet compared.
    pub(crate) pending: Vec<Pending>,
    /// Account and period from the preamble (`#账号：[...]`, `#起始日期：[...]`), which ties a
    /// summary file to its detail file.
    pub scope: Option<String>,
}

/// What a total counts in each row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Basis {
    /// One per row.
    Count,
    /// The money in a column.
    Column(usize),
    /// One per row whose `col` cell is `value`.
    CountWhere(usize, String),
    /// One per row whose `col` cell is not empty.
    CountFilled(usize),
    /// The money in `col` of rows whose `filter` cell is `value`.
    ColumnWhere(usize, usize, String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pending {
    pub(crate) line: u32,
    pub(crate) label: String,
    pub(crate) measure: &'static str,
    pub(crate) stated: i64,
    pub(crate) basis: Basis,
    /// Field of the column, whose unit normalize may decide later.
    pub(crate) field: Option<Field>,
    /// The basis over every candidate row of the table as written.
    pub(crate) sum: i64,
    /// A total row below another covers either every row or only the rows since that one
    /// (per-section 合计, 小计, 本页合计): the line it may start after, and whether it must.
    pub(crate) since: Option<(u32, bool)>,
    /// Cells with more than two decimals were seen: one fen of rounding per row.
    pub(crate) finer: bool,
}

impl Pending {
    /// A stated total, before the rows are added up.
    pub(crate) fn new(
        line: u32,
        label: &str,
        measure: &'static str,
        stated: i64,
        basis: Basis,
        field: Option<Field>,
    ) -> Self {
        let label = label.to_owned();
        Pending { line, label, measure, stated, basis, field, sum: 0, since: None, finer: false }
    }
}
