//! `fee_mismatch`: the acquirer charged another fee than the contract says.
//!
//! ## What it detects
//! A settled sale (acquirer statement row with a 手续费) whose fee differs by more than 1 分 from
//! the contracted fee: `round_half_up(交易金额 × rate)`, capped (debit cards), with the most
//! specific rate of `Settings::fee_rates` for the row's 商户号 and 卡类型 (see [`crate::fees`]).
//! The 1 分 tolerance absorbs rounding differences between acquirers (per row, half-up, or
//! truncation). When several rows of one clearing date are off by the same effective rate (the
//! acquirer applied 0.6% instead of 0.38% all day), they become one finding for the day with the
//! effective rate as evidence, instead of one finding per row.
//!
//! **When no fee rates are configured, nothing is checked and this rule never fires**: the engine
//! cannot know the merchant's contract. Rows without a fee column, refunds, voids and reversals
//! are not checked either (acquirers differ on whether the fee is returned).
//!
//! ## Why it matters
//! A wrong rate is small per row and large per year: 0.22% of a shop's card turnover. Rates go
//! wrong when a promotional rate ends, a merchant category code (MCC) is changed, a debit card is
//! charged as credit (no cap), or the cap is not applied.
//!
//! ## What the merchant should do
//! Compare with the contract (商户协议 / 费率通知); ask the acquirer (客户经理 or 客服) to explain
//! and refund the difference (退还多收手续费), with the listed rows. If the card type is wrong,
//! say so: a debit card fee above the cap is not allowed.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::super::text::{self, money};
use super::super::{Context, Draft, is_charge};
use crate::Lang;
use crate::fees::{self, FeeRate};
use crate::model::Role;
use crate::report::{Kind, Severity};

/// Rows of one clearing date off by the same effective rate that make one finding for the day.
const AGGREGATE_MIN_ROWS: usize = 3;

/// Largest difference, in fen, that counts as rounding.
const ROUNDING_TOLERANCE_CENTS: i64 = 1;

/// One settled row whose fee is off.
struct Off<'a> {
    idx: usize,
    rate: &'a FeeRate,
    expected: i64,
    charged: i64,
    effective: Option<i64>,
}

/// Findings for rows whose fee is off the contract, grouped per day where they share a rate.
pub(crate) fn run(ctx: &Context) -> Vec<Draft> {
    let rates = &ctx.settings().fee_rates;
    if rates.is_empty() {
        return Vec::new();
    }
    let mut offs: Vec<Off> = Vec::new();
    for (idx, r) in ctx.records.iter().enumerate() {
        if r.role != Role::AcquirerStatement || !is_charge(r) {
            continue;
        }
        let Some(charged) = r.fee_cents else { continue };
        let Some(rate) = fees::rate_for(rates, r.merchant_id.as_deref(), r.card_type) else {
            continue;
        };
        let expected = rate.fee_for(r.amount_cents);
        if (charged - expected).abs() > ROUNDING_TOLERANCE_CENTS {
            offs.push(Off {
                idx,
                rate,
                expected,
                charged,
                effective: fees::effective_per_10000(charged, r.amount_cents),
            });
        }
    }
    offs.sort_by_key(|o| ctx.set.canonical_rank[o.idx]);

    // (clearing date, 商户号, contracted rate, effective rate) -> rows.
    type Key = (Option<NaiveDate>, Option<String>, i64, Option<i64>);
    let mut groups: BTreeMap<Key, Vec<&Off>> = BTreeMap::new();
    for off in &offs {
        let r = &ctx.records[off.idx];
        let key = (
            ctx.set.clearing_date(off.idx),
            r.merchant_id.clone(),
            off.rate.rate_per_10000,
            off.effective,
        );
        groups.entry(key).or_default().push(off);
    }
    let mut out = Vec::new();
    for ((date, _, _, effective), rows) in groups {
        match effective {
            Some(effective) if rows.len() >= AGGREGATE_MIN_ROWS => {
                out.push(day_draft(ctx, date, effective, &rows));
            }
            _ => out.extend(rows.iter().map(|off| row_draft(ctx, off))),
        }
    }
    out
}

fn severity(diff: i64) -> Severity {
    if diff > 0 { Severity::Medium } else { Severity::Low }
}

fn contract_text(lang: Lang, rate: &FeeRate) -> String {
    match (lang, rate.cap_cents) {
        (Lang::Zh, Some(cap)) => format!("{}，封顶 {}", rate.percent(), money(lang, cap)),
        (Lang::En, Some(cap)) => format!("{}, capped at {}", rate.percent(), money(lang, cap)),
        (_, None) => rate.percent(),
    }
}

fn row_draft(ctx: &Context, off: &Off) -> Draft {
    let lang = ctx.lang();
    let r = &ctx.records[off.idx];
    let diff = off.charged - off.expected;
    let (amount, charged, expected, diff_text) = (
        money(lang, r.amount_cents),
        money(lang, off.charged),
        money(lang, off.expected),
        money(lang, diff.abs()),
    );
    let contract = contract_text(lang, off.rate);
    let when = text::time(lang, r.time);
    let ids = text::ids(lang, &[r]);
    let location = ctx.location(off.idx);
    let effective = off.effective.map(fees::percent_per_10000).unwrap_or_else(|| "—".to_owned());
    let (title, explanation) = match (lang, diff > 0) {
        (Lang::Zh, true) => (
            format!("手续费多收：{amount} 的交易收了 {charged}，按合同应为 {expected}"),
            format!(
                "{when} 这笔 {amount} 的交易（{ids}，{location}）手续费为 {charged}，\
                 按签约费率 {contract} 应为 {expected}，多收 {diff_text}（实际费率约 {effective}）。"
            ),
        ),
        (Lang::Zh, false) => (
            format!("手续费少收：{amount} 的交易收了 {charged}，按合同应为 {expected}"),
            format!(
                "{when} 这笔 {amount} 的交易（{ids}，{location}）手续费为 {charged}，\
                 按签约费率 {contract} 应为 {expected}，少收 {diff_text}（实际费率约 {effective}）。\
                 对商户有利，但说明费率设置与合同不一致，日后可能被补扣。"
            ),
        ),
        (Lang::En, true) => (
            format!("Fee too high: {charged} on {amount}, the contract says {expected}"),
            format!(
                "The {amount} transaction at {when} ({ids}, {location}) was charged a fee of \
                 {charged}; the contracted rate {contract} gives {expected}: {diff_text} too much \
                 (effective rate about {effective})."
            ),
        ),
        (Lang::En, false) => (
            format!("Fee too low: {charged} on {amount}, the contract says {expected}"),
            format!(
                "The {amount} transaction at {when} ({ids}, {location}) was charged a fee of \
                 {charged}; the contracted rate {contract} gives {expected}: {diff_text} too little \
                 (effective rate about {effective}). Good for the merchant today, but the rate \
                 set up does not match the contract and may be corrected later."
            ),
        ),
    };
    let mut evidence = vec![match lang {
        Lang::Zh => format!(
            "合同手续费 = round({} × {}) = {expected}{}；对账单手续费 {charged}；允许舍入误差 ±1 分",
            text::yuan(r.amount_cents),
            off.rate.percent(),
            off.rate.cap_cents.map(|c| format!("（封顶 {}）", money(lang, c))).unwrap_or_default()
        ),
        Lang::En => format!(
            "contracted fee = round({} × {}) = {expected}{}; statement fee {charged}; rounding tolerance ±0.01",
            text::yuan(r.amount_cents),
            off.rate.percent(),
            off.rate.cap_cents.map(|c| format!(" (cap {})", money(lang, c))).unwrap_or_default()
        ),
    }];
    evidence.push(card_type_evidence(lang, ctx, off.idx));
    Draft {
        kind: Kind::FeeMismatch,
        severity: severity(diff),
        amount_cents: diff.abs(),
        confidence: if r.card_type.is_some() || off.rate.card_type.is_none() { 0.9 } else { 0.75 },
        title,
        explanation,
        records: vec![ctx.record_ref(off.idx)],
        dates: ctx.dates(ctx.set.clearing_date(off.idx).as_slice(), false),
        evidence,
        actions: actions(lang, diff > 0),
    }
}

fn day_draft(ctx: &Context, date: Option<NaiveDate>, effective: i64, rows: &[&Off]) -> Draft {
    let lang = ctx.lang();
    let rate = rows[0].rate;
    let diff: i64 = rows.iter().map(|o| o.charged - o.expected).sum();
    let gross: i64 = rows.iter().map(|o| ctx.records[o.idx].amount_cents).sum();
    let charged: i64 = rows.iter().map(|o| o.charged).sum();
    let expected: i64 = rows.iter().map(|o| o.expected).sum();
    let n = rows.len();
    let day = text::date(date);
    let (eff, contract) = (fees::percent_per_10000(effective), contract_text(lang, rate));
    let (gross_t, charged_t, expected_t, diff_t) =
        (money(lang, gross), money(lang, charged), money(lang, expected), money(lang, diff.abs()));
    let (title, explanation) = match lang {
        Lang::Zh => (
            format!("手续费费率不符：{day} 共 {n} 笔按约 {eff} 收取，合同为 {}", rate.percent()),
            format!(
                "清算日期 {day} 的 {n} 笔交易（合计 {gross_t}）手续费合计 {charged_t}，实际费率约 {eff}；\
                 按签约费率 {contract} 应为 {expected_t}，{} {diff_t}。同一天多笔按同一费率偏离，\
                 通常是费率配置或商户类别（MCC）被改动，而不是舍入问题。",
                if diff > 0 { "多收" } else { "少收" }
            ),
        ),
        Lang::En => (
            format!(
                "Fee rate differs: {n} transactions on {day} charged about {eff}, the contract says {}",
                rate.percent()
            ),
            format!(
                "On clearing date {day}, {n} transactions (total {gross_t}) were charged {charged_t} \
                 in fees, an effective rate of about {eff}; the contracted rate {contract} gives \
                 {expected_t}, {diff_t} {}. Many rows off by the same rate on one day usually means \
                 the rate or the merchant category (MCC) was changed, not rounding.",
                if diff > 0 { "too much" } else { "too little" }
            ),
        ),
    };
    let evidence = vec![
        match lang {
            Lang::Zh => {
                format!("实际费率 = 手续费 ÷ 交易金额 ≈ {eff}（{n} 笔一致）；签约费率 {contract}")
            }
            Lang::En => format!(
                "effective rate = fee ÷ amount ≈ {eff} (the same for {n} rows); contracted rate {contract}"
            ),
        },
        match lang {
            Lang::Zh => format!("合同手续费合计 {expected_t}，对账单手续费合计 {charged_t}"),
            Lang::En => format!("contracted fees {expected_t}, statement fees {charged_t}"),
        },
    ];
    Draft {
        kind: Kind::FeeMismatch,
        severity: severity(diff),
        amount_cents: diff.abs(),
        confidence: 0.95,
        title,
        explanation,
        records: rows.iter().map(|o| ctx.record_ref(o.idx)).collect(),
        dates: ctx.dates(date.as_slice(), false),
        evidence,
        actions: actions(lang, diff > 0),
    }
}

fn card_type_evidence(lang: Lang, ctx: &Context, idx: usize) -> String {
    use crate::model::CardType;
    let r = &ctx.records[idx];
    let card = match (lang, r.card_type) {
        (Lang::Zh, Some(CardType::Debit)) => "借记卡",
        (Lang::Zh, Some(CardType::Credit)) => "贷记卡",
        (Lang::Zh, Some(CardType::Unknown)) => "其他卡",
        (Lang::Zh, None) => "文件未注明",
        (Lang::En, Some(CardType::Debit)) => "debit",
        (Lang::En, Some(CardType::Credit)) => "credit",
        (Lang::En, Some(CardType::Unknown)) => "other",
        (Lang::En, None) => "not in the file",
    };
    match lang {
        Lang::Zh => format!("卡类型：{card}"),
        Lang::En => format!("card type: {card}"),
    }
}

fn actions(lang: Lang, overcharged: bool) -> Vec<String> {
    match (lang, overcharged) {
        (Lang::Zh, true) => vec![
            "对照商户协议或费率通知，确认签约费率和借记卡封顶金额。".to_owned(),
            "联系收单机构客户经理或客服，要求说明原因并退还多收的手续费，附上所列交易。"
                .to_owned(),
            "如果是借记卡被按贷记卡收费（未封顶），明确指出：借记卡手续费不得超过封顶金额。"
                .to_owned(),
        ],
        (Lang::Zh, false) => vec![
            "对照商户协议或费率通知，确认签约费率。".to_owned(),
            "向收单机构确认费率设置，避免日后被一次性补扣。".to_owned(),
        ],
        (Lang::En, true) => vec![
            "Check the contract or rate notice for the agreed rate and the debit card cap."
                .to_owned(),
            "Ask the acquirer (account manager or hotline) to explain and refund the extra fees, listing these transactions."
                .to_owned(),
            "If a debit card was charged as credit (no cap), say so: debit card fees may not exceed the cap."
                .to_owned(),
        ],
        (Lang::En, false) => vec![
            "Check the contract or rate notice for the agreed rate.".to_owned(),
            "Ask the acquirer to confirm the rate set up, so it is not corrected in one lump later."
                .to_owned(),
        ],
    }
}
