//! `reversal_not_settled_back`: the terminal undid a sale, the settlement did not.
//!
//! ## What it detects
//! A 撤销 (void), 冲正 (reversal) or 退货 (refund) approved on the terminal that no acquirer row
//! reflects, although the acquirer statements decide its clearing date:
//!
//! - a void or reversal whose original sale (linked by the matcher, see `matcher::cancel`) was
//!   approved on the terminal and settled by the acquirer, with no matching void, refund or
//!   negative row on the acquirer side: the cardholder was charged for a cancelled sale;
//! - a refund with no acquirer refund row on a covered clearing date (and, when its sale is
//!   linked and settled, no acquirer refund linked to that sale): the cardholder has not been
//!   paid back.
//!
//! A reversal of a sale the terminal never saw approved (a timeout) is not reported here: the
//! settled sale is then a `charged_but_failed`, which already says the reversal was lost. A void
//! of a sale that was never settled is normal (both disappear from the statement).
//!
//! ## Why it matters
//! The customer was told the sale was cancelled or refunded, but the money did not go back. They
//! will come back, or dispute the charge with their bank (拒付), which costs more than the sale.
//!
//! ## What the merchant should do
//! Ask the acquirer to check the void/refund with its identifiers. If it was lost, refund the
//! customer through the acquirer (退货 on the terminal, or 差错处理 via the acquirer); keep the
//! void or refund slip as evidence.

use super::super::text::{self, money};
use super::super::{Context, Draft};
use crate::Lang;
use crate::matcher::ident;
use crate::model::{Outcome, Role, TxnType};
use crate::report::{Kind, Severity};

/// One finding per terminal void/reversal/refund the settlement does not reflect.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    let mut out = Vec::new();
    for &c in &ctx.set.terminal_leftovers {
        let r = &ctx.records[c];
        if r.role != Role::TerminalLog
            || r.outcome != Outcome::Approved
            || !matches!(r.txn_type, TxnType::Void | TxnType::Reversal | TxnType::Refund)
        {
            continue;
        }
        let sale = ctx.set.undoes(c);
        let settled_sale = sale.and_then(|s| {
            let pair = ctx.set.pair_of(s)?;
            let a = pair.acquirer;
            (ctx.settled_charge(a) && ctx.set.refunded_by(a).is_none()).then_some(a)
        });
        let report = match r.txn_type {
            TxnType::Refund => {
                let decided = ctx
                    .set
                    .clearing_date(c)
                    .is_some_and(|d| ctx.set.acquirer_coverage.decides(ident(&r.terminal_id), d));
                let sale_refunded_elsewhere = sale
                    .and_then(|s| ctx.set.pair_of(s))
                    .is_some_and(|p| ctx.set.refunded_by(p.acquirer).is_some());
                decided && !sale_refunded_elsewhere
            }
            _ => {
                let sale_approved =
                    sale.is_some_and(|s| ctx.records[s].outcome == Outcome::Approved);
                sale_approved && settled_sale.is_some()
            }
        };
        if report {
            out.push(draft(ctx, c, sale, settled_sale));
        }
    }
    out
}

fn draft(ctx: &Context, c: usize, sale: Option<usize>, settled: Option<usize>) -> Draft {
    let lang = ctx.lang();
    let r = &ctx.records[c];
    let amount = money(lang, r.amount_cents);
    let when = text::time(lang, r.time);
    let ids = text::ids(lang, &[r]);
    let what = match (lang, r.txn_type) {
        (Lang::Zh, TxnType::Void) => "撤销",
        (Lang::Zh, TxnType::Reversal) => "冲正",
        (Lang::Zh, _) => "退货",
        (Lang::En, TxnType::Void) => "void",
        (Lang::En, TxnType::Reversal) => "reversal",
        (Lang::En, _) => "refund",
    };
    let clearing = ctx.set.clearing_date(c);
    let settled_at = settled.map(|a| ctx.location(a));
    let sale_at = sale.map(|s| ctx.location(s));
    let (title, explanation) = match lang {
        Lang::Zh => (
            format!("{what}未结算：终端 {when} 成功{what} {amount}，对账单没有相应的退回"),
            format!(
                "终端在 {when} 成功做了一笔 {amount} 的{what}（{ids}，{}）{}。\
                 但收单对账单里找不到对应的撤销、退货或负数记录{}，顾客的钱很可能没有退回。",
                ctx.location(c),
                sale_at.map(|s| format!("，对应原消费 {s}")).unwrap_or_default(),
                settled_at.map(|a| format!("，原消费却已按 {a} 结算")).unwrap_or_default()
            ),
        ),
        Lang::En => (
            format!("{what} not settled: {amount} {what} approved on the terminal at {when}"),
            format!(
                "The terminal approved a {amount} {what} at {when} ({ids}, {}){}. The acquirer \
                 statement has no matching void, refund or negative row{}, so the customer's money \
                 has most likely not gone back.",
                ctx.location(c),
                sale_at.map(|s| format!(", undoing the sale at {s}")).unwrap_or_default(),
                settled_at
                    .map(|a| format!(", and the original sale was settled ({a})"))
                    .unwrap_or_default()
            ),
        ),
    };
    let mut evidence = vec![match lang {
        Lang::Zh => format!("终端：{what} {amount}，应答成功"),
        Lang::En => format!("terminal: {what} {amount}, approved"),
    }];
    if let Some(a) = settled {
        evidence.push(match lang {
            Lang::Zh => format!("原消费已结算：{}，且没有撤销/退货记录", ctx.location(a)),
            Lang::En => {
                format!("original sale settled: {}, with no void/refund row", ctx.location(a))
            }
        });
    }
    if let Some(d) = clearing {
        evidence.push(match lang {
            Lang::Zh => format!("收单对账单覆盖清算日期 {d}，但没有这笔{what}"),
            Lang::En => {
                format!("the acquirer statements cover clearing date {d} but not this {what}")
            }
        });
    }
    let contact = text::contact_details(lang, &[r]);
    let actions = match lang {
        Lang::Zh => vec![
            format!("联系收单机构核查这笔{what}，提供：{contact}。"),
            "如果确认丢失，通过收单机构给顾客退款（差错处理或重新退货），保留撤销/退货签购单作为凭证。"
                .to_owned(),
            "告知顾客处理进度，避免顾客向发卡行拒付。".to_owned(),
        ],
        Lang::En => vec![
            format!("Ask the acquirer to check this {what}, giving: {contact}."),
            "If it was lost, refund the customer through the acquirer (error handling or a new refund) and keep the void/refund slip."
                .to_owned(),
            "Tell the customer, so they do not dispute the charge with their bank.".to_owned(),
        ],
    };
    let mut records = vec![ctx.record_ref(c)];
    records.extend(sale.map(|s| ctx.record_ref(s)));
    records.extend(settled.map(|a| ctx.record_ref(a)));
    Draft {
        kind: Kind::ReversalNotSettledBack,
        severity: Severity::High,
        amount_cents: r.amount_cents,
        confidence: if settled.is_some() { 0.9 } else { 0.75 },
        title,
        explanation,
        records,
        dates: ctx.dates(clearing.as_slice(), true),
        evidence,
        actions,
    }
}
