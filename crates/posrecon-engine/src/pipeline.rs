//! The first three stages as one pipeline: files -> [`crate::ingest`] -> [`crate::normalize`] ->
//! [`crate::matcher`], with the checks that sit between them (a file's own totals, overlapping
//! exports, files held back as guesses or misfits). [`crate::analyze`], [`crate::inspect`] and
//! [`crate::check()`] all start here, so a file reads and matches the same way whichever question
//! is asked of it.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::config::{Options, SourceFile};
use crate::matcher::{self, MatchSet};
use crate::model::Record;
use crate::report::{Input, RowNote};
use crate::{dedupe, fail_safe, ingest, normalize, totals};

/// The files read, normalised and matched.
#[derive(Debug, Clone)]
pub struct Matched {
    /// One per table read (a workbook gives one per sheet with rows, an archive one per member),
    /// in canonical order (file name, then content hash); every line of every file is accounted
    /// for here (data, skipped or rejected, with its reason).
    pub inputs: Vec<Input>,
    /// Every data row as a typed record (money in fen), [`Record::file_idx`] indexing `inputs`;
    /// rows of a file given twice, repeated in an overlapping export, or held back are not here.
    pub records: Vec<Record>,
    /// Terminal attempts paired with settlement rows, refunds with their sales, orders with their
    /// payments, bank credits with payout days; indices into `records`.
    pub set: MatchSet,
}

/// Reads, normalises and matches `files` under `options`. Never fails: a file that cannot be read
/// is an [`Input`] with an `error`, a row that cannot be used is a rejected or skipped row with its
/// reason. The files' order does not matter.
///
/// Files that do not fit the set are held back and the match runs again without them
/// (`fail_safe::misfits`).
pub fn run(files: &[SourceFile], options: &Options) -> Matched {
    let (mut inputs, mut records) = read_all(files, options);
    let mut set = matcher::run(&records, &options.settings);
    let misfits = fail_safe::misfits(&records, &inputs, &set);
    if !misfits.is_empty() {
        fail_safe::hold_back_misfits(&mut inputs, &mut records, misfits);
        set = matcher::run(&records, &options.settings);
    }
    // Wallet payments whose payout cannot be followed say so on their file.
    for (file, note) in matcher::deposit::held_in_wallet_notes(&records, &set.deposits) {
        if let Some(input) = inputs.get_mut(file) {
            input.warnings.push(RowNote::new(0, note));
            input.warnings.sort_by_key(|n| n.line);
        }
    }
    Matched { inputs, records, set }
}

/// Ingests and normalises every file in a canonical order.
///
/// Files are sorted by (name, sha256) so that input order never matters. A file whose bytes are
/// identical to an earlier one is read (so its rows are accounted for) but its rows are skipped as
/// duplicates: adding the same file twice changes nothing. Files that only overlap are merged as
/// multisets (`dedupe`).
fn read_all(files: &[SourceFile], options: &Options) -> (Vec<Input>, Vec<Record>) {
    let mut ordered: Vec<(&SourceFile, String)> =
        files.iter().map(|f| (f, ingest::sha256_hex(&f.bytes))).collect();
    ordered.sort_by(|a, b| a.0.name.cmp(&b.0.name).then_with(|| a.1.cmp(&b.1)));

    let mut inputs = Vec::with_capacity(ordered.len());
    let mut records = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    // Wallet summaries and the scope (account, period) of every input, for the cross-file totals.
    let mut summaries = Vec::new();
    let mut scopes = Vec::new();
    let read_options = ingest::ReadOptions {
        role_overrides: Some(&options.role_overrides),
        encoding_overrides: Some(&options.encoding_overrides),
        templates: &options.mapping_templates,
        // `inspect` passes no real today (NaiveDate::MIN); a year is then only taken from files.
        as_of: (options.as_of != NaiveDate::MIN).then_some(options.as_of),
        sha256: None,
    };
    for (file, sha256) in ordered {
        // One file may hold several tables (sheets, archive members); each is its own input.
        let read_options = ingest::ReadOptions { sha256: Some(&sha256), ..read_options };
        for mut ingested in ingest::read(&file.name, &file.bytes, &read_options) {
            let file_idx = inputs.len();
            let mut file_records = normalize::run(&mut ingested, file_idx);
            if ingested.input.dialect.as_deref() == Some("alipay_summary") {
                summaries.push(totals::summary_of(file_idx, &ingested.input.file, &ingested.table));
            }
            scopes.push(ingested.table.totals.scope.take());
            let mut input = ingested.input;
            fail_safe::hold_back_guesses(&mut input, &mut file_records);
            let key = format!("{}/{}", input.sha256, input.sheet.as_deref().unwrap_or(""));
            if let Some(first) = seen.get(&key) {
                let note = crate::message::Note::IdenticalFile { file: first.clone() };
                input
                    .skipped_rows
                    .extend(file_records.drain(..).map(|r| RowNote::new(r.line, note.clone())));
                input.skipped_rows.sort_by_key(|n| n.line);
                input.data_rows = 0;
            } else {
                seen.insert(key, input.file.clone());
            }
            records.append(&mut file_records);
            inputs.push(input);
        }
    }
    totals::cross_file(&mut inputs, &scopes, &records, &summaries);
    // Overlapping exports of one role (a day file and a week file) count each transaction once.
    let records = dedupe::run(&mut inputs, records);
    (inputs, records)
}
