//! Configuration: what a caller decides about one analysis, and nothing else.
//!
//! A leaf of the engine: every stage may read it, it reads no stage (only the plain types of
//! [`crate::model`]). It holds the report's language ([`Lang`]), the tunable rules written into
//! the report ([`Settings`], with the typed settlement cycle [`Cycle`] and the contracted fee rates
//! [`FeeRate`]), the saved column mappings ([`MappingTemplate`]), everything about one run
//! ([`Options`]) and the files handed in ([`SourceFile`]). The crate root re-exports them
//! (`posrecon_engine::Settings` ...), so hosts need not know this module.
//!
//! Settings arrive from outside (a `--config` file, the page's settings panel, a saved report's
//! `settings`), so a value the engine would misread is refused when it is read, with a message
//! naming it ([`Cycle`]'s `FromStr`, [`Settings`]' `Deserialize`), never silently replaced by a
//! default.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::{CardType, Outcome, Role, TxnType};

/// Language of the human text in a report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Simplified Chinese (default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// `zh` or `en`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Parses `zh` / `en` (also `zh-CN`, `en-US`, ...).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.to_ascii_lowercase();
        if s == "zh" || s.starts_with("zh-") {
            Some(Lang::Zh)
        } else if s == "en" || s.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Picks the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Tunable rules of the analysis. Written into the report so a result can be reproduced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Clearing cut-off (日切): a transaction at or after this time clears on the next date.
    pub cutoff: NaiveTime,
    /// Settlement cycle: `T+1` (default), `T+0`, `D+1` or `D+0`; gives expected deposit dates.
    pub settlement_cycle: Cycle,
    /// Settlement cycle per 商户号, for merchants whose acquirer pays on another cycle.
    #[serde(deserialize_with = "cycles_by_merchant")]
    pub settlement_cycle_by_merchant: BTreeMap<String, Cycle>,
    /// Payout cycle of a wallet that pays its merchant bill's takings to the bank by itself
    /// (微信支付 settles a day's payments, net of fees and refunds, to the merchant's account):
    /// `D+1` (default), `T+1`, `D+0` or `T+0`. A wallet that keeps the money in its balance until
    /// the merchant withdraws it (支付宝) is followed by its withdrawals (提现) instead.
    pub wallet_payout_cycle: Cycle,
    /// Days off that the built-in holiday table lacks or gets wrong (a local holiday, a new year).
    pub extra_holidays: Vec<NaiveDate>,
    /// Working days that the built-in table lacks (a 调休 Saturday of a year not yet listed).
    pub extra_working_days: Vec<NaiveDate>,
    /// Working days after the expected deposit date before a deposit counts as missing.
    pub deposit_grace_working_days: u32,
    /// How far a deposit may differ from the settled net, per settled row, in fen (rounding).
    /// Also how far one settled row's net may be from a payout's difference for the payout to
    /// count as that row left out or paid twice (`matcher::deposit::is_one_row`).
    pub deposit_tolerance_cents_per_row: i64,
    /// Fallback matching window: terminal and acquirer times may differ by this much.
    pub match_window_minutes: i64,
    /// Two charges of the same card and amount this close together are a suspected duplicate.
    /// A dropped sale followed by a charge of the same card past this window, up to 60 minutes
    /// on the same clearing date, is still named, as a weaker duplicate (see `duplicate_charge`).
    pub duplicate_window_minutes: i64,
    /// Working days after the expected deposit date before advising to escalate.
    pub escalate_after_working_days: u32,
    /// Contracted fee rates (see [`crate::fees`]); empty = fees are not checked (no `fee_mismatch`).
    pub fee_rates: Vec<FeeRate>,
    /// Order lists: a card payment may come this many minutes before the order's time.
    pub order_window_before_minutes: i64,
    /// Order lists: a card payment may come this many minutes after the order's time (orders are
    /// typed in before the card is swiped).
    pub order_window_after_minutes: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            cutoff: NaiveTime::from_hms_opt(23, 0, 0).expect("valid time"),
            settlement_cycle: Cycle::T1,
            settlement_cycle_by_merchant: BTreeMap::new(),
            wallet_payout_cycle: Cycle::D1,
            extra_holidays: Vec::new(),
            extra_working_days: Vec::new(),
            deposit_grace_working_days: 1,
            deposit_tolerance_cents_per_row: 1,
            match_window_minutes: 5,
            duplicate_window_minutes: 15,
            escalate_after_working_days: 3,
            fee_rates: Vec::new(),
            order_window_before_minutes: 2,
            order_window_after_minutes: 10,
        }
    }
}

/// Everything the caller decides about one analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The date treated as today (the engine never reads a clock).
    pub as_of: NaiveDate,
    /// Language of human text.
    pub lang: Lang,
    /// Forced roles, by file name.
    pub role_overrides: BTreeMap<String, Role>,
    /// Rules of the analysis.
    pub settings: Settings,
    /// Saved column mappings, applied to every file whose header signature matches.
    pub mapping_templates: Vec<MappingTemplate>,
    /// Forced text encodings (`gbk`, `utf-8`, `utf-16le`, ...), by file name.
    pub encoding_overrides: BTreeMap<String, String>,
}

impl Options {
    /// Default settings, Chinese text, no overrides.
    pub fn new(as_of: NaiveDate) -> Self {
        Options {
            as_of,
            lang: Lang::Zh,
            role_overrides: BTreeMap::new(),
            settings: Settings::default(),
            mapping_templates: Vec::new(),
            encoding_overrides: BTreeMap::new(),
        }
    }
}

/// One statement file handed to the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// File name (no directories); used in every message and record reference.
    pub name: String,
    /// The file's bytes, untouched.
    pub bytes: Vec<u8>,
}

impl SourceFile {
    /// Convenience constructor.
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        SourceFile { name: name.into(), bytes: bytes.into() }
    }
}

/// A settlement cycle: when the net of a clearing date reaches the merchant's bank account
/// ([`crate::calendar`] does the date arithmetic). Written as `T+1`, `T+0`, `D+1`, `D+0` in
/// settings and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cycle {
    /// Same working day.
    T0,
    /// Next working day.
    T1,
    /// Same calendar day.
    D0,
    /// Next calendar day.
    D1,
}

impl Cycle {
    /// Every cycle, in the order a settings panel lists them (the common one first).
    pub const ALL: [Cycle; 4] = [Cycle::T1, Cycle::T0, Cycle::D1, Cycle::D0];

    /// Parses `T+1`, `t1`, ` D + 0 `, ... (case, blanks and the `+` do not matter); `None` for
    /// anything else. [`str::parse`] gives the same with an error to show.
    pub fn parse(s: &str) -> Option<Cycle> {
        let s: String = s.chars().filter(|c| !c.is_whitespace() && *c != '+').collect();
        match s.to_ascii_uppercase().as_str() {
            "T0" => Some(Cycle::T0),
            "T1" => Some(Cycle::T1),
            "D0" => Some(Cycle::D0),
            "D1" => Some(Cycle::D1),
            _ => None,
        }
    }

    /// `T+1` etc.: the form settings and reports write.
    pub fn as_str(self) -> &'static str {
        match self {
            Cycle::T0 => "T+0",
            Cycle::T1 => "T+1",
            Cycle::D0 => "D+0",
            Cycle::D1 => "D+1",
        }
    }
}

impl fmt::Display for Cycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text that is not a settlement cycle; shows as one line naming the text and the choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleError(pub String);

impl fmt::Display for CycleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' is not a settlement cycle (T+0, T+1, D+0, D+1)", self.0)
    }
}

impl std::error::Error for CycleError {}

impl FromStr for Cycle {
    type Err = CycleError;

    fn from_str(s: &str) -> Result<Cycle, CycleError> {
        Cycle::parse(s).ok_or_else(|| CycleError(s.to_owned()))
    }
}

impl Serialize for Cycle {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Cycle {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Cycle, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Reads `settlement_cycle_by_merchant`, naming the 商户号 whose cycle is not one.
fn cycles_by_merchant<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, Cycle>, D::Error> {
    let texts = BTreeMap::<String, String>::deserialize(deserializer)?;
    texts
        .into_iter()
        .map(|(merchant, text)| match text.parse() {
            Ok(cycle) => Ok((merchant, cycle)),
            Err(e) => Err(serde::de::Error::custom(format!("merchant {merchant}: {e}"))),
        })
        .collect()
}

/// One contracted fee rate (签约费率; [`crate::fees`] applies it). The most specific rate that
/// matches a row applies: a merchant-specific rate beats one for any merchant, and a
/// card-type-specific one beats one for any card; among equally specific rates, the first listed
/// wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeRate {
    /// 商户号 the rate is for; `null` = every merchant.
    #[serde(default)]
    pub merchant_id: Option<String>,
    /// `debit`, `credit` or `unknown`; `null` = rows of any card type (also rows whose file does
    /// not say).
    #[serde(default)]
    pub card_type: Option<CardType>,
    /// The rate per 10 000 of the amount: 38 = 0.38%, 60 = 0.6%.
    pub rate_per_10000: i64,
    /// Largest fee per transaction in fen (debit cards: e.g. 2000 = 20 元); `null` = no cap.
    #[serde(default)]
    pub cap_cents: Option<i64>,
}

/// A saved column mapping: when a file's header has `header_signature`, its role and columns are
/// taken from here instead of being detected. The page saves one when the merchant corrects a
/// file; [`crate::report::Input::header_signature`] gives the signature to save it under.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MappingTemplate {
    /// The header's signature as reported in `Input.header_signature`.
    pub header_signature: String,
    /// The role to use; `None` keeps the detected one.
    pub role: Option<Role>,
    /// Canonical field name (`amount`, `time`, `terminal_id`, ... as in `Input.columns`) -> the
    /// header text of the column that carries it. Fields not listed keep their detected column.
    pub columns: BTreeMap<String, String>,
    /// What the file's own status words mean (`好了` -> `approved`): a 交易状态 or 应答信息 cell
    /// (trimmed, as written) listed here has this outcome whatever the engine's word lists would
    /// read in it. Shops' own systems write words no acquirer uses; without this a terminal log
    /// saying `好了` is all 结果待定. Omitted from JSON when empty (templates saved before it
    /// read and write as they did).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub status_values: BTreeMap<String, Outcome>,
    /// What the file's own type words mean (`收钱` -> `sale`, `退钱` -> `refund`), for the
    /// 交易类型 cell, as `status_values` for the outcome. Omitted from JSON when empty.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub type_values: BTreeMap<String, TxnType>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_read_in_any_spelling_and_write_one() {
        for (text, cycle) in [("T+1", Cycle::T1), ("t1", Cycle::T1), (" D + 0 ", Cycle::D0)] {
            assert_eq!(text.parse::<Cycle>(), Ok(cycle), "{text}");
        }
        let settings: Settings =
            serde_json::from_str(r#"{"settlement_cycle": "d1", "wallet_payout_cycle": "T+0"}"#)
                .unwrap();
        assert_eq!(settings.settlement_cycle, Cycle::D1);
        let json = serde_json::to_value(&settings).unwrap();
        assert_eq!(json["settlement_cycle"], "D+1");
        assert_eq!(json["wallet_payout_cycle"], "T+0");
        assert_eq!(serde_json::to_value(Settings::default()).unwrap()["settlement_cycle"], "T+1");
    }

    #[test]
    fn an_unknown_cycle_is_refused_naming_it() {
        assert_eq!(
            "weekly".parse::<Cycle>().unwrap_err().to_string(),
            "'weekly' is not a settlement cycle (T+0, T+1, D+0, D+1)"
        );
        for (text, wanted) in [
            (r#"{"settlement_cycle": "T+7"}"#, "'T+7' is not a settlement cycle"),
            (r#"{"wallet_payout_cycle": ""}"#, "'' is not a settlement cycle"),
            (r#"{"settlement_cycle_by_merchant": {"898": "X"}}"#, "merchant 898: 'X' is not"),
        ] {
            let err = serde_json::from_str::<Settings>(text).unwrap_err().to_string();
            assert!(err.contains(wanted), "{text}: {err}");
        }
    }
}
