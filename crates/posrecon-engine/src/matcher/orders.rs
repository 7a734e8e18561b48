//! Orders (cashier / ERP) <-> the card transactions that paid them.
//!
//! The order list says what was sold and how the cashier recorded the payment; the terminal log
//! says what the card did. An order "paid by card" should have one approved terminal transaction
//! behind it. Orders are typed in first and the card is swiped afterwards, so the time window is
//! asymmetric: by default the payment may come 2 minutes before to 10 minutes after the order's
//! time (`Settings::order_window_before_minutes` / `order_window_after_minutes`).
//!
//! Keys, strongest first, like the terminal <-> acquirer passes:
//!
//! 1. the order carries a 参考号 and a payment has the same one;
//! 2. the order carries a 凭证号 and a payment on a compatible terminal, the same date, has it;
//! 3. the same order number (商户订单号 or the wallet's number) on the order and the payment;
//! 4. the same amount within the window, on a compatible terminal, by best total score
//!    ([`super::assign`]) so that two equal orders minutes apart each get their own payment.
//!
//! Reference keys do not require the amount to agree: an order and its payment with two amounts
//! is an `amount_mismatch` ("order vs terminal"). Payments are terminal charges that the host
//! approved or that the acquirer settled (a dropped sale still paid the order), and, when no
//! terminal log covers them, settled acquirer rows and paid wallet-bill rows with no terminal
//! record. Only orders whose
//! payment method is electronic (card, QR, wallet) and whose status says paid are matched; each
//! payment backs at most one order. A till payment row that the QR passes already paired with its
//! wallet-bill row ([`super::qr`]) is its own payment's attempt and is not linked again.
//!
//! An order never takes a payment of another wallet (a 微信 order and an Alipay bill row), nor a
//! card order a wallet-bill row: a guess across wallets is how two orders trade payments.

use chrono::{Duration, NaiveDateTime};

use super::{
    Candidate, Ctx, IdJoin, KeyIndex, LookupMap, Pair, accept_greedily, assign, ident,
    terminals_compatible,
};
use crate::model::{Outcome, PayMethod, Record, Role, TxnType};

/// How an order was linked to its payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OrderKey {
    /// Same 参考号.
    Rrn,
    /// Same 凭证号 (terminal, date).
    Stan,
    /// Same amount, payment within the window after the order.
    Window,
    /// Same order number (商户订单号, or the wallet's own number).
    OrderId,
}

impl OrderKey {
    /// Stable short name.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderKey::Rrn => "rrn",
            OrderKey::Stan => "stan",
            OrderKey::Window => "window",
            OrderKey::OrderId => "order_id",
        }
    }
}

/// An order and the transaction that paid it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OrderLink {
    /// Index of the order-list record.
    pub order: usize,
    /// Index of the terminal (or, without a terminal record, acquirer) record that paid it.
    pub payment: usize,
    /// Which key linked them.
    pub key: OrderKey,
    /// 0..1.
    pub confidence: f64,
}

/// An order that should be backed by a card or QR payment.
pub(crate) fn is_paid_electronic_order(r: &Record) -> bool {
    r.role == Role::OrderList
        && r.txn_type == TxnType::Sale
        && r.outcome == Outcome::Approved
        && r.pay_method.is_some_and(|m| m.is_electronic())
}

/// Whether a record can be the payment of an order.
fn is_payment(ctx: &Ctx, pairs: &[Option<&Pair>], idx: usize) -> bool {
    let r = &ctx.records[idx];
    if !matches!(r.txn_type, TxnType::Sale | TxnType::PreauthCompletion) {
        return false;
    }
    match r.role {
        Role::TerminalLog => r.outcome == Outcome::Approved || pairs[idx].is_some(),
        Role::AcquirerStatement => pairs[idx].is_none(),
        // A paid wallet-bill row no terminal attempt explains (no terminal log, or a QR order).
        Role::WalletBill => pairs[idx].is_none() && r.outcome == Outcome::Approved,
        _ => false,
    }
}

/// Links orders to payments. `pair_of` gives each record's terminal <-> acquirer pair.
pub(crate) fn run(ctx: &Ctx, pair_of: &[Option<&Pair>]) -> Vec<OrderLink> {
    let records = ctx.records;
    let orders: Vec<usize> = ctx
        .of_role(Role::OrderList)
        .filter(|&(i, r)| is_paid_electronic_order(r) && pair_of[i].is_none())
        .map(|(i, _)| i)
        .collect();
    if orders.is_empty() {
        return Vec::new();
    }
    let payment_roles =
        |role| matches!(role, Role::TerminalLog | Role::AcquirerStatement | Role::WalletBill);
    let payments: Vec<usize> = super::roles_of(records, ctx.roles, payment_roles)
        .filter(|&(i, _)| is_payment(ctx, pair_of, i))
        .map(|(i, _)| i)
        .collect();
    let mut used = vec![false; records.len()];
    let mut links = Vec::new();
    // Keys 1 and 2: references.
    for c in accept_greedily(ctx, by_reference(ctx, &orders, &payments), &mut used) {
        let key = match c.rank[0] {
            0 => OrderKey::Rrn,
            1 => OrderKey::Stan,
            _ => OrderKey::OrderId,
        };
        links.push(OrderLink { order: c.left, payment: c.right, key, confidence: c.confidence });
    }
    // Key 3: amount and time window.
    let by_window = by_window(ctx, &orders, &payments, &used);
    for c in assign::best_total(ctx, by_window, &mut used) {
        links.push(OrderLink {
            order: c.left,
            payment: c.right,
            key: OrderKey::Window,
            confidence: c.confidence,
        });
    }
    links.sort_by_cached_key(|l| ctx.rank[l.order]);
    links
}

/// Candidate links by a shared reference: 参考号 (rank 0), 凭证号 on the same day and terminal
/// (rank 1), an order number (rank 2).
fn by_reference(ctx: &Ctx, orders: &[usize], payments: &[usize]) -> Vec<Candidate> {
    let records = ctx.records;
    // Only the indices some order looks up are built, and without a vector per key: a till's
    // list without 凭证号 would otherwise index a chain store's million payments by STAN (as
    // many small vectors as distinct STANs) for nothing.
    let wants_rrn = orders.iter().any(|&o| ident(&records[o].rrn).is_some());
    let wants_stan = orders.iter().any(|&o| records[o].stan_number().is_some());
    let capacity = |wanted: bool| if wanted { payments.len() } else { 0 };
    let mut by_rrn = IdJoin::with_capacity(records.len(), capacity(wants_rrn));
    let mut by_stan: KeyIndex<u32> = KeyIndex::with_capacity(capacity(wants_stan));
    let mut by_order: LookupMap<&str, Vec<usize>> = LookupMap::default();
    for &p in payments {
        for id in [ident(&records[p].order_id), ident(records[p].channel_order_id())]
            .into_iter()
            .flatten()
        {
            by_order.entry(id).or_default().push(p);
        }
        if wants_rrn && let Some(rrn) = ident(&records[p].rrn) {
            by_rrn.insert(rrn, p);
        }
        if wants_stan && let Some(stan) = records[p].stan_number() {
            by_stan.insert(stan, p);
        }
    }
    let mut by_ref = Vec::new();
    let with_rrn = orders.iter().filter_map(|&o| Some((ident(&records[o].rrn)?, o)));
    by_rrn.join(with_rrn, |o, p| by_ref.push(candidate(&records[o], &records[p], o, p, 0, 0.97)));
    // With no payment carrying an order number and no order a 凭证号 (a card shop's till), the
    // million orders need not be walked again.
    if by_order.is_empty() && !wants_stan {
        return by_ref;
    }
    for &o in orders {
        let order = &records[o];
        let order_ids =
            [ident(order.pay_order_id()), ident(&order.order_id), ident(order.channel_order_id())];
        let mut seen = Vec::new();
        for &p in order_ids.into_iter().flatten().filter_map(|k| by_order.get(k)).flatten() {
            if !seen.contains(&p) && methods_compatible(order, &records[p]) {
                seen.push(p);
                by_ref.push(candidate(order, &records[p], o, p, 2, 0.95));
            }
        }
        for p in order.stan_number().into_iter().flat_map(|k| by_stan.get(&k)) {
            let pay = &records[p];
            let same_day =
                matches!((order.time, pay.time), (Some(a), Some(b)) if a.date() == b.date());
            if same_day && terminals_compatible(order, pay) {
                by_ref.push(candidate(order, pay, o, p, 1, 0.93));
            }
        }
    }
    by_ref
}

/// Candidate links of the orders and payments still free by amount, the payment within the
/// order window ([`crate::config::Settings::order_window_before_minutes`] / `_after_`).
fn by_window(ctx: &Ctx, orders: &[usize], payments: &[usize], used: &[bool]) -> Vec<Candidate> {
    let records = ctx.records;
    let before = Duration::minutes(ctx.settings.order_window_before_minutes.max(0));
    let after = Duration::minutes(ctx.settings.order_window_after_minutes.max(0));
    let mut by_amount: LookupMap<i64, Vec<(NaiveDateTime, usize)>> = LookupMap::default();
    for &p in payments.iter().filter(|&&p| !used[p]) {
        if let Some(time) = records[p].time {
            by_amount.entry(records[p].amount_cents).or_default().push((time, p));
        }
    }
    // Each bucket is sorted on its own, so the map's order does not matter.
    by_amount
        .values_mut()
        .for_each(|bucket| bucket.sort_by_key(|&(time, idx)| (time, ctx.rank[idx])));
    let mut by_window = Vec::new();
    for &o in orders.iter().filter(|&&o| !used[o]) {
        let order = &records[o];
        let Some(o_time) = order.time else { continue };
        let Some(bucket) = by_amount.get(&order.amount_cents) else { continue };
        let start = bucket.partition_point(|&(time, _)| time < o_time - before);
        for &(p_time, p) in &bucket[start..] {
            if p_time > o_time + after {
                break;
            }
            let pay = &records[p];
            if !terminals_compatible(order, pay) || !methods_compatible(order, pay) {
                continue;
            }
            let mut c = candidate(order, pay, o, p, 2, 0.75);
            // Terminal records before settled-only rows, then closeness.
            c.rank = [
                i64::from(pay.role != Role::TerminalLog),
                (p_time - o_time).num_seconds().abs(),
                0,
            ];
            by_window.push(c);
        }
    }
    by_window
}

/// The order's 支付方式 allows this payment: a wallet-bill row pays only an order of its own
/// wallet (or a QR order whose wallet is not said), never a card order.
fn methods_compatible(order: &Record, pay: &Record) -> bool {
    if pay.role != Role::WalletBill {
        return true;
    }
    order.pay_method != Some(PayMethod::Card)
        && super::qr::wallets_compatible(order.pay_method, pay.pay_method)
}

fn candidate(order: &Record, pay: &Record, o: usize, p: usize, key: i64, conf: f64) -> Candidate {
    let delta = match (order.time, pay.time) {
        (Some(a), Some(b)) => (b - a).num_seconds().abs(),
        _ => i64::MAX / 4,
    };
    Candidate {
        left: o,
        right: p,
        rank: [key, i64::from(order.amount_cents != pay.amount_cents), delta],
        confidence: conf,
    }
}
