//! 待跟进: the open cases across runs (`data-testid="open-cases"`, one `open-case` each, its
//! `data-id` the case key), with the cases a later analysis closed by themselves, the case log's
//! export, import and clear (with a confirm step), and the keep-files choice.
//!
//! Shown from the first render, before any file: the log is the browser's, not the report's.

use posrecon_engine::Lang;
use posrecon_engine::report::answer::When;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::cases::{Case, CaseBook, CaseStatus, Fate, ImportError};
use crate::components::case_editor::with_date;
use crate::format;
use crate::hooks::CaseHandlers;
use crate::i18n::{self, case_status, case_strings, with_n};

/// How many open cases the list shows (the most urgent); the rest are counted.
pub const OPEN_SHOWN: usize = 20;

/// Props of [`OpenCases`].
#[derive(Properties)]
pub struct OpenCasesProps {
    /// UI language.
    pub lang: Lang,
    /// The case book.
    pub book: CaseBook,
    /// The keep-files choice.
    pub keep_files: bool,
    /// The callbacks.
    pub on: CaseHandlers,
}

impl PartialEq for OpenCasesProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.book.same(&other.book)
            && self.keep_files == other.keep_files
            && self.on == other.on
    }
}

/// The 待跟进 panel.
#[component]
pub fn OpenCases(props: &OpenCasesProps) -> Html {
    let (lang, book) = (props.lang, &props.book);
    let c = case_strings(lang);
    let open = book.open_cases();
    let closed = book.auto_closed();
    html! {
        <section class="cases" data-testid="cases-panel" aria-labelledby="cases-heading">
            <div class="section-head">
                <h2 id="cases-heading">{ c.heading }<span class="count">{ open.len() }</span></h2>
                { tools(lang, props) }
            </div>
            <p class="muted">{ c.kept_here }</p>
            if book.unsure {
                <p class="case-unsure" role="status" data-testid="cases-unsure">{ c.unsure }</p>
            }
            { confirm_and_import(lang, book, &props.on) }
            if open.is_empty() {
                <p class="muted" data-testid="no-open-cases">{ c.none_open }</p>
            }
            <ul class="case-list" data-testid="open-cases">
                { for open.iter().take(OPEN_SHOWN).map(|case| open_case(lang, case, book, &props.on)) }
            </ul>
            if open.len() > OPEN_SHOWN {
                <p class="muted">{ with_n(c.more_open, open.len() - OPEN_SHOWN) }</p>
            }
            if !closed.is_empty() {
                <h3 class="cases-closed-heading">{ c.closed_heading }</h3>
                <ul class="case-list case-list-closed">
                    { for closed.iter().take(OPEN_SHOWN).map(|case| closed_case(lang, case)) }
                </ul>
            }
            { keep_files(lang, props) }
        </section>
    }
}

fn tools(lang: Lang, props: &OpenCasesProps) -> Html {
    let c = case_strings(lang);
    let on_export = props.on.on_export.reform(|_: MouseEvent| ());
    let on_clear = props.on.on_clear.reform(|_: MouseEvent| false);
    let on_import = {
        let on_import = props.on.on_import.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|list| list.get(0)) {
                on_import.emit(file);
            }
            input.set_value("");
        })
    };
    let empty = props.book.cases.is_empty();
    html! {
        <div class="section-actions">
            <button type="button" class="button button-quiet" data-testid="export-cases"
                disabled={empty} onclick={on_export}>{ c.export }</button>
            <label class="button button-quiet file-button">
                { c.import }
                <input type="file" accept=".json,application/json" class="visually-hidden"
                    data-testid="import-cases" onchange={on_import} />
            </label>
            <button type="button" class="button button-quiet" data-testid="clear-cases"
                disabled={empty} onclick={on_clear}>{ c.clear }</button>
        </div>
    }
}

fn confirm_and_import(lang: Lang, book: &CaseBook, on: &CaseHandlers) -> Html {
    let c = case_strings(lang);
    let import = book.import.as_ref().map(|result| match result {
        Ok(n) => (true, with_n(c.imported, n)),
        Err(ImportError::Unreadable(why)) => (false, format!("{}{why}）", c.import_unreadable)),
        Err(ImportError::WrongSchema(schema)) => {
            (false, c.import_wrong_schema.replace("{schema}", schema))
        }
        Err(ImportError::EmptyKey) => (false, c.import_empty_key.to_owned()),
    });
    html! {
        <>
            if book.confirm_clear {
                <div class="case-confirm" role="alertdialog" aria-labelledby="clear-cases-question">
                    <p id="clear-cases-question">{ c.clear_question }</p>
                    <button type="button" class="button button-danger" data-testid="clear-cases-confirm"
                        onclick={on.on_clear.reform(|_: MouseEvent| true)}>{ c.clear_confirm }</button>
                    <button type="button" class="button button-quiet" data-testid="clear-cases-cancel"
                        onclick={on.on_keep.reform(|_: MouseEvent| ())}>{ c.clear_cancel }</button>
                </div>
            }
            if let Some((ok, text)) = import {
                <p class={classes!("case-import", (!ok).then_some("is-error"))} role="status"
                    data-testid="cases-import-result" data-ok={ok.to_string()}>{ text }</p>
            }
        </>
    }
}

/// A case's kind in words (the token as written when the engine no longer has that kind).
fn kind_words(lang: Lang, kind: &str) -> String {
    crate::cases::kind_of(kind).map_or_else(|| kind.to_owned(), |k| i18n::kind(lang, k).to_string())
}

/// A case's title when it is in the page's language (or of a log that did not say): a title
/// in the other language (the last analysis ran before a switch, or no file is loaded) is not
/// shown; the case's kind, amount and time say it.
fn title_in(lang: Lang, case: &Case) -> Option<&str> {
    (case.title_lang.is_empty() || case.title_lang == lang.as_str()).then_some(&case.title)
}

fn open_case(lang: Lang, case: &Case, book: &CaseBook, on: &CaseHandlers) -> Html {
    let c = case_strings(lang);
    let overdue = case.overdue(book.today);
    let select_id = format!("open-case-status-{}", case.key);
    let named = title_in(lang, case).map_or_else(
        || format!("{} {}", kind_words(lang, &case.kind), format::yuan(case.amount_cents)),
        str::to_owned,
    );
    let label = c.status_of.replace("{title}", &named);
    let on_status = {
        let (key, cb) = (case.key.clone(), on.on_status.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(status) = CaseStatus::parse(&value) {
                cb.emit((key.clone(), status));
            }
        })
    };
    html! {
        <li class={classes!("case", overdue.then_some("is-overdue"))} data-testid="open-case"
            data-id={case.key.clone()} data-status={case.status.as_str()}>
            <div class="case-head">
                <span class="case-kind">{ kind_words(lang, &case.kind) }</span>
                <span class="num case-amount">{ format::yuan(case.amount_cents) }</span>
                <span class="case-status" data-testid="open-case-status">{ case_status(lang, case.status) }</span>
            </div>
            if let Some(title) = title_in(lang, case) {
                <p class="case-title">{ title }</p>
            }
            <p class="case-meta muted">
                { meta(lang, case) }
                if let Some(when) = case.when(book.today) {
                    { " · " }
                    <span class={classes!("case-due", overdue.then_some("overdue"))} data-testid="open-case-due">
                        { due_words(lang, case, when) }
                        if overdue { { " " }<strong>{ c.overdue }</strong> }
                    </span>
                }
            </p>
            if !case.note.is_empty() {
                <p class="case-note" data-testid="open-case-note">{ &case.note }</p>
            }
            { fate(lang, case) }
            <div class="case-field">
                <label for={select_id.clone()} class="visually-hidden">{ label }</label>
                <select id={select_id} data-testid="open-case-status-select" onchange={on_status}>
                    { for CaseStatus::ALL.iter().map(|s| html! {
                        <option value={s.as_str()} selected={*s == case.status}>{ case_status(lang, *s) }</option>
                    }) }
                </select>
            </div>
        </li>
    }
}

/// What a case is about: a sale's time and terminal, or a bank day's clearing date(s) and
/// expected payout date (a bank day has no terminal).
fn meta(lang: Lang, case: &Case) -> Html {
    let c = case_strings(lang);
    if case.is_deposit() {
        return html! {
            <>
                { c.cleared.replace("{dates}", &case.when) }
                if let Some(date) = case.expected {
                    { " · " }{ with_date(c.expected, date) }
                }
            </>
        };
    }
    html! {
        <>
            { &case.when }
            if !case.terminal.is_empty() { { " · " }{ c.terminal }{ " " }<span class="mono">{ &case.terminal }</span> }
        </>
    }
}

/// The due date as the answer words it: a date to wait until, or act now when there is none.
fn due_words(lang: Lang, case: &Case, when: When) -> String {
    let c = case_strings(lang);
    match (when, case.due) {
        (When::Now, _) | (_, None) => c.act_now.to_owned(),
        (_, Some(due)) => with_date(c.due, due),
    }
}

/// What the last analysis said of a case its findings no longer name.
fn fate(lang: Lang, case: &Case) -> Html {
    let c = case_strings(lang);
    let text = match &case.followed {
        Some(Fate::Gone { since }) => with_date(c.gone, *since),
        Some(Fate::NotCovered) => c.not_covered.to_owned(),
        Some(Fate::Became { kind }) => c.became.replace("{kind}", &kind_words(lang, kind)),
        _ => return html! {},
    };
    let class = match case.followed {
        Some(Fate::Gone { .. }) => "is-gone",
        _ => "is-elsewhere",
    };
    let testid = match case.followed {
        Some(Fate::Gone { .. }) => "open-case-gone",
        _ => "open-case-fate",
    };
    html! { <p class={classes!("case-fate", class)} data-testid={testid}>{ text }</p> }
}

fn closed_case(lang: Lang, case: &Case) -> Html {
    let c = case_strings(lang);
    let Some(Fate::Arrived { date }) = case.followed else { return html! {} };
    html! {
        <li class="case is-closed" data-testid="auto-closed-case" data-id={case.key.clone()}>
            <div class="case-head">
                <span class="case-kind">{ kind_words(lang, &case.kind) }</span>
                <span class="num case-amount">{ format::yuan(case.amount_cents) }</span>
            </div>
            <p class="case-fate" data-testid="case-fate">{ with_date(c.arrived_auto, date) }</p>
            if !case.note.is_empty() {
                <p class="case-note">{ &case.note }</p>
            }
        </li>
    }
}

fn keep_files(lang: Lang, props: &OpenCasesProps) -> Html {
    let c = case_strings(lang);
    let onchange = props
        .on
        .on_keep_files
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
    html! {
        <div class="keep-files">
            <label class="checkbox">
                <input type="checkbox" data-testid="keep-files" checked={props.keep_files} {onchange} />
                { c.keep_files }
            </label>
            <p class="muted">{ c.keep_files_off }</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_shows_only_in_its_own_language() {
        let mut case = Case {
            title: "终端显示失败，但已扣款".into(),
            title_lang: "zh".into(),
            ..Case::default()
        };
        assert_eq!(title_in(Lang::Zh, &case), Some("终端显示失败，但已扣款"));
        assert_eq!(title_in(Lang::En, &case), None, "no Chinese line in the English page");
        case.title_lang.clear();
        assert!(title_in(Lang::En, &case).is_some(), "an older log's title is shown");
    }
}
