//! The rules, one per file, and what they share.
//!
//! Each rule file starts with `## What it detects`, `## Why it matters` and `## What the merchant
//! should do`, so the help text and the code cannot drift apart. A rule reads the
//! [`Context`](super::Context) and returns [`Draft`](super::Draft)s; numbering and ordering are done
//! once, in `diagnose::run`.

mod amount_mismatch;
mod charged_but_failed;
pub(crate) mod deposit_common;
pub(crate) mod deposit_mismatch;
mod duplicate_charge;
pub(crate) mod fee_mismatch;
pub(crate) mod late_deposit;
pub(crate) mod missing_deposit;
mod missing_settlement;
mod order_not_paid;
mod over_refund;
mod pending_outcome;
pub(crate) mod qr_payment;
mod reversal_not_settled_back;
mod unexpected_settlement;
pub(crate) mod wallet_payout;

use super::text::{self, duration, money};
use super::{Context, Draft};
use crate::Lang;
use crate::matcher::{Pair, Pass, ident};
use crate::report::Finding;

/// Runs every rule. The duplicate rule runs before the dropped-sale rule because it claims the
/// dropped sales it explains.
pub(crate) fn run_all(ctx: &Context) -> Vec<Finding> {
    let dropped = charged_but_failed::candidates(ctx);
    let (mut drafts, claimed) = duplicate_charge::run(ctx, &dropped);
    drafts.extend(charged_but_failed::run(ctx, &dropped, &claimed));
    drafts.extend(missing_settlement::run(ctx));
    drafts.extend(unexpected_settlement::run(ctx));
    drafts.extend(pending_outcome::run(ctx));
    drafts.extend(amount_mismatch::run(ctx));
    drafts.extend(missing_deposit::run(ctx));
    drafts.extend(deposit_mismatch::run(ctx));
    drafts.extend(late_deposit::run(ctx));
    drafts.extend(wallet_payout::run(ctx));
    drafts.extend(fee_mismatch::run(ctx));
    drafts.extend(amount_mismatch::run_orders(ctx));
    drafts.extend(order_not_paid::run(ctx));
    drafts.extend(reversal_not_settled_back::run(ctx));
    drafts.extend(over_refund::run(ctx));
    drafts.extend(qr_payment::run(ctx));
    drafts.into_iter().map(Draft::finish).collect()
}

/// Why the matcher believes two records are one transaction: the keys that agreed, the deltas,
/// and the pass.
pub(crate) fn pair_evidence(ctx: &Context, pair: &Pair) -> Vec<String> {
    let lang = ctx.lang();
    let t = &ctx.records[pair.terminal];
    let a = &ctx.records[pair.acquirer];
    let mut out = Vec::new();
    let conf = format!("{:.2}", pair.confidence);
    out.push(match (pair.pass, lang) {
        (Pass::Rrn, Lang::Zh) => format!(
            "按参考号匹配（第 1 轮，置信度 {conf}）：参考号 {} 两边一致",
            ident(&t.rrn).unwrap_or("")
        ),
        (Pass::Rrn, Lang::En) => format!(
            "matched by RRN (pass 1, confidence {conf}): RRN {} on both sides",
            ident(&t.rrn).unwrap_or("")
        ),
        (Pass::Stan, Lang::Zh) => format!(
            "按终端号 + 凭证号 + 日期匹配（第 2 轮，置信度 {conf}）：终端号 {}，凭证号 {} / {}（按数字比较）",
            ident(&a.terminal_id).or(ident(&t.terminal_id)).unwrap_or("—"),
            ident(&t.stan).unwrap_or(""),
            ident(&a.stan).unwrap_or("")
        ),
        (Pass::Stan, Lang::En) => format!(
            "matched by terminal + STAN + date (pass 2, confidence {conf}): terminal {}, STAN {} / {} (compared as numbers)",
            ident(&a.terminal_id).or(ident(&t.terminal_id)).unwrap_or("-"),
            ident(&t.stan).unwrap_or(""),
            ident(&a.stan).unwrap_or("")
        ),
        (Pass::Window, Lang::Zh) => format!(
            "按终端号 + 金额 + 时间匹配（第 3 轮，没有可用的参考号或凭证号，置信度 {conf}；时间窗口 ±{} 分钟）",
            ctx.settings().match_window_minutes
        ),
        (Pass::Window, Lang::En) => format!(
            "matched by terminal + amount + time (pass 3, no usable RRN or STAN, confidence {conf}; window ±{} min)",
            ctx.settings().match_window_minutes
        ),
        (Pass::OrderId, Lang::Zh) => format!(
            "按订单号匹配（置信度 {conf}）：{} 两边一致",
            order_ids(t, a)
        ),
        (Pass::OrderId, Lang::En) => format!(
            "matched by order number (confidence {conf}): {} on both sides",
            order_ids(t, a)
        ),
        (Pass::QrWindow, Lang::Zh) => format!(
            "按支付渠道 + 金额 + 时间匹配扫码交易（没有可用的订单号，置信度 {conf}；时间窗口 ±{} 分钟）",
            ctx.settings().match_window_minutes
        ),
        (Pass::QrWindow, Lang::En) => format!(
            "QR payment matched by wallet + amount + time (no usable order number, confidence {conf}; window ±{} min)",
            ctx.settings().match_window_minutes
        ),
    });
    let (t_side, a_side) = (side(lang, t.role), side(lang, a.role));
    if let Some(delta) = pair.time_delta_secs {
        out.push(match lang {
            Lang::Zh => format!(
                "时间：{t_side} {}，{a_side} {}，相差 {}",
                text::time(lang, t.time),
                text::time(lang, a.time),
                duration(lang, delta)
            ),
            Lang::En => format!(
                "time: {t_side} {}, {a_side} {}, {} apart",
                text::time(lang, t.time),
                text::time(lang, a.time),
                duration(lang, delta)
            ),
        });
    }
    out.push(if t.amount_cents == a.amount_cents {
        match lang {
            Lang::Zh => format!("金额一致：{}", money(lang, t.amount_cents)),
            Lang::En => format!("same amount: {}", money(lang, t.amount_cents)),
        }
    } else {
        match lang {
            Lang::Zh => format!(
                "金额不同：{t_side} {}，{a_side} {}",
                money(lang, t.amount_cents),
                money(lang, a.amount_cents)
            ),
            Lang::En => format!(
                "amounts differ: {t_side} {}, {a_side} {}",
                money(lang, t.amount_cents),
                money(lang, a.amount_cents)
            ),
        }
    });
    match (pair.card_agrees, t.card_last4(), a.card_last4()) {
        (Some(true), Some(l4), _) => out.push(match lang {
            Lang::Zh => format!("卡号尾号一致：{l4}"),
            Lang::En => format!("same card ending: {l4}"),
        }),
        (Some(false), Some(x), Some(y)) => out.push(match lang {
            Lang::Zh => format!("卡号尾号不同：终端 {x}，对账单 {y}"),
            Lang::En => format!("card endings differ: terminal {x}, statement {y}"),
        }),
        _ => {}
    }
    if let (Some(x), Some(y)) = (ident(&t.batch_no), ident(&a.batch_no)) {
        out.push(match lang {
            Lang::Zh => format!("批次号：终端 {x}，对账单 {y}"),
            Lang::En => format!("batch: terminal {x}, statement {y}"),
        });
    }
    out
}

/// What a side of a pair is called in evidence: the terminal or the till (收银) that made the
/// attempt, the statement (对账单) or the wallet's bill (账单) that settled it.
fn side(lang: Lang, role: crate::model::Role) -> &'static str {
    use crate::model::Role;
    match role {
        Role::TerminalLog => lang.pick("终端", "terminal"),
        Role::OrderList => lang.pick("收银", "till"),
        Role::WalletBill => lang.pick("账单", "bill"),
        Role::AcquirerStatement => lang.pick("对账单", "statement"),
        Role::BankStatement => lang.pick("银行流水", "bank statement"),
    }
}

/// The order number two records share (the first id of one side found on the other).
fn order_ids(t: &crate::model::Record, a: &crate::model::Record) -> String {
    // A till's 支付单号 is the number the bill calls 商户订单号.
    let t_ids = [ident(&t.order_id), ident(&t.channel_order_id), ident(&t.pay_order_id)];
    let a_ids = [ident(&a.order_id), ident(&a.channel_order_id), ident(&a.pay_order_id)];
    t_ids.into_iter().flatten().find(|id| a_ids.contains(&Some(*id))).unwrap_or("").to_owned()
}
