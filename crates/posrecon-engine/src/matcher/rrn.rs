//! Pass 1: pairs by 参考号 (RRN).
//!
//! The RRN is issued by the host for every transaction it saw and is printed on the receipt, so
//! when both sides carry one it is the best join key there is. Amounts are deliberately not
//! required to agree: an RRN pair with two amounts is exactly what `amount_mismatch` wants to
//! report. Terminal id and transaction type must still agree, which guards against RRNs reused
//! across acquirers or a void carrying its sale's RRN.
//!
//! RRNs are keyed as [`IdKey`]s: a 12-digit 参考号 hashes and compares as a number, not as a
//! string (a chain store's month indexes a million of them).

use super::{
    Candidate, Ctx, IdKey, KeyIndex, abs_delta_or_far, ident, terminals_compatible,
    types_compatible,
};
use crate::model::Role;

/// Confidence of an RRN pair.
pub(crate) const CONFIDENCE: f64 = 0.97;

/// Candidate pairs between unused terminal and acquirer records sharing an RRN.
pub(crate) fn candidates(ctx: &Ctx, used: &[bool]) -> Vec<Candidate> {
    let records = ctx.records;
    let mut by_rrn: KeyIndex<IdKey> = KeyIndex::with_capacity(records.len() / 2);
    for (idx, r) in records.iter().enumerate() {
        if r.role == Role::AcquirerStatement
            && !used[idx]
            && let Some(rrn) = ident(&r.rrn)
        {
            by_rrn.insert(IdKey::of(rrn), idx);
        }
    }

    let mut out = Vec::new();
    for (t_idx, t) in records.iter().enumerate() {
        if t.role != Role::TerminalLog || used[t_idx] {
            continue;
        }
        let Some(rrn) = ident(&t.rrn) else { continue };
        for a_idx in by_rrn.get(&IdKey::of(rrn)) {
            let a = &records[a_idx];
            if !terminals_compatible(t, a) || !types_compatible(t.txn_type, a.txn_type) {
                continue;
            }
            out.push(Candidate {
                left: t_idx,
                right: a_idx,
                rank: [i64::from(t.amount_cents != a.amount_cents), abs_delta_or_far(t, a), 0],
                confidence: CONFIDENCE,
            });
        }
    }
    out
}
