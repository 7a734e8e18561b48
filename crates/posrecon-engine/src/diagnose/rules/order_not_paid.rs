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

use super::super::text::{self, money};
use super::super::{Context, Draft};
use crate::Lang;
use crate::matcher::ident;
use crate::model::{PayMethod, Record};
use crate::report::{Kind, Severity};

/// One finding per paid card order with no payment, where the terminal logs cover its time.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    let mut out = Vec::new();
    let mut orders: Vec<usize> = (0..ctx.records.len())
        .filter(|&i| {
            let r = &ctx.records[i];
            crate::matcher::is_paid_electronic_order(r)
                && r.pay_method == Some(PayMethod::Card)
                && ctx.set.order_link(i).is_none()
        })
        .collect();
    orders.sort_by_key(|&i| ctx.set.canonical_rank[i]);
    for idx in orders {
        if covered(ctx, &ctx.records[idx]) {
            out.push(draft(ctx, idx));
        }
    }
    out
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

fn draft(ctx: &Context, idx: usize) -> Draft {
    let lang = ctx.lang();
    let o = &ctx.records[idx];
    let amount = money(lang, o.amount_cents);
    let when = text::time(lang, o.time);
    let order_id = ident(&o.order_id).unwrap_or("—").to_owned();
    let location = ctx.location(idx);
    let (before, after) =
        (ctx.settings().order_window_before_minutes, ctx.settings().order_window_after_minutes);
    let (title, explanation) = match lang {
        Lang::Zh => (
            format!("订单无支付记录：订单 {order_id}（{amount}，{when}）标记为刷卡已支付"),
            format!(
                "收银系统的订单 {order_id}（{location}）在 {when} 以银行卡收款 {amount}，状态为已支付；\
                 但终端流水在这段时间内找不到支撑它的成功刷卡交易：没有相同参考号或凭证号的交易，\
                 也没有订单前 {before} 分钟到后 {after} 分钟内同金额的成功交易。终端流水覆盖了这个时间，\
                 所以很可能这笔钱没有收到。"
            ),
        ),
        Lang::En => (
            format!(
                "Order without payment: order {order_id} ({amount}, {when}) marked paid by card"
            ),
            format!(
                "The till's order {order_id} ({location}) at {when} says {amount} was paid by bank \
                 card; but the terminal log, which covers that time, has no approved card \
                 transaction behind it: none with its reference or voucher number, and none of the \
                 same amount from {before} minutes before to {after} minutes after the order. The \
                 money was most likely never taken."
            ),
        ),
    };
    let evidence = match lang {
        Lang::Zh => vec![
            format!("订单：{order_id}，金额 {amount}，时间 {when}，支付方式 银行卡，状态 已支付"),
            format!(
                "查找范围：参考号、凭证号；同金额、订单前 {before} 分钟至后 {after} 分钟{}",
                ident(&o.terminal_id).map(|t| format!("、终端 {t}")).unwrap_or_default()
            ),
            "终端流水覆盖该时间".to_owned(),
        ],
        Lang::En => vec![
            format!("order: {order_id}, amount {amount}, time {when}, paid by card, status paid"),
            format!(
                "searched: reference and voucher number; same amount from {before} min before to {after} min after{}",
                ident(&o.terminal_id).map(|t| format!(", terminal {t}")).unwrap_or_default()
            ),
            "the terminal log covers that time".to_owned(),
        ],
    };
    let actions = match lang {
        Lang::Zh => vec![
            "找出这笔订单的签购单（POS 小票）：没有签购单就说明刷卡没有成功。".to_owned(),
            "如有会员、外卖或电话信息，联系顾客补付款。".to_owned(),
            "如果有签购单，按小票上的参考号在终端上查询：可能刷在了别的终端或金额不同，这种交易也会在本报告中单独列出。"
                .to_owned(),
            "提醒收银员：终端显示成功并打印签购单之后，再在收银系统中确认收款。".to_owned(),
        ],
        Lang::En => vec![
            "Find the card receipt (签购单) for this order: no receipt means the payment did not go through."
                .to_owned(),
            "If the order has member, delivery or phone details, ask the customer to pay.".to_owned(),
            "If there is a receipt, look up its reference number on the terminal: it may have been taken on another terminal or for another amount, which this report lists separately."
                .to_owned(),
            "Remind cashiers to confirm payment in the till only after the terminal shows success and prints the receipt."
                .to_owned(),
        ],
    };
    Draft {
        kind: Kind::OrderNotPaid,
        severity: Severity::High,
        amount_cents: o.amount_cents,
        confidence: if ident(&o.terminal_id).is_some() { 0.85 } else { 0.8 },
        title,
        explanation,
        records: vec![ctx.record_ref(idx)],
        dates: ctx.dates(&[], false),
        evidence,
        actions,
    }
}
