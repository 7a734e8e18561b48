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

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};

use super::{
    Attempts, Draft, code, code_summary, failed, member_lines, one_terminal, terminal,
    terminal_name,
};
use crate::Lang;
use crate::diagnose::text::{self, money};
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
    let mut out = void_errors(att, claimed);
    out.extend(keying_errors(att, claimed));
    out
}

fn void_errors(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let mut groups: BTreeMap<(&str, NaiveDate), Vec<usize>> = BTreeMap::new();
    for &idx in &att.sorted {
        let r = att.record(idx);
        if !claimed.contains(&idx)
            && matches!(r.txn_type, TxnType::Void | TxnType::Refund)
            && failed(r)
            && code(r).is_some_and(|c| VOID_ERRORS.contains(&c.as_str()))
        {
            groups.entry((terminal(r), att.time(idx).date())).or_default().push(idx);
        }
    }
    groups.into_iter().map(|((tid, _), members)| void_draft(att, tid, members)).collect()
}

/// The approved sale a void or refund most likely meant: same terminal, amount and card, before.
fn original_of(att: &Attempts, idx: usize) -> Option<usize> {
    let r = att.record(idx);
    let t = att.time(idx);
    att.between(t - Duration::days(ORIGINAL_LOOKBACK_DAYS), t).iter().rev().copied().find(|&i| {
        let s = att.record(i);
        i != idx
            && matches!(s.txn_type, TxnType::Sale | TxnType::PreauthCompletion)
            && s.outcome == Outcome::Approved
            && s.amount_cents == r.amount_cents
            && terminal(s) == terminal(r)
            && (s.card_masked.is_none()
                || r.card_masked.is_none()
                || s.card_masked == r.card_masked)
    })
}

/// A later approved void or refund of the same amount and card: the mistake was put right.
fn redone(att: &Attempts, idx: usize, after: usize) -> Option<usize> {
    let r = att.record(idx);
    let t = att.time(after);
    att.between(t, t + Duration::days(REDO_WINDOW_DAYS)).iter().copied().find(|&i| {
        let v = att.record(i);
        i != idx
            && i != after
            && matches!(v.txn_type, TxnType::Void | TxnType::Refund)
            && v.outcome == Outcome::Approved
            && v.amount_cents == r.amount_cents
            && v.card_masked.is_some()
            && v.card_masked == r.card_masked
    })
}

fn void_draft(att: &Attempts, tid: &str, members: Vec<usize>) -> Draft {
    let lang = att.lang();
    let name = terminal_name(lang, tid);
    let when = att.span_of(&members);
    let n = members.len();
    let title = match lang {
        Lang::Zh => format!("操作错误：{name} 的撤销/退货被拒 {n} 笔（{when}）"),
        Lang::En => format!("Cashier error: {n} void/refund attempts refused on {name} ({when})"),
    };
    let mut evidence = vec![match lang {
        Lang::Zh => format!("应答码：{}", code_summary(att, &members)),
        Lang::En => format!("response codes: {}", code_summary(att, &members)),
    }];
    let mut next_day = false;
    let mut seen_originals = BTreeSet::new();
    for &idx in &members {
        let r = att.record(idx);
        let Some(orig) = original_of(att, idx) else { continue };
        if !seen_originals.insert(orig) {
            continue;
        }
        let o = att.record(orig);
        let (oc, rc) = (att.ctx.set.clearing_date(orig), att.ctx.set.clearing_date(idx));
        let later = matches!((oc, rc), (Some(a), Some(b)) if a < b);
        next_day |= later && r.txn_type == TxnType::Void;
        evidence.push(match (lang, later) {
            (Lang::Zh, true) => format!(
                "{} 的{}对应原交易 {}（{}，{}），原交易清算日期 {}，已过日切，只能退货不能撤销",
                text::time(lang, r.time), type_zh(r), text::time(lang, o.time), text::ids(lang, &[o]),
                money(lang, o.amount_cents), oc.map(|d| d.to_string()).unwrap_or_default()
            ),
            (Lang::Zh, false) => format!(
                "{} 的{}对应原交易 {}（{}，{}）",
                text::time(lang, r.time), type_zh(r), text::time(lang, o.time), text::ids(lang, &[o]),
                money(lang, o.amount_cents)
            ),
            (Lang::En, true) => format!(
                "the {} at {} belongs to the sale of {} ({}, {}), which cleared on {}: past the cut-over it can only be refunded, not voided",
                type_en(r), text::time(lang, r.time), text::time(lang, o.time), text::ids(lang, &[o]),
                money(lang, o.amount_cents), oc.map(|d| d.to_string()).unwrap_or_default()
            ),
            (Lang::En, false) => format!(
                "the {} at {} belongs to the sale of {} ({}, {})",
                type_en(r), text::time(lang, r.time), text::time(lang, o.time), text::ids(lang, &[o]),
                money(lang, o.amount_cents)
            ),
        });
    }
    evidence.extend(member_lines(att, &members, 10));
    let codes: BTreeSet<String> = members.iter().filter_map(|&i| code(att.record(i))).collect();
    let has = |c: &str| codes.contains(c);
    let fixes: Vec<Option<usize>> = members.iter().map(|&i| redone(att, i, i)).collect();
    for fix in fixes.iter().flatten().collect::<BTreeSet<_>>() {
        let v = att.record(*fix);
        evidence.push(match lang {
            Lang::Zh => format!(
                "之后 {} 已成功办理{}（{}，{}）",
                text::time(lang, v.time),
                type_zh(v),
                text::ids(lang, &[v]),
                money(lang, v.amount_cents)
            ),
            Lang::En => format!(
                "a {} went through afterwards at {} ({}, {})",
                type_en(v),
                text::time(lang, v.time),
                text::ids(lang, &[v]),
                money(lang, v.amount_cents)
            ),
        });
    }
    let mut actions = Vec::new();
    actions.push(match (lang, fixes.iter().all(Option::is_some)) {
        (Lang::Zh, true) => "之后已成功改做退货/撤销，顾客已获退款，不要重复办理；向顾客说明退货款一般 3–5 个工作日到卡上。".to_owned(),
        (Lang::En, true) => "A refund/void went through afterwards, so the customer is refunded; do not do it again. Tell the customer a refund takes about 3-5 working days to reach the card.".to_owned(),
        (Lang::Zh, false) => "被拒的撤销/退货没有退钱给顾客：逐笔确认顾客是否仍在等退款，尽快重新办理。".to_owned(),
        (Lang::En, false) => "A refused void/refund gave the customer nothing back: check each one and redo it promptly.".to_owned(),
    });
    if has("12") || has("22") || next_day {
        actions.push(match lang {
            Lang::Zh => "撤销只能在交易当天、同一批次、日切（23:00）和批结算之前做；之后请改用「退货」，需要原交易的参考号和日期，退款一般 3–5 个工作日到顾客卡上。".to_owned(),
            Lang::En => "A void (撤销) only works on the same day and batch, before the 23:00 cut-over and settlement; afterwards use a refund (退货) with the original RRN and date. The refund reaches the card in about 3-5 working days.".to_owned(),
        });
    }
    if has("25") {
        actions.push(match lang {
            Lang::Zh => "应答码 25 是找不到原交易：照着签购单上的凭证号、参考号和交易日期输入，不要凭记忆。".to_owned(),
            Lang::En => "Code 25 means the original was not found: type the STAN, RRN and date from the receipt (签购单), not from memory.".to_owned(),
        });
    }
    if has("64") {
        actions.push(match lang {
            Lang::Zh => "应答码 64 是金额与原交易不符：撤销必须全额；只退一部分请用退货。".to_owned(),
            Lang::En => "Code 64 means the amount differs from the original: a void must be for the full amount; use a refund for part of it.".to_owned(),
        });
    }
    if has("58") {
        actions.push(match lang {
            Lang::Zh => "应答码 58 是本终端不能做：撤销/退货要在原交易的那台终端上做，或请 POS 服务商开通退货功能。".to_owned(),
            Lang::En => "Code 58 means this terminal may not do it: void/refund on the terminal that took the sale, or ask the POS provider to enable refunds.".to_owned(),
        });
    }
    actions.push(match lang {
        Lang::Zh => "把正确做法告诉收银员；POS 上实在办不了的，联系收单机构申请人工退货或调账。".to_owned(),
        Lang::En => "Show the cashiers the right procedure; where the POS cannot do it, ask the acquirer for a manual refund or adjustment.".to_owned(),
    });
    Draft {
        cause: Cause::Operator,
        confidence: 0.9,
        terminal_ids: one_terminal(tid),
        members,
        title,
        evidence,
        actions,
    }
}

fn type_zh(r: &Record) -> &'static str {
    if r.txn_type == TxnType::Void { "撤销" } else { "退货" }
}

fn type_en(r: &Record) -> &'static str {
    if r.txn_type == TxnType::Void { "void" } else { "refund" }
}

fn keying_errors(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let mut per_card: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for &idx in &att.sorted {
        let r = att.record(idx);
        if claimed.contains(&idx) || !matches!(r.txn_type, TxnType::Sale) {
            continue;
        }
        if let Some(card) = r.card_masked.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            per_card.entry((terminal(r), card)).or_default().push(idx);
        }
    }
    let window = Duration::minutes(KEYING_WINDOW_MINUTES);
    let mut out = Vec::new();
    for ((tid, _), sales) in per_card {
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
                out.push(keying_draft(att, tid, first, second));
            }
        }
    }
    out
}

fn keying_draft(att: &Attempts, tid: &str, first: usize, second: usize) -> Draft {
    let lang = att.lang();
    let (a, b) = (att.record(first), att.record(second));
    let kind = slip(a.amount_cents, b.amount_cents).expect("checked");
    let (wrong, right) = (money(lang, a.amount_cents), money(lang, b.amount_cents));
    let name = terminal_name(lang, tid);
    let refund = redone(att, first, second).filter(|_| a.outcome == Outcome::Approved);
    let undone = a.outcome != Outcome::Approved
        || att.ctx.set.cancelled_by(first).is_some()
        || refund.is_some();
    let both_charged = a.outcome == Outcome::Approved && !undone && b.outcome == Outcome::Approved;
    // Evidence that the first amount was a mistake: refused, or undone in full, before or after
    // the right amount went through. Without it the two may be two purchases.
    let corrected = b.outcome == Outcome::Approved
        && (a.outcome == Outcome::Declined
            || att.ctx.set.cancelled_by(first).is_some()
            || refund.is_some());
    let how = match (kind, lang) {
        (Slip::TimesTen, Lang::Zh) => "多输了一个 0（金额放大 10 倍）",
        (Slip::TimesTen, Lang::En) => "an extra zero (ten times the amount)",
        (Slip::TenthOf, Lang::Zh) => "少输了一个 0（金额只有十分之一）",
        (Slip::TenthOf, Lang::En) => "a missing zero (a tenth of the amount)",
        (Slip::ExtraDigit, Lang::Zh) => "多输了一位数字",
        (Slip::ExtraDigit, Lang::En) => "one digit too many",
        (Slip::DroppedDigit, Lang::Zh) => "漏输了一位数字",
        (Slip::DroppedDigit, Lang::En) => "one digit missing",
        (Slip::Transposed, Lang::Zh) => "相邻两位数字输反了",
        (Slip::Transposed, Lang::En) => "two neighbouring digits swapped",
    };
    let title = match (lang, corrected, both_charged) {
        (Lang::Zh, true, _) => format!("金额输错：{name} 把 {right} 输成了 {wrong}，已更正"),
        (Lang::En, true, _) => {
            format!("Amount keyed wrong: {name} keyed {wrong} for {right}, since corrected")
        }
        (Lang::Zh, false, true) => {
            format!("金额待核对：{name} 同一张卡先收了 {wrong}，又收了 {right}，两笔都已扣款")
        }
        (Lang::En, false, true) => format!(
            "Amount to check: {name} charged one card {wrong}, then {right}; both went through"
        ),
        (Lang::Zh, false, false) => {
            format!("金额待核对：{name} 同一张卡先试了 {wrong}，又试了 {right}")
        }
        (Lang::En, false, false) => {
            format!("Amount to check: {name} tried one card for {wrong}, then for {right}")
        }
    };
    let card = a.card_last4().unwrap_or("");
    let gap = text::duration(lang, (att.time(second) - att.time(first)).num_seconds());
    let mut evidence = vec![
        match lang {
            Lang::Zh => format!(
                "同一张卡（尾号 {card}）在 {gap} 内先后两笔：{wrong} 和 {right}，相差的方式是{how}"
            ),
            Lang::En => format!(
                "the same card (ending {card}) twice within {gap}: {wrong} then {right}; they differ by {how}"
            ),
        },
        match (lang, a.outcome, undone) {
            (Lang::Zh, Outcome::Approved, true) => match refund {
                Some(v) => format!(
                    "第一笔之后已于 {} 全额{}",
                    text::time(lang, att.record(v).time),
                    type_zh(att.record(v))
                ),
                None => "第一笔已被撤销或冲正".to_owned(),
            },
            (Lang::En, Outcome::Approved, true) => match refund {
                Some(v) => format!(
                    "the first one was fully {} at {}",
                    if att.record(v).txn_type == TxnType::Void { "voided" } else { "refunded" },
                    text::time(lang, att.record(v).time)
                ),
                None => "the first one was voided or reversed".to_owned(),
            },
            (Lang::Zh, Outcome::Approved, false) => {
                "第一笔成功且没有被撤销：顾客为它付了钱".to_owned()
            }
            (Lang::En, Outcome::Approved, false) => {
                "the first one was approved and never voided: the customer paid it".to_owned()
            }
            (Lang::Zh, _, _) => format!("第一笔没有成功（{}）", text::terminal_result(lang, a)),
            (Lang::En, _, _) => {
                format!("the first one did not go through ({})", text::terminal_result(lang, a))
            }
        },
    ];
    if !corrected {
        evidence.push(match lang {
            Lang::Zh => "没有被拒、撤销、冲正或退货表明第一笔金额是输错的：也可能是同一位顾客的两笔消费，请核对".to_owned(),
            Lang::En => "nothing (a refusal, void, reversal or refund) shows the first amount was a mistake: they may be two purchases by one customer; please check".to_owned(),
        });
    }
    evidence.extend(member_lines(att, &[first, second], 2));
    let ids = text::ids(lang, &[a]);
    let actions = if both_charged {
        match lang {
            Lang::Zh => vec![
                format!("先和顾客、小票核对应收金额。如果应收 {right}：第一笔 {wrong}（{ids}）是多收的，当天同一批次可在 POS 上撤销，已结算则办理退货。"),
                "如果两笔其实都是顾客要付的，无需处理。".to_owned(),
                "退货一般 3–5 个工作日退回顾客卡上，告知顾客；POS 上办不了的，向收单机构提交调账申请。".to_owned(),
                "提醒收银员收款前让顾客在终端上确认金额。".to_owned(),
            ],
            Lang::En => vec![
                format!("Check the amount due with the customer and the receipt. If it was {right}, the first charge of {wrong} ({ids}) is extra: void it on the POS the same day and batch, or refund (退货) it once settled."),
                "If the customer really owed both, nothing needs doing.".to_owned(),
                "A refund reaches the card in about 3-5 working days; tell the customer. If the POS cannot do it, file an adjustment request with the acquirer.".to_owned(),
                "Remind cashiers to have the customer confirm the amount on the terminal before paying.".to_owned(),
            ],
        }
    } else if !corrected {
        match lang {
            Lang::Zh => vec![
                format!("先和顾客、小票核对应收金额，并以收单对账单为准核对 {wrong} 和 {right} 两笔是否扣款。"),
                format!("如果应收 {right} 而 {wrong} 也被扣款：当天同一批次可在 POS 上撤销，已结算则办理退货。"),
                "提醒收银员收款前让顾客在终端上确认金额。".to_owned(),
            ],
            Lang::En => vec![
                format!("Check the amount due with the customer and the receipt, and check on the acquirer statement whether {wrong} and {right} were charged."),
                format!("If {right} was due and {wrong} was charged too: void it on the POS the same day and batch, or refund (退货) it once settled."),
                "Remind cashiers to have the customer confirm the amount on the terminal before paying.".to_owned(),
            ],
        }
    } else {
        match lang {
            Lang::Zh => vec![
                format!("核对最终收取的 {right} 是否正确；第一笔 {wrong} 没有扣款，或已撤销、退货，无需再退款。"),
                "如果金额仍不对：多收的当天撤销后重收正确金额、隔日退货；少收的再收一笔差额。".to_owned(),
                "提醒收银员收款前让顾客在终端上确认金额。".to_owned(),
            ],
            Lang::En => vec![
                format!("Check that the final {right} is right; the first attempt of {wrong} was not charged, or was voided or refunded, so nothing more to refund."),
                "If the amount is still wrong: overcharged, void the same day and charge again, or refund later; undercharged, charge the difference as a new sale.".to_owned(),
                "Remind cashiers to have the customer confirm the amount on the terminal before paying.".to_owned(),
            ],
        }
    };
    Draft {
        cause: Cause::Operator,
        confidence: if corrected { 0.75 } else { 0.4 },
        terminal_ids: one_terminal(tid),
        members: vec![first, second],
        title,
        evidence,
        actions,
    }
}
