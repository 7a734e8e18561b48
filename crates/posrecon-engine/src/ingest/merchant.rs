//! The merchant a file names, as the file gives it: 商户名称 and 商户号 from the lines above the
//! header and from the table's columns, into `Input.merchant` (the report unites the files').
//!
//! A case sheet sent to the acquirer must say which merchant it is about in the acquirer's own
//! words, and exports already say it: a terminal log opens with `商户名称：示例便利店,商户号：
//! 898440358120014`, a bank statement with `账号：4000… 户名：示例便利店`, an acquirer statement
//! has 商户号 (and sometimes 商户名称) columns. The header search skips those preamble lines; this
//! module reads them, after the header is found (the lines above it are the preamble).
//!
//! A preamble line is `label：value` pairs: full-width or ASCII colons, pairs separated by commas,
//! semicolons, tabs or `|` (the reader may already have split the line into cells at the file's
//! delimiter), or by spaces (`账号：4000… 户名：示例便利店`: the label is the last word before the
//! colon, or the last two or three words when together they are a known label, `Merchant Name:`).
//! A label alone in a cell takes the next cell as its value (`商户号：` | `898440358120014`, as a
//! workbook writes it). A colon between two digits is a time (`10:05:33`), not a pair. Values in
//! brackets (`[…]`, `【…】`) lose them. Labels are compared as header names are (`header::key`:
//! case, spaces, punctuation and bracketed parts do not count); 商户号's labels are the 商户号
//! column's synonyms. Anything else in the preamble names nothing, and a preamble that names
//! nothing is fine: reading never fails on it.
//!
//! 户名 (and 账户名称, 开户名, 客户名称 ...) names the account holder, not the merchant. A shop's
//! settlement account is a business account in the shop's name (`示例便利店`) or, for many small
//! shops, the owner's private account (`张三`). The holder counts as the merchant's name only when it
//! does not read as a person's (`cell::name::reads_as_person`): a person's name is not what the
//! acquirer knows the shop by, and the report should not carry it where no file calls it 商户名称.
//! A 商户名称 is kept as written even when it is a person's (a 个体工商户 without a shop name is
//! registered under the owner's name): redaction's `drop_names` asks the same question to drop it.
//!
//! Values are checked for shape: a 商户号 is 4 to 40 letters, digits, `*` or `-` with at least three
//! digits; a name has a letter, at most 80 characters, no colon or control character, and is not
//! itself a label. Each list keeps at most [`MAX_PER_FILE`] values (sorted): a file naming more is
//! a platform's, and the report's header cannot list them all.

use std::collections::BTreeSet;

use super::header::{field_of, key};
use super::table::{Cell, Table};
use crate::accounting::Merchant;
use crate::cell::name::reads_as_person;
use crate::cell::text::{identifier_str, unwrap_cell};
use crate::model::Field;

/// Most names, and most 商户号, kept per file.
pub(crate) const MAX_PER_FILE: usize = 100;

/// Labels of the merchant's name (keys as `header::key` makes them).
const NAME_LABELS: &[&str] =
    &["商户名称", "商户名", "特约商户名称", "商户简称", "商户全称", "merchantname"];

/// Labels of an account holder's name: the merchant's only when it is not a person's.
const HOLDER_LABELS: &[&str] = &[
    "户名",
    "账户名称",
    "账户名",
    "账户户名",
    "开户名",
    "开户名称",
    "开户户名",
    "客户名称",
    "单位名称",
    "accountname",
];

/// Characters that separate pairs on one preamble line.
const SEPARATORS: &[char] = &[',', '，', ';', '；', '\t', '|'];

/// What a label says the value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Says {
    Name,
    Id,
    Holder,
}

/// What a label names, if it is one of the merchant's.
fn says(label: &str) -> Option<Says> {
    // 支付宝 writes its preamble as comments (`#账号：[…]`).
    let label = key(label.trim_start_matches('#'));
    if label.is_empty() {
        None
    } else if NAME_LABELS.contains(&label.as_str()) {
        Some(Says::Name)
    } else if HOLDER_LABELS.contains(&label.as_str()) {
        Some(Says::Holder)
    } else if matches!(field_of(&label), Some((Field::MerchantId, _))) {
        Some(Says::Id)
    } else {
        None
    }
}

/// The merchant `preamble` (the records above the header) and `table`'s 商户号 and 商户名称
/// columns name.
pub(crate) fn read(preamble: &[Vec<Cell>], table: &Table) -> Merchant {
    let mut names = BTreeSet::new();
    let mut ids = BTreeSet::new();
    for (label, value) in preamble.iter().flat_map(|record| pairs_of_record(record)) {
        match says(label) {
            Some(Says::Id) => ids.extend(merchant_id(value).map(str::to_owned)),
            Some(Says::Name) => names.extend(name(value).map(str::to_owned)),
            Some(Says::Holder) => {
                names.extend(name(value).filter(|n| !reads_as_person(n)).map(str::to_owned));
            }
            None => {}
        }
    }
    if let Some(&col) = table.columns.get(&Field::MerchantId) {
        column_values(table, col, merchant_id, &mut ids);
    }
    let name_col = table.header.iter().position(|h| says(h) == Some(Says::Name));
    if let Some(col) = name_col {
        column_values(table, col, name, &mut names);
    }
    let cap =
        |set: BTreeSet<String>| -> Vec<String> { set.into_iter().take(MAX_PER_FILE).collect() };
    Merchant { names: cap(names), merchant_ids: cap(ids) }
}

/// The values of column `col` that `shape` accepts, into `out`, keeping the [`MAX_PER_FILE`]
/// first in sorted order. Runs over every row of the file, so a value equal to the row before's
/// is passed over at once (a statement repeats one 商户号 on every row) and only a value not yet
/// kept is copied.
fn column_values(
    table: &Table,
    col: usize,
    shape: fn(&str) -> Option<&str>,
    out: &mut BTreeSet<String>,
) {
    let mut last: Option<&str> = None;
    for row in &table.rows {
        let Some(cell) = table.row(row).get(col) else { continue };
        if last == Some(cell) {
            continue;
        }
        last = Some(cell);
        if let Some(value) = shape(cell)
            && !out.contains(value)
        {
            out.insert(value.to_owned());
            if out.len() > MAX_PER_FILE {
                out.pop_last();
            }
        }
    }
}

/// The `(label, value)` pairs of one preamble record, in order.
fn pairs_of_record(cells: &[Cell]) -> Vec<(&str, &str)> {
    let segments: Vec<&str> = cells
        .iter()
        .flat_map(|cell| unwrap_cell(cell).split(SEPARATORS))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < segments.len() {
        let mut pairs = pairs_in(segments[i]);
        let next_bare = segments.get(i + 1).copied().filter(|next| pairs_in(next).is_empty());
        if pairs.is_empty() {
            // A label alone (`商户名称`) with its value in the next cell.
            if let Some(next) = next_bare.filter(|_| says(segments[i]).is_some()) {
                out.push((segments[i], next));
                i += 1;
            }
        } else if let Some(last) = pairs.last_mut().filter(|(_, value)| value.is_empty())
            && let Some(next) = next_bare
        {
            // `商户号：` with its value in the next cell.
            last.1 = next;
            i += 1;
        }
        out.extend(pairs);
        i += 1;
    }
    out
}

/// The `label：value` pairs of one segment (no separator inside); empty when it has no colon.
fn pairs_in(segment: &str) -> Vec<(&str, &str)> {
    let colons: Vec<(usize, usize)> = segment
        .char_indices()
        .filter(|&(at, c)| is_pair_colon(segment, at, c))
        .map(|(at, c)| (at, at + c.len_utf8()))
        .collect();
    let Some(&(first, _)) = colons.first() else { return Vec::new() };
    let mut out = Vec::with_capacity(colons.len());
    let mut label = split_label(&segment[..first]).1;
    for (n, &(_, after)) in colons.iter().enumerate() {
        let (value, next_label) = match colons.get(n + 1) {
            Some(&(next, _)) => split_label(&segment[after..next]),
            None => (&segment[after..], ""),
        };
        out.push((label, unbracket(value)));
        label = next_label;
    }
    out
}

/// Whether the colon `c` at byte `at` separates a label from its value: not between two digits
/// (a time, `10:05:33`) and not a URL's (`https://`).
fn is_pair_colon(segment: &str, at: usize, c: char) -> bool {
    if c != ':' && c != '：' {
        return false;
    }
    let before = segment[..at].chars().next_back();
    let rest = &segment[at + c.len_utf8()..];
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let time = digit(before) && digit(rest.chars().next());
    !time && !rest.starts_with("//")
}

/// Splits the text between two colons into the first pair's value and the next pair's label:
/// the label is the last word, or the last two or three words when together they are a known
/// label (`Merchant Name`, `户 名`). Without a space the whole text is the label and the value is
/// empty: a name is better missing than run together with the next label.
fn split_label(text: &str) -> (&str, &str) {
    let text = text.trim_end();
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|&(at, c)| {
            !c.is_whitespace() && (at == 0 || text[..at].ends_with(char::is_whitespace))
        })
        .map(|(at, _)| at)
        .collect();
    let Some(&last) = starts.last() else { return ("", "") };
    let start = (2..=3)
        .rev()
        .filter_map(|words| starts.len().checked_sub(words).map(|i| starts[i]))
        .find(|&at| says(&text[at..]).is_some())
        .unwrap_or(last);
    (text[..start].trim(), &text[start..])
}

/// A value without the brackets some exports put around it (`[2088…]`, `【示例便利店】`).
fn unbracket(value: &str) -> &str {
    let mut value = value.trim();
    for (open, close) in [('[', ']'), ('【', '】'), ('"', '"'), ('“', '”'), ('「', '」')] {
        if let Some(inner) = value.strip_prefix(open).and_then(|v| v.strip_suffix(close)) {
            value = inner.trim();
        }
    }
    value
}

/// A 商户号 as written, if the value is shaped like one.
fn merchant_id(value: &str) -> Option<&str> {
    let id = identifier_str(value)?;
    let shaped = (4..=40).contains(&id.len())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '*' || c == '-')
        && id.chars().filter(char::is_ascii_digit).count() >= 3;
    shaped.then_some(id)
}

/// A name as written, if the value is shaped like one.
fn name(value: &str) -> Option<&str> {
    let name = identifier_str(value)?;
    let shaped = name.chars().count() <= 80
        && name.chars().any(char::is_alphabetic)
        && !name.chars().any(|c| c.is_control() || c == ':' || c == '：')
        && says(name).is_none();
    shaped.then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read_first;

    /// The merchant one preamble line (cells as the reader splits them) names, as
    /// `names | ids`.
    fn named(cells: &[&str]) -> String {
        let preamble = vec![cells.iter().map(|c| Cell::from(*c)).collect::<Vec<_>>()];
        let merchant = read(&preamble, &Table::default());
        format!("{} | {}", merchant.names.join(" "), merchant.merchant_ids.join(" "))
    }

    #[test]
    fn spellings_of_the_merchant_in_a_preamble_line() {
        let cases: &[(&str, &[&str], &str)] = &[
            (
                "the demo's line, split at commas",
                &["商户名称：示例便利店", "商户号：898440358120014"],
                "示例便利店 | 898440358120014",
            ),
            (
                "one cell, commas inside",
                &["商户名称：示例便利店,商户号：898440358120014"],
                "示例便利店 | 898440358120014",
            ),
            (
                "full-width comma",
                &["商户名称：示例便利店，商户号：898440358120014"],
                "示例便利店 | 898440358120014",
            ),
            (
                "tabs",
                &["商户名称:示例便利店\t商户号:898440358120014"],
                "示例便利店 | 898440358120014",
            ),
            (
                "spaces",
                &["商户名称：示例便利店 商户号：898440358120014 导出时间：2026-11-16 10:05:33"],
                "示例便利店 | 898440358120014",
            ),
            (
                "semicolons, ASCII colons, spaces around",
                &["商户名 : 示例便利店; 商户编号 : 898440358120014"],
                "示例便利店 | 898440358120014",
            ),
            ("商户代码", &["商户代码：898440358120014"], " | 898440358120014"),
            (
                "特约商户",
                &["特约商户名称：示例便利店", "特约商户编号：898440358120014"],
                "示例便利店 | 898440358120014",
            ),
            (
                "English labels with spaces",
                &["Merchant Name: Sample Mart Merchant ID: 898440358120014"],
                "Sample Mart | 898440358120014",
            ),
            (
                "English, comma",
                &["Merchant Name: Sample Mart, Merchant No: 898440358120014"],
                "Sample Mart | 898440358120014",
            ),
            (
                "label and value in two cells",
                &["商户号：", "898440358120014"],
                " | 898440358120014",
            ),
            (
                "label without colon, value in the next cell",
                &["商户名称", "示例便利店"],
                "示例便利店 | ",
            ),
            (
                "brackets",
                &["#商户名称：[示例便利店]", "#商户号：【898440358120014】"],
                "示例便利店 | 898440358120014",
            ),
            (
                "a label with a unit in brackets",
                &["商户号(MID)：898440358120014"],
                " | 898440358120014",
            ),
            (
                "bank: 户名 of a business",
                &["中国工商银行 账户历史明细 账号：4000021209200012345 户名：示例便利店"],
                "示例便利店 | ",
            ),
            (
                "bank: 户名 spaced out",
                &["账号：4000021209200012345", "户  名：示例餐饮管理有限公司"],
                "示例餐饮管理有限公司 | ",
            ),
            (
                "bank: 户名 of a person is not the merchant's name",
                &["账号：6222000011112222333 户名：张三"],
                " | ",
            ),
            ("bank: 账户名称 of a person, masked", &["账户名称：张*"], " | "),
            ("a 商户名称 is kept even when it is a person's", &["商户名称：张三"], "张三 | "),
            ("对方户名 is not the holder", &["对方户名：示例便利店"], " | "),
            ("nothing named", &["POS终端交易明细"], " | "),
            ("a period", &["查询时段：2026-11-09 至 2026-11-15"], " | "),
            ("empty values", &["商户名称：", "商户号：-"], " | "),
            ("a value that is a label", &["商户名称", "商户号"], " | "),
            ("an id that is not one", &["商户号：见附件"], " | "),
            ("a name that is a number", &["商户名称：12345"], " | "),
            (
                "run together without a space: better nothing than a wrong name",
                &["商户名称：示例便利店商户号：898440358120014"],
                " | ",
            ),
        ];
        for (what, cells, expected) in cases {
            assert_eq!(named(cells), *expected, "{what}: {cells:?}");
        }
    }

    #[test]
    fn columns_name_the_merchant() {
        let text = "\
商户号,商户名称,交易时间,终端号,交易金额,参考号
898440358120014,示例便利店,2026-11-09 10:02:11,10086602,268.00,309140500007
898440358120014,示例便利店,2026-11-09 10:03:11,10086602,12.00,309140500008
=\"898440358120099\",示例便利店（南山店）,2026-11-09 10:04:11,10086603,13.00,309140500009
,,2026-11-09 10:05:11,10086603,14.00,309140500010
";
        let ingested = read_first("对账单.csv", text.as_bytes(), None);
        assert_eq!(
            ingested.input.merchant,
            Merchant {
                names: vec!["示例便利店".to_owned(), "示例便利店（南山店）".to_owned()],
                merchant_ids: vec!["898440358120014".to_owned(), "898440358120099".to_owned()],
            }
        );
    }

    /// Whole files through the reader: the preamble line is split at the file's delimiter or
    /// not at all, and a label may sit in its own cell.
    #[test]
    fn preambles_of_whole_files() {
        let cases: &[(&str, &str)] = &[
            (
                "log.txt",
                "终端流水\r\n商户名称：示例便利店,商户号：898440358120014\r\n\
                 交易时间\t终端号\t交易金额\t应答码\r\n2026-11-09 10:02:11\t10086602\t268.00\t00\r\n",
            ),
            (
                "log.csv",
                "商户名称,示例便利店,,\n商户号：,898440358120014,,\n\
                 交易时间,终端号,交易金额,应答码\n2026-11-09 10:02:11,10086602,268.00,00\n",
            ),
            (
                "bank.csv",
                "中国工商银行 账户历史明细 账号：4000021209200012345 户名：示例便利店 商户号：898440358120014\n\
                 交易时间,摘要,贷方发生额,余额,对方户名\n2026-11-09 08:31:05,代付,41.84,56363.34,某某\n",
            ),
        ];
        for (name, text) in cases {
            let merchant = read_first(name, text.as_bytes(), None).input.merchant;
            assert_eq!(merchant.names, ["示例便利店"], "{name}");
            assert_eq!(merchant.merchant_ids, ["898440358120014"], "{name}");
        }
    }

    #[test]
    fn a_file_without_a_preamble_names_nothing() {
        let text = "交易时间,终端号,交易金额,应答码\n2026-11-09 10:02:11,10086602,268.00,00\n";
        assert!(read_first("t.csv", text.as_bytes(), None).input.merchant.is_empty());
    }

    #[test]
    fn a_platform_file_keeps_at_most_the_cap() {
        let mut text = String::from("商户号,交易时间,交易金额\n");
        for n in 0..3 * MAX_PER_FILE {
            text.push_str(&format!("8984403581{n:05},2026-11-09 10:02:11,1.00\n"));
        }
        let merchant = read_first("p.csv", text.as_bytes(), None).input.merchant;
        assert_eq!(merchant.merchant_ids.len(), MAX_PER_FILE);
        assert_eq!(merchant.merchant_ids[0], "898440358100000");
    }
}
