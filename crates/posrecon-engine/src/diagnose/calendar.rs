//! Working days and settlement cycles.
//!
//! Expected deposit dates depend on the settlement cycle: T+1 pays on the next working day after
//! the clearing date (a Friday, Saturday or Sunday clearing pays on Monday), D+1 on the next
//! calendar day. Escalation advice counts working days too, because acquirers and banks handle
//! complaints on working days only.
//!
//! For now a working day is Monday to Friday. Public holidays and the make-up working weekends
//! (调休) differ every year; they belong in the two tables below so the rest of the engine never
//! changes when they are added.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Public holidays that fall on weekdays (no working day). Empty until the calendar is filled in.
const HOLIDAYS: &[(i32, u32, u32)] = &[];

/// Weekend days that are working days (调休). Empty until the calendar is filled in.
const MAKEUP_WORKING_DAYS: &[(i32, u32, u32)] = &[];

fn listed(table: &[(i32, u32, u32)], date: NaiveDate) -> bool {
    table.iter().any(|&(y, m, d)| (date.year(), date.month(), date.day()) == (y, m, d))
}

/// Whether banks settle on this date.
pub(crate) fn is_working_day(date: NaiveDate) -> bool {
    if listed(MAKEUP_WORKING_DAYS, date) {
        return true;
    }
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !listed(HOLIDAYS, date)
}

/// The `n`-th working day strictly after `date` (`n = 0` gives `date` itself).
pub(crate) fn add_working_days(date: NaiveDate, n: u32) -> NaiveDate {
    let mut day = date;
    let mut left = n;
    while left > 0 {
        day += Duration::days(1);
        if is_working_day(day) {
            left -= 1;
        }
    }
    day
}

/// When the net amount of a clearing date should reach the merchant's bank account.
///
/// `T+1` (and anything not recognised): next working day. `T+0`: the same day when it is a working
/// day, else the next one. `D+1`: next calendar day. `D+0`: the same day.
pub(crate) fn expected_deposit(clearing_date: NaiveDate, cycle: &str) -> NaiveDate {
    match cycle.trim().to_ascii_uppercase().as_str() {
        "T+0" | "T0" if is_working_day(clearing_date) => clearing_date,
        "T+0" | "T0" => add_working_days(clearing_date, 1),
        "D+1" | "D1" => clearing_date + Duration::days(1),
        "D+0" | "D0" => clearing_date,
        _ => add_working_days(clearing_date, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn deposits_by_cycle() {
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
            ("2026-11-13", "weird", "2026-11-16"),
        ];
        for (clearing, cycle, expected) in cases {
            assert_eq!(expected_deposit(day(clearing), cycle), day(expected), "{clearing} {cycle}");
        }
    }

    #[test]
    fn working_days_skip_weekends() {
        assert_eq!(add_working_days(day("2026-11-13"), 3), day("2026-11-18"));
        assert_eq!(add_working_days(day("2026-11-16"), 0), day("2026-11-16"));
    }
}
