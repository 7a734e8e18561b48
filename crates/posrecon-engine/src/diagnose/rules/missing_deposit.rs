//! `missing_deposit`: settled money that never reached the bank account.
//!
//! ## What it detects
//! Clearing dates whose settled net (Σ 结算金额 of the acquirer rows, refunds netted) no bank credit
//! pays: no credit equals it alone or rolled up with neighbouring clearing dates, no group of
//! credits from the acquirer adds up to it (a split payout), and no credit from the acquirer
//! comes close or arrived as part of it when it was due (those are `deposit_mismatch`). Days that should be paid together (same merchant, same expected
//! deposit date: Friday, Saturday and Sunday under T+1) make one finding. It is reported only
//! when the loaded bank statement starts on or before the expected deposit date and runs past it
//! by [`Settings::deposit_grace_working_days`](crate::config::Settings::deposit_grace_working_days) working
//! days, and that date has passed on `as_of`; otherwise the deposit is simply not due, or not in
//! the file, yet.
//!
//! A credit the bank took back (a 冲正 / 退汇 debit of the same amount, see
//! [`crate::matcher::deposit::reversals`]) pays nothing, so a day paid that way is missing too;
//! the finding names both bank lines and says "入账后又被冲回".
//!
//! ## Why it matters
//! The acquirer says it settled the money, but the merchant's account never got it: a payout held
//! back by risk control (风控冻结), a changed or closed settlement account, a returned transfer,
//! or an acquirer error. Nobody else notices: the terminal and the statement both look fine.
//!
//! ## What the merchant should do
//! Check the account for a credit on a nearby day (perhaps under another name), then call the
//! acquirer with the 商户号, the clearing dates, the expected net and the expected date, and ask
//! for the payout record (出款流水 / 划款凭证). Escalate if it has not arrived a few working days
//! later.

use chrono::NaiveDate;

use super::super::text::{en::deposit as en, zh::deposit as zh};
use super::super::{Context, Draft};
use super::deposit_common::{
    BankLine, TakenBack, Unproven, bank_line_of, days, finding_dates, missing_severity, row_refs,
    same_amount_from_person, say, taken_back_near, unproven, unverified_year,
};
use crate::matcher::deposit::{PayoutSource, SettledDay, looks_like_acquirer};
use crate::model::{Role, TxnType};
use crate::report::Kind;

/// What an unpaid batch of clearing dates shows: the words are
/// `text::{zh,en}::deposit::missing`.
pub(crate) struct Missing<'a> {
    /// The unpaid clearing dates (one merchant, one expected deposit date).
    pub(crate) days: Vec<&'a SettledDay>,
    /// Σ net of the days.
    pub(crate) net_cents: i64,
    /// Σ rows of the days.
    pub(crate) rows: usize,
    /// When the net was due in the bank.
    pub(crate) expected: NaiveDate,
    /// The dates the loaded bank statement covers.
    pub(crate) bank: (NaiveDate, NaiveDate),
    pub(crate) grace_working_days: u32,
    /// How many bank credits the search looked at.
    pub(crate) credits_seen: usize,
    /// The rounding tolerance for the days' rows, fen.
    pub(crate) tolerance_cents: i64,
    /// The rounding allowed per settled row (`Settings::deposit_tolerance_cents_per_row`), fen.
    pub(crate) per_row_cents: i64,
    /// Credits the bank took back around the date: they seemed to pay, and did not.
    pub(crate) taken_back: Vec<TakenBack>,
    /// Credits from the acquirer around the date that pay nothing: worth a look.
    pub(crate) stray: Vec<BankLine>,
    /// Credits of the missing amount (within the tolerance) from a private person's account:
    /// the same money, but a transfer, not the payout (a doubt the words name, not a payment).
    pub(crate) from_person: Vec<BankLine>,
    pub(crate) unverified_year: Option<i32>,
    pub(crate) search_gave_up: bool,
    pub(crate) escalate_after: Option<NaiveDate>,
    pub(crate) as_of: NaiveDate,
    /// Why the statement cannot show the money is missing (then a question).
    pub(crate) unproven: Vec<Unproven>,
}

/// One finding per batch of unpaid days due on one date, when the bank statement decides it.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    let set = &ctx.set.deposits;
    let Some((bank_start, bank_end)) = set.bank_coverage else { return Vec::new() };
    let cal = ctx.calendar();
    let grace = ctx.settings().deposit_grace_working_days;
    // Batches: unpaid days of one merchant with one expected deposit date.
    let mut batches: Vec<Vec<usize>> = Vec::new();
    // A wallet's payouts have their own wording (`wallet_payout`).
    for &day in set.unpaid.iter().filter(|&&d| set.days[d].source == PayoutSource::Acquirer) {
        let d = &set.days[day];
        match batches.last_mut() {
            Some(batch)
                if set.days[batch[0]].merchant_id == d.merchant_id
                    && set.days[batch[0]].expected_deposit == d.expected_deposit =>
            {
                batch.push(day)
            }
            _ => batches.push(vec![day]),
        }
    }
    batches
        .into_iter()
        .filter(|batch| {
            let expected = set.days[batch[0]].expected_deposit;
            let due = cal.add_working_days(expected, grace);
            bank_start <= expected && due <= bank_end && due <= ctx.options.as_of
        })
        .map(|batch| draft(ctx, &batch))
        .collect()
}

fn draft(ctx: &Context, batch: &[usize]) -> Draft {
    let days = days(ctx, batch);
    let net: i64 = days.iter().map(|d| d.net_cents).sum();
    let rows: usize = days.iter().map(|d| d.rows.len()).sum();
    let dates = finding_dates(ctx, &days);
    let expected = dates.expected_deposit_date.unwrap_or(days[0].date);
    // Credits the bank took back (冲正 / 退汇) around that date: they seemed to pay, and did not.
    let taken_back = taken_back_near(ctx, expected);
    let mut records: Vec<_> = taken_back
        .iter()
        .flat_map(|r| [ctx.record_ref(r.credit), ctx.record_ref(r.debit)])
        .collect();
    records.extend(row_refs(ctx, &days));
    let facts = Missing {
        net_cents: net,
        rows,
        expected,
        bank: ctx.set.deposits.bank_coverage.unwrap_or((expected, expected)),
        grace_working_days: ctx.settings().deposit_grace_working_days,
        credits_seen: ctx.set.deposits.credits_seen,
        tolerance_cents: ctx.settings().deposit_tolerance_cents_per_row * rows as i64,
        per_row_cents: ctx.settings().deposit_tolerance_cents_per_row.max(0),
        taken_back: taken_back
            .iter()
            .map(|r| TakenBack {
                credit: bank_line_of(ctx, r.credit),
                debit: bank_line_of(ctx, r.debit),
            })
            .collect(),
        stray: stray(ctx, expected).into_iter().map(|i| bank_line_of(ctx, i)).collect(),
        from_person: same_amount_from_person(ctx, &days, expected, net, rows)
            .into_iter()
            .map(|i| bank_line_of(ctx, i))
            .collect(),
        unverified_year: unverified_year(ctx, expected),
        search_gave_up: ctx.set.deposits.search_gave_up,
        escalate_after: dates.escalate_after,
        as_of: ctx.options.as_of,
        // The statement cannot show the money is missing: a question, not a money finding.
        unproven: unproven(ctx, expected, net),
        days,
    };
    let (severity, confidence) = missing_severity(ctx, &facts.unproven);
    let words = say(ctx, &facts, zh::missing, en::missing);
    Draft {
        kind: Kind::MissingDeposit,
        severity,
        amount_cents: net,
        confidence,
        title: words.title,
        explanation: words.explanation,
        records,
        dates,
        evidence: words.evidence,
        actions: words.actions,
    }
}

/// Credits from the acquirer around `expected` that pay nothing and were not taken back.
fn stray(ctx: &Context, expected: NaiveDate) -> Vec<usize> {
    ctx.of_role(Role::BankStatement)
        .filter(|&i| {
            let r = &ctx.records[i];
            r.role == Role::BankStatement
                && r.txn_type == TxnType::Deposit
                && looks_like_acquirer(r)
                && r.time.is_some_and(|t| {
                    let age = (t.date() - expected).num_days();
                    (-3..=10).contains(&age)
                })
                && ctx.set.deposits.deposit_of_credit(i).is_none()
                && ctx.set.deposits.reversal_of(i).is_none()
        })
        .collect()
}
