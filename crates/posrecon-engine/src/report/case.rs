//! The facts of one finding as a case to send on (issue 14): who the merchant is, the transactions
//! concerned with every identifier the acquirer or the bank asks for, the bank lines checked, and
//! what to request of whom by when. Typed values only; the words are in `case/zh.rs` and
//! `case/en.rs`, and the case sheet ([`super::sheet`]) and the chat text ([`super::finding_text`])
//! render the same [`Case`], so the two never disagree on an identifier.
//!
//! ## Which transactions a case concerns
//! A finding's `records` are every line it rests on, and that is not the same thing. A deposit
//! finding (`missing_deposit`, `deposit_mismatch`, `late_deposit`) is about a clearing date's
//! payout: its records are the bank credits and then every settled row of those dates (the
//! statement lines that make up the net). None of those sales is in question, so taking
//! identifiers from the first record (what the exports did) put an unrelated 268.00 sale of the
//! demo week under "交易信息" of its 未到账 case. A deposit case therefore lists **no transaction**:
//! it gives the payout (clearing dates, expected date, how many settled rows and their gross) and
//! the bank lines. Every other kind is about the transactions its records describe, one
//! transaction seen in several files (the terminal's attempt and the acquirer's row, the till's
//! row and the wallet's): records are grouped into transactions by the identifiers they share
//! (参考号, the wallet's order number, 终端号 + 批次号 + 凭证号, the order number), else by amount
//! and time within [`PAIR_WINDOW_MINUTES`], never two lines of one file in one transaction and
//! never across a conflicting 参考号, wallet number or 凭证号. A `fee_mismatch` of a whole day
//! concerns each of its rows.
//!
//! A case lists at most [`MAX_LISTED`] transactions (one A4 page, one chat message); the others
//! are counted (`more_transactions`) and are in the full report and the CSV.
//!
//! ## The request
//! What to ask and of whom follows `shared/reference/domain.md`: §4a's vocabulary (调单 to see the
//! voucher of a settled charge, 请款 / 补结算 for a 短款, 退货 after settlement and 撤销 only the
//! same day, 贷记调整 / 差错 for a 长款), §4c's list of what the acquirer or bank asks for
//! (商户号, 终端号, 批次号, 凭证号, 参考号, 授权码, date and time, amount, card first 6 / last 4,
//! 清算日期, the bank lines checked), §4d's operator corrections (调账) and §1c for wallets (the
//! wallet's merchant platform answers for its own orders: 查询, 退款). A card payment is asked of
//! the acquirer (收单机构); a payout also of the bank (开户银行, 来账查询); a WeChat Pay or Alipay
//! payment of that wallet; an aggregator's QR payment of the aggregator as acquirer; what only the
//! shop's own files disagree on (an order list against the terminal) is the shop's to check
//! (本店). A timeout the terminal caused (`cause` network, signal or terminal) adds the POS
//! provider (POS 服务商). Money given back is the shop's to give: a double charge is 撤销 (the same
//! day, before settlement) or 退货 (after) on the shop's own terminal, or 退款 on the wallet's
//! merchant platform or the aggregator's app, and the acquirer is asked only as the fallback
//! (退货 or 调账 when the terminal cannot); an amount found too high is refunded by the shop and
//! one too low charged as a new sale. A wallet request the shop carries out itself on the
//! merchant platform ([`on_platform`]: 查询, 退款, 撤销订单) names the platform as where, not
//! whom. The deadline is the finding's `escalate_after`, judged against `as_of` by
//! [`answer::when`] and worded by [`answer::text::when_sentence`], as the report and the run's
//! text word it.
//!
//! ## Untrusted text
//! Identifiers, response texts and names come from files the merchant did not write. [`clean`]
//! drops control characters, shows bidirectional controls as `[U+202E]` (obeyed, a U+202E would
//! reorder what the bank reads; dropped, the value would silently differ from the file) through
//! the one function the HTML report, the CSV and the XLSX use
//! ([`crate::report::bidi::show_bidi_controls`]), and clips a value longer than any real
//! identifier, once, here, so the sheet and the chat text show the same value. HTML escaping stays
//! with the sheet.

use chrono::{NaiveDate, NaiveDateTime};

use crate::config::Lang;
use crate::model::{PayMethod, Role, TxnType};
use crate::report::answer::{self, When};
use crate::report::bidi::show_bidi_controls;
use crate::report::{Cause, Finding, Kind, RecordRef, Report, Severity};

mod en;
mod zh;

/// Transactions listed in full on one case (the rest are counted).
pub const MAX_LISTED: usize = 4;
/// Two lines of different files with no identifier in common are one transaction when their
/// amounts are equal and their times this close (the matcher's default window).
pub const PAIR_WINDOW_MINUTES: i64 = 5;
/// Longest identifier or name kept; real ones are at most 32 characters (a WeChat 商户订单号).
pub const MAX_VALUE_CHARS: usize = 64;

/// One finding as a case: everything the sheet and the chat text say, as values.
#[derive(Debug, Clone, PartialEq)]
pub struct Case<'a> {
    /// The finding.
    pub finding: &'a Finding,
    /// Language of the report (and of the words).
    pub lang: Lang,
    /// The date the analysis treated as today.
    pub as_of: NaiveDate,
    /// `posrecon <version>`.
    pub generated_by: &'a str,
    /// The merchant as the files name it.
    pub merchant: MerchantFacts,
    /// Terminals of the transactions concerned (sorted, distinct).
    pub terminals: Vec<String>,
    /// How the money moved: card, or which wallet.
    pub channel: Channel,
    /// The transactions concerned, at most [`MAX_LISTED`], in the finding's order.
    pub transactions: Vec<Transaction>,
    /// Transactions concerned beyond those listed.
    pub more_transactions: usize,
    /// A deposit case's payout.
    pub payout: Option<Payout>,
    /// The bank lines the finding names (credits, and debits taking one back).
    pub bank_lines: Vec<BankLine>,
    /// The bank statements loaded and the dates they cover: where the money was looked for.
    pub bank_files: Vec<Covered>,
    /// What to ask, of whom, by when.
    pub request: Request,
}

/// Names and 商户号 for the case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MerchantFacts {
    /// 商户名称 as the files give them (`Report.merchant`).
    pub names: Vec<String>,
    /// 商户号: those of the finding's own lines, else those the files name (`Report.merchant`).
    pub merchant_ids: Vec<String>,
}

/// How the money of a case moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// Bank card through a terminal and an acquirer.
    Card,
    /// 微信支付.
    Wechat,
    /// 支付宝.
    Alipay,
    /// Another QR payment (云闪付, an aggregator's 扫码).
    OtherQr,
}

/// What a transaction is in its case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The transaction the case is about.
    Subject,
    /// Of a double charge: the charge to give back (the one the terminal showed as failed).
    GiveBack,
    /// Of a double charge: the charge to keep.
    Keep,
    /// The sale a void, refund or reversal undoes.
    OriginalSale,
    /// A void, refund or reversal of the sale.
    Undoing,
}

/// One transaction concerned, merged from its lines in the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    /// What it is in the case.
    pub part: Part,
    /// 消费, 撤销, 退货 ...
    pub txn_type: TxnType,
    /// Date and time (the first line's with a time).
    pub time: Option<NaiveDateTime>,
    /// The amount, one entry per file that says another amount (the first file's first).
    pub amounts: Vec<(Role, i64)>,
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
    /// Card, first 6 / last 4 at most.
    pub card: Option<String>,
    /// 清算日期.
    pub settlement_date: Option<NaiveDate>,
    /// Order number (the till's, or the wallet bill's 商户订单号).
    pub order_id: Option<String>,
    /// The wallet's own number (微信订单号, 支付宝交易号).
    pub channel_order_id: Option<String>,
    /// What the terminal or till said: response code and text (`98 发卡方超时`).
    pub terminal_said: Option<String>,
    /// The lines it was read from.
    pub sources: Vec<Source>,
}

/// Where a line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file's role.
    pub role: Role,
    /// File name (cleaned).
    pub file: String,
    /// 1-based line.
    pub line: u32,
}

/// A deposit case's payout: the settlement it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payout {
    /// Clearing dates (or a wallet's bill days / withdrawal dates).
    pub settlement_dates: Vec<NaiveDate>,
    /// When it should have reached the bank.
    pub expected_deposit_date: Option<NaiveDate>,
    /// Settled rows the finding lists.
    pub rows: usize,
    /// Σ of their amounts (gross), fen.
    pub gross_cents: i64,
    /// The finding lists only the first rows of a long day: `rows` and `gross_cents` are a floor.
    pub rows_capped: bool,
}

/// A bank line named by a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankLine {
    /// Booking time.
    pub time: Option<NaiveDateTime>,
    /// Amount, fen.
    pub amount_cents: i64,
    /// A credit (`Deposit`) or a debit taking one back (`Other` / `Reversal`).
    pub txn_type: TxnType,
    /// Where it is.
    pub source: Source,
}

/// A bank statement loaded and the dates it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Covered {
    /// File name (cleaned).
    pub file: String,
    /// First and last date, when its lines have dates.
    pub dates: Option<(NaiveDate, NaiveDate)>,
}

/// What to ask, of whom, by when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The request, in the field's terms.
    pub ask: Ask,
    /// Of whom.
    pub to: Party,
    /// Further requests of someone else, in this order: the acquirer when the shop's own
    /// terminal cannot give a double charge back, the bank for a payout, the shop's own check of a
    /// wallet order, the POS provider for a terminal that times out.
    pub also: Vec<(Ask, Party)>,
    /// Escalate after this date (`escalate_after`).
    pub by: Option<NaiveDate>,
    /// Where `as_of` stands against `by` ([`answer::when`], the one rule every text follows).
    pub when: When,
}

/// A request in the field's terms (domain.md §4a, §4c, §4d, §1c).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// 查询 / 调单: confirm a charge the terminal showed as failed was taken and settled.
    ConfirmCharge,
    /// Give back a charge taken twice, done by the shop itself: on the original terminal 撤销 the
    /// same day before settlement, 退货 after (card); 退款 on the wallet's merchant platform or
    /// the aggregator's app (QR).
    GiveBack,
    /// The acquirer's part when the terminal cannot give a double charge back: 退货 or 调账.
    GiveBackFallback,
    /// 查询交易结果: whether an attempt with no answer took money.
    QueryOutcome,
    /// 补结算 / 请款: an approved sale the statement left out (短款).
    ClaimSettlement,
    /// 核查长款 / 调单: a settled charge the terminal has no record of.
    TraceSettlement,
    /// 核实金额 (调单 for the signed voucher); the shop then gives back (退货 / 退款) what was
    /// charged too much, or charges what was too little as a new sale.
    CheckAmount,
    /// 撤销/退货未结算: have the void or refund settled back to the card.
    SettleUndoing,
    /// 查询入账: the payout record (出款流水 / 划款凭证) of a payout that never arrived.
    TraceDeposit,
    /// 来账查询: a returned or suspended incoming transfer at the bank.
    BankIncoming,
    /// 查询入账差额: the settlement detail of a payout that arrived short, and the difference.
    ExplainDeposit,
    /// Why a payout came late, and the cycle in the contract.
    ExplainDelay,
    /// 退还多收手续费.
    RefundFee,
    /// The shop's own check: the cashier, the order, the customer.
    CheckInShop,
    /// 调账: money refunded beyond the sale.
    Adjust,
    /// Check the terminal's network or device.
    CheckTerminal,
    /// Already refunded in full: nothing to refund, keep the receipts of the sale and the refund.
    KeepReceipts,
}

/// Who is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// 收单机构 (the acquirer, or the aggregator of a QR payment).
    Acquirer,
    /// 开户银行.
    Bank,
    /// 微信支付.
    Wechat,
    /// 支付宝.
    Alipay,
    /// POS 服务商.
    PosProvider,
    /// 本店 (the shop's own records and staff).
    Shop,
}

/// The case of finding `finding_id`, or `None` when the report has no such finding.
pub fn of<'a>(report: &'a Report, finding_id: &str) -> Option<Case<'a>> {
    let finding = report.findings.iter().find(|f| f.id == finding_id)?;
    let lang = crate::report::labels::report_lang(&report.lang);
    let channel = channel(finding);
    let per_day = is_per_day(finding.kind);
    let concerned: Vec<Transaction> = if per_day { Vec::new() } else { transactions(finding) };
    let more_transactions = concerned.len().saturating_sub(MAX_LISTED);
    let transactions: Vec<Transaction> = concerned.into_iter().take(MAX_LISTED).collect();
    let mut terminals: Vec<String> =
        transactions.iter().filter_map(|t| t.terminal_id.clone()).collect();
    terminals.sort();
    terminals.dedup();
    Some(Case {
        finding,
        lang,
        as_of: report.as_of,
        generated_by: &report.generated_by,
        merchant: merchant(report, finding),
        terminals,
        channel,
        payout: per_day.then(|| payout(finding)),
        bank_lines: bank_lines(finding),
        bank_files: bank_files(report),
        request: request(finding, channel, report.as_of),
        transactions,
        more_transactions,
    })
}

/// A finding about a clearing date's payout rather than a payment.
pub fn is_per_day(kind: Kind) -> bool {
    matches!(kind, Kind::MissingDeposit | Kind::DepositMismatch | Kind::LateDeposit)
}

/// `s` on one line (tabs and line breaks become spaces, other control characters go), trimmed,
/// clipped to `max` characters with `…`, and its bidirectional controls shown as `[U+202E]` by
/// [`show_bidi_controls`], as the HTML report, the CSV and the XLSX show them.
pub fn clean(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_control() && !c.is_whitespace() {
            continue;
        }
        out.push(if c.is_whitespace() { ' ' } else { c });
    }
    let trimmed = out.trim();
    if trimmed.chars().count() <= max {
        return show_bidi_controls(trimmed).into_owned();
    }
    let mut clipped: String = trimmed.chars().take(max.saturating_sub(1)).collect();
    clipped.push('…');
    show_bidi_controls(&clipped).into_owned()
}

fn value(v: &Option<String>) -> Option<String> {
    v.as_deref().map(|s| clean(s, MAX_VALUE_CHARS)).filter(|s| !s.is_empty())
}

fn merchant(report: &Report, finding: &Finding) -> MerchantFacts {
    let mut ids: Vec<String> =
        finding.records.iter().filter_map(|r| value(&r.merchant_id)).collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        ids = report.merchant.merchant_ids.iter().map(|s| clean(s, MAX_VALUE_CHARS)).collect();
    }
    let names = report.merchant.names.iter().map(|s| clean(s, MAX_VALUE_CHARS)).collect();
    MerchantFacts { names, merchant_ids: ids }
}

fn channel(finding: &Finding) -> Channel {
    let wallet = finding.records.iter().find_map(|r| match r.pay_method {
        Some(PayMethod::Wechat) => Some(Channel::Wechat),
        Some(PayMethod::Alipay) => Some(Channel::Alipay),
        Some(PayMethod::Qr) => Some(Channel::OtherQr),
        _ => None,
    });
    wallet.unwrap_or(Channel::Card)
}

/// The transactions a payment finding's records describe, in the order of their first line.
fn transactions(finding: &Finding) -> Vec<Transaction> {
    let records: Vec<&RecordRef> =
        finding.records.iter().filter(|r| r.role != Role::BankStatement).collect();
    let mut groups: Vec<Vec<&RecordRef>> = Vec::new();
    for r in records {
        let joined = groups
            .iter()
            .position(|g| fits(g, r) && g.iter().any(|o| shares_id(o, r)))
            .or_else(|| groups.iter().position(|g| fits(g, r) && g.iter().any(|o| near(o, r))));
        match joined {
            Some(i) => groups[i].push(r),
            None => groups.push(vec![r]),
        }
    }
    let mut out: Vec<Transaction> = groups.iter().map(|g| merge(g)).collect();
    mark_parts(finding.kind, &mut out);
    out
}

/// `r` may join group `g`: no line of the same file, the same type, no conflicting identifier.
fn fits(g: &[&RecordRef], r: &RecordRef) -> bool {
    g.iter().all(|o| {
        (o.file != r.file || o.sheet != r.sheet) && o.txn_type == r.txn_type && !conflicts(o, r)
    })
}

fn both<'a>(a: &'a Option<String>, b: &'a Option<String>) -> Option<(&'a str, &'a str)> {
    match (a.as_deref(), b.as_deref()) {
        (Some(x), Some(y)) if !x.is_empty() && !y.is_empty() => Some((x, y)),
        _ => None,
    }
}

/// The voucher key: 终端号 and 凭证号, with 批次号 when both lines have one.
fn voucher_same(a: &RecordRef, b: &RecordRef) -> Option<bool> {
    let (ta, tb) = both(&a.terminal_id, &b.terminal_id)?;
    let (sa, sb) = both(&a.stan, &b.stan)?;
    let batch = both(&a.batch_no, &b.batch_no).is_none_or(|(x, y)| x == y);
    Some(ta == tb && sa == sb && batch)
}

fn conflicts(a: &RecordRef, b: &RecordRef) -> bool {
    let differ = |x: Option<(&str, &str)>| x.is_some_and(|(x, y)| x != y);
    differ(both(&a.rrn, &b.rrn))
        || differ(both(&a.channel_order_id, &b.channel_order_id))
        || voucher_same(a, b) == Some(false)
}

fn shares_id(a: &RecordRef, b: &RecordRef) -> bool {
    let same = |x: Option<(&str, &str)>| x.is_some_and(|(x, y)| x == y);
    same(both(&a.rrn, &b.rrn))
        || same(both(&a.channel_order_id, &b.channel_order_id))
        || same(both(&a.order_id, &b.order_id))
        || voucher_same(a, b) == Some(true)
}

fn near(a: &RecordRef, b: &RecordRef) -> bool {
    let close = match (a.time, b.time) {
        (Some(x), Some(y)) => (x - y).num_minutes().abs() <= PAIR_WINDOW_MINUTES,
        _ => false,
    };
    close && a.amount_cents == b.amount_cents
}

fn merge(group: &[&RecordRef]) -> Transaction {
    let first = |get: fn(&RecordRef) -> &Option<String>| group.iter().find_map(|r| value(get(r)));
    let mut amounts: Vec<(Role, i64)> = Vec::new();
    for r in group {
        if !amounts.iter().any(|&(_, a)| a == r.amount_cents) {
            amounts.push((r.role, r.amount_cents));
        }
    }
    let said = group.iter().find(|r| r.response_code.is_some() || r.response_text.is_some());
    let terminal_said = said.map(|r| {
        let parts = [value(&r.response_code), value(&r.response_text)];
        parts.into_iter().flatten().collect::<Vec<_>>().join(" ")
    });
    Transaction {
        part: Part::Subject,
        txn_type: group[0].txn_type,
        time: group.iter().find_map(|r| r.time),
        amounts,
        terminal_id: first(|r| &r.terminal_id),
        merchant_id: first(|r| &r.merchant_id),
        batch_no: first(|r| &r.batch_no),
        stan: first(|r| &r.stan),
        rrn: first(|r| &r.rrn),
        auth_code: first(|r| &r.auth_code),
        card: first(|r| &r.card_masked),
        settlement_date: group.iter().find_map(|r| r.settlement_date),
        order_id: first(|r| &r.order_id),
        channel_order_id: first(|r| &r.channel_order_id),
        terminal_said: terminal_said.filter(|s| !s.is_empty()),
        sources: group.iter().map(|r| source(r)).collect(),
    }
}

fn source(r: &RecordRef) -> Source {
    let file = match &r.sheet {
        Some(sheet) => format!("{} [{}]", r.file, sheet),
        None => r.file.clone(),
    };
    Source { role: r.role, file: clean(&file, MAX_VALUE_CHARS * 2), line: r.line }
}

/// Which transaction is which: of a double charge's charges the last is the one to keep and the
/// others are to give back (the rule lists the charges the terminal showed as failed first, the
/// approved one last; a sale charged three times has two to give back), and a refund already made
/// is the undoing; a sale beside its voids or refunds is the original sale.
fn mark_parts(kind: Kind, txns: &mut [Transaction]) {
    let undoing = |t: &TxnType| matches!(t, TxnType::Void | TxnType::Refund | TxnType::Reversal);
    if kind == Kind::DuplicateCharge && txns.len() >= 2 {
        let charges = txns.iter().filter(|t| !undoing(&t.txn_type)).count();
        let mut seen = 0;
        for t in txns.iter_mut() {
            t.part = if undoing(&t.txn_type) {
                Part::Undoing
            } else {
                seen += 1;
                if seen == charges && charges >= 2 { Part::Keep } else { Part::GiveBack }
            };
        }
        return;
    }
    if txns.iter().any(|t| undoing(&t.txn_type)) && txns.iter().any(|t| !undoing(&t.txn_type)) {
        for t in txns.iter_mut() {
            t.part = if undoing(&t.txn_type) { Part::Undoing } else { Part::OriginalSale };
        }
    }
}

/// The finding lists at most this many settled rows of a payout (`diagnose`'s cap).
const PAYOUT_ROWS_LISTED: usize = 30;

fn payout(finding: &Finding) -> Payout {
    let rows: Vec<&RecordRef> =
        finding.records.iter().filter(|r| r.role != Role::BankStatement).collect();
    let mut dates = finding.dates.settlement_dates.clone();
    if dates.is_empty() {
        dates = rows.iter().filter_map(|r| r.settlement_date).collect();
        dates.sort_unstable();
        dates.dedup();
    }
    let signed = |r: &&RecordRef| match r.txn_type {
        TxnType::Refund | TxnType::Void | TxnType::Reversal => -r.amount_cents,
        _ => r.amount_cents,
    };
    Payout {
        settlement_dates: dates,
        expected_deposit_date: finding.dates.expected_deposit_date,
        rows: rows.len(),
        gross_cents: rows.iter().map(signed).sum(),
        rows_capped: rows.len() >= PAYOUT_ROWS_LISTED,
    }
}

fn bank_lines(finding: &Finding) -> Vec<BankLine> {
    finding
        .records
        .iter()
        .filter(|r| r.role == Role::BankStatement)
        .map(|r| BankLine {
            time: r.time,
            amount_cents: r.amount_cents,
            txn_type: r.txn_type,
            source: source(r),
        })
        .collect()
}

fn bank_files(report: &Report) -> Vec<Covered> {
    report
        .inputs
        .iter()
        .filter(|i| i.role == Some(Role::BankStatement) && i.role_doubt.is_none())
        .map(|i| Covered {
            file: clean(&i.file, MAX_VALUE_CHARS * 2),
            dates: i.coverage.map(|c| (c.start.date(), c.end.date())),
        })
        .collect()
}

/// The party that answers for a payment on `channel`.
fn payer_side(channel: Channel) -> Party {
    match channel {
        Channel::Card | Channel::OtherQr => Party::Acquirer,
        Channel::Wechat => Party::Wechat,
        Channel::Alipay => Party::Alipay,
    }
}

/// Only the shop's own files (terminal log, till, order list) disagree: no statement is involved.
fn shop_only(finding: &Finding) -> bool {
    finding.records.iter().all(|r| matches!(r.role, Role::TerminalLog | Role::OrderList))
}

fn request(finding: &Finding, channel: Channel, as_of: NaiveDate) -> Request {
    let to = payer_side(channel);
    let refunded = finding.severity == Severity::Info
        && matches!(
            finding.kind,
            Kind::ChargedButFailed | Kind::DuplicateCharge | Kind::AmountMismatch
        );
    let (ask, to, also) = match finding.kind {
        // Refunded in full already (`diagnose/rules/refunded.rs`): nothing to ask anyone.
        _ if refunded => (Ask::KeepReceipts, Party::Shop, None),
        Kind::ChargedButFailed => (Ask::ConfirmCharge, to, None),
        // The shop gives the charge back itself; the acquirer only when its terminal cannot.
        // On its terminal (card) or in the aggregator's app; a wallet's on its merchant platform.
        Kind::DuplicateCharge if to == Party::Acquirer => {
            (Ask::GiveBack, Party::Shop, Some((Ask::GiveBackFallback, to)))
        }
        Kind::DuplicateCharge => (Ask::GiveBack, to, None),
        Kind::PendingOutcome => (Ask::QueryOutcome, to, None),
        Kind::MissingSettlement => (Ask::ClaimSettlement, to, None),
        Kind::UnexpectedSettlement => (Ask::TraceSettlement, to, None),
        Kind::AmountMismatch if shop_only(finding) => (Ask::CheckAmount, Party::Shop, None),
        Kind::AmountMismatch => (Ask::CheckAmount, to, None),
        Kind::ReversalNotSettledBack => (Ask::SettleUndoing, to, None),
        Kind::MissingDeposit => (Ask::TraceDeposit, to, Some((Ask::BankIncoming, Party::Bank))),
        Kind::DepositMismatch => (Ask::ExplainDeposit, to, None),
        Kind::LateDeposit => (Ask::ExplainDelay, to, None),
        Kind::FeeMismatch => (Ask::RefundFee, to, None),
        Kind::OrderNotPaid if channel == Channel::Card => (Ask::CheckInShop, Party::Shop, None),
        Kind::OrderNotPaid => (Ask::QueryOutcome, to, Some((Ask::CheckInShop, Party::Shop))),
        Kind::OverRefund => (Ask::Adjust, to, None),
    };
    let terminal_fault =
        matches!(finding.cause, Some(Cause::Network | Cause::Signal | Cause::Terminal))
            && channel == Channel::Card;
    let also =
        also.into_iter().chain(terminal_fault.then_some((Ask::CheckTerminal, Party::PosProvider)));
    let by = finding.dates.escalate_after;
    Request { ask, to, also: also.collect(), by, when: answer::when(by, as_of) }
}

/// A request the shop carries out on the wallet's merchant platform itself (查询, 退款, 撤销订单)
/// rather than one it sends to the wallet: `request.to` is then where, not whom.
pub(crate) fn on_platform(ask: Ask) -> bool {
    matches!(
        ask,
        Ask::ConfirmCharge
            | Ask::GiveBack
            | Ask::QueryOutcome
            | Ask::ClaimSettlement
            | Ask::TraceSettlement
            | Ask::CheckAmount
    )
}

/// The words of a case in one language: labels, and the sentences built from its values.
pub(crate) struct Words {
    /// `案件单` / `Case sheet`.
    pub(crate) sheet: &'static str,
    pub(crate) merchant_name: &'static str,
    pub(crate) merchant_id: &'static str,
    pub(crate) terminal: &'static str,
    pub(crate) severity: &'static str,
    pub(crate) settlement_dates: &'static str,
    pub(crate) expected_deposit: &'static str,
    pub(crate) as_of: &'static str,
    pub(crate) request: &'static str,
    pub(crate) transactions: &'static str,
    pub(crate) payout: &'static str,
    pub(crate) bank: &'static str,
    pub(crate) how_found: &'static str,
    pub(crate) terminal_said: &'static str,
    pub(crate) sources: &'static str,
    pub(crate) no_bank_line: &'static str,
    pub(crate) card_note: &'static str,
    pub(crate) footer: &'static str,
    /// `MID` in a chat (`商户号`).
    pub(crate) merchant_id_short: &'static str,
    /// The name of an identifier on the sheet.
    pub(crate) label: fn(Id) -> &'static str,
    /// The name of an identifier in a chat text (shorter in English: `TID`, `Trace`).
    pub(crate) short: fn(Id) -> &'static str,
    /// The head of a chat text: `【案件单 F0004】` / `[F0004]`.
    pub(crate) chat_head: fn(&str) -> String,
    /// `第 8 行` / `line 8`.
    pub(crate) line: fn(u32) -> String,
    /// The amount as money in this language.
    pub(crate) money: fn(i64) -> String,
    /// The label of a transaction's part (`应退还的一笔`), none for the subject.
    pub(crate) part: fn(Part) -> Option<&'static str>,
    /// The request as one sentence: `请向收单机构：…`.
    pub(crate) request_line: fn(&Case) -> String,
    /// The further requests (`request.also`), one sentence each.
    pub(crate) also_lines: fn(&Case) -> Vec<String>,
    /// The payout as one sentence.
    pub(crate) payout_line: fn(&Case, &Payout) -> String,
    /// A bank line as one phrase.
    pub(crate) bank_line: fn(&BankLine) -> String,
    /// A bank statement loaded and its dates.
    pub(crate) covered: fn(&Covered) -> String,
    /// `另有 3 笔` / `and 3 more`.
    pub(crate) more: fn(usize) -> String,
}

/// What a transaction is in its case, as the chat text and the sheet name it: a double charge's
/// two charges, the original sale, and a void, refund or reversal by its own type.
pub(crate) fn part_label(lang: Lang, t: &Transaction) -> Option<&'static str> {
    match t.part {
        Part::Undoing => Some(crate::report::labels::txn_type(lang, t.txn_type)),
        part => (words(lang).part)(part),
    }
}

/// The deadline sentence, when the finding has a date: the same words as the answer's
/// ([`answer::text::when_sentence`]), so the sheet, the chat texts and the report agree.
pub(crate) fn deadline(case: &Case) -> Option<String> {
    case.request.by?;
    let action = answer::action(case.finding, case.as_of);
    Some(answer::text::when_sentence(case.lang, &action))
}

/// The words of `lang`.
pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &zh::WORDS,
        Lang::En => &en::WORDS,
    }
}

impl Transaction {
    /// The amount as the case writes it: one amount, or each file's when they differ.
    pub fn amount_text(&self, lang: Lang) -> String {
        let w = words(lang);
        match self.amounts.as_slice() {
            [(_, one)] => (w.money)(*one),
            many => many
                .iter()
                .map(|(role, a)| {
                    format!("{} {}", crate::report::labels::role(lang, *role), (w.money)(*a))
                })
                .collect::<Vec<_>>()
                .join(" / "),
        }
    }

    /// Every identifier the case gives, as (which, value), in the order the acquirer's form asks
    /// for them; the sheet and the chat text both write exactly these values.
    pub fn identifiers(&self, lang: Lang) -> Vec<(Id, String)> {
        let fmt_time = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M:%S").to_string();
        let fields: [(Id, Option<String>); 11] = [
            (Id::Time, self.time.map(fmt_time)),
            (Id::Amount, Some(self.amount_text(lang))),
            (Id::Terminal, self.terminal_id.clone()),
            (Id::Batch, self.batch_no.clone()),
            (Id::Stan, self.stan.clone()),
            (Id::Rrn, self.rrn.clone()),
            (Id::AuthCode, self.auth_code.clone()),
            (Id::Card, self.card.clone()),
            (Id::SettlementDate, self.settlement_date.map(|d| d.to_string())),
            (Id::OrderId, self.order_id.clone()),
            (Id::ChannelOrderId, self.channel_order_id.clone()),
        ];
        fields.into_iter().filter_map(|(id, v)| v.map(|v| (id, v))).collect()
    }
}

/// An identifier of a transaction, as the acquirer's or wallet's form names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Id {
    /// Date and time.
    Time,
    /// Amount (each file's when they differ).
    Amount,
    /// 终端号.
    Terminal,
    /// 批次号.
    Batch,
    /// 凭证号.
    Stan,
    /// 参考号.
    Rrn,
    /// 授权码.
    AuthCode,
    /// Card, first 6 / last 4.
    Card,
    /// 清算日期.
    SettlementDate,
    /// Order number.
    OrderId,
    /// The wallet's own number.
    ChannelOrderId,
}

#[cfg(test)]
mod tests;
