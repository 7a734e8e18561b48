//! QR payments (微信 / 支付宝) followed through the wallet bills: which records make which of the
//! card rules' kinds, with the wallet bill as the acquirer statement.
//!
//! This module only detects: [`detect`] returns the [`QrCases`] per kind, and each kind's rule file
//! (`charged_but_failed.rs`, `duplicate_charge.rs`, ...) drafts them as the QR channel of its
//! facts, beside the card channel, so a kind's draft and words live in one place. The QR
//! vocabulary (wallet, platform, order numbers, how to give a payment back) is in
//! `diagnose/text/qr.rs`, re-exported here for `check` and the incidents.
//!
//! ## What it detects
//! For terminal (smart POS / cashier) QR attempts matched with WeChat Pay / Alipay bill rows by
//! order number or by (wallet, amount, time) — see `matcher::qr`; on a day no terminal log holds
//! QR attempts, the till's (收银系统) payment rows are the attempts:
//!
//! - `charged_but_failed`: the terminal (or till) showed 失败 / 支付中 / USERPAYING / no result,
//!   the bill shows the order paid (SUCCESS, 交易).
//! - `duplicate_charge`: such an order and, within `duplicate_window_minutes`, a paid re-scan of the
//!   same amount on the same wallet: the customer paid twice (单边账 after a re-scan). The bill's
//!   payer (用户标识, 交易对方) must not differ: two payers are two customers, each paid once. Two
//!   till rows must be of one order (订单号) when the till numbers them. Also a paid bill row no
//!   attempt explains next to a paid attempt of the same amount, wallet and (named, same) payer
//!   within the window: the customer paid twice and the till knows one payment; the other is
//!   given back.
//! - `pending_outcome`: USERPAYING / SYSTEMERROR / 支付中 on the terminal or till, no bill row, and
//!   no bill of that wallet covers the day yet.
//! - `missing_settlement`: the terminal says paid, the wallet's bill covers the day, no paid row.
//! - `unexpected_settlement`: a paid bill row that no terminal or order record explains, inside the
//!   time a terminal log with QR attempts (or an order list with QR orders) covers.
//! - `amount_mismatch`: an order number on both sides with two amounts.
//! - `order_not_paid`: an order list says paid by 微信 / 支付宝 with no terminal QR attempt to
//!   follow (no terminal log, or the till's row is the attempt), the bill of that wallet covers
//!   the day and has no paid row for it.
//!
//! A bill covers the days it has rows for (bills are exported per day). An unknown attempt on a
//! covered day with no bill row was not paid: no finding.
//!
//! ## Why it matters
//! A QR "failure" at the counter often is the POS giving up while the customer is still entering
//! the password; the money then moves anyway, and a second scan charges the customer twice.
//!
//! ## What the merchant should do
//! Look the order up in the wallet's merchant platform (微信支付商户平台 / 支付宝商家中心) by its
//! 商户订单号 before doing anything; never scan again before the first result is known; undo a
//! double payment with 撤销 (WeChat: within 7 days; Alipay: the same day) or otherwise 退款; ask the
//! wallet (or the aggregator who set up the QR payments) with 商户号, 商户订单号, the wallet's order
//! number, time and amount.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::super::text;
use super::super::{Context, is_charge};
use crate::matcher::{Pair, ident, is_qr};
use crate::model::{Outcome, PayMethod, Record, Role, TxnType};

/// What the QR detection found, per kind: which wallet-bill, terminal and till records make
/// which finding. The kinds' rules turn these into drafts next to their card twins.
#[derive(Default)]
pub(crate) struct QrCases<'a> {
    /// Attempts shown as failed whose order the bill shows paid, with no paid re-scan.
    pub(crate) dropped: Vec<&'a Pair>,
    /// A dropped attempt and the paid re-scan of the same amount and wallet (first, second).
    pub(crate) rescans: Vec<(&'a Pair, &'a Pair)>,
    /// A paid bill row the till does not know, and the paid attempt of the same payer it repeats.
    pub(crate) paid_twice: Vec<(usize, &'a Pair)>,
    /// Pairs whose amounts differ under one order number.
    pub(crate) mismatched: Vec<&'a Pair>,
    /// Attempts shown paid, on a day the wallet's bill covers, with no bill row.
    pub(crate) missing: Vec<(usize, NaiveDate)>,
    /// Attempts left in doubt on a day no bill of their wallet covers yet.
    pub(crate) pending: Vec<(usize, NaiveDate)>,
    /// Paid bill rows nothing explains, inside the time the till or terminal looked at.
    pub(crate) unexpected: Vec<usize>,
    /// QR orders no terminal attempt stands for, on a covered day, with no paid bill row.
    pub(crate) unpaid_orders: Vec<usize>,
}

/// Every QR case, by kind.
pub(crate) fn detect<'a>(ctx: &Context<'a>) -> QrCases<'a> {
    let mut cases = QrCases::default();
    let wallet_pairs: Vec<&Pair> =
        ctx.set.pairs.iter().filter(|p| ctx.records[p.acquirer].role == Role::WalletBill).collect();
    let mut retries = paid_retries(ctx, &wallet_pairs);
    let mut used_retries = BTreeSet::new();
    dropped_and_rescans(ctx, &wallet_pairs, &retries, &mut used_retries, &mut cases);
    cases.mismatched = wallet_pairs
        .iter()
        .copied()
        .filter(|p| {
            let (t, a) = (&ctx.records[p.terminal], &ctx.records[p.acquirer]);
            t.amount_cents != a.amount_cents
                && a.txn_type == t.txn_type
                && a.outcome == Outcome::Approved
        })
        .collect();
    attempts_without_bill(ctx, &mut cases);
    retries.retain(|r| !used_retries.contains(&r.terminal));
    paid_twice(ctx, &retries, &mut cases);
    unexplained(ctx, &mut cases);
    cases.unpaid_orders = unpaid_orders(ctx);
    cases
}

/// A bill row of a sale, paid and not undone.
fn paid(ctx: &Context, idx: usize) -> bool {
    let r = &ctx.records[idx];
    r.txn_type == TxnType::Sale
        && r.outcome == Outcome::Approved
        && ctx.set.cancelled_by(idx).is_none()
}

/// Approved, paid attempts: the possible re-scans, in canonical order.
fn paid_retries<'a>(ctx: &Context, wallet_pairs: &[&'a Pair]) -> Vec<&'a Pair> {
    let mut retries: Vec<&Pair> = wallet_pairs
        .iter()
        .copied()
        .filter(|p| {
            let t = &ctx.records[p.terminal];
            is_charge(t)
                && t.outcome == Outcome::Approved
                && ctx.set.cancelled_by(p.terminal).is_none()
                && paid(ctx, p.acquirer)
        })
        .collect();
    retries.sort_by_key(|p| ctx.set.canonical_rank[p.terminal]);
    retries
}

/// Dropped payments, each with the closest paid re-scan of the same amount and wallet (not by
/// another payer, not of another till order) within the duplicate window, if any.
fn dropped_and_rescans<'a>(
    ctx: &Context,
    wallet_pairs: &[&'a Pair],
    retries: &[&'a Pair],
    used_retries: &mut BTreeSet<usize>,
    cases: &mut QrCases<'a>,
) {
    let window = Duration::minutes(ctx.settings().duplicate_window_minutes.max(0));
    let dropped = wallet_pairs.iter().copied().filter(|p| {
        let t = &ctx.records[p.terminal];
        is_charge(t) && t.outcome != Outcome::Approved && paid(ctx, p.acquirer)
    });
    for d in dropped {
        let t = &ctx.records[d.terminal];
        let a = &ctx.records[d.acquirer];
        let retry = t.time.and_then(|t_time| {
            retries
                .iter()
                .filter(|r| !used_retries.contains(&r.terminal))
                .filter(|r| {
                    let rt = &ctx.records[r.terminal];
                    let ra = &ctx.records[r.acquirer];
                    ra.amount_cents == a.amount_cents
                        && same_wallet(wallet_of(ctx, d), wallet_of(ctx, r))
                        && !payers_differ(a, ra)
                        && !till_orders_differ(t, rt)
                        && rt.time.is_some_and(|x| (x - t_time).abs() <= window)
                })
                .min_by_key(|r| {
                    let x = ctx.records[r.terminal].time.unwrap_or(t_time);
                    ((x - t_time).num_seconds().abs(), ctx.set.canonical_rank[r.terminal])
                })
                .copied()
        });
        match retry {
            Some(r) => {
                used_retries.insert(r.terminal);
                cases.rescans.push((d, r));
            }
            None => cases.dropped.push(d),
        }
    }
}

/// Terminal QR attempts with no bill row: paid on a covered day is missing, unknown on a day no
/// bill covers is pending. Till attempts left in doubt wait for their day's bill.
fn attempts_without_bill(ctx: &Context, cases: &mut QrCases) {
    let cov = &ctx.set.wallet_coverage;
    for &idx in &ctx.set.terminal_leftovers {
        let t = &ctx.records[idx];
        if !ctx.set.wallet_followed(ctx.records, idx)
            || !is_charge(t)
            || ctx.set.cancelled_by(idx).is_some()
        {
            continue;
        }
        let Some(date) = t.time.map(|x| x.date()) else { continue };
        match (t.outcome, cov.covers(t.pay_method, date)) {
            (Outcome::Approved, true) => cases.missing.push((idx, date)),
            (Outcome::Unknown, false) => cases.pending.push((idx, date)),
            _ => {}
        }
    }
    // Till payment rows with no bill row: paid ones are unpaid orders; one left in doubt waits
    // for its day's bill.
    for idx in (0..ctx.records.len()).filter(|&i| ctx.set.is_till_attempt(i)) {
        let t = &ctx.records[idx];
        if t.outcome != Outcome::Unknown || ctx.set.pair_of(idx).is_some() {
            continue;
        }
        let Some(date) = t.time.map(|x| x.date()) else { continue };
        if !cov.is_empty() && !cov.covers(t.pay_method, date) {
            cases.pending.push((idx, date));
        }
    }
}

/// A paid row the till does not know, paid by the payer of a paid attempt (not already a
/// re-scan) just before or after: the same customer paid twice (the till kept one of the scans).
fn paid_twice<'a>(ctx: &Context, retries: &[&'a Pair], cases: &mut QrCases<'a>) {
    let window = Duration::minutes(ctx.settings().duplicate_window_minutes.max(0));
    let mut used = BTreeSet::new();
    for &idx in &ctx.set.wallet_leftovers {
        let a = &ctx.records[idx];
        if !paid(ctx, idx) || a.static_qr() || ctx.set.order_link(idx).is_some() {
            continue;
        }
        let (Some(time), Some(payer)) = (a.time, ident(a.counterparty())) else { continue };
        let kept = retries
            .iter()
            .filter(|r| !used.contains(&r.terminal))
            .filter(|r| {
                let ra = &ctx.records[r.acquirer];
                ra.amount_cents == a.amount_cents
                    && ident(ra.counterparty()) == Some(payer)
                    && same_wallet(a.pay_method, wallet_of(ctx, r))
                    && ra.time.is_some_and(|x| (x - time).abs() <= window)
            })
            .min_by_key(|r| {
                let x = ctx.records[r.acquirer].time.unwrap_or(time);
                ((x - time).num_seconds().abs(), ctx.set.canonical_rank[r.terminal])
            })
            .copied();
        if let Some(r) = kept {
            used.insert(r.terminal);
            cases.paid_twice.push((idx, r));
        }
    }
}

/// The times a terminal log with QR attempts, or an order list with QR orders, looked at: a
/// till's attempts of any status, of other orders the paid electronic ones.
fn looked_at(ctx: &Context) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    // Only a file with QR rows looked at anything: ask that first, and take the first and last
    // time without collecting every row's (a chain store's card-only log is a million rows).
    let span = |role: Role| {
        if !ctx.of_role(role).any(|i| is_qr(&ctx.records[i])) {
            return None;
        }
        let mut times = ctx
            .of_role(role)
            .filter(|&i| {
                role != Role::OrderList
                    || crate::matcher::is_paid_electronic_order(&ctx.records[i])
                    || ctx.set.is_till_attempt(i)
            })
            .filter_map(|i| ctx.records[i].time);
        let first = times.next();
        let bounds = times.fold(first.map(|t| (t, t)), |acc, t| {
            acc.map(|(lo, hi): (NaiveDateTime, NaiveDateTime)| (lo.min(t), hi.max(t)))
        });
        Some((bounds.map(|b| b.0), bounds.map(|b| b.1)))
    };
    [span(Role::TerminalLog), span(Role::OrderList)]
        .into_iter()
        .flatten()
        .filter_map(|(a, b)| Some((a?, b?)))
        .collect()
}

/// Paid bill rows nothing explains, where QR attempts or QR orders were looked at.
fn unexplained(ctx: &Context, cases: &mut QrCases) {
    // `looked_at` walks every record: only when a bill row needs it (a card shop has none).
    let mut spans: Option<Vec<(NaiveDateTime, NaiveDateTime)>> = None;
    let twice: BTreeSet<usize> = cases.paid_twice.iter().map(|&(idx, _)| idx).collect();
    for &idx in &ctx.set.wallet_leftovers {
        let a = &ctx.records[idx];
        if !paid(ctx, idx) || ctx.set.order_link(idx).is_some() || twice.contains(&idx) {
            continue;
        }
        // A payment on a personal 收款码 bill was scanned from the printed code, never rung up on
        // a till: a till that lacks it says nothing about it.
        let Some(time) = a.time.filter(|_| !a.static_qr()) else { continue };
        let spans = spans.get_or_insert_with(|| looked_at(ctx));
        if spans.iter().any(|&(s, e)| s <= time && time <= e) {
            cases.unexpected.push(idx);
        }
    }
}

/// QR orders no terminal attempt stands for (no terminal log, or the till's row is the attempt):
/// the bill of a covered day must show them paid.
fn unpaid_orders(ctx: &Context) -> Vec<usize> {
    let cov = &ctx.set.wallet_coverage;
    if cov.is_empty() {
        return Vec::new();
    }
    let no_terminal = ctx.set.terminal_coverage.is_empty();
    // Only an order-list row is a paid electronic order.
    let mut orders: Vec<usize> = ctx
        .of_role(Role::OrderList)
        .filter(|&i| {
            let r = &ctx.records[i];
            crate::matcher::is_paid_electronic_order(r)
                && is_qr(r)
                && (no_terminal || ctx.set.is_till_attempt(i))
                && ctx.set.order_link(i).is_none()
                && ctx.set.pair_of(i).is_none()
                && r.time.is_some_and(|x| cov.covers(r.pay_method, x.date()))
        })
        .collect();
    orders.sort_by_key(|&i| ctx.set.canonical_rank[i]);
    orders
}

/// The wallet of a pair: the bill's, else the terminal's.
pub(crate) fn wallet_of(ctx: &Context, p: &Pair) -> Option<PayMethod> {
    ctx.records[p.acquirer].pay_method.or(ctx.records[p.terminal].pay_method)
}

/// Both bill rows name their payer (用户标识, 交易对方) and the payers differ: two customers.
fn payers_differ(a: &Record, b: &Record) -> bool {
    matches!((ident(a.counterparty()), ident(b.counterparty())), (Some(x), Some(y)) if x != y)
}

/// Two till rows of two orders (订单号): a re-scan pays one order again, under its own number.
fn till_orders_differ(a: &Record, b: &Record) -> bool {
    a.role == Role::OrderList
        && b.role == Role::OrderList
        && matches!((ident(&a.order_id), ident(&b.order_id)), (Some(x), Some(y)) if x != y)
}

fn same_wallet(a: Option<PayMethod>, b: Option<PayMethod>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

pub(crate) use super::super::text::qr::{contact, order_numbers, platform, shown, wallet_name};

/// How to give a QR payment back: 撤销 while the wallet allows it, otherwise 退款.
pub(crate) fn undo_advice(
    ctx: &Context,
    m: Option<PayMethod>,
    paid_on: Option<NaiveDate>,
    amount: &str,
) -> String {
    text::qr::undo_advice(ctx.lang(), m, can_revoke(ctx, m, paid_on), amount)
}

/// Whether the wallet still allows 撤销 of a payment made on `paid_on`: WeChat within 7 days,
/// Alipay on the same day only.
pub(crate) fn can_revoke(ctx: &Context, m: Option<PayMethod>, paid_on: Option<NaiveDate>) -> bool {
    let age = paid_on.map(|d| (ctx.options.as_of - d).num_days());
    match (m, age) {
        (Some(PayMethod::Wechat), Some(days)) => days <= 7,
        (Some(PayMethod::Alipay), Some(days)) => days == 0,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::config::{Lang, Options};
    use crate::matcher::{self, fixture};

    /// Kinds of the findings, for every input order and both languages.
    fn kinds(text: &str) -> Vec<String> {
        let records = fixture::records(text);
        let mut out = None;
        for lang in [Lang::Zh, Lang::En] {
            let mut options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 12).unwrap());
            options.lang = lang;
            let mut runs = vec![records.clone()];
            runs.extend(fixture::permutations(&records));
            for recs in runs {
                let set = matcher::run(&recs, &options.settings);
                let got: Vec<String> =
                    crate::diagnose::run(&recs, &fixture::inputs(), &set, &options)
                        .iter()
                        .map(|f| format!("{} {}", f.kind.as_str(), f.amount_cents))
                        .collect();
                assert_eq!(
                    out.get_or_insert_with(|| got.clone()),
                    &got,
                    "order or language matters"
                );
            }
        }
        out.unwrap_or_default()
    }

    #[test]
    fn qr_findings() {
        let quiet = "T 2026-11-09 10:00:00 45.00 pay=微信 order=A1
                     W 2026-11-09 10:00:03 45.00 pay=微信 order=A1
                     T 2026-11-09 11:00:00 10.00 unknown pay=微信 order=A2
                     W 2026-11-09 12:00:00 30.00 pay=微信 order=A3
                     T 2026-11-09 12:00:00 30.00 pay=微信";
        assert!(kinds(quiet).is_empty(), "{:?}", kinds(quiet));
        let cases: &[(&str, &[&str])] = &[
            (
                "T 2026-11-09 10:00:00 45.00 unknown pay=微信 order=A1
                 T 2026-11-09 10:01:00 45.00 pay=微信 order=A2
                 W 2026-11-09 10:00:10 45.00 pay=微信 order=A1
                 W 2026-11-09 10:01:05 45.00 pay=微信 order=A2",
                &["duplicate_charge 4500"],
            ),
            (
                "T 2026-11-09 10:00:00 88.00 declined pay=支付宝 order=B1
                 W 2026-11-09 10:00:10 88.00 pay=支付宝 order=B1",
                &["charged_but_failed 8800"],
            ),
            (
                "T 2026-11-09 10:00:00 66.00 pay=支付宝 order=B2
                 T 2026-11-10 09:00:00 30.00 unknown pay=支付宝 order=B3
                 W 2026-11-09 11:00:00 12.00 pay=支付宝 order=B9
                 T 2026-11-09 11:00:00 12.00 pay=支付宝 order=B9",
                &["missing_settlement 6600", "pending_outcome 3000"],
            ),
            (
                "T 2026-11-09 10:00:00 50.00 pay=支付宝 order=B4
                 W 2026-11-09 10:00:10 45.00 pay=支付宝 order=B4
                 W 2026-11-09 10:30:00 15.00 pay=微信 order=A9
                 T 2026-11-09 11:00:00 1.00 pay=微信 order=A8
                 W 2026-11-09 11:00:01 1.00 pay=微信 order=A8",
                &["amount_mismatch 500", "unexpected_settlement 1500"],
            ),
            (
                "O 2026-11-09 10:00:00 45.00 pay=微信 order=A1
                 O 2026-11-09 11:00:00 20.00 pay=微信 order=A2
                 W 2026-11-09 10:00:30 45.00 pay=微信 order=A1",
                &["order_not_paid 2000"],
            ),
            (
                "# the issue's smallest input: 支付中 on the till, SUCCESS on the bill
                 O 2026-11-18 12:02:03 28.00 unknown pay=微信 order=202611180021 payno=P01 tid=SY02
                 W 2026-11-18 12:02:09 28.00 pay=微信 order=P01 chan=4200000001 party=oAAAA tid=SY02",
                &["charged_but_failed 2800"],
            ),
            (
                "# re-scan of one order, both attempts on the till, one payer: one duplicate
                 O 2026-11-18 12:10:20 36.00 unknown pay=微信 order=31 payno=P3101
                 O 2026-11-18 12:11:05 36.00 pay=微信 order=31 payno=P3102
                 W 2026-11-18 12:10:26 36.00 pay=微信 order=P3101 party=oBBBB
                 W 2026-11-18 12:11:08 36.00 pay=微信 order=P3102 party=oBBBB",
                &["duplicate_charge 3600"],
            ),
            (
                "# the same, two payers: the first scan dropped, the second another customer's
                 O 2026-11-18 12:10:20 36.00 declined pay=微信 order=31 payno=P3101
                 O 2026-11-18 12:11:05 36.00 pay=微信 order=32 payno=P3201
                 W 2026-11-18 12:10:26 36.00 pay=微信 order=P3101 party=oBBBB
                 W 2026-11-18 12:11:08 36.00 pay=微信 order=P3201 party=oHHHH",
                &["charged_but_failed 3600"],
            ),
            (
                "# the till knows one of two payments by one payer: a duplicate, not a 长款
                 O 2026-11-18 12:31:00 42.00 pay=微信 order=41 payno=P4102
                 W 2026-11-18 12:30:15 42.00 pay=微信 order=P4101 party=oCCCC
                 W 2026-11-18 12:31:03 42.00 pay=微信 order=P4102 party=oCCCC",
                &["duplicate_charge 4200"],
            ),
            (
                "# two payers: the payment the till does not know stays a 长款
                 O 2026-11-18 12:00:00 30.00 declined pay=微信 order=40 payno=P4001
                 O 2026-11-18 12:31:00 42.00 pay=微信 order=41 payno=P4102
                 W 2026-11-18 12:30:15 42.00 pay=微信 order=P4101 party=oGGGG
                 W 2026-11-18 12:31:03 42.00 pay=微信 order=P4102 party=oCCCC",
                &["unexpected_settlement 4200"],
            ),
            (
                "# till rows with no bill row: paid is not paid, 支付中 waits for its day's bill,
                 # 已关闭 is nothing
                 O 2026-11-18 12:00:00 20.00 pay=微信 order=1 payno=P1
                 O 2026-11-19 12:00:00 25.00 unknown pay=微信 order=2 payno=P2
                 O 2026-11-18 13:00:00 30.00 declined pay=微信 order=3 payno=P3
                 W 2026-11-18 09:00:00 12.00 pay=微信 order=P0",
                &["order_not_paid 2000", "pending_outcome 2500"],
            ),
            (
                "# a WeChat till row is never paid by an Alipay bill row, whatever the amount and
                 # time: the WeChat bill lacks it, and the Alipay payment is nobody's on the till
                 O 2026-11-18 14:00:00 30.00 pay=微信
                 O 2026-11-18 15:00:00 9.00 declined pay=微信
                 W 2026-11-18 14:00:05 30.00 pay=支付宝
                 W 2026-11-18 09:00:00 12.00 pay=微信 order=P0",
                &["order_not_paid 3000", "unexpected_settlement 3000"],
            ),
            (
                "# no wallet bill for that day: silent
                 O 2026-11-09 11:00:00 20.00 pay=微信 order=A2
                 W 2026-11-08 10:00:30 45.00 pay=微信 order=A1",
                &[],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(kinds(text), *expected, "{text}");
        }
    }
}
