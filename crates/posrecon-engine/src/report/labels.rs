//! Names of the report's enums in Chinese and English, for the exports (HTML, CSV, XLSX).
//!
//! Finding kinds carry their own labels ([`Kind::label`]); these are the rest. The web page uses
//! these same functions (re-exported from its `i18n` module), so page and exports agree.

use crate::Lang;
use crate::model::{Role, TxnType};
use crate::report::{Cause, Kind, Severity};

/// Name of a severity: 高 / 中 / 低 / 提示.
pub fn severity(lang: Lang, severity: Severity) -> &'static str {
    match severity {
        Severity::High => lang.pick("高", "High"),
        Severity::Medium => lang.pick("中", "Medium"),
        Severity::Low => lang.pick("低", "Low"),
        Severity::Info => lang.pick("提示", "Info"),
    }
}

/// snake_case name of a severity (`high`, ...), as in the JSON.
pub fn severity_key(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
        Severity::Info => "info",
    }
}

/// Name of a file role.
pub fn role(lang: Lang, role: Role) -> &'static str {
    match role {
        Role::TerminalLog => lang.pick("终端交易流水", "Terminal log"),
        Role::AcquirerStatement => lang.pick("收单对账单", "Acquirer statement"),
        Role::BankStatement => lang.pick("银行流水", "Bank statement"),
        Role::OrderList => lang.pick("收银订单", "Cashier orders"),
        Role::WalletBill => lang.pick("微信/支付宝账单", "WeChat Pay/Alipay bill"),
    }
}

/// Name of a cause.
pub fn cause(lang: Lang, cause: Cause) -> &'static str {
    match cause {
        Cause::Network => lang.pick("终端网络", "Terminal network"),
        Cause::Signal => lang.pick("信号差（固定时段或位置）", "Poor signal (recurring)"),
        Cause::BankSystem => lang.pick("收单/银联系统故障", "Acquirer or switch fault"),
        Cause::Issuer => lang.pick("发卡行故障", "Card issuer fault"),
        Cause::Terminal => lang.pick("终端设备", "Terminal device"),
        Cause::Operator => lang.pick("收银员操作", "Cashier operation"),
        Cause::Cardholder => lang.pick("持卡人原因", "Cardholder"),
        Cause::Unknown => lang.pick("未知", "Unknown"),
    }
}

/// Name of a transaction type.
pub fn txn_type(lang: Lang, txn_type: TxnType) -> &'static str {
    match txn_type {
        TxnType::Sale => lang.pick("消费", "Sale"),
        TxnType::Void => lang.pick("撤销", "Void"),
        TxnType::Refund => lang.pick("退货", "Refund"),
        TxnType::Reversal => lang.pick("冲正", "Reversal"),
        TxnType::PreauthCompletion => lang.pick("预授权完成", "Pre-auth completion"),
        TxnType::Deposit => lang.pick("入账", "Deposit"),
        TxnType::Other => lang.pick("其他", "Other"),
    }
}

/// Name of a finding kind (the kind's own label).
pub fn kind(lang: Lang, kind: Kind) -> &'static str {
    kind.label(lang)
}

/// The report's language (`report.lang`), Chinese when unknown.
pub fn report_lang(lang: &str) -> Lang {
    Lang::parse(lang).unwrap_or_default()
}
