//! `--config PATH`: a JSON settings file read into the engine's `Settings`; and `--templates
//! PATH`, the page's exported column mappings ([`parse_templates`]).
//!
//! The file holds the same keys as the report's `settings` object, so a report's settings can be
//! saved and reused as is; every key is optional (missing keys keep their defaults). A mistake
//! must be a one-line message naming the key, not a silently ignored setting, so unknown keys are
//! refused and each key is read on its own to say which one is wrong. Settlement cycles are
//! checked by the engine's own reading (`posrecon_engine::config::Cycle`), which refuses anything
//! but T+0 / T+1 / D+0 / D+1; fee rates and windows here, for values the engine would misread.

use posrecon_engine::Settings;
use posrecon_engine::ingest::MappingTemplate;
use serde_json::{Map, Value};

/// Reads a settings file's text; the error is one line naming the key and the problem.
pub fn parse(text: &str) -> Result<Settings, String> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| format!("settings file is not valid JSON: {e}"))?;
    let Value::Object(object) = value else {
        return Err("settings file must be a JSON object such as {\"cutoff\": \"23:00:00\"}".into());
    };
    let defaults = serde_json::to_value(Settings::default()).map_err(|e| e.to_string())?;
    let known: Vec<&String> = defaults.as_object().map(|o| o.keys().collect()).unwrap_or_default();
    for (key, value) in &object {
        if !known.contains(&key) {
            let names: Vec<&str> = known.iter().map(|k| k.as_str()).collect();
            return Err(format!(
                "unknown key '{key}' in settings file (known keys: {})",
                names.join(", ")
            ));
        }
        let mut single = Map::new();
        single.insert(key.clone(), value.clone());
        serde_json::from_value::<Settings>(Value::Object(single))
            .map_err(|e| format!("settings key '{key}': {e}"))?;
    }
    let settings: Settings =
        serde_json::from_value(Value::Object(object)).map_err(|e| format!("settings file: {e}"))?;
    validate(&settings)?;
    Ok(settings)
}

/// `schema` of the page's exported templates file.
const TEMPLATES_SCHEMA: &str = "posrecon.templates/v1";

/// Reads the page's exported templates file (`{"schema": "posrecon.templates/v1", "templates":
/// [...]}`) into the engine's mappings: each template's `header_signature`, `role`, `columns`,
/// `status_values` and `type_values` (its `name` and `source_file` are the page's own).
pub fn parse_templates(text: &str) -> Result<Vec<MappingTemplate>, String> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| format!("not a templates file: {e}"))?;
    let schema = value.get("schema").and_then(Value::as_str).unwrap_or_default();
    if schema != TEMPLATES_SCHEMA {
        return Err(format!("unknown schema '{schema}' (expected {TEMPLATES_SCHEMA})"));
    }
    let templates: Vec<MappingTemplate> =
        serde_json::from_value(value.get("templates").cloned().unwrap_or(Value::Null))
            .map_err(|e| format!("not a templates file: {e}"))?;
    if templates.iter().any(|t| t.header_signature.trim().is_empty()) {
        return Err("a template has no header_signature".into());
    }
    Ok(templates)
}

fn validate(settings: &Settings) -> Result<(), String> {
    for (i, rate) in settings.fee_rates.iter().enumerate() {
        if !(0..=10_000).contains(&rate.rate_per_10000) {
            return Err(format!(
                "settings key 'fee_rates[{i}].rate_per_10000': {} is not a rate per 10000 (38 = 0.38%)",
                rate.rate_per_10000
            ));
        }
        if rate.cap_cents.is_some_and(|c| c < 0) {
            return Err(format!("settings key 'fee_rates[{i}].cap_cents': must not be negative"));
        }
    }
    for (key, minutes) in [
        ("match_window_minutes", settings.match_window_minutes),
        ("duplicate_window_minutes", settings.duplicate_window_minutes),
        ("order_window_before_minutes", settings.order_window_before_minutes),
        ("order_window_after_minutes", settings.order_window_after_minutes),
        ("deposit_tolerance_cents_per_row", settings.deposit_tolerance_cents_per_row),
    ] {
        if minutes < 0 {
            return Err(format!("settings key '{key}': must not be negative"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use posrecon_engine::config::Cycle;

    #[test]
    fn the_pages_templates_file_is_read_with_its_value_mapping() {
        use posrecon_engine::model::Outcome;
        let text = r#"{"schema": "posrecon.templates/v1", "templates": [{"name": "收银机",
            "source_file": "till.csv", "header_signature": "时间点|结果", "role": "terminal_log",
            "columns": {"status": "结果"}, "status_values": {"好了": "approved"}}]}"#;
        let templates = parse_templates(text).unwrap();
        assert_eq!(templates[0].status_values["好了"], Outcome::Approved);
        assert_eq!(templates[0].columns["status"], "结果");
        let wrong = text.replace("approved", "fine");
        assert!(parse_templates(&wrong).unwrap_err().starts_with("not a templates file"));
        let other = text.replace("templates/v1", "report/v1");
        assert_eq!(
            parse_templates(&other).unwrap_err(),
            "unknown schema 'posrecon.report/v1' (expected posrecon.templates/v1)"
        );
    }

    #[test]
    fn good_files_keep_defaults_for_missing_keys() {
        let s = parse(r#"{"fee_rates": [{"card_type": "debit", "rate_per_10000": 50, "cap_cents": 2000}], "settlement_cycle_by_merchant": {"898": "D+1"}}"#).unwrap();
        assert_eq!(s.fee_rates.len(), 1);
        assert_eq!(s.settlement_cycle, Cycle::T1);
        assert_eq!(s.settlement_cycle_by_merchant["898"], Cycle::D1);
        assert_eq!(s.match_window_minutes, Settings::default().match_window_minutes);
        assert_eq!(parse("{}").unwrap(), Settings::default());
    }

    #[test]
    fn mistakes_name_the_key() {
        let cases: &[(&str, &str)] = &[
            ("[1]", "must be a JSON object"),
            ("{", "not valid JSON"),
            (r#"{"fee_rate": []}"#, "unknown key 'fee_rate'"),
            (r#"{"cutoff": "25:00"}"#, "settings key 'cutoff'"),
            (r#"{"fee_rates": [{"rate_per_10000": "0.38%"}]}"#, "settings key 'fee_rates'"),
            (r#"{"fee_rates": [{"rate": 38}]}"#, "settings key 'fee_rates'"),
            (
                r#"{"fee_rates": [{"rate_per_10000": 38, "card_type": "gold"}]}"#,
                "settings key 'fee_rates'",
            ),
            (r#"{"fee_rates": [{"rate_per_10000": 380000}]}"#, "fee_rates[0].rate_per_10000"),
            (r#"{"settlement_cycle": "T+7"}"#, "'T+7' is not a settlement cycle"),
            (r#"{"wallet_payout_cycle": "D+2"}"#, "settings key 'wallet_payout_cycle'"),
            (
                r#"{"settlement_cycle_by_merchant": {"1": "X"}}"#,
                "settings key 'settlement_cycle_by_merchant': merchant 1: 'X' is not",
            ),
            (r#"{"match_window_minutes": -1}"#, "match_window_minutes"),
            (r#"{"deposit_tolerance_cents_per_row": -5}"#, "deposit_tolerance_cents_per_row"),
        ];
        for (text, wanted) in cases {
            let err = parse(text).expect_err(text);
            assert!(err.contains(wanted), "{text}: {err}");
            assert_eq!(err.lines().count(), 1, "{text}: {err}");
        }
    }
}
