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
    Attempts, Draft, chains, code, code_summary, failed, member_lines, one_terminal, terminal,
    terminal_name,
};
use crate::Lang;
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
    Some(match code(r)?.as_str() {
        "A0" | "99" => Group::Keys,
        "77" => Group::Sync,
        "22" if matches!(r.txn_type, TxnType::Sale | TxnType::PreauthCompletion) => Group::Sync,
        "14" | "19" | "45" => Group::Reader,
        "97" | "03" | "40" => Group::Setup,
        _ => return None,
    })
}

pub(crate) fn detect(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let mut runs: BTreeMap<(&str, Group), Vec<usize>> = BTreeMap::new();
    for &idx in &att.sorted {
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

pub(crate) fn draft(
    att: &Attempts,
    tid: &str,
    g: Group,
    members: Vec<usize>,
    n_cards: usize,
) -> Draft {
    let lang = att.lang();
    let name = terminal_name(lang, tid);
    let when = att.span_of(&members);
    let n = members.len();
    let (what_zh, what_en) = match g {
        Group::Keys => ("密钥/MAC 校验反复失败", "keys / MAC check failing again and again"),
        Group::Sync => ("与主机批次不同步", "out of sync with the host's batch"),
        Group::Reader => ("读卡失败", "card reading failing"),
        Group::Setup => ("终端或商户设置异常", "terminal or merchant set-up rejected"),
    };
    let title = match lang {
        Lang::Zh => format!("终端故障：{name} {what_zh}（{when}，{n} 笔）"),
        Lang::En => format!("Terminal fault: {name} {what_en} ({n} attempts, {when})"),
    };
    let why = match (g, lang) {
        (Group::Keys, Lang::Zh) => "A0 / 99 是终端的工作密钥与主机不一致，不管刷什么卡都会失败，与顾客无关".to_owned(),
        (Group::Keys, Lang::En) => "A0 / 99 mean the terminal's working keys no longer match the host's; every card fails, whoever the customer".to_owned(),
        (Group::Sync, Lang::Zh) => "77 / 22 表示终端的批次或交易状态与主机不一致，需要重新签到同步".to_owned(),
        (Group::Sync, Lang::En) => "77 / 22 mean the terminal's batch or transaction state is out of step with the host; a sign-in resynchronises it".to_owned(),
        (Group::Reader, Lang::Zh) => format!("{n_cards} 张不同的卡都读卡失败或被要求插芯片：是读卡器或刷卡方式的问题，不是卡的问题"),
        (Group::Reader, Lang::En) => format!("{n_cards} different cards all failed to read or were refused as swiped chip cards: the reader or the way cards are read, not the cards"),
        (Group::Setup, Lang::Zh) => "97 / 03 / 40 表示收单机构那边终端或商户的登记有问题，与网络无关".to_owned(),
        (Group::Setup, Lang::En) => "97 / 03 / 40 mean the acquirer has the terminal or merchant registered wrongly; not a network issue".to_owned(),
    };
    let mut evidence = vec![
        match lang {
            Lang::Zh => format!("同一台终端 {n} 笔：{}", code_summary(att, &members)),
            Lang::En => format!("{n} attempts on one terminal: {}", code_summary(att, &members)),
        },
        why,
    ];
    evidence.extend(member_lines(att, &members, 10));
    let contact_zh = format!("联系 POS 服务商，提供终端号和发生时间（{when}）");
    let contact_en =
        format!("contact the POS provider with the terminal id and the times ({when})");
    let actions = match (g, lang) {
        (Group::Keys | Group::Sync, Lang::Zh) => vec![
            format!("先在{name} 上做「签到」（重新签到），重新下载工作密钥和批次号，然后用一笔小额交易试一下。"),
            format!("如果签到后仍然出现 {}，{contact_zh}，请其重新灌装密钥或检修终端。", if g == Group::Keys { "A0 或 99" } else { "77 或 22" }),
            "修好之前先用其他终端或扫码收款；这些被拒的交易一般没有扣款，以收单对账单为准。".to_owned(),
        ],
        (Group::Keys | Group::Sync, Lang::En) => vec![
            format!("Sign {name} in again (签到 / 重新签到) to reload its working keys and batch, then try one small sale."),
            format!("If {} keeps coming back after the sign-in, {contact_en} so they reload the keys or repair the device.", if g == Group::Keys { "A0 or 99" } else { "77 or 22" }),
            "Until it is fixed, take payments on another terminal or by QR; these refused attempts normally charged nothing (the acquirer statement decides).".to_owned(),
        ],
        (Group::Reader, Lang::Zh) => vec![
            "芯片卡请插卡，不要刷磁条；插卡或挥卡时等终端提示完成再拔卡。".to_owned(),
            format!("清洁{name} 的读卡槽；换卡仍然读不出的，{contact_zh}，请其检修或更换读卡器。"),
        ],
        (Group::Reader, Lang::En) => vec![
            "Insert chip cards instead of swiping them, and wait for the terminal to finish before removing the card.".to_owned(),
            format!("Clean {name}'s card slot; if cards still cannot be read, {contact_en} to repair or replace the reader."),
        ],
        (Group::Setup, Lang::Zh) => vec![
            format!("这不是网络问题：{contact_zh}，请其核对终端号、商户号的登记和开通的交易类型。"),
            "处理好之前用其他终端或扫码收款。".to_owned(),
        ],
        (Group::Setup, Lang::En) => vec![
            format!("This is not the network: {contact_en} and ask them to check the terminal and merchant registration and the enabled transaction types."),
            "Until then, take payments on another terminal or by QR.".to_owned(),
        ],
    };
    Draft {
        cause: Cause::Terminal,
        confidence: 0.85,
        terminal_ids: one_terminal(tid),
        members,
        title,
        evidence,
        actions,
    }
}
