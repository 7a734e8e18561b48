//! Following a case from one week's analysis to the next (issue 13, the seed's 记录并反馈).
//!
//! A merchant records each finding as a case (contacted the bank, refunded the customer, a note)
//! and analyses again next week with new files. Finding ids (`F0004`) are numbers in report
//! order and change from run to run, so a case is kept under a [`case_key`] built from the
//! transaction's own identifiers instead: the same sale, bank day or wallet order gives the same
//! key whatever the files' order, names or what else they hold.
//!
//! When an earlier case's key names no finding any more, the case must not vanish silently:
//! [`follow`] looks at the new analysis's chains (terminal → acquirer → bank) for the money of
//! that key and says either that it arrived, and on which bank date ([`Outcome::Arrived`]: the
//! page closes the case itself and says so), that its sale is now part of a finding of another
//! kind ([`Outcome::Became`]: a timeout that turned out a double charge is not money arrived),
//! that no loaded file covers its day ([`Outcome::NotCovered`]: next week's files alone say
//! nothing of last week's sale; nor does an acquirer statement without the terminal log, whose
//! paid line would otherwise close a double charge as "arrived"), or that the finding is gone for another reason although the
//! files cover its day ([`Outcome::Gone`]: the page marks the case for the merchant to look at).
//!
//! Why here and not in the page: the chains name their rows by file and line only, and the
//! rows' identifiers and dates are in the matched records ([`Matched`]), which only the worker
//! holds. Facts only: the words ("11-12 到账，已自动关闭") are the page's.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Record, Role};
use crate::pipeline::Matched;
use crate::report::{Chain, DepositHop, Finding, Kind, Report, SettlementHop};

/// One finding of the report and the key of its case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingCase {
    /// The finding's id in this report (`F0004`).
    pub finding_id: String,
    /// Its case key ([`case_key`]), unique within the report.
    pub key: String,
    /// For a `late_deposit` (the money came, late): the bank credit's date, so the case closes
    /// as arrived and never stays open as overdue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrived: Option<NaiveDate>,
}

/// What became of an earlier case whose key names no finding of this report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// The chains show the money reached the bank account on `date` (the bank line's date).
    Arrived {
        /// Date of the bank credit that paid it (the latest, when several did).
        date: NaiveDate,
    },
    /// No finding names it any more and the loaded files do not show its money arriving,
    /// although they cover its day: the problem went away another way.
    Gone,
    /// The loaded files do not cover its day (another week's files), or, for a sale, not on
    /// both sides a card finding compares (the terminal log was left out): nothing
    /// can be said of it, and its money seen paid does not close it.
    NotCovered,
    /// Its transaction is now part of a finding of another kind (a timeout that turned out a
    /// double charge): not arrived money, the case is marked with what it became.
    Became {
        /// The kind of the finding that holds the transaction now.
        kind: Kind,
    },
}

/// Whether the money of a case of `kind` reaching the bank ends the case ([`Outcome::Arrived`]
/// closes it).
///
/// Only for the kinds whose problem *is* money the shop has not received: 短款
/// (`missing_settlement`: settled and paid after all), a payout missing, short or late
/// (`missing_deposit`, `deposit_mismatch`, `late_deposit`), a till order no payment backed
/// (`order_not_paid`: the payment came). For the others the sale's money arriving is no answer:
/// a double charge, a card charged for a failed attempt, a 长款, a wrong amount, a refund not
/// settled back, a fee or an over-refund are about money the customer or the acquirer should get
/// back, and a paid sale is part of the problem, not its end (domain.md §6 rows 9, 12, 14, 15,
/// §4a 长款). Nor does it end a `pending_outcome` (a timeout whose settlement was not loaded):
/// the sale settled and paid is exactly a 掉单 when the terminal showed it failed (§4d), which
/// only the terminal log tells. A case of those kinds that no finding names any more is only
/// gone: the merchant decides.
pub fn closed_by_arrival(kind: Kind) -> bool {
    match kind {
        Kind::MissingSettlement
        | Kind::MissingDeposit
        | Kind::DepositMismatch
        | Kind::LateDeposit
        | Kind::OrderNotPaid => true,
        Kind::PendingOutcome
        | Kind::ChargedButFailed
        | Kind::DuplicateCharge
        | Kind::UnexpectedSettlement
        | Kind::AmountMismatch
        | Kind::ReversalNotSettledBack
        | Kind::FeeMismatch
        | Kind::OverRefund => false,
    }
}

/// An earlier case's key and what the new analysis says of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Earlier {
    /// The key the page kept the case under.
    pub key: String,
    /// What became of it.
    pub outcome: Outcome,
}

/// Case keys for every finding, and the fate of the earlier open cases no finding names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Followed {
    /// One per finding, in report order.
    pub findings: Vec<FindingCase>,
    /// One per key of `open` (see [`follow`]) that no finding of the report has, in `open`'s
    /// order.
    pub earlier: Vec<Earlier>,
}

/// The case key of a finding: what names its transaction, never its kind (a 结果待定 timeout
/// that turns into 掉单, or a 未到账 day that turns into 延迟到账, is the same case).
///
/// - a bank day (`missing_deposit`, `deposit_mismatch`, `late_deposit`):
///   `deposit|<clearing dates>`;
/// - a wallet order (a record with an order number and no terminal):
///   `qr|<order id>|<amount>|<date>`;
/// - a card sale (every other kind): `sale|<终端号>|<参考号>|<凭证号>|<amount>|<date>`,
///   from the finding's first record (the most telling one).
///
/// Keys of the first version carried the kind as their second part; [`without_kind`] turns
/// them into these.
///
/// Two findings of one report with one key (rare: two identical lines) are told apart by
/// [`follow`] with `#2`, `#3` in report order.
pub fn case_key(finding: &Finding) -> String {
    if is_deposit(finding.kind) {
        let days: Vec<String> =
            finding.dates.settlement_dates.iter().map(|d| d.to_string()).collect();
        return format!("deposit|{}", days.join(","));
    }
    let Some(rec) = finding.records.first() else {
        return format!("other|{}|{}", finding.kind.as_str(), finding.amount_cents);
    };
    let date = day_of(rec.time, rec.settlement_date).map(|d| d.to_string()).unwrap_or_default();
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let order = rec.order_id.as_ref().or(rec.channel_order_id.as_ref());
    match (order, &rec.terminal_id) {
        (Some(order), None) => format!("qr|{order}|{}|{date}", rec.amount_cents),
        _ => format!(
            "sale|{}|{}|{}|{}|{date}",
            text(&rec.terminal_id),
            text(&rec.rrn),
            text(&rec.stan),
            rec.amount_cents
        ),
    }
}

/// The kinds that name a bank day rather than a sale.
fn is_deposit(kind: Kind) -> bool {
    matches!(kind, Kind::MissingDeposit | Kind::DepositMismatch | Kind::LateDeposit)
}

/// A key of the first version (`sale|<kind>|...`, `deposit|<kind>|<days>|<amount>`) as
/// [`case_key`] builds it now; a key already current is returned as it is.
pub fn without_kind(key: &str) -> String {
    let parts: Vec<&str> = key.split('|').collect();
    let is_kind = |p: &str| Kind::ALL.iter().any(|k| k.as_str() == p);
    match parts.as_slice() {
        ["deposit", kind, days, _amount] if is_kind(kind) => format!("deposit|{days}"),
        [head @ ("sale" | "qr"), kind, rest @ ..] if is_kind(kind) && rest.len() >= 3 => {
            format!("{head}|{}", rest.join("|"))
        }
        _ => key.to_owned(),
    }
}

/// Keys every finding of `report` (the whole report, chains included, of `matched`) and says of
/// each key in `open` (the page's earlier open cases) that no finding has whether its money
/// arrived.
pub fn follow(matched: &Matched, report: &Report, open: &[String]) -> Followed {
    let mut seen: HashMap<String, u32> = HashMap::new();
    let findings: Vec<FindingCase> = report
        .findings
        .iter()
        .map(|finding| {
            let key = case_key(finding);
            let n = seen.entry(key.clone()).or_default();
            *n += 1;
            let key = if *n == 1 { key } else { format!("{key}#{n}") };
            let arrived = (finding.kind == Kind::LateDeposit).then(|| bank_date(finding)).flatten();
            FindingCase { finding_id: finding.id.clone(), key, arrived }
        })
        .collect();
    let current: BTreeMap<&str, ()> = findings.iter().map(|f| (f.key.as_str(), ())).collect();
    let gone: Vec<&String> =
        open.iter().filter(|key| !current.contains_key(key.as_str())).collect();
    // Indexed once: a chain store's month has millions of chains and thousands of open cases,
    // and each case looked up by a walk over every chain took minutes.
    let earlier = if gone.is_empty() {
        Vec::new()
    } else {
        let rows = Rows::new(matched);
        let lookup = Lookup::new(&rows, report);
        let outcome = |key: &String| outcome(&lookup, key, report);
        gone.into_iter().map(|key| Earlier { key: key.clone(), outcome: outcome(key) }).collect()
    };
    Followed { findings, earlier }
}

/// The latest bank credit among a finding's records.
fn bank_date(finding: &Finding) -> Option<NaiveDate> {
    let bank = finding.records.iter().filter(|r| r.role == Role::BankStatement);
    bank.filter_map(|r| r.time.map(|t| t.date())).max()
}

/// What became of an earlier key no finding has: part of another finding, paid, not covered
/// by these files, or gone.
fn outcome(lookup: &Lookup, key: &str, report: &Report) -> Outcome {
    let bare = key.split('#').next().unwrap_or(key);
    let parts: Vec<&str> = bare.split('|').collect();
    let days: Vec<NaiveDate> = match parts.as_slice() {
        ["deposit", days] => days.split(',').filter_map(|d| d.parse().ok()).collect(),
        ["sale", .., date] | ["qr", .., date] => date.parse().ok().into_iter().collect(),
        _ => Vec::new(),
    };
    if let Some(kind) = lookup.became(&parts) {
        return Outcome::Became { kind };
    }
    let uncovered = || !days.is_empty() && !days.iter().all(|d| covered(report, *d, parts[0]));
    match lookup.outcome(key) {
        Outcome::Gone if uncovered() => Outcome::NotCovered,
        // A sale's money seen paid says nothing of what the finding was about (a double charge,
        // a sale the terminal called failed) unless both sides that found it are loaded: without
        // the terminal log, an acquirer line and its payout would close any card case as arrived.
        Outcome::Arrived { .. } if parts[0] == "sale" && uncovered() => Outcome::NotCovered,
        outcome => outcome,
    }
}

/// Whether the loaded files cover `day` for a key with this `head`: for a bank day
/// (`deposit`), any file whose period includes it; for a card sale, both sides a card finding
/// compares: an acquirer statement and the terminal log. An order list does not stand in for
/// the terminal log: it shows what the till recorded, not what the terminal showed, so it can
/// tell neither a double charge nor a timeout from a paid sale (a fresh tester's week with the
/// order list and no terminal log marked a 掉单 and a double charge "no longer found"). A bank
/// statement alone holds payouts, not the day's sales.
fn covered(report: &Report, day: NaiveDate, head: &str) -> bool {
    let period_has = |lists: &dyn Fn(Option<Role>) -> bool| {
        let inputs = report.inputs.iter().filter(|i| lists(i.role));
        inputs
            .filter_map(|i| i.coverage.as_ref())
            .any(|c| c.start.date() <= day && day <= c.end.date())
    };
    match head {
        "deposit" => period_has(&|_| true),
        "sale" => {
            period_has(&|r| r == Some(Role::AcquirerStatement))
                && period_has(&|r| r == Some(Role::TerminalLog))
        }
        _ => period_has(&|r| r != Some(Role::BankStatement)),
    }
}

/// A row's day in a case key ([`case_key`] writes it, [`Lookup`] finds it): its time's date,
/// else its 清算日期.
fn day_of(time: Option<chrono::NaiveDateTime>, settlement: Option<NaiveDate>) -> Option<NaiveDate> {
    time.map(|t| t.date()).or(settlement)
}

/// A key's amount and day as the values they were written from, or `None` when the text is not
/// how a case key writes them (the key then names no row: keys are compared as text).
fn money_day(amount: &str, date: &str) -> Option<(i64, Option<NaiveDate>)> {
    let cents: i64 = amount.parse().ok().filter(|c: &i64| c.to_string() == amount)?;
    let day = match date {
        "" => None,
        _ => Some(date.parse::<NaiveDate>().ok().filter(|d| d.to_string() == date)?),
    };
    Some((cents, day))
}

/// The matched records by `(file, line)`, as chains name them.
struct Rows<'a> {
    by_place: HashMap<(u32, u32), &'a Record>,
}

impl<'a> Rows<'a> {
    fn new(matched: &'a Matched) -> Self {
        let by_place = matched.records.iter().map(|r| ((r.file_idx, r.line), r)).collect();
        Rows { by_place }
    }

    fn record(&self, place: &(u32, u32)) -> Option<&'a Record> {
        self.by_place.get(place).copied()
    }
}

/// What a card sale's key is looked up by: (终端号, amount in fen, day).
type SaleAt<'a> = (&'a str, i64, Option<NaiveDate>);

/// The chains' rows and the findings' records indexed by what case keys name, built once per
/// [`follow`]: each lookup gives what a walk over every chain (or finding) in order would give,
/// the first chain (or finding) in report order that holds a matching row.
struct Lookup<'a> {
    /// Card rows of chains by (终端号, amount, day): (chain position, 参考号, 凭证号), in chain order.
    sales: HashMap<SaleAt<'a>, Vec<(usize, &'a str, &'a str)>>,
    /// Rows with an order number by (order, amount, day): the first chain holding one.
    orders: HashMap<(&'a str, i64, Option<NaiveDate>), usize>,
    /// Settled chains by the 清算日期 of an acquirer row they hold, in chain order.
    settled_on: HashMap<NaiveDate, Vec<usize>>,
    /// The latest bank date paying each chain, when it was paid (`None`: not paid).
    paid_on: Vec<Option<NaiveDate>>,
    /// Records of findings other than a bank day's by (终端号, 参考号, 凭证号, amount, day): the
    /// kind of the first such finding in report order.
    became: HashMap<(&'a str, &'a str, &'a str, i64, Option<NaiveDate>), Kind>,
}

impl<'a> Lookup<'a> {
    fn new(rows: &Rows<'a>, report: &'a Report) -> Self {
        let mut sales: HashMap<_, Vec<_>> = HashMap::new();
        let mut orders = HashMap::new();
        let mut settled_on: HashMap<NaiveDate, Vec<usize>> = HashMap::new();
        let mut paid_on = Vec::with_capacity(report.chains.len());
        for (at, chain) in report.chains.iter().enumerate() {
            let settled = chain.settlement == Some(SettlementHop::Settled);
            for r in chain.records.iter().filter_map(|p| rows.record(p)) {
                let day = day_of(r.time, r.settlement_date);
                let text = |v: &'a Option<crate::model::Id>| v.as_deref().unwrap_or("");
                let id = (text(&r.terminal_id), r.amount_cents, day);
                sales.entry(id).or_default().push((at, text(&r.rrn), text(&r.stan)));
                if let Some(order) = r.order_id.as_deref() {
                    orders.entry((order, r.amount_cents, day)).or_insert(at);
                }
                let acquirer = settled && r.role == Role::AcquirerStatement;
                if let Some(d) = r.settlement_date.filter(|_| acquirer) {
                    let on = settled_on.entry(d).or_default();
                    if on.last() != Some(&at) {
                        on.push(at);
                    }
                }
            }
            paid_on.push(Self::paid(rows, chain));
        }
        let mut became = HashMap::new();
        for f in report.findings.iter().filter(|f| !is_deposit(f.kind)) {
            for r in &f.records {
                let text = |v: &'a Option<String>| v.as_deref().unwrap_or("");
                let id = (text(&r.terminal_id), text(&r.rrn), text(&r.stan));
                let day = day_of(r.time, r.settlement_date);
                became.entry((id.0, id.1, id.2, r.amount_cents, day)).or_insert(f.kind);
            }
        }
        Lookup { sales, orders, settled_on, paid_on, became }
    }

    /// The latest bank date paying `chain`, when it was paid.
    fn paid(rows: &Rows, chain: &Chain) -> Option<NaiveDate> {
        if !matches!(chain.deposit, Some(DepositHop::Deposited | DepositHop::Short)) {
            return None;
        }
        let credit = chain.deposit_record.iter().chain(&chain.more_deposit_records);
        credit.filter_map(|p| rows.record(p)).filter_map(|r| r.time).map(|t| t.date()).max()
    }

    /// The kind of a current finding (not a bank day's) whose records hold the sale a
    /// `sale|...` key names.
    fn became(&self, parts: &[&str]) -> Option<Kind> {
        let ["sale", terminal, rrn, stan, amount, date] = parts else { return None };
        let (cents, day) = money_day(amount, date)?;
        self.became.get(&(*terminal, *rrn, *stan, cents, day)).copied()
    }

    /// Where the money of `key` stands in the chains the lookup was built from.
    fn outcome(&self, key: &str) -> Outcome {
        let key = key.split('#').next().unwrap_or(key);
        let parts: Vec<&str> = key.split('|').collect();
        let paying: Vec<usize> = match parts.as_slice() {
            ["deposit", days] => {
                let mut at: Vec<usize> = days
                    .split(',')
                    .filter_map(|d| d.parse::<NaiveDate>().ok().filter(|p| p.to_string() == d))
                    .flat_map(|d| self.settled_on.get(&d).into_iter().flatten().copied())
                    .collect();
                at.sort_unstable();
                at.dedup();
                at
            }
            ["sale", terminal, rrn, stan, amount, date] => money_day(amount, date)
                .and_then(|(cents, day)| self.sales.get(&(*terminal, cents, day)))
                .and_then(|rows| {
                    rows.iter()
                        .find(|(_, r, s)| {
                            (rrn.is_empty() || r == rrn) && (stan.is_empty() || s == stan)
                        })
                        .map(|(at, _, _)| *at)
                })
                .into_iter()
                .collect(),
            ["qr", order, amount, date] => money_day(amount, date)
                .and_then(|(cents, day)| self.orders.get(&(*order, cents, day)).copied())
                .into_iter()
                .collect(),
            _ => Vec::new(),
        };
        self.arrived(&paying).map_or(Outcome::Gone, |date| Outcome::Arrived { date })
    }

    /// The latest bank date paying every chain of `paying`, when all of them were paid.
    fn arrived(&self, paying: &[usize]) -> Option<NaiveDate> {
        let mut latest: Option<NaiveDate> = None;
        for &at in paying {
            latest = latest.max(Some(self.paid_on[at]?));
        }
        latest
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, SourceFile, analyze_matched, pipeline};

    /// The demo week's files (and the fixture bank statement one week on), by name.
    fn demo(names: &[&str]) -> Vec<SourceFile> {
        names.iter().map(|n| SourceFile::new(*n, bytes(n).to_vec())).collect()
    }

    fn bytes(name: &str) -> &'static [u8] {
        match name {
            TERMINAL => include_bytes!("../../../www/demo/终端交易明细_20261109-20261115.csv"),
            ACQUIRER => include_bytes!("../../../www/demo/收单对账单_20261108-20261114.csv"),
            BANK => include_bytes!("../../../www/demo/银行流水_20261101-20261120.csv"),
            BANK_LATER => {
                include_bytes!("../../../tests/e2e/fixtures/cases/银行流水_20261101-20261130.csv")
            }
            _ => panic!("no such file {name}"),
        }
    }

    const TERMINAL: &str = "终端交易明细_20261109-20261115.csv";
    const ACQUIRER: &str = "收单对账单_20261108-20261114.csv";
    const BANK: &str = "银行流水_20261101-20261120.csv";
    const BANK_LATER: &str = "银行流水_20261101-20261130.csv";

    fn run(files: &[SourceFile], open: &[String]) -> (Report, Followed) {
        let options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        let matched = pipeline::run(files, &options);
        let report = analyze_matched(&matched, &options);
        let followed = follow(&matched, &report, open);
        (report, followed)
    }

    fn keys(followed: &Followed) -> Vec<String> {
        let mut keys: Vec<String> = followed.findings.iter().map(|f| f.key.clone()).collect();
        keys.sort();
        keys
    }

    #[test]
    fn keys_name_the_transaction_and_do_not_depend_on_the_files_order() {
        let (report, followed) = run(&demo(&[TERMINAL, ACQUIRER, BANK]), &[]);
        assert_eq!(followed.findings.len(), report.findings.len());
        let (_, again) = run(&demo(&[BANK, TERMINAL, ACQUIRER]), &[]);
        assert_eq!(keys(&followed), keys(&again));
        let all = keys(&followed);
        let sale = "sale|10086602||001002|158000|2026-11-09";
        assert!(all.contains(&sale.to_owned()), "{all:?}");
        assert!(all.contains(&"deposit|2026-11-11".to_owned()), "{all:?}");
        let mut unique = all.clone();
        unique.dedup();
        assert_eq!(unique, all, "keys are unique within a report");
    }

    #[test]
    fn an_earlier_case_still_found_is_not_reported_and_an_unknown_one_is_gone() {
        let (_, first) = run(&demo(&[TERMINAL, ACQUIRER, BANK]), &[]);
        let open: Vec<String> =
            vec![first.findings[0].key.clone(), "sale|99999999|1|2|100|2026-11-10".to_owned()];
        let (_, followed) = run(&demo(&[TERMINAL, ACQUIRER, BANK]), &open);
        assert_eq!(
            followed.earlier,
            [Earlier { key: open[1].clone(), outcome: Outcome::Gone }],
            "only the key no finding has"
        );
    }

    #[test]
    fn a_missing_deposit_that_arrived_in_the_new_bank_statement_closes_with_its_date() {
        let key = "deposit|2026-11-11".to_owned();
        // The same week with the bank statement that shows the 11-11 payout, paid on 11-12.
        let files = demo(&[TERMINAL, ACQUIRER, BANK_LATER]);
        let (report, followed) = run(&files, std::slice::from_ref(&key));
        assert!(report.findings.iter().all(|f| f.kind != Kind::MissingDeposit));
        let date = NaiveDate::from_ymd_opt(2026, 11, 12).unwrap();
        assert_eq!(followed.earlier, [Earlier { key, outcome: Outcome::Arrived { date } }]);
        // Without any bank statement the payout cannot be seen: the case is gone, not closed.
        let key = "deposit|2026-11-11".to_owned();
        let (_, followed) = run(&demo(&[TERMINAL, ACQUIRER]), std::slice::from_ref(&key));
        assert_eq!(followed.earlier, [Earlier { key, outcome: Outcome::Gone }]);
    }

    #[test]
    fn without_the_terminal_log_no_card_case_closes_as_arrived() {
        // The week's card cases, from all three files.
        let (_, all) = run(&demo(&[TERMINAL, ACQUIRER, BANK]), &[]);
        let sales: Vec<String> =
            keys(&all).into_iter().filter(|k| k.starts_with("sale|")).collect();
        assert!(sales.len() >= 3, "the demo week has card cases: {sales:?}");
        // The next week's analysis without the terminal log: the acquirer's lines of those
        // sales are paid, but nothing says the double charge or the failed sale is settled.
        let (_, followed) = run(&demo(&[ACQUIRER, BANK]), &sales);
        assert_eq!(followed.earlier.len(), sales.len());
        for earlier in &followed.earlier {
            assert_eq!(earlier.outcome, Outcome::NotCovered, "{}", earlier.key);
        }
        // With the terminal log back, a card case's money paid closes it as before.
        let (_, with_log) = run(&demo(&[TERMINAL, ACQUIRER, BANK]), &sales);
        assert!(with_log.earlier.is_empty(), "each key names its finding again");
    }

    #[test]
    fn an_order_list_does_not_stand_in_for_the_terminal_log() {
        // A till's order list shows what the till recorded, not what the terminal showed: with
        // it and no terminal log, a card case's day is not covered (a 掉单 or a double charge
        // must not read as "no longer found" or "arrived").
        let (mut report, _) = run(&demo(&[ACQUIRER, BANK]), &[]);
        let day = NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
        let bank = report.inputs.iter().position(|i| i.role == Some(Role::BankStatement));
        let bank = bank.expect("the demo bank statement");
        assert!(!covered(&report, day, "sale"));
        report.inputs[bank].role = Some(Role::OrderList);
        assert!(!covered(&report, day, "sale"), "an order list is not the terminal's record");
        report.inputs[bank].role = Some(Role::TerminalLog);
        assert!(covered(&report, day, "sale"), "with the terminal log the day is covered");
    }

    #[test]
    fn a_day_no_file_covers_is_not_called_gone_and_old_keys_lose_their_kind() {
        let outside = "sale|99999999|1|2|100|2026-10-01".to_owned();
        let (_, followed) = run(&demo(&[TERMINAL, ACQUIRER, BANK]), std::slice::from_ref(&outside));
        assert_eq!(followed.earlier, [Earlier { key: outside, outcome: Outcome::NotCovered }]);
        assert_eq!(
            without_kind("sale|charged_but_failed|10086602||001002|158000|2026-11-09"),
            "sale|10086602||001002|158000|2026-11-09"
        );
        assert_eq!(without_kind("deposit|missing_deposit|2026-11-11|118747"), "deposit|2026-11-11");
        assert_eq!(without_kind("deposit|2026-11-11"), "deposit|2026-11-11");
    }

    #[test]
    fn a_late_deposit_carries_the_date_its_money_arrived() {
        let (report, followed) = run(&demo(&[TERMINAL, ACQUIRER, BANK]), &[]);
        let late: Vec<&Finding> =
            report.findings.iter().filter(|f| f.kind == Kind::LateDeposit).collect();
        assert!(!late.is_empty(), "the demo has a late deposit");
        for f in late {
            let fc = followed.findings.iter().find(|c| c.finding_id == f.id).unwrap();
            assert!(fc.arrived.is_some(), "{} arrived on a bank date", f.id);
        }
        let others = followed.findings.iter().filter(|c| !c.key.starts_with("deposit|"));
        assert!(others.clone().all(|c| c.arrived.is_none()));
    }

    #[test]
    fn a_sale_now_part_of_a_double_charge_became_that_and_did_not_arrive() {
        let (report, _) = run(&demo(&[TERMINAL, ACQUIRER, BANK]), &[]);
        let double = report.findings.iter().find(|f| f.kind == Kind::DuplicateCharge).unwrap();
        // The other attempt of the pair, as an earlier timeout case would have keyed it.
        let r = double.records.iter().skip(1).find(|r| r.terminal_id.is_some()).unwrap();
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let key = format!(
            "sale|{}|{}|{}|{}|{}",
            text(&r.terminal_id),
            text(&r.rrn),
            text(&r.stan),
            r.amount_cents,
            r.time.unwrap().date()
        );
        let (_, followed) = run(&demo(&[TERMINAL, ACQUIRER, BANK]), std::slice::from_ref(&key));
        let kind = Kind::DuplicateCharge;
        assert_eq!(followed.earlier, [Earlier { key, outcome: Outcome::Became { kind } }]);
    }

    /// What [`Lookup`] answers, worked out by walking every chain and finding in order for each
    /// key (how `follow` did it before the index; minutes at a chain store's size).
    fn by_walk(matched: &Matched, report: &Report, key: &str) -> (Option<Kind>, Outcome) {
        let rows = Rows::new(matched);
        let parts: Vec<&str> = key.split('|').collect();
        let text = |v: Option<&str>| v.unwrap_or("").to_owned();
        let day = |t: Option<chrono::NaiveDateTime>, s: Option<NaiveDate>| {
            day_of(t, s).map(|d| d.to_string()).unwrap_or_default()
        };
        let became = match parts.as_slice() {
            ["sale", terminal, rrn, stan, amount, date] => report
                .findings
                .iter()
                .filter(|f| !is_deposit(f.kind))
                .find(|f| {
                    f.records.iter().any(|r| {
                        text(r.terminal_id.as_deref()) == *terminal
                            && text(r.rrn.as_deref()) == *rrn
                            && text(r.stan.as_deref()) == *stan
                            && r.amount_cents.to_string() == *amount
                            && day(r.time, r.settlement_date) == *date
                    })
                })
                .map(|f| f.kind),
            _ => None,
        };
        let holds = |c: &Chain, test: &dyn Fn(&Record) -> bool| {
            c.records.iter().filter_map(|p| rows.record(p)).any(test)
        };
        let paying: Vec<&Chain> = match parts.as_slice() {
            ["deposit", days] => {
                let days: Vec<&str> = days.split(',').collect();
                let on = |r: &Record| {
                    r.role == Role::AcquirerStatement
                        && r.settlement_date.is_some_and(|d| days.contains(&d.to_string().as_str()))
                };
                let settled = |c: &&Chain| c.settlement == Some(SettlementHop::Settled);
                report.chains.iter().filter(settled).filter(|c| holds(c, &on)).collect()
            }
            ["sale", terminal, rrn, stan, amount, date] => {
                let names = |r: &Record| {
                    text(r.terminal_id.as_deref()) == *terminal
                        && (rrn.is_empty() || text(r.rrn.as_deref()) == *rrn)
                        && (stan.is_empty() || text(r.stan.as_deref()) == *stan)
                        && r.amount_cents.to_string() == *amount
                        && day(r.time, r.settlement_date) == *date
                };
                report.chains.iter().filter(|c| holds(c, &names)).take(1).collect()
            }
            ["qr", order, amount, date] => {
                let names = |r: &Record| {
                    r.order_id.as_deref() == Some(*order)
                        && r.amount_cents.to_string() == *amount
                        && day(r.time, r.settlement_date) == *date
                };
                report.chains.iter().filter(|c| holds(c, &names)).take(1).collect()
            }
            _ => Vec::new(),
        };
        let mut latest = None;
        for chain in &paying {
            match Lookup::paid(&rows, chain) {
                Some(d) => latest = latest.max(Some(d)),
                None => return (became, Outcome::Gone),
            }
        }
        (became, latest.map_or(Outcome::Gone, |date| Outcome::Arrived { date }))
    }

    #[test]
    fn the_index_answers_every_key_as_a_walk_over_every_chain_would() {
        for files in [vec![TERMINAL, ACQUIRER, BANK], vec![TERMINAL, ACQUIRER, BANK_LATER]] {
            let options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
            let matched = pipeline::run(&demo(&files), &options);
            let report = analyze_matched(&matched, &options);
            let rows = Rows::new(&matched);
            let lookup = Lookup::new(&rows, &report);
            // Keys for every row of every chain, whole, with 参考号 or 凭证号 left out or wrong,
            // the order numbers, every 清算日期, and keys that name nothing or are not canonical.
            let mut keys: Vec<String> = Vec::new();
            for r in &matched.records {
                let text = |v: &Option<crate::model::Id>| v.as_deref().unwrap_or("").to_owned();
                let d =
                    day_of(r.time, r.settlement_date).map(|d| d.to_string()).unwrap_or_default();
                let (t, rrn, stan, a) =
                    (text(&r.terminal_id), text(&r.rrn), text(&r.stan), r.amount_cents);
                keys.push(format!("sale|{t}|{rrn}|{stan}|{a}|{d}"));
                keys.push(format!("sale|{t}||{stan}|{a}|{d}"));
                keys.push(format!("sale|{t}|{rrn}||{a}|{d}"));
                keys.push(format!("sale|{t}|{rrn}|{stan}|0{a}|{d}"));
                keys.push(format!("sale|{t}|9{rrn}|{stan}|{a}|{d}"));
                keys.push(format!("sale|{t}|{rrn}|9{stan}|{a}|{d}"));
                if let Some(order) = &r.order_id {
                    keys.push(format!("qr|{order}|{a}|{d}"));
                }
                if let Some(s) = r.settlement_date {
                    keys.push(format!("deposit|{s}"));
                    keys.push(format!("deposit|{s},{}", s.succ_opt().unwrap()));
                }
            }
            keys.push("sale|99999999|1|2|100|2026-11-10".to_owned());
            keys.push("deposit|2026-1-11".to_owned());
            keys.sort();
            keys.dedup();
            let mut arrived = 0;
            for key in &keys {
                let parts: Vec<&str> = key.split('|').collect();
                let indexed = (lookup.became(&parts), lookup.outcome(key));
                assert_eq!(indexed, by_walk(&matched, &report, key), "{key}");
                arrived += matches!(indexed.1, Outcome::Arrived { .. }) as usize;
            }
            assert!(
                arrived > 0 && arrived < keys.len(),
                "{arrived} of {} keys arrived",
                keys.len()
            );
        }
    }
}
