//! The English words of a check answer.
//!
//! Every function turns the facts of one verdict (or of one addition to a verdict) into what the
//! merchant reads and says; it holds no logic beyond choosing a sentence for a fact. Its twin of
//! the same name is in `zh.rs`. A card and a QR payment are channels of the same verdict: where
//! they need other words (terminal / till, statement / bill), the verdict's function chooses by
//! channel.

use chrono::{NaiveDate, NaiveDateTime};

use super::Words;
use crate::check::Verdict;
use crate::check::facts::{
    Answer, AskWhich, Cash, Channel, Likely, Line, NotFound, OtherCard, Payment, Refund, Retried,
    Twice,
};
use crate::config::Lang;
use crate::diagnose::rules::qr_payment::{contact, order_numbers, platform, shown, wallet_name};
use crate::diagnose::text;
use crate::model::{PayMethod, Role};

const L: Lang = Lang::En;

/// Short label of a verdict.
pub(in crate::check) fn label(v: Verdict) -> &'static str {
    match v {
        Verdict::ChargedAndSettled => "Charged and settled",
        Verdict::ChargedTwice => "Charged twice",
        Verdict::ReversedNotCharged => "Not charged (reversed)",
        Verdict::NotYetSettled => "Not settled yet",
        Verdict::ApprovedNotSettled => "Approved but not settled",
        Verdict::Declined => "Declined, not charged",
        Verdict::NotFound => "Not found",
        Verdict::Refunded => "Charged, then refunded",
        Verdict::TwoApprovedCharges => "Two approved charges: ask the customer",
        Verdict::Voided => "Paid, then voided",
    }
}

/// The words of a verdict.
pub(in crate::check) fn answer(a: &Answer) -> Words {
    match a {
        Answer::ChargedAndSettled { pay, dropped, deposit } => {
            charged_and_settled(pay, *dropped, *deposit)
        }
        Answer::ReversedNotCharged { pay, covered } => reversed_not_charged(pay, *covered),
        Answer::NotYetSettled { pay, after, due, covered, escalate } => {
            not_yet_settled(pay, *after, *due, *covered, *escalate)
        }
        Answer::ApprovedNotSettled { pay, covered } => approved_not_settled(pay, *covered),
        Answer::Declined { pay } => declined(pay),
        Answer::ChargedTwice(t) => charged_twice(t),
        Answer::TwoApprovedCharges(t) => two_approved_charges(t),
        Answer::Voided { pay, void_time, void_terminal, void_line, pair_listed, covered } => {
            voided(pay, *void_time, *void_terminal, *void_line, *pair_listed, *covered)
        }
        Answer::Refunded { pay, refunds } => refunded(pay, refunds),
    }
}

// ---- Words shared by several verdicts ----

fn money(cents: i64) -> String {
    text::money(L, cents)
}

fn time(t: Option<NaiveDateTime>) -> String {
    text::time(L, t)
}

fn line(l: Line) -> String {
    text::location(L, l.file, l.line)
}

fn settled_line(p: &Payment) -> String {
    p.settled_line.map(line).unwrap_or_default()
}

/// `CNY 1,580.00 at 2026-11-09 10:05:40 (terminal …, card ending 1234)`.
fn describe(p: &Payment) -> String {
    let (when, amount, ids) = (time(p.time), money(p.amount_cents), text::ids(L, &p.records));
    if ids.is_empty() {
        format!("{amount} at {when}")
    } else {
        format!("{amount} at {when} ({ids})")
    }
}

/// A QR payment described with its order numbers.
fn describe_qr(p: &Payment) -> String {
    let (what, ids) = (describe(p), order_numbers(L, p.wallet, &p.records));
    if ids.is_empty() { what } else { format!("{what} ({ids})") }
}

/// What the terminal (card) or the till (QR, read after "the till") showed.
fn shown_by(p: &Payment) -> String {
    match (p.channel, p.shown_by) {
        (Channel::Card, _) => terminal_shown(p),
        (Channel::Qr, Some(r)) => shown(L, r),
        (Channel::Qr, None) => "has no line for it".to_owned(),
    }
}

/// What the terminal showed, or that the terminal log does not have the attempt.
fn terminal_shown(p: &Payment) -> String {
    match p.shown_by {
        Some(r) => text::terminal_result(L, r),
        None => "is not in the terminal log".to_owned(),
    }
}

fn card_phrase(card: Option<&str>) -> String {
    card.map(|c| format!(", card ending {c}")).unwrap_or_default()
}

fn covered_range(covered: Option<(NaiveDate, NaiveDate)>) -> String {
    covered.map_or_else(
        || "(no acquirer statement loaded)".to_owned(),
        |(first, last)| text::date_range(L, first, last),
    )
}

fn wallet(m: Option<PayMethod>) -> &'static str {
    wallet_name(L, m)
}

/// Where the customer finds the payment on the phone.
fn app_bill(m: Option<PayMethod>) -> &'static str {
    match m {
        Some(PayMethod::Wechat) => "WeChat (Me → Services → Wallet → Bills)",
        Some(PayMethod::Alipay) => "Alipay (Me → Bills)",
        _ => "the WeChat or Alipay bill on the phone",
    }
}

/// How money sent back reaches the customer who paid by a wallet.
fn qr_refund_arrival() -> &'static str {
    "Money sent back returns the way it was paid: at once to the wallet balance, usually within 1–3 working days to a bank card."
}

/// How money given back reaches the customer: a card refund takes days, a wallet's goes back the
/// way it was paid.
fn refund_arrival(channel: Channel) -> &'static str {
    match channel {
        Channel::Qr => qr_refund_arrival(),
        Channel::Card => {
            "A card refund usually reaches the card within 3–5 working days, depending on the bank."
        }
    }
}

/// `CNY 20.00 refunded at 2026-11-18 15:00:00 (file line n)`, one per refund row.
fn refund_lines(refunds: &[Refund]) -> String {
    let lines: Vec<String> = refunds
        .iter()
        .map(|r| {
            format!("{} refunded at {} ({})", money(r.amount_cents), time(r.time), line(r.line))
        })
        .collect();
    lines.join("; ")
}

/// A wallet bill's state code as the bill writes it (REVOKED, CLOSED …).
fn bill_state_word(code: &str) -> String {
    code.to_owned()
}

/// The first action of a settled charge.
pub(in crate::check) fn do_not_charge_again() -> &'static str {
    "Do not charge the customer again; if you already did, void the second charge (same day) or refund it (later)."
}

/// A reversed card attempt's line to the customer: the purchase is still unpaid.
pub(in crate::check) fn pay_again() -> &'static str {
    "The purchase still needs to be paid: please pay again, by card or another way."
}

/// A QR attempt that took nothing: the purchase is still unpaid.
pub(in crate::check) fn scan_again() -> &'static str {
    "The purchase still needs to be paid: please scan again or pay another way."
}

/// A reversed attempt's action.
pub(in crate::check) fn collect_again() -> &'static str {
    "Collect the payment again (if you have not already)."
}

/// A declined attempt's line to the customer.
pub(in crate::check) fn other_card_please() -> &'static str {
    "Please pay with another card or another way."
}

/// A declined attempt's action.
pub(in crate::check) fn collect() -> &'static str {
    "Collect the payment again."
}

// ---- One payment ----

fn charged_and_settled(p: &Payment, dropped: bool, deposit: Option<NaiveDate>) -> Words {
    if p.channel == Channel::Qr {
        return qr_charged_and_settled(p, dropped);
    }
    let (what, shown, loc) = (describe(p), shown_by(p), settled_line(p));
    let (amount, when, clearing) = (money(p.amount_cents), time(p.time), text::date(p.clearing));
    let deposit = text::date(deposit);
    let contact = text::contact_details(L, &p.records);
    let card = card_phrase(p.card);
    let mut w = Words {
        title: format!("The customer paid: {amount} at {when} was charged and settled"),
        explanation: if dropped {
            format!(
                "{what}: the terminal {shown}, but the acquirer settled it on clearing date {clearing} ({loc}). The money has left the customer's card and comes to you with the deposit of {deposit}. The payment was dropped by the terminal, not missing."
            )
        } else {
            format!(
                "{what}: the terminal {shown}, and the acquirer settled it on clearing date {clearing} ({loc}); expected deposit {deposit}."
            )
        },
        say_to_customer: vec![format!(
            "Your payment went through: {amount} at {when}{card}. We have received it; you do not need to pay again."
        )],
        actions: Vec::new(),
    };
    if dropped {
        w.say_to_customer.push(
            "The terminal showed a failure because the bank's confirmation did not reach it in time; the money was in fact taken and has been settled to us.".to_owned(),
        );
    }
    // As `analyze`'s duplicate_charge: the one the terminal showed as failed is the one to undo;
    // a charge taken again was approved and is the customer's payment.
    w.actions.push(if dropped {
        "Do not charge the customer again; if you already did, keep the new charge and undo this one (shown as failed but charged): void it (same day, before settlement) or refund it (after settlement).".to_owned()
    } else {
        do_not_charge_again().to_owned()
    });
    w.actions.push(format!("Keep this statement line ({loc}) as proof of payment: {contact}."));
    w
}

fn qr_charged_and_settled(p: &Payment, dropped: bool) -> Words {
    let (what, shown, loc) = (describe_qr(p), shown_by(p), settled_line(p));
    let (amount, when, wallet, app) =
        (money(p.amount_cents), time(p.time), wallet(p.wallet), app_bill(p.wallet));
    let contact = contact(L, p.wallet, &p.records);
    let state = p.bill_state.clone().unwrap_or_else(|| "SUCCESS".to_owned());
    // Where the money of a paid row went: the merchant account, or the 收款码's own account.
    let account = if p.personal {
        format!("{wallet} account behind the QR code (收款码)")
    } else {
        format!("{wallet} merchant account")
    };
    let mut w = Words {
        title: format!("The customer paid: {amount} by {wallet} at {when} succeeded"),
        explanation: match (p.on_statement, dropped) {
            (true, _) => format!(
                "{what}: the till {shown}, and the acquirer's statement ({loc}) has it settled: the customer paid, and the money is paid out to you with that statement."
            ),
            (false, true) => format!(
                "{what}: the till {shown}, but the {wallet} bill ({loc}) has it as paid ({state}): the customer paid and the money is in your {account}. The scan was dropped by the till, not unpaid."
            ),
            (false, false) => format!(
                "{what}: the till {shown}, and the {wallet} bill ({loc}) has it as paid ({state}); the money is in your {account}."
            ),
        },
        say_to_customer: vec![
            format!(
                "Your {wallet} payment went through: {amount} at {when}. We have received it; you do not need to pay again."
            ),
            format!("You can see it in {app}."),
        ],
        actions: Vec::new(),
    };
    // A personal bill keeps a refunded payment's row and says so in its state.
    if state.contains("退款") {
        w.explanation.push_str(&format!(" The bill shows it was refunded afterwards ({state})."));
        w.say_to_customer.push(format!(
            "This payment was refunded afterwards ({state}). {}",
            qr_refund_arrival()
        ));
    }
    if dropped {
        w.say_to_customer.push(
            "The till did not get the payment result in time and showed a failure; the money was in fact paid and we have it.".to_owned(),
        );
    }
    w.actions.push(
        "Do not let the customer pay again; if you already collected a second time, reverse (撤销) or refund (退款) the extra one.".to_owned(),
    );
    let source = if p.on_statement { "statement" } else { "bill" };
    w.actions.push(format!("Keep this {source} line ({loc}) as proof of payment: {contact}."));
    w
}

fn reversed_not_charged(p: &Payment, covered: Option<(NaiveDate, NaiveDate)>) -> Words {
    if p.channel == Channel::Qr {
        return qr_not_charged(p);
    }
    let (what, shown, amount, when) =
        (describe(p), shown_by(p), money(p.amount_cents), time(p.time));
    let (clearing, covered) = (text::date(p.clearing), covered_range(covered));
    let contact = text::contact_details(L, &p.records);
    Words {
        title: format!(
            "Not charged: the terminal {shown} for {amount} at {when}, and the statement lacks it"
        ),
        explanation: format!(
            "{what}: the terminal {shown}. The loaded acquirer statements cover clearing date {clearing} (statements {covered}) and do not contain it: the reversal worked, the money was not taken and you did not receive it."
        ),
        say_to_customer: vec![
            "Your card was not charged: this payment did not go through, and we did not receive the money.".to_owned(),
            "If you see a charge or a hold, it is a temporary hold by your bank: it is usually released within minutes to 24 hours, at most 1–3 working days.".to_owned(),
            pay_again().to_owned(),
        ],
        actions: vec![
            collect_again().to_owned(),
            format!("If the customer still sees the charge after 3 working days, they should call their card issuer with: {contact}."),
        ],
    }
}

/// A QR payment that took nothing: revoked, closed, failed, or absent from the covering bill.
fn qr_not_charged(p: &Payment) -> Words {
    let (what, shown, amount, when) =
        (describe_qr(p), shown_by(p), money(p.amount_cents), time(p.time));
    let (wallet, app, day) = (wallet(p.wallet), app_bill(p.wallet), text::date(p.bill_day()));
    let contact = contact(L, p.wallet, &p.records);
    Words {
        title: format!("Not charged: the {amount} {wallet} payment at {when} did not go through"),
        explanation: match &p.bill_state {
            Some(s) => format!(
                "{what}: the till {shown}, and the {wallet} bill has the order as \"{}\" (revoked or closed): no money was kept, and you did not receive any.",
                bill_state_word(s)
            ),
            None => format!(
                "{what}: the till {shown}. The loaded {wallet} bills cover {day} and have no paid row for it: the customer did not pay, and you did not receive the money."
            ),
        },
        say_to_customer: vec![
            format!("This {wallet} payment did not go through, and we did not receive the money."),
            format!(
                "You can look in {app}: if the payment is there, it shows as revoked, closed or refunded."
            ),
            qr_refund_arrival().to_owned(),
            scan_again().to_owned(),
        ],
        actions: vec![
            collect_again().to_owned(),
            format!(
                "If the customer's phone shows the payment as successful, ask for its details and look it up in {}: {contact}.",
                platform(L, p.wallet)
            ),
        ],
    }
}

fn not_yet_settled(
    p: &Payment,
    after: Option<NaiveDate>,
    due: bool,
    covered: Option<(NaiveDate, NaiveDate)>,
    escalate: Option<NaiveDate>,
) -> Words {
    if p.channel == Channel::Qr {
        return qr_not_yet_settled(p, after, due);
    }
    let (what, shown, amount, when) =
        (describe(p), shown_by(p), money(p.amount_cents), time(p.time));
    let (after, clearing, covered) =
        (text::date(after), text::date(p.clearing), covered_range(covered));
    let contact = text::contact_details(L, &p.records);
    let (title, load, say, action) = if due {
        (
            format!("Not known yet: the terminal {shown} for {amount} at {when}; the statement for clearing date {clearing} should be out by now: download it and check again"),
            format!("That statement should have been available from {after}, which has passed: download the statement for clearing date {clearing} now and check again; if the acquirer still has not issued it, it is overdue: ask the acquirer for it."),
            "We will check the bank's statement as soon as we can and tell you the result; please leave us a phone number.".to_owned(),
            format!("Download the acquirer statement for clearing date {clearing} now (it should have been available from {after}) and check again with the terminal log; if it is not there, ask the acquirer for it."),
        )
    } else {
        (
            format!(
                "Not known yet: the terminal {shown} for {amount} at {when}; check again after {after}"
            ),
            format!(
                "Load the statement for clearing date {clearing} after {after} and check again."
            ),
            format!(
                "We will check the bank's statement after {after} and tell you the result; please leave us a phone number."
            ),
            format!(
                "After {after}, download the acquirer statement for clearing date {clearing} and check again with the terminal log."
            ),
        )
    };
    let mut say_to_customer = if p.shown_approved() {
        vec!["The terminal shows your payment as approved; you do not need to pay again. The bank is still settling it.".to_owned()]
    } else {
        vec![
            "The bank is still confirming this payment; please do not pay a second time yet.".to_owned(),
            "If it did not go through, any held money is usually released within minutes to 24 hours, at most 1–3 working days.".to_owned(),
        ]
    };
    say_to_customer.push(say);
    let mut actions = vec![action];
    if let Some(esc) = escalate {
        actions.push(format!(
            "Past {esc} with no answer: ask the acquirer directly, giving: {contact}."
        ));
    }
    Words {
        title,
        explanation: format!(
            "{what}: the terminal {shown}. Its clearing date is {clearing}; the loaded acquirer statements cover {covered}, not that date yet, so whether the money was taken is not known. {load}"
        ),
        say_to_customer,
        actions,
    }
}

fn qr_not_yet_settled(p: &Payment, after: Option<NaiveDate>, due: bool) -> Words {
    let (what, shown, amount, when) =
        (describe_qr(p), shown_by(p), money(p.amount_cents), time(p.time));
    let (wallet, app, day, next) =
        (wallet(p.wallet), app_bill(p.wallet), text::date(p.bill_day()), text::date(after));
    let (title, say, action) = if due {
        (
            format!(
                "Not known yet: the till {shown} for {amount} by {wallet} at {when}; the {wallet} bill for {day} should be out by now: download it and check again"
            ),
            format!(
                "We will check the {wallet} bill as soon as we can and tell you the result; please leave us a phone number."
            ),
            format!(
                "Download the {wallet} bill for {day} now (it has been available since {next}) and check again."
            ),
        )
    } else {
        (
            format!(
                "Not known yet: the till {shown} for {amount} by {wallet} at {when}; check again after the bill of {next}"
            ),
            format!(
                "We will check the {wallet} bill on {next} and tell you the result; please leave us a phone number."
            ),
            format!(
                "After 09:00–10:00 on {next}, download the {wallet} bill for {day} and check again."
            ),
        )
    };
    Words {
        title,
        explanation: format!(
            "{what}: the till {shown}. The customer may still have been entering the password, and the money may have moved. The loaded {wallet} bills do not include {day}, so it is not known yet. The {wallet} bill for {day} can be downloaded on {next} after about 09:00–10:00."
        ),
        say_to_customer: vec![
            "This payment is still being confirmed; please do not scan and pay again yet."
                .to_owned(),
            format!("Please look in {app}: if the payment shows as successful, you have paid."),
            say,
        ],
        actions: vec![
            format!(
                "Query the order on the till now, or in {} by its merchant order number.",
                platform(L, p.wallet)
            ),
            action,
        ],
    }
}

fn approved_not_settled(p: &Payment, covered: Option<(NaiveDate, NaiveDate)>) -> Words {
    if p.channel == Channel::Qr {
        return qr_approved_not_settled(p);
    }
    let (what, shown, amount, when) =
        (describe(p), shown_by(p), money(p.amount_cents), time(p.time));
    let (clearing, covered) = (text::date(p.clearing), covered_range(covered));
    let contact = text::contact_details(L, &p.records);
    Words {
        title: format!("Approved but not settled: {amount} at {when}"),
        explanation: format!(
            "{what}: the terminal {shown}, but the acquirer statement covering clearing date {clearing} ({covered}) lacks it. The customer very likely paid, but the money was not settled to you."
        ),
        say_to_customer: vec![
            "The terminal shows your payment as approved; you do not need to pay again.".to_owned(),
        ],
        actions: vec![format!(
            "Ask the acquirer why this sale was not settled, giving: {contact}."
        )],
    }
}

/// As analyze's order_not_paid: the till's word alone proves no payment. The customer may not
/// have paid (a till marked paid by hand), or paid another code or merchant id.
fn qr_approved_not_settled(p: &Payment) -> Words {
    let (what, shown, amount, when) =
        (describe_qr(p), shown_by(p), money(p.amount_cents), time(p.time));
    let (m, day, contact) = (p.wallet, text::date(p.bill_day()), contact(L, p.wallet, &p.records));
    let (wallet, app, platform) = (wallet(m), app_bill(m), platform(L, m));
    Words {
        title: format!("Paid at the till but not on the bill: {amount} by {wallet} at {when}; look it up before answering"),
        explanation: format!(
            "{what}: the till {shown}, but the {wallet} bill covering {day} has no paid row for it. The till's word alone does not prove the money was paid: the customer may not have paid (the order marked paid by hand), or the money went to another QR code or merchant id. Look it up in {platform} before answering the customer."
        ),
        say_to_customer: vec![format!(
            "We need to check this payment first. Please show us its details in {app} (time, amount, order number); we will tell you once we have traced it."
        )],
        actions: vec![
            format!("First look the order up in {platform} by its merchant order number; until then, neither tell the customer it was received nor ask them to pay again."),
            "If neither the platform nor the customer's phone shows a successful payment: the customer did not pay; ask them to pay.".to_owned(),
            format!("If the platform or the customer's phone shows it paid, contact {wallet} support (or the provider) to find out why the bill lacks it, with: {contact}."),
        ],
    }
}

fn declined(p: &Payment) -> Words {
    if p.channel == Channel::Qr {
        return qr_not_charged(p);
    }
    let (what, shown, amount, when) =
        (describe(p), shown_by(p), money(p.amount_cents), time(p.time));
    Words {
        title: format!("Declined, not charged: the terminal {shown} for {amount} at {when}"),
        explanation: format!(
            "{what}: the terminal {shown}. The bank declined the sale; no money moved."
        ),
        say_to_customer: vec![
            format!(
                "Your bank declined this payment: the terminal {shown}. Your card was not charged."
            ),
            other_card_please().to_owned(),
        ],
        actions: vec![collect().to_owned()],
    }
}

// ---- Two payments ----

fn charged_twice(t: &Twice) -> Words {
    if t.undo.channel == Channel::Qr {
        return qr_charged_twice(t);
    }
    let (undo, keep) = (&t.undo, &t.keep);
    let amount = money(undo.amount_cents);
    let gap = t.gap_secs.map_or_else(|| "—".to_owned(), |s| text::duration(L, s));
    let (undo_when, keep_when) = (time(undo.time), time(keep.time));
    let undo_ids = text::ids(L, &undo.records);
    let contact = text::contact_details(L, &undo.records);
    let (loc_undo, loc_keep) = (settled_line(undo), settled_line(keep));
    Words {
        title: match t.card {
            Some(c) => format!("Charged twice: card ending {c} paid {amount} twice within {gap}"),
            None => format!("Charged twice: {amount} twice within {gap}"),
        },
        explanation: format!(
            "{}: the terminal {}; {}: the terminal {}. The acquirer settled both ({loc_undo}, {loc_keep}): the customer paid twice for one purchase.",
            describe(undo),
            shown_by(undo),
            describe(keep),
            shown_by(keep),
        ),
        say_to_customer: vec![
            format!(
                "You were indeed charged {amount} twice. We will refund the charge of {undo_when}; the one of {keep_when} is your payment for this purchase."
            ),
            if t.can_void {
                "We will void it on the terminal today; a void is usually back on your card within minutes, at most 1–3 working days depending on your bank.".to_owned()
            } else {
                format!(
                    "We will refund it; a refund usually reaches your card within 3–5 working days (by about {}).",
                    t.back_by
                )
            },
        ],
        actions: vec![
            if t.can_void {
                format!("Today, before settlement, void this charge on the terminal: {undo_ids}.")
            } else {
                format!(
                    "It is settled: refund this charge on the terminal or through the acquirer: {undo_ids}."
                )
            },
            format!(
                "Keep the other charge ({keep_when}) as it is. Note the refund's receipt and tell the customer if they ask: {contact}."
            ),
        ],
    }
}

fn qr_charged_twice(t: &Twice) -> Words {
    let (undo, keep) = (&t.undo, &t.keep);
    let (m, wallet) = (t.wallet, wallet(t.wallet));
    let amount = money(undo.amount_cents);
    let gap = t.gap_secs.map_or_else(|| "—".to_owned(), |s| text::duration(L, s));
    let (undo_when, keep_when) = (time(undo.time), time(keep.time));
    let undo_ids = order_numbers(L, m, &undo.records);
    let keep_ids = order_numbers(L, m, &keep.records);
    let paid = |p: &Payment| p.bill_state.clone().unwrap_or_else(|| "SUCCESS".to_owned());
    let (undo_state, keep_state) = (paid(undo), paid(keep));
    let states =
        if undo_state == keep_state { undo_state } else { format!("{undo_state} / {keep_state}") };
    let mut explanation = format!(
        "{}: the till {}; {}: the till {}. The {wallet} bill has both as paid ({states}); ",
        describe(undo),
        shown_by(undo),
        describe(keep),
        shown_by(keep),
    );
    explanation.push_str(&match t.payer {
        Some(p) => format!("both were paid by \"{p}\": one customer paid twice for one purchase."),
        None => "the bill does not name the payers, so it cannot tell one customer paying twice from two customers paying once each.".to_owned(),
    });
    let mut actions = vec![
        format!("Send back the payment of {undo_when}: {undo_ids}."),
        t.wallet_undo.clone().unwrap_or_else(|| personal_refund_advice(m, &amount)),
        format!("Keep the other payment ({keep_when}, {keep_ids}) as it is."),
    ];
    if t.both_approved {
        actions.insert(0, "Both payments show as successful at the till: first make sure with the customer that these were not two separate purchases.".to_owned());
    } else if t.payer.is_none() {
        actions.insert(0, "The bill does not name the payers: first ask the customer to show both payments on the phone, and refund only if both are theirs.".to_owned());
    }
    Words {
        title: format!("Charged twice: {amount} paid twice by {wallet} within {gap} (re-scan)"),
        explanation,
        say_to_customer: vec![
            format!(
                "You did pay {amount} twice by {wallet}. We will send back the payment of {undo_when}; the one of {keep_when} is your payment for this purchase."
            ),
            qr_refund_arrival().to_owned(),
        ],
        actions,
    }
}

/// How the holder of a personal 收款码 sends a payment back: from the payment's detail page in
/// the app's bill (a personal account has no merchant platform and no till to 撤销 on).
fn personal_refund_advice(m: Option<PayMethod>, amount: &str) -> String {
    format!(
        "With the account that received it, open this payment in {} and choose 退款 (refund) to send back the extra {amount}; it reaches the customer's wallet balance at once, a bank card usually within 1–3 working days.",
        app_bill(m)
    )
}

/// Two settled charges, both approved with no failure before the second: maybe two purchases.
/// `undo` is the first, `keep` the second.
fn two_approved_charges(t: &Twice) -> Words {
    let (first, second) = (&t.undo, &t.keep);
    let amount = money(second.amount_cents);
    let gap = t.gap_secs.map_or_else(|| "—".to_owned(), |s| text::duration(L, s));
    let (first_when, second_when) = (time(first.time), time(second.time));
    let second_ids = text::ids(L, &second.records);
    let (loc_first, loc_second) = (settled_line(first), settled_line(second));
    Words {
        title: match t.card {
            Some(c) => format!("Two approved charges: card ending {c} paid {amount} twice within {gap}; ask whether these were two purchases"),
            None => format!("Two approved charges: {amount} twice within {gap}; ask whether these were two purchases"),
        },
        explanation: format!(
            "{}: the terminal {}; {}: the terminal {}. The acquirer settled both ({loc_first}, {loc_second}). Both were approved on the terminal, with no failure or timeout before the second: that is what two purchases look like, not necessarily a double charge.",
            describe(first),
            shown_by(first),
            describe(second),
            shown_by(second),
        ),
        say_to_customer: vec![
            format!("Our records show two approved payments of {amount}: one at {first_when} and one at {second_when}; both showed as approved at the time."),
            "Did you buy something each time? We will check the receipts and orders and then tell you what happens next.".to_owned(),
        ],
        actions: vec![
            "First make sure with the customer whether these were two separate purchases: check both receipts and the till's orders.".to_owned(),
            format!("Only if the customer bought once, give back the later charge (void it the same day, refund it later): {second_ids}."),
        ],
    }
}

// ---- Money given back ----

fn voided(
    p: &Payment,
    void_time: Option<NaiveDateTime>,
    void_terminal: Option<&str>,
    void_line: Line,
    pair_listed: bool,
    covered: bool,
) -> Words {
    let (what, amount, when, clearing) =
        (describe(p), money(p.amount_cents), time(p.time), text::date(p.clearing));
    let (void_when, void_terminal, void_loc) =
        (time(void_time), void_terminal.unwrap_or("—"), line(void_line));
    let statement = match (pair_listed, covered) {
        (true, _) => "The acquirer statement lists the sale and its void as a pair; they cancel out and nothing is settled to you.".to_owned(),
        (false, true) => format!("The acquirer statement covering clearing date {clearing} lacks it: a sale voided the same day is not settled to you."),
        (false, false) => format!("The acquirer statement for clearing date {clearing} is not loaded yet; a voided sale is not settled to you."),
    };
    Words {
        title: format!("Paid, then voided: the {amount} paid at {when} was voided at {void_when} on terminal {void_terminal}; the money goes back to the card"),
        explanation: format!(
            "{what}: the payment went through. At {void_when} it was voided (消费撤销) on terminal {void_terminal} ({void_loc}), naming this sale. {statement} The money is not with you; it goes back to the customer's card."
        ),
        say_to_customer: vec![
            format!("Your {amount} payment at {when} went through, and was voided at {void_when}: the money goes back to your card."),
            "Your bank returns a voided payment: usually the same day, some banks take 1–3 working days, and a credit card may show the charge and then a matching credit.".to_owned(),
        ],
        actions: vec![
            "There is nothing to collect for it; only if the customer still wants the goods and has not paid another way does the purchase need paying again.".to_owned(),
            "Do not void or refund it again: it was voided, and the money goes back to the customer.".to_owned(),
            format!("If the customer has not seen the money back, show them the void ({void_loc}) and ask them to call their card issuer."),
        ],
    }
}

fn refunded(p: &Payment, refunds: &[Refund]) -> Words {
    let (what, amount, when, loc) =
        (describe(p), money(p.amount_cents), time(p.time), settled_line(p));
    let lines = refund_lines(refunds);
    let last_refund = refunds.last().and_then(|r| r.time);
    let refund_when = time(last_refund);
    // A personal bill that says 已全额退款 without a refund row of its own.
    let state = p.bill_state.clone().unwrap_or_default();
    let source = if p.channel == Channel::Qr { "bill" } else { "statement" };
    Words {
        title: if last_refund.is_some() {
            format!("Refunded: the {amount} charged at {when} was given back at {refund_when}")
        } else {
            format!("Refunded: the {amount} charged at {when} was given back in full")
        },
        explanation: if lines.is_empty() {
            format!(
                "{what}: the {source} ({loc}) has it charged, with the state \"{state}\": refunded in full. The money is no longer with you."
            )
        } else {
            format!(
                "{what}: the {source} ({loc}) has it charged, and all of it was given back afterwards: {lines}. The money is no longer with you; the customer gets it back the way they paid."
            )
        },
        say_to_customer: vec![
            format!("The {amount} you paid at {when} has been refunded to you in full."),
            refund_arrival(p.channel).to_owned(),
        ],
        actions: vec![
            "Do not refund it again: it has already been refunded.".to_owned(),
            "Check whether the purchase was paid another way; if not, it still needs to be paid."
                .to_owned(),
            format!(
                "If the customer has not seen the refund, show them the refund line: {}.",
                if lines.is_empty() { loc } else { lines }
            ),
        ],
    }
}

/// A settled charge with refunds that give back part of it: an explanation to append, a line to
/// say.
pub(in crate::check) fn partly_refunded(
    refunds: &[Refund],
    back_cents: i64,
    kept_cents: i64,
    channel: Channel,
) -> Words {
    let (back, kept, lines) = (money(back_cents), money(kept_cents), refund_lines(refunds));
    Words {
        explanation: format!(
            " Of it, {back} was refunded afterwards ({lines}); {kept} stays paid."
        ),
        say_to_customer: vec![format!(
            "{back} of it has been refunded to you. {}",
            refund_arrival(channel)
        )],
        ..Words::default()
    }
}

/// A twin of the payment (same amount and payer, minutes apart) was paid too and already
/// refunded: an explanation to append, a line to say, an action.
pub(in crate::check) fn twin_refunded(twin: &Payment, refunds: &[Refund]) -> Words {
    let (amount, when, lines) = (money(twin.amount_cents), time(twin.time), refund_lines(refunds));
    Words {
        explanation: if lines.is_empty() {
            format!(" Another {amount} at {when} was charged too, and refunded in full.")
        } else {
            format!(" Another {amount} at {when} was charged too, and refunded in full ({lines}).")
        },
        say_to_customer: vec![format!(
            "The extra {amount} you paid at {when} has already been refunded to you."
        )],
        actions: vec![format!(
            "The payment of {when} has already been refunded; do not refund it again."
        )],
        ..Words::default()
    }
}

// ---- Additions to a verdict ----

/// A payment by another card minutes after the attempt asked about: a title and explanation to
/// append, a line to say, a first action.
pub(in crate::check) fn other_card(f: &OtherCard) -> Words {
    let other = &f.other;
    let (when, amount, minutes) = (time(other.time), money(other.amount_cents), f.minutes);
    let card = other.card.unwrap_or("—");
    let place = if f.same_terminal {
        "on the same terminal".to_owned()
    } else {
        format!("on terminal {}", other.terminal_id.unwrap_or("—"))
    };
    Words {
        title: format!(
            "; {minutes} min later another card (ending {card}) paid {amount}: ask the customer first"
        ),
        explanation: format!(
            " Also, {minutes} min later {place}, a payment by another card: {} by the card ending {card} went through; if that was this customer (who switched cards), they have already paid.",
            describe(other)
        ),
        say_to_customer: vec![format!(
            "If you paid at {when} with another card, ending {card}, that payment went through and you need not pay again; if not, the purchase still needs to be paid."
        )],
        actions: vec![format!(
            "First ask the customer whether they switched cards: {amount} at {when} by the card ending {card} went through; if that was this customer, they have already paid, do not collect again; only if not, collect the payment again."
        )],
    }
}

/// The answer stands on the approved retry of the attempt asked about: an explanation to put
/// first, a line to say first, a first action, and (cards not comparable) a last action.
pub(in crate::check) fn retried(f: &Retried, cards_unknown: bool) -> Words {
    let (asked, retry) = (&f.asked, &f.retry);
    let (failed_when, retry_when) = (time(asked.time), time(retry.time));
    let outcome = if f.voided {
        "it was voided afterwards, and the money goes back to the card"
    } else {
        "it took no money"
    };
    let mut actions = vec![if f.voided {
        format!(
            "Do not charge the customer again: after the payment at {failed_when} was voided, the new payment at {retry_when} went through."
        )
    } else {
        format!(
            "Do not charge the customer again: after the attempt at {failed_when} failed, the retry at {retry_when} went through."
        )
    }];
    if cards_unknown {
        actions.push(format!(
            "The cards cannot be compared (one attempt has no card number): confirm with the customer that the payment at {retry_when} was theirs."
        ));
    }
    Words {
        explanation: format!(
            "The attempt the customer asked about, {}: the terminal {}; {outcome}. At {retry_when} the customer paid again ({}), and that went through: the customer paid once, by that charge. ",
            describe(asked),
            terminal_shown(asked),
            describe(retry),
        ),
        say_to_customer: vec![if f.voided {
            format!(
                "The payment at {failed_when} was voided, and the money goes back to your card; you paid again at {retry_when}, and that went through: you paid once."
            )
        } else {
            format!(
                "The attempt at {failed_when} did not go through and took no money; you paid again at {retry_when}, and that went through: you paid once."
            )
        }],
        actions,
        ..Words::default()
    }
}

/// The scan took no money and the till has the order paid in cash: a title and explanation to
/// append, a line to say second, a first action.
pub(in crate::check) fn paid_in_cash(c: &Cash) -> Words {
    let (wallet, when, amount) = (wallet(c.scan.wallet), time(c.time), money(c.amount_cents));
    let (order, loc) = (c.order, line(c.line));
    Words {
        title: format!("; the order was paid {amount} in cash at {when}: do not collect again"),
        explanation: format!(
            " The till has the same order (till order {order}) paid {amount} in cash at {when} ({loc}): {wallet} took nothing, and the order was paid in cash."
        ),
        say_to_customer: vec![format!(
            "You paid this order {amount} in cash at {when}: it is paid, and you need not pay again."
        )],
        actions: vec![format!(
            "Do not collect again: {wallet} took nothing, and till order {order} was paid {amount} in cash at {when} ({loc})."
        )],
    }
}

/// The wallet charged the customer and the till has the order paid in cash too: the title, an
/// explanation to append, and the words to say and do instead of the verdict's.
pub(in crate::check) fn also_in_cash(c: &Cash) -> Words {
    let (m, wallet) = (c.scan.wallet, wallet(c.scan.wallet));
    let (paid, paid_when) = (money(c.scan.amount_cents), time(c.scan.time));
    let (when, amount, order, loc) = (time(c.time), money(c.amount_cents), c.order, line(c.line));
    Words {
        title: format!(
            "Paid twice: {paid} by {wallet} at {paid_when}, and the same order paid {amount} in cash at {when}"
        ),
        explanation: format!(
            " The till has the same order (till order {order}) also paid {amount} in cash at {when} ({loc}): the customer paid this order twice, once by {wallet} and once in cash; one of the two goes back."
        ),
        say_to_customer: vec![
            format!(
                "You paid this order twice: {paid} by {wallet} at {paid_when}, and {amount} in cash at {when}. We will give one of them back."
            ),
            format!("You can see the {wallet} payment in {}.", app_bill(m)),
        ],
        actions: vec![
            format!(
                "The customer paid twice: {paid} by {wallet} at {paid_when} went through, and till order {order} was also paid {amount} in cash at {when} ({loc}). Give one back: hand back the {amount} in cash, or send back the {wallet} payment as below."
            ),
            c.wallet_undo.clone(),
            "First count the day's cash to make sure the cash was indeed taken, then give it back."
                .to_owned(),
        ],
    }
}

/// Another payment nearby ended the other way and the card is not known: the one line to say,
/// and a first action.
pub(in crate::check) fn ask_which_first(f: &AskWhich) -> Words {
    let when = f.time.map_or_else(String::new, |t| t.format("%H:%M:%S").to_string());
    let whose = match (f.card, f.wallet) {
        (Some(card), _) => format!("the card ending {card}"),
        (None, Some(w)) => crate::report::labels::pay_method(L, w).to_owned(),
        (None, None) => "another customer".to_owned(),
    };
    let result = label(f.verdict);
    // A scan is told apart by the payer's app, a card by its last four digits.
    let (say, action) = if f.qr {
        (
            "Let us check which payment was yours first: please open your payment app (WeChat / Alipay) and look at this payment's time and state.",
            format!(
                "Do not conclude yet: at {when} there is another payment of the same amount ({whose}, result: {result}) that ended the other way. Ask the customer to look the payment up in their app to know which one was theirs, and act on that one; until then neither ask them to pay again nor promise a refund."
            ),
        )
    } else {
        (
            "Let us check which payment was yours first: please tell us the last four digits of the card.",
            format!(
                "Do not conclude yet: at {when} there is another payment of the same amount ({whose}, result: {result}) that ended the other way. Ask the customer for the card's last four digits to know which one was theirs, and act on that one; until then neither ask them to pay again nor promise a refund."
            ),
        )
    };
    Words { say_to_customer: vec![say.to_owned()], actions: vec![action], ..Words::default() }
}

// ---- Nothing found ----

/// How a payment was made, for a sentence: the wallet, a card (with its last 4), or a scan.
fn method_name(p: &Payment) -> String {
    match (p.wallet, p.card) {
        (Some(m), _) => wallet(Some(m)).to_owned(),
        (None, Some(c)) => format!("a card (ending {c})"),
        (None, None) if p.channel == Channel::Qr => "a QR payment".to_owned(),
        (None, None) => "a card".to_owned(),
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::TerminalLog => "terminal log",
        Role::AcquirerStatement => "acquirer statement",
        Role::BankStatement => "bank statement",
        Role::OrderList => "order list",
        Role::WalletBill => "wallet bill",
    }
}

/// Nothing of that amount near that time: what was searched and what is close.
pub(in crate::check) fn not_found(f: &NotFound) -> Words {
    let q = f.query;
    let (amount, when, w) =
        (money(q.amount_cents), q.time.format("%Y-%m-%d %H:%M"), q.window_minutes.max(0));
    let searched: Vec<String> = f
        .searched
        .iter()
        .map(|s| {
            let role = s.role.map_or("not recognised", role_name);
            let range = s.coverage.map_or_else(
                || "no time range".to_owned(),
                |c| {
                    format!(
                        "{} to {}",
                        c.start.format("%Y-%m-%d %H:%M"),
                        c.end.format("%Y-%m-%d %H:%M")
                    )
                },
            );
            format!("{} ({role}, {range})", s.file)
        })
        .collect();
    let searched = if searched.is_empty() { "(no files)".to_owned() } else { searched.join("; ") };
    let filters = match (q.card_last4.as_deref(), q.terminal_id.as_deref()) {
        (Some(c), Some(t)) => format!(", card ending {c}, terminal {t}"),
        (Some(c), None) => format!(", card ending {c}"),
        (None, Some(t)) => format!(", terminal {t}"),
        (None, None) => String::new(),
    };
    let mut explanation = format!("Files searched: {searched}.");
    if !f.in_range {
        explanation.push_str("These files do not cover that time: load the terminal log and acquirer statement of that day and check again.");
    }
    if let Some(first) = &f.closest {
        explanation.push_str(&format!(
            " The closest sale in time or amount: {}, {}.",
            method_name(first),
            describe(first)
        ));
    }
    let say = match q.wallet {
        Some(wallet) => format!(
            "We cannot find this payment in our records. Please find it in {} and show us its details (time, amount, order number); we will check again.",
            app_bill(Some(wallet.pay_method()))
        ),
        None => "We cannot find this payment in our records. Please show us the bank's text message or app entry (time, amount, last four card digits) and we will check again.".to_owned(),
    };
    // Promise the list of close payments only when there is one (issue 13).
    let first = if f.closest.is_some() {
        "Check the amount and time with the customer; the sales closest in time or amount are listed below."
    } else {
        "Check the amount and time with the customer; no sale comes close in time or amount."
    };
    let mut actions = vec![first.to_owned()];
    if !f.in_range {
        actions.push(format!(
            "Load the terminal log and acquirer statement covering {} and check again.",
            q.time.date()
        ));
    }
    Words {
        title: format!("Not found: no sale of {amount}{filters} within {w} minutes of {when}"),
        explanation,
        say_to_customer: vec![say],
        actions,
    }
}

/// `not_found`, but `likely` was paid at that time by another wallet or card, or a few fen off:
/// the title, an explanation to append, the one line to say, a first action.
pub(in crate::check) fn likely(f: &Likely) -> Words {
    let (q, p) = (f.query, &f.pay);
    let (amount, asked_amount) = (money(p.amount_cents), money(q.amount_cents));
    let diff_cents = p.amount_cents - q.amount_cents;
    let (diff, when, how) = (money(diff_cents.abs()), time(p.time), method_name(p));
    let asked_how = match (q.wallet, q.card_last4.as_deref(), q.terminal_id.as_deref()) {
        (Some(w), _, _) => wallet(Some(w.pay_method())).to_owned(),
        (None, Some(c), _) => format!("the card ending {c}"),
        (None, None, Some(t)) => format!("terminal {t}"),
        (None, None, None) => "the way named".to_owned(),
    };
    let app = match p.wallet {
        Some(m @ (PayMethod::Wechat | PayMethod::Alipay)) => app_bill(Some(m)),
        _ => "the bank's app or text message",
    };
    let ids = text::ids(L, &p.records);
    let q_when = q.time.format("%Y-%m-%d %H:%M");
    if diff_cents == 0 {
        return Words {
            title: format!(
                "No {asked_amount} by {asked_how} at {q_when}, but {how} has a {amount} payment at {when} that went through: perhaps this one"
            ),
            explanation: format!(
                " {asked_how} has no such payment, but {how} has {amount} at {when} that went through ({ids}): amount and time agree; the customer may have named the wrong way of paying."
            ),
            say_to_customer: vec![format!(
                "There is no such payment by {asked_how}, but {how} has a {amount} payment at {when} that went through: perhaps this one. Please look in {app}: if it is there, you have paid and need not pay again."
            )],
            actions: vec![format!(
                "First have the customer check {app}: {amount} by {how} at {when} went through ({ids}) and may be this payment; if so, they have paid: do not collect again."
            )],
        };
    }
    Words {
        title: format!(
            "No {asked_amount} at {q_when}, but {how} has a {amount} payment at {when} that went through ({diff} different): perhaps this one"
        ),
        explanation: format!(
            " There is no payment of {asked_amount}, but {how} has {amount} at {when} that went through ({ids}), {diff} off the amount named (listed only within 1.00 yuan and 5% of the amount): perhaps this one, but not known to be the same payment."
        ),
        say_to_customer: vec![format!(
            "We found no payment of {asked_amount}, but {how} has a {amount} payment at {when} that went through, {diff} off the amount you gave: perhaps this one. Please look at its amount and time in {app}: if it is this one, you have paid and need not pay again."
        )],
        actions: vec![format!(
            "First have the customer check {app}: {amount} by {how} at {when} went through ({ids}), {diff} off the {asked_amount} named; it may be this payment, but that is not certain; if so, they have paid: do not collect again."
        )],
    }
}
