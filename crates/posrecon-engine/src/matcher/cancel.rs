//! Same-side cancellations: a 撤销 (void) or 冲正 (reversal) that undoes a sale.
//!
//! A sale voided the same day usually disappears from the settlement file together with its void,
//! and a sale followed by an acknowledged reversal moved no money. Without this link the first
//! case would look like 短款 (approved on the terminal, never settled) and the second, on
//! acquirers that list 消费 + 消费冲正 rows, like a settled sale. Each void or reversal undoes at
//! most one sale and each sale is undone at most once.
//!
//! A candidate must be in a file of the same role, on a compatible terminal, for the same amount
//! (a void is always the full amount), with no contradicting card, and come after the sale: a void
//! within the same clearing date and batch, a reversal within 24 hours. Ranking prefers a shared
//! 参考号, then a shared 凭证号 (a reversal repeats its sale's STAN), then the closest sale before it.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDateTime};

use super::{Candidate, Ctx, batch_conflicts, card_agrees, ident, terminals_compatible};
use crate::model::{Outcome, Role, TxnType};

/// How long after a sale a reversal may still undo it.
const REVERSAL_HORIZON_HOURS: i64 = 24;

/// Candidate (sale, canceller) links on the same side.
pub(crate) fn candidates(ctx: &Ctx) -> Vec<Candidate> {
    let records = ctx.records;
    let mut sales: BTreeMap<(Role, i64), Vec<(NaiveDateTime, usize)>> = BTreeMap::new();
    for (idx, r) in records.iter().enumerate() {
        let is_sale = matches!(r.txn_type, TxnType::Sale | TxnType::PreauthCompletion)
            && r.outcome != Outcome::Declined;
        if let (true, Some(time)) = (is_sale, r.time) {
            sales.entry((r.role, r.amount_cents)).or_default().push((time, idx));
        }
    }
    for bucket in sales.values_mut() {
        bucket.sort_by_key(|&(time, idx)| (time, ctx.rank[idx]));
    }

    let horizon = Duration::hours(REVERSAL_HORIZON_HOURS);
    let mut out = Vec::new();
    for (c_idx, c) in records.iter().enumerate() {
        let is_void = c.txn_type == TxnType::Void;
        if !(is_void || c.txn_type == TxnType::Reversal) || c.outcome != Outcome::Approved {
            continue;
        }
        let Some(c_time) = c.time else { continue };
        let Some(bucket) = sales.get(&(c.role, c.amount_cents)) else { continue };
        let start = bucket.partition_point(|&(time, _)| time < c_time - horizon);
        for &(s_time, s_idx) in &bucket[start..] {
            if s_time > c_time {
                break;
            }
            let s = &records[s_idx];
            if !terminals_compatible(s, c) || card_agrees(s, c) == Some(false) {
                continue;
            }
            if is_void
                && (ctx.clearing_dates[s_idx] != ctx.clearing_dates[c_idx] || batch_conflicts(s, c))
            {
                continue;
            }
            let same =
                |a: Option<&str>, b: Option<&str>| matches!((a, b), (Some(x), Some(y)) if x == y);
            let rrn_same = same(ident(&s.rrn), ident(&c.rrn));
            let stan_same =
                matches!((s.stan_number(), c.stan_number()), (Some(x), Some(y)) if x == y);
            out.push(Candidate {
                left: s_idx,
                right: c_idx,
                rank: [
                    i64::from(!rrn_same),
                    i64::from(!stan_same),
                    (c_time - s_time).num_seconds(),
                ],
                confidence: 1.0,
            });
        }
    }
    out
}
