//! Which transactions each kind of case concerns, and what is asked of whom, on the golden
//! reports (their `expected.json`).

use super::*;
use crate::report::{Report, finding_text, html, run_text, sheet};

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
    assert_eq!(case.request.also, [(Ask::BankIncoming, Party::Bank)]);
    assert_eq!(case.request.when, When::Overdue { days: 8 }, "2026-11-17 has passed on 2026-11-25");
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
fn clean_drops_controls_shows_overrides_and_clips() {
    assert_eq!(clean("\u{202e}abc\u{2066}\tdef\r", 64), "[U+202E]abc[U+2066] def");
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

/// Every kind's request on each channel, by who does it (domain.md): the shop gives money back on
/// its own terminal or the wallet's merchant platform, the acquirer only when the terminal cannot;
/// the acquirer traces, settles and adjusts; the bank looks for an incoming transfer; the POS
/// provider checks a terminal that timed out.
#[test]
fn each_kind_asks_the_party_that_does_it() {
    use Ask as A;
    use Party as P;
    let report = golden("demo-week");
    let fallback = (A::GiveBackFallback, P::Acquirer);
    let pos = (A::CheckTerminal, P::PosProvider);
    type Row = (Kind, Option<PayMethod>, Option<Cause>, Ask, Party, Vec<(Ask, Party)>);
    let rows: Vec<Row> = vec![
        (Kind::ChargedButFailed, None, None, A::ConfirmCharge, P::Acquirer, vec![]),
        (
            Kind::ChargedButFailed,
            Some(PayMethod::Wechat),
            None,
            A::ConfirmCharge,
            P::Wechat,
            vec![],
        ),
        (Kind::DuplicateCharge, None, None, A::GiveBack, P::Shop, vec![fallback]),
        (
            Kind::DuplicateCharge,
            None,
            Some(Cause::Network),
            A::GiveBack,
            P::Shop,
            vec![fallback, pos],
        ),
        (Kind::DuplicateCharge, Some(PayMethod::Alipay), None, A::GiveBack, P::Alipay, vec![]),
        (Kind::DuplicateCharge, Some(PayMethod::Qr), None, A::GiveBack, P::Shop, vec![fallback]),
        (Kind::AmountMismatch, None, None, A::CheckAmount, P::Acquirer, vec![]),
        (Kind::AmountMismatch, Some(PayMethod::Wechat), None, A::CheckAmount, P::Wechat, vec![]),
        (Kind::MissingSettlement, None, None, A::ClaimSettlement, P::Acquirer, vec![]),
        (Kind::UnexpectedSettlement, None, None, A::TraceSettlement, P::Acquirer, vec![]),
        (Kind::ReversalNotSettledBack, None, None, A::SettleUndoing, P::Acquirer, vec![]),
        (Kind::OverRefund, None, None, A::Adjust, P::Acquirer, vec![]),
        (Kind::FeeMismatch, None, None, A::RefundFee, P::Acquirer, vec![]),
        (Kind::OrderNotPaid, None, None, A::CheckInShop, P::Shop, vec![]),
        (
            Kind::OrderNotPaid,
            Some(PayMethod::Wechat),
            None,
            A::QueryOutcome,
            P::Wechat,
            vec![(A::CheckInShop, P::Shop)],
        ),
        (Kind::PendingOutcome, None, Some(Cause::Signal), A::QueryOutcome, P::Acquirer, vec![pos]),
    ];
    for (kind, paid, cause, ask, to, also) in rows {
        let mut r = report.clone();
        let f = &mut r.findings[0];
        (f.kind, f.cause) = (kind, cause);
        f.records.iter_mut().for_each(|x| x.pay_method = paid);
        let case = of(&r, "F0001").unwrap();
        let got = (case.request.ask, case.request.to, case.request.also.clone());
        assert_eq!(got, (ask, to, also), "{kind:?} {paid:?} {cause:?}");
        for lang in [Lang::Zh, Lang::En] {
            let case = Case { lang, ..case.clone() };
            let w = words(lang);
            let lines = [vec![(w.request_line)(&case)], (w.also_lines)(&case)].concat();
            for line in lines {
                // A party other than the shop is asked to give money back only as the fallback;
                // otherwise the sentence says the shop does it.
                let asked = !line.starts_with("本店") && !line.starts_with("In the shop");
                let gives_back = [
                    "办理退货",
                    "办理撤销",
                    "办理退款",
                    "refund it",
                    "void the",
                    "refund the charge",
                    "refund the payment",
                    "refunds any",
                    "refunds what",
                ]
                .iter()
                .any(|v| line.contains(v));
                let shop_named = [
                    "由本店",
                    "在原终端",
                    "商户平台",
                    "the shop",
                    "original terminal",
                    "merchant platform",
                ]
                .iter()
                .any(|v| line.contains(v));
                let is_fallback = line.contains("无法") || line.contains("cannot");
                assert!(!asked || !gives_back || shop_named || is_fallback, "{kind:?}: {line}");
            }
        }
    }
}

#[test]
fn a_double_charge_is_given_back_by_the_shop_on_its_terminal_and_the_acquirer_is_the_fallback() {
    let report = golden("demo-week");
    let case = of(&report, "F0002").unwrap();
    let zh = words(Lang::Zh);
    assert_eq!(
        (zh.request_line)(&case),
        "本店办理：在原终端对应退还的一笔办理撤销（当天、结算前）或退货（已结算后），保留另一笔。"
    );
    assert_eq!(
        (zh.also_lines)(&case)[0],
        "请向收单机构：原终端无法撤销或退货的，对应退还的一笔办理退货或调账。"
    );
    let en = Case { lang: Lang::En, ..case };
    assert!(
        (words(Lang::En).request_line)(&en)
            .starts_with("In the shop: on the original terminal, void")
    );
}

/// One rule for the follow-up date (`escalate_after` 2026-11-17: contact after it) and one
/// wording per language, the same in the case sheet, the finding's chat text, the run's chat
/// text and the HTML report, on the day before, the day itself, and one and two days after.
#[test]
fn the_follow_up_date_reads_the_same_everywhere() {
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let whom_zh = "收单机构或银行";
    let whom_en = "the acquirer or the bank";
    let rows = [
        (
            16,
            When::Later,
            "2026-11-17 后仍未解决再联系".to_owned(),
            "if unresolved after 2026-11-17, follow up".to_owned(),
        ),
        (
            17,
            When::Due,
            format!("今天 2026-11-17 是最后等待日，明天仍未解决再联系{whom_zh}"),
            format!(
                "today 2026-11-17 is the last day to wait; if unresolved tomorrow, contact {whom_en}"
            ),
        ),
        (
            18,
            When::Overdue { days: 1 },
            format!("已逾期 1 天（2026-11-17 后应联系{whom_zh}）"),
            format!("overdue by 1 day (contact {whom_en} after 2026-11-17)"),
        ),
        (
            19,
            When::Overdue { days: 2 },
            format!("已逾期 2 天（2026-11-17 后应联系{whom_zh}）"),
            format!("overdue by 2 days (contact {whom_en} after 2026-11-17)"),
        ),
    ];
    for (d, when, zh, en) in rows {
        for (lang, phrase) in [("zh", zh.clone()), ("en", en)] {
            let mut report = golden("demo-week");
            report.as_of = day(d);
            report.lang = lang.to_owned();
            let case = of(&report, "F0004").unwrap();
            assert_eq!(case.request.when, when, "{d}");
            let sentence = deadline(&case).unwrap();
            let mut cap = phrase.clone();
            if lang == "en" {
                cap[..1].make_ascii_uppercase();
            }
            assert_eq!(sentence, format!("{cap}{}", if lang == "zh" { "。" } else { "." }));
            let sheet = sheet::render(&report, "F0004").unwrap();
            assert!(sheet.contains(&html::escape(&sentence)), "sheet {d} {lang}");
            assert!(finding_text::render(&report, "F0004").unwrap().contains(&sentence));
            assert!(run_text::render(&report).contains(&phrase), "run text {d} {lang}");
            assert!(html::render(&report).contains(&html::escape(&phrase)), "html {d} {lang}");
        }
    }
}
