//! `pending_outcome`: a timeout whose deciding settlement file is not loaded yet.
//!
//! ## What it detects
//! A terminal sale with an unknown outcome (timeout, no reply) that matches no acquirer row, where
//! the loaded statements cannot decide it: no statement is loaded, none clears on its clearing
//! date (usually the day after the last loaded file), or none mentions its terminal.
//!
//! An unknown attempt whose clearing date *is* covered and that still has no acquirer row was not
//! charged (the automatic reversal worked): that is no finding. A declined attempt is never
//! pending: the host answered.
//!
//! ## Why it matters
//! The card may have been charged. Until the settlement for that date is checked, the merchant
//! does not know whether the customer paid, so a second charge may turn into a duplicate.
//!
//! ## What the merchant should do
//! Load the statement for the clearing date once it is available and run the analysis again.
//! Severity is low while the money could still be on its way; once `as_of` is past the
//! escalation date it is medium and the advice is to ask the acquirer directly.

use chrono::NaiveDate;

use super::super::text::{self, money};
use super::super::{Context, Draft};
use crate::Lang;
use crate::matcher::ident;
use crate::model::Outcome;
use crate::report::{Kind, Severity};

/// One finding per undecided unknown attempt.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    let cov = &ctx.set.acquirer_coverage;
    let mut out = Vec::new();
    for idx in ctx.unmatched_charges(Outcome::Unknown) {
        let t = &ctx.records[idx];
        let clearing = ctx.set.clearing_date(idx);
        let tid = ident(&t.terminal_id);
        let why = match clearing {
            _ if cov.is_empty() => Why::NoStatement,
            Some(_) if !cov.knows_terminal(tid) => Why::TerminalNotInStatement,
            Some(date) if cov.has_rows(date) => continue,
            Some(date) => Why::DateNotLoaded(date),
            None => Why::NoDate,
        };
        out.push(draft(ctx, idx, clearing, why));
    }
    out
}

/// Why the loaded statements cannot decide the attempt.
enum Why {
    NoStatement,
    DateNotLoaded(NaiveDate),
    TerminalNotInStatement,
    NoDate,
}

fn draft(ctx: &Context, idx: usize, clearing: Option<NaiveDate>, why: Why) -> Draft {
    let lang = ctx.lang();
    let t = &ctx.records[idx];
    let amount = money(lang, t.amount_cents);
    let ids = text::ids(lang, &[t]);
    let when = text::time(lang, t.time);
    let shown = text::terminal_result(lang, t);
    let dates = ctx.dates(clearing.as_slice(), true);
    let overdue = dates.escalate_after.is_some_and(|d| ctx.options.as_of > d);
    let clearing_text = text::date(clearing);
    let deposit = text::date(dates.expected_deposit_date);
    let escalate = text::date(dates.escalate_after);
    let contact = text::contact_details(lang, &[t]);
    let coverage = ctx
        .set
        .acquirer_coverage
        .range()
        .map(|(first, last)| text::date_range(lang, first, last))
        .unwrap_or_default();
    let terminal = ident(&t.terminal_id).unwrap_or("—");

    let reason = match (lang, &why) {
        (Lang::Zh, Why::NoStatement) => "还没有加载收单对账单，无法判断是否扣款。".to_owned(),
        (Lang::Zh, Why::DateNotLoaded(d)) => format!(
            "已加载的收单对账单覆盖清算日期 {coverage}，其中没有 {d} 的结算记录，所以还无法判断是否扣款。"
        ),
        (Lang::Zh, Why::TerminalNotInStatement) => format!(
            "已加载的收单对账单中没有终端 {terminal} 的任何交易（它可能由另一家收单机构结算），所以还无法判断是否扣款。"
        ),
        (Lang::Zh, Why::NoDate) => "这笔记录没有交易时间，无法确定清算日期。".to_owned(),
        (Lang::En, Why::NoStatement) => {
            "No acquirer statement is loaded, so whether the card was charged cannot be decided."
                .to_owned()
        }
        (Lang::En, Why::DateNotLoaded(d)) => format!(
            "The loaded acquirer statements cover clearing dates {coverage} and have no rows for {d}, so whether the card was charged cannot be decided yet."
        ),
        (Lang::En, Why::TerminalNotInStatement) => format!(
            "The loaded acquirer statements have no sales of terminal {terminal} at all (it may settle through another acquirer), so whether the card was charged cannot be decided."
        ),
        (Lang::En, Why::NoDate) => {
            "The record has no time, so its clearing date is unknown.".to_owned()
        }
    };
    let title = match lang {
        Lang::Zh => format!(
            "结果待定：{when} 的 {amount} 交易结果未知，需等清算日期 {clearing_text} 的对账单确认"
        ),
        Lang::En => format!(
            "Outcome pending: {amount} at {when} is unresolved until the statement for {clearing_text}"
        ),
    };
    let explanation = match lang {
        Lang::Zh => format!(
            "这笔 {amount} 的消费（{ids}）在 {when} 的终端上{shown}：终端不知道银行是否已扣款，顾客的卡可能已被扣。\
             按日切它的清算日期是 {clearing_text}。{reason}"
        ),
        Lang::En => format!(
            "This {amount} sale ({ids}) {shown} on the terminal at {when}: the terminal does not know \
             whether the bank charged the card, so the customer may have paid. Its clearing date is \
             {clearing_text}. {reason}"
        ),
    };
    let load = match (lang, clearing) {
        (Lang::Zh, Some(d)) => format!(
            "下载清算日期 {d} 的收单对账单，加入后重新分析：有这笔即为掉单，没有则说明已自动冲正、未扣款。"
        ),
        (Lang::Zh, None) => "加载覆盖这笔交易的收单对账单后重新分析。".to_owned(),
        (Lang::En, Some(d)) => format!(
            "Download the acquirer statement for clearing date {d} and run the analysis again: if this sale is in it, it was a dropped sale; if not, it was reversed and not charged."
        ),
        (Lang::En, None) => {
            "Load the acquirer statement covering this sale and run the analysis again.".to_owned()
        }
    };
    let query = match lang {
        Lang::Zh => "先在 POS 上按凭证号查询或重打印这笔交易：终端已补记为成功的按成功处理；仍显示失败或查不到的，以收单对账单为准。".to_owned(),
        Lang::En => "First query or reprint the sale on the POS by its STAN: if the terminal now shows it approved, treat it as approved; if it still shows a failure or nothing, the acquirer statement decides.".to_owned(),
    };
    let no_recharge = match lang {
        Lang::Zh => "在确认之前不要让顾客因这笔再付款；如果顾客已经重新付款，记下联系方式，以便确认扣款后退还。如果交易没有成功而顾客卡上被扣了钱，一般会自动冲正退回，通常 1–3 个工作日到账，可以这样告诉顾客。".to_owned(),
        Lang::En => "Until it is confirmed, do not ask the customer to pay again for it; if they already did, keep their contact details so the extra payment can be refunded. If the sale failed but the card was debited, the debit is normally reversed automatically, usually within 1-3 working days; the customer can be told so.".to_owned(),
    };
    let ask = match lang {
        Lang::Zh => format!("联系收单机构查询这笔交易是否扣款，并提供：{contact}。"),
        Lang::En => format!("Ask the acquirer whether this sale was charged, giving: {contact}."),
    };
    let actions = if overdue {
        let late = match lang {
            Lang::Zh => format!(
                "已超过 {escalate}（应到账日 {deposit} 后 {} 个工作日），请立即处理：",
                ctx.settings().escalate_after_working_days
            ),
            Lang::En => format!(
                "It is past {escalate} ({} working days after the expected deposit on {deposit}), act now: ",
                ctx.settings().escalate_after_working_days
            ),
        };
        vec![format!("{late}{ask}"), query, load, no_recharge]
    } else {
        let later = match lang {
            Lang::Zh => format!("如果到 {escalate} 仍无法确认，{ask}"),
            Lang::En => format!("If it is still unclear by {escalate}: {ask}"),
        };
        vec![query, load, no_recharge, later]
    };
    let evidence = match lang {
        Lang::Zh => vec![
            format!("终端结果：{shown}（{}）", ctx.location(idx)),
            format!("清算日期 {clearing_text}，预计到账 {deposit}，{escalate} 后应联系收单机构"),
            reason.clone(),
        ],
        Lang::En => vec![
            format!("terminal result: {shown} ({})", ctx.location(idx)),
            format!(
                "clearing date {clearing_text}, expected deposit {deposit}, contact the acquirer after {escalate}"
            ),
            reason.clone(),
        ],
    };
    Draft {
        kind: Kind::PendingOutcome,
        severity: if overdue { Severity::Medium } else { Severity::Low },
        amount_cents: t.amount_cents,
        confidence: 0.9,
        title,
        explanation,
        records: vec![ctx.record_ref(idx)],
        dates,
        evidence,
        actions,
    }
}
