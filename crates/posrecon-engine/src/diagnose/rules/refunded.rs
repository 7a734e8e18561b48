//! A charge the merchant already gave back: not a kind of its own, a state every refund-asking
//! finding can be in.
//!
//! ## What it detects
//! Some findings end in "refund the customer": `duplicate_charge` (undo the extra charge),
//! `charged_but_failed` (undo the dropped sale if the customer paid again) and `amount_mismatch`
//! when the card was settled for more than the terminal showed (refund the difference). The
//! matcher already links every 退货 (refund) to the sale it undoes (`MatchSet::refunds_of`: by
//! 原参考号 / 原凭证号 or any shared identifier at any distance, else by card, amount and time;
//! partial refunds included, never past the sale's amount). A rule hands this module the settled
//! charges its advice would refund and the amount it would ask for ([`apply`]); the refunds linked
//! to those charges decide what is left:
//!
//! - refunded in full (the refunds reach the amount owed): the money is back with the customer.
//!   The finding stays in the report, so the merchant sees the case was noticed and closed, but
//!   it becomes `info` ("已退款"), its amount at stake 0 (it counts in no money direction, see
//!   `report/answer.rs`), its words name each refund (参考号, 凭证号, time, amount, where it is)
//!   and its only advice is to keep the receipts (签购单 of the sale and of the refund);
//! - refunded in part: the finding keeps its kind and severity, its amount at stake is what is
//!   still owed, and its first evidence and action say what was refunded and what is left.
//!
//! A void (撤销) or reversal (冲正) never gets here: a cancelled sale is not a settled charge
//! (`Context::settled_charge`), so no rule reports it in the first place.
//!
//! Per charge one side is counted (the settled row's refunds when it has any, else the
//! terminal's): a refund on the terminal and its settled row are the same money, as in
//! `chains.rs`. For a `duplicate_charge` the refunds of either charge count: whichever of the two
//! the shop refunded, the customer got the extra charge back.
//!
//! ## Why it matters
//! Advising a refund the shop already made makes it pay the customer twice.
//!
//! ## What the merchant should do
//! Nothing more than keep the receipts; for a partial refund, refund the rest.

use std::collections::BTreeSet;

use super::super::{Context, Draft, is_charge};
use super::{Loc, Said, loc, say};
use crate::diagnose::text::{en, zh};
use crate::model::{Record, Role};
use crate::report::{Kind, Severity};

/// One refund row and where it is.
pub(crate) struct Refund<'a> {
    pub(crate) row: &'a Record,
    pub(crate) at: Loc<'a>,
}

/// What was refunded of the money a finding would have the merchant give back.
pub(crate) struct Facts<'a> {
    /// The kind of the finding the refunds answer.
    pub(crate) kind: Kind,
    /// What the finding would ask the merchant to refund, in fen.
    pub(crate) owed_cents: i64,
    /// The refunds linked to the charges, in canonical order.
    pub(crate) refunds: Vec<Refund<'a>>,
    /// The charges refunded (for their identifiers), in the order the rule named them.
    pub(crate) charges: Vec<&'a Record>,
}

impl Facts<'_> {
    /// Refunded so far, in fen.
    pub(crate) fn refunded_cents(&self) -> i64 {
        self.refunds.iter().map(|r| r.row.amount_cents.abs()).sum()
    }

    /// Still owed to the customer, in fen (never below 0).
    pub(crate) fn remaining_cents(&self) -> i64 {
        (self.owed_cents - self.refunded_cents()).max(0)
    }
}

/// The refund rows linked to `charges` (record indices of settled charges or their terminal
/// attempts), one side per charge (the settled row's when it has any), each once, in canonical
/// order.
pub(crate) fn refunds_of(ctx: &Context, charges: &[usize]) -> Vec<usize> {
    let mut found = BTreeSet::new();
    for &charge in charges {
        let mut sides = vec![charge];
        if let Some(pair) = ctx.set.pair_of(charge) {
            sides.extend([pair.terminal, pair.acquirer].into_iter().filter(|&s| s != charge));
        }
        sides.retain(|&s| is_charge(&ctx.records[s]));
        sides.sort_by_key(|&s| {
            (ctx.records[s].role == Role::TerminalLog, ctx.set.canonical_rank[s])
        });
        if let Some(&side) = sides.iter().find(|&&s| !ctx.set.refunds_of(s).is_empty()) {
            found.extend(ctx.set.refunds_of(side).iter().map(|&r| (ctx.set.canonical_rank[r], r)));
        }
    }
    found.into_iter().map(|(_, r)| r).collect()
}

/// The draft of a finding whose advice is to refund `owed_cents` of `charges`, once the refunds
/// already made are known: unchanged without any, lowered to what is left by a partial refund,
/// closed (`info`, amount 0, keep the receipts) by a full one. See the module docs.
pub(crate) fn apply(ctx: &Context, mut draft: Draft, charges: &[usize], owed_cents: i64) -> Draft {
    let refunds = refunds_of(ctx, charges);
    if refunds.is_empty() || owed_cents <= 0 {
        return draft;
    }
    let facts = Facts {
        kind: draft.kind,
        owed_cents,
        refunds: refunds
            .iter()
            .map(|&r| Refund { row: &ctx.records[r], at: loc(ctx, r) })
            .collect(),
        charges: charges.iter().map(|&c| &ctx.records[c]).collect(),
    };
    draft.records.extend(refunds.iter().map(|&r| ctx.record_ref(r)));
    if facts.remaining_cents() == 0 {
        let Said { title, explanation, evidence, actions } =
            say(ctx, &facts, zh::refunded_in_full, en::refunded_in_full);
        draft.severity = Severity::Info;
        draft.amount_cents = 0;
        draft.title = title;
        draft.explanation = explanation.zip(draft.explanation, |a, b| format!("{a}{b}"));
        draft.evidence.prepend(evidence);
        draft.actions = actions;
        draft.dates.escalate_after = None;
    } else {
        let Said { evidence, actions, .. } =
            say(ctx, &facts, zh::refunded_in_part, en::refunded_in_part);
        draft.amount_cents = facts.remaining_cents();
        draft.evidence.prepend(evidence);
        draft.actions.prepend(actions);
    }
    draft
}
