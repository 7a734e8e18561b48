//! Acquirer settlement <-> bank deposits: which bank credits pay which clearing dates.
//!
//! There is no transaction id between an acquirer statement and a bank statement. The acquirer
//! pays the net amount (交易金额 − 手续费, refunds netted) of one clearing date, or of several
//! consecutive ones when weekends and holidays roll up (a T+1 acquirer pays Friday, Saturday and
//! Sunday together on Monday), usually as one credit from its 备付金 account, sometimes split into
//! several credits (a transfer limit, a payout sent in parts). So deposits are many-to-many: the
//! search is over *runs* (consecutive clearing dates of one 商户号) and the one credit, or the
//! group of credits of one payer, whose amount equals the run's summed net.
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
//!    Exact single credits go first, so a split is only considered where no single credit fits.
//! 3. Split pass (`SplitSearch`): every run of still unpaid days (one day, or a roll-up: so n
//!    days : m credits) against groups of 2 to [`MAX_SPLIT`] still unexplained credits whose sum
//!    equals its net within the tolerance. Only credits that come from the acquirer may combine
//!    (their own counterparty or memo looks like an acquirer's, or their payer paid an exact
//!    run), all of one payer, dated from the run's expected deposit date to
//!    [`Settings::deposit_grace_working_days`] after it (a wallet's settlement from the day after
//!    the run, as WeChat Pay pays by the calendar whatever cycle is set; a withdrawal from its own
//!    day), and with no memo
//!    naming other dates: a customer's transfer, or another acquirer's credit, is never taken
//!    because the sum happens to fit. Candidates are ranked like the exact pass
//!    (memo, timing, acquirer-like), then shorter runs and fewer credits, so two days each paid
//!    in two credits become two splits rather than one group of four.
//! 4. Near pass: a credit that looks like an acquirer's (or comes from a counterparty that paid an
//!    exact run) and is still unexplained is paired with the unpaid days its memo names, or with
//!    the unpaid days expected on or shortly before its date, when the memo names exactly those
//!    dates, the amounts are close (within [`NEAR_RATIO_PERCENT`] %), or they differ by exactly
//!    one settled row's net, or the credit arrived within the split pass's window and pays less
//!    (a part of a split payout, the rest missing). The parts that arrived are also tried
//!    together: all the (2 to [`MAX_SPLIT`]) credits of one payer in that window for a batch of
//!    unpaid days due on one date. These become `deposit_mismatch` findings.
//! 0. Take-backs first ([`reversals`]): a bank debit that returns a credit (银行冲正 / 退回 /
//!    退汇, the same amount to the same counterparty, or with reversal words when a side names no
//!    counterparty, dated the credit's day or up to [`REVERSAL_DAYS`] after it) cancels the
//!    credit. Neither pays anything, so the clearing date it seemed to pay stays unpaid; the pair
//!    is kept in [`DepositSet::reversals`] so the finding and the chain can say "入账后又被冲回".
//!    A debit of the same amount to another party (rent, a supplier) is an ordinary payment, never
//!    a take-back; a partial take-back (less than the credit) is not guessed at.
//! 0. A private person's transfer ([`from_person`]: the counterparty reads as a person's name, as
//!    [`crate::cell::name::reads_as_person`] tells, and names no payment institution or wallet)
//!    is never a payout, like the owner's own 零钱提现: it is taken out of every pass, even when its
//!    amount is exactly a missing day's net (`missing_deposit` then names it as a doubt). A credit
//!    with no counterparty at all is searched as before.
//! 5. Whatever day is left unpaid is a candidate `missing_deposit`; diagnose decides with `as_of`
//!    and the bank statement's coverage whether it is missing or simply not due yet.
//!
//! The search is bounded: runs longer than [`MAX_RUN`] days are never tried, a split has at most
//! [`MAX_SPLIT`] credits, at most [`MAX_CANDIDATES`] pairings are considered and at most
//! [`MAX_SPLIT_STEPS`] partial sums tried (the split pass enumerates subsets of a payer's credits
//! in a run's window, in ascending amounts, stopping a branch once the sum passes the target);
//! [`DepositSet::search_gave_up`] says when a limit cut the search short, so a finding can say so.
//! Everything is sorted on content (dates, amounts, canonical record ranks), so the result does
//! not depend on record order.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate};

use super::{LookupMap, LookupSet, ident, roles_of};
use crate::calendar::{Calendar, Cycle, cycle_for, wallet_cycle};
use crate::cell::name::reads_as_person;
use crate::config::Settings;
use crate::message::{Note, Wallet};
use crate::model::{Outcome, PayMethod, Record, Role, TxnType};

/// Longest run of consecutive clearing dates one credit may pay (Spring Festival plus weekends).
pub const MAX_RUN: usize = 12;

/// How many (run, credit) pairings the exact pass considers before giving up.
pub const MAX_CANDIDATES: usize = 200_000;

/// A credit paid this many days after a run's expected deposit date is not looked at.
pub const SEARCH_DAYS: i64 = 31;

/// A near match differs from the expected net by at most this share (unless by exactly one row).
pub const NEAR_RATIO_PERCENT: i64 = 20;

/// Most credits one split payout may consist of.
pub const MAX_SPLIT: usize = 4;

/// How many partial sums the split pass tries, over all runs, before giving up.
pub const MAX_SPLIT_STEPS: usize = 200_000;

/// A debit dated this many days after a credit may still take it back (a 退汇 after a few days).
pub const REVERSAL_DAYS: i64 = 5;

/// Memo words of a bank debit that takes a credit back (银行冲正, 退回来账, 冲账, 撤销, 退汇).
const REVERSAL_WORDS: &[&str] = &["冲正", "退回", "冲账", "撤销", "退汇", "冲回"];

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

/// Who owes a settled day's money to the bank account, and from which file the day is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PayoutSource {
    /// The acquirer: its statement's rows of one clearing date.
    Acquirer,
    /// A wallet that pays its merchant bill's takings to the bank by itself (微信支付 settles
    /// each day's payments, net of fees and refunds, on [`Settings::wallet_payout_cycle`]): the
    /// bill's rows of one day (midnight to midnight, the bill's own day).
    Wallet(PayMethod),
    /// A wallet whose balance the merchant withdraws (支付宝 提现): the withdrawals of one day
    /// from its fund flow (账务明细 / 资金账单); one that came back (提现退回) owes nothing. A
    /// withdrawal reaches the bank within hours, at the latest the next working day (T+1).
    Withdrawal(PayMethod),
}

impl PayoutSource {
    /// The wallet, for a wallet's payout or withdrawal.
    pub fn wallet(self) -> Option<PayMethod> {
        match self {
            PayoutSource::Acquirer => None,
            PayoutSource::Wallet(w) | PayoutSource::Withdrawal(w) => Some(w),
        }
    }
}

/// Rows of one payer and one date that one payout pays: an acquirer's rows of one merchant and
/// clearing date, a wallet bill's rows of one day, or a wallet's withdrawals of one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettledDay {
    /// Who pays the day to the bank.
    pub source: PayoutSource,
    /// 商户号, when the statement (or the wallet bill) has one.
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

impl SettledDay {
    /// The first date a credit may pay this day in the near and split passes: a withdrawal
    /// (提现) is paid out the day it is made (实时 or within hours) or later, so a credit that
    /// same day may be its short payout; a day's takings are paid from their expected deposit.
    pub fn earliest_deposit(&self) -> NaiveDate {
        match self.source {
            PayoutSource::Withdrawal(_) => self.date,
            _ => self.expected_deposit,
        }
    }

    /// The date that batches days one payout is likeliest to pay together: the expected deposit
    /// (a weekend's takings rolled up to Monday), but a withdrawal's own day, because each
    /// withdrawal is its own transfer even when two fall due on the same Monday.
    pub fn batch_date(&self) -> NaiveDate {
        match self.source {
            PayoutSource::Withdrawal(_) => self.date,
            _ => self.expected_deposit,
        }
    }

    /// The account the day's money is owed from: days of one account may be paid together.
    pub fn account(&self) -> (PayoutSource, Option<&str>) {
        (self.source, self.merchant_id.as_deref())
    }
}

/// How well a credit fits the days it pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// Equal within the rounding tolerance.
    Exact,
    /// Close, or short by exactly one row: paid, but not the expected amount.
    Near,
}

/// Bank credits and the settled days they pay: one credit for one or several days, or the parts
/// of a payout the acquirer split into several credits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deposit {
    /// The bank records, in (date, amount, canonical rank) order: one, or up to [`MAX_SPLIT`].
    pub credits: Vec<usize>,
    /// Indices into [`DepositSet::days`], consecutive days of one merchant, in date order.
    pub days: Vec<usize>,
    /// Σ net of those days.
    pub expected_cents: i64,
    /// Σ of the credits.
    pub received_cents: i64,
    /// Exact or near.
    pub fit: Fit,
    /// The tolerance that applied (fen).
    pub tolerance_cents: i64,
    /// Whether every credit looks like an acquirer's by its own counterparty or memo.
    pub acquirer_like: bool,
    /// The date range a memo names (`1102-1105`), when one names it (the parts of a split never
    /// name different ranges).
    pub memo_range: Option<(NaiveDate, NaiveDate)>,
    /// The fee the memo names (`费58.21元`), in fen; only for a single credit, since the parts of
    /// a split do not say how the fee was divided.
    pub memo_fee_cents: Option<i64>,
    /// The days include the first or last settled day of the merchant: the acquirer statement may
    /// not show every day this credit pays.
    pub at_data_edge: bool,
}

/// A bank credit and the debit that took it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reversal {
    /// The credit (a record index).
    pub credit: usize,
    /// The debit that returned it.
    pub debit: usize,
}

/// The result of the deposit search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DepositSet {
    /// Credits taken back by a debit, sorted by the credit's (time, amount, canonical rank).
    /// Neither line pays anything.
    pub reversals: Vec<Reversal>,
    /// Settled days, sorted by (商户号, date).
    pub days: Vec<SettledDay>,
    /// Credits paired with days, sorted by their first credit's (time, amount, canonical rank).
    pub deposits: Vec<Deposit>,
    /// Days with a positive net that no credit pays, sorted like `days`.
    pub unpaid: Vec<usize>,
    /// First and last date of the bank statements (credits and debits).
    pub bank_coverage: Option<(NaiveDate, NaiveDate)>,
    /// Bank credits searched (credits taken back are not searched: see `reversals`).
    pub credits_seen: usize,
    /// Bank credits that pay no settled day.
    pub credits_unexplained: usize,
    /// A limit ([`MAX_RUN`], [`MAX_CANDIDATES`], [`MAX_SPLIT_STEPS`]) cut the search short.
    pub search_gave_up: bool,
}

impl DepositSet {
    /// The deposit that pays a settled day, if any.
    pub fn deposit_of_day(&self, day: usize) -> Option<&Deposit> {
        self.deposits.iter().find(|d| d.days.contains(&day))
    }

    /// The deposit a bank credit belongs to, if any.
    pub fn deposit_of_credit(&self, credit: usize) -> Option<&Deposit> {
        self.deposits.iter().find(|d| d.credits.contains(&credit))
    }

    /// The take-back a bank credit or debit is part of, if any.
    pub fn reversal_of(&self, record: usize) -> Option<&Reversal> {
        self.reversals.iter().find(|r| r.credit == record || r.debit == record)
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
    let fee = r.fee_cents().map(sign);
    let net = match (r.net_cents(), fee) {
        (Some(net), _) => sign(net),
        (None, Some(fee)) => gross - fee,
        (None, None) => gross,
    };
    (net, gross, fee.unwrap_or(gross - net))
}

/// Whether a payout that differs from its days' Σ net by `diff` (fen, either sign) is one settled
/// row out: `record`'s net equals the difference within one row's rounding tolerance
/// (`tolerance_per_row`, [`Settings::deposit_tolerance_cents_per_row`]: the acquirer rounds each
/// row's fee, so a row's net in the payout may be a fen off the row's own). The near pass pairs
/// such a credit with its days, and `deposit_mismatch` names the row; both ask this one question.
pub fn is_one_row(record: &Record, diff: i64, tolerance_per_row: i64) -> bool {
    (signed_amounts(record).0.abs() - diff.abs()).abs() <= tolerance_per_row.max(0)
}

/// Whether a bank line's counterparty or memo looks like an acquirer's settlement credit. A
/// credit from a private person ([`from_person`]) never does, whatever its memo says.
pub fn looks_like_acquirer(r: &Record) -> bool {
    if from_person(r) {
        return false;
    }
    let counterparty = r.counterparty().as_deref().unwrap_or("").to_lowercase();
    let memo = r.memo().as_deref().unwrap_or("").to_lowercase();
    ACQUIRER_WORDS.iter().any(|w| counterparty.contains(w))
        || MEMO_WORDS.iter().any(|w| memo.contains(w))
        || mmdd_pair(&memo).is_some()
}

/// Whether a bank line's memo says it takes money back (冲正, 退回, ...).
fn says_reversal(r: &Record) -> bool {
    let memo = r.memo().as_deref().unwrap_or("");
    REVERSAL_WORDS.iter().any(|w| memo.contains(w))
}

/// Short names of payment institutions that may read like a person's (two to four Han
/// characters, no business word): never a private person, beside [`ACQUIRER_WORDS`] and the
/// wallets' names.
const INSTITUTION_NAMES: &[&str] = &[
    "嘉联",
    "杉德",
    "富友",
    "盛付通",
    "海科",
    "联动优势",
    "合利宝",
    "银盛",
    "付临门",
    "星驿付",
    "开店宝",
    "中汇",
    "国通",
    "瑞银信",
    "网银在线",
    "云闪付",
    "京东",
    "美团",
    "抖音",
];

/// The name in a counterparty cell: 建设银行 writes account and name in one cell
/// (`6217000010012345678/李小梅`), so pieces holding an account number are dropped (a name glued
/// to the account's digits keeps what follows them).
fn name_in(party: &str) -> String {
    let is_sep = |c: char| c.is_whitespace() || matches!(c, '/' | '|' | ',' | '，' | ':' | '：');
    let pieces: Vec<&str> = party
        .split(is_sep)
        .filter(|p| !p.is_empty())
        .map(|p| match p.contains(|c: char| c.is_ascii_digit()) {
            true => p.trim_start_matches(|c: char| c.is_ascii_digit() || c == '*'),
            false => p,
        })
        .filter(|p| !p.is_empty() && !p.contains(|c: char| c.is_ascii_digit()))
        .collect();
    pieces.join(" ")
}

/// Whether a bank line's counterparty (对方户名 / 对方单位名称 / 付款人) is a private person
/// ([`reads_as_person`], and not a payment institution's or a wallet's short name such as 财付通 or
/// 支付宝). A person's transfer is never an acquirer's or a wallet's payout, whatever its amount or
/// memo; a line with no counterparty is not a person's (many statements have no such column).
pub fn from_person(r: &Record) -> bool {
    let Some(name) = party(r).map(name_in).filter(|n| !n.is_empty()) else { return false };
    let lower = name.to_lowercase();
    let institution = ACQUIRER_WORDS.iter().chain(INSTITUTION_NAMES).any(|w| lower.contains(w))
        || WALLET_WORDS.iter().any(|(w, _)| lower.contains(w));
    !institution && reads_as_person(&name)
}

/// The trimmed counterparty of a bank line; `None` when it names none.
fn party(r: &Record) -> Option<&str> {
    r.counterparty().as_deref().map(str::trim).filter(|p| !p.is_empty())
}

/// Bank debits that take a credit back: the same amount, dated from the credit's time to
/// [`REVERSAL_DAYS`] after it, returned to the credit's own counterparty, or, when one of the two
/// lines names no counterparty, with a memo that says so (冲正, 退回, 冲账, 撤销, 退汇). Lines to
/// two different named parties never pair, whatever the memo says: paying the rent of the same
/// amount is not a take-back. Candidates are ranked on content (memo words first, then the fewest
/// days between, then canonical ranks) and accepted greedily, each line at most once, so the
/// result does not depend on record order.
pub fn reversals(records: &[Record], rank: &[usize]) -> Vec<Reversal> {
    let roles: Vec<Role> = records.iter().map(|r| r.role).collect();
    reversals_of(records, &roles, rank)
}

/// [`reversals`], the roles read from `roles` (one per record) instead of the records.
fn reversals_of(records: &[Record], roles: &[Role], rank: &[usize]) -> Vec<Reversal> {
    let bank = |want_credit: bool| {
        let mut by_amount: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
        for (i, r) in roles_of(records, roles, |role| role == Role::BankStatement) {
            let credit = r.txn_type == TxnType::Deposit;
            if r.time.is_some() && credit == want_credit {
                by_amount.entry(r.amount_cents).or_default().push(i);
            }
        }
        by_amount
    };
    let (credits, debits) = (bank(true), bank(false));
    let mut candidates: Vec<((bool, i64, usize, usize), Reversal)> = Vec::new();
    for (amount, takers) in &debits {
        let Some(givers) = credits.get(amount) else { continue };
        for &debit in takers {
            let d = &records[debit];
            for &credit in givers {
                let c = &records[credit];
                let (Some(ct), Some(dt)) = (c.time, d.time) else { continue };
                let days = (dt.date() - ct.date()).num_days();
                if dt < ct || days > REVERSAL_DAYS || *amount <= 0 {
                    continue;
                }
                let words = says_reversal(d);
                let fits = match (party(c), party(d)) {
                    (Some(a), Some(b)) => a == b,
                    _ => words,
                };
                if fits {
                    let key = (!words, days, rank[debit], rank[credit]);
                    candidates.push((key, Reversal { credit, debit }));
                }
            }
        }
    }
    candidates.sort_by_key(|(key, _)| *key);
    let mut taken = BTreeSet::new();
    let mut out: Vec<Reversal> = Vec::new();
    for (_, rev) in candidates {
        if !taken.contains(&rev.credit) && !taken.contains(&rev.debit) {
            taken.insert(rev.credit);
            taken.insert(rev.debit);
            out.push(rev);
        }
    }
    out.sort_by_key(|r| {
        let c = &records[r.credit];
        (c.time, c.amount_cents, rank[r.credit])
    });
    out
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
    /// The counterparty, trimmed; `None` when the line has none.
    payer: Option<String>,
    /// The wallet the counterparty or memo names (财付通 / Tenpay: 微信支付; 支付宝 / Alipay).
    wallet: Option<PayMethod>,
}

/// Counterparty and memo words that name a wallet's payout account.
const WALLET_WORDS: &[(&str, PayMethod)] = &[
    ("财付通", PayMethod::Wechat),
    ("tenpay", PayMethod::Wechat),
    ("微信", PayMethod::Wechat),
    ("wechat", PayMethod::Wechat),
    ("支付宝", PayMethod::Alipay),
    ("alipay", PayMethod::Alipay),
];

/// Memo words of the owner's own withdrawal from a personal wallet: WeChat 零钱提现 (and 零钱通),
/// a personal Alipay account's 余额提现. The money was the owner's, paid from 财付通 / 支付宝 like
/// a merchant payout and sometimes of the very same amount, but it pays no settled day.
const OWN_WITHDRAWAL_WORDS: &[&str] = &["零钱", "余额提现"];

/// Whether a bank credit is the owner's own withdrawal from a personal wallet (its memo, 摘要 /
/// 交易详情 / 业务摘要 / 附言, says 零钱提现, 零钱通, 余额提现): never a merchant or wallet payout.
pub fn owners_own_withdrawal(r: &Record) -> bool {
    r.memo().as_deref().is_some_and(|m| OWN_WITHDRAWAL_WORDS.iter().any(|w| m.contains(w)))
}

/// The wallet a bank line's counterparty names; its memo only when it names no counterparty (an
/// acquirer's credit may say 微信支付宝收款 in its memo and still be the acquirer's).
pub fn wallet_of_credit(r: &Record) -> Option<PayMethod> {
    let find = |text: &str| {
        let text = text.to_lowercase();
        WALLET_WORDS.iter().find(|(w, _)| text.contains(w)).map(|(_, m)| *m)
    };
    match party(r) {
        Some(counterparty) => find(counterparty),
        None => r.memo().as_deref().and_then(find),
    }
}

/// Wallets whose payments an acquirer statement also lists (an aggregator, 收钱吧 / 拉卡拉 ...,
/// that settles them): by the wallet its rows name, or by an order id shared with a bill row. The
/// acquirer pays that money, so the wallet's bill owes the bank nothing of its own.
fn settled_by_acquirer(records: &[Record], roles: &[Role]) -> BTreeSet<PayMethod> {
    let acquirer =
        || roles_of(records, roles, |role| role == Role::AcquirerStatement).map(|(_, r)| r);
    let mut out: BTreeSet<PayMethod> = acquirer()
        .filter_map(|r| r.pay_method)
        .filter(|w| matches!(w, PayMethod::Wechat | PayMethod::Alipay))
        .collect();
    let ids: LookupSet<&str> = acquirer()
        .flat_map(|r| [ident(&r.order_id), ident(r.channel_order_id())])
        .flatten()
        .collect();
    if !ids.is_empty() {
        let wallet_bill = roles_of(records, roles, |role| role == Role::WalletBill);
        for (_, r) in wallet_bill.filter(|(_, r)| !r.withdrawal()) {
            let shared = [ident(&r.order_id), ident(r.channel_order_id())]
                .into_iter()
                .flatten()
                .any(|id| ids.contains(id));
            if let Some(w) = r.pay_method.filter(|_| shared) {
                out.insert(w);
            }
        }
    }
    out
}

/// Whether a credit may pay a day of this source: a wallet's payout comes from the wallet's own
/// account (a credit naming no one may still pay it exactly); a credit naming a wallet whose
/// payouts are followed pays only that wallet's days.
fn fits_source(
    source: PayoutSource,
    credit: &Credit,
    followed: &BTreeSet<PayMethod>,
    exact: bool,
) -> bool {
    match source.wallet() {
        Some(w) => credit.wallet == Some(w) || (exact && credit.payer.is_none()),
        None => credit.wallet.is_none_or(|w| !followed.contains(&w)),
    }
}

/// A possible (run, credits) pairing. Smaller `key` is better.
#[derive(Debug, Clone)]
struct Candidate {
    key: (u8, i64, u8, usize, usize, usize),
    /// Positions in the search's credit list, ascending.
    credits: Vec<usize>,
    days: Vec<usize>,
    expected: i64,
    tolerance: i64,
}

/// Finds which bank credits pay which settled days.
///
/// `roles` is every record's role (same index as `records`): the search reads the bank lines and
/// settled rows through it without walking every record.
pub fn run(
    records: &[Record],
    roles: &[Role],
    clearing_dates: &[Option<NaiveDate>],
    rank: &[usize],
    settings: &Settings,
) -> DepositSet {
    let calendar = Calendar::new(settings);
    let mut set = DepositSet {
        days: settled_days(records, roles, clearing_dates, rank, settings, &calendar),
        ..Default::default()
    };
    set.bank_coverage = bank_coverage(records, roles);

    set.reversals = reversals_of(records, roles, rank);
    let taken_back: BTreeSet<usize> = set.reversals.iter().map(|r| r.credit).collect();
    let credits = bank_credits(records, roles, rank, &taken_back);
    set.credits_seen = credits.len();

    // Own 零钱提现 and a person's transfer pay nothing: out of every pass, still unexplained.
    let own = never_payouts(records, &credits);
    let mut credit_used = own.clone();
    let mut day_used = vec![false; set.days.len()];
    let tolerance_per_row = settings.deposit_tolerance_cents_per_row.max(0);

    // Exact pass.
    let followed: BTreeSet<PayMethod> = set.days.iter().filter_map(|d| d.source.wallet()).collect();
    let (candidates, gave_up) = exact_candidates(&set.days, &credits, tolerance_per_row, &followed);
    set.search_gave_up = gave_up;
    let mut accepted = accept(candidates, &mut credit_used, &mut day_used);
    let payers: BTreeSet<String> =
        accepted.iter().filter_map(|c| credits[c.credits[0]].payer.clone()).collect();
    // Credits that may pay settled days beyond an exact single fit: from an acquirer by their
    // own text, or from a payer whose other credits paid runs exactly.
    let from_acquirer: Vec<bool> = credits
        .iter()
        .map(|c| c.acquirer_like || c.payer.as_ref().is_some_and(|p| payers.contains(p)))
        .collect();
    let grace = settings.deposit_grace_working_days;

    // Split pass: the parts of a payout the acquirer sent as several credits.
    let window = |first: usize, last: usize| {
        let run = &set.days[first..=last];
        let earliest = run.iter().map(SettledDay::earliest_deposit).min().unwrap_or(run[0].date);
        let latest = run.iter().map(|d| d.expected_deposit).max().unwrap_or(run[0].date);
        (earliest, calendar.add_working_days(latest, grace))
    };
    let split = SplitSearch {
        days: &set.days,
        credits: &credits,
        from_acquirer: &from_acquirer,
        followed: &followed,
        tolerance_per_row,
        window: &window,
    };
    let (candidates, gave_up) = split.candidates(&credit_used, &day_used);
    set.search_gave_up |= gave_up;
    accepted.extend(accept(candidates, &mut credit_used, &mut day_used));
    let mut fits = vec![Fit::Exact; accepted.len()];

    // Near pass.
    let near = split.near_candidates(&credit_used, &day_used, records);
    let near_accepted = accept(near, &mut credit_used, &mut day_used);
    fits.extend(std::iter::repeat_n(Fit::Near, near_accepted.len()));
    accepted.extend(near_accepted);

    set.deposits = accepted
        .into_iter()
        .zip(fits)
        .map(|(c, fit)| deposit_of(c, fit, &credits, &set.days, records))
        .collect();
    set.deposits.sort_by_key(|d| {
        let first = d.credits[0];
        (records[first].time, records[first].amount_cents, rank[first])
    });
    set.unpaid =
        (0..set.days.len()).filter(|&i| !day_used[i] && set.days[i].net_cents > 0).collect();
    set.credits_unexplained = credit_used.iter().zip(&own).filter(|(u, o)| !**u || **o).count();
    set
}

/// Per credit, whether it can never be a payout: the owner's own withdrawal from a personal
/// wallet ([`owners_own_withdrawal`]) or a private person's transfer ([`from_person`]).
fn never_payouts(records: &[Record], credits: &[Credit]) -> Vec<bool> {
    let never = |r: &Record| owners_own_withdrawal(r) || from_person(r);
    credits.iter().map(|c| never(&records[c.idx])).collect()
}

/// The first and last date of the bank statement's lines.
fn bank_coverage(records: &[Record], roles: &[Role]) -> Option<(NaiveDate, NaiveDate)> {
    let bank_dates = roles_of(records, roles, |role| role == Role::BankStatement)
        .filter_map(|(_, r)| r.time.map(|t| t.date()));
    bank_dates.fold(None, |acc: Option<(NaiveDate, NaiveDate)>, d| {
        Some(acc.map_or((d, d), |(a, b)| (a.min(d), b.max(d))))
    })
}

/// The bank statement's credits a payout may be (not taken back), sorted by (amount, date, rank).
fn bank_credits(
    records: &[Record],
    roles: &[Role],
    rank: &[usize],
    taken_back: &BTreeSet<usize>,
) -> Vec<Credit> {
    let mut credits: Vec<Credit> = roles_of(records, roles, |role| role == Role::BankStatement)
        .filter(|(_, r)| r.txn_type == TxnType::Deposit)
        .filter(|(idx, _)| !taken_back.contains(idx))
        .filter_map(|(idx, r)| {
            let date = r.time?.date();
            Some(Credit {
                idx,
                date,
                amount: r.amount_cents,
                rank: rank[idx],
                acquirer_like: looks_like_acquirer(r),
                memo_range: r.memo().as_deref().and_then(|m| memo_range(m, date)),
                payer: r
                    .counterparty()
                    .as_deref()
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned),
                wallet: wallet_of_credit(r),
            })
        })
        .collect();
    credits.sort_by_key(|c| (c.amount, c.date, c.rank));
    credits
}

/// An accepted candidate as the [`Deposit`] the rules read: its credits in time order.
fn deposit_of(
    c: Candidate,
    fit: Fit,
    credits: &[Credit],
    days: &[SettledDay],
    records: &[Record],
) -> Deposit {
    let parts: Vec<&Credit> = c.credits.iter().map(|&pos| &credits[pos]).collect();
    let merchant = days[c.days[0]].account();
    let first_of_merchant = days.iter().position(|d| d.account() == merchant);
    let last_of_merchant = days.iter().rposition(|d| d.account() == merchant);
    let at_data_edge =
        c.days.first().copied() == first_of_merchant || c.days.last().copied() == last_of_merchant;
    let mut order: Vec<&Credit> = parts.clone();
    order.sort_by_key(|p| (records[p.idx].time, p.amount, p.rank));
    Deposit {
        credits: order.iter().map(|p| p.idx).collect(),
        days: c.days,
        expected_cents: c.expected,
        received_cents: parts.iter().map(|p| p.amount).sum(),
        fit,
        tolerance_cents: c.tolerance,
        acquirer_like: parts.iter().all(|p| p.acquirer_like),
        memo_range: parts.iter().find_map(|p| p.memo_range),
        memo_fee_cents: match parts[..] {
            [only] => records[only.idx].memo().as_deref().and_then(memo_fee),
            _ => None,
        },
        at_data_edge,
    }
}

/// Acquirer rows grouped by (商户号, clearing date).
fn settled_days(
    records: &[Record],
    roles: &[Role],
    clearing_dates: &[Option<NaiveDate>],
    rank: &[usize],
    settings: &Settings,
    calendar: &Calendar,
) -> Vec<SettledDay> {
    // Grouped by borrowed (merchant, date) in a hash map, then ordered once: a chain store's
    // million rows fall into a few dozen days, and an ordered map keyed by an owned string cost
    // an allocation and a walk of string comparisons per row.
    let mut groups: LookupMap<(Option<&str>, NaiveDate), Vec<usize>> = LookupMap::default();
    for (idx, r) in roles_of(records, roles, |role| role == Role::AcquirerStatement) {
        let Some(date) = clearing_dates.get(idx).copied().flatten() else { continue };
        groups.entry((ident(&r.merchant_id), date)).or_default().push(idx);
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    groups
        .into_iter()
        .map(|((merchant_id, date), mut rows)| {
            let merchant_id = merchant_id.map(str::to_owned);
            rows.sort_by_cached_key(|&i| rank[i]);
            let (mut net, mut gross, mut fee) = (0, 0, 0);
            for &i in &rows {
                let (n, g, f) = signed_amounts(&records[i]);
                net += n;
                gross += g;
                fee += f;
            }
            let cycle = cycle_for(settings, merchant_id.as_deref());
            SettledDay {
                source: PayoutSource::Acquirer,
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
        .chain(wallet_days(records, roles, rank, settings, calendar))
        .collect()
}

/// Whether a wallet-bill row is money the wallet owes the merchant: a paid (or refunded)
/// payment on a merchant bill. A personal 收款码 bill's money stays in 零钱 / 余额 (the owner
/// withdraws it when they like), and revoked or unpaid rows moved nothing.
fn owed_by_wallet(r: &Record) -> bool {
    r.role == Role::WalletBill
        && !r.static_qr()
        && !r.withdrawal()
        && r.outcome == Outcome::Approved
        && matches!(r.txn_type, TxnType::Sale | TxnType::Refund)
}

/// The days a wallet owes the bank: a wallet with withdrawals loaded (its fund flow) is followed
/// by them, one day per date of withdrawals; otherwise 微信支付's merchant bill, one day per bill
/// date, on [`Settings::wallet_payout_cycle`]. An 支付宝 bill without withdrawals gives no day:
/// its money stays in the 支付宝 balance until the merchant withdraws it, so when it reaches the
/// bank cannot be known (see [`held_rows`]).
fn wallet_days(
    records: &[Record],
    roles: &[Role],
    rank: &[usize],
    settings: &Settings,
    calendar: &Calendar,
) -> Vec<SettledDay> {
    let withdrawn: BTreeSet<PayMethod> =
        records.iter().filter(|r| r.withdrawal()).filter_map(|r| r.pay_method).collect();
    let by_acquirer = settled_by_acquirer(records, roles);
    let returned = returned_withdrawals(records, rank);
    let mut groups: BTreeMap<(PayoutSource, Option<String>, NaiveDate), Vec<usize>> =
        BTreeMap::new();
    for (idx, r) in records.iter().enumerate() {
        let Some((wallet, date)) = r.pay_method.zip(r.time.map(|t| t.date())) else { continue };
        // A withdrawal that came back, and its return, owe the bank nothing.
        if returned.contains(&idx) {
            continue;
        }
        let source = if r.withdrawal() {
            PayoutSource::Withdrawal(wallet)
        } else if owed_by_wallet(r)
            && wallet == PayMethod::Wechat
            && !withdrawn.contains(&wallet)
            && !by_acquirer.contains(&wallet)
        {
            PayoutSource::Wallet(wallet)
        } else {
            continue;
        };
        let merchant = if r.withdrawal() { None } else { ident(&r.merchant_id).map(str::to_owned) };
        groups.entry((source, merchant, date)).or_default().push(idx);
    }
    groups
        .into_iter()
        .map(|((source, merchant_id, date), mut rows)| {
            rows.sort_by_cached_key(|&i| rank[i]);
            let (mut net, mut gross, mut fee) = (0, 0, 0);
            for &i in &rows {
                let (n, g, f) = if records[i].withdrawal() {
                    (records[i].amount_cents, records[i].amount_cents, 0)
                } else {
                    signed_amounts(&records[i])
                };
                net += n;
                gross += g;
                fee += f;
            }
            let cycle = match source {
                // A withdrawal (提现) reaches the card by the next working day, like any payout
                // the banks carry: one made on Friday evening is due on Monday, not Saturday.
                PayoutSource::Withdrawal(_) => Cycle::T1,
                _ => wallet_cycle(settings),
            };
            SettledDay {
                source,
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

/// How long after a withdrawal its return (提现退回) may come.
const RETURN_DAYS: i64 = 7;

/// Withdrawals that came back to the balance, with their returns (提现退回): each return takes
/// the latest withdrawal of its wallet and amount before it, within [`RETURN_DAYS`], each at most
/// once. A return with no such withdrawal is in the set too (it owes nothing either).
fn returned_withdrawals(records: &[Record], rank: &[usize]) -> BTreeSet<usize> {
    let (mut returns, withdrawals): (Vec<usize>, Vec<usize>) = (0..records.len())
        .filter(|&i| records[i].withdrawal())
        .partition(|&i| records[i].txn_type == TxnType::Refund);
    returns.sort_by_key(|&i| (records[i].time, rank[i]));
    let mut out: BTreeSet<usize> = BTreeSet::new();
    for back in returns {
        let b = &records[back];
        out.insert(back);
        let taken = withdrawals
            .iter()
            .copied()
            .filter(|&i| {
                let w = &records[i];
                !out.contains(&i)
                    && w.pay_method == b.pay_method
                    && w.amount_cents == b.amount_cents
                    && matches!((w.time, b.time), (Some(wt), Some(bt))
                        if wt <= bt && (bt - wt).num_days() <= RETURN_DAYS)
            })
            .max_by_key(|&i| (records[i].time, rank[i]));
        out.extend(taken);
    }
    out
}

/// Paid wallet-bill rows no payout follows: the money is held in the wallet's balance (an 支付宝
/// merchant bill without its fund flow's withdrawals, a personal 收款码 bill), so the day it
/// reaches the bank cannot be known and no deposit is expected for them.
pub fn held_rows(records: &[Record], days: &[SettledDay]) -> BTreeSet<usize> {
    let followed: BTreeSet<PayMethod> = days.iter().filter_map(|d| d.source.wallet()).collect();
    let roles: Vec<Role> = records.iter().map(|r| r.role).collect();
    let by_acquirer = settled_by_acquirer(records, &roles);
    roles_of(records, &roles, |role| role == Role::WalletBill)
        .filter(|(_, r)| {
            !r.withdrawal()
                && r.outcome == Outcome::Approved
                && r.txn_type == TxnType::Sale
                && r.pay_method.is_some_and(|w| {
                    r.static_qr() || !(followed.contains(&w) || by_acquirer.contains(&w))
                })
        })
        .map(|(i, _)| i)
        .collect()
}

/// A note for every wallet-bill input whose payments no payout follows ([`held_rows`]), when
/// a bank statement is loaded (where one would look for them): `(input index, note)`.
pub fn held_in_wallet_notes(records: &[Record], set: &DepositSet) -> Vec<(usize, Note)> {
    if set.bank_coverage.is_none() {
        return Vec::new();
    }
    let files: BTreeMap<usize, PayMethod> = held_rows(records, &set.days)
        .into_iter()
        .filter_map(|i| Some((records[i].file_idx as usize, records[i].pay_method?)))
        .collect();
    files
        .into_iter()
        .map(|(file, wallet)| {
            let wallet = if wallet == PayMethod::Alipay { Wallet::Alipay } else { Wallet::Wechat };
            (file, Note::HeldInWallet { wallet })
        })
        .collect()
}

/// Runs of consecutive days of one merchant: (first index, last index), at most `MAX_RUN` long
/// and spanning at most `SEARCH_DAYS`.
fn runs(days: &[SettledDay]) -> impl Iterator<Item = (usize, usize)> + '_ {
    (0..days.len()).flat_map(move |first| {
        (first..days.len().min(first + MAX_RUN))
            .take_while(move |&last| {
                days[last].account() == days[first].account()
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
    followed: &BTreeSet<PayMethod>,
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
            if credit.date < not_before
                || credit.date > not_after
                || !fits_source(run[0].source, credit, followed, true)
            {
                continue;
            }
            if out.len() >= MAX_CANDIDATES {
                gave_up = true;
                break 'runs;
            }
            let (memo, distance, foreign) = timing_key(days, first, last, credit);
            out.push(Candidate {
                key: (memo, distance, foreign, last - first, credit.rank, first),
                credits: vec![pos],
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
            w.iter().all(|d| d.account() == w[0].account())
                && (w[MAX_RUN].date - w[0].date).num_days() == MAX_RUN as i64
                && w.iter().all(|d| d.expected_deposit == w[MAX_RUN].expected_deposit)
        });
    }
    (out, gave_up)
}

/// The split and near passes: the credits left after the exact pass, and where they may fall.
struct SplitSearch<'a> {
    days: &'a [SettledDay],
    credits: &'a [Credit],
    /// Per credit: from an acquirer by its own text, or from a payer of exact runs.
    from_acquirer: &'a [bool],
    /// Wallets whose payouts are followed ([`PayoutSource::Wallet`], [`PayoutSource::Withdrawal`]).
    followed: &'a BTreeSet<PayMethod>,
    tolerance_per_row: i64,
    /// The dates a part of the payout of the run `(first, last)` may have: from its earliest
    /// expected deposit to [`Settings::deposit_grace_working_days`] after its latest. Narrower
    /// than the exact pass's range on purpose: a credit before the days were due more likely pays
    /// earlier days, and a group of credits is a weaker match than one credit of the exact sum.
    window: &'a dyn Fn(usize, usize) -> (NaiveDate, NaiveDate),
}

impl SplitSearch<'_> {
    /// Unused credits from the acquirer dated within the window of the run `(first, last)` whose
    /// memo names no other dates, grouped by payer (the parts of one payout come from one
    /// account), each group in the credit list's (amount, date, rank) order.
    fn pools(
        &self,
        first: usize,
        last: usize,
        credit_used: &[bool],
        by_date: &[usize],
    ) -> BTreeMap<Option<&str>, Vec<usize>> {
        // A wallet's settlement split into parts may come earlier than the cycle the merchant
        // set (WeChat Pay pays D+1 by the calendar, a Saturday under a T+1 setting), as a single
        // credit may: from the day after the run. An acquirer's parts never come before its day
        // is due (the money is not cleared yet).
        let (from, to) = (self.window)(first, last);
        let from = match self.days[first].source {
            PayoutSource::Wallet(_) => from.min(self.days[last].date + Duration::days(1)),
            _ => from,
        };
        let range = (self.days[first].date, self.days[last].date);
        let start = by_date.partition_point(|&p| self.credits[p].date < from);
        let mut pools: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
        for &pos in &by_date[start..] {
            let c = &self.credits[pos];
            if c.date > to {
                break;
            }
            if credit_used[pos]
                || c.memo_range.is_some_and(|r| r != range)
                || !fits_source(self.days[first].source, c, self.followed, false)
            {
                continue;
            }
            pools.entry(c.payer.as_deref()).or_default().push(pos);
        }
        for pool in pools.values_mut() {
            pool.sort_unstable();
        }
        pools
    }

    /// Credits that may be a part of a payout, in (date, position) order.
    fn by_date(&self, credit_used: &[bool]) -> Vec<usize> {
        let mut out: Vec<usize> = (0..self.credits.len())
            .filter(|&p| !credit_used[p] && self.from_acquirer[p] && self.credits[p].amount > 0)
            .collect();
        out.sort_by_key(|&p| (self.credits[p].date, p));
        out
    }

    /// Split pass: every run of unpaid days against groups of 2 to [`MAX_SPLIT`] credits of one
    /// payer whose sum equals its net within the tolerance. Returns the candidates and whether
    /// [`MAX_SPLIT_STEPS`] cut the search short.
    fn candidates(&self, credit_used: &[bool], day_used: &[bool]) -> (Vec<Candidate>, bool) {
        let by_date = self.by_date(credit_used);
        let mut out = Vec::new();
        if by_date.len() < 2 {
            return (out, false);
        }
        let mut steps = 0;
        for (first, last) in runs(self.days) {
            if day_used[first..=last].iter().any(|&u| u) {
                continue;
            }
            let run = &self.days[first..=last];
            let expected: i64 = run.iter().map(|d| d.net_cents).sum();
            if expected <= 0 {
                continue;
            }
            let rows: i64 = run.iter().map(|d| d.rows.len() as i64).sum();
            let tolerance = self.tolerance_per_row * rows;
            for pool in self.pools(first, last, credit_used, &by_date).into_values() {
                let mut found = Vec::new();
                let bounds = (expected - tolerance, expected + tolerance);
                let complete =
                    self.subsets(&pool, 0, bounds, &mut Vec::new(), &mut steps, &mut found);
                for parts in found {
                    let (memo, distance, foreign) =
                        group_key(self.days, first, last, self.credits, &parts);
                    out.push(Candidate {
                        key: (
                            memo,
                            distance,
                            foreign,
                            (last - first) * (MAX_SPLIT + 1) + parts.len(),
                            self.credits[parts[0]].rank,
                            first,
                        ),
                        credits: parts,
                        days: (first..=last).collect(),
                        expected,
                        tolerance,
                    });
                }
                if !complete {
                    return (out, true);
                }
            }
        }
        (out, false)
    }

    /// Groups of 2 to [`MAX_SPLIT`] credits of `pool[start..]` (ascending amounts) added to
    /// `chosen` whose sum lies within `(lo, hi)`. Returns `false` when the step budget ran out.
    fn subsets(
        &self,
        pool: &[usize],
        start: usize,
        (lo, hi): (i64, i64),
        chosen: &mut Vec<usize>,
        steps: &mut usize,
        found: &mut Vec<Vec<usize>>,
    ) -> bool {
        for (i, &pos) in pool.iter().enumerate().skip(start) {
            *steps += 1;
            if *steps > MAX_SPLIT_STEPS {
                return false;
            }
            let amount = self.credits[pos].amount;
            if amount > hi {
                break;
            }
            chosen.push(pos);
            let (lo, hi) = (lo - amount, hi - amount);
            if chosen.len() >= 2 && lo <= 0 && 0 <= hi {
                found.push(chosen.clone());
            }
            let deeper = chosen.len() < MAX_SPLIT && hi > 0;
            if deeper && !self.subsets(pool, i + 1, (lo, hi), chosen, steps, found) {
                return false;
            }
            chosen.pop();
        }
        true
    }

    /// Near pass: a credit from the acquirer that is still unexplained, alone or with the other
    /// parts of a split payout, paired with the unpaid days it most likely pays although the
    /// amount differs.
    fn near_candidates(
        &self,
        credit_used: &[bool],
        day_used: &[bool],
        records: &[Record],
    ) -> Vec<Candidate> {
        let days = self.days;
        let mut out = Vec::new();
        for (pos, credit) in self.credits.iter().enumerate() {
            if credit_used[pos] || !self.from_acquirer[pos] {
                continue;
            }
            for run in self.near_runs(credit, day_used) {
                let expected: i64 = run.iter().map(|&i| days[i].net_cents).sum();
                if expected <= 0
                    || !consecutive(days, &run, day_used)
                    || !fits_source(days[run[0]].source, credit, self.followed, false)
                {
                    continue;
                }
                let diff = credit.amount - expected;
                // Exactly one settled row's net too little (or too much).
                let one_row = run
                    .iter()
                    .flat_map(|&i| &days[i].rows)
                    .any(|&row| is_one_row(&records[row], diff, self.tolerance_per_row));
                let close = diff.abs() * 100 <= expected * NEAR_RATIO_PERCENT;
                let (first, last) = (run[0], run[run.len() - 1]);
                let (memo, distance, foreign) = timing_key(days, first, last, credit);
                // The memo naming exactly these dates is the acquirer saying what it paid for.
                let memo_agrees = memo == 0;
                // Less than due, from the acquirer, when these days were due: the part of a split
                // payout that arrived (the rest is what the finding reports missing).
                let (from, to) = (self.window)(first, last);
                let partial = diff < 0 && memo != 2 && from <= credit.date && credit.date <= to;
                let fits = close || memo_agrees || one_row && diff.abs() * 2 <= expected;
                if !(fits || partial) {
                    continue;
                }
                out.push(Candidate {
                    key: (
                        near_rank(memo, fits),
                        distance,
                        foreign,
                        diff.unsigned_abs() as usize,
                        credit.rank,
                        first,
                    ),
                    credits: vec![pos],
                    days: run,
                    expected,
                    tolerance: 0,
                });
            }
        }
        out.extend(self.near_groups(credit_used, day_used));
        out
    }

    /// Runs of unpaid days the near pass tries for `credit`: the days the memo names, and the
    /// unpaid days expected on one date on or shortly before the credit (the batch the credit most
    /// likely pays).
    fn near_runs(&self, credit: &Credit, day_used: &[bool]) -> Vec<Vec<usize>> {
        let days = self.days;
        let mut tried: Vec<Vec<usize>> = Vec::new();
        if let Some((start, end)) = credit.memo_range {
            for merchant in merchants(days) {
                let run: Vec<usize> = (0..days.len())
                    .filter(|&i| days[i].account() == merchant && !day_used[i])
                    .filter(|&i| start <= days[i].date && days[i].date <= end)
                    .collect();
                if !run.is_empty() {
                    tried.push(run);
                }
            }
        }
        let mut batches: BTreeMap<(PayoutSource, Option<&str>, NaiveDate), Vec<usize>> =
            BTreeMap::new();
        for (i, day) in days.iter().enumerate() {
            let age = (credit.date - day.expected_deposit).num_days();
            if !day_used[i] && credit.date >= day.earliest_deposit() && age <= SEARCH_DAYS {
                let (source, merchant) = day.account();
                batches.entry((source, merchant, day.batch_date())).or_default().push(i);
            }
        }
        tried.extend(batches.into_values());
        tried
    }

    /// The parts of a split payout that arrived, together: for every batch of unpaid days (one
    /// merchant, one expected deposit date), the 2 to [`MAX_SPLIT`] credits of one payer within
    /// its window, when their sum is less than due or close to it.
    fn near_groups(&self, credit_used: &[bool], day_used: &[bool]) -> Vec<Candidate> {
        let days = self.days;
        let by_date = self.by_date(credit_used);
        let mut batches: BTreeMap<(PayoutSource, Option<&str>, NaiveDate), Vec<usize>> =
            BTreeMap::new();
        for (i, day) in days.iter().enumerate().filter(|(i, _)| !day_used[*i]) {
            let (source, merchant) = day.account();
            batches.entry((source, merchant, day.batch_date())).or_default().push(i);
        }
        let mut out = Vec::new();
        for run in batches.into_values() {
            let expected: i64 = run.iter().map(|&i| days[i].net_cents).sum();
            if expected <= 0 || !consecutive(days, &run, day_used) {
                continue;
            }
            let (first, last) = (run[0], run[run.len() - 1]);
            for parts in self.pools(first, last, credit_used, &by_date).into_values() {
                if !(2..=MAX_SPLIT).contains(&parts.len()) {
                    continue;
                }
                let received: i64 = parts.iter().map(|&p| self.credits[p].amount).sum();
                let diff = received - expected;
                let close = diff.abs() * 100 <= expected * NEAR_RATIO_PERCENT;
                if !(diff < 0 || close) {
                    continue;
                }
                let (memo, distance, foreign) = group_key(days, first, last, self.credits, &parts);
                out.push(Candidate {
                    key: (
                        near_rank(memo, close || memo == 0),
                        distance,
                        foreign,
                        diff.unsigned_abs() as usize,
                        self.credits[parts[0]].rank,
                        first,
                    ),
                    credits: parts,
                    days: run.clone(),
                    expected,
                    tolerance: 0,
                });
            }
        }
        out
    }
}

/// First part of a near candidate's key: the memo's agreement, then whether the amount fits on its
/// own terms (close, or one row off) rather than only as a part of a split that arrived short, so
/// a credit 0.50 short of one batch is not taken as a part of another.
fn near_rank(memo: u8, fits: bool) -> u8 {
    memo * 2 + u8::from(!fits)
}

/// [`timing_key`] of a group of credits: the worst of its parts.
fn group_key(
    days: &[SettledDay],
    first: usize,
    last: usize,
    credits: &[Credit],
    parts: &[usize],
) -> (u8, i64, u8) {
    parts
        .iter()
        .map(|&p| timing_key(days, first, last, &credits[p]))
        .fold((0, 0, 0), |(m, d, f), (pm, pd, pf)| (m.max(pm), d.max(pd), f.max(pf)))
}

/// Distinct accounts of the days, in order.
fn merchants(days: &[SettledDay]) -> Vec<(PayoutSource, Option<&str>)> {
    let mut out: Vec<(PayoutSource, Option<&str>)> = days.iter().map(SettledDay::account).collect();
    out.dedup();
    out
}

/// The days are a run: same merchant, adjacent in `days` apart from days already paid.
fn consecutive(days: &[SettledDay], run: &[usize], day_used: &[bool]) -> bool {
    run.windows(2).all(|w| {
        days[w[0]].account() == days[w[1]].account()
            && (w[0] + 1..w[1]).all(|between| day_used[between])
    })
}

/// Accepts candidates best first, each credit and each day at most once.
fn accept(
    mut candidates: Vec<Candidate>,
    credit_used: &mut [bool],
    day_used: &mut [bool],
) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        a.key.cmp(&b.key).then_with(|| a.days.cmp(&b.days)).then_with(|| a.credits.cmp(&b.credits))
    });
    let mut out = Vec::new();
    for c in candidates {
        if c.credits.iter().any(|&p| credit_used[p]) || c.days.iter().any(|&d| day_used[d]) {
            continue;
        }
        for &p in &c.credits {
            credit_used[p] = true;
        }
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
                let paid_by =
                    set.deposit_of_day(n).map_or("-".to_owned(), |dep| labels(&dep.credits));
                let source = match d.source {
                    PayoutSource::Acquirer => String::new(),
                    other => format!("{other:?} "),
                };
                writeln!(
                    out,
                    "day {source}{} net={} rows=[{}] due={} paid_by={paid_by}",
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
                    labels(&d.credits).replace(' ', "+"),
                    d.fit,
                    dates.join(","),
                    d.expected_cents,
                    d.received_cents,
                    d.acquirer_like,
                    d.at_data_edge
                )
                .unwrap();
            }
            for r in &set.reversals {
                let (credit, debit) = (&records[r.credit], &records[r.debit]);
                writeln!(out, "taken back {} by {}", fixture::label(credit), fixture::label(debit))
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
    fn credit_taken_back_pays_nothing() {
        // The 11-09 net arrives at 08:30 and the bank takes it back (冲正) at 09:15 to the same
        // payer: 11-09 is unpaid. 11-10 is paid; a 263.99 rent payment to 示例物业 the next day
        // is an ordinary payment, and a customer's 50.00 returned (退回) is not the acquirer's.
        check(
            &format!(
                "
                A 2026-11-09 10:00:00 1279.00 net=1274.14
                A 2026-11-10 10:00:00 265.00 net=263.99
                B 2026-11-10 08:30:00 1274.14 {UMS} memo=POS结算
                B 2026-11-10 09:15:00 1274.14 debit {UMS} memo=冲正
                B 2026-11-11 08:30:00 263.99 {UMS}
                B 2026-11-11 12:00:00 263.99 debit party=示例物业 memo=房租
                B 2026-11-11 13:00:00 50.00 party=王五 memo=转账
                B 2026-11-12 10:00:00 50.00 debit memo=退回来账
                "
            ),
            expect![[r#"
                day 2026-11-09 net=127414 rows=[A2] due=2026-11-10 paid_by=-
                day 2026-11-10 net=26399 rows=[A3] due=2026-11-11 paid_by=B4
                deposit B4 Exact 2026-11-10 expected=26399 got=26399 acquirer_like=true edge=true
                taken back B2 by B3
                taken back B6 by B7
                unpaid [2026-11-09] credits=1 unexplained=0 gave_up=false
            "#]],
        );
    }

    #[test]
    fn take_back_needs_the_same_party_or_reversal_words() {
        // Not take-backs of the 11-10 credit: a debit of the same amount before it, one to
        // another named party even with 退回 in its memo, one naming no party and no reversal
        // word. So 11-09 stays paid. The 11-11 credit is taken back by a 冲正 naming no party
        // (the closest credit before it, not the 11-10 one); the 11-20 debit to the acquirer is
        // too many days later to take back anything.
        check(
            &format!(
                "
                A 2026-11-09 10:00:00 100.00 net=99.62
                A 2026-11-10 10:00:00 100.00 net=99.62
                B 2026-11-10 07:00:00 99.62 debit {UMS}
                B 2026-11-10 08:30:00 99.62 {UMS}
                B 2026-11-10 09:00:00 99.62 debit party=示例物业 memo=退回
                B 2026-11-10 09:30:00 99.62 debit memo=付款
                B 2026-11-11 08:30:00 99.62 {UMS}
                B 2026-11-11 09:00:00 99.62 debit memo=冲正
                B 2026-11-20 09:00:00 99.62 debit {UMS}
                "
            ),
            expect![[r#"
                day 2026-11-09 net=9962 rows=[A2] due=2026-11-10 paid_by=B3
                day 2026-11-10 net=9962 rows=[A3] due=2026-11-11 paid_by=-
                deposit B3 Exact 2026-11-09 expected=9962 got=9962 acquirer_like=true edge=true
                taken back B6 by B7
                unpaid [2026-11-10] credits=1 unexplained=0 gave_up=false
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
    fn one_day_paid_in_two_credits() {
        // Monday 2026-11-09 settles 1,574.00 net; the acquirer pays it on Tuesday as 1,000.00 and
        // 574.00. An unrelated 580.00 from a customer arrives the same day and stays unexplained.
        check(
            &format!(
                "
                A 2026-11-09 10:00:00 1000.00 fee=3.80 net=996.20 mid=898440358120014
                A 2026-11-09 15:00:00 580.00 fee=2.20 net=577.80 mid=898440358120014
                B 2026-11-10 09:00:00 1000.00 {UMS} memo=POS收单
                B 2026-11-10 09:00:01 574.00 {UMS} memo=POS收单
                B 2026-11-10 11:00:00 580.00 party=王五 memo=转账
                "
            ),
            expect![[r#"
                day 2026-11-09 net=157400 rows=[A2 A3] due=2026-11-10 paid_by=B2 B3
                deposit B2+B3 Exact 2026-11-09 expected=157400 got=157400 acquirer_like=true edge=true
                unpaid [] credits=3 unexplained=1 gave_up=false
            "#]],
        );
    }

    #[test]
    fn one_day_in_three_credits_next_to_a_single_credit() {
        // Monday's 2,000.00 arrives in three parts (the 500.00 a day later, within the grace
        // day); Tuesday's 300.00 in one credit. A 1,300.00 credit that would also complete
        // Monday with 700.00 is Wednesday's own exact payout, so it is not taken apart.
        check(
            &format!(
                "
                A 2026-11-09 10:00:00 2000.00 net=2000.00
                A 2026-11-10 10:00:00 300.00 net=300.00
                A 2026-11-11 10:00:00 1300.00 net=1300.00
                B 2026-11-10 09:00:00 800.00 {UMS}
                B 2026-11-10 09:00:00 700.00 {UMS}
                B 2026-11-11 09:00:00 500.00 {UMS}
                B 2026-11-11 09:00:00 300.00 {UMS}
                B 2026-11-12 09:00:00 1300.00 {UMS}
                "
            ),
            expect![[r#"
                day 2026-11-09 net=200000 rows=[A2] due=2026-11-10 paid_by=B3 B2 B4
                day 2026-11-10 net=30000 rows=[A3] due=2026-11-11 paid_by=B5
                day 2026-11-11 net=130000 rows=[A4] due=2026-11-12 paid_by=B6
                deposit B3+B2+B4 Exact 2026-11-09 expected=200000 got=200000 acquirer_like=true edge=true
                deposit B5 Exact 2026-11-10 expected=30000 got=30000 acquirer_like=true edge=false
                deposit B6 Exact 2026-11-11 expected=130000 got=130000 acquirer_like=true edge=true
                unpaid [] credits=5 unexplained=0 gave_up=false
            "#]],
        );
    }

    #[test]
    fn two_days_each_in_two_credits() {
        // Saturday and Sunday are both due on Monday; each arrives in two parts, all four on
        // Monday. Shorter runs win, so each day gets its own pair (not one 2-day, 4-credit group).
        // Tuesday arrives in two parts of which the memos name the date.
        check(
            &format!(
                "
                A 2026-11-14 10:00:00 1574.00 net=1574.00
                A 2026-11-15 10:00:00 900.00 net=900.00
                A 2026-11-17 10:00:00 450.00 net=450.00
                B 2026-11-16 09:00:00 1000.00 {UMS}
                B 2026-11-16 09:00:00 574.00 {UMS}
                B 2026-11-16 09:00:00 600.00 {UMS}
                B 2026-11-16 09:00:00 300.00 {UMS}
                B 2026-11-18 09:00:00 150.00 {UMS} memo=1117-1117费0.00元
                B 2026-11-18 09:00:00 300.00 {UMS} memo=1117-1117费0.00元
                "
            ),
            expect![[r#"
                day 2026-11-14 net=157400 rows=[A2] due=2026-11-16 paid_by=B3 B2
                day 2026-11-15 net=90000 rows=[A3] due=2026-11-16 paid_by=B5 B4
                day 2026-11-17 net=45000 rows=[A4] due=2026-11-18 paid_by=B6 B7
                deposit B5+B4 Exact 2026-11-15 expected=90000 got=90000 acquirer_like=true edge=false
                deposit B3+B2 Exact 2026-11-14 expected=157400 got=157400 acquirer_like=true edge=true
                deposit B6+B7 Exact 2026-11-17 expected=45000 got=45000 acquirer_like=true edge=true
                unpaid [] credits=6 unexplained=0 gave_up=false
            "#]],
        );
    }

    #[test]
    fn weekend_roll_up_paid_in_two_credits() {
        // Saturday and Sunday (2,474.00 together, due Monday) arrive as 1,500.00 + 974.00: n days
        // in m credits, since no part fits a day of its own.
        check(
            &format!(
                "
                A 2026-11-14 10:00:00 1574.00 net=1574.00
                A 2026-11-15 10:00:00 900.00 net=900.00
                B 2026-11-16 09:00:00 1500.00 {UMS}
                B 2026-11-16 09:00:00 974.00 {UMS}
                "
            ),
            expect![[r#"
                day 2026-11-14 net=157400 rows=[A2] due=2026-11-16 paid_by=B3 B2
                day 2026-11-15 net=90000 rows=[A3] due=2026-11-16 paid_by=B3 B2
                deposit B3+B2 Exact 2026-11-14,2026-11-15 expected=247400 got=247400 acquirer_like=true edge=true
                unpaid [] credits=2 unexplained=0 gave_up=false
            "#]],
        );
    }

    #[test]
    fn exact_single_credit_beats_a_split() {
        // 1,574.00 is paid by one credit; 1,000.00 + 574.00 from the same payer would fit too,
        // but a single exact credit is preferred and the two stay unexplained.
        check(
            &format!(
                "
                A 2026-11-09 10:00:00 1574.00 net=1574.00
                B 2026-11-10 09:00:00 1000.00 {UMS}
                B 2026-11-10 09:00:00 574.00 {UMS}
                B 2026-11-10 10:00:00 1574.00 {UMS}
                "
            ),
            expect![[r#"
                day 2026-11-09 net=157400 rows=[A2] due=2026-11-10 paid_by=B4
                deposit B4 Exact 2026-11-09 expected=157400 got=157400 acquirer_like=true edge=true
                unpaid [] credits=3 unexplained=2 gave_up=false
            "#]],
        );
    }

    #[test]
    fn split_with_a_part_missing_or_from_someone_else() {
        // Only the 1,000.00 part arrived: a near fit, short by the missing 574.00.
        check(
            &format!(
                "
                A 2026-11-09 10:00:00 1574.00 net=1574.00
                B 2026-11-10 09:00:00 1000.00 {UMS}
                B 2026-11-12 09:00:00 5.00 debit party=某银行
                "
            ),
            expect![[r#"
                day 2026-11-09 net=157400 rows=[A2] due=2026-11-10 paid_by=B2
                deposit B2 Near 2026-11-09 expected=157400 got=100000 acquirer_like=true edge=true
                unpaid [] credits=1 unexplained=0 gave_up=false
            "#]],
        );
        // The missing amount arrives from a customer, and from another acquirer: neither is a
        // part of this payout, however well the sum fits.
        check(
            &format!(
                "
                A 2026-11-09 10:00:00 1574.00 net=1574.00
                B 2026-11-10 09:00:00 1000.00 {UMS}
                B 2026-11-10 10:00:00 574.00 party=张三 memo=转账
                B 2026-11-10 11:00:00 574.00 party=拉卡拉支付股份有限公司
                "
            ),
            expect![[r#"
                day 2026-11-09 net=157400 rows=[A2] due=2026-11-10 paid_by=B2
                deposit B2 Near 2026-11-09 expected=157400 got=100000 acquirer_like=true edge=true
                unpaid [] credits=3 unexplained=2 gave_up=false
            "#]],
        );
        // Two of three parts arrived: both are named, the rest (500.00) is short.
        check(
            &format!(
                "
                A 2026-11-09 10:00:00 2000.00 net=2000.00
                B 2026-11-10 09:00:00 800.00 {UMS}
                B 2026-11-10 09:00:00 700.00 {UMS}
                "
            ),
            expect![[r#"
                day 2026-11-09 net=200000 rows=[A2] due=2026-11-10 paid_by=B3 B2
                deposit B3+B2 Near 2026-11-09 expected=200000 got=150000 acquirer_like=true edge=true
                unpaid [] credits=2 unexplained=0 gave_up=false
            "#]],
        );
    }

    #[test]
    fn a_close_fit_goes_before_a_partial_one() {
        // Friday's 1,000.50 (due Monday) is paid 0.50 short on Tuesday; Monday's 1,574.00 (due
        // Tuesday) never arrives. The 1,000.00 credit would also be a part of Monday's payout,
        // but a fit that close to Friday's is the likelier reading.
        check(
            &format!(
                "
                A 2026-11-06 10:00:00 1000.50 net=1000.50
                A 2026-11-09 10:00:00 1574.00 net=1574.00
                B 2026-11-10 09:00:00 1000.00 {UMS}
                "
            ),
            expect![[r#"
                day 2026-11-06 net=100050 rows=[A2] due=2026-11-09 paid_by=B2
                day 2026-11-09 net=157400 rows=[A3] due=2026-11-10 paid_by=-
                deposit B2 Near 2026-11-06 expected=100050 got=100000 acquirer_like=true edge=true
                unpaid [2026-11-09] credits=1 unexplained=0 gave_up=false
            "#]],
        );
    }

    #[test]
    fn parts_outside_the_window_or_naming_other_dates_are_not_combined() {
        // The 574.00 comes two working days after the due date (beyond the grace day), on the
        // clearing date itself (before the day was due), and with a memo naming another date:
        // the day is paid short by the 1,000.00 only.
        check(
            &format!(
                "
                A 2026-11-09 10:00:00 1574.00 net=1574.00
                B 2026-11-10 09:00:00 1000.00 {UMS}
                B 2026-11-10 09:00:00 574.00 {UMS} memo=1105-1105费0.00元
                B 2026-11-12 09:00:00 574.00 {UMS}
                B 2026-11-09 18:00:00 574.00 {UMS}
                "
            ),
            expect![[r#"
                day 2026-11-09 net=157400 rows=[A2] due=2026-11-10 paid_by=B2
                deposit B2 Near 2026-11-09 expected=157400 got=100000 acquirer_like=true edge=true
                unpaid [] credits=4 unexplained=3 gave_up=false
            "#]],
        );
    }

    #[test]
    fn split_search_gives_up_past_its_budget() {
        // Sixty small credits from the acquirer on the due date: more groups of up to MAX_SPLIT
        // than MAX_SPLIT_STEPS allows. The search says so instead of running on.
        let mut text = String::from("A 2026-11-09 10:00:00 100000.00 net=100000.00\n");
        for n in 0..60 {
            text.push_str(&format!("B 2026-11-10 09:{n:02}:00 {}.01 {UMS}\n", 10 + n));
        }
        let records = fixture::records(&text);
        let set = crate::matcher::run(&records, &Settings::default()).deposits;
        assert!(set.search_gave_up);
        assert!(set.deposits.iter().all(|d| d.fit == Fit::Near));
    }

    /// Bank credits of the wallets' payout accounts.
    const TENPAY: &str = "party=财付通支付科技有限公司 memo=微信支付结算";
    const ALIPAY: &str = "party=支付宝（中国）网络技术有限公司 memo=支付宝提现";

    #[test]
    fn wechat_bill_days_are_paid_next_day_net_of_fees_and_refunds() {
        // Monday nets 157.05 (two payments, fees), paid by Tenpay on Tuesday (D+1). Tuesday nets
        // 200.00 - 1.20 - (58.00 - 0.35) = 141.15 and never arrives: a customer's transfer of
        // exactly that amount is not the wallet's payout. The Alipay bill has no withdrawals:
        // its money stays in the balance, so it owes the bank nothing that can be dated.
        check(
            &format!(
                "
                W 2026-11-16 11:58:10 100.00 fee=0.60 pay=微信 mid=1600000001
                W 2026-11-16 12:20:45 58.00 fee=0.35 pay=微信 mid=1600000001
                W 2026-11-17 11:40:02 200.00 fee=1.20 pay=微信 mid=1600000001
                W 2026-11-17 15:10:00 58.00 refund fee=-0.35 pay=微信 mid=1600000001
                W 2026-11-17 16:00:00 30.00 pay=微信 mid=1600000001 void
                W 2026-11-17 16:30:00 99.00 pay=支付宝
                B 2026-11-17 09:31:12 157.05 {TENPAY}
                B 2026-11-18 14:00:00 141.15 party=张三 memo=转账
                "
            ),
            expect![[r#"
                day Wallet(Wechat) 2026-11-16 net=15705 rows=[W2 W3] due=2026-11-17 paid_by=B2
                day Wallet(Wechat) 2026-11-17 net=14115 rows=[W4 W5] due=2026-11-18 paid_by=-
                deposit B2 Exact 2026-11-16 expected=15705 got=15705 acquirer_like=true edge=true
                unpaid [2026-11-17] credits=2 unexplained=1 gave_up=false
            "#]],
        );
    }

    #[test]
    fn withdrawals_are_the_payouts_of_a_wallet_that_keeps_a_balance() {
        // Alipay withdrawals: 300.00 on Monday night arrives Tuesday; 450.00 arrives 445.00; a
        // 120.00 withdrawal returned to the balance (提现退回) owes nothing, and so does an 80.00
        // one returned the next day. The bill's own rows
        // are not payouts once withdrawals are loaded. A Tenpay credit never pays Alipay's day.
        check(
            &format!(
                "
                W 2026-11-16 12:01:05 180.00 pay=支付宝
                W 2026-11-16 22:00:00 300.00 pay=支付宝 withdrawal file=2
                W 2026-11-17 22:00:00 450.00 pay=支付宝 withdrawal file=2
                W 2026-11-18 10:00:00 120.00 pay=支付宝 withdrawal file=2
                W 2026-11-18 10:30:00 120.00 pay=支付宝 returned file=2
                W 2026-11-17 09:00:00 80.00 pay=支付宝 withdrawal file=2
                W 2026-11-18 08:00:00 80.00 pay=支付宝 returned file=2
                B 2026-11-17 10:05:40 300.00 {ALIPAY}
                B 2026-11-18 10:12:03 445.00 {ALIPAY}
                B 2026-11-18 12:00:00 450.00 {TENPAY}
                B 2026-11-18 19:46:02 120.00 party=财付通支付科技有限公司 memo=微信零钱提现
                "
            ),
            expect![[r#"
                day Withdrawal(Alipay) 2026-11-16 net=30000 rows=[W#2:2] due=2026-11-17 paid_by=B2
                day Withdrawal(Alipay) 2026-11-17 net=45000 rows=[W#2:3] due=2026-11-18 paid_by=B3
                deposit B2 Exact 2026-11-16 expected=30000 got=30000 acquirer_like=true edge=true
                deposit B3 Near 2026-11-17 expected=45000 got=44500 acquirer_like=true edge=true
                unpaid [] credits=4 unexplained=2 gave_up=false
            "#]],
        );
    }

    #[test]
    fn a_withdrawal_paid_short_the_same_day_is_its_short_payout() {
        // Alipay's automatic withdrawals arrive within hours. 589.44 withdrawn at 09:04 arrives
        // 539.44 the same day (a statement without times: midnight); 300.00 withdrawn the next
        // morning arrives 290.00 the day after. Both are the withdrawal's payout arriving short,
        // not a withdrawal missing beside an unexplained credit.
        check(
            &format!(
                "
                W 2026-11-21 09:04:08 589.44 pay=支付宝 withdrawal file=2
                W 2026-11-22 09:03:00 300.00 pay=支付宝 withdrawal file=2
                B 2026-11-21 00:00:00 539.44 {ALIPAY}
                B 2026-11-23 00:00:00 290.00 {ALIPAY}
                B 2026-11-16 00:00:00 120.00 {ALIPAY}
                "
            ),
            expect![[r#"
                day Withdrawal(Alipay) 2026-11-21 net=58944 rows=[W#2:2] due=2026-11-23 paid_by=B2
                day Withdrawal(Alipay) 2026-11-22 net=30000 rows=[W#2:3] due=2026-11-23 paid_by=B3
                deposit B2 Near 2026-11-21 expected=58944 got=53944 acquirer_like=true edge=true
                deposit B3 Near 2026-11-22 expected=30000 got=29000 acquirer_like=true edge=true
                unpaid [] credits=3 unexplained=1 gave_up=false
            "#]],
        );
    }

    #[test]
    fn a_wallet_an_aggregator_settles_owes_no_payout_of_its_own() {
        // The aggregator's statement lists the WeChat payment (by the order number the bill
        // shares): the aggregator pays it, so the bill adds no day of its own. The personal
        // 收款码 payment stays in 零钱: held, not owed.
        let text = "
            A 2026-11-16 12:00:00 100.00 net=99.62 order=P001
            W 2026-11-16 12:00:02 100.00 fee=0.60 pay=微信 order=P001
            W 2026-11-16 13:00:00 35.00 pay=微信 static file=2
            B 2026-11-17 09:00:00 99.62 party=收钱吧
        ";
        check(
            text,
            expect![[r#"
                day 2026-11-16 net=9962 rows=[A2] due=2026-11-17 paid_by=B2
                deposit B2 Exact 2026-11-16 expected=9962 got=9962 acquirer_like=true edge=true
                unpaid [] credits=1 unexplained=0 gave_up=false
            "#]],
        );
        let records = fixture::records(text);
        let set = crate::matcher::run(&records, &Settings::default()).deposits;
        let held: Vec<String> = held_rows(&records, &set.days)
            .into_iter()
            .map(|i| fixture::label(&records[i]))
            .collect();
        assert_eq!(held, ["W#2:2"]);
    }

    #[test]
    fn wallet_payout_cycle_decides_the_due_date() {
        // Saturday 2026-11-14's WeChat takings: D+1 (default) due Sunday, T+1 due Monday.
        let records = fixture::records("W 2026-11-14 12:00:00 100.00 pay=微信");
        let due = |cycle: &str| {
            let settings =
                Settings { wallet_payout_cycle: cycle.parse().unwrap(), ..Settings::default() };
            crate::matcher::run(&records, &settings).deposits.days[0].expected_deposit.to_string()
        };
        assert_eq!(due("D+1"), "2026-11-15");
        assert_eq!(due("T+1"), "2026-11-16");
    }

    #[test]
    fn a_wallet_payout_split_in_two_may_come_before_the_cycle_set() {
        // Friday 2026-10-16's WeChat takings (99.40 net) under a T+1 setting are due Monday; WeChat
        // paid them in two parts on Saturday, as it pays D+1 by the calendar. A single early
        // credit was always accepted; the two parts are too. Under T+1 an acquirer's parts on
        // Saturday would not be (not yet cleared): see
        // `parts_outside_the_window_or_naming_other_dates_are_not_combined`.
        let records = fixture::records(&format!(
            "
            W 2026-10-16 10:00:00 50.00 fee=0.30 pay=微信
            W 2026-10-16 11:00:00 50.00 fee=0.30 pay=微信
            B 2026-10-17 09:00:00 30.00 {TENPAY}
            B 2026-10-17 09:00:00 69.40 {TENPAY}
            "
        ));
        let settings = Settings { wallet_payout_cycle: Cycle::T1, ..Settings::default() };
        for permuted in std::iter::once(records.clone()).chain(fixture::permutations(&records)) {
            let set = crate::matcher::run(&permuted, &settings).deposits;
            assert_eq!(set.days[0].expected_deposit.to_string(), "2026-10-19");
            let paid = set.deposit_of_day(0).expect("the two parts pay Friday");
            assert_eq!((paid.credits.len(), paid.received_cents), (2, 9940));
            assert!(set.unpaid.is_empty());
        }
    }

    #[test]
    fn a_credit_naming_a_followed_wallet_pays_no_acquirer_day() {
        // The acquirer's Monday (500.00) is paid short by UMS; a Tenpay credit of exactly 500.00
        // is WeChat's own payout (of a day the bill shows), never the acquirer's.
        check(
            &format!(
                "
                A 2026-11-16 10:00:00 500.00 net=500.00
                W 2026-11-16 12:00:00 500.00 pay=微信
                B 2026-11-17 09:00:00 480.00 {UMS}
                B 2026-11-17 09:31:12 500.00 {TENPAY}
                "
            ),
            expect![[r#"
                day 2026-11-16 net=50000 rows=[A2] due=2026-11-17 paid_by=B2
                day Wallet(Wechat) 2026-11-16 net=50000 rows=[W2] due=2026-11-17 paid_by=B3
                deposit B2 Near 2026-11-16 expected=50000 got=48000 acquirer_like=true edge=true
                deposit B3 Exact 2026-11-16 expected=50000 got=50000 acquirer_like=true edge=true
                unpaid [] credits=2 unexplained=0 gave_up=false
            "#]],
        );
    }

    /// Whether the one bank credit of `bank_line` pays the acquirer's Monday (684.39), in every
    /// record order.
    fn pays_monday(bank_line: &str) -> bool {
        let text = format!(
            "
            A 2026-11-16 10:00:00 300.00 net=298.86
            A 2026-11-16 11:00:00 387.00 net=385.53
            B 2026-11-17 09:00:00 684.39 {bank_line}
            B 2026-11-18 09:00:00 120.00 debit party=某物业
            "
        );
        let records = fixture::records(&text);
        let settings = Settings::default();
        let paid = |records: &[Record]| {
            let set = crate::matcher::run(records, &settings).deposits;
            assert_eq!(set.credits_seen, 1, "{bank_line}");
            assert_eq!(set.unpaid.is_empty(), !set.deposits.is_empty(), "{bank_line}");
            assert_eq!(set.credits_unexplained, set.unpaid.len(), "{bank_line}");
            set.unpaid.is_empty()
        };
        let first = paid(&records);
        for permuted in fixture::permutations(&records) {
            assert_eq!(paid(&permuted), first, "record order changed {bank_line}");
        }
        first
    }

    #[test]
    fn a_private_persons_transfer_is_never_a_payout() {
        // (bank line's texts, pays the day): a person's transfer of exactly the net pays nothing,
        // whatever its memo; a business (a company, a 个体户's shop, an acquirer, a wallet) or a
        // line with no counterparty pays as before.
        let cases: &[(&str, bool)] = &[
            ("party=李小梅 memo=转账", false),
            ("party=张伟", false),
            ("party=欧阳小明 memo=POS清算", false),
            ("party=李小梅 memo=1116-1116费2.61元", false),
            ("party=6217000010012345678/李小梅", false),
            ("party=6217000010012345678李小梅", false),
            ("party=张*", false),
            ("party=阿卜杜拉·买买提", false),
            ("party=ZHANG-SAN", true),
            ("party=某某物业管理有限公司 memo=转账", true),
            ("party=张三便利店", true),
            ("party=张三便利店 memo=转账", true),
            ("party=某某支付有限公司客户备付金 memo=POS清算", true),
            ("party=银联商务", true),
            ("party=财付通", true),
            ("party=支付宝", true),
            ("party=243300133/财付通支付科技有限公司", true),
            ("party=拉卡拉", true),
            ("party=杉德", true),
            ("memo=转账", true),
            ("memo=POS清算", true),
            ("", true),
        ];
        for &(line, pays) in cases {
            assert_eq!(pays_monday(line), pays, "{line}");
        }
    }

    #[test]
    fn a_person_of_the_same_amount_pays_no_wallet_day_either() {
        // WeChat's bill day (500.00) is not paid by a person's 500.00 transfer; 财付通's is.
        let records = |bank_line: &str| {
            fixture::records(&format!(
                "
                W 2026-11-16 12:00:00 500.00 pay=微信
                B 2026-11-17 09:31:12 500.00 {bank_line}
                "
            ))
        };
        let settings = Settings::default();
        for (line, pays) in [("party=王芳 memo=转账", false), (TENPAY, true), ("", true)] {
            let records = records(line);
            for permuted in fixture::permutations(&records) {
                let set = crate::matcher::run(&permuted, &settings).deposits;
                assert_eq!(set.unpaid.is_empty(), pays, "{line}");
            }
        }
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
