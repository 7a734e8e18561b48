//! `terminal`: the device itself is the problem: keys, sync with the host, card reader, set-up.
//!
//! ## What it detects
//! On one terminal, a run (neighbours at most [`GAP_MINUTES`] apart) of one of these groups:
//!
//! | group | codes | needs |
//! |---|---|---|
//! | keys | A0 MAC 校验错, 99 PIN 格式错 | [`MIN_KEYS`] failures |
//! | sync | 77 批次号不一致, 22 on a sale | [`MIN_SYNC`] failures |
//! | reader | 14 无效卡号, 19 读卡错误, 45 不允许降级 | [`MIN_READER`] failures on as many different cards |
//! | set-up | 97 终端未登记, 03 无效商户, 40 功能不支持 | [`MIN_SETUP`] failures |
//!
//! The same groups spread over days (no run) are the `persistent` detector's: it compares the
//! terminal's rate with the other terminals' by an exact test, and a lone terminal's A0 / 99 / 77
//! / 97 / 03 with a ceiling of one in a thousand attempts.
//!
//! ## Why
//! These codes come back for every card the terminal tries, so a run of them is the terminal,
//! not the customers: its working keys no longer match the host's (A0/99), its batch is out of step
//! (77/22), its reader cannot read cards or the cashier keeps swiping chip cards (14/19/45 on many
//! different cards), or the acquirer has it registered wrongly (97/03/40). One of them alone can be
//! a bad card; several in a row cannot.
//!
//! ## What to do
//! Sign the terminal in again (重新签到), which reloads keys and the batch; if the failures go on,
//! the POS provider must reload the keys, repair the reader or fix the registration.

use std::collections::{BTreeMap, BTreeSet};

use super::{
    Attempts, Codes, Draft, Listed, Span, chains, code_in, code_is, failed, one_terminal, terminal,
};
use crate::model::{Record, TxnType};
use crate::report::Cause;

/// Largest gap between two failures of one run.
pub(crate) const GAP_MINUTES: i64 = 120;
/// Fewest key/MAC failures.
pub(crate) const MIN_KEYS: usize = 3;
/// Fewest batch-sync failures.
pub(crate) const MIN_SYNC: usize = 2;
/// Fewest reader failures (and different cards).
pub(crate) const MIN_READER: usize = 3;
/// Fewest set-up failures.
pub(crate) const MIN_SETUP: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Group {
    Keys,
    Sync,
    Reader,
    Setup,
}

pub(crate) fn group(r: &Record) -> Option<Group> {
    if !failed(r) {
        return None;
    }
    Some(if code_in(r, &["A0", "99"]) {
        Group::Keys
    } else if code_is(r, "77")
        || (code_is(r, "22") && matches!(r.txn_type, TxnType::Sale | TxnType::PreauthCompletion))
    {
        Group::Sync
    } else if code_in(r, &["14", "19", "45"]) {
        Group::Reader
    } else if code_in(r, &["97", "03", "40"]) {
        Group::Setup
    } else {
        return None;
    })
}

pub(crate) fn detect(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let mut runs: BTreeMap<(&str, Group), Vec<usize>> = BTreeMap::new();
    // Only a failure can be in a group: the rows say which attempts failed.
    for &idx in att.rows.iter().filter(|row| row.failed()).map(|row| &row.idx) {
        let r = att.record(idx);
        if claimed.contains(&idx) {
            continue;
        }
        if let Some(g) = group(r) {
            runs.entry((terminal(r), g)).or_default().push(idx);
        }
    }
    let mut out = Vec::new();
    for ((tid, g), failures) in runs {
        for run in chains(att, &failures, GAP_MINUTES * 60) {
            let cards: BTreeSet<&str> =
                run.iter().filter_map(|&i| att.record(i).card_masked.as_deref()).collect();
            let enough = match g {
                Group::Keys => run.len() >= MIN_KEYS,
                Group::Sync => run.len() >= MIN_SYNC,
                Group::Reader => run.len() >= MIN_READER && cards.len() >= MIN_READER,
                Group::Setup => run.len() >= MIN_SETUP,
            };
            if enough {
                out.push(draft(att, tid, g, run, cards.len()));
            }
        }
    }
    out
}

/// What a run of one terminal's own failures shows.
pub(crate) struct TerminalFault<'a> {
    pub(crate) terminal: &'a str,
    pub(crate) group: Group,
    pub(crate) span: Span,
    pub(crate) failures: usize,
    /// Different cards among the failures.
    pub(crate) cards: usize,
    pub(crate) codes: Codes,
    pub(crate) listed: Listed<'a>,
}

pub(crate) fn draft(
    att: &Attempts,
    tid: &str,
    g: Group,
    members: Vec<usize>,
    n_cards: usize,
) -> Draft {
    let facts = TerminalFault {
        terminal: tid,
        group: g,
        span: att.span(&members),
        failures: members.len(),
        cards: n_cards,
        codes: att.codes(&members),
        listed: att.listed(&members, 10),
    };
    Draft {
        cause: Cause::Terminal,
        confidence: 0.85,
        terminal_ids: one_terminal(tid),
        words: said!(att.langs(), terminal_fault(&facts)),
        members,
    }
}
