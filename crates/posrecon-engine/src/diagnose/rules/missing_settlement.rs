//! `missing_settlement` (短款): approved on the terminal, absent from the settlement files.
//!
//! ## What it detects
//! A terminal sale the host approved, not undone by a same-day void, that no acquirer row matches
//! by RRN, STAN or amount and time, although the loaded acquirer statements cover its clearing
//! date (23:00 cut-off applied) and mention its terminal. When the clearing date lies past the
//! statements, or no statement is loaded, nothing is reported: the deciding file is simply not
//! there yet. When the date lies inside the statements' range but no row at all clears that day,
//! the finding is kept at medium severity, because that day's file may be the one missing.
//!
//! ## Why it matters
//! The customer paid and got the goods, but the money may never reach the merchant: a batch that
//! was not uploaded, an approval reversed by a terminal fault (reversal code 96), or an acquirer
//! error (9656 清算金额小于消费金额).
//!
//! ## What the merchant should do
//! Check the next day's statement and the bank deposit first; then file a missing-settlement
//! claim (请款) with the acquirer, with the receipt and the transaction's identifiers, and chase it
//! if it is not resolved within a few working days.

use super::super::text::{self, money};
use super::super::{Context, Draft};
use crate::Lang;
use crate::matcher::ident;
use crate::model::Outcome;
use crate::report::{Kind, Severity};

/// One finding per approved terminal sale missing from covered settlement dates.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    let cov = &ctx.set.acquirer_coverage;
    let mut out = Vec::new();
    for idx in ctx.unmatched_charges(Outcome::Approved) {
        let t = &ctx.records[idx];
        let Some(clearing) = ctx.set.clearing_date(idx) else { continue };
        let tid = ident(&t.terminal_id);
        if !cov.in_range(clearing) || !cov.knows_terminal(tid) {
            continue;
        }
        out.push(draft(ctx, idx, clearing, cov.has_rows(clearing)));
    }
    out
}

fn draft(ctx: &Context, idx: usize, clearing: chrono::NaiveDate, day_has_rows: bool) -> Draft {
    let lang = ctx.lang();
    let t = &ctx.records[idx];
    let amount = money(lang, t.amount_cents);
    let ids = text::ids(lang, &[t]);
    let when = text::time(lang, t.time);
    let (first, last) = ctx.set.acquirer_coverage.range().unwrap_or((clearing, clearing));
    let covered = text::date_range(lang, first, last);
    let dates = ctx.dates(&[clearing], true);
    let deposit = dates.expected_deposit_date.map(|d| d.to_string()).unwrap_or_default();
    let escalate = dates.escalate_after.map(|d| d.to_string()).unwrap_or_default();
    let next_day = clearing.succ_opt().unwrap_or(clearing);
    let contact = text::contact_details(lang, &[t]);
    let cutoff = ctx.settings().cutoff.format("%H:%M");

    let title = match lang {
        Lang::Zh => format!("短款：终端成功的 {amount} 消费（{when}）不在收单对账单中"),
        Lang::En => format!(
            "Not settled: {amount} approved on the terminal at {when} is missing from the statement"
        ),
    };
    let mut explanation = match lang {
        Lang::Zh => format!(
            "这笔 {amount} 的消费（{ids}）在 {when} 的终端上{}，是一笔成功交易，按 {cutoff} 日切应在 {clearing} 清算。\
             已加载的收单对账单覆盖清算日期 {covered}，但其中找不到这笔交易：参考号、终端号 + 凭证号、\
             以及同金额前后 {} 分钟内的记录都对不上。这笔钱可能不会结算给商户。",
            text::terminal_result(lang, t),
            ctx.settings().match_window_minutes
        ),
        Lang::En => format!(
            "This {amount} sale ({ids}) was approved on the terminal at {when} ({}); with the {cutoff} \
             cut-off it clears on {clearing}. The loaded acquirer statements cover clearing dates \
             {covered}, but none of their rows is this sale: no RRN, no terminal + STAN, and \
             nothing of the same amount within {} minutes. The money may never reach the merchant.",
            text::terminal_result(lang, t),
            ctx.settings().match_window_minutes
        ),
    };
    if !day_has_rows {
        explanation.push_str(&match lang {
            Lang::Zh => format!(
                "注意：对账单中 {clearing} 这一天没有任何结算记录，可能是这一天的对账单没有加载。"
            ),
            Lang::En => format!(
                " Note: the statements have no rows at all for {clearing}; that day's file may simply not be loaded."
            ),
        });
    }
    let actions = match lang {
        Lang::Zh => vec![
            format!(
                "先查看清算日期 {next_day} 的对账单（有的机构延迟一天上送），并在 POS 上按凭证号查询或重打印这笔交易，确认它确实成功。"
            ),
            format!("核对银行账户 {deposit} 的入账金额是否少了这笔的净额。"),
            format!(
                "向收单机构提出未结算（短款）核查和请款，提供交易当日的签购单存根、银行流水截图，以及：{contact}；记下受理编号。"
            ),
            format!("如果到 {escalate} 仍未处理或未到账，再次催办或向收单机构投诉升级。"),
        ],
        Lang::En => vec![
            format!(
                "First look at the statement for clearing date {next_day} (some acquirers are a day late) and query or reprint the sale on the POS by its STAN to confirm it was approved."
            ),
            format!(
                "Check whether the bank deposit of {deposit} is short by this sale's net amount."
            ),
            format!(
                "File a missing-settlement claim (请款) with the acquirer, with the day's receipt (签购单), a bank statement screenshot, and: {contact}; note the case number."
            ),
            format!(
                "If it is not resolved or paid by {escalate}, chase the acquirer and escalate."
            ),
        ],
    };
    let evidence = match lang {
        Lang::Zh => vec![
            format!("终端结果：{}（{}）", text::terminal_result(lang, t), ctx.location(idx)),
            format!("清算日期 {clearing}（交易时间 {when}，日切 {cutoff}）"),
            format!("收单对账单覆盖清算日期 {covered}"),
            if day_has_rows {
                format!("{clearing} 当天对账单有其他结算记录，唯独没有这一笔")
            } else {
                format!("{clearing} 当天对账单没有任何记录")
            },
            "按参考号、终端号 + 凭证号、终端号 + 金额 + 时间三轮匹配均未找到".to_owned(),
        ],
        Lang::En => vec![
            format!("terminal result: {} ({})", text::terminal_result(lang, t), ctx.location(idx)),
            format!("clearing date {clearing} (time {when}, cut-off {cutoff})"),
            format!("acquirer statements cover clearing dates {covered}"),
            if day_has_rows {
                format!("the statements settle other sales on {clearing}, but not this one")
            } else {
                format!("the statements have no rows for {clearing}")
            },
            "no match by RRN, terminal + STAN, or terminal + amount + time".to_owned(),
        ],
    };
    Draft {
        kind: Kind::MissingSettlement,
        severity: if day_has_rows { Severity::High } else { Severity::Medium },
        amount_cents: t.amount_cents,
        confidence: if day_has_rows { 0.9 } else { 0.6 },
        title,
        explanation,
        records: vec![ctx.record_ref(idx)],
        dates,
        evidence,
        actions,
    }
}
