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
//! (A 退货 of the settled sale already made answers this: see `refunded.rs`; refunded in full the
//! finding is `info` "已退款", in part its amount is what is left.)
//! Do not charge again before checking. Find out whether the customer paid again; if they did not
//! get the goods, give the goods or refund (退货) the settled amount. When unsure, call the acquirer
//! with the transaction's identifiers. When the files show the customer paying again (an approved,
//! settled charge of the same amount on any terminal of the merchant within the duplicate window,
//! no contradicting card; or, by the same card, later on the same clearing date up to
//! `duplicate_charge::LATE_RETRY_MINUTES`, as a medium finding that asks first), the
//! `duplicate_charge` rule reports both charges together instead and this rule stays silent about
//! the attempt: one case per dropped sale, never two.
//!
//! ## Two channels
//! A card sale is decided by the acquirer statement; a QR payment (微信 / 支付宝) by the wallet's
//! bill: the till or smart POS showed 失败 / 支付中 / no result, the bill shows the order paid
//! (`qr_payment::detect` finds them). Both are this kind, with one draft; the words choose the
//! channel's advice (`text::zh::charged_but_failed`).

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::super::{Context, Draft, is_charge};
use super::qr_payment::{QrCases, can_revoke, wallet_of};
use super::{Loc, PairFacts, Said, loc, pair_facts, refunded, say};
use crate::diagnose::text::{en, zh};
use crate::matcher::Pair;
use crate::model::{Outcome, PayMethod, Record, Role};
use crate::report::{Kind, Severity};

/// A terminal attempt that looked failed, and the settled row proving it was charged.
pub(crate) struct Dropped<'a> {
    pub(crate) terminal: usize,
    pub(crate) acquirer: usize,
    pub(crate) pair: &'a Pair,
}

/// What a dropped sale is: the attempt shown as failed, the row that settled it, and the channel.
pub(crate) struct Facts<'a> {
    pub(crate) attempt: &'a Record,
    pub(crate) paid: &'a Record,
    pub(crate) attempt_at: Loc<'a>,
    pub(crate) paid_at: Loc<'a>,
    pub(crate) pair: PairFacts<'a>,
    pub(crate) channel: Channel,
}

/// How the money moved: a card settled by the acquirer, or a QR payment on a wallet's bill.
pub(crate) enum Channel {
    Card {
        clearing: Option<NaiveDate>,
    },
    /// `can_revoke`: the wallet still allows 撤销 of the payment (see `qr_payment::can_revoke`).
    Qr {
        wallet: Option<PayMethod>,
        can_revoke: bool,
    },
}

/// Every dropped card sale, in canonical order of the terminal attempt.
pub(crate) fn candidates<'a>(ctx: &'a Context) -> Vec<Dropped<'a>> {
    ctx.set
        .pairs
        .iter()
        .filter(|p| {
            let t = &ctx.records[p.terminal];
            // QR payments on a wallet bill are found by `qr_payment::detect`.
            // The terminal row's tests first: most sales were approved, and their statement
            // rows need not be read.
            t.role == Role::TerminalLog
                && is_charge(t)
                && matches!(t.outcome, Outcome::Unknown | Outcome::Declined)
                && ctx.records[p.acquirer].role == Role::AcquirerStatement
                && ctx.settled_charge(p.acquirer)
        })
        .map(|p| Dropped { terminal: p.terminal, acquirer: p.acquirer, pair: p })
        .collect()
}

/// One finding per dropped card sale not claimed by `duplicate_charge`, and per dropped QR
/// payment with no paid re-scan.
pub(crate) fn run(
    ctx: &Context,
    dropped: &[Dropped],
    claimed: &BTreeSet<usize>,
    qr: &QrCases,
) -> Vec<Draft> {
    let card = dropped
        .iter()
        .filter(|d| !claimed.contains(&d.terminal))
        .map(|d| draft(ctx, d.pair, Channel::Card { clearing: ctx.set.clearing_date(d.acquirer) }));
    let qr = qr.dropped.iter().map(|p| {
        let wallet = wallet_of(ctx, p);
        let paid_on = ctx.records[p.acquirer].time.map(|x| x.date());
        draft(ctx, p, Channel::Qr { wallet, can_revoke: can_revoke(ctx, wallet, paid_on) })
    });
    card.chain(qr).collect()
}

fn draft(ctx: &Context, pair: &Pair, channel: Channel) -> Draft {
    let facts = Facts {
        attempt: &ctx.records[pair.terminal],
        paid: &ctx.records[pair.acquirer],
        attempt_at: loc(ctx, pair.terminal),
        paid_at: loc(ctx, pair.acquirer),
        pair: pair_facts(ctx, pair),
        channel,
    };
    let day = match facts.channel {
        Channel::Card { clearing } => clearing,
        Channel::Qr { .. } => facts.paid.time.map(|x| x.date()),
    };
    let Said { title, explanation, evidence, actions } =
        say(ctx, &facts, zh::charged_but_failed, en::charged_but_failed);
    let draft = Draft {
        kind: Kind::ChargedButFailed,
        severity: Severity::High,
        amount_cents: facts.paid.amount_cents,
        confidence: pair.confidence,
        title,
        explanation,
        records: vec![ctx.record_ref(pair.terminal), ctx.record_ref(pair.acquirer)],
        dates: ctx.dates(day.as_slice(), false),
        evidence,
        actions,
    };
    // Undoing the dropped sale is the advice; a refund already made answers it.
    refunded::apply(ctx, draft, &[pair.acquirer], facts.paid.amount_cents)
}
