//! Every event the page's components can raise, as the callbacks that turn it into actions.
//!
//! Most callbacks dispatch one action ([`to_action`]). Loading files, the demo and imported
//! templates first wait for the browser; what they dispatch once it answers is decided by the
//! pure functions [`files_read`], [`demo_fetched`] and [`templates_imported`], tested natively.

use posrecon_engine::Lang;
use wasm_bindgen_futures::spawn_local;
use web_sys::File;
use yew::prelude::*;

use crate::browser;
use crate::components::{MapEdit, ValueEdit};
use crate::export::{ExportFormat, ExportTarget};
use crate::i18n;
use crate::mapping::{self, SavedTemplate, SettingsField};
use crate::state::{
    Action, AppState, CheckField, List, NewFile, NotesKey, Notice, NoticeKind, RedactionChoice,
};
use crate::view::CardCallbacks;

/// The page's callbacks, made afresh on every render (as the components expect: a callback
/// compares equal only to itself).
pub struct Handlers {
    /// 中文 / English.
    pub on_toggle_lang: Callback<()>,
    /// Files dragged over the drop zone (true) or gone (false).
    pub on_dragging: Callback<bool>,
    /// Files dropped or picked.
    pub on_files: Callback<Vec<File>>,
    /// "Try the demo".
    pub on_demo: Callback<()>,
    /// Close the notice.
    pub on_dismiss: Callback<()>,
    /// Remove one file.
    pub on_remove: Callback<u64>,
    /// Remove every file.
    pub on_clear: Callback<()>,
    /// Stop the analysis running.
    pub on_cancel: Callback<()>,
    /// Run a cancelled analysis again.
    pub on_rerun: Callback<()>,
    /// Role, encoding, column mapping and "save as template" of a file card.
    pub card: CardCallbacks,
    /// Delete a saved template.
    pub on_delete_template: Callback<String>,
    /// Download the saved templates as a file.
    pub on_export_templates: Callback<()>,
    /// Read templates from a file.
    pub on_import_templates: Callback<File>,
    /// An input of the settings panel.
    pub on_settings: Callback<(SettingsField, String)>,
    /// An input of the check form.
    pub on_check_input: Callback<(CheckField, String)>,
    /// The check form submitted.
    pub on_check_submit: Callback<()>,
    /// An export button.
    pub on_export: Callback<ExportFormat>,
    /// A redaction checkbox of the export bar.
    pub on_redaction: Callback<(RedactionChoice, bool)>,
    /// 复制微信文本 for the whole run.
    pub on_copy_run_text: Callback<()>,
    /// 案件单 of a finding (its id).
    pub on_sheet: Callback<String>,
    /// 复制微信文本 of a finding (its id).
    pub on_copy_text: Callback<String>,
    /// Close the export shown in the page.
    pub on_close_in_page: Callback<()>,
    /// Open or close a finding's details.
    pub on_toggle_finding: Callback<String>,
    /// Show another page of the findings, incidents or terminal health.
    pub on_page: Callback<(List, usize)>,
    /// List more of a file card's notes.
    pub on_more_notes: Callback<NotesKey>,
    /// Open or fold the file cards under the strip.
    pub on_toggle_files: Callback<()>,
    /// The findings' search, a filter or the sort.
    pub on_filter: Callback<crate::filter::FilterChange>,
}

impl Handlers {
    /// The callbacks for the state of this render.
    pub fn new(state: &UseReducerHandle<AppState>) -> Self {
        let d = state.dispatcher();
        Handlers {
            on_toggle_lang: to_action(&d, |()| Action::ToggleLang),
            on_dragging: to_action(&d, Action::SetDragging),
            on_files: load_files(&d),
            on_demo: load_demo(&d),
            on_dismiss: to_action(&d, |()| Action::DismissNotice),
            on_remove: to_action(&d, Action::RemoveFile),
            on_clear: to_action(&d, |()| Action::ClearFiles),
            on_cancel: to_action(&d, |()| Action::CancelAnalysis),
            on_rerun: to_action(&d, |()| Action::RerunAnalysis),
            card: CardCallbacks {
                on_role: to_action(&d, |(file, role)| Action::SetRole { file, role }),
                on_encoding: to_action(&d, |(file, encoding)| Action::SetEncoding {
                    file,
                    encoding,
                }),
                on_map: to_action(&d, |edit: MapEdit| Action::MapColumn {
                    signature: edit.signature,
                    current: edit.current,
                    header: edit.header,
                    field: edit.field,
                }),
                on_save: to_action(&d, Action::SaveTemplate),
                on_map_value: to_action(&d, |edit: ValueEdit| Action::MapValue {
                    signature: edit.signature,
                    current: edit.current,
                    field: edit.field,
                    value: edit.value,
                    meaning: edit.meaning,
                }),
            },
            on_delete_template: to_action(&d, Action::DeleteTemplate),
            on_export_templates: export_templates(state),
            on_import_templates: import_templates(&d, state.lang),
            on_settings: to_action(&d, |(field, value)| Action::SettingsInput(field, value)),
            on_check_input: to_action(&d, |(field, value)| Action::CheckInput(field, value)),
            on_check_submit: to_action(&d, |()| Action::CheckSubmitted),
            on_export: to_action(&d, |format: ExportFormat| Action::ExportRequested(format.into())),
            on_redaction: to_action(&d, |(choice, on)| Action::SetRedaction(choice, on)),
            on_copy_run_text: to_action(&d, |()| Action::ExportRequested(ExportTarget::RunText)),
            on_sheet: to_action(&d, |id| Action::ExportRequested(ExportTarget::Sheet(id))),
            on_copy_text: to_action(&d, |id| {
                Action::ExportRequested(ExportTarget::FindingText(id))
            }),
            on_close_in_page: to_action(&d, |()| Action::CloseInPage),
            on_toggle_finding: to_action(&d, Action::ToggleFinding),
            on_page: to_action(&d, |(list, page)| Action::ShowPage(list, page)),
            on_toggle_files: to_action(&d, |()| Action::ToggleFileStrip),
            on_filter: to_action(&d, Action::FilterFindings),
            on_more_notes: to_action(&d, Action::ShowMoreNotes),
        }
    }
}

/// A callback that dispatches the action made from its value.
fn to_action<T: 'static>(
    dispatcher: &UseReducerDispatcher<AppState>,
    action: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |value: T| dispatcher.dispatch(action(value)))
}

/// Dispatches the actions in order.
fn dispatch_all(dispatcher: &UseReducerDispatcher<AppState>, actions: Vec<Action>) {
    for action in actions {
        dispatcher.dispatch(action);
    }
}

/// Dropped or picked files: `LoadStarted` at once (the drop zone shows it is busy), then the
/// files read, one after the other.
fn load_files(dispatcher: &UseReducerDispatcher<AppState>) -> Callback<Vec<File>> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |files: Vec<File>| {
        let dispatcher = dispatcher.clone();
        dispatcher.dispatch(Action::LoadStarted);
        spawn_local(async move {
            let read = files.into_iter().map(browser::file_handle).collect();
            dispatch_all(&dispatcher, files_read(read));
        });
    })
}

/// What taking dropped files ends with: every file taken is added (one `FilesAdded`, even if
/// none could be), the ones refused (too large) are named in one notice, and the load is over.
pub fn files_read(read: Vec<Result<NewFile, String>>) -> Vec<Action> {
    let mut loaded = Vec::with_capacity(read.len());
    let mut errors = Vec::new();
    for result in read {
        match result {
            Ok(file) => loaded.push(file),
            Err(e) => errors.push(e),
        }
    }
    let mut actions = vec![Action::FilesAdded(loaded)];
    if !errors.is_empty() {
        let detail = errors.join("; ");
        actions.push(Action::ShowNotice(Notice { kind: NoticeKind::ReadFailed, detail }));
    }
    actions.push(Action::LoadFinished);
    actions
}

/// "Try the demo": `LoadStarted` at once, then the demo files fetched from the page's origin.
fn load_demo(dispatcher: &UseReducerDispatcher<AppState>) -> Callback<()> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |()| {
        let dispatcher = dispatcher.clone();
        dispatcher.dispatch(Action::LoadStarted);
        spawn_local(async move {
            let fetched = browser::fetch_demo().await;
            dispatch_all(&dispatcher, demo_fetched(fetched));
        });
    })
}

/// What fetching the demo ends with: its files, or a notice saying why there are none; then the
/// load is over.
pub fn demo_fetched(fetched: Result<Vec<NewFile>, String>) -> Vec<Action> {
    let first = match fetched {
        Ok(files) => Action::FilesAdded(files),
        Err(detail) => Action::ShowNotice(Notice { kind: NoticeKind::DemoFailed, detail }),
    };
    vec![first, Action::LoadFinished]
}

/// Downloads the saved templates (as shown in this render); a failed download is a notice.
fn export_templates(state: &UseReducerHandle<AppState>) -> Callback<()> {
    let state = state.clone();
    Callback::from(move |()| {
        let json = mapping::templates_json(&state.templates);
        if let Err(detail) =
            browser::download(mapping::TEMPLATES_FILE_NAME, "application/json", json.as_bytes())
        {
            state.dispatch(Action::ShowNotice(Notice { kind: NoticeKind::ReadFailed, detail }));
        }
    })
}

/// Reads a templates file picked by the merchant (no load counter: the page stays usable).
fn import_templates(dispatcher: &UseReducerDispatcher<AppState>, lang: Lang) -> Callback<File> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |file: File| {
        let dispatcher = dispatcher.clone();
        spawn_local(async move {
            let parsed = browser::read_file(file)
                .await
                .and_then(|(_, bytes)| mapping::parse_templates(&String::from_utf8_lossy(&bytes)));
            dispatcher.dispatch(templates_imported(lang, parsed));
        });
    })
}

/// What reading a templates file ends with: the templates, or a notice in the language of the
/// page when the file was picked.
pub fn templates_imported(lang: Lang, parsed: Result<Vec<SavedTemplate>, String>) -> Action {
    match parsed {
        Ok(templates) => Action::ImportTemplates(templates),
        Err(e) => Action::ShowNotice(Notice {
            kind: NoticeKind::ReadFailed,
            detail: format!("{}{e}", i18n::mapping_strings(lang).import_failed),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_file(name: &str) -> NewFile {
        NewFile { name: name.to_owned(), size: 4, blob: Default::default(), modified: None }
    }

    fn file(name: &str) -> Result<NewFile, String> {
        Ok(new_file(name))
    }

    #[test]
    fn a_drop_adds_the_files_read_and_names_the_unreadable_ones_in_one_notice() {
        let actions = files_read(vec![
            file("pos.csv"),
            Err("huge.csv: 文件过大".to_owned()),
            file("bank.csv"),
            Err("bad.xlsx: NotReadableError".to_owned()),
        ]);
        assert_eq!(
            actions,
            [
                Action::FilesAdded(vec![new_file("pos.csv"), new_file("bank.csv")]),
                Action::ShowNotice(Notice {
                    kind: NoticeKind::ReadFailed,
                    detail: "huge.csv: 文件过大; bad.xlsx: NotReadableError".to_owned(),
                }),
                Action::LoadFinished,
            ]
        );
    }

    #[test]
    fn a_drop_read_in_full_shows_no_notice_and_always_ends_the_load() {
        assert_eq!(
            files_read(vec![file("pos.csv")]),
            [Action::FilesAdded(vec![new_file("pos.csv")]), Action::LoadFinished]
        );
        // Nothing readable: the load still ends, so the drop zone is not left busy.
        let actions = files_read(vec![Err("x.csv: gone".to_owned())]);
        assert_eq!(actions.last(), Some(&Action::LoadFinished));
        assert_eq!(actions.len(), 3);
    }

    #[test]
    fn the_demo_adds_its_files_or_says_why_it_could_not() {
        let files = vec![new_file("demo_pos.csv")];
        assert_eq!(
            demo_fetched(Ok(files.clone())),
            [Action::FilesAdded(files), Action::LoadFinished]
        );
        assert_eq!(
            demo_fetched(Err("/demo/manifest.json: HTTP 404".to_owned())),
            [
                Action::ShowNotice(Notice {
                    kind: NoticeKind::DemoFailed,
                    detail: "/demo/manifest.json: HTTP 404".to_owned(),
                }),
                Action::LoadFinished,
            ]
        );
    }

    #[test]
    fn a_bad_templates_file_is_a_notice_in_the_page_language() {
        let zh = templates_imported(Lang::Zh, Err("not JSON".to_owned()));
        let en = templates_imported(Lang::En, Err("not JSON".to_owned()));
        let detail = |action: &Action| match action {
            Action::ShowNotice(Notice { kind: NoticeKind::ReadFailed, detail }) => detail.clone(),
            other => panic!("expected a read-failed notice, got {other:?}"),
        };
        assert_eq!(
            detail(&zh),
            format!("{}not JSON", i18n::mapping_strings(Lang::Zh).import_failed)
        );
        assert_eq!(
            detail(&en),
            format!("{}not JSON", i18n::mapping_strings(Lang::En).import_failed)
        );
        assert_ne!(detail(&zh), detail(&en));
        assert_eq!(
            templates_imported(Lang::Zh, Ok(Vec::new())),
            Action::ImportTemplates(Vec::new())
        );
    }
}
