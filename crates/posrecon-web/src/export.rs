//! What leaves the page: which exports there are, what their files are called, and how each is
//! produced.
//!
//! Everything is rendered inside the worker ([`render_in_worker`] runs there) from the whole
//! report it keeps: Excel, CSV and the HTML report by the engine's exporters (and
//! `posrecon-export` for the workbook), JSON as `posrecon analyze --json` writes it, a finding's
//! case sheet (案件单) and the chat texts (微信文本) by the engine's `report::sheet`,
//! `report::finding_text` and `report::run_text`. The page holds the report without its chains,
//! so it could not write the JSON itself. Why one function for all of them: the page and
//! `posrecon analyze` must give the same bytes for the same files and settings, and both call
//! the same engine functions on a report redacted the same way (`report::redact`, applied here
//! before any rendering, as the CLI's `--redact` does).

use posrecon_engine::Lang;
use posrecon_engine::report::Report;
use posrecon_engine::report::redact::{Redaction, redact};

/// A download format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ExportFormat {
    /// The findings workbook (`.xlsx`).
    Xlsx,
    /// The findings as CSV for Excel.
    Csv,
    /// The self-contained HTML report.
    Html,
    /// The report contract (`posrecon.report/v1`).
    Json,
}

impl ExportFormat {
    /// In the order of the export bar.
    pub const ALL: [ExportFormat; 4] =
        [ExportFormat::Xlsx, ExportFormat::Csv, ExportFormat::Html, ExportFormat::Json];

    /// File extension, also the `data-testid` suffix (`export-xlsx`, ...).
    pub fn key(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
            ExportFormat::Html => "html",
            ExportFormat::Json => "json",
        }
    }

    /// MIME type of the download.
    pub fn mime(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            ExportFormat::Csv => "text/csv;charset=utf-8",
            ExportFormat::Html => "text/html;charset=utf-8",
            ExportFormat::Json => "application/json",
        }
    }
}

/// What the worker renders: one of the export bar's formats, a finding's case sheet, or a chat
/// text (one finding's, or the whole run's).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ExportTarget {
    /// A download of the export bar.
    Report(ExportFormat),
    /// The case sheet (案件单) of the finding with this id: one self-contained HTML page.
    Sheet(String),
    /// The chat text of the finding with this id, for the clipboard.
    FindingText(String),
    /// The chat text of the whole run, for the clipboard.
    RunText,
}

impl From<ExportFormat> for ExportTarget {
    fn from(format: ExportFormat) -> Self {
        ExportTarget::Report(format)
    }
}

impl ExportTarget {
    /// A text for the clipboard, not a file to download.
    pub fn is_text(&self) -> bool {
        matches!(self, ExportTarget::FindingText(_) | ExportTarget::RunText)
    }

    /// MIME type of its bytes.
    pub fn mime(&self) -> &'static str {
        match self {
            ExportTarget::Report(format) => format.mime(),
            ExportTarget::Sheet(_) => ExportFormat::Html.mime(),
            ExportTarget::FindingText(_) | ExportTarget::RunText => "text/plain;charset=utf-8",
        }
    }

    /// The name of its file: [`file_name`] for the bar's formats, `F0004-案件单.html`
    /// (`F0004-case-sheet.html`) for a case sheet, `F0004-微信文本.txt` for a finding's text.
    pub fn file_name(&self, report: &Report, lang: Lang) -> String {
        match self {
            ExportTarget::Report(format) => file_name(*format, report, lang),
            ExportTarget::Sheet(id) => format!("{id}-{}.html", lang.pick("案件单", "case-sheet")),
            ExportTarget::FindingText(id) => {
                format!("{id}-{}.txt", lang.pick("微信文本", "chat-text"))
            }
            ExportTarget::RunText => {
                format!("posrecon-{}-{}.txt", lang.pick("微信文本", "chat-text"), report.as_of)
            }
        }
    }
}

/// `posrecon-报告-2026-11-17.xlsx` (or `posrecon-report-...` in English), dated by the report's
/// as_of.
pub fn file_name(format: ExportFormat, report: &Report, lang: Lang) -> String {
    format!("posrecon-{}-{}.{}", lang.pick("报告", "report"), report.as_of, format.key())
}

/// The report as pretty JSON, as `posrecon analyze --json` writes it.
pub fn json(report: &Report) -> Result<Vec<u8>, String> {
    let mut bytes =
        serde_json::to_vec_pretty(report).map_err(|e| format!("report not serialisable: {e}"))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Renders one export of a report with what `redaction` asks left out. Runs in the worker (it
/// calls the engine's exporters).
pub fn render_in_worker(
    target: &ExportTarget,
    report: &Report,
    redaction: &Redaction,
) -> Result<Vec<u8>, String> {
    render_in_worker_with(target, report, redaction, &[])
}

/// [`render_in_worker`], the HTML report with the deposits per day the worker worked out from
/// the matched files (`report::steps::deposit_days`), as `posrecon analyze --html` writes it.
pub fn render_in_worker_with(
    target: &ExportTarget,
    report: &Report,
    redaction: &Redaction,
    deposits: &[posrecon_engine::report::steps::DepositDay],
) -> Result<Vec<u8>, String> {
    let redacted = redact(report, redaction);
    let report: &Report = &redacted;
    let no_finding = |id: &str| format!("no finding {id} in the report");
    Ok(match target {
        ExportTarget::Report(ExportFormat::Xlsx) => posrecon_export::xlsx(report),
        ExportTarget::Report(ExportFormat::Csv) => posrecon_engine::report::csv::render(report),
        ExportTarget::Report(ExportFormat::Html) => {
            posrecon_engine::report::html::render_with_deposits(report, deposits).into_bytes()
        }
        ExportTarget::Report(ExportFormat::Json) => return json(report),
        ExportTarget::Sheet(id) => posrecon_engine::report::sheet::render(report, id)
            .ok_or_else(|| no_finding(id))?
            .into_bytes(),
        ExportTarget::FindingText(id) => posrecon_engine::report::finding_text::render(report, id)
            .ok_or_else(|| no_finding(id))?
            .into_bytes(),
        ExportTarget::RunText => posrecon_engine::report::run_text::render(report).into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use chrono::NaiveDate;
    use posrecon_engine::report::{SCHEMA, Summary};

    fn report() -> Report {
        Report {
            schema: SCHEMA.to_owned(),
            generated_by: "posrecon test".to_owned(),
            as_of: NaiveDate::from_ymd_opt(2026, 11, 17).unwrap(),
            lang: "zh".to_owned(),
            settings: Default::default(),
            merchant: Default::default(),
            inputs: Vec::new(),
            summary: Summary {
                attempts: 0,
                findings_by_kind: Default::default(),
                money_at_risk_cents: 0,
            },
            findings: Vec::new(),
            incidents: Vec::new(),
            chains: Vec::new(),
            cardholder_declines: None,
            terminal_health: None,
        }
    }

    #[test]
    fn file_names_carry_the_as_of_date() {
        let r = report();
        assert_eq!(file_name(ExportFormat::Xlsx, &r, Lang::Zh), "posrecon-报告-2026-11-17.xlsx");
        assert_eq!(file_name(ExportFormat::Json, &r, Lang::En), "posrecon-report-2026-11-17.json");
    }

    #[test]
    fn case_sheets_and_texts_are_named_by_the_finding() {
        let r = report();
        let sheet = ExportTarget::Sheet("F0004".into());
        assert_eq!(sheet.file_name(&r, Lang::Zh), "F0004-案件单.html");
        assert_eq!(sheet.file_name(&r, Lang::En), "F0004-case-sheet.html");
        assert_eq!(sheet.mime(), "text/html;charset=utf-8");
        assert!(!sheet.is_text());
        assert!(ExportTarget::FindingText("F0004".into()).is_text());
        assert!(ExportTarget::RunText.is_text());
    }

    #[test]
    fn every_format_renders() {
        let r = report();
        let none = Redaction::default();
        let render = |format| render_in_worker(&ExportTarget::Report(format), &r, &none).unwrap();
        assert_eq!(&render(ExportFormat::Xlsx)[..2], b"PK");
        assert!(render(ExportFormat::Csv).starts_with(b"\xEF\xBB\xBF"));
        let html = String::from_utf8(render(ExportFormat::Html)).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"));
        let json: serde_json::Value = serde_json::from_slice(&render(ExportFormat::Json)).unwrap();
        assert_eq!(json["schema"], SCHEMA);
        // A finding the report does not have has no sheet or text: said, not rendered empty.
        let missing = render_in_worker(&ExportTarget::Sheet("F9999".into()), &r, &none);
        assert_eq!(missing, Err("no finding F9999 in the report".into()));
        let run = render_in_worker(&ExportTarget::RunText, &r, &none).unwrap();
        assert_eq!(run, posrecon_engine::report::run_text::render(&r).into_bytes());
    }
}
