//! Terminal health and the cardholder-decline profile: the period-wide measures of the report.
//!
//! Both come from the engine ([`Report::terminal_health`], [`Report::cardholder_declines`]); this
//! file only lays them out. Health is one card per terminal rather than a wide table so that it
//! reads on a phone without scrolling sideways; a terminal whose drop rate is far above the
//! others' carries the engine's note (title, numbers, what to do), which is what the merchant
//! shows the POS provider. Declines that are the card's business are a profile, not an incident:
//! how many, which codes, what to tell customers. A chain of shops has hundreds of terminals, so
//! the cards are shown [`view::HEALTH_PER_PAGE`] at a time with a pager, the terminals with a note
//! first ([`view::health_order`]) so that a failing one is never behind the pager.

use std::rc::Rc;

use posrecon_engine::Lang;
use posrecon_engine::report::{CardholderDeclines, Report, TerminalHealthRow};
use yew::prelude::*;

use crate::components::{Pager, same_report};
use crate::format;
use crate::i18n::{strings, with_n};
use crate::view;

/// Props of [`TerminalHealthPanel`].
#[derive(Properties)]
pub struct TerminalHealthPanelProps {
    /// UI language.
    pub lang: Lang,
    /// The report whose health and decline profile to show.
    pub report: Rc<Report>,
    /// The page of terminals asked for (0-based; past the end shows the last).
    #[prop_or_default]
    pub page: usize,
    /// Show another page of terminals (emits its 0-based number).
    #[prop_or_default]
    pub on_page: Callback<usize>,
}

impl PartialEq for TerminalHealthPanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && same_report(&self.report, &other.report)
            && self.page == other.page
            && self.on_page == other.on_page
    }
}

/// `data-testid="terminal-health"` with one `data-testid="terminal-health-row"` per terminal of
/// the page shown and a pager (`data-testid="health-pager"`) when there is more than a page,
/// then `data-testid="cardholder-declines"`; nothing when the report has neither.
#[component]
pub fn TerminalHealthPanel(props: &TerminalHealthPanelProps) -> Html {
    let t = strings(props.lang);
    let report = &props.report;
    if report.terminal_health.is_none() && report.cardholder_declines.is_none() {
        return html! {};
    }
    let heading = NodeRef::default();
    html! {
        <section class="health" aria-labelledby="health-heading">
            <h2 id="health-heading" ref={heading.clone()}>{ t.health_heading }</h2>
            if let Some(health) = &report.terminal_health {
                <p class="health-baseline">
                    { t.health_baseline }{ format::rate(health.drop_rate) }
                </p>
                { terminals_view(props, &health.terminals, heading) }
            }
            if let Some(declines) = &report.cardholder_declines {
                { declines_view(props.lang, declines) }
            }
        </section>
    }
}

/// One page of terminal cards and its pager.
fn terminals_view(
    props: &TerminalHealthPanelProps,
    terminals: &[TerminalHealthRow],
    heading: NodeRef,
) -> Html {
    let window = view::page_window(props.lang, terminals.len(), view::HEALTH_PER_PAGE, props.page);
    let ordered = view::health_order(terminals);
    html! {
        <>
            <div class="health-list" data-testid="terminal-health">
                { for ordered[window.range()].iter().map(|row| row_view(props.lang, row)) }
            </div>
            <Pager
                lang={props.lang}
                {window}
                testid="health-pager"
                on_page={props.on_page.clone()}
                scroll_to={heading}
            />
        </>
    }
}

fn row_view(lang: Lang, row: &TerminalHealthRow) -> Html {
    let t = strings(lang);
    let name = if row.terminal_id.is_empty() {
        t.health_unnamed.to_owned()
    } else {
        row.terminal_id.clone()
    };
    let flagged = row.note.is_some();
    let class = classes!("health-row", flagged.then_some("health-row-flagged"));
    html! {
        <article {class} data-testid="terminal-health-row" data-terminal={row.terminal_id.clone()}>
            <h3 class="health-terminal mono">{ name }</h3>
            <dl class="facts facts-inline">
                <dt>{ t.health_attempts }</dt><dd>{ row.attempts }</dd>
                <dt>{ t.health_approved }</dt><dd>{ row.approved }</dd>
                <dt>{ t.health_declined }</dt><dd>{ row.declined }</dd>
                <dt>{ t.health_dropped }</dt><dd>{ row.dropped }</dd>
                <dt>{ t.health_drop_rate }</dt>
                <dd data-testid="drop-rate">{ format::rate(row.drop_rate) }</dd>
                if let Some(others) = row.others_drop_rate {
                    <dt>{ t.health_others }</dt><dd>{ format::rate(others) }</dd>
                }
                <dt>{ t.health_days }</dt><dd>{ with_n(t.health_days_n, row.days.len()) }</dd>
            </dl>
            if let Some(note) = &row.note {
                <p class="health-note" data-testid="health-note">{ &note.title }</p>
                if !note.evidence.is_empty() {
                    <ul class="evidence">{ for note.evidence.iter().map(|e| html! { <li>{ e }</li> }) }</ul>
                }
                if !note.actions.is_empty() {
                    <ol class="action-list">{ for note.actions.iter().map(|a| html! { <li>{ a }</li> }) }</ol>
                }
            }
        </article>
    }
}

fn declines_view(lang: Lang, declines: &CardholderDeclines) -> Html {
    let t = strings(lang);
    let codes: Vec<String> =
        declines.response_codes.iter().map(|(code, n)| format!("{code} × {n}")).collect();
    html! {
        <article class="declines" data-testid="cardholder-declines">
            <h3>{ t.declines_heading }</h3>
            <p>{ &declines.summary }</p>
            <dl class="facts facts-inline">
                <dt>{ t.incident_period }</dt>
                <dd>{ format!("{} – {}", format::time(&declines.first), format::time(&declines.last)) }</dd>
                <dt>{ t.incident_attempts }</dt><dd>{ with_n(t.attempts_n, declines.declines) }</dd>
                if !codes.is_empty() {
                    <dt>{ t.response_codes }</dt><dd class="mono">{ codes.join(", ") }</dd>
                }
            </dl>
            if !declines.advice.is_empty() {
                <h4>{ t.declines_advice }</h4>
                <ul class="evidence">{ for declines.advice.iter().map(|a| html! { <li>{ a }</li> }) }</ul>
            }
        </article>
    }
}
