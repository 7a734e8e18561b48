//! `amount_mismatch`: one transaction, two amounts.
//!
//! ## What it detects
//! A terminal record and an acquirer row paired by 参考号 or by 终端号 + 凭证号 (identifiers, not
//! the amount) whose amounts differ. The time-window pass pairs equal amounts only, so it never
//! produces one. The same holds between an order (cashier/ERP list) and the card transaction
//! linked to it by 参考号 or 凭证号 ([`run_orders`], evidence "order vs terminal").
//!
//! ## Why it matters
//! If the statement settled more than the terminal shows, the customer was charged more than the
//! receipt says; if less, the merchant is short the difference (9656 清算金额小于消费金额).
//!
//! ## What the merchant should do
//! Compare with the signed receipt (签购单). Settled too much: refund the difference to the
//! customer (partial 退货) and ask the acquirer why. Settled too little: claim the difference from
//! the acquirer (请款 / 调账申请).

use super::super::text::{self, money};
use super::super::{Context, Draft};
use super::pair_evidence;
use crate::Lang;
use crate::matcher::{Pair, Pass};
use crate::report::{Kind, Severity};

/// One finding per identifier-matched pair with two amounts.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    ctx.set
        .pairs
        .iter()
        .filter(|p| matches!(p.pass, Pass::Rrn | Pass::Stan | Pass::OrderId))
        // Wallet-bill pairs are the `qr_payment` rule's.
        .filter(|p| ctx.records[p.acquirer].role == crate::model::Role::AcquirerStatement)
        .filter(|p| ctx.records[p.terminal].amount_cents != ctx.records[p.acquirer].amount_cents)
        .map(|p| draft(ctx, p))
        .collect()
}

fn draft(ctx: &Context, pair: &Pair) -> Draft {
    let lang = ctx.lang();
    let t = &ctx.records[pair.terminal];
    let a = &ctx.records[pair.acquirer];
    let diff = a.amount_cents - t.amount_cents;
    let (on_terminal, settled, diff_text) =
        (money(lang, t.amount_cents), money(lang, a.amount_cents), money(lang, diff.abs()));
    let ids = text::ids(lang, &[t, a]);
    let when = text::time(lang, t.time);
    let contact = text::contact_details(lang, &[a, t]);
    let clearing = ctx.set.clearing_date(pair.acquirer);

    let title = match lang {
        Lang::Zh => {
            format!("金额不一致：终端 {on_terminal}，对账单结算 {settled}（相差 {diff_text}）")
        }
        Lang::En => format!(
            "Amount mismatch: terminal {on_terminal}, settled {settled} ({diff_text} apart)"
        ),
    };
    let explanation = match (lang, diff > 0) {
        (Lang::Zh, true) => format!(
            "{when} 的这笔交易（{ids}）在终端上是 {on_terminal}，收单机构却按 {settled} 结算，多了 {diff_text}：顾客可能被多扣了钱。"
        ),
        (Lang::Zh, false) => format!(
            "{when} 的这笔交易（{ids}）在终端上是 {on_terminal}，收单机构只按 {settled} 结算，少了 {diff_text}：商户少收了这部分钱（短款）。"
        ),
        (Lang::En, true) => format!(
            "This sale at {when} ({ids}) is {on_terminal} on the terminal but settled at {settled}, {diff_text} more: the customer may have been overcharged."
        ),
        (Lang::En, false) => format!(
            "This sale at {when} ({ids}) is {on_terminal} on the terminal but settled at only {settled}, {diff_text} less: the merchant is short the difference."
        ),
    };
    let actions = match (lang, diff > 0) {
        (Lang::Zh, true) => vec![
            "拿出这笔的签购单，核对顾客签字确认的金额。".to_owned(),
            format!(
                "如果签购单金额是 {on_terminal}：把多扣的 {diff_text} 退给顾客（部分退货），并联系收单机构说明原因。"
            ),
            format!("联系收单机构核查，提供：{contact}。"),
        ],
        (Lang::Zh, false) => vec![
            "拿出这笔的签购单，核对顾客签字确认的金额。".to_owned(),
            format!(
                "向收单机构申请补结算少付的 {diff_text}（请款/调账申请），提供签购单和：{contact}。"
            ),
        ],
        (Lang::En, true) => vec![
            "Take out the signed receipt (签购单) and check the amount the customer confirmed."
                .to_owned(),
            format!(
                "If the receipt says {on_terminal}, refund the extra {diff_text} to the customer (partial refund) and tell the acquirer."
            ),
            format!("Ask the acquirer to investigate, giving: {contact}."),
        ],
        (Lang::En, false) => vec![
            "Take out the signed receipt (签购单) and check the amount the customer confirmed."
                .to_owned(),
            format!(
                "Claim the missing {diff_text} from the acquirer (请款 / adjustment request) with the receipt and: {contact}."
            ),
        ],
    };
    Draft {
        kind: Kind::AmountMismatch,
        severity: Severity::High,
        amount_cents: diff.abs(),
        confidence: pair.confidence,
        title,
        explanation,
        records: vec![ctx.record_ref(pair.terminal), ctx.record_ref(pair.acquirer)],
        dates: ctx.dates(clearing.as_slice(), false),
        evidence: pair_evidence(ctx, pair),
        actions,
    }
}

/// One finding per order linked by reference to a payment of another amount ("order vs terminal").
pub(crate) fn run_orders(ctx: &Context) -> Vec<Draft> {
    use crate::matcher::OrderKey;
    ctx.set
        .order_links
        .iter()
        .filter(|l| matches!(l.key, OrderKey::Rrn | OrderKey::Stan | OrderKey::OrderId))
        .filter(|l| ctx.records[l.order].amount_cents != ctx.records[l.payment].amount_cents)
        .map(|l| order_draft(ctx, l))
        .collect()
}

fn order_draft(ctx: &Context, link: &crate::matcher::OrderLink) -> Draft {
    let lang = ctx.lang();
    let o = &ctx.records[link.order];
    let p = &ctx.records[link.payment];
    let diff = p.amount_cents - o.amount_cents;
    let (ordered, paid, diff_text) =
        (money(lang, o.amount_cents), money(lang, p.amount_cents), money(lang, diff.abs()));
    let order_id = crate::matcher::ident(&o.order_id).unwrap_or("—").to_owned();
    let ids = text::ids(lang, &[p]);
    let when = text::time(lang, p.time);
    let key = link.key.as_str();
    let (title, explanation, evidence, actions) = match lang {
        Lang::Zh => (
            format!("金额不一致：订单 {order_id} 为 {ordered}，刷卡 {paid}（相差 {diff_text}）"),
            format!(
                "收银系统订单 {order_id}（{}）金额 {ordered}，与它对应的刷卡交易（{ids}，{when}）金额为 {paid}。{}",
                ctx.location(link.order),
                if diff > 0 { "顾客被多刷了钱。" } else { "少收了顾客的钱。" }
            ),
            vec![
                format!("订单与终端对比：订单 {ordered}，终端 {paid}"),
                format!("按{}匹配", if key == "rrn" { "参考号" } else { "凭证号" }),
            ],
            vec![
                "核对订单小票和签购单上的金额。".to_owned(),
                if diff > 0 {
                    format!("多刷的 {diff_text} 应退还顾客（部分退货）。")
                } else {
                    format!("少收的 {diff_text} 需向顾客补收，或在收银系统中更正订单。")
                },
            ],
        ),
        Lang::En => (
            format!(
                "Amount mismatch: order {order_id} is {ordered}, card paid {paid} ({diff_text} apart)"
            ),
            format!(
                "The till's order {order_id} ({}) is {ordered}; the card transaction linked to it ({ids}, {when}) is {paid}. {}",
                ctx.location(link.order),
                if diff > 0 {
                    "The customer was charged too much."
                } else {
                    "The customer paid too little."
                }
            ),
            vec![
                format!("order vs terminal: order {ordered}, terminal {paid}"),
                format!("linked by {}", if key == "rrn" { "RRN" } else { "voucher number (STAN)" }),
            ],
            vec![
                "Compare the order slip with the card receipt.".to_owned(),
                if diff > 0 {
                    format!("Refund the extra {diff_text} to the customer (partial refund).")
                } else {
                    format!("Collect the missing {diff_text} or correct the order in the till.")
                },
            ],
        ),
    };
    Draft {
        kind: Kind::AmountMismatch,
        severity: Severity::High,
        amount_cents: diff.abs(),
        confidence: link.confidence,
        title,
        explanation,
        records: vec![ctx.record_ref(link.order), ctx.record_ref(link.payment)],
        dates: ctx.dates(ctx.set.clearing_date(link.payment).as_slice(), false),
        evidence,
        actions,
    }
}
