//! `wallet_system`: one wallet (WeChat Pay or Alipay) failed across the shop's devices while the
//! other wallet worked: the wallet's own system, not the shop's network.
//!
//! ## What it detects
//! Attempts to one wallet whose outcome the wallet never confirmed (the till's 支付中 / 结果未知,
//! the bill's USERPAYING, SYSTEMERROR, 等待付款; Alipay 10003 / 20000), each within
//! [`GAP_MINUTES`] of the previous one, at least [`MIN_FAILURES`] of them, where:
//!
//! - they come from at least [`MIN_PAYERS`] different payers when the bill names payers (one
//!   customer trying again and again is that customer's business);
//! - the wallet approved fewer of its attempts in those minutes than it left unconfirmed;
//! - the other wallet (and cards) did not fail like it: fewer than half as many unconfirmed
//!   attempts in those minutes;
//! - and the shop's link was up: the failures are on two devices or more, or a device that failed
//!   also took a payment of another kind in those minutes.
//!
//! Confidence is highest with both: several devices, and the other wallet approving around them
//! (within [`AROUND_MINUTES`]).
//!
//! ## Why
//! A wallet outage (a 15-minute Alipay incident, a WeChat Pay region fault) looks at the till like
//! a network drop: scans hang in 支付中 and time out. But a lost link fails every kind of payment
//! on one device, while a wallet outage fails one wallet on every device and leaves the other
//! working. The advice differs: nobody should move a router because Alipay was down, and during
//! the outage customers may be charged while the till shows a failure, so every such scan must be
//! looked up before the customer pays again. Declines (PAYERROR, a closed or revoked scan) are the
//! customer's or the cashier's business and do not count: a wallet that is down does not answer.
//!
//! ## What to do
//! Ask customers to pay with the other wallet (or cash) while it lasts; look up every unconfirmed
//! scan in the wallet's merchant platform before charging again; refund double payments; ask the
//! wallet's merchant service to confirm the outage and keep the case number.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Duration;

use super::{Attempts, Draft, chains, code_summary, failed, member_lines, terminal};
use crate::Lang;
use crate::diagnose::rules::qr_payment::{platform, wallet_name};
use crate::model::{Outcome, PayMethod};
use crate::report::Cause;

/// Largest gap between two failures of one outage.
pub(crate) const GAP_MINUTES: i64 = 5;
/// Fewest failures that make an outage.
pub(crate) const MIN_FAILURES: usize = 4;
/// Fewest different payers among them, when the bill names payers.
pub(crate) const MIN_PAYERS: usize = 2;
/// How far around the failures the other wallet's approvals are looked at.
pub(crate) const AROUND_MINUTES: i64 = 10;

/// What the attempts around a run say.
struct Around {
    devices: BTreeSet<String>,
    payers: usize,
    own_ok: usize,
    others_ok: usize,
    others_unconfirmed: usize,
    link_up_on_device: bool,
}

/// The wallet left the attempt unconfirmed: no final answer reached the till.
fn unconfirmed(att: &Attempts, idx: usize) -> bool {
    let r = att.record(idx);
    failed(r) && r.outcome == Outcome::Unknown
}

pub(crate) fn detect(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let mut per_wallet: BTreeMap<PayMethod, Vec<usize>> = BTreeMap::new();
    for &idx in &att.sorted {
        if claimed.contains(&idx) || !unconfirmed(att, idx) {
            continue;
        }
        if let Some(wallet) = att.wallet(idx) {
            per_wallet.entry(wallet).or_default().push(idx);
        }
    }
    let mut out = Vec::new();
    for (wallet, failures) in per_wallet {
        for run in chains(att, &failures, GAP_MINUTES * 60) {
            if run.len() < MIN_FAILURES {
                continue;
            }
            let around = look_around(att, wallet, &run);
            let payers_named = run.iter().filter(|&&i| att.payer(i).is_some()).count();
            if payers_named >= 2 && around.payers < MIN_PAYERS {
                continue; // one customer trying again and again
            }
            if around.own_ok >= run.len() || 2 * around.others_unconfirmed >= run.len() {
                continue;
            }
            let several = around.devices.len() >= 2;
            if !several && !around.link_up_on_device {
                continue; // one device failing alone: its link, for the network detectors
            }
            let confidence = if several && around.others_ok > 0 { 0.85 } else { 0.7 };
            out.push(draft(att, wallet, run, &around, confidence));
        }
    }
    out
}

fn look_around(att: &Attempts, wallet: PayMethod, run: &[usize]) -> Around {
    let start = att.time(run[0]);
    let end = att.time(*run.last().expect("non-empty"));
    let devices: BTreeSet<String> = run
        .iter()
        .filter(|&&i| att.on_device(i))
        .map(|&i| terminal(att.record(i)).to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    let payers: BTreeSet<&str> = run.iter().filter_map(|&i| att.payer(i)).collect();
    let (mut own_ok, mut others_unconfirmed, mut link_up_on_device) = (0, 0, false);
    for &i in att.between(start, end) {
        let approved = att.record(i).outcome == Outcome::Approved;
        let same_wallet = att.wallet(i) == Some(wallet);
        match (same_wallet, approved) {
            (true, true) => own_ok += 1,
            (false, false) if unconfirmed(att, i) => others_unconfirmed += 1,
            (false, true) => {
                link_up_on_device |= devices.contains(terminal(att.record(i)));
            }
            _ => {}
        }
    }
    let around = Duration::minutes(AROUND_MINUTES);
    let others_ok = att
        .between(start - around, end + around)
        .iter()
        .filter(|&&i| att.wallet(i) != Some(wallet) && att.record(i).outcome == Outcome::Approved)
        .count();
    Around {
        devices,
        payers: payers.len(),
        own_ok,
        others_ok,
        others_unconfirmed,
        link_up_on_device,
    }
}

fn draft(
    att: &Attempts,
    wallet: PayMethod,
    members: Vec<usize>,
    around: &Around,
    confidence: f64,
) -> Draft {
    let lang = att.lang();
    let name = wallet_name(lang, Some(wallet));
    let other = wallet_name(
        lang,
        Some(if wallet == PayMethod::Wechat { PayMethod::Alipay } else { PayMethod::Wechat }),
    );
    let when = att.span_of(&members);
    let n = members.len();
    let n_devices = around.devices.len();
    let device_list: Vec<&str> = around.devices.iter().map(String::as_str).collect();
    let title = match (lang, n_devices >= 2) {
        (Lang::Zh, true) => format!(
            "{name}系统故障：{when} {n_devices} 台设备的{name}收款集中未完成 {n} 笔，{other}正常"
        ),
        (Lang::Zh, false) => {
            format!("{name}系统故障：{when} {name}收款集中未完成 {n} 笔，同一设备其他收款正常")
        }
        (Lang::En, true) => format!(
            "{name} outage: {n} {name} payments left unconfirmed on {n_devices} devices, {when}; {other} worked"
        ),
        (Lang::En, false) => format!(
            "{name} outage: {n} {name} payments left unconfirmed, {when}; other payments on the same device worked"
        ),
    };
    let mut evidence = vec![
        match lang {
            Lang::Zh => format!(
                "{n} 笔{name}收款都没有得到{name}的最终结果，相邻两笔间隔不超过 {GAP_MINUTES} 分钟：{}",
                code_summary(att, &members)
            ),
            Lang::En => format!(
                "{n} {name} payments got no final answer from {name}, at most {GAP_MINUTES} min apart: {}",
                code_summary(att, &members)
            ),
        },
        match (lang, n_devices) {
            (Lang::Zh, 0..=1) => format!(
                "同一时段这台设备（{}）的其他收款成功：店里网络正常，问题在{name}一侧",
                device_list.join("、")
            ),
            (Lang::En, 0..=1) => format!(
                "the same device ({}) took other payments in those minutes: the shop's link was up, the fault is on {name}'s side",
                device_list.join(", ")
            ),
            (Lang::Zh, _) => format!(
                "{n_devices} 台设备（{}）同时失败，不是某一台设备的网络问题",
                device_list.join("、")
            ),
            (Lang::En, _) => format!(
                "{n_devices} devices ({}) failed at the same time: not one device's network",
                device_list.join(", ")
            ),
        },
        match (lang, around.others_ok) {
            (Lang::Zh, 0) => format!(
                "前后 {AROUND_MINUTES} 分钟内没有{other}或刷卡成功的交易，无法完全排除店里网络的问题"
            ),
            (Lang::En, 0) => format!(
                "no {other} or card payment succeeded within {AROUND_MINUTES} min, so the shop's own link cannot be ruled out entirely"
            ),
            (Lang::Zh, k) => format!(
                "同一时段（前后 {AROUND_MINUTES} 分钟）{other}或刷卡成功 {k} 笔：店里网络正常"
            ),
            (Lang::En, k) => format!(
                "{other} or cards succeeded {k} times in the same minutes (±{AROUND_MINUTES} min): the shop's link was up"
            ),
        },
        match lang {
            Lang::Zh => format!("这段时间内{name}成功 {} 笔，未完成 {n} 笔", around.own_ok),
            Lang::En => {
                format!(
                    "{name} completed {} and left {n} unconfirmed in those minutes",
                    around.own_ok
                )
            }
        },
    ];
    if around.payers >= MIN_PAYERS {
        evidence.push(match lang {
            Lang::Zh => format!("涉及 {} 位不同的付款人，不是某一位顾客的问题", around.payers),
            Lang::En => format!("{} different payers: not one customer's problem", around.payers),
        });
    }
    evidence.extend(member_lines(att, &members, 10));
    let look_up = platform(lang, Some(wallet));
    let actions = match lang {
        Lang::Zh => vec![
            format!("这是{name}一侧的系统故障，店里的设备和网络无需修理。"),
            format!("故障期间请顾客改用{other}或现金，不要反复让顾客重新扫码。"),
            format!(
                "逐笔在{look_up}查询 {when} 这 {n} 笔：已扣款的不要再收，顾客付了两次的要退款；查不到的才算没有付款。"
            ),
            format!("联系{name}商户客服确认 {when} 的故障，记下工单号，以备顾客投诉时说明。"),
        ],
        Lang::En => vec![
            format!("This is a fault in {name}'s system; nothing in the shop needs repair."),
            format!(
                "While it lasts, ask customers to pay with {other} or cash instead of scanning again and again."
            ),
            format!(
                "Look up each of the {n} payments of {when} in {look_up}: do not charge again where the customer was charged, refund anyone who paid twice; only a payment not found there is unpaid."
            ),
            format!(
                "Ask {name}'s merchant service to confirm the outage of {when} and note the case number, for later customer complaints."
            ),
        ],
    };
    Draft {
        cause: Cause::WalletSystem,
        confidence,
        terminal_ids: if n_devices >= 2 {
            Vec::new()
        } else {
            device_list.iter().map(|d| (*d).to_owned()).collect()
        },
        members,
        title,
        evidence,
        actions,
    }
}
