//! The rules, one per file, and what they share.
//!
//! Each rule file starts with `## What it detects`, `## Why it matters` and `## What the merchant
//! should do`, so the help text and the code cannot drift apart. A rule reads the
//! [`Context`](super::Context) and returns [`Draft`](super::Draft)s; numbering and ordering are done
//! once, in `diagnose::run`.
//!
//! A payment rule computes a typed facts value (the records, where they are, dates, amounts,
//! flags; no words) and [`say`] hands it to the function of the same name in `text/zh.rs` or
//! `text/en.rs`, which returns its [`Words`]. Card and QR payments are channels of the same kinds:
//! [`qr_payment::detect`] finds the QR cases once, and each kind's file drafts its card and QR
//! channel with one facts type.

pub(crate) mod amount_mismatch;
pub(crate) mod charged_but_failed;
pub(crate) mod deposit_common;
pub(crate) mod deposit_mismatch;
pub(crate) mod duplicate_charge;
pub(crate) mod fee_mismatch;
pub(crate) mod late_deposit;
pub(crate) mod missing_deposit;
pub(crate) mod missing_settlement;
pub(crate) mod order_not_paid;
pub(crate) mod over_refund;
pub(crate) mod pending_outcome;
pub(crate) mod qr_payment;
pub(crate) mod refunded;
pub(crate) mod reversal_not_settled_back;
pub(crate) mod unexpected_settlement;
pub(crate) mod wallet_payout;

use super::{Bi, Context, Draft};
use crate::config::Lang;
use crate::matcher::{Pair, ident};
use crate::model::Record;

/// Runs every rule. The duplicate rule runs before the dropped-sale rule because it claims the
/// dropped sales it explains.
pub(crate) fn run_all(ctx: &Context) -> Vec<Draft> {
    let qr = qr_payment::detect(ctx);
    let dropped = charged_but_failed::candidates(ctx);
    let (mut drafts, claimed) = duplicate_charge::run(ctx, &dropped, &qr);
    drafts.extend(charged_but_failed::run(ctx, &dropped, &claimed, &qr));
    drafts.extend(missing_settlement::run(ctx, &qr));
    drafts.extend(unexpected_settlement::run(ctx, &qr));
    drafts.extend(pending_outcome::run(ctx, &qr));
    drafts.extend(amount_mismatch::run(ctx, &qr));
    drafts.extend(missing_deposit::run(ctx));
    drafts.extend(deposit_mismatch::run(ctx));
    drafts.extend(late_deposit::run(ctx));
    drafts.extend(wallet_payout::run(ctx));
    drafts.extend(fee_mismatch::run(ctx));
    drafts.extend(amount_mismatch::run_orders(ctx));
    drafts.extend(order_not_paid::run(ctx, &qr));
    drafts.extend(reversal_not_settled_back::run(ctx));
    drafts.extend(over_refund::run(ctx));
    drafts
}

/// The words of one finding in one language: what `text::zh` / `text::en` make of a rule's facts.
pub(crate) struct Words {
    pub(crate) title: String,
    pub(crate) explanation: String,
    pub(crate) evidence: Vec<String>,
    pub(crate) actions: Vec<String>,
}

/// A finding's words in the languages the diagnosis words (see [`super::Wording`]).
pub(crate) struct Said {
    pub(crate) title: Bi<String>,
    pub(crate) explanation: Bi<String>,
    pub(crate) evidence: Bi<Vec<String>>,
    pub(crate) actions: Bi<Vec<String>>,
}

/// The one place a rule's facts meet the report's language (and the other one, when the
/// diagnosis words both).
pub(crate) fn say<F>(ctx: &Context, facts: &F, zh: fn(&F) -> Words, en: fn(&F) -> Words) -> Said {
    let words = Bi::of(ctx.langs(), |lang| match lang {
        Lang::Zh => zh(facts),
        Lang::En => en(facts),
    });
    let Bi { main, other } = words;
    let (other_title, other_explanation, other_evidence, other_actions) = match other {
        Some(w) => (Some(w.title), Some(w.explanation), Some(w.evidence), Some(w.actions)),
        None => (None, None, None, None),
    };
    Said {
        title: Bi { main: main.title, other: other_title },
        explanation: Bi { main: main.explanation, other: other_explanation },
        evidence: Bi { main: main.evidence, other: other_evidence },
        actions: Bi { main: main.actions, other: other_actions },
    }
}

/// Where a record is: the file as the merchant uploaded it, and the line.
#[derive(Clone, Copy)]
pub(crate) struct Loc<'a> {
    pub(crate) file: &'a str,
    pub(crate) line: u32,
}

/// The location of one record.
pub(crate) fn loc<'a>(ctx: &Context<'a>, idx: usize) -> Loc<'a> {
    let file = ctx.inputs.get(ctx.records[idx].file_idx as usize).map_or("?", |i| i.file.as_str());
    Loc { file, line: ctx.records[idx].line }
}

/// Why the matcher believes two records are one transaction: the pair, both records, the window
/// it searched, and the order number both sides share (for an order-number pass).
pub(crate) struct PairFacts<'a> {
    pub(crate) pair: &'a Pair,
    pub(crate) attempt: &'a Record,
    pub(crate) settled: &'a Record,
    pub(crate) window_minutes: i64,
    pub(crate) order_id: &'a str,
}

/// The facts of a pair.
pub(crate) fn pair_facts<'a>(ctx: &Context<'a>, pair: &'a Pair) -> PairFacts<'a> {
    let (t, a) = (&ctx.records[pair.terminal], &ctx.records[pair.acquirer]);
    PairFacts {
        pair,
        attempt: t,
        settled: a,
        window_minutes: ctx.settings().match_window_minutes,
        order_id: shared_order_id(t, a),
    }
}

/// The order number two records share (the first id of one side found on the other).
fn shared_order_id<'a>(t: &'a Record, a: &Record) -> &'a str {
    // A till's 支付单号 is the number the bill calls 商户订单号.
    let t_ids = [ident(&t.order_id), ident(t.channel_order_id()), ident(t.pay_order_id())];
    let a_ids = [ident(&a.order_id), ident(a.channel_order_id()), ident(a.pay_order_id())];
    t_ids.into_iter().flatten().find(|id| a_ids.contains(&Some(*id))).unwrap_or("")
}
