//! `fee_mismatch`: the acquirer charged another fee than the contract says.
//!
//! ## What it detects
//! A settled sale (acquirer statement row with a 手续费) whose fee differs by more than 1 分 from
//! the contracted fee: `round_half_up(交易金额 × rate)`, capped (debit cards), with the most
//! specific rate of `Settings::fee_rates` for the row's 商户号 and 卡类型 (see [`crate::fees`]).
//! The 1 分 tolerance absorbs rounding differences between acquirers (per row, half-up, or
//! truncation). When several rows of one clearing date are off by the same effective rate (the
//! acquirer applied 0.6% instead of 0.38% all day), they become one finding for the day with the
//! effective rate as evidence, instead of one finding per row.
//!
//! **When no fee rates are configured, nothing is checked and this rule never fires**: the engine
//! cannot know the merchant's contract. Rows without a fee column, refunds, voids and reversals
//! are not checked either (acquirers differ on whether the fee is returned).
//!
//! ## Why it matters
//! A wrong rate is small per row and large per year: 0.22% of a shop's card turnover. Rates go
//! wrong when a promotional rate ends, a merchant category code (MCC) is changed, a debit card is
//! charged as credit (no cap), or the cap is not applied.
//!
//! ## What the merchant should do
//! Compare with the contract (商户协议 / 费率通知); ask the acquirer (客户经理 or 客服) to explain
//! and refund the difference (退还多收手续费), with the listed rows. If the card type is wrong,
//! say so: a debit card fee above the cap is not allowed.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::super::text::{en::deposit as en, zh::deposit as zh};
use super::super::{Context, Draft, is_charge};
use super::deposit_common::{Place, say};
use crate::fees::{self, FeeRate};
use crate::model::{Record, Role};
use crate::report::{Kind, Severity};

/// Rows of one clearing date off by the same effective rate that make one finding for the day.
const AGGREGATE_MIN_ROWS: usize = 3;

/// Largest difference, in fen, that counts as rounding (the words quote it).
pub(crate) const ROUNDING_TOLERANCE_CENTS: i64 = 1;

/// One settled row whose fee is off.
struct Off<'a> {
    idx: usize,
    rate: &'a FeeRate,
    expected: i64,
    charged: i64,
    effective: Option<i64>,
}

/// Findings for rows whose fee is off the contract, grouped per day where they share a rate.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    let rates = &ctx.settings().fee_rates;
    if rates.is_empty() {
        return Vec::new();
    }
    let mut offs: Vec<Off> = Vec::new();
    for (idx, r) in ctx.of_role(Role::AcquirerStatement).map(|i| (i, &ctx.records[i])) {
        if r.role != Role::AcquirerStatement || !is_charge(r) {
            continue;
        }
        let Some(charged) = r.fee_cents() else { continue };
        let Some(rate) = fees::rate_for(rates, r.merchant_id.as_deref(), r.card_type) else {
            continue;
        };
        let expected = rate.fee_for(r.amount_cents);
        if (charged - expected).abs() > ROUNDING_TOLERANCE_CENTS {
            offs.push(Off {
                idx,
                rate,
                expected,
                charged,
                effective: fees::effective_per_10000(charged, r.amount_cents),
            });
        }
    }
    offs.sort_by_key(|o| ctx.set.canonical_rank[o.idx]);

    // (clearing date, 商户号, contracted rate, effective rate) -> rows.
    type Key = (Option<NaiveDate>, Option<String>, i64, Option<i64>);
    let mut groups: BTreeMap<Key, Vec<&Off>> = BTreeMap::new();
    for off in &offs {
        let r = &ctx.records[off.idx];
        let key = (
            ctx.set.clearing_date(off.idx),
            r.merchant_id.as_deref().map(str::to_owned),
            off.rate.rate_per_10000,
            off.effective,
        );
        groups.entry(key).or_default().push(off);
    }
    let mut out = Vec::new();
    for ((date, _, _, effective), rows) in groups {
        match effective {
            Some(effective) if rows.len() >= AGGREGATE_MIN_ROWS => {
                out.push(day_draft(ctx, date, effective, &rows));
            }
            _ => out.extend(rows.iter().map(|off| row_draft(ctx, off))),
        }
    }
    out
}

fn severity(diff: i64) -> Severity {
    if diff > 0 { Severity::Medium } else { Severity::Low }
}

/// One settled row charged another fee than the contract's: the words are
/// `text::{zh,en}::deposit::fee_row`.
pub(crate) struct RowFee<'a> {
    /// The acquirer row (its amount, time, identifiers and card type).
    pub(crate) record: &'a Record,
    pub(crate) at: Place,
    /// The contracted rate that applies to it.
    pub(crate) rate: &'a FeeRate,
    /// The contracted fee and the fee charged, fen.
    pub(crate) expected_cents: i64,
    pub(crate) charged_cents: i64,
    /// The rate charged, per 10 000 of the amount.
    pub(crate) effective: Option<i64>,
}

impl RowFee<'_> {
    /// Charged minus contracted: positive when overcharged.
    pub(crate) fn diff(&self) -> i64 {
        self.charged_cents - self.expected_cents
    }
}

/// Rows of one clearing date all charged the same other rate: the words are
/// `text::{zh,en}::deposit::fee_day`.
pub(crate) struct DayFee<'a> {
    pub(crate) date: Option<NaiveDate>,
    /// The contracted rate, and the rate charged per 10 000.
    pub(crate) rate: &'a FeeRate,
    pub(crate) effective: i64,
    pub(crate) rows: usize,
    /// Σ amount, Σ fee charged and Σ contracted fee of the rows, fen.
    pub(crate) gross_cents: i64,
    pub(crate) charged_cents: i64,
    pub(crate) expected_cents: i64,
}

impl DayFee<'_> {
    /// Charged minus contracted: positive when overcharged.
    pub(crate) fn diff(&self) -> i64 {
        self.charged_cents - self.expected_cents
    }
}

fn row_draft(ctx: &Context, off: &Off) -> Draft {
    let r = &ctx.records[off.idx];
    let facts = RowFee {
        record: r,
        at: super::deposit_common::place(ctx, off.idx),
        rate: off.rate,
        expected_cents: off.expected,
        charged_cents: off.charged,
        effective: off.effective,
    };
    let words = say(ctx, &facts, zh::fee_row, en::fee_row);
    Draft {
        kind: Kind::FeeMismatch,
        severity: severity(facts.diff()),
        amount_cents: facts.diff().abs(),
        confidence: if r.card_type.is_some() || off.rate.card_type.is_none() { 0.9 } else { 0.75 },
        title: words.title,
        explanation: words.explanation,
        records: vec![ctx.record_ref(off.idx)],
        dates: ctx.dates(ctx.set.clearing_date(off.idx).as_slice(), false),
        evidence: words.evidence,
        actions: words.actions,
    }
}

fn day_draft(ctx: &Context, date: Option<NaiveDate>, effective: i64, rows: &[&Off]) -> Draft {
    let facts = DayFee {
        date,
        rate: rows[0].rate,
        effective,
        rows: rows.len(),
        gross_cents: rows.iter().map(|o| ctx.records[o.idx].amount_cents).sum(),
        charged_cents: rows.iter().map(|o| o.charged).sum(),
        expected_cents: rows.iter().map(|o| o.expected).sum(),
    };
    let words = say(ctx, &facts, zh::fee_day, en::fee_day);
    Draft {
        kind: Kind::FeeMismatch,
        severity: severity(facts.diff()),
        amount_cents: facts.diff().abs(),
        confidence: 0.95,
        title: words.title,
        explanation: words.explanation,
        records: rows.iter().map(|o| ctx.record_ref(o.idx)).collect(),
        dates: ctx.dates(date.as_slice(), false),
        evidence: words.evidence,
        actions: words.actions,
    }
}
