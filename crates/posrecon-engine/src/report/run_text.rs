//! The short plain text about the whole run for a chat (WeChat), issue 14.
//!
//! FIRST VERSION (interface only). Owned by the owner-report work.

use crate::report::Report;

/// The chat text of the whole run.
pub fn render(report: &Report) -> String {
    format!("{} {}\n", report.as_of, report.findings.len())
}
