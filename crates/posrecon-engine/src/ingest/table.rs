//! The types every reader fills: a [`Table`] of [`RawRow`]s with its columns, an [`Ingested`]
//! file (the table and its `Input` accounting), and what a reader is told ([`Context`], with the
//! merchant's saved column mappings, [`MappingTemplate`]). A leaf of ingest.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::accounting::Input;
use crate::cell::amount::Unit;
use crate::cell::text::unwrap_cell;
use crate::model::{Field, Role};

/// One cell's text, owned: header cells, preamble records and the other few rows a reader looks
/// at on their own. Data rows are [`Cells`] ranges, not these.
pub type Cell = compact_str::CompactString;

/// Where one cell's text is: a byte range of the [`Cells`]' text, or of its arena when `start`
/// has [`IN_ARENA`] set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The range `start..end` of the text.
    pub(crate) fn of_text(start: usize, end: usize) -> Span {
        Span { start: start as u32, end: end as u32 }
    }

    /// `cell`, appended to `arena`.
    pub(crate) fn appended(arena: &mut String, cell: &str) -> Span {
        let start = arena.len();
        arena.push_str(cell);
        Span { start: start as u32 | IN_ARENA, end: arena.len() as u32 }
    }
}

/// Marks a [`Span`] into the arena. Texts are below 2 GiB: a file is at most
/// [`super::limits::MAX_FILE_BYTES`] (512 MiB), and decoding it at most doubles it.
const IN_ARENA: u32 = 1 << 31;

/// The cells of one table: ranges into one text rather than one string per cell.
///
/// `text` is the decoded file for delimited text, so a cell written as is (the common case) costs
/// its range and nothing else; a cell that had to be unquoted, unescaped, trimmed, cut out of a
/// fixed-width line, read from a spreadsheet or rewritten is appended to `arena`. At a million rows
/// of a dozen cells, one `CompactString` per cell and one `Vec` per row were most of reading's
/// memory (about 340 bytes a row) and its allocations; a range is 8 bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cells<'t> {
    text: Cow<'t, str>,
    arena: String,
    spans: Vec<Span>,
}

impl<'t> Cells<'t> {
    /// Cells over `text`, room for `spans` ranges.
    pub(crate) fn over(text: Cow<'t, str>, spans: usize) -> Cells<'t> {
        Cells { text, arena: String::new(), spans: Vec::with_capacity(spans) }
    }

    /// Cells from their parts: `spans` into `text` ([`Span::of_text`]) or `arena`
    /// ([`Span::appended`]).
    pub(crate) fn from_parts(text: Cow<'t, str>, arena: String, spans: Vec<Span>) -> Cells<'t> {
        debug_assert!(spans.iter().all(|&s| s.start & IN_ARENA != 0
            || (text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize))));
        Cells { text, arena, spans }
    }

    /// Gives cells that all have text of their own ([`Cells::push`]) the text they were read
    /// from.
    pub(crate) fn set_text(&mut self, text: Cow<'t, str>) {
        debug_assert!(self.spans.iter().all(|s| s.start & IN_ARENA != 0));
        self.text = text;
    }

    /// The text the cells are ranges of (the decoded file for text readers, else empty).
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// How many cells are stored: the index the next one gets.
    pub(crate) fn count(&self) -> u32 {
        self.spans.len() as u32
    }

    /// Adds a cell with its own text.
    pub(crate) fn push(&mut self, cell: &str) {
        let span = Span::appended(&mut self.arena, cell);
        self.spans.push(span);
    }

    /// Adds a row of cells with their own text; its first index and length.
    pub(crate) fn push_row<'s>(&mut self, cells: impl IntoIterator<Item = &'s str>) -> (u32, u32) {
        let first = self.count();
        for cell in cells {
            self.push(cell);
        }
        (first, self.count() - first)
    }

    /// Replaces the text of cell `index`.
    pub(crate) fn set(&mut self, index: u32, cell: &str) {
        self.spans[index as usize] = Span::appended(&mut self.arena, cell);
    }

    /// The `len` cells from `first`.
    pub(crate) fn row(&self, first: u32, len: u32) -> Row<'_> {
        Row { cells: self, spans: &self.spans[first as usize..(first + len) as usize] }
    }

    /// The text cells have of their own.
    #[cfg(test)]
    pub(crate) fn own_text(&self) -> &str {
        &self.arena
    }

    fn text_of(&self, span: Span) -> &str {
        if span.start & IN_ARENA == 0 {
            &self.text[span.start as usize..span.end as usize]
        } else {
            &self.arena[(span.start & !IN_ARENA) as usize..span.end as usize]
        }
    }
}

/// The cells of one row, in column order: a view into [`Cells`].
#[derive(Clone, Copy)]
pub struct Row<'a> {
    cells: &'a Cells<'a>,
    spans: &'a [Span],
}

impl<'a> Row<'a> {
    /// How many cells the row has.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the row has no cells.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Cell `col`, if the row has it.
    pub fn get(&self, col: usize) -> Option<&'a str> {
        let cells = self.cells;
        self.spans.get(col).map(|&span| cells.text_of(span))
    }

    /// The first cell, if any.
    pub fn first(&self) -> Option<&'a str> {
        self.get(0)
    }

    /// The cells in order.
    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = &'a str> + ExactSizeIterator + Clone + 'a {
        let cells = self.cells;
        self.spans.iter().map(move |&span| cells.text_of(span))
    }

    /// The cells from `col` on.
    pub fn skip(&self, col: usize) -> Row<'a> {
        Row { cells: self.cells, spans: self.spans.get(col..).unwrap_or(&[]) }
    }

    /// The first `len` cells.
    pub fn take(&self, len: usize) -> Row<'a> {
        Row { cells: self.cells, spans: &self.spans[..len.min(self.spans.len())] }
    }

    /// The cells as owned text.
    pub fn to_vec(&self) -> Vec<Cell> {
        self.iter().map(Cell::from).collect()
    }
}

impl std::fmt::Debug for Row<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A data row as written in the file (decoded text, not yet typed): its line and its cells in the
/// table's [`Cells`] ([`Table::row`] reads them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawRow {
    /// 1-based line in the file.
    pub line: u32,
    /// Index of its first cell.
    pub(crate) first: u32,
    /// How many cells it has.
    pub(crate) len: u32,
}

/// The decoded table of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table<'t> {
    /// The text of every row's cells (data, totals and footer rows).
    pub cells: Cells<'t>,
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

impl<'t> Table<'t> {
    /// The cells of `row`.
    pub fn row(&self, row: &RawRow) -> Row<'_> {
        self.cells.row(row.first, row.len)
    }

    /// Cell `col` of `row`, "" when the row is shorter.
    pub fn cell_at(&self, row: &RawRow, col: usize) -> &str {
        self.row(row).get(col).unwrap_or("")
    }

    /// The cell of `row` in the column carrying `field`, if the file has that column.
    pub fn cell(&self, row: &RawRow, field: Field) -> Option<&str> {
        let col = *self.columns.get(&field)?;
        Some(self.cell_at(row, col))
    }

    /// Replaces cell `col` of `row`, if the row has it.
    pub(crate) fn set_cell(&mut self, row: &RawRow, col: usize, cell: &str) {
        if col < row.len as usize {
            self.cells.set(row.first + col as u32, cell);
        }
    }

    /// The cells of `row` in the memo columns that are not empty, each once, joined by ` / `.
    pub fn memo(&self, row: &RawRow) -> Option<String> {
        let cells = self.row(row);
        let mut parts: Vec<&str> = Vec::new();
        for &col in &self.memo_columns {
            let cell = cells.get(col).map_or("", unwrap_cell);
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
pub struct Ingested<'t> {
    /// Accounting so far; `normalize` completes it.
    pub input: Input,
    /// The table, when the file could be read as one: its cells may be ranges of the bytes read.
    pub table: Table<'t>,
}

impl Ingested<'_> {
    /// The table with text of its own, for one read from bytes that do not outlive it (an
    /// archive's member).
    pub(crate) fn into_owned(self) -> Ingested<'static> {
        let Table {
            cells,
            columns,
            rows,
            header,
            alternates,
            memo_columns,
            units,
            reference_date,
            totals,
            template,
        } = self.table;
        let cells = Cells {
            text: Cow::Owned(cells.text.into_owned()),
            arena: cells.arena,
            spans: cells.spans,
        };
        let table = Table {
            cells,
            columns,
            rows,
            header,
            alternates,
            memo_columns,
            units,
            reference_date,
            totals,
            template,
        };
        Ingested { input: self.input, table }
    }
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
