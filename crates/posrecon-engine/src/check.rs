//! "A customer says they paid": a verdict for one payment.
//!
//! A customer at the counter says "I paid 1,580 at about ten past ten, the machine said it
//! failed". The merchant needs one answer and the words to say, not a report. [`check`] reads the
//! same files as `analyze` (same reading, same matcher), looks for sales of that amount within
//! [`CheckQuery::window_minutes`] of the remembered time (closest first; card last 4 and terminal
//! narrow the search when given), and decides one [`Verdict`] for the closest attempt:
//!
//! | verdict | when |
//! |---|---|
//! | `charged_and_settled` | a settlement row (not undone) is the attempt: the money moved |
//! | `charged_twice` | that settled charge has a second settled charge of the same amount, same card (when known), within `duplicate_window_minutes`, on the same terminal or, with the same card known on both, on another terminal, and one of the two showed a failure or timeout on the terminal (or has no terminal line): charged anyway, a duplicate |
//! | `two_approved_charges` | the same two settled charges, but both approved on the terminal with no failure before the second: each a normal sale, maybe two purchases; ask the customer, promise no refund |
//! | `reversed_not_charged` | the terminal showed a failure or timeout (or the sale was reversed, 冲正) and the statements cover its clearing date without it: the reversal worked; a reversed or declined card attempt followed minutes later by an approved payment by another card names that payment and asks before collecting again |
//! | `not_yet_settled` | approved or unknown on the terminal, and no loaded statement covers its clearing date yet |
//! | `approved_not_settled` | approved on the terminal, but the statement covering its clearing date lacks it (短款) |
//! | `declined` | the terminal shows a decline: the host answered, no money moved |
//! | `not_found` | no sale of that amount near that time in these files |
//! | `voided` | approved, then undone the same day by a 撤销 (消费撤销) linked to it by the matcher (naming it by 原流水号 / 原参考号, on its terminal or another): paid, then the money went back; nothing to collect unless the customer still wants the goods |
//! | `refunded` | a settled charge whose refunds (退货 / 退款 linked to it, or a personal bill's 已全额退款) give back all of it: the money went back to the customer |
//!
//! When the attempt asked about took no money (failed, timed out, reversed, voided or declined)
//! and a later attempt of the same amount within `duplicate_window_minutes` was approved (with
//! the same card when both cards are known; lacking a card, the same amount on any terminal),
//! the retry is the answer (`charged_and_settled`, or `not_yet_settled` / `approved_not_settled`
//! as the retry stands) and the failed attempt is named beside it: the customer paid once, and
//! is never told to pay again.
//!
//! A charge refunded in part stays `charged_and_settled` and says how much went back. When the
//! closest attempt was refunded and a settled twin (same amount, wallet or card, payer) is in the
//! duplicate window, the twin is the answer and the refunded one is named beside it: the customer
//! paid twice and one was already given back.
//!
//! Coverage decides between "not charged" and "not known yet", exactly as in the
//! `pending_outcome` rule: an absent settlement row only means something for a clearing date the
//! statements cover. "Check again after" is the expected deposit date of the clearing date, from
//! the settlement [`crate::calendar`].
//!
//! QR payments (微信支付 / 支付宝) follow the same table with the wallet's merchant bill as the
//! statement ([`qr`]): a SUCCESS row is `charged_and_settled`, two paid rows of the amount
//! minutes apart are `charged_twice` (a re-scan; 撤销 or 退款 of the first) unless the bill names
//! two payers (交易对方, 用户标识) or two kinds of payment (二维码收款 / 红包 / 转账): those are two
//! customers; with no payer named, the answer says it cannot tell and asks before refunding, USERPAYING /
//! SYSTEMERROR / 失败 with the bill covering the day and no SUCCESS row, or a REVOKED / CLOSED row,
//! is `reversed_not_charged`, and a day no bill covers yet is `not_yet_settled` (check again on
//! D+1, when the bill of D is out). `query.wallet` keeps the search to that wallet's payments;
//! without it card and QR attempts are both candidates. Shops with no terminal log for QR have the
//! till's (收银系统) payment list: on such a day its rows are the attempts
//! (`MatchSet::is_till_attempt`), paired with the bill by 支付单号 / 第三方单号, so a till row left
//! at 支付中 that the bill shows paid is `charged_and_settled` (a 掉单), a paid till row the covering
//! bill lacks `approved_not_settled` (hedged: looked up on the wallet's platform before the
//! customer is told anything), and a 支付中 row on a day no bill covers `not_yet_settled`. A till
//! order whose scan took nothing and which the till shows paid in 现金 says so (nothing to
//! collect); a charged scan whose order was also paid in cash is `charged_twice` (wallet + cash).
//! A `not_found` with a wallet named points to a paid attempt of the amount by the other wallet
//! (or a card), or one a few fen off (`amount_tolerance`), as "perhaps this one", never as the
//! same payment.
//!
//! # JSON shape (`posrecon.check/v1`, additive changes only)
//!
//! ```text
//! {
//!   "schema": "posrecon.check/v1", "as_of": "2026-11-17", "lang": "zh",
//!   "query": {"time": "2026-11-09T10:05:00", "amount_cents": 158000, "card_last4": null,
//!             "wallet": null, "terminal_id": null, "window_minutes": 30},
//!   "verdict": "charged_and_settled",            // snake_case, see the table above
//!   "label": "已扣款并结算",                       // the verdict in the query's language
//!   "title": "...", "explanation": "...",
//!   "say_to_customer": ["您的付款已成功..."],      // sentences to read out, in order
//!   "actions": ["不要让顾客重新付款..."],          // what the merchant does, in order
//!   "check_again_after": null,                   // a date for not_yet_settled
//!   "records": [RecordRef, ...],                 // the lines the verdict rests on, most telling first
//!   "candidates": [{"verdict", "time", "offset_secs", "amount_cents", "card_last4",
//!                   "terminal_id", "records": [RecordRef, ...]}, ...],   // closest first
//!   "nearby": [candidate, ...],                  // only for not_found: other amounts, other times
//!   "searched": [{"file", "role", "coverage": {"start", "end"} | null, "error"?}, ...]
//! }
//! ```
//!
//! `RecordRef` is the report's (`report-json.md`); money is integer fen, times
//! `YYYY-MM-DDTHH:MM:SS`, dates `YYYY-MM-DD`.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::diagnose::rules::qr_payment::wallet_name as qr_wallet_name;
use crate::diagnose::text::{self, money};
use crate::diagnose::{Context, is_charge};
use crate::matcher::{self, ident};
use crate::model::{Outcome, PayMethod, Role, TxnType};
use crate::report::{Coverage, RecordRef, time_format};
use crate::{Lang, Options, SourceFile};

/// Schema name written into every check result.
pub const CHECK_SCHEMA: &str = "posrecon.check/v1";

/// How far from the remembered time the search goes by default, in minutes.
pub const DEFAULT_WINDOW_MINUTES: i64 = 30;

/// What the customer remembers about one payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckQuery {
    /// Approximate time of the payment.
    #[serde(with = "time_format")]
    pub time: NaiveDateTime,
    /// Amount in fen.
    pub amount_cents: i64,
    /// Last four digits of the card, when the customer knows them.
    pub card_last4: Option<String>,
    /// Paid with a wallet (QR code) rather than a card.
    pub wallet: Option<Wallet>,
    /// 终端号, when the merchant knows which terminal.
    pub terminal_id: Option<String>,
    /// Search this many minutes before and after `time`.
    pub window_minutes: i64,
}

/// A QR wallet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Wallet {
    /// 微信支付.
    Wechat,
    /// 支付宝.
    Alipay,
}

impl Wallet {
    /// Reads `wechat` / `alipay` (also 微信, 支付宝, `wx`, `ali`); `None` for anything else.
    pub fn parse(raw: &str) -> Option<Wallet> {
        match raw.trim().to_lowercase().as_str() {
            "wechat" | "weixin" | "wx" | "微信" | "微信支付" => Some(Wallet::Wechat),
            "alipay" | "ali" | "支付宝" => Some(Wallet::Alipay),
            _ => None,
        }
    }

    /// The payment method of the wallet's records.
    pub fn pay_method(self) -> PayMethod {
        match self {
            Wallet::Wechat => PayMethod::Wechat,
            Wallet::Alipay => PayMethod::Alipay,
        }
    }
}

/// Why a query field could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// The time is not `YYYY-MM-DD HH:MM[:SS]`, `YYYY-MM-DDTHH:MM[:SS]` or `MM-DD HH:MM`.
    Time(String),
    /// The amount is not a positive amount in 元.
    Amount(String),
    /// The card digits are not exactly four digits.
    CardLast4(String),
}

impl QueryError {
    /// One line for the merchant, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (QueryError::Time(v), Lang::Zh) => {
                format!("时间「{v}」看不懂：请写成 2026-11-09 10:05 或 11-09 10:05")
            }
            (QueryError::Time(v), Lang::En) => {
                format!("cannot read the time '{v}': write it as 2026-11-09 10:05 or 11-09 10:05")
            }
            (QueryError::Amount(v), Lang::Zh) => {
                format!("金额「{v}」看不懂：请写成元，例如 1580 或 1,580.00")
            }
            (QueryError::Amount(v), Lang::En) => {
                format!("cannot read the amount '{v}': write it in yuan, e.g. 1580 or 1,580.00")
            }
            (QueryError::CardLast4(v), Lang::Zh) => format!("卡号后四位「{v}」应为 4 位数字"),
            (QueryError::CardLast4(v), Lang::En) => {
                format!("card last 4 '{v}' must be four digits")
            }
        }
    }
}

impl CheckQuery {
    /// A query with the default window and no card, wallet or terminal.
    pub fn new(time: NaiveDateTime, amount_cents: i64) -> Self {
        CheckQuery {
            time,
            amount_cents,
            card_last4: None,
            wallet: None,
            terminal_id: None,
            window_minutes: DEFAULT_WINDOW_MINUTES,
        }
    }

    /// Reads a query as a person types it (the CLI flags, the page's form). Empty card and
    /// terminal mean "not given"; `as_of` supplies the year of `MM-DD HH:MM`.
    pub fn parse(
        time: &str,
        amount: &str,
        card_last4: &str,
        terminal_id: &str,
        as_of: NaiveDate,
    ) -> Result<CheckQuery, QueryError> {
        let t = parse_time(time, as_of).ok_or_else(|| QueryError::Time(time.to_owned()))?;
        let cents = parse_amount(amount).ok_or_else(|| QueryError::Amount(amount.to_owned()))?;
        let mut query = CheckQuery::new(t, cents);
        let card = card_last4.trim();
        if !card.is_empty() {
            if card.len() != 4 || !card.bytes().all(|b| b.is_ascii_digit()) {
                return Err(QueryError::CardLast4(card_last4.to_owned()));
            }
            query.card_last4 = Some(card.to_owned());
        }
        let terminal = terminal_id.trim();
        query.terminal_id = (!terminal.is_empty()).then(|| terminal.to_owned());
        Ok(query)
    }
}

/// Reads a remembered time: `2026-11-09 10:05`, `2026-11-09T10:05:40` (the page's
/// datetime-local), `2026/11/9 10:05`, or `11-09 10:05` with the year of `as_of` (the year before
/// when that date would lie after `as_of`: a customer remembers a payment, not a future one).
pub fn parse_time(raw: &str, as_of: NaiveDate) -> Option<NaiveDateTime> {
    let raw = raw.trim();
    if let Some(t) = crate::normalize::time::parse_datetime(raw) {
        return Some(t);
    }
    let year = as_of.year();
    let t = crate::normalize::time::parse_datetime(&format!("{year}-{raw}"))?;
    if t.date() > as_of {
        return crate::normalize::time::parse_datetime(&format!("{}-{raw}", year - 1));
    }
    Some(t)
}

/// Reads an amount in 元 (`1580`, `1,580.00`, `¥56`) into positive fen, as statements are read.
pub fn parse_amount(raw: &str) -> Option<i64> {
    crate::normalize::amount::parse_amount(raw, crate::normalize::amount::Unit::Yuan)
        .ok()
        .flatten()
        .filter(|&cents| cents > 0)
}

/// The answer for one payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// One settled charge: the customer paid.
    ChargedAndSettled,
    /// Two settled charges of the same amount and card close together.
    ChargedTwice,
    /// Failure or timeout on the terminal, and the covering statement lacks it: not charged.
    ReversedNotCharged,
    /// The statement for its clearing date is not loaded yet.
    NotYetSettled,
    /// Approved on the terminal, absent from the statement covering its clearing date (短款).
    ApprovedNotSettled,
    /// Declined on the terminal: no money moved.
    Declined,
    /// Nothing of that amount near that time.
    NotFound,
    /// A settled charge whose refunds give all of it back (added after the first seven; a
    /// consumer that does not know it can read it as "not charged").
    Refunded,
    /// Two settled charges of the same amount and card close together, each approved on the
    /// terminal with no failure before the second: maybe two purchases, ask before refunding
    /// (added after `refunded`; a consumer that does not know it can read it as
    /// "charged and settled").
    TwoApprovedCharges,
    /// Approved, then undone by a 撤销 (void) the matcher links to it: paid, then given back
    /// (added after `two_approved_charges`; a consumer that does not know it can read it as
    /// "refunded").
    Voided,
}

impl Verdict {
    /// Every verdict, in contract order.
    pub const ALL: [Verdict; 10] = [
        Verdict::ChargedAndSettled,
        Verdict::ChargedTwice,
        Verdict::ReversedNotCharged,
        Verdict::NotYetSettled,
        Verdict::ApprovedNotSettled,
        Verdict::Declined,
        Verdict::NotFound,
        Verdict::Refunded,
        Verdict::TwoApprovedCharges,
        Verdict::Voided,
    ];

    /// The snake_case name used in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::ChargedAndSettled => "charged_and_settled",
            Verdict::ChargedTwice => "charged_twice",
            Verdict::ReversedNotCharged => "reversed_not_charged",
            Verdict::NotYetSettled => "not_yet_settled",
            Verdict::ApprovedNotSettled => "approved_not_settled",
            Verdict::Declined => "declined",
            Verdict::NotFound => "not_found",
            Verdict::Refunded => "refunded",
            Verdict::TwoApprovedCharges => "two_approved_charges",
            Verdict::Voided => "voided",
        }
    }

    /// Short label in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Verdict::ChargedAndSettled => lang.pick("已扣款并结算", "Charged and settled"),
            Verdict::ChargedTwice => lang.pick("重复扣款", "Charged twice"),
            Verdict::ReversedNotCharged => lang.pick("未扣款（已冲正）", "Not charged (reversed)"),
            Verdict::NotYetSettled => lang.pick("待对账单确认", "Not settled yet"),
            Verdict::ApprovedNotSettled => {
                lang.pick("终端成功但未结算", "Approved but not settled")
            }
            Verdict::Declined => lang.pick("被拒绝，未扣款", "Declined, not charged"),
            Verdict::NotFound => lang.pick("没有找到", "Not found"),
            Verdict::Refunded => lang.pick("已扣款，已退款", "Charged, then refunded"),
            Verdict::TwoApprovedCharges => {
                lang.pick("两笔都成功，请与顾客确认", "Two approved charges: ask the customer")
            }
            Verdict::Voided => lang.pick("已付款，已撤销", "Paid, then voided"),
        }
    }
}

/// The result of [`check`]; the JSON shape is in the module documentation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    /// Always [`CHECK_SCHEMA`].
    pub schema: String,
    /// The date treated as today.
    pub as_of: NaiveDate,
    /// Language of the text (`zh` or `en`).
    pub lang: String,
    /// The question.
    pub query: CheckQuery,
    /// The answer.
    pub verdict: Verdict,
    /// The verdict in words.
    pub label: String,
    /// One line.
    pub title: String,
    /// A paragraph: what the files show and why that means the verdict.
    pub explanation: String,
    /// What to tell the customer, sentence by sentence.
    pub say_to_customer: Vec<String>,
    /// What the merchant should do, in order.
    pub actions: Vec<String>,
    /// For `not_yet_settled`: look again once this date has passed.
    pub check_again_after: Option<NaiveDate>,
    /// The lines the verdict rests on, most telling first.
    pub records: Vec<RecordRef>,
    /// Every attempt that fits the query, closest in time first.
    pub candidates: Vec<CheckCandidate>,
    /// For `not_found`: attempts close in time or amount that did not fit, closest first.
    pub nearby: Vec<CheckCandidate>,
    /// The files searched and what they cover.
    pub searched: Vec<SearchedFile>,
}

/// One attempt (a terminal line, its settlement line, or both) and what it alone says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckCandidate {
    /// The verdict if this attempt were the customer's payment (never `charged_twice`).
    pub verdict: Verdict,
    /// Time of the attempt (terminal time when there is one).
    #[serde(with = "time_format::option")]
    pub time: Option<NaiveDateTime>,
    /// Attempt time minus the remembered time, in seconds.
    pub offset_secs: i64,
    /// Amount in fen (the settled amount when settled).
    pub amount_cents: i64,
    /// Card last 4 digits, when known.
    pub card_last4: Option<String>,
    /// 终端号, when known.
    pub terminal_id: Option<String>,
    /// Its lines: settlement first when settled, then the terminal's.
    pub records: Vec<RecordRef>,
}

/// A file that was searched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchedFile {
    /// File name.
    pub file: String,
    /// Detected or forced role.
    pub role: Option<Role>,
    /// The time range the file covers.
    pub coverage: Option<Coverage>,
    /// Why the file could not be read, if it could not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Answers "a customer says they paid" for one payment.
pub fn check(files: &[SourceFile], query: &CheckQuery, options: &Options) -> CheckResult {
    let crate::pipeline::Matched { inputs, records, set } = crate::pipeline::run(files, options);
    let ctx = Context { records: &records, inputs: &inputs, set: &set, options };
    let lang = options.lang;

    let window = Duration::minutes(query.window_minutes.max(0));
    let dup_window = Duration::minutes(options.settings.duplicate_window_minutes.max(0));
    // The pool reaches a duplicate window further, so a second charge just outside the search
    // window still makes `charged_twice`.
    let all = attempts(&ctx, query, |r| {
        r.amount_cents == query.amount_cents
            && r.time.is_some_and(|t| (t - query.time).abs() <= window + dup_window)
    });
    let pool: Vec<Attempt> = all.iter().filter(|a| fits(a, query)).cloned().collect();
    // Any card: an approved payment by another card minutes after a failed one is named beside it.
    let any_card = CheckQuery { card_last4: None, ..query.clone() };
    let wide: Vec<&Attempt> = all.iter().filter(|a| fits(a, &any_card)).collect();
    let candidates: Vec<&Attempt> =
        pool.iter().filter(|a| a.time.is_some_and(|t| (t - query.time).abs() <= window)).collect();

    let mut result = CheckResult {
        schema: CHECK_SCHEMA.to_owned(),
        as_of: options.as_of,
        lang: lang.as_str().to_owned(),
        query: query.clone(),
        verdict: Verdict::NotFound,
        label: String::new(),
        title: String::new(),
        explanation: String::new(),
        say_to_customer: Vec::new(),
        actions: Vec::new(),
        check_again_after: None,
        records: Vec::new(),
        candidates: candidates.iter().map(|a| candidate(&ctx, a)).collect(),
        nearby: Vec::new(),
        searched: inputs
            .iter()
            .map(|i| SearchedFile {
                file: i.file.clone(),
                role: i.role,
                coverage: i.coverage,
                error: i.error.clone(),
            })
            .collect(),
    };

    // The attempts the answer rests on, by their lines: any other candidate is someone else's,
    // unless the customer cannot say which payment was theirs (see `ask_which_first`).
    let mut used: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    match candidates.first() {
        None => not_found(&ctx, query, &mut result),
        Some(&asked) => {
            let charged = Verdict::ChargedAndSettled;
            // A failed attempt followed minutes later by an approved retry: the retry is the
            // payment, and the failed attempt is named beside it.
            let retry = retry_of(&ctx, asked, &pool, dup_window);
            let primary = retry.unwrap_or(asked);
            // A refunded payment with a settled twin: the twin is the payment that stands.
            let (main, refunded_twin) = match primary.verdict {
                Verdict::Refunded => match duplicate_of(primary, &pool, dup_window, charged) {
                    Some(twin) => (twin, Some(primary)),
                    None => (primary, None),
                },
                _ => (primary, None),
            };
            let twin =
                (main.verdict == charged).then(|| duplicate_of(main, &pool, dup_window, charged));
            used.extend([asked, primary, main].map(|a| (a.terminal, a.acquirer)));
            used.extend(refunded_twin.map(|a| (a.terminal, a.acquirer)));
            used.extend(twin.flatten().map(|a| (a.terminal, a.acquirer)));
            match twin.flatten() {
                Some(other) => charged_twice(&ctx, main, other, &mut result),
                None => {
                    single(&ctx, main, &mut result);
                    let refunded_twin = refunded_twin.or_else(|| {
                        (main.verdict == charged)
                            .then(|| duplicate_of(main, &pool, dup_window, Verdict::Refunded))
                            .flatten()
                    });
                    if main.verdict == charged {
                        partly_refunded(&ctx, main, &mut result);
                    }
                    if let Some(r) = refunded_twin {
                        twin_refunded(&ctx, r, &mut result);
                    }
                    if retry.is_none()
                        && let Some(other) = other_card_paid(&ctx, main, &wide, dup_window)
                    {
                        used.push((other.terminal, other.acquirer));
                        other_card(&ctx, main, other, &mut result);
                    }
                    // The till has the order paid in 现金 too: after a scan that took nothing the
                    // order is paid; after one that took the money it was paid twice.
                    if retry.is_none()
                        && main.qr
                        && let Some(cash) = qr::cash_of(&ctx, main)
                    {
                        match main.verdict {
                            Verdict::ReversedNotCharged | Verdict::Declined => {
                                qr::paid_in_cash(&ctx, main, cash, &mut result);
                            }
                            Verdict::ChargedAndSettled if refunded_twin.is_none() => {
                                qr::also_in_cash(&ctx, main, cash, &mut result);
                            }
                            _ => {}
                        }
                    }
                }
            }
            if retry.is_some() {
                retried(&ctx, asked, primary, &mut result);
            }
        }
    }
    if query.card_last4.is_none() {
        ask_which_first(&ctx, &candidates, &used, &mut result);
    }
    result.label = result.verdict.label(lang).to_owned();
    result
}

/// Whether a verdict means the customer's money was taken and kept (0), not taken or given back
/// (1), or not known yet (2).
fn money_kept(v: Verdict) -> u8 {
    match v {
        Verdict::ChargedAndSettled
        | Verdict::ChargedTwice
        | Verdict::TwoApprovedCharges
        | Verdict::NotYetSettled => 0,
        Verdict::ReversedNotCharged | Verdict::Declined | Verdict::Voided | Verdict::Refunded => 1,
        Verdict::ApprovedNotSettled | Verdict::NotFound => 2,
    }
}

/// Without the card's last digits, another payment of the same amount near the same time may be
/// this customer's: when it ended the other way (one charged and kept, the other not charged or
/// given back), the answer must not tell the customer to pay again, or that money is coming
/// back, before the cashier knows which payment was theirs. The verdict stays (the closest
/// attempt's), the customer hears one cautious sentence, and the first action names the other
/// payment and asks for the card's last four digits (or the payer's app) first.
fn ask_which_first(
    ctx: &Context,
    candidates: &[&Attempt],
    used: &[(Option<usize>, Option<usize>)],
    out: &mut CheckResult,
) {
    let lang = ctx.options.lang;
    let kept = money_kept(out.verdict);
    let Some(other) = candidates
        .iter()
        .find(|a| !used.contains(&(a.terminal, a.acquirer)) && money_kept(a.verdict) != kept)
    else {
        return;
    };
    let when = other.time.map_or_else(String::new, |t| t.format("%H:%M:%S").to_string());
    let whose = match (&other.card, other.wallet) {
        (Some(card), _) => match lang {
            Lang::Zh => format!("尾号 {card} 的卡"),
            Lang::En => format!("the card ending {card}"),
        },
        (None, Some(w)) => crate::report::labels::pay_method(lang, w).to_owned(),
        (None, None) => lang.pick("另一位顾客", "another customer").to_owned(),
    };
    let result = other.verdict.label(lang);
    // A scan is told apart by the payer's app, a card by its last four digits.
    let (say, action) = match (lang, other.qr) {
        (Lang::Zh, false) => (
            "我们先核对一下是哪一笔：请告诉我们付款卡号的后四位。".to_owned(),
            format!(
                "先别下结论：{when} 还有一笔同样金额的付款（{whose}，结果：{result}），和这笔结果相反。先问顾客卡号后四位，确认是哪一笔，再按那一笔处理；确认之前不要让顾客再付，也不要答应退款。"
            ),
        ),
        (Lang::Zh, true) => (
            "我们先核对一下是哪一笔：请打开付款 App（微信 / 支付宝）看一下这笔记录的时间和状态。".to_owned(),
            format!(
                "先别下结论：{when} 还有一笔同样金额的付款（{whose}，结果：{result}），和这笔结果相反。先请顾客在付款 App 里看这笔记录，确认是哪一笔，再按那一笔处理；确认之前不要让顾客再付，也不要答应退款。"
            ),
        ),
        (Lang::En, false) => (
            "Let us check which payment was yours first: please tell us the last four digits of the card.".to_owned(),
            format!(
                "Do not conclude yet: at {when} there is another payment of the same amount ({whose}, result: {result}) that ended the other way. Ask the customer for the card's last four digits to know which one was theirs, and act on that one; until then neither ask them to pay again nor promise a refund."
            ),
        ),
        (Lang::En, true) => (
            "Let us check which payment was yours first: please open your payment app (WeChat / Alipay) and look at this payment's time and state.".to_owned(),
            format!(
                "Do not conclude yet: at {when} there is another payment of the same amount ({whose}, result: {result}) that ended the other way. Ask the customer to look the payment up in their app to know which one was theirs, and act on that one; until then neither ask them to pay again nor promise a refund."
            ),
        ),
    };
    out.say_to_customer = vec![say];
    out.actions.insert(0, action);
}

/// One payment attempt: a terminal line, a settlement line, or a matched pair of both.
#[derive(Debug, Clone)]
struct Attempt {
    terminal: Option<usize>,
    acquirer: Option<usize>,
    time: Option<NaiveDateTime>,
    offset_secs: i64,
    card: Option<String>,
    terminal_id: Option<String>,
    verdict: Verdict,
    rank: usize,
    /// Paid by a wallet or QR code (a wallet-bill row, or a terminal QR attempt).
    qr: bool,
    /// WeChat Pay or Alipay, when the records say which.
    wallet: Option<PayMethod>,
    /// Who paid, when the wallet bill says (交易对方, 用户标识).
    payer: Option<String>,
    /// A personal bill's kind of payment (二维码收款, 微信红包, 转账).
    kind: Option<String>,
    /// The refunds linked to the settled charge, in canonical order.
    refunds: Vec<usize>,
}

/// Attempts of which a terminal or settlement charge line satisfies `pred`, closest to the
/// remembered time first.
fn attempts(
    ctx: &Context,
    query: &CheckQuery,
    pred: impl Fn(&crate::model::Record) -> bool,
) -> Vec<Attempt> {
    let mut keys: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    for (idx, r) in ctx.records.iter().enumerate() {
        // A wallet-bill row that is not a paid one (USERPAYING, CLOSED) only counts through the
        // terminal attempt it is paired with.
        let unpaid_bill = r.role == Role::WalletBill && r.outcome != Outcome::Approved;
        // A till's payment row is the attempt on a day no terminal log holds QR attempts.
        let till = ctx.set.is_till_attempt(idx);
        if !(matches!(r.role, Role::TerminalLog | Role::AcquirerStatement | Role::WalletBill)
            || till)
            || unpaid_bill
            || !is_charge(r)
            || !pred(r)
        {
            continue;
        }
        let key = match (r.role, ctx.set.pair_of(idx)) {
            (_, Some(pair)) => (Some(pair.terminal), Some(pair.acquirer)),
            (Role::TerminalLog | Role::OrderList, None) => (Some(idx), None),
            _ => (None, Some(idx)),
        };
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    let mut out: Vec<Attempt> = keys
        .into_iter()
        .map(|(terminal, acquirer)| {
            let recs = || terminal.iter().chain(acquirer.iter()).map(|&i| &ctx.records[i]);
            let time = recs().find_map(|r| r.time);
            let offset_secs = time.map_or(i64::MAX / 4, |t| (t - query.time).num_seconds());
            let card = recs().find_map(|r| r.card_last4().map(str::to_owned));
            let terminal_id = recs().find_map(|r| ident(&r.terminal_id).map(str::to_owned));
            let rank = terminal.or(acquirer).map_or(0, |i| ctx.set.canonical_rank[i]);
            // Refunds are counted on one side: the settled row's when it has any (a refund on
            // the terminal and its settled row are the same money).
            let refunds: Vec<usize> = [acquirer, terminal]
                .into_iter()
                .flatten()
                .map(|i| ctx.set.refunds_of(i))
                .find(|r| !r.is_empty())
                .map(<[usize]>::to_vec)
                .unwrap_or_default();
            let mut verdict = verdict_of(ctx, terminal, acquirer);
            if verdict == Verdict::ChargedAndSettled && fully_refunded(ctx, acquirer, &refunds) {
                verdict = Verdict::Refunded;
            }
            let qr = recs().any(|r| r.role == Role::WalletBill || matcher::is_qr(r));
            // A settled row the statement does not undo stands: the void did not take there.
            if !qr
                && !matches!(verdict, Verdict::ChargedAndSettled | Verdict::Refunded)
                && void_of(ctx, terminal, acquirer).is_some()
            {
                verdict = Verdict::Voided;
            }
            let wallet = recs().find_map(|r| match r.pay_method {
                Some(m @ (PayMethod::Wechat | PayMethod::Alipay)) => Some(m),
                _ => None,
            });
            let payer = recs().find_map(|r| r.counterparty.clone());
            let kind = recs().find_map(|r| r.payment_kind.clone());
            Attempt {
                terminal,
                acquirer,
                time,
                offset_secs,
                card,
                terminal_id,
                verdict,
                rank,
                qr,
                wallet,
                payer,
                kind,
                refunds,
            }
        })
        .collect();
    let wallet_miss = |a: &Attempt| query.wallet.is_some() && a.card.is_some();
    out.sort_by_key(|a| (wallet_miss(a), a.offset_secs.abs(), a.rank));
    out
}

/// The attempt agrees with the card and terminal the customer or merchant gave.
fn fits(a: &Attempt, query: &CheckQuery) -> bool {
    let card_ok = match (query.card_last4.as_deref(), a.card.as_deref()) {
        (Some(q), Some(c)) => q == c,
        _ => true,
    };
    let terminal_ok = match (query.terminal_id.as_deref().map(str::trim), a.terminal_id.as_deref())
    {
        (Some(q), Some(t)) if !q.is_empty() => q == t,
        _ => true,
    };
    // A wallet payment is never a card attempt, nor the other wallet's.
    let wallet_ok = match query.wallet {
        Some(w) => a.card.is_none() && a.wallet.is_none_or(|m| m == w.pay_method()),
        None => true,
    };
    card_ok && terminal_ok && wallet_ok
}

/// What one attempt says on its own.
fn verdict_of(ctx: &Context, terminal: Option<usize>, acquirer: Option<usize>) -> Verdict {
    if acquirer.is_some_and(|a| {
        ctx.settled_charge(a)
            && (ctx.records[a].role != Role::WalletBill
                || ctx.records[a].outcome == Outcome::Approved)
    }) {
        return Verdict::ChargedAndSettled;
    }
    let Some(t) = terminal else {
        // A settlement line undone by a void or reversal line on the statement.
        return Verdict::ReversedNotCharged;
    };
    if acquirer.is_some() {
        return Verdict::ReversedNotCharged;
    }
    let r = &ctx.records[t];
    if ctx.set.wallet_followed(ctx.records, t) {
        // A QR attempt is decided by its wallet's bill for the day; a "失败" on the till may be
        // the POS giving up while the customer was still paying, so it waits for the bill too.
        let covered =
            r.time.is_some_and(|x| ctx.set.wallet_coverage.covers(r.pay_method, x.date()));
        return match (covered, r.outcome, ctx.set.cancelled_by(t)) {
            (false, _, _) => Verdict::NotYetSettled,
            (true, Outcome::Declined, _) => Verdict::Declined,
            (true, Outcome::Approved, None) => Verdict::ApprovedNotSettled,
            (true, _, _) => Verdict::ReversedNotCharged,
        };
    }
    if r.outcome == Outcome::Declined {
        return Verdict::Declined;
    }
    let decided = ctx
        .set
        .clearing_date(t)
        .is_some_and(|d| ctx.set.acquirer_coverage.decides(ident(&r.terminal_id), d));
    match (decided, r.outcome, ctx.set.cancelled_by(t)) {
        (false, _, _) => Verdict::NotYetSettled,
        (true, Outcome::Approved, None) => Verdict::ApprovedNotSettled,
        (true, _, _) => Verdict::ReversedNotCharged,
    }
}

/// The approved 撤销 (void) the matcher links to an approved card sale (on its terminal line,
/// else on its settlement line): the terminal's void first, it names the terminal and time the
/// cashier did it. A 冲正 (reversal) is not a void: the sale never took the money.
fn void_of(ctx: &Context, terminal: Option<usize>, acquirer: Option<usize>) -> Option<usize> {
    // The sale was approved: a settlement row, or the terminal's approval.
    let approved =
        acquirer.is_some() || terminal.is_some_and(|t| ctx.records[t].outcome == Outcome::Approved);
    if !approved {
        return None;
    }
    [terminal, acquirer].into_iter().flatten().find_map(|i| {
        ctx.set.cancelled_by(i).filter(|&c| {
            let r = &ctx.records[c];
            r.txn_type == TxnType::Void && r.outcome == Outcome::Approved
        })
    })
}

/// A second charge with `verdict` (settled, or refunded) of the same amount and card within the
/// duplicate window of `a`: on its
/// terminal, or on another one when both cards are known (and the same); from the same payer and
/// of the same kind when the wallet bill names them.
fn duplicate_of<'p>(
    a: &Attempt,
    pool: &'p [Attempt],
    dup_window: Duration,
    verdict: Verdict,
) -> Option<&'p Attempt> {
    let at = a.time?;
    pool.iter()
        .filter(|b| (b.terminal, b.acquirer) != (a.terminal, a.acquirer))
        .filter(|b| b.verdict == verdict)
        .filter(|b| b.qr == a.qr)
        .filter(|b| !matches!((a.wallet, b.wallet), (Some(x), Some(y)) if x != y))
        .filter(|b| !matches!((a.card.as_deref(), b.card.as_deref()), (Some(x), Some(y)) if x != y))
        // Two payers are two customers; a 红包 or a 转账 is not a re-scan of a 二维码收款.
        .filter(|b| !matches!((a.payer.as_deref(), b.payer.as_deref()), (Some(x), Some(y)) if x != y))
        .filter(|b| !matches!((a.kind.as_deref(), b.kind.as_deref()), (Some(x), Some(y)) if x != y))
        // Another terminal only with the same card known on both (a cashier may move the customer
        // to the next terminal; without the cards, it may as well be another customer there).
        .filter(|b| {
            let same_terminal = !matches!((a.terminal_id.as_deref(), b.terminal_id.as_deref()), (Some(x), Some(y)) if x != y);
            same_terminal || (a.card.is_some() && b.card.is_some())
        })
        .filter_map(|b| Some((b, (b.time? - at).abs())))
        .filter(|(_, gap)| *gap <= dup_window)
        .min_by_key(|(b, gap)| (*gap, b.rank))
        .map(|(b, _)| b)
}

/// The first action of a settled charge.
fn do_not_charge_again(lang: Lang) -> &'static str {
    lang.pick(
        "不要让顾客重新付款；如果已经重新收了一次，把第二笔撤销（当天）或退货（隔天）。",
        "Do not charge the customer again; if you already did, void the second charge (same day) or refund it (later).",
    )
}

/// The approved retry of a failed attempt: `a` did not take the money (the terminal showed a
/// failure or timeout, or the sale was voided or reversed, or it was declined), and a later
/// attempt of the same amount within the duplicate window was approved (settled, or approved on
/// its terminal). The retry may be on any terminal of the merchant: with the same card when both
/// cards are known, or, lacking a card on either side, the same amount minutes later.
fn retry_of<'p>(
    ctx: &Context,
    a: &Attempt,
    pool: &'p [Attempt],
    dup_window: Duration,
) -> Option<&'p Attempt> {
    let failed = match a.verdict {
        Verdict::ReversedNotCharged | Verdict::Declined | Verdict::Voided => true,
        Verdict::NotYetSettled => terminal_failed(ctx, a),
        _ => false,
    };
    if !failed {
        return None;
    }
    let at = a.time?;
    pool.iter()
        .filter(|b| (b.terminal, b.acquirer) != (a.terminal, a.acquirer))
        .filter(|b| approved(ctx, b))
        .filter(|b| b.qr == a.qr)
        .filter(|b| !matches!((a.wallet, b.wallet), (Some(x), Some(y)) if x != y))
        .filter(|b| !matches!((a.card.as_deref(), b.card.as_deref()), (Some(x), Some(y)) if x != y))
        .filter(
            |b| !matches!((a.payer.as_deref(), b.payer.as_deref()), (Some(x), Some(y)) if x != y),
        )
        .filter_map(|b| Some((b, b.time? - at)))
        .filter(|(_, gap)| *gap > Duration::zero() && *gap <= dup_window)
        .min_by_key(|(b, gap)| (*gap, b.rank))
        .map(|(b, _)| b)
}

/// The attempt took the money, or will: settled, or approved on its terminal.
fn approved(ctx: &Context, b: &Attempt) -> bool {
    match b.verdict {
        Verdict::ChargedAndSettled | Verdict::ApprovedNotSettled => true,
        Verdict::NotYetSettled => !terminal_failed(ctx, b),
        _ => false,
    }
}

/// An approved card payment of the amount by ANOTHER card (both cards known, and different)
/// within the duplicate window after `a`, a card attempt that took no money (reversed or
/// declined): maybe the same customer paying with another card, maybe the next customer. The
/// closest such payment, on any terminal of the loaded files; `wide` ignores the card asked about.
fn other_card_paid<'p>(
    ctx: &Context,
    a: &Attempt,
    wide: &[&'p Attempt],
    dup_window: Duration,
) -> Option<&'p Attempt> {
    if a.qr || !matches!(a.verdict, Verdict::ReversedNotCharged | Verdict::Declined) {
        return None;
    }
    let at = a.time?;
    let card = a.card.as_deref()?;
    wide.iter()
        .copied()
        .filter(|b| !b.qr && approved(ctx, b))
        .filter(|b| b.card.as_deref().is_some_and(|c| c != card))
        .filter_map(|b| Some((b, b.time? - at)))
        .filter(|(_, gap)| *gap > Duration::zero() && *gap <= dup_window)
        .min_by_key(|(b, gap)| (*gap, b.rank))
        .map(|(b, _)| b)
}

/// The asked-about attempt took no money, and minutes later `other` was paid by another card:
/// name that payment, and ask before collecting again (the customer may have switched cards).
fn other_card(ctx: &Context, a: &Attempt, other: &Attempt, out: &mut CheckResult) {
    let lang = ctx.lang();
    let when = text::time(lang, other.time);
    let amount = money(lang, recs(ctx, other).last().map_or(0, |r| r.amount_cents));
    let card = other.card.as_deref().unwrap_or("—");
    let minutes = match (a.time, other.time) {
        (Some(x), Some(y)) => ((y - x).num_seconds() + 30) / 60,
        _ => 0,
    }
    .max(1);
    let terminal = other.terminal_id.as_deref().unwrap_or("—");
    let same_terminal = a.terminal_id == other.terminal_id;
    let place = match (lang, same_terminal) {
        (Lang::Zh, true) => "同一台终端上".to_owned(),
        (Lang::Zh, false) => format!("终端 {terminal} 上"),
        (Lang::En, true) => "on the same terminal".to_owned(),
        (Lang::En, false) => format!("on terminal {terminal}"),
    };
    out.title.push_str(&match lang {
        Lang::Zh => format!(
            "；{minutes} 分钟后另一张卡（尾号 {card}）付了 {amount}，请先问顾客"
        ),
        Lang::En => format!(
            "; {minutes} min later another card (ending {card}) paid {amount}: ask the customer first"
        ),
    });
    out.explanation.push_str(&match lang {
        Lang::Zh => format!(
            "另外，{minutes} 分钟后{place}有一笔用另一张卡的付款：{} 用尾号 {card} 的卡支付成功；如果是这位顾客（换了一张卡），就已经付过了。",
            describe(ctx, other)
        ),
        Lang::En => format!(
            " Also, {minutes} min later {place}, a payment by another card: {} by the card ending {card} went through; if that was this customer (who switched cards), they have already paid.",
            describe(ctx, other)
        ),
    });
    out.say_to_customer.retain(|l| l != pay_again(lang) && l != other_card_please(lang));
    out.say_to_customer.push(match lang {
        Lang::Zh => format!(
            "如果您在 {when} 换了尾号 {card} 的卡付款，那一笔已经成功，不需要再付；不是的话，这次消费还需要付款。"
        ),
        Lang::En => format!(
            "If you paid at {when} with another card, ending {card}, that payment went through and you need not pay again; if not, the purchase still needs to be paid."
        ),
    });
    out.actions.retain(|l| l != collect_again(lang) && l != collect(lang));
    out.actions.insert(
        0,
        match lang {
            Lang::Zh => format!(
                "先问顾客有没有换卡：{when} 一笔 {amount}用尾号 {card} 的卡支付成功；如果是这位顾客（换了一张卡），就已经付过了，不要再收款；不是的话，才向顾客重新收款。"
            ),
            Lang::En => format!(
                "First ask the customer whether they switched cards: {amount} at {when} by the card ending {card} went through; if that was this customer, they have already paid, do not collect again; only if not, collect the payment again."
            ),
        },
    );
}

/// The answer stands on `retry`, the approved retry of the attempt the customer asked about:
/// say that the asked-about attempt took no money and the retry did, so nobody charges again.
fn retried(ctx: &Context, asked: &Attempt, retry: &Attempt, out: &mut CheckResult) {
    let lang = ctx.lang();
    out.records.extend(refs(ctx, asked));
    // A voided sale took the money and gave it back: its void lines join the records.
    let voided = asked.verdict == Verdict::Voided;
    if voided {
        let voids = [asked.terminal, asked.acquirer].into_iter().flatten();
        out.records
            .extend(voids.filter_map(|i| ctx.set.cancelled_by(i)).map(|v| ctx.record_ref(v)));
    }
    let failed_when = text::time(lang, asked.time);
    let retry_when = text::time(lang, retry.time);
    let outcome = match (lang, voided) {
        (Lang::Zh, false) => "这一次没有扣款",
        (Lang::Zh, true) => "之后这一笔已经撤销，钱会退回卡上",
        (Lang::En, false) => "it took no money",
        (Lang::En, true) => "it was voided afterwards, and the money goes back to the card",
    };
    let first = match lang {
        Lang::Zh => format!(
            "顾客问的那一次，{}：终端{}，{outcome}。{retry_when} 又付了一次（{}），那一次成功了：顾客只付了一次，就是这一笔。",
            describe(ctx, asked),
            shown(ctx, asked),
            describe(ctx, retry),
        ),
        Lang::En => format!(
            "The attempt the customer asked about, {}: the terminal {}; {outcome}. At {retry_when} the customer paid again ({}), and that went through: the customer paid once, by that charge. ",
            describe(ctx, asked),
            shown(ctx, asked),
            describe(ctx, retry),
        ),
    };
    out.explanation.insert_str(0, &first);
    // The retry is the second charge: "void the second one" would undo the payment.
    out.actions.retain(|a| a != do_not_charge_again(lang));
    out.say_to_customer.insert(
        0,
        match lang {
            Lang::Zh if voided => format!(
                "{failed_when} 那一笔已经撤销，钱会退回您的卡上；您在 {retry_when} 又付了一次，那一次成功了，所以您只付了一次。"
            ),
            Lang::Zh => format!(
                "{failed_when} 那一次没有成功，没有扣款；您在 {retry_when} 又付了一次，那一次成功了，所以您只付了一次。"
            ),
            Lang::En if voided => format!(
                "The payment at {failed_when} was voided, and the money goes back to your card; you paid again at {retry_when}, and that went through: you paid once."
            ),
            Lang::En => format!(
                "The attempt at {failed_when} did not go through and took no money; you paid again at {retry_when}, and that went through: you paid once."
            ),
        },
    );
    out.actions.insert(
        0,
        match lang {
            Lang::Zh if voided => format!(
                "不要再向顾客收款：{failed_when} 那一笔撤销后，{retry_when} 的重新付款已经成功。"
            ),
            Lang::Zh => format!(
                "不要再向顾客收款：{failed_when} 那一次失败后，{retry_when} 的重新付款已经成功。"
            ),
            Lang::En if voided => format!(
                "Do not charge the customer again: after the payment at {failed_when} was voided, the new payment at {retry_when} went through."
            ),
            Lang::En => format!(
                "Do not charge the customer again: after the attempt at {failed_when} failed, the retry at {retry_when} went through."
            ),
        },
    );
    if asked.card.is_none() || retry.card.is_none() {
        out.actions.push(match lang {
            Lang::Zh => format!(
                "卡号对不上号（有一笔没有卡号）：请和顾客确认 {retry_when} 的那一笔是他付的。"
            ),
            Lang::En => format!(
                "The cards cannot be compared (one attempt has no card number): confirm with the customer that the payment at {retry_when} was theirs."
            ),
        });
    }
}

fn candidate(ctx: &Context, a: &Attempt) -> CheckCandidate {
    let amount_cents = a.acquirer.or(a.terminal).map_or(0, |i| ctx.records[i].amount_cents);
    CheckCandidate {
        verdict: a.verdict,
        time: a.time,
        offset_secs: a.offset_secs,
        amount_cents,
        card_last4: a.card.clone(),
        terminal_id: a.terminal_id.clone(),
        records: refs(ctx, a),
    }
}

/// Settlement line first when it proves the charge (refunded or not), else the terminal line
/// first.
fn refs(ctx: &Context, a: &Attempt) -> Vec<RecordRef> {
    let order = if matches!(a.verdict, Verdict::ChargedAndSettled | Verdict::Refunded) {
        [a.acquirer, a.terminal]
    } else {
        [a.terminal, a.acquirer]
    };
    order.into_iter().flatten().map(|i| ctx.record_ref(i)).collect()
}

/// The records of an attempt, terminal first.
fn recs<'c>(ctx: &'c Context, a: &Attempt) -> Vec<&'c crate::model::Record> {
    [a.terminal, a.acquirer].into_iter().flatten().map(|i| &ctx.records[i]).collect()
}

/// `2026-11-09 10:05:40 的 1,580.00 元（终端号 …，卡号尾号 1234）`.
fn describe(ctx: &Context, a: &Attempt) -> String {
    let lang = ctx.lang();
    let rs = recs(ctx, a);
    let amount = money(lang, rs.last().map_or(0, |r| r.amount_cents));
    let when = text::time(lang, a.time);
    let ids = text::ids(lang, &rs);
    match (lang, ids.is_empty()) {
        (Lang::Zh, true) => format!("{when} 的 {amount}"),
        (Lang::En, true) => format!("{amount} at {when}"),
        (Lang::Zh, false) => format!("{when} 的 {amount}（{ids}）"),
        (Lang::En, false) => format!("{amount} at {when} ({ids})"),
    }
}

/// What the terminal showed, or that the terminal log does not have the attempt.
fn shown(ctx: &Context, a: &Attempt) -> String {
    match a.terminal {
        Some(t) => text::terminal_result(ctx.lang(), &ctx.records[t]),
        None => ctx.lang().pick("终端流水里没有这笔", "is not in the terminal log").to_owned(),
    }
}

/// The terminal showed the attempt as failed or unknown (or has no line for it).
fn terminal_failed(ctx: &Context, a: &Attempt) -> bool {
    a.terminal.is_none_or(|t| ctx.records[t].outcome != Outcome::Approved)
}

fn card_phrase(lang: Lang, card: Option<&str>) -> String {
    match (lang, card) {
        (Lang::Zh, Some(c)) => format!("，卡号尾号 {c}"),
        (Lang::En, Some(c)) => format!(", card ending {c}"),
        (_, None) => String::new(),
    }
}

fn single(ctx: &Context, a: &Attempt, out: &mut CheckResult) {
    if a.verdict == Verdict::Refunded {
        return refunded(ctx, a, out);
    }
    if a.verdict == Verdict::Voided {
        return voided(ctx, a, out);
    }
    if a.qr {
        return qr::single(ctx, a, out);
    }
    let lang = ctx.lang();
    out.verdict = a.verdict;
    out.records = refs(ctx, a);
    let what = describe(ctx, a);
    let shown = shown(ctx, a);
    let rs = recs(ctx, a);
    let amount = money(lang, rs.last().map_or(0, |r| r.amount_cents));
    let when = text::time(lang, a.time);
    let card = card_phrase(lang, a.card.as_deref());
    let contact = text::contact_details(lang, &rs);
    let clearing = a.terminal.or(a.acquirer).and_then(|i| ctx.set.clearing_date(i));
    let dates = ctx.dates(clearing.as_slice(), true);
    let clearing_text = text::date(clearing);
    let covered = ctx
        .set
        .acquirer_coverage
        .range()
        .map(|(first, last)| text::date_range(lang, first, last))
        .unwrap_or_else(|| {
            lang.pick("（没有加载收单对账单）", "(no acquirer statement loaded)").to_owned()
        });
    let hold_back = lang.pick(
        "如果您看到扣款或冻结，那是银行的临时冻结，一般几分钟到24小时内自动退回，最长1–3个工作日。",
        "If you see a charge or a hold, it is a temporary hold by your bank: it is usually released within minutes to 24 hours, at most 1–3 working days.",
    );

    match a.verdict {
        Verdict::ChargedAndSettled => {
            let loc = a.acquirer.map(|i| ctx.location(i)).unwrap_or_default();
            let deposit = text::date(dates.expected_deposit_date);
            // The terminal has the attempt and showed it as failed: a dropped payment (掉单).
            let dropped = a.terminal.is_some() && terminal_failed(ctx, a);
            out.title = match lang {
                Lang::Zh => format!("顾客已付款：{when} 的 {amount} 已扣款并结算"),
                Lang::En => {
                    format!("The customer paid: {amount} at {when} was charged and settled")
                }
            };
            out.explanation = match (lang, dropped) {
                (Lang::Zh, true) => format!(
                    "{what}：终端{shown}，但收单机构已在清算日 {clearing_text} 结算了这笔（{loc}）。钱已经从顾客卡上扣走，会随 {deposit} 的结算款到账。这是一笔掉单，不是没付款。"
                ),
                (Lang::Zh, false) => format!(
                    "{what}：终端{shown}，收单机构在清算日 {clearing_text} 结算了这笔（{loc}），预计 {deposit} 到账。"
                ),
                (Lang::En, true) => format!(
                    "{what}: the terminal {shown}, but the acquirer settled it on clearing date {clearing_text} ({loc}). The money has left the customer's card and comes to you with the deposit of {deposit}. The payment was dropped by the terminal, not missing."
                ),
                (Lang::En, false) => format!(
                    "{what}: the terminal {shown}, and the acquirer settled it on clearing date {clearing_text} ({loc}); expected deposit {deposit}."
                ),
            };
            out.say_to_customer.push(match lang {
                Lang::Zh => format!(
                    "您的付款已成功：{when} 付了 {amount}{card}，我们已经收到，不需要再付一次。"
                ),
                Lang::En => format!(
                    "Your payment went through: {amount} at {when}{card}. We have received it; you do not need to pay again."
                ),
            });
            if dropped {
                out.say_to_customer.push(
                    lang.pick(
                        "收银机当时显示失败，是因为银行的确认没有及时传回收银机；钱实际上已经扣了，并且已经结算到我们这里。",
                        "The terminal showed a failure because the bank's confirmation did not reach it in time; the money was in fact taken and has been settled to us.",
                    )
                    .to_owned(),
                );
            }
            out.actions.push(if dropped {
                // As `analyze`'s duplicate_charge: the one the terminal showed as failed is the
                // one to undo; a charge taken again was approved and is the customer's payment.
                lang.pick(
                    "不要让顾客重新付款；如果已经重新收了一次，保留重新收的那一笔，把这一笔（终端显示失败、但已扣款的这一笔）撤销（当天、未结算）或退货（已结算）。",
                    "Do not charge the customer again; if you already did, keep the new charge and undo this one (shown as failed but charged): void it (same day, before settlement) or refund it (after settlement).",
                )
                .to_owned()
            } else {
                do_not_charge_again(lang).to_owned()
            });
            out.actions.push(match lang {
                Lang::Zh => format!("留存对账单这一行（{loc}）作为付款凭证：{contact}。"),
                Lang::En => {
                    format!("Keep this statement line ({loc}) as proof of payment: {contact}.")
                }
            });
        }
        Verdict::ReversedNotCharged => {
            out.title = match lang {
                Lang::Zh => format!("没有扣款：{when} 的 {amount} 终端{shown}，对账单里没有这笔"),
                Lang::En => format!(
                    "Not charged: the terminal {shown} for {amount} at {when}, and the statement lacks it"
                ),
            };
            out.explanation = match lang {
                Lang::Zh => format!(
                    "{what}：终端{shown}。已加载的收单对账单覆盖清算日 {clearing_text}（对账单范围 {covered}），里面没有这笔，说明冲正成功，钱没有被扣走，本店也没有收到。"
                ),
                Lang::En => format!(
                    "{what}: the terminal {shown}. The loaded acquirer statements cover clearing date {clearing_text} (statements {covered}) and do not contain it: the reversal worked, the money was not taken and you did not receive it."
                ),
            };
            out.say_to_customer.push(
                lang.pick(
                    "您的卡没有被扣款：这笔付款没有成功，我们也没有收到钱。",
                    "Your card was not charged: this payment did not go through, and we did not receive the money.",
                )
                .to_owned(),
            );
            out.say_to_customer.push(hold_back.to_owned());
            out.say_to_customer.push(pay_again(lang).to_owned());
            out.actions.push(collect_again(lang).to_owned());
            out.actions.push(match lang {
                Lang::Zh => format!(
                    "如果顾客 3 个工作日后仍看到扣款，请他联系发卡行，提供：{contact}。"
                ),
                Lang::En => format!(
                    "If the customer still sees the charge after 3 working days, they should call their card issuer with: {contact}."
                ),
            });
        }
        Verdict::NotYetSettled => {
            let after = dates.expected_deposit_date;
            out.check_again_after = after;
            let after_text = text::date(after);
            let approved = a.terminal.is_some_and(|t| ctx.records[t].outcome == Outcome::Approved);
            // Past that date the statement is out already: say so, never a past date as "later".
            let due = after.is_some_and(|d| ctx.options.as_of > d);
            out.title = match (lang, due) {
                (Lang::Zh, false) => {
                    format!("还不能确定：{when} 的 {amount} 终端{shown}，请 {after_text} 之后再查")
                }
                (Lang::Zh, true) => format!(
                    "还不能确定：{when} 的 {amount} 终端{shown}，清算日期 {clearing_text} 的对账单现在应该已经可以下载，请下载后再查"
                ),
                (Lang::En, false) => format!(
                    "Not known yet: the terminal {shown} for {amount} at {when}; check again after {after_text}"
                ),
                (Lang::En, true) => format!(
                    "Not known yet: the terminal {shown} for {amount} at {when}; the statement for clearing date {clearing_text} should be out by now: download it and check again"
                ),
            };
            let load = match (lang, due) {
                (Lang::Zh, false) => {
                    format!("请在 {after_text} 之后加载清算日期 {clearing_text} 的对账单再查一次。")
                }
                (Lang::Zh, true) => format!(
                    "这份对账单 {after_text} 起就应该能下载，现在已经过了这一天：请现在下载清算日期 {clearing_text} 的对账单再查一次；如果收单机构仍没有提供，就是迟了，请向收单机构要。"
                ),
                (Lang::En, false) => format!(
                    "Load the statement for clearing date {clearing_text} after {after_text} and check again."
                ),
                (Lang::En, true) => format!(
                    "That statement should have been available from {after_text}, which has passed: download the statement for clearing date {clearing_text} now and check again; if the acquirer still has not issued it, it is overdue: ask the acquirer for it."
                ),
            };
            out.explanation = match lang {
                Lang::Zh => format!(
                    "{what}：终端{shown}。这笔的清算日期是 {clearing_text}，已加载的收单对账单覆盖 {covered}，还不包括这一天，所以还不能确定钱有没有扣走。{load}"
                ),
                Lang::En => format!(
                    "{what}: the terminal {shown}. Its clearing date is {clearing_text}; the loaded acquirer statements cover {covered}, not that date yet, so whether the money was taken is not known. {load}"
                ),
            };
            if approved {
                out.say_to_customer.push(
                    lang.pick(
                        "终端显示您的付款已成功，不需要再付一次；款项还在银行清算中。",
                        "The terminal shows your payment as approved; you do not need to pay again. The bank is still settling it.",
                    )
                    .to_owned(),
                );
            } else {
                out.say_to_customer.push(
                    lang.pick(
                        "这笔付款的结果银行还在确认中，请先不要重复付款。",
                        "The bank is still confirming this payment; please do not pay a second time yet.",
                    )
                    .to_owned(),
                );
                out.say_to_customer.push(
                    lang.pick(
                        "如果最终没有扣款成功，被冻结的钱一般几分钟到24小时内自动退回，最长1–3个工作日。",
                        "If it did not go through, any held money is usually released within minutes to 24 hours, at most 1–3 working days.",
                    )
                    .to_owned(),
                );
            }
            out.say_to_customer.push(match (lang, due) {
                (Lang::Zh, false) => format!("我们会在 {after_text} 之后核对银行对账单，再告诉您结果，请留下联系方式。"),
                (Lang::Zh, true) => "我们会尽快核对银行对账单，再告诉您结果，请留下联系方式。".to_owned(),
                (Lang::En, false) => format!("We will check the bank's statement after {after_text} and tell you the result; please leave us a phone number."),
                (Lang::En, true) => "We will check the bank's statement as soon as we can and tell you the result; please leave us a phone number.".to_owned(),
            });
            out.actions.push(match (lang, due) {
                (Lang::Zh, false) => format!("{after_text} 之后下载清算日期 {clearing_text} 的收单对账单，和终端流水一起再查一次。"),
                (Lang::Zh, true) => format!("现在下载清算日期 {clearing_text} 的收单对账单（{after_text} 起就应该能下载），和终端流水一起再查一次；下载不到就向收单机构要。"),
                (Lang::En, false) => format!("After {after_text}, download the acquirer statement for clearing date {clearing_text} and check again with the terminal log."),
                (Lang::En, true) => format!("Download the acquirer statement for clearing date {clearing_text} now (it should have been available from {after_text}) and check again with the terminal log; if it is not there, ask the acquirer for it."),
            });
            if let Some(esc) = dates.escalate_after.filter(|d| ctx.options.as_of > *d) {
                out.actions.push(match lang {
                    Lang::Zh => {
                        format!("已过 {esc} 仍无结果：直接联系收单机构查询，提供：{contact}。")
                    }
                    Lang::En => format!(
                        "Past {esc} with no answer: ask the acquirer directly, giving: {contact}."
                    ),
                });
            }
        }
        Verdict::ApprovedNotSettled => {
            out.title = match lang {
                Lang::Zh => format!("终端成功但未结算：{when} 的 {amount}"),
                Lang::En => format!("Approved but not settled: {amount} at {when}"),
            };
            out.explanation = match lang {
                Lang::Zh => format!(
                    "{what}：终端{shown}，但覆盖清算日 {clearing_text} 的收单对账单（{covered}）里没有这笔。顾客很可能已经付款，钱却没有结算给本店（短款）。"
                ),
                Lang::En => format!(
                    "{what}: the terminal {shown}, but the acquirer statement covering clearing date {clearing_text} ({covered}) lacks it. The customer very likely paid, but the money was not settled to you."
                ),
            };
            out.say_to_customer.push(
                lang.pick(
                    "终端显示您的付款已成功，不需要再付一次。",
                    "The terminal shows your payment as approved; you do not need to pay again.",
                )
                .to_owned(),
            );
            out.actions.push(match lang {
                Lang::Zh => format!("联系收单机构，问这笔为什么没有结算，提供：{contact}。"),
                Lang::En => {
                    format!("Ask the acquirer why this sale was not settled, giving: {contact}.")
                }
            });
        }
        Verdict::Declined => {
            out.title = match lang {
                Lang::Zh => format!("被拒绝，没有扣款：{when} 的 {amount} 终端{shown}"),
                Lang::En => {
                    format!("Declined, not charged: the terminal {shown} for {amount} at {when}")
                }
            };
            out.explanation = match lang {
                Lang::Zh => {
                    format!("{what}：终端{shown}。银行已经明确拒绝了这笔交易，钱没有被扣走。")
                }
                Lang::En => format!(
                    "{what}: the terminal {shown}. The bank declined the sale; no money moved."
                ),
            };
            out.say_to_customer.push(match lang {
                Lang::Zh => format!("这笔付款被银行拒绝了：收银机{shown}，您的卡没有被扣款。"),
                Lang::En => format!("Your bank declined this payment: the terminal {shown}. Your card was not charged."),
            });
            out.say_to_customer.push(other_card_please(lang).to_owned());
            out.actions.push(collect(lang).to_owned());
        }
        Verdict::ChargedTwice
        | Verdict::NotFound
        | Verdict::Refunded
        | Verdict::TwoApprovedCharges
        | Verdict::Voided => {}
    }
}

/// A reversed attempt's line to the customer: the purchase is still unpaid.
fn pay_again(lang: Lang) -> &'static str {
    lang.pick(
        "这次消费还需要重新付款，可以再刷一次或换其他方式。",
        "The purchase still needs to be paid: please pay again, by card or another way.",
    )
}

/// A reversed attempt's action.
fn collect_again(lang: Lang) -> &'static str {
    lang.pick(
        "向顾客重新收款（如果还没收）。",
        "Collect the payment again (if you have not already).",
    )
}

/// A declined attempt's line to the customer.
fn other_card_please(lang: Lang) -> &'static str {
    lang.pick("请换一张卡或换其他方式付款。", "Please pay with another card or another way.")
}

/// A declined attempt's action.
fn collect(lang: Lang) -> &'static str {
    lang.pick("向顾客重新收款。", "Collect the payment again.")
}

fn charged_twice(ctx: &Context, a: &Attempt, b: &Attempt, out: &mut CheckResult) {
    if a.qr && b.qr {
        return qr::charged_twice(ctx, a, b, out);
    }
    // Two normal approved sales (no failure before the second) may be two purchases: a
    // duplicate only when an attempt showed a failure and was charged anyway.
    if !terminal_failed(ctx, a) && !terminal_failed(ctx, b) {
        return two_approved_charges(ctx, a, b, out);
    }
    let lang = ctx.lang();
    out.verdict = Verdict::ChargedTwice;
    // Refund the one the terminal showed as failed; when both or neither look failed, the later.
    let (first, second) = if a.time <= b.time { (a, b) } else { (b, a) };
    let (refund, keep) = match (terminal_failed(ctx, first), terminal_failed(ctx, second)) {
        (true, false) => (first, second),
        _ => (second, first),
    };
    out.records = refs(ctx, refund);
    out.records.extend(refs(ctx, keep));

    let refund_recs = recs(ctx, refund);
    let amount = money(lang, refund_recs.last().map_or(0, |r| r.amount_cents));
    let card = a.card.as_deref().or(b.card.as_deref());
    let gap = match (first.time, second.time) {
        (Some(x), Some(y)) => text::duration(lang, (y - x).num_seconds()),
        _ => "—".to_owned(),
    };
    let refund_when = text::time(lang, refund.time);
    let keep_when = text::time(lang, keep.time);
    let refund_ids = text::ids(lang, &refund_recs);
    let contact = text::contact_details(lang, &refund_recs);
    let clearing = refund.acquirer.or(refund.terminal).and_then(|i| ctx.set.clearing_date(i));
    let can_void = clearing.is_some_and(|c| ctx.options.as_of <= c);
    let cal = ctx.calendar();
    let back_by = cal.add_working_days(ctx.options.as_of, 5);
    let loc_refund = refund.acquirer.map(|i| ctx.location(i)).unwrap_or_default();
    let loc_keep = keep.acquirer.map(|i| ctx.location(i)).unwrap_or_default();

    out.title = match (lang, card) {
        (Lang::Zh, Some(c)) => format!("扣了两次：卡号尾号 {c} 在 {gap} 内被扣了两次 {amount}"),
        (Lang::Zh, None) => format!("扣了两次：{gap} 内两次扣款 {amount}"),
        (Lang::En, Some(c)) => {
            format!("Charged twice: card ending {c} paid {amount} twice within {gap}")
        }
        (Lang::En, None) => format!("Charged twice: {amount} twice within {gap}"),
    };
    out.explanation = match lang {
        Lang::Zh => format!(
            "{}：终端{}；{}：终端{}。两笔都被收单机构结算了（{loc_refund}、{loc_keep}），顾客为一次消费付了两次钱。",
            describe(ctx, refund),
            shown(ctx, refund),
            describe(ctx, keep),
            shown(ctx, keep),
        ),
        Lang::En => format!(
            "{}: the terminal {}; {}: the terminal {}. The acquirer settled both ({loc_refund}, {loc_keep}): the customer paid twice for one purchase.",
            describe(ctx, refund),
            shown(ctx, refund),
            describe(ctx, keep),
            shown(ctx, keep),
        ),
    };
    out.say_to_customer.push(match lang {
        Lang::Zh => format!(
            "您确实被扣了两次 {amount}。我们会退回 {refund_when} 的那一笔，{keep_when} 的那一笔是您这次的付款。"
        ),
        Lang::En => format!(
            "You were indeed charged {amount} twice. We will refund the charge of {refund_when}; the one of {keep_when} is your payment for this purchase."
        ),
    });
    out.say_to_customer.push(match (lang, can_void) {
        (Lang::Zh, true) => "我们今天就在收银机上撤销这一笔，撤销后一般几分钟内退回，最长1–3个工作日，以您的发卡行为准。".to_owned(),
        (Lang::Zh, false) => format!("我们会办理退货，退款一般 3–5 个工作日回到您的卡上（预计 {back_by} 前）。"),
        (Lang::En, true) => "We will void it on the terminal today; a void is usually back on your card within minutes, at most 1–3 working days depending on your bank.".to_owned(),
        (Lang::En, false) => format!("We will refund it; a refund usually reaches your card within 3–5 working days (by about {back_by})."),
    });
    out.actions.push(match (lang, can_void) {
        (Lang::Zh, true) => format!("今天在结算前，在终端上对这一笔做「撤销」：{refund_ids}。"),
        (Lang::Zh, false) => format!("这一笔已经结算，在终端或向收单机构做「退货」：{refund_ids}。"),
        (Lang::En, true) => format!("Today, before settlement, void this charge on the terminal: {refund_ids}."),
        (Lang::En, false) => format!("It is settled: refund this charge on the terminal or through the acquirer: {refund_ids}."),
    });
    out.actions.push(match lang {
        Lang::Zh => format!("另一笔（{keep_when}）保留，不要动。记下退款凭证，顾客再问时告诉他：{contact}。"),
        Lang::En => format!("Keep the other charge ({keep_when}) as it is. Note the refund's receipt and tell the customer if they ask: {contact}."),
    });
}

/// `two_approved_charges`: two settled charges of the amount and card minutes apart, both
/// approved on the terminal with no failure before the second. That is what two purchases look
/// like as much as a double charge: ask, and promise the customer no refund.
fn two_approved_charges(ctx: &Context, a: &Attempt, b: &Attempt, out: &mut CheckResult) {
    let lang = ctx.lang();
    out.verdict = Verdict::TwoApprovedCharges;
    let (first, second) = if a.time <= b.time { (a, b) } else { (b, a) };
    out.records = refs(ctx, first);
    out.records.extend(refs(ctx, second));
    let second_recs = recs(ctx, second);
    let amount = money(lang, second_recs.last().map_or(0, |r| r.amount_cents));
    let card = a.card.as_deref().or(b.card.as_deref());
    let gap = match (first.time, second.time) {
        (Some(x), Some(y)) => text::duration(lang, (y - x).num_seconds()),
        _ => "—".to_owned(),
    };
    let first_when = text::time(lang, first.time);
    let second_when = text::time(lang, second.time);
    let second_ids = text::ids(lang, &second_recs);
    let loc_first = first.acquirer.map(|i| ctx.location(i)).unwrap_or_default();
    let loc_second = second.acquirer.map(|i| ctx.location(i)).unwrap_or_default();
    out.title = match (lang, card) {
        (Lang::Zh, Some(c)) => format!(
            "两笔成功的扣款：卡号尾号 {c} 在 {gap} 内付了两次 {amount}，请确认是不是两次消费"
        ),
        (Lang::Zh, None) => {
            format!("两笔成功的扣款：{gap} 内两次 {amount}，请确认是不是两次消费")
        }
        (Lang::En, Some(c)) => format!(
            "Two approved charges: card ending {c} paid {amount} twice within {gap}; ask whether these were two purchases"
        ),
        (Lang::En, None) => format!(
            "Two approved charges: {amount} twice within {gap}; ask whether these were two purchases"
        ),
    };
    out.explanation = match lang {
        Lang::Zh => format!(
            "{}：终端{}；{}：终端{}。两笔都被收单机构结算了（{loc_first}、{loc_second}）。两笔在终端上都显示成功，第二笔之前没有失败或超时：这正是顾客买了两次的样子，不一定是重复扣款。",
            describe(ctx, first),
            shown(ctx, first),
            describe(ctx, second),
            shown(ctx, second),
        ),
        Lang::En => format!(
            "{}: the terminal {}; {}: the terminal {}. The acquirer settled both ({loc_first}, {loc_second}). Both were approved on the terminal, with no failure or timeout before the second: that is what two purchases look like, not necessarily a double charge.",
            describe(ctx, first),
            shown(ctx, first),
            describe(ctx, second),
            shown(ctx, second),
        ),
    };
    out.say_to_customer.push(match lang {
        Lang::Zh => format!(
            "我们的记录里有两笔成功的 {amount}：{first_when} 一笔，{second_when} 一笔，两笔当时都显示付款成功。"
        ),
        Lang::En => format!(
            "Our records show two approved payments of {amount}: one at {first_when} and one at {second_when}; both showed as approved at the time."
        ),
    });
    out.say_to_customer.push(
        lang.pick(
            "请问您这两次是不是各买了一次东西？我们核对小票和订单后再告诉您怎么处理。",
            "Did you buy something each time? We will check the receipts and orders and then tell you what happens next.",
        )
        .to_owned(),
    );
    out.actions.push(
        lang.pick(
            "先和顾客确认这是不是两次单独的消费：核对两张小票和收银订单。",
            "First make sure with the customer whether these were two separate purchases: check both receipts and the till's orders.",
        )
        .to_owned(),
    );
    out.actions.push(match lang {
        Lang::Zh => format!(
            "只有确认顾客只买了一次时，才退回后一笔（当天撤销，隔天退货）：{second_ids}。"
        ),
        Lang::En => format!(
            "Only if the customer bought once, give back the later charge (void it the same day, refund it later): {second_ids}."
        ),
    });
}

/// The refunds give the whole settled charge back: linked refund rows adding up to its amount,
/// or a personal bill's state word saying so (已全额退款) when the refund is no row of its own.
fn fully_refunded(ctx: &Context, acquirer: Option<usize>, refunds: &[usize]) -> bool {
    let Some(a) = acquirer else { return false };
    let charge = &ctx.records[a];
    let refunded: i64 = refunds.iter().map(|&r| ctx.records[r].amount_cents).sum();
    let says_so = charge.role == Role::WalletBill
        && charge.response_text.as_deref().is_some_and(|s| s.contains("全额退款"));
    (refunded > 0 && refunded >= charge.amount_cents) || says_so
}

/// `2026-11-18 15:00:00 退款 20.00 元（file 第 n 行）`, one per refund row.
fn refund_lines(ctx: &Context, a: &Attempt) -> String {
    let lang = ctx.lang();
    a.refunds
        .iter()
        .map(|&r| {
            let rec = &ctx.records[r];
            let (when, amount) = (text::time(lang, rec.time), money(lang, rec.amount_cents));
            match lang {
                Lang::Zh => format!("{when} 退款 {amount}（{}）", ctx.location(r)),
                Lang::En => format!("{amount} refunded at {when} ({})", ctx.location(r)),
            }
        })
        .collect::<Vec<_>>()
        .join(lang.pick("；", "; "))
}

/// How money given back reaches the customer: a card refund takes days, a wallet's goes back the
/// way it was paid.
fn refund_arrival(lang: Lang, qr: bool) -> &'static str {
    if qr {
        qr::refund_arrival(lang)
    } else {
        lang.pick(
            "退货款一般 3–5 个工作日回到付款的卡上，以发卡行为准。",
            "A card refund usually reaches the card within 3–5 working days, depending on the bank.",
        )
    }
}

/// `voided`: the customer paid, and the sale was voided (撤销) the same day: the money goes back
/// to the card and nothing is settled to the shop. Never "charge again": the customer may have
/// taken the goods back, or still want them.
fn voided(ctx: &Context, a: &Attempt, out: &mut CheckResult) {
    let lang = ctx.lang();
    out.verdict = Verdict::Voided;
    out.records = refs(ctx, a);
    let Some(void) = void_of(ctx, a.terminal, a.acquirer) else {
        return;
    };
    // The void lines: the terminal's and the statement's, when both are linked.
    let voids: Vec<usize> = [a.terminal, a.acquirer]
        .into_iter()
        .flatten()
        .filter_map(|i| ctx.set.cancelled_by(i))
        .collect();
    out.records.extend(voids.iter().map(|&v| ctx.record_ref(v)));
    let rs = recs(ctx, a);
    let amount = money(lang, rs.last().map_or(0, |r| r.amount_cents));
    let when = text::time(lang, a.time);
    let what = describe(ctx, a);
    let v = &ctx.records[void];
    let void_when = text::time(lang, v.time);
    let void_terminal = ident(&v.terminal_id).unwrap_or("—");
    let void_loc = ctx.location(void);
    let clearing = a.terminal.or(a.acquirer).and_then(|i| ctx.set.clearing_date(i));
    let clearing_text = text::date(clearing);
    let covered = a.terminal.is_some_and(|t| {
        clearing.is_some_and(|d| {
            ctx.set.acquirer_coverage.decides(ident(&ctx.records[t].terminal_id), d)
        })
    });
    // What the statement shows: the pair listed (sale and void cancel out), nothing (a same-day
    // void is not settled), or a date not loaded yet.
    let pair_listed = a.acquirer.is_some_and(|i| ctx.set.cancelled_by(i).is_some());
    let statement = match (lang, pair_listed, covered) {
        (Lang::Zh, true, _) => "收单对账单里这笔和它的撤销成对列出，金额互相抵消，不会结算给本店。".to_owned(),
        (Lang::Zh, false, true) => format!(
            "覆盖清算日 {clearing_text} 的收单对账单里没有这笔：当天撤销的交易不结算给本店。"
        ),
        (Lang::Zh, false, false) => format!(
            "清算日 {clearing_text} 的收单对账单还没有加载；撤销成功的交易不会结算给本店。"
        ),
        (Lang::En, true, _) => "The acquirer statement lists the sale and its void as a pair; they cancel out and nothing is settled to you.".to_owned(),
        (Lang::En, false, true) => format!(
            "The acquirer statement covering clearing date {clearing_text} lacks it: a sale voided the same day is not settled to you."
        ),
        (Lang::En, false, false) => format!(
            "The acquirer statement for clearing date {clearing_text} is not loaded yet; a voided sale is not settled to you."
        ),
    };
    out.title = match lang {
        Lang::Zh => format!(
            "已付款，已撤销：{when} 的 {amount} 付款成功，{void_when} 在终端 {void_terminal} 撤销，钱退回卡上"
        ),
        Lang::En => format!(
            "Paid, then voided: the {amount} paid at {when} was voided at {void_when} on terminal {void_terminal}; the money goes back to the card"
        ),
    };
    out.explanation = match lang {
        Lang::Zh => format!(
            "{what}：付款成功。{void_when} 在终端 {void_terminal} 做了消费撤销（{void_loc}），撤销的就是这一笔。{statement}这笔钱不在本店，会退回顾客的卡。"
        ),
        Lang::En => format!(
            "{what}: the payment went through. At {void_when} it was voided (消费撤销) on terminal {void_terminal} ({void_loc}), naming this sale. {statement} The money is not with you; it goes back to the customer's card."
        ),
    };
    out.say_to_customer.push(match lang {
        Lang::Zh => format!(
            "您 {when} 付的 {amount} 付款成功了，之后在 {void_when} 撤销了，这笔钱会退回您的卡上。"
        ),
        Lang::En => format!(
            "Your {amount} payment at {when} went through, and was voided at {void_when}: the money goes back to your card."
        ),
    });
    out.say_to_customer.push(
        lang.pick(
            "撤销的钱由发卡行退回：多数当天就解除冻结或退回，有的银行要 1–3 个工作日，信用卡也可能先显示扣款、再显示一笔退回。",
            "Your bank returns a voided payment: usually the same day, some banks take 1–3 working days, and a credit card may show the charge and then a matching credit.",
        )
        .to_owned(),
    );
    out.actions.push(
        lang.pick(
            "这笔没有需要补收的钱；只有顾客仍要这件商品、又没有另外付过时，才需要重新付款。",
            "There is nothing to collect for it; only if the customer still wants the goods and has not paid another way does the purchase need paying again.",
        )
        .to_owned(),
    );
    out.actions.push(
        lang.pick(
            "不要再撤销或退货：这笔已经撤销，钱会退回顾客。",
            "Do not void or refund it again: it was voided, and the money goes back to the customer.",
        )
        .to_owned(),
    );
    out.actions.push(match lang {
        Lang::Zh => format!("顾客说钱没退回时，给他看撤销记录（{void_loc}），请他联系发卡行。"),
        Lang::En => format!(
            "If the customer has not seen the money back, show them the void ({void_loc}) and ask them to call their card issuer."
        ),
    });
}

/// `refunded`: the customer paid, and all of it went back.
fn refunded(ctx: &Context, a: &Attempt, out: &mut CheckResult) {
    let lang = ctx.lang();
    out.verdict = Verdict::Refunded;
    out.records = refs(ctx, a);
    out.records.extend(a.refunds.iter().map(|&r| ctx.record_ref(r)));
    let rs = recs(ctx, a);
    let amount = money(lang, rs.last().map_or(0, |r| r.amount_cents));
    let when = text::time(lang, a.time);
    let what = describe(ctx, a);
    let loc = a.acquirer.map(|i| ctx.location(i)).unwrap_or_default();
    let lines = refund_lines(ctx, a);
    let last_refund = a.refunds.last().and_then(|&r| ctx.records[r].time);
    let refund_when = text::time(lang, last_refund);
    // A personal bill that says 已全额退款 without a refund row of its own.
    let state = a
        .acquirer
        .and_then(|i| ctx.records[i].response_text.as_deref())
        .map(|s| s.trim().trim_matches('`').to_owned())
        .unwrap_or_default();
    let source = match (lang, a.qr) {
        (Lang::Zh, true) => "账单",
        (Lang::Zh, false) => "对账单",
        (Lang::En, true) => "bill",
        (Lang::En, false) => "statement",
    };
    out.title = match (lang, last_refund.is_some()) {
        (Lang::Zh, true) => format!("已退款：{when} 的 {amount} 扣款后，已在 {refund_when} 退回"),
        (Lang::Zh, false) => format!("已退款：{when} 的 {amount} 扣款后已全额退回"),
        (Lang::En, true) => {
            format!("Refunded: the {amount} charged at {when} was given back at {refund_when}")
        }
        (Lang::En, false) => {
            format!("Refunded: the {amount} charged at {when} was given back in full")
        }
    };
    out.explanation = match (lang, lines.is_empty()) {
        (Lang::Zh, false) => format!(
            "{what}：{source}（{loc}）里这笔已扣款成功；之后全部退回了顾客：{lines}。这笔钱已经不在本店，顾客那边会按原路收到退款。"
        ),
        (Lang::Zh, true) => format!(
            "{what}：{source}（{loc}）里这笔已扣款成功，状态是「{state}」：已经全额退回顾客。这笔钱已经不在本店。"
        ),
        (Lang::En, false) => format!(
            "{what}: the {source} ({loc}) has it charged, and all of it was given back afterwards: {lines}. The money is no longer with you; the customer gets it back the way they paid."
        ),
        (Lang::En, true) => format!(
            "{what}: the {source} ({loc}) has it charged, with the state \"{state}\": refunded in full. The money is no longer with you."
        ),
    };
    out.say_to_customer.push(match lang {
        Lang::Zh => format!("您 {when} 付的 {amount} 已经全额退回给您了。"),
        Lang::En => format!("The {amount} you paid at {when} has been refunded to you in full."),
    });
    out.say_to_customer.push(refund_arrival(lang, a.qr).to_owned());
    out.actions.push(
        lang.pick(
            "不要再退一次：这笔已经退过款。",
            "Do not refund it again: it has already been refunded.",
        )
        .to_owned(),
    );
    out.actions.push(
        lang.pick(
            "确认这次消费有没有用别的方式付过；没有的话，需要向顾客重新收款。",
            "Check whether the purchase was paid another way; if not, it still needs to be paid.",
        )
        .to_owned(),
    );
    out.actions.push(match lang {
        Lang::Zh => format!(
            "顾客说没收到退款时，给他看退款记录：{}。",
            if lines.is_empty() { loc.clone() } else { lines.clone() }
        ),
        Lang::En => format!(
            "If the customer has not seen the refund, show them the refund line: {}.",
            if lines.is_empty() { loc.clone() } else { lines.clone() }
        ),
    });
}

/// A settled charge with refunds that give back part of it: say how much went back.
fn partly_refunded(ctx: &Context, a: &Attempt, out: &mut CheckResult) {
    if a.refunds.is_empty() {
        return;
    }
    let lang = ctx.lang();
    let Some(charge) = a.acquirer.map(|i| &ctx.records[i]) else { return };
    let refunded: i64 = a.refunds.iter().map(|&r| ctx.records[r].amount_cents).sum();
    let (back, kept) =
        (money(lang, refunded), money(lang, (charge.amount_cents - refunded).max(0)));
    let lines = refund_lines(ctx, a);
    out.records.extend(a.refunds.iter().map(|&r| ctx.record_ref(r)));
    out.explanation.push_str(&match lang {
        Lang::Zh => format!("其中 {back} 后来已经退回（{lines}），实收 {kept}。"),
        Lang::En => format!(" Of it, {back} was refunded afterwards ({lines}); {kept} stays paid."),
    });
    out.say_to_customer.push(match lang {
        Lang::Zh => format!("其中 {back} 已经退给您，{}", refund_arrival(lang, a.qr)),
        Lang::En => {
            format!("{back} of it has been refunded to you. {}", refund_arrival(lang, a.qr))
        }
    });
}

/// The answer stands on one payment; a twin of it (same amount and payer, minutes apart) was
/// paid too and already refunded: say so, so nobody refunds it a second time.
fn twin_refunded(ctx: &Context, r: &Attempt, out: &mut CheckResult) {
    let lang = ctx.lang();
    let rs = recs(ctx, r);
    let amount = money(lang, rs.last().map_or(0, |x| x.amount_cents));
    let when = text::time(lang, r.time);
    let lines = refund_lines(ctx, r);
    out.records.extend(refs(ctx, r));
    out.records.extend(r.refunds.iter().map(|&i| ctx.record_ref(i)));
    out.explanation.push_str(&match (lang, lines.is_empty()) {
        (Lang::Zh, false) => {
            format!("{when} 还有一笔同样的 {amount} 也扣了款，但已经全额退回（{lines}）。")
        }
        (Lang::Zh, true) => format!("{when} 还有一笔同样的 {amount} 也扣了款，但已经全额退回。"),
        (Lang::En, false) => {
            format!(" Another {amount} at {when} was charged too, and refunded in full ({lines}).")
        }
        (Lang::En, true) => {
            format!(" Another {amount} at {when} was charged too, and refunded in full.")
        }
    });
    out.say_to_customer.push(match lang {
        Lang::Zh => format!("您 {when} 多付的那一笔 {amount} 已经退回给您了。"),
        Lang::En => {
            format!("The extra {amount} you paid at {when} has already been refunded to you.")
        }
    });
    out.actions.push(match lang {
        Lang::Zh => format!("{when} 的那一笔已经退过款，不要再退。"),
        Lang::En => {
            format!("The payment of {when} has already been refunded; do not refund it again.")
        }
    });
}

fn not_found(ctx: &Context, query: &CheckQuery, out: &mut CheckResult) {
    let lang = ctx.lang();
    out.verdict = Verdict::NotFound;
    let amount = money(lang, query.amount_cents);
    let when = query.time.format("%Y-%m-%d %H:%M").to_string();
    let w = query.window_minutes.max(0);
    let window = Duration::minutes(w);

    // Other amounts close in time, the same amount further away, or filtered out by card/terminal.
    let day = Duration::hours(24);
    let mut nearby = attempts(ctx, query, |r| {
        r.time.is_some_and(|t| {
            let off = (t - query.time).abs();
            off <= window || (r.amount_cents == query.amount_cents && off <= day)
        })
    });
    // The likely payment (another wallet, a few fen off) is always among those listed.
    let likely = likely_match(ctx, query, window);
    if let Some(l) = &likely
        && let Some(at) =
            nearby.iter().position(|a| (a.terminal, a.acquirer) == (l.terminal, l.acquirer))
        && at >= 5
    {
        nearby.swap(4, at);
    }
    nearby.truncate(5);
    out.nearby = nearby.iter().map(|a| candidate(ctx, a)).collect();

    let searched: Vec<String> = out
        .searched
        .iter()
        .map(|s| {
            let role = s.role.map_or_else(
                || lang.pick("未识别", "not recognised").to_owned(),
                |r| role_name(lang, r).to_owned(),
            );
            let range = s.coverage.map_or_else(
                || lang.pick("无时间范围", "no time range").to_owned(),
                |c| match lang {
                    Lang::Zh => format!(
                        "{} 至 {}",
                        c.start.format("%Y-%m-%d %H:%M"),
                        c.end.format("%Y-%m-%d %H:%M")
                    ),
                    Lang::En => format!(
                        "{} to {}",
                        c.start.format("%Y-%m-%d %H:%M"),
                        c.end.format("%Y-%m-%d %H:%M")
                    ),
                },
            );
            match lang {
                Lang::Zh => format!("{}（{role}，{range}）", s.file),
                Lang::En => format!("{} ({role}, {range})", s.file),
            }
        })
        .collect();
    let searched = if searched.is_empty() {
        lang.pick("（没有文件）", "(no files)").to_owned()
    } else {
        searched.join(lang.pick("；", "; "))
    };
    let in_range = out.searched.iter().any(|s| {
        matches!(s.role, Some(Role::TerminalLog | Role::AcquirerStatement | Role::WalletBill))
            && s.coverage
                .is_some_and(|c| c.start - window <= query.time && query.time <= c.end + window)
    });
    let filters = match (lang, query.card_last4.as_deref(), query.terminal_id.as_deref()) {
        (Lang::Zh, Some(c), Some(t)) => format!("、卡号尾号 {c}、终端号 {t}"),
        (Lang::Zh, Some(c), None) => format!("、卡号尾号 {c}"),
        (Lang::Zh, None, Some(t)) => format!("、终端号 {t}"),
        (Lang::En, Some(c), Some(t)) => format!(", card ending {c}, terminal {t}"),
        (Lang::En, Some(c), None) => format!(", card ending {c}"),
        (Lang::En, None, Some(t)) => format!(", terminal {t}"),
        (_, None, None) => String::new(),
    };

    out.title = match lang {
        Lang::Zh => format!("没有找到：{when} 前后 {w} 分钟内没有 {amount}{filters} 的交易"),
        Lang::En => format!("Not found: no sale of {amount}{filters} within {w} minutes of {when}"),
    };
    let mut explanation = match lang {
        Lang::Zh => format!("查过的文件：{searched}。"),
        Lang::En => format!("Files searched: {searched}."),
    };
    if !in_range {
        explanation.push_str(match lang {
            Lang::Zh => "这些文件不覆盖这个时间，请加载那一天的终端流水和收单对账单再查。",
            Lang::En => "These files do not cover that time: load the terminal log and acquirer statement of that day and check again.",
        });
    }
    if let Some(first) = nearby.first() {
        let how = method_name(lang, first);
        explanation.push_str(&match lang {
            Lang::Zh => format!("时间或金额最接近的一笔：{how} {}。", describe(ctx, first)),
            Lang::En => {
                format!(" The closest sale in time or amount: {how}, {}.", describe(ctx, first))
            }
        });
    }
    out.explanation = explanation;
    if let Some(likely) = likely {
        return likely_words(ctx, query, &likely, out);
    }
    out.say_to_customer.push(match query.wallet {
        Some(w) => qr::not_found_words(lang, w.pay_method()),
        None => lang
            .pick(
                "我们的记录里没有找到这笔付款。请给我们看一下扣款短信或银行App里的记录（时间、金额、卡号后四位），我们再核对。",
                "We cannot find this payment in our records. Please show us the bank's text message or app entry (time, amount, last four card digits) and we will check again.",
            )
            .to_owned(),
    });
    out.actions.push(
        lang.pick(
            "和顾客核对金额和时间是否记对了；下面列出了时间或金额接近的交易。",
            "Check the amount and time with the customer; the sales closest in time or amount are listed below.",
        )
        .to_owned(),
    );
    if !in_range {
        out.actions.push(match lang {
            Lang::Zh => {
                format!("加载覆盖 {} 的终端流水和收单对账单，再查一次。", query.time.date())
            }
            Lang::En => format!(
                "Load the terminal log and acquirer statement covering {} and check again.",
                query.time.date()
            ),
        });
    }
}

/// How an attempt was paid, for a sentence: the wallet, a card (with its last 4), or a scan.
fn method_name(lang: Lang, a: &Attempt) -> String {
    match (a.wallet, a.card.as_deref()) {
        (Some(m), _) => qr_wallet_name(lang, Some(m)).to_owned(),
        (None, Some(c)) => match lang {
            Lang::Zh => format!("银行卡（尾号 {c}）"),
            Lang::En => format!("a card (ending {c})"),
        },
        (None, None) if a.qr => lang.pick("扫码支付", "a QR payment").to_owned(),
        (None, None) => lang.pick("刷卡", "a card").to_owned(),
    }
}

/// How far from the asked amount a paid attempt may be and still be offered as the likely
/// payment when nothing of the exact amount fits: at most 1.00 元, and at most 5% of the amount
/// asked (a few fen misremembered or mistyped, never another price). Never asserted as the
/// same payment: the answer states the difference and asks the customer to compare.
fn amount_tolerance(asked_cents: i64) -> i64 {
    (asked_cents.abs() * 5 / 100).min(100)
}

/// For `not_found`: a settled attempt within the search window that is the likely payment after
/// all: the asked amount by the other wallet or a card (the customer named the wrong one), or an
/// amount within [`amount_tolerance`] of it. The exact amount first, then the smallest
/// difference, then the closest in time.
fn likely_match(ctx: &Context, query: &CheckQuery, window: Duration) -> Option<Attempt> {
    let tol = amount_tolerance(query.amount_cents);
    let amount_of =
        |a: &Attempt| a.acquirer.or(a.terminal).map_or(0, |i| ctx.records[i].amount_cents);
    attempts(ctx, query, |r| {
        (r.amount_cents - query.amount_cents).abs() <= tol
            && r.time.is_some_and(|t| (t - query.time).abs() <= window)
    })
    .into_iter()
    // Only a payment the bill or statement shows settled is "went through": a till's or
    // terminal's word alone is not offered as the customer's payment.
    .filter(|a| a.verdict == Verdict::ChargedAndSettled)
    .filter(|a| a.time.is_some_and(|t| (t - query.time).abs() <= window))
    .filter(|a| {
        // The other wallet (or a card) only when a wallet was named: a card number given is
        // the customer's own, and another card's payment is another customer's.
        let diff = (amount_of(a) - query.amount_cents).abs();
        match diff {
            0 => query.wallet.is_some() && !fits(a, query),
            d => d <= tol && fits(a, query),
        }
    })
    .min_by_key(|a| ((amount_of(a) - query.amount_cents).abs(), a.offset_secs.abs(), a.rank))
}

/// `not_found`, but `likely` was paid at that time: another wallet or card, or a few fen off.
/// The verdict stays `not_found` (the payment asked about is not there); the title, the words
/// for the customer and the first action point to `likely`, hedged.
fn likely_words(ctx: &Context, query: &CheckQuery, likely: &Attempt, out: &mut CheckResult) {
    let lang = ctx.lang();
    let rs = recs(ctx, likely);
    let cents = likely.acquirer.or(likely.terminal).map_or(0, |i| ctx.records[i].amount_cents);
    let amount = money(lang, cents);
    let asked_amount = money(lang, query.amount_cents);
    let diff_cents = cents - query.amount_cents;
    let diff = money(lang, diff_cents.abs());
    let when = text::time(lang, likely.time);
    let how = method_name(lang, likely);
    let asked_how = match (query.wallet, query.card_last4.as_deref()) {
        (Some(w), _) => qr_wallet_name(lang, Some(w.pay_method())).to_owned(),
        (None, Some(c)) => match lang {
            Lang::Zh => format!("尾号 {c} 的卡"),
            Lang::En => format!("the card ending {c}"),
        },
        (None, None) => match (lang, query.terminal_id.as_deref()) {
            (Lang::Zh, Some(t)) => format!("终端 {t}"),
            (Lang::En, Some(t)) => format!("terminal {t}"),
            (Lang::Zh, None) => "所说的方式".to_owned(),
            (Lang::En, None) => "the way named".to_owned(),
        },
    };
    let other_way = diff_cents == 0;
    let app = match likely.wallet {
        Some(m @ (PayMethod::Wechat | PayMethod::Alipay)) => qr::app_bill(lang, Some(m)).to_owned(),
        _ => lang.pick("银行App或扣款短信", "the bank's app or text message").to_owned(),
    };
    let ids = text::ids(lang, &rs);
    let q_when = query.time.format("%Y-%m-%d %H:%M").to_string();
    out.title = match (lang, other_way) {
        (Lang::Zh, true) => format!(
            "{asked_how}里没有 {q_when} 的 {asked_amount}，但{how}在 {when} 有一笔 {amount} 成功付款：可能是这笔"
        ),
        (Lang::Zh, false) => format!(
            "没有 {q_when} 的 {asked_amount}，但{how}在 {when} 有一笔 {amount} 成功付款（相差 {diff}）：可能是这笔"
        ),
        (Lang::En, true) => format!(
            "No {asked_amount} by {asked_how} at {q_when}, but {how} has a {amount} payment at {when} that went through: perhaps this one"
        ),
        (Lang::En, false) => format!(
            "No {asked_amount} at {q_when}, but {how} has a {amount} payment at {when} that went through ({diff} different): perhaps this one"
        ),
    };
    out.explanation.push_str(&match (lang, other_way) {
        (Lang::Zh, true) => format!(
            "{asked_how}里没有这笔，但{how}在 {when} 有一笔 {amount} 支付成功（{ids}）：金额和时间都对得上，可能顾客记错了付款方式。"
        ),
        (Lang::Zh, false) => format!(
            "没有 {asked_amount} 的付款，但{how}在 {when} 有一笔 {amount} 支付成功（{ids}），和说的金额相差 {diff}（相差不超过 1.00 元且不超过金额的 5% 才列出）：可能是这笔，但不能确定是同一笔。"
        ),
        (Lang::En, true) => format!(
            " {asked_how} has no such payment, but {how} has {amount} at {when} that went through ({ids}): amount and time agree; the customer may have named the wrong way of paying."
        ),
        (Lang::En, false) => format!(
            " There is no payment of {asked_amount}, but {how} has {amount} at {when} that went through ({ids}), {diff} off the amount named (listed only within 1.00 yuan and 5% of the amount): perhaps this one, but not known to be the same payment."
        ),
    });
    out.say_to_customer = vec![match (lang, other_way) {
        (Lang::Zh, true) => format!(
            "{asked_how}里没有这笔，但{how}在 {when} 有一笔 {amount} 成功付款：可能是这笔。请在{app}里看一下：如果有这笔，就已经付过了，不需要再付。"
        ),
        (Lang::Zh, false) => format!(
            "我们没有找到 {asked_amount} 的付款，但{how}在 {when} 有一笔 {amount} 成功付款，和您说的金额相差 {diff}：可能是这笔。请在{app}里看一下这笔的金额和时间：如果是这笔，就已经付过了，不需要再付。"
        ),
        (Lang::En, true) => format!(
            "There is no such payment by {asked_how}, but {how} has a {amount} payment at {when} that went through: perhaps this one. Please look in {app}: if it is there, you have paid and need not pay again."
        ),
        (Lang::En, false) => format!(
            "We found no payment of {asked_amount}, but {how} has a {amount} payment at {when} that went through, {diff} off the amount you gave: perhaps this one. Please look at its amount and time in {app}: if it is this one, you have paid and need not pay again."
        ),
    }];
    out.actions.insert(
        0,
        match (lang, other_way) {
            (Lang::Zh, true) => format!(
                "先请顾客在{app}里核对：{how} {when} 的 {amount} 支付成功（{ids}），可能就是这笔；如果是，就已经付过了，不要再收款。"
            ),
            (Lang::Zh, false) => format!(
                "先请顾客在{app}里核对：{how} {when} 的 {amount} 支付成功（{ids}），和说的 {asked_amount} 相差 {diff}，可能就是这笔，但不能确定；如果是，就已经付过了，不要再收款。"
            ),
            (Lang::En, true) => format!(
                "First have the customer check {app}: {amount} by {how} at {when} went through ({ids}) and may be this payment; if so, they have paid: do not collect again."
            ),
            (Lang::En, false) => format!(
                "First have the customer check {app}: {amount} by {how} at {when} went through ({ids}), {diff} off the {asked_amount} named; it may be this payment, but that is not certain; if so, they have paid: do not collect again."
            ),
        },
    );
}

fn role_name(lang: Lang, role: Role) -> &'static str {
    match role {
        Role::TerminalLog => lang.pick("终端流水", "terminal log"),
        Role::AcquirerStatement => lang.pick("收单对账单", "acquirer statement"),
        Role::BankStatement => lang.pick("银行流水", "bank statement"),
        Role::OrderList => lang.pick("订单列表", "order list"),
        Role::WalletBill => lang.pick("微信/支付宝账单", "wallet bill"),
    }
}

mod qr;
#[cfg(test)]
mod tests;
