//! The answer a shop owner wants first, as typed facts (issue 14): who the files are about, the
//! period they cover, how much money is owed in which direction, and which findings to act on
//! first and by when. No words here: the owner's HTML report, the run's chat text and the page
//! each word these facts in their own language and layout, so they never disagree on a sum or an
//! order.
//!
//! ## Money by direction
//!
//! Each finding counts in at most one direction ([`direction`]), decided by its kind and, where
//! the rule grades how sure it is, its severity (a rule marks a finding `high` only when the files
//! prove the money moved; `low` means the files cannot show it, see `diagnose/rules`):
//!
//! - **应收未收, owed to the shop** ([`Direction::ToShop`]): money the shop earned and has not
//!   received. `missing_settlement` (短款: approved on the terminal, the acquirer settled nothing;
//!   the shop files a missing-settlement claim, domain.md §6 row 11, §4a 短款 / 请款);
//!   `missing_deposit` and `deposit_mismatch` when `high` (settled money that did not reach the
//!   bank, or reached it short; `low` is a doubt the statement cannot settle, and a deposit larger
//!   than expected is `low` too: neither is the shop's claim); `fee_mismatch` when `medium` (the
//!   acquirer charged more than the contract, domain.md §6 row 14; `low` is a fee charged below
//!   the contract, nothing to claim); `over_refund` when `high` (refunds the statement settled
//!   give back more than the sale took: the shop paid out money it never received; `medium`
//!   rests on the terminal log alone and may never have settled).
//! - **应退顾客, owed to customers** ([`Direction::ToCustomers`]): money the shop holds that a
//!   customer should get back. `duplicate_charge` (one sale charged twice, domain.md §6 row 9:
//!   refund the duplicate), `amount_mismatch` (the card was settled for another amount than the
//!   terminal showed; the demo's 36.50 keyed as 365.00, §6 row 15: refund the difference), and
//!   `reversal_not_settled_back` (the customer was told of a void or refund the settlement never
//!   made: the money did not go back).
//! - **待确认, not yet known** ([`Direction::Unconfirmed`]): money has moved but whose it is
//!   depends on something the files cannot say. `charged_but_failed` (the card was charged for an
//!   attempt shown as failed: if the customer paid again another way or left with the goods
//!   unpaid, the money is theirs or the shop's; domain.md §4d, §6 row 12 "check whether the
//!   customer re-paid"), `unexpected_settlement` (长款: a settled sale the terminal does not show;
//!   a customer may have paid twice, or a lost receipt, §4a 长款), `pending_outcome` (the
//!   deciding statement is not loaded yet), `order_not_paid` (the till says paid, no payment backs
//!   it: the wallet's platform decides), and the `low` / not-proven grades of the kinds above.
//! - **None**: `late_deposit` (the money arrived, only late) and `info` findings count nowhere.
//!   Among them a refund-asking finding (`duplicate_charge`, `charged_but_failed`, an
//!   `amount_mismatch` settled for more) whose charge the shop already refunded in full: the rule
//!   makes it `info` with amount 0 (`diagnose/rules/refunded.rs`); refunded in part, it counts
//!   in its usual direction for what is still owed.
//!
//! On the demo week (as of 2026-11-25) this gives owed to the shop 1,313.33 (1,187.47 未到账 +
//! 37.86 到账金额不符 + 88.00 短款), owed to customers 596.50 (268.00 重复扣款 + 328.50 金额不一致)
//! and not yet known 2,299.00 (1,580.00 掉单 + 520.00 长款 + 199.00 结果待定): the figures a
//! reviewer read off the demo, and together the report's `money_at_risk_cents` (4,208.83; the
//! late 2,032.76 is `low` and counts nowhere).
//!
//! ## Urgency
//!
//! [`by_urgency`] orders findings by severity, then by when to act: a finding whose
//! `escalate_after` date has passed `as_of` is overdue and comes first (the longest overdue
//! first), then those to act on now (no date to wait for), then those whose date is today or still
//! ahead (the nearest first; [`when`] is the one rule for a date against `as_of`); then by amount, largest first; the finding id breaks ties, so the order is
//! deterministic. [`Answer::actions`] is the head of that list: at most [`MAX_ACTIONS`] findings
//! of severity high or medium, each with its dates and whether it is overdue.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::report::{Finding, Kind, Report, Severity};

pub mod text;

/// How many actions the answer names at most (page 1 of the owner's report, the chat text).
pub const MAX_ACTIONS: usize = 5;

/// Whose money a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    /// 应收未收: the shop earned it and has not received it.
    ToShop,
    /// 应退顾客: the shop holds it and a customer should get it back.
    ToCustomers,
    /// 待确认: money moved, but whose it is the files cannot say yet.
    Unconfirmed,
}

impl Direction {
    /// Every direction, in the order the answer shows them.
    pub const ALL: [Direction; 3] =
        [Direction::ToShop, Direction::ToCustomers, Direction::Unconfirmed];
}

/// The direction a finding's money counts in, or `None` when it counts nowhere (a late deposit
/// that arrived, an `info` finding). See the module doc for the reasons per kind.
pub fn direction(finding: &Finding) -> Option<Direction> {
    use Direction::{ToCustomers, ToShop, Unconfirmed};
    if finding.severity == Severity::Info {
        return None;
    }
    let proven = finding.severity == Severity::High;
    Some(match finding.kind {
        Kind::MissingSettlement => ToShop,
        Kind::MissingDeposit | Kind::DepositMismatch | Kind::OverRefund if proven => ToShop,
        Kind::MissingDeposit | Kind::DepositMismatch | Kind::OverRefund => Unconfirmed,
        Kind::FeeMismatch if finding.severity == Severity::Medium => ToShop,
        Kind::FeeMismatch => return None,
        Kind::DuplicateCharge | Kind::AmountMismatch | Kind::ReversalNotSettledBack => ToCustomers,
        Kind::ChargedButFailed
        | Kind::UnexpectedSettlement
        | Kind::PendingOutcome
        | Kind::OrderNotPaid => Unconfirmed,
        Kind::LateDeposit => return None,
    })
}

/// The money of one direction: the sum and the findings it comes from (report order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Money {
    /// Sum of the findings' `amount_cents`, fen.
    pub cents: i64,
    /// The findings counted, by id, in report order.
    pub finding_ids: Vec<String>,
}

/// Money by direction over the whole report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MoneyByDirection {
    /// 应收未收.
    pub to_shop: Money,
    /// 应退顾客.
    pub to_customers: Money,
    /// 待确认.
    pub unconfirmed: Money,
}

impl MoneyByDirection {
    /// The money of one direction.
    pub fn get(&self, direction: Direction) -> &Money {
        match direction {
            Direction::ToShop => &self.to_shop,
            Direction::ToCustomers => &self.to_customers,
            Direction::Unconfirmed => &self.unconfirmed,
        }
    }

    fn get_mut(&mut self, direction: Direction) -> &mut Money {
        match direction {
            Direction::ToShop => &mut self.to_shop,
            Direction::ToCustomers => &mut self.to_customers,
            Direction::Unconfirmed => &mut self.unconfirmed,
        }
    }
}

/// When a finding asks to be acted on, against `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum When {
    /// `escalate_after` has passed: the acquirer or bank should have been contacted already.
    Overdue {
        /// Days since `escalate_after`.
        days: i64,
    },
    /// Nothing to wait for: act now.
    Now,
    /// `escalate_after` is `as_of`: the last day to wait; still unresolved tomorrow, contact.
    Due,
    /// `escalate_after` is after `as_of`: wait until then.
    Later,
}

/// The one rule for a follow-up date, used by every text that words one (the answer, the HTML
/// report, the run's chat text, the case sheet and the finding's chat text): `escalate_after`
/// means "after this date, contact", so the date itself is still a day to wait ([`When::Due`]),
/// the day after is overdue by 1 day, and no date means act now.
pub fn when(escalate_after: Option<NaiveDate>, as_of: NaiveDate) -> When {
    match escalate_after {
        Some(date) if date < as_of => When::Overdue { days: (as_of - date).num_days() },
        Some(date) if date == as_of => When::Due,
        Some(_) => When::Later,
        None => When::Now,
    }
}

/// One finding to act on, with its dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Action<'a> {
    /// The finding (its first action says what to do, in the report's language).
    pub finding: &'a Finding,
    /// When to act.
    pub when: When,
    /// After this date, contact the acquirer or bank (`FindingDates::escalate_after`).
    pub escalate_after: Option<NaiveDate>,
    /// When the money should reach the bank (`FindingDates::expected_deposit_date`).
    pub expected_deposit_date: Option<NaiveDate>,
    /// The direction its money counts in.
    pub direction: Option<Direction>,
}

/// The period the files cover: the earliest start and latest end over every file that says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First moment covered.
    pub start: NaiveDateTime,
    /// Last moment covered.
    pub end: NaiveDateTime,
}

/// Everything page 1 says, as facts.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer<'a> {
    /// The date the analysis treated as today.
    pub as_of: NaiveDate,
    /// 商户名称 as the files give them (`Report::merchant`).
    pub merchant_names: Vec<String>,
    /// 商户号: `Report::merchant`'s, or, while no file names the merchant, those on the
    /// findings' records (sorted, without repeats).
    pub merchant_ids: Vec<String>,
    /// What the files cover, `None` when no file has a time.
    pub period: Option<Period>,
    /// Money by direction.
    pub money: MoneyByDirection,
    /// Every finding, most urgent first (see the module doc).
    pub by_urgency: Vec<Action<'a>>,
    /// The first few of `by_urgency` of severity high or medium (at most [`MAX_ACTIONS`]).
    pub actions: Vec<Action<'a>>,
}

/// The answer of a report.
pub fn answer(report: &Report) -> Answer<'_> {
    let by_urgency = by_urgency(report);
    let actions = by_urgency
        .iter()
        .filter(|a| matches!(a.finding.severity, Severity::High | Severity::Medium))
        .take(MAX_ACTIONS)
        .cloned()
        .collect();
    Answer {
        as_of: report.as_of,
        merchant_names: report.merchant.names.clone(),
        merchant_ids: merchant_ids(report),
        period: period(report),
        money: money(&report.findings),
        by_urgency,
        actions,
    }
}

/// Money by direction over `findings`.
pub fn money(findings: &[Finding]) -> MoneyByDirection {
    let mut out = MoneyByDirection::default();
    for f in findings {
        if let Some(direction) = direction(f) {
            let money = out.get_mut(direction);
            money.cents += f.amount_cents;
            money.finding_ids.push(f.id.clone());
        }
    }
    out
}

/// Every finding with when to act on it, most urgent first (see the module doc).
pub fn by_urgency(report: &Report) -> Vec<Action<'_>> {
    let mut out: Vec<Action<'_>> =
        report.findings.iter().map(|f| action(f, report.as_of)).collect();
    out.sort_by(|a, b| {
        let key = |x: &Action<'_>| {
            let (rank, date_key) = match x.when {
                When::Overdue { days } => (0, -days),
                When::Now => (1, 0),
                When::Due | When::Later => {
                    (2, x.escalate_after.map_or(0, |d| i64::from(d.num_days_from_ce())))
                }
            };
            (x.finding.severity, rank, date_key, -x.finding.amount_cents)
        };
        key(a).cmp(&key(b)).then_with(|| a.finding.id.cmp(&b.finding.id))
    });
    out
}

/// One finding's action and dates against `as_of`.
pub fn action(finding: &Finding, as_of: NaiveDate) -> Action<'_> {
    let escalate_after = finding.dates.escalate_after;
    let when = when(escalate_after, as_of);
    Action {
        finding,
        when,
        escalate_after,
        expected_deposit_date: finding.dates.expected_deposit_date,
        direction: direction(finding),
    }
}

fn merchant_ids(report: &Report) -> Vec<String> {
    if !report.merchant.merchant_ids.is_empty() {
        return report.merchant.merchant_ids.clone();
    }
    let mut ids: Vec<String> = report
        .findings
        .iter()
        .flat_map(|f| &f.records)
        .filter_map(|r| r.merchant_id.as_deref())
        .filter(|id| !id.trim().is_empty())
        .map(str::to_owned)
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn period(report: &Report) -> Option<Period> {
    let mut covered = report.inputs.iter().filter_map(|i| i.coverage);
    let first = covered.next()?;
    let (start, end) =
        covered.fold((first.start, first.end), |(s, e), c| (s.min(c.start), e.max(c.end)));
    Some(Period { start, end })
}

#[cfg(test)]
pub(crate) mod tests;
