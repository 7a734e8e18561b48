//! `missing_deposit`: settled money that never reached the bank account.
//!
//! ## What it detects
//! Clearing dates whose settled net (Σ 结算金额 of the acquirer rows, refunds netted) no bank credit
//! pays: no credit equals it alone or rolled up with neighbouring clearing dates, no group of
//! credits from the acquirer adds up to it (a split payout), and no credit from the acquirer
//! comes close or arrived as part of it when it was due (those are `deposit_mismatch`). Days that should be paid together (same merchant, same expected
//! deposit date: Friday, Saturday and Sunday under T+1) make one finding. It is reported only
//! when the loaded bank statement starts on or before the expected deposit date and runs past it
//! by [`Settings::deposit_grace_working_days`](crate::Settings::deposit_grace_working_days) working
//! days, and that date has passed on `as_of`; otherwise the deposit is simply not due, or not in
//! the file, yet.
//!
//! A credit the bank took back (a 冲正 / 退汇 debit of the same amount, see
//! [`crate::matcher::deposit::reversals`]) pays nothing, so a day paid that way is missing too;
//! the finding names both bank lines and says "入账后又被冲回".
//!
//! ## Why it matters
//! The acquirer says it settled the money, but the merchant's account never got it: a payout held
//! back by risk control (风控冻结), a changed or closed settlement account, a returned transfer,
//! or an acquirer error. Nobody else notices: the terminal and the statement both look fine.
//!
//! ## What the merchant should do
//! Check the account for a credit on a nearby day (perhaps under another name), then call the
//! acquirer with the 商户号, the clearing dates, the expected net and the expected date, and ask
//! for the payout record (出款流水 / 划款凭证). Escalate if it has not arrived a few working days
//! later.

use super::super::text::money;
use super::super::{Context, Draft};
use super::deposit_common::{
    bank_line, calendar_note, date_span, day_lines, days, finding_dates, merchant,
    missing_unless_unproven, row_refs, search_note, taken_back_line, taken_back_near,
    unproven_absence,
};
use crate::Lang;
use crate::matcher::deposit::{PayoutSource, looks_like_acquirer};
use crate::model::{Role, TxnType};
use crate::report::Kind;

/// One finding per batch of unpaid days due on one date, when the bank statement decides it.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    let set = &ctx.set.deposits;
    let Some((bank_start, bank_end)) = set.bank_coverage else { return Vec::new() };
    let cal = ctx.calendar();
    let grace = ctx.settings().deposit_grace_working_days;
    // Batches: unpaid days of one merchant with one expected deposit date.
    let mut batches: Vec<Vec<usize>> = Vec::new();
    // A wallet's payouts have their own wording (`wallet_payout`).
    for &day in set.unpaid.iter().filter(|&&d| set.days[d].source == PayoutSource::Acquirer) {
        let d = &set.days[day];
        match batches.last_mut() {
            Some(batch)
                if set.days[batch[0]].merchant_id == d.merchant_id
                    && set.days[batch[0]].expected_deposit == d.expected_deposit =>
            {
                batch.push(day)
            }
            _ => batches.push(vec![day]),
        }
    }
    batches
        .into_iter()
        .filter(|batch| {
            let expected = set.days[batch[0]].expected_deposit;
            let due = cal.add_working_days(expected, grace);
            bank_start <= expected && due <= bank_end && due <= ctx.options.as_of
        })
        .map(|batch| draft(ctx, &batch))
        .collect()
}

fn draft(ctx: &Context, batch: &[usize]) -> Draft {
    let lang = ctx.lang();
    let days = days(ctx, batch);
    let net: i64 = days.iter().map(|d| d.net_cents).sum();
    let rows: usize = days.iter().map(|d| d.rows.len()).sum();
    let amount = money(lang, net);
    let span = date_span(lang, &days);
    let dates = finding_dates(ctx, &days);
    let expected = dates.expected_deposit_date.unwrap_or(days[0].date);
    let (bank_start, bank_end) = ctx.set.deposits.bank_coverage.unwrap_or((expected, expected));
    let merchant_text = merchant(lang, &days);
    let who = merchant_text.clone().map(|m| format!("（{m}）")).unwrap_or_default();
    let who_en = merchant_text.clone().map(|m| format!(" ({m})")).unwrap_or_default();
    let tolerance = ctx.settings().deposit_tolerance_cents_per_row * rows as i64;

    // Credits from the acquirer around the expected date that pay nothing: worth a look.
    let stray: Vec<usize> = (0..ctx.records.len())
        .filter(|&i| {
            let r = &ctx.records[i];
            r.role == Role::BankStatement
                && r.txn_type == TxnType::Deposit
                && looks_like_acquirer(r)
                && r.time.is_some_and(|t| {
                    let age = (t.date() - expected).num_days();
                    (-3..=10).contains(&age)
                })
                && ctx.set.deposits.deposit_of_credit(i).is_none()
                && ctx.set.deposits.reversal_of(i).is_none()
        })
        .collect();
    // Credits the bank took back (冲正 / 退汇) around that date: they seemed to pay, and did not.
    let taken_back = taken_back_near(ctx, expected);
    let kept_zh = if taken_back.is_empty() { "" } else { "留在账户里的" };
    let kept_en = if taken_back.is_empty() { "" } else { "that stayed in the account " };
    let back_zh = taken_back
        .iter()
        .map(|r| {
            let c = &ctx.records[r.credit];
            let date = c.time.map(|t| t.date().to_string()).unwrap_or_default();
            format!(
                "{date} 曾有一笔 {} 的入账，但入账后又被冲回（{}），钱没有留在账户里。",
                money(lang, c.amount_cents),
                ctx.location(r.debit)
            )
        })
        .collect::<String>();
    let back_en = taken_back
        .iter()
        .map(|r| {
            let c = &ctx.records[r.credit];
            let date = c.time.map(|t| t.date().to_string()).unwrap_or_default();
            format!(
                " A credit of {} on {date} was taken back after it arrived ({}), so the money did not stay.",
                money(lang, c.amount_cents),
                ctx.location(r.debit)
            )
        })
        .collect::<String>();

    let title = match lang {
        Lang::Zh => format!("未到账：清算日期 {span} 的结算净额 {amount} 没有入账"),
        Lang::En => {
            format!("Deposit missing: net {amount} settled for {span} never reached the bank")
        }
    };
    let explanation = match lang {
        Lang::Zh => format!(
            "收单对账单显示清算日期 {span}{who}共结算 {rows} 笔，应结净额 {amount}，按 {} 结算周期应在 {expected} 划入商户银行账户。\
             已加载的银行流水覆盖 {bank_start} 至 {bank_end}，但其中没有一笔{kept_zh}入账等于这个金额（允许每笔 1 分的尾差），\
             也没有和前后清算日合并入账、或分几笔入账的记录。{back_zh}这笔钱可能被收单机构暂扣、退回或划错了账户。",
            days[0].cycle.as_str()
        ),
        Lang::En => format!(
            "The acquirer statement settles {rows} rows for clearing date {span}{who_en}, net {amount}, due in the merchant's bank \
             account on {expected} under the {} cycle. The loaded bank statement covers {bank_start} to {bank_end}, but no credit {kept_en}in it \
             equals this amount (allowing 1 fen per row for rounding), alone, rolled up with neighbouring clearing dates, or split \
             into several credits.{back_en} The \
             acquirer may have held the payout back, had it returned, or paid it to another account.",
            days[0].cycle.as_str()
        ),
    };
    let mut evidence = day_lines(lang, &days);
    evidence.push(match lang {
        Lang::Zh => format!(
            "银行流水覆盖 {bank_start} 至 {bank_end}，已过预计到账日 {expected} 及 {} 个工作日宽限",
            ctx.settings().deposit_grace_working_days
        ),
        Lang::En => format!(
            "the bank statement covers {bank_start} to {bank_end}, past the expected date {expected} plus {} working day(s) of grace",
            ctx.settings().deposit_grace_working_days
        ),
    });
    evidence.push(match lang {
        Lang::Zh => format!(
            "检查了 {} 笔银行入账：没有一笔等于 {amount}（±{} 分），单独、与相邻清算日合并或分几笔入账都不符",
            ctx.set.deposits.credits_seen, tolerance
        ),
        Lang::En => format!(
            "checked {} bank credits: none equals {amount} (±{} fen), alone, rolled up with neighbouring clearing dates, or split into several credits",
            ctx.set.deposits.credits_seen, tolerance
        ),
    });
    evidence.extend(taken_back.iter().map(|r| taken_back_line(ctx, r)));
    for &i in &stray {
        evidence.push(match lang {
            Lang::Zh => {
                format!("附近有一笔像是收单机构的入账，但金额对不上：{}", bank_line(ctx, i))
            }
            Lang::En => format!(
                "a nearby credit looks like the acquirer's but does not fit: {}",
                bank_line(ctx, i)
            ),
        });
    }
    evidence.extend(calendar_note(ctx, expected));
    evidence.extend(search_note(ctx));

    let merchant_zh = merchant_text.clone().unwrap_or_else(|| "商户号".to_owned());
    let merchant_en = merchant_text.unwrap_or_else(|| "your merchant id".to_owned());
    let mut actions = match lang {
        Lang::Zh => vec![
            format!(
                "在网银中查看 {expected} 前后几天的入账（包括对方户名不同的入账），确认这笔 {amount} 确实没有到账。"
            ),
            format!(
                "致电收单机构客服，报{merchant_zh}、清算日期 {span}、应结净额 {amount}、预计到账日 {expected}，查询这笔结算款的出款流水（划款凭证）和收款账户，确认是否被暂扣（风控）或退回。"
            ),
            "同时请开户银行按日期和金额查询是否有被退回或挂账的来账。".to_owned(),
            crate::diagnose::text::escalation(lang, dates.escalate_after, ctx.options.as_of, ("收单机构", "the acquirer")),
        ],
        Lang::En => vec![
            format!(
                "Check the account online for credits a few days around {expected} (also under other payer names) to confirm the {amount} never arrived."
            ),
            format!(
                "Call the acquirer with {merchant_en}, clearing date(s) {span}, net {amount} and expected date {expected}; ask for the payout record (划款凭证) and the receiving account, and whether the payout was held (risk control) or returned."
            ),
            "Ask your bank to look for a returned or suspended incoming transfer of that amount and date.".to_owned(),
            crate::diagnose::text::escalation(lang, dates.escalate_after, ctx.options.as_of, ("收单机构", "the acquirer")),
        ],
    };
    if let Some(first) = taken_back.first() {
        let line = ctx.location(first.debit);
        actions.insert(
            1,
            match lang {
                Lang::Zh => format!(
                    "请开户银行说明 {line} 把这笔入账冲回（冲正 / 退汇）的原因，常见是收款账户信息不符或来账被退回；再请收单机构按正确账户重新出款。"
                ),
                Lang::En => format!(
                    "Ask your bank why {line} took the credit back (冲正 / 退汇): often the receiving account details did not match or the transfer was returned; then ask the acquirer to pay it again to the right account."
                ),
            },
        );
    }
    let mut records: Vec<_> = taken_back
        .iter()
        .flat_map(|r| [ctx.record_ref(r.credit), ctx.record_ref(r.debit)])
        .collect();
    records.extend(row_refs(ctx, &days));
    // The statement cannot show the money is missing: a question, not a money finding.
    let unproven = unproven_absence(ctx, expected, net);
    let mut explanation = explanation;
    let (severity, confidence) =
        missing_unless_unproven(ctx, unproven, &mut explanation, &mut actions, &mut evidence);
    Draft {
        kind: Kind::MissingDeposit,
        severity,
        amount_cents: net,
        confidence,
        title,
        explanation,
        records,
        dates,
        evidence,
        actions,
    }
}
