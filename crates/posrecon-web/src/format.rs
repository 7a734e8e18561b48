//! Money and time formatting for display.

use chrono::NaiveDateTime;

/// Formats fen as yuan with thousands separators: `158000` -> `"1,580.00"`.
pub fn yuan(cents: i64) -> String {
    let abs = cents.unsigned_abs();
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", count(abs / 100), abs % 100)
}

/// A count with thousands separators: `6729` -> `"6,729"`.
pub fn count(n: u64) -> String {
    let whole = n.to_string();
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (idx, digit) in whole.chars().enumerate() {
        if idx > 0 && (whole.len() - idx).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// `2026-11-05 14:05:41`, the way statements print times.
pub fn time(t: &NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Human file size: `812 B`, `12.3 KB`, `4.1 MB`.
///
/// Integer arithmetic only: float formatting would add its own code to the page's wasm.
pub fn file_size(bytes: u64) -> String {
    let (unit, scale) = match bytes {
        0..1024 => return format!("{bytes} B"),
        1024..1_048_576 => ("KB", 1024),
        _ => ("MB", 1_048_576),
    };
    let tenths = (u128::from(bytes) * 10 + scale / 2) / scale;
    format!("{}.{} {unit}", tenths / 10, tenths % 10)
}

/// A 0..1 share as a whole percentage: `0.934` -> `"93%"`.
pub fn percent(share: f64) -> String {
    let whole = (share.clamp(0.0, 1.0) * 100.0).round() as u32;
    format!("{whole}%")
}

/// A 0..1 rate with two decimals of a percent, for drop rates: `0.0206` -> `"2.06%"`,
/// `0.003` -> `"0.30%"`. Integer formatting only, like [`file_size`].
pub fn rate(share: f64) -> String {
    let hundredths = (share.clamp(0.0, 1.0) * 10_000.0).round() as u32;
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_groups_thousands_and_keeps_two_decimals() {
        assert_eq!(yuan(0), "0.00");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(158000), "1,580.00");
        assert_eq!(yuan(9_999_999), "99,999.99");
        assert_eq!(
            (count(0), count(999), count(6_729), count(1_000_000)),
            ("0".into(), "999".into(), "6,729".into(), "1,000,000".into())
        );
        assert_eq!(yuan(12_345_678_901), "123,456,789.01");
        assert_eq!(yuan(-4200), "-42.00");
        assert_eq!(yuan(i64::MIN), "-92,233,720,368,547,758.08");
    }

    #[test]
    fn time_is_statement_style() {
        let t = NaiveDateTime::parse_from_str("2026-11-05T14:05:41", "%Y-%m-%dT%H:%M:%S").unwrap();
        assert_eq!(time(&t), "2026-11-05 14:05:41");
    }

    #[test]
    fn file_size_units() {
        assert_eq!(file_size(812), "812 B");
        assert_eq!(file_size(12_595), "12.3 KB");
        assert_eq!(file_size(4_300_000), "4.1 MB");
        assert_eq!(file_size(1023), "1023 B");
        assert_eq!(file_size(1024), "1.0 KB");
    }

    #[test]
    fn percent_rounds_to_whole() {
        assert_eq!(percent(0.934), "93%");
        assert_eq!(percent(0.935), "94%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(-0.2), "0%");
    }

    #[test]
    fn rate_keeps_two_decimals() {
        assert_eq!(rate(0.0206), "2.06%");
        assert_eq!(rate(0.003), "0.30%");
        assert_eq!(rate(0.0), "0.00%");
        assert_eq!(rate(1.0), "100.00%");
    }
}
