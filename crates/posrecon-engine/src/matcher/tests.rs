//! Data-driven matcher tests: a fixture of records in, a rendering of the match set out.
//!
//! Each case is checked on the records as written and on several permutations of them, because
//! the match set must never depend on input order.

use super::fixture::{self, label};
use super::{MatchSet, run};
use crate::config::Settings;
use crate::model::Record;

/// One line per pair (`T2 = A2 rrn 0.97`), leftover (`T3 -`, `- A4`) and cancellation
/// (`T2 x T3`), in canonical order.
fn render(records: &[Record], set: &MatchSet) -> String {
    let mut out = Vec::new();
    for p in &set.pairs {
        out.push(format!(
            "{} = {} {} {:.2}",
            label(&records[p.terminal]),
            label(&records[p.acquirer]),
            p.pass.as_str(),
            p.confidence
        ));
    }
    out.extend(set.terminal_leftovers.iter().map(|&i| format!("{} -", label(&records[i]))));
    out.extend(set.acquirer_leftovers.iter().map(|&i| format!("- {}", label(&records[i]))));
    for c in &set.cancellations {
        out.push(format!("{} x {}", label(&records[c.sale]), label(&records[c.canceller])));
    }
    out.join("\n")
}

fn check(name: &str, fixture_text: &str, expected: &str) {
    let records = fixture::records(fixture_text);
    let settings = Settings::default();
    let expected: Vec<&str> = expected.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let expected = expected.join("\n");
    let got = render(&records, &run(&records, &settings));
    assert_eq!(got, expected, "case {name}: match set differs");
    for shuffled in fixture::permutations(&records) {
        let got = render(&shuffled, &run(&shuffled, &settings));
        assert_eq!(got, expected, "case {name}: result depends on input order");
    }
}

const CASES: &[(&str, &str, &str)] = &[
    (
        "rrn pairs even when the STANs differ",
        "T 2026-11-05 14:05:41 1580.00 tid=10086602 stan=001004 rrn=309140500213
         A 2026-11-05 14:05:43 1580.00 tid=10086602 stan=9 rrn=309140500213",
        "T2 = A2 rrn 0.97",
    ),
    (
        "stan compares as a number",
        "T 2026-11-05 14:05:41 42.00 tid=10086602 stan=001004
         A 2026-11-05 14:07:30 42.00 tid=10086602 stan=1004",
        "T2 = A2 stan 0.93",
    ),
    (
        "a sale after the 23:00 cut-off clears the next day",
        "T 2026-11-05 23:30:10 88.00 tid=10086602 stan=000088
         A - - 88.00 tid=10086602 stan=88 settle=2026-11-06",
        "T2 = A2 stan 0.93",
    ),
    (
        "a sale before the cut-off does not clear the next day",
        "T 2026-11-05 22:30:10 88.00 tid=10086602 stan=000088
         A - - 88.00 tid=10086602 stan=88 settle=2026-11-06",
        "T2 -
         - A2",
    ),
    (
        "stan with a different batch is another transaction",
        "T 2026-11-05 14:05:41 42.00 tid=10086602 batch=000004 stan=001004
         A 2026-11-05 19:05:41 42.00 tid=10086602 batch=000005 stan=1004",
        "T2 -
         - A2",
    ),
    (
        "window pass pairs on terminal, amount and time",
        "T 2026-11-05 14:05:41 1580.00 unknown tid=10086602 card=8429
         A 2026-11-05 14:06:10 1580.00 tid=10086602 card=8429",
        "T2 = A2 window 0.85",
    ),
    (
        "window pass refuses a different card",
        "T 2026-11-05 14:05:41 1580.00 unknown tid=10086602 card=8429
         A 2026-11-05 14:06:10 1580.00 tid=10086602 card=1111",
        "T2 -
         - A2",
    ),
    (
        "window pass refuses another terminal and times outside the window",
        "T 2026-11-05 14:05:41 1580.00 tid=10086602
         A 2026-11-05 14:06:10 1580.00 tid=10086603
         T 2026-11-05 15:00:00 20.00 tid=10086602
         A 2026-11-05 15:05:01 20.00 tid=10086602",
        "T2 -
         T3 -
         - A2
         - A3",
    ),
    (
        "identical sales minutes apart are never collapsed",
        "T 2026-11-05 10:00:00 35.00 tid=10086602 card=8429
         T 2026-11-05 10:03:00 35.00 tid=10086602 card=8429
         A 2026-11-05 10:03:04 35.00 tid=10086602 card=8429
         A 2026-11-05 10:00:05 35.00 tid=10086602 card=8429",
        "T2 = A3 window 0.85
         T3 = A2 window 0.85",
    ),
    (
        "two identical sales, one settled: one pair, one leftover",
        "T 2026-11-05 10:00:00 35.00 tid=10086602 card=8429
         T 2026-11-05 10:03:00 35.00 tid=10086602 card=8429
         A 2026-11-05 10:03:04 35.00 tid=10086602 card=8429",
        "T3 = A2 window 0.85
         T2 -",
    ),
    (
        "ambiguity is resolved by the best total, not the closest single pair",
        "T 2026-11-05 10:00:00 35.00 tid=10086602
         T 2026-11-05 10:03:00 35.00 tid=10086602
         A 2026-11-05 10:02:00 35.00 tid=10086602
         A 2026-11-05 10:06:00 35.00 tid=10086602",
        "T2 = A2 window 0.73
         T3 = A3 window 0.72",
    ),
    (
        "best total prefers card agreement over the sum of time distances",
        "T 2026-11-05 10:00:00 35.00 tid=10086602 card=8429
         T 2026-11-05 10:01:00 35.00 tid=10086602
         A 2026-11-05 10:01:00 35.00 tid=10086602 card=8429
         A 2026-11-05 10:00:00 35.00 tid=10086602",
        "T2 = A2 window 0.84
         T3 = A3 window 0.74",
    ),
    (
        "the same card is preferred over the closer time",
        "T 2026-11-05 10:00:00 35.00 tid=10086602 card=8429
         A 2026-11-05 10:00:01 35.00 tid=10086602
         A 2026-11-05 10:02:00 35.00 tid=10086602 card=8429",
        "T2 = A3 window 0.83
         - A2",
    ),
    (
        "a declined attempt is only paired by an identifier",
        "T 2026-11-05 10:00:00 35.00 declined tid=10086602 stan=11
         A 2026-11-05 10:00:04 35.00 tid=10086602 stan=12
         T 2026-11-05 11:00:00 60.00 declined tid=10086602 rrn=309140500777
         A 2026-11-05 11:00:04 60.00 tid=10086602 rrn=309140500777",
        "T3 = A3 rrn 0.97
         T2 -
         - A2",
    ),
    (
        "identifiers win over closeness: the retry takes its own settled row",
        "T 2026-11-05 10:00:00 35.00 unknown tid=10086602 stan=11
         T 2026-11-05 10:01:00 35.00 tid=10086602 stan=12 rrn=309140500012
         A 2026-11-05 10:00:58 35.00 tid=10086602 stan=12 rrn=309140500012",
        "T3 = A2 rrn 0.97
         T2 -",
    ),
    (
        "an rrn pair with different amounts stays a pair",
        "T 2026-11-05 10:00:00 35.00 tid=10086602 rrn=309140500012
         A 2026-11-05 10:00:01 53.00 tid=10086602 rrn=309140500012",
        "T2 = A2 rrn 0.97",
    ),
    (
        "types must agree",
        "T 2026-11-05 10:00:00 35.00 void tid=10086602 rrn=309140500012
         A 2026-11-05 10:00:01 35.00 tid=10086602 rrn=309140500012",
        "T2 -
         - A2",
    ),
    (
        "a same-day void undoes its sale; a reversal undoes the sale with its STAN",
        "T 2026-11-05 10:00:00 35.00 tid=10086602 stan=11 rrn=309140500011 card=8429
         T 2026-11-05 10:04:00 35.00 void tid=10086602 stan=12 rrn=309140500012 card=8429
         T 2026-11-05 11:00:00 80.00 unknown tid=10086602 stan=13
         T 2026-11-05 11:00:00 80.00 unknown tid=10086602 stan=14
         T 2026-11-05 11:01:10 80.00 reversal tid=10086602 stan=14",
        "T2 -
         T3 -
         T4 -
         T5 -
         T6 -
         T2 x T3
         T5 x T6",
    ),
    (
        "a terminal log without terminal ids still pairs",
        "T 2026-11-05 10:00:00 35.00 stan=11
         A 2026-11-05 10:00:01 35.00 tid=10086602 stan=11",
        "T2 = A2 stan 0.93",
    ),
];

#[test]
fn matcher_cases() {
    for (name, fixture_text, expected) in CASES {
        check(name, fixture_text, expected);
    }
}

#[test]
fn attempts_count_terminal_records_and_unpaired_settled_rows() {
    let records = fixture::records(
        "T 2026-11-05 10:00:00 35.00 tid=1 stan=11
         T 2026-11-05 10:10:00 36.00 declined tid=1 stan=12
         A 2026-11-05 10:00:01 35.00 tid=1 stan=11
         A 2026-11-05 12:00:00 99.00 tid=1 stan=40",
    );
    let set = run(&records, &Settings::default());
    assert_eq!(set.attempts(&records), 3);
}

#[test]
fn coverage_per_terminal_and_clearing_dates() {
    let records = fixture::records(
        "T 2026-11-05 09:00:00 1.00 tid=1
         T 2026-11-05 18:00:00 1.00 tid=1
         T 2026-11-05 12:00:00 1.00 tid=2
         A 2026-11-05 23:10:00 1.00 tid=1
         A 2026-11-04 10:00:00 1.00 tid=1",
    );
    let set = run(&records, &Settings::default());
    let at =
        |h| chrono::NaiveDate::from_ymd_opt(2026, 11, 5).unwrap().and_hms_opt(h, 0, 0).unwrap();
    assert!(set.terminal_coverage.covers(Some("1"), at(12)));
    assert!(!set.terminal_coverage.covers(Some("1"), at(19)));
    assert!(!set.terminal_coverage.covers(Some("2"), at(13)));
    assert!(!set.terminal_coverage.covers(Some("3"), at(12)));
    assert!(!set.terminal_coverage.covers(None, at(12)), "two terminals: ambiguous");
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    assert_eq!(set.acquirer_coverage.range(), Some((day(4), day(6))));
    assert!(set.acquirer_coverage.in_range(day(5)));
    assert!(!set.acquirer_coverage.has_rows(day(5)));
    assert!(set.acquirer_coverage.decides(Some("1"), day(6)));
    assert!(
        !set.acquirer_coverage.decides(Some("2"), day(6)),
        "terminal 2 is not in the statement"
    );
}

#[test]
fn many_identical_amounts_stay_one_to_one() {
    // 5,000 sales of the same amount, one every 10 seconds, with settled rows 3 seconds later and
    // no identifiers: the worst case for the window pass (about 60 candidates per attempt). Every
    // attempt must get its own row, which also shows the pass does not degrade to all-pairs.
    let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 9).unwrap().and_hms_opt(8, 0, 0).unwrap();
    let mut text = String::new();
    for i in 0..5_000i64 {
        let t = start + chrono::Duration::seconds(10 * i);
        let a = t + chrono::Duration::seconds(3);
        text.push_str(&format!("T {} 35.00 tid=1\n", t.format("%Y-%m-%d %H:%M:%S")));
        text.push_str(&format!("A {} 35.00 tid=1\n", a.format("%Y-%m-%d %H:%M:%S")));
    }
    let records = fixture::records(&text);
    let set = run(&records, &Settings::default());
    assert_eq!(set.pairs.len(), 5_000);
    assert!(set.pairs.iter().all(|p| p.time_delta_secs == Some(3)));
}

/// Refund links and what remains of each refunded sale: `A2 r A3 A4 rest 15.00` (sale, its
/// refunds in canonical order, the sale's amount less the refunds), then the refunds naming a sale
/// that its amount could not take as `A2 over A5 by 5.00` (how much all refunds naming it exceed
/// the sale), then unlinked refunds as `A5 orphan`. Checked on every permutation of the records.
fn check_refunds(name: &str, fixture_text: &str, expected: &str) {
    let render = |records: &[Record]| {
        let set = run(records, &Settings::default());
        let mut out = Vec::new();
        let mut sales: Vec<usize> = set.refunds.iter().map(|c| c.sale).collect();
        sales.dedup();
        for sale in sales {
            let refunds: Vec<String> =
                set.refunds_of(sale).iter().map(|&r| label(&records[r])).collect();
            let rest = records[sale].amount_cents - set.refunded_cents(records, sale);
            out.push(format!(
                "{} r {} rest {}",
                label(&records[sale]),
                refunds.join(" "),
                crate::diagnose::text::yuan(rest)
            ));
        }
        let mut over: Vec<usize> = set.over_refunds.iter().map(|c| c.sale).collect();
        over.dedup();
        for sale in over {
            let refunds: Vec<String> =
                set.over_refunds_of(sale).iter().map(|&r| label(&records[r])).collect();
            out.push(format!(
                "{} over {} by {}",
                label(&records[sale]),
                refunds.join(" "),
                crate::diagnose::text::yuan(set.over_refunded_cents(records, sale))
            ));
        }
        let mut orphans: Vec<usize> = (0..records.len())
            .filter(|&i| {
                records[i].txn_type == crate::model::TxnType::Refund && set.undoes(i).is_none()
            })
            .collect();
        orphans.sort_by_key(|&i| set.canonical_rank[i]);
        out.extend(orphans.into_iter().map(|i| format!("{} orphan", label(&records[i]))));
        out.join("\n")
    };
    let records = fixture::records(fixture_text);
    let expected: Vec<&str> = expected.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let expected = expected.join("\n");
    assert_eq!(render(&records), expected, "case {name}: refunds differ");
    for shuffled in fixture::permutations(&records) {
        assert_eq!(render(&shuffled), expected, "case {name}: refunds depend on input order");
    }
}

const REFUND_CASES: &[(&str, &str, &str)] = &[
    (
        "a partial refund found by its order number (issue 9)",
        "A 2026-11-16 12:30:05 35.00 pay=微信 order=Q1
         A 2026-11-16 16:20:00 10.00 refund pay=微信 order=Q1",
        "A2 r A3 rest 25.00",
    ),
    (
        "a partial refund found by the channel's order number",
        "A 2026-11-16 12:30:05 35.00 pay=微信 order=Q1 chan=4200000001
         A 2026-11-16 16:20:00 10.00 refund pay=微信 chan=4200000001",
        "A2 r A3 rest 25.00",
    ),
    (
        "a partial refund found by its RRN",
        "A 2026-11-16 12:30:05 350.00 tid=10086601 rrn=309141601230
         A 2026-11-18 10:00:00 120.00 refund tid=10086601 rrn=309141601230",
        "A2 r A3 rest 230.00",
    ),
    (
        "a partial refund by card on the terminal log",
        "T 2026-11-16 12:30:05 350.00 tid=10086601 card=9689
         T 2026-11-17 10:00:00 50.00 refund tid=10086601 card=9689",
        "T2 r T3 rest 300.00",
    ),
    (
        "several partial refunds of one sale add up to at most the sale",
        "A 2026-11-16 12:30:05 35.00 pay=微信 order=Q1
         A 2026-11-16 16:20:00 10.00 refund pay=微信 order=Q1
         A 2026-11-17 09:00:00 20.00 refund pay=微信 order=Q1
         A 2026-11-17 11:00:00 10.00 refund pay=微信 order=Q1",
        "A2 r A3 A4 rest 5.00
         A2 over A5 by 5.00
         A5 orphan",
    ),
    (
        "each partial refund goes to its own order among equal sales",
        "A 2026-11-16 12:30:05 35.00 pay=微信 order=Q1
         A 2026-11-16 12:31:00 35.00 pay=微信 order=Q2
         A 2026-11-16 16:20:00 10.00 refund pay=微信 order=Q2",
        "A3 r A4 rest 25.00",
    ),
    (
        "a full refund without identifiers still links by amount",
        "A 2026-11-16 12:30:05 35.00 tid=10086601
         A 2026-11-17 16:20:00 35.00 refund tid=10086601",
        "A2 r A3 rest 0.00",
    ),
    (
        "a refund larger than the sale is not linked to it, and the sale is over-refunded",
        "A 2026-11-16 12:30:05 35.00 pay=微信 order=Q1
         A 2026-11-16 16:20:00 40.00 refund pay=微信 order=Q1",
        "A2 over A3 by 5.00
         A3 orphan",
    ),
    (
        "quiet: a refund of another order is not linked, even with the same amount",
        "A 2026-11-16 12:30:05 35.00 pay=微信 order=Q1
         A 2026-11-16 16:20:00 35.00 refund pay=微信 order=Q9",
        "A3 orphan",
    ),
    (
        "quiet: a refund before its sale is not linked",
        "A 2026-11-16 12:30:05 35.00 pay=微信 order=Q1
         A 2026-11-16 09:20:00 10.00 refund pay=微信 order=Q1",
        "A3 orphan",
    ),
];

#[test]
fn refund_cases() {
    for (name, fixture_text, expected) in REFUND_CASES {
        check_refunds(name, fixture_text, expected);
    }
}

#[test]
fn refunds_found_by_their_original_voucher_or_reference() {
    check_refunds(
        "原参考号 names the sale among equal ones",
        "A 2026-11-16 12:30:05 35.00 tid=10086601 stan=000701 rrn=309141601230
         A 2026-11-16 12:40:00 35.00 tid=10086601 stan=000702 rrn=309141601240
         A 2026-11-18 10:00:00 10.00 refund tid=10086601 stan=000750 rrn=309141801000 orrn=309141601230",
        "A2 r A4 rest 25.00",
    );
    check_refunds(
        "原凭证号 names the sale on the terminal log",
        "T 2026-11-16 12:30:05 35.00 tid=10086601 stan=000701
         T 2026-11-16 12:40:00 35.00 tid=10086601 stan=000702
         T 2026-11-17 10:00:00 10.00 refund tid=10086601 stan=000750 ostan=702",
        "T3 r T4 rest 25.00",
    );
}

#[test]
fn a_void_naming_its_sale_by_original_voucher_undoes_that_one() {
    check(
        "void with 原凭证号 among two equal sales",
        "T 2026-11-16 12:30:05 35.00 tid=10086601 stan=000701
         T 2026-11-16 12:40:00 35.00 tid=10086601 stan=000702
         T 2026-11-16 12:45:00 35.00 void tid=10086601 stan=000703 ostan=000701",
        "T2 -
         T3 -
         T4 -
         T2 x T4",
    );
}

#[test]
fn refunds_look_at_the_ids_on_either_row_of_a_paired_sale() {
    check_refunds(
        "原参考号 only on the settlement row of the terminal sale it names",
        "T 2026-11-16 12:30:05 35.00 tid=10086601 stan=000701 card=9689
         T 2026-11-16 12:40:00 35.00 tid=10086601 stan=000702 card=9689
         A 2026-11-16 12:30:05 35.00 tid=10086601 stan=000701 rrn=309141601230 card=9689
         A 2026-11-16 12:40:00 35.00 tid=10086601 stan=000702 rrn=309141601240 card=9689
         T 2026-11-18 10:00:00 10.00 refund tid=10086601 stan=000750 orrn=309141601230 card=9689",
        "T2 r T4 rest 25.00",
    );
    check_refunds(
        "the order number only on the acquirer row of the terminal sale",
        "T 2026-11-16 12:30:05 35.00 tid=10086601 stan=000701
         T 2026-11-16 12:31:00 35.00 tid=10086601 stan=000702
         A 2026-11-16 12:30:05 35.00 tid=10086601 stan=000701 order=Q1
         A 2026-11-16 12:31:00 35.00 tid=10086601 stan=000702 order=Q2
         T 2026-11-16 16:20:00 10.00 refund tid=10086601 stan=000750 order=Q1",
        "T2 r T4 rest 25.00",
    );
    check_refunds(
        "the refund's 原参考号 only on its own settlement row",
        "T 2026-11-16 12:30:05 35.00 tid=10086601 stan=000701 rrn=309141601230 card=9689
         T 2026-11-16 12:40:00 35.00 tid=10086601 stan=000702 rrn=309141601240 card=9689
         T 2026-11-18 10:00:00 10.00 refund tid=10086601 stan=000750 rrn=309141801000 card=9689
         A 2026-11-18 10:00:00 10.00 refund tid=10086601 stan=000750 rrn=309141801000 orrn=309141601230 card=9689",
        "T2 r T4 rest 25.00
         A2 orphan",
    );
}

#[test]
fn a_refund_or_void_naming_another_original_is_never_linked() {
    check_refunds(
        "原凭证号 000123 is not the sale 000456, though card and amount fit",
        "T 2026-11-16 12:30:05 35.00 tid=10086601 stan=000456 card=9689
         T 2026-11-17 10:00:00 35.00 refund tid=10086601 stan=000800 ostan=000123 card=9689",
        "T3 orphan",
    );
    check_refunds(
        "quiet twin: 原凭证号 000456 is that sale",
        "T 2026-11-16 12:30:05 35.00 tid=10086601 stan=000456 card=9689
         T 2026-11-17 10:00:00 35.00 refund tid=10086601 stan=000800 ostan=000456 card=9689",
        "T2 r T3 rest 0.00",
    );
    check_refunds(
        "原参考号 names another sale; the sale's RRN only on its settlement row",
        "T 2026-11-16 12:30:05 35.00 tid=10086601 stan=000456 card=9689
         A 2026-11-16 12:30:05 35.00 tid=10086601 stan=000456 rrn=309141601230 card=9689
         T 2026-11-17 10:00:00 35.00 refund tid=10086601 stan=000800 orrn=309141699999 card=9689",
        "T3 orphan",
    );
    check(
        "a void naming 原凭证号 000123 does not undo the sale 000456",
        "T 2026-11-16 12:30:05 35.00 tid=10086601 stan=000456
         T 2026-11-16 12:45:00 35.00 void tid=10086601 stan=000457 ostan=000123",
        "T2 -
         T3 -",
    );
}

#[test]
fn refunds_past_the_sale_are_recorded_against_it_not_linked() {
    check_refunds(
        "two refunds of 200.00 name a 350.00 sale by 原参考号: the second passes it by 50.00",
        "T 2026-11-16 12:30:05 350.00 tid=10086601 stan=000701 rrn=309141601230 card=9689
         A 2026-11-16 12:30:05 350.00 tid=10086601 stan=000701 rrn=309141601230 card=9689
         T 2026-11-17 10:05:00 200.00 refund tid=10086601 stan=000731 rrn=309141701005 ostan=000701 card=9689
         A 2026-11-17 10:05:00 200.00 refund tid=10086601 stan=000731 rrn=309141701005 orrn=309141601230 card=9689
         T 2026-11-18 10:09:30 200.00 refund tid=10086601 stan=000732 rrn=309141801009 ostan=000701 card=9689
         A 2026-11-18 10:09:30 200.00 refund tid=10086601 stan=000732 rrn=309141801009 orrn=309141601230 card=9689",
        "T2 r T3 rest 150.00
         A2 r A3 rest 150.00
         T2 over T4 by 50.00
         A2 over A4 by 50.00
         T4 orphan
         A4 orphan",
    );
    check_refunds(
        "a WeChat bill refund past its order's amount",
        "W 2026-11-16 12:30:05 35.00 pay=微信 order=Q1 chan=4200000001
         W 2026-11-16 16:20:00 30.00 refund pay=微信 order=Q1 chan=4200000001
         W 2026-11-17 09:00:00 10.00 refund pay=微信 order=Q1 chan=4200000001",
        "W2 r W3 rest 5.00
         W2 over W4 by 5.00
         W4 orphan",
    );
    check_refunds(
        "a refund naming its order is not sent to another sale of the card that it would fit",
        "A 2026-11-16 12:30:05 35.00 tid=10086601 card=9689 order=Q1
         A 2026-11-16 12:45:00 40.00 tid=10086601 card=9689
         A 2026-11-16 16:20:00 40.00 refund tid=10086601 card=9689 order=Q1",
        "A2 over A4 by 5.00
         A4 orphan",
    );
    check_refunds(
        "quiet twin: a refund by card and amount only names nothing and is just unlinked",
        "T 2026-11-16 12:30:05 35.00 tid=10086601 card=9689
         T 2026-11-17 10:00:00 40.00 refund tid=10086601 card=9689",
        "T3 orphan",
    );
}

#[test]
fn a_reversal_naming_its_sale_undoes_it_at_any_distance_in_time() {
    // Issue 9: an acquirer lists a 消费冲正 40 hours after the sale it names; with a 24-hour
    // horizon the timed-out sale looked settled (a false 掉单 or duplicate charge).
    check(
        "消费冲正 naming the sale by 原参考号 two days later",
        "A 2026-11-08 16:40:00 76.00 tid=20251101 stan=000305 rrn=309100008053 card=0553 settle=2026-11-08
         A 2026-11-10 08:40:35 76.00 reversal tid=20251101 stan=000311 rrn=309110008099 orrn=309100008053 card=0553 settle=2026-11-10",
        "- A2
         - A3
         A2 x A3",
    );
    check(
        "a 冲正 repeating the sale's 参考号 three days later",
        "A 2026-11-08 16:40:00 76.00 tid=20251101 stan=000305 rrn=309100008053
         A 2026-11-11 09:00:00 76.00 reversal tid=20251101 stan=000305 rrn=309100008053",
        "- A2
         - A3
         A2 x A3",
    );
    check(
        "quiet twin: a 冲正 naming nothing, 40 hours later, is not paired by amount and card",
        "A 2026-11-08 16:40:00 76.00 tid=20251101 stan=000305 card=0553
         A 2026-11-10 08:40:35 76.00 reversal tid=20251101 card=0553",
        "- A2
         - A3",
    );
    check(
        "quiet twin: a late 冲正 naming another 原参考号 does not undo this sale",
        "A 2026-11-08 16:40:00 76.00 tid=20251101 stan=000305 rrn=309100008053 card=0553
         A 2026-11-10 08:40:35 76.00 reversal tid=20251101 rrn=309110008099 orrn=309100008777 card=0553",
        "- A2
         - A3",
    );
}

#[test]
fn a_refund_naming_its_sale_by_reference_links_across_terminals() {
    // Issue 9: the refund is keyed in at another till; its 原参考号 is the sale's 参考号, unique
    // across the network within its date, so the terminal does not matter.
    check_refunds(
        "退货 on 20251103 naming the sale of 20251101 by 原参考号",
        "A 2026-11-03 14:05:00 480.00 tid=20251101 stan=000153 rrn=309100008062 card=8460
         A 2026-11-03 15:00:00 42.50 tid=20251103 stan=000150 rrn=309100008070 card=3003
         A 2026-11-06 11:30:00 120.00 refund tid=20251103 stan=000234 rrn=309100008065 orrn=309100008062 card=8460",
        "A2 r A4 rest 360.00",
    );
    check_refunds(
        "quiet twin: a 原凭证号 alone does not cross terminals (凭证号 repeat on every terminal)",
        "A 2026-11-03 14:05:00 480.00 tid=20251101 stan=000153 card=8460
         A 2026-11-06 11:30:00 120.00 refund tid=20251103 stan=000234 ostan=000153 card=8460",
        "A3 orphan",
    );
    check_refunds(
        "quiet twin: card and amount alone do not cross terminals",
        "A 2026-11-03 14:05:00 480.00 tid=20251101 card=8460
         A 2026-11-06 11:30:00 480.00 refund tid=20251103 card=8460",
        "A3 orphan",
    );
    check_refunds(
        "a refund naming its sale by 原参考号 links beyond the unnamed horizon",
        "A 2026-03-03 14:05:00 480.00 tid=20251101 rrn=309100008062 card=8460
         A 2026-11-06 11:30:00 120.00 refund tid=20251101 rrn=309100008065 orrn=309100008062 card=8460",
        "A2 r A3 rest 360.00",
    );
}

#[test]
fn the_packed_canonical_order_is_the_order_of_the_full_key() {
    // The packed sort must give exactly the order of `CanonicalKey` then slice position, ties on
    // (time, file, line) included: records without a time, one second apart, a leap second, the
    // same line in two files, and two records equal on (time, file, line).
    let mut records = fixture::records(
        "T 2026-11-05 14:05:41 10.00 line=7
         T - - 12.00 line=3
         A 2026-11-05 14:05:41 10.00 line=7
         A 2026-11-05 14:05:40 99.00 line=9
         T 2026-11-05 14:05:41 9.00 line=7
         T 1999-12-31 23:59:59 5.00 line=2
         T - - 11.00 line=3 refund
         A 2026-11-05 14:05:41 10.00 line=7",
    );
    let leap = chrono::NaiveTime::from_hms_nano_opt(23, 59, 59, 1_500_000_000).unwrap();
    records[5].time = Some(records[5].time.unwrap().date().and_time(leap));
    records.push(Record {
        time: records[5].time.map(|t| t - chrono::Duration::hours(1)),
        ..records[5].clone()
    });
    let mut expected: Vec<usize> = (0..records.len()).collect();
    expected.sort_by_key(|&i| (super::canonical_key(&records[i]), i));
    assert_eq!(super::packed_order(&records), Some(expected.clone()));
    let ranks = super::canonical_ranks(&records);
    let by_rank: Vec<usize> = {
        let mut idx: Vec<usize> = (0..records.len()).collect();
        idx.sort_by_key(|&i| ranks[i]);
        idx
    };
    assert_eq!(by_rank, expected);
    // A key that does not pack falls back to the full key.
    records[0].file_idx = 1 << 20;
    assert_eq!(super::packed_order(&records), None);
}

#[test]
fn identifier_keys_are_equal_exactly_when_the_strings_are() {
    use super::IdKey;
    let ids = [
        "309140500213",
        "0309140500213",
        "123",
        "000123",
        "12a",
        "9999999999999999999",
        "99999999999999999999",
        "0",
        "00",
        "309140500213 ",
    ];
    for a in ids {
        for b in ids {
            assert_eq!(IdKey::of(a) == IdKey::of(b), a == b, "{a:?} vs {b:?}");
        }
    }
}

#[test]
fn the_identifier_join_finds_exactly_the_equal_pairs() {
    use super::IdJoin;
    // Digits (packed and sorted), text (hashed), repeats on both sides, keys on one side only.
    let right = ["309140500213", "0309140500213", "123", "12a", "123", "A-77", "", "99", "0"];
    let left = ["123", "12a", "000123", "309140500213", "0", "00", "A-77", "123", "x", "99"];
    let mut expected: Vec<(usize, usize)> = Vec::new();
    for (l, a) in left.iter().enumerate() {
        for (r, b) in right.iter().enumerate() {
            if a == b {
                expected.push((l, r));
            }
        }
    }
    // Indices that fit 32 bits (packed) and, as for a slice too long for them, that do not.
    for n_records in [right.len().max(left.len()), u32::MAX as usize + 1] {
        let mut join = IdJoin::with_capacity(n_records, right.len());
        for (r, id) in right.iter().enumerate() {
            join.insert(id, r);
        }
        let mut found = Vec::new();
        join.join(left.iter().enumerate().map(|(l, id)| (*id, l)), |l, r| found.push((l, r)));
        found.sort_unstable();
        assert_eq!(found, expected, "{n_records} records");
    }
}

#[test]
fn greedy_acceptance_takes_the_same_pairs_sorting_only_the_contested() {
    use super::{Candidate, Ctx, accept_greedily};
    use crate::model::{Record, Role};
    // Enough candidates for the split into lone and contested ones; ranks not in index order.
    let n = 4000;
    let records = vec![Record::blank(Role::TerminalLog); n];
    let rank: Vec<usize> = (0..n).map(|i| (i * 7919) % n).collect();
    let (dates, till, roles) = (vec![None; n], vec![false; n], vec![Role::TerminalLog; n]);
    let settings = crate::config::Settings::default();
    let ctx = Ctx {
        records: &records,
        settings: &settings,
        clearing_dates: &dates,
        rank: &rank,
        till: &till,
        roles: &roles,
    };
    let candidate =
        |left, right, r: i64| Candidate { left, right, rank: [r, 0, 0], confidence: 0.9 };
    // Lone pairs (i, 2000 + i), then every fifth left record also offered a contested right
    // record shared by five lefts, some better ranked than their lone pair.
    let mut candidates: Vec<Candidate> = (0..1500).map(|i| candidate(i, 2000 + i, 1)).collect();
    candidates.extend((0..1500).step_by(5).map(|i| candidate(i, 3600 + i % 25, (i % 3) as i64)));
    // Two records already taken by an earlier pass: their candidates are refused.
    let mut used = vec![false; n];
    (used[3], used[2007]) = (true, true);
    let mut expected_used = used.clone();
    let mut sorted = candidates.clone();
    sorted.sort_by_key(|c| (c.rank, rank[c.left], rank[c.right]));
    let mut expected: Vec<(usize, usize)> = Vec::new();
    for c in sorted {
        if !expected_used[c.left] && !expected_used[c.right] {
            (expected_used[c.left], expected_used[c.right]) = (true, true);
            expected.push((c.left, c.right));
        }
    }
    let mut accepted: Vec<(usize, usize)> =
        accept_greedily(&ctx, candidates, &mut used).iter().map(|c| (c.left, c.right)).collect();
    accepted.sort_unstable();
    expected.sort_unstable();
    assert!(expected.iter().any(|&(_, r)| r >= 3600), "some contested pair is taken");
    assert_eq!(accepted, expected);
    assert_eq!(used, expected_used);
}
