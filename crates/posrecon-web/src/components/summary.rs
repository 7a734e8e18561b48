//! The answer, shown first after an analysis (issue 13): its heading (`answer-heading`,
//! `tabindex="-1"`, where focus moves when a run finishes), files waiting for their role, the
//! money by direction, the actions due first with their dates (`components/answer.rs`), then the
//! transactions checked and the problems per kind. When no file could be read there is no
//! answer: it says so instead of showing "0 problems" and "0.00".
//!
//! No single "涉及金额" total: it added money owed to the shop, money to refund and money not yet
//! known together, the mix the issue complained of; the three tiles say each. The per-kind counts
//! are buttons that filter the findings (the toolbar's own `ToggleKind`) and take the merchant
//! there, one Tab stop with arrows between them (`components::roving`).

use std::collections::BTreeSet;
use std::rc::Rc;

use posrecon_engine::Lang;
use posrecon_engine::report::answer::{self, Direction};
use posrecon_engine::report::{Kind, Report};
use yew::prelude::*;

use crate::browser;
use crate::components::roving;
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
    /// The kinds the findings are filtered to (their count buttons show pressed).
    #[prop_or_default]
    pub filtered_kinds: BTreeSet<Kind>,
    /// A count button was pressed: filter the findings by its kind (on if off, off if on).
    #[prop_or_default]
    pub on_kind: Callback<Kind>,
    /// What the case log says of the findings: the closed ones are not listed as due, the
    /// handled ones are counted under each money figure. Compared by identity (the page makes
    /// a new one only when the report or the case book changed).
    #[prop_or_default]
    pub marks: Rc<CaseMarks>,
}

/// The report's findings as the case log marks them, by finding id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseMarks {
    /// Closed (已到账, 已解决): no longer due.
    pub closed: BTreeSet<String>,
    /// Handled by the merchant: closed, or 已退款给顾客 (still followed until the refund shows
    /// in the statements, but the money is no longer the customer's to claim).
    pub handled: BTreeSet<String>,
}

impl CaseMarks {
    /// The marks of `report`'s findings in `book`.
    pub fn of(report: Option<&Report>, book: &crate::cases::CaseBook) -> Self {
        let mut marks = CaseMarks::default();
        for f in report.iter().flat_map(|r| r.findings.iter()) {
            let status = book.status_of(&f.id);
            if !status.is_open() {
                marks.closed.insert(f.id.clone());
            }
            if !status.is_open() || status == crate::cases::CaseStatus::Refunded {
                marks.handled.insert(f.id.clone());
            }
        }
        marks
    }
}

impl PartialEq for SummaryPanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && crate::components::same_report(&self.report, &other.report)
            && self.awaiting_role == other.awaiting_role
            && self.filtered_kinds == other.filtered_kinds
            && self.on_kind == other.on_kind
            && Rc::ptr_eq(&self.marks, &other.marks)
    }
}

/// Key figures and a count per finding kind (`data-testid="kind-count"` inside a
/// `data-testid="summary-kind"` button).
#[component]
pub fn SummaryPanel(props: &SummaryPanelProps) -> Html {
    let a = i18n::answer_strings(props.lang);
    let summary = &props.report.summary;
    let figures = view::figures(summary);
    let nothing_read = view::no_findings(&props.report).nothing_read;
    html! {
        <section class="summary answer" aria-labelledby="answer-heading" data-testid="summary">
            <h2 id="answer-heading" class="answer-heading" tabindex="-1" data-testid="answer-heading">{ a.heading }</h2>
            if !props.awaiting_role.is_empty() {
                <p class="awaiting-role" role="status" data-testid="awaiting-role">
                    { i18n::awaiting_role(props.lang, &props.awaiting_role.iter().map(String::as_str).collect::<Vec<_>>()) }
                </p>
            }
            if nothing_read {
                <p class="nothing-read" data-testid="nothing-read">{ a.nothing_read }</p>
            } else {
                { directions(props.lang, &props.report, &props.marks.handled) }
                { crate::components::answer::actions_due(props.lang, &props.report, &props.marks.closed) }
                { figures_and_kinds(props, &figures) }
            }
        </section>
    }
}

/// Transactions checked, problems found and the count per kind, each count a button filtering
/// the findings to its kind.
fn figures_and_kinds(props: &SummaryPanelProps, figures: &view::Figures) -> Html {
    let lang = props.lang;
    let t = strings(lang);
    let kinds = &props.report.summary.findings_by_kind;
    html! {
        <>
            <div class="figures">
                <div class="figure">
                    <p class="figure-label">{ t.attempts }</p>
                    <p class="figure-value" data-testid="attempts">{ crate::format::count(figures.attempts) }</p>
                </div>
                <div class="figure">
                    <p class="figure-label">{ t.findings_total }</p>
                    <p class="figure-value" data-testid="findings-total">{ crate::format::count(figures.findings_total) }</p>
                </div>
            </div>
            if !kinds.is_empty() {
                <div class="kind-counts" role="toolbar" aria-label={i18n::filter_strings(lang).kinds_label}
                    key={kinds.keys().map(|k| k.as_str()).collect::<Vec<_>>().join(",")}
                    data-roving="" onkeydown={Callback::from(roving::on_keydown)} onfocusin={Callback::from(roving::on_focusin)}>
                    { for kinds.iter().enumerate().map(|(i, (kind, count))| {
                        let kind = *kind;
                        let pressed = props.filtered_kinds.contains(&kind);
                        let on_kind = props.on_kind.clone();
                        let onclick = Callback::from(move |_: MouseEvent| {
                            on_kind.emit(kind);
                            browser::focus_answer("findings-heading");
                        });
                        html! {
                            <button type="button" class={classes!("kind-chip", pressed.then_some("is-pressed"))}
                                data-testid="summary-kind" data-kind={kind.as_str()}
                                aria-pressed={pressed.to_string()} tabindex={roving::tabindex(i)} {onclick}>
                                <span class="kind-label">{ i18n::kind(lang, kind) }</span>
                                <span class="kind-count" data-testid="kind-count" data-kind={kind.as_str()}>{ count }</span>
                            </button>
                        }
                    }) }
                </div>
            }
        </>
    }
}

/// Of a direction's findings (`ids`), the money and count of those the merchant handled in the
/// case log (`handled`): each finding counts for what the direction counts it (its amount).
fn handled_part<'a>(
    report: &Report,
    ids: impl IntoIterator<Item = &'a String>,
    handled: &BTreeSet<String>,
) -> (i64, usize) {
    if handled.is_empty() {
        return (0, 0);
    }
    let ids: BTreeSet<&str> =
        ids.into_iter().map(String::as_str).filter(|id| handled.contains(*id)).collect();
    let cents = report.findings.iter().filter(|f| ids.contains(f.id.as_str()));
    (cents.map(|f| f.amount_cents).sum(), ids.len())
}

/// The money by direction, as the owner's report and the chat text split it (the engine's
/// `report::answer`): owed to the shop, owed to customers, not yet known; each with its sum, how
/// many findings, and what it holds. Test hooks `money-owed-to-shop`, `money-owed-to-customers`,
/// `money-unconfirmed` (text: the amount in yuan as shown).
fn directions(lang: Lang, report: &Report, handled: &BTreeSet<String>) -> Html {
    let money = answer::money(&report.findings);
    let tile = |direction: Direction| {
        let m = money.get(direction);
        let (done_cents, done) = handled_part(report, &m.finding_ids, handled);
        let (testid, class) = match direction {
            Direction::ToShop => ("money-owed-to-shop", "dir-shop"),
            Direction::ToCustomers => ("money-owed-to-customers", "dir-customers"),
            Direction::Unconfirmed => ("money-unconfirmed", "dir-unconfirmed"),
        };
        html! {
            <div class={classes!("figure", "direction", class)}>
                <p class="figure-label">{ answer::text::direction(lang, direction) }</p>
                <p class="figure-value">
                    <span data-testid={testid}>{ crate::format::yuan(m.cents) }</span>
                    <span class="unit">{ strings(lang).yuan }</span>
                </p>
                <p class="direction-note">
                    { i18n::findings_count(lang, m.finding_ids.len()) }{ " · " }
                    { answer::text::direction_note(lang, direction) }
                </p>
                if done > 0 {
                    <p class="direction-handled" data-testid="money-handled">
                        { i18n::handled_part(lang, &crate::format::yuan(done_cents), done) }
                    </p>
                }
            </div>
        }
    };
    html! {
        <div class="figures directions" data-testid="money-directions">
            { for Direction::ALL.into_iter().map(tile) }
        </div>
    }
}
