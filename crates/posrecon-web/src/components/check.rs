//! "顾客说已付款？": the form that checks one payment, and the verdict it gets back.
//!
//! The form only reports what was typed and that it was submitted; the app sends the submitted
//! form to the worker, which runs `posrecon_engine::check`. The verdict shows what to tell the
//! customer first (that is what the merchant needs at the counter), then what to do, why, and
//! the statement lines it rests on.

use std::rc::Rc;

use posrecon_engine::Lang;
use posrecon_engine::check::{CheckCandidate, CheckResult};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::chain_steps::{ChainSteps, StepsOf};
use super::findings::records_table;
use crate::format;
use crate::i18n::{chain_strings, strings, with_n};
use crate::state::{Check, CheckField, CheckForm};

/// Props of [`CheckPanel`].
#[derive(Properties, PartialEq)]
pub struct CheckPanelProps {
    /// UI language.
    pub lang: Lang,
    /// The form as typed.
    pub form: CheckForm,
    /// The check of the submitted form.
    pub check: Check,
    /// `idle`, `incomplete`, `running`, `done` or `error`.
    pub state_key: &'static str,
    /// An input changed.
    pub on_input: Callback<(CheckField, String)>,
    /// The form was submitted.
    pub on_submit: Callback<()>,
    /// The last analysis was cancelled: a waiting check needs it run again (the button here).
    #[prop_or_default]
    pub analysis_cancelled: bool,
    /// Run the cancelled analysis again.
    #[prop_or_default]
    pub on_rerun: Callback<()>,
    /// Files are loaded (the form is incomplete only for want of time or amount then).
    #[prop_or(true)]
    pub has_files: bool,
}

/// The form (`data-testid="check-form"`) and below it the verdict, if any.
#[component]
pub fn CheckPanel(props: &CheckPanelProps) -> Html {
    let t = strings(props.lang);
    let input = |field: CheckField| {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            on_input.emit((field, value));
        })
    };
    let on_wallet = props.on_input.reform(|e: Event| {
        (CheckField::Wallet, e.target_unchecked_into::<HtmlSelectElement>().value())
    });
    let wallet_now = props.form.wallet.as_str();
    let onsubmit = {
        let on_submit = props.on_submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_submit.emit(());
        })
    };
    let running = matches!(props.check, Check::Running);
    html! {
        <section class="check" aria-labelledby="check-heading" data-state={props.state_key}>
            <h2 id="check-heading">{ t.check_heading }</h2>
            <p class="check-intro">{ t.check_intro }</p>
            <form class="check-form" data-testid="check-form" {onsubmit} novalidate=true>
                <label class="check-field">
                    <span class="check-label">{ t.check_time }</span>
                    <input type="datetime-local" step="60" data-testid="check-time"
                        value={props.form.time.clone()} oninput={input(CheckField::Time)} />
                </label>
                <label class="check-field">
                    <span class="check-label">{ t.check_amount }</span>
                    <input type="text" inputmode="decimal" placeholder="1,580.00" data-testid="check-amount"
                        value={props.form.amount.clone()} oninput={input(CheckField::Amount)} />
                </label>
                <label class="check-field check-field-short">
                    <span class="check-label">{ t.check_card }<span class="optional">{ t.check_optional }</span></span>
                    <input type="text" inputmode="numeric" maxlength="4" placeholder="1234" data-testid="check-card"
                        value={props.form.card.clone()} oninput={input(CheckField::Card)} />
                </label>
                <label class="check-field check-field-short">
                    <span class="check-label">{ t.check_terminal }<span class="optional">{ t.check_optional }</span></span>
                    <input type="text" placeholder="10086602" data-testid="check-terminal"
                        value={props.form.terminal.clone()} oninput={input(CheckField::Terminal)} />
                </label>
                <label class="check-field check-field-short">
                    <span class="check-label">{ t.check_wallet }</span>
                    <select data-testid="check-wallet" onchange={on_wallet}>
                        <option value="" selected={wallet_now.is_empty()}>{ t.check_wallet_unsure }</option>
                        <option value="wechat" selected={wallet_now == "wechat"}>{ t.check_wallet_wechat }</option>
                        <option value="alipay" selected={wallet_now == "alipay"}>{ t.check_wallet_alipay }</option>
                    </select>
                </label>
                <button type="submit" class="button button-primary check-submit" data-testid="check-submit" disabled={running}>
                    { t.check_submit }
                </button>
            </form>
            {
                match &props.check {
                    Check::Idle => html! {},
                    Check::Incomplete => html! {
                        <p class="check-message" role="status" data-testid="check-incomplete">
                            { missing(props.lang, props.has_files, &props.form) }
                        </p>
                    },
                    Check::Waiting if props.analysis_cancelled => html! {
                        <p class="check-message" role="status" data-testid="check-waiting">
                            { t.check_waiting_cancelled }
                            <button type="button" class="button button-primary button-small"
                                data-testid="check-rerun" onclick={props.on_rerun.reform(|_: MouseEvent| ())}>
                                { t.rerun_analysis }
                            </button>
                        </p>
                    },
                    Check::Waiting => html! {
                        <p class="check-message" role="status" aria-live="polite" data-testid="check-waiting">
                            { t.check_waiting_run }
                        </p>
                    },
                    Check::Running => html! {
                        <p class="check-message" role="status" aria-live="polite">{ t.check_running }</p>
                    },
                    Check::Failed(message) => html! {
                        <p class="check-message is-error" role="alert">{ format!("{}{message}", t.check_failed) }</p>
                    },
                    Check::Done(result) => html! {
                        <CheckResultView lang={props.lang} result={result.clone()} />
                    },
                }
            }
        </section>
    }
}

/// What the form lacks, said as that (issue 13: it asked for files while files were loaded).
fn missing(lang: Lang, has_files: bool, form: &CheckForm) -> &'static str {
    let t = chain_strings(lang);
    let (time, amount) = (form.time.trim().is_empty(), form.amount.trim().is_empty());
    match (has_files, time, amount) {
        (false, _, _) => t.check_no_files,
        (true, true, true) => t.check_no_time_amount,
        (true, true, false) => t.check_no_time,
        (true, false, _) => t.check_no_amount,
    }
}

/// Props of [`CheckResultView`].
#[derive(Properties, PartialEq)]
pub struct CheckResultViewProps {
    /// UI language.
    pub lang: Lang,
    /// The verdict.
    pub result: Rc<CheckResult>,
}

/// One verdict (`data-testid="check-result"`, `data-verdict`): what to say, what to do, why.
#[component]
pub fn CheckResultView(props: &CheckResultViewProps) -> Html {
    let t = strings(props.lang);
    let r = &props.result;
    let verdict = r.verdict.as_str();
    let class = classes!("check-result", format!("verdict-{verdict}"));
    html! {
        <article {class} data-testid="check-result" data-verdict={verdict} aria-live="polite">
            <header class="check-result-head">
                <span class="verdict-badge">{ &r.label }</span>
                <h3 class="check-title">{ &r.title }</h3>
            </header>
            if !r.say_to_customer.is_empty() {
                <div class="say" data-testid="check-say">
                    <h4>{ t.check_say }</h4>
                    { for r.say_to_customer.iter().map(|s| html! { <p class="say-line">{ s }</p> }) }
                </div>
            }
            if !r.actions.is_empty() {
                <h4>{ t.check_do }</h4>
                <ol class="action-list">{ for r.actions.iter().map(|a| html! { <li>{ a }</li> }) }</ol>
            }
            if let Some(date) = r.check_again_after {
                <dl class="facts facts-inline">
                    <dt>{ t.check_again_after }</dt><dd>{ date.to_string() }</dd>
                </dl>
            }
            <ChainSteps of={StepsOf::Check} />
            if !r.explanation.is_empty() {
                <h4>{ t.check_why }</h4>
                <p class="explanation">{ &r.explanation }</p>
            }
            if !r.records.is_empty() {
                <h4>{ t.check_records }</h4>
                { records_table(props.lang, &r.records, t.check_records) }
            }
            if r.candidates.len() > 1 {
                <h4>{ with_n(t.check_candidates, r.candidates.len()) }</h4>
                <ul class="candidates">{ for r.candidates.iter().map(|c| candidate_line(props.lang, c)) }</ul>
            }
            if !r.nearby.is_empty() {
                <h4>{ t.check_nearby }</h4>
                <ul class="candidates">{ for r.nearby.iter().map(|c| candidate_line(props.lang, c)) }</ul>
            }
        </article>
    }
}

/// `2026-11-09 10:05:40 · 1,580.00 · 尾号 1234 · 已扣款并结算`.
fn candidate_line(lang: Lang, c: &CheckCandidate) -> Html {
    let time = c.time.as_ref().map(format::time).unwrap_or_default();
    let card = c
        .card_last4
        .as_ref()
        .map(|l4| format!("{} {l4}", lang.pick("尾号", "card")))
        .unwrap_or_default();
    html! {
        <li>
            <span class="time">{ time }</span>
            <span class="num">{ format::yuan(c.amount_cents) }</span>
            if !card.is_empty() {
                <span class="mono">{ card }</span>
            }
            if let Some(tid) = &c.terminal_id {
                <span class="mono">{ tid }</span>
            }
            <span class="candidate-verdict">{ c.verdict.label(lang) }</span>
        </li>
    }
}
