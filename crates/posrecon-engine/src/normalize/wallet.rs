//! Wallet files that are not the merchant trade bill: what each is and how its rows are read.
//!
//! Many small shops take QR payments on a personal or 经营 收款码 and have no merchant bill at
//! all, only the account holder's own bill (微信「账单 → 导出」, 支付宝「账单 → 开具交易流水证明」).
//! Those bills list everything the account did: customers paying the shop, and the owner buying
//! lunch, sending 红包, moving money to 零钱通. Only money coming in from a payment is a payment
//! to the shop, so a personal bill is read row by row through its 收/支 column (old Alipay bills:
//! 资金状态 when 收/支 is empty):
//!
//! - 收入: a customer's payment (二维码收款, 收钱码收款, a 转账 to the owner), read as a sale of the
//!   wallet. A 红包 from a friend is 收入 too and reads the same: the bill does not tell them
//!   apart, which is harmless for "did this customer pay" (it matches on time and amount) and is
//!   why these rows never raise "not on the till" findings (`Record::static_qr`);
//! - 支出 whose type or state says 退款: the shop sending a customer's payment back, a refund;
//! - any other 支出: money the account paid out; skipped, it is not a payment to the shop;
//! - 不计收支 / `/` (零钱提现, 转入零钱通, 信用卡还款): neither; skipped saying so. A refund of
//!   something the owner bought comes back as 收入 with `退款` in its type; it is skipped too.
//!
//! Other wallet files next to the trade bill hold no payments and must not be read as some:
//!
//! - 支付宝 业务明细(汇总) / 账务明细(汇总): one line per store or day with totals. Read as a
//!   bill, its line became one settled "payment" of the day's total. Its rows are skipped; the
//!   numbers check the 业务明细 of the same account and period instead ([`crate::totals`]).
//! - 支付宝 账务明细 and 微信支付 资金账单: the account's money flow (income, fees, withdrawals
//!   to the bank, with a balance). Its credits are the same payments the trade bill lists, so
//!   reading them as payments would count each twice, and its debits (提现) are not refunds. It
//!   is recognised as its own layout (so it is neither a bank statement nor a terminal log) and
//!   every row is skipped saying why: the payments are read from the trade bill.
//!
//! Layout facts (column names, 收/支 words, the preamble) follow the exports as the
//! double-entry-generator project documents them (providers `wechat`, `alipay`) and the 微信支付
//! merchant bill API documentation (交易账单 / 资金账单).

use crate::ingest::{Field, RawRow, Table};
use crate::message::Note;
use crate::model::{PayMethod, TxnType};
use crate::normalize::text::unwrap_cell;

/// Dialect names of personal (收款码) bills and their wallet.
const PERSONAL: &[(&str, PayMethod)] =
    &[("wechat_personal_bill", PayMethod::Wechat), ("alipay_personal_bill", PayMethod::Alipay)];

/// Dialect names of wallet files that hold no payments, and why their rows are skipped.
const NOT_PAYMENTS: &[(&str, Note)] = &[
    ("alipay_summary", Note::WalletSummary),
    ("alipay_account_flow", Note::WalletAccountFlow),
    ("wechat_fund_flow", Note::WalletFundFlow),
];

/// The wallet whose rows a wallet-bill dialect lists.
pub(crate) fn pay_method(dialect: &str) -> Option<PayMethod> {
    match dialect {
        "wechat_pay_bill" => Some(PayMethod::Wechat),
        "alipay_bill" => Some(PayMethod::Alipay),
        _ => PERSONAL.iter().find(|(name, _)| *name == dialect).map(|(_, m)| *m),
    }
}

/// The wallet whose balance a fund-flow dialect (账务明细, 资金账单) lists.
pub(crate) fn fund_flow_wallet(dialect: &str) -> Option<PayMethod> {
    match dialect {
        "alipay_account_flow" => Some(PayMethod::Alipay),
        "wechat_fund_flow" => Some(PayMethod::Wechat),
        _ => None,
    }
}

/// How a fund flow's row reads: a withdrawal to the bank (提现: `Other`) or one returned to the
/// balance (提现退回 / 提现失败退回: `Refund`), with its time and amount in fen; `None` for every
/// other row (payments, fees, refunds), which stays skipped.
pub(crate) fn withdrawal_row(
    table: &Table,
    row: &RawRow,
) -> Option<Result<(TxnType, chrono::NaiveDateTime, i64), Note>> {
    let cell = |names: &[&str]| {
        col_of(table, names).and_then(|c| table.row(row).get(c)).map(|c| unwrap_cell(c).trim())
    };
    let words: String = [&["业务类型"][..], &["业务名称"], &["商品名称"]]
        .iter()
        .filter_map(|names| cell(names))
        .collect::<Vec<_>>()
        .join(" ");
    // A withdrawal's fee (提现手续费, 提现服务费) is charged to the balance, not sent to the bank.
    if !words.contains("提现") || words.contains('费') {
        return None;
    }
    let returned = words.contains("退回") || words.contains("失败") || words.contains("退票");
    let txn_type = if returned { TxnType::Refund } else { TxnType::Other };
    let time = cell(&["发生时间", "记账时间", "入账时间"])
        .and_then(crate::normalize::time::parse_datetime);
    let Some(time) = time else {
        return Some(Err(Note::WithdrawalWithoutTime));
    };
    // Header keys drop what is in brackets: 收支金额(元), 支出金额（-元）.
    let amount_cells = [cell(&["收支金额"]), cell(&["支出金额"]), cell(&["收入金额"])];
    let amount = amount_cells.into_iter().flatten().find_map(|c| {
        crate::normalize::amount::parse_amount(c, crate::normalize::amount::Unit::Yuan)
            .ok()
            .flatten()
            .filter(|v| *v != 0)
    });
    match amount {
        Some(amount) => Some(Ok((txn_type, time, amount.abs()))),
        None => Some(Err(Note::WithdrawalWithoutAmount)),
    }
}

/// Why every row of a file of this dialect is skipped, when the layout holds no payments.
pub(crate) fn not_payments(dialect: &str) -> Option<Note> {
    NOT_PAYMENTS.iter().find(|(name, _)| *name == dialect).map(|(_, why)| why.clone())
}

/// Whether a dialect is a personal (收款码) bill, read through its 收/支 column.
pub(crate) fn is_personal(dialect: &str) -> bool {
    PERSONAL.iter().any(|(name, _)| *name == dialect)
}

fn col_of(table: &Table, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|wanted| {
        table.header.iter().position(|h| crate::ingest::header_key(h) == *wanted)
    })
}

/// Columns naming who paid: a personal bill's 交易对方 (the customer's nickname or name), a
/// merchant bill's buyer id (微信 用户标识, the payer's openid; 支付宝 对方账户 / 买家账号).
const PAYER: &[&str] = &["交易对方", "用户标识", "对方账户", "买家账号", "买家支付宝账号"];

/// Who paid, as the bill writes it (`/` and empty cells are no payer).
pub(crate) fn payer(table: &Table, row: &RawRow) -> Option<String> {
    crate::normalize::text::identifier(col_of(table, PAYER).and_then(|c| table.row(row).get(c))?)
}

/// A personal bill's word for the kind of payment (二维码收款, 微信红包, 转账), as written.
pub(crate) fn payment_kind(table: &Table, row: &RawRow) -> Option<String> {
    let word = table.cell(row, Field::TxnType).map(unwrap_cell)?.trim();
    (!word.is_empty() && word != "/").then(|| word.to_owned())
}

/// Which way a personal bill's row moved the account's money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    In,
    Out,
    Neither,
}

fn flow(table: &Table, row: &RawRow) -> Option<Flow> {
    let cell = |names: &[&str]| {
        col_of(table, names).and_then(|c| table.row(row).get(c)).map(|c| unwrap_cell(c).to_owned())
    };
    let word = cell(&["收/支"]).filter(|w| !w.is_empty());
    // Old Alipay bills leave 收/支 empty on some rows; 资金状态 then says it.
    let word = word.or_else(|| cell(&["资金状态"]).filter(|w| !w.is_empty()))?;
    Some(match word.as_str() {
        "收入" | "已收入" => Flow::In,
        "支出" | "已支出" => Flow::Out,
        _ => Flow::Neither,
    })
}

/// How one row of a personal bill reads: the type of a payment to the shop, or why it is skipped.
pub(crate) fn personal_row(table: &Table, row: &RawRow) -> Result<TxnType, Note> {
    let text = |field| table.cell(row, field).map(unwrap_cell).unwrap_or_default();
    // An incoming payment refunded later keeps its row (当前状态 已全额退款); a row whose type
    // says 退款 is the refund itself.
    let refund_type = text(Field::TxnType).contains("退款");
    let refund = refund_type || text(Field::Status).contains("退款");
    match flow(table, row) {
        Some(Flow::In) if refund_type => Err(Note::PersonalRefund),
        Some(Flow::In) => Ok(TxnType::Sale),
        Some(Flow::Out) if refund => Ok(TxnType::Refund),
        Some(Flow::Out) => Err(Note::PersonalPaidOut),
        Some(Flow::Neither) if text(Field::TxnType).contains("提现") => {
            Err(Note::OwnersWithdrawal)
        }
        Some(Flow::Neither) => Err(Note::PersonalNeither),
        None => Err(Note::PersonalFlowEmpty),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use expect_test::expect;

    use crate::normalize::tests::{Enc, check};

    /// 微信 personal bill: 16 preamble lines, `¥` amounts, ids followed by a TAB; newest first.
    pub(crate) const WECHAT_PERSONAL: &str = "\
微信支付账单明细,,,,,,,,,,
微信昵称：[示例小卖部],,,,,,,,,,
起始时间：[2026-11-09 00:00:00] 终止时间：[2026-11-09 23:59:59],,,,,,,,,,
导出类型：[全部],,,,,,,,,,
导出时间：[2026-11-10 09:30:12],,,,,,,,,,
,,,,,,,,,,
共8笔记录,,,,,,,,,,
收入：4笔 1111.00元,,,,,,,,,,
支出：3笔 293.50元,,,,,,,,,,
中性交易：1笔 1000.00元,,,,,,,,,,
注：,,,,,,,,,,
1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易,,,,,,,,,,
2. 本明细仅展示当前账单中的交易，不包括已删除的记录,,,,,,,,,,
3. 本明细仅供个人对账使用,,,,,,,,,,
,,,,,,,,,,
----------------------微信支付账单明细列表--------------------,,,,,,,,,,
交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注
2026-11-09 20:15:00,美团-退款,美团外卖,/,收入,¥10.00,零钱,已退款,4200002026110920150001\t,M2026110913024400001\t,/
2026-11-09 18:00:00,零钱提现,招商银行(1234),/,/,\"¥1,000.00\",招商银行(1234),提现已到账,1000010001202611091800001\t,/,服务费¥1.00
2026-11-09 16:30:12,二维码收款-退款,顾客丙,/,支出,¥58.00,零钱,已退款,1000050001202611091630001\t,/,/
2026-11-09 16:05:30,二维码收款,顾客丙,/,收入,¥58.00,/,已全额退款,1000050001202611091605301\t,/,/
2026-11-09 15:20:00,转账,张三,/,支出,¥200.00,零钱,对方已收钱,1000050001202611091520001\t,/,/
2026-11-09 13:02:44,商户消费,美团外卖,午餐,支出,¥35.50,零钱,支付成功,4200002026110913024401\t,M2026110913024400001\t,/
2026-11-09 12:40:11,二维码收款,顾客乙,/,收入,\"¥1,020.00\",/,已存入零钱,1000050001202611091240111\t,/,/
2026-11-09 12:31:05,二维码收款,顾客甲,/,收入,¥23.00,/,已收钱,1000050001202611091231051\t,/,/
";

    /// 支付宝 personal bill (2023 layout), GBK, preamble, trailing delimiter.
    pub(crate) const ALIPAY_PERSONAL: &str = "\
------------------------------------------------------------------------------------
导出信息：
姓名：李**
支付宝账户：138****5678
起始时间：[2026-11-09 00:00:00]    终止时间：[2026-11-09 23:59:59]
导出交易类型：[全部]
导出时间：[2026-11-10 09:35:02]
共5笔记录
收入：2笔 152.50元
支出：2笔 138.00元
不计收支：1笔 100.00元
特别提示：
1.本回单内容可表明支付宝受理了该笔交易，不能作为交易完成的依据；
------------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------
交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,
2026-11-09 19:40:00,退款,顾客戊,159******88,收钱码退款,支出,120.00,余额,退款成功,2026110922001433331400000105\t,\t,,
2026-11-09 15:00:00,投资理财,余额宝,,转入余额宝,不计收支,100.00,余额,交易成功,20261109150000000101\t,\t,,
2026-11-09 14:30:10,收入,顾客戊,159******88,收钱码收款,收入,120.00,,交易成功,2026110922001433331400000103\t,\t,,
2026-11-09 12:15:00,餐饮美食,示例快餐,ksc***@163.com,午餐,支出,18.00,花呗,交易成功,2026110922001433331400000102\t,T20261109121500\t,,
2026-11-09 11:02:33,收入,顾客丁,136******21,收钱码收款,收入,32.50,,交易成功,2026110922001433331400000101\t,\t,,
";

    #[test]
    fn personal_bills_read_incoming_payments_only() {
        check(
            "微信支付账单(20261109-20261109).csv",
            WECHAT_PERSONAL,
            Enc::Utf8Bom,
            expect![[r#"
                微信支付账单(20261109-20261109).csv format=csv encoding=utf-8 role=wallet_bill (0.95) header_line=17
                columns: amount=金额(元) channel_order_id=交易单号 memo=备注 order_id=商户单号 status=当前状态 time=交易时间 type=交易类型
                coverage: 2026-11-09 12:31:05 .. 2026-11-09 16:30:12
                L20 2026-11-09 16:30:12 Refund 5800 Approved text="已退款" party="顾客丙" pay="Wechat"
                L21 2026-11-09 16:05:30 Sale 5800 Approved text="已全额退款" party="顾客丙" pay="Wechat"
                L24 2026-11-09 12:40:11 Sale 102000 Approved text="已存入零钱" party="顾客乙" pay="Wechat"
                L25 2026-11-09 12:31:05 Sale 2300 Approved text="已收钱" party="顾客甲" pay="Wechat"
                skip L18: refund of a purchase the account made (收入, 退款): not a payment to the shop
                skip L19: the owner's own withdrawal (零钱提现 / 余额提现) to a bank card: not a payment to the shop, nor a payout it is owed
                skip L22: money paid out by the account (支出): not a payment to the shop
                skip L23: money paid out by the account (支出): not a payment to the shop
            "#]],
        );
        check(
            "alipay_record_20261110_0935.csv",
            ALIPAY_PERSONAL,
            Enc::Gbk,
            expect![[r#"
                alipay_record_20261110_0935.csv format=csv encoding=gb18030 role=wallet_bill (0.95) header_line=15
                columns: amount=金额 channel_order_id=交易订单号 memo=备注 order_id=商家订单号 status=交易状态 time=交易时间 type=交易分类
                coverage: 2026-11-09 11:02:33 .. 2026-11-09 19:40:00
                L16 2026-11-09 19:40:00 Refund 12000 Approved text="退款成功" party="顾客戊" pay="Alipay"
                L18 2026-11-09 14:30:10 Sale 12000 Approved text="交易成功" party="顾客戊" pay="Alipay"
                L20 2026-11-09 11:02:33 Sale 3250 Approved text="交易成功" party="顾客丁" pay="Alipay"
                skip L17: neither income nor expense (不计收支 / 零钱 transfer): not a payment to the shop
                skip L19: money paid out by the account (支出): not a payment to the shop
            "#]],
        );
    }

    #[test]
    fn alipay_personal_bill_of_2022_with_direction_first() {
        let text = "\
------------------------------------------------------------------------------------
导出信息：
起始时间：[2022-06-01 00:00:00]    终止时间：[2022-06-01 23:59:59]
共3笔记录
收入：1笔 32.50元
支出：1笔 18.00元
------------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------
收/支,交易对方,对方账号,商品说明,收/付款方式,金额,交易状态,交易分类,交易订单号,商家订单号,交易时间,
收入,顾客丁,136******21,收钱码收款,,32.50,交易成功,收入,2022060122001433331400000101\t,\t,2022-06-01 11:02:33,
支出,示例快餐,ksc***@163.com,午餐,花呗,18.00,交易成功,餐饮美食,2022060122001433331400000102\t,T20220601121500\t,2022-06-01 12:15:00,
,余额宝,,余额宝-收益发放,,0.01,交易成功,投资理财,20220601000000000103\t,\t,2022-06-01 05:00:00,
";
        check(
            "alipay_record_20220602.csv",
            text,
            Enc::Gbk,
            expect![[r#"
                alipay_record_20220602.csv format=csv encoding=gb18030 role=wallet_bill (0.95) header_line=8
                columns: amount=金额 channel_order_id=交易订单号 order_id=商家订单号 status=交易状态 time=交易时间 type=交易分类
                coverage: 2022-06-01 11:02:33 .. 2022-06-01 11:02:33
                L9 2022-06-01 11:02:33 Sale 3250 Approved text="交易成功" party="顾客丁" pay="Alipay"
                skip L10: money paid out by the account (支出): not a payment to the shop
                skip L11: 收/支 is empty: cannot tell a payment to the shop from one made by it
            "#]],
        );
    }

    #[test]
    fn old_alipay_personal_bill() {
        let text = "\
支付宝交易记录明细查询
账号:[20881234567890120156]
起始日期:[2026-11-09 00:00:00]    终止日期:[2026-11-10 00:00:00]
---------------------------------交易记录明细列表------------------------------------
交易号,商家订单号,交易创建时间,付款时间,最近修改时间,交易来源地,类型,交易对方,商品名称,金额（元）,收/支,交易状态,服务费（元）,成功退款（元）,备注,资金状态,
2026110922001433331400000201\t,\t,2026-11-09 11:02:30,2026-11-09 11:02:33,2026-11-09 11:02:33,其他（包括阿里巴巴和外部商家）,即时到账交易,顾客丁,收钱码收款,32.50,收入,交易成功,0.00,0.00,,已收入,
2026110922001433331400000202\t,T20261109121500\t,2026-11-09 12:14:58,2026-11-09 12:15:00,2026-11-09 12:15:00,其他（包括阿里巴巴和外部商家）,即时到账交易,示例快餐,午餐,18.00,支出,交易成功,0.00,0.00,,已支出,
2026110922001433331400000203\t,\t,2026-11-09 13:00:00,,2026-11-09 13:15:00,其他（包括阿里巴巴和外部商家）,即时到账交易,顾客己,收钱码收款,45.00,,交易关闭,0.00,0.00,,,
2026110922001433331400000204\t,\t,2026-11-09 14:30:08,2026-11-09 14:30:10,2026-11-09 14:30:10,其他（包括阿里巴巴和外部商家）,即时到账交易,顾客戊,收钱码收款,120.00,,交易成功,0.00,0.00,,已收入,
------------------------------------------------------------------------------------
共4笔记录
已收入:2笔,152.50元
待收入:0笔,0.00元
已支出:1笔,18.00元
待支出:0笔,0.00元
导出时间:[2026-11-10 09:40:00]    用户:李**
";
        check(
            "alipay_record_20261110_0940.csv",
            text,
            Enc::Gbk,
            expect![[r#"
                alipay_record_20261110_0940.csv format=csv encoding=gb18030 role=wallet_bill (0.95) header_line=5
                columns: amount=金额（元） channel_order_id=交易号 fee=服务费（元） memo=备注 order_id=商家订单号 status=交易状态 time=交易创建时间 type=类型
                coverage: 2026-11-09 11:02:30 .. 2026-11-09 14:30:08
                L6 2026-11-09 11:02:30 Sale 3250 Approved fee="0" text="交易成功" party="顾客丁" pay="Alipay"
                L9 2026-11-09 14:30:08 Sale 12000 Approved fee="0" text="交易成功" party="顾客戊" pay="Alipay"
                skip L7: money paid out by the account (支出): not a payment to the shop
                skip L8: 收/支 is empty: cannot tell a payment to the shop from one made by it
                skip L10: footer below the table
                skip L11: note line
                skip L12: footer below the table
                skip L13: footer below the table
                skip L14: footer below the table
                skip L15: footer below the table
                skip L16: note line
            "#]],
        );
    }

    #[test]
    fn older_wechat_merchant_bill_reads_its_total_amount() {
        let text = "\
交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,企业红包金额,微信退款单号,商户退款单号,退款金额,企业红包退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率
`2026-11-09 10:15:02,`wx2421b1c4370ec43b,`1900000109,`1900000209,`POS01,`4200002026110912345678,`A20261109001,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`MICROPAY,`SUCCESS,`CMB_DEBIT,`CNY,`268.00,`0.00,`0,`0,`0,`0,`,`,`商品消费,`,`1.60800,`0.60%
`2026-11-09 10:21:30,`wx2421b1c4370ec43b,`1900000109,`1900000209,`POS01,`4200002026110912345691,`A20261109003,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`MICROPAY,`SUCCESS,`ICBC_CREDIT,`CNY,`45.00,`0.00,`0,`0,`0,`0,`,`,`商品消费,`,`0.27000,`0.60%
`2026-11-09 17:02:00,`wx2421b1c4370ec43b,`1900000109,`1900000209,`POS01,`4200002026110912345678,`A20261109001,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`MICROPAY,`REFUND,`CMB_DEBIT,`CNY,`268.00,`0.00,`50302026110911111111,`R20261109001,`100.00,`0.00,`ORIGINAL,`SUCCESS,`商品消费,`,`-0.60000,`0.60%
总交易单数,总交易额,总退款金额,总企业红包退款金额,手续费总金额
`3,`581.00,`100.00,`0.00,`1.27800
";
        check(
            "1900000109All2026-11-09.csv",
            text,
            Enc::Utf8Bom,
            expect![[r#"
                1900000109All2026-11-09.csv format=csv encoding=utf-8 role=wallet_bill (0.95) header_line=1
                columns: amount=总金额 channel_order_id=微信订单号 fee=手续费 merchant_id=商户号 order_id=商户订单号 status=交易状态 terminal_id=设备号 time=交易时间 type=交易状态
                coverage: 2026-11-09 10:15:02 .. 2026-11-09 17:02:00
                L2 2026-11-09 10:15:02 Sale 26800 Approved fee="161" mid="1900000109" tid="POS01" order="A20261109001" text="SUCCESS" party="oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" pay="Wechat"
                L3 2026-11-09 10:21:30 Sale 4500 Approved fee="27" mid="1900000109" tid="POS01" order="A20261109003" text="SUCCESS" party="oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" pay="Wechat"
                L4 2026-11-09 17:02:00 Refund 10000 Approved fee="-60" mid="1900000109" tid="POS01" order="A20261109001" text="REFUND" party="oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" pay="Wechat"
                skip L5: total row
                skip L6: total row
            "#]],
        );
    }

    #[test]
    fn fund_flow_withdrawals_are_read_and_their_fees_are_not() {
        // A withdrawal, its fee (charged to the balance, not sent to the bank), and a second
        // withdrawal that came back (提现退回): the two withdrawal rows and the return are read.
        let fund_flow = "\
记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号
`2026-11-09 10:15:03,`4200002026110912345678,`4200002026110912345678001,`交易,`交易,`收入,`800.00,`800.00,`system,`,`
`2026-11-10 09:00:00,`,`10000000202611100001,`提现,`提现,`支出,`300.00,`500.00,`system,`,`
`2026-11-10 09:00:00,`,`10000000202611100002,`提现手续费,`提现手续费,`支出,`0.30,`499.70,`system,`,`
`2026-11-10 12:00:00,`,`10000000202611100003,`提现,`提现,`支出,`400.00,`99.70,`system,`,`
`2026-11-11 09:00:00,`,`10000000202611100004,`提现退回,`提现退回,`收入,`400.00,`499.70,`system,`,`
";
        check(
            "1900000109Fund2026-11-10.csv",
            fund_flow,
            Enc::Utf8Bom,
            expect![[r#"
                1900000109Fund2026-11-10.csv format=csv encoding=utf-8 role=wallet_bill (0.95) header_line=1
                columns: debit_credit=收支类型 memo=备注 time=记账时间 type=业务类型
                coverage: 2026-11-10 09:00:00 .. 2026-11-11 09:00:00
                L3 2026-11-10 09:00:00 Other 30000 Approved pay="Wechat" withdrawal="提现"
                L5 2026-11-10 12:00:00 Other 40000 Approved pay="Wechat" withdrawal="提现"
                L6 2026-11-11 09:00:00 Refund 40000 Approved pay="Wechat" withdrawal="提现退回"
                skip L2: wallet fund flow (资金账单): balances, not payments; payments are read from the 交易账单 (only 提现 rows are read, as withdrawals to the bank)
                skip L4: wallet fund flow (资金账单): balances, not payments; payments are read from the 交易账单 (only 提现 rows are read, as withdrawals to the bank)
            "#]],
        );
    }

    #[test]
    fn summaries_and_money_flows_are_not_payments() {
        // The summary of the issue: read as a bill it became one settled payment of 115.50.
        let summary = "\
#支付宝业务汇总查询
门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,商家优惠（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）
S01,示例茶饮店,3,1,115.50,115.50,0.00,0.00,0.00,-0.70,0.00,114.80
合计,,3,1,115.50,115.50,0.00,0.00,0.00,-0.70,0.00,114.80
";
        check(
            "20881234567890120156_20261109_业务明细(汇总).csv",
            summary,
            Enc::Gbk,
            expect![[r#"
                20881234567890120156_20261109_业务明细(汇总).csv format=csv encoding=gb18030 role=wallet_bill (0.95) header_line=2
                columns: amount=订单金额（元） fee=服务费（元）
                skip L3: wallet summary (汇总): totals, not payments; a 业务汇总 checks the 业务明细 of its account
                skip L4: total row
            "#]],
        );
        let account_flow = "\
#支付宝账务明细查询
#账号：[20881234567890120156]
#起始日期：[2026年11月09日 00:00:00]   终止日期：[2026年11月10日 00:00:00]
#-----------------------------------------账务明细列表----------------------------------------
账务流水号,业务流水号,商户订单号,商品名称,发生时间,对方账号,收入金额（+元）,支出金额（-元）,账户余额（元）,交易渠道,业务类型,备注
20261109000100001\t,2026110922001433331401234567\t,A20261109101\t,商品消费\t,2026-11-09 11:20:05\t,138****5678\t,88.00\t,\t,1088.00\t,支付宝\t,在线支付\t,\t
20261109000100002\t,2026110922001433331401234567\t,A20261109101\t,服务费\t,2026-11-09 11:20:05\t,\t,\t,-0.53\t,1087.47\t,支付宝\t,收费\t,\t
20261109000100003\t,20261109TX0001\t,\t,提现\t,2026-11-09 23:00:00\t,\t,\t,-1087.47\t,0.00\t,支付宝\t,提现\t,\t
#-----------------------------------------账务明细列表结束------------------------------------
#支出合计：2笔，共-1088.00元
#收入合计：1笔，共88.00元
";
        check(
            "20881234567890120156_20261109_账务明细.csv",
            account_flow,
            Enc::Gbk,
            expect![[r#"
                20881234567890120156_20261109_账务明细.csv format=csv encoding=gb18030 role=wallet_bill (0.95) header_line=5
                columns: balance=账户余额（元） credit=收入金额（+元） debit=支出金额（-元） memo=备注 order_id=商户订单号 time=发生时间 type=业务类型
                coverage: 2026-11-09 23:00:00 .. 2026-11-09 23:00:00
                L8 2026-11-09 23:00:00 Other 108747 Approved pay="Alipay" withdrawal="提现"
                skip L6: wallet account flow (账务明细): balances, not payments; payments are read from the 业务明细 (only 提现 rows are read, as withdrawals to the bank)
                skip L7: wallet account flow (账务明细): balances, not payments; payments are read from the 业务明细 (only 提现 rows are read, as withdrawals to the bank)
                skip L9: comment line
                skip L10: comment line
                skip L11: comment line
            "#]],
        );
        let fund_flow = "\
记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号
`2026-11-09 10:15:03,`4200002026110912345678,`4200002026110912345678001,`交易,`交易,`收入,`268.00,`268.00,`system,`,`
`2026-11-09 10:15:03,`4200002026110912345678,`4200002026110912345678002,`扣除交易手续费,`扣除交易手续费,`支出,`1.61,`266.39,`system,`,`
`2026-11-10 09:00:00,`,`10000000202611100001,`提现,`提现,`支出,`266.39,`0.00,`system,`,`
资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额
`3,`1,`268.00,`2,`268.00
";
        check(
            "1900000109Fund2026-11-09.csv",
            fund_flow,
            Enc::Utf8Bom,
            expect![[r#"
                1900000109Fund2026-11-09.csv format=csv encoding=utf-8 role=wallet_bill (0.95) header_line=1
                columns: debit_credit=收支类型 memo=备注 time=记账时间 type=业务类型
                coverage: 2026-11-10 09:00:00 .. 2026-11-10 09:00:00
                L4 2026-11-10 09:00:00 Other 26639 Approved pay="Wechat" withdrawal="提现"
                skip L2: wallet fund flow (资金账单): balances, not payments; payments are read from the 交易账单 (only 提现 rows are read, as withdrawals to the bank)
                skip L3: wallet fund flow (资金账单): balances, not payments; payments are read from the 交易账单 (only 提现 rows are read, as withdrawals to the bank)
                skip L5: total row
                skip L6: total row
            "#]],
        );
    }
}
