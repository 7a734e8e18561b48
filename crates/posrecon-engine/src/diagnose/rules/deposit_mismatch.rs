//! `deposit_mismatch`: the acquirer paid, but not the settled net.
//!
//! ## What it detects
//! A bank credit from the acquirer (counterparty with 备付金 / 银联 / 支付 ..., a memo such as
//! `1102-1102费58.21元`, or the payer of other deposits) that pays a set of clearing dates, found
//! by the memo's date range or by arriving when those dates were due, whose amount differs from
//! their Σ net by more than the rounding tolerance. The same for the parts of a split payout
//! (several credits of one payer for the same dates): the finding names every credit and compares
//! their sum; a credit that arrived when the dates were due but pays less than them is such a
//! part, and the finding reports the rest as missing. The finding says by how much, and whether
//! the difference is exactly one settled row's net (a transaction left out of the payout), a fee
//! different from the statement's (the deposit implies another rate), or too large for a fee (a
//! part of the payout has not arrived). A deposit larger than expected is not reported when its
//! clearing dates reach the first or last day of the acquirer statement: it probably also pays a
//! day the statement does not show.
//!
//! ## Why it matters
//! A short payout is money lost quietly: a row held back for review (调单, risk control), a
//! chargeback deducted (退单), or a fee charged at a rate other than the contract's.
//!
//! ## What the merchant should do
//! Ask the acquirer for the payout breakdown (结算明细) of that credit, with the 商户号, clearing
//! dates, expected and received amounts; for a missing row, quote its identifiers; for a fee
//! difference, quote the contracted rate.

use chrono::NaiveDate;

use super::super::text::{en::deposit as en, zh::deposit as zh};
use super::super::{Context, Draft};
use super::deposit_common::{
    BankLine, Place, Unproven, arrival, credits_of, days, deposit_refs, finding_dates, place,
    rate_per_10000, say, unproven, unverified_year,
};
use crate::matcher::deposit::{
    Deposit, Fit, NEAR_RATIO_PERCENT, PayoutSource, SettledDay, is_one_row, signed_amounts,
};
use crate::report::{Kind, Severity};

/// What a near-fitting acquirer deposit shows: the words are `text::{zh,en}::deposit::mismatch`.
pub(crate) struct Mismatch<'a> {
    /// The clearing dates it pays.
    pub(crate) days: Vec<&'a SettledDay>,
    /// Its credits (several: the parts of a split payout).
    pub(crate) credits: Vec<BankLine>,
    /// The rounding allowed per settled row (`Settings::deposit_tolerance_cents_per_row`), fen.
    pub(crate) per_row_cents: i64,
    pub(crate) received_cents: i64,
    /// Σ net of the days.
    pub(crate) expected_cents: i64,
    /// When the days were due in the bank.
    pub(crate) expected_date: NaiveDate,
    /// When the (last) credit arrived.
    pub(crate) credit_date: NaiveDate,
    /// The transaction dates the credit's memo names, which tied it to the days.
    pub(crate) memo_range: Option<(NaiveDate, NaiveDate)>,
    /// The settled row whose net the difference equals (the first in canonical order), if any.
    pub(crate) one_row: Option<OneRow>,
    /// Far too little for a fee difference: a part of the payout is most likely still out.
    pub(crate) part_missing: bool,
    /// The fee rate the statement states and the one the deposit implies, on the days' gross.
    pub(crate) rates: Option<Rates>,
    /// The fee the memo names, when it differs from the statement's.
    pub(crate) memo_fee_cents: Option<i64>,
    /// Σ fee of the days on the statement.
    pub(crate) fee_cents: i64,
    pub(crate) escalate_after: Option<NaiveDate>,
    /// The year of the expected date, when its holiday table is not verified.
    pub(crate) unverified_year: Option<i32>,
    /// Why the statement cannot show a short deposit is short (then a question).
    pub(crate) unproven: Vec<Unproven>,
}

impl Mismatch<'_> {
    /// Received minus expected: negative when short.
    pub(crate) fn diff(&self) -> i64 {
        self.received_cents - self.expected_cents
    }

    /// Whether the payout came in parts.
    pub(crate) fn split(&self) -> bool {
        self.credits.len() > 1
    }
}

/// A settled row whose net the difference equals: left out of the payout (or paid twice).
pub(crate) struct OneRow {
    pub(crate) row: Place,
    pub(crate) net_cents: i64,
}

/// The fee rates of a near deposit's days, in hundredths of a percent.
pub(crate) struct Rates {
    pub(crate) gross_cents: i64,
    /// Σ fee on the statement, and its rate.
    pub(crate) fee_cents: i64,
    pub(crate) stated: i64,
    /// The rate the amount received implies.
    pub(crate) implied: i64,
}

/// One finding per near-fitting deposit.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    ctx.set
        .deposits
        .deposits
        .iter()
        .filter(|d| d.fit == Fit::Near)
        .filter(|d| ctx.set.deposits.days[d.days[0]].source == PayoutSource::Acquirer)
        .filter(|d| {
            let diff = d.received_cents - d.expected_cents;
            !(diff > 0 && d.at_data_edge)
        })
        .map(|d| draft(ctx, d))
        .collect()
}

fn draft(ctx: &Context, deposit: &Deposit) -> Draft {
    let days = days(ctx, &deposit.days);
    let diff = deposit.received_cents - deposit.expected_cents;
    let dates = finding_dates(ctx, &days);
    let expected_date = dates.expected_deposit_date.unwrap_or(days[0].date);
    let fee: i64 = days.iter().map(|d| d.fee_cents).sum();
    let facts = Mismatch {
        credits: credits_of(ctx, deposit),
        per_row_cents: ctx.settings().deposit_tolerance_cents_per_row.max(0),
        received_cents: deposit.received_cents,
        expected_cents: deposit.expected_cents,
        expected_date,
        credit_date: arrival(ctx, deposit).unwrap_or(expected_date),
        memo_range: deposit.memo_range,
        one_row: one_row(ctx, &days, diff),
        // Far too little for a fee difference: most likely a part of the payout is still out.
        part_missing: diff < 0 && diff.abs() * 100 > deposit.expected_cents * NEAR_RATIO_PERCENT,
        rates: rates(&days, deposit.received_cents),
        memo_fee_cents: deposit.memo_fee_cents.filter(|f| *f != fee),
        fee_cents: fee,
        escalate_after: dates.escalate_after,
        unverified_year: unverified_year(ctx, expected_date),
        // A short deposit whose missing part may sit in a line the statement lost or could not
        // read is a question, not a money finding.
        unproven: if diff < 0 { unproven(ctx, expected_date, diff.abs()) } else { vec![] },
        days,
    };
    let sure = facts.unproven.is_empty();
    let one_row = facts.one_row.is_some();
    let records = deposit_refs(ctx, deposit, &facts.days);
    let words = say(ctx, &facts, zh::mismatch, en::mismatch);
    Draft {
        kind: Kind::DepositMismatch,
        severity: if diff < 0 && sure { Severity::High } else { Severity::Low },
        amount_cents: diff.abs(),
        confidence: match (sure, deposit.memo_range.is_some() || one_row) {
            (false, _) => 0.4,
            (true, true) => 0.9,
            (true, false) => 0.75,
        },
        title: words.title,
        explanation: words.explanation,
        records,
        dates,
        evidence: words.evidence,
        actions: words.actions,
    }
}

/// The settled row whose net the difference equals, if any (the first in canonical order; the
/// evidence lists them all).
fn one_row(ctx: &Context, days: &[&SettledDay], diff: i64) -> Option<OneRow> {
    let row = days.iter().flat_map(|d| d.rows.iter().copied()).find(|&i| {
        is_one_row(&ctx.records[i], diff, ctx.settings().deposit_tolerance_cents_per_row)
    })?;
    Some(OneRow { row: place(ctx, row), net_cents: signed_amounts(&ctx.records[row]).0 })
}

/// The statement's fee rate on the days' gross and the one the amount received implies.
fn rates(days: &[&SettledDay], received: i64) -> Option<Rates> {
    let gross: i64 = days.iter().map(|d| d.gross_cents).sum();
    let fee: i64 = days.iter().map(|d| d.fee_cents).sum();
    let (stated, implied) = (rate_per_10000(fee, gross)?, rate_per_10000(gross - received, gross)?);
    Some(Rates { gross_cents: gross, fee_cents: fee, stated, implied })
}
