//! The saved column mapping templates (list, delete, export, import) and the settings panel.

use posrecon_engine::Lang;
use web_sys::{File, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::i18n::{self, mapping_strings};
use crate::mapping::{CYCLES, SavedTemplate, SettingsError, SettingsField, UserSettings};

/// Props of [`TemplatesPanel`].
#[derive(Properties, PartialEq)]
pub struct TemplatesPanelProps {
    /// UI language.
    pub lang: Lang,
    /// The saved templates.
    pub templates: Vec<SavedTemplate>,
    /// Delete a template (emits its header signature).
    pub on_delete: Callback<String>,
    /// Download the templates file.
    pub on_export: Callback<()>,
    /// A templates file was picked.
    pub on_import: Callback<File>,
}

/// The saved templates with delete, export and import.
#[component]
pub fn TemplatesPanel(props: &TemplatesPanelProps) -> Html {
    let m = mapping_strings(props.lang);
    let on_export = props.on_export.reform(|_: MouseEvent| ());
    let on_import = {
        let on_import = props.on_import.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|list| list.get(0)) {
                on_import.emit(file);
            }
            input.set_value("");
        })
    };
    html! {
        <section class="templates" data-testid="templates-panel" aria-labelledby="templates-heading">
            <div class="section-head">
                <h2 id="templates-heading">{ m.templates_heading }<span class="count">{ props.templates.len() }</span></h2>
                <div class="section-actions">
                    <button type="button" class="button button-quiet" data-testid="export-templates"
                        disabled={props.templates.is_empty()} onclick={on_export}>
                        { m.export_templates }
                    </button>
                    <label class="button button-quiet file-button">
                        { m.import_templates }
                        <input type="file" accept=".json,application/json" class="visually-hidden"
                            data-testid="import-templates" onchange={on_import} />
                    </label>
                </div>
            </div>
            if props.templates.is_empty() {
                <p class="muted">{ m.no_templates }</p>
            } else {
                <ul class="template-list">
                    { for props.templates.iter().map(|t| {
                        let signature = t.header_signature.clone();
                        let on_delete = props.on_delete.reform(move |_: MouseEvent| signature.clone());
                        let fields: Vec<String> = t.columns.keys().map(|f| i18n::field(props.lang, f)).collect();
                        html! {
                            <li class="template" data-testid="template-item" data-signature={t.header_signature.clone()}>
                                <div class="template-main">
                                    <span class="template-name">{ &t.name }</span>
                                    if let Some(role) = t.role {
                                        <span class="role-badge">{ i18n::role(props.lang, role) }</span>
                                    }
                                    <span class="muted template-meta">
                                        if !t.source_file.is_empty() {
                                            { m.from_file }{ " " }{ &t.source_file }{ " · " }
                                        }
                                        { fields.join("、") }
                                    </span>
                                </div>
                                <button type="button" class="button button-quiet" data-testid="delete-template" onclick={on_delete}>
                                    { m.delete }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
            <p class="muted small">{ m.stored_locally }</p>
        </section>
    }
}

/// Props of [`SettingsPanel`].
#[derive(Properties, PartialEq)]
pub struct SettingsPanelProps {
    /// UI language.
    pub lang: Lang,
    /// The settings as typed.
    pub settings: UserSettings,
    /// One input changed (on commit: change, not every key).
    pub on_input: Callback<(SettingsField, String)>,
}

/// "设置": settlement cycle, contracted fee rate, extra holidays and working days.
#[component]
pub fn SettingsPanel(props: &SettingsPanelProps) -> Html {
    let m = mapping_strings(props.lang);
    let s = &props.settings;
    let text_input = |field: SettingsField| {
        props
            .on_input
            .reform(move |e: Event| (field, e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let area_input = |field: SettingsField| {
        props.on_input.reform(move |e: Event| {
            (field, e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_cycle = props.on_input.reform(|e: Event| {
        (SettingsField::Cycle, e.target_unchecked_into::<HtmlSelectElement>().value())
    });
    let on_wallet_cycle = props.on_input.reform(|e: Event| {
        (SettingsField::WalletCycle, e.target_unchecked_into::<HtmlSelectElement>().value())
    });
    let errors: Vec<String> = s
        .to_engine()
        .1
        .into_iter()
        .map(|e| match e {
            SettingsError::FeePercent(v) => format!("{}{v}", m.bad_fee_rate),
            SettingsError::FeeCap(v) => format!("{}{v}", m.bad_fee_cap),
            SettingsError::Date(v) => format!("{}{v}", m.bad_date),
        })
        .collect();
    html! {
        <details class="settings" data-testid="settings-panel">
            <summary data-testid="settings-toggle">{ m.settings_heading }</summary>
            <div class="settings-grid">
                <label class="control">
                    <span>{ m.settlement_cycle }</span>
                    <select data-testid="settings-cycle" onchange={on_cycle}>
                        { for CYCLES.iter().map(|c| html! {
                            <option value={*c} selected={s.settlement_cycle == *c}>{ *c }</option>
                        }) }
                    </select>
                </label>
                <label class="control">
                    <span>{ m.wallet_payout_cycle }</span>
                    <select data-testid="settings-wallet-cycle" onchange={on_wallet_cycle}>
                        { for CYCLES.iter().map(|c| html! {
                            <option value={*c} selected={s.wallet_payout_cycle == *c}>{ *c }</option>
                        }) }
                    </select>
                </label>
                <label class="control">
                    <span>{ m.fee_rate }</span>
                    <input type="text" inputmode="decimal" placeholder="0.60" data-testid="settings-fee"
                        value={s.fee_percent.clone()} onchange={text_input(SettingsField::FeePercent)} />
                </label>
                <label class="control">
                    <span>{ m.fee_cap }</span>
                    <input type="text" inputmode="decimal" placeholder="20" data-testid="settings-fee-cap"
                        value={s.fee_cap_yuan.clone()} onchange={text_input(SettingsField::FeeCap)} />
                </label>
                <label class="control control-wide">
                    <span>{ m.extra_holidays }</span>
                    <textarea rows="2" data-testid="settings-holidays" placeholder="2026-10-08"
                        value={s.extra_holidays.clone()} onchange={area_input(SettingsField::Holidays)} />
                </label>
                <label class="control control-wide">
                    <span>{ m.extra_working_days }</span>
                    <textarea rows="2" data-testid="settings-working-days" placeholder="2026-10-11"
                        value={s.extra_working_days.clone()} onchange={area_input(SettingsField::WorkingDays)} />
                </label>
            </div>
            <p class="muted small">{ m.dates_hint }</p>
            { for errors.iter().map(|e| html! { <p class="field-error" data-testid="settings-error">{ e }</p> }) }
        </details>
    }
}
