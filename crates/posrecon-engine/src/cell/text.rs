//! Identifier and card cells -> clean strings.
//!
//! Spreadsheets mangle long numbers (a 15-digit 商户号 becomes `8.98440E+14`), so exporters protect
//! them: a leading apostrophe or back-tick (WeChat Pay and many aggregators put "`" before every
//! value), or an Excel formula `="000012"`. Those wrappers are never part of the value. Placeholders
//! such as `*` or `-` mean "not applicable" (乐刷 writes `*` where a QR payment has no 参考号).
//!
//! Card numbers are privacy data: the engine only ever carries them masked to at most the first 6
//! and last 4 digits, whatever the file contains. A full PAN keeps its length, with stars in the
//! middle, so it still looks like the masked numbers of other files (`622202*********0123`).

/// Removes spreadsheet protection around a value: surrounding whitespace, `="..."`, a leading
/// apostrophe or back-tick, and a leading tab.
pub fn unwrap_cell(raw: &str) -> &str {
    // Most cells of all are ASCII at both ends (dates, amounts, ids): two bytes say so.
    if let (Some(&first), Some(&last)) = (raw.as_bytes().first(), raw.as_bytes().last())
        && first.is_ascii_graphic()
        && last.is_ascii_graphic()
        && !matches!(first, b'=' | b'\'' | b'`')
    {
        return raw;
    }
    // Most cells carry no wrapper at all: when neither end is whitespace or a BOM and the cell
    // does not open with `=`, `'` or a back-tick, nothing below would change it. Runs for every
    // cell of every row, several times, so this check costs two character decodes, no search.
    let bare = |c: char| !c.is_whitespace() && c != '\u{feff}';
    if let (Some(first), Some(last)) = (raw.chars().next(), raw.chars().next_back())
        && bare(first)
        && bare(last)
        && !matches!(first, '=' | '\'' | '`')
    {
        return raw;
    }
    let mut s = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if let Some(inner) = s.strip_prefix("=\"").and_then(|rest| rest.strip_suffix('"')) {
        s = inner.trim();
    }
    if let Some(rest) = s.strip_prefix(['\'', '`']) {
        s = rest.trim();
    }
    s
}

/// An identifier cell (商户号, 终端号, 凭证号, ...): unwrapped, with placeholders meaning "none".
pub fn identifier(raw: &str) -> Option<String> {
    identifier_str(raw).map(str::to_owned)
}

/// [`identifier`] as a slice of the cell, for readers that copy only what they keep.
pub(crate) fn identifier_str(raw: &str) -> Option<&str> {
    let s = unwrap_cell(raw);
    let placeholder = s.is_empty()
        || s.chars().all(|c| matches!(c, '*' | '-' | '—' | '－' | '/'))
        || ["n/a", "na", "null", "none", "无"].iter().any(|p| s.eq_ignore_ascii_case(p));
    (!placeholder).then_some(s)
}

/// A card cell, masked to at most the first 6 and last 4 digits.
///
/// Spaces and dashes inside the number go; `x`, `X`, `#` and `•` mask characters become `*`, so
/// masked numbers from different files look alike. When more than ten digits are visible, every
/// digit after the sixth and before the last four becomes `*`.
pub fn mask_card(raw: &str) -> Option<crate::model::Id> {
    let s = identifier_str(raw)?;
    // Nearly every card cell is digits and stars already (`623668******7180`): with at most ten
    // digits showing there is nothing to change, and the cell is copied as it is.
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'*')
        && s.bytes().filter(u8::is_ascii_digit).count() <= 10
    {
        return Some(crate::model::Id::from(s));
    }
    // Two passes over the cell (count the digits, then write), one allocation: every row of a
    // terminal log has a card cell.
    let kept = || {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| if matches!(c, 'x' | 'X' | '#' | '•' | '●' | '＊') { '*' } else { c })
    };
    let digits = kept().filter(char::is_ascii_digit).count();
    let mut masked = crate::model::Id::with_capacity(s.len());
    let mut seen = 0;
    for c in kept() {
        if c.is_ascii_digit() {
            seen += 1;
            if digits > 10 && seen > 6 && seen <= digits - 4 {
                masked.push('*');
                continue;
            }
        }
        masked.push(c);
    }
    Some(masked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        let cases: &[(&str, Option<&str>)] = &[
            (" 10086602 ", Some("10086602")),
            ("'898440358120014", Some("898440358120014")),
            ("`4200001234567890", Some("4200001234567890")),
            ("=\"000012\"", Some("000012")),
            ("=\"'001001\"", Some("001001")),
            ("\t309140500101", Some("309140500101")),
            ("", None),
            ("  ", None),
            ("*", None),
            ("-", None),
            ("—", None),
            ("--", None),
            ("N/A", None),
            ("null", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(identifier(raw).as_deref(), *expected, "{raw:?}");
        }
    }

    #[test]
    fn cards() {
        let cases: &[(&str, Option<&str>)] = &[
            ("6222021234567890123", Some("622202*********0123")),
            ("6222 0212 3456 7890 123", Some("622202*********0123")),
            ("4367421234565521", Some("436742******5521")),
            ("6222021234567", Some("622202***4567")),
            ("621226******8429", Some("621226******8429")),
            ("6212****8429", Some("6212****8429")),
            ("6212xxxxxx8429", Some("6212******8429")),
            ("'621226******8429", Some("621226******8429")),
            // Masked, but more visible digits than allowed: masked further.
            ("6212261234**8429", Some("621226******8429")),
            ("8429", Some("8429")),
            ("", None),
            ("*", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(mask_card(raw).as_deref(), *expected, "{raw:?}");
        }
    }
}
