//! `operator`: how the terminal was used: voids on the wrong day, wrong ids, mistyped amounts.
//!
//! ## What it detects
//! - **Void and refund errors**: a 撤销 or 退货 declined with 12 无效关联交易 (typically a void on
//!   a later day), 25 找不到原始交易 (wrong 凭证号/参考号), 64 原始金额错误, 58 不允许终端进行
//!   (done on another terminal) or 22 关联交易错误. One incident per terminal and day. Each of these
//!   is a mistake by definition (customers' cards never produce them), so one is enough.
//! - **Amount keying errors**: two sales of the same card on the same terminal within
//!   [`KEYING_WINDOW_MINUTES`] whose amounts differ the way typing does: ×10 or ÷10 (an extra or
//!   missing zero), one digit dropped or added, or two neighbouring digits swapped. Requiring the
//!   same card keeps two customers' unrelated sales out of it. The incident only says the amount
//!   was keyed wrong (金额输错) when the files show it corrected: the wrong amount declined, or
//!   voided, reversed or refunded in full, and the right amount charged. Two approved charges
//!   that nothing undid may as well be two purchases of one customer, so they are only a
//!   question (金额待核对, lower confidence) that never says the cashier mistyped.
//!
//! ## Why
//! A void (撤销) only works on the same day and batch, before the 23:00 cut-over and settlement;
//! afterwards the host answers 12 and the customer has *not* been refunded, even if the cashier
//! thinks so. Wrong ids give 25, a partial amount 64. A mistyped amount that was approved and not
//! voided means the customer paid the wrong amount, even though both files agree.
//!
//! ## What to do
//! After settlement use 退货 instead of 撤销; take the ids from the receipt (签购单), not from
//! memory; for a wrong amount, void the wrong sale the same day or refund it afterwards and charge
//! the right amount (or only the difference).

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::{Attempts, Codes, Draft, Listed, Span, code_in, one_terminal, terminal};
use crate::matcher::LookupMap;
use crate::model::{Outcome, Record, TxnType};
use crate::report::Cause;

/// Two sales this close together may be a mistyped amount and its correction.
pub(crate) const KEYING_WINDOW_MINUTES: i64 = 30;
/// How far back the original of a void or refund is looked for.
const ORIGINAL_LOOKBACK_DAYS: i64 = 30;
/// How long after a mistake a successful void or refund counts as putting it right.
const REDO_WINDOW_DAYS: i64 = 7;

const VOID_ERRORS: &[&str] = &["12", "25", "64", "58", "22"];

/// How one amount can be a typing slip of another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slip {
    /// An extra zero: ten times the intended amount.
    TimesTen,
    /// A missing zero: a tenth of the intended amount.
    TenthOf,
    /// One digit more than intended.
    ExtraDigit,
    /// One digit fewer than intended.
    DroppedDigit,
    /// Two neighbouring digits swapped.
    Transposed,
}

/// How `keyed` (fen) could be a slip when `meant` was intended.
pub(crate) fn slip(keyed: i64, meant: i64) -> Option<Slip> {
    if keyed <= 0 || meant <= 0 || keyed == meant {
        return None;
    }
    if keyed == meant * 10 {
        return Some(Slip::TimesTen);
    }
    if keyed * 10 == meant {
        return Some(Slip::TenthOf);
    }
    let (k, m) = (keyed.to_string().into_bytes(), meant.to_string().into_bytes());
    let one_removed = |long: &[u8], short: &[u8]| {
        (0..long.len()).any(|skip| {
            long.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, b)| b).eq(short.iter())
        })
    };
    if k.len() == m.len() + 1 && one_removed(&k, &m) {
        return Some(Slip::ExtraDigit);
    }
    if m.len() == k.len() + 1 && one_removed(&m, &k) {
        return Some(Slip::DroppedDigit);
    }
    if k.len() == m.len() {
        let diff: Vec<usize> = (0..k.len()).filter(|&i| k[i] != m[i]).collect();
        if diff.len() == 2
            && diff[1] == diff[0] + 1
            && k[diff[0]] == m[diff[1]]
            && k[diff[1]] == m[diff[0]]
        {
            return Some(Slip::Transposed);
        }
    }
    None
}

pub(crate) fn detect(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let index = Index::default();
    let mut out = void_errors(att, claimed, &index);
    out.extend(keying_errors(att, claimed, &index));
    out
}

/// The attempts `original_of` and `redone` look among, indexed once and only when a mistake
/// needs them: scanning every attempt of their windows (30 and 7 days, a chain store's whole
/// month) for each mistake made the detector quadratic in the attempts.
#[derive(Default)]
struct Index<'a> {
    /// Approved sales and pre-authorisation completions, by terminal, in time order.
    sales: OnceCell<LookupMap<&'a str, Vec<usize>>>,
    /// Approved voids and refunds with a card, by card as written, in time order.
    undos: OnceCell<LookupMap<&'a str, Vec<usize>>>,
}

impl<'a> Index<'a> {
    fn sales(&self, att: &Attempts<'a>) -> &LookupMap<&'a str, Vec<usize>> {
        self.sales.get_or_init(|| {
            let mut by_terminal: LookupMap<&str, Vec<usize>> = LookupMap::default();
            for row in att.rows.iter().filter(|row| row.sale_or_completion() && row.approved()) {
                by_terminal.entry(att.terminal_name(row)).or_default().push(row.idx);
            }
            by_terminal
        })
    }

    fn undos(&self, att: &Attempts<'a>) -> &LookupMap<&'a str, Vec<usize>> {
        self.undos.get_or_init(|| {
            let mut by_card: LookupMap<&str, Vec<usize>> = LookupMap::default();
            for i in att.rows.iter().filter(|r| r.void_or_refund() && r.approved()).map(|r| r.idx) {
                if let Some(card) = att.record(i).card_masked.as_deref() {
                    by_card.entry(card).or_default().push(i);
                }
            }
            by_card
        })
    }
}

/// The part of `list` (attempts in time order) in `[from, to]`.
fn within<'l>(
    att: &Attempts,
    list: &'l [usize],
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> &'l [usize] {
    let lo = list.partition_point(|&i| att.time(i) < from);
    let hi = list.partition_point(|&i| att.time(i) <= to);
    &list[lo..hi.max(lo)]
}

fn void_errors<'a>(att: &Attempts<'a>, claimed: &BTreeSet<usize>, index: &Index<'a>) -> Vec<Draft> {
    let mut groups: BTreeMap<(&str, NaiveDate), Vec<usize>> = BTreeMap::new();
    for idx in att.rows.iter().filter(|r| r.void_or_refund() && r.failed()).map(|r| r.idx) {
        let r = att.record(idx);
        if !claimed.contains(&idx) && code_in(r, VOID_ERRORS) {
            groups.entry((terminal(r), att.time(idx).date())).or_default().push(idx);
        }
    }
    groups.into_iter().map(|((tid, _), members)| void_draft(att, tid, members, index)).collect()
}

/// The approved sale a void or refund most likely meant: same terminal, amount and card, before.
fn original_of<'a>(att: &Attempts<'a>, idx: usize, index: &Index<'a>) -> Option<usize> {
    let r = att.record(idx);
    let t = att.time(idx);
    let sales = index.sales(att).get(terminal(r))?;
    within(att, sales, t - Duration::days(ORIGINAL_LOOKBACK_DAYS), t).iter().rev().copied().find(
        |&i| {
            let s = att.record(i);
            i != idx
                && s.amount_cents == r.amount_cents
                && (s.card_masked.is_none()
                    || r.card_masked.is_none()
                    || s.card_masked == r.card_masked)
        },
    )
}

/// A later approved void or refund of the same amount and card: the mistake was put right.
fn redone<'a>(att: &Attempts<'a>, idx: usize, after: usize, index: &Index<'a>) -> Option<usize> {
    let r = att.record(idx);
    let t = att.time(after);
    let undos = index.undos(att).get(r.card_masked.as_deref()?)?;
    within(att, undos, t, t + Duration::days(REDO_WINDOW_DAYS))
        .iter()
        .copied()
        .find(|&i| i != idx && i != after && att.record(i).amount_cents == r.amount_cents)
}

/// What one terminal's refused voids and refunds of a day show.
pub(crate) struct VoidErrors<'a> {
    pub(crate) terminal: &'a str,
    pub(crate) span: Span,
    pub(crate) attempts: usize,
    pub(crate) codes: Codes,
    /// The sales the refused voids and refunds belonged to, each once.
    pub(crate) originals: Vec<Original<'a>>,
    pub(crate) listed: Listed<'a>,
    /// Voids or refunds of the same amount and card that went through afterwards.
    pub(crate) fixes: Vec<&'a Record>,
    /// Every refused one was put right afterwards.
    pub(crate) all_fixed: bool,
    /// A void was tried after its sale's clearing date.
    pub(crate) next_day: bool,
}

/// A refused void or refund and the sale it belonged to.
pub(crate) struct Original<'a> {
    pub(crate) attempt: &'a Record,
    pub(crate) sale: &'a Record,
    /// The sale's clearing date, when known.
    pub(crate) cleared: Option<NaiveDate>,
    /// The sale cleared before the void or refund's clearing date (past the cut-over).
    pub(crate) later: bool,
}

impl VoidErrors<'_> {
    /// Whether `code` is among the refusals.
    pub(crate) fn has(&self, code: &str) -> bool {
        self.codes.counts.contains_key(code)
    }
}

fn void_draft<'a>(att: &Attempts<'a>, tid: &str, members: Vec<usize>, index: &Index<'a>) -> Draft {
    let mut originals = Vec::new();
    let mut seen_originals = BTreeSet::new();
    for &idx in &members {
        let Some(orig) = original_of(att, idx, index) else { continue };
        if !seen_originals.insert(orig) {
            continue;
        }
        let (oc, rc) = (att.ctx.set.clearing_date(orig), att.ctx.set.clearing_date(idx));
        let later = matches!((oc, rc), (Some(a), Some(b)) if a < b);
        originals.push(Original {
            attempt: att.record(idx),
            sale: att.record(orig),
            cleared: oc,
            later,
        });
    }
    let next_day = originals.iter().any(|o| o.later && o.attempt.txn_type == TxnType::Void);
    let fixes: Vec<Option<usize>> = members.iter().map(|&i| redone(att, i, i, index)).collect();
    let fixed: BTreeSet<usize> = fixes.iter().flatten().copied().collect();
    let facts = VoidErrors {
        terminal: tid,
        span: att.span(&members),
        attempts: members.len(),
        codes: att.codes(&members),
        originals,
        listed: att.listed(&members, 10),
        fixes: fixed.into_iter().map(|i| att.record(i)).collect(),
        all_fixed: fixes.iter().all(Option::is_some),
        next_day,
    };
    Draft {
        cause: Cause::Operator,
        confidence: 0.9,
        terminal_ids: one_terminal(tid),
        words: said!(att.langs(), void_errors(&facts)),
        members,
    }
}

/// The sales (time order) of each card on each terminal that paid more than once, ordered by
/// (terminal, card). The sales are split by terminal first (a few hundred at most), then grouped
/// by card within each terminal: a terminal's map stays small enough to be cached, where one map
/// of every (terminal, card) of a chain store's month missed the cache on nearly every sale.
/// Most cards pay once: each sale gets a dense group number by the hash of its card (kept in the
/// attempts' rows, so no record is read), and only the groups of two or more are laid out,
/// split by the card as written and sorted, with no vector per card.
fn sales_per_card<'a>(att: &Attempts<'a>, claimed: &BTreeSet<usize>) -> Vec<(&'a str, Vec<usize>)> {
    // From the rows, without reading a record: the sales with a card by terminal number, each
    // with a hash of its card.
    let mut by_terminal: Vec<Vec<(u64, usize)>> = vec![Vec::new(); att.n_terminal_names()];
    for row in att.rows.iter().filter(|row| row.sale() && row.card_hash != 0) {
        if !claimed.contains(&row.idx) {
            by_terminal[row.terminal as usize].push((row.card_hash, row.idx));
        }
    }
    let mut terminals: Vec<(&str, Vec<(u64, usize)>)> = by_terminal
        .into_iter()
        .enumerate()
        .filter(|(_, sales)| !sales.is_empty())
        .map(|(number, sales)| (att.terminal_names()[number], sales))
        .collect();
    terminals.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let card = |idx: usize| att.record(idx).card_masked.as_deref().map_or("", str::trim);
    let mut out = Vec::new();
    for (tid, sales) in terminals {
        let mut group_of: LookupMap<u64, usize> =
            LookupMap::with_capacity_and_hasher(sales.len(), Default::default());
        let mut n_groups = 0;
        let mut tagged: Vec<(usize, usize)> = Vec::with_capacity(sales.len());
        for &(hash, idx) in &sales {
            let group = *group_of.entry(hash).or_insert(n_groups);
            if group == n_groups {
                n_groups += 1;
            }
            tagged.push((group, idx));
        }
        let mut count = vec![0u32; n_groups];
        for &(group, _) in &tagged {
            count[group] += 1;
        }
        tagged.retain(|&(group, _)| count[group] > 1);
        // Stable: each hash's sales stay in time order.
        tagged.sort_by_key(|&(group, _)| group);
        // Equal cards have equal hashes; a hash's sales are split by the card as written
        // (stable again, so each card's stay in time order).
        let mut repeated: Vec<(&str, Vec<usize>)> = Vec::new();
        for run in tagged.chunk_by(|a, b| a.0 == b.0) {
            let mut cards: Vec<(&str, usize)> =
                run.iter().map(|&(_, idx)| (card(idx), idx)).collect();
            cards.sort_by(|a, b| a.0.cmp(b.0));
            for same in cards.chunk_by(|a, b| a.0 == b.0).filter(|same| same.len() > 1) {
                repeated.push((same[0].0, same.iter().map(|&(_, idx)| idx).collect()));
            }
        }
        repeated.sort_unstable_by(|a, b| a.0.cmp(b.0));
        out.extend(repeated.into_iter().map(|(_, sales)| (tid, sales)));
    }
    out
}

fn keying_errors<'a>(
    att: &Attempts<'a>,
    claimed: &BTreeSet<usize>,
    index: &Index<'a>,
) -> Vec<Draft> {
    let repeated = sales_per_card(att, claimed);
    let window = Duration::minutes(KEYING_WINDOW_MINUTES);
    let mut out = Vec::new();
    for (tid, sales) in repeated {
        let mut used: BTreeSet<usize> = BTreeSet::new();
        for (pos, &first) in sales.iter().enumerate() {
            if used.contains(&first) {
                continue;
            }
            let t = att.time(first);
            let next =
                sales[pos + 1..].iter().copied().take_while(|&j| att.time(j) - t <= window).find(
                    |&j| {
                        !used.contains(&j)
                            && slip(att.record(first).amount_cents, att.record(j).amount_cents)
                                .is_some()
                    },
                );
            if let Some(second) = next {
                used.insert(first);
                used.insert(second);
                out.push(keying_draft(att, tid, first, second, index));
            }
        }
    }
    out
}

/// What two sales of one card whose amounts differ like a typing slip show.
pub(crate) struct Keying<'a> {
    pub(crate) terminal: &'a str,
    pub(crate) slip: Slip,
    /// The first sale (the amount keyed) and the second (the amount meant).
    pub(crate) first: &'a Record,
    pub(crate) second: &'a Record,
    /// Seconds between them.
    pub(crate) gap_secs: i64,
    /// The first was refused, voided, reversed or refunded.
    pub(crate) undone: bool,
    /// The void or refund of the first that went through afterwards.
    pub(crate) refund: Option<&'a Record>,
    /// The files show the first amount was a mistake: refused or undone, and the second approved.
    pub(crate) corrected: bool,
    /// Both were charged and nothing undid the first.
    pub(crate) both_charged: bool,
    pub(crate) listed: Listed<'a>,
}

fn keying_draft<'a>(
    att: &Attempts<'a>,
    tid: &str,
    first: usize,
    second: usize,
    index: &Index<'a>,
) -> Draft {
    let (a, b) = (att.record(first), att.record(second));
    let refund = redone(att, first, second, index).filter(|_| a.outcome == Outcome::Approved);
    let cancelled = att.ctx.set.cancelled_by(first).is_some();
    let undone = a.outcome != Outcome::Approved || cancelled || refund.is_some();
    // Evidence that the first amount was a mistake: refused, or undone in full, before or after
    // the right amount went through. Without it the two may be two purchases.
    let corrected = b.outcome == Outcome::Approved
        && (a.outcome == Outcome::Declined || cancelled || refund.is_some());
    let facts = Keying {
        terminal: tid,
        slip: slip(a.amount_cents, b.amount_cents).expect("checked"),
        first: a,
        second: b,
        gap_secs: (att.time(second) - att.time(first)).num_seconds(),
        undone,
        refund: refund.map(|v| att.record(v)),
        corrected,
        both_charged: a.outcome == Outcome::Approved && !undone && b.outcome == Outcome::Approved,
        listed: att.listed(&[first, second], 2),
    };
    Draft {
        cause: Cause::Operator,
        confidence: if corrected { 0.75 } else { 0.4 },
        terminal_ids: one_terminal(tid),
        words: said!(att.langs(), keying(&facts)),
        members: vec![first, second],
    }
}
