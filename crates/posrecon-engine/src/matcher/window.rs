//! Pass 3 (fallback): pairs by (终端号, amount, time within `match_window_minutes`).
//!
//! Some files carry neither a usable 参考号 nor a 凭证号 (terminal exports without a reply have
//! no RRN; some acquirer exports drop the STAN). What remains is the same terminal, the same
//! amount and nearly the same time. That is a guess, so this pass:
//!
//! - refuses pairs whose card last 4 or 参考号 are both known and differ (another customer);
//! - never pairs a terminal attempt the host *declined*: a decline is a definite host answer that
//!   no money moved, and only an identifier (passes 1 and 2) can overturn it;
//! - ranks a candidate by card agreement first, then closeness in time, then STAN agreement, so
//!   two identical sales minutes apart each get the settled row closest to them;
//! - scores confidence between 0.70 and 0.85 by card agreement and closeness.
//!
//! Settled rows are bucketed by (type, amount) in a `BTreeMap` (ordered, so iteration is never
//! hash-order dependent) and sorted by time; each terminal attempt looks
//! only at the slice of its bucket inside the window (binary search), so there is no all-pairs scan.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDateTime};

use super::{Candidate, Ctx, card_agrees, rrn_conflicts, terminals_compatible, window};
use crate::model::{Outcome, Record, Role, TxnType};
use crate::report::round_confidence;

/// Lowest confidence of a window pair (no card to compare, far apart in time).
pub(crate) const BASE_CONFIDENCE: f64 = 0.70;

/// Candidate pairs between unused terminal and acquirer records close in time.
pub(crate) fn candidates(ctx: &Ctx, used: &[bool]) -> Vec<Candidate> {
    let records = ctx.records;
    let window = window(ctx.settings);
    let window_secs = window.num_seconds().max(1);

    let buckets = TimeBuckets::new(ctx, Role::AcquirerStatement, |idx, _| !used[idx]);

    let mut out = Vec::new();
    for (t_idx, t) in ctx.of_role(Role::TerminalLog) {
        if used[t_idx] || t.outcome == Outcome::Declined {
            continue;
        }
        let Some(t_time) = t.time else { continue };
        for (a_time, a_idx) in buckets.near(t, t_time, window) {
            let a = &records[a_idx];
            let card = card_agrees(t, a);
            if !terminals_compatible(t, a) || card == Some(false) || rrn_conflicts(t, a) {
                continue;
            }
            let delta = (a_time - t_time).num_seconds().abs();
            let stan_differs = matches!(
                (t.stan_number(), a.stan_number()),
                (Some(x), Some(y)) if x != y
            );
            let closeness = 1.0 - (delta.min(window_secs) as f64 / window_secs as f64);
            let card_bonus = if card == Some(true) { 0.10 } else { 0.0 };
            out.push(Candidate {
                left: t_idx,
                right: a_idx,
                rank: [i64::from(card != Some(true)), delta, i64::from(stan_differs)],
                confidence: round_confidence(BASE_CONFIDENCE + card_bonus + 0.05 * closeness),
            });
        }
    }
    out
}

/// The records of a role that `keep` accepts and that have a time, bucketed by (type, amount),
/// each bucket sorted by (time, canonical rank): the rows near a time are a binary search away,
/// never an all-pairs scan.
pub(crate) struct TimeBuckets(BTreeMap<(TxnType, i64), Vec<(NaiveDateTime, usize)>>);

impl TimeBuckets {
    pub(crate) fn new(ctx: &Ctx, role: Role, keep: impl Fn(usize, &Record) -> bool) -> Self {
        let mut buckets: BTreeMap<(TxnType, i64), Vec<(NaiveDateTime, usize)>> = BTreeMap::new();
        for (idx, r) in ctx.of_role(role) {
            if !keep(idx, r) {
                continue;
            }
            if let Some(time) = r.time {
                buckets.entry((r.txn_type, r.amount_cents)).or_default().push((time, idx));
            }
        }
        for bucket in buckets.values_mut() {
            bucket.sort_by_key(|&(time, idx)| (time, ctx.rank[idx]));
        }
        TimeBuckets(buckets)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `(time, index)` of the kept records of `t`'s type and amount within `window` of `time`, in
    /// bucket order.
    pub(crate) fn near(
        &self,
        t: &Record,
        time: NaiveDateTime,
        window: Duration,
    ) -> impl Iterator<Item = (NaiveDateTime, usize)> + '_ {
        let bucket = self.0.get(&(t.txn_type, t.amount_cents)).map_or(&[][..], Vec::as_slice);
        let start = bucket.partition_point(|&(at, _)| at < time - window);
        bucket[start..].iter().copied().take_while(move |&(at, _)| at <= time + window)
    }
}
