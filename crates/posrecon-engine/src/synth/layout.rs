//! Writing the simulated world out as the files a merchant downloads.
//!
//! The layouts follow `www/demo/`: the terminal log is UTF-8 with a BOM, CRLF, three preamble
//! lines and a blank line above the header, amounts in 元 with thousands separators (quoted), a
//! 合计 row at the end, and timeouts with no 参考号 (one spelling, "交易超时,请查询", is written
//! with an unquoted comma, as some terminals do). The acquirer statement is GBK with a plain
//! header, one row per settled sale with fee and net, sorted by clearing date. The bank statement
//! is UTF-8 with a preamble, the acquirer's deposit of every clearing date on the next working
//! day, and the shop's own payments in between. The order list is the till's plain export (the
//! layout of `tests/golden/fees-orders-voids/收银订单.csv`): UTF-8, one header line, an order typed
//! in seconds before its card is swiped, naming the payment's 参考号, and cash orders between.
//!
//! Rows are written with `write!` into one pre-sized buffer: a million rows take a few hundred
//! milliseconds.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Weekday};

use super::{Shown, World, clearing, fee};
use crate::config::SourceFile;

/// Writes the files and records every event's line numbers.
pub(super) fn write(world: &mut World, with_bank: bool, with_orders: bool) -> Vec<SourceFile> {
    let mut files = vec![terminal_log(world), acquirer_statement(world)];
    if with_bank {
        files.push(bank_statement(world));
    }
    // After the bank statement, so that asking for orders leaves its bytes as they were.
    if with_orders {
        files.push(order_list(world));
    }
    files
}

const APPROVED: [(&str, &str); 2] = [("00", "交易成功"), ("00", "承兑或交易成功")];
const TIMEOUTS: [(&str, &str); 5] = [
    ("", "交易超时"),
    ("", "交易超时,请查询"),
    ("98", "发卡方超时"),
    ("68", "交易超时"),
    ("", "通讯失败"),
];
const DECLINES: [(&str, &str); 5] = [
    ("51", "余额不足"),
    ("55", "密码错"),
    ("14", "无效卡号"),
    ("61", "超出金额限制"),
    ("05", "不予承兑"),
];

fn terminal_log(world: &mut World) -> SourceFile {
    let mut order: Vec<usize> =
        (0..world.events.len()).filter(|&id| world.events[id].shown != Shown::Absent).collect();
    order.sort_by_key(|&id| (world.events[id].time, world.events[id].terminal));

    let (first, last) = (world.first_day, world.last_day);
    let mut out = String::with_capacity(order.len() * 112 + 512);
    out.push('\u{FEFF}');
    out.push_str("POS终端交易明细\r\n");
    let _ = write!(out, "商户名称：{},商户号：{}\r\n", world.merchant_name, world.merchant_id);
    let _ = write!(out, "查询时段：{first} 至 {last}\r\n\r\n");
    out.push_str("交易时间,终端号,批次号,凭证号,参考号,授权码,卡号,交易类型,交易金额(元),应答码,应答信息\r\n");
    let mut line = 5;
    let mut approved_total = 0;
    for id in order {
        line += 1;
        let e = &mut world.events[id];
        e.terminal_line = line;
        push_datetime(&mut out, e.time);
        let _ = write!(
            out,
            ",{},{:06},{:06},",
            world.terminal_ids[e.terminal as usize], e.batch, e.stan
        );
        let (code, text) = match e.shown {
            Shown::Approved(v) => {
                approved_total += e.amount;
                let _ = write!(out, "{},{:06},", e.rrn, e.auth);
                APPROVED[usize::from(v) % APPROVED.len()]
            }
            Shown::Timeout(v) => {
                out.push_str(",,");
                TIMEOUTS[usize::from(v) % TIMEOUTS.len()]
            }
            Shown::Declined(v) => {
                out.push_str(",,");
                DECLINES[usize::from(v) % DECLINES.len()]
            }
            Shown::Absent => unreachable!("absent events are filtered out"),
        };
        let _ = write!(out, "{},消费,", world.cards[e.card as usize]);
        push_yuan_grouped(&mut out, e.amount);
        let _ = write!(out, ",{code},{text}\r\n");
    }
    out.push_str("合计,,,,,,,,");
    push_yuan_grouped(&mut out, approved_total);
    out.push_str(",,\r\n");

    let name = format!("终端交易明细_{}-{}.csv", first.format("%Y%m%d"), last.format("%Y%m%d"));
    SourceFile::new(name, out.into_bytes())
}

fn acquirer_statement(world: &mut World) -> SourceFile {
    let mut order: Vec<usize> =
        (0..world.events.len()).filter(|&id| world.in_statement(&world.events[id])).collect();
    order.sort_by_key(|&id| {
        let e = &world.events[id];
        (clearing(e.time), e.time, e.terminal)
    });

    let mut out = String::with_capacity(order.len() * 130 + 256);
    out.push_str("商户号,终端号,交易日期,交易时间,交易类型,交易批次号,凭证号,参考号,卡号,交易金额,手续费,结算金额,清算日期\r\n");
    let mut line = 1;
    for &id in &order {
        line += 1;
        let e = &mut world.events[id];
        e.acquirer_line = line;
        let fee = fee(e.settled_amount);
        let _ = write!(
            out,
            "{},{},{},{:02}:{:02}:{:02},消费,{:06},{:06},{},{},",
            world.merchant_id,
            world.terminal_ids[e.terminal as usize],
            e.time.date(),
            e.time.hour(),
            e.time.minute(),
            e.time.second(),
            e.batch,
            e.stan,
            e.rrn,
            world.cards[e.card as usize],
        );
        push_yuan(&mut out, e.settled_amount);
        out.push(',');
        push_yuan(&mut out, fee);
        out.push(',');
        push_yuan(&mut out, e.settled_amount - fee);
        let _ = write!(out, ",{}\r\n", clearing(e.time));
    }

    let (first, last) = match (order.first(), order.last()) {
        (Some(&a), Some(&b)) => (clearing(world.events[a].time), clearing(world.events[b].time)),
        _ => (world.first_day, world.last_day),
    };
    let name = format!("收单对账单_{}-{}.csv", first.format("%Y%m%d"), last.format("%Y%m%d"));
    let (bytes, _, _) = encoding_rs::GBK.encode(&out);
    SourceFile::new(name, bytes.into_owned())
}

/// One line of the bank statement before balances are known.
struct BankLine {
    time: NaiveDateTime,
    summary: &'static str,
    /// Positive: credit (收入); negative: debit (支出). Fen.
    amount: i64,
    counterparty: &'static str,
    counter_account: String,
    note: String,
}

const ACQUIRER_NAME: &str = "银联商务股份有限公司";
const PAYMENTS: [(&str, &str, i64, i64); 4] = [
    ("房租", "示例物业管理有限公司", 800_000, 2_000_000),
    ("电费", "国网供电公司", 30_000, 300_000),
    ("货款", "示例食品批发有限公司", 200_000, 3_000_000),
    ("代发工资", "示例连锁超市有限公司工资户", 500_000, 2_500_000),
];

fn bank_statement(world: &mut World) -> SourceFile {
    // The net of every clearing date, paid on the next working day (T+1).
    let mut net_by_date: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for e in world.events.iter().filter(|e| world.in_statement(e)) {
        *net_by_date.entry(clearing(e.time)).or_insert(0) +=
            e.settled_amount - fee(e.settled_amount);
    }
    let rng = &mut world.layout_rng;
    let acquirer_account = format!("3100{:012}", rng.below(1_000_000_000_000));
    let mut lines: Vec<BankLine> = Vec::new();
    for (&date, &net) in &net_by_date {
        let paid = next_working_day(date);
        let secs = rng.between(2 * 3600, 9 * 3600) as u32;
        lines.push(BankLine {
            time: at_secs(paid, secs),
            summary: "POS清算款",
            amount: net,
            counterparty: ACQUIRER_NAME,
            counter_account: acquirer_account.clone(),
            note: format!("商户{} {}清算", world.merchant_id, date.format("%Y%m%d")),
        });
    }
    let first = world.first_day;
    let end = net_by_date.keys().last().map_or(world.last_day, |d| next_working_day(*d)).max(first);
    let mut day = first;
    while day <= end {
        if is_working_day(day) && rng.chance(600) {
            let (summary, counterparty, lo, hi) =
                PAYMENTS[rng.below(PAYMENTS.len() as u64) as usize];
            lines.push(BankLine {
                time: at_secs(day, rng.between(9 * 3600, 17 * 3600) as u32),
                summary,
                amount: -(rng.between(lo as u64, hi as u64) as i64),
                counterparty,
                counter_account: format!("6222{:012}", rng.below(1_000_000_000_000)),
                note: summary.to_owned(),
            });
        }
        day += Duration::days(1);
    }
    lines.sort_by_key(|l| l.time);

    let account = format!("6222{:015}", rng.below(1_000_000_000_000_000));
    let mut balance = rng.between(5_000_000, 50_000_000) as i64;
    let mut out = String::with_capacity(lines.len() * 120 + 256);
    out.push_str("账户交易明细\r\n");
    let _ = write!(out, "账号：{account},户名：{}\r\n", world.merchant_name);
    let _ = write!(out, "起止日期：{first} 至 {end}\r\n\r\n");
    out.push_str("交易日期,交易时间,摘要,借方发生额,贷方发生额,余额,对方户名,对方账号,附言\r\n");
    for l in &lines {
        balance += l.amount;
        let _ = write!(
            out,
            "{},{:02}:{:02}:{:02},{},",
            l.time.date(),
            l.time.hour(),
            l.time.minute(),
            l.time.second(),
            l.summary
        );
        if l.amount < 0 {
            push_yuan(&mut out, -l.amount);
            out.push_str(",,");
        } else {
            out.push(',');
            push_yuan(&mut out, l.amount);
            out.push(',');
        }
        push_yuan(&mut out, balance);
        let _ = write!(out, ",{},{},{}\r\n", l.counterparty, l.counter_account, l.note);
    }
    world.bank_rows = lines.len() as u64;
    let name = format!("银行流水_{}-{}.csv", first.format("%Y%m%d"), end.format("%Y%m%d"));
    SourceFile::new(name, out.into_bytes())
}

const CASHIERS: [&str; 5] = ["张敏", "李娜", "王芳", "刘洋", "陈静"];
const CARD_METHODS: [&str; 2] = ["银行卡", "刷卡"];

/// One line of the order list before it is numbered.
struct OrderLine {
    time: NaiveDateTime,
    cashier: &'static str,
    method: &'static str,
    amount: i64,
    /// The card payment's 参考号; none for cash.
    rrn: Option<u64>,
}

/// The till's orders: one per card sale that went through without trouble (approved on the
/// terminal, settled, no anomaly on it or retried after it), typed in 5 to 60 seconds before the
/// swipe and naming its 参考号, and a cash order now and then. Anomalies get no order: what the
/// cashier recorded after a failed swipe is its own question, and the order list must not change
/// what the engine reports.
fn order_list(world: &mut World) -> SourceFile {
    let mut troubled = vec![false; world.events.len()];
    for inj in &world.injections {
        troubled[inj.event] = true;
        if let Some(retry) = inj.retry {
            troubled[retry] = true;
        }
    }
    let mut paid: Vec<usize> = (0..world.events.len())
        .filter(|&id| {
            let e = &world.events[id];
            !troubled[id] && e.settled && matches!(e.shown, Shown::Approved(_))
        })
        .collect();
    paid.sort_by_key(|&id| (world.events[id].time, world.events[id].terminal));

    let rng = &mut world.layout_rng;
    let mut lines: Vec<OrderLine> = Vec::with_capacity(paid.len() + paid.len() / 4);
    for id in paid {
        let e = &world.events[id];
        let time = e.time - Duration::seconds(rng.between(5, 60) as i64);
        let cashier = CASHIERS[rng.below(CASHIERS.len() as u64) as usize];
        if rng.chance(200) {
            lines.push(OrderLine {
                time: time - Duration::seconds(rng.between(60, 600) as i64),
                cashier,
                method: "现金",
                amount: super::random_amount(rng),
                rrn: None,
            });
        }
        let method = CARD_METHODS[rng.below(CARD_METHODS.len() as u64) as usize];
        lines.push(OrderLine { time, cashier, method, amount: e.amount, rrn: Some(e.rrn) });
    }
    lines.sort_by_key(|l| l.time);

    let mut out = String::with_capacity(lines.len() * 80 + 128);
    out.push_str("订单号,下单时间,收银员,支付方式,实收金额,订单状态,参考号\r\n");
    for (n, l) in lines.iter().enumerate() {
        let _ = write!(out, "{}{:07},", l.time.format("%Y%m%d"), n + 1);
        push_datetime(&mut out, l.time);
        let _ = write!(out, ",{},{},", l.cashier, l.method);
        push_yuan(&mut out, l.amount);
        out.push_str(",已支付,");
        if let Some(rrn) = l.rrn {
            let _ = write!(out, "{rrn}");
        }
        out.push_str("\r\n");
    }
    world.order_rows = lines.len() as u64;
    let (first, last) = (world.first_day, world.last_day);
    let name = format!("收银订单_{}-{}.csv", first.format("%Y%m%d"), last.format("%Y%m%d"));
    SourceFile::new(name, out.into_bytes())
}

/// Monday to Friday. The default week (November 2026) has no public holiday.
fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn next_working_day(date: NaiveDate) -> NaiveDate {
    let mut day = date + Duration::days(1);
    while !is_working_day(day) {
        day += Duration::days(1);
    }
    day
}

fn at_secs(date: NaiveDate, secs: u32) -> NaiveDateTime {
    super::at(date, secs)
}

fn push_datetime(out: &mut String, t: NaiveDateTime) {
    let _ = write!(
        out,
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
}

/// `1580.00`.
fn push_yuan(out: &mut String, fen: i64) {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.abs();
    let _ = write!(out, "{sign}{}.{:02}", fen / 100, fen % 100);
}

/// `56.00`, or `"1,580.00"` (quoted) from a thousand up.
fn push_yuan_grouped(out: &mut String, fen: i64) {
    let yuan = (fen / 100).to_string();
    if yuan.len() <= 3 {
        push_yuan(out, fen);
        return;
    }
    out.push('"');
    for (i, digit) in yuan.chars().enumerate() {
        if i > 0 && (yuan.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    let _ = write!(out, ".{:02}\"", fen % 100);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_formats() {
        let mut out = String::new();
        push_yuan_grouped(&mut out, 5600);
        out.push(' ');
        push_yuan_grouped(&mut out, 158_000);
        out.push(' ');
        push_yuan_grouped(&mut out, 123_456_789);
        out.push(' ');
        push_yuan(&mut out, 5);
        assert_eq!(out, r#"56.00 "1,580.00" "1,234,567.89" 0.05"#);
    }

    #[test]
    fn deposits_skip_weekends() {
        let friday = NaiveDate::from_ymd_opt(2026, 11, 6).expect("date");
        assert_eq!(next_working_day(friday), NaiveDate::from_ymd_opt(2026, 11, 9).expect("date"));
    }
}
