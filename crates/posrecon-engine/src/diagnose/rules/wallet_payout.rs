//! `missing_deposit`, `deposit_mismatch` and `late_deposit` for a wallet's payouts.
//!
//! ## What it detects
//! The money a wallet owes the merchant's bank account, followed like an acquirer's settlement
//! ([`crate::matcher::deposit`], same many-to-many search):
//! - 微信支付 settles each day of its merchant bill (paid rows, refunds and 手续费 netted) to the
//!   bank by itself, on [`Settings::wallet_payout_cycle`](crate::Settings::wallet_payout_cycle)
//!   (D+1 by default);
//! - a wallet whose balance the merchant withdraws (支付宝 提现, or a 微信支付 资金账单 with 提现
//!   rows) owes each day's withdrawals (less those returned, 提现退回), the next day at the latest.
//!
//! A day no bank credit pays is `missing_deposit` (under the same conditions as the acquirer's:
//! the bank statement covers the due date plus the grace days, and `as_of` is past it; a question,
//! not a money finding, when no credit at all in the statement comes from the wallet, since the
//! wallet may pay into another account); a credit
//! from the wallet's account (财付通 / 支付宝) that pays it with another amount is
//! `deposit_mismatch`; an exact one after the due date is `late_deposit`.
//!
//! Where the payout date cannot be known (an 支付宝 bill with no withdrawals loaded, a personal
//! 收款码 bill: the money stays in the wallet's balance until the owner moves it), nothing is
//! expected: no money finding rests on a guess. The wallet bill's input says so instead
//! ([`crate::matcher::deposit::held_in_wallet_notes`]). The owner's own 零钱提现 on a personal bill is not a merchant
//! payout and is never expected in the bank.
//!
//! ## Why it matters
//! The wallet bill says the money was collected; only the bank statement shows that it arrived. A
//! payout held by the wallet's risk control, one sent to a closed or changed settlement account
//! (退票), or a withdrawal that failed or arrived short is otherwise noticed by nobody.
//!
//! ## What the merchant should do
//! Look up the payout or withdrawal in the wallet's merchant platform (结算记录 / 提现记录: its
//! state, the receiving account), then call the wallet's customer service (微信支付 95017,
//! 支付宝 95188) with the 商户号, the dates and the amounts.

use chrono::NaiveDate;

use super::super::text::money;
use super::super::{Context, Draft};
use super::deposit_common::{
    arrival, bank_line, calendar_note, credit_lines, days, deposit_refs, finding_dates,
    missing_unless_unproven, row_refs, search_note, unproven_absence,
};
use crate::Lang;
use crate::matcher::deposit::{Deposit, Fit, PayoutSource, SettledDay};
use crate::model::{PayMethod, Record};
use crate::report::{Kind, Severity};

/// Every wallet payout finding.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    let set = &ctx.set.deposits;
    let wallet_day = |d: usize| set.days[d].source != PayoutSource::Acquirer;
    let mut out = missing(ctx, wallet_day);
    for deposit in set.deposits.iter().filter(|d| wallet_day(d.days[0])) {
        let Some(arrived) = arrival(ctx, deposit) else { continue };
        let due = deposit.days.iter().map(|&i| set.days[i].expected_deposit).min();
        match deposit.fit {
            Fit::Near
                if !(deposit.received_cents > deposit.expected_cents && deposit.at_data_edge) =>
            {
                out.push(mismatch(ctx, deposit, arrived));
            }
            Fit::Exact if due.is_some_and(|due| arrived > due) => {
                out.push(late(ctx, deposit, due.unwrap_or(arrived), arrived));
            }
            _ => {}
        }
    }
    out
}

/// The wallet's name: 微信支付 / 支付宝.
fn wallet_name(lang: Lang, wallet: Option<PayMethod>) -> &'static str {
    match wallet {
        Some(PayMethod::Wechat) => lang.pick("微信支付", "WeChat Pay"),
        Some(PayMethod::Alipay) => lang.pick("支付宝", "Alipay"),
        _ => lang.pick("钱包", "the wallet"),
    }
}

/// Whom to call: the wallet's customer service line.
fn hotline(lang: Lang, wallet: Option<PayMethod>) -> String {
    match (wallet, lang) {
        (Some(PayMethod::Wechat), Lang::Zh) => "微信支付客服 95017".to_owned(),
        (Some(PayMethod::Wechat), Lang::En) => "WeChat Pay support (95017)".to_owned(),
        (Some(PayMethod::Alipay), Lang::Zh) => "支付宝客服 95188".to_owned(),
        (Some(PayMethod::Alipay), Lang::En) => "Alipay support (95188)".to_owned(),
        (_, lang) => lang.pick("钱包客服", "the wallet's support").to_owned(),
    }
}

/// Whether the days are withdrawals (提现) rather than a wallet's own daily settlement.
fn withdrawals(days: &[&SettledDay]) -> bool {
    matches!(days.first().map(|d| d.source), Some(PayoutSource::Withdrawal(_)))
}

/// `2026-11-16` or `2026-11-14 至 2026-11-16`.
fn span(lang: Lang, days: &[&SettledDay]) -> String {
    match (days.first(), days.last()) {
        (Some(a), Some(b)) if a.date != b.date => match lang {
            Lang::Zh => format!("{} 至 {}", a.date, b.date),
            Lang::En => format!("{} to {}", a.date, b.date),
        },
        (Some(a), _) => a.date.to_string(),
        _ => String::new(),
    }
}

/// One evidence line per day: what the bill or the fund flow says is owed, and when.
fn day_lines(ctx: &Context, days: &[&SettledDay]) -> Vec<String> {
    let lang = ctx.lang();
    let returned = |d: &SettledDay| {
        d.rows.iter().filter(|&&i| ctx.records[i].txn_type == crate::model::TxnType::Refund).count()
    };
    days.iter()
        .map(|d| {
            let wallet = wallet_name(lang, d.source.wallet());
            let m = |c| money(lang, c);
            let mid = d.merchant_id.as_deref().map(|id| match lang {
                Lang::Zh => format!("（商户号 {id}）"),
                Lang::En => format!(" (merchant id {id})"),
            });
            let mid = mid.unwrap_or_default();
            match (d.source, lang) {
                (PayoutSource::Withdrawal(_), Lang::Zh) => format!(
                    "{wallet} {}：提现 {} 笔{}，净额 {}；应于 {} 前到账",
                    d.date,
                    d.rows.len() - returned(d),
                    if returned(d) > 0 { format!("、提现退回 {} 笔", returned(d)) } else { String::new() },
                    m(d.net_cents),
                    d.expected_deposit
                ),
                (PayoutSource::Withdrawal(_), Lang::En) => format!(
                    "{wallet} withdrawals on {}: {} withdrawal(s){}, net {}; due in the bank by {}",
                    d.date,
                    d.rows.len() - returned(d),
                    if returned(d) > 0 { format!(", {} returned", returned(d)) } else { String::new() },
                    m(d.net_cents),
                    d.expected_deposit
                ),
                (_, Lang::Zh) => format!(
                    "{wallet}账单 {}{mid}：收款与退款 {} 笔，交易额 {}，手续费 {}，应结净额 {}；按 {} 应于 {} 到账",
                    d.date,
                    d.rows.len(),
                    m(d.gross_cents),
                    m(d.fee_cents),
                    m(d.net_cents),
                    d.cycle.as_str(),
                    d.expected_deposit
                ),
                (_, Lang::En) => format!(
                    "{wallet} bill of {}{mid}: {} payment and refund row(s), gross {}, fee {}, net {}; due in the bank on {} ({})",
                    d.date,
                    d.rows.len(),
                    m(d.gross_cents),
                    m(d.fee_cents),
                    m(d.net_cents),
                    d.expected_deposit,
                    d.cycle.as_str()
                ),
            }
        })
        .collect()
}

/// Unpaid wallet days, one finding per (account, expected date), when the bank statement
/// decides it (the rules of `missing_deposit`).
fn missing(ctx: &Context, wallet_day: impl Fn(usize) -> bool) -> Vec<Draft> {
    let set = &ctx.set.deposits;
    let Some((bank_start, bank_end)) = set.bank_coverage else { return Vec::new() };
    let cal = ctx.calendar();
    let grace = ctx.settings().deposit_grace_working_days;
    let mut batches: Vec<Vec<usize>> = Vec::new();
    for &day in set.unpaid.iter().filter(|&&d| wallet_day(d)) {
        let d = &set.days[day];
        match batches.last_mut() {
            Some(batch)
                if set.days[batch[0]].account() == d.account()
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
        .map(|batch| missing_draft(ctx, &batch, (bank_start, bank_end)))
        .collect()
}

fn missing_draft(ctx: &Context, batch: &[usize], bank: (NaiveDate, NaiveDate)) -> Draft {
    let lang = ctx.lang();
    let days = days(ctx, batch);
    let wallet = days[0].source.wallet();
    let name = wallet_name(lang, wallet);
    let net: i64 = days.iter().map(|d| d.net_cents).sum();
    let amount = money(lang, net);
    let when = span(lang, &days);
    let dates = finding_dates(ctx, &days);
    let expected = dates.expected_deposit_date.unwrap_or(days[0].date);
    let (bank_start, bank_end) = bank;
    let is_withdrawal = withdrawals(&days);
    let title = match (is_withdrawal, lang) {
        (true, Lang::Zh) => format!("提现未到账：{name} {when} 提现的 {amount} 没有入账"),
        (true, Lang::En) => {
            format!(
                "Withdrawal missing: {amount} withdrawn from {name} on {when} never reached the bank"
            )
        }
        (false, Lang::Zh) => format!("钱包结算未到账：{name} {when} 的结算款 {amount} 没有入账"),
        (false, Lang::En) => {
            format!("Wallet payout missing: {name}'s {amount} for {when} never reached the bank")
        }
    };
    let mut explanation = match (is_withdrawal, lang) {
        (true, Lang::Zh) => format!(
            "{name}的资金流水显示 {when} 提现 {amount} 到银行账户，提现一般几小时内、最晚下一个工作日到账（应于 {expected} 到账）。\
             已加载的银行流水覆盖 {bank_start} 至 {bank_end}，但没有一笔来自{name}的入账等于这个金额（单独或分几笔都不符）。\
             提现可能失败后退回了余额、被暂缓，或打到了别的银行卡。"
        ),
        (true, Lang::En) => format!(
            "{name}'s fund flow shows {amount} withdrawn to the bank on {when}; a withdrawal arrives within hours, the next working day at the latest (on {expected}). \
             The loaded bank statement covers {bank_start} to {bank_end}, but no credit from {name} equals this amount, alone or in parts. \
             The withdrawal may have failed and gone back to the balance, been held, or gone to another bank card."
        ),
        (false, Lang::Zh) => format!(
            "{name}账单显示 {when} 的收款扣除退款和手续费后应结 {amount}，按 {} 结算周期应在 {expected} 由{name}结算到商户银行账户。\
             已加载的银行流水覆盖 {bank_start} 至 {bank_end}，但没有一笔来自{name}（财付通）的入账等于这个金额（单独、与相邻日期合并或分几笔都不符）。\
             这笔结算款可能被{name}暂停结算（风控）、因结算账户信息有误被退回，或结算到了别的账户。",
            days[0].cycle.as_str()
        ),
        (false, Lang::En) => format!(
            "{name}'s bill for {when} nets {amount} after refunds and fees, due in the merchant's bank account on {expected} under the {} payout cycle. \
             The loaded bank statement covers {bank_start} to {bank_end}, but no credit from {name} (Tenpay) equals this amount, alone, rolled up with neighbouring days, or in parts. \
             {name} may have suspended the payout (risk control), had it returned because the settlement account details are wrong, or paid it to another account.",
            days[0].cycle.as_str()
        ),
    };
    let mut evidence = day_lines(ctx, &days);
    evidence.push(match lang {
        Lang::Zh => format!(
            "银行流水覆盖 {bank_start} 至 {bank_end}，已过预计到账日 {expected} 及 {} 个工作日宽限；检查了 {} 笔银行入账",
            ctx.settings().deposit_grace_working_days,
            ctx.set.deposits.credits_seen
        ),
        Lang::En => format!(
            "the bank statement covers {bank_start} to {bank_end}, past the expected date {expected} plus {} working day(s) of grace; {} bank credits checked",
            ctx.settings().deposit_grace_working_days,
            ctx.set.deposits.credits_seen
        ),
    });
    for i in stray_credits(ctx, wallet, expected) {
        evidence.push(match lang {
            Lang::Zh => format!("附近有一笔来自{name}的入账，但金额对不上：{}", bank_line(ctx, i)),
            Lang::En => format!("a nearby credit from {name} does not fit: {}", bank_line(ctx, i)),
        });
    }
    evidence.extend(calendar_note(ctx, expected));
    evidence.extend(search_note(ctx));
    let call = hotline(lang, wallet);
    let mut actions = match (is_withdrawal, lang) {
        (true, Lang::Zh) => vec![
            format!(
                "在{name}商家平台或 App 的提现记录里查看 {when} 这笔 {amount} 提现的状态（处理中 / 成功 / 失败退回）和到账银行卡。"
            ),
            format!("如果显示成功但银行没有这笔入账，联系{call}并请开户银行按日期和金额查询来账。"),
            crate::diagnose::text::escalation(
                lang,
                dates.escalate_after,
                ctx.options.as_of,
                ("", ""),
            ),
        ],
        (true, Lang::En) => vec![
            format!(
                "In {name}'s merchant platform or app, look up the {amount} withdrawal of {when}: its state (processing / succeeded / returned) and the receiving bank card."
            ),
            format!(
                "If it shows succeeded but the bank has no such credit, call {call} and ask your bank to trace the incoming transfer by date and amount."
            ),
            crate::diagnose::text::escalation(
                lang,
                dates.escalate_after,
                ctx.options.as_of,
                ("", ""),
            ),
        ],
        (false, Lang::Zh) => vec![
            format!(
                "登录{name}商户平台，在结算记录 / 资金账单里查看 {when} 这笔 {amount} 的结算状态和结算账户，确认是否被暂停结算（风控）或退票。"
            ),
            format!(
                "联系{call}，报商户号、交易日期 {when}、应结金额 {amount}、预计到账日 {expected}，查询出款记录。"
            ),
            crate::diagnose::text::escalation(
                lang,
                dates.escalate_after,
                ctx.options.as_of,
                ("", ""),
            ),
        ],
        (false, Lang::En) => vec![
            format!(
                "In {name}'s merchant platform, look up the payout of {when} ({amount}) in the settlement records / fund bill: its state and the receiving account, and whether it was suspended (risk control) or returned."
            ),
            format!(
                "Call {call} with the merchant id, the date(s) {when}, the amount {amount} and the expected date {expected}, and ask for the payout record."
            ),
            crate::diagnose::text::escalation(
                lang,
                dates.escalate_after,
                ctx.options.as_of,
                ("", ""),
            ),
        ],
    };
    let mut unproven = unproven_absence(ctx, expected, net);
    // A bank statement with no credit at all from the wallet may be another account than the one
    // the wallet pays into: it cannot show the money is missing.
    if !wallet_pays_into(ctx, wallet) {
        unproven.insert(
            0,
            match lang {
                Lang::Zh => format!(
                    "银行流水里没有任何一笔来自{name}的入账，{name}的结算账户可能不是这个银行账户：请先在{name}商户平台核对结算账户"
                ),
                Lang::En => format!(
                    "no credit in the bank statement comes from {name}: {name} may pay into another account; check the settlement account in {name}'s merchant platform first"
                ),
            },
        );
    }
    let (severity, confidence) =
        missing_unless_unproven(ctx, unproven, &mut explanation, &mut actions, &mut evidence);
    Draft {
        kind: Kind::MissingDeposit,
        severity,
        amount_cents: net,
        confidence,
        title,
        explanation,
        records: row_refs(ctx, &days),
        dates,
        evidence,
        actions,
    }
}

/// Whether any bank credit comes from the wallet's own account (财付通, 支付宝): the loaded
/// statement is then the account the wallet pays into. The owner's own 零钱提现 does not show it:
/// a personal wallet pays into whatever card its owner picks.
fn wallet_pays_into(ctx: &Context, wallet: Option<PayMethod>) -> bool {
    use crate::matcher::deposit::{owners_own_withdrawal, wallet_of_credit};
    use crate::model::{Role, TxnType};
    ctx.records.iter().any(|r| {
        r.role == Role::BankStatement
            && r.txn_type == TxnType::Deposit
            && wallet.is_some()
            && wallet_of_credit(r) == wallet
            && !owners_own_withdrawal(r)
    })
}

/// Credits from the wallet's account around `expected` that pay nothing: worth a look.
fn stray_credits(ctx: &Context, wallet: Option<PayMethod>, expected: NaiveDate) -> Vec<usize> {
    use crate::matcher::deposit::wallet_of_credit;
    use crate::model::{Role, TxnType};
    let deposits = &ctx.set.deposits;
    (0..ctx.records.len())
        .filter(|&i| {
            let r: &Record = &ctx.records[i];
            r.role == Role::BankStatement
                && r.txn_type == TxnType::Deposit
                && wallet.is_some()
                && wallet_of_credit(r) == wallet
                // The owner's own withdrawal from a personal wallet (零钱提现) is no payout.
                && !crate::matcher::deposit::owners_own_withdrawal(r)
                && r.time.is_some_and(|t| (-3..=10).contains(&(t.date() - expected).num_days()))
                && deposits.deposit_of_credit(i).is_none()
                && deposits.reversal_of(i).is_none()
        })
        .collect()
}

fn mismatch(ctx: &Context, deposit: &Deposit, arrived: NaiveDate) -> Draft {
    let lang = ctx.lang();
    let days = days(ctx, &deposit.days);
    let wallet = days[0].source.wallet();
    let name = wallet_name(lang, wallet);
    let (got, want) = (deposit.received_cents, deposit.expected_cents);
    let diff = got - want;
    let (got_s, want_s, gap) = (money(lang, got), money(lang, want), money(lang, diff.abs()));
    let when = span(lang, &days);
    let dates = finding_dates(ctx, &days);
    let is_withdrawal = withdrawals(&days);
    let short = diff < 0;
    let title = match (is_withdrawal, short, lang) {
        (true, true, Lang::Zh) => {
            format!("提现到账金额不符：{name} {when} 提现 {want_s}，银行只收到 {got_s}，少 {gap}")
        }
        (true, false, Lang::Zh) => {
            format!("提现到账金额不符：{name} {when} 提现 {want_s}，银行收到 {got_s}，多 {gap}")
        }
        (false, true, Lang::Zh) => {
            format!("钱包结算金额不符：{name} {when} 应结 {want_s}，实际到账 {got_s}，少 {gap}")
        }
        (false, false, Lang::Zh) => {
            format!("钱包结算金额不符：{name} {when} 应结 {want_s}，实际到账 {got_s}，多 {gap}")
        }
        (true, _, Lang::En) => format!(
            "Withdrawal amount differs: {want_s} withdrawn from {name} on {when}, {got_s} arrived"
        ),
        (false, _, Lang::En) => {
            format!("Wallet payout differs: {name} owes {want_s} for {when}, {got_s} arrived")
        }
    };
    let explanation = match (is_withdrawal, lang) {
        (true, Lang::Zh) => format!(
            "{arrived} 收到{name}的入账 {got_s}，对应 {when} 的提现；资金流水上的提现净额是 {want_s}，相差 {gap}。\
             提现到银行卡一般不扣款，差额可能是提现服务费、部分提现被退回，或这笔入账只是提现的一部分。"
        ),
        (true, Lang::En) => format!(
            "A credit of {got_s} from {name} arrived on {arrived} for the withdrawal(s) of {when}; the fund flow's net withdrawal is {want_s}, {gap} apart. \
             A withdrawal to a bank card is normally paid in full: the gap may be a withdrawal fee, a part returned, or only a part of the withdrawal arriving."
        ),
        (false, Lang::Zh) => format!(
            "{arrived} 收到{name}的结算入账 {got_s}，对应 {when} 的账单；账单上收款扣除退款和手续费后应结 {want_s}，相差 {gap}。\
             可能是部分款项被暂扣（风控）、手续费与账单不同，或有退款、调账在账单之外。"
        ),
        (false, Lang::En) => format!(
            "A payout of {got_s} from {name} arrived on {arrived} for the bill of {when}; the bill nets {want_s} after refunds and fees, {gap} apart. \
             Part of it may be held (risk control), the fee may differ from the bill, or a refund or adjustment is outside the bill."
        ),
    };
    let mut evidence = credit_lines(ctx, deposit);
    evidence.extend(day_lines(ctx, &days));
    evidence.extend(search_note(ctx));
    let unproven = if short { unproven_absence(ctx, arrived, diff.abs()) } else { Vec::new() };
    let call = hotline(lang, wallet);
    let mut actions = match lang {
        Lang::Zh => vec![
            format!(
                "在{name}商户平台查看 {when} 的{}明细，核对差额 {gap} 的去向。",
                if is_withdrawal { "提现记录" } else { "结算记录和资金账单" }
            ),
            format!(
                "对不上时联系{call}，报商户号、日期 {when}、应到 {want_s}、实到 {got_s}（{arrived}）。"
            ),
        ],
        Lang::En => vec![
            format!(
                "In {name}'s merchant platform, look up the {} of {when} and find where the {gap} went.",
                if is_withdrawal { "withdrawal record" } else { "settlement record and fund bill" }
            ),
            format!(
                "If it does not add up, call {call} with the merchant id, the date(s) {when}, due {want_s}, received {got_s} (on {arrived})."
            ),
        ],
    };
    let (severity, confidence) = if !unproven.is_empty() {
        (Severity::Low, 0.4)
    } else if short {
        (Severity::High, 0.75)
    } else {
        (Severity::Medium, 0.7)
    };
    if let Some(first) = unproven.first() {
        actions.insert(0, first.clone());
    }
    evidence.extend(unproven);
    Draft {
        kind: Kind::DepositMismatch,
        severity,
        amount_cents: diff,
        confidence,
        title,
        explanation,
        records: deposit_refs(ctx, deposit, &days),
        dates,
        evidence,
        actions,
    }
}

fn late(ctx: &Context, deposit: &Deposit, due: NaiveDate, arrived: NaiveDate) -> Draft {
    let lang = ctx.lang();
    let days = days(ctx, &deposit.days);
    let wallet = days[0].source.wallet();
    let name = wallet_name(lang, wallet);
    let got = money(lang, deposit.received_cents);
    let when = span(lang, &days);
    let late_days = ctx.calendar().working_days_between(due, arrived);
    let mut dates = finding_dates(ctx, &days);
    dates.expected_deposit_date = Some(due);
    dates.escalate_after = None;
    let is_withdrawal = withdrawals(&days);
    let title = match (is_withdrawal, lang) {
        (true, Lang::Zh) => {
            format!("提现延迟到账：{name} {when} 提现的 {got} 于 {arrived} 到账，应于 {due} 到账")
        }
        (true, Lang::En) => format!(
            "Withdrawal late: {got} withdrawn from {name} on {when} arrived on {arrived}, due on {due}"
        ),
        (false, Lang::Zh) => {
            format!("钱包结算延迟到账：{name} {when} 的 {got} 于 {arrived} 到账，应于 {due} 到账")
        }
        (false, Lang::En) => format!(
            "Wallet payout late: {name}'s {got} for {when} arrived on {arrived}, due on {due}"
        ),
    };
    let cycle = days[0].cycle.as_str();
    let explanation = match (is_withdrawal, lang) {
        (true, Lang::Zh) => format!(
            "{name} {when} 提现的 {got} 已全额到账，但晚于应到账的 {due}（提现后的下一个工作日，{cycle}；晚了 {late_days} 个工作日）。钱没有少；提现遇到银行处理慢或被暂缓审核时会晚到。"
        ),
        (true, Lang::En) => format!(
            "{got} withdrawn from {name} on {when} arrived in full, but after {due} (the next working day after the withdrawal, {cycle}; {late_days} working day(s) late). Nothing is missing; a withdrawal arrives late when the bank is slow or it is held for review."
        ),
        (false, Lang::Zh) => format!(
            "{name} {when} 的 {got} 已全额到账，但晚于应到账的 {due}（晚了 {late_days} 个工作日）。钱没有少；如果经常延迟，可能是结算被暂缓审核，或实际结算周期与设置的 {cycle} 不同。"
        ),
        (false, Lang::En) => format!(
            "{name}'s {got} for {when} arrived in full, but after {due} ({late_days} working day(s) late). Nothing is missing; repeated delays can mean payouts held for review, or a real cycle other than the {cycle} in the settings."
        ),
    };
    let mut evidence = credit_lines(ctx, deposit);
    evidence.extend(day_lines(ctx, &days));
    evidence.extend(calendar_note(ctx, due));
    let call = hotline(lang, wallet);
    let actions = match (is_withdrawal, lang) {
        (true, Lang::Zh) => vec![
            "无需紧急处理：这笔钱已经全额到账。".to_owned(),
            format!("如果提现经常延迟，在{name}的提现记录里查看每笔的到账时间，或联系{call}。"),
        ],
        (true, Lang::En) => vec![
            "Nothing urgent: the money arrived in full.".to_owned(),
            format!(
                "If withdrawals are often late, look up each one's arrival time in {name}'s withdrawal record, or call {call}."
            ),
        ],
        (false, Lang::Zh) => vec![
            "无需紧急处理：这笔钱已经全额到账。".to_owned(),
            format!(
                "如果{name}实际不是按 {cycle} 结算，请在设置中修改「钱包结算周期」（wallet_payout_cycle），以免误报未到账。"
            ),
        ],
        (false, Lang::En) => vec![
            "Nothing urgent: the money arrived in full.".to_owned(),
            format!(
                "If {name} does not actually pay on {cycle}, change the wallet payout cycle (wallet_payout_cycle) in the settings so missing payouts are judged correctly."
            ),
        ],
    };
    Draft {
        kind: Kind::LateDeposit,
        severity: Severity::Low,
        amount_cents: deposit.received_cents,
        confidence: 0.8,
        title,
        explanation,
        records: deposit_refs(ctx, deposit, &days),
        dates,
        evidence,
        actions,
    }
}
