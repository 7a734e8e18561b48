//! Bank statement rows -> records: credits become deposits, debits are kept for coverage.
//!
//! A bank line has no transaction identifiers; what the engine needs from it is the date, the
//! direction and amount of the money, and the two texts that say who paid and why: the
//! counterparty (对方户名, e.g. `银联商务股份有限公司客户备付金`) and the memo (摘要 / 用途 / 附言,
//! e.g. `1102-1102费58.21元`). Banks write the amount in one of three ways, and the layout is
//! decided once per file from its columns:
//!
//! - two columns, one per direction: 借方 / 贷方, 支出 / 收入, 转出 / 转入, 借方金额 / 贷方金额,
//!   借方发生额 / 贷方发生额 (also a two-row header, merged by ingest);
//! - one amount and a direction column: 发生额 + 借贷标志 (借/贷, D/C);
//! - one signed amount: 交易金额 with a minus sign on money going out (中国银行).
//!
//! Credits become records of type [`TxnType::Deposit`]. Debits become records of type
//! [`TxnType::Other`]: nothing is matched against them, but they show which days the statement
//! covers, and a day with only outgoing lines is still a day the bank statement has seen. Dates
//! may come with or without a time of day.

use super::{money, row_time};
use crate::ingest::{Field, RawRow, Table};
use crate::model::{Outcome, Record, Role, TxnType};
use crate::normalize::amount::Unit;
use crate::normalize::text;

/// How a file writes the amount of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AmountLayout {
    /// Separate debit and credit columns (either may be missing).
    TwoColumns { debit: Unit, credit: Unit },
    /// One amount column and a 借贷标志 column.
    Flagged(Unit),
    /// One amount column, negative for money going out.
    Signed(Unit),
}

impl AmountLayout {
    /// The layout of a table, or `None` when it has no amount column at all.
    pub(crate) fn of(table: &Table) -> Option<AmountLayout> {
        let unit = |field| table.header_of(field).map_or(Unit::Yuan, Unit::from_header);
        let has = |field| table.columns.contains_key(&field);
        if has(Field::Debit) || has(Field::Credit) {
            Some(AmountLayout::TwoColumns {
                debit: unit(Field::Debit),
                credit: unit(Field::Credit),
            })
        } else if has(Field::Amount) && has(Field::Direction) {
            Some(AmountLayout::Flagged(unit(Field::Amount)))
        } else if has(Field::Amount) {
            Some(AmountLayout::Signed(unit(Field::Amount)))
        } else {
            None
        }
    }
}

/// Money in (`true`) or out, as a 借贷标志 cell says.
fn direction(flag: &str) -> Option<bool> {
    let flag = text::unwrap_cell(flag).to_uppercase();
    match flag.as_str() {
        "贷" | "贷方" | "C" | "CR" | "CREDIT" | "收" | "收入" | "入" | "来账" => {
            Some(true)
        }
        "借" | "借方" | "D" | "DR" | "DEBIT" | "支" | "支出" | "出" | "往账" => {
            Some(false)
        }
        _ => None,
    }
}

/// Signed fen of a line: positive is money into the account.
fn signed_amount(table: &Table, row: &RawRow, layout: AmountLayout) -> Result<i64, String> {
    let cell = |field| table.cell(row, field);
    match layout {
        AmountLayout::TwoColumns { debit, credit } => {
            let out = money("debit", cell(Field::Debit), debit)?.unwrap_or(0);
            let into = money("credit", cell(Field::Credit), credit)?.unwrap_or(0);
            match (out, into) {
                (0, 0) => Err("neither a debit nor a credit amount".to_owned()),
                (0, into) => Ok(into),
                (out, 0) => Ok(-out),
                _ => Err("both a debit and a credit amount".to_owned()),
            }
        }
        AmountLayout::Flagged(unit) => {
            let amount = money("amount", cell(Field::Amount), unit)?
                .ok_or_else(|| "amount is empty".to_owned())?;
            let flag = cell(Field::Direction).unwrap_or("").trim();
            match direction(flag) {
                Some(true) => Ok(amount.abs()),
                Some(false) => Ok(-amount.abs()),
                None if flag.is_empty() => Err("debit/credit flag is empty".to_owned()),
                None => Err(format!("debit/credit flag '{flag}' is neither 借 nor 贷")),
            }
        }
        AmountLayout::Signed(unit) => match money("amount", cell(Field::Amount), unit)? {
            None => Err("amount is empty".to_owned()),
            Some(0) => Err("amount is zero".to_owned()),
            Some(amount) => Ok(amount),
        },
    }
}

/// The line's date and time. Banks leave the time of day empty on some lines (interest, fees,
/// lines booked overnight), so an empty time of day next to a date means "date only" here.
fn bank_time(table: &Table, row: &RawRow) -> Result<Option<(chrono::NaiveDateTime, bool)>, String> {
    let empty_time_of_day = table.cell(row, Field::TimeOfDay).is_some_and(|c| c.trim().is_empty());
    if empty_time_of_day && !table.columns.contains_key(&Field::Time) {
        let date = table.cell(row, Field::Date).map(str::trim).unwrap_or("");
        if date.is_empty() {
            return Err("date is empty".to_owned());
        }
        let day =
            super::time::parse_date(date).ok_or_else(|| format!("date '{date}' is not a date"))?;
        return Ok(Some((day.and_time(chrono::NaiveTime::MIN), true)));
    }
    row_time(table, row)
}

/// One bank line -> one record (with `file_idx` 0) and whether its time is a bare date.
pub(crate) fn read_row(
    table: &Table,
    row: &RawRow,
    layout: AmountLayout,
) -> Result<(Record, bool), String> {
    let amount = signed_amount(table, row, layout)?;
    let Some((time, date_only)) = bank_time(table, row)? else {
        return Err("no date".to_owned());
    };
    let text_of = |field| {
        table.cell(row, field).map(text::unwrap_cell).filter(|c| !c.is_empty()).map(str::to_owned)
    };
    let record = Record {
        file_idx: 0,
        line: row.line,
        role: Role::BankStatement,
        time: Some(time),
        amount_cents: amount.abs(),
        fee_cents: None,
        net_cents: None,
        txn_type: if amount > 0 { TxnType::Deposit } else { TxnType::Other },
        outcome: Outcome::Approved,
        merchant_id: None,
        terminal_id: None,
        batch_no: None,
        stan: None,
        rrn: None,
        auth_code: None,
        card_masked: None,
        order_id: None,
        response_code: None,
        response_text: None,
        settlement_date: None,
        counterparty: text_of(Field::Counterparty),
        memo: table.memo(row),
        card_type: None,
        pay_method: None,
        channel_order_id: None,
        static_qr: false,
    };
    Ok((record, date_only))
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::normalize::tests::{Enc, check};

    #[test]
    fn icbc_two_columns_with_title_row() {
        // 工商银行 historydetail: a title row, 借/贷 plus one column per direction.
        let text = "\
中国工商银行账户历史明细（2026-11-09 至 2026-11-11）
凭证号,本方账号,对方账号,交易时间,借/贷,借方发生额,贷方发生额,对方行号,摘要,用途,对方单位名称,余额,个性化信息
,6222020200000000000,9558800200000000001,2026-11-10 09:12:30,贷,,\"1,562.94\",,银联入账,1109-1109费5.94元,银联商务股份有限公司客户备付金,\"11,562.94\",
00012,6222020200000000000,6228480000000000002,2026-11-10 15:40:00,借,800.00,,,转账,房租,某物业管理有限公司,\"10,762.94\",
,6222020200000000000,9558800200000000001,2026-11-11 09:05:10,贷,,266.98,,银联入账,1110-1110费1.02元,银联商务股份有限公司客户备付金,\"11,029.92\",
";
        check(
            "historydetail.csv",
            text,
            Enc::Utf8Bom,
            expect![[r#"
                historydetail.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=2
                columns: counterparty=对方单位名称 credit=贷方发生额 debit=借方发生额 debit_credit=借/贷 memo=摘要 stan=凭证号 time=交易时间
                coverage: 2026-11-10 09:12:30 .. 2026-11-11 09:05:10
                L3 2026-11-10 09:12:30 Deposit 156294 Approved party="银联商务股份有限公司客户备付金" memo="银联入账 / 1109-1109费5.94元"
                L4 2026-11-10 15:40:00 Other 80000 Approved party="某物业管理有限公司" memo="转账 / 房租"
                L5 2026-11-11 09:05:10 Deposit 26698 Approved party="银联商务股份有限公司客户备付金" memo="银联入账 / 1110-1110费1.02元"
            "#]],
        );
    }

    #[test]
    fn ccb_two_row_header_with_preamble() {
        // 建设银行: 发生额/元 spans two columns, the second header row names them 借方 / 贷方.
        let text = "\
账　　号,6222020200000000000
账户名称,示例便利店
账户明细编号-交易流水号,交易时间,本方账户名称,本方账号,对方户名,对方账号,摘要,备注,发生额/元,,余额/元
,,,,,,,,借方,贷方,
1001-0001,2026-11-16 08:31:02,示例便利店,6222020200000000000,银联商务股份有限公司客户备付金,9558800200000000001,POS收单,1113-1115费12.30元,,\"4,087.70\",\"14,087.70\"
1001-0002,2026-11-16 10:00:00,示例便利店,6222020200000000000,国家金库,,代扣税费,,120.00,,\"13,967.70\"
";
        check(
            "ccb.csv",
            text,
            Enc::Gbk,
            expect![[r#"
                ccb.csv format=csv encoding=gb18030 role=bank_statement (0.95) header_line=3
                columns: counterparty=对方户名 credit=贷方 debit=借方 memo=摘要 response_text=备注 time=交易时间
                coverage: 2026-11-16 08:31:02 .. 2026-11-16 10:00:00
                L5 2026-11-16 08:31:02 Deposit 408770 Approved party="银联商务股份有限公司客户备付金" memo="POS收单 / 1113-1115费12.30元"
                L6 2026-11-16 10:00:00 Other 12000 Approved party="国家金库" memo="代扣税费"
                skip L4: second header row
            "#]],
        );
    }

    #[test]
    fn boc_signed_amount_bilingual_headers() {
        // 中国银行: bilingual headers, one signed 交易金额, date and time in separate columns.
        let text = "\
查询账号[ Inquirer account number ],6222020200000000000
交易流水号[ Transaction reference number ],交易日期[ Transaction Date ],交易时间[ Transaction time ],付款人名称[ Payer's Name ],收款人名称[ Payee's Name ],摘要[ Reference ],交易金额[ Trade Amount ],交易后余额[ After-transaction balance ]
BOC0001,20261110,091500,银联商务股份有限公司客户备付金,示例便利店,1109-1109费5.94元,1562.94,11562.94
BOC0002,20261110,140000,示例便利店,某供应商,货款,-500.00,11062.94
BOC0003,20261111,,银联商务股份有限公司客户备付金,示例便利店,1110-1110费1.02元,266.98,11329.92
";
        check(
            "boc.csv",
            text,
            Enc::Utf8,
            expect![[r#"
                boc.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=2
                columns: amount=交易金额[ Trade Amount ] counterparty=付款人名称[ Payer's Name ] date=交易日期[ Transaction Date ] memo=摘要[ Reference ] stan=交易流水号[ Transaction reference number ] time_of_day=交易时间[ Transaction time ]
                coverage: 2026-11-10 09:15:00 .. 2026-11-11 23:59:59
                L3 2026-11-10 09:15:00 Deposit 156294 Approved party="银联商务股份有限公司客户备付金" memo="1109-1109费5.94元"
                L4 2026-11-10 14:00:00 Other 50000 Approved party="示例便利店" memo="货款"
                L5 2026-11-11 00:00:00 Deposit 26698 Approved party="银联商务股份有限公司客户备付金" memo="1110-1110费1.02元"
            "#]],
        );
    }

    #[test]
    fn amount_with_debit_credit_flag_and_date_only() {
        // 工商银行 variant 03: one 发生额 and a 借贷标志 column; 日期 without a time of day.
        let text = "\
日期,本方账号,对方单位,对方账号,摘要,附言,用途,借贷标志,发生额,余额
2026-11-10,6222020200000000000,银联商务股份有限公司客户备付金,9558800200000000001,收单清算,,1109-1109费5.94元,贷,1562.94,11562.94
2026-11-10,6222020200000000000,某供应商,6228480000000000002,转账,货款,,借,500.00,11062.94
2026-11-11,6222020200000000000,某客户,6228480000000000003,转账,,,C,88.00,11150.94
2026-11-11,6222020200000000000,某客户,6228480000000000003,转账,,,X,88.00,11150.94
2026-11-11,6222020200000000000,某客户,6228480000000000003,转账,,,,88.00,11150.94
";
        check(
            "icbc03.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            icbc03.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=1
            columns: amount=发生额 counterparty=对方单位 date=日期 debit_credit=借贷标志 memo=摘要
            coverage: 2026-11-10 00:00:00 .. 2026-11-11 23:59:59
            L2 2026-11-10 00:00:00 Deposit 156294 Approved party="银联商务股份有限公司客户备付金" memo="收单清算 / 1109-1109费5.94元"
            L3 2026-11-10 00:00:00 Other 50000 Approved party="某供应商" memo="转账 / 货款"
            L4 2026-11-11 00:00:00 Deposit 8800 Approved party="某客户" memo="转账"
            reject L5: debit/credit flag 'X' is neither 借 nor 贷
            reject L6: debit/credit flag is empty
        "#]],
        );
    }

    #[test]
    fn abc_and_cmb_layouts_and_bad_lines() {
        // 农业银行: 支出金额 / 收入金额, 交易用途.
        let abc = "\
账户名称：示例便利店
账户号：6222020200000000000
交易时间,对方户名,对方账号,交易用途,支出金额,收入金额,账户余额
2026-11-10 09:00:00,银联商务股份有限公司客户备付金,9558800200000000001,1109-1109费5.94元,,1562.94,11562.94
2026-11-10 10:00:00,某客户,6228480000000000003,还款,10.00,20.00,11572.94
2026-11-10 11:00:00,某客户,6228480000000000003,还款,,,11572.94
";
        check(
            "abc.csv",
            abc,
            Enc::Utf8,
            expect![[r#"
            abc.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=3
            columns: counterparty=对方户名 credit=收入金额 debit=支出金额 memo=交易用途 time=交易时间
            coverage: 2026-11-10 09:00:00 .. 2026-11-10 09:00:00
            L4 2026-11-10 09:00:00 Deposit 156294 Approved party="银联商务股份有限公司客户备付金" memo="1109-1109费5.94元"
            reject L5: both a debit and a credit amount
            reject L6: neither a debit nor a credit amount
        "#]],
        );
        // 招商银行: GBK, 交易日 + 交易时间, 收(付)方名称, 借方金额 / 贷方金额.
        let cmb = "\
公司名称,示例便利店\r
银行账号,6222020200000000000\r
流水号,交易日,交易时间,收(付)方名称,收(付)方账号,交易类型,业务摘要,其它摘要,用途,借方金额,贷方金额,余额\r
C001,20261110,09:00:00,银联商务股份有限公司客户备付金,9558800200000000001,转账,收单结算,,1109-1109费5.94元,,1562.94,11562.94\r
";
        check(
            "cmb.csv",
            cmb,
            Enc::Gbk,
            expect![[r#"
            cmb.csv format=csv encoding=gb18030 role=bank_statement (0.95) header_line=3
            columns: counterparty=收(付)方名称 credit=贷方金额 date=交易日 debit=借方金额 memo=用途 stan=流水号 time_of_day=交易时间 type=交易类型
            coverage: 2026-11-10 09:00:00 .. 2026-11-10 09:00:00
            L4 2026-11-10 09:00:00 Deposit 156294 Approved party="银联商务股份有限公司客户备付金" memo="收单结算 / 1109-1109费5.94元"
        "#]],
        );
    }
}
