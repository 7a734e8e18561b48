//! The public report: plain data with public fields, the only engine types that derive
//! `Serialize`/`Deserialize` for the outside world.
//!
//! The shape is the contract in `shared/spec/report-json.md` (schema `posrecon.report/v1`):
//! fields may be added, never renamed or removed. Money is integer fen (`*_cents`), times are
//! `YYYY-MM-DDTHH:MM:SS` Beijing local time, dates `YYYY-MM-DD`.
//!
//! The exports a merchant sends on are pure functions of a [`Report`]: [`html::render`] (one
//! self-contained document), [`csv::render`] (findings for Excel), and the [`table`]s that the CSV
//! and the XLSX workbook (crate `posrecon-export`, outside the engine) share.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

// How each file was read: produced by ingest and normalize, part of the contract.
pub use crate::accounting::{
    BalanceBreak, BalanceCheck, ColumnValues, Coverage, Input, MappingPreview, Merchant,
    PreviewRow, RoleDoubt, RowNote, RowRange, TotalsCheck, ValueCount,
};
pub use crate::message::{FileError, Note};
use crate::model::{PayMethod, Role, TxnType};

pub mod answer;
pub mod bidi;
pub mod case;
pub mod chart;
pub mod csv;
pub mod finding_text;
pub mod html;
pub mod labels;
pub mod needs;
pub(crate) use crate::message::money;
pub mod redact;
pub mod run_text;
pub mod sheet;
pub mod steps;
pub mod table;

/// Schema name written into every report.
pub const SCHEMA: &str = "posrecon.report/v1";

pub(crate) use crate::accounting::round_confidence;

/// Serde helper for `YYYY-MM-DDTHH:MM:SS` (no fraction, no offset).
pub use crate::accounting::time_format;

/// The whole result of one analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// `posrecon <version>`.
    pub generated_by: String,
    /// The date the analysis treated as today.
    pub as_of: NaiveDate,
    /// Language of the human text (`zh` or `en`).
    pub lang: String,
    /// What the run used.
    pub settings: crate::config::Settings,
    /// Who the files are about, as the files name them (extension, issue 14). Left out of the JSON
    /// when no file names the merchant.
    #[serde(default, skip_serializing_if = "Merchant::is_empty")]
    pub merchant: Merchant,
    /// One per input file, sorted by file name then content hash.
    pub inputs: Vec<Input>,
    /// Counts.
    pub summary: Summary,
    /// Things the merchant may need to act on, sorted by time.
    pub findings: Vec<Finding>,
    /// Diagnosed events explaining several attempts, sorted by start and numbered `I1`, ...
    pub incidents: Vec<Incident>,
    /// Every data row of every input in exactly one [`Chain`]: one payment's journey from the
    /// terminal to the settlement to the bank, or a bank line, sorted by their first record.
    #[serde(default)]
    pub chains: Vec<Chain>,
    /// Declines that are the card's business (51 余额不足, 55 密码错 ...), summarised as a profile:
    /// they are not an event and claim no attempt. Absent when there are none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cardholder_declines: Option<CardholderDeclines>,
    /// Per terminal and day: attempts, approved, declined, dropped, and each terminal's drop rate
    /// against the others'. Absent without a terminal log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal_health: Option<TerminalHealth>,
}

/// The cardholder declines of the period: how many, which codes, what to tell customers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardholderDeclines {
    /// Declined attempts whose code is the card's business and that no incident or finding holds.
    pub declines: u64,
    /// Counts by response code.
    pub response_codes: BTreeMap<String, u64>,
    /// Terminals they happened on (`""` left out).
    pub terminal_ids: Vec<String>,
    /// First of them.
    #[serde(with = "time_format")]
    pub first: NaiveDateTime,
    /// Last of them.
    #[serde(with = "time_format")]
    pub last: NaiveDateTime,
    /// One line.
    pub summary: String,
    /// What to tell customers, one line per code (most frequent first), then that nothing was
    /// charged.
    pub advice: Vec<String>,
}

/// How reliably each terminal reached the host, measured over the period.
///
/// `dropped` counts attempts whose outcome the terminal never learnt (no reply, 98/68 issuer
/// timeouts, 09, 94) or that could not go online (Z3): the attempts that become 掉单. Every
/// attempt is exactly one of approved, declined, dropped. Attempts are the terminal log's
/// transactions with a time (sales, voids, refunds, ...; reversal messages repeat an attempt and
/// are left out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TerminalHealth {
    /// The merchant's baseline: dropped / attempts over all terminals and the whole period.
    pub drop_rate: f64,
    /// One per terminal, sorted by terminal id.
    pub terminals: Vec<TerminalHealthRow>,
}

/// One terminal's health.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TerminalHealthRow {
    /// Terminal id, `""` when the log has none.
    pub terminal_id: String,
    /// Attempts over the period.
    pub attempts: u64,
    /// Approved.
    pub approved: u64,
    /// Declined with an answer.
    pub declined: u64,
    /// No answer or money in doubt (see [`TerminalHealth`]).
    pub dropped: u64,
    /// dropped / attempts, four decimals.
    pub drop_rate: f64,
    /// The other terminals' pooled drop rate (absent with a single terminal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub others_drop_rate: Option<f64>,
    /// One-sided Fisher exact test p-value that this terminal drops more than the others, two
    /// significant digits (absent with a single terminal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p_value: Option<f64>,
    /// Per day, compact: `[date, attempts, approved, declined, dropped]`, by date.
    pub days: Vec<(NaiveDate, u64, u64, u64, u64)>,
    /// Said when the drop rate is far above the others' (same test and threshold as the
    /// slow-burning detector).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<HealthNote>,
}

/// What a terminal's health says to the merchant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HealthNote {
    /// One line.
    pub title: String,
    /// The numbers behind it.
    pub evidence: Vec<String>,
    /// What to do.
    pub actions: Vec<String>,
}

/// One payment's journey through the files, so every data row ends somewhere the report says.
///
/// Members are compact `[input, line]` pairs: `input` indexes [`Report::inputs`], `line` is the
/// row's line in that file. A chain holds the terminal attempt(s), the acquirer row, the void /
/// reversal / refund rows undoing the sale, and the order the payment backs. The bank credit that
/// pays it is referenced (`deposit_record`), not a member: a credit pays many rows and is a member
/// of its own `bank_credit` chain. When the acquirer split the clearing date's payout into
/// several credits, `deposit_record` is the first and `more_deposit_records` the others. Hops that do not apply (a bank line has no terminal) are left
/// out of the JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chain {
    /// What the chain is.
    pub kind: ChainKind,
    /// What the terminal log says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal: Option<TerminalHop>,
    /// What the acquirer statements say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement: Option<SettlementHop>,
    /// What the bank statements say about the settled money (for a bank credit: whether it pays
    /// settled days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deposit: Option<DepositHop>,
    /// Whether an order of the cashier/ERP list is part of the chain (`null` = no order list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<OrderHop>,
    /// How terminal and acquirer rows were matched: `rrn`, `stan` or `window`. Borrowed from the
    /// pass's name when the engine writes it (a million chains are not a million small strings),
    /// owned when read back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matched_by: Option<std::borrow::Cow<'static, str>>,
    /// Member rows as `[input, line]`, in canonical order (time, file, line).
    pub records: Vec<(u32, u32)>,
    /// The bank credit paying the settled row, as `[input, line]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deposit_record: Option<(u32, u32)>,
    /// The other bank credits paying the settled row when the payout was split, as
    /// `[input, line]`, in the order of `deposit_record` (date, amount, canonical position).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more_deposit_records: Vec<(u32, u32)>,
    /// Findings that rest on a member row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub finding_ids: Vec<String>,
    /// A payment with refunds (退货) linked to its sale: the amount refunded so far, in fen (one
    /// full or several partial refunds; never more than the sale). Omitted without refunds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refunded_cents: Option<i64>,
    /// A payment with refunds: what remains of the sale after them, in fen (0 when fully
    /// refunded). Omitted without refunds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_cents: Option<i64>,
    /// A payment whose refunds come to more than the sale: by how much, in fen (the refunds that
    /// name the sale by 商户订单号, channel order number, 参考号, 原参考号 or 原凭证号, linked or
    /// not, less the sale's amount). The refund that would pass the sale's amount is not linked to
    /// it: it stays its own `cancellation` chain, and `refunded_cents` counts only what the sale
    /// could take. The excess is also an `over_refund` finding (the shop gave back money it never
    /// took), which names this chain's rows. Omitted when the refunds fit the sale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over_refunded_cents: Option<i64>,
}

/// What a chain is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChainKind {
    /// A sale (or pre-authorisation completion) and what followed it.
    Payment,
    /// A void, reversal or refund whose sale is not in the files.
    Cancellation,
    /// An order with no payment linked to it (cash, or unpaid).
    Order,
    /// A bank credit.
    BankCredit,
    /// A bank debit (money out): kept for coverage only.
    BankDebit,
    /// A wallet's withdrawal to the bank (提现) or one returned to its balance (提现退回), from the
    /// wallet's fund flow; its deposit hop says whether the bank received it.
    Withdrawal,
    /// Anything else (balance enquiries, pre-authorisations, unknown types).
    Other,
}

/// The terminal hop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TerminalHop {
    /// Approved on the terminal.
    Approved,
    /// Declined on the terminal.
    Declined,
    /// Timeout / no reply.
    Unknown,
    /// Not in a terminal log that covers its time.
    Absent,
    /// No terminal log covers its time.
    NotCovered,
}

/// The settlement hop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SettlementHop {
    /// Settled by the acquirer.
    Settled,
    /// Undone before settlement (void or reversal): nothing to settle.
    Cancelled,
    /// Not in acquirer statements that cover its clearing date.
    Absent,
    /// No acquirer statement covers its clearing date.
    NotCovered,
}

/// The deposit hop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DepositHop {
    /// Paid by a bank credit (exact within rounding).
    Deposited,
    /// Paid by a bank credit of another amount (`deposit_mismatch`).
    Short,
    /// Due, in the bank statement's range, not paid (`missing_deposit`).
    Missing,
    /// Not due yet.
    NotDue,
    /// No bank statement covers the expected date.
    NotCovered,
    /// A bank credit that pays no settled day.
    Unexplained,
    /// A bank credit the bank took back (冲正 / 退汇): its chain holds the debit too; pays nothing.
    TakenBack,
    /// A wallet payment whose money stays in the wallet's balance (an 支付宝 bill with no
    /// withdrawals loaded, a personal 收款码 bill): when it reaches the bank cannot be known.
    HeldInWallet,
}

/// The order hop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderHop {
    /// An order is linked.
    Linked,
    /// No order is linked (an order list is loaded).
    None,
}

/// Counts over the whole analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Payment attempts followed (terminal attempts plus settled rows with no terminal attempt):
    /// every terminal-log row, reversal rows and rows without a time included, plus every
    /// acquirer-statement or wallet-bill row with no terminal partner. Not the sum of
    /// [`TerminalHealth`]'s attempts, which counts terminal-log rows with a time only, reversal
    /// rows left out; that sum is at most this.
    pub attempts: u64,
    /// Number of findings per kind (kinds with none are left out).
    pub findings_by_kind: BTreeMap<Kind, u64>,
    /// Sum of `amount_cents` over findings of severity high or medium.
    pub money_at_risk_cents: i64,
}

/// The classification of money problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 掉单: terminal failure/timeout, but the acquirer settled it.
    ChargedButFailed,
    /// The same card charged twice for one sale.
    DuplicateCharge,
    /// Outcome unknown and the deciding settlement data is not in the files yet.
    PendingOutcome,
    /// 短款: approved on the terminal, absent from a settlement file covering its clearing date.
    MissingSettlement,
    /// 长款: settled, absent from a terminal log covering its time.
    UnexpectedSettlement,
    /// The same transaction carries different amounts in two sources.
    AmountMismatch,
    /// A void/refund/reversal the settlement does not reflect.
    ReversalNotSettledBack,
    /// Settled net never reached the bank account.
    MissingDeposit,
    /// A deposit differs from the expected net.
    DepositMismatch,
    /// A deposit arrived later than the cycle promises.
    LateDeposit,
    /// Fee differs from the contracted rate.
    FeeMismatch,
    /// The order list says paid by card; no approved transaction backs it.
    OrderNotPaid,
    /// Refunds naming a sale add up to more than the sale (退货金额超过原交易).
    OverRefund,
}

impl Kind {
    /// Every kind, in contract order.
    pub const ALL: [Kind; 13] = [
        Kind::ChargedButFailed,
        Kind::DuplicateCharge,
        Kind::PendingOutcome,
        Kind::MissingSettlement,
        Kind::UnexpectedSettlement,
        Kind::AmountMismatch,
        Kind::ReversalNotSettledBack,
        Kind::MissingDeposit,
        Kind::DepositMismatch,
        Kind::LateDeposit,
        Kind::FeeMismatch,
        Kind::OrderNotPaid,
        Kind::OverRefund,
    ];

    /// The snake_case name used in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ChargedButFailed => "charged_but_failed",
            Kind::DuplicateCharge => "duplicate_charge",
            Kind::PendingOutcome => "pending_outcome",
            Kind::MissingSettlement => "missing_settlement",
            Kind::UnexpectedSettlement => "unexpected_settlement",
            Kind::AmountMismatch => "amount_mismatch",
            Kind::ReversalNotSettledBack => "reversal_not_settled_back",
            Kind::MissingDeposit => "missing_deposit",
            Kind::DepositMismatch => "deposit_mismatch",
            Kind::LateDeposit => "late_deposit",
            Kind::FeeMismatch => "fee_mismatch",
            Kind::OrderNotPaid => "order_not_paid",
            Kind::OverRefund => "over_refund",
        }
    }

    /// Short Chinese label shown in the page and the exports.
    pub fn label_zh(self) -> &'static str {
        match self {
            Kind::ChargedButFailed => "掉单（扣款但显示失败）",
            Kind::DuplicateCharge => "重复扣款",
            Kind::PendingOutcome => "结果待定",
            Kind::MissingSettlement => "短款（成功未结算）",
            Kind::UnexpectedSettlement => "长款（结算无记录）",
            Kind::AmountMismatch => "金额不一致",
            Kind::ReversalNotSettledBack => "撤销/退货未结算",
            Kind::MissingDeposit => "未到账",
            Kind::DepositMismatch => "到账金额不符",
            Kind::LateDeposit => "延迟到账",
            Kind::FeeMismatch => "手续费不符",
            Kind::OrderNotPaid => "订单无支付记录",
            Kind::OverRefund => "退货金额超过原交易",
        }
    }

    /// Short English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Kind::ChargedButFailed => "Charged but shown as failed",
            Kind::DuplicateCharge => "Charged twice",
            Kind::PendingOutcome => "Outcome pending",
            Kind::MissingSettlement => "Approved but not settled",
            Kind::UnexpectedSettlement => "Settled but not on terminal",
            Kind::AmountMismatch => "Amount mismatch",
            Kind::ReversalNotSettledBack => "Void/refund not settled",
            Kind::MissingDeposit => "Deposit missing",
            Kind::DepositMismatch => "Deposit differs",
            Kind::LateDeposit => "Deposit late",
            Kind::FeeMismatch => "Fee differs",
            Kind::OrderNotPaid => "Order without payment",
            Kind::OverRefund => "Refund larger than the sale",
        }
    }

    /// Label in the given language.
    pub fn label(self, lang: crate::config::Lang) -> &'static str {
        match lang {
            crate::config::Lang::Zh => self.label_zh(),
            crate::config::Lang::En => self.label_en(),
        }
    }
}

/// How urgent a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Money lost or taken twice, act now.
    High,
    /// Needs checking.
    Medium,
    /// Worth knowing.
    Low,
    /// Nothing to do yet.
    Info,
}

/// Why something went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// The terminal's own link.
    Network,
    /// A place or time with poor reception, recurring.
    Signal,
    /// Acquirer or card-switch fault or cut-over (card payments).
    BankSystem,
    /// One wallet's own system (WeChat Pay or Alipay) failing across devices while the other
    /// wallet works: not the shop's network.
    WalletSystem,
    /// One card issuer failing.
    Issuer,
    /// Device, keys, printer, reader.
    Terminal,
    /// How the cashier used the terminal.
    Operator,
    /// Declines that are the card's business.
    Cardholder,
    /// Not known.
    Unknown,
}

/// One thing the merchant may need to act on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// `F0001`, ... in report order.
    pub id: String,
    /// Classification.
    pub kind: Kind,
    /// Urgency.
    pub severity: Severity,
    /// Money at stake, positive fen.
    pub amount_cents: i64,
    /// 0..1, how sure the engine is of the kind.
    pub confidence: f64,
    /// Why it happened, when known.
    pub cause: Option<Cause>,
    /// Incident this finding belongs to.
    pub incident_id: Option<String>,
    /// One line.
    pub title: String,
    /// A paragraph.
    pub explanation: String,
    /// Every line the finding rests on, the most telling first.
    pub records: Vec<RecordRef>,
    /// Relevant dates.
    pub dates: FindingDates,
    /// What agreed, what differed, which rule.
    pub evidence: Vec<String>,
    /// What to do, in order.
    pub actions: Vec<String>,
}

/// Dates attached to a finding.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingDates {
    /// Clearing dates involved.
    pub settlement_dates: Vec<NaiveDate>,
    /// When the money should reach the bank account.
    pub expected_deposit_date: Option<NaiveDate>,
    /// After this date, contact the acquirer / bank.
    pub escalate_after: Option<NaiveDate>,
}

/// A pointer to one line of one input file, with the fields a person needs to find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRef {
    /// File name.
    pub file: String,
    /// Sheet, for workbooks.
    pub sheet: Option<String>,
    /// 1-based line or row.
    pub line: u32,
    /// Role of the file.
    pub role: Role,
    /// Transaction time.
    #[serde(with = "time_format::option")]
    pub time: Option<NaiveDateTime>,
    /// Amount in fen.
    pub amount_cents: i64,
    /// Transaction type.
    #[serde(rename = "type")]
    pub txn_type: TxnType,
    /// 终端号.
    pub terminal_id: Option<String>,
    /// 商户号.
    pub merchant_id: Option<String>,
    /// 批次号.
    pub batch_no: Option<String>,
    /// 凭证号.
    pub stan: Option<String>,
    /// 参考号.
    pub rrn: Option<String>,
    /// 授权码.
    pub auth_code: Option<String>,
    /// Masked card number.
    pub card_masked: Option<String>,
    /// Order id.
    pub order_id: Option<String>,
    /// 应答码.
    pub response_code: Option<String>,
    /// 应答信息.
    pub response_text: Option<String>,
    /// 清算日期.
    pub settlement_date: Option<NaiveDate>,
    /// The wallet's or channel's own order number (微信订单号, 支付宝交易号, 渠道订单号); omitted
    /// when the line has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_order_id: Option<String>,
    /// How the line was paid, where the file says (`wechat`, `alipay`, `qr`, `card`, `cash`,
    /// `other`): a wallet bill's wallet, a till row's 支付方式; omitted when the file does not
    /// say (a terminal log, an acquirer statement without a channel column, a bank line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_method: Option<PayMethod>,
}

/// A diagnosed event explaining several attempts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// `I1`, ...
    pub id: String,
    /// Diagnosed cause.
    pub cause: Cause,
    /// 0..1.
    pub confidence: f64,
    /// Terminals involved; empty = merchant-wide.
    pub terminal_ids: Vec<String>,
    /// First attempt.
    #[serde(with = "time_format")]
    pub start: NaiveDateTime,
    /// Last attempt.
    #[serde(with = "time_format")]
    pub end: NaiveDateTime,
    /// Attempts explained.
    pub attempts: u64,
    /// Findings explained.
    pub finding_ids: Vec<String>,
    /// Response code counts.
    pub response_codes: BTreeMap<String, u64>,
    /// One line.
    pub title: String,
    /// Why the engine thinks so.
    pub evidence: Vec<String>,
    /// What to do.
    pub actions: Vec<String>,
}
