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
use crate::report::{
    Finding, FindingDates, HealthNote, Input, Kind, RecordRef, Report, Severity, round_confidence,
};

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
    run_worded(records, inputs, match_set, options, None).0
}

/// [`run`], and when `other` is given the findings' words in that language too, in the same
/// order (`None` when `other` would order them differently: see [`Wording`]).
pub fn run_worded(
    records: &[Record],
    inputs: &[Input],
    match_set: &MatchSet,
    options: &Options,
    other: Option<Lang>,
) -> (Vec<Finding>, Option<Vec<FindingText>>) {
    let ctx = Context::new(records, inputs, match_set, options).with_other(other);
    let mut drafted: Vec<(usize, Finding, Option<FindingText>)> = rules::run_all(&ctx)
        .into_iter()
        .enumerate()
        .map(|(pos, draft)| {
            let (finding, text) = draft.finish();
            (pos, finding, text)
        })
        .collect();
    drafted.sort_by(|a, b| compare_findings(&a.1, &b.1));
    // Stable sorting breaks ties by draft order; the other language's titles must give the same
    // order, or its words cannot simply replace these (a tie on everything but the title).
    fn other_key<'a>(f: &'a Finding, t: &'a FindingText, pos: usize) -> (FindingKey<'a>, usize) {
        let mut key = finding_key(f);
        key.5 = t.title.as_str();
        (key, pos)
    }
    let same_order = drafted.windows(2).all(|w| match (&w[0].2, &w[1].2) {
        (Some(a), Some(b)) => other_key(&w[0].1, a, w[0].0) < other_key(&w[1].1, b, w[1].0),
        _ => true,
    });
    let mut findings = Vec::with_capacity(drafted.len());
    let mut texts = Vec::with_capacity(if other.is_some() { drafted.len() } else { 0 });
    for (pos, (_, mut finding, text)) in drafted.into_iter().enumerate() {
        finding.id = format!("F{:04}", pos + 1);
        findings.push(finding);
        texts.extend(text);
    }
    let texts = (other.is_some() && same_order && texts.len() == findings.len()).then_some(texts);
    (findings, texts)
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
    incidents_worded(records, inputs, match_set, options, findings, None).0
}

/// [`incidents`], and when `texts` (the findings' words in another language, from
/// [`run_worded`]) are given, the same lines added to them and the words of the incidents, the
/// cardholder profile and the health notes in that language: the [`Wording`] of the report in
/// that language (`None` when it would order the incidents differently).
pub fn incidents_worded(
    records: &[Record],
    inputs: &[Input],
    match_set: &MatchSet,
    options: &Options,
    findings: &mut [Finding],
    texts: Option<Vec<FindingText>>,
) -> (Diagnosis, Option<Wording>) {
    let other = texts.as_ref().map(|_| other_lang(options.lang));
    let ctx = Context::new(records, inputs, match_set, options).with_other(other);
    incidents::run(&ctx, findings, texts)
}

/// The language a report is not in.
pub fn other_lang(lang: Lang) -> Lang {
    match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    }
}

/// The words of one finding (what [`Finding`] says in its report's language), in another.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingText {
    /// As [`Finding::title`].
    pub title: String,
    /// As [`Finding::explanation`].
    pub explanation: String,
    /// As [`Finding::evidence`].
    pub evidence: Vec<String>,
    /// As [`Finding::actions`].
    pub actions: Vec<String>,
}

/// The words of one incident in another language.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentText {
    /// As `Incident::title`.
    pub title: String,
    /// As `Incident::evidence`.
    pub evidence: Vec<String>,
    /// As `Incident::actions`.
    pub actions: Vec<String>,
}

/// Every word of a report in another language than its own, and nothing else: what a language
/// switch changes. Detection decides the facts once; the rules word them in both languages when
/// asked ([`run_worded`], [`incidents_worded`]), which costs thousands of sentences, not a
/// million attempts. [`Wording::swap`] puts these words into the report and keeps the report's
/// own, so switching back is the same swap.
///
/// Only made when the other language orders the findings and incidents the same way (their
/// sort ends on the title, for ties on everything else): otherwise the other language's report
/// numbers them differently and must be analysed as such.
#[derive(Debug, Clone, PartialEq)]
pub struct Wording {
    /// The language of these words.
    pub lang: Lang,
    /// By position in `Report::findings`.
    pub findings: Vec<FindingText>,
    /// By position in `Report::incidents`.
    pub incidents: Vec<IncidentText>,
    /// `CardholderDeclines::{summary, advice}`.
    pub cardholder: Option<(String, Vec<String>)>,
    /// `TerminalHealthRow::note` by position in `TerminalHealth::terminals`.
    pub health_notes: Vec<Option<HealthNote>>,
}

impl Wording {
    /// Puts these words into `report` (which they were made for) and keeps the ones they replace:
    /// the report is then in [`Wording::lang`], this in the report's former language.
    pub fn swap(&mut self, report: &mut Report) {
        use std::mem::swap;
        for (f, t) in report.findings.iter_mut().zip(&mut self.findings) {
            swap(&mut f.title, &mut t.title);
            swap(&mut f.explanation, &mut t.explanation);
            swap(&mut f.evidence, &mut t.evidence);
            swap(&mut f.actions, &mut t.actions);
        }
        for (i, t) in report.incidents.iter_mut().zip(&mut self.incidents) {
            swap(&mut i.title, &mut t.title);
            swap(&mut i.evidence, &mut t.evidence);
            swap(&mut i.actions, &mut t.actions);
        }
        if let (Some(c), Some((summary, advice))) =
            (report.cardholder_declines.as_mut(), self.cardholder.as_mut())
        {
            swap(&mut c.summary, summary);
            swap(&mut c.advice, advice);
        }
        if let Some(health) = report.terminal_health.as_mut() {
            for (row, note) in health.terminals.iter_mut().zip(&mut self.health_notes) {
                swap(&mut row.note, note);
            }
        }
        let lang = self.lang;
        self.lang = other_lang(lang);
        report.lang = lang.as_str().to_owned();
    }
}

/// Report order: first record's time, kind, file, line, then amount and title as a last resort.
fn compare_findings(a: &Finding, b: &Finding) -> Ordering {
    finding_key(a).cmp(&finding_key(b))
}

/// What [`compare_findings`] compares.
type FindingKey<'a> = (Option<NaiveDateTime>, Kind, Option<&'a str>, Option<u32>, i64, &'a str);

fn finding_key(f: &Finding) -> FindingKey<'_> {
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

/// Everything a rule may read.
pub(crate) struct Context<'a> {
    pub(crate) records: &'a [Record],
    pub(crate) inputs: &'a [Input],
    pub(crate) set: &'a MatchSet,
    pub(crate) options: &'a Options,
    /// The settlement calendar with the user's corrections, built once: every finding's dates
    /// read it, and building it parses the holiday table.
    calendar: crate::calendar::Calendar,
    /// The language the rules word their facts in besides `options.lang`, if any.
    other_lang: Option<Lang>,
    /// Each record's role, read in one walk the first time a rule asks ([`Context::of_role`]).
    roles: std::cell::OnceCell<Vec<crate::model::Role>>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        records: &'a [Record],
        inputs: &'a [Input],
        set: &'a MatchSet,
        options: &'a Options,
    ) -> Self {
        let calendar = crate::calendar::Calendar::new(&options.settings);
        let roles = std::cell::OnceCell::new();
        Context { records, inputs, set, options, calendar, other_lang: None, roles }
    }

    /// This context, wording in `other` too (see [`Wording`]).
    fn with_other(mut self, other: Option<Lang>) -> Self {
        self.other_lang = other.filter(|lang| *lang != self.options.lang);
        self
    }
}

impl Context<'_> {
    /// The indices of the records of `role`, ascending, from a one-byte role column. A rule that
    /// wants one role's records (the bank lines, the orders) reads these instead of walking every
    /// record: a chain store's month is millions of records of 340 bytes, its bank statement a
    /// few lines.
    pub(crate) fn of_role(&self, role: crate::model::Role) -> impl Iterator<Item = usize> + '_ {
        let roles = self.roles.get_or_init(|| self.records.iter().map(|r| r.role).collect());
        roles.iter().enumerate().filter(move |&(_, &r)| r == role).map(|(idx, _)| idx)
    }

    pub(crate) fn lang(&self) -> Lang {
        self.options.lang
    }

    /// The languages the diagnosis words its facts in.
    pub(crate) fn langs(&self) -> Langs {
        Langs { main: self.options.lang, other: self.other_lang }
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

/// The report's language, and the other one when the diagnosis words both (see [`Wording`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Langs {
    pub(crate) main: Lang,
    pub(crate) other: Option<Lang>,
}

/// Words in the report's language (`main`) and, when the diagnosis words both, in the other.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Bi<T> {
    pub(crate) main: T,
    pub(crate) other: Option<T>,
}

impl<T> Bi<T> {
    /// `word` of each language of `langs`.
    pub(crate) fn of(langs: Langs, word: impl Fn(Lang) -> T) -> Self {
        Bi { main: word(langs.main), other: langs.other.map(word) }
    }

    /// Each language's value changed by `f`.
    pub(crate) fn map<U>(self, f: impl Fn(T) -> U) -> Bi<U> {
        Bi { main: f(self.main), other: self.other.map(f) }
    }

    /// Each language's pair of values put together by `f`.
    pub(crate) fn zip<U, V>(self, b: Bi<U>, f: impl Fn(T, U) -> V) -> Bi<V> {
        let other = match (self.other, b.other) {
            (Some(x), Some(y)) => Some(f(x, y)),
            _ => None,
        };
        Bi { main: f(self.main, b.main), other }
    }
}

impl Bi<Vec<String>> {
    /// Puts `lines` before these, in each language.
    pub(crate) fn prepend(&mut self, lines: Bi<Vec<String>>) {
        self.main.splice(0..0, lines.main);
        if let (Some(mine), Some(lines)) = (self.other.as_mut(), lines.other) {
            mine.splice(0..0, lines);
        }
    }
}

/// The parts of a finding a rule decides; `run` numbers it.
pub(crate) struct Draft {
    pub(crate) kind: Kind,
    pub(crate) severity: Severity,
    pub(crate) amount_cents: i64,
    pub(crate) confidence: f64,
    pub(crate) title: Bi<String>,
    pub(crate) explanation: Bi<String>,
    pub(crate) records: Vec<RecordRef>,
    pub(crate) dates: FindingDates,
    pub(crate) evidence: Bi<Vec<String>>,
    pub(crate) actions: Bi<Vec<String>>,
}

impl Draft {
    /// The finding in the report's language, and its words in the other one when worded.
    pub(crate) fn finish(self) -> (Finding, Option<FindingText>) {
        let text = match (self.title.other, self.explanation.other) {
            (Some(title), Some(explanation)) => Some(FindingText {
                title,
                explanation,
                evidence: self.evidence.other.unwrap_or_default(),
                actions: self.actions.other.unwrap_or_default(),
            }),
            _ => None,
        };
        let finding = Finding {
            id: String::new(),
            kind: self.kind,
            severity: self.severity,
            amount_cents: self.amount_cents.abs(),
            confidence: round_confidence(self.confidence.clamp(0.0, 1.0)),
            cause: None,
            incident_id: None,
            title: self.title.main,
            explanation: self.explanation.main,
            records: self.records,
            dates: self.dates,
            evidence: self.evidence.main,
            actions: self.actions.main,
        };
        (finding, text)
    }
}
