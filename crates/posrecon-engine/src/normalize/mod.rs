//! Stage 2: table rows -> typed records.
//!
//! Ingest found the columns; this stage reads each cell into the engine's vocabulary: money as
//! integer fen ([`amount`]), times as chrono values ([`time`]), identifiers without spreadsheet
//! wrappers and cards masked ([`text`]), transaction types and outcomes mapped onto small enums
//! ([`classify`]). The cell parsers are public so other front ends (CLI previews, the web app's
//! column mapper) read cells exactly the way the engine does.
//!
//! A row whose amount or time cannot be read is rejected with its line and the offending cell, not
//! guessed: a reconciliation built on a misread amount would produce false findings. Cells that
//! only add detail (fee, net, settlement date) are held to the same rule when present, because a
//! non-number there means the columns were misread. Bank statements have their own reader
//! ([`bank`]): credits become deposits, debits are kept for coverage. Order lists are read like
//! terminal logs, then their status and 支付方式 words are mapped ([`order`]). Wallet files other
//! than the merchant bill (personal 收款码 bills, 汇总 members, money flows) follow [`wallet`]. Roles this slice
//! does not analyse yet (wallet bills) have their rows skipped with a reason, so the file card
//! still shows what the file is and every row stays accounted for.
//!
//! Amounts are stored positive; the direction is the transaction type. A negative amount in a
//! file without a type column is a refund.

mod balance;
mod bank;
pub mod classify;
mod memo;
pub mod order;
mod preview;
pub(crate) mod wallet;

// Cell parsing lives in the `cell` leaf; its old paths stay.
pub use crate::cell::{amount, text, time};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::accounting::{Coverage, Input, RowNote};
use crate::ingest::{Field, Ingested, RawRow, Row, Table};
use crate::message::{FileError, Note, Problem};
use crate::model::{Id, Outcome, Record, Role, TxnType};
use amount::{Unit, parse_amount};

/// Converts one ingested table's rows into typed records and completes the file's row accounting.
///
/// In: an [`Ingested`] from [`crate::ingest::read`] (its `table` with detected roles and columns,
/// its `input` with the lines skipped so far), `file_idx` (this input's index in the report's
/// `inputs`, written into each [`Record::file_idx`]). No settings: clearing dates and cut-offs
/// are the matcher's. Out: one [`Record`] per data row used, in line order:
/// amounts in integer fen (signs as the file means them, [`amount`]), times as Beijing local time,
/// cards masked to at most the first 6 and last 4 digits, transaction type and outcome mapped
/// through [`crate::knowledge`] (UnionPay response codes, wallet states). Every other row is
/// written to `ingested.input` as rejected (unreadable amount, time ...) or skipped (a total, a
/// row that is no payment), each with its line and reason, so `data_rows + skipped + rejected`
/// adds up to the lines below the header. Never fails.
pub fn run(ingested: &mut Ingested, file_idx: usize) -> Vec<Record> {
    let Ingested { input, table } = ingested;
    // Wallet summaries and money flows list no payments ([`wallet`]); a role forced by the
    // merchant reads them as that role.
    let dialect = input.dialect.clone().unwrap_or_default();
    if let (Some(reason), Some(Role::WalletBill)) = (wallet::not_payments(&dialect), input.role) {
        return read_withdrawals(input, table, file_idx, &dialect, reason);
    }
    let records = match input.role {
        Some(Role::TerminalLog | Role::AcquirerStatement | Role::OrderList | Role::WalletBill)
            if !table.columns.contains_key(&Field::Amount) =>
        {
            no_amount_column(input, table, FileError::NoAmountColumn);
            Vec::new()
        }
        // Wallet bills read like settlement files; their states (SUCCESS, REFUND, REVOKED, ...)
        // come from the QR state table through `classify`.
        Some(
            role @ (Role::TerminalLog
            | Role::AcquirerStatement
            | Role::OrderList
            | Role::WalletBill),
        ) => read_rows(input, table, file_idx, role, &dialect),
        Some(Role::BankStatement) => read_bank(input, table, file_idx),
        None => {
            skip_all(input, table, Note::RoleUnknown);
            Vec::new()
        }
    };
    input.skipped_rows.sort_by_key(|n| n.line);
    input.rejected_rows.sort_by_key(|n| n.line);
    input.data_rows = records.len() as u64;
    preview::write(input, table, &records);
    if input.role.is_some() {
        let not_read = input.rejected_rows.iter().map(|n| n.line).collect();
        // Only a total that may cover a section also tries the approved rows alone; the set of a
        // million approved lines is not built for a file whose one 合计 covers every row.
        let approved = if table.totals.pending.iter().any(|p| p.since.is_some()) {
            records.iter().filter(|r| r.outcome == Outcome::Approved).map(|r| r.line).collect()
        } else {
            std::collections::BTreeSet::new()
        };
        crate::totals::settle(input, table, &not_read, Some(&approved));
    }
    records
}

/// Every row skipped for the same reason.
fn skip_all(input: &mut Input, table: &Table, reason: Note) {
    input.skipped_rows.extend(table.rows.iter().map(|r| RowNote::new(r.line, reason.clone())));
}

/// A file whose role needs an amount column it does not have: an error (when it has rows and no
/// other) and every row skipped.
fn no_amount_column(input: &mut Input, table: &Table, error: FileError) {
    if input.error.is_none() && !table.rows.is_empty() {
        input.fail(error);
    }
    skip_all(input, table, Note::NoAmountColumn);
}

/// A wallet file that holds no payments: its rows are skipped saying why, except a fund flow's
/// withdrawals (提现), read as the money the wallet sent to the bank.
fn read_withdrawals(
    input: &mut Input,
    table: &Table,
    file_idx: usize,
    dialect: &str,
    reason: Note,
) -> Vec<Record> {
    let mut records = Vec::new();
    let wallet = wallet::fund_flow_wallet(dialect);
    for row in &table.rows {
        match wallet.and_then(|_| wallet::withdrawal_row(table, row)) {
            None => input.skipped_rows.push(RowNote::new(row.line, reason.clone())),
            Some(Err(why)) => input.rejected_rows.push(RowNote::new(row.line, why)),
            Some(Ok((txn_type, time, amount_cents))) => {
                let mut record = Record {
                    file_idx: file_idx as u32,
                    line: row.line,
                    time: Some(time),
                    amount_cents,
                    txn_type,
                    outcome: Outcome::Approved,
                    pay_method: wallet,
                    ..Record::blank(Role::WalletBill)
                };
                record.edit_extra(|e| {
                    e.withdrawal = true;
                    e.memo = table
                        .cell(row, Field::Memo)
                        .map(|m| text::unwrap_cell(m).trim().to_owned())
                        .filter(|m| !m.is_empty());
                });
                records.push(record);
            }
        }
    }
    input.skipped_rows.sort_by_key(|n| n.line);
    input.rejected_rows.sort_by_key(|n| n.line);
    input.data_rows = records.len() as u64;
    let dates: Vec<bool> = vec![false; records.len()];
    input.coverage = coverage(&records, &dates);
    // Its own totals check its own lines.
    crate::totals::settle(input, table, &std::collections::BTreeSet::new(), None);
    records
}

/// The rows of a terminal log, settlement statement, order list or wallet bill.
fn read_rows(
    input: &mut Input,
    table: &Table,
    file_idx: usize,
    role: Role,
    dialect: &str,
) -> Vec<Record> {
    let layout = Layout::of(table);
    // At most one record per row, reserved once: grown by doubling, a million records (~400 B
    // each) would at one point hold the old and the new buffer, the read's peak memory.
    let mut records = Vec::with_capacity(table.rows.len());
    let mut date_only = Vec::with_capacity(table.rows.len());
    // A wallet bill is one wallet's: its rows were paid by that wallet.
    let wallet = wallet::pay_method(dialect);
    let personal = role == Role::WalletBill && wallet::is_personal(dialect);
    let mut words = memo::Words::new();
    for row in &table.rows {
        // A personal bill's rows are payments to the shop only when money came in.
        let personal_type = match personal.then(|| wallet::personal_row(table, row)) {
            Some(Err(reason)) => {
                input.skipped_rows.push(RowNote::new(row.line, reason));
                continue;
            }
            Some(Ok(txn_type)) => Some(txn_type),
            None => None,
        };
        match read_row(table, row, role, &layout, &mut words) {
            Ok((mut record, is_date_only)) => {
                record.file_idx = file_idx as u32;
                if let Some(txn_type) = personal_type {
                    record.txn_type = txn_type;
                    record.edit_extra(|e| {
                        e.static_qr = true;
                        e.payment_kind = wallet::payment_kind(table, row);
                    });
                }
                if role == Role::WalletBill {
                    record.edit_extra(|e| e.counterparty = wallet::payer(table, row));
                }
                if role == Role::WalletBill && record.pay_method.is_none() {
                    record.pay_method = wallet;
                }
                records.push(record);
                date_only.push(is_date_only);
            }
            Err(reason) => input.rejected_rows.push(RowNote::new(row.line, reason)),
        }
    }
    input.coverage = coverage(&records, &date_only);
    records
}

/// The rows of a bank statement, directions proved with its balance column.
fn read_bank(input: &mut Input, table: &Table, file_idx: usize) -> Vec<Record> {
    let Some(layout) = bank::AmountLayout::of(table) else {
        no_amount_column(input, table, FileError::NoBankAmountColumn);
        return Vec::new();
    };
    let read = bank::read_table(table, layout, input.dialect.as_deref());
    let date_only: Vec<bool> = read.records.iter().map(|(_, d)| *d).collect();
    let records: Vec<Record> = read
        .records
        .into_iter()
        .map(|(mut record, _)| {
            record.file_idx = file_idx as u32;
            record
        })
        .collect();
    input.rejected_rows.extend(read.rejected);
    input.warnings.extend(read.warnings);
    input.balance_check = read.balance;
    input.coverage = coverage(&records, &date_only);
    records
}

/// Which column carries each field, looked up by the field's position in [`Field::ALL`]: the
/// row readers ask for a cell some twenty times per row, and a million rows asked the table's
/// `BTreeMap` twenty million times.
struct Columns([Option<usize>; Field::ALL.len()]);

impl Columns {
    fn of(table: &Table) -> Columns {
        let mut at = [None; Field::ALL.len()];
        for (&field, &col) in &table.columns {
            at[field as usize] = Some(col);
        }
        Columns(at)
    }

    /// [`Table::cell`]: the cell of `row` carrying `field`, `""` past the row's end, `None` when
    /// the file has no such column.
    fn cell<'a>(&self, row: Row<'a>, field: Field) -> Option<&'a str> {
        let col = self.0[field as usize]?;
        Some(row.get(col).unwrap_or(""))
    }
}

/// What a table's columns say about reading every row.
struct Layout {
    /// Where each field's cell is.
    columns: Columns,
    /// Unit of each money column, from its header.
    amount: Unit,
    fee: Unit,
    net: Unit,
    /// Whether the file has any column saying how an attempt ended. A list without one (a plain
    /// export of transactions) lists what happened, so its rows are approved; a terminal log whose
    /// result cells are empty says nothing about a row that has them, and that is Unknown.
    reports_outcomes: bool,
}

impl Layout {
    fn of(table: &Table) -> Layout {
        let unit = |field| match table.units.get(&field) {
            Some(&unit) => unit,
            None => table.header_of(field).map_or(Unit::Yuan, Unit::from_header),
        };
        let has = |field| table.columns.contains_key(&field);
        Layout {
            columns: Columns::of(table),
            amount: unit(Field::Amount),
            fee: unit(Field::Fee),
            net: unit(Field::Net),
            reports_outcomes: has(Field::ResponseCode)
                || has(Field::ResponseText)
                || has(Field::Status),
        }
    }
}

/// Reads a money cell; empty is `None`, unreadable is the row's reject reason.
fn money(field: Field, cell: Option<&str>, unit: Unit) -> Result<Option<i64>, Note> {
    let Some(cell) = cell else { return Ok(None) };
    parse_amount(cell, unit).map_err(|e| bad(field, cell, e.problem()))
}

/// A cell that does not read as what its column holds.
fn bad(field: Field, cell: &str, problem: Problem) -> Note {
    Note::BadCell { field, value: cell.trim().to_owned(), problem }
}

/// The row's time, and whether it is a date without a time of day.
fn row_time(table: &Table, row: &RawRow) -> Result<Option<(NaiveDateTime, bool)>, Note> {
    row_time_in(table, &Columns::of(table), row)
}

/// [`row_time`] with the table's columns already looked up.
fn row_time_in(
    table: &Table,
    columns: &Columns,
    row: &RawRow,
) -> Result<Option<(NaiveDateTime, bool)>, Note> {
    let cells = table.row(row);
    let cell = |field| columns.cell(cells, field).map(str::trim);
    // A date alone takes the row's time of day, if it has one, else the whole day.
    let on = |date: NaiveDate| -> Result<Option<(NaiveDateTime, bool)>, Note> {
        match cell(Field::TimeOfDay) {
            Some(tod) => Ok(Some((date.and_time(time_of_day(tod)?), false))),
            None => Ok(Some((date.and_time(NaiveTime::MIN), true))),
        }
    };
    if let Some(mut stamp) = cell(Field::Time) {
        if stamp.is_empty() {
            // The payment time is empty (a till's 结账时间 on a scan that never finished): the
            // same row's other time (下单时间) says when it happened.
            let alternates = table.alternates.get(&Field::Time).map_or(&[][..], Vec::as_slice);
            stamp = alternates
                .iter()
                .filter_map(|&col| cells.get(col).map(str::trim))
                .find(|c| !c.is_empty())
                .ok_or(Note::EmptyCell { field: Field::Time })?;
        }
        return match time::parse_temporal(stamp) {
            Some(time::Temporal::DateTime(t)) => Ok(Some((t, false))),
            Some(time::Temporal::Date(d)) => on(d),
            _ => match without_year(table, stamp) {
                Some((d, Some(t))) => Ok(Some((d.and_time(t), false))),
                Some((d, None)) => on(d),
                None => Err(bad(Field::Time, stamp, Problem::NotADateTime)),
            },
        };
    }
    let Some(date) = cell(Field::Date) else { return Ok(None) };
    if date.is_empty() {
        return Err(Note::EmptyCell { field: Field::Date });
    }
    if let Some(t) = time::parse_datetime(date) {
        return Ok(Some((t, false)));
    }
    on(date_cell(table, date).ok_or_else(|| bad(Field::Date, date, Problem::NotADate))?)
}

/// A date cell: a full date, or one without its year placed by [`without_year`].
fn date_cell(table: &Table, cell: &str) -> Option<NaiveDate> {
    time::parse_date(cell).or_else(|| without_year(table, cell).map(|(d, _)| d))
}

/// A date written without its year (`0511`, `0511090102`), placed in the year nearest the file's
/// reference date (its period, another date in it, or today); `None` when the file gives no
/// reference or the cell is not such a date.
fn without_year(table: &Table, cell: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let (month, day, tod) = time::parse_month_day(cell)?;
    Some((time::infer_year(month, day, table.reference_date?)?, tod))
}

fn time_of_day(cell: &str) -> Result<NaiveTime, Note> {
    if cell.is_empty() {
        return Err(Note::EmptyCell { field: Field::TimeOfDay });
    }
    time::parse_time_of_day(cell).ok_or_else(|| bad(Field::TimeOfDay, cell, Problem::NotATime))
}

/// One data row -> one record (with `file_idx` 0), or the reason it cannot be read.
fn read_row(
    table: &Table,
    row: &RawRow,
    role: Role,
    layout: &Layout,
    words: &mut memo::Words,
) -> Result<(Record, bool), Note> {
    let cells = table.row(row);
    let cell = |field| layout.columns.cell(cells, field);
    let id = |field| cell(field).and_then(text::identifier_str).map(Id::from);

    let amount = match money(Field::Amount, cell(Field::Amount), layout.amount)? {
        Some(amount) => amount,
        None => return Err(Note::EmptyCell { field: Field::Amount }),
    };
    let fee_cents = money(Field::Fee, cell(Field::Fee), layout.fee)?;
    let net_cents = money(Field::Net, cell(Field::Net), layout.net)?;
    let time = row_time_in(table, &layout.columns, row)?;
    let settlement_date = match cell(Field::SettlementDate).map(str::trim) {
        None | Some("") => None,
        Some(d) => Some(
            date_cell(table, d).ok_or_else(|| bad(Field::SettlementDate, d, Problem::NotADate))?,
        ),
    };

    let response_code = cell(Field::ResponseCode).map(|c| Id::from(text::unwrap_cell(c)));
    let response_text = [Field::ResponseText, Field::Status]
        .into_iter()
        .filter_map(|f| cell(f).map(text::unwrap_cell))
        .find(|t| !t.is_empty())
        .map(Id::from);
    let (txn_type, outcome) =
        type_and_outcome(table, row, role, layout, amount, response_code.as_deref(), words);

    let mut record = Record {
        file_idx: 0,
        line: row.line,
        role,
        time: time.map(|(t, _)| t),
        amount_cents: amount.abs(),
        fee: fee_cents.into(),
        net: net_cents.into(),
        txn_type,
        outcome,
        merchant_id: id(Field::MerchantId),
        terminal_id: id(Field::TerminalId),
        batch_no: id(Field::BatchNo),
        stan: id(Field::Stan),
        rrn: id(Field::Rrn),
        auth_code: id(Field::AuthCode),
        card_masked: cell(Field::Card).and_then(text::mask_card),
        order_id: id(Field::OrderId),
        response_code,
        response_text,
        settlement_date,
        card_type: cell(Field::CardType).and_then(|c| words.card_type(c)),
        pay_method: cell(Field::PayMethod).and_then(|c| words.pay_method(c)),
        ..Record::blank(role)
    };
    let rare = [Field::ChannelOrderId, Field::OrigRrn, Field::OrigStan, Field::PayOrderId].map(id);
    if rare.iter().any(Option::is_some) {
        let [channel_order_id, orig_rrn, orig_stan, pay_order_id] = rare;
        record.edit_extra(|e| {
            e.channel_order_id = channel_order_id;
            e.orig_rrn = orig_rrn;
            e.orig_stan = orig_stan;
            e.pay_order_id = pay_order_id;
        });
    }
    Ok((record, time.is_some_and(|(_, date_only)| date_only)))
}

/// A row's transaction type and how it ended: an order list's status words, else the terminal's
/// or acquirer's reply (approved when the file reports no outcomes at all).
fn type_and_outcome(
    table: &Table,
    row: &RawRow,
    role: Role,
    layout: &Layout,
    amount: i64,
    response_code: Option<&str>,
    words: &mut memo::Words,
) -> (TxnType, Outcome) {
    let cells = table.row(row);
    let cell = |field| layout.columns.cell(cells, field);
    // The merchant's own words first: a saved mapping that says what `好了` or `收钱` means
    // decides over the engine's word lists.
    let (type_values, status_values) = match &table.template {
        Some(t) => (Some(&t.type_values), Some(&t.status_values)),
        None => (None, None),
    };
    let mapped_type =
        cell(Field::TxnType).and_then(|t| type_values?.get(text::unwrap_cell(t).trim()).copied());
    let mapped_outcome = [Field::Status, Field::ResponseText]
        .into_iter()
        .filter_map(cell)
        .find_map(|s| status_values?.get(text::unwrap_cell(s).trim()).copied());
    let txn_type = match (mapped_type, cell(Field::TxnType).map(str::trim)) {
        (Some(mapped), _) => mapped,
        (None, Some(t)) if !t.is_empty() => words.txn_type(t),
        // No type written: a negative amount is money going back.
        _ if amount < 0 => TxnType::Refund,
        _ => TxnType::Sale,
    };
    if let Some(outcome) = mapped_outcome {
        return (txn_type, outcome);
    }
    // Order lists speak of orders (已支付, 已退款, 已取消), not of terminal replies.
    if role == Role::OrderList {
        return match [Field::Status, Field::ResponseText].into_iter().find_map(cell) {
            Some(status) => match words.order_status(status) {
                Some((TxnType::Refund, outcome)) => (TxnType::Refund, outcome),
                Some((_, outcome)) => (txn_type, outcome),
                None => (txn_type, Outcome::Approved),
            },
            None => (txn_type, Outcome::Approved),
        };
    }
    let outcome = if layout.reports_outcomes {
        words.outcome(role, response_code, cell(Field::ResponseText), cell(Field::Status))
    } else {
        Outcome::Approved
    };
    (txn_type, outcome)
}

/// First and last moment the records cover; a date without a time covers the whole day.
fn coverage(records: &[Record], date_only: &[bool]) -> Option<Coverage> {
    let end_of_day = NaiveTime::from_hms_opt(23, 59, 59)?;
    let mut span: Option<Coverage> = None;
    for (record, &whole_day) in records.iter().zip(date_only) {
        let Some(start) = record.time else { continue };
        let end = if whole_day { start.date().and_time(end_of_day) } else { start };
        span = Some(match span {
            None => Coverage { start, end },
            Some(c) => Coverage { start: c.start.min(start), end: c.end.max(end) },
        });
    }
    span
}

#[cfg(test)]
pub(crate) mod tests {
    use std::fmt::Write;

    use expect_test::{Expect, expect};

    use super::*;
    use crate::ingest;

    /// How a test file's text is turned into bytes.
    #[derive(Clone, Copy)]
    pub(crate) enum Enc {
        Utf8,
        Utf8Bom,
        Gbk,
        Utf16LeBom,
    }

    pub(crate) fn encode(text: &str, enc: Enc) -> Vec<u8> {
        match enc {
            Enc::Utf8 => text.as_bytes().to_vec(),
            Enc::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            Enc::Gbk => encoding_rs::GB18030.encode(text).0.into_owned(),
            Enc::Utf16LeBom => {
                let mut out = vec![0xFF, 0xFE];
                text.encode_utf16().for_each(|u| out.extend_from_slice(&u.to_le_bytes()));
                out
            }
        }
    }

    /// Runs ingest and normalize on one file and renders everything a reader of the report sees.
    ///
    /// Also checks the accounting invariant: data + skipped + rejected rows equal the physical
    /// lines below the header, minus the continuation lines of multi-line quoted cells.
    pub(crate) fn render(
        name: &str,
        text: &str,
        enc: Enc,
        role: Option<Role>,
        continuation: u32,
    ) -> String {
        let bytes = encode(text, enc);
        let mut ingested = ingest::read_first(name, &bytes, role);
        let records = run(&mut ingested, 0);
        let input = &ingested.input;
        if let Some(header_line) = input.header_line {
            let lines = text.split_inclusive('\n').count() as u64;
            let accounted = input.data_rows
                + input.skipped_rows.len() as u64
                + input.rejected_rows.len() as u64;
            assert_eq!(
                accounted + u64::from(continuation),
                lines - u64::from(header_line),
                "{name}: {input:#?}"
            );
            let mut all_lines: Vec<u32> = records.iter().map(|r| r.line).collect();
            all_lines.extend(input.skipped_rows.iter().chain(&input.rejected_rows).map(|n| n.line));
            all_lines.sort();
            all_lines.dedup();
            assert_eq!(all_lines.len() as u64, accounted, "{name}: a line counted twice");
        }
        assert_eq!(input.data_rows, records.len() as u64);

        let mut out = String::new();
        let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".to_owned());
        writeln!(
            out,
            "{} format={} encoding={} role={} ({}) header_line={}",
            input.file,
            opt(&input.format),
            opt(&input.encoding),
            input.role.map_or("-", Role::as_str),
            input.role_confidence,
            input.header_line.map_or("-".to_owned(), |l| l.to_string()),
        )
        .unwrap();
        if let Some(error) = &input.error {
            writeln!(out, "error: {error}").unwrap();
        }
        if !input.columns.is_empty() {
            let columns: Vec<String> =
                input.columns.iter().map(|(k, v)| format!("{k}={v}")).collect();
            writeln!(out, "columns: {}", columns.join(" ")).unwrap();
        }
        if let Some(c) = input.coverage {
            writeln!(out, "coverage: {} .. {}", c.start, c.end).unwrap();
        }
        for r in &records {
            let mut line = format!(
                "L{} {} {:?} {} {:?}",
                r.line,
                r.time.map_or("-".to_owned(), |t| t.to_string()),
                r.txn_type,
                r.amount_cents,
                r.outcome
            );
            let extras = [
                ("fee", r.fee_cents().map(|v| v.to_string())),
                ("net", r.net_cents().map(|v| v.to_string())),
                ("mid", r.merchant_id.as_deref().map(str::to_owned)),
                ("tid", r.terminal_id.as_deref().map(str::to_owned)),
                ("batch", r.batch_no.as_deref().map(str::to_owned)),
                ("stan", r.stan.as_deref().map(str::to_owned)),
                ("rrn", r.rrn.as_deref().map(str::to_owned)),
                ("auth", r.auth_code.as_deref().map(str::to_owned)),
                ("card", r.card_masked.as_deref().map(str::to_owned)),
                ("order", r.order_id.as_deref().map(str::to_owned)),
                ("code", r.response_code.as_deref().map(str::to_owned)),
                ("text", r.response_text.as_deref().map(str::to_owned)),
                ("settle", r.settlement_date.map(|d| d.to_string())),
                ("party", r.counterparty().clone()),
                ("memo", r.memo().clone()),
                ("ctype", r.card_type.map(|c| format!("{c:?}"))),
                ("pay", r.pay_method.map(|p| format!("{p:?}"))),
                (
                    "withdrawal",
                    r.withdrawal().then(|| {
                        let back = r.txn_type == TxnType::Refund;
                        if back { "提现退回" } else { "提现" }.to_owned()
                    }),
                ),
            ];
            for (name, value) in extras {
                if let Some(value) = value {
                    write!(line, " {name}={value:?}").unwrap();
                }
            }
            writeln!(out, "{line}").unwrap();
        }
        if let Some(b) = &input.balance_check {
            writeln!(
                out,
                "balance {}: {}/{} lines confirmed, {}",
                b.column, b.confirmed, b.lines, b.order
            )
            .unwrap();
            for x in &b.breaks {
                writeln!(
                    out,
                    "balance break L{} after L{}: expected {} stated {}",
                    x.line, x.previous_line, x.expected_cents, x.stated_cents
                )
                .unwrap();
            }
        }
        for n in &input.warnings {
            writeln!(out, "warn L{}: {}", n.line, n.reason).unwrap();
        }
        for n in &input.skipped_rows {
            writeln!(out, "skip L{}: {}", n.line, n.reason).unwrap();
        }
        for n in &input.rejected_rows {
            writeln!(out, "reject L{}: {}", n.line, n.reason).unwrap();
        }
        out
    }

    /// Reads `text` encoded as `enc` with no role forced and checks the rendered records.
    pub(crate) fn check(name: &str, text: &str, enc: Enc, expect: Expect) {
        expect.assert_eq(&render(name, text, enc, None, 0));
    }

    /// The demo terminal log: UTF-8 with BOM, a preamble, a timeout without a code, a total.
    pub(crate) const TERMINAL_LOG: &str = "\
POS终端交易明细
商户名称：示例便利店,商户号：898440358120014
导出时间：2026-11-16 09:00:00
交易时间,终端号,批次号,凭证号,参考号,授权码,卡号,交易类型,交易金额(元),应答码,应答信息
2026-11-09 10:02:11,10086602,000012,001001,309140500101,581732,621226******8429,消费,268.00,00,交易成功
2026-11-09 10:05:40,10086602,000012,001002,,,622848******1234,消费,\"1,580.00\",,交易超时
2026-11-09 10:06:02,10086602,000012,001003,309140500103,,436742******5521,消费,45.50,51,余额不足
合计,,,,,,,,\"1,893.50\",,
";

    /// The demo acquirer statement: GBK, separate date and time of day, fee, net, 清算日期.
    pub(crate) const ACQUIRER_STATEMENT: &str = "\
商户号,终端号,交易日期,交易时间,交易类型,交易批次号,凭证号,参考号,卡号,交易金额,手续费,结算金额,清算日期
898440358120014,10086602,2026-11-09,10:02:11,消费,000012,001001,309140500101,621226******8429,268.00,1.02,266.98,2026-11-09
";

    #[test]
    fn demo_terminal_log() {
        check(
            "终端交易明细.csv",
            TERMINAL_LOG,
            Enc::Utf8Bom,
            expect![[r#"
            终端交易明细.csv format=csv encoding=utf-8 role=terminal_log (0.95) header_line=4
            columns: amount=交易金额(元) auth_code=授权码 batch_no=批次号 card=卡号 response_code=应答码 response_text=应答信息 rrn=参考号 stan=凭证号 terminal_id=终端号 time=交易时间 type=交易类型
            coverage: 2026-11-09 10:02:11 .. 2026-11-09 10:06:02
            L5 2026-11-09 10:02:11 Sale 26800 Approved tid="10086602" batch="000012" stan="001001" rrn="309140500101" auth="581732" card="621226******8429" code="00" text="交易成功"
            L6 2026-11-09 10:05:40 Sale 158000 Unknown tid="10086602" batch="000012" stan="001002" card="622848******1234" code="" text="交易超时"
            L7 2026-11-09 10:06:02 Sale 4550 Declined tid="10086602" batch="000012" stan="001003" rrn="309140500103" card="436742******5521" code="51" text="余额不足"
            skip L8: total row
        "#]],
        );
    }

    #[test]
    fn demo_acquirer_statement() {
        check(
            "对账单.csv",
            ACQUIRER_STATEMENT,
            Enc::Gbk,
            expect![[r#"
            对账单.csv format=csv encoding=gb18030 role=acquirer_statement (0.95) header_line=1
            columns: amount=交易金额 batch_no=交易批次号 card=卡号 date=交易日期 fee=手续费 merchant_id=商户号 net=结算金额 rrn=参考号 settlement_date=清算日期 stan=凭证号 terminal_id=终端号 time_of_day=交易时间 type=交易类型
            coverage: 2026-11-09 10:02:11 .. 2026-11-09 10:02:11
            L2 2026-11-09 10:02:11 Sale 26800 Approved fee="102" net="26698" mid="898440358120014" tid="10086602" batch="000012" stan="001001" rrn="309140500101" card="621226******8429" settle="2026-11-09"
        "#]],
        );
    }

    #[test]
    fn fen_columns_and_compact_dates() {
        let text = "\u{feff}清算日期,交易日期,交易时间,终端号,交易批次号,凭证号,参考号,卡号,交易类型,交易金额(分),手续费(分),结算金额(分)
20260511,20260511,090102,30000001,000005,000011,605110000011,622848******8901,消费,120000,456,119544
20260512,20260511,232041,30000001,000005,,,621483******4321,消费撤销,8880,-34,-8846
";
        check(
            "acquirer_fen.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            acquirer_fen.csv format=csv encoding=utf-8 role=acquirer_statement (0.95) header_line=1
            columns: amount=交易金额(分) batch_no=交易批次号 card=卡号 date=交易日期 fee=手续费(分) net=结算金额(分) rrn=参考号 settlement_date=清算日期 stan=凭证号 terminal_id=终端号 time_of_day=交易时间 type=交易类型
            coverage: 2026-05-11 09:01:02 .. 2026-05-11 23:20:41
            L2 2026-05-11 09:01:02 Sale 120000 Approved fee="456" net="119544" tid="30000001" batch="000005" stan="000011" rrn="605110000011" card="622848******8901" settle="2026-05-11"
            L3 2026-05-11 23:20:41 Void 8880 Approved fee="-34" net="-8846" tid="30000001" batch="000005" card="621483******4321" settle="2026-05-12"
        "#]],
        );
    }

    #[test]
    fn time_formats_in_one_column() {
        let text = "交易时间,交易金额,应答码
2026/11/5 9:03,1.00,00
20261105140322,2.00,00
2026-11-05T14:03:22,3.00,00
2026年11月05日 14:03:22,4.00,00
'2026-11-05 14:03:22,5.00,00
";
        check(
            "times.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            times.csv format=csv encoding=utf-8 role=terminal_log (0.48) header_line=1
            columns: amount=交易金额 response_code=应答码 time=交易时间
            coverage: 2026-11-05 09:03:00 .. 2026-11-05 14:03:22
            L2 2026-11-05 09:03:00 Sale 100 Approved code="00"
            L3 2026-11-05 14:03:22 Sale 200 Approved code="00"
            L4 2026-11-05 14:03:22 Sale 300 Approved code="00"
            L5 2026-11-05 14:03:22 Sale 400 Approved code="00"
            L6 2026-11-05 14:03:22 Sale 500 Approved code="00"
        "#]],
        );
    }

    #[test]
    fn signs_and_types() {
        // Without a type column a negative amount is a refund; with one, the column decides.
        let untyped = "交易时间,交易金额,手续费,结算金额
2026-11-05 10:00:00,-3.50,-0.01,-3.49
2026-11-05 10:01:00,(3.50),,
2026-11-05 10:02:00,¥12.00,0.05,11.95
";
        check(
            "untyped.csv",
            untyped,
            Enc::Utf8,
            expect![[r#"
            untyped.csv format=csv encoding=utf-8 role=acquirer_statement (0.95) header_line=1
            columns: amount=交易金额 fee=手续费 net=结算金额 time=交易时间
            coverage: 2026-11-05 10:00:00 .. 2026-11-05 10:02:00
            L2 2026-11-05 10:00:00 Refund 350 Approved fee="-1" net="-349"
            L3 2026-11-05 10:01:00 Refund 350 Approved
            L4 2026-11-05 10:02:00 Sale 1200 Approved fee="5" net="1195"
        "#]],
        );
        let typed = "交易时间,交易类型,交易金额,应答码
2026-11-05 10:00:00,消费,-3.50,00
2026-11-05 10:01:00,消费撤销,-3.50,00
2026-11-05 10:02:00,冲正,3.50,00
2026-11-05 10:03:00,退货,3.50,00
2026-11-05 10:04:00,预授权完成,100.00,00
2026-11-05 10:05:00,余额查询,0.00,00
2026-11-05 10:06:00,,5.00,00
";
        check(
            "typed.csv",
            typed,
            Enc::Utf8,
            expect![[r#"
            typed.csv format=csv encoding=utf-8 role=terminal_log (0.48) header_line=1
            columns: amount=交易金额 response_code=应答码 time=交易时间 type=交易类型
            coverage: 2026-11-05 10:00:00 .. 2026-11-05 10:06:00
            L2 2026-11-05 10:00:00 Sale 350 Approved code="00"
            L3 2026-11-05 10:01:00 Void 350 Approved code="00"
            L4 2026-11-05 10:02:00 Reversal 350 Approved code="00"
            L5 2026-11-05 10:03:00 Refund 350 Approved code="00"
            L6 2026-11-05 10:04:00 PreauthCompletion 10000 Approved code="00"
            L7 2026-11-05 10:05:00 Other 0 Approved code="00"
            L8 2026-11-05 10:06:00 Sale 500 Approved code="00"
        "#]],
        );
    }

    #[test]
    fn rejected_rows_say_which_cell() {
        let text = "交易日期,交易时间,交易金额,手续费,结算金额,清算日期
2026-11-05,10:00:00,,0.01,0.99,2026-11-05
2026-11-05,10:00:00,1.00,0.0x,0.99,2026-11-05
2026-11-05,10:00:00,1.00,0.01,?,2026-11-05
2026-11-05,10:00:00,1.00,0.01,0.99,2026-13-01
2026-11-31,10:00:00,1.00,0.01,0.99,2026-11-05
2026-11-05,25:00:00,1.00,0.01,0.99,2026-11-05
2026-11-05,,1.00,0.01,0.99,2026-11-05
,10:00:00,1.00,0.01,0.99,2026-11-05
2026-11-05,10:00:00,1.00,0.01,0.99,
";
        check(
            "rejects.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            rejects.csv format=csv encoding=utf-8 role=acquirer_statement (0.95) header_line=1
            columns: amount=交易金额 date=交易日期 fee=手续费 net=结算金额 settlement_date=清算日期 time_of_day=交易时间
            coverage: 2026-11-05 10:00:00 .. 2026-11-05 10:00:00
            L10 2026-11-05 10:00:00 Sale 100 Approved fee="1" net="99"
            reject L2: amount is empty
            reject L3: fee '0.0x' is not a number
            reject L4: net amount '?' is not a number
            reject L5: settlement date '2026-13-01' is not a date
            reject L6: date '2026-11-31' is not a date
            reject L7: time of day '25:00:00' is not a time
            reject L8: time of day is empty
            reject L9: date is empty
        "#]],
        );
        let stamps = "交易时间,交易金额
2026-11-05 10:00:00,1.00
,1.00
yesterday,1.00
2026-11-05,1.00
";
        check(
            "stamps.csv",
            stamps,
            Enc::Utf8,
            expect![[r#"
            stamps.csv format=csv encoding=utf-8 role=terminal_log (0.3) header_line=1
            columns: amount=交易金额 time=交易时间
            coverage: 2026-11-05 00:00:00 .. 2026-11-05 23:59:59
            L2 2026-11-05 10:00:00 Sale 100 Approved
            L5 2026-11-05 00:00:00 Sale 100 Approved
            reject L3: time is empty
            reject L4: time 'yesterday' is not a date and time
        "#]],
        );
    }

    #[test]
    fn identifiers_and_cards() {
        let text = "交易时间,商户号,终端号,凭证号,参考号,授权码,卡号,交易金额,应答码
2026-11-05 10:00:00,'898440358120014,=\"10086602\",`001001,*,-,6222021234567890123,1.00,00
2026-11-05 10:01:00,898440358120014,10086602,001002,—,,6222 0212 3456 7890,1.00,00
2026-11-05 10:02:00,898440358120014,10086602,001003,309140500103,581732,6212xxxxxx8429,1.00,00
";
        check(
            "ids.csv",
            text,
            Enc::Utf8,
            expect![[r#"
                ids.csv format=csv encoding=utf-8 role=terminal_log (0.63) header_line=1
                columns: amount=交易金额 auth_code=授权码 card=卡号 merchant_id=商户号 response_code=应答码 rrn=参考号 stan=凭证号 terminal_id=终端号 time=交易时间
                coverage: 2026-11-05 10:00:00 .. 2026-11-05 10:02:00
                L2 2026-11-05 10:00:00 Sale 100 Approved mid="898440358120014" tid="10086602" stan="001001" card="622202*********0123" code="00"
                L3 2026-11-05 10:01:00 Sale 100 Approved mid="898440358120014" tid="10086602" stan="001002" card="622202******7890" code="00"
                L4 2026-11-05 10:02:00 Sale 100 Approved mid="898440358120014" tid="10086602" stan="001003" rrn="309140500103" auth="581732" card="6212******8429" code="00"
            "#]],
        );
    }

    #[test]
    fn english_headers() {
        let text = "Transaction Time,Terminal ID,Amount,Fee,Net Amount,Settlement Date,Card No
2026-11-05 10:00:00,10086602,\"1,234.56\",4.69,\"1,229.87\",2026-11-06,436742******5521
";
        check(
            "en.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            en.csv format=csv encoding=utf-8 role=acquirer_statement (0.95) header_line=1
            columns: amount=Amount card=Card No fee=Fee net=Net Amount settlement_date=Settlement Date terminal_id=Terminal ID time=Transaction Time
            coverage: 2026-11-05 10:00:00 .. 2026-11-05 10:00:00
            L2 2026-11-05 10:00:00 Sale 123456 Approved fee="469" net="122987" tid="10086602" card="436742******5521" settle="2026-11-06"
        "#]],
        );
    }

    #[test]
    fn order_lists_are_read_and_unknown_roles_skipped() {
        let orders = "订单号,下单时间,收银员,商品名称,支付方式,实收金额,订单状态,终端号,参考号
A001,2026-11-09 10:02:00,张三,矿泉水,银行卡,268.00,已支付,10086602,309140500101
A002,2026-11-09 10:05:00,张三,面包,微信,12.50,已支付,,
A003,2026-11-09 10:06:00,李四,香烟,刷卡,45.50,已取消,,
A004,2026-11-09 10:07:00,李四,饮料,现金,8.00,已退款,,
A005,2026-11-09 10:08:00,李四,饮料,支付宝,9.00,,,
";
        check(
            "orders.csv",
            orders,
            Enc::Utf8,
            expect![[r#"
                orders.csv format=csv encoding=utf-8 role=order_list (0.9) header_line=1
                columns: amount=实收金额 order_id=订单号 pay_method=支付方式 rrn=参考号 status=订单状态 terminal_id=终端号 time=下单时间
                coverage: 2026-11-09 10:02:00 .. 2026-11-09 10:08:00
                L2 2026-11-09 10:02:00 Sale 26800 Approved tid="10086602" rrn="309140500101" order="A001" text="已支付" pay="Card"
                L3 2026-11-09 10:05:00 Sale 1250 Approved order="A002" text="已支付" pay="Wechat"
                L4 2026-11-09 10:06:00 Sale 4550 Declined order="A003" text="已取消" pay="Card"
                L5 2026-11-09 10:07:00 Sale 800 Approved order="A004" text="已退款" pay="Cash"
                L6 2026-11-09 10:08:00 Sale 900 Approved order="A005" pay="Alipay"
            "#]],
        );
        let unknown = "商户名称,地址,电话
示例便利店,某路1号,123
";
        check(
            "unknown.csv",
            unknown,
            Enc::Utf8,
            expect![[r#"
            unknown.csv format=csv encoding=utf-8 role=- (0) header_line=-
            error: no header row found: none of the first 30 lines names known columns such as 交易时间 or 交易金额
        "#]],
        );
    }

    #[test]
    fn analysed_role_without_amount_column() {
        let text = "交易时间,终端号,应答码
2026-11-05 10:00:00,10086602,00
";
        check(
            "no-amount.csv",
            text,
            Enc::Utf8,
            expect![[r#"
                no-amount.csv format=csv encoding=utf-8 role=terminal_log (0.63) header_line=1
                error: no amount column found (such as 交易金额)
                columns: response_code=应答码 terminal_id=终端号 time=交易时间
                skip L2: file has no amount column
            "#]],
        );
    }

    #[test]
    fn date_only_file_covers_whole_days() {
        let text = "交易日期,交易金额,手续费
2026-11-05,1.00,0.01
2026-11-07,2.00,0.01
";
        check(
            "dates.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            dates.csv format=csv encoding=utf-8 role=acquirer_statement (0.48) header_line=1
            columns: amount=交易金额 date=交易日期 fee=手续费
            coverage: 2026-11-05 00:00:00 .. 2026-11-07 23:59:59
            L2 2026-11-05 00:00:00 Sale 100 Approved fee="1"
            L3 2026-11-07 00:00:00 Sale 200 Approved fee="1"
        "#]],
        );
    }

    #[test]
    fn outcome_none_when_terminal_says_nothing() {
        let text = "交易时间,交易金额,应答码,应答信息
2026-11-05 10:00:00,1.00,,
2026-11-05 10:01:00,1.00,96,交换中心异常
2026-11-05 10:02:00,1.00,,交易失败
";
        check(
            "silent.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            silent.csv format=csv encoding=utf-8 role=terminal_log (0.95) header_line=1
            columns: amount=交易金额 response_code=应答码 response_text=应答信息 time=交易时间
            coverage: 2026-11-05 10:00:00 .. 2026-11-05 10:02:00
            L2 2026-11-05 10:00:00 Sale 100 Unknown code=""
            L3 2026-11-05 10:01:00 Sale 100 Declined code="96" text="交换中心异常"
            L4 2026-11-05 10:02:00 Sale 100 Declined code="" text="交易失败"
        "#]],
        );
    }

    #[test]
    fn reference_number_under_检索号() {
        // 银联商务 statements call the RRN 检索号; matching by it beats the voucher number.
        let text = "交易时间,终端号,检索号,交易金额,手续费,清算金额
2026-11-16 09:12:05,10086611,331609120501,268.00,1.02,266.98
";
        check(
            "ums.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            ums.csv format=csv encoding=utf-8 role=acquirer_statement (0.95) header_line=1
            columns: amount=交易金额 fee=手续费 net=清算金额 rrn=检索号 terminal_id=终端号 time=交易时间
            coverage: 2026-11-16 09:12:05 .. 2026-11-16 09:12:05
            L2 2026-11-16 09:12:05 Sale 26800 Approved fee="102" net="26698" tid="10086611" rrn="331609120501"
        "#]],
        );
    }

    #[test]
    fn aggregator_statement_with_goods_is_a_settlement_file() {
        // 支付方式 and 商品名称 appear in order lists too; 手续费 and 结算金额 decide.
        let text = "交易日期,支付方式,商品名称,商户订单号,交易金额,手续费,实收金额,结算金额
2026-11-16 10:15:04,微信,奶茶,Q20261116001,35.00,0.13,35.00,34.87
";
        check(
            "aggregator.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            aggregator.csv format=csv encoding=utf-8 role=acquirer_statement (0.87) header_line=1
            columns: amount=交易金额 fee=手续费 net=结算金额 order_id=商户订单号 pay_method=支付方式 time=交易日期
            coverage: 2026-11-16 10:15:04 .. 2026-11-16 10:15:04
            L2 2026-11-16 10:15:04 Sale 3500 Approved fee="13" net="3487" order="Q20261116001" pay="Wechat"
        "#]],
        );
    }

    /// Type and outcome of the first record of `text` read as a file of `role`.
    fn first_outcome(role: Role, text: &str) -> (TxnType, Outcome) {
        let mut ingested = ingest::read_first("f.csv", text.as_bytes(), Some(role));
        let records = run(&mut ingested, 0);
        let r = records.first().unwrap_or_else(|| panic!("{text}: {:?}", ingested.input));
        (r.txn_type, r.outcome)
    }

    #[test]
    fn remarks_never_change_an_outcome() {
        // (role, header, row): terminal logs and order lists with and without a result column.
        let files: &[(Role, &str, &str)] = &[
            (
                Role::TerminalLog,
                "交易时间,终端号,交易金额,应答码",
                "2026-11-16 12:41:20,10086611,268.00,00",
            ),
            (
                Role::TerminalLog,
                "交易时间,终端号,交易金额,应答信息",
                "2026-11-16 12:41:20,10086611,268.00,交易成功",
            ),
            (Role::TerminalLog, "交易时间,终端号,交易金额", "2026-11-16 12:41:20,10086611,268.00"),
            (
                Role::OrderList,
                "订单号,结账时间,实收金额,结算方式,订单状态",
                "ZD1,2026-11-16 12:41:05,268.00,银行卡,已结账",
            ),
            (
                Role::OrderList,
                "订单号,结账时间,实收金额,结算方式",
                "ZD1,2026-11-16 12:41:05,268.00,银行卡",
            ),
        ];
        let remarks = ["打包带走", "交易失败请重刷", "超时", "成功", "已退款", "会员折扣"];
        for &(role, header, row) in files {
            let plain = first_outcome(role, &format!("{header}\n{row}\n"));
            for column in ["备注", "订单备注", "附言", "摘要", "商品名称"] {
                for remark in remarks {
                    let text = format!("{header},{column}\n{row},{remark}\n");
                    assert_eq!(first_outcome(role, &text), plain, "{header}: {column} {remark}");
                }
            }
        }
        // Result and status columns still decide.
        let cases: &[(Role, &str, &str, Outcome)] = &[
            (
                Role::TerminalLog,
                "交易时间,交易金额,交易结果",
                "2026-11-16 12:41:20,268.00,交易失败",
                Outcome::Declined,
            ),
            (
                Role::TerminalLog,
                "交易时间,交易金额,应答信息",
                "2026-11-16 12:41:20,268.00,交易超时",
                Outcome::Unknown,
            ),
            (
                Role::TerminalLog,
                "交易时间,交易金额,应答信息",
                "2026-11-16 12:41:20,268.00,交易成功",
                Outcome::Approved,
            ),
            (
                Role::OrderList,
                "订单号,结账时间,实收金额,订单状态",
                "ZD1,2026-11-16 12:41:05,268.00,已取消",
                Outcome::Declined,
            ),
            (
                Role::OrderList,
                "订单号,结账时间,实收金额,订单状态",
                "ZD1,2026-11-16 12:41:05,268.00,挂单",
                Outcome::Unknown,
            ),
        ];
        for &(role, header, row, expected) in cases {
            let (_, outcome) = first_outcome(role, &format!("{header},备注\n{row},打包带走\n"));
            assert_eq!(outcome, expected, "{header} / {row}");
        }
    }

    /// Statement-like text from pieces that trip readers: delimiters, line breaks, totals, blank
    /// lines, repeated headers, odd amounts and times.
    fn statement_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let cell = prop::sample::select(vec![
            "",
            " ",
            "合计",
            "交易时间",
            "交易金额",
            "应答码",
            "手续费",
            "2026-11-05 10:00:00",
            "10:00:00",
            "2026-11-05",
            "20261105",
            "1,234.00",
            "12,3x",
            "-3.50",
            "(1.00)",
            "¥12",
            "00",
            "98",
            "交易超时",
            "消费",
            "6222021234567890123",
            "'001001",
            "=\"0012\"",
            "\u{feff}",
            "é",
            "\t",
        ]);
        let row = prop::collection::vec(cell, 0..6)
            .prop_flat_map(|cells| (Just(cells), prop::sample::select(vec![",", "\t", "|", ";"])))
            .prop_map(|(cells, delimiter)| cells.join(delimiter));
        let line_break = prop::sample::select(vec!["\n", "\r\n"]);
        prop::collection::vec((row, line_break), 0..12)
            .prop_map(|lines| lines.into_iter().map(|(row, brk)| row + brk).collect())
    }

    proptest::proptest! {
        /// Whatever the text, reading it never panics and (without quotes, so no multi-line
        /// cells) accounts for every line below the header exactly once.
        #[test]
        fn any_text_is_fully_accounted_for(
            header in proptest::sample::select(vec![
                "交易时间,交易金额,应答码\n",
                "交易日期\t交易时间\t交易金额(分)\t手续费\n",
                "",
            ]),
            body in statement_text(),
        ) {
            let text = format!("{header}{body}");
            render("p.csv", &text, Enc::Utf8, None, 0);
            render("p.csv", &text, Enc::Gbk, Some(Role::AcquirerStatement), 0);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let mut ingested = ingest::read_first("x.csv", &bytes, None);
            let records = run(&mut ingested, 0);
            proptest::prop_assert_eq!(ingested.input.data_rows, records.len() as u64);
        }
    }
}
