//! The settlement calendar: working days, public holidays, make-up working days, cycles.
//!
//! Money moves on working days. A T+1 acquirer pays a Friday's, a Saturday's and a Sunday's
//! settlement together on Monday, and during the Spring Festival week nothing is paid at all.
//! In China "working day" is not "Monday to Friday": every year the State Council moves days
//! around public holidays, so some Saturdays and Sundays are working days (调休上班) and some
//! weekdays are not. Those dates are data, not code: `holidays.txt` beside this file lists them
//! per year with the notice they come from, and the user can correct or extend the table through
//! [`Settings::extra_holidays`] and [`Settings::extra_working_days`] without a new release.
//!
//! A year that the table marks `provisional` (or does not list at all) falls back to weekends plus
//! whatever dates it does list; [`Calendar::is_verified`] lets findings say so.
//!
//! Settlement cycles ([`Cycle`]) turn a clearing date into the date the net amount should reach
//! the merchant's bank account:
//!
//! - `T+1`: the next working day after the clearing date (Fri, Sat, Sun -> Mon);
//! - `T+0`: the clearing date when it is a working day, else the next working day;
//! - `D+1`: the next calendar day, weekends and holidays included;
//! - `D+0`: the clearing date itself.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::config::Settings;

/// The built-in table (see the file's header for its format and sources).
const HOLIDAYS: &str = include_str!("holidays.txt");

/// How far ahead working-day arithmetic looks before giving up (a long holiday plus weekends is
/// under two weeks; a user table that marks everything off must not hang the engine).
const MAX_SCAN_DAYS: i64 = 60;

pub use crate::config::Cycle;

/// The cycle that applies to a merchant id: its override in
/// [`Settings::settlement_cycle_by_merchant`], else [`Settings::settlement_cycle`].
pub fn cycle_for(settings: &Settings, merchant_id: Option<&str>) -> Cycle {
    merchant_id
        .and_then(|mid| settings.settlement_cycle_by_merchant.get(mid.trim()))
        .copied()
        .unwrap_or(settings.settlement_cycle)
}

/// The payout cycle of a wallet that settles to the bank by itself
/// ([`Settings::wallet_payout_cycle`]).
pub fn wallet_cycle(settings: &Settings) -> Cycle {
    settings.wallet_payout_cycle
}

/// Working days of the years the table knows, plus the user's corrections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    off: BTreeSet<NaiveDate>,
    work: BTreeSet<NaiveDate>,
    /// Year -> verified against the published notice.
    years: BTreeMap<i32, bool>,
}

impl Calendar {
    /// The built-in table only.
    pub fn builtin() -> Calendar {
        let mut cal =
            Calendar { off: BTreeSet::new(), work: BTreeSet::new(), years: BTreeMap::new() };
        for line in HOLIDAYS.lines() {
            // A malformed line is skipped; the unit tests make sure the shipped table has none.
            let _ = cal.apply_line(line);
        }
        cal
    }

    /// The built-in table with the user's extra holidays and working days from `settings`.
    /// An extra working day wins over everything, an extra holiday over the built-in table.
    pub fn new(settings: &Settings) -> Calendar {
        let mut cal = Calendar::builtin();
        for &day in &settings.extra_holidays {
            cal.work.remove(&day);
            cal.off.insert(day);
        }
        for &day in &settings.extra_working_days {
            cal.off.remove(&day);
            cal.work.insert(day);
        }
        cal
    }

    /// Reads one line of the table; `Err` names what is wrong with it.
    fn apply_line(&mut self, line: &str) -> Result<(), String> {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return Ok(());
        }
        let mut words = line.split_whitespace();
        let first = words.next().unwrap_or("");
        let second = words.next().ok_or_else(|| format!("incomplete line: {line}"))?;
        if first == "year" {
            let year: i32 = second.parse().map_err(|_| format!("bad year: {line}"))?;
            let verified = match words.next() {
                Some("verified") => true,
                Some("provisional") => false,
                _ => return Err(format!("year needs verified|provisional: {line}")),
            };
            self.years.insert(year, verified);
            return Ok(());
        }
        let date = |s: &str| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("bad date {s}: {line}"))
        };
        let (start, end) = match first.split_once("..") {
            Some((a, b)) => (date(a)?, date(b)?),
            None => (date(first)?, date(first)?),
        };
        if end < start || (end - start).num_days() > 31 {
            return Err(format!("bad range: {line}"));
        }
        let set = match second {
            "off" => &mut self.off,
            "work" => &mut self.work,
            _ => return Err(format!("expected off or work: {line}")),
        };
        let mut day = start;
        while day <= end {
            set.insert(day);
            day += Duration::days(1);
        }
        Ok(())
    }

    /// Whether banks settle on this date.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.work.contains(&date) {
            return true;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.off.contains(&date)
    }

    /// Whether the table's dates for this year come from the published notice.
    pub fn is_verified(&self, year: i32) -> bool {
        self.years.get(&year).copied().unwrap_or(false)
    }

    /// The `n`-th working day strictly after `date` (`n = 0` gives `date` itself).
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut day = date;
        for _ in 0..n {
            day = self.next_working_day(day);
        }
        day
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        for _ in 0..MAX_SCAN_DAYS {
            day += Duration::days(1);
            if self.is_working_day(day) {
                return day;
            }
        }
        date + Duration::days(1)
    }

    /// `date` when it is a working day, else the next one.
    pub fn working_day_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        if self.is_working_day(date) { date } else { self.next_working_day(date) }
    }

    /// Working days in `(from, to]`; negative when `to` is before `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        let mut n = 0;
        let mut day = from;
        while day < to {
            day += Duration::days(1);
            if self.is_working_day(day) {
                n += 1;
            }
        }
        n
    }

    /// When the net amount of a clearing date should reach the merchant's bank account.
    pub fn expected_deposit(&self, clearing_date: NaiveDate, cycle: Cycle) -> NaiveDate {
        match cycle {
            Cycle::T0 => self.working_day_on_or_after(clearing_date),
            Cycle::T1 => self.next_working_day(clearing_date),
            Cycle::D0 => clearing_date,
            Cycle::D1 => clearing_date + Duration::days(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn shipped_table_reads_cleanly() {
        let mut cal =
            Calendar { off: BTreeSet::new(), work: BTreeSet::new(), years: BTreeMap::new() };
        for (n, line) in HOLIDAYS.lines().enumerate() {
            cal.apply_line(line).unwrap_or_else(|e| panic!("holidays.txt line {}: {e}", n + 1));
        }
        // Every make-up working day is a weekend day, and no date is both off and work.
        for d in &cal.work {
            assert!(matches!(d.weekday(), Weekday::Sat | Weekday::Sun), "{d} is not a weekend");
            assert!(!cal.off.contains(d), "{d} is both off and work");
        }
        for year in [2024, 2025, 2026] {
            assert!(cal.is_verified(year), "{year}");
        }
        assert!(!cal.is_verified(2027));
        assert!(!cal.is_verified(2023));
    }

    #[test]
    fn working_days() {
        let cal = Calendar::builtin();
        // (date, working?) with the reason.
        let cases = [
            // 2025 National Day + Mid-Autumn: Oct 1-8 off, Sun Sep 28 and Sat Oct 11 worked.
            ("2025-09-27", false), // Saturday, ordinary weekend
            ("2025-09-28", true),  // Sunday, make-up working day
            ("2025-09-30", true),
            ("2025-10-01", false),
            ("2025-10-08", false), // Wednesday, last day of the holiday
            ("2025-10-09", true),
            ("2025-10-11", true), // Saturday, make-up working day
            ("2025-10-12", false),
            // 2026 Spring Festival: Feb 15-23 off, Sat Feb 14 and Sat Feb 28 worked.
            ("2026-02-13", true),
            ("2026-02-14", true),
            ("2026-02-16", false), // 除夕, Monday
            ("2026-02-20", false),
            ("2026-02-23", false), // Monday, 初七
            ("2026-02-24", true),
            ("2026-02-28", true),
            // 2024 Spring Festival: 除夕 Feb 9 is officially a working day.
            ("2024-02-09", true),
            ("2024-02-04", true),
            ("2024-02-15", false),
            // 2027 is provisional: fixed-date holidays only.
            ("2027-01-01", false),
            ("2027-01-04", true),
            // Ordinary days outside the table.
            ("2026-11-13", true),
            ("2026-11-14", false),
            ("2030-03-04", true),
        ];
        for (date, working) in cases {
            assert_eq!(cal.is_working_day(day(date)), working, "{date}");
        }
    }

    #[test]
    fn deposits_by_cycle() {
        let cal = Calendar::builtin();
        // 2026-11-12 is a Thursday, 2026-11-13 a Friday, 2026-11-14 a Saturday.
        let cases = [
            ("2026-11-12", "T+1", "2026-11-13"),
            ("2026-11-13", "T+1", "2026-11-16"),
            ("2026-11-14", "T+1", "2026-11-16"),
            ("2026-11-15", "T+1", "2026-11-16"),
            ("2026-11-14", "T+0", "2026-11-16"),
            ("2026-11-12", "T+0", "2026-11-12"),
            ("2026-11-14", "D+1", "2026-11-15"),
            ("2026-11-14", "D+0", "2026-11-14"),
            // National Day 2025: Sept 30 (Tue) clears, T+1 pays on Oct 9 (Thu).
            ("2025-09-30", "T+1", "2025-10-09"),
            ("2025-10-03", "T+1", "2025-10-09"),
            ("2025-10-03", "D+1", "2025-10-04"),
            // The make-up Saturday Oct 11 is a working day: Friday Oct 10 pays on it.
            ("2025-10-10", "T+1", "2025-10-11"),
            ("2025-10-11", "T+0", "2025-10-11"),
            // Spring Festival 2026: Friday Feb 13 pays on the make-up Saturday Feb 14; the
            // holiday's clearing dates pay on Tuesday Feb 24.
            ("2026-02-13", "T+1", "2026-02-14"),
            ("2026-02-14", "T+1", "2026-02-24"),
            ("2026-02-20", "T+1", "2026-02-24"),
            ("2026-02-20", "T+0", "2026-02-24"),
        ];
        for (clearing, cycle, expected) in cases {
            let cycle = Cycle::parse(cycle).unwrap();
            assert_eq!(
                cal.expected_deposit(day(clearing), cycle),
                day(expected),
                "{clearing} {cycle:?}"
            );
        }
    }

    #[test]
    fn working_day_arithmetic() {
        let cal = Calendar::builtin();
        assert_eq!(cal.add_working_days(day("2026-11-13"), 3), day("2026-11-18"));
        assert_eq!(cal.add_working_days(day("2026-11-16"), 0), day("2026-11-16"));
        assert_eq!(cal.add_working_days(day("2025-09-30"), 2), day("2025-10-10"));
        assert_eq!(cal.working_days_between(day("2026-11-13"), day("2026-11-16")), 1);
        assert_eq!(cal.working_days_between(day("2026-11-16"), day("2026-11-13")), -1);
        assert_eq!(cal.working_days_between(day("2025-09-30"), day("2025-10-09")), 1);
    }

    #[test]
    fn user_corrections_win() {
        // A local holiday on a Wednesday, and a Saturday the bank declared a working day.
        let settings = Settings {
            extra_holidays: vec![day("2026-11-18")],
            extra_working_days: vec![day("2026-11-21"), day("2026-02-20")],
            ..Settings::default()
        };
        let cal = Calendar::new(&settings);
        assert!(!cal.is_working_day(day("2026-11-18")));
        assert!(cal.is_working_day(day("2026-11-21")));
        assert!(cal.is_working_day(day("2026-02-20")));
        assert_eq!(cal.expected_deposit(day("2026-11-17"), Cycle::T1), day("2026-11-19"));
        // Nothing off at all still ends.
        let all_off = Settings {
            extra_holidays: (0..100).map(|n| day("2026-12-01") + Duration::days(n)).collect(),
            ..Settings::default()
        };
        let cal = Calendar::new(&all_off);
        assert_eq!(cal.next_working_day(day("2026-12-01")), day("2026-12-02"));
    }

    #[test]
    fn cycles_parse_and_per_merchant_override() {
        for (text, cycle) in [("T+1", Cycle::T1), ("t1", Cycle::T1), (" D + 0 ", Cycle::D0)] {
            assert_eq!(Cycle::parse(text), Some(cycle), "{text}");
        }
        assert_eq!(Cycle::parse("weekly"), None);
        let mut settings = Settings::default();
        settings.settlement_cycle_by_merchant.insert("898440358120014".to_owned(), Cycle::D1);
        assert_eq!(cycle_for(&settings, Some("898440358120014")), Cycle::D1);
        assert_eq!(cycle_for(&settings, Some("other")), Cycle::T1);
        assert_eq!(cycle_for(&settings, None), Cycle::T1);
        settings.settlement_cycle = Cycle::D0;
        assert_eq!(cycle_for(&settings, None), Cycle::D0);
    }
}
