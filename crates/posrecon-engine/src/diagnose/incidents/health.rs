//! Terminal health: per terminal and day, attempts, approved, declined and dropped, and each
//! terminal's drop rate against the merchant's own baseline.
//!
//! ## What it measures
//! Every attempt on a device ([`super::attempts`]: a terminal log's, reversal messages left out,
//! a till's on its 设备号, a wallet bill's failed row with a 设备号 no other file lists), claimed
//! by an incident or not, is exactly one of: approved; dropped (the terminal never learnt
//! the outcome: no reply, 98/68, 09, 94; or could not go online: Z3), which is what becomes a
//! 掉单; declined (any other answer). The baseline is the merchant's drop rate over all terminals
//! and the whole period; each terminal also gets the other terminals' pooled rate.
//!
//! ## When it speaks
//! With several terminals, a terminal whose drops are far above the others' gets a note: the same
//! one-sided Fisher exact test and Bonferroni threshold as the slow-burning detector
//! ([`super::persistent`]), over the terminals with at least [`super::persistent::MIN_FAILURES`]
//! drops. The note gives the numbers a merchant can quote to the POS provider ("this terminal
//! drops 4.0% of attempts, the others 0.3%") and says that frequent drops draw the acquirer's risk
//! control. A single terminal has nobody to be compared with: its rate is shown, without a note.
//!
//! ## Why compact
//! At a million attempts the report must stay small: one row per terminal and one
//! `[date, attempts, approved, declined, dropped]` array per terminal and day; rates are derived
//! from counts and rounded.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::network::lost_link;
use super::persistent::{ALPHA, MIN_FAILURES, acquirer_warning};
use super::{Attempts, terminal, terminal_name};
use crate::Lang;
use crate::diagnose::stats;
use crate::model::{Outcome, Record};
use crate::report::{HealthNote, TerminalHealth, TerminalHealthRow};

#[derive(Default, Clone, Copy)]
struct Counts {
    attempts: u64,
    approved: u64,
    declined: u64,
    dropped: u64,
}

impl Counts {
    fn add(&mut self, r: &Record) {
        self.attempts += 1;
        if r.outcome == Outcome::Approved {
            self.approved += 1;
        } else if dropped(r) {
            self.dropped += 1;
        } else {
            self.declined += 1;
        }
    }
}

/// The terminal never learnt the outcome, or could not go online.
pub(crate) fn dropped(r: &Record) -> bool {
    r.outcome != Outcome::Approved && (r.outcome == Outcome::Unknown || lost_link(r))
}

fn rate(hits: u64, of: u64) -> f64 {
    if of == 0 { 0.0 } else { (hits as f64 / of as f64 * 10_000.0).round() / 10_000.0 }
}

fn pct(r: f64) -> String {
    format!("{:.1}%", r * 100.0)
}

pub(crate) fn measure(att: &Attempts) -> Option<TerminalHealth> {
    if !att.sorted.iter().any(|&i| att.on_device(i)) {
        return None;
    }
    let mut total = Counts::default();
    let mut per: BTreeMap<&str, (Counts, BTreeMap<NaiveDate, Counts>)> = BTreeMap::new();
    for &idx in att.sorted.iter().filter(|&&i| att.on_device(i)) {
        let r = att.record(idx);
        total.add(r);
        let entry = per.entry(terminal(r)).or_default();
        entry.0.add(r);
        entry.1.entry(att.time(idx).date()).or_default().add(r);
    }
    let several = per.len() >= 2;
    let p_values: BTreeMap<&str, f64> = per
        .iter()
        .filter(|_| several)
        .map(|(&tid, (c, _))| {
            (tid, stats::fisher_greater(c.dropped, c.attempts, total.dropped, total.attempts))
        })
        .collect();
    let tested = per.values().filter(|(c, _)| several && c.dropped >= MIN_FAILURES as u64).count();
    let threshold = ALPHA / tested.max(1) as f64;
    let terminals = per
        .iter()
        .map(|(&tid, (c, days))| {
            let others = several.then(|| (total.dropped - c.dropped, total.attempts - c.attempts));
            let p = p_values.get(tid).copied();
            let note = match (p, others) {
                (Some(p), Some(o)) if c.dropped >= MIN_FAILURES as u64 && p <= threshold => {
                    Some(note(att.lang(), tid, c, o, p, threshold, days))
                }
                _ => None,
            };
            TerminalHealthRow {
                terminal_id: tid.to_owned(),
                attempts: c.attempts,
                approved: c.approved,
                declined: c.declined,
                dropped: c.dropped,
                drop_rate: rate(c.dropped, c.attempts),
                others_drop_rate: others.map(|(d, a)| rate(d, a)),
                p_value: p.map(stats::round_p),
                days: days
                    .iter()
                    .map(|(d, c)| (*d, c.attempts, c.approved, c.declined, c.dropped))
                    .collect(),
                note,
            }
        })
        .collect();
    Some(TerminalHealth { drop_rate: rate(total.dropped, total.attempts), terminals })
}

fn note(
    lang: Lang,
    tid: &str,
    c: &Counts,
    (other_dropped, other_attempts): (u64, u64),
    p: f64,
    threshold: f64,
    days: &BTreeMap<NaiveDate, Counts>,
) -> HealthNote {
    let name = terminal_name(lang, tid);
    let own = pct(rate(c.dropped, c.attempts));
    let others = pct(rate(other_dropped, other_attempts));
    let (p, thr) = (stats::show_p(p), stats::show_p(threshold));
    // The worst days, most drops first, at most five.
    let mut worst: Vec<(&NaiveDate, &Counts)> =
        days.iter().filter(|(_, d)| d.dropped > 0).collect();
    worst.sort_by(|a, b| b.1.dropped.cmp(&a.1.dropped).then_with(|| a.0.cmp(b.0)));
    let worst: Vec<String> = worst
        .iter()
        .take(5)
        .map(|(d, k)| format!("{} {}/{}", d.format("%m-%d"), k.dropped, k.attempts))
        .collect();
    let (title, evidence, mut actions) = match lang {
        Lang::Zh => (
            format!("终端健康：{name} 超时率 {own}，其他终端 {others}，明显偏高"),
            vec![
                format!(
                    "整段时间内，{name} 的 {} 笔交易中有 {} 笔超时或无应答（{own}），其他终端合计 {other_attempts} 笔中 {other_dropped} 笔（{others}）",
                    c.attempts, c.dropped
                ),
                format!("单侧 Fisher 精确检验 p = {p}，低于阈值 {thr}：不是偶然，是这台终端的问题"),
                format!("超时最多的日子（超时或无应答/交易）：{}", worst.join("、")),
            ],
            vec![
                format!(
                    "把这组数字告诉 POS 服务商：「{name} 超时率 {own}，其他终端 {others}」，请其检查终端和通讯模块。"
                ),
                format!(
                    "检查{name} 的网络：信号格数、流量卡套餐、Wi-Fi 路由器；能用有线网络就改用有线。"
                ),
            ],
        ),
        Lang::En => (
            format!(
                "Terminal health: {name} drops {own} of attempts, the other terminals {others}"
            ),
            vec![
                format!(
                    "over the whole period {name} had {} of {} attempts time out or get no reply ({own}); the other terminals {other_dropped} of {other_attempts} ({others})",
                    c.dropped, c.attempts
                ),
                format!(
                    "one-sided Fisher exact test p = {p}, below the threshold {thr}: not chance, this terminal"
                ),
                format!("days with the most drops (dropped/attempts): {}", worst.join(", ")),
            ],
            vec![
                format!(
                    "Give the POS provider these numbers (\"{name} drops {own} of attempts, the others {others}\") and ask them to check the terminal and its modem."
                ),
                format!(
                    "Check {name}'s network: signal, SIM data plan, Wi-Fi router; use a cable if you can."
                ),
            ],
        ),
    };
    actions.push(acquirer_warning(lang));
    HealthNote { title, evidence, actions }
}
