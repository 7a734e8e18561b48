//! `pending_outcome`: a timeout whose deciding settlement file is not loaded yet.
//!
//! ## What it detects
//! A terminal sale with an unknown outcome (timeout, no reply) that matches no acquirer row, where
//! the loaded statements cannot decide it: no statement is loaded, none clears on its clearing
//! date (usually the day after the last loaded file), or none mentions its terminal.
//!
//! An unknown attempt whose clearing date *is* covered and that still has no acquirer row was not
//! charged (the automatic reversal worked): that is no finding. A declined attempt is never
//! pending: the host answered.
//!
//! ## Why it matters
//! The card may have been charged. Until the settlement for that date is checked, the merchant
//! does not know whether the customer paid, so a second charge may turn into a duplicate.
//!
//! ## What the merchant should do
//! Load the statement for the clearing date once it is available and run the analysis again.
//! Severity is low while the money could still be on its way; once `as_of` is past the
//! escalation date it is medium and the advice is to ask the acquirer directly.
//!
//! ## Two channels
//! A QR payment (微信 / 支付宝) left in doubt (USERPAYING / SYSTEMERROR / 支付中 on the terminal
//! or till, no bill row) is pending while no bill of its wallet covers its day
//! (`qr_payment::detect`); it is medium once more than a day old. The words choose the channel's
//! advice (`text::zh::pending_outcome`).

use chrono::NaiveDate;

use super::super::{Context, Draft};
use super::qr_payment::QrCases;
use super::{Loc, Said, loc, say};
use crate::diagnose::text::{en, zh};
use crate::matcher::ident;
use crate::model::{Outcome, Record};
use crate::report::{Kind, Severity};

/// An attempt whose outcome the loaded files cannot decide yet.
pub(crate) struct Facts<'a> {
    pub(crate) attempt: &'a Record,
    pub(crate) attempt_at: Loc<'a>,
    /// Past the point where waiting is still reasonable: ask now.
    pub(crate) overdue: bool,
    pub(crate) channel: Channel<'a>,
}

/// Which file decides it: the acquirer statement of the clearing date, or the wallet's bill of
/// the day.
pub(crate) enum Channel<'a> {
    Card(Card<'a>),
    Qr {
        date: NaiveDate,
        /// Days the loaded bills cover.
        bills_cover: Option<(NaiveDate, NaiveDate)>,
    },
}

/// A card attempt: its clearing date, why the statements cannot decide it, and when to ask.
pub(crate) struct Card<'a> {
    pub(crate) clearing: Option<NaiveDate>,
    pub(crate) why: Why,
    /// Clearing dates the loaded statements cover.
    pub(crate) coverage: Option<(NaiveDate, NaiveDate)>,
    pub(crate) deposit: Option<NaiveDate>,
    pub(crate) escalate: Option<NaiveDate>,
    pub(crate) escalate_after_working_days: u32,
    pub(crate) terminal: &'a str,
}

/// Why the loaded statements cannot decide a card attempt.
pub(crate) enum Why {
    NoStatement,
    DateNotLoaded(NaiveDate),
    TerminalNotInStatement,
    NoDate,
}

/// One finding per undecided unknown card attempt, and per QR attempt waiting for its bill.
pub(crate) fn run(ctx: &Context, qr: &QrCases) -> Vec<Draft> {
    let cov = &ctx.set.acquirer_coverage;
    let mut out = Vec::new();
    for idx in ctx.unmatched_charges(Outcome::Unknown) {
        let t = &ctx.records[idx];
        let clearing = ctx.set.clearing_date(idx);
        let tid = ident(&t.terminal_id);
        let why = match clearing {
            _ if cov.is_empty() => Why::NoStatement,
            Some(_) if !cov.knows_terminal(tid) => Why::TerminalNotInStatement,
            Some(date) if cov.has_rows(date) => continue,
            Some(date) => Why::DateNotLoaded(date),
            None => Why::NoDate,
        };
        out.push(card_draft(ctx, idx, clearing, why));
    }
    out.extend(qr.pending.iter().map(|&(idx, date)| qr_draft(ctx, idx, date)));
    out
}

fn card_draft(ctx: &Context, idx: usize, clearing: Option<NaiveDate>, why: Why) -> Draft {
    let t = &ctx.records[idx];
    let dates = ctx.dates(clearing.as_slice(), true);
    let overdue = dates.escalate_after.is_some_and(|d| ctx.options.as_of > d);
    let channel = Channel::Card(Card {
        clearing,
        why,
        coverage: ctx.set.acquirer_coverage.range(),
        deposit: dates.expected_deposit_date,
        escalate: dates.escalate_after,
        escalate_after_working_days: ctx.settings().escalate_after_working_days,
        terminal: ident(&t.terminal_id).unwrap_or("—"),
    });
    let facts = Facts { attempt: t, attempt_at: loc(ctx, idx), overdue, channel };
    let Said { title, explanation, evidence, actions } =
        say(ctx, &facts, zh::pending_outcome, en::pending_outcome);
    Draft {
        kind: Kind::PendingOutcome,
        severity: if overdue { Severity::Medium } else { Severity::Low },
        amount_cents: t.amount_cents,
        confidence: 0.9,
        title,
        explanation,
        records: vec![ctx.record_ref(idx)],
        dates,
        evidence,
        actions,
    }
}

fn qr_draft(ctx: &Context, idx: usize, date: NaiveDate) -> Draft {
    let t = &ctx.records[idx];
    let overdue = (ctx.options.as_of - date).num_days() > 1;
    let channel = Channel::Qr { date, bills_cover: ctx.set.wallet_coverage.range() };
    let facts = Facts { attempt: t, attempt_at: loc(ctx, idx), overdue, channel };
    let Said { title, explanation, evidence, actions } =
        say(ctx, &facts, zh::pending_outcome, en::pending_outcome);
    Draft {
        kind: Kind::PendingOutcome,
        severity: if overdue { Severity::Medium } else { Severity::Low },
        amount_cents: t.amount_cents,
        confidence: 0.5,
        title,
        explanation,
        records: vec![ctx.record_ref(idx)],
        dates: ctx.dates(&[date], false),
        evidence,
        actions,
    }
}
