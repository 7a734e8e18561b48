//! Data-driven diagnose tests: records in (the matcher's one-line fixture format), findings out.
//!
//! Every case runs through `matcher::run` and `diagnose::run`, in Chinese and in English, on the
//! records as written and on several permutations of them. Besides the expected rendering, every
//! case checks the invariants of the report: ids numbered in order, at least one record per
//! finding, human text present, and the exact same findings whatever the input order.

use chrono::NaiveDate;
use expect_test::expect;

use crate::config::{Lang, Options};
use crate::matcher::{self, fixture};
use crate::model::Record;
use crate::report::{Finding, RecordRef, Severity};

fn options(as_of: &str, lang: Lang) -> Options {
    let mut options = Options::new(NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap());
    options.lang = lang;
    options
}

fn analyze(records: &[Record], options: &Options) -> Vec<Finding> {
    let set = matcher::run(records, &options.settings);
    super::run(records, &fixture::inputs(), &set, options)
}

fn label(r: &RecordRef) -> String {
    match r.file.as_str() {
        "terminal.csv" => format!("T{}", r.line),
        "acquirer.csv" => format!("A{}", r.line),
        other => format!("{other}:{}", r.line),
    }
}

/// `F0001 charged_but_failed high 1580.00 0.93 T2 A2 | 2026-11-09 -> 2026-11-10 !-`
fn render(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            let records: Vec<String> = f.records.iter().map(label).collect();
            let settle: Vec<String> =
                f.dates.settlement_dates.iter().map(|d| d.to_string()).collect();
            let opt = |d: Option<NaiveDate>| d.map_or_else(|| "-".to_owned(), |d| d.to_string());
            format!(
                "{} {} {} {} {:.2} {} | {} -> {} !{}",
                f.id,
                f.kind.as_str(),
                serde_json::to_value(f.severity).unwrap().as_str().unwrap(),
                super::text::yuan(f.amount_cents),
                f.confidence,
                records.join(" "),
                settle.join(","),
                opt(f.dates.expected_deposit_date),
                opt(f.dates.escalate_after),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn check_invariants(name: &str, findings: &[Finding]) {
    for (pos, f) in findings.iter().enumerate() {
        assert_eq!(f.id, format!("F{:04}", pos + 1), "case {name}: ids out of order");
        assert!(!f.records.is_empty(), "case {name}: {} references no record", f.id);
        assert!(
            !f.title.is_empty() && !f.explanation.is_empty(),
            "case {name}: {} has no text",
            f.id
        );
        assert!(!f.actions.is_empty() && !f.evidence.is_empty(), "case {name}: {} is bare", f.id);
        // An `info` finding may owe nothing: a refund-asking finding already refunded in full.
        assert!(
            f.amount_cents > 0 || f.severity == Severity::Info,
            "case {name}: {} has no money at stake",
            f.id
        );
        assert!((0.0..=1.0).contains(&f.confidence), "case {name}: confidence out of range");
    }
}

fn check(name: &str, as_of: &str, fixture_text: &str, expected: &str) {
    let records = fixture::records(fixture_text);
    let expected: Vec<&str> = expected.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let expected = expected.join("\n");
    for lang in [Lang::Zh, Lang::En] {
        let options = options(as_of, lang);
        let findings = analyze(&records, &options);
        check_invariants(name, &findings);
        assert_eq!(render(&findings), expected, "case {name} ({lang:?}): findings differ");
        for shuffled in fixture::permutations(&records) {
            assert_eq!(
                analyze(&shuffled, &options),
                findings,
                "case {name} ({lang:?}): findings depend on input order"
            );
        }
    }
}

/// A settled week on terminal 1 used as background by several cases, so coverage is realistic:
/// terminal log 2026-11-09 09:00 ..= 2026-11-12 20:00, acquirer rows clearing on 11-09, 11-11 and
/// 11-12 (none on 11-10, none after 11-12). Case lines therefore start at line 5 of each file.
const BACKGROUND: &str = "
    T 2026-11-09 09:00:00 10.00 tid=1 stan=1 rrn=900000000001 card=0001
    A 2026-11-09 09:00:02 10.00 tid=1 stan=1 rrn=900000000001 card=0001 settle=2026-11-09
    T 2026-11-11 08:00:00 10.00 tid=1 stan=3 rrn=900000000003 card=0001
    A 2026-11-11 08:00:02 10.00 tid=1 stan=3 rrn=900000000003 card=0001 settle=2026-11-11
    T 2026-11-12 20:00:00 10.00 tid=1 stan=2 rrn=900000000002 card=0001
    A 2026-11-12 20:00:02 10.00 tid=1 stan=2 rrn=900000000002 card=0001 settle=2026-11-12
";

fn with_background(case: &str) -> String {
    format!("{BACKGROUND}\n{case}")
}

const CASES: &[(&str, &str, &str, &str)] = &[
    (
        "a timeout that settled is a dropped sale (matched by STAN)",
        "2026-11-25",
        "T 2026-11-10 10:05:40 1580.00 unknown tid=1 batch=000012 stan=001002 card=1234 text=交易超时
         A 2026-11-10 10:05:41 1580.00 tid=1 batch=000012 stan=1002 rrn=309140500028 card=1234 settle=2026-11-10",
        "F0001 charged_but_failed high 1,580.00 0.93 T5 A5 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "a declined attempt settled by RRN is a dropped sale",
        "2026-11-25",
        "T 2026-11-10 11:00:00 60.00 declined tid=1 rrn=309140500777 code=05
         A 2026-11-10 11:00:04 60.00 tid=1 rrn=309140500777 settle=2026-11-10",
        "F0001 charged_but_failed high 60.00 0.97 T5 A5 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "a dropped sale charged again is one duplicate charge naming both",
        "2026-11-25",
        "T 2026-11-10 19:20:05 268.00 unknown tid=1 stan=309 card=7710 text=交易超时,请查询
         T 2026-11-10 19:21:30 268.00 tid=1 stan=310 rrn=309140500140 card=7710
         A 2026-11-10 19:20:05 268.00 tid=1 stan=309 rrn=309140500133 card=7710 settle=2026-11-10
         A 2026-11-10 19:21:30 268.00 tid=1 stan=310 rrn=309140500140 card=7710 settle=2026-11-10",
        "F0001 duplicate_charge high 268.00 0.93 T5 A5 T6 A6 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "the approved charge may come first",
        "2026-11-25",
        "T 2026-11-10 19:20:05 268.00 tid=1 stan=309 rrn=309140500133 card=7710
         T 2026-11-10 19:29:00 268.00 unknown tid=1 stan=310 card=7710
         A 2026-11-10 19:20:05 268.00 tid=1 stan=309 rrn=309140500133 card=7710 settle=2026-11-10
         A 2026-11-10 19:29:00 268.00 tid=1 stan=310 rrn=309140500140 card=7710 settle=2026-11-10",
        "F0001 duplicate_charge high 268.00 0.93 T6 A6 T5 A5 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "another card in the window is no duplicate; the same card 20 min later is a late retry (high, lower confidence)",
        "2026-11-25",
        "T 2026-11-10 19:20:05 268.00 unknown tid=1 stan=309 card=7710
         T 2026-11-10 19:21:30 268.00 tid=1 stan=310 rrn=309140500140 card=9999
         T 2026-11-10 19:40:00 268.00 tid=1 stan=311 rrn=309140500141 card=7710
         A 2026-11-10 19:20:05 268.00 tid=1 stan=309 rrn=309140500133 card=7710 settle=2026-11-10
         A 2026-11-10 19:21:30 268.00 tid=1 stan=310 rrn=309140500140 card=9999 settle=2026-11-10
         A 2026-11-10 19:40:00 268.00 tid=1 stan=311 rrn=309140500141 card=7710 settle=2026-11-10",
        "F0001 duplicate_charge high 268.00 0.63 T5 A5 T7 A7 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "a timeout, and 20 min 5 s later the same card on another terminal: a late retry, medium (issue 9)",
        "2026-11-25",
        "T 2026-11-10 12:10:00 236.00 unknown tid=60110002 stan=000136 card=7706 text=交易超时
         T 2026-11-10 12:30:05 236.00 tid=60110003 stan=000332 rrn=600510002635 card=7706
         A 2026-11-10 12:10:00 236.00 tid=60110002 stan=000136 rrn=600510002559 card=7706 settle=2026-11-10
         A 2026-11-10 12:30:05 236.00 tid=60110003 stan=000332 rrn=600510002635 card=7706 settle=2026-11-10",
        "F0001 duplicate_charge high 236.00 0.63 T5 A5 T6 A6 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "quiet twin: two approved charges by one card 40 min apart, no failure before: two purchases",
        "2026-11-25",
        "T 2026-11-10 12:10:00 236.00 tid=60110002 stan=000136 rrn=600510002559 card=7706
         T 2026-11-10 12:50:00 236.00 tid=60110003 stan=000332 rrn=600510002635 card=7706
         A 2026-11-10 12:10:00 236.00 tid=60110002 stan=000136 rrn=600510002559 card=7706 settle=2026-11-10
         A 2026-11-10 12:50:00 236.00 tid=60110003 stan=000332 rrn=600510002635 card=7706 settle=2026-11-10",
        "",
    ),
    (
        "quiet twin: a different card 20 min after a dropped sale is another customer",
        "2026-11-25",
        "T 2026-11-10 12:10:00 236.00 unknown tid=60110002 stan=000136 card=7706 text=交易超时
         T 2026-11-10 12:30:05 236.00 tid=60110003 stan=000332 rrn=600510002635 card=4417
         A 2026-11-10 12:10:00 236.00 tid=60110002 stan=000136 rrn=600510002559 card=7706 settle=2026-11-10
         A 2026-11-10 12:30:05 236.00 tid=60110003 stan=000332 rrn=600510002635 card=4417 settle=2026-11-10",
        "F0001 charged_but_failed high 236.00 0.93 T5 A5 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "quiet twin: the same card 20 min later for another amount is another purchase",
        "2026-11-25",
        "T 2026-11-10 12:10:00 236.00 unknown tid=60110002 stan=000136 card=7706 text=交易超时
         T 2026-11-10 12:30:05 238.00 tid=60110003 stan=000332 rrn=600510002635 card=7706
         A 2026-11-10 12:10:00 236.00 tid=60110002 stan=000136 rrn=600510002559 card=7706 settle=2026-11-10
         A 2026-11-10 12:30:05 238.00 tid=60110003 stan=000332 rrn=600510002635 card=7706 settle=2026-11-10",
        "F0001 charged_but_failed high 236.00 0.93 T5 A5 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "quiet twin: the same card with its card unknown on the later charge is no late retry",
        "2026-11-25",
        "T 2026-11-10 12:10:00 236.00 unknown tid=60110002 stan=000136 card=7706 text=交易超时
         T 2026-11-10 12:30:05 236.00 tid=60110003 stan=000332 rrn=600510002635
         A 2026-11-10 12:10:00 236.00 tid=60110002 stan=000136 rrn=600510002559 card=7706 settle=2026-11-10
         A 2026-11-10 12:30:05 236.00 tid=60110003 stan=000332 rrn=600510002635 settle=2026-11-10",
        "F0001 charged_but_failed high 236.00 0.93 T5 A5 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "quiet twin: the same card 61 min later is past the late bound",
        "2026-11-25",
        "T 2026-11-10 12:10:00 236.00 unknown tid=60110002 stan=000136 card=7706 text=交易超时
         T 2026-11-10 13:11:00 236.00 tid=60110003 stan=000332 rrn=600510002635 card=7706
         A 2026-11-10 12:10:00 236.00 tid=60110002 stan=000136 rrn=600510002559 card=7706 settle=2026-11-10
         A 2026-11-10 13:11:00 236.00 tid=60110003 stan=000332 rrn=600510002635 card=7706 settle=2026-11-10",
        "F0001 charged_but_failed high 236.00 0.93 T5 A5 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "quiet twin: the same card 20 min earlier, approved before the timeout, is no late retry",
        "2026-11-25",
        "T 2026-11-10 11:49:55 236.00 tid=60110003 stan=000332 rrn=600510002635 card=7706
         T 2026-11-10 12:10:00 236.00 unknown tid=60110002 stan=000136 card=7706 text=交易超时
         A 2026-11-10 11:49:55 236.00 tid=60110003 stan=000332 rrn=600510002635 card=7706 settle=2026-11-10
         A 2026-11-10 12:10:00 236.00 tid=60110002 stan=000136 rrn=600510002559 card=7706 settle=2026-11-10",
        "F0001 charged_but_failed high 236.00 0.93 T6 A6 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "quiet twin: the same card 20 min later but past the 23:00 cut-off is another clearing day",
        "2026-11-25",
        "T 2026-11-10 22:50:00 236.00 unknown tid=60110002 stan=000136 card=7706 text=交易超时
         T 2026-11-10 23:10:05 236.00 tid=60110003 stan=000332 rrn=600510002635 card=7706
         A 2026-11-10 22:50:00 236.00 tid=60110002 stan=000136 rrn=600510002559 card=7706 settle=2026-11-10
         A 2026-11-10 23:10:05 236.00 tid=60110003 stan=000332 rrn=600510002635 card=7706 settle=2026-11-11",
        "F0001 charged_but_failed high 236.00 0.93 T5 A5 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "a retry inside the window is taken before a later one; the later one stays quiet",
        "2026-11-25",
        "T 2026-11-10 12:10:00 236.00 unknown tid=60110002 stan=000136 card=7706 text=交易超时
         T 2026-11-10 12:14:00 236.00 tid=60110002 stan=000137 rrn=600510002600 card=7706
         T 2026-11-10 12:40:00 236.00 tid=60110003 stan=000332 rrn=600510002635 card=7706
         A 2026-11-10 12:10:00 236.00 tid=60110002 stan=000136 rrn=600510002559 card=7706 settle=2026-11-10
         A 2026-11-10 12:14:00 236.00 tid=60110002 stan=000137 rrn=600510002600 card=7706 settle=2026-11-10
         A 2026-11-10 12:40:00 236.00 tid=60110003 stan=000332 rrn=600510002635 card=7706 settle=2026-11-10",
        "F0001 duplicate_charge high 236.00 0.93 T5 A5 T6 A6 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "a timeout on one terminal charged again on another: one duplicate naming both (issue 9)",
        "2026-11-25",
        "T 2026-11-10 14:11:27 782.58 unknown tid=10086602 batch=000015 stan=001007 card=9689 text=通讯超时
         T 2026-11-10 14:13:35 782.58 tid=10086601 batch=000015 stan=000697 rrn=309141301511 card=9689
         A 2026-11-10 14:11:29 782.58 tid=10086602 batch=000015 stan=001007 rrn=900100700370 card=9689 settle=2026-11-10
         A 2026-11-10 14:13:36 782.58 tid=10086601 batch=000015 stan=000697 rrn=309141301511 card=9689 settle=2026-11-10",
        "F0001 duplicate_charge high 782.58 0.93 T5 A5 T6 A6 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "a retry on another terminal with the card unknown on one side is a lower-confidence duplicate",
        "2026-11-25",
        "T 2026-11-10 14:11:27 782.58 unknown tid=10086602 stan=001007 card=9689 text=通讯超时
         T 2026-11-10 14:13:35 782.58 tid=10086601 stan=000697 rrn=309141301511
         A 2026-11-10 14:11:29 782.58 tid=10086602 stan=001007 rrn=900100700370 card=9689 settle=2026-11-10
         A 2026-11-10 14:13:36 782.58 tid=10086601 stan=000697 rrn=309141301511 settle=2026-11-10",
        "F0001 duplicate_charge high 782.58 0.68 T5 A5 T6 A6 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "two customers, same amount, two terminals a minute apart, different cards: only the dropped sale",
        "2026-11-25",
        "T 2026-11-10 14:11:27 782.58 unknown tid=10086602 stan=001007 card=9689 text=通讯超时
         T 2026-11-10 14:12:30 782.58 tid=10086601 stan=000697 rrn=309141301511 card=4417
         A 2026-11-10 14:11:29 782.58 tid=10086602 stan=001007 rrn=900100700370 card=9689 settle=2026-11-10
         A 2026-11-10 14:12:31 782.58 tid=10086601 stan=000697 rrn=309141301511 card=4417 settle=2026-11-10",
        "F0001 charged_but_failed high 782.58 0.93 T5 A5 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "a charge of the same amount at another merchant is no retry",
        "2026-11-25",
        "T 2026-11-10 14:11:27 782.58 unknown mid=898440358120014 tid=10086602 stan=001007 text=通讯超时
         T 2026-11-10 14:13:35 782.58 mid=898440358120099 tid=10086601 stan=000697 rrn=309141301511
         A 2026-11-10 14:11:29 782.58 mid=898440358120014 tid=10086602 stan=001007 rrn=900100700370 settle=2026-11-10
         A 2026-11-10 14:13:36 782.58 mid=898440358120099 tid=10086601 stan=000697 rrn=309141301511 settle=2026-11-10",
        "F0001 charged_but_failed high 782.58 0.93 T5 A5 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "a confirmed card on another terminal is preferred to an unknown card on the same one",
        "2026-11-25",
        "T 2026-11-10 14:11:27 782.58 unknown tid=10086602 stan=001007 card=9689 text=通讯超时
         T 2026-11-10 14:12:00 782.58 tid=10086602 stan=001008 rrn=309141301500
         T 2026-11-10 14:13:35 782.58 tid=10086601 stan=000697 rrn=309141301511 card=9689
         A 2026-11-10 14:11:29 782.58 tid=10086602 stan=001007 rrn=900100700370 card=9689 settle=2026-11-10
         A 2026-11-10 14:12:01 782.58 tid=10086602 stan=001008 rrn=309141301500 settle=2026-11-10
         A 2026-11-10 14:13:36 782.58 tid=10086601 stan=000697 rrn=309141301511 card=9689 settle=2026-11-10",
        "F0001 duplicate_charge high 782.58 0.93 T5 A5 T7 A7 | 2026-11-10 -> 2026-11-11 !-",
    ),
    (
        "an approved sale missing from a covered clearing date is 短款",
        "2026-11-25",
        "T 2026-11-11 12:30:00 88.00 tid=1 stan=1011 rrn=309140500175",
        "F0001 missing_settlement high 88.00 0.90 T5 | 2026-11-11 -> 2026-11-12 !2026-11-17",
    ),
    (
        "inside the range but on a day without any row: medium",
        "2026-11-25",
        "T 2026-11-10 12:30:00 88.00 tid=1 stan=1011 rrn=309140500175",
        "F0001 missing_settlement medium 88.00 0.60 T5 | 2026-11-10 -> 2026-11-11 !2026-11-16",
    ),
    (
        "a sale past the settlement coverage is not missing, an unknown one there is pending",
        "2026-11-14",
        "T 2026-11-12 23:40:00 500.00 tid=1 stan=20 rrn=309140500300
         T 2026-11-12 23:50:00 66.00 unknown tid=1 stan=21 text=交易超时",
        "F0001 pending_outcome low 66.00 0.90 T6 | 2026-11-13 -> 2026-11-16 !2026-11-19",
    ),
    (
        "a pending outcome past its escalation date is medium",
        "2026-11-25",
        "T 2026-11-12 23:50:00 66.00 unknown tid=1 stan=21 text=交易超时",
        "F0001 pending_outcome medium 66.00 0.90 T5 | 2026-11-13 -> 2026-11-16 !2026-11-19",
    ),
    (
        "an unknown attempt on a covered date with no settlement was reversed: nothing to report",
        "2026-11-25",
        "T 2026-11-11 16:45:00 66.00 unknown tid=1 stan=105 text=交易超时
         T 2026-11-11 16:02:09 640.00 declined tid=1 stan=104 code=51 text=余额不足",
        "",
    ),
    (
        "a settled sale inside the terminal log's coverage but not in it is 长款",
        "2026-11-25",
        "A 2026-11-11 15:10:22 520.00 tid=1 stan=1018 rrn=309140500245 card=2208 settle=2026-11-11",
        "F0001 unexpected_settlement medium 520.00 0.80 A5 | 2026-11-11 -> 2026-11-12 !-",
    ),
    (
        "settled rows outside the terminal coverage or on an unlogged terminal are not reported",
        "2026-11-25",
        "A 2026-11-08 18:12:40 42.00 tid=1 stan=998 rrn=309140500007 settle=2026-11-08
         A 2026-11-13 09:45:24 22.00 tid=1 stan=1021 rrn=309140500287 settle=2026-11-13
         A 2026-11-11 09:45:24 30.00 tid=2 stan=5 rrn=309140500500 settle=2026-11-11",
        "",
    ),
    (
        "a sale after 23:00 clears the next day and matches that day's row",
        "2026-11-25",
        "T 2026-11-11 23:30:10 300.00 tid=1 stan=103
         A - - 300.00 tid=1 stan=103 settle=2026-11-12",
        "",
    ),
    (
        "a same-day void leaves no settlement to miss",
        "2026-11-25",
        "T 2026-11-11 10:00:00 35.00 tid=1 stan=11 rrn=309140500011 card=8429
         T 2026-11-11 10:04:00 35.00 void tid=1 stan=12 rrn=309140500012 card=8429",
        "",
    ),
    (
        "identical sales are not collapsed: one of two settled is one 短款",
        "2026-11-25",
        "T 2026-11-11 10:00:00 35.00 tid=1 card=8429
         T 2026-11-11 10:03:00 35.00 tid=1 card=8429
         A 2026-11-11 10:03:02 35.00 tid=1 card=8429 settle=2026-11-11",
        "F0001 missing_settlement high 35.00 0.90 T5 | 2026-11-11 -> 2026-11-12 !2026-11-17",
    ),
    (
        "an RRN pair with two amounts is an amount mismatch",
        "2026-11-25",
        "T 2026-11-11 10:00:00 35.00 tid=1 rrn=309140500012
         A 2026-11-11 10:00:01 53.00 tid=1 rrn=309140500012 settle=2026-11-11",
        "F0001 amount_mismatch high 18.00 0.97 T5 A5 | 2026-11-11 -> 2026-11-12 !-",
    ),
];

#[test]
fn diagnose_cases() {
    for (name, as_of, fixture_text, expected) in CASES {
        check(name, as_of, &with_background(fixture_text), expected);
    }
}

#[test]
fn no_statement_loaded_means_no_shortfall_but_pending_timeouts() {
    check(
        "terminal log only",
        "2026-11-12",
        "T 2026-11-11 12:30:00 88.00 tid=1 stan=1011 rrn=309140500175
         T 2026-11-11 12:40:00 66.00 unknown tid=1 stan=1012",
        "F0001 pending_outcome low 66.00 0.90 T3 | 2026-11-11 -> 2026-11-12 !2026-11-17",
    );
}

/// With no acquirer statement loaded at all, an overdue timeout's first action is to add the
/// statement (the file decides it), not to contact the acquirer; with a statement loaded that
/// lacks the day, it stays "contact the acquirer now" (issue 13).
#[test]
fn an_overdue_timeout_without_any_statement_says_add_the_statement() {
    let only_terminal = fixture::records("T 2026-11-09 10:05:40 1580.00 unknown tid=1 stan=1002");
    let zh = analyze(&only_terminal, &options("2026-11-25", Lang::Zh));
    assert_eq!(zh[0].severity, Severity::Medium);
    assert!(zh[0].actions[0].contains("请尽快补充载入收单机构对账单"), "{}", zh[0].actions[0]);
    assert!(!zh[0].actions[0].contains("联系收单机构"), "{}", zh[0].actions[0]);
    assert!(zh[0].actions.iter().any(|a| a.starts_with("拿不到对账单时，联系收单机构")));
    let en = analyze(&only_terminal, &options("2026-11-25", Lang::En));
    assert!(en[0].actions[0].contains("Add the acquirer statement"), "{}", en[0].actions[0]);

    let other_day = fixture::records(
        "T 2026-11-09 10:05:40 1580.00 unknown tid=1 stan=1002
         A 2026-11-08 12:30:00 88.00 tid=1 stan=1001 rrn=309140500175 settle=2026-11-08",
    );
    let zh = analyze(&other_day, &options("2026-11-25", Lang::Zh));
    let pending = zh.iter().find(|f| f.kind == crate::report::Kind::PendingOutcome).unwrap();
    assert!(pending.actions[0].contains("请立即处理：联系收单机构"), "{}", pending.actions[0]);
}

#[test]
fn no_terminal_log_means_no_unexpected_settlement() {
    check(
        "statement only",
        "2026-11-12",
        "A 2026-11-11 12:30:00 88.00 tid=1 stan=1011 rrn=309140500175 settle=2026-11-11",
        "",
    );
}

#[test]
fn findings_are_sorted_by_time_then_kind_and_numbered() {
    check(
        "several findings",
        "2026-11-25",
        &with_background(
            "A 2026-11-11 15:10:22 520.00 tid=1 stan=1018 rrn=309140500245 settle=2026-11-11
             T 2026-11-11 12:30:00 88.00 tid=1 stan=1011 rrn=309140500175
             T 2026-11-10 10:05:40 1580.00 unknown tid=1 stan=1002 card=1234
             A 2026-11-10 10:05:41 1580.00 tid=1 stan=1002 rrn=309140500028 card=1234 settle=2026-11-10",
        ),
        "F0001 charged_but_failed high 1,580.00 0.93 T6 A6 | 2026-11-10 -> 2026-11-11 !-
         F0002 missing_settlement high 88.00 0.90 T5 | 2026-11-11 -> 2026-11-12 !2026-11-17
         F0003 unexpected_settlement medium 520.00 0.80 A5 | 2026-11-11 -> 2026-11-12 !-",
    );
}

/// The whole text of one finding, to review the wording as a merchant reads it.
fn full_text(f: &Finding) -> String {
    let mut out = format!("{}\n{}\n", f.title, f.explanation);
    for e in &f.evidence {
        out.push_str(&format!("  evidence: {e}\n"));
    }
    for (pos, a) in f.actions.iter().enumerate() {
        out.push_str(&format!("  {}. {a}\n", pos + 1));
    }
    out
}

const DROPPED: &str = "
    T 2026-11-09 10:05:40 1580.00 unknown mid=898440358120014 tid=10086602 batch=000012 stan=001002 card=1234 text=交易超时
    A 2026-11-09 10:05:40 1580.00 mid=898440358120014 tid=10086602 batch=000012 stan=001002 rrn=309140500028 card=1234 settle=2026-11-09
";

#[test]
fn dropped_sale_wording_zh() {
    let findings = analyze(&fixture::records(DROPPED), &options("2026-11-25", Lang::Zh));
    expect![[r#"
        掉单：2026-11-09 10:05:40 终端显示「交易超时」，但 1,580.00 元 已被扣款结算
        这笔 1,580.00 元 的消费（终端号 10086602，批次号 000012，凭证号 001002，参考号 309140500028，卡号尾号 1234）在 2026-11-09 10:05:40 的终端上显示「交易超时」，收银员看到的是失败；但收单机构对账单（acquirer.csv 第 2 行）显示它已结算，清算日期 2026-11-09。也就是说顾客的卡已经被扣款，这笔钱也会结算给商户。如果当时顾客没拿到商品，或者又用别的方式付了一次，就需要处理。
          evidence: 终端结果：显示「交易超时」（terminal.csv 第 2 行）
          evidence: 收单结果：已结算，清算日期 2026-11-09，没有撤销或冲正记录抵消
          evidence: 按终端号 + 凭证号 + 日期匹配（第 2 轮，置信度 0.93）：终端号 10086602，凭证号 001002 / 001002（按数字比较）
          evidence: 时间：终端 2026-11-09 10:05:40，对账单 2026-11-09 10:05:40，相差 0 秒
          evidence: 金额一致：1,580.00 元
          evidence: 卡号尾号一致：1234
          evidence: 批次号：终端 000012，对账单 000012
          1. 不要因为终端显示失败就向顾客再收一次款：这笔已经扣款成功。
          2. 核对当时顾客是否又付了一次（再刷卡、现金或扫码）：如果付了两次，把多收的那一次退给顾客。
          3. 如果顾客没有拿到商品：要么补交商品，要么对这笔已结算的 1,580.00 元 办理退货（已过结算只能退货，不能撤销），退款一般 3–5 个工作日退回顾客卡上。
          4. 如仍不确定，联系收单机构核实这笔交易，并提供：商户号 898440358120014、终端号 10086602、批次号 000012、凭证号 001002、参考号 309140500028、交易时间 2026-11-09 10:05:40、金额 1,580.00 元、卡号 621226******1234。
    "#]].assert_eq(&full_text(&findings[0]));
}

#[test]
fn dropped_sale_wording_en() {
    let findings = analyze(&fixture::records(DROPPED), &options("2026-11-25", Lang::En));
    expect![[r#"
        Dropped sale: the terminal showed "交易超时" at 2026-11-09 10:05:40, but CNY 1,580.00 was charged and settled
        This CNY 1,580.00 sale (terminal 10086602, batch 000012, STAN 001002, RRN 309140500028, card ending 1234) showed "交易超时" on the terminal at 2026-11-09 10:05:40, so the cashier saw a failure. The acquirer statement (acquirer.csv line 2) shows it settled, clearing date 2026-11-09: the customer's card was charged and the money will reach the merchant. If the customer left without the goods, or paid again some other way, it needs to be put right.
          evidence: terminal result: showed "交易超时" (terminal.csv line 2)
          evidence: acquirer: settled, clearing date 2026-11-09, no void or reversal row undoes it
          evidence: matched by terminal + STAN + date (pass 2, confidence 0.93): terminal 10086602, STAN 001002 / 001002 (compared as numbers)
          evidence: time: terminal 2026-11-09 10:05:40, statement 2026-11-09 10:05:40, 0 s apart
          evidence: same amount: CNY 1,580.00
          evidence: same card ending: 1234
          evidence: batch: terminal 000012, statement 000012
          1. Do not charge the customer again because the terminal showed a failure: this sale was charged.
          2. Check whether the customer paid again (card, cash or QR); if they paid twice, refund the extra payment.
          3. If the customer did not get the goods, either hand them over or refund (退货) the settled CNY 1,580.00; after settlement a void (撤销) is no longer possible. The refund reaches the customer's card in about 3-5 working days.
          4. If unsure, ask the acquirer to confirm this transaction, giving: merchant id 898440358120014, terminal id 10086602, batch 000012, STAN 001002, RRN 309140500028, time 2026-11-09 10:05:40, amount CNY 1,580.00, card 621226******1234.
    "#]].assert_eq(&full_text(&findings[0]));
}

const TWICE: &str = "
    T 2026-11-10 19:20:05 268.00 unknown tid=10086603 batch=000012 stan=000309 card=7710 text=交易超时,请查询
    T 2026-11-10 19:21:30 268.00 tid=10086603 batch=000012 stan=000310 rrn=309140500140 card=7710
    A 2026-11-10 19:20:05 268.00 tid=10086603 batch=000012 stan=000309 rrn=309140500133 card=7710 settle=2026-11-10
    A 2026-11-10 19:21:30 268.00 tid=10086603 batch=000012 stan=000310 rrn=309140500140 card=7710 settle=2026-11-10
";

#[test]
fn duplicate_charge_wording_zh() {
    let findings = analyze(&fixture::records(TWICE), &options("2026-11-25", Lang::Zh));
    expect![[r#"
        重复扣款：卡号尾号 7710 在 1 分 25 秒 内被扣了两次 268.00 元
        终端上显示失败的一笔：2026-11-10 19:20:05，终端号 10086603，批次号 000012，凭证号 000309，参考号 309140500133，卡号尾号 7710，终端显示「交易超时,请查询」；终端上成功的一笔：2026-11-10 19:21:30，终端号 10086603，批次号 000012，凭证号 000310，参考号 309140500140，卡号尾号 7710。收单对账单显示两笔都已结算（acquirer.csv 第 2 行、acquirer.csv 第 3 行），顾客为同一次消费付了两次 268.00 元。通常是第一笔超时后收银员又收了一次，而第一笔的自动冲正没有成功。
          evidence: 同一终端：10086603
          evidence: 金额相同：268.00 元，两笔都已结算
          evidence: 卡号尾号相同：7710
          evidence: 两笔相隔 1 分 25 秒（重复扣款判定窗口 15 分钟）
          evidence: 失败笔：按终端号 + 凭证号 + 日期匹配（第 2 轮，置信度 0.93）：终端号 10086603，凭证号 000309 / 000309（按数字比较）
          evidence: 失败笔：时间：终端 2026-11-10 19:20:05，对账单 2026-11-10 19:20:05，相差 0 秒
          evidence: 失败笔：金额一致：268.00 元
          evidence: 失败笔：卡号尾号一致：7710
          evidence: 失败笔：批次号：终端 000012，对账单 000012
          evidence: 成功笔：按参考号匹配（第 1 轮，置信度 0.97）：参考号 309140500140 两边一致
          evidence: 成功笔：时间：终端 2026-11-10 19:21:30，对账单 2026-11-10 19:21:30，相差 0 秒
          evidence: 成功笔：金额一致：268.00 元
          evidence: 成功笔：卡号尾号一致：7710
          evidence: 成功笔：批次号：终端 000012，对账单 000012
          1. 在原终端 10086603 上为终端显示失败的那一笔（终端号 10086603，批次号 000012，凭证号 000309，参考号 309140500133，卡号尾号 7710，268.00 元）办理退货：它已经结算，不能再撤销。
          2. 保留终端显示成功的那一笔（终端号 10086603，批次号 000012，凭证号 000310，参考号 309140500140，卡号尾号 7710），不要两笔都退。
          3. 告诉顾客多扣的 268.00 元 会退回：撤销一般当天即可到账，退货通常需要 3–5 个工作日。
          4. 如果 POS 上无法办理，联系收单机构处理，并提供：终端号 10086603、批次号 000012、凭证号 000309、参考号 309140500133、交易时间 2026-11-10 19:20:05、金额 268.00 元、卡号 621226******7710。
    "#]].assert_eq(&full_text(&findings[0]));
}

const LATE_RETRY: &str = "
    T 2026-11-10 12:10:00 236.00 unknown tid=60110002 batch=000021 stan=000136 card=7706 text=交易超时
    T 2026-11-10 12:30:05 236.00 tid=60110003 batch=000021 stan=000332 rrn=600510002635 card=7706
    A 2026-11-10 12:10:00 236.00 tid=60110002 batch=000021 stan=000136 rrn=600510002559 card=7706 settle=2026-11-10
    A 2026-11-10 12:30:05 236.00 tid=60110003 batch=000021 stan=000332 rrn=600510002635 card=7706 settle=2026-11-10
";

/// A late retry (issue 9): the same card again 20 min later on another terminal. The finding
/// says it may be another purchase, asks the merchant to confirm with the customer first, and
/// names the failed one as the one to refund if it was a repeat payment.
#[test]
fn late_retry_wording() {
    let records = fixture::records(LATE_RETRY);
    let zh = analyze(&records, &options("2026-11-25", Lang::Zh));
    expect![[r#"
        可能重复扣款：卡号尾号 7706 在 20 分 5 秒 后又付了一次 236.00 元，请先与顾客确认
        终端上显示失败的一笔：2026-11-10 12:10:00，终端号 60110002，批次号 000021，凭证号 000136，参考号 600510002559，卡号尾号 7706，终端显示「交易超时」；终端上成功的一笔：2026-11-10 12:30:05，终端号 60110003，批次号 000021，凭证号 000332，参考号 600510002635，卡号尾号 7706。收单对账单显示两笔都已结算（acquirer.csv 第 2 行、acquirer.csv 第 3 行）。20 分 5 秒后同一张卡又付了一次，可能是重新付款，也可能是另一次消费：先与顾客确认。两笔相隔超过重复扣款判定窗口（15 分钟），所以不能断定是重复扣款；但失败的那一笔确实已经扣款。第二笔是在另一台终端（60110003）上收的：超时后收银员常换一台终端再收一次。
          evidence: 两台终端，同一商户：失败笔在终端 60110002，成功笔在终端 60110003
          evidence: 金额相同：236.00 元，两笔都已结算
          evidence: 卡号尾号相同：7706
          evidence: 两笔相隔 20 分 5 秒：超出重复扣款判定窗口 15 分钟，但在 60 分钟内、同一清算日，同一张卡
          evidence: 失败笔：按终端号 + 凭证号 + 日期匹配（第 2 轮，置信度 0.93）：终端号 60110002，凭证号 000136 / 000136（按数字比较）
          evidence: 失败笔：时间：终端 2026-11-10 12:10:00，对账单 2026-11-10 12:10:00，相差 0 秒
          evidence: 失败笔：金额一致：236.00 元
          evidence: 失败笔：卡号尾号一致：7706
          evidence: 失败笔：批次号：终端 000021，对账单 000021
          evidence: 成功笔：按参考号匹配（第 1 轮，置信度 0.97）：参考号 600510002635 两边一致
          evidence: 成功笔：时间：终端 2026-11-10 12:30:05，对账单 2026-11-10 12:30:05，相差 0 秒
          evidence: 成功笔：金额一致：236.00 元
          evidence: 成功笔：卡号尾号一致：7706
          evidence: 成功笔：批次号：终端 000021，对账单 000021
          1. 先与顾客确认 2026-11-10 12:30:05 的那一笔（终端号 60110003，批次号 000021，凭证号 000332，参考号 600510002635，卡号尾号 7706）是不是为同一次消费重新付的款：如果是，按下面的步骤退回失败的那一笔；如果是另一次消费，两笔都保留，失败的那一笔（终端号 60110002，批次号 000021，凭证号 000136，参考号 600510002559，卡号尾号 7706）按掉单处理：顾客没拿到商品就补交商品，或为它办理退货。
          2. 在原终端 60110002 上为终端显示失败的那一笔（终端号 60110002，批次号 000021，凭证号 000136，参考号 600510002559，卡号尾号 7706，236.00 元）办理退货：它已经结算，不能再撤销。
          3. 保留终端显示成功的那一笔（终端号 60110003，批次号 000021，凭证号 000332，参考号 600510002635，卡号尾号 7706），不要两笔都退。
          4. 如果确认是重新付款，告诉顾客多扣的 236.00 元 会退回：撤销一般当天即可到账，退货通常需要 3–5 个工作日。
          5. 如果 POS 上无法办理，联系收单机构处理，并提供：终端号 60110002、批次号 000021、凭证号 000136、参考号 600510002559、交易时间 2026-11-10 12:10:00、金额 236.00 元、卡号 621226******7706。
    "#]].assert_eq(&full_text(&zh[0]));
    let en = analyze(&records, &options("2026-11-25", Lang::En));
    expect![[r#"
        Possibly charged twice: card ending 7706 paid CNY 236.00 again 20 min 5 s later; confirm with the customer
        Shown as failed on the terminal: 2026-11-10 12:10:00, terminal 60110002, batch 000021, STAN 000136, RRN 600510002559, card ending 7706, the terminal showed "交易超时". Approved on the terminal: 2026-11-10 12:30:05, terminal 60110003, batch 000021, STAN 000332, RRN 600510002635, card ending 7706. The acquirer statement shows both settled (acquirer.csv line 2, acquirer.csv line 3). 20 min 5 s later the same card paid again: it may be the customer paying again, or another purchase; confirm with the customer first. The two are further apart than the duplicate window (15 min), so this cannot be called a double charge for sure; but the failed one was charged. The second charge was taken on another terminal (60110003): after a timeout cashiers often try the next terminal.
          evidence: two terminals of one merchant: the failed one on 60110002, the approved one on 60110003
          evidence: same amount: CNY 236.00, both settled
          evidence: same card ending: 7706
          evidence: 20 min 5 s apart: past the duplicate window of 15 min, but within 60 min, on the same clearing date, by the same card
          evidence: failed one: matched by terminal + STAN + date (pass 2, confidence 0.93): terminal 60110002, STAN 000136 / 000136 (compared as numbers)
          evidence: failed one: time: terminal 2026-11-10 12:10:00, statement 2026-11-10 12:10:00, 0 s apart
          evidence: failed one: same amount: CNY 236.00
          evidence: failed one: same card ending: 7706
          evidence: failed one: batch: terminal 000021, statement 000021
          evidence: approved one: matched by RRN (pass 1, confidence 0.97): RRN 600510002635 on both sides
          evidence: approved one: time: terminal 2026-11-10 12:30:05, statement 2026-11-10 12:30:05, 0 s apart
          evidence: approved one: same amount: CNY 236.00
          evidence: approved one: same card ending: 7706
          evidence: approved one: batch: terminal 000021, statement 000021
          1. First ask the customer whether the charge of 2026-11-10 12:30:05 (terminal 60110003, batch 000021, STAN 000332, RRN 600510002635, card ending 7706) paid again for the same purchase: if it did, refund the failed one as below; if it was another purchase, keep both, and the failed one (terminal 60110002, batch 000021, STAN 000136, RRN 600510002559, card ending 7706) is a dropped sale: hand over the goods the customer did not get, or refund it.
          2. On its own terminal 60110002, refund (退货) the charge the terminal showed as failed (terminal 60110002, batch 000021, STAN 000136, RRN 600510002559, card ending 7706, CNY 236.00); it is settled, so it can no longer be voided.
          3. Keep the charge the terminal approved (terminal 60110003, batch 000021, STAN 000332, RRN 600510002635, card ending 7706); do not refund both.
          4. If the customer confirms paying again: tell the customer the extra CNY 236.00 is coming back: a void is usually back the same day, a refund takes 3-5 working days.
          5. If the POS cannot do it, ask the acquirer, giving: terminal id 60110002, batch 000021, STAN 000136, RRN 600510002559, time 2026-11-10 12:10:00, amount CNY 236.00, card 621226******7706.
    "#]].assert_eq(&full_text(&en[0]));
}

const ANOTHER_TERMINAL: &str = "
    T 2026-11-05 14:11:27 782.58 unknown tid=10086602 batch=000015 stan=001007 card=9689 text=通讯超时
    T 2026-11-05 14:13:35 782.58 tid=10086601 batch=000015 stan=000697 rrn=309141301511
    A 2026-11-05 14:11:29 782.58 tid=10086602 batch=000015 stan=001007 rrn=900100700370 card=9689 settle=2026-11-05
    A 2026-11-05 14:13:36 782.58 tid=10086601 batch=000015 stan=000697 rrn=309141301511 settle=2026-11-05
";

/// A retry on another terminal whose card is unknown: both terminals named, the doubt said, the
/// receipts compared before the refund, and the refund on the failed charge's own terminal.
#[test]
fn duplicate_on_another_terminal_wording() {
    let records = fixture::records(ANOTHER_TERMINAL);
    let zh = analyze(&records, &options("2026-11-05", Lang::Zh));
    expect![[r#"
        疑似重复扣款：终端 10086602 和 10086601 在 2 分 8 秒 内各扣款 782.58 元（卡号无法核对）
        终端上显示失败的一笔：2026-11-05 14:11:27，终端号 10086602，批次号 000015，凭证号 001007，参考号 900100700370，卡号尾号 9689，终端显示「通讯超时」；终端上成功的一笔：2026-11-05 14:13:35，终端号 10086601，批次号 000015，凭证号 000697，参考号 309141301511。收单对账单显示两笔都已结算（acquirer.csv 第 2 行、acquirer.csv 第 3 行），很可能是顾客为同一次消费付了两次 782.58 元。通常是第一笔超时后收银员又收了一次，而第一笔的自动冲正没有成功。第二笔是在另一台终端（10086601）上收的：超时后收银员常换一台终端再收一次。但至少一笔没有卡号，文件无法确认两笔是同一位顾客：退款前请先核对两张签购单。
          evidence: 两台终端，同一商户：失败笔在终端 10086602，成功笔在终端 10086601
          evidence: 金额相同：782.58 元，两笔都已结算
          evidence: 卡号未知：至少一笔没有卡号，仅凭商户、金额和时间判断，无法确认是同一位顾客
          evidence: 两笔相隔 2 分 8 秒（重复扣款判定窗口 15 分钟）
          evidence: 失败笔：按终端号 + 凭证号 + 日期匹配（第 2 轮，置信度 0.93）：终端号 10086602，凭证号 001007 / 001007（按数字比较）
          evidence: 失败笔：时间：终端 2026-11-05 14:11:27，对账单 2026-11-05 14:11:29，相差 2 秒
          evidence: 失败笔：金额一致：782.58 元
          evidence: 失败笔：卡号尾号一致：9689
          evidence: 失败笔：批次号：终端 000015，对账单 000015
          evidence: 成功笔：按参考号匹配（第 1 轮，置信度 0.97）：参考号 309141301511 两边一致
          evidence: 成功笔：时间：终端 2026-11-05 14:13:35，对账单 2026-11-05 14:13:36，相差 1 秒
          evidence: 成功笔：金额一致：782.58 元
          evidence: 成功笔：批次号：终端 000015，对账单 000015
          1. 先核对两笔的签购单（卡号、持卡人签名）：如果是两位顾客，这不是重复扣款，失败的那一笔（终端号 10086602，批次号 000015，凭证号 001007，参考号 900100700370，卡号尾号 9689）按掉单处理：补交商品，或为它办理退货。
          2. 在原终端 10086602 上为终端显示失败的那一笔（终端号 10086602，批次号 000015，凭证号 001007，参考号 900100700370，卡号尾号 9689，782.58 元）退款：如果还在当天、同一批次且未结算，在 POS 上做「消费撤销」；已结算（批结算或 23:00 日切之后）则做「退货」。
          3. 保留终端显示成功的那一笔（终端号 10086601，批次号 000015，凭证号 000697，参考号 309141301511），不要两笔都退。
          4. 告诉顾客多扣的 782.58 元 会退回：撤销一般当天即可到账，退货通常需要 3–5 个工作日。
          5. 如果 POS 上无法办理，联系收单机构处理，并提供：终端号 10086602、批次号 000015、凭证号 001007、参考号 900100700370、交易时间 2026-11-05 14:11:29、金额 782.58 元、卡号 621226******9689。
    "#]].assert_eq(&full_text(&zh[0]));
    let en = analyze(&records, &options("2026-11-05", Lang::En));
    expect![[r#"
        Possibly charged twice: CNY 782.58 on terminal 10086602 and again on 10086601 within 2 min 8 s (card cannot be compared)
        Shown as failed on the terminal: 2026-11-05 14:11:27, terminal 10086602, batch 000015, STAN 001007, RRN 900100700370, card ending 9689, the terminal showed "通讯超时". Approved on the terminal: 2026-11-05 14:13:35, terminal 10086601, batch 000015, STAN 000697, RRN 309141301511. The acquirer statement shows both settled (acquirer.csv line 2, acquirer.csv line 3): most likely the customer paid CNY 782.58 twice for one purchase. Usually the first attempt timed out, the cashier charged again, and the first attempt's automatic reversal never arrived. The second charge was taken on another terminal (10086601): after a timeout cashiers often try the next terminal. But at least one of them has no card number, so the files cannot confirm it was the same customer: compare the two receipts before refunding.
          evidence: two terminals of one merchant: the failed one on 10086602, the approved one on 10086601
          evidence: same amount: CNY 782.58, both settled
          evidence: card unknown: at least one has no card number; judged on merchant, amount and time only, so it may be two customers
          evidence: 2 min 8 s apart (duplicate window 15 min)
          evidence: failed one: matched by terminal + STAN + date (pass 2, confidence 0.93): terminal 10086602, STAN 001007 / 001007 (compared as numbers)
          evidence: failed one: time: terminal 2026-11-05 14:11:27, statement 2026-11-05 14:11:29, 2 s apart
          evidence: failed one: same amount: CNY 782.58
          evidence: failed one: same card ending: 9689
          evidence: failed one: batch: terminal 000015, statement 000015
          evidence: approved one: matched by RRN (pass 1, confidence 0.97): RRN 309141301511 on both sides
          evidence: approved one: time: terminal 2026-11-05 14:13:35, statement 2026-11-05 14:13:36, 1 s apart
          evidence: approved one: same amount: CNY 782.58
          evidence: approved one: batch: terminal 000015, statement 000015
          1. First compare the two receipts (card number, signature): if they are two customers, this is no double charge, and the failed one (terminal 10086602, batch 000015, STAN 001007, RRN 900100700370, card ending 9689) is a dropped sale: hand over the goods or refund it.
          2. On its own terminal 10086602, refund the charge the terminal showed as failed (terminal 10086602, batch 000015, STAN 001007, RRN 900100700370, card ending 9689, CNY 782.58): void it (消费撤销) on the POS if it is still the same day and batch and not yet settled, otherwise refund it (退货).
          3. Keep the charge the terminal approved (terminal 10086601, batch 000015, STAN 000697, RRN 309141301511); do not refund both.
          4. Tell the customer the extra CNY 782.58 is coming back: a void is usually back the same day, a refund takes 3-5 working days.
          5. If the POS cannot do it, ask the acquirer, giving: terminal id 10086602, batch 000015, STAN 001007, RRN 900100700370, time 2026-11-05 14:11:29, amount CNY 782.58, card 621226******9689.
    "#]].assert_eq(&full_text(&en[0]));
}

#[test]
fn wallet_payouts_missing_short_and_late() {
    // WeChat Pay: Monday's takings (99.40 net) arrive Wednesday, a day late under D+1; Tuesday's
    // (49.70) never arrive. Alipay: 300.00 withdrawn on Tuesday arrives 290.00. A bank line the
    // owner moved from 零钱 and a customer's transfer of the missing amount are no payouts. No
    // terminal log: the wallet bills alone owe the bank.
    check(
        "wallet payouts",
        "2026-11-25",
        "W 2026-11-16 12:00:00 100.00 fee=0.60 pay=微信
         W 2026-11-17 12:00:00 50.00 fee=0.30 pay=微信
         W 2026-11-17 22:00:00 300.00 pay=支付宝 withdrawal file=2
         B 2026-11-16 08:00:00 10.00 debit party=某燃气公司
         B 2026-11-18 09:30:00 99.40 party=财付通支付科技有限公司 memo=微信支付结算
         B 2026-11-18 10:00:00 290.00 party=支付宝（中国）网络技术有限公司 memo=提现
         B 2026-11-18 11:00:00 49.70 party=张三 memo=转账
         B 2026-11-18 20:00:00 200.00 party=财付通支付科技有限公司 memo=微信零钱提现
         B 2026-11-24 08:00:00 10.00 debit party=某燃气公司",
        "F0001 missing_deposit high 49.70 0.85 wallet.csv:3 | 2026-11-17 -> 2026-11-18 !2026-11-23
         F0002 late_deposit low 99.40 0.80 bank.csv:3 wallet.csv:2 | 2026-11-16 -> 2026-11-17 !-
         F0003 deposit_mismatch high 10.00 0.75 bank.csv:4 acquirer-2.csv:2 | 2026-11-17 -> 2026-11-18 !2026-11-23",
    );
}

#[test]
fn the_owners_own_wallet_withdrawal_never_pays_a_merchant_payout() {
    // The owner withdraws his personal WeChat 零钱 (or 零钱通, or a personal Alipay account's
    // 余额) to the same card: a credit from 财付通 / 支付宝 of exactly the WeChat day's net
    // (95.92) or the Alipay withdrawal (81.00). It is the owner's own money, whatever its amount:
    // the day and the withdrawal stay unpaid (and the payouts that did arrive, from 财付通 and
    // 支付宝, show this is the account both wallets pay into: money findings, not questions).
    for (wechat_memo, alipay_memo) in [
        ("微信零钱提现", "支付宝余额提现"),
        ("零钱通转出-到银行卡", "余额提现"),
        ("财付通-微信零钱提现", "个人账户余额提现"),
    ] {
        check(
            &format!("own withdrawal: {wechat_memo} / {alipay_memo}"),
            "2026-11-27",
            &format!(
                "W 2026-11-16 12:00:00 100.00 fee=0.60 pay=微信
                 W 2026-11-17 12:00:00 96.50 fee=0.58 pay=微信
                 W 2026-11-18 10:00:00 81.00 pay=支付宝 withdrawal file=2
                 W 2026-11-16 10:00:00 50.00 pay=支付宝 withdrawal file=2
                 B 2026-11-16 08:00:00 10.00 debit party=某燃气公司
                 B 2026-11-16 11:00:00 50.00 party=支付宝（中国）网络技术有限公司 memo=支付宝提现
                 B 2026-11-17 09:30:00 99.40 party=财付通支付科技有限公司 memo=微信支付结算
                 B 2026-11-18 20:00:00 95.92 party=财付通支付科技有限公司 memo={wechat_memo}
                 B 2026-11-18 21:00:00 81.00 party=支付宝（中国）网络技术有限公司 memo={alipay_memo}
                 B 2026-11-26 08:00:00 10.00 debit party=某燃气公司"
            ),
            "F0001 missing_deposit high 95.92 0.85 wallet.csv:3 | 2026-11-17 -> 2026-11-18 !2026-11-23
             F0002 missing_deposit high 81.00 0.85 acquirer-2.csv:2 | 2026-11-18 -> 2026-11-19 !2026-11-24",
        );
    }
    // The owner's 零钱提现 the only credit from 财付通: it does not show that WeChat Pay pays into
    // this account, so the missing payout is a question, as with no credit from 财付通 at all.
    check(
        "own withdrawal, the only credit from 财付通",
        "2026-11-27",
        "W 2026-11-17 12:00:00 96.50 fee=0.58 pay=微信
         B 2026-11-16 08:00:00 10.00 debit party=某燃气公司
         B 2026-11-18 20:00:00 95.92 party=财付通支付科技有限公司 memo=微信零钱提现
         B 2026-11-26 08:00:00 10.00 debit party=某燃气公司",
        "F0001 missing_deposit low 95.92 0.40 wallet.csv:2 | 2026-11-17 -> 2026-11-18 !2026-11-23",
    );
}

#[test]
fn a_withdrawal_is_due_the_next_working_day() {
    // 39.26 withdrawn from Alipay on Friday 2026-11-20 at 18:00 is due on Monday 11-23, the next
    // working day: arriving on Saturday or Monday is on time, arriving on Wednesday is two
    // working days late, and the title names Monday as the due date (not "before Saturday").
    let case = |arrives: &str| {
        format!(
            "W 2026-11-20 18:00:00 39.26 pay=支付宝 withdrawal file=2
             B 2026-11-16 08:00:00 10.00 debit party=某燃气公司
             B {arrives} 10:00:00 39.26 party=支付宝（中国）网络技术有限公司 memo=支付宝提现
             B 2026-11-26 08:00:00 10.00 debit party=某燃气公司"
        )
    };
    for arrives in ["2026-11-20", "2026-11-21", "2026-11-23"] {
        check(&format!("withdrawal arriving {arrives}"), "2026-11-27", &case(arrives), "");
    }
    check(
        "withdrawal arriving Wednesday",
        "2026-11-27",
        &case("2026-11-25"),
        "F0001 late_deposit low 39.26 0.80 bank.csv:3 acquirer-2.csv:2 | 2026-11-20 -> 2026-11-23 !-",
    );
    let records = fixture::records(&case("2026-11-25"));
    let zh = analyze(&records, &options("2026-11-27", Lang::Zh));
    let text = full_text(&zh[0]);
    assert!(
        text.starts_with(
            "提现延迟到账：支付宝 2026-11-20 提现的 39.26 元 于 2026-11-25 到账，应于 2026-11-23 到账\n"
        ),
        "{text}"
    );
    assert!(text.contains("晚了 2 个工作日"), "{text}");
    let en = analyze(&records, &options("2026-11-27", Lang::En));
    assert!(en[0].title.ends_with("arrived on 2026-11-25, due on 2026-11-23"), "{}", en[0].title);
    assert!(en[0].explanation.contains("2 working day(s) late"), "{}", en[0].explanation);
}

#[test]
fn a_wallet_payout_sought_in_another_account_is_a_question() {
    // The bank statement never shows a credit from WeChat Pay: it may not be the account WeChat
    // pays into, so the missing payout is a question (low, 0.40), not a money finding.
    check(
        "wallet payout, other account",
        "2026-11-25",
        "W 2026-11-16 12:00:00 100.00 fee=0.60 pay=微信
         B 2026-11-16 08:00:00 10.00 debit party=某燃气公司
         B 2026-11-18 09:30:00 500.00 party=银联商务股份有限公司客户备付金 memo=POS收单
         B 2026-11-24 08:00:00 10.00 debit party=某燃气公司",
        "F0001 missing_deposit low 99.40 0.40 wallet.csv:2 | 2026-11-16 -> 2026-11-17 !2026-11-20",
    );
}

/// A sale that timed out on terminal 1 and was retried on terminal 3, both settled; `reversal`
/// adds the acquirer's 消费冲正 of the first, listed 40 hours later and naming it by 原参考号.
fn late_reversal(reversal: &str) -> String {
    with_background(&format!(
        "T 2026-11-10 16:40:00 76.00 unknown tid=1 stan=305 card=0553 text=交易超时
         T 2026-11-10 16:41:30 76.00 tid=3 stan=297 rrn=309100008056 card=0553
         A 2026-11-10 16:40:00 76.00 tid=1 stan=305 rrn=309100008053 card=0553 settle=2026-11-10
         A 2026-11-10 16:41:30 76.00 tid=3 stan=297 rrn=309100008056 card=0553 settle=2026-11-10
         {reversal}"
    ))
}

#[test]
fn a_late_reversal_naming_the_sale_leaves_no_money_finding() {
    // Issue 9: the acquirer reversed the timed-out sale two days later. The customer paid once
    // (the retry); telling the merchant to refund the first charge would give money away.
    check(
        "消费冲正 40 h after the sale, naming it by 原参考号",
        "2026-11-25",
        &late_reversal(
            "A 2026-11-12 08:40:35 76.00 reversal tid=1 stan=305 rrn=309100008053 orrn=309100008053 card=0553 settle=2026-11-12",
        ),
        "",
    );
    check(
        "twin without the reversal: the customer was charged twice",
        "2026-11-25",
        &late_reversal(""),
        "F0001 duplicate_charge high 76.00 0.93 T5 A5 T6 A6 | 2026-11-10 -> 2026-11-11 !-",
    );
}

#[test]
fn a_refund_larger_than_its_sale_is_a_finding() {
    // Issue 9: 650.00 keyed for a 65.00 sale, the refund naming the sale by 原参考号 and settled.
    // The shop gave back 585.00 it never took; before, only `Chain.over_refunded_cents` said so.
    check(
        "退货 650.00 of a 65.00 sale, both settled",
        "2026-11-25",
        &with_background(
            "T 2026-11-10 13:10:00 65.00 tid=1 stan=680 rrn=309100008074 card=1560
             A 2026-11-10 13:10:00 65.00 tid=1 stan=680 rrn=309100008074 card=1560 settle=2026-11-10
             T 2026-11-11 10:20:00 650.00 refund tid=1 stan=709 rrn=309100008084 ostan=680 orrn=309100008074 card=1560
             A 2026-11-11 10:20:00 650.00 refund tid=1 stan=709 rrn=309100008084 orrn=309100008074 card=1560 settle=2026-11-11",
        ),
        "F0001 over_refund high 585.00 0.90 A6 T6 A5 T5 | 2026-11-11 -> 2026-11-12 !-",
    );
    check(
        "partial refunds passing the sale, only on the terminal log",
        "2026-11-25",
        "T 2026-11-16 12:30:05 350.00 tid=10086601 stan=000701 rrn=309141601230 card=9689
         T 2026-11-17 10:05:00 200.00 refund tid=10086601 stan=000731 ostan=000701 card=9689
         T 2026-11-18 10:09:30 200.00 refund tid=10086601 stan=000732 ostan=000701 card=9689",
        "F0001 over_refund medium 50.00 0.70 T4 T2 T3 | 2026-11-18 -> 2026-11-19 !-",
    );
    check(
        "quiet twin: a partial refund within the sale",
        "2026-11-25",
        &with_background(
            "T 2026-11-10 13:10:00 65.00 tid=1 stan=680 rrn=309100008074 card=1560
             A 2026-11-10 13:10:00 65.00 tid=1 stan=680 rrn=309100008074 card=1560 settle=2026-11-10
             T 2026-11-11 10:20:00 6.50 refund tid=1 stan=709 rrn=309100008084 orrn=309100008074 card=1560
             A 2026-11-11 10:20:00 6.50 refund tid=1 stan=709 rrn=309100008084 orrn=309100008074 card=1560 settle=2026-11-11",
        ),
        "",
    );
}

#[test]
fn over_refund_wording() {
    let records = fixture::records(
        "A 2026-11-10 13:10:00 65.00 tid=1 stan=680 rrn=309100008074 card=1560 settle=2026-11-10
         A 2026-11-11 10:20:00 650.00 refund tid=1 stan=709 rrn=309100008084 orrn=309100008074 card=1560 settle=2026-11-11",
    );
    let zh = analyze(&records, &options("2026-11-25", Lang::Zh));
    assert_eq!(zh.len(), 1);
    assert_eq!(
        zh[0].title,
        "退货金额超过原交易：原消费 65.00 元，退货 650.00 元，多退了 585.00 元"
    );
    assert!(full_text(&zh[0]).contains("差错处理"), "{}", full_text(&zh[0]));
    assert!(full_text(&zh[0]).contains("联系持卡人"), "{}", full_text(&zh[0]));
    let en = analyze(&records, &options("2026-11-25", Lang::En));
    assert_eq!(
        en[0].title,
        "Refund larger than the sale: sale CNY 65.00, refunded CNY 650.00, CNY 585.00 too much"
    );
}

/// A sale that timed out on terminal 1 (settled, RRN 309100008053) and its approved retry on the
/// same terminal (RRN 309100008056), card 0553, 76.00; `more` adds lines (refunds).
fn refunded_twice(more: &str) -> String {
    with_background(&format!(
        "T 2026-11-10 16:40:00 76.00 unknown tid=1 stan=305 card=0553 text=交易超时
         T 2026-11-10 16:41:30 76.00 tid=1 stan=306 rrn=309100008056 card=0553
         A 2026-11-10 16:40:00 76.00 tid=1 stan=305 rrn=309100008053 card=0553 settle=2026-11-10
         A 2026-11-10 16:41:30 76.00 tid=1 stan=306 rrn=309100008056 card=0553 settle=2026-11-10
         {more}"
    ))
}

#[test]
fn a_refund_already_made_closes_or_lowers_the_finding() {
    // Tester 14 (in6-in8): the shop had refunded the duplicate, and the report still said to
    // refund it. Every refund-asking kind, refunded in full (info, nothing owed) or in part (the
    // rest still owed), and the twins without a refund.
    let cases: &[(&str, String, &str)] = &[
        (
            "duplicate: the failed charge refunded by 原参考号, on both sides",
            refunded_twice(
                "T 2026-11-11 08:55:00 76.00 refund tid=1 stan=320 rrn=309100008099 orrn=309100008053 card=0553
                 A 2026-11-11 08:55:00 76.00 refund tid=1 stan=320 rrn=309100008099 orrn=309100008053 card=0553 settle=2026-11-11",
            ),
            "F0001 duplicate_charge info 0.00 0.93 T5 A5 T6 A6 A7 | 2026-11-10 -> 2026-11-11 !-",
        ),
        (
            "duplicate: refunded without 原参考号 (card, amount)",
            refunded_twice(
                "A 2026-11-11 08:55:00 76.00 refund tid=1 stan=320 rrn=309100008099 card=0553 settle=2026-11-11",
            ),
            "F0001 duplicate_charge info 0.00 0.93 T5 A5 T6 A6 A7 | 2026-11-10 -> 2026-11-11 !-",
        ),
        (
            "duplicate: the approved charge refunded instead (the customer got the extra back)",
            refunded_twice(
                "A 2026-11-11 08:55:00 76.00 refund tid=1 stan=320 rrn=309100008099 orrn=309100008056 card=0553 settle=2026-11-11",
            ),
            "F0001 duplicate_charge info 0.00 0.93 T5 A5 T6 A6 A7 | 2026-11-10 -> 2026-11-11 !-",
        ),
        (
            "duplicate: refunded in part, the rest still owed",
            refunded_twice(
                "A 2026-11-11 08:55:00 30.00 refund tid=1 stan=320 rrn=309100008099 orrn=309100008053 card=0553 settle=2026-11-11",
            ),
            "F0001 duplicate_charge high 46.00 0.93 T5 A5 T6 A6 A7 | 2026-11-10 -> 2026-11-11 !-",
        ),
        (
            "twin: duplicate, no refund",
            refunded_twice(""),
            "F0001 duplicate_charge high 76.00 0.93 T5 A5 T6 A6 | 2026-11-10 -> 2026-11-11 !-",
        ),
        (
            "dropped sale refunded in full",
            with_background(
                "T 2026-11-10 10:05:40 256.00 unknown tid=1 stan=1002 card=3321 text=交易超时
                 A 2026-11-10 10:05:40 256.00 tid=1 stan=1002 rrn=309140500028 card=3321 settle=2026-11-10
                 A 2026-11-11 09:20:00 256.00 refund tid=1 stan=1030 rrn=309140500400 orrn=309140500028 card=3321 settle=2026-11-11",
            ),
            "F0001 charged_but_failed info 0.00 0.93 T5 A5 A6 | 2026-11-10 -> 2026-11-11 !-",
        ),
        (
            "dropped sale refunded in part",
            with_background(
                "T 2026-11-10 10:05:40 256.00 unknown tid=1 stan=1002 card=3321 text=交易超时
                 A 2026-11-10 10:05:40 256.00 tid=1 stan=1002 rrn=309140500028 card=3321 settle=2026-11-10
                 A 2026-11-11 09:20:00 100.00 refund tid=1 stan=1030 rrn=309140500400 orrn=309140500028 card=3321 settle=2026-11-11",
            ),
            "F0001 charged_but_failed high 156.00 0.93 T5 A5 A6 | 2026-11-10 -> 2026-11-11 !-",
        ),
        (
            "settled for more than shown, the difference refunded",
            with_background(
                "T 2026-11-10 12:00:00 36.50 tid=1 stan=400 rrn=309140500500 card=1111
                 A 2026-11-10 12:00:00 365.00 tid=1 stan=400 rrn=309140500500 card=1111 settle=2026-11-10
                 A 2026-11-10 12:30:00 328.50 refund tid=1 stan=401 rrn=309140500501 orrn=309140500500 card=1111 settle=2026-11-10",
            ),
            "F0001 amount_mismatch info 0.00 0.97 T5 A5 A6 | 2026-11-10 -> 2026-11-11 !-",
        ),
        (
            "settled for more than shown, part of the difference refunded",
            with_background(
                "T 2026-11-10 12:00:00 36.50 tid=1 stan=400 rrn=309140500500 card=1111
                 A 2026-11-10 12:00:00 365.00 tid=1 stan=400 rrn=309140500500 card=1111 settle=2026-11-10
                 A 2026-11-10 12:30:00 100.00 refund tid=1 stan=401 rrn=309140500501 orrn=309140500500 card=1111 settle=2026-11-10",
            ),
            "F0001 amount_mismatch high 228.50 0.97 T5 A5 A6 | 2026-11-10 -> 2026-11-11 !-",
        ),
    ];
    for (name, fixture_text, expected) in cases {
        check(name, "2026-11-25", fixture_text, expected);
    }
}

#[test]
fn a_refunded_finding_words_the_refund_and_counts_nowhere() {
    let records = fixture::records(&refunded_twice(
        "A 2026-11-11 08:55:00 76.00 refund tid=1 stan=320 rrn=309100008099 orrn=309100008053 card=0553 settle=2026-11-11",
    ));
    let zh = analyze(&records, &options("2026-11-25", Lang::Zh));
    assert_eq!(zh[0].title, "已退款：重复扣款 76.00 元 已于 2026-11-11 全额退回顾客，无需再退");
    let text = full_text(&zh[0]);
    assert!(text.contains("参考号 309100008099"), "{text}");
    assert!(text.contains("无需再退款"), "{text}");
    assert!(!text.contains("办理退货"), "{text}");
    assert_eq!(crate::report::answer::direction(&zh[0]), None);
    let en = analyze(&records, &options("2026-11-25", Lang::En));
    assert!(en[0].title.starts_with("Already refunded: "), "{}", en[0].title);
    assert!(full_text(&en[0]).contains("RRN 309100008099"), "{}", full_text(&en[0]));
    // In part: the rest is what the finding asks for.
    let records = fixture::records(&refunded_twice(
        "A 2026-11-11 08:55:00 30.00 refund tid=1 stan=320 rrn=309100008099 orrn=309100008053 card=0553 settle=2026-11-11",
    ));
    let zh = analyze(&records, &options("2026-11-25", Lang::Zh));
    assert!(zh[0].actions[0].contains("只需再退 46.00 元"), "{:?}", zh[0].actions);
}

#[test]
fn one_sale_charged_three_times_or_more_is_one_duplicate_charge() {
    // Tester 14 (in3): two timeouts, then the approved charge, same card, all settled. One
    // finding naming both extra charges, amount both of them.
    let cases: &[(&str, String, &str)] = &[
        (
            "three charges on one terminal",
            with_background(
                "T 2026-11-10 19:30:05 188.00 unknown tid=1 stan=506 card=3321 text=交易超时
                 T 2026-11-10 19:30:50 188.00 unknown tid=1 stan=516 card=3321 text=交易超时
                 T 2026-11-10 19:31:20 188.00 tid=1 stan=507 rrn=408120000084 card=3321
                 A 2026-11-10 19:30:05 188.00 tid=1 stan=506 rrn=408120000077 card=3321 settle=2026-11-10
                 A 2026-11-10 19:30:50 188.00 tid=1 stan=516 rrn=408120000999 card=3321 settle=2026-11-10
                 A 2026-11-10 19:31:20 188.00 tid=1 stan=507 rrn=408120000084 card=3321 settle=2026-11-10",
            ),
            "F0001 duplicate_charge high 376.00 0.93 T5 A5 T6 A6 T7 A7 | 2026-11-10 -> 2026-11-11 !-",
        ),
        (
            "four charges",
            with_background(
                "T 2026-11-10 19:30:05 188.00 unknown tid=1 stan=506 card=3321 text=交易超时
                 T 2026-11-10 19:30:50 188.00 unknown tid=1 stan=516 card=3321 text=交易超时
                 T 2026-11-10 19:31:10 188.00 declined tid=1 stan=517 card=3321 code=96
                 T 2026-11-10 19:31:40 188.00 tid=1 stan=507 rrn=408120000084 card=3321
                 A 2026-11-10 19:30:05 188.00 tid=1 stan=506 rrn=408120000077 card=3321 settle=2026-11-10
                 A 2026-11-10 19:30:50 188.00 tid=1 stan=516 rrn=408120000999 card=3321 settle=2026-11-10
                 A 2026-11-10 19:31:10 188.00 tid=1 stan=517 rrn=408120000998 card=3321 settle=2026-11-10
                 A 2026-11-10 19:31:40 188.00 tid=1 stan=507 rrn=408120000084 card=3321 settle=2026-11-10",
            ),
            "F0001 duplicate_charge high 564.00 0.93 T5 A5 T6 A6 T7 A7 T8 A8 | 2026-11-10 -> 2026-11-11 !-",
        ),
        (
            "a retry chain across two terminals",
            with_background(
                "T 2026-11-10 19:30:05 188.00 unknown tid=1 stan=506 card=3321 text=交易超时
                 T 2026-11-10 19:30:50 188.00 unknown tid=2 stan=516 card=3321 text=交易超时
                 T 2026-11-10 19:31:20 188.00 tid=2 stan=507 rrn=408120000084 card=3321
                 A 2026-11-10 19:30:05 188.00 tid=1 stan=506 rrn=408120000077 card=3321 settle=2026-11-10
                 A 2026-11-10 19:30:50 188.00 tid=2 stan=516 rrn=408120000999 card=3321 settle=2026-11-10
                 A 2026-11-10 19:31:20 188.00 tid=2 stan=507 rrn=408120000084 card=3321 settle=2026-11-10",
            ),
            "F0001 duplicate_charge high 376.00 0.93 T5 A5 T6 A6 T7 A7 | 2026-11-10 -> 2026-11-11 !-",
        ),
        (
            "three charges, one extra already refunded: the other still owed",
            with_background(
                "T 2026-11-10 19:30:05 188.00 unknown tid=1 stan=506 card=3321 text=交易超时
                 T 2026-11-10 19:30:50 188.00 unknown tid=1 stan=516 card=3321 text=交易超时
                 T 2026-11-10 19:31:20 188.00 tid=1 stan=507 rrn=408120000084 card=3321
                 A 2026-11-10 19:30:05 188.00 tid=1 stan=506 rrn=408120000077 card=3321 settle=2026-11-10
                 A 2026-11-10 19:30:50 188.00 tid=1 stan=516 rrn=408120000999 card=3321 settle=2026-11-10
                 A 2026-11-10 19:31:20 188.00 tid=1 stan=507 rrn=408120000084 card=3321 settle=2026-11-10
                 A 2026-11-11 08:55:00 188.00 refund tid=1 stan=520 rrn=408120000300 orrn=408120000077 card=3321 settle=2026-11-11",
            ),
            "F0001 duplicate_charge high 188.00 0.93 T5 A5 T6 A6 T7 A7 A8 | 2026-11-10 -> 2026-11-11 !-",
        ),
        (
            "twin: the second failure is another card, so another customer",
            with_background(
                "T 2026-11-10 19:30:05 188.00 unknown tid=1 stan=506 card=3321 text=交易超时
                 T 2026-11-10 19:30:50 188.00 unknown tid=1 stan=516 card=4444 text=交易超时
                 T 2026-11-10 19:31:20 188.00 tid=1 stan=507 rrn=408120000084 card=3321
                 A 2026-11-10 19:30:05 188.00 tid=1 stan=506 rrn=408120000077 card=3321 settle=2026-11-10
                 A 2026-11-10 19:30:50 188.00 tid=1 stan=516 rrn=408120000999 card=4444 settle=2026-11-10
                 A 2026-11-10 19:31:20 188.00 tid=1 stan=507 rrn=408120000084 card=3321 settle=2026-11-10",
            ),
            "F0001 duplicate_charge high 188.00 0.93 T5 A5 T7 A7 | 2026-11-10 -> 2026-11-11 !-
             F0002 charged_but_failed high 188.00 0.93 T6 A6 | 2026-11-10 -> 2026-11-11 !-",
        ),
    ];
    for (name, fixture_text, expected) in cases {
        check(name, "2026-11-25", fixture_text, expected);
    }
}

#[test]
fn three_charges_wording_names_each_extra_charge() {
    let records = fixture::records(&with_background(
        "T 2026-11-10 19:30:05 188.00 unknown tid=1 stan=506 card=3321 text=交易超时
         T 2026-11-10 19:30:50 188.00 unknown tid=1 stan=516 card=3321 text=交易超时
         T 2026-11-10 19:31:20 188.00 tid=1 stan=507 rrn=408120000084 card=3321
         A 2026-11-10 19:30:05 188.00 tid=1 stan=506 rrn=408120000077 card=3321 settle=2026-11-10
         A 2026-11-10 19:30:50 188.00 tid=1 stan=516 rrn=408120000999 card=3321 settle=2026-11-10
         A 2026-11-10 19:31:20 188.00 tid=1 stan=507 rrn=408120000084 card=3321 settle=2026-11-10",
    ));
    let zh = analyze(&records, &options("2026-11-25", Lang::Zh));
    assert_eq!(
        zh[0].title,
        "重复扣款：卡号尾号 3321 的一次消费被扣了 3 次 188.00 元，多扣 376.00 元"
    );
    let text = full_text(&zh[0]);
    for rrn in ["408120000077", "408120000999"] {
        assert!(zh[0].actions.iter().any(|a| a.contains(rrn) && a.contains("退货")), "{text}");
    }
    assert!(text.contains("多扣的 376.00 元"), "{text}");
    let en = analyze(&records, &options("2026-11-25", Lang::En));
    assert!(en[0].title.starts_with("Charged 3 times: card ending 3321"), "{}", en[0].title);
    assert!(full_text(&en[0]).contains("RRN 408120000999"), "{}", full_text(&en[0]));
}
