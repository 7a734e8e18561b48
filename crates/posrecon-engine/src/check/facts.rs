//! The facts of a [`super::check`] answer: what the words of each verdict are made from.
//!
//! One model for both channels. A card attempt (terminal line, settlement line) and a QR attempt
//! (till or terminal line, wallet bill row) are both a [`Payment`] with a [`Channel`]; a verdict is
//! an [`Answer`] carrying the payments and the amounts, dates and lines it rests on. Nothing here
//! is worded: `text::zh` and `text::en` turn these facts into sentences, one function per verdict
//! (and per addition to a verdict) in each language.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::{Attempt, CheckQuery, SearchedFile, Verdict, terminal_failed};
use crate::diagnose::Context;
use crate::matcher::ident;
use crate::model::{Outcome, PayMethod, Record, Role};

/// How a payment was made: a card on a terminal, or a scan (微信支付 / 支付宝) on a till or terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Channel {
    /// A card on a POS terminal; the acquirer's statement settles it.
    Card,
    /// A QR payment; the wallet's bill (or an aggregator's statement) settles it.
    Qr,
}

/// One line of one file, named as `file 第 n 行`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    pub(super) file: &'a str,
    pub(super) line: u32,
}

impl<'a> Line<'a> {
    pub(super) fn of(ctx: &Context<'a>, idx: usize) -> Line<'a> {
        let r = &ctx.records[idx];
        Line {
            file: ctx.inputs.get(r.file_idx as usize).map_or("?", |i| i.file.as_str()),
            line: r.line,
        }
    }
}

/// One payment attempt as the answer names it.
#[derive(Debug, Clone)]
pub(super) struct Payment<'a> {
    pub(super) channel: Channel,
    /// WeChat Pay or Alipay, when the records say which.
    pub(super) wallet: Option<PayMethod>,
    pub(super) time: Option<NaiveDateTime>,
    /// The settled amount when settled, else the terminal's.
    pub(super) amount_cents: i64,
    pub(super) card: Option<&'a str>,
    pub(super) terminal_id: Option<&'a str>,
    /// Its records, the terminal's (or till's) line first.
    pub(super) records: Vec<&'a Record>,
    /// The terminal's or till's line: what it showed.
    pub(super) shown_by: Option<&'a Record>,
    /// The settlement or bill line of the attempt.
    pub(super) settled_line: Option<Line<'a>>,
    /// The bill's state word of its wallet-bill row (SUCCESS, REVOKED, 已全额退款 …), non-empty.
    pub(super) bill_state: Option<String>,
    /// Its bill row is on the account holder's personal bill (a 收款码, no merchant platform).
    pub(super) personal: bool,
    /// Settled by an acquirer's (aggregator's) statement, not by the wallet's own bill.
    pub(super) on_statement: bool,
    /// The clearing date (card), the terminal's first.
    pub(super) clearing: Option<NaiveDate>,
}

impl<'a> Payment<'a> {
    pub(super) fn of(ctx: &Context<'a>, a: &'a Attempt) -> Payment<'a> {
        let records: Vec<&'a Record> =
            [a.terminal, a.acquirer].into_iter().flatten().map(|i| &ctx.records[i]).collect();
        let bill_row = a.acquirer.map(|i| &ctx.records[i]);
        let bill_state = bill_row.filter(|r| r.role == Role::WalletBill).and_then(|r| {
            let s = r.response_text.as_deref().map(str::trim).unwrap_or_default();
            Some(s.trim_matches('`').to_owned()).filter(|s| !s.is_empty())
        });
        Payment {
            channel: if a.qr { Channel::Qr } else { Channel::Card },
            wallet: a.wallet,
            time: a.time,
            amount_cents: records.last().map_or(0, |r| r.amount_cents),
            card: a.card.as_deref(),
            terminal_id: a.terminal_id.as_deref(),
            shown_by: a.terminal.map(|t| &ctx.records[t]),
            settled_line: a.acquirer.map(|i| Line::of(ctx, i)),
            bill_state,
            personal: bill_row.is_some_and(|r| r.static_qr()),
            on_statement: bill_row.is_some_and(|r| r.role != Role::WalletBill),
            clearing: a.terminal.or(a.acquirer).and_then(|i| ctx.set.clearing_date(i)),
            records,
        }
    }

    /// The day of the wallet bill that decides a QR attempt.
    pub(super) fn bill_day(&self) -> Option<NaiveDate> {
        self.time.map(|t| t.date())
    }

    /// The terminal (or till) showed the attempt as approved.
    pub(super) fn shown_approved(&self) -> bool {
        self.shown_by.is_some_and(|r| r.outcome == Outcome::Approved)
    }
}

/// One refund row of a settled charge.
#[derive(Debug, Clone, Copy)]
pub(super) struct Refund<'a> {
    pub(super) time: Option<NaiveDateTime>,
    pub(super) amount_cents: i64,
    pub(super) line: Line<'a>,
}

/// The refund rows linked to an attempt, in canonical order.
pub(super) fn refunds<'a>(ctx: &Context<'a>, a: &Attempt) -> Vec<Refund<'a>> {
    a.refunds
        .iter()
        .map(|&r| Refund {
            time: ctx.records[r].time,
            amount_cents: ctx.records[r].amount_cents,
            line: Line::of(ctx, r),
        })
        .collect()
}

/// Two settled charges of the same amount minutes apart: `charged_twice` (the one to give back
/// first) or `two_approved_charges` (in time order).
#[derive(Debug, Clone)]
pub(super) struct Twice<'a> {
    /// `charged_twice`: the charge to give back; `two_approved_charges`: the first.
    pub(super) undo: Payment<'a>,
    /// `charged_twice`: the charge that stays; `two_approved_charges`: the second.
    pub(super) keep: Payment<'a>,
    pub(super) gap_secs: Option<i64>,
    pub(super) card: Option<&'a str>,
    /// Card: still before its clearing date, so a void (撤销) can undo it.
    pub(super) can_void: bool,
    /// Card: a refund started today is back on the card by about this date.
    pub(super) back_by: NaiveDate,
    /// QR: the wallet of either payment.
    pub(super) wallet: Option<PayMethod>,
    /// QR: the one payer both bill rows name (never two: two payers are two customers).
    pub(super) payer: Option<&'a str>,
    /// Both were shown as approved by the terminal or till.
    pub(super) both_approved: bool,
    /// QR, merchant account: the wallet's rule for giving the payment back (撤销 or 退款), worded by
    /// the `qr_payment` rule that `analyze` shares.
    pub(super) wallet_undo: Option<String>,
}

/// A verdict and its facts, for one payment or (charged twice) two.
#[derive(Debug, Clone)]
pub(super) enum Answer<'a> {
    /// The statement or bill has it paid.
    ChargedAndSettled {
        pay: Payment<'a>,
        /// The terminal or till has it and showed it failed: a dropped payment (掉单).
        dropped: bool,
        /// Card: expected deposit date of its clearing date.
        deposit: Option<NaiveDate>,
    },
    /// No money kept: reversed, or (QR) revoked, closed, or absent from the covering bill.
    ReversedNotCharged {
        pay: Payment<'a>,
        covered: Option<(NaiveDate, NaiveDate)>,
    },
    /// The statement or bill deciding it is not loaded yet.
    NotYetSettled {
        pay: Payment<'a>,
        /// The date from which the statement (card) or bill (QR) is out.
        after: Option<NaiveDate>,
        /// `as_of` is already past `after`.
        due: bool,
        covered: Option<(NaiveDate, NaiveDate)>,
        /// Card: the acquirer is to be asked directly, the escalation date being past.
        escalate: Option<NaiveDate>,
    },
    /// Approved on the terminal or till, absent from the covering statement or bill.
    ApprovedNotSettled {
        pay: Payment<'a>,
        covered: Option<(NaiveDate, NaiveDate)>,
    },
    /// The host declined it.
    Declined {
        pay: Payment<'a>,
    },
    ChargedTwice(Twice<'a>),
    TwoApprovedCharges(Twice<'a>),
    /// Approved, then undone by a 撤销 linked to it.
    Voided {
        pay: Payment<'a>,
        void_time: Option<NaiveDateTime>,
        void_terminal: Option<&'a str>,
        void_line: Line<'a>,
        /// The statement lists the sale and its void as a pair.
        pair_listed: bool,
        /// A statement covering its clearing date is loaded.
        covered: bool,
    },
    /// All of it went back.
    Refunded {
        pay: Payment<'a>,
        refunds: Vec<Refund<'a>>,
    },
}

impl<'a> Answer<'a> {
    /// The facts of `a`'s own verdict; `None` for a verdict no single attempt has (two charges,
    /// nothing found) or a void that is not there.
    pub(super) fn single(ctx: &Context<'a>, a: &'a Attempt) -> Option<Answer<'a>> {
        let pay = Payment::of(ctx, a);
        let covered = ctx.set.acquirer_coverage.range();
        Some(match a.verdict {
            Verdict::ChargedAndSettled => {
                let dates = ctx.dates(pay.clearing.as_slice(), true);
                let dropped = a.terminal.is_some() && terminal_failed(ctx, a);
                Answer::ChargedAndSettled { pay, dropped, deposit: dates.expected_deposit_date }
            }
            Verdict::ReversedNotCharged => Answer::ReversedNotCharged { pay, covered },
            Verdict::NotYetSettled => not_yet_settled(ctx, pay),
            Verdict::ApprovedNotSettled => Answer::ApprovedNotSettled { pay, covered },
            Verdict::Declined => Answer::Declined { pay },
            Verdict::Voided => voided(ctx, a, pay)?,
            Verdict::Refunded => Answer::Refunded { pay, refunds: refunds(ctx, a) },
            Verdict::ChargedTwice | Verdict::TwoApprovedCharges | Verdict::NotFound => return None,
        })
    }

    /// The facts of two settled charges; `undo` and `keep` as [`Twice`] says.
    pub(super) fn twice(
        ctx: &Context<'a>,
        verdict: Verdict,
        undo: &'a Attempt,
        keep: &'a Attempt,
        gap_secs: Option<i64>,
    ) -> Answer<'a> {
        let (undo_pay, keep_pay) = (Payment::of(ctx, undo), Payment::of(ctx, keep));
        let wallet = undo.wallet.or(keep.wallet);
        let personal = undo_pay.personal || keep_pay.personal;
        let money = crate::diagnose::text::money(ctx.lang(), undo_pay.amount_cents);
        let wallet_undo = (undo.qr && !personal).then(|| {
            crate::diagnose::rules::qr_payment::undo_advice(
                ctx,
                wallet,
                undo_pay.bill_day(),
                &money,
            )
        });
        // The settled row's clearing date first: that is the one a void must come before.
        let clearing = undo.acquirer.or(undo.terminal).and_then(|i| ctx.set.clearing_date(i));
        let twice = Twice {
            can_void: clearing.is_some_and(|c| ctx.options.as_of <= c),
            back_by: ctx.calendar().add_working_days(ctx.options.as_of, 5),
            card: undo.card.as_deref().or(keep.card.as_deref()),
            payer: undo.payer.as_deref().filter(|_| keep.payer.is_some()),
            both_approved: !terminal_failed(ctx, undo) && !terminal_failed(ctx, keep),
            undo: undo_pay,
            keep: keep_pay,
            gap_secs,
            wallet,
            wallet_undo,
        };
        match verdict {
            Verdict::TwoApprovedCharges => Answer::TwoApprovedCharges(twice),
            _ => Answer::ChargedTwice(twice),
        }
    }
}

fn not_yet_settled<'a>(ctx: &Context<'a>, pay: Payment<'a>) -> Answer<'a> {
    let covered = ctx.set.acquirer_coverage.range();
    let (after, escalate) = match pay.channel {
        // A bill of day D is exported on D+1.
        Channel::Qr => (pay.bill_day().map(|d| d + Duration::days(1)), None),
        Channel::Card => {
            let dates = ctx.dates(pay.clearing.as_slice(), true);
            let escalate = dates.escalate_after.filter(|d| ctx.options.as_of > *d);
            (dates.expected_deposit_date, escalate)
        }
    };
    // Past that date the statement is out already: never a past date as "later".
    let due = after.is_some_and(|d| ctx.options.as_of > d);
    Answer::NotYetSettled { pay, after, due, covered, escalate }
}

fn voided<'a>(ctx: &Context<'a>, a: &'a Attempt, pay: Payment<'a>) -> Option<Answer<'a>> {
    let void = super::void_of(ctx, a.terminal, a.acquirer)?;
    let v = &ctx.records[void];
    let covered = pay.shown_by.is_some_and(|t| {
        pay.clearing.is_some_and(|d| ctx.set.acquirer_coverage.decides(ident(&t.terminal_id), d))
    });
    Some(Answer::Voided {
        void_time: v.time,
        void_terminal: ident(&v.terminal_id),
        void_line: Line::of(ctx, void),
        pair_listed: a.acquirer.is_some_and(|i| ctx.set.cancelled_by(i).is_some()),
        covered,
        pay,
    })
}

/// The attempt asked about took no money (or was voided), and `retry` minutes later did.
#[derive(Debug, Clone)]
pub(super) struct Retried<'a> {
    pub(super) asked: Payment<'a>,
    pub(super) retry: Payment<'a>,
    pub(super) voided: bool,
}

/// A reversed or declined card attempt, and minutes later a payment by another card.
#[derive(Debug, Clone)]
pub(super) struct OtherCard<'a> {
    pub(super) other: Payment<'a>,
    /// Minutes from the attempt to the other payment, at least 1.
    pub(super) minutes: i64,
    pub(super) same_terminal: bool,
}

/// The till's cash payment of the scanned order.
#[derive(Debug, Clone)]
pub(super) struct Cash<'a> {
    /// The scan.
    pub(super) scan: Payment<'a>,
    pub(super) time: Option<NaiveDateTime>,
    pub(super) amount_cents: i64,
    pub(super) order: &'a str,
    pub(super) line: Line<'a>,
    /// For a scan that took the money: the wallet's rule for giving it back.
    pub(super) wallet_undo: String,
}

/// Without the card's digits, another payment of the amount nearby that ended the other way.
#[derive(Debug, Clone)]
pub(super) struct AskWhich<'a> {
    pub(super) time: Option<NaiveDateTime>,
    pub(super) card: Option<&'a str>,
    pub(super) wallet: Option<PayMethod>,
    pub(super) verdict: Verdict,
    pub(super) qr: bool,
}

/// Nothing fits the query: what was searched, and what is close.
#[derive(Debug, Clone)]
pub(super) struct NotFound<'a> {
    pub(super) query: &'a CheckQuery,
    pub(super) searched: &'a [SearchedFile],
    /// A terminal log, statement or bill covers the time asked about.
    pub(super) in_range: bool,
    /// The closest attempt in time or amount.
    pub(super) closest: Option<Payment<'a>>,
}

/// `not_found`, but a settled payment by another wallet or card, or a few fen off, fits.
#[derive(Debug, Clone)]
pub(super) struct Likely<'a> {
    pub(super) query: &'a CheckQuery,
    pub(super) pay: Payment<'a>,
}
