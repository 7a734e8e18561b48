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
    Attempts, Draft, chains, code_in, code_summary, device_name, member_lines, no_reply,
    on_till_devices, one_terminal, statement_words, terminal, terminal_name,
};
use crate::Lang;
use crate::model::Outcome;
use crate::report::Cause;

/// Fewest no-replies that make a burst.
pub(crate) const MIN_FAILURES: usize = 3;
/// Largest gap between two no-replies of one burst.
pub(crate) const GAP_MINUTES: i64 = 10;
/// How far around the burst other terminals are looked at.
const AROUND_MINUTES: i64 = 10;

/// A terminal-side network failure: no reply at all, or "could not go online".
pub(crate) fn lost_link(r: &crate::model::Record) -> bool {
    no_reply(r) || code_in(r, &["Z3"])
}

pub(crate) fn detect(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let mut per_terminal: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &idx in &att.sorted {
        let r = att.record(idx);
        if !claimed.contains(&idx) && lost_link(r) {
            per_terminal.entry(terminal(r)).or_default().push(idx);
        }
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

fn draft(
    att: &Attempts,
    tid: &str,
    members: Vec<usize>,
    others_ok: usize,
    own_ok: usize,
    n_terminals: usize,
    confidence: f64,
) -> Draft {
    let lang = att.lang();
    let till = on_till_devices(att, &members);
    let name = if till { device_name(lang, tid) } else { terminal_name(lang, tid) };
    let when = att.span_of(&members);
    let n = members.len();
    let title = match lang {
        Lang::Zh => format!("网络中断：{name} 在 {when} 有 {n} 笔没有收到应答"),
        Lang::En => format!("Network drop: {name} got no reply {n} times, {when}"),
    };
    let mut evidence = vec![
        match lang {
            Lang::Zh => format!(
                "{n} 笔超时/无应答，相邻两笔间隔不超过 {GAP_MINUTES} 分钟：{}",
                code_summary(att, &members)
            ),
            Lang::En => format!(
                "{n} timeouts / no replies, at most {GAP_MINUTES} min apart: {}",
                code_summary(att, &members)
            ),
        },
        match (lang, others_ok, n_terminals) {
            (Lang::Zh, 0, 0..=1) => "文件中只有这一台终端，无法和其他终端比较，所以置信度较低".to_owned(),
            (Lang::En, 0, 0..=1) => "only this terminal is in the files, so it cannot be compared with others; confidence is lower".to_owned(),
            (Lang::Zh, 0, _) => format!("前后 {AROUND_MINUTES} 分钟内其他终端没有交易，无法确认银行当时正常"),
            (Lang::En, 0, _) => format!("no other terminal had sales within {AROUND_MINUTES} min, so the bank side cannot be confirmed up"),
            (Lang::Zh, k, _) => format!("同一时段（前后 {AROUND_MINUTES} 分钟）其他终端成功 {k} 笔：银行和收单系统正常，问题在这台终端的网络"),
            (Lang::En, k, _) => format!("other terminals approved {k} sales in the same minutes (±{AROUND_MINUTES} min): the bank was up, the problem is this terminal's link"),
        },
    ];
    if own_ok > 0 {
        evidence.push(match lang {
            Lang::Zh => format!("期间这台终端也成功了 {own_ok} 笔：网络时断时续"),
            Lang::En => format!(
                "this terminal also approved {own_ok} sales in between: the link came and went"
            ),
        });
    }
    evidence.extend(member_lines(att, &members, 10));
    let (statement_zh, statement_en) = statement_words(att, &members);
    let actions = match lang {
        Lang::Zh => vec![
            format!(
                "逐笔核对 {when} 这 {n} 笔交易：以{statement_zh}为准，已扣款的不要再向顾客收款，重复收款的要退款。"
            ),
            format!(
                "检查{name} 的网络：移动网络看信号格数和流量卡是否欠费或流量用完，Wi-Fi 看路由器是否断线；把终端从地下室、角落或金属柜旁、微波炉旁移开，能用有线或其他网络就切换。"
            ),
            if till {
                "网络恢复之前，扫码后先在收银机上查询这笔订单（或看顾客手机上的支付结果），不要在超时后马上重新扫码。".to_owned()
            } else {
                "网络恢复之前，收款后先在终端上查询或重打印确认结果，不要在超时后马上重刷。"
                    .to_owned()
            },
            if till {
                format!(
                    "如果反复出现，联系收银系统服务商检查这台设备和它的网络，提供设备号和发生时间（{when}）。"
                )
            } else {
                format!(
                    "如果反复出现，联系 POS 服务商检查终端和通讯模块，提供终端号和发生时间（{when}）。"
                )
            },
        ],
        Lang::En => vec![
            format!(
                "Reconcile each of the {n} attempts of {when} against {statement_en}: do not charge again where the customer was charged, refund any double payment."
            ),
            format!(
                "Check {name}'s network: on mobile data, the signal bars and whether the SIM's data plan ran out; on Wi-Fi, whether the router dropped. Move the terminal away from basements, corners, metal cabinets or microwaves, or switch to a cable or another network."
            ),
            if till {
                "Until the link is stable, look the order up on the till (or on the customer's phone) after every timeout instead of scanning again straight away.".to_owned()
            } else {
                "Until the link is stable, query or reprint on the terminal after every timeout instead of charging again straight away.".to_owned()
            },
            if till {
                format!(
                    "If it keeps happening, contact the till system's provider to check the device and its network, giving the device id and the times ({when})."
                )
            } else {
                format!(
                    "If it keeps happening, contact the POS provider to check the terminal and its modem, giving the terminal id and the times ({when})."
                )
            },
        ],
    };
    Draft {
        cause: Cause::Network,
        confidence,
        terminal_ids: one_terminal(tid),
        members,
        title,
        evidence,
        actions,
    }
}
