//! `late_deposit`: the settled net arrived, later than the settlement cycle promises.
//!
//! ## What it detects
//! A bank credit (or the parts of a split payout, dated by the last of them) that pays one or more
//! clearing dates in full (within the rounding tolerance) but is dated after the earliest of their
//! expected deposit dates, per the settlement calendar
//! (working days, public holidays, 调休 Saturdays) and the merchant's cycle (T+0, T+1, D+0,
//! D+1). A weekend's roll-up paid on Monday under T+1 is on time; Thursday's net paid with it is
//! late. A deposit that is both late and short is reported once, as `deposit_mismatch`.
//!
//! ## Why it matters
//! The money is there, so nothing is lost, but a payout that keeps slipping is often the first
//! sign of a settlement hold (延迟结算, risk review) or of a cycle other than the contract's; and
//! if the configured cycle is wrong, every later missing-deposit check is off too.
//!
//! ## What the merchant should do
//! Nothing urgent. If it happens more than once, ask the acquirer why (quote the 商户号, clearing
//! dates and both dates) and check the contracted cycle; if the acquirer really pays on another
//! cycle, set it in the settings.

use super::super::text::money;
use super::super::{Context, Draft};
use super::deposit_common::{
    arrival, calendar_note, credit_lines, date_span, day_lines, days, deposit_refs, finding_dates,
    merchant,
};
use crate::Lang;
use crate::matcher::deposit::{Deposit, Fit, PayoutSource};
use crate::report::{Kind, Severity};

/// One finding per exactly-fitting deposit that arrived after its earliest expected date.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    ctx.set
        .deposits
        .deposits
        .iter()
        .filter(|d| d.fit == Fit::Exact)
        .filter(|d| ctx.set.deposits.days[d.days[0]].source == PayoutSource::Acquirer)
        .filter_map(|d| {
            let credit_date = arrival(ctx, d)?;
            let due = d.days.iter().map(|&i| ctx.set.deposits.days[i].expected_deposit).min()?;
            (credit_date > due).then(|| draft(ctx, d, due, credit_date))
        })
        .collect()
}

fn draft(
    ctx: &Context,
    deposit: &Deposit,
    due: chrono::NaiveDate,
    credit_date: chrono::NaiveDate,
) -> Draft {
    let lang = ctx.lang();
    let days = days(ctx, &deposit.days);
    let received = deposit.received_cents;
    let got = money(lang, received);
    let span = date_span(lang, &days);
    let cal = ctx.calendar();
    let working_late = cal.working_days_between(due, credit_date);
    let calendar_late = (credit_date - due).num_days();
    let late_days: Vec<String> = days
        .iter()
        .filter(|d| d.expected_deposit < credit_date)
        .map(|d| d.date.to_string())
        .collect();
    let cycle = days[0].cycle.as_str();
    let mut dates = finding_dates(ctx, &days);
    dates.expected_deposit_date = Some(due);
    dates.escalate_after = None;
    let merchant_text = merchant(lang, &days);

    let title = match lang {
        Lang::Zh => {
            format!("延迟到账：清算日期 {span} 的 {got} 于 {credit_date} 到账，应于 {due} 到账")
        }
        Lang::En => {
            format!("Deposit late: {got} for {span} arrived on {credit_date}, due on {due}")
        }
    };
    let explanation = match lang {
        Lang::Zh => format!(
            "清算日期 {span} 的结算净额 {got} 已全额到账，但到账日 {credit_date} 晚于 {cycle} 周期应到账的 {due}，\
             晚了 {working_late} 个工作日（{calendar_late} 天）。钱没有少，但如果经常延迟，可能是结算被暂缓（风控审核），\
             或实际结算周期与设置的不同。"
        ),
        Lang::En => format!(
            "The net {got} for clearing date(s) {span} arrived in full, but on {credit_date}, after {due} when the {cycle} cycle \
             should have paid it: {working_late} working day(s) ({calendar_late} calendar days) late. Nothing is missing, but \
             repeated delays can mean payouts are being held for review, or that the real cycle differs from the setting."
        ),
    };
    let mut evidence = credit_lines(ctx, deposit);
    evidence.extend(day_lines(lang, &days));
    evidence.push(match lang {
        Lang::Zh => format!(
            "到账金额与应结净额之差在尾差范围内（±{} 分）；晚到的清算日：{}",
            deposit.tolerance_cents,
            late_days.join("、")
        ),
        Lang::En => format!(
            "amount within the rounding tolerance (±{} fen); clearing dates paid late: {}",
            deposit.tolerance_cents,
            late_days.join(", ")
        ),
    });
    evidence.extend(calendar_note(ctx, due));
    let merchant_zh = merchant_text.clone().unwrap_or_else(|| "商户号".to_owned());
    let merchant_en = merchant_text.unwrap_or_else(|| "your merchant id".to_owned());
    let actions = match lang {
        Lang::Zh => vec![
            "无需紧急处理：这笔钱已经全额到账。".to_owned(),
            format!(
                "如果多次出现，向收单机构询问原因：报{merchant_zh}、清算日期 {span}、应到账日 {due}、实际到账日 {credit_date}，并确认合同约定的结算周期。"
            ),
            format!(
                "如果收单机构实际不是按 {cycle} 结算，请在设置中改成实际周期，以免误报未到账。"
            ),
        ],
        Lang::En => vec![
            "Nothing urgent: the money arrived in full.".to_owned(),
            format!(
                "If it keeps happening, ask the acquirer why, quoting {merchant_en}, clearing date(s) {span}, due date {due} and arrival {credit_date}, and confirm the contracted cycle."
            ),
            format!(
                "If the acquirer does not actually pay on {cycle}, change the cycle in the settings so missing deposits are judged correctly."
            ),
        ],
    };
    let records = deposit_refs(ctx, deposit, &days);
    Draft {
        kind: Kind::LateDeposit,
        severity: Severity::Low,
        amount_cents: received,
        confidence: if deposit.acquirer_like { 0.85 } else { 0.7 },
        title,
        explanation,
        records,
        dates,
        evidence,
        actions,
    }
}
