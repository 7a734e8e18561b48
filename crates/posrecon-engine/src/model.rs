//! The engine's internal, typed view of one statement line.
//!
//! `ingest` turns bytes into rows of strings, `normalize` turns those rows into [`Record`]s, and
//! every later stage (matcher, diagnose) works on records only. Records are not serialised
//! directly: `report` converts them into the public `RecordRef` so the internal shape can change
//! freely without breaking the JSON contract.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// What kind of file a statement is. Serialised names are part of the report contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The POS terminal's own transaction list, failures included.
    TerminalLog,
    /// The acquirer's settlement detail (对账单): settled transactions with fee and net.
    AcquirerStatement,
    /// The merchant's bank account lines (银行流水).
    BankStatement,
    /// The cashier system's / ERP's sales.
    OrderList,
    /// WeChat Pay / Alipay merchant bill.
    WalletBill,
}

impl Role {
    /// All roles, in a fixed order.
    pub const ALL: [Role; 5] = [
        Role::TerminalLog,
        Role::AcquirerStatement,
        Role::BankStatement,
        Role::OrderList,
        Role::WalletBill,
    ];

    /// The snake_case name used in the report and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::TerminalLog => "terminal_log",
            Role::AcquirerStatement => "acquirer_statement",
            Role::BankStatement => "bank_statement",
            Role::OrderList => "order_list",
            Role::WalletBill => "wallet_bill",
        }
    }

    /// Parses a snake_case role name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// The transaction type, mapped from the many spellings in real files onto one small set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TxnType {
    /// 消费: a purchase.
    Sale,
    /// 撤销 / 消费撤销: same-day cancellation of a sale.
    Void,
    /// 退货: refund after settlement.
    Refund,
    /// 冲正: automatic reversal after a timeout or fault.
    Reversal,
    /// 预授权完成.
    PreauthCompletion,
    /// A bank account credit.
    Deposit,
    /// Anything else (pre-authorisation, balance enquiry, unknown words).
    Other,
}

/// What the terminal (or the file) says happened to the attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Approved (response code 00 or a success status). Settlement rows are always approved.
    Approved,
    /// Declined: no money moved (cardholder declines, invalid card, ...).
    Declined,
    /// The terminal does not know: timeout, no reply, 98/68, "交易超时". Money may have moved.
    Unknown,
}

/// Card type (卡类型 / 卡类别), when a file says. Fee caps differ: debit cards are capped per
/// transaction, credit cards are not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardType {
    /// 借记卡.
    Debit,
    /// 贷记卡 / 信用卡 / 准贷记卡.
    Credit,
    /// Written, but not one of the known words (外卡, 其他).
    Unknown,
}

/// How an order list says the order was paid (支付方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayMethod {
    /// 银行卡 / 刷卡 / POS: backed by a terminal transaction.
    Card,
    /// 微信.
    Wechat,
    /// 支付宝.
    Alipay,
    /// Another QR payment (云闪付, 扫码, 聚合支付).
    Qr,
    /// 现金.
    Cash,
    /// Anything else (会员卡, 储值, 挂账, 券).
    Other,
}

impl PayMethod {
    /// Paid through a terminal or a wallet, so some other file should show the money.
    pub fn is_electronic(self) -> bool {
        matches!(self, PayMethod::Card | PayMethod::Wechat | PayMethod::Alipay | PayMethod::Qr)
    }
}

/// An identifier as a statement writes it (terminal id, RRN, STAN, order number...). Nearly all
/// fit inline: a record's identifiers cost no allocation each, which at two million records is
/// hundreds of megabytes of small heap blocks.
///
/// On 64-bit targets a `LeanString`: 16 bytes, `Option` included, holding up to 16 bytes inline
/// (a masked card `622848******1234` is 16, a 商户号 15, a 参考号 12); a `CompactString` is 24. On
/// 32-bit targets (the page's wasm32) a `CompactString`: 12 bytes holding 12 inline, where a
/// `LeanString` holds only 8 and would put every 参考号 on the heap.
#[cfg(target_pointer_width = "64")]
pub type Id = lean_string::LeanString;
/// An identifier as a statement writes it; see the 64-bit definition for why two types.
#[cfg(not(target_pointer_width = "64"))]
pub type Id = compact_str::CompactString;

/// One normalised statement line. Money is integer fen; times are Beijing local time.
///
/// Two million of these are alive at once for a month of a chain store, so the size counts
/// (`record_stays_small` in the tests holds it): the fields that only bank lines, wallet bills,
/// refunds or tills carry live in [`RecordExtra`] behind one pointer, read through accessors
/// ([`Record::memo`], [`Record::withdrawal`], ...) and written through [`Record::edit_extra`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Index of the input file in the engine's sorted input list.
    pub file_idx: u32,
    /// 1-based line (CSV/TXT) or row (spreadsheet) in the original file.
    pub line: u32,
    /// Role of the file the record came from.
    pub role: Role,
    /// Transaction time (date and time of day). `None` only when the file carries no time at all.
    pub time: Option<NaiveDateTime>,
    /// Transaction amount in fen, always positive; the direction is in `txn_type`.
    pub amount_cents: i64,
    /// Fee in fen as the acquirer charged it, when the file says ([`Record::fee_cents`]).
    pub fee: MaybeCents,
    /// Net (settled) amount in fen, when the file says ([`Record::net_cents`]).
    pub net: MaybeCents,
    /// Mapped transaction type.
    pub txn_type: TxnType,
    /// Mapped outcome.
    pub outcome: Outcome,
    /// 商户号.
    pub merchant_id: Option<Id>,
    /// 终端号.
    pub terminal_id: Option<Id>,
    /// 批次号.
    pub batch_no: Option<Id>,
    /// 凭证号 / 流水号 (STAN), as written in the file.
    pub stan: Option<Id>,
    /// 参考号 (RRN).
    pub rrn: Option<Id>,
    /// 授权码.
    pub auth_code: Option<Id>,
    /// Card number, masked to at most the first 6 and last 4 digits.
    pub card_masked: Option<Id>,
    /// Order id (merchant or channel order number).
    pub order_id: Option<Id>,
    /// 应答码 as written (trimmed); empty when the terminal got no reply.
    pub response_code: Option<Id>,
    /// 应答信息 / status text as written.
    pub response_text: Option<Id>,
    /// 清算日期 from the file, when it has one.
    pub settlement_date: Option<NaiveDate>,
    /// 卡类型, when the file has such a column.
    pub card_type: Option<CardType>,
    /// Order lists and terminal logs: how the order was paid.
    pub pay_method: Option<PayMethod>,
    /// The fields few rows carry; `None` when all of them are empty (never an empty box, so
    /// records compare equal by their contents).
    pub(crate) extra: Option<Box<RecordExtra>>,
}

/// The fields of a [`Record`] that only some roles fill: bank lines (counterparty, memo), wallet
/// bills (payer, payment kind, wallet order number, static code, withdrawal), refunds (the
/// original sale's RRN and STAN) and tills (支付单号). A terminal-log or acquirer row has none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordExtra {
    /// The other party of a bank line (对方户名 / 对方单位 / 收(付)方名称), as written; on a wallet
    /// bill the payer: 交易对方 on a personal bill, the buyer id (用户标识, 对方账户) on a merchant
    /// bill. Two payments from different payers are two customers, never one charged twice.
    pub counterparty: Option<String>,
    /// What a bank line says about itself (摘要, 用途, 附言, 备注 joined), as written.
    pub memo: Option<String>,
    /// The wallet's own order number (微信订单号, 支付宝交易号, 渠道订单号), when the file carries it
    /// next to the merchant's 商户订单号 in `order_id`.
    pub channel_order_id: Option<Id>,
    /// A payment on a personal 收款码 bill (the account holder's own 账单): scanned from a printed
    /// code, never through a till or an acquirer, so it decides nothing about terminal attempts.
    pub static_qr: bool,
    /// A personal bill's own word for the kind of payment (交易类型 / 交易分类: 二维码收款, 微信红包,
    /// 转账, 收钱码收款), as written: a 红包 and a 二维码收款 are never a re-scan of one another.
    pub payment_kind: Option<String>,
    /// A wallet fund flow's withdrawal (提现: the wallet's balance sent to the merchant's bank
    /// account; `txn_type` `Other`) or a withdrawal returned to the balance (提现退回: `Refund`).
    /// Not a payment: the QR passes and rules leave it alone; the deposit search expects it in
    /// the bank statement.
    pub withdrawal: bool,
    /// A refund's, void's or reversal's 原参考号: the RRN of the sale it undoes.
    pub orig_rrn: Option<Id>,
    /// A refund's, void's or reversal's 原凭证号: the STAN of the sale it undoes.
    pub orig_stan: Option<Id>,
    /// A till's 支付单号: the number the till gave this payment attempt at the wallet, which the
    /// wallet bill writes as 商户订单号. The till's own 订单号 (`order_id`) names the order, which a
    /// re-scan pays in a second attempt with a new 支付单号.
    pub pay_order_id: Option<Id>,
}

/// An amount in fen that a file may not give, in 8 bytes where `Option<i64>` takes 16. `i64::MIN`
/// stands for none: no amount read reaches it (`cell::parse_amount` refuses more than 15 integer
/// digits of 元), and [`MaybeCents::new`] refuses to store it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Option<i64>", into = "Option<i64>")]
pub struct MaybeCents(i64);

impl MaybeCents {
    /// No amount.
    pub const NONE: MaybeCents = MaybeCents(i64::MIN);

    /// `cents`, kept; `i64::MIN` (which no file can hold) is clamped to the next value up rather
    /// than read back as none.
    pub fn new(cents: Option<i64>) -> MaybeCents {
        match cents {
            None => MaybeCents::NONE,
            Some(c) => MaybeCents(c.max(i64::MIN + 1)),
        }
    }

    /// The amount, when there is one.
    pub fn get(self) -> Option<i64> {
        (self != MaybeCents::NONE).then_some(self.0)
    }
}

impl From<Option<i64>> for MaybeCents {
    fn from(cents: Option<i64>) -> MaybeCents {
        MaybeCents::new(cents)
    }
}

impl From<MaybeCents> for Option<i64> {
    fn from(cents: MaybeCents) -> Option<i64> {
        cents.get()
    }
}

/// What an absent [`RecordExtra`]'s identifiers read as.
const NO_ID: &Option<Id> = &None;
/// What an absent [`RecordExtra`]'s texts read as.
const NO_TEXT: &Option<String> = &None;

impl Record {
    /// A record with nothing in it, for readers that fill a few fields.
    pub fn blank(role: Role) -> Record {
        Record {
            file_idx: 0,
            line: 0,
            role,
            time: None,
            amount_cents: 0,
            fee: MaybeCents::NONE,
            net: MaybeCents::NONE,
            txn_type: TxnType::Other,
            outcome: Outcome::Approved,
            merchant_id: None,
            terminal_id: None,
            batch_no: None,
            stan: None,
            rrn: None,
            auth_code: None,
            card_masked: None,
            order_id: None,
            response_code: None,
            response_text: None,
            settlement_date: None,
            card_type: None,
            pay_method: None,
            extra: None,
        }
    }

    /// The fields few rows carry, `None` when the record has none of them.
    pub fn extra(&self) -> Option<&RecordExtra> {
        self.extra.as_deref()
    }

    /// Changes the fields few rows carry; the box is dropped again when they end up all empty.
    pub fn edit_extra(&mut self, edit: impl FnOnce(&mut RecordExtra)) {
        let extra = self.extra.get_or_insert_with(Box::default);
        edit(extra);
        if **extra == RecordExtra::default() {
            self.extra = None;
        }
    }

    /// See [`RecordExtra::counterparty`].
    pub fn counterparty(&self) -> &Option<String> {
        self.extra.as_ref().map_or(NO_TEXT, |e| &e.counterparty)
    }

    /// See [`RecordExtra::memo`].
    pub fn memo(&self) -> &Option<String> {
        self.extra.as_ref().map_or(NO_TEXT, |e| &e.memo)
    }

    /// See [`RecordExtra::channel_order_id`].
    pub fn channel_order_id(&self) -> &Option<Id> {
        self.extra.as_ref().map_or(NO_ID, |e| &e.channel_order_id)
    }

    /// See [`RecordExtra::static_qr`].
    pub fn static_qr(&self) -> bool {
        self.extra.as_ref().is_some_and(|e| e.static_qr)
    }

    /// See [`RecordExtra::payment_kind`].
    pub fn payment_kind(&self) -> &Option<String> {
        self.extra.as_ref().map_or(NO_TEXT, |e| &e.payment_kind)
    }

    /// See [`RecordExtra::withdrawal`].
    pub fn withdrawal(&self) -> bool {
        self.extra.as_ref().is_some_and(|e| e.withdrawal)
    }

    /// See [`RecordExtra::orig_rrn`].
    pub fn orig_rrn(&self) -> &Option<Id> {
        self.extra.as_ref().map_or(NO_ID, |e| &e.orig_rrn)
    }

    /// See [`RecordExtra::orig_stan`].
    pub fn orig_stan(&self) -> &Option<Id> {
        self.extra.as_ref().map_or(NO_ID, |e| &e.orig_stan)
    }

    /// See [`RecordExtra::pay_order_id`].
    pub fn pay_order_id(&self) -> &Option<Id> {
        self.extra.as_ref().map_or(NO_ID, |e| &e.pay_order_id)
    }

    /// Fee in fen as the acquirer charged it, when the file says.
    pub fn fee_cents(&self) -> Option<i64> {
        self.fee.get()
    }

    /// Net (settled) amount in fen, when the file says.
    pub fn net_cents(&self) -> Option<i64> {
        self.net.get()
    }

    /// STAN compared as a number, so "001004" and "1004" are the same voucher.
    pub fn stan_number(&self) -> Option<u32> {
        self.stan.as_deref().and_then(|s| s.trim().parse().ok())
    }

    /// 原凭证号 compared as a number, like [`Record::stan_number`].
    pub fn orig_stan_number(&self) -> Option<u32> {
        self.orig_stan().as_deref().and_then(|s| s.trim().parse().ok())
    }

    /// The last four digits of the card, when the masked number ends in digits.
    pub fn card_last4(&self) -> Option<&str> {
        let card = self.card_masked.as_deref()?;
        let tail = card.get(card.len().checked_sub(4)?..)?;
        tail.bytes().all(|b| b.is_ascii_digit()).then_some(tail)
    }
}

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
    /// Bank statements: money out of the account (借方, 支出, 转出).
    Debit,
    /// Bank statements: money into the account (贷方, 收入, 转入).
    Credit,
    /// Bank statements: which way the amount goes (借贷标志: 借/贷, D/C).
    Direction,
    /// Bank statements: the other party (对方户名, 对方单位, 收(付)方名称).
    Counterparty,
    /// Bank statements: what the line says about itself (摘要, 用途, 附言).
    Memo,
    /// 卡类型 / 卡类别 (借记卡, 贷记卡): decides which contracted fee rate applies.
    CardType,
    /// Order lists: 支付方式 (银行卡, 微信, 支付宝, 现金, ...).
    PayMethod,
    /// QR payments: the wallet's order number (微信订单号, 支付宝交易号, 渠道订单号).
    ChannelOrderId,
    /// Bank statements: the account balance after the line (余额, 账户余额, 联机余额).
    Balance,
    /// A refund's, void's or reversal's 原参考号: the RRN of the sale it undoes.
    OrigRrn,
    /// A refund's, void's or reversal's 原凭证号: the STAN of the sale it undoes.
    OrigStan,
    /// A till's 支付单号: the payment's number that the wallet bill calls 商户订单号 (the till's own
    /// 订单号 is the order, which may be paid in several attempts).
    PayOrderId,
}

impl Field {
    /// Every field, in declaration order.
    pub const ALL: [Field; 31] = [
        Field::Time,
        Field::Date,
        Field::TimeOfDay,
        Field::Amount,
        Field::Fee,
        Field::Net,
        Field::MerchantId,
        Field::TerminalId,
        Field::BatchNo,
        Field::Stan,
        Field::Rrn,
        Field::AuthCode,
        Field::Card,
        Field::TxnType,
        Field::ResponseCode,
        Field::ResponseText,
        Field::Status,
        Field::SettlementDate,
        Field::OrderId,
        Field::Debit,
        Field::Credit,
        Field::Direction,
        Field::Counterparty,
        Field::Memo,
        Field::CardType,
        Field::PayMethod,
        Field::ChannelOrderId,
        Field::Balance,
        Field::OrigRrn,
        Field::OrigStan,
        Field::PayOrderId,
    ];

    /// The field named `name` as in `Input.columns` (`amount`, `terminal_id`, ...).
    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == name.trim())
    }

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
            Field::Debit => "debit",
            Field::Credit => "credit",
            Field::Direction => "debit_credit",
            Field::Counterparty => "counterparty",
            Field::Memo => "memo",
            Field::CardType => "card_type",
            Field::PayMethod => "pay_method",
            Field::ChannelOrderId => "channel_order_id",
            Field::Balance => "balance",
            Field::OrigRrn => "orig_rrn",
            Field::OrigStan => "orig_stan",
            Field::PayOrderId => "pay_order_id",
        }
    }
}

impl Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Field::parse(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown field '{name}'")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two million records are alive at once for a chain store's month: the size is held. It was
    /// 488 bytes before the rare fields moved to `RecordExtra`, identifiers went to 16 bytes and
    /// fee and net to 8; the message says what it is now.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn record_stays_small() {
        let (record, extra) = (size_of::<Record>(), size_of::<RecordExtra>());
        assert!(record <= 224, "Record is {record} bytes (RecordExtra {extra})");
        assert_eq!(size_of::<Option<Id>>(), 16, "an identifier is 16 bytes, `None` included");
    }

    #[test]
    fn an_amount_that_may_be_missing_reads_back_as_written() {
        for cents in [None, Some(0), Some(-1), Some(1), Some(i64::MAX), Some(i64::MIN + 1)] {
            assert_eq!(MaybeCents::new(cents).get(), cents);
        }
        assert_eq!(MaybeCents::new(Some(i64::MIN)).get(), Some(i64::MIN + 1));
        let json = serde_json::to_string(&[MaybeCents::new(Some(-5)), MaybeCents::NONE]).unwrap();
        assert_eq!(json, "[-5,null]");
        let back: Vec<MaybeCents> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, [MaybeCents::new(Some(-5)), MaybeCents::NONE]);
    }

    #[test]
    fn an_emptied_extra_is_dropped() {
        let mut r = Record::blank(Role::WalletBill);
        let plain = r.clone();
        r.edit_extra(|e| e.withdrawal = true);
        assert!(r.withdrawal());
        assert_ne!(r, plain);
        r.edit_extra(|e| e.withdrawal = false);
        assert!(r.extra().is_none());
        assert_eq!(r, plain);
    }
}
