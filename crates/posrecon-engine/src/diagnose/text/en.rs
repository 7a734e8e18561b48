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

/// The words of the incidents (see `diagnose::incidents`): one function per incident kind or
/// fact, the same names in `zh.rs`.
pub(crate) mod incidents {
    use crate::Lang;
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
