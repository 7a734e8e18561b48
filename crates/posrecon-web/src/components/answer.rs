//! The actions due first, under the money by direction in the answer: the engine's
//! `report::answer` actions (at most a few findings of severity high or medium, most urgent
//! first, each with its dates against the analysis date), worded by `report::answer::text` as
//! the owner's report and the chat texts word them. Nothing is re-derived here: the order, the
//! dates and "overdue" are the engine's. The one thing the page adds is the case log: a
//! finding whose case the merchant (or a later analysis) closed, as 已到账 or 已解决, is not listed
//! as due, and a line says how many were left out, so the answer and 待跟进 never contradict.

use std::collections::BTreeSet;

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

/// The engine's actions due first, less those of findings whose case is closed (`closed`:
/// finding ids), and how many were left out.
pub fn open_actions<'a>(
    actions: Vec<Action<'a>>,
    closed: &BTreeSet<String>,
) -> (Vec<Action<'a>>, usize) {
    let before = actions.len();
    let open: Vec<Action<'a>> =
        actions.into_iter().filter(|a| !closed.contains(&a.finding.id)).collect();
    let left_out = before - open.len();
    (open, left_out)
}

/// The list of actions due first (`data-testid="actions-due"`, one `action-due` each with
/// `data-id` and `data-when`); an overdue one carries a visible mark (`action-overdue`).
/// Findings whose case is closed (`closed`, by finding id) are left out and counted
/// (`actions-closed`).
pub fn actions_due(lang: Lang, report: &Report, closed: &BTreeSet<String>) -> Html {
    let t = i18n::answer_strings(lang);
    if report.findings.is_empty() {
        return html! {};
    }
    let (actions, left_out) = open_actions(answer::answer(report).actions, closed);
    html! {
        <div class="actions-due-box">
            <h3 class="actions-due-heading">{ t.actions_heading }</h3>
            if actions.is_empty() {
                <p class="actions-due-none" data-testid="actions-due">{ t.no_actions }</p>
            } else {
                <ol class="actions-due" data-testid="actions-due">
                    { for actions.iter().map(|a| action_item(lang, a)) }
                </ol>
            }
            if left_out > 0 {
                <p class="actions-closed muted" data-testid="actions-closed">
                    { t.closed_by_cases.replace("{n}", &left_out.to_string()) }
                </p>
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_case_leaves_the_actions_due_and_is_counted() {
        let json = include_str!("../../../../tests/golden/demo-week/expected.json");
        let report: Report = serde_json::from_str(json).expect("the demo week's report");
        let all = answer::answer(&report).actions;
        assert!(all.len() >= 2, "the demo has actions due");
        let first = all[0].finding.id.clone();
        let (open, left_out) = open_actions(all.clone(), &BTreeSet::new());
        assert_eq!((open.len(), left_out), (all.len(), 0));
        let closed = BTreeSet::from([first.clone()]);
        let (open, left_out) = open_actions(all.clone(), &closed);
        assert_eq!(left_out, 1);
        assert!(open.iter().all(|a| a.finding.id != first));
        assert_eq!(open.len(), all.len() - 1);
    }
}
