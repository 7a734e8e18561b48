//! `deposit_mismatch`: the acquirer paid, but not the settled net.
//!
//! ## What it detects
//! A bank credit from the acquirer (counterparty with 备付金 / 银联 / 支付 ..., a memo such as
//! `1102-1102费58.21元`, or the payer of other deposits) that pays a set of clearing dates, found
//! by the memo's date range or by arriving when those dates were due, whose amount differs from
//! their Σ net by more than the rounding tolerance. The same for the parts of a split payout
//! (several credits of one payer for the same dates): the finding names every credit and compares
//! their sum; a credit that arrived when the dates were due but pays less than them is such a
//! part, and the finding reports the rest as missing. The finding says by how much, and whether
//! the difference is exactly one settled row's net (a transaction left out of the payout), a fee
//! different from the statement's (the deposit implies another rate), or too large for a fee (a
//! part of the payout has not arrived). A deposit larger than expected is not reported when its
//! clearing dates reach the first or last day of the acquirer statement: it probably also pays a
//! day the statement does not show.
//!
//! ## Why it matters
//! A short payout is money lost quietly: a row held back for review (调单, risk control), a
//! chargeback deducted (退单), or a fee charged at a rate other than the contract's.
//!
//! ## What the merchant should do
//! Ask the acquirer for the payout breakdown (结算明细) of that credit, with the 商户号, clearing
//! dates, expected and received amounts; for a missing row, quote its identifiers; for a fee
//! difference, quote the contracted rate.

use super::super::text::money;
use super::super::{Context, Draft};
use super::deposit_common::{
    arrival, calendar_note, credit_lines, date_span, day_lines, days, deposit_refs, finding_dates,
    merchant, parts, rate, unproven_absence,
};
use crate::Lang;
use crate::matcher::deposit::{
    Deposit, Fit, NEAR_RATIO_PERCENT, PayoutSource, is_one_row, signed_amounts,
};
use crate::report::{Kind, Severity};

/// One finding per near-fitting deposit.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    ctx.set
        .deposits
        .deposits
        .iter()
        .filter(|d| d.fit == Fit::Near)
        .filter(|d| ctx.set.deposits.days[d.days[0]].source == PayoutSource::Acquirer)
        .filter(|d| {
            let diff = d.received_cents - d.expected_cents;
            !(diff > 0 && d.at_data_edge)
        })
        .map(|d| draft(ctx, d))
        .collect()
}

fn draft(ctx: &Context, deposit: &Deposit) -> Draft {
    let lang = ctx.lang();
    let days = days(ctx, &deposit.days);
    let received = deposit.received_cents;
    let expected_net = deposit.expected_cents;
    let diff = received - expected_net;
    let (got, want, gap) =
        (money(lang, received), money(lang, expected_net), money(lang, diff.abs()));
    let span = date_span(lang, &days);
    let dates = finding_dates(ctx, &days);
    let expected_date = dates.expected_deposit_date.unwrap_or(days[0].date);
    let credit_date = arrival(ctx, deposit).unwrap_or(expected_date);
    let split = parts(ctx, deposit);
    // Far too little for a fee difference: most likely a part of the payout is still out.
    let part_missing = diff < 0 && diff.abs() * 100 > expected_net * NEAR_RATIO_PERCENT;
    let gross: i64 = days.iter().map(|d| d.gross_cents).sum();
    let fee: i64 = days.iter().map(|d| d.fee_cents).sum();
    let merchant_text = merchant(lang, &days);

    // The settled row whose net the difference equals, if any (largest line first is not
    // needed: the first in canonical order is reported, the evidence lists them all).
    let one_row = days.iter().flat_map(|d| d.rows.iter().copied()).find(|&i| {
        is_one_row(&ctx.records[i], diff, ctx.settings().deposit_tolerance_cents_per_row)
    });

    let title = match (lang, diff < 0) {
        (Lang::Zh, true) => {
            format!("到账金额不符：清算日期 {span} 应到 {want}，实到 {got}，少 {gap}")
        }
        (Lang::Zh, false) => {
            format!("到账金额不符：清算日期 {span} 应到 {want}，实到 {got}，多 {gap}")
        }
        (Lang::En, true) => {
            format!("Deposit short: {got} received for {span}, {want} settled ({gap} less)")
        }
        (Lang::En, false) => {
            format!("Deposit differs: {got} received for {span}, {want} settled ({gap} more)")
        }
    };
    let arrived = match (lang, &split) {
        (Lang::Zh, None) => format!("{credit_date} 收到收单机构的一笔入账 {got}"),
        (Lang::Zh, Some(parts)) => format!(
            "到 {credit_date} 为止收到收单机构的 {} 笔入账 {parts}，合计 {got}",
            deposit.credits.len()
        ),
        (Lang::En, None) => format!("A credit of {got} from the acquirer arrived on {credit_date}"),
        (Lang::En, Some(parts)) => format!(
            "{} credits from the acquirer, {parts} = {got}, arrived by {credit_date}",
            deposit.credits.len()
        ),
    };
    let mut explanation = match lang {
        Lang::Zh => format!(
            "{arrived}，对应清算日期 {span} 的结算（{}）。这几天收单对账单上的应结净额合计 {want}，\
             相差 {gap}，超出了每笔 1 分的尾差范围。",
            merchant_text.clone().unwrap_or_else(|| "同一商户".to_owned())
        ),
        Lang::En => format!(
            "{arrived} for clearing date(s) {span} ({}). The acquirer statement's \
             net for those dates is {want}: {gap} apart, more than the 1 fen per row rounding allows.",
            merchant_text.clone().unwrap_or_else(|| "same merchant".to_owned())
        ),
    };
    let mut evidence = credit_lines(ctx, deposit);
    evidence.extend(day_lines(lang, &days));
    let how_found = match (lang, deposit.memo_range) {
        (Lang::Zh, Some((a, b))) => {
            format!("入账摘要写明交易日期 {a} 至 {b}，据此对应到这些清算日")
        }
        (Lang::En, Some((a, b))) => {
            format!(
                "the credit's memo names transaction dates {a} to {b}, which gives these clearing dates"
            )
        }
        (Lang::Zh, None) => format!(
            "这些清算日预计在 {expected_date} 到账，{} {credit_date} 到达，且来自收单机构",
            if split.is_some() { "这几笔入账最晚在" } else { "这笔入账在" }
        ),
        (Lang::En, None) => format!(
            "these clearing dates were due on {expected_date}; {} from the acquirer arrived {} {credit_date}",
            if split.is_some() { "these credits" } else { "this credit" },
            if split.is_some() { "by" } else { "on" }
        ),
    };
    evidence.push(how_found);
    if let Some(row) = one_row {
        let r = &ctx.records[row];
        let net = signed_amounts(r).0;
        explanation.push_str(&match (lang, diff < 0) {
            (Lang::Zh, true) => format!(
                "差额正好等于 {} 这笔交易的净额 {}：很可能这笔交易没有被划款（被暂扣、调单或退单）。",
                ctx.location(row),
                money(lang, net)
            ),
            (Lang::Zh, false) => format!(
                "差额正好等于 {} 这笔交易的净额 {}：可能这笔交易被重复划款，或对账单漏列了一笔。",
                ctx.location(row),
                money(lang, net)
            ),
            (Lang::En, true) => format!(
                " The gap equals the net {} of {}: that transaction was most likely left out of the payout (held, disputed or charged back).",
                money(lang, net),
                ctx.location(row)
            ),
            (Lang::En, false) => format!(
                " The gap equals the net {} of {}: it may have been paid twice, or the statement leaves a row out.",
                money(lang, net),
                ctx.location(row)
            ),
        });
        evidence.push(match lang {
            Lang::Zh => format!("差额 {gap} = {} 的结算净额", ctx.location(row)),
            Lang::En => format!("difference {gap} = net of {}", ctx.location(row)),
        });
    } else if part_missing {
        explanation.push_str(&match lang {
            Lang::Zh => format!(
                "差额太大，不像是手续费不同：很可能收单机构把这笔结算款分成几笔划付，还有 {gap} 没有到账（或被暂扣）。"
            ),
            Lang::En => format!(
                " The gap is too large for a fee difference: most likely the acquirer split the payout and {gap} of it has not arrived (or is held)."
            ),
        });
        evidence.push(match lang {
            Lang::Zh => format!("已到 {got}，还差 {gap}"),
            Lang::En => format!("{got} arrived, {gap} still to come"),
        });
    } else if let (Some(stated), Some(implied)) = (rate(fee, gross), rate(gross - received, gross))
    {
        explanation.push_str(&match lang {
            Lang::Zh => format!(
                "差额不等于任何一笔交易的净额。按交易额 {} 计算，对账单的手续费 {} 相当于费率 {stated}，而实际到账金额相当于扣了 {} 的手续费（费率 {implied}）：可能是按不同费率扣费，或另有扣款。",
                money(lang, gross),
                money(lang, fee),
                money(lang, gross - received)
            ),
            Lang::En => format!(
                " The gap is not any single transaction's net. On a gross of {}, the statement's fee {} is a rate of {stated}, while the amount received implies a fee of {} ({implied}): a different rate, or another deduction.",
                money(lang, gross),
                money(lang, fee),
                money(lang, gross - received)
            ),
        });
        evidence.push(match lang {
            Lang::Zh => format!("对账单费率 {stated}；到账金额反推费率 {implied}"),
            Lang::En => {
                format!("statement fee rate {stated}; rate implied by the deposit {implied}")
            }
        });
    }
    if let Some(memo_fee) = deposit.memo_fee_cents.filter(|f| *f != fee) {
        evidence.push(match lang {
            Lang::Zh => format!(
                "入账摘要写的手续费是 {}，对账单合计手续费 {}",
                money(lang, memo_fee),
                money(lang, fee)
            ),
            Lang::En => format!(
                "the credit's memo says the fee was {}; the statement's fees total {}",
                money(lang, memo_fee),
                money(lang, fee)
            ),
        });
    }
    if credit_date > expected_date {
        evidence.push(match lang {
            Lang::Zh => format!("这笔入账也晚于预计到账日 {expected_date}"),
            Lang::En => format!("the credit also arrived after the expected date {expected_date}"),
        });
    }
    evidence.extend(calendar_note(ctx, expected_date));

    let merchant_zh = merchant_text.clone().unwrap_or_else(|| "商户号".to_owned());
    let merchant_en = merchant_text.unwrap_or_else(|| "your merchant id".to_owned());
    let row_hint_zh = one_row
        .map(|row| format!("，并特别询问 {} 这笔交易", ctx.location(row)))
        .unwrap_or_default();
    let row_hint_en = one_row
        .map(|row| format!(", asking in particular about {}", ctx.location(row)))
        .unwrap_or_default();
    let actions = match lang {
        Lang::Zh => vec![
            format!(
                "致电收单机构，报{merchant_zh}、清算日期 {span}、应结净额 {want}、实际到账 {got}（{credit_date}），索取这笔划款的结算明细{row_hint_zh}。"
            ),
            if part_missing {
                format!(
                    "问清这笔款是否分几笔划付、其余的 {gap} 何时到账；如果被暂扣，问清原因并要求补发。"
                )
            } else if diff < 0 {
                format!(
                    "要求补足差额 {gap}；如果是按合同外的费率扣费，出示合同费率要求退还多扣部分。"
                )
            } else {
                format!(
                    "核对多出的 {gap} 是否属于其他日期或其他交易，避免日后被收单机构追扣时说不清。"
                )
            },
            format!(
                "如果到 {} 仍未解释清楚，要求书面答复并投诉升级。",
                dates.escalate_after.map(|d| d.to_string()).unwrap_or_default()
            ),
        ],
        Lang::En => vec![
            format!(
                "Call the acquirer with {merchant_en}, clearing date(s) {span}, settled net {want} and received {got} (on {credit_date}); ask for the payout breakdown{row_hint_en}."
            ),
            if part_missing {
                format!(
                    "Ask whether the payout was sent in parts and when the remaining {gap} will arrive; if it is held, ask why and for it to be paid."
                )
            } else if diff < 0 {
                format!(
                    "Ask for the missing {gap}; if a rate other than the contract's was applied, quote the contracted rate and ask for a refund of the excess."
                )
            } else {
                format!(
                    "Find out which dates or transactions the extra {gap} belongs to, so a later claw-back does not come as a surprise."
                )
            },
            format!(
                "If it is not explained by {}, ask for a written answer and escalate.",
                dates.escalate_after.map(|d| d.to_string()).unwrap_or_default()
            ),
        ],
    };
    let records = deposit_refs(ctx, deposit, &days);
    // A short deposit whose missing part may sit in a line the statement lost or could not read
    // is a question, not a money finding.
    let unproven = if diff < 0 { unproven_absence(ctx, expected_date, diff.abs()) } else { vec![] };
    let mut actions = actions;
    if let Some(first) = unproven.first() {
        actions.insert(0, first.clone());
    }
    let sure = unproven.is_empty();
    evidence.extend(unproven);
    Draft {
        kind: Kind::DepositMismatch,
        severity: if diff < 0 && sure { Severity::High } else { Severity::Low },
        amount_cents: diff.abs(),
        confidence: match (sure, deposit.memo_range.is_some() || one_row.is_some()) {
            (false, _) => 0.4,
            (true, true) => 0.9,
            (true, false) => 0.75,
        },
        title,
        explanation,
        records,
        dates,
        evidence,
        actions,
    }
}
