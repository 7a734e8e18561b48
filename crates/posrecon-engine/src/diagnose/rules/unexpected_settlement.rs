//! `unexpected_settlement` (长款): settled by the acquirer, unknown to the terminal log.
//!
//! ## What it detects
//! An acquirer sale row, not undone by a void or reversal row, that matches no terminal record,
//! although the terminal log of its terminal covers its time (first to last record of that
//! terminal). Rows outside that range, on terminals whose log is not loaded, or with no terminal
//! log at all are not reported: the terminal side was never looked at.
//!
//! ## Why it matters
//! Money arrived that the shop has no record of. Either the terminal lost the record (a dropped
//! sale the cashier never saw as approved), the export is incomplete, or the sale is not this
//! shop's. Money that is not the merchant's is usually taken back later (调单, 退单, 贷记调整
//! 9601 收单机构发现长款), so it should not be counted as revenue until explained.
//!
//! ## What the merchant should do
//! Look the sale up on the POS by its STAN and find the receipt; if it was a sale the cashier
//! thought failed, check whether the customer got the goods or paid twice; if it cannot be
//! explained, ask the acquirer.

use super::super::text::{self, money};
use super::super::{Context, Draft};
use crate::Lang;
use crate::matcher::ident;
use crate::report::{Kind, Severity};

/// One finding per unmatched settled sale inside the terminal log's coverage.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    let cov = &ctx.set.terminal_coverage;
    let mut out = Vec::new();
    for &idx in &ctx.set.acquirer_leftovers {
        let a = &ctx.records[idx];
        if !ctx.settled_charge(idx) {
            continue;
        }
        let Some(time) = a.time else { continue };
        if cov.covers(ident(&a.terminal_id), time) {
            out.push(draft(ctx, idx));
        }
    }
    out
}

fn draft(ctx: &Context, idx: usize) -> Draft {
    let lang = ctx.lang();
    let a = &ctx.records[idx];
    let amount = money(lang, a.amount_cents);
    let ids = text::ids(lang, &[a]);
    let when = text::time(lang, a.time);
    let loc = ctx.location(idx);
    let clearing = ctx.set.clearing_date(idx);
    let (start, end) = ctx
        .set
        .terminal_coverage
        .range_for(ident(&a.terminal_id))
        .map(|(s, e)| (text::time(lang, Some(s)), text::time(lang, Some(e))))
        .unwrap_or_default();
    let contact = text::contact_details(lang, &[a]);
    let stan = ident(&a.stan);

    let title = match lang {
        Lang::Zh => format!("长款：收单机构结算了 {amount}（{when}），终端流水中没有这笔"),
        Lang::En => {
            format!("Unexpected settlement: {amount} settled ({when}) but not on the terminal log")
        }
    };
    let explanation = match lang {
        Lang::Zh => format!(
            "收单对账单（{loc}）显示一笔 {amount} 的消费已结算（{ids}，交易时间 {when}），\
             但终端交易明细在 {start} 至 {end} 之间的记录里没有这笔交易。\
             可能是终端没有记录或导出不完整、收银员以为失败的交易其实成功了，或者这笔交易不是本店发起的。\
             无法解释的长款日后可能被调单、退单或贷记调整追回。"
        ),
        Lang::En => format!(
            "The acquirer statement ({loc}) shows a settled {amount} sale ({ids}, time {when}), but the \
             terminal log, which covers {start} to {end} for this terminal, has no such sale. The \
             terminal may have lost the record or the export is incomplete, a sale the cashier took \
             for failed actually went through, or the sale is not this shop's. Money that cannot be \
             explained may be taken back later (retrieval request, chargeback or credit adjustment)."
        ),
    };
    let lookup = match (lang, stan) {
        (Lang::Zh, Some(s)) => format!(
            "在 POS 上按凭证号 {s} 查询或重打印，并找出这笔的签购单存根，确认是否为本店交易。"
        ),
        (Lang::Zh, None) => format!(
            "在 POS 交易明细中查找 {when} 前后 {amount} 的交易，并找出签购单存根，确认是否为本店交易。"
        ),
        (Lang::En, Some(s)) => format!(
            "Query or reprint STAN {s} on the POS and find its receipt stub to confirm it is this shop's sale."
        ),
        (Lang::En, None) => format!(
            "Look for a {amount} sale around {when} in the POS history and find its receipt stub to confirm it is this shop's sale."
        ),
    };
    let actions = match lang {
        Lang::Zh => vec![
            lookup,
            "如果是本店交易但终端显示失败或没有记录：确认顾客是否拿到了商品、是否又付了一次；重复收款要退给顾客。".to_owned(),
            format!(
                "如果无法解释，先不要把这笔钱当作营业收入，联系收单机构核查，并提供：{contact}。"
            ),
        ],
        Lang::En => vec![
            lookup,
            "If it is this shop's sale but the terminal showed a failure or nothing: check whether the customer got the goods or paid again, and refund any double payment.".to_owned(),
            format!(
                "If it cannot be explained, do not count it as revenue yet and ask the acquirer to investigate, giving: {contact}."
            ),
        ],
    };
    let evidence = match lang {
        Lang::Zh => vec![
            format!(
                "收单结果：已结算（{loc}），清算日期 {}",
                clearing.map(|d| d.to_string()).unwrap_or_default()
            ),
            format!("该终端的终端流水覆盖 {start} 至 {end}，这笔交易时间在范围内"),
            "按参考号、终端号 + 凭证号、终端号 + 金额 + 时间三轮匹配均未找到终端记录".to_owned(),
        ],
        Lang::En => vec![
            format!(
                "acquirer: settled ({loc}), clearing date {}",
                clearing.map(|d| d.to_string()).unwrap_or_default()
            ),
            format!(
                "the terminal log covers {start} to {end} for this terminal; this sale falls inside"
            ),
            "no terminal record matches by RRN, terminal + STAN, or terminal + amount + time"
                .to_owned(),
        ],
    };
    Draft {
        kind: Kind::UnexpectedSettlement,
        severity: Severity::Medium,
        amount_cents: a.amount_cents,
        confidence: 0.8,
        title,
        explanation,
        records: vec![ctx.record_ref(idx)],
        dates: ctx.dates(clearing.as_slice(), false),
        evidence,
        actions,
    }
}
