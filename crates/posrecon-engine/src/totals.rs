//! The file's own totals: where a file states totals about itself, compare them with the rows read.
//!
//! A total the exporter wrote is a second reading of the same rows, made by the exporter: when the
//! rows read sum to it, the columns, signs, units and row accounting are right; when they do not,
//! a row was lost or misread (or the file was edited), and the merchant should know before a money
//! finding rests on it. The comparison lives here, in one place, for every kind of stated total:
//!
//! - a 合计 / 总计 / Total row in any table (`sort_row` still skips it as "total row"): each money
//!   column the row fills (amount, fee, net, credit, debit) against the sum of that column over
//!   the rows read, signed as the file writes them; a cell naming a count (`3笔`, `总笔数：3`)
//!   against the number of rows read. A 小计 / 本页合计 covers the rows since the total row above
//!   it; a later 合计 covers the whole table, or its own section when the file totals per section;
//!   a terminal log's 合计 may count only its approved rows. Each is a convention real files
//!   follow, so a 合计 agrees when one of them gives its number (a sum of money matching by
//!   chance is not a worry), and is reported against every row read when none does;
//! - a totals header and its values row under a wallet bill (微信支付
//!   `总交易单数,应结订单总金额,退款总金额,...`): each total against its column (`应结订单总金额`
//!   is the sum of `应结订单金额`), the count against the rows read;
//! - 支付宝 `#交易合计：2笔，商家实收共100.50元` / `#退款合计` comment lines: count and 商家实收
//!   of the rows whose 业务类型 is 交易 / 退款; `#收入合计：3笔，共100.62元` / `#支出合计` under an
//!   账务明细: the rows with a 收入金额 (支出金额) and their sum; a 微信 资金账单's
//!   `资金流水总笔数,收入笔数,收入金额,...`: the rows of that 收支类型;
//! - a personal bill's preamble (`收入：4笔 1111.00元`, `不计收支：1笔 100.00元`): the rows of that
//!   收/支 word, whether or not they are payments to the shop;
//! - a record-type trailer (乐刷 `BS,count,amount,fee,net`);
//! - across files: a 支付宝 业务明细(汇总) against the 业务明细 of the same account and period
//!   ([`cross_file`]), after every file is read.
//!
//! Reading happens in two steps because a layout may rewrite cells (the 微信 dialect puts a refund
//! row's 退款金额 into its amount): [`stated`] runs on the table as the file wrote it and sums each
//! total's column over every candidate row; [`settle`] runs after normalize and takes out the rows
//! that were not read (rejected), so `read` is over exactly the rows read. Money agrees to the fen,
//! except columns written with more than two decimals (微信 fees such as `1.60800`), where each row
//! may round by one fen.

use std::collections::{BTreeMap, BTreeSet};

use crate::ingest::{Field, RawRow, Table, header_key};
use crate::message::Note;
use crate::model::{Record, TxnType};
use crate::normalize::amount::{Unit, parse_amount};
use crate::normalize::text::unwrap_cell;
use crate::report::{Input, RowNote, TotalsCheck};

/// What a file states about itself, gathered while reading it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileTotals {
    /// Lines skipped as totals, trailers or totals comments, with their cells.
    pub rows: Vec<RawRow>,
    /// The totals found in them, not yet compared.
    pending: Vec<Pending>,
    /// Account and period from the preamble (`#账号：[...]`, `#起始日期：[...]`), which ties a
    /// summary file to its detail file.
    pub scope: Option<String>,
}

/// What a total counts in each row.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Basis {
    /// One per row.
    Count,
    /// The money in a column.
    Column(usize),
    /// One per row whose `col` cell is `value`.
    CountWhere(usize, String),
    /// One per row whose `col` cell is not empty.
    CountFilled(usize),
    /// The money in `col` of rows whose `filter` cell is `value`.
    ColumnWhere(usize, usize, String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Pending {
    line: u32,
    label: String,
    measure: &'static str,
    stated: i64,
    basis: Basis,
    /// Field of the column, whose unit normalize may decide later.
    field: Option<Field>,
    /// The basis over every candidate row of the table as written.
    sum: i64,
    /// A total row below another covers either every row or only the rows since that one
    /// (per-section 合计, 小计, 本页合计): the line it may start after, and whether it must.
    since: Option<(u32, bool)>,
    /// Cells with more than two decimals were seen: one fen of rounding per row.
    finer: bool,
}

impl Pending {
    /// A stated total, before the rows are added up.
    fn new(
        line: u32,
        label: &str,
        measure: &'static str,
        stated: i64,
        basis: Basis,
        field: Option<Field>,
    ) -> Self {
        let label = label.to_owned();
        Pending { line, label, measure, stated, basis, field, sum: 0, since: None, finer: false }
    }
}

/// Records one stated total: line, label, measure, stated value, basis, field of its column.
type Push<'a> = dyn FnMut(u32, &str, &'static str, i64, Basis, Option<Field>) + 'a;

/// Which rows a total is compared with (see [`settle`]).
#[derive(Debug, Clone, Copy)]
enum Reading {
    /// Every row read.
    All,
    /// The rows since the total row above.
    Section,
    /// The approved rows.
    Approved,
    /// The approved rows since the total row above.
    ApprovedSection,
}

impl Pending {
    /// Whether a row is among those since the total row before this one.
    fn in_segment(&self, line: u32) -> bool {
        self.since.is_some_and(|(since, _)| line > since && line < self.line)
    }
}

/// Whether a skipped line is kept for [`stated`]: total rows, 合计 comment lines, and trailers.
pub(crate) fn keeps(reason: &Note, cells: &[String]) -> bool {
    match reason {
        Note::TotalRow => true,
        Note::RecordType { record_type } => record_type == "BS",
        Note::CommentLine => cells.iter().any(|c| c.contains("合计")),
        _ => false,
    }
}

fn money(cell: &str) -> Option<i64> {
    parse_amount(cell, Unit::Yuan).ok().flatten()
}

fn more_decimals(cell: &str) -> bool {
    unwrap_cell(cell).rsplit_once('.').is_some_and(|(_, frac)| frac.trim().len() > 2)
}

fn value(basis: &Basis, row: &RawRow) -> (i64, bool) {
    let cell = |col: &usize| row.cells.get(*col).map_or("", |c| unwrap_cell(c));
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
    preamble: &[Vec<String>],
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
        let cells: Vec<&str> = row.cells.iter().map(|c| unwrap_cell(c)).collect();
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
            header_values(&cells, values, &col_named, &field_at, &mut push);
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
    sum_rows(&mut pending, &table.rows, &segments, fen_dialect);
    table.totals = FileTotals { rows, pending, scope: scope(preamble) };
}

/// What the table's rows add up to for every stated total (`segments`: a total row's line ->
/// the previous total row's line and whether only the rows since count). A layout that writes
/// fen was read as 元 here (100 times too much) on both sides, so both are divided by 100.
fn sum_rows(
    pending: &mut [Pending],
    rows: &[RawRow],
    segments: &BTreeMap<u32, (u32, bool)>,
    fen_dialect: bool,
) {
    for p in pending {
        p.since = segments.get(&p.line).copied();
        for row in rows {
            let (v, finer) = value(&p.basis, row);
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
    values: &RawRow,
    col_named: &dyn Fn(&str) -> Option<usize>,
    field_at: &dyn Fn(usize) -> Option<Field>,
    push: &mut Push,
) {
    for (col, label) in cells.iter().enumerate() {
        let Some(stated) = values.cells.get(col).and_then(|v| money(v)) else { continue };
        let label_key = header_key(label);
        if COUNT_LABELS.contains(&label_key.as_str()) {
            push(values.line, label, "count", stated / 100, Basis::Count, None);
            continue;
        }
        // A money flow's 收入笔数 / 支出金额: the rows of that 收支类型 (微信 资金账单).
        let flow = ["收入", "支出"].into_iter().find(|w| label_key.starts_with(w));
        if let (Some(word), Some(kind_col)) = (flow, col_named("收支类型")) {
            let measure = if word == "收入" { "credit" } else { "debit" };
            if label_key.ends_with("笔数") {
                let basis = Basis::CountWhere(kind_col, word.to_owned());
                push(values.line, label, "count", stated / 100, basis, None);
            } else if let Some(col) = col_named("收支金额") {
                let basis = Basis::ColumnWhere(col, kind_col, word.to_owned());
                push(values.line, label, measure, stated, basis, None);
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
        push(values.line, label, measure, stated, Basis::Column(col), field_at(col));
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
fn scope(preamble: &[Vec<String>]) -> Option<String> {
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

fn describe(measure: &str, v: i64) -> String {
    if measure == "count" {
        format!("{v} 笔")
    } else {
        crate::report::money::money(crate::config::Lang::Zh, v)
    }
}

/// Records one comparison (its `agrees` decided here, money within `slack` fen) and, when the
/// two differ, a warning naming the line and the difference.
fn record(input: &mut Input, mut c: TotalsCheck, slack: i64) {
    c.agrees = (c.stated - c.read).abs() <= slack;
    if !c.agrees {
        // The note's line is the total's; a total from another file names that file.
        let note = Note::TotalsDiffer {
            source: c.source.clone(),
            label: c.label.as_deref().unwrap_or(&c.measure).to_owned(),
            stated: describe(&c.measure, c.stated),
            read: describe(&c.measure, c.read),
            diff: describe(&c.measure, c.stated - c.read),
        };
        input.warnings.push(RowNote::new(c.line, note));
    }
    input.totals_checks.push(c);
}

fn total(
    line: u32,
    source: Option<String>,
    label: &str,
    measure: &str,
    stated: i64,
    read: i64,
) -> TotalsCheck {
    TotalsCheck {
        line,
        source,
        label: Some(label.to_owned()),
        measure: measure.to_owned(),
        stated,
        read,
        agrees: false,
    }
}

/// Compares the totals [`stated`] found with the rows read: every table row except those whose
/// lines are in `not_read` (rows normalize could not read). Rows skipped on purpose (a personal
/// bill's 支出) were read, so they count.
pub(crate) fn settle(
    input: &mut Input,
    table: &Table,
    not_read: &BTreeSet<u32>,
    approved: Option<&BTreeSet<u32>>,
) {
    for p in &table.totals.pending {
        // Every row read, from the sums taken before any layout rewrote a cell.
        let mut all = (p.sum, 0i64);
        for row in &table.rows {
            if not_read.contains(&row.line) {
                all.0 -= value(&p.basis, row).0;
            } else {
                all.1 += 1;
            }
        }
        // Other rows a 合计 row may total, each a convention real files follow: the section
        // since the total row above (小计, 本页合计, per-terminal 合计), and the approved rows only
        // (a terminal log's 合计 of successful transactions).
        let over = |keep: &dyn Fn(u32) -> bool| {
            table
                .rows
                .iter()
                .filter(|r| !not_read.contains(&r.line) && keep(r.line))
                .fold((0i64, 0i64), |(sum, rows), r| (sum + value(&p.basis, r).0, rows + 1))
        };
        let ok = |line: u32| approved.is_some_and(|a| a.contains(&line));
        // A money column normalize decided is in 分 (whole numbers under a header naming none).
        let scale =
            if p.field.is_some_and(|f| table.units.get(&f) == Some(&Unit::Fen)) { 100 } else { 1 };
        let stated = p.stated / scale;
        let slack = |rows: i64| if p.finer { rows } else { 0 };
        let agrees = |&(read, rows): &(i64, i64)| (stated - read / scale).abs() <= slack(rows);
        // Readings in order of preference, each taken only when the ones before disagree.
        use Reading::{All, Approved, ApprovedSection, Section};
        let order: &[Reading] = match p.since {
            None => &[All],
            Some((_, true)) => &[Section, ApprovedSection],
            Some(_) => &[All, Section, Approved, ApprovedSection],
        };
        let take = |reading| match reading {
            All => all,
            Section => over(&|l| p.in_segment(l)),
            Approved => over(&ok),
            ApprovedSection => over(&|l| p.in_segment(l) && ok(l)),
        };
        let mut first = None;
        let mut chosen = None;
        for &reading in order {
            if approved.is_none() && matches!(reading, Approved | ApprovedSection) {
                continue;
            }
            let r = take(reading);
            first.get_or_insert(r);
            if agrees(&r) {
                chosen = Some(r);
                break;
            }
        }
        let (read, rows) = chosen.or(first).unwrap_or(all);
        record(input, total(p.line, None, &p.label, p.measure, stated, read / scale), slack(rows));
    }
    input.totals_checks.sort_by_key(|c| c.line);
}

/// A 支付宝 业务明细(汇总): the totals it states for one account and period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Index of the summary's input.
    input: usize,
    file: String,
    scope: Option<String>,
    /// (label, measure, stated) from its 合计 row, or the sum of its store rows.
    totals: Vec<(String, &'static str, i64)>,
}

/// The summary's columns and what they total in the 业务明细.
const SUMMARY_COLUMNS: &[(&str, &str)] = &[
    ("交易订单总笔数", "count_sale"),
    ("退款订单总笔数", "count_refund"),
    ("订单金额", "amount"),
    ("服务费", "fee"),
];

/// The totals of a summary file, read from its table.
pub(crate) fn summary_of(input: usize, file: &str, table: &Table) -> Summary {
    let keys: Vec<String> = table.header.iter().map(|h| header_key(h)).collect();
    let total_row = table
        .totals
        .rows
        .iter()
        .find(|r| r.cells.first().is_some_and(|c| ["合计", "总计"].contains(&unwrap_cell(c))));
    let rows: Vec<&RawRow> = match total_row {
        Some(row) => vec![row],
        None => table.rows.iter().collect(),
    };
    let mut totals = Vec::new();
    for (name, measure) in SUMMARY_COLUMNS {
        let Some(col) = keys.iter().position(|k| k == name) else { continue };
        let cell = |r: &&RawRow| r.cells.get(col).map_or("", |c| unwrap_cell(c)).to_owned();
        let sum: Option<i64> = if measure.starts_with("count") {
            rows.iter().map(|r| cell(r).parse::<i64>().ok()).sum()
        } else {
            rows.iter().map(|r| money(&cell(r))).sum()
        };
        if let Some(sum) = sum {
            totals.push((table.header[col].clone(), *measure, sum));
        }
    }
    Summary { input, file: file.to_owned(), scope: table.totals.scope.clone(), totals }
}

/// Checks each 支付宝 summary against the 业务明细 of the same account and period (or, when a
/// file names neither, the only 业务明细 loaded). The checks are written on the detail's input,
/// naming the summary as their `source`; a summary with no detail to check says so.
pub(crate) fn cross_file(
    inputs: &mut [Input],
    scopes: &[Option<String>],
    records: &[Record],
    summaries: &[Summary],
) {
    let details: Vec<usize> = (0..inputs.len())
        .filter(|&i| inputs[i].dialect.as_deref() == Some("alipay_bill"))
        .collect();
    for summary in summaries {
        let same: Vec<usize> = details
            .iter()
            .copied()
            .filter(|&i| summary.scope.is_some() && scopes[i] == summary.scope)
            .collect();
        let matched = if same.is_empty() && details.len() == 1 { details.clone() } else { same };
        if matched.is_empty() {
            inputs[summary.input].warnings.push(RowNote::new(0, Note::SummaryUnchecked));
            continue;
        }
        let rows = || records.iter().filter(|r| matched.contains(&r.file_idx));
        let signed = |r: &Record| match r.txn_type {
            TxnType::Refund | TxnType::Void | TxnType::Reversal => -r.amount_cents,
            _ => r.amount_cents,
        };
        let target = matched[0];
        for (label, measure, stated) in &summary.totals {
            let (measure_name, read) = match *measure {
                "count_sale" => {
                    ("count", rows().filter(|r| r.txn_type == TxnType::Sale).count() as i64)
                }
                "count_refund" => {
                    ("count", rows().filter(|r| r.txn_type == TxnType::Refund).count() as i64)
                }
                "amount" => ("amount", rows().map(signed).sum()),
                _ => ("fee", rows().filter_map(|r| r.fee_cents).sum()),
            };
            let check = total(0, Some(summary.file.clone()), label, measure_name, *stated, read);
            record(&mut inputs[target], check, 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use chrono::NaiveDate;
    use expect_test::{Expect, expect};

    use crate::config::{Options, SourceFile};
    use crate::normalize::tests::{Enc, encode};
    use crate::report::Input;

    fn render(inputs: &[Input]) -> String {
        let mut out = String::new();
        for input in inputs {
            writeln!(out, "{} ({} rows)", input.file, input.data_rows).unwrap();
            for c in &input.totals_checks {
                let verdict = if c.agrees { "agrees" } else { "DIFFERS" };
                let source = c.source.as_deref().map_or(String::new(), |s| format!(" from {s}"));
                writeln!(
                    out,
                    "  L{}{source} {} {}: stated {} read {} {verdict}",
                    c.line,
                    c.label.as_deref().unwrap_or("-"),
                    c.measure,
                    c.stated,
                    c.read
                )
                .unwrap();
            }
            for w in &input.warnings {
                writeln!(out, "  warning L{}: {}", w.line, w.reason).unwrap();
            }
        }
        out
    }

    fn check(files: &[(&str, &str, Enc)], expected: &Expect) {
        let files: Vec<SourceFile> = files
            .iter()
            .map(|(name, text, enc)| SourceFile::new(*name, encode(text, *enc)))
            .collect();
        let options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 16).unwrap());
        expected.assert_eq(&render(&crate::inspect(&files, &options)));
    }

    #[test]
    fn total_rows_against_the_rows_read() {
        let cases: &[(&str, &str, Expect)] = &[
            (
                "signed rows, a count and every money column the total fills",
                "\
交易时间,终端号,交易类型,交易金额,手续费,结算金额
2026-11-09 10:02:11,10086602,消费,268.00,1.02,266.98
2026-11-09 11:00:00,10086602,退货,-45.50,-0.17,-45.33
2026-11-09 12:00:00,10086602,消费,\"1,024.00\",3.89,\"1,020.11\"
合计：共3笔,,,\"1,246.50\",4.74,\"1,241.76\"
",
                expect![[r#"
                    a.csv (3 rows)
                      L5 合计：共3笔 交易金额 amount: stated 124650 read 124650 agrees
                      L5 合计：共3笔 手续费 fee: stated 474 read 474 agrees
                      L5 合计：共3笔 结算金额 net: stated 124176 read 124176 agrees
                      L5 合计：共3笔 count: stated 3 read 3 agrees
                "#]],
            ),
            (
                "a total the rows do not reach, and a row that could not be read",
                "\
交易时间,终端号,交易金额,应答码
2026-11-09 10:02:11,10086602,268.00,00
2026-11-09 10:05:40,10086602,12.50,00
2026-11-09 99:99:99,10086602,30.00,00
合计,,320.50,
",
                expect![[r#"
                    a.csv (2 rows)
                      L5 合计 交易金额 amount: stated 32050 read 28050 DIFFERS
                      warning L5: 合计 交易金额 states 320.50 元, the rows read give 280.50 元; they differ by 40.00 元
                "#]],
            ),
            (
                "a wallet bill's totals header: five-decimal fees round by a fen per row",
                "\
交易时间,公众账号ID,商户号,微信订单号,商户订单号,交易类型,交易状态,总金额,退款金额,手续费
`2026-11-09 10:15:02,`wx1,`1900000109,`4200001,`A1,`MICROPAY,`SUCCESS,`268.00,`0,`1.60800
`2026-11-09 10:21:30,`wx1,`1900000109,`4200002,`A2,`MICROPAY,`SUCCESS,`45.00,`0,`0.27000
`2026-11-09 10:22:30,`wx1,`1900000109,`4200003,`A3,`MICROPAY,`SUCCESS,`10.00,`0,`0.00505
总交易单数,总交易额,总退款金额,手续费总金额
`3,`323.00,`0.00,`1.88305
",
                expect![[r#"
                    a.csv (3 rows)
                      L6 总交易单数 count: stated 3 read 3 agrees
                      L6 总交易额 amount: stated 32300 read 32300 agrees
                      L6 总退款金额 refund: stated 0 read 0 agrees
                      L6 手续费总金额 fee: stated 188 read 189 agrees
                "#]],
            ),
            (
                "小计 per day, per-terminal 合计 rows, a 总计 over the table",
                "\
交易时间,终端号,交易金额
2026-11-09 10:02:11,10086602,268.00
2026-11-09 11:00:00,10086602,12.00
小计,,280.00
2026-11-10 09:00:00,10086602,20.00
小计,,20.00
合计,,300.00
2026-11-10 09:30:00,10086603,5.00
合计,,5.00
总计,,305.00
",
                expect![[r#"
                    a.csv (0 rows)
                      L4 小计 交易金额 amount: stated 28000 read 28000 agrees
                      L6 小计 交易金额 amount: stated 2000 read 2000 agrees
                      L7 合计 交易金额 amount: stated 30000 read 30000 agrees
                      L9 合计 交易金额 amount: stated 500 read 500 agrees
                      L10 总计 交易金额 amount: stated 30500 read 30500 agrees
                "#]],
            ),
            (
                "a terminal log's 合计 of its approved rows only",
                "\
交易时间,终端号,交易金额,应答码,应答信息
2026-11-09 10:02:11,10086602,268.00,00,交易成功
2026-11-09 10:05:40,10086602,\"1,580.00\",,交易超时
2026-11-09 10:06:02,10086602,45.50,51,余额不足
2026-11-09 10:07:00,10086602,12.00,00,交易成功
合计,,280.00,,
",
                expect![[r#"
                    a.csv (4 rows)
                      L6 合计 交易金额 amount: stated 28000 read 28000 agrees
                "#]],
            ),
        ];
        // The first element names the case; expect_test points at the failing snapshot.
        for (_case, text, expected) in cases {
            check(&[("a.csv", text, Enc::Utf8)], expected);
        }
    }

    #[test]
    fn old_alipay_footer_counts_by_fund_state() {
        let text = "\
支付宝交易记录明细查询
账号:[20881234567890120156]
---------------------------------交易记录明细列表------------------------------------
交易号,商家订单号,交易创建时间,付款时间,最近修改时间,交易来源地,类型,交易对方,商品名称,金额（元）,收/支,交易状态,服务费（元）,成功退款（元）,备注,资金状态,
2026110922001433331400000201\t,\t,2026-11-09 11:02:30,2026-11-09 11:02:33,2026-11-09 11:02:33,其他,即时到账交易,顾客丁,收钱码收款,32.50,收入,交易成功,0.00,0.00,,已收入,
2026110922001433331400000202\t,\t,2026-11-09 12:14:58,2026-11-09 12:15:00,2026-11-09 12:15:00,其他,即时到账交易,示例快餐,午餐,18.00,支出,交易成功,0.00,0.00,,已支出,
2026110922001433331400000204\t,\t,2026-11-09 14:30:08,2026-11-09 14:30:10,2026-11-09 14:30:10,其他,即时到账交易,顾客戊,收钱码收款,120.00,,交易成功,0.00,0.00,,已收入,
------------------------------------------------------------------------------------
共3笔记录
已收入:2笔,152.50元
待收入:0笔,0.00元
已支出:1笔,18.00元
";
        check(
            &[("alipay_record_20261110.csv", text, Enc::Gbk)],
            &expect![[r#"
            alipay_record_20261110.csv (2 rows)
              L10 已收入 count: stated 2 read 2 agrees
              L10 已收入 amount: stated 15250 read 15250 agrees
              L12 已支出 count: stated 1 read 1 agrees
              L12 已支出 amount: stated 1800 read 1800 agrees
        "#]],
        );
    }

    #[test]
    fn personal_bill_preamble_counts_every_row_it_lists() {
        check(
            &[("微信支付账单.csv", crate::normalize::wallet::tests::WECHAT_PERSONAL, Enc::Utf8Bom)],
            &expect![[r#"
                微信支付账单.csv (4 rows)
                  L8 收入 count: stated 4 read 4 agrees
                  L8 收入 amount: stated 111100 read 111100 agrees
                  L9 支出 count: stated 3 read 3 agrees
                  L9 支出 amount: stated 29350 read 29350 agrees
                  L10 中性交易 count: stated 1 read 1 agrees
                  L10 中性交易 amount: stated 100000 read 100000 agrees
            "#]],
        );
    }

    /// The 业务明细 of the fixtures, and its 汇总 (2 trades, 1 refund, 80.50 net of the refund).
    const DETAIL: &str = "\
#支付宝业务明细查询
#账号：[20881234567890120156]
#起始日期：[2026年11月09日 00:00:00]   终止日期：[2026年11月10日 00:00:00]
支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,订单金额（元）,商家实收（元）,服务费（元）
2026110922001433331401234567\t,A1\t,交易\t,商品\t,2026-11-09 11:20:01\t,2026-11-09 11:20:05\t,S01\t,88.00\t,88.00\t,-0.53\t
2026110922001433331401234599\t,A2\t,交易\t,商品\t,2026-11-09 14:02:41\t,2026-11-09 14:02:44\t,S01\t,12.50\t,12.50\t,-0.08\t
2026110922001433331401234567\t,A1\t,退款\t,商品\t,2026-11-09 19:00:00\t,2026-11-09 19:00:02\t,S01\t,-20.00\t,-20.00\t,0.12\t
#交易合计：2笔，商家实收共100.50元
#退款合计：1笔，商家实收共-20.00元
";

    fn summary(values: &str) -> String {
        format!(
            "#支付宝业务汇总查询
#账号：[20881234567890120156]
#起始日期：[2026年11月09日 00:00:00]   终止日期：[2026年11月10日 00:00:00]
门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,服务费（元）,实收净额（元）
S01,示例茶饮店,{values}
合计,,{values}
"
        )
    }

    #[test]
    fn a_summary_checks_the_detail_of_its_account() {
        let agreeing = summary("2,1,80.50,80.50,-0.49,80.01");
        check(
            &[
                ("2088_20261109_业务明细.csv", DETAIL, Enc::Gbk),
                ("2088_20261109_业务明细(汇总).csv", &agreeing, Enc::Gbk),
            ],
            &expect![[r#"
                2088_20261109_业务明细(汇总).csv (0 rows)
                  L6 合计 订单金额（元） amount: stated 8050 read 8050 agrees
                  L6 合计 服务费（元） fee: stated -49 read -49 agrees
                2088_20261109_业务明细.csv (3 rows)
                  L8 交易合计 count: stated 2 read 2 agrees
                  L8 交易合计 商家实收 amount: stated 10050 read 10050 agrees
                  L9 退款合计 count: stated 1 read 1 agrees
                  L9 退款合计 商家实收 refund: stated -2000 read -2000 agrees
                  L0 from 2088_20261109_业务明细(汇总).csv 交易订单总笔数 count: stated 2 read 2 agrees
                  L0 from 2088_20261109_业务明细(汇总).csv 退款订单总笔数 count: stated 1 read 1 agrees
                  L0 from 2088_20261109_业务明细(汇总).csv 订单金额（元） amount: stated 8050 read 8050 agrees
                  L0 from 2088_20261109_业务明细(汇总).csv 服务费（元） fee: stated -49 read -49 agrees
            "#]],
        );
        // The issue's summary beside a detail it does not describe.
        let other = summary("3,1,115.50,115.50,-0.70,114.80");
        check(
            &[
                ("2088_20261109_业务明细.csv", DETAIL, Enc::Gbk),
                ("2088_20261109_业务明细(汇总).csv", &other, Enc::Gbk),
            ],
            &expect![[r#"
                2088_20261109_业务明细(汇总).csv (0 rows)
                  L6 合计 订单金额（元） amount: stated 11550 read 11550 agrees
                  L6 合计 服务费（元） fee: stated -70 read -70 agrees
                2088_20261109_业务明细.csv (3 rows)
                  L8 交易合计 count: stated 2 read 2 agrees
                  L8 交易合计 商家实收 amount: stated 10050 read 10050 agrees
                  L9 退款合计 count: stated 1 read 1 agrees
                  L9 退款合计 商家实收 refund: stated -2000 read -2000 agrees
                  L0 from 2088_20261109_业务明细(汇总).csv 交易订单总笔数 count: stated 3 read 2 DIFFERS
                  L0 from 2088_20261109_业务明细(汇总).csv 退款订单总笔数 count: stated 1 read 1 agrees
                  L0 from 2088_20261109_业务明细(汇总).csv 订单金额（元） amount: stated 11550 read 8050 DIFFERS
                  L0 from 2088_20261109_业务明细(汇总).csv 服务费（元） fee: stated -70 read -49 DIFFERS
                  warning L0: '2088_20261109_业务明细(汇总).csv': 交易订单总笔数 states 3 笔, the rows read give 2 笔; they differ by 1 笔
                  warning L0: '2088_20261109_业务明细(汇总).csv': 订单金额（元） states 115.50 元, the rows read give 80.50 元; they differ by 35.00 元
                  warning L0: '2088_20261109_业务明细(汇总).csv': 服务费（元） states -0.70 元, the rows read give -0.49 元; they differ by -0.21 元
            "#]],
        );
        // Alone, a summary is never a payment and says it checked nothing.
        check(
            &[("2088_20261109_业务明细(汇总).csv", &other, Enc::Gbk)],
            &expect![[r#"
            2088_20261109_业务明细(汇总).csv (0 rows)
              L6 合计 订单金额（元） amount: stated 11550 read 11550 agrees
              L6 合计 服务费（元） fee: stated -70 read -70 agrees
              warning L0: no 业务明细 of the same account and period is loaded; this summary's totals are not checked
        "#]],
        );
    }
}
