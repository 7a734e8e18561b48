//! `use_worker`: the page's side of the conversation with the engine worker.
//!
//! The reducer decides *when* the worker is needed (a new revision, check number or export
//! number, see `state.rs`); this hook only turns those counters into requests and the replies
//! into actions. Nothing else in the page talks to the worker.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_worker::{Spawnable, WorkerBridge};
use yew::prelude::*;

use crate::agent::{
    AnalysisRequest, AnalysisWorker, CheckRequest, ExportRequest, RequestFile, WORKER_LOADER,
    WorkerRequest, WorkerResponse, decode_check, decode_report,
};
use crate::browser;
use crate::export;
use crate::state::{Action, AppState, LoadedFile};

/// The connection to the analysis worker, spawned on first use and replaced after a crash.
#[derive(Default)]
struct WorkerClient {
    bridge: Option<WorkerBridge<AnalysisWorker>>,
    crashed: Rc<Cell<bool>>,
}

impl WorkerClient {
    /// Sends a request. `on_response` must not depend on the request: the bridge keeps the
    /// callback it was spawned with.
    fn send(&mut self, request: WorkerRequest, on_response: Callback<WorkerResponse>) {
        self.bridge(on_response).send(request);
    }

    /// The running worker, spawned now if there is none (or the last one crashed).
    fn bridge(&mut self, on_response: Callback<WorkerResponse>) -> &WorkerBridge<AnalysisWorker> {
        if self.crashed.replace(false) {
            // The old worker's wasm instance aborted; it cannot run anything any more.
            self.bridge = None;
        }
        let crashed = self.crashed.clone();
        self.bridge.get_or_insert_with(|| {
            AnalysisWorker::spawner()
                .callback(move |response: WorkerResponse| {
                    if response.crashed() {
                        crashed.set(true);
                    }
                    on_response.emit(response);
                })
                .spawn_with_loader(WORKER_LOADER)
        })
    }
}

/// The files as the worker takes them.
fn request_files(files: &[LoadedFile]) -> Vec<RequestFile> {
    files.iter().map(|f| RequestFile { name: f.name.clone(), bytes: f.bytes.to_vec() }).collect()
}

/// The merchant's roles, encodings, mappings and settings as the worker takes them.
fn options_json(state: &AppState) -> String {
    serde_json::to_string(&state.analysis_options()).unwrap_or_default()
}

/// Turns every worker reply into an action.
fn response_handler(dispatcher: UseReducerDispatcher<AppState>) -> Callback<WorkerResponse> {
    Callback::from(move |response: WorkerResponse| match response {
        WorkerResponse::Analysis(response) => {
            let outcome = response
                .result
                .map_err(|e| e.to_string())
                .and_then(|json| decode_report(&json))
                .map(Rc::new);
            dispatcher.dispatch(Action::AnalysisFinished { revision: response.revision, outcome });
        }
        WorkerResponse::Check(response) => {
            let outcome = response
                .result
                .map_err(|e| e.to_string())
                .and_then(|json| decode_check(&json))
                .map(Rc::new);
            dispatcher.dispatch(Action::CheckFinished { seq: response.seq, outcome });
        }
        WorkerResponse::Export(response) => {
            let outcome = response.result.map_err(|e| e.to_string()).and_then(|bytes| {
                browser::download(&response.file_name, response.format.mime(), &bytes.0)
            });
            dispatcher.dispatch(Action::ExportFinished { seq: response.seq, outcome });
        }
    })
}

/// The analysis to ask for, if the reducer is waiting for one (`needs_analysis`).
fn analysis_request(state: &AppState) -> Option<WorkerRequest> {
    state.needs_analysis().then(|| {
        WorkerRequest::Analyze(AnalysisRequest {
            revision: state.revision,
            as_of: browser::today_local(),
            lang: state.lang,
            files: request_files(&state.files),
            options_json: options_json(state),
        })
    })
}

/// The check of the submitted form to ask for, if the reducer is waiting for one.
fn check_request(state: &AppState) -> Option<WorkerRequest> {
    let (true, Some(form)) = (state.needs_check(), state.check_submitted.clone()) else {
        return None;
    };
    Some(WorkerRequest::Check(CheckRequest {
        seq: state.check_seq,
        as_of: browser::today_local(),
        lang: state.lang,
        files: request_files(&state.files),
        time: form.time,
        amount: form.amount,
        card_last4: form.card,
        terminal: form.terminal,
        wallet: form.wallet,
        options_json: options_json(state),
    }))
}

/// Runs the export the reducer started (`export_running`): Excel, CSV and HTML are rendered in
/// the worker from the report the page shows; JSON is that report itself. Either way the
/// browser gets a `blob:` download.
fn run_export(state: &UseReducerHandle<AppState>, worker: &RefCell<WorkerClient>) {
    let (Some(format), Some(report)) = (state.export_running(), state.report().cloned()) else {
        return;
    };
    let file_name = export::file_name(format, &report, state.lang);
    let seq = state.export_seq;
    if format.needs_worker() {
        match serde_json::to_string(&*report) {
            Ok(report_json) => {
                let request =
                    WorkerRequest::Export(ExportRequest { seq, format, file_name, report_json });
                worker.borrow_mut().send(request, response_handler(state.dispatcher()));
            }
            Err(e) => state.dispatch(Action::ExportFinished { seq, outcome: Err(e.to_string()) }),
        }
    } else {
        let outcome = export::json(&report)
            .and_then(|bytes| browser::download(&file_name, format.mime(), &bytes));
        state.dispatch(Action::ExportFinished { seq, outcome });
    }
}

/// Talks to the engine worker for the page, in four effects (in this order):
/// 1. on mount, start the worker (and fetch its script and wasm), so that nothing is requested
///    once the merchant's files are in;
/// 2. on every new `revision` (file set, language, roles, mappings, settings), analyse;
/// 3. on every new `check_seq`, check the submitted "a customer says they paid" form;
/// 4. on every new `export_seq`, export the report shown.
///
/// Each reply becomes an action (`AnalysisFinished`, `CheckFinished`, `ExportFinished`); the
/// reducer drops replies for an older number.
#[hook]
pub fn use_worker(state: &UseReducerHandle<AppState>) {
    let worker = use_mut_ref(WorkerClient::default);
    {
        let worker = worker.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            worker.borrow_mut().bridge(response_handler(dispatcher));
        });
    }
    {
        let state = state.clone();
        let worker = worker.clone();
        use_effect_with(state.revision, move |_| {
            if let Some(request) = analysis_request(&state) {
                worker.borrow_mut().send(request, response_handler(state.dispatcher()));
            }
        });
    }
    {
        let state = state.clone();
        let worker = worker.clone();
        use_effect_with(state.check_seq, move |_| {
            if let Some(request) = check_request(&state) {
                worker.borrow_mut().send(request, response_handler(state.dispatcher()));
            }
        });
    }
    {
        let state = state.clone();
        use_effect_with(state.export_seq, move |_| run_export(&state, &worker));
    }
}
