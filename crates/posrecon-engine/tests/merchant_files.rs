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

/// The WeChat Pay trade bill's header (交易账单), as the merchant platform exports it.
const WECHAT_BILL_HEADER: &str = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";

/// One WeChat bill SUCCESS row: time, 微信订单号, 商户订单号, payer, amount, fee.
fn wechat_paid(time: &str, wx_no: &str, order_no: &str, payer: &str, amount: &str) -> String {
    format!(
        "`{time},`wx0000000000000001,`1600000001,`0,`SY01,`{wx_no},`{order_no},`{payer},`MICROPAY,`SUCCESS,`OTHERS,`CNY,`{amount},`0.00,`0,`0,`0.00,`0.00,`,`,`示例早餐铺,`,`0.00000,`0.60%,`{amount},`0.00,`"
    )
}

/// One WeChat bill REFUND row of the payment `wx_no` / `order_no`.
fn wechat_refund(time: &str, wx_no: &str, order_no: &str, payer: &str, refund: &str) -> String {
    format!(
        "`{time},`wx0000000000000001,`1600000001,`0,`SY01,`{wx_no},`{order_no},`{payer},`MICROPAY,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50300000000000000001,`R{order_no},`{refund},`0.00,`ORIGINAL,`SUCCESS,`示例早餐铺,`,`0.00000,`0.60%,`0.00,`{refund},`"
    )
}

const TILL_HEADER: &str =
    "订单号,下单时间,结账时间,实收金额(元),支付方式,支付状态,支付单号,第三方单号,设备号";

#[test]
fn a_refunded_till_payment_is_the_attempt_behind_its_paid_bill_row() {
    // A till payment row later refunded (its 支付状态 now 已退款 / 部分退款 / ...) was a paid
    // attempt: it pairs with the bill's SUCCESS row (by 支付单号 = 商户订单号 and 第三方单号 =
    // 微信订单号, or by time and amount when the till wrote no ids), whose REFUND row the bill
    // lists apart. Nothing to report; never a 扫码长款 on the SUCCESS row.
    let statuses = ["已退款", "部分退款", "已部分退款", "全额退款", "退款中", "退款成功"];
    for status in statuses {
        for with_ids in [true, false] {
            let (pay_no, wx_no) = if with_ids {
                ("P20261116090501", "4200000000202611160000000017")
            } else {
                ("", "")
            };
            let refund = if status.contains("部分") { "10.00" } else { "30.00" };
            let till = format!(
                "{TILL_HEADER}
202611160001,2026-11-16 07:04:32,2026-11-16 07:05:12,8.50,微信支付,支付成功,P20261116000101,4200000000202611160000000001,SY01
202611160905,2026-11-16 09:29:40,2026-11-16 09:30:10,30.00,微信支付,{status},{pay_no},{wx_no},SY01
202611160003,2026-11-16 10:15:04,2026-11-16 10:15:44,6.00,微信支付,支付成功,P20261116000301,4200000000202611160000000003,SY01
"
            );
            let bill = [
                WECHAT_BILL_HEADER.to_owned(),
                wechat_paid(
                    "2026-11-16 07:05:10",
                    "4200000000202611160000000001",
                    "P20261116000101",
                    "oA1",
                    "8.50",
                ),
                wechat_paid(
                    "2026-11-16 09:30:08",
                    "4200000000202611160000000017",
                    "P20261116090501",
                    "oR1",
                    "30.00",
                ),
                wechat_refund(
                    "2026-11-16 09:50:00",
                    "4200000000202611160000000017",
                    "P20261116090501",
                    "oR1",
                    refund,
                ),
                wechat_paid(
                    "2026-11-16 10:15:41",
                    "4200000000202611160000000003",
                    "P20261116000301",
                    "oA3",
                    "6.00",
                ),
            ]
            .join("\n");
            let files =
                [SourceFile::new("till.csv", till.as_bytes()), SourceFile::new("wx.csv", bill)];
            let report = analyze(&files, &options());
            let kinds: Vec<&str> = report.findings.iter().map(|f| f.kind.as_str()).collect();
            assert!(kinds.is_empty(), "{status}, ids: {with_ids}: {kinds:?}");
        }
    }
}

#[test]
fn a_till_row_without_a_payment_time_is_dated_by_its_order_time() {
    // A scan the till left at 支付中 (结果未知, 已关闭, 支付失败) has no 结账时间; its 下单时间 says
    // when it happened. The smallest input with the empty 结账时间 the tills export: one
    // QR 掉单 resting on both rows, no row rejected.
    let till = format!(
        "{TILL_HEADER}
202611180021,2026-11-18 12:01:10,,28.00,微信支付,支付中,P20261118002101,,SY02
"
    );
    let bill = format!(
        "{WECHAT_BILL_HEADER}
`2026-11-18 12:02:09,`wx0000000000000001,`1600000001,`0,`SY02,`4200000000202611180000000001,`P20261118002101,`oAAAA,`MICROPAY,`SUCCESS,`CMB_DEBIT,`CNY,`28.00,`0.00,`0,`0,`0.00,`0.00,`,`,`示例面馆-堂食,`,`0.17000,`0.60%,`28.00,`0.00,`
"
    );
    let files =
        [SourceFile::new("till.csv", till.as_bytes()), SourceFile::new("wx.csv", bill.as_bytes())];
    let report = analyze(&files, &options());
    let till_input = report.inputs.iter().find(|i| i.file == "till.csv").unwrap();
    assert!(till_input.rejected_rows.is_empty(), "{:?}", till_input.rejected_rows);
    let found: Vec<(&str, i64, Vec<&str>)> = report
        .findings
        .iter()
        .map(|f| {
            let files = f.records.iter().map(|r| r.file.as_str()).collect();
            (f.kind.as_str(), f.amount_cents, files)
        })
        .collect();
    assert_eq!(found, [("charged_but_failed", 2800, vec!["till.csv", "wx.csv"])]);

    // Any two time columns: the preferred one empty, the other dates the row; both empty is
    // still a row that cannot be read (and a file with an unread row vouches for nothing more).
    for (order_name, pay_name) in [("创建时间", "支付时间"), ("下单时间", "付款时间")]
    {
        let header = format!(
            "订单号,{pay_name},{order_name},实收金额(元),支付方式,支付状态,支付单号,设备号"
        );
        let dated =
            "202611180021,,2026-11-18 12:01:10,28.00,微信支付,结果未知,P20261118002101,SY02";
        let undated = "202611180022,,,9.00,微信支付,支付失败,P20261118002201,SY02";
        let what = format!("{pay_name} / {order_name}");
        let run = |rows: &[&str]| {
            let till = format!("{header}\n{}\n", rows.join("\n"));
            let files = [
                SourceFile::new("till.csv", till.as_bytes()),
                SourceFile::new("wx.csv", bill.as_bytes()),
            ];
            analyze(&files, &options())
        };
        let report = run(&[dated]);
        let kinds: Vec<&str> = report.findings.iter().map(|f| f.kind.as_str()).collect();
        assert_eq!(kinds, ["charged_but_failed"], "{what}");
        let report = run(&[dated, undated]);
        let till_input = report.inputs.iter().find(|i| i.file == "till.csv").unwrap();
        let rejected: Vec<(u32, &str)> =
            till_input.rejected_rows.iter().map(|n| (n.line, n.reason.as_str())).collect();
        assert_eq!(rejected, [(3, "time is empty")], "{what}");
    }
}

/// One WeChat Pay bill row, paid (`SUCCESS`), with its fee.
fn wechat_bill_row(
    time: &str,
    device: &str,
    wx_no: &str,
    order_no: &str,
    amount: &str,
    fee: &str,
) -> String {
    format!(
        "`{time},`wx0000000000000001,`1600000001,`0,`{device},`{wx_no},`{order_no},`oP{order_no},`MICROPAY,`SUCCESS,`OTHERS,`CNY,`{amount},`0.00,`0,`0,`0.00,`0.00,`,`,`示例粉店-堂食,`,`{fee},`0.60%,`{amount},`0.00,`"
    )
}

#[test]
fn a_till_export_in_other_words_is_read_as_the_attempt_log() {
    // A 美团 / 客如云-style 支付明细: 订单编号, 支付金额(元), 第三方流水号, 收款设备. Its scan left at
    // 支付中 that WeChat Pay collected is a QR 掉单 on device D02; the paid one pairs by the
    // wallet's own number. Before, no amount column was found and nothing was reported.
    let till = "订单编号,支付时间,支付方式,支付渠道,支付金额(元),退款金额(元),支付状态,交易流水号,第三方流水号,收款设备,收银员
DD2001013,2026-10-01 11:05:20,微信,聚合扫码,19.00,0.00,支付中,M2001001301,,D02,小周
DD2001016,2026-10-01 11:40:31,微信,聚合扫码,16.00,0.00,支付成功,M2001001601,4200002456202610010000000912,D01,小周
";
    let bill = format!(
        "{WECHAT_BILL_HEADER}\n{}\n{}\n",
        wechat_bill_row(
            "2026-10-01 11:05:26",
            "D02",
            "4200002456202610010000000911",
            "M2001001301",
            "19.00",
            "0.11000"
        ),
        wechat_bill_row(
            "2026-10-01 11:40:33",
            "D01",
            "4200002456202610010000000912",
            "M2001001601",
            "16.00",
            "0.10000"
        ),
    );
    let files = [
        SourceFile::new("支付明细.csv", till.as_bytes()),
        SourceFile::new("wx.csv", bill.as_bytes()),
    ];
    let report = analyze(&files, &Options::new(NaiveDate::from_ymd_opt(2026, 10, 12).unwrap()));
    let till_input = report.inputs.iter().find(|i| i.file == "支付明细.csv").unwrap();
    assert_eq!(till_input.error, None);
    assert_eq!(till_input.data_rows, 2);
    let found: Vec<(&str, i64, Option<&str>)> = report
        .findings
        .iter()
        .map(|f| {
            let device = f.records.iter().find_map(|r| r.terminal_id.as_deref());
            (f.kind.as_str(), f.amount_cents, device)
        })
        .collect();
    assert_eq!(found, [("charged_but_failed", 1900, Some("D02"))]);
}

#[test]
fn a_wechat_payout_split_in_two_on_a_ccb_personal_statement_is_paid() {
    // 建设银行 personal 交易明细: the counterparty's account and name in one cell (对方账号与户名)
    // and the payer's note under 交易地点/附言. WeChat Pay paid 2026-09-30's 99.40 net as 30.00 +
    // 69.40 the next day: paid, no finding. Before, neither column was read, so the two parts
    // could not be told to come from 财付通 and the payout was reported missing. The owner's own
    // 零钱提现 of the same amount never pays it.
    let bill = format!(
        "{WECHAT_BILL_HEADER}\n{}\n{}\n",
        wechat_bill_row(
            "2026-09-30 10:00:00",
            "D01",
            "4200002456202609300000000001",
            "N0930001",
            "50.00",
            "0.30000"
        ),
        wechat_bill_row(
            "2026-09-30 11:00:00",
            "D01",
            "4200002456202609300000000002",
            "N0930002",
            "50.00",
            "0.30000"
        ),
    );
    let header = "序号,摘要,币别,钞汇,交易日期,交易金额,账户余额,交易地点/附言,对方账号与户名";
    let split = format!(
        "{header}
1,跨行转入,人民币元,钞,20261001,30.00,1030.00,微信支付结算1600000001,243300133/财付通支付科技有限公司
2,跨行转入,人民币元,钞,20261001,69.40,1099.40,微信支付结算1600000001,243300133/财付通支付科技有限公司
3,消费,人民币元,钞,20261009,-5.00,1094.40,菜市场,6228480000000002222/某某农贸批发部
"
    );
    let own = format!(
        "{header}
1,跨行转入,人民币元,钞,20261001,99.40,1099.40,微信零钱提现,243300133/财付通支付科技有限公司
2,消费,人民币元,钞,20261009,-5.00,1094.40,菜市场,6228480000000002222/某某农贸批发部
"
    );
    let kinds = |bank: &str| -> Vec<String> {
        let files = [
            SourceFile::new("wx.csv", bill.as_bytes()),
            SourceFile::new("建设银行交易明细.csv", bank.as_bytes()),
        ];
        let report = analyze(&files, &Options::new(NaiveDate::from_ymd_opt(2026, 10, 12).unwrap()));
        let bank_input = report.inputs.iter().find(|i| i.file.starts_with("建设银行")).unwrap();
        assert!(bank_input.columns.contains_key("counterparty"), "{:?}", bank_input.columns);
        report.findings.iter().map(|f| format!("{} {}", f.kind.as_str(), f.amount_cents)).collect()
    };
    assert_eq!(kinds(&split), Vec::<String>::new());
    assert_eq!(kinds(&own), ["missing_deposit 9940"]);
}
