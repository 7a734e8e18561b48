//! The whole chain of a payment, terminal -> acquirer -> bank, as three steps with their dates
//! (issue 13): what the terminal showed and when, the acquirer's 清算日期 and amount, and the
//! bank deposit (on time, late by so many working days, short, missing, not due, not loaded).
//!
//! Why here and not in [`Report`]: the report's chains say each hop's status but, to stay small
//! at a million rows, name their rows only as `[input, line]` and carry no dates or amounts; the
//! deposit search's settled days (`matcher::deposit`) know when each clearing date was due and
//! which credits paid it. A host that keeps the [`Matched`] files (the page's worker, the CLI)
//! builds an [`Index`] once and asks it for the steps of a finding or of a check's answer, so the
//! report JSON is unchanged. The late count uses the engine's own calendar (holidays, 调休 and the
//! merchant's corrections), as `late_deposit` does, so a step and its finding never disagree.
//!
//! Facts apart from words: [`Steps`] is typed (hops, dates, fen, counts); [`Steps::words`] hands it
//! to `steps/zh.rs` or `steps/en.rs`, which return one [`StepLine`] per step.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::config::{Lang, Options};
use crate::model::{Record, Role};
use crate::pipeline::Matched;
use crate::report::{Chain, ChainKind, DepositHop, Report, SettlementHop, TerminalHop};

mod en;
mod zh;

/// One payment's journey (or several payments' of one finding, summed), as typed facts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Steps {
    /// How many payment chains the steps follow (a deposit finding covers a day of sales).
    pub payments: u32,
    /// What the terminal (or the till) showed.
    pub terminal: TerminalStep,
    /// What the acquirer statement (or the wallet bill) says.
    pub acquirer: AcquirerStep,
    /// What the bank statement says.
    pub bank: BankStep,
}

/// The terminal step.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TerminalStep {
    /// The chain's terminal hop (`None`: the chain has no terminal side, e.g. a bank credit).
    pub hop: Option<TerminalHop>,
    /// Time of the (first) attempt.
    pub time: Option<NaiveDateTime>,
    /// What the terminal said (应答信息 as written; file text, untrusted), for one attempt only.
    pub shown: Option<String>,
    /// Whether any terminal log (or till list) is loaded.
    pub loaded: bool,
}

/// The acquirer step.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AcquirerStep {
    /// The chain's settlement hop.
    pub hop: Option<SettlementHop>,
    /// 清算日期 of the (first) settled row.
    pub clearing_date: Option<NaiveDate>,
    /// Σ amount of the settled rows, in fen.
    pub amount_cents: i64,
    /// Whether the settlement came from a wallet bill (微信 / 支付宝) rather than an acquirer.
    pub wallet: bool,
    /// Whether any acquirer statement or wallet bill is loaded.
    pub loaded: bool,
}

/// The bank step.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BankStep {
    /// The chain's deposit hop.
    pub hop: Option<DepositHop>,
    /// When the clearing date's net was due in the bank account.
    pub due: Option<NaiveDate>,
    /// When the credit paying it arrived.
    pub arrived: Option<NaiveDate>,
    /// The credit(s) paying it, in fen (a whole day or several, not this payment alone).
    pub credit_cents: Option<i64>,
    /// Working days after `due` that it arrived (0 on time), by the engine's calendar.
    pub late_working_days: i64,
    /// Whether any bank statement is loaded.
    pub loaded: bool,
}

/// Which step a [`StepLine`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The terminal (or the till).
    Terminal,
    /// The acquirer (or the wallet).
    Acquirer,
    /// The bank account.
    Bank,
}

/// How a step went, for the mark beside it (said in words too: never colour alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// As it should be.
    Ok,
    /// Done, but late or short.
    Late,
    /// Wrong: missing, failed, absent.
    Problem,
    /// Not known from the files loaded (not loaded, not due, not covered).
    Unknown,
}

/// One step in words, as a host shows it: a short head, the date it happened, the detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepLine {
    /// Which step.
    pub stage: Stage,
    /// How it went.
    pub mark: Mark,
    /// `终端` / `收单机构` / `银行`.
    pub head: String,
    /// The step's date (`11-09 10:05`, `11-12`), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// What happened, one sentence (`晚到 2 个工作日（应 11-10 到账）`).
    pub text: String,
}

impl Steps {
    /// The three steps in `lang`, terminal first.
    pub fn words(&self, lang: Lang) -> Vec<StepLine> {
        match lang {
            Lang::Zh => zh::lines(self),
            Lang::En => en::lines(self),
        }
    }
}

/// Looks up the steps of chains in the matched files: built once per analysis (two maps over the
/// records and settled days), then asked per finding or per check answer.
pub struct Index<'a> {
    records: &'a [Record],
    matched: &'a Matched,
    by_line: HashMap<(u32, u32), usize>,
    day_of_row: HashMap<usize, usize>,
    calendar: Calendar,
    loaded: [bool; 3],
}

impl<'a> Index<'a> {
    /// The index of `matched` under the `options` its report was made with.
    pub fn new(matched: &'a Matched, options: &Options) -> Index<'a> {
        let records = &matched.records[..];
        let by_line = records.iter().enumerate().map(|(i, r)| ((r.file_idx, r.line), i)).collect();
        let mut day_of_row = HashMap::new();
        for (day_idx, day) in matched.set.deposits.days.iter().enumerate() {
            for row in &day.rows {
                day_of_row.insert(*row, day_idx);
            }
        }
        let has = |roles: &[Role]| {
            matched.inputs.iter().any(|i| i.role.is_some_and(|r| roles.contains(&r)))
        };
        let loaded = [
            has(&[Role::TerminalLog, Role::OrderList]),
            has(&[Role::AcquirerStatement, Role::WalletBill]),
            has(&[Role::BankStatement]),
        ];
        Index {
            records,
            matched,
            by_line,
            day_of_row,
            calendar: Calendar::new(&options.settings),
            loaded,
        }
    }

    /// The steps of every finding of `report` (made from these files), by finding id, in the
    /// report's order. A finding resting on no chain (none in the files) gets no entry.
    pub fn of_findings(&self, report: &Report) -> Vec<(String, Steps)> {
        let mut chains_of: HashMap<&str, Vec<&Chain>> = HashMap::new();
        for chain in &report.chains {
            for id in &chain.finding_ids {
                chains_of.entry(id.as_str()).or_default().push(chain);
            }
        }
        report
            .findings
            .iter()
            .filter_map(|f| {
                let chains = chains_of.get(f.id.as_str())?;
                Some((f.id.clone(), self.of_chains(chains)))
            })
            .collect()
    }

    /// The steps of the chain holding the row `line` of input `input` (a check's answer names
    /// its rows so), if a chain of `report` holds it.
    pub fn of_row(&self, report: &Report, input: u32, line: u32) -> Option<Steps> {
        let chain = report.chains.iter().find(|c| c.records.contains(&(input, line)))?;
        Some(self.of_chains(&[chain]))
    }

    /// The steps of these chains summed: payment chains first (the first one's hops and dates,
    /// their amounts added); a finding on bank credits alone shows the credit.
    pub fn of_chains(&self, chains: &[&Chain]) -> Steps {
        let payments: Vec<&Chain> =
            chains.iter().copied().filter(|c| c.kind == ChainKind::Payment).collect();
        let shown: Vec<&Chain> = if payments.is_empty() { chains.to_vec() } else { payments };
        let mut steps = Steps { payments: shown.len() as u32, ..Steps::default() };
        steps.terminal.loaded = self.loaded[0];
        steps.acquirer.loaded = self.loaded[1];
        steps.bank.loaded = self.loaded[2];
        let Some(first) = shown.first() else { return steps };
        steps.terminal.hop = first.terminal;
        steps.acquirer.hop = first.settlement;
        steps.bank.hop = first.deposit;
        for chain in &shown {
            self.add_rows(&mut steps, chain);
        }
        if shown.len() > 1 {
            steps.terminal.shown = None;
        }
        self.add_bank(&mut steps, first);
        steps
    }

    /// The terminal and acquirer rows of one chain into the steps: the terminal's attempt (a
    /// till's payment row only when no terminal log holds one: on QR days it is the attempt).
    fn add_rows(&self, steps: &mut Steps, chain: &Chain) {
        let rows: Vec<usize> =
            chain.records.iter().filter_map(|key| self.by_line.get(key).copied()).collect();
        let attempt = [Role::TerminalLog, Role::OrderList]
            .iter()
            .find_map(|role| rows.iter().find(|&&idx| self.records[idx].role == *role));
        if let Some(&idx) = attempt.filter(|_| steps.terminal.time.is_none()) {
            steps.terminal.time = self.records[idx].time;
            steps.terminal.shown = self.records[idx].response_text.as_deref().map(str::to_owned);
        }
        for idx in rows {
            let record = &self.records[idx];
            match record.role {
                Role::AcquirerStatement | Role::WalletBill
                    if self.day_of_row.contains_key(&idx) || record.settlement_date.is_some() =>
                {
                    if steps.acquirer.clearing_date.is_none() {
                        steps.acquirer.clearing_date = self
                            .day_of_row
                            .get(&idx)
                            .map(|d| self.matched.set.deposits.days[*d].date)
                            .or(record.settlement_date)
                            .or(record.time.map(|t| t.date()));
                        steps.acquirer.wallet = record.role == Role::WalletBill;
                    }
                    steps.acquirer.amount_cents += record.amount_cents;
                }
                _ => {}
            }
        }
    }

    /// When the chain's clearing day was due and when (and by how much) the bank was paid.
    fn add_bank(&self, steps: &mut Steps, chain: &Chain) {
        let deposits = &self.matched.set.deposits;
        let settled_row = chain.records.iter().find_map(|key| {
            let idx = *self.by_line.get(key)?;
            self.day_of_row.contains_key(&idx).then_some(idx)
        });
        let day = settled_row.and_then(|row| self.day_of_row.get(&row).copied());
        if let Some(day_idx) = day {
            steps.bank.due = Some(deposits.days[day_idx].expected_deposit);
            if let Some(deposit) = deposits.deposit_of_day(day_idx) {
                steps.bank.credit_cents = Some(deposit.received_cents);
            }
        }
        let credit = chain.deposit_record.and_then(|key| self.by_line.get(&key).copied());
        steps.bank.arrived = credit.and_then(|idx| self.records[idx].time).map(|t| t.date());
        if let (Some(due), Some(arrived)) = (steps.bank.due, steps.bank.arrived) {
            steps.bank.late_working_days = self.calendar.working_days_between(due, arrived).max(0);
        }
        if chain.kind == ChainKind::BankCredit {
            let own = chain.records.first().and_then(|key| self.by_line.get(key));
            if let Some(&idx) = own {
                steps.bank.arrived = self.records[idx].time.map(|t| t.date());
                steps.bank.credit_cents = Some(self.records[idx].amount_cents);
            }
        }
    }
}

/// `11-09 10:05` in both languages (the year is the report's).
fn short_time(t: NaiveDateTime) -> String {
    t.format("%m-%d %H:%M").to_string()
}

/// `11-12` in both languages.
fn short_date(d: NaiveDate) -> String {
    d.format("%m-%d").to_string()
}

/// The mark of each hop, the same in both languages.
fn terminal_mark(hop: Option<TerminalHop>) -> Mark {
    match hop {
        Some(TerminalHop::Approved) => Mark::Ok,
        Some(TerminalHop::Declined | TerminalHop::Unknown | TerminalHop::Absent) => Mark::Problem,
        Some(TerminalHop::NotCovered) | None => Mark::Unknown,
    }
}

fn acquirer_mark(hop: Option<SettlementHop>) -> Mark {
    match hop {
        Some(SettlementHop::Settled | SettlementHop::Cancelled) => Mark::Ok,
        Some(SettlementHop::Absent) => Mark::Problem,
        Some(SettlementHop::NotCovered) | None => Mark::Unknown,
    }
}

/// The bank step's mark. Without a deposit hop it follows the settlement, as the words do: a
/// sale the acquirer never settled will not arrive (a problem), a cancelled one should not (as it
/// should be), and without the acquirer's answer nothing is known yet.
fn bank_mark(bank: &BankStep, settlement: Option<SettlementHop>) -> Mark {
    match bank.hop {
        None => match settlement {
            Some(SettlementHop::Absent) => Mark::Problem,
            Some(SettlementHop::Cancelled) => Mark::Ok,
            Some(SettlementHop::Settled | SettlementHop::NotCovered) | None => Mark::Unknown,
        },
        Some(DepositHop::Deposited) if bank.late_working_days > 0 => Mark::Late,
        Some(DepositHop::Deposited) => Mark::Ok,
        Some(DepositHop::Short) => Mark::Late,
        Some(DepositHop::Missing | DepositHop::Unexplained | DepositHop::TakenBack) => {
            Mark::Problem
        }
        Some(DepositHop::NotDue | DepositHop::NotCovered | DepositHop::HeldInWallet) => {
            Mark::Unknown
        }
    }
}

/// Per-day money the bank should receive (the settled days' net, by expected deposit date) and
/// did receive (the credits paying settled days, by their date), for the deposits chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepositDay {
    /// The day.
    pub date: NaiveDate,
    /// Σ net of the clearing days due that day, in fen.
    pub expected_cents: i64,
    /// Σ of the credits that day paying settled days, in fen.
    pub received_cents: i64,
}

/// Expected against received per day, in date order; empty without settled days or without a
/// bank statement (nothing could be compared).
pub fn deposit_days(matched: &Matched) -> Vec<DepositDay> {
    let deposits = &matched.set.deposits;
    if deposits.bank_coverage.is_none() || deposits.days.is_empty() {
        return Vec::new();
    }
    let mut by_day: std::collections::BTreeMap<NaiveDate, (i64, i64)> = Default::default();
    for day in &deposits.days {
        by_day.entry(day.expected_deposit).or_default().0 += day.net_cents;
    }
    for deposit in &deposits.deposits {
        for &credit in &deposit.credits {
            let record = &matched.records[credit];
            if let Some(time) = record.time {
                by_day.entry(time.date()).or_default().1 += record.amount_cents;
            }
        }
    }
    by_day
        .into_iter()
        .map(|(date, (expected_cents, received_cents))| DepositDay {
            date,
            expected_cents,
            received_cents,
        })
        .collect()
}

#[cfg(test)]
mod tests;
