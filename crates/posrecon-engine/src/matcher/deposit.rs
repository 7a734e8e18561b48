//! Acquirer settlement <-> bank deposits: which bank credit pays which clearing dates.
//!
//! There is no transaction id between an acquirer statement and a bank statement. The acquirer
//! pays the net amount (交易金额 − 手续费, refunds netted) of one clearing date, or of several
//! consecutive ones when weekends and holidays roll up (a T+1 acquirer pays Friday, Saturday and
//! Sunday together on Monday), as one credit from its 备付金 account. So the search is over
//! *runs*: consecutive clearing dates of one 商户号 whose summed net equals one bank credit.
//!
//! 1. Settled days ([`SettledDay`]): acquirer rows grouped by (商户号, clearing date), with Σ net,
//!    Σ gross, Σ fee, and the expected deposit date from the [`Calendar`] and the merchant's cycle.
//! 2. Exact pass: every run of up to [`MAX_RUN`] consecutive settled days of one merchant (a span
//!    of at most a month) is compared with the bank credits dated from its last clearing date to a
//!    month after its expected deposit, within a tolerance of
//!    [`Settings::deposit_tolerance_cents_per_row`] per settled row (fees are rounded per row,
//!    totals after summing). Candidates are ranked: the memo's own date range (`1102-1102费58.21元`)
//!    agreeing first, then arrival closest to the expected date, then credits that look like an
//!    acquirer's (counterparty with 备付金 / 银联 / 支付 / 收单 ..., or a memo like the one above),
//!    then shorter runs; they are accepted greedily, each credit and each day at most once.
//! 3. Near pass: a credit that looks like an acquirer's (or comes from a counterparty that paid an
//!    exact run) and is still unexplained is paired with the unpaid days its memo names, or with
//!    the unpaid days expected on or shortly before its date, when the memo names exactly those
//!    dates, the amounts are close (within [`NEAR_RATIO_PERCENT`] %), or they differ by exactly
//!    one settled row's net. These become `deposit_mismatch` findings.
//! 4. Whatever day is left unpaid is a candidate `missing_deposit`; diagnose decides with `as_of`
//!    and the bank statement's coverage whether it is missing or simply not due yet.
//!
//! The search is bounded: runs longer than [`MAX_RUN`] days are never tried and at most
//! [`MAX_CANDIDATES`] pairings are considered; [`DepositSet::search_gave_up`] says when a limit cut
//! the search short, so a finding can say so. Everything is sorted on content (dates, amounts,
//! canonical record ranks), so the result does not depend on record order.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate};

use super::ident;
use crate::Settings;
use crate::calendar::{Calendar, Cycle, cycle_for};
use crate::model::{Record, Role, TxnType};

/// Longest run of consecutive clearing dates one credit may pay (Spring Festival plus weekends).
pub const MAX_RUN: usize = 12;

/// How many (run, credit) pairings the exact pass considers before giving up.
pub const MAX_CANDIDATES: usize = 200_000;

/// A credit paid this many days after a run's expected deposit date is not looked at.
pub const SEARCH_DAYS: i64 = 31;

/// A near match differs from the expected net by at most this share (unless by exactly one row).
pub const NEAR_RATIO_PERCENT: i64 = 20;

/// Counterparty words of acquirers' and payment institutions' settlement accounts.
const ACQUIRER_WORDS: &[&str] = &[
    "备付金",
    "银联",
    "支付",
    "收单",
    "清算",
    "财付通",
    "拉卡拉",
    "通联",
    "快钱",
    "汇付",
    "收钱吧",
    "随行付",
    "乐刷",
    "钱袋宝",
    "易宝",
    "unionpay",
    "tenpay",
    "alipay",
];

/// Memo words of settlement credits.
const MEMO_WORDS: &[&str] = &["收单", "清算", "结算", "pos", "银联", "商户入账", "备付金"];

/// Acquirer rows of one merchant and one clearing date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettledDay {
    /// 商户号, when the statement has one.
    pub merchant_id: Option<String>,
    /// Clearing date.
    pub date: NaiveDate,
    /// Σ net in fen (refunds and voids negative).
    pub net_cents: i64,
    /// Σ transaction amount in fen (refunds and voids negative).
    pub gross_cents: i64,
    /// Σ fee in fen.
    pub fee_cents: i64,
    /// The acquirer rows, in canonical order.
    pub rows: Vec<usize>,
    /// Settlement cycle that applies.
    pub cycle: Cycle,
    /// When the net should reach the bank account.
    pub expected_deposit: NaiveDate,
}

/// How well a credit fits the days it pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// Equal within the rounding tolerance.
    Exact,
    /// Close, or short by exactly one row: paid, but not the expected amount.
    Near,
}

/// One bank credit and the settled days it pays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deposit {
    /// The bank record.
    pub credit: usize,
    /// Indices into [`DepositSet::days`], consecutive days of one merchant, in date order.
    pub days: Vec<usize>,
    /// Σ net of those days.
    pub expected_cents: i64,
    /// Exact or near.
    pub fit: Fit,
    /// The tolerance that applied (fen).
    pub tolerance_cents: i64,
    /// Whether the credit looks like an acquirer's by its own counterparty or memo.
    pub acquirer_like: bool,
    /// The date range the memo names (`1102-1105`), when it names one.
    pub memo_range: Option<(NaiveDate, NaiveDate)>,
    /// The fee the memo names (`费58.21元`), in fen.
    pub memo_fee_cents: Option<i64>,
    /// The days include the first or last settled day of the merchant: the acquirer statement may
    /// not show every day this credit pays.
    pub at_data_edge: bool,
}

/// The result of the deposit search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DepositSet {
    /// Settled days, sorted by (商户号, date).
    pub days: Vec<SettledDay>,
    /// Credits paired with days, sorted by (credit date, credit rank).
    pub deposits: Vec<Deposit>,
    /// Days with a positive net that no credit pays, sorted like `days`.
    pub unpaid: Vec<usize>,
    /// First and last date of the bank statements (credits and debits).
    pub bank_coverage: Option<(NaiveDate, NaiveDate)>,
    /// Bank credits seen.
    pub credits_seen: usize,
    /// Bank credits that pay no settled day.
    pub credits_unexplained: usize,
    /// A limit ([`MAX_RUN`], [`MAX_CANDIDATES`]) cut the search short.
    pub search_gave_up: bool,
}

impl DepositSet {
    /// The deposit that pays a settled day, if any.
    pub fn deposit_of_day(&self, day: usize) -> Option<&Deposit> {
        self.deposits.iter().find(|d| d.days.contains(&day))
    }

    /// Whether the bank statements cover this date.
    pub fn bank_covers(&self, date: NaiveDate) -> bool {
        self.bank_coverage.is_some_and(|(start, end)| start <= date && date <= end)
    }
}

/// Net, gross and fee of one acquirer row, signed: money back to the card counts negative.
pub fn signed_amounts(r: &Record) -> (i64, i64, i64) {
    let back = matches!(r.txn_type, TxnType::Refund | TxnType::Void | TxnType::Reversal);
    let sign = |v: i64| if back { -v.abs() } else { v };
    let gross = sign(r.amount_cents);
    let fee = r.fee_cents.map(sign);
    let net = match (r.net_cents, fee) {
        (Some(net), _) => sign(net),
        (None, Some(fee)) => gross - fee,
        (None, None) => gross,
    };
    (net, gross, fee.unwrap_or(gross - net))
}

/// Whether a bank line's counterparty or memo looks like an acquirer's settlement credit.
pub fn looks_like_acquirer(r: &Record) -> bool {
    let counterparty = r.counterparty.as_deref().unwrap_or("").to_lowercase();
    let memo = r.memo.as_deref().unwrap_or("").to_lowercase();
    ACQUIRER_WORDS.iter().any(|w| counterparty.contains(w))
        || MEMO_WORDS.iter().any(|w| memo.contains(w))
        || mmdd_pair(&memo).is_some()
}

/// The `MMDD-MMDD` pair of a memo such as `1102-1105费58.21元`, as two numbers.
fn mmdd_pair(memo: &str) -> Option<(u32, u32)> {
    let chars: Vec<char> = memo.chars().collect();
    let digits = |part: &[char]| part.iter().all(|c| c.is_ascii_digit());
    let number = |part: &[char]| part.iter().collect::<String>().parse::<u32>().ok();
    (0..chars.len().saturating_sub(8)).find_map(|start| {
        let window = &chars[start..start + 9];
        let before_ok = start == 0 || !chars[start - 1].is_ascii_digit();
        let after_ok = chars.get(start + 9).is_none_or(|c| !c.is_ascii_digit());
        let shaped = digits(&window[..4]) && window[4] == '-' && digits(&window[5..]);
        if !(before_ok && after_ok && shaped) {
            return None;
        }
        let (from, to) = (number(&window[..4])?, number(&window[5..])?);
        let valid =
            |mmdd: u32| (1..=12).contains(&(mmdd / 100)) && (1..=31).contains(&(mmdd % 100));
        (valid(from) && valid(to)).then_some((from, to))
    })
}

/// The date range a memo such as `1102-1105费58.21元` names, with years taken from the credit
/// date: a range ending after the credit belongs to the year before (a January credit paying
/// `1230-0102`).
pub fn memo_range(memo: &str, credit_date: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let (from, to) = mmdd_pair(memo)?;
    let date = |mmdd: u32, year: i32| NaiveDate::from_ymd_opt(year, mmdd / 100, mmdd % 100);
    let mut end = date(to, credit_date.year())?;
    if end > credit_date {
        end = date(to, credit_date.year() - 1)?;
    }
    let mut begin = date(from, end.year())?;
    if begin > end {
        begin = date(from, end.year() - 1)?;
    }
    Some((begin, end))
}

/// The fee a memo names: `费58.21元` -> 5821.
pub fn memo_fee(memo: &str) -> Option<i64> {
    let after = memo.split_once('费')?.1;
    let number: String =
        after.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',').collect();
    crate::normalize::amount::parse_amount(&number, crate::normalize::amount::Unit::Yuan).ok()?
}

/// One bank credit, as the search sees it.
#[derive(Debug, Clone)]
struct Credit {
    idx: usize,
    date: NaiveDate,
    amount: i64,
    rank: usize,
    acquirer_like: bool,
    memo_range: Option<(NaiveDate, NaiveDate)>,
}

/// A possible (run, credit) pairing. Smaller `key` is better.
#[derive(Debug, Clone)]
struct Candidate {
    key: (u8, i64, u8, usize, usize, usize),
    credit: usize,
    days: Vec<usize>,
    expected: i64,
    tolerance: i64,
}

/// Finds which bank credits pay which settled days.
pub fn run(
    records: &[Record],
    clearing_dates: &[Option<NaiveDate>],
    rank: &[usize],
    settings: &Settings,
) -> DepositSet {
    let calendar = Calendar::new(settings);
    let mut set = DepositSet {
        days: settled_days(records, clearing_dates, rank, settings, &calendar),
        ..Default::default()
    };

    let bank_dates = records
        .iter()
        .filter(|r| r.role == Role::BankStatement)
        .filter_map(|r| r.time.map(|t| t.date()));
    set.bank_coverage = bank_dates.fold(None, |acc: Option<(NaiveDate, NaiveDate)>, d| {
        Some(acc.map_or((d, d), |(a, b)| (a.min(d), b.max(d))))
    });

    let mut credits: Vec<Credit> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.role == Role::BankStatement && r.txn_type == TxnType::Deposit)
        .filter_map(|(idx, r)| {
            let date = r.time?.date();
            Some(Credit {
                idx,
                date,
                amount: r.amount_cents,
                rank: rank[idx],
                acquirer_like: looks_like_acquirer(r),
                memo_range: r.memo.as_deref().and_then(|m| memo_range(m, date)),
            })
        })
        .collect();
    credits.sort_by_key(|c| (c.amount, c.date, c.rank));
    set.credits_seen = credits.len();

    let mut credit_used = vec![false; credits.len()];
    let mut day_used = vec![false; set.days.len()];
    let tolerance_per_row = settings.deposit_tolerance_cents_per_row.max(0);

    // Exact pass.
    let (candidates, gave_up) = exact_candidates(&set.days, &credits, tolerance_per_row);
    set.search_gave_up = gave_up;
    let mut accepted = accept(candidates, &mut credit_used, &mut day_used);
    let payers: BTreeSet<String> = accepted
        .iter()
        .filter_map(|c| records[credits[c.credit].idx].counterparty.clone())
        .collect();
    let mut fits = vec![Fit::Exact; accepted.len()];

    // Near pass.
    let near = near_candidates(&set.days, &credits, &credit_used, &day_used, records, &payers);
    let near_accepted = accept(near, &mut credit_used, &mut day_used);
    fits.extend(std::iter::repeat_n(Fit::Near, near_accepted.len()));
    accepted.extend(near_accepted);

    set.deposits = accepted
        .into_iter()
        .zip(fits)
        .map(|(c, fit)| {
            let credit = &credits[c.credit];
            let record = &records[credit.idx];
            let merchant = &set.days[c.days[0]].merchant_id;
            let first_of_merchant = set.days.iter().position(|d| &d.merchant_id == merchant);
            let last_of_merchant = set.days.iter().rposition(|d| &d.merchant_id == merchant);
            let at_data_edge = c.days.first().copied() == first_of_merchant
                || c.days.last().copied() == last_of_merchant;
            Deposit {
                credit: credit.idx,
                days: c.days,
                expected_cents: c.expected,
                fit,
                tolerance_cents: c.tolerance,
                acquirer_like: credit.acquirer_like,
                memo_range: credit.memo_range,
                memo_fee_cents: record.memo.as_deref().and_then(memo_fee),
                at_data_edge,
            }
        })
        .collect();
    set.deposits.sort_by_key(|d| (records[d.credit].time, rank[d.credit]));
    set.unpaid =
        (0..set.days.len()).filter(|&i| !day_used[i] && set.days[i].net_cents > 0).collect();
    set.credits_unexplained = credit_used.iter().filter(|u| !**u).count();
    set
}

/// Acquirer rows grouped by (商户号, clearing date).
fn settled_days(
    records: &[Record],
    clearing_dates: &[Option<NaiveDate>],
    rank: &[usize],
    settings: &Settings,
    calendar: &Calendar,
) -> Vec<SettledDay> {
    let mut groups: BTreeMap<(Option<String>, NaiveDate), Vec<usize>> = BTreeMap::new();
    for (idx, r) in records.iter().enumerate() {
        if r.role != Role::AcquirerStatement {
            continue;
        }
        let Some(date) = clearing_dates.get(idx).copied().flatten() else { continue };
        groups.entry((ident(&r.merchant_id).map(str::to_owned), date)).or_default().push(idx);
    }
    groups
        .into_iter()
        .map(|((merchant_id, date), mut rows)| {
            rows.sort_by_key(|&i| rank[i]);
            let (mut net, mut gross, mut fee) = (0, 0, 0);
            for &i in &rows {
                let (n, g, f) = signed_amounts(&records[i]);
                net += n;
                gross += g;
                fee += f;
            }
            let cycle = cycle_for(settings, merchant_id.as_deref());
            SettledDay {
                expected_deposit: calendar.expected_deposit(date, cycle),
                merchant_id,
                date,
                net_cents: net,
                gross_cents: gross,
                fee_cents: fee,
                rows,
                cycle,
            }
        })
        .collect()
}

/// Runs of consecutive days of one merchant: (first index, last index), at most `MAX_RUN` long
/// and spanning at most `SEARCH_DAYS`.
fn runs(days: &[SettledDay]) -> impl Iterator<Item = (usize, usize)> + '_ {
    (0..days.len()).flat_map(move |first| {
        (first..days.len().min(first + MAX_RUN))
            .take_while(move |&last| {
                days[last].merchant_id == days[first].merchant_id
                    && (days[last].date - days[first].date).num_days() <= SEARCH_DAYS
            })
            .map(move |last| (first, last))
    })
}

/// How a credit's timing and text fit a run; part of the candidate key.
fn timing_key(days: &[SettledDay], first: usize, last: usize, credit: &Credit) -> (u8, i64, u8) {
    let memo = match credit.memo_range {
        Some(range) if range == (days[first].date, days[last].date) => 0,
        Some(_) => 2,
        None => 1,
    };
    let latest_expected = days[first..=last].iter().map(|d| d.expected_deposit).max();
    let distance = latest_expected.map_or(i64::MAX, |e| (credit.date - e).num_days().abs());
    (memo, distance, u8::from(!credit.acquirer_like))
}

fn exact_candidates(
    days: &[SettledDay],
    credits: &[Credit],
    tolerance_per_row: i64,
) -> (Vec<Candidate>, bool) {
    let mut out = Vec::new();
    let mut gave_up = false;
    'runs: for (first, last) in runs(days) {
        let run = &days[first..=last];
        let expected: i64 = run.iter().map(|d| d.net_cents).sum();
        if expected <= 0 {
            continue;
        }
        let rows: i64 = run.iter().map(|d| d.rows.len() as i64).sum();
        let tolerance = tolerance_per_row * rows;
        // Not paid before the run's last clearing date, nor long after its expected deposit.
        let not_before = run[run.len() - 1].date;
        let not_after = run.iter().map(|d| d.expected_deposit).max().unwrap_or(not_before)
            + Duration::days(SEARCH_DAYS);
        let from = credits.partition_point(|c| c.amount < expected - tolerance);
        for (pos, credit) in credits.iter().enumerate().skip(from) {
            if credit.amount > expected + tolerance {
                break;
            }
            if credit.date < not_before || credit.date > not_after {
                continue;
            }
            if out.len() >= MAX_CANDIDATES {
                gave_up = true;
                break 'runs;
            }
            let (memo, distance, foreign) = timing_key(days, first, last, credit);
            out.push(Candidate {
                key: (memo, distance, foreign, last - first, credit.rank, first),
                credit: pos,
                days: (first..=last).collect(),
                expected,
                tolerance,
            });
        }
    }
    // A merchant with more consecutive settled days than a run may hold could have a longer
    // roll-up than the search tries.
    if !gave_up {
        gave_up = days.windows(MAX_RUN + 1).any(|w| {
            w.iter().all(|d| d.merchant_id == w[0].merchant_id)
                && (w[MAX_RUN].date - w[0].date).num_days() == MAX_RUN as i64
                && w.iter().all(|d| d.expected_deposit == w[MAX_RUN].expected_deposit)
        });
    }
    (out, gave_up)
}

fn near_candidates(
    days: &[SettledDay],
    credits: &[Credit],
    credit_used: &[bool],
    day_used: &[bool],
    records: &[Record],
    payers: &BTreeSet<String>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (pos, credit) in credits.iter().enumerate() {
        let known_payer =
            records[credit.idx].counterparty.as_ref().is_some_and(|p| payers.contains(p));
        if credit_used[pos] || !(credit.acquirer_like || known_payer) {
            continue;
        }
        // Runs to try: the days the memo names, and the unpaid days expected on one date on or
        // shortly before the credit (the batch the credit most likely pays).
        let mut tried: Vec<Vec<usize>> = Vec::new();
        if let Some((start, end)) = credit.memo_range {
            for merchant in merchants(days) {
                let run: Vec<usize> = (0..days.len())
                    .filter(|&i| days[i].merchant_id == merchant && !day_used[i])
                    .filter(|&i| start <= days[i].date && days[i].date <= end)
                    .collect();
                if !run.is_empty() {
                    tried.push(run);
                }
            }
        }
        let mut batches: BTreeMap<(Option<String>, NaiveDate), Vec<usize>> = BTreeMap::new();
        for (i, day) in days.iter().enumerate() {
            let age = (credit.date - day.expected_deposit).num_days();
            if !day_used[i] && (0..=SEARCH_DAYS).contains(&age) {
                batches.entry((day.merchant_id.clone(), day.expected_deposit)).or_default().push(i);
            }
        }
        tried.extend(batches.into_values());
        for run in tried {
            let expected: i64 = run.iter().map(|&i| days[i].net_cents).sum();
            if expected <= 0 || !consecutive(days, &run, day_used) {
                continue;
            }
            let diff = credit.amount - expected;
            // Exactly one settled row's net too little (or too much).
            let one_row = run
                .iter()
                .flat_map(|&i| &days[i].rows)
                .any(|&row| (signed_amounts(&records[row]).0.abs() - diff.abs()).abs() <= 1);
            let close = diff.abs() * 100 <= expected * NEAR_RATIO_PERCENT;
            let (first, last) = (run[0], run[run.len() - 1]);
            let (memo, distance, foreign) = timing_key(days, first, last, credit);
            // The memo naming exactly these dates is the acquirer saying what it paid for.
            let memo_agrees = memo == 0;
            if !(close || memo_agrees || one_row && diff.abs() * 2 <= expected) {
                continue;
            }
            out.push(Candidate {
                key: (memo, distance, foreign, diff.unsigned_abs() as usize, credit.rank, first),
                credit: pos,
                days: run,
                expected,
                tolerance: 0,
            });
        }
    }
    out
}

/// Distinct merchant ids of the days, in order.
fn merchants(days: &[SettledDay]) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = days.iter().map(|d| d.merchant_id.clone()).collect();
    out.dedup();
    out
}

/// The days are a run: same merchant, adjacent in `days` apart from days already paid.
fn consecutive(days: &[SettledDay], run: &[usize], day_used: &[bool]) -> bool {
    run.windows(2).all(|w| {
        days[w[0]].merchant_id == days[w[1]].merchant_id
            && (w[0] + 1..w[1]).all(|between| day_used[between])
    })
}

/// Accepts candidates best first, each credit and each day at most once.
fn accept(
    mut candidates: Vec<Candidate>,
    credit_used: &mut [bool],
    day_used: &mut [bool],
) -> Vec<Candidate> {
    candidates.sort_by(|a, b| a.key.cmp(&b.key).then_with(|| a.days.cmp(&b.days)));
    let mut out = Vec::new();
    for c in candidates {
        if credit_used[c.credit] || c.days.iter().any(|&d| day_used[d]) {
            continue;
        }
        credit_used[c.credit] = true;
        for &d in &c.days {
            day_used[d] = true;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use expect_test::{Expect, expect};

    use super::*;
    use crate::matcher::fixture;

    /// Runs the matcher and renders the deposit search; checks that record order never matters.
    fn check(fixture_text: &str, expected: Expect) {
        let records = fixture::records(fixture_text);
        let settings = Settings::default();
        let render = |records: &[Record]| {
            let set = crate::matcher::run(records, &settings).deposits;
            let mut out = String::new();
            let labels = |idxs: &[usize]| {
                idxs.iter().map(|&i| fixture::label(&records[i])).collect::<Vec<_>>().join(" ")
            };
            for (n, d) in set.days.iter().enumerate() {
                let paid_by = set
                    .deposit_of_day(n)
                    .map_or("-".to_owned(), |dep| fixture::label(&records[dep.credit]));
                writeln!(
                    out,
                    "day {} net={} rows=[{}] due={} paid_by={paid_by}",
                    d.date,
                    d.net_cents,
                    labels(&d.rows),
                    d.expected_deposit
                )
                .unwrap();
            }
            for d in &set.deposits {
                let dates: Vec<String> =
                    d.days.iter().map(|&i| set.days[i].date.to_string()).collect();
                writeln!(
                    out,
                    "deposit {} {:?} {} expected={} got={} acquirer_like={} edge={}",
                    fixture::label(&records[d.credit]),
                    d.fit,
                    dates.join(","),
                    d.expected_cents,
                    records[d.credit].amount_cents,
                    d.acquirer_like,
                    d.at_data_edge
                )
                .unwrap();
            }
            let unpaid: Vec<String> =
                set.unpaid.iter().map(|&i| set.days[i].date.to_string()).collect();
            writeln!(
                out,
                "unpaid [{}] credits={} unexplained={} gave_up={}",
                unpaid.join(","),
                set.credits_seen,
                set.credits_unexplained,
                set.search_gave_up
            )
            .unwrap();
            out
        };
        let first = render(&records);
        expected.assert_eq(&first);
        for permuted in fixture::permutations(&records) {
            // Labels follow the records, so the same text means the same result.
            assert_eq!(render(&permuted), first, "record order changed the deposit search");
        }
    }

    const UMS: &str = "party=银联商务股份有限公司客户备付金";

    #[test]
    fn single_date_paid_next_working_day() {
        // Thursday 2026-11-12 settles two sales; T+1 pays them on Friday.
        check(
            &format!(
                "
                A 2026-11-12 10:00:00 268.00 fee=1.02 net=266.98 mid=898440358120014
                A 2026-11-12 15:00:00 100.00 fee=0.38 net=99.62 mid=898440358120014
                B 2026-11-13 09:10:00 366.60 {UMS} memo=1112-1112费1.40元
                "
            ),
            expect![[r#"
                day 2026-11-12 net=36660 rows=[A2 A3] due=2026-11-13 paid_by=B2
                deposit B2 Exact 2026-11-12 expected=36660 got=36660 acquirer_like=true edge=true
                unpaid [] credits=1 unexplained=0 gave_up=false
            "#]],
        );
    }

    #[test]
    fn weekend_rolls_up_to_monday() {
        // Friday, Saturday and Sunday are paid together on Monday 2026-11-16; Thursday on Friday.
        check(
            &format!(
                "
                A 2026-11-12 10:00:00 50.00 net=49.81
                A 2026-11-13 10:00:00 100.00 net=99.62
                A 2026-11-14 10:00:00 200.00 net=199.24
                A 2026-11-14 23:30:00 10.00 net=9.96
                A 2026-11-15 10:00:00 300.00 net=298.86
                B 2026-11-13 09:00:00 49.81 {UMS}
                B 2026-11-16 09:00:00 607.68 {UMS}
                B 2026-11-16 11:00:00 607.68 party=张三 memo=货款
                "
            ),
            expect![[r#"
                day 2026-11-12 net=4981 rows=[A2] due=2026-11-13 paid_by=B2
                day 2026-11-13 net=9962 rows=[A3] due=2026-11-16 paid_by=B3
                day 2026-11-14 net=19924 rows=[A4] due=2026-11-16 paid_by=B3
                day 2026-11-15 net=30882 rows=[A5 A6] due=2026-11-16 paid_by=B3
                deposit B2 Exact 2026-11-12 expected=4981 got=4981 acquirer_like=true edge=true
                deposit B3 Exact 2026-11-13,2026-11-14,2026-11-15 expected=60768 got=60768 acquirer_like=true edge=true
                unpaid [] credits=3 unexplained=1 gave_up=false
            "#]],
        );
    }

    #[test]
    fn short_deposit_and_missing_deposit() {
        // Monday's batch is paid 99.62 short (one row left out); Tuesday's never arrives; an
        // unrelated customer transfer and a debit do not interfere.
        check(
            &format!(
                "
                A 2026-11-16 10:00:00 100.00 net=99.62
                A 2026-11-16 11:00:00 500.00 net=498.10
                A 2026-11-17 10:00:00 80.00 net=79.70
                B 2026-11-17 09:00:00 498.10 {UMS} memo=1116-1116费2.28元
                B 2026-11-17 10:00:00 79.00 party=李四 memo=还款 line=9
                B 2026-11-20 10:00:00 800.00 debit party=某物业
                "
            ),
            expect![[r#"
                day 2026-11-16 net=59772 rows=[A2 A3] due=2026-11-17 paid_by=B2
                day 2026-11-17 net=7970 rows=[A4] due=2026-11-18 paid_by=-
                deposit B2 Near 2026-11-16 expected=59772 got=49810 acquirer_like=true edge=true
                unpaid [2026-11-17] credits=2 unexplained=1 gave_up=false
            "#]],
        );
    }

    #[test]
    fn fee_rate_difference_and_credit_at_the_data_edge() {
        // Wednesday's net at 0.38 % is 996.20, the deposit took 0.60 % (994.00): a near fit.
        // Thursday's credit is larger than the statement's only row of Thursday... but Thursday
        // is the last day of the statement, so it may pay more than the statement shows.
        check(
            &format!(
                "
                A 2026-11-17 10:00:00 900.00 net=899.00
                A 2026-11-18 10:00:00 1000.00 fee=3.80 net=996.20
                A 2026-11-19 10:00:00 100.00 fee=0.38 net=99.62
                B 2026-11-18 09:00:00 899.00 {UMS}
                B 2026-11-19 09:00:00 994.00 {UMS}
                B 2026-11-20 09:00:00 110.00 {UMS}
                "
            ),
            expect![[r#"
                day 2026-11-17 net=89900 rows=[A2] due=2026-11-18 paid_by=B2
                day 2026-11-18 net=99620 rows=[A3] due=2026-11-19 paid_by=B3
                day 2026-11-19 net=9962 rows=[A4] due=2026-11-20 paid_by=B4
                deposit B2 Exact 2026-11-17 expected=89900 got=89900 acquirer_like=true edge=true
                deposit B3 Near 2026-11-18 expected=99620 got=99400 acquirer_like=true edge=false
                deposit B4 Near 2026-11-19 expected=9962 got=11000 acquirer_like=true edge=true
                unpaid [] credits=3 unexplained=0 gave_up=false
            "#]],
        );
    }

    #[test]
    fn memos_and_signs() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            memo_range("1102-1102费58.21元", day("2026-11-03")),
            Some((day("2026-11-02"), day("2026-11-02")))
        );
        assert_eq!(
            memo_range("银联入账 1230-0102费1元", day("2027-01-04")),
            Some((day("2026-12-30"), day("2027-01-02")))
        );
        assert_eq!(memo_range("订单 20261102-1", day("2026-11-03")), None);
        assert_eq!(memo_range("1399-1400", day("2026-11-03")), None);
        assert_eq!(memo_fee("1102-1102费58.21元"), Some(5821));
        assert_eq!(memo_fee("货款"), None);
        let records = fixture::records(
            "
            A 2026-11-12 10:00:00 100.00 fee=0.38 net=99.62
            A 2026-11-12 11:00:00 100.00 refund fee=0.38 net=99.62
            A 2026-11-12 12:00:00 100.00 fee=0.38
            A 2026-11-12 13:00:00 100.00 void fee=-0.38 net=-99.62
            ",
        );
        let sums: Vec<(i64, i64, i64)> = records.iter().map(signed_amounts).collect();
        assert_eq!(
            sums,
            [(9962, 10000, 38), (-9962, -10000, -38), (9962, 10000, 38), (-9962, -10000, -38)]
        );
    }
}
