//! The words of QR payments (微信 / 支付宝), shared by the findings, the incidents and `check`:
//! the wallet's name, where the merchant looks an order up, the order numbers the wallet knows,
//! what the till showed, and how a payment is given back.

use crate::Lang;
use crate::matcher::ident;
use crate::model::{Outcome, PayMethod, Record, Role};

use super::{money, time};

/// 微信支付 / 支付宝 / 扫码支付.
pub(crate) fn wallet_name(lang: Lang, m: Option<PayMethod>) -> &'static str {
    match m {
        Some(PayMethod::Wechat) => lang.pick("微信支付", "WeChat Pay"),
        Some(PayMethod::Alipay) => lang.pick("支付宝", "Alipay"),
        _ => lang.pick("扫码支付", "the QR payment provider"),
    }
}

/// Where the merchant looks an order up.
pub(crate) fn platform(lang: Lang, m: Option<PayMethod>) -> &'static str {
    match m {
        Some(PayMethod::Wechat) => lang.pick(
            "微信支付商户平台（pay.weixin.qq.com，交易中心 → 交易订单）",
            "the WeChat Pay merchant platform (pay.weixin.qq.com, 交易中心 → 交易订单)",
        ),
        Some(PayMethod::Alipay) => lang.pick(
            "支付宝商家中心（b.alipay.com，账务 → 交易订单）",
            "Alipay's merchant centre (b.alipay.com, 账务 → 交易订单)",
        ),
        _ => lang.pick("聚合支付服务商的商户后台", "the aggregator's merchant back office"),
    }
}

/// 商户订单号 X、微信订单号 Y (、收银订单号 Z). The 商户订单号 is the number the wallet knows: a
/// till's 支付单号, else a bill's or terminal's 商户订单号; a till's own 订单号 is named apart when
/// it has a 支付单号 beside it.
pub(crate) fn order_numbers(lang: Lang, m: Option<PayMethod>, records: &[&Record]) -> String {
    let merchant = records
        .iter()
        .find_map(|r| ident(&r.pay_order_id))
        .or_else(|| {
            records.iter().filter(|r| r.role != Role::OrderList).find_map(|r| ident(&r.order_id))
        })
        .or_else(|| records.iter().find_map(|r| ident(&r.order_id)));
    let till_order = records
        .iter()
        .filter(|r| r.role == Role::OrderList && ident(&r.pay_order_id).is_some())
        .find_map(|r| ident(&r.order_id));
    let channel = records.iter().find_map(|r| ident(&r.channel_order_id));
    let channel_name = match m {
        Some(PayMethod::Wechat) => lang.pick("微信订单号", "WeChat order no."),
        Some(PayMethod::Alipay) => lang.pick("支付宝交易号", "Alipay trade no."),
        _ => lang.pick("渠道订单号", "channel order no."),
    };
    let mut parts = Vec::new();
    if let Some(x) = merchant {
        parts.push(format!("{} {x}", lang.pick("商户订单号", "merchant order no. (商户订单号)")));
    }
    if let Some(x) = channel {
        parts.push(format!("{channel_name} {x}"));
    }
    if let Some(x) = till_order {
        parts.push(format!("{} {x}", lang.pick("收银订单号", "till order no. (订单号)")));
    }
    parts.join(lang.pick("、", ", "))
}

/// What the wallet asks for: 商户号, order numbers, time, amount.
pub(crate) fn contact(lang: Lang, m: Option<PayMethod>, records: &[&Record]) -> String {
    let mut parts = Vec::new();
    if let Some(x) = records.iter().find_map(|r| ident(&r.merchant_id)) {
        parts.push(format!("{} {x}", lang.pick("商户号", "merchant id (商户号)")));
    }
    let ids = order_numbers(lang, m, records);
    if !ids.is_empty() {
        parts.push(ids);
    }
    if let Some(t) = records.iter().find_map(|r| r.time) {
        parts.push(format!("{} {}", lang.pick("交易时间", "time"), time(lang, Some(t))));
    }
    if let Some(r) = records.first() {
        parts.push(format!("{} {}", lang.pick("金额", "amount"), money(lang, r.amount_cents)));
    }
    parts.join(lang.pick("、", ", "))
}

/// How to give a QR payment back: 撤销 while the wallet allows it (`can_revoke`), otherwise 退款.
pub(crate) fn undo_advice(
    lang: Lang,
    m: Option<PayMethod>,
    can_revoke: bool,
    amount: &str,
) -> String {
    let rule = match m {
        Some(PayMethod::Wechat) => lang.pick(
            "微信付款码订单 7 天内可撤销",
            "WeChat allows 撤销 (reverse) of a payment-code order within 7 days",
        ),
        Some(PayMethod::Alipay) => {
            lang.pick("支付宝只能当天撤销", "Alipay allows 撤销 (cancel) on the same day only")
        }
        _ => lang.pick(
            "撤销期限以服务商规则为准",
            "the provider's rules decide how long 撤销 is possible",
        ),
    };
    match (lang, can_revoke) {
        (Lang::Zh, true) => format!(
            "在收银机或{}对多收的 {amount} 做「撤销」（{rule}），撤销后钱原路退回顾客；超过期限就改做「退款」。",
            platform(lang, m)
        ),
        (Lang::Zh, false) => format!(
            "对多收的 {amount} 在{}或收银机上发起「退款」（{rule}，已过撤销期限）；退款按原路退回顾客的微信/支付宝或银行卡，一般即时到 3 个工作日。",
            platform(lang, m)
        ),
        (Lang::En, true) => format!(
            "Reverse (撤销) the extra {amount} on the till or in {} ({rule}); the money goes back the way it came. Past that limit, refund (退款) instead.",
            platform(lang, m)
        ),
        (Lang::En, false) => format!(
            "Refund (退款) the extra {amount} on the till or in {} ({rule}, and that limit has passed); the refund goes back the way it was paid, usually within minutes to 3 working days.",
            platform(lang, m)
        ),
    }
}

pub(crate) fn never_rescan(lang: Lang) -> String {
    lang.pick(
        "以后扫码显示「支付中」「结果未知」或超时时，先在收银机上查询这笔订单（或让顾客看手机上的支付结果），确认没有付款成功前不要重新扫码。",
        "From now on, when a scan shows \"paying\", \"unknown\" or times out, query the order on the till (or look at the customer's phone) first; never scan again before the first result is known.",
    )
    .to_owned()
}

pub(crate) fn shown(lang: Lang, t: &Record) -> String {
    let code = ident(&t.response_code);
    let code_part = code
        .map(|c| lang.pick("（状态 ", " (state ").to_owned() + c + lang.pick("）", ")"))
        .unwrap_or_default();
    match ident(&t.response_text) {
        Some(x) => match lang {
            Lang::Zh => format!("显示「{x}」{code_part}"),
            Lang::En => format!("showed \"{x}\"{code_part}"),
        },
        None => match t.outcome {
            Outcome::Unknown => {
                lang.pick("没有拿到支付结果", "got no payment result").to_owned() + &code_part
            }
            Outcome::Declined => {
                lang.pick("显示支付失败", "showed the payment as failed").to_owned() + &code_part
            }
            Outcome::Approved => {
                lang.pick("显示支付成功", "showed the payment as paid").to_owned() + &code_part
            }
        },
    }
}
