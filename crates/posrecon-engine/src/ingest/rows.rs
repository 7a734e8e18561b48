//! The table below the header: which record is the header (or the header a known layout puts back
//! as line 0), and where every line below it goes: a data row, `skipped_rows` (blank lines,
//! totals, repeated headers, notes, footers) or `rejected_rows` (rows whose cells cannot be lined
//! up with the header). Every reader hands its records here ([`finish`]).

use std::collections::BTreeMap;

use super::complete::{self, signature};
use super::delimited::{self, Line};
use super::limits::RANGE_MIN_ROWS;
use super::table::{Cell, Context, Ingested, RawRow, Row, Table};
use super::{header, headerless, role};
use crate::accounting::{Input, RowNote, RowRange};
use crate::cell::amount::{Unit, parse_amount};
use crate::cell::text::unwrap_cell;
use crate::cell::time::parse_temporal;
use crate::message::{FileError, Note};
use crate::model::Field;

/// Records -> table, for every reader: finds the header, sorts each record below it into data,
/// skipped or rejected, assigns columns and the role. A line that no record covers is blank when
/// its text in the grid's text is (csv drops empty lines); a spreadsheet has no text, and a row
/// without cells is blank by construction.
pub(crate) fn finish<'t>(
    mut input: Input,
    mut grid: delimited::Grid<'t>,
    ctx: &Context,
) -> Ingested<'t> {
    let mut table = Table::default();
    let Some(header_idx) = locate_header(&mut input, &mut grid, ctx) else {
        input.fail(FileError::NoHeader { rows: header::HEADER_SEARCH_ROWS });
        offer_for_mapping(&mut input, &grid);
        return Ingested { input, table };
    };
    let head = Head::read(&grid, header_idx, &mut table, &mut input);
    let (covered, overflowing) = sort_rows(&mut grid, &head, &mut table, &mut input);
    let lines = delimited::PhysicalLines::new(grid.cells.text());
    let blank = |line: u32| lines.get(line).trim().is_empty();
    note_uncovered(&mut input, covered, head.last_line..=grid.line_count, &blank);
    // The rows are ranges of the grid's cells, which the table now keeps.
    table.cells = std::mem::take(&mut grid.cells);
    input.skipped_rows.sort_by_key(|n| n.line);
    assign_columns(&mut table, &head);
    for row in overflowing {
        let cells = table.row(&row);
        match align_overflow(cells, head.width, &table.columns, grid.delimiter) {
            Some(merged) => {
                let (first, len) = table.cells.push_row(merged.iter().map(Cell::as_str));
                table.rows.push(RawRow { line: row.line, first, len });
            }
            None => input.rejected_rows.push(RowNote::new(
                row.line,
                Note::CellCount { cells: cells.len(), width: head.width },
            )),
        }
    }
    table.rows.sort_by_key(|r| r.line);
    input.rejected_rows.sort_by_key(|n| n.line);
    let forced = complete::complete(&mut input, &mut table, &head.preamble, ctx);
    collapse_runs(&mut input);
    settle_role(&mut input, &table, ctx.role_override, forced);
    Ingested { input, table }
}

/// The header record's index; without one, a known layout recognised by its fields gets its
/// header back as line 0, so every line of the file is below it and accounted for.
fn locate_header(input: &mut Input, grid: &mut delimited::Grid, ctx: &Context) -> Option<usize> {
    find_header(grid, ctx).or_else(|| {
        let layout = headerless::detect(grid)?;
        let (first, len) = grid.cells.push_row(layout.header().iter().map(String::as_str));
        grid.records.insert(0, Line { line: 0, last_line: 0, first, len });
        let note = Note::NoHeaderLine { layout: layout.name.to_owned(), fields: layout.width() };
        input.warnings.push(RowNote::new(0, note));
        Some(0)
    })
}

/// Without a header, the first row of two or more cells is offered for mapping by hand.
fn offer_for_mapping(input: &mut Input, grid: &delimited::Grid) {
    let candidate = grid
        .records
        .iter()
        .map(|r| grid.row(r))
        .take(header::HEADER_SEARCH_ROWS)
        .find(|r| r.iter().filter(|c| !unwrap_cell(c).is_empty()).count() >= 2);
    if let Some(record) = candidate {
        let sig = signature(&record.to_vec());
        input.headers = record.iter().map(|c| unwrap_cell(c).to_owned()).collect();
        input.header_signature = (!sig.is_empty()).then_some(sig);
    }
}

/// What the header says about the rows below it.
struct Head {
    /// Last physical line of the header record.
    last_line: u32,
    /// The records above the header.
    preamble: Vec<Vec<Cell>>,
    /// The header's cells (merged with a second header row).
    cells: Vec<Cell>,
    /// The names columns are assigned by (qualified by group titles).
    named: Vec<String>,
    /// The header cells' keys.
    keys: Vec<String>,
    /// Columns up to the last named one.
    width: usize,
    /// The group titles above the header, as a row of text, when they qualify it.
    group_titles: Option<Vec<String>>,
    /// A second header row's lines, when there is one.
    sub_header: Option<(u32, u32)>,
    /// Index of the first record below the header.
    first_data: usize,
}

impl Head {
    fn read(grid: &delimited::Grid, idx: usize, table: &mut Table, input: &mut Input) -> Head {
        let records = &grid.records;
        let header_record = &records[idx];
        let header_cells = grid.row(header_record).to_vec();
        input.header_line = Some(header_record.line);
        // Preamble lines that count rows (微信 `收入：4笔 1111.00元`) are totals too. Their
        // cells are ranges of the grid's cells, which the table takes over.
        for r in records[..idx].iter().filter(|r| grid.row(r).iter().any(|c| c.contains('笔'))) {
            table.totals.rows.push(RawRow { line: r.line, first: r.first, len: r.len });
        }
        // A second header row (建设银行: 发生额 above, 借方 / 贷方 below) names the columns it
        // splits.
        let sub_header = records.get(idx + 1).and_then(|next| {
            header::merge_sub_header(&header_cells, &grid.row(next).to_vec())
                .map(|cells| ((next.line, next.last_line), cells))
        });
        let cells: Vec<Cell> =
            sub_header.as_ref().map_or_else(|| header_cells.clone(), |(_, c)| c.clone());
        // A row of group titles above the header (清算信息 over 日期 / 金额, 交易信息 over 日期 /
        // 金额) says what repeated sub-names mean; columns are assigned by the qualified names.
        let group_row = idx.checked_sub(1).map(|above| grid.row(&records[above]).to_vec());
        let grouped = group_row.as_ref().and_then(|above| header::qualify_by_groups(above, &cells));
        // The titles as a row of text, to know the group row again when a page repeats it.
        let group_titles =
            grouped.as_ref().and(group_row).map(|cells| row_text(cells.iter().map(Cell::as_str)));
        let (display, named) = grouped.unwrap_or_else(|| {
            (
                cells.iter().map(|c| unwrap_cell(c).to_owned()).collect(),
                cells.iter().map(Cell::to_string).collect(),
            )
        });
        table.header = display;
        input.headers = table.header.clone();
        let keys: Vec<String> = cells.iter().map(|c| header::key(c)).collect();
        // Trailing empty header cells come from a trailing delimiter; they are not columns.
        let width = keys.iter().rposition(|k| !k.is_empty()).map_or(0, |i| i + 1);
        let sub_lines = sub_header.map(|(lines, _)| lines);
        if let Some((line, _)) = sub_lines {
            input.skipped_rows.push(RowNote::new(line, Note::SecondHeaderRow));
        }
        Head {
            last_line: header_record.last_line,
            preamble: records[..idx].iter().map(|r| grid.row(r).to_vec()).collect(),
            cells,
            named,
            keys,
            width,
            group_titles,
            sub_header: sub_lines,
            first_data: idx + 1 + usize::from(sub_lines.is_some()),
        }
    }
}

/// Sorts every record below the header into data, totals, skipped or rejected rows; returns the
/// lines the records cover and the rows with more cells than the header (lined up later).
fn sort_rows(
    grid: &mut delimited::Grid,
    head: &Head,
    table: &mut Table,
    input: &mut Input,
) -> (Vec<(u32, u32)>, Vec<RawRow>) {
    let mut covered: Vec<(u32, u32)> = head.sub_header.into_iter().collect();
    let mut overflowing: Vec<RawRow> = Vec::new();
    let mut key_buffer = String::new();
    let mut rules = RowRules::new(&head.cells);
    // Below a rule line (`-----`) that closes the table, lines that do not line up with the header
    // are the export's footer (支付宝 `共4笔记录`, `已收入:2笔,152.50元`), not broken rows.
    let mut below_rule = false;
    // The rows move out of the grid: a million-row file is not held twice.
    table.rows.reserve(grid.records.len().saturating_sub(head.first_data));
    for record in std::mem::take(&mut grid.records).into_iter().skip(head.first_data) {
        covered.push((record.line, record.last_line));
        let line = record.line;
        let cells = grid.row(&record);
        let raw = RawRow { line, first: record.first, len: record.len };
        below_rule |= is_rule_line(cells);
        if let Some(reason) = rules.pre_skip(cells) {
            if super::totals::keeps(&reason, cells) {
                table.totals.rows.push(raw);
            }
            input.skipped_rows.push(RowNote::new(line, reason));
            continue;
        }
        if head.group_titles.as_ref().is_some_and(|titles| *titles == row_text(cells.iter())) {
            input.skipped_rows.push(RowNote::new(line, Note::RepeatedGroupTitle));
            continue;
        }
        match sort_row(cells, &head.keys, head.width, &mut key_buffer) {
            RowSort::Data(len) => table.rows.push(RawRow { len, ..raw }),
            RowSort::Total => {
                table.totals.rows.push(raw);
                input.skipped_rows.push(RowNote::new(line, Note::TotalRow));
            }
            RowSort::Overflow => overflowing.push(raw),
            RowSort::Skip(reason) => input.skipped_rows.push(RowNote::new(line, reason)),
            RowSort::Reject(_) if below_rule => {
                // A footer line may state the bill's totals (`已收入:2笔,152.50元`).
                if cells.iter().any(|c| c.contains('笔')) {
                    table.totals.rows.push(raw);
                }
                input.skipped_rows.push(RowNote::new(line, Note::FooterBelowTable));
            }
            RowSort::Reject(reason) => input.rejected_rows.push(RowNote::new(line, reason)),
        }
    }
    (covered, overflowing)
}

/// A rule line (`----------`) alone in its row.
fn is_rule_line(cells: Row) -> bool {
    let mut cells = cells.iter().map(unwrap_cell).filter(|c| !c.is_empty());
    matches!((cells.next(), cells.next()), (Some(only), None)
        if only.len() >= 10 && only.bytes().all(|b| b == b'-'))
}

/// csv drops empty lines; every physical line below the header (`after_header`, from the
/// header's last line) not inside a record is one.
fn note_uncovered(
    input: &mut Input,
    covered: Vec<(u32, u32)>,
    after_header: std::ops::RangeInclusive<u32>,
    blank: &dyn Fn(u32) -> bool,
) {
    let mut covered = covered.into_iter().peekable();
    let (header_last_line, line_count) = after_header.into_inner();
    for line in header_last_line + 1..=line_count {
        while covered.peek().is_some_and(|&(_, last)| last < line) {
            covered.next();
        }
        if covered.peek().is_some_and(|&(first, last)| (first..=last).contains(&line)) {
            continue;
        }
        let reason = if blank(line) {
            Note::BlankLine
        } else {
            // Not expected: csv only drops empty lines. Kept so nothing disappears silently.
            Note::LineUnreadable
        };
        input.skipped_rows.push(RowNote::new(line, reason));
    }
}

/// Which column carries which field, the memo columns and the alternates, from the header's
/// names and the data rows.
fn assign_columns(table: &mut Table, head: &Head) {
    let named = &head.named[..head.width];
    let data: Vec<Row> = table.rows.iter().map(|r| table.row(r)).collect();
    let columns = header::assign_columns(named, &data);
    let memo_columns = header::memo_columns(named);
    let mut alternates = header::money_alternates(named, &columns);
    let times = header::time_alternates(named, &data, &columns);
    if !times.is_empty() {
        alternates.insert(Field::Time, times);
    }
    table.columns = columns;
    table.memo_columns = memo_columns;
    table.alternates = alternates;
}

/// The file's role: the merchant's, else the one a saved mapping or known layout forces, else
/// the one its columns and data suggest (with any doubt); and `Input.columns`.
fn settle_role(
    input: &mut Input,
    table: &Table,
    role_override: Option<crate::model::Role>,
    forced: Option<(crate::model::Role, f64)>,
) {
    if role_override.is_none()
        && let Some((role, confidence)) = forced
    {
        input.role = Some(role);
        input.role_confidence = confidence;
    }
    let role_override = role_override.or(forced.map(|(role, _)| role));
    input.columns = table
        .columns
        .iter()
        .map(|(field, &col)| (field.as_str().to_owned(), table.header[col].clone()))
        .collect();
    let data: Vec<Row> = table.rows.iter().map(|r| table.row(r)).collect();
    if role_override.is_none()
        && let Some(detected) = role::detect_with_doubt(&table.header, &table.columns, &data)
    {
        input.role = Some(detected.role);
        input.role_confidence = detected.confidence;
        input.role_doubt = detected.doubt;
    }
}

/// A row's cells without spreadsheet wrappers or trailing empty cells, for comparing rows.
fn row_text<'s>(cells: impl Iterator<Item = &'s str>) -> Vec<String> {
    let mut text: Vec<String> = cells.map(|c| unwrap_cell(c).to_owned()).collect();
    while text.last().is_some_and(String::is_empty) {
        text.pop();
    }
    text
}

/// Where one record below the header goes.
enum RowSort {
    /// A data row, of its first this many cells (a trailing delimiter's empty cells dropped).
    Data(u32),
    /// More cells than the header: maybe an unquoted delimiter inside a text cell.
    Overflow,
    Skip(Note),
    /// A totals row, kept for [`super::totals`] and skipped as "total row".
    Total,
    Reject(Note),
}

/// Words that mark a totals row in any cell.
const TOTAL_WORDS: [&str; 6] = ["合计", "总计", "小计", "总笔数", "总金额", "总交易"];

/// Whether a cell may hold one of [`TOTAL_WORDS`]: each has `计` or `总`, and a character is
/// found far faster than six words are searched for in every Chinese cell of every row. One walk
/// over the characters: `contains` with a three-byte character runs a substring search (a
/// `memcmp` per position), twice, on every Chinese cell of a million rows.
fn may_hold_total_word(cell: &str) -> bool {
    cell.chars().any(|c| matches!(c, '计' | '总'))
}

/// Sorts one record. Runs once per line of the file, so it allocates nothing: header keys are
/// built in the caller's `key_buffer`.
fn sort_row(cells: Row, header_keys: &[String], width: usize, key_buffer: &mut String) -> RowSort {
    let non_empty = || cells.iter().map(unwrap_cell).filter(|c| !c.is_empty());
    if non_empty().next().is_none() {
        let reason = if cells.len() <= 1 { Note::BlankLine } else { Note::EmptyRow };
        return RowSort::Skip(reason);
    }
    // The English words are ASCII, so an ASCII case-insensitive prefix is the same test as
    // lowercasing the cell first, without allocating; the Chinese words need a non-ASCII cell.
    let starts_with_word = |c: &str, w: &str| {
        c.as_bytes().get(..w.len()).is_some_and(|prefix| prefix.eq_ignore_ascii_case(w.as_bytes()))
    };
    let is_total = non_empty().any(|c| {
        (!c.is_ascii() && may_hold_total_word(c) && TOTAL_WORDS.iter().any(|w| c.contains(w)))
            || ["total", "subtotal", "grand total"].iter().any(|w| starts_with_word(c, w))
    });
    if is_total {
        return RowSort::Total;
    }
    let same_as_header = cells
        .iter()
        .zip(header_keys)
        .filter(|(cell, key)| !key.is_empty() && header::is_key(cell, key, key_buffer))
        .count();
    let header_names = header_keys.iter().filter(|k| !k.is_empty()).count();
    if same_as_header >= 2 && same_as_header * 2 >= header_names {
        return RowSort::Skip(Note::RepeatedHeader);
    }
    if is_note(cells) {
        // A footnote under or inside the table ("以上数据仅供参考，具体内容请以柜台为准",
        // "制表人：…", "第 2 页"), as a merged cell exports it (padded to the header's width) or as
        // one cell: text in one cell and nothing else is not a transaction.
        return RowSort::Skip(Note::NoteLine);
    }
    if cells.len() == width {
        return RowSort::Data(width as u32);
    }
    if cells.len() > width && cells.skip(width).iter().all(|c| c.trim().is_empty()) {
        // A trailing delimiter: the extra cells are empty, the row lines up.
        return RowSort::Data(width as u32);
    }
    if cells.len() > width {
        return RowSort::Overflow;
    }
    RowSort::Reject(Note::CellCount { cells: cells.len(), width })
}

/// Whether a row is a note: one or two non-empty cells (`说明` beside its text), each holding
/// words that are neither a number nor a date. A transaction always has an amount, and a lone
/// amount or date is a damaged row, rejected as such further on.
fn is_note(cells: Row) -> bool {
    let mut non_empty = cells.iter().map(unwrap_cell).filter(|c| !c.is_empty());
    let words: Vec<&str> = non_empty.by_ref().take(3).collect();
    if words.is_empty() || words.len() > 2 {
        return false;
    }
    words.iter().all(|cell| {
        let wordy = !cell.is_ascii() || cell.chars().filter(char::is_ascii_alphabetic).count() > 3;
        wordy && parse_temporal(cell).is_none() && parse_amount(cell, Unit::Yuan).is_err()
    })
}

/// Lines up a row that has more cells than the header.
///
/// Exporters rarely quote, so a message such as `交易超时,请查询` or an amount such as `1,234.00`
/// in a comma-separated file splits into two cells. The extra cells are put back into one column
/// that can hold the delimiter: a free-text column (应答信息, 状态, or one the engine does not
/// read) or, for commas, a money column. Placements are tried from the right, and one is kept only
/// if every money, time, code and identifier column then reads as such. If no placement fits, the
/// row is rejected.
fn align_overflow(
    cells: Row,
    width: usize,
    columns: &BTreeMap<Field, usize>,
    delimiter: u8,
) -> Option<Vec<Cell>> {
    let extra = cells.len().checked_sub(width)?;
    let field_at: BTreeMap<usize, Field> = columns.iter().map(|(f, c)| (*c, *f)).collect();
    let free_text = |col: &usize| match field_at.get(col) {
        None | Some(Field::ResponseText | Field::Status | Field::Counterparty | Field::Memo) => {
            true
        }
        Some(Field::Amount | Field::Fee | Field::Net | Field::Debit | Field::Credit) => {
            delimiter == b','
        }
        Some(_) => false,
    };
    let joiner = char::from(delimiter).to_string();
    (0..width).rev().filter(free_text).find_map(|col| {
        let mut merged = cells.take(col).to_vec();
        let spread: Vec<&str> = cells.skip(col).take(extra + 1).iter().collect();
        merged.push(Cell::from(spread.join(&joiner)));
        merged.extend(cells.skip(col + extra + 1).iter().map(Cell::from));
        plausible(&merged, columns).then_some(merged)
    })
}

/// Whether the money, time, code and identifier columns of a row read as such.
fn plausible(cells: &[Cell], columns: &BTreeMap<Field, usize>) -> bool {
    columns.iter().all(|(field, &col)| {
        let cell = cells.get(col).map_or("", |c| unwrap_cell(c));
        match field {
            Field::ResponseCode => {
                cell.len() <= 4 && cell.bytes().all(|b| b.is_ascii_alphanumeric())
            }
            Field::MerchantId
            | Field::TerminalId
            | Field::BatchNo
            | Field::Stan
            | Field::Rrn
            | Field::OrigRrn
            | Field::OrigStan
            | Field::PayOrderId
            | Field::AuthCode
            | Field::Card => cell.len() <= 40 && !cell.contains(['.', ',', ' ']),
            Field::Amount => matches!(parse_amount(cell, Unit::Yuan), Ok(Some(_))),
            Field::Fee | Field::Net | Field::Debit | Field::Credit => {
                parse_amount(cell, Unit::Yuan).is_ok()
            }
            Field::Time | Field::Date | Field::TimeOfDay | Field::SettlementDate => {
                cell.is_empty() || parse_temporal(cell).is_some()
            }
            _ => true,
        }
    })
}

/// The header row: a row whose signature a saved mapping names, else the best-scoring row.
pub(crate) fn find_header(grid: &delimited::Grid, ctx: &Context) -> Option<usize> {
    if !ctx.templates.is_empty() {
        let saved = grid.records.iter().take(header::HEADER_SEARCH_ROWS).position(|r| {
            let sig = signature(&grid.row(r).to_vec());
            !sig.is_empty() && ctx.templates.iter().any(|t| t.header_signature == sig)
        });
        if saved.is_some() {
            return saved;
        }
    }
    header::find_header(grid)
}

/// Row rules that need to know the rows before: comment lines, the values row under a totals
/// header, rows of other record types.
pub(crate) struct RowRules {
    /// The header's first cell, when it is a record-type column (乐刷 `BT`).
    record_type: bool,
    /// Cell count of the last totals header row (`总交易单数,应结订单总金额,...`), if the last
    /// row was one.
    after_totals_header: Option<usize>,
}

impl RowRules {
    pub(crate) fn new(header: &[Cell]) -> RowRules {
        let first = header.first().map_or("", |c| unwrap_cell(c));
        RowRules { record_type: super::record_type::is_title(first), after_totals_header: None }
    }

    /// Why a row is skipped before any other rule looks at it, if it is.
    pub(crate) fn pre_skip(&mut self, cells: Row) -> Option<Note> {
        let after_totals = self.after_totals_header.take();
        // Runs for every row: the non-empty cells are walked, never collected.
        let non_empty = || cells.iter().map(unwrap_cell).filter(|c| !c.is_empty());
        if non_empty().next().is_some_and(|first| first.starts_with('#')) {
            return Some(Note::CommentLine);
        }
        if self.record_type
            && let Some(reason) = super::record_type::skip_reason(cells)
        {
            return Some(reason);
        }
        let two_or_more = || non_empty().nth(1).is_some();
        if let Some(width) = after_totals
            && two_or_more()
            && cells.len() <= width + 1
            && non_empty().all(looks_numeric)
        {
            return Some(Note::TotalRow);
        }
        let is_totals_header = non_empty().any(|c| {
            !c.is_ascii()
                && may_hold_total_word(c)
                && (c.contains('总') || (c.contains('计') && c.contains("合计")))
        }) && two_or_more()
            && non_empty().all(|c| !looks_numeric(c));
        if is_totals_header {
            self.after_totals_header = Some(cells.len());
        }
        None
    }
}

/// A number as a totals row writes it: `3`, `¥536.00`, `1,234.50`, `-3.22`.
fn looks_numeric(cell: &str) -> bool {
    let s = cell.trim_start_matches(['¥', '￥', '-', '+']);
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%'))
}

/// Notes runs of at least [`RANGE_MIN_ROWS`] consecutive blank rows once, as a range.
pub(crate) fn collapse_runs(input: &mut Input) {
    let notes = std::mem::take(&mut input.skipped_rows);
    let blank = |n: &RowNote| n.note.is_blank();
    let mut kept = Vec::with_capacity(notes.len());
    let mut i = 0;
    while i < notes.len() {
        let mut j = i + 1;
        if blank(&notes[i]) {
            while j < notes.len() && blank(&notes[j]) && notes[j].line == notes[j - 1].line + 1 {
                j += 1;
            }
        }
        if j - i >= RANGE_MIN_ROWS {
            let rows = (j - i) as u32;
            input.skipped_ranges.push(RowRange::new(
                notes[i].line,
                notes[j - 1].line,
                Note::BlankRows { rows },
            ));
        } else {
            kept.extend(notes[i..j].iter().cloned());
        }
        i = j;
    }
    input.skipped_rows = kept;
}
