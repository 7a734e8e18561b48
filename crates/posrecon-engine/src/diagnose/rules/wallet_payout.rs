//! `missing_deposit`, `deposit_mismatch` and `late_deposit` for a wallet's payouts.
//!
//! ## What it detects
//! The money a wallet owes the merchant's bank account, followed like an acquirer's settlement
//! ([`crate::matcher::deposit`], same many-to-many search):
//! - 微信支付 settles each day of its merchant bill (paid rows, refunds and 手续费 netted) to the
//!   bank by itself, on [`Settings::wallet_payout_cycle`](crate::config::Settings::wallet_payout_cycle)
//!   (D+1 by default);
//! - a wallet whose balance the merchant withdraws (支付宝 提现, or a 微信支付 资金账单 with 提现
//!   rows) owes each day's withdrawals (less those returned, 提现退回), the next day at the latest.
//!
//! A day no bank credit pays is `missing_deposit` (under the same conditions as the acquirer's:
//! the bank statement covers the due date plus the grace days, and `as_of` is past it; a question,
//! not a money finding, when no credit at all in the statement comes from the wallet, since the
//! wallet may pay into another account); a credit
//! from the wallet's account (财付通 / 支付宝) that pays it with another amount is
//! `deposit_mismatch`; an exact one after the due date is `late_deposit`.
//!
//! Where the payout date cannot be known (an 支付宝 bill with no withdrawals loaded, a personal
//! 收款码 bill: the money stays in the wallet's balance until the owner moves it), nothing is
//! expected: no money finding rests on a guess. The wallet bill's input says so instead
//! ([`crate::matcher::deposit::held_in_wallet_notes`]). The owner's own 零钱提现 on a personal bill is not a merchant
//! payout and is never expected in the bank.
//!
//! ## Why it matters
//! The wallet bill says the money was collected; only the bank statement shows that it arrived. A
//! payout held by the wallet's risk control, one sent to a closed or changed settlement account
//! (退票), or a withdrawal that failed or arrived short is otherwise noticed by nobody.
//!
//! ## What the merchant should do
//! Look up the payout or withdrawal in the wallet's merchant platform (结算记录 / 提现记录: its
//! state, the receiving account), then call the wallet's customer service (微信支付 95017,
//! 支付宝 95188) with the 商户号, the dates and the amounts.

use chrono::NaiveDate;

use super::super::text::{en::deposit as en, zh::deposit as zh};
use super::super::{Context, Draft};
use super::deposit_common::{
    BankLine, Unproven, arrival, bank_line_of, credits_of, days, deposit_refs, finding_dates,
    missing_severity, row_refs, same_amount_from_person, say, unproven, unverified_year,
};
use crate::matcher::deposit::{Deposit, Fit, PayoutSource, SettledDay};
use crate::model::{PayMethod, Record, TxnType};
use crate::report::{Kind, Severity};

/// A day a wallet owes the bank, with the withdrawals of it that came back (提现退回).
pub(crate) struct WalletDay<'a> {
    pub(crate) day: &'a SettledDay,
    /// Its rows that are returns (refund rows), counted apart from the withdrawals.
    pub(crate) returned: usize,
}

/// What the wallet's days have in common: who pays, and whether they are withdrawals (提现)
/// rather than the wallet's own daily settlement.
pub(crate) struct Payer<'a> {
    pub(crate) days: Vec<WalletDay<'a>>,
    pub(crate) wallet: Option<PayMethod>,
    pub(crate) withdrawal: bool,
}

/// Unpaid wallet days: the words are `text::{zh,en}::deposit::wallet_missing`.
pub(crate) struct WalletMissing<'a> {
    pub(crate) payer: Payer<'a>,
    /// Σ net of the days.
    pub(crate) net_cents: i64,
    /// When the net was due in the bank.
    pub(crate) expected: NaiveDate,
    /// The dates the loaded bank statement covers.
    pub(crate) bank: (NaiveDate, NaiveDate),
    pub(crate) grace_working_days: u32,
    /// How many bank credits the search looked at.
    pub(crate) credits_seen: usize,
    /// Credits from the wallet around the date that pay nothing: worth a look.
    pub(crate) stray: Vec<BankLine>,
    /// Credits of the missing amount from a private person's account: the same money, but a
    /// transfer, not the payout (a doubt the words name).
    pub(crate) from_person: Vec<BankLine>,
    pub(crate) unverified_year: Option<i32>,
    pub(crate) search_gave_up: bool,
    pub(crate) escalate_after: Option<NaiveDate>,
    pub(crate) as_of: NaiveDate,
    /// Why the statement cannot show the money is missing (then a question).
    pub(crate) unproven: Vec<Unproven>,
}

/// A wallet payout of another amount: the words are `text::{zh,en}::deposit::wallet_mismatch`.
pub(crate) struct WalletMismatch<'a> {
    pub(crate) payer: Payer<'a>,
    pub(crate) credits: Vec<BankLine>,
    pub(crate) received_cents: i64,
    pub(crate) expected_cents: i64,
    /// When the (last) credit arrived.
    pub(crate) arrived: NaiveDate,
    pub(crate) search_gave_up: bool,
    /// Why the statement cannot show a short payout is short (then a question).
    pub(crate) unproven: Vec<Unproven>,
}

impl WalletMismatch<'_> {
    /// Received minus expected: negative when short.
    pub(crate) fn diff(&self) -> i64 {
        self.received_cents - self.expected_cents
    }
}

/// A wallet payout paid in full after it was due: the words are
/// `text::{zh,en}::deposit::wallet_late`.
pub(crate) struct WalletLate<'a> {
    pub(crate) payer: Payer<'a>,
    pub(crate) credits: Vec<BankLine>,
    pub(crate) received_cents: i64,
    pub(crate) due: NaiveDate,
    pub(crate) arrived: NaiveDate,
    pub(crate) working_days_late: i64,
    /// The year of the due date, when its holiday table is not verified.
    pub(crate) unverified_year: Option<i32>,
}

/// Every wallet payout finding.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    let set = &ctx.set.deposits;
    let wallet_day = |d: usize| set.days[d].source != PayoutSource::Acquirer;
    let mut out = missing(ctx, wallet_day);
    for deposit in set.deposits.iter().filter(|d| wallet_day(d.days[0])) {
        let Some(arrived) = arrival(ctx, deposit) else { continue };
        let due = deposit.days.iter().map(|&i| set.days[i].expected_deposit).min();
        match deposit.fit {
            Fit::Near
                if !(deposit.received_cents > deposit.expected_cents && deposit.at_data_edge) =>
            {
                out.push(mismatch(ctx, deposit, arrived));
            }
            Fit::Exact if due.is_some_and(|due| arrived > due) => {
                out.push(late(ctx, deposit, due.unwrap_or(arrived), arrived));
            }
            _ => {}
        }
    }
    out
}

/// Whether the days are withdrawals (提现) rather than a wallet's own daily settlement.
fn withdrawals(days: &[&SettledDay]) -> bool {
    matches!(days.first().map(|d| d.source), Some(PayoutSource::Withdrawal(_)))
}

/// The payer of the days with these indices.
fn payer<'a>(ctx: &'a Context, idxs: &[usize]) -> Payer<'a> {
    let days = days(ctx, idxs);
    let returned = |d: &SettledDay| {
        d.rows.iter().filter(|&&i| ctx.records[i].txn_type == TxnType::Refund).count()
    };
    Payer {
        wallet: days[0].source.wallet(),
        withdrawal: withdrawals(&days),
        days: days.into_iter().map(|day| WalletDay { day, returned: returned(day) }).collect(),
    }
}

/// Unpaid wallet days, one finding per (account, expected date), when the bank statement
/// decides it (the rules of `missing_deposit`).
fn missing(ctx: &Context, wallet_day: impl Fn(usize) -> bool) -> Vec<Draft> {
    let set = &ctx.set.deposits;
    let Some((bank_start, bank_end)) = set.bank_coverage else { return Vec::new() };
    let cal = ctx.calendar();
    let grace = ctx.settings().deposit_grace_working_days;
    let mut batches: Vec<Vec<usize>> = Vec::new();
    for &day in set.unpaid.iter().filter(|&&d| wallet_day(d)) {
        let d = &set.days[day];
        match batches.last_mut() {
            Some(batch)
                if set.days[batch[0]].account() == d.account()
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
        .map(|batch| missing_draft(ctx, &batch, (bank_start, bank_end)))
        .collect()
}

fn missing_draft(ctx: &Context, batch: &[usize], bank: (NaiveDate, NaiveDate)) -> Draft {
    let payer = payer(ctx, batch);
    let days: Vec<&SettledDay> = payer.days.iter().map(|d| d.day).collect();
    let net: i64 = days.iter().map(|d| d.net_cents).sum();
    let rows: usize = days.iter().map(|d| d.rows.len()).sum();
    let dates = finding_dates(ctx, &days);
    let expected = dates.expected_deposit_date.unwrap_or(days[0].date);
    let mut unproven = unproven(ctx, expected, net);
    // A bank statement with no credit at all from the wallet may be another account than the one
    // the wallet pays into: it cannot show the money is missing.
    if !wallet_pays_into(ctx, payer.wallet) {
        unproven.insert(0, Unproven::NoCreditFromWallet { wallet: payer.wallet });
    }
    let facts = WalletMissing {
        net_cents: net,
        expected,
        bank,
        grace_working_days: ctx.settings().deposit_grace_working_days,
        credits_seen: ctx.set.deposits.credits_seen,
        stray: stray_credits(ctx, payer.wallet, expected)
            .into_iter()
            .map(|i| bank_line_of(ctx, i))
            .collect(),
        from_person: same_amount_from_person(ctx, &days, expected, net, rows)
            .into_iter()
            .map(|i| bank_line_of(ctx, i))
            .collect(),
        unverified_year: unverified_year(ctx, expected),
        search_gave_up: ctx.set.deposits.search_gave_up,
        escalate_after: dates.escalate_after,
        as_of: ctx.options.as_of,
        unproven,
        payer,
    };
    let (severity, confidence) = missing_severity(ctx, &facts.unproven);
    let words = say(ctx, &facts, zh::wallet_missing, en::wallet_missing);
    Draft {
        kind: Kind::MissingDeposit,
        severity,
        amount_cents: net,
        confidence,
        title: words.title,
        explanation: words.explanation,
        records: row_refs(ctx, &days),
        dates,
        evidence: words.evidence,
        actions: words.actions,
    }
}

/// Whether any bank credit comes from the wallet's own account (财付通, 支付宝): the loaded
/// statement is then the account the wallet pays into. The owner's own 零钱提现 does not show it:
/// a personal wallet pays into whatever card its owner picks.
fn wallet_pays_into(ctx: &Context, wallet: Option<PayMethod>) -> bool {
    use crate::matcher::deposit::{owners_own_withdrawal, wallet_of_credit};
    use crate::model::Role;
    ctx.of_role(Role::BankStatement).map(|i| &ctx.records[i]).any(|r| {
        r.role == Role::BankStatement
            && r.txn_type == TxnType::Deposit
            && wallet.is_some()
            && wallet_of_credit(r) == wallet
            && !owners_own_withdrawal(r)
    })
}

/// Credits from the wallet's account around `expected` that pay nothing: worth a look.
fn stray_credits(ctx: &Context, wallet: Option<PayMethod>, expected: NaiveDate) -> Vec<usize> {
    use crate::matcher::deposit::wallet_of_credit;
    use crate::model::Role;
    let deposits = &ctx.set.deposits;
    ctx.of_role(Role::BankStatement)
        .filter(|&i| {
            let r: &Record = &ctx.records[i];
            r.role == Role::BankStatement
                && r.txn_type == TxnType::Deposit
                && wallet.is_some()
                && wallet_of_credit(r) == wallet
                // The owner's own withdrawal from a personal wallet (零钱提现) is no payout.
                && !crate::matcher::deposit::owners_own_withdrawal(r)
                && r.time.is_some_and(|t| (-3..=10).contains(&(t.date() - expected).num_days()))
                && deposits.deposit_of_credit(i).is_none()
                && deposits.reversal_of(i).is_none()
        })
        .collect()
}

fn mismatch(ctx: &Context, deposit: &Deposit, arrived: NaiveDate) -> Draft {
    let days = days(ctx, &deposit.days);
    let diff = deposit.received_cents - deposit.expected_cents;
    let short = diff < 0;
    let facts = WalletMismatch {
        payer: payer(ctx, &deposit.days),
        credits: credits_of(ctx, deposit),
        received_cents: deposit.received_cents,
        expected_cents: deposit.expected_cents,
        arrived,
        search_gave_up: ctx.set.deposits.search_gave_up,
        unproven: if short { unproven(ctx, arrived, diff.abs()) } else { Vec::new() },
    };
    let (severity, confidence) = if !facts.unproven.is_empty() {
        (Severity::Low, 0.4)
    } else if short {
        (Severity::High, 0.75)
    } else {
        (Severity::Medium, 0.7)
    };
    let words = say(ctx, &facts, zh::wallet_mismatch, en::wallet_mismatch);
    Draft {
        kind: Kind::DepositMismatch,
        severity,
        amount_cents: diff,
        confidence,
        title: words.title,
        explanation: words.explanation,
        records: deposit_refs(ctx, deposit, &days),
        dates: finding_dates(ctx, &days),
        evidence: words.evidence,
        actions: words.actions,
    }
}

fn late(ctx: &Context, deposit: &Deposit, due: NaiveDate, arrived: NaiveDate) -> Draft {
    let days = days(ctx, &deposit.days);
    let mut dates = finding_dates(ctx, &days);
    dates.expected_deposit_date = Some(due);
    dates.escalate_after = None;
    let facts = WalletLate {
        payer: payer(ctx, &deposit.days),
        credits: credits_of(ctx, deposit),
        received_cents: deposit.received_cents,
        due,
        arrived,
        working_days_late: ctx.calendar().working_days_between(due, arrived),
        unverified_year: unverified_year(ctx, due),
    };
    let words = say(ctx, &facts, zh::wallet_late, en::wallet_late);
    Draft {
        kind: Kind::LateDeposit,
        severity: Severity::Low,
        amount_cents: deposit.received_cents,
        confidence: 0.8,
        title: words.title,
        explanation: words.explanation,
        records: deposit_refs(ctx, deposit, &days),
        dates,
        evidence: words.evidence,
        actions: words.actions,
    }
}
