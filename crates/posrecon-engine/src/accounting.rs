//! How each file was read and what became of each of its rows: the per-file accounting of the
//! report contract ([`Input`] with its [`RowNote`]s, ranges, balance and totals proofs and role
//! doubt, the [`Merchant`] the file names). `ingest` and `normalize` fill it, so it is a leaf they
//! can import without reaching up into `report`, which re-exports every type under its old path
//! (`report::Input`, `report::Merchant`, ...).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::config::Lang;
use crate::message::{self, FileError, Note};
use crate::model::Role;

/// Rounds a confidence to two decimals, so reports show 0.83 rather than 0.8316666.
pub(crate) fn round_confidence(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Serde helper for `YYYY-MM-DDTHH:MM:SS` (no fraction, no offset).
pub mod time_format {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Deserializer, Serializer};

    const FMT: &str = "%Y-%m-%dT%H:%M:%S";

    /// Serialises a time without fractional seconds.
    pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&t.format(FMT))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let s = String::deserialize(d)?;
        NaiveDateTime::parse_from_str(&s, FMT).map_err(serde::de::Error::custom)
    }

    /// The same for `Option<NaiveDateTime>`.
    pub mod option {
        use super::FMT;
        use chrono::NaiveDateTime;
        use serde::{Deserialize, Deserializer, Serializer};

        /// Serialises `None` as null.
        pub fn serialize<S: Serializer>(
            t: &Option<NaiveDateTime>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => s.collect_str(&t.format(FMT)),
                None => s.serialize_none(),
            }
        }

        /// Parses null or `YYYY-MM-DDTHH:MM:SS`.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<NaiveDateTime>, D::Error> {
            Option::<String>::deserialize(d)?
                .map(|s| NaiveDateTime::parse_from_str(&s, FMT).map_err(serde::de::Error::custom))
                .transpose()
        }
    }
}

/// How one file was read and what became of each of its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Input {
    /// File name as given (no directories).
    pub file: String,
    /// Sheet name for workbooks, else null.
    pub sheet: Option<String>,
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// File size in bytes.
    pub bytes: u64,
    /// `csv`, `txt`, `xlsx`, `xls`, `fixed_width`, or null when unreadable.
    pub format: Option<String>,
    /// Detected text encoding (`utf-8`, `gb18030`, ...).
    pub encoding: Option<String>,
    /// Detected or forced role; null when the file could not be read as a statement.
    pub role: Option<Role>,
    /// How sure the role detection is, 0..1.
    #[serde(default)]
    pub role_confidence: f64,
    /// Which known layout matched, if any.
    pub dialect: Option<String>,
    /// 1-based line of the header row; 0 when the file has no header line and was read by a
    /// known layout's field count and shapes (a warning says which layout).
    pub header_line: Option<u32>,
    /// Rows used as data.
    pub data_rows: u64,
    /// Rows skipped on purpose (totals, blank lines, repeated headers), with why.
    pub skipped_rows: Vec<RowNote>,
    /// Rows that could not be read, with why.
    pub rejected_rows: Vec<RowNote>,
    /// Time range the file covers.
    pub coverage: Option<Coverage>,
    /// Canonical field name -> header text in the file.
    pub columns: BTreeMap<String, String>,
    /// One line a merchant understands, when the file could not be read at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Why the file could not be read, typed: `{"code": ..., data}` ([`FileError`]), beside
    /// the English `error`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_error: Option<FileError>,
    /// The header's stable signature (its normalised column names joined by `|`): the key a saved
    /// column mapping ([`crate::ingest::MappingTemplate`]) is found by. Null without a header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_signature: Option<String>,
    /// Rows that were used but lost something on the way, and notes about the file as a whole
    /// (an identifier Excel turned into `6.22848E+18`, a sheet that holds no statement, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<RowNote>,
    /// Runs of many skipped rows (thousands of empty spreadsheet rows) noted once each instead of
    /// row by row. They count in the row accounting like `skipped_rows`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped_ranges: Vec<RowRange>,
    /// The header row's cells as written, in column order. When no header row was found, the
    /// first row with two or more cells: a candidate the merchant can map by hand (the page's
    /// column mapping), with `header_signature` set to its signature so a saved mapping finds it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<String>,
    /// Bank statements with a balance column: every line's balance checked against the one
    /// before it (previous balance ± amount = balance). Null when the file has no balance column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance_check: Option<BalanceCheck>,
    /// The file's own totals (合计 rows, WeChat/Alipay summary lines, 总笔数, 汇总 members)
    /// compared with the rows read, one entry per stated total.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub totals_checks: Vec<TotalsCheck>,
    /// Why the detected role is not sure enough for a money finding to rest on this file. While
    /// set, the file's rows are not analysed (each is skipped saying so) until the merchant
    /// confirms a role; null when the role is sure or was chosen by the merchant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_doubt: Option<RoleDoubt>,
    /// The merchant this file names: 商户名称 and 商户号 from its preamble lines
    /// (`商户名称：示例便利店,商户号：898440358120014`) and its 商户名称 / 商户号 columns, and a bank
    /// statement's 户名 when it names a business (`ingest/merchant.rs` says why a person's name is
    /// left out). Omitted when the file names none.
    #[serde(default, skip_serializing_if = "Merchant::is_empty")]
    pub merchant: Merchant,
    /// What the merchant's saved column mapping made of this table, so they can see it before
    /// trusting the money: the first rows as read, how the rows ended, and the file's own status
    /// and type words with what each was read as. Only when a mapping applied to the table
    /// (omitted otherwise, so reports of files read without one are unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping_preview: Option<MappingPreview>,
}

/// How a mapped table read (`Input.mapping_preview`), from the records normalize made of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingPreview {
    /// The first rows read as records (at most [`MappingPreview::ROWS`]), in line order.
    pub rows: Vec<PreviewRow>,
    /// Rows read as data.
    pub read: u64,
    /// Of those, rows whose outcome is approved, declined, unknown (结果待定).
    pub approved: u64,
    /// Rows read as declined (no money moved).
    pub declined: u64,
    /// Rows whose outcome is unknown: each becomes a 结果待定 or 掉单 candidate.
    pub unknown: u64,
    /// Rows that could not be read (bad amount, time ...).
    pub rejected: u64,
    /// The distinct words of the status (交易状态, else 应答信息) and type (交易类型) columns, most
    /// frequent first, at most [`MappingPreview::VALUES`] each: what the merchant may map.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<ColumnValues>,
}

impl MappingPreview {
    /// Rows previewed.
    pub const ROWS: usize = 5;
    /// Distinct values listed per column.
    pub const VALUES: usize = 30;
}

/// One row of a [`MappingPreview`]: the fields a merchant recognises a payment by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// Line in the file (1-based).
    pub line: u32,
    /// `YYYY-MM-DDTHH:MM:SS`, Beijing time, as every time in the report; null when the row has
    /// none.
    pub time: Option<String>,
    /// Amount in fen, as the file means it.
    pub amount_cents: i64,
    /// The transaction type read (`sale`, `refund`, ...).
    pub txn_type: crate::model::TxnType,
    /// The outcome read (`approved`, `declined`, `unknown`).
    pub outcome: crate::model::Outcome,
    /// The status or reply words as written (交易状态, else 应答信息).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// 终端号.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal_id: Option<String>,
    /// Card, masked to first 6 / last 4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_masked: Option<String>,
    /// 参考号, else 凭证号, else 订单号: the identifier the row is found by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// The distinct words of one status or type column of a mapped table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnValues {
    /// `status` (the outcome words: 交易状态, else 应答信息) or `type` (交易类型), as the keys of
    /// `Input.columns`.
    pub field: String,
    /// The column's header text.
    pub column: String,
    /// Each distinct value, most rows first (then as written).
    pub values: Vec<ValueCount>,
    /// More distinct values than listed.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// One distinct value of a column and what the engine read it as.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueCount {
    /// The value as written (trimmed).
    pub value: String,
    /// Rows with it.
    pub rows: u64,
    /// What its first row was read as: the outcome (`approved`, `declined`, `unknown`) for a
    /// status column, the type (`sale`, ...) for a type column; null when no row with it was
    /// read (all rejected).
    pub read_as: Option<String>,
    /// The merchant's mapping names this value (`status_values` / `type_values`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mapped: bool,
}

/// The merchant the files are about: names and 商户号 as the files give them (a preamble line such
/// as `商户名称：示例便利店`, a 商户名称 / 商户号 column), each list sorted and without repeats.
/// One per file (`Input.merchant`) and the union over the files (`Report.merchant`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merchant {
    /// 商户名称 as written in the files (several when files disagree).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// 商户号 as written in the files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merchant_ids: Vec<String>,
}

impl Merchant {
    /// True when no file names the merchant.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.merchant_ids.is_empty()
    }

    /// Every name and 商户号 of `merchants`, each list sorted and without repeats.
    pub fn union<'a>(merchants: impl IntoIterator<Item = &'a Merchant>) -> Merchant {
        let mut names = std::collections::BTreeSet::new();
        let mut merchant_ids = std::collections::BTreeSet::new();
        for merchant in merchants {
            names.extend(merchant.names.iter().cloned());
            merchant_ids.extend(merchant.merchant_ids.iter().cloned());
        }
        Merchant {
            names: names.into_iter().collect(),
            merchant_ids: merchant_ids.into_iter().collect(),
        }
    }
}

/// The running-balance proof of one bank statement.
///
/// A bank line's balance is the previous line's balance plus a credit or minus a debit, so a
/// statement with a balance column proves its own reading: a line whose balance follows confirms
/// its amount and direction; a break points at a missing or extra line (overlapping exports, a
/// page left out) or at a misread amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalanceCheck {
    /// Header text of the balance column (余额, 账户余额, 联机余额, ...).
    pub column: String,
    /// Lines read as data that carry a balance.
    pub lines: u64,
    /// Lines whose balance follows from the line before and their amount. The first line of the
    /// file (nothing before it) counts as confirmed when the second follows from it.
    pub confirmed: u64,
    /// `oldest_first` or `newest_first`: the order the file lists lines in, decided by the
    /// balances.
    pub order: String,
    /// Where the chain breaks, in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breaks: Vec<BalanceBreak>,
}

/// One place where a statement's running balance does not follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalanceBreak {
    /// The line whose balance does not follow from the line before it.
    pub line: u32,
    /// The line before it in time order.
    pub previous_line: u32,
    /// Balance the previous line and this line's amount imply, fen.
    pub expected_cents: i64,
    /// Balance the line states, fen.
    pub stated_cents: i64,
}

/// One total a file states about itself, against the rows read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalsCheck {
    /// Where the total is written: its line in this file, or 0 when it comes from a summary file
    /// or archive member (named in `source`).
    pub line: u32,
    /// The summary file or member the total comes from, when it is not this file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The total's name as the file writes it (`合计 交易金额`, `手续费总金额`, `交易订单总笔数`),
    /// which tells apart two totals of one measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// What is totalled: `count` (rows), `amount`, `fee`, `net`, `refund`, `credit`, `debit`.
    pub measure: String,
    /// The total as the file states it: a row count, or fen for money.
    pub stated: i64,
    /// The same total over the rows read: a row count, or fen.
    pub read: i64,
    /// Whether the two agree (money within one fen per row for rounding of 5-decimal fees).
    pub agrees: bool,
}

/// Why a file's role is a guess.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleDoubt {
    /// `low_confidence` (little evidence for any role), `close_runner_up` (two roles nearly
    /// tie), `balance_breaks` (a bank reading its own balances do not confirm) or
    /// `does_not_fit` (the file contradicts the set of files it came with).
    pub reason: String,
    /// The role that came close, for `close_runner_up`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<Role>,
    /// One line for the merchant, in English (the page words it from `reason`).
    pub detail: String,
}

impl Input {
    /// Marks the file as unreadable: `file_error` typed and `error` its English sentence.
    pub fn fail(&mut self, error: FileError) {
        self.error = Some(message::en::file_error(&error));
        self.file_error = Some(error);
    }

    /// Why the file could not be read, in `lang` (`error` as written when it is not typed).
    pub fn error_text(&self, lang: Lang) -> Option<String> {
        match &self.file_error {
            Some(error) => Some(error.text(lang)),
            None => self.error.clone(),
        }
    }

    /// Skipped rows, counting each row of every range in `skipped_ranges`.
    pub fn skipped_count(&self) -> u64 {
        self.skipped_rows.len() as u64
            + self.skipped_ranges.iter().map(|r| u64::from(r.to_line - r.line) + 1).sum::<u64>()
    }
}

/// A run of consecutive skipped rows and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowRange {
    /// First 1-based line (or spreadsheet row) of the run.
    pub line: u32,
    /// Last line of the run, inclusive.
    pub to_line: u32,
    /// Why, in plain words (English).
    pub reason: String,
    /// Why, typed: its `code` and data sit beside `reason` in the JSON.
    #[serde(flatten)]
    pub note: Note,
}

impl RowRange {
    /// A run of `line..=to_line` noted once, with its English `reason` worded from `note`.
    pub fn new(line: u32, to_line: u32, note: Note) -> RowRange {
        RowRange { line, to_line, reason: message::en::note(&note), note }
    }
}

/// A skipped or rejected row and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowNote {
    /// 1-based line in the file.
    pub line: u32,
    /// Why, in plain words (English; stable for tests and tooling).
    pub reason: String,
    /// Why, typed ([`Note`]): its stable snake_case `code` and its data (`field`, `value`,
    /// `cells`, ...) sit beside `reason` in the JSON; [`Note::text`] words it in either language.
    #[serde(flatten)]
    pub note: Note,
}

impl RowNote {
    /// A note on `line`, with its English `reason` worded from `note`.
    pub fn new(line: u32, note: Note) -> RowNote {
        RowNote { line, reason: message::en::note(&note), note }
    }

    /// The note in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.note.text(lang)
    }
}

/// Start and end of what a file covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// First moment covered.
    #[serde(with = "time_format")]
    pub start: NaiveDateTime,
    /// Last moment covered.
    #[serde(with = "time_format")]
    pub end: NaiveDateTime,
}
