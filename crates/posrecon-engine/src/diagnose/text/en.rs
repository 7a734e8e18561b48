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

/// The payment findings' words. Each function takes a rule's facts and returns its words; the
/// card and QR channel of a kind are worded side by side. (A module of its own keeps its imports
/// apart from the other sections'.)
mod payment {
    use super::super::qr::qr_ids;
    use super::super::{
        contact_details, date, date_range, duration, ids, location, money, terminal_result, time,
    };
    use crate::config::Lang;
    use crate::diagnose::rules::amount_mismatch as mism;
    use crate::diagnose::rules::charged_but_failed as cbf;
    use crate::diagnose::rules::duplicate_charge as dup;
    use crate::diagnose::rules::missing_settlement as miss;
    use crate::diagnose::rules::order_not_paid as unpaid;
    use crate::diagnose::rules::over_refund as overr;
    use crate::diagnose::rules::pending_outcome as pend;
    use crate::diagnose::rules::refunded as refd;
    use crate::diagnose::rules::reversal_not_settled_back as rev;
    use crate::diagnose::rules::unexpected_settlement as unexp;
    use crate::diagnose::rules::{Loc, PairFacts, Words};
    use crate::matcher::{Pass, ident};
    use crate::model::{Outcome, PayMethod, Record, Role, TxnType};
    use chrono::{NaiveDate, NaiveDateTime};

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
            Pass::OrderId => {
                format!("matched by order number (confidence {conf}): {} on both sides", f.order_id)
            }
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
            cbf::Channel::Card { clearing } => card_dropped(f, &date(clearing)),
            cbf::Channel::Qr { wallet, can_revoke } => qr_dropped(f, wallet, can_revoke),
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
            format!(
                "acquirer: settled, clearing date {clearing}, no void or reversal row undoes it"
            ),
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

    fn qr_dropped(f: &cbf::Facts, m: Option<PayMethod>, can_revoke: bool) -> Words {
        let (t, a) = (f.attempt, f.paid);
        let wallet = qr_wallet(m);
        let amount = money(L, a.amount_cents);
        let when = time(L, t.time);
        let ids = qr_order_numbers(m, &[t, a]);
        let shown = qr_shown(t);
        let contact = qr_contact(m, &[a, t]);
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
                format!("First look the order up in {} by its merchant order number and confirm it is paid (支付成功).", qr_platform(m)),
                "Do not charge the customer again: this payment succeeded. Check whether they paid a second time (another scan, cash or card).".to_owned(),
                format!("Only if they did pay again: {}", qr_undo_advice(m, can_revoke, &amount)),
                "Tell the customer the first payment did go through; anything paid twice goes back the way it was paid (or they get the goods), and they need not pay again.".to_owned(),
                format!("If the bill and the merchant platform disagree, contact {wallet} support (or the provider that set up your QR payments) with: {contact}."),
                qr_never_rescan(),
            ],
        }
    }

    fn gap(secs: Option<i64>) -> String {
        secs.map_or_else(|| "—".to_owned(), |s| duration(L, s))
    }

    /// Charged twice: one purchase paid twice.
    pub(crate) fn duplicate_charge(f: &dup::Facts) -> Words {
        match f {
            dup::Facts::Card(c) => Words {
                title: card_twice_title(c),
                explanation: card_twice_explanation(c),
                evidence: card_twice_evidence(c),
                actions: card_twice_actions(c),
            },
            dup::Facts::QrRescan(r) => qr_rescan(r),
            dup::Facts::QrUntracked(u) => qr_untracked(u),
        }
    }

    fn card_twice_title(c: &dup::Card) -> String {
        let amount = money(L, c.failed[1].amount_cents);
        let gap = gap(c.gap_secs);
        let (tid1, tid2) = c.terminals;
        match (c.card_confirmed.then_some(c.card).flatten(), c.same_terminal) {
            (Some(l4), _) if c.late => format!(
                "Possibly charged twice: card ending {l4} paid {amount} again {gap} later; confirm with the customer"
            ),
            (Some(l4), _) if !c.also_failed.is_empty() => format!(
                "Charged {} times: card ending {l4} paid {amount} {} times for one purchase, {} extra",
                c.times_charged(),
                c.times_charged(),
                money(L, c.extra_cents())
            ),
            (Some(l4), _) => {
                format!("Charged twice: card ending {l4} paid {amount} twice within {gap}")
            }
            (None, true) => {
                format!("Probably charged twice: {amount} twice on one terminal within {gap}")
            }
            (None, false) => format!(
                "Possibly charged twice: {amount} on terminal {tid1} and again on {tid2} within {gap} (card cannot be compared)"
            ),
        }
    }

    fn card_twice_explanation(c: &dup::Card) -> String {
        let [t1, a1] = c.failed;
        let [t2, a2] = c.approved;
        let amount = money(L, a1.amount_cents);
        let (ids1, ids2) = (ids(L, &[t1, a1]), ids(L, &[t2, a2]));
        let shown = terminal_result(L, t1);
        let (when1, when2) = (time(L, t1.time), time(L, t2.time));
        let gap = gap(c.gap_secs);
        let (loc1, loc2) = (at(&c.settled_at.0), at(&c.settled_at.1));
        let paid_twice = if c.card_confirmed {
            format!("the customer paid {amount} twice for one purchase")
        } else {
            format!("most likely the customer paid {amount} twice for one purchase")
        };
        let mut explanation = if c.late {
            format!(
                "Shown as failed on the terminal: {when1}, {ids1}, the terminal {shown}. Approved on the \
                 terminal: {when2}, {ids2}. The acquirer statement shows both settled ({loc1}, {loc2}). \
                 {gap} later the same card paid again: it may be the customer paying again, or another \
                 purchase; confirm with the customer first. The two are further apart than the duplicate \
                 window ({} min), so this cannot be called a double charge for sure; but the failed one \
                 was charged.",
                c.window_minutes
            )
        } else {
            format!(
                "Shown as failed on the terminal: {when1}, {ids1}, the terminal {shown}. Approved on the \
                 terminal: {when2}, {ids2}. The acquirer statement shows both settled ({loc1}, {loc2}): \
                 {paid_twice}. Usually the first attempt timed out, \
                 the cashier charged again, and the first attempt's automatic reversal never arrived."
            )
        };
        if !c.same_terminal {
            explanation.push_str(&format!(
                " The second charge was taken on another terminal ({}): after a timeout cashiers often try the next terminal.",
                c.terminals.1
            ));
        }
        explanation.push_str(&also_failed_explanation(c));
        if !c.card_confirmed {
            explanation.push_str(
                " But at least one of them has no card number, so the files cannot confirm it was the same customer: compare the two receipts before refunding.",
            );
        }
        explanation
    }

    fn card_twice_actions(c: &dup::Card) -> Vec<String> {
        let [t1, a1] = c.failed;
        let [t2, a2] = c.approved;
        let amount = money(L, a1.amount_cents);
        let ids2 = ids(L, &[t2, a2]);
        let when2 = time(L, t2.time);
        let tid1 = c.terminals.0;
        let failed_ids = ids(L, &[a1, t1]);
        let contact = contact_details(L, &[a1, t1]);
        let refund = if c.settled_already {
            format!(
                "On its own terminal {tid1}, refund (退货) the charge the terminal showed as failed ({failed_ids}, {amount}); it is settled, so it can no longer be voided."
            )
        } else {
            format!(
                "On its own terminal {tid1}, refund the charge the terminal showed as failed ({failed_ids}, {amount}): void it (消费撤销) on the POS if it is still the same day and batch and not yet settled, otherwise refund it (退货)."
            )
        };
        let extra = money(L, c.extra_cents());
        let mut actions = Vec::new();
        if c.late {
            actions.push(format!(
                "First ask the customer whether the charge of {when2} ({ids2}) paid again for the same purchase: if it did, refund the failed one as below; if it was another purchase, keep both, and the failed one ({failed_ids}) is a dropped sale: hand over the goods the customer did not get, or refund it."
            ));
        }
        if !c.card_confirmed {
            actions.push(format!(
                "First compare the two receipts (card number, signature): if they are two customers, this is no double charge, and the failed one ({failed_ids}) is a dropped sale: hand over the goods or refund it."
            ));
        }
        let if_confirmed = if c.late { "If the customer confirms paying again: " } else { "" };
        actions.push(refund);
        actions.extend(also_failed_refunds(c));
        actions.extend([
            format!("Keep the charge the terminal approved ({ids2}); do not refund both."),
            format!(
                "{if_confirmed}{} the customer the extra {extra} is coming back: a void is usually back the same day, a refund takes 3-5 working days.",
                if c.late { "tell" } else { "Tell" }
            ),
            format!("If the POS cannot do it, ask the acquirer, giving: {contact}."),
        ]);
        actions
    }

    /// A purchase charged three times or more: the further failed charges, in one sentence.
    fn also_failed_explanation(c: &dup::Card) -> String {
        if c.also_failed.is_empty() {
            return String::new();
        }
        let list: Vec<String> = c
            .also_failed
            .iter()
            .map(|x| {
                let [t, a] = x.rows;
                format!("{}, {} ({})", time(L, t.time), ids(L, &[t, a]), at(&x.settled_at))
            })
            .collect();
        format!(
            " Before the approved one, the same card has {} more charge(s) of the same amount shown as failed yet settled: {}. The customer was charged {} times for one purchase, {} too much; every charge shown as failed is to be refunded.",
            c.also_failed.len(),
            list.join("; "),
            c.times_charged(),
            money(L, c.extra_cents())
        )
    }

    /// One refund per further failed charge.
    fn also_failed_refunds(c: &dup::Card) -> Vec<String> {
        c.also_failed
            .iter()
            .map(|x| {
                let [t, a] = x.rows;
                let tid = ident(&t.terminal_id).or(ident(&a.terminal_id)).unwrap_or("—");
                format!(
                    "Likewise, on terminal {tid}, {} the other charge shown as failed ({}, {}).",
                    if c.settled_already {
                        "refund (退货)"
                    } else {
                        "void (撤销; refund 退货 once settled)"
                    },
                    ids(L, &[a, t]),
                    money(L, a.amount_cents)
                )
            })
            .collect()
    }

    fn card_twice_evidence(c: &dup::Card) -> Vec<String> {
        let (tid1, tid2) = c.terminals;
        let gap = gap(c.gap_secs);
        let window = c.window_minutes;
        let late_minutes = crate::diagnose::rules::duplicate_charge::LATE_RETRY_MINUTES;
        let mut evidence = vec![
            if c.same_terminal {
                format!("same terminal: {tid1}")
            } else {
                format!(
                    "two terminals of one merchant: the failed one on {tid1}, the approved one on {tid2}"
                )
            },
            format!("same amount: {}, both settled", money(L, c.failed[1].amount_cents)),
            match (c.card_confirmed, c.card) {
                (true, Some(l4)) => format!("same card ending: {l4}"),
                _ => "card unknown: at least one has no card number; judged on merchant, amount and time only, so it may be two customers"
                    .to_owned(),
            },
            if c.late {
                format!(
                    "{gap} apart: past the duplicate window of {window} min, but within {late_minutes} min, on the same clearing date, by the same card"
                )
            } else {
                format!("{gap} apart (duplicate window {window} min)")
            },
        ];
        evidence
            .extend(pair_evidence(&c.failed_pair).into_iter().map(|e| format!("failed one: {e}")));
        evidence.extend(
            pair_evidence(&c.approved_pair).into_iter().map(|e| format!("approved one: {e}")),
        );
        evidence.extend(c.also_failed.iter().map(|x| {
            let [t, a] = x.rows;
            format!(
                "another failed one: {}, {}, the terminal {}, settled ({}), {} before the approved one, same card ending",
                time(L, t.time),
                ids(L, &[t, a]),
                terminal_result(L, t),
                at(&x.settled_at),
                x.gap_secs.map_or_else(|| "—".to_owned(), |s| duration(L, s))
            )
        }));
        evidence
    }

    fn qr_rescan(r: &dup::QrRescan) -> Words {
        let [t1, a1] = r.first;
        let [t2, a2] = r.second;
        let m = r.wallet;
        let wallet = qr_wallet(m);
        let amount = money(L, a1.amount_cents);
        let gap = gap(r.gap_secs);
        let first_ids = qr_order_numbers(m, &[t1, a1]);
        let second_ids = qr_order_numbers(m, &[t2, a2]);
        let shown = qr_shown(t1);
        let contact = qr_contact(m, &[a1, t1]);
        let (w1, w2) = (time(L, t1.time), time(L, t2.time));
        let mut evidence = vec![
            format!(
                "first: till {shown} ({}), bill paid ({})",
                at(&r.first_at.0),
                at(&r.first_at.1)
            ),
            format!(
                "second: till paid ({}), bill paid ({}), {gap} later",
                at(&r.second_at.0),
                at(&r.second_at.1)
            ),
        ];
        evidence.extend(pair_evidence(&r.first_pair));
        Words {
            title: format!("Paid twice by QR: the customer paid {amount} twice with {wallet} ({w1} and {w2})"),
            explanation: format!(
                "The first scan at {w1} ({first_ids}) {shown} at the till, so the cashier scanned again \
                 {gap} later ({second_ids}), which succeeded. The {wallet} bill shows both orders paid: \
                 the customer paid {amount} twice for one purchase."
            ),
            evidence,
            actions: vec![
                format!("Look both merchant order numbers up in {} and confirm both are paid.", qr_platform(m)),
                format!("Keep the second payment ({second_ids}) and give the first one ({first_ids}) back."),
                qr_undo_advice(m, r.can_revoke, &amount),
                "Tell the customer the first scan was charged after all and the extra payment is (or will be) returned the way it was paid; they will see a refund notice in WeChat/Alipay.".to_owned(),
                format!("If it cannot be reversed or refunded, contact {wallet} support (or the provider that set up your QR payments) with: {contact}."),
                qr_never_rescan(),
            ],
        }
    }

    fn qr_untracked(u: &dup::QrUntracked) -> Words {
        let x = u.extra;
        let [kt, ka] = u.kept;
        let m = u.wallet;
        let wallet = qr_wallet(m);
        let amount = money(L, x.amount_cents);
        let payer = u.payer;
        let (wx, wk) = (time(L, x.time), time(L, ka.time));
        let gap = gap(u.gap_secs);
        let extra_ids = qr_order_numbers(m, &[x]);
        let kept_ids = qr_order_numbers(m, &[kt, ka]);
        let contact = qr_contact(m, &[x]);
        Words {
            title: format!("Paid twice by QR: the customer paid {amount} twice with {wallet} ({wx} and {wk})"),
            explanation: format!(
                "The {wallet} bill has two paid rows of {amount}, at {wx} and {wk} ({gap} apart), both by payer \"{payer}\". The till records only the one of {wk} ({kept_ids}); the one of {wx} ({extra_ids}) is not on the till: one customer paid {amount} twice for one purchase (a re-scan charged both times)."
            ),
            evidence: vec![
                format!("not on the till: {wallet} bill paid ({}), payer \"{payer}\"", at(&u.extra_at)),
                format!(
                    "on the till: till {} ({}), bill paid ({}), same payer, {gap} apart",
                    qr_shown(kt),
                    at(&u.kept_at.0),
                    at(&u.kept_at.1)
                ),
            ],
            actions: vec![
                format!("Look both merchant order numbers up in {} and confirm both are paid by the same customer.", qr_platform(m)),
                format!("Keep the payment the till records ({kept_ids}) and give back the one it does not know ({extra_ids})."),
                qr_undo_advice(m, u.can_revoke, &amount),
                "Tell the customer the extra payment is (or will be) returned the way it was paid; they will see a refund notice in WeChat/Alipay.".to_owned(),
                format!("If it cannot be reversed or refunded, contact {wallet} support (or the provider that set up your QR payments) with: {contact}."),
                qr_never_rescan(),
            ],
        }
    }

    /// The days the loaded wallet bills cover: `2026-11-09` or `2026-11-09 to 2026-11-12`.
    fn covered_days(range: Option<(NaiveDate, NaiveDate)>) -> String {
        range
            .map(|(a, b)| if a == b { a.to_string() } else { format!("{a} to {b}") })
            .unwrap_or_else(|| "—".to_owned())
    }

    /// Outcome pending: an attempt the loaded files cannot decide yet.
    pub(crate) fn pending_outcome(f: &pend::Facts) -> Words {
        match &f.channel {
            pend::Channel::Card(c) => card_pending(f, c),
            pend::Channel::Qr { date, bills_cover } => qr_pending(f, *date, *bills_cover),
        }
    }

    fn card_pending_reason(c: &pend::Card) -> String {
        let pend::Card { why, coverage, terminal, .. } = c;
        let coverage = coverage.map(|(a, b)| date_range(L, a, b)).unwrap_or_default();
        match why {
            pend::Why::NoStatement => {
                "No acquirer statement is loaded, so whether the card was charged cannot be decided."
                    .to_owned()
            }
            pend::Why::DateNotLoaded(d) => format!(
                "The loaded acquirer statements cover clearing dates {coverage} and have no rows for {d}, so whether the card was charged cannot be decided yet."
            ),
            pend::Why::TerminalNotInStatement => format!(
                "The loaded acquirer statements have no sales of terminal {terminal} at all (it may settle through another acquirer), so whether the card was charged cannot be decided."
            ),
            pend::Why::NoDate => "The record has no time, so its clearing date is unknown.".to_owned(),
        }
    }

    fn card_pending(f: &pend::Facts, c: &pend::Card) -> Words {
        let pend::Card { clearing, deposit, escalate, escalate_after_working_days, .. } = c;
        let t = f.attempt;
        let amount = money(L, t.amount_cents);
        let ids = ids(L, &[t]);
        let when = time(L, t.time);
        let shown = terminal_result(L, t);
        let clearing_text = date(*clearing);
        let (deposit, escalate) = (date(*deposit), date(*escalate));
        let contact = contact_details(L, &[t]);
        let reason = card_pending_reason(c);
        // With no acquirer statement loaded at all, the file decides it: say "add it" before
        // "ask the acquirer" (issue 13).
        let missing = matches!(c.why, pend::Why::NoStatement);
        let load = match (clearing, missing) {
            (Some(d), true) => format!(
                "Add the acquirer statement: download the statement for clearing date {d} from the acquirer's merchant portal, add it and run the analysis again: if this sale is in it, it was a dropped sale; if not, it was reversed and not charged."
            ),
            (Some(d), false) => format!(
                "Download the acquirer statement for clearing date {d} and run the analysis again: if this sale is in it, it was a dropped sale; if not, it was reversed and not charged."
            ),
            (None, true) => {
                "Add the acquirer statement covering this sale and run the analysis again."
                    .to_owned()
            }
            (None, false) => {
                "Load the acquirer statement covering this sale and run the analysis again."
                    .to_owned()
            }
        };
        let query = "First query or reprint the sale on the POS by its STAN: if the terminal now shows it approved, treat it as approved; if it still shows a failure or nothing, the acquirer statement decides.".to_owned();
        let no_recharge = "Until it is confirmed, do not ask the customer to pay again for it; if they already did, keep their contact details so the extra payment can be refunded. If the sale failed but the card was debited, the debit is normally reversed automatically, usually within 1-3 working days; the customer can be told so.".to_owned();
        let ask = format!("Ask the acquirer whether this sale was charged, giving: {contact}.");
        let actions = if f.overdue {
            if missing {
                let fallback = format!(
                    "If the statement cannot be had, ask the acquirer whether this sale was charged, giving: {contact}."
                );
                let late = format!(
                    "It is past {escalate} ({escalate_after_working_days} working days after the expected deposit on {deposit}). "
                );
                vec![format!("{late}{load}"), query, no_recharge, fallback]
            } else {
                let late = format!(
                    "It is past {escalate} ({escalate_after_working_days} working days after the expected deposit on {deposit}), act now: "
                );
                vec![format!("{late}{ask}"), query, load, no_recharge]
            }
        } else {
            vec![query, load, no_recharge, format!("If it is still unclear by {escalate}: {ask}")]
        };
        Words {
            title: format!(
                "Outcome pending: {amount} at {when} is unresolved until the statement for {clearing_text}"
            ),
            explanation: format!(
                "This {amount} sale ({ids}) {shown} on the terminal at {when}: the terminal does not know \
                 whether the bank charged the card, so the customer may have paid. Its clearing date is \
                 {clearing_text}. {reason}"
            ),
            evidence: vec![
                format!("terminal result: {shown} ({})", at(&f.attempt_at)),
                format!(
                    "clearing date {clearing_text}, expected deposit {deposit}, contact the acquirer after {escalate}"
                ),
                reason,
            ],
            actions,
        }
    }

    fn qr_pending(
        f: &pend::Facts,
        date: NaiveDate,
        bills_cover: Option<(NaiveDate, NaiveDate)>,
    ) -> Words {
        let t = f.attempt;
        let m = t.pay_method;
        let wallet = qr_wallet(m);
        let amount = money(L, t.amount_cents);
        let when = time(L, t.time);
        let ids = qr_order_numbers(m, &[t]);
        let contact = qr_contact(m, &[t]);
        let shown = qr_shown(t);
        Words {
            title: format!("QR outcome unknown: {amount} {wallet} payment at {when} {shown}; the bill for {date} is not loaded"),
            explanation: format!(
                "This {amount} {wallet} payment ({ids}) {shown} at the till at {when}: the customer may still \
                 have been entering the password, and the money may have moved. The loaded {wallet} bills \
                 do not include {date}, so it cannot be decided yet."
            ),
            evidence: vec![format!(
                "till result: {shown} ({}); {wallet} bills cover {}",
                at(&f.attempt_at),
                covered_days(bills_cover)
            )],
            actions: vec![
                format!("Query the order on the till now, or in {} by its merchant order number.", qr_platform(m)),
                format!("Download the {wallet} bill for {date} and run the analysis again."),
                "Do not let the customer scan again before the first result is known; if both scans were paid, reverse or refund one.".to_owned(),
                format!("If it cannot be found, contact {wallet} support (or the provider) with: {contact}."),
            ],
        }
    }

    /// Not settled: shown approved, missing from the file that decides it.
    pub(crate) fn missing_settlement(f: &miss::Facts) -> Words {
        match &f.channel {
            miss::Channel::Card(c) => card_missing(f, c),
            miss::Channel::Qr { date, bills_cover } => qr_missing(f, *date, *bills_cover),
        }
    }

    fn card_missing(f: &miss::Facts, c: &miss::Card) -> Words {
        let miss::Card {
            clearing,
            day_has_rows,
            covered,
            deposit,
            escalate,
            cutoff,
            window_minutes,
        } = c;
        let t = f.attempt;
        let amount = money(L, t.amount_cents);
        let ids = ids(L, &[t]);
        let when = time(L, t.time);
        let covered = date_range(L, covered.0, covered.1);
        let deposit = deposit.map(|d| d.to_string()).unwrap_or_default();
        let escalate = escalate.map(|d| d.to_string()).unwrap_or_default();
        let next_day = clearing.succ_opt().unwrap_or(*clearing);
        let contact = contact_details(L, &[t]);
        let cutoff = cutoff.format("%H:%M");
        let shown = terminal_result(L, t);
        let mut explanation = format!(
            "This {amount} sale ({ids}) was approved on the terminal at {when} ({shown}); with the {cutoff} \
             cut-off it clears on {clearing}. The loaded acquirer statements cover clearing dates \
             {covered}, but none of their rows is this sale: no RRN, no terminal + STAN, and \
             nothing of the same amount within {window_minutes} minutes. The money may never reach the merchant."
        );
        if !day_has_rows {
            explanation.push_str(&format!(
                " Note: the statements have no rows at all for {clearing}; that day's file may simply not be loaded."
            ));
        }
        Words {
            title: format!(
                "Not settled: {amount} approved on the terminal at {when} is missing from the statement"
            ),
            explanation,
            evidence: vec![
                format!("terminal result: {shown} ({})", at(&f.attempt_at)),
                format!("clearing date {clearing} (time {when}, cut-off {cutoff})"),
                format!("acquirer statements cover clearing dates {covered}"),
                if *day_has_rows {
                    format!("the statements settle other sales on {clearing}, but not this one")
                } else {
                    format!("the statements have no rows for {clearing}")
                },
                "no match by RRN, terminal + STAN, or terminal + amount + time".to_owned(),
            ],
            actions: vec![
                format!(
                    "First look at the statement for clearing date {next_day} (some acquirers are a day late) and query or reprint the sale on the POS by its STAN to confirm it was approved."
                ),
                format!(
                    "Check whether the bank deposit of {deposit} is short by this sale's net amount."
                ),
                format!(
                    "File a missing-settlement claim (请款) with the acquirer, with the day's receipt (签购单), a bank statement screenshot, and: {contact}; note the case number."
                ),
                format!(
                    "If it is not resolved or paid by {escalate}, chase the acquirer and escalate."
                ),
            ],
        }
    }

    fn qr_missing(
        f: &miss::Facts,
        date: NaiveDate,
        bills_cover: Option<(NaiveDate, NaiveDate)>,
    ) -> Words {
        let t = f.attempt;
        let m = t.pay_method;
        let wallet = qr_wallet(m);
        let amount = money(L, t.amount_cents);
        let when = time(L, t.time);
        let ids = qr_order_numbers(m, &[t]);
        let contact = qr_contact(m, &[t]);
        let days = covered_days(bills_cover);
        let shown = qr_shown(t);
        Words {
            title: format!("QR not collected: {amount} {wallet} payment paid at the till at {when} is not on the bill"),
            explanation: format!(
                "This {amount} {wallet} payment ({ids}) {shown} at the till at {when}. The loaded {wallet} bills \
                 cover {days} and have other rows on {date}, but not this order (no order number, \
                 nothing of the amount and time). The money may never have been collected."
            ),
            evidence: vec![
                format!("till result: {shown} ({})", at(&f.attempt_at)),
                format!("{wallet} bills cover {days} and have rows on {date}, not this one"),
            ],
            actions: vec![
                format!("Look the order up in {} by its merchant order number.", qr_platform(m)),
                "If it shows unpaid or closed, the customer did not pay: ask them to pay if you can reach them.".to_owned(),
                "If it shows paid, download that day's bill again and ask the provider why the bill lacks it.".to_owned(),
                format!("Contact {wallet} support (or the provider that set up your QR payments) with: {contact}."),
            ],
        }
    }

    /// Unexpected settlement: settled, and no attempt explains it.
    pub(crate) fn unexpected_settlement(f: &unexp::Facts) -> Words {
        match f.channel {
            unexp::Channel::Card { clearing, terminal_log } => {
                card_unexpected(f, clearing, terminal_log)
            }
            unexp::Channel::Qr => qr_unexpected(f),
        }
    }

    fn card_unexpected(
        f: &unexp::Facts,
        clearing: Option<NaiveDate>,
        terminal_log: Option<(NaiveDateTime, NaiveDateTime)>,
    ) -> Words {
        let a = f.settled;
        let amount = money(L, a.amount_cents);
        let ids = ids(L, &[a]);
        let when = time(L, a.time);
        let loc = at(&f.settled_at);
        let (start, end) =
            terminal_log.map(|(s, e)| (time(L, Some(s)), time(L, Some(e)))).unwrap_or_default();
        let contact = contact_details(L, &[a]);
        let lookup = match ident(&a.stan) {
            Some(s) => format!(
                "Query or reprint STAN {s} on the POS and find its receipt stub to confirm it is this shop's sale."
            ),
            None => format!(
                "Look for a {amount} sale around {when} in the POS history and find its receipt stub to confirm it is this shop's sale."
            ),
        };
        Words {
            title: format!(
                "Unexpected settlement: {amount} settled ({when}) but not on the terminal log"
            ),
            explanation: format!(
                "The acquirer statement ({loc}) shows a settled {amount} sale ({ids}, time {when}), but the \
                 terminal log, which covers {start} to {end} for this terminal, has no such sale. The \
                 terminal may have lost the record or the export is incomplete, a sale the cashier took \
                 for failed actually went through, or the sale is not this shop's. Money that cannot be \
                 explained may be taken back later (retrieval request, chargeback or credit adjustment)."
            ),
            evidence: vec![
                format!(
                    "acquirer: settled ({loc}), clearing date {}",
                    clearing.map(|d| d.to_string()).unwrap_or_default()
                ),
                format!(
                    "the terminal log covers {start} to {end} for this terminal; this sale falls inside"
                ),
                "no terminal record matches by RRN, terminal + STAN, or terminal + amount + time"
                    .to_owned(),
            ],
            actions: vec![
                lookup,
                "If it is this shop's sale but the terminal showed a failure or nothing: check whether the customer got the goods or paid again, and refund any double payment.".to_owned(),
                format!(
                    "If it cannot be explained, do not count it as revenue yet and ask the acquirer to investigate, giving: {contact}."
                ),
            ],
        }
    }

    fn qr_unexpected(f: &unexp::Facts) -> Words {
        let a = f.settled;
        let m = a.pay_method;
        let wallet = qr_wallet(m);
        let amount = money(L, a.amount_cents);
        let when = time(L, a.time);
        let ids = qr_order_numbers(m, &[a]);
        let contact = qr_contact(m, &[a]);
        Words {
            title: format!("QR payment not on the till: the {wallet} bill has {amount} at {when} that no till record explains"),
            explanation: format!(
                "The {wallet} bill ({}) shows {amount} received at {when} ({ids}), inside the time the loaded \
                 till / order records cover, but none of them is this payment. It may be a scan the till \
                 showed as failed (the customer then paid again), or a payment taken on another device or shop.",
                at(&f.settled_at)
            ),
            evidence: vec![format!(
                "{wallet} bill: paid ({}), no matching till or order record",
                at(&f.settled_at)
            )],
            actions: vec![
                format!("Look the order up in {} by its merchant order number to see which device and cashier took it.", qr_platform(m)),
                "Check whether a customer said they paid while the till showed a failure; if they paid twice, reverse or refund the extra payment.".to_owned(),
                format!("If it cannot be explained, contact {wallet} support (or the provider) with: {contact}."),
            ],
        }
    }

    /// Amount mismatch: one transaction, two amounts.
    pub(crate) fn amount_mismatch(f: &mism::Facts) -> Words {
        match &f.channel {
            mism::Channel::Card { pair } => card_mismatch(f, pair),
            mism::Channel::Order { order_at, by_rrn } => order_mismatch(f, order_at, *by_rrn),
            mism::Channel::Qr { wallet, pair } => qr_mismatch(f, *wallet, pair),
        }
    }

    fn card_mismatch(f: &mism::Facts, pair: &PairFacts) -> Words {
        let (t, a) = (f.expected, f.settled);
        let diff = f.diff_cents();
        let (on_terminal, settled, diff_text) =
            (money(L, t.amount_cents), money(L, a.amount_cents), money(L, diff.abs()));
        let ids = ids(L, &[t, a]);
        let when = time(L, t.time);
        let contact = contact_details(L, &[a, t]);
        let check_receipt =
            "Take out the signed receipt (签购单) and check the amount the customer confirmed."
                .to_owned();
        let (explanation, actions) = if diff > 0 {
            (
                format!(
                    "This sale at {when} ({ids}) is {on_terminal} on the terminal but settled at {settled}, {diff_text} more: the customer may have been overcharged."
                ),
                vec![
                    check_receipt,
                    format!(
                        "If the receipt says {on_terminal}, refund the extra {diff_text} to the customer (partial refund) and tell the acquirer."
                    ),
                    format!("Ask the acquirer to investigate, giving: {contact}."),
                ],
            )
        } else {
            (
                format!(
                    "This sale at {when} ({ids}) is {on_terminal} on the terminal but settled at only {settled}, {diff_text} less: the merchant is short the difference."
                ),
                vec![
                    check_receipt,
                    format!(
                        "Claim the missing {diff_text} from the acquirer (请款 / adjustment request) with the receipt and: {contact}."
                    ),
                ],
            )
        };
        Words {
            title: format!(
                "Amount mismatch: terminal {on_terminal}, settled {settled} ({diff_text} apart)"
            ),
            explanation,
            evidence: pair_evidence(pair),
            actions,
        }
    }

    fn order_mismatch(f: &mism::Facts, order_at: &Loc, by_rrn: bool) -> Words {
        let (o, p) = (f.expected, f.settled);
        let diff = f.diff_cents();
        let (ordered, paid, diff_text) =
            (money(L, o.amount_cents), money(L, p.amount_cents), money(L, diff.abs()));
        let order_id = ident(&o.order_id).unwrap_or("—");
        let ids = ids(L, &[p]);
        let when = time(L, p.time);
        Words {
            title: format!(
                "Amount mismatch: order {order_id} is {ordered}, card paid {paid} ({diff_text} apart)"
            ),
            explanation: format!(
                "The till's order {order_id} ({}) is {ordered}; the card transaction linked to it ({ids}, {when}) is {paid}. {}",
                at(order_at),
                if diff > 0 {
                    "The customer was charged too much."
                } else {
                    "The customer paid too little."
                }
            ),
            evidence: vec![
                format!("order vs terminal: order {ordered}, terminal {paid}"),
                format!("linked by {}", if by_rrn { "RRN" } else { "voucher number (STAN)" }),
            ],
            actions: vec![
                "Compare the order slip with the card receipt.".to_owned(),
                if diff > 0 {
                    format!("Refund the extra {diff_text} to the customer (partial refund).")
                } else {
                    format!("Collect the missing {diff_text} or correct the order in the till.")
                },
            ],
        }
    }

    fn qr_mismatch(f: &mism::Facts, m: Option<PayMethod>, pair: &PairFacts) -> Words {
        let (t, a) = (f.expected, f.settled);
        let wallet = qr_wallet(m);
        let (tm, am) = (money(L, t.amount_cents), money(L, a.amount_cents));
        let diff = f.diff_cents();
        let ids = qr_order_numbers(m, &[t, a]);
        let contact = qr_contact(m, &[a, t]);
        Words {
            title: format!("QR amount differs: till {tm}, {wallet} bill {am}"),
            explanation: format!(
                "One order ({ids}) is {tm} at the till and {am} on the {wallet} bill, {} apart.",
                money(L, diff.abs())
            ),
            evidence: pair_evidence(pair),
            actions: vec![
                format!(
                    "Look the order up in {} by its merchant order number and check what was paid (coupons and discounts included).",
                    qr_platform(m)
                ),
                if diff > 0 {
                    "The customer paid too much: refund (退款) the difference and tell them it goes back the way it was paid.".to_owned()
                } else {
                    "The customer paid less: check against the receipt; a coupon or discount explains it.".to_owned()
                },
                format!(
                    "If it cannot be explained, contact {wallet} support (or the provider) with: {contact}."
                ),
            ],
        }
    }

    /// Order without payment: a till order marked paid with no payment behind it.
    pub(crate) fn order_not_paid(f: &unpaid::Facts) -> Words {
        match f.channel {
            unpaid::Channel::Card { before, after } => card_order_not_paid(f, before, after),
            unpaid::Channel::Qr { bills_cover, till_attempt } => {
                qr_order_not_paid(f, bills_cover, till_attempt)
            }
        }
    }

    fn card_order_not_paid(f: &unpaid::Facts, before: i64, after: i64) -> Words {
        let o = f.order;
        let amount = money(L, o.amount_cents);
        let when = time(L, o.time);
        let order_id = ident(&o.order_id).unwrap_or("—");
        let location = at(&f.order_at);
        Words {
            title: format!(
                "Order without payment: order {order_id} ({amount}, {when}) marked paid by card"
            ),
            explanation: format!(
                "The till's order {order_id} ({location}) at {when} says {amount} was paid by bank \
                 card; but the terminal log, which covers that time, has no approved card \
                 transaction behind it: none with its reference or voucher number, and none of the \
                 same amount from {before} minutes before to {after} minutes after the order. The \
                 money was most likely never taken."
            ),
            evidence: vec![
                format!("order: {order_id}, amount {amount}, time {when}, paid by card, status paid"),
                format!(
                    "searched: reference and voucher number; same amount from {before} min before to {after} min after{}",
                    ident(&o.terminal_id).map(|t| format!(", terminal {t}")).unwrap_or_default()
                ),
                "the terminal log covers that time".to_owned(),
            ],
            actions: vec![
                "Find the card receipt (签购单) for this order: no receipt means the payment did not go through."
                    .to_owned(),
                "If the order has member, delivery or phone details, ask the customer to pay.".to_owned(),
                "If there is a receipt, look up its reference number on the terminal: it may have been taken on another terminal or for another amount, which this report lists separately."
                    .to_owned(),
                "Remind cashiers to confirm payment in the till only after the terminal shows success and prints the receipt."
                    .to_owned(),
            ],
        }
    }

    fn qr_order_not_paid(
        f: &unpaid::Facts,
        bills_cover: Option<(NaiveDate, NaiveDate)>,
        till_attempt: bool,
    ) -> Words {
        let o = f.order;
        let m = o.pay_method;
        let wallet = qr_wallet(m);
        let amount = money(L, o.amount_cents);
        let when = time(L, o.time);
        let ids = qr_order_numbers(m, &[o]);
        let contact = qr_contact(m, &[o]);
        let days = covered_days(bills_cover);
        Words {
            title: format!("Order not paid by {wallet}: the {amount} order at {when} is not on the bill"),
            explanation: format!(
                "The order list ({}) records a {amount} {wallet} payment at {when} ({ids}), but the {wallet} \
                 bills, which cover {days}, have no paid row for it.",
                at(&f.order_at)
            ),
            evidence: vec![if till_attempt {
                format!(
                    "{wallet} bills cover {days}, no paid row for this order; the till's payment row is the only record of this scan"
                )
            } else {
                format!(
                    "{wallet} bills cover {days}, no paid row for this order; no terminal log loaded"
                )
            }],
            actions: vec![
                format!("Look the order up in {} by its merchant order number (or amount and time).", qr_platform(m)),
                "If no paid order is found, the customer did not pay: ask them to pay if you can reach them.".to_owned(),
                format!("If it shows paid, contact {wallet} support (or the provider) about the bill, with: {contact}."),
            ],
        }
    }

    /// Void / reversal / refund not settled: the terminal undid a sale, the statement did not.
    pub(crate) fn reversal_not_settled_back(f: &rev::Facts) -> Words {
        let r = f.undo;
        let amount = money(L, r.amount_cents);
        let when = time(L, r.time);
        let ids = ids(L, &[r]);
        let what = match r.txn_type {
            TxnType::Void => "void",
            TxnType::Reversal => "reversal",
            _ => "refund",
        };
        let mut evidence = vec![format!("terminal: {what} {amount}, approved")];
        if let Some(a) = &f.settled_at {
            evidence.push(format!("original sale settled: {}, with no void/refund row", at(a)));
        }
        if let Some(d) = f.clearing {
            evidence.push(format!(
                "the acquirer statements cover clearing date {d} but not this {what}"
            ));
        }
        let contact = contact_details(L, &[r]);
        Words {
            title: format!("{what} not settled: {amount} {what} approved on the terminal at {when}"),
            explanation: format!(
                "The terminal approved a {amount} {what} at {when} ({ids}, {}){}. The acquirer \
                 statement has no matching void, refund or negative row{}, so the customer's money \
                 has most likely not gone back.",
                at(&f.undo_at),
                f.sale_at.map(|s| format!(", undoing the sale at {}", at(&s))).unwrap_or_default(),
                f.settled_at
                    .map(|a| format!(", and the original sale was settled ({})", at(&a)))
                    .unwrap_or_default()
            ),
            evidence,
            actions: vec![
                format!("Ask the acquirer to check this {what}, giving: {contact}."),
                "If it was lost, refund the customer through the acquirer (error handling or a new refund) and keep the void/refund slip."
                    .to_owned(),
                "Tell the customer, so they do not dispute the charge with their bank.".to_owned(),
            ],
        }
    }

    /// Refund larger than the sale.
    pub(crate) fn over_refund(f: &overr::Facts) -> Words {
        let (sale_amount, refunded, excess) =
            (money(L, f.sale.amount_cents), money(L, f.refunded_cents), money(L, f.excess_cents));
        let sale_ids = ids(L, &f.sale_rows);
        let sale_when = time(L, f.sale.time);
        let sale_at = at(&f.sale_at);
        let refund_list: Vec<String> = f
            .within
            .iter()
            .chain(&f.past)
            .map(|r| {
                format!(
                    "{} refund of {} ({})",
                    time(L, r.row.time),
                    money(L, r.row.amount_cents),
                    at(&r.at)
                )
            })
            .collect();
        let refund_list = refund_list.join("; ");
        let explanation = if f.settled {
            format!(
                "The sale of {sale_amount} at {sale_when} ({sale_ids}, {sale_at}) was refunded {refunded}: \
                 {refund_list}. The refunds name this sale as their original yet come to {excess} more \
                 than it, and the statement settled them: the shop gave back money it never took, \
                 most likely a refund keyed with the wrong amount."
            )
        } else {
            format!(
                "The sale of {sale_amount} at {sale_when} ({sale_ids}, {sale_at}) was refunded {refunded} on \
                 the terminal: {refund_list}. The refunds name this sale as their original yet come to \
                 {excess} more than it, most likely a refund keyed with the wrong amount. The loaded \
                 statements do not show the refund settled yet; the terminal approved it, so the money \
                 is likely to go out."
            )
        };
        let mut evidence = vec![format!("original sale: {sale_amount}, {sale_at}")];
        for r in &f.within {
            evidence.push(format!(
                "refund within the sale: {}, {}",
                money(L, r.row.amount_cents),
                at(&r.at)
            ));
        }
        for r in &f.past {
            evidence.push(format!(
                "refund past the sale: {}, {}, naming this sale as its original",
                money(L, r.row.amount_cents),
                at(&r.at)
            ));
        }
        evidence.push(format!(
            "refunds total {refunded}, {excess} more than the sale of {sale_amount}"
        ));
        let contact = contact_details(L, &f.contact_rows);
        Words {
            title: format!(
                "Refund larger than the sale: sale {sale_amount}, refunded {refunded}, {excess} too much"
            ),
            explanation,
            evidence,
            actions: vec![
                format!(
                    "Ask the acquirer to correct the excess {excess} (error handling: reverse or adjust the refund), giving: {contact}; and the original sale ({sale_ids})."
                ),
                format!(
                    "Contact the cardholder (with the receipt of the sale at {sale_when}), explain that {excess} too much was refunded and ask for it back; keep a record."
                ),
                "Check a refund against its sale before confirming it: refunds (partial ones included) never add up to more than the sale."
                    .to_owned(),
            ],
        }
    }

    // ---- A refund-asking finding the shop already refunded (rules/refunded.rs) ----

    /// One refund: `2026-12-03 08:55:00 refund CNY 188.00 (RRN …, file line n)`.
    fn refund_line(r: &refd::Refund) -> String {
        format!(
            "{} refund {} ({}, {})",
            time(L, r.row.time),
            money(L, r.row.amount_cents.abs()),
            ids(L, &[r.row]),
            at(&r.at)
        )
    }

    pub(crate) fn refunded_in_full(f: &refd::Facts) -> Words {
        let kind = f.kind.label(L);
        let refunds: Vec<String> = f.refunds.iter().map(refund_line).collect();
        let refunds = refunds.join("; ");
        let owed = money(L, f.owed_cents);
        let last = f.refunds.iter().filter_map(|r| r.row.time).max();
        Words {
            title: format!(
                "Already refunded: {owed} ({kind}) refunded in full on {}, nothing more to refund",
                last.map_or_else(
                    || "(date unknown)".to_owned(),
                    |t| t.format("%Y-%m-%d").to_string()
                )
            ),
            explanation: format!(
                "The {owed} this finding ({kind}) would have you give back has been refunded: {refunds}. The \
                 money is back on the customer's card and no longer owed; do not refund it again. \
                 What happened: "
            ),
            evidence: vec![format!("Refunded: {refunds}; total {}", money(L, f.refunded_cents()))],
            actions: vec![format!(
                "Nothing more to refund. Keep the receipts of the sale ({}) and of the refund, to show the customer if asked.",
                ids(L, &f.charges)
            )],
        }
    }

    pub(crate) fn refunded_in_part(f: &refd::Facts) -> Words {
        let refunds: Vec<String> = f.refunds.iter().map(refund_line).collect();
        let (refunded, left) = (money(L, f.refunded_cents()), money(L, f.remaining_cents()));
        Words {
            title: String::new(),
            explanation: String::new(),
            evidence: vec![format!(
                "Partly refunded: {}; total {refunded}; owed {}, {left} still to refund",
                refunds.join("; "),
                money(L, f.owed_cents)
            )],
            actions: vec![format!(
                "{refunded} has already been refunded: refund only the remaining {left} (the advice below names the full amount; subtract what was refunded). Keep the receipt of the refund."
            )],
        }
    }

    // ---- QR payments: the wallet's words, shared by the QR channel of every kind ----

    /// WeChat Pay / Alipay / the QR payment provider.
    pub(crate) fn qr_wallet(m: Option<PayMethod>) -> &'static str {
        match m {
            Some(PayMethod::Wechat) => "WeChat Pay",
            Some(PayMethod::Alipay) => "Alipay",
            _ => "the QR payment provider",
        }
    }

    /// Where the merchant looks an order up.
    pub(crate) fn qr_platform(m: Option<PayMethod>) -> &'static str {
        match m {
            Some(PayMethod::Wechat) => {
                "the WeChat Pay merchant platform (pay.weixin.qq.com, 交易中心 → 交易订单)"
            }
            Some(PayMethod::Alipay) => "Alipay's merchant centre (b.alipay.com, 账务 → 交易订单)",
            _ => "the aggregator's merchant back office",
        }
    }

    /// merchant order no. (商户订单号) X, WeChat order no. Y, till order no. (订单号) Z.
    pub(crate) fn qr_order_numbers(m: Option<PayMethod>, records: &[&Record]) -> String {
        let ids = qr_ids(records);
        let channel_name = match m {
            Some(PayMethod::Wechat) => "WeChat order no.",
            Some(PayMethod::Alipay) => "Alipay trade no.",
            _ => "channel order no.",
        };
        let parts: Vec<String> = [
            ids.merchant.map(|x| format!("merchant order no. (商户订单号) {x}")),
            ids.channel.map(|x| format!("{channel_name} {x}")),
            ids.till_order.map(|x| format!("till order no. (订单号) {x}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        parts.join(", ")
    }

    /// What the wallet asks for: merchant id, order numbers, time, amount.
    pub(crate) fn qr_contact(m: Option<PayMethod>, records: &[&Record]) -> String {
        let ids = qr_order_numbers(m, records);
        let parts: Vec<String> = [
            records
                .iter()
                .find_map(|r| ident(&r.merchant_id))
                .map(|x| format!("merchant id (商户号) {x}")),
            (!ids.is_empty()).then_some(ids),
            records.iter().find_map(|r| r.time).map(|t| format!("time {}", time(L, Some(t)))),
            records.first().map(|r| format!("amount {}", money(L, r.amount_cents))),
        ]
        .into_iter()
        .flatten()
        .collect();
        parts.join(", ")
    }

    /// How to give a QR payment back: 撤销 while the wallet allows it, otherwise 退款.
    pub(crate) fn qr_undo_advice(m: Option<PayMethod>, can_revoke: bool, amount: &str) -> String {
        let rule = match m {
            Some(PayMethod::Wechat) => {
                "WeChat allows 撤销 (reverse) of a payment-code order within 7 days"
            }
            Some(PayMethod::Alipay) => "Alipay allows 撤销 (cancel) on the same day only",
            _ => "the provider's rules decide how long 撤销 is possible",
        };
        let platform = qr_platform(m);
        if can_revoke {
            format!(
                "Reverse (撤销) the extra {amount} on the till or in {platform} ({rule}); the money goes back the way it came. Past that limit, refund (退款) instead."
            )
        } else {
            format!(
                "Refund (退款) the extra {amount} on the till or in {platform} ({rule}, and that limit has passed); the refund goes back the way it was paid, usually within minutes to 3 working days."
            )
        }
    }

    /// The habit that prevents the next double payment.
    pub(crate) fn qr_never_rescan() -> String {
        "From now on, when a scan shows \"paying\", \"unknown\" or times out, query the order on the till (or look at the customer's phone) first; never scan again before the first result is known.".to_owned()
    }

    /// What the till or smart POS showed for a scan: `showed "USERPAYING" (state USERPAYING)`.
    pub(crate) fn qr_shown(t: &Record) -> String {
        let code_part =
            ident(&t.response_code).map(|c| format!(" (state {c})")).unwrap_or_default();
        match (ident(&t.response_text), t.outcome) {
            (Some(x), _) => format!("showed \"{x}\"{code_part}"),
            (None, Outcome::Unknown) => format!("got no payment result{code_part}"),
            (None, Outcome::Declined) => format!("showed the payment as failed{code_part}"),
            (None, Outcome::Approved) => format!("showed the payment as paid{code_part}"),
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

/// The English words of the deposit findings; `zh::deposit` has the same functions.
pub(crate) mod deposit {
    use crate::config::Lang;
    use crate::diagnose::rules::deposit_common::{
        BankLine, Place, TakenBack, Unproven, Words, percent,
    };
    use crate::diagnose::rules::deposit_mismatch::Mismatch;
    use crate::diagnose::rules::fee_mismatch::{DayFee, RowFee};
    use crate::diagnose::rules::late_deposit::Late;
    use crate::diagnose::rules::missing_deposit::Missing;
    use crate::diagnose::rules::wallet_payout::{
        WalletDay, WalletLate, WalletMismatch, WalletMissing,
    };
    use crate::diagnose::text::{date, escalation, ids, location, money, time, yuan};
    use crate::fees::{FeeRate, percent_per_10000};
    use crate::matcher::deposit::{MAX_CANDIDATES, MAX_RUN, MAX_SPLIT, PayoutSource, SettledDay};
    use crate::model::{CardType, PayMethod};

    // ---- Shared by the deposit findings ------------------------------------------------

    /// `CNY 1,580.00`.
    fn m(cents: i64) -> String {
        money(Lang::En, cents)
    }

    /// `acquirer.csv line 5`.
    fn at(p: &Place) -> String {
        location(Lang::En, &p.file, p.line)
    }

    /// `2026-11-13` or `2026-11-13 to 2026-11-15 (3 clearing dates)`.
    fn span(days: &[&SettledDay]) -> String {
        let (Some(first), Some(last)) = (days.first(), days.last()) else { return String::new() };
        if days.len() == 1 {
            return first.date.to_string();
        }
        format!("{} to {} ({} clearing dates)", first.date, last.date, days.len())
    }

    /// `merchant id 898440358120014`, or nothing when the statement has none.
    fn merchant(days: &[&SettledDay]) -> Option<String> {
        let mid = days.first()?.merchant_id.as_deref()?;
        Some(format!("merchant id {mid}"))
    }

    /// One evidence line per clearing date: rows, gross, fee, net, expected deposit, cycle.
    fn day_line(d: &&SettledDay) -> String {
        format!(
            "clearing date {}: {} rows, gross {}, fee {}, net {}; due in the bank on {} ({})",
            d.date,
            d.rows.len(),
            m(d.gross_cents),
            m(d.fee_cents),
            m(d.net_cents),
            d.expected_deposit,
            d.cycle.as_str()
        )
    }

    /// `bank.csv line 7: credit of CNY 4,087.70 on 2026-11-16, from "…", memo "…"`.
    fn bank_line(b: &BankLine) -> String {
        let date = b.date.map(|d| d.to_string()).unwrap_or_default();
        let way = if b.credit { "credit" } else { "debit" };
        let mut out = format!("{}: {way} of {} on {date}", at(&b.at), m(b.amount_cents));
        if let Some(party) = &b.party {
            let to = if b.credit { "from" } else { "to" };
            out.push_str(&format!(", {to} \"{party}\""));
        }
        if let Some(memo) = &b.memo {
            out.push_str(&format!(", memo \"{memo}\""));
        }
        out
    }

    /// The holiday table of `year` is not verified.
    fn calendar_note(year: i32) -> String {
        format!(
            "the {year} holiday schedule is not verified (the built-in calendar has weekends and fixed-date holidays only), so the expected date may be off; add holidays and make-up working days in the settings"
        )
    }

    /// The deposit search gave up somewhere.
    fn search_note() -> String {
        format!(
            "note: the deposit search tries at most {MAX_RUN} consecutive clearing dates per credit, payouts split into at most {MAX_SPLIT} credits, and {MAX_CANDIDATES} pairings; this data went beyond that, so a larger roll-up or split may not have been recognised"
        )
    }

    /// WeChat Pay / Alipay.
    fn wallet_name(wallet: Option<PayMethod>) -> &'static str {
        match wallet {
            Some(PayMethod::Wechat) => "WeChat Pay",
            Some(PayMethod::Alipay) => "Alipay",
            _ => "the wallet",
        }
    }

    /// Why the bank statement cannot show the money is missing.
    fn unproven_line(u: &Unproven) -> String {
        match u {
            Unproven::Unread { file, line, reason } => format!(
                "{file} line {line} could not be read ({reason}); it may be this very credit: check that line first"
            ),
            Unproven::BalanceBreak { file, previous_line, line, gap_cents, exact: true } => {
                format!(
                    "{file}'s balance does not follow between lines {previous_line} and {line}, and the gap is exactly {}: the download misses a line, and this deposit probably arrived; export these days again",
                    m(*gap_cents)
                )
            }
            Unproven::BalanceBreak { file, previous_line, line, gap_cents, exact: false } => {
                format!(
                    "{file}'s balance does not follow between lines {previous_line} and {line} (gap {}): the download misses or repeats lines, so it cannot show the deposit is missing; export these days again",
                    m(*gap_cents)
                )
            }
            Unproven::NoCreditFromWallet { wallet } => {
                let name = wallet_name(*wallet);
                format!(
                    "no credit in the bank statement comes from {name}: {name} may pay into another account; check the settlement account in {name}'s merchant platform first"
                )
            }
        }
    }

    /// A short deposit the statement cannot prove short: the first reason opens the actions, all
    /// of them join the evidence.
    fn question_first(w: &mut Words, unproven: &[Unproven]) {
        if let Some(first) = unproven.first() {
            w.actions.insert(0, unproven_line(first));
        }
        w.evidence.extend(unproven.iter().map(unproven_line));
    }

    /// A missing deposit the statement cannot prove missing: as [`question_first`], and the
    /// first reason also ends the explanation.
    fn question_missing(w: &mut Words, unproven: &[Unproven]) {
        if let Some(first) = unproven.first() {
            let first = unproven_line(first);
            w.explanation.push_str(&format!(
                " But the bank statement itself is incomplete, so it cannot show the money is missing: {first}."
            ));
        }
        question_first(w, unproven);
    }

    // ---- deposit_mismatch --------------------------------------------------------------

    /// Deposit short / differs: an acquirer's deposit that is not the settled net.
    pub(crate) fn mismatch(f: &Mismatch) -> Words {
        let (got, want, gap) = (m(f.received_cents), m(f.expected_cents), m(f.diff().abs()));
        let span = span(&f.days);
        let title = if f.diff() < 0 {
            format!("Deposit short: {got} received for {span}, {want} settled ({gap} less)")
        } else {
            format!("Deposit differs: {got} received for {span}, {want} settled ({gap} more)")
        };
        let mut w = Words {
            title,
            explanation: mismatch_explanation(f),
            evidence: mismatch_evidence(f),
            actions: mismatch_actions(f),
        };
        question_first(&mut w, &f.unproven);
        w
    }

    fn mismatch_explanation(f: &Mismatch) -> String {
        let (got, want, gap) = (m(f.received_cents), m(f.expected_cents), m(f.diff().abs()));
        let credit_date = f.credit_date;
        let arrived = if f.split() {
            let parts: Vec<String> = f.credits.iter().map(|c| m(c.amount_cents)).collect();
            let (n, parts) = (f.credits.len(), parts.join(" + "));
            format!("{n} credits from the acquirer, {parts} = {got}, arrived by {credit_date}")
        } else {
            format!("A credit of {got} from the acquirer arrived on {credit_date}")
        };
        let mut out = format!(
            "{arrived} for clearing date(s) {} ({}). The acquirer statement's \
             net for those dates is {want}: {gap} apart, more than the {} fen per row rounding allows.",
            span(&f.days),
            merchant(&f.days).unwrap_or_else(|| "same merchant".to_owned()),
            f.per_row_cents
        );
        if let Some(r) = &f.one_row {
            let (row, net) = (at(&r.row), m(r.net_cents));
            out.push_str(&if f.diff() < 0 {
                format!(
                    " The gap equals the net {net} of {row}: that transaction was most likely left out of the payout (held, disputed or charged back)."
                )
            } else {
                format!(
                    " The gap equals the net {net} of {row}: it may have been paid twice, or the statement leaves a row out."
                )
            });
        } else if f.part_missing {
            out.push_str(&format!(
                " The gap is too large for a fee difference: most likely the acquirer split the payout and {gap} of it has not arrived (or is held)."
            ));
        } else if let Some(r) = &f.rates {
            out.push_str(&format!(
                " The gap is not any single transaction's net. On a gross of {}, the statement's fee {} is a rate of {}, while the amount received implies a fee of {} ({}): a different rate, or another deduction.",
                m(r.gross_cents),
                m(r.fee_cents),
                percent(r.stated),
                m(r.gross_cents - f.received_cents),
                percent(r.implied)
            ));
        }
        out
    }

    fn mismatch_evidence(f: &Mismatch) -> Vec<String> {
        let (got, gap) = (m(f.received_cents), m(f.diff().abs()));
        let (expected_date, credit_date) = (f.expected_date, f.credit_date);
        let mut out: Vec<String> = f.credits.iter().map(bank_line).collect();
        out.extend(f.days.iter().map(day_line));
        out.push(match f.memo_range {
            Some((a, b)) => format!(
                "the credit's memo names transaction dates {a} to {b}, which gives these clearing dates"
            ),
            None => format!(
                "these clearing dates were due on {expected_date}; {} from the acquirer arrived {} {credit_date}",
                if f.split() { "these credits" } else { "this credit" },
                if f.split() { "by" } else { "on" }
            ),
        });
        if let Some(r) = &f.one_row {
            out.push(format!("difference {gap} = net of {}", at(&r.row)));
        } else if f.part_missing {
            out.push(format!("{got} arrived, {gap} still to come"));
        } else if let Some(r) = &f.rates {
            let (stated, implied) = (percent(r.stated), percent(r.implied));
            out.push(format!("statement fee rate {stated}; rate implied by the deposit {implied}"));
        }
        if let Some(memo_fee) = f.memo_fee_cents {
            out.push(format!(
                "the credit's memo says the fee was {}; the statement's fees total {}",
                m(memo_fee),
                m(f.fee_cents)
            ));
        }
        if credit_date > expected_date {
            out.push(format!("the credit also arrived after the expected date {expected_date}"));
        }
        out.extend(f.unverified_year.map(calendar_note));
        out
    }

    fn mismatch_actions(f: &Mismatch) -> Vec<String> {
        let (got, want, gap) = (m(f.received_cents), m(f.expected_cents), m(f.diff().abs()));
        let (span, credit_date) = (span(&f.days), f.credit_date);
        let who = merchant(&f.days).unwrap_or_else(|| "your merchant id".to_owned());
        let row_hint =
            f.one_row.as_ref().map(|r| format!(", asking in particular about {}", at(&r.row)));
        let row_hint = row_hint.unwrap_or_default();
        vec![
            format!(
                "Call the acquirer with {who}, clearing date(s) {span}, settled net {want} and received {got} (on {credit_date}); ask for the payout breakdown{row_hint}."
            ),
            if f.part_missing {
                format!(
                    "Ask whether the payout was sent in parts and when the remaining {gap} will arrive; if it is held, ask why and for it to be paid."
                )
            } else if f.diff() < 0 {
                format!(
                    "Ask for the missing {gap}; if a rate other than the contract's was applied, quote the contracted rate and ask for a refund of the excess."
                )
            } else {
                format!(
                    "Find out which dates or transactions the extra {gap} belongs to, so a later claw-back does not come as a surprise."
                )
            },
            format!(
                "If it is not explained by {}, ask for a written answer and escalate.",
                f.escalate_after.map(|d| d.to_string()).unwrap_or_default()
            ),
        ]
    }

    // ---- missing_deposit ---------------------------------------------------------------

    /// Deposit missing: settled days no bank credit pays.
    pub(crate) fn missing(f: &Missing) -> Words {
        let mut w = Words {
            title: format!(
                "Deposit missing: net {} settled for {} never reached the bank",
                m(f.net_cents),
                span(&f.days)
            ),
            explanation: missing_explanation(f),
            evidence: missing_evidence(f),
            actions: missing_actions(f),
        };
        question_missing(&mut w, &f.unproven);
        w
    }

    fn missing_explanation(f: &Missing) -> String {
        let (span, amount, rows, expected) = (span(&f.days), m(f.net_cents), f.rows, f.expected);
        let (bank_start, bank_end) = f.bank;
        let who = merchant(&f.days).map(|m| format!(" ({m})")).unwrap_or_default();
        let kept = if f.taken_back.is_empty() { "" } else { "that stayed in the account " };
        let back: String = f
            .taken_back
            .iter()
            .map(|t| {
                let date = t.credit.date.map(|d| d.to_string()).unwrap_or_default();
                format!(
                    " A credit of {} on {date} was taken back after it arrived ({}), so the money did not stay.",
                    m(t.credit.amount_cents),
                    at(&t.debit.at)
                )
            })
            .collect();
        let except = if f.from_person.is_empty() { "" } else { "other than a private person's " };
        let person: String = f.from_person.iter().map(person_sentence).collect();
        format!(
            "The acquirer statement settles {rows} rows for clearing date {span}{who}, net {amount}, due in the merchant's bank \
             account on {expected} under the {} cycle. The loaded bank statement covers {bank_start} to {bank_end}, but no credit {except}{kept}in it \
             equals this amount (allowing {} fen per row for rounding), alone, rolled up with neighbouring clearing dates, or split \
             into several credits.{back}{person} The \
             acquirer may have held the payout back, had it returned, or paid it to another account.",
            f.days[0].cycle.as_str(),
            f.per_row_cents
        )
    }

    /// ` On 2026-12-07 李小梅 transferred CNY 684.39: the same amount, but from a private
    /// person's account, not the settlement payout.`
    fn person_sentence(b: &BankLine) -> String {
        let date = b.date.map(|d| d.to_string()).unwrap_or_default();
        let party = b.party.as_deref().unwrap_or_default();
        format!(
            " On {date} {party} transferred {}: the same amount, but from a private person's account, not the settlement payout.",
            m(b.amount_cents)
        )
    }

    fn missing_evidence(f: &Missing) -> Vec<String> {
        let (bank_start, bank_end) = f.bank;
        let mut out: Vec<String> = f.days.iter().map(day_line).collect();
        out.push(format!(
            "the bank statement covers {bank_start} to {bank_end}, past the expected date {} plus {} working day(s) of grace",
            f.expected, f.grace_working_days
        ));
        let except = if f.from_person.is_empty() { "" } else { " (a private person's aside)" };
        out.push(format!(
            "checked {} bank credits: none{except} equals {} (±{} fen), alone, rolled up with neighbouring clearing dates, or split into several credits",
            f.credits_seen,
            m(f.net_cents),
            f.tolerance_cents
        ));
        out.extend(f.taken_back.iter().map(taken_back_line));
        out.extend(f.from_person.iter().map(|b| {
            format!(
                "the same amount, but from a private person's account, not a settlement payout: {}",
                bank_line(b)
            )
        }));
        out.extend(f.stray.iter().map(|b| {
            format!("a nearby credit looks like the acquirer's but does not fit: {}", bank_line(b))
        }));
        out.extend(f.unverified_year.map(calendar_note));
        out.extend(f.search_gave_up.then(search_note));
        out
    }

    /// `<credit line>, but it was taken back after it arrived (<debit line>)`.
    fn taken_back_line(t: &TakenBack) -> String {
        format!(
            "{}, but it was taken back after it arrived ({})",
            bank_line(&t.credit),
            bank_line(&t.debit)
        )
    }

    fn missing_actions(f: &Missing) -> Vec<String> {
        let (span, amount, expected) = (span(&f.days), m(f.net_cents), f.expected);
        let who = merchant(&f.days).unwrap_or_else(|| "your merchant id".to_owned());
        let mut out = vec![
            format!(
                "Check the account online for credits a few days around {expected} (also under other payer names) to confirm the {amount} never arrived."
            ),
            format!(
                "Call the acquirer with {who}, clearing date(s) {span}, net {amount} and expected date {expected}; ask for the payout record (划款凭证) and the receiving account, and whether the payout was held (risk control) or returned."
            ),
            "Ask your bank to look for a returned or suspended incoming transfer of that amount and date.".to_owned(),
            escalation(Lang::En, f.escalate_after, f.as_of, ("收单机构", "the acquirer")),
        ];
        if let Some(first) = f.taken_back.first() {
            out.insert(
                1,
                format!(
                    "Ask your bank why {} took the credit back (冲正 / 退汇): often the receiving account details did not match or the transfer was returned; then ask the acquirer to pay it again to the right account.",
                    at(&first.debit.at)
                ),
            );
        }
        out
    }

    // ---- late_deposit ------------------------------------------------------------------

    /// Deposit late: the settled net arrived in full, after it was due.
    pub(crate) fn late(f: &Late) -> Words {
        let (got, span, due, credit_date) =
            (m(f.received_cents), span(&f.days), f.due, f.credit_date);
        let (cycle, working_late, calendar_late) =
            (f.days[0].cycle.as_str(), f.working_days_late, f.calendar_days_late);
        let late_days: Vec<String> = f.late_days.iter().map(|d| d.to_string()).collect();
        let mut evidence: Vec<String> = f.credits.iter().map(bank_line).collect();
        evidence.extend(f.days.iter().map(day_line));
        evidence.push(format!(
            "amount within the rounding tolerance (±{} fen); clearing dates paid late: {}",
            f.tolerance_cents,
            late_days.join(", ")
        ));
        evidence.extend(f.unverified_year.map(calendar_note));
        let who = merchant(&f.days).unwrap_or_else(|| "your merchant id".to_owned());
        Words {
            title: format!("Deposit late: {got} for {span} arrived on {credit_date}, due on {due}"),
            explanation: format!(
                "The net {got} for clearing date(s) {span} arrived in full, but on {credit_date}, after {due} when the {cycle} cycle \
                 should have paid it: {working_late} working day(s) ({calendar_late} calendar days) late. Nothing is missing, but \
                 repeated delays can mean payouts are being held for review, or that the real cycle differs from the setting."
            ),
            evidence,
            actions: vec![
                "Nothing urgent: the money arrived in full.".to_owned(),
                format!(
                    "If it keeps happening, ask the acquirer why, quoting {who}, clearing date(s) {span}, due date {due} and arrival {credit_date}, and confirm the contracted cycle."
                ),
                format!(
                    "If the acquirer does not actually pay on {cycle}, change the cycle in the settings so missing deposits are judged correctly."
                ),
            ],
        }
    }

    // ---- fee_mismatch ------------------------------------------------------------------

    /// `0.6%, capped at CNY 20.00`: the contracted rate.
    fn contract(rate: &FeeRate) -> String {
        match rate.cap_cents {
            Some(cap) => format!("{}, capped at {}", rate.percent(), m(cap)),
            None => rate.percent(),
        }
    }

    /// Fee too high / too low: one row charged another fee than the contract's.
    pub(crate) fn fee_row(f: &RowFee) -> Words {
        let r = f.record;
        let (amount, charged, expected) =
            (m(r.amount_cents), m(f.charged_cents), m(f.expected_cents));
        let cap = f.rate.cap_cents.map(|c| format!(" (cap {})", m(c))).unwrap_or_default();
        Words {
            title: if f.diff() > 0 {
                format!("Fee too high: {charged} on {amount}, the contract says {expected}")
            } else {
                format!("Fee too low: {charged} on {amount}, the contract says {expected}")
            },
            explanation: fee_row_explanation(f),
            evidence: vec![
                format!(
                    "contracted fee = round({} × {}) = {expected}{cap}; statement fee {charged}; rounding tolerance ±{}",
                    yuan(r.amount_cents),
                    f.rate.percent(),
                    yuan(crate::diagnose::rules::fee_mismatch::ROUNDING_TOLERANCE_CENTS)
                ),
                format!("card type: {}", card_type(r.card_type)),
            ],
            actions: fee_actions(f.diff() > 0),
        }
    }

    fn fee_row_explanation(f: &RowFee) -> String {
        let r = f.record;
        let (amount, charged, expected) =
            (m(r.amount_cents), m(f.charged_cents), m(f.expected_cents));
        let (diff, contract) = (m(f.diff().abs()), contract(f.rate));
        let (when, ids, location) = (time(Lang::En, r.time), ids(Lang::En, &[r]), at(&f.at));
        let effective = f.effective.map(percent_per_10000).unwrap_or_else(|| "—".to_owned());
        if f.diff() > 0 {
            format!(
                "The {amount} transaction at {when} ({ids}, {location}) was charged a fee of \
                 {charged}; the contracted rate {contract} gives {expected}: {diff} too much \
                 (effective rate about {effective})."
            )
        } else {
            format!(
                "The {amount} transaction at {when} ({ids}, {location}) was charged a fee of \
                 {charged}; the contracted rate {contract} gives {expected}: {diff} too little \
                 (effective rate about {effective}). Good for the merchant today, but the rate \
                 set up does not match the contract and may be corrected later."
            )
        }
    }

    /// debit / credit / other, or that the file does not say.
    fn card_type(card: Option<CardType>) -> &'static str {
        match card {
            Some(CardType::Debit) => "debit",
            Some(CardType::Credit) => "credit",
            Some(CardType::Unknown) => "other",
            None => "not in the file",
        }
    }

    /// Fee rate differs: many rows of one day charged the same other rate.
    pub(crate) fn fee_day(f: &DayFee) -> Words {
        let (day, n) = (date(f.date), f.rows);
        let (eff, contract) = (percent_per_10000(f.effective), contract(f.rate));
        let (gross, charged, expected, diff) =
            (m(f.gross_cents), m(f.charged_cents), m(f.expected_cents), m(f.diff().abs()));
        Words {
            title: format!(
                "Fee rate differs: {n} transactions on {day} charged about {eff}, the contract says {}",
                f.rate.percent()
            ),
            explanation: format!(
                "On clearing date {day}, {n} transactions (total {gross}) were charged {charged} \
                 in fees, an effective rate of about {eff}; the contracted rate {contract} gives \
                 {expected}, {diff} {}. Many rows off by the same rate on one day usually means \
                 the rate or the merchant category (MCC) was changed, not rounding.",
                if f.diff() > 0 { "too much" } else { "too little" }
            ),
            evidence: vec![
                format!(
                    "effective rate = fee ÷ amount ≈ {eff} (the same for {n} rows); contracted rate {contract}"
                ),
                format!("contracted fees {expected}, statement fees {charged}"),
            ],
            actions: fee_actions(f.diff() > 0),
        }
    }

    /// What to do about a fee off the contract, overcharged or not.
    fn fee_actions(overcharged: bool) -> Vec<String> {
        if overcharged {
            vec![
                "Check the contract or rate notice for the agreed rate and the debit card cap."
                    .to_owned(),
                "Ask the acquirer (account manager or hotline) to explain and refund the extra fees, listing these transactions."
                    .to_owned(),
                "If a debit card was charged as credit (no cap), say so: debit card fees may not exceed the cap."
                    .to_owned(),
            ]
        } else {
            vec![
                "Check the contract or rate notice for the agreed rate.".to_owned(),
                "Ask the acquirer to confirm the rate set up, so it is not corrected in one lump later."
                    .to_owned(),
            ]
        }
    }

    // ---- wallet payouts ----------------------------------------------------------------

    /// Whom to call: the wallet's customer service line.
    fn hotline(wallet: Option<PayMethod>) -> &'static str {
        match wallet {
            Some(PayMethod::Wechat) => "WeChat Pay support (95017)",
            Some(PayMethod::Alipay) => "Alipay support (95188)",
            _ => "the wallet's support",
        }
    }

    /// `2026-11-16` or `2026-11-14 to 2026-11-16`.
    fn wallet_span(days: &[WalletDay]) -> String {
        match (days.first(), days.last()) {
            (Some(a), Some(b)) if a.day.date != b.day.date => {
                format!("{} to {}", a.day.date, b.day.date)
            }
            (Some(a), _) => a.day.date.to_string(),
            _ => String::new(),
        }
    }

    /// One evidence line per day: what the bill or the fund flow says is owed, and when.
    fn wallet_day_line(w: &WalletDay) -> String {
        let (d, returned) = (w.day, w.returned);
        let wallet = wallet_name(d.source.wallet());
        if let PayoutSource::Withdrawal(_) = d.source {
            let back = if returned > 0 { format!(", {returned} returned") } else { String::new() };
            return format!(
                "{wallet} withdrawals on {}: {} withdrawal(s){back}, net {}; due in the bank by {}",
                d.date,
                d.rows.len() - returned,
                m(d.net_cents),
                d.expected_deposit
            );
        }
        let mid =
            d.merchant_id.as_deref().map(|id| format!(" (merchant id {id})")).unwrap_or_default();
        format!(
            "{wallet} bill of {}{mid}: {} payment and refund row(s), gross {}, fee {}, net {}; due in the bank on {} ({})",
            d.date,
            d.rows.len(),
            m(d.gross_cents),
            m(d.fee_cents),
            m(d.net_cents),
            d.expected_deposit,
            d.cycle.as_str()
        )
    }

    /// Withdrawal missing / Wallet payout missing: wallet days no bank credit pays.
    pub(crate) fn wallet_missing(f: &WalletMissing) -> Words {
        let p = &f.payer;
        let (name, when, amount) = (wallet_name(p.wallet), wallet_span(&p.days), m(f.net_cents));
        let (bank_start, bank_end) = f.bank;
        let mut evidence: Vec<String> = p.days.iter().map(wallet_day_line).collect();
        evidence.push(format!(
            "the bank statement covers {bank_start} to {bank_end}, past the expected date {} plus {} working day(s) of grace; {} bank credits checked",
            f.expected, f.grace_working_days, f.credits_seen
        ));
        evidence.extend(
            f.stray
                .iter()
                .map(|b| format!("a nearby credit from {name} does not fit: {}", bank_line(b))),
        );
        evidence.extend(f.from_person.iter().map(|b| {
            format!(
                "the same amount, but from a private person's account, not a settlement payout: {}",
                bank_line(b)
            )
        }));
        evidence.extend(f.unverified_year.map(calendar_note));
        evidence.extend(f.search_gave_up.then(search_note));
        let mut w = Words {
            title: if p.withdrawal {
                format!(
                    "Withdrawal missing: {amount} withdrawn from {name} on {when} never reached the bank"
                )
            } else {
                format!(
                    "Wallet payout missing: {name}'s {amount} for {when} never reached the bank"
                )
            },
            explanation: wallet_missing_explanation(f),
            evidence,
            actions: wallet_missing_actions(f),
        };
        question_missing(&mut w, &f.unproven);
        w
    }

    fn wallet_missing_explanation(f: &WalletMissing) -> String {
        let p = &f.payer;
        let (name, when, amount) = (wallet_name(p.wallet), wallet_span(&p.days), m(f.net_cents));
        let ((bank_start, bank_end), expected) = (f.bank, f.expected);
        if p.withdrawal {
            format!(
                "{name}'s fund flow shows {amount} withdrawn to the bank on {when}; a withdrawal arrives within hours, the next working day at the latest (on {expected}). \
                 The loaded bank statement covers {bank_start} to {bank_end}, but no credit from {name} equals this amount, alone or in parts. \
                 The withdrawal may have failed and gone back to the balance, been held, or gone to another bank card."
            )
        } else {
            format!(
                "{name}'s bill for {when} nets {amount} after refunds and fees, due in the merchant's bank account on {expected} under the {} payout cycle. \
                 The loaded bank statement covers {bank_start} to {bank_end}, but no credit from {name} (Tenpay) equals this amount, alone, rolled up with neighbouring days, or in parts. \
                 {name} may have suspended the payout (risk control), had it returned because the settlement account details are wrong, or paid it to another account.",
                p.days[0].day.cycle.as_str()
            )
        }
    }

    fn wallet_missing_actions(f: &WalletMissing) -> Vec<String> {
        let p = &f.payer;
        let (name, when, amount) = (wallet_name(p.wallet), wallet_span(&p.days), m(f.net_cents));
        let call = hotline(p.wallet);
        let escalate = escalation(Lang::En, f.escalate_after, f.as_of, ("", ""));
        if p.withdrawal {
            vec![
                format!(
                    "In {name}'s merchant platform or app, look up the {amount} withdrawal of {when}: its state (processing / succeeded / returned) and the receiving bank card."
                ),
                format!(
                    "If it shows succeeded but the bank has no such credit, call {call} and ask your bank to trace the incoming transfer by date and amount."
                ),
                escalate,
            ]
        } else {
            vec![
                format!(
                    "In {name}'s merchant platform, look up the payout of {when} ({amount}) in the settlement records / fund bill: its state and the receiving account, and whether it was suspended (risk control) or returned."
                ),
                format!(
                    "Call {call} with the merchant id, the date(s) {when}, the amount {amount} and the expected date {}, and ask for the payout record.",
                    f.expected
                ),
                escalate,
            ]
        }
    }

    /// Withdrawal amount differs / Wallet payout differs: a wallet payout of another amount.
    pub(crate) fn wallet_mismatch(f: &WalletMismatch) -> Words {
        let p = &f.payer;
        let (name, when, arrived, call) =
            (wallet_name(p.wallet), wallet_span(&p.days), f.arrived, hotline(p.wallet));
        let (got, want, gap) = (m(f.received_cents), m(f.expected_cents), m(f.diff().abs()));
        let (title, explanation) = if p.withdrawal {
            (
                format!(
                    "Withdrawal amount differs: {want} withdrawn from {name} on {when}, {got} arrived"
                ),
                format!(
                    "A credit of {got} from {name} arrived on {arrived} for the withdrawal(s) of {when}; the fund flow's net withdrawal is {want}, {gap} apart. \
                     A withdrawal to a bank card is normally paid in full: the gap may be a withdrawal fee, a part returned, or only a part of the withdrawal arriving."
                ),
            )
        } else {
            (
                format!("Wallet payout differs: {name} owes {want} for {when}, {got} arrived"),
                format!(
                    "A payout of {got} from {name} arrived on {arrived} for the bill of {when}; the bill nets {want} after refunds and fees, {gap} apart. \
                     Part of it may be held (risk control), the fee may differ from the bill, or a refund or adjustment is outside the bill."
                ),
            )
        };
        let mut evidence: Vec<String> = f.credits.iter().map(bank_line).collect();
        evidence.extend(p.days.iter().map(wallet_day_line));
        evidence.extend(f.search_gave_up.then(search_note));
        let record =
            if p.withdrawal { "withdrawal record" } else { "settlement record and fund bill" };
        let mut w = Words {
            title,
            explanation,
            evidence,
            actions: vec![
                format!(
                    "In {name}'s merchant platform, look up the {record} of {when} and find where the {gap} went."
                ),
                format!(
                    "If it does not add up, call {call} with the merchant id, the date(s) {when}, due {want}, received {got} (on {arrived})."
                ),
            ],
        };
        question_first(&mut w, &f.unproven);
        w
    }

    /// Withdrawal late / Wallet payout late: a wallet payout paid in full after it was due.
    pub(crate) fn wallet_late(f: &WalletLate) -> Words {
        let p = &f.payer;
        let (name, when, got) = (wallet_name(p.wallet), wallet_span(&p.days), m(f.received_cents));
        let (due, arrived, late_days) = (f.due, f.arrived, f.working_days_late);
        let (cycle, call) = (p.days[0].day.cycle.as_str(), hotline(p.wallet));
        let mut evidence: Vec<String> = f.credits.iter().map(bank_line).collect();
        evidence.extend(p.days.iter().map(wallet_day_line));
        evidence.extend(f.unverified_year.map(calendar_note));
        let nothing_urgent = "Nothing urgent: the money arrived in full.".to_owned();
        if p.withdrawal {
            Words {
                title: format!(
                    "Withdrawal late: {got} withdrawn from {name} on {when} arrived on {arrived}, due on {due}"
                ),
                explanation: format!(
                    "{got} withdrawn from {name} on {when} arrived in full, but after {due} (the next working day after the withdrawal, {cycle}; {late_days} working day(s) late). Nothing is missing; a withdrawal arrives late when the bank is slow or it is held for review."
                ),
                evidence,
                actions: vec![
                    nothing_urgent,
                    format!(
                        "If withdrawals are often late, look up each one's arrival time in {name}'s withdrawal record, or call {call}."
                    ),
                ],
            }
        } else {
            Words {
                title: format!(
                    "Wallet payout late: {name}'s {got} for {when} arrived on {arrived}, due on {due}"
                ),
                explanation: format!(
                    "{name}'s {got} for {when} arrived in full, but after {due} ({late_days} working day(s) late). Nothing is missing; repeated delays can mean payouts held for review, or a real cycle other than the {cycle} in the settings."
                ),
                evidence,
                actions: vec![
                    nothing_urgent,
                    format!(
                        "If {name} does not actually pay on {cycle}, change the wallet payout cycle (wallet_payout_cycle) in the settings so missing payouts are judged correctly."
                    ),
                ],
            }
        }
    }
}

// (end of deposit findings)
//
//
//

// =====================================================================================
// Incidents, cardholder declines and terminal health.
// =====================================================================================

/// The words of the incidents (see `diagnose::incidents`): one function per incident kind or
/// fact, the same names in `zh.rs`.
pub(crate) mod incidents {
    use crate::config::Lang;
    use crate::diagnose::incidents::{
        Codes, Device, Listed, LoneCause, Span, Words, bank_system, cardholder, health, issuer,
        network, operator, persistent, signal, terminal, wallet_system,
    };
    use crate::diagnose::text::{ids, money, terminal_result, time};
    use crate::knowledge;
    use crate::report::Cause;

    // ---- shared facts ---------------------------------------------------------------

    /// `2026-11-07 11:00:05 to 11:09:40`: the day once when the span is within one day.
    pub(crate) fn span(s: &Span) -> String {
        let from = s.start.format("%Y-%m-%d %H:%M:%S");
        if s.start == s.end {
            from.to_string()
        } else if s.start.date() == s.end.date() {
            format!("{from} to {}", s.end.format("%H:%M:%S"))
        } else {
            format!("{from} to {}", s.end.format("%Y-%m-%d %H:%M:%S"))
        }
    }

    /// `terminal 10086602` / `till device SY02`, or "the terminal" when the file has no id.
    pub(crate) fn device(d: Device) -> String {
        match (d.till, d.id.is_empty()) {
            (false, false) => format!("terminal {}", d.id),
            (false, true) => "the terminal".to_owned(),
            (true, false) => format!("till device {}", d.id),
            (true, true) => "the till device".to_owned(),
        }
    }

    /// `51 insufficient funds ×2; no reply (timeout) ×1`.
    pub(crate) fn codes(c: &Codes) -> String {
        let parts: Vec<String> = c
            .counts
            .iter()
            .map(|(code, n)| {
                let label = match (code.as_str(), c.all_no_reply) {
                    ("none", true) => "no reply (timeout)".to_owned(),
                    ("none", false) => "no response code".to_owned(),
                    (code, _) => {
                        match (knowledge::response_code(code), knowledge::qr_state(code)) {
                            (Some(info), _) => format!("{code} {}", info.message(Lang::En)),
                            (None, Some(state)) => format!("{code} {}", state.meaning_en),
                            (None, None) => code.to_owned(),
                        }
                    }
                };
                format!("{label} ×{n}")
            })
            .collect();
        parts.join("; ")
    }

    /// One line per attempt: `2026-11-07 11:00:05, terminal 10086602 …, showed "…" (log.csv line 5)`.
    pub(crate) fn listed(l: &Listed) -> Vec<String> {
        let mut out: Vec<String> = l
            .rows
            .iter()
            .map(|row| {
                let r = row.record;
                let parts = [
                    time(Lang::En, r.time),
                    ids(Lang::En, &[r]),
                    money(Lang::En, r.amount_cents),
                    terminal_result(Lang::En, r),
                ];
                let parts: Vec<&str> =
                    parts.iter().map(String::as_str).filter(|p| !p.is_empty()).collect();
                let places: Vec<String> =
                    row.places.iter().map(|(file, line)| format!("{file} line {line}")).collect();
                format!("{} ({})", parts.join(", "), places.join("; "))
            })
            .collect();
        if l.more > 0 {
            out.push(format!("... and {} more", l.more));
        }
        out
    }

    /// What decides whether the attempts were charged.
    pub(crate) fn statement(qr: bool) -> &'static str {
        if qr { "the WeChat Pay / Alipay bills" } else { "the acquirer statement" }
    }

    /// Frequent drops draw the acquirer's risk control (incidents and health notes).
    pub(crate) fn acquirer_warning() -> String {
        "Frequent drops (timeouts, reversals) draw the acquirer's risk control: it may query transactions or hold settlements. Fix it soon and keep a record of the repair and your calls, to explain if the acquirer asks.".to_owned()
    }

    // ---- linking findings -----------------------------------------------------------

    /// The evidence line added to a finding of an incident.
    pub(crate) fn link_evidence(id: &str, title: &str) -> String {
        format!("part of incident {id}: {title}")
    }

    /// The action added to a finding of an incident.
    pub(crate) fn link_action(id: &str, title: &str) -> String {
        format!(
            "This sale is part of incident {id} ({title}): once its money is sorted out, follow incident {id}'s advice to remove the cause so it does not happen again."
        )
    }

    /// For a finding outside any incident: one line on preventing it, by cause.
    pub(crate) fn lone_cause_action(f: &LoneCause) -> Option<String> {
        let name = device(Device::terminal(f.terminal));
        let when = time(Lang::En, f.time);
        let code = f.code.as_deref().unwrap_or_default();
        Some(match f.cause {
            Cause::Network => format!(
                "This sale got no reply (timeout). Note it down; if {name} times out often, check its signal, SIM data or Wi-Fi and contact the POS provider with the terminal id and the time ({when})."
            ),
            Cause::Terminal => format!(
                "The response code points at the terminal itself (keys, set-up or reader): sign {name} in again (重新签到); if it persists, ask the POS provider to service it, giving the terminal id and the time ({when})."
            ),
            Cause::BankSystem | Cause::Issuer => format!(
                "The response code ({code}) points at the bank side; nothing to repair in the shop. Quote the code and the time ({when}) when you call the acquirer."
            ),
            Cause::Operator => "The response code points at how the terminal was used: have the cashier check the STAN, RRN and amount on the receipt before trying again.".to_owned(),
            _ => return None,
        })
    }

    // ---- issuer ---------------------------------------------------------------------

    /// One issuer's cards failing while other cards pass.
    pub(crate) fn issuer(f: &issuer::IssuerFault) -> Words {
        let (b, n, n_cards, other_ok) = (f.bin, f.failures, f.cards, f.other_ok);
        let when = span(&f.span);
        let mut evidence = vec![
            format!(
                "{n} failures from {n_cards} different cards, all with BIN (first 6 digits) {b}, i.e. one issuer"
            ),
            format!(
                "cards of other issuers were approved {other_ok} times in the same span: the terminal, network and switch were fine"
            ),
            format!("response codes: {}", codes(&f.codes)),
        ];
        evidence.extend(listed(&f.listed));
        Words {
            title: format!("Issuer fault: cards starting {b} failed {n} times, {when}; other cards worked"),
            evidence,
            actions: vec![
                format!("For now, ask customers whose card starts with {b} for a card from another bank, or cash or QR."),
                "Codes 98/68 mean the issuer timed out and the outcome is unknown: check each attempt against the statement; an uncharged one is normally reversed automatically, usually back on the customer's card within 1-3 working days.".to_owned(),
                format!("Report to the acquirer that the issuer (BIN {b}) failed during {when}, with terminal ids, times, amounts and card endings."),
            ],
        }
    }

    // ---- terminal -------------------------------------------------------------------

    /// A run of failures that are the terminal itself: keys, sync, reader, set-up.
    pub(crate) fn terminal_fault(f: &terminal::TerminalFault) -> Words {
        use terminal::Group;
        let name = device(Device::terminal(f.terminal));
        let when = span(&f.span);
        let (n, n_cards) = (f.failures, f.cards);
        let what = match f.group {
            Group::Keys => "keys / MAC check failing again and again",
            Group::Sync => "out of sync with the host's batch",
            Group::Reader => "card reading failing",
            Group::Setup => "terminal or merchant set-up rejected",
        };
        let why = match f.group {
            Group::Keys => "A0 / 99 mean the terminal's working keys no longer match the host's; every card fails, whoever the customer".to_owned(),
            Group::Sync => "77 / 22 mean the terminal's batch or transaction state is out of step with the host; a sign-in resynchronises it".to_owned(),
            Group::Reader => format!("{n_cards} different cards all failed to read or were refused as swiped chip cards: the reader or the way cards are read, not the cards"),
            Group::Setup => "97 / 03 / 40 mean the acquirer has the terminal or merchant registered wrongly; not a network issue".to_owned(),
        };
        let mut evidence = vec![format!("{n} attempts on one terminal: {}", codes(&f.codes)), why];
        evidence.extend(listed(&f.listed));
        let contact =
            format!("contact the POS provider with the terminal id and the times ({when})");
        let actions = match f.group {
            Group::Keys | Group::Sync => vec![
                format!("Sign {name} in again (签到 / 重新签到) to reload its working keys and batch, then try one small sale."),
                format!("If {} keeps coming back after the sign-in, {contact} so they reload the keys or repair the device.", if f.group == Group::Keys { "A0 or 99" } else { "77 or 22" }),
                "Until it is fixed, take payments on another terminal or by QR; these refused attempts normally charged nothing (the acquirer statement decides).".to_owned(),
            ],
            Group::Reader => vec![
                "Insert chip cards instead of swiping them, and wait for the terminal to finish before removing the card.".to_owned(),
                format!("Clean {name}'s card slot; if cards still cannot be read, {contact} to repair or replace the reader."),
            ],
            Group::Setup => vec![
                format!("This is not the network: {contact} and ask them to check the terminal and merchant registration and the enabled transaction types."),
                "Until then, take payments on another terminal or by QR.".to_owned(),
            ],
        };
        Words {
            title: format!("Terminal fault: {name} {what} ({n} attempts, {when})"),
            evidence,
            actions,
        }
    }

    // ---- network --------------------------------------------------------------------

    /// A burst of no-replies on one terminal.
    pub(crate) fn network(f: &network::NetworkDrop) -> Words {
        use network::{AROUND_MINUTES, GAP_MINUTES};
        let name = device(f.device);
        let when = span(&f.span);
        let n = f.failures;
        let mut evidence = vec![
            format!("{n} timeouts / no replies, at most {GAP_MINUTES} min apart: {}", codes(&f.codes)),
            match (f.others_ok, f.terminals) {
                (0, 0..=1) => "only this terminal is in the files, so it cannot be compared with others; confidence is lower".to_owned(),
                (0, _) => format!("no other terminal had sales within {AROUND_MINUTES} min, so the bank side cannot be confirmed up"),
                (k, _) => format!("other terminals approved {k} sales in the same minutes (±{AROUND_MINUTES} min): the bank was up, the problem is this terminal's link"),
            },
        ];
        if f.own_ok > 0 {
            evidence.push(format!(
                "this terminal also approved {} sales in between: the link came and went",
                f.own_ok
            ));
        }
        evidence.extend(listed(&f.listed));
        let statement = statement(f.qr);
        let actions = vec![
            format!(
                "Reconcile each of the {n} attempts of {when} against {statement}: do not charge again where the customer was charged, refund any double payment."
            ),
            format!(
                "Check {name}'s network: on mobile data, the signal bars and whether the SIM's data plan ran out; on Wi-Fi, whether the router dropped. Move the terminal away from basements, corners, metal cabinets or microwaves, or switch to a cable or another network."
            ),
            if f.device.till {
                "Until the link is stable, look the order up on the till (or on the customer's phone) after every timeout instead of scanning again straight away.".to_owned()
            } else {
                "Until the link is stable, query or reprint on the terminal after every timeout instead of charging again straight away.".to_owned()
            },
            if f.device.till {
                format!(
                    "If it keeps happening, contact the till system's provider to check the device and its network, giving the device id and the times ({when})."
                )
            } else {
                format!(
                    "If it keeps happening, contact the POS provider to check the terminal and its modem, giving the terminal id and the times ({when})."
                )
            },
        ];
        Words {
            title: format!("Network drop: {name} got no reply {n} times, {when}"),
            evidence,
            actions,
        }
    }

    // ---- signal ---------------------------------------------------------------------

    /// `09:05–09:50`: the band of the day from minutes after midnight.
    fn band(f: &signal::PoorReception) -> String {
        let hhmm = |m: u32| format!("{:02}:{:02}", (m / 60) % 24, m % 60);
        format!("{}–{}", hhmm(f.band.0), hhmm(f.band.1))
    }

    /// A terminal timing out at the same time of day, day after day.
    pub(crate) fn signal(f: &signal::PoorReception) -> Words {
        use crate::diagnose::incidents::signal::CONCENTRATION;
        let name = device(f.device);
        let band = band(f);
        let (n, n_days, width) = (f.failures, f.days.len(), f.width);
        let day_list: Vec<String> = f.days.iter().map(|d| d.format("%m-%d").to_string()).collect();
        let mut evidence = vec![
            format!(
                "{n} no-replies all fall in the {band} band of the day (within {width} min), on {n_days} days: {}",
                day_list.join(", ")
            ),
            format!(
                "the failure rate in this band is well above the terminal's rate at other times (at least {CONCENTRATION:.0}x): a recurring place or time, not chance"
            ),
            codes(&f.codes),
        ];
        evidence.extend(listed(&f.listed));
        let statement = statement(f.qr);
        let actions = vec![
            format!("Reconcile each of the {n} attempts against {statement}; do not charge again where the customer was charged."),
            format!("Find out what changes around {band} every day for {name}: the mobile cell saturated at peak hour, the terminal carried to a corner or basement, a microwave next to the Wi-Fi router."),
            "Fix it for good: move the terminal or the router to where reception is good, use a cable or a signal booster, or a SIM from another operator.".to_owned(),
            if f.device.till {
                "At that hour, look the order up on the till or on the customer's phone after a timeout instead of scanning again; if it persists, contact the till system's provider with the device id and the dates and times above.".to_owned()
            } else {
                "At that hour, query or reprint after a timeout instead of charging again; if it persists, contact the POS provider with the terminal id and the dates and times above.".to_owned()
            },
        ];
        Words {
            title: format!(
                "Poor reception: {name} times out around {band} day after day ({n} on {n_days} days)"
            ),
            evidence,
            actions,
        }
    }

    // ---- bank_system ----------------------------------------------------------------

    /// Failures across terminals in the same minutes: the acquirer or UnionPay.
    pub(crate) fn bank_outage(f: &bank_system::Outage) -> Words {
        use bank_system::GAP_MINUTES;
        let when = span(&f.span);
        let (n, failing, all, approvals) =
            (f.failures, f.failing_terminals, f.terminals, f.approvals);
        let mut evidence = vec![
            format!(
                "{failing} terminals (of {all} in the files) failed in the same minutes, at most {GAP_MINUTES} min apart"
            ),
            format!(
                "response codes: {} (switch, issuer or line faults, not the terminal)",
                codes(&f.codes)
            ),
            format!("{approvals} approvals and {n} failures in those minutes"),
        ];
        evidence.extend(listed(&f.listed));
        Words {
            title: format!("Bank or card-switch outage: {n} failures across terminals, {when}"),
            evidence,
            actions: vec![
                "This is a fault at the acquirer or UnionPay; nothing in the shop needs repair. If all terminals share one router, a quick check does no harm.".to_owned(),
                "While it lasts, do not keep retrying the same card; take cash or QR and try again in a few minutes.".to_owned(),
                format!("Once the statements are in, reconcile the {n} attempts of {when} one by one: hand over goods or refund where a card was charged, refund double payments."),
                format!("Ask the acquirer to confirm the outage of {when} and note the case number, for later customer disputes."),
            ],
        }
    }

    /// Failures around the day's cut-over (日切).
    pub(crate) fn bank_cutover(f: &bank_system::Cutover) -> Words {
        use bank_system::CUTOVER_MARGIN_MINUTES;
        let when = span(&f.span);
        let n = f.failures;
        let cutoff = f.cutoff.format("%H:%M");
        let mut evidence = vec![
            format!("{n} failures within {CUTOVER_MARGIN_MINUTES} min of the {cutoff} cut-over: {}", codes(&f.codes)),
            "90 means UnionPay's day-end processing is running; a 96 around the cut-over is usually the switch busy with it".to_owned(),
        ];
        evidence.extend(listed(&f.listed));
        Words {
            title: format!("Cut-over failures: {n} failures around the {cutoff} cut-over, {when}"),
            evidence,
            actions: vec![
                "This is UnionPay's day-end cut-over; nothing to repair. Try again a few minutes later.".to_owned(),
                format!("Avoid taking payments or settling the batch in the minutes around {cutoff}; late-night shops can settle earlier."),
                format!("Check the attempts around {when}: sales after {cutoff} clear on the next date, so look for them in the next day's statement."),
            ],
        }
    }

    // ---- wallet_system --------------------------------------------------------------

    /// One wallet failing across devices while the other works.
    pub(crate) fn wallet_system(f: &wallet_system::WalletOutage) -> Words {
        use crate::diagnose::rules::qr_payment::{platform, wallet_name};
        use wallet_system::{AROUND_MINUTES, GAP_MINUTES, MIN_PAYERS};
        let name = wallet_name(Lang::En, Some(f.wallet));
        let other = wallet_name(Lang::En, Some(f.other));
        let when = span(&f.span);
        let (n, n_devices) = (f.failures, f.devices.len());
        let devices = f.devices.join(", ");
        let title = if n_devices >= 2 {
            format!(
                "{name} outage: {n} {name} payments left unconfirmed on {n_devices} devices, {when}; {other} worked"
            )
        } else {
            format!(
                "{name} outage: {n} {name} payments left unconfirmed, {when}; other payments on the same device worked"
            )
        };
        let mut evidence = vec![
            format!(
                "{n} {name} payments got no final answer from {name}, at most {GAP_MINUTES} min apart: {}",
                codes(&f.codes)
            ),
            if n_devices <= 1 {
                format!(
                    "the same device ({devices}) took other payments in those minutes: the shop's link was up, the fault is on {name}'s side"
                )
            } else {
                format!(
                    "{n_devices} devices ({devices}) failed at the same time: not one device's network"
                )
            },
            match f.others_ok {
                0 => format!(
                    "no {other} or card payment succeeded within {AROUND_MINUTES} min, so the shop's own link cannot be ruled out entirely"
                ),
                k => format!(
                    "{other} or cards succeeded {k} times in the same minutes (±{AROUND_MINUTES} min): the shop's link was up"
                ),
            },
            format!("{name} completed {} and left {n} unconfirmed in those minutes", f.own_ok),
        ];
        if f.payers >= MIN_PAYERS {
            evidence.push(format!("{} different payers: not one customer's problem", f.payers));
        }
        evidence.extend(listed(&f.listed));
        let look_up = platform(Lang::En, Some(f.wallet));
        let actions = vec![
            format!("This is a fault in {name}'s system; nothing in the shop needs repair."),
            format!(
                "While it lasts, ask customers to pay with {other} or cash instead of scanning again and again."
            ),
            format!(
                "Look up each of the {n} payments of {when} in {look_up}: do not charge again where the customer was charged, refund anyone who paid twice; only a payment not found there is unpaid."
            ),
            format!(
                "Ask {name}'s merchant service to confirm the outage of {when} and note the case number, for later customer complaints."
            ),
        ];
        Words { title, evidence, actions }
    }

    // ---- cardholder -----------------------------------------------------------------

    /// The one-line profile of the cardholder declines.
    pub(crate) fn cardholder_summary(f: &cardholder::Profile) -> String {
        format!(
            "{} declines for cardholder reasons ({}): {}. The bank clearly declined, nothing was charged, they are not dropped sales",
            f.declines,
            span(&f.span),
            codes(&f.codes)
        )
    }

    /// What to tell the customer, per code, then that nothing needs doing.
    pub(crate) fn cardholder_advice(f: &cardholder::Profile) -> Vec<String> {
        let mut advice: Vec<String> = f
            .by_count
            .iter()
            .filter_map(|(c, k)| {
                let info = knowledge::response_code(c)?;
                Some(format!("{c} ({k}): {}", info.message_en))
            })
            .collect();
        advice.push("Nothing to do: none of these charged the card. When it happens, tell the customer what the terminal says and offer another card, cash or QR.".to_owned());
        advice
    }

    // ---- health ---------------------------------------------------------------------

    /// `4.0%` from a rate of 0.04.
    fn pct(rate: f64) -> String {
        format!("{:.1}%", rate * 100.0)
    }

    /// The note on a terminal that drops far more than the others.
    pub(crate) fn health_note(f: &health::DropNote) -> Words {
        use crate::diagnose::stats::show_p;
        let name = device(Device::terminal(f.terminal));
        let (own, others) = (pct(f.rate), pct(f.others_rate));
        let (p, thr) = (show_p(f.p), show_p(f.threshold));
        let (other_attempts, other_dropped) = (f.other_attempts, f.other_dropped);
        let worst: Vec<String> =
            f.worst.iter().map(|(d, k, n)| format!("{} {k}/{n}", d.format("%m-%d"))).collect();
        Words {
            title: format!(
                "Terminal health: {name} drops {own} of attempts, the other terminals {others}"
            ),
            evidence: vec![
                format!(
                    "over the whole period {name} had {} of {} attempts time out or get no reply ({own}); the other terminals {other_dropped} of {other_attempts} ({others})",
                    f.dropped, f.attempts
                ),
                format!(
                    "one-sided Fisher exact test p = {p}, below the threshold {thr}: not chance, this terminal"
                ),
                format!("days with the most drops (dropped/attempts): {}", worst.join(", ")),
            ],
            actions: vec![
                format!(
                    "Give the POS provider these numbers (\"{name} drops {own} of attempts, the others {others}\") and ask them to check the terminal and its modem."
                ),
                format!(
                    "Check {name}'s network: signal, SIM data plan, Wi-Fi router; use a cable if you can."
                ),
                acquirer_warning(),
            ],
        }
    }

    // ---- persistent -----------------------------------------------------------------

    /// `4.0%`: `hits` of `of` (0 when `of` is 0).
    fn share(hits: u64, of: u64) -> String {
        format!("{:.1}%", 100.0 * hits as f64 / of.max(1) as f64)
    }

    /// `terminal 10086602` / `cards starting 622848`.
    fn who(w: persistent::Who) -> String {
        match w {
            persistent::Who::Terminal(id) => device(Device::terminal(id)),
            persistent::Who::Bin(bin) => format!("cards starting {bin}"),
        }
    }

    /// The evidence line of a period-wide test: what was compared, p, and the threshold.
    pub(crate) fn test_line(t: &persistent::TestLine) -> String {
        use persistent::{ALPHA, Comparison};
        let who = who(t.who);
        let (p, thr) =
            (crate::diagnose::stats::show_p(t.p), crate::diagnose::stats::show_p(t.threshold));
        match *t.comparison {
            Comparison::Others { hits, group, other_hits, others } => format!(
                "over the whole period: {who} had {hits} of {group} attempts ({}) fail this way, the others {other_hits} of {others} ({}); one-sided Fisher exact test p = {p}, below the threshold {thr} ({ALPHA} shared among the groups tested in this report): not chance",
                share(hits, group),
                share(other_hits, others)
            ),
            Comparison::Period { k, n, w } => format!(
                "only this terminal is in the files, so it is compared with the period instead: the {k} failures fall within {w} consecutive of its {n} attempts; the chance of such a cluster at random is p = {p}, below the threshold {thr}"
            ),
            Comparison::Ceiling { k, n, single } => format!(
                "{}: A0 / 99 / 77 / 97 / 03 answer the terminal's own keys, batch or registration and a signed-in terminal hardly ever returns them; at a ceiling of one in 1,000 attempts, the chance of {k} among its {n} attempts ({}) is p = {p} (one-sided binomial test), below the threshold {thr}: not chance",
                if single {
                    "only this terminal is in the files, so it is compared with what a healthy terminal allows"
                } else {
                    "compared with what a healthy terminal allows (whatever the other terminals do)"
                },
                share(k, n)
            ),
        }
    }

    /// `on 5 days: 11-03, 11-05, ...`.
    pub(crate) fn days(days: &[chrono::NaiveDate]) -> String {
        let list: Vec<String> = days.iter().map(|d| d.format("%m-%d").to_string()).collect();
        format!("on {} days: {}", days.len(), list.join(", "))
    }

    /// One terminal losing its link again and again over the period.
    pub(crate) fn recurring_drops(f: &persistent::RecurringDrops) -> Words {
        let name = device(Device::terminal(f.terminal));
        let when = span(&f.span);
        let n = f.failures;
        let mut evidence = vec![
            format!(
                "{n} no-replies on one terminal, spread out rather than one outage: {}",
                codes(&f.codes)
            ),
            test_line(&f.test),
            days(&f.days),
        ];
        evidence.extend(listed(&f.listed));
        let statement = statement(f.qr);
        Words {
            title: format!(
                "Recurring drops: {name} got no reply {n} times, {when}, far more than usual"
            ),
            evidence,
            actions: vec![
                format!(
                    "Reconcile each of the {n} attempts against {statement}; do not charge again where the customer was charged."
                ),
                format!(
                    "The connection of {name} is unreliable over time: check the signal, the SIM's data plan and the Wi-Fi router, move the terminal or the router to where reception is good, use a cable if you can, or a SIM from another operator."
                ),
                format!(
                    "Ask the POS provider to check {name}'s modem, giving the terminal id and the dates and times above."
                ),
                acquirer_warning(),
            ],
        }
    }

    // ---- operator -------------------------------------------------------------------

    /// `void` / `refund`.
    fn void_or_refund(r: &crate::model::Record) -> &'static str {
        if r.txn_type == crate::model::TxnType::Void { "void" } else { "refund" }
    }

    /// A refused void or refund and its sale: `the void at … belongs to the sale of …`.
    fn original(o: &operator::Original) -> String {
        let (r, s) = (o.attempt, o.sale);
        let head = format!(
            "the {} at {} belongs to the sale of {} ({}, {})",
            void_or_refund(r),
            time(Lang::En, r.time),
            time(Lang::En, s.time),
            ids(Lang::En, &[s]),
            money(Lang::En, s.amount_cents)
        );
        if !o.later {
            return head;
        }
        let cleared = o.cleared.map(|d| d.to_string()).unwrap_or_default();
        format!(
            "{head}, which cleared on {cleared}: past the cut-over it can only be refunded, not voided"
        )
    }

    /// A day's refused voids and refunds on one terminal.
    pub(crate) fn void_errors(f: &operator::VoidErrors) -> Words {
        let name = device(Device::terminal(f.terminal));
        let (when, n) = (span(&f.span), f.attempts);
        let mut evidence = vec![format!("response codes: {}", codes(&f.codes))];
        evidence.extend(f.originals.iter().map(original));
        evidence.extend(listed(&f.listed));
        evidence.extend(f.fixes.iter().map(|v| {
            format!(
                "a {} went through afterwards at {} ({}, {})",
                void_or_refund(v),
                time(Lang::En, v.time),
                ids(Lang::En, &[v]),
                money(Lang::En, v.amount_cents)
            )
        }));
        let mut actions = vec![if f.all_fixed {
            "A refund/void went through afterwards, so the customer is refunded; do not do it again. Tell the customer a refund takes about 3-5 working days to reach the card.".to_owned()
        } else {
            "A refused void/refund gave the customer nothing back: check each one and redo it promptly.".to_owned()
        }];
        if f.has("12") || f.has("22") || f.next_day {
            actions.push("A void (撤销) only works on the same day and batch, before the 23:00 cut-over and settlement; afterwards use a refund (退货) with the original RRN and date. The refund reaches the card in about 3-5 working days.".to_owned());
        }
        if f.has("25") {
            actions.push("Code 25 means the original was not found: type the STAN, RRN and date from the receipt (签购单), not from memory.".to_owned());
        }
        if f.has("64") {
            actions.push("Code 64 means the amount differs from the original: a void must be for the full amount; use a refund for part of it.".to_owned());
        }
        if f.has("58") {
            actions.push("Code 58 means this terminal may not do it: void/refund on the terminal that took the sale, or ask the POS provider to enable refunds.".to_owned());
        }
        actions.push("Show the cashiers the right procedure; where the POS cannot do it, ask the acquirer for a manual refund or adjustment.".to_owned());
        Words {
            title: format!("Cashier error: {n} void/refund attempts refused on {name} ({when})"),
            evidence,
            actions,
        }
    }

    /// How one amount is a typing slip of another.
    fn slip(s: operator::Slip) -> &'static str {
        use operator::Slip;
        match s {
            Slip::TimesTen => "an extra zero (ten times the amount)",
            Slip::TenthOf => "a missing zero (a tenth of the amount)",
            Slip::ExtraDigit => "one digit too many",
            Slip::DroppedDigit => "one digit missing",
            Slip::Transposed => "two neighbouring digits swapped",
        }
    }

    /// What became of the first of the two sales.
    fn keying_first(f: &operator::Keying) -> String {
        use crate::model::{Outcome, TxnType};
        match (f.first.outcome, f.undone, f.refund) {
            (Outcome::Approved, true, Some(v)) => format!(
                "the first one was fully {} at {}",
                if v.txn_type == TxnType::Void { "voided" } else { "refunded" },
                time(Lang::En, v.time)
            ),
            (Outcome::Approved, true, None) => "the first one was voided or reversed".to_owned(),
            (Outcome::Approved, false, _) => {
                "the first one was approved and never voided: the customer paid it".to_owned()
            }
            _ => {
                format!("the first one did not go through ({})", terminal_result(Lang::En, f.first))
            }
        }
    }

    /// Two sales of one card whose amounts differ like a typing slip.
    pub(crate) fn keying(f: &operator::Keying) -> Words {
        let name = device(Device::terminal(f.terminal));
        let wrong = money(Lang::En, f.first.amount_cents);
        let right = money(Lang::En, f.second.amount_cents);
        let title = match (f.corrected, f.both_charged) {
            (true, _) => {
                format!("Amount keyed wrong: {name} keyed {wrong} for {right}, since corrected")
            }
            (false, true) => format!(
                "Amount to check: {name} charged one card {wrong}, then {right}; both went through"
            ),
            (false, false) => {
                format!("Amount to check: {name} tried one card for {wrong}, then for {right}")
            }
        };
        let card = f.first.card_last4().unwrap_or("");
        let gap = crate::diagnose::text::duration(Lang::En, f.gap_secs);
        let how = slip(f.slip);
        let mut evidence = vec![
            format!(
                "the same card (ending {card}) twice within {gap}: {wrong} then {right}; they differ by {how}"
            ),
            keying_first(f),
        ];
        if !f.corrected {
            evidence.push("nothing (a refusal, void, reversal or refund) shows the first amount was a mistake: they may be two purchases by one customer; please check".to_owned());
        }
        evidence.extend(listed(&f.listed));
        let ids = ids(Lang::En, &[f.first]);
        let actions = if f.both_charged {
            vec![
                format!("Check the amount due with the customer and the receipt. If it was {right}, the first charge of {wrong} ({ids}) is extra: void it on the POS the same day and batch, or refund (退货) it once settled."),
                "If the customer really owed both, nothing needs doing.".to_owned(),
                "A refund reaches the card in about 3-5 working days; tell the customer. If the POS cannot do it, file an adjustment request with the acquirer.".to_owned(),
                "Remind cashiers to have the customer confirm the amount on the terminal before paying.".to_owned(),
            ]
        } else if !f.corrected {
            vec![
                format!("Check the amount due with the customer and the receipt, and check on the acquirer statement whether {wrong} and {right} were charged."),
                format!("If {right} was due and {wrong} was charged too: void it on the POS the same day and batch, or refund (退货) it once settled."),
                "Remind cashiers to have the customer confirm the amount on the terminal before paying.".to_owned(),
            ]
        } else {
            vec![
                format!("Check that the final {right} is right; the first attempt of {wrong} was not charged, or was voided or refunded, so nothing more to refund."),
                "If the amount is still wrong: overcharged, void the same day and charge again, or refund later; undercharged, charge the difference as a new sale.".to_owned(),
                "Remind cashiers to have the customer confirm the amount on the terminal before paying.".to_owned(),
            ]
        };
        Words { title, evidence, actions }
    }
}

// (end of incidents)
