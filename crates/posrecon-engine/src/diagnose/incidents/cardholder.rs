//! `cardholder`: declines that are the card's business, as a profile of the period.
//!
//! ## What it describes
//! Declined attempts whose response code the knowledge table files under the cardholder (51 余额
//! 不足, 55 密码错, 54 过期卡, 61 超限, 41/43 挂失/被窃, 65, 75 …) that no incident claimed and no
//! finding rests on: how many, which codes, on which terminals, from when to when, and what to tell
//! the customer for each code. It goes to `Report::cardholder_declines`, not to the incidents.
//!
//! ## Why a profile and not an incident
//! These declines are normal: the customer's balance, PIN or card limit said no, no money moved,
//! and nothing is wrong with the shop, the terminal or the bank. They are not an event: as an
//! incident they spanned two weeks and every terminal, and an incident claims its attempts, so a
//! real cause among them (a reader rejecting cards with 14) could be hidden. As a profile they claim
//! nothing, run after every detector, and are still visible so the merchant sees they were looked
//! at and never mistakes them for dropped sales.
//!
//! ## What to do
//! Nothing. Tell the customer why (the table's merchant message per code) and offer another card
//! or another way to pay.

use std::collections::{BTreeMap, BTreeSet};

use super::{Attempts, Codes, Span, code, code_info, terminal};
use crate::report::{CardholderDeclines, Cause};

/// What the cardholder declines of the period show.
pub(crate) struct Profile {
    pub(crate) declines: usize,
    pub(crate) span: Span,
    pub(crate) codes: Codes,
    /// `(code, declines)`, most frequent first, then by code.
    pub(crate) by_count: Vec<(String, u64)>,
}

/// The summary and advice of [`CardholderDeclines`] in the other language.
pub(crate) type OtherWords = Option<(String, Vec<String>)>;

/// The profile of the cardholder declines left over by the detectors, if there are any (and
/// its words in the other language when the diagnosis words both).
pub(crate) fn profile(
    att: &Attempts,
    claimed: &BTreeSet<usize>,
) -> Option<(CardholderDeclines, OtherWords)> {
    let members: Vec<usize> = att
        .rows
        .iter()
        .filter(|row| row.declined())
        .map(|row| row.idx)
        .filter(|idx| !claimed.contains(idx) && !att.in_findings.contains(idx))
        .filter(|&idx| {
            code_info(att.record(idx)).is_some_and(|c| c.cause == Some(Cause::Cardholder))
        })
        .collect();
    let (&first, &last) = (members.first()?, members.last()?);
    let langs = att.langs();
    let n = members.len();
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for &idx in &members {
        *counts.entry(code(att.record(idx)).unwrap_or_default()).or_insert(0) += 1;
    }
    let terminal_ids: BTreeSet<&str> =
        members.iter().map(|&i| terminal(att.record(i))).filter(|t| !t.is_empty()).collect();
    // Most frequent code first, then by code.
    let mut by_count: Vec<(String, u64)> = counts.iter().map(|(c, k)| (c.clone(), *k)).collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let facts =
        Profile { declines: n, span: att.span(&members), codes: att.codes(&members), by_count };
    let summary = said!(langs, cardholder_summary(&facts));
    let advice = said!(langs, cardholder_advice(&facts));
    let other = summary.other.zip(advice.other);
    let (summary, advice) = (summary.main, advice.main);
    let declines = CardholderDeclines {
        declines: n as u64,
        response_codes: counts,
        terminal_ids: terminal_ids.into_iter().map(str::to_owned).collect(),
        first: att.time(first),
        last: att.time(last),
        summary,
        advice,
    };
    Some((declines, other))
}
