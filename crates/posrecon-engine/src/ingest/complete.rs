//! Everything a table gets after its columns are known: the header signature, a saved column
//! mapping, the known layout (`dialect`), identifiers Excel rewrote in scientific notation, the
//! merchant the file names (`merchant`), the unit of whole-number amount columns and the date that
//! fixes the year of `MMDD` dates.

use chrono::NaiveDate;

use super::table::{Cell, Context, MappingTemplate, Table};
use super::{dialect, header};
use crate::accounting::{Input, RowNote};
use crate::cell::text::unwrap_cell;
use crate::cell::time;
use crate::message::{FenEvidence, Note};
use crate::model::{Field, Role};

/// The header's signature: its non-empty normalised names joined by `|`.
pub(crate) fn signature<S: AsRef<str>>(cells: &[S]) -> String {
    cells
        .iter()
        .map(|c| header::key(c.as_ref()))
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join("|")
}

/// Everything a table gets after its columns are known: the header signature, a saved mapping,
/// the dialect, identifiers Excel rewrote in scientific notation, the unit of integer-only amount
/// columns and the date that fixes the year of `MMDD` dates. Returns the role a saved mapping
/// forces (confidence 1) or a known layout implies (0.95), if any.
pub(crate) fn complete(
    input: &mut Input,
    table: &mut Table,
    preamble: &[Vec<Cell>],
    ctx: &Context,
) -> Option<(Role, f64)> {
    let header_line = input.header_line.unwrap_or(0);
    let sig = signature(&table.header);
    let template = ctx.templates.iter().find(|t| t.header_signature == sig);
    input.header_signature = (!sig.is_empty()).then_some(sig);
    let mut forced = None;
    if let Some(template) = template {
        apply_template(template, table, &mut input.warnings, header_line);
        table.template = Some(template.clone());
        forced = template.role.map(|role| (role, 1.0));
    }
    let found = dialect::detect(&input.file, &table.header, preamble);
    // Totals are read from the cells as written, before a layout rewrites any.
    let fen_dialect = found.is_some_and(|d| dialect::amounts_in_fen(d.name));
    super::totals::stated(table, header_line, preamble, fen_dialect);
    if let Some(dialect) = found {
        input.dialect = Some(dialect.name.to_owned());
        dialect::apply(dialect.name, table);
        forced = forced.or(Some((dialect.role, 0.95)));
    }
    scientific_ids(table, &mut input.warnings);
    input.merchant = super::merchant::read(preamble, table);
    integer_amounts(table, input.dialect.as_deref(), &mut input.warnings, header_line);
    table.reference_date = reference_date(preamble, table).or(ctx.as_of);
    forced
}

fn apply_template(
    template: &MappingTemplate,
    table: &mut Table,
    warnings: &mut Vec<RowNote>,
    header_line: u32,
) {
    for (field_name, header_text) in &template.columns {
        let Some(field) = Field::parse(field_name) else {
            let note = Note::MappingUnknownField { field: field_name.clone() };
            warnings.push(RowNote::new(header_line, note));
            continue;
        };
        let wanted = header::key(header_text);
        let col = table
            .header
            .iter()
            .position(|h| h == header_text.trim())
            .or_else(|| table.header.iter().position(|h| header::key(h) == wanted));
        let Some(col) = col else {
            let note =
                Note::MappingNoColumn { column: header_text.clone(), field: field_name.clone() };
            warnings.push(RowNote::new(header_line, note));
            continue;
        };
        table.columns.retain(|_, c| *c != col);
        table.columns.insert(field, col);
    }
}

/// Identifier cells Excel turned into scientific notation (`6.22848E+18`): rebuilt when every
/// digit is still there, else dropped from the row with a warning (the row itself is still used).
fn scientific_ids(table: &mut Table, warnings: &mut Vec<RowNote>) {
    let id_fields = [
        Field::MerchantId,
        Field::TerminalId,
        Field::BatchNo,
        Field::Stan,
        Field::Rrn,
        Field::OrigRrn,
        Field::OrigStan,
        Field::AuthCode,
        Field::Card,
        Field::OrderId,
        Field::ChannelOrderId,
        Field::PayOrderId,
    ];
    let columns: Vec<(Field, usize)> =
        id_fields.iter().filter_map(|f| table.columns.get(f).map(|&c| (*f, c))).collect();
    for i in 0..table.rows.len() {
        let row = table.rows[i];
        for &(field, col) in &columns {
            let Some(cell) = table.row(&row).get(col) else { continue };
            match scientific(cell) {
                None => {}
                Some(Ok(digits)) => table.set_cell(&row, col, &digits),
                Some(Err(())) => {
                    let value = unwrap_cell(cell).to_owned();
                    warnings.push(RowNote::new(row.line, Note::ScientificId { field, value }));
                    table.set_cell(&row, col, "");
                }
            }
        }
    }
}

/// `Some(Ok(digits))` for scientific notation that still holds every digit of an integer,
/// `Some(Err(()))` when digits were lost, `None` when the cell is not scientific notation.
pub(crate) fn scientific(cell: &str) -> Option<Result<String, ()>> {
    let s = unwrap_cell(cell);
    let (mantissa, exponent) = s.split_once(['E', 'e'])?;
    let exponent: i32 = exponent.strip_prefix('+').unwrap_or(exponent).parse().ok()?;
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let numeric = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if int_part.is_empty() || int_part.len() > 3 || !numeric(int_part) || !numeric(frac_part) {
        return None;
    }
    let shown = i32::try_from(frac_part.len()).ok()?;
    if !(1..=30).contains(&exponent) || shown > exponent {
        // 1.5E+2 style amounts or fractions: not an identifier Excel shortened.
        return if exponent >= 1 { Some(Err(())) } else { None };
    }
    if shown == exponent {
        return Some(Ok(format!("{int_part}{frac_part}")));
    }
    Some(Err(()))
}

/// Marks integer-only money columns whose header names no unit as 分 when the data leaves no
/// reasonable doubt; says so in a warning.
fn integer_amounts(
    table: &mut Table,
    dialect: Option<&str>,
    warnings: &mut Vec<RowNote>,
    header_line: u32,
) {
    let integers = |field: Field| -> Option<Vec<i64>> {
        let col = *table.columns.get(&field)?;
        let mut values = Vec::new();
        for row in &table.rows {
            let cell = unwrap_cell(table.cell_at(row, col));
            let digits = cell.strip_prefix('-').unwrap_or(cell);
            if digits.is_empty() {
                continue;
            }
            if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 15 {
                return None;
            }
            values.push(digits.parse().ok()?);
        }
        (!values.is_empty()).then_some(values)
    };
    let names_unit = |field: Field| {
        table
            .header_of(field)
            .is_some_and(|h| h.contains('元') || h.contains('分') || h.contains("yuan"))
    };
    let Some(amounts) = integers(Field::Amount) else { return };
    // Bank statements write 元 (and whole-yuan transfers are common there).
    let bank = [Field::Debit, Field::Credit, Field::Direction]
        .iter()
        .any(|f| table.columns.contains_key(f))
        || table.header.iter().any(|h| h.contains("余额"));
    if names_unit(Field::Amount) || amounts.len() < 3 || bank {
        return;
    }
    let fen_dialect = dialect.is_some_and(dialect::amounts_in_fen);
    let fees_whole = integers(Field::Fee).is_some_and(|fees| fees.iter().any(|f| *f != 0));
    let mut sorted = amounts.clone();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2];
    let uneven = amounts.iter().filter(|a| *a % 100 != 0).count();
    let large_and_uneven = median >= 10_000 && uneven * 2 > amounts.len();
    if !(fen_dialect || fees_whole || large_and_uneven) {
        return;
    }
    let evidence = if fen_dialect {
        FenEvidence::Layout
    } else if fees_whole {
        FenEvidence::WholeFees
    } else {
        FenEvidence::LargeUneven
    };
    let fen: Vec<Field> = [Field::Amount, Field::Fee, Field::Net]
        .into_iter()
        .filter(|&field| table.columns.contains_key(&field) && !names_unit(field))
        .collect();
    for field in fen {
        table.units.insert(field, crate::cell::amount::Unit::Fen);
    }
    warnings.push(RowNote::new(header_line, Note::AmountsInFen { evidence }));
}

/// The date that decides the year of `MMDD` dates: the last full date in the preamble (查询时段
/// `2026-01-01 至 2026-01-31` gives its end), else the latest full date in the data.
fn reference_date(preamble: &[Vec<Cell>], table: &Table) -> Option<NaiveDate> {
    let from_preamble =
        preamble.iter().flat_map(|row| row.iter()).flat_map(|cell| dates_in(cell)).max();
    if from_preamble.is_some() {
        return from_preamble;
    }
    let fields = [Field::SettlementDate, Field::Date, Field::Time];
    let cols: Vec<usize> = fields.iter().filter_map(|f| table.columns.get(f).copied()).collect();
    table
        .rows
        .iter()
        .take(1000)
        .flat_map(|row| cols.iter().filter_map(|&c| table.row(row).get(c)))
        .filter_map(time::parse_date)
        .max()
}

/// Full dates written anywhere in a free-text cell (`查询时段：2026-01-01至2026-01-31`,
/// `#起始日期：[2026年11月01日 00:00:00]`).
pub(crate) fn dates_in(cell: &str) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let chars: Vec<char> = cell.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // Take the longest run of digits and date separators starting here.
        let mut j = i;
        while j < chars.len()
            && (chars[j].is_ascii_digit()
                || matches!(chars[j], '-' | '/' | '.' | '年' | '月' | '日'))
        {
            j += 1;
        }
        let candidate: String = chars[i..j].iter().collect();
        let candidate = candidate.trim_end_matches(['-', '/', '.']);
        if let Some(date) = time::parse_date(candidate) {
            out.push(date);
        }
        i = j.max(i + 1);
    }
    out
}
