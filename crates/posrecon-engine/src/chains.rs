//! Conservation: every data row ends in exactly one chain, and the report says where.
//!
//! Findings list what is wrong; chains account for everything, including what is right, so a
//! merchant (or an auditor) can follow any sale from the terminal to the settlement to the bank
//! and see that nothing was silently dropped. A chain is a connected group of records linked by the
//! matcher: terminal attempt <-> acquirer row (pairs), sale <-> its void / reversal / refund (on
//! either side), order <-> the payment behind it. Every other record is a chain of its own (an
//! unmatched attempt, a bank line). Bank credits pay whole clearing days, so they are referenced by
//! the payments' chains (`deposit_record`, plus `more_deposit_records` when the acquirer split the
//! payout into several credits) and are members of their own `bank_credit` chain only; every part
//! of a split has the status of the whole (deposited, or short when the parts do not add up).
//! A credit the bank took back shares its `bank_credit` chain with the debit that took it back
//! (status `taken_back`): the pair pays nothing, and the debit is no loose `bank_debit`.
//!
//! On a day no terminal log holds QR attempts, a till payment row is the attempt of its QR payment
//! (`MatchSet::is_till_attempt`): its status is the chain's terminal hop and the wallet bill decides
//! its settlement hop, alone or paired.
//!
//! A sale's refunds (one full, or several partial ones; see `matcher::cancel`) are in its chain,
//! which says how much was refunded and what remains (`refunded_cents`, `remaining_cents`). A
//! refund naming the sale that would take it past its amount is not a member (it stays its own
//! `cancellation` chain); the sale's chain says by how much the refunds exceed the sale
//! (`over_refunded_cents`).
//!
//! Each chain gets a status per hop, computed from the same facts the rules use (coverage of the
//! terminal logs, of the acquirer statements and of the bank statements; the deposit search;
//! `as_of` and the grace days for "not due"). Chains are sorted by their first member's canonical
//! position, so they do not depend on input order. Members are `[input, line]` pairs to keep the
//! JSON small at a million rows.

use std::collections::BTreeSet;

use crate::config::Options;
use crate::matcher::deposit::Fit;
use crate::matcher::{LookupMap, MatchSet, ident};
use crate::model::{Outcome, Record, Role, TxnType};
use crate::report::{
    Chain, ChainKind, DepositHop, Finding, Input, OrderHop, SettlementHop, TerminalHop,
};

/// Groups the records into chains.
///
/// In: the records, inputs and [`MatchSet`] of [`crate::pipeline::run`], the options (`as_of` and
/// the grace days decide "not due"; the calendar the expected deposit dates) and the numbered
/// findings of [`crate::diagnose`]. Out: one [`Chain`] per connected group of records (every
/// data row in exactly one), with its kind, a status per hop (terminal, settlement, deposit,
/// order), the pass that paired it, its members as `[input index, line]`, the bank credits that
/// paid it, refunds in fen, and the ids of the findings resting on its rows; sorted by first
/// member's canonical position. Never fails.
pub fn run(
    records: &[Record],
    inputs: &[Input],
    set: &MatchSet,
    options: &Options,
    findings: &[Finding],
) -> Vec<Chain> {
    let findings_at = findings_at(inputs, findings);
    let ctx = Facts::new(records, set, options);
    groups(records.len(), set)
        .iter()
        .map(|members| {
            let mut chain = ctx.chain(members);
            let ids: BTreeSet<&str> = chain
                .records
                .iter()
                .filter_map(|key| findings_at.get(key))
                .flatten()
                .copied()
                .collect();
            chain.finding_ids = ids.into_iter().map(str::to_owned).collect();
            chain
        })
        .collect()
}

/// The chains' members as slices of one flat list (a million chains are not a million small
/// vectors): members in canonical order, chains in the canonical order of their first member.
struct Groups {
    members: Vec<usize>,
    /// `(start, end)` of each chain in `members`, in output order.
    bounds: Vec<(usize, usize)>,
}

impl Groups {
    fn iter(&self) -> impl Iterator<Item = &[usize]> {
        self.bounds.iter().map(|&(start, end)| &self.members[start..end])
    }
}

/// The records joined by every link the matcher made (pairs, voids, reversals and refunds with
/// their sales, orders with their payments, a bank credit with the debit taking it back), found
/// by union-find, then laid out in canonical order without sorting: walking the records in
/// canonical order numbers each group when its first member comes (which is the output order),
/// and a counting pass places every member in its group's slice. A sort of a million
/// (group, rank) keys, reading the ranks at random, was most of this stage.
fn groups(n: usize, set: &MatchSet) -> Groups {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut union = |a: usize, b: usize| {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    for p in &set.pairs {
        union(p.terminal, p.acquirer);
    }
    for c in set.cancellations.iter().chain(&set.refunds) {
        union(c.sale, c.canceller);
    }
    for l in &set.order_links {
        union(l.order, l.payment);
    }
    for r in &set.deposits.reversals {
        union(r.credit, r.debit);
    }
    // The records in canonical order (the rank is a permutation of 0..n).
    let mut order: Vec<usize> = vec![0; n];
    for (idx, &pos) in set.canonical_rank.iter().enumerate() {
        order[pos] = idx;
    }
    // Each record's group, numbered by first member in canonical order, and the group sizes.
    const NONE: usize = usize::MAX;
    let mut group_of_root: Vec<usize> = vec![NONE; n];
    let mut group_at: Vec<usize> = Vec::with_capacity(n);
    let mut sizes: Vec<usize> = Vec::new();
    for &idx in &order {
        let root = find(&mut parent, idx);
        if group_of_root[root] == NONE {
            group_of_root[root] = sizes.len();
            sizes.push(0);
        }
        let group = group_of_root[root];
        sizes[group] += 1;
        group_at.push(group);
    }
    let mut bounds: Vec<(usize, usize)> = Vec::with_capacity(sizes.len());
    let mut start = 0;
    for size in sizes {
        bounds.push((start, start + size));
        start += size;
    }
    let mut next: Vec<usize> = bounds.iter().map(|&(start, _)| start).collect();
    let mut members: Vec<usize> = vec![0; n];
    for (&idx, &group) in order.iter().zip(&group_at) {
        members[next[group]] = idx;
        next[group] += 1;
    }
    Groups { members, bounds }
}

/// Finding ids per (input, line).
fn findings_at<'a>(
    inputs: &[Input],
    findings: &'a [Finding],
) -> LookupMap<(u32, u32), BTreeSet<&'a str>> {
    let input_of: LookupMap<&str, u32> =
        inputs.iter().enumerate().map(|(i, input)| (input.file.as_str(), i as u32)).collect();
    let mut findings_at: LookupMap<(u32, u32), BTreeSet<&str>> = LookupMap::default();
    for f in findings {
        for r in &f.records {
            if let Some(&input) = input_of.get(r.file.as_str()) {
                findings_at.entry((input, r.line)).or_default().insert(f.id.as_str());
            }
        }
    }
    findings_at
}

/// What the hop statuses are computed from.
struct Facts<'a> {
    records: &'a [Record],
    set: &'a MatchSet,
    options: &'a Options,
    day_of_row: Vec<Option<usize>>,
    deposit_of_day: LookupMap<usize, usize>,
    paying_credits: BTreeSet<usize>,
    has_orders: bool,
    calendar: crate::calendar::Calendar,
    /// Paid wallet-bill rows whose money stays in the wallet's balance (no payout followed).
    held: BTreeSet<usize>,
}

fn is_charge(r: &Record) -> bool {
    matches!(r.txn_type, TxnType::Sale | TxnType::PreauthCompletion)
}

fn is_cancel(r: &Record) -> bool {
    matches!(r.txn_type, TxnType::Void | TxnType::Reversal | TxnType::Refund)
}

impl<'a> Facts<'a> {
    fn new(records: &'a [Record], set: &'a MatchSet, options: &'a Options) -> Self {
        let mut day_of_row: Vec<Option<usize>> = vec![None; records.len()];
        for (d, day) in set.deposits.days.iter().enumerate() {
            for &r in &day.rows {
                day_of_row[r] = Some(d);
            }
        }
        let mut deposit_of_day: LookupMap<usize, usize> = LookupMap::default();
        for (i, dep) in set.deposits.deposits.iter().enumerate() {
            for &d in &dep.days {
                deposit_of_day.insert(d, i);
            }
        }
        let paying_credits: BTreeSet<usize> =
            set.deposits.deposits.iter().flat_map(|d| d.credits.iter().copied()).collect();
        Facts {
            records,
            set,
            options,
            day_of_row,
            deposit_of_day,
            paying_credits,
            has_orders: records.iter().any(|r| r.role == Role::OrderList),
            calendar: crate::calendar::Calendar::new(&options.settings),
            // Only wallet-bill rows are ever held: without a bill, skip the search (it indexes
            // every acquirer row's order ids).
            held: if records.iter().any(|r| r.role == Role::WalletBill) {
                crate::matcher::deposit::held_rows(records, &set.deposits.days)
            } else {
                BTreeSet::new()
            },
        }
    }
}

impl Facts<'_> {
    fn reference(&self, idx: usize) -> (u32, u32) {
        let r = &self.records[idx];
        (r.file_idx, r.line)
    }

    fn chain(&self, members: &[usize]) -> Chain {
        let mut chain = Chain {
            kind: ChainKind::Other,
            terminal: None,
            settlement: None,
            deposit: None,
            order: None,
            matched_by: None,
            records: members.iter().map(|&i| self.reference(i)).collect(),
            deposit_record: None,
            more_deposit_records: Vec::new(),
            finding_ids: Vec::new(),
            refunded_cents: None,
            remaining_cents: None,
            over_refunded_cents: None,
        };
        if self.money_movement(members, &mut chain) {
            return chain;
        }
        let charge = members
            .iter()
            .copied()
            .find(|&i| is_charge(&self.records[i]) && self.records[i].role != Role::OrderList);
        let order_rows: Vec<usize> =
            members.iter().copied().filter(|&i| self.records[i].role == Role::OrderList).collect();
        chain.kind = if charge.is_some() {
            ChainKind::Payment
        } else if members
            .iter()
            .any(|&i| is_cancel(&self.records[i]) && self.records[i].role != Role::OrderList)
        {
            ChainKind::Cancellation
        } else if !order_rows.is_empty() && order_rows.len() == members.len() {
            ChainKind::Order
        } else {
            ChainKind::Other
        };
        if self.has_orders {
            chain.order =
                Some(if order_rows.is_empty() { OrderHop::None } else { OrderHop::Linked });
        }
        // A till payment row that is a QR attempt goes on like a terminal attempt: its own
        // status is the terminal hop, the wallet bill decides the settlement hop.
        let till_attempt = members.iter().copied().find(|&i| self.set.is_till_attempt(i));
        if chain.kind == ChainKind::Order && till_attempt.is_none() {
            chain.terminal = self.order_terminal_hop(members[0]);
            return chain;
        }
        // The record the journey is about: the charge outside the order list, else the first.
        let main = charge
            .or_else(|| members.iter().copied().find(|&i| self.records[i].role != Role::OrderList))
            .or(till_attempt)
            .unwrap_or(members[0]);
        let (terminal_main, terminal) = self.terminal_hop(members, main, till_attempt);
        chain.terminal = Some(terminal);
        if let Some(pair) = members.iter().find_map(|&i| self.set.pair_of(i)) {
            chain.matched_by = Some(pair.pass.as_str().into());
        }
        let (acquirer_main, settlement) = self.settlement_hop(members, main, terminal_main);
        chain.settlement = Some(settlement);
        self.refunds(&mut chain, [acquirer_main, terminal_main]);
        // Deposit hop: of the settled row's clearing day (a QR payment's: its wallet's payout).
        if let Some(a) = acquirer_main {
            let hop = self.deposit_hop(a, &mut chain);
            chain.deposit =
                hop.or_else(|| self.held.contains(&a).then_some(DepositHop::HeldInWallet));
        }
        chain
    }

    /// A chain of bank lines only (a credit, a debit, a credit and the debit taking it back) or
    /// of a wallet withdrawal: its kind and deposit hop, and `true`; `false` for anything else.
    fn money_movement(&self, members: &[usize], chain: &mut Chain) -> bool {
        if let [a, b] = members
            && let Some(r) = self.set.deposits.reversal_of(*a)
            && ((r.credit, r.debit) == (*a, *b) || (r.credit, r.debit) == (*b, *a))
        {
            chain.kind = ChainKind::BankCredit;
            chain.deposit = Some(DepositHop::TakenBack);
            return true;
        }
        if let [only] = members
            && self.records[*only].role == Role::BankStatement
        {
            let credit = self.records[*only].txn_type == TxnType::Deposit;
            chain.kind = if credit { ChainKind::BankCredit } else { ChainKind::BankDebit };
            if credit {
                chain.deposit = Some(if self.paying_credits.contains(only) {
                    let fit = self.set.deposits.deposit_of_credit(*only);
                    match fit.map(|d| d.fit) {
                        Some(Fit::Near) => DepositHop::Short,
                        _ => DepositHop::Deposited,
                    }
                } else {
                    DepositHop::Unexplained
                });
            }
            return true;
        }
        if let [only] = members
            && self.records[*only].withdrawal()
        {
            chain.kind = ChainKind::Withdrawal;
            chain.deposit = self.deposit_hop(*only, chain);
            return true;
        }
        false
    }

    /// The terminal hop of an order nobody paid on a terminal: only an order paid by card or QR
    /// is expected on the terminal; a cash or cancelled order has no further hops.
    fn order_terminal_hop(&self, order_idx: usize) -> Option<TerminalHop> {
        let order = &self.records[order_idx];
        if !crate::matcher::is_paid_electronic_order(order) {
            return None;
        }
        let covered = order
            .time
            .is_some_and(|t| self.set.terminal_coverage.covers(ident(&order.terminal_id), t));
        Some(if covered { TerminalHop::Absent } else { TerminalHop::NotCovered })
    }

    /// The terminal's attempt (else the till's row standing in for it) and the terminal hop.
    fn terminal_hop(
        &self,
        members: &[usize],
        main: usize,
        till_attempt: Option<usize>,
    ) -> (Option<usize>, TerminalHop) {
        let on_terminal =
            || members.iter().copied().filter(|&i| self.records[i].role == Role::TerminalLog);
        let terminal_main = on_terminal()
            .find(|&i| self.records[i].txn_type == self.records[main].txn_type)
            .or_else(|| on_terminal().next())
            .or(till_attempt);
        let hop = match terminal_main {
            Some(t) => match self.records[t].outcome {
                Outcome::Approved => TerminalHop::Approved,
                Outcome::Declined => TerminalHop::Declined,
                Outcome::Unknown => TerminalHop::Unknown,
            },
            None => {
                let r = &self.records[main];
                let covered = r
                    .time
                    .is_some_and(|t| self.set.terminal_coverage.covers(ident(&r.terminal_id), t));
                if covered { TerminalHop::Absent } else { TerminalHop::NotCovered }
            }
        };
        (terminal_main, hop)
    }

    /// The settled row (a QR payment's wallet-bill row is its settlement) and the settlement hop.
    fn settlement_hop(
        &self,
        members: &[usize],
        main: usize,
        terminal_main: Option<usize>,
    ) -> (Option<usize>, SettlementHop) {
        let settles =
            |i: &usize| matches!(self.records[*i].role, Role::AcquirerStatement | Role::WalletBill);
        let acquirer_main = members
            .iter()
            .copied()
            .filter(settles)
            .find(|&i| is_charge(&self.records[i]))
            .or_else(|| members.iter().copied().find(settles));
        let cancelled_on_terminal =
            terminal_main.is_some_and(|t| self.set.cancelled_by(t).is_some());
        let hop = match acquirer_main {
            Some(a) if self.set.cancelled_by(a).is_some() => SettlementHop::Cancelled,
            Some(_) => SettlementHop::Settled,
            None => {
                let r = &self.records[main];
                let decided = if self.set.wallet_followed(self.records, main) {
                    r.time.is_some_and(|t| self.set.wallet_coverage.covers(r.pay_method, t.date()))
                } else {
                    self.set.clearing_date(main).is_some_and(|d| {
                        self.set.acquirer_coverage.decides(ident(&r.terminal_id), d)
                    })
                };
                match (decided, cancelled_on_terminal) {
                    (_, true) => SettlementHop::Cancelled,
                    (true, false) => SettlementHop::Absent,
                    (false, false) => SettlementHop::NotCovered,
                }
            }
        };
        (acquirer_main, hop)
    }

    /// Refunds of the sale: counted on one side only (the settled sale's when it has any, else
    /// the terminal's), because a refund on the terminal and its settled row are the same money.
    /// Refunds naming the sale that its amount could not take are not members (each stays its
    /// own chain); the sale's chain says by how much the refunds exceed it.
    fn refunds(&self, chain: &mut Chain, sides: [Option<usize>; 2]) {
        let refunded_sale =
            sides.into_iter().flatten().filter(|&s| is_charge(&self.records[s])).find(|&s| {
                !self.set.refunds_of(s).is_empty() || !self.set.over_refunds_of(s).is_empty()
            });
        if let Some(sale) = refunded_sale {
            if !self.set.refunds_of(sale).is_empty() {
                let refunded = self.set.refunded_cents(self.records, sale);
                chain.refunded_cents = Some(refunded);
                chain.remaining_cents = Some(self.records[sale].amount_cents - refunded);
            }
            let over = self.set.over_refunded_cents(self.records, sale);
            chain.over_refunded_cents = (over > 0).then_some(over);
        }
    }

    /// The deposit hop of a settled row (acquirer row, wallet-bill row, withdrawal): the credit
    /// that pays its day (written into the chain's deposit records), else the unpaid status;
    /// `None` when no payout follows the row.
    fn deposit_hop(&self, row: usize, chain: &mut Chain) -> Option<DepositHop> {
        let day = self.day_of_row[row]?;
        let Some(&dep) = self.deposit_of_day.get(&day) else { return self.unpaid_status(day) };
        let dep = &self.set.deposits.deposits[dep];
        chain.deposit_record = Some(self.reference(dep.credits[0]));
        chain.more_deposit_records = dep.credits[1..].iter().map(|&c| self.reference(c)).collect();
        Some(if dep.fit == Fit::Near { DepositHop::Short } else { DepositHop::Deposited })
    }

    /// Status of a settled day no credit pays, mirroring `missing_deposit`; `None` when the day
    /// nets to nothing (refunds as large as the sales): no credit is owed.
    fn unpaid_status(&self, day: usize) -> Option<DepositHop> {
        let deposits = &self.set.deposits;
        let d = &deposits.days[day];
        if d.net_cents <= 0 {
            return None;
        }
        let Some((bank_start, bank_end)) = deposits.bank_coverage else {
            return Some(DepositHop::NotCovered);
        };
        let grace = self.options.settings.deposit_grace_working_days;
        let due = self.calendar.add_working_days(d.expected_deposit, grace);
        Some(if due > self.options.as_of {
            DepositHop::NotDue
        } else if bank_start <= d.expected_deposit && due <= bank_end {
            DepositHop::Missing
        } else {
            DepositHop::NotCovered
        })
    }
}
