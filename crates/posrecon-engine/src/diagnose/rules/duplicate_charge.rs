//! `duplicate_charge`: a dropped sale and an approved retry, both settled.
//!
//! ## What it detects
//! A dropped sale (see `charged_but_failed`: the terminal showed failure, the acquirer settled it)
//! with, within `duplicate_window_minutes` before or after it, an approved sale for the same amount
//! that was settled too, on any terminal of the same merchant (a cashier often walks the customer
//! to the next terminal after a timeout). The cards decide how sure the finding is:
//!
//! - both cards known and the same: the same customer paid twice (high confidence);
//! - a card unknown on one side: the files cannot tell one customer from two, so the finding says
//!   so, asks the merchant to compare the receipts (签购单) before refunding, and its confidence is
//!   lowered by [`CARD_UNKNOWN_PENALTY`] (and by [`OTHER_TERMINAL_PENALTY`] more when the retry is
//!   on another terminal, where a second customer is likelier than on the same one);
//! - both cards known and different: two customers paying the same amount; nothing to report here
//!   (the dropped sale stays a `charged_but_failed`).
//!
//! Each approved sale explains at most one dropped sale. A dropped sale takes the best retry: a
//! confirmed card first, then the same terminal, then the closest in time.
//!
//! ## A late retry: the same card again, after the window
//! A customer sometimes pays again only after a while (the cashier phones the bank, or the
//! customer comes back from the car park). A dropped sale with no retry inside the window but with
//! an approved, settled charge of the same amount by the same card (known on both sides) at the
//! same merchant, on any terminal, after the window and at most [`LATE_RETRY_MINUTES`] after it,
//! on the same clearing date (the 23:00 日切 decides, not the calendar day), is still a
//! `duplicate_charge`, but a weaker one: severity stays high (money certainly moved for an attempt shown as
//! failed), confidence lowered by
//! [`LATE_RETRY_PENALTY`], and the wording says the second charge may be a new payment or another
//! purchase and asks the merchant to confirm with the customer first. Sixty minutes is roughly a
//! meal or a shopping trip: past it, the same card paying the same amount again is as likely a new
//! purchase as a retry, so the dropped sale stays a plain `charged_but_failed`. Only a dropped
//! sale opens this search: two approved charges by one card forty minutes apart, with no failure
//! before them, are two purchases and stay quiet. The claim is never a new money finding: the
//! dropped sale's amount is settled either way (it is what `charged_but_failed` would report); the
//! late retry only names the charge that may be its repeat and which one to refund if it is.
//!
//! ## How it relates to `charged_but_failed`
//! A dropped sale is reported once. When a retry explains it, this rule claims it and
//! `charged_but_failed` stays silent about it: the merchant gets one case naming both charges and
//! which one to refund, not a "dropped sale, check whether the customer paid again" next to a
//! "charged twice" about the same money. Without a retry it stays a `charged_but_failed`.
//!
//! ## Why it matters
//! This is the classic consequence of a timeout: the cashier sees a failure and charges again, and
//! the customer pays twice for one purchase. The customer will notice, and may charge back
//! (4502 消费未成功,已扣账) if the merchant does not refund first.
//!
//! ## What the merchant should do
//! Refund one of the two charges, the one the terminal showed as failed, on the terminal that made
//! it: 撤销 (void) on the same day in the same batch, 退货 (refund) once it is settled. Keep the
//! approved one, and tell the customer. When a card is unknown, first compare the two receipts.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDateTime};

use super::super::text::{self, duration, money};
use super::super::{Context, Draft, is_charge};
use super::charged_but_failed::Dropped;
use super::pair_evidence;
use crate::Lang;
use crate::matcher::{Pair, ident, terminals_compatible};
use crate::model::{Outcome, Record, Role};
use crate::report::{Kind, Severity};

/// Confidence taken off when a card is unknown on one side: the files cannot rule out a second
/// customer paying the same amount.
const CARD_UNKNOWN_PENALTY: f64 = 0.15;

/// Taken off in addition when, with a card unknown, the retry is on another terminal: two
/// customers at two tills at once are likelier than two at one till.
const OTHER_TERMINAL_PENALTY: f64 = 0.1;

/// How long after a dropped sale a charge by the same card is still named as a possible retry
/// (see the module docs): beyond `duplicate_window_minutes`, up to this, on the same clearing date.
pub(crate) const LATE_RETRY_MINUTES: i64 = 60;

/// Confidence taken off a late retry: it may be another purchase, so it must read clearly weaker
/// than a retry inside the window.
const LATE_RETRY_PENALTY: f64 = 0.3;

/// Merchant ids agree, or a side does not say (most terminal logs have no 商户号 column).
fn merchants_compatible(a: [&Record; 2], b: [&Record; 2]) -> bool {
    fn mid(rs: [&Record; 2]) -> Option<&str> {
        rs.into_iter().find_map(|r| ident(&r.merchant_id))
    }
    match (mid(a), mid(b)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// Findings for dropped sales that were charged again, and the dropped attempts they claim.
pub(crate) fn run(ctx: &Context, dropped: &[Dropped]) -> (Vec<Draft>, BTreeSet<usize>) {
    let window = Duration::minutes(ctx.settings().duplicate_window_minutes.max(0));

    // Approved, settled terminal sales by amount, sorted by time: the possible retries.
    let mut retries: BTreeMap<i64, Vec<(NaiveDateTime, usize, &Pair)>> = BTreeMap::new();
    for pair in &ctx.set.pairs {
        let t = &ctx.records[pair.terminal];
        if t.role == Role::TerminalLog
            && ctx.records[pair.acquirer].role == Role::AcquirerStatement
            && is_charge(t)
            && t.outcome == Outcome::Approved
            && ctx.set.cancelled_by(pair.terminal).is_none()
            && ctx.settled_charge(pair.acquirer)
            && let Some(time) = t.time
        {
            let amount = ctx.records[pair.acquirer].amount_cents;
            retries.entry(amount).or_default().push((time, pair.terminal, pair));
        }
    }
    for bucket in retries.values_mut() {
        bucket.sort_by_key(|&(time, idx, _)| (time, ctx.set.canonical_rank[idx]));
    }

    let mut used: BTreeSet<usize> = BTreeSet::new();
    let mut claimed = BTreeSet::new();
    let mut drafts = Vec::new();
    for d in dropped {
        let t = &ctx.records[d.terminal];
        let a = &ctx.records[d.acquirer];
        let Some(t_time) = t.time else { continue };
        let Some(bucket) = retries.get(&a.amount_cents) else { continue };
        let card = t.card_last4().or(a.card_last4());
        let start = bucket.partition_point(|&(time, _, _)| time < t_time - window);
        let best = bucket[start..]
            .iter()
            .take_while(|&&(time, _, _)| time <= t_time + window)
            .filter(|&&(_, idx, pair)| {
                let r = &ctx.records[idx];
                let r_card = r.card_last4().or(ctx.records[pair.acquirer].card_last4());
                !used.contains(&idx)
                    && merchants_compatible([t, a], [r, &ctx.records[pair.acquirer]])
                    && !matches!((card, r_card), (Some(x), Some(y)) if x != y)
            })
            .min_by_key(|&&(time, idx, pair)| {
                let r = &ctx.records[idx];
                let r_card = r.card_last4().or(ctx.records[pair.acquirer].card_last4());
                (
                    !(card.is_some() && r_card.is_some()),
                    !same_terminal(t, a, r),
                    (time - t_time).num_seconds().abs(),
                    ctx.set.canonical_rank[idx],
                )
            });
        if let Some(&(_, retry_idx, retry_pair)) = best {
            used.insert(retry_idx);
            claimed.insert(d.terminal);
            drafts.push(draft(ctx, d, retry_pair, false));
        }
    }

    // Late retries, only for dropped sales no retry inside the window explained, and only from
    // approved sales no such retry took: the same card known on both sides, after the window, up
    // to `LATE_RETRY_MINUTES`, on the same clearing date.
    let late_bound = Duration::minutes(LATE_RETRY_MINUTES).max(window);
    for d in dropped {
        if claimed.contains(&d.terminal) {
            continue;
        }
        let t = &ctx.records[d.terminal];
        let a = &ctx.records[d.acquirer];
        let (Some(t_time), Some(card), Some(clearing)) =
            (t.time, t.card_last4().or(a.card_last4()), ctx.set.clearing_date(d.acquirer))
        else {
            continue;
        };
        let Some(bucket) = retries.get(&a.amount_cents) else { continue };
        let start = bucket.partition_point(|&(time, _, _)| time <= t_time + window);
        let best = bucket[start..]
            .iter()
            .take_while(|&&(time, _, _)| time <= t_time + late_bound)
            .find(|&&(_, idx, pair)| {
                let r = &ctx.records[idx];
                !used.contains(&idx)
                    && merchants_compatible([t, a], [r, &ctx.records[pair.acquirer]])
                    && r.card_last4().or(ctx.records[pair.acquirer].card_last4()) == Some(card)
                    && ctx.set.clearing_date(pair.acquirer) == Some(clearing)
            });
        if let Some(&(_, retry_idx, retry_pair)) = best {
            used.insert(retry_idx);
            claimed.insert(d.terminal);
            drafts.push(draft(ctx, d, retry_pair, true));
        }
    }
    (drafts, claimed)
}

/// The dropped sale (terminal row `t`, settled row `a`) and the retry `r` ran on one terminal:
/// both say the same 终端号, or the log has none (a one-terminal log).
fn same_terminal(t: &Record, a: &Record, r: &Record) -> bool {
    terminals_compatible(t, r) && terminals_compatible(a, r)
}

/// `late`: the retry came after the window (see the module docs), so the finding asks first.
fn draft(ctx: &Context, d: &Dropped, retry: &Pair, late: bool) -> Draft {
    let lang = ctx.lang();
    let (t1, a1) = (&ctx.records[d.terminal], &ctx.records[d.acquirer]);
    let (t2, a2) = (&ctx.records[retry.terminal], &ctx.records[retry.acquirer]);
    let amount = money(lang, a1.amount_cents);
    let ids1 = text::ids(lang, &[t1, a1]);
    let ids2 = text::ids(lang, &[t2, a2]);
    let shown = text::terminal_result(lang, t1);
    let when1 = text::time(lang, t1.time);
    let when2 = text::time(lang, t2.time);
    let gap = match (t1.time, t2.time) {
        (Some(x), Some(y)) => duration(lang, (y - x).num_seconds()),
        _ => "—".to_owned(),
    };
    let card = t1.card_last4().or(a1.card_last4());
    let card_confirmed = card.is_some() && t2.card_last4().or(a2.card_last4()).is_some();
    let clearing1 = ctx.set.clearing_date(d.acquirer);
    let clearing2 = ctx.set.clearing_date(retry.acquirer);
    let settled_already = clearing1.is_some_and(|c| ctx.options.as_of > c);
    let contact = text::contact_details(lang, &[a1, t1]);
    let (loc1, loc2) = (ctx.location(d.acquirer), ctx.location(retry.acquirer));

    let same = same_terminal(t1, a1, t2);
    let tid1 = ident(&t1.terminal_id).or(ident(&a1.terminal_id)).unwrap_or("—");
    let tid2 = ident(&t2.terminal_id).or(ident(&a2.terminal_id)).unwrap_or("—");

    let title = match (lang, card_confirmed.then_some(card).flatten(), same) {
        (Lang::Zh, Some(l4), _) if late => {
            format!("可能重复扣款：卡号尾号 {l4} 在 {gap} 后又付了一次 {amount}，请先与顾客确认")
        }
        (Lang::En, Some(l4), _) if late => format!(
            "Possibly charged twice: card ending {l4} paid {amount} again {gap} later; confirm with the customer"
        ),
        (Lang::Zh, Some(l4), _) => {
            format!("重复扣款：卡号尾号 {l4} 在 {gap} 内被扣了两次 {amount}")
        }
        (Lang::Zh, None, true) => format!("疑似重复扣款：同一终端在 {gap} 内两次扣款 {amount}"),
        (Lang::Zh, None, false) => format!(
            "疑似重复扣款：终端 {tid1} 和 {tid2} 在 {gap} 内各扣款 {amount}（卡号无法核对）"
        ),
        (Lang::En, Some(l4), _) => {
            format!("Charged twice: card ending {l4} paid {amount} twice within {gap}")
        }
        (Lang::En, None, true) => {
            format!("Probably charged twice: {amount} twice on one terminal within {gap}")
        }
        (Lang::En, None, false) => format!(
            "Possibly charged twice: {amount} on terminal {tid1} and again on {tid2} within {gap} (card cannot be compared)"
        ),
    };
    let paid_twice = match (lang, card_confirmed) {
        (Lang::Zh, true) => format!("顾客为同一次消费付了两次 {amount}"),
        (Lang::Zh, false) => format!("很可能是顾客为同一次消费付了两次 {amount}"),
        (Lang::En, true) => format!("the customer paid {amount} twice for one purchase"),
        (Lang::En, false) => {
            format!("most likely the customer paid {amount} twice for one purchase")
        }
    };
    let mut explanation = match lang {
        Lang::Zh if late => format!(
            "终端上显示失败的一笔：{when1}，{ids1}，终端{shown}；终端上成功的一笔：{when2}，{ids2}。\
             收单对账单显示两笔都已结算（{loc1}、{loc2}）。{gap}后同一张卡又付了一次，\
             可能是重新付款，也可能是另一次消费：先与顾客确认。\
             两笔相隔超过重复扣款判定窗口（{} 分钟），所以不能断定是重复扣款；\
             但失败的那一笔确实已经扣款。",
            ctx.settings().duplicate_window_minutes
        ),
        Lang::En if late => format!(
            "Shown as failed on the terminal: {when1}, {ids1}, the terminal {shown}. Approved on the \
             terminal: {when2}, {ids2}. The acquirer statement shows both settled ({loc1}, {loc2}). \
             {gap} later the same card paid again: it may be the customer paying again, or another \
             purchase; confirm with the customer first. The two are further apart than the duplicate \
             window ({} min), so this cannot be called a double charge for sure; but the failed one \
             was charged.",
            ctx.settings().duplicate_window_minutes
        ),
        Lang::Zh => format!(
            "终端上显示失败的一笔：{when1}，{ids1}，终端{shown}；终端上成功的一笔：{when2}，{ids2}。\
             收单对账单显示两笔都已结算（{loc1}、{loc2}），{paid_twice}。\
             通常是第一笔超时后收银员又收了一次，而第一笔的自动冲正没有成功。"
        ),
        Lang::En => format!(
            "Shown as failed on the terminal: {when1}, {ids1}, the terminal {shown}. Approved on the \
             terminal: {when2}, {ids2}. The acquirer statement shows both settled ({loc1}, {loc2}): \
             {paid_twice}. Usually the first attempt timed out, \
             the cashier charged again, and the first attempt's automatic reversal never arrived."
        ),
    };
    if !same {
        explanation.push_str(&match lang {
            Lang::Zh => format!(
                "第二笔是在另一台终端（{tid2}）上收的：超时后收银员常换一台终端再收一次。"
            ),
            Lang::En => format!(
                " The second charge was taken on another terminal ({tid2}): after a timeout cashiers often try the next terminal."
            ),
        });
    }
    if !card_confirmed {
        explanation.push_str(lang.pick(
            "但至少一笔没有卡号，文件无法确认两笔是同一位顾客：退款前请先核对两张签购单。",
            " But at least one of them has no card number, so the files cannot confirm it was the same customer: compare the two receipts before refunding.",
        ));
    }
    let failed_ids = text::ids(lang, &[a1, t1]);
    let refund = match (lang, settled_already) {
        (Lang::Zh, true) => format!(
            "在原终端 {tid1} 上为终端显示失败的那一笔（{failed_ids}，{amount}）办理退货：它已经结算，不能再撤销。"
        ),
        (Lang::Zh, false) => format!(
            "在原终端 {tid1} 上为终端显示失败的那一笔（{failed_ids}，{amount}）退款：如果还在当天、同一批次且未结算，在 POS 上做「消费撤销」；已结算（批结算或 23:00 日切之后）则做「退货」。"
        ),
        (Lang::En, true) => format!(
            "On its own terminal {tid1}, refund (退货) the charge the terminal showed as failed ({failed_ids}, {amount}); it is settled, so it can no longer be voided."
        ),
        (Lang::En, false) => format!(
            "On its own terminal {tid1}, refund the charge the terminal showed as failed ({failed_ids}, {amount}): void it (消费撤销) on the POS if it is still the same day and batch and not yet settled, otherwise refund it (退货)."
        ),
    };
    let mut actions = Vec::new();
    if late {
        actions.push(match lang {
            Lang::Zh => format!(
                "先与顾客确认 {when2} 的那一笔（{ids2}）是不是为同一次消费重新付的款：如果是，按下面的步骤退回失败的那一笔；如果是另一次消费，两笔都保留，失败的那一笔（{failed_ids}）按掉单处理：顾客没拿到商品就补交商品，或为它办理退货。"
            ),
            Lang::En => format!(
                "First ask the customer whether the charge of {when2} ({ids2}) paid again for the same purchase: if it did, refund the failed one as below; if it was another purchase, keep both, and the failed one ({failed_ids}) is a dropped sale: hand over the goods the customer did not get, or refund it."
            ),
        });
    }
    if !card_confirmed {
        actions.push(match lang {
            Lang::Zh => format!(
                "先核对两笔的签购单（卡号、持卡人签名）：如果是两位顾客，这不是重复扣款，失败的那一笔（{failed_ids}）按掉单处理：补交商品，或为它办理退货。"
            ),
            Lang::En => format!(
                "First compare the two receipts (card number, signature): if they are two customers, this is no double charge, and the failed one ({failed_ids}) is a dropped sale: hand over the goods or refund it."
            ),
        });
    }
    let if_confirmed = match (lang, late) {
        (Lang::Zh, true) => "如果确认是重新付款，",
        (Lang::En, true) => "If the customer confirms paying again: ",
        _ => "",
    };
    actions.extend(match lang {
        Lang::Zh => [
            refund,
            format!("保留终端显示成功的那一笔（{ids2}），不要两笔都退。"),
            format!(
                "{if_confirmed}告诉顾客多扣的 {amount} 会退回：撤销一般当天即可到账，退货通常需要 3–5 个工作日。"
            ),
            format!("如果 POS 上无法办理，联系收单机构处理，并提供：{contact}。"),
        ],
        Lang::En => [
            refund,
            format!("Keep the charge the terminal approved ({ids2}); do not refund both."),
            format!(
                "{if_confirmed}{} the customer the extra {amount} is coming back: a void is usually back the same day, a refund takes 3-5 working days.",
                if late { "tell" } else { "Tell" }
            ),
            format!("If the POS cannot do it, ask the acquirer, giving: {contact}."),
        ],
    });

    let mut evidence = match lang {
        Lang::Zh => vec![
            if same {
                format!("同一终端：{tid1}")
            } else {
                format!("两台终端，同一商户：失败笔在终端 {tid1}，成功笔在终端 {tid2}")
            },
            format!("金额相同：{amount}，两笔都已结算"),
            match (card_confirmed, card) {
                (true, Some(l4)) => format!("卡号尾号相同：{l4}"),
                _ => "卡号未知：至少一笔没有卡号，仅凭商户、金额和时间判断，无法确认是同一位顾客"
                    .to_owned(),
            },
            if late {
                format!(
                    "两笔相隔 {gap}：超出重复扣款判定窗口 {} 分钟，但在 {LATE_RETRY_MINUTES} 分钟内、同一清算日，同一张卡",
                    ctx.settings().duplicate_window_minutes
                )
            } else {
                format!(
                    "两笔相隔 {gap}（重复扣款判定窗口 {} 分钟）",
                    ctx.settings().duplicate_window_minutes
                )
            },
        ],
        Lang::En => vec![
            if same {
                format!("same terminal: {tid1}")
            } else {
                format!(
                    "two terminals of one merchant: the failed one on {tid1}, the approved one on {tid2}"
                )
            },
            format!("same amount: {amount}, both settled"),
            match (card_confirmed, card) {
                (true, Some(l4)) => format!("same card ending: {l4}"),
                _ => "card unknown: at least one has no card number; judged on merchant, amount and time only, so it may be two customers"
                    .to_owned(),
            },
            if late {
                format!(
                    "{gap} apart: past the duplicate window of {} min, but within {LATE_RETRY_MINUTES} min, on the same clearing date, by the same card",
                    ctx.settings().duplicate_window_minutes
                )
            } else {
                format!(
                    "{gap} apart (duplicate window {} min)",
                    ctx.settings().duplicate_window_minutes
                )
            },
        ],
    };
    let failed_label = lang.pick("失败笔：", "failed one: ");
    let approved_label = lang.pick("成功笔：", "approved one: ");
    evidence.extend(pair_evidence(ctx, d.pair).into_iter().map(|e| format!("{failed_label}{e}")));
    evidence.extend(pair_evidence(ctx, retry).into_iter().map(|e| format!("{approved_label}{e}")));

    let penalty = match (card_confirmed, same) {
        (true, _) => 0.0,
        (false, true) => CARD_UNKNOWN_PENALTY,
        (false, false) => CARD_UNKNOWN_PENALTY + OTHER_TERMINAL_PENALTY,
    } + if late { LATE_RETRY_PENALTY } else { 0.0 };
    let confidence = d.pair.confidence.min(retry.confidence) - penalty;
    let clearing: Vec<_> = clearing1.into_iter().chain(clearing2).collect();
    Draft {
        kind: Kind::DuplicateCharge,
        // Money certainly moved for an attempt shown as failed, whichever the later charge was
        // (a second payment, or another purchase): as high as the 掉单 it replaces; the lower
        // confidence says the pairing is the doubtful part.
        severity: Severity::High,
        amount_cents: a1.amount_cents,
        confidence,
        title,
        explanation,
        records: vec![
            ctx.record_ref(d.terminal),
            ctx.record_ref(d.acquirer),
            ctx.record_ref(retry.terminal),
            ctx.record_ref(retry.acquirer),
        ],
        dates: ctx.dates(&clearing, false),
        evidence,
        actions,
    }
}
