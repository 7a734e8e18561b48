//! `over_refund`: a sale refunded for more than it was worth.
//!
//! ## What it detects
//! A sale whose refunds (退货) name it by an identifier (原参考号 / 原凭证号, a shared 参考号 or order
//! number) and add up to more than the sale: a 65.00 sale refunded 650.00, or partial refunds of a
//! 350.00 sale that come to 400.00. The matcher links the refunds the sale can take and records
//! the rest against it (`MatchSet::over_refunds`); this rule turns that into a finding, with the
//! excess as the money at stake.
//!
//! One finding per payment: when the sale is over-refunded on the acquirer statement (or the
//! wallet bill), the statement's sale carries it (money really went back: severity high) and the
//! terminal rows of the same sale and refunds are named beside it. When only the terminal log
//! shows it (no statement loaded, or the statement does not list the refund), the terminal's sale
//! carries it with severity medium and a lower confidence: the terminal approved the refund, the
//! statement does not confirm the money left.
//!
//! ## Why it matters
//! A refund cannot be larger than the sale it refunds; when the acquirer still pays it out, the
//! shop has given back money it never took. It is almost always a keying slip (65.00 keyed as
//! 650.00, a refund entered twice), and the longer it waits the harder the money is to recover.
//!
//! ## What the merchant should do
//! Ask the acquirer to correct the excess (差错处理: reverse or adjust the refund), giving the
//! refund's and the sale's identifiers; contact the customer with the receipt and ask for the
//! excess back; check a refund's amount against its sale before confirming it.

use super::super::{Context, Draft};
use super::{Loc, Said, loc, say};
use crate::diagnose::text::{en, zh};
use crate::model::{Record, Role};
use crate::report::{Kind, Severity};

/// A sale refunded for more than it was.
pub(crate) struct Facts<'a> {
    pub(crate) sale: &'a Record,
    pub(crate) sale_at: Loc<'a>,
    /// The sale and its paired row on the other side.
    pub(crate) sale_rows: Vec<&'a Record>,
    /// The refunds were settled by the statement (else only the terminal approved them).
    pub(crate) settled: bool,
    /// Refunds that fit within the sale.
    pub(crate) within: Vec<Refund<'a>>,
    /// Refunds past the sale's amount.
    pub(crate) past: Vec<Refund<'a>>,
    pub(crate) refunded_cents: i64,
    pub(crate) excess_cents: i64,
    /// The first refund past the sale (or the sale) and its partner: what the acquirer asks for.
    pub(crate) contact_rows: Vec<&'a Record>,
}

/// One refund row and where it is.
pub(crate) struct Refund<'a> {
    pub(crate) row: &'a Record,
    pub(crate) at: Loc<'a>,
}

/// One finding per over-refunded payment.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    let mut sales: Vec<usize> = ctx.set.over_refunds.iter().map(|c| c.sale).collect();
    sales.dedup();
    sales
        .into_iter()
        .filter(|&s| ctx.set.over_refunded_cents(ctx.records, s) > 0)
        .filter(|&s| {
            // The terminal's sale is reported only when its settled row does not carry it.
            ctx.records[s].role != Role::TerminalLog
                || !ctx.set.pair_of(s).is_some_and(|p| {
                    !ctx.set.over_refunds_of(p.acquirer).is_empty()
                        && ctx.set.over_refunded_cents(ctx.records, p.acquirer) > 0
                })
        })
        .map(|s| draft(ctx, s))
        .collect()
}

/// The row and its paired row on the other side, the given one first.
fn with_partner(ctx: &Context, idx: usize) -> Vec<usize> {
    let mut out = vec![idx];
    if let Some(p) = ctx.set.pair_of(idx) {
        out.push(if p.terminal == idx { p.acquirer } else { p.terminal });
    }
    out
}

fn draft(ctx: &Context, sale: usize) -> Draft {
    let s = &ctx.records[sale];
    let settled = s.role != Role::TerminalLog;
    let linked = ctx.set.refunds_of(sale);
    let over = ctx.set.over_refunds_of(sale);
    let refund = |&r: &usize| Refund { row: &ctx.records[r], at: loc(ctx, r) };
    let rows = |idx: usize| with_partner(ctx, idx).into_iter().map(|i| &ctx.records[i]).collect();
    let excess_cents = ctx.set.over_refunded_cents(ctx.records, sale);
    let facts = Facts {
        sale: s,
        sale_at: loc(ctx, sale),
        sale_rows: rows(sale),
        settled,
        within: linked.iter().map(refund).collect(),
        past: over.iter().map(refund).collect(),
        refunded_cents: linked.iter().chain(over).map(|&r| ctx.records[r].amount_cents).sum(),
        excess_cents,
        contact_rows: rows(over.first().copied().unwrap_or(sale)),
    };
    let Said { title, explanation, evidence, actions } =
        say(ctx, &facts, zh::over_refund, en::over_refund);
    let mut records: Vec<usize> = Vec::new();
    for &r in over {
        records.extend(with_partner(ctx, r));
    }
    records.extend(with_partner(ctx, sale));
    for &r in linked {
        records.extend(with_partner(ctx, r));
    }
    let mut clearing: Vec<_> = over.iter().filter_map(|&r| ctx.set.clearing_date(r)).collect();
    clearing.sort();
    clearing.dedup();
    Draft {
        kind: Kind::OverRefund,
        severity: if settled { Severity::High } else { Severity::Medium },
        amount_cents: excess_cents,
        confidence: if settled { 0.9 } else { 0.7 },
        title,
        explanation,
        records: records.into_iter().map(|i| ctx.record_ref(i)).collect(),
        dates: ctx.dates(&clearing, false),
        evidence,
        actions,
    }
}
