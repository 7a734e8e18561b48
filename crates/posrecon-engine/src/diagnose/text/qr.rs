//! QR payments (微信 / 支付宝) in words, for the findings, the incidents and `check`: the wallet's
//! name, where the merchant looks an order up, the order numbers the wallet knows, what the till
//! showed, and how a payment is given back.
//!
//! The words themselves are in `zh.rs` and `en.rs` (`qr_*`, payment section); this module picks
//! the language for callers that carry a [`Lang`], and says which of a record's numbers is which
//! ([`qr_ids`]), a fact both languages print.

use crate::config::Lang;
use crate::matcher::ident;
use crate::model::{PayMethod, Record, Role};

use super::{en, zh};

/// The numbers a wallet knows an order by.
pub(crate) struct QrIds<'a> {
    /// 商户订单号: a till's 支付单号, else a bill's or terminal's 商户订单号.
    pub(crate) merchant: Option<&'a str>,
    /// 微信订单号 / 支付宝交易号.
    pub(crate) channel: Option<&'a str>,
    /// A till's own 订单号, when it has a 支付单号 beside it.
    pub(crate) till_order: Option<&'a str>,
}

/// The order numbers of one payment, merged from its records (first one wins).
pub(crate) fn qr_ids<'a>(records: &[&'a Record]) -> QrIds<'a> {
    let merchant = records
        .iter()
        .find_map(|r| ident(r.pay_order_id()))
        .or_else(|| {
            records.iter().filter(|r| r.role != Role::OrderList).find_map(|r| ident(&r.order_id))
        })
        .or_else(|| records.iter().find_map(|r| ident(&r.order_id)));
    let till_order = records
        .iter()
        .filter(|r| r.role == Role::OrderList && ident(r.pay_order_id()).is_some())
        .find_map(|r| ident(&r.order_id));
    let channel = records.iter().find_map(|r| ident(r.channel_order_id()));
    QrIds { merchant, channel, till_order }
}

/// 微信支付 / 支付宝 / 扫码支付.
pub(crate) fn wallet_name(lang: Lang, m: Option<PayMethod>) -> &'static str {
    match lang {
        Lang::Zh => zh::qr_wallet(m),
        Lang::En => en::qr_wallet(m),
    }
}

/// Where the merchant looks an order up.
pub(crate) fn platform(lang: Lang, m: Option<PayMethod>) -> &'static str {
    match lang {
        Lang::Zh => zh::qr_platform(m),
        Lang::En => en::qr_platform(m),
    }
}

/// 商户订单号 X、微信订单号 Y (、收银订单号 Z).
pub(crate) fn order_numbers(lang: Lang, m: Option<PayMethod>, records: &[&Record]) -> String {
    match lang {
        Lang::Zh => zh::qr_order_numbers(m, records),
        Lang::En => en::qr_order_numbers(m, records),
    }
}

/// What the wallet asks for: 商户号, order numbers, time, amount.
pub(crate) fn contact(lang: Lang, m: Option<PayMethod>, records: &[&Record]) -> String {
    match lang {
        Lang::Zh => zh::qr_contact(m, records),
        Lang::En => en::qr_contact(m, records),
    }
}

/// How to give a QR payment back: 撤销 while the wallet allows it (`can_revoke`), otherwise 退款.
pub(crate) fn undo_advice(
    lang: Lang,
    m: Option<PayMethod>,
    can_revoke: bool,
    amount: &str,
) -> String {
    match lang {
        Lang::Zh => zh::qr_undo_advice(m, can_revoke, amount),
        Lang::En => en::qr_undo_advice(m, can_revoke, amount),
    }
}

/// What the till or smart POS showed for a scan: `显示「支付中」（状态 USERPAYING）`.
pub(crate) fn shown(lang: Lang, t: &Record) -> String {
    match lang {
        Lang::Zh => zh::qr_shown(t),
        Lang::En => en::qr_shown(t),
    }
}
