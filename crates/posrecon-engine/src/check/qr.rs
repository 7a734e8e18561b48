//! The QR channel of a [`super::check`] answer (微信支付 / 支付宝): what only a scan has.
//!
//! The wallet's merchant bill plays the acquirer statement's part: a SUCCESS row is the money
//! collected, a REVOKED / CLOSED row (or no row on a day the bill covers) is no money kept. A bill
//! of day D is exported on D+1 from about 09:00–10:00, so "check again after" is D+1 for a QR
//! attempt the bills do not cover yet. Refunds: a 撤销 (WeChat within 7 days, Alipay the same day
//! only) or a 退款 goes back the way it was paid: at once to 零钱 / 余额, 1–3 working days to a
//! bank card. Those facts are in `facts` and the words in `text`; what stays here is the till's
//! cash payment of a scanned order.

use super::Attempt;
use crate::diagnose::Context;
use crate::model::{PayMethod, Role};

/// The till's cash payment of the same order (订单号) and the same amount as the attempt's till
/// row: the order was paid in 现金 (before or after the scan). A cash row of another amount is a
/// split payment (part scan, part cash), never a second payment of the whole. The first such row
/// in canonical order.
pub(super) fn cash_of(ctx: &Context, a: &Attempt) -> Option<usize> {
    let t = a.terminal?;
    let r = &ctx.records[t];
    if r.role != Role::OrderList {
        return None;
    }
    let order = r.order_id.as_deref().map(str::trim).filter(|o| !o.is_empty())?;
    ctx.records
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            i != t
                && c.role == Role::OrderList
                && c.pay_method == Some(PayMethod::Cash)
                && c.outcome == crate::model::Outcome::Approved
                && c.amount_cents == r.amount_cents
                && c.amount_cents > 0
                && c.order_id.as_deref().map(str::trim) == Some(order)
        })
        .min_by_key(|&(i, _)| ctx.set.canonical_rank[i])
        .map(|(i, _)| i)
}
