//! Incidents: one event (a network drop, a switch outage) that explains several attempts.
//!
//! Shown [`view::INCIDENTS_PER_PAGE`] at a time with a pager: a long month of a flaky network
//! gives many, and each card holds a dozen elements.

use std::rc::Rc;

use posrecon_engine::Lang;
use posrecon_engine::report::{Incident, Report};
use yew::prelude::*;

use crate::components::{Pager, same_report};
use crate::format;
use crate::i18n::{self, strings, with_n};
use crate::view;

/// Props of [`IncidentList`].
#[derive(Properties)]
pub struct IncidentListProps {
    /// UI language.
    pub lang: Lang,
    /// The report whose incidents to list.
    pub report: Rc<Report>,
    /// The page asked for (0-based; past the end shows the last).
    #[prop_or_default]
    pub page: usize,
    /// Show another page (emits its 0-based number).
    #[prop_or_default]
    pub on_page: Callback<usize>,
}

impl PartialEq for IncidentListProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && same_report(&self.report, &other.report)
            && self.page == other.page
            && self.on_page == other.on_page
    }
}

/// A card per incident of the page shown (`data-testid="incident"`), then a pager
/// (`data-testid="incidents-pager"`) when there is more than a page; nothing without incidents.
#[component]
pub fn IncidentList(props: &IncidentListProps) -> Html {
    let t = strings(props.lang);
    let incidents = &props.report.incidents;
    if incidents.is_empty() {
        return html! {};
    }
    let window =
        view::page_window(props.lang, incidents.len(), view::INCIDENTS_PER_PAGE, props.page);
    let heading = NodeRef::default();
    html! {
        <section class="incidents" aria-labelledby="incidents-heading">
            <h2 id="incidents-heading" ref={heading.clone()}>{ t.incidents_heading }</h2>
            <div class="incident-list">
                { for incidents[window.range()].iter().map(|incident| incident_view(props.lang, incident)) }
            </div>
            <Pager
                lang={props.lang}
                {window}
                testid="incidents-pager"
                on_page={props.on_page.clone()}
                scroll_to={heading}
            />
        </section>
    }
}

fn incident_view(lang: Lang, incident: &Incident) -> Html {
    let t = strings(lang);
    let terminals = if incident.terminal_ids.is_empty() {
        t.all_terminals.to_owned()
    } else {
        incident.terminal_ids.join(", ")
    };
    let codes: Vec<String> =
        incident.response_codes.iter().map(|(code, n)| format!("{code} × {n}")).collect();
    html! {
        <article class="incident" data-testid="incident" data-cause={i18n::cause_key(incident.cause)}>
            <h3 class="incident-title">{ &incident.title }</h3>
            <dl class="facts facts-inline">
                <dt>{ t.cause }</dt><dd>{ i18n::cause(lang, incident.cause) }</dd>
                <dt>{ t.incident_period }</dt>
                <dd>{ format!("{} – {}", format::time(&incident.start), format::time(&incident.end)) }</dd>
                <dt>{ t.col_terminal }</dt><dd class="mono">{ terminals }</dd>
                <dt>{ t.incident_attempts }</dt><dd>{ with_n(t.attempts_n, incident.attempts) }</dd>
                if !codes.is_empty() {
                    <dt>{ t.response_codes }</dt><dd class="mono">{ codes.join(", ") }</dd>
                }
                if !incident.finding_ids.is_empty() {
                    <dt>{ t.related_findings }</dt><dd class="mono">{ incident.finding_ids.join(", ") }</dd>
                }
            </dl>
            if !incident.evidence.is_empty() {
                <h4>{ t.evidence }</h4>
                <ul class="evidence">{ for incident.evidence.iter().map(|e| html! { <li>{ e }</li> }) }</ul>
            }
            if !incident.actions.is_empty() {
                <h4>{ t.col_actions }</h4>
                <ol class="action-list">{ for incident.actions.iter().map(|a| html! { <li>{ a }</li> }) }</ol>
            }
        </article>
    }
}
