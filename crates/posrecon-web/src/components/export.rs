//! The export bar: download the report as Excel, CSV, an HTML report or JSON.

use posrecon_engine::Lang;
use yew::prelude::*;

use crate::export::ExportFormat;
use crate::i18n::strings;
use crate::state::Export;
use crate::view::{self, ExportStatus};

/// Props of [`ExportBar`].
#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    /// UI language.
    pub lang: Lang,
    /// The export in progress, or the last one's failure.
    pub export: Export,
    /// A button was pressed.
    pub on_export: Callback<ExportFormat>,
}

/// One button per format (`data-testid="export-xlsx"`, `export-csv`, `export-html`,
/// `export-json`); shown only when there is a report.
#[component]
pub fn ExportBar(props: &ExportBarProps) -> Html {
    let t = strings(props.lang);
    let bar = view::export_bar(props.lang, &props.export);
    html! {
        <section class="export-bar" aria-label={t.export_heading} data-testid="export-bar" data-state={bar.state_key}>
            <span class="export-label">{ t.export_heading }</span>
            <div class="export-buttons">
                { for bar.buttons.into_iter().map(|button| {
                    let format = button.format;
                    let onclick = props.on_export.reform(move |_: MouseEvent| format);
                    html! {
                        <button
                            type="button"
                            class={classes!("button", "export-button", button.busy.then_some("is-busy"))}
                            data-testid={format!("export-{}", format.key())}
                            disabled={button.disabled}
                            aria-busy={button.busy.then_some("true")}
                            {onclick}
                        >{ button.label }</button>
                    }
                }) }
            </div>
            if let Some(ExportStatus::Running(text)) = bar.status.clone() {
                <span class="export-status" role="status">{ text }</span>
            }
            if let Some(ExportStatus::Failed(message)) = bar.status {
                <span class="export-status export-failed" role="alert">{ message }</span>
            }
        </section>
    }
}
