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
    IncidentList, NoFindings, NoticeBar, SummaryPanel, TerminalHealthPanel,
};
use crate::components::{CardEdit, MapEdit, SettingsPanel, TemplatesPanel};
use crate::export::{self, ExportFormat};
use crate::i18n::{self, strings};
use crate::mapping::{self, SavedTemplate};
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

/// The page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let (templates, settings) = browser::load_saved();
        AppState::with_saved(templates, settings)
    });
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
                    options_json: options_json(&state),
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
                    wallet: form.wallet,
                    options_json: options_json(&state),
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

    // Keep the templates and settings in localStorage (the mapping only, never statement data).
    use_effect_with(state.templates.clone(), |templates| {
        if let Ok(json) = serde_json::to_string(templates) {
            browser::local_set(mapping::TEMPLATES_KEY, &json);
        }
    });
    use_effect_with(state.settings.clone(), |settings| {
        if let Ok(json) = serde_json::to_string(settings) {
            browser::local_set(mapping::SETTINGS_KEY, &json);
        }
    });

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

    let on_role = {
        let state = state.clone();
        Callback::from(move |(file, role)| state.dispatch(Action::SetRole { file, role }))
    };
    let on_encoding = {
        let state = state.clone();
        Callback::from(move |(file, encoding)| {
            state.dispatch(Action::SetEncoding { file, encoding })
        })
    };
    let on_map = {
        let state = state.clone();
        Callback::from(move |edit: MapEdit| {
            state.dispatch(Action::MapColumn {
                signature: edit.signature,
                current: edit.current,
                header: edit.header,
                field: edit.field,
            })
        })
    };
    let on_save_template = {
        let state = state.clone();
        Callback::from(move |saved: SavedTemplate| state.dispatch(Action::SaveTemplate(saved)))
    };
    let on_delete_template = {
        let state = state.clone();
        Callback::from(move |signature: String| state.dispatch(Action::DeleteTemplate(signature)))
    };
    let on_export_templates = {
        let state = state.clone();
        Callback::from(move |()| {
            let json = mapping::templates_json(&state.templates);
            if let Err(detail) =
                browser::download(mapping::TEMPLATES_FILE_NAME, "application/json", json.as_bytes())
            {
                state.dispatch(Action::ShowNotice(Notice { kind: NoticeKind::ReadFailed, detail }));
            }
        })
    };
    let on_import_templates = {
        let dispatcher = state.dispatcher();
        let lang = state.lang;
        Callback::from(move |file: File| {
            let dispatcher = dispatcher.clone();
            spawn_local(async move {
                let parsed = browser::read_file(file).await.and_then(|(_, bytes)| {
                    mapping::parse_templates(&String::from_utf8_lossy(&bytes))
                });
                match parsed {
                    Ok(templates) => dispatcher.dispatch(Action::ImportTemplates(templates)),
                    Err(e) => dispatcher.dispatch(Action::ShowNotice(Notice {
                        kind: NoticeKind::ReadFailed,
                        detail: format!("{}{e}", i18n::mapping_strings(lang).import_failed),
                    })),
                }
            });
        })
    };
    let on_settings = {
        let state = state.clone();
        Callback::from(move |(field, value)| state.dispatch(Action::SettingsInput(field, value)))
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
    let template_names: std::collections::BTreeMap<String, String> =
        state.templates.iter().map(|t| (t.header_signature.clone(), t.name.clone())).collect();
    let edited: std::collections::BTreeSet<String> = state.mapping_edits.keys().cloned().collect();
    let edits: std::collections::BTreeMap<u64, CardEdit> = state
        .files
        .iter()
        .map(|f| {
            let edit = CardEdit {
                role_override: state.role_overrides.get(&f.name).copied(),
                encoding_override: state.encoding_overrides.get(&f.name).cloned(),
                templates: template_names.clone(),
                edited: edited.clone(),
                on_role: on_role.clone(),
                on_encoding: on_encoding.clone(),
                on_map: on_map.clone(),
                on_save: on_save_template.clone(),
            };
            (f.id, edit)
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
    let awaiting_role: Vec<String> = state.awaiting_role().into_iter().map(str::to_owned).collect();
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
                <FileList {lang} {files} {on_remove} {on_clear} {edits} />
                if !state.files.is_empty() || !state.templates.is_empty() {
                    <TemplatesPanel
                        {lang}
                        templates={state.templates.clone()}
                        on_delete={on_delete_template}
                        on_export={on_export_templates}
                        on_import={on_import_templates}
                    />
                }
                <SettingsPanel {lang} settings={state.settings.clone()} on_input={on_settings} />
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
                        <SummaryPanel {lang} report={report.clone()} awaiting_role={awaiting_role.clone()} />
                        if report.findings.is_empty() {
                            <NoFindings {lang} report={report.clone()} awaiting_role={awaiting_role.len()} />
                        } else {
                            <FindingsTable
                                {lang}
                                report={report.clone()}
                                expanded={state.expanded.clone()}
                                on_toggle={on_toggle_finding}
                            />
                        }
                        <IncidentList {lang} report={report.clone()} />
                        <TerminalHealthPanel {lang} report={report.clone()} />
                    </div>
                }
            </main>
            <footer class="footer"><p>{ t.footer }</p></footer>
        </div>
    }
}
