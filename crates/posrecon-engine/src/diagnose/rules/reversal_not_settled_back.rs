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

use chrono::NaiveDate;

use super::super::{Context, Draft};
use super::{Loc, Said, loc, say};
use crate::diagnose::text::{en, zh};
use crate::matcher::ident;
use crate::model::{Outcome, Record, Role, TxnType};
use crate::report::{Kind, Severity};

/// A void, reversal or refund the terminal approved that the statement does not reflect.
pub(crate) struct Facts<'a> {
    /// The void, reversal or refund.
    pub(crate) undo: &'a Record,
    pub(crate) undo_at: Loc<'a>,
    pub(crate) clearing: Option<NaiveDate>,
    /// The sale it undoes, on the terminal.
    pub(crate) sale_at: Option<Loc<'a>>,
    /// The statement row that settled that sale.
    pub(crate) settled_at: Option<Loc<'a>>,
}

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
    let r = &ctx.records[c];
    let clearing = ctx.set.clearing_date(c);
    let facts = Facts {
        undo: r,
        undo_at: loc(ctx, c),
        clearing,
        sale_at: sale.map(|s| loc(ctx, s)),
        settled_at: settled.map(|a| loc(ctx, a)),
    };
    let Said { title, explanation, evidence, actions } =
        say(ctx, &facts, zh::reversal_not_settled_back, en::reversal_not_settled_back);
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
