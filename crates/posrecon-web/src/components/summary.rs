//! The summary: files waiting for their role, transactions checked, problems per kind, money at
//! stake.

use std::rc::Rc;

use posrecon_engine::Lang;
use posrecon_engine::report::Report;
use yew::prelude::*;

use crate::i18n::{self, strings};
use crate::view;

/// Props of [`SummaryPanel`].
#[derive(Properties)]
pub struct SummaryPanelProps {
    /// UI language.
    pub lang: Lang,
    /// The report.
    pub report: Rc<Report>,
    /// Files whose role waits for the merchant's confirmation (their rows are not analysed).
    #[prop_or_default]
    pub awaiting_role: Vec<String>,
}

impl PartialEq for SummaryPanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && crate::components::same_report(&self.report, &other.report)
            && self.awaiting_role == other.awaiting_role
    }
}

/// Key figures and a count per finding kind (`data-testid="kind-count"`).
#[component]
pub fn SummaryPanel(props: &SummaryPanelProps) -> Html {
    let t = strings(props.lang);
    let summary = &props.report.summary;
    let figures = view::figures(summary);
    html! {
        <section class="summary" aria-labelledby="summary-heading" data-testid="summary">
            <h2 id="summary-heading" class="visually-hidden">{ t.summary_heading }</h2>
            if !props.awaiting_role.is_empty() {
                <p class="awaiting-role" role="status" data-testid="awaiting-role">
                    { i18n::awaiting_role(props.lang, &props.awaiting_role.iter().map(String::as_str).collect::<Vec<_>>()) }
                </p>
            }
            <div class="figures">
                <div class="figure">
                    <p class="figure-label">{ t.attempts }</p>
                    <p class="figure-value" data-testid="attempts">{ figures.attempts }</p>
                </div>
                <div class="figure">
                    <p class="figure-label">{ t.findings_total }</p>
                    <p class="figure-value" data-testid="findings-total">{ figures.findings_total }</p>
                </div>
                <div class={classes!("figure", figures.alert.then_some("figure-alert"))}>
                    <p class="figure-label" title={t.money_at_risk_hint}>{ t.money_at_risk }</p>
                    <p class="figure-value">
                        <span data-testid="money-at-risk">{ figures.money_at_risk }</span>
                        <span class="unit">{ t.yuan }</span>
                    </p>
                </div>
            </div>
            if !summary.findings_by_kind.is_empty() {
                <ul class="kind-counts">
                    { for summary.findings_by_kind.iter().map(|(kind, count)| html! {
                        <li class="kind-chip">
                            <span class="kind-label">{ i18n::kind(props.lang, *kind) }</span>
                            <span class="kind-count" data-testid="kind-count" data-kind={kind.as_str()}>{ count }</span>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
