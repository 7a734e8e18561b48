//! `issuer`: one card issuer is failing while other cards pass.
//!
//! ## What it detects
//! Failures with issuer codes (91 发卡方不能操作, 98/68 发卡方超时, 06 发卡行故障) on cards of one
//! BIN (the first six digits of the masked card, which name the issuing bank and card product),
//! at least [`MIN_FAILURES`] of them from at least [`MIN_CARDS`] different cards, each within
//! [`GAP_MINUTES`] of the previous one, while in the same span cards of other BINs were approved
//! and failed clearly less often, and the failing BIN's own approvals were fewer than its
//! failures.
//!
//! One BIN failing now and then over days, too spread out for an episode, is the `persistent`
//! detector's: it compares the BIN's failure rate with the other BINs' by an exact test.
//!
//! ## Why
//! When only one bank's cards fail, the shop, its network and the switch are fine: the issuer's
//! system is down or slow. Several different cards are required, because one customer trying the
//! same card three times is that customer's problem. Issuer timeouts (98, 68) leave the money in
//! doubt, so these attempts still need reconciling.
//!
//! ## What to do
//! Ask customers with that bank's cards to pay with another card or another way for now, check
//! the timed-out attempts against the statement, and report the issuer and the times to the
//! acquirer.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;

use super::attempts::{NO_BIN, bin_key};
use super::{Attempts, Codes, Draft, Listed, Span, bin, chains, code_in};
use crate::matcher::LookupMap;
use crate::report::Cause;

/// Fewest failures of one BIN.
pub(crate) const MIN_FAILURES: usize = 3;
/// Fewest different cards among them.
pub(crate) const MIN_CARDS: usize = 2;
/// Largest gap between two failures of one episode (issuer faults can last hours).
pub(crate) const GAP_MINUTES: i64 = 60;

pub(crate) const ISSUER_CODES: &[&str] = &["91", "98", "68", "06"];

pub(crate) fn detect(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let mut per_bin: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for idx in att.rows.iter().filter(|row| row.failed()).map(|row| row.idx) {
        let r = att.record(idx);
        if !claimed.contains(&idx)
            && code_in(r, ISSUER_CODES)
            && let Some(b) = bin(r)
        {
            per_bin.entry(b).or_default().push(idx);
        }
    }
    let counts = SpanCounts::new(att, &per_bin);
    let mut out = Vec::new();
    for (b, failures) in per_bin {
        for run in chains(att, &failures, GAP_MINUTES * 60) {
            let cards: BTreeSet<&str> =
                run.iter().filter_map(|&i| att.record(i).card_masked.as_deref()).collect();
            if run.len() < MIN_FAILURES || cards.len() < MIN_CARDS {
                continue;
            }
            let start = att.time(run[0]);
            let end = att.time(*run.last().expect("non-empty"));
            let (own_ok, other_ok, other_fail) = counts.in_span(att, b, start, end);
            if other_ok == 0 || other_fail * 2 >= run.len() || own_ok >= run.len() {
                continue;
            }
            out.push(draft(att, b, run, cards.len(), other_ok));
        }
    }
    out
}

/// What an issuer's failing cards show.
pub(crate) struct IssuerFault<'a> {
    /// The BIN (first six digits) of the failing cards.
    pub(crate) bin: &'a str,
    pub(crate) span: Span,
    pub(crate) failures: usize,
    /// Different cards among the failures.
    pub(crate) cards: usize,
    /// Approvals of other issuers' cards in the same span.
    pub(crate) other_ok: usize,
    pub(crate) codes: Codes,
    pub(crate) listed: Listed<'a>,
}

/// The approvals and issuer-coded failures in any span, counted without rescanning the span:
/// prefix sums over all attempts, and the positions of each failing BIN's own (every BIN's
/// episode would otherwise walk every attempt of its hours, and a chain store has many).
struct SpanCounts {
    /// Approved attempts among the first `p` (`att.sorted` order).
    approved: Vec<usize>,
    /// Failed attempts with an issuer code among the first `p`.
    issuer_failed: Vec<usize>,
    /// Per BIN with failures (by `bin_key`): positions of its approved and of its
    /// issuer-failed attempts.
    own: LookupMap<u32, (Vec<usize>, Vec<usize>)>,
}

impl SpanCounts {
    fn new(att: &Attempts, per_bin: &BTreeMap<&str, Vec<usize>>) -> Self {
        let mut counts = SpanCounts {
            approved: Vec::with_capacity(att.sorted.len() + 1),
            issuer_failed: Vec::with_capacity(att.sorted.len() + 1),
            own: per_bin.keys().map(|&b| (bin_key(b), (Vec::new(), Vec::new()))).collect(),
        };
        let (mut approved, mut issuer_failed) = (0, 0);
        counts.approved.push(0);
        counts.issuer_failed.push(0);
        // From the rows: only a failure's record is read, for its code.
        for (pos, row) in att.rows.iter().enumerate() {
            let ok = row.approved();
            let issuer = !ok && code_in(att.record(row.idx), ISSUER_CODES);
            approved += usize::from(ok);
            issuer_failed += usize::from(issuer);
            counts.approved.push(approved);
            counts.issuer_failed.push(issuer_failed);
            if (ok || issuer)
                && row.bin != NO_BIN
                && let Some((own_ok, own_failed)) = counts.own.get_mut(&row.bin)
            {
                if ok { own_ok.push(pos) } else { own_failed.push(pos) }
            }
        }
        counts
    }

    /// `(own approvals, other BINs' approvals, other BINs' issuer failures)` in `[start, end]`;
    /// "other" includes attempts without a BIN.
    fn in_span(
        &self,
        att: &Attempts,
        b: &str,
        start: NaiveDateTime,
        end: NaiveDateTime,
    ) -> (usize, usize, usize) {
        let (lo, hi) = att.positions_between(start, end);
        let within = |positions: &[usize]| {
            positions.partition_point(|&p| p < hi) - positions.partition_point(|&p| p < lo)
        };
        let (own_ok, own_failed) =
            self.own.get(&bin_key(b)).map_or((0, 0), |(ok, failed)| (within(ok), within(failed)));
        let approved = self.approved[hi] - self.approved[lo];
        let issuer_failed = self.issuer_failed[hi] - self.issuer_failed[lo];
        (own_ok, approved - own_ok, issuer_failed - own_failed)
    }
}

pub(crate) fn draft(
    att: &Attempts,
    b: &str,
    members: Vec<usize>,
    n_cards: usize,
    other_ok: usize,
) -> Draft {
    let facts = IssuerFault {
        bin: b,
        span: att.span(&members),
        failures: members.len(),
        cards: n_cards,
        other_ok,
        codes: att.codes(&members),
        listed: att.listed(&members, 10),
    };
    Draft {
        cause: Cause::Issuer,
        confidence: if n_cards >= 3 { 0.85 } else { 0.75 },
        terminal_ids: att.terminal_ids(&members),
        words: said!(att.langs(), issuer(&facts)),
        members,
    }
}
