//! The merchant's own corrections: saved column mappings (templates) and settings.
//!
//! Pure: no browser calls. The app loads and stores these through `browser::local_get` /
//! `browser::local_set`, and sends them with every analysis as [`AnalysisOptions`]. Only the
//! mapping is ever stored (header signature, role, field → header text, a name, the file name
//! it came from, and what the file's own status and type words mean), never a row of statement
//! data.
//!
//! The templates file stays `posrecon.templates/v1`: `status_values` and `type_values` (the
//! value mapping, `好了` → `approved`) are optional fields, written only when set, so a file
//! exported before them imports as it did, and a template without them exports byte for byte
//! as before.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use posrecon_engine::Settings;
use posrecon_engine::fees::FeeRate;
use posrecon_engine::ingest::MappingTemplate;
use posrecon_engine::model::{Outcome, Role, TxnType};
use serde::{Deserialize, Serialize};

/// localStorage key of the saved templates.
pub const TEMPLATES_KEY: &str = "posrecon.templates.v1";
/// localStorage key of the settings.
pub const SETTINGS_KEY: &str = "posrecon.settings.v1";
/// `schema` of an exported templates file.
pub const TEMPLATES_SCHEMA: &str = "posrecon.templates/v1";
/// Name of the exported templates file.
pub const TEMPLATES_FILE_NAME: &str = "posrecon-模板.json";

/// The settlement cycles the settings panel offers.
pub const CYCLES: [&str; 4] = ["T+1", "T+0", "D+1", "D+0"];

/// Encodings the encoding selector offers (the engine's labels).
pub const ENCODINGS: [&str; 3] = ["utf-8", "gb18030", "utf-16le"];

/// A saved column mapping with what the merchant sees of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedTemplate {
    /// Name shown on the card ("已套用模板：<name>").
    pub name: String,
    /// File the mapping was made on (for the merchant's memory only).
    #[serde(default)]
    pub source_file: String,
    /// The header's signature (`Input.header_signature`).
    pub header_signature: String,
    /// Role to use; `None` keeps the detected one.
    #[serde(default)]
    pub role: Option<Role>,
    /// Canonical field → header text.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// What the file's status words mean (`好了` → `approved`); see
    /// `MappingTemplate::status_values`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub status_values: BTreeMap<String, Outcome>,
    /// What the file's type words mean (`收钱` → `sale`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub type_values: BTreeMap<String, TxnType>,
}

impl SavedTemplate {
    /// The engine's form.
    pub fn to_engine(&self) -> MappingTemplate {
        MappingTemplate {
            header_signature: self.header_signature.clone(),
            role: self.role,
            columns: self.columns.clone(),
            status_values: self.status_values.clone(),
            type_values: self.type_values.clone(),
        }
    }
}

/// The outcomes a status value may be mapped to, in the order the selector offers them.
pub const STATUS_MEANINGS: [Outcome; 3] = [Outcome::Approved, Outcome::Declined, Outcome::Unknown];

/// The types a type value may be mapped to, in the order the selector offers them.
pub const TYPE_MEANINGS: [TxnType; 6] = [
    TxnType::Sale,
    TxnType::Void,
    TxnType::Refund,
    TxnType::Reversal,
    TxnType::PreauthCompletion,
    TxnType::Other,
];

/// What a value of the column carrying `field` (`status` or `type`, as `ColumnValues.field`)
/// is mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueMeaning {
    /// A status word's outcome.
    Outcome(Outcome),
    /// A type word's transaction type.
    Type(TxnType),
}

impl ValueMeaning {
    /// Reads a selector's value (`approved`, `sale`, ... the report's snake_case names) for the
    /// column of `field`; `None` for anything else (the selector's "as detected").
    pub fn parse(field: &str, value: &str) -> Option<ValueMeaning> {
        let json = serde_json::Value::String(value.to_owned());
        match field {
            "status" => serde_json::from_value(json).ok().map(ValueMeaning::Outcome),
            "type" => serde_json::from_value(json).ok().map(ValueMeaning::Type),
            _ => None,
        }
    }

    /// The snake_case name (the selector's option value).
    pub fn key(self) -> String {
        let json = match self {
            ValueMeaning::Outcome(o) => serde_json::to_value(o),
            ValueMeaning::Type(t) => serde_json::to_value(t),
        };
        json.ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }
}

/// Sets (or, with `None`, removes) what `value` of the column of `field` means in `template`.
/// Returns false when `field` is neither `status` nor `type`.
pub fn set_value_meaning(
    template: &mut MappingTemplate,
    field: &str,
    value: &str,
    meaning: Option<ValueMeaning>,
) -> bool {
    let value = value.trim().to_owned();
    match (field, meaning) {
        ("status", Some(ValueMeaning::Outcome(outcome))) => {
            template.status_values.insert(value, outcome);
        }
        ("status", _) => {
            template.status_values.remove(&value);
        }
        ("type", Some(ValueMeaning::Type(txn_type))) => {
            template.type_values.insert(value, txn_type);
        }
        ("type", _) => {
            template.type_values.remove(&value);
        }
        _ => return false,
    }
    true
}

/// An exported templates file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplatesFile {
    /// [`TEMPLATES_SCHEMA`].
    pub schema: String,
    /// The templates.
    pub templates: Vec<SavedTemplate>,
}

/// The templates as an exported JSON file.
pub fn templates_json(templates: &[SavedTemplate]) -> String {
    let file = TemplatesFile { schema: TEMPLATES_SCHEMA.to_owned(), templates: templates.to_vec() };
    serde_json::to_string_pretty(&file).unwrap_or_else(|_| "{}".to_owned())
}

/// Reads an exported templates file (or a bare list, as stored in localStorage).
pub fn parse_templates(text: &str) -> Result<Vec<SavedTemplate>, String> {
    let templates = match serde_json::from_str::<TemplatesFile>(text) {
        Ok(file) if file.schema == TEMPLATES_SCHEMA => file.templates,
        Ok(file) => return Err(format!("unknown schema '{}'", file.schema)),
        Err(_) => serde_json::from_str::<Vec<SavedTemplate>>(text).map_err(|e| e.to_string())?,
    };
    if templates.iter().any(|t| t.header_signature.trim().is_empty()) {
        return Err("a template has no header signature".to_owned());
    }
    Ok(templates)
}

/// The settings panel as typed (texts, so a half-typed value is never lost).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserSettings {
    /// `T+1`, `T+0`, `D+1` or `D+0`.
    pub settlement_cycle: String,
    /// When WeChat Pay pays a day of its merchant bill to the bank: same choices, `D+1` by
    /// default (the engine's `Settings::wallet_payout_cycle`).
    pub wallet_payout_cycle: String,
    /// Contracted fee rate in percent (`0.60`), empty = fees not checked.
    pub fee_percent: String,
    /// Fee cap per transaction in 元 (`20`), empty = no cap.
    pub fee_cap_yuan: String,
    /// Extra days off, `YYYY-MM-DD` separated by spaces, commas or new lines.
    pub extra_holidays: String,
    /// Extra working days, same format.
    pub extra_working_days: String,
}

impl Default for UserSettings {
    fn default() -> Self {
        UserSettings {
            settlement_cycle: "T+1".to_owned(),
            wallet_payout_cycle: "D+1".to_owned(),
            fee_percent: String::new(),
            fee_cap_yuan: String::new(),
            extra_holidays: String::new(),
            extra_working_days: String::new(),
        }
    }
}

/// One input of the settings panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsField {
    /// Settlement cycle.
    Cycle,
    /// WeChat Pay payout cycle.
    WalletCycle,
    /// Fee rate in percent.
    FeePercent,
    /// Fee cap in 元.
    FeeCap,
    /// Extra holidays.
    Holidays,
    /// Extra working days.
    WorkingDays,
}

/// Something in the settings that cannot be used as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsError {
    /// The fee rate is not a percentage with at most 2 decimals (or is 100% or more).
    FeePercent(String),
    /// The cap is not an amount in 元 with at most 2 decimals.
    FeeCap(String),
    /// A date of a list is not `YYYY-MM-DD`.
    Date(String),
}

impl UserSettings {
    /// Sets one field.
    pub fn set(&mut self, field: SettingsField, value: String) {
        match field {
            SettingsField::Cycle => self.settlement_cycle = value,
            SettingsField::WalletCycle => self.wallet_payout_cycle = value,
            SettingsField::FeePercent => self.fee_percent = value,
            SettingsField::FeeCap => self.fee_cap_yuan = value,
            SettingsField::Holidays => self.extra_holidays = value,
            SettingsField::WorkingDays => self.extra_working_days = value,
        }
    }

    /// The engine's settings; what cannot be read is left at its default and listed.
    pub fn to_engine(&self) -> (Settings, Vec<SettingsError>) {
        let mut settings = Settings::default();
        let mut errors = Vec::new();
        // The engine's own reading of a cycle; the panel's select offers nothing else, so a
        // value it refuses can only come from an old saved panel and keeps the default.
        if let Ok(cycle) = self.settlement_cycle.parse() {
            settings.settlement_cycle = cycle;
        }
        if let Ok(cycle) = self.wallet_payout_cycle.parse() {
            settings.wallet_payout_cycle = cycle;
        }
        if !self.fee_percent.trim().is_empty() {
            let rate = hundredths(&self.fee_percent).filter(|r| *r < 10_000);
            let cap = if self.fee_cap_yuan.trim().is_empty() {
                Ok(None)
            } else {
                hundredths(&self.fee_cap_yuan).map(Some).ok_or(())
            };
            match (rate, cap) {
                (Some(rate_per_10000), Ok(cap_cents)) => settings.fee_rates.push(FeeRate {
                    merchant_id: None,
                    card_type: None,
                    rate_per_10000,
                    cap_cents,
                }),
                (None, _) => errors.push(SettingsError::FeePercent(self.fee_percent.clone())),
                (_, Err(())) => errors.push(SettingsError::FeeCap(self.fee_cap_yuan.clone())),
            }
        }
        settings.extra_holidays = dates(&self.extra_holidays, &mut errors);
        settings.extra_working_days = dates(&self.extra_working_days, &mut errors);
        (settings, errors)
    }
}

/// A non-negative decimal with at most 2 decimals, times 100, without floats: `0.6` → 60,
/// `0.38` → 38, `20` → 2000. `None` for anything else.
pub fn hundredths(text: &str) -> Option<i64> {
    let s = text.trim().trim_end_matches(['%', '元']).trim();
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() && frac.is_empty()
        || frac.len() > 2
        || !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || int.len() > 12
    {
        return None;
    }
    let int: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    Some(int * 100 + frac)
}

fn dates(text: &str, errors: &mut Vec<SettingsError>) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | ';' | '、')) {
        if word.is_empty() {
            continue;
        }
        match NaiveDate::parse_from_str(word, "%Y-%m-%d") {
            Ok(date) => out.push(date),
            Err(_) => errors.push(SettingsError::Date(word.to_owned())),
        }
    }
    out.sort();
    out.dedup();
    out
}

/// What the worker needs besides the files: sent as JSON (`options_json`) in the request.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisOptions {
    /// Forced roles by file name.
    pub role_overrides: BTreeMap<String, Role>,
    /// Forced encodings by file name.
    pub encoding_overrides: BTreeMap<String, String>,
    /// Column mappings.
    pub mapping_templates: Vec<MappingTemplate>,
    /// Rules of the analysis; `None` = defaults.
    pub settings: Option<Settings>,
}

impl AnalysisOptions {
    /// Puts these into the engine's options.
    pub fn apply(self, options: &mut posrecon_engine::Options) {
        options.role_overrides = self.role_overrides;
        options.encoding_overrides = self.encoding_overrides;
        options.mapping_templates = self.mapping_templates;
        if let Some(settings) = self.settings {
            options.settings = settings;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use posrecon_engine::config::Cycle;

    #[test]
    fn hundredths_parse_decimal_text_without_floats() {
        assert_eq!(hundredths("0.6"), Some(60));
        assert_eq!(hundredths("0.38"), Some(38));
        assert_eq!(hundredths(" 0.38% "), Some(38));
        assert_eq!(hundredths("20"), Some(2000));
        assert_eq!(hundredths("20.5元"), Some(2050));
        assert_eq!(hundredths(".5"), Some(50));
        assert_eq!(hundredths("0.385"), None);
        assert_eq!(hundredths("-1"), None);
        assert_eq!(hundredths("abc"), None);
        assert_eq!(hundredths(""), None);
        assert_eq!(hundredths("."), None);
    }

    #[test]
    fn settings_become_engine_settings() {
        let typed = UserSettings {
            settlement_cycle: "D+1".into(),
            wallet_payout_cycle: "T+1".into(),
            fee_percent: "0.60".into(),
            fee_cap_yuan: "20".into(),
            extra_holidays: "2026-10-09, 2026-10-08".into(),
            extra_working_days: "2026-10-11\nnot-a-date".into(),
        };
        let (settings, errors) = typed.to_engine();
        assert_eq!(settings.settlement_cycle, Cycle::D1);
        assert_eq!(settings.wallet_payout_cycle, Cycle::T1);
        // The panel offers exactly the engine's cycles, in its order.
        assert_eq!(CYCLES.map(|c| c.parse::<Cycle>().unwrap()), Cycle::ALL);
        assert_eq!(settings.fee_rates.len(), 1);
        assert_eq!(settings.fee_rates[0].rate_per_10000, 60);
        assert_eq!(settings.fee_rates[0].cap_cents, Some(2000));
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(settings.extra_holidays, [d("2026-10-08"), d("2026-10-09")]);
        assert_eq!(settings.extra_working_days, [d("2026-10-11")]);
        assert_eq!(errors, [SettingsError::Date("not-a-date".into())]);
        let (default, errors) = UserSettings::default().to_engine();
        assert_eq!(default, Settings::default());
        assert!(errors.is_empty());
        let bad = UserSettings { fee_percent: "abc".into(), ..UserSettings::default() };
        assert_eq!(bad.to_engine().1, [SettingsError::FeePercent("abc".into())]);
    }

    #[test]
    fn value_mappings_round_trip_and_reach_the_engine() {
        use posrecon_engine::model::{Outcome, TxnType};
        let template = SavedTemplate {
            name: "收银机".into(),
            header_signature: "时间点|结果".into(),
            status_values: [("好了".to_owned(), Outcome::Approved)].into_iter().collect(),
            type_values: [("收钱".to_owned(), TxnType::Sale)].into_iter().collect(),
            ..SavedTemplate::default()
        };
        let json = templates_json(std::slice::from_ref(&template));
        assert!(json.contains(r#""好了": "approved""#), "{json}");
        assert!(json.contains(r#""收钱": "sale""#), "{json}");
        assert_eq!(parse_templates(&json), Ok(vec![template.clone()]));
        let engine = template.to_engine();
        assert_eq!(engine.status_values.get("好了"), Some(&Outcome::Approved));
        assert_eq!(engine.type_values.get("收钱"), Some(&TxnType::Sale));
        // A value the engine has no word for is refused on import rather than silently lost.
        let bad = json.replace("approved", "maybe");
        assert!(parse_templates(&bad).is_err());
        // The selector's values.
        assert_eq!(
            ValueMeaning::parse("status", "declined"),
            Some(ValueMeaning::Outcome(Outcome::Declined))
        );
        assert_eq!(
            ValueMeaning::parse("type", "refund"),
            Some(ValueMeaning::Type(TxnType::Refund))
        );
        assert_eq!(ValueMeaning::parse("status", "refund"), None);
        assert_eq!(ValueMeaning::parse("status", ""), None);
        assert_eq!(ValueMeaning::Outcome(Outcome::Unknown).key(), "unknown");
        assert_eq!(ValueMeaning::Type(TxnType::PreauthCompletion).key(), "preauth_completion");
    }

    #[test]
    fn templates_round_trip_through_the_export_file() {
        let template = SavedTemplate {
            name: "收银机流水".into(),
            source_file: "till.csv".into(),
            header_signature: "when|till|money".into(),
            role: Some(Role::TerminalLog),
            columns: [("time".to_owned(), "When".to_owned())].into_iter().collect(),
            ..SavedTemplate::default()
        };
        let json = templates_json(std::slice::from_ref(&template));
        assert!(json.contains(TEMPLATES_SCHEMA));
        assert_eq!(parse_templates(&json), Ok(vec![template.clone()]));
        // localStorage holds a bare list.
        let bare = serde_json::to_string(&vec![template.clone()]).unwrap();
        assert_eq!(parse_templates(&bare), Ok(vec![template]));
        assert!(parse_templates("{\"schema\":\"x\",\"templates\":[]}").is_err());
        assert!(parse_templates("not json").is_err());
        // A template exported before value mapping imports unchanged, and one without values
        // writes no value fields (old pages read new files: unknown fields are ignored).
        let before_values = r#"{"schema":"posrecon.templates/v1","templates":[{"name":"A","header_signature":"a|b","role":null,"columns":{"amount":"b"}}]}"#;
        let old = parse_templates(before_values).unwrap();
        assert!(old[0].status_values.is_empty() && old[0].type_values.is_empty());
        assert!(!templates_json(&old).contains("_values"));
        assert!(parse_templates("[{\"name\":\"x\",\"header_signature\":\" \"}]").is_err());
    }
}
