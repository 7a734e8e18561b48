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
//! Each approved sale is the retry of at most one dropped sale (further dropped sales of the same
//! purchase join its finding, see below). A dropped sale takes the best retry: a confirmed card
//! first, then the same terminal, then the closest in time.
//!
//! A refund already made of either charge (of any, for a sale charged three times) answers the
//! finding: see `refunded.rs`.
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
//! ## One sale charged three times or more
//! A cashier who sees two timeouts in a row charges a third time: two attempts shown as failed,
//! both settled, then the approved one. That is one purchase paid three times, and it is one
//! finding, not a `duplicate_charge` plus a `charged_but_failed` that never says it is the same
//! customer. A dropped sale no retry explained (the retry was taken by another dropped sale) joins
//! that finding when it is the same amount at the same merchant, its card is known and is the
//! retry's card (known too), and it lies inside `duplicate_window_minutes` of the retry or of a
//! dropped sale already in the finding (so a chain of retries, on one terminal or across several,
//! joins step by step). The finding names every extra charge, each to be refunded, and its amount
//! is their sum (two extra 188.00 charges: 376.00). Without a known, equal card a further dropped
//! sale stays its own `charged_but_failed` (two customers are possible). A late retry (below)
//! takes no further dropped sales. Only the card channel groups this way.
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
//!
//! ## Two channels
//! A QR payment (微信 / 支付宝) charged twice is this kind too (`qr_payment::detect` finds it):
//! a scan shown as failed whose order the bill shows paid, with a paid re-scan of the same amount
//! and wallet within the window and no second payer; or a paid bill row the till does not know
//! next to a paid attempt by the same (named) payer. The words choose the channel's advice
//! (`text::zh::duplicate_charge`).

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::super::{Context, Draft, is_charge};
use super::charged_but_failed::Dropped;
use super::qr_payment::{QrCases, can_revoke, wallet_of};
use super::{Loc, PairFacts, Said, loc, pair_facts, refunded, say};
use crate::diagnose::text::{en, zh};
use crate::matcher::{LookupMap, Pair, ident, terminals_compatible};
use crate::model::{Outcome, PayMethod, Record, Role};
use crate::report::{Kind, Severity, round_confidence};

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

/// What a double charge is, by channel.
pub(crate) enum Facts<'a> {
    /// A dropped card sale and the approved retry.
    Card(Card<'a>),
    /// A QR scan shown as failed but paid, and the paid re-scan.
    QrRescan(QrRescan<'a>),
    /// A paid bill row the till does not know, and the paid attempt of the same payer.
    QrUntracked(QrUntracked<'a>),
}

/// A dropped card sale (`failed`: terminal row, statement row) and its retry (`approved`).
pub(crate) struct Card<'a> {
    pub(crate) failed: [&'a Record; 2],
    pub(crate) approved: [&'a Record; 2],
    /// The failed sale's card ending, if known.
    pub(crate) card: Option<&'a str>,
    /// The card is known on both sides (and, by the matching, the same).
    pub(crate) card_confirmed: bool,
    pub(crate) same_terminal: bool,
    /// 终端号 of the failed and of the approved sale (`—` when unknown).
    pub(crate) terminals: (&'a str, &'a str),
    /// `as_of` is past the failed sale's clearing date: it can only be refunded, not voided.
    pub(crate) settled_already: bool,
    /// The retry came after the duplicate window (see the module docs).
    pub(crate) late: bool,
    pub(crate) window_minutes: i64,
    /// Seconds from the failed sale to the retry.
    pub(crate) gap_secs: Option<i64>,
    /// Where the statement settled each.
    pub(crate) settled_at: (Loc<'a>, Loc<'a>),
    pub(crate) failed_pair: PairFacts<'a>,
    pub(crate) approved_pair: PairFacts<'a>,
    /// Further dropped sales of the same purchase, by time (see the module docs): each an extra
    /// charge to refund.
    pub(crate) also_failed: Vec<Extra<'a>>,
}

impl Card<'_> {
    /// How many times the customer was charged for the one purchase.
    pub(crate) fn times_charged(&self) -> usize {
        2 + self.also_failed.len()
    }

    /// The extra charges together, in fen: what goes back to the customer.
    pub(crate) fn extra_cents(&self) -> i64 {
        self.failed[1].amount_cents * (1 + self.also_failed.len() as i64)
    }
}

/// A further dropped sale of a purchase charged three times or more (terminal row, statement
/// row), where the statement settled it, and seconds from it to the approved retry.
pub(crate) struct Extra<'a> {
    pub(crate) rows: [&'a Record; 2],
    pub(crate) settled_at: Loc<'a>,
    pub(crate) gap_secs: Option<i64>,
}

/// A QR scan shown as failed (`first`: attempt, bill row) and the paid re-scan (`second`).
pub(crate) struct QrRescan<'a> {
    pub(crate) first: [&'a Record; 2],
    pub(crate) second: [&'a Record; 2],
    pub(crate) wallet: Option<PayMethod>,
    /// The wallet still allows 撤销 of the first payment.
    pub(crate) can_revoke: bool,
    pub(crate) gap_secs: Option<i64>,
    pub(crate) first_at: (Loc<'a>, Loc<'a>),
    pub(crate) second_at: (Loc<'a>, Loc<'a>),
    pub(crate) first_pair: PairFacts<'a>,
}

/// A paid bill row the till does not know (`extra`) and the payment the till kept (`kept`:
/// attempt, bill row), by one payer.
pub(crate) struct QrUntracked<'a> {
    pub(crate) extra: &'a Record,
    pub(crate) kept: [&'a Record; 2],
    pub(crate) wallet: Option<PayMethod>,
    pub(crate) payer: &'a str,
    /// The wallet still allows 撤销 of the extra payment.
    pub(crate) can_revoke: bool,
    pub(crate) gap_secs: Option<i64>,
    pub(crate) extra_at: Loc<'a>,
    pub(crate) kept_at: (Loc<'a>, Loc<'a>),
}

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

/// One possible retry: an approved, settled terminal sale, with its card ending (of the terminal
/// row, else the statement row) read once.
#[derive(Clone, Copy)]
struct Retry<'a> {
    time: NaiveDateTime,
    idx: usize,
    pair: &'a Pair,
    card: Option<&'a str>,
}

/// The possible retries by amount, each list sorted by (time, canonical rank).
struct Retries<'a> {
    by_amount: LookupMap<i64, Vec<Retry<'a>>>,
}

impl<'a> Retries<'a> {
    /// The retries of `amount` in `[from, to]`, in time order.
    fn of_amount(&self, amount: i64, from: NaiveDateTime, to: NaiveDateTime) -> &[Retry<'a>] {
        let bucket = self.by_amount.get(&amount).map_or(&[][..], Vec::as_slice);
        let lo = bucket.partition_point(|r| r.time < from);
        let hi = bucket.partition_point(|r| r.time <= to).max(lo);
        &bucket[lo..hi]
    }
}

/// Findings for dropped sales that were charged again (card and QR), and the dropped card
/// attempts they claim.
pub(crate) fn run(
    ctx: &Context,
    dropped: &[Dropped],
    qr: &QrCases,
) -> (Vec<Draft>, BTreeSet<usize>) {
    let retries = card_retries(ctx, dropped);
    let mut used: BTreeSet<usize> = BTreeSet::new();
    let mut found: Vec<(&Dropped, &Pair, bool)> = Vec::new();
    for d in dropped {
        if let Some(retry) = retry_in_window(ctx, d, &retries, &used) {
            used.insert(retry.terminal);
            found.push((d, retry, false));
        }
    }
    // Late retries, only for dropped sales no retry inside the window explained, and only from
    // approved sales no such retry took.
    let in_window: BTreeSet<usize> = found.iter().map(|(d, _, _)| d.terminal).collect();
    for d in dropped.iter().filter(|d| !in_window.contains(&d.terminal)) {
        if let Some(retry) = late_retry(ctx, d, &retries, &used) {
            used.insert(retry.terminal);
            found.push((d, retry, true));
        }
    }
    let extras = same_purchases(ctx, dropped, &found);
    let claimed = found
        .iter()
        .map(|(d, _, _)| d.terminal)
        .chain(extras.iter().flatten().map(|d| d.terminal))
        .collect();
    let mut drafts: Vec<Draft> = found
        .into_iter()
        .zip(&extras)
        .map(|((d, retry, late), extra)| card_draft(ctx, d, retry, late, extra))
        .collect();
    drafts.extend(qr.rescans.iter().map(|&(first, second)| rescan_draft(ctx, first, second)));
    drafts.extend(qr.paid_twice.iter().map(|&(extra, kept)| untracked_draft(ctx, extra, kept)));
    (drafts, claimed)
}

/// The possible retries of the amounts `dropped` sales settled: only those amounts are ever
/// looked up, and a chain store's million approved sales would otherwise each be filed.
fn card_retries<'a>(ctx: &Context<'a>, dropped: &[Dropped]) -> Retries<'a> {
    let mut by_amount: LookupMap<i64, Vec<Retry>> =
        dropped.iter().map(|d| (ctx.records[d.acquirer].amount_cents, Vec::new())).collect();
    if by_amount.is_empty() {
        return Retries { by_amount };
    }
    for pair in &ctx.set.pairs {
        let t = &ctx.records[pair.terminal];
        let a = &ctx.records[pair.acquirer];
        let Some(bucket) = by_amount.get_mut(&a.amount_cents) else { continue };
        if t.role == Role::TerminalLog
            && a.role == Role::AcquirerStatement
            && is_charge(t)
            && t.outcome == Outcome::Approved
            && ctx.set.cancelled_by(pair.terminal).is_none()
            && ctx.settled_charge(pair.acquirer)
            && let Some(time) = t.time
        {
            let card = t.card_last4().or(a.card_last4());
            bucket.push(Retry { time, idx: pair.terminal, pair, card });
        }
    }
    // Each bucket is sorted on its own: the order the buckets are visited in does not matter.
    by_amount
        .values_mut()
        .for_each(|bucket| bucket.sort_by_key(|r| (r.time, ctx.set.canonical_rank[r.idx])));
    Retries { by_amount }
}

/// The best retry within the window: a confirmed card first, then the same terminal, then the
/// closest in time; never another merchant's, never a different card.
fn retry_in_window<'a>(
    ctx: &Context<'a>,
    d: &Dropped,
    retries: &Retries<'a>,
    used: &BTreeSet<usize>,
) -> Option<&'a Pair> {
    let window = Duration::minutes(ctx.settings().duplicate_window_minutes.max(0));
    let t = &ctx.records[d.terminal];
    let a = &ctx.records[d.acquirer];
    let t_time = t.time?;
    let card = t.card_last4().or(a.card_last4());
    // The card ending is read once per retry (`Retry::card`), and the cheap tests go first: a
    // chain store sells the same amounts on a hundred terminals, so a window holds many.
    retries
        .of_amount(a.amount_cents, t_time - window, t_time + window)
        .iter()
        .filter(|r| {
            !matches!((card, r.card), (Some(x), Some(y)) if x != y)
                && !used.contains(&r.idx)
                && merchants_compatible(
                    [t, a],
                    [&ctx.records[r.idx], &ctx.records[r.pair.acquirer]],
                )
        })
        .min_by_key(|r| {
            (
                !(card.is_some() && r.card.is_some()),
                !same_terminal(t, a, &ctx.records[r.idx]),
                (r.time - t_time).num_seconds().abs(),
                ctx.set.canonical_rank[r.idx],
            )
        })
        .map(|r| r.pair)
}

/// The same card known on both sides, after the window, up to `LATE_RETRY_MINUTES`, on the
/// same clearing date.
fn late_retry<'a>(
    ctx: &Context<'a>,
    d: &Dropped,
    retries: &Retries<'a>,
    used: &BTreeSet<usize>,
) -> Option<&'a Pair> {
    let window = Duration::minutes(ctx.settings().duplicate_window_minutes.max(0));
    let late_bound = Duration::minutes(LATE_RETRY_MINUTES).max(window);
    let t = &ctx.records[d.terminal];
    let a = &ctx.records[d.acquirer];
    let (Some(t_time), Some(card), Some(clearing)) =
        (t.time, t.card_last4().or(a.card_last4()), ctx.set.clearing_date(d.acquirer))
    else {
        return None;
    };
    let after_window = retries.of_amount(a.amount_cents, t_time, t_time + late_bound);
    after_window
        .iter()
        .skip_while(|r| r.time <= t_time + window)
        .find(|r| {
            r.card == Some(card)
                && !used.contains(&r.idx)
                && merchants_compatible(
                    [t, a],
                    [&ctx.records[r.idx], &ctx.records[r.pair.acquirer]],
                )
                && ctx.set.clearing_date(r.pair.acquirer) == Some(clearing)
        })
        .map(|r| r.pair)
}

/// For every found (dropped sale, retry), the further dropped sales of the same purchase (see the
/// module docs), in canonical order: a dropped sale left over joins the closest in-window retry
/// of the same amount and the same known card whose group it is within the window of.
fn same_purchases<'a>(
    ctx: &Context,
    dropped: &'a [Dropped],
    found: &[(&Dropped, &Pair, bool)],
) -> Vec<Vec<&'a Dropped<'a>>> {
    let window = ctx.settings().duplicate_window_minutes.max(0) * 60;
    let taken: BTreeSet<usize> = found.iter().map(|(d, _, _)| d.terminal).collect();
    let mut extras: Vec<Vec<&Dropped>> = vec![Vec::new(); found.len()];
    // The found cases by amount (positions in `found`, ascending): only the dropped sale's amount
    // can take it, and comparing it with every case of a chain store's month was quadratic.
    let mut found_of_amount: LookupMap<i64, Vec<usize>> = LookupMap::default();
    for (i, (f, _, _)) in found.iter().enumerate() {
        found_of_amount.entry(ctx.records[f.acquirer].amount_cents).or_default().push(i);
    }
    for d in dropped.iter().filter(|d| !taken.contains(&d.terminal)) {
        let (t, a) = (&ctx.records[d.terminal], &ctx.records[d.acquirer]);
        let Some(card) = t.card_last4().or(a.card_last4()) else { continue };
        let Some(same_amount) = found_of_amount.get(&a.amount_cents) else { continue };
        let best = same_amount
            .iter()
            .map(|&i| (i, &found[i]))
            .filter(|(i, (f, retry, late))| {
                let (rt, ra) = (&ctx.records[retry.terminal], &ctx.records[retry.acquirer]);
                let near =
                    |other: usize| gap(&ctx.records[other], t).is_some_and(|g| g.abs() <= window);
                !late
                    && rt.card_last4().or(ra.card_last4()) == Some(card)
                    && merchants_compatible([t, a], [rt, ra])
                    && (near(retry.terminal)
                        || near(f.terminal)
                        || extras[*i].iter().any(|x| near(x.terminal)))
            })
            .min_by_key(|(_, (_, retry, _))| {
                let g = gap(t, &ctx.records[retry.terminal]).map_or(i64::MAX, i64::abs);
                (g, ctx.set.canonical_rank[retry.terminal])
            })
            .map(|(i, _)| i);
        if let Some(i) = best {
            extras[i].push(d);
        }
    }
    extras
}

/// The dropped sale (terminal row `t`, settled row `a`) and the retry `r` ran on one terminal:
/// both say the same 终端号, or the log has none (a one-terminal log).
fn same_terminal(t: &Record, a: &Record, r: &Record) -> bool {
    terminals_compatible(t, r) && terminals_compatible(a, r)
}

/// Seconds from `a` to `b`, when both have a time.
fn gap(a: &Record, b: &Record) -> Option<i64> {
    Some((b.time? - a.time?).num_seconds())
}

/// `late`: the retry came after the window (see the module docs), so the finding asks first.
/// `extra`: further dropped sales of the same purchase (see the module docs).
fn card_draft(ctx: &Context, d: &Dropped, retry: &Pair, late: bool, extra: &[&Dropped]) -> Draft {
    let (t1, a1) = (&ctx.records[d.terminal], &ctx.records[d.acquirer]);
    let (t2, a2) = (&ctx.records[retry.terminal], &ctx.records[retry.acquirer]);
    let card = t1.card_last4().or(a1.card_last4());
    let card_confirmed = card.is_some() && t2.card_last4().or(a2.card_last4()).is_some();
    let clearing1 = ctx.set.clearing_date(d.acquirer);
    let same = same_terminal(t1, a1, t2);
    let facts = Facts::Card(Card {
        failed: [t1, a1],
        approved: [t2, a2],
        card,
        card_confirmed,
        same_terminal: same,
        terminals: (
            ident(&t1.terminal_id).or(ident(&a1.terminal_id)).unwrap_or("—"),
            ident(&t2.terminal_id).or(ident(&a2.terminal_id)).unwrap_or("—"),
        ),
        settled_already: clearing1.is_some_and(|c| ctx.options.as_of > c),
        late,
        window_minutes: ctx.settings().duplicate_window_minutes,
        gap_secs: gap(t1, t2),
        settled_at: (loc(ctx, d.acquirer), loc(ctx, retry.acquirer)),
        failed_pair: pair_facts(ctx, d.pair),
        approved_pair: pair_facts(ctx, retry),
        also_failed: extra
            .iter()
            .map(|x| Extra {
                rows: [&ctx.records[x.terminal], &ctx.records[x.acquirer]],
                settled_at: loc(ctx, x.acquirer),
                gap_secs: gap(&ctx.records[x.terminal], t2),
            })
            .collect(),
    });
    let Facts::Card(card_facts) = &facts else { unreachable!("a card draft has card facts") };
    let owed = card_facts.extra_cents();
    let penalty = match (card_confirmed, same) {
        (true, _) => 0.0,
        (false, true) => CARD_UNKNOWN_PENALTY,
        (false, false) => CARD_UNKNOWN_PENALTY + OTHER_TERMINAL_PENALTY,
    } + if late { LATE_RETRY_PENALTY } else { 0.0 };
    let confidence =
        extra.iter().fold(d.pair.confidence.min(retry.confidence), |c, x| c.min(x.pair.confidence))
            - penalty;
    let clearing: Vec<_> = clearing1
        .into_iter()
        .chain(extra.iter().filter_map(|x| ctx.set.clearing_date(x.acquirer)))
        .chain(ctx.set.clearing_date(retry.acquirer))
        .collect();
    // Money certainly moved for an attempt shown as failed, whichever the later charge was (a
    // second payment, or another purchase): as high as the 掉单 it replaces; the lower confidence
    // says the pairing is the doubtful part.
    let extra_rows = extra.iter().flat_map(|x| [x.terminal, x.acquirer]);
    let records: Vec<usize> = [d.terminal, d.acquirer]
        .into_iter()
        .chain(extra_rows)
        .chain([retry.terminal, retry.acquirer])
        .collect();
    let charges: Vec<usize> = std::iter::once(d.acquirer)
        .chain(extra.iter().map(|x| x.acquirer))
        .chain([retry.acquirer])
        .collect();
    let draft = finish(ctx, &facts, owed, confidence, &records, &clearing);
    refunded::apply(ctx, draft, &charges, owed)
}

fn rescan_draft(ctx: &Context, d: &Pair, r: &Pair) -> Draft {
    let (t1, a1) = (&ctx.records[d.terminal], &ctx.records[d.acquirer]);
    let (t2, a2) = (&ctx.records[r.terminal], &ctx.records[r.acquirer]);
    let wallet = wallet_of(ctx, d);
    let paid_on = a1.time.map(|x| x.date());
    let facts = Facts::QrRescan(QrRescan {
        first: [t1, a1],
        second: [t2, a2],
        wallet,
        can_revoke: can_revoke(ctx, wallet, paid_on),
        gap_secs: gap(t1, t2),
        first_at: (loc(ctx, d.terminal), loc(ctx, d.acquirer)),
        second_at: (loc(ctx, r.terminal), loc(ctx, r.acquirer)),
        first_pair: pair_facts(ctx, d),
    });
    let records = [d.terminal, d.acquirer, r.terminal, r.acquirer];
    let confidence = d.confidence.min(r.confidence);
    let draft = finish(ctx, &facts, a1.amount_cents, confidence, &records, paid_on.as_slice());
    refunded::apply(ctx, draft, &[d.acquirer, r.acquirer], a1.amount_cents)
}

/// The same payer paid twice; the till knows the payment of `kept`, not the bill row `extra`.
fn untracked_draft(ctx: &Context, extra: usize, kept: &Pair) -> Draft {
    let x = &ctx.records[extra];
    let (kt, ka) = (&ctx.records[kept.terminal], &ctx.records[kept.acquirer]);
    let wallet = x.pay_method.or(wallet_of(ctx, kept));
    let paid_on = x.time.map(|t| t.date());
    let facts = Facts::QrUntracked(QrUntracked {
        extra: x,
        kept: [kt, ka],
        wallet,
        payer: ident(x.counterparty()).unwrap_or_default(),
        can_revoke: can_revoke(ctx, wallet, paid_on),
        gap_secs: gap(x, ka),
        extra_at: loc(ctx, extra),
        kept_at: (loc(ctx, kept.terminal), loc(ctx, kept.acquirer)),
    });
    let records = [extra, kept.terminal, kept.acquirer];
    let confidence = round_confidence(kept.confidence.min(0.85));
    let draft = finish(ctx, &facts, x.amount_cents, confidence, &records, paid_on.as_slice());
    refunded::apply(ctx, draft, &[extra, kept.acquirer], x.amount_cents)
}

fn finish(
    ctx: &Context,
    facts: &Facts,
    amount_cents: i64,
    confidence: f64,
    records: &[usize],
    days: &[NaiveDate],
) -> Draft {
    let Said { title, explanation, evidence, actions } =
        say(ctx, facts, zh::duplicate_charge, en::duplicate_charge);
    Draft {
        kind: Kind::DuplicateCharge,
        severity: Severity::High,
        amount_cents,
        confidence,
        title,
        explanation,
        records: records.iter().map(|&i| ctx.record_ref(i)).collect(),
        dates: ctx.dates(days, false),
        evidence,
        actions,
    }
}
