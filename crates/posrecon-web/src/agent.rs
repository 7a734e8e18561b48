//! The Web Worker that runs the engine, and the messages between it and the page.
//!
//! The worker is a thin shell: decode the request, call `posrecon_engine::analyze`, and send
//! the report back as a JSON string. JSON (the report contract of `report-json.md`) crosses the
//! boundary rather than the worker codec's own format, because the report uses serde features
//! (`skip_serializing_if`, renamed fields) that a non-self-describing codec cannot read back.
//!
//! A panic inside the engine must not leave the page waiting forever. [`install_panic_reporter`]
//! installs a panic hook that answers the request in flight with [`WorkerError::Crashed`] before
//! the wasm instance aborts; the page then spawns a fresh worker for the next request.

use std::cell::RefCell;

use chrono::NaiveDate;
use gloo_worker::{HandlerId, Worker, WorkerScope};
use posrecon_engine::{Lang, Options, SourceFile};
use serde::{Deserialize, Serialize};

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

/// Runs one request through the engine. Pure; also used by native tests.
pub fn run_analysis(request: AnalysisRequest) -> Result<String, WorkerError> {
    let as_of = NaiveDate::parse_from_str(&request.as_of, "%Y-%m-%d")
        .map_err(|e| WorkerError::BadRequest(format!("bad as_of date '{}': {e}", request.as_of)))?;
    let files: Vec<SourceFile> =
        request.files.into_iter().map(|f| SourceFile::new(f.name, f.bytes)).collect();
    let mut options = Options::new(as_of);
    options.lang = request.lang;
    let report = posrecon_engine::analyze(&files, &options);
    serde_json::to_string(&report)
        .map_err(|e| WorkerError::BadRequest(format!("report could not be serialised: {e}")))
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
    revision: u64,
}

thread_local! {
    static IN_FLIGHT: RefCell<Option<InFlight>> = const { RefCell::new(None) };
}

impl Worker for AnalysisWorker {
    type Message = ();
    type Input = AnalysisRequest;
    type Output = AnalysisResponse;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        AnalysisWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: AnalysisRequest, id: HandlerId) {
        let revision = request.revision;
        IN_FLIGHT.with(|slot| {
            *slot.borrow_mut() = Some(InFlight { scope: scope.clone(), handler: id, revision });
        });
        let result = run_analysis(request);
        IN_FLIGHT.with(|slot| slot.borrow_mut().take());
        scope.respond(id, AnalysisResponse { revision, result });
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
        if let Some(InFlight { scope, handler, revision }) = in_flight {
            let result = Err(WorkerError::Crashed(message));
            scope.respond(handler, AnalysisResponse { revision, result });
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
        };
        let json = run_analysis(request).expect("a report");
        let report = decode_report(&json).expect("decodes");
        assert_eq!(report.lang, "en");
        assert_eq!(report.as_of, NaiveDate::from_ymd_opt(2026, 11, 17).unwrap());
        assert_eq!(report.inputs.len(), 1);
        assert_eq!(report.inputs[0].file, "a.csv");
    }

    #[test]
    fn a_bad_date_is_a_bad_request() {
        let request = AnalysisRequest {
            revision: 1,
            as_of: "17/11/2026".into(),
            lang: Lang::Zh,
            files: vec![],
        };
        assert!(matches!(run_analysis(request), Err(WorkerError::BadRequest(_))));
    }
}
