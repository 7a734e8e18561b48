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
//! Each is written in more than one way, and reading one wrong turns a rent payment into a
//! phantom deposit, so every form is read, and where they disagree the row says so:
//!
//! - a debit column may hold `-3000.00` (the sign repeats the direction): still a debit;
//! - a banks splits one amount into `交易金额(收入)` / `交易金额(支出)` and may put `-` there and
//!   the money in `记账金额(收入)` / `记账金额(支出)`: the pair that holds money is read
//!   ([`crate::ingest::Table::alternates`]);
//! - flags come as 借/贷, 借方/贷方, `贷 Cr`, D/C, Dr/Cr, 收/支, 收入/支出, 转入/转出, 存入/支取;
//! - signs as `+`/`-`, parentheses, a trailing minus.
//!
//! The balance column proves the reading ([`super::balance`]): where a line's balance moved by
//! its amount the other way than its flag or column says, the balance wins and the row carries a
//! warning; a single unsigned amount column with neither flag nor sign is read only where the
//! balance settles each line's direction.
//!
//! Credits become records of type [`TxnType::Deposit`]. Debits become records of type
//! [`TxnType::Other`]: nothing is matched against them, but they show which days the statement
//! covers, and a day with only outgoing lines is still a day the bank statement has seen. Dates
//! may come with or without a time of day.

use super::balance::{self, Direction, Line};
use super::{money, row_time};
use crate::accounting::{BalanceCheck, RowNote};
use crate::ingest::{Field, RawRow, Table};
use crate::message::{BalanceSays, Doubt, Note, Problem};
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

/// Words of a direction flag, compared on the flag's parts (see [`direction`]).
const CREDIT_WORDS: &[&str] =
    &["贷", "贷方", "收", "收入", "入", "入账", "来账", "存", "存入", "转入", "c", "cr", "credit"];
const DEBIT_WORDS: &[&str] = &[
    "借", "借方", "支", "支出", "出", "出账", "往账", "取", "支取", "取出", "转出", "付", "付出",
    "d", "dr", "debit",
];

/// Money in or out, as a 借贷标志 cell says: `贷`, `贷方`, `贷 Cr`, `C`, `Dr`, `收`, `支出`,
/// `转入`, `+`, `-`. The cell is split into its parts (spaces, `/`, brackets); every part that is
/// a direction word must agree, and at least one must be.
pub(crate) fn direction(flag: &str) -> Option<Direction> {
    let flag = text::unwrap_cell(flag).to_lowercase();
    match flag.trim() {
        "+" => return Some(Direction::In),
        "-" => return Some(Direction::Out),
        _ => {}
    }
    let mut found: Option<Direction> = None;
    let parts = flag
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '/' | '(' | ')' | '（' | '）' | '-' | '_' | '|')
        })
        .filter(|p| !p.is_empty());
    for part in parts {
        let this = if CREDIT_WORDS.contains(&part) {
            Direction::In
        } else if DEBIT_WORDS.contains(&part) {
            Direction::Out
        } else {
            continue;
        };
        if found.is_some_and(|f| f != this) {
            return None;
        }
        found = Some(this);
    }
    found
}

/// The cell of `field` in `row`, or of the first alternate column of that field that is not
/// empty when the chosen column is (see [`Table::alternates`]).
fn money_cell<'a>(table: &'a Table, row: &RawRow, field: Field) -> Option<&'a str> {
    let first = table.cell(row, field)?;
    if !is_blank(first) {
        return Some(first);
    }
    let alternates = table.alternates.get(&field).map_or(&[][..], Vec::as_slice);
    Some(
        alternates
            .iter()
            .filter_map(|&col| table.row(row).get(col))
            .find(|c| !is_blank(c))
            .unwrap_or(first),
    )
}

/// Empty or a placeholder (`-`, `--`, `—`).
fn is_blank(cell: &str) -> bool {
    matches!(text::unwrap_cell(cell).trim(), "" | "-" | "--" | "—" | "*")
}

/// The amount of a line as its columns, flag or sign say it.
struct Read {
    /// Positive fen.
    magnitude: i64,
    /// `None` when nothing in the row says which way the money went.
    direction: Option<Direction>,
    /// What contradicts the direction within the row itself (a flag against a sign).
    doubt: Option<Doubt>,
}

/// Reads the amount of one line.
fn read_amount(
    table: &Table,
    row: &RawRow,
    layout: AmountLayout,
    signs: Signs,
) -> Result<Read, Note> {
    if let AmountLayout::Signed(unit) | AmountLayout::Flagged(unit) = layout
        && let Some(cell) = money_cell(table, row, Field::Amount)
        && crate::normalize::amount::parse_amount(cell, unit).is_err()
        && let Some((magnitude, direction)) = amount_with_flag(cell, unit)
        && magnitude > 0
    {
        return Ok(Read { magnitude, direction: Some(direction), doubt: None });
    }
    match layout {
        AmountLayout::TwoColumns { debit, credit } => two_columns(table, row, debit, credit),
        AmountLayout::Flagged(unit) => flagged(table, row, unit),
        AmountLayout::Signed(unit) => {
            match money(Field::Amount, money_cell(table, row, Field::Amount), unit)? {
                None => Err(Note::EmptyCell { field: Field::Amount }),
                Some(0) => Err(Note::AmountZero),
                Some(amount) => Ok(Read {
                    magnitude: amount.abs(),
                    direction: match (signs, amount < 0) {
                        (Signs::Unknown, _) => None,
                        (Signs::MinusIsOut, true) | (Signs::MinusIsIn, false) => {
                            Some(Direction::Out)
                        }
                        (Signs::MinusIsOut, false) | (Signs::MinusIsIn, true) => {
                            Some(Direction::In)
                        }
                    },
                    doubt: None,
                }),
            }
        }
    }
}

/// A line with a debit and a credit column.
fn two_columns(table: &Table, row: &RawRow, debit: Unit, credit: Unit) -> Result<Read, Note> {
    let out = money(Field::Debit, money_cell(table, row, Field::Debit), debit)?.unwrap_or(0);
    let into = money(Field::Credit, money_cell(table, row, Field::Credit), credit)?.unwrap_or(0);
    match (out, into) {
        (0, 0) => Err(Note::NeitherDebitNorCredit),
        // A debit column's minus sign repeats its direction.
        (out, 0) => Ok(Read { magnitude: out.abs(), direction: Some(Direction::Out), doubt: None }),
        (0, into) if into > 0 => {
            Ok(Read { magnitude: into, direction: Some(Direction::In), doubt: None })
        }
        // A negative credit is a credit taken back (冲账): money out, unless the balance says
        // otherwise.
        (0, into) => Ok(Read {
            magnitude: into.abs(),
            direction: Some(Direction::Out),
            doubt: Some(Doubt::NegativeCredit),
        }),
        _ => Err(Note::BothDebitAndCredit),
    }
}

/// A line with one amount column and a 借/贷 flag.
fn flagged(table: &Table, row: &RawRow, unit: Unit) -> Result<Read, Note> {
    let amount = money(Field::Amount, money_cell(table, row, Field::Amount), unit)?
        .ok_or(Note::EmptyCell { field: Field::Amount })?;
    if amount == 0 {
        return Err(Note::AmountZero);
    }
    let flag = table.cell(row, Field::Direction).map_or("", |c| text::unwrap_cell(c).trim());
    let by_sign = if amount < 0 { Direction::Out } else { Direction::In };
    let (direction, doubt) = match direction(flag) {
        Some(by_flag) => {
            let explicit_sign = amount < 0 || signed_text(table, row, Field::Amount);
            let doubt = (explicit_sign && by_flag != by_sign)
                .then(|| Doubt::FlagAgainstSign { flag: flag.to_owned() });
            (Some(by_flag), doubt)
        }
        // The balance may still tell.
        None if flag.is_empty() => (None, Some(Doubt::FlagEmpty)),
        // A flag in words the engine does not know (`1`/`2`, a bank's own code): the balance
        // may still tell.
        None => (None, Some(Doubt::FlagUnknown { flag: flag.to_owned() })),
    };
    Ok(Read { magnitude: amount.abs(), direction, doubt })
}

/// An amount cell with its direction written into it (`1,274.14贷`, `借 356.20`, `88.00 Cr`): the
/// number and the direction, when the cell is such.
fn amount_with_flag(cell: &str, unit: Unit) -> Option<(i64, Direction)> {
    let cell = text::unwrap_cell(cell).trim();
    let word_at = |part: &str| direction(part.trim());
    let split = cell
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | ' ')));
    let (number, flag) = match split {
        Some((0, _)) => {
            // Flag first: `借 356.20`, `贷1574.00`.
            let at = cell.char_indices().find(|(_, c)| c.is_ascii_digit())?.0;
            (&cell[at..], &cell[..at])
        }
        Some((at, _)) => (&cell[..at], &cell[at..]),
        None => return None,
    };
    let direction = word_at(flag)?;
    let amount = crate::normalize::amount::parse_amount(number, unit).ok()??;
    Some((amount.abs(), direction))
}

/// Whether the cell writes its sign (`+1574.00`, `-3.00`, `(3.00)`, `3.00-`).
fn signed_text(table: &Table, row: &RawRow, field: Field) -> bool {
    money_cell(table, row, field).is_some_and(|c| {
        let c = text::unwrap_cell(c).trim();
        c.starts_with(['+', '-', '(', '（', '－']) || c.ends_with('-')
    })
}

/// Whether a single amount column's signs say the direction: some amount is negative or carries
/// a `+`, or the layout is one known to sign its amounts. An unsigned column of positive amounts
/// may be a list of both directions; only the balance can tell then.
fn signs_are_directions(table: &Table, dialect: Option<&str>) -> Signs {
    if dialect.is_some_and(crate::ingest::card_bill) {
        return Signs::MinusIsIn;
    }
    if dialect.is_some_and(|d| matches!(d, "boc_detail")) {
        return Signs::MinusIsOut;
    }
    let Some(unit) = table.header_of(Field::Amount).map(Unit::from_header) else {
        return Signs::Unknown;
    };
    let signed = table.rows.iter().any(|row| {
        signed_text(table, row, Field::Amount)
            || money(Field::Amount, money_cell(table, row, Field::Amount), unit)
                .is_ok_and(|a| a.is_some_and(|a| a < 0))
    });
    if signed { Signs::MinusIsOut } else { Signs::Unknown }
}

/// What the sign of a single amount column says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Signs {
    /// Nothing: the amounts are unsigned, or their sign is not known to mean a direction.
    Unknown,
    /// A bank account's view: minus is money out.
    MinusIsOut,
    /// A credit card's view: plus is money spent, minus a repayment or refund.
    MinusIsIn,
}

/// The line's date and time. Banks leave the time of day empty on some lines (interest, fees,
/// lines booked overnight), so an empty time of day next to a date means "date only" here.
fn bank_time(table: &Table, row: &RawRow) -> Result<Option<(chrono::NaiveDateTime, bool)>, Note> {
    let empty_time_of_day = table.cell(row, Field::TimeOfDay).is_some_and(|c| c.trim().is_empty());
    if empty_time_of_day && !table.columns.contains_key(&Field::Time) {
        let date = table.cell(row, Field::Date).map(str::trim).unwrap_or("");
        if date.is_empty() {
            return Err(Note::EmptyCell { field: Field::Date });
        }
        let day = super::time::parse_date(date).ok_or_else(|| Note::BadCell {
            field: Field::Date,
            value: date.to_owned(),
            problem: Problem::NotADate,
        })?;
        return Ok(Some((day.and_time(chrono::NaiveTime::MIN), true)));
    }
    row_time(table, row)
}

/// What reading a bank statement gives.
pub(crate) struct BankRead {
    /// Records (with `file_idx` 0), each with whether its time is a bare date.
    pub records: Vec<(Record, bool)>,
    /// Rows that could not be read.
    pub rejected: Vec<RowNote>,
    /// Rows read, but with something to say (a flag the balance contradicts).
    pub warnings: Vec<RowNote>,
    /// The running-balance proof, when the file has a balance column.
    pub balance: Option<BalanceCheck>,
}

/// Reads every row of a bank statement, proving directions with the balance column.
pub(crate) fn read_table(table: &Table, layout: AmountLayout, dialect: Option<&str>) -> BankRead {
    let signs = signs_are_directions(table, dialect);
    let balance_unit = table.header_of(Field::Balance).map(Unit::from_header);
    let mut rejected = Vec::new();
    let mut warnings = Vec::new();
    // Rows read so far, in file order: the row, its amount, its time and its balance.
    let mut lines: Vec<Line> = Vec::new();
    let mut parts: Vec<(&RawRow, Read, chrono::NaiveDateTime, bool)> = Vec::new();
    for row in &table.rows {
        let read = read_amount(table, row, layout, signs).and_then(|read| {
            let time = bank_time(table, row)?.ok_or(Note::NoDate)?;
            let balance = match balance_unit {
                Some(unit) => money(Field::Balance, table.cell(row, Field::Balance), unit)?,
                None => None,
            };
            Ok((read, time, balance))
        });
        match read {
            Ok((read, (time, date_only), balance)) => {
                lines.push(Line {
                    line: row.line,
                    magnitude: read.magnitude,
                    direction: read.direction,
                    balance,
                    time,
                });
                parts.push((row, read, time, date_only));
            }
            Err(reason) => rejected.push(RowNote::new(row.line, reason)),
        }
    }
    let proof = balance_unit.map(|_| balance::prove(&lines));
    // A flag in a bank's own code (`1` / `2`): what the balance shows on the lines it settles
    // says what each code means, when it says one thing on at least two lines.
    let flag_of = |row: &RawRow| {
        table.cell(row, Field::Direction).map(|c| text::unwrap_cell(c).trim().to_owned())
    };
    let learned = proof.as_ref().map(|p| learn_flags(&parts, p, flag_of)).unwrap_or_default();
    let mut records = Vec::new();
    for (i, (row, read, time, date_only)) in parts.into_iter().enumerate() {
        let mut settled = proof.as_ref().and_then(|p| p.directions[i]);
        if settled.is_none()
            && read.direction.is_none()
            && let Some(flag) = flag_of(row)
            && let Some((Some(meaning), seen)) = learned.get(&flag)
            && *seen >= 2
        {
            let note = Note::FlagLearned { flag, direction: meaning.money(), seen: *seen };
            warnings.push(RowNote::new(row.line, note));
            settled = Some(*meaning);
        }
        let balance = match &proof {
            None => BalanceSays::NoBalanceColumn,
            Some(_) if lines[i].balance.is_none() => BalanceSays::NoBalanceOnLine,
            Some(_) => BalanceSays::CannotTell,
        };
        match direction_of(&read, settled, balance) {
            Ok((direction, note)) => {
                warnings.extend(note.map(|note| RowNote::new(row.line, note)));
                records.push((record(table, row, time, read.magnitude, direction), date_only));
            }
            Err(note) => rejected.push(RowNote::new(row.line, note)),
        }
    }
    rejected.sort_by_key(|n| n.line);
    let balance = proof.map(|p| BalanceCheck {
        column: table.header_of(Field::Balance).unwrap_or_default().to_owned(),
        lines: p.lines,
        confirmed: p.confirmed,
        order: p.order.as_str().to_owned(),
        breaks: p.breaks,
    });
    BankRead { records, rejected, warnings, balance }
}

/// A flag in a bank's own code (`1` / `2`): what the balance shows on the lines it settles says
/// what each code means (`None` when it says both), with the number of lines it was seen on.
fn learn_flags(
    parts: &[(&RawRow, Read, chrono::NaiveDateTime, bool)],
    proof: &balance::Proof,
    flag_of: impl Fn(&RawRow) -> Option<String>,
) -> std::collections::BTreeMap<String, (Option<Direction>, usize)> {
    let mut learned: std::collections::BTreeMap<String, (Option<Direction>, usize)> =
        std::collections::BTreeMap::new();
    for (i, (row, read, ..)) in parts.iter().enumerate() {
        if let (None, Some(shown), Some(flag)) = (read.direction, proof.directions[i], flag_of(row))
            && !flag.is_empty()
        {
            let entry = learned.entry(flag).or_insert((Some(shown), 0));
            if entry.0 != Some(shown) {
                entry.0 = None;
            }
            entry.1 += 1;
        }
    }
    learned
}

/// The direction a line is read in (what the row says, unless the balance `settled` otherwise)
/// with the warning it gets, or why it cannot be read (`balance` says why the balance is silent).
fn direction_of(
    read: &Read,
    settled: Option<Direction>,
    balance: BalanceSays,
) -> Result<(Direction, Option<Note>), Note> {
    match (read.direction, settled) {
        (Some(said), Some(shown)) if said != shown => {
            Ok((shown, Some(Note::DirectionCorrected { said: said.money(), shown: shown.money() })))
        }
        (Some(said), _) => {
            let note =
                read.doubt.clone().map(|doubt| Note::DirectionDoubt { doubt, said: said.money() });
            Ok((said, note))
        }
        (None, Some(shown)) => Ok((shown, None)),
        (None, None) => Err(Note::DirectionUnknown { doubt: read.doubt.clone(), balance }),
    }
}

/// One bank line -> one record (with `file_idx` 0).
fn record(
    table: &Table,
    row: &RawRow,
    time: chrono::NaiveDateTime,
    magnitude: i64,
    direction: Direction,
) -> Record {
    let text_of = |field| {
        table.cell(row, field).map(text::unwrap_cell).filter(|c| !c.is_empty()).map(str::to_owned)
    };
    let mut record = Record {
        line: row.line,
        time: Some(time),
        amount_cents: magnitude,
        txn_type: match direction {
            Direction::In => TxnType::Deposit,
            Direction::Out => TxnType::Other,
        },
        outcome: Outcome::Approved,
        ..Record::blank(Role::BankStatement)
    };
    record.edit_extra(|e| {
        e.counterparty = text_of(Field::Counterparty);
        e.memo = table.memo(row);
    });
    record
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::normalize::tests::{Enc, check, render};

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
                columns: balance=余额 counterparty=对方单位名称 credit=贷方发生额 debit=借方发生额 debit_credit=借/贷 memo=摘要 stan=凭证号 time=交易时间
                coverage: 2026-11-10 09:12:30 .. 2026-11-11 09:05:10
                L3 2026-11-10 09:12:30 Deposit 156294 Approved party="银联商务股份有限公司客户备付金" memo="银联入账 / 1109-1109费5.94元"
                L4 2026-11-10 15:40:00 Other 80000 Approved party="某物业管理有限公司" memo="转账 / 房租"
                L5 2026-11-11 09:05:10 Deposit 26698 Approved party="银联商务股份有限公司客户备付金" memo="银联入账 / 1110-1110费1.02元"
                balance 余额: 3/3 lines confirmed, oldest_first
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
                columns: balance=余额/元 counterparty=对方户名 credit=贷方 debit=借方 memo=摘要 time=交易时间
                coverage: 2026-11-16 08:31:02 .. 2026-11-16 10:00:00
                L5 2026-11-16 08:31:02 Deposit 408770 Approved party="银联商务股份有限公司客户备付金" memo="POS收单 / 1113-1115费12.30元"
                L6 2026-11-16 10:00:00 Other 12000 Approved party="国家金库" memo="代扣税费"
                balance 余额/元: 2/2 lines confirmed, oldest_first
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
                columns: amount=交易金额[ Trade Amount ] balance=交易后余额[ After-transaction balance ] counterparty=付款人名称[ Payer's Name ] date=交易日期[ Transaction Date ] memo=摘要[ Reference ] stan=交易流水号[ Transaction reference number ] time_of_day=交易时间[ Transaction time ]
                coverage: 2026-11-10 09:15:00 .. 2026-11-11 23:59:59
                L3 2026-11-10 09:15:00 Deposit 156294 Approved party="银联商务股份有限公司客户备付金" memo="1109-1109费5.94元"
                L4 2026-11-10 14:00:00 Other 50000 Approved party="示例便利店" memo="货款"
                L5 2026-11-11 00:00:00 Deposit 26698 Approved party="银联商务股份有限公司客户备付金" memo="1110-1110费1.02元"
                balance 交易后余额[ After-transaction balance ]: 3/3 lines confirmed, oldest_first
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
                columns: amount=发生额 balance=余额 counterparty=对方单位 date=日期 debit_credit=借贷标志 memo=摘要
                coverage: 2026-11-10 00:00:00 .. 2026-11-11 23:59:59
                L2 2026-11-10 00:00:00 Deposit 156294 Approved party="银联商务股份有限公司客户备付金" memo="收单清算 / 1109-1109费5.94元"
                L3 2026-11-10 00:00:00 Other 50000 Approved party="某供应商" memo="转账 / 货款"
                L4 2026-11-11 00:00:00 Deposit 8800 Approved party="某客户" memo="转账"
                balance 余额: 3/5 lines confirmed, oldest_first
                balance break L5 after L4: expected 1123894 stated 1115094
                balance break L6 after L5: expected 1123894 stated 1115094
                reject L5: debit/credit flag 'X' is neither 借 nor 贷, and the balance cannot tell (no line before it, or the chain breaks here)
                reject L6: debit/credit flag is empty, and the balance cannot tell (no line before it, or the chain breaks here)
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
                columns: balance=账户余额 counterparty=对方户名 credit=收入金额 debit=支出金额 memo=交易用途 time=交易时间
                coverage: 2026-11-10 09:00:00 .. 2026-11-10 09:00:00
                L4 2026-11-10 09:00:00 Deposit 156294 Approved party="银联商务股份有限公司客户备付金" memo="1109-1109费5.94元"
                balance 账户余额: 0/1 lines confirmed, oldest_first
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
                columns: balance=余额 counterparty=收(付)方名称 credit=贷方金额 date=交易日 debit=借方金额 memo=用途 stan=流水号 time_of_day=交易时间 type=交易类型
                coverage: 2026-11-10 09:00:00 .. 2026-11-10 09:00:00
                L4 2026-11-10 09:00:00 Deposit 156294 Approved party="银联商务股份有限公司客户备付金" memo="收单结算 / 1109-1109费5.94元"
                balance 余额: 0/1 lines confirmed, oldest_first
            "#]],
        );
    }

    /// Issue 8 kind 1: a bank statement with 交易摘要 / 本次余额 / 对手信息 and a signed amount,
    /// one line without a time of day. It is a bank statement, both lines are read.
    #[test]
    fn signed_amount_with_balance_and_a_line_without_time() {
        let text = "\
交易日期,交易时间,交易摘要,交易金额,本次余额,对手信息
20261110,083102,转存,+1574.00,21574.00,示例收单机构
20261111,,转存,+266.98,21840.98,示例收单机构
";
        check(
            "mx.csv",
            text,
            Enc::Utf8,
            expect![[r#"
                mx.csv format=csv encoding=utf-8 role=bank_statement (0.79) header_line=1
                columns: amount=交易金额 balance=本次余额 counterparty=对手信息 date=交易日期 memo=交易摘要 time_of_day=交易时间
                coverage: 2026-11-10 08:31:02 .. 2026-11-11 23:59:59
                L2 2026-11-10 08:31:02 Deposit 157400 Approved party="示例收单机构" memo="转存"
                L3 2026-11-11 00:00:00 Deposit 26698 Approved party="示例收单机构" memo="转存"
                balance 本次余额: 2/2 lines confirmed, oldest_first
            "#]],
        );
    }

    /// Issue 8 kind 2: direction flags with a suffix (`贷 Cr`), and their neighbours.
    #[test]
    fn direction_flags_in_every_form() {
        use super::direction;
        use crate::normalize::balance::Direction::{In, Out};
        let cases: &[(&str, Option<super::Direction>)] = &[
            ("贷 Cr", Some(In)),
            ("借 Dr", Some(Out)),
            ("贷", Some(In)),
            ("借方", Some(Out)),
            ("C", Some(In)),
            ("d", Some(Out)),
            ("CR", Some(In)),
            ("Dr", Some(Out)),
            ("收", Some(In)),
            ("支", Some(Out)),
            ("收入", Some(In)),
            ("支出", Some(Out)),
            ("转入", Some(In)),
            ("转出", Some(Out)),
            ("存入", Some(In)),
            ("支取", Some(Out)),
            ("贷/Credit", Some(In)),
            ("借(D)", Some(Out)),
            ("`贷", Some(In)),
            ("+", Some(In)),
            ("-", Some(Out)),
            ("贷 Dr", None),
            ("X", None),
            ("", None),
        ];
        for (flag, expected) in cases {
            assert_eq!(direction(flag), *expected, "{flag:?}");
        }
        let text = "\
序号,交易日期,交易时间,借贷,交易金额,余额,对方户名
1,2026-11-10,08:31:02,贷 Cr,1574.00,21574.00,示例收单机构
2,2026-11-10,16:45:10,借 Dr,3000.00,18574.00,示例物业
";
        check(
            "flags.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            flags.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=1
            columns: amount=交易金额 balance=余额 counterparty=对方户名 date=交易日期 debit_credit=借贷 time_of_day=交易时间
            coverage: 2026-11-10 08:31:02 .. 2026-11-10 16:45:10
            L2 2026-11-10 08:31:02 Deposit 157400 Approved party="示例收单机构"
            L3 2026-11-10 16:45:10 Other 300000 Approved party="示例物业"
            balance 余额: 2/2 lines confirmed, oldest_first
        "#]],
        );
    }

    /// Issue 8 kind 3: a negative number inside a dedicated debit column is a debit.
    #[test]
    fn negative_in_debit_column_is_a_debit() {
        let text = "\
户名:示例茶饮店
交易时间,对方户名,交易用途,支出金额,收入金额,账户余额
20261110 08:31:02,示例收单机构,POS清算,,1574.00,21574.00
20261110 16:45:10,示例物业,房租,-3000.00,,18574.00
";
        check(
            "neg.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            neg.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=2
            columns: balance=账户余额 counterparty=对方户名 credit=收入金额 debit=支出金额 memo=交易用途 time=交易时间
            coverage: 2026-11-10 08:31:02 .. 2026-11-10 16:45:10
            L3 2026-11-10 08:31:02 Deposit 157400 Approved party="示例收单机构" memo="POS清算"
            L4 2026-11-10 16:45:10 Other 300000 Approved party="示例物业" memo="房租"
            balance 账户余额: 2/2 lines confirmed, oldest_first
        "#]],
        );
    }

    /// Issue 8 kind 4: a bracketed qualifier carries the direction; the pair that holds the
    /// money is read.
    #[test]
    fn bracketed_direction_qualifiers() {
        let text = "\
交易日期,摘要,交易金额(收入),交易金额(支出),余额,对方户名
2026-11-10,转账,1574.00,,21574.00,示例收单机构
2026-11-10,转账,,3000.00,18574.00,示例物业
";
        check(
            "qual.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            qual.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=1
            columns: balance=余额 counterparty=对方户名 credit=交易金额(收入) date=交易日期 debit=交易金额(支出) memo=摘要
            coverage: 2026-11-10 00:00:00 .. 2026-11-10 23:59:59
            L2 2026-11-10 00:00:00 Deposit 157400 Approved party="示例收单机构" memo="转账"
            L3 2026-11-10 00:00:00 Other 300000 Approved party="示例物业" memo="转账"
            balance 余额: 2/2 lines confirmed, oldest_first
        "#]],
        );
        let two_pairs = "\
交易日期,摘要,交易金额(收入),交易金额(支出),记账金额(收入),记账金额(支出),余额,对方户名
2026-11-10,转账,-,-,1574.00,-,21574.00,示例收单机构
2026-11-10,转账,-,-,-,3000.00,18574.00,示例物业
";
        check(
            "pairs.csv",
            two_pairs,
            Enc::Utf8,
            expect![[r#"
            pairs.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=1
            columns: balance=余额 counterparty=对方户名 credit=交易金额(收入) date=交易日期 debit=交易金额(支出) memo=摘要
            coverage: 2026-11-10 00:00:00 .. 2026-11-10 23:59:59
            L2 2026-11-10 00:00:00 Deposit 157400 Approved party="示例收单机构" memo="转账"
            L3 2026-11-10 00:00:00 Other 300000 Approved party="示例物业" memo="转账"
            balance 余额: 2/2 lines confirmed, oldest_first
        "#]],
        );
    }

    /// Issue 8 kind 5: 存入金额 / 取出金额 and 交易对手名称.
    #[test]
    fn deposit_and_withdrawal_columns() {
        let text = "\
顺序号,交易日期,交易类型,存入金额,取出金额,余额,交易对手名称
1,2026-11-10,转账,1574.00,,21574.00,示例收单机构
2,2026-11-10,转账,,3000.00,18574.00,示例物业
";
        check(
            "cunqu.csv",
            text,
            Enc::Gbk,
            expect![[r#"
            cunqu.csv format=csv encoding=gb18030 role=bank_statement (0.95) header_line=1
            columns: balance=余额 counterparty=交易对手名称 credit=存入金额 date=交易日期 debit=取出金额 type=交易类型
            coverage: 2026-11-10 00:00:00 .. 2026-11-10 23:59:59
            L2 2026-11-10 00:00:00 Deposit 157400 Approved party="示例收单机构"
            L3 2026-11-10 00:00:00 Other 300000 Approved party="示例物业"
            balance 余额: 2/2 lines confirmed, oldest_first
        "#]],
        );
    }

    /// An unsigned single amount column: only the balance tells the direction; without one, the
    /// rows say they cannot be read rather than become deposits.
    #[test]
    fn unsigned_amounts_need_the_balance() {
        let with_balance = "\
交易日期,摘要,交易金额,账户余额,对方户名
2026-11-10,POS清算,1574.00,21574.00,示例收单机构
2026-11-10,房租,3000.00,18574.00,示例物业
2026-11-11,POS清算,266.98,18840.98,示例收单机构
";
        check(
            "unsigned.csv",
            with_balance,
            Enc::Utf8,
            expect![[r#"
            unsigned.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=1
            columns: amount=交易金额 balance=账户余额 counterparty=对方户名 date=交易日期 memo=摘要
            coverage: 2026-11-10 00:00:00 .. 2026-11-11 23:59:59
            L3 2026-11-10 00:00:00 Other 300000 Approved party="示例物业" memo="房租"
            L4 2026-11-11 00:00:00 Deposit 26698 Approved party="示例收单机构" memo="POS清算"
            balance 账户余额: 3/3 lines confirmed, oldest_first
            reject L2: direction unknown: no sign or debit/credit flag says whether the money came in or went out, and the balance cannot tell (no line before it, or the chain breaks here)
        "#]],
        );
        let without = "\
交易日期,摘要,交易金额,对方户名,借贷
2026-11-10,POS清算,1574.00,示例收单机构,
";
        check(
            "noflag.csv",
            without,
            Enc::Utf8,
            expect![[r#"
            noflag.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=1
            columns: amount=交易金额 counterparty=对方户名 date=交易日期 debit_credit=借贷 memo=摘要
            reject L2: debit/credit flag is empty, and the file has no balance column to tell
        "#]],
        );
    }

    /// A flag the balance contradicts: the balance wins and the row says so; a break in the chain
    /// is reported with the line before it.
    #[test]
    fn balance_overrules_a_flag_and_reports_breaks() {
        let text = "\
交易时间,借贷标志,发生额,余额,对方户名
2026-11-10 08:31:02,贷,1574.00,21574.00,示例收单机构
2026-11-10 16:45:10,贷,3000.00,18574.00,示例物业
2026-11-11 09:00:00,贷,266.98,18940.98,示例收单机构
";
        check(
            "contra.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            contra.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=1
            columns: amount=发生额 balance=余额 counterparty=对方户名 debit_credit=借贷标志 time=交易时间
            coverage: 2026-11-10 08:31:02 .. 2026-11-11 09:00:00
            L2 2026-11-10 08:31:02 Deposit 157400 Approved party="示例收单机构"
            L3 2026-11-10 16:45:10 Other 300000 Approved party="示例物业"
            L4 2026-11-11 09:00:00 Deposit 26698 Approved party="示例收单机构"
            balance 余额: 2/3 lines confirmed, oldest_first
            balance break L4 after L3: expected 1884098 stated 1894098
            warn L3: the row says money in, but the balance fell by this amount; read as money out
        "#]],
        );
    }

    /// Newest-first exports (many personal-banking exports list the latest line first).
    #[test]
    fn newest_first_statement() {
        let text = "\
交易日期,交易金额,余额,对方户名,摘要
2026-11-11,266.98,18840.98,示例收单机构,POS清算
2026-11-10,-3000.00,18574.00,示例物业,房租
2026-11-10,1574.00,21574.00,示例收单机构,POS清算
";
        check(
            "newest.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            newest.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=1
            columns: amount=交易金额 balance=余额 counterparty=对方户名 date=交易日期 memo=摘要
            coverage: 2026-11-10 00:00:00 .. 2026-11-11 23:59:59
            L2 2026-11-11 00:00:00 Deposit 26698 Approved party="示例收单机构" memo="POS清算"
            L3 2026-11-10 00:00:00 Other 300000 Approved party="示例物业" memo="房租"
            L4 2026-11-10 00:00:00 Deposit 157400 Approved party="示例收单机构" memo="POS清算"
            balance 余额: 3/3 lines confirmed, newest_first
        "#]],
        );
    }

    /// Neighbours of the same kinds: 出账金额 / 入账金额 (入账金额 is a credit beside a balance,
    /// not a settlement's net), 存款金额 / 取款金额 with `0.00` in the unused column, dates in
    /// 年月日 and dotted forms, a trailing minus and parentheses on a single amount.
    #[test]
    fn neighbouring_bank_layouts() {
        let out_in = "\
账号：6222000011112222
记账日期,交易时间,摘要,出账金额,入账金额,联机余额,对方账户名称
2026年11月10日,8:31:02,POS清算,,\"1,574.00\",\"21,574.00\",示例收单机构
2026年11月10日,16:45:10,房租,\"3,000.00\",,\"18,574.00\",示例物业
2026.11.11,,POS清算,,266.98,18840.98,示例收单机构
";
        check(
            "out_in.csv",
            out_in,
            Enc::Gbk,
            expect![[r#"
            out_in.csv format=csv encoding=gb18030 role=bank_statement (0.95) header_line=2
            columns: balance=联机余额 counterparty=对方账户名称 credit=入账金额 date=记账日期 debit=出账金额 memo=摘要 time_of_day=交易时间
            coverage: 2026-11-10 08:31:02 .. 2026-11-11 23:59:59
            L3 2026-11-10 08:31:02 Deposit 157400 Approved party="示例收单机构" memo="POS清算"
            L4 2026-11-10 16:45:10 Other 300000 Approved party="示例物业" memo="房租"
            L5 2026-11-11 00:00:00 Deposit 26698 Approved party="示例收单机构" memo="POS清算"
            balance 联机余额: 3/3 lines confirmed, oldest_first
        "#]],
        );
        let trailing = "\
交易日期,交易金额,账户余额,交易类型,对方户名
2026/11/10 08:31,1574.00,21574.00,转账存入,示例收单机构
2026/11/10 16:45,3000.00-,18574.00,转账支取,示例物业
2026/11/11 09:00,(100.00),18474.00,手续费,示例银行
";
        check(
            "trailing.csv",
            trailing,
            Enc::Utf8,
            expect![[r#"
            trailing.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=1
            columns: amount=交易金额 balance=账户余额 counterparty=对方户名 time=交易日期 type=交易类型
            coverage: 2026-11-10 08:31:00 .. 2026-11-11 09:00:00
            L2 2026-11-10 08:31:00 Deposit 157400 Approved party="示例收单机构"
            L3 2026-11-10 16:45:00 Other 300000 Approved party="示例物业"
            L4 2026-11-11 09:00:00 Other 10000 Approved party="示例银行"
            balance 账户余额: 3/3 lines confirmed, oldest_first
        "#]],
        );
        let deposit_withdrawal = "\
交易时间,存款金额,取款金额,余额,对方名称,交易摘要
20261110083102,1574.00,0.00,21574.00,示例收单机构,POS
20261110164510,0.00,3000.00,18574.00,示例物业,房租
";
        check(
            "cunkuan.csv",
            deposit_withdrawal,
            Enc::Utf8,
            expect![[r#"
            cunkuan.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=1
            columns: balance=余额 counterparty=对方名称 credit=存款金额 debit=取款金额 memo=交易摘要 time=交易时间
            coverage: 2026-11-10 08:31:02 .. 2026-11-10 16:45:10
            L2 2026-11-10 08:31:02 Deposit 157400 Approved party="示例收单机构" memo="POS"
            L3 2026-11-10 16:45:10 Other 300000 Approved party="示例物业" memo="房租"
            balance 余额: 2/2 lines confirmed, oldest_first
        "#]],
        );
    }

    /// Direction columns under other names (收支类型, 存取标志, 方向 with `+`/`-`, 收付标志 with
    /// 收/付), a flag in a bank's own code (only the balance can tell), and the direction written
    /// into the amount (`1,274.14贷`).
    #[test]
    fn flags_under_other_names_and_inside_the_amount() {
        let cases: &[(&str, &str, &str)] = &[
            ("收支类型", "收入", "支出"),
            ("存取标志", "存入", "支取"),
            ("方向", "+", "-"),
            ("收付标志", "收", "付"),
        ];
        for (name, credit, debit) in cases {
            let text = format!(
                "交易日期,{name},交易金额,余额,对方户名\n2026-11-10,{credit},1274.14,11274.14,示例收单机构\n2026-11-10,{debit},300.00,10974.14,示例物业\n"
            );
            let rendered = render("f.csv", &text, Enc::Utf8, None, 0);
            assert!(
                rendered.contains("L2 2026-11-10 00:00:00 Deposit 127414")
                    && rendered.contains("L3 2026-11-10 00:00:00 Other 30000")
                    && rendered.contains("2/2 lines confirmed"),
                "{name}: {rendered}"
            );
        }
        let coded = "\
交易日期,借贷标志,交易金额,余额,对方户名
2026-11-10,2,1274.14,11274.14,示例收单机构
2026-11-10,1,300.00,10974.14,示例物业
2026-11-11,2,88.00,11062.14,某客户
2026-11-11,2,12.00,11074.14,某客户
";
        check(
            "coded.csv",
            coded,
            Enc::Utf8,
            expect![[r#"
            coded.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=1
            columns: amount=交易金额 balance=余额 counterparty=对方户名 date=交易日期 debit_credit=借贷标志
            coverage: 2026-11-10 00:00:00 .. 2026-11-11 23:59:59
            L2 2026-11-10 00:00:00 Deposit 127414 Approved party="示例收单机构"
            L3 2026-11-10 00:00:00 Other 30000 Approved party="示例物业"
            L4 2026-11-11 00:00:00 Deposit 8800 Approved party="某客户"
            L5 2026-11-11 00:00:00 Deposit 1200 Approved party="某客户"
            balance 余额: 4/4 lines confirmed, oldest_first
            warn L2: flag '2' read as money in, as the balance shows on 2 other lines with it
        "#]],
        );
        let inside = "\
交易日期,交易金额,余额,对方户名
2026-11-10,\"1,274.14贷\",11274.14,示例收单机构
2026-11-10,300.00借,10974.14,示例物业
2026-11-11,Cr 88.00,11062.14,某客户
";
        check(
            "inside.csv",
            inside,
            Enc::Utf8,
            expect![[r#"
            inside.csv format=csv encoding=utf-8 role=bank_statement (0.95) header_line=1
            columns: amount=交易金额 balance=余额 counterparty=对方户名 date=交易日期
            coverage: 2026-11-10 00:00:00 .. 2026-11-11 23:59:59
            L2 2026-11-10 00:00:00 Deposit 127414 Approved party="示例收单机构"
            L3 2026-11-10 00:00:00 Other 30000 Approved party="示例物业"
            L4 2026-11-11 00:00:00 Deposit 8800 Approved party="某客户"
            balance 余额: 3/3 lines confirmed, oldest_first
        "#]],
        );
    }
}
