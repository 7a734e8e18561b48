//! The analysis status line.

use posrecon_engine::Lang;
use yew::prelude::*;

use crate::i18n::strings;
use crate::state::Analysis;
use crate::view;

/// Props of [`AnalysisStatus`].
#[derive(Properties, PartialEq)]
pub struct AnalysisStatusProps {
    /// UI language.
    pub lang: Lang,
    /// The analysis.
    pub analysis: Analysis,
    /// `idle`, `running`, `done` or `error`.
    pub state_key: &'static str,
}

/// Shows whether the analysis is idle, running, done or failed (`data-state`).
#[component]
pub fn AnalysisStatus(props: &AnalysisStatusProps) -> Html {
    let t = strings(props.lang);
    let line = view::status_line(props.lang, &props.analysis);
    let class = classes!("status", format!("status-{}", props.state_key));
    html! {
        <div {class} data-testid="analysis-status" data-state={props.state_key} role="status" aria-live="polite">
            <span class="status-dot" aria-hidden="true"></span>
            <span class="status-text">{ line.text }</span>
            if let Some(detail) = line.detail {
                <span class="status-detail">{ detail }</span>
            }
            if line.failed {
                <span class="status-detail" data-testid="analysis-failed-hint">{ t.analysis_failed_hint }</span>
            }
        </div>
    }
}
