//! `bank_system`: the acquirer or the card switch failed, not the shop.
//!
//! Card attempts only: a wallet failing across devices is `wallet_system`, and its attempts
//! neither count as failures nor as approvals here.
//!
//! ## What it detects
//! Two patterns.
//!
//! - **Outage**: failures that point past the terminal (no reply, or codes 96 交换中心异常,
//!   91 发卡方不能操作, 92 线路不通, 98/68 发卡方超时, 90 日切, A7, C1, 20) chained across *all*
//!   terminals with at most [`GAP_MINUTES`] between neighbours, at least [`MIN_FAILURES`] of them,
//!   on at least two terminals when the files hold more than one, on cards of more than one
//!   issuer, and with no more approvals than failures in those minutes. With a single terminal in
//!   the files, only explicit host-fault codes (96, 90, 92, A7, C1) count, because a run of plain
//!   timeouts on one terminal is that terminal's network.
//! - **Cut-over** (日切): at least [`CUTOVER_MIN_FAILURES`] failures with 90 or 96 within
//!   [`CUTOVER_MARGIN_MINUTES`] minutes of the clearing cut-off (23:00 by default).
//!
//! ## Why
//! When several terminals fail in the same minutes with switch or issuer codes, the common part is
//! the acquirer or UnionPay; 90 is the day-end processing itself, and 96 around 23:00 is the switch
//! busy with it. Nothing in the shop needs repair, but attempts in those minutes are where money
//! goes missing: the switch may have charged cards whose answer never came back.
//!
//! ## What to do
//! Stop retrying while it lasts (take cash or QR), reconcile the affected minutes one by one once
//! the statements are in, and ask the acquirer to confirm the outage so disputes can cite it.
//! Around the cut-over, avoid settling or selling in the minutes around 23:00.

use std::collections::BTreeSet;

use chrono::Duration;

use super::{
    Attempts, Draft, bin, chains, code_in, code_summary, failed, member_lines, no_reply, terminal,
};
use crate::Lang;
use crate::model::{Outcome, Record};
use crate::report::Cause;

/// Largest gap between two failures of one outage.
pub(crate) const GAP_MINUTES: i64 = 5;
/// Fewest failures that make an outage.
pub(crate) const MIN_FAILURES: usize = 3;
/// Minutes either side of the cut-off that count as "at the cut-over".
pub(crate) const CUTOVER_MARGIN_MINUTES: i64 = 15;
/// Fewest failures that make a cut-over incident.
pub(crate) const CUTOVER_MIN_FAILURES: usize = 2;

/// Codes that say the host side failed outright.
const HOST_FAULT: &[&str] = &["96", "90", "92", "A7", "C1"];
/// Codes that say the answer was lost somewhere past the terminal.
const PAST_TERMINAL: &[&str] = &["96", "90", "92", "A7", "C1", "91", "98", "68", "20"];

fn past_terminal(r: &Record) -> bool {
    failed(r) && (no_reply(r) || code_in(r, PAST_TERMINAL))
}

/// Failures at the 23:00 cut-over.
pub(crate) fn detect_cutover(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let cutoff = att.ctx.settings().cutoff;
    let margin = Duration::minutes(CUTOVER_MARGIN_MINUTES);
    let near_cutoff: Vec<usize> = att
        .sorted
        .iter()
        .copied()
        .filter(|&idx| {
            let r = att.record(idx);
            if claimed.contains(&idx) || att.is_qr(idx) || !failed(r) || !code_in(r, &["90", "96"])
            {
                return false;
            }
            let t = att.time(idx);
            // Distance to the cut-off of the same evening or of the previous one.
            let same_day = t.date().and_time(cutoff);
            let d = (t - same_day).abs().min((t - (same_day + Duration::days(1))).abs());
            let d = d.min((t - (same_day - Duration::days(1))).abs());
            d <= margin
        })
        .collect();
    chains(att, &near_cutoff, 2 * CUTOVER_MARGIN_MINUTES * 60)
        .into_iter()
        .filter(|run| run.len() >= CUTOVER_MIN_FAILURES)
        .map(|run| cutover_draft(att, run))
        .collect()
}

/// Failures across all terminals in the same minutes.
pub(crate) fn detect_outage(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let n_terminals = att.card_terminal_count();
    let candidates: Vec<usize> = att
        .sorted
        .iter()
        .copied()
        .filter(|&idx| {
            let r = att.record(idx);
            !claimed.contains(&idx)
                && !att.is_qr(idx)
                && past_terminal(r)
                && (n_terminals > 1 || code_in(r, HOST_FAULT))
        })
        .collect();
    let mut out = Vec::new();
    for run in chains(att, &candidates, GAP_MINUTES * 60) {
        if run.len() < MIN_FAILURES {
            continue;
        }
        let terminals: BTreeSet<&str> = run.iter().map(|&i| terminal(att.record(i))).collect();
        if n_terminals > 1 && terminals.len() < 2 {
            continue;
        }
        let bins: BTreeSet<&str> = run.iter().filter_map(|&i| bin(att.record(i))).collect();
        if bins.len() == 1 && run.iter().all(|&i| bin(att.record(i)).is_some()) {
            continue; // one issuer's cards only: the issuer detector's business
        }
        let start = att.time(run[0]);
        let end = att.time(*run.last().expect("non-empty"));
        let approvals = att
            .between(start, end)
            .iter()
            .filter(|&&i| !att.is_qr(i) && att.record(i).outcome == Outcome::Approved)
            .count();
        if approvals > run.len() {
            continue;
        }
        let confidence = if terminals.len() >= 2 { 0.85 } else { 0.7 };
        out.push(outage_draft(att, run, terminals.len(), n_terminals, approvals, confidence));
    }
    out
}

fn outage_draft(
    att: &Attempts,
    members: Vec<usize>,
    failing_terminals: usize,
    n_terminals: usize,
    approvals: usize,
    confidence: f64,
) -> Draft {
    let lang = att.lang();
    let when = att.span_of(&members);
    let n = members.len();
    let title = match lang {
        Lang::Zh => format!("银行/银联系统故障：{when} 所有终端集中失败 {n} 笔"),
        Lang::En => format!("Bank or card-switch outage: {n} failures across terminals, {when}"),
    };
    let mut evidence = vec![
        match lang {
            Lang::Zh => format!(
                "{failing_terminals} 台终端（文件中共 {n_terminals} 台）在同一时段失败，相邻两笔间隔不超过 {GAP_MINUTES} 分钟"
            ),
            Lang::En => format!(
                "{failing_terminals} terminals (of {n_terminals} in the files) failed in the same minutes, at most {GAP_MINUTES} min apart"
            ),
        },
        match lang {
            Lang::Zh => format!(
                "应答码：{}（交换中心、发卡方或线路故障，不是终端本身）",
                code_summary(att, &members)
            ),
            Lang::En => format!(
                "response codes: {} (switch, issuer or line faults, not the terminal)",
                code_summary(att, &members)
            ),
        },
        match lang {
            Lang::Zh => format!("这段时间内成功 {approvals} 笔，失败 {n} 笔"),
            Lang::En => format!("{approvals} approvals and {n} failures in those minutes"),
        },
    ];
    evidence.extend(member_lines(att, &members, 10));
    let actions = match lang {
        Lang::Zh => vec![
            "这是收单机构或银联一侧的故障，店里的终端和网络无需修理；如果所有终端共用一个路由器，可顺便确认它正常。".to_owned(),
            "故障期间不要反复重刷同一张卡，改收现金或扫码，等几分钟后再试。".to_owned(),
            format!("对账单到了以后，逐笔核对 {when} 这 {n} 笔：被扣款的要补交商品或退款，顾客重复付款的要退回。"),
            format!("联系收单机构，请其确认 {when} 的系统故障，并记下受理编号，以备顾客投诉或调单时使用。"),
        ],
        Lang::En => vec![
            "This is a fault at the acquirer or UnionPay; nothing in the shop needs repair. If all terminals share one router, a quick check does no harm.".to_owned(),
            "While it lasts, do not keep retrying the same card; take cash or QR and try again in a few minutes.".to_owned(),
            format!("Once the statements are in, reconcile the {n} attempts of {when} one by one: hand over goods or refund where a card was charged, refund double payments."),
            format!("Ask the acquirer to confirm the outage of {when} and note the case number, for later customer disputes."),
        ],
    };
    Draft {
        cause: Cause::BankSystem,
        confidence,
        terminal_ids: Vec::new(),
        members,
        title,
        evidence,
        actions,
    }
}

fn cutover_draft(att: &Attempts, members: Vec<usize>) -> Draft {
    let lang = att.lang();
    let when = att.span_of(&members);
    let n = members.len();
    let cutoff = att.ctx.settings().cutoff.format("%H:%M");
    let terminals: BTreeSet<&str> = members.iter().map(|&i| terminal(att.record(i))).collect();
    let title = match lang {
        Lang::Zh => format!("日切时段失败：{when} 在 {cutoff} 日切前后失败 {n} 笔"),
        Lang::En => format!("Cut-over failures: {n} failures around the {cutoff} cut-over, {when}"),
    };
    let mut evidence = vec![
        match lang {
            Lang::Zh => format!(
                "{n} 笔失败都在日切 {cutoff} 前后 {CUTOVER_MARGIN_MINUTES} 分钟内：{}",
                code_summary(att, &members)
            ),
            Lang::En => format!(
                "{n} failures within {CUTOVER_MARGIN_MINUTES} min of the {cutoff} cut-over: {}",
                code_summary(att, &members)
            ),
        },
        match lang {
            Lang::Zh => "90 表示银联正在做日终处理，日切前后 96 多为交换中心忙于日切".to_owned(),
            Lang::En => "90 means UnionPay's day-end processing is running; a 96 around the cut-over is usually the switch busy with it".to_owned(),
        },
    ];
    evidence.extend(member_lines(att, &members, 10));
    let actions = match lang {
        Lang::Zh => vec![
            "这是银联日切造成的，终端和网络无需修理；日切过后几分钟再试即可。".to_owned(),
            format!("尽量避免在 {cutoff} 前后几分钟内收款或做批结算；营业到深夜的店可以提前结算。"),
            format!("核对 {when} 前后的交易：{cutoff} 之后的交易计入下一天的清算日期，查对账单时要看下一天的文件。"),
        ],
        Lang::En => vec![
            "This is UnionPay's day-end cut-over; nothing to repair. Try again a few minutes later.".to_owned(),
            format!("Avoid taking payments or settling the batch in the minutes around {cutoff}; late-night shops can settle earlier."),
            format!("Check the attempts around {when}: sales after {cutoff} clear on the next date, so look for them in the next day's statement."),
        ],
    };
    Draft {
        cause: Cause::BankSystem,
        confidence: 0.8,
        terminal_ids: if terminals.len() == 1 {
            terminals.into_iter().filter(|t| !t.is_empty()).map(str::to_owned).collect()
        } else {
            Vec::new()
        },
        members,
        title,
        evidence,
        actions,
    }
}
