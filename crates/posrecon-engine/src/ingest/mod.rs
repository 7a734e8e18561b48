//! Stage 1: bytes -> a decoded table with its header, column roles and file role.
//!
//! Reading a merchant's statement is mostly about the mess around the data: encodings (GBK or
//! UTF-8 with a BOM), delimiters, a preamble above the header, totals and repeated headers inside
//! the table, and column names that differ by exporter. Each concern has its own module:
//!
//! - `decode`: bytes -> text (BOM, UTF-8, GB18030), refusing binary files with a clear reason;
//! - `delimited`: text -> records with physical line numbers (csv crate plus delimiter sniffing);
//! - `header`: which row is the header, and which column carries which [`Field`];
//! - `role`: terminal log, acquirer statement, bank statement, order list or wallet bill.
//!
//! Ingest never fails wholesale. A file it cannot read at all still yields an [`Input`] whose
//! `error` says why in one line; inside a readable table, every line below the header ends up in
//! exactly one place: a [`RawRow`] for normalize, `skipped_rows` (blank lines, totals, repeated
//! headers) or `rejected_rows` (rows whose cells cannot be lined up with the header). A record
//! whose quoted cell spans several lines counts once, at its first line.
//!
//! Spreadsheets, ZIP archives and fixed-width files will come in as further readers producing the
//! same records-with-line-numbers, after which header, role and row accounting apply unchanged.

mod decode;
mod delimited;
mod header;
mod role;

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::model::Role;
use crate::normalize::text::unwrap_cell;
use crate::report::{Input, RowNote};

/// Canonical fields a column can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// Full date and time in one column.
    Time,
    /// Date only (combined with `TimeOfDay` when both exist).
    Date,
    /// Time of day only.
    TimeOfDay,
    /// Transaction amount.
    Amount,
    /// Fee.
    Fee,
    /// Net / settled amount.
    Net,
    /// 商户号.
    MerchantId,
    /// 终端号.
    TerminalId,
    /// 批次号.
    BatchNo,
    /// 凭证号 / 流水号.
    Stan,
    /// 参考号.
    Rrn,
    /// 授权码.
    AuthCode,
    /// Card number.
    Card,
    /// Transaction type.
    TxnType,
    /// 应答码.
    ResponseCode,
    /// 应答信息 / 交易结果 text.
    ResponseText,
    /// 交易状态 (success / failed words).
    Status,
    /// 清算日期.
    SettlementDate,
    /// Order number.
    OrderId,
}

impl Field {
    /// snake_case name used in `Input.columns`.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Time => "time",
            Field::Date => "date",
            Field::TimeOfDay => "time_of_day",
            Field::Amount => "amount",
            Field::Fee => "fee",
            Field::Net => "net",
            Field::MerchantId => "merchant_id",
            Field::TerminalId => "terminal_id",
            Field::BatchNo => "batch_no",
            Field::Stan => "stan",
            Field::Rrn => "rrn",
            Field::AuthCode => "auth_code",
            Field::Card => "card",
            Field::TxnType => "type",
            Field::ResponseCode => "response_code",
            Field::ResponseText => "response_text",
            Field::Status => "status",
            Field::SettlementDate => "settlement_date",
            Field::OrderId => "order_id",
        }
    }
}

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
}

impl Table {
    /// The cell of `row` in the column carrying `field`, if the file has that column.
    pub fn cell<'a>(&self, row: &'a RawRow, field: Field) -> Option<&'a str> {
        let col = *self.columns.get(&field)?;
        Some(row.cells.get(col).map_or("", String::as_str))
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

/// Reads one file. Never fails: an unreadable file gets an `Input` with `error` set.
pub fn run(name: &str, bytes: &[u8], role_override: Option<Role>) -> Ingested {
    let lower = name.to_lowercase();
    let mut input = Input {
        file: name.to_owned(),
        sheet: None,
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
        format: None,
        encoding: None,
        role: role_override,
        role_confidence: if role_override.is_some() { 1.0 } else { 0.0 },
        dialect: None,
        header_line: None,
        data_rows: 0,
        skipped_rows: Vec::new(),
        rejected_rows: Vec::new(),
        coverage: None,
        columns: BTreeMap::new(),
        error: None,
    };
    let mut table = Table::default();

    let decoded = match decode::decode(bytes) {
        Ok(decoded) => decoded,
        Err(reason) => {
            input.error = Some(reason);
            return Ingested { input, table };
        }
    };
    input.encoding = Some(decoded.encoding.to_owned());
    input.format = Some(if lower.ends_with(".txt") { "txt" } else { "csv" }.to_owned());

    let text = delimited::unify_line_breaks(decoded.text);
    let grid = delimited::read(&text, delimited::sniff_delimiter(&text));
    let Some(header_idx) = header::find_header(&grid.records) else {
        input.error = Some(format!(
            "no header row found: none of the first {} lines names known columns such as 交易时间 or 交易金额",
            header::HEADER_SEARCH_ROWS
        ));
        return Ingested { input, table };
    };
    let header_record = &grid.records[header_idx];
    input.header_line = Some(header_record.line);
    table.header = header_record.cells.iter().map(|c| unwrap_cell(c).to_owned()).collect();
    let header_keys: Vec<String> = header_record.cells.iter().map(|c| header::key(c)).collect();
    // Trailing empty header cells come from a trailing delimiter; they are not columns.
    let width = header_keys.iter().rposition(|k| !k.is_empty()).map_or(0, |i| i + 1);

    let mut covered: Vec<(u32, u32)> = Vec::new();
    for record in &grid.records[header_idx + 1..] {
        covered.push((record.line, record.last_line));
        let line = record.line;
        match sort_row(&record.cells, &header_keys, width) {
            RowSort::Data(cells) => table.rows.push(RawRow { line, cells }),
            RowSort::Skip(reason) => input.skipped_rows.push(RowNote { line, reason }),
            RowSort::Reject(reason) => input.rejected_rows.push(RowNote { line, reason }),
        }
    }
    // csv drops empty lines; every physical line below the header not inside a record is one.
    let mut covered = covered.into_iter().peekable();
    for line in header_record.last_line + 1..=grid.line_count {
        while covered.peek().is_some_and(|&(_, last)| last < line) {
            covered.next();
        }
        if covered.peek().is_some_and(|&(first, last)| (first..=last).contains(&line)) {
            continue;
        }
        let reason = if delimited::physical_line(&text, line).trim().is_empty() {
            "blank line"
        } else {
            // Not expected: csv only drops empty lines. Kept so nothing disappears silently.
            "line could not be read"
        };
        input.skipped_rows.push(RowNote { line, reason: reason.to_owned() });
    }
    input.skipped_rows.sort_by_key(|n| n.line);

    let data: Vec<&[String]> = table.rows.iter().map(|r| r.cells.as_slice()).collect();
    table.columns = header::assign_columns(&header_record.cells[..width], &data);
    input.columns = table
        .columns
        .iter()
        .map(|(field, &col)| (field.as_str().to_owned(), table.header[col].clone()))
        .collect();
    if role_override.is_none() {
        if let Some((role, confidence)) = role::detect(&table.header, &table.columns, &data) {
            input.role = Some(role);
            input.role_confidence = confidence;
        }
    }
    Ingested { input, table }
}

/// Where one record below the header goes.
enum RowSort {
    Data(Vec<String>),
    Skip(String),
    Reject(String),
}

/// Words that mark a totals row in any cell.
const TOTAL_WORDS: [&str; 6] = ["合计", "总计", "小计", "总笔数", "总金额", "总交易"];

fn sort_row(cells: &[String], header_keys: &[String], width: usize) -> RowSort {
    let non_empty: Vec<&str> =
        cells.iter().map(|c| unwrap_cell(c)).filter(|c| !c.is_empty()).collect();
    if non_empty.is_empty() {
        let reason = if cells.len() <= 1 { "blank line" } else { "empty row" };
        return RowSort::Skip(reason.to_owned());
    }
    let is_total = non_empty.iter().any(|c| {
        let lower = c.to_lowercase();
        TOTAL_WORDS.iter().any(|w| c.contains(w))
            || ["total", "subtotal", "grand total"].iter().any(|w| lower.starts_with(w))
    });
    if is_total {
        return RowSort::Skip("total row".to_owned());
    }
    let same_as_header = cells
        .iter()
        .zip(header_keys)
        .filter(|(cell, key)| !key.is_empty() && header::key(cell) == **key)
        .count();
    let header_names = header_keys.iter().filter(|k| !k.is_empty()).count();
    if same_as_header >= 2 && same_as_header * 2 >= header_names {
        return RowSort::Skip("repeated header row".to_owned());
    }
    if cells.len() == width {
        return RowSort::Data(cells.to_vec());
    }
    if cells.len() > width && cells[width..].iter().all(|c| c.trim().is_empty()) {
        // A trailing delimiter: the extra cells are empty, the row lines up.
        return RowSort::Data(cells[..width].to_vec());
    }
    if non_empty.len() == 1 {
        // A footnote under the table ("制表人：…", "第 2 页"): not a transaction.
        return RowSort::Skip("note line".to_owned());
    }
    let cell_word = if cells.len() == 1 { "cell" } else { "cells" };
    RowSort::Reject(format!(
        "line has {} {cell_word} but the header has {width}; cannot line them up",
        cells.len()
    ))
}

/// Hex SHA-256 of a file's bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
