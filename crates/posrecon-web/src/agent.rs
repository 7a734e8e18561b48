//! The Web Worker that runs the engine, and the messages between it and the page.
//!
//! Why a hand-written protocol (no worker framework): at chain-store scale (a million attempts,
//! 200 MB of statements) the files must cross into the worker once, as the browser's own `Blob`
//! handles (a structured clone of a `Blob` is a reference, not a copy), and the page must be able
//! to `terminate()` a run it no longer wants. So:
//!
//! - every message is a two-element JS array `[json, extra]`: `json` is a [`ToWorker`] or
//!   [`FromWorker`] as JSON, `extra` a `Blob` (a file, page to worker) or an `ArrayBuffer` (an
//!   export's bytes, a slice of findings or the lean report, transferred worker to page), else
//!   `undefined`;
//! - a file is sent once ([`ToWorker::File`], by id); analyses and checks name files by id;
//! - the worker ([`WorkerCore`]) reads a file's `Blob` when a request needs it read
//!   (the bytes the browser read to hash it, else `FileReaderSync`; posting [`Stage::Reading`]
//!   progress), keeps what each stage of the engine
//!   made (see [`WorkerCore`]), and drops the files a later request no longer names;
//! - the worker keeps the full report of the last analysis and sends the page the report without
//!   its chains (the page never shows them; at 200,000 attempts they are 90% of the compact
//!   JSON, 28 of 31 MB), and its findings in slices ([`FromWorker::Findings`], at most
//!   [`FINDINGS_PER_MESSAGE`] each): at a million attempts the findings alone are 14 MB of JSON,
//!   and decoding them in one piece held the page's main thread for a quarter of a second; each
//!   slice is UTF-8 JSON in a transferred `ArrayBuffer` (not a JSON string inside the JSON
//!   message, which was unescaped, then decoded again), decoded as it arrives, in its own task,
//!   and [`FindingsInbox`] puts them back in the report. The rest of the report comes next, on
//!   its own ([`FromWorker::Report`]), the same way, and is decoded in that message's task; the answer
//!   ([`FromWorker::Analysis`]) then carries no report, so its task only takes the report in
//!   and renders it; the case keys come after it ([`FromWorker::Cases`]), so the case book
//!   takes them in a later task;
//! - the report's chains (one per data row) are built only when something needs them: an export,
//!   a finding's steps, a check's steps, an open case to follow ([`posrecon_engine::chains_of`]),
//!   and then kept with the report;
//! - a finding's steps (terminal -> acquirer -> bank, [`StepLine`]) are worked out the first time
//!   the page asks for some and kept as facts; the page asks for those of the findings it opens
//!   ([`ToWorker::Steps`]), not for all of them (3 MB at 6,700 findings), worded in the report's
//!   language then. Every export (Excel, CSV, HTML, JSON) is rendered here from the kept report,
//!   so the page never sends a report back;
//! - a language switch words the kept report again and detects nothing: the report is diagnosed
//!   in both languages at once ([`posrecon_engine::diagnose_matched`]: thousands of sentences,
//!   not a million attempts), and an [`AnalysisRequest`] that differs from the last one only in
//!   its language swaps the words ([`Stage::Wording`]);
//! - the worker says [`FromWorker::Ready`] once it listens: messages posted to a worker before its
//!   wasm has started would be lost, so the page queues them until then.
//!
//! A panic inside the engine must not leave the page waiting forever. [`install_panic_reporter`]
//! installs a panic hook that answers the request in flight with [`WorkerError::Crashed`] before
//! the wasm instance aborts; the page then switches to its spare worker.

use std::cell::RefCell;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use posrecon_engine::check::{CheckQuery, CheckResult, Wallet};
use posrecon_engine::follow::{self, Followed};
use posrecon_engine::report::steps::{self, DepositDay, StepLine, Steps};
use posrecon_engine::report::{Finding, Report};
use posrecon_engine::{
    Bilingual, Lang, Matched, Options, ReadFile, Settings, SourceFile, Stage as EngineStage,
    chains_of, check_matched, diagnose_matched, ingest, pipeline, read_file_hashed, read_key,
};
use serde::{Deserialize, Serialize};

use posrecon_engine::report::redact::Redaction;

use crate::export::{self, ExportTarget};

/// Path of the worker's loader script (`www/worker_loader.js`, copied by Trunk).
pub const WORKER_LOADER: &str = "/worker_loader.js";

/// Analyse these files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalysisRequest {
    /// The state revision this request is for; echoed in the response and in progress.
    pub revision: u64,
    /// Today in the browser's local time, `YYYY-MM-DD`.
    pub as_of: String,
    /// Language of the report text.
    pub lang: Lang,
    /// Ids of the files (sent before with [`ToWorker::File`]), in the page's order.
    pub files: Vec<u64>,
    /// The merchant's roles, encodings, column mappings and settings
    /// ([`crate::mapping::AnalysisOptions`] as JSON); empty = none.
    pub options_json: String,
    /// Keys of the merchant's open cases (`crate::cases`), so the worker can say which of them
    /// no finding names any more and whether their money arrived (`posrecon_engine::follow`).
    #[serde(default)]
    pub open_cases: Vec<String>,
}

/// "A customer says they paid": check one payment against these files.
///
/// The form's text goes to the worker as typed; the engine reads it (`CheckQuery::parse`), so the
/// page and the CLI accept the same times and amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRequest {
    /// The check's sequence number in the state; echoed in the response.
    pub seq: u64,
    /// Today in the browser's local time, `YYYY-MM-DD`.
    pub as_of: String,
    /// Language of the verdict text.
    pub lang: Lang,
    /// Ids of the files, as [`AnalysisRequest::files`].
    pub files: Vec<u64>,
    /// Approximate time (`2026-11-09T10:05` from a datetime-local input, or typed).
    pub time: String,
    /// Amount in yuan.
    pub amount: String,
    /// Card last 4 digits, or empty.
    pub card_last4: String,
    /// Terminal id, or empty.
    pub terminal: String,
    /// Paid with this QR wallet (`wechat`, `alipay`, as [`Wallet::parse`] reads it), or empty
    /// for "not sure": card and QR attempts are both candidates.
    #[serde(default)]
    pub wallet: String,
    /// As [`AnalysisRequest::options_json`].
    pub options_json: String,
}

/// Render a download (Excel, CSV, HTML, JSON, a case sheet) or a chat text of the report the
/// worker keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRequest {
    /// The export's sequence number in the state; echoed in the response.
    pub seq: u64,
    /// The revision of the report the page shows; the worker renders only that report.
    pub revision: u64,
    /// What to render.
    pub target: ExportTarget,
    /// Name of the download; echoed in the response.
    pub file_name: String,
    /// What the merchant chose to leave out; applied to the report before rendering.
    #[serde(default)]
    pub redaction: Redaction,
}

/// What the page tells the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToWorker {
    /// A file the merchant loaded; its `Blob` travels beside the JSON. Sent once per worker.
    File {
        /// The page's id of the file (never reused).
        id: u64,
        /// File name.
        name: String,
        /// Its size in bytes (`Blob.size`).
        size: u64,
    },
    /// Analyse the files.
    Analyze(AnalysisRequest),
    /// Check one payment.
    Check(CheckRequest),
    /// Render an export of the kept report.
    Export(ExportRequest),
    /// Send the steps of these findings of the kept report (answered by [`FromWorker::Steps`]).
    Steps {
        /// The revision of the report shown; the worker answers only for the report it keeps.
        revision: u64,
        /// Finding ids.
        ids: Vec<String>,
    },
}

/// How many findings one [`FromWorker::Findings`] holds: ~450 KB of JSON. Each slice is taken
/// from the message (structured clone, UTF-16 to UTF-8) and decoded in one main-thread task: at
/// 500 a slice (~1.1 MB) that task took 210 ms at a million attempts on the benchmark machine.
pub const FINDINGS_PER_MESSAGE: usize = 200;

/// Why there is no result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkerError {
    /// The request was malformed (for example a bad date).
    BadRequest(String),
    /// The engine panicked; the worker is unusable and must be replaced.
    Crashed(String),
}

impl std::fmt::Display for WorkerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WorkerError::BadRequest(msg) | WorkerError::Crashed(msg) => f.write_str(msg),
        }
    }
}

/// Where an analysis is, posted by the worker as it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Reading file `file` of `files` (1-based) from the browser into the worker, the first time
    /// an analysis needs it (posted before the file is read).
    Reading {
        /// Which file, from 1.
        file: usize,
        /// How many files this analysis reads (the ones read before are kept).
        files: usize,
        /// File name.
        name: String,
        /// Its size in bytes.
        bytes: u64,
        /// Bytes of the files read before it in this analysis.
        done_bytes: u64,
        /// Bytes of all the files this analysis reads.
        total_bytes: u64,
    },
    /// Putting the files read together and matching them (skipped when nothing it depends on
    /// changed, as on a language switch).
    Matching,
    /// Turning matches and leftovers into findings and incidents, in the report's language.
    Diagnosing,
    /// Building every payment's chain and the summary.
    Chains,
    /// Wording the kept report in another language (a language switch: nothing is read, matched
    /// or diagnosed again).
    Wording,
}

/// The worker's answer to an [`AnalysisRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalysisResponse {
    /// Echo of [`AnalysisRequest::revision`].
    pub revision: u64,
    /// `Ok` when the report came before ([`FromWorker::Report`], its findings in
    /// [`FromWorker::Findings`]), or why there is none.
    pub result: Result<(), WorkerError>,
    /// This analysis read and matched the files. False when it reused the files this worker
    /// matched for the previous analysis (a language switch), or failed before matching.
    pub matched: bool,
}

/// The worker's answer to a [`CheckRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResponse {
    /// Echo of [`CheckRequest::seq`].
    pub seq: u64,
    /// The `CheckResult` as JSON (`posrecon.check/v1`), or why there is none.
    pub result: Result<String, WorkerError>,
}

/// The worker's answer to an [`ExportRequest`]; on success the bytes travel beside the JSON as a
/// transferred `ArrayBuffer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportResponse {
    /// Echo of [`ExportRequest::seq`].
    pub seq: u64,
    /// Echo of [`ExportRequest::target`].
    pub target: ExportTarget,
    /// Echo of [`ExportRequest::file_name`].
    pub file_name: String,
    /// `Ok` when the bytes are beside, or why there are none.
    pub result: Result<(), WorkerError>,
}

/// What the worker tells the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker listens: messages posted from now on are read.
    Ready,
    /// How far the analysis of `revision` has come.
    Progress {
        /// The analysis's revision.
        revision: u64,
        /// Its stage.
        stage: Stage,
    },
    /// For [`ToWorker::Analyze`].
    Analysis(AnalysisResponse),
    /// For [`ToWorker::Check`].
    Check(CheckResponse),
    /// For [`ToWorker::Export`].
    Export(ExportResponse),
    /// Just before a successful [`FromWorker::Analysis`]: the deposits per day, from the files
    /// the worker keeps matched (issue 13).
    Chains(ChainsResponse),
    /// Before a successful [`FromWorker::Analysis`], whose report then has no findings: a slice
    /// of them, in the report's order, as a JSON array (`posrecon.report/v1`'s `findings`
    /// items) in UTF-8 in the transferred buffer beside the message ([`Reply::bytes`]), not a
    /// string inside it (unescaping a string of 1 MB inside the message was most of a slice's
    /// task).
    Findings {
        /// Echo of [`AnalysisRequest::revision`].
        revision: u64,
        /// Position in the report's findings of the first one here.
        from: usize,
    },
    /// Just after a successful [`FromWorker::Analysis`]: the case key of every finding and what
    /// became of the open cases no finding names (`posrecon_engine::follow`, from the whole
    /// report and its matched records). A message of its own, so that the case book takes it in
    /// a task of its own, after the report is shown (6,729 keys at a million attempts).
    Cases {
        /// Echo of [`AnalysisRequest::revision`].
        revision: u64,
        /// The keys and what became of the earlier open cases.
        followed: Followed,
    },
    /// After the findings and before a successful [`FromWorker::Analysis`]: the report without
    /// its chains and findings (`posrecon.report/v1`, both empty) as UTF-8 JSON in the
    /// `ArrayBuffer` beside ([`Reply::bytes`]).
    Report {
        /// Echo of [`AnalysisRequest::revision`].
        revision: u64,
    },
    /// For [`ToWorker::Steps`]: the steps of the findings asked for that the kept report of
    /// `revision` has (none when it keeps another report).
    Steps {
        /// Echo of the request's revision.
        revision: u64,
        /// `(finding id, its three steps)`.
        steps: Vec<(String, Vec<StepLine>)>,
    },
    /// Just before a [`FromWorker::Check`]: the steps of the payment the answer rests on, when
    /// a chain of the kept report holds it (not sent otherwise).
    CheckSteps {
        /// Echo of [`CheckRequest::seq`].
        seq: u64,
        /// Terminal, acquirer, bank; empty when the answer rests on no row of a chain.
        steps: Vec<StepLine>,
    },
}

/// The deposits expected and received per day (`report::steps`). Sent beside the lean report
/// (the page has no chains and no records to work them out); the findings' steps are sent on
/// demand ([`ToWorker::Steps`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainsResponse {
    /// Echo of [`AnalysisRequest::revision`].
    pub revision: u64,
    /// Deposits expected and received per day; empty without a bank statement.
    pub deposits: Vec<DepositDay>,
}

impl FromWorker {
    /// True when the engine panicked answering (the worker must be replaced).
    pub fn crashed(&self) -> bool {
        let err = match self {
            FromWorker::Analysis(r) => r.result.as_ref().err(),
            FromWorker::Check(r) => r.result.as_ref().err(),
            FromWorker::Export(r) => r.result.as_ref().err(),
            FromWorker::Ready
            | FromWorker::Progress { .. }
            | FromWorker::Chains(_)
            | FromWorker::Findings { .. }
            | FromWorker::Report { .. }
            | FromWorker::Cases { .. }
            | FromWorker::Steps { .. }
            | FromWorker::CheckSteps { .. } => None,
        };
        matches!(err, Some(WorkerError::Crashed(_)))
    }
}

/// One answer of the worker: the message, and an export's bytes (or the report's JSON) beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The message.
    pub message: FromWorker,
    /// An export's bytes, or [`FromWorker::Report`]'s JSON.
    pub bytes: Option<Vec<u8>>,
}

impl From<FromWorker> for Reply {
    fn from(message: FromWorker) -> Self {
        Reply { message, bytes: None }
    }
}

/// A file the worker was given: its handle in the browser (`B`: a `Blob` in the worker; bytes
/// in the native tests) and, once read, the SHA-256 of its bytes. The bytes are not kept: a file
/// read again (its role, encoding or a mapping changed) is read again from its handle.
struct Held<B> {
    name: String,
    size: u64,
    handle: B,
    sha256: Option<String>,
}

/// Where the reading of an analysis's files is, for [`Stage::Reading`] (`revision` `None`: a
/// check, which posts no progress).
struct Progress {
    revision: Option<u64>,
    file: usize,
    files: usize,
    done_bytes: u64,
    total_bytes: u64,
}

/// What a file read depends on: its content, its name and its [`read_key`].
type ReadId = (String, String, String);

/// The report of the last analysis, for the exports, the steps and a language switch.
struct Kept {
    revision: u64,
    /// The report (its chains only once [`Kept::chained`]) and its words in the other language.
    bilingual: Bilingual,
    /// The options it was made under, `lang` the report's language now.
    options: Options,
    /// The match it was made of ([`WorkerCore::match_generation`]).
    generation: u64,
    /// The report's chains are built (`chains_of`): done the first time something needs them.
    chained: bool,
    /// Deposits expected and received per day, for the HTML report's chart.
    deposits: Vec<DepositDay>,
    /// Each finding's steps as facts, by finding id, once the page asked for some.
    steps: Option<BTreeMap<String, Steps>>,
}

/// What a match depends on: each file as read (id and read key, in the page's order), the
/// settings and the date. Not the language: a language switch reuses the match.
#[derive(Clone, PartialEq)]
struct MatchKey {
    files: Vec<ReadId>,
    settings: Settings,
    as_of: NaiveDate,
}

/// How many bytes of files (smallest first) the worker keeps read beside the match: see
/// [`WorkerCore`]. 32 MiB of statements are ~150 MB of records.
pub const KEEP_READ_BYTES: u64 = 32 * 1024 * 1024;

/// The worker's state and its handling of every message; no browser call, so the native tests
/// run it. `B` is how a file is held until it is read, `read` turns it into bytes.
///
/// It caches by stage, using the engine's staged API: each file read ([`read_file`], by
/// content hash, name and [`read_key`]: the same file dropped again is hashed, not parsed), the
/// files matched ([`match_read`], kept while the
/// files read, the settings and the date stay the same), and the whole report of the last
/// analysis. So editing one file's mapping or role reads only that file again, a language
/// switch only diagnoses and words the kept match again, and a check reads nothing.
///
/// Memory decides how much of that is kept at a chain store's scale. A file read is all its
/// records, and the match holds every record again: keeping both for a month of a hundred
/// terminals (1M attempts, 2M records) would hold ~1 GiB twice, in a wasm instance that cannot
/// grow past 4 GiB and never gives memory back. So the reads are kept beside the match only
/// for the smallest files, up to [`KEEP_READ_BYTES`] of them together; the others are moved
/// into the match (no copy) and read again from their `Blob` only when the match must be made
/// again (a role, encoding or mapping edit of another file, a setting). The merchant's usual
/// edit, a mapping of a small file, still reads only that file; a language switch and a check
/// read nothing at any size.
pub struct WorkerCore<B> {
    files: BTreeMap<u64, Held<B>>,
    /// Files read, with their size in bytes, not (or not all) moved into `matched`.
    reads: BTreeMap<ReadId, (u64, ReadFile)>,
    /// See [`KEEP_READ_BYTES`].
    keep_read_bytes: u64,
    matched: Option<(MatchKey, Matched)>,
    /// Counts the matches made, so a kept report knows whether the match it was made of is
    /// still here.
    match_generation: u64,
    kept: Option<Kept>,
    /// The last analysis matched the files (see [`AnalysisResponse::matched`]).
    did_match: bool,
    read: fn(&B) -> Result<Vec<u8>, String>,
}

impl<B> WorkerCore<B> {
    /// An empty worker reading its files with `read`.
    pub fn new(read: fn(&B) -> Result<Vec<u8>, String>) -> Self {
        WorkerCore {
            files: BTreeMap::new(),
            reads: BTreeMap::new(),
            keep_read_bytes: KEEP_READ_BYTES,
            matched: None,
            match_generation: 0,
            kept: None,
            did_match: false,
            read,
        }
    }

    /// Handles one message: a file to hold (`handle` is its `Blob`), or a request, answered
    /// through `post` (progress first, then the answer).
    pub fn handle(&mut self, message: ToWorker, handle: Option<B>, post: &mut dyn FnMut(Reply)) {
        match message {
            ToWorker::File { id, name, size } => {
                if let Some(handle) = handle {
                    self.files.insert(id, Held { name, size, handle, sha256: None });
                }
            }
            ToWorker::Analyze(request) => {
                let revision = request.revision;
                self.did_match = false;
                let result = self.analyze(request, post);
                let matched = self.did_match;
                let (result, followed, findings, lean) = match result {
                    Ok((json, followed, findings)) => {
                        (Ok(()), Some(followed), findings, Some(json))
                    }
                    Err(e) => (Err(e), None, Vec::new(), None),
                };
                // The deposits and findings go first, so the report's arrival is the analysis's
                // last word.
                if let Some(kept) = self.kept.as_ref().filter(|k| k.revision == revision) {
                    let chains = ChainsResponse { revision, deposits: kept.deposits.clone() };
                    post(FromWorker::Chains(chains).into());
                }
                for (k, json) in findings.into_iter().enumerate() {
                    let from = k * FINDINGS_PER_MESSAGE;
                    let message = FromWorker::Findings { revision, from };
                    post(Reply { message, bytes: Some(json.into_bytes()) });
                }
                if let Some(lean) = lean {
                    let message = FromWorker::Report { revision };
                    post(Reply { message, bytes: Some(lean.into_bytes()) });
                }
                let response = AnalysisResponse { revision, result, matched };
                post(FromWorker::Analysis(response).into());
                if let Some(followed) = followed {
                    post(FromWorker::Cases { revision, followed }.into());
                }
            }
            ToWorker::Steps { revision, ids } => {
                let steps = self.steps(revision, ids);
                post(FromWorker::Steps { revision, steps }.into());
            }
            ToWorker::Check(request) => {
                let seq = request.seq;
                let (result, steps) = match self.check(request) {
                    Ok((json, steps)) => (Ok(json), steps),
                    Err(e) => (Err(e), Vec::new()),
                };
                if !steps.is_empty() {
                    post(FromWorker::CheckSteps { seq, steps }.into());
                }
                post(FromWorker::Check(CheckResponse { seq, result }).into());
            }
            ToWorker::Export(request) => post(self.export(request)),
        }
    }

    /// The named files read under `options`, as [`ReadId`]s: a file whose content, name and
    /// [`read_key`] were read before is not parsed again (its read is in [`WorkerCore::reads`],
    /// or in the match kept when the match can be reused); the others are read from their handle
    /// (posting [`Stage::Reading`] for each when a `revision` is given). A file this worker never
    /// read is read first, to hash it, and parsed unless read before under another id; then the
    /// files whose read went into the match are read again if the match cannot be reused. Files
    /// and reads no longer named are forgotten.
    fn read_files(
        &mut self,
        ids: &[u64],
        options: &Options,
        revision: Option<u64>,
        post: &mut dyn FnMut(Reply),
    ) -> Result<Vec<ReadId>, WorkerError> {
        self.files.retain(|id, _| ids.contains(id));
        if let Some(id) = ids.iter().find(|id| !self.files.contains_key(id)) {
            return Err(WorkerError::BadRequest(format!("file {id} was never sent to the worker")));
        }
        let keyed: Vec<(u64, String)> =
            ids.iter().map(|id| (*id, read_key(&self.files[id].name, options))).collect();
        let unknown: Vec<&(u64, String)> =
            keyed.iter().filter(|(id, _)| self.files[id].sha256.is_none()).collect();
        let mut progress = Progress { revision, file: 0, files: 0, done_bytes: 0, total_bytes: 0 };
        // As far as can be told before the new files are hashed, for the progress shown.
        for (id, _) in unknown.iter().copied().chain(self.missing(&keyed, options)) {
            progress.files += 1;
            progress.total_bytes += self.files[id].size;
        }
        for (id, key) in unknown {
            self.read_one(*id, key, options, &mut progress, post)?;
        }
        for (id, key) in self.missing(&keyed, options) {
            self.read_one(*id, key, options, &mut progress, post)?;
        }
        let read_ids: Vec<ReadId> =
            keyed.iter().filter_map(|(id, key)| self.read_id(*id, key)).collect();
        self.reads.retain(|read_id, _| read_ids.contains(read_id));
        Ok(read_ids)
    }

    /// The file's [`ReadId`] under `key`, once this worker hashed it.
    fn read_id(&self, id: u64, key: &str) -> Option<ReadId> {
        let held = self.files.get(&id)?;
        held.sha256.clone().map(|sha| (sha, held.name.clone(), key.to_owned()))
    }

    /// Of the hashed files, those to parse again: not in [`WorkerCore::reads`], when the match
    /// kept cannot be reused (see [`WorkerCore::match_kept_is`]).
    fn missing<'k>(&self, keyed: &'k [(u64, String)], options: &Options) -> Vec<&'k (u64, String)> {
        let known: Option<Vec<ReadId>> =
            keyed.iter().map(|(id, key)| self.read_id(*id, key)).collect();
        if known.is_some_and(|files| self.match_kept_is(files, options)) {
            return Vec::new();
        }
        keyed
            .iter()
            .filter(|(id, key)| {
                self.read_id(*id, key).is_some_and(|read_id| !self.reads.contains_key(&read_id))
            })
            .collect()
    }

    /// Reads one file from its handle, hashes it and parses it unless read before.
    fn read_one(
        &mut self,
        id: u64,
        key: &str,
        options: &Options,
        progress: &mut Progress,
        post: &mut dyn FnMut(Reply),
    ) -> Result<(), WorkerError> {
        let Some(held) = self.files.get_mut(&id) else { return Ok(()) };
        progress.file += 1;
        if let Some(revision) = progress.revision {
            let stage = Stage::Reading {
                file: progress.file,
                files: progress.files.max(progress.file),
                name: held.name.clone(),
                bytes: held.size,
                done_bytes: progress.done_bytes,
                total_bytes: progress.total_bytes.max(progress.done_bytes + held.size),
            };
            post(FromWorker::Progress { revision, stage }.into());
        }
        let bytes = (self.read)(&held.handle)
            .map_err(|e| WorkerError::BadRequest(format!("{}: {e}", held.name)))?;
        // Hashed once: the digest the browser made ([`WorkerCore::digested`]) or this one, and
        // the engine is given it rather than hashing the bytes again.
        let sha256 = held.sha256.get_or_insert_with(|| ingest::sha256_hex(&bytes)).clone();
        let read_id = (sha256.clone(), held.name.clone(), key.to_owned());
        let (name, size) = (held.name.clone(), held.size);
        self.reads.entry(read_id).or_insert_with(|| {
            (size, read_file_hashed(&SourceFile::new(name, bytes), sha256, options))
        });
        progress.done_bytes += size;
        Ok(())
    }

    /// The SHA-256 of file `id`'s bytes (lowercase hex), hashed outside the engine (the worker
    /// has the browser's `crypto.subtle` do it as the file arrives): the file is then known by
    /// its content before it is read, and read only to be parsed. Trusted as given; a file this
    /// worker does not hold is ignored.
    pub fn digested(&mut self, id: u64, sha256: String) {
        if let Some(held) = self.files.get_mut(&id) {
            held.sha256 = Some(sha256);
        }
    }

    /// The match kept was made of these files read, under these settings and date.
    fn match_kept_is(&self, files: Vec<ReadId>, options: &Options) -> bool {
        let key = MatchKey { files, settings: options.settings.clone(), as_of: options.as_of };
        self.matched.as_ref().is_some_and(|(kept, _)| *kept == key)
    }

    /// Of these files read, those whose read stays in [`WorkerCore::reads`] beside the match:
    /// the smallest, while their sizes add up to at most [`WorkerCore::keep_read_bytes`].
    fn reads_kept(&self, files: &[ReadId]) -> Vec<ReadId> {
        let mut sized: Vec<(u64, &ReadId)> =
            files.iter().filter_map(|r| self.reads.get(r).map(|(size, _)| (*size, r))).collect();
        sized.sort();
        sized.dedup();
        let mut total = 0;
        sized
            .into_iter()
            .take_while(|(size, _)| {
                total += size;
                total <= self.keep_read_bytes
            })
            .map(|(_, r)| r.clone())
            .collect()
    }

    /// The named files read and matched under `options`, from the cache when nothing the match
    /// depends on changed (then `did_match` stays false). The reads of the files too big to keep
    /// ([`WorkerCore::reads_kept`]) go into the match without a copy.
    fn match_files(
        &mut self,
        ids: &[u64],
        options: &Options,
        revision: Option<u64>,
        post: &mut dyn FnMut(Reply),
    ) -> Result<&Matched, WorkerError> {
        let files = self.read_files(ids, options, revision, post)?;
        let key = MatchKey { files, settings: options.settings.clone(), as_of: options.as_of };
        let kept = self.reads_kept(&key.files);
        if self.matched.as_ref().is_none_or(|(matched, _)| *matched != key) {
            // The kept report's chains need its match: built now, before it goes.
            self.chain_kept();
            // The match no longer wanted goes first: the new one may need its memory.
            self.matched = None;
            self.match_generation += 1;
            if let Some(revision) = revision {
                post(FromWorker::Progress { revision, stage: Stage::Matching }.into());
            }
            let mut read = Vec::with_capacity(key.files.len());
            for (k, read_id) in key.files.iter().enumerate() {
                // A read kept, or named again later (the same file given twice), is copied.
                let file = if kept.contains(read_id) || key.files[k + 1..].contains(read_id) {
                    self.reads.get(read_id).map(|(_, file)| file.clone())
                } else {
                    self.reads.remove(read_id).map(|(_, file)| file)
                };
                read.extend(file);
            }
            self.matched = Some((key, pipeline::match_owned(read, options)));
            self.did_match = true;
        } else {
            // A file dropped again was read again to hash it; the match holds its records.
            self.reads.retain(|read_id, _| kept.contains(read_id) || !key.files.contains(read_id));
        }
        let (_, matched) = self.matched.as_ref().expect("matched above");
        Ok(matched)
    }

    /// The report without chains and findings as JSON, what became of the open cases, and the
    /// findings as JSON arrays of at most [`FINDINGS_PER_MESSAGE`].
    ///
    /// A request that differs from the last analysis only in its language, of the same match,
    /// words the kept report again ([`Stage::Wording`]): nothing is read, matched or detected.
    fn analyze(
        &mut self,
        request: AnalysisRequest,
        post: &mut dyn FnMut(Reply),
    ) -> Result<(String, Followed, Vec<String>), WorkerError> {
        let options = engine_options(&request.as_of, request.lang, &request.options_json)?;
        let revision = request.revision;
        // Kept only if this request may be the same analysis in another language: otherwise
        // it goes before matching, which may need its memory.
        let previous = self.kept.take().filter(|kept| same_but_lang(&kept.options, &options));
        self.match_files(&request.files, &options, Some(revision), post)?;
        let generation = self.match_generation;
        let (_, matched) = self.matched.as_ref().expect("matched by match_files");
        let reworded =
            previous.filter(|kept| kept.generation == generation).and_then(|mut kept| {
                post(FromWorker::Progress { revision, stage: Stage::Wording }.into());
                kept.bilingual.set_lang(options.lang).then_some(kept)
            });
        let mut kept = match reworded {
            Some(kept) => Kept { revision, options, ..kept },
            None => {
                let bilingual = diagnose_matched(matched, &options, &mut |stage| {
                    let stage = match stage {
                        EngineStage::Reading { .. } | EngineStage::Matching => Stage::Matching,
                        EngineStage::Diagnosing => Stage::Diagnosing,
                        EngineStage::Chains => Stage::Chains,
                    };
                    post(FromWorker::Progress { revision, stage }.into());
                });
                let deposits = steps::deposit_days(matched);
                Kept {
                    revision,
                    bilingual,
                    options,
                    generation,
                    chained: false,
                    deposits,
                    steps: None,
                }
            }
        };
        // The open cases no finding names are looked for in the chains: built only then.
        let mut followed = follow::follow(matched, &kept.bilingual.report, &request.open_cases);
        if !followed.earlier.is_empty() && !kept.chained {
            chain(&mut kept, matched);
            followed = follow::follow(matched, &kept.bilingual.report, &request.open_cases);
        }
        let report = &mut kept.bilingual.report;
        let unserialisable = |e: serde_json::Error| {
            WorkerError::BadRequest(format!("report could not be serialised: {e}"))
        };
        let findings = report
            .findings
            .chunks(FINDINGS_PER_MESSAGE)
            .map(serde_json::to_string)
            .collect::<Result<Vec<String>, _>>()
            .map_err(unserialisable);
        let chains = std::mem::take(&mut report.chains);
        let all_findings = std::mem::take(&mut report.findings);
        let lean = serde_json::to_string(&report).map_err(unserialisable);
        report.chains = chains;
        report.findings = all_findings;
        self.kept = Some(kept);
        Ok((lean?, followed, findings?))
    }

    /// The kept report of `revision` with its chains (built now if they were not), or `None`
    /// when the worker keeps another report or no longer has its match.
    fn chained_report(&mut self, revision: u64) -> Option<&mut Kept> {
        self.chain_kept();
        self.kept.as_mut().filter(|kept| kept.revision == revision && kept.chained)
    }

    /// Builds the kept report's chains if they are not yet and its match is here.
    fn chain_kept(&mut self) {
        let (Some(kept), Some((_, matched))) = (self.kept.as_mut(), self.matched.as_ref()) else {
            return;
        };
        if !kept.chained && kept.generation == self.match_generation {
            chain(kept, matched);
        }
    }

    /// The steps of the findings `ids` of the kept report of `revision`, in its language (none
    /// when the worker keeps another report). Worked out for every finding the first time.
    fn steps(&mut self, revision: u64, ids: Vec<String>) -> Vec<(String, Vec<StepLine>)> {
        if self.chained_report(revision).is_none() {
            return Vec::new();
        }
        let (Some(kept), Some((_, matched))) = (self.kept.as_mut(), self.matched.as_ref()) else {
            return Vec::new();
        };
        let report = &kept.bilingual.report;
        let facts = kept.steps.get_or_insert_with(|| {
            steps::Index::new(matched, &kept.options).of_findings(report).into_iter().collect()
        });
        let lang = kept.options.lang;
        ids.into_iter().filter_map(|id| facts.get(&id).map(|s| (id, s.words(lang)))).collect()
    }

    /// The check's answer as JSON, and the steps of the first row it rests on that a chain of
    /// the kept report holds (none before an analysis of these files).
    fn check(&mut self, request: CheckRequest) -> Result<(String, Vec<StepLine>), WorkerError> {
        let options = engine_options(&request.as_of, request.lang, &request.options_json)?;
        let query = check_query(&request, options.as_of)?;
        let matched = self.match_files(&request.files, &options, None, &mut |_| {})?;
        let result = check_matched(matched, &query, &options);
        let json = serde_json::to_string(&result)
            .map_err(|e| WorkerError::BadRequest(format!("result could not be serialised: {e}")))?;
        let lines = self.check_steps(&result, &options).unwrap_or_default();
        Ok((json, lines))
    }

    fn check_steps(&mut self, result: &CheckResult, options: &Options) -> Option<Vec<StepLine>> {
        let revision = self.kept.as_ref()?.revision;
        self.chained_report(revision)?;
        let kept = self.kept.as_ref()?;
        let (_, matched) = self.matched.as_ref()?;
        // The kept report's chains name rows by input index: only of these same files.
        let same = |a: &Report| {
            a.inputs.len() == matched.inputs.len()
                && a.inputs.iter().zip(&matched.inputs).all(|(x, y)| x.sha256 == y.sha256)
        };
        if !same(&kept.bilingual.report) {
            return None;
        }
        let index = steps::Index::new(matched, options);
        let found = result.records.iter().find_map(|r| {
            let input =
                matched.inputs.iter().position(|i| i.file == r.file && i.sheet == r.sheet)?;
            index.of_row(&kept.bilingual.report, input as u32, r.line)
        })?;
        Some(found.words(options.lang))
    }

    fn export(&mut self, request: ExportRequest) -> Reply {
        let rendered = match self.chained_report(request.revision) {
            Some(kept) => export::render_in_worker_with(
                &request.target,
                &kept.bilingual.report,
                &request.redaction,
                &kept.deposits,
            )
            .map_err(WorkerError::BadRequest),
            _ => Err(WorkerError::BadRequest(
                "the report shown is no longer in the worker: analyse again to export it".into(),
            )),
        };
        let (result, bytes) = match rendered {
            Ok(bytes) => (Ok(()), Some(bytes)),
            Err(e) => (Err(e), None),
        };
        let message = FromWorker::Export(ExportResponse {
            seq: request.seq,
            target: request.target,
            file_name: request.file_name,
            result,
        });
        Reply { message, bytes }
    }
}

/// Builds the chains of `kept`'s report from the match it was made of.
fn chain(kept: &mut Kept, matched: &Matched) {
    let report = &kept.bilingual.report;
    kept.bilingual.report.chains = chains_of(matched, report, &kept.options);
    kept.chained = true;
}

/// The two options differ at most in their language.
fn same_but_lang(a: &Options, b: &Options) -> bool {
    let mut b = b.clone();
    b.lang = a.lang;
    *a == b
}

/// The engine's options for a request: its date, language and the merchant's choices.
fn engine_options(as_of: &str, lang: Lang, options_json: &str) -> Result<Options, WorkerError> {
    let as_of = NaiveDate::parse_from_str(as_of, "%Y-%m-%d")
        .map_err(|e| WorkerError::BadRequest(format!("bad as_of date '{as_of}': {e}")))?;
    let mut options = Options::new(as_of);
    options.lang = lang;
    decode_options(options_json)?.apply(&mut options);
    Ok(options)
}

/// The check's query as the engine reads the form. A time or amount it cannot read is a
/// [`WorkerError::BadRequest`] whose message is for the merchant, in the request's language.
fn check_query(request: &CheckRequest, as_of: NaiveDate) -> Result<CheckQuery, WorkerError> {
    let mut query = CheckQuery::parse(
        &request.time,
        &request.amount,
        &request.card_last4,
        &request.terminal,
        as_of,
    )
    .map_err(|e| WorkerError::BadRequest(e.message(request.lang)))?;
    let wallet = request.wallet.trim();
    if !wallet.is_empty() {
        query.wallet = Some(Wallet::parse(wallet).ok_or_else(|| {
            WorkerError::BadRequest(
                request
                    .lang
                    .pick(
                        &format!("支付方式「{wallet}」应为微信支付或支付宝"),
                        &format!("payment method '{wallet}' must be wechat or alipay"),
                    )
                    .to_owned(),
            )
        })?);
    }
    Ok(query)
}

/// Reads [`AnalysisRequest::options_json`]; empty means none.
fn decode_options(json: &str) -> Result<crate::mapping::AnalysisOptions, WorkerError> {
    if json.trim().is_empty() {
        return Ok(Default::default());
    }
    serde_json::from_str(json).map_err(|e| WorkerError::BadRequest(format!("bad options: {e}")))
}

/// Parses the worker's JSON back into a check result.
pub fn decode_check(json: &str) -> Result<CheckResult, String> {
    serde_json::from_str(json).map_err(|e| format!("unreadable check result: {e}"))
}

/// The page's side of [`FromWorker::Findings`] and [`FromWorker::Report`]: an analysis's
/// findings decoded slice by slice as they arrive, then the rest of its report, each in the task
/// of its message; [`FindingsInbox::report`] puts them together when the answer comes.
#[derive(Debug, Default)]
pub struct FindingsInbox {
    revision: u64,
    findings: Vec<Finding>,
    /// The report without its findings, once it came (or why it could not be read).
    lean: Option<Result<Report, String>>,
    error: Option<String>,
}

impl FindingsInbox {
    /// Takes the slice of the findings of `revision` starting at `from` (a slice sent again, by
    /// a worker that replaced a crashed one, replaces what was there).
    pub fn add(&mut self, revision: u64, from: usize, json: &[u8]) {
        if revision != self.revision {
            *self = FindingsInbox { revision, ..Default::default() };
        }
        self.findings.truncate(from);
        if from == 0 {
            self.error = None;
        }
        match serde_json::from_slice::<Vec<Finding>>(json) {
            Ok(mut more) => self.findings.append(&mut more),
            Err(e) => self.error = Some(format!("unreadable findings: {e}")),
        }
    }

    /// Takes the report of `revision` without its findings, as UTF-8 JSON, and decodes it now.
    pub fn lean(&mut self, revision: u64, json: &[u8]) {
        if revision != self.revision {
            *self = FindingsInbox { revision, ..Default::default() };
        }
        let report = serde_json::from_slice(json).map_err(|e| format!("unreadable report: {e}"));
        self.lean = Some(report);
    }

    /// The report of `revision`, with the findings taken; an error when its report did not
    /// come or a part of it could not be read.
    pub fn report(&mut self, revision: u64) -> Result<Report, String> {
        let inbox = std::mem::take(self);
        if inbox.revision != revision {
            return Err(format!("the report of analysis {revision} did not come"));
        }
        let mut report = inbox.lean.unwrap_or_else(|| Err("the report did not come".into()))?;
        if let Some(error) = inbox.error {
            return Err(error);
        }
        report.findings = inbox.findings;
        Ok(report)
    }
}

/// The request being answered, to answer it if the engine panics.
#[derive(Clone)]
enum InFlight {
    Analysis(u64),
    Check(u64),
    Export { seq: u64, target: ExportTarget, file_name: String },
}

impl InFlight {
    fn of(message: &ToWorker) -> Option<InFlight> {
        Some(match message {
            ToWorker::File { .. } | ToWorker::Steps { .. } => return None,
            ToWorker::Analyze(r) => InFlight::Analysis(r.revision),
            ToWorker::Check(r) => InFlight::Check(r.seq),
            ToWorker::Export(r) => InFlight::Export {
                seq: r.seq,
                target: r.target.clone(),
                file_name: r.file_name.clone(),
            },
        })
    }

    fn crashed(self, message: String) -> FromWorker {
        let error = WorkerError::Crashed(message);
        match self {
            InFlight::Analysis(revision) => FromWorker::Analysis(AnalysisResponse {
                revision,
                result: Err(error),
                matched: false,
            }),
            InFlight::Check(seq) => FromWorker::Check(CheckResponse { seq, result: Err(error) }),
            InFlight::Export { seq, target, file_name } => {
                FromWorker::Export(ExportResponse { seq, target, file_name, result: Err(error) })
            }
        }
    }
}

thread_local! {
    static IN_FLIGHT: RefCell<Option<InFlight>> = const { RefCell::new(None) };
    /// Where the panic hook posts its answer (the worker's `postMessage`, set when it starts).
    static CRASH_SINK: RefCell<Option<fn(Reply)>> = const { RefCell::new(None) };
}

/// Handles one message as [`WorkerCore::handle`] does, remembering the request while it runs so
/// that a panic can answer it.
pub fn handle_reporting_panics<B>(
    core: &mut WorkerCore<B>,
    message: ToWorker,
    handle: Option<B>,
    post: &mut dyn FnMut(Reply),
) {
    IN_FLIGHT.with(|slot| *slot.borrow_mut() = InFlight::of(&message));
    core.handle(message, handle, post);
    IN_FLIGHT.with(|slot| slot.borrow_mut().take());
}

/// Makes a panic in the worker answer the request in flight instead of going silent.
pub fn install_panic_reporter() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        #[cfg(target_arch = "wasm32")]
        web_sys::console::error_1(&format!("posrecon worker: {message}").into());
        let in_flight =
            IN_FLIGHT.with(|slot| slot.try_borrow_mut().ok().and_then(|mut s| s.take()));
        let sink = CRASH_SINK.with(|sink| sink.try_borrow().ok().and_then(|s| *s));
        if let (Some(request), Some(sink)) = (in_flight, sink) {
            sink(request.crashed(message).into());
        }
        // The instance aborts after this hook and cannot run again: stop taking messages (the
        // answer above is already posted), so the page's later messages are dropped quietly.
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            if let Ok(global) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() {
                global.close();
            }
        }
    }));
}

/// Starts the worker: listen for the page's messages, then say [`FromWorker::Ready`].
#[cfg(target_arch = "wasm32")]
pub fn run_worker() {
    wasm::run();
}

/// The worker's side of the `postMessage` protocol (see the module doc).
#[cfg(target_arch = "wasm32")]
mod wasm {
    use std::cell::{Cell, RefCell};
    use std::collections::VecDeque;
    use std::fmt::Write;
    use std::rc::Rc;

    use js_sys::{Array, ArrayBuffer, Object, Uint8Array};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::{JsFuture, spawn_local};
    use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent, SubtleCrypto};

    use super::{CRASH_SINK, FromWorker, Reply, ToWorker, WorkerCore, handle_reporting_panics};

    thread_local! {
        static CORE: RefCell<WorkerCore<Handle>> = RefCell::new(WorkerCore::new(read_handle));
        /// The page's messages not handled yet, in the order they came (see [`drain`]).
        static INBOX: RefCell<VecDeque<(ToWorker, Option<Blob>)>> =
            const { RefCell::new(VecDeque::new()) };
        /// Files whose digest the browser is to make, one at a time (see [`digest_files`]).
        static TO_DIGEST: RefCell<VecDeque<(u64, Handle)>> =
            const { RefCell::new(VecDeque::new()) };
        /// The files whose bytes the digest left in their [`Handle`], dropped after the next
        /// request.
        static LEFT: RefCell<Vec<Handle>> = const { RefCell::new(Vec::new()) };
        /// A file's digest is being made.
        static DIGESTING: Cell<bool> = const { Cell::new(false) };
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    /// A file as the worker holds it: its `Blob`, and the bytes the browser read to hash it, until
    /// the file is parsed or the request after the digest is answered.
    #[derive(Clone)]
    struct Handle {
        blob: Blob,
        bytes: Rc<RefCell<Option<ArrayBuffer>>>,
    }

    /// A file's bytes: those read for its digest (the `Blob` is not read twice), else the `Blob`
    /// read whole, synchronously (only workers may).
    fn read_handle(handle: &Handle) -> Result<Vec<u8>, String> {
        if let Some(buffer) = handle.bytes.borrow_mut().take() {
            return Ok(Uint8Array::new(&buffer).to_vec());
        }
        let reader = FileReaderSync::new().map_err(|e| format!("{e:?}"))?;
        let buffer = reader.read_as_array_buffer(&handle.blob).map_err(|e| format!("{e:?}"))?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }

    /// Posts a reply; its bytes (an export, a findings slice, the lean report) are transferred,
    /// not copied.
    fn post(reply: Reply) {
        let json = serde_json::to_string(&reply.message).unwrap_or_default();
        let message = Array::of1(&JsValue::from_str(&json));
        let transfer = Array::new();
        if let Some(bytes) = reply.bytes {
            let buffer: ArrayBuffer = Uint8Array::from(bytes.as_slice()).buffer();
            message.push(&buffer);
            transfer.push(&buffer);
        }
        let _ = scope().post_message_with_transfer(&message, &transfer);
    }

    fn on_message(event: MessageEvent) {
        let data = Array::from(&event.data());
        let Some(json) = data.get(0).as_string() else { return };
        let Ok(message) = serde_json::from_str::<ToWorker>(&json) else { return };
        let blob = data.get(1).dyn_into::<Blob>().ok();
        INBOX.with(|inbox| inbox.borrow_mut().push_back((message, blob)));
        drain();
    }

    /// Handles the page's messages in the order they came. A file is taken at once and its
    /// digest asked of the browser; any other message waits until every file before it has its
    /// digest, so the engine never hashes a file in wasm when the browser can.
    ///
    /// Why: the worker knows a file by its content (its cache of files read is keyed by their
    /// SHA-256, and the report names each input's), so every file is hashed once. In wasm
    /// (the `sha2` crate, no SHA instructions) that was a third of the reading at a chain store's
    /// million attempts (330 MB: about 2.3 s); `crypto.subtle` hashes at the machine's speed, off
    /// this thread. Where it is missing (a page served over plain HTTP from another host is not a
    /// secure context), a file is hashed by the engine as before.
    fn drain() {
        loop {
            let waits = DIGESTING.get() || TO_DIGEST.with(|queue| !queue.borrow().is_empty());
            let next = INBOX.with(|inbox| {
                let mut inbox = inbox.borrow_mut();
                let is_file = matches!(inbox.front(), Some((ToWorker::File { .. }, _)));
                if is_file || !waits { inbox.pop_front() } else { None }
            });
            let Some((message, blob)) = next else { return };
            let handle = blob.map(|blob| Handle { blob, bytes: Rc::default() });
            let digest = match (&message, &handle, subtle()) {
                (ToWorker::File { id, .. }, Some(handle), Some(_)) => Some((*id, handle.clone())),
                _ => None,
            };
            let is_file = matches!(message, ToWorker::File { .. });
            CORE.with(|core| {
                handle_reporting_panics(&mut core.borrow_mut(), message, handle, &mut post);
            });
            if !is_file {
                // Bytes read for a digest and not parsed by this request (the file was known by
                // its content) are not kept: the `Blob` is there to read them again.
                for handle in LEFT.with(|left| std::mem::take(&mut *left.borrow_mut())) {
                    handle.bytes.borrow_mut().take();
                }
            }
            if let Some(file) = digest {
                TO_DIGEST.with(|queue| queue.borrow_mut().push_back(file));
                if !DIGESTING.replace(true) {
                    spawn_local(digest_files());
                }
            }
        }
    }

    /// Has the browser make the digest of each file in [`TO_DIGEST`], one file at a time (each
    /// file's bytes are held in the browser's memory while it is hashed; a month of a chain
    /// store's files at once would be hundreds of MB), gives each to the engine's worker, then
    /// handles the messages that waited. A digest that fails is left to the engine.
    async fn digest_files() {
        while let Some((id, handle)) = TO_DIGEST.with(|queue| queue.borrow_mut().pop_front()) {
            if let Ok((sha256, buffer)) = digest(&handle.blob).await {
                CORE.with(|core| core.borrow_mut().digested(id, sha256));
                *handle.bytes.borrow_mut() = Some(buffer);
                LEFT.with(|left| left.borrow_mut().push(handle));
            }
        }
        DIGESTING.set(false);
        drain();
    }

    /// The lowercase hex SHA-256 of a `Blob`'s bytes, by the browser, and the bytes.
    async fn digest(blob: &Blob) -> Result<(String, ArrayBuffer), JsValue> {
        let subtle = subtle().ok_or(JsValue::NULL)?;
        let buffer: ArrayBuffer = JsFuture::from(blob.array_buffer()).await?.unchecked_into();
        let data: &Object = buffer.as_ref();
        let hash =
            JsFuture::from(subtle.digest_with_str_and_buffer_source("SHA-256", data)?).await?;
        let mut hex = String::with_capacity(64);
        for byte in Uint8Array::new(&hash).to_vec() {
            let _ = write!(hex, "{byte:02x}");
        }
        Ok((hex, buffer))
    }

    /// The worker's `crypto.subtle`, where the browser offers it (secure contexts only).
    fn subtle() -> Option<SubtleCrypto> {
        let scope = scope();
        if !scope.is_secure_context() {
            return None;
        }
        scope.crypto().ok().map(|crypto| crypto.subtle())
    }

    pub(super) fn run() {
        CRASH_SINK.with(|sink| *sink.borrow_mut() = Some(post));
        let handler = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
        scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        post(FromWorker::Ready.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::export::ExportFormat;

    thread_local! {
        /// How many times a test's worker read a file from its handle.
        static READS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// A worker whose "blobs" are the bytes themselves; it counts its reads in `READS`.
    fn worker() -> WorkerCore<Vec<u8>> {
        WorkerCore::new(|bytes: &Vec<u8>| {
            READS.with(|n| n.set(n.get() + 1));
            Ok(bytes.clone())
        })
    }

    fn give(core: &mut WorkerCore<Vec<u8>>, id: u64, name: &str, bytes: Vec<u8>) {
        let size = bytes.len() as u64;
        let file = ToWorker::File { id, name: name.into(), size };
        core.handle(file, Some(bytes), &mut |_| panic!("a file gets no answer"));
    }

    fn ask(core: &mut WorkerCore<Vec<u8>>, message: ToWorker) -> Vec<Reply> {
        let mut replies = Vec::new();
        core.handle(message, None, &mut |r| replies.push(r));
        replies
    }

    fn analysis(revision: u64, lang: Lang, files: Vec<u64>) -> ToWorker {
        ToWorker::Analyze(AnalysisRequest {
            revision,
            as_of: "2026-11-17".into(),
            lang,
            files,
            options_json: String::new(),
            open_cases: Vec::new(),
        })
    }

    fn demo_files() -> Vec<(String, Vec<u8>)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/demo");
        let manifest: Vec<String> =
            serde_json::from_slice(&std::fs::read(format!("{dir}/manifest.json")).unwrap())
                .unwrap();
        manifest
            .into_iter()
            .map(|name| {
                let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
                (name, bytes)
            })
            .collect()
    }

    /// A worker given the demo files as ids 1, 2, 3.
    fn demo_worker() -> (WorkerCore<Vec<u8>>, Vec<u64>) {
        let mut core = worker();
        let mut ids = Vec::new();
        for (k, (name, bytes)) in demo_files().into_iter().enumerate() {
            let id = k as u64 + 1;
            give(&mut core, id, &name, bytes);
            ids.push(id);
        }
        (core, ids)
    }

    /// The answer to the analysis: the last reply, or the one before the case keys.
    fn answer(replies: &[Reply]) -> &AnalysisResponse {
        match replies {
            [.., Reply { message: FromWorker::Analysis(response), .. }]
            | [
                ..,
                Reply { message: FromWorker::Analysis(response), .. },
                Reply { message: FromWorker::Cases { .. }, .. },
            ] => response,
            _ => panic!("the analysis answered last, or just before the case keys: {replies:?}"),
        }
    }

    /// The case keys sent after a successful analysis.
    fn case_keys(replies: &[Reply]) -> Followed {
        let Some(Reply { message: FromWorker::Cases { followed, .. }, .. }) = replies.last() else {
            panic!("the case keys come last: {replies:?}");
        };
        followed.clone()
    }

    /// The report as the page puts it together: the findings sent before it, then the rest.
    fn report_of(replies: &[Reply]) -> (u64, Report) {
        let response = answer(replies);
        let mut inbox = FindingsInbox::default();
        for reply in replies {
            match (&reply.message, &reply.bytes) {
                (FromWorker::Findings { revision, from }, Some(json)) => {
                    inbox.add(*revision, *from, json)
                }
                (FromWorker::Report { revision }, Some(json)) => inbox.lean(*revision, json),
                _ => {}
            }
        }
        response.result.clone().expect("a report");
        (response.revision, inbox.report(response.revision).expect("decodes"))
    }

    fn stages(replies: &[Reply]) -> Vec<Stage> {
        replies
            .iter()
            .filter_map(|r| match &r.message {
                FromWorker::Progress { stage, .. } => Some(stage.clone()),
                _ => None,
            })
            .collect()
    }

    fn matched(replies: &[Reply]) -> bool {
        answer(replies).matched
    }

    #[test]
    fn an_analysis_says_each_stage_and_answers_in_the_asked_language() {
        let (mut core, ids) = demo_worker();
        let replies = ask(&mut core, analysis(7, Lang::En, ids.clone()));
        let stages = stages(&replies);
        let sizes: Vec<u64> = demo_files().iter().map(|(_, b)| b.len() as u64).collect();
        let total: u64 = sizes.iter().sum();
        assert_eq!(stages.len(), ids.len() + 2, "each file read, then two stages: {stages:?}");
        assert_eq!(
            stages[1],
            Stage::Reading {
                file: 2,
                files: 3,
                name: demo_files()[1].0.clone(),
                bytes: sizes[1],
                done_bytes: sizes[0],
                total_bytes: total,
            }
        );
        assert_eq!(stages[3..], [Stage::Matching, Stage::Diagnosing], "no chains built");
        assert!(matched(&replies));
        let (revision, report) = report_of(&replies);
        assert_eq!((revision, report.lang.as_str()), (7, "en"));
        assert_eq!(report.inputs.len(), 3);
    }

    #[test]
    fn a_language_switch_words_the_kept_report_again_and_detects_nothing() {
        let (mut core, ids) = demo_worker();
        let first = ask(&mut core, analysis(1, Lang::Zh, ids.clone()));
        let switched = ask(&mut core, analysis(2, Lang::En, ids.clone()));
        // Neither read, nor matched, nor diagnosed: the words of the kept report are swapped.
        assert_eq!(stages(&switched), [Stage::Wording], "no reading, no match, no detectors");
        assert!(!matched(&switched));
        // Byte for byte what a fresh worker analysing in English sends (but that it matched).
        let (mut fresh, fresh_ids) = demo_worker();
        let direct = ask(&mut fresh, analysis(2, Lang::En, fresh_ids));
        let sent = |replies: &[Reply]| -> Vec<Reply> {
            let mut messages: Vec<Reply> = replies
                .iter()
                .filter(|r| !matches!(r.message, FromWorker::Progress { .. }))
                .cloned()
                .collect();
            for reply in &mut messages {
                if let FromWorker::Analysis(response) = &mut reply.message {
                    response.matched = false;
                }
            }
            messages
        };
        assert!(sent(&switched) == sent(&direct), "the same messages as analysing afresh");
        // And back: what the first analysis sent.
        let back = ask(&mut core, analysis(1, Lang::Zh, ids.clone()));
        assert_eq!(stages(&back), [Stage::Wording]);
        assert!(sent(&back) == sent(&first), "back in Chinese, the first report again");
        // A switch with anything else changed (here the date) is a new analysis.
        let mut later = analysis(3, Lang::En, ids);
        if let ToWorker::Analyze(request) = &mut later {
            request.as_of = "2026-11-20".into();
        }
        let stages = stages(&ask(&mut core, later));
        assert!(stages.ends_with(&[Stage::Matching, Stage::Diagnosing]), "{stages:?}");
    }

    #[test]
    fn chains_are_built_when_an_export_or_steps_need_them_and_follow_a_switch() {
        let (mut core, ids) = demo_worker();
        ask(&mut core, analysis(1, Lang::Zh, ids.clone()));
        let chained = |core: &WorkerCore<Vec<u8>>| core.kept.as_ref().is_some_and(|k| k.chained);
        assert!(!chained(&core), "an analysis builds no chains");
        ask(&mut core, analysis(2, Lang::En, ids));
        assert!(!chained(&core), "nor does a switch");
        let request = ExportRequest {
            seq: 1,
            revision: 2,
            target: ExportTarget::Report(ExportFormat::Json),
            file_name: "r".into(),
            redaction: Redaction::default(),
        };
        let replies = ask(&mut core, ToWorker::Export(request));
        assert!(chained(&core), "an export builds them, and they are kept");
        // The export of the switched report is the CLI's English report, chains included.
        let files: Vec<SourceFile> =
            demo_files().into_iter().map(|(n, b)| SourceFile::new(n, b)).collect();
        let mut options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 17).unwrap());
        options.lang = Lang::En;
        let whole = posrecon_engine::analyze(&files, &options);
        assert!(!whole.chains.is_empty());
        assert_eq!(replies[0].bytes, Some(export::json(&whole).unwrap()));
    }

    #[test]
    fn an_analysis_keys_every_finding_and_follows_the_open_cases_it_was_given() {
        let (mut core, ids) = demo_worker();
        let gone = "sale|99999999||000001|100|2026-11-10".to_owned();
        let ToWorker::Analyze(mut request) = analysis(1, Lang::Zh, ids) else { unreachable!() };
        request.open_cases = vec![gone.clone()];
        let replies = ask(&mut core, ToWorker::Analyze(request));
        let followed = case_keys(&replies);
        let (_, report) = report_of(&replies);
        let ids: Vec<&str> = followed.findings.iter().map(|f| f.finding_id.as_str()).collect();
        let report_ids: Vec<&str> = report.findings.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, report_ids, "one key per finding, in report order");
        assert_eq!(followed.earlier.len(), 1);
        assert_eq!(followed.earlier[0].key, gone);
        assert_eq!(followed.earlier[0].outcome, follow::Outcome::Gone);

        // A day the files do not cover is not called gone.
        let outside = "sale|99999999||000001|100|2026-10-01".to_owned();
        let (mut core, ids) = demo_worker();
        let ToWorker::Analyze(mut request) = analysis(1, Lang::Zh, ids) else { unreachable!() };
        request.open_cases = vec![outside];
        let replies = ask(&mut core, ToWorker::Analyze(request));
        let earlier = case_keys(&replies).earlier;
        assert_eq!(earlier[0].outcome, follow::Outcome::NotCovered);
    }

    #[test]
    fn a_check_reads_and_matches_nothing_again() {
        let (mut core, ids) = demo_worker();
        READS.with(|n| n.set(0));
        ask(&mut core, analysis(1, Lang::Zh, ids.clone()));
        assert_eq!(READS.with(|n| n.get()), 3);
        let replies = ask(&mut core, check(2, ids.clone(), "2026-11-13T17:25", "56.00", Lang::Zh));
        assert!(check_answer(&replies).is_ok());
        assert_eq!(READS.with(|n| n.get()), 3, "the check read no file again");
        // The match the analysis kept is still the one in force: the next analysis reuses it.
        assert!(!matched(&ask(&mut core, analysis(3, Lang::En, ids))));
    }

    #[test]
    fn the_same_file_dropped_again_is_hashed_not_parsed_or_matched_again() {
        let (mut core, ids) = demo_worker();
        ask(&mut core, analysis(1, Lang::Zh, ids.clone()));
        // The page gives a re-dropped file a new id; its bytes are the same.
        let (name, bytes) = demo_files().remove(0);
        give(&mut core, 10, &name, bytes);
        let replies = ask(&mut core, analysis(2, Lang::Zh, vec![10, ids[1], ids[2]]));
        let stages = stages(&replies);
        assert!(matches!(&stages[0], Stage::Reading { name: n, files: 1, .. } if *n == name));
        assert_eq!(stages[1..], [Stage::Wording], "no parse, no match, no diagnosis");
        assert!(!matched(&replies));
        // Another file under that name is read and matched.
        give(&mut core, 11, &name, b"x,y\n1,2\n".to_vec());
        let replies = ask(&mut core, analysis(3, Lang::Zh, vec![11, ids[1], ids[2]]));
        assert!(matched(&replies));
    }

    #[test]
    fn a_file_whose_digest_the_browser_gave_is_read_only_to_be_parsed() {
        let (mut core, ids) = demo_worker();
        READS.with(|n| n.set(0));
        ask(&mut core, analysis(1, Lang::Zh, ids.clone()));
        assert_eq!(READS.with(|n| n.get()), 3, "each file read once, hashed and parsed");
        // The same file dropped again with its digest known is not read at all: no hashing.
        let (name, bytes) = demo_files().remove(0);
        let sha256 = ingest::sha256_hex(&bytes);
        give(&mut core, 10, &name, bytes);
        core.digested(10, sha256.clone());
        let replies = ask(&mut core, analysis(2, Lang::Zh, vec![10, ids[1], ids[2]]));
        assert_eq!(READS.with(|n| n.get()), 3, "known by its digest, not read");
        assert!(stages(&replies).iter().all(|s| !matches!(s, Stage::Reading { .. })));
        assert!(!matched(&replies));
        // A new file with its digest is read once, and the report names it by that digest.
        let (mut core, _) = demo_worker();
        READS.with(|n| n.set(0));
        let (name, bytes) = demo_files().remove(0);
        let sha256 = ingest::sha256_hex(&bytes);
        give(&mut core, 20, &name, bytes);
        core.digested(20, sha256.clone());
        let replies = ask(&mut core, analysis(3, Lang::Zh, vec![20]));
        assert_eq!(READS.with(|n| n.get()), 1);
        let (_, report) = report_of(&replies);
        assert!(
            report.inputs.iter().any(|input| input.sha256 == sha256),
            "the report names the file by its digest"
        );
    }

    #[test]
    fn a_role_chosen_for_one_file_reads_only_that_file_again() {
        let (mut core, ids) = demo_worker();
        ask(&mut core, analysis(1, Lang::Zh, ids.clone()));
        let name = demo_files()[0].0.clone();
        let request = ToWorker::Analyze(AnalysisRequest {
            revision: 2,
            as_of: "2026-11-17".into(),
            lang: Lang::Zh,
            files: ids,
            options_json: format!(r#"{{"role_overrides": {{"{name}": "bank_statement"}}}}"#),
            open_cases: Vec::new(),
        });
        let replies = ask(&mut core, request);
        let read: Vec<String> = stages(&replies)
            .into_iter()
            .filter_map(|s| match s {
                Stage::Reading { name, .. } => Some(name),
                _ => None,
            })
            .collect();
        assert_eq!(read, std::slice::from_ref(&name));
        assert!(matched(&replies), "another reading is matched again");
        let (_, report) = report_of(&replies);
        let input = report.inputs.iter().find(|i| i.file == name).expect("the file");
        assert_eq!(input.role, Some(posrecon_engine::model::Role::BankStatement));
    }

    #[test]
    fn the_findings_come_in_slices_and_a_slice_sent_again_replaces_what_was_there() {
        let (mut core, ids) = demo_worker();
        let replies = ask(&mut core, analysis(1, Lang::Zh, ids));
        let [.., Reply { message: FromWorker::Report { revision: 1 }, bytes: Some(lean) }, last, _] =
            &replies[..]
        else {
            panic!("the report, then the answer and the case keys: {replies:?}")
        };
        assert!(matches!(
            last.message,
            FromWorker::Analysis(AnalysisResponse { result: Ok(()), .. })
        ));
        let lean = lean.as_slice();
        let decoded: Report = serde_json::from_slice(lean).unwrap();
        assert!(decoded.findings.is_empty(), "the findings come beside");
        let (_, report) = report_of(&replies);
        assert!(!report.findings.is_empty());
        // Slices as a worker sends them for many findings, one sent twice (a replaced worker).
        let many: Vec<Finding> = (0..3).flat_map(|_| report.findings.clone()).collect();
        let slices: Vec<Vec<u8>> = many.chunks(2).map(|c| serde_json::to_vec(c).unwrap()).collect();
        let mut inbox = FindingsInbox::default();
        inbox.add(5, 0, &serde_json::to_vec(&report.findings[..1]).unwrap());
        for (k, json) in slices.iter().enumerate() {
            inbox.add(7, k * 2, json);
        }
        inbox.add(7, 2, &slices[1]);
        for (k, json) in slices.iter().enumerate().skip(2) {
            inbox.add(7, k * 2, json);
        }
        inbox.lean(7, lean);
        assert_eq!(inbox.report(7).unwrap().findings, many);
        // Findings of another analysis are not put into this one's report.
        let mut inbox = FindingsInbox::default();
        inbox.add(6, 0, &slices[0]);
        inbox.lean(7, lean);
        assert!(inbox.report(7).unwrap().findings.is_empty());
        let mut inbox = FindingsInbox::default();
        inbox.add(7, 0, b"[{");
        inbox.lean(7, lean);
        assert!(inbox.report(7).is_err(), "an unreadable slice fails the report");
        // A report that did not come, or came unreadable, is an error, not an empty report.
        let mut inbox = FindingsInbox::default();
        inbox.add(7, 0, &slices[0]);
        assert!(inbox.report(7).is_err());
        let mut inbox = FindingsInbox::default();
        inbox.lean(7, b"{");
        assert!(inbox.report(7).is_err());
        let mut inbox = FindingsInbox::default();
        inbox.lean(6, lean);
        assert!(inbox.report(7).is_err(), "another analysis's report");
    }

    #[test]
    fn files_too_big_to_keep_read_go_into_the_match_and_are_read_again_only_for_a_new_match() {
        // Every demo file is "too big": none stays read beside the match.
        let (mut core, ids) = demo_worker();
        core.keep_read_bytes = 0;
        READS.with(|n| n.set(0));
        let first = ask(&mut core, analysis(1, Lang::Zh, ids.clone()));
        assert_eq!(READS.with(|n| n.get()), 3);
        assert!(core.reads.is_empty(), "the reads went into the match");
        // A language switch and a check reuse the match: nothing is read.
        assert!(!matched(&ask(&mut core, analysis(2, Lang::En, ids.clone()))));
        let replies = ask(&mut core, check(3, ids.clone(), "2026-11-13T17:25", "56.00", Lang::Zh));
        assert!(check_answer(&replies).is_ok());
        assert_eq!(READS.with(|n| n.get()), 3);
        // The same file dropped again is read to hash it, not kept: the match holds it.
        let (name, bytes) = demo_files().remove(0);
        give(&mut core, 10, &name, bytes);
        let again = vec![10, ids[1], ids[2]];
        assert!(!matched(&ask(&mut core, analysis(4, Lang::Zh, again.clone()))));
        assert_eq!(READS.with(|n| n.get()), 4);
        assert!(core.reads.is_empty());
        // Another setting needs a new match: every file is read again, and the report is the
        // one a worker keeping every read makes.
        let typed =
            crate::mapping::UserSettings { settlement_cycle: "D+1".into(), ..Default::default() };
        let options = crate::mapping::AnalysisOptions {
            settings: Some(typed.to_engine().0),
            ..Default::default()
        };
        let options_json = serde_json::to_string(&options).unwrap();
        let request = |revision| {
            ToWorker::Analyze(AnalysisRequest {
                revision,
                as_of: "2026-11-17".into(),
                lang: Lang::Zh,
                files: again.clone(),
                options_json: options_json.clone(),
                open_cases: Vec::new(),
            })
        };
        let replies = ask(&mut core, request(5));
        assert!(matched(&replies));
        assert_eq!(READS.with(|n| n.get()), 7);
        let (mut keeping, _) = demo_worker();
        give(&mut keeping, 10, &name, demo_files().remove(0).1);
        assert_eq!(report_of(&replies).1, report_of(&ask(&mut keeping, request(5))).1);
        assert_ne!(report_of(&replies).1, report_of(&first).1, "the setting changed the report");
    }

    #[test]
    fn the_page_gets_the_report_without_chains_and_exports_come_from_the_whole_one() {
        let (mut core, ids) = demo_worker();
        let replies = ask(&mut core, analysis(3, Lang::Zh, ids.clone()));
        let (_, lean) = report_of(&replies);
        assert!(lean.chains.is_empty(), "the page never shows chains");
        assert!(!lean.findings.is_empty());

        // What `posrecon analyze --json` writes for the same files: the JSON export equals it.
        let files: Vec<SourceFile> =
            demo_files().into_iter().map(|(n, b)| SourceFile::new(n, b)).collect();
        let mut options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 17).unwrap());
        options.lang = Lang::Zh;
        let matched = pipeline::run(&files, &options);
        let whole = posrecon_engine::analyze_matched(&matched, &options);
        assert!(!whole.chains.is_empty());
        // The page's report, put together from the findings' slices, is the whole one less
        // its chains.
        let mut without_chains = whole.clone();
        without_chains.chains.clear();
        assert_eq!(lean, without_chains);
        // The HTML report carries the deposits per day, as `posrecon analyze --html` writes it.
        let deposits = steps::deposit_days(&matched);
        assert!(!deposits.is_empty());
        let mut export = |target: ExportTarget, redaction: Redaction| {
            let request = ExportRequest {
                seq: 4,
                revision: 3,
                target: target.clone(),
                file_name: "r".into(),
                redaction,
            };
            let replies = ask(&mut core, ToWorker::Export(request));
            let [Reply { message: FromWorker::Export(response), bytes }] = &replies[..] else {
                panic!("one export answer: {replies:?}");
            };
            assert_eq!(
                (response.seq, &response.target, response.result.clone()),
                (4, &target, Ok(()))
            );
            bytes.clone().expect("the bytes beside")
        };
        let none = Redaction::default();
        let report = |format| ExportTarget::Report(format);
        assert_eq!(export(report(ExportFormat::Json), none), export::json(&whole).unwrap());
        assert_eq!(
            export(report(ExportFormat::Html), none),
            posrecon_engine::report::html::render_with_deposits(&whole, &deposits).into_bytes()
        );
        assert_eq!(
            export(report(ExportFormat::Csv), none),
            posrecon_engine::report::csv::render(&whole)
        );
        // A case sheet and the chat texts, as the engine renders them for the whole report.
        let id = whole.findings[0].id.clone();
        assert_eq!(
            export(ExportTarget::Sheet(id.clone()), none),
            posrecon_engine::report::sheet::render(&whole, &id).unwrap().into_bytes()
        );
        assert_eq!(
            export(ExportTarget::FindingText(id.clone()), none),
            posrecon_engine::report::finding_text::render(&whole, &id).unwrap().into_bytes()
        );
        assert_eq!(
            export(ExportTarget::RunText, none),
            posrecon_engine::report::run_text::render(&whole).into_bytes()
        );
        // The merchant's redaction is applied before rendering, to every export.
        let redaction = Redaction { mask_ids: true, drop_card_digits: true, drop_names: true };
        let redacted = posrecon_engine::report::redact::redact(&whole, &redaction);
        assert_eq!(export(report(ExportFormat::Json), redaction), export::json(&redacted).unwrap());
        assert_eq!(
            export(ExportTarget::Sheet(id.clone()), redaction),
            posrecon_engine::report::sheet::render(&redacted, &id).unwrap().into_bytes()
        );

        // An export of a report the worker no longer keeps is refused, not rendered wrong.
        let stale = ExportRequest {
            seq: 5,
            revision: 2,
            target: ExportTarget::Report(ExportFormat::Csv),
            file_name: "r".into(),
            redaction: Redaction::default(),
        };
        let replies = ask(&mut core, ToWorker::Export(stale));
        let FromWorker::Export(response) = &replies[0].message else { panic!() };
        assert!(matches!(response.result, Err(WorkerError::BadRequest(_))));
        assert_eq!(replies[0].bytes, None);
    }

    #[test]
    fn files_no_longer_named_are_forgotten_and_a_file_never_sent_is_a_bad_request() {
        let (mut core, ids) = demo_worker();
        let replies = ask(&mut core, analysis(1, Lang::Zh, ids[..1].to_vec()));
        assert_eq!(report_of(&replies).1.inputs.len(), 1);
        let replies = ask(&mut core, analysis(2, Lang::Zh, ids.clone()));
        let FromWorker::Analysis(response) = &replies.last().unwrap().message else { panic!() };
        assert!(
            matches!(&response.result, Err(WorkerError::BadRequest(m)) if m.contains("never sent")),
            "{response:?}"
        );
    }

    fn check(seq: u64, files: Vec<u64>, time: &str, amount: &str, lang: Lang) -> ToWorker {
        ToWorker::Check(CheckRequest {
            seq,
            as_of: "2026-11-17".into(),
            lang,
            files,
            time: time.into(),
            amount: amount.into(),
            card_last4: String::new(),
            terminal: String::new(),
            wallet: String::new(),
            options_json: String::new(),
        })
    }

    fn check_answer(replies: &[Reply]) -> Result<String, WorkerError> {
        let [.., Reply { message: FromWorker::Check(response), .. }] = replies else {
            panic!("the check answer last: {replies:?}");
        };
        response.result.clone()
    }

    #[test]
    fn a_check_uses_the_files_the_worker_holds() {
        let (mut core, ids) = demo_worker();
        // The page's datetime-local input gives `YYYY-MM-DDTHH:MM`.
        let replies = ask(&mut core, check(3, ids.clone(), "2026-11-13T17:25", "56.00", Lang::Zh));
        let result = decode_check(&check_answer(&replies).expect("a verdict")).expect("decodes");
        assert_eq!(result.verdict.as_str(), "reversed_not_charged");
        assert!(result.say_to_customer[0].contains("没有被扣款"));

        let replies = ask(&mut core, check(4, ids, "2026-11-13T17:25", "abc", Lang::En));
        let Err(WorkerError::BadRequest(message)) = check_answer(&replies) else {
            panic!("a bad amount is a bad request");
        };
        assert!(message.contains("cannot read the amount 'abc'"), "{message}");
    }

    /// The steps the worker sent for findings asked for or a check, by finding id (`""` for a
    /// check).
    fn sent_steps(replies: &[Reply]) -> BTreeMap<String, Vec<StepLine>> {
        let mut out = BTreeMap::new();
        for reply in replies {
            match &reply.message {
                FromWorker::Steps { steps, .. } => out.extend(steps.iter().cloned()),
                FromWorker::CheckSteps { steps, .. } => {
                    out.insert(String::new(), steps.clone());
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn the_dropped_sale_is_followed_to_the_bank_in_the_finding_and_in_the_check() {
        let (mut core, ids) = demo_worker();
        // A check before any analysis has no chains to follow: no steps are sent.
        let replies = ask(&mut core, check(1, ids.clone(), "2026-11-09T10:05", "1580", Lang::Zh));
        assert!(sent_steps(&replies).is_empty());

        let replies = ask(&mut core, analysis(2, Lang::Zh, ids.clone()));
        assert!(sent_steps(&replies).is_empty(), "steps are sent when asked for");
        let (_, report) = report_of(&replies);
        let dropped = report.findings.iter().find(|f| f.amount_cents == 158_000).unwrap();
        let all: Vec<String> = report.findings.iter().map(|f| f.id.clone()).collect();
        let steps = sent_steps(&ask(&mut core, ToWorker::Steps { revision: 2, ids: all.clone() }));
        let texts: Vec<&str> = steps[&dropped.id].iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "终端显示「交易超时」，没有收到结果",
                "已结算 1,580.00 元，清算日期 2026-11-09",
                "11-12 到账，晚到 2 个工作日（应 11-10 到账）",
            ]
        );
        assert_eq!(steps.len(), report.findings.len(), "every finding of the demo has its steps");
        let one = ask(&mut core, ToWorker::Steps { revision: 2, ids: vec![dropped.id.clone()] });
        assert_eq!(sent_steps(&one).len(), 1, "only the findings asked for");
        // Steps of a report the worker no longer keeps are not sent.
        assert!(
            sent_steps(&ask(&mut core, ToWorker::Steps { revision: 1, ids: all.clone() }))
                .is_empty()
        );
        let Some(FromWorker::Chains(chains)) =
            replies.iter().map(|r| &r.message).find(|m| matches!(m, FromWorker::Chains(_)))
        else {
            panic!("chains sent")
        };
        assert!(chains.deposits.iter().any(|d| d.expected_cents != d.received_cents));

        // The check of that payment shows the same steps.
        let replies = ask(&mut core, check(3, ids.clone(), "2026-11-09T10:05", "1580", Lang::Zh));
        assert_eq!(sent_steps(&replies)[""], steps[&dropped.id]);
        assert!(matches!(replies.last().unwrap().message, FromWorker::Check(_)));

        // After a language switch the same steps come in the new language.
        assert_eq!(stages(&ask(&mut core, analysis(4, Lang::En, ids))), [Stage::Wording]);
        let english = sent_steps(&ask(&mut core, ToWorker::Steps { revision: 4, ids: all }));
        assert_eq!(english.len(), steps.len());
        assert!(english[&dropped.id][0].text.starts_with("the terminal showed"), "{english:?}");
    }

    fn qr_check(wallet: &str) -> Result<String, WorkerError> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/golden/qr-payments");
        let mut core = worker();
        let names =
            ["微信支付账单_20261109.csv", "支付宝账单_20261109.csv", "收银机流水_20261109.csv"];
        for (id, name) in names.into_iter().enumerate() {
            give(&mut core, id as u64, name, std::fs::read(format!("{dir}/{name}")).unwrap());
        }
        let request = CheckRequest {
            seq: 1,
            as_of: "2026-11-12".into(),
            lang: Lang::En,
            files: vec![0, 1, 2],
            time: "2026-11-09T15:30".into(),
            amount: "45".into(),
            card_last4: String::new(),
            terminal: String::new(),
            wallet: wallet.into(),
            options_json: String::new(),
        };
        check_answer(&ask(&mut core, ToWorker::Check(request)))
    }

    #[test]
    fn the_wallet_narrows_the_check_to_that_wallets_payments() {
        // The 45.00 at 15:30 was paid with Alipay (as `posrecon check --wallet ...` says).
        let verdict = |wallet: &str| {
            let json = qr_check(wallet).expect("a verdict");
            decode_check(&json).expect("decodes").verdict.as_str().to_owned()
        };
        assert_eq!(verdict(""), "charged_and_settled");
        assert_eq!(verdict("alipay"), "charged_and_settled");
        assert_eq!(verdict("wechat"), "not_found");
        let json = qr_check("wechat").unwrap();
        assert_eq!(decode_check(&json).unwrap().query.wallet, Some(Wallet::Wechat));
        let Err(WorkerError::BadRequest(message)) = qr_check("paypal") else {
            panic!("an unknown wallet is a bad request");
        };
        assert!(message.contains("'paypal' must be wechat or alipay"), "{message}");
    }

    #[test]
    fn a_bad_date_is_a_bad_request() {
        let mut core = worker();
        let request = ToWorker::Analyze(AnalysisRequest {
            revision: 1,
            as_of: "17/11/2026".into(),
            lang: Lang::Zh,
            files: vec![],
            options_json: String::new(),
            open_cases: Vec::new(),
        });
        let replies = ask(&mut core, request);
        let FromWorker::Analysis(response) = &replies[0].message else { panic!() };
        assert!(matches!(response.result, Err(WorkerError::BadRequest(_))));
    }

    #[test]
    fn a_crash_answers_the_request_in_flight_by_its_kind() {
        let analysis = InFlight::of(&analysis(9, Lang::Zh, vec![])).unwrap();
        let answer = analysis.crashed("boom".into());
        assert!(answer.crashed());
        assert!(matches!(answer, FromWorker::Analysis(AnalysisResponse { revision: 9, .. })));
        assert!(InFlight::of(&ToWorker::File { id: 1, name: "a".into(), size: 1 }).is_none());
    }
}
