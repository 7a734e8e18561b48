//! The first three stages as one pipeline: files -> [`crate::ingest`] -> [`crate::normalize`] ->
//! [`crate::matcher`], with the checks that sit between them (a file's own totals, overlapping
//! exports, files held back as guesses or misfits). [`crate::analyze`], [`crate::inspect`] and
//! [`crate::check()`] all start here, so a file reads and matches the same way whichever question
//! is asked of it.
//!
//! Two steps, so a host can cache and parallelise without the engine touching a thread or a
//! clock: [`read_file`] reads one file on its own (everything that depends on that file and the
//! options [`read_key`] fingerprints), and [`match_read`] puts the files read together (canonical
//! order, a file given twice, cross-file totals, overlapping exports, matching, misfits). The CLI
//! reads its files on several threads; the page's worker keeps each [`ReadFile`] by
//! (sha256, name, [`read_key`]) and reads again only the files an edit touched. [`run`] is the
//! two in a row, and the split is invisible in the report: the same files give the same bytes.
//!
//! A [`ReadFile`]'s records are shared (`Arc`): cloning one is cheap, and matching copies each
//! record once, straight into the set's vector, only when the host still holds the file (a
//! page's cache); when it does not (the CLI, or [`match_owned`] on the last holder) the records
//! are moved. Copying every cached file first (`to_vec`) held a third copy of the records while
//! the set was put together (a GiB at a chain store's million attempts).

use std::collections::BTreeMap;
use std::sync::Arc;

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

/// Where a long analysis is, for a host's progress display. The engine calls the host's callback
/// at the start of each stage, in this order: `Reading` once per file, then `Matching`, then (for
/// a report) `Diagnosing` and `Chains`. The callback only observes: nothing it does changes the
/// result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// About to read the file at position `file` (0-based, in the order the host gave the files)
    /// of `of` files; `bytes` is its size.
    Reading {
        /// Position of the file in the host's list, 0-based.
        file: usize,
        /// How many files there are.
        of: usize,
        /// The file's size in bytes.
        bytes: u64,
    },
    /// All files read; putting them together and matching (the canonical order, identical files,
    /// cross-file totals, overlapping exports, the match and misfits held back).
    Matching,
    /// Matched; turning matches and leftovers into findings and incidents.
    Diagnosing,
    /// Diagnosed; building every payment's chain and the summary.
    Chains,
}

/// One file read on its own: ingested, normalised, its wallet summary and scope noted, and its
/// guessed roles held back. Owned and cheap to keep: a host caches it by (sha256, name,
/// [`read_key`]) and hands it to [`match_read`] as often as it likes.
///
/// Opaque: what it holds are the stage's inputs, not a contract; only the report is one.
#[derive(Debug, Clone)]
pub struct ReadFile {
    name: String,
    sha256: String,
    /// One per table read (a text file one, a workbook one per sheet with rows, an archive one
    /// per member), in the order [`ingest::read`] gave them.
    tables: Vec<ReadTable>,
}

/// One table of a [`ReadFile`]; its records and summary carry a provisional input index (the
/// table's position in the file), replaced when the set is assembled. The records are shared by
/// every clone of the file (see the module docs).
#[derive(Debug, Clone)]
struct ReadTable {
    input: Input,
    records: Arc<Vec<Record>>,
    summary: Option<totals::Summary>,
    scope: Option<String>,
}

impl ReadFile {
    /// The file's name as the host gave it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The SHA-256 of the file's bytes, lowercase hex.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// How each table of the file was read, before the set is put together (a file given twice,
    /// overlapping exports and misfits are decided by [`match_read`], and only its `inputs` are
    /// final).
    pub fn inputs(&self) -> impl Iterator<Item = &Input> {
        self.tables.iter().map(|t| &t.input)
    }
}

/// Reads one file: everything that depends on this file alone.
///
/// In: the file (name and untouched bytes) and the caller's [`Options`], of which only the parts
/// [`read_key`] fingerprints matter here. Out: a [`ReadFile`] holding one table per sheet or
/// archive member read, each with its [`Input`] (role, header, columns, every line so far data,
/// skipped or rejected with its reason) and its records (money in fen). Never fails: a file that
/// cannot be read is a table whose `Input.error` says why. Pure and deterministic: the same file
/// and key give an equal `ReadFile`, so hosts may read files in any order, on any thread, or
/// reuse one read earlier.
pub fn read_file(file: &SourceFile, options: &Options) -> ReadFile {
    read_file_hashed(file, ingest::sha256_hex(&file.bytes), options)
}

/// [`read_file`] for a host that already holds the file's SHA-256 (lowercase hex, as
/// [`ingest::sha256_hex`] writes it), so the bytes are not hashed again.
///
/// The page's worker hashes each file before it parses it (its cache is keyed by content), and
/// in a browser `crypto.subtle` hashes many times faster than the engine compiled to wasm: at a
/// chain store's million attempts, hashing 330 MB in wasm took about 2 s per pass. The digest
/// is trusted: it becomes the report's `inputs[].sha256` and the file's identity in the canonical
/// order and the check for a file given twice, so a wrong one makes a wrong report. Debug builds
/// check it.
pub fn read_file_hashed(file: &SourceFile, sha256: String, options: &Options) -> ReadFile {
    debug_assert_eq!(sha256, ingest::sha256_hex(&file.bytes), "{}: wrong SHA-256", file.name);
    let read_options = ingest::ReadOptions {
        role_overrides: Some(&options.role_overrides),
        encoding_overrides: Some(&options.encoding_overrides),
        templates: &options.mapping_templates,
        as_of: effective_as_of(options),
        sha256: Some(&sha256),
    };
    let tables = ingest::read(&file.name, &file.bytes, &read_options)
        .into_iter()
        .enumerate()
        .map(|(idx, mut ingested)| {
            let mut records = normalize::run(&mut ingested, idx);
            let summary = (ingested.input.dialect.as_deref() == Some("alipay_summary"))
                .then(|| totals::summary_of(idx, &ingested.input.file, &ingested.table));
            let scope = ingested.table.totals.scope.take();
            let mut input = ingested.input;
            fail_safe::hold_back_guesses(&mut input, &mut records);
            ReadTable { input, records: Arc::new(records), summary, scope }
        })
        .collect();
    ReadFile { name: file.name.clone(), sha256, tables }
}

/// `inspect` passes no real today (`NaiveDate::MIN`); a year is then only taken from files.
fn effective_as_of(options: &Options) -> Option<NaiveDate> {
    (options.as_of != NaiveDate::MIN).then_some(options.as_of)
}

/// The fingerprint of exactly what in `options` changes how the file called `name` reads: its
/// forced role and encoding (and those of its archive members, `name/member`), the saved mapping
/// templates (any of them may name a header row of any file) and `as_of` (the year of dates
/// written without one). Language, settings and other files' overrides are not in it.
///
/// Out: a lowercase hex SHA-256, stable across runs and platforms. A [`ReadFile`] read under
/// one key is valid for any options with the same key, so a host caches by (sha256, name, key):
/// changing one file's role or encoding reads only that file again; changing a template reads
/// every file again (a template applies to whichever file has its header).
pub fn read_key(name: &str, options: &Options) -> String {
    let member = format!("{name}/");
    let concerns = |file: &String| *file == name || file.starts_with(&member);
    let roles: BTreeMap<&String, _> =
        options.role_overrides.iter().filter(|(f, _)| concerns(f)).collect();
    let encodings: BTreeMap<&String, &String> =
        options.encoding_overrides.iter().filter(|(f, _)| concerns(f)).collect();
    let key = serde_json::json!({
        "roles": roles,
        "encodings": encodings,
        "templates": options.mapping_templates,
        "as_of": effective_as_of(options),
    });
    ingest::sha256_hex(key.to_string().as_bytes())
}

/// Reads, normalises and matches `files` under `options`: [`read_file`] for each, then
/// [`match_read`]. Never fails: a file that cannot be read is an [`Input`] with an `error`, a row
/// that cannot be used is a rejected or skipped row with its reason. The files' order does not
/// matter.
pub fn run(files: &[SourceFile], options: &Options) -> Matched {
    run_with_progress(files, options, &mut |_| {})
}

/// [`run`], telling `progress` of each file read ([`Stage::Reading`]) and of [`Stage::Matching`].
pub fn run_with_progress(
    files: &[SourceFile],
    options: &Options,
    progress: &mut dyn FnMut(Stage),
) -> Matched {
    let read = files
        .iter()
        .enumerate()
        .map(|(file, f)| {
            progress(Stage::Reading { file, of: files.len(), bytes: f.bytes.len() as u64 });
            read_file(f, options)
        })
        .collect();
    progress(Stage::Matching);
    match_owned(read, options)
}

/// Puts files read by [`read_file`] together and matches them.
///
/// In: the files read (any order; each read under options with the same [`read_key`] as
/// `options` gives it, else it reads as it did then) and the [`Options`] (`settings` decide the
/// match). Out: [`Matched`]: the inputs in canonical order (file name, then sha256) with every
/// line accounted for, the records indexing them, and the match. Files are sorted first, so the
/// order of `read` never matters; a file whose bytes equal an earlier one's has its rows skipped
/// as duplicates (adding the same file twice changes nothing); overlapping exports of one role
/// are merged as multisets (`dedupe`); files that do not fit the set are held back and the match
/// runs again without them (`fail_safe::misfits`). Never fails. `read` is not consumed: the same
/// files can be matched again under other settings. The result holds its own copy of the
/// records (copied once, file by file, never the whole set twice over).
pub fn match_read(read: &[ReadFile], options: &Options) -> Matched {
    match_owned(read.to_vec(), options)
}

/// [`match_read`], telling `progress` of [`Stage::Matching`].
pub fn match_read_with_progress(
    read: &[ReadFile],
    options: &Options,
    progress: &mut dyn FnMut(Stage),
) -> Matched {
    progress(Stage::Matching);
    match_read(read, options)
}

/// [`match_read`] on files given by value: the records of a file no one else holds are moved,
/// not copied; those of a file the caller also keeps (a clone of a cached [`ReadFile`] is cheap)
/// are copied once into the result, as [`match_read`] does.
pub fn match_owned(read: Vec<ReadFile>, options: &Options) -> Matched {
    let (mut inputs, mut records) = assemble(read);
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

/// Puts the files read in a canonical order and checks them against each other.
///
/// Files are sorted by (name, sha256) so that input order never matters. A file whose bytes are
/// identical to an earlier one is read (so its rows are accounted for) but its rows are skipped as
/// duplicates: adding the same file twice changes nothing. Files that only overlap are merged as
/// multisets (`dedupe`).
fn assemble(mut read: Vec<ReadFile>) -> (Vec<Input>, Vec<Record>) {
    read.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.sha256.cmp(&b.sha256)));
    let mut inputs = Vec::new();
    // The first file's records become the whole set's vector, grown once to the total: a large
    // buffer grows in place (the allocator remaps its pages) where a fresh one would hold every
    // record twice while the files are appended to it.
    let total: usize = read.iter().flat_map(|file| &file.tables).map(|t| t.records.len()).sum();
    let mut records: Vec<Record> = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    // Wallet summaries and the scope (account, period) of every input, for the cross-file totals.
    let mut summaries = Vec::new();
    let mut scopes = Vec::new();
    for table in read.into_iter().flat_map(|file| file.tables) {
        let ReadTable { mut input, records: file_records, summary, scope } = table;
        let file_idx = inputs.len();
        summaries.extend(summary.map(|s| s.at(file_idx)));
        scopes.push(scope);
        let key = format!("{}/{}", input.sha256, input.sheet.as_deref().unwrap_or(""));
        if let Some(first) = seen.get(&key) {
            let note = crate::message::Note::IdenticalFile { file: first.clone() };
            input
                .skipped_rows
                .extend(file_records.iter().map(|r| RowNote::new(r.line, note.clone())));
            input.skipped_rows.sort_by_key(|n| n.line);
            input.data_rows = 0;
            inputs.push(input);
            continue;
        }
        seen.insert(key, input.file.clone());
        let start = records.len();
        match Arc::try_unwrap(file_records) {
            // No one else holds the file: its records are moved.
            Ok(owned) if records.is_empty() => {
                records = owned;
                records.reserve_exact(total - records.len());
            }
            Ok(mut owned) => records.append(&mut owned),
            // The host keeps the file: its records are copied once, straight into the set.
            Err(shared) => {
                records.reserve_exact(total - records.len());
                records.extend_from_slice(&shared);
            }
        }
        records[start..].iter_mut().for_each(|r| r.file_idx = file_idx as u32);
        inputs.push(input);
    }
    totals::cross_file(&mut inputs, &scopes, &records, &summaries);
    // Overlapping exports of one role (a day file and a week file) count each transaction once.
    let records = dedupe::run(&mut inputs, records);
    (inputs, records)
}
