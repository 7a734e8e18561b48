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

use super::{Attempts, Draft, bin, chains, code_in, code_summary, failed, member_lines};
use crate::Lang;
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

pub(crate) fn draft(
    att: &Attempts,
    b: &str,
    members: Vec<usize>,
    n_cards: usize,
    other_ok: usize,
) -> Draft {
    let lang = att.lang();
    let when = att.span_of(&members);
    let n = members.len();
    let terminal_ids = att.terminal_ids(&members);
    let title = match lang {
        Lang::Zh => format!("发卡行故障：卡号以 {b} 开头的卡在 {when} 失败 {n} 笔，其他卡正常"),
        Lang::En => {
            format!("Issuer fault: cards starting {b} failed {n} times, {when}; other cards worked")
        }
    };
    let mut evidence = vec![
        match lang {
            Lang::Zh => format!(
                "{n} 笔失败来自 {n_cards} 张不同的卡，卡 BIN（卡号前 6 位）都是 {b}，即同一家发卡行"
            ),
            Lang::En => format!(
                "{n} failures from {n_cards} different cards, all with BIN (first 6 digits) {b}, i.e. one issuer"
            ),
        },
        match lang {
            Lang::Zh => format!("同一时段其他发卡行的卡成功 {other_ok} 笔：终端、网络和银联都正常"),
            Lang::En => format!(
                "cards of other issuers were approved {other_ok} times in the same span: the terminal, network and switch were fine"
            ),
        },
        match lang {
            Lang::Zh => format!("应答码：{}", code_summary(att, &members)),
            Lang::En => format!("response codes: {}", code_summary(att, &members)),
        },
    ];
    evidence.extend(member_lines(att, &members, 10));
    let actions = match lang {
        Lang::Zh => vec![
            format!("暂时请持卡号以 {b} 开头的卡的顾客换一张其他银行的卡，或用现金、扫码支付。"),
            "应答码 98/68 表示发卡行超时、结果未知：按对账单逐笔核对是否扣款，未扣款的一般会自动冲正，通常 1–3 个工作日退回顾客。".to_owned(),
            format!("向收单机构反映：发卡行（卡 BIN {b}）在 {when} 异常，提供终端号、时间、金额和卡号后四位。"),
        ],
        Lang::En => vec![
            format!("For now, ask customers whose card starts with {b} for a card from another bank, or cash or QR."),
            "Codes 98/68 mean the issuer timed out and the outcome is unknown: check each attempt against the statement; an uncharged one is normally reversed automatically, usually back on the customer's card within 1-3 working days.".to_owned(),
            format!("Report to the acquirer that the issuer (BIN {b}) failed during {when}, with terminal ids, times, amounts and card endings."),
        ],
    };
    Draft {
        cause: Cause::Issuer,
        confidence: if n_cards >= 3 { 0.85 } else { 0.75 },
        terminal_ids,
        members,
        title,
        evidence,
        actions,
    }
}
