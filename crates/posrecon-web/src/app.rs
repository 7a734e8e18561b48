//! The root component: owns the one reducer and wires it to the hooks, the handlers and the
//! view model.
//!
//! - [`crate::hooks`]: the browser effects (`<html lang>`, the engine worker, localStorage);
//! - [`handlers::Handlers`]: every component event as a callback that dispatches actions;
//! - [`crate::view::page`]: which panels show and with what, from the state.
//!
//! What is left here is the page's layout.

mod handlers;

pub use handlers::{Handlers, demo_fetched, files_read, templates_imported};

use yew::prelude::*;

use crate::components::OpenCases;
use crate::components::{
    AnalysisStatus, ChainContext, ChartsPanel, CheckPanel, DropZone, ExportBar, FileList,
    FindingSend, FindingsTable, Header, InPageViewer, IncidentList, NoFindings, NoticeBar,
    SettingsPanel, SummaryPanel, TemplatesPanel, TerminalHealthPanel,
};
use crate::components::{FileStrip, FilesNeeded};
use crate::hooks::{
    Below, CaseContext, CaseHandlers, saved_state, use_below, use_cases, use_document_lang,
    use_persisted, use_worker,
};
use crate::i18n::strings;
use crate::state::{Analysis, List};
use crate::view;

/// The page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(saved_state);
    use_document_lang(state.lang);
    use_worker(&state);
    use_persisted(&state);
    use_cases(&state);
    let cases_on = CaseHandlers::new(&state);
    crate::hooks::use_answer_focus(state.answer_seq);

    // The findings whose case is closed, and those the merchant handled (closed or 已退款给顾客),
    // worked out when the report or the case book changed (by identity), not on every render
    // of the page (6,729 look-ups at 1M attempts).
    let marks = use_memo(ClosedOf(state.report().cloned(), state.cases.clone()), |of| {
        let ClosedOf(report, book) = of;
        crate::components::summary::CaseMarks::of(report.as_deref(), book)
    });

    // A new report: the summary and the findings table now, the panels below them in the next
    // task, and the status line says what it said until they are shown (see `use_below`).
    let now = Below { report: state.report().cloned(), deposits: state.chain.deposits.clone() };
    let below = use_below(now.clone());
    let painting = below.painting(&now);
    let status_shown = use_mut_ref(|| (Analysis::Idle, "idle"));
    let (analysis, state_key) = if painting {
        status_shown.borrow().clone()
    } else {
        let status = (state.analysis.clone(), state.status_key());
        *status_shown.borrow_mut() = status.clone();
        status
    };

    let on = Handlers::new(&state);
    let page = view::page(&state);
    let edits = view::card_edits(&state, &on.card);
    let lang = state.lang;
    let t = strings(lang);
    // Whole-page drag guard: a file dropped beside the zone must not replace the page (and
    // lose the loaded files). The drop zone stops its own events before they get here.
    let guard = Callback::from(|e: DragEvent| {
        e.prevent_default();
        if let Some(dt) = e.data_transfer() {
            dt.set_drop_effect("none");
        }
    });

    let chain = ChainContext {
        lang,
        findings: if state.chain.revision == state.revision {
            state.chain.steps.clone()
        } else {
            Default::default()
        },
        check: state.check_steps().map(|s| std::rc::Rc::new(s.to_vec())),
    };
    html! {
        <ContextProvider<ChainContext> context={chain}>
        <ContextProvider<CaseContext> context={cases_on.context(lang, &state.cases)}>
        <div class="page" ondragover={guard.clone()} ondrop={guard}>
            <Header {lang} on_toggle_lang={on.on_toggle_lang} />
            <main class="main" id="main" tabindex="-1">
                <DropZone
                    {lang}
                    dragging={state.dragging}
                    busy={page.busy}
                    on_dragging={on.on_dragging}
                    on_files={on.on_files}
                    on_demo={on.on_demo}
                />
                if let Some(notice) = state.notice.clone() {
                    <NoticeBar {lang} {notice} on_dismiss={on.on_dismiss} />
                }
                <FileStrip {lang} files={page.files.clone()} report={state.report().cloned()} open={state.files_open} on_toggle={on.on_toggle_files} on_clear={on.on_clear.clone()}>
                <FileList
                    {lang}
                    files={page.files}
                    on_remove={on.on_remove}
                    on_clear={on.on_clear}
                    {edits}
                    notes={state.windows.more_notes.clone()}
                    on_more_notes={on.on_more_notes}
                />
                </FileStrip>
                if page.show_templates {
                    <TemplatesPanel
                        {lang}
                        templates={state.templates.clone()}
                        on_delete={on.on_delete_template}
                        on_export={on.on_export_templates}
                        on_import={on.on_import_templates}
                    />
                }
                <SettingsPanel {lang} settings={state.settings.clone()} on_input={on.on_settings} />
                <AnalysisStatus
                    {lang}
                    {analysis}
                    {state_key}
                    revision={state.revision}
                    matched_runs={state.matched_runs}
                    on_cancel={on.on_cancel}
                    on_rerun={on.on_rerun.clone()}
                />
                if page.show_check {
                    <CheckPanel
                        {lang}
                        form={state.check_form.clone()}
                        check={state.check.clone()}
                        state_key={state.check_key()}
                        on_input={on.on_check_input}
                        on_submit={on.on_check_submit}
                        analysis_cancelled={state.analysis == Analysis::Cancelled}
                        on_rerun={on.on_rerun.clone()}
                        has_files={!state.files.is_empty()}
                    />
                } else {
                    <p class="empty-intro">{ t.empty_intro }</p>
                }
                if let Some(results) = page.results {
                    <div class={classes!("results", results.stale.then_some("is-stale"))}>
                        <ExportBar
                            {lang}
                            export={state.export.clone()}
                            on_export={on.on_export}
                            redaction={state.redaction}
                            on_redaction={on.on_redaction}
                            on_copy_run_text={on.on_copy_run_text}
                            run_text={state.chat_text.clone()}
                        />
                        if let Some(view) = state.in_page.clone() {
                            <InPageViewer {lang} {view} on_close={on.on_close_in_page} />
                        }
                        <SummaryPanel {lang} report={results.report.clone()} awaiting_role={results.awaiting_role.clone()}
                            filtered_kinds={state.findings_filter.kinds.clone()}
                            on_kind={on.on_filter.reform(crate::filter::FilterChange::ToggleKind)}
                            marks={marks.clone()} />
                        <FilesNeeded {lang} report={results.report.clone()} />
                        if results.show_findings {
                            <FindingsTable
                                {lang}
                                report={results.report.clone()}
                                expanded={state.expanded.clone()}
                                on_toggle={on.on_toggle_finding}
                                page={state.windows.page(List::Findings)}
                                on_page={on.on_page.reform(|n| (List::Findings, n))}
                                filter={state.findings_filter.clone()}
                                cases={state.cases.clone()}
                                on_filter={on.on_filter}
                                send={FindingSend {
                                    on_sheet: on.on_sheet,
                                    on_copy_text: on.on_copy_text,
                                    running: state.export_running().cloned(),
                                    chat_text: state.chat_text.clone(),
                                }}
                            />
                        } else {
                            <NoFindings {lang} report={results.report.clone()} awaiting_role={results.awaiting_role.len()} />
                        }
                        if let Some(report) = below.report.clone() {
                            <IncidentList
                                {lang}
                                report={report.clone()}
                                page={state.windows.page(List::Incidents)}
                                on_page={on.on_page.reform(|n| (List::Incidents, n))}
                            />
                            <TerminalHealthPanel
                                {lang}
                                report={report.clone()}
                                page={state.windows.page(List::Health)}
                                on_page={on.on_page.reform(|n| (List::Health, n))}
                            />
                            <ChartsPanel {lang} {report} deposits={below.deposits.clone()} />
                        }
                    </div>
                }
                <OpenCases {lang} book={state.cases.clone()} keep_files={state.keep_files} on={cases_on} />
            </main>
            <footer class="footer"><p>{ t.footer }</p></footer>
        </div>
        </ContextProvider<CaseContext>>
        </ContextProvider<ChainContext>>
    }
}

/// What the closed findings depend on: the report and the case book, compared by identity.
struct ClosedOf(Option<std::rc::Rc<posrecon_engine::report::Report>>, crate::cases::CaseBook);

impl PartialEq for ClosedOf {
    fn eq(&self, other: &Self) -> bool {
        let same_report = match (&self.0, &other.0) {
            (Some(a), Some(b)) => crate::components::same_report(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        same_report && self.1.same(&other.1)
    }
}
