//! View models: pure functions from the state (or a part of it) to what the page shows.
//!
//! The root component ([`crate::app::App`]) and the components ask these functions which panels
//! to show, what each file card and summary figure says and which badge or status a thing gets;
//! the markup only lays the answers out. No browser call and no clock here, so the tests at the
//! bottom run natively, like the reducer's in `state.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime};
use posrecon_engine::Lang;
use posrecon_engine::model::{PayMethod, Role};
use posrecon_engine::report::{
    Finding, Input, Kind, RecordRef, Report, Summary, TerminalHealthRow,
};
use yew::Callback;

use crate::agent::Stage;
use crate::components::{CardEdit, FileView, MapEdit, ValueEdit};
use crate::export::{ExportFormat, ExportTarget};
use crate::format;
use crate::i18n::{self, strings};
use crate::mapping::SavedTemplate;
use crate::state::{Analysis, AppState, Export};

/// What the page shows for a state, panel by panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Files are being read or the demo fetched: the drop zone says so.
    pub busy: bool,
    /// One card per loaded file, in the order they were added.
    pub files: Vec<FileView>,
    /// The saved-templates panel: once there are files or saved templates.
    pub show_templates: bool,
    /// The "a customer says they paid" panel; without files, the intro text instead.
    pub show_check: bool,
    /// The results, once there is a report.
    pub results: Option<Results>,
}

/// The results part of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// The report shown: the last finished one, also while a new analysis runs.
    pub report: Rc<Report>,
    /// A new analysis is running: the report shown is about the previous inputs (greyed).
    pub stale: bool,
    /// Files whose role waits for the merchant (see [`AppState::awaiting_role`]).
    pub awaiting_role: Vec<String>,
    /// The findings table; without findings, the "no problem found" panel instead.
    pub show_findings: bool,
}

/// The page for a state.
pub fn page(state: &AppState) -> Page {
    let results = state.report().map(|report| Results {
        report: report.clone(),
        stale: state.needs_analysis(),
        awaiting_role: state.awaiting_role().into_iter().map(str::to_owned).collect(),
        show_findings: !report.findings.is_empty(),
    });
    Page {
        busy: state.pending_loads > 0,
        files: file_views(state),
        show_templates: !state.files.is_empty() || !state.templates.is_empty(),
        show_check: !state.files.is_empty(),
        results,
    }
}

/// The loaded files with how the report shown read them (none yet for a file added since).
pub fn file_views(state: &AppState) -> Vec<FileView> {
    let report = state.report();
    state
        .files
        .iter()
        .map(|f| FileView {
            id: f.id,
            name: f.name.clone(),
            size: f.size,
            inputs: report
                .iter()
                .flat_map(|r| r.inputs.iter().filter(|i| is_read_from(&i.file, &f.name)).cloned())
                .collect(),
            not_read: !state.needs_analysis(),
        })
        .collect()
}

/// True when an input named `input` (`Input.file`) was read from the loaded file `file`: the
/// file itself, or a member of it when it is an archive (the engine names a ZIP member
/// `month.zip/a.csv`).
pub fn is_read_from(input: &str, file: &str) -> bool {
    input.strip_prefix(file).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The callbacks of a file card's role, encoding and column mapping controls.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CardCallbacks {
    /// Choose a role: `(file, role)`, `None` = detect.
    pub on_role: Callback<(String, Option<Role>)>,
    /// Choose an encoding: `(file, encoding)`, `None` = detect.
    pub on_encoding: Callback<(String, Option<String>)>,
    /// Map one column.
    pub on_map: Callback<MapEdit>,
    /// Save a header's mapping as a template.
    pub on_save: Callback<SavedTemplate>,
    /// Say what one of a file's status or type words means.
    pub on_map_value: Callback<ValueEdit>,
}

/// What each file card (by file id) needs to let the merchant correct how its file is read:
/// the role and encoding chosen for it, the saved template names by header signature, and the
/// signatures mapped by hand and not saved.
pub fn card_edits(state: &AppState, callbacks: &CardCallbacks) -> BTreeMap<u64, CardEdit> {
    let templates: BTreeMap<String, String> =
        state.templates.iter().map(|t| (t.header_signature.clone(), t.name.clone())).collect();
    let edited: BTreeSet<String> = state.mapping_edits.keys().cloned().collect();
    let mappings: BTreeMap<String, _> =
        state.mapping_templates().into_iter().map(|t| (t.header_signature.clone(), t)).collect();
    state
        .files
        .iter()
        .map(|f| {
            let edit = CardEdit {
                role_override: state.role_overrides.get(&f.name).copied(),
                encoding_override: state.encoding_overrides.get(&f.name).cloned(),
                templates: templates.clone(),
                edited: edited.clone(),
                on_role: callbacks.on_role.clone(),
                on_encoding: callbacks.on_encoding.clone(),
                on_map: callbacks.on_map.clone(),
                on_save: callbacks.on_save.clone(),
                mappings: mappings.clone(),
                on_map_value: callbacks.on_map_value.clone(),
            };
            (f.id, edit)
        })
        .collect()
}

/// The head of a file card: its role badge and what its frame says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardHead {
    /// The role badge.
    pub badge: RoleBadge,
    /// A sheet (or the file) could not be read: the card is framed as an error.
    pub has_error: bool,
    /// The engine doubts the file's role and the merchant has not chosen one: the card asks.
    pub in_doubt: bool,
}

/// The head of a file card; `edit` is `None` for a read-only card.
pub fn card_head(lang: Lang, file: &FileView, edit: Option<&CardEdit>) -> CardHead {
    CardHead {
        badge: if file.inputs.is_empty() && file.not_read {
            not_read_badge(lang)
        } else {
            role_badge(lang, &file.inputs)
        },
        has_error: file.inputs.iter().any(|input| input.error.is_some()),
        in_doubt: awaiting_role(file, edit).is_some(),
    }
}

/// The input of a file whose role the engine doubts, while the merchant has not chosen one
/// (its rows are not analysed until then).
pub fn awaiting_role<'a>(file: &'a FileView, edit: Option<&CardEdit>) -> Option<&'a Input> {
    if edit.is_some_and(|e| e.role_override.is_some()) {
        return None;
    }
    file.inputs.iter().find(|input| input.role_doubt.is_some())
}

/// The role badge at the top of a file card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleBadge {
    /// The detected role's key (`data-role`), empty when none.
    pub key: &'static str,
    /// What the badge says.
    pub label: &'static str,
    /// Its CSS classes.
    pub class: &'static str,
}

/// The role the engine gave a file (its first sheet with one), "pending" before the first
/// analysis that covers the file, "unknown" when it was read without a role.
pub fn role_badge(lang: Lang, inputs: &[Input]) -> RoleBadge {
    let t = strings(lang);
    match inputs.iter().find_map(|input| input.role) {
        Some(role) => {
            RoleBadge { key: role.as_str(), label: i18n::role(lang, role), class: "role-badge" }
        }
        None if inputs.is_empty() => {
            RoleBadge { key: "", label: t.role_pending, class: "role-badge role-pending" }
        }
        None => RoleBadge { key: "", label: t.role_unknown, class: "role-badge role-unknown" },
    }
}

/// The badge of a file no analysis read (the last one was cancelled).
pub fn not_read_badge(lang: Lang) -> RoleBadge {
    RoleBadge { key: "", label: strings(lang).role_not_read, class: "role-badge role-unknown" }
}

/// The analysis status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    /// Idle, running, done, failed or cancelled, in words.
    pub text: &'static str,
    /// Why the analysis failed, or where a running one is.
    pub detail: Option<String>,
    /// The analysis failed: show what the merchant can do about it.
    pub failed: bool,
    /// A run reads and matches the files: show a progress bar (and a cancel button).
    pub progress: Option<Meter>,
    /// The analysis was cancelled: say so and offer to run it again.
    pub cancelled: bool,
}

/// A progress bar's state: `value` of `max`, or `None` when the stage cannot say how far it is
/// (an indeterminate bar).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meter {
    /// How far, of `max` ([`PROGRESS_MAX`], see [`progress_of`]).
    pub value: Option<(u64, u64)>,
    /// A cancel button beside it (a run; not the rewording of a report shown, which must never
    /// lose the report).
    pub cancellable: bool,
}

/// The progress bar's `max`: the run's work in thousandths.
pub const PROGRESS_MAX: u64 = 1000;

/// How far a run is, in thousandths of its work, from the last stage the worker reported.
///
/// Each stage gets a fixed share of the bar, a rough estimate of its part of a first run:
/// reading the files (decode, detect, parse every row) the most, then matching, diagnosing and
/// the chains. Reading is weighted by bytes, as files differ in size by orders of magnitude; the
/// engine's later stages cannot say how far they are, so each jumps to its start when it
/// begins. The stages come in order, so the bar never goes back within a run.
pub fn progress_of(stage: Option<&Stage>) -> u64 {
    const READ: u64 = 650;
    match stage {
        None => 0,
        Some(Stage::Reading { done_bytes, total_bytes, .. }) => {
            READ * done_bytes.min(total_bytes) / (*total_bytes).max(1)
        }
        Some(Stage::Matching) => READ,
        Some(Stage::Diagnosing) => 820,
        Some(Stage::Chains) => 930,
        Some(Stage::Wording) => 930,
    }
}

/// What the status line says about an analysis.
pub fn status_line(lang: Lang, analysis: &Analysis) -> StatusLine {
    let t = strings(lang);
    let (text, detail) = match analysis {
        Analysis::Idle => (t.status_idle, None),
        Analysis::Running { stage, .. } => {
            (t.status_running, stage.as_ref().map(|s| stage_words(lang, s)))
        }
        Analysis::Done(_) => (t.status_done, None),
        Analysis::Failed(message) => {
            (t.status_error, Some(format!("{}{message}", t.analysis_failed)))
        }
        Analysis::Cancelled => (t.status_cancelled, Some(t.cancelled_hint.to_owned())),
        Analysis::Rewording(_) => (t.status_rewording, None),
    };
    // Wording a finished report again offers no cancel (it must never lose the report); at a
    // million attempts its findings take a moment to reach the page, so it has a bar too.
    let progress = match analysis {
        Analysis::Running { stage, .. } => Some(Meter {
            value: Some((progress_of(stage.as_ref()), PROGRESS_MAX)),
            cancellable: true,
        }),
        Analysis::Rewording(_) => Some(Meter { value: None, cancellable: false }),
        _ => None,
    };
    StatusLine {
        text,
        detail,
        failed: matches!(analysis, Analysis::Failed(_)),
        progress,
        cancelled: *analysis == Analysis::Cancelled,
    }
}

/// Where a running analysis is, in words.
pub fn stage_words(lang: Lang, stage: &Stage) -> String {
    let t = strings(lang);
    match stage {
        Stage::Reading { file, files, name, bytes, .. } => t
            .stage_reading
            .replace("{k}", &file.to_string())
            .replace("{n}", &files.to_string())
            .replace("{name}", name)
            .replace("{size}", &format::file_size(*bytes)),
        Stage::Matching => t.stage_matching.to_owned(),
        Stage::Diagnosing => t.stage_diagnosing.to_owned(),
        Stage::Chains => t.stage_chains.to_owned(),
        Stage::Wording => t.status_rewording.to_owned(),
    }
}

/// Time since the analysis started, `m:ss`, in words (`已用时 1:05`).
pub fn elapsed_words(lang: Lang, elapsed_ms: u64) -> String {
    let secs = elapsed_ms / 1000;
    strings(lang).elapsed.replace("{t}", &format!("{}:{:02}", secs / 60, secs % 60))
}

/// The summary's key figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// Transactions checked.
    pub attempts: u64,
    /// Problems found, every kind together.
    pub findings_total: u64,
    /// Money at stake, in yuan as shown (`1,234.50`).
    pub money_at_risk: String,
    /// Money is at stake: the figure is highlighted.
    pub alert: bool,
}

/// The summary's key figures of a report.
pub fn figures(summary: &Summary) -> Figures {
    Figures {
        attempts: summary.attempts,
        findings_total: summary.findings_by_kind.values().sum(),
        money_at_risk: format::yuan(summary.money_at_risk_cents),
        alert: summary.money_at_risk_cents > 0,
    }
}

/// The cells of a finding's row in the findings table that are worked out from its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingRow {
    /// `high`, `medium` or `low` (its CSS classes).
    pub severity: &'static str,
    /// When: date and clock of the most telling record with a time.
    pub time: Option<(String, String)>,
    /// Else, for a finding about a clearing date with no bank line, that date.
    pub clearing_date: Option<String>,
    /// The terminal of the most telling record with one (empty for a finding about a day).
    pub terminal: String,
    /// The card (masked), or the wallet of a QR payment (empty for a finding about a day).
    pub card_or_wallet: String,
    /// Actions beyond the first, counted as "n more" while the details are closed.
    pub more_actions: usize,
}

/// Where and when a finding happened, as facts: what its row shows, and what the findings'
/// filters and sorts ([`crate::filter`]) compare, so the two never disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowFacts<'a> {
    /// The time of the most telling record with one.
    pub time: Option<NaiveDateTime>,
    /// Else, for a finding about a clearing date with no bank line, that date.
    pub clearing_date: Option<NaiveDate>,
    /// The terminal of the most telling record with one (`None` for a finding about a day).
    pub terminal: Option<&'a str>,
    /// The finding is about a clearing date's total, not one payment.
    pub per_day: bool,
}

impl RowFacts<'_> {
    /// The day the finding is about: its time's date, or the clearing date.
    pub fn date(&self) -> Option<NaiveDate> {
        self.time.map(|t| t.date()).or(self.clearing_date)
    }
}

/// Deposit findings are about a clearing date's total, not one payment; their records are the
/// bank line and every settled row of those dates, so a terminal or card taken from one of those
/// rows would point the merchant at the wrong sale. Their row shows the bank line's time (or the
/// clearing date) and no terminal or card.
pub fn row_facts(finding: &Finding) -> RowFacts<'_> {
    let per_day =
        matches!(finding.kind, Kind::MissingDeposit | Kind::DepositMismatch | Kind::LateDeposit);
    let records = &finding.records;
    let time = if per_day {
        records.iter().find(|r| r.role == Role::BankStatement).and_then(|r| r.time)
    } else {
        records.iter().find_map(|r| r.time)
    };
    let clearing_date =
        finding.dates.settlement_dates.first().copied().filter(|_| per_day && time.is_none());
    let terminal =
        if per_day { None } else { records.iter().find_map(|r| r.terminal_id.as_deref()) };
    RowFacts { time, clearing_date, terminal, per_day }
}

/// A finding's row (see [`row_facts`]).
pub fn finding_row(lang: Lang, finding: &Finding) -> FindingRow {
    let facts = row_facts(finding);
    let card_or_wallet = if facts.per_day { None } else { card_or_wallet(lang, &finding.records) };
    FindingRow {
        severity: i18n::severity_key(finding.severity),
        time: facts
            .time
            .map(|t| (t.format("%Y-%m-%d").to_string(), t.format("%H:%M:%S").to_string())),
        clearing_date: facts.clearing_date.map(|d| d.to_string()),
        terminal: facts.terminal.unwrap_or_default().to_owned(),
        card_or_wallet: card_or_wallet.unwrap_or_default(),
        more_actions: finding.actions.len().saturating_sub(1),
    }
}

/// The card (masked) a finding's records name, or else the wallet a QR payment went through
/// (微信支付 / 支付宝), so a QR finding's row says where to look as a card finding's does.
pub fn card_or_wallet(lang: Lang, records: &[RecordRef]) -> Option<String> {
    records.iter().find_map(|r| r.card_masked.clone()).or_else(|| {
        records
            .iter()
            .filter_map(|r| r.pay_method)
            .find(|m| !matches!(m, PayMethod::Card | PayMethod::Cash | PayMethod::Other))
            .map(|m| i18n::pay_method(lang, m).to_owned())
    })
}

/// Findings per page of the findings table. At 50 rows of about 20 elements each the table
/// stays near a thousand elements whatever the finding count (a month of a busy merchant gave
/// 6,729 findings, 116,000 elements when all were rendered, and froze the page for seconds).
pub const FINDINGS_PER_PAGE: usize = 50;
/// Incident cards per page.
pub const INCIDENTS_PER_PAGE: usize = 10;
/// Terminal health cards per page (a chain of shops has hundreds of terminals).
pub const HEALTH_PER_PAGE: usize = 20;

/// The page of a long list that is shown, and what its pager says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageWindow {
    /// The page shown (0-based): the one asked for, or the last one when the list got shorter.
    pub page: usize,
    /// How many pages (at least 1).
    pub pages: usize,
    /// The rows shown: `start..end` of the list.
    pub start: usize,
    /// One past the last row shown.
    pub end: usize,
    /// `第 1–50 条，共 6,729 条` / `1–50 of 6,729`.
    pub text: String,
}

impl PageWindow {
    /// The rows shown, as a range of the list.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// There is a page before this one.
    pub fn has_previous(&self) -> bool {
        self.page > 0
    }

    /// There is a page after this one.
    pub fn has_next(&self) -> bool {
        self.page + 1 < self.pages
    }

    /// The list spans more than one page: the pager is shown.
    pub fn paged(&self) -> bool {
        self.pages > 1
    }
}

/// Page `asked` of a list of `total` rows, `per_page` a page.
pub fn page_window(lang: Lang, total: usize, per_page: usize, asked: usize) -> PageWindow {
    let per_page = per_page.max(1);
    let pages = total.div_ceil(per_page).max(1);
    let page = asked.min(pages - 1);
    let start = (page * per_page).min(total);
    let end = (start + per_page).min(total);
    let count = |n: usize| format::count(n as u64);
    let text = i18n::list_strings(lang)
        .range
        .replace("{from}", &count(if total == 0 { 0 } else { start + 1 }))
        .replace("{to}", &count(end))
        .replace("{total}", &count(total));
    PageWindow { page, pages, start, end, text }
}

/// The terminal health cards in the order shown: the terminals the engine flagged (with a
/// note) first, then the others, each group in the report's order (by terminal id). With the
/// cards paged, a failing terminal among hundreds is on the first page.
pub fn health_order(terminals: &[TerminalHealthRow]) -> Vec<&TerminalHealthRow> {
    let (flagged, others): (Vec<_>, Vec<_>) = terminals.iter().partition(|t| t.note.is_some());
    flagged.into_iter().chain(others).collect()
}

/// Notes a file card lists before anything is asked for.
pub const NOTES_SHOWN: usize = 3;
/// Notes each "show more" adds.
pub const NOTES_STEP: usize = 50;

/// How much of a file card's notes list is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotesWindow {
    /// The first `shown` notes are listed.
    pub shown: usize,
    /// `还有 {n} 条` under the list; `None` when every note is listed.
    pub hidden: Option<String>,
    /// The button listing more: `再显示 50 条` (fewer when fewer are left).
    pub more: Option<String>,
}

/// A notes list of `total` after "show more" was pressed `opened` times: the first
/// [`NOTES_SHOWN`], then [`NOTES_STEP`] more a press. The card grows only as the merchant asks,
/// never with the file.
pub fn notes_window(lang: Lang, total: usize, opened: usize) -> NotesWindow {
    let words = i18n::list_strings(lang);
    let shown = NOTES_SHOWN.saturating_add(opened.saturating_mul(NOTES_STEP)).min(total);
    let left = total - shown;
    NotesWindow {
        shown,
        hidden: (left > 0).then(|| i18n::with_n(words.more_notes, format::count(left as u64))),
        more: (left > 0).then(|| i18n::with_n(words.show_more, left.min(NOTES_STEP))),
    }
}

/// The cells of a record's row (in a finding's details or a check's verdict) that are worked
/// out from several fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordCells {
    /// The file, with the sheet of a workbook: `流水.xlsx [Sheet1]`.
    pub file: String,
    /// The shop's order number, then the wallet's own (what its support line asks for).
    pub order_ids: String,
    /// The card (masked), or else how it was paid.
    pub card: String,
    /// Response code and text: `51 余额不足`.
    pub response: String,
}

/// The cells of a record's row.
pub fn record_cells(lang: Lang, record: &RecordRef) -> RecordCells {
    let response = match (&record.response_code, &record.response_text) {
        (Some(code), Some(text)) if !code.is_empty() => format!("{code} {text}"),
        (_, Some(text)) => text.clone(),
        (Some(code), None) => code.clone(),
        (None, None) => String::new(),
    };
    let order_ids = [&record.order_id, &record.channel_order_id]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" / ");
    let card = match (&record.card_masked, record.pay_method) {
        (Some(card), _) => card.clone(),
        (None, Some(m)) => i18n::pay_method(lang, m).to_owned(),
        (None, None) => String::new(),
    };
    let file = match &record.sheet {
        Some(sheet) => format!("{} [{sheet}]", record.file),
        None => record.file.clone(),
    };
    RecordCells { file, order_ids, card, response }
}

/// What "no problem found" may claim about a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoFindingsView {
    /// No file could be read (or given a role): nothing was checked, so nothing is "clear".
    pub nothing_read: bool,
    /// Some files could not be read: the all-clear does not cover them.
    pub partial: bool,
}

/// What "no problem found" may claim: all clear, all clear except for unreadable files, or
/// nothing readable at all.
pub fn no_findings(report: &Report) -> NoFindingsView {
    let inputs = &report.inputs;
    let unreadable = inputs.iter().filter(|i| i.error.is_some() || i.role.is_none()).count();
    let nothing_read = unreadable == inputs.len();
    NoFindingsView { nothing_read, partial: !nothing_read && unreadable > 0 }
}

/// The export bar: its state, its buttons and its status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportBarView {
    /// `idle`, `running` or `error` (the `data-state` hook).
    pub state_key: &'static str,
    /// One button per format, in [`ExportFormat::ALL`]'s order.
    pub buttons: Vec<ExportButton>,
    /// Below the buttons: the running line, or why the last export failed.
    pub status: Option<ExportStatus>,
    /// The run's chat text (复制微信文本) is being rendered.
    pub run_text_busy: bool,
}

/// One export button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportButton {
    /// Its format.
    pub format: ExportFormat,
    /// What it says.
    pub label: &'static str,
    /// This format is being exported.
    pub busy: bool,
    /// An export is running: every button waits.
    pub disabled: bool,
}

/// The export bar's status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportStatus {
    /// "Preparing the file…"
    Running(&'static str),
    /// "Export failed: …"
    Failed(String),
}

/// The export bar for where the last export stands.
pub fn export_bar(lang: Lang, export: &Export) -> ExportBarView {
    let t = strings(lang);
    let running = match export {
        Export::Running(target) => Some(target),
        Export::Idle | Export::Failed(_) => None,
    };
    let (state_key, status) = match export {
        Export::Idle => ("idle", None),
        Export::Running(_) => ("running", Some(ExportStatus::Running(t.export_running))),
        Export::Failed(message) => {
            ("error", Some(ExportStatus::Failed(format!("{}{message}", t.export_failed))))
        }
    };
    let label = |format: ExportFormat| match format {
        ExportFormat::Xlsx => t.export_xlsx,
        ExportFormat::Csv => t.export_csv,
        ExportFormat::Html => t.export_html,
        ExportFormat::Json => t.export_json,
    };
    let buttons = ExportFormat::ALL
        .into_iter()
        .map(|format| ExportButton {
            format,
            label: label(format),
            busy: running == Some(&ExportTarget::Report(format)),
            disabled: running.is_some(),
        })
        .collect();
    let run_text_busy = running == Some(&ExportTarget::RunText);
    ExportBarView { state_key, buttons, status, run_text_busy }
}

#[cfg(test)]
mod tests {
    use super::*;

    use chrono::NaiveDate;
    use posrecon_engine::report::SCHEMA;
    use serde_json::json;
    use yew::Reducible;

    use crate::mapping::UserSettings;
    use crate::state::Action;

    fn reduce(state: AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn files(names: &[&str]) -> Action {
        Action::FilesAdded(
            names
                .iter()
                .map(|n| crate::state::NewFile {
                    name: n.to_string(),
                    size: n.len() as u64,
                    blob: Default::default(),
                    modified: None,
                })
                .collect(),
        )
    }

    /// An input of the report contract for `file`, with `role` (a JSON value) and extra fields.
    fn input(file: &str, role: &str, extra: &str) -> String {
        format!(
            r#"{{"file": "{file}", "sheet": null, "sha256": "00", "bytes": 10, "format": "csv",
                "encoding": "utf-8", "role": {role}, "role_confidence": 0.9, "dialect": null,
                "header_line": 1, "data_rows": 2, "skipped_rows": [], "rejected_rows": [],
                "coverage": null, "columns": {{}} {extra}}}"#
        )
    }

    fn inputs(list: &[String]) -> Vec<Input> {
        serde_json::from_str(&format!("[{}]", list.join(","))).expect("inputs match the contract")
    }

    fn report(inputs: Vec<Input>, by_kind: &[(Kind, u64)], at_risk: i64) -> Rc<Report> {
        Rc::new(Report {
            schema: SCHEMA.to_owned(),
            generated_by: "posrecon test".to_owned(),
            as_of: NaiveDate::from_ymd_opt(2026, 11, 17).unwrap(),
            lang: "zh".to_owned(),
            settings: Default::default(),
            merchant: Default::default(),
            inputs,
            summary: Summary {
                attempts: 12,
                findings_by_kind: by_kind.iter().copied().collect(),
                money_at_risk_cents: at_risk,
            },
            findings: Vec::new(),
            incidents: Vec::new(),
            chains: Vec::new(),
            cardholder_declines: None,
            terminal_health: None,
        })
    }

    fn analysed(state: AppState, report: Rc<Report>) -> AppState {
        let revision = state.revision;
        reduce(state, [Action::AnalysisFinished { revision, outcome: Ok(report) }])
    }

    #[test]
    fn an_empty_page_shows_the_intro_and_no_panels() {
        let page = page(&AppState::default());
        assert!(!page.busy);
        assert!(page.files.is_empty());
        assert!(!page.show_templates);
        assert!(!page.show_check, "the intro text instead of the check form");
        assert_eq!(page.results, None);
    }

    #[test]
    fn saved_templates_show_their_panel_before_any_file() {
        let saved = SavedTemplate {
            name: "收银机".into(),
            source_file: "till.csv".into(),
            header_signature: "when|money".into(),
            role: None,
            columns: BTreeMap::new(),
            ..SavedTemplate::default()
        };
        let state = AppState::with_saved(vec![saved], UserSettings::default());
        let page = page(&state);
        assert!(page.show_templates);
        assert!(!page.show_check);
    }

    #[test]
    fn loading_shows_busy_until_the_last_load_ends() {
        let state = reduce(AppState::default(), [Action::LoadStarted, Action::LoadStarted]);
        assert!(page(&state).busy);
        let state = reduce(state, [Action::LoadFinished]);
        assert!(page(&state).busy, "one load still in flight");
        let state = reduce(state, [Action::LoadFinished]);
        assert!(!page(&state).busy);
    }

    #[test]
    fn files_show_their_cards_and_the_check_form_before_any_report() {
        let state = reduce(AppState::default(), [files(&["pos.csv", "bank.csv"])]);
        let page = page(&state);
        let names: Vec<&str> = page.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["pos.csv", "bank.csv"]);
        assert_eq!(page.files[0].size, 7, "the bytes loaded");
        assert!(page.files.iter().all(|f| f.inputs.is_empty()), "not read yet");
        assert!(page.show_templates && page.show_check);
        assert_eq!(page.results, None, "no report while the first analysis runs");
    }

    #[test]
    fn a_report_fills_each_card_with_its_own_inputs_and_shows_the_results() {
        let state = reduce(AppState::default(), [files(&["pos.csv", "bank.csv"])]);
        let read = inputs(&[
            input("bank.csv", r#""bank_statement""#, ""),
            input("pos.csv", r#""terminal_log""#, ""),
            input("gone.csv", r#""terminal_log""#, ""),
        ]);
        let state = analysed(state, report(read, &[], 0));
        let page = page(&state);
        let cards: Vec<(&str, Vec<&str>)> = page
            .files
            .iter()
            .map(|f| (f.name.as_str(), f.inputs.iter().map(|i| i.file.as_str()).collect()))
            .collect();
        assert_eq!(cards, [("pos.csv", vec!["pos.csv"]), ("bank.csv", vec!["bank.csv"])]);
        let results = page.results.expect("a report");
        assert!(!results.stale);
        assert!(!results.show_findings, "no findings: the no-problem panel");
        assert!(results.awaiting_role.is_empty());
    }

    #[test]
    fn while_a_new_analysis_runs_the_previous_report_stays_greyed() {
        let state = reduce(AppState::default(), [files(&["pos.csv"])]);
        let state = analysed(state, report(Vec::new(), &[], 0));
        let state = reduce(state, [Action::ToggleLang]);
        let results = page(&state).results.expect("the previous report stays");
        assert!(results.stale);
        // Clearing the files hides the results with the cards.
        let state = reduce(state, [Action::ClearFiles]);
        let page = page(&state);
        assert_eq!(page.results, None);
        assert!(page.files.is_empty() && !page.show_check);
    }

    #[test]
    fn a_file_in_doubt_is_named_in_the_results_until_its_role_is_chosen() {
        let state = reduce(AppState::default(), [files(&["list.csv"])]);
        let doubt = r#", "role_doubt": {"reason": "low_confidence", "detail": "only times"}"#;
        let read = inputs(&[input("list.csv", r#""terminal_log""#, doubt)]);
        let state = analysed(state, report(read, &[], 0));
        assert_eq!(page(&state).results.expect("a report").awaiting_role, ["list.csv"]);
        let state = reduce(
            state,
            [Action::SetRole { file: "list.csv".into(), role: Some(Role::TerminalLog) }],
        );
        assert!(page(&state).results.expect("a report").awaiting_role.is_empty());
    }

    #[test]
    fn every_card_gets_its_own_choices_and_the_shared_template_names() {
        let state = reduce(
            AppState::default(),
            [
                files(&["pos.csv", "bank.csv"]),
                Action::SetRole { file: "bank.csv".into(), role: Some(Role::BankStatement) },
                Action::SetEncoding { file: "pos.csv".into(), encoding: Some("gb18030".into()) },
                Action::MapColumn {
                    signature: "when|money".into(),
                    current: BTreeMap::new(),
                    header: "When".into(),
                    field: Some("time".into()),
                },
                Action::ImportTemplates(vec![SavedTemplate {
                    name: "银行".into(),
                    source_file: "bank.csv".into(),
                    header_signature: "date|amount".into(),
                    role: Some(Role::BankStatement),
                    columns: BTreeMap::new(),
                    ..SavedTemplate::default()
                }]),
            ],
        );
        let edits = card_edits(&state, &CardCallbacks::default());
        let pos = &edits[&state.files[0].id];
        let bank = &edits[&state.files[1].id];
        assert_eq!((pos.role_override, pos.encoding_override.as_deref()), (None, Some("gb18030")));
        assert_eq!(
            (bank.role_override, bank.encoding_override.as_deref()),
            (Some(Role::BankStatement), None)
        );
        for edit in [pos, bank] {
            assert_eq!(edit.templates.get("date|amount").map(String::as_str), Some("银行"));
            assert!(edit.edited.contains("when|money"));
            assert_eq!(edit.edited.len(), 1);
        }
    }

    #[test]
    fn the_role_badge_says_pending_before_reading_and_unknown_without_a_role() {
        let pending = role_badge(Lang::Zh, &[]);
        assert_eq!(
            (pending.label, pending.class, pending.key),
            ("识别中…", "role-badge role-pending", "")
        );
        let unknown = role_badge(Lang::Zh, &inputs(&[input("x.csv", "null", "")]));
        assert_eq!((unknown.label, unknown.class), ("未识别", "role-badge role-unknown"));
        // A workbook takes the role of its first sheet that has one.
        let read =
            inputs(&[input("x.xlsx", "null", ""), input("x.xlsx", r#""bank_statement""#, "")]);
        let known = role_badge(Lang::En, &read);
        assert_eq!(known.key, "bank_statement");
        assert_eq!(known.label, i18n::role(Lang::En, Role::BankStatement));
        assert_eq!(known.class, "role-badge");
    }

    #[test]
    fn a_card_in_doubt_asks_until_a_role_is_chosen() {
        let doubt = r#", "role_doubt": {"reason": "low_confidence", "detail": "only times"}"#;
        let file = FileView {
            id: 0,
            name: "list.xlsx".into(),
            size: 10,
            inputs: inputs(&[
                input("list.xlsx", "null", ""),
                input("list.xlsx", r#""order_list""#, doubt),
            ]),
            not_read: false,
        };
        let head = card_head(Lang::Zh, &file, None);
        assert!(head.in_doubt && !head.has_error);
        assert_eq!(head.badge.key, "order_list");
        assert_eq!(awaiting_role(&file, None).map(|i| i.role), Some(Some(Role::OrderList)));
        let undecided = CardEdit::default();
        assert!(card_head(Lang::Zh, &file, Some(&undecided)).in_doubt);
        let chosen = CardEdit { role_override: Some(Role::TerminalLog), ..CardEdit::default() };
        assert!(!card_head(Lang::Zh, &file, Some(&chosen)).in_doubt);
        let sure = FileView { inputs: inputs(&[input("a.csv", r#""order_list""#, "")]), ..file };
        assert!(!card_head(Lang::Zh, &sure, None).in_doubt);
    }

    #[test]
    fn the_status_line_says_why_an_analysis_failed() {
        let running = status_line(Lang::Zh, &Analysis::Running { previous: None, stage: None });
        assert_eq!(
            running,
            StatusLine {
                text: "正在分析…",
                detail: None,
                failed: false,
                progress: Some(Meter { value: Some((0, PROGRESS_MAX)), cancellable: true }),
                cancelled: false,
            }
        );
        let failed = status_line(Lang::Zh, &Analysis::Failed("worker crashed".into()));
        assert_eq!(failed.text, "分析出错");
        assert_eq!(failed.detail.as_deref(), Some("分析没有完成：worker crashed"));
        assert!(failed.failed);
        assert_eq!(status_line(Lang::En, &Analysis::Idle).text, "No files loaded");
    }

    #[test]
    fn a_running_analysis_shows_which_file_it_reads_and_how_far() {
        let reading = Stage::Reading {
            file: 2,
            files: 3,
            name: "流水.csv".into(),
            bytes: 50 * 1024 * 1024,
            done_bytes: 150,
            total_bytes: 300,
        };
        let line = status_line(
            Lang::Zh,
            &Analysis::Running { previous: None, stage: Some(reading.clone()) },
        );
        assert_eq!(line.detail.as_deref(), Some("正在读取第 2/3 个文件：流水.csv（50.0 MB）"));
        // Half of the bytes read: half of the reading's share of the bar.
        assert_eq!(line.progress, Some(Meter { value: Some((325, 1000)), cancellable: true }));
        let en = status_line(Lang::En, &Analysis::Running { previous: None, stage: Some(reading) });
        assert_eq!(en.detail.as_deref(), Some("Reading file 2 of 3: 流水.csv (50.0 MB)"));
        // The engine's stages say what it does, each moving the bar to its share.
        let engine = Analysis::Running { previous: None, stage: Some(Stage::Matching) };
        let line = status_line(Lang::En, &engine);
        assert_eq!(line.detail.as_deref(), Some("Matching transactions…"));
        let zh = status_line(
            Lang::Zh,
            &Analysis::Running { previous: None, stage: Some(Stage::Diagnosing) },
        );
        assert_eq!(zh.detail.as_deref(), Some("正在诊断问题…"));
        assert_eq!(line.progress, Some(Meter { value: Some((650, 1000)), cancellable: true }));
        assert_eq!(zh.progress, Some(Meter { value: Some((820, 1000)), cancellable: true }));
        assert_eq!(elapsed_words(Lang::Zh, 65_400), "已用时 1:05");
        assert_eq!(elapsed_words(Lang::En, 3_000), "0:03 elapsed");
    }

    #[test]
    fn the_bar_moves_forward_through_every_stage_of_a_run() {
        let reading = |done_bytes| Stage::Reading {
            file: 1,
            files: 1,
            name: "a.csv".into(),
            bytes: 900,
            done_bytes,
            total_bytes: 1000,
        };
        let stages = [
            None,
            Some(reading(0)),
            Some(reading(100)),
            Some(reading(1000)),
            Some(Stage::Matching),
            Some(Stage::Diagnosing),
            Some(Stage::Chains),
        ];
        let values: Vec<u64> = stages.iter().map(|s| progress_of(s.as_ref())).collect();
        assert_eq!(values, [0, 0, 65, 650, 650, 820, 930]);
        assert!(values.iter().all(|v| *v < PROGRESS_MAX), "full only when the report is there");
    }

    #[test]
    fn switching_language_after_a_run_shows_a_bar_without_cancel() {
        let line = status_line(Lang::Zh, &Analysis::Rewording(report(Vec::new(), &[], 0)));
        assert_eq!(line.text, "正在切换语言…");
        assert_eq!(line.progress, Some(Meter { value: None, cancellable: false }));
        assert!(!line.cancelled && !line.failed);
    }

    #[test]
    fn a_cards_inputs_include_an_archives_members_and_a_cancel_says_not_read() {
        assert!(is_read_from("month.zip", "month.zip"));
        assert!(is_read_from("month.zip/银行流水.csv", "month.zip"));
        assert!(!is_read_from("month.zip.csv", "month.zip"));
        assert!(!is_read_from("a.csv", "month.zip"));
        let file =
            FileView { id: 1, name: "a.csv".into(), size: 3, inputs: Vec::new(), not_read: true };
        assert_eq!(card_head(Lang::Zh, &file, None).badge.label, "未读取（分析已取消）");
        let reading = FileView { not_read: false, ..file };
        assert_eq!(card_head(Lang::En, &reading, None).badge.label, "Detecting…");
    }

    #[test]
    fn a_cancelled_analysis_says_so_and_shows_no_bar() {
        let line = status_line(Lang::Zh, &Analysis::Cancelled);
        assert_eq!(line.text, "分析已取消");
        assert!(line.cancelled && line.progress.is_none() && !line.failed);
        assert_eq!(status_line(Lang::En, &Analysis::Cancelled).text, "Analysis cancelled");
    }

    #[test]
    fn the_figures_add_up_the_kinds_and_flag_money_at_stake() {
        let report = report(
            Vec::new(),
            &[(Kind::MissingSettlement, 2), (Kind::DuplicateCharge, 1)],
            123_450,
        );
        let figures = figures(&report.summary);
        assert_eq!(figures.attempts, 12);
        assert_eq!(figures.findings_total, 3);
        assert_eq!(figures.money_at_risk, format::yuan(123_450));
        assert!(figures.alert);
        let calm = super::figures(&Summary {
            attempts: 0,
            findings_by_kind: BTreeMap::new(),
            money_at_risk_cents: 0,
        });
        assert_eq!((calm.findings_total, calm.alert), (0, false));
    }

    /// A record of the report contract: a card sale on terminal 10090001 cleared 2026-11-11,
    /// with the fields of `over` replacing or adding to it.
    fn record(file: &str, role: &str, over: serde_json::Value) -> serde_json::Value {
        let mut record = json!({
            "file": file, "sheet": null, "line": 8, "role": role, "time": null,
            "amount_cents": 19900, "type": "sale", "terminal_id": "10090001",
            "merchant_id": null, "batch_no": null, "stan": "000107", "rrn": null,
            "auth_code": null, "card_masked": "622848******5566", "order_id": null,
            "response_code": null, "response_text": null, "settlement_date": "2026-11-11"
        });
        for (key, value) in over.as_object().expect("an object").clone() {
            record[key] = value;
        }
        record
    }

    fn finding(kind: &str, records: Vec<serde_json::Value>, actions: usize) -> Finding {
        let actions: Vec<String> = (1..=actions).map(|n| format!("action {n}")).collect();
        serde_json::from_value(json!({
            "id": "F0001", "kind": kind, "severity": "high", "amount_cents": 19900,
            "confidence": 0.9, "cause": null, "incident_id": null, "title": "t",
            "explanation": "", "records": records,
            "dates": {"settlement_dates": ["2026-11-11"], "expected_deposit_date": null,
                      "escalate_after": null},
            "evidence": [], "actions": actions
        }))
        .expect("a finding of the report contract")
    }

    #[test]
    fn a_payment_finding_row_names_its_time_terminal_and_card() {
        let till = record("till.csv", "terminal_log", json!({"card_masked": null}));
        let acquirer =
            record("acq.csv", "acquirer_statement", json!({"time": "2026-11-11T11:00:30"}));
        let row = finding_row(Lang::Zh, &finding("missing_settlement", vec![till, acquirer], 3));
        assert_eq!(row.severity, "high");
        assert_eq!(row.time, Some(("2026-11-11".to_owned(), "11:00:30".to_owned())));
        assert_eq!(row.clearing_date, None);
        assert_eq!(row.terminal, "10090001");
        assert_eq!(row.card_or_wallet, "622848******5566");
        assert_eq!(row.more_actions, 2);
    }

    #[test]
    fn a_qr_finding_row_names_the_wallet_where_a_card_would_be() {
        let bill = record(
            "wechat.csv",
            "wallet_bill",
            json!({"time": "2026-11-09T10:05:00", "card_masked": null, "pay_method": "wechat"}),
        );
        let row = finding_row(Lang::Zh, &finding("duplicate_charge", vec![bill], 1));
        assert_eq!(row.card_or_wallet, i18n::pay_method(Lang::Zh, PayMethod::Wechat));
        assert_eq!(row.more_actions, 0);
    }

    #[test]
    fn a_deposit_finding_row_points_at_no_single_sale() {
        // The settled rows of the day carry a terminal, a card and a time: none of them is shown.
        let settled =
            record("acq.csv", "acquirer_statement", json!({"time": "2026-11-11T11:00:30"}));
        let row = finding_row(Lang::Zh, &finding("missing_deposit", vec![settled.clone()], 5));
        assert_eq!(row.time, None);
        assert_eq!(row.clearing_date.as_deref(), Some("2026-11-11"), "the clearing date instead");
        assert_eq!((row.terminal.as_str(), row.card_or_wallet.as_str()), ("", ""));
        // With the bank line, its time.
        let bank = record("bank.csv", "bank_statement", json!({"time": "2026-11-12T09:30:00"}));
        let row = finding_row(Lang::Zh, &finding("deposit_mismatch", vec![settled, bank], 1));
        assert_eq!(row.time, Some(("2026-11-12".to_owned(), "09:30:00".to_owned())));
        assert_eq!(row.clearing_date, None);
    }

    #[test]
    fn a_record_row_joins_order_ids_response_and_sheet() {
        let bill: RecordRef = serde_json::from_value(record(
            "流水.xlsx",
            "wallet_bill",
            json!({
                "sheet": "Sheet1", "card_masked": null, "order_id": "T123",
                "channel_order_id": "4200001", "pay_method": "wechat",
                "response_code": "", "response_text": "支付失败"
            }),
        ))
        .expect("a record of the contract");
        let cells = record_cells(Lang::Zh, &bill);
        assert_eq!(cells.file, "流水.xlsx [Sheet1]");
        assert_eq!(cells.order_ids, "T123 / 4200001");
        assert_eq!(cells.card, i18n::pay_method(Lang::Zh, PayMethod::Wechat));
        assert_eq!(cells.response, "支付失败", "an empty code is not shown");
        let declined: RecordRef = serde_json::from_value(record(
            "pos.csv",
            "terminal_log",
            json!({"response_code": "51", "response_text": "余额不足"}),
        ))
        .expect("a record of the contract");
        let cells = record_cells(Lang::Zh, &declined);
        assert_eq!((cells.file.as_str(), cells.order_ids.as_str()), ("pos.csv", ""));
        assert_eq!(cells.card, "622848******5566");
        assert_eq!(cells.response, "51 余额不足");
    }

    #[test]
    fn no_findings_is_all_clear_only_for_what_was_read() {
        let read = |roles: &[&str]| {
            let list: Vec<String> = roles.iter().map(|r| input("f.csv", r, "")).collect();
            report(inputs(&list), &[], 0)
        };
        let clear = no_findings(&read(&[r#""terminal_log""#, r#""bank_statement""#]));
        assert_eq!(clear, NoFindingsView { nothing_read: false, partial: false });
        let partial = no_findings(&read(&[r#""terminal_log""#, "null"]));
        assert_eq!(partial, NoFindingsView { nothing_read: false, partial: true });
        let nothing = no_findings(&read(&["null"]));
        assert_eq!(nothing, NoFindingsView { nothing_read: true, partial: false });
    }

    #[test]
    fn the_findings_table_shows_fifty_rows_a_page_and_says_which() {
        let first = page_window(Lang::Zh, 6_729, FINDINGS_PER_PAGE, 0);
        assert_eq!((first.range(), first.pages), (0..50, 135));
        assert_eq!(first.text, "第 1–50 条，共 6,729 条");
        assert!(!first.has_previous() && first.has_next() && first.paged());
        let third = page_window(Lang::En, 6_729, FINDINGS_PER_PAGE, 2);
        assert_eq!(third.range(), 100..150);
        assert_eq!(third.text, "101–150 of 6,729");
        assert!(third.has_previous() && third.has_next());
        // The last page holds what is left.
        let last = page_window(Lang::Zh, 6_729, FINDINGS_PER_PAGE, 134);
        assert_eq!(last.range(), 6_700..6_729);
        assert_eq!(last.text, "第 6,701–6,729 条，共 6,729 条");
        assert!(last.has_previous() && !last.has_next());
    }

    #[test]
    fn a_page_past_the_end_shows_the_last_one_and_a_short_list_needs_no_pager() {
        // Page 9 asked for, then a new report with 120 findings: page 3 of 3.
        let clamped = page_window(Lang::En, 120, FINDINGS_PER_PAGE, 9);
        assert_eq!((clamped.page, clamped.range()), (2, 100..120));
        assert_eq!(clamped.text, "101–120 of 120");
        let short = page_window(Lang::Zh, 7, HEALTH_PER_PAGE, 0);
        assert_eq!((short.range(), short.paged()), (0..7, false));
        assert_eq!(short.text, "第 1–7 条，共 7 条");
        let empty = page_window(Lang::En, 0, INCIDENTS_PER_PAGE, 3);
        assert_eq!((empty.page, empty.range(), empty.paged()), (0, 0..0, false));
        assert_eq!(empty.text, "0–0 of 0");
    }

    #[test]
    fn flagged_terminals_come_first_so_the_pager_never_hides_one() {
        let row = |id: &str, flagged: bool| -> TerminalHealthRow {
            let note = flagged.then(|| json!({"title": "drops", "evidence": [], "actions": []}));
            serde_json::from_value(json!({
                "terminal_id": id, "attempts": 10, "approved": 9, "declined": 0, "dropped": 1,
                "drop_rate": 0.1, "days": [], "note": note
            }))
            .expect("a health row of the contract")
        };
        let mut terminals: Vec<TerminalHealthRow> =
            (0..45).map(|n| row(&format!("T{n:03}"), false)).collect();
        terminals[41] = row("T041", true);
        terminals[7] = row("T007", true);
        let ordered: Vec<&str> =
            health_order(&terminals).iter().map(|t| t.terminal_id.as_str()).collect();
        assert_eq!(&ordered[..4], ["T007", "T041", "T000", "T001"]);
        assert_eq!(ordered.len(), 45, "every terminal is still listed");
        let first_page = page_window(Lang::Zh, ordered.len(), HEALTH_PER_PAGE, 0);
        assert!(ordered[first_page.range()].contains(&"T041"));
    }

    #[test]
    fn a_file_cards_notes_open_fifty_more_at_a_time() {
        let closed = notes_window(Lang::Zh, 1_204, 0);
        assert_eq!(closed.shown, 3);
        assert_eq!(closed.hidden.as_deref(), Some("还有 1,201 条"));
        assert_eq!(closed.more.as_deref(), Some("再显示 50 条"));
        let opened = notes_window(Lang::En, 1_204, 2);
        assert_eq!(opened.shown, 103);
        assert_eq!(opened.hidden.as_deref(), Some("1,101 more"));
        assert_eq!(opened.more.as_deref(), Some("Show 50 more"));
        // The last press lists what is left, and then nothing is offered.
        let nearly = notes_window(Lang::En, 60, 1);
        assert_eq!((nearly.shown, nearly.more.as_deref()), (53, Some("Show 7 more")));
        let all = notes_window(Lang::Zh, 60, 2);
        assert_eq!((all.shown, all.hidden, all.more), (60, None, None));
        let few = notes_window(Lang::Zh, 2, 0);
        assert_eq!((few.shown, few.hidden), (2, None));
    }

    #[test]
    fn while_an_export_runs_every_button_waits_and_a_failure_says_why() {
        let idle = export_bar(Lang::Zh, &Export::Idle);
        assert_eq!((idle.state_key, &idle.status), ("idle", &None));
        assert_eq!(idle.buttons.len(), ExportFormat::ALL.len());
        assert!(idle.buttons.iter().all(|b| !b.busy && !b.disabled));
        let running = export_bar(Lang::Zh, &Export::Running(ExportFormat::Csv.into()));
        assert_eq!(running.state_key, "running");
        let busy: Vec<ExportFormat> =
            running.buttons.iter().filter(|b| b.busy).map(|b| b.format).collect();
        assert_eq!(busy, [ExportFormat::Csv]);
        assert!(running.buttons.iter().all(|b| b.disabled));
        assert_eq!(running.status, Some(ExportStatus::Running("正在生成文件…")));
        let failed = export_bar(Lang::En, &Export::Failed("quota".into()));
        assert_eq!(failed.state_key, "error");
        assert_eq!(failed.status, Some(ExportStatus::Failed("Export failed: quota".into())));
        assert!(failed.buttons.iter().all(|b| !b.disabled), "a failure does not block a retry");
        assert_eq!(failed.buttons[0].label, "Export Excel");
    }
}
