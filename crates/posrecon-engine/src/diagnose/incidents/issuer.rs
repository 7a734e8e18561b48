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

use super::{Attempts, Codes, Draft, Listed, Span, bin, chains, code_in, failed};
use crate::model::Outcome;
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
    for &idx in &att.sorted {
        let r = att.record(idx);
        if !claimed.contains(&idx)
            && failed(r)
            && code_in(r, ISSUER_CODES)
            && let Some(b) = bin(r)
        {
            per_bin.entry(b).or_default().push(idx);
        }
    }
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
            let (mut other_ok, mut other_fail, mut own_ok) = (0, 0, 0);
            for &i in att.between(start, end) {
                let r = att.record(i);
                match (bin(r) == Some(b), r.outcome == Outcome::Approved) {
                    (true, true) => own_ok += 1,
                    (false, true) => other_ok += 1,
                    (false, false) if code_in(r, ISSUER_CODES) => other_fail += 1,
                    _ => {}
                }
            }
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
        words: words!(att.lang(), issuer(&facts)),
        members,
    }
}
