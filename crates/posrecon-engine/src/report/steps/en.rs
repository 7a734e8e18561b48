//! The English words of a payment's steps (terminal -> acquirer -> bank). Same items as `zh.rs`.

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
        (Some(TerminalHop::Approved), _) => "the terminal showed success".to_owned(),
        (Some(TerminalHop::Declined), Some(s)) => format!("the terminal showed failure \"{s}\""),
        (Some(TerminalHop::Declined), None) => "the terminal showed failure".to_owned(),
        (Some(TerminalHop::Unknown), Some(s)) => {
            format!("the terminal showed \"{s}\": no result came back")
        }
        (Some(TerminalHop::Unknown), None) => "no result came back (timeout)".to_owned(),
        (Some(TerminalHop::Absent), _) => "not in the terminal log".to_owned(),
        (Some(TerminalHop::NotCovered), _) if t.loaded => {
            "the terminal log does not cover this time".to_owned()
        }
        (Some(TerminalHop::NotCovered), _) => "terminal log not loaded".to_owned(),
        (None, _) => "a bank credit: no terminal involved".to_owned(),
    };
    let text = if steps.payments > 1 {
        format!("{} payments; the first: {said}", steps.payments)
    } else {
        said
    };
    StepLine {
        stage: Stage::Terminal,
        mark: terminal_mark(t.hop),
        head: "Terminal".to_owned(),
        date: t.time.map(short_time),
        text,
    }
}

fn acquirer(steps: &Steps) -> StepLine {
    let a = &steps.acquirer;
    let (who, file) =
        if a.wallet { ("Wallet", "wallet bill") } else { ("Acquirer", "acquirer statement") };
    let text = match a.hop {
        Some(SettlementHop::Settled) => match a.clearing_date {
            Some(d) => format!("settled {}, clearing date {}", money(Lang::En, a.amount_cents), d),
            None => format!("settled {}", money(Lang::En, a.amount_cents)),
        },
        Some(SettlementHop::Cancelled) => "voided or reversed: nothing to settle".to_owned(),
        Some(SettlementHop::Absent) => format!("not in the {file}"),
        Some(SettlementHop::NotCovered) if a.loaded => {
            format!("the {file} does not cover this day")
        }
        Some(SettlementHop::NotCovered) => format!("{file} not loaded"),
        None => "no acquirer involved".to_owned(),
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
    let plural = |n: i64| if n == 1 { "" } else { "s" };
    let text = match b.hop {
        Some(DepositHop::Deposited) if b.late_working_days > 0 => format!(
            "arrived {arrived}, late by {} working day{} (due {due})",
            b.late_working_days,
            plural(b.late_working_days)
        ),
        Some(DepositHop::Deposited) => format!("arrived {arrived}, on time"),
        Some(DepositHop::Short) => match b.credit_cents {
            Some(c) => format!("arrived {arrived}, wrong amount ({} credited)", money(Lang::En, c)),
            None => format!("arrived {arrived}, wrong amount"),
        },
        Some(DepositHop::Missing) => format!("not arrived (due {due})"),
        Some(DepositHop::NotDue) => format!("not due yet, expected {due}"),
        Some(DepositHop::NotCovered) if b.loaded => {
            format!("the bank statement does not cover {due}: not known yet")
        }
        Some(DepositHop::NotCovered) => format!("bank statement not loaded (expected {due})"),
        Some(DepositHop::Unexplained) => "this credit pays no clearing day".to_owned(),
        Some(DepositHop::TakenBack) => "the bank took this credit back".to_owned(),
        Some(DepositHop::HeldInWallet) => {
            "held in the wallet's balance: when it reaches the bank is unknown".to_owned()
        }
        None if settlement == Some(SettlementHop::Settled) && !b.loaded => {
            "bank statement not loaded".to_owned()
        }
        None if settlement == Some(SettlementHop::Settled) => {
            "not found in the bank statement: not known yet".to_owned()
        }
        None if matches!(settlement, Some(SettlementHop::Absent | SettlementHop::Cancelled)) => {
            "not settled: nothing will arrive".to_owned()
        }
        None => "whether it arrives depends on the acquirer's settlement: not known yet".to_owned(),
    };
    StepLine {
        stage: Stage::Bank,
        mark: bank_mark(b, settlement),
        head: "Bank".to_owned(),
        date: b.arrived.or(b.due).map(short_date),
        text,
    }
}
