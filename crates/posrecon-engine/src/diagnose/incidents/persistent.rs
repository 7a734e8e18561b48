//! Slow-burning faults: a failure one terminal (or one issuer's cards) returns now and then over the
//! whole period, too spread out for the burst detectors.
//!
//! ## What it detects
//! After the burst detectors have claimed what they explain, the remaining failures of the period
//! are counted per group and class (a terminal is a card terminal or a till's device, see
//! [`super::attempts`]):
//!
//! | group | class | cause |
//! |---|---|---|
//! | a terminal | keys (A0/99), sync (77/22), reader (14/19/45, on as many different cards), set-up (97/03/40): the `terminal` detector's groups | `terminal` |
//! | a terminal | lost link: no reply at all, or Z3 (see `network`) | `signal` |
//! | a card BIN | issuer codes 91/98/68/06, on at least [`issuer::MIN_CARDS`] different cards | `issuer` |
//!
//! A group with at least [`MIN_FAILURES`] such failures is tested:
//!
//! - several terminals (or BINs): one-sided **Fisher exact test** of the group's share of the
//!   class's failures against its share of the attempts ([`stats::fisher_greater`]);
//! - every terminal, one or many: codes a healthy terminal does not return (A0 MAC 校验错,
//!   99 PIN 格式错, 77 批次号不符, 97 终端未登记, 03 无效商户:
//!   [`NOT_NORMAL_ON_A_HEALTHY_TERMINAL`]) are compared with a ceiling: a one-sided exact
//!   **binomial test** of their count among the terminal's `n` attempts against
//!   [`CEILING_PER_ATTEMPT`] = 1/1000 ([`stats::binomial_greater`]), when at least
//!   [`MIN_FAILURES`] of them are in the class. Spread evenly over the period or not, seven A0 in
//!   340 attempts is the terminal's keys. The ceiling does not depend on the other terminals:
//!   Fisher only asks whether this terminal fails more than the others, and with several groups
//!   tested (so a stricter Bonferroni share) it can miss what the ceiling sees at once; healthy
//!   terminals loaded beside a faulty one must never hide it. A terminal is reported when either
//!   test fires (the evidence shows Fisher's comparison when it fires, else the ceiling's).
//! - a single terminal, for other classes (no reply, reader codes): these have no such ceiling
//!   (a weak signal or a worn card is part of a normal shop's noise), so they are compared with
//!   the period: the exact probability that `k` failures placed at random among the terminal's
//!   `n` attempts crowd into a stretch as short as the one from the first to the last failure
//!   ([`stats::span_at_most`]). A fault that lasts the whole period cannot be told from the
//!   terminal's normal rate this way, and is then left to the per-attempt causes.
//!
//! A group is reported when `p <= ALPHA / m`, with [`ALPHA`] = 0.01 and `m` the number of tests
//! run in the report, both tests of a group counted (Bonferroni). The incident spans the first to the last failure and lists
//! them.
//!
//! ## Why these thresholds
//! The test, not a hand-picked count, decides whether a rate is unusual: seven A0 among 347
//! attempts of one terminal while 700 attempts of two others have none give p ≈ 0.0004 (an
//! engineer reads it at once as that terminal's keys); one stray A0 gives p ≈ 0.33, and a busy
//! terminal with proportionally more failures gives p near 0.5. Fisher's test conditions on the
//! total number of failures, so it needs no assumed normal rate for a code. `ALPHA` = 0.01 keeps a
//! false alarm to about one report in a hundred even after testing every terminal and class
//! (that is what dividing by `m` buys); a merchant acts on an incident (calls the POS provider),
//! so a false alarm costs more than a late one, and the burst detectors still catch sharp faults.
//! [`MIN_FAILURES`] = 3 is not a significance threshold but the least that reads as "again and
//! again": with one terminal, two failures next to each other among thousands of attempts would
//! pass the span test while being nothing a merchant can act on.
//!
//! [`CEILING_PER_ATTEMPT`] = 1/1000 is the null hypothesis of the lone-terminal binomial test, so
//! it is chosen high: the codes answer the terminal's own keys, batch or registration, never the
//! customer's card (domain notes §3a, §6 heuristic 6), and one sign-in (重新签到) clears keys and
//! batch, so a healthy terminal returns them about never. One in a thousand still allows the
//! stray ones a sound terminal sees: a 77 after a missed sign-in at the batch change, an A0 from a
//! reply garbled on the line, roughly one every two or three weeks at a café's 50 attempts a day.
//! Because the true rate of a healthy terminal is below the ceiling, the test's false-alarm rate
//! is below the [`ALPHA`] it is held to, whatever that rate is: the ceiling errs towards silence.
//! With it, a single stray A0 among 340 attempts gives p ≈ 0.29 (quiet), three give p ≈ 0.005 and
//! seven p ≈ 1e-7 (an incident); at 5,000 attempts it takes 12 before p drops below 0.01.
//!
//! Merchant-wide outages (`bank_system`) and operator slips have no comparison group across
//! terminals or days: an acquirer that fails now and then fails for every terminal alike, and a
//! slip is one transaction. They stay with their burst detectors.
//!
//! ## What to do
//! The advice of the matching burst detector (sign in again, reload keys, call the POS provider;
//! fix the terminal's connection; ask customers of that bank for another card), and for lost links
//! a word on the acquirer: frequent drops and reversals are what its risk control watches.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::attempts::{NO_BIN, Row, bin_key};
use super::network::lost_link;
use super::terminal::{self, Group, MIN_READER};
use super::{Attempts, Codes, Draft, Listed, Span, bin, code_in, issuer, one_terminal};
use crate::diagnose::stats;
use crate::diagnose::{Bi, Langs};
use crate::knowledge::response_codes::NOT_NORMAL_ON_A_HEALTHY_TERMINAL;
use crate::matcher::LookupMap;
use crate::model::Outcome;
use crate::report::Cause;

/// Family-wise false-alarm rate of one report, shared by every group tested (Bonferroni).
pub(crate) const ALPHA: f64 = 0.01;
/// Fewest failures of one class in one group before it is tested.
pub(crate) const MIN_FAILURES: usize = 3;
/// The most a healthy terminal may return the codes of
/// [`NOT_NORMAL_ON_A_HEALTHY_TERMINAL`]: one attempt in a thousand.
/// See the module docs for why.
pub(crate) const CEILING_PER_ATTEMPT: f64 = 1.0 / 1000.0;

/// What a group keeps failing with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Device(Group),
    Link,
    Issuer,
}

/// One group tested: who, what, the failures and the test's numbers.
struct Tested<'a> {
    key: &'a str,
    class: Class,
    members: Vec<usize>,
    p: f64,
    comparison: Comparison,
}

pub(crate) enum Comparison {
    /// `hits` of `group` attempts against the others' `other_hits` of `others`.
    Others { hits: u64, group: u64, other_hits: u64, others: u64 },
    /// `k` failures within `w` consecutive of `n` attempts.
    Period { k: u64, n: u64, w: u64 },
    /// `k` of `n` attempts answered with codes a healthy terminal does not return, against
    /// [`CEILING_PER_ATTEMPT`]; `single` when the terminal is the only one in the files.
    Ceiling { k: u64, n: u64, single: bool },
}

/// A failure whose code a healthy terminal does not return (A0, 99, 77, 97, 03).
fn not_normal(r: &crate::model::Record) -> bool {
    code_in(r, NOT_NORMAL_ON_A_HEALTHY_TERMINAL)
}

fn device_or_link(r: &crate::model::Record) -> Option<Class> {
    if let Some(g) = terminal::group(r) {
        Some(Class::Device(g))
    } else if lost_link(r) {
        Some(Class::Link)
    } else {
        None
    }
}

pub(crate) fn detect(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let open: Vec<&Row> =
        att.rows.iter().filter(|row| row.on_device() && !claimed.contains(&row.idx)).collect();
    let mut groups = terminal_tests(att, &open);
    groups.extend(issuer_tests(att, &open));

    // Bonferroni over every test run, two on one group included.
    let m = groups.iter().map(Vec::len).sum::<usize>();
    let threshold = ALPHA / m.max(1) as f64;
    groups
        .into_iter()
        .filter_map(|tests| tests.into_iter().find(|t| t.p <= threshold))
        .map(|t| draft(att, t, threshold))
        .collect()
}

/// Every test of each (terminal, class) group, in the order they are tried: the group is
/// reported once, by the first of its tests that fires.
fn terminal_tests<'a>(att: &Attempts<'a>, open: &[&Row]) -> Vec<Vec<Tested<'a>>> {
    // Terminals: attempts (counted) and failures per class with their position among the
    // terminal's attempts, from the rows in time order; a record is read only for a failure.
    let mut attempts_of: Vec<usize> = vec![0; att.n_terminal_names()];
    let single = att.terminal_count() <= 1;
    let mut class_totals: BTreeMap<Class, u64> = BTreeMap::new();
    let mut failures: BTreeMap<(&str, Class), Vec<(usize, usize)>> = BTreeMap::new(); // (pos, idx)
    for row in open {
        let pos = attempts_of[row.terminal as usize];
        attempts_of[row.terminal as usize] += 1;
        // `device_or_link`: a device group needs a failure, a lost link is in the row.
        let class = if row.failed() {
            device_or_link(att.record(row.idx))
        } else {
            row.lost_link().then_some(Class::Link)
        };
        if let Some(class) = class {
            *class_totals.entry(class).or_insert(0) += 1;
            failures.entry((att.terminal_name(row), class)).or_default().push((pos, row.idx));
        }
    }
    let number_of: LookupMap<&str, usize> =
        att.terminal_names().iter().enumerate().map(|(number, &tid)| (tid, number)).collect();
    let total = open.len() as u64;
    let mut groups: Vec<Vec<Tested>> = Vec::new();
    for ((tid, class), list) in failures {
        if list.len() < MIN_FAILURES || !enough_cards(att, class, &list) {
            continue;
        }
        let n = attempts_of[number_of[tid]] as u64;
        let k = list.len() as u64;
        let never: Vec<(usize, usize)> =
            list.iter().copied().filter(|&(_, idx)| not_normal(att.record(idx))).collect();
        let members = |l: &[(usize, usize)]| l.iter().map(|&(_, idx)| idx).collect::<Vec<_>>();
        let mut tests = Vec::new();
        if !single {
            let all = class_totals[&class];
            let p = stats::fisher_greater(k, n, all, total);
            let comparison =
                Comparison::Others { hits: k, group: n, other_hits: all - k, others: total - n };
            tests.push(Tested { key: tid, class, members: members(&list), p, comparison });
        }
        // The ceiling holds for every terminal, however many others are loaded: healthy
        // terminals beside it must never hide a terminal's keys.
        if never.len() >= MIN_FAILURES {
            let k = never.len() as u64;
            let p = stats::binomial_greater(k, n, CEILING_PER_ATTEMPT);
            let comparison = Comparison::Ceiling { k, n, single };
            tests.push(Tested { key: tid, class, members: members(&never), p, comparison });
        }
        if tests.is_empty() {
            let w = (list[list.len() - 1].0 - list[0].0 + 1) as u64;
            let (p, comparison) = (stats::span_at_most(k, n, w), Comparison::Period { k, n, w });
            tests.push(Tested { key: tid, class, members: members(&list), p, comparison });
        }
        groups.push(tests);
    }
    groups
}

/// One test per BIN failing with issuer codes on enough different cards, against the other BINs.
fn issuer_tests<'a>(att: &Attempts<'a>, open: &[&Row]) -> Vec<Vec<Tested<'a>>> {
    // Issuers: attempts with a BIN (`bin_key`, from the rows), failures with issuer codes.
    let mut bin_attempts: LookupMap<u32, u64> = LookupMap::default();
    let mut bin_failures: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for row in open.iter().filter(|row| row.bin != NO_BIN) {
        *bin_attempts.entry(row.bin).or_insert(0) += 1;
        if row.failed() {
            let r = att.record(row.idx);
            if code_in(r, issuer::ISSUER_CODES)
                && let Some(b) = bin(r)
            {
                bin_failures.entry(b).or_default().push(row.idx);
            }
        }
    }
    if bin_attempts.len() < 2 {
        return Vec::new();
    }
    let with_bin: u64 = bin_attempts.values().sum();
    let all_issuer: u64 = bin_failures.values().map(|v| v.len() as u64).sum();
    let mut groups = Vec::new();
    for (b, members) in bin_failures {
        let cards: BTreeSet<&str> =
            members.iter().filter_map(|&i| att.record(i).card_masked.as_deref()).collect();
        if members.len() < MIN_FAILURES || cards.len() < issuer::MIN_CARDS {
            continue;
        }
        let (k, n) = (members.len() as u64, bin_attempts[&bin_key(b)]);
        let p = stats::fisher_greater(k, n, all_issuer, with_bin);
        let comparison = Comparison::Others {
            hits: k,
            group: n,
            other_hits: all_issuer - k,
            others: with_bin - n,
        };
        groups.push(vec![Tested { key: b, class: Class::Issuer, members, p, comparison }]);
    }
    groups
}

/// The reader class needs as many different cards as failures the burst detector asks for: the
/// same card failing again is that card.
fn enough_cards(att: &Attempts, class: Class, list: &[(usize, usize)]) -> bool {
    if class != Class::Device(Group::Reader) {
        return true;
    }
    let cards: BTreeSet<&str> =
        list.iter().filter_map(|&(_, i)| att.record(i).card_masked.as_deref()).collect();
    cards.len() >= MIN_READER
}

/// Who was tested: a terminal or the cards of one BIN.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Who<'a> {
    Terminal(&'a str),
    Bin(&'a str),
}

/// The evidence line with the test: who, what was compared, p and the threshold.
pub(crate) struct TestLine<'a> {
    pub(crate) who: Who<'a>,
    pub(crate) comparison: &'a Comparison,
    pub(crate) p: f64,
    pub(crate) threshold: f64,
}

/// What a terminal's lost links spread over the period show.
pub(crate) struct RecurringDrops<'a> {
    pub(crate) terminal: &'a str,
    pub(crate) span: Span,
    pub(crate) failures: usize,
    pub(crate) test: TestLine<'a>,
    pub(crate) days: Vec<NaiveDate>,
    /// Every attempt is a QR scan: the wallet bills decide what was charged.
    pub(crate) qr: bool,
    pub(crate) codes: Codes,
    pub(crate) listed: Listed<'a>,
}

fn draft(att: &Attempts, t: Tested, threshold: f64) -> Draft {
    let langs = att.langs();
    match t.class {
        Class::Device(g) => {
            let n_cards = t
                .members
                .iter()
                .filter_map(|&i| att.record(i).card_masked.as_deref())
                .collect::<BTreeSet<_>>()
                .len();
            let line = test_line(langs, Who::Terminal(t.key), &t, threshold);
            let mut d = terminal::draft(att, t.key, g, t.members, n_cards);
            d.insert_evidence(1, said!(langs, days(&days_of(att, &d.members))));
            d.insert_evidence(1, line);
            d.confidence = 0.8;
            d
        }
        Class::Issuer => {
            let (start, end) = (att.time(t.members[0]), att.time(t.members[t.members.len() - 1]));
            let other_ok = att
                .between(start, end)
                .iter()
                .filter(|&&i| {
                    let r = att.record(i);
                    bin(r) != Some(t.key) && r.outcome == Outcome::Approved
                })
                .count();
            let n_cards = t
                .members
                .iter()
                .filter_map(|&i| att.record(i).card_masked.as_deref())
                .collect::<BTreeSet<_>>()
                .len();
            let line = test_line(langs, Who::Bin(t.key), &t, threshold);
            let mut d = issuer::draft(att, t.key, t.members, n_cards, other_ok);
            d.insert_evidence(1, said!(langs, days(&days_of(att, &d.members))));
            d.insert_evidence(1, line);
            d.confidence = 0.7;
            d
        }
        Class::Link => link_draft(att, t, threshold),
    }
}

/// The test's evidence line in `langs`.
fn test_line(langs: Langs, who: Who, t: &Tested, threshold: f64) -> Bi<String> {
    let line = TestLine { who, comparison: &t.comparison, p: t.p, threshold };
    said!(langs, test_line(&line))
}

/// The days `members` fall on.
fn days_of(att: &Attempts, members: &[usize]) -> Vec<NaiveDate> {
    let days: BTreeSet<NaiveDate> = members.iter().map(|&i| att.time(i).date()).collect();
    days.into_iter().collect()
}

fn link_draft(att: &Attempts, t: Tested, threshold: f64) -> Draft {
    let members = t.members.clone();
    let facts = RecurringDrops {
        terminal: t.key,
        span: att.span(&members),
        failures: members.len(),
        test: TestLine { who: Who::Terminal(t.key), comparison: &t.comparison, p: t.p, threshold },
        days: days_of(att, &members),
        qr: att.all_qr(&members),
        codes: att.codes(&members),
        listed: att.listed(&members, 10),
    };
    Draft {
        cause: Cause::Signal,
        confidence: 0.7,
        terminal_ids: one_terminal(t.key),
        words: said!(att.langs(), recurring_drops(&facts)),
        members,
    }
}
