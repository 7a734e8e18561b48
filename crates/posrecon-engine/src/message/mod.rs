//! Typed messages: why a row was skipped or rejected, what a warning says, why a file could not be
//! read, and the names of the canonical fields, as values with their data (line numbers, counts,
//! cells, column names) rather than sentences.
//!
//! `ingest` and `normalize` (and the stages that account for rows after them) produce a [`Note`]
//! or a [`FileError`]; the words live in one function per language, [`en`] and [`zh`]. The report
//! keeps the English sentence in `RowNote.reason` and `Input.error` (the contract's stable text)
//! and adds the typed value beside it (`RowNote.code` and its data, `Input.file_error`), so the
//! page and every export word it in the report's language without parsing English.
//!
//! A leaf: it imports nothing from the stages.

pub mod en;
pub(crate) mod money;
pub mod zh;

use serde::{Deserialize, Serialize};

use crate::config::Lang;
pub use crate::model::Field;

/// Why a row was skipped or rejected, or what a warning on a row or file says. Serialised with
/// its stable snake_case `code` and its data beside it (flattened into `RowNote`).
#[allow(missing_docs)] // Fields and unit variants are named by what they hold or say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Note {
    // Skipped rows.
    /// A line with nothing on it.
    BlankLine,
    /// A row of empty cells.
    EmptyRow,
    /// A run of blank rows noted once (`RowRange`).
    BlankRows { rows: u32 },
    /// A 合计 / 小计 / total row.
    TotalRow,
    /// The header again (a new page of the export).
    RepeatedHeader,
    /// A second header line under the first.
    SecondHeaderRow,
    /// The group titles above the header again.
    RepeatedGroupTitle,
    /// A footnote (说明, 制表人, 第 2 页).
    NoteLine,
    /// A line starting with `#`.
    CommentLine,
    /// A line under the table's closing rule.
    FooterBelowTable,
    /// A line the reader did not place in any record (not expected).
    LineUnreadable,
    /// A record-type file's line of another type than `BV` (乐刷 `BH`, `BS`).
    RecordType { record_type: String },
    /// The file has no amount column: every row skipped.
    NoAmountColumn,
    /// The file's role is unknown: every row skipped.
    RoleUnknown,
    /// A wallet summary (支付宝 汇总): totals, not payments.
    WalletSummary,
    /// A 支付宝 账务明细: balances, not payments.
    WalletAccountFlow,
    /// A 微信 资金账单: balances, not payments.
    WalletFundFlow,
    /// A personal bill's 收入 row that is a refund of the account's own purchase.
    PersonalRefund,
    /// A personal bill's 支出 row.
    PersonalPaidOut,
    /// The owner's own withdrawal (零钱提现) in a personal bill.
    OwnersWithdrawal,
    /// A personal bill's 不计收支 row.
    PersonalNeither,
    /// A personal bill's row whose 收/支 is empty.
    PersonalFlowEmpty,
    /// The same bytes as another file, counted once.
    IdenticalFile { file: String },
    /// The same transaction as a line of an overlapping export.
    SameTransaction { file: String, other_line: u32 },
    /// Held back until the merchant confirms the file's role; `detail` is the doubt (English).
    RoleUnconfirmed { detail: String },

    // Rejected rows.
    /// The row's cells do not line up with the header.
    CellCount { cells: usize, width: usize },
    /// A cell that does not read as what its column holds.
    BadCell { field: Field, value: String, problem: Problem },
    /// A cell the row needs is empty.
    EmptyCell { field: Field },
    /// A bank line with a zero amount.
    AmountZero,
    /// A bank line with neither a debit nor a credit.
    NeitherDebitNorCredit,
    /// A bank line with both a debit and a credit.
    BothDebitAndCredit,
    /// A wallet withdrawal row whose time cannot be read.
    WithdrawalWithoutTime,
    /// A wallet withdrawal row whose amount cannot be read.
    WithdrawalWithoutAmount,
    /// A bank line without a date.
    NoDate,
    /// A bank line whose direction nothing tells.
    DirectionUnknown { doubt: Option<Doubt>, balance: BalanceSays },

    // Warnings.
    /// Read without a header line by its known layout.
    NoHeaderLine { layout: String, fields: usize },
    /// Bytes the encoding could not decode.
    InvalidBytes { count: usize, encoding: String },
    /// An archive member that could not be unpacked.
    MemberUnreadable { member: String, problem: MemberProblem },
    /// A workbook sheet without a statement table.
    SheetWithoutTable { sheet: String },
    /// A sheet that could not be read at all; `detail` is the reader's (English).
    SheetUnreadable { sheet: String, detail: String },
    /// A sheet damaged part way; `detail` is the reader's (English).
    SheetDamaged { after_row: u32, detail: String },
    /// A sheet over the cell limit, cut at `row`.
    SheetCut { max_cells: usize, row: u32 },
    /// A saved mapping names a field the engine does not know.
    MappingUnknownField { field: String },
    /// A saved mapping names a column the file does not have.
    MappingNoColumn { column: String, field: String },
    /// Most rows a saved mapping read have no known outcome (结果待定): the file's status words
    /// are probably its own (`好了`) and need a value mapping before the money is trusted.
    MappingMostlyUnknown { unknown: u64, rows: u64 },
    /// Most rows of a table read with a saved mapping could not be read.
    MappingMostlyRejected { rejected: u64, rows: u64 },
    /// An identifier Excel turned into scientific notation, digits lost.
    ScientificId { field: Field, value: String },
    /// Whole-number amounts read as 分 (fen), and why.
    AmountsInFen { evidence: FenEvidence },
    /// A bank flag's meaning learned from the running balance on other lines.
    FlagLearned { flag: String, direction: Money, seen: usize },
    /// The balance contradicts the row's direction; read as the balance shows.
    DirectionCorrected { said: Money, shown: Money },
    /// The row's direction is in doubt; read as the row says.
    DirectionDoubt { doubt: Doubt, said: Money },
    /// A total the file states differs from the rows read (`totals` words the quantities).
    TotalsDiffer {
        source: Option<String>,
        label: String,
        /// The total counts rows (`stated` and `read` are counts), else it is money in fen.
        count: bool,
        stated: i64,
        read: i64,
    },
    /// A wallet summary with no 业务明细 of its account loaded.
    SummaryUnchecked,
    /// Wallet payments that stay in the wallet's balance: no payout followed.
    HeldInWallet { wallet: Wallet },
}

/// What is wrong with a cell.
#[allow(missing_docs)] // Fields and unit variants are named by what they hold or say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    NotANumber,
    FractionOfFen,
    TooLarge,
    NotADate,
    NotADateTime,
    NotATime,
}

/// Why a bank line's direction is in doubt.
#[allow(missing_docs)] // Fields and unit variants are named by what they hold or say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Doubt {
    /// A negative amount in the credit column (冲账).
    NegativeCredit,
    /// The 借/贷 flag and the amount's sign disagree.
    FlagAgainstSign { flag: String },
    /// The 借/贷 flag is empty.
    FlagEmpty,
    /// The flag is neither 借 nor 贷.
    FlagUnknown { flag: String },
}

/// What the running balance can say about a line whose direction is unknown.
#[allow(missing_docs)] // Fields and unit variants are named by what they hold or say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BalanceSays {
    NoBalanceColumn,
    NoBalanceOnLine,
    CannotTell,
}

/// Money in or out of the account.
#[allow(missing_docs)] // Fields and unit variants are named by what they hold or say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Money {
    In,
    Out,
}

/// Why whole-number amounts were read as 分.
#[allow(missing_docs)] // Fields and unit variants are named by what they hold or say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FenEvidence {
    Layout,
    WholeFees,
    LargeUneven,
}

/// A wallet.
#[allow(missing_docs)] // Fields and unit variants are named by what they hold or say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Wallet {
    Wechat,
    Alipay,
}

/// Why an archive member could not be unpacked.
#[allow(missing_docs)] // Fields and unit variants are named by what they hold or say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberProblem {
    Unsupported,
    Encrypted,
    Damaged,
}

/// An archive member that could not be unpacked, and why.
#[allow(missing_docs)] // Fields and unit variants are named by what they hold or say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberNote {
    pub member: String,
    pub problem: MemberProblem,
}

/// Why a file could not be read at all. Serialised as `Input.file_error`: `{"code": ..., data}`.
#[allow(missing_docs)] // Fields and unit variants are named by what they hold or say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FileError {
    Empty,
    Binary,
    Pdf,
    ZipNotSupported,
    XlsNotSupported,
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    NestedArchive,
    ZipDamaged,
    /// A `.xlsx` name whose ZIP container is damaged.
    XlsxDamaged,
    /// An xlsx whose ZIP directory cannot be read before unpacking.
    XlsxIncomplete,
    XlsxTooBig {
        limit: u64,
    },
    /// `format` is `xlsx` or `xls`; `detail` is the reader's (English).
    WorkbookCannotOpen {
        format: String,
        detail: String,
    },
    /// The workbook reader failed outright (`format` is `xlsx` or `xls`).
    WorkbookUnreadable {
        format: String,
    },
    /// `detail` is what the container check found (English).
    XlsDamaged {
        detail: String,
    },
    NoSheetRows,
    TooManyMembers {
        max: usize,
    },
    ArchiveTooBig {
        limit: u64,
    },
    ArchiveEmpty,
    ArchiveUnreadable {
        members: Vec<MemberNote>,
    },
    UnknownEncoding {
        label: String,
    },
    /// An HTML page saved under a statement's extension (`ext` with its dot), if any.
    WebPage {
        ext: Option<String>,
    },
    NoHeader {
        rows: usize,
    },
    NoAmountColumn,
    NoBankAmountColumn,
}

impl Note {
    /// The stable snake_case code (`"cell_count"`, `"bad_cell"`, ...).
    pub fn code(&self) -> String {
        code_of(self)
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => zh::note(self),
            Lang::En => en::note(self),
        }
    }

    /// Whether the row is blank (a blank line or a row of empty cells).
    pub fn is_blank(&self) -> bool {
        matches!(self, Note::BlankLine | Note::EmptyRow)
    }
}

impl FileError {
    /// The stable snake_case code (`"too_large"`, `"no_header"`, ...).
    pub fn code(&self) -> String {
        code_of(self)
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => zh::file_error(self),
            Lang::En => en::file_error(self),
        }
    }
}

/// The English sentence (the report's `reason`).
impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&en::note(self))
    }
}

/// The English sentence (the report's `error`).
impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&en::file_error(self))
    }
}

/// The name of a canonical field in `lang` (the page's column mapping, the exports).
pub fn field_name(lang: Lang, field: Field) -> &'static str {
    match lang {
        Lang::Zh => zh::field(field),
        Lang::En => en::field(field),
    }
}

/// The serialised `code` of a tagged value.
fn code_of(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

/// A size in bytes as people say it: `3 KB`, `12 MB`, `1.5 GB`.
pub fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    const GB: u64 = 1024 * MB;
    if bytes >= GB {
        format!("{}.{} GB", bytes / GB, bytes % GB * 10 / GB)
    } else if bytes >= MB {
        format!("{} MB", bytes / MB)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests;
