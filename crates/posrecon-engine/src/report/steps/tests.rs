//! Tests of the steps: the demo week's dropped 1,580.00 sale followed to the bank (two working
//! days late), a missing deposit, a settlement the terminal never saw, and the words.

use chrono::NaiveDate;

use super::*;
use crate::config::{Options, SourceFile};
use crate::report::Kind;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn demo_files(bank: bool) -> Vec<SourceFile> {
    let mut files = vec![
        SourceFile::new(
            "收单对账单_20261108-20261114.csv",
            include_bytes!("../../../../../www/demo/收单对账单_20261108-20261114.csv").as_slice(),
        ),
        SourceFile::new(
            "终端交易明细_20261109-20261115.csv",
            include_bytes!("../../../../../www/demo/终端交易明细_20261109-20261115.csv").as_slice(),
        ),
    ];
    if bank {
        files.push(SourceFile::new(
            "银行流水_20261101-20261120.csv",
            include_bytes!("../../../../../www/demo/银行流水_20261101-20261120.csv").as_slice(),
        ));
    }
    files
}

/// The steps of each finding of the demo week, by kind, with its lines in `lang`.
fn demo_steps(bank: bool, lang: Lang) -> Vec<(Kind, Steps, Vec<StepLine>)> {
    let mut options = Options::new(date("2026-11-25"));
    options.lang = lang;
    let matched = crate::pipeline::run(&demo_files(bank), &options);
    let report = crate::analyze_matched(&matched, &options);
    let index = Index::new(&matched, &options);
    index
        .of_findings(&report)
        .into_iter()
        .map(|(id, steps)| {
            let kind = report.findings.iter().find(|f| f.id == id).unwrap().kind;
            let lines = steps.words(lang);
            (kind, steps, lines)
        })
        .collect()
}

fn of_kind(all: &[(Kind, Steps, Vec<StepLine>)], kind: Kind) -> (Steps, Vec<StepLine>) {
    let (_, steps, lines) = all.iter().find(|(k, _, _)| *k == kind).unwrap();
    (steps.clone(), lines.clone())
}

#[test]
fn the_dropped_sale_timed_out_settled_and_reached_the_bank_two_working_days_late() {
    let all = demo_steps(true, Lang::Zh);
    let (steps, lines) = of_kind(&all, Kind::ChargedButFailed);
    assert_eq!(steps.terminal.hop, Some(TerminalHop::Unknown));
    assert_eq!(steps.acquirer.clearing_date, Some(date("2026-11-09")));
    assert_eq!(steps.acquirer.amount_cents, 158_000);
    assert_eq!(steps.bank.due, Some(date("2026-11-10")));
    assert_eq!(steps.bank.arrived, Some(date("2026-11-12")));
    assert_eq!(steps.bank.late_working_days, 2);
    let text: Vec<(Mark, &str, Option<&str>, &str)> = lines
        .iter()
        .map(|l| (l.mark, l.head.as_str(), l.date.as_deref(), l.text.as_str()))
        .collect();
    assert_eq!(
        text,
        [
            (Mark::Problem, "终端", Some("11-09 10:05"), "终端显示「交易超时」，没有收到结果"),
            (Mark::Ok, "收单机构", Some("11-09"), "已结算 1,580.00 元，清算日期 2026-11-09"),
            (Mark::Late, "银行", Some("11-12"), "11-12 到账，晚到 2 个工作日（应 11-10 到账）"),
        ]
    );
    let en = demo_steps(true, Lang::En);
    let (_, lines) = of_kind(&en, Kind::ChargedButFailed);
    assert_eq!(lines[2].text, "arrived 11-12, late by 2 working days (due 11-10)");
}

#[test]
fn a_day_never_paid_says_when_it_was_due() {
    let all = demo_steps(true, Lang::Zh);
    let (steps, lines) = of_kind(&all, Kind::MissingDeposit);
    assert!(steps.payments > 1, "a day's deposit covers its sales");
    assert_eq!(lines[2].mark, Mark::Problem);
    assert_eq!(lines[2].text, "未到账（应 11-12 到账）");
    assert!(lines[0].text.starts_with(&format!("共 {} 笔交易", steps.payments)));
}

#[test]
fn a_settlement_the_terminal_never_saw_and_a_missing_settlement_are_problems() {
    let all = demo_steps(true, Lang::Zh);
    let (_, lines) = of_kind(&all, Kind::UnexpectedSettlement);
    assert_eq!((lines[0].mark, lines[0].text.as_str()), (Mark::Problem, "终端流水里没有这笔"));
    let (_, lines) = of_kind(&all, Kind::MissingSettlement);
    assert_eq!(lines[1].mark, Mark::Problem);
    assert_eq!(lines[2].text, "没有结算，不会到账");
    // The mark says what the words say: the money will not come (it showed "?" before).
    assert_eq!(lines[2].mark, Mark::Problem);
}

#[test]
fn without_a_deposit_hop_the_bank_mark_follows_the_settlement() {
    let bank = BankStep::default();
    let cases = [
        (Some(SettlementHop::Absent), Mark::Problem, "没有结算，不会到账"),
        (Some(SettlementHop::Cancelled), Mark::Ok, "没有结算，不会到账"),
        (
            Some(SettlementHop::NotCovered),
            Mark::Unknown,
            "要看收单对账单是否结算，才能知道会不会到账",
        ),
    ];
    for (settlement, mark, text) in cases {
        let steps = Steps {
            acquirer: AcquirerStep { hop: settlement, loaded: true, ..AcquirerStep::default() },
            bank: bank.clone(),
            ..Steps::default()
        };
        let line = &steps.words(Lang::Zh)[2];
        assert_eq!((line.mark, line.text.as_str()), (mark, text), "{settlement:?}");
    }
}

#[test]
fn without_the_bank_statement_the_bank_step_says_so() {
    let all = demo_steps(false, Lang::Zh);
    let (steps, lines) = of_kind(&all, Kind::ChargedButFailed);
    assert!(!steps.bank.loaded);
    assert_eq!(lines[2].mark, Mark::Unknown);
    assert!(lines[2].text.starts_with("银行流水未载入"), "{}", lines[2].text);
}

#[test]
fn deposits_expected_and_received_per_day() {
    let options = Options::new(date("2026-11-25"));
    let matched = crate::pipeline::run(&demo_files(true), &options);
    let days = deposit_days(&matched);
    let on = |d: &str| days.iter().find(|x| x.date == date(d)).cloned().unwrap();
    // 11-11's clearing date was due on 11-12 and never paid; 11-09's came that day, late.
    assert!(on("2026-11-12").expected_cents > 0);
    assert!(on("2026-11-12").received_cents > 0);
    assert_eq!(on("2026-11-10").received_cents, 0, "11-09's money did not come on 11-10");
    assert!(on("2026-11-10").expected_cents > 0);
    let without_bank = crate::pipeline::run(&demo_files(false), &options);
    assert!(deposit_days(&without_bank).is_empty());
}
