//! The export bar: download the report as Excel, CSV, an HTML report or JSON, copy the run's chat
//! text (复制微信文本), and choose what every export, case sheet and text leaves out.

use posrecon_engine::Lang;
use posrecon_engine::report::redact::Redaction;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::send::ChatTextBox;
use crate::export::{ExportFormat, ExportTarget};
use crate::i18n::{send_strings, strings};
use crate::state::{ChatText, Export, RedactionChoice};
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
    /// What the merchant chose to leave out.
    #[prop_or_default]
    pub redaction: Redaction,
    /// A redaction checkbox changed.
    #[prop_or_default]
    pub on_redaction: Callback<(RedactionChoice, bool)>,
    /// 复制微信文本 for the whole run.
    #[prop_or_default]
    pub on_copy_run_text: Callback<()>,
    /// The run's chat text, once rendered.
    #[prop_or_default]
    pub run_text: Option<ChatText>,
}

/// One button per format (`data-testid="export-xlsx"`, `export-csv`, `export-html`,
/// `export-json`), the run's 复制微信文本 (`copy-run-text`, its text in `run-text`) and the
/// redaction checkboxes (`redact-mask-ids`, `redact-drop-card-digits`, `redact-drop-names`);
/// shown only when there is a report.
#[component]
pub fn ExportBar(props: &ExportBarProps) -> Html {
    let t = strings(props.lang);
    let s = send_strings(props.lang);
    let bar = view::export_bar(props.lang, &props.export);
    let disabled = bar.buttons.first().is_some_and(|b| b.disabled);
    let on_copy = props.on_copy_run_text.reform(|_: MouseEvent| ());
    let run_text = props.run_text.clone().filter(|c| c.target == ExportTarget::RunText);
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
                <button
                    type="button"
                    class={classes!("button", "export-button", bar.run_text_busy.then_some("is-busy"))}
                    data-testid="copy-run-text"
                    title={s.copy_run_text_title}
                    {disabled}
                    aria-busy={bar.run_text_busy.then_some("true")}
                    onclick={on_copy}
                >{ s.copy_text }</button>
            </div>
            <fieldset class="redaction">
                <legend class="redaction-legend">{ s.redaction_legend }</legend>
                { for RedactionChoice::ALL.into_iter().map(|choice| redaction_box(props, choice)) }
                <p class="redaction-default">{ s.redaction_default }</p>
            </fieldset>
            if let Some(chat) = run_text {
                <ChatTextBox lang={props.lang} {chat} testid="run-text" />
            }
            if let Some(ExportStatus::Running(text)) = bar.status.clone() {
                <span class="export-status" role="status">{ text }</span>
            }
            if let Some(ExportStatus::Failed(message)) = bar.status {
                <span class="export-status export-failed" role="alert">{ message }</span>
            }
        </section>
    }
}

fn redaction_box(props: &ExportBarProps, choice: RedactionChoice) -> Html {
    let s = send_strings(props.lang);
    let label = match choice {
        RedactionChoice::MaskIds => s.redact_mask_ids,
        RedactionChoice::DropCardDigits => s.redact_drop_card_digits,
        RedactionChoice::DropNames => s.redact_drop_names,
    };
    let onchange = props.on_redaction.reform(move |e: Event| {
        let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
        (choice, checked)
    });
    html! {
        <label class="redaction-choice">
            <input type="checkbox" data-testid={choice.testid()} checked={choice.get(&props.redaction)} {onchange} />
            { " " }{ label }
        </label>
    }
}
