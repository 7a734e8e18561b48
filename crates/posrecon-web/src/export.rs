//! The exports a merchant downloads: which formats, what their files are called, and how each is
//! produced.
//!
//! Every format is rendered inside the worker ([`render_in_worker`] runs there) from the whole
//! report it keeps: Excel, CSV and the HTML report by the engine's exporters (and
//! `posrecon-export` for the workbook), JSON as `posrecon analyze --json` writes it. The page
//! holds the report without its chains, so it could not write the JSON itself.

use posrecon_engine::Lang;
use posrecon_engine::report::Report;

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

/// Renders one export of a report. Runs in the worker (it calls the engine's exporters).
pub fn render_in_worker(format: ExportFormat, report: &Report) -> Result<Vec<u8>, String> {
    Ok(match format {
        ExportFormat::Xlsx => posrecon_export::xlsx(report),
        ExportFormat::Csv => posrecon_engine::report::csv::render(report),
        ExportFormat::Html => posrecon_engine::report::html::render(report).into_bytes(),
        ExportFormat::Json => return json(report),
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
    fn every_format_renders() {
        let r = report();
        let xlsx = render_in_worker(ExportFormat::Xlsx, &r).unwrap();
        assert_eq!(&xlsx[..2], b"PK");
        let csv = render_in_worker(ExportFormat::Csv, &r).unwrap();
        assert!(csv.starts_with(b"\xEF\xBB\xBF"));
        let html = String::from_utf8(render_in_worker(ExportFormat::Html, &r).unwrap()).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"));
        let json: serde_json::Value =
            serde_json::from_slice(&render_in_worker(ExportFormat::Json, &r).unwrap()).unwrap();
        assert_eq!(json["schema"], SCHEMA);
    }
}
