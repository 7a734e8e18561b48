//! Response codes (应答码, ISO 8583 field 39) and reversal reasons, as UnionPay terminals use them.
//!
//! Source: the project's domain notes §3a/§3b, which follow the UnionPay specification
//! Q/CUP 006.6-2015 appendix A.2.1 for the meanings and the POS terminal handling appendix for the
//! classes (A success; B failed, may retry; C failed, do not retry; D failed, cashier must act;
//! E failed, system fault). A few older codes (06, 09, 19, 31, 33, 79 …) come from the earlier
//! table that many terminals still print. Meanings are paraphrased; merchant messages are ours.
//!
//! Three columns drive the engine:
//!
//! - `outcome`: whether money may have moved. Only approvals move money; a handful of codes leave
//!   it in doubt (68 and 98: the issuer's answer never came back; 94: "duplicate", which may mean
//!   the first attempt already went through; 09: still being processed). Everything else is a
//!   decline. An unknown code is a decline too, shown as "交易失败" (terminal practice).
//! - `cause`: the report `Cause` the code points to on its own. Context can overrule it: a 98 on
//!   one issuer's cards is `issuer`, a 98 on every terminal in the same minutes is `bank_system`;
//!   that is the incident detectors' job.
//! - `class`: the POS handling class, kept for the help text and for tests of the table.
//!
//! Merchant set-up problems at the acquirer (03 无效商户, 97 终端未登记, 40, C1 …) have no cause
//! of their own in the report contract; they are filed under `terminal` because the fix is the
//! same: the POS provider has to correct the terminal's registration, not the network.

use crate::model::Outcome;
use crate::report::Cause;

/// POS handling class of a response code (UnionPay terminal specification).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PosClass {
    /// Success.
    A,
    /// Failed; the cashier may try again.
    B,
    /// Failed; do not try again.
    C,
    /// Failed; the cashier must act (keep the card, call the issuer).
    D,
    /// Failed; system fault, do not try again.
    E,
}

/// One response code and what it means for the merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseCode {
    /// The code as the host sends it (upper case).
    pub code: &'static str,
    /// Meaning in the UnionPay table, in Chinese.
    pub meaning_zh: &'static str,
    /// What to tell the merchant, in Chinese.
    pub message_zh: &'static str,
    /// What to tell the merchant, in English.
    pub message_en: &'static str,
    /// Whether money may have moved.
    pub outcome: Outcome,
    /// POS handling class, where the specification gives one.
    pub class: Option<PosClass>,
    /// The cause the code points to on its own; `None` for approvals.
    pub cause: Option<Cause>,
}

impl ResponseCode {
    /// The merchant message in the given language.
    pub fn message(&self, lang: crate::config::Lang) -> &'static str {
        match lang {
            crate::config::Lang::Zh => self.message_zh,
            crate::config::Lang::En => self.message_en,
        }
    }
}

const fn rc(
    code: &'static str,
    class: Option<PosClass>,
    outcome: Outcome,
    cause: Option<Cause>,
    meaning_zh: &'static str,
    message_zh: &'static str,
    message_en: &'static str,
) -> ResponseCode {
    ResponseCode { code, meaning_zh, message_zh, message_en, outcome, class, cause }
}

use Cause::{BankSystem, Cardholder, Issuer, Network, Operator, Terminal, Unknown as CauseUnknown};
use Outcome::{Approved, Declined, Unknown};
use PosClass::{A, B, C, D, E};

/// Codes a healthy, signed-in terminal does not return, whatever card is presented: they answer
/// the terminal's own state, not the customer's card. A0 (MAC 鉴别失败) and 99 (PIN 格式错) say its
/// working keys no longer match the host's (class B, cause TERM keys), 77 that its batch is out of
/// step (重新签到), 97 that the terminal id is not registered (终端未登记) and 03 that the merchant
/// is not (无效商户), both acquirer set-up (class C/D). Source: domain notes §3a (Q/CUP 006.6-2015
/// A.2.1, sources S1; the POS handling appendix, S2 and S3; sign-in after 77, S5) and §6 heuristic 6
/// ("repeated A0 / 99 on one terminal, even after 签到: terminal key/MAC problem"). 22 and 40,
/// which the `terminal` detector groups with them, are left out: 22 also answers a cashier's void
/// out of order, 40 a transaction type the card or issuer does not support.
pub const NOT_NORMAL_ON_A_HEALTHY_TERMINAL: &[&str] = &["A0", "99", "77", "97", "03"];

/// Field 39 codes, sorted by code. One row per code, so the table is read like a table.
#[rustfmt::skip]
pub const RESPONSE_CODES: &[ResponseCode] = &[
    rc("00", Some(A), Approved, None, "承兑或交易成功", "交易成功", "Approved"),
    rc("01", Some(C), Declined, Some(Cardholder), "查发卡方", "发卡行要求持卡人联系银行，请顾客换卡或联系发卡行", "The issuer asks the cardholder to call the bank; ask for another card"),
    rc("02", Some(C), Declined, Some(Cardholder), "查发卡方的特殊条件", "发卡行有特殊限制，请顾客联系发卡行", "The issuer has a special condition on this card; the cardholder should call the bank"),
    rc("03", Some(C), Declined, Some(Terminal), "无效商户", "商户未登记或状态异常，请联系 POS 服务商核对商户设置", "Merchant not registered or disabled; ask the POS provider to check the merchant set-up"),
    rc("04", Some(D), Declined, Some(Cardholder), "没收卡", "此卡为无效卡，请不要再受理此卡", "Invalid card (pick up); do not accept it again"),
    rc("05", Some(C), Declined, Some(Cardholder), "身份认证失败 / 不予承兑", "发卡行拒绝交易，请顾客联系发卡行或换卡", "Declined by the issuer; ask for another card"),
    rc("06", Some(E), Declined, Some(Issuer), "出错（发卡行故障）", "发卡行处理出错，请稍后再试或换卡", "Issuer error; try later or use another card"),
    rc("07", Some(D), Declined, Some(Cardholder), "特殊条件下没收卡", "此卡被限制使用，请不要再受理此卡", "Card restricted (pick up); do not accept it again"),
    rc("09", Some(B), Unknown, Some(BankSystem), "请求正在处理中", "交易仍在处理中，结果未知，请先查询再决定是否重做", "Still being processed: outcome unknown, query before trying again"),
    rc("10", Some(A), Approved, None, "部分金额批准", "部分金额批准，请按批准金额收款", "Partly approved: collect the approved amount only"),
    rc("11", Some(A), Approved, None, "重要人物批准（VIP）", "交易成功", "Approved (VIP)"),
    rc("12", Some(C), Declined, Some(Operator), "无效的关联交易", "无效交易：多为隔日撤销或原交易不存在，隔日请改用退货", "Invalid related transaction: usually a void on a later day; use a refund (退货) instead"),
    rc("13", Some(B), Declined, Some(Operator), "无效金额", "金额无效或超限，请核对输入的金额", "Invalid amount; check the amount keyed in"),
    rc("14", Some(B), Declined, Some(Cardholder), "无效卡号", "卡号无效：请重新刷卡或插卡，仍失败请换卡", "Invalid card number: swipe or insert again, then try another card"),
    rc("15", Some(C), Declined, Some(Cardholder), "无此发卡方", "此卡没有对应的发卡行，请换卡", "No such issuer; ask for another card"),
    rc("19", Some(C), Declined, Some(Terminal), "重新送入交易（读卡错误）", "读卡失败，请重新刷卡或插卡", "Card read error; swipe or insert the card again"),
    rc("20", Some(C), Declined, Some(BankSystem), "无效应答", "银行应答无效，请稍后再试", "Invalid response from the host; try later"),
    rc("21", Some(C), Declined, Some(Cardholder), "卡未初始化或睡眠卡", "该卡未激活或为睡眠卡，请顾客联系发卡行", "Card not activated or dormant; the cardholder should call the bank"),
    rc("22", Some(C), Declined, Some(Operator), "故障怀疑，关联交易错误", "操作有误或超出交易允许天数，请重新签到后再试", "Related transaction out of order or too old; sign the terminal in again (重新签到)"),
    rc("23", Some(C), Declined, Some(BankSystem), "不可接受的交易费", "交易费用不被接受，请联系收单机构", "Unacceptable transaction fee; ask the acquirer"),
    rc("25", Some(C), Declined, Some(Operator), "找不到原始交易", "找不到原交易：请核对签购单上的凭证号、参考号和日期", "Original transaction not found: check the STAN, RRN and date on the receipt"),
    rc("30", Some(C), Declined, Some(Terminal), "报文格式错误", "终端报文错误，请重试，反复出现请联系 POS 服务商", "Message format error; retry, and call the POS provider if it repeats"),
    rc("31", Some(C), Declined, Some(Cardholder), "交换中心不支持的银行", "此卡不能受理，请换卡", "This card cannot be accepted here; ask for another card"),
    rc("33", Some(C), Declined, Some(Cardholder), "过期的卡", "卡已过期，请换卡", "Expired card; ask for another card"),
    rc("34", Some(D), Declined, Some(Cardholder), "有作弊嫌疑", "发卡行怀疑风险，请不要再受理此卡", "Suspected fraud; do not accept this card again"),
    rc("35", Some(D), Declined, Some(Cardholder), "受卡方与安全保密部门联系", "此卡受限，请顾客联系发卡行", "Card restricted; the cardholder should call the bank"),
    rc("36", Some(D), Declined, Some(Cardholder), "受限制的卡", "此卡受限，请换卡", "Restricted card; ask for another card"),
    rc("37", Some(D), Declined, Some(Cardholder), "受卡方呼受理方安全保密部门", "此卡受限，请顾客联系发卡行", "Card restricted; the cardholder should call the bank"),
    rc("38", Some(D), Declined, Some(Cardholder), "PIN 错误次数超限", "密码错误次数超限，卡已锁定，请换卡", "Too many wrong PINs, card locked; ask for another card"),
    rc("39", Some(C), Declined, Some(Cardholder), "无贷记账户", "无此信用账户，请换卡", "No credit account; ask for another card"),
    rc("40", Some(C), Declined, Some(Terminal), "请求的功能尚不支持", "此交易类型未开通，请联系 POS 服务商", "Function not supported for this terminal; ask the POS provider"),
    rc("41", Some(D), Declined, Some(Cardholder), "挂失卡", "此卡已挂失，请不要再受理此卡", "Lost card; do not accept it"),
    rc("42", Some(C), Declined, Some(Cardholder), "无此账户", "账户不存在，请换卡", "No such account; ask for another card"),
    rc("43", Some(D), Declined, Some(Cardholder), "被窃卡", "此卡已被报失窃，请不要再受理此卡", "Stolen card; do not accept it"),
    rc("44", Some(C), Declined, Some(Cardholder), "无此投资账户", "账户不存在，请换卡", "No such account; ask for another card"),
    rc("45", Some(C), Declined, Some(Operator), "不允许降级交易", "芯片卡请插卡，不要刷磁条", "Chip card swiped: insert the chip instead"),
    rc("51", Some(C), Declined, Some(Cardholder), "资金不足", "余额不足，请顾客换卡或换其他方式支付", "Insufficient funds; ask for another card or another way to pay"),
    rc("52", Some(C), Declined, Some(Cardholder), "无此支票账户", "账户不存在，请换卡", "No such account; ask for another card"),
    rc("53", Some(C), Declined, Some(Cardholder), "无此储蓄卡账户", "账户不存在，请换卡", "No such account; ask for another card"),
    rc("54", Some(C), Declined, Some(Cardholder), "过期的卡", "卡已过期，请换卡", "Expired card; ask for another card"),
    rc("55", Some(C), Declined, Some(Cardholder), "不正确的 PIN", "密码错误，请顾客重新输入", "Wrong PIN; the customer may enter it again"),
    rc("56", Some(C), Declined, Some(Cardholder), "无此卡记录", "无此卡记录，请换卡", "No card record; ask for another card"),
    rc("57", Some(C), Declined, Some(Cardholder), "不允许持卡人进行的交易", "发卡行不允许此卡做这笔交易，请换卡", "The issuer does not allow this card this transaction; ask for another card"),
    rc("58", Some(C), Declined, Some(Operator), "不允许终端进行的交易", "本终端不能做这笔交易：撤销/退货须在原终端上做，或联系 POS 服务商开通", "Not allowed on this terminal: void/refund on the original terminal, or ask the POS provider"),
    rc("59", Some(C), Declined, Some(Cardholder), "CVN 验证失败", "卡片校验失败，请换卡", "Card verification failed; ask for another card"),
    rc("60", Some(C), Declined, Some(Cardholder), "受卡方与安全保密部门联系", "此卡受限，请顾客联系发卡行", "Card restricted; the cardholder should call the bank"),
    rc("61", Some(C), Declined, Some(Cardholder), "超出金额限制", "超出单笔或单日限额，请顾客换卡或分次支付", "Over the card's amount limit; ask for another card"),
    rc("62", Some(C), Declined, Some(Cardholder), "受限制的卡", "此卡在本地区受限，请换卡", "Card restricted in this region; ask for another card"),
    rc("63", Some(C), Declined, Some(Cardholder), "侵犯安全", "安全校验未通过，请换卡", "Security violation; ask for another card"),
    rc("64", Some(C), Declined, Some(Operator), "原始金额错误", "金额与原交易不符：撤销须全额，退货不能超过原金额", "Amount differs from the original: a void must be the full amount, a refund at most the original"),
    rc("65", Some(C), Declined, Some(Cardholder), "超出取款/消费次数限制", "超出次数限制，请换卡", "Over the card's count limit; ask for another card"),
    rc("66", Some(C), Declined, Some(Cardholder), "受卡方呼受理方安全保密部门", "此卡受限，请顾客联系发卡行", "Card restricted; the cardholder should call the bank"),
    rc("67", Some(D), Declined, Some(Cardholder), "强行受理（要求没收卡）", "此卡被限制，请不要再受理此卡", "Card must be retained; do not accept it"),
    rc("68", Some(C), Unknown, Some(Issuer), "发卡行响应超时", "发卡行超时，结果未知：先查询，不要马上重刷", "Issuer timed out, outcome unknown: query first, do not charge again yet"),
    rc("75", Some(C), Declined, Some(Cardholder), "PIN 输入次数超限", "密码错误次数超限，请换卡", "Too many PIN attempts; ask for another card"),
    rc("77", None, Declined, Some(Terminal), "POS 批次号与中心不一致", "批次号不一致，请重新签到", "Batch out of sync with the host; sign the terminal in again (重新签到)"),
    rc("79", None, Declined, Some(Terminal), "POS 终端重传脱机数据", "终端正在上送脱机数据，请稍后再试", "Terminal is resending offline data; try again shortly"),
    rc("90", Some(C), Declined, Some(BankSystem), "正在日终处理", "银联日切处理中，请几分钟后再试", "Day-end cut-over in progress; try again in a few minutes"),
    rc("91", Some(C), Declined, Some(Issuer), "发卡方不能操作", "发卡行系统异常，请稍后再试或换卡", "Issuer unavailable; try later or use another card"),
    rc("92", Some(C), Declined, Some(BankSystem), "金融机构或中间网络找不到或无法到达", "银行线路异常，请稍后再试", "Bank network unreachable; try again later"),
    rc("93", Some(C), Declined, Some(Cardholder), "交易违法、不能完成", "交易不能完成，请换卡", "Transaction cannot be completed; ask for another card"),
    rc("94", Some(C), Unknown, Some(Operator), "重复交易", "重复交易：前一笔可能已经成功，请先查询", "Duplicate: the previous attempt may have gone through, query first"),
    rc("95", Some(C), Declined, Some(BankSystem), "调节控制错", "银行对账控制错误，请联系收单机构", "Reconciliation control error; ask the acquirer"),
    rc("96", Some(C), Declined, Some(BankSystem), "交换中心系统异常、失效", "银联或收单系统异常，请稍后再试，不要反复重刷", "Card switch fault; try later, do not keep retrying"),
    rc("97", Some(D), Declined, Some(Terminal), "终端号找不到", "终端未登记或已停用，请联系 POS 服务商", "Terminal not registered or closed; ask the POS provider"),
    rc("98", Some(E), Unknown, Some(Issuer), "交换中心收不到发卡方应答", "发卡行超时，结果未知：先查询，不要马上重刷", "No reply from the issuer, outcome unknown: query first, do not charge again yet"),
    rc("99", Some(B), Declined, Some(Terminal), "PIN 格式错", "密码格式错误，请重新签到", "PIN block error; sign the terminal in again (重新签到)"),
    rc("A0", Some(B), Declined, Some(Terminal), "MAC 鉴别失败", "MAC 校验错误，请重新签到", "MAC check failed; sign the terminal in again (重新签到)"),
    rc("A1", Some(C), Declined, Some(Cardholder), "转账货币不一致", "币种不一致，交易不能完成", "Currency mismatch; transaction cannot be completed"),
    rc("A2", Some(A), Approved, None, "有缺陷的成功", "交易成功，但建议向发卡行确认", "Approved, but confirm with the issuer"),
    rc("A3", Some(C), Declined, Some(Cardholder), "资金到账行无此账户", "收款账户不存在", "Receiving account not found"),
    rc("A4", Some(A), Approved, None, "有缺陷的成功", "交易成功，但建议向发卡行确认", "Approved, but confirm with the issuer"),
    rc("A5", Some(A), Approved, None, "有缺陷的成功", "交易成功，但建议向发卡行确认", "Approved, but confirm with the issuer"),
    rc("A6", Some(A), Approved, None, "有缺陷的成功", "交易成功，但建议向发卡行确认", "Approved, but confirm with the issuer"),
    rc("A7", Some(C), Declined, Some(BankSystem), "安全处理失败", "银行安全处理失败，请稍后再试", "Host security processing failed; try later"),
    rc("C1", None, Declined, Some(BankSystem), "受理方状态非法", "收单机构未签到或状态异常，请稍后再试或联系收单机构", "Acquirer not signed in or disabled; try later or ask the acquirer"),
    rc("Y1", Some(A), Approved, None, "脱机交易成功", "脱机交易成功（稍后上送）", "Approved offline (uploaded later)"),
    rc("Y3", Some(A), Approved, None, "不能联机，脱机交易成功", "无法联机，脱机交易成功（稍后上送）", "Could not go online, approved offline (uploaded later)"),
    rc("Z1", None, Declined, Some(Cardholder), "脱机交易失败", "卡片拒绝了脱机交易，请换卡", "The card declined offline; ask for another card"),
    rc("Z3", None, Declined, Some(Network), "不能联机，脱机交易失败", "终端无法联机，交易失败：请检查终端网络", "Could not go online and declined offline: check the terminal's network"),
];

/// Looks a code up; `0`, `000` and `0000` are spelled-out approvals and read as `00`.
pub fn response_code(code: &str) -> Option<&'static ResponseCode> {
    let code = code.trim();
    let code = if !code.is_empty() && code.bytes().all(|b| b == b'0') { "00" } else { code };
    RESPONSE_CODES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

/// What an unknown code means: a decline, shown as "交易失败".
pub const UNKNOWN_CODE_MESSAGE: (&str, &str) =
    ("交易失败（未知应答码）", "Declined (unknown response code)");

/// A reason code a terminal puts into field 39 of its own reversal (冲正, 0400) message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReversalReason {
    /// The code.
    pub code: &'static str,
    /// What made the terminal reverse, in Chinese.
    pub trigger_zh: &'static str,
    /// What made the terminal reverse, in English.
    pub trigger_en: &'static str,
    /// The cause it points to.
    pub cause: Cause,
}

/// Reversal reasons seen in terminal code (domain notes §3b).
pub const REVERSAL_REASONS: &[ReversalReason] = &[
    ReversalReason {
        code: "98",
        trigger_zh: "终端在超时时间内没有收到应答",
        trigger_en: "the terminal got no reply in time",
        cause: Network,
    },
    ReversalReason {
        code: "96",
        trigger_zh: "主机已批准，但终端没能完成（打印机、拔卡、死机）",
        trigger_en: "the host approved but the terminal could not finish (printer, card pulled, crash)",
        cause: Terminal,
    },
    ReversalReason {
        code: "A0",
        trigger_zh: "收到应答但 MAC 校验失败",
        trigger_en: "a reply came back but its MAC check failed",
        cause: Terminal,
    },
    ReversalReason {
        code: "06",
        trigger_zh: "其他原因",
        trigger_en: "any other reason",
        cause: CauseUnknown,
    },
];

/// Looks up the reason code of a reversal message.
pub fn reversal_reason(code: &str) -> Option<&'static ReversalReason> {
    let code = code.trim();
    REVERSAL_REASONS.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn table_is_sorted_unique_and_large_enough() {
        let codes: Vec<&str> = RESPONSE_CODES.iter().map(|c| c.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted, "codes must be sorted and unique");
        assert!(codes.len() >= 60, "only {} codes", codes.len());
        let required = "00 01 03 04 05 06 09 10 11 12 13 14 15 19 21 22 25 30 31 33 34 38 40 41 43 \
                        45 51 54 55 57 58 59 61 62 64 65 68 75 77 79 90 91 92 94 96 97 98 99 A0 A1 \
                        A2 A4 A5 A6 A7 C1 Y1 Y3 Z1 Z3";
        let have: BTreeSet<&str> = codes.into_iter().collect();
        for code in required.split_whitespace() {
            assert!(have.contains(code), "missing {code}");
        }
    }

    #[test]
    fn every_row_is_consistent() {
        for c in RESPONSE_CODES {
            assert!(
                !c.meaning_zh.is_empty() && !c.message_zh.is_empty() && !c.message_en.is_empty()
            );
            assert_eq!(
                c.outcome == Outcome::Approved,
                c.cause.is_none(),
                "{}: cause iff failure",
                c.code
            );
            if c.class == Some(PosClass::A) {
                assert_eq!(c.outcome, Outcome::Approved, "{}: class A approves", c.code);
            }
        }
    }

    #[test]
    fn lookups() {
        // (cell, code found, outcome, cause)
        type Case = (&'static str, Option<&'static str>, Option<Outcome>, Option<Cause>);
        let cases: &[Case] = &[
            ("00", Some("00"), Some(Approved), None),
            ("0", Some("00"), Some(Approved), None),
            ("0000", Some("00"), Some(Approved), None),
            (" a0 ", Some("A0"), Some(Declined), Some(Terminal)),
            ("98", Some("98"), Some(Unknown), Some(Issuer)),
            ("96", Some("96"), Some(Declined), Some(BankSystem)),
            ("12", Some("12"), Some(Declined), Some(Operator)),
            ("51", Some("51"), Some(Declined), Some(Cardholder)),
            ("P6", None, None, None),
            ("", None, None, None),
        ];
        for (cell, code, outcome, cause) in cases {
            let found = response_code(cell);
            assert_eq!(found.map(|c| c.code), *code, "{cell:?}");
            assert_eq!(found.map(|c| c.outcome), *outcome, "{cell:?}");
            assert_eq!(found.and_then(|c| c.cause), *cause, "{cell:?}");
        }
        assert_eq!(reversal_reason("98").map(|r| r.cause), Some(Network));
        assert_eq!(reversal_reason("a0").map(|r| r.cause), Some(Terminal));
        assert_eq!(reversal_reason("51"), None);
    }
}
