//! Order lists (cashier / ERP exports): what the till says was sold and how it was paid.
//!
//! An order list is the merchant's own view: 订单号, 下单时间, 金额 or 实收金额, 支付方式 and a
//! status (已支付, 已退款, 已取消 ...). It is the third witness next to the terminal and the
//! acquirer: an order "paid by card" with no approved card transaction behind it is a sale the
//! merchant handed over without being paid (or a payment taken on another terminal).
//!
//! Rows are read with the same cell rules as terminal logs (money, times, identifiers), then the
//! order words replace the terminal vocabulary: the status gives the outcome (paid = approved,
//! cancelled / unpaid = declined; a refunded order, 已退款 / 部分退款, was paid, so it is a paid
//! sale; only a row that is itself a refund, 退款 / 退货, is a refund) and 支付方式 gives
//! [`PayMethod`]. A status the words do not know is Unknown, so it is never reported as unpaid.

use crate::model::{CardType, Outcome, PayMethod, TxnType};

/// Maps a 支付方式 cell; `None` when empty.
pub fn pay_method(raw: &str) -> Option<PayMethod> {
    let s = raw.trim().to_lowercase();
    if s.is_empty() {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    Some(if has(&["微信", "wechat", "weixin", "wxpay"]) {
        PayMethod::Wechat
    } else if has(&["支付宝", "alipay"]) {
        PayMethod::Alipay
    } else if has(&["云闪付", "扫码", "二维码", "聚合", "qr", "付款码", "收款码"]) {
        PayMethod::Qr
    } else if has(&[
        "银行卡",
        "刷卡",
        "信用卡",
        "借记卡",
        "储蓄卡",
        "银联",
        "pos",
        "card",
        "挥卡",
        "插卡",
    ]) {
        PayMethod::Card
    } else if has(&["现金", "cash"]) {
        PayMethod::Cash
    } else {
        PayMethod::Other
    })
}

/// Status words that say the order *was paid* and its money then went (or is going, or was asked
/// to go) back, in full or in part: the state of a paid order, not a refund row of its own. The payment happened, so
/// the row is a paid sale: its wallet or card payment still backs it (a till's 已退款 payment row
/// is the attempt behind the bill's SUCCESS row, whose REFUND row the bill lists apart).
const REFUNDED_STATES: &[&str] = &[
    "已退",
    "部分退",
    "全额退",
    "全部退",
    "退款中",
    "退款处理中",
    "退款成功",
    "转入退款",
    // A refund asked for and refused: the order stays paid.
    "退款失败",
    "退款关闭",
    "refunded",
    "refunding",
    "partial refund",
    "partially refund",
];

/// What an order's status says: the transaction type and outcome. `None` when the cell is empty.
///
/// A refunded order (已退款, 部分退款, 退款中: [`REFUNDED_STATES`]) is a paid sale; a status that is
/// only the word for a refund (退款, 退货, refund) makes the row a refund.
pub fn order_status(raw: &str) -> Option<(TxnType, Outcome)> {
    let s = raw.trim().to_lowercase();
    if s.is_empty() {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    Some(if has(REFUNDED_STATES) {
        (TxnType::Sale, Outcome::Approved)
    } else if has(&["退款", "退货", "refund"]) {
        (TxnType::Refund, Outcome::Approved)
    } else if has(&[
        "未支付",
        "未付",
        "待支付",
        "待付",
        "取消",
        "关闭",
        "失败",
        "作废",
        "unpaid",
        "cancel",
        "closed",
        "fail",
        "void",
    ]) {
        (TxnType::Sale, Outcome::Declined)
    } else if has(&[
        "已支付",
        "支付成功",
        "已付",
        "已完成",
        "完成",
        "成功",
        "已结账",
        "已收款",
        "paid",
        "success",
        "complete",
        "done",
    ]) {
        (TxnType::Sale, Outcome::Approved)
    } else {
        (TxnType::Sale, Outcome::Unknown)
    })
}

/// Maps a 卡类型 cell; `None` when empty.
pub fn card_type(raw: &str) -> Option<CardType> {
    let s = raw.trim().to_lowercase();
    if s.is_empty() {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    Some(if has(&["借记", "储蓄", "debit"]) {
        CardType::Debit
    } else if has(&["贷记", "信用", "credit"]) {
        CardType::Credit
    } else {
        CardType::Unknown
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pay_methods() {
        let cases: &[(&str, Option<PayMethod>)] = &[
            ("银行卡", Some(PayMethod::Card)),
            ("刷卡", Some(PayMethod::Card)),
            ("POS刷卡", Some(PayMethod::Card)),
            ("信用卡", Some(PayMethod::Card)),
            ("微信", Some(PayMethod::Wechat)),
            ("微信扫码", Some(PayMethod::Wechat)),
            ("支付宝", Some(PayMethod::Alipay)),
            ("云闪付", Some(PayMethod::Qr)),
            ("银联二维码", Some(PayMethod::Qr)),
            ("现金", Some(PayMethod::Cash)),
            ("会员卡储值", Some(PayMethod::Other)),
            ("挂账", Some(PayMethod::Other)),
            ("", None),
        ];
        for (cell, expected) in cases {
            assert_eq!(pay_method(cell), *expected, "{cell:?}");
        }
    }

    #[test]
    fn order_statuses() {
        use Outcome::*;
        let cases: &[(&str, Option<(TxnType, Outcome)>)] = &[
            ("已支付", Some((TxnType::Sale, Approved))),
            ("支付成功", Some((TxnType::Sale, Approved))),
            ("已完成", Some((TxnType::Sale, Approved))),
            // Paid, then refunded: the payment happened (a paid sale).
            ("已退款", Some((TxnType::Sale, Approved))),
            ("部分退款", Some((TxnType::Sale, Approved))),
            ("已部分退款", Some((TxnType::Sale, Approved))),
            ("全额退款", Some((TxnType::Sale, Approved))),
            ("退款中", Some((TxnType::Sale, Approved))),
            ("退款成功", Some((TxnType::Sale, Approved))),
            ("已退货", Some((TxnType::Sale, Approved))),
            ("退款失败", Some((TxnType::Sale, Approved))),
            ("Refunded", Some((TxnType::Sale, Approved))),
            // The row is a refund.
            ("退款", Some((TxnType::Refund, Approved))),
            ("退货", Some((TxnType::Refund, Approved))),
            ("未支付", Some((TxnType::Sale, Declined))),
            ("已取消", Some((TxnType::Sale, Declined))),
            ("挂单", Some((TxnType::Sale, Unknown))),
            ("", None),
        ];
        for (cell, expected) in cases {
            assert_eq!(order_status(cell), *expected, "{cell:?}");
        }
    }

    #[test]
    fn card_types() {
        let cases: &[(&str, Option<CardType>)] = &[
            ("借记卡", Some(CardType::Debit)),
            ("贷记卡", Some(CardType::Credit)),
            ("信用卡", Some(CardType::Credit)),
            ("准贷记卡", Some(CardType::Credit)),
            ("外卡", Some(CardType::Unknown)),
            ("", None),
        ];
        for (cell, expected) in cases {
            assert_eq!(card_type(cell), *expected, "{cell:?}");
        }
    }
}
