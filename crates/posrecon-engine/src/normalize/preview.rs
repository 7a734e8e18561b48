//! What a saved column mapping made of a table ([`MappingPreview`]), for the merchant to see
//! before trusting the money.
//!
//! A mapping can be right column by column and still wrong in what it makes of the rows: a
//! shop's own till writes `好了` where acquirers write `交易成功`, the engine reads no outcome in
//! it, and every sale becomes a 结果待定 counted in the money at risk. Nothing failed, so nothing
//! said so. The preview shows the first rows as read, counts how the rows ended, and lists the
//! file's own status and type words with what each was read as, so the merchant can map them
//! (`MappingTemplate::status_values`, `type_values`); when most rows are left unknown or
//! rejected, a warning on the file says so in words.
//!
//! Only tables a saved mapping applied to get one: a file the engine recognised without help is
//! described by its dialect and row accounting, and reports of such files stay as they were.

use std::collections::{BTreeMap, HashMap};

use crate::accounting::{ColumnValues, Input, MappingPreview, PreviewRow, RowNote, ValueCount};
use crate::ingest::{Field, Table};
use crate::message::Note;
use crate::model::{Outcome, Record};
use crate::normalize::text::unwrap_cell;

/// Writes `input.mapping_preview` and, when most rows are unknown or rejected, a warning.
///
/// In: the table as read (its `template` is the mapping applied), its records (line order) and
/// its input with the rejected rows already written. Does nothing without a template.
pub(super) fn write(input: &mut Input, table: &Table, records: &[Record]) {
    let Some(template) = &table.template else { return };
    let count = |outcome: Outcome| records.iter().filter(|r| r.outcome == outcome).count() as u64;
    let mut preview = MappingPreview {
        rows: records.iter().take(MappingPreview::ROWS).map(|r| row(table, r)).collect(),
        read: records.len() as u64,
        approved: count(Outcome::Approved),
        declined: count(Outcome::Declined),
        unknown: count(Outcome::Unknown),
        rejected: input.rejected_rows.len() as u64,
        values: Vec::new(),
    };
    let by_line: HashMap<u32, &Record> = records.iter().map(|r| (r.line, r)).collect();
    let status_column =
        [Field::Status, Field::ResponseText].into_iter().find(|f| table.columns.contains_key(f));
    if let Some(field) = status_column {
        let read_as = |r: &Record| snake(&r.outcome);
        let mapped = |v: &str| template.status_values.contains_key(v);
        preview.values.push(values(table, field, "status", &by_line, read_as, mapped));
    }
    if table.columns.contains_key(&Field::TxnType) {
        let read_as = |r: &Record| snake(&r.txn_type);
        let mapped = |v: &str| template.type_values.contains_key(v);
        preview.values.push(values(table, Field::TxnType, "type", &by_line, read_as, mapped));
    }
    let rows = preview.read + preview.rejected;
    let line = input.header_line.unwrap_or(0);
    // "Most": more than half, and more than one row, so a single odd line is not an alarm.
    if preview.unknown > 1 && preview.unknown * 2 > rows {
        let note = Note::MappingMostlyUnknown { unknown: preview.unknown, rows };
        input.warnings.push(RowNote::new(line, note));
    }
    if preview.rejected > 1 && preview.rejected * 2 > rows {
        let note = Note::MappingMostlyRejected { rejected: preview.rejected, rows };
        input.warnings.push(RowNote::new(line, note));
    }
    input.mapping_preview = Some(preview);
}

/// One record as the preview shows it.
fn row(table: &Table, record: &Record) -> PreviewRow {
    let status = table
        .rows
        .iter()
        .find(|r| r.line == record.line)
        .and_then(|raw| {
            [Field::Status, Field::ResponseText].into_iter().find_map(|f| table.cell(raw, f))
        })
        .map(|c| unwrap_cell(c).trim().to_owned())
        .filter(|c| !c.is_empty());
    let reference = [&record.rrn, &record.stan, &record.order_id]
        .into_iter()
        .find_map(|id| id.as_ref().map(|id| id.to_string()));
    PreviewRow {
        line: record.line,
        time: record.time.map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string()),
        amount_cents: record.amount_cents,
        txn_type: record.txn_type,
        outcome: record.outcome,
        status,
        terminal_id: record.terminal_id.as_ref().map(|id| id.to_string()),
        card_masked: record.card_masked.as_ref().map(|c| c.to_string()),
        reference,
    }
}

/// The distinct values of one column, most rows first, each with what its first read row was
/// read as.
fn values(
    table: &Table,
    field: Field,
    name: &str,
    by_line: &HashMap<u32, &Record>,
    read_as: impl Fn(&Record) -> String,
    mapped: impl Fn(&str) -> bool,
) -> ColumnValues {
    let col = table.columns.get(&field).copied();
    let mut seen: BTreeMap<String, (u64, Option<String>)> = BTreeMap::new();
    for raw in &table.rows {
        let Some(cell) = col.and_then(|c| table.row(raw).get(c)) else { continue };
        let value = unwrap_cell(cell).trim();
        if value.is_empty() {
            continue;
        }
        let entry = seen.entry(value.to_owned()).or_insert((0, None));
        entry.0 += 1;
        if entry.1.is_none() {
            entry.1 = by_line.get(&raw.line).map(|r| read_as(r));
        }
    }
    let mut listed: Vec<ValueCount> = seen
        .into_iter()
        .map(|(value, (rows, read_as))| {
            let mapped = mapped(&value);
            ValueCount { value, rows, read_as, mapped }
        })
        .collect();
    // Most rows first; equal counts keep the BTreeMap's order (as written, sorted).
    listed.sort_by_key(|v| std::cmp::Reverse(v.rows));
    let more = listed.len().saturating_sub(MappingPreview::VALUES) as u64;
    listed.truncate(MappingPreview::VALUES);
    let column = col.and_then(|c| table.header.get(c)).cloned().unwrap_or_default();
    ColumnValues { field: name.to_owned(), column, values: listed, more }
}

/// A unit enum's snake_case name, as the report writes it.
fn snake<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{MappingTemplate, Options, SourceFile};
    use crate::message::Note;
    use crate::model::{Outcome, Role, TxnType};
    use chrono::NaiveDate;

    /// A till's own export (issue 13): headers no acquirer uses, and `好了` for a payment that
    /// went through. 9 sales say `好了`; one `不行`, typed `收钱`.
    fn till_file() -> SourceFile {
        let mut text = String::from("时间点,机器,钱,结果,票号,类别\n");
        for i in 0..9 {
            text.push_str(&format!(
                "2026-11-09 10:0{i}:00,T0{i},{}.50,好了,00012{i},消费\n",
                100 + i
            ));
        }
        text.push_str("2026-11-09 11:00:00,T01,58.00,不行,000130,收钱\n");
        SourceFile::new("till.csv", text.into_bytes())
    }

    fn template() -> MappingTemplate {
        let columns = [
            ("time", "时间点"),
            ("terminal_id", "机器"),
            ("amount", "钱"),
            ("status", "结果"),
            ("stan", "票号"),
            ("type", "类别"),
        ];
        MappingTemplate {
            header_signature: "时间点|机器|钱|结果|票号|类别".to_owned(),
            role: Some(Role::TerminalLog),
            columns: columns.iter().map(|(f, h)| ((*f).to_owned(), (*h).to_owned())).collect(),
            ..MappingTemplate::default()
        }
    }

    fn analyze(template: MappingTemplate) -> crate::report::Report {
        let mut options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        options.mapping_templates = vec![template];
        crate::analyze(&[till_file()], &options)
    }

    #[test]
    fn unmapped_own_words_leave_every_row_pending_and_say_so() {
        let report = analyze(template());
        let input = &report.inputs[0];
        let preview = input.mapping_preview.as_ref().expect("a mapped table has a preview");
        assert_eq!((preview.read, preview.unknown, preview.approved), (10, 10, 0));
        let warning = input
            .warnings
            .iter()
            .find(|w| matches!(w.note, Note::MappingMostlyUnknown { .. }))
            .expect("most rows pending is a warning");
        assert_eq!(warning.note, Note::MappingMostlyUnknown { unknown: 10, rows: 10 });
        assert_eq!(
            warning.note.text(crate::config::Lang::Zh),
            "10 行中 10 行结果待定：请检查状态列的取值对应"
        );
        // The file's words, most rows first, each with what it was read as: what to map.
        let status = &preview.values[0];
        assert_eq!((status.field.as_str(), status.column.as_str()), ("status", "结果"));
        let listed: Vec<(&str, u64, Option<&str>, bool)> = status
            .values
            .iter()
            .map(|v| (v.value.as_str(), v.rows, v.read_as.as_deref(), v.mapped))
            .collect();
        assert_eq!(
            listed,
            [("好了", 9, Some("unknown"), false), ("不行", 1, Some("unknown"), false)]
        );
        assert_eq!(preview.values.len(), 2, "{:?} {:?}", input.columns, preview.values);
        let types = &preview.values[1].values;
        assert_eq!((types[0].value.as_str(), types[0].read_as.as_deref()), ("消费", Some("sale")));
        // Nor does it know `收钱`: not a sale until the merchant says so.
        assert_eq!((types[1].value.as_str(), types[1].read_as.as_deref()), ("收钱", Some("other")));
        // The first rows as read.
        assert_eq!(preview.rows.len(), 5);
        let first = &preview.rows[0];
        assert_eq!(first.time.as_deref(), Some("2026-11-09T10:00:00"));
        assert_eq!(first.amount_cents, 10_050);
        assert_eq!(first.status.as_deref(), Some("好了"));
        assert_eq!(first.terminal_id.as_deref(), Some("T00"));
        assert_eq!(first.reference.as_deref(), Some("000120"));
        // Counted in the money at risk: the issue's complaint.
        assert!(report.summary.money_at_risk_cents > 0);
    }

    #[test]
    fn value_mapping_reads_the_shops_words_and_the_warning_goes() {
        let mut template = template();
        template.status_values =
            [("好了".to_owned(), Outcome::Approved), ("不行".to_owned(), Outcome::Declined)]
                .into_iter()
                .collect();
        template.type_values = [("收钱".to_owned(), TxnType::Sale)].into_iter().collect();
        let report = analyze(template);
        let input = &report.inputs[0];
        let preview = input.mapping_preview.as_ref().unwrap();
        assert_eq!((preview.approved, preview.declined, preview.unknown), (9, 1, 0));
        assert!(
            !input.warnings.iter().any(|w| matches!(w.note, Note::MappingMostlyUnknown { .. }))
        );
        let status = &preview.values[0].values;
        assert_eq!(status[0].read_as.as_deref(), Some("approved"));
        assert!(status[0].mapped && status[1].mapped);
        assert_eq!(preview.rows[0].outcome, Outcome::Approved);
        // Nothing pending any more: no money in doubt.
        assert_eq!(report.summary.money_at_risk_cents, 0);
        assert!(report.findings.is_empty(), "{:?}", report.findings);
    }

    #[test]
    fn a_template_without_value_maps_writes_as_before_and_files_without_one_have_no_preview() {
        let json = serde_json::to_value(template()).unwrap();
        assert!(json.get("status_values").is_none() && json.get("type_values").is_none());
        let old: MappingTemplate = serde_json::from_str(
            r#"{"header_signature": "a|b", "role": null, "columns": {"amount": "b"}}"#,
        )
        .unwrap();
        assert!(old.status_values.is_empty());
        let report = crate::analyze(
            &[till_file()],
            &Options::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
        );
        assert!(report.inputs.iter().all(|i| i.mapping_preview.is_none()));
        let json = serde_json::to_value(&report).unwrap();
        assert!(json["inputs"][0].get("mapping_preview").is_none());
    }
}
