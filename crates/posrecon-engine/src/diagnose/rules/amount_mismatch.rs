//! `amount_mismatch`: one transaction, two amounts.
//!
//! ## What it detects
//! A terminal record and an acquirer row paired by 参考号 or by 终端号 + 凭证号 (identifiers, not
//! the amount) whose amounts differ. The time-window pass pairs equal amounts only, so it never
//! produces one. The same holds between an order (cashier/ERP list) and the card transaction
//! linked to it by 参考号 or 凭证号 ([`run_orders`], evidence "order vs terminal").
//!
//! ## Why it matters
//! If the statement settled more than the terminal shows, the customer was charged more than the
//! receipt says; if less, the merchant is short the difference (9656 清算金额小于消费金额).
//!
//! ## What the merchant should do
//! (Settled too much and a refund of the settled charge already made: see `refunded.rs`; the
//! refunds lower the difference still owed, and refunded in full the finding is `info` "已退款".)
//! Compare with the signed receipt (签购单). Settled too much: refund the difference to the
//! customer (partial 退货) and ask the acquirer why. Settled too little: claim the difference from
//! the acquirer (请款 / 调账申请).
//!
//! ## Two channels
//! A QR payment (微信 / 支付宝) whose order number is on both the till (or terminal) and the
//! wallet's bill with two amounts is this kind too (`qr_payment::detect`). The words choose the
//! channel's advice (`text::zh::amount_mismatch`).

use super::super::{Context, Draft};
use super::qr_payment::{QrCases, wallet_of};
use super::{Loc, PairFacts, Said, loc, pair_facts, refunded, say};
use crate::diagnose::text::{en, zh};
use crate::matcher::{OrderKey, OrderLink, Pair, Pass};
use crate::model::{PayMethod, Record, Role};
use crate::report::{Kind, Severity};

/// One transaction with two amounts: what the attempt (terminal, till order) says, and what was
/// settled or paid.
pub(crate) struct Facts<'a> {
    pub(crate) expected: &'a Record,
    pub(crate) settled: &'a Record,
    pub(crate) channel: Channel<'a>,
}

/// Which two files disagree: terminal and acquirer statement, till order and its card payment,
/// or till / terminal and a wallet's bill.
pub(crate) enum Channel<'a> {
    Card { pair: PairFacts<'a> },
    Order { order_at: Loc<'a>, by_rrn: bool },
    Qr { wallet: Option<PayMethod>, pair: PairFacts<'a> },
}

impl Facts<'_> {
    /// Settled minus expected: positive when the customer paid too much.
    pub(crate) fn diff_cents(&self) -> i64 {
        self.settled.amount_cents - self.expected.amount_cents
    }
}

/// One finding per identifier-matched card pair, and per QR pair, with two amounts.
pub(crate) fn run(ctx: &Context, qr: &QrCases) -> Vec<Draft> {
    let card = ctx
        .set
        .pairs
        .iter()
        .filter(|p| matches!(p.pass, Pass::Rrn | Pass::Stan | Pass::OrderId))
        // Wallet-bill pairs are found by `qr_payment::detect`.
        .filter(|p| ctx.records[p.acquirer].role == Role::AcquirerStatement)
        .filter(|p| ctx.records[p.terminal].amount_cents != ctx.records[p.acquirer].amount_cents)
        .map(|p| pair_draft(ctx, p, Channel::Card { pair: pair_facts(ctx, p) }));
    let qr = qr.mismatched.iter().map(|p| {
        pair_draft(ctx, p, Channel::Qr { wallet: wallet_of(ctx, p), pair: pair_facts(ctx, p) })
    });
    card.chain(qr).collect()
}

fn pair_draft<'a>(ctx: &Context<'a>, pair: &'a Pair, channel: Channel<'a>) -> Draft {
    let a = &ctx.records[pair.acquirer];
    let day = match channel {
        Channel::Qr { .. } => a.time.map(|t| t.date()),
        _ => ctx.set.clearing_date(pair.acquirer),
    };
    let facts = Facts { expected: &ctx.records[pair.terminal], settled: a, channel };
    draft(ctx, &facts, pair.confidence, [pair.terminal, pair.acquirer], day)
}

/// One finding per order linked by reference to a payment of another amount ("order vs terminal").
pub(crate) fn run_orders(ctx: &Context) -> Vec<Draft> {
    ctx.set
        .order_links
        .iter()
        .filter(|l| matches!(l.key, OrderKey::Rrn | OrderKey::Stan | OrderKey::OrderId))
        .filter(|l| ctx.records[l.order].amount_cents != ctx.records[l.payment].amount_cents)
        .map(|l| order_draft(ctx, l))
        .collect()
}

fn order_draft(ctx: &Context, link: &OrderLink) -> Draft {
    let facts = Facts {
        expected: &ctx.records[link.order],
        settled: &ctx.records[link.payment],
        channel: Channel::Order {
            order_at: loc(ctx, link.order),
            by_rrn: link.key.as_str() == "rrn",
        },
    };
    let day = ctx.set.clearing_date(link.payment);
    draft(ctx, &facts, link.confidence, [link.order, link.payment], day)
}

fn draft(
    ctx: &Context,
    facts: &Facts,
    confidence: f64,
    records: [usize; 2],
    day: Option<chrono::NaiveDate>,
) -> Draft {
    let Said { title, explanation, evidence, actions } =
        say(ctx, facts, zh::amount_mismatch, en::amount_mismatch);
    let draft = Draft {
        kind: Kind::AmountMismatch,
        severity: Severity::High,
        amount_cents: facts.diff_cents().abs(),
        confidence,
        title,
        explanation,
        records: records.iter().map(|&i| ctx.record_ref(i)).collect(),
        dates: ctx.dates(day.as_slice(), false),
        evidence,
        actions,
    };
    // Settled for more than shown: the advice is to refund the difference, which a refund of the
    // settled charge may already have done. Settled for less, the shop is owed: no refund applies.
    let over = facts.diff_cents();
    if over > 0 { refunded::apply(ctx, draft, &records[1..], over) } else { draft }
}
