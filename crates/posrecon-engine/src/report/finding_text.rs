//! The short plain text about one finding for a chat (WeChat), issue 14.
//!
//! FIRST VERSION (interface only). Owned by the case-sheet work.

use crate::report::Report;

/// The chat text of finding `finding_id`, or `None` when the report has no such finding.
pub fn render(report: &Report, finding_id: &str) -> Option<String> {
    let finding = report.findings.iter().find(|f| f.id == finding_id)?;
    Some(format!("{} {}\n", finding.id, finding.title))
}
