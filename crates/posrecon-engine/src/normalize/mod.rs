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
//! non-number there means the columns were misread. Roles this slice does not analyse yet (bank
//! statements, order lists, wallet bills) have their rows skipped with a reason, so the file card
//! still shows what the file is and every row stays accounted for.
//!
//! Amounts are stored positive; the direction is the transaction type. A negative amount in a
//! file without a type column is a refund.

pub mod amount;
pub mod classify;
pub mod text;
pub mod time;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::Settings;
use crate::ingest::{Field, Ingested, RawRow, Table};
use crate::model::{Record, Role, TxnType};
use crate::report::{Coverage, RowNote};
use amount::{Unit, parse_amount};

/// Converts the table's rows into records, completing the file's row accounting.
pub fn run(ingested: &mut Ingested, file_idx: usize, settings: &Settings) -> Vec<Record> {
    // Clearing dates and cut-offs are the matcher's business; nothing here depends on settings yet.
    let _ = settings;
    let Ingested { input, table } = ingested;
    let mut records = Vec::new();

    let skip_all = |reason: &str, skipped: &mut Vec<RowNote>| {
        skipped.extend(table.rows.iter().map(|r| RowNote { line: r.line, reason: reason.to_owned() }));
    };
    match input.role {
        Some(Role::TerminalLog | Role::AcquirerStatement) if !table.columns.contains_key(&Field::Amount) => {
            if input.error.is_none() && !table.rows.is_empty() {
                input.error = Some("no amount column found (such as 交易金额)".to_owned());
            }
            skip_all("file has no amount column", &mut input.skipped_rows);
        }
        Some(role @ (Role::TerminalLog | Role::AcquirerStatement)) => {
            let units = Units::of(table);
            let mut date_only = Vec::new();
            for row in &table.rows {
                match read_row(table, row, role, &units) {
                    Ok((mut record, is_date_only)) => {
                        record.file_idx = file_idx;
                        records.push(record);
                        date_only.push(is_date_only);
                    }
                    Err(reason) => input.rejected_rows.push(RowNote { line: row.line, reason }),
                }
            }
            input.coverage = coverage(&records, &date_only);
        }
        Some(Role::BankStatement) => skip_all("bank statements are not analysed yet", &mut input.skipped_rows),
        Some(Role::OrderList) => skip_all("order lists are not analysed yet", &mut input.skipped_rows),
        Some(Role::WalletBill) => skip_all("wallet bills are not analysed yet", &mut input.skipped_rows),
        None => skip_all("file role unknown; choose the file's role", &mut input.skipped_rows),
    }
    input.skipped_rows.sort_by_key(|n| n.line);
    input.rejected_rows.sort_by_key(|n| n.line);
    input.data_rows = records.len() as u64;
    records
}

/// Unit of each money column, from its header.
struct Units {
    amount: Unit,
    fee: Unit,
    net: Unit,
}

impl Units {
    fn of(table: &Table) -> Units {
        let unit = |field| table.header_of(field).map_or(Unit::Yuan, Unit::from_header);
        Units { amount: unit(Field::Amount), fee: unit(Field::Fee), net: unit(Field::Net) }
    }
}

/// Reads a money cell; empty is `None`, unreadable is the row's reject reason.
fn money(name: &str, cell: Option<&str>, unit: Unit) -> Result<Option<i64>, String> {
    let Some(cell) = cell else { return Ok(None) };
    parse_amount(cell, unit).map_err(|e| format!("{name} '{}' {}", cell.trim(), e.describe()))
}

/// The row's time, and whether it is a date without a time of day.
fn row_time(table: &Table, row: &RawRow) -> Result<Option<(NaiveDateTime, bool)>, String> {
    let cell = |field| table.cell(row, field).map(str::trim);
    let date_from = |cell: &str| -> Result<NaiveDate, String> {
        time::parse_date(cell).ok_or_else(|| format!("date '{cell}' is not a date"))
    };
    if let Some(stamp) = cell(Field::Time) {
        if stamp.is_empty() {
            return Err("time is empty".to_owned());
        }
        return match time::parse_temporal(stamp) {
            Some(time::Temporal::DateTime(t)) => Ok(Some((t, false))),
            Some(time::Temporal::Date(d)) => match cell(Field::TimeOfDay) {
                Some(tod) => Ok(Some((d.and_time(time_of_day(tod)?), false))),
                None => Ok(Some((d.and_time(NaiveTime::MIN), true))),
            },
            _ => Err(format!("time '{stamp}' is not a date and time")),
        };
    }
    let Some(date) = cell(Field::Date) else { return Ok(None) };
    if date.is_empty() {
        return Err("date is empty".to_owned());
    }
    if let Some(t) = time::parse_datetime(date) {
        return Ok(Some((t, false)));
    }
    let date = date_from(date)?;
    match cell(Field::TimeOfDay) {
        Some(tod) => Ok(Some((date.and_time(time_of_day(tod)?), false))),
        None => Ok(Some((date.and_time(NaiveTime::MIN), true))),
    }
}

fn time_of_day(cell: &str) -> Result<NaiveTime, String> {
    if cell.is_empty() {
        return Err("time of day is empty".to_owned());
    }
    time::parse_time_of_day(cell).ok_or_else(|| format!("time of day '{cell}' is not a time"))
}

/// One data row -> one record (with `file_idx` 0), or the reason it cannot be read.
fn read_row(table: &Table, row: &RawRow, role: Role, units: &Units) -> Result<(Record, bool), String> {
    let cell = |field| table.cell(row, field);
    let id = |field| cell(field).and_then(text::identifier);

    let amount = match money("amount", cell(Field::Amount), units.amount)? {
        Some(amount) => amount,
        None => return Err("amount is empty".to_owned()),
    };
    let fee_cents = money("fee", cell(Field::Fee), units.fee)?;
    let net_cents = money("net amount", cell(Field::Net), units.net)?;
    let time = row_time(table, row)?;
    let settlement_date = match cell(Field::SettlementDate).map(str::trim) {
        None | Some("") => None,
        Some(d) => Some(
            time::parse_date(d).ok_or_else(|| format!("settlement date '{d}' is not a date"))?,
        ),
    };

    let txn_type = match cell(Field::TxnType).map(str::trim) {
        Some(t) if !t.is_empty() => classify::txn_type(t),
        // No type written: a negative amount is money going back.
        _ if amount < 0 => TxnType::Refund,
        _ => TxnType::Sale,
    };
    let response_code = cell(Field::ResponseCode).map(|c| text::unwrap_cell(c).to_owned());
    let response_text = [Field::ResponseText, Field::Status]
        .into_iter()
        .filter_map(|f| cell(f).map(text::unwrap_cell))
        .find(|t| !t.is_empty())
        .map(str::to_owned);
    let outcome = classify::outcome(
        role,
        response_code.as_deref(),
        cell(Field::ResponseText),
        cell(Field::Status),
    );

    let record = Record {
        file_idx: 0,
        line: row.line,
        role,
        time: time.map(|(t, _)| t),
        amount_cents: amount.abs(),
        fee_cents,
        net_cents,
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
    };
    Ok((record, time.is_some_and(|(_, date_only)| date_only)))
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
    use crate::model::Outcome;

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
    pub(crate) fn render(name: &str, text: &str, enc: Enc, role: Option<Role>, continuation: u32) -> String {
        let mut ingested = ingest::run(name, &encode(text, enc), role);
        let records = run(&mut ingested, 0, &Settings::default());
        let input = &ingested.input;
        if let Some(header_line) = input.header_line {
            let lines = text.split_inclusive('\n').count() as u64;
            let accounted =
                input.data_rows + input.skipped_rows.len() as u64 + input.rejected_rows.len() as u64;
            assert_eq!(accounted + u64::from(continuation), lines - u64::from(header_line), "{name}: {input:#?}");
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
            let columns: Vec<String> = input.columns.iter().map(|(k, v)| format!("{k}={v}")).collect();
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
                ("fee", r.fee_cents.map(|v| v.to_string())),
                ("net", r.net_cents.map(|v| v.to_string())),
                ("mid", r.merchant_id.clone()),
                ("tid", r.terminal_id.clone()),
                ("batch", r.batch_no.clone()),
                ("stan", r.stan.clone()),
                ("rrn", r.rrn.clone()),
                ("auth", r.auth_code.clone()),
                ("card", r.card_masked.clone()),
                ("order", r.order_id.clone()),
                ("code", r.response_code.clone()),
                ("text", r.response_text.clone()),
                ("settle", r.settlement_date.map(|d| d.to_string())),
            ];
            for (name, value) in extras {
                if let Some(value) = value {
                    write!(line, " {name}={value:?}").unwrap();
                }
            }
            writeln!(out, "{line}").unwrap();
        }
        for n in &input.skipped_rows {
            writeln!(out, "skip L{}: {}", n.line, n.reason).unwrap();
        }
        for n in &input.rejected_rows {
            writeln!(out, "reject L{}: {}", n.line, n.reason).unwrap();
        }
        out
    }

    fn check(name: &str, text: &str, enc: Enc, expect: Expect) {
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
        check("终端交易明细.csv", TERMINAL_LOG, Enc::Utf8Bom, expect![[r#"
            终端交易明细.csv format=csv encoding=utf-8 role=terminal_log (0.95) header_line=4
            columns: amount=交易金额(元) auth_code=授权码 batch_no=批次号 card=卡号 response_code=应答码 response_text=应答信息 rrn=参考号 stan=凭证号 terminal_id=终端号 time=交易时间 type=交易类型
            coverage: 2026-11-09 10:02:11 .. 2026-11-09 10:06:02
            L5 2026-11-09 10:02:11 Sale 26800 Approved tid="10086602" batch="000012" stan="001001" rrn="309140500101" auth="581732" card="621226******8429" code="00" text="交易成功"
            L6 2026-11-09 10:05:40 Sale 158000 Unknown tid="10086602" batch="000012" stan="001002" card="622848******1234" code="" text="交易超时"
            L7 2026-11-09 10:06:02 Sale 4550 Declined tid="10086602" batch="000012" stan="001003" rrn="309140500103" card="436742******5521" code="51" text="余额不足"
            skip L8: total row
        "#]]);
    }

    #[test]
    fn demo_acquirer_statement() {
        check("对账单.csv", ACQUIRER_STATEMENT, Enc::Gbk, expect![[r#"
            对账单.csv format=csv encoding=gb18030 role=acquirer_statement (0.95) header_line=1
            columns: amount=交易金额 batch_no=交易批次号 card=卡号 date=交易日期 fee=手续费 merchant_id=商户号 net=结算金额 rrn=参考号 settlement_date=清算日期 stan=凭证号 terminal_id=终端号 time_of_day=交易时间 type=交易类型
            coverage: 2026-11-09 10:02:11 .. 2026-11-09 10:02:11
            L2 2026-11-09 10:02:11 Sale 26800 Approved fee="102" net="26698" mid="898440358120014" tid="10086602" batch="000012" stan="001001" rrn="309140500101" card="621226******8429" settle="2026-11-09"
        "#]]);
    }
}
