//! The Chinese words of a payment's steps (terminal -> acquirer -> bank). Same items as `en.rs`.

use super::{
    BankStep, Stage, StepLine, Steps, acquirer_mark, bank_mark, short_date, short_time,
    terminal_mark,
};
use crate::config::Lang;
use crate::report::money::money;
use crate::report::{DepositHop, SettlementHop, TerminalHop};

/// The three lines, terminal first.
pub(super) fn lines(steps: &Steps) -> Vec<StepLine> {
    vec![terminal(steps), acquirer(steps), bank(&steps.bank, steps.acquirer.hop)]
}

fn terminal(steps: &Steps) -> StepLine {
    let t = &steps.terminal;
    let shown = t.shown.as_deref().filter(|s| !s.trim().is_empty());
    let said = match (t.hop, shown) {
        (Some(TerminalHop::Approved), _) => "终端显示成功".to_owned(),
        (Some(TerminalHop::Declined), Some(s)) => format!("终端显示失败「{s}」"),
        (Some(TerminalHop::Declined), None) => "终端显示失败".to_owned(),
        (Some(TerminalHop::Unknown), Some(s)) => format!("终端显示「{s}」，没有收到结果"),
        (Some(TerminalHop::Unknown), None) => "终端没有收到结果（超时）".to_owned(),
        (Some(TerminalHop::Absent), _) => "终端流水里没有这笔".to_owned(),
        (Some(TerminalHop::NotCovered), _) if t.loaded => "终端流水不含这段时间".to_owned(),
        (Some(TerminalHop::NotCovered), _) => "终端流水未载入".to_owned(),
        (None, _) => "银行入账，不经过终端".to_owned(),
    };
    let text = if steps.payments > 1 {
        format!("共 {} 笔交易，第一笔：{said}", steps.payments)
    } else {
        said
    };
    StepLine {
        stage: Stage::Terminal,
        mark: terminal_mark(t.hop),
        head: "终端".to_owned(),
        date: t.time.map(short_time),
        text,
    }
}

fn acquirer(steps: &Steps) -> StepLine {
    let a = &steps.acquirer;
    let (who, file) =
        if a.wallet { ("钱包", "钱包账单") } else { ("收单机构", "收单对账单") };
    let text = match a.hop {
        Some(SettlementHop::Settled) => match a.clearing_date {
            Some(d) => format!("已结算 {}，清算日期 {}", money(Lang::Zh, a.amount_cents), d),
            None => format!("已结算 {}", money(Lang::Zh, a.amount_cents)),
        },
        Some(SettlementHop::Cancelled) => "已撤销或冲正，不结算".to_owned(),
        Some(SettlementHop::Absent) => format!("{file}里没有这笔"),
        Some(SettlementHop::NotCovered) if a.loaded => format!("{file}不含这一天"),
        Some(SettlementHop::NotCovered) => format!("{file}未载入"),
        None => "不经过收单机构".to_owned(),
    };
    StepLine {
        stage: Stage::Acquirer,
        mark: acquirer_mark(a.hop),
        head: who.to_owned(),
        date: a.clearing_date.map(short_date),
        text,
    }
}

fn bank(b: &BankStep, settlement: Option<SettlementHop>) -> StepLine {
    let due = b.due.map(short_date).unwrap_or_else(|| "—".to_owned());
    let arrived = b.arrived.map(short_date).unwrap_or_else(|| "—".to_owned());
    let text = match b.hop {
        Some(DepositHop::Deposited) if b.late_working_days > 0 => {
            format!("{arrived} 到账，晚到 {} 个工作日（应 {due} 到账）", b.late_working_days)
        }
        Some(DepositHop::Deposited) => format!("{arrived} 按时到账"),
        Some(DepositHop::Short) => match b.credit_cents {
            Some(c) => format!("{arrived} 到账，但金额不对（当天入账 {}）", money(Lang::Zh, c)),
            None => format!("{arrived} 到账，但金额不对"),
        },
        Some(DepositHop::Missing) => format!("未到账（应 {due} 到账）"),
        Some(DepositHop::NotDue) => format!("还没到期，预计 {due} 到账"),
        Some(DepositHop::NotCovered) if b.loaded => format!("银行流水不含 {due}，还不能确认"),
        Some(DepositHop::NotCovered) => format!("银行流水未载入（预计 {due} 到账）"),
        Some(DepositHop::Unexplained) => "这笔入账对不上任何清算日".to_owned(),
        Some(DepositHop::TakenBack) => "银行已退回这笔入账".to_owned(),
        Some(DepositHop::HeldInWallet) => "钱留在钱包余额里，何时转到银行卡无法确定".to_owned(),
        None if settlement == Some(SettlementHop::Settled) && !b.loaded => {
            "银行流水未载入".to_owned()
        }
        None if settlement == Some(SettlementHop::Settled) => {
            "银行流水里查不到，还不能确认".to_owned()
        }
        None if matches!(settlement, Some(SettlementHop::Absent | SettlementHop::Cancelled)) => {
            "没有结算，不会到账".to_owned()
        }
        None => "要看收单对账单是否结算，才能知道会不会到账".to_owned(),
    };
    StepLine {
        stage: Stage::Bank,
        mark: bank_mark(b, settlement),
        head: "银行".to_owned(),
        date: b.arrived.or(b.due).map(short_date),
        text,
    }
}
