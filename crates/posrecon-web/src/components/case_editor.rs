//! The case editor in an opened finding: its status (`<select data-testid="case-status">`) and
//! the merchant's note (`case-note`), saved at once (each change is an action; `use_cases`
//! writes the log to IndexedDB), with the case's dates.
//!
//! It reads the case book from a context ([`crate::hooks::CaseContext`], provided by the root
//! component), so the findings table embeds it with one line and passes nothing down.

use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::cases::{CaseStatus, Fate};
use crate::hooks::CaseContext;
use crate::i18n::{case_status, case_strings};

/// Props of [`CaseEditor`].
#[derive(Properties, PartialEq)]
pub struct CaseEditorProps {
    /// The finding of the current report whose case this is.
    pub finding_id: String,
}

/// Status, note and dates of one finding's case; nothing before the finding is keyed.
#[component]
pub fn CaseEditor(props: &CaseEditorProps) -> Html {
    let Some(ctx) = use_context::<CaseContext>() else { return html! {} };
    let Some(case) = ctx.book.case_of(&props.finding_id).cloned() else { return html! {} };
    let c = case_strings(ctx.lang);
    let select_id = format!("case-status-{}", props.finding_id);
    let note_id = format!("case-note-{}", props.finding_id);
    let on_status = {
        let (key, cb) = (case.key.clone(), ctx.on_status.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(status) = CaseStatus::parse(&value) {
                cb.emit((key.clone(), status));
            }
        })
    };
    let on_note = {
        let (key, cb) = (case.key.clone(), ctx.on_note.clone());
        Callback::from(move |e: InputEvent| {
            cb.emit((key.clone(), e.target_unchecked_into::<HtmlTextAreaElement>().value()));
        })
    };
    let overdue = case.overdue(ctx.book.today);
    html! {
        <div class="case-editor" data-testid="case-editor" data-status={case.status.as_str()}>
            <div class="case-field">
                <label for={select_id.clone()}>{ c.status_label }</label>
                <select id={select_id} data-testid="case-status" onchange={on_status}>
                    { for CaseStatus::ALL.iter().map(|s| html! {
                        <option value={s.as_str()} selected={*s == case.status}>{ case_status(ctx.lang, *s) }</option>
                    }) }
                </select>
            </div>
            <div class="case-field case-note-field">
                <label for={note_id.clone()}>{ c.note_label }</label>
                <textarea id={note_id} data-testid="case-note" rows="2"
                    placeholder={c.note_placeholder} value={case.note.clone()} oninput={on_note} />
            </div>
            <p class="case-dates muted">
                { with_date(c.opened, case.opened) }{ " · " }{ with_date(c.changed, case.changed) }
                if let Some(due) = case.due {
                    { " · " }
                    <span class={classes!(overdue.then_some("overdue"))}>
                        { with_date(c.due, due) }
                        if overdue { { " " }<strong>{ c.overdue }</strong> }
                    </span>
                }
                { " · " }{ c.saved_here }
            </p>
            if let Some(Fate::Arrived { date }) = case.followed {
                <p class="case-fate" data-testid="case-fate">{ with_date(c.arrived_auto, date) }</p>
            }
        </div>
    }
}

/// A template with `{date}` as `MM-DD`.
pub(crate) fn with_date(template: &str, date: chrono::NaiveDate) -> String {
    template.replace("{date}", &date.format("%m-%d").to_string())
}
