//! The English words of the findings and incidents.
//!
//! Rules and incident detectors compute typed facts (amounts in fen, dates, identifiers, counts,
//! which records); this file turns those facts into the merchant's words, and nothing else. It
//! holds no logic beyond choosing a sentence for a fact, so the copy can be reviewed here, in one
//! file per language, by someone who does not read Rust. Every function here has a twin of the
//! same name in the other language's file.
#![allow(dead_code)]

#[allow(unused_imports)]
use super::*;

// =====================================================================================
// Payment findings: charged_but_failed, duplicate_charge, missing_settlement,
// pending_outcome, amount_mismatch, unexpected_settlement, reversal_not_settled_back,
// over_refund, order_not_paid, and the QR channel of each.
// =====================================================================================

pub(crate) use payment::*;

/// The payment findings' words. Each function takes a rule's facts and returns its words.
mod payment {
    use super::super::qr::{contact, never_rescan, order_numbers, platform, shown, undo_advice};
    use super::super::{contact_details, date, duration, ids, location, money, terminal_result, time};
    use crate::Lang;
    use crate::diagnose::rules::charged_but_failed::{self as cbf, Channel};
    use crate::diagnose::rules::{Loc, PairFacts, Words};
    use crate::matcher::{Pass, ident};
    use crate::model::Role;

    const L: Lang = Lang::En;

    fn at(l: &Loc) -> String {
        location(L, l.file, l.line)
    }

    /// What a side of a pair is called in evidence.
    fn side(role: Role) -> &'static str {
        match role {
            Role::TerminalLog => "terminal",
            Role::OrderList => "till",
            Role::WalletBill => "bill",
            Role::AcquirerStatement => "statement",
            Role::BankStatement => "bank statement",
        }
    }

    /// Why the matcher believes two records are one transaction.
    pub(crate) fn pair_evidence(f: &PairFacts) -> Vec<String> {
        let (t, a, pair) = (f.attempt, f.settled, f.pair);
        let conf = format!("{:.2}", pair.confidence);
        let window = f.window_minutes;
        let mut out = vec![match pair.pass {
            Pass::Rrn => format!(
                "matched by RRN (pass 1, confidence {conf}): RRN {} on both sides",
                ident(&t.rrn).unwrap_or("")
            ),
            Pass::Stan => format!(
                "matched by terminal + STAN + date (pass 2, confidence {conf}): terminal {}, STAN {} / {} (compared as numbers)",
                ident(&a.terminal_id).or(ident(&t.terminal_id)).unwrap_or("-"),
                ident(&t.stan).unwrap_or(""),
                ident(&a.stan).unwrap_or("")
            ),
            Pass::Window => format!(
                "matched by terminal + amount + time (pass 3, no usable RRN or STAN, confidence {conf}; window ±{window} min)"
            ),
            Pass::OrderId => format!(
                "matched by order number (confidence {conf}): {} on both sides",
                f.order_id
            ),
            Pass::QrWindow => format!(
                "QR payment matched by wallet + amount + time (no usable order number, confidence {conf}; window ±{window} min)"
            ),
        }];
        let (t_side, a_side) = (side(t.role), side(a.role));
        if let Some(delta) = pair.time_delta_secs {
            out.push(format!(
                "time: {t_side} {}, {a_side} {}, {} apart",
                time(L, t.time),
                time(L, a.time),
                duration(L, delta)
            ));
        }
        out.push(if t.amount_cents == a.amount_cents {
            format!("same amount: {}", money(L, t.amount_cents))
        } else {
            format!(
                "amounts differ: {t_side} {}, {a_side} {}",
                money(L, t.amount_cents),
                money(L, a.amount_cents)
            )
        });
        match (pair.card_agrees, t.card_last4(), a.card_last4()) {
            (Some(true), Some(l4), _) => out.push(format!("same card ending: {l4}")),
            (Some(false), Some(x), Some(y)) => {
                out.push(format!("card endings differ: terminal {x}, statement {y}"))
            }
            _ => {}
        }
        if let (Some(x), Some(y)) = (ident(&t.batch_no), ident(&a.batch_no)) {
            out.push(format!("batch: terminal {x}, statement {y}"));
        }
        out
    }

    /// A dropped sale: the attempt showed failure, the money moved.
    pub(crate) fn charged_but_failed(f: &cbf::Facts) -> Words {
        match f.channel {
            Channel::Card { clearing } => card_dropped(f, &date(clearing)),
            Channel::Qr { wallet, can_revoke } => qr_dropped(f, wallet, can_revoke),
        }
    }

    fn card_dropped(f: &cbf::Facts, clearing: &str) -> Words {
        let (t, a) = (f.attempt, f.paid);
        let both = [t, a];
        let amount = money(L, a.amount_cents);
        let ids = ids(L, &both);
        let shown = terminal_result(L, t);
        let when = time(L, t.time);
        let contact = contact_details(L, &both);
        let settled_at = at(&f.paid_at);
        let mut evidence = vec![
            format!("terminal result: {shown} ({})", at(&f.attempt_at)),
            format!("acquirer: settled, clearing date {clearing}, no void or reversal row undoes it"),
        ];
        evidence.extend(pair_evidence(&f.pair));
        Words {
            title: format!(
                "Dropped sale: the terminal {shown} at {when}, but {amount} was charged and settled"
            ),
            explanation: format!(
                "This {amount} sale ({ids}) {shown} on the terminal at {when}, so the cashier saw a \
                 failure. The acquirer statement ({settled_at}) shows it settled, clearing date \
                 {clearing}: the customer's card was charged and the money will reach the \
                 merchant. If the customer left without the goods, or paid again some other way, \
                 it needs to be put right."
            ),
            evidence,
            actions: vec![
                "Do not charge the customer again because the terminal showed a failure: this sale was charged.".to_owned(),
                "Check whether the customer paid again (card, cash or QR); if they paid twice, refund the extra payment.".to_owned(),
                format!(
                    "If the customer did not get the goods, either hand them over or refund (退货) the settled {amount}; after settlement a void (撤销) is no longer possible. The refund reaches the customer's card in about 3-5 working days."
                ),
                format!("If unsure, ask the acquirer to confirm this transaction, giving: {contact}."),
            ],
        }
    }

    fn qr_dropped(f: &cbf::Facts, m: Option<crate::model::PayMethod>, can_revoke: bool) -> Words {
        let (t, a) = (f.attempt, f.paid);
        let wallet = super::super::qr::wallet_name(L, m);
        let amount = money(L, a.amount_cents);
        let when = time(L, t.time);
        let ids = order_numbers(L, m, &[t, a]);
        let shown = shown(L, t);
        let contact = contact(L, m, &[a, t]);
        let mut evidence = vec![
            format!("till result: {shown} ({})", at(&f.attempt_at)),
            format!("{wallet} bill: paid ({})", at(&f.paid_at)),
        ];
        evidence.extend(pair_evidence(&f.pair));
        Words {
            title: format!(
                "QR payment dropped: the till {shown} at {when}, but the {wallet} bill shows {amount} paid"
            ),
            explanation: format!(
                "This {amount} {wallet} payment ({ids}) {shown} at the till at {when}, so the cashier did \
                 not see it succeed. The {wallet} bill ({}) shows the order paid: the customer's money \
                 moved and will reach the merchant. If the customer left without the goods or paid \
                 again (a second scan, cash or card), it needs to be put right.",
                at(&f.paid_at)
            ),
            evidence,
            actions: vec![
                format!("First look the order up in {} by its merchant order number and confirm it is paid (支付成功).", platform(L, m)),
                "Do not charge the customer again: this payment succeeded. Check whether they paid a second time (another scan, cash or card).".to_owned(),
                format!("Only if they did pay again: {}", undo_advice(L, m, can_revoke, &amount)),
                "Tell the customer the first payment did go through; anything paid twice goes back the way it was paid (or they get the goods), and they need not pay again.".to_owned(),
                format!("If the bill and the merchant platform disagree, contact {wallet} support (or the provider that set up your QR payments) with: {contact}."),
                never_rescan(L),
            ],
        }
    }
}

// (end of payment findings)
//
//
//

// =====================================================================================
// Deposit findings: missing_deposit, late_deposit, deposit_mismatch, fee_mismatch,
// wallet payouts, and the words they share.
// =====================================================================================

// (end of deposit findings)
//
//
//

// =====================================================================================
// Incidents, cardholder declines and terminal health.
// =====================================================================================

// (end of incidents)
