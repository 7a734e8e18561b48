//! QR payments (微信 / 支付宝 / aggregators) <-> wallet bills, and order ids on any statement.
//!
//! A QR payment has no card, no 参考号 and no 凭证号 the wallet knows. What both sides do share is
//! the order: the POS (or cashier) creates a 商户订单号 for every scan, and the wallet gives it its
//! own number (微信订单号, 支付宝交易号; an aggregator's 渠道订单号). The WeChat Pay / Alipay merchant
//! bill plays the acquirer statement's part for these payments: it lists what the wallet really
//! collected.
//!
//! Two passes, after the card passes (RRN, STAN) and strongest first:
//!
//! 1. [`id_candidates`] (`Pass::OrderId`): a terminal record and a statement or bill row that share
//!    an order id (商户订单号 = 商户订单号, 渠道订单号 = 微信订单号, or one side's 商户订单号 written
//!    in the other's channel column). The amount need not agree (that is an `amount_mismatch`);
//!    a terminal sale may pair with the bill's REVOKED row for the same order (the order was
//!    revoked, so it is accounted for and nothing was charged).
//! 2. [`window_candidates`] (`Pass::QrWindow`): a terminal QR attempt (支付方式 微信/支付宝/扫码)
//!    and a wallet-bill row of the same wallet, type and amount within `match_window_minutes`,
//!    when neither side's order ids contradict the other. Accepted by best total score
//!    ([`super::assign`]), so a re-scan (a failed-looking attempt and its retry minutes apart,
//!    both collected by the wallet) pairs each attempt with the closest row, never by input order.
//!    Attempts the terminal showed as failed take part: a cashier's "失败" on a QR scan is often
//!    only the POS giving up while the customer was still entering the password.
//!
//! Both passes pair only within one wallet: a WeChat attempt is never on the Alipay bill, whatever
//! the ids or the amount say.
//!
//! Many shops have no terminal log for QR payments at all: the till (收银系统) starts every scan
//! and writes one row per payment attempt (订单号, 结账时间, 实收金额, 支付方式, 支付状态 支付中 /
//! 支付失败 / 已支付, 支付单号, 第三方单号, 设备号). On a day no terminal log holds a QR attempt, such
//! rows are the attempts ([`till_attempts`]) and take the terminal's place in both passes, so a
//! scan the till left at 支付中 that the wallet collected is a 掉单 on both rows, not a payment
//! "nobody rang up". Their keys are the till's own: the 支付单号 is what the wallet bill calls
//! 商户订单号, the 第三方单号 its 微信订单号 / 支付宝交易号. The till's 订单号 names the order (a
//! re-scan pays one order in two attempts), so it may find the bill row but never contradicts
//! it. A till row on a day a terminal log does hold QR attempts stays an order: the terminal's
//! attempt is the payment and the order is linked to it ([`super::orders`]).
//!
//! Wallet-bill refunds (REFUND rows, Alipay 退款) are linked to the payment row of the same order
//! ([`refund_candidates`]). Coverage of a wallet bill is the set of days it has rows for, per
//! wallet ([`WalletCoverage`]): bills are exported per day.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::window::TimeBuckets;
use super::{Candidate, Ctx, LookupMap, ident, window};
use crate::model::{Outcome, PayMethod, Record, Role, TxnType};
use crate::report::round_confidence;

/// Confidence of a pair by order id.
const ID_CONFIDENCE: f64 = 0.95;

/// A QR payment attempt: the file says it was paid by a wallet or a QR code, or it carries a
/// wallet order number and no card.
pub(crate) fn is_qr(r: &Record) -> bool {
    matches!(r.pay_method, Some(PayMethod::Wechat | PayMethod::Alipay | PayMethod::Qr))
        || (r.role != Role::WalletBill
            && r.card_masked.is_none()
            && ident(r.channel_order_id()).is_some())
}

/// The order ids a record carries (商户订单号, channel order number, a till's 支付单号).
pub(super) fn ids(r: &Record) -> impl Iterator<Item = &str> {
    [ident(r.pay_order_id()), ident(&r.order_id), ident(r.channel_order_id())].into_iter().flatten()
}

/// The number the wallet knows the payment by as 商户订单号: a till's 支付单号, else the 商户订单号
/// of a terminal or a bill. A till's own 订单号 is not one (it names the order, not the attempt),
/// so an order row without a 支付单号 has none.
fn merchant_order_no(r: &Record) -> Option<&str> {
    ident(r.pay_order_id()).or_else(|| (r.role != Role::OrderList).then(|| ident(&r.order_id))?)
}

/// Both sides carry a 商户订单号 (or both a channel number) and they differ.
pub(super) fn ids_conflict(a: &Record, b: &Record) -> bool {
    let differ = |x: Option<&str>, y: Option<&str>| matches!((x, y), (Some(x), Some(y)) if x != y);
    differ(merchant_order_no(a), merchant_order_no(b))
        || differ(ident(a.channel_order_id()), ident(b.channel_order_id()))
}

/// Till payment rows that are QR attempts, per record: order-list sales paid (or tried) by a
/// wallet or QR code, with a time, on a day no terminal log holds a QR attempt. Where a terminal
/// log does, its attempts are the payments and the till's rows stay orders.
pub(crate) fn till_attempts(records: &[Record], roles: &[Role]) -> Vec<bool> {
    let terminal_qr_days: BTreeSet<NaiveDate> =
        super::roles_of(records, roles, |r| r == Role::TerminalLog)
            .filter(|(_, r)| is_qr(r))
            .filter_map(|(_, r)| r.time.map(|t| t.date()))
            .collect();
    roles
        .iter()
        .zip(records)
        .map(|(&role, r)| {
            role == Role::OrderList
                && r.txn_type == TxnType::Sale
                && matches!(
                    r.pay_method,
                    Some(PayMethod::Wechat | PayMethod::Alipay | PayMethod::Qr)
                )
                && r.time.is_some_and(|t| !terminal_qr_days.contains(&t.date()))
        })
        .collect()
}

/// The attempt side of a QR pass: a terminal record, or a till payment row standing in for one.
fn is_attempt(ctx: &Ctx, idx: usize) -> bool {
    ctx.roles[idx] == Role::TerminalLog || ctx.till[idx]
}

/// Two wallets that cannot be the same payment (a WeChat attempt is not on the Alipay bill).
pub(super) fn wallets_compatible(a: Option<PayMethod>, b: Option<PayMethod>) -> bool {
    match (a, b) {
        (
            Some(x @ (PayMethod::Wechat | PayMethod::Alipay)),
            Some(y @ (PayMethod::Wechat | PayMethod::Alipay)),
        ) => x == y,
        _ => true,
    }
}

/// Terminal record <-> statement or bill row sharing an order id.
pub(crate) fn id_candidates(ctx: &Ctx, used: &[bool]) -> Vec<Candidate> {
    let records = ctx.records;
    let mut by_id: LookupMap<&str, Vec<usize>> = LookupMap::default();
    let statements = |role| matches!(role, Role::AcquirerStatement | Role::WalletBill);
    for (idx, r) in super::roles_of(records, ctx.roles, statements) {
        if used[idx] || r.withdrawal() {
            continue;
        }
        for id in ids(r) {
            by_id.entry(id).or_default().push(idx);
        }
    }
    if by_id.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (t_idx, t) in records.iter().enumerate() {
        if used[t_idx] || !is_attempt(ctx, t_idx) {
            continue;
        }
        let mut seen = BTreeSet::new();
        for id in ids(t) {
            for &a_idx in by_id.get(id).into_iter().flatten() {
                if !seen.insert(a_idx) {
                    continue;
                }
                let a = &records[a_idx];
                // A till row is a QR attempt: only the wallet's own bill speaks for it.
                if (ctx.till[t_idx] && a.role != Role::WalletBill)
                    || !wallets_compatible(t.pay_method, a.pay_method)
                {
                    continue;
                }
                let same_type = t.txn_type == a.txn_type;
                // A bill's REVOKED row is the order itself, revoked.
                let revoked = t.txn_type == TxnType::Sale && a.txn_type == TxnType::Void;
                if !(same_type || revoked) {
                    continue;
                }
                out.push(Candidate {
                    left: t_idx,
                    right: a_idx,
                    rank: [
                        i64::from(!same_type),
                        i64::from(t.amount_cents != a.amount_cents),
                        super::abs_delta_or_far(t, a),
                    ],
                    confidence: ID_CONFIDENCE,
                });
            }
        }
    }
    out
}

/// Terminal QR attempt <-> wallet-bill row of the same wallet, type and amount, close in time.
pub(crate) fn window_candidates(ctx: &Ctx, used: &[bool]) -> Vec<Candidate> {
    let records = ctx.records;
    let window = window(ctx.settings);
    let window_secs = window.num_seconds().max(1);
    // A terminal's QR payment never lands on a personal 收款码 (`static_qr`): no pair by time.
    let buckets = TimeBuckets::new(ctx, Role::WalletBill, |idx, r| {
        !r.static_qr() && !r.withdrawal() && !used[idx] && r.outcome == Outcome::Approved
    });
    if buckets.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (t_idx, t) in records.iter().enumerate() {
        if !is_attempt(ctx, t_idx) || used[t_idx] || !is_qr(t) {
            continue;
        }
        let Some(t_time) = t.time else { continue };
        for (a_time, a_idx) in buckets.near(t, t_time, window) {
            let a = &records[a_idx];
            if ids_conflict(t, a) || !wallets_compatible(t.pay_method, a.pay_method) {
                continue;
            }
            let delta = (a_time - t_time).num_seconds().abs();
            let closeness = 1.0 - (delta.min(window_secs) as f64 / window_secs as f64);
            // The device (设备号) the bill names, when both say, breaks ties between two
            // devices taking the same amount at the same moment.
            let other_device = i64::from(!super::terminals_compatible(t, a));
            out.push(Candidate {
                left: t_idx,
                right: a_idx,
                // Attempts the terminal approved or left in doubt before ones it showed failed.
                rank: [i64::from(t.outcome == Outcome::Declined), delta, other_device],
                confidence: round_confidence(0.70 + 0.10 * closeness),
            });
        }
    }
    out
}

/// (payment row, refund row) of the same order in the wallet bills.
pub(crate) fn refund_candidates(ctx: &Ctx, used: &[bool]) -> Vec<Candidate> {
    let records = ctx.records;
    let mut sales: LookupMap<&str, Vec<usize>> = LookupMap::default();
    for (idx, r) in ctx.of_role(Role::WalletBill) {
        if r.txn_type == TxnType::Sale && r.outcome == Outcome::Approved {
            for id in ids(r) {
                sales.entry(id).or_default().push(idx);
            }
        }
    }
    let mut out = Vec::new();
    for (c_idx, c) in ctx.of_role(Role::WalletBill) {
        if used[c_idx] || c.txn_type != TxnType::Refund {
            continue;
        }
        let mut seen = BTreeSet::new();
        for id in ids(c) {
            for &s_idx in sales.get(id).into_iter().flatten() {
                if seen.insert(s_idx) && !used[s_idx] {
                    out.push(Candidate {
                        left: s_idx,
                        right: c_idx,
                        rank: [0, 0, super::abs_delta_or_far(&records[s_idx], c)],
                        confidence: ID_CONFIDENCE,
                    });
                }
            }
        }
    }
    out
}

/// Days each wallet's bills have rows for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WalletCoverage {
    /// Days with at least one bill row, per wallet (`None`: a bill whose wallet is not known).
    pub dates: BTreeMap<Option<PayMethod>, BTreeSet<NaiveDate>>,
}

impl WalletCoverage {
    /// Collects the days from the wallet-bill rows.
    pub fn from_records(records: &[Record]) -> Self {
        Self::of(records.iter().enumerate().filter(|(_, r)| r.role == Role::WalletBill))
    }

    /// Collects the days from the wallet-bill records given (with their indices).
    pub(crate) fn of<'a>(wallet_bill: impl Iterator<Item = (usize, &'a Record)>) -> Self {
        let mut cov = WalletCoverage::default();
        // A personal 收款码 bill lists payments no terminal takes: it covers no terminal attempt.
        // A fund flow's withdrawals (提现) are no bill rows either.
        let bill = |r: &&Record| !r.static_qr() && !r.withdrawal();
        for r in wallet_bill.map(|(_, r)| r).filter(bill) {
            if let Some(time) = r.time {
                cov.dates.entry(r.pay_method).or_default().insert(time.date());
            }
        }
        cov
    }

    /// Whether no wallet bill with dates is loaded.
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    /// A bill of this wallet (or of an unknown wallet) has rows on this day; an attempt whose
    /// wallet is not known is covered by any bill.
    pub fn covers(&self, method: Option<PayMethod>, date: NaiveDate) -> bool {
        self.dates.iter().any(|(m, days)| {
            days.contains(&date) && (m.is_none() || wallets_compatible(*m, method))
        })
    }

    /// First and last day of all bills.
    pub fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let first = self.dates.values().filter_map(|d| d.first()).min()?;
        let last = self.dates.values().filter_map(|d| d.last()).max()?;
        Some((*first, *last))
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, label};
    use super::super::run;
    use crate::config::Settings;

    /// Wallet pairs and refunds, in canonical order; the same for every input order.
    fn check(name: &str, text: &str, expected: &str) {
        let render = |records: &[crate::model::Record]| {
            let set = run(records, &Settings::default());
            let mut out: Vec<String> = set
                .pairs
                .iter()
                .map(|p| {
                    let (t, a) = (&records[p.terminal], &records[p.acquirer]);
                    format!("{} = {} {}", label(t), label(a), p.pass.as_str())
                })
                .collect();
            out.extend(set.refunds.iter().map(|c| {
                format!("{} r {}", label(&records[c.sale]), label(&records[c.canceller]))
            }));
            out.join("\n")
        };
        let records = fixture::records(text);
        let expected: Vec<&str> =
            expected.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert_eq!(render(&records), expected.join("\n"), "case {name}");
        for shuffled in fixture::permutations(&records) {
            assert_eq!(render(&shuffled), expected.join("\n"), "case {name}: order matters");
        }
    }

    #[test]
    fn qr_cases() {
        check(
            "order id first, whatever the time",
            "T 2026-11-09 10:00:00 45.00 pay=微信 order=A1
             T 2026-11-09 10:01:00 45.00 pay=微信 order=A2
             W 2026-11-09 10:09:00 45.00 pay=微信 order=A2
             W 2026-11-09 10:00:20 45.00 pay=微信 order=A1",
            "T2 = W3 order_id
             T3 = W2 order_id",
        );
        check(
            "re-scan without order ids: each attempt its closest paid row (best total)",
            "T 2026-11-09 10:00:00 45.00 declined pay=微信
             T 2026-11-09 10:03:00 45.00 pay=微信
             W 2026-11-09 10:02:00 45.00 pay=微信
             W 2026-11-09 10:06:00 45.00 pay=微信",
            "T2 = W2 qr_window
             T3 = W3 qr_window",
        );
        check(
            "a WeChat attempt never pairs with an Alipay row; a card attempt never with a bill",
            "T 2026-11-09 10:00:00 45.00 pay=微信
             T 2026-11-09 11:00:00 12.00 card=8429
             W 2026-11-09 10:00:30 45.00 pay=支付宝
             W 2026-11-09 11:00:10 12.00 pay=微信",
            "",
        );
        check(
            "channel order number on the terminal; refund linked to its payment",
            "T 2026-11-09 10:00:00 88.00 chan=4200001
             W 2026-11-09 10:00:05 88.00 pay=微信 order=A9 chan=4200001
             W 2026-11-09 15:00:00 20.00 refund pay=微信 order=A9 chan=4200001",
            "T2 = W2 order_id
             W2 r W3",
        );
        check(
            "till rows are the attempts: 支付单号 = 商户订单号, 第三方单号 = 微信订单号",
            "O 2026-11-18 12:02:03 28.00 unknown pay=微信 order=202611180021 payno=P01
             O 2026-11-18 12:05:00 15.00 pay=微信 order=202611180022 chan=4200000002
             W 2026-11-18 12:02:09 28.00 pay=微信 order=P01 chan=4200000001
             W 2026-11-18 12:05:04 15.00 pay=微信 order=P02 chan=4200000002",
            "O2 = W2 order_id
             O3 = W3 order_id",
        );
        check(
            "two 22.00 orders 4 s apart: each its own payment by id, not the closest in time",
            "O 2026-11-18 12:40:00 22.00 pay=微信 order=51 payno=P51
             O 2026-11-18 12:40:04 22.00 pay=微信 order=52 payno=P52
             W 2026-11-18 12:40:05 22.00 pay=微信 order=P52
             W 2026-11-18 12:40:09 22.00 pay=微信 order=P51",
            "O2 = W3 order_id
             O3 = W2 order_id",
        );
        check(
            "a WeChat till row never pairs with an Alipay row, by id or by time",
            "O 2026-11-18 13:05:40 18.00 pay=微信 order=61 payno=P61
             O 2026-11-18 14:00:00 30.00 pay=微信支付 order=62
             W 2026-11-18 13:05:41 18.00 pay=支付宝 order=P61
             W 2026-11-18 14:00:05 30.00 pay=支付宝",
            "",
        );
        check(
            "the till's own 订单号 never contradicts the bill; its 支付单号 does",
            "O 2026-11-18 12:00:00 28.00 pay=微信 order=202611180021
             O 2026-11-18 12:10:00 35.00 pay=微信 order=202611180023 payno=P23
             W 2026-11-18 12:00:06 28.00 pay=微信 order=P21
             W 2026-11-18 12:10:06 35.00 pay=微信 order=P99",
            "O2 = W2 qr_window",
        );
        check(
            "a day a terminal log holds QR attempts: the till's rows stay orders",
            "T 2026-11-18 12:00:00 28.00 pay=微信 order=P21
             O 2026-11-18 12:00:00 28.00 pay=微信 order=21 payno=P21
             W 2026-11-18 12:00:06 28.00 pay=微信 order=P21",
            "T2 = W2 order_id",
        );
        check(
            "conflicting order ids are two payments",
            "T 2026-11-09 10:00:00 45.00 pay=微信 order=A1
             W 2026-11-09 10:00:05 45.00 pay=微信 order=A7",
            "",
        );
    }
}
