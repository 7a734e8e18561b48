//! `network`: a burst of no-replies on one terminal while the others work.
//!
//! ## What it detects
//! On one terminal, at least [`MIN_FAILURES`] attempts that got no answer at all (timeout with no
//! response code, "通讯失败", or `Z3` "could not go online"), each within [`GAP_MINUTES`] of the
//! previous one. Confidence is highest when another terminal approved sales in the same minutes
//! (so the bank was up); with only one terminal in the files, or the others idle, it is lower.
//!
//! ## Why
//! A reply that never reached the terminal was lost on the terminal's side of the link: weak
//! mobile signal, an exhausted SIM data plan, a Wi-Fi router that dropped, interference. While it
//! lasts, every sale is a potential 掉单, because the card may be charged and the automatic
//! reversal (冲正) may not get through either. A single timeout is everyday noise and raises
//! nothing; three in a short run are a pattern.
//!
//! ## What to do
//! Check the terminal's signal, SIM data and Wi-Fi; move it or switch to another network; contact
//! the POS provider with the 终端号 and the times; reconcile every attempt of the burst.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Duration;

use super::{
    Attempts, Codes, Device, Draft, Listed, Span, chains, code_in, no_reply, one_terminal, terminal,
};
use crate::model::Outcome;
use crate::report::Cause;

/// Fewest no-replies that make a burst.
pub(crate) const MIN_FAILURES: usize = 3;
/// Largest gap between two no-replies of one burst.
pub(crate) const GAP_MINUTES: i64 = 10;
/// How far around the burst other terminals are looked at.
pub(crate) const AROUND_MINUTES: i64 = 10;

/// A terminal-side network failure: no reply at all, or "could not go online".
pub(crate) fn lost_link(r: &crate::model::Record) -> bool {
    no_reply(r) || code_in(r, &["Z3"])
}

pub(crate) fn detect(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let mut per_terminal: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for row in att.rows.iter().filter(|row| row.lost_link() && !claimed.contains(&row.idx)) {
        per_terminal.entry(att.terminal_name(row)).or_default().push(row.idx);
    }
    let n_terminals = att.terminal_count();
    let mut out = Vec::new();
    for (tid, failures) in per_terminal {
        for run in chains(att, &failures, GAP_MINUTES * 60) {
            if run.len() < MIN_FAILURES {
                continue;
            }
            let start = att.time(run[0]);
            let end = att.time(*run.last().expect("non-empty"));
            let around = Duration::minutes(AROUND_MINUTES);
            let nearby = att.between(start - around, end + around);
            let others_ok = nearby
                .iter()
                .filter(|&&i| {
                    let r = att.record(i);
                    terminal(r) != tid && r.outcome == Outcome::Approved
                })
                .count();
            let own_ok = att
                .between(start, end)
                .iter()
                .filter(|&&i| {
                    let r = att.record(i);
                    terminal(r) == tid && r.outcome == Outcome::Approved
                })
                .count();
            let confidence = if others_ok > 0 {
                0.85
            } else if n_terminals <= 1 {
                0.6
            } else {
                0.7
            };
            out.push(draft(att, tid, run, others_ok, own_ok, n_terminals, confidence));
        }
    }
    out
}

/// What a burst of no-replies on one terminal shows.
pub(crate) struct NetworkDrop<'a> {
    pub(crate) device: Device<'a>,
    pub(crate) span: Span,
    pub(crate) failures: usize,
    /// Approvals on other terminals within [`AROUND_MINUTES`].
    pub(crate) others_ok: usize,
    /// Approvals on this terminal during the burst.
    pub(crate) own_ok: usize,
    /// Terminals in the files.
    pub(crate) terminals: usize,
    /// Every attempt is a QR scan: the wallet bills decide what was charged.
    pub(crate) qr: bool,
    pub(crate) codes: Codes,
    pub(crate) listed: Listed<'a>,
}

fn draft(
    att: &Attempts,
    tid: &str,
    members: Vec<usize>,
    others_ok: usize,
    own_ok: usize,
    n_terminals: usize,
    confidence: f64,
) -> Draft {
    let facts = NetworkDrop {
        device: att.device(tid, &members),
        span: att.span(&members),
        failures: members.len(),
        others_ok,
        own_ok,
        terminals: n_terminals,
        qr: att.all_qr(&members),
        codes: att.codes(&members),
        listed: att.listed(&members, 10),
    };
    Draft {
        cause: Cause::Network,
        confidence,
        terminal_ids: one_terminal(tid),
        words: said!(att.langs(), network(&facts)),
        members,
    }
}
