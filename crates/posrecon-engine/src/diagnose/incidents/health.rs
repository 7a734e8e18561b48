//! Terminal health: per terminal and day, attempts, approved, declined and dropped, and each
//! terminal's drop rate against the merchant's own baseline.
//!
//! ## What it measures
//! Every attempt on a device ([`super::attempts`]: a terminal log's, reversal messages left out,
//! a till's on its 设备号, a wallet bill's failed row with a 设备号 no other file lists), claimed
//! by an incident or not, is exactly one of: approved; dropped (the terminal never learnt
//! the outcome: no reply, 98/68, 09, 94; or could not go online: Z3), which is what becomes a
//! 掉单; declined (any other answer). The baseline is the merchant's drop rate over all terminals
//! and the whole period; each terminal also gets the other terminals' pooled rate.
//!
//! ## When it speaks
//! With several terminals, a terminal whose drops are far above the others' gets a note: the same
//! one-sided Fisher exact test and Bonferroni threshold as the slow-burning detector
//! ([`super::persistent`]), over the terminals with at least [`super::persistent::MIN_FAILURES`]
//! drops. The note gives the numbers a merchant can quote to the POS provider ("this terminal
//! drops 4.0% of attempts, the others 0.3%") and says that frequent drops draw the acquirer's risk
//! control. A single terminal has nobody to be compared with: its rate is shown, without a note.
//!
//! ## Why compact
//! At a million attempts the report must stay small: one row per terminal and one
//! `[date, attempts, approved, declined, dropped]` array per terminal and day; rates are derived
//! from counts and rounded.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::attempts::Row;
use super::persistent::{ALPHA, MIN_FAILURES};
use super::{Attempts, Words};
use crate::diagnose::stats;
use crate::diagnose::{Bi, Langs};
use crate::matcher::LookupMap;
use crate::report::{HealthNote, TerminalHealth, TerminalHealthRow};

#[derive(Default, Clone, Copy)]
struct Counts {
    attempts: u64,
    approved: u64,
    declined: u64,
    dropped: u64,
}

impl Counts {
    /// Counts one attempt, from its row: approved, dropped (the terminal never learnt the
    /// outcome, or could not go online) or declined.
    fn add(&mut self, row: &Row) {
        self.attempts += 1;
        if row.approved() {
            self.approved += 1;
        } else if row.unknown() || row.lost_link() {
            self.dropped += 1;
        } else {
            self.declined += 1;
        }
    }
}

fn rate(hits: u64, of: u64) -> f64 {
    if of == 0 { 0.0 } else { (hits as f64 / of as f64 * 10_000.0).round() / 10_000.0 }
}

/// The terminal health, and its notes in the other language when the diagnosis words both (by
/// position in `TerminalHealth::terminals`).
pub(crate) fn measure(att: &Attempts) -> Option<(TerminalHealth, Vec<Option<HealthNote>>)> {
    if !att.rows.iter().any(Row::on_device) {
        return None;
    }
    let mut other_notes = Vec::new();
    let mut total = Counts::default();
    // Counted per terminal through a hash slot (a chain store's million attempts each looked a
    // terminal up in a string-keyed tree before), then put in terminal order once.
    type Tally<'t> = (&'t str, Counts, BTreeMap<NaiveDate, Counts>);
    let mut slot: LookupMap<&str, usize> = LookupMap::default();
    let mut tallies: Vec<Tally> = Vec::new();
    for row in att.rows.iter().filter(|row| row.on_device()) {
        let r = row;
        total.add(r);
        let tid = att.terminal_name(row);
        let pos = *slot.entry(tid).or_insert_with(|| {
            tallies.push((tid, Counts::default(), BTreeMap::new()));
            tallies.len() - 1
        });
        let (_, counts, days) = &mut tallies[pos];
        counts.add(r);
        days.entry(row.time.date()).or_default().add(r);
    }
    let per: BTreeMap<&str, (Counts, BTreeMap<NaiveDate, Counts>)> =
        tallies.into_iter().map(|(tid, counts, days)| (tid, (counts, days))).collect();
    let several = per.len() >= 2;
    let p_values: BTreeMap<&str, f64> = per
        .iter()
        .filter(|_| several)
        .map(|(&tid, (c, _))| {
            (tid, stats::fisher_greater(c.dropped, c.attempts, total.dropped, total.attempts))
        })
        .collect();
    let tested = per.values().filter(|(c, _)| several && c.dropped >= MIN_FAILURES as u64).count();
    let threshold = ALPHA / tested.max(1) as f64;
    let terminals = per
        .iter()
        .map(|(&tid, (c, days))| {
            let others = several.then(|| (total.dropped - c.dropped, total.attempts - c.attempts));
            let p = p_values.get(tid).copied();
            let note = match (p, others) {
                (Some(p), Some(o)) if c.dropped >= MIN_FAILURES as u64 && p <= threshold => {
                    let Bi { main, other } = note(att.langs(), tid, c, o, p, threshold, days);
                    other_notes.push(other);
                    Some(main)
                }
                _ => {
                    other_notes.push(None);
                    None
                }
            };
            TerminalHealthRow {
                terminal_id: tid.to_owned(),
                attempts: c.attempts,
                approved: c.approved,
                declined: c.declined,
                dropped: c.dropped,
                drop_rate: rate(c.dropped, c.attempts),
                others_drop_rate: others.map(|(d, a)| rate(d, a)),
                p_value: p.map(stats::round_p),
                days: days
                    .iter()
                    .map(|(d, c)| (*d, c.attempts, c.approved, c.declined, c.dropped))
                    .collect(),
                note,
            }
        })
        .collect();
    let health = TerminalHealth { drop_rate: rate(total.dropped, total.attempts), terminals };
    Some((health, other_notes))
}

/// What a terminal's drops against the others' show.
pub(crate) struct DropNote<'a> {
    pub(crate) terminal: &'a str,
    pub(crate) attempts: u64,
    pub(crate) dropped: u64,
    pub(crate) other_attempts: u64,
    pub(crate) other_dropped: u64,
    /// The drop rates, rounded as in the report.
    pub(crate) rate: f64,
    pub(crate) others_rate: f64,
    /// Fisher's p and the threshold it is below.
    pub(crate) p: f64,
    pub(crate) threshold: f64,
    /// The worst days, most drops first, at most five: `(day, dropped, attempts)`.
    pub(crate) worst: Vec<(NaiveDate, u64, u64)>,
}

fn note(
    langs: Langs,
    tid: &str,
    c: &Counts,
    (other_dropped, other_attempts): (u64, u64),
    p: f64,
    threshold: f64,
    days: &BTreeMap<NaiveDate, Counts>,
) -> Bi<HealthNote> {
    // The worst days, most drops first, at most five.
    let mut worst: Vec<(&NaiveDate, &Counts)> =
        days.iter().filter(|(_, d)| d.dropped > 0).collect();
    worst.sort_by(|a, b| b.1.dropped.cmp(&a.1.dropped).then_with(|| a.0.cmp(b.0)));
    let facts = DropNote {
        terminal: tid,
        attempts: c.attempts,
        dropped: c.dropped,
        other_attempts,
        other_dropped,
        rate: rate(c.dropped, c.attempts),
        others_rate: rate(other_dropped, other_attempts),
        p,
        threshold,
        worst: worst.iter().take(5).map(|(d, k)| (**d, k.dropped, k.attempts)).collect(),
    };
    let words: Bi<Words> = said!(langs, health_note(&facts));
    words.map(|Words { title, evidence, actions }| HealthNote { title, evidence, actions })
}
