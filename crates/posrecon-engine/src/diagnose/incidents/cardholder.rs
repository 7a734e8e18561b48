//! `cardholder`: declines that are the card's business, summarised once.
//!
//! ## What it detects
//! Declined attempts whose response code the knowledge table files under the cardholder (51 余额
//! 不足, 55 密码错, 54 过期卡, 61 超限, 41/43 挂失/被窃, 65, 75 …), not claimed by any other
//! incident and not part of any finding, when there are at least [`MIN_DECLINES`] of them in the
//! files. All of them become one informational incident for the whole period.
//!
//! ## Why
//! These are normal: the customer's balance, PIN or card limit said no, no money moved, and there
//! is nothing wrong with the shop, the terminal or the bank. They are summarised so the merchant
//! sees they were looked at, and so they are never mistaken for dropped transactions. A single
//! decline is not worth a line.
//!
//! ## What to do
//! Nothing. Tell the customer why (in the terms of the table's merchant message) and offer another
//! card or another way to pay.

use std::collections::BTreeSet;

use super::{Attempts, Draft, code_info, code_summary};
use crate::Lang;
use crate::model::Outcome;
use crate::report::Cause;

/// Fewest declines worth a summary.
pub(crate) const MIN_DECLINES: usize = 2;

pub(crate) fn detect(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let members: Vec<usize> = att
        .sorted
        .iter()
        .copied()
        .filter(|idx| !claimed.contains(idx) && !att.in_findings.contains(idx))
        .filter(|&idx| {
            let r = att.record(idx);
            r.outcome == Outcome::Declined
                && code_info(r).is_some_and(|c| c.cause == Some(Cause::Cardholder))
        })
        .collect();
    if members.len() < MIN_DECLINES {
        return Vec::new();
    }
    let lang = att.lang();
    let when = att.span_of(&members);
    let n = members.len();
    let terminal_ids = att.terminal_ids(&members);
    let title = match lang {
        Lang::Zh => format!("持卡人原因被拒 {n} 笔（仅供参考，未扣款）"),
        Lang::En => {
            format!("{n} declines for cardholder reasons (for information, nothing charged)")
        }
    };
    let evidence = vec![
        match lang {
            Lang::Zh => format!("{when} 期间：{}", code_summary(att, &members)),
            Lang::En => format!("{when}: {}", code_summary(att, &members)),
        },
        match lang {
            Lang::Zh => "这些应答码表示卡或持卡人的原因（余额、密码、限额、卡状态），银行明确拒绝，没有扣款，不是掉单".to_owned(),
            Lang::En => "these codes are about the card or the cardholder (balance, PIN, limits, card status): the bank clearly declined, nothing was charged, they are not dropped sales".to_owned(),
        },
    ];
    let actions = match lang {
        Lang::Zh => vec![
            "无需处理：这些交易没有扣款。".to_owned(),
            "遇到时按终端提示告诉顾客原因（如余额不足、密码错误），请顾客换卡或改用现金、扫码支付。".to_owned(),
        ],
        Lang::En => vec![
            "Nothing to do: none of these charged the card.".to_owned(),
            "When it happens, tell the customer what the terminal says (insufficient funds, wrong PIN, ...) and offer another card, cash or QR.".to_owned(),
        ],
    };
    vec![Draft {
        cause: Cause::Cardholder,
        confidence: 0.95,
        terminal_ids,
        members,
        title,
        evidence,
        actions,
    }]
}
