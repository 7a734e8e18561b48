//! The export bar: download the report as Excel, CSV, an HTML report or JSON.

use posrecon_engine::Lang;
use yew::prelude::*;

use crate::export::ExportFormat;
use crate::i18n::strings;
use crate::state::Export;

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
    let running = match props.export {
        Export::Running(format) => Some(format),
        Export::Idle | Export::Failed(_) => None,
    };
    let state_key = match props.export {
        Export::Idle => "idle",
        Export::Running(_) => "running",
        Export::Failed(_) => "error",
    };
    let label = |format: ExportFormat| match format {
        ExportFormat::Xlsx => t.export_xlsx,
        ExportFormat::Csv => t.export_csv,
        ExportFormat::Html => t.export_html,
        ExportFormat::Json => t.export_json,
    };
    html! {
        <section class="export-bar" aria-label={t.export_heading} data-testid="export-bar" data-state={state_key}>
            <span class="export-label">{ t.export_heading }</span>
            <div class="export-buttons">
                { for ExportFormat::ALL.into_iter().map(|format| {
                    let onclick = props.on_export.reform(move |_: MouseEvent| format);
                    let busy = running == Some(format);
                    html! {
                        <button
                            type="button"
                            class={classes!("button", "export-button", busy.then_some("is-busy"))}
                            data-testid={format!("export-{}", format.key())}
                            disabled={running.is_some()}
                            aria-busy={busy.then_some("true")}
                            {onclick}
                        >{ label(format) }</button>
                    }
                }) }
            </div>
            if running.is_some() {
                <span class="export-status" role="status">{ t.export_running }</span>
            }
            if let Export::Failed(message) = &props.export {
                <span class="export-status export-failed" role="alert">{ format!("{}{message}", t.export_failed) }</span>
            }
        </section>
    }
}
