//! What the loaded files cover.
//!
//! A missing partner only means something where the other side was looked at. A terminal sale
//! clearing on the 7th cannot be "missing" from settlement files that stop at the 6th: that file is
//! simply not loaded yet. A settled row at 18:00 cannot be "unknown to the terminal" when the
//! terminal export ends at 12:00, or covers another terminal.
//!
//! - Terminal coverage is the time range (first..last record) of the terminal logs, per 终端号.
//!   Records without a 终端号 (single-terminal exports) form one range that applies to all.
//! - Acquirer coverage is the set of clearing dates with at least one settled row, plus the set of
//!   terminal ids the statements mention, so a terminal paid through another acquirer is not
//!   reported as unsettled.
//!
//! Both are gathered in hash maps keyed by borrowed ids (a chain store has a million rows and a
//! hundred terminals: an owned key and an ordered-map walk per row cost more than the rest) and
//! put into their ordered maps once at the end.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};

use super::{LookupMap, LookupSet, ident};
use crate::model::{Record, Role};

/// Time ranges covered by the terminal logs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TerminalCoverage {
    /// First and last record time, per 终端号.
    pub by_terminal: BTreeMap<String, (NaiveDateTime, NaiveDateTime)>,
    /// First and last time of records without a 终端号; applies to every terminal.
    pub untagged: Option<(NaiveDateTime, NaiveDateTime)>,
}

impl TerminalCoverage {
    /// Collects the ranges from the terminal-log records.
    pub fn from_records(records: &[Record]) -> Self {
        Self::of(records.iter().enumerate().filter(|(_, r)| r.role == Role::TerminalLog))
    }

    /// Collects the ranges from the terminal-log records given (with their indices).
    pub(crate) fn of<'a>(terminal_log: impl Iterator<Item = (usize, &'a Record)>) -> Self {
        let mut by_terminal: LookupMap<&str, (NaiveDateTime, NaiveDateTime)> = LookupMap::default();
        let mut untagged = None;
        for (_, r) in terminal_log {
            let Some(time) = r.time else { continue };
            let slot = match ident(&r.terminal_id) {
                Some(tid) => by_terminal.entry(tid).or_insert((time, time)),
                None => untagged.get_or_insert((time, time)),
            };
            slot.0 = slot.0.min(time);
            slot.1 = slot.1.max(time);
        }
        let by_terminal =
            by_terminal.into_iter().map(|(tid, range)| (tid.to_owned(), range)).collect();
        TerminalCoverage { by_terminal, untagged }
    }

    /// Whether no terminal log with times is loaded.
    pub fn is_empty(&self) -> bool {
        self.by_terminal.is_empty() && self.untagged.is_none()
    }

    /// The range that applies to a terminal id (`None` when the logs do not cover it).
    ///
    /// A row without a 终端号 is only covered by an untagged log, or by the only terminal there is.
    pub fn range_for(&self, terminal_id: Option<&str>) -> Option<(NaiveDateTime, NaiveDateTime)> {
        if let Some(range) = self.untagged {
            return Some(range);
        }
        match terminal_id {
            Some(tid) => self.by_terminal.get(tid).copied(),
            None if self.by_terminal.len() == 1 => self.by_terminal.values().next().copied(),
            None => None,
        }
    }

    /// Whether the terminal log of this terminal covers this moment.
    pub fn covers(&self, terminal_id: Option<&str>, time: NaiveDateTime) -> bool {
        self.range_for(terminal_id).is_some_and(|(start, end)| start <= time && time <= end)
    }
}

/// Clearing dates and terminals present in the acquirer statements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AcquirerCoverage {
    /// Clearing dates with at least one acquirer row.
    pub dates: BTreeSet<NaiveDate>,
    /// 终端号 values the acquirer rows carry.
    pub terminals: BTreeSet<String>,
}

impl AcquirerCoverage {
    /// Collects dates and terminals from the acquirer records.
    pub fn from_records(records: &[Record], clearing_dates: &[Option<NaiveDate>]) -> Self {
        let acquirer =
            records.iter().enumerate().filter(|(_, r)| r.role == Role::AcquirerStatement);
        Self::of(acquirer, clearing_dates)
    }

    /// Collects dates and terminals from the acquirer records given (with their indices into
    /// `clearing_dates`).
    pub(crate) fn of<'a>(
        acquirer: impl Iterator<Item = (usize, &'a Record)>,
        clearing_dates: &[Option<NaiveDate>],
    ) -> Self {
        let mut dates: LookupSet<NaiveDate> = LookupSet::default();
        let mut terminals: LookupSet<&str> = LookupSet::default();
        for (idx, r) in acquirer {
            if let Some(date) = clearing_dates[idx] {
                dates.insert(date);
            }
            if let Some(tid) = ident(&r.terminal_id) {
                terminals.insert(tid);
            }
        }
        AcquirerCoverage {
            dates: dates.into_iter().collect(),
            terminals: terminals.into_iter().map(str::to_owned).collect(),
        }
    }

    /// Whether no acquirer statement with dates is loaded.
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    /// First and last clearing date.
    pub fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((*self.dates.first()?, *self.dates.last()?))
    }

    /// The date lies between the first and last clearing date.
    pub fn in_range(&self, date: NaiveDate) -> bool {
        self.range().is_some_and(|(first, last)| first <= date && date <= last)
    }

    /// At least one acquirer row clears on this date.
    pub fn has_rows(&self, date: NaiveDate) -> bool {
        self.dates.contains(&date)
    }

    /// The statements could contain this terminal's transactions: they mention it, they carry no
    /// terminal ids at all, or the record has no 终端号.
    pub fn knows_terminal(&self, terminal_id: Option<&str>) -> bool {
        match terminal_id {
            Some(tid) => self.terminals.is_empty() || self.terminals.contains(tid),
            None => true,
        }
    }

    /// The statements decide this clearing date for this terminal: a row missing here is missing.
    pub fn decides(&self, terminal_id: Option<&str>, date: NaiveDate) -> bool {
        self.has_rows(date) && self.knows_terminal(terminal_id)
    }
}
