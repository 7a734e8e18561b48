//! Order states of QR payments (微信 / 支付宝 / aggregators) taken on a POS.
//!
//! Source: the project's domain notes §1c. When the merchant scans the customer's payment code,
//! the channel may answer "the customer is still entering the password" (USERPAYING,
//! WAIT_BUYER_PAY, Alipay 10003) or "something went wrong, outcome unknown" (SYSTEMERROR, Alipay
//! 20000, aggregator DEAL / UNKNOWN). Those are exactly the states that turn into 单边账 when the
//! cashier scans again, so they map to [`Outcome::Unknown`]. Final states map to approved or
//! declined. REFUND / PART_REFUND say the order *was* paid and later refunded, so the payment
//! itself is approved; the refund is a separate row.

use crate::model::Outcome;

/// One channel state and its outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QrState {
    /// The state as the channel spells it (upper case).
    pub state: &'static str,
    /// Which channel uses it.
    pub channel: &'static str,
    /// Meaning, in Chinese.
    pub meaning_zh: &'static str,
    /// Meaning, in English.
    pub meaning_en: &'static str,
    /// Whether money moved.
    pub outcome: Outcome,
}

const fn qs(
    state: &'static str,
    channel: &'static str,
    outcome: Outcome,
    meaning_zh: &'static str,
    meaning_en: &'static str,
) -> QrState {
    QrState { state, channel, meaning_zh, meaning_en, outcome }
}

use Outcome::{Approved, Declined, Unknown};

/// Known states, sorted by state.
pub const QR_STATES: &[QrState] = &[
    qs("10000", "alipay", Approved, "接口调用成功（支付成功）", "call succeeded (paid)"),
    qs("10003", "alipay", Unknown, "等待用户付款（输入密码中）", "waiting for the buyer to pay"),
    qs("20000", "alipay", Unknown, "服务不可用，结果未知", "service unavailable, outcome unknown"),
    qs("40004", "alipay", Declined, "业务处理失败", "business failure"),
    qs("CLOSE", "aggregator", Declined, "订单已关闭", "order closed"),
    qs("CLOSED", "wechat", Declined, "订单已关闭", "order closed"),
    qs("CREATE", "aggregator", Unknown, "订单已创建，未支付完成", "order created, not yet paid"),
    qs("DEAL", "aggregator", Unknown, "处理中，结果未知", "processing, outcome unknown"),
    qs("FAIL", "aggregator", Declined, "支付失败", "payment failed"),
    qs("INIT", "aggregator", Unknown, "初始化，结果未知", "initialised, outcome unknown"),
    qs("NOTPAY", "wechat", Declined, "未支付", "not paid"),
    qs("PART_REFUND", "aggregator", Approved, "已支付，部分退款", "paid, partly refunded"),
    qs("PAYERROR", "wechat", Declined, "支付失败", "payment failed"),
    qs("REFUND", "wechat", Approved, "已支付，转入退款", "paid, then refunded"),
    qs("REVOKED", "wechat", Declined, "已撤销", "reversed (revoked)"),
    qs("SUCCESS", "wechat", Approved, "支付成功", "paid"),
    qs("SYSTEMERROR", "wechat", Unknown, "系统错误，结果未知", "system error, outcome unknown"),
    qs("TRADE_CLOSED", "alipay", Declined, "交易关闭（未付款或已全额退款）", "trade closed"),
    qs("TRADE_FINISHED", "alipay", Approved, "交易完结", "trade finished"),
    qs("TRADE_SUCCESS", "alipay", Approved, "支付成功", "paid"),
    qs("UNKNOWN", "aggregator", Unknown, "结果未知", "outcome unknown"),
    qs("USERPAYING", "wechat", Unknown, "用户支付中（输入密码）", "customer still paying"),
    qs("WAIT_BUYER_PAY", "alipay", Unknown, "等待买家付款", "waiting for the buyer to pay"),
];

/// Looks a state up by its exact spelling (case-insensitive, trimmed).
pub fn qr_state(cell: &str) -> Option<&'static QrState> {
    let cell = cell.trim();
    QR_STATES.iter().find(|s| s.state.eq_ignore_ascii_case(cell))
}

/// The words 支付宝's merchant exports write for its states (交易状态), and the state each one is.
pub const ALIPAY_WORDS: &[(&str, &str)] = &[
    ("交易关闭", "TRADE_CLOSED"),
    ("交易成功", "TRADE_SUCCESS"),
    ("交易结束", "TRADE_FINISHED"),
    ("等待买家付款", "WAIT_BUYER_PAY"),
    ("等待付款", "WAIT_BUYER_PAY"),
];

/// A state by its spelling, or by the words a bill writes for it (`等待付款` is WAIT_BUYER_PAY).
pub fn qr_state_or_word(cell: &str) -> Option<&'static QrState> {
    let cell = cell.trim();
    qr_state(cell).or_else(|| {
        let (_, state) = ALIPAY_WORDS.iter().find(|(word, _)| *word == cell)?;
        qr_state(state)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_unique_and_known_states() {
        let states: Vec<&str> = QR_STATES.iter().map(|s| s.state).collect();
        let mut sorted = states.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(states, sorted);
        let cases = [
            ("USERPAYING", Unknown),
            ("systemerror", Unknown),
            ("NOTPAY", Declined),
            ("REVOKED", Declined),
            ("CLOSED", Declined),
            ("PAYERROR", Declined),
            ("REFUND", Approved),
            ("SUCCESS", Approved),
            ("WAIT_BUYER_PAY", Unknown),
            ("TRADE_SUCCESS", Approved),
            ("TRADE_CLOSED", Declined),
            ("10003", Unknown),
            ("20000", Unknown),
            ("DEAL", Unknown),
            (" UNKNOWN ", Unknown),
        ];
        for (cell, outcome) in cases {
            assert_eq!(qr_state(cell).map(|s| s.outcome), Some(outcome), "{cell}");
        }
        assert_eq!(qr_state("交易成功"), None);
        for (word, state) in ALIPAY_WORDS {
            assert_eq!(qr_state_or_word(word).map(|s| s.state), Some(*state), "{word}");
        }
        assert_eq!(qr_state_or_word("USERPAYING").map(|s| s.state), Some("USERPAYING"));
        assert_eq!(qr_state_or_word("支付中"), None);
    }
}
