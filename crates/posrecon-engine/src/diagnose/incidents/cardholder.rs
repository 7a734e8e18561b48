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

use super::{Attempts, code, code_info, code_summary, terminal};
use crate::Lang;
use crate::knowledge;
use crate::model::Outcome;
use crate::report::{CardholderDeclines, Cause};

/// The profile of the cardholder declines left over by the detectors, if there are any.
pub(crate) fn profile(att: &Attempts, claimed: &BTreeSet<usize>) -> Option<CardholderDeclines> {
    let members: Vec<usize> = att
        .sorted
        .iter()
        .copied()
        .filter(|idx| !claimed.contains(idx) && !att.in_findings.contains(idx))
        .filter(|&idx| {
            let r = att.record(idx);
            r.outcome == Outcome::Declined
                && code_info(r).is_some_and(|c| c.cause == Some(Cause::Cardholder))
        })
        .collect();
    let (&first, &last) = (members.first()?, members.last()?);
    let lang = att.lang();
    let n = members.len();
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for &idx in &members {
        *counts.entry(code(att.record(idx)).unwrap_or_default()).or_insert(0) += 1;
    }
    let terminal_ids: BTreeSet<String> = members
        .iter()
        .map(|&i| terminal(att.record(i)))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    let summary = match lang {
        Lang::Zh => format!(
            "持卡人原因被拒 {n} 笔（{}）：{}。银行明确拒绝，没有扣款，不是掉单",
            att.span_of(&members),
            code_summary(att, &members)
        ),
        Lang::En => format!(
            "{n} declines for cardholder reasons ({}): {}. The bank clearly declined, nothing was charged, they are not dropped sales",
            att.span_of(&members),
            code_summary(att, &members)
        ),
    };
    // Most frequent code first, then by code.
    let mut by_count: Vec<(&String, &u64)> = counts.iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let mut advice: Vec<String> = by_count
        .into_iter()
        .filter_map(|(c, k)| {
            let info = knowledge::response_code(c)?;
            Some(match lang {
                Lang::Zh => format!("{c}（{}，{k} 笔）：{}", info.meaning_zh, info.message_zh),
                Lang::En => format!("{c} ({k}): {}", info.message_en),
            })
        })
        .collect();
    advice.push(match lang {
        Lang::Zh => "无需处理：这些交易没有扣款。遇到时按终端提示告诉顾客原因，请顾客换卡或改用现金、扫码支付。".to_owned(),
        Lang::En => "Nothing to do: none of these charged the card. When it happens, tell the customer what the terminal says and offer another card, cash or QR.".to_owned(),
    });
    Some(CardholderDeclines {
        declines: n as u64,
        response_codes: counts,
        terminal_ids: terminal_ids.into_iter().collect(),
        first: att.time(first),
        last: att.time(last),
        summary,
        advice,
    })
}
