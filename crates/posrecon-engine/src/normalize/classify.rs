//! Free-text cells -> the engine's small vocabularies: [`TxnType`] and [`Outcome`].
//!
//! Every acquirer spells these differently (乐刷 even writes "消费充正" for 冲正), so matching is by
//! contained keywords, checked in an order that resolves the compound spellings: "消费撤销" is a
//! void, not a sale, and "预授权完成撤销" is a void of a completion.
//!
//! The outcome decides everything downstream, so it comes from the one response code table in
//! [`crate::knowledge`] (UnionPay field 39, domain notes §3): `00`, `10`, `11`, `A2`..`A6`, `Y1`,
//! `Y3` are approvals; `68` (issuer timeout), `98` (no issuer reply), `94` (duplicate: "may be one
//! that already succeeded") and `09` (still processing) leave the money in doubt, as does a
//! terminal that received no code at all ("交易超时", "通讯失败"); every other code, including one
//! the table does not know, is a decline. QR channel states (USERPAYING, TRADE_SUCCESS, 10003 …)
//! come from the same module. Without a code, words decide, and a terminal line that says nothing
//! at all is Unknown: silence is exactly what a dropped transaction looks like.

use crate::knowledge;
use crate::model::{Outcome, Role, TxnType};

/// Maps a 交易类型 cell onto [`TxnType`].
pub fn txn_type(raw: &str) -> TxnType {
    let s = crate::normalize::text::unwrap_cell(raw).to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    // Wallet bills put the order state where a type would be (微信 交易状态, read as the type by
    // the wechat_pay_bill dialect), and Alipay writes 业务类型 `交易` / `退款`: an order's state
    // says which kind of row it is. REFUND is the refund row itself; a failed or pending payment
    // is still a sale attempt.
    match s.as_str() {
        "交易" | "支付" | "success" | "trade_success" | "trade_finished" | "part_refund"
        | "userpaying" | "notpay" | "closed" | "payerror" | "wait_buyer_pay" | "trade_closed"
        | "systemerror" => {
            return TxnType::Sale;
        }
        "refund" | "退款成功" => return TxnType::Refund,
        "revoked" => return TxnType::Void,
        _ => {}
    }
    if has(&["预授权", "pre-auth", "preauth", "pre auth"]) {
        return if has(&["完成撤销", "completion void", "完成冲正"]) {
            TxnType::Void
        } else if has(&["完成", "completion", "complete"]) {
            TxnType::PreauthCompletion
        } else {
            TxnType::Other
        };
    }
    if has(&["冲正", "充正", "reversal", "reverse"]) {
        TxnType::Reversal
    } else if has(&["撤销", "撤消", "void", "revoke", "cancel"]) {
        TxnType::Void
    } else if has(&["退货", "退款", "refund"]) {
        TxnType::Refund
    } else if has(&["消费", "sale", "purchase", "支付", "付款", "收款", "payment"]) {
        TxnType::Sale
    } else {
        TxnType::Other
    }
}

/// What a response code alone says. `None` when the cell is empty or is not a code.
///
/// A QR channel state in the code column (`SUCCESS`, `10003`) is read from the QR table; a short
/// alphanumeric cell is a field 39 code, looked up in the response code table, and a code the
/// table does not know is a decline (terminals show it as "交易失败").
fn code_outcome(code: &str) -> Option<Outcome> {
    let code = crate::normalize::text::unwrap_cell(code);
    if let Some(state) = knowledge::qr_state(code) {
        return Some(state.outcome);
    }
    let code = code.trim();
    if code.is_empty() || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    Some(knowledge::response_code(code).map_or(Outcome::Declined, |c| c.outcome))
}

/// What words say, when they say anything. A cell that is exactly a QR channel state is read
/// from the QR table first ("REVOKED" contains none of the keywords below).
fn words_outcome(text: &str) -> Option<Outcome> {
    // WeChat writes "`REVOKED": the back-tick is spreadsheet protection, not part of the state.
    let text = crate::normalize::text::unwrap_cell(text);
    if let Some(state) = knowledge::qr_state(text) {
        return Some(state.outcome);
    }
    let s = text.trim().to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| s.contains(w));
    // Whole cells that say it in a word too short (or too common inside others) to search for:
    // a till's `OK`, a status that the sale was reversed or voided (no money taken; a void's
    // own row says `撤销成功`, which is not one of these).
    match s.as_str() {
        "ok" | "done" | "y" | "yes" => return Some(Outcome::Approved),
        "冲正" | "已冲正" | "撤销" | "已撤销" | "已撤消" | "reversed" | "voided" => {
            return Some(Outcome::Declined);
        }
        _ => {}
    }
    // Doubt first: "交易失败(超时)" is a timeout, not a decline.
    if has(DOUBT_WORDS) {
        Some(Outcome::Unknown)
    } else if has(DECLINE_WORDS) {
        Some(Outcome::Declined)
    } else if has(APPROVE_WORDS) {
        Some(Outcome::Approved)
    } else {
        None
    }
}

/// Words that leave the money in doubt (contained, lowercase).
const DOUBT_WORDS: &[&str] = &[
    "超时",
    "无应答",
    "未应答",
    "无响应",
    "未响应",
    "通讯失败",
    "通信失败",
    "连接失败",
    "网络异常",
    "网络错误",
    "结果未知",
    "状态未知",
    "处理中",
    "待确认",
    // A wallet still waiting for the customer (支付宝 等待付款, 支付中): not a final state.
    "等待付款",
    "等待买家付款",
    // Not finished is not failed: the money may still move.
    "未完成",
    "支付中",
    "付款中",
    "timeout",
    "timed out",
    "time out",
    "no response",
    "no reply",
    "unknown",
    "pending",
    "userpaying",
    "processing",
];

/// Words that say no money moved (contained, lowercase); read after [`DOUBT_WORDS`].
const DECLINE_WORDS: &[&str] = &[
    "失败",
    "拒绝",
    "不成功",
    "没成功",
    "没有成功",
    "未成功",
    "不足",
    "无效",
    "错误",
    "已关闭",
    "关闭",
    "过期",
    "未支付",
    "未付款",
    "unpaid",
    "decline",
    "fail",
    "reject",
    "error",
    "invalid",
    "closed",
    "notpay",
    "payerror",
];

/// Words that say the payment went through (contained, lowercase); read last.
const APPROVE_WORDS: &[&str] = &[
    "成功",
    "批准",
    "承兑",
    "已支付",
    "支付完成",
    // Tills write that the payment is done rather than that it succeeded.
    "完成",
    "已付款",
    "付款成功",
    "已收款",
    "收款成功",
    "completed",
    "paid",
    "success",
    "approved",
    "succeeded",
];

/// The outcome of one row, from its role, 应答码, 应答信息 and 交易状态 cells.
///
/// Settlement files list what was settled, so their rows are approved unless a status cell says
/// otherwise. Terminal rows are read code first, then words; no code and no words is Unknown.
pub fn outcome(
    role: Role,
    code: Option<&str>,
    text: Option<&str>,
    status: Option<&str>,
) -> Outcome {
    let words = || {
        [status, text].into_iter().flatten().filter_map(words_outcome).fold(None, |acc, o| {
            // Between two word cells, doubt beats decline beats approval.
            Some(match (acc, o) {
                (Some(Outcome::Unknown), _) | (_, Outcome::Unknown) => Outcome::Unknown,
                (Some(Outcome::Declined), _) | (_, Outcome::Declined) => Outcome::Declined,
                _ => Outcome::Approved,
            })
        })
    };
    match role {
        Role::AcquirerStatement | Role::WalletBill | Role::BankStatement => {
            status.and_then(words_outcome).unwrap_or(Outcome::Approved)
        }
        Role::TerminalLog | Role::OrderList => {
            code.and_then(code_outcome).or_else(words).unwrap_or(Outcome::Unknown)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn txn_types() {
        use TxnType::*;
        let cases: &[(&str, TxnType)] = &[
            ("消费", Sale),
            ("消费成功", Sale),
            ("Sale", Sale),
            ("PURCHASE", Sale),
            ("撤销", Void),
            ("消费撤销", Void),
            ("void", Void),
            ("退货", Refund),
            ("退款", Refund),
            ("退货成功", Refund),
            ("Refund", Refund),
            ("冲正", Reversal),
            ("消费冲正", Reversal),
            ("消费充正", Reversal),
            ("Reversal", Reversal),
            ("预授权完成", PreauthCompletion),
            ("预授权完成撤销", Void),
            ("预授权", Other),
            ("预授权撤销", Other),
            ("余额查询", Other),
            ("SUCCESS", Sale),
            ("`SUCCESS", Sale),
            ("REFUND", Refund),
            ("REVOKED", Void),
            ("USERPAYING", Sale),
            ("SYSTEMERROR", Sale),
            ("交易", Sale),
            ("退款", Refund),
            ("TRADE_SUCCESS", Sale),
            ("", Other),
        ];
        for (cell, expected) in cases {
            assert_eq!(txn_type(cell), *expected, "{cell:?}");
        }
    }

    #[test]
    fn outcomes() {
        use Outcome::*;
        use Role::*;
        // (role, 应答码, 应答信息, 交易状态) -> outcome
        type Case<'a> = (Role, Option<&'a str>, Option<&'a str>, Option<&'a str>, Outcome);
        let cases: &[Case] = &[
            (TerminalLog, Some("00"), Some("交易成功"), None, Approved),
            (TerminalLog, Some("0"), None, None, Approved),
            (TerminalLog, Some("000"), None, None, Approved),
            (TerminalLog, Some(" 00 "), Some(""), None, Approved),
            (TerminalLog, Some(""), Some("交易超时"), None, Unknown),
            (TerminalLog, None, Some("通讯失败"), None, Unknown),
            (TerminalLog, None, Some("Timeout, no response"), None, Unknown),
            (TerminalLog, Some("98"), Some("发卡方超时"), None, Unknown),
            (TerminalLog, Some("68"), None, None, Unknown),
            (TerminalLog, Some("94"), Some("重复交易"), None, Unknown),
            (TerminalLog, Some("96"), Some("交换中心异常"), None, Declined),
            (TerminalLog, Some("51"), Some("余额不足"), None, Declined),
            (TerminalLog, Some("A0"), None, None, Declined),
            (TerminalLog, Some(""), Some("交易失败"), None, Declined),
            (TerminalLog, None, None, Some("失败"), Declined),
            (TerminalLog, None, None, Some("拒绝"), Declined),
            (TerminalLog, None, None, Some("Declined"), Declined),
            (TerminalLog, None, None, Some("成功"), Approved),
            (TerminalLog, None, Some("approved"), None, Approved),
            (TerminalLog, None, Some("交易成功"), Some("交易失败"), Declined),
            (TerminalLog, None, Some("交易失败(超时)"), None, Unknown),
            (TerminalLog, Some(""), Some(""), None, Unknown),
            (TerminalLog, None, None, None, Unknown),
            (TerminalLog, None, Some("请联系收单行"), None, Unknown),
            // Tills' own words (issue 13): done is approved, reversed is no money taken.
            (TerminalLog, None, None, Some("完成"), Approved),
            (TerminalLog, None, None, Some("已完成"), Approved),
            (TerminalLog, None, None, Some("OK"), Approved),
            (TerminalLog, None, None, Some(" ok "), Approved),
            (TerminalLog, None, None, Some("已支付"), Approved),
            (TerminalLog, None, None, Some("已付款"), Approved),
            (TerminalLog, None, Some("交易成功"), None, Approved),
            (TerminalLog, None, None, Some("Paid"), Approved),
            (TerminalLog, None, None, Some("unpaid"), Declined),
            (TerminalLog, None, None, Some("未付款"), Declined),
            (TerminalLog, None, None, Some("失败"), Declined),
            (TerminalLog, None, None, Some("冲正"), Declined),
            (TerminalLog, None, None, Some("已冲正"), Declined),
            (TerminalLog, None, None, Some("已撤销"), Declined),
            (TerminalLog, None, None, Some("撤销成功"), Approved),
            (TerminalLog, None, None, Some("未完成"), Unknown),
            (TerminalLog, None, None, Some("没成功"), Declined),
            // A word the engine cannot know stays unknown: a value mapping says what it means.
            (TerminalLog, None, None, Some("好了"), Unknown),
            (TerminalLog, None, None, Some("token"), Unknown),
            (AcquirerStatement, None, None, None, Approved),
            (AcquirerStatement, None, None, Some("成功"), Approved),
            (AcquirerStatement, None, None, Some("已结算"), Approved),
            (AcquirerStatement, None, None, Some("交易失败"), Declined),
            (AcquirerStatement, Some("51"), None, None, Approved),
            // Codes from the knowledge table, and codes it does not know.
            (TerminalLog, Some("09"), None, None, Unknown),
            (TerminalLog, Some("Y3"), None, None, Approved),
            (TerminalLog, Some("Z3"), None, None, Declined),
            (TerminalLog, Some("P6"), Some("未签到"), None, Declined),
            (TerminalLog, Some("x9"), None, None, Declined),
            // QR channel states, in the code or the status column.
            (TerminalLog, Some("USERPAYING"), None, None, Unknown),
            (TerminalLog, Some("10003"), None, None, Unknown),
            (TerminalLog, None, None, Some("TRADE_SUCCESS"), Approved),
            (TerminalLog, None, None, Some("REVOKED"), Declined),
            (TerminalLog, None, None, Some("DEAL"), Unknown),
            (WalletBill, None, None, Some("REFUND"), Approved),
            (WalletBill, None, None, Some("REVOKED"), Declined),
            (WalletBill, None, None, Some("SYSTEMERROR"), Unknown),
            // 支付宝 交易状态 words: waiting is not paid yet, closed is not paid.
            (WalletBill, None, None, Some("等待付款"), Unknown),
            (WalletBill, None, None, Some("交易关闭"), Declined),
            (WalletBill, None, None, Some("交易成功"), Approved),
        ];
        for (role, code, text, status, expected) in cases {
            assert_eq!(
                outcome(*role, *code, *text, *status),
                *expected,
                "{role:?} {code:?} {text:?} {status:?}"
            );
        }
    }
}
