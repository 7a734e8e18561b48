//! Deterministic synthetic statements, for demos, tests and benchmarks (`posrecon gen`).
//!
//! [`generate`] writes a period of card payments on a merchant's terminals in the layouts real
//! merchants download (the same as `www/demo/`): the terminals' transaction log (UTF-8 with BOM,
//! preamble, CRLF, a 合计 row), the acquirer's settlement statement (GBK) and, when asked, the
//! merchant's bank statement with the T+1 deposits and the till's order list (收银订单: one order
//! per card sale that went through, naming its 参考号, and the cash sales between them). Terminals have their own batches and STAN
//! sequences increasing with time, the host hands out RRNs in time order, cards are masked, fees
//! are 0.38% rounded per row, and sales at or after 23:00 clear on the next day.
//!
//! A small, fixed share of attempts carries an injected anomaly ([`Anomaly`]), and the generator
//! knows what each one must become in the report ([`Expected`]): tests assert that the engine finds
//! exactly those, at exactly those lines, and nothing else.
//!
//! Knowing "exactly" needs two design decisions:
//!
//! - **No accidental look-alikes.** Every anomaly gets a card of its own (the card pool is split
//!   in two: regular customers and anomaly cards), so no other attempt can pass for its retry, its
//!   window partner or its duplicate. The first and last attempt of every terminal stay normal, so
//!   the terminal log always covers an anomaly's time. No two anomalies share a second, so the
//!   report's order never falls back on line numbers.
//! - **The statement period decides, as in real life.** The acquirer statement holds the clearing
//!   dates up to the last day of the terminal log; sales after the last evening's cut-off clear on
//!   the next day, whose statement is not there yet. A timeout in that hour is therefore pending,
//!   whatever happened to the money, and [`Expected`] says so. The last evening gets a higher
//!   anomaly rate so that every run exercises the cut-off.
//!
//! Determinism: one [`SplitMix64`] stream per seed, integer arithmetic only, no hash maps, no
//! clock. The same spec gives the same bytes on every platform (wasm32 included).

mod layout;
mod rng;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

pub use rng::SplitMix64;

use crate::config::SourceFile;
use crate::report::Kind;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthSpec {
    /// Data rows of the terminal log: the payment attempts the terminals saw.
    pub rows: u64,
    /// Seed of the random stream; the same spec gives the same bytes.
    pub seed: u64,
    /// First day of the terminal log.
    pub start: NaiveDate,
    /// Days the terminal log covers (at least 1).
    pub days: u32,
    /// Number of terminals; 0 derives it from `rows` (about 150 attempts per terminal and day).
    pub terminals: u32,
    /// Attempts per 1000 that carry an injected anomaly (the last evening gets more).
    pub anomaly_per_mille: u32,
    /// Also write the merchant's bank statement with the deposits of every clearing date.
    pub bank_statement: bool,
    /// Also write the till's order list: an order for every card sale that went through on the
    /// terminal without trouble, and cash orders. Injected anomalies get no order, so the order
    /// list adds no finding: it adds rows to read and orders to link at scale.
    pub order_list: bool,
}

impl SynthSpec {
    /// `rows` attempts over the week starting Monday 2026-11-02, 1% anomalies, no bank statement,
    /// no order list.
    pub fn new(rows: u64, seed: u64) -> Self {
        SynthSpec {
            rows,
            seed,
            start: NaiveDate::from_ymd_opt(2026, 11, 2).expect("valid date"),
            days: 7,
            terminals: 0,
            anomaly_per_mille: 10,
            bank_statement: false,
            order_list: false,
        }
    }
}

/// The kinds of trouble the generator injects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Anomaly {
    /// The terminal timed out, the host approved and the acquirer settled it (掉单).
    DroppedSale,
    /// A dropped sale, then the cashier charged the same card again and that was approved too.
    RetriedAfterTimeout,
    /// The terminal timed out and the automatic reversal worked: nothing settled.
    ReversedTimeout,
    /// The host declined (51 余额不足, 55 密码错, ...): nothing settled.
    Declined,
    /// Approved on the terminal, missing from the settlement (短款).
    ApprovedNotSettled,
    /// Settled by the acquirer, missing from the terminal log (长款).
    SettledNotOnTerminal,
    /// The acquirer settled another amount than the terminal shows.
    AmountDiffers,
}

impl Anomaly {
    /// Every anomaly, in a fixed order.
    pub const ALL: [Anomaly; 7] = [
        Anomaly::DroppedSale,
        Anomaly::RetriedAfterTimeout,
        Anomaly::ReversedTimeout,
        Anomaly::Declined,
        Anomaly::ApprovedNotSettled,
        Anomaly::SettledNotOnTerminal,
        Anomaly::AmountDiffers,
    ];

    /// Stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Anomaly::DroppedSale => "dropped_sale",
            Anomaly::RetriedAfterTimeout => "retried_after_timeout",
            Anomaly::ReversedTimeout => "reversed_timeout",
            Anomaly::Declined => "declined",
            Anomaly::ApprovedNotSettled => "approved_not_settled",
            Anomaly::SettledNotOnTerminal => "settled_not_on_terminal",
            Anomaly::AmountDiffers => "amount_differs",
        }
    }
}

/// One finding the engine must report: its kind and the line of its first record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ExpectedFinding {
    /// File of the finding's first record (the terminal line, or the settled line for 长款).
    pub file: String,
    /// Line of that record.
    pub line: u32,
    /// The finding's kind.
    pub kind: Kind,
    /// The anomaly that caused it.
    pub anomaly: Anomaly,
}

/// What the generator injected and what the engine must find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// A good `as_of` for the analysis: ten days after the last day.
    pub as_of: NaiveDate,
    /// `summary.attempts` of the report: terminal rows plus settled rows with no terminal row.
    pub attempts: u64,
    /// Data rows written to the terminal log.
    pub terminal_rows: u64,
    /// Data rows written to the acquirer statement.
    pub acquirer_rows: u64,
    /// Data rows written to the bank statement (0 when none was asked for).
    pub bank_rows: u64,
    /// Data rows written to the order list (0 when none was asked for).
    pub order_rows: u64,
    /// How many of each anomaly were injected.
    pub injected: BTreeMap<Anomaly, u64>,
    /// Every finding, sorted by file and line. Nothing else may be reported.
    pub findings: Vec<ExpectedFinding>,
}

impl Expected {
    /// Findings per kind, kinds with none left out (as `summary.findings_by_kind`).
    pub fn findings_by_kind(&self) -> BTreeMap<Kind, u64> {
        let mut out = BTreeMap::new();
        for f in &self.findings {
            *out.entry(f.kind).or_insert(0) += 1;
        }
        out
    }
}

/// The generated files and what they contain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synthetic {
    /// Terminal log, acquirer statement and (when asked) bank statement and order list, in that
    /// order.
    pub files: Vec<SourceFile>,
    /// What the engine must find in them.
    pub expected: Expected,
}

/// Generates the statements for a spec. Pure and deterministic.
pub fn generate(spec: &SynthSpec) -> Synthetic {
    let mut world = World::build(spec);
    let expected_findings = world.expected_findings();
    let files = layout::write(&mut world, spec.bank_statement, spec.order_list);

    let terminal_rows = world.events.iter().filter(|e| e.shown != Shown::Absent).count() as u64;
    let in_file = |e: &Event| world.in_statement(e);
    let acquirer_rows = world.events.iter().filter(|e| in_file(e)).count() as u64;
    let unpaired_settled =
        world.events.iter().filter(|e| in_file(e) && e.shown == Shown::Absent).count() as u64;
    let mut injected: BTreeMap<Anomaly, u64> = BTreeMap::new();
    for inj in &world.injections {
        *injected.entry(inj.anomaly).or_insert(0) += 1;
    }
    let mut findings: Vec<ExpectedFinding> = expected_findings
        .into_iter()
        .map(|(kind, anomaly, event)| {
            let e = &world.events[event];
            let (file, line) = if e.shown == Shown::Absent {
                (files[1].name.clone(), e.acquirer_line)
            } else {
                (files[0].name.clone(), e.terminal_line)
            };
            ExpectedFinding { file, line, kind, anomaly }
        })
        .collect();
    findings.sort();

    let expected = Expected {
        as_of: world.last_day + Duration::days(10),
        attempts: terminal_rows + unpaired_settled,
        terminal_rows,
        acquirer_rows,
        bank_rows: world.bank_rows,
        order_rows: world.order_rows,
        injected,
        findings,
    };
    Synthetic { files, expected }
}

// ---------------------------------------------------------------------------------------------
// The simulated world: terminals, cards and payment events.

/// Clearing cut-off (日切): the engine's default.
const CUTOFF_SECS: u32 = 23 * 3600;
/// Opening hours: attempts fall in 08:00..23:50.
const OPEN_SECS: u32 = 8 * 3600;
const CLOSE_SECS: u32 = 23 * 3600 + 50 * 60;
/// Card ids below this are regular customers; the rest are reserved for anomalies.
const REGULAR_CARDS: u32 = 5000;
/// Card ids in total (one per possible last-4 digits).
const CARDS: u32 = 10_000;
/// Fee rate in 1/10000: 0.38%.
const FEE_RATE_BP: i64 = 38;

/// What the terminal log shows for an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// Approved (variant of the response text).
    Approved(u8),
    /// No reply (variant of code and text).
    Timeout(u8),
    /// Declined (variant of code and text).
    Declined(u8),
    /// Not in the terminal log at all.
    Absent,
}

/// One payment attempt, on both sides.
#[derive(Debug, Clone)]
struct Event {
    terminal: u32,
    time: NaiveDateTime,
    /// Amount on the terminal, fen.
    amount: i64,
    /// Amount the acquirer settled, fen (differs only for `AmountDiffers`).
    settled_amount: i64,
    card: u32,
    stan: u32,
    batch: u32,
    rrn: u64,
    auth: u32,
    shown: Shown,
    /// The acquirer settled it (it is in a statement, this one or a later one).
    settled: bool,
    /// Line in the terminal log / acquirer statement once written (0 = not there).
    terminal_line: u32,
    acquirer_line: u32,
}

/// An injected anomaly: its kind, its main event and, for retries, the retry.
#[derive(Debug, Clone)]
struct Injection {
    anomaly: Anomaly,
    event: usize,
    retry: Option<usize>,
}

/// Everything generated, before it is written out.
struct World {
    merchant_id: String,
    merchant_name: &'static str,
    terminal_ids: Vec<String>,
    /// Masked card number per card id.
    cards: Vec<String>,
    events: Vec<Event>,
    injections: Vec<Injection>,
    first_day: NaiveDate,
    last_day: NaiveDate,
    /// Clearing dates with at least one row in the acquirer statement.
    statement_dates: BTreeSet<NaiveDate>,
    /// Random stream for the layout (bank noise, balances), independent of the events.
    layout_rng: SplitMix64,
    bank_rows: u64,
    order_rows: u64,
}

const MERCHANT_NAMES: [&str; 4] =
    ["示例便利店", "示例连锁超市", "示例餐饮管理有限公司", "示例药房"];

const BINS: [&str; 12] = [
    "622202", "621226", "622848", "622260", "620522", "622588", "625807", "436742", "518710",
    "621700", "622700", "623668",
];

/// Everyday prices, fen.
const PRICES: [i64; 16] = [
    1250, 1800, 2200, 3200, 3800, 4550, 5600, 6800, 7350, 8800, 12900, 15800, 19900, 26800, 38800,
    52000,
];

impl World {
    fn build(spec: &SynthSpec) -> World {
        let mut rng = SplitMix64::new(spec.seed);
        let days = spec.days.max(1);
        let first_day = spec.start;
        let last_day = first_day + Duration::days(i64::from(days) - 1);
        let terminals = terminal_count(spec.rows, days, spec.terminals);

        let merchant_id = format!("8984{:011}", rng.below(100_000_000_000));
        let merchant_name = MERCHANT_NAMES[rng.below(MERCHANT_NAMES.len() as u64) as usize];
        let tid_base = 10_000_000 + rng.below(80_000_000);
        let terminal_ids =
            (0..u64::from(terminals)).map(|t| format!("{:08}", tid_base + t)).collect();
        let cards = card_table(&mut rng);

        let mut world = World {
            merchant_id,
            merchant_name,
            terminal_ids,
            cards,
            events: Vec::with_capacity(spec.rows as usize + spec.rows as usize / 50 + 16),
            injections: Vec::new(),
            first_day,
            last_day,
            statement_dates: BTreeSet::new(),
            layout_rng: rng.fork(),
            bank_rows: 0,
            order_rows: 0,
        };

        let counts = allocate(spec.rows, terminals, first_day, days, &mut rng);
        let mut anomaly_times: BTreeSet<NaiveDateTime> = BTreeSet::new();
        let mut anomaly_cards = 0u32;
        let mut taken = vec![0u64; 86_400 / 64 + 1];
        for t in 0..terminals {
            // The evening before the log starts: settled, in the statement, not in the log.
            let mut own: Vec<usize> = Vec::new();
            let eve = first_day - Duration::days(1);
            let n_eve = rng.between(1, 2) as usize;
            for secs in distinct_seconds(&mut rng, n_eve, 18 * 3600, CUTOFF_SECS, &mut taken) {
                let id = world.push_normal(&mut rng, t, at(eve, secs));
                world.events[id].shown = Shown::Absent;
                own.push(id);
            }

            // The attempts of the log, day by day.
            let mut slots: Vec<usize> = Vec::new();
            let mut day_of_slot: Vec<u32> = Vec::new();
            for d in 0..days {
                let date = first_day + Duration::days(i64::from(d));
                let n = counts[(t * days + d) as usize] as usize;
                for secs in day_seconds(&mut rng, n, &mut taken) {
                    slots.push(world.push_normal(&mut rng, t, at(date, secs)));
                    day_of_slot.push(d);
                }
            }

            // Anomalies, never on the first or last attempt of the terminal.
            let injected = world.inject_anomalies(
                &mut rng,
                spec,
                (&slots, &day_of_slot),
                &mut anomaly_cards,
                &mut anomaly_times,
            );
            own.extend(injected);
            own.extend(slots);

            world.number_stans(&mut rng, own, eve);
        }

        world.hand_out_rrns(&mut rng);

        world.statement_dates = world
            .events
            .iter()
            .filter(|e| world.in_statement(e))
            .map(|e| clearing(e.time))
            .collect();
        world
    }

    /// One terminal's events (`own`) get their STANs, counting up with time, and their batches,
    /// changing every day from `eve`.
    fn number_stans(&mut self, rng: &mut SplitMix64, mut own: Vec<usize>, eve: NaiveDate) {
        own.sort_by_key(|&id| self.events[id].time);
        let stan_start = rng.between(1, 999_999 - own.len() as u64 - 1) as u32;
        let batch_base = rng.between(1, 800) as u32;
        for (j, &id) in own.iter().enumerate() {
            let e = &mut self.events[id];
            e.stan = stan_start + j as u32;
            e.batch = batch_base + (e.time.date() - eve).num_days() as u32;
        }
    }

    /// The host hands out RRNs in time order, across terminals (and an authorisation code each).
    fn hand_out_rrns(&mut self, rng: &mut SplitMix64) {
        let mut order: Vec<usize> = (0..self.events.len()).collect();
        order.sort_by_key(|&id| (self.events[id].time, self.events[id].terminal));
        let mut rrn = 300_000_000_000 + rng.below(500_000_000_000);
        for id in order {
            rrn += rng.between(1, 9);
            let e = &mut self.events[id];
            e.rrn = rrn;
            e.auth = rng.between(100_000, 999_999) as u32;
        }
    }

    /// Injects anomalies into one terminal's attempts (`slots` in time order, with the day of
    /// each), never on its first or last attempt, at `spec.anomaly_per_mille` (at least 30% on the
    /// last evening, whose clearing date the statement does not cover). Returns the events the
    /// terminal settled without showing them (they take the terminal's STANs too).
    fn inject_anomalies(
        &mut self,
        rng: &mut SplitMix64,
        spec: &SynthSpec,
        (slots, day_of_slot): (&[usize], &[u32]),
        anomaly_cards: &mut u32,
        anomaly_times: &mut BTreeSet<NaiveDateTime>,
    ) -> Vec<usize> {
        let mut own = Vec::new();
        let mut consumed = vec![false; slots.len()];
        for i in 1..slots.len().saturating_sub(1) {
            if consumed[i] {
                continue;
            }
            let time = self.events[slots[i]].time;
            let last_evening = time.date() == self.last_day && secs_of(time) >= CUTOFF_SECS;
            let rate = match (spec.anomaly_per_mille, last_evening) {
                (0, _) => 0,
                (r, true) => u64::from(r).max(300),
                (r, false) => u64::from(r),
            };
            if !rng.chance(rate) {
                continue;
            }
            let anomaly = pick_anomaly(rng, last_evening);
            let same_day_next =
                (day_of_slot.get(i + 1) == Some(&day_of_slot[i])).then(|| slots[i + 1]);
            let card = CARDS - 1 - (*anomaly_cards % (CARDS - REGULAR_CARDS));
            if let Some(inj) = self.inject(
                rng,
                anomaly,
                slots[i],
                slots[i + 1],
                same_day_next,
                card,
                anomaly_times,
            ) {
                *anomaly_cards += 1;
                if let Some(retry) = inj.retry {
                    consumed[i + 1] = retry == slots[i + 1];
                }
                if inj.anomaly == Anomaly::SettledNotOnTerminal {
                    own.push(inj.event);
                }
                self.injections.push(inj);
            }
        }
        own
    }

    /// A normal approved and settled sale by a regular customer.
    fn push_normal(&mut self, rng: &mut SplitMix64, terminal: u32, time: NaiveDateTime) -> usize {
        let amount = random_amount(rng);
        self.events.push(Event {
            terminal,
            time,
            amount,
            settled_amount: amount,
            card: rng.below(u64::from(REGULAR_CARDS)) as u32,
            stan: 0,
            batch: 0,
            rrn: 0,
            auth: 0,
            shown: Shown::Approved(rng.below(4) as u8 / 3),
            settled: true,
            terminal_line: 0,
            acquirer_line: 0,
        });
        self.events.len() - 1
    }

    /// Turns slot `id` (followed by slot `next`) into an anomaly, or declines to when it cannot
    /// be made unambiguous. `same_day_next` is `next` when it is on the same day.
    #[allow(clippy::too_many_arguments)]
    fn inject(
        &mut self,
        rng: &mut SplitMix64,
        anomaly: Anomaly,
        id: usize,
        next: usize,
        same_day_next: Option<usize>,
        card: u32,
        anomaly_times: &mut BTreeSet<NaiveDateTime>,
    ) -> Option<Injection> {
        let time = self.events[id].time;
        if anomaly == Anomaly::SettledNotOnTerminal {
            // A settled sale the terminal lost, shortly after this slot and before the next one.
            let gap = (self.events[next].time - time).num_seconds();
            if gap < 2 {
                return None;
            }
            let lost_time =
                time + Duration::seconds(1 + rng.below((gap - 1).min(600) as u64) as i64);
            if !anomaly_times.insert(lost_time) {
                return None;
            }
            let terminal = self.events[id].terminal;
            let lost = self.push_normal(rng, terminal, lost_time);
            let e = &mut self.events[lost];
            e.card = card;
            e.shown = Shown::Absent;
            return Some(Injection { anomaly, event: lost, retry: None });
        }
        if anomaly == Anomaly::RetriedAfterTimeout && same_day_next.is_none() {
            return None;
        }
        if !anomaly_times.insert(time) {
            return None;
        }
        let e = &mut self.events[id];
        e.card = card;
        let amount = e.amount;
        let timeout = Shown::Timeout(rng.below(5) as u8);
        match anomaly {
            Anomaly::DroppedSale | Anomaly::RetriedAfterTimeout => e.shown = timeout,
            Anomaly::ReversedTimeout => {
                e.shown = timeout;
                e.settled = false;
            }
            Anomaly::Declined => {
                e.shown = Shown::Declined(rng.below(5) as u8);
                e.settled = false;
            }
            Anomaly::ApprovedNotSettled => e.settled = false,
            Anomaly::AmountDiffers => {
                e.settled_amount = if amount < 10_000 { amount * 10 } else { amount / 100 * 10 };
            }
            Anomaly::SettledNotOnTerminal => unreachable!("handled above"),
        }
        // The cashier charges again: always after a dropped sale, half the time after a reversal.
        let retried = anomaly == Anomaly::RetriedAfterTimeout
            || (anomaly == Anomaly::ReversedTimeout && rng.chance(500));
        let retry = match (retried, same_day_next) {
            (true, Some(next)) => {
                let r = &mut self.events[next];
                let retry_time =
                    (time + Duration::seconds(rng.between(30, 150) as i64)).min(r.time);
                r.time = retry_time.max(time + Duration::seconds(1));
                r.amount = amount;
                r.settled_amount = amount;
                r.card = card;
                Some(next)
            }
            _ => None,
        };
        Some(Injection { anomaly, event: id, retry })
    }

    /// The row is in the acquirer statement: settled, with a clearing date up to the last day.
    fn in_statement(&self, e: &Event) -> bool {
        e.settled && clearing(e.time) <= self.last_day
    }

    /// What the engine must report for each injection: (kind, anomaly, event of the first record).
    ///
    /// This is the contract of the rules in `diagnose/rules/`, written from the generator's side.
    fn expected_findings(&self) -> Vec<(Kind, Anomaly, usize)> {
        let first = self.statement_dates.first().copied();
        let last = self.statement_dates.last().copied();
        let in_range = |d: NaiveDate| first.is_some_and(|f| f <= d) && last.is_some_and(|l| d <= l);
        let decided = |e: &Event| self.statement_dates.contains(&clearing(e.time));
        let mut out = Vec::new();
        for inj in &self.injections {
            let e = &self.events[inj.event];
            let kind = match inj.anomaly {
                Anomaly::DroppedSale if self.in_statement(e) => Some(Kind::ChargedButFailed),
                Anomaly::RetriedAfterTimeout if self.in_statement(e) => {
                    let retry = &self.events[inj.retry.expect("a retry")];
                    Some(if self.in_statement(retry) {
                        Kind::DuplicateCharge
                    } else {
                        Kind::ChargedButFailed
                    })
                }
                // A timeout with no settled row: not charged if its clearing date is decided.
                Anomaly::DroppedSale | Anomaly::RetriedAfterTimeout | Anomaly::ReversedTimeout => {
                    (!decided(e)).then_some(Kind::PendingOutcome)
                }
                Anomaly::Declined => None,
                Anomaly::ApprovedNotSettled => {
                    in_range(clearing(e.time)).then_some(Kind::MissingSettlement)
                }
                Anomaly::SettledNotOnTerminal => {
                    self.in_statement(e).then_some(Kind::UnexpectedSettlement)
                }
                Anomaly::AmountDiffers => self.in_statement(e).then_some(Kind::AmountMismatch),
            };
            out.extend(kind.map(|k| (k, inj.anomaly, inj.event)));
        }
        out
    }
}

/// Terminals: as asked, or about 150 attempts per terminal and day; never more than 5000.
fn terminal_count(rows: u64, days: u32, asked: u32) -> u32 {
    let per_day = u64::from(days);
    let derived =
        if asked > 0 { u64::from(asked) } else { rows.div_ceil(per_day * 150).clamp(2, 999) };
    // Keep a terminal's day well inside its opening hours (distinct seconds per attempt).
    derived.max(rows.div_ceil(per_day * 5000)).min(9_999) as u32
}

/// Attempts per (terminal, day): busy and quiet terminals, busier weekends; sums to `rows`.
fn allocate(
    rows: u64,
    terminals: u32,
    first_day: NaiveDate,
    days: u32,
    rng: &mut SplitMix64,
) -> Vec<u64> {
    let terminal_weight: Vec<u64> = (0..terminals).map(|_| rng.between(1, 3)).collect();
    let day_weight: Vec<u64> = (0..days)
        .map(|d| {
            let date = first_day + Duration::days(i64::from(d));
            if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) { 13 } else { 10 }
        })
        .collect();
    let total: u128 = u128::from(terminal_weight.iter().sum::<u64>())
        * u128::from(day_weight.iter().sum::<u64>());
    let mut out = Vec::with_capacity((terminals * days) as usize);
    let (mut cumulative, mut allotted) = (0u128, 0u64);
    for tw in &terminal_weight {
        for dw in &day_weight {
            cumulative += u128::from(tw * dw);
            let target = (u128::from(rows) * cumulative / total) as u64;
            out.push(target - allotted);
            allotted = target;
        }
    }
    out
}

/// `n` distinct seconds of the opening hours, sorted, with lunch and dinner peaks.
fn day_seconds(rng: &mut SplitMix64, n: usize, taken: &mut [u64]) -> Vec<u32> {
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let secs = match rng.below(4) {
            0 => rng.between(11 * 3600, 14 * 3600 - 1),
            1 => rng.between(17 * 3600, 21 * 3600 - 1),
            _ => rng.between(u64::from(OPEN_SECS), u64::from(CLOSE_SECS - 1)),
        } as u32;
        take_second(taken, secs, &mut out);
    }
    finish_seconds(taken, out)
}

/// `n` distinct seconds in `from..to`, sorted.
fn distinct_seconds(
    rng: &mut SplitMix64,
    n: usize,
    from: u32,
    to: u32,
    taken: &mut [u64],
) -> Vec<u32> {
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let secs = rng.between(u64::from(from), u64::from(to - 1)) as u32;
        take_second(taken, secs, &mut out);
    }
    finish_seconds(taken, out)
}

fn take_second(taken: &mut [u64], secs: u32, out: &mut Vec<u32>) {
    let (word, bit) = ((secs / 64) as usize, secs % 64);
    if taken[word] & (1 << bit) == 0 {
        taken[word] |= 1 << bit;
        out.push(secs);
    }
}

/// Clears the bitset for the next day and sorts.
fn finish_seconds(taken: &mut [u64], mut out: Vec<u32>) -> Vec<u32> {
    for &secs in &out {
        taken[(secs / 64) as usize] = 0;
    }
    out.sort_unstable();
    out
}

fn pick_anomaly(rng: &mut SplitMix64, last_evening: bool) -> Anomaly {
    const WEIGHTS: [(Anomaly, u64); 7] = [
        (Anomaly::DroppedSale, 20),
        (Anomaly::RetriedAfterTimeout, 15),
        (Anomaly::ReversedTimeout, 20),
        (Anomaly::Declined, 20),
        (Anomaly::ApprovedNotSettled, 10),
        (Anomaly::SettledNotOnTerminal, 10),
        (Anomaly::AmountDiffers, 5),
    ];
    // The last evening is when the network drops: timeouts only.
    let table = if last_evening { &WEIGHTS[..3] } else { &WEIGHTS[..] };
    let mut x = rng.below(table.iter().map(|(_, w)| w).sum());
    for &(anomaly, weight) in table {
        if x < weight {
            return anomaly;
        }
        x -= weight;
    }
    unreachable!("x is below the total weight")
}

/// Masked card numbers: a bank BIN and four last digits, distinct per card id.
fn card_table(rng: &mut SplitMix64) -> Vec<String> {
    let mut last4: Vec<u32> = (0..CARDS).collect();
    rng.shuffle(&mut last4);
    last4
        .into_iter()
        .map(|l4| format!("{}******{l4:04}", BINS[rng.below(BINS.len() as u64) as usize]))
        .collect()
}

/// Mostly everyday prices, some odd amounts, a few big tickets (whole yuan).
fn random_amount(rng: &mut SplitMix64) -> i64 {
    match rng.below(10) {
        0..=5 => PRICES[rng.below(PRICES.len() as u64) as usize],
        6..=8 => rng.between(100, 29_999) as i64,
        _ => rng.between(300, 5_000) as i64 * 100,
    }
}

/// Fee at 0.38%, rounded half up to the fen, per row.
fn fee(amount: i64) -> i64 {
    (amount * FEE_RATE_BP + 5_000) / 10_000
}

/// Clearing date with the 23:00 cut-off.
fn clearing(time: NaiveDateTime) -> NaiveDate {
    if secs_of(time) >= CUTOFF_SECS { time.date() + Duration::days(1) } else { time.date() }
}

fn secs_of(time: NaiveDateTime) -> u32 {
    use chrono::Timelike;
    time.num_seconds_from_midnight()
}

fn at(date: NaiveDate, secs: u32) -> NaiveDateTime {
    date.and_time(
        NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).expect("a second of the day"),
    )
}

#[cfg(test)]
mod tests;
