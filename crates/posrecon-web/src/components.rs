//! Presentational components: data and callbacks in, markup out. None of them calls the engine or
//! holds state (but for [`disclosure::Disclosure`]'s open flag, what the browser keeps for any
//! `<details>`); every event becomes a callback the app turns into an `Action`.
//!
//! Text from files (names, reasons, titles) is untrusted and only ever rendered as text nodes
//! or attribute values, which Yew escapes.

use std::rc::Rc;

use posrecon_engine::report::Report;

pub mod answer;
pub mod case_editor;
pub mod cases;
pub mod chain_steps;
pub mod charts;
pub mod check;
pub mod disclosure;
pub mod dropzone;
pub mod export;
pub mod file_list;
pub mod file_strip;
pub mod files_needed;
pub mod findings;
pub mod header;
pub mod health;
pub mod incidents;
pub mod notice;
pub mod pager;
pub mod roving;
pub mod send;
pub mod status;
pub mod summary;
pub mod templates;

pub use case_editor::{CaseEditor, CaseEditorProps};
pub use cases::{OpenCases, OpenCasesProps};
pub use chain_steps::{ChainContext, ChainSteps, ChainStepsProps, StepsOf};
pub use charts::{ChartsPanel, ChartsPanelProps};
pub use check::{CheckPanel, CheckPanelProps, CheckResultView, CheckResultViewProps};
pub use dropzone::DropZone;
pub use export::{ExportBar, ExportBarProps};
pub use file_list::{
    CardEdit, FileCard, FileCardProps, FileList, FileListProps, FileView, MapEdit, ValueEdit,
};
pub use file_strip::{FileStrip, FileStripProps};
pub use files_needed::{FilesNeeded, FilesNeededProps};
pub use findings::{FindingSend, FindingsTable, FindingsTableProps, NoFindings, NoFindingsProps};
pub use header::Header;
pub use health::{TerminalHealthPanel, TerminalHealthPanelProps};
pub use incidents::{IncidentList, IncidentListProps};
pub use notice::NoticeBar;
pub use pager::{Pager, PagerProps};
pub use send::{ChatTextBox, ChatTextBoxProps, InPageViewer, InPageViewerProps};
pub use status::{AnalysisStatus, AnalysisStatusProps};
pub use summary::{SummaryPanel, SummaryPanelProps};
pub use templates::{SettingsPanel, SettingsPanelProps, TemplatesPanel, TemplatesPanelProps};

/// Whether a component's report prop changed: by identity, not by value. `Rc<Report>`'s own
/// `==` compares the reports field by field (a report is not `Eq`, so not even the same
/// allocation short-cuts it), which at a busy month (300,000 chains) cost tens of milliseconds
/// per component on every render, a page flip included. A new report always arrives as a new
/// `Rc`, so identity is exact here.
pub(crate) fn same_report(a: &Rc<Report>, b: &Rc<Report>) -> bool {
    Rc::ptr_eq(a, b)
}
