//! The totals a file states about itself, gathered while the table is read: 合计 / 总计 rows,
//! wallet summary lines, 支付宝 `#交易合计` comments, a personal bill's preamble, record-type
//! trailers. Reading them belongs to reading the table (they are rows `rows::finish` skips, and
//! a layout may rewrite cells afterwards); comparing them with the rows read is
//! [`crate::totals`]'s, after normalize. See that module for the conventions followed.

use std::collections::BTreeMap;

use super::header_key;
pub(crate) use super::table::Pending;
use super::table::{Basis, Cell, FileTotals, Row, Table};
use crate::cell::amount::{Unit, parse_amount};
use crate::cell::text::unwrap_cell;
use crate::message::Note;
use crate::model::Field;

/// Records one stated total: line, label, measure, stated value, basis, field of its column.
type Push<'a> = dyn FnMut(u32, &str, &'static str, i64, Basis, Option<Field>) + 'a;

/// Whether a skipped line is kept for [`stated`]: total rows, 合计 comment lines, and trailers.
pub(crate) fn keeps(reason: &Note, cells: Row) -> bool {
    match reason {
        Note::TotalRow => true,
        Note::RecordType { record_type } => record_type == "BS",
        Note::CommentLine => cells.iter().any(|c| c.contains("合计")),
        _ => false,
    }
}

pub(crate) fn money(cell: &str) -> Option<i64> {
    parse_amount(cell, Unit::Yuan).ok().flatten()
}

pub(crate) fn more_decimals(cell: &str) -> bool {
    unwrap_cell(cell).rsplit_once('.').is_some_and(|(_, frac)| frac.trim().len() > 2)
}

pub(crate) fn value(basis: &Basis, row: Row) -> (i64, bool) {
    let cell = |col: &usize| row.get(*col).map_or("", unwrap_cell);
    match basis {
        Basis::Count => (1, false),
        Basis::Column(col) => (money(cell(col)).unwrap_or(0), more_decimals(cell(col))),
        Basis::CountWhere(col, value) => (i64::from(cell(col) == value), false),
        Basis::CountFilled(col) => (i64::from(!cell(col).is_empty()), false),
        Basis::ColumnWhere(col, filter, value) if cell(filter) == value => {
            (money(cell(col)).unwrap_or(0), more_decimals(cell(col)))
        }
        Basis::ColumnWhere(..) => (0, false),
    }
}

/// The measure a money field's total is reported as.
fn measure_of(field: Field) -> Option<&'static str> {
    match field {
        Field::Amount => Some("amount"),
        Field::Fee => Some("fee"),
        Field::Net => Some("net"),
        Field::Credit => Some("credit"),
        Field::Debit => Some("debit"),
        _ => None,
    }
}

/// A row count written in a cell: `3笔`, `共3笔`, `总笔数：3`.
fn count_in(cell: &str) -> Option<i64> {
    let cell = unwrap_cell(cell);
    let digits = |s: &str| -> Option<i64> {
        let d: String = s.chars().filter(char::is_ascii_digit).collect();
        (!d.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()))
            .then(|| d.parse().ok())
            .flatten()
    };
    if let Some(before) = cell.strip_suffix('笔') {
        return digits(before.trim_start_matches(['共', '合', '计', '：', ':']));
    }
    let (_, after) = cell.split_once("笔数")?;
    digits(after.trim_start_matches(['：', ':', ' ']))
}

/// Totals labels whose column is not the label without its `总`.
const LABEL_COLUMNS: &[(&str, &str)] = &[("手续费总金额", "手续费"), ("总交易额", "总金额")];

/// Labels that count rows.
const COUNT_LABELS: &[&str] =
    &["总交易单数", "总笔数", "交易总笔数", "总交易笔数", "资金流水总笔数"];

/// The totals a table states, before any layout rewrites its cells.
pub(crate) fn stated(
    table: &mut Table,
    header_line: u32,
    preamble: &[Vec<Cell>],
    fen_dialect: bool,
) {
    let keys: Vec<String> = table.header.iter().map(|h| header_key(h)).collect();
    let col_named = |name: &str| keys.iter().position(|k| k == name);
    let field_at = |col: usize| table.columns.iter().find(|(_, c)| **c == col).map(|(f, _)| *f);
    let rows = std::mem::take(&mut table.totals.rows);
    let mut pending = Vec::new();
    let mut push = |line, label: &str, measure, stated, basis, field| {
        pending.push(Pending::new(line, label, measure, stated, basis, field));
    };
    // Generic total rows: line -> (previous total row's line, whether only the rows since count).
    let mut segments = BTreeMap::new();
    let mut previous_total: Option<u32> = None;
    let mut previous_full: Option<u32> = None;
    let mut i = 0;
    while i < rows.len() {
        let row = &rows[i];
        let cells: Vec<&str> = table.row(row).iter().map(unwrap_cell).collect();
        let first = cells.iter().find(|c| !c.is_empty()).copied().unwrap_or("");
        // A personal bill's counts above the table, or in the footer below it (old 支付宝).
        let joined = cells.iter().filter(|c| !c.is_empty()).copied().collect::<Vec<_>>().join(",");
        let flow_word = joined
            .split([':', '：'])
            .next()
            .is_some_and(|k| FLOW_WORDS.iter().any(|w| w.0 == k.trim()));
        if row.line < header_line || flow_word {
            personal_summary(&joined, row.line, &col_named, &mut push);
            i += 1;
            continue;
        }
        // A totals header with its values row on the next line (微信支付 bills).
        let next = rows.get(i + 1).filter(|n| n.line == row.line + 1);
        let labels_only = cells.iter().all(|c| c.is_empty() || money(c).is_none());
        if let Some(values) = next.filter(|_| labels_only && !first.starts_with('#')) {
            header_values(&cells, values.line, table.row(values), &col_named, &field_at, &mut push);
            i += 2;
            continue;
        }
        if let Some(rest) = first.strip_prefix('#') {
            alipay_comment(rest, row.line, &col_named, &mut push);
        } else if first.eq_ignore_ascii_case("BS") {
            bs_trailer(&cells, row.line, &table.columns, &mut push);
        } else {
            // A 合计 row: every money column it fills, and a count it names.
            let label = first.to_owned();
            // A 小计 starts after the last total row of any kind, a 合计 after the last 合计.
            let partial = ["小计", "本页"].iter().any(|w| first.contains(w));
            let since = if partial { previous_total } else { previous_full };
            segments.insert(row.line, (since.unwrap_or(0), partial));
            previous_total = Some(row.line);
            if !partial {
                previous_full = Some(row.line);
            }
            for (&field, &col) in &table.columns {
                let Some(measure) = measure_of(field) else { continue };
                let Some(stated) = cells.get(col).and_then(|c| money(c)) else { continue };
                let label = format!("{label} {}", table.header[col]);
                push(row.line, &label, measure, stated, Basis::Column(col), Some(field));
            }
            if let Some(n) = cells.iter().find_map(|c| count_in(c)) {
                push(row.line, &label, "count", n, Basis::Count, None);
            }
        }
        i += 1;
    }
    sum_rows(&mut pending, table, &segments, fen_dialect);
    table.totals = FileTotals { rows, pending, scope: scope(preamble) };
}

/// What the table's rows add up to for every stated total (`segments`: a total row's line ->
/// the previous total row's line and whether only the rows since count). A layout that writes
/// fen was read as 元 here (100 times too much) on both sides, so both are divided by 100.
fn sum_rows(
    pending: &mut [Pending],
    table: &Table,
    segments: &BTreeMap<u32, (u32, bool)>,
    fen_dialect: bool,
) {
    for p in pending {
        p.since = segments.get(&p.line).copied();
        for row in &table.rows {
            let (v, finer) = value(&p.basis, table.row(row));
            p.sum += v;
            p.finer |= finer;
        }
        if fen_dialect && p.measure != "count" {
            p.stated /= 100;
            p.sum /= 100;
        }
    }
}

/// A totals header with its values row on the next line (微信支付 bills): every label that names a
/// count, a 收支类型's flow or a money column, with the value below it.
fn header_values(
    cells: &[&str],
    line: u32,
    values: Row,
    col_named: &dyn Fn(&str) -> Option<usize>,
    field_at: &dyn Fn(usize) -> Option<Field>,
    push: &mut Push,
) {
    for (col, label) in cells.iter().enumerate() {
        let Some(stated) = values.get(col).and_then(money) else { continue };
        let label_key = header_key(label);
        if COUNT_LABELS.contains(&label_key.as_str()) {
            push(line, label, "count", stated / 100, Basis::Count, None);
            continue;
        }
        // A money flow's 收入笔数 / 支出金额: the rows of that 收支类型 (微信 资金账单).
        let flow = ["收入", "支出"].into_iter().find(|w| label_key.starts_with(w));
        if let (Some(word), Some(kind_col)) = (flow, col_named("收支类型")) {
            let measure = if word == "收入" { "credit" } else { "debit" };
            if label_key.ends_with("笔数") {
                let basis = Basis::CountWhere(kind_col, word.to_owned());
                push(line, label, "count", stated / 100, basis, None);
            } else if let Some(col) = col_named("收支金额") {
                let basis = Basis::ColumnWhere(col, kind_col, word.to_owned());
                push(line, label, measure, stated, basis, None);
            }
            continue;
        }
        let column = LABEL_COLUMNS
            .iter()
            .find(|(l, _)| *l == label_key)
            .map(|(_, c)| (*c).to_owned())
            .unwrap_or_else(|| label_key.replacen('总', "", 1));
        let Some(col) = col_named(&column) else { continue };
        let measure = if column.contains("退款") {
            "refund"
        } else if column.contains("手续费") {
            "fee"
        } else {
            "amount"
        };
        push(line, label, measure, stated, Basis::Column(col), field_at(col));
    }
}

/// 乐刷 `BS` trailer: count, amount, fee, net in the file's unit.
fn bs_trailer(cells: &[&str], line: u32, columns: &BTreeMap<Field, usize>, push: &mut Push) {
    let fields = [None, Some(Field::Amount), Some(Field::Fee), Some(Field::Net)];
    for (k, field) in fields.into_iter().enumerate() {
        let Some(cell) = cells.get(k + 1) else { continue };
        match field {
            None => {
                if let Ok(n) = cell.parse::<i64>() {
                    push(line, "BS", "count", n, Basis::Count, None);
                }
            }
            Some(field) => {
                let (Some(col), Some(stated)) = (columns.get(&field).copied(), money(cell)) else {
                    continue;
                };
                let measure = measure_of(field).unwrap_or("amount");
                push(line, "BS", measure, stated, Basis::Column(col), Some(field));
            }
        }
    }
}

/// 支付宝 `#交易合计：2笔，商家实收共100.50元，...` and `#退款合计：...`.
fn alipay_comment(
    text: &str,
    line: u32,
    col_named: &dyn Fn(&str) -> Option<usize>,
    push: &mut Push,
) {
    let Some((kind, rest)) = text.split_once("合计") else { return };
    let rest = rest.trim_start_matches(['：', ':']);
    // 账务明细: `#收入合计：3笔，共100.62元` over the 收入金额 (or 支出金额) column.
    if let Some((measure, column)) = match kind {
        "收入" => Some(("credit", "收入金额")),
        "支出" => Some(("debit", "支出金额")),
        _ => None,
    } {
        let Some(col) = col_named(column) else { return };
        let mut parts = rest.split(['，', ',']);
        if let Some(n) = parts.next().and_then(count_in) {
            push(line, &format!("{kind}合计"), "count", n, Basis::CountFilled(col), None);
        }
        if let Some(stated) = parts.find_map(|p| p.strip_prefix('共')).and_then(money) {
            push(line, &format!("{kind}合计"), measure, stated, Basis::Column(col), None);
        }
        return;
    }
    let Some(kind_col) = col_named("业务类型") else { return };
    let (count_measure, money_measure) = match kind {
        "交易" => ("count", "amount"),
        "退款" => ("count", "refund"),
        _ => return,
    };
    let mut parts = rest.split(['，', ',']);
    if let Some(n) = parts.next().and_then(count_in) {
        let basis = Basis::CountWhere(kind_col, kind.to_owned());
        push(line, &format!("{kind}合计"), count_measure, n, basis, None);
    }
    for part in parts {
        let Some((name, amount)) = part.split_once('共') else { continue };
        let (Some(col), Some(stated)) = (col_named(name), money(amount)) else { continue };
        let basis = Basis::ColumnWhere(col, kind_col, kind.to_owned());
        push(line, &format!("{kind}合计 {name}"), money_measure, stated, basis, None);
    }
}

/// The words a personal bill counts its rows by: (word, column, cell value). 微信 writes `/` under
/// 收/支 for 中性交易; the old 支付宝 footer counts by 资金状态.
const FLOW_WORDS: &[(&str, &str, &str)] = &[
    ("收入", "收/支", "收入"),
    ("支出", "收/支", "支出"),
    ("中性交易", "收/支", "/"),
    ("不计收支", "收/支", "不计收支"),
    ("已收入", "资金状态", "已收入"),
    ("已支出", "资金状态", "已支出"),
];

/// A personal wallet bill's preamble line: `收入：4笔 1111.00元` (微信), `不计收支：1笔 100.00元`
/// (支付宝): the count and sum of the rows with that 收/支 word (微信 writes `/` for 中性交易).
fn personal_summary(
    text: &str,
    line: u32,
    col_named: &dyn Fn(&str) -> Option<usize>,
    push: &mut Push,
) {
    let Some((kind, rest)) = text.split_once(['：', ':']) else { return };
    let Some(&(_, column, word)) = FLOW_WORDS.iter().find(|w| w.0 == kind.trim()) else { return };
    let (Some(flow), Some(amount_col)) = (col_named(column), col_named("金额")) else { return };
    let Some((count, amount)) = rest.split_once('笔') else { return };
    let Ok(count) = count.trim().parse::<i64>() else { return };
    let kind = kind.trim();
    push(line, kind, "count", count, Basis::CountWhere(flow, word.to_owned()), None);
    if let Some(stated) = money(amount.trim().trim_start_matches([',', '，'])) {
        let basis = Basis::ColumnWhere(amount_col, flow, word.to_owned());
        push(line, kind, "amount", stated, basis, None);
    }
}

/// Account and period of a wallet export, from its preamble.
fn scope(preamble: &[Vec<Cell>]) -> Option<String> {
    let mut account = None;
    let mut period = None;
    for cell in preamble.iter().flatten() {
        let cell = unwrap_cell(cell).trim_start_matches('#');
        if let Some(rest) = cell.strip_prefix("账号：").or_else(|| cell.strip_prefix("账号:"))
        {
            account = Some(rest.trim().to_owned());
        } else if cell.starts_with("起始日期") {
            period = Some(cell.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    match (account, period) {
        (None, None) => None,
        (a, p) => Some(format!("{} {}", a.unwrap_or_default(), p.unwrap_or_default())),
    }
}
