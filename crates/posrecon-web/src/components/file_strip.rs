//! The file cards folded into a strip once there is a report (issue 13): the answer, not the
//! cards, comes first. One line per file (name, role, rows read, problems found in it) and a
//! disclosure button (`aria-expanded`) that opens the cards as they are (`components/file_list.rs`,
//! every hook of a card reachable once open); while folded the strip has its own 全部清除
//! (`clear-files`), as the cards' list has. Before an analysis, and while a file needs the
//! merchant (it could not be read, or its role waits to be confirmed), the cards show as before:
//! folding them would hide the one thing to fix.
//! Test hooks: `file-strip`, `file-strip-toggle`, one `file-strip-item` per file (`data-file`,
//! `data-role`).

use std::rc::Rc;

use posrecon_engine::Lang;
use posrecon_engine::message::Note;
use posrecon_engine::report::Report;
use yew::prelude::*;

use crate::components::FileView;
use crate::i18n::{self, with_n};
use crate::view;

/// Props of [`FileStrip`].
#[derive(Properties)]
pub struct FileStripProps {
    /// UI language.
    pub lang: Lang,
    /// The files, as the cards show them.
    pub files: Vec<FileView>,
    /// The report shown, if any (no report: no strip).
    pub report: Option<Rc<Report>>,
    /// The merchant opened the cards.
    pub open: bool,
    /// Open or fold the cards.
    pub on_toggle: Callback<()>,
    /// Remove every file (the strip's own 全部清除 while the cards, which hold theirs, are folded).
    pub on_clear: Callback<()>,
    /// The file cards.
    pub children: Html,
}

impl PartialEq for FileStripProps {
    fn eq(&self, other: &Self) -> bool {
        let same_report = match (&self.report, &other.report) {
            (Some(a), Some(b)) => crate::components::same_report(a, b),
            (None, None) => true,
            _ => false,
        };
        self.lang == other.lang
            && self.files == other.files
            && same_report
            && self.open == other.open
            && self.on_toggle == other.on_toggle
            && self.on_clear == other.on_clear
            && self.children == other.children
    }
}

/// Whether the cards fold into the strip: there is a report and no file needs the merchant.
pub fn folds(files: &[FileView], has_report: bool) -> bool {
    has_report && !files.is_empty() && !files.iter().any(needs_merchant)
}

/// A file that could not be read (a sheet or the file) or whose role waits to be confirmed.
fn needs_merchant(file: &FileView) -> bool {
    file.inputs.iter().any(|i| i.error.is_some() || i.role_doubt.is_some())
}

/// One strip line's facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StripLine {
    /// The role's token (`data-role`), empty when none was detected.
    pub role_key: &'static str,
    /// The role's name, or why there is none.
    pub role: &'static str,
    /// Data rows read from the file (all its sheets and members).
    pub rows: u64,
    /// Findings resting on a line of the file.
    pub problems: usize,
    /// Rows skipped because another loaded file holds them (the same file again, an
    /// overlapping export): a file of such rows only is no empty file.
    pub repeated: usize,
}

/// The strip line of a file against the report.
pub fn strip_line(lang: Lang, file: &FileView, report: &Report) -> StripLine {
    // The card's own badge: the role, or "识别中…" for a file added since the report, or
    // "未识别", so the strip and the card never disagree.
    let badge = view::role_badge(lang, &file.inputs);
    let problems = report
        .findings
        .iter()
        .filter(|f| f.records.iter().any(|r| view::is_read_from(&r.file, &file.name)))
        .count();
    StripLine {
        role_key: badge.key,
        role: badge.label,
        rows: file.inputs.iter().map(|i| i.data_rows).sum(),
        problems,
        repeated: file
            .inputs
            .iter()
            .flat_map(|i| &i.skipped_rows)
            .filter(|n| matches!(n.note, Note::SameTransaction { .. } | Note::IdenticalFile { .. }))
            .count(),
    }
}

/// The cards, folded into a strip once there is a report.
#[component]
pub fn FileStrip(props: &FileStripProps) -> Html {
    let report = match &props.report {
        Some(report) if folds(&props.files, true) => report,
        _ => return props.children.clone(),
    };
    let lang = props.lang;
    let t = i18n::answer_strings(lang);
    let open = props.open;
    let onclick = props.on_toggle.reform(|_: MouseEvent| ());
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());
    html! {
        <section class={classes!("file-strip", open.then_some("is-open"))} aria-labelledby="file-strip-heading" data-testid="file-strip">
            <div class="file-strip-head">
                <h2 id="file-strip-heading" class="file-strip-heading">{ with_n(t.strip_summary, props.files.len()) }</h2>
                <button type="button" class="button button-quiet file-strip-toggle" data-testid="file-strip-toggle"
                    aria-expanded={if open { "true" } else { "false" }}
                    aria-controls={open.then_some("file-cards")}
                    {onclick}>
                    { if open { t.strip_close } else { t.strip_open } }
                </button>
                if !open {
                    <button type="button" class="button button-quiet" data-testid="clear-files" onclick={on_clear}>
                        { crate::i18n::strings(lang).clear_all }
                    </button>
                }
            </div>
            if !open {
                <ul class="file-strip-list">
                    { for props.files.iter().map(|file| strip_item(lang, file, report)) }
                </ul>
            } else {
                <div id="file-cards" class="file-strip-cards">{ props.children.clone() }</div>
            }
        </section>
    }
}

fn strip_item(lang: Lang, file: &FileView, report: &Report) -> Html {
    let t = i18n::answer_strings(lang);
    let line = strip_line(lang, file, report);
    html! {
        <li class="file-strip-item" data-testid="file-strip-item" data-file={file.name.clone()} data-role={line.role_key}>
            <span class="strip-name">{ file.name.clone() }</span>
            <span class="strip-role">{ line.role }</span>
            <span class="strip-rows">
                if line.rows == 0 && line.repeated > 0 {
                    { t.strip_repeated.replace("{n}", &crate::format::count(line.repeated as u64)) }
                } else {
                    { t.strip_rows.replace("{n}", &crate::format::count(line.rows)) }
                }
            </span>
            <span class={classes!("strip-problems", (line.problems > 0).then_some("has-problems"))}>
                { with_n(t.strip_problems, line.problems) }
            </span>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use posrecon_engine::{Options, SourceFile};

    use super::*;

    const TERMINAL: &str = "终端交易明细_20261109-20261115.csv";
    const BANK: &str = "银行流水_20261101-20261120.csv";

    /// The demo's terminal log and bank statement (no acquirer statement), plus `extra`.
    fn analysed(extra: Option<(&str, &[u8])>) -> (Vec<FileView>, Report) {
        let mut files = vec![
            SourceFile::new(
                TERMINAL,
                include_bytes!("../../../../www/demo/终端交易明细_20261109-20261115.csv")
                    .as_slice(),
            ),
            SourceFile::new(
                BANK,
                include_bytes!("../../../../www/demo/银行流水_20261101-20261120.csv").as_slice(),
            ),
        ];
        if let Some((name, bytes)) = extra {
            files.push(SourceFile::new(name, bytes));
        }
        let report = posrecon_engine::analyze(
            &files,
            &Options::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
        );
        let views = files
            .iter()
            .map(|f| FileView {
                id: 1,
                name: f.name.clone(),
                size: 1,
                inputs: report
                    .inputs
                    .iter()
                    .filter(|i| view::is_read_from(&i.file, &f.name))
                    .cloned()
                    .collect(),
                not_read: false,
            })
            .collect();
        (views, report)
    }

    #[test]
    fn cards_fold_once_there_is_a_report_unless_a_file_needs_the_merchant() {
        let (files, _) = analysed(None);
        assert!(!folds(&files, false), "before an analysis the cards show");
        assert!(folds(&files, true));
        let (files, _) = analysed(Some(("broken.xlsx", b"PK\x03\x04 not a workbook".as_slice())));
        assert!(!folds(&files, true), "an unreadable file keeps the cards open");
    }

    #[test]
    fn a_strip_line_names_the_role_the_rows_read_and_the_findings_on_the_file() {
        let (files, report) = analysed(None);
        let terminal = strip_line(Lang::Zh, &files[0], &report);
        assert_eq!((terminal.role_key, terminal.role), ("terminal_log", "终端交易流水"));
        assert_eq!(terminal.rows, files[0].inputs[0].data_rows);
        assert!(terminal.rows > 0);
        let pending =
            report.findings.iter().filter(|f| f.records.iter().any(|r| r.file == TERMINAL)).count();
        assert_eq!(terminal.problems, pending);
        assert!(pending >= 4, "the four timeouts wait for the statement");
        let bank = strip_line(Lang::En, &files[1], &report);
        assert_eq!((bank.role_key, bank.role), ("bank_statement", "Bank statement"));
        assert_eq!(bank.repeated, 0);
    }

    #[test]
    fn a_file_whose_rows_another_file_holds_says_so_not_zero_rows() {
        let copy = include_bytes!("../../../../www/demo/终端交易明细_20261109-20261115.csv");
        let (files, report) = analysed(Some(("终端交易明细 (2).csv", copy.as_slice())));
        let lines: Vec<StripLine> =
            files.iter().map(|f| strip_line(Lang::Zh, f, &report)).collect();
        let (first, again) =
            if lines[0].rows > 0 { (&lines[0], &lines[2]) } else { (&lines[2], &lines[0]) };
        assert!(first.rows > 0 && first.repeated == 0);
        assert_eq!(again.rows, 0, "counted once");
        assert_eq!(again.repeated as u64, first.rows, "every row said to be in the other file");
    }
}
