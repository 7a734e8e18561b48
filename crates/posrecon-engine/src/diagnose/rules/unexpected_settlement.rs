//! `unexpected_settlement` (长款): settled by the acquirer, unknown to the terminal log.
//!
//! ## What it detects
//! An acquirer sale row, not undone by a void or reversal row, that matches no terminal record,
//! although the terminal log of its terminal covers its time (first to last record of that
//! terminal). Rows outside that range, on terminals whose log is not loaded, or with no terminal
//! log at all are not reported: the terminal side was never looked at.
//!
//! ## Why it matters
//! Money arrived that the shop has no record of. Either the terminal lost the record (a dropped
//! sale the cashier never saw as approved), the export is incomplete, or the sale is not this
//! shop's. Money that is not the merchant's is usually taken back later (调单, 退单, 贷记调整
//! 9601 收单机构发现长款), so it should not be counted as revenue until explained.
//!
//! ## What the merchant should do
//! Look the sale up on the POS by its STAN and find the receipt; if it was a sale the cashier
//! thought failed, check whether the customer got the goods or paid twice; if it cannot be
//! explained, ask the acquirer.
//!
//! ## Two channels
//! A paid wallet-bill row (微信 / 支付宝) that no terminal or till record explains, inside the
//! time a terminal log with QR attempts (or an order list with QR orders) covers, is this kind
//! too (`qr_payment::detect`); a payment on a personal 收款码 bill never is. The words choose
//! the channel's advice (`text::zh::unexpected_settlement`).

use chrono::{NaiveDate, NaiveDateTime};

use super::super::{Context, Draft};
use super::qr_payment::QrCases;
use super::{Loc, Said, loc, say};
use crate::diagnose::text::{en, zh};
use crate::matcher::ident;
use crate::model::Record;
use crate::report::{Kind, Severity};

/// A settled row that no attempt explains, inside the time the attempts cover.
pub(crate) struct Facts<'a> {
    pub(crate) settled: &'a Record,
    pub(crate) settled_at: Loc<'a>,
    pub(crate) channel: Channel,
}

/// Who settled it: the acquirer (with the terminal log's span for its terminal), or a wallet.
pub(crate) enum Channel {
    Card { clearing: Option<NaiveDate>, terminal_log: Option<(NaiveDateTime, NaiveDateTime)> },
    Qr,
}

/// One finding per unmatched settled sale inside the terminal log's coverage, and per paid
/// wallet-bill row no till record explains.
pub(crate) fn run(ctx: &Context, qr: &QrCases) -> Vec<Draft> {
    let cov = &ctx.set.terminal_coverage;
    let mut out = Vec::new();
    for &idx in &ctx.set.acquirer_leftovers {
        let a = &ctx.records[idx];
        if !ctx.settled_charge(idx) {
            continue;
        }
        let Some(time) = a.time else { continue };
        if cov.covers(ident(&a.terminal_id), time) {
            let clearing = ctx.set.clearing_date(idx);
            let terminal_log = cov.range_for(ident(&a.terminal_id));
            out.push(draft(ctx, idx, Channel::Card { clearing, terminal_log }));
        }
    }
    out.extend(qr.unexpected.iter().map(|&idx| draft(ctx, idx, Channel::Qr)));
    out
}

fn draft(ctx: &Context, idx: usize, channel: Channel) -> Draft {
    let a = &ctx.records[idx];
    let day = match channel {
        Channel::Card { clearing, .. } => clearing,
        Channel::Qr => a.time.map(|t| t.date()),
    };
    let facts = Facts { settled: a, settled_at: loc(ctx, idx), channel };
    let Said { title, explanation, evidence, actions } =
        say(ctx, &facts, zh::unexpected_settlement, en::unexpected_settlement);
    Draft {
        kind: Kind::UnexpectedSettlement,
        severity: Severity::Medium,
        amount_cents: a.amount_cents,
        confidence: 0.8,
        title,
        explanation,
        records: vec![ctx.record_ref(idx)],
        dates: ctx.dates(day.as_slice(), false),
        evidence,
        actions,
    }
}
