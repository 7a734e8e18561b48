//! Known layouts ("dialects"): the exports of one portal or bank, recognised by the column names
//! only they use (domain notes §5). A dialect names the file in the report (`Input.dialect`),
//! settles its role, and fixes the few things generic reading gets wrong for it:
//!
//! - 微信支付 bills put the payment kind (MICROPAY, JSAPI) under 交易类型 and what happened
//!   (SUCCESS, REFUND, REVOKED) under 交易状态, so the type is read from the state; a REFUND row's
//!   money is its 退款金额;
//! - 银联 fixed-width files write the time as `MMDDhhmmss` under 交易传输时间;
//! - 乐刷 and 扫呗 write every amount in 分, which matters when a header does not say so;
//! - wallet files other than the merchant trade bill (personal 收款码 bills, 汇总 members, money
//!   flows) are read as `normalize::wallet` says, and the older 微信 bill's amount is 总金额.
//!
//! Detection is data: each entry lists header keys that must all be present, or raw header texts
//! of which one must appear. The first entry that matches wins, so specific layouts come first.

use super::header::key;
use super::table::{Cell, Table};
use crate::cell::text::unwrap_cell;
use crate::model::Field;
use crate::model::Role;

/// A recognised layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dialect {
    /// Name reported in `Input.dialect`.
    pub name: &'static str,
    /// The role files of this layout have.
    pub role: Role,
}

struct Spec {
    name: &'static str,
    role: Role,
    /// Header keys (see [`key`]) that must all be present.
    all: &'static [&'static str],
    /// Raw header or preamble texts of which at least one must appear (empty: no condition).
    any_text: &'static [&'static str],
}

const SPECS: &[Spec] = &[
    Spec {
        name: "wechat_pay_bill",
        role: Role::WalletBill,
        all: &["微信订单号", "商户订单号", "交易状态"],
        any_text: &[],
    },
    Spec {
        name: "alipay_bill", role: Role::WalletBill, all: &["支付宝交易号"], any_text: &[]
    },
    // Wallet files other than the merchant trade bill (see `normalize::wallet`).
    Spec {
        name: "wechat_personal_bill",
        role: Role::WalletBill,
        all: &["交易单号", "商户单号", "当前状态", "收/支"],
        any_text: &[],
    },
    Spec {
        name: "alipay_personal_bill",
        role: Role::WalletBill,
        all: &["交易订单号", "商家订单号", "收/支"],
        any_text: &[],
    },
    Spec {
        name: "alipay_personal_bill",
        role: Role::WalletBill,
        all: &["交易号", "商家订单号", "交易创建时间", "资金状态"],
        any_text: &[],
    },
    Spec {
        name: "alipay_summary",
        role: Role::WalletBill,
        all: &["交易订单总笔数", "退款订单总笔数"],
        any_text: &[],
    },
    Spec {
        name: "alipay_account_flow",
        role: Role::WalletBill,
        all: &["账务流水号", "业务流水号"],
        any_text: &[],
    },
    Spec {
        name: "wechat_fund_flow",
        role: Role::WalletBill,
        all: &["记账时间", "资金流水单号"],
        any_text: &[],
    },
    Spec {
        name: "leshua_trade",
        role: Role::AcquirerStatement,
        all: &["记录类型", "资金流向"],
        any_text: &[],
    },
    Spec {
        name: "leshua_trade",
        role: Role::AcquirerStatement,
        all: &["资金流向", "第三方订单号"],
        any_text: &[],
    },
    Spec {
        name: "allinpay",
        role: Role::AcquirerStatement,
        all: &["交易批次号", "凭证号", "发卡行名称"],
        any_text: &[],
    },
    Spec {
        name: "saobei",
        role: Role::AcquirerStatement,
        all: &["结余金额", "终端流水号"],
        any_text: &[],
    },
    Spec {
        name: "qr_acquirer_flow",
        role: Role::AcquirerStatement,
        all: &["商户清算金额", "渠道订单号"],
        any_text: &[],
    },
    Spec {
        name: "unionpay_fixed",
        role: Role::AcquirerStatement,
        all: &["交易代码", "系统跟踪号", "交易传输时间"],
        any_text: &[],
    },
    Spec {
        name: "icbc_history",
        role: Role::BankStatement,
        all: &["本方账号", "对方行号", "借方发生额", "贷方发生额"],
        any_text: &[],
    },
    Spec {
        name: "icbc_transfer",
        role: Role::BankStatement,
        all: &["本方账号", "转出金额", "转入金额"],
        any_text: &[],
    },
    Spec {
        name: "icbc_signed",
        role: Role::BankStatement,
        all: &["本方账号", "借贷标志", "发生额"],
        any_text: &[],
    },
    Spec {
        name: "ccb_detail",
        role: Role::BankStatement,
        all: &[],
        any_text: &["账户明细编号", "（支取）", "(支取)", "账　　号"],
    },
    Spec {
        name: "abc_detail",
        role: Role::BankStatement,
        all: &["支出金额", "收入金额", "账户余额"],
        any_text: &[],
    },
    Spec {
        name: "boc_detail",
        role: Role::BankStatement,
        all: &[],
        any_text: &[
            "[ Transaction Date ]",
            "[ Trade Amount ]",
            "查询账号[ Inquirer account number ]",
        ],
    },
    // 广发银行 credit-card bill: signed from the card's side, a purchase is positive (money out).
    Spec {
        name: "cgb_credit",
        role: Role::BankStatement,
        all: &["交易日期", "入账日期", "交易摘要", "交易金额", "入账金额", "入账货币"],
        any_text: &[],
    },
    Spec {
        name: "cmb_detail",
        role: Role::BankStatement,
        all: &["收方名称", "交易日", "借方金额", "贷方金额"],
        any_text: &[],
    },
];

/// The known layout a table has, from its header (and the lines above it).
pub(crate) fn detect(file: &str, header: &[String], preamble: &[Vec<Cell>]) -> Option<Dialect> {
    let keys: Vec<String> = header.iter().map(|h| key(h)).collect();
    let texts =
        || header.iter().map(String::as_str).chain(preamble.iter().flatten().map(Cell::as_str));
    let bank_like = keys.iter().any(|k| {
        k.contains("余额")
            || matches!(k.as_str(), "借方发生额" | "贷方发生额" | "借方" | "贷方" | "发生额")
    });
    SPECS
        .iter()
        .find(|spec| {
            let all = spec.all.iter().all(|name| keys.iter().any(|k| k == name));
            let any = spec.any_text.is_empty()
                || spec.any_text.iter().any(|t| texts().any(|cell| cell.contains(t)));
            // Text-only specs are bank layouts; they need bank columns too.
            let sane = !spec.all.is_empty() || bank_like;
            all && any && sane
        })
        .or_else(|| {
            // Alipay files announce themselves in their `#` preamble; a 汇总 (summary) member
            // says so in its title or its name.
            let title = texts().find(|t| t.starts_with("#支付宝"))?;
            let summary = title.contains("汇总") || file.contains("汇总");
            SPECS.iter().find(|s| s.name == if summary { "alipay_summary" } else { "alipay_bill" })
        })
        .map(|spec| Dialect { name: spec.name, role: spec.role })
}

/// Whether a dialect is a credit-card bill: one signed amount, written from the card's side, so a
/// positive amount is money spent (out) and a negative one a repayment or refund (in).
pub(crate) fn card_bill(name: &str) -> bool {
    matches!(name, "cgb_credit")
}

/// Whether a dialect writes its amounts in 分.
pub(crate) fn amounts_in_fen(name: &str) -> bool {
    matches!(name, "leshua_trade" | "saobei")
}

/// 扫呗 writes 支付方式 as a code (domain notes §5a, S15); the codes become the words the
/// engine reads, so its wallet payments are known as such.
const SAOBEI_PAY_METHODS: &[(&str, &str)] = &[
    ("1", "微信"),
    ("2", "支付宝"),
    ("3", "银行卡"),
    ("4", "现金"),
    ("11", "云闪付"),
    ("16", "数字人民币"),
];

/// Layout-specific fixes to the columns and cells of a table.
pub(crate) fn apply(name: &str, table: &mut Table) {
    let col_of = |table: &Table, wanted: &str| table.header.iter().position(|h| key(h) == wanted);
    wallet_columns(name, table);
    match name {
        "wechat_pay_bill" => {
            let Some(status) = table.columns.get(&Field::Status).copied() else { return };
            table.columns.insert(Field::TxnType, status);
            let (Some(amount), Some(refund)) =
                (table.columns.get(&Field::Amount).copied(), col_of(table, "退款金额"))
            else {
                return;
            };
            for i in 0..table.rows.len() {
                let row = table.rows[i];
                let cells = table.row(&row);
                let state = cells.get(status).map_or("", unwrap_cell);
                let refunded = cells.get(refund).map(|c| unwrap_cell(c).to_owned());
                if state.eq_ignore_ascii_case("REFUND")
                    && let Some(refunded) = refunded
                    && !matches!(refunded.trim_start_matches(['¥', '￥']), "" | "0" | "0.00")
                {
                    table.set_cell(&row, amount, &refunded);
                }
            }
        }
        "saobei" => {
            let Some(col) = table.columns.get(&Field::PayMethod).copied() else { return };
            for i in 0..table.rows.len() {
                let row = table.rows[i];
                let Some(cell) = table.row(&row).get(col) else { continue };
                let code = unwrap_cell(cell);
                if let Some((_, word)) = SAOBEI_PAY_METHODS.iter().find(|(c, _)| *c == code) {
                    table.set_cell(&row, col, word);
                }
            }
        }
        "unionpay_fixed" => {
            if !table.columns.contains_key(&Field::Time)
                && let Some(col) = col_of(table, "交易传输时间")
            {
                table.columns.insert(Field::Time, col);
            }
        }
        _ => {}
    }
}

/// Column fixes for the wallet layouts, after generic column assignment.
fn wallet_columns(dialect: &str, table: &mut Table) {
    let set = |table: &mut Table, field: Field, names: &[&str]| {
        if let Some(col) = wallet_col(table, names) {
            table.columns.retain(|_, c| *c != col);
            table.columns.insert(field, col);
        }
    };
    match dialect {
        "wechat_personal_bill" => {
            set(table, Field::Status, &["当前状态"]);
            set(table, Field::ChannelOrderId, &["交易单号"]);
            set(table, Field::OrderId, &["商户单号"]);
            set(table, Field::Amount, &["金额"]);
            set(table, Field::TxnType, &["交易类型"]);
        }
        "alipay_personal_bill" => {
            set(table, Field::ChannelOrderId, &["交易订单号", "交易号"]);
            set(table, Field::OrderId, &["商家订单号"]);
            set(table, Field::Amount, &["金额"]);
            set(table, Field::Status, &["交易状态"]);
            // The old layout: the moment the customer scanned is 交易创建时间 (付款时间 is empty
            // for a closed trade); 类型 is its type, 服务费 its fee.
            if wallet_col(table, &["交易时间"]).is_none() {
                set(table, Field::Time, &["交易创建时间"]);
                set(table, Field::TxnType, &["类型"]);
            } else {
                set(table, Field::TxnType, &["交易分类"]);
            }
        }
        // The older merchant bill (子商户号, 企业红包金额) names its amount 总金额.
        "wechat_pay_bill" if !table.columns.contains_key(&Field::Amount) => {
            set(table, Field::Amount, &["总金额"]);
        }
        _ => {}
    }
    if matches!(dialect, "wechat_personal_bill" | "alipay_personal_bill") {
        // 收/支 is read here, not as a bank statement's debit/credit flag; 支付方式 and 收/付款方式
        // name the funding (零钱, 余额, 花呗, a bank card), not the wallet.
        table.columns.remove(&Field::Direction);
        table.columns.remove(&Field::PayMethod);
        // 备注 is the owner's note (`/`, 服务费¥1.00); the state word (已收钱) says what happened.
        table.columns.remove(&Field::ResponseText);
    }
}

/// The column whose header key is the first of `names` found.
fn wallet_col(table: &Table, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|wanted| table.header.iter().position(|h| key(h) == *wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(s: &str) -> Vec<String> {
        s.split(',').map(str::to_owned).collect()
    }

    #[test]
    fn dialects() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,应结订单金额",
                "",
                Some("wechat_pay_bill"),
            ),
            ("支付宝交易号,商户订单号,业务类型,完成时间,订单金额（元）", "", Some("alipay_bill")),
            ("BT,编号,交易时间,记录类型,资金流向,交易金额(分)", "", Some("leshua_trade")),
            (
                "商户号,终端号,交易时间,交易类型,交易批次号,凭证号,参考号,卡号,发卡行名称,交易金额",
                "",
                Some("allinpay"),
            ),
            (
                "凭证号,本方账号,对方账号,交易时间,借/贷,借方发生额,贷方发生额,对方行号,摘要",
                "",
                Some("icbc_history"),
            ),
            ("交易时间,借方发生额（支取）,贷方发生额（收入）,余额", "", Some("ccb_detail")),
            (
                "交易日期[ Transaction Date ],交易金额[ Trade Amount ],交易后余额",
                "",
                Some("boc_detail"),
            ),
            ("交易日,交易时间,收(付)方名称,借方金额,贷方金额,余额", "", Some("cmb_detail")),
            ("交易时间,对方户名,支出金额,收入金额,账户余额", "", Some("abc_detail")),
            (
                "交易日期,入账日期,交易摘要,交易金额,交易货币,入账金额,入账货币",
                "",
                Some("cgb_credit"),
            ),
            ("交易时间,终端号,交易金额,应答码", "", None),
            ("交易时间,金额", "#支付宝业务明细查询", Some("alipay_bill")),
            (
                "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注",
                "微信支付账单明细",
                Some("wechat_personal_bill"),
            ),
            (
                "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,",
                "",
                Some("alipay_personal_bill"),
            ),
            (
                "交易号,商家订单号,交易创建时间,付款时间,最近修改时间,交易来源地,类型,交易对方,商品名称,金额（元）,收/支,交易状态,服务费（元）,成功退款（元）,备注,资金状态,",
                "支付宝交易记录明细查询",
                Some("alipay_personal_bill"),
            ),
            (
                "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）",
                "#支付宝业务汇总查询",
                Some("alipay_summary"),
            ),
            (
                "日期,收入金额（+元）,支出金额（-元）",
                "#支付宝账务明细汇总查询",
                Some("alipay_summary"),
            ),
            (
                "账务流水号,业务流水号,商户订单号,商品名称,发生时间,对方账号,收入金额（+元）,支出金额（-元）,账户余额（元）,交易渠道,业务类型,备注",
                "#支付宝账务明细查询",
                Some("alipay_account_flow"),
            ),
            (
                "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号",
                "",
                Some("wechat_fund_flow"),
            ),
            (
                "交易时间,公众账号ID,商户号,子商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,企业红包金额",
                "",
                Some("wechat_pay_bill"),
            ),
        ];
        for (h, preamble, expected) in cases {
            let preamble: Vec<Vec<Cell>> =
                if preamble.is_empty() { vec![] } else { vec![vec![Cell::from(*preamble)]] };
            let got = detect("f.csv", &header(h), &preamble).map(|d| d.name);
            assert_eq!(got, *expected, "{h}");
        }
    }
}
