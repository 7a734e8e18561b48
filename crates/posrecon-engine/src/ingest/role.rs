//! Which kind of statement a table is: terminal log, acquirer statement, bank statement, ...
//!
//! Matching only makes sense between the right sides (terminal attempts against settled rows), and
//! merchants rarely name files helpfully, so the role is inferred from the columns, with a look at
//! the data where columns are not enough:
//!
//! - a terminal log records attempts, failures included: it has 应答码 / 应答信息, or a status
//!   column with failure words, and no fee or net columns (the terminal does not know the fee);
//! - an acquirer statement records settled money: 手续费, 结算金额, 清算日期;
//! - a bank statement has debit/credit/balance columns and counterparties (对方户名);
//! - an order list has cashier-system columns (收银员, 商品, 支付方式) and order numbers; aggregator
//!   statements carry 支付方式 and 商品名称 too, so with fee and net columns those names do not
//!   count (an aggregator statement read as an order list settles nothing);
//! - a wallet bill has WeChat / Alipay order numbers.
//!
//! Each piece of evidence adds weight to a role. The confidence grows with the winner's weight and
//! shrinks with the runner-up's, so a file that looks like two things says so. A role chosen by the
//! user always wins with confidence 1.

use std::collections::BTreeMap;

use super::header::{key, marker_role};
use super::table::Row;
use crate::accounting::RoleDoubt;
use crate::model::Field;
use crate::model::Role;

/// Weight at which a role counts as certain (before the runner-up's discount).
const CERTAIN: u32 = 6;

/// Confidence below which a detected role is a guess: no money finding may rest on the file
/// until the merchant confirms it. A file with response codes alone (a terminal log, 0.48)
/// passes; times and amounts alone (0.3) do not.
pub(crate) const GUESS_BELOW: f64 = 0.45;

/// A runner-up whose weight is at least this share of the winner's (in quarters) makes the role
/// a guess: the file looks like two things.
const CLOSE_QUARTERS: u32 = 3;

/// A detected role, and why it is a guess when it is one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Detection {
    pub role: Role,
    pub confidence: f64,
    pub doubt: Option<RoleDoubt>,
}

/// Order-list marker names that aggregator statements carry too (扫呗, 收钱吧-style exports list
/// 支付方式, 商品名称, 实收金额 and 门店名称 next to 手续费 and 结算金额). They point to an order list
/// only in a file without settlement money: fee and net together make a settlement file, and no
/// cashier export has both (a restaurant's 服务费 alone is a service charge, not a fee).
const SHARED_WITH_SETTLEMENT: &[&str] =
    &["支付方式", "付款方式", "收款方式", "商品名称", "商品", "实收金额", "门店名称"];

/// Fee-rate columns (费率 `0.60%`, 乐刷 费率(万分之一)): only a settlement file states the rate a
/// payment was charged at (domain notes §2c, §5a).
const RATE_NAMES: &[&str] = &["费率", "手续费率", "扣率", "商户费率"];

/// Role and confidence for a table, or `None` when nothing points anywhere.
#[cfg(test)]
pub(crate) fn detect(
    header: &[String],
    columns: &BTreeMap<Field, usize>,
    rows: &[Row],
) -> Option<(Role, f64)> {
    detect_with_doubt(header, columns, rows).map(|d| (d.role, d.confidence))
}

/// [`detect`], saying when the role is a guess ([`RoleDoubt`]).
pub(crate) fn detect_with_doubt(
    header: &[String],
    columns: &BTreeMap<Field, usize>,
    rows: &[Row],
) -> Option<Detection> {
    let mut weights: BTreeMap<Role, u32> = BTreeMap::new();
    weigh_settlement(&mut weights, header, columns);
    weigh_attempts(&mut weights, columns, rows);
    weigh_account(&mut weights, header, columns);
    let mut ranked: Vec<(Role, u32)> = weights.into_iter().filter(|(_, w)| *w > 0).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    match ranked.as_slice() {
        [] => {
            let has = |field: Field| columns.contains_key(&field);
            // Times and amounts with nothing else: a plain transaction list, most likely what a
            // terminal or a cashier exported. Say so, with little confidence.
            let timed = has(Field::Time) || has(Field::Date);
            (timed && has(Field::Amount)).then(|| Detection {
                role: Role::TerminalLog,
                confidence: 0.3,
                doubt: Some(RoleDoubt {
                    reason: "low_confidence".to_owned(),
                    runner_up: None,
                    detail: "only times and amounts: nothing says whether this is a terminal log, a settlement statement or an order list".to_owned(),
                }),
            })
        }
        [(role, weight), rest @ ..] => {
            Some(ranked_detection(*role, *weight, rest.first().copied()))
        }
    }
}

/// Settlement evidence: fee, net, clearing date, a rate column.
fn weigh_settlement(
    weights: &mut BTreeMap<Role, u32>,
    header: &[String],
    columns: &BTreeMap<Field, usize>,
) {
    let mut add = |role: Role, weight: u32| *weights.entry(role).or_insert(0) += weight;
    let has = |field: Field| columns.contains_key(&field);
    if has(Field::Fee) {
        add(Role::AcquirerStatement, 3);
    }
    if has(Field::Net) {
        add(Role::AcquirerStatement, 3);
    }
    if has(Field::SettlementDate) {
        add(Role::AcquirerStatement, 2);
    }
    if header.iter().any(|cell| RATE_NAMES.contains(&key(cell).as_str())) {
        add(Role::AcquirerStatement, 2);
    }
}

/// Attempt evidence: codes and result words only matter when no fee/net says "settled".
fn weigh_attempts(
    weights: &mut BTreeMap<Role, u32>,
    columns: &BTreeMap<Field, usize>,
    rows: &[Row],
) {
    let mut add = |role: Role, weight: u32| *weights.entry(role).or_insert(0) += weight;
    let has = |field: Field| columns.contains_key(&field);
    let cells = |field: Field| {
        let col = columns.get(&field).copied();
        rows.iter().filter_map(move |row| col.and_then(|c| row.get(c))).map(|c| c.trim())
    };
    let settled = has(Field::Fee) || has(Field::Net);
    if has(Field::ResponseCode) {
        add(Role::TerminalLog, if settled { 1 } else { 3 });
        let failed_codes =
            cells(Field::ResponseCode).any(|c| !c.is_empty() && !matches!(c, "00" | "0" | "000"));
        if failed_codes {
            add(Role::TerminalLog, 1);
        }
    }
    if has(Field::ResponseText) && !settled {
        add(Role::TerminalLog, 2);
    }
    let failure_words = ["失败", "超时", "拒绝", "fail", "declin", "timeout"];
    let failures_in = |field: Field| {
        cells(field).any(|c| {
            let c = c.to_lowercase();
            failure_words.iter().any(|w| c.contains(w))
        })
    };
    if failures_in(Field::Status) || failures_in(Field::ResponseText) {
        add(Role::TerminalLog, 2);
    }
    // A payment still in progress (USERPAYING, 支付中) is only seen by the device that tried it.
    let pending_words = ["userpaying", "systemerror", "支付中", "处理中", "待支付"];
    let pending = cells(Field::Status).any(|c| {
        let c = c.to_lowercase();
        pending_words.iter().any(|w| c.contains(w))
    });
    if pending && !settled {
        add(Role::TerminalLog, 1);
    }
    // A device id without fee or net: the attempts of a device (an order list names a cashier or
    // a till, rarely a terminal).
    if has(Field::TerminalId) && !settled {
        add(Role::TerminalLog, 1);
    }
    if settled && (has(Field::ResponseCode) || has(Field::ResponseText)) {
        // Some acquirers add a result column; the fee column still decides.
        add(Role::AcquirerStatement, 1);
    }
}

/// Account evidence and the names that are not engine fields.
fn weigh_account(
    weights: &mut BTreeMap<Role, u32>,
    header: &[String],
    columns: &BTreeMap<Field, usize>,
) {
    let mut add = |role: Role, weight: u32| *weights.entry(role).or_insert(0) += weight;
    let has = |field: Field| columns.contains_key(&field);
    // Account evidence: a running balance is only ever kept by an account (a terminal or an
    // acquirer lists transactions, not what is left); direction columns and counterparties are
    // account words too.
    if has(Field::Balance) {
        add(Role::BankStatement, 4);
    }
    if has(Field::Debit) || has(Field::Credit) {
        add(Role::BankStatement, 2);
    }
    if has(Field::Direction) {
        add(Role::BankStatement, 2);
    }
    if has(Field::Counterparty) {
        add(Role::BankStatement, 1);
    }

    // Names that are not engine fields.
    let settlement_money = has(Field::Fee) && has(Field::Net);
    for cell in header {
        let k = key(cell);
        if let Some(role) = marker_role(&k) {
            if role == Role::OrderList
                && settlement_money
                && SHARED_WITH_SETTLEMENT.contains(&k.as_str())
            {
                continue;
            }
            add(role, 2);
        }
    }
    if has(Field::OrderId) && !has(Field::TerminalId) {
        add(Role::OrderList, 1);
    }
}

/// The best-weighted role, its confidence from its weight and the runner-up's, and any doubt.
fn ranked_detection(role: Role, weight: u32, runner_up: Option<(Role, u32)>) -> Detection {
    let runner_weight = runner_up.map_or(0, |(_, w)| w);
    let strength = f64::from(weight.min(CERTAIN)) / f64::from(CERTAIN);
    let margin = 1.0 - f64::from(runner_weight) / (2.0 * f64::from(weight));
    let confidence =
        crate::accounting::round_confidence((strength * margin * 0.95).clamp(0.3, 0.95));
    let doubt = match runner_up {
        Some((other, w)) if w >= 2 && w * 4 >= weight * CLOSE_QUARTERS => Some(RoleDoubt {
            reason: "close_runner_up".to_owned(),
            runner_up: Some(other),
            detail: format!(
                "the columns fit a {} almost as well as a {}",
                other.as_str(),
                role.as_str()
            ),
        }),
        _ if confidence < GUESS_BELOW => Some(RoleDoubt {
            reason: "low_confidence".to_owned(),
            runner_up: None,
            detail: format!(
                "little in the columns says this is a {} ({:.0}% sure)",
                role.as_str(),
                confidence * 100.0
            ),
        }),
        _ => None,
    };
    Detection { role, confidence, doubt }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::header::assign_columns;

    fn detect_csv(header: &str, rows: &[&str]) -> Option<(Role, f64)> {
        let split = |line: &str| line.split(',').map(str::to_owned).collect::<Vec<_>>();
        let header = split(header);
        let grid = crate::ingest::delimited::Grid::of_rows(rows.iter().map(|r| r.split(',')));
        let row_refs: Vec<Row> = grid.records.iter().map(|r| grid.row(r)).collect();
        let columns = assign_columns(&header, &row_refs);
        detect(&header, &columns, &row_refs)
    }

    #[test]
    fn roles() {
        let cases: &[(&str, &str, &[&str], Option<Role>)] = &[
            (
                "terminal log with response codes",
                "交易时间,终端号,凭证号,交易金额(元),应答码,应答信息",
                &[
                    "2026-11-09 10:02:11,10086602,001001,268.00,00,交易成功",
                    "2026-11-09 10:05:40,10086602,001002,1.00,,交易超时",
                ],
                Some(Role::TerminalLog),
            ),
            (
                "terminal log with status only",
                "交易时间,终端号,交易金额,交易状态",
                &[
                    "2026-11-09 10:02:11,10086602,268.00,成功",
                    "2026-11-09 10:05:40,10086602,1.00,失败",
                ],
                Some(Role::TerminalLog),
            ),
            (
                "acquirer statement",
                "商户号,终端号,交易日期,交易时间,交易类型,交易金额,手续费,结算金额,清算日期",
                &[
                    "898440358120014,10086602,2026-11-09,10:02:11,消费,268.00,1.02,266.98,2026-11-09",
                ],
                Some(Role::AcquirerStatement),
            ),
            (
                "acquirer statement with a result column",
                "交易时间,终端号,交易金额,手续费,应答码",
                &["2026-11-09 10:02:11,10086602,268.00,1.02,00"],
                Some(Role::AcquirerStatement),
            ),
            (
                "bank statement",
                "交易时间,对方户名,摘要,借方发生额,贷方发生额,余额",
                &[
                    "2026-11-10 09:00:00,银联商务股份有限公司客户备付金,0909-0909费1.02元,,266.98,10266.98",
                ],
                Some(Role::BankStatement),
            ),
            (
                "bank statement named in other words, signed amount, balance",
                "交易日期,交易时间,交易摘要,交易金额,本次余额,对手信息",
                &["20261110,083102,转存,+1574.00,21574.00,示例收单机构"],
                Some(Role::BankStatement),
            ),
            (
                "bank statement with deposit and withdrawal columns",
                "顺序号,交易日期,交易类型,存入金额,取出金额,余额,交易对手名称",
                &["1,2026-11-10,转账,1574.00,,21574.00,示例收单机构"],
                Some(Role::BankStatement),
            ),
            (
                "order list",
                "订单号,下单时间,收银员,商品名称,支付方式,金额",
                &["A001,2026-11-09 10:02:00,张三,矿泉水,银行卡,268.00"],
                Some(Role::OrderList),
            ),
            (
                "wallet bill",
                "交易时间,公众账号ID,商户号,微信订单号,商户订单号,交易状态,应结订单金额",
                &["2026-11-09 10:02:11,wx123,1900000109,4200001,A001,SUCCESS,268.00"],
                Some(Role::WalletBill),
            ),
            (
                "plain list",
                "交易时间,交易金额",
                &["2026-11-09 10:02:11,268.00"],
                Some(Role::TerminalLog),
            ),
            ("nothing known", "a,b", &["1,2"], None),
            (
                "aggregator statement with goods and pay method",
                "交易日期,支付方式,商品名称,商户订单号,交易金额,手续费,实收金额,结算金额",
                &["2026-11-16 10:15:04,微信,奶茶,Q20261116001,35.00,0.13,35.00,34.87"],
                Some(Role::AcquirerStatement),
            ),
            (
                "aggregator statement with store and 付款方式",
                "门店名称,交易时间,付款方式,订单号,订单金额,手续费,实收金额,入账金额",
                &["示例便利店,2026-11-16 10:15:04,支付宝,Q1,35.00,0.13,35.00,34.87"],
                Some(Role::AcquirerStatement),
            ),
            (
                "aggregator bill with a fee and 应结订单金额 (ikudot-style)",
                "交易完成时间,订单号,业务系统订单号,支付方式,渠道商户号,交易平台单号,渠道交易单号,交易状态,付款银行,货币类型,订单金额,手续费,费率,应结订单金额",
                &[
                    "2026-11-16 10:15:04,Q1,B1,微信,1900000109,P1,4200001,SUCCESS,CMB_DEBIT,CNY,35.00,0.21,0.60%,35.00",
                ],
                Some(Role::AcquirerStatement),
            ),
            (
                "order list with 实收金额 and no fee or net",
                "订单号,下单时间,商品名称,支付方式,实收金额",
                &["A001,2026-11-16 10:15:04,奶茶,微信,35.00"],
                Some(Role::OrderList),
            ),
            (
                "restaurant bill with a service charge (服务费 is not a settlement fee)",
                "订单号,开台时间,结账时间,商品名称,服务费,实收金额,支付方式",
                &["ZD1,2026-11-16 11:32:10,2026-11-16 12:41:05,套餐,24.00,268.00,银行卡"],
                Some(Role::OrderList),
            ),
        ];
        for (what, header, rows, expected) in cases {
            let detected = detect_csv(header, rows);
            assert_eq!(detected.map(|(role, _)| role), *expected, "{what}: {detected:?}");
            if let Some((_, confidence)) = detected {
                assert!((0.3..=0.95).contains(&confidence), "{what}: {confidence}");
            }
        }
    }

    #[test]
    fn confidence_reflects_evidence() {
        let strong = detect_csv("交易时间,交易金额,手续费,结算金额,清算日期", &[]).unwrap();
        let weak = detect_csv("交易时间,交易金额,清算日期", &[]).unwrap();
        let plain = detect_csv("交易时间,交易金额", &[]).unwrap();
        assert_eq!(strong.0, Role::AcquirerStatement);
        assert_eq!(weak.0, Role::AcquirerStatement);
        assert!(strong.1 > weak.1 && weak.1 >= plain.1, "{strong:?} {weak:?} {plain:?}");
        // A fee and a rate outweigh a pay-method column: not a coin toss with an order list.
        let rated = detect_csv("交易完成时间,订单号,支付方式,订单金额,手续费,费率", &[]).unwrap();
        assert_eq!(rated.0, Role::AcquirerStatement);
        assert!(rated.1 > 0.5, "{rated:?}");
    }
}
