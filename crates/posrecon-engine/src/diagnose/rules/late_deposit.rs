//! `late_deposit`: the settled net arrived, later than the settlement cycle promises.
//!
//! ## What it detects
//! A bank credit (or the parts of a split payout, dated by the last of them) that pays one or more
//! clearing dates in full (within the rounding tolerance) but is dated after the earliest of their
//! expected deposit dates, per the settlement calendar
//! (working days, public holidays, 调休 Saturdays) and the merchant's cycle (T+0, T+1, D+0,
//! D+1). A weekend's roll-up paid on Monday under T+1 is on time; Thursday's net paid with it is
//! late. A deposit that is both late and short is reported once, as `deposit_mismatch`.
//!
//! ## Why it matters
//! The money is there, so nothing is lost, but a payout that keeps slipping is often the first
//! sign of a settlement hold (延迟结算, risk review) or of a cycle other than the contract's; and
//! if the configured cycle is wrong, every later missing-deposit check is off too.
//!
//! ## What the merchant should do
//! Nothing urgent. If it happens more than once, ask the acquirer why (quote the 商户号, clearing
//! dates and both dates) and check the contracted cycle; if the acquirer really pays on another
//! cycle, set it in the settings.

use chrono::NaiveDate;

use super::super::text::{en::deposit as en, zh::deposit as zh};
use super::super::{Context, Draft};
use super::deposit_common::{
    BankLine, arrival, credits_of, days, deposit_refs, finding_dates, say, unverified_year,
};
use crate::matcher::deposit::{Deposit, Fit, PayoutSource, SettledDay};
use crate::report::{Kind, Severity};

/// What an exact but late acquirer deposit shows: the words are `text::{zh,en}::deposit::late`.
pub(crate) struct Late<'a> {
    /// The clearing dates it pays.
    pub(crate) days: Vec<&'a SettledDay>,
    /// Its credits (several: the parts of a split payout).
    pub(crate) credits: Vec<BankLine>,
    pub(crate) received_cents: i64,
    /// The earliest expected deposit date of the days.
    pub(crate) due: NaiveDate,
    /// When the (last) credit arrived.
    pub(crate) credit_date: NaiveDate,
    /// How late, in working days and in calendar days.
    pub(crate) working_days_late: i64,
    pub(crate) calendar_days_late: i64,
    /// The clearing dates whose expected deposit date is before the arrival.
    pub(crate) late_days: Vec<NaiveDate>,
    /// The rounding tolerance that applied, fen.
    pub(crate) tolerance_cents: i64,
    /// The year of the due date, when its holiday table is not verified.
    pub(crate) unverified_year: Option<i32>,
}

/// One finding per exactly-fitting deposit that arrived after its earliest expected date.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    ctx.set
        .deposits
        .deposits
        .iter()
        .filter(|d| d.fit == Fit::Exact)
        .filter(|d| ctx.set.deposits.days[d.days[0]].source == PayoutSource::Acquirer)
        .filter_map(|d| {
            let credit_date = arrival(ctx, d)?;
            let due = d.days.iter().map(|&i| ctx.set.deposits.days[i].expected_deposit).min()?;
            (credit_date > due).then(|| draft(ctx, d, due, credit_date))
        })
        .collect()
}

fn draft(ctx: &Context, deposit: &Deposit, due: NaiveDate, credit_date: NaiveDate) -> Draft {
    let days = days(ctx, &deposit.days);
    let mut dates = finding_dates(ctx, &days);
    dates.expected_deposit_date = Some(due);
    dates.escalate_after = None;
    let records = deposit_refs(ctx, deposit, &days);
    let facts = Late {
        credits: credits_of(ctx, deposit),
        received_cents: deposit.received_cents,
        due,
        credit_date,
        working_days_late: ctx.calendar().working_days_between(due, credit_date),
        calendar_days_late: (credit_date - due).num_days(),
        late_days: days
            .iter()
            .filter(|d| d.expected_deposit < credit_date)
            .map(|d| d.date)
            .collect(),
        tolerance_cents: deposit.tolerance_cents,
        unverified_year: unverified_year(ctx, due),
        days,
    };
    let words = say(ctx, &facts, zh::late, en::late);
    Draft {
        kind: Kind::LateDeposit,
        severity: Severity::Low,
        amount_cents: deposit.received_cents,
        confidence: if deposit.acquirer_like { 0.85 } else { 0.7 },
        title: words.title,
        explanation: words.explanation,
        records,
        dates,
        evidence: words.evidence,
        actions: words.actions,
    }
}
