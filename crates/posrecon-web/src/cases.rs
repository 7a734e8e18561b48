//! Cases that last (issue 13): every finding is a case the merchant follows until the money
//! arrives, kept in the browser (IndexedDB) and never sent anywhere.
//!
//! This module is pure (native tests): the statuses, the case book the page holds, how a new
//! analysis updates it, and the case log's file (`posrecon.cases/v1`) with its validation. The
//! browser side (IndexedDB) is `idb.rs` and `hooks/cases.rs`.
//!
//! A case is kept under its **case key** (`posrecon_engine::follow::case_key`: the
//! transaction's identifiers, never the kind), not under the finding id (`F0004` is a number in report order and
//! changes from run to run). The worker keys every finding of an analysis and says, for the keys
//! of the open cases the page sent, which no finding names any more and whether the chains show
//! their money arrived ([`CaseBook::followed`]): such a case closes itself (已到账, with the bank
//! date: "11-12 到账，已自动关闭"); one gone for another reason stays open and is marked.
//!
//! Every finding of an analysis becomes a case (未处理) the first time it is seen, so 待跟进
//! lists what is still open across runs even before the merchant touched it.
//!
//! Interface pinned for the parallel work on the findings table (filters by status,
//! `data-status` on `finding-row`): [`CaseStatus`], [`CaseStatus::as_str`] and
//! [`CaseBook::status_of`].

use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use posrecon_engine::follow::{FindingCase, Followed, Outcome, closed_by_arrival, without_kind};
use posrecon_engine::message::Note;
use posrecon_engine::report::answer::{When, when};
use posrecon_engine::report::{Finding, Kind, Report};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Where the merchant is with a case (the seed's 记录并反馈).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum CaseStatus {
    /// 未处理: nothing done yet.
    #[default]
    Open,
    /// 已联系银行/收单机构: the bank or acquirer has been asked.
    Contacted,
    /// 已退款给顾客: the shop gave the customer's money back.
    Refunded,
    /// 已到账: the money reached the account (set by the merchant, or by a later analysis).
    Arrived,
    /// 已解决: closed for another reason.
    Resolved,
}

impl CaseStatus {
    /// Every status, in the order the selector lists them.
    pub const ALL: [CaseStatus; 5] = [
        CaseStatus::Open,
        CaseStatus::Contacted,
        CaseStatus::Refunded,
        CaseStatus::Arrived,
        CaseStatus::Resolved,
    ];

    /// Stable token: the `data-status` test hook, the `<select>` value and the JSON export.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Open => "open",
            CaseStatus::Contacted => "contacted",
            CaseStatus::Refunded => "refunded",
            CaseStatus::Arrived => "arrived",
            CaseStatus::Resolved => "resolved",
        }
    }

    /// The status a token names (`None` for an unknown token).
    pub fn parse(token: &str) -> Option<CaseStatus> {
        CaseStatus::ALL.into_iter().find(|s| s.as_str() == token)
    }

    /// Whether the case still needs following (shown in 待跟进).
    pub fn is_open(self) -> bool {
        matches!(self, CaseStatus::Open | CaseStatus::Contacted | CaseStatus::Refunded)
    }
}

impl Serialize for CaseStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CaseStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let token = String::deserialize(d)?;
        CaseStatus::parse(&token)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown status '{token}'")))
    }
}

/// What a later analysis said of a case whose finding it no longer has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Fate {
    /// The money arrived on `date`: the case closed itself (已到账).
    Arrived {
        /// The bank credit's date.
        date: NaiveDate,
    },
    /// The finding is gone and the files do not show the money arriving: look at it.
    Gone {
        /// The analysis that found it gone ran on this day.
        since: NaiveDate,
    },
    /// The last analysis's files do not cover the case's day: nothing is known of it.
    NotCovered,
    /// Its transaction is now part of a finding of another kind (a timeout that turned out a
    /// double charge): not money arrived; the merchant looks at the other finding.
    Became {
        /// That finding's kind token.
        kind: String,
    },
}

/// One case: what it is about (as the finding said when last seen) and what the merchant did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Case {
    /// The case key (`posrecon_engine::follow::case_key`).
    pub key: String,
    /// The finding's kind (`charged_but_failed`, ...).
    pub kind: String,
    /// The finding's one line, in the language of the analysis that saw it last.
    pub title: String,
    /// The language of `title` (`zh`, `en`; empty in a log written before this field): the
    /// page in the other language shows the case by its kind, amount and time, not a line in
    /// a language the merchant switched away from. Not written when empty (a case moved from an
    /// older log stays as it was).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title_lang: String,
    /// Money at stake, fen.
    pub amount_cents: i64,
    /// When the transaction happened (`2026-11-09 10:05`), or its clearing date.
    #[serde(default)]
    pub when: String,
    /// 终端号, when the finding names one.
    #[serde(default)]
    pub terminal: String,
    /// Where the merchant is with it.
    pub status: CaseStatus,
    /// The merchant's note.
    #[serde(default)]
    pub note: String,
    /// First seen.
    pub opened: NaiveDate,
    /// Status or note last changed (or first seen).
    pub changed: NaiveDate,
    /// When to act: the finding's escalate-after date, as the answer's 先处理这几件 reads it
    /// (`posrecon_engine::report::answer::when`: none means act now).
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// What a later analysis said when the finding was no longer there.
    #[serde(default)]
    pub followed: Option<Fate>,
    /// When it last changed, ms since the epoch by the browser's clock (0: never changed since
    /// an analysis recorded it, or a log written before this field): of two copies of a case
    /// the later stamp wins an import, a tie keeps the local copy.
    #[serde(default)]
    pub stamp: u64,
    /// A deposit case (a bank day): the day its payout was expected.
    #[serde(default)]
    pub expected: Option<NaiveDate>,
}

impl Case {
    /// A case for a finding first seen on `today`.
    pub fn of(key: &str, finding: &Finding, today: NaiveDate, lang: &str) -> Case {
        let mut case = Case {
            key: key.to_owned(),
            kind: String::new(),
            title: String::new(),
            title_lang: String::new(),
            amount_cents: 0,
            when: String::new(),
            terminal: String::new(),
            status: CaseStatus::Open,
            note: String::new(),
            opened: today,
            changed: today,
            due: None,
            followed: None,
            stamp: 0,
            expected: None,
        };
        case.describe(finding, lang);
        case
    }

    /// Takes what the case is about from the finding as this analysis words it.
    fn describe(&mut self, finding: &Finding, lang: &str) {
        let about = About::of(finding);
        self.kind = about.kind.to_owned();
        self.title = finding.title.clone();
        self.title_lang = lang.to_owned();
        self.amount_cents = finding.amount_cents;
        self.due = finding.dates.escalate_after;
        self.when = about.when();
        self.terminal = about.terminal.to_owned();
        self.expected = about.expected;
    }

    /// Whether the case already says what `finding` says ([`Case::describe`] would change
    /// nothing). Allocates nothing: an analysis that words its findings as the last one did
    /// (the same files again, a case's status changed meanwhile) copies and rewrites no case.
    fn describes(&self, finding: &Finding, lang: &str) -> bool {
        let about = About::of(finding);
        self.kind == about.kind
            && self.title_lang == lang
            && self.amount_cents == finding.amount_cents
            && self.due == finding.dates.escalate_after
            && self.expected == about.expected
            && self.terminal == about.terminal
            && self.title == finding.title
            && about.when_is(&self.when)
    }

    /// A bank day's case (its key names clearing dates, not a sale).
    pub fn is_deposit(&self) -> bool {
        self.key.starts_with("deposit|")
    }

    /// When to act, by the answer's rule; `None` once the case is closed, once the merchant
    /// refunded the customer (still followed until the statements show the refund, but nothing
    /// is due from them: never 尽快处理 nor overdue), or before a date is known to the page.
    pub fn when(&self, today: Option<NaiveDate>) -> Option<When> {
        let due = self.status.is_open() && self.status != CaseStatus::Refunded;
        due.then_some(today?).map(|t| when(self.due, t))
    }

    /// Open and past its escalate-after date (the answer's 已逾期).
    pub fn overdue(&self, today: Option<NaiveDate>) -> bool {
        matches!(self.when(today), Some(When::Overdue { .. }))
    }

    /// Marks the case as changed now.
    fn stamped(&mut self, today: NaiveDate, stamp: u64) {
        self.changed = today;
        self.stamp = stamp;
    }

    /// Which of two copies of one case is newer: the stamp, then the date.
    fn age(&self) -> (u64, NaiveDate) {
        (self.stamp, self.changed)
    }
}

/// What a case takes from its finding besides the title, read without allocating.
struct About<'a> {
    kind: &'static str,
    /// A bank day: its clearing dates; otherwise none.
    days: Option<&'a [NaiveDate]>,
    /// The first record's time, else its first clearing date.
    time: Option<NaiveDateTime>,
    first_day: Option<NaiveDate>,
    terminal: &'a str,
    expected: Option<NaiveDate>,
}

impl<'a> About<'a> {
    fn of(finding: &'a Finding) -> About<'a> {
        let kind = finding.kind.as_str();
        let dates = &finding.dates;
        if matches!(finding.kind, Kind::MissingDeposit | Kind::DepositMismatch | Kind::LateDeposit)
        {
            // A bank day: its clearing dates and payout date, not the first sale's time.
            return About {
                kind,
                days: Some(&dates.settlement_dates),
                time: None,
                first_day: None,
                terminal: "",
                expected: dates.expected_deposit_date,
            };
        }
        let first = finding.records.first();
        About {
            kind,
            days: None,
            time: first.and_then(|r| r.time),
            first_day: dates.settlement_dates.first().copied(),
            terminal: first.and_then(|r| r.terminal_id.as_deref()).unwrap_or_default(),
            expected: None,
        }
    }

    /// [`Case::when`]'s text: `2026-11-09 10:05`, a clearing date, or a bank day's dates
    /// joined by `、`.
    fn when(&self) -> String {
        let mut text = String::new();
        self.write_when(&mut text);
        text
    }

    /// Whether `text` is [`About::when`], compared piece by piece as it would be written.
    fn when_is(&self, text: &str) -> bool {
        let mut buf = String::with_capacity(text.len());
        self.write_when(&mut buf);
        buf == text
    }

    fn write_when(&self, out: &mut String) {
        match (self.days, self.time, self.first_day) {
            (Some(days), _, _) => {
                for (k, day) in days.iter().enumerate() {
                    if k > 0 {
                        out.push('、');
                    }
                    write_day(out, *day);
                }
            }
            (None, Some(time), _) => write_minute(out, time),
            (None, None, Some(day)) => write_day(out, day),
            (None, None, None) => {}
        }
    }
}

/// `2026-11-09`, as chrono's `Display` writes a date of the years 0 to 9999, without the
/// formatting machinery (once per case and analysis: 6,729 cases at 1M attempts).
fn write_day(out: &mut String, day: NaiveDate) {
    let (year, month, date) = (day.year(), day.month(), day.day());
    if !(0..=9999).contains(&year) {
        out.push_str(&day.to_string());
        return;
    }
    let year = year as u32;
    push_digits(out, year / 100);
    push_digits(out, year % 100);
    out.push('-');
    push_digits(out, month);
    out.push('-');
    push_digits(out, date);
}

/// `2026-11-09 10:05` (chrono's `%Y-%m-%d %H:%M`).
fn write_minute(out: &mut String, time: NaiveDateTime) {
    write_day(out, time.date());
    out.push(' ');
    push_digits(out, time.hour());
    out.push(':');
    push_digits(out, time.minute());
}

/// Two digits, `0` to `99`.
fn push_digits(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Whether an analysis rests on a guessed reading: a file whose mapping left most rows pending
/// or rejected. Its findings are not recorded as cases and the earlier cases are not followed
/// from it (a wrong mapping made 52 false 掉单 and closed 20 cases "arrived" in a tester's log).
/// A file whose role waits to be chosen counts too; the reducer asks `AppState::awaiting_role`,
/// which knows the merchant's choices.
pub fn rests_on_guess(report: &Report) -> bool {
    report.inputs.iter().any(|input| {
        input.warnings.iter().any(|w| {
            matches!(w.note, Note::MappingMostlyUnknown { .. } | Note::MappingMostlyRejected { .. })
        })
    })
}

/// Schema of the case log file (export, import, and what IndexedDB holds).
pub const CASES_SCHEMA: &str = "posrecon.cases/v1";

/// The case log file's name.
pub const CASES_FILE_NAME: &str = "posrecon-案件记录.json";

/// The case log as a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseLog {
    /// Always [`CASES_SCHEMA`].
    pub schema: String,
    /// Every case, by key order.
    pub cases: Vec<Case>,
}

/// Why an imported case log was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Not JSON, or not the case log's shape (the parser's words).
    Unreadable(String),
    /// Another schema or version (`posrecon.templates/v1`, `posrecon.cases/v9`).
    WrongSchema(String),
    /// A case without a key.
    EmptyKey,
}

/// [`CaseLog`] as it is written: the cases borrowed, not copied (6,729 at 1M attempts, written
/// back on every change).
#[derive(Serialize)]
struct CaseLogOut<'a> {
    schema: &'a str,
    cases: Vec<&'a Case>,
}

impl<'a> CaseLogOut<'a> {
    fn of(book: &'a CaseBook) -> Self {
        CaseLogOut { schema: CASES_SCHEMA, cases: book.cases.values().collect() }
    }
}

/// The case log as the file holds it.
pub fn log_json(book: &CaseBook) -> String {
    serde_json::to_string_pretty(&CaseLogOut::of(book)).unwrap_or_else(|_| "{}".to_owned())
}

/// The case log as IndexedDB keeps it: [`log_json`] without the indentation (written on every
/// change, so the smaller the better).
pub fn log_json_compact(book: &CaseBook) -> String {
    serde_json::to_string(&CaseLogOut::of(book)).unwrap_or_else(|_| "{}".to_owned())
}

/// How many records IndexedDB keeps the case log in ([`chunk_of`]): a change writes again only
/// the records of the cases it changed. At 1M attempts (6,729 cases, 3 MB of JSON) the whole log
/// written on every change was a task of 60 to 124 ms; a record is about a 32nd of it.
pub const CHUNKS: usize = 32;

/// Which of the log's [`CHUNKS`] records keeps the case `key` (FNV-1a of the key: the same
/// record in every session and every build).
pub fn chunk_of(key: &str) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in key.bytes() {
        hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }
    hash as usize % CHUNKS
}

/// Every case of `book`, by the record that keeps it ([`chunk_of`]), each record's cases in key
/// order.
pub fn by_chunk(book: &CaseBook) -> Vec<Vec<&Case>> {
    let mut chunks = vec![Vec::new(); CHUNKS];
    for case in book.cases.values() {
        chunks[chunk_of(&case.key)].push(case);
    }
    chunks
}

/// One record of the log as IndexedDB keeps it: a compact case log (`posrecon.cases/v1`) of
/// some of the cases, which [`parse_log`] reads like the whole log.
pub fn chunk_json(cases: &[&Case]) -> String {
    let log = CaseLogOut { schema: CASES_SCHEMA, cases: cases.to_vec() };
    serde_json::to_string(&log).unwrap_or_else(|_| "{}".to_owned())
}

/// The records to write again: those whose cases changed since `written` (a copy of
/// [`CaseBook::chunk_changes`] as last written), or all of them when the browser still holds
/// the log of the first layout (`legacy`), which is then deleted.
pub fn changed_chunks(book: &CaseBook, written: &[u64; CHUNKS], legacy: bool) -> Vec<usize> {
    (0..CHUNKS).filter(|&c| legacy || book.chunk_changes[c] != written[c]).collect()
}

/// The cases of the log as the browser keeps it: its records' texts, then the log of the first
/// layout if it is still there (a record the page cannot read is skipped, not the whole log).
/// Of two copies of a case the later changed wins, as [`CaseBook::loaded`] merges them.
pub fn stored_log(chunks: &[String], legacy: Option<&str>) -> Vec<Case> {
    chunks
        .iter()
        .map(String::as_str)
        .chain(legacy)
        .flat_map(|text| parse_log(text).unwrap_or_default())
        .collect()
}

/// Reads and checks a case log file.
pub fn parse_log(text: &str) -> Result<Vec<Case>, ImportError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ImportError::Unreadable(e.to_string()))?;
    let schema = value.get("schema").and_then(|s| s.as_str()).unwrap_or_default();
    if schema != CASES_SCHEMA {
        return Err(ImportError::WrongSchema(schema.to_owned()));
    }
    let log: CaseLog =
        serde_json::from_value(value).map_err(|e| ImportError::Unreadable(e.to_string()))?;
    if log.cases.iter().any(|c| c.key.trim().is_empty()) {
        return Err(ImportError::EmptyKey);
    }
    // Keys of the first version carried the finding's kind: one case per transaction now.
    let cases = log.cases.into_iter().map(|c| Case { key: without_kind(&c.key), ..c });
    Ok(cases.collect())
}

/// The moment of a change, as the browser gives it (passed into the reducer as data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// Today in the browser's local time.
    pub today: NaiveDate,
    /// Ms since the epoch ([`Case::stamp`]).
    pub stamp: u64,
}

/// What an analysis said of an open case its findings no longer name.
/// The kind a case's (or a fate's) kind token names, if the engine still has that kind.
pub fn kind_of(token: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| k.as_str() == token)
}

fn follow_one(case: &mut Case, outcome: Outcome, now: Now) {
    // The sale's money seen paid ends only a case about money the shop had not received; a
    // double charge or a card charged for a failed attempt whose sale was paid is not solved
    // by it (the tester's double charge closed as 到账): no finding names it, so it is gone.
    let outcome = match outcome {
        Outcome::Arrived { .. } if !kind_of(&case.kind).is_some_and(closed_by_arrival) => {
            Outcome::Gone
        }
        outcome => outcome,
    };
    match outcome {
        Outcome::Arrived { date } => {
            case.status = CaseStatus::Arrived;
            case.followed = Some(Fate::Arrived { date });
            case.stamped(now.today, now.stamp);
        }
        Outcome::Gone => {
            if !matches!(case.followed, Some(Fate::Gone { .. })) {
                case.followed = Some(Fate::Gone { since: now.today });
            }
        }
        // Another week's files: say so, but keep what a covering analysis found.
        Outcome::NotCovered => {
            if !matches!(case.followed, Some(Fate::Gone { .. })) {
                case.followed = Some(Fate::NotCovered);
            }
        }
        Outcome::Became { kind } => {
            case.followed = Some(Fate::Became { kind: kind.as_str().to_owned() });
        }
    }
}

/// The cases the page knows.
///
/// Cloned with the state on every action and compared on every render (the context of the case
/// editors, the findings table's and 待跟进's props), so both must cost nothing at any size: the
/// maps are shared, changed only through `Rc::make_mut` (a copy while another state still holds
/// them) or replaced, and components ask [`CaseBook::same`], which compares the maps by
/// pointer, never by walking them. At 1M attempts (6,729 cases) the derived comparison was a
/// quarter of a 190 ms task after every language switch; it stays for the tests.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseBook {
    /// Every case, by key (shared: the state is cloned on every action).
    pub cases: Rc<BTreeMap<String, Case>>,
    /// The current report's finding ids and their case keys.
    pub keys: Rc<BTreeMap<String, String>>,
    /// The log kept in the browser has been read (nothing is written back before).
    pub loaded: bool,
    /// Counts changes to `cases`: the hook writes the log back when it moves.
    pub changes: u64,
    /// Counts the changes to the cases of each of the log's records ([`chunk_of`]): the hook
    /// writes again the records whose count moved since it last wrote them. Cases the browser's
    /// own log gave ([`CaseBook::loaded`]) are kept there already and count no change.
    pub chunk_changes: [u64; CHUNKS],
    /// Today, as the page last said.
    pub today: Option<NaiveDate>,
    /// The last import's outcome: the number of cases taken, or why none.
    pub import: Option<Result<usize, ImportError>>,
    /// 清空记录 was pressed once: the confirm step shows.
    pub confirm_clear: bool,
    /// The last analysis rested on a guess ([`rests_on_guess`]): the log was not updated.
    pub unsure: bool,
}

impl CaseBook {
    /// The status of a current finding's case ([`CaseStatus::Open`] when it has none).
    pub fn status_of(&self, finding_id: &str) -> CaseStatus {
        self.case_of(finding_id).map(|c| c.status).unwrap_or_default()
    }

    /// The case of a current finding.
    pub fn case_of(&self, finding_id: &str) -> Option<&Case> {
        self.keys.get(finding_id).and_then(|key| self.cases.get(key))
    }

    /// Keys of the open cases, sent with every analysis.
    pub fn open_keys(&self) -> Vec<String> {
        self.cases.values().filter(|c| c.status.is_open()).map(|c| c.key.clone()).collect()
    }

    /// The open cases, for 待跟进, in the answer's order: the most overdue first, then those
    /// to act on now (no date to wait for), due today, later; then by due date, then by key.
    pub fn open_cases(&self) -> Vec<&Case> {
        let rank = |c: &Case| match c.when(self.today) {
            Some(When::Overdue { days }) => (0, -days),
            Some(When::Now) => (1, 0),
            Some(When::Due) => (2, 0),
            Some(When::Later) => (3, 0),
            None => (4, 0),
        };
        // Each case ranked once, not at every comparison (6,729 open cases at 1M attempts).
        let mut open: Vec<((i32, i64), Option<NaiveDate>, &Case)> = self
            .cases
            .values()
            .filter(|c| c.status.is_open())
            .map(|c| (rank(c), c.due, c))
            .collect();
        open.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then_with(|| a.2.key.cmp(&b.2.key)));
        open.into_iter().map(|(_, _, c)| c).collect()
    }

    /// The cases that closed themselves, newest arrival first.
    pub fn auto_closed(&self) -> Vec<&Case> {
        let mut closed: Vec<&Case> = self
            .cases
            .values()
            .filter(|c| {
                c.status == CaseStatus::Arrived && matches!(c.followed, Some(Fate::Arrived { .. }))
            })
            .collect();
        closed.sort_by_key(|c| std::cmp::Reverse(c.changed));
        closed
    }

    /// The log read from the browser: its cases are taken, those this session already holds
    /// (an analysis that finished first) kept where they changed later.
    pub fn loaded(&mut self, stored: Vec<Case>, today: NaiveDate) {
        self.today = Some(today);
        self.loaded = true;
        self.merge(stored, true, true);
    }

    /// Takes cases (from the browser or an import); of two with one key, the later changed
    /// ([`Case::age`]) wins; on a tie, the incoming one only when `ties` (the browser's own
    /// log, read after an analysis of this session recorded cases). Counts the cases taken;
    /// those not `from_log` (the browser's, which holds them already) count as changed records.
    fn merge(&mut self, cases: Vec<Case>, ties: bool, from_log: bool) -> usize {
        let mut taken = 0;
        for case in cases {
            let newer = self
                .cases
                .get(&case.key)
                .is_none_or(|mine| case.age() > mine.age() || (ties && case.age() == mine.age()));
            if newer {
                if !from_log {
                    self.chunk_changes[chunk_of(&case.key)] += 1;
                }
                Rc::make_mut(&mut self.cases).insert(case.key.clone(), case);
                taken += 1;
            }
        }
        self.touched();
        taken
    }

    /// An analysis finished: record its findings as cases and follow the earlier open ones;
    /// when it `unsure`ly rests on a guess ([`rests_on_guess`]), only key its findings (the
    /// cases already kept show in them) and change no case.
    ///
    /// What did not change is left as it is: when every case already says what its finding
    /// says (the same report arriving again) the cases are not copied, described nor counted
    /// as changed (so the log is not written again), and the keys stay the same map when they
    /// are the same; otherwise only the cases whose finding reads differently are described.
    pub fn followed(&mut self, report: &Report, followed: &Followed, now: Now, unsure: bool) {
        self.followed_with(report, followed, now, unsure, Vec::new());
    }

    /// [`CaseBook::followed`], with cases `made` beforehand ([`Case::of`] for
    /// `followed.findings[i]` at index `i`, on `now.today`; none for a finding not in `report`): a finding first seen takes its
    /// case from there instead of making it now. The page makes them in slices, a task each,
    /// before this runs (at 1M attempts a month first seen is 6,729 cases: a third of the
    /// follow-up's task); a made case of another key or day is not taken.
    pub fn followed_with(
        &mut self,
        report: &Report,
        followed: &Followed,
        now: Now,
        unsure: bool,
        mut made: Vec<Option<Case>>,
    ) {
        let Now { today, stamp } = now;
        let lang = report.lang.as_str();
        self.today = Some(today);
        self.unsure = unsure;
        let findings: BTreeMap<&str, &Finding> =
            report.findings.iter().map(|f| (f.id.as_str(), f)).collect();
        let keyed: Vec<(usize, &FindingCase, &Finding)> = followed
            .findings
            .iter()
            .enumerate()
            .filter_map(|(i, fc)| findings.get(fc.finding_id.as_str()).map(|f| (i, fc, *f)))
            .collect();
        let keys: BTreeMap<String, String> =
            keyed.iter().map(|(_, fc, _)| (fc.finding_id.clone(), fc.key.clone())).collect();
        let keys_changed = keys != *self.keys;
        if keys_changed {
            self.keys = Rc::new(keys);
        }
        let changes = !unsure
            && (keyed.iter().any(|(_, fc, finding)| self.would_change(fc, finding, lang))
                || followed
                    .earlier
                    .iter()
                    .any(|e| self.cases.get(&e.key).is_some_and(|c| c.status.is_open())));
        if changes {
            let cases = Rc::make_mut(&mut self.cases);
            let chunk_changes = &mut self.chunk_changes;
            for (i, fc, finding) in keyed {
                let mut changed = false;
                let case = cases.entry(fc.key.clone()).or_insert_with(|| {
                    changed = true;
                    match made.get_mut(i).and_then(Option::take) {
                        Some(case) if case.key == fc.key && case.opened == today => case,
                        _ => Case::of(&fc.key, finding, today, lang),
                    }
                });
                if !case.describes(finding, lang) {
                    case.describe(finding, lang);
                    changed = true;
                }
                // Back in the files: no longer gone. A case closed because its money arrived
                // stays closed with its date (older files shown again do not undo what newer
                // ones proved).
                if case.followed.is_some() && !matches!(case.followed, Some(Fate::Arrived { .. })) {
                    case.followed = None;
                    changed = true;
                }
                // A late deposit: the money came, the case is done (and never overdue).
                if let Some(date) = fc.arrived
                    && case.status.is_open()
                {
                    case.status = CaseStatus::Arrived;
                    case.followed = Some(Fate::Arrived { date });
                    case.stamped(today, stamp);
                    changed = true;
                }
                if changed {
                    chunk_changes[chunk_of(&fc.key)] += 1;
                }
            }
            for earlier in &followed.earlier {
                let Some(case) = cases.get_mut(&earlier.key) else { continue };
                if case.status.is_open() {
                    follow_one(case, earlier.outcome, now);
                    chunk_changes[chunk_of(&earlier.key)] += 1;
                }
            }
        }
        if changes {
            self.touched();
        }
    }

    /// Whether recording finding `fc` would change its case (see [`CaseBook::followed`]).
    fn would_change(&self, fc: &FindingCase, finding: &Finding, lang: &str) -> bool {
        let Some(case) = self.cases.get(&fc.key) else { return true };
        !case.describes(finding, lang)
            || matches!(
                case.followed,
                Some(Fate::Gone { .. } | Fate::NotCovered | Fate::Became { .. })
            )
            || (fc.arrived.is_some() && case.status.is_open())
    }

    /// The merchant set a case's status.
    pub fn set_status(&mut self, key: &str, status: CaseStatus, now: Now) {
        if let Some(case) = Rc::make_mut(&mut self.cases).get_mut(key)
            && case.status != status
        {
            case.status = status;
            case.stamped(now.today, now.stamp);
            self.chunk_changes[chunk_of(key)] += 1;
            self.touched();
        }
    }

    /// The merchant wrote a case's note.
    pub fn set_note(&mut self, key: &str, note: &str, now: Now) {
        if let Some(case) = Rc::make_mut(&mut self.cases).get_mut(key)
            && case.note != note
        {
            case.note = note.to_owned();
            case.stamped(now.today, now.stamp);
            self.chunk_changes[chunk_of(key)] += 1;
            self.touched();
        }
    }

    /// An imported log: taken (counting only the cases newer than the local copies), or
    /// refused with its reason.
    pub fn import(&mut self, parsed: Result<Vec<Case>, ImportError>) {
        self.import = Some(parsed.map(|cases| self.merge(cases, false, false)));
    }

    /// 清空记录, confirmed: every case is forgotten (the current findings stay keyed, and are
    /// recorded again by the next analysis).
    pub fn clear(&mut self) {
        for key in self.cases.keys() {
            self.chunk_changes[chunk_of(key)] += 1;
        }
        self.cases = Rc::default();
        self.confirm_clear = false;
        self.import = None;
        self.touched();
    }

    /// Counts a change.
    fn touched(&mut self) {
        self.changes += 1;
    }

    /// Whether a component's book changed, by identity: the same maps (a map that changed is a
    /// new allocation, see the type's doc) and the same small fields. Never walks the cases.
    pub fn same(&self, other: &CaseBook) -> bool {
        Rc::ptr_eq(&self.cases, &other.cases)
            && Rc::ptr_eq(&self.keys, &other.keys)
            && self.loaded == other.loaded
            && self.changes == other.changes
            && self.today == other.today
            && self.import == other.import
            && self.confirm_clear == other.confirm_clear
            && self.unsure == other.unsure
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use posrecon_engine::follow::{Earlier, FindingCase};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    /// A change on day `d` of November, the browser's clock at noon that day.
    fn at(d: u32) -> Now {
        let noon = day(d).and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp_millis();
        Now { today: day(d), stamp: noon as u64 }
    }

    fn demo_report() -> Report {
        let json = include_str!("../../../tests/golden/demo-week/expected.json");
        serde_json::from_str(json).expect("the demo week's report")
    }

    /// The demo's findings keyed as the engine keys them.
    fn keyed(report: &Report) -> Followed {
        let findings = report
            .findings
            .iter()
            .map(|f| FindingCase {
                finding_id: f.id.clone(),
                key: posrecon_engine::follow::case_key(f),
                arrived: None,
            })
            .collect();
        Followed { findings, earlier: Vec::new() }
    }

    fn missing_deposit_key(book: &CaseBook) -> String {
        let case = book.cases.values().find(|c| c.kind == "missing_deposit").expect("the case");
        case.key.clone()
    }

    #[test]
    fn the_same_report_again_copies_and_describes_no_case_and_another_wording_does() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), at(18), false);
        let first = book.clone();
        assert!(book.same(&first));
        book.followed(&report, &keyed(&report), at(18), false);
        assert!(Rc::ptr_eq(&book.cases, &first.cases), "no case copied");
        assert!(Rc::ptr_eq(&book.keys, &first.keys), "the same keys kept");
        assert_eq!(book.changes, first.changes, "nothing to write back");
        assert!(book.same(&first), "components see no change");

        // Another wording (the language switch): the titles change, the rest stays.
        let mut reworded = report.clone();
        for finding in &mut reworded.findings {
            finding.title = format!("reworded {}", finding.title);
        }
        book.followed(&reworded, &keyed(&reworded), at(18), false);
        assert!(!book.same(&first));
        assert_eq!(book.changes, first.changes + 1);
        let id = &report.findings[0].id;
        assert!(book.case_of(id).unwrap().title.starts_with("reworded "));
        assert_eq!(book.case_of(id).unwrap().title_lang, report.lang, "its language kept");
        assert_eq!(book.case_of(id).unwrap().when, first.case_of(id).unwrap().when);
        assert!(Rc::ptr_eq(&book.keys, &first.keys));

        // A status set: a new book for the components, the rest of it untouched.
        let before = book.clone();
        let key = book.keys[id].clone();
        book.set_status(&key, CaseStatus::Contacted, at(19));
        assert!(!book.same(&before));
        assert_eq!(before.status_of(id), CaseStatus::Open, "the earlier state keeps its copy");
        assert_eq!(book.status_of(id), CaseStatus::Contacted);
    }

    #[test]
    fn the_log_is_written_as_a_case_log_of_every_case() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), at(18), false);
        let log = CaseLog {
            schema: CASES_SCHEMA.to_owned(),
            cases: book.cases.values().cloned().collect(),
        };
        assert_eq!(log_json_compact(&book), serde_json::to_string(&log).unwrap());
        assert_eq!(log_json(&book), serde_json::to_string_pretty(&log).unwrap());
    }

    #[test]
    fn a_cases_time_reads_as_chrono_writes_it() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), at(18), false);
        let mut seen = 0;
        for finding in &report.findings {
            let case = book.case_of(&finding.id).unwrap();
            let first = finding.records.first();
            let days = &finding.dates.settlement_dates;
            let expected = if case.is_deposit() {
                days.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("、")
            } else {
                first
                    .and_then(|r| r.time)
                    .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                    .or_else(|| days.first().map(|d| d.to_string()))
                    .unwrap_or_default()
            };
            assert_eq!(case.when, expected, "{}", finding.id);
            seen += usize::from(!expected.is_empty());
        }
        assert!(seen > 5, "the demo's findings have times and days");
        for (y, m, d, h, min) in [(2026, 1, 2, 3, 4), (999, 12, 31, 23, 59), (10_000, 1, 1, 0, 0)] {
            let t = NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 7).unwrap();
            let mut text = String::new();
            write_minute(&mut text, t);
            assert_eq!(text, t.format("%Y-%m-%d %H:%M").to_string());
        }
    }

    #[test]
    fn tokens_round_trip_and_untouched_cases_are_open() {
        for s in CaseStatus::ALL {
            assert_eq!(CaseStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(CaseStatus::parse("done"), None);
        let book = CaseBook::default();
        assert_eq!(book.status_of("F0001"), CaseStatus::Open);
        assert!(CaseStatus::Contacted.is_open());
        assert!(!CaseStatus::Arrived.is_open());
    }

    #[test]
    fn every_finding_becomes_an_open_case_with_its_due_date_and_marks_keep_across_runs() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), at(18), false);
        assert_eq!(book.cases.len(), report.findings.len());
        assert_eq!(book.open_keys().len(), report.findings.len());
        let key = missing_deposit_key(&book);
        let id = book.keys.iter().find(|(_, k)| **k == key).unwrap().0.clone();
        assert_eq!(book.cases[&key].due, Some(day(17)), "escalate after 11-17");
        assert!(book.cases[&key].overdue(book.today), "due 11-17, today 11-18");
        let overdue: Vec<bool> = book.open_cases().iter().map(|c| c.overdue(book.today)).collect();
        assert!(overdue.is_sorted_by(|a, b| a >= b), "overdue cases first: {overdue:?}");
        let due: Vec<_> = book.open_cases().iter().map(|c| c.due).collect();
        assert!(due[..overdue.iter().filter(|o| **o).count()].is_sorted(), "then by due date");

        book.set_status(&key, CaseStatus::Contacted, at(18));
        book.set_note(&key, "已打客服电话", at(18));
        assert_eq!(book.status_of(&id), CaseStatus::Contacted);
        // Next week: the same finding under another id is the same case, status and note kept.
        let mut next = report.clone();
        for (n, f) in next.findings.iter_mut().enumerate() {
            f.id = format!("F{:04}", 100 + n);
        }
        book.followed(&next, &keyed(&next), at(25), false);
        let case = book.cases_by_kind("missing_deposit");
        assert_eq!((case.status, case.note.as_str()), (CaseStatus::Contacted, "已打客服电话"));
        assert_eq!(book.cases.len(), report.findings.len(), "no case twice");
        let new_id = book.keys.iter().find(|(_, k)| **k == key).unwrap().0;
        assert_eq!(book.status_of(new_id), CaseStatus::Contacted);
    }

    #[test]
    fn a_case_whose_money_arrived_closes_itself_and_one_gone_otherwise_is_marked() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), at(18), false);
        let key = missing_deposit_key(&book);
        book.set_status(&key, CaseStatus::Contacted, at(18));
        let other = book.keys.values().find(|k| **k != key).unwrap().clone();

        let mut later = report.clone();
        later.findings.clear();
        let followed = Followed {
            findings: Vec::new(),
            earlier: vec![
                Earlier { key: key.clone(), outcome: Outcome::Arrived { date: day(12) } },
                Earlier { key: other.clone(), outcome: Outcome::Gone },
            ],
        };
        book.followed(&later, &followed, at(25), false);
        let closed = &book.cases[&key];
        assert_eq!(closed.status, CaseStatus::Arrived);
        assert_eq!(closed.followed, Some(Fate::Arrived { date: day(12) }));
        assert_eq!(book.auto_closed()[0].key, key);
        assert!(!book.open_keys().contains(&key), "closed: no longer followed");
        let gone = &book.cases[&other];
        assert!(gone.status.is_open(), "gone for another reason: still open");
        assert_eq!(gone.followed, Some(Fate::Gone { since: day(25) }));

        // The old files analysed again: the closed case stays closed with its date, and the
        // case that was gone is no longer marked.
        book.followed(&report, &keyed(&report), at(26), false);
        assert_eq!(book.cases[&key].status, CaseStatus::Arrived);
        assert_eq!(book.cases[&key].followed, Some(Fate::Arrived { date: day(12) }));
        assert_eq!(book.cases[&other].followed, None);
    }

    #[test]
    fn a_paid_sale_closes_no_case_about_money_owed_back() {
        // A double charge, a card charged for a failed attempt, a 长款: next week's files no
        // longer name them and show their sale paid. That is no answer to the customer charged
        // twice: the cases stay open, marked gone, never 到账.
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), at(18), false);
        let kinds =
            ["duplicate_charge", "charged_but_failed", "unexpected_settlement", "pending_outcome"];
        let keys: Vec<String> = kinds.iter().map(|k| book.cases_by_kind(k).key.clone()).collect();
        let mut later = report.clone();
        later.findings.clear();
        let arrived = |key: &String| Earlier {
            key: key.clone(),
            outcome: Outcome::Arrived { date: day(24) },
        };
        let shop = missing_deposit_key(&book);
        let mut earlier: Vec<Earlier> = keys.iter().map(arrived).collect();
        earlier.push(arrived(&shop));
        book.followed(&later, &Followed { findings: Vec::new(), earlier }, at(25), false);
        for (kind, key) in kinds.iter().zip(&keys) {
            let case = &book.cases[key];
            assert!(case.status.is_open(), "{kind}: still open");
            assert_eq!(case.followed, Some(Fate::Gone { since: day(25) }), "{kind}");
        }
        assert_eq!(book.cases[&shop].status, CaseStatus::Arrived, "money owed to the shop came");
        assert_eq!(book.auto_closed().len(), 1);
        // Every kind is decided one way or the other, and a case of an unknown kind (a log
        // from another version) is never closed by a payout.
        assert!(Kind::ALL.iter().filter(|k| closed_by_arrival(**k)).count() == 5);
        let mut odd = book.cases[&keys[0]].clone();
        odd.kind = "something_new".into();
        follow_one(&mut odd, Outcome::Arrived { date: day(26) }, at(26));
        assert!(odd.status.is_open());
    }

    #[test]
    fn a_refunded_case_is_still_followed_but_nothing_is_due() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), at(18), false);
        let key = book.cases_by_kind("duplicate_charge").key.clone();
        assert!(book.cases[&key].when(book.today).is_some());
        book.set_status(&key, CaseStatus::Refunded, at(30));
        let case = &book.cases[&key];
        assert!(book.open_keys().contains(&key), "followed until the refund shows");
        assert_eq!(case.when(book.today), None, "never 尽快处理");
        assert!(!case.overdue(Some(day(30))));
        assert_eq!(book.open_cases().last().map(|c| &c.key), Some(&key), "ranked last");
    }

    #[test]
    fn a_case_knows_the_language_of_its_title() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), at(18), false);
        let id = report.findings[0].id.clone();
        assert_eq!(book.case_of(&id).unwrap().title_lang, "zh");
        // The same findings worded in English: the titles and their language change together.
        let mut en = report.clone();
        en.lang = "en".into();
        for f in &mut en.findings {
            f.title = format!("in English {}", f.id);
        }
        book.followed(&en, &keyed(&en), at(18), false);
        let case = book.case_of(&id).unwrap();
        assert_eq!((case.title_lang.as_str(), case.title.starts_with("in English")), ("en", true));
        // A log written before the field reads as "not said" (shown in either language).
        let json = log_json(&book).replace("\"title_lang\": \"en\",", "");
        let old = parse_log(&json).expect("an older log still reads");
        assert!(old.iter().all(|c| c.title_lang.is_empty()));
    }

    #[test]
    fn the_log_exports_and_imports_and_a_wrong_file_is_refused_with_its_reason() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), at(18), false);
        let key = missing_deposit_key(&book);
        book.set_note(&key, "问过了", at(19));
        let json = log_json(&book);
        let mut other = CaseBook::default();
        other.import(parse_log(&json));
        assert_eq!(other.import, Some(Ok(report.findings.len())));
        assert_eq!(other.cases, book.cases);

        assert!(matches!(parse_log("{"), Err(ImportError::Unreadable(_))));
        let templates = r#"{"schema": "posrecon.templates/v1", "templates": []}"#;
        assert_eq!(
            parse_log(templates),
            Err(ImportError::WrongSchema("posrecon.templates/v1".into()))
        );
        let bad_status = json.replace("\"open\"", "\"done\"");
        assert!(
            matches!(parse_log(&bad_status), Err(ImportError::Unreadable(m)) if m.contains("done"))
        );
        let no_key = format!(
            "{{\"schema\": \"{CASES_SCHEMA}\", \"cases\": [{}]}}",
            serde_json::to_string(&Case { key: " ".into(), ..book.cases[&key].clone() }).unwrap()
        );
        assert_eq!(parse_log(&no_key), Err(ImportError::EmptyKey));

        // An older copy does not undo a later change.
        let mut newer = book.clone();
        newer.set_note(&key, "已到账", at(20));
        newer.import(parse_log(&json));
        assert_eq!(newer.cases[&key].note, "已到账");
        newer.clear();
        assert!(newer.cases.is_empty() && newer.open_keys().is_empty());
    }

    #[test]
    fn an_analysis_resting_on_a_guess_records_and_follows_no_case() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), at(18), false);
        let key = missing_deposit_key(&book);
        book.set_status(&key, CaseStatus::Contacted, at(18));
        let before = book.cases.clone();

        // A mapping that left every row 结果待定: its findings are guesses.
        let mut guessed = report.clone();
        guessed.inputs[0].warnings.push(posrecon_engine::accounting::RowNote::new(
            0,
            Note::MappingMostlyUnknown { unknown: 10, rows: 10 },
        ));
        assert!(rests_on_guess(&guessed) && !rests_on_guess(&report));
        let mut fresh = guessed.clone();
        fresh.findings.iter_mut().for_each(|f| f.amount_cents += 1);
        let mut followed = keyed(&fresh);
        for f in &mut followed.findings {
            f.key = format!("sale|guess|{}", f.key);
        }
        followed.earlier =
            vec![Earlier { key: key.clone(), outcome: Outcome::Arrived { date: day(24) } }];
        book.followed(&fresh, &followed, at(25), true);
        assert_eq!(book.cases, before, "no case recorded, followed or closed");
        assert!(book.unsure, "待跟进 says the log was not updated");
        book.followed(&report, &keyed(&report), at(26), false);
        assert!(!book.unsure);
    }

    #[test]
    fn a_late_deposit_closes_its_case_as_arrived_and_is_never_overdue() {
        let report = demo_report();
        let mut followed = keyed(&report);
        let late = report.findings.iter().find(|f| f.kind == Kind::LateDeposit).unwrap();
        let fc = followed.findings.iter_mut().find(|c| c.finding_id == late.id).unwrap();
        fc.arrived = Some(day(12));
        let key = fc.key.clone();
        let mut book = CaseBook::default();
        book.followed(&report, &followed, at(25), false);
        let case = &book.cases[&key];
        assert_eq!(
            (case.status, &case.followed),
            (CaseStatus::Arrived, &Some(Fate::Arrived { date: day(12) }))
        );
        assert!(!case.overdue(book.today) && !book.open_keys().contains(&key));
        assert_eq!(book.auto_closed()[0].key, key);
        // A deposit case names its clearing date and payout date, not a sale's terminal.
        assert!(case.is_deposit());
        assert_eq!((case.when.as_str(), case.terminal.as_str()), ("2026-11-09", ""));
        assert_eq!(case.expected, Some(day(10)));
    }

    #[test]
    fn due_and_overdue_follow_the_answers_rule() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), at(25), false);
        for f in &report.findings {
            let case = book.case_of(&f.id).unwrap();
            let answer = when(f.dates.escalate_after, day(25));
            assert_eq!(case.when(book.today), Some(answer), "{}", f.id);
            assert_eq!(case.overdue(book.today), matches!(answer, When::Overdue { .. }));
        }
        let now = report.findings.iter().find(|f| f.dates.escalate_after.is_none());
        let now = now.expect("a finding to act on now");
        let case = book.case_of(&now.id).unwrap();
        assert!(!case.overdue(book.today), "act now is not overdue by another date");
    }

    #[test]
    fn an_import_does_not_undo_a_later_change_the_same_day_and_counts_only_what_it_took() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), at(18), false);
        let key = missing_deposit_key(&book);
        book.set_note(&key, "上午：打了电话", at(19));
        let morning = log_json(&book);
        let later = Now { today: day(19), stamp: at(19).stamp + 3_600_000 };
        book.set_status(&key, CaseStatus::Contacted, later);
        book.import(parse_log(&morning));
        assert_eq!(book.cases[&key].status, CaseStatus::Contacted, "the later change stays");
        assert_eq!(book.import, Some(Ok(0)), "nothing was newer");
        // An exact tie keeps the local copy too.
        let same = log_json(&book).replace("上午：打了电话", "另一台电脑的备注");
        book.import(parse_log(&same));
        assert_eq!(book.import, Some(Ok(0)));
        assert_eq!(book.cases[&key].note, "上午：打了电话");
    }

    #[test]
    fn a_log_of_the_first_version_is_read_with_keys_without_the_kind() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), at(18), false);
        let key = missing_deposit_key(&book);
        book.set_note(&key, "旧记录", at(18));
        let old = log_json(&book)
            .replace("\"deposit|2026-11-11\"", "\"deposit|missing_deposit|2026-11-11|118747\"");
        assert!(old.contains("deposit|missing_deposit|"));
        let cases = parse_log(&old).unwrap();
        let case = cases.iter().find(|c| c.key == key).expect("the key without its kind");
        assert_eq!(case.note, "旧记录");
    }

    /// The browser's store as the hook writes it: the records that changed since the last
    /// write, in one go, the first layout's record deleted with a legacy write.
    #[derive(Default)]
    struct Store {
        records: BTreeMap<String, String>,
        legacy: Option<String>,
        written: [u64; CHUNKS],
        writes: usize,
    }

    impl Store {
        fn write(&mut self, book: &CaseBook) {
            let chunks = by_chunk(book);
            for c in changed_chunks(book, &self.written, self.legacy.is_some()) {
                self.writes += 1;
                let key = format!("cases.v2/{c:02}");
                if chunks[c].is_empty() {
                    self.records.remove(&key);
                } else {
                    self.records.insert(key, chunk_json(&chunks[c]));
                }
            }
            self.legacy = None;
            self.written = book.chunk_changes;
        }

        /// A reload: the book the page starts with.
        fn read(&self) -> CaseBook {
            let texts: Vec<String> = self.records.values().cloned().collect();
            let mut book = CaseBook::default();
            book.loaded(stored_log(&texts, self.legacy.as_deref()), day(20));
            book
        }
    }

    #[test]
    fn cases_made_beforehand_are_taken_as_if_made_in_the_follow_up() {
        let report = demo_report();
        let followed = keyed(&report);
        let mut plain = CaseBook::default();
        plain.followed(&report, &followed, at(18), false);

        let made = |today: NaiveDate| -> Vec<Option<Case>> {
            let findings: BTreeMap<&str, &Finding> =
                report.findings.iter().map(|f| (f.id.as_str(), f)).collect();
            let of = |fc: &FindingCase| {
                Case::of(&fc.key, findings[fc.finding_id.as_str()], today, &report.lang)
            };
            followed.findings.iter().map(|fc| Some(of(fc))).collect()
        };
        let mut book = CaseBook::default();
        book.followed_with(&report, &followed, at(18), false, made(day(18)));
        assert_eq!(book, plain);

        // Made on another day (past midnight) or for another key: not taken, made again.
        let mut wrong = made(day(17));
        wrong[0].as_mut().unwrap().key = "sale|another".to_owned();
        let mut book = CaseBook::default();
        book.followed_with(&report, &followed, at(18), false, wrong);
        assert_eq!(book, plain);
        assert!(!book.cases.contains_key("sale|another"));
    }

    #[test]
    fn a_case_log_of_the_first_layout_moves_into_records_and_loses_nothing() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), at(18), false);
        let key = missing_deposit_key(&book);
        book.set_status(&key, CaseStatus::Contacted, at(18));
        book.set_note(&key, "11-18 已打收单机构客服电话，工单 A123", at(18));
        // As the page kept it before: one record, the whole log.
        let mut store = Store { legacy: Some(log_json_compact(&book)), ..Store::default() };

        let loaded = store.read();
        assert_eq!(loaded.cases, book.cases, "every case read from the first layout");
        assert_eq!(loaded.chunk_changes, [0; CHUNKS], "what the log gave counts no change");
        store.write(&loaded);
        assert_eq!(store.legacy, None, "the first layout's record is gone once written");
        assert_eq!(store.writes, CHUNKS, "every record written in the move");
        let records: usize = by_chunk(&book).iter().filter(|c| !c.is_empty()).count();
        assert_eq!(store.records.len(), records, "no record for a chunk without a case");
        assert!(records > 1, "the demo's cases spread over records");
        assert_eq!(store.read().cases, book.cases, "and read back the same from the records");
        assert_eq!(store.read().cases[&key].note, "11-18 已打收单机构客服电话，工单 A123");
    }

    #[test]
    fn a_case_changed_alone_is_written_alone() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.loaded(Vec::new(), day(18));
        let mut store = Store::default();
        book.followed(&report, &keyed(&report), at(18), false);
        store.write(&book);
        let first = store.writes;
        assert!(first > 1, "a first analysis writes every record with a case");

        // The same report again changes no case: nothing written.
        book.followed(&report, &keyed(&report), at(18), false);
        store.write(&book);
        assert_eq!(store.writes, first);

        // One status, one note: the one record of that case each time.
        let key = missing_deposit_key(&book);
        book.set_status(&key, CaseStatus::Contacted, at(19));
        store.write(&book);
        assert_eq!(store.writes, first + 1);
        book.set_note(&key, "工单 A123", at(19));
        store.write(&book);
        assert_eq!(store.writes, first + 2);
        let reloaded = store.read();
        assert_eq!(reloaded.cases, book.cases);
        assert_eq!(reloaded.cases[&key].status, CaseStatus::Contacted);

        // A reload changes nothing, so writes nothing (the hook's count starts from the log's).
        let mut after = Store { records: store.records.clone(), ..Store::default() };
        after.write(&reloaded);
        assert_eq!(after.writes, 0);

        // Cleared: every record with a case is deleted.
        book.clear();
        store.write(&book);
        assert!(store.records.is_empty(), "{:?}", store.records.keys());
        assert!(store.read().cases.is_empty());
    }

    #[test]
    fn a_cases_record_is_the_same_in_every_session() {
        // FNV-1a: a case stays in its record across builds (a case in two records would still
        // be read once, the later copy winning, but would be written twice).
        assert_eq!(chunk_of("deposit|2026-11-11"), chunk_of("deposit|2026-11-11"));
        assert_eq!(chunk_of(""), 0x811c_9dc5 % CHUNKS);
        let spread: std::collections::BTreeSet<usize> =
            (1..=30).map(|d| chunk_of(&format!("deposit|2026-11-{d:02}"))).collect();
        assert!(spread.len() > 10, "keys spread over the records: {spread:?}");
    }

    #[test]
    fn an_unreadable_record_loses_only_its_own_cases() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), at(18), false);
        let mut store = Store::default();
        store.write(&book);
        let broken = store.records.keys().next().unwrap().clone();
        store.records.insert(broken, "{not json".to_owned());
        let read = store.read();
        assert!(!read.cases.is_empty() && read.cases.len() < book.cases.len());
    }

    impl CaseBook {
        fn cases_by_kind(&self, kind: &str) -> &Case {
            self.cases.values().find(|c| c.kind == kind).expect("a case of that kind")
        }
    }
}
