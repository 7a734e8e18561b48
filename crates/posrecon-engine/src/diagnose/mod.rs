//! Stage 4: matches and leftovers -> findings.
//!
//! The matcher says which terminal attempts and settled rows are the same transaction and what the
//! files cover; this stage turns that into things a merchant can act on. Each kind of problem is
//! one rule in its own file under [`rules`], with a doc block saying what it detects, why it
//! matters and what the merchant should do. The rules only read the [`Context`]; they share
//! wording through [`text`] and dates through [`crate::calendar`].
//!
//! Two rules interact: a dropped sale (`charged_but_failed`) that the cashier then charged again
//! is one `duplicate_charge`, not two findings, so the duplicate rule runs first and claims the
//! attempts it explains.
//!
//! A refund the shop already made answers the findings that would ask for one
//! (`rules/refunded.rs`): the rule hands it the charges it would have refunded, and the refunds
//! the matcher linked to them (`MatchSet::refunds_of`) close the finding or lower its amount.
//!
//! Findings are sorted on (time of their first record, kind, file, line) and numbered `F0001`...
//! after sorting, so the list is the same whatever the order of the records.

mod incidents;
pub use incidents::Diagnosis;
pub(crate) mod rules;
pub(crate) mod stats;
pub(crate) mod text;

#[cfg(test)]
mod tests;

use std::cmp::Ordering;

use chrono::{NaiveDate, NaiveDateTime};

use crate::config::{Lang, Options, Settings};
use crate::matcher::MatchSet;
use crate::model::{Outcome, Record, TxnType};
use crate::report::{Finding, FindingDates, Input, Kind, RecordRef, Severity, round_confidence};

/// Produces the findings, sorted and numbered.
///
/// In: the records, the inputs (file names for evidence), the [`MatchSet`] of
/// [`crate::matcher::run`] and the caller's options (language, settings, `as_of` for what is due).
/// Out: one [`Finding`] per problem a rule in `rules/` sees (a dropped sale, a double charge, a
/// missing or short deposit ...), each with its kind, severity, confidence, amount at stake in fen,
/// the records it rests on, dates, evidence and actions in `options.lang`; sorted by first
/// record's time, kind, file and line, and numbered `F0001`... in that order. A finding never
/// rests on a guess: when the files cannot prove a money problem it is a lower-confidence question,
/// not a 短款/长款. Never fails.
pub fn run(
    records: &[Record],
    inputs: &[Input],
    match_set: &MatchSet,
    options: &Options,
) -> Vec<Finding> {
    let ctx = Context::new(records, inputs, match_set, options);
    let mut findings = rules::run_all(&ctx);
    findings.sort_by(compare_findings);
    for (pos, finding) in findings.iter_mut().enumerate() {
        finding.id = format!("F{:04}", pos + 1);
    }
    findings
}

/// Diagnoses incidents (several attempts, one cause; see [`incidents`]) and links the numbered
/// `findings` to them: cause, incident id, and a pointer in their evidence and actions. Also
/// profiles the cardholder declines and measures terminal health.
pub fn incidents(
    records: &[Record],
    inputs: &[Input],
    match_set: &MatchSet,
    options: &Options,
    findings: &mut [Finding],
) -> Diagnosis {
    let ctx = Context::new(records, inputs, match_set, options);
    incidents::run(&ctx, findings)
}

/// Report order: first record's time, kind, file, line, then amount and title as a last resort.
fn compare_findings(a: &Finding, b: &Finding) -> Ordering {
    fn key(f: &Finding) -> (Option<NaiveDateTime>, Kind, Option<&str>, Option<u32>, i64, &str) {
        let first = f.records.first();
        (
            first.and_then(|r| r.time),
            f.kind,
            first.map(|r| r.file.as_str()),
            first.map(|r| r.line),
            f.amount_cents,
            f.title.as_str(),
        )
    }
    key(a).cmp(&key(b))
}

/// Everything a rule may read.
pub(crate) struct Context<'a> {
    pub(crate) records: &'a [Record],
    pub(crate) inputs: &'a [Input],
    pub(crate) set: &'a MatchSet,
    pub(crate) options: &'a Options,
    /// The settlement calendar with the user's corrections, built once: every finding's dates
    /// read it, and building it parses the holiday table.
    calendar: crate::calendar::Calendar,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        records: &'a [Record],
        inputs: &'a [Input],
        set: &'a MatchSet,
        options: &'a Options,
    ) -> Self {
        let calendar = crate::calendar::Calendar::new(&options.settings);
        Context { records, inputs, set, options, calendar }
    }
}

impl Context<'_> {
    pub(crate) fn lang(&self) -> Lang {
        self.options.lang
    }

    pub(crate) fn settings(&self) -> &Settings {
        &self.options.settings
    }

    /// The settlement calendar with the user's corrections.
    pub(crate) fn calendar(&self) -> &crate::calendar::Calendar {
        &self.calendar
    }

    /// File name of a record, as the merchant uploaded it.
    pub(crate) fn file_name(&self, record_idx: usize) -> &str {
        self.inputs.get(self.records[record_idx].file_idx as usize).map_or("?", |i| i.file.as_str())
    }

    /// The public pointer to one record.
    pub(crate) fn record_ref(&self, record_idx: usize) -> RecordRef {
        let r = &self.records[record_idx];
        let input = self.inputs.get(r.file_idx as usize);
        RecordRef {
            file: input.map_or_else(|| "?".to_owned(), |i| i.file.clone()),
            sheet: input.and_then(|i| i.sheet.clone()),
            line: r.line,
            role: r.role,
            time: r.time,
            amount_cents: r.amount_cents,
            txn_type: r.txn_type,
            terminal_id: r.terminal_id.as_deref().map(str::to_owned),
            merchant_id: r.merchant_id.as_deref().map(str::to_owned),
            batch_no: r.batch_no.as_deref().map(str::to_owned),
            stan: r.stan.as_deref().map(str::to_owned),
            rrn: r.rrn.as_deref().map(str::to_owned),
            auth_code: r.auth_code.as_deref().map(str::to_owned),
            card_masked: r.card_masked.as_deref().map(str::to_owned),
            order_id: r.order_id.as_deref().map(str::to_owned),
            response_code: r.response_code.as_deref().map(str::to_owned),
            response_text: r.response_text.as_deref().map(str::to_owned),
            settlement_date: r.settlement_date,
            channel_order_id: r.channel_order_id().as_deref().map(str::to_owned),
            pay_method: r.pay_method,
        }
    }

    /// An acquirer charge row that no void or reversal row undid: money really moved.
    pub(crate) fn settled_charge(&self, record_idx: usize) -> bool {
        is_charge(&self.records[record_idx]) && self.set.cancelled_by(record_idx).is_none()
    }

    /// Terminal charges with `outcome` that matched no acquirer row and no void or reversal
    /// cancelled, in `terminal_leftovers` order. QR attempts that wallet bills decide are left out:
    /// they are the `qr_payment` rule's.
    pub(crate) fn unmatched_charges(&self, outcome: Outcome) -> impl Iterator<Item = usize> + '_ {
        self.set.terminal_leftovers.iter().copied().filter(move |&idx| {
            let t = &self.records[idx];
            !self.set.wallet_followed(self.records, idx)
                && is_charge(t)
                && t.outcome == outcome
                && self.set.cancelled_by(idx).is_none()
        })
    }

    /// Dates of a finding: clearing dates, expected deposit (of the first), escalation.
    pub(crate) fn dates(&self, clearing: &[NaiveDate], with_escalation: bool) -> FindingDates {
        let mut settlement_dates = clearing.to_vec();
        let cal = self.calendar();
        let cycle = crate::calendar::cycle_for(self.settings(), None);
        let expected = clearing.first().map(|d| cal.expected_deposit(*d, cycle));
        settlement_dates.sort();
        settlement_dates.dedup();
        FindingDates {
            settlement_dates,
            expected_deposit_date: expected,
            escalate_after: expected
                .filter(|_| with_escalation)
                .map(|d| cal.add_working_days(d, self.settings().escalate_after_working_days)),
        }
    }
}

/// A sale-like transaction: money goes from the card to the merchant.
pub(crate) fn is_charge(r: &Record) -> bool {
    matches!(r.txn_type, TxnType::Sale | TxnType::PreauthCompletion)
}

/// The parts of a finding a rule decides; `run` numbers it.
pub(crate) struct Draft {
    pub(crate) kind: Kind,
    pub(crate) severity: Severity,
    pub(crate) amount_cents: i64,
    pub(crate) confidence: f64,
    pub(crate) title: String,
    pub(crate) explanation: String,
    pub(crate) records: Vec<RecordRef>,
    pub(crate) dates: FindingDates,
    pub(crate) evidence: Vec<String>,
    pub(crate) actions: Vec<String>,
}

impl Draft {
    pub(crate) fn finish(self) -> Finding {
        Finding {
            id: String::new(),
            kind: self.kind,
            severity: self.severity,
            amount_cents: self.amount_cents.abs(),
            confidence: round_confidence(self.confidence.clamp(0.0, 1.0)),
            cause: None,
            incident_id: None,
            title: self.title,
            explanation: self.explanation,
            records: self.records,
            dates: self.dates,
            evidence: self.evidence,
            actions: self.actions,
        }
    }
}
