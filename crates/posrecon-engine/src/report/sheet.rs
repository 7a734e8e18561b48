//! One case sheet per finding (issue 14): a self-contained HTML page, one A4 page when printed
//! and readable on a phone, with what the acquirer or bank asks for about that one case.
//!
//! FIRST VERSION (interface only). Owned by the case-sheet work.

use crate::report::Report;
use crate::report::html::escape;

/// The case sheet of finding `finding_id` (`F0004`), or `None` when the report has no such
/// finding.
pub fn render(report: &Report, finding_id: &str) -> Option<String> {
    let finding = report.findings.iter().find(|f| f.id == finding_id)?;
    Some(format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title></head><body><h1>{}</h1></body></html>\n",
        escape(&finding.id),
        escape(&finding.title)
    ))
}
