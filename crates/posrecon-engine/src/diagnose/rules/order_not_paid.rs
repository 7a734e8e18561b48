//! `order_not_paid`: the till says "paid by card", no card transaction backs it.
//!
//! ## What it detects
//! An order in the cashier/ERP list whose status says paid and whose 支付方式 says bank card
//! (银行卡, 刷卡, 信用卡 ...), that the matcher could not link to any card transaction: none with
//! its 参考号 or 凭证号, none of the same amount from 2 minutes before to 10 minutes after the
//! order (orders are typed in before the card is swiped; see `Settings::order_window_*`), on its
//! terminal. Only reported where the terminal logs cover the order's time (its terminal's log,
//! or every terminal's log when the order does not say which terminal): outside them the payment
//! is simply not in the files. An approved attempt and a dropped one that the acquirer settled
//! both count as paid. QR and wallet orders (微信, 支付宝) are not checked yet: wallet bills are
//! not read.
//!
//! ## Why it matters
//! The goods left the shop and no money came in: the cashier marked the order paid after a
//! failed or timed-out swipe (the classic 掉单 seen from the till), the card was swiped on another
//! terminal or for another amount, or the order was closed by mistake.
//!
//! ## What the merchant should do
//! Find the receipt (签购单) for the order. If there is none, the payment failed: contact the
//! customer if possible (member, delivery, phone on the order). If there is one, look it up by
//! its 参考号 on the terminal; a payment on another terminal or for another amount also shows here
//! as an unexplained transaction.
//!
//! ## Two channels
//! A till order paid by 微信 / 支付宝 with no terminal QR attempt to follow (no terminal log, or
//! the till's row is the attempt), on a day the wallet's bill covers, with no paid row for it, is
//! this kind too (`qr_payment::detect`). The words choose the channel's advice
//! (`text::zh::order_not_paid`).

use chrono::NaiveDate;

use super::super::{Context, Draft};
use super::qr_payment::QrCases;
use super::{Loc, Said, loc, say};
use crate::diagnose::text::{en, zh};
use crate::matcher::ident;
use crate::model::{PayMethod, Record, Role};
use crate::report::{Kind, Severity};

/// A till order marked paid that no payment stands behind.
pub(crate) struct Facts<'a> {
    pub(crate) order: &'a Record,
    pub(crate) order_at: Loc<'a>,
    pub(crate) channel: Channel,
}

/// Where the payment should have been: the terminal log (searched from `before` minutes before
/// to `after` minutes after the order), or the wallet's bill.
pub(crate) enum Channel {
    Card {
        before: i64,
        after: i64,
    },
    /// `till_attempt`: the till's payment row is the only record of the scan (else no terminal
    /// log is loaded).
    Qr {
        bills_cover: Option<(NaiveDate, NaiveDate)>,
        till_attempt: bool,
    },
}

/// One finding per paid card order with no payment, where the terminal logs cover its time, and
/// per QR order with no paid bill row.
pub(crate) fn run(ctx: &Context, qr: &QrCases) -> Vec<Draft> {
    // Only an order-list row is a paid electronic order.
    let mut orders: Vec<usize> = ctx
        .of_role(Role::OrderList)
        .filter(|&i| {
            let r = &ctx.records[i];
            crate::matcher::is_paid_electronic_order(r)
                && r.pay_method == Some(PayMethod::Card)
                && ctx.set.order_link(i).is_none()
        })
        .collect();
    orders.sort_by_key(|&i| ctx.set.canonical_rank[i]);
    let (before, after) =
        (ctx.settings().order_window_before_minutes, ctx.settings().order_window_after_minutes);
    let card = orders.into_iter().filter(|&idx| covered(ctx, &ctx.records[idx])).map(|idx| {
        let sure = ident(&ctx.records[idx].terminal_id).is_some();
        draft(ctx, idx, Channel::Card { before, after }, if sure { 0.85 } else { 0.8 })
    });
    let qr = qr.unpaid_orders.iter().map(|&idx| {
        let bills_cover = ctx.set.wallet_coverage.range();
        let till_attempt = ctx.set.is_till_attempt(idx);
        draft(ctx, idx, Channel::Qr { bills_cover, till_attempt }, 0.8)
    });
    card.chain(qr).collect()
}

/// The terminal logs cover the order's time: its terminal's log, or (no 终端号 on the order)
/// every terminal's log.
fn covered(ctx: &Context, order: &Record) -> bool {
    let Some(time) = order.time else { return false };
    let cov = &ctx.set.terminal_coverage;
    if let Some(tid) = ident(&order.terminal_id) {
        return cov.covers(Some(tid), time);
    }
    if cov.covers(None, time) {
        return true;
    }
    !cov.by_terminal.is_empty()
        && cov.by_terminal.values().all(|&(start, end)| start <= time && time <= end)
}

fn draft(ctx: &Context, idx: usize, channel: Channel, confidence: f64) -> Draft {
    let o = &ctx.records[idx];
    let facts = Facts { order: o, order_at: loc(ctx, idx), channel };
    let Said { title, explanation, evidence, actions } =
        say(ctx, &facts, zh::order_not_paid, en::order_not_paid);
    Draft {
        kind: Kind::OrderNotPaid,
        severity: Severity::High,
        amount_cents: o.amount_cents,
        confidence,
        title,
        explanation,
        records: vec![ctx.record_ref(idx)],
        dates: ctx.dates(&[], false),
        evidence,
        actions,
    }
}
