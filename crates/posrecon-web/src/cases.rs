//! Cases that last (issue 13): every finding is a case the merchant follows until the money
//! arrives, kept in the browser (IndexedDB) and never sent anywhere.
//!
//! This module is pure (native tests): the statuses, the case book the page holds, how a new
//! analysis updates it, and the case log's file (`posrecon.cases/v1`) with its validation. The
//! browser side (IndexedDB) is `idb.rs` and `hooks/cases.rs`.
//!
//! A case is kept under its **case key** (`posrecon_engine::follow::case_key`: the kind and the
//! transaction's identifiers), not under the finding id (`F0004` is a number in report order and
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

use chrono::NaiveDate;
use posrecon_engine::follow::{Followed, Outcome};
use posrecon_engine::report::{Finding, Report};
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// One case: what it is about (as the finding said when last seen) and what the merchant did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// The case key (`posrecon_engine::follow::case_key`).
    pub key: String,
    /// The finding's kind (`charged_but_failed`, ...).
    pub kind: String,
    /// The finding's one line, in the language of the analysis that saw it last.
    pub title: String,
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
    /// When to act: the finding's escalate-after date, else its expected deposit date.
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// What a later analysis said when the finding was no longer there.
    #[serde(default)]
    pub followed: Option<Fate>,
}

impl Case {
    /// A case for a finding first seen on `today`.
    fn of(key: &str, finding: &Finding, today: NaiveDate) -> Case {
        let mut case = Case {
            key: key.to_owned(),
            kind: String::new(),
            title: String::new(),
            amount_cents: 0,
            when: String::new(),
            terminal: String::new(),
            status: CaseStatus::Open,
            note: String::new(),
            opened: today,
            changed: today,
            due: None,
            followed: None,
        };
        case.describe(finding);
        case
    }

    /// Takes what the case is about from the finding as this analysis words it.
    fn describe(&mut self, finding: &Finding) {
        self.kind = finding.kind.as_str().to_owned();
        self.title = finding.title.clone();
        self.amount_cents = finding.amount_cents;
        let first = finding.records.first();
        self.when = first
            .and_then(|r| r.time)
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .or_else(|| finding.dates.settlement_dates.first().map(|d| d.to_string()))
            .unwrap_or_default();
        self.terminal = first.and_then(|r| r.terminal_id.clone()).unwrap_or_default();
        self.due = finding.dates.escalate_after.or(finding.dates.expected_deposit_date);
    }

    /// Open and its due date is before `today`.
    pub fn overdue(&self, today: Option<NaiveDate>) -> bool {
        self.status.is_open() && matches!((self.due, today), (Some(due), Some(t)) if due < t)
    }
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

/// The case log as the file holds it.
pub fn log_json(book: &CaseBook) -> String {
    let log =
        CaseLog { schema: CASES_SCHEMA.to_owned(), cases: book.cases.values().cloned().collect() };
    serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_owned())
}

/// The case log as IndexedDB keeps it: [`log_json`] without the indentation (written on every
/// change, so the smaller the better).
pub fn log_json_compact(book: &CaseBook) -> String {
    let log =
        CaseLog { schema: CASES_SCHEMA.to_owned(), cases: book.cases.values().cloned().collect() };
    serde_json::to_string(&log).unwrap_or_else(|_| "{}".to_owned())
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
    Ok(log.cases)
}

/// The cases the page knows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseBook {
    /// Status of each current finding's case (absent = [`CaseStatus::Open`]).
    pub by_finding: BTreeMap<String, CaseStatus>,
    /// Every case, by key (shared: the state is cloned on every action).
    pub cases: Rc<BTreeMap<String, Case>>,
    /// The current report's finding ids and their case keys.
    pub keys: Rc<BTreeMap<String, String>>,
    /// The log kept in the browser has been read (nothing is written back before).
    pub loaded: bool,
    /// Counts changes to `cases`: the hook writes the log back when it moves.
    pub changes: u64,
    /// Today, as the page last said.
    pub today: Option<NaiveDate>,
    /// The last import's outcome: the number of cases taken, or why none.
    pub import: Option<Result<usize, ImportError>>,
    /// 清空记录 was pressed once: the confirm step shows.
    pub confirm_clear: bool,
}

impl CaseBook {
    /// The status of a current finding's case.
    pub fn status_of(&self, finding_id: &str) -> CaseStatus {
        self.by_finding.get(finding_id).copied().unwrap_or_default()
    }

    /// The case of a current finding.
    pub fn case_of(&self, finding_id: &str) -> Option<&Case> {
        self.keys.get(finding_id).and_then(|key| self.cases.get(key))
    }

    /// Keys of the open cases, sent with every analysis.
    pub fn open_keys(&self) -> Vec<String> {
        self.cases.values().filter(|c| c.status.is_open()).map(|c| c.key.clone()).collect()
    }

    /// The open cases, for 待跟进: overdue first, then by due date (none last), then by key.
    pub fn open_cases(&self) -> Vec<&Case> {
        let mut open: Vec<&Case> = self.cases.values().filter(|c| c.status.is_open()).collect();
        let order = |c: &Case| (!c.overdue(self.today), c.due.is_none(), c.due);
        open.sort_by(|a, b| order(a).cmp(&order(b)).then_with(|| a.key.cmp(&b.key)));
        open
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
        self.merge(stored);
    }

    /// Takes cases (from the browser or an import); of two with one key, the later changed wins.
    fn merge(&mut self, cases: Vec<Case>) -> usize {
        let mut taken = 0;
        for case in cases {
            let newer = self.cases.get(&case.key).is_none_or(|mine| case.changed >= mine.changed);
            if newer {
                Rc::make_mut(&mut self.cases).insert(case.key.clone(), case);
                taken += 1;
            }
        }
        self.touched();
        taken
    }

    /// An analysis finished: record its findings as cases and follow the earlier open ones.
    pub fn followed(&mut self, report: &Report, followed: &Followed, today: NaiveDate) {
        self.today = Some(today);
        let keys = Rc::make_mut(&mut self.keys);
        let cases = Rc::make_mut(&mut self.cases);
        keys.clear();
        let findings: BTreeMap<&str, &Finding> =
            report.findings.iter().map(|f| (f.id.as_str(), f)).collect();
        for fc in &followed.findings {
            let Some(finding) = findings.get(fc.finding_id.as_str()) else { continue };
            keys.insert(fc.finding_id.clone(), fc.key.clone());
            let case =
                cases.entry(fc.key.clone()).or_insert_with(|| Case::of(&fc.key, finding, today));
            case.describe(finding);
            // Back in the files: no longer gone. A case closed because its money arrived stays
            // closed with its date (older files shown again do not undo what newer ones proved).
            if matches!(case.followed, Some(Fate::Gone { .. })) {
                case.followed = None;
            }
        }
        for earlier in &followed.earlier {
            let Some(case) = cases.get_mut(&earlier.key) else { continue };
            if !case.status.is_open() {
                continue;
            }
            match earlier.outcome {
                Outcome::Arrived { date } => {
                    case.status = CaseStatus::Arrived;
                    case.changed = today;
                    case.followed = Some(Fate::Arrived { date });
                }
                Outcome::Gone => {
                    if !matches!(case.followed, Some(Fate::Gone { .. })) {
                        case.followed = Some(Fate::Gone { since: today });
                    }
                }
            }
        }
        self.touched();
    }

    /// The merchant set a case's status.
    pub fn set_status(&mut self, key: &str, status: CaseStatus, today: NaiveDate) {
        if let Some(case) = Rc::make_mut(&mut self.cases).get_mut(key)
            && case.status != status
        {
            case.status = status;
            case.changed = today;
            self.touched();
        }
    }

    /// The merchant wrote a case's note.
    pub fn set_note(&mut self, key: &str, note: &str, today: NaiveDate) {
        if let Some(case) = Rc::make_mut(&mut self.cases).get_mut(key)
            && case.note != note
        {
            case.note = note.to_owned();
            case.changed = today;
            self.touched();
        }
    }

    /// An imported log: taken, or refused with its reason.
    pub fn import(&mut self, parsed: Result<Vec<Case>, ImportError>) {
        self.import = Some(parsed.map(|cases| self.merge(cases)));
    }

    /// 清空记录, confirmed: every case is forgotten (the current findings stay keyed, and are
    /// recorded again by the next analysis).
    pub fn clear(&mut self) {
        self.cases = Rc::default();
        self.confirm_clear = false;
        self.import = None;
        self.touched();
    }

    /// Recomputes the statuses by finding and counts a change.
    fn touched(&mut self) {
        self.by_finding = self
            .keys
            .iter()
            .filter_map(|(id, key)| self.cases.get(key).map(|c| (id.clone(), c.status)))
            .filter(|(_, status)| *status != CaseStatus::Open)
            .collect();
        self.changes += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use posrecon_engine::follow::{Earlier, FindingCase};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
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
            })
            .collect();
        Followed { findings, earlier: Vec::new() }
    }

    fn missing_deposit_key(book: &CaseBook) -> String {
        let case = book.cases.values().find(|c| c.kind == "missing_deposit").expect("the case");
        case.key.clone()
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
        book.followed(&report, &keyed(&report), day(18));
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

        book.set_status(&key, CaseStatus::Contacted, day(18));
        book.set_note(&key, "已打客服电话", day(18));
        assert_eq!(book.status_of(&id), CaseStatus::Contacted);
        // Next week: the same finding under another id is the same case, status and note kept.
        let mut next = report.clone();
        for (n, f) in next.findings.iter_mut().enumerate() {
            f.id = format!("F{:04}", 100 + n);
        }
        book.followed(&next, &keyed(&next), day(25));
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
        book.followed(&report, &keyed(&report), day(18));
        let key = missing_deposit_key(&book);
        book.set_status(&key, CaseStatus::Contacted, day(18));
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
        book.followed(&later, &followed, day(25));
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
        book.followed(&report, &keyed(&report), day(26));
        assert_eq!(book.cases[&key].status, CaseStatus::Arrived);
        assert_eq!(book.cases[&key].followed, Some(Fate::Arrived { date: day(12) }));
        assert_eq!(book.cases[&other].followed, None);
    }

    #[test]
    fn the_log_exports_and_imports_and_a_wrong_file_is_refused_with_its_reason() {
        let report = demo_report();
        let mut book = CaseBook::default();
        book.followed(&report, &keyed(&report), day(18));
        let key = missing_deposit_key(&book);
        book.set_note(&key, "问过了", day(19));
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
        newer.set_note(&key, "已到账", day(20));
        newer.import(parse_log(&json));
        assert_eq!(newer.cases[&key].note, "已到账");
        newer.clear();
        assert!(newer.cases.is_empty() && newer.open_keys().is_empty());
    }

    impl CaseBook {
        fn cases_by_kind(&self, kind: &str) -> &Case {
            self.cases.values().find(|c| c.kind == kind).expect("a case of that kind")
        }
    }
}
