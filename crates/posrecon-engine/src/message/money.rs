//! Money as the report writes it in prose: `1,580.00 元` / `CNY 1,580.00`.
//!
//! The one formatter of money for people, in the lowest leaf that words things, so every stage
//! and every output (messages, findings, the file cards, the exports) writes money the same way.

use crate::config::Lang;

/// `158000` -> `1,580.00`; negative amounts keep their sign.
pub(crate) fn yuan(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::new();
    for (pos, ch) in whole.chars().enumerate() {
        if pos > 0 && (whole.len() - pos).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{sign}{grouped}.{:02}", abs % 100)
}

/// `1,580.00 元` in Chinese, `CNY 1,580.00` in English.
pub(crate) fn money(lang: Lang, cents: i64) -> String {
    match lang {
        Lang::Zh => format!("{} 元", yuan(cents)),
        Lang::En => format!("CNY {}", yuan(cents)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_in_yuan_with_two_decimals() {
        assert_eq!(money(Lang::Zh, 0), "0.00 元");
        assert_eq!(money(Lang::Zh, 158_000), "1,580.00 元");
        assert_eq!(money(Lang::En, 100_000_000), "CNY 1,000,000.00");
        assert_eq!(money(Lang::Zh, 123_456_789), "1,234,567.89 元");
        assert_eq!(money(Lang::En, -5), "CNY -0.05");
    }
}
