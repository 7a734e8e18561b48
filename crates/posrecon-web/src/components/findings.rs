//! The findings table, its search, filters and sort, and the message shown when there are none.
//!
//! What the table keeps and in what order is decided by [`crate::filter`] (pure, tested
//! natively): most urgent first by default, the engine's own order. Below ~700 px wide the
//! stylesheet lays each row out as a card (labels from `data-label`), so a phone shows no
//! 9-column table scrolled sideways.
//!
//! The table renders one page of findings ([`view::FINDINGS_PER_PAGE`]), never all of them: a
//! busy month gives thousands, and rendering them at once built 116,000 elements and froze the
//! page for seconds when the results arrived. The per-kind counts above the table
//! (`SummaryPanel`) still count every finding.

use std::collections::BTreeSet;
use std::rc::Rc;

use posrecon_engine::Lang;
use posrecon_engine::report::{Finding, RecordRef, Report};
use yew::prelude::*;

use crate::cases::{CaseBook, CaseStatus};
use crate::components::send::ChatTextBox;
use crate::components::{Pager, roving, same_report};
use crate::export::ExportTarget;
use crate::filter::{self, Column, FilterChange, FindingsFilter, Sort};
use crate::format;
use crate::i18n::{self, Strings, strings, with_n};
use crate::state::ChatText;
use crate::view;

/// Props of [`FindingsTable`].
#[derive(Properties)]
pub struct FindingsTableProps {
    /// UI language.
    pub lang: Lang,
    /// The report whose findings to list.
    pub report: Rc<Report>,
    /// Ids of findings whose details are open.
    #[prop_or_default]
    pub expanded: BTreeSet<String>,
    /// Open or close a finding's details (emits its id).
    #[prop_or_default]
    pub on_toggle: Callback<String>,
    /// The page asked for (0-based; past the end shows the last).
    #[prop_or_default]
    pub page: usize,
    /// Show another page (emits its 0-based number).
    #[prop_or_default]
    pub on_page: Callback<usize>,
    /// What leaves the page from an opened finding: its case sheet and its chat text.
    #[prop_or_default]
    pub send: FindingSend,
    /// The search, filters and sort as the merchant set them.
    #[prop_or_default]
    pub filter: FindingsFilter,
    /// The merchant's cases (each row's status, the status filter).
    #[prop_or_default]
    pub cases: CaseBook,
    /// The search, a filter or the sort changed.
    #[prop_or_default]
    pub on_filter: Callback<FilterChange>,
}

/// A finding's 案件单 and 复制微信文本: the callbacks (each emits the finding's id), the export
/// running (every such button waits meanwhile) and the chat text rendered last.
#[derive(Clone, Default, PartialEq)]
pub struct FindingSend {
    /// 案件单: download the finding's case sheet.
    pub on_sheet: Callback<String>,
    /// 复制微信文本: the finding's chat text to the clipboard.
    pub on_copy_text: Callback<String>,
    /// The export running, if any.
    pub running: Option<ExportTarget>,
    /// The last chat text rendered (shown under the finding it is about).
    pub chat_text: Option<ChatText>,
}

impl PartialEq for FindingsTableProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && same_report(&self.report, &other.report)
            && self.expanded == other.expanded
            && self.on_toggle == other.on_toggle
            && self.page == other.page
            && self.on_page == other.on_page
            && self.send == other.send
            && self.filter == other.filter
            && self.cases.same(&other.cases)
            && self.on_filter == other.on_filter
    }
}

/// What the findings kept depend on, compared by identity (the report, the case book).
struct Kept {
    lang: Lang,
    report: Rc<Report>,
    filter: FindingsFilter,
    /// Only when the status filter is set.
    cases: Option<CaseBook>,
}

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && same_report(&self.report, &other.report)
            && self.filter == other.filter
            && match (&self.cases, &other.cases) {
                (Some(a), Some(b)) => a.same(b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }
}

/// The findings the merchant works: the search and filters (`findings-search`, `kind-filter`,
/// `filter-*`, `findings-sort`, `findings-shown`, `clear-filters`), then one row per finding of
/// the page shown (`data-testid="finding-row"`) with expandable details, between two pagers
/// (`data-testid="findings-pager"`) when the findings kept are more than a page. Below ~700 px
/// wide the stylesheet lays each row out as a card.
#[component]
pub fn FindingsTable(props: &FindingsTableProps) -> Html {
    let t = strings(props.lang);
    // Filtered and ordered once per report, filter and language (and case book, when the
    // status filter reads it), not on every render: a case's status changing, a details row
    // opened or a page turned does not order 6,729 findings again.
    let kept = use_memo(
        Kept {
            lang: props.lang,
            report: props.report.clone(),
            filter: props.filter.clone(),
            cases: props.filter.status.map(|_| props.cases.clone()),
        },
        |k| {
            let cases = k.cases.clone().unwrap_or_default();
            filter::positions(k.lang, &k.report, &k.filter, &cases)
        },
    );
    let kept = filter::Filtered {
        findings: kept.iter().map(|&k| &props.report.findings[k]).collect(),
        total: props.report.findings.len(),
    };
    let window =
        view::page_window(props.lang, kept.findings.len(), view::FINDINGS_PER_PAGE, props.page);
    let heading = NodeRef::default();
    let pager = |place: &'static str| {
        html! {
            <Pager
                lang={props.lang}
                window={window.clone()}
                testid="findings-pager"
                {place}
                on_page={props.on_page.clone()}
                scroll_to={heading.clone()}
            />
        }
    };
    let f = i18n::filter_strings(props.lang);
    html! {
        <section class="findings" aria-labelledby="findings-heading">
            <h2 id="findings-heading" tabindex="-1" ref={heading.clone()}>{ t.findings_heading }</h2>
            { tools(props, kept.findings.len(), kept.total) }
            if kept.findings.is_empty() {
                <p class="no-match" data-testid="no-match">{ f.no_match }</p>
            } else {
                { pager("top") }
                <div class="table-scroll findings-scroll">
                    <table class="findings-table" data-testid="findings-table">
                        { header(props) }
                        { for kept.findings[window.range()].iter().map(|finding| {
                            let open = props.expanded.contains(&finding.id);
                            let status = props.cases.status_of(&finding.id);
                            finding_rows(props.lang, finding, status, open, &props.on_toggle, &props.send)
                        }) }
                    </table>
                </div>
                { pager("bottom") }
            }
        </section>
    }
}

/// The table's header: every column but the actions and the button sorts when pressed
/// (`aria-sort` says how it is sorted).
fn header(props: &FindingsTableProps) -> Html {
    let t = strings(props.lang);
    let f = i18n::filter_strings(props.lang);
    let sortable = |column: Column, label: &'static str, class: Option<&'static str>| {
        let tabindex = roving::tabindex(usize::from(column != Column::Kind));
        let aria_sort = props.filter.aria_sort(column);
        let mark = match aria_sort {
            Some("ascending") => "▲",
            Some(_) => "▼",
            None => "↕",
        };
        let onclick = props.on_filter.reform(move |_: MouseEvent| FilterChange::SortBy(column));
        html! {
            <th scope="col" class={classes!(class)} aria-sort={aria_sort}>
                <button
                    type="button"
                    class="sort-button"
                    data-testid="sort-header"
                    data-sort={column.as_str()}
                    title={f.sort_hint}
                    {tabindex}
                    {onclick}
                >
                    { label }
                    <span class="sort-mark" aria-hidden="true">{ mark }</span>
                </button>
            </th>
        }
    };
    html! {
        <thead>
            // The sort buttons are one Tab stop, ←/→ between them (`components::roving`).
            <tr data-roving="" onkeydown={Callback::from(roving::on_keydown)} onfocusin={Callback::from(roving::on_focusin)}>
                { sortable(Column::Kind, t.col_kind, None) }
                { sortable(Column::Severity, t.col_severity, None) }
                { sortable(Column::Time, t.col_time, None) }
                { sortable(Column::Terminal, t.col_terminal, None) }
                { sortable(Column::Amount, t.col_amount, Some("num")) }
                { sortable(Column::Card, t.col_card, None) }
                { sortable(Column::Title, t.col_title, None) }
                <th scope="col">{ t.col_actions }</th>
                <th scope="col"><span class="visually-hidden">{ t.show_details }</span></th>
            </tr>
        </thead>
    }
}

/// The search box, the kind chips, the other filters and the sort (in a disclosure), and the
/// line saying how many findings are shown.
fn tools(props: &FindingsTableProps, shown: usize, total: usize) -> Html {
    let lang = props.lang;
    let f = i18n::filter_strings(lang);
    let filter = &props.filter;
    let on = &props.on_filter;
    let value_of = |e: &Event| e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
    let on_query = on.reform(move |e: InputEvent| {
        FilterChange::Query(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
    });
    let on_terminal = on.reform(move |e: Event| FilterChange::Terminal(value_of(&e)));
    let on_from = on.reform(move |e: Event| FilterChange::From(value_of(&e)));
    let on_to = on.reform(move |e: Event| FilterChange::To(value_of(&e)));
    let on_status =
        on.reform(move |e: Event| FilterChange::Status(CaseStatus::parse(&value_of(&e))));
    let on_sort = on.reform(move |e: Event| FilterChange::SetSort(Sort::parse(&value_of(&e))));
    let on_clear = on.reform(|_: MouseEvent| FilterChange::Clear);
    let kinds = &props.report.summary.findings_by_kind;
    let terminals = filter::terminals(&props.report);
    let t = strings(lang);
    let column_label = |c: Column| match c {
        Column::Kind => t.col_kind,
        Column::Severity => t.col_severity,
        Column::Time => t.col_time,
        Column::Terminal => t.col_terminal,
        Column::Amount => t.col_amount,
        Column::Card => t.col_card,
        Column::Title => t.col_title,
    };
    let sort_token = filter.sort.map(Sort::token).unwrap_or_default();
    let status_token = filter.status.map(CaseStatus::as_str).unwrap_or_default();
    let shown_text = f
        .shown
        .replace("{n}", &format::count(shown as u64))
        .replace("{m}", &format::count(total as u64));
    html! {
        <div class="findings-tools">
            <div class="search-field">
                <label for="findings-search">{ f.search_label }</label>
                <input
                    id="findings-search"
                    type="search"
                    data-testid="findings-search"
                    placeholder={f.search_placeholder}
                    autocomplete="off"
                    value={filter.query.clone()}
                    oninput={on_query}
                />
            </div>
            if kinds.len() > 1 {
                // One Tab stop, ←/→ between the chips (`components::roving`); keyed by the kinds
                // so another report's chips start afresh.
                <div class="kind-filters" role="toolbar" aria-label={f.kinds_label}
                    key={kinds.keys().map(|k| k.as_str()).collect::<Vec<_>>().join(",")}
                    data-roving="" onkeydown={Callback::from(roving::on_keydown)} onfocusin={Callback::from(roving::on_focusin)}>
                    { for kinds.iter().enumerate().map(|(i, (kind, count))| {
                        let kind = *kind;
                        let tabindex = roving::tabindex(i);
                        let pressed = filter.kinds.contains(&kind);
                        let onclick = on.reform(move |_: MouseEvent| FilterChange::ToggleKind(kind));
                        html! {
                            <button
                                type="button"
                                class={classes!("kind-filter", pressed.then_some("is-pressed"))}
                                data-testid="kind-filter"
                                data-kind={kind.as_str()}
                                aria-pressed={pressed.to_string()}
                                {tabindex}
                                {onclick}
                            >
                                <span class="kind-filter-label">{ i18n::kind(lang, kind) }</span>
                                <span class="kind-filter-count">{ format::count(*count) }</span>
                            </button>
                        }
                    }) }
                </div>
            }
            <details class="more-filters" data-testid="more-filters">
                <summary>{ f.more_filters }</summary>
                <div class="filter-fields">
                    <label class="filter-field">
                        <span>{ f.terminal_label }</span>
                        <select data-testid="filter-terminal" onchange={on_terminal}>
                            <option value="" selected={filter.terminal.is_empty()}>{ f.all_terminals }</option>
                            { for terminals.iter().map(|id| html! {
                                <option value={id.clone()} selected={&filter.terminal == id}>{ id }</option>
                            }) }
                        </select>
                    </label>
                    <label class="filter-field">
                        <span>{ f.from_label }</span>
                        <input type="date" data-testid="filter-from" value={filter.from.clone()} onchange={on_from} />
                    </label>
                    <label class="filter-field">
                        <span>{ f.to_label }</span>
                        <input type="date" data-testid="filter-to" value={filter.to.clone()} onchange={on_to} />
                    </label>
                    <label class="filter-field">
                        <span>{ f.status_label }</span>
                        <select data-testid="filter-status" onchange={on_status}>
                            <option value="" selected={status_token.is_empty()}>{ f.all_statuses }</option>
                            { for CaseStatus::ALL.into_iter().zip(f.statuses).map(|(s, label)| html! {
                                <option value={s.as_str()} selected={status_token == s.as_str()}>{ label }</option>
                            }) }
                        </select>
                    </label>
                    <label class="filter-field">
                        <span>{ f.sort_label }</span>
                        <select data-testid="findings-sort" onchange={on_sort}>
                            <option value="" selected={sort_token.is_empty()}>{ f.sort_urgency }</option>
                            { for Column::ALL.into_iter().flat_map(|c| [false, true].map(|descending| Sort { column: c, descending })).map(|s| {
                                let template = if s.descending { f.sort_descending } else { f.sort_ascending };
                                let token = s.token();
                                html! {
                                    <option value={token.clone()} selected={sort_token == token}>
                                        { template.replace("{col}", column_label(s.column)) }
                                    </option>
                                }
                            }) }
                        </select>
                    </label>
                </div>
            </details>
            <p class="findings-shown">
                <span data-testid="findings-shown" aria-live="polite">{ shown_text }</span>
                if filter.narrows() {
                    { " " }
                    <button type="button" class="button button-small" data-testid="clear-filters" onclick={on_clear}>
                        { f.clear }
                    </button>
                }
            </p>
        </div>
    }
}

fn finding_rows(
    lang: Lang,
    finding: &Finding,
    status: CaseStatus,
    open: bool,
    on_toggle: &Callback<String>,
    send: &FindingSend,
) -> Html {
    let t = strings(lang);
    let row = view::finding_row(lang, finding);
    let severity = row.severity;
    let detail_id = format!("finding-detail-{}", finding.id);
    let more_actions = row.more_actions;
    let onclick = {
        let id = finding.id.clone();
        on_toggle.reform(move |_: MouseEvent| id.clone())
    };
    html! {
        <tbody class={classes!("finding", open.then_some("is-open"))} key={finding.id.clone()}>
            <tr
                class={format!("severity-{severity}")}
                data-testid="finding-row"
                data-kind={finding.kind.as_str()}
                data-id={finding.id.clone()}
                data-status={status.as_str()}
            >
                <td class="kind">
                    { i18n::kind(lang, finding.kind) }
                    if status != CaseStatus::Open {
                        <span class={format!("case-badge case-{}", status.as_str())} data-testid="case-badge">
                            { status_label(lang, status) }
                        </span>
                    }
                </td>
                <td><span class={format!("severity-badge severity-{severity}")}>{ i18n::severity(lang, finding.severity) }</span></td>
                <td class="time" data-label={t.col_time}>
                    if let Some((date, clock)) = row.time {
                        <span class="date">{ date }</span>
                        { " " }
                        <span class="clock">{ clock }</span>
                    } else if let Some(date) = row.clearing_date {
                        <span class="date">{ date }</span>
                    }
                </td>
                <td class={classes!("mono", "terminal", row.terminal.is_empty().then_some("is-empty"))} data-label={t.col_terminal}>{ row.terminal }</td>
                <td class="num amount" data-testid="amount" data-label={t.col_amount}>{ format::yuan(finding.amount_cents) }</td>
                <td class={classes!("mono", "card", row.card_or_wallet.is_empty().then_some("is-empty"))} data-testid="card-or-wallet" data-label={t.col_card}>{ row.card_or_wallet }</td>
                <td class="title">{ &finding.title }</td>
                <td class="actions" data-label={t.col_actions}>
                    if let Some(first) = finding.actions.first() {
                        <p class="first-action">{ first }</p>
                    }
                    if more_actions > 0 && !open {
                        <p class="more-actions">{ with_n(t.more_actions, more_actions) }</p>
                    }
                </td>
                <td class="toggle">
                    <button
                        type="button"
                        class="button button-small"
                        aria-expanded={open.to_string()}
                        aria-controls={detail_id.clone()}
                        {onclick}
                    >
                        { if open { t.hide_details } else { t.show_details } }
                    </button>
                </td>
            </tr>
            if open {
                <tr class="finding-detail" id={detail_id}>
                    <td colspan="9">
                        { send_view(lang, finding, send) }
                        <crate::components::CaseEditor finding_id={finding.id.clone()} />
                        { detail_view(lang, t, finding) }
                    </td>
                </tr>
            }
        </tbody>
    }
}

/// A case status in words (`未处理`, `已联系银行/收单机构`, ...).
pub(crate) fn status_label(lang: Lang, status: CaseStatus) -> &'static str {
    let f = i18n::filter_strings(lang);
    CaseStatus::ALL.iter().position(|s| *s == status).map_or("", |k| f.statuses[k])
}

/// The opened finding's 案件单 (`finding-sheet`) and 复制微信文本 (`finding-copy-text`) buttons,
/// and its chat text once rendered (`finding-text`).
fn send_view(lang: Lang, finding: &Finding, send: &FindingSend) -> Html {
    let s = i18n::send_strings(lang);
    let id = finding.id.clone();
    let sheet = ExportTarget::Sheet(id.clone());
    let text = ExportTarget::FindingText(id.clone());
    let busy = |target: &ExportTarget| send.running.as_ref() == Some(target);
    let disabled = send.running.is_some();
    let on_sheet = {
        let id = id.clone();
        send.on_sheet.reform(move |_: MouseEvent| id.clone())
    };
    let on_copy = send.on_copy_text.reform(move |_: MouseEvent| id.clone());
    let chat = send.chat_text.clone().filter(|c| c.target == text);
    html! {
        <div class="finding-send">
            <div class="finding-send-buttons">
                <button
                    type="button"
                    class={classes!("button", "button-small", busy(&sheet).then_some("is-busy"))}
                    data-testid="finding-sheet"
                    title={s.sheet_title}
                    {disabled}
                    aria-busy={busy(&sheet).then_some("true")}
                    onclick={on_sheet}
                >{ s.sheet }</button>
                <button
                    type="button"
                    class={classes!("button", "button-small", busy(&text).then_some("is-busy"))}
                    data-testid="finding-copy-text"
                    title={s.copy_text_title}
                    {disabled}
                    aria-busy={busy(&text).then_some("true")}
                    onclick={on_copy}
                >{ s.copy_text }</button>
            </div>
            if let Some(chat) = chat {
                <ChatTextBox {lang} {chat} testid="finding-text" />
            }
        </div>
    }
}

fn detail_view(lang: Lang, t: &Strings, finding: &Finding) -> Html {
    let dates = &finding.dates;
    let settlement_dates: Vec<String> =
        dates.settlement_dates.iter().map(|d| d.to_string()).collect();
    html! {
        <div class="detail">
            if !finding.actions.is_empty() {
                <h3 class="detail-heading">{ t.col_actions }</h3>
                <ol class="action-list">{ for finding.actions.iter().map(|a| html! { <li>{ a }</li> }) }</ol>
            }
            if !finding.explanation.is_empty() {
                <h3 class="detail-heading">{ t.explanation }</h3>
                <p class="explanation">{ &finding.explanation }</p>
            }
            <crate::components::ChainSteps of={crate::components::StepsOf::Finding(finding.id.clone().into())} />
            <dl class="facts facts-inline">
                if let Some(cause) = finding.cause {
                    <dt>{ t.cause }</dt><dd>{ i18n::cause(lang, cause) }</dd>
                }
                if let Some(incident) = &finding.incident_id {
                    <dt>{ t.incidents_heading }</dt><dd class="mono">{ incident }</dd>
                }
                <dt>{ t.confidence }</dt><dd>{ format::percent(finding.confidence) }</dd>
                if !settlement_dates.is_empty() {
                    <dt>{ t.settlement_dates }</dt><dd>{ settlement_dates.join(", ") }</dd>
                }
                if let Some(d) = dates.expected_deposit_date {
                    <dt>{ t.expected_deposit }</dt><dd>{ d.to_string() }</dd>
                }
                if let Some(d) = dates.escalate_after {
                    <dt>{ t.escalate_after }</dt><dd>{ d.to_string() }</dd>
                }
            </dl>
            if !finding.evidence.is_empty() {
                <h3 class="detail-heading">{ t.evidence }</h3>
                <ul class="evidence">{ for finding.evidence.iter().map(|e| html! { <li>{ e }</li> }) }</ul>
            }
            if !finding.records.is_empty() {
                <h3 class="detail-heading">{ t.records }</h3>
                { records_table(lang, &finding.records, &format!("{} {}", t.records, finding.id)) }
            }
        </div>
    }
}

/// The records table of a finding or a check: file, line, role, time, amount, identifiers.
/// `name` names its scroll region, and differs per table (a check answer's and an opened
/// finding's records can be on the page together; two regions of one name confuse a screen
/// reader's list of landmarks).
pub(crate) fn records_table(lang: Lang, records: &[RecordRef], name: &str) -> Html {
    let t = strings(lang);
    // Focusable and named: on a phone the table scrolls sideways, and a keyboard must reach it.
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label={name.to_owned()}>
            <table class="records-table">
                <thead>
                    <tr>
                        <th>{ t.rec_file }</th>
                        <th class="num">{ t.rec_line }</th>
                        <th>{ t.rec_role }</th>
                        <th>{ t.col_time }</th>
                        <th>{ t.rec_type }</th>
                        <th class="num">{ t.col_amount }</th>
                        <th>{ t.col_terminal }</th>
                        <th>{ t.rec_stan }</th>
                        <th>{ t.rec_rrn }</th>
                        <th>{ t.rec_order }</th>
                        <th>{ t.col_card }</th>
                        <th>{ t.rec_response }</th>
                    </tr>
                </thead>
                <tbody>
                    { for records.iter().map(|r| record_row(lang, r)) }
                </tbody>
            </table>
        </div>
    }
}

fn record_row(lang: Lang, record: &RecordRef) -> Html {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let cells = view::record_cells(lang, record);
    html! {
        <tr>
            <td class="file">{ cells.file }</td>
            <td class="num">{ record.line }</td>
            <td>{ i18n::role(lang, record.role) }</td>
            <td class="time">{ record.time.as_ref().map(format::time).unwrap_or_default() }</td>
            <td>{ i18n::txn_type(lang, record.txn_type) }</td>
            <td class="num">{ format::yuan(record.amount_cents) }</td>
            <td class="mono">{ text(&record.terminal_id) }</td>
            <td class="mono">{ text(&record.stan) }</td>
            <td class="mono">{ text(&record.rrn) }</td>
            <td class="mono order-ids">{ cells.order_ids }</td>
            <td class="mono">{ cells.card }</td>
            <td class="response">{ cells.response }</td>
        </tr>
    }
}

/// Props of [`NoFindings`].
#[derive(Properties)]
pub struct NoFindingsProps {
    /// UI language.
    pub lang: Lang,
    /// The report (to tell "all clear" from "nothing could be read").
    pub report: Rc<Report>,
    /// Files waiting for their role to be confirmed: not analysed, so "all clear" does not
    /// cover them.
    #[prop_or_default]
    pub awaiting_role: usize,
}

impl PartialEq for NoFindingsProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && same_report(&self.report, &other.report)
            && self.awaiting_role == other.awaiting_role
    }
}

/// The empty state (`data-testid="no-findings"`): clear about what it does and does not mean.
#[component]
pub fn NoFindings(props: &NoFindingsProps) -> Html {
    let t = strings(props.lang);
    let shown = view::no_findings(&props.report);
    let (class, text) = if shown.nothing_read {
        ("no-findings is-unreadable", t.nothing_readable)
    } else {
        ("no-findings is-clear", t.no_findings)
    };
    html! {
        <section {class} data-testid="no-findings">
            <p class="no-findings-text">{ text }</p>
            if shown.partial {
                <p class="caveat">{ t.partial_caveat }</p>
            }
            if props.awaiting_role > 0 {
                <p class="caveat" data-testid="awaiting-role-caveat">
                    { with_n(i18n::mapping_strings(props.lang).awaiting_role_caveat, props.awaiting_role) }
                </p>
            }
        </section>
    }
}
