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
//! statement: a SUCCESS row is `charged_and_settled`, two paid rows of the amount
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
//! # One payment model, facts apart from words
//!
//! Card and QR are channels of one model, not parallel code. An `Attempt` is a terminal (or
//! till) line, a settlement (or wallet-bill) line, or a matched pair of both; its verdict is
//! decided once (`verdict_of`), and the answer's choices (the retry, the twin, the refunded twin,
//! another card, cash) are made once in [`check`] for both channels. What the answer rests on is
//! a typed value, `facts::Answer` (payments with their `facts::Channel`, amounts in fen, dates,
//! lines), and the words are in `text/zh.rs` and `text/en.rs`: one function per verdict (and per
//! addition to one), the same names in both files, chosen by language in one place (`words!`).
//! Where card and QR need other words (终端 / 收银, 对账单 / 账单) the verdict's words function
//! chooses by channel. `qr.rs` keeps what only a scan has: the till's cash payment of its order.
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

use crate::config::{Lang, Options, SourceFile};
use crate::diagnose::rules::qr_payment;
use crate::diagnose::{Context, is_charge};
use crate::matcher::{self, ident};
use crate::model::{Outcome, PayMethod, Role, TxnType};
use crate::pipeline::Matched;
use crate::report::{Coverage, RecordRef, time_format};
use facts::{Answer, AskWhich, Cash, Channel, Likely, Line, NotFound, OtherCard, Payment, Retried};
use text::{Words, words};

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
        words!(lang, label(self))
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
///
/// In: the statement files as [`crate::analyze`] takes them (read and matched by the same
/// [`crate::pipeline::run`]), the [`CheckQuery`] (time ± `window_minutes`, amount in fen,
/// optional card last 4, terminal and wallet; [`CheckQuery::parse`] reads what a person types)
/// and the caller's [`Options`] (`as_of` decides "not yet settled", `lang` the words,
/// `settings.duplicate_window_minutes` how far a second charge counts as a double charge). Out:
/// a [`CheckResult`] (schema [`CHECK_SCHEMA`], shape in the module doc): one [`Verdict`] for the
/// closest fitting attempt, card or QR, its words in `options.lang` (title, explanation, what to
/// say to the customer, actions), the lines it rests on, every fitting candidate, nearby misses
/// for `not_found`, and the files searched. Never fails: a file that cannot be read is listed in
/// `searched` with its error.
pub fn check(files: &[SourceFile], query: &CheckQuery, options: &Options) -> CheckResult {
    check_matched(&crate::pipeline::run(files, options), query, options)
}

/// [`check()`] on files already read and matched ([`crate::pipeline::match_read`]): a host that
/// keeps its [`Matched`] answers one customer after another without reading the files again.
///
/// In: the [`Matched`] files, the [`CheckQuery`] and the [`Options`] they were matched under
/// (`lang`, `as_of` and the duplicate window may differ). Out: the same [`CheckResult`] as
/// [`check()`] of those files, query and options. Never fails; `matched` is left as it was.
pub fn check_matched(matched: &Matched, query: &CheckQuery, options: &Options) -> CheckResult {
    let Matched { inputs, records, set } = matched;
    let ctx = Context::new(records, inputs, set, options);

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

    let mut result = new_result(&ctx, query, &candidates);
    // The attempts the answer rests on, by their lines: any other candidate is someone else's,
    // unless the customer cannot say which payment was theirs (see `ask_which_first`).
    let used = match candidates.first() {
        None => {
            not_found(&ctx, query, &mut result);
            Vec::new()
        }
        Some(&asked) => {
            let pool = Pool { attempts: &pool, wide: &wide, dup_window };
            answer(&ctx, asked, &pool, &mut result)
        }
    };
    if query.card_last4.is_none() {
        ask_which_first(&ctx, &candidates, &used, &mut result);
    }
    result.label = result.verdict.label(options.lang).to_owned();
    result
}

/// A result with the query, the candidates and the files searched, and no answer yet.
fn new_result(ctx: &Context, query: &CheckQuery, candidates: &[&Attempt]) -> CheckResult {
    CheckResult {
        schema: CHECK_SCHEMA.to_owned(),
        as_of: ctx.options.as_of,
        lang: ctx.lang().as_str().to_owned(),
        query: query.clone(),
        verdict: Verdict::NotFound,
        label: String::new(),
        title: String::new(),
        explanation: String::new(),
        say_to_customer: Vec::new(),
        actions: Vec::new(),
        check_again_after: None,
        records: Vec::new(),
        candidates: candidates.iter().map(|a| candidate(ctx, a)).collect(),
        nearby: Vec::new(),
        searched: ctx
            .inputs
            .iter()
            .map(|i| SearchedFile {
                file: i.file.clone(),
                role: i.role,
                coverage: i.coverage,
                error: i.error.clone(),
            })
            .collect(),
    }
}

/// The attempts an answer may rest on besides the one asked about.
struct Pool<'p> {
    /// Attempts of the amount that fit the query, a duplicate window beyond the search window.
    attempts: &'p [Attempt],
    /// The same, with any card.
    wide: &'p [&'p Attempt],
    dup_window: Duration,
}

/// The line keys of an attempt, to tell the attempts an answer rests on from the others.
type Key = (Option<usize>, Option<usize>);

fn key(a: &Attempt) -> Key {
    (a.terminal, a.acquirer)
}

/// Answers for `asked`, the closest candidate; returns the attempts the answer rests on.
fn answer<'a>(
    ctx: &Context<'a>,
    asked: &'a Attempt,
    pool: &Pool<'a>,
    out: &mut CheckResult,
) -> Vec<Key> {
    let charged = Verdict::ChargedAndSettled;
    let (attempts, dup_window) = (pool.attempts, pool.dup_window);
    // A failed attempt followed minutes later by an approved retry: the retry is the payment,
    // and the failed attempt is named beside it.
    let retry = retry_of(ctx, asked, attempts, dup_window);
    let primary = retry.unwrap_or(asked);
    // A refunded payment with a settled twin: the twin is the payment that stands.
    let (main, refunded_twin) = match primary.verdict {
        Verdict::Refunded => match duplicate_of(primary, attempts, dup_window, charged) {
            Some(twin) => (twin, Some(primary)),
            None => (primary, None),
        },
        _ => (primary, None),
    };
    let twin = (main.verdict == charged).then(|| duplicate_of(main, attempts, dup_window, charged));
    let mut used: Vec<Key> = [asked, primary, main].map(key).to_vec();
    used.extend(refunded_twin.map(key));
    used.extend(twin.flatten().map(key));
    match twin.flatten() {
        Some(other) => charged_twice(ctx, main, other, out),
        None => used.extend(one_payment(ctx, main, refunded_twin, retry.is_none(), pool, out)),
    }
    if retry.is_some() {
        retried(ctx, asked, primary, out);
    }
    used
}

/// The answer stands on `main` alone, with what else the files say of it: refunds, a refunded
/// twin, and (when it is the attempt asked about, not a retry) a payment by another card or in
/// cash. Returns the other card's payment when it is named.
fn one_payment<'a>(
    ctx: &Context<'a>,
    main: &'a Attempt,
    refunded_twin: Option<&'a Attempt>,
    asked_itself: bool,
    pool: &Pool<'a>,
    out: &mut CheckResult,
) -> Option<Key> {
    let charged = main.verdict == Verdict::ChargedAndSettled;
    single(ctx, main, out);
    let refunded_twin = refunded_twin.or_else(|| {
        charged
            .then(|| duplicate_of(main, pool.attempts, pool.dup_window, Verdict::Refunded))
            .flatten()
    });
    if charged {
        partly_refunded(ctx, main, out);
    }
    if let Some(r) = refunded_twin {
        twin_refunded(ctx, r, out);
    }
    if !asked_itself {
        return None;
    }
    let other = other_card_paid(ctx, main, pool.wide, pool.dup_window);
    if let Some(other) = other {
        other_card(ctx, main, other, out);
    }
    // The till has the order paid in 现金 too: after a scan that took nothing the order is paid;
    // after one that took the money it was paid twice.
    if main.qr {
        cash_paid(ctx, main, refunded_twin.is_some(), out);
    }
    other.map(key)
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
        .map(|(terminal, acquirer)| attempt(ctx, query, terminal, acquirer))
        .collect();
    let wallet_miss = |a: &Attempt| query.wallet.is_some() && a.card.is_some();
    out.sort_by_key(|a| (wallet_miss(a), a.offset_secs.abs(), a.rank));
    out
}

/// One attempt from its terminal (or till) line and its settlement (or bill) line.
fn attempt(
    ctx: &Context,
    query: &CheckQuery,
    terminal: Option<usize>,
    acquirer: Option<usize>,
) -> Attempt {
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
    let payer = recs().find_map(|r| r.counterparty().clone());
    let kind = recs().find_map(|r| r.payment_kind().clone());
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

/// The terminal showed the attempt as failed or unknown (or has no line for it).
fn terminal_failed(ctx: &Context, a: &Attempt) -> bool {
    a.terminal.is_none_or(|t| ctx.records[t].outcome != Outcome::Approved)
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

/// The answer stands on one attempt: its verdict, its lines and its words.
fn single(ctx: &Context, a: &Attempt, out: &mut CheckResult) {
    out.verdict = a.verdict;
    out.records = refs(ctx, a);
    match a.verdict {
        Verdict::Refunded => out.records.extend(a.refunds.iter().map(|&r| ctx.record_ref(r))),
        // The void lines: the terminal's and the statement's, when both are linked.
        Verdict::Voided => out.records.extend(void_lines(ctx, a).map(|v| ctx.record_ref(v))),
        _ => {}
    }
    let Some(answer) = Answer::single(ctx, a) else { return };
    if let Answer::NotYetSettled { after, .. } = &answer {
        out.check_again_after = *after;
    }
    set_words(out, words!(ctx.lang(), answer(&answer)));
}

/// The void (撤销) lines linked to an attempt's terminal and settlement lines.
fn void_lines<'c>(ctx: &'c Context, a: &Attempt) -> impl Iterator<Item = usize> + 'c {
    [a.terminal, a.acquirer].into_iter().flatten().filter_map(|i| ctx.set.cancelled_by(i))
}

/// The verdict's words replace whatever was there.
fn set_words(out: &mut CheckResult, w: Words) {
    out.title = w.title;
    out.explanation = w.explanation;
    out.say_to_customer = w.say_to_customer;
    out.actions = w.actions;
}

/// Two settled charges of the amount minutes apart. A duplicate only when an attempt showed a
/// failure and was charged anyway; two normal approved card sales (no failure before the second)
/// may be two purchases (`two_approved_charges`). Two QR payments stay `charged_twice`, the words
/// asking first when both were shown paid or the bill names no payer.
fn charged_twice<'a>(ctx: &Context<'a>, a: &'a Attempt, b: &'a Attempt, out: &mut CheckResult) {
    let (first, second) = if a.time <= b.time { (a, b) } else { (b, a) };
    let gap_secs = first.time.zip(second.time).map(|(x, y)| (y - x).num_seconds());
    let both_approved = !terminal_failed(ctx, a) && !terminal_failed(ctx, b);
    let (verdict, undo, keep) = if !(a.qr && b.qr) && both_approved {
        (Verdict::TwoApprovedCharges, first, second)
    } else {
        // Give back the one the terminal showed as failed; when both or neither look failed,
        // the later.
        match (terminal_failed(ctx, first), terminal_failed(ctx, second)) {
            (true, false) => (Verdict::ChargedTwice, first, second),
            _ => (Verdict::ChargedTwice, second, first),
        }
    };
    out.verdict = verdict;
    out.records = refs(ctx, undo);
    out.records.extend(refs(ctx, keep));
    let answer = Answer::twice(ctx, verdict, undo, keep, gap_secs);
    set_words(out, words!(ctx.lang(), answer(&answer)));
}

/// A settled charge with refunds that give back part of it: say how much went back.
fn partly_refunded(ctx: &Context, a: &Attempt, out: &mut CheckResult) {
    if a.refunds.is_empty() {
        return;
    }
    let Some(charge) = a.acquirer.map(|i| &ctx.records[i]) else { return };
    let refunded: i64 = a.refunds.iter().map(|&r| ctx.records[r].amount_cents).sum();
    let kept = (charge.amount_cents - refunded).max(0);
    out.records.extend(a.refunds.iter().map(|&r| ctx.record_ref(r)));
    let channel = if a.qr { Channel::Qr } else { Channel::Card };
    let w = words!(ctx.lang(), partly_refunded(&facts::refunds(ctx, a), refunded, kept, channel));
    out.explanation.push_str(&w.explanation);
    out.say_to_customer.extend(w.say_to_customer);
}

/// The answer stands on one payment; a twin of it (same amount and payer, minutes apart) was
/// paid too and already refunded: say so, so nobody refunds it a second time.
fn twin_refunded(ctx: &Context, r: &Attempt, out: &mut CheckResult) {
    out.records.extend(refs(ctx, r));
    out.records.extend(r.refunds.iter().map(|&i| ctx.record_ref(i)));
    let w = words!(ctx.lang(), twin_refunded(&Payment::of(ctx, r), &facts::refunds(ctx, r)));
    out.explanation.push_str(&w.explanation);
    out.say_to_customer.extend(w.say_to_customer);
    out.actions.extend(w.actions);
}

/// The asked-about attempt took no money, and minutes later `other` was paid by another card:
/// name that payment, and ask before collecting again (the customer may have switched cards).
fn other_card(ctx: &Context, a: &Attempt, other: &Attempt, out: &mut CheckResult) {
    let lang = ctx.lang();
    let minutes = match (a.time, other.time) {
        (Some(x), Some(y)) => ((y - x).num_seconds() + 30) / 60,
        _ => 0,
    }
    .max(1);
    let same_terminal = a.terminal_id == other.terminal_id;
    let f = OtherCard { other: Payment::of(ctx, other), minutes, same_terminal };
    let w = words!(lang, other_card(&f));
    out.title.push_str(&w.title);
    out.explanation.push_str(&w.explanation);
    // The customer may have paid already: no "pay again" before asking.
    let (pay_again, other_card_please) =
        (words!(lang, pay_again()), words!(lang, other_card_please()));
    out.say_to_customer.retain(|l| l != pay_again && l != other_card_please);
    out.say_to_customer.extend(w.say_to_customer);
    let (collect_again, collect) = (words!(lang, collect_again()), words!(lang, collect()));
    out.actions.retain(|l| l != collect_again && l != collect);
    out.actions.splice(0..0, w.actions);
}

/// The answer stands on `retry`, the approved retry of the attempt the customer asked about:
/// say that the asked-about attempt took no money and the retry did, so nobody charges again.
fn retried(ctx: &Context, asked: &Attempt, retry: &Attempt, out: &mut CheckResult) {
    let lang = ctx.lang();
    out.records.extend(refs(ctx, asked));
    // A voided sale took the money and gave it back: its void lines join the records.
    let voided = asked.verdict == Verdict::Voided;
    if voided {
        out.records.extend(void_lines(ctx, asked).map(|v| ctx.record_ref(v)));
    }
    let f = Retried { asked: Payment::of(ctx, asked), retry: Payment::of(ctx, retry), voided };
    let cards_unknown = asked.card.is_none() || retry.card.is_none();
    let mut w = words!(lang, retried(&f, cards_unknown));
    out.explanation.insert_str(0, &w.explanation);
    // The retry is the second charge: "void the second one" would undo the payment.
    let do_not_charge_again = words!(lang, do_not_charge_again());
    out.actions.retain(|a| a != do_not_charge_again);
    out.say_to_customer.splice(0..0, w.say_to_customer);
    let first = w.actions.remove(0);
    out.actions.insert(0, first);
    out.actions.extend(w.actions);
}

/// The till has the scanned order paid in 现金 too: after a scan that took nothing the order is
/// paid; after one that took the money it was paid twice.
fn cash_paid(ctx: &Context, main: &Attempt, refunded_twin: bool, out: &mut CheckResult) {
    let Some(cash) = qr::cash_of(ctx, main) else { return };
    let c = &ctx.records[cash];
    let scan = Payment::of(ctx, main);
    let wallet_undo = match main.verdict {
        Verdict::ChargedAndSettled if !refunded_twin => {
            let paid = crate::diagnose::text::money(ctx.lang(), scan.amount_cents);
            qr_payment::undo_advice(ctx, main.wallet, scan.bill_day(), &paid)
        }
        Verdict::ReversedNotCharged | Verdict::Declined => String::new(),
        _ => return,
    };
    let f = Cash {
        scan,
        time: c.time,
        amount_cents: c.amount_cents,
        order: c.order_id.as_deref().unwrap_or("—").trim(),
        line: Line::of(ctx, cash),
        wallet_undo,
    };
    out.records.push(ctx.record_ref(cash));
    if main.verdict == Verdict::ChargedAndSettled {
        out.verdict = Verdict::ChargedTwice;
        let w = words!(ctx.lang(), also_in_cash(&f));
        out.title = w.title;
        out.explanation.push_str(&w.explanation);
        out.say_to_customer = w.say_to_customer;
        out.actions = w.actions;
        return;
    }
    let lang = ctx.lang();
    let w = words!(lang, paid_in_cash(&f));
    out.title.push_str(&w.title);
    out.explanation.push_str(&w.explanation);
    let scan_again = words!(lang, scan_again());
    out.say_to_customer.retain(|l| l != scan_again);
    let at = out.say_to_customer.len().min(1);
    out.say_to_customer.splice(at..at, w.say_to_customer);
    let collect_again = words!(lang, collect_again());
    out.actions.retain(|l| l != collect_again);
    out.actions.splice(0..0, w.actions);
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
    let kept = money_kept(out.verdict);
    let Some(other) = candidates
        .iter()
        .find(|a| !used.contains(&(a.terminal, a.acquirer)) && money_kept(a.verdict) != kept)
    else {
        return;
    };
    let f = AskWhich {
        time: other.time,
        card: other.card.as_deref(),
        wallet: other.wallet,
        verdict: other.verdict,
        qr: other.qr,
    };
    let w = words!(ctx.lang(), ask_which_first(&f));
    out.say_to_customer = w.say_to_customer;
    out.actions.splice(0..0, w.actions);
}

fn not_found(ctx: &Context, query: &CheckQuery, out: &mut CheckResult) {
    out.verdict = Verdict::NotFound;
    let window = Duration::minutes(query.window_minutes.max(0));
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
    let in_range = out.searched.iter().any(|s| {
        matches!(s.role, Some(Role::TerminalLog | Role::AcquirerStatement | Role::WalletBill))
            && s.coverage
                .is_some_and(|c| c.start - window <= query.time && query.time <= c.end + window)
    });
    let f = NotFound {
        query,
        searched: &out.searched,
        in_range,
        closest: nearby.first().map(|a| Payment::of(ctx, a)),
    };
    let w = words!(ctx.lang(), not_found(&f));
    set_words(out, w);
    if let Some(likely) = &likely {
        likely_words(ctx, query, likely, out);
    }
}

/// `not_found`, but `likely` was paid at that time: another wallet or card, or a few fen off.
/// The verdict stays `not_found` (the payment asked about is not there); the title, the words
/// for the customer and the first action point to `likely`, hedged.
fn likely_words(ctx: &Context, query: &CheckQuery, likely: &Attempt, out: &mut CheckResult) {
    let f = Likely { query, pay: Payment::of(ctx, likely) };
    let w = words!(ctx.lang(), likely(&f));
    out.title = w.title;
    out.explanation.push_str(&w.explanation);
    out.say_to_customer = w.say_to_customer;
    out.actions = w.actions;
}

mod facts;
mod qr;
#[cfg(test)]
mod tests;
mod text;
