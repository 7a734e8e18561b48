//! Pass 2: pairs by (终端号, 凭证号, date).
//!
//! The 凭证号 (STAN) is counted by the terminal and wraps at 999999, so it is only unique per
//! terminal and day. Files write it with or without leading zeros, so it is compared as a number.
//! The date may be the clearing date or the transaction date: a sale at 23:30 has transaction
//! date D and clearing date D+1, and the two files do not always agree on which one they print.
//! A pair is a candidate when any of the two dates of one side equals one of the other side's.
//!
//! A 批次号 that is present on both sides and differs rules the pair out (the STAN restarted in a
//! new batch), and so does a card last 4 that differs. Amounts may differ (see `amount_mismatch`).
//! Differing 参考号 only rank a candidate lower: some acquirers print their own reference in that
//! column, and terminal + STAN + date + batch agreeing is strong evidence on its own.

use chrono::NaiveDate;

use super::{
    Candidate, Ctx, KeyIndex, abs_delta_or_far, batch_conflicts, card_agrees, rrn_conflicts,
    terminals_compatible, types_compatible,
};
use crate::model::Role;

/// Confidence of a STAN pair.
pub(crate) const CONFIDENCE: f64 = 0.93;

/// The dates a record can be keyed under: clearing date and transaction date.
fn dates(ctx: &Ctx, idx: usize) -> Vec<NaiveDate> {
    let mut out: Vec<NaiveDate> = ctx.clearing_dates[idx].into_iter().collect();
    if let Some(time) = ctx.records[idx].time {
        out.push(time.date());
    }
    out.sort();
    out.dedup();
    out
}

/// Candidate pairs between unused terminal and acquirer records sharing terminal, STAN and a date.
pub(crate) fn candidates(ctx: &Ctx, used: &[bool]) -> Vec<Candidate> {
    let records = ctx.records;
    let mut by_key: KeyIndex<(u32, NaiveDate)> = KeyIndex::with_capacity(records.len() / 2);
    for (idx, r) in ctx.of_role(Role::AcquirerStatement) {
        if used[idx] {
            continue;
        }
        let Some(stan) = r.stan_number() else { continue };
        for date in dates(ctx, idx) {
            by_key.insert((stan, date), idx);
        }
    }

    let mut out = Vec::new();
    for (t_idx, t) in ctx.of_role(Role::TerminalLog) {
        if used[t_idx] {
            continue;
        }
        let Some(stan) = t.stan_number() else { continue };
        let mut seen: Vec<usize> = Vec::new();
        for date in dates(ctx, t_idx) {
            for a_idx in by_key.get(&(stan, date)) {
                if seen.contains(&a_idx) {
                    continue;
                }
                seen.push(a_idx);
                let a = &records[a_idx];
                if !terminals_compatible(t, a)
                    || !types_compatible(t.txn_type, a.txn_type)
                    || batch_conflicts(t, a)
                    || card_agrees(t, a) == Some(false)
                {
                    continue;
                }
                out.push(Candidate {
                    left: t_idx,
                    right: a_idx,
                    rank: [
                        i64::from(t.amount_cents != a.amount_cents)
                            + i64::from(rrn_conflicts(t, a)),
                        abs_delta_or_far(t, a),
                        0,
                    ],
                    confidence: CONFIDENCE,
                });
            }
        }
    }
    out
}
