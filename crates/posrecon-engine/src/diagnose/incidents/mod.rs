//! Incidents: several failed attempts explained by one cause.
//!
//! A finding is one transaction's money problem; an incident says *why* a group of attempts
//! failed: the shop's terminal lost its network for ten minutes, the card switch was down across
//! all terminals, one issuer was failing, a terminal's keys were out of sync, a cashier voided on
//! the wrong day. Knowing the cause changes the advice: nobody should move a terminal closer to
//! the window because UnionPay had an outage, or fix the Wi-Fi because Alipay was down.
//!
//! The attempts come from every file that lists them ([`attempts`]): the terminal log, the till's
//! payment list (支付中, 支付失败 ... on its 设备号) and the wallet bills' failed or closed rows,
//! one scan seen in two files counted once. "Terminal" below is a card terminal or a till's device.
//!
//! Each detector lives in its own file with `## What it detects`, `## Why` and `## What to do`.
//! A detector decides and computes facts, and writes no words: it fills a typed value (the
//! `Span`, the `Device`, the `Codes`, the `Listed` attempts, counts, amounts, the test it
//! ran) and hands it to `words!`, which calls the function of the same name in
//! `diagnose/text/zh.rs` or `en.rs` (their incidents section) for the title, evidence and
//! actions. The cardholder profile, the health notes and the lines added to linked findings are
//! worded the same way, so the copy of every incident can be read in one file per language.
//! They run in a fixed order and each one only sees attempts no earlier detector claimed, so an
//! attempt belongs to at most one incident. The order goes from the most specific evidence to the
//! least: one issuer's cards (needs a BIN pattern), one wallet failing across devices while the
//! other works (`wallet_system`), the 23:00 cut-over and card-switch outages (cards only; need
//! several terminals or explicit host codes), terminal faults and operator errors (explicit
//! codes), recurring bad reception (needs several days), one-off network bursts, and last the
//! slow-burning faults (`persistent`): what a terminal or an issuer's cards keep failing with over
//! the whole period, too spread out for any burst, found by comparing each terminal (or BIN) with
//! the others by an exact test.
//!
//! Two summaries of the period come out beside the incidents and claim nothing: the cardholder
//! declines (51/55/54/61 ...: the card's business, not an event, so a profile rather than an
//! incident that could hide a real cause among its attempts), and the terminal health (per
//! terminal and day, with a note when a terminal drops far more than the others).
//!
//! Thresholds are set so that the normal noise of a shop (a single timeout, a few scattered
//! declines) raises nothing: every burst detector needs a cluster, and its constants say how big;
//! the period-wide comparisons use a significance threshold (see `persistent`). The
//! work is near-linear: attempts are sorted by time once and every detector scans sorted lists
//! with gaps or two pointers.
//!
//! `Incident.response_codes` counts the attempts by response code; a till's or a wallet's attempt
//! by the wallet's state where its bill has a failed row (`USERPAYING`, `WAIT_BUYER_PAY`); attempts
//! that carry no code at all (a timeout, a till's 支付中, or a file without a code column) are
//! counted under `none`.
//!
//! Determinism: detectors read records in canonical order and keep `BTreeMap`s for whatever
//! they iterate into output; hash maps (`matcher::LookupMap`, a fixed hasher) only index and tally
//! the million attempts of a chain store, and what is built from them is sorted. Incidents are
//! sorted on (start, cause, terminals, end) and numbered `I1`, `I2`, ... after sorting.
//!
//! Findings are linked afterwards: a finding resting on an attempt (any of its records: the
//! terminal's, the till's or the wallet's row) that belongs to an incident gets the incident's
//! cause and id, and its actions point to the incident. A finding outside any incident gets a
//! cause from its terminal attempt's response code where the knowledge table gives one (a QR
//! attempt alone says nothing: a till's 支付中 may be the customer still entering the password);
//! a lone "no reply" (timeout without a code) is filed under `network`, because the reply that
//! never arrived was lost on the terminal's side of the link as far as the files can tell (the
//! terminal's own reversal reason for it is 98, "no reply in time"). A cardholder decline code on
//! a sale that was settled anyway does not explain the money moving, so such a finding gets
//! `unknown`.

/// The words of the report's language for a fact: `words!(lang, network(&facts))` calls
/// `text::zh::incidents::network` or `text::en::incidents::network`. The one place the
/// incidents choose a language.
macro_rules! words {
    ($lang:expr, $f:ident($($arg:expr),* $(,)?)) => {
        match $lang {
            crate::config::Lang::Zh => crate::diagnose::text::zh::incidents::$f($($arg),*),
            crate::config::Lang::En => crate::diagnose::text::en::incidents::$f($($arg),*),
        }
    };
}

/// [`words!`] in every language the diagnosis words (`crate::diagnose::Langs`): a
/// `crate::diagnose::Bi`.
macro_rules! said {
    ($langs:expr, $f:ident($($arg:expr),* $(,)?)) => {
        crate::diagnose::Bi::of($langs, |lang| words!(lang, $f($($arg),*)))
    };
}

mod attempts;
pub(crate) mod bank_system;
pub(crate) mod cardholder;
pub(crate) mod health;
pub(crate) mod issuer;
pub(crate) mod network;
pub(crate) mod operator;
pub(crate) mod persistent;
pub(crate) mod signal;
pub(crate) mod terminal;
pub(crate) mod wallet_system;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

pub(crate) use attempts::Attempts;
use chrono::{NaiveDateTime, Timelike};

use super::{Bi, Context, FindingText, IncidentText, Langs, Wording, other_lang};
use crate::knowledge::{self, ResponseCode};
use crate::matcher::ident;
use crate::model::{Outcome, Record, Role};
use crate::report::{
    CardholderDeclines, Cause, Finding, Incident, TerminalHealth, round_confidence,
};

/// What a detector decided; `run` adds times, counts, links and the id.
pub(crate) struct Draft {
    pub(crate) cause: Cause,
    pub(crate) confidence: f64,
    /// Terminals involved; empty = merchant-wide.
    pub(crate) terminal_ids: Vec<String>,
    /// Record indices of the attempts explained.
    pub(crate) members: Vec<usize>,
    pub(crate) words: Bi<Words>,
}

impl Draft {
    /// Inserts an evidence line, in each language, at `at`.
    pub(crate) fn insert_evidence(&mut self, at: usize, line: Bi<String>) {
        self.words.main.evidence.insert(at, line.main);
        if let (Some(words), Some(line)) = (self.words.other.as_mut(), line.other) {
            words.evidence.insert(at, line);
        }
    }
}

/// The words of an incident (or a health note), from `text::zh` / `text::en`.
pub(crate) struct Words {
    pub(crate) title: String,
    pub(crate) evidence: Vec<String>,
    pub(crate) actions: Vec<String>,
}

/// When a group of attempts happened: the first and the last.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    pub(crate) start: NaiveDateTime,
    pub(crate) end: NaiveDateTime,
}

/// A card terminal or a till's device by its id (`""` when the file has none).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Device<'a> {
    pub(crate) id: &'a str,
    /// A till's device (收银设备): every attempt is a QR scan, no card terminal row.
    pub(crate) till: bool,
}

impl<'a> Device<'a> {
    /// A card terminal.
    pub(crate) fn terminal(id: &'a str) -> Self {
        Device { id, till: false }
    }
}

/// The response codes of a group of attempts: how many of each, `none` for no code at all.
#[derive(Debug, Clone)]
pub(crate) struct Codes {
    pub(crate) counts: BTreeMap<String, u64>,
    /// Every attempt without a code got no reply at all (rather than a file without codes).
    pub(crate) all_no_reply: bool,
}

/// The attempts listed one per line in an incident's evidence, at most a limit of them.
#[derive(Debug, Clone)]
pub(crate) struct Listed<'a> {
    pub(crate) rows: Vec<Listing<'a>>,
    /// How many more were left out.
    pub(crate) more: usize,
}

/// One attempt of [`Listed`]: its record and where it (and its twins) are written.
#[derive(Debug, Clone)]
pub(crate) struct Listing<'a> {
    pub(crate) record: &'a Record,
    /// `(file, line)` of the record and its twins.
    pub(crate) places: Vec<(&'a str, u32)>,
}

/// A failed attempt outside any incident, for the one line on preventing it.
#[derive(Debug, Clone)]
pub(crate) struct LoneCause<'a> {
    pub(crate) cause: Cause,
    pub(crate) terminal: &'a str,
    pub(crate) time: Option<NaiveDateTime>,
    pub(crate) code: Option<String>,
}

/// A detector: attempts and the ones already claimed in, incident drafts out.
type Detector = fn(&Attempts, &BTreeSet<usize>) -> Vec<Draft>;

/// The terminal id of a record, `""` when the file has none (a one-terminal log).
pub(crate) fn terminal(r: &Record) -> &str {
    ident(&r.terminal_id).unwrap_or("")
}

/// `Draft::terminal_ids` for one terminal: `[tid]`, or empty (merchant-wide) when the log has none.
pub(crate) fn one_terminal(tid: &str) -> Vec<String> {
    if tid.is_empty() { Vec::new() } else { vec![tid.to_owned()] }
}

/// The response code as sent (trimmed, upper case), if there is one.
pub(crate) fn code(r: &Record) -> Option<String> {
    trimmed_code(r).map(str::to_ascii_uppercase)
}

/// The response code as written (trimmed, case kept), if there is one. The detectors test every
/// attempt's code, so the tests compare in place rather than build an upper-case string each.
fn trimmed_code(r: &Record) -> Option<&str> {
    r.response_code.as_deref().map(str::trim).filter(|c| !c.is_empty())
}

/// Whether `code` in upper case is `upper` (as `code.to_ascii_uppercase() == upper`).
fn upper_eq(code: &str, upper: &str) -> bool {
    code.len() == upper.len()
        && code.bytes().zip(upper.bytes()).all(|(a, b)| a.to_ascii_uppercase() == b)
}

/// Whether the record's code ([`code`]) is `upper`.
pub(crate) fn code_is(r: &Record, upper: &str) -> bool {
    trimmed_code(r).is_some_and(|c| upper_eq(c, upper))
}

/// The table row of a record's code.
pub(crate) fn code_info(r: &Record) -> Option<&'static ResponseCode> {
    r.response_code.as_deref().and_then(knowledge::response_code)
}

/// Whether the code is one of `codes`.
pub(crate) fn code_in(r: &Record, codes: &[&str]) -> bool {
    trimmed_code(r).is_some_and(|c| codes.iter().any(|k| upper_eq(c, k)))
}

/// The terminal (or the till) got no answer at all: outcome unknown and no response code
/// ("交易超时", 支付中). A wallet bill's row is the wallet's own answer, never a lost reply.
pub(crate) fn no_reply(r: &Record) -> bool {
    r.outcome == Outcome::Unknown && trimmed_code(r).is_none() && r.role != Role::WalletBill
}

/// A failed attempt: declined or unknown.
pub(crate) fn failed(r: &Record) -> bool {
    r.outcome != Outcome::Approved
}

/// Card BIN: the first six digits of the masked card, when they are digits.
pub(crate) fn bin(r: &Record) -> Option<&str> {
    let card = r.card_masked.as_deref()?.trim();
    let head = card.get(..6)?;
    head.bytes().all(|b| b.is_ascii_digit()).then_some(head)
}

/// Splits time-sorted indices into runs whose neighbours are at most `gap_secs` apart.
pub(crate) fn chains(att: &Attempts, sorted: &[usize], gap_secs: i64) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for &idx in sorted {
        match out.last_mut() {
            Some(run)
                if (att.time(idx) - att.time(*run.last().expect("non-empty"))).num_seconds()
                    <= gap_secs =>
            {
                run.push(idx)
            }
            _ => out.push(vec![idx]),
        }
    }
    out
}

/// Whether every attempt of an incident is a scan from the till's payment list or a wallet bill
/// (no card terminal row): the device is a till's (收银设备), and the advice is about scanning
/// again, the till and its provider, not about a POS terminal.
pub(crate) fn on_till_devices(att: &Attempts, members: &[usize]) -> bool {
    !members.is_empty()
        && members.iter().all(|&i| att.record(i).role != crate::model::Role::TerminalLog)
}

/// Response code counts; `none` counts attempts that got no code at all.
pub(crate) fn code_counts(att: &Attempts, members: &[usize]) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for &idx in members {
        let key = att.code(idx).unwrap_or_else(|| "none".to_owned());
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

/// Minutes since midnight.
pub(crate) fn minute_of_day(t: NaiveDateTime) -> u32 {
    t.hour() * 60 + t.minute()
}

/// What the period says beyond single findings: incidents, the cardholder declines, terminal health.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    /// Sorted and numbered `I1`, ...
    pub incidents: Vec<Incident>,
    /// The cardholder declines no incident or finding holds ([`cardholder`]).
    pub cardholder_declines: Option<CardholderDeclines>,
    /// Per terminal and day ([`health`]).
    pub terminal_health: Option<TerminalHealth>,
}

/// Detects incidents, links findings to them, and returns them sorted and numbered, with the
/// cardholder profile and the terminal health; given the findings' words in the other language
/// (`texts`), the report's [`Wording`] in that language too.
pub(crate) fn run(
    ctx: &Context,
    findings: &mut [Finding],
    mut texts: Option<Vec<FindingText>>,
) -> (Diagnosis, Option<Wording>) {
    let (att, finding_attempts) = Attempts::collect(ctx, findings);
    let (drafts, claimed) = detect_all(&att);
    let (cardholder_declines, other_cardholder) = match cardholder::profile(&att, &claimed) {
        Some((declines, other)) => (Some(declines), other),
        None => (None, None),
    };
    let (terminal_health, health_notes) = match health::measure(&att) {
        Some((health, notes)) => (Some(health), notes),
        None => (None, Vec::new()),
    };

    let (mut incidents, same_order) = numbered(&att, drafts);
    let mut incident_of: BTreeMap<usize, usize> = BTreeMap::new();
    for (pos, (_, members, _)) in incidents.iter().enumerate() {
        for &m in members {
            incident_of.insert(m, pos);
        }
    }
    for (at, (finding, attempts)) in findings.iter_mut().zip(&finding_attempts).enumerate() {
        let text = texts.as_mut().and_then(|texts| texts.get_mut(at));
        match attempts.iter().find_map(|a| incident_of.get(a).copied()) {
            Some(pos) => {
                let (incident, _, other) = &mut incidents[pos];
                incident.finding_ids.push(finding.id.clone());
                link_finding(ctx.langs(), (finding, text), incident, other.as_ref());
            }
            None => lone_cause(ctx, (finding, text), attempts),
        }
    }
    let mut other_incidents = Vec::with_capacity(incidents.len());
    let incidents = incidents
        .into_iter()
        .map(|(mut incident, _, other)| {
            incident.finding_ids.sort();
            other_incidents.extend(other);
            incident
        })
        .collect::<Vec<Incident>>();
    let wording =
        texts.filter(|_| same_order && other_incidents.len() == incidents.len()).map(|findings| {
            Wording {
                lang: other_lang(ctx.lang()),
                findings,
                incidents: other_incidents,
                cardholder: other_cardholder,
                health_notes,
            }
        });
    (Diagnosis { incidents, cardholder_declines, terminal_health }, wording)
}

/// Runs the detectors in their order, each on the attempts no earlier one claimed; the drafts
/// (each with at least one member) and every attempt claimed.
fn detect_all(att: &Attempts) -> (Vec<Draft>, BTreeSet<usize>) {
    let detectors: [Detector; 9] = [
        issuer::detect,
        wallet_system::detect,
        bank_system::detect_cutover,
        bank_system::detect_outage,
        terminal::detect,
        operator::detect,
        signal::detect,
        network::detect,
        persistent::detect,
    ];
    let mut claimed: BTreeSet<usize> = BTreeSet::new();
    let mut drafts: Vec<Draft> = Vec::new();
    for detect in detectors {
        for mut draft in detect(att, &claimed) {
            draft.members.retain(|m| !claimed.contains(m));
            if draft.members.is_empty() {
                continue;
            }
            claimed.extend(draft.members.iter().copied());
            drafts.push(draft);
        }
    }
    (drafts, claimed)
}

/// The incidents of the drafts, with their members in time order, sorted on (start, cause,
/// terminals, end, title) and numbered `I1`, `I2`, ..., each with its words in the other
/// language when worded; and whether the other language's titles give the same order.
fn numbered(att: &Attempts, drafts: Vec<Draft>) -> (Vec<Numbered>, bool) {
    let mut incidents: Vec<(usize, Numbered)> = drafts
        .into_iter()
        .enumerate()
        .map(|(pos, mut d)| {
            d.members.sort_by_key(|&idx| (att.time(idx), att.ctx.set.canonical_rank[idx]));
            d.terminal_ids.sort();
            d.terminal_ids.dedup();
            let Bi { main: words, other } = d.words;
            let other = other.map(|w| IncidentText {
                title: w.title,
                evidence: w.evidence,
                actions: w.actions,
            });
            let incident = Incident {
                id: String::new(),
                cause: d.cause,
                confidence: round_confidence(d.confidence.clamp(0.0, 1.0)),
                terminal_ids: d.terminal_ids,
                start: att.time(d.members[0]),
                end: att.time(*d.members.last().expect("non-empty")),
                attempts: d.members.len() as u64,
                finding_ids: Vec::new(),
                response_codes: code_counts(att, &d.members),
                title: words.title,
                evidence: words.evidence,
                actions: words.actions,
            };
            (pos, (incident, d.members, other))
        })
        .collect();
    fn key<'a>(i: &'a Incident, title: &'a str) -> IncidentKey<'a> {
        (i.start, i.cause, &i.terminal_ids, i.end, title)
    }
    incidents.sort_by(|(_, (a, ..)), (_, (b, ..))| key(a, &a.title).cmp(&key(b, &b.title)));
    // As for the findings (`diagnose::run_worded`): ties are broken by draft order.
    let same_order = incidents.windows(2).all(|w| match (&w[0].1.2, &w[1].1.2) {
        (Some(a), Some(b)) => {
            (key(&w[0].1.0, &a.title), w[0].0) < (key(&w[1].1.0, &b.title), w[1].0)
        }
        _ => true,
    });
    let mut incidents: Vec<Numbered> = incidents.into_iter().map(|(_, n)| n).collect();
    for (pos, (incident, ..)) in incidents.iter_mut().enumerate() {
        incident.id = format!("I{}", pos + 1);
    }
    (incidents, same_order)
}

/// An incident, its members, and its words in the other language.
type Numbered = (Incident, Vec<usize>, Option<IncidentText>);

/// What incidents are sorted on.
type IncidentKey<'a> = (NaiveDateTime, Cause, &'a Vec<String>, NaiveDateTime, &'a str);

/// A finding outside any incident: the cause its failed terminal attempt points to, and a line on
/// preventing it (in each language worded).
fn lone_cause(
    ctx: &Context,
    (finding, text): (&mut Finding, Option<&mut FindingText>),
    attempts: &[usize],
) {
    // A QR attempt on its own says nothing about a cause: the till's 支付中 may be the
    // customer still entering the password as well as a lost link.
    let failed_attempt = attempts
        .iter()
        .map(|&a| &ctx.records[a])
        .find(|r| r.role == Role::TerminalLog && failed(r));
    if let Some(r) = failed_attempt {
        let cause = cause_of_attempt(r);
        finding.cause = Some(cause);
        let action = lone_cause_action(ctx.langs(), cause, r);
        if let Some(action) = action.main {
            finding.actions.push(action);
        }
        if let (Some(text), Some(Some(action))) = (text, action.other) {
            text.actions.push(action);
        }
    }
}

/// The cause one failed attempt points to on its own (see the module docs).
pub(crate) fn cause_of_attempt(r: &Record) -> Cause {
    if no_reply(r) {
        return Cause::Network;
    }
    match code_info(r).and_then(|c| c.cause) {
        Some(Cause::Cardholder) | None => Cause::Unknown,
        Some(cause) => cause,
    }
}

/// Points a finding at its incident: cause, id, one evidence line and one action (in each
/// language worded: `other` is the incident's words in the other language).
fn link_finding(
    langs: Langs,
    (finding, text): (&mut Finding, Option<&mut FindingText>),
    incident: &Incident,
    other: Option<&IncidentText>,
) {
    finding.cause = Some(incident.cause);
    finding.incident_id = Some(incident.id.clone());
    let id = &incident.id;
    finding.evidence.push(words!(langs.main, link_evidence(id, &incident.title)));
    finding.actions.push(words!(langs.main, link_action(id, &incident.title)));
    if let (Some(lang), Some(text), Some(other)) = (langs.other, text, other) {
        text.evidence.push(words!(lang, link_evidence(id, &other.title)));
        text.actions.push(words!(lang, link_action(id, &other.title)));
    }
}

/// For a finding outside any incident: one line on preventing it, by cause.
fn lone_cause_action(langs: Langs, cause: Cause, r: &Record) -> Bi<Option<String>> {
    let facts = LoneCause { cause, terminal: terminal(r), time: r.time, code: code(r) };
    said!(langs, lone_cause_action(&facts))
}
