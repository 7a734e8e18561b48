//! The Web Worker that runs the engine, and the messages between it and the page.
//!
//! The worker is a thin shell: decode the request, call `posrecon_engine::analyze` (or
//! `posrecon_engine::check` for "a customer says they paid"), and send the result back as a JSON
//! string. JSON (the report contract of `report-json.md`) crosses the
//! boundary rather than the worker codec's own format, because the report uses serde features
//! (`skip_serializing_if`, renamed fields) that a non-self-describing codec cannot read back.
//!
//! A panic inside the engine must not leave the page waiting forever. [`install_panic_reporter`]
//! installs a panic hook that answers the request in flight with [`WorkerError::Crashed`] before
//! the wasm instance aborts; the page then spawns a fresh worker for the next request.

use std::cell::RefCell;

use chrono::NaiveDate;
use gloo_worker::{HandlerId, Worker, WorkerScope};
use posrecon_engine::check::{CheckQuery, CheckResult, Wallet};
use posrecon_engine::{Lang, Options, SourceFile};
use serde::{Deserialize, Serialize};

use crate::export::{self, ExportFormat};

/// Path of the worker's loader script (`www/worker_loader.js`, copied by Trunk).
pub const WORKER_LOADER: &str = "/worker_loader.js";

/// One file sent to the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFile {
    /// File name.
    pub name: String,
    /// The file's bytes.
    #[serde(with = "serde_bytes")]
    pub bytes: Vec<u8>,
}

/// Analyse these files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalysisRequest {
    /// The state revision this request is for; echoed in the response.
    pub revision: u64,
    /// Today in the browser's local time, `YYYY-MM-DD`.
    pub as_of: String,
    /// Language of the report text.
    pub lang: Lang,
    /// The files.
    pub files: Vec<RequestFile>,
    /// The merchant's roles, encodings, column mappings and settings
    /// ([`crate::mapping::AnalysisOptions`] as JSON); empty = none.
    pub options_json: String,
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
    /// The files.
    pub files: Vec<RequestFile>,
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

/// Render a download (Excel, CSV, HTML) of the report the page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRequest {
    /// The export's sequence number in the state; echoed in the response.
    pub seq: u64,
    /// What to render.
    pub format: ExportFormat,
    /// Name of the download; echoed in the response.
    pub file_name: String,
    /// The report as JSON (`posrecon.report/v1`), as the page holds it.
    pub report_json: String,
}

/// What the page asks the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkerRequest {
    /// Analyse the files.
    Analyze(AnalysisRequest),
    /// Check one payment.
    Check(CheckRequest),
    /// Render an export.
    Export(ExportRequest),
}

/// Why there is no report.
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

/// The worker's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalysisResponse {
    /// Echo of [`AnalysisRequest::revision`].
    pub revision: u64,
    /// The report as JSON (`posrecon.report/v1`), or why there is none.
    pub result: Result<String, WorkerError>,
}

/// The worker's answer to a [`CheckRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResponse {
    /// Echo of [`CheckRequest::seq`].
    pub seq: u64,
    /// The `CheckResult` as JSON (`posrecon.check/v1`), or why there is none.
    pub result: Result<String, WorkerError>,
}

/// The bytes of a rendered export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportBytes(#[serde(with = "serde_bytes")] pub Vec<u8>);

/// The worker's answer to an [`ExportRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportResponse {
    /// Echo of [`ExportRequest::seq`].
    pub seq: u64,
    /// Echo of [`ExportRequest::format`].
    pub format: ExportFormat,
    /// Echo of [`ExportRequest::file_name`].
    pub file_name: String,
    /// The file's bytes, or why there are none.
    pub result: Result<ExportBytes, WorkerError>,
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkerResponse {
    /// For [`WorkerRequest::Analyze`].
    Analysis(AnalysisResponse),
    /// For [`WorkerRequest::Check`].
    Check(CheckResponse),
    /// For [`WorkerRequest::Export`].
    Export(ExportResponse),
}

impl WorkerResponse {
    /// True when the engine panicked answering (the worker must be replaced).
    pub fn crashed(&self) -> bool {
        let err = match self {
            WorkerResponse::Analysis(r) => r.result.as_ref().err(),
            WorkerResponse::Check(r) => r.result.as_ref().err(),
            WorkerResponse::Export(r) => r.result.as_ref().err(),
        };
        matches!(err, Some(WorkerError::Crashed(_)))
    }
}

/// Runs one request of either kind. Pure; also used by native tests.
pub fn run_request(request: WorkerRequest) -> WorkerResponse {
    match request {
        WorkerRequest::Analyze(r) => {
            let revision = r.revision;
            WorkerResponse::Analysis(AnalysisResponse { revision, result: run_analysis(r) })
        }
        WorkerRequest::Check(r) => {
            let seq = r.seq;
            WorkerResponse::Check(CheckResponse { seq, result: run_check(r) })
        }
        WorkerRequest::Export(r) => WorkerResponse::Export(ExportResponse {
            seq: r.seq,
            format: r.format,
            result: run_export(r.format, &r.report_json),
            file_name: r.file_name,
        }),
    }
}

/// Renders an export of the report (given as its JSON). Pure; also used by native tests.
pub fn run_export(format: ExportFormat, report_json: &str) -> Result<ExportBytes, WorkerError> {
    let report = decode_report(report_json).map_err(WorkerError::BadRequest)?;
    export::render_in_worker(format, &report).map(ExportBytes).map_err(WorkerError::BadRequest)
}

/// Runs one request through the engine. Pure; also used by native tests.
pub fn run_analysis(request: AnalysisRequest) -> Result<String, WorkerError> {
    let as_of = NaiveDate::parse_from_str(&request.as_of, "%Y-%m-%d")
        .map_err(|e| WorkerError::BadRequest(format!("bad as_of date '{}': {e}", request.as_of)))?;
    let files: Vec<SourceFile> =
        request.files.into_iter().map(|f| SourceFile::new(f.name, f.bytes)).collect();
    let mut options = Options::new(as_of);
    options.lang = request.lang;
    decode_options(&request.options_json)?.apply(&mut options);
    let report = posrecon_engine::analyze(&files, &options);
    serde_json::to_string(&report)
        .map_err(|e| WorkerError::BadRequest(format!("report could not be serialised: {e}")))
}

/// Checks one payment. A time or amount the engine cannot read is a [`WorkerError::BadRequest`]
/// whose message is for the merchant, in the request's language.
pub fn run_check(request: CheckRequest) -> Result<String, WorkerError> {
    let as_of = NaiveDate::parse_from_str(&request.as_of, "%Y-%m-%d")
        .map_err(|e| WorkerError::BadRequest(format!("bad as_of date '{}': {e}", request.as_of)))?;
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
    let files: Vec<SourceFile> =
        request.files.into_iter().map(|f| SourceFile::new(f.name, f.bytes)).collect();
    let mut options = Options::new(as_of);
    options.lang = request.lang;
    decode_options(&request.options_json)?.apply(&mut options);
    let result = posrecon_engine::check(&files, &query, &options);
    serde_json::to_string(&result)
        .map_err(|e| WorkerError::BadRequest(format!("result could not be serialised: {e}")))
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
pub fn decode_report(json: &str) -> Result<posrecon_engine::report::Report, String> {
    serde_json::from_str(json).map_err(|e| format!("unreadable report: {e}"))
}

/// The worker: one request in, one response out.
#[derive(Debug)]
pub struct AnalysisWorker;

struct InFlight {
    scope: WorkerScope<AnalysisWorker>,
    handler: HandlerId,
    /// The request's kind and number, to answer it if the engine panics.
    request: InFlightRequest,
}

#[derive(Clone)]
enum InFlightRequest {
    Analysis(u64),
    Check(u64),
    Export { seq: u64, format: ExportFormat, file_name: String },
}

impl InFlightRequest {
    fn crashed(self, message: String) -> WorkerResponse {
        let error = WorkerError::Crashed(message);
        match self {
            InFlightRequest::Analysis(revision) => {
                WorkerResponse::Analysis(AnalysisResponse { revision, result: Err(error) })
            }
            InFlightRequest::Check(seq) => {
                WorkerResponse::Check(CheckResponse { seq, result: Err(error) })
            }
            InFlightRequest::Export { seq, format, file_name } => {
                WorkerResponse::Export(ExportResponse {
                    seq,
                    format,
                    file_name,
                    result: Err(error),
                })
            }
        }
    }
}

thread_local! {
    static IN_FLIGHT: RefCell<Option<InFlight>> = const { RefCell::new(None) };
}

impl Worker for AnalysisWorker {
    type Message = ();
    type Input = WorkerRequest;
    type Output = WorkerResponse;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        AnalysisWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: WorkerRequest, id: HandlerId) {
        let kind = match &request {
            WorkerRequest::Analyze(r) => InFlightRequest::Analysis(r.revision),
            WorkerRequest::Check(r) => InFlightRequest::Check(r.seq),
            WorkerRequest::Export(r) => InFlightRequest::Export {
                seq: r.seq,
                format: r.format,
                file_name: r.file_name.clone(),
            },
        };
        IN_FLIGHT.with(|slot| {
            *slot.borrow_mut() =
                Some(InFlight { scope: scope.clone(), handler: id, request: kind });
        });
        let response = run_request(request);
        IN_FLIGHT.with(|slot| slot.borrow_mut().take());
        scope.respond(id, response);
    }
}

/// Makes a panic in the worker answer the request in flight instead of going silent.
pub fn install_panic_reporter() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        #[cfg(target_arch = "wasm32")]
        web_sys::console::error_1(&format!("posrecon worker: {message}").into());
        let in_flight =
            IN_FLIGHT.with(|slot| slot.try_borrow_mut().ok().and_then(|mut s| s.take()));
        if let Some(InFlight { scope, handler, request }) = in_flight {
            scope.respond(handler, request.crashed(message));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_yields_a_report_in_the_asked_language() {
        let request = AnalysisRequest {
            revision: 7,
            as_of: "2026-11-17".into(),
            lang: Lang::En,
            files: vec![RequestFile { name: "a.csv".into(), bytes: b"x,y\n1,2\n".to_vec() }],
            options_json: String::new(),
        };
        let json = run_analysis(request).expect("a report");
        let report = decode_report(&json).expect("decodes");
        assert_eq!(report.lang, "en");
        assert_eq!(report.as_of, NaiveDate::from_ymd_opt(2026, 11, 17).unwrap());
        assert_eq!(report.inputs.len(), 1);
        assert_eq!(report.inputs[0].file, "a.csv");
    }

    fn demo_files() -> Vec<RequestFile> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/demo");
        let manifest: Vec<String> =
            serde_json::from_slice(&std::fs::read(format!("{dir}/manifest.json")).unwrap())
                .unwrap();
        manifest
            .into_iter()
            .map(|name| RequestFile {
                bytes: std::fs::read(format!("{dir}/{name}")).unwrap(),
                name,
            })
            .collect()
    }

    fn check_request(time: &str, amount: &str, lang: Lang) -> WorkerRequest {
        WorkerRequest::Check(CheckRequest {
            seq: 3,
            as_of: "2026-11-17".into(),
            lang,
            files: demo_files(),
            time: time.into(),
            amount: amount.into(),
            card_last4: String::new(),
            terminal: String::new(),
            wallet: String::new(),
            options_json: String::new(),
        })
    }

    #[test]
    fn a_check_request_yields_a_verdict() {
        // The page's datetime-local input gives `YYYY-MM-DDTHH:MM`.
        let WorkerResponse::Check(response) =
            run_request(check_request("2026-11-13T17:25", "56.00", Lang::Zh))
        else {
            panic!("a check request gets a check response");
        };
        assert_eq!(response.seq, 3);
        let result = decode_check(&response.result.expect("a verdict")).expect("decodes");
        assert_eq!(result.verdict.as_str(), "reversed_not_charged");
        assert!(result.say_to_customer[0].contains("没有被扣款"));
    }

    #[test]
    fn a_bad_amount_is_explained_in_the_asked_language() {
        let WorkerResponse::Check(response) =
            run_request(check_request("2026-11-13T17:25", "abc", Lang::En))
        else {
            panic!("a check request gets a check response");
        };
        let Err(WorkerError::BadRequest(message)) = response.result else {
            panic!("a bad amount is a bad request");
        };
        assert!(message.contains("cannot read the amount 'abc'"), "{message}");
    }

    fn qr_check(wallet: &str) -> Result<String, WorkerError> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/golden/qr-payments");
        let files =
            ["微信支付账单_20261109.csv", "支付宝账单_20261109.csv", "收银机流水_20261109.csv"]
                .into_iter()
                .map(|name| RequestFile {
                    bytes: std::fs::read(format!("{dir}/{name}")).unwrap(),
                    name: name.into(),
                })
                .collect();
        run_check(CheckRequest {
            seq: 1,
            as_of: "2026-11-12".into(),
            lang: Lang::En,
            files,
            time: "2026-11-09T15:30".into(),
            amount: "45".into(),
            card_last4: String::new(),
            terminal: String::new(),
            wallet: wallet.into(),
            options_json: String::new(),
        })
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
    fn an_export_request_renders_the_report_it_carries() {
        let analysis = AnalysisRequest {
            revision: 1,
            as_of: "2026-11-17".into(),
            lang: Lang::Zh,
            files: demo_files(),
            options_json: String::new(),
        };
        let report_json = run_analysis(analysis).expect("a report");
        let WorkerResponse::Export(response) = run_request(WorkerRequest::Export(ExportRequest {
            seq: 4,
            format: ExportFormat::Html,
            file_name: "posrecon-报告-2026-11-17.html".into(),
            report_json,
        })) else {
            panic!("an export request gets an export response");
        };
        assert_eq!((response.seq, response.format), (4, ExportFormat::Html));
        assert_eq!(response.file_name, "posrecon-报告-2026-11-17.html");
        let html = String::from_utf8(response.result.expect("bytes").0).expect("utf-8");
        assert!(html.contains("掉单"));
    }

    #[test]
    fn an_export_of_an_unreadable_report_is_a_bad_request() {
        let result = run_export(ExportFormat::Xlsx, "{}");
        assert!(matches!(result, Err(WorkerError::BadRequest(_))));
    }

    #[test]
    fn a_bad_date_is_a_bad_request() {
        let request = AnalysisRequest {
            revision: 1,
            as_of: "17/11/2026".into(),
            lang: Lang::Zh,
            files: vec![],
            options_json: String::new(),
        };
        assert!(matches!(run_analysis(request), Err(WorkerError::BadRequest(_))));
    }
}
