//! The root component: owns the one reducer, runs browser effects, talks to the worker.

use wasm_bindgen_futures::spawn_local;
use web_sys::File;
use yew::prelude::*;

use crate::browser;
use crate::components::{
    AnalysisStatus, CheckPanel, DropZone, ExportBar, FileList, FileView, FindingsTable, Header,
    IncidentList, NoFindings, NoticeBar, SummaryPanel, TerminalHealthPanel,
};
use crate::components::{CardEdit, MapEdit, SettingsPanel, TemplatesPanel};
use crate::export::ExportFormat;
use crate::hooks::{saved_state, use_document_lang, use_persisted, use_worker};
use crate::i18n::{self, strings};
use crate::mapping::{self, SavedTemplate};
use crate::state::{Action, CheckField, Notice, NoticeKind};

/// The page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(saved_state);
    use_document_lang(state.lang);
    use_worker(&state);
    use_persisted(&state);

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
