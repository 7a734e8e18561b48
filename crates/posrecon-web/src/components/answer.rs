//! The actions due first, under the money by direction in the answer: the engine's
//! `report::answer` actions (at most a few findings of severity high or medium, most urgent
//! first, each with its dates against the analysis date), worded by `report::answer::text` as
//! the owner's report and the chat texts word them. Nothing is re-derived here: the order, the
//! dates and "overdue" are the engine's.

use posrecon_engine::Lang;
use posrecon_engine::report::Report;
use posrecon_engine::report::answer::{self, Action, When};
use yew::prelude::*;

use crate::i18n;

/// `data-when` of an action: `overdue`, `now`, `due` (today is the last day to wait), `later`.
pub fn when_key(when: When) -> &'static str {
    match when {
        When::Overdue { .. } => "overdue",
        When::Now => "now",
        When::Due => "due",
        When::Later => "later",
    }
}

/// The list of actions due first (`data-testid="actions-due"`, one `action-due` each with
/// `data-id` and `data-when`); an overdue one carries a visible mark (`action-overdue`).
pub fn actions_due(lang: Lang, report: &Report) -> Html {
    let t = i18n::answer_strings(lang);
    let answer = answer::answer(report);
    if report.findings.is_empty() {
        return html! {};
    }
    html! {
        <div class="actions-due-box">
            <h3 class="actions-due-heading">{ t.actions_heading }</h3>
            if answer.actions.is_empty() {
                <p class="actions-due-none" data-testid="actions-due">{ t.no_actions }</p>
            } else {
                <ol class="actions-due" data-testid="actions-due">
                    { for answer.actions.iter().map(|a| action_item(lang, a)) }
                </ol>
            }
        </div>
    }
}

fn action_item(lang: Lang, action: &Action<'_>) -> Html {
    let t = i18n::answer_strings(lang);
    let f = action.finding;
    let overdue = matches!(action.when, When::Overdue { .. });
    let mut when = answer::text::when(lang, action);
    if let Some(due) = answer::text::deposit_due(lang, action) {
        when.push_str(lang.pick("；", "; "));
        when.push_str(&due);
    }
    html! {
        <li class={classes!("action-due", overdue.then_some("is-overdue"))}
            data-testid="action-due" data-id={f.id.clone()} data-when={when_key(action.when)}>
            <p class="action-due-head">
                if overdue {
                    <span class="overdue-mark" data-testid="action-overdue">{ "⚠ " }{ t.overdue }</span>
                }
                <span class="action-due-kind">{ i18n::kind(lang, f.kind) }</span>
                <span class="action-due-amount">{ crate::format::yuan(f.amount_cents) }{ " " }{ crate::i18n::strings(lang).yuan }</span>
                <span class="action-due-id">{ f.id.clone() }</span>
            </p>
            <p class="action-due-when">{ when }</p>
            if let Some(first) = f.actions.first() {
                <p class="action-due-what">{ first.clone() }</p>
            }
        </li>
    }
}
