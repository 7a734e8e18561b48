//! The findings table, and the message shown when there are none.
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

use crate::components::send::ChatTextBox;
use crate::components::{Pager, same_report};
use crate::export::ExportTarget;
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
    }
}

/// One row per finding of the page shown (`data-testid="finding-row"`), with expandable
/// details, between two pagers (`data-testid="findings-pager"`) when there is more than a page.
#[component]
pub fn FindingsTable(props: &FindingsTableProps) -> Html {
    let t = strings(props.lang);
    let findings = &props.report.findings;
    let window = view::page_window(props.lang, findings.len(), view::FINDINGS_PER_PAGE, props.page);
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
    html! {
        <section class="findings" aria-labelledby="findings-heading">
            <h2 id="findings-heading" ref={heading.clone()}>{ t.findings_heading }</h2>
            { pager("top") }
            <div class="table-scroll">
                <table class="findings-table" data-testid="findings-table">
                    <thead>
                        <tr>
                            <th scope="col">{ t.col_kind }</th>
                            <th scope="col">{ t.col_severity }</th>
                            <th scope="col">{ t.col_time }</th>
                            <th scope="col">{ t.col_terminal }</th>
                            <th scope="col" class="num">{ t.col_amount }</th>
                            <th scope="col">{ t.col_card }</th>
                            <th scope="col">{ t.col_title }</th>
                            <th scope="col">{ t.col_actions }</th>
                            <th scope="col"><span class="visually-hidden">{ t.show_details }</span></th>
                        </tr>
                    </thead>
                    { for findings[window.range()].iter().map(|finding| {
                        let open = props.expanded.contains(&finding.id);
                        finding_rows(props.lang, finding, open, &props.on_toggle, &props.send)
                    }) }
                </table>
            </div>
            { pager("bottom") }
        </section>
    }
}

fn finding_rows(
    lang: Lang,
    finding: &Finding,
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
            <tr class={format!("severity-{severity}")} data-testid="finding-row" data-kind={finding.kind.as_str()} data-id={finding.id.clone()}>
                <td class="kind">{ i18n::kind(lang, finding.kind) }</td>
                <td><span class={format!("severity-badge severity-{severity}")}>{ i18n::severity(lang, finding.severity) }</span></td>
                <td class="time">
                    if let Some((date, clock)) = row.time {
                        <span class="date">{ date }</span>
                        { " " }
                        <span class="clock">{ clock }</span>
                    } else if let Some(date) = row.clearing_date {
                        <span class="date">{ date }</span>
                    }
                </td>
                <td class="mono">{ row.terminal }</td>
                <td class="num amount" data-testid="amount">{ format::yuan(finding.amount_cents) }</td>
                <td class="mono" data-testid="card-or-wallet">{ row.card_or_wallet }</td>
                <td class="title">{ &finding.title }</td>
                <td class="actions">
                    if let Some(first) = finding.actions.first() {
                        <p class="first-action">{ first }</p>
                    }
                    if more_actions > 0 && !open {
                        <p class="more-actions">{ with_n(t.more_actions, more_actions) }</p>
                    }
                </td>
                <td>
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
                <h4>{ t.col_actions }</h4>
                <ol class="action-list">{ for finding.actions.iter().map(|a| html! { <li>{ a }</li> }) }</ol>
            }
            if !finding.explanation.is_empty() {
                <h4>{ t.explanation }</h4>
                <p class="explanation">{ &finding.explanation }</p>
            }
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
                <h4>{ t.evidence }</h4>
                <ul class="evidence">{ for finding.evidence.iter().map(|e| html! { <li>{ e }</li> }) }</ul>
            }
            if !finding.records.is_empty() {
                <h4>{ t.records }</h4>
                { records_table(lang, &finding.records) }
            }
        </div>
    }
}

/// The records table of a finding or a check: file, line, role, time, amount, identifiers.
pub(crate) fn records_table(lang: Lang, records: &[RecordRef]) -> Html {
    let t = strings(lang);
    html! {
        <div class="table-scroll">
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
