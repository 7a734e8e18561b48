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

/// The English words of the deposit findings; `zh::deposit` has the same functions.
pub(crate) mod deposit {
    use crate::Lang;
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
             net for those dates is {want}: {gap} apart, more than the 1 fen per row rounding allows.",
            span(&f.days),
            merchant(&f.days).unwrap_or_else(|| "same merchant".to_owned())
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
        format!(
            "The acquirer statement settles {rows} rows for clearing date {span}{who}, net {amount}, due in the merchant's bank \
             account on {expected} under the {} cycle. The loaded bank statement covers {bank_start} to {bank_end}, but no credit {kept}in it \
             equals this amount (allowing 1 fen per row for rounding), alone, rolled up with neighbouring clearing dates, or split \
             into several credits.{back} The \
             acquirer may have held the payout back, had it returned, or paid it to another account.",
            f.days[0].cycle.as_str()
        )
    }

    fn missing_evidence(f: &Missing) -> Vec<String> {
        let (bank_start, bank_end) = f.bank;
        let mut out: Vec<String> = f.days.iter().map(day_line).collect();
        out.push(format!(
            "the bank statement covers {bank_start} to {bank_end}, past the expected date {} plus {} working day(s) of grace",
            f.expected, f.grace_working_days
        ));
        out.push(format!(
            "checked {} bank credits: none equals {} (±{} fen), alone, rolled up with neighbouring clearing dates, or split into several credits",
            f.credits_seen,
            m(f.net_cents),
            f.tolerance_cents
        ));
        out.extend(f.taken_back.iter().map(taken_back_line));
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
                    "contracted fee = round({} × {}) = {expected}{cap}; statement fee {charged}; rounding tolerance ±0.01",
                    yuan(r.amount_cents),
                    f.rate.percent()
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

// (end of incidents)
