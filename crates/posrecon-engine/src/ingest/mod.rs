//! Stage 1: bytes -> a decoded table with its header, column roles and file role.
//!
//! Reading a merchant's statement is mostly about the mess around the data: encodings (GBK or
//! UTF-8 with a BOM), delimiters, a preamble above the header, totals and repeated headers inside
//! the table, and column names that differ by exporter. Each concern has its own module:
//!
//! - `decode`: bytes -> text (BOM, UTF-8, GB18030), refusing binary files with a clear reason;
//! - `delimited`: text -> records with physical line numbers (csv crate plus delimiter sniffing);
//! - `header`: which row is the header, and which column carries which [`Field`];
//! - `role`: terminal log, acquirer statement, bank statement, order list or wallet bill;
//! - `headerless`: known layouts delivered without a header line (扫呗's API file), recognised by
//!   their field count and field shapes; the header they would have is put back as line 0.
//!
//! Ingest never fails wholesale. A file it cannot read at all still yields an [`Input`] whose
//! `error` says why in one line; inside a readable table, every line below the header ends up in
//! exactly one place: a [`RawRow`] for normalize, `skipped_rows` (blank lines, totals, repeated
//! headers) or `rejected_rows` (rows whose cells cannot be lined up with the header). A record
//! whose quoted cell spans several lines counts once, at its first line.
//!
//! Every format has its own reader producing the same records-with-line-numbers, after which
//! header, role and row accounting apply unchanged ([`finish`]): `delimited` for text tables,
//! `fixed_width` for column-aligned text (银联-style), `record_type` for 乐刷's BT/BV lines,
//! `sheet` for xlsx and xls workbooks (one table per sheet, line = spreadsheet row), `archive` for
//! ZIP files (one table per member, named `archive.zip/member.csv`). `read` picks the reader from
//! the file's first bytes, applies saved column mappings and known layouts (`dialect`), and holds
//! the size limits.

mod archive;
mod decode;
mod delimited;
mod dialect;
mod fixed_width;
mod header;
mod headerless;
mod limits;
mod ole2;
mod read;
mod record_type;
mod role;
mod sheet;

pub(crate) use dialect::card_bill;
pub(crate) use header::key as header_key;
pub use limits::{MAX_ARCHIVE_MEMBERS, MAX_CELLS, MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES};
pub(crate) use read::read_hashed;
pub use read::{MappingTemplate, ReadOptions, read};

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::message::{FileError, Note};
pub use crate::model::Field;
use crate::model::Role;
use crate::normalize::amount::{Unit, parse_amount};
use crate::normalize::text::unwrap_cell;
use crate::normalize::time::parse_temporal;
use crate::report::{Input, RowNote};

/// A data row as written in the file (decoded text, not yet typed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// 1-based line in the file.
    pub line: u32,
    /// Cells in column order.
    pub cells: Vec<String>,
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
    /// ([`header::time_alternates`]).
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
    /// normalize ([`crate::totals`]).
    pub totals: crate::totals::FileTotals,
}

impl Table {
    /// The cell of `row` in the column carrying `field`, if the file has that column.
    pub fn cell<'a>(&self, row: &'a RawRow, field: Field) -> Option<&'a str> {
        let col = *self.columns.get(&field)?;
        Some(row.cells.get(col).map_or("", String::as_str))
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

/// Reads one file with default options and keeps its first table (a CSV or TXT file has one; a
/// workbook or archive may have more: [`read`] returns them all). Never fails: an unreadable file
/// gets an `Input` with `error` set.
pub fn run(name: &str, bytes: &[u8], role_override: Option<Role>) -> Ingested {
    let roles: BTreeMap<String, Role> =
        role_override.map(|role| (name.to_owned(), role)).into_iter().collect();
    let options = ReadOptions { role_overrides: Some(&roles), ..ReadOptions::default() };
    read(name, bytes, &options).swap_remove(0)
}

/// Records -> table, for every reader: finds the header, sorts each record below it into data,
/// skipped or rejected, assigns columns and the role. `blank(line)` says whether a line that no
/// record covers is blank (csv drops empty lines; a spreadsheet row without cells is one).
pub(crate) fn finish(
    mut input: Input,
    mut grid: delimited::Grid,
    blank: &dyn Fn(u32) -> bool,
    ctx: &read::Context,
) -> Ingested {
    let role_override = ctx.role_override;
    let mut table = Table::default();
    let found = read::find_header(&grid.records, ctx).or_else(|| {
        // No header line: a known layout recognised by its fields gets its header back, as
        // line 0, so every line of the file is below it and accounted for.
        let layout = headerless::detect(&grid.records)?;
        let header = delimited::Line { line: 0, last_line: 0, cells: layout.header() };
        grid.records.insert(0, header);
        let note = Note::NoHeaderLine { layout: layout.name.to_owned(), fields: layout.width() };
        input.warnings.push(RowNote::new(0, note));
        Some(0)
    });
    let Some(header_idx) = found else {
        input.fail(FileError::NoHeader { rows: header::HEADER_SEARCH_ROWS });
        // The first row of two or more cells is offered for mapping by hand.
        let candidate = grid
            .records
            .iter()
            .take(header::HEADER_SEARCH_ROWS)
            .find(|r| r.cells.iter().filter(|c| !unwrap_cell(c).is_empty()).count() >= 2);
        if let Some(record) = candidate {
            let sig = read::signature(&record.cells);
            input.headers = record.cells.iter().map(|c| unwrap_cell(c).to_owned()).collect();
            input.header_signature = (!sig.is_empty()).then_some(sig);
        }
        return Ingested { input, table };
    };
    let header_record = &grid.records[header_idx];
    let header_last_line = header_record.last_line;
    input.header_line = Some(header_record.line);
    let preamble: Vec<Vec<String>> =
        grid.records[..header_idx].iter().map(|r| r.cells.clone()).collect();
    // Preamble lines that count rows (微信 `收入：4笔 1111.00元`) are totals too.
    for r in grid.records[..header_idx].iter().filter(|r| r.cells.iter().any(|c| c.contains('笔')))
    {
        table.totals.rows.push(RawRow { line: r.line, cells: r.cells.clone() });
    }
    // A second header row (建设银行: 发生额 above, 借方 / 贷方 below) names the columns it splits.
    let sub_header = grid.records.get(header_idx + 1).and_then(|next| {
        header::merge_sub_header(&header_record.cells, &next.cells)
            .map(|cells| ((next.line, next.last_line), cells))
    });
    let header_cells: Vec<String> =
        sub_header.as_ref().map_or_else(|| header_record.cells.clone(), |(_, c)| c.clone());
    // A row of group titles above the header (清算信息 over 日期 / 金额, 交易信息 over 日期 /
    // 金额) says what repeated sub-names mean; columns are assigned by the qualified names.
    let group_row = header_idx.checked_sub(1).map(|above| &grid.records[above].cells);
    let grouped = group_row.and_then(|above| header::qualify_by_groups(above, &header_cells));
    // The titles as a row of text, to know the group row again when a page repeats it.
    let group_titles: Option<Vec<String>> =
        grouped.as_ref().and(group_row).map(|cells| row_text(cells));
    let (display, named_cells) = match grouped {
        Some((display, named)) => (display, named),
        None => {
            (header_cells.iter().map(|c| unwrap_cell(c).to_owned()).collect(), header_cells.clone())
        }
    };
    table.header = display;
    input.headers = table.header.clone();
    let header_keys: Vec<String> = header_cells.iter().map(|c| header::key(c)).collect();
    // Trailing empty header cells come from a trailing delimiter; they are not columns.
    let width = header_keys.iter().rposition(|k| !k.is_empty()).map_or(0, |i| i + 1);

    let mut covered: Vec<(u32, u32)> = Vec::new();
    let mut overflowing: Vec<RawRow> = Vec::new();
    let mut first_data = header_idx + 1;
    if let Some(((line, last_line), _)) = sub_header {
        covered.push((line, last_line));
        input.skipped_rows.push(RowNote::new(line, Note::SecondHeaderRow));
        first_data += 1;
    }
    // The rows move out of the grid: a million-row file is not held twice.
    let mut key_buffer = String::new();
    let mut rules = read::RowRules::new(&header_cells);
    // Below a rule line (`-----`) that closes the table, lines that do not line up with the header
    // are the export's footer (支付宝 `共4笔记录`, `已收入:2笔,152.50元`), not broken rows.
    let mut below_rule = false;
    for record in std::mem::take(&mut grid.records).into_iter().skip(first_data) {
        covered.push((record.line, record.last_line));
        let line = record.line;
        let mut cells = record.cells.iter().map(|c| unwrap_cell(c)).filter(|c| !c.is_empty());
        if let (Some(only), None) = (cells.next(), cells.next())
            && only.len() >= 10
            && only.bytes().all(|b| b == b'-')
        {
            below_rule = true;
        }
        if let Some(reason) = rules.pre_skip(&record.cells) {
            if crate::totals::keeps(&reason, &record.cells) {
                table.totals.rows.push(RawRow { line, cells: record.cells });
            }
            input.skipped_rows.push(RowNote::new(line, reason));
            continue;
        }
        if group_titles.as_ref().is_some_and(|titles| *titles == row_text(&record.cells)) {
            input.skipped_rows.push(RowNote::new(line, Note::RepeatedGroupTitle));
            continue;
        }
        // A footer line may state the bill's totals (`已收入:2笔,152.50元`).
        let footer = below_rule.then(|| record.cells.clone());
        match sort_row(record.cells, &header_keys, width, &mut key_buffer) {
            RowSort::Data(cells) => table.rows.push(RawRow { line, cells }),
            RowSort::Total(cells) => {
                table.totals.rows.push(RawRow { line, cells });
                input.skipped_rows.push(RowNote::new(line, Note::TotalRow));
            }
            RowSort::Overflow(cells) => overflowing.push(RawRow { line, cells }),
            RowSort::Skip(reason) => input.skipped_rows.push(RowNote::new(line, reason)),
            RowSort::Reject(_) if below_rule => {
                if let Some(cells) = footer.filter(|c| c.iter().any(|c| c.contains('笔'))) {
                    table.totals.rows.push(RawRow { line, cells });
                }
                input.skipped_rows.push(RowNote::new(line, Note::FooterBelowTable));
            }
            RowSort::Reject(reason) => input.rejected_rows.push(RowNote::new(line, reason)),
        }
    }
    // csv drops empty lines; every physical line below the header not inside a record is one.
    let mut covered = covered.into_iter().peekable();
    for line in header_last_line + 1..=grid.line_count {
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
    input.skipped_rows.sort_by_key(|n| n.line);

    let data: Vec<&[String]> = table.rows.iter().map(|r| r.cells.as_slice()).collect();
    table.columns = header::assign_columns(&named_cells[..width], &data);
    table.memo_columns = header::memo_columns(&named_cells[..width]);
    table.alternates = header::money_alternates(&named_cells[..width], &table.columns);
    let times = header::time_alternates(&named_cells[..width], &data, &table.columns);
    if !times.is_empty() {
        table.alternates.insert(Field::Time, times);
    }
    for row in overflowing {
        match align_overflow(&row.cells, width, &table.columns, grid.delimiter) {
            Some(cells) => table.rows.push(RawRow { line: row.line, cells }),
            None => input
                .rejected_rows
                .push(RowNote::new(row.line, Note::CellCount { cells: row.cells.len(), width })),
        }
    }
    table.rows.sort_by_key(|r| r.line);
    input.rejected_rows.sort_by_key(|n| n.line);
    let forced = read::complete(&mut input, &mut table, &preamble, ctx);
    if role_override.is_none()
        && let Some((role, confidence)) = forced
    {
        input.role = Some(role);
        input.role_confidence = confidence;
    }
    let role_override = role_override.or(forced.map(|(role, _)| role));
    read::collapse_runs(&mut input);
    let data: Vec<&[String]> = table.rows.iter().map(|r| r.cells.as_slice()).collect();
    input.columns = table
        .columns
        .iter()
        .map(|(field, &col)| (field.as_str().to_owned(), table.header[col].clone()))
        .collect();
    if role_override.is_none()
        && let Some(detected) = role::detect_with_doubt(&table.header, &table.columns, &data)
    {
        input.role = Some(detected.role);
        input.role_confidence = detected.confidence;
        input.role_doubt = detected.doubt;
    }
    Ingested { input, table }
}

/// A row's cells without spreadsheet wrappers or trailing empty cells, for comparing rows.
fn row_text(cells: &[String]) -> Vec<String> {
    let mut text: Vec<String> = cells.iter().map(|c| unwrap_cell(c).to_owned()).collect();
    while text.last().is_some_and(String::is_empty) {
        text.pop();
    }
    text
}

/// Where one record below the header goes.
enum RowSort {
    Data(Vec<String>),
    /// More cells than the header: maybe an unquoted delimiter inside a text cell.
    Overflow(Vec<String>),
    Skip(Note),
    /// A totals row, kept for [`crate::totals`] and skipped as "total row".
    Total(Vec<String>),
    Reject(Note),
}

/// Words that mark a totals row in any cell.
const TOTAL_WORDS: [&str; 6] = ["合计", "总计", "小计", "总笔数", "总金额", "总交易"];

/// Sorts one record. Runs once per line of the file, so it allocates nothing for an ordinary data
/// row: the cells move into the result and header keys are built in the caller's `key_buffer`.
fn sort_row(
    mut cells: Vec<String>,
    header_keys: &[String],
    width: usize,
    key_buffer: &mut String,
) -> RowSort {
    let non_empty = || cells.iter().map(|c| unwrap_cell(c)).filter(|c| !c.is_empty());
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
        (!c.is_ascii() && TOTAL_WORDS.iter().any(|w| c.contains(w)))
            || ["total", "subtotal", "grand total"].iter().any(|w| starts_with_word(c, w))
    });
    if is_total {
        return RowSort::Total(cells);
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
    if is_note(&cells) {
        // A footnote under or inside the table ("以上数据仅供参考，具体内容请以柜台为准",
        // "制表人：…", "第 2 页"), as a merged cell exports it (padded to the header's width) or as
        // one cell: text in one cell and nothing else is not a transaction.
        return RowSort::Skip(Note::NoteLine);
    }
    if cells.len() == width {
        return RowSort::Data(cells);
    }
    if cells.len() > width && cells[width..].iter().all(|c| c.trim().is_empty()) {
        // A trailing delimiter: the extra cells are empty, the row lines up.
        cells.truncate(width);
        return RowSort::Data(cells);
    }
    if cells.len() > width {
        return RowSort::Overflow(cells);
    }
    RowSort::Reject(Note::CellCount { cells: cells.len(), width })
}

/// Whether a row is a note: one or two non-empty cells (`说明` beside its text), each holding
/// words that are neither a number nor a date. A transaction always has an amount, and a lone
/// amount or date is a damaged row, rejected as such further on.
fn is_note(cells: &[String]) -> bool {
    let mut non_empty = cells.iter().map(|c| unwrap_cell(c)).filter(|c| !c.is_empty());
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
    cells: &[String],
    width: usize,
    columns: &BTreeMap<Field, usize>,
    delimiter: u8,
) -> Option<Vec<String>> {
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
        let mut merged = cells[..col].to_vec();
        merged.push(cells[col..=col + extra].join(&joiner));
        merged.extend_from_slice(&cells[col + extra + 1..]);
        plausible(&merged, columns).then_some(merged)
    })
}

/// Whether the money, time, code and identifier columns of a row read as such.
fn plausible(cells: &[String], columns: &BTreeMap<Field, usize>) -> bool {
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

/// Hex SHA-256 of a file's bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::normalize::tests::{Enc, check, render};

    #[test]
    fn tab_separated_gbk_txt_with_blank_line_and_bad_amount() {
        let text = "终端流水查询\r\n终端号:30000001\t导出日期:2026-05-12\r\n\r\n\
交易日期\t交易时间\t终端号\t批次号\t流水号\t检索参考号\t卡号\t交易类型\t金额(元)\t响应码\t交易结果\r\n\
2026/05/11\t09:01:02\t30000001\t000005\t000011\t605110000011\t6228480012345678901\t消费\t¥1,200.00\t00\t成功\r\n\
2026/05/11\t11:20:40\t30000001\t000005\t000012\t\t621483******4321\t消费\t88.80\t\t通讯失败\r\n\
\r\n\
2026/05/11\t12:00:00\t30000001\t000005\t000013\t605110000013\t621483******4322\t消费\t12,3x\t00\t成功\r\n\
合计\t\t\t\t\t\t\t\t1,308.80\t\t\r\n";
        check(
            "pos_log.txt",
            text,
            Enc::Gbk,
            expect![[r#"
                pos_log.txt format=txt encoding=gb18030 role=terminal_log (0.95) header_line=4
                columns: amount=金额(元) batch_no=批次号 card=卡号 date=交易日期 response_code=响应码 response_text=交易结果 rrn=检索参考号 stan=流水号 terminal_id=终端号 time_of_day=交易时间 type=交易类型
                coverage: 2026-05-11 09:01:02 .. 2026-05-11 11:20:40
                L5 2026-05-11 09:01:02 Sale 120000 Approved tid="30000001" batch="000005" stan="000011" rrn="605110000011" card="622848*********8901" code="00" text="成功"
                L6 2026-05-11 11:20:40 Sale 8880 Unknown tid="30000001" batch="000005" stan="000012" card="621483******4321" code="" text="通讯失败"
                warn L9: 合计 金额(元) states 1,308.80 元, the rows read give 1,288.80 元; they differ by 20.00 元
                skip L7: blank line
                skip L9: total row
                reject L8: amount '12,3x' is not a number
            "#]],
        );
    }

    #[test]
    fn delimiters_and_line_breaks() {
        // The same table with each delimiter and line break reads the same two records.
        let table = [
            ["交易时间", "终端号", "交易金额", "应答码"],
            ["2026-11-09 10:02:11", "10086602", "268.00", "00"],
            ["2026-11-09 10:05:40", "10086602", "12.50", "98"],
        ];
        let expected = expect![[r#"
            L2 2026-11-09 10:02:11 Sale 26800 Approved tid="10086602" code="00"
            L3 2026-11-09 10:05:40 Sale 1250 Unknown tid="10086602" code="98"
        "#]];
        for delimiter in [",", "\t", "|", ";"] {
            for line_break in ["\n", "\r\n"] {
                let text: String =
                    table.iter().map(|row| row.join(delimiter) + line_break).collect();
                let rendered = render("t.csv", &text, Enc::Utf8, None, 0);
                let records: String = rendered
                    .lines()
                    .filter(|l| l.starts_with('L'))
                    .map(|l| format!("{l}\n"))
                    .collect();
                expected.assert_eq(&records);
            }
        }
    }

    #[test]
    fn utf16_with_bom() {
        let text = "交易时间\t交易金额\t应答码\r\n2026-11-09 10:02:11\t268.00\t00\r\n";
        check(
            "u16.txt",
            text,
            Enc::Utf16LeBom,
            expect![[r#"
            u16.txt format=txt encoding=utf-16le role=terminal_log (0.48) header_line=1
            columns: amount=交易金额 response_code=应答码 time=交易时间
            coverage: 2026-11-09 10:02:11 .. 2026-11-09 10:02:11
            L2 2026-11-09 10:02:11 Sale 26800 Approved code="00"
        "#]],
        );
    }

    #[test]
    fn every_line_below_the_header_is_accounted_for() {
        let text = "\
交易时间,终端号,交易金额,应答码,应答信息

2026-11-09 10:02:11,10086602,268.00,00,交易成功
,,,,
   
交易时间,终端号,交易金额,应答码,应答信息
2026-11-09 10:05:40,10086602,12.50,,\"交易超时
请查询\"
2026-11-09 10:06:40,10086602,13.50,,交易超时,请查询
2026-11-09 10:07:40,10086602,14.50,00
2026-11-09 10:08:40,10086602,15.50,00,交易成功,
第 1 页 共 1 页
小计,,41.50,,
Total,,41.50,,
2026-11-09 10:09:40,10086602,16.50,00,交易成功,x,y
2026-11-09 10:10:40,10086602,1,234.00,00,交易成功
2026-11-09 10:11:40,10086602,abc,def,00,交易成功
";
        expect![[r#"
            log.csv format=csv encoding=utf-8 role=terminal_log (0.95) header_line=1
            columns: amount=交易金额 response_code=应答码 response_text=应答信息 terminal_id=终端号 time=交易时间
            coverage: 2026-11-09 10:02:11 .. 2026-11-09 10:10:40
            L3 2026-11-09 10:02:11 Sale 26800 Approved tid="10086602" code="00" text="交易成功"
            L7 2026-11-09 10:05:40 Sale 1250 Unknown tid="10086602" code="" text="交易超时\n请查询"
            L9 2026-11-09 10:06:40 Sale 1350 Unknown tid="10086602" code="" text="交易超时,请查询"
            L11 2026-11-09 10:08:40 Sale 1550 Approved tid="10086602" code="00" text="交易成功"
            L15 2026-11-09 10:09:40 Sale 1650 Approved tid="10086602" code="00" text="交易成功,x,y"
            L16 2026-11-09 10:10:40 Sale 123400 Approved tid="10086602" code="00" text="交易成功"
            warn L13: 小计 交易金额 states 41.50 元, the rows read give 309.50 元; they differ by -268.00 元
            warn L14: Total 交易金额 states 41.50 元, the rows read give 1,560.00 元; they differ by -1,518.50 元
            skip L2: blank line
            skip L4: empty row
            skip L5: blank line
            skip L6: repeated header row
            skip L12: note line
            skip L13: total row
            skip L14: total row
            reject L10: line has 4 cells but the header has 5; cannot line them up
            reject L17: line has 6 cells but the header has 5; cannot line them up
        "#]]
        .assert_eq(&render("log.csv", text, Enc::Utf8, None, 1));
    }

    /// A notice in the first cell of a padded row is a note wherever it stands below the header,
    /// in a sheet and in a CSV saved from one; the lines are the sheet's row numbers.
    #[test]
    fn a_notice_alone_in_a_padded_row_is_a_note_line() {
        let rows: &[&[&str]] = &[
            &["交易时间", "终端号", "交易金额", "手续费"],
            &["2026-11-09 10:02:11", "10086602", "268.00", "1.61"],
            &["请注意：D1手续费字段为预估数据，以实际结算为准"],
            &["2026-11-09 10:05:40", "10086602", "12.50", "0.08"],
            &["", "", "", "以上数据仅供参考"],
            &["", "", "88.00", ""],
        ];
        let expected = expect![[r#"
            L2 2026-11-09 10:02:11 Sale 26800 Approved fee=161 tid="10086602"
            L4 2026-11-09 10:05:40 Sale 1250 Approved fee=8 tid="10086602"
            skip L3: note line
            skip L5: note line
            reject L6: time is empty
        "#]];
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate().filter(|(_, cell)| !cell.is_empty()) {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
        let mut ingested =
            run("流水.xlsx", &book.save_to_buffer().unwrap(), Some(Role::AcquirerStatement));
        let records = crate::normalize::run(&mut ingested, 0, &crate::Settings::default());
        let mut lines: Vec<String> = records
            .iter()
            .map(|r| {
                format!(
                    "L{} {} {:?} {} {:?} fee={} tid={:?}",
                    r.line,
                    r.time.map_or("-".to_owned(), |t| t.to_string()),
                    r.txn_type,
                    r.amount_cents,
                    r.outcome,
                    r.fee_cents.unwrap_or_default(),
                    r.terminal_id.clone().unwrap_or_default()
                )
            })
            .collect();
        let input = &ingested.input;
        lines.extend(input.skipped_rows.iter().map(|n| format!("skip L{}: {}", n.line, n.reason)));
        lines.extend(
            input.rejected_rows.iter().map(|n| format!("reject L{}: {}", n.line, n.reason)),
        );
        expected.assert_eq(&(lines.join("\n") + "\n"));

        // The same table as Excel saves it to CSV (every row padded with commas).
        let text: String = rows
            .iter()
            .map(|row| {
                let mut cells = row.to_vec();
                cells.resize(4, "");
                cells.join(",") + "\r\n"
            })
            .collect();
        let rendered = render("流水.csv", &text, Enc::Utf8, Some(Role::AcquirerStatement), 0);
        let notes: Vec<&str> = rendered.lines().filter(|l| l.starts_with("skip")).collect();
        assert_eq!(notes, ["skip L3: note line", "skip L5: note line"], "{rendered}");
    }

    /// A stray CR inside a CRLF file is not a line end: the line numbers after it are the ones a
    /// spreadsheet shows.
    #[test]
    fn a_lone_cr_does_not_shift_the_line_numbers() {
        let text = "交易时间,终端号,交易金额,应答码\r\n\
                    2026-11-09 10:02:11,10086602,268.00,00\r\n\
                    请注意：以下为\r预估数据\r\n\
                    2026-11-09 10:05:40,10086602,12.50,00\r\n\
                    2026-11-09 10:06:40,10086602,abc,00\r\n";
        expect![[r#"
            flow.csv format=csv encoding=utf-8 role=terminal_log (0.63) header_line=1
            columns: amount=交易金额 response_code=应答码 terminal_id=终端号 time=交易时间
            coverage: 2026-11-09 10:02:11 .. 2026-11-09 10:05:40
            L2 2026-11-09 10:02:11 Sale 26800 Approved tid="10086602" code="00"
            L4 2026-11-09 10:05:40 Sale 1250 Approved tid="10086602" code="00"
            skip L3: note line
            reject L5: amount 'abc' is not a number
        "#]]
        .assert_eq(&render("flow.csv", text, Enc::Utf8, None, 0));
    }

    #[test]
    fn footer_notes_padded_to_the_header_are_skipped() {
        // A merged footer note exports padded with delimiters to the header's width; a lone
        // amount in one cell is a damaged row, not a note.
        let text = "\
交易日期,摘要,交易金额,余额,对方户名
2026-11-10,POS清算,+1574.00,21574.00,示例收单机构
以上数据仅供参考，具体内容请以柜台为准,,,,
Printed by the branch,,,,
说明,交易明细涉及您的个人隐私,,,
,,268.00,,
";
        let rendered = render("foot.csv", text, Enc::Utf8, None, 0);
        let notes: Vec<&str> =
            rendered.lines().filter(|l| l.starts_with("skip") || l.starts_with("reject")).collect();
        assert_eq!(
            notes,
            [
                "skip L3: note line",
                "skip L4: note line",
                "skip L5: note line",
                "reject L6: date is empty"
            ],
            "{rendered}"
        );
    }

    #[test]
    fn header_with_trailing_delimiter() {
        let text = "交易时间,交易金额,应答码,\n2026-11-09 10:02:11,268.00,00,\n2026-11-09 10:02:12,1.00,00\n";
        check(
            "t.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            t.csv format=csv encoding=utf-8 role=terminal_log (0.48) header_line=1
            columns: amount=交易金额 response_code=应答码 time=交易时间
            coverage: 2026-11-09 10:02:11 .. 2026-11-09 10:02:12
            L2 2026-11-09 10:02:11 Sale 26800 Approved code="00"
            L3 2026-11-09 10:02:12 Sale 100 Approved code="00"
        "#]],
        );
    }

    #[test]
    fn unreadable_files() {
        let cases: &[(&str, &[u8], Expect)] = &[
            (
                "empty.csv",
                b"",
                expect![[r#"
                empty.csv format=- encoding=- role=- (0) header_line=-
                error: file is empty
            "#]],
            ),
            (
                "book.xlsx",
                b"PK\x03\x04\x14\x00\x06\x00\x08\x00",
                expect![[r#"
                    book.xlsx format=- encoding=- role=- (0) header_line=-
                    error: xlsx workbook is damaged or incomplete; download it again, or open it in Excel and save it again
                "#]],
            ),
            (
                "notes.txt",
                "会议纪要\n明天开会\n".as_bytes(),
                expect![[r#"
                notes.txt format=txt encoding=utf-8 role=- (0) header_line=-
                error: no header row found: none of the first 30 lines names known columns such as 交易时间 or 交易金额
            "#]],
            ),
        ];
        for (name, bytes, expected) in cases {
            let mut ingested = run(name, bytes, None);
            let records = crate::normalize::run(&mut ingested, 0, &crate::Settings::default());
            assert!(records.is_empty());
            let input = &ingested.input;
            let rendered = format!(
                "{name} format={} encoding={} role={} ({}) header_line={}\nerror: {}\n",
                input.format.as_deref().unwrap_or("-"),
                input.encoding.as_deref().unwrap_or("-"),
                input.role.map_or("-", Role::as_str),
                input.role_confidence,
                input.header_line.map_or("-".to_owned(), |l| l.to_string()),
                input.error.as_deref().unwrap_or("-"),
            );
            expected.assert_eq(&rendered);
        }
    }

    #[test]
    fn headerless_files_by_their_known_layout() {
        // 扫呗's API file: no header line, 28 fields, amounts in 分, 支付方式 as a code.
        let text = "\
852105390000123,30052991,2026-11-16 11:45:05,,12000,46,0,11954,11,6,1,300520261116114505003,,000203,512611161145050000203,2026-11-16,UP0000000000203,0,,0,12000,12000,0,,,OTHERS,示例便利店,1
852105390000123,30052991,2026-11-16 12:01:33,,3500,13,0,3487,1,6,1,300520261116120133004,,000204,4200002026111655550001,2026-11-16,oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,0,,0,3500,3500,0,,,OTHERS,示例便利店,1

852105390000123,30052991,2026-11-16 12:03:40,,3500,13,0,3487,2,6,1,300520261116120340005,,000205,2026111622001433331401234567,2026-11-16,2088102122524333,0,,0,3500,3500,0,,,OTHERS,示例便利店,1,
";
        check(
            "saobei_api_20261116.txt",
            text,
            Enc::Utf8,
            expect![[r#"
                saobei_api_20261116.txt format=txt encoding=utf-8 role=acquirer_statement (0.95) header_line=0
                columns: amount=交易金额(分) channel_order_id=渠道订单号 date=交易日期 fee=手续费金额(分) merchant_id=商户号 net=结余金额(分) order_id=交易单号 pay_method=支付方式 stan=终端流水号 status=交易状态 terminal_id=终端号 time=交易时间
                coverage: 2026-11-16 11:45:05 .. 2026-11-16 12:03:40
                L1 2026-11-16 11:45:05 Sale 12000 Approved fee="46" net="11954" mid="852105390000123" tid="30052991" stan="000203" order="300520261116114505003" text="1" pay="Qr"
                L2 2026-11-16 12:01:33 Sale 3500 Approved fee="13" net="3487" mid="852105390000123" tid="30052991" stan="000204" order="300520261116120133004" text="1" pay="Wechat"
                L4 2026-11-16 12:03:40 Sale 3500 Approved fee="13" net="3487" mid="852105390000123" tid="30052991" stan="000205" order="300520261116120340005" text="1" pay="Alipay"
                warn L0: no header line; read as the saobei layout by its 28 fields
                skip L3: blank line
            "#]],
        );
        let ingested = run("saobei_api_20261116.txt", text.as_bytes(), None);
        let input = &ingested.input;
        assert_eq!(input.dialect.as_deref(), Some("saobei"));
        assert_eq!(
            input.warnings.iter().map(|w| w.reason.as_str()).collect::<Vec<_>>(),
            ["no header line; read as the saobei layout by its 28 fields"]
        );
        // A line of 27 fields fits nothing: still the clear error.
        let short = text.lines().next().unwrap().rsplit_once(',').unwrap().0.to_owned() + "\n";
        let error = run("short.txt", short.as_bytes(), None).input.error.unwrap_or_default();
        assert!(error.starts_with("no header row found"), "{error}");
    }

    /// The clearing side and the trade side of one statement under group titles.
    const GROUPED: &str = "\
清算信息,,,交易信息,,,,
日期,金额,手续费,日期,时间,终端号,参考号,金额
2026-11-16,266.98,1.02,2026-11-16,09:12:05,10086611,331609120501,268.00
";

    #[test]
    fn group_titles_say_which_amount_is_which() {
        check(
            "grouped.csv",
            GROUPED,
            Enc::Gbk,
            expect![[r#"
            grouped.csv format=csv encoding=gb18030 role=acquirer_statement (0.95) header_line=2
            columns: amount=交易信息 / 金额 date=交易信息 / 日期 fee=清算信息 / 手续费 net=清算信息 / 金额 rrn=交易信息 / 参考号 settlement_date=清算信息 / 日期 terminal_id=交易信息 / 终端号 time_of_day=交易信息 / 时间
            coverage: 2026-11-16 09:12:05 .. 2026-11-16 09:12:05
            L3 2026-11-16 09:12:05 Sale 26800 Approved fee="102" net="26698" tid="10086611" rrn="331609120501" settle="2026-11-16"
        "#]],
        );
    }

    #[test]
    fn group_titles_repeated_on_a_second_page() {
        let (titles, rest) = GROUPED.split_once('\n').unwrap();
        let (sub_names, row) = rest.split_once('\n').unwrap();
        let second = row.replace("09:12:05", "09:30:00").replace("331609120501", "331609300002");
        let text = format!("{GROUPED}{titles}\n{sub_names}\n{second}");
        check(
            "pages.csv",
            &text,
            Enc::Utf8,
            expect![[r#"
            pages.csv format=csv encoding=utf-8 role=acquirer_statement (0.95) header_line=2
            columns: amount=交易信息 / 金额 date=交易信息 / 日期 fee=清算信息 / 手续费 net=清算信息 / 金额 rrn=交易信息 / 参考号 settlement_date=清算信息 / 日期 terminal_id=交易信息 / 终端号 time_of_day=交易信息 / 时间
            coverage: 2026-11-16 09:12:05 .. 2026-11-16 09:30:00
            L3 2026-11-16 09:12:05 Sale 26800 Approved fee="102" net="26698" tid="10086611" rrn="331609120501" settle="2026-11-16"
            L6 2026-11-16 09:30:00 Sale 26800 Approved fee="102" net="26698" tid="10086611" rrn="331609300002" settle="2026-11-16"
            skip L4: repeated group title row
            skip L5: repeated header row
        "#]],
        );
    }

    #[test]
    fn group_titles_in_merged_xlsx_cells() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let plain = rust_xlsxwriter::Format::new();
        sheet.merge_range(0, 0, 0, 2, "清算信息", &plain).unwrap();
        sheet.merge_range(0, 3, 0, 7, "交易信息", &plain).unwrap();
        for (row, line) in GROUPED.lines().skip(1).enumerate() {
            for (col, cell) in line.split(',').enumerate() {
                sheet.write_string(row as u32 + 1, col as u16, cell).unwrap();
            }
        }
        let bytes = book.save_to_buffer().unwrap();
        let mut ingested = run("grouped.xlsx", &bytes, None);
        let records = crate::normalize::run(&mut ingested, 0, &crate::Settings::default());
        let input = &ingested.input;
        let columns: Vec<String> = input.columns.iter().map(|(k, v)| format!("{k}={v}")).collect();
        expect![[r#"
            [
                "amount=交易信息 / 金额",
                "date=交易信息 / 日期",
                "fee=清算信息 / 手续费",
                "net=清算信息 / 金额",
                "rrn=交易信息 / 参考号",
                "settlement_date=清算信息 / 日期",
                "terminal_id=交易信息 / 终端号",
                "time_of_day=交易信息 / 时间",
            ]
        "#]]
        .assert_debug_eq(&columns);
        let r = &records[0];
        assert_eq!((r.amount_cents, r.fee_cents, r.net_cents), (26800, Some(102), Some(26698)));
        assert_eq!(r.time.map(|t| t.to_string()).as_deref(), Some("2026-11-16 09:12:05"));
        assert_eq!(input.header_line, Some(2));
        assert_eq!(input.data_rows + input.skipped_count(), 1);
    }

    #[test]
    fn role_override_wins() {
        let text = "交易时间,交易金额,手续费\n2026-11-09 10:02:11,268.00,1.02\n";
        let ingested = run("x.csv", text.as_bytes(), Some(Role::TerminalLog));
        assert_eq!(ingested.input.role, Some(Role::TerminalLog));
        assert_eq!(ingested.input.role_confidence, 1.0);
        let detected = run("x.csv", text.as_bytes(), None);
        assert_eq!(detected.input.role, Some(Role::AcquirerStatement));
    }

    #[test]
    fn metadata() {
        let bytes = "交易时间,交易金额\n2026-11-09 10:02:11,1.00\n".as_bytes();
        let ingested = run("a.CSV", bytes, None);
        assert_eq!(ingested.input.bytes, bytes.len() as u64);
        assert_eq!(ingested.input.sha256, sha256_hex(bytes));
        assert_eq!(ingested.input.format.as_deref(), Some("csv"));
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
