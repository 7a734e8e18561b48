//! The whole UI state and the one reducer that changes it.
//!
//! Pure: no browser calls, no clock, no worker. The app dispatches [`Action`]s from events and
//! worker replies; everything the page shows is derived from [`AppState`]. The tests at the
//! bottom run natively with plain `#[test]`.
//!
//! Analysis bookkeeping: every change to the inputs (files, roles, encodings, mappings,
//! settings) bumps [`AppState::revision`] and marks the analysis as running. The app sends the
//! revision along with the files to the worker, and a reply is accepted only if its revision is
//! still the current one, so a slow reply for an older file set can never overwrite a newer
//! result.
//!
//! The language is not an input of the analysis, only of its words: switching it never restarts
//! or cancels a run and never takes a report off the screen. During a run it changes nothing but
//! the page's words (the run finishes in the language it started in); a finished report in
//! another language than the page's is kept on screen while the worker words it again from the
//! files it keeps matched ([`Analysis::Rewording`], a new revision, no cancel offered).
//!
//! "A customer says they paid" works the same way with its own counter: submitting the form
//! snapshots it ([`AppState::check_submitted`]) and bumps [`AppState::check_seq`]; only the reply
//! for the current number is shown. A check is asked only of analysed files: submitted while an
//! analysis runs, or after one was cancelled, it waits ([`Check::Waiting`], the form says why)
//! and is asked when the report arrives, so it never makes the worker read the files unseen. A
//! new file set or language re-runs the submitted check.

use std::collections::BTreeSet;
use std::rc::Rc;

use posrecon_engine::Lang;
use posrecon_engine::check::CheckResult;
use posrecon_engine::report::Report;
use yew::Reducible;

use crate::agent::Stage;
use crate::export::ExportTarget;
use crate::mapping::{SavedTemplate, SettingsField, UserSettings};
use posrecon_engine::ingest::MappingTemplate;
use posrecon_engine::model::Role;
use posrecon_engine::report::redact::Redaction;
use posrecon_engine::report::steps::{DepositDay, StepLine};
use std::collections::BTreeMap;

/// The browser's handle on a loaded file's bytes: the dropped `File` or the demo's `Blob`.
///
/// The page never copies a file into its own memory: it keeps this handle, shows the name and
/// size, and posts the handle to the worker (a structured clone of a `Blob` is a reference). Two
/// handles are equal when they are the same handle. Empty in the native tests.
#[derive(Clone, Default)]
pub struct FileBlob(Option<Rc<web_sys::Blob>>);

impl FileBlob {
    /// Wraps a browser `Blob` (a `File` is one).
    pub fn new(blob: web_sys::Blob) -> Self {
        FileBlob(Some(Rc::new(blob)))
    }

    /// The browser's handle, if any.
    pub fn blob(&self) -> Option<&web_sys::Blob> {
        self.0.as_deref()
    }
}

impl PartialEq for FileBlob {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

impl std::fmt::Debug for FileBlob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "FileBlob" } else { "FileBlob(empty)" })
    }
}

/// A file just read or fetched, before the reducer gives it an id.
#[derive(Debug, Clone, PartialEq)]
pub struct NewFile {
    /// File name as given (no directories).
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its bytes, as the browser holds them.
    pub blob: FileBlob,
    /// The file's last-modified time (ms since the epoch) when the browser gives one (a dropped
    /// or kept `File`; not the demo's `Blob`s): with the size, it tells the same file dropped
    /// again from another file of the same name.
    pub modified: Option<f64>,
}

/// One file the merchant loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFile {
    /// Stable id for keys and removal, and the file's name in the worker (never reused).
    pub id: u64,
    /// File name as given (no directories).
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its bytes, as the browser holds them (sent to the worker once).
    pub blob: FileBlob,
    /// Last-modified time (ms since the epoch), when the browser gave one.
    pub modified: Option<f64>,
}

impl LoadedFile {
    /// Whether `file`, of the same name, is this file dropped again (the same size and the
    /// same modification time, or neither has one: the demo fetched again), rather than another
    /// file that happens to share the name (two terminals' `交易明细.csv`, a re-export).
    fn is_same_file(&self, file: &NewFile) -> bool {
        self.size == file.size && self.modified == file.modified
    }
}

/// Whether a loaded file's `name` is `added` or the numbered name a file of that name was given
/// (`交易明细 (2).csv` for `交易明细.csv`).
fn is_named_as(name: &str, added: &str) -> bool {
    let (stem, ext) = match added.rfind('.') {
        Some(dot) if dot > 0 => added.split_at(dot),
        _ => (added, ""),
    };
    let number = name
        .strip_prefix(stem)
        .and_then(|rest| rest.strip_prefix(" ("))
        .and_then(|rest| rest.strip_suffix(ext))
        .and_then(|rest| rest.strip_suffix(')'));
    name == added || number.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `name` with ` (n)` before its extension (`交易明细.csv` -> `交易明细 (2).csv`), the way
/// browsers name a second download of the same name.
fn numbered(name: &str, n: usize) -> String {
    match name.rfind('.') {
        Some(dot) if dot > 0 => format!("{} ({n}){}", &name[..dot], &name[dot..]),
        _ => format!("{name} ({n})"),
    }
}

/// Where the analysis of the current file set stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Analysis {
    /// No files: nothing to analyse.
    #[default]
    Idle,
    /// The worker is busy. The previous report, if any, stays on screen until the new one arrives.
    Running {
        /// Last finished report.
        previous: Option<Rc<Report>>,
        /// The last stage the worker reported, if any yet.
        stage: Option<Stage>,
    },
    /// Finished.
    Done(Rc<Report>),
    /// The worker could not finish.
    Failed(String),
    /// The merchant stopped the analysis (the worker running it was terminated).
    Cancelled,
    /// The report of the current inputs is being worded again in the page's new language (the
    /// worker reuses the files it matched: no cancel is offered and the report stays shown).
    Rewording(Rc<Report>),
}

impl Analysis {
    /// Whether a component's analysis changed: the variant and its words compared, the
    /// reports by identity (see `components::same_report`). The derived `==` compares the
    /// reports field by field: a quarter of a 104 ms task after a language switch at 1M
    /// attempts, in the status line's props.
    pub fn same(&self, other: &Analysis) -> bool {
        let same = |a: &Option<Rc<Report>>, b: &Option<Rc<Report>>| match (a, b) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        match (self, other) {
            (
                Analysis::Running { previous: a, stage: x },
                Analysis::Running { previous: b, stage: y },
            ) => same(a, b) && x == y,
            (Analysis::Done(a), Analysis::Done(b))
            | (Analysis::Rewording(a), Analysis::Rewording(b)) => Rc::ptr_eq(a, b),
            (Analysis::Idle, Analysis::Idle) | (Analysis::Cancelled, Analysis::Cancelled) => true,
            (Analysis::Failed(a), Analysis::Failed(b)) => a == b,
            _ => false,
        }
    }
}

/// What a notice is about; the text comes from `i18n` so it follows the language switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Fetching the demo files failed.
    DemoFailed,
    /// Reading a dropped or picked file failed.
    ReadFailed,
    /// A file came with the name of a loaded file but is not that file: both are kept (the
    /// detail lists the new names given), never one silently replacing the other.
    SameName,
}

/// A dismissible message above the file list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What happened.
    pub kind: NoticeKind,
    /// Detail from the browser (untrusted text, shown escaped).
    pub detail: String,
}

/// The "customer says they paid" form, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckForm {
    /// Approximate time (`YYYY-MM-DDTHH:MM` from the datetime-local input).
    pub time: String,
    /// Amount in yuan.
    pub amount: String,
    /// Card last 4 (optional).
    pub card: String,
    /// Terminal id (optional).
    pub terminal: String,
    /// Paid with this QR wallet: `wechat`, `alipay`, or empty for "not sure" (card or QR).
    pub wallet: String,
}

impl CheckForm {
    /// Time and amount are filled in.
    pub fn is_complete(&self) -> bool {
        !self.time.trim().is_empty() && !self.amount.trim().is_empty()
    }
}

/// One input of the check form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckField {
    /// Time.
    Time,
    /// Amount.
    Amount,
    /// Card last 4.
    Card,
    /// Terminal id.
    Terminal,
    /// Wallet (`wechat`, `alipay` or empty).
    Wallet,
}

/// Where the check of the submitted form stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Check {
    /// Nothing asked yet (or the files were all removed).
    #[default]
    Idle,
    /// Submitted without time or amount, or without files.
    Incomplete,
    /// Submitted while the files are not analysed (an analysis runs or was cancelled): asked
    /// as soon as the report of the current inputs arrives.
    Waiting,
    /// The worker is checking.
    Running,
    /// The verdict.
    Done(Rc<CheckResult>),
    /// The worker could not check (bad input explained in the message, or a crash).
    Failed(String),
}

/// Where the last export (download) stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Export {
    /// Nothing being exported.
    #[default]
    Idle,
    /// The file or text is being rendered (in the worker).
    Running(ExportTarget),
    /// The last export failed, and why.
    Failed(String),
}

/// Where copying a chat text to the clipboard stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyState {
    /// Handed to the clipboard, no answer yet.
    Copying,
    /// On the clipboard (已复制).
    Copied,
    /// The browser refused (no permission, an in-app browser): the text is selected in its box
    /// for the merchant to copy by hand (long press).
    Refused,
}

/// A chat text (微信文本) the worker rendered, shown in a read-only box and put on the clipboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatText {
    /// Whose text: [`ExportTarget::FindingText`] or [`ExportTarget::RunText`].
    pub target: ExportTarget,
    /// The export number it came from (a clipboard answer names it).
    pub seq: u64,
    /// The text, as `posrecon analyze --text` writes it.
    pub text: String,
    /// Whether it reached the clipboard.
    pub copy: CopyState,
}

/// What an export shown in the page instead of downloaded holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InPageContent {
    /// An HTML document (the report, a case sheet), shown in a sandboxed frame.
    Html(String),
    /// A text file (CSV, JSON), shown in a read-only box.
    Text(String),
    /// A file the page cannot show (the Excel workbook).
    Binary,
}

/// An export shown in the page because no download can start here (inside WeChat's browser, or
/// the download failed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InPageView {
    /// The name the download would have had.
    pub file_name: String,
    /// What to show.
    pub content: InPageContent,
}

/// A redaction choice of the export bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedactionChoice {
    /// 隐藏商户号和终端号.
    MaskIds,
    /// 不含卡号.
    DropCardDigits,
    /// 不含人名.
    DropNames,
}

impl RedactionChoice {
    /// In the order of the export bar.
    pub const ALL: [RedactionChoice; 3] =
        [RedactionChoice::MaskIds, RedactionChoice::DropCardDigits, RedactionChoice::DropNames];

    /// The `data-testid` of its checkbox.
    pub fn testid(self) -> &'static str {
        match self {
            RedactionChoice::MaskIds => "redact-mask-ids",
            RedactionChoice::DropCardDigits => "redact-drop-card-digits",
            RedactionChoice::DropNames => "redact-drop-names",
        }
    }

    /// Whether `redaction` has it.
    pub fn get(self, redaction: &Redaction) -> bool {
        match self {
            RedactionChoice::MaskIds => redaction.mask_ids,
            RedactionChoice::DropCardDigits => redaction.drop_card_digits,
            RedactionChoice::DropNames => redaction.drop_names,
        }
    }

    fn set(self, redaction: &mut Redaction, on: bool) {
        match self {
            RedactionChoice::MaskIds => redaction.mask_ids = on,
            RedactionChoice::DropCardDigits => redaction.drop_card_digits = on,
            RedactionChoice::DropNames => redaction.drop_names = on,
        }
    }
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppState {
    /// UI and report language.
    pub lang: Lang,
    /// Loaded files in the order they were added.
    pub files: Vec<LoadedFile>,
    /// Bumped on every change that needs a new analysis.
    pub revision: u64,
    /// State of the analysis for `revision`.
    pub analysis: Analysis,
    /// File reads or demo fetches still in flight.
    pub pending_loads: u32,
    /// Last problem loading files, until dismissed.
    pub notice: Option<Notice>,
    /// Ids of findings whose details are open.
    pub expanded: BTreeSet<String>,
    /// Which part of each long list is shown: the page of the findings, incidents and terminal
    /// health, and how far each file card's notes are opened.
    pub windows: Windows,
    /// Files are being dragged over the drop zone.
    pub dragging: bool,
    /// The check form as typed.
    pub check_form: CheckForm,
    /// The form as last submitted: what the current check is about.
    pub check_submitted: Option<CheckForm>,
    /// Bumped on every check to run; replies for older numbers are ignored.
    pub check_seq: u64,
    /// The check of `check_submitted`.
    pub check: Check,
    /// Bumped on every export asked for; only the reply for the current number counts.
    pub export_seq: u64,
    /// The export in progress, or the last one's failure.
    pub export: Export,
    /// What the merchant chose to leave out of every export, sheet and text rendered from now
    /// on (default: nothing; card numbers are always masked).
    pub redaction: Redaction,
    /// The last chat text rendered, while it is about the report shown.
    pub chat_text: Option<ChatText>,
    /// An export shown in the page instead of downloaded, until closed.
    pub in_page: Option<InPageView>,
    /// Roles the merchant chose, by file name (`None` in the selector = detect).
    pub role_overrides: BTreeMap<String, Role>,
    /// Encodings the merchant chose, by file name.
    pub encoding_overrides: BTreeMap<String, String>,
    /// Column mappings edited in this session and not (yet) saved, by header signature.
    pub mapping_edits: BTreeMap<String, MappingTemplate>,
    /// How many analyses read and matched the files (a language switch need not: the worker
    /// keeps the files matched); the `data-matched-runs` test hook.
    pub matched_runs: u64,
    /// Saved templates (localStorage `posrecon.templates.v1`).
    pub templates: Vec<SavedTemplate>,
    /// The settings panel as typed (localStorage `posrecon.settings.v1`).
    pub settings: UserSettings,
    /// The merchant's cases (status, note), kept in the browser across runs.
    pub cases: crate::cases::CaseBook,
    /// Bumped when an analysis run finishes with a report: the page then moves focus and view to
    /// the answer (`hooks::use_answer_focus`), unless the merchant is typing elsewhere. A language
    /// switch rewording the same report does not bump it.
    pub answer_seq: u64,
    /// The merchant opened the folded strip of file cards (shown folded once there is a report).
    pub files_open: bool,
    /// The findings' search, filters and sort (`filter::FindingsFilter`).
    pub findings_filter: crate::filter::FindingsFilter,
    /// Each finding's chain in steps and the deposits per day, for the analysis of
    /// `chain.revision`, and the steps of the current check's answer.
    pub chain: ChainView,
    next_file_id: u64,
    /// The merchant chose to keep the loaded files in this browser (IndexedDB) so a reload
    /// restores them and the analysis; off by default (`hooks/cases.rs`).
    pub keep_files: bool,
}

/// What the worker sent beside a report and a check (`FromWorker::Chains`, `CheckSteps`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChainView {
    /// The analysis revision the steps and deposits are of.
    pub revision: u64,
    /// Terminal, acquirer and bank steps by finding id.
    pub steps: Rc<BTreeMap<String, Vec<StepLine>>>,
    /// Deposits expected and received per day.
    pub deposits: Rc<Vec<DepositDay>>,
    /// The check number and the steps of its answer.
    pub check: Option<(u64, Rc<Vec<StepLine>>)>,
}

/// A long list of the results, shown a page at a time (`view::page_window`) so that the page
/// holds only what it shows at any finding count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum List {
    /// The findings table.
    Findings,
    /// The incident cards.
    Incidents,
    /// The terminal health cards.
    Health,
}

/// A list of notes on a file card, which grows with the file's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoteList {
    /// Rejected rows with their reasons.
    Rejected,
    /// Skipped rows (runs of blank rows folded in).
    Skipped,
    /// Rows used with something lost.
    Warnings,
    /// Breaks in a bank statement's running balance.
    BalanceBreaks,
}

/// One notes list of one table read from a file: the file, its sheet, which list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct NotesKey {
    /// File name (`Input.file`).
    pub file: String,
    /// Sheet of a workbook (`Input.sheet`).
    pub sheet: Option<String>,
    /// Which list.
    pub list: NoteList,
}

/// Which part of each long list the page shows. Pages past the end (a new report with fewer
/// rows) are clamped when shown, so nothing here needs the report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Windows {
    /// The page (0-based) of each paged list; absent = the first.
    pub pages: BTreeMap<List, usize>,
    /// How many times "show more" was pressed under each notes list.
    pub more_notes: BTreeMap<NotesKey, usize>,
}

impl Windows {
    /// The page asked for of a list (0 = the first).
    pub fn page(&self, list: List) -> usize {
        self.pages.get(&list).copied().unwrap_or(0)
    }

    /// How many times "show more" was pressed under a notes list.
    pub fn more_notes(&self, key: &NotesKey) -> usize {
        self.more_notes.get(key).copied().unwrap_or(0)
    }

    fn apply(&mut self, action: &Action) {
        match action {
            // What the findings table shows changed: back to its first page.
            Action::FilterFindings(_) => {
                self.pages.remove(&List::Findings);
            }
            Action::ShowPage(list, page) => {
                self.pages.insert(*list, *page);
            }
            Action::ShowMoreNotes(key) => *self.more_notes.entry(key.clone()).or_default() += 1,
            // Another set of files: another report, read from its start.
            Action::FilesAdded(added) if !added.is_empty() => *self = Windows::default(),
            Action::RemoveFile(_) | Action::ClearFiles => *self = Windows::default(),
            _ => {}
        }
    }
}

/// Everything that can happen to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Switch between Chinese and English.
    ToggleLang,
    /// Set the language.
    SetLang(Lang),
    /// Files are dragged over the drop zone (true) or left it (false).
    SetDragging(bool),
    /// A file read or demo fetch started.
    LoadStarted,
    /// A file read or demo fetch ended (successfully or not).
    LoadFinished,
    /// Files were read. A file with the name of a loaded one replaces it.
    FilesAdded(Vec<NewFile>),
    /// Remove one file by id.
    RemoveFile(u64),
    /// Remove every file.
    ClearFiles,
    /// The worker replied for `revision`.
    AnalysisFinished {
        /// Revision the request was made for.
        revision: u64,
        /// The report, or why there is none.
        outcome: Result<Rc<Report>, String>,
    },
    /// The worker reached a stage of the analysis of `revision`.
    AnalysisProgress {
        /// Revision the analysis is for.
        revision: u64,
        /// Where it is.
        stage: Stage,
    },
    /// The worker read and matched the files for an analysis (counted, see
    /// [`AppState::matched_runs`]).
    FilesMatched,
    /// Stop the analysis running (the cancel button).
    CancelAnalysis,
    /// Run the cancelled analysis again.
    RerunAnalysis,
    /// Show a notice.
    ShowNotice(Notice),
    /// Hide the notice.
    DismissNotice,
    /// Open or close the details of a finding.
    ToggleFinding(String),
    /// Show page `n` (0-based) of a long list of the results.
    ShowPage(List, usize),
    /// List more of a file card's notes ("再显示 50 条").
    ShowMoreNotes(NotesKey),
    /// An input of the check form changed.
    CheckInput(CheckField, String),
    /// The check form was submitted.
    CheckSubmitted,
    /// The worker replied to check number `seq`.
    CheckFinished {
        /// Check number the request was made for.
        seq: u64,
        /// The verdict, or why there is none.
        outcome: Result<Rc<CheckResult>, String>,
    },
    /// An export button, a finding's 案件单 or a 复制微信文本 was pressed (ignored without a
    /// report or while an export runs).
    ExportRequested(ExportTarget),
    /// A redaction checkbox of the export bar changed.
    SetRedaction(RedactionChoice, bool),
    /// Export number `seq` was a chat text: here it is (to show, and to put on the clipboard).
    TextReady {
        /// Export number the request was made for.
        seq: u64,
        /// The text.
        text: String,
    },
    /// The clipboard took the chat text of export `seq` (true) or refused it.
    TextCopied {
        /// Export number of the text.
        seq: u64,
        /// It is on the clipboard.
        copied: bool,
    },
    /// Export number `seq` could not be downloaded here: show it in the page.
    ShownInPage {
        /// Export number the request was made for.
        seq: u64,
        /// What to show.
        view: InPageView,
    },
    /// Close the export shown in the page.
    CloseInPage,
    /// The merchant chose a role for a file (`None` = detect).
    SetRole {
        /// File name.
        file: String,
        /// The role, or `None` to detect it.
        role: Option<Role>,
    },
    /// The merchant chose an encoding for a file (`None` = detect).
    SetEncoding {
        /// File name.
        file: String,
        /// Engine label (`utf-8`, `gb18030`, `utf-16le`), or `None` to detect it.
        encoding: Option<String>,
    },
    /// The merchant mapped a column of a header to a field (`None` = not used).
    MapColumn {
        /// The header's signature (`Input.header_signature`).
        signature: String,
        /// The columns as the last report read them (field → header), the edit's starting point.
        current: BTreeMap<String, String>,
        /// The column's header text.
        header: String,
        /// Canonical field name, or `None` to use the column for nothing.
        field: Option<String>,
    },
    /// Save the mapping of a header as a template.
    SaveTemplate(SavedTemplate),
    /// Delete the saved template of a header signature.
    DeleteTemplate(String),
    /// Templates read from an imported file; same signatures are replaced.
    ImportTemplates(Vec<SavedTemplate>),
    /// An input of the settings panel changed.
    SettingsInput(SettingsField, String),
    /// Open or fold the file cards under the strip shown once there is a report.
    ToggleFileStrip,
    /// Export number `seq` was handed to the browser as a download, or failed.
    ExportFinished {
        /// Export number the request was made for.
        seq: u64,
        /// `Ok` once downloaded, or why not.
        outcome: Result<(), String>,
    },
    /// The findings' search, a filter or the sort changed (back to the first page).
    FilterFindings(crate::filter::FilterChange),
    /// Say what one of a file's own status or type words means (`好了` → approved), or, with
    /// `meaning` `None`, go back to the engine's reading of it. Edits the header's mapping like
    /// [`Action::MapColumn`], and reruns the analysis.
    MapValue {
        /// The header's signature (`Input.header_signature`).
        signature: String,
        /// The columns as the last report read them (field → header), the edit's starting point.
        current: BTreeMap<String, String>,
        /// `status` or `type` (`ColumnValues.field`).
        field: String,
        /// The value as written in the file.
        value: String,
        /// What it means; `None` = as the engine reads it.
        meaning: Option<crate::mapping::ValueMeaning>,
    },
    /// The worker sent the deposits per day for `revision` (just before its report).
    ChainsArrived {
        /// Revision the analysis was for.
        revision: u64,
        /// Deposits per day.
        deposits: Vec<DepositDay>,
    },
    /// The worker sent the steps of findings of `revision`, asked for when they were opened
    /// ([`AppState::steps_wanted`]).
    StepsArrived {
        /// Revision the analysis was for.
        revision: u64,
        /// Steps by finding id.
        steps: Vec<(String, Vec<StepLine>)>,
    },
    /// The worker sent the steps of check number `seq`'s answer.
    CheckStepsArrived {
        /// Check number.
        seq: u64,
        /// Terminal, acquirer, bank (empty: the answer rests on no chain).
        steps: Vec<StepLine>,
    },
    /// The case log kept in the browser was read (empty on a first visit).
    CasesLoaded {
        /// Its cases.
        stored: Vec<crate::cases::Case>,
        /// Today in the browser's local time.
        today: chrono::NaiveDate,
    },
    /// The worker keyed the findings of `revision` and followed the open cases (sent after
    /// that revision's `AnalysisFinished`).
    CasesFollowed {
        /// Revision of the analysis.
        revision: u64,
        /// The keys and what became of the earlier open cases.
        followed: Rc<posrecon_engine::follow::Followed>,
        /// A case made beforehand for each of `followed.findings` (or none), taken by those
        /// first seen ([`crate::cases::CaseBook::followed_with`]).
        made: Rc<Vec<Option<crate::cases::Case>>>,
        /// Today and the browser's clock (cases it closes are stamped with it).
        now: crate::cases::Now,
    },
    /// The merchant set a case's status (by case key).
    SetCaseStatus {
        /// Case key.
        key: String,
        /// The new status.
        status: crate::cases::CaseStatus,
        /// Today and the browser's clock.
        now: crate::cases::Now,
    },
    /// The merchant wrote a case's note (by case key).
    SetCaseNote {
        /// Case key.
        key: String,
        /// The note as typed.
        note: String,
        /// Today and the browser's clock.
        now: crate::cases::Now,
    },
    /// A case log file was read (or refused).
    CasesImported(Result<Vec<crate::cases::Case>, crate::cases::ImportError>),
    /// 清空记录: `false` asks (shows the confirm step), `true` clears; see [`Action::KeepCases`].
    ClearCases(bool),
    /// The confirm step of 清空记录 was cancelled.
    KeepCases,
    /// The keep-files checkbox changed.
    SetKeepFiles(bool),
}

impl AppState {
    /// The steps of finding `id`, when they are of the analysis shown.
    pub fn steps_of(&self, id: &str) -> Option<&[StepLine]> {
        if self.chain.revision != self.revision {
            return None;
        }
        self.chain.steps.get(id).map(Vec::as_slice)
    }

    /// The opened findings whose steps are not here yet, once the worker keeps the report
    /// shown (its deposits came): what to ask the worker for. The steps of every finding are
    /// not sent with the report (3 MB at 6,700 findings); only those of the findings opened.
    pub fn steps_wanted(&self) -> Vec<String> {
        if self.chain.revision != self.revision || self.current_report().is_none() {
            return Vec::new();
        }
        self.expanded.iter().filter(|id| !self.chain.steps.contains_key(*id)).cloned().collect()
    }

    /// The steps of the current check's answer, once they came.
    pub fn check_steps(&self) -> Option<&[StepLine]> {
        match &self.chain.check {
            Some((seq, steps)) if *seq == self.check_seq && !steps.is_empty() => Some(steps),
            _ => None,
        }
    }

    /// The deposits per day of the analysis shown (empty until they came).
    pub fn deposit_days(&self) -> &[DepositDay] {
        if self.chain.revision == self.revision { &self.chain.deposits } else { &[] }
    }

    /// A fresh state in the given language.
    pub fn new(lang: Lang) -> Self {
        AppState { lang, ..AppState::default() }
    }

    /// The report to show: the finished one, or the previous one while a new run is going.
    pub fn report(&self) -> Option<&Rc<Report>> {
        match &self.analysis {
            Analysis::Done(report) => Some(report),
            Analysis::Running { previous, .. } => previous.as_ref(),
            Analysis::Rewording(report) => Some(report),
            Analysis::Idle | Analysis::Failed(_) | Analysis::Cancelled => None,
        }
    }

    /// Files whose role the engine doubts and the merchant has not chosen yet, in report order.
    /// Their rows are not analysed, so no money finding rests on them; the summary counts them
    /// and each card asks. A file counts no more once a role is chosen for it, even while the
    /// rerun that uses the choice is still going.
    pub fn awaiting_role(&self) -> Vec<&str> {
        let mut files: Vec<&str> = Vec::new();
        let Some(report) = self.report() else {
            return files;
        };
        for input in &report.inputs {
            let file = input.file.as_str();
            if input.role_doubt.is_some()
                && !self.role_overrides.contains_key(file)
                && !files.contains(&file)
            {
                files.push(file);
            }
        }
        files
    }

    /// `idle`, `running`, `done`, `error`, `cancelled` or `rewording` (the `data-state` test
    /// hook).
    pub fn status_key(&self) -> &'static str {
        match self.analysis {
            Analysis::Idle => "idle",
            Analysis::Running { .. } => "running",
            Analysis::Done(_) => "done",
            Analysis::Failed(_) => "error",
            Analysis::Cancelled => "cancelled",
            Analysis::Rewording(_) => "rewording",
        }
    }

    /// The finished report, only when it is about the current inputs (what an export renders:
    /// the worker keeps that report, whole).
    pub fn current_report(&self) -> Option<&Rc<Report>> {
        match &self.analysis {
            Analysis::Done(report) => Some(report),
            _ => None,
        }
    }

    /// True when the worker should be asked to analyse the current revision (a run, or the
    /// words of a finished report in another language).
    pub fn needs_analysis(&self) -> bool {
        matches!(self.analysis, Analysis::Running { .. } | Analysis::Rewording(_))
    }

    /// True while an analysis reads and matches the files: a run the merchant may cancel.
    pub fn is_running(&self) -> bool {
        matches!(self.analysis, Analysis::Running { .. })
    }

    /// `idle`, `incomplete`, `waiting`, `running`, `done` or `error` (the check's `data-state`
    /// hook).
    pub fn check_key(&self) -> &'static str {
        match self.check {
            Check::Idle => "idle",
            Check::Incomplete => "incomplete",
            Check::Waiting => "waiting",
            Check::Running => "running",
            Check::Done(_) => "done",
            Check::Failed(_) => "error",
        }
    }

    /// True when the worker should be asked to run check number `check_seq`.
    pub fn needs_check(&self) -> bool {
        self.check == Check::Running && self.check_submitted.is_some()
    }

    /// What to export now: set from the moment a button is pressed until the download.
    pub fn export_running(&self) -> Option<&ExportTarget> {
        match &self.export {
            Export::Running(target) => Some(target),
            Export::Idle | Export::Failed(_) => None,
        }
    }

    /// Drops what was rendered from the report shown (a text, a document shown in the page): the
    /// report, its words or the redaction changed.
    fn forget_rendered(&mut self) {
        self.chat_text = None;
        self.in_page = None;
    }

    /// The export `seq` is the one running and it has come back: the bar is free again.
    fn export_came_back(&mut self, seq: u64) -> Option<ExportTarget> {
        if seq != self.export_seq || self.export_running().is_none() {
            return None;
        }
        let Export::Running(target) = std::mem::take(&mut self.export) else { return None };
        Some(target)
    }

    /// A fresh state with the templates and settings saved in the browser.
    pub fn with_saved(templates: Vec<SavedTemplate>, settings: UserSettings) -> Self {
        AppState { templates, settings, ..AppState::default() }
    }

    /// The mapping in force for a header signature: this session's edit, else the saved one.
    pub fn mapping_template(&self, signature: &str) -> Option<MappingTemplate> {
        self.mapping_edits.get(signature).cloned().or_else(|| {
            self.templates
                .iter()
                .find(|t| t.header_signature == signature)
                .map(SavedTemplate::to_engine)
        })
    }

    /// The saved template of a header signature.
    pub fn saved_template(&self, signature: &str) -> Option<&SavedTemplate> {
        self.templates.iter().find(|t| t.header_signature == signature)
    }

    /// Every mapping to send with an analysis: saved templates, replaced by this session's edits.
    pub fn mapping_templates(&self) -> Vec<MappingTemplate> {
        let mut out: Vec<MappingTemplate> = self
            .templates
            .iter()
            .filter(|t| !self.mapping_edits.contains_key(&t.header_signature))
            .map(SavedTemplate::to_engine)
            .collect();
        out.extend(self.mapping_edits.values().cloned());
        out
    }

    /// What the worker needs besides the files.
    pub fn analysis_options(&self) -> crate::mapping::AnalysisOptions {
        crate::mapping::AnalysisOptions {
            role_overrides: self.role_overrides.clone(),
            encoding_overrides: self.encoding_overrides.clone(),
            mapping_templates: self.mapping_templates(),
            settings: Some(self.settings.to_engine().0),
        }
    }

    fn upsert_template(&mut self, saved: SavedTemplate) {
        match self.templates.iter_mut().find(|t| t.header_signature == saved.header_signature) {
            Some(slot) => *slot = saved,
            None => self.templates.push(saved),
        }
    }

    /// Marks the current inputs as changed: a new revision, analysed unless there are no files.
    fn invalidate(&mut self) {
        self.revision += 1;
        // An export renders the report of the current inputs; one still rendering is moot (and
        // would hold the export bar if its worker is replaced).
        if self.export_running().is_some() {
            self.export = Export::Idle;
        }
        self.forget_rendered();
        let previous = self.report().cloned();
        self.analysis = if self.files.is_empty() {
            Analysis::Idle
        } else {
            Analysis::Running { previous, stage: None }
        };
        // A verdict is about these files: ask again once they are analysed, or forget it.
        if matches!(self.check, Check::Waiting | Check::Running | Check::Done(_) | Check::Failed(_))
        {
            self.check = if self.files.is_empty() { Check::Idle } else { Check::Waiting };
        }
    }

    /// The files are analysed (or the analysis failed, and the worker is asked anyway to say
    /// why it cannot check): a waiting check is asked now.
    fn start_check(&mut self) {
        self.check_seq += 1;
        self.check = Check::Running;
    }

    /// The page's language changed: a run carries on in the language it started in; a finished
    /// report is worded again (kept on screen meanwhile), and so is a verdict.
    fn switch_lang(&mut self, lang: Lang) {
        if lang == self.lang {
            return;
        }
        self.lang = lang;
        // A run, or the words already asked for, carry on: their answer is worded again if its
        // language is not the page's when it comes (a new request now would replace the worker
        // and lose the files it holds matched).
        if let Analysis::Done(report) = &self.analysis {
            let report = report.clone();
            self.reword(report);
        }
        if matches!(self.check, Check::Running | Check::Done(_) | Check::Failed(_)) {
            if self.is_running() || self.analysis == Analysis::Cancelled {
                self.check = Check::Waiting;
            } else {
                self.start_check();
            }
        }
    }

    /// Asks the worker for `report` in the page's language, keeping `report` shown meanwhile.
    fn reword(&mut self, report: Rc<Report>) {
        self.revision += 1;
        if self.export_running().is_some() {
            self.export = Export::Idle;
        }
        self.forget_rendered();
        self.analysis = Analysis::Rewording(report);
    }

    fn apply(&mut self, action: Action) {
        self.windows.apply(&action);
        // Correcting how a file is read is work in its card: the cards stay open through the
        // rerun it starts instead of folding into the strip under the merchant's hands.
        if matches!(
            action,
            Action::SetRole { .. } | Action::SetEncoding { .. } | Action::MapColumn { .. }
        ) {
            self.files_open = true;
        }
        match action {
            Action::ToggleLang => self.switch_lang(crate::i18n::other(self.lang)),
            Action::SetLang(lang) => self.switch_lang(lang),
            Action::SetDragging(dragging) => self.dragging = dragging,
            Action::LoadStarted => self.pending_loads += 1,
            Action::LoadFinished => self.pending_loads = self.pending_loads.saturating_sub(1),
            Action::FilesAdded(added) => {
                if added.is_empty() {
                    return;
                }
                // The same file dropped again replaces the old one (a new id: the worker reads
                // it again). Another file of the same name is kept beside it under a numbered
                // name: replacing it lost a terminal's findings without a word. If it is a newer
                // export of the same file, the rows both hold are counted once by the engine
                // (`dedupe`), and the notice asks the merchant to remove the old one.
                let mut renamed = Vec::new();
                for added in added {
                    let id = self.next_file_id;
                    self.next_file_id += 1;
                    let mut at = None;
                    let mut name = added.name.clone();
                    // The same file again, under its name or the numbered one it was given.
                    let same = self
                        .files
                        .iter()
                        .position(|f| is_named_as(&f.name, &added.name) && f.is_same_file(&added));
                    if let Some(i) = same {
                        name = self.files.remove(i).name;
                        at = Some(i);
                    } else if self.files.iter().any(|f| f.name == added.name) {
                        name = (2..)
                            .map(|n| numbered(&added.name, n))
                            .find(|n| self.files.iter().all(|f| &f.name != n))
                            .expect("a free number");
                        renamed.push(format!("{} → {name}", added.name));
                    }
                    let file = LoadedFile {
                        id,
                        name,
                        size: added.size,
                        blob: added.blob,
                        modified: added.modified,
                    };
                    match at {
                        Some(i) => self.files.insert(i, file),
                        None => self.files.push(file),
                    }
                }
                if !renamed.is_empty() {
                    self.notice =
                        Some(Notice { kind: NoticeKind::SameName, detail: renamed.join("; ") });
                }
                self.expanded.clear();
                self.invalidate();
            }
            Action::RemoveFile(id) => {
                let before = self.files.len();
                if let Some(gone) = self.files.iter().find(|f| f.id == id) {
                    // A role or encoding chosen for this file goes with it: another file dropped
                    // later under the same name (another terminal's 交易明细.csv) is detected
                    // afresh, never read silently as the removed one was told to be.
                    self.role_overrides.remove(&gone.name);
                    self.encoding_overrides.remove(&gone.name);
                    // The notice of a renamed file asked for this: it has been answered.
                    if self.notice.as_ref().is_some_and(|n| n.kind == NoticeKind::SameName) {
                        self.notice = None;
                    }
                }
                self.files.retain(|f| f.id != id);
                if self.files.len() != before {
                    self.expanded.clear();
                    self.invalidate();
                }
            }
            Action::ClearFiles => {
                // 全部清除 is a fresh start: a role or encoding chosen for a file name must not
                // bend the reading of a file of that name dropped next (it would be shown only
                // once the merchant opens the folded file strip).
                self.role_overrides.clear();
                self.encoding_overrides.clear();
                if !self.files.is_empty() {
                    self.files.clear();
                    self.expanded.clear();
                    self.invalidate();
                }
            }
            Action::AnalysisFinished { revision, outcome } => {
                if revision != self.revision || !self.needs_analysis() {
                    return;
                }
                if outcome.is_ok() && matches!(self.analysis, Analysis::Running { .. }) {
                    self.answer_seq += 1;
                }
                self.analysis = match outcome {
                    // Finished in the language it started in, and the page switched since.
                    Ok(report) if report.lang != self.lang.as_str() => {
                        self.reword(report);
                        return;
                    }
                    Ok(report) => Analysis::Done(report),
                    // Wording it again failed: the report stays, in the words it has.
                    Err(_) if matches!(self.analysis, Analysis::Rewording(_)) => {
                        match std::mem::take(&mut self.analysis) {
                            Analysis::Rewording(report) => Analysis::Done(report),
                            other => other,
                        }
                    }
                    Err(message) => Analysis::Failed(message),
                };
                if self.check == Check::Waiting {
                    self.start_check();
                }
            }
            Action::AnalysisProgress { revision, stage } => {
                if let (true, Analysis::Running { stage: slot, .. }) =
                    (revision == self.revision, &mut self.analysis)
                {
                    *slot = Some(stage);
                }
            }
            Action::FilesMatched => self.matched_runs += 1,
            Action::ToggleFileStrip => self.files_open = !self.files_open,
            // Only a run that reads and matches the files can be cancelled; wording a finished
            // report again is short and cancelling it would lose the report.
            Action::CancelAnalysis => {
                if self.is_running() {
                    self.analysis = Analysis::Cancelled;
                }
            }
            Action::RerunAnalysis => {
                if self.analysis == Analysis::Cancelled {
                    self.invalidate();
                }
            }
            Action::ShowNotice(notice) => self.notice = Some(notice),
            Action::DismissNotice => self.notice = None,
            Action::ToggleFinding(id) => {
                if !self.expanded.remove(&id) {
                    self.expanded.insert(id);
                }
            }
            // Kept in `windows` (above).
            Action::ShowPage(..) | Action::ShowMoreNotes(_) => {}
            Action::FilterFindings(change) => self.findings_filter.change(change),
            Action::CheckInput(field, value) => {
                let form = &mut self.check_form;
                match field {
                    CheckField::Time => form.time = value,
                    CheckField::Amount => form.amount = value,
                    CheckField::Card => form.card = value,
                    CheckField::Terminal => form.terminal = value,
                    CheckField::Wallet => form.wallet = value,
                }
            }
            Action::CheckSubmitted => {
                if self.files.is_empty() || !self.check_form.is_complete() {
                    self.check = Check::Incomplete;
                    return;
                }
                self.check_submitted = Some(self.check_form.clone());
                match self.analysis {
                    Analysis::Running { .. } | Analysis::Cancelled => self.check = Check::Waiting,
                    _ => self.start_check(),
                }
            }
            Action::CheckFinished { seq, outcome } => {
                if seq != self.check_seq || self.check != Check::Running {
                    return;
                }
                self.check = match outcome {
                    Ok(result) => Check::Done(result),
                    Err(message) => Check::Failed(message),
                };
            }
            Action::ExportRequested(target) => {
                if self.current_report().is_none() || self.export_running().is_some() {
                    return;
                }
                self.export_seq += 1;
                self.export = Export::Running(target);
            }
            Action::SetRedaction(choice, on) => {
                if choice.get(&self.redaction) != on {
                    choice.set(&mut self.redaction, on);
                    self.forget_rendered();
                }
            }
            Action::TextReady { seq, text } => {
                if let Some(target) = self.export_came_back(seq) {
                    self.chat_text = Some(ChatText { target, seq, text, copy: CopyState::Copying });
                }
            }
            Action::TextCopied { seq, copied } => {
                if let Some(chat) = self.chat_text.as_mut().filter(|c| c.seq == seq) {
                    chat.copy = if copied { CopyState::Copied } else { CopyState::Refused };
                }
            }
            Action::ShownInPage { seq, view } => {
                if self.export_came_back(seq).is_some() {
                    self.in_page = Some(view);
                }
            }
            Action::CloseInPage => self.in_page = None,
            Action::SetRole { file, role } => {
                let changed = match role {
                    Some(role) => self.role_overrides.insert(file, role) != Some(role),
                    None => self.role_overrides.remove(&file).is_some(),
                };
                if changed {
                    self.invalidate();
                }
            }
            Action::SetEncoding { file, encoding } => {
                let changed = match encoding {
                    Some(enc) => {
                        self.encoding_overrides.insert(file, enc.clone()).as_ref() != Some(&enc)
                    }
                    None => self.encoding_overrides.remove(&file).is_some(),
                };
                if changed {
                    self.invalidate();
                }
            }
            Action::MapColumn { signature, current, header, field } => {
                let mut template =
                    self.mapping_template(&signature).unwrap_or_else(|| MappingTemplate {
                        header_signature: signature.clone(),
                        role: None,
                        columns: current.clone(),
                        ..MappingTemplate::default()
                    });
                // Start from what the file was read with; the edit wins over it.
                for (f, h) in current {
                    template.columns.entry(f).or_insert(h);
                }
                template.columns.retain(|_, h| *h != header);
                if let Some(field) = field {
                    template.columns.insert(field, header);
                }
                self.mapping_edits.insert(signature, template);
                self.invalidate();
            }
            Action::MapValue { signature, current, field, value, meaning } => {
                let mut template =
                    self.mapping_template(&signature).unwrap_or_else(|| MappingTemplate {
                        header_signature: signature.clone(),
                        columns: current.clone(),
                        ..MappingTemplate::default()
                    });
                for (f, h) in current {
                    template.columns.entry(f).or_insert(h);
                }
                if crate::mapping::set_value_meaning(&mut template, &field, &value, meaning) {
                    self.mapping_edits.insert(signature, template);
                    self.invalidate();
                }
            }
            Action::SaveTemplate(saved) => {
                self.mapping_edits.remove(&saved.header_signature);
                self.upsert_template(saved);
                self.invalidate();
            }
            Action::DeleteTemplate(signature) => {
                let before = self.templates.len();
                self.templates.retain(|t| t.header_signature != signature);
                if self.templates.len() != before {
                    self.invalidate();
                }
            }
            Action::ImportTemplates(templates) => {
                if templates.is_empty() {
                    return;
                }
                for saved in templates {
                    self.upsert_template(saved);
                }
                self.invalidate();
            }
            Action::SettingsInput(field, value) => {
                let before = self.settings.to_engine().0;
                self.settings.set(field, value);
                if self.settings.to_engine().0 != before {
                    self.invalidate();
                }
            }
            Action::ChainsArrived { revision, deposits } => {
                if revision == self.revision {
                    let check = self.chain.check.take();
                    self.chain = ChainView {
                        revision,
                        steps: Rc::default(),
                        deposits: Rc::new(deposits),
                        check,
                    };
                }
            }
            Action::StepsArrived { revision, steps } => {
                if revision == self.revision && revision == self.chain.revision {
                    Rc::make_mut(&mut self.chain.steps).extend(steps);
                }
            }
            Action::CheckStepsArrived { seq, steps } => {
                if seq == self.check_seq {
                    self.chain.check = Some((seq, Rc::new(steps)));
                }
            }
            Action::ExportFinished { seq, outcome } => {
                if seq != self.export_seq || self.export_running().is_none() {
                    return;
                }
                self.export = match outcome {
                    Ok(()) => Export::Idle,
                    Err(message) => Export::Failed(message),
                };
            }
            Action::CasesLoaded { stored, today } => self.cases.loaded(stored, today),
            Action::CasesFollowed { revision, followed, made, now } => {
                if revision != self.revision {
                    return;
                }
                if let Some(report) = self.report().cloned() {
                    // No case rests on a guess: a doubted role or a mapping most rows failed.
                    let unsure =
                        crate::cases::rests_on_guess(&report) || !self.awaiting_role().is_empty();
                    let made = Rc::try_unwrap(made).unwrap_or_else(|made| (*made).clone());
                    self.cases.followed_with(&report, &followed, now, unsure, made);
                }
            }
            Action::SetCaseStatus { key, status, now } => self.cases.set_status(&key, status, now),
            Action::SetCaseNote { key, note, now } => self.cases.set_note(&key, &note, now),
            Action::CasesImported(parsed) => self.cases.import(parsed),
            Action::ClearCases(false) => self.cases.confirm_clear = true,
            Action::ClearCases(true) => self.cases.clear(),
            Action::KeepCases => self.cases.confirm_clear = false,
            Action::SetKeepFiles(keep) => self.keep_files = keep,
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use chrono::NaiveDate;
    use posrecon_engine::report::{SCHEMA, Summary};

    use crate::export::ExportFormat;

    fn reduce(state: AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn new_file(name: &str, size: u64) -> NewFile {
        NewFile { name: name.to_owned(), size, blob: FileBlob::default(), modified: None }
    }

    fn files(names: &[&str]) -> Action {
        Action::FilesAdded(names.iter().map(|n| new_file(n, n.len() as u64)).collect())
    }

    #[test]
    fn an_analysis_is_the_same_by_its_reports_identity() {
        let zh = report("zh");
        let done = Analysis::Done(zh.clone());
        assert!(done.same(&done.clone()));
        assert!(!done.same(&Analysis::Done(report("zh"))), "an equal report is another arrival");
        assert!(!done.same(&Analysis::Rewording(zh.clone())));
        let running = |stage| Analysis::Running { previous: Some(zh.clone()), stage };
        assert!(running(None).same(&running(None)));
        assert!(!running(None).same(&running(Some(Stage::Matching))));
        assert!(Analysis::Failed("x".into()).same(&Analysis::Failed("x".into())));
        assert!(!Analysis::Idle.same(&Analysis::Cancelled));
    }

    fn report(lang: &str) -> Rc<Report> {
        Rc::new(Report {
            schema: SCHEMA.to_owned(),
            generated_by: "posrecon test".to_owned(),
            as_of: NaiveDate::from_ymd_opt(2026, 11, 17).unwrap(),
            lang: lang.to_owned(),
            settings: Default::default(),
            merchant: Default::default(),
            inputs: Vec::new(),
            summary: Summary {
                attempts: 3,
                findings_by_kind: Default::default(),
                money_at_risk_cents: 0,
            },
            findings: Vec::new(),
            incidents: Vec::new(),
            chains: Vec::new(),
            cardholder_declines: None,
            terminal_health: None,
        })
    }

    /// Files added and their analysis finished (revision 1, in Chinese).
    fn analysed(names: &[&str]) -> AppState {
        reduce(
            AppState::default(),
            [files(names), Action::AnalysisFinished { revision: 1, outcome: Ok(report("zh")) }],
        )
    }

    fn names(state: &AppState) -> Vec<&str> {
        state.files.iter().map(|f| f.name.as_str()).collect()
    }

    #[test]
    fn starts_idle_in_chinese() {
        let state = AppState::default();
        assert_eq!(state.lang, Lang::Zh);
        assert_eq!(state.status_key(), "idle");
        assert!(!state.needs_analysis());
    }

    #[test]
    fn adding_files_starts_an_analysis() {
        let state = reduce(AppState::default(), [files(&["a.csv", "b.csv"])]);
        assert_eq!(names(&state), ["a.csv", "b.csv"]);
        assert_eq!(state.revision, 1);
        assert_eq!(state.status_key(), "running");
        assert!(state.needs_analysis());
    }

    #[test]
    fn adding_nothing_changes_nothing() {
        let state = reduce(AppState::default(), [Action::FilesAdded(Vec::new())]);
        assert_eq!(state, AppState::default());
    }

    /// A file as the browser gives a dropped one: with its modification time.
    fn dropped(name: &str, size: u64, modified: f64) -> NewFile {
        NewFile { modified: Some(modified), ..new_file(name, size) }
    }

    #[test]
    fn the_same_file_dropped_again_replaces_the_old_one() {
        let state = reduce(
            AppState::default(),
            [
                Action::FilesAdded(vec![dropped("a.csv", 3, 1e12), new_file("b.csv", 5)]),
                Action::FilesAdded(vec![dropped("a.csv", 3, 1e12)]),
            ],
        );
        assert_eq!(names(&state), ["a.csv", "b.csv"], "in its old place");
        assert_eq!(state.files[0].id, 2, "a new id: the worker reads the new bytes");
        assert_eq!((state.revision, state.notice.clone()), (2, None));
    }

    #[test]
    fn another_file_of_a_known_name_is_kept_beside_it_and_said() {
        // Two terminals' exports both named 交易明细.csv, dropped one after the other: the
        // second must not take the first one's place (its findings were lost without a word).
        let state = reduce(
            AppState::default(),
            [
                Action::FilesAdded(vec![dropped("交易明细.csv", 300, 1e12)]),
                Action::FilesAdded(vec![dropped("交易明细.csv", 300, 2e12)]),
                Action::FilesAdded(vec![dropped("交易明细.csv", 410, 2e12), new_file("x", 1)]),
                Action::FilesAdded(vec![new_file("x", 2)]),
            ],
        );
        assert_eq!(
            names(&state),
            ["交易明细.csv", "交易明细 (2).csv", "交易明细 (3).csv", "x", "x (2)"]
        );
        assert_eq!(
            state.files.iter().map(|f| f.size).collect::<Vec<_>>(),
            [300, 300, 410, 1, 2],
            "each file's own bytes"
        );
        assert_eq!(
            state.notice,
            Some(Notice { kind: NoticeKind::SameName, detail: "x → x (2)".into() }),
            "the last drop's renaming is said"
        );
        // The same name twice in one drop (two folders' exports) is two files too.
        let state = reduce(
            AppState::default(),
            [Action::FilesAdded(vec![dropped("a.csv", 3, 1e12), dropped("a.csv", 4, 1e12)])],
        );
        assert_eq!(names(&state), ["a.csv", "a (2).csv"]);
        assert_eq!(state.notice.map(|n| n.detail).as_deref(), Some("a.csv → a (2).csv"));
    }

    #[test]
    fn a_kept_copy_dropped_again_replaces_itself_under_its_number() {
        // B kept as a (2).csv beside A; B dropped again is B, not a third file.
        let state = reduce(
            AppState::default(),
            [
                Action::FilesAdded(vec![dropped("a.csv", 3, 1e12)]),
                Action::FilesAdded(vec![dropped("a.csv", 4, 2e12)]),
                Action::DismissNotice,
                Action::FilesAdded(vec![dropped("a.csv", 4, 2e12)]),
                Action::FilesAdded(vec![dropped("a.csv", 3, 1e12)]),
            ],
        );
        assert_eq!(names(&state), ["a.csv", "a (2).csv"]);
        assert_eq!(state.files.iter().map(|f| f.size).collect::<Vec<_>>(), [3, 4]);
        assert_eq!(state.notice, None, "nothing to say: the same files");
        assert!(is_named_as("a (12).csv", "a.csv") && is_named_as("a.csv", "a.csv"));
        assert!(!is_named_as("a (x).csv", "a.csv") && !is_named_as("a ().csv", "a.csv"));
        assert!(!is_named_as("b (2).csv", "a.csv") && !is_named_as("a (2).txt", "a.csv"));
    }

    #[test]
    fn a_role_chosen_for_a_removed_file_is_not_given_to_another_of_its_name() {
        let state = reduce(
            AppState::default(),
            [
                Action::FilesAdded(vec![dropped("交易明细.csv", 3, 1e12), new_file("b.csv", 2)]),
                Action::SetRole { file: "交易明细.csv".into(), role: Some(Role::OrderList) },
                Action::SetEncoding {
                    file: "交易明细.csv".into(),
                    encoding: Some("gb18030".into()),
                },
                Action::SetRole { file: "b.csv".into(), role: Some(Role::BankStatement) },
            ],
        );
        let id = state.files[0].id;
        let state = reduce(
            state,
            [Action::RemoveFile(id), Action::FilesAdded(vec![dropped("交易明细.csv", 5, 2e12)])],
        );
        assert_eq!(names(&state), ["b.csv", "交易明细.csv"]);
        assert_eq!(state.notice, None);
        assert_eq!(state.role_overrides.get("交易明细.csv"), None, "detected afresh");
        assert!(state.encoding_overrides.is_empty());
        assert_eq!(state.role_overrides.get("b.csv"), Some(&Role::BankStatement), "others kept");
    }

    #[test]
    fn a_numbered_name_keeps_its_extension() {
        assert_eq!(numbered("交易明细.csv", 2), "交易明细 (2).csv");
        assert_eq!(numbered("bill.2026.xlsx", 3), "bill.2026 (3).xlsx");
        assert_eq!(numbered("README", 2), "README (2)");
        assert_eq!(numbered(".csv", 2), ".csv (2)");
    }

    #[test]
    fn the_matching_reply_finishes_the_analysis() {
        let state = reduce(
            AppState::default(),
            [
                files(&["a.csv"]),
                Action::AnalysisFinished { revision: 1, outcome: Ok(report("zh")) },
            ],
        );
        assert_eq!(state.status_key(), "done");
        assert_eq!(state.report().map(|r| r.summary.attempts), Some(3));
    }

    #[test]
    fn a_stale_reply_is_ignored() {
        let state = reduce(
            AppState::default(),
            [
                files(&["a.csv"]),
                files(&["b.csv"]),
                Action::AnalysisFinished { revision: 1, outcome: Ok(report("zh")) },
            ],
        );
        assert_eq!(state.revision, 2);
        assert_eq!(state.status_key(), "running");
        assert!(state.report().is_none());
    }

    #[test]
    fn a_failed_run_shows_the_error() {
        let state = reduce(
            AppState::default(),
            [
                files(&["a.csv"]),
                Action::AnalysisFinished { revision: 1, outcome: Err("boom".into()) },
            ],
        );
        assert_eq!(state.analysis, Analysis::Failed("boom".into()));
        assert_eq!(state.status_key(), "error");
    }

    #[test]
    fn switching_language_after_a_run_rewords_the_report_kept_on_screen_and_offers_no_cancel() {
        let state = reduce(analysed(&["a.csv"]), [Action::ToggleLang]);
        assert_eq!(state.lang, Lang::En);
        assert_eq!(state.revision, 2);
        assert_eq!(state.status_key(), "rewording");
        assert!(state.needs_analysis(), "the worker is asked for the new words");
        assert!(!state.is_running(), "not a run: no cancel, no progress bar");
        assert_eq!(state.report().map(|r| r.lang.as_str()), Some("zh"));
        // Cancel (had it been offered) cannot take the report away.
        let pressed = reduce(state.clone(), [Action::CancelAnalysis]);
        assert_eq!(pressed, state);
        let state =
            reduce(state, [Action::AnalysisFinished { revision: 2, outcome: Ok(report("en")) }]);
        assert_eq!(state.status_key(), "done");
        assert_eq!(state.report().map(|r| r.lang.as_str()), Some("en"));
        // Back and forth while the words come: the report stays, the request in flight is not
        // replaced, and its answer is worded again in the language the page ends up in.
        let state = reduce(state, [Action::ToggleLang, Action::ToggleLang]);
        assert_eq!((state.lang, state.status_key(), state.revision), (Lang::En, "rewording", 3));
        assert_eq!(state.report().map(|r| r.lang.as_str()), Some("en"));
        let state =
            reduce(state, [Action::AnalysisFinished { revision: 3, outcome: Ok(report("zh")) }]);
        assert_eq!((state.status_key(), state.revision), ("rewording", 4));
        // Wording it failed: the report stays, in the words it has.
        let failed =
            reduce(state, [Action::AnalysisFinished { revision: 4, outcome: Err("x".into()) }]);
        assert_eq!(failed.status_key(), "done");
        assert!(failed.report().is_some());
    }

    #[test]
    fn switching_language_during_a_run_lets_it_finish_then_rewords_its_report() {
        let state = reduce(AppState::default(), [files(&["a.csv"]), Action::ToggleLang]);
        assert_eq!(state.lang, Lang::En);
        assert_eq!((state.revision, state.status_key()), (1, "running"), "the run carries on");
        let state = reduce(
            state,
            [Action::AnalysisProgress { revision: 1, stage: Stage::Matching }, Action::ToggleLang],
        );
        assert_eq!(state.lang, Lang::Zh);
        assert_eq!(
            state.analysis,
            Analysis::Running { previous: None, stage: Some(Stage::Matching) },
            "its progress is kept"
        );
        let state = reduce(state, [Action::ToggleLang]);
        // The run finishes in Chinese, the language it started in; the page now asks English.
        let state =
            reduce(state, [Action::AnalysisFinished { revision: 1, outcome: Ok(report("zh")) }]);
        assert_eq!((state.revision, state.status_key()), (2, "rewording"));
        assert_eq!(state.report().map(|r| r.lang.as_str()), Some("zh"), "shown meanwhile");
        let state =
            reduce(state, [Action::AnalysisFinished { revision: 2, outcome: Ok(report("en")) }]);
        assert_eq!(state.status_key(), "done");
        assert_eq!(state.report().map(|r| r.lang.as_str()), Some("en"));
    }

    #[test]
    fn progress_of_the_current_run_is_shown_and_of_an_older_one_ignored() {
        let reading = |name: &str| Stage::Reading {
            file: 1,
            files: 1,
            name: name.into(),
            bytes: 9,
            done_bytes: 0,
            total_bytes: 9,
        };
        let state = reduce(
            AppState::default(),
            [
                files(&["a.csv"]),
                Action::AnalysisProgress { revision: 1, stage: reading("a.csv") },
                files(&["b.csv"]),
                // A late word from the run for the first file set.
                Action::AnalysisProgress { revision: 1, stage: Stage::Matching },
            ],
        );
        assert_eq!(state.analysis, Analysis::Running { previous: None, stage: None });
        let state =
            reduce(state, [Action::AnalysisProgress { revision: 2, stage: reading("b.csv") }]);
        assert_eq!(
            state.analysis,
            Analysis::Running { previous: None, stage: Some(reading("b.csv")) }
        );
        // Progress after the answer changes nothing.
        let done = reduce(
            state,
            [
                Action::AnalysisFinished { revision: 2, outcome: Ok(report("zh")) },
                Action::AnalysisProgress { revision: 2, stage: Stage::Matching },
            ],
        );
        assert_eq!(done.status_key(), "done");
    }

    #[test]
    fn a_cancel_stops_the_run_drops_its_answer_and_can_run_it_again() {
        let state = reduce(
            AppState::default(),
            [
                files(&["a.csv"]),
                Action::AnalysisFinished { revision: 1, outcome: Ok(report("zh")) },
                files(&["b.csv"]),
                Action::CancelAnalysis,
            ],
        );
        assert_eq!(state.status_key(), "cancelled");
        assert!(!state.needs_analysis(), "the worker must not be asked again");
        assert!(state.report().is_none(), "no report of other inputs stays on screen");
        // The cancelled run's answer, had it come, is not shown.
        let late = reduce(
            state.clone(),
            [Action::AnalysisFinished { revision: 2, outcome: Ok(report("en")) }],
        );
        assert_eq!(late.status_key(), "cancelled");
        // Run again: a new revision, analysed.
        let again = reduce(state, [Action::RerunAnalysis]);
        assert_eq!((again.status_key(), again.revision), ("running", 3));
        // Cancel and rerun mean nothing when no analysis runs or was cancelled.
        let idle = reduce(AppState::default(), [Action::CancelAnalysis, Action::RerunAnalysis]);
        assert_eq!(idle, AppState::default());
        let done =
            reduce(again, [Action::AnalysisFinished { revision: 3, outcome: Ok(report("en")) }]);
        assert_eq!(reduce(done.clone(), [Action::CancelAnalysis, Action::RerunAnalysis]), done);
    }

    #[test]
    fn analyses_that_matched_the_files_are_counted() {
        let state = reduce(
            AppState::default(),
            [files(&["a.csv"]), Action::FilesMatched, Action::ToggleLang, Action::FilesMatched],
        );
        assert_eq!(state.matched_runs, 2);
    }

    #[test]
    fn new_files_or_clearing_after_a_cancel_start_over() {
        let cancelled = reduce(AppState::default(), [files(&["a.csv"]), Action::CancelAnalysis]);
        let more = reduce(cancelled.clone(), [files(&["b.csv"])]);
        assert_eq!(more.status_key(), "running");
        let cleared = reduce(cancelled, [Action::ClearFiles]);
        assert_eq!(cleared.status_key(), "idle");
    }

    #[test]
    fn only_a_finished_report_of_the_current_inputs_is_exported() {
        let running = reduce(
            AppState::default(),
            [
                files(&["a.csv"]),
                Action::AnalysisFinished { revision: 1, outcome: Ok(report("zh")) },
                files(&["b.csv"]),
                Action::ExportRequested(ExportFormat::Csv.into()),
            ],
        );
        assert!(running.report().is_some(), "the old report stays on screen, greyed");
        assert_eq!(running.export_running(), None, "the worker keeps only the new report");
        // An export running when the inputs change is dropped, so the bar is free again.
        let exporting = reduce(
            running,
            [
                Action::AnalysisFinished { revision: 2, outcome: Ok(report("zh")) },
                Action::ExportRequested(ExportFormat::Csv.into()),
            ],
        );
        assert_eq!(exporting.export_running(), Some(&ExportFormat::Csv.into()));
        let changed = reduce(exporting, [Action::ToggleLang]);
        assert_eq!(changed.export_running(), None);
    }

    #[test]
    fn switching_language_without_files_stays_idle() {
        let state = reduce(AppState::default(), [Action::ToggleLang]);
        assert_eq!(state.lang, Lang::En);
        assert_eq!(state.status_key(), "idle");
        let same = reduce(state.clone(), [Action::SetLang(Lang::En)]);
        assert_eq!(same, state);
    }

    #[test]
    fn removing_the_last_file_goes_idle() {
        let state = reduce(
            AppState::default(),
            [
                files(&["a.csv", "b.csv"]),
                Action::AnalysisFinished { revision: 1, outcome: Ok(report("zh")) },
            ],
        );
        let first = state.files[0].id;
        let state = reduce(state, [Action::RemoveFile(first)]);
        assert_eq!(names(&state), ["b.csv"]);
        assert_eq!(state.status_key(), "running");
        let state = reduce(state, [Action::ClearFiles]);
        assert!(state.files.is_empty());
        assert_eq!(state.status_key(), "idle");
        assert!(state.report().is_none());
    }

    #[test]
    fn removing_an_unknown_file_does_not_rerun() {
        let state = reduce(AppState::default(), [files(&["a.csv"])]);
        let after = reduce(state.clone(), [Action::RemoveFile(99), Action::ClearFiles]);
        assert_eq!(after.revision, 2);
        let unchanged = reduce(state.clone(), [Action::RemoveFile(99)]);
        assert_eq!(unchanged, state);
    }

    #[test]
    fn dragging_highlights_until_left_or_dropped() {
        let state = reduce(AppState::default(), [Action::SetDragging(true)]);
        assert!(state.dragging);
        let state = reduce(state, [Action::SetDragging(false)]);
        assert!(!state.dragging);
    }

    #[test]
    fn pending_loads_count_up_and_down_without_underflow() {
        let state = reduce(
            AppState::default(),
            [Action::LoadStarted, Action::LoadStarted, Action::LoadFinished],
        );
        assert_eq!(state.pending_loads, 1);
        let state = reduce(state, [Action::LoadFinished, Action::LoadFinished]);
        assert_eq!(state.pending_loads, 0);
    }

    #[test]
    fn notices_show_and_dismiss() {
        let notice = Notice { kind: NoticeKind::DemoFailed, detail: "404".into() };
        let state = reduce(AppState::default(), [Action::ShowNotice(notice.clone())]);
        assert_eq!(state.notice, Some(notice));
        let state = reduce(state, [Action::DismissNotice]);
        assert_eq!(state.notice, None);
    }

    #[test]
    fn finding_details_toggle_and_reset_when_files_change() {
        let state = reduce(
            AppState::default(),
            [Action::ToggleFinding("F0001".into()), Action::ToggleFinding("F0002".into())],
        );
        assert_eq!(state.expanded.len(), 2);
        let state = reduce(state, [Action::ToggleFinding("F0001".into())]);
        assert_eq!(state.expanded.iter().collect::<Vec<_>>(), ["F0002"]);
        let state = reduce(state, [files(&["a.csv"])]);
        assert!(state.expanded.is_empty());
    }

    #[test]
    fn list_pages_and_opened_notes_are_kept_until_the_files_change() {
        let notes = NotesKey { file: "pos.csv".into(), sheet: None, list: NoteList::Rejected };
        let state = reduce(
            reduce(AppState::default(), [files(&["pos.csv"])]),
            [
                Action::ShowPage(List::Findings, 3),
                Action::ShowPage(List::Health, 1),
                Action::ShowMoreNotes(notes.clone()),
                Action::ShowMoreNotes(notes.clone()),
            ],
        );
        assert_eq!(state.windows.page(List::Findings), 3);
        assert_eq!(state.windows.page(List::Health), 1);
        assert_eq!(state.windows.page(List::Incidents), 0, "untouched lists stay on page 1");
        assert_eq!(state.windows.more_notes(&notes), 2);
        // A new language keeps the place: the same findings come back in other words.
        let state = reduce(state, [Action::ToggleLang]);
        assert_eq!(state.windows.page(List::Findings), 3);
        // Another file set starts every list from its beginning.
        let state = reduce(state, [files(&["bank.csv"])]);
        assert_eq!(state.windows, Windows::default());
        let state = reduce(state, [Action::ShowPage(List::Findings, 2), Action::ClearFiles]);
        assert_eq!(state.windows.page(List::Findings), 0);
    }

    #[test]
    fn a_search_or_filter_shows_the_first_page_of_what_it_keeps_and_survives_a_new_language() {
        use crate::filter::{Column, FilterChange};
        let state = reduce(
            reduce(AppState::default(), [files(&["pos.csv"])]),
            [
                Action::ShowPage(List::Findings, 4),
                Action::ShowPage(List::Health, 1),
                Action::FilterFindings(FilterChange::Query("1234".into())),
            ],
        );
        assert_eq!(state.findings_filter.query, "1234");
        assert_eq!(
            state.windows.page(List::Findings),
            0,
            "page 5 of all findings is not page 5 of the kept"
        );
        assert_eq!(state.windows.page(List::Health), 1, "other lists keep their place");
        let state = reduce(
            state,
            [
                Action::ShowPage(List::Findings, 2),
                Action::FilterFindings(FilterChange::SortBy(Column::Amount)),
            ],
        );
        assert_eq!(state.windows.page(List::Findings), 0);
        let state = reduce(state, [Action::ToggleLang]);
        assert_eq!(state.findings_filter.query, "1234", "the same findings in other words");
        let state = reduce(state, [Action::FilterFindings(FilterChange::Clear)]);
        assert!(!state.findings_filter.narrows());
        assert!(state.findings_filter.sort.is_some(), "clearing the filters keeps the sort");
    }

    fn verdict() -> Rc<CheckResult> {
        use posrecon_engine::check::{CHECK_SCHEMA, CheckQuery, Verdict};
        let time = NaiveDate::from_ymd_opt(2026, 11, 13).unwrap().and_hms_opt(17, 25, 0).unwrap();
        Rc::new(CheckResult {
            schema: CHECK_SCHEMA.to_owned(),
            as_of: NaiveDate::from_ymd_opt(2026, 11, 17).unwrap(),
            lang: "zh".to_owned(),
            query: CheckQuery::new(time, 5600),
            verdict: Verdict::ReversedNotCharged,
            label: "未扣款（已冲正）".to_owned(),
            title: "没有扣款".to_owned(),
            explanation: String::new(),
            say_to_customer: vec!["您的卡没有被扣款".to_owned()],
            actions: Vec::new(),
            check_again_after: None,
            records: Vec::new(),
            candidates: Vec::new(),
            nearby: Vec::new(),
            searched: Vec::new(),
        })
    }

    fn fill(time: &str, amount: &str) -> [Action; 2] {
        [
            Action::CheckInput(CheckField::Time, time.into()),
            Action::CheckInput(CheckField::Amount, amount.into()),
        ]
    }

    #[test]
    fn the_check_form_keeps_what_was_typed() {
        let state = reduce(
            AppState::default(),
            [
                Action::CheckInput(CheckField::Time, "2026-11-13T17:25".into()),
                Action::CheckInput(CheckField::Amount, "56".into()),
                Action::CheckInput(CheckField::Card, "8429".into()),
                Action::CheckInput(CheckField::Terminal, "10086603".into()),
                Action::CheckInput(CheckField::Wallet, "alipay".into()),
            ],
        );
        let expected = CheckForm {
            time: "2026-11-13T17:25".into(),
            amount: "56".into(),
            card: "8429".into(),
            terminal: "10086603".into(),
            wallet: "alipay".into(),
        };
        assert_eq!(state.check_form, expected);
        assert_eq!(state.check_key(), "idle");
        assert!(!state.needs_check());
    }

    #[test]
    fn submitting_without_time_amount_or_files_asks_for_them() {
        let no_files = reduce(AppState::default(), fill("2026-11-13T17:25", "56"));
        let no_files = reduce(no_files, [Action::CheckSubmitted]);
        assert_eq!(no_files.check_key(), "incomplete");
        let no_amount = reduce(AppState::default(), [files(&["a.csv"])]);
        let no_amount = reduce(no_amount, fill("2026-11-13T17:25", " "));
        let no_amount = reduce(no_amount, [Action::CheckSubmitted]);
        assert_eq!(no_amount.check_key(), "incomplete");
        assert_eq!(no_amount.check_seq, 0);
        assert!(!no_amount.needs_check());
    }

    #[test]
    fn a_submitted_check_runs_and_shows_its_verdict() {
        let state = analysed(&["a.csv"]);
        let state = reduce(state, fill("2026-11-13T17:25", "56"));
        let state = reduce(state, [Action::CheckSubmitted]);
        assert_eq!(state.check_seq, 1);
        assert!(state.needs_check());
        assert_eq!(state.check_submitted.as_ref().map(|f| f.amount.as_str()), Some("56"));
        // Typing after submitting does not change what is being checked.
        let state = reduce(state, [Action::CheckInput(CheckField::Amount, "57".into())]);
        assert_eq!(state.check_submitted.as_ref().map(|f| f.amount.as_str()), Some("56"));
        let state = reduce(state, [Action::CheckFinished { seq: 1, outcome: Ok(verdict()) }]);
        assert_eq!(state.check_key(), "done");
        assert_eq!(state.check, Check::Done(verdict()));
        // The analysis is untouched.
        assert_eq!(state.revision, 1);
    }

    #[test]
    fn the_wallet_choice_is_submitted_with_the_form_and_can_be_cleared() {
        let state = analysed(&["a.csv"]);
        let state = reduce(state, fill("2026-11-09T10:05", "56"));
        assert_eq!(state.check_form.wallet, "", "not sure by default");
        let state = reduce(
            state,
            [Action::CheckInput(CheckField::Wallet, "wechat".into()), Action::CheckSubmitted],
        );
        assert!(state.needs_check());
        assert_eq!(state.check_submitted.as_ref().map(|f| f.wallet.as_str()), Some("wechat"));
        // Back to 不确定 after submitting: the running check keeps its wallet.
        let state = reduce(state, [Action::CheckInput(CheckField::Wallet, String::new())]);
        assert_eq!(state.check_form.wallet, "");
        assert_eq!(state.check_submitted.as_ref().map(|f| f.wallet.as_str()), Some("wechat"));
    }

    #[test]
    fn a_stale_check_reply_is_ignored_and_errors_are_shown() {
        let state = analysed(&["a.csv"]);
        let state = reduce(state, fill("2026-11-13T17:25", "56"));
        let state = reduce(state, [Action::CheckSubmitted, Action::CheckSubmitted]);
        assert_eq!(state.check_seq, 2);
        let state = reduce(state, [Action::CheckFinished { seq: 1, outcome: Ok(verdict()) }]);
        assert_eq!(state.check_key(), "running");
        let state =
            reduce(state, [Action::CheckFinished { seq: 2, outcome: Err("金额看不懂".into()) }]);
        assert_eq!(state.check, Check::Failed("金额看不懂".into()));
        // A late duplicate reply changes nothing.
        let after =
            reduce(state.clone(), [Action::CheckFinished { seq: 2, outcome: Ok(verdict()) }]);
        assert_eq!(after, state);
    }

    #[test]
    fn new_files_or_language_rerun_the_check_and_no_files_forget_it() {
        let state = analysed(&["a.csv"]);
        let state = reduce(state, fill("2026-11-13T17:25", "56"));
        let state = reduce(
            state,
            [Action::CheckSubmitted, Action::CheckFinished { seq: 1, outcome: Ok(verdict()) }],
        );
        // Another language: the verdict is worded again at once (the files stay matched).
        let state = reduce(state, [Action::ToggleLang]);
        assert_eq!((state.check_seq, state.check_key()), (2, "running"));
        // Other files: the check waits for their analysis, then runs.
        let state = reduce(state, [files(&["b.csv"])]);
        assert_eq!((state.check_seq, state.check_key()), (2, "waiting"));
        assert!(!state.needs_check());
        let state =
            reduce(state, [Action::AnalysisFinished { revision: 3, outcome: Ok(report("en")) }]);
        assert_eq!((state.check_seq, state.check_key()), (3, "running"));
        let state = reduce(state, [Action::ClearFiles]);
        assert_eq!(state.check_key(), "idle");
        assert!(!state.needs_check());
        // The form stays filled in for the next files.
        assert_eq!(state.check_form.amount, "56");
    }

    #[test]
    fn a_check_submitted_during_a_run_waits_for_it_in_a_first_run_and_a_rerun_alike() {
        let first = reduce(AppState::default(), [files(&["a.csv"])]);
        let rerun = reduce(analysed(&["a.csv"]), [files(&["b.csv"])]);
        for state in [first, rerun] {
            let revision = state.revision;
            let state = reduce(state, fill("2026-11-13T17:25", "56"));
            let state = reduce(state, [Action::CheckSubmitted]);
            assert_eq!(state.check_key(), "waiting", "said in words, not sent");
            assert!(!state.needs_check());
            let seq = state.check_seq;
            let state =
                reduce(state, [Action::AnalysisFinished { revision, outcome: Ok(report("zh")) }]);
            assert_eq!((state.check_key(), state.check_seq), ("running", seq + 1));
            assert!(state.needs_check(), "asked as soon as the files are analysed");
        }
    }

    #[test]
    fn a_check_after_a_cancel_waits_for_the_analysis_run_again() {
        let state = reduce(AppState::default(), [files(&["a.csv"]), Action::CancelAnalysis]);
        let state = reduce(state, fill("2026-11-13T17:25", "56"));
        let state = reduce(state, [Action::CheckSubmitted]);
        assert_eq!(state.check_key(), "waiting");
        assert!(!state.needs_check() && !state.needs_analysis(), "no hidden work");
        let state = reduce(state, [Action::RerunAnalysis]);
        assert_eq!((state.status_key(), state.check_key()), ("running", "waiting"));
        let state =
            reduce(state, [Action::AnalysisFinished { revision: 2, outcome: Ok(report("zh")) }]);
        assert!(state.needs_check());
        // A check running when its files change is asked again after their analysis; a cancel
        // leaves it waiting, not running.
        let state = reduce(state, [files(&["b.csv"]), Action::CancelAnalysis]);
        assert_eq!(state.check_key(), "waiting");
        assert!(!state.needs_check());
    }

    #[test]
    fn an_unasked_check_is_not_started_by_new_files() {
        let state = reduce(AppState::default(), [files(&["a.csv"]), Action::ToggleLang]);
        assert_eq!((state.check_seq, state.check_key()), (0, "idle"));
    }

    #[test]
    fn exporting_needs_a_report() {
        let state =
            reduce(AppState::default(), [Action::ExportRequested(ExportFormat::Xlsx.into())]);
        assert_eq!(state.export, Export::Idle);
        assert_eq!(state.export_seq, 0);
    }

    #[test]
    fn an_export_runs_until_its_download_and_ignores_presses_meanwhile() {
        let state = reduce(
            AppState::default(),
            [
                files(&["a.csv"]),
                Action::AnalysisFinished { revision: 1, outcome: Ok(report("zh")) },
                Action::ExportRequested(ExportFormat::Html.into()),
                Action::ExportRequested(ExportFormat::Csv.into()),
            ],
        );
        assert_eq!(state.export_running(), Some(&ExportFormat::Html.into()));
        assert_eq!(state.export_seq, 1);
        let done = reduce(state, [Action::ExportFinished { seq: 1, outcome: Ok(()) }]);
        assert_eq!(done.export, Export::Idle);
        let next = reduce(done, [Action::ExportRequested(ExportFormat::Json.into())]);
        assert_eq!((next.export_seq, next.export_running()), (2, Some(&ExportFormat::Json.into())));
    }

    #[test]
    fn a_failed_export_says_why_and_a_stale_reply_is_ignored() {
        let state = reduce(
            AppState::default(),
            [
                files(&["a.csv"]),
                Action::AnalysisFinished { revision: 1, outcome: Ok(report("zh")) },
                Action::ExportRequested(ExportFormat::Xlsx.into()),
                Action::ExportFinished { seq: 0, outcome: Ok(()) },
            ],
        );
        assert_eq!(state.export_running(), Some(&ExportFormat::Xlsx.into()), "stale reply ignored");
        let failed =
            reduce(state, [Action::ExportFinished { seq: 1, outcome: Err("boom".into()) }]);
        assert_eq!(failed.export, Export::Failed("boom".into()));
        // A failure does not block the next export.
        let retry = reduce(failed, [Action::ExportRequested(ExportFormat::Xlsx.into())]);
        assert_eq!(retry.export_running(), Some(&ExportFormat::Xlsx.into()));
    }

    fn exported(target: ExportTarget) -> AppState {
        reduce(
            AppState::default(),
            [
                files(&["a.csv"]),
                Action::AnalysisFinished { revision: 1, outcome: Ok(report("zh")) },
                Action::ExportRequested(target),
            ],
        )
    }

    #[test]
    fn a_chat_text_is_shown_and_says_whether_the_clipboard_took_it() {
        let target = ExportTarget::FindingText("F0004".into());
        let state = exported(target.clone());
        assert_eq!(state.export_running(), Some(&target));
        let state = reduce(state, [Action::TextReady { seq: 1, text: "F0004 掉单".into() }]);
        assert_eq!(state.export, Export::Idle, "the buttons are free again");
        let chat = state.chat_text.clone().expect("the text is shown");
        assert_eq!(
            (chat.target, chat.text.as_str(), chat.copy),
            (target, "F0004 掉单", CopyState::Copying)
        );
        // A clipboard answer for an older text is ignored; a refusal leaves the text to copy by
        // hand.
        let state = reduce(state, [Action::TextCopied { seq: 0, copied: true }]);
        assert_eq!(state.chat_text.as_ref().unwrap().copy, CopyState::Copying);
        let refused = reduce(state.clone(), [Action::TextCopied { seq: 1, copied: false }]);
        assert_eq!(refused.chat_text.as_ref().unwrap().copy, CopyState::Refused);
        let copied = reduce(state, [Action::TextCopied { seq: 1, copied: true }]);
        assert_eq!(copied.chat_text.as_ref().unwrap().copy, CopyState::Copied);
        // Another language words the report again: the text shown is of the old words.
        let switched = reduce(copied, [Action::ToggleLang]);
        assert_eq!(switched.chat_text, None);
    }

    #[test]
    fn a_redaction_choice_applies_to_what_is_rendered_next_and_drops_what_was() {
        let state = reduce(
            exported(ExportTarget::RunText),
            [Action::TextReady { seq: 1, text: "本次核对".into() }],
        );
        assert!(state.chat_text.is_some());
        assert_eq!(state.redaction, Redaction::default(), "nothing is left out by default");
        let state = reduce(state, [Action::SetRedaction(RedactionChoice::DropCardDigits, true)]);
        assert!(state.redaction.drop_card_digits && !state.redaction.mask_ids);
        assert_eq!(state.chat_text, None, "the text shown had the card digits");
        assert_eq!(state.revision, 1, "redaction needs no new analysis");
        let state = reduce(state, [Action::SetRedaction(RedactionChoice::DropCardDigits, false)]);
        assert_eq!(state.redaction, Redaction::default());
    }

    #[test]
    fn an_export_that_cannot_download_is_shown_in_the_page_until_closed() {
        let view = InPageView {
            file_name: "F0004-案件单.html".into(),
            content: InPageContent::Html("<!DOCTYPE html>".into()),
        };
        let state = exported(ExportTarget::Sheet("F0004".into()));
        let stale = reduce(state.clone(), [Action::ShownInPage { seq: 0, view: view.clone() }]);
        assert_eq!(stale.in_page, None);
        let shown = reduce(state, [Action::ShownInPage { seq: 1, view: view.clone() }]);
        assert_eq!((shown.in_page.as_ref(), &shown.export), (Some(&view), &Export::Idle));
        assert_eq!(reduce(shown.clone(), [Action::CloseInPage]).in_page, None);
        // New inputs: the document is of the old report.
        assert_eq!(reduce(shown, [files(&["b.csv"])]).in_page, None);
    }

    fn saved(sig: &str, name: &str) -> SavedTemplate {
        SavedTemplate {
            name: name.into(),
            source_file: "till.csv".into(),
            header_signature: sig.into(),
            role: Some(Role::TerminalLog),
            columns: [("time".to_owned(), "When".to_owned())].into_iter().collect(),
            ..SavedTemplate::default()
        }
    }

    /// A report whose inputs are given as JSON objects of the report contract.
    fn report_with_inputs(inputs: &str) -> Rc<Report> {
        let mut report = (*report("zh")).clone();
        report.inputs = serde_json::from_str(inputs).expect("inputs match the contract");
        Rc::new(report)
    }

    #[test]
    fn files_in_doubt_wait_for_a_role_until_one_is_chosen() {
        let input = |file: &str, sheet: &str, doubt: &str| {
            format!(
                r#"{{"file": "{file}", "sheet": {sheet}, "sha256": "00", "bytes": 10,
                    "format": "csv", "encoding": "utf-8", "role": "terminal_log",
                    "role_confidence": 0.3, "dialect": null, "header_line": 1, "data_rows": 0,
                    "skipped_rows": [], "rejected_rows": [], "coverage": null, "columns": {{}}
                    {doubt}}}"#
            )
        };
        let doubt = r#", "role_doubt": {"reason": "low_confidence", "detail": "only times"}"#;
        let inputs = format!(
            "[{}, {}, {}, {}]",
            input("bank.csv", "null", ""),
            input("list.xlsx", r#""Sheet1""#, doubt),
            input("list.xlsx", r#""Sheet2""#, doubt),
            input("orders.csv", "null", doubt),
        );
        let state = reduce(
            AppState::default(),
            [
                files(&["bank.csv", "list.xlsx", "orders.csv"]),
                Action::AnalysisFinished { revision: 1, outcome: Ok(report_with_inputs(&inputs)) },
            ],
        );
        assert_eq!(state.awaiting_role(), ["list.xlsx", "orders.csv"], "one entry per file");
        // Confirming the detected role is the role select's own action: it reruns at once, and
        // the file waits no more while the rerun is going.
        let state = reduce(
            state,
            [Action::SetRole { file: "list.xlsx".into(), role: Some(Role::TerminalLog) }],
        );
        assert_eq!(state.status_key(), "running");
        assert!(state.needs_analysis());
        assert_eq!(state.awaiting_role(), ["orders.csv"]);
        assert!(AppState::default().awaiting_role().is_empty(), "no report, nothing waits");
    }

    #[test]
    fn choosing_a_role_or_encoding_reruns_and_auto_clears_it() {
        let state = reduce(AppState::default(), [files(&["a.csv"])]);
        let state = reduce(
            state,
            [Action::SetRole { file: "a.csv".into(), role: Some(Role::TerminalLog) }],
        );
        assert_eq!(state.role_overrides.get("a.csv"), Some(&Role::TerminalLog));
        assert_eq!((state.revision, state.status_key()), (2, "running"));
        let same = reduce(
            state.clone(),
            [Action::SetRole { file: "a.csv".into(), role: Some(Role::TerminalLog) }],
        );
        assert_eq!(same.revision, 2, "choosing the same role again changes nothing");
        let state = reduce(state, [Action::SetRole { file: "a.csv".into(), role: None }]);
        assert!(state.role_overrides.is_empty());
        assert_eq!(state.revision, 3);
        let state = reduce(
            state,
            [Action::SetEncoding { file: "a.csv".into(), encoding: Some("gb18030".into()) }],
        );
        assert_eq!(state.encoding_overrides.get("a.csv").map(String::as_str), Some("gb18030"));
        let options = state.analysis_options();
        assert_eq!(options.encoding_overrides.len(), 1);
        let state = reduce(state, [Action::SetEncoding { file: "a.csv".into(), encoding: None }]);
        assert!(state.encoding_overrides.is_empty());
        assert_eq!(state.revision, 5);
    }

    #[test]
    fn clearing_the_files_forgets_the_roles_and_encodings_chosen_for_them() {
        let state = reduce(
            AppState::default(),
            [
                files(&["a.csv"]),
                Action::SetRole { file: "a.csv".into(), role: Some(Role::OrderList) },
                Action::SetEncoding { file: "a.csv".into(), encoding: Some("gb18030".into()) },
                Action::ClearFiles,
                files(&["a.csv"]),
            ],
        );
        assert!(state.role_overrides.is_empty(), "the same name dropped again is detected");
        assert!(state.encoding_overrides.is_empty());
        assert!(state.analysis_options().role_overrides.is_empty());
    }

    #[test]
    fn mapping_a_column_makes_an_edit_for_the_header_signature() {
        let state = reduce(AppState::default(), [files(&["till.csv"])]);
        let current: BTreeMap<String, String> =
            [("amount".to_owned(), "Money".to_owned())].into_iter().collect();
        let map = |header: &str, field: Option<&str>| Action::MapColumn {
            signature: "when|money".into(),
            current: current.clone(),
            header: header.into(),
            field: field.map(str::to_owned),
        };
        let state = reduce(state, [map("When", Some("time"))]);
        let edit = &state.mapping_edits["when|money"];
        assert_eq!(edit.columns.get("time").map(String::as_str), Some("When"));
        assert_eq!(edit.columns.get("amount").map(String::as_str), Some("Money"));
        assert_eq!(state.revision, 2);
        // A column carries one field: mapping it again moves it; "not used" removes it.
        let state = reduce(state, [map("When", Some("date")), map("Money", None)]);
        let edit = &state.mapping_edits["when|money"];
        assert_eq!(edit.columns.len(), 1);
        assert_eq!(edit.columns.get("date").map(String::as_str), Some("When"));
        assert_eq!(state.mapping_templates().len(), 1);
        assert_eq!(state.analysis_options().mapping_templates[0].header_signature, "when|money");
    }

    #[test]
    fn mapping_a_value_edits_the_mapping_and_saving_keeps_it() {
        use crate::mapping::ValueMeaning;
        use posrecon_engine::model::{Outcome, TxnType};
        let state = reduce(AppState::default(), [files(&["till.csv"])]);
        let current: BTreeMap<String, String> =
            [("status".to_owned(), "结果".to_owned())].into_iter().collect();
        let value = |field: &str, value: &str, meaning: Option<ValueMeaning>| Action::MapValue {
            signature: "时间点|结果".into(),
            current: current.clone(),
            field: field.into(),
            value: value.into(),
            meaning,
        };
        let state = reduce(
            state,
            [
                value("status", " 好了 ", Some(ValueMeaning::Outcome(Outcome::Approved))),
                value("type", "收钱", Some(ValueMeaning::Type(TxnType::Sale))),
            ],
        );
        let edit = &state.mapping_edits["时间点|结果"];
        assert_eq!(edit.status_values.get("好了"), Some(&Outcome::Approved));
        assert_eq!(edit.type_values.get("收钱"), Some(&TxnType::Sale));
        // The columns the file was read with are kept; each value edit reruns the analysis.
        assert_eq!(edit.columns.get("status").map(String::as_str), Some("结果"));
        assert_eq!(state.revision, 3);
        let sent = &state.analysis_options().mapping_templates[0];
        assert_eq!(sent.status_values.len(), 1);
        // Back to the engine's reading; a field that is neither status nor type changes nothing.
        let state = reduce(state, [value("status", "好了", None), value("amount", "1", None)]);
        assert!(state.mapping_edits["时间点|结果"].status_values.is_empty());
        assert_eq!(state.revision, 4);
        // A mapped column keeps the values mapped before.
        let state = reduce(
            state,
            [Action::MapColumn {
                signature: "时间点|结果".into(),
                current: current.clone(),
                header: "时间点".into(),
                field: Some("time".into()),
            }],
        );
        assert_eq!(state.mapping_edits["时间点|结果"].type_values.len(), 1);
    }

    #[test]
    fn saving_a_template_replaces_the_edit_and_same_signatures() {
        let state = reduce(
            AppState::default(),
            [
                files(&["till.csv"]),
                Action::MapColumn {
                    signature: "when|money".into(),
                    current: BTreeMap::new(),
                    header: "When".into(),
                    field: Some("time".into()),
                },
                Action::SaveTemplate(saved("when|money", "收银机")),
            ],
        );
        assert!(state.mapping_edits.is_empty());
        assert_eq!(state.templates, [saved("when|money", "收银机")]);
        assert_eq!(state.saved_template("when|money").map(|t| t.name.as_str()), Some("收银机"));
        assert_eq!(state.revision, 3);
        let state = reduce(state, [Action::SaveTemplate(saved("when|money", "新名字"))]);
        assert_eq!(state.templates.len(), 1);
        assert_eq!(state.templates[0].name, "新名字");
        let engine = state.mapping_templates();
        assert_eq!(engine[0].role, Some(Role::TerminalLog));
    }

    #[test]
    fn templates_import_merge_and_delete() {
        let state = AppState::with_saved(vec![saved("a|b", "A")], UserSettings::default());
        assert_eq!(state.templates.len(), 1);
        assert_eq!(state.status_key(), "idle");
        let state =
            reduce(state, [Action::ImportTemplates(vec![saved("a|b", "A2"), saved("c|d", "C")])]);
        let names: Vec<&str> = state.templates.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["A2", "C"]);
        let unchanged = reduce(state.clone(), [Action::ImportTemplates(Vec::new())]);
        assert_eq!(unchanged, state);
        let state = reduce(state, [Action::DeleteTemplate("a|b".into())]);
        assert_eq!(state.templates, [saved("c|d", "C")]);
        let unchanged = reduce(state.clone(), [Action::DeleteTemplate("zz".into())]);
        assert_eq!(unchanged, state);
    }

    #[test]
    fn settings_changes_rerun_only_when_the_engine_settings_change() {
        let state = reduce(AppState::default(), [files(&["a.csv"])]);
        let state = reduce(state, [Action::SettingsInput(SettingsField::Cycle, "D+0".into())]);
        assert_eq!(state.settings.settlement_cycle, "D+0");
        assert_eq!(state.revision, 2);
        let state = reduce(state, [Action::SettingsInput(SettingsField::FeePercent, "0.6".into())]);
        assert_eq!(state.revision, 3);
        let fees = state.analysis_options().settings.unwrap().fee_rates;
        assert_eq!(fees[0].rate_per_10000, 60);
        // "0.60" is the same rate: kept as typed, no rerun.
        let state =
            reduce(state, [Action::SettingsInput(SettingsField::FeePercent, "0.60".into())]);
        assert_eq!((state.settings.fee_percent.as_str(), state.revision), ("0.60", 3));
        let state = reduce(
            state,
            [
                Action::SettingsInput(SettingsField::FeeCap, "20".into()),
                Action::SettingsInput(SettingsField::Holidays, "2026-10-08".into()),
                Action::SettingsInput(SettingsField::WorkingDays, "2026-10-11".into()),
            ],
        );
        assert_eq!(state.revision, 6);
        let settings = state.analysis_options().settings.unwrap();
        assert_eq!(settings.fee_rates[0].cap_cents, Some(2000));
        assert_eq!(settings.extra_holidays.len(), 1);
        assert_eq!(settings.extra_working_days.len(), 1);
    }

    #[test]
    fn a_finished_run_moves_to_the_answer_but_a_language_switch_does_not() {
        let state = analysed(&["a.csv"]);
        assert_eq!(state.answer_seq, 1, "the run's answer is shown: focus moves to it");
        let state = reduce(state, [Action::ToggleLang]);
        assert_eq!(state.status_key(), "rewording");
        let revision = state.revision;
        let state =
            reduce(state, [Action::AnalysisFinished { revision, outcome: Ok(report("en")) }]);
        assert_eq!(state.status_key(), "done");
        assert_eq!(state.answer_seq, 1, "the same answer in other words: focus stays");
        let state = reduce(state, [files(&["b.csv"])]);
        let revision = state.revision;
        let state = reduce(
            state,
            [Action::AnalysisFinished { revision, outcome: Err("worker crashed".into()) }],
        );
        assert_eq!(state.answer_seq, 1, "no answer to move to");
    }

    #[test]
    fn the_file_strip_opens_and_folds_on_demand() {
        let state = analysed(&["a.csv"]);
        assert!(!state.files_open);
        let state = reduce(state, [Action::ToggleFileStrip]);
        assert!(state.files_open);
        let state = reduce(state, [Action::ToggleFileStrip]);
        assert!(!state.files_open);
        let state = reduce(
            state,
            [Action::SetRole { file: "a.csv".into(), role: Some(Role::BankStatement) }],
        );
        assert!(state.files_open, "a card being corrected stays open through its rerun");
    }

    fn step(text: &str) -> StepLine {
        use posrecon_engine::report::steps::{Mark, Stage};
        StepLine {
            stage: Stage::Bank,
            mark: Mark::Late,
            head: "银行".into(),
            date: Some("11-12".into()),
            text: text.into(),
        }
    }

    #[test]
    fn steps_are_asked_for_when_a_finding_opens_and_shown_only_with_their_analysis() {
        let state = analysed(&["a.csv"]);
        let state = reduce(state, [Action::ToggleFinding("F0001".into())]);
        assert!(state.steps_wanted().is_empty(), "not before the worker keeps the report");
        let chains = Action::ChainsArrived { revision: 1, deposits: Vec::new() };
        let state = reduce(state, [chains]);
        assert_eq!(state.steps_wanted(), ["F0001"]);
        let steps = vec![("F0001".to_owned(), vec![step("晚到 2 个工作日")])];
        let arrived = Action::StepsArrived { revision: 1, steps };
        let state = reduce(state, [arrived.clone()]);
        assert_eq!(state.steps_of("F0001").map(|s| s[0].text.as_str()), Some("晚到 2 个工作日"));
        assert_eq!(state.steps_of("F0002"), None);
        assert!(state.steps_wanted().is_empty());
        let state = reduce(state, [Action::ToggleFinding("F0002".into())]);
        assert_eq!(state.steps_wanted(), ["F0002"]);
        // Another file: a new revision; the old steps are not shown with the next report.
        let state = reduce(state, [files(&["b.csv"])]);
        assert_eq!(state.steps_of("F0001"), None);
        // Steps of an older analysis arriving late are dropped.
        let state = reduce(state, [arrived]);
        assert_eq!(state.steps_of("F0001"), None);
    }

    #[test]
    fn a_checks_steps_belong_to_that_check() {
        let state = analysed(&["a.csv"]);
        let state = reduce(state, fill("2026-11-09T10:05", "1580"));
        let state = reduce(state, [Action::CheckSubmitted]);
        let state =
            reduce(state, [Action::CheckStepsArrived { seq: 1, steps: vec![step("已到账")] }]);
        assert_eq!(state.check_steps().map(|s| s.len()), Some(1));
        // The next check shows none until its own arrive (a check resting on no chain gets none).
        let state = reduce(state, [Action::CheckSubmitted]);
        assert_eq!(state.check_steps(), None);
        let state = reduce(state, [Action::CheckStepsArrived { seq: 1, steps: vec![step("x")] }]);
        assert_eq!(state.check_steps(), None, "steps of an older check are dropped");
    }

    #[test]
    fn the_worker_keys_the_findings_of_the_report_shown_and_a_stale_answer_is_dropped() {
        use posrecon_engine::follow::{FindingCase, Followed};
        let json = include_str!("../../../tests/golden/demo-week/expected.json");
        let demo: Report = serde_json::from_str(json).expect("the demo week's report");
        let followed = Rc::new(Followed {
            findings: demo
                .findings
                .iter()
                .map(|f| FindingCase {
                    finding_id: f.id.clone(),
                    key: posrecon_engine::follow::case_key(f),
                    arrived: None,
                })
                .collect(),
            earlier: Vec::new(),
        });
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let now = crate::cases::Now { today, stamp: 1 };
        let state = reduce(
            AppState::default(),
            [
                files(&["a.csv"]),
                Action::AnalysisFinished { revision: 1, outcome: Ok(Rc::new(demo)) },
            ],
        );
        let stale = reduce(
            state.clone(),
            [Action::CasesFollowed {
                revision: 0,
                followed: followed.clone(),
                made: Rc::default(),
                now,
            }],
        );
        assert!(stale.cases.cases.is_empty(), "keys of another revision are not this report's");
        let state = reduce(
            state,
            [Action::CasesFollowed {
                revision: 1,
                followed: followed.clone(),
                made: Rc::default(),
                now,
            }],
        );
        assert_eq!(state.cases.open_keys().len(), followed.findings.len());
        let key = followed.findings[0].key.clone();
        let state = reduce(
            state,
            [Action::SetCaseStatus { key, status: crate::cases::CaseStatus::Contacted, now }],
        );
        assert_eq!(state.cases.status_of("F0001"), crate::cases::CaseStatus::Contacted);
        let state = reduce(state, [Action::ClearCases(false)]);
        assert!(state.cases.confirm_clear, "the first press only asks");
        assert_eq!(state.cases.cases.len(), followed.findings.len());
        let state = reduce(state, [Action::ClearCases(true)]);
        assert!(state.cases.cases.is_empty());
    }

    #[test]
    fn an_analysis_with_a_file_awaiting_its_role_records_no_case() {
        use posrecon_engine::accounting::RoleDoubt;
        use posrecon_engine::follow::{FindingCase, Followed};
        let json = include_str!("../../../tests/golden/demo-week/expected.json");
        let mut demo: Report = serde_json::from_str(json).expect("the demo week's report");
        demo.inputs[0].role_doubt = Some(RoleDoubt {
            reason: "low_confidence".into(),
            runner_up: None,
            detail: "only times".into(),
        });
        let keyed = |f: &posrecon_engine::report::Finding| FindingCase {
            finding_id: f.id.clone(),
            key: posrecon_engine::follow::case_key(f),
            arrived: None,
        };
        let followed = Rc::new(Followed {
            findings: demo.findings.iter().map(keyed).collect(),
            earlier: vec![],
        });
        let now =
            crate::cases::Now { today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), stamp: 1 };
        let state = reduce(
            AppState::default(),
            [
                files(&["a.csv"]),
                Action::AnalysisFinished { revision: 1, outcome: Ok(Rc::new(demo)) },
                Action::CasesFollowed { revision: 1, followed, made: Rc::default(), now },
            ],
        );
        assert!(!state.awaiting_role().is_empty());
        assert!(state.cases.cases.is_empty(), "no case rests on a doubted role");
        assert!(state.cases.unsure, "待跟进 says why");
    }
}
