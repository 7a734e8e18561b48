//! Refunds the shop already made, and one sale charged three times, through `analyze` on files in
//! the layouts a tester used (a terminal log with 原参考号, an acquirer statement with 清算日期;
//! invented data): the findings that would ask for a refund say it was made, and count in no money
//! direction; a purchase charged three times is one finding for both extra charges.

use chrono::NaiveDate;
use posrecon_engine::report::Severity;
use posrecon_engine::report::answer::{Direction, answer};
use posrecon_engine::report::case::{self, Ask, Part};
use posrecon_engine::{Options, SourceFile, analyze};

const TERMINAL_HEAD: &str = "POS终端交易明细\n商户名称：鲜味小馆,商户号：898310058121234\n\n\
交易时间,终端号,批次号,凭证号,参考号,授权码,卡号,交易类型,交易金额(元),应答码,应答信息,原参考号\n";

const ACQUIRER_HEAD: &str = "商户号,终端号,交易日期,交易时间,交易类型,交易批次号,凭证号,参考号,卡号,交易金额,手续费,结算金额,清算日期\n";

/// A 256.00 timeout the acquirer settled, a 188.00 timeout charged again; `refunds` adds the
/// 退货 lines of both files, `third` a second timeout of the 188.00 sale.
fn files(refunds: bool, third: bool) -> Vec<SourceFile> {
    let mut terminal = TERMINAL_HEAD.to_owned();
    let mut acquirer = ACQUIRER_HEAD.to_owned();
    let t = |l: &str, s: &mut String| s.push_str(&format!("{l}\n"));
    t(
        "2026-12-01 09:12:03,20231101,000021,000101,408120000007,212017,622848******1234,消费,45.00,00,交易成功,",
        &mut terminal,
    );
    t(
        "2026-12-01 11:02:10,20231101,000021,000102,,,622588******3321,消费,256.00,,交易超时,",
        &mut terminal,
    );
    t(
        "2026-12-02 19:30:05,20231102,000021,000506,,,622588******3321,消费,188.00,,交易超时,",
        &mut terminal,
    );
    if third {
        t(
            "2026-12-02 19:30:50,20231102,000021,000516,,,622588******3321,消费,188.00,,交易超时,",
            &mut terminal,
        );
    }
    t(
        "2026-12-02 19:31:20,20231102,000021,000507,408120000084,869717,622588******3321,消费,188.00,00,交易成功,",
        &mut terminal,
    );
    t(
        "898310058121234,20231101,2026-12-01,09:12:03,消费,000021,000101,408120000007,622848******1234,45.00,0.17,44.83,2026-12-01",
        &mut acquirer,
    );
    t(
        "898310058121234,20231101,2026-12-01,11:02:10,消费,000021,000102,408120000021,622588******3321,256.00,0.97,255.03,2026-12-01",
        &mut acquirer,
    );
    t(
        "898310058121234,20231102,2026-12-02,19:30:05,消费,000021,000506,408120000077,622588******3321,188.00,0.71,187.29,2026-12-02",
        &mut acquirer,
    );
    if third {
        t(
            "898310058121234,20231102,2026-12-02,19:30:50,消费,000021,000516,408120000999,622588******3321,188.00,0.71,187.29,2026-12-02",
            &mut acquirer,
        );
    }
    t(
        "898310058121234,20231102,2026-12-02,19:31:20,消费,000021,000507,408120000084,622588******3321,188.00,0.71,187.29,2026-12-02",
        &mut acquirer,
    );
    if refunds {
        t(
            "2026-12-02 09:20:00,20231101,000021,000530,408120000400,,622588******3321,退货,256.00,00,交易成功,408120000021",
            &mut terminal,
        );
        t(
            "2026-12-03 08:55:00,20231102,000021,000520,408120000300,,622588******3321,退货,188.00,00,交易成功,408120000077",
            &mut terminal,
        );
        t(
            "898310058121234,20231101,2026-12-02,09:20:00,退货,000021,000530,408120000400,622588******3321,-256.00,-0.97,-255.03,2026-12-02",
            &mut acquirer,
        );
        t(
            "898310058121234,20231102,2026-12-03,08:55:00,退货,000021,000520,408120000300,622588******3321,-188.00,-0.71,-187.29,2026-12-03",
            &mut acquirer,
        );
    }
    vec![
        SourceFile::new("POS终端交易明细_20261201-20261204.csv", terminal.as_bytes()),
        SourceFile::new("收单对账单_20261201-20261204.csv", acquirer.as_bytes()),
    ]
}

fn options() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2026, 12, 10).unwrap())
}

fn kinds(files: &[SourceFile]) -> Vec<(String, Severity, i64)> {
    let report = analyze(files, &options());
    report
        .findings
        .iter()
        .filter(|f| matches!(f.kind.as_str(), "charged_but_failed" | "duplicate_charge"))
        .map(|f| (f.kind.as_str().to_owned(), f.severity, f.amount_cents))
        .collect()
}

#[test]
fn refunds_already_made_ask_for_no_second_refund() {
    let before = kinds(&files(false, false));
    assert_eq!(
        before,
        [
            ("charged_but_failed".to_owned(), Severity::High, 25_600),
            ("duplicate_charge".to_owned(), Severity::High, 18_800)
        ]
    );
    let after = kinds(&files(true, false));
    assert_eq!(
        after,
        [
            ("charged_but_failed".to_owned(), Severity::Info, 0),
            ("duplicate_charge".to_owned(), Severity::Info, 0)
        ]
    );
    let report = analyze(&files(true, false), &options());
    let owed = answer(&report);
    for direction in [Direction::ToCustomers, Direction::Unconfirmed] {
        assert_eq!(owed.money.get(direction).cents, 0, "{direction:?}");
    }
    let dup = report.findings.iter().find(|f| f.kind.as_str() == "duplicate_charge").unwrap();
    assert!(dup.title.starts_with("已退款"), "{}", dup.title);
    assert!(dup.explanation.contains("408120000300"), "{}", dup.explanation);
    // Its case sheet asks no one for a refund, and shows the refund as the undoing.
    let sheet = case::of(&report, &dup.id).unwrap();
    assert_eq!(sheet.request.ask, Ask::KeepReceipts);
    assert!(sheet.transactions.iter().any(|t| t.part == Part::Undoing));
}

#[test]
fn a_sale_charged_three_times_is_one_finding_for_both_extra_charges() {
    let found = kinds(&files(false, true));
    assert_eq!(
        found,
        [
            ("charged_but_failed".to_owned(), Severity::High, 25_600),
            ("duplicate_charge".to_owned(), Severity::High, 37_600)
        ]
    );
    // Its case sheet: both extra charges to give back, the approved one kept.
    let report = analyze(&files(false, true), &options());
    let dup = report.findings.iter().find(|f| f.kind.as_str() == "duplicate_charge").unwrap();
    let parts: Vec<Part> =
        case::of(&report, &dup.id).unwrap().transactions.iter().map(|t| t.part).collect();
    assert_eq!(parts, [Part::GiveBack, Part::GiveBack, Part::Keep]);
    // One of the two extra charges already refunded: the other is still owed.
    let found = kinds(&files(true, true));
    assert_eq!(found[1], ("duplicate_charge".to_owned(), Severity::High, 18_800));
}
