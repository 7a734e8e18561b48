//! `signal`: one terminal keeps losing its link at the same time of day, day after day.
//!
//! ## What it detects
//! On one terminal (a card terminal or a till's device), no-replies (see `network`; a till's
//! 支付中 / 结果未知) that fall into the same [`BAND_MINUTES`]-minute band of the day on at least
//! [`MIN_DAYS`] different days, at least [`MIN_FAILURES`] of them, where the failure rate inside
//! the band is at least [`MIN_BAND_RATE`] and at least [`CONCENTRATION`] times the terminal's
//! failure rate outside the band. A rush hour lasts longer than an hour (a lunch rush from 11:30
//! to 13:30), so a band twice as wide is tried too, and wins when it qualifies and holds more
//! failures.
//!
//! No-replies that recur on one terminal at any hour, more often than on the other terminals, are
//! the `persistent` detector's (same cause, `signal`).
//!
//! ## Why
//! A one-off burst is a network drop; the same hour every day is a place or a time with poor
//! reception: the lunch rush saturating the mobile cell, the terminal carried to a corner or a
//! basement at the same time, a microwave next to the Wi-Fi router at noon. Moving one burst's
//! cause does not fix it; the location or the connection has to change. The rate conditions keep
//! scattered everyday timeouts (a few a week at random hours) from looking like a pattern.
//!
//! ## What to do
//! Fix the place or the link for good: relocate the terminal or the router, use a fixed line or a
//! signal booster, or another SIM operator; until then, query before charging again at that hour.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::network::lost_link;
use super::{
    Attempts, Draft, code_summary, device_name, member_lines, minute_of_day, on_till_devices,
    one_terminal, statement_words, terminal, terminal_name,
};
use crate::Lang;
use crate::report::Cause;

/// Width of the time-of-day band.
pub(crate) const BAND_MINUTES: u32 = 60;
/// The wider band tried too (a rush hour).
pub(crate) const WIDE_BAND_MINUTES: u32 = 2 * BAND_MINUTES;
/// Different days the failures must fall on.
pub(crate) const MIN_DAYS: usize = 3;
/// Fewest failures in the band.
pub(crate) const MIN_FAILURES: usize = 4;
/// Share of the terminal's attempts in the band that failed.
pub(crate) const MIN_BAND_RATE: f64 = 0.2;
/// How much likelier a failure is inside the band than outside it.
pub(crate) const CONCENTRATION: f64 = 3.0;

pub(crate) fn detect(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    // Per terminal: all attempts' minutes of the day, and the failures'.
    let mut all: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut fails: BTreeMap<&str, Vec<(u32, NaiveDate, usize)>> = BTreeMap::new();
    for &idx in &att.sorted {
        let r = att.record(idx);
        let t = att.time(idx);
        all.entry(terminal(r)).or_default().push(minute_of_day(t));
        if !claimed.contains(&idx) && lost_link(r) {
            fails.entry(terminal(r)).or_default().push((minute_of_day(t), t.date(), idx));
        }
    }
    let mut out = Vec::new();
    for (tid, mut failures) in fails {
        let mut minutes = all.remove(tid).unwrap_or_default();
        minutes.sort_unstable();
        failures.sort();
        let best = [BAND_MINUTES, WIDE_BAND_MINUTES]
            .into_iter()
            .filter_map(|width| {
                let (lo, members) = best_band(&failures, width)?;
                qualifies(&minutes, &failures, lo, width, members.len())
                    .then_some((lo, width, members))
            })
            .max_by_key(|(_, width, members)| (members.len(), std::cmp::Reverse(*width)));
        if let Some((lo, width, members)) = best {
            out.push(draft(att, tid, lo, width, members));
        }
    }
    out
}

/// The band with the most distinct days (then most failures, then earliest), by two pointers.
fn best_band(failures: &[(u32, NaiveDate, usize)], width: u32) -> Option<(u32, Vec<usize>)> {
    let mut days: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    let mut best: Option<(usize, usize, u32, usize, usize)> = None; // (days, count, lo, i, j)
    let mut j = 0;
    for i in 0..failures.len() {
        while j < failures.len() && failures[j].0 < failures[i].0 + width {
            *days.entry(failures[j].1).or_insert(0) += 1;
            j += 1;
        }
        let key = (days.len(), j - i);
        if best.is_none_or(|b| key > (b.0, b.1)) {
            best = Some((key.0, key.1, failures[i].0, i, j));
        }
        if let Some(n) = days.get_mut(&failures[i].1) {
            *n -= 1;
            if *n == 0 {
                days.remove(&failures[i].1);
            }
        }
    }
    let (n_days, count, lo, i, j) = best?;
    (n_days >= MIN_DAYS && count >= MIN_FAILURES)
        .then(|| (lo, failures[i..j].iter().map(|f| f.2).collect()))
}

/// The rate conditions: the band fails often, and much more often than the rest of the day.
fn qualifies(
    minutes: &[u32],
    failures: &[(u32, NaiveDate, usize)],
    lo: u32,
    width: u32,
    in_band: usize,
) -> bool {
    let hi = lo + width;
    let band_attempts = minutes.partition_point(|&m| m < hi) - minutes.partition_point(|&m| m < lo);
    let out_attempts = minutes.len() - band_attempts;
    let out_failures = failures.iter().filter(|f| f.0 < lo || f.0 >= hi).count();
    let band_rate = in_band as f64 / band_attempts.max(1) as f64;
    let out_rate = if out_attempts == 0 { 0.0 } else { out_failures as f64 / out_attempts as f64 };
    band_rate >= MIN_BAND_RATE && band_rate >= CONCENTRATION * out_rate
}

fn hhmm(minute: u32) -> String {
    format!("{:02}:{:02}", (minute / 60) % 24, minute % 60)
}

fn draft(att: &Attempts, tid: &str, lo: u32, width: u32, members: Vec<usize>) -> Draft {
    let lang = att.lang();
    let till = on_till_devices(att, &members);
    let name = if till { device_name(lang, tid) } else { terminal_name(lang, tid) };
    let days: BTreeSet<NaiveDate> = members.iter().map(|&i| att.time(i).date()).collect();
    let first_min = members.iter().map(|&i| minute_of_day(att.time(i))).min().unwrap_or(lo);
    let last_min = members.iter().map(|&i| minute_of_day(att.time(i))).max().unwrap_or(lo);
    let band = format!("{}–{}", hhmm(first_min), hhmm(last_min));
    let (n, n_days) = (members.len(), days.len());
    let day_list: Vec<String> = days.iter().map(|d| d.format("%m-%d").to_string()).collect();
    let title = match lang {
        Lang::Zh => format!("信号差：{name} 在每天 {band} 前后反复超时（{n_days} 天共 {n} 笔）"),
        Lang::En => format!(
            "Poor reception: {name} times out around {band} day after day ({n} on {n_days} days)"
        ),
    };
    let mut evidence = vec![
        match lang {
            Lang::Zh => format!(
                "{n} 笔无应答都落在每天 {band} 这一时段（{width} 分钟内），分布在 {n_days} 天：{}",
                day_list.join("、")
            ),
            Lang::En => format!(
                "{n} no-replies all fall in the {band} band of the day (within {width} min), on {n_days} days: {}",
                day_list.join(", ")
            ),
        },
        match lang {
            Lang::Zh => format!(
                "这一时段的失败率明显高于这台终端其他时段（至少 {CONCENTRATION:.0} 倍）：是固定时间或固定位置的问题，不是偶发"
            ),
            Lang::En => format!(
                "the failure rate in this band is well above the terminal's rate at other times (at least {CONCENTRATION:.0}x): a recurring place or time, not chance"
            ),
        },
        code_summary(att, &members),
    ];
    evidence.extend(member_lines(att, &members, 10));
    let (statement_zh, statement_en) = statement_words(att, &members);
    let actions = match lang {
        Lang::Zh => vec![
            format!("逐笔核对这 {n} 笔交易是否被扣款（以{statement_zh}为准），已扣款的不要重复收款。"),
            format!("找出每天 {band} 前后{name} 所在位置或网络的变化：高峰时段移动网络拥堵、设备被拿到信号差的角落或地下室、路由器旁有微波炉等干扰。"),
            "长期解决：把终端或路由器移到信号好的位置，改用有线网络、信号放大器，或换一家运营商的流量卡。".to_owned(),
            if till {
                "在这一时段收款时，扫码超时后先在收银机上查询订单或看顾客手机上的支付结果，不要马上重新扫码；问题持续就联系收银系统服务商，提供设备号和以上日期时间。".to_owned()
            } else {
                "在这一时段收款时，超时后先查询或重打印，不要马上重刷；问题持续就联系 POS 服务商，提供终端号和以上日期时间。".to_owned()
            },
        ],
        Lang::En => vec![
            format!("Reconcile each of the {n} attempts against {statement_en}; do not charge again where the customer was charged."),
            format!("Find out what changes around {band} every day for {name}: the mobile cell saturated at peak hour, the terminal carried to a corner or basement, a microwave next to the Wi-Fi router."),
            "Fix it for good: move the terminal or the router to where reception is good, use a cable or a signal booster, or a SIM from another operator.".to_owned(),
            if till {
                "At that hour, look the order up on the till or on the customer's phone after a timeout instead of scanning again; if it persists, contact the till system's provider with the device id and the dates and times above.".to_owned()
            } else {
                "At that hour, query or reprint after a timeout instead of charging again; if it persists, contact the POS provider with the terminal id and the dates and times above.".to_owned()
            },
        ],
    };
    Draft {
        cause: Cause::Signal,
        confidence: (0.65 + 0.05 * n_days as f64).min(0.9),
        terminal_ids: one_terminal(tid),
        members,
        title,
        evidence,
        actions,
    }
}
