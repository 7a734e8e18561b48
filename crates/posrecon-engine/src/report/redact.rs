//! Redaction the merchant chooses per export (issue 14): mask 商户号 and 终端号, drop card digits
//! entirely, drop names of people. Applied to a copy of the [`Report`] before any exporter runs,
//! so every export (HTML report, case sheets, chat text, CSV, XLSX, JSON) is redacted the same way.
//!
//! FIRST VERSION (interface only): returns the report unchanged. Owned by the redaction work.

use serde::{Deserialize, Serialize};

use crate::report::Report;

/// What to leave out of an export. The default keeps what the bank needs (card numbers are always
/// masked to first 6 / last 4 by the engine, whatever this says).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Redaction {
    /// Mask 商户号 and 终端号.
    #[serde(default)]
    pub mask_ids: bool,
    /// Drop card digits entirely (not even first 6 / last 4).
    #[serde(default)]
    pub drop_card_digits: bool,
    /// Drop names of people.
    #[serde(default)]
    pub drop_names: bool,
}

/// A copy of `report` with what `redaction` asks left out.
pub fn redact(report: &Report, redaction: &Redaction) -> Report {
    let _ = redaction;
    report.clone()
}
