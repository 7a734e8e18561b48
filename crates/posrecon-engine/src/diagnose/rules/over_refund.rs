//! `over_refund`: a sale refunded for more than it was worth.
//!
//! ## What it detects
//! A sale whose refunds (退货) name it by an identifier (原参考号 / 原凭证号, a shared 参考号 or order
//! number) and add up to more than the sale: a 65.00 sale refunded 650.00, or partial refunds of a
//! 350.00 sale that come to 400.00. The matcher links the refunds the sale can take and records
//! the rest against it (`MatchSet::over_refunds`); this rule turns that into a finding, with the
//! excess as the money at stake.
//!
//! One finding per payment: when the sale is over-refunded on the acquirer statement (or the
//! wallet bill), the statement's sale carries it (money really went back: severity high) and the
//! terminal rows of the same sale and refunds are named beside it. When only the terminal log
//! shows it (no statement loaded, or the statement does not list the refund), the terminal's sale
//! carries it with severity medium and a lower confidence: the terminal approved the refund, the
//! statement does not confirm the money left.
//!
//! ## Why it matters
//! A refund cannot be larger than the sale it refunds; when the acquirer still pays it out, the
//! shop has given back money it never took. It is almost always a keying slip (65.00 keyed as
//! 650.00, a refund entered twice), and the longer it waits the harder the money is to recover.
//!
//! ## What the merchant should do
//! Ask the acquirer to correct the excess (差错处理: reverse or adjust the refund), giving the
//! refund's and the sale's identifiers; contact the customer with the receipt and ask for the
//! excess back; check a refund's amount against its sale before confirming it.

use super::super::text::{self, money};
use super::super::{Context, Draft};
use crate::Lang;
use crate::model::Role;
use crate::report::{Kind, Severity};

/// One finding per over-refunded payment.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    let mut sales: Vec<usize> = ctx.set.over_refunds.iter().map(|c| c.sale).collect();
    sales.dedup();
    sales
        .into_iter()
        .filter(|&s| ctx.set.over_refunded_cents(ctx.records, s) > 0)
        .filter(|&s| {
            // The terminal's sale is reported only when its settled row does not carry it.
            ctx.records[s].role != Role::TerminalLog
                || !ctx.set.pair_of(s).is_some_and(|p| {
                    !ctx.set.over_refunds_of(p.acquirer).is_empty()
                        && ctx.set.over_refunded_cents(ctx.records, p.acquirer) > 0
                })
        })
        .map(|s| draft(ctx, s))
        .collect()
}

/// The row and its paired row on the other side, the given one first.
fn with_partner(ctx: &Context, idx: usize) -> Vec<usize> {
    let mut out = vec![idx];
    if let Some(p) = ctx.set.pair_of(idx) {
        out.push(if p.terminal == idx { p.acquirer } else { p.terminal });
    }
    out
}

fn draft(ctx: &Context, sale: usize) -> Draft {
    let lang = ctx.lang();
    let s = &ctx.records[sale];
    let settled = s.role != Role::TerminalLog;
    let linked = ctx.set.refunds_of(sale);
    let over = ctx.set.over_refunds_of(sale);
    let excess_cents = ctx.set.over_refunded_cents(ctx.records, sale);
    let refunded_cents: i64 = linked.iter().chain(over).map(|&r| ctx.records[r].amount_cents).sum();
    let (sale_amount, refunded, excess) =
        (money(lang, s.amount_cents), money(lang, refunded_cents), money(lang, excess_cents));
    let sale_rows: Vec<_> = with_partner(ctx, sale).into_iter().map(|i| &ctx.records[i]).collect();
    let sale_ids = text::ids(lang, &sale_rows);
    let sale_when = text::time(lang, s.time);
    let refund_list: Vec<String> = linked
        .iter()
        .chain(over)
        .map(|&r| {
            let rr = &ctx.records[r];
            match lang {
                Lang::Zh => format!(
                    "{} 退货 {}（{}）",
                    text::time(lang, rr.time),
                    money(lang, rr.amount_cents),
                    ctx.location(r)
                ),
                Lang::En => format!(
                    "{} refund of {} ({})",
                    text::time(lang, rr.time),
                    money(lang, rr.amount_cents),
                    ctx.location(r)
                ),
            }
        })
        .collect();
    let refund_list = refund_list.join(lang.pick("；", "; "));

    let title = match lang {
        Lang::Zh => {
            format!("退货金额超过原交易：原消费 {sale_amount}，退货 {refunded}，多退了 {excess}")
        }
        Lang::En => format!(
            "Refund larger than the sale: sale {sale_amount}, refunded {refunded}, {excess} too much"
        ),
    };
    let explanation = match (lang, settled) {
        (Lang::Zh, true) => format!(
            "{sale_when} 的消费 {sale_amount}（{sale_ids}，{}）被退货 {refunded}：{refund_list}。\
             退货注明的原交易就是这笔消费，金额却比它多 {excess}，对账单也已按退货结算，\
             钱已经退出去了：店里把从没收到的钱退给了顾客，多半是输错了退货金额。",
            ctx.location(sale)
        ),
        (Lang::Zh, false) => format!(
            "{sale_when} 的消费 {sale_amount}（{sale_ids}，{}）在终端上被退货 {refunded}：{refund_list}。\
             退货注明的原交易就是这笔消费，金额却比它多 {excess}，多半是输错了退货金额。\
             载入的对账单还没有显示这笔退货的结算；终端已显示退货成功，钱很可能会退出去。",
            ctx.location(sale)
        ),
        (Lang::En, true) => format!(
            "The sale of {sale_amount} at {sale_when} ({sale_ids}, {}) was refunded {refunded}: \
             {refund_list}. The refunds name this sale as their original yet come to {excess} more \
             than it, and the statement settled them: the shop gave back money it never took, \
             most likely a refund keyed with the wrong amount.",
            ctx.location(sale)
        ),
        (Lang::En, false) => format!(
            "The sale of {sale_amount} at {sale_when} ({sale_ids}, {}) was refunded {refunded} on \
             the terminal: {refund_list}. The refunds name this sale as their original yet come to \
             {excess} more than it, most likely a refund keyed with the wrong amount. The loaded \
             statements do not show the refund settled yet; the terminal approved it, so the money \
             is likely to go out.",
            ctx.location(sale)
        ),
    };

    let mut evidence = vec![match lang {
        Lang::Zh => format!("原消费：{sale_amount}，{}", ctx.location(sale)),
        Lang::En => format!("original sale: {sale_amount}, {}", ctx.location(sale)),
    }];
    for &r in linked {
        evidence.push(match lang {
            Lang::Zh => format!(
                "已计入的退货：{}，{}",
                money(lang, ctx.records[r].amount_cents),
                ctx.location(r)
            ),
            Lang::En => format!(
                "refund within the sale: {}, {}",
                money(lang, ctx.records[r].amount_cents),
                ctx.location(r)
            ),
        });
    }
    for &r in over {
        evidence.push(match lang {
            Lang::Zh => format!(
                "超出原交易的退货：{}，{}，注明的原交易是这笔消费",
                money(lang, ctx.records[r].amount_cents),
                ctx.location(r)
            ),
            Lang::En => format!(
                "refund past the sale: {}, {}, naming this sale as its original",
                money(lang, ctx.records[r].amount_cents),
                ctx.location(r)
            ),
        });
    }
    evidence.push(match lang {
        Lang::Zh => format!("退货合计 {refunded}，比原交易 {sale_amount}多 {excess}"),
        Lang::En => {
            format!("refunds total {refunded}, {excess} more than the sale of {sale_amount}")
        }
    });

    let first_over = over.first().copied().unwrap_or(sale);
    let contact_rows: Vec<_> =
        with_partner(ctx, first_over).into_iter().map(|i| &ctx.records[i]).collect();
    let contact = text::contact_details(lang, &contact_rows);
    let actions = match lang {
        Lang::Zh => vec![
            format!(
                "联系收单机构，说明这笔退货超出了原交易，请求对多退的 {excess}做差错处理（撤销或调整退货），提供：{contact}；并附上原消费（{sale_ids}）。"
            ),
            format!(
                "联系持卡人（凭签购单和 {sale_when} 的消费记录），说明多退了 {excess}，请其退回；保留沟通记录。"
            ),
            "以后退货前先核对原交易金额：退货（含多次部分退货）合计不能超过原交易。".to_owned(),
        ],
        Lang::En => vec![
            format!(
                "Ask the acquirer to correct the excess {excess} (error handling: reverse or adjust the refund), giving: {contact}; and the original sale ({sale_ids})."
            ),
            format!(
                "Contact the cardholder (with the receipt of the sale at {sale_when}), explain that {excess} too much was refunded and ask for it back; keep a record."
            ),
            "Check a refund against its sale before confirming it: refunds (partial ones included) never add up to more than the sale."
                .to_owned(),
        ],
    };

    let mut records: Vec<usize> = Vec::new();
    for &r in over {
        records.extend(with_partner(ctx, r));
    }
    records.extend(with_partner(ctx, sale));
    for &r in linked {
        records.extend(with_partner(ctx, r));
    }
    let mut clearing: Vec<_> = over.iter().filter_map(|&r| ctx.set.clearing_date(r)).collect();
    clearing.sort();
    clearing.dedup();
    Draft {
        kind: Kind::OverRefund,
        severity: if settled { Severity::High } else { Severity::Medium },
        amount_cents: excess_cents,
        confidence: if settled { 0.9 } else { 0.7 },
        title,
        explanation,
        records: records.into_iter().map(|i| ctx.record_ref(i)).collect(),
        dates: ctx.dates(&clearing, false),
        evidence,
        actions,
    }
}
