//! `bank_system`: the acquirer or the card switch failed, not the shop.
//!
//! Card attempts only: a wallet failing across devices is `wallet_system`, and its attempts
//! neither count as failures nor as approvals here.
//!
//! ## What it detects
//! Two patterns.
//!
//! - **Outage**: failures that point past the terminal (no reply, or codes 96 交换中心异常,
//!   91 发卡方不能操作, 92 线路不通, 98/68 发卡方超时, 90 日切, A7, C1, 20) chained across *all*
//!   terminals with at most [`GAP_MINUTES`] between neighbours, at least [`MIN_FAILURES`] of them,
//!   on at least two terminals when the files hold more than one, on cards of more than one
//!   issuer, and with no more approvals than failures in those minutes. With a single terminal in
//!   the files, only explicit host-fault codes (96, 90, 92, A7, C1) count, because a run of plain
//!   timeouts on one terminal is that terminal's network.
//! - **Cut-over** (日切): at least [`CUTOVER_MIN_FAILURES`] failures with 90 or 96 within
//!   [`CUTOVER_MARGIN_MINUTES`] minutes of the clearing cut-off (23:00 by default).
//!
//! ## Why
//! When several terminals fail in the same minutes with switch or issuer codes, the common part is
//! the acquirer or UnionPay; 90 is the day-end processing itself, and 96 around 23:00 is the switch
//! busy with it. Nothing in the shop needs repair, but attempts in those minutes are where money
//! goes missing: the switch may have charged cards whose answer never came back.
//!
//! ## What to do
//! Stop retrying while it lasts (take cash or QR), reconcile the affected minutes one by one once
//! the statements are in, and ask the acquirer to confirm the outage so disputes can cite it.
//! Around the cut-over, avoid settling or selling in the minutes around 23:00.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveTime};

use super::{
    Attempts, Codes, Draft, Listed, Span, bin, chains, code_in, failed, no_reply, terminal,
};
use crate::model::{Outcome, Record};
use crate::report::Cause;

/// Largest gap between two failures of one outage.
pub(crate) const GAP_MINUTES: i64 = 5;
/// Fewest failures that make an outage.
pub(crate) const MIN_FAILURES: usize = 3;
/// Minutes either side of the cut-off that count as "at the cut-over".
pub(crate) const CUTOVER_MARGIN_MINUTES: i64 = 15;
/// Fewest failures that make a cut-over incident.
pub(crate) const CUTOVER_MIN_FAILURES: usize = 2;

/// Codes that say the host side failed outright.
const HOST_FAULT: &[&str] = &["96", "90", "92", "A7", "C1"];
/// Codes that say the answer was lost somewhere past the terminal.
const PAST_TERMINAL: &[&str] = &["96", "90", "92", "A7", "C1", "91", "98", "68", "20"];

fn past_terminal(r: &Record) -> bool {
    failed(r) && (no_reply(r) || code_in(r, PAST_TERMINAL))
}

/// Failures at the 23:00 cut-over.
pub(crate) fn detect_cutover(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let cutoff = att.ctx.settings().cutoff;
    let margin = Duration::minutes(CUTOVER_MARGIN_MINUTES);
    let near_cutoff: Vec<usize> = att
        .rows
        .iter()
        .filter(|row| row.failed() && !row.is_qr())
        .map(|row| row.idx)
        .filter(|&idx| {
            let r = att.record(idx);
            if claimed.contains(&idx) || !code_in(r, &["90", "96"]) {
                return false;
            }
            let t = att.time(idx);
            // Distance to the cut-off of the same evening or of the previous one.
            let same_day = t.date().and_time(cutoff);
            let d = (t - same_day).abs().min((t - (same_day + Duration::days(1))).abs());
            let d = d.min((t - (same_day - Duration::days(1))).abs());
            d <= margin
        })
        .collect();
    chains(att, &near_cutoff, 2 * CUTOVER_MARGIN_MINUTES * 60)
        .into_iter()
        .filter(|run| run.len() >= CUTOVER_MIN_FAILURES)
        .map(|run| cutover_draft(att, run))
        .collect()
}

/// Failures across all terminals in the same minutes.
pub(crate) fn detect_outage(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let n_terminals = att.card_terminal_count();
    // `past_terminal` needs a failure: the rows say which attempts failed.
    let candidates: Vec<usize> = att
        .rows
        .iter()
        .filter(|row| row.failed() && !row.is_qr())
        .map(|row| row.idx)
        .filter(|&idx| {
            let r = att.record(idx);
            !claimed.contains(&idx)
                && past_terminal(r)
                && (n_terminals > 1 || code_in(r, HOST_FAULT))
        })
        .collect();
    let mut out = Vec::new();
    for run in chains(att, &candidates, GAP_MINUTES * 60) {
        if run.len() < MIN_FAILURES {
            continue;
        }
        let terminals: BTreeSet<&str> = run.iter().map(|&i| terminal(att.record(i))).collect();
        if n_terminals > 1 && terminals.len() < 2 {
            continue;
        }
        let bins: BTreeSet<&str> = run.iter().filter_map(|&i| bin(att.record(i))).collect();
        if bins.len() == 1 && run.iter().all(|&i| bin(att.record(i)).is_some()) {
            continue; // one issuer's cards only: the issuer detector's business
        }
        let start = att.time(run[0]);
        let end = att.time(*run.last().expect("non-empty"));
        let approvals = att
            .between(start, end)
            .iter()
            .filter(|&&i| !att.is_qr(i) && att.record(i).outcome == Outcome::Approved)
            .count();
        if approvals > run.len() {
            continue;
        }
        let confidence = if terminals.len() >= 2 { 0.85 } else { 0.7 };
        out.push(outage_draft(att, run, terminals.len(), n_terminals, approvals, confidence));
    }
    out
}

/// What failures across terminals in the same minutes show.
pub(crate) struct Outage<'a> {
    pub(crate) span: Span,
    pub(crate) failures: usize,
    /// Terminals that failed, and all card terminals in the files.
    pub(crate) failing_terminals: usize,
    pub(crate) terminals: usize,
    /// Card approvals during the outage.
    pub(crate) approvals: usize,
    pub(crate) codes: Codes,
    pub(crate) listed: Listed<'a>,
}

/// What failures around the day's cut-over show.
pub(crate) struct Cutover<'a> {
    pub(crate) span: Span,
    pub(crate) failures: usize,
    /// The cut-over time of day (日切, 23:00 by default).
    pub(crate) cutoff: NaiveTime,
    pub(crate) codes: Codes,
    pub(crate) listed: Listed<'a>,
}

fn outage_draft(
    att: &Attempts,
    members: Vec<usize>,
    failing_terminals: usize,
    n_terminals: usize,
    approvals: usize,
    confidence: f64,
) -> Draft {
    let facts = Outage {
        span: att.span(&members),
        failures: members.len(),
        failing_terminals,
        terminals: n_terminals,
        approvals,
        codes: att.codes(&members),
        listed: att.listed(&members, 10),
    };
    Draft {
        cause: Cause::BankSystem,
        confidence,
        terminal_ids: Vec::new(),
        words: said!(att.langs(), bank_outage(&facts)),
        members,
    }
}

fn cutover_draft(att: &Attempts, members: Vec<usize>) -> Draft {
    let terminals: BTreeSet<&str> = members.iter().map(|&i| terminal(att.record(i))).collect();
    let facts = Cutover {
        span: att.span(&members),
        failures: members.len(),
        cutoff: att.ctx.settings().cutoff,
        codes: att.codes(&members),
        listed: att.listed(&members, 10),
    };
    Draft {
        cause: Cause::BankSystem,
        confidence: 0.8,
        terminal_ids: if terminals.len() == 1 {
            terminals.into_iter().filter(|t| !t.is_empty()).map(str::to_owned).collect()
        } else {
            Vec::new()
        },
        words: said!(att.langs(), bank_cutover(&facts)),
        members,
    }
}
