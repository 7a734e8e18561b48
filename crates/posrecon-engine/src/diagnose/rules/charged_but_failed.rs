//! `charged_but_failed` (掉单): the terminal showed failure, the acquirer settled the sale.
//!
//! ## What it detects
//! A terminal sale whose outcome is unknown (timeout, no reply, 交易超时) or declined, paired by
//! the matcher with an acquirer row that settled it and that no void or reversal row undid.
//!
//! ## Why it matters
//! The cardholder's money moved although the cashier saw a failure. Either the customer left
//! without the goods, or paid a second time (card again, cash, QR), or the cashier now believes
//! the till is short. When the timeout's automatic reversal (冲正) is lost, this is what remains.
//!
//! ## What the merchant should do
//! Do not charge again before checking. Find out whether the customer paid again; if they did not
//! get the goods, give the goods or refund (退货) the settled amount. When unsure, call the acquirer
//! with the transaction's identifiers. When the files show the customer paying again (an approved,
//! settled charge of the same amount on any terminal of the merchant within the duplicate window,
//! no contradicting card; or, by the same card, later on the same clearing date up to
//! `duplicate_charge::LATE_RETRY_MINUTES`, as a medium finding that asks first), the
//! `duplicate_charge` rule reports both charges together instead and this rule stays silent about
//! the attempt: one case per dropped sale, never two.

use std::collections::BTreeSet;

use super::super::text::{self, money};
use super::super::{Context, Draft, is_charge};
use super::pair_evidence;
use crate::Lang;
use crate::matcher::Pair;
use crate::model::{Outcome, Role};
use crate::report::{Kind, Severity};

/// A terminal attempt that looked failed, and the settled row proving it was charged.
pub(crate) struct Dropped<'a> {
    pub(crate) terminal: usize,
    pub(crate) acquirer: usize,
    pub(crate) pair: &'a Pair,
}

/// Every dropped sale, in canonical order of the terminal attempt.
pub(crate) fn candidates<'a>(ctx: &'a Context) -> Vec<Dropped<'a>> {
    ctx.set
        .pairs
        .iter()
        .filter(|p| {
            let t = &ctx.records[p.terminal];
            // QR payments on a wallet bill are the `qr_payment` rule's.
            t.role == Role::TerminalLog
                && ctx.records[p.acquirer].role == Role::AcquirerStatement
                && is_charge(t)
                && matches!(t.outcome, Outcome::Unknown | Outcome::Declined)
                && ctx.settled_charge(p.acquirer)
        })
        .map(|p| Dropped { terminal: p.terminal, acquirer: p.acquirer, pair: p })
        .collect()
}

/// One finding per dropped sale not claimed by `duplicate_charge`.
pub(crate) fn run(ctx: &Context, dropped: &[Dropped], claimed: &BTreeSet<usize>) -> Vec<Draft> {
    dropped.iter().filter(|d| !claimed.contains(&d.terminal)).map(|d| draft(ctx, d)).collect()
}

fn draft(ctx: &Context, d: &Dropped) -> Draft {
    let lang = ctx.lang();
    let t = &ctx.records[d.terminal];
    let a = &ctx.records[d.acquirer];
    let both = [t, a];
    let amount = money(lang, a.amount_cents);
    let ids = text::ids(lang, &both);
    let shown = text::terminal_result(lang, t);
    let clearing = ctx.set.clearing_date(d.acquirer);
    let clearing_text = text::date(clearing);
    let when = text::time(lang, t.time);
    let contact = text::contact_details(lang, &both);
    let settled_at = ctx.location(d.acquirer);

    let (title, explanation, actions) = match lang {
        Lang::Zh => (
            format!("掉单：{when} 终端{shown}，但 {amount} 已被扣款结算"),
            format!(
                "这笔 {amount} 的消费（{ids}）在 {when} 的终端上{shown}，收银员看到的是失败；\
                 但收单机构对账单（{settled_at}）显示它已结算，清算日期 {clearing_text}。\
                 也就是说顾客的卡已经被扣款，这笔钱也会结算给商户。\
                 如果当时顾客没拿到商品，或者又用别的方式付了一次，就需要处理。"
            ),
            vec![
                "不要因为终端显示失败就向顾客再收一次款：这笔已经扣款成功。".to_owned(),
                format!(
                    "核对当时顾客是否又付了一次（再刷卡、现金或扫码）：如果付了两次，把多收的那一次退给顾客。"
                ),
                format!(
                    "如果顾客没有拿到商品：要么补交商品，要么对这笔已结算的 {amount} 办理退货（已过结算只能退货，不能撤销），退款一般 3–5 个工作日退回顾客卡上。"
                ),
                format!("如仍不确定，联系收单机构核实这笔交易，并提供：{contact}。"),
            ],
        ),
        Lang::En => (
            format!("Dropped sale: the terminal {shown} at {when}, but {amount} was charged and settled"),
            format!(
                "This {amount} sale ({ids}) {shown} on the terminal at {when}, so the cashier saw a \
                 failure. The acquirer statement ({settled_at}) shows it settled, clearing date \
                 {clearing_text}: the customer's card was charged and the money will reach the \
                 merchant. If the customer left without the goods, or paid again some other way, \
                 it needs to be put right."
            ),
            vec![
                "Do not charge the customer again because the terminal showed a failure: this sale was charged.".to_owned(),
                "Check whether the customer paid again (card, cash or QR); if they paid twice, refund the extra payment.".to_owned(),
                format!(
                    "If the customer did not get the goods, either hand them over or refund (退货) the settled {amount}; after settlement a void (撤销) is no longer possible. The refund reaches the customer's card in about 3-5 working days."
                ),
                format!("If unsure, ask the acquirer to confirm this transaction, giving: {contact}."),
            ],
        ),
    };

    let mut evidence = vec![match lang {
        Lang::Zh => format!("终端结果：{shown}（{}）", ctx.location(d.terminal)),
        Lang::En => format!("terminal result: {shown} ({})", ctx.location(d.terminal)),
    }];
    evidence.push(match lang {
        Lang::Zh => format!("收单结果：已结算，清算日期 {clearing_text}，没有撤销或冲正记录抵消"),
        Lang::En => format!(
            "acquirer: settled, clearing date {clearing_text}, no void or reversal row undoes it"
        ),
    });
    evidence.extend(pair_evidence(ctx, d.pair));

    Draft {
        kind: Kind::ChargedButFailed,
        severity: Severity::High,
        amount_cents: a.amount_cents,
        confidence: d.pair.confidence,
        title,
        explanation,
        records: vec![ctx.record_ref(d.terminal), ctx.record_ref(d.acquirer)],
        dates: ctx.dates(clearing.as_slice(), false),
        evidence,
        actions,
    }
}
