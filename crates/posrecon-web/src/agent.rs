//! The Web Worker that runs the engine, and the messages between it and the page.
//!
//! Why a hand-written protocol (no worker framework): at chain-store scale (a million attempts,
//! 200 MB of statements) the files must cross into the worker once, as the browser's own `Blob`
//! handles (a structured clone of a `Blob` is a reference, not a copy), and the page must be able
//! to `terminate()` a run it no longer wants. So:
//!
//! - every message is a two-element JS array `[json, extra]`: `json` is a [`ToWorker`] or
//!   [`FromWorker`] as JSON, `extra` a `Blob` (a file, page to worker) or an `ArrayBuffer` (an
//!   export's bytes, transferred worker to page), else `undefined`;
//! - a file is sent once ([`ToWorker::File`], by id); analyses and checks name files by id;
//! - the worker ([`WorkerCore`]) reads a file's `Blob` when a request needs it read
//!   (`FileReaderSync`, posting [`Stage::Reading`] progress), keeps what each stage of the engine
//!   made (see [`WorkerCore`]), and drops the files a later request no longer names;
//! - the worker keeps the full report of the last analysis and sends the page the report without
//!   its chains (the page never shows them; at 200,000 attempts they are 90% of the compact
//!   JSON, 28 of 31 MB). Every
//!   export (Excel, CSV, HTML, JSON) is rendered here from the kept report, so the page never
//!   sends a report back;
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
use posrecon_engine::report::Report;
use posrecon_engine::report::steps::{self, DepositDay, StepLine};
use posrecon_engine::{
    Lang, Matched, Options, ReadFile, Settings, SourceFile, Stage as EngineStage,
    analyze_matched_with_progress, check_matched, ingest, pipeline, read_file, read_key,
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
}

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
}

/// The worker's answer to an [`AnalysisRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalysisResponse {
    /// Echo of [`AnalysisRequest::revision`].
    pub revision: u64,
    /// The report without its chains as JSON (`posrecon.report/v1`, `chains` empty), or why
    /// there is none.
    pub result: Result<String, WorkerError>,
    /// This analysis read and matched the files. False when it reused the files this worker
    /// matched for the previous analysis (a language switch), or failed before matching.
    pub matched: bool,
    /// The case key of every finding and what became of the open cases no finding names
    /// (`posrecon_engine::follow`, from the whole report and its matched records); `None` when
    /// there is no report.
    #[serde(default)]
    pub followed: Option<Followed>,
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
    /// Just before a successful [`FromWorker::Analysis`]: each finding's chain in steps and the
    /// deposits per day, from the files the worker keeps matched (issue 13).
    Chains(ChainsResponse),
    /// Just before a [`FromWorker::Check`]: the steps of the payment the answer rests on, when
    /// a chain of the kept report holds it (not sent otherwise).
    CheckSteps {
        /// Echo of [`CheckRequest::seq`].
        seq: u64,
        /// Terminal, acquirer, bank; empty when the answer rests on no row of a chain.
        steps: Vec<StepLine>,
    },
}

/// Each finding's chain, terminal -> acquirer -> bank, worded in the analysis's language, and
/// the deposits expected and received per day (`report::steps`). Sent beside the lean report
/// (the page has no chains and no records to work them out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainsResponse {
    /// Echo of [`AnalysisRequest::revision`].
    pub revision: u64,
    /// `(finding id, its three steps)`, in the report's order.
    pub steps: Vec<(String, Vec<StepLine>)>,
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
            | FromWorker::CheckSteps { .. } => None,
        };
        matches!(err, Some(WorkerError::Crashed(_)))
    }
}

/// One answer of the worker: the message, and an export's bytes beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The message.
    pub message: FromWorker,
    /// An export's bytes.
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

/// What a file read depends on: its content, its name and its [`read_key`].
type ReadId = (String, String, String);

/// The report of the last analysis, whole (chains included), for the exports.
struct Kept {
    revision: u64,
    report: Report,
    /// The options it was made with (the calendar of its steps).
    options: Options,
    /// Deposits expected and received per day, for the HTML report's chart.
    deposits: Vec<DepositDay>,
}

/// What a match depends on: each file as read (id and read key, in the page's order), the
/// settings and the date. Not the language: a language switch reuses the match.
#[derive(Clone, PartialEq)]
struct MatchKey {
    files: Vec<ReadId>,
    settings: Settings,
    as_of: NaiveDate,
}

/// The worker's state and its handling of every message; no browser call, so the native tests
/// run it. `B` is how a file is held until it is read, `read` turns it into bytes.
///
/// It caches by stage, using the engine's staged API: each file read ([`read_file`], by
/// content hash, name and [`read_key`]: the same file dropped again is hashed, not parsed), the
/// files matched ([`match_read`], kept while the
/// files read, the settings and the date stay the same), and the whole report of the last
/// analysis. So editing one file's mapping or role reads only that file again, a language
/// switch only diagnoses and words the kept match again, and a check reads nothing.
pub struct WorkerCore<B> {
    files: BTreeMap<u64, Held<B>>,
    reads: BTreeMap<ReadId, ReadFile>,
    matched: Option<(MatchKey, Matched)>,
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
            matched: None,
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
                let (result, followed) = match result {
                    Ok((json, followed)) => (Ok(json), Some(followed)),
                    Err(e) => (Err(e), None),
                };
                // The steps go first, so the report's arrival is the analysis's last word.
                if let Some(chains) = result.is_ok().then(|| self.chains(revision)).flatten() {
                    post(FromWorker::Chains(chains).into());
                }
                let response = AnalysisResponse { revision, result, matched, followed };
                post(FromWorker::Analysis(response).into());
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

    /// The named files read under `options`, as [`ReadId`]s of [`WorkerCore::reads`]: a file
    /// whose content, name and [`read_key`] were read before is not parsed again; the others are
    /// read from their handle (posting [`Stage::Reading`] for each when a `revision` is given).
    /// Files and reads no longer named are forgotten.
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
        let known = |held: &Held<B>, key: &str| {
            held.sha256.clone().map(|sha| (sha, held.name.clone(), key.to_owned()))
        };
        let keyed: Vec<(u64, String)> =
            ids.iter().map(|id| (*id, read_key(&self.files[id].name, options))).collect();
        let stale: Vec<&(u64, String)> = keyed
            .iter()
            .filter(|(id, key)| {
                known(&self.files[id], key).is_none_or(|read_id| !self.reads.contains_key(&read_id))
            })
            .collect();
        let total_bytes = stale.iter().map(|(id, _)| self.files[id].size).sum();
        let mut done_bytes = 0;
        for (k, (id, key)) in stale.iter().enumerate() {
            let Some(held) = self.files.get_mut(id) else { continue };
            if let Some(revision) = revision {
                let stage = Stage::Reading {
                    file: k + 1,
                    files: stale.len(),
                    name: held.name.clone(),
                    bytes: held.size,
                    done_bytes,
                    total_bytes,
                };
                post(FromWorker::Progress { revision, stage }.into());
            }
            let bytes = (self.read)(&held.handle)
                .map_err(|e| WorkerError::BadRequest(format!("{}: {e}", held.name)))?;
            let sha256 = ingest::sha256_hex(&bytes);
            held.sha256 = Some(sha256.clone());
            let read_id = (sha256, held.name.clone(), key.clone());
            let name = held.name.clone();
            self.reads
                .entry(read_id)
                .or_insert_with(|| read_file(&SourceFile::new(name, bytes), options));
            done_bytes += held.size;
        }
        let read_ids: Vec<ReadId> =
            keyed.iter().filter_map(|(id, key)| known(&self.files[id], key)).collect();
        self.reads.retain(|read_id, _| read_ids.contains(read_id));
        Ok(read_ids)
    }

    /// The named files read and matched under `options`, from the cache when nothing the match
    /// depends on changed (then `did_match` stays false).
    fn match_files(
        &mut self,
        ids: &[u64],
        options: &Options,
        revision: Option<u64>,
        post: &mut dyn FnMut(Reply),
    ) -> Result<&Matched, WorkerError> {
        let files = self.read_files(ids, options, revision, post)?;
        let key = MatchKey { files, settings: options.settings.clone(), as_of: options.as_of };
        if self.matched.as_ref().is_none_or(|(kept, _)| *kept != key) {
            self.matched = None;
            if let Some(revision) = revision {
                post(FromWorker::Progress { revision, stage: Stage::Matching }.into());
            }
            let read: Vec<ReadFile> =
                key.files.iter().filter_map(|read_id| self.reads.get(read_id).cloned()).collect();
            self.matched = Some((key, pipeline::match_owned(read, options)));
            self.did_match = true;
        }
        let (_, matched) = self.matched.as_ref().expect("matched above");
        Ok(matched)
    }

    fn analyze(
        &mut self,
        request: AnalysisRequest,
        post: &mut dyn FnMut(Reply),
    ) -> Result<(String, Followed), WorkerError> {
        let options = engine_options(&request.as_of, request.lang, &request.options_json)?;
        let revision = request.revision;
        self.kept = None;
        let matched = self.match_files(&request.files, &options, Some(revision), post)?;
        let mut report = analyze_matched_with_progress(matched, &options, &mut |stage| {
            let stage = match stage {
                EngineStage::Reading { .. } | EngineStage::Matching => Stage::Matching,
                EngineStage::Diagnosing => Stage::Diagnosing,
                EngineStage::Chains => Stage::Chains,
            };
            post(FromWorker::Progress { revision, stage }.into());
        });
        let followed = follow::follow(matched, &report, &request.open_cases);
        let chains = std::mem::take(&mut report.chains);
        let lean = serde_json::to_string(&report)
            .map_err(|e| WorkerError::BadRequest(format!("report could not be serialised: {e}")));
        report.chains = chains;
        let deposits =
            self.matched.as_ref().map(|(_, m)| steps::deposit_days(m)).unwrap_or_default();
        self.kept = Some(Kept { revision, report, options, deposits });
        lean.map(|json| (json, followed))
    }

    /// The steps of every finding of the kept report of `revision` and the deposits per day,
    /// from the files kept matched.
    fn chains(&self, revision: u64) -> Option<ChainsResponse> {
        let kept = self.kept.as_ref().filter(|k| k.revision == revision)?;
        let (_, matched) = self.matched.as_ref()?;
        let index = steps::Index::new(matched, &kept.options);
        let steps = index
            .of_findings(&kept.report)
            .into_iter()
            .map(|(id, s)| (id, s.words(kept.options.lang)))
            .collect();
        Some(ChainsResponse { revision, steps, deposits: kept.deposits.clone() })
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

    fn check_steps(&self, result: &CheckResult, options: &Options) -> Option<Vec<StepLine>> {
        let kept = self.kept.as_ref()?;
        let (_, matched) = self.matched.as_ref()?;
        // The kept report's chains name rows by input index: only of these same files.
        let same = |a: &Report| {
            a.inputs.len() == matched.inputs.len()
                && a.inputs.iter().zip(&matched.inputs).all(|(x, y)| x.sha256 == y.sha256)
        };
        if !same(&kept.report) {
            return None;
        }
        let index = steps::Index::new(matched, options);
        let found = result.records.iter().find_map(|r| {
            let input =
                matched.inputs.iter().position(|i| i.file == r.file && i.sheet == r.sheet)?;
            index.of_row(&kept.report, input as u32, r.line)
        })?;
        Some(found.words(options.lang))
    }

    fn export(&self, request: ExportRequest) -> Reply {
        let rendered = match &self.kept {
            Some(kept) if kept.revision == request.revision => export::render_in_worker_with(
                &request.target,
                &kept.report,
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

/// Parses the worker's JSON back into a report.
pub fn decode_report(json: &str) -> Result<Report, String> {
    serde_json::from_str(json).map_err(|e| format!("unreadable report: {e}"))
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
            ToWorker::File { .. } => return None,
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
                followed: None,
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
    use std::cell::RefCell;

    use js_sys::{Array, ArrayBuffer, Uint8Array};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

    use super::{CRASH_SINK, FromWorker, Reply, ToWorker, WorkerCore, handle_reporting_panics};

    thread_local! {
        static CORE: RefCell<WorkerCore<Blob>> = RefCell::new(WorkerCore::new(read_blob));
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    /// Reads a `Blob` whole, synchronously (only workers may).
    fn read_blob(blob: &Blob) -> Result<Vec<u8>, String> {
        let reader = FileReaderSync::new().map_err(|e| format!("{e:?}"))?;
        let buffer = reader.read_as_array_buffer(blob).map_err(|e| format!("{e:?}"))?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }

    /// Posts a reply; an export's bytes are transferred, not copied.
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
        CORE.with(|core| handle_reporting_panics(&mut core.borrow_mut(), message, blob, &mut post));
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

    fn report_of(replies: &[Reply]) -> (u64, Report) {
        let Some(Reply { message: FromWorker::Analysis(response), .. }) = replies.last() else {
            panic!("the last reply answers the analysis: {replies:?}");
        };
        let json = response.result.clone().expect("a report");
        (response.revision, decode_report(&json).expect("decodes"))
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
        let Some(Reply { message: FromWorker::Analysis(response), .. }) = replies.last() else {
            panic!("the last reply answers the analysis: {replies:?}");
        };
        response.matched
    }

    #[test]
    fn an_analysis_says_each_stage_and_answers_in_the_asked_language() {
        let (mut core, ids) = demo_worker();
        let replies = ask(&mut core, analysis(7, Lang::En, ids.clone()));
        let stages = stages(&replies);
        let sizes: Vec<u64> = demo_files().iter().map(|(_, b)| b.len() as u64).collect();
        let total: u64 = sizes.iter().sum();
        assert_eq!(stages.len(), ids.len() + 3, "each file read, then three stages: {stages:?}");
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
        assert_eq!(stages[3..], [Stage::Matching, Stage::Diagnosing, Stage::Chains]);
        assert!(matched(&replies));
        let (revision, report) = report_of(&replies);
        assert_eq!((revision, report.lang.as_str()), (7, "en"));
        assert_eq!(report.inputs.len(), 3);
    }

    #[test]
    fn a_language_switch_only_words_the_kept_match_again() {
        let (mut core, ids) = demo_worker();
        ask(&mut core, analysis(1, Lang::Zh, ids.clone()));
        let switched = ask(&mut core, analysis(2, Lang::En, ids.clone()));
        assert_eq!(stages(&switched), [Stage::Diagnosing, Stage::Chains], "no reading, no match");
        assert!(!matched(&switched));
        // Byte for byte what a fresh worker analysing in English sends.
        let (mut fresh, ids) = demo_worker();
        let direct = ask(&mut fresh, analysis(2, Lang::En, ids));
        let result = |replies: &[Reply]| match replies.last().map(|r| &r.message) {
            Some(FromWorker::Analysis(response)) => response.result.clone(),
            other => panic!("not an analysis answer: {other:?}"),
        };
        assert!(result(&switched) == result(&direct), "the same report as analysing afresh");
    }

    #[test]
    fn an_analysis_keys_every_finding_and_follows_the_open_cases_it_was_given() {
        let (mut core, ids) = demo_worker();
        let gone = "sale|99999999||000001|100|2026-11-10".to_owned();
        let ToWorker::Analyze(mut request) = analysis(1, Lang::Zh, ids) else { unreachable!() };
        request.open_cases = vec![gone.clone()];
        let replies = ask(&mut core, ToWorker::Analyze(request));
        let Some(FromWorker::Analysis(response)) = replies.last().map(|r| r.message.clone()) else {
            panic!("an analysis answer")
        };
        let followed = response.followed.expect("followed with the report");
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
        let Some(FromWorker::Analysis(response)) = replies.last().map(|r| r.message.clone()) else {
            panic!("an analysis answer")
        };
        let earlier = response.followed.expect("followed").earlier;
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
        assert_eq!(stages[1..], [Stage::Diagnosing, Stage::Chains], "no parse, no match");
        assert!(!matched(&replies));
        // Another file under that name is read and matched.
        give(&mut core, 11, &name, b"x,y\n1,2\n".to_vec());
        let replies = ask(&mut core, analysis(3, Lang::Zh, vec![11, ids[1], ids[2]]));
        assert!(matched(&replies));
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

    /// The steps the worker sent with an analysis or a check, by finding id (`""` for a check).
    fn sent_steps(replies: &[Reply]) -> BTreeMap<String, Vec<StepLine>> {
        let mut out = BTreeMap::new();
        for reply in replies {
            match &reply.message {
                FromWorker::Chains(c) => out.extend(c.steps.iter().cloned()),
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
        let (_, report) = report_of(&replies);
        let dropped = report.findings.iter().find(|f| f.amount_cents == 158_000).unwrap();
        let steps = sent_steps(&replies);
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
        let Some(FromWorker::Chains(chains)) =
            replies.iter().map(|r| &r.message).find(|m| matches!(m, FromWorker::Chains(_)))
        else {
            panic!("chains sent")
        };
        assert!(chains.deposits.iter().any(|d| d.expected_cents != d.received_cents));

        // The check of that payment shows the same steps.
        let replies = ask(&mut core, check(3, ids, "2026-11-09T10:05", "1580", Lang::Zh));
        assert_eq!(sent_steps(&replies)[""], steps[&dropped.id]);
        assert!(matches!(replies.last().unwrap().message, FromWorker::Check(_)));
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
