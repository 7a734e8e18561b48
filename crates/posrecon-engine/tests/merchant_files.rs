//! Whole merchant files through the public entry points (`analyze`, `check`): layouts whose
//! misreading used to become a false finding or a payment `check` could not find.

use chrono::NaiveDate;
use posrecon_engine::check::{CheckQuery, Verdict, Wallet, check};
use posrecon_engine::{Options, SourceFile, analyze};

fn options() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
}

/// A card sale on the terminal at 12:41:20, the moment the bill below was paid.
const TERMINAL: &str = "\
交易时间,终端号,凭证号,参考号,卡号,交易类型,交易金额,应答码,应答信息
2026-11-16 12:41:20,10086611,000301,331612412001,621226******8429,消费,268.00,00,交易成功
";

#[test]
fn a_bill_is_paid_when_it_was_settled_not_when_it_was_ordered() {
    // A restaurant bill is ordered (下单, 开台) 45-90 minutes before it is paid (结账); the card
    // payment is near the second. Whichever column comes first, the payment time is used.
    let (ordered, paid) = ("2026-11-16 11:32:10", "2026-11-16 12:41:05");
    let cases: &[(&str, &str)] = &[
        ("下单时间", "结账时间"),
        ("创建时间", "支付时间"),
        ("开台时间", "结账时间"),
        ("下单时间", "付款时间"),
        ("创建时间", "收款时间"),
        ("开台时间", "买单时间"),
    ];
    for &(order_name, pay_name) in cases {
        for swapped in [false, true] {
            let (header, row) = if swapped {
                (format!("订单号,{pay_name},{order_name}"), format!("ZD1,{paid},{ordered}"))
            } else {
                (format!("订单号,{order_name},{pay_name}"), format!("ZD1,{ordered},{paid}"))
            };
            let orders = format!("{header},实收金额,结算方式\n{row},268.00,银行卡\n");
            let files = [
                SourceFile::new("orders.csv", orders.as_bytes()),
                SourceFile::new("terminal.csv", TERMINAL),
            ];
            let report = analyze(&files, &options());
            let what = format!("{order_name} / {pay_name}, swapped: {swapped}");
            let orders_input = report.inputs.iter().find(|i| i.file == "orders.csv").unwrap();
            assert_eq!(orders_input.columns.get("time"), Some(&pay_name.to_owned()), "{what}");
            let kinds: Vec<&str> = report.findings.iter().map(|f| f.kind.as_str()).collect();
            assert!(kinds.is_empty(), "{what}: {kinds:?}");
        }
    }
}

#[test]
fn an_aggregator_payment_is_found_by_check() {
    // An aggregator's statement lists goods and the pay method like an order list; its fee and
    // net columns make it the settlement file, so the customer's WeChat payment is found settled.
    let statement = "\
交易日期,支付方式,商品名称,商户订单号,交易金额,手续费,实收金额,结算金额
2026-11-16 10:15:04,微信,奶茶,Q20261116001,35.00,0.13,35.00,34.87
";
    let files = [SourceFile::new("aggregator.csv", statement)];
    let report = analyze(&files, &options());
    assert_eq!(report.inputs[0].role.map(|r| r.as_str()), Some("acquirer_statement"));
    for wallet in [Some(Wallet::Wechat), None] {
        let mut query =
            CheckQuery::parse("2026-11-16 10:15", "35", "", "", options().as_of).unwrap();
        query.wallet = wallet;
        let result = check(&files, &query, &options());
        assert_eq!(result.verdict, Verdict::ChargedAndSettled, "{wallet:?}: {result:?}");
        let lines: Vec<(&str, u32)> =
            result.records.iter().map(|r| (r.file.as_str(), r.line)).collect();
        assert_eq!(lines, [("aggregator.csv", 2)], "{wallet:?}");
        // The statement is named as what it is, not as the wallet's own bill.
        assert!(result.explanation.contains("收单机构的对账单"), "{}", result.explanation);
        assert!(!result.explanation.contains("（）"), "{}", result.explanation);
    }
    // The other wallet finds nothing.
    let mut query = CheckQuery::parse("2026-11-16 10:15", "35", "", "", options().as_of).unwrap();
    query.wallet = Some(Wallet::Alipay);
    assert_eq!(check(&files, &query, &options()).verdict, Verdict::NotFound);
}

#[test]
fn grouped_header_amounts_match_without_a_false_mismatch() {
    // 清算信息 / 金额 is the net, 交易信息 / 金额 the amount: read the other way round, the sale
    // would be an amount_mismatch of exactly the fee.
    let terminal = "\
交易时间,终端号,凭证号,参考号,卡号,交易类型,交易金额,应答码,应答信息
2026-11-16 09:12:05,10086611,000118,331609120501,621226******8429,消费,268.00,00,交易成功
";
    let statement = "\
清算信息,,,交易信息,,,,
日期,金额,手续费,日期,时间,终端号,参考号,金额
2026-11-16,266.98,1.02,2026-11-16,09:12:05,10086611,331609120501,268.00
";
    let files =
        [SourceFile::new("terminal.csv", terminal), SourceFile::new("statement.csv", statement)];
    let report = analyze(&files, &options());
    let kinds: Vec<&str> = report.findings.iter().map(|f| f.kind.as_str()).collect();
    assert!(kinds.is_empty(), "{kinds:?}");
    assert_eq!(report.summary.attempts, 1);
}
