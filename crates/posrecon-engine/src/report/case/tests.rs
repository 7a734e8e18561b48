//! Which transactions each kind of case concerns, and what is asked of whom, on the golden
//! reports (their `expected.json`).

use super::*;
use crate::report::Report;

fn golden(name: &str) -> Report {
    macro_rules! expected {
        ($case:literal) => {
            include_str!(concat!("../../../../../tests/golden/", $case, "/expected.json"))
        };
    }
    let text = match name {
        "demo-week" => expected!("demo-week"),
        "qr-till-rescan" => expected!("qr-till-rescan"),
        "fees-orders-voids" => expected!("fees-orders-voids"),
        "qr-payments" => expected!("qr-payments"),
        "wallet-payouts" => expected!("wallet-payouts"),
        other => panic!("no golden {other} in this test"),
    };
    serde_json::from_str(text).unwrap()
}

fn stans(case: &Case) -> Vec<(Part, Option<String>)> {
    case.transactions.iter().map(|t| (t.part, t.stan.clone())).collect()
}

#[test]
fn a_deposit_case_concerns_the_payout_not_the_sales_of_the_day() {
    let report = golden("demo-week");
    // F0004's records are the eight settled rows of 2026-11-11, the first a 268.00 sale.
    let case = of(&report, "F0004").unwrap();
    assert_eq!(case.finding.records[0].amount_cents, 26_800);
    assert!(case.transactions.is_empty());
    let payout = case.payout.as_ref().unwrap();
    assert_eq!(payout.settlement_dates, [NaiveDate::from_ymd_opt(2026, 11, 11).unwrap()]);
    assert_eq!((payout.rows, payout.rows_capped), (8, false));
    assert!(case.bank_lines.is_empty());
    assert_eq!(case.bank_files.len(), 1);
    assert_eq!(case.request.ask, Ask::TraceDeposit);
    assert_eq!(case.request.to, Party::Acquirer);
    assert_eq!(case.request.also, Some((Ask::BankIncoming, Party::Bank)));
    assert!(case.request.overdue, "2026-11-17 has passed on 2026-11-25");
    // A short payout names its bank credit.
    let short = of(&report, "F0003").unwrap();
    assert!(short.transactions.is_empty());
    assert_eq!(short.bank_lines.len(), 1);
    assert_eq!(short.bank_lines[0].amount_cents, 115_808);
    assert_eq!(short.merchant.merchant_ids, ["898440358120014"]);
}

#[test]
fn a_dropped_sale_is_one_transaction_seen_in_two_files() {
    let report = golden("demo-week");
    let case = of(&report, "F0001").unwrap();
    assert_eq!(case.transactions.len(), 1);
    let t = &case.transactions[0];
    assert_eq!(t.sources.len(), 2);
    assert_eq!(t.rrn.as_deref(), Some("309140500028"), "from the statement line");
    assert_eq!(t.terminal_said.as_deref(), Some("交易超时"), "from the terminal line");
    assert_eq!(t.settlement_date, NaiveDate::from_ymd_opt(2026, 11, 9));
    assert_eq!(t.amounts, [(Role::TerminalLog, 158_000)]);
    assert_eq!(case.terminals, ["10086602"]);
    assert_eq!((case.request.ask, case.request.to), (Ask::ConfirmCharge, Party::Acquirer));
}

#[test]
fn a_double_charge_is_the_charge_to_give_back_then_the_one_to_keep() {
    let case_report = golden("demo-week");
    let case = of(&case_report, "F0002").unwrap();
    assert_eq!(
        stans(&case),
        [(Part::GiveBack, Some("000309".to_owned())), (Part::Keep, Some("000310".to_owned()))]
    );
    assert_eq!(case.transactions[1].auth_code.as_deref(), Some("990174"));
    // A till order scanned twice: both till lines carry the order number, yet they are two
    // payments, each with its wallet line.
    let report = golden("qr-till-rescan");
    let case = of(&report, "F0001").unwrap();
    assert_eq!(case.transactions.len(), 2);
    assert!(case.transactions.iter().all(|t| t.sources.len() == 2));
    assert_eq!((case.request.ask, case.request.to), (Ask::GiveBack, Party::Wechat));
}

#[test]
fn an_amount_mismatch_keeps_both_amounts_and_the_shop_checks_its_own_files() {
    let report = golden("demo-week");
    let t = &of(&report, "F0008").unwrap().transactions[0];
    assert_eq!(t.amounts, [(Role::TerminalLog, 3_650), (Role::AcquirerStatement, 36_500)]);
    assert_eq!(t.amount_text(Lang::Zh), "终端交易流水 36.50 元 / 收单对账单 365.00 元");
    let report = golden("fees-orders-voids");
    let case = of(&report, "F0004").unwrap();
    assert_eq!(case.transactions.len(), 1, "order and terminal line share the 参考号");
    assert_eq!(case.request.to, Party::Shop);
}

#[test]
fn a_void_not_settled_back_names_the_void_and_its_sale() {
    let report = golden("fees-orders-voids");
    let case = of(&report, "F0002").unwrap();
    assert_eq!(
        stans(&case),
        [
            (Part::Undoing, Some("001004".to_owned())),
            (Part::OriginalSale, Some("001003".to_owned()))
        ]
    );
    assert_eq!(case.request.ask, Ask::SettleUndoing);
    // A day's fee finding concerns each of its rows.
    assert_eq!(of(&report, "F0006").unwrap().transactions.len(), 3);
}

#[test]
fn wallet_cases_are_asked_of_the_wallet() {
    let report = golden("qr-payments");
    assert_eq!(of(&report, "F0003").unwrap().request.to, Party::Alipay);
    assert_eq!(of(&report, "F0002").unwrap().channel, Channel::Wechat);
    let report = golden("wallet-payouts");
    let case = of(&report, "F0002").unwrap();
    assert_eq!((case.request.ask, case.request.to), (Ask::ExplainDeposit, Party::Alipay));
    assert!(case.transactions.is_empty());
}

#[test]
fn over_a_cap_the_rest_are_counted() {
    let mut report = golden("fees-orders-voids");
    let f = report.findings.iter_mut().find(|f| f.id == "F0006").unwrap();
    let row = f.records[0].clone();
    for n in 0..5 {
        let mut r = row.clone();
        r.line = 100 + n;
        r.stan = Some(format!("90000{n}"));
        r.rrn = Some(format!("30917999900{n}"));
        f.records.push(r);
    }
    let case = of(&report, "F0006").unwrap();
    assert_eq!((case.transactions.len(), case.more_transactions), (MAX_LISTED, 8 - MAX_LISTED));
}

#[test]
fn clean_drops_controls_and_overrides_and_clips() {
    assert_eq!(clean("\u{202e}abc\u{2066}\tdef\r", 64), "abc def");
    assert_eq!(clean("=HYPERLINK(\"x\")", 64), "=HYPERLINK(\"x\")", "plain text stays");
    let long = clean(&"9".repeat(100_000), MAX_VALUE_CHARS);
    assert_eq!(long.chars().count(), MAX_VALUE_CHARS);
    assert!(long.ends_with('…'));
}

#[test]
fn unknown_findings_have_no_case() {
    assert!(of(&golden("demo-week"), "F0404").is_none());
}

#[test]
fn the_merchant_is_named_as_the_files_name_it() {
    let report = golden("demo-week");
    let case = of(&report, "F0004").unwrap();
    assert_eq!(case.merchant.names, ["示例便利店"]);
    assert_eq!(case.merchant.merchant_ids, ["898440358120014"]);
    // A finding whose lines carry no 商户号 (a terminal log) takes the files' 商户号.
    let case = of(&report, "F0009").unwrap();
    assert!(case.finding.records.iter().all(|r| r.merchant_id.is_none()));
    assert_eq!(case.merchant.merchant_ids, ["898440358120014"]);
}
