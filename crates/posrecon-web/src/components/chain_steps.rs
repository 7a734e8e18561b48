//! A payment's whole chain, terminal -> acquirer -> bank, as a small step diagram with dates
//! (issue 13): on every opened finding and under a check's answer.
//!
//! The steps are worked out in the worker (`report::steps`, from the chains and records it
//! keeps) and arrive beside the report (`FromWorker::Chains`) and the check
//! (`FromWorker::CheckSteps`). They reach this component through a context ([`ChainContext`],
//! provided once by the app) so that embedding it in the findings table or the check answer is
//! one line, with no prop threaded through components owned elsewhere.
//!
//! An ordered list, one item per step: a mark that is a symbol and a word (never colour alone),
//! the step's name, its date and one sentence. It wraps at 390 px; the arrows between steps are
//! drawn by the stylesheet and hidden from screen readers (the list's order says it).

use std::collections::BTreeMap;
use std::rc::Rc;

use posrecon_engine::Lang;
use posrecon_engine::report::steps::{Mark, Stage, StepLine};
use yew::prelude::*;

use crate::i18n::chain_strings;

/// What the app provides to every [`ChainSteps`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChainContext {
    /// UI language.
    pub lang: Lang,
    /// Steps by finding id, of the report shown (empty until they come).
    pub findings: Rc<BTreeMap<String, Vec<StepLine>>>,
    /// Steps of the check answer shown.
    pub check: Option<Rc<Vec<StepLine>>>,
}

/// Whose steps to show.
#[derive(Debug, Clone, PartialEq)]
pub enum StepsOf {
    /// A finding, by id.
    Finding(AttrValue),
    /// The check answer shown.
    Check,
}

/// Props of [`ChainSteps`].
#[derive(Properties, PartialEq)]
pub struct ChainStepsProps {
    /// Whose steps.
    pub of: StepsOf,
}

/// `data-testid="chain-steps"`: an `<ol>` with one `data-testid="chain-step"` per step
/// (`data-stage` `terminal` / `acquirer` / `bank`, `data-mark` `ok` / `late` / `problem` /
/// `unknown`); nothing while the steps have not come.
#[component]
pub fn ChainSteps(props: &ChainStepsProps) -> Html {
    let Some(ctx) = use_context::<ChainContext>() else { return html! {} };
    let lines = match &props.of {
        StepsOf::Finding(id) => ctx.findings.get(id.as_str()).map(Vec::as_slice),
        StepsOf::Check => ctx.check.as_deref().map(Vec::as_slice),
    };
    let Some(lines) = lines.filter(|l| !l.is_empty()) else { return html! {} };
    let t = chain_strings(ctx.lang);
    // The heading's level follows where it sits: an opened finding's details are under the
    // findings' <h2> (so <h3>, as the details' other headings), a check answer's under its <h3>.
    let level = match props.of {
        StepsOf::Finding(_) => "h3",
        StepsOf::Check => "h4",
    };
    html! {
        <div class="chain-steps" data-testid="chain-steps">
            <@{level} class="chain-steps-heading">{ t.steps_heading }</@>
            <ol class="steps">{ for lines.iter().map(|l| step(ctx.lang, l)) }</ol>
        </div>
    }
}

fn step(lang: Lang, line: &StepLine) -> Html {
    let t = chain_strings(lang);
    let (mark, symbol, word) = match line.mark {
        Mark::Ok => ("ok", "✓", t.mark_ok),
        Mark::Late => ("late", "!", t.mark_late),
        Mark::Problem => ("problem", "✗", t.mark_problem),
        Mark::Unknown => ("unknown", "?", t.mark_unknown),
    };
    let stage = match line.stage {
        Stage::Terminal => "terminal",
        Stage::Acquirer => "acquirer",
        Stage::Bank => "bank",
    };
    html! {
        <li class={classes!("step", format!("step-{mark}"))} data-testid="chain-step"
            data-stage={stage} data-mark={mark}>
            <span class="step-mark"><span aria-hidden="true">{ symbol }</span>
                <span class="step-mark-word">{ word }</span></span>
            <span class="step-head">{ &line.head }</span>
            if let Some(date) = &line.date {
                <span class="step-date num">{ date }</span>
            }
            <span class="step-text">{ &line.text }</span>
        </li>
    }
}
