//! The analysis status line: what the analysis is doing, a progress bar with the time it has
//! taken and a cancel button while it runs, and a "run again" button after a cancel.
//!
//! At a million rows an analysis takes about a minute; without a sign of progress and a way out
//! the page looks hung, and a merchant who dropped the wrong files had to wait it out.

use posrecon_engine::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::i18n::strings;
use crate::state::Analysis;
use crate::view;

/// Props of [`AnalysisStatus`].
#[derive(Properties)]
pub struct AnalysisStatusProps {
    /// UI language.
    pub lang: Lang,
    /// The analysis.
    pub analysis: Analysis,
    /// `idle`, `running`, `done`, `error` or `cancelled`.
    pub state_key: &'static str,
    /// The revision analysed: the elapsed time restarts with each new one.
    pub revision: u64,
    /// Analyses that read and matched the files (`data-matched-runs`, a test hook).
    pub matched_runs: u64,
    /// The cancel button.
    pub on_cancel: Callback<()>,
    /// The "run again" button after a cancel.
    pub on_rerun: Callback<()>,
}

impl PartialEq for AnalysisStatusProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.analysis.same(&other.analysis)
            && self.state_key == other.state_key
            && self.revision == other.revision
            && self.matched_runs == other.matched_runs
            && self.on_cancel == other.on_cancel
            && self.on_rerun == other.on_rerun
    }
}

/// Shows whether the analysis is idle, running, done, failed or cancelled (`data-state`).
#[component]
pub fn AnalysisStatus(props: &AnalysisStatusProps) -> Html {
    let t = strings(props.lang);
    let line = view::status_line(props.lang, &props.analysis);
    let elapsed = use_elapsed(props.revision, line.progress.is_some());
    let class = classes!("status", format!("status-{}", props.state_key));
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let rerun = props.on_rerun.reform(|_: MouseEvent| ());
    html! {
        <div {class} data-testid="analysis-status" data-state={props.state_key}
            data-matched-runs={props.matched_runs.to_string()}>
            <div class="status-line" role="status" aria-live="polite">
                <span class="status-dot" aria-hidden="true"></span>
                <span class="status-text">{ line.text }</span>
                if let Some(detail) = line.detail {
                    <span class="status-detail" data-testid="analysis-stage">{ detail }</span>
                }
                if line.failed {
                    <span class="status-detail" data-testid="analysis-failed-hint">{ t.analysis_failed_hint }</span>
                }
            </div>
            if let Some(meter) = line.progress {
                <div class="status-progress">
                    if let Some((value, max)) = meter.value {
                        <progress data-testid="analysis-progress" aria-label={t.progress_label}
                            value={value.to_string()} max={max.to_string()}></progress>
                    } else {
                        <progress data-testid="analysis-progress" aria-label={t.progress_label}></progress>
                    }
                    <span class="status-elapsed" data-testid="analysis-elapsed">
                        { view::elapsed_words(props.lang, elapsed) }
                    </span>
                    if meter.cancellable {
                        <button type="button" class="button button-small" data-testid="cancel-analysis" onclick={cancel}>
                            { t.cancel_analysis }
                        </button>
                    }
                </div>
            }
            if line.cancelled {
                <button type="button" class="button button-primary button-small" data-testid="rerun-analysis" onclick={rerun}>
                    { t.rerun_analysis }
                </button>
            }
        </div>
    }
}

/// Milliseconds since `revision` started running, ticking every half second while `running`.
#[hook]
fn use_elapsed(revision: u64, running: bool) -> u64 {
    let elapsed = use_state_eq(|| 0_u64);
    {
        let elapsed = elapsed.clone();
        use_effect_with((revision, running), move |&(_, running)| {
            elapsed.set(0);
            let start = js_sys::Date::now();
            let window = web_sys::window();
            let tick = Closure::<dyn Fn()>::new(move || {
                elapsed.set((js_sys::Date::now() - start).max(0.0) as u64);
            });
            let interval = window.as_ref().filter(|_| running).and_then(|w| {
                w.set_interval_with_callback_and_timeout_and_arguments_0(
                    tick.as_ref().unchecked_ref(),
                    500,
                )
                .ok()
            });
            move || {
                if let (Some(w), Some(id)) = (window, interval) {
                    w.clear_interval_with_handle(id);
                }
                drop(tick);
            }
        });
    }
    *elapsed
}
