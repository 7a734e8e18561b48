//! The attempts every detector reads: one per payment attempt, from every file that lists them.
//!
//! A shop that lives on QR codes may have no terminal log at all: its attempts are in the till's
//! (收银系统) payment list, one row per scan with 支付状态 (支付成功, 支付中, 支付失败, 结果未知) and
//! the device (设备号), and in the wallet bills, whose failed or closed rows (USERPAYING,
//! SYSTEMERROR, PAYERROR, CLOSED, REVOKED, NOTPAY; 支付宝 等待付款, 交易关闭) are attempts the
//! wallet saw. A card shop's attempts are in the terminal log. The detectors read all three.
//!
//! ## Sources
//! - terminal log: every row with a time, reversals left out (they repeat an attempt);
//! - till payment list (an order list): rows with a time paid by WeChat Pay, Alipay or another
//!   QR code, and card rows when no terminal log is loaded (otherwise the terminal log holds the
//!   card attempts, with codes); beside a terminal log, only rows that name their device (设备号):
//!   a cashier's order list without one is orders, not a device's attempts;
//! - wallet bill: rows of a scan that failed or was closed or revoked, except payments on a
//!   personal 收款码 bill (no device, no till). A paid wallet row is only ever the twin of an
//!   attempt another file lists: on its own it is a payment, not an attempt the shop's devices
//!   report on.
//!
//! ## One attempt seen in two files counts once
//! Records are grouped, in this order: the matcher's pairs (terminal attempt and its wallet row),
//! the matcher's order links (a paid till row and the payment behind it), then shared ids: the
//! till's 支付单号 is the wallet's 商户订单号, its 第三方单号 the wallet's own order number, and a
//! terminal's 商户订单号 the bill's. An id joins records only when exactly one record of each file
//! role carries it (two scans of one order share the 订单号, never the attempt), and a group never
//! holds two records of one role. The group's record from the terminal log, else the till, else
//! the wallet bill represents it (`Attempts::sorted`); the others are its twins, named in the
//! evidence and used to link findings.
//!
//! Groups are formed in canonical order, so the attempts do not depend on the order of the files.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;

use super::{
    Codes, Device, Listed, Listing, Span, code, code_counts, no_reply, on_till_devices, terminal,
};
use crate::diagnose::Context;
use crate::knowledge;
use crate::matcher::{LookupMap, ident, is_qr};
use crate::model::{Outcome, PayMethod, Record, Role, TxnType};
use crate::report::Finding;

/// Attempts sorted by time, the input of every detector.
pub(crate) struct Attempts<'a> {
    pub(crate) ctx: &'a Context<'a>,
    /// Record indices of the attempts (one record each, see the module docs), sorted by
    /// (time, canonical rank).
    pub(crate) sorted: Vec<usize>,
    /// One compact [`Row`] per attempt, in the order of `sorted`.
    pub(crate) rows: Vec<Row>,
    /// The terminal ids the rows name (`Row::terminal`), in order of first appearance; `""` for
    /// records without one.
    terminal_names: Vec<&'a str>,
    /// Attempts a finding already rests on.
    pub(crate) in_findings: BTreeSet<usize>,
    /// The other records of an attempt (a till row's wallet row), by the attempt's record.
    twins: BTreeMap<usize, Vec<usize>>,
    /// [`Self::terminal_count`], counted once for the detectors that ask.
    terminals: OnceCell<usize>,
}

impl<'a> Attempts<'a> {
    /// Collects and groups the attempts of every source, and marks those `findings` rest on.
    /// Also returns, per finding, the attempts it rests on.
    pub(crate) fn collect(ctx: &'a Context<'a>, findings: &[Finding]) -> (Self, Vec<Vec<usize>>) {
        let (sorted, twins) = group(ctx);
        // The attempt each place (file, line) a finding names belongs to: the first attempt in
        // time order with a record there. Only the findings' places are kept (thousands, not an
        // entry per attempt), and file names are numbered first (two inputs of one name, a
        // workbook's sheets, are one name to a finding too) so the keys are integers.
        const NONE: usize = usize::MAX;
        let mut name_ids: LookupMap<&str, u64> = LookupMap::default();
        let mut name_id = |name| {
            let next = name_ids.len() as u64;
            *name_ids.entry(name).or_insert(next)
        };
        let file_ids: Vec<u64> = ctx.inputs.iter().map(|i| name_id(i.file.as_str())).collect();
        let unknown = name_id("?");
        let key = |file: u64, line: u32| file << 32 | u64::from(line);
        let finding_places: Vec<Vec<u64>> = findings
            .iter()
            .map(|f| {
                let places = f.records.iter();
                places.filter_map(|r| Some(key(*name_ids.get(r.file.as_str())?, r.line))).collect()
            })
            .collect();
        let mut attempt_at: LookupMap<u64, usize> =
            finding_places.iter().flatten().map(|&place| (place, NONE)).collect();
        // In the pass that reads each attempt's record for its row anyway.
        let (rows, terminal_names) = rows_of(ctx, &sorted, &twins, |idx, r| {
            let file = file_ids.get(r.file_idx as usize).copied().unwrap_or(unknown);
            if let Some(slot) = attempt_at.get_mut(&key(file, r.line))
                && *slot == NONE
            {
                *slot = idx;
            }
        });
        let finding_attempts: Vec<Vec<usize>> = finding_places
            .iter()
            .map(|places| {
                let mut list: Vec<usize> = places
                    .iter()
                    .filter_map(|place| attempt_at.get(place).copied().filter(|&a| a != NONE))
                    .collect();
                list.dedup();
                list
            })
            .collect();
        let in_findings = finding_attempts.iter().flatten().copied().collect();
        let terminals = OnceCell::new();
        (
            Attempts { ctx, sorted, rows, terminal_names, in_findings, twins, terminals },
            finding_attempts,
        )
    }

    pub(crate) fn record(&self, idx: usize) -> &'a Record {
        &self.ctx.records[idx]
    }

    pub(crate) fn time(&self, idx: usize) -> NaiveDateTime {
        self.ctx.records[idx].time.expect("attempts have a time")
    }

    /// The languages the diagnosis words its facts in.
    pub(crate) fn langs(&self) -> crate::diagnose::Langs {
        self.ctx.langs()
    }

    /// The other records of the attempt `idx` (the same scan in another file).
    pub(crate) fn twins(&self, idx: usize) -> &[usize] {
        self.twins.get(&idx).map_or(&[], Vec::as_slice)
    }

    /// The attempt's record and its twins.
    fn all_records(&self, idx: usize) -> impl Iterator<Item = &'a Record> + '_ {
        std::iter::once(idx).chain(self.twins(idx).iter().copied()).map(|i| self.record(i))
    }

    /// Which wallet the attempt went to, when a file of the attempt says (WeChat Pay, Alipay).
    pub(crate) fn wallet(&self, idx: usize) -> Option<PayMethod> {
        self.all_records(idx)
            .filter_map(|r| r.pay_method)
            .find(|m| matches!(m, PayMethod::Wechat | PayMethod::Alipay))
    }

    /// A QR attempt (a wallet or a QR code), not a card.
    pub(crate) fn is_qr(&self, idx: usize) -> bool {
        let r = self.record(idx);
        r.role == Role::WalletBill || is_qr(r)
    }

    /// The payer, when the wallet's bill names one (用户标识, 对方账户).
    pub(crate) fn payer(&self, idx: usize) -> Option<&'a str> {
        self.all_records(idx)
            .filter(|r| r.role == Role::WalletBill)
            .find_map(|r| ident(r.counterparty()))
    }

    /// The wallet's own state for a failed attempt (`USERPAYING`, `SYSTEMERROR`, `CLOSED`; 支付宝's
    /// `等待付款` as `WAIT_BUYER_PAY` ...), from its wallet-bill row.
    pub(crate) fn wallet_state(&self, idx: usize) -> Option<&'static str> {
        self.all_records(idx)
            .filter(|r| r.role == Role::WalletBill && r.outcome != Outcome::Approved)
            .find_map(|r| r.response_text.as_deref().and_then(knowledge::qr_state_or_word))
            .map(|s| s.state)
    }

    /// The code an attempt is counted under: the response code, or for a till's or a wallet's
    /// attempt the wallet's state (a terminal log's attempts keep their own codes only).
    pub(crate) fn code(&self, idx: usize) -> Option<String> {
        let r = self.record(idx);
        code(r).or_else(|| {
            (r.role != Role::TerminalLog)
                .then(|| self.wallet_state(idx))
                .flatten()
                .map(str::to_owned)
        })
    }

    /// Whether the attempt is on a known device: a wallet's row without a 设备号 is not (a
    /// static code, or a bill without the column), so it counts for the wallet but not for any
    /// terminal.
    pub(crate) fn on_device(&self, idx: usize) -> bool {
        let r = self.record(idx);
        r.role != Role::WalletBill || !terminal(r).is_empty()
    }

    /// Where the attempt is written: its record and its twins, as `(file, line)`.
    pub(crate) fn places(&self, idx: usize) -> Vec<(&'a str, u32)> {
        std::iter::once(idx)
            .chain(self.twins(idx).iter().copied())
            .map(|i| (self.ctx.file_name(i), self.ctx.records[i].line))
            .collect()
    }

    /// When `members` (time-sorted, non-empty) happened: from the first to the last.
    pub(crate) fn span(&self, members: &[usize]) -> Span {
        let start = self.time(members[0]);
        let end = self.time(*members.last().expect("non-empty"));
        Span { start, end }
    }

    /// The response codes of `members`, `none` for the attempts without one.
    pub(crate) fn codes(&self, members: &[usize]) -> Codes {
        // Without a code, say what the attempts were: no reply at all, or just no code in the file.
        let all_no_reply =
            members.iter().filter(|&&i| self.code(i).is_none()).all(|&i| no_reply(self.record(i)));
        Codes { counts: code_counts(self, members), all_no_reply }
    }

    /// The first `limit` of `members`, listed one per line in the evidence.
    pub(crate) fn listed(&self, members: &[usize], limit: usize) -> Listed<'a> {
        let rows = members
            .iter()
            .take(limit)
            .map(|&idx| Listing { record: self.record(idx), places: self.places(idx) })
            .collect();
        Listed { rows, more: members.len().saturating_sub(limit) }
    }

    /// The device of `tid` for `members`: a till's when every one is a QR scan.
    pub(crate) fn device<'t>(&self, tid: &'t str, members: &[usize]) -> Device<'t> {
        Device { id: tid, till: on_till_devices(self, members) }
    }

    /// Whether every one of `members` is a QR scan: the wallet bills, not the acquirer statement,
    /// decide whether they were charged.
    pub(crate) fn all_qr(&self, members: &[usize]) -> bool {
        !members.is_empty() && members.iter().all(|&i| self.is_qr(i))
    }

    /// The terminal ids of `members`, in their order, leaving out records without one.
    pub(crate) fn terminal_ids(&self, members: &[usize]) -> Vec<String> {
        members
            .iter()
            .map(|&i| terminal(self.record(i)))
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The terminal id a row names ([`terminal`] of its record).
    pub(crate) fn terminal_name(&self, row: &Row) -> &'a str {
        self.terminal_names[row.terminal as usize]
    }

    /// How many terminal ids the rows name (`Row::terminal` is below it).
    pub(crate) fn n_terminal_names(&self) -> usize {
        self.terminal_names.len()
    }

    /// The terminal ids the rows name, by `Row::terminal`.
    pub(crate) fn terminal_names(&self) -> &[&'a str] {
        &self.terminal_names
    }

    /// Distinct terminals (card terminals and till devices) among the attempts.
    pub(crate) fn terminal_count(&self) -> usize {
        *self.terminals.get_or_init(|| self.distinct_terminals(Row::on_device))
    }

    /// Distinct terminals that took card attempts.
    pub(crate) fn card_terminal_count(&self) -> usize {
        self.distinct_terminals(|row| !row.is_qr())
    }

    /// Distinct terminal ids among the rows `keep` keeps.
    fn distinct_terminals(&self, keep: impl Fn(&Row) -> bool) -> usize {
        let mut seen = vec![false; self.terminal_names.len()];
        for row in self.rows.iter().filter(|row| keep(row)) {
            seen[row.terminal as usize] = true;
        }
        seen.into_iter().filter(|&s| s).count()
    }

    /// Attempts in `[from, to]`, in time order (binary search, then a scan of the range).
    pub(crate) fn between(&self, from: NaiveDateTime, to: NaiveDateTime) -> &[usize] {
        let (lo, hi) = self.positions_between(from, to);
        &self.sorted[lo..hi]
    }

    /// The range of [`Self::between`] as positions in `sorted`, `lo <= hi`.
    pub(crate) fn positions_between(
        &self,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> (usize, usize) {
        let lo = self.rows.partition_point(|row| row.time < from);
        let hi = self.rows.partition_point(|row| row.time <= to);
        (lo, hi.max(lo))
    }
}

/// An attempt's facts the detectors' walks test, beside `Attempts::sorted` (same position): a
/// walk over a chain store's million attempts reads these 40-byte rows in order instead of
/// each attempt's `Record` (about 340 bytes, and not in time order), and reads the record only
/// for the few rows it keeps (the failures, mostly). Each flag is the predicate of the same
/// name on the record, computed once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row {
    /// The attempt's record (the entry of `sorted`).
    pub(crate) idx: usize,
    pub(crate) time: NaiveDateTime,
    /// The terminal id, numbered (`Attempts::terminal_name`).
    pub(crate) terminal: u32,
    /// The card's BIN ([`super::bin`]) as a number ([`bin_key`]), or [`NO_BIN`].
    pub(crate) bin: u32,
    /// A hash of the trimmed card number, 0 without one (equal cards, equal hashes; not the
    /// other way round).
    pub(crate) card_hash: u64,
    flags: u16,
}

/// `Row::bin` of an attempt without a BIN.
pub(crate) const NO_BIN: u32 = u32::MAX;

/// A BIN (six ASCII digits) as a number: one number per BIN, leading zeros and all.
pub(crate) fn bin_key(bin: &str) -> u32 {
    bin.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0'))
}

const FAILED: u16 = 1;
const APPROVED: u16 = 1 << 1;
const DECLINED: u16 = 1 << 2;
const UNKNOWN: u16 = 1 << 3;
const LOST_LINK: u16 = 1 << 4;
const QR: u16 = 1 << 5;
const ON_DEVICE: u16 = 1 << 6;
const SALE: u16 = 1 << 7;
const PREAUTH_COMPLETION: u16 = 1 << 8;
const VOID_OR_REFUND: u16 = 1 << 9;

impl Row {
    fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }

    /// [`super::failed`]: declined or unknown.
    pub(crate) fn failed(&self) -> bool {
        self.has(FAILED)
    }

    pub(crate) fn approved(&self) -> bool {
        self.has(APPROVED)
    }

    pub(crate) fn declined(&self) -> bool {
        self.has(DECLINED)
    }

    /// Outcome unknown.
    pub(crate) fn unknown(&self) -> bool {
        self.has(UNKNOWN)
    }

    /// `network::lost_link`.
    pub(crate) fn lost_link(&self) -> bool {
        self.has(LOST_LINK)
    }

    /// [`Attempts::is_qr`].
    pub(crate) fn is_qr(&self) -> bool {
        self.has(QR)
    }

    /// [`Attempts::on_device`].
    pub(crate) fn on_device(&self) -> bool {
        self.has(ON_DEVICE)
    }

    pub(crate) fn sale(&self) -> bool {
        self.has(SALE)
    }

    /// A sale or a pre-authorisation completion.
    pub(crate) fn sale_or_completion(&self) -> bool {
        self.has(SALE | PREAUTH_COMPLETION)
    }

    /// A void or a refund.
    pub(crate) fn void_or_refund(&self) -> bool {
        self.has(VOID_OR_REFUND)
    }
}

/// The rows of `sorted` and the terminal ids they number; `visit` sees each attempt's record
/// and then its twins', in time order.
fn rows_of<'a>(
    ctx: &Context<'a>,
    sorted: &[usize],
    twins: &BTreeMap<usize, Vec<usize>>,
    mut visit: impl FnMut(usize, &Record),
) -> (Vec<Row>, Vec<&'a str>) {
    let mut numbers: LookupMap<&str, u32> = LookupMap::default();
    let mut names: Vec<&'a str> = Vec::new();
    let rows = sorted
        .iter()
        .map(|&idx| {
            let r = &ctx.records[idx];
            visit(idx, r);
            if !twins.is_empty() {
                for &twin in twins.get(&idx).into_iter().flatten() {
                    visit(idx, &ctx.records[twin]);
                }
            }
            let tid = terminal(r);
            let number = *numbers.entry(tid).or_insert_with(|| {
                names.push(tid);
                names.len() as u32 - 1
            });
            let qr = r.role == Role::WalletBill || is_qr(r);
            let on_device = r.role != Role::WalletBill || !tid.is_empty();
            let flags = [
                (r.outcome != Outcome::Approved, FAILED),
                (r.outcome == Outcome::Approved, APPROVED),
                (r.outcome == Outcome::Declined, DECLINED),
                (r.outcome == Outcome::Unknown, UNKNOWN),
                (super::network::lost_link(r), LOST_LINK),
                (qr, QR),
                (on_device, ON_DEVICE),
                (r.txn_type == TxnType::Sale, SALE),
                (r.txn_type == TxnType::PreauthCompletion, PREAUTH_COMPLETION),
                (matches!(r.txn_type, TxnType::Void | TxnType::Refund), VOID_OR_REFUND),
            ]
            .into_iter()
            .filter(|&(on, _)| on)
            .fold(0, |flags, (_, flag)| flags | flag);
            let card = r.card_masked.as_deref().map(str::trim).filter(|c| !c.is_empty());
            Row {
                idx,
                time: r.time.expect("attempts have a time"),
                terminal: number,
                bin: super::bin(r).map_or(NO_BIN, bin_key),
                card_hash: card.map_or(0, |c| {
                    use std::hash::BuildHasher;
                    rustc_hash::FxBuildHasher.hash_one(c) | 1
                }),
                flags,
            }
        })
        .collect();
    (rows, names)
}

/// What a record can be for the attempts: an attempt of its own, only a twin, or nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Attempt,
    TwinOnly,
}

fn part(ctx: &Context, has_terminal_log: bool, idx: usize) -> Option<Part> {
    let r = &ctx.records[idx];
    r.time?;
    match r.role {
        Role::TerminalLog => (r.txn_type != TxnType::Reversal).then_some(Part::Attempt),
        // A till row without a device beside a terminal log is a cashier's order list, not a
        // payment list: it would add a nameless "terminal" to every comparison.
        Role::OrderList if has_terminal_log && terminal(r).is_empty() => None,
        Role::OrderList => {
            let method = r.pay_method?;
            let qr = matches!(method, PayMethod::Wechat | PayMethod::Alipay | PayMethod::Qr);
            let card = method == PayMethod::Card && !has_terminal_log;
            (r.txn_type == TxnType::Sale && (qr || card)).then_some(Part::Attempt)
        }
        Role::WalletBill if r.static_qr() => None,
        Role::WalletBill => match (r.txn_type, r.outcome) {
            (TxnType::Sale, Outcome::Approved) => Some(Part::TwinOnly),
            (TxnType::Sale, _) | (TxnType::Void, _) => Some(Part::Attempt),
            _ => None,
        },
        Role::AcquirerStatement | Role::BankStatement => None,
    }
}

/// Which file's record represents a group: terminal log, then till, then wallet bill.
fn precedence(role: Role) -> u8 {
    match role {
        Role::TerminalLog => 0,
        Role::OrderList => 1,
        _ => 2,
    }
}

/// Union-find over record indices; a group never holds two records of one role (`roles` is a
/// bit per [`Role`] of the group's records, kept at its root). Vectors indexed by record, not
/// maps: every attempt of a chain store's month passes through here.
struct Groups {
    parent: Vec<usize>,
    roles: Vec<u8>,
}

fn role_bit(role: Role) -> u8 {
    1 << (role as u8)
}

impl Groups {
    /// Every record a group of its own; `roles` the [`role_bit`] of each.
    fn new(roles: Vec<u8>) -> Self {
        Groups { parent: (0..roles.len()).collect(), roles }
    }

    fn find(&mut self, x: usize) -> usize {
        let mut root = x;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        self.parent[x] = root;
        root
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb || self.roles[ra] & self.roles[rb] != 0 {
            return;
        }
        let (keep, gone) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.roles[keep] |= self.roles[gone];
        self.parent[gone] = keep;
    }
}

/// An identifier's records so far: which roles carry it, which carry it more than once, and the
/// record of each role (by `Role as usize`).
#[derive(Clone, Copy)]
struct IdHolders {
    roles: u8,
    repeated: u8,
    record: [usize; 5],
}

/// The attempts in time order, and the twins of each that has some.
fn group(ctx: &Context) -> (Vec<usize>, BTreeMap<usize, Vec<usize>>) {
    let records = ctx.records;
    let rank = &ctx.set.canonical_rank;
    let has_terminal_log = records.iter().any(|r| r.role == Role::TerminalLog);
    // One walk over the records for what each can be and its role bit.
    let (parts, roles): (Vec<Option<Part>>, Vec<u8>) = records
        .iter()
        .enumerate()
        .map(|(idx, r)| (part(ctx, has_terminal_log, idx), role_bit(r.role)))
        .unzip();
    // Canonical order from the ranks (a permutation), without a sort.
    let mut order: Vec<usize> = vec![0; records.len()];
    for (idx, &pos) in rank.iter().enumerate() {
        order[pos] = idx;
    }
    let in_order: Vec<usize> = order.into_iter().filter(|&i| parts[i].is_some()).collect();
    let mut groups = Groups::new(roles);

    // 1. The matcher's pairs (in canonical order of the terminal record).
    for pair in &ctx.set.pairs {
        if parts[pair.terminal].is_some() && parts[pair.acquirer].is_some() {
            groups.join(pair.terminal, pair.acquirer);
        }
    }
    // 2. Order links: a paid till row and its payment.
    for link in &ctx.set.order_links {
        if parts[link.order].is_some() && parts[link.payment].is_some() {
            groups.join(link.order, link.payment);
        }
    }
    // 3. Shared ids, where each role holds the id once, in the order of the ids.
    for members in shared_ids(records, &in_order) {
        for pair in members.windows(2) {
            groups.join(pair[0], pair[1]);
        }
    }
    heads_and_twins(records, rank, &parts, &in_order, &mut groups)
}

/// For every id held by records of two roles or more, each role holding it once: its records in
/// the order of their roles; the ids in their own (string) order.
fn shared_ids(records: &[Record], in_order: &[usize]) -> Vec<Vec<usize>> {
    let mut by_id: LookupMap<&str, IdHolders> = LookupMap::default();
    for &idx in in_order {
        let r = &records[idx];
        let ids = [ident(&r.order_id), ident(r.channel_order_id()), ident(r.pay_order_id())];
        for (n, id) in ids.iter().enumerate() {
            let Some(id) = *id else { continue };
            if ids[..n].contains(&Some(id)) {
                continue;
            }
            let holders =
                by_id.entry(id).or_insert(IdHolders { roles: 0, repeated: 0, record: [0; 5] });
            let bit = role_bit(r.role);
            if holders.roles & bit != 0 {
                holders.repeated |= bit;
            } else {
                holders.roles |= bit;
                holders.record[r.role as usize] = idx;
            }
        }
    }
    let mut shared: Vec<(&str, IdHolders)> =
        by_id.into_iter().filter(|(_, h)| h.repeated == 0 && h.roles.count_ones() >= 2).collect();
    shared.sort_unstable_by(|a, b| a.0.cmp(b.0));
    shared
        .into_iter()
        .map(|(_, h)| {
            (0..5).filter(|&role| h.roles & (1 << role) != 0).map(|role| h.record[role]).collect()
        })
        .collect()
}

/// Each group with an attempt gives one: its record from the terminal log, else the till, else
/// the wallet bill (then canonical order) stands for it, the others are its twins. Found in two
/// passes over `in_order` with vectors by root, not by sorting and splitting the million groups
/// (nearly all of one record); the heads come out in canonical order, which is time order.
fn heads_and_twins(
    records: &[Record],
    rank: &[usize],
    parts: &[Option<Part>],
    in_order: &[usize],
    groups: &mut Groups,
) -> (Vec<usize>, BTreeMap<usize, Vec<usize>>) {
    const NONE: usize = usize::MAX;
    let key = |i: usize| (precedence(records[i].role), rank[i]);
    let mut head: Vec<usize> = vec![NONE; records.len()];
    let mut has_attempt: Vec<bool> = vec![false; records.len()];
    for &idx in in_order {
        let root = groups.find(idx);
        has_attempt[root] |= parts[idx] == Some(Part::Attempt);
        if head[root] == NONE || key(idx) < key(head[root]) {
            head[root] = idx;
        }
    }
    let mut sorted = Vec::new();
    let mut twins: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &idx in in_order {
        let root = groups.find(idx);
        if !has_attempt[root] {
            continue;
        }
        if head[root] == idx {
            sorted.push(idx);
        } else {
            twins.entry(head[root]).or_default().push(idx);
        }
    }
    for members in twins.values_mut() {
        members.sort_by_key(|&i| key(i));
    }
    (sorted, twins)
}
