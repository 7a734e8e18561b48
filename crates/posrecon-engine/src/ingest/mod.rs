//! Stage 1: bytes -> a decoded table with its header, column roles and file role.
//!
//! TODO(ingest helper): encoding, delimiter, header detection, column synonyms, role detection.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::model::Role;
use crate::report::Input;

/// Canonical fields a column can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// Full date and time in one column.
    Time,
    /// Date only (combined with `TimeOfDay` when both exist).
    Date,
    /// Time of day only.
    TimeOfDay,
    /// Transaction amount.
    Amount,
    /// Fee.
    Fee,
    /// Net / settled amount.
    Net,
    /// 商户号.
    MerchantId,
    /// 终端号.
    TerminalId,
    /// 批次号.
    BatchNo,
    /// 凭证号 / 流水号.
    Stan,
    /// 参考号.
    Rrn,
    /// 授权码.
    AuthCode,
    /// Card number.
    Card,
    /// Transaction type.
    TxnType,
    /// 应答码.
    ResponseCode,
    /// 应答信息 / 交易结果 text.
    ResponseText,
    /// 交易状态 (success / failed words).
    Status,
    /// 清算日期.
    SettlementDate,
    /// Order number.
    OrderId,
}

impl Field {
    /// snake_case name used in `Input.columns`.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Time => "time",
            Field::Date => "date",
            Field::TimeOfDay => "time_of_day",
            Field::Amount => "amount",
            Field::Fee => "fee",
            Field::Net => "net",
            Field::MerchantId => "merchant_id",
            Field::TerminalId => "terminal_id",
            Field::BatchNo => "batch_no",
            Field::Stan => "stan",
            Field::Rrn => "rrn",
            Field::AuthCode => "auth_code",
            Field::Card => "card",
            Field::TxnType => "type",
            Field::ResponseCode => "response_code",
            Field::ResponseText => "response_text",
            Field::Status => "status",
            Field::SettlementDate => "settlement_date",
            Field::OrderId => "order_id",
        }
    }
}

/// A data row as written in the file (decoded text, not yet typed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// 1-based line in the file.
    pub line: u32,
    /// Cells in column order.
    pub cells: Vec<String>,
}

/// The decoded table of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Which column index carries each field.
    pub columns: BTreeMap<Field, usize>,
    /// Candidate data rows below the header (totals, blanks and repeated headers already skipped).
    pub rows: Vec<RawRow>,
}

/// Result of reading one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Ingested {
    /// Accounting so far; `normalize` completes it.
    pub input: Input,
    /// The table, when the file could be read as one.
    pub table: Table,
}

/// Reads one file. Never fails: an unreadable file gets an `Input` with `error` set.
pub fn run(name: &str, bytes: &[u8], role_override: Option<Role>) -> Ingested {
    let _ = role_override;
    Ingested {
        input: Input {
            file: name.to_owned(),
            sheet: None,
            sha256: sha256_hex(bytes),
            bytes: bytes.len() as u64,
            format: None,
            encoding: None,
            role: None,
            role_confidence: 0.0,
            dialect: None,
            header_line: None,
            data_rows: 0,
            skipped_rows: Vec::new(),
            rejected_rows: Vec::new(),
            coverage: None,
            columns: BTreeMap::new(),
            error: Some("not implemented".to_owned()),
        },
        table: Table::default(),
    }
}

/// Hex SHA-256 of a file's bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
