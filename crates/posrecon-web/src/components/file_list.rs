//! The loaded files, one card each, with how the engine read them.
//!
//! A file's notes (rejected and skipped rows, warnings, balance breaks) grow with the file: a
//! damaged export can reject every one of its 100,000 lines. A card lists the first few
//! ([`view::notes_window`]), says how many more there are, and lists 50 more a press of
//! "再显示", so the card grows only as far as the merchant reads.

use std::collections::{BTreeMap, BTreeSet};

use posrecon_engine::Lang;
use posrecon_engine::ingest::Field;
use posrecon_engine::ingest::MappingTemplate;
use posrecon_engine::message::Note;
use posrecon_engine::model::Role;
use posrecon_engine::report::{ColumnValues, Input, RowNote};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::disclosure::Disclosure;
use crate::mapping::{ENCODINGS, STATUS_MEANINGS, SavedTemplate, TYPE_MEANINGS, ValueMeaning};
use crate::state::{NoteList, NotesKey};
use crate::view::NotesWindow;

use crate::format;
use crate::i18n::{self, strings, with_n};
use crate::view;

/// One loaded file as the cards need it.
#[derive(Debug, Clone, PartialEq)]
pub struct FileView {
    /// Id for removal.
    pub id: u64,
    /// File name.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// How the engine read it (one per sheet; an archive's members too); empty until the first
    /// analysis covering it.
    pub inputs: Vec<Input>,
    /// No analysis covered it and none is running (the last one was cancelled): the card says
    /// the file was not read instead of "detecting".
    pub not_read: bool,
}

/// Props of [`FileList`].
#[derive(Properties, PartialEq)]
pub struct FileListProps {
    /// UI language.
    pub lang: Lang,
    /// The files.
    pub files: Vec<FileView>,
    /// Remove one file by id.
    pub on_remove: Callback<u64>,
    /// Remove all files.
    pub on_clear: Callback<()>,
    /// Role, encoding and column mapping editing, per file id (none = read only).
    #[prop_or_default]
    pub edits: BTreeMap<u64, CardEdit>,
    /// How far each notes list is opened ("show more" presses).
    #[prop_or_default]
    pub notes: BTreeMap<NotesKey, usize>,
    /// List more of one notes list.
    #[prop_or_default]
    pub on_more_notes: Callback<NotesKey>,
}

/// What a file card needs to let the merchant correct how a file is read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CardEdit {
    /// The role the merchant chose for the file, if any.
    pub role_override: Option<Role>,
    /// The encoding the merchant chose for the file, if any.
    pub encoding_override: Option<String>,
    /// Saved template names by header signature.
    pub templates: BTreeMap<String, String>,
    /// Header signatures whose mapping was edited and not saved.
    pub edited: BTreeSet<String>,
    /// Choose a role: `(file, role)`, `None` = detect.
    pub on_role: Callback<(String, Option<Role>)>,
    /// Choose an encoding: `(file, encoding)`, `None` = detect.
    pub on_encoding: Callback<(String, Option<String>)>,
    /// Map one column.
    pub on_map: Callback<MapEdit>,
    /// Save a header's mapping as a template.
    pub on_save: Callback<SavedTemplate>,
    /// The mapping in force by header signature (this session's edit, else the saved one):
    /// what saving keeps of the value mapping.
    pub mappings: BTreeMap<String, MappingTemplate>,
    /// Say what one of a file's status or type words means.
    pub on_map_value: Callback<ValueEdit>,
}

/// One of a file's own status or type words mapped by hand (`好了` → approved).
#[derive(Debug, Clone, PartialEq)]
pub struct ValueEdit {
    /// Header signature.
    pub signature: String,
    /// The columns as read (field → header).
    pub current: BTreeMap<String, String>,
    /// `status` or `type`.
    pub field: String,
    /// The value as written.
    pub value: String,
    /// What it means; `None` = as the engine reads it.
    pub meaning: Option<ValueMeaning>,
}

/// One column mapped by hand.
#[derive(Debug, Clone, PartialEq)]
pub struct MapEdit {
    /// Header signature.
    pub signature: String,
    /// The columns as read (field → header).
    pub current: BTreeMap<String, String>,
    /// The column's header text.
    pub header: String,
    /// Field name, or `None` = not used.
    pub field: Option<String>,
}

/// The list of loaded files with a clear-all button.
#[component]
pub fn FileList(props: &FileListProps) -> Html {
    let t = strings(props.lang);
    if props.files.is_empty() {
        return html! {};
    }
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());
    html! {
        <section class="files" aria-labelledby="files-heading">
            <div class="section-head">
                <h2 id="files-heading">{ t.files_heading }<span class="count">{ props.files.len() }</span></h2>
                <button type="button" class="button button-quiet" data-testid="clear-files" onclick={on_clear}>
                    { t.clear_all }
                </button>
            </div>
            <div class="file-grid">
                { for props.files.iter().map(|file| html! {
                    <FileCard
                        key={file.id}
                        lang={props.lang}
                        file={file.clone()}
                        on_remove={props.on_remove.clone()}
                        edit={props.edits.get(&file.id).cloned()}
                        notes={notes_of(&props.notes, &file.name)}
                        on_more_notes={props.on_more_notes.clone()}
                    />
                }) }
            </div>
        </section>
    }
}

/// Props of [`FileCard`].
#[derive(Properties, PartialEq)]
pub struct FileCardProps {
    /// UI language.
    pub lang: Lang,
    /// The file.
    pub file: FileView,
    /// Remove this file (emits its id).
    pub on_remove: Callback<u64>,
    /// Editing of role, encoding and mapping; `None` = read only.
    #[prop_or_default]
    pub edit: Option<CardEdit>,
    /// How far this file's notes lists are opened ("show more" presses).
    #[prop_or_default]
    pub notes: BTreeMap<NotesKey, usize>,
    /// List more of one notes list.
    #[prop_or_default]
    pub on_more_notes: Callback<NotesKey>,
}

/// The opened notes lists of one file (so a card re-renders only when its own lists change).
fn notes_of(all: &BTreeMap<NotesKey, usize>, file: &str) -> BTreeMap<NotesKey, usize> {
    all.iter()
        .filter(|(key, _)| view::is_read_from(&key.file, file))
        .map(|(k, n)| (k.clone(), *n))
        .collect()
}

/// A card's notes lists: how far each is opened, and how to open it further.
struct NotesCtx<'a> {
    opened: &'a BTreeMap<NotesKey, usize>,
    on_more: &'a Callback<NotesKey>,
}

impl NotesCtx<'_> {
    /// The window of one list of `input`, and the "show more" callback for it.
    fn list(
        &self,
        lang: Lang,
        input: &Input,
        list: NoteList,
        total: usize,
    ) -> (NotesWindow, Callback<MouseEvent>) {
        let key = NotesKey { file: input.file.clone(), sheet: input.sheet.clone(), list };
        let window = view::notes_window(lang, total, self.opened.get(&key).copied().unwrap_or(0));
        (window, self.on_more.reform(move |_: MouseEvent| key.clone()))
    }
}

/// One file: name, detected role, encoding, header line, row counts, reasons, errors.
#[component]
pub fn FileCard(props: &FileCardProps) -> Html {
    let t = strings(props.lang);
    let file = &props.file;
    let head = view::card_head(props.lang, file, props.edit.as_ref());
    let badge = head.badge;
    let on_remove = {
        let id = file.id;
        props.on_remove.reform(move |_: MouseEvent| id)
    };
    let class = classes!(
        "file-card",
        head.has_error.then_some("has-error"),
        head.in_doubt.then_some("in-doubt")
    );
    html! {
        <article {class} data-testid="file-card" data-file={file.name.clone()} data-role={badge.key}>
            <header class="file-card-head">
                <h3 class="file-name" title={file.name.clone()}>{ &file.name }</h3>
                <button
                    type="button"
                    class="icon-button"
                    data-testid="remove-file"
                    title={t.remove}
                    aria-label={format!("{} {}", t.remove, file.name)}
                    onclick={on_remove}
                >
                    <span aria-hidden="true">{ "×" }</span>
                </button>
            </header>
            <p class="file-role"><span class={badge.class} data-testid="file-role">{ badge.label }</span></p>
            { doubt_view(props.lang, file, props.edit.as_ref()) }
            if let Some(edit) = &props.edit {
                { role_controls(props.lang, &file.name, edit) }
            }
            if file.inputs.is_empty() {
                <dl class="facts">
                    <dt>{ t.size }</dt><dd>{ format::file_size(file.size) }</dd>
                </dl>
            }
            { for file.inputs.iter().map(|input| {
                let notes = NotesCtx { opened: &props.notes, on_more: &props.on_more_notes };
                input_view(props.lang, input, file.size, props.edit.as_ref(), &notes)
            }) }
        </article>
    }
}

fn input_view(
    lang: Lang,
    input: &Input,
    size: u64,
    edit: Option<&CardEdit>,
    notes: &NotesCtx<'_>,
) -> Html {
    let t = strings(lang);
    let m = i18n::mapping_strings(lang);
    let signature = input.header_signature.clone().unwrap_or_default();
    let applied = edit.and_then(|e| e.templates.get(&signature)).filter(|_| !signature.is_empty());
    let edited = edit.is_some_and(|e| e.edited.contains(&signature));
    let skipped = input.skipped_count();
    let confidence = |c: f64| format!("{}%", (c * 100.0).round() as i64);
    html! {
        <div class="input" data-testid="file-input-view" data-signature={signature.clone()}>
            if let Some(name) = applied {
                <p class="template-applied" data-testid="template-applied">{ m.template_applied }{ name }</p>
            }
            if edited {
                <p class="template-edited" data-testid="mapping-edited">{ m.mapping_edited }</p>
            }
            { mapping_warnings(lang, input, "card") }
            <dl class="facts">
                if let Some(format) = &input.format {
                    <dt>{ m.format }</dt><dd data-testid="file-format">{ format.to_uppercase() }</dd>
                }
                if let Some(sheet) = &input.sheet {
                    <dt>{ t.sheet }</dt><dd>{ sheet }</dd>
                }
                if let Some(dialect) = &input.dialect {
                    <dt>{ m.dialect }</dt><dd data-testid="file-dialect">{ i18n::dialect(lang, dialect) }</dd>
                }
                <dt>{ t.encoding }</dt>
                <dd data-testid="file-encoding">{ input.encoding.clone().unwrap_or_else(|| "—".to_owned()) }</dd>
                <dt>{ t.header_line }</dt>
                <dd data-testid="file-header-line">{ header_line(lang, input.header_line) }</dd>
                if let Some(role) = input.role {
                    <dt>{ m.detected_role }</dt>
                    <dd data-testid="file-detected-role">
                        { i18n::role(lang, role) }{ " · " }{ confidence(input.role_confidence) }
                    </dd>
                }
                <dt>{ t.rows_used }</dt>
                <dd class="num" data-testid="rows-used">{ input.data_rows }</dd>
                <dt>{ t.rows_skipped }</dt>
                <dd class="num" data-testid="rows-skipped">{ skipped }</dd>
                <dt>{ t.rows_rejected }</dt>
                <dd class={classes!("num", (!input.rejected_rows.is_empty()).then_some("warn"))} data-testid="rows-rejected">
                    { input.rejected_rows.len() }
                </dd>
                <dt>{ t.size }</dt><dd>{ format::file_size(size) }</dd>
            </dl>
            if let Some(error) = i18n::file_error(lang, input) {
                <p class="file-error" data-testid="file-error">{ t.file_error }{ error }</p>
            }
            { proofs_view(lang, input, notes) }
            { notes_view(lang, t.rejected_reasons, &input.rejected_rows, notes.list(lang, input, NoteList::Rejected, input.rejected_rows.len()), "notes notes-rejected", "rejected-reasons") }
            { skipped_view(lang, input, notes) }
            { warnings_view(lang, input, notes) }
            if let Some(edit) = edit {
                { mapping_panel(lang, input, edit) }
            }
        </div>
    }
}

/// `第 3 行`; `无表头（按已知格式读取）` for a file read by its known layout without a header
/// line (0); `—` when no header was found.
fn header_line(lang: Lang, line: Option<u32>) -> String {
    match line {
        Some(0) => i18n::mapping_strings(lang).no_header_line.to_owned(),
        Some(line) => with_n(strings(lang).line, line),
        None => "—".to_owned(),
    }
}

/// "需要确认文件类型": why the role is a guess, that no money finding rests on the file until it
/// is confirmed, and a one-click confirmation of the detected role (the role select below takes
/// another). The confirmation is the role select's own action, so it reruns the analysis.
fn doubt_view(lang: Lang, file: &FileView, edit: Option<&CardEdit>) -> Html {
    let Some(input) = view::awaiting_role(file, edit) else {
        return html! {};
    };
    let Some(doubt) = &input.role_doubt else {
        return html! {};
    };
    let m = i18n::mapping_strings(lang);
    let confirm = match (input.role, edit) {
        (Some(role), Some(edit)) => {
            let name = file.name.clone();
            let onclick = edit.on_role.reform(move |_: MouseEvent| (name.clone(), Some(role)));
            html! {
                <div class="doubt-actions">
                    <button type="button" class="button" data-testid="confirm-role" data-role={role.as_str()} {onclick}>
                        { i18n::confirm_role(lang, role) }
                    </button>
                    <span class="doubt-hint">{ m.other_role_hint }</span>
                </div>
            }
        }
        _ => html! {},
    };
    html! {
        <div class="role-doubt" role="status" data-testid="role-doubt" data-reason={doubt.reason.clone()}>
            <p class="role-doubt-head">{ i18n::role_doubt_heading(lang) }
                <span data-testid="role-doubt-reason">{ i18n::role_doubt(lang, input.role, doubt) }</span>
            </p>
            <p class="role-doubt-consequence">{ i18n::role_doubt_consequence(lang) }</p>
            { confirm }
        </div>
    }
}

/// The file's proofs of its own reading: the running balance (each break with both balances) and
/// the totals it states about itself against the rows read.
fn proofs_view(lang: Lang, input: &Input, notes: &NotesCtx<'_>) -> Html {
    let balance = input.balance_check.as_ref().map(|check| {
        let state = if check.breaks.is_empty() { "ok" } else { "breaks" };
        let (window, on_more) =
            notes.list(lang, input, NoteList::BalanceBreaks, check.breaks.len());
        html! {
            <div class={classes!("proof", format!("proof-{state}"))} data-testid="balance-check" data-state={state}>
                <p data-testid="balance-summary">{ i18n::balance_summary(lang, check) }</p>
                if !check.breaks.is_empty() {
                    <ul>
                        { for check.breaks[..window.shown].iter().map(|b| html! {
                            <li data-testid="balance-break" data-line={b.line.to_string()}>{ i18n::balance_break(lang, b) }</li>
                        }) }
                        { more_view(&window, on_more) }
                    </ul>
                }
            </div>
        }
    });
    let totals = (!input.totals_checks.is_empty()).then(|| {
        let all_agree = input.totals_checks.iter().all(|c| c.agrees);
        let state = if all_agree { "ok" } else { "breaks" };
        html! {
            <div class={classes!("proof", format!("proof-{state}"))} data-testid="totals-checks" data-state={state}>
                <p class="proof-head">{ i18n::totals_heading(lang) }</p>
                <ul>
                    { for input.totals_checks.iter().map(|c| html! {
                        <li
                            data-testid="totals-check"
                            data-measure={c.measure.clone()}
                            data-agrees={if c.agrees { "true" } else { "false" }}
                        >{ i18n::totals_check(lang, c) }</li>
                    }) }
                </ul>
            </div>
        }
    });
    html! { <>{ for balance }{ for totals }</> }
}

/// Skipped rows with the runs of blank rows folded in as one note each.
fn skipped_view(lang: Lang, input: &Input, ctx: &NotesCtx<'_>) -> Html {
    let mut notes: Vec<RowNote> = input.skipped_rows.clone();
    notes.extend(input.skipped_ranges.iter().map(|r| RowNote::new(r.line, r.note.clone())));
    notes.sort_by_key(|n| n.line);
    let window = ctx.list(lang, input, NoteList::Skipped, notes.len());
    notes_view(lang, strings(lang).skipped_reasons, &notes, window, "notes", "skipped-reasons")
}

fn notes_view(
    lang: Lang,
    heading: &str,
    notes: &[RowNote],
    (window, on_more): (NotesWindow, Callback<MouseEvent>),
    class: &'static str,
    testid: &'static str,
) -> Html {
    let t = strings(lang);
    if notes.is_empty() {
        return html! {};
    }
    html! {
        <div {class} data-testid={testid}>
            <p class="notes-head">{ heading }</p>
            <ul>
                { for notes[..window.shown].iter().map(|note| html! {
                    <li><span class="line-no">{ with_n(t.line, note.line) }</span>{ i18n::note(lang, &note.note) }</li>
                }) }
                { more_view(&window, on_more) }
            </ul>
        </div>
    }
}

/// `还有 M 条` and the button listing more (`data-testid="more-notes"`), when some are hidden.
fn more_view(window: &NotesWindow, on_more: Callback<MouseEvent>) -> Html {
    let (Some(hidden), Some(more)) = (&window.hidden, &window.more) else {
        return html! {};
    };
    html! {
        <li class="more">
            <span data-testid="notes-hidden">{ hidden }</span>
            { " " }
            <button type="button" class="button-link" data-testid="more-notes" onclick={on_more}>{ more }</button>
        </li>
    }
}

/// The role and encoding selectors of a file.
fn role_controls(lang: Lang, file: &str, edit: &CardEdit) -> Html {
    let m = i18n::mapping_strings(lang);
    let on_role = {
        let file = file.to_owned();
        edit.on_role.reform(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            (file.clone(), Role::parse(&value))
        })
    };
    let on_encoding = {
        let file = file.to_owned();
        edit.on_encoding.reform(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            (file.clone(), (!value.is_empty()).then_some(value))
        })
    };
    let role_now = edit.role_override.map(|r| r.as_str()).unwrap_or("");
    let enc_now = edit.encoding_override.as_deref().unwrap_or("");
    html! {
        <div class="card-controls">
            <label class="control">
                <span>{ m.role_select }</span>
                <select data-testid="role-select" onchange={on_role}>
                    <option value="" selected={role_now.is_empty()}>{ m.auto_detect }</option>
                    { for Role::ALL.iter().map(|r| html! {
                        <option value={r.as_str()} selected={role_now == r.as_str()}>{ i18n::role(lang, *r) }</option>
                    }) }
                </select>
            </label>
            <label class="control">
                <span>{ m.encoding_select }</span>
                <select data-testid="encoding-select" onchange={on_encoding}>
                    <option value="" selected={enc_now.is_empty()}>{ m.auto_detect }</option>
                    { for ENCODINGS.iter().map(|enc| html! {
                        <option value={*enc} selected={enc_now == *enc}>{ enc.to_uppercase() }</option>
                    }) }
                </select>
            </label>
        </div>
    }
}

/// "调整列映射": every header of the file with a field selector, and "save as template".
fn mapping_panel(lang: Lang, input: &Input, edit: &CardEdit) -> Html {
    let m = i18n::mapping_strings(lang);
    let Some(signature) = input.header_signature.clone() else {
        return html! {};
    };
    let headers: Vec<String> =
        input.headers.iter().filter(|h| !h.trim().is_empty()).cloned().collect();
    let rows = headers.iter().map(|header| {
        let current_field = input
            .columns
            .iter()
            .find(|(_, h)| h.as_str() == header.as_str())
            .map(|(f, _)| f.clone())
            .unwrap_or_default();
        let onchange = {
            let signature = signature.clone();
            let current = input.columns.clone();
            let header = header.clone();
            edit.on_map.reform(move |e: Event| {
                let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                MapEdit {
                    signature: signature.clone(),
                    current: current.clone(),
                    header: header.clone(),
                    field: (!value.is_empty()).then_some(value),
                }
            })
        };
        html! {
            <tr data-testid="mapping-row" data-header={header.clone()}>
                <th scope="row">{ header }</th>
                <td>
                    <select data-testid="mapping-select" data-header={header.clone()} {onchange}>
                        <option value="" selected={current_field.is_empty()}>{ m.unused }</option>
                        { for Field::ALL.iter().map(|f| html! {
                            <option value={f.as_str()} selected={current_field == f.as_str()}>
                                { i18n::field(lang, f.as_str()) }
                            </option>
                        }) }
                    </select>
                </td>
            </tr>
        }
    });
    let name_ref = NodeRef::default();
    let default_name = edit.templates.get(&signature).cloned().unwrap_or_else(|| {
        input.file.rsplit_once('.').map_or(input.file.as_str(), |(s, _)| s).to_owned()
    });
    let on_save = {
        let name_ref = name_ref.clone();
        let signature = signature.clone();
        let file = input.file.clone();
        let columns = input.columns.clone();
        let role = edit.role_override.or(input.role);
        let in_force = edit.mappings.get(&signature).cloned().unwrap_or_default();
        let fallback = default_name.clone();
        edit.on_save.reform(move |_: MouseEvent| {
            let typed = name_ref.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let name =
                if typed.trim().is_empty() { fallback.clone() } else { typed.trim().to_owned() };
            SavedTemplate {
                name,
                source_file: file.clone(),
                header_signature: signature.clone(),
                role,
                columns: columns.clone(),
                status_values: in_force.status_values.clone(),
                type_values: in_force.type_values.clone(),
            }
        })
    };
    html! {
        <Disclosure class="mapping" testid="mapping-panel" summary_testid="mapping-toggle" summary={m.adjust_mapping}>
            if headers.is_empty() {
                <p class="muted">{ m.no_headers }</p>
            } else {
                <table class="mapping-table" data-testid="mapping-table">
                    <thead><tr><th scope="col">{ m.column }</th><th scope="col">{ m.field }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                { preview_view(lang, input, edit) }
                <div class="template-save">
                    <label class="control">
                        <span>{ m.template_name }</span>
                        <input type="text" data-testid="template-name" ref={name_ref} value={default_name} />
                    </label>
                    <button type="button" class="button" data-testid="save-template" onclick={on_save}>
                        { m.save_template }
                    </button>
                </div>
            }
        </Disclosure>
    }
}

/// The warnings a saved mapping left on a table (most rows pending or unreadable), as alerts:
/// on the card (`place` `card`) and in the preview (`preview`), before the money is trusted.
fn mapping_warnings(lang: Lang, input: &Input, place: &'static str) -> Html {
    let alerts = input.warnings.iter().filter(|w| {
        matches!(w.note, Note::MappingMostlyUnknown { .. } | Note::MappingMostlyRejected { .. })
    });
    html! {
        { for alerts.map(|w| html! {
            <p class="mapping-warning" role="status" data-testid="mapping-warning" data-place={place}>
                { i18n::note(lang, &w.note) }
            </p>
        }) }
    }
}

/// What the mapping in force made of the table: the counts by outcome, the first rows as read,
/// and the file's own status and type words, each with a selector saying what it means.
fn preview_view(lang: Lang, input: &Input, edit: &CardEdit) -> Html {
    let p = i18n::preview_strings(lang);
    let Some(preview) = &input.mapping_preview else {
        return html! { <p class="muted mapping-no-preview" data-testid="mapping-no-preview">{ p.no_preview }</p> };
    };
    let counts = format!(
        "{}{} {} · {} {} · {} {} · {} {}",
        with_n(p.read_rows, preview.read),
        p.approved,
        preview.approved,
        p.declined,
        preview.declined,
        p.unknown,
        preview.unknown,
        p.rejected,
        preview.rejected
    );
    html! {
        <section class="mapping-preview" data-testid="mapping-preview" aria-label={p.preview_heading}>
            <p class="notes-head">{ p.preview_heading }</p>
            <p class="mapping-counts" data-testid="mapping-counts"
                data-approved={preview.approved.to_string()} data-unknown={preview.unknown.to_string()}>
                { counts }
            </p>
            { mapping_warnings(lang, input, "preview") }
            <ol class="preview-rows">
                { for preview.rows.iter().map(|row| preview_row(lang, row)) }
            </ol>
            { for preview.values.iter().map(|column| values_view(lang, input, column, edit)) }
        </section>
    }
}

/// One row as read: line, time, amount, type, outcome (with the status as written), terminal,
/// card and the identifier it is found by, as one line that wraps on a phone.
fn preview_row(lang: Lang, row: &posrecon_engine::report::PreviewRow) -> Html {
    let p = i18n::preview_strings(lang);
    let time = row.time.as_deref().map(|t| t.replace('T', " ")).unwrap_or_else(|| "—".to_owned());
    let outcome = i18n::outcome_meaning(lang, row.outcome);
    let outcome_class = match row.outcome {
        posrecon_engine::model::Outcome::Unknown => "preview-outcome warn",
        _ => "preview-outcome",
    };
    let outcome_key = ValueMeaning::Outcome(row.outcome).key();
    let status = row.status.as_deref().map(|s| format!("（{s}）")).unwrap_or_default();
    let ids: Vec<&str> = [&row.terminal_id, &row.card_masked, &row.reference]
        .into_iter()
        .filter_map(|v| v.as_deref())
        .collect();
    html! {
        <li data-testid="preview-row" data-line={row.line.to_string()} data-outcome={outcome_key}>
            <span class="line-no">{ with_n(p.line, row.line) }</span>
            <span>{ time }</span>
            <span class="num" data-testid="preview-amount">{ format::yuan(row.amount_cents) }</span>
            <span>{ i18n::txn_type(lang, row.txn_type) }</span>
            <span class={outcome_class}>{ outcome }{ status }</span>
            if !ids.is_empty() {
                <span class="preview-ids">{ ids.join(" · ") }</span>
            }
        </li>
    }
}

/// A status or type column's distinct values, each with what it is read as and a selector.
fn values_view(lang: Lang, input: &Input, column: &ColumnValues, edit: &CardEdit) -> Html {
    let p = i18n::preview_strings(lang);
    let Some(signature) = input.header_signature.clone() else {
        return html! {};
    };
    let (heading, keys): (&str, Vec<String>) = match column.field.as_str() {
        "status" => (
            p.status_values,
            STATUS_MEANINGS.iter().map(|o| ValueMeaning::Outcome(*o).key()).collect(),
        ),
        "type" => {
            (p.type_values, TYPE_MEANINGS.iter().map(|t| ValueMeaning::Type(*t).key()).collect())
        }
        _ => return html! {},
    };
    let rows = column.values.iter().map(|v| {
        let onchange = {
            let signature = signature.clone();
            let current = input.columns.clone();
            let field = column.field.clone();
            let value = v.value.clone();
            edit.on_map_value.reform(move |e: Event| {
                let chosen = e.target_unchecked_into::<HtmlSelectElement>().value();
                ValueEdit {
                    signature: signature.clone(),
                    current: current.clone(),
                    field: field.clone(),
                    value: value.clone(),
                    meaning: ValueMeaning::parse(&field, &chosen),
                }
            })
        };
        let read_as = v.read_as.clone().unwrap_or_default();
        let selected = if v.mapped { read_as.clone() } else { String::new() };
        let detected = with_n(p.as_detected, i18n::value_meaning(lang, &column.field, &read_as));
        let label = format!("{} “{}”", p.meaning, v.value);
        html! {
            <tr data-testid="value-row" data-field={column.field.clone()} data-value={v.value.clone()}
                data-read-as={read_as.clone()} data-mapped={if v.mapped { "true" } else { "false" }}>
                <th scope="row">{ &v.value }</th>
                <td class="num">{ v.rows }</td>
                <td>
                    <select data-testid="value-select" data-field={column.field.clone()}
                        data-value={v.value.clone()} aria-label={label} {onchange}>
                        <option value="" selected={selected.is_empty()}>{ detected }</option>
                        { for keys.iter().map(|key| html! {
                            <option value={key.clone()} selected={selected == *key}>
                                { i18n::value_meaning(lang, &column.field, key) }
                            </option>
                        }) }
                    </select>
                </td>
            </tr>
        }
    });
    html! {
        <div class="value-map" data-testid="value-map" data-field={column.field.clone()}>
            <p class="notes-head">{ with_n(heading, &column.column) }</p>
            <p class="muted">{ p.values_hint }</p>
            <table class="mapping-table value-table">
                <thead><tr>
                    <th scope="col">{ p.value }</th><th scope="col">{ p.rows }</th><th scope="col">{ p.meaning }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if column.more > 0 {
                <p class="muted">{ with_n(p.more_values, column.more) }</p>
            }
        </div>
    }
}

/// The file's warnings, but for the mapping's own alerts, which [`mapping_warnings`] shows at the
/// top of the card and in the preview.
fn warnings_view(lang: Lang, input: &Input, ctx: &NotesCtx<'_>) -> Html {
    let warnings: Vec<RowNote> = input
        .warnings
        .iter()
        .filter(|w| {
            !matches!(
                w.note,
                Note::MappingMostlyUnknown { .. } | Note::MappingMostlyRejected { .. }
            )
        })
        .cloned()
        .collect();
    let window = ctx.list(lang, input, NoteList::Warnings, warnings.len());
    let heading = i18n::mapping_strings(lang).warnings;
    notes_view(lang, heading, &warnings, window, "notes notes-warnings", "warnings")
}
