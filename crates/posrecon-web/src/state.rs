//! The whole UI state and the one reducer that changes it.
//!
//! Pure: no browser calls, no clock, no worker. The app dispatches [`Action`]s from events and
//! worker replies; everything the page shows is derived from [`AppState`]. The tests at the
//! bottom run natively with plain `#[test]`.
//!
//! Analysis bookkeeping: every change to the file set or the language bumps
//! [`AppState::revision`] and marks the analysis as running. The app sends the revision along
//! with the files to the worker, and a reply is accepted only if its revision is still the
//! current one, so a slow reply for an older file set can never overwrite a newer result.

use std::collections::BTreeSet;
use std::rc::Rc;

use posrecon_engine::Lang;
use posrecon_engine::report::Report;
use yew::Reducible;

/// One file the merchant loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFile {
    /// Stable id for keys and removal.
    pub id: u64,
    /// File name as given (no directories).
    pub name: String,
    /// The bytes, shared (cloning the state never copies them).
    pub bytes: Rc<[u8]>,
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
    },
    /// Finished.
    Done(Rc<Report>),
    /// The worker could not finish.
    Failed(String),
}

/// What a notice is about; the text comes from `i18n` so it follows the language switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Fetching the demo files failed.
    DemoFailed,
    /// Reading a dropped or picked file failed.
    ReadFailed,
}

/// A dismissible message above the file list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What happened.
    pub kind: NoticeKind,
    /// Detail from the browser (untrusted text, shown escaped).
    pub detail: String,
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
    /// Files are being dragged over the drop zone.
    pub dragging: bool,
    next_file_id: u64,
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
    /// Files were read: `(name, bytes)`. A file with the name of a loaded one replaces it.
    FilesAdded(Vec<(String, Vec<u8>)>),
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
    /// Show a notice.
    ShowNotice(Notice),
    /// Hide the notice.
    DismissNotice,
    /// Open or close the details of a finding.
    ToggleFinding(String),
}

impl AppState {
    /// A fresh state in the given language.
    pub fn new(lang: Lang) -> Self {
        AppState { lang, ..AppState::default() }
    }

    /// The report to show: the finished one, or the previous one while a new run is going.
    pub fn report(&self) -> Option<&Rc<Report>> {
        match &self.analysis {
            Analysis::Done(report) => Some(report),
            Analysis::Running { previous } => previous.as_ref(),
            Analysis::Idle | Analysis::Failed(_) => None,
        }
    }

    /// `idle`, `running`, `done` or `error` (the `data-state` test hook).
    pub fn status_key(&self) -> &'static str {
        match self.analysis {
            Analysis::Idle => "idle",
            Analysis::Running { .. } => "running",
            Analysis::Done(_) => "done",
            Analysis::Failed(_) => "error",
        }
    }

    /// True when the worker should be asked to analyse the current revision.
    pub fn needs_analysis(&self) -> bool {
        matches!(self.analysis, Analysis::Running { .. })
    }

    /// Marks the current inputs as changed: a new revision, analysed unless there are no files.
    fn invalidate(&mut self) {
        self.revision += 1;
        let previous = self.report().cloned();
        self.analysis =
            if self.files.is_empty() { Analysis::Idle } else { Analysis::Running { previous } };
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::ToggleLang => {
                self.lang = crate::i18n::other(self.lang);
                self.invalidate();
            }
            Action::SetLang(lang) => {
                if lang != self.lang {
                    self.lang = lang;
                    self.invalidate();
                }
            }
            Action::SetDragging(dragging) => self.dragging = dragging,
            Action::LoadStarted => self.pending_loads += 1,
            Action::LoadFinished => self.pending_loads = self.pending_loads.saturating_sub(1),
            Action::FilesAdded(added) => {
                if added.is_empty() {
                    return;
                }
                for (name, bytes) in added {
                    let file = LoadedFile { id: self.next_file_id, name, bytes: Rc::from(bytes) };
                    self.next_file_id += 1;
                    match self.files.iter_mut().find(|f| f.name == file.name) {
                        Some(existing) => *existing = file,
                        None => self.files.push(file),
                    }
                }
                self.expanded.clear();
                self.invalidate();
            }
            Action::RemoveFile(id) => {
                let before = self.files.len();
                self.files.retain(|f| f.id != id);
                if self.files.len() != before {
                    self.expanded.clear();
                    self.invalidate();
                }
            }
            Action::ClearFiles => {
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
                self.analysis = match outcome {
                    Ok(report) => Analysis::Done(report),
                    Err(message) => Analysis::Failed(message),
                };
            }
            Action::ShowNotice(notice) => self.notice = Some(notice),
            Action::DismissNotice => self.notice = None,
            Action::ToggleFinding(id) => {
                if !self.expanded.remove(&id) {
                    self.expanded.insert(id);
                }
            }
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

    fn reduce(state: AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn files(names: &[&str]) -> Action {
        Action::FilesAdded(names.iter().map(|n| (n.to_string(), n.as_bytes().to_vec())).collect())
    }

    fn report(lang: &str) -> Rc<Report> {
        Rc::new(Report {
            schema: SCHEMA.to_owned(),
            generated_by: "posrecon test".to_owned(),
            as_of: NaiveDate::from_ymd_opt(2026, 11, 17).unwrap(),
            lang: lang.to_owned(),
            settings: Default::default(),
            inputs: Vec::new(),
            summary: Summary {
                attempts: 3,
                findings_by_kind: Default::default(),
                money_at_risk_cents: 0,
            },
            findings: Vec::new(),
            incidents: Vec::new(),
            chains: Vec::new(),
        })
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

    #[test]
    fn a_file_with_a_known_name_replaces_the_old_one() {
        let state = reduce(
            AppState::default(),
            [
                files(&["a.csv", "b.csv"]),
                Action::FilesAdded(vec![("a.csv".into(), b"new".to_vec())]),
            ],
        );
        assert_eq!(names(&state), ["a.csv", "b.csv"]);
        assert_eq!(&*state.files[0].bytes, b"new");
        assert_eq!(state.revision, 2);
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
    fn switching_language_reruns_and_keeps_the_old_report_visible() {
        let state = reduce(
            AppState::default(),
            [
                files(&["a.csv"]),
                Action::AnalysisFinished { revision: 1, outcome: Ok(report("zh")) },
                Action::ToggleLang,
            ],
        );
        assert_eq!(state.lang, Lang::En);
        assert_eq!(state.revision, 2);
        assert_eq!(state.status_key(), "running");
        assert_eq!(state.report().map(|r| r.lang.as_str()), Some("zh"));
        let state =
            reduce(state, [Action::AnalysisFinished { revision: 2, outcome: Ok(report("en")) }]);
        assert_eq!(state.report().map(|r| r.lang.as_str()), Some("en"));
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
}
