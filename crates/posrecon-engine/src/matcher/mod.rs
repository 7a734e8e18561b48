//! Stage 3: terminal attempts <-> acquirer settlement rows.
//!
//! The terminal log says what the cashier saw; the acquirer statement says what was really
//! settled. Diagnosis needs to know, for every terminal attempt, which settled row (if any) is the
//! same transaction. Identifiers differ in quality, so matching runs in passes from the strongest
//! key to the weakest, and each pass only sees what earlier passes left over:
//!
//! 1. [`rrn`]: the 参考号 (RRN) on both sides. Issued by the host, 12 characters, unique.
//! 2. [`stan`]: (终端号, 凭证号 as a number, clearing date or transaction date). The STAN is unique
//!    per terminal per day; comparing it as a number makes `001004` equal `1004`.
//! 3. [`window`]: (终端号, same amount, times within `match_window_minutes`), preferring the same
//!    card last 4 and then the closest time. This is the only pass that can guess, so it has the
//!    lowest confidence and refuses pairs whose card or RRN contradict each other. Its candidates
//!    are accepted by best total score ([`assign`]), not one at a time.
//!
//! Matching is one-to-one: a record is in at most one pair. Two identical legitimate sales (same
//! card, same amount, minutes apart) must stay two sales, so a pass never "absorbs" a second row.
//!
//! Order independence: every pass produces candidate pairs with a rank, all candidates are sorted
//! on (rank, canonical position of both records), and accepted greedily. The canonical position is
//! the sort on (time, file index, line), which depends on the content of the files and never on the
//! order of the input slice. Lookups use hash maps keyed on identifiers plus time-sorted buckets,
//! so the work is near-linear in the number of records; nothing compares all pairs.
//!
//! Besides pairs, the set records same-side cancellations ([`cancel`]: a 撤销 or 冲正 that undoes a
//! sale on the same side), the clearing date of every record, and what the files cover
//! ([`coverage`]), because "no match" only means something where the other side was looked at.
//!
//! Refunds are linked to the sale they refund the same way but kept apart (`refunds`), because a
//! refund does not undo the sale's settlement; a sale may have several partial refunds, never more
//! in total than its amount. A refund naming a sale that its amount cannot take (more than the
//! sale, or more than what earlier refunds left) is not linked, but recorded against the sale it
//! names (`over_refunds`), so the report can say the sale was refunded more than it was worth
//! instead of passing over it. Identifiers count on either row of a paired sale or refund (the
//! 参考号 may only be on the settlement row, the order number only on the acquirer's), and a
//! refund, void or reversal whose named original (原参考号 / 原凭证号) is not the sale is never
//! linked to it, whatever card and amount say. Orders from a cashier/ERP list are linked to the
//! terminal transaction that paid them ([`orders`]).
//!
//! QR payments follow the same passes with their own keys ([`qr`]): a shared order id (商户订单号,
//! 微信订单号 / 支付宝交易号) after the STAN pass, and (wallet, amount, time) against the WeChat Pay /
//! Alipay bills after the card window pass; the wallet bill is the acquirer statement of a QR
//! payment, so those pairs are ordinary [`Pair`]s whose `acquirer` is a bill row. Shops without a
//! terminal log for QR have the till's payment list: on a day no terminal log holds QR attempts,
//! its rows are the attempts and a pair's `terminal` is a till row ([`MatchSet::is_till_attempt`]),
//! so the QR rules and `check` read a 支付中 row the bill shows paid as a 掉单, not as money
//! nobody rang up. Never across wallets, and ids before amount and time.
//!
//! A last, separate search ([`deposit`]) follows the settled money one step further: which bank
//! credits pay which clearing dates (Σ net of one or several consecutive dates per credit).

mod assign;
mod cancel;
mod coverage;
pub mod deposit;
mod orders;
mod qr;
mod rrn;
mod stan;
mod window;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rustc_hash::FxBuildHasher;

pub use coverage::{AcquirerCoverage, TerminalCoverage};
pub(crate) use orders::is_paid_electronic_order;
pub use orders::{OrderKey, OrderLink};
pub use qr::WalletCoverage;
pub(crate) use qr::is_qr;

use crate::config::Settings;
use crate::model::{Outcome, Record, Role, TxnType};

/// Which matching pass paired two records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pass {
    /// Same 参考号 (RRN).
    Rrn,
    /// Same 终端号 + 凭证号 (STAN) + date.
    Stan,
    /// Same 终端号 + amount, close in time (fallback).
    Window,
    /// Same order id (商户订单号 or the wallet's order number).
    OrderId,
    /// QR attempt and wallet-bill row: same wallet and amount, close in time.
    QrWindow,
}

impl Pass {
    /// Stable short name, used in tests and evidence.
    pub fn as_str(self) -> &'static str {
        match self {
            Pass::Rrn => "rrn",
            Pass::Stan => "stan",
            Pass::Window => "window",
            Pass::OrderId => "order_id",
            Pass::QrWindow => "qr_window",
        }
    }
}

/// One terminal record and the acquirer record that is the same transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Index of the terminal record in the records slice: the attempt. For a QR payment on a day
    /// no terminal log holds QR attempts, a till payment row ([`MatchSet::is_till_attempt`]).
    pub terminal: usize,
    /// Index of the acquirer record in the records slice.
    pub acquirer: usize,
    /// The pass that made the pair.
    pub pass: Pass,
    /// How sure the pairing is, 0..1 (RRN 0.97, STAN 0.93, window 0.70..0.85).
    pub confidence: f64,
    /// Acquirer time minus terminal time, in seconds, when both have a time.
    pub time_delta_secs: Option<i64>,
    /// Whether the card last 4 digits agree; `None` when either side lacks them.
    pub card_agrees: Option<bool>,
}

/// A 撤销 (void) or 冲正 (reversal) that undoes a sale in the same file role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancellation {
    /// Index of the sale that was undone.
    pub sale: usize,
    /// Index of the void or reversal record.
    pub canceller: usize,
}

/// Which records belong together, and why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MatchSet {
    /// Matched pairs, in canonical order of their terminal record.
    pub pairs: Vec<Pair>,
    /// Terminal records with no acquirer partner, in canonical order.
    pub terminal_leftovers: Vec<usize>,
    /// Acquirer records with no terminal partner, in canonical order.
    pub acquirer_leftovers: Vec<usize>,
    /// Same-side voids and reversals and the sales they undo, in canonical order of the sale.
    pub cancellations: Vec<Cancellation>,
    /// Time range of the terminal logs, per terminal.
    pub terminal_coverage: TerminalCoverage,
    /// Clearing dates present in the acquirer statements.
    pub acquirer_coverage: AcquirerCoverage,
    /// Clearing date of every record (same index as the records slice).
    pub clearing_dates: Vec<Option<NaiveDate>>,
    /// Canonical position of every record (same index as the records slice).
    pub canonical_rank: Vec<usize>,
    /// Acquirer settlement <-> bank deposits.
    pub deposits: deposit::DepositSet,
    /// Refunds (退货) and the sales they refund, same side, in canonical order of the sale (then of
    /// the refund: a sale may have several partial refunds).
    pub refunds: Vec<Cancellation>,
    /// Refunds that name a sale (a shared identifier, 原参考号 / 原凭证号) but would take its
    /// refunds past its amount: left unlinked (each stays its own chain) and recorded here against
    /// the sale they name, in canonical order of the sale, then of the refund.
    pub over_refunds: Vec<Cancellation>,
    /// Orders and the transactions that paid them, in canonical order of the order.
    pub order_links: Vec<OrderLink>,
    /// Wallet-bill rows with no terminal partner, in canonical order.
    pub wallet_leftovers: Vec<usize>,
    /// Days the wallet bills cover.
    pub wallet_coverage: WalletCoverage,
    /// Index into `pairs` for every record that is in a pair.
    pair_of: Vec<Option<usize>>,
    /// For every void, reversal or refund: the sale it undoes.
    undoes: Vec<Option<usize>>,
    /// For every sale with refunds: the refunds linked to it, in canonical order. A map, not a
    /// vector per record: refunds are few, and an empty `Vec` for each of three million records
    /// was 72 MB written on every match.
    refunded_by: BTreeMap<usize, Vec<usize>>,
    /// For every sale refunds name that its amount could not take: those refunds
    /// (`over_refunds`), in canonical order.
    over_refunded_by: BTreeMap<usize, Vec<usize>>,
    /// Index into `order_links` for every order and every payment in one.
    order_link_of: Vec<Option<usize>>,
    /// Index into `cancellations` for every record that is a cancelled sale.
    cancelled_by: Vec<Option<usize>>,
    /// Per record: a till payment row that is a QR attempt ([`qr::till_attempts`]).
    till_attempts: Vec<bool>,
}

impl MatchSet {
    /// Payment attempts followed: terminal records plus settled rows with no terminal record.
    pub fn attempts(&self, records: &[Record]) -> u64 {
        records
            .iter()
            .enumerate()
            .filter(|(idx, r)| match r.role {
                Role::TerminalLog => true,
                Role::OrderList => self.is_till_attempt(*idx),
                Role::AcquirerStatement => self.pair_of(*idx).is_none(),
                // A withdrawal (提现) moves the balance to the bank: no payment attempt.
                Role::WalletBill => self.pair_of(*idx).is_none() && !r.withdrawal(),
                _ => false,
            })
            .count() as u64
    }

    /// The pair a record belongs to, if any.
    pub fn pair_of(&self, record_idx: usize) -> Option<&Pair> {
        self.pair_of.get(record_idx).copied().flatten().map(|p| &self.pairs[p])
    }

    /// The void or reversal that undid this sale on its own side, if any.
    pub fn cancelled_by(&self, record_idx: usize) -> Option<usize> {
        self.cancelled_by
            .get(record_idx)
            .copied()
            .flatten()
            .map(|c| self.cancellations[c].canceller)
    }

    /// The sale a void, reversal or refund undoes, if linked.
    pub fn undoes(&self, record_idx: usize) -> Option<usize> {
        self.undoes.get(record_idx).copied().flatten()
    }

    /// The first refund linked to this sale, if any.
    pub fn refunded_by(&self, record_idx: usize) -> Option<usize> {
        self.refunds_of(record_idx).first().copied()
    }

    /// Every refund linked to this sale (partial refunds can be several), in canonical order.
    pub fn refunds_of(&self, record_idx: usize) -> &[usize] {
        self.refunded_by.get(&record_idx).map_or(&[], Vec::as_slice)
    }

    /// The amount refunded of this sale so far, in fen (0 when nothing is linked); never more
    /// than the sale.
    pub fn refunded_cents(&self, records: &[Record], record_idx: usize) -> i64 {
        self.refunds_of(record_idx).iter().map(|&r| records[r].amount_cents).sum()
    }

    /// The refunds naming this sale that were left unlinked because the sale's amount could not
    /// take them (see `over_refunds`), in canonical order.
    pub fn over_refunds_of(&self, record_idx: usize) -> &[usize] {
        self.over_refunded_by.get(&record_idx).map_or(&[], Vec::as_slice)
    }

    /// How much the refunds naming this sale (linked or left over) exceed it, in fen; 0 when they
    /// do not.
    pub fn over_refunded_cents(&self, records: &[Record], record_idx: usize) -> i64 {
        let over: i64 =
            self.over_refunds_of(record_idx).iter().map(|&r| records[r].amount_cents).sum();
        if over == 0 {
            return 0;
        }
        (self.refunded_cents(records, record_idx) + over - records[record_idx].amount_cents).max(0)
    }

    /// The order link an order or a payment is in, if any.
    pub fn order_link(&self, record_idx: usize) -> Option<&OrderLink> {
        self.order_link_of.get(record_idx).copied().flatten().map(|l| &self.order_links[l])
    }

    /// A terminal QR attempt (or a till payment row standing in for one) that the loaded wallet
    /// bills decide instead of the acquirer statements (QR rules report on it, card rules leave
    /// it alone).
    pub fn wallet_followed(&self, records: &[Record], record_idx: usize) -> bool {
        let r = &records[record_idx];
        ((r.role == Role::TerminalLog && is_qr(r)) || self.is_till_attempt(record_idx))
            && !self.wallet_coverage.is_empty()
    }

    /// A till (收银系统) payment row that is a QR payment attempt: no terminal log holds QR
    /// attempts for its day, so the till's list plays the terminal log's part (see [`qr`]).
    pub fn is_till_attempt(&self, record_idx: usize) -> bool {
        self.till_attempts.get(record_idx).copied().unwrap_or(false)
    }

    /// Clearing date of a record.
    pub fn clearing_date(&self, record_idx: usize) -> Option<NaiveDate> {
        self.clearing_dates.get(record_idx).copied().flatten()
    }
}

/// Clearing date (清算日期) of a record.
///
/// The file's own settlement date wins. Otherwise the transaction date, moved to the next day when
/// the time is at or after the cut-off (日切, 23:00 by default): a sale at 23:30 on the 5th clears
/// on the 6th and shows up in the 6th's settlement.
pub fn clearing_date(record: &Record, settings: &Settings) -> Option<NaiveDate> {
    if let Some(date) = record.settlement_date {
        return Some(date);
    }
    let time = record.time?;
    if time.time() >= settings.cutoff { time.date().succ_opt() } else { Some(time.date()) }
}

/// Matches records across files.
///
/// In: every file's records (as [`crate::normalize::run`] gives them, one list; indices into it
/// are what the [`MatchSet`] holds) and the settings it reads (`cutoff` for clearing dates, the
/// windows, settlement cycles and holidays for expected deposit dates, the deposit tolerance).
/// Out: terminal attempts paired with settlement rows (pass by pass: RRN, STAN, order id, then
/// amount and time window; a record is in at most one pair), voids, reversals and refunds linked
/// to their sales, orders linked to payments, bank credits paired with runs of clearing dates
/// ([`deposit::run`]), the leftovers on each side and what each file covers. The result does
/// not depend on the records' order (canonical ranks break ties). Never fails.
pub fn run(records: &[Record], settings: &Settings) -> MatchSet {
    let (clearing_dates, roles): (Vec<Option<NaiveDate>>, Vec<Role>) =
        records.iter().map(|r| (clearing_date(r, settings), r.role)).unzip();
    let canonical_rank = canonical_ranks(records);
    let till_attempts = qr::till_attempts(records, &roles);
    let ctx = Ctx {
        records,
        settings,
        clearing_dates: &clearing_dates,
        rank: &canonical_rank,
        till: &till_attempts,
        roles: &roles,
    };

    let pairs = pair_passes(&ctx);
    let mut pair_of = vec![None; records.len()];
    let mut partner = vec![None; records.len()];
    for (pair_idx, pair) in pairs.iter().enumerate() {
        pair_of[pair.terminal] = Some(pair_idx);
        pair_of[pair.acquirer] = Some(pair_idx);
        partner[pair.terminal] = Some(pair.acquirer);
        partner[pair.acquirer] = Some(pair.terminal);
    }

    let Undoing {
        cancellations,
        cancelled_by,
        undoes,
        refunds,
        refunded_by,
        over_refunds,
        over_refunded_by,
    } = undoing(&ctx, &partner);
    let pair_refs: Vec<Option<&Pair>> = pair_of.iter().map(|p| p.map(|i| &pairs[i])).collect();
    let order_links = orders::run(&ctx, &pair_refs);
    let mut order_link_of = vec![None; records.len()];
    for (link_idx, link) in order_links.iter().enumerate() {
        order_link_of[link.order] = Some(link_idx);
        order_link_of[link.payment] = Some(link_idx);
    }

    let terminal_leftovers = leftovers(&ctx, &pair_of, Role::TerminalLog);
    let acquirer_leftovers = leftovers(&ctx, &pair_of, Role::AcquirerStatement);
    let wallet_leftovers = leftovers(&ctx, &pair_of, Role::WalletBill);

    let deposits = deposit::run(records, &roles, &clearing_dates, &canonical_rank, settings);
    let terminal_coverage = TerminalCoverage::of(ctx.of_role(Role::TerminalLog));
    let acquirer_coverage =
        AcquirerCoverage::of(ctx.of_role(Role::AcquirerStatement), &clearing_dates);
    let wallet_coverage = WalletCoverage::of(ctx.of_role(Role::WalletBill));
    MatchSet {
        deposits,
        pairs,
        terminal_leftovers,
        acquirer_leftovers,
        cancellations,
        terminal_coverage,
        acquirer_coverage,
        clearing_dates,
        canonical_rank,
        pair_of,
        cancelled_by,
        refunds,
        order_links,
        wallet_leftovers,
        wallet_coverage,
        undoes,
        refunded_by,
        over_refunds,
        over_refunded_by,
        order_link_of,
        till_attempts,
    }
}

/// The records of `role` in no pair (withdrawals aside), in canonical order.
fn leftovers(ctx: &Ctx, pair_of: &[Option<usize>], role: Role) -> Vec<usize> {
    let mut idxs: Vec<usize> = ctx
        .of_role(role)
        .filter(|&(i, r)| pair_of[i].is_none() && !r.withdrawal())
        .map(|(i, _)| i)
        .collect();
    idxs.sort_by_key(|&i| ctx.rank[i]);
    idxs
}

/// The pairing passes in order, each taking what the earlier ones left; pairs in canonical order
/// of their terminal row.
fn pair_passes(ctx: &Ctx) -> Vec<Pair> {
    let records = ctx.records;
    let mut used = vec![false; records.len()];
    let mut pairs = Vec::new();
    for pass in [Pass::Rrn, Pass::Stan, Pass::OrderId, Pass::Window, Pass::QrWindow] {
        let candidates = match pass {
            Pass::Rrn => rrn::candidates(ctx, &used),
            Pass::Stan => stan::candidates(ctx, &used),
            Pass::OrderId => qr::id_candidates(ctx, &used),
            Pass::Window => window::candidates(ctx, &used),
            Pass::QrWindow => qr::window_candidates(ctx, &used),
        };
        let accepted = match pass {
            Pass::Window | Pass::QrWindow => assign::best_total(ctx, candidates, &mut used),
            _ => accept_greedily(ctx, candidates, &mut used),
        };
        for c in accepted {
            pairs.push(Pair {
                terminal: c.left,
                acquirer: c.right,
                pass,
                confidence: c.confidence,
                time_delta_secs: time_delta_secs(&records[c.left], &records[c.right]),
                card_agrees: card_agrees(&records[c.left], &records[c.right]),
            });
        }
    }
    // Each rank fetched once, not twice per comparison (scattered over the records).
    pairs.sort_by_cached_key(|p| ctx.rank[p.terminal]);
    pairs
}

/// Voids, reversals and refunds linked to the sales they undo, with the per-record indices
/// [`MatchSet`] keeps (same meaning as its fields of the same names).
struct Undoing {
    cancellations: Vec<Cancellation>,
    cancelled_by: Vec<Option<usize>>,
    undoes: Vec<Option<usize>>,
    refunds: Vec<Cancellation>,
    refunded_by: BTreeMap<usize, Vec<usize>>,
    over_refunds: Vec<Cancellation>,
    over_refunded_by: BTreeMap<usize, Vec<usize>>,
}

/// Links voids and reversals first, then card refunds, then wallet refunds (each refund up to
/// what its sale has left), and records the refunds that would pass their sale.
fn undoing(ctx: &Ctx, partner: &[Option<usize>]) -> Undoing {
    let (records, rank) = (ctx.records, ctx.rank);
    let mut cancel_used = vec![false; records.len()];
    let mut cancellations: Vec<Cancellation> =
        accept_greedily(ctx, cancel::candidates(ctx, partner), &mut cancel_used)
            .into_iter()
            .map(|c| Cancellation { sale: c.left, canceller: c.right })
            .collect();
    cancellations.sort_by_key(|c| rank[c.sale]);
    let mut cancelled_by = vec![None; records.len()];
    let mut undoes = vec![None; records.len()];
    for (cancel_idx, c) in cancellations.iter().enumerate() {
        cancelled_by[c.sale] = Some(cancel_idx);
        undoes[c.canceller] = Some(c.sale);
    }
    let mut refund_used = cancel_used;
    let mut remaining: Vec<i64> = records.iter().map(|r| r.amount_cents).collect();
    let card_refunds = cancel::refund_candidates(ctx, partner);
    let mut refunds: Vec<Cancellation> =
        accept_refunds(ctx, card_refunds.clone(), &mut refund_used, &mut remaining);
    let wallet_refunds = qr::refund_candidates(ctx, &refund_used);
    refunds.extend(accept_refunds(ctx, wallet_refunds.clone(), &mut refund_used, &mut remaining));
    refunds.sort_by_key(|c| (rank[c.sale], rank[c.canceller]));
    let mut refunded_by: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for c in &refunds {
        refunded_by.entry(c.sale).or_default().push(c.canceller);
        undoes[c.canceller] = Some(c.sale);
    }
    let over_refunds =
        over_refunds(ctx, card_refunds.into_iter().chain(wallet_refunds), &refund_used);
    let mut over_refunded_by: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for c in &over_refunds {
        over_refunded_by.entry(c.sale).or_default().push(c.canceller);
    }
    Undoing {
        cancellations,
        cancelled_by,
        undoes,
        refunds,
        refunded_by,
        over_refunds,
        over_refunded_by,
    }
}

/// What every pass can see.
pub(crate) struct Ctx<'a> {
    pub(crate) records: &'a [Record],
    pub(crate) settings: &'a Settings,
    pub(crate) clearing_dates: &'a [Option<NaiveDate>],
    pub(crate) rank: &'a [usize],
    /// Per record: a till payment row that is a QR attempt ([`qr::till_attempts`]).
    pub(crate) till: &'a [bool],
    /// Per record: its role, one byte apiece ([`Ctx::of_role`]).
    pub(crate) roles: &'a [Role],
}

impl<'a> Ctx<'a> {
    /// The records of one role with their indices, in index order. The roles are read from their
    /// own dense column, not from the records: a pass that wants a million terminal attempts
    /// out of three million records (with the order list) would otherwise fetch every record's
    /// cache lines to read one byte, about 0.1 s per walk.
    pub(crate) fn of_role(
        &self,
        role: Role,
    ) -> impl Iterator<Item = (usize, &'a Record)> + use<'a> {
        roles_of(self.records, self.roles, move |r| r == role)
    }
}

/// The records whose role `wanted` accepts, with their indices, in index order, reading the roles
/// from `roles` (one per record) instead of the records.
pub(crate) fn roles_of<'a, F: Fn(Role) -> bool + 'a>(
    records: &'a [Record],
    roles: &'a [Role],
    wanted: F,
) -> impl Iterator<Item = (usize, &'a Record)> + use<'a, F> {
    roles.iter().enumerate().filter(move |(_, r)| wanted(**r)).map(|(idx, _)| (idx, &records[idx]))
}

/// A possible pairing proposed by a pass. `rank` is compared first, smaller is better.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub(crate) left: usize,
    pub(crate) right: usize,
    pub(crate) rank: [i64; 3],
    pub(crate) confidence: f64,
}

/// Accepts candidates best first, each record at most once.
///
/// A candidate whose two records are in no other candidate competes with nothing: wherever the
/// sort would put it, it is taken when both records are free, and taking it changes nothing for
/// the others. So only the contested candidates are sorted, and the accepted set is the same as
/// sorting them all (its order differs; callers sort what they build). At a chain store's million
/// 参考号 pairs nearly every candidate is alone, and sorting them all on scattered ranks was a
/// third of the RRN pass. Few candidates (a window component) take the plain sort.
fn accept_greedily(ctx: &Ctx, candidates: Vec<Candidate>, used: &mut [bool]) -> Vec<Candidate> {
    let (alone, mut contested) = if candidates.len() >= 1024 {
        let mut seen = vec![0u8; ctx.records.len()];
        for c in &candidates {
            seen[c.left] = seen[c.left].saturating_add(1);
            seen[c.right] = seen[c.right].saturating_add(1);
        }
        candidates.into_iter().partition(|c| seen[c.left] == 1 && seen[c.right] == 1)
    } else {
        (Vec::new(), candidates)
    };
    contested.sort_by_cached_key(|c| (c.rank, ctx.rank[c.left], ctx.rank[c.right]));
    let mut accepted = Vec::with_capacity(alone.len());
    for c in alone.into_iter().chain(contested) {
        if used[c.left] || used[c.right] {
            continue;
        }
        used[c.left] = true;
        used[c.right] = true;
        accepted.push(c);
    }
    accepted
}

/// Accepts refund candidates best first: each refund at most once, and a sale only while what
/// remains of it (`remaining`, in fen, the sale's amount less the refunds accepted so far) covers
/// the refund, so several partial refunds add up to at most the sale and none is larger than it.
fn accept_refunds(
    ctx: &Ctx,
    mut candidates: Vec<Candidate>,
    used: &mut [bool],
    remaining: &mut [i64],
) -> Vec<Cancellation> {
    candidates.sort_by_cached_key(|c| (c.rank, ctx.rank[c.left], ctx.rank[c.right]));
    let mut accepted = Vec::new();
    for c in candidates {
        let amount = ctx.records[c.right].amount_cents;
        if used[c.left] || used[c.right] || remaining[c.left] < amount {
            continue;
        }
        used[c.right] = true;
        remaining[c.left] -= amount;
        accepted.push(Cancellation { sale: c.left, canceller: c.right });
    }
    accepted
}

/// The refunds no sale took that name one (rank `[0 | 1, ..]`: a shared identifier, 原参考号 or
/// 原凭证号): each is recorded against the best sale it names, which its amount would have taken
/// past the sale's. A refund that only fits by card or amount names nothing and is left alone: it
/// may refund a sale outside the files.
fn over_refunds(
    ctx: &Ctx,
    candidates: impl Iterator<Item = Candidate>,
    used: &[bool],
) -> Vec<Cancellation> {
    let mut best: BTreeMap<usize, Candidate> = BTreeMap::new();
    for c in candidates.filter(|c| c.rank[0] < 2 && !used[c.right] && !used[c.left]) {
        let key = |c: &Candidate| (c.rank, ctx.rank[c.left]);
        match best.get(&c.right) {
            Some(b) if key(b) <= key(&c) => {}
            _ => {
                best.insert(c.right, c);
            }
        }
    }
    let mut out: Vec<Cancellation> =
        best.into_values().map(|c| Cancellation { sale: c.left, canceller: c.right }).collect();
    out.sort_by_key(|c| (ctx.rank[c.sale], ctx.rank[c.canceller]));
    out
}

/// Canonical position of every record: sorted on (time, file index, line), never on slice order.
///
/// The keys are copied out and sorted by value (ties on the slice position, as a stable sort
/// would leave them): comparing through the indices would fetch two whole records per
/// comparison, scattered over a chain store's two million. (time, file index, line) is packed
/// into one `u128` ([`packed_key`]), so the sort compares integers and moves 32 bytes; the rare
/// records that tie on it are then ordered by the rest of the key ([`CanonicalKey`]).
fn canonical_ranks(records: &[Record]) -> Vec<usize> {
    let order = match packed_order(records) {
        Some(order) => order,
        None => {
            let mut keyed: Vec<(CanonicalKey, usize)> =
                records.iter().enumerate().map(|(idx, r)| (canonical_key(r), idx)).collect();
            keyed.sort_unstable();
            keyed.into_iter().map(|(_, idx)| idx).collect()
        }
    };
    let mut rank = vec![0; records.len()];
    for (pos, idx) in order.into_iter().enumerate() {
        rank[idx] = pos;
    }
    rank
}

/// The records' indices in canonical order through [`packed_key`]; `None` when a record's key
/// does not pack (then the caller sorts on [`CanonicalKey`] itself).
fn packed_order(records: &[Record]) -> Option<Vec<usize>> {
    let mut keyed: Vec<(u128, u32)> = Vec::with_capacity(records.len());
    for (idx, r) in records.iter().enumerate() {
        keyed.push((packed_key(r)?, u32::try_from(idx).ok()?));
    }
    // Each file is mostly in time order already, so the records are a few long sorted runs: the
    // stable sort merges runs (a quarter of the time of the unstable one at three million), and
    // every element differs (the index is in it), so the order is the same.
    keyed.sort();
    let mut order: Vec<usize> = keyed.iter().map(|&(_, idx)| idx as usize).collect();
    // Records equal on (time, file, line): the rest of the key, then the slice position.
    let mut start = 0;
    while start < keyed.len() {
        let end = start + keyed[start..].iter().take_while(|k| k.0 == keyed[start].0).count();
        if end - start > 1 {
            order[start..end].sort_unstable_by_key(|&idx| (canonical_key(&records[idx]), idx));
        }
        start = end;
    }
    Some(order)
}

/// (time, file index, line) as one integer with the same order: 1 bit "has a time", 44 bits of
/// seconds (offset to be positive), 31 bits of nanoseconds (a leap second's too), 20 bits of
/// file index, 32 of line. `None` when a part does not fit (never for real files).
fn packed_key(r: &Record) -> Option<u128> {
    let time = match r.time {
        None => 0,
        Some(t) => {
            let t = t.and_utc();
            let secs = u128::try_from(t.timestamp().checked_add(1 << 43)?).ok()?;
            let nanos = u128::from(t.timestamp_subsec_nanos());
            if secs >= 1 << 44 || nanos >= 1 << 31 {
                return None;
            }
            1 << 75 | secs << 31 | nanos
        }
    };
    let file = Some(u128::from(r.file_idx)).filter(|&f| f < 1 << 20)?;
    Some(time << 52 | file << 32 | u128::from(r.line))
}

/// What the canonical order compares: time, file index, line, then content as a last resort.
type CanonicalKey = (Option<NaiveDateTime>, usize, u32, Role, i64, TxnType, Outcome);

fn canonical_key(r: &Record) -> CanonicalKey {
    (r.time, r.file_idx as usize, r.line, r.role, r.amount_cents, r.txn_type, r.outcome)
}

/// A hash map for the indices of the hot loops (records by identifier, amount, card, terminal),
/// where a `BTreeMap` keyed by strings spent its time comparing them. Its hasher is fixed, so
/// even its iteration order is the same on every run; still, code that builds output from one
/// sorts the output, never relying on that order. The hasher is rustc's FxHash (`rustc-hash`):
/// no random seed and fast on short keys; not collision-resistant, which is fine for keys read
/// from the merchant's own files and held in memory for one analysis.
pub(crate) type LookupMap<K, V> = HashMap<K, V, FxBuildHasher>;

/// The set counterpart of [`LookupMap`].
pub(crate) type LookupSet<K> = HashSet<K, FxBuildHasher>;

/// Records by key without a vector per key: one hash entry per key pointing at its latest
/// record, each record pointing at the one before (a pass indexing a million 参考号 would
/// otherwise allocate a million one-element vectors). A record may be under several keys.
pub(crate) struct KeyIndex<K> {
    head: LookupMap<K, usize>,
    /// `(record, previous entry of the same key)`; `usize::MAX` ends a key's list.
    entries: Vec<(usize, usize)>,
}

impl<K: std::hash::Hash + Eq> KeyIndex<K> {
    pub(crate) fn with_capacity(n: usize) -> Self {
        KeyIndex {
            head: LookupMap::with_capacity_and_hasher(n, FxBuildHasher),
            entries: Vec::with_capacity(n),
        }
    }

    pub(crate) fn insert(&mut self, key: K, record: usize) {
        let entry = self.entries.len();
        let previous = self.head.insert(key, entry).unwrap_or(usize::MAX);
        self.entries.push((record, previous));
    }

    /// The records under `key`, latest inserted first (callers sort what they build).
    pub(crate) fn get(&self, key: &K) -> impl Iterator<Item = usize> + use<'_, K> {
        let mut entry = self.head.get(key).copied().unwrap_or(usize::MAX);
        std::iter::from_fn(move || {
            let &(record, previous) = self.entries.get(entry)?;
            entry = previous;
            Some(record)
        })
    }
}

/// Records by identifier for a join of two sides (settled rows by 参考号, probed by the terminal
/// attempts; payments probed by orders): a sort-merge join instead of a hash index. At a chain
/// store's million rows a hash insert or lookup misses the cache every time (measured: about
/// 0.4 s to index a million 参考号 and 0.4 s more to look them up), where sorting both sides and
/// walking them together reads memory in order. All-digit identifiers (the 12-digit 参考号) are
/// packed with their record into one `u128` ([`IdJoin::pack`]) and sorted; any other identifier
/// goes to a [`KeyIndex`]. Which of the two an identifier takes depends on the identifier alone,
/// so equal identifiers always meet.
pub(crate) struct IdJoin<'a> {
    /// Whether record indices fit the packed form (32 bits); else everything is in `other`.
    packs: bool,
    /// `(digits value << 40) | (digit count << 32) | record`, sorted by [`IdJoin::join`].
    packed: Vec<u128>,
    other: KeyIndex<IdKey<'a>>,
}

impl<'a> IdJoin<'a> {
    /// An empty join side for indices into a slice of `n_records`, with room for `capacity`.
    pub(crate) fn with_capacity(n_records: usize, capacity: usize) -> Self {
        let packs = u32::try_from(n_records).is_ok();
        IdJoin {
            packs,
            packed: Vec::with_capacity(if packs { capacity } else { 0 }),
            other: KeyIndex::with_capacity(if packs { 0 } else { capacity }),
        }
    }

    fn pack(&self, key: IdKey, record: usize) -> Option<u128> {
        match key {
            IdKey::Digits(len, value) if self.packs => {
                Some(u128::from(value) << 40 | u128::from(len) << 32 | record as u128)
            }
            _ => None,
        }
    }

    /// Adds `record` under identifier `id` (trimmed, non-empty: see [`ident`]).
    pub(crate) fn insert(&mut self, id: &'a str, record: usize) {
        let key = IdKey::of(id);
        match self.pack(key, record) {
            Some(packed) => self.packed.push(packed),
            None => self.other.insert(key, record),
        }
    }

    /// Calls `found(probe record, inserted record)` for every probe `(identifier, record)` and
    /// every inserted record with an equal identifier, in no particular order (callers sort what
    /// they build, as with any index here).
    pub(crate) fn join(
        mut self,
        probes: impl IntoIterator<Item = (&'a str, usize)>,
        mut found: impl FnMut(usize, usize),
    ) {
        let mut left = Vec::new();
        for (id, record) in probes {
            let key = IdKey::of(id);
            match self.pack(key, record) {
                Some(packed) => left.push(packed),
                None => self.other.get(&key).for_each(|r| found(record, r)),
            }
        }
        if left.is_empty() || self.packed.is_empty() {
            return;
        }
        left.sort_unstable();
        self.packed.sort_unstable();
        let right = &self.packed;
        let key = |packed: u128| packed >> 32;
        let record = |packed: u128| (packed as u32) as usize;
        let (mut i, mut j) = (0, 0);
        while i < left.len() && j < right.len() {
            let (kl, kr) = (key(left[i]), key(right[j]));
            if kl < kr {
                i += 1;
            } else if kl > kr {
                j += 1;
            } else {
                let i_end = i + left[i..].iter().take_while(|&&p| key(p) == kl).count();
                let j_end = j + right[j..].iter().take_while(|&&p| key(p) == kl).count();
                for &l in &left[i..i_end] {
                    for &r in &right[j..j_end] {
                        found(record(l), record(r));
                    }
                }
                (i, j) = (i_end, j_end);
            }
        }
    }
}

/// An identifier (参考号, order number) as a hash key without its bytes: all digits (up to 19,
/// so it fits a `u64`) it is the number and its length, so `000123` and `123` stay two keys as
/// the strings are; anything else is the text itself. Two keys are equal exactly when the
/// strings are, and hashing or comparing a 12-digit 参考号 touches no string memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum IdKey<'a> {
    /// All ASCII digits: their count and their value.
    Digits(u8, u64),
    /// Anything else, as written (trimmed).
    Text(&'a str),
}

impl<'a> IdKey<'a> {
    pub(crate) fn of(id: &'a str) -> Self {
        if id.len() <= 19 && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
            let value = id.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
            IdKey::Digits(id.len() as u8, value)
        } else {
            IdKey::Text(id)
        }
    }
}

// Shared comparisons used by several passes.

/// Trimmed, non-empty identifier.
pub(crate) fn ident<S: AsRef<str>>(value: &Option<S>) -> Option<&str> {
    value.as_ref().map(|s| s.as_ref().trim()).filter(|s| !s.is_empty())
}

/// Terminal ids agree, or one side does not say (a single-terminal log often has no 终端号 column).
pub(crate) fn terminals_compatible(a: &Record, b: &Record) -> bool {
    match (ident(&a.terminal_id), ident(&b.terminal_id)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// Card last 4 agree (`Some(true)`), differ (`Some(false)`), or are unknown on a side.
pub(crate) fn card_agrees(a: &Record, b: &Record) -> Option<bool> {
    Some(a.card_last4()? == b.card_last4()?)
}

/// Both sides carry a 参考号 and they differ: certainly two different transactions.
pub(crate) fn rrn_conflicts(a: &Record, b: &Record) -> bool {
    matches!((ident(&a.rrn), ident(&b.rrn)), (Some(x), Some(y)) if x != y)
}

/// Both sides carry a 批次号 and the numbers differ.
pub(crate) fn batch_conflicts(a: &Record, b: &Record) -> bool {
    let num = |r: &Record| ident(&r.batch_no).and_then(|s| s.parse::<u32>().ok());
    matches!((num(a), num(b)), (Some(x), Some(y)) if x != y)
}

/// Transaction types that can be the same transaction on both sides.
pub(crate) fn types_compatible(a: TxnType, b: TxnType) -> bool {
    a == b
}

/// `b.time - a.time` in seconds, when both are known.
pub(crate) fn time_delta_secs(a: &Record, b: &Record) -> Option<i64> {
    Some((b.time? - a.time?).num_seconds())
}

/// Absolute time distance in seconds; unknown counts as far.
pub(crate) fn abs_delta_or_far(a: &Record, b: &Record) -> i64 {
    time_delta_secs(a, b).map_or(i64::MAX / 4, i64::abs)
}

/// The matching window as a duration.
pub(crate) fn window(settings: &Settings) -> Duration {
    Duration::minutes(settings.match_window_minutes.max(0))
}
