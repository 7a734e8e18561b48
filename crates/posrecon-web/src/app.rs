//! The root component: owns the one reducer, runs browser effects, talks to the worker.

use std::cell::Cell;
use std::rc::Rc;

use gloo_worker::{Spawnable, WorkerBridge};
use wasm_bindgen_futures::spawn_local;
use web_sys::File;
use yew::prelude::*;

use crate::agent::{
    AnalysisRequest, AnalysisWorker, CheckRequest, ExportRequest, RequestFile, WORKER_LOADER,
    WorkerRequest, WorkerResponse, decode_check, decode_report,
};
use crate::browser;
use crate::components::{
    AnalysisStatus, CheckPanel, DropZone, ExportBar, FileList, FileView, FindingsTable, Header,
    IncidentList, NoFindings, NoticeBar, SummaryPanel,
};
use crate::export::{self, ExportFormat};
use crate::i18n::strings;
use crate::state::{Action, AppState, CheckField, LoadedFile, Notice, NoticeKind};

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

/// The page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let worker = use_mut_ref(WorkerClient::default);

    // Keep <html lang> and the title in step with the UI language.
    use_effect_with(state.lang, |lang| browser::apply_lang(*lang));

    // Start the worker (and fetch its script and wasm) with the page, so that nothing is
    // requested once the merchant's files are in.
    {
        let worker = worker.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            worker.borrow_mut().bridge(response_handler(dispatcher));
        });
    }

    // Whenever the file set or the language changes, analyse in the worker.
    {
        let state = state.clone();
        let worker = worker.clone();
        use_effect_with(state.revision, move |_| {
            if state.needs_analysis() {
                let request = WorkerRequest::Analyze(AnalysisRequest {
                    revision: state.revision,
                    as_of: browser::today_local(),
                    lang: state.lang,
                    files: request_files(&state.files),
                });
                let on_response = response_handler(state.dispatcher());
                worker.borrow_mut().send(request, on_response);
            }
        });
    }

    // "A customer says they paid": check the submitted form in the worker.
    {
        let state = state.clone();
        let worker = worker.clone();
        use_effect_with(state.check_seq, move |_| {
            if let (true, Some(form)) = (state.needs_check(), state.check_submitted.clone()) {
                let request = WorkerRequest::Check(CheckRequest {
                    seq: state.check_seq,
                    as_of: browser::today_local(),
                    lang: state.lang,
                    files: request_files(&state.files),
                    time: form.time,
                    amount: form.amount,
                    card_last4: form.card,
                    terminal: form.terminal,
                });
                let on_response = response_handler(state.dispatcher());
                worker.borrow_mut().send(request, on_response);
            }
        });
    }

    // Exports: Excel, CSV and HTML are rendered in the worker from the report the page shows;
    // JSON is that report itself. Either way the browser gets a blob: download.
    {
        let state = state.clone();
        let worker = worker.clone();
        use_effect_with(state.export_seq, move |_| {
            let (Some(format), Some(report)) = (state.export_running(), state.report().cloned())
            else {
                return;
            };
            let file_name = export::file_name(format, &report, state.lang);
            let seq = state.export_seq;
            if format.needs_worker() {
                match serde_json::to_string(&*report) {
                    Ok(report_json) => {
                        let request = WorkerRequest::Export(ExportRequest {
                            seq,
                            format,
                            file_name,
                            report_json,
                        });
                        let on_response = response_handler(state.dispatcher());
                        worker.borrow_mut().send(request, on_response);
                    }
                    Err(e) => {
                        state.dispatch(Action::ExportFinished { seq, outcome: Err(e.to_string()) })
                    }
                }
            } else {
                let outcome = export::json(&report)
                    .and_then(|bytes| browser::download(&file_name, format.mime(), &bytes));
                state.dispatch(Action::ExportFinished { seq, outcome });
            }
        });
    }

    let dispatch = |action: Action| {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(action.clone()))
    };
    let on_toggle_lang = dispatch(Action::ToggleLang);
    let on_clear = dispatch(Action::ClearFiles);
    let on_dismiss = dispatch(Action::DismissNotice);
    let on_dragging = {
        let state = state.clone();
        Callback::from(move |dragging: bool| state.dispatch(Action::SetDragging(dragging)))
    };
    let on_remove = {
        let state = state.clone();
        Callback::from(move |id: u64| state.dispatch(Action::RemoveFile(id)))
    };
    let on_check_input = {
        let state = state.clone();
        Callback::from(move |(field, value): (CheckField, String)| {
            state.dispatch(Action::CheckInput(field, value))
        })
    };
    let on_check_submit = dispatch(Action::CheckSubmitted);
    let on_export = {
        let state = state.clone();
        Callback::from(move |format: ExportFormat| state.dispatch(Action::ExportRequested(format)))
    };
    let on_toggle_finding = {
        let state = state.clone();
        Callback::from(move |id: String| state.dispatch(Action::ToggleFinding(id)))
    };
    let on_files = {
        let dispatcher = state.dispatcher();
        Callback::from(move |files: Vec<File>| {
            let dispatcher = dispatcher.clone();
            dispatcher.dispatch(Action::LoadStarted);
            spawn_local(async move {
                let mut loaded = Vec::with_capacity(files.len());
                let mut errors = Vec::new();
                for file in files {
                    match browser::read_file(file).await {
                        Ok(file) => loaded.push(file),
                        Err(e) => errors.push(e),
                    }
                }
                dispatcher.dispatch(Action::FilesAdded(loaded));
                if !errors.is_empty() {
                    let detail = errors.join("; ");
                    dispatcher.dispatch(Action::ShowNotice(Notice {
                        kind: NoticeKind::ReadFailed,
                        detail,
                    }));
                }
                dispatcher.dispatch(Action::LoadFinished);
            });
        })
    };
    let on_demo = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| {
            let dispatcher = dispatcher.clone();
            dispatcher.dispatch(Action::LoadStarted);
            spawn_local(async move {
                match browser::fetch_demo().await {
                    Ok(files) => dispatcher.dispatch(Action::FilesAdded(files)),
                    Err(detail) => dispatcher.dispatch(Action::ShowNotice(Notice {
                        kind: NoticeKind::DemoFailed,
                        detail,
                    })),
                }
                dispatcher.dispatch(Action::LoadFinished);
            });
        })
    };

    let lang = state.lang;
    let t = strings(lang);
    let report = state.report().cloned();
    let files: Vec<FileView> = state
        .files
        .iter()
        .map(|f| FileView {
            id: f.id,
            name: f.name.clone(),
            size: f.bytes.len() as u64,
            inputs: report
                .iter()
                .flat_map(|r| r.inputs.iter().filter(|i| i.file == f.name).cloned())
                .collect(),
        })
        .collect();
    // Whole-page drag guard: a file dropped beside the zone must not replace the page (and
    // lose the loaded files). The drop zone stops its own events before they get here.
    let guard = Callback::from(|e: DragEvent| {
        e.prevent_default();
        if let Some(dt) = e.data_transfer() {
            dt.set_drop_effect("none");
        }
    });
    let results_class = classes!("results", state.needs_analysis().then_some("is-stale"));

    html! {
        <div class="page" ondragover={guard.clone()} ondrop={guard}>
            <Header {lang} {on_toggle_lang} />
            <main class="main">
                <DropZone
                    {lang}
                    dragging={state.dragging}
                    busy={state.pending_loads > 0}
                    {on_dragging}
                    {on_files}
                    {on_demo}
                />
                if let Some(notice) = state.notice.clone() {
                    <NoticeBar {lang} {notice} {on_dismiss} />
                }
                <FileList {lang} {files} {on_remove} {on_clear} />
                <AnalysisStatus {lang} analysis={state.analysis.clone()} state_key={state.status_key()} />
                if state.files.is_empty() {
                    <p class="empty-intro">{ t.empty_intro }</p>
                } else {
                    <CheckPanel
                        {lang}
                        form={state.check_form.clone()}
                        check={state.check.clone()}
                        state_key={state.check_key()}
                        on_input={on_check_input}
                        on_submit={on_check_submit}
                    />
                }
                if let Some(report) = report {
                    <div class={results_class}>
                        <ExportBar {lang} export={state.export.clone()} {on_export} />
                        <SummaryPanel {lang} report={report.clone()} />
                        if report.findings.is_empty() {
                            <NoFindings {lang} report={report.clone()} />
                        } else {
                            <FindingsTable
                                {lang}
                                report={report.clone()}
                                expanded={state.expanded.clone()}
                                on_toggle={on_toggle_finding}
                            />
                        }
                        <IncidentList {lang} report={report.clone()} />
                    </div>
                }
            </main>
            <footer class="footer"><p>{ t.footer }</p></footer>
        </div>
    }
}
