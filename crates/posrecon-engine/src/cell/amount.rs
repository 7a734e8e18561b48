//! Money cells -> integer fen, without ever passing through a float.
//!
//! A float cannot hold 0.1 exactly, and a reconciliation tool that reports "差 0.01 元" because of
//! binary rounding is worse than none, so the decimal string is read digit by digit into `i64` fen.
//! Cells carry all the decoration spreadsheets add: thousands separators (`1,234.56`), currency
//! signs (`¥12.00`, `￥12`, `12元`), accounting negatives (`(3.50)`), trailing minus signs
//! (some bank exports), full-width digits, and the exporters' protective back-tick.
//!
//! The unit is a property of the column, not of the cell: most files write 元 with two decimals,
//! some (乐刷, 扫呗, ERP exports) write integer 分 and say so in the header, `交易金额(分)`.
//! A thousands separator is accepted only where it separates groups of three digits, so `12,34`
//! (a typo, or a European decimal comma) is refused rather than read as 1234 元.

use std::borrow::Cow;

use super::text::unwrap_cell;

/// Unit of an amount column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// 元 with up to two decimals (more are rounded half up to the fen).
    Yuan,
    /// 分: integers.
    Fen,
}

impl Unit {
    /// 分 when the header says so: `交易金额(分)`, `手续费（分）`, `金额/分`, `交易金额分`.
    pub fn from_header(header: &str) -> Unit {
        let h: String = header.chars().filter(|c| !c.is_whitespace()).collect();
        let h = h.to_lowercase();
        let says_fen =
            ["(分)", "（分）", "[分]", "【分】", "/分", "单位:分", "单位：分", "(cents)", "(fen)"]
                .iter()
                .any(|marker| h.contains(marker))
                || (h.ends_with('分') && !h.ends_with("积分") && !h.ends_with("部分"));
        if says_fen { Unit::Fen } else { Unit::Yuan }
    }
}

/// Why an amount cell could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// Not a decimal number.
    NotANumber,
    /// Decimals other than zero in a 分 column.
    FractionOfFen,
    /// More than fits in fen (over a trillion 元).
    TooLarge,
}

impl AmountError {
    /// The typed problem a row note names.
    pub fn problem(self) -> crate::message::Problem {
        use crate::message::Problem;
        match self {
            AmountError::NotANumber => Problem::NotANumber,
            AmountError::FractionOfFen => Problem::FractionOfFen,
            AmountError::TooLarge => Problem::TooLarge,
        }
    }
}

/// Parses a money cell into signed fen; `Ok(None)` for an empty (or placeholder) cell.
pub fn parse_amount(raw: &str, unit: Unit) -> Result<Option<i64>, AmountError> {
    // Nearly every money cell is plain `268.00` or `26800`: nothing to strip or translate, so it
    // is read in place, without the copies the decorated forms need.
    let plain = unwrap_cell(raw);
    if !plain.is_empty() && plain.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return to_fen(plain, false, unit).map(Some);
    }
    let mut s: String = plain
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '－' | '−' => '-',
            '＋' => '+',
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect();
    if s.is_empty() || s == "-" || s == "--" || s == "*" || s == "—" {
        return Ok(None);
    }
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|rest| rest.strip_suffix(')')) {
        negative = true;
        s = inner.to_owned();
    }
    // Signs and currency markers may come in either order: "-¥3.50", "¥-3.50", "3.50元", "3.50-".
    loop {
        let before = s.len();
        for marker in ["¥", "￥", "CNY", "RMB", "cny", "rmb", "人民币", "元"] {
            if let Some(rest) = s.strip_prefix(marker) {
                s = rest.to_owned();
            }
            if let Some(rest) = s.strip_suffix(marker) {
                s = rest.to_owned();
            }
        }
        if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_suffix('-')) {
            negative = !negative;
            s = rest.to_owned();
        } else if let Some(rest) = s.strip_prefix('+') {
            s = rest.to_owned();
        }
        if s.len() == before {
            break;
        }
    }
    to_fen(&s, negative, unit).map(Some)
}

/// A number without signs or currency markers (`1,234.56`) -> signed fen.
fn to_fen(s: &str, negative: bool, unit: Unit) -> Result<i64, AmountError> {
    let (int_part, frac_part) = s.split_once('.').unwrap_or((s, ""));
    let int_digits = integer_digits(int_part).ok_or(AmountError::NotANumber)?;
    if !frac_part.bytes().all(|b| b.is_ascii_digit())
        || (int_digits.is_empty() && frac_part.is_empty())
    {
        return Err(AmountError::NotANumber);
    }
    if int_digits.len() > 15 {
        return Err(AmountError::TooLarge);
    }
    let int_value: i64 = if int_digits.is_empty() {
        0
    } else {
        int_digits.parse().map_err(|_| AmountError::NotANumber)?
    };
    let fen = match unit {
        Unit::Fen => {
            if frac_part.bytes().any(|b| b != b'0') {
                return Err(AmountError::FractionOfFen);
            }
            int_value
        }
        Unit::Yuan => {
            let frac = frac_part.as_bytes();
            let digit = |i: usize| frac.get(i).map_or(0, |b| i64::from(b - b'0'));
            let round_up = i64::from(digit(2) >= 5);
            int_value * 100 + digit(0) * 10 + digit(1) + round_up
        }
    };
    Ok(if negative { -fen } else { fen })
}

/// The digits of an integer part, with thousands separators checked and removed.
fn integer_digits(int_part: &str) -> Option<Cow<'_, str>> {
    if !int_part.contains(',') {
        return int_part.bytes().all(|b| b.is_ascii_digit()).then_some(Cow::Borrowed(int_part));
    }
    let mut groups = int_part.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut digits = first.to_owned();
    for group in groups {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push_str(group);
    }
    Some(Cow::Owned(digits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn amounts() {
        use AmountError::*;
        use Unit::*;
        type Case<'a> = (&'a str, Unit, Result<Option<i64>, AmountError>);
        let cases: &[Case] = &[
            ("268.00", Yuan, Ok(Some(26800))),
            ("1,234.56", Yuan, Ok(Some(123456))),
            ("1,580.00", Yuan, Ok(Some(158000))),
            ("12,345,678.90", Yuan, Ok(Some(1234567890))),
            ("¥12.00", Yuan, Ok(Some(1200))),
            ("￥12", Yuan, Ok(Some(1200))),
            ("12元", Yuan, Ok(Some(1200))),
            ("CNY 1,000", Yuan, Ok(Some(100000))),
            ("-3.50", Yuan, Ok(Some(-350))),
            ("+3.50", Yuan, Ok(Some(350))),
            ("(3.50)", Yuan, Ok(Some(-350))),
            ("（3.50）", Yuan, Ok(Some(-350))),
            ("-¥3.50", Yuan, Ok(Some(-350))),
            ("¥-3.50", Yuan, Ok(Some(-350))),
            ("3.50-", Yuan, Ok(Some(-350))),
            ("12.3", Yuan, Ok(Some(1230))),
            ("12", Yuan, Ok(Some(1200))),
            ("12.", Yuan, Ok(Some(1200))),
            (".5", Yuan, Ok(Some(50))),
            ("0.00000", Yuan, Ok(Some(0))),
            ("1.02", Yuan, Ok(Some(102))),
            ("1.0184", Yuan, Ok(Some(102))),
            ("1.015", Yuan, Ok(Some(102))),
            ("1.0149", Yuan, Ok(Some(101))),
            ("０.０１", Yuan, Ok(Some(1))),
            ("`0.01", Yuan, Ok(Some(1))),
            ("=\"268.00\"", Yuan, Ok(Some(26800))),
            ("500", Fen, Ok(Some(500))),
            ("500.00", Fen, Ok(Some(500))),
            ("-2", Fen, Ok(Some(-2))),
            ("", Yuan, Ok(None)),
            ("  ", Yuan, Ok(None)),
            ("-", Yuan, Ok(None)),
            ("12,3x", Yuan, Err(NotANumber)),
            ("12,34", Yuan, Err(NotANumber)),
            ("1,2345.00", Yuan, Err(NotANumber)),
            (",123", Yuan, Err(NotANumber)),
            ("1.2E+3", Yuan, Err(NotANumber)),
            ("abc", Yuan, Err(NotANumber)),
            (".", Yuan, Err(NotANumber)),
            ("1.2.3", Yuan, Err(NotANumber)),
            ("12.5", Fen, Err(FractionOfFen)),
            ("12345678901234567", Yuan, Err(TooLarge)),
        ];
        for (cell, unit, expected) in cases {
            assert_eq!(parse_amount(cell, *unit), *expected, "{cell:?} {unit:?}");
        }
    }

    #[test]
    fn units_from_headers() {
        let cases: &[(&str, Unit)] = &[
            ("交易金额", Unit::Yuan),
            ("交易金额(元)", Unit::Yuan),
            ("交易金额(分)", Unit::Fen),
            ("手续费（分）", Unit::Fen),
            ("结算金额/分", Unit::Fen),
            ("交易金额分", Unit::Fen),
            ("金额 (单位:分)", Unit::Fen),
            ("Amount (cents)", Unit::Fen),
            ("发生额/元", Unit::Yuan),
            ("Amount", Unit::Yuan),
        ];
        for (header, unit) in cases {
            assert_eq!(Unit::from_header(header), *unit, "{header}");
        }
    }

    /// Formats fen the way statements do: optional minus, thousands separators, two decimals.
    fn format_fen(fen: i64, separators: bool, symbol: &str) -> String {
        let (sign, abs) = if fen < 0 { ("-", -fen) } else { ("", fen) };
        let int = (abs / 100).to_string();
        let int = if separators {
            let bytes = int.as_bytes();
            let mut out = String::new();
            for (i, b) in bytes.iter().enumerate() {
                if i > 0 && (bytes.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(char::from(*b));
            }
            out
        } else {
            int
        };
        format!("{sign}{symbol}{int}.{:02}", abs % 100)
    }

    proptest! {
        #[test]
        fn formatted_fen_round_trips(
            fen in -100_000_000_000i64..100_000_000_000,
            separators: bool,
            symbol in prop::sample::select(vec!["", "¥", "￥"]),
        ) {
            let cell = format_fen(fen, separators, symbol);
            prop_assert_eq!(parse_amount(&cell, Unit::Yuan), Ok(Some(fen)), "{}", cell);
        }

        #[test]
        fn integer_fen_round_trips(fen in -1_000_000_000_000i64..1_000_000_000_000) {
            prop_assert_eq!(parse_amount(&fen.to_string(), Unit::Fen), Ok(Some(fen)));
        }

        #[test]
        fn never_panics(cell in "\\PC{0,20}") {
            let _ = parse_amount(&cell, Unit::Yuan);
            let _ = parse_amount(&cell, Unit::Fen);
        }
    }
}
