//! `missing_settlement` (短款): approved on the terminal, absent from the settlement files.
//!
//! ## What it detects
//! A terminal sale the host approved, not undone by a same-day void, that no acquirer row matches
//! by RRN, STAN or amount and time, although the loaded acquirer statements cover its clearing
//! date (23:00 cut-off applied) and mention its terminal. When the clearing date lies past the
//! statements, or no statement is loaded, nothing is reported: the deciding file is simply not
//! there yet. When the date lies inside the statements' range but no row at all clears that day,
//! the finding is kept at medium severity, because that day's file may be the one missing.
//!
//! ## Why it matters
//! The customer paid and got the goods, but the money may never reach the merchant: a batch that
//! was not uploaded, an approval reversed by a terminal fault (reversal code 96), or an acquirer
//! error (9656 清算金额小于消费金额).
//!
//! ## What the merchant should do
//! Check the next day's statement and the bank deposit first; then file a missing-settlement
//! claim (请款) with the acquirer, with the receipt and the transaction's identifiers, and chase it
//! if it is not resolved within a few working days.
//!
//! ## Two channels
//! A QR payment (微信 / 支付宝) the terminal shows paid, on a day the wallet's bill covers, with
//! no paid row on the bill is this kind too (`qr_payment::detect`). The words choose the
//! channel's advice (`text::zh::missing_settlement`).

use chrono::{NaiveDate, NaiveTime};

use super::super::{Context, Draft};
use super::qr_payment::QrCases;
use super::{Loc, Said, loc, say};
use crate::diagnose::text::{en, zh};
use crate::matcher::ident;
use crate::model::{Outcome, Record};
use crate::report::{Kind, Severity};

/// An attempt shown approved that the file deciding it does not have.
pub(crate) struct Facts<'a> {
    pub(crate) attempt: &'a Record,
    pub(crate) attempt_at: Loc<'a>,
    pub(crate) channel: Channel,
}

/// Which file should have had it: the acquirer statement of its clearing date, or the wallet's
/// bill of its day.
pub(crate) enum Channel {
    Card(Card),
    Qr {
        date: NaiveDate,
        /// Days the loaded bills cover.
        bills_cover: Option<(NaiveDate, NaiveDate)>,
    },
}

/// A card sale: the clearing date it should have settled on, and what the statements cover.
pub(crate) struct Card {
    pub(crate) clearing: NaiveDate,
    /// The statements settle other sales on the clearing date.
    pub(crate) day_has_rows: bool,
    /// Clearing dates the loaded statements cover.
    pub(crate) covered: (NaiveDate, NaiveDate),
    pub(crate) deposit: Option<NaiveDate>,
    pub(crate) escalate: Option<NaiveDate>,
    pub(crate) cutoff: NaiveTime,
    pub(crate) window_minutes: i64,
}

/// One finding per approved terminal sale missing from covered settlement dates, and per QR
/// payment shown paid missing from a covered day's bill.
pub(crate) fn run(ctx: &Context, qr: &QrCases) -> Vec<Draft> {
    let cov = &ctx.set.acquirer_coverage;
    let mut out = Vec::new();
    for idx in ctx.unmatched_charges(Outcome::Approved) {
        let t = &ctx.records[idx];
        let Some(clearing) = ctx.set.clearing_date(idx) else { continue };
        let tid = ident(&t.terminal_id);
        if !cov.in_range(clearing) || !cov.knows_terminal(tid) {
            continue;
        }
        out.push(card_draft(ctx, idx, clearing, cov.has_rows(clearing)));
    }
    out.extend(qr.missing.iter().map(|&(idx, date)| qr_draft(ctx, idx, date)));
    out
}

fn card_draft(ctx: &Context, idx: usize, clearing: NaiveDate, day_has_rows: bool) -> Draft {
    let t = &ctx.records[idx];
    let dates = ctx.dates(&[clearing], true);
    let channel = Channel::Card(Card {
        clearing,
        day_has_rows,
        covered: ctx.set.acquirer_coverage.range().unwrap_or((clearing, clearing)),
        deposit: dates.expected_deposit_date,
        escalate: dates.escalate_after,
        cutoff: ctx.settings().cutoff,
        window_minutes: ctx.settings().match_window_minutes,
    });
    let facts = Facts { attempt: t, attempt_at: loc(ctx, idx), channel };
    let Said { title, explanation, evidence, actions } =
        say(ctx, &facts, zh::missing_settlement, en::missing_settlement);
    Draft {
        kind: Kind::MissingSettlement,
        severity: if day_has_rows { Severity::High } else { Severity::Medium },
        amount_cents: t.amount_cents,
        confidence: if day_has_rows { 0.9 } else { 0.6 },
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
    let channel = Channel::Qr { date, bills_cover: ctx.set.wallet_coverage.range() };
    let facts = Facts { attempt: t, attempt_at: loc(ctx, idx), channel };
    let Said { title, explanation, evidence, actions } =
        say(ctx, &facts, zh::missing_settlement, en::missing_settlement);
    Draft {
        kind: Kind::MissingSettlement,
        severity: Severity::High,
        amount_cents: t.amount_cents,
        confidence: 0.85,
        title,
        explanation,
        records: vec![ctx.record_ref(idx)],
        dates: ctx.dates(&[date], false),
        evidence,
        actions,
    }
}
