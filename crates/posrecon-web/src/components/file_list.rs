//! The loaded files, one card each, with how the engine read them.

use posrecon_engine::Lang;
use posrecon_engine::report::{Input, RowNote};
use yew::prelude::*;

use crate::format;
use crate::i18n::{self, Strings, strings, with_n};

/// How many skipped or rejected reasons a card lists before "n more".
const NOTES_SHOWN: usize = 3;

/// One loaded file as the cards need it.
#[derive(Debug, Clone, PartialEq)]
pub struct FileView {
    /// Id for removal.
    pub id: u64,
    /// File name.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// How the engine read it (one per sheet); empty until the first analysis covering it.
    pub inputs: Vec<Input>,
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
}

/// One file: name, detected role, encoding, header line, row counts, reasons, errors.
#[component]
pub fn FileCard(props: &FileCardProps) -> Html {
    let t = strings(props.lang);
    let file = &props.file;
    let role = file.inputs.iter().find_map(|input| input.role);
    let role_key = role.map(|r| r.as_str()).unwrap_or("");
    let has_error = file.inputs.iter().any(|input| input.error.is_some());
    let (role_label, role_class) = match role {
        Some(role) => (i18n::role(props.lang, role), "role-badge"),
        None if file.inputs.is_empty() => (t.role_pending, "role-badge role-pending"),
        None => (t.role_unknown, "role-badge role-unknown"),
    };
    let on_remove = {
        let id = file.id;
        props.on_remove.reform(move |_: MouseEvent| id)
    };
    let class = classes!("file-card", has_error.then_some("has-error"));
    html! {
        <article {class} data-testid="file-card" data-file={file.name.clone()} data-role={role_key}>
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
            <p class="file-role"><span class={role_class}>{ role_label }</span></p>
            if file.inputs.is_empty() {
                <dl class="facts">
                    <dt>{ t.size }</dt><dd>{ format::file_size(file.size) }</dd>
                </dl>
            }
            { for file.inputs.iter().map(|input| input_view(t, input, file.size)) }
        </article>
    }
}

fn input_view(t: &Strings, input: &Input, size: u64) -> Html {
    let dash = || "—".to_owned();
    html! {
        <div class="input">
            <dl class="facts">
                if let Some(sheet) = &input.sheet {
                    <dt>{ t.sheet }</dt><dd>{ sheet }</dd>
                }
                <dt>{ t.encoding }</dt>
                <dd>{ input.encoding.clone().unwrap_or_else(dash) }</dd>
                <dt>{ t.header_line }</dt>
                <dd>{ input.header_line.map(|l| with_n(t.line, l)).unwrap_or_else(dash) }</dd>
                <dt>{ t.rows_used }</dt>
                <dd class="num" data-testid="rows-used">{ input.data_rows }</dd>
                <dt>{ t.rows_skipped }</dt>
                <dd class="num" data-testid="rows-skipped">{ input.skipped_rows.len() }</dd>
                <dt>{ t.rows_rejected }</dt>
                <dd class={classes!("num", (!input.rejected_rows.is_empty()).then_some("warn"))} data-testid="rows-rejected">
                    { input.rejected_rows.len() }
                </dd>
                <dt>{ t.size }</dt><dd>{ format::file_size(size) }</dd>
            </dl>
            if let Some(error) = &input.error {
                <p class="file-error" data-testid="file-error">{ t.file_error }{ error }</p>
            }
            { notes_view(t, t.rejected_reasons, &input.rejected_rows, "notes notes-rejected") }
            { notes_view(t, t.skipped_reasons, &input.skipped_rows, "notes") }
        </div>
    }
}

fn notes_view(t: &Strings, heading: &str, notes: &[RowNote], class: &'static str) -> Html {
    if notes.is_empty() {
        return html! {};
    }
    let hidden = notes.len().saturating_sub(NOTES_SHOWN);
    html! {
        <div {class}>
            <p class="notes-head">{ heading }</p>
            <ul>
                { for notes.iter().take(NOTES_SHOWN).map(|note| html! {
                    <li><span class="line-no">{ with_n(t.line, note.line) }</span>{ &note.reason }</li>
                }) }
                if hidden > 0 {
                    <li class="more">{ with_n(t.more_rows, hidden) }</li>
                }
            </ul>
        </div>
    }
}
