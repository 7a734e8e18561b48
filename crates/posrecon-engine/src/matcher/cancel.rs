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
//! within the same clearing date and batch, a reversal within 24 hours when nothing names the
//! sale. A void or reversal that names its sale by an identifier ([`names_by_id`]: its 原参考号 is
//! the sale's 参考号, or both carry the same 参考号 or order number) undoes it at any distance in
//! time within the loaded files: acquirers list a 消费冲正 24–48 hours after the sale, or later,
//! and missing that link turns a reversed sale into a false 掉单 or duplicate charge. Ranking
//! prefers a shared 参考号, then a shared 凭证号 (a reversal repeats its sale's STAN), then the
//! closest sale before it.
//!
//! Terminals: a canceller on another terminal than the sale is linked only when it names the sale
//! by such an identifier (a 参考号 is unique across the network within its date, so a refund keyed
//! in at the shop's other till, giving the sale's 参考号 as 原参考号, is that sale's). A 凭证号
//! repeats on every terminal, so a 原凭证号 names a sale only on its own terminal, and card and
//! amount never cross terminals.
//!
//! Refunds (退货) are linked separately ([`refund_candidates`]), because they do not undo the
//! sale's settlement: the sale settles, and the refund settles later as money going back. A refund
//! comes after its sale, within [`REFUND_HORIZON_DAYS`] unless it names the sale by an identifier
//! (then at any distance), on a compatible terminal (as above) with no
//! contradicting card, and is for at most the sale's amount: partial refunds exist (a 35.00 sale,
//! 10.00 of it refunded), and several partial refunds of one sale may add up to at most the sale
//! (the matcher's acceptance keeps what remains of each sale). The candidates come from every key
//! the two rows can share: an identifier (商户订单号, the channel's order number, 参考号, or the
//! refund's 原参考号 / 原凭证号 naming the sale's 参考号 / 凭证号), the card, or the amount. Ranking prefers a shared identifier, then the same card, then the full amount,
//! then the closest sale before it. Two different 商户订单号 (or channel order numbers) with no
//! shared identifier contradict each other like two cards do: a refund of another order is never
//! linked to this sale. Only the nearest [`REFUND_SALES_LOOKED_AT`] sales of each bucket (same
//! amount, same card, same identifier) are considered, so a busy shop's thousands of equal sales do
//! not make this quadratic.
//!
//! Voids and reversals rank a shared 参考号 or order number (or a 原参考号 naming the sale) first
//! too, then a shared 凭证号 or a 原凭证号 naming the sale's, so a file carrying them links each
//! void to its own sale among equal ones.
//!
//! Identifiers are read on both rows of a paired record ([`Both`]): a terminal sale whose 参考号
//! only its settlement row carries is still the one a refund's 原参考号 names, and an order number
//! only on the acquirer row still links the terminal refund. A named original is also a veto: a
//! refund, void or reversal whose 原参考号 or 原凭证号 is not among the sale's 参考号 / 凭证号
//! (on either row) is never linked to it, even when card and amount fit ([`names_another`]).
//! A refund larger than the sale, or than what its earlier refunds left, stays a candidate only
//! when it names the sale; the matcher then refuses it and records the excess (`over_refunds`).

use chrono::{Duration, NaiveDateTime};

use super::qr::ids;
use super::{
    Candidate, Ctx, LookupMap, LookupSet, batch_conflicts, card_agrees, ident, terminals_compatible,
};
use crate::model::{Outcome, Record, Role, TxnType};

/// How long after a sale a reversal may still undo it when nothing names the sale (pairing by
/// terminal, amount, card and time). A reversal or void naming its sale by an identifier
/// ([`names_by_id`]) has no horizon: acquirers list a 冲正 24–48 h or more after the sale.
const REVERSAL_HORIZON_HOURS: i64 = 24;

/// Sales by (side, amount) in time order, and by (side, identifier) in canonical order.
type SaleIndex<'a> =
    (LookupMap<(Role, i64), Vec<(NaiveDateTime, usize)>>, LookupMap<(Role, &'a str), Vec<usize>>);

/// The voids and reversals that may undo a sale: approved, with a time.
fn is_canceller(c: &Record) -> bool {
    matches!(c.txn_type, TxnType::Void | TxnType::Reversal)
        && c.outcome == Outcome::Approved
        && c.time.is_some()
}

/// A sale a void, reversal or refund may undo: a charge not declined, with a time.
fn is_undoable_sale(r: &Record) -> bool {
    matches!(r.txn_type, TxnType::Sale | TxnType::PreauthCompletion)
        && r.outcome != Outcome::Declined
        && r.time.is_some()
}

/// Every sale that a void or reversal may undo, indexed for [`candidates`]; only under the keys
/// some canceller looks up (its amount, the identifiers it names), so a chain store's million
/// sales are not all indexed for a few hundred voids.
fn sale_index<'a>(ctx: &Ctx<'a>, partner: &[Option<usize>], cancellers: &[usize]) -> SaleIndex<'a> {
    let records = ctx.records;
    let mut amounts: LookupSet<(Role, i64)> = LookupSet::default();
    let mut names: LookupSet<(Role, &str)> = LookupSet::default();
    for &c_idx in cancellers {
        let c = &records[c_idx];
        amounts.insert((c.role, c.amount_cents));
        let named = Both::of(records, partner, c_idx).rows();
        names.extend(
            named.flat_map(|r| link_ids(r).chain(ident(r.orig_rrn()))).map(|id| (c.role, id)),
        );
    }
    let mut sales: LookupMap<(Role, i64), Vec<(NaiveDateTime, usize)>> = LookupMap::default();
    let mut by_id: LookupMap<(Role, &str), Vec<usize>> = LookupMap::default();
    for (idx, r) in records.iter().enumerate() {
        let Some(time) = r.time.filter(|_| is_undoable_sale(r)) else { continue };
        if amounts.contains(&(r.role, r.amount_cents)) {
            sales.entry((r.role, r.amount_cents)).or_default().push((time, idx));
        }
        if names.is_empty() {
            continue;
        }
        for id in Both::of(records, partner, idx).rows().flat_map(link_ids) {
            if names.contains(&(r.role, id)) {
                by_id.entry((r.role, id)).or_default().push(idx);
            }
        }
    }
    // Each bucket is sorted on its own, so the maps' order does not matter.
    sales.values_mut().for_each(|bucket| bucket.sort_by_key(|&(time, idx)| (time, ctx.rank[idx])));
    by_id.values_mut().for_each(|bucket| {
        bucket.sort_by_key(|&idx| ctx.rank[idx]);
        bucket.dedup();
    });
    (sales, by_id)
}

/// Candidate (sale, canceller) links on the same side (`partner` as in [`refund_candidates`]).
pub(crate) fn candidates(ctx: &Ctx, partner: &[Option<usize>]) -> Vec<Candidate> {
    let records = ctx.records;
    let cancellers: Vec<usize> =
        (0..records.len()).filter(|&i| is_canceller(&records[i])).collect();
    if cancellers.is_empty() {
        return Vec::new();
    }
    let (sales, by_id) = sale_index(ctx, partner, &cancellers);
    let horizon = Duration::hours(REVERSAL_HORIZON_HOURS);
    let mut out = Vec::new();
    for c_idx in cancellers {
        let c = &records[c_idx];
        let Some(c_time) = c.time else { continue };
        let canceller = Both::of(records, partner, c_idx);
        // The sales of the same amount within the horizon, then every sale the canceller names by
        // an identifier (its 参考号, 原参考号 or order number), however long before.
        let mut near: Vec<usize> = sales
            .get(&(c.role, c.amount_cents))
            .map(|bucket| {
                let start = bucket.partition_point(|&(time, _)| time < c_time - horizon);
                let end = bucket.partition_point(|&(time, _)| time <= c_time);
                bucket[start..end].iter().map(|&(_, idx)| idx).collect()
            })
            .unwrap_or_default();
        let named_ids = canceller.rows().flat_map(|r| link_ids(r).chain(ident(r.orig_rrn())));
        for id in named_ids {
            near.extend(by_id.get(&(c.role, id)).into_iter().flatten().copied());
        }
        near.sort_by_key(|&idx| ctx.rank[idx]);
        near.dedup();
        out.extend(near.into_iter().filter_map(|s_idx| cancels(ctx, partner, s_idx, c_idx)));
    }
    out
}

/// The candidate link of sale `s_idx` undone by void or reversal `c_idx`, when nothing rules it
/// out (later than the canceller, another amount, past the horizon without an id naming it,
/// another terminal, card or named sale; a void on another clearing date or batch).
fn cancels(ctx: &Ctx, partner: &[Option<usize>], s_idx: usize, c_idx: usize) -> Option<Candidate> {
    let records = ctx.records;
    let (s, c) = (&records[s_idx], &records[c_idx]);
    let (s_time, c_time) = (s.time?, c.time?);
    if s_time > c_time || s.amount_cents != c.amount_cents || s_idx == c_idx {
        return None;
    }
    let sale = Both::of(records, partner, s_idx);
    let canceller = Both::of(records, partner, c_idx);
    let id_same = names_by_id(&sale, &canceller);
    if (!id_same && c_time - s_time > Duration::hours(REVERSAL_HORIZON_HOURS))
        || !terminals_allow(s, c, &sale, &canceller)
        || card_agrees(s, c) == Some(false)
        || names_another(&sale, &canceller)
    {
        return None;
    }
    if c.txn_type == TxnType::Void
        && (ctx.clearing_dates[s_idx] != ctx.clearing_dates[c_idx] || batch_conflicts(s, c))
    {
        return None;
    }
    let stan_same = terminals_compatible(s, c)
        && [c.stan_number(), c.orig_stan_number()]
            .into_iter()
            .any(|n| matches!((s.stan_number(), n), (Some(x), Some(y)) if x == y));
    Some(Candidate {
        left: s_idx,
        right: c_idx,
        rank: [i64::from(!id_same), i64::from(!stan_same), (c_time - s_time).num_seconds()],
        confidence: 1.0,
    })
}

/// How long after a sale a refund may still refer to it.
pub(crate) const REFUND_HORIZON_DAYS: i64 = 180;

/// Nearest earlier sales looked at per bucket for each refund.
pub(crate) const REFUND_SALES_LOOKED_AT: usize = 64;

/// Sales in time order, by what a refund may find them by.
type Bucket = Vec<(NaiveDateTime, usize)>;

/// Every sale a refund may undo, by (side, amount), card ending, identifier and STAN.
struct SaleBuckets<'a> {
    by_amount: LookupMap<(Role, i64), Bucket>,
    by_card: LookupMap<(Role, &'a str), Bucket>,
    by_id: LookupMap<(Role, &'a str), Bucket>,
    by_stan: LookupMap<(Role, u32), Bucket>,
}

impl<'a> SaleBuckets<'a> {
    /// The buckets under the keys the refunds look up ([`Self::for_refund`]), filled with every
    /// sale of such a key: a sale no refund can find by amount, card, identifier or STAN is not
    /// indexed at all.
    fn new(ctx: &Ctx<'a>, partner: &[Option<usize>], refunds: &[usize]) -> Self {
        let records = ctx.records;
        let mut b = SaleBuckets {
            by_amount: LookupMap::default(),
            by_card: LookupMap::default(),
            by_id: LookupMap::default(),
            by_stan: LookupMap::default(),
        };
        for &c_idx in refunds {
            let c = &records[c_idx];
            b.by_amount.entry((c.role, c.amount_cents)).or_default();
            if let Some(last4) = c.card_last4() {
                b.by_card.entry((c.role, last4)).or_default();
            }
            for r in Both::of(records, partner, c_idx).rows() {
                for id in link_ids(r).chain(ident(r.orig_rrn())) {
                    b.by_id.entry((c.role, id)).or_default();
                }
                if let Some(stan) = r.orig_stan_number() {
                    b.by_stan.entry((c.role, stan)).or_default();
                }
            }
        }
        for (idx, r) in records.iter().enumerate() {
            let Some(time) = r.time.filter(|_| is_undoable_sale(r)) else { continue };
            let push = |bucket: Option<&mut Bucket>| {
                if let Some(sales) = bucket {
                    sales.push((time, idx));
                }
            };
            push(b.by_amount.get_mut(&(r.role, r.amount_cents)));
            if let Some(last4) = r.card_last4() {
                push(b.by_card.get_mut(&(r.role, last4)));
            }
            let both = Both::of(records, partner, idx);
            for id in both.rows().flat_map(link_ids) {
                push(b.by_id.get_mut(&(r.role, id)));
            }
            for stan in both.rows().filter_map(Record::stan_number) {
                push(b.by_stan.get_mut(&(r.role, stan)));
            }
        }
        for bucket in b
            .by_amount
            .values_mut()
            .chain(b.by_card.values_mut())
            .chain(b.by_id.values_mut())
            .chain(b.by_stan.values_mut())
        {
            bucket.sort_by_key(|&(time, idx)| (time, ctx.rank[idx]));
            bucket.dedup();
        }
        b
    }

    /// The buckets to look in for refund `c` (seen with its partner as `refund`), each with
    /// whether any age counts: the sales sharing an identifier with the refund (its 参考号,
    /// 原参考号, order numbers) are looked at however long before it; the others (by 原凭证号,
    /// amount or card) only within the horizon, since a STAN repeats and card and amount name
    /// nothing.
    fn for_refund(&self, c: &'a Record, refund: &Both<'a>) -> Vec<(bool, &Bucket)> {
        refund
            .rows()
            .flat_map(|r| link_ids(r).chain(ident(r.orig_rrn())))
            .map(|id| (true, self.by_id.get(&(c.role, id))))
            .chain(refund.rows().map(|r| {
                (false, r.orig_stan_number().and_then(|n| self.by_stan.get(&(c.role, n))))
            }))
            .chain([
                (false, self.by_amount.get(&(c.role, c.amount_cents))),
                (false, c.card_last4().and_then(|l4| self.by_card.get(&(c.role, l4)))),
            ])
            .filter_map(|(any_age, bucket)| Some((any_age, bucket?)))
            .collect()
    }
}

/// Candidate (sale, refund) links on the same side. `partner` is every record's paired row on the
/// other side (a terminal row's settlement row and back), whose identifiers count as its own.
pub(crate) fn refund_candidates(ctx: &Ctx, partner: &[Option<usize>]) -> Vec<Candidate> {
    let records = ctx.records;
    let refunds: Vec<usize> = (0..records.len())
        .filter(|&i| {
            let r = &records[i];
            r.txn_type == TxnType::Refund
                && r.outcome == Outcome::Approved
                && r.time.is_some()
                && matches!(r.role, Role::TerminalLog | Role::AcquirerStatement)
        })
        .collect();
    if refunds.is_empty() {
        return Vec::new();
    }
    let buckets = SaleBuckets::new(ctx, partner, &refunds);
    let mut out = Vec::new();
    for c_idx in refunds {
        let mut mine = refund_links(ctx, partner, &buckets, c_idx);
        // A refund that names a sale refunds that sale: card and amount never send it to another
        // (when the named one cannot take it, it is an over-refund of the named one).
        if mine.iter().any(|m| m.rank[0] < 2) {
            mine.retain(|m| m.rank[0] < 2);
        }
        out.extend(mine);
    }
    out
}

/// Every sale refund `c_idx` may undo, nearest first per bucket, up to
/// [`REFUND_SALES_LOOKED_AT`] per bucket.
fn refund_links<'a>(
    ctx: &Ctx<'a>,
    partner: &[Option<usize>],
    buckets: &SaleBuckets<'a>,
    c_idx: usize,
) -> Vec<Candidate> {
    let records = ctx.records;
    let c = &records[c_idx];
    let Some(c_time) = c.time else { return Vec::new() };
    let horizon = Duration::days(REFUND_HORIZON_DAYS);
    let mut seen: Vec<usize> = Vec::new();
    let refund = Both::of(records, partner, c_idx);
    let mut mine: Vec<Candidate> = Vec::new();
    for (any_age, bucket) in buckets.for_refund(c, &refund) {
        let end = bucket.partition_point(|&(time, _)| time <= c_time);
        let start =
            if any_age { 0 } else { bucket.partition_point(|&(time, _)| time < c_time - horizon) };
        let start = start.max(end.saturating_sub(REFUND_SALES_LOOKED_AT));
        for &(s_time, s_idx) in &bucket[start..end] {
            if seen.contains(&s_idx) || s_idx == c_idx {
                continue;
            }
            seen.push(s_idx);
            let s = &records[s_idx];
            let sale = Both::of(records, partner, s_idx);
            let id_same = names_sale(&sale, &refund);
            // A refund larger than the sale stays a candidate only when it names the sale:
            // the acceptance then refuses it and records the sale as over-refunded.
            if (!id_same && s.amount_cents < c.amount_cents)
                || !terminals_allow(s, c, &sale, &refund)
                || card_agrees(s, c) == Some(false)
                || names_another(&sale, &refund)
                || (!id_same && sale.ids_conflict(refund))
            {
                continue;
            }
            mine.push(Candidate {
                left: s_idx,
                right: c_idx,
                rank: [
                    i64::from(!id_same) * 2 + i64::from(card_agrees(s, c) != Some(true)),
                    i64::from(s.amount_cents != c.amount_cents),
                    (c_time - s_time).num_seconds(),
                ],
                confidence: if id_same { 0.95 } else { 0.8 },
            });
        }
    }
    mine
}

/// The identifiers a refund and its sale can share: 商户订单号, the channel's order number, 参考号.
fn link_ids(r: &Record) -> impl Iterator<Item = &str> {
    ids(r).chain(ident(&r.rrn))
}

/// A record and its paired row on the other side (the terminal row and its settlement row): each
/// carries identifiers the other may lack (the 参考号 only on the settlement row, the order number
/// only on the acquirer's), so a link looks at both.
#[derive(Clone, Copy)]
pub(crate) struct Both<'a> {
    own: &'a Record,
    partner: Option<&'a Record>,
}

impl<'a> Both<'a> {
    pub(crate) fn of(records: &'a [Record], partner: &[Option<usize>], idx: usize) -> Self {
        Both {
            own: &records[idx],
            partner: partner.get(idx).copied().flatten().map(|p| &records[p]),
        }
    }

    pub(crate) fn rows(self) -> impl Iterator<Item = &'a Record> {
        std::iter::once(self.own).chain(self.partner)
    }

    /// Both carry a 商户订单号 (or a channel number) and none of them agree.
    fn ids_conflict(self, other: Both) -> bool {
        let conflict = |field: fn(&Record) -> Option<&str>| {
            let mine: Vec<&str> = self.rows().filter_map(field).collect();
            let theirs: Vec<&str> = other.rows().filter_map(field).collect();
            !mine.is_empty() && !theirs.is_empty() && !mine.iter().any(|m| theirs.contains(m))
        };
        conflict(|r| ident(&r.order_id)) || conflict(|r| ident(r.channel_order_id()))
    }
}

/// Whether the canceller's named original (原参考号 / 原凭证号, on either of its rows) is this
/// sale: `Some(true)` when one of the sale's 参考号 / 凭证号 is the one named, `Some(false)` when
/// the sale has them and none is, `None` when either side does not say. A 参考号 is unique across
/// the network within its date, so it names the sale on any terminal; a 凭证号 repeats across
/// terminals, so it says nothing (`None`) about a sale on another terminal.
fn named(sale: &Both, canceller: &Both) -> (Option<bool>, Option<bool>) {
    let verdict = |named: Vec<&str>, have: Vec<&str>| {
        (!named.is_empty() && !have.is_empty()).then(|| named.iter().any(|n| have.contains(n)))
    };
    let rrn = verdict(
        canceller.rows().filter_map(|r| ident(r.orig_rrn())).collect(),
        sale.rows().filter_map(|r| ident(&r.rrn)).collect(),
    );
    if !terminals_compatible(sale.own, canceller.own) {
        return (rrn, None);
    }
    let stans = |rows: Vec<u32>| rows.into_iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let named_stans = stans(canceller.rows().filter_map(Record::orig_stan_number).collect());
    let sale_stans = stans(sale.rows().filter_map(Record::stan_number).collect());
    let stan = verdict(
        named_stans.iter().map(String::as_str).collect(),
        sale_stans.iter().map(String::as_str).collect(),
    );
    (rrn, stan)
}

/// The canceller names an original that is not this sale: its 原参考号 (or 原凭证号) differs from
/// every 参考号 (凭证号) the sale carries on either row, and the other named id does not confirm
/// it. Card and amount may fit; it is still another sale.
pub(crate) fn names_another(sale: &Both, canceller: &Both) -> bool {
    match named(sale, canceller) {
        (Some(false), stan) => stan != Some(true),
        (rrn, Some(false)) => rrn != Some(true),
        _ => false,
    }
}

/// The canceller names this sale by an identifier unique beyond one terminal and one day: its
/// 原参考号 is the sale's 参考号, or both carry the same 参考号 or order number (商户订单号, the
/// channel's), on either row. Such a link holds across terminals and at any distance in time.
fn names_by_id(sale: &Both, c: &Both) -> bool {
    named(sale, c).0 == Some(true)
        || sale.rows().flat_map(link_ids).any(|id| c.rows().flat_map(link_ids).any(|o| o == id))
}

/// A refund names this sale: [`names_by_id`], or its 原凭证号 (as a number) is the sale's 凭证号
/// on the same terminal.
fn names_sale(sale: &Both, c: &Both) -> bool {
    names_by_id(sale, c) || named(sale, c).1 == Some(true)
}

/// A canceller may undo a sale on its own terminal (or where one side does not say), or on another
/// terminal of the merchant when it names the sale by an identifier ([`names_by_id`]: a refund at
/// the shop's other till, giving the sale's 参考号 as 原参考号). A 凭证号, card or amount alone
/// never crosses terminals.
fn terminals_allow(s: &Record, c: &Record, sale: &Both, canceller: &Both) -> bool {
    terminals_compatible(s, c) || names_by_id(sale, canceller)
}
