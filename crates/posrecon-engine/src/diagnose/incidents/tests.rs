//! Data-driven incident tests: records in (the matcher's one-line fixture format), incidents out.
//!
//! Every detector has a case where it fires and a quiet case built from the noise a normal shop
//! produces, which must raise nothing. Each case runs in Chinese and English and on several
//! permutations of its records; the incidents and the findings' links must not change.

use chrono::NaiveDate;

use super::Diagnosis;
use super::operator::{Slip, slip};
use crate::config::{Lang, Options};
use crate::matcher::{self, fixture};
use crate::model::Record;
use crate::report::{Finding, Incident};

fn analyze(records: &[Record], lang: Lang) -> (Vec<Finding>, Diagnosis) {
    let mut options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 25).expect("date"));
    options.lang = lang;
    let set = matcher::run(records, &options.settings);
    let inputs = fixture::inputs();
    let mut findings = crate::diagnose::run(records, &inputs, &set, &options);
    let diagnosis = crate::diagnose::incidents(records, &inputs, &set, &options, &mut findings);
    (findings, diagnosis)
}

/// `I1 network 0.85 [1] 2026-11-10 11:00:05..11:09:00 n=4 {none:4} F0001`, per finding
/// with a cause `F0001 pending_outcome network I1`, then `cardholder n=3 [2,3] {51:1 55:2}` for
/// the cardholder profile and `health-note [1]` for each terminal whose drop rate stands out.
fn render(findings: &[Finding], diagnosis: &Diagnosis) -> String {
    let incidents = &diagnosis.incidents;
    let mut lines: Vec<String> = incidents
        .iter()
        .map(|i| {
            let codes: Vec<String> =
                i.response_codes.iter().map(|(c, n)| format!("{c}:{n}")).collect();
            format!(
                "{} {} {:.2} [{}] {}..{} n={} {{{}}} {}",
                i.id,
                serde_json::to_value(i.cause).unwrap().as_str().unwrap(),
                i.confidence,
                i.terminal_ids.join(","),
                i.start.format("%Y-%m-%d %H:%M:%S"),
                i.end.format("%m-%d %H:%M:%S"),
                i.attempts,
                codes.join(" "),
                i.finding_ids.join(","),
            )
            .trim_end()
            .to_owned()
        })
        .collect();
    for f in findings {
        if let Some(cause) = f.cause {
            lines.push(format!(
                "{} {} {} {}",
                f.id,
                f.kind.as_str(),
                serde_json::to_value(cause).unwrap().as_str().unwrap(),
                f.incident_id.as_deref().unwrap_or("-")
            ));
        }
    }
    if let Some(c) = &diagnosis.cardholder_declines {
        let codes: Vec<String> = c.response_codes.iter().map(|(c, n)| format!("{c}:{n}")).collect();
        lines.push(format!(
            "cardholder n={} [{}] {{{}}}",
            c.declines,
            c.terminal_ids.join(","),
            codes.join(" ")
        ));
    }
    for row in diagnosis.terminal_health.iter().flat_map(|h| &h.terminals) {
        if row.note.is_some() {
            lines.push(format!("health-note [{}]", row.terminal_id));
        }
    }
    lines.join("\n")
}

fn check_invariants(name: &str, findings: &[Finding], diagnosis: &Diagnosis) {
    let incidents: &[Incident] = &diagnosis.incidents;
    if let Some(c) = &diagnosis.cardholder_declines {
        assert_eq!(c.response_codes.values().sum::<u64>(), c.declines, "{name}: profile counts");
        assert!(c.first <= c.last && !c.summary.is_empty() && c.advice.len() >= 2, "{name}");
    }
    for row in diagnosis.terminal_health.iter().flat_map(|h| &h.terminals) {
        assert_eq!(row.approved + row.declined + row.dropped, row.attempts, "{name}: health");
        let by_day: u64 = row.days.iter().map(|d| d.1).sum();
        assert_eq!(by_day, row.attempts, "{name}: health days");
        for d in &row.days {
            assert_eq!(d.2 + d.3 + d.4, d.1, "{name}: health day {}", d.0);
        }
    }
    for (pos, i) in incidents.iter().enumerate() {
        assert_eq!(i.id, format!("I{}", pos + 1), "{name}: ids out of order");
        assert!(i.attempts > 0 && i.start <= i.end, "{name}: {} empty or inverted", i.id);
        assert_eq!(i.response_codes.values().sum::<u64>(), i.attempts, "{name}: code counts");
        assert!(!i.title.is_empty() && !i.evidence.is_empty() && !i.actions.is_empty());
        for fid in &i.finding_ids {
            let f = findings.iter().find(|f| &f.id == fid).expect("linked finding exists");
            assert_eq!(f.incident_id.as_deref(), Some(i.id.as_str()), "{name}: back link");
            assert_eq!(f.cause, Some(i.cause), "{name}: finding takes the incident's cause");
            assert!(f.actions.iter().any(|a| a.contains(&i.id)), "{name}: actions name {}", i.id);
        }
    }
    for f in findings {
        if let Some(id) = &f.incident_id {
            let i = incidents.iter().find(|i| &i.id == id).expect("incident exists");
            assert!(i.finding_ids.contains(&f.id), "{name}: forward link");
        }
    }
}

/// The numbers of a text, in order of size: `"终端 1008 在 10:05 失败 3 笔"` -> `["05", "10", "1008", "3"]`.
fn numbers(text: &str) -> Vec<String> {
    let mut runs: Vec<String> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .map(str::to_owned)
        .collect();
    runs.sort();
    runs
}

/// The Chinese and the English report word the same facts: the same incidents with as many
/// evidence and action lines, titles naming the same numbers (terminals, times, counts,
/// amounts), and the same profile and health notes. A branch worded in one language only, or a
/// fact left out of one title, fails here.
fn check_same_facts(name: &str, zh: &Diagnosis, en: &Diagnosis) {
    assert_eq!(zh.incidents.len(), en.incidents.len(), "{name}: incidents");
    for (z, e) in zh.incidents.iter().zip(&en.incidents) {
        assert_eq!(numbers(&z.title), numbers(&e.title), "{name}: {} / {}", z.title, e.title);
        assert_eq!(z.evidence.len(), e.evidence.len(), "{name}: evidence of {}", z.title);
        assert_eq!(z.actions.len(), e.actions.len(), "{name}: actions of {}", z.title);
    }
    let advice = |d: &Diagnosis| d.cardholder_declines.as_ref().map(|c| c.advice.len());
    assert_eq!(advice(zh), advice(en), "{name}: cardholder advice");
    let notes = |d: &Diagnosis| -> Vec<(usize, usize, Vec<String>)> {
        let rows = d.terminal_health.iter().flat_map(|h| &h.terminals);
        rows.filter_map(|t| t.note.as_ref())
            .map(|n| (n.evidence.len(), n.actions.len(), numbers(&n.title)))
            .collect()
    };
    assert_eq!(notes(zh), notes(en), "{name}: health notes");
}

fn check(name: &str, fixture_text: &str, expected: &str) {
    let records = fixture::records(fixture_text);
    let expected: Vec<&str> = expected.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let expected = expected.join("\n");
    check_same_facts(name, &analyze(&records, Lang::Zh).1, &analyze(&records, Lang::En).1);
    for lang in [Lang::Zh, Lang::En] {
        let (findings, diagnosis) = analyze(&records, lang);
        check_invariants(name, &findings, &diagnosis);
        assert_eq!(render(&findings, &diagnosis), expected, "case {name} ({lang:?})");
        for shuffled in fixture::permutations(&records) {
            assert_eq!(
                analyze(&shuffled, lang),
                (findings.clone(), diagnosis.clone()),
                "case {name} ({lang:?}): depends on input order"
            );
        }
    }
}

/// Two other terminals selling normally on 2026-11-10 from 10:00 to 16:30, every 30 minutes, on
/// cards of several issuers. No acquirer statement, so unknown attempts become pending findings.
fn busy_day() -> String {
    let mut out = String::new();
    for (n, minute) in (0..=390).step_by(30).enumerate() {
        let (h, m) = (10 + minute / 60, minute % 60);
        let bin = ["436742", "622588", "621700"][n % 3];
        out.push_str(&format!(
            "T 2026-11-10 {h:02}:{m:02}:10 25.00 tid=2 card={bin}******{:04}\n",
            1000 + n
        ));
        out.push_str(&format!(
            "T 2026-11-10 {h:02}:{m:02}:40 38.00 tid=3 card={bin}******{:04}\n",
            2000 + n
        ));
    }
    out
}

fn case(name: &str, lines: &str, expected: &str) {
    check(name, &format!("{}\n{lines}", busy_day()), expected);
}

#[test]
fn network_burst_on_one_terminal() {
    case(
        "four no-replies within ten minutes on terminal 1, others fine",
        "T 2026-11-10 11:00:05 56.00 unknown tid=1 stan=11 text=交易超时
         T 2026-11-10 11:03:00 56.00 unknown tid=1 stan=12 text=交易超时
         T 2026-11-10 11:05:30 56.00 unknown tid=1 stan=13 text=通讯失败
         T 2026-11-10 11:09:00 56.00 unknown tid=1 stan=14",
        "I1 network 0.85 [1] 2026-11-10 11:00:05..11-10 11:09:00 n=4 {none:4} F0001,F0002,F0003,F0004
         F0001 pending_outcome network I1
         F0002 pending_outcome network I1
         F0003 pending_outcome network I1
         F0004 pending_outcome network I1
         health-note [1]",
    );
}

#[test]
fn network_quiet_for_a_single_timeout_or_spread_out_ones() {
    case(
        "one timeout, and two more 40 minutes apart on another terminal",
        "T 2026-11-10 11:00:05 56.00 unknown tid=1 stan=11 text=交易超时
         T 2026-11-10 13:00:00 56.00 unknown tid=4 stan=21 text=交易超时
         T 2026-11-10 13:40:00 56.00 unknown tid=4 stan=22 text=交易超时",
        "F0001 pending_outcome network -
         F0002 pending_outcome network -
         F0003 pending_outcome network -",
    );
}

#[test]
fn signal_same_hour_day_after_day() {
    check(
        "terminal 1 times out around 12:00-12:40 on three days, works the rest of the day",
        "T 2026-11-10 09:30:00 20.00 tid=1
         T 2026-11-10 12:10:00 20.00 unknown tid=1 text=交易超时
         T 2026-11-10 12:25:00 20.00 unknown tid=1 text=交易超时
         T 2026-11-10 16:00:00 20.00 tid=1
         T 2026-11-11 09:30:00 20.00 tid=1
         T 2026-11-11 12:15:00 20.00 unknown tid=1 text=交易超时
         T 2026-11-11 12:30:00 20.00 tid=1
         T 2026-11-11 16:00:00 20.00 tid=1
         T 2026-11-12 09:30:00 20.00 tid=1
         T 2026-11-12 12:05:00 20.00 unknown tid=1 text=交易超时
         T 2026-11-12 12:40:00 20.00 unknown tid=1 text=交易超时
         T 2026-11-12 16:00:00 20.00 tid=1",
        "I1 signal 0.80 [1] 2026-11-10 12:10:00..11-12 12:40:00 n=5 {none:5} F0001,F0002,F0003,F0004,F0005
         F0001 pending_outcome signal I1
         F0002 pending_outcome signal I1
         F0003 pending_outcome signal I1
         F0004 pending_outcome signal I1
         F0005 pending_outcome signal I1",
    );
}

#[test]
fn signal_quiet_for_timeouts_at_scattered_hours() {
    check(
        "one timeout a day at different hours",
        "T 2026-11-10 09:10:00 20.00 unknown tid=1 text=交易超时
         T 2026-11-10 12:00:00 20.00 tid=1
         T 2026-11-11 13:30:00 20.00 unknown tid=1 text=交易超时
         T 2026-11-11 16:00:00 20.00 tid=1
         T 2026-11-12 17:45:00 20.00 unknown tid=1 text=交易超时
         T 2026-11-13 20:05:00 20.00 unknown tid=1 text=交易超时",
        "F0001 pending_outcome network -
         F0002 pending_outcome network -
         F0003 pending_outcome network -
         F0004 pending_outcome network -",
    );
}

#[test]
fn bank_outage_across_terminals() {
    case(
        "96 and 98 on three terminals in the same five minutes",
        "T 2026-11-10 14:00:20 25.00 declined tid=2 code=96 card=436742******5521
         T 2026-11-10 14:01:05 38.00 declined tid=3 code=96 card=622588******7710
         T 2026-11-10 14:02:30 56.00 unknown tid=1 code=98 card=621700******3345
         T 2026-11-10 14:03:10 25.00 declined tid=2 code=96 card=622848******1234",
        "I1 bank_system 0.85 [] 2026-11-10 14:00:20..11-10 14:03:10 n=4 {96:3 98:1} F0001
         F0001 pending_outcome bank_system I1",
    );
}

#[test]
fn bank_quiet_for_one_terminal_or_one_code() {
    case(
        "a single 96, and three 96 on one terminal while the other terminals work",
        "T 2026-11-10 11:00:20 25.00 declined tid=2 code=96
         T 2026-11-10 14:00:20 25.00 declined tid=4 code=96
         T 2026-11-10 14:01:20 25.00 declined tid=4 code=96
         T 2026-11-10 14:02:20 25.00 declined tid=4 code=96",
        "",
    );
}

#[test]
fn bank_cutover_at_23_00() {
    check(
        "90 and 96 just before and after 23:00",
        "T 2026-11-10 22:40:00 30.00 tid=1
         T 2026-11-10 22:58:00 30.00 declined tid=1 code=90
         T 2026-11-10 23:03:00 30.00 declined tid=1 code=96
         T 2026-11-10 23:10:00 30.00 tid=1",
        "I1 bank_system 0.80 [1] 2026-11-10 22:58:00..11-10 23:03:00 n=2 {90:1 96:1}",
    );
    check(
        "one 90 at the cut-over is noise",
        "T 2026-11-10 22:59:00 30.00 declined tid=1 code=90
         T 2026-11-10 23:10:00 30.00 tid=1",
        "",
    );
}

#[test]
fn issuer_failing_while_other_cards_pass() {
    case(
        "91 on three different cards of BIN 622848 within an hour",
        "T 2026-11-10 15:00:00 88.00 declined tid=2 code=91 card=622848******1111
         T 2026-11-10 15:20:00 45.00 declined tid=3 code=91 card=622848******2222
         T 2026-11-10 15:50:00 12.00 unknown tid=2 code=98 card=622848******3333",
        "I1 issuer 0.85 [2,3] 2026-11-10 15:00:00..11-10 15:50:00 n=3 {91:2 98:1} F0001
         F0001 pending_outcome issuer I1",
    );
    case(
        "one customer's card refused three times is not the issuer",
        "T 2026-11-10 15:00:00 88.00 declined tid=2 code=91 card=622848******1111
         T 2026-11-10 15:01:00 88.00 declined tid=2 code=91 card=622848******1111
         T 2026-11-10 15:02:00 88.00 declined tid=2 code=91 card=622848******1111",
        "",
    );
}

#[test]
fn terminal_keys_and_reader() {
    case(
        "A0 three times on terminal 1 and 14 on three different cards on terminal 5",
        "T 2026-11-10 10:05:00 20.00 declined tid=1 code=A0 card=1111
         T 2026-11-10 10:06:00 20.00 declined tid=1 code=A0 card=2222
         T 2026-11-10 10:30:00 35.00 declined tid=1 code=99 card=3333
         T 2026-11-10 13:00:00 20.00 declined tid=5 code=14 card=1111
         T 2026-11-10 13:05:00 20.00 declined tid=5 code=14 card=2222
         T 2026-11-10 13:09:00 20.00 declined tid=5 code=45 card=3333",
        "I1 terminal 0.85 [1] 2026-11-10 10:05:00..11-10 10:30:00 n=3 {99:1 A0:2}
         I2 terminal 0.85 [5] 2026-11-10 13:00:00..11-10 13:09:00 n=3 {14:2 45:1}",
    );
    case(
        "one A0, and 14 three times on the same card (that card's problem: cardholder summary)",
        "T 2026-11-10 10:05:00 20.00 declined tid=1 code=A0 card=1111
         T 2026-11-10 13:00:00 20.00 declined tid=5 code=14 card=1111
         T 2026-11-10 13:05:00 20.00 declined tid=5 code=14 card=1111
         T 2026-11-10 13:09:00 20.00 declined tid=5 code=14 card=1111",
        "cardholder n=3 [5] {14:3}",
    );
}

#[test]
fn operator_next_day_void_and_keying() {
    check(
        "a void on the next day refused with 12, then a wrong STAN (25)",
        "T 2026-11-09 11:20:00 45.00 tid=1 stan=5 card=5566
         T 2026-11-10 09:10:00 45.00 void declined tid=1 stan=9 code=12 card=5566
         T 2026-11-10 09:12:00 45.00 void declined tid=1 stan=10 code=25 card=5566",
        "I1 operator 0.90 [1] 2026-11-10 09:10:00..11-10 09:12:00 n=2 {12:1 25:1}",
    );
    check(
        "1,280.00 keyed for 128.00 and both charged; 2,360.00 for 236.00 declined then corrected",
        "T 2026-11-10 10:15:00 1280.00 tid=1 stan=1 card=5566
         T 2026-11-10 10:18:00 128.00 tid=1 stan=2 card=5566
         T 2026-11-10 16:30:00 2360.00 declined tid=1 stan=3 code=51 card=7788
         T 2026-11-10 16:31:00 236.00 tid=1 stan=4 card=7788",
        "I1 operator 0.40 [1] 2026-11-10 10:15:00..11-10 10:18:00 n=2 {none:2}
         I2 operator 0.75 [1] 2026-11-10 16:30:00..11-10 16:31:00 n=2 {51:1 none:1}",
    );
    check(
        "the wrong 1,280.00 refunded the next day after a refused void: both put right",
        "T 2026-11-10 10:15:00 1280.00 tid=1 stan=1 card=5566
         T 2026-11-10 10:18:00 128.00 tid=1 stan=2 card=5566
         T 2026-11-11 10:05:00 1280.00 void declined tid=1 stan=3 code=12 card=5566
         T 2026-11-11 10:07:00 1280.00 refund tid=1 stan=4 card=5566",
        "I1 operator 0.75 [1] 2026-11-10 10:15:00..11-10 10:18:00 n=2 {none:2}
         I2 operator 0.90 [1] 2026-11-11 10:05:00..11-11 10:05:00 n=1 {12:1}",
    );
    check(
        "two sales of one card with unrelated amounts are no keying error",
        "T 2026-11-10 10:15:00 12.00 tid=1 card=5566
         T 2026-11-10 10:18:00 35.00 tid=1 card=5566
         T 2026-11-10 10:20:00 300.00 tid=1 card=9999
         T 2026-11-10 10:21:00 30.00 tid=1 card=1111",
        "",
    );
}

#[test]
fn a_mistyped_amount_is_only_claimed_with_its_correction() {
    // (case, fixture, whether the title may say the amount was keyed wrong)
    let cases: &[(&str, &str, bool)] = &[
        (
            "two approved charges of one card, nothing undone: a question, not a claim",
            "T 2026-11-10 10:15:00 1280.00 tid=1 stan=1 card=5566
             T 2026-11-10 10:18:00 128.00 tid=1 stan=2 card=5566",
            false,
        ),
        (
            "the wrong amount voided, then the right one charged",
            "T 2026-11-10 10:15:00 1280.00 tid=1 stan=1 card=5566
             T 2026-11-10 10:16:00 1280.00 void tid=1 stan=2 ostan=1 card=5566
             T 2026-11-10 10:18:00 128.00 tid=1 stan=3 card=5566",
            true,
        ),
        (
            "the wrong amount refunded in full the next day",
            "T 2026-11-10 10:15:00 1280.00 tid=1 stan=1 card=5566
             T 2026-11-10 10:18:00 128.00 tid=1 stan=2 card=5566
             T 2026-11-11 10:07:00 1280.00 refund tid=1 stan=4 card=5566",
            true,
        ),
        (
            "the wrong amount refused, then the right one charged",
            "T 2026-11-10 16:30:00 2360.00 declined tid=1 stan=3 code=51 card=7788
             T 2026-11-10 16:31:00 236.00 tid=1 stan=4 card=7788",
            true,
        ),
        (
            "a timeout of the first amount is no proof either",
            "T 2026-11-10 16:30:00 2360.00 unknown tid=1 stan=3 text=交易超时 card=7788
             T 2026-11-10 16:31:00 236.00 tid=1 stan=4 card=7788",
            false,
        ),
    ];
    for &(name, fixture_text, claims) in cases {
        let records = fixture::records(fixture_text);
        for lang in [Lang::Zh, Lang::En] {
            let (findings, diagnosis) = analyze(&records, lang);
            check_invariants(name, &findings, &diagnosis);
            let keying: Vec<&Incident> = diagnosis
                .incidents
                .iter()
                .filter(|i| i.title.contains("金额") || i.title.starts_with("Amount"))
                .collect();
            assert_eq!(keying.len(), 1, "{name} ({lang:?}): {:?}", diagnosis.incidents);
            let i = keying[0];
            let says_mistyped = i.title.contains("金额输错") || i.title.contains("keyed wrong");
            assert_eq!(says_mistyped, claims, "{name} ({lang:?}): {}", i.title);
            let asks = i.title.contains("金额待核对") || i.title.contains("Amount to check");
            assert_eq!(asks, !claims, "{name} ({lang:?}): {}", i.title);
            assert_eq!(i.confidence < 0.5, !claims, "{name} ({lang:?})");
            for shuffled in fixture::permutations(&records) {
                assert_eq!(analyze(&shuffled, lang).1, diagnosis, "{name}: order");
            }
        }
    }
}

#[test]
fn cardholder_declines_are_summarised_once() {
    case(
        "51, 55 and 61 on different terminals",
        "T 2026-11-10 11:11:00 640.00 declined tid=2 code=51
         T 2026-11-10 12:12:00 129.00 declined tid=3 code=55
         T 2026-11-10 13:13:00 900.00 declined tid=2 code=61",
        "cardholder n=3 [2,3] {51:1 55:1 61:1}",
    );
    case(
        "a single 51 is in the profile too, and claims nothing",
        "T 2026-11-10 11:11:00 640.00 declined tid=2 code=51",
        "cardholder n=1 [2] {51:1}",
    );
}

#[test]
fn keying_slips() {
    let cases: &[(i64, i64, Option<Slip>)] = &[
        (128000, 12800, Some(Slip::TimesTen)),
        (1280, 12800, Some(Slip::TenthOf)),
        (12580, 1280, Some(Slip::ExtraDigit)),
        (1280, 12580, Some(Slip::DroppedDigit)),
        (5300, 3500, Some(Slip::Transposed)),
        (12800, 12800, None),
        (1200, 3500, None),
        (5300, 3050, None),
        (0, 100, None),
    ];
    for &(keyed, meant, expected) in cases {
        assert_eq!(slip(keyed, meant), expected, "{keyed} for {meant}");
    }
}

/// A café's fortnight: approved sales on terminals 10086601..03 from 2026-11-03 for `days` days,
/// `per_day[i]` a day on terminal `i`, spread evenly from 09:00 to 21:00, on cards of several
/// issuers (never BIN 622848, which the issuer case uses).
fn cafe(per_day: [u32; 3], days: u32) -> String {
    let mut out = String::new();
    for day in 0..days {
        let date =
            NaiveDate::from_ymd_opt(2026, 11, 3).expect("date") + chrono::Days::new(day.into());
        for (t, &n) in per_day.iter().enumerate() {
            for k in 0..n {
                let secs = 9 * 3600 + (12 * 3600 * k) / n + 17 * t as u32;
                let (h, m, sec) = (secs / 3600, secs / 60 % 60, secs % 60);
                let bin = ["436742", "622588", "621700", "625800"][((day + k) % 4) as usize];
                out.push_str(&format!(
                    "T {date} {h:02}:{m:02}:{sec:02} 28.00 tid=1008660{} card={bin}******{:04}\n",
                    t + 1,
                    (day * 97 + k * 13 + t as u32 * 7) % 10_000
                ));
            }
        }
    }
    out
}

#[test]
fn slow_burning_keys_fault_on_one_terminal() {
    // The issue's case: seven A0 on 10086603 in twelve days, hours or days apart, among ~340
    // approved attempts; the other two terminals never return it.
    check(
        "seven A0 on 10086603 over twelve days",
        &format!(
            "{}
             T 2026-11-03 10:12:00 35.00 declined tid=10086603 code=A0 card=436742******0001
             T 2026-11-04 15:40:00 18.00 declined tid=10086603 code=A0 card=622588******0002
             T 2026-11-06 11:05:00 42.00 declined tid=10086603 code=A0 card=621700******0003
             T 2026-11-08 19:30:00 26.00 declined tid=10086603 code=A0 card=625800******0004
             T 2026-11-09 09:50:00 35.00 declined tid=10086603 code=A0 card=436742******0005
             T 2026-11-12 13:20:00 60.00 declined tid=10086603 code=A0 card=622588******0006
             T 2026-11-14 17:45:00 22.00 declined tid=10086603 code=A0 card=621700******0007",
            cafe([30, 29, 28], 12)
        ),
        "I1 terminal 0.80 [10086603] 2026-11-03 10:12:00..11-14 17:45:00 n=7 {A0:7}",
    );
}

#[test]
fn slow_burning_quiet_twins() {
    check(
        "a single stray A0",
        &format!(
            "{}
             T 2026-11-06 11:05:00 42.00 declined tid=10086603 code=A0 card=621700******0003",
            cafe([30, 29, 28], 12)
        ),
        "",
    );
    check(
        "three A0 spread evenly over the three terminals",
        &format!(
            "{}
             T 2026-11-04 11:05:00 42.00 declined tid=10086601 code=A0 card=621700******0003
             T 2026-11-08 12:05:00 42.00 declined tid=10086602 code=A0 card=621700******0004
             T 2026-11-12 13:05:00 42.00 declined tid=10086603 code=A0 card=621700******0005",
            cafe([30, 29, 28], 12)
        ),
        "",
    );
    check(
        "declines spread evenly over terminals are a profile, not an incident",
        &format!(
            "{}
             T 2026-11-03 12:00:00 420.00 declined tid=10086601 code=51
             T 2026-11-05 12:00:00 120.00 declined tid=10086602 code=55
             T 2026-11-07 12:00:00 220.00 declined tid=10086603 code=51
             T 2026-11-09 12:00:00 320.00 declined tid=10086601 code=61
             T 2026-11-11 12:00:00 520.00 declined tid=10086602 code=54
             T 2026-11-13 12:00:00 620.00 declined tid=10086603 code=51",
            cafe([30, 29, 28], 12)
        ),
        "cardholder n=6 [10086601,10086602,10086603] {51:3 54:1 55:1 61:1}",
    );
    // A busy terminal (twice the sales) with twice the timeouts drops at the same rate.
    let mut timeouts = String::new();
    for (t, n) in [(1u32, 8u32), (2, 4), (3, 4)] {
        for k in 0..n {
            let (day, hour, minute) = (3 + k * 11 / n, 9 + (k * 5 + t * 3) % 11, t * 15);
            timeouts.push_str(&format!(
                "T 2026-11-{day:02} {hour:02}:{minute:02}:00 30.00 unknown tid=1008660{t} text=交易超时\n"
            ));
        }
    }
    let records = fixture::records(&format!("{}{timeouts}", cafe([60, 30, 30], 12)));
    let (_, diagnosis) = analyze(&records, Lang::Zh);
    let signal_like =
        diagnosis.incidents.iter().filter(|i| i.attempts > 2).map(|i| &i.title).collect::<Vec<_>>();
    assert!(signal_like.is_empty(), "busy terminal flagged: {signal_like:?}");
    let health = diagnosis.terminal_health.expect("health");
    assert!(health.terminals.iter().all(|t| t.note.is_none()), "{health:#?}");
}

#[test]
fn slow_burning_signal_losses_and_issuer() {
    // 10086602 gets no reply now and then over twelve days (never twice in an hour band on
    // three days); the others do once. BIN 622848 fails with 91/98 on four different cards.
    check(
        "recurring no-replies on 10086602 and an issuer that fails now and then",
        &format!(
            "{}
             T 2026-11-03 09:40:00 30.00 unknown tid=10086602 text=交易超时
             T 2026-11-04 13:10:00 30.00 unknown tid=10086602 text=交易超时
             T 2026-11-05 16:50:00 30.00 unknown tid=10086602 text=交易超时
             T 2026-11-07 11:20:00 30.00 unknown tid=10086602 text=交易超时
             T 2026-11-08 19:05:00 30.00 unknown tid=10086602 text=交易超时
             T 2026-11-10 14:35:00 30.00 unknown tid=10086602 text=交易超时
             T 2026-11-11 10:15:00 30.00 unknown tid=10086602 text=交易超时
             T 2026-11-13 18:25:00 30.00 unknown tid=10086602 text=交易超时
             T 2026-11-09 12:00:00 30.00 unknown tid=10086601 text=交易超时
             T 2026-11-04 12:30:00 88.00 declined tid=10086601 code=91 card=622848******1111
             T 2026-11-06 17:10:00 45.00 declined tid=10086603 code=91 card=622848******2222
             T 2026-11-10 10:40:00 66.00 declined tid=10086601 code=91 card=622848******3333
             T 2026-11-13 15:00:00 12.00 declined tid=10086603 code=91 card=622848******4444
             T 2026-11-07 15:00:00 18.00 tid=10086603 card=622848******5555",
            cafe([30, 29, 28], 12)
        ),
        "I1 signal 0.70 [10086602] 2026-11-03 09:40:00..11-13 18:25:00 n=8 {none:8} F0001,F0002,F0003,F0004,F0005,F0007,F0008,F0009
         I2 issuer 0.70 [10086601,10086603] 2026-11-04 12:30:00..11-13 15:00:00 n=4 {91:4}
         F0001 pending_outcome signal I1
         F0002 pending_outcome signal I1
         F0003 pending_outcome signal I1
         F0004 pending_outcome signal I1
         F0005 pending_outcome signal I1
         F0006 pending_outcome network -
         F0007 pending_outcome signal I1
         F0008 pending_outcome signal I1
         F0009 pending_outcome signal I1
         health-note [10086602]",
    );
}

#[test]
fn slow_burning_on_a_single_terminal_compares_with_the_period() {
    let one = |lines: &str| {
        let base: String =
            cafe([40, 0, 0], 12).lines().map(|l| format!("{l}\n")).collect::<String>();
        format!("{base}{lines}")
    };
    check(
        "A0 from the tenth day on: the keys went bad mid-period",
        &one("T 2026-11-12 10:12:00 35.00 declined tid=10086601 code=A0 card=436742******0001
              T 2026-11-12 15:40:00 18.00 declined tid=10086601 code=A0 card=622588******0002
              T 2026-11-13 11:05:00 42.00 declined tid=10086601 code=A0 card=621700******0003
              T 2026-11-13 19:30:00 26.00 declined tid=10086601 code=A0 card=625800******0004
              T 2026-11-14 13:20:00 60.00 declined tid=10086601 code=A0 card=622588******0006"),
        "I1 terminal 0.80 [10086601] 2026-11-12 10:12:00..11-14 13:20:00 n=5 {A0:5}",
    );
    check(
        "the same five A0 spread over the fortnight: never normal, so against the ceiling",
        &one("T 2026-11-03 10:12:00 35.00 declined tid=10086601 code=A0 card=436742******0001
              T 2026-11-06 15:40:00 18.00 declined tid=10086601 code=A0 card=622588******0002
              T 2026-11-09 11:05:00 42.00 declined tid=10086601 code=A0 card=621700******0003
              T 2026-11-11 19:30:00 26.00 declined tid=10086601 code=A0 card=625800******0004
              T 2026-11-14 13:20:00 60.00 declined tid=10086601 code=A0 card=622588******0006"),
        "I1 terminal 0.80 [10086601] 2026-11-03 10:12:00..11-14 13:20:00 n=5 {A0:5}",
    );
    check(
        "quiet twin: no-replies spread over the fortnight have no ceiling and no cluster",
        &one("T 2026-11-03 10:12:00 35.00 declined tid=10086601 code=Z3 card=436742******0001
              T 2026-11-06 15:40:00 18.00 declined tid=10086601 code=Z3 card=622588******0002
              T 2026-11-09 11:05:00 42.00 declined tid=10086601 code=Z3 card=621700******0003
              T 2026-11-11 19:30:00 26.00 declined tid=10086601 code=Z3 card=625800******0004
              T 2026-11-14 13:20:00 60.00 declined tid=10086601 code=Z3 card=622588******0006"),
        "",
    );
}

/// A lone café terminal over twelve days (28 approved sales a day, 336 attempts) plus `lines`.
fn lone(lines: &str) -> String {
    format!("{}{lines}", cafe([28, 0, 0], 12))
}

/// `k` failures with `code` on the lone terminal, hours or days apart (never two within a burst).
fn spread(code: &str, k: u32) -> String {
    (0..k)
        .map(|i| {
            let (day, hour) = (3 + i * 11 / k.max(1), 10 + (i * 3) % 9);
            format!(
                "T 2026-11-{day:02} {hour:02}:07:00 35.00 declined tid=10086601 code={code} card=436742******{:04}\n",
                100 + i
            )
        })
        .collect()
}

#[test]
fn a_lone_terminal_is_held_to_a_ceiling_for_codes_a_healthy_terminal_never_returns() {
    // Issue 9 on a single terminal: seven A0 in twelve days among ~340 attempts.
    let cases: &[(&str, &str, u32, &str)] = &[
        (
            "seven A0",
            "A0",
            7,
            "I1 terminal 0.80 [10086601] 2026-11-03 10:07:00..11-12 10:07:00 n=7 {A0:7}",
        ),
        (
            "four 99 PIN 格式错",
            "99",
            4,
            "I1 terminal 0.80 [10086601] 2026-11-03 10:07:00..11-11 10:07:00 n=4 {99:4}",
        ),
        (
            "four 77 批次号不符",
            "77",
            4,
            "I1 terminal 0.80 [10086601] 2026-11-03 10:07:00..11-11 10:07:00 n=4 {77:4}",
        ),
        (
            "four 97 终端未登记",
            "97",
            4,
            "I1 terminal 0.80 [10086601] 2026-11-03 10:07:00..11-11 10:07:00 n=4 {97:4}",
        ),
        (
            "four 03 无效商户",
            "03",
            4,
            "I1 terminal 0.80 [10086601] 2026-11-03 10:07:00..11-11 10:07:00 n=4 {03:4}",
        ),
        ("quiet: a single stray A0", "A0", 1, ""),
        ("quiet: two A0 are not yet again and again", "A0", 2, ""),
        (
            "quiet: 51 is the card's business, with no ceiling",
            "51",
            7,
            "cardholder n=7 [10086601] {51:7}",
        ),
    ];
    for &(name, code, k, expected) in cases {
        check(name, &lone(&spread(code, k)), expected);
    }
}

#[test]
fn terminal_health_counts_per_terminal_and_day() {
    let records = fixture::records(
        "T 2026-11-10 10:00:00 20.00 tid=1
         T 2026-11-10 10:05:00 20.00 declined tid=1 code=51
         T 2026-11-10 10:10:00 20.00 unknown tid=1 text=交易超时
         T 2026-11-10 10:15:00 20.00 unknown tid=1 code=98
         T 2026-11-10 10:20:00 20.00 declined tid=1 code=Z3
         T 2026-11-11 10:00:00 20.00 tid=1
         T 2026-11-11 10:00:00 20.00 tid=2
         T 2026-11-11 10:30:00 20.00 declined tid=2 code=A0",
    );
    let (_, diagnosis) = analyze(&records, Lang::En);
    let health = diagnosis.terminal_health.expect("health");
    let json = serde_json::to_string(&health).expect("json");
    expect_test::expect![[r#"{"drop_rate":0.375,"terminals":[{"terminal_id":"1","attempts":6,"approved":2,"declined":1,"dropped":3,"drop_rate":0.5,"others_drop_rate":0.0,"p_value":0.36,"days":[["2026-11-10",5,1,1,3],["2026-11-11",1,1,0,0]]},{"terminal_id":"2","attempts":2,"approved":1,"declined":1,"dropped":0,"drop_rate":0.0,"others_drop_rate":0.5,"p_value":1.0,"days":[["2026-11-11",2,1,1,0]]}]}"#]].assert_eq(&json);
}

#[test]
fn slow_burning_quiet_for_one_customer_card_or_one_terminal_health() {
    check(
        "one customer's card of BIN 622848 refused with 91 on four days is not the issuer",
        &format!(
            "{}
             T 2026-11-04 12:30:00 88.00 declined tid=10086601 code=91 card=622848******1111
             T 2026-11-06 17:10:00 88.00 declined tid=10086603 code=91 card=622848******1111
             T 2026-11-10 10:40:00 88.00 declined tid=10086601 code=91 card=622848******1111
             T 2026-11-13 15:00:00 88.00 declined tid=10086603 code=91 card=622848******1111",
            cafe([30, 29, 28], 12)
        ),
        "",
    );
    check(
        "14 on one terminal over days, always the same card: that card, not the reader",
        &format!(
            "{}
             T 2026-11-04 12:30:00 20.00 declined tid=10086602 code=14 card=621226******8429
             T 2026-11-07 17:10:00 20.00 declined tid=10086602 code=14 card=621226******8429
             T 2026-11-10 10:40:00 20.00 declined tid=10086602 code=14 card=621226******8429
             T 2026-11-13 15:00:00 20.00 declined tid=10086602 code=14 card=621226******8429",
            cafe([30, 29, 28], 12)
        ),
        "cardholder n=4 [10086602] {14:4}",
    );
    // A single terminal: its rate is measured, with nobody to compare it with and no note.
    let records = fixture::records(&format!(
        "{}
         T 2026-11-05 12:00:00 30.00 unknown tid=10086601 text=交易超时
         T 2026-11-09 15:00:00 30.00 unknown tid=10086601 text=交易超时
         T 2026-11-12 18:00:00 30.00 unknown tid=10086601 text=交易超时",
        cafe([40, 0, 0], 12)
    ));
    let (_, diagnosis) = analyze(&records, Lang::Zh);
    let health = diagnosis.terminal_health.expect("health");
    let row = &health.terminals[0];
    assert_eq!(health.terminals.len(), 1);
    assert_eq!((row.attempts, row.dropped, row.days.len()), (483, 3, 12));
    assert_eq!((row.others_drop_rate, row.p_value, row.note.is_none()), (None, None, true));
    assert_eq!(health.drop_rate, row.drop_rate);
}

#[test]
fn summary_attempts_and_health_attempts_count_different_things() {
    // Health: terminal rows with a time, reversals left out (3 here). The summary also counts the
    // reversal row, the row without a time and the settled row no terminal row shows (6).
    let records = fixture::records(
        "T 2026-11-10 10:00:00 20.00 tid=1 stan=1 rrn=309131000001
         A 2026-11-10 10:00:02 20.00 tid=1 stan=1 rrn=309131000001
         T 2026-11-10 10:05:00 30.00 unknown tid=1 stan=2 text=交易超时
         T 2026-11-10 10:05:40 30.00 reversal tid=1 stan=2
         T - - 12.00 tid=1 stan=3
         T 2026-11-10 11:00:00 18.00 declined tid=1 stan=4 code=51
         A 2026-11-10 12:00:00 45.00 tid=1 stan=9 rrn=309131200009",
    );
    let (_, diagnosis) = analyze(&records, Lang::En);
    let health: u64 =
        diagnosis.terminal_health.expect("health").terminals.iter().map(|t| t.attempts).sum();
    let set = matcher::run(&records, &crate::config::Settings::default());
    assert_eq!((health, set.attempts(&records)), (3, 6));
}

/// A QR shop's day on 2026-11-10: two till devices (SY01 at the counter, SY02 a handheld), each
/// taking a WeChat Pay and an Alipay scan every ten minutes from 10:00 to 15:00, every scan on
/// the till's payment list (`O`, 支付单号 `payno=`) and on its wallet's bill (`W`, 商户订单号
/// `order=`, payer `party=`).
fn qr_day(date: &str) -> String {
    let mut out = String::new();
    for (n, minute) in (0..300).step_by(10).enumerate() {
        let (h, m) = (10 + minute / 60, minute % 60);
        for (tid, sec, pay, letter) in [
            ("SY01", 5, "微信", "W"),
            ("SY02", 35, "支付宝", "A"),
            ("SY01", 45, "支付宝", "A"),
            ("SY02", 15, "微信", "W"),
        ] {
            let id = format!("P{}{letter}{tid}{n:03}", date.replace('-', ""));
            out.push_str(&format!(
                "O {date} {h:02}:{m:02}:{sec:02} 26.00 tid={tid} pay={pay} payno={id}\n\
                 W {date} {h:02}:{m:02}:{:02} 26.00 tid={tid} pay={pay} order={id} party=u{letter}{n}{tid}\n",
                sec + 3
            ));
        }
    }
    out
}

#[test]
fn wallet_outage_across_devices_while_the_other_wallet_works() {
    check(
        "Alipay leaves six scans on both devices unconfirmed in 12 minutes, WeChat Pay works",
        &format!(
            "{}
             O 2026-11-10 12:01:20 18.00 unknown tid=SY01 pay=支付宝 payno=PX1 text=支付中
             W 2026-11-10 12:01:22 18.00 unknown tid=SY01 pay=支付宝 order=PX1 party=c1 text=USERPAYING
             O 2026-11-10 12:03:40 32.00 unknown tid=SY02 pay=支付宝 payno=PX2 text=结果未知
             W 2026-11-10 12:03:41 32.00 unknown tid=SY02 pay=支付宝 order=PX2 party=c2 text=SYSTEMERROR
             O 2026-11-10 12:05:10 12.00 unknown tid=SY01 pay=支付宝 payno=PX3 text=支付中
             W 2026-11-10 12:05:12 12.00 unknown tid=SY01 pay=支付宝 order=PX3 party=c3 text=USERPAYING
             O 2026-11-10 12:08:00 45.00 unknown tid=SY02 pay=支付宝 payno=PX4 text=支付中
             W 2026-11-10 12:09:30 27.00 unknown tid=SY02 pay=支付宝 order=PX5 party=c5 text=SYSTEMERROR
             O 2026-11-10 12:12:50 16.00 unknown tid=SY01 pay=支付宝 payno=PX6 text=结果未知
             W 2026-11-10 12:12:51 16.00 unknown tid=SY01 pay=支付宝 order=PX6 party=c6 text=SYSTEMERROR",
            qr_day("2026-11-10")
        ),
        // Ten rows, six attempts: a scan on the till and on the bill counts once.
        "I1 wallet_system 0.85 [] 2026-11-10 12:01:20..11-10 12:12:50 n=6 {SYSTEMERROR:3 USERPAYING:2 none:1}",
    );
}

#[test]
fn wallet_quiet_for_spread_failures_and_one_customer() {
    check(
        "Alipay scans left unconfirmed once an hour; one customer's balance refused four times, \
         and one customer's phone leaving four scans pending",
        &format!(
            "{}
             O 2026-11-10 10:31:00 18.00 unknown tid=SY01 pay=支付宝 payno=PQ1 text=支付中
             W 2026-11-10 10:31:02 18.00 unknown tid=SY01 pay=支付宝 order=PQ1 party=c1 text=USERPAYING
             O 2026-11-10 11:32:00 18.00 unknown tid=SY02 pay=支付宝 payno=PQ2 text=支付中
             O 2026-11-10 12:33:00 18.00 unknown tid=SY01 pay=支付宝 payno=PQ3 text=结果未知
             W 2026-11-10 13:34:00 18.00 unknown tid=SY02 pay=支付宝 order=PQ4 party=c4 text=SYSTEMERROR
             O 2026-11-10 14:01:00 88.00 declined tid=SY01 pay=微信 payno=PB1 text=支付失败
             W 2026-11-10 14:01:02 88.00 declined tid=SY01 pay=微信 order=PB1 party=rich text=PAYERROR
             O 2026-11-10 14:01:40 88.00 declined tid=SY01 pay=微信 payno=PB2 text=支付失败
             W 2026-11-10 14:01:42 88.00 declined tid=SY01 pay=微信 order=PB2 party=rich text=PAYERROR
             O 2026-11-10 14:02:30 88.00 declined tid=SY01 pay=微信 payno=PB3 text=支付失败
             W 2026-11-10 14:02:31 88.00 declined tid=SY01 pay=微信 order=PB3 party=rich text=PAYERROR
             W 2026-11-10 14:03:10 88.00 declined tid=SY01 pay=微信 order=PB4 party=rich text=PAYERROR
             W 2026-11-10 14:40:00 30.00 unknown tid=SY02 pay=微信 order=PC1 party=slow text=USERPAYING
             W 2026-11-10 14:41:00 30.00 unknown tid=SY01 pay=微信 order=PC2 party=slow text=USERPAYING
             W 2026-11-10 14:42:00 30.00 unknown tid=SY02 pay=微信 order=PC3 party=slow text=USERPAYING
             W 2026-11-10 14:43:00 30.00 unknown tid=SY01 pay=微信 order=PC4 party=slow text=USERPAYING",
            qr_day("2026-11-10")
        ),
        "",
    );
}

/// Handheld SY02's Wi-Fi drops in the lunch rush: on four days, a quarter of its scans between
/// 11:30 and 13:30 hang in 支付中 (both wallets, no wallet row: the request never got out), while
/// SY01 and SY02's other hours work.
#[test]
fn signal_on_a_till_device_every_lunch_rush() {
    let mut lines = String::new();
    for day in ["2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13"] {
        lines.push_str(&qr_day(day));
        for (k, time) in
            ["11:35:50", "11:52:50", "12:04:50", "12:21:50", "12:33:50", "12:57:50", "13:16:50"]
                .iter()
                .enumerate()
        {
            let pay = if k % 2 == 0 { "微信" } else { "支付宝" };
            lines.push_str(&format!(
                "O {day} {time} 22.00 unknown tid=SY02 pay={pay} payno=PL{}{k} text=支付中\n",
                day.replace('-', "")
            ));
        }
    }
    check(
        "SY02 hangs in 支付中 at lunch on four days, works the rest of the day",
        &lines,
        "I1 signal 0.85 [SY02] 2026-11-10 11:35:50..11-13 13:16:50 n=28 {none:28}
         health-note [SY02]",
    );
}

#[test]
fn terminal_health_counts_a_scan_on_two_files_once() {
    let records = fixture::records(&qr_day("2026-11-10"));
    let (_, diagnosis) = analyze(&records, Lang::Zh);
    let health = diagnosis.terminal_health.expect("till devices have health");
    let rows: Vec<(String, u64, u64)> =
        health.terminals.iter().map(|t| (t.terminal_id.clone(), t.attempts, t.approved)).collect();
    // 30 WeChat Pay and 30 Alipay scans per device, each on the till and on a bill.
    assert_eq!(rows, [("SY01".to_owned(), 60, 60), ("SY02".to_owned(), 60, 60)]);
}

#[test]
fn wallet_outage_names_the_wallet_and_the_one_that_worked() {
    let records = fixture::records(&format!(
        "{}
         O 2026-11-10 12:01:20 18.00 unknown tid=SY01 pay=支付宝 payno=PX1 text=支付中
         O 2026-11-10 12:03:40 32.00 unknown tid=SY02 pay=支付宝 payno=PX2 text=结果未知
         O 2026-11-10 12:05:10 12.00 unknown tid=SY01 pay=支付宝 payno=PX3 text=支付中
         O 2026-11-10 12:08:00 45.00 unknown tid=SY02 pay=支付宝 payno=PX4 text=支付中",
        qr_day("2026-11-10")
    ));
    for (lang, words) in [
        (Lang::Zh, ["支付宝系统故障", "微信支付正常", "店里的设备和网络无需修理"]),
        (Lang::En, ["Alipay outage", "WeChat Pay worked", "nothing in the shop needs repair"]),
    ] {
        let (_, diagnosis) = analyze(&records, lang);
        let [incident] = diagnosis.incidents.as_slice() else { panic!("one incident") };
        let text = format!("{} {}", incident.title, incident.actions.join(" "));
        for w in words {
            assert!(text.contains(w), "{lang:?}: {w:?} missing in {text}");
        }
    }
}

#[test]
fn both_wallets_failing_on_both_devices_is_neither_a_wallet_nor_a_card_outage() {
    // The shop's own internet (one router for both devices) drops: every scan hangs, whichever
    // wallet. Not one wallet's system, and no card was involved, so not the card switch either.
    check(
        "WeChat Pay and Alipay scans hang on both devices in the same six minutes",
        &format!(
            "{}
             O 2026-11-10 16:01:00 18.00 unknown tid=SY01 pay=微信 payno=PN1 text=支付中
             O 2026-11-10 16:02:00 18.00 unknown tid=SY02 pay=支付宝 payno=PN2 text=支付中
             O 2026-11-10 16:03:00 18.00 unknown tid=SY01 pay=支付宝 payno=PN3 text=支付中
             O 2026-11-10 16:04:00 18.00 unknown tid=SY02 pay=微信 payno=PN4 text=支付中
             O 2026-11-10 16:05:00 18.00 unknown tid=SY01 pay=微信 payno=PN5 text=支付中
             O 2026-11-10 16:06:00 18.00 unknown tid=SY02 pay=支付宝 payno=PN6 text=支付中",
            qr_day("2026-11-10")
        ),
        // The shop's network, device by device (nothing else was selling at 16:00).
        "I1 network 0.70 [SY01] 2026-11-10 16:01:00..11-10 16:05:00 n=3 {none:3}
         I2 network 0.70 [SY02] 2026-11-10 16:02:00..11-10 16:06:00 n=3 {none:3}",
    );
}

#[test]
fn a_rescan_of_one_order_is_two_attempts_and_a_bill_row_alone_is_one() {
    // Order 0021 scanned twice (same 订单号, two 支付单号): the first hung, the second was paid
    // and is on the bill; a closed WeChat order no till row lists is an attempt of its own.
    let records = fixture::records(
        "O 2026-11-18 12:01:10 28.00 unknown tid=SY02 pay=微信 order=0021 payno=P1 text=支付中
         O 2026-11-18 12:02:40 28.00 tid=SY02 pay=微信 order=0021 payno=P2 chan=4200001
         W 2026-11-18 12:02:44 28.00 tid=SY02 pay=微信 order=P2 chan=4200001 party=oA
         W 2026-11-18 12:30:00 15.00 declined tid=SY02 pay=微信 order=P9 party=oB text=CLOSED
         W 2026-11-18 12:40:00 15.00 pay=微信 order=P10 party=oC",
    );
    let (_, diagnosis) = analyze(&records, Lang::Zh);
    let health = diagnosis.terminal_health.expect("a till device");
    let [row] = health.terminals.as_slice() else { panic!("one device") };
    assert_eq!(
        (row.terminal_id.as_str(), row.attempts, row.approved, row.declined, row.dropped),
        ("SY02", 3, 1, 1, 1)
    );
}

#[test]
fn a_cashier_order_list_without_devices_adds_no_terminal() {
    // One card terminal, and the cashier's orders (some paid by WeChat Pay) with no 设备号.
    let records = fixture::records(
        "T 2026-11-10 10:00:00 25.00 tid=1 card=1234
         T 2026-11-10 10:05:00 25.00 unknown tid=1 text=交易超时
         O 2026-11-10 10:00:00 25.00 pay=银行卡 order=A1
         O 2026-11-10 10:10:00 18.00 pay=微信 order=A2
         O 2026-11-10 10:20:00 18.00 unknown pay=微信 order=A3 text=支付中",
    );
    let (_, diagnosis) = analyze(&records, Lang::Zh);
    let health = diagnosis.terminal_health.expect("terminal log");
    let ids: Vec<&str> = health.terminals.iter().map(|t| t.terminal_id.as_str()).collect();
    assert_eq!(ids, ["1"]);
}

#[test]
fn healthy_terminals_beside_it_never_hide_a_terminals_keys() {
    // Issue 9, found by a tester: 10086602 answers A0 four times, 99 once and 77 once over twelve
    // days; the other two terminals never do. Against the others alone (Fisher, p ≈ 0.004) it
    // misses the threshold once a few more groups are tested (here Z3 no-replies, three on each
    // terminal); the ceiling for codes a healthy terminal does not return holds on every terminal.
    let faults = "T 2026-11-03 10:12:00 35.00 declined tid=10086602 code=A0 card=436742******0001
                  T 2026-11-05 15:40:00 18.00 declined tid=10086602 code=A0 card=622588******0002
                  T 2026-11-07 11:05:00 42.00 declined tid=10086602 code=99 card=621700******0003
                  T 2026-11-09 19:30:00 26.00 declined tid=10086602 code=A0 card=625800******0004
                  T 2026-11-11 13:20:00 60.00 declined tid=10086602 code=77 card=622588******0006
                  T 2026-11-13 17:45:00 22.00 declined tid=10086602 code=A0 card=621700******0007\n";
    let mut drops = String::new();
    for t in 1..=3u32 {
        for (k, day) in [3u32, 8, 13].into_iter().enumerate() {
            let hour = 10 + (k as u32 * 4 + t) % 10;
            drops.push_str(&format!(
                "T 2026-11-{day:02} {hour:02}:41:00 30.00 declined tid=1008660{t} code=Z3 card=436742******9{t}{k:02}\n"
            ));
        }
    }
    let keys = "I1 terminal 0.80 [10086602] 2026-11-03 10:12:00..11-13 17:45:00 n=5 {99:1 A0:4}";
    check(
        "keys fault on one of three terminals, with no-replies spread over all three",
        &format!("{}{faults}{drops}", cafe([28, 28, 28], 12)),
        keys,
    );
    check("the same terminal alone", &format!("{}{}", cafe([0, 28, 0], 12), faults), keys);
}
