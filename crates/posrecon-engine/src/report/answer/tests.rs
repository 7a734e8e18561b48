//! Tests of the answer: the demo week's money by direction and order, and tables of findings
//! that pin each rule of [`super::direction`] and [`super::by_urgency`].

use chrono::NaiveDate;

use super::*;
use crate::config::{Options, SourceFile};
use crate::report::FindingDates;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The demo week of `www/demo/` as the page's demo button loads it, as of 2026-11-25.
pub(crate) fn demo_report() -> Report {
    let files = [
        SourceFile::new(
            "收单对账单_20261108-20261114.csv",
            include_bytes!("../../../../../www/demo/收单对账单_20261108-20261114.csv").as_slice(),
        ),
        SourceFile::new(
            "终端交易明细_20261109-20261115.csv",
            include_bytes!("../../../../../www/demo/终端交易明细_20261109-20261115.csv").as_slice(),
        ),
        SourceFile::new(
            "银行流水_20261101-20261120.csv",
            include_bytes!("../../../../../www/demo/银行流水_20261101-20261120.csv").as_slice(),
        ),
    ];
    crate::analyze(&files, &Options::new(date("2026-11-25")))
}

/// A finding with only what the answer reads.
fn finding(
    id: &str,
    kind: Kind,
    severity: Severity,
    cents: i64,
    escalate: Option<&str>,
) -> Finding {
    Finding {
        id: id.to_owned(),
        kind,
        severity,
        amount_cents: cents,
        confidence: 0.9,
        cause: None,
        incident_id: None,
        title: String::new(),
        explanation: String::new(),
        records: Vec::new(),
        dates: FindingDates { escalate_after: escalate.map(date), ..FindingDates::default() },
        evidence: Vec::new(),
        actions: Vec::new(),
    }
}

#[test]
fn the_demo_weeks_money_by_direction() {
    let report = demo_report();
    let a = answer(&report);
    let got: Vec<(i64, Vec<&str>)> = Direction::ALL
        .iter()
        .map(|d| {
            let m = a.money.get(*d);
            (m.cents, m.finding_ids.iter().map(String::as_str).collect())
        })
        .collect();
    assert_eq!(
        got,
        [
            // 未到账 1,187.47 + 到账少 37.86 + 短款 88.00.
            (131_333, vec!["F0003", "F0004", "F0005"]),
            // 重复扣款 268.00 + 金额不一致 328.50.
            (59_650, vec!["F0002", "F0008"]),
            // 掉单 1,580.00 + 长款 520.00 + 结果待定 199.00.
            (229_900, vec!["F0001", "F0007", "F0009"]),
        ]
    );
    // Together: the money at risk the summary states (the late deposit counts nowhere).
    let total: i64 = Direction::ALL.iter().map(|d| a.money.get(*d).cents).sum();
    assert_eq!(total, report.summary.money_at_risk_cents);
    assert_eq!(a.merchant_ids, ["898440358120014"]);
    assert_eq!(a.merchant_names, ["示例便利店"]);
    let period = a.period.unwrap();
    assert_eq!(period.start.date(), date("2026-11-08"));
    assert_eq!(period.end.date(), date("2026-11-18"));
}

#[test]
fn the_demo_weeks_findings_by_urgency() {
    let report = demo_report();
    let a = answer(&report);
    let order: Vec<(&str, When)> =
        a.by_urgency.iter().map(|x| (x.finding.id.as_str(), x.when)).collect();
    assert_eq!(
        order,
        [
            // High, overdue: the longest overdue first, then the larger amount.
            ("F0003", When::Overdue { days: 9 }),
            ("F0004", When::Overdue { days: 8 }),
            ("F0005", When::Overdue { days: 8 }),
            // High, act now: the larger amount first.
            ("F0001", When::Now),
            ("F0008", When::Now),
            ("F0002", When::Now),
            // Medium.
            ("F0009", When::Overdue { days: 6 }),
            ("F0007", When::Now),
            // Low.
            ("F0006", When::Now),
        ]
    );
    let actions: Vec<&str> = a.actions.iter().map(|x| x.finding.id.as_str()).collect();
    assert_eq!(actions, ["F0003", "F0004", "F0005", "F0001", "F0008"]);
    assert_eq!(a.actions[1].escalate_after, Some(date("2026-11-17")));
    assert_eq!(a.actions[1].expected_deposit_date, Some(date("2026-11-12")));
}

#[test]
fn each_kind_counts_in_one_direction_by_its_grade() {
    use Direction::{ToCustomers as Customers, ToShop as Shop, Unconfirmed as Unknown};
    use Severity::{High, Info, Low, Medium};
    let cases: &[(Kind, Severity, Option<Direction>)] = &[
        (Kind::MissingSettlement, High, Some(Shop)),
        (Kind::MissingSettlement, Medium, Some(Shop)),
        (Kind::MissingDeposit, High, Some(Shop)),
        (Kind::MissingDeposit, Low, Some(Unknown)),
        (Kind::DepositMismatch, High, Some(Shop)),
        (Kind::DepositMismatch, Low, Some(Unknown)),
        (Kind::OverRefund, High, Some(Shop)),
        (Kind::OverRefund, Medium, Some(Unknown)),
        (Kind::FeeMismatch, Medium, Some(Shop)),
        (Kind::FeeMismatch, Low, None),
        (Kind::DuplicateCharge, High, Some(Customers)),
        (Kind::AmountMismatch, High, Some(Customers)),
        (Kind::ReversalNotSettledBack, High, Some(Customers)),
        (Kind::ChargedButFailed, High, Some(Unknown)),
        (Kind::UnexpectedSettlement, Medium, Some(Unknown)),
        (Kind::PendingOutcome, Medium, Some(Unknown)),
        (Kind::PendingOutcome, Low, Some(Unknown)),
        (Kind::OrderNotPaid, High, Some(Unknown)),
        (Kind::LateDeposit, Low, None),
        (Kind::ChargedButFailed, Info, None),
    ];
    for (kind, severity, want) in cases {
        let f = finding("F0001", *kind, *severity, 100, None);
        assert_eq!(direction(&f), *want, "{kind:?} {severity:?}");
    }
    // Every kind has a rule at high severity (a new kind must be given one here).
    for kind in Kind::ALL {
        assert!(cases.iter().any(|(k, _, _)| *k == kind), "{kind:?} has no case");
    }
}

#[test]
fn urgency_is_severity_then_overdue_now_later_then_amount() {
    let findings = vec![
        finding("F0001", Kind::PendingOutcome, Severity::Medium, 50_000, Some("2026-11-30")),
        finding("F0002", Kind::MissingDeposit, Severity::High, 100, Some("2026-11-30")),
        finding("F0003", Kind::ChargedButFailed, Severity::High, 200, None),
        finding("F0004", Kind::MissingDeposit, Severity::High, 100, Some("2026-11-20")),
        finding("F0005", Kind::MissingDeposit, Severity::High, 900, Some("2026-11-28")),
        finding("F0006", Kind::ChargedButFailed, Severity::High, 300, None),
        // Due today: not overdue yet.
        finding("F0007", Kind::MissingDeposit, Severity::High, 100, Some("2026-11-25")),
        finding("F0008", Kind::LateDeposit, Severity::Low, 90_000, None),
    ];
    let mut report = demo_report();
    report.findings = findings;
    let order: Vec<&str> = by_urgency(&report).iter().map(|a| a.finding.id.as_str()).collect();
    assert_eq!(order, ["F0004", "F0006", "F0003", "F0007", "F0005", "F0002", "F0001", "F0008"]);
    let a = answer(&report);
    assert_eq!(a.actions.len(), MAX_ACTIONS);
    assert!(a.actions.iter().all(|x| x.finding.id != "F0008"), "a low finding is no action");
}

#[test]
fn merchant_ids_come_from_the_report_once_the_files_name_the_merchant() {
    let mut report = demo_report();
    report.merchant.merchant_ids = vec!["898440358120099".to_owned()];
    report.merchant.names = vec!["示例便利店".to_owned()];
    let a = answer(&report);
    assert_eq!(a.merchant_ids, ["898440358120099"]);
    assert_eq!(a.merchant_names, ["示例便利店"]);
}
