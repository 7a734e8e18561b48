//! Pass 1: pairs by 参考号 (RRN).
//!
//! The RRN is issued by the host for every transaction it saw and is printed on the receipt, so
//! when both sides carry one it is the best join key there is. Amounts are deliberately not
//! required to agree: an RRN pair with two amounts is exactly what `amount_mismatch` wants to
//! report. Terminal id and transaction type must still agree, which guards against RRNs reused
//! across acquirers or a void carrying its sale's RRN.
//!
//! RRNs are joined through an [`IdJoin`]: a 12-digit 参考号 compares as a number, not as a
//! string, and both sides are sorted and walked together instead of hashed (a chain store's
//! month joins a million of them).

use super::{
    Candidate, Ctx, IdJoin, abs_delta_or_far, ident, terminals_compatible, types_compatible,
};
use crate::model::Role;

/// Confidence of an RRN pair.
pub(crate) const CONFIDENCE: f64 = 0.97;

/// Candidate pairs between unused terminal and acquirer records sharing an RRN.
pub(crate) fn candidates(ctx: &Ctx, used: &[bool]) -> Vec<Candidate> {
    let records = ctx.records;
    let mut by_rrn = IdJoin::with_capacity(records.len(), records.len() / 2);
    for (idx, r) in ctx.of_role(Role::AcquirerStatement) {
        if !used[idx]
            && let Some(rrn) = ident(&r.rrn)
        {
            by_rrn.insert(rrn, idx);
        }
    }
    let attempts = ctx
        .of_role(Role::TerminalLog)
        .filter_map(|(t_idx, t)| (!used[t_idx]).then(|| Some((ident(&t.rrn)?, t_idx)))?);

    let mut out = Vec::new();
    by_rrn.join(attempts, |t_idx, a_idx| {
        let (t, a) = (&records[t_idx], &records[a_idx]);
        if !terminals_compatible(t, a) || !types_compatible(t.txn_type, a.txn_type) {
            return;
        }
        out.push(Candidate {
            left: t_idx,
            right: a_idx,
            rank: [i64::from(t.amount_cents != a.amount_cents), abs_delta_or_far(t, a), 0],
            confidence: CONFIDENCE,
        });
    });
    out
}
