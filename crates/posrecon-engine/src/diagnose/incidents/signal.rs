//! `signal`: one terminal keeps losing its link at the same time of day, day after day.
//!
//! ## What it detects
//! On one terminal (a card terminal or a till's device), no-replies (see `network`; a till's
//! 支付中 / 结果未知) that fall into the same [`BAND_MINUTES`]-minute band of the day on at least
//! [`MIN_DAYS`] different days, at least [`MIN_FAILURES`] of them, where the failure rate inside
//! the band is at least [`MIN_BAND_RATE`] and at least [`CONCENTRATION`] times the terminal's
//! failure rate outside the band. A rush hour lasts longer than an hour (a lunch rush from 11:30
//! to 13:30), so a band twice as wide is tried too, and wins when it qualifies and holds more
//! failures.
//!
//! No-replies that recur on one terminal at any hour, more often than on the other terminals, are
//! the `persistent` detector's (same cause, `signal`).
//!
//! ## Why
//! A one-off burst is a network drop; the same hour every day is a place or a time with poor
//! reception: the lunch rush saturating the mobile cell, the terminal carried to a corner or a
//! basement at the same time, a microwave next to the Wi-Fi router at noon. Moving one burst's
//! cause does not fix it; the location or the connection has to change. The rate conditions keep
//! scattered everyday timeouts (a few a week at random hours) from looking like a pattern.
//!
//! ## What to do
//! Fix the place or the link for good: relocate the terminal or the router, use a fixed line or a
//! signal booster, or another SIM operator; until then, query before charging again at that hour.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::{Attempts, Codes, Device, Draft, Listed, minute_of_day, one_terminal};
use crate::matcher::LookupMap;
use crate::report::Cause;

/// Width of the time-of-day band.
pub(crate) const BAND_MINUTES: u32 = 60;
/// The wider band tried too (a rush hour).
pub(crate) const WIDE_BAND_MINUTES: u32 = 2 * BAND_MINUTES;
/// Different days the failures must fall on.
pub(crate) const MIN_DAYS: usize = 3;
/// Fewest failures in the band.
pub(crate) const MIN_FAILURES: usize = 4;
/// Share of the terminal's attempts in the band that failed.
pub(crate) const MIN_BAND_RATE: f64 = 0.2;
/// How much likelier a failure is inside the band than outside it.
pub(crate) const CONCENTRATION: f64 = 3.0;

pub(crate) fn detect(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    // Per terminal: the failures' minutes of the day, then, for the terminals with failures
    // only, all attempts' (from the rows: no record is read). `all` is only looked up, never
    // walked, so a hash map serves.
    let mut fails: BTreeMap<&str, Vec<(u32, NaiveDate, usize)>> = BTreeMap::new();
    let mut failing = vec![false; att.n_terminal_names()];
    for row in att.rows.iter().filter(|row| row.lost_link() && !claimed.contains(&row.idx)) {
        failing[row.terminal as usize] = true;
        let t = row.time;
        fails.entry(att.terminal_name(row)).or_default().push((
            minute_of_day(t),
            t.date(),
            row.idx,
        ));
    }
    let mut all: LookupMap<&str, Vec<u32>> = LookupMap::default();
    for row in att.rows.iter().filter(|row| failing[row.terminal as usize]) {
        all.entry(att.terminal_name(row)).or_default().push(minute_of_day(row.time));
    }
    let mut out = Vec::new();
    for (tid, mut failures) in fails {
        let mut minutes = all.remove(tid).unwrap_or_default();
        minutes.sort_unstable();
        failures.sort();
        let best = [BAND_MINUTES, WIDE_BAND_MINUTES]
            .into_iter()
            .filter_map(|width| {
                let (lo, members) = best_band(&failures, width)?;
                qualifies(&minutes, &failures, lo, width, members.len())
                    .then_some((lo, width, members))
            })
            .max_by_key(|(_, width, members)| (members.len(), std::cmp::Reverse(*width)));
        if let Some((lo, width, members)) = best {
            out.push(draft(att, tid, lo, width, members));
        }
    }
    out
}

/// The band with the most distinct days (then most failures, then earliest), by two pointers.
fn best_band(failures: &[(u32, NaiveDate, usize)], width: u32) -> Option<(u32, Vec<usize>)> {
    let mut days: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    let mut best: Option<(usize, usize, u32, usize, usize)> = None; // (days, count, lo, i, j)
    let mut j = 0;
    for i in 0..failures.len() {
        while j < failures.len() && failures[j].0 < failures[i].0 + width {
            *days.entry(failures[j].1).or_insert(0) += 1;
            j += 1;
        }
        let key = (days.len(), j - i);
        if best.is_none_or(|b| key > (b.0, b.1)) {
            best = Some((key.0, key.1, failures[i].0, i, j));
        }
        if let Some(n) = days.get_mut(&failures[i].1) {
            *n -= 1;
            if *n == 0 {
                days.remove(&failures[i].1);
            }
        }
    }
    let (n_days, count, lo, i, j) = best?;
    (n_days >= MIN_DAYS && count >= MIN_FAILURES)
        .then(|| (lo, failures[i..j].iter().map(|f| f.2).collect()))
}

/// The rate conditions: the band fails often, and much more often than the rest of the day.
fn qualifies(
    minutes: &[u32],
    failures: &[(u32, NaiveDate, usize)],
    lo: u32,
    width: u32,
    in_band: usize,
) -> bool {
    let hi = lo + width;
    let band_attempts = minutes.partition_point(|&m| m < hi) - minutes.partition_point(|&m| m < lo);
    let out_attempts = minutes.len() - band_attempts;
    let out_failures = failures.iter().filter(|f| f.0 < lo || f.0 >= hi).count();
    let band_rate = in_band as f64 / band_attempts.max(1) as f64;
    let out_rate = if out_attempts == 0 { 0.0 } else { out_failures as f64 / out_attempts as f64 };
    band_rate >= MIN_BAND_RATE && band_rate >= CONCENTRATION * out_rate
}

/// What a terminal's failures at one time of day show.
pub(crate) struct PoorReception<'a> {
    pub(crate) device: Device<'a>,
    /// The first and the last failure's minute of the day.
    pub(crate) band: (u32, u32),
    /// The band's width tried, in minutes.
    pub(crate) width: u32,
    /// The days the failures fall on.
    pub(crate) days: Vec<NaiveDate>,
    pub(crate) failures: usize,
    /// Every attempt is a QR scan: the wallet bills decide what was charged.
    pub(crate) qr: bool,
    pub(crate) codes: Codes,
    pub(crate) listed: Listed<'a>,
}

fn draft(att: &Attempts, tid: &str, lo: u32, width: u32, members: Vec<usize>) -> Draft {
    let days: BTreeSet<NaiveDate> = members.iter().map(|&i| att.time(i).date()).collect();
    let first_min = members.iter().map(|&i| minute_of_day(att.time(i))).min().unwrap_or(lo);
    let last_min = members.iter().map(|&i| minute_of_day(att.time(i))).max().unwrap_or(lo);
    let facts = PoorReception {
        device: att.device(tid, &members),
        band: (first_min, last_min),
        width,
        days: days.into_iter().collect(),
        failures: members.len(),
        qr: att.all_qr(&members),
        codes: att.codes(&members),
        listed: att.listed(&members, 10),
    };
    Draft {
        cause: Cause::Signal,
        confidence: (0.65 + 0.05 * facts.days.len() as f64).min(0.9),
        terminal_ids: one_terminal(tid),
        words: said!(att.langs(), signal(&facts)),
        members,
    }
}
