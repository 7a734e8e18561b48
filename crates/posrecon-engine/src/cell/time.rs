//! Dates and times as written in statement cells -> chrono values.
//!
//! Exports disagree on everything: `2026-11-05 14:03:22`, `2026/11/5 9:03`, `20261105140322`
//! (拉卡拉), `2026-11-05T14:03:22`, `2026年11月05日 14:03:22`, and files that split the date and
//! the time of day into two columns (通联: 交易日期 + 交易时间). Rather than trying a long list of
//! chrono format strings (which still miss unpadded months or seconds-less times), a cell is split
//! into a date part and a time part and each is read by a small tolerant parser. chrono then
//! validates the calendar, so `2026-02-30` is refused.
//!
//! The same parser classifies columns during ingest: a header "交易时间" holds a full timestamp in
//! one file and only `HH:MM:SS` in another, and only the data can tell.

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::text::unwrap_cell;

/// What a temporal cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Temporal {
    /// Date and time of day.
    DateTime(NaiveDateTime),
    /// A date only.
    Date(NaiveDate),
    /// A time of day only.
    TimeOfDay(NaiveTime),
}

/// Reads a date, a time of day, or both from one cell.
pub fn parse_temporal(raw: &str) -> Option<Temporal> {
    if let Some(plain) = plain_datetime(raw) {
        return plain.map(Temporal::DateTime);
    }
    let cleaned = canonical(raw);
    let (first, second) = one_or_two_words(&cleaned)?;
    match second {
        Some(time) => Some(Temporal::DateTime(date_part(first)?.and_time(time_part(time)?))),
        None if first.bytes().all(|b| b.is_ascii_digit()) => match first.len() {
            14 | 12 => {
                Some(Temporal::DateTime(date_part(&first[..8])?.and_time(time_part(&first[8..])?)))
            }
            8 => date_part(first).map(Temporal::Date),
            5 | 6 => time_part(first).map(Temporal::TimeOfDay),
            _ => None,
        },
        None if first.contains(':') => time_part(first).map(Temporal::TimeOfDay),
        None => date_part(first).map(Temporal::Date).or_else(|| {
            // `45970.4180` is an Excel serial with a time of day; a whole `45970` stays ambiguous
            // with `HMMSS` here and is read as a date only where a date is expected.
            let serial = excel_serial(first)?;
            first.contains('.').then_some(Temporal::DateTime(serial))
        }),
    }
}

/// `2026-11-05 14:03:22` exactly, the way most exports write a time and every row of a file
/// repeats it: read byte by byte, `Some(None)` when it is not a real date and time (as the general
/// path says), `None` when the cell is written any other way. The general path splits words,
/// then pieces, then parses each; at a million rows that was a tenth of reading.
fn plain_datetime(cell: &str) -> Option<Option<NaiveDateTime>> {
    let b: &[u8; 19] = cell.as_bytes().try_into().ok()?;
    let digit = |i: usize| b[i].is_ascii_digit();
    let shape = (0..4).chain([5, 6, 8, 9, 11, 12, 14, 15, 17, 18]).all(digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b' '
        && b[13] == b':'
        && b[16] == b':';
    if !shape {
        return None;
    }
    let two = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
    let year = two(0) * 100 + two(2);
    if !(1990..2100).contains(&year) {
        return Some(None);
    }
    let date = NaiveDate::from_ymd_opt(year as i32, two(5), two(8));
    let time = NaiveTime::from_hms_opt(two(11), two(14), two(17));
    Some(date.zip(time).map(|(date, time)| date.and_time(time)))
}

/// A cell that must hold a date and a time of day.
pub fn parse_datetime(raw: &str) -> Option<NaiveDateTime> {
    match parse_temporal(raw)? {
        Temporal::DateTime(t) => Some(t),
        _ => None,
    }
}

/// A cell that must hold a date. A timestamp also gives its date (some files write 清算日期 as
/// `2026-11-06 00:00:00`).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    match parse_temporal(raw) {
        Some(Temporal::Date(d)) => Some(d),
        Some(Temporal::DateTime(t)) => Some(t.date()),
        // A whole Excel serial where a date is expected (`45970` = 2025-11-09).
        Some(Temporal::TimeOfDay(_)) | None => excel_serial(raw).map(|t| t.date()),
    }
}

/// An Excel serial date: days since 1899-12-30 (the 1900 date system, right for every date after
/// February 1900), with an optional fraction of a day for the time. Only serials between 20000
/// and 80000 (1954..2119) are accepted, so that a small number is never taken for a date. The
/// fraction is read as decimal digits and rounded to the second without floating point.
pub fn excel_serial(raw: &str) -> Option<NaiveDateTime> {
    let s = unwrap_cell(raw);
    let (int_part, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if int_part.len() != 5 || !digits(int_part) || !digits(frac) || frac.len() > 12 {
        return None;
    }
    let days: i64 = int_part.parse().ok()?;
    if !(20_000..=80_000).contains(&days) {
        return None;
    }
    let scale = 10u64.pow(frac.len() as u32);
    let fraction: u64 = if frac.is_empty() { 0 } else { frac.parse().ok()? };
    let seconds = (fraction * 86_400 * 2 + scale) / (2 * scale);
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_time(NaiveTime::MIN);
    epoch.checked_add_signed(
        chrono::Duration::days(days) + chrono::Duration::seconds(seconds as i64),
    )
}

/// A date written without its year, as ISO 8583 fields 13/15 (`MMDD`) and 7 (`MMDDhhmmss`) and
/// some terminals print it: `0511`, `05-11`, `05/11`, `5月11日`, `0511090102`, `05-11 09:01:02`.
/// Gives month, day and the time of day when there is one.
pub fn parse_month_day(raw: &str) -> Option<(u32, u32, Option<NaiveTime>)> {
    let cleaned = canonical(raw);
    let (first, second) = one_or_two_words(&cleaned)?;
    let all_digits = first.bytes().all(|b| b.is_ascii_digit());
    let (month, day, time) = if all_digits && first.len() == 4 && second.is_none() {
        (number(&first[..2])?, number(&first[2..])?, None)
    } else if all_digits && first.len() == 10 && second.is_none() {
        (number(&first[..2])?, number(&first[2..4])?, Some(time_part(&first[4..])?))
    } else if !all_digits {
        let mut pieces = first.split(['-', '/']);
        let m = pieces.next()?;
        let d = pieces.next()?;
        if pieces.next().is_some() || m.len() > 2 || d.len() > 2 {
            return None;
        }
        let time = match second {
            Some(t) => Some(time_part(t)?),
            None => None,
        };
        (number(m)?, number(d)?, time)
    } else {
        return None;
    };
    // Validate against a leap year so that 0229 is accepted here and decided by the year.
    NaiveDate::from_ymd_opt(2024, month, day)?;
    Some((month, day, time))
}

/// The year of a `MMDD` date: the one that puts it nearest `reference` (the file's period or
/// today), so a December date in a file whose period is in January falls in the previous year,
/// and a January date in a December file in the next.
pub fn infer_year(month: u32, day: u32, reference: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    let year = reference.year();
    [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (d.signed_duration_since(reference).num_days().abs(), *d))
}

/// A cell that must hold a time of day; also accepts `HHMM` and `HMMSS` (Excel drops the leading
/// zero of `090322`).
pub fn parse_time_of_day(raw: &str) -> Option<NaiveTime> {
    let cleaned = canonical(raw);
    let cleaned = cleaned.trim();
    if cleaned.len() == 4 && cleaned.bytes().all(|b| b.is_ascii_digit()) {
        return time_part(cleaned);
    }
    match parse_temporal(cleaned)? {
        Temporal::TimeOfDay(t) => Some(t),
        _ => None,
    }
}

/// The first word of `s` and the second if there is one; `None` when `s` is blank or has more
/// than two words.
fn one_or_two_words(s: &str) -> Option<(&str, Option<&str>)> {
    let mut parts = s.split_whitespace();
    let first = parts.next()?;
    let second = parts.next();
    if parts.next().is_some() {
        return None;
    }
    Some((first, second))
}

/// ASCII-only, Chinese date words turned into separators, `T` turned into a space.
///
/// Most cells (`2026-11-05 14:03:22`, `18:00:44`) are already canonical and are returned as they
/// are: every time cell of every row passes here, often twice.
fn canonical(raw: &str) -> Cow<'_, str> {
    let cell = unwrap_cell(raw);
    if is_canonical(cell) { Cow::Borrowed(cell) } else { Cow::Owned(rewrite(cell)) }
}

/// Whether [`rewrite`] would give `cell` back unchanged: ASCII without `T`, words separated by
/// single spaces, no word ending in `:` or `-`, nothing before the first word or after the last.
fn is_canonical(cell: &str) -> bool {
    let bytes = cell.as_bytes();
    let word_end = |i: usize| i + 1 == bytes.len() || bytes[i + 1] == b' ';
    !bytes.is_empty()
        && bytes[0] != b' '
        && bytes.iter().enumerate().all(|(i, &b)| match b {
            b' ' => i + 1 < bytes.len() && bytes[i + 1] != b' ',
            b':' | b'-' => !word_end(i),
            b'T' | b'\t'..=b'\r' => false,
            b => b.is_ascii(),
        })
}

/// The slow path of [`canonical`], for cells that need rewriting.
fn rewrite(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for c in cell.chars() {
        match c {
            '年' | '月' => out.push('-'),
            '日' => out.push(' '),
            '时' | '點' | '点' | '：' => out.push(':'),
            '分' => out.push(':'),
            '秒' => {}
            'T' => out.push(' '),
            '０'..='９' => out.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            '／' => out.push('/'),
            '－' => out.push('-'),
            '\u{3000}' => out.push(' '),
            c => out.push(c),
        }
    }
    // "14时03分22秒" became "14:03:22" but "14时03分" became "14:03:"; a trailing separator is noise.
    out.split_whitespace()
        .map(|part| part.trim_end_matches([':', '-']))
        .collect::<Vec<_>>()
        .join(" ")
}

fn number(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `2026-11-05`, `2026/11/5`, `2026.11.05`, `20261105`. Years outside 1990..2100 are refused so
/// that an 8-digit STAN or amount is never mistaken for a date.
fn date_part(s: &str) -> Option<NaiveDate> {
    let (y, m, d) = if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        (number(&s[..4])?, number(&s[4..6])?, number(&s[6..])?)
    } else {
        let mut pieces = s.split(['-', '/', '.']);
        let y = pieces.next()?;
        let m = pieces.next()?;
        let d = pieces.next()?;
        if pieces.next().is_some() || y.len() != 4 {
            return None;
        }
        (number(y)?, number(m)?, number(d)?)
    };
    if !(1990..2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// `14:03:22`, `9:03`, `14:03:22.123`, `140322`, `90322`, `1403`.
fn time_part(s: &str) -> Option<NaiveTime> {
    let s = s.split('.').next()?;
    let (h, m, sec) = if s.bytes().all(|b| b.is_ascii_digit()) {
        match s.len() {
            6 => (number(&s[..2])?, number(&s[2..4])?, number(&s[4..])?),
            5 => (number(&s[..1])?, number(&s[1..3])?, number(&s[3..])?),
            4 => (number(&s[..2])?, number(&s[2..])?, 0),
            _ => return None,
        }
    } else {
        let mut pieces = s.split(':');
        let h = pieces.next()?;
        let m = pieces.next()?;
        let sec = pieces.next();
        if pieces.next().is_some() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        let sec = match sec {
            Some(sec) if sec.len() == 2 => number(sec)?,
            Some(_) => return None,
            None => 0,
        };
        (number(h)?, number(m)?, sec)
    };
    NaiveTime::from_hms_opt(h, m, sec)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn plain_timestamps_read_as_the_general_path_reads_them() {
        let general = |raw: &str| {
            let cleaned = canonical(raw);
            let (first, second) = one_or_two_words(&cleaned)?;
            Some(Temporal::DateTime(date_part(first)?.and_time(time_part(second?)?)))
        };
        let cells = [
            "2026-11-05 14:03:22",
            "2026-01-01 00:00:00",
            "2099-12-31 23:59:59",
            "1990-01-01 00:00:00",
            "1989-12-31 23:59:59",
            "2100-01-01 00:00:00",
            "2024-02-29 12:00:00",
            "2026-02-29 12:00:00",
            "2026-13-01 12:00:00",
            "2026-00-10 12:00:00",
            "2026-11-31 12:00:00",
            "2026-11-05 24:00:00",
            "2026-11-05 23:60:00",
            "2026-11-05 23:59:60",
            "0000-00-00 00:00:00",
        ];
        for cell in cells {
            assert!(plain_datetime(cell).is_some(), "{cell}");
            assert_eq!(
                plain_datetime(cell).flatten().map(Temporal::DateTime),
                general(cell),
                "{cell}"
            );
            assert_eq!(parse_temporal(cell), general(cell), "{cell}");
        }
        for other in [
            "2026-11-05T14:03:22",
            "2026/11/05 14:03:22",
            " 2026-11-05 14:03:2",
            "2026-11-05 14:03",
        ] {
            assert_eq!(plain_datetime(other), None, "{other}");
        }
    }

    #[test]
    fn temporal_cells() {
        use Temporal::*;
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let t = |h, m, s| NaiveTime::from_hms_opt(h, m, s).unwrap();
        let cases: &[(&str, Option<Temporal>)] = &[
            ("2026-11-05 14:03:22", Some(DateTime(dt("2026-11-05 14:03:22")))),
            ("2026/11/05 14:03:22", Some(DateTime(dt("2026-11-05 14:03:22")))),
            ("2026/11/5 9:03", Some(DateTime(dt("2026-11-05 09:03:00")))),
            ("2026.11.05 14:03:22", Some(DateTime(dt("2026-11-05 14:03:22")))),
            ("20261105140322", Some(DateTime(dt("2026-11-05 14:03:22")))),
            ("202611051403", Some(DateTime(dt("2026-11-05 14:03:00")))),
            ("2026-11-05T14:03:22", Some(DateTime(dt("2026-11-05 14:03:22")))),
            ("2026-11-05 14:03:22.250", Some(DateTime(dt("2026-11-05 14:03:22")))),
            ("2026年11月05日 14:03:22", Some(DateTime(dt("2026-11-05 14:03:22")))),
            ("2026年11月5日 14时03分22秒", Some(DateTime(dt("2026-11-05 14:03:22")))),
            ("  '2026-11-05 14:03:22 ", Some(DateTime(dt("2026-11-05 14:03:22")))),
            ("=\"20261105\"", Some(Date(d(2026, 11, 5)))),
            ("2026-11-05", Some(Date(d(2026, 11, 5)))),
            ("20261105", Some(Date(d(2026, 11, 5)))),
            ("2026/11/5", Some(Date(d(2026, 11, 5)))),
            ("2026年11月5日", Some(Date(d(2026, 11, 5)))),
            ("14:03:22", Some(TimeOfDay(t(14, 3, 22)))),
            ("9:03", Some(TimeOfDay(t(9, 3, 0)))),
            ("140322", Some(TimeOfDay(t(14, 3, 22)))),
            ("90322", Some(TimeOfDay(t(9, 3, 22)))),
            ("2026-02-30", None),
            ("2026-11-05 25:00:00", None),
            ("12345678", None),
            ("001001", Some(TimeOfDay(t(0, 10, 1)))),
            ("268.00", None),
            ("abc", None),
            ("", None),
            ("2026-11-05 14:03:22 extra", None),
            ("14:3", None),
        ];
        for (cell, expected) in cases {
            assert_eq!(parse_temporal(cell), *expected, "{cell:?}");
        }
    }

    #[test]
    fn excel_serials_and_dates_without_year() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(excel_serial("45970"), Some(dt("2025-11-09 00:00:00")));
        assert_eq!(excel_serial("45943.5"), Some(dt("2025-10-13 12:00:00")));
        assert_eq!(excel_serial("45970.41818287"), Some(dt("2025-11-09 10:02:11")));
        assert_eq!(excel_serial("268.00"), None);
        assert_eq!(excel_serial("90322"), None);
        assert_eq!(parse_date("45970"), Some(d("2025-11-09")));
        assert_eq!(parse_temporal("45970.5"), Some(Temporal::DateTime(dt("2025-11-09 12:00:00"))));
        let t = |h, m, s| NaiveTime::from_hms_opt(h, m, s);
        assert_eq!(parse_month_day("0511"), Some((5, 11, None)));
        assert_eq!(parse_month_day("1231235959"), Some((12, 31, t(23, 59, 59))));
        assert_eq!(parse_month_day("5月11日 09:01:02"), Some((5, 11, t(9, 1, 2))));
        assert_eq!(parse_month_day("05/11"), Some((5, 11, None)));
        assert_eq!(parse_month_day("0229"), Some((2, 29, None)));
        assert_eq!(parse_month_day("1332"), None);
        assert_eq!(parse_month_day("2026-05-11"), None);
        assert_eq!(infer_year(12, 31, d("2026-01-05")), Some(d("2025-12-31")));
        assert_eq!(infer_year(1, 2, d("2025-12-28")), Some(d("2026-01-02")));
        assert_eq!(infer_year(5, 11, d("2026-05-31")), Some(d("2026-05-11")));
        assert_eq!(infer_year(2, 29, d("2026-03-01")), None);
        assert_eq!(infer_year(2, 29, d("2028-01-10")), Some(d("2028-02-29")));
    }

    proptest::proptest! {
        /// A date written without its year comes back as itself when the reference lies within
        /// five months of it, across every New Year.
        #[test]
        fn year_inference_round_trips(days in 0i64..20_000, offset in -150i64..150) {
            use chrono::Datelike;
            let date = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Duration::days(days);
            let reference = date + chrono::Duration::days(offset);
            let text = format!("{:02}{:02}", date.month(), date.day());
            let (m, day, _) = parse_month_day(&text).unwrap();
            proptest::prop_assert_eq!(infer_year(m, day, reference), Some(date));
        }

        /// Every serial with a fraction of up to 8 digits reads back as the moment it encodes,
        /// to the nearest second.
        #[test]
        fn excel_serials_round_trip(days in 20_000i64..80_000, seconds in 0i64..86_400) {
            let fraction = (seconds * 100_000_000 + 43_200) / 86_400;
            let text = format!("{days}.{fraction:08}");
            let expected = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap().and_time(NaiveTime::MIN)
                + chrono::Duration::days(days)
                + chrono::Duration::seconds(seconds);
            let got = excel_serial(&text).unwrap();
            proptest::prop_assert!((got - expected).num_seconds().abs() <= 1, "{text}: {got} vs {expected}");
        }
    }

    #[test]
    fn typed_entry_points() {
        assert_eq!(parse_datetime("2026-11-05"), None);
        assert_eq!(parse_date("2026-11-06 00:00:00"), NaiveDate::from_ymd_opt(2026, 11, 6));
        assert_eq!(parse_date("14:03:22"), None);
        assert_eq!(parse_time_of_day("1403"), NaiveTime::from_hms_opt(14, 3, 0));
        assert_eq!(parse_time_of_day("2026-11-05"), None);
    }
}
