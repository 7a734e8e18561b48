//! posrecon engine: statement files in, reconciliation report out.
//!
//! The engine is a pure function of its inputs. It never touches a file system, a clock, a
//! network or a thread, so the same code runs natively (CLI, tests, benchmarks) and inside a
//! browser Web Worker (wasm32). "Today" is an input ([`Options::as_of`]).
//!
//! The pipeline has one module per stage, each with one entry point called `run`:
//!
//! 1. [`ingest`]: bytes -> decoded table (encoding, delimiter, header row, column roles, file role).
//!    Never fails wholesale: an unreadable file still yields an [`report::Input`] with an `error`.
//! 2. [`normalize`]: table rows -> typed [`model::Record`]s (fen, times, masked cards, mapped types),
//!    rejecting bad rows with a reason.
//! 3. [`matcher`]: terminal attempts <-> acquirer settlement rows, pass by pass.
//! 4. [`diagnose`]: matches and leftovers -> findings, with evidence and advice.
//! 5. [`report`]: the public, serialisable result.
//!
//! Determinism: inputs are sorted by (file name, content hash) before anything else, every map is
//! a `BTreeMap`, and every list in the report is sorted on its content, so the same files in any
//! order give the same report.

#![deny(missing_docs)]

pub mod accounting;
pub mod calendar;
pub mod cell;
pub mod chains;
pub mod check;
mod dedupe;
pub mod diagnose;
mod fail_safe;
pub mod fees;
pub mod ingest;
pub mod knowledge;
pub mod matcher;
pub mod message;
pub mod model;
pub mod normalize;
pub mod report;
pub mod synth;
mod totals;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

pub use check::check;
use model::{Record, Role};
use report::{Input, Report, RowNote, Summary};

/// Language of the human text in a report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Simplified Chinese (default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// `zh` or `en`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Parses `zh` / `en` (also `zh-CN`, `en-US`, ...).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.to_ascii_lowercase();
        if s == "zh" || s.starts_with("zh-") {
            Some(Lang::Zh)
        } else if s == "en" || s.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Picks the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Tunable rules of the analysis. Written into the report so a result can be reproduced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Clearing cut-off (日切): a transaction at or after this time clears on the next date.
    pub cutoff: NaiveTime,
    /// Settlement cycle: `T+1` (default), `T+0`, `D+1` or `D+0`; gives expected deposit dates.
    pub settlement_cycle: String,
    /// Settlement cycle per 商户号, for merchants whose acquirer pays on another cycle.
    pub settlement_cycle_by_merchant: BTreeMap<String, String>,
    /// Payout cycle of a wallet that pays its merchant bill's takings to the bank by itself
    /// (微信支付 settles a day's payments, net of fees and refunds, to the merchant's account):
    /// `D+1` (default), `T+1`, `D+0` or `T+0`. A wallet that keeps the money in its balance until
    /// the merchant withdraws it (支付宝) is followed by its withdrawals (提现) instead.
    pub wallet_payout_cycle: String,
    /// Days off that the built-in holiday table lacks or gets wrong (a local holiday, a new year).
    pub extra_holidays: Vec<NaiveDate>,
    /// Working days that the built-in table lacks (a 调休 Saturday of a year not yet listed).
    pub extra_working_days: Vec<NaiveDate>,
    /// Working days after the expected deposit date before a deposit counts as missing.
    pub deposit_grace_working_days: u32,
    /// How far a deposit may differ from the settled net, per settled row, in fen (rounding).
    pub deposit_tolerance_cents_per_row: i64,
    /// Fallback matching window: terminal and acquirer times may differ by this much.
    pub match_window_minutes: i64,
    /// Two charges of the same card and amount this close together are a suspected duplicate.
    /// A dropped sale followed by a charge of the same card past this window, up to 60 minutes
    /// on the same clearing date, is still named, as a weaker duplicate (see `duplicate_charge`).
    pub duplicate_window_minutes: i64,
    /// Working days after the expected deposit date before advising to escalate.
    pub escalate_after_working_days: u32,
    /// Contracted fee rates (see [`fees`]); empty = fees are not checked (no `fee_mismatch`).
    pub fee_rates: Vec<fees::FeeRate>,
    /// Order lists: a card payment may come this many minutes before the order's time.
    pub order_window_before_minutes: i64,
    /// Order lists: a card payment may come this many minutes after the order's time (orders are
    /// typed in before the card is swiped).
    pub order_window_after_minutes: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            cutoff: NaiveTime::from_hms_opt(23, 0, 0).expect("valid time"),
            settlement_cycle: "T+1".to_owned(),
            settlement_cycle_by_merchant: BTreeMap::new(),
            wallet_payout_cycle: "D+1".to_owned(),
            extra_holidays: Vec::new(),
            extra_working_days: Vec::new(),
            deposit_grace_working_days: 1,
            deposit_tolerance_cents_per_row: 1,
            match_window_minutes: 5,
            duplicate_window_minutes: 15,
            escalate_after_working_days: 3,
            fee_rates: Vec::new(),
            order_window_before_minutes: 2,
            order_window_after_minutes: 10,
        }
    }
}

/// Everything the caller decides about one analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The date treated as today (the engine never reads a clock).
    pub as_of: NaiveDate,
    /// Language of human text.
    pub lang: Lang,
    /// Forced roles, by file name.
    pub role_overrides: BTreeMap<String, Role>,
    /// Rules of the analysis.
    pub settings: Settings,
    /// Saved column mappings, applied to every file whose header signature matches.
    pub mapping_templates: Vec<ingest::MappingTemplate>,
    /// Forced text encodings (`gbk`, `utf-8`, `utf-16le`, ...), by file name.
    pub encoding_overrides: BTreeMap<String, String>,
}

impl Options {
    /// Default settings, Chinese text, no overrides.
    pub fn new(as_of: NaiveDate) -> Self {
        Options {
            as_of,
            lang: Lang::Zh,
            role_overrides: BTreeMap::new(),
            settings: Settings::default(),
            mapping_templates: Vec::new(),
            encoding_overrides: BTreeMap::new(),
        }
    }
}

/// One statement file handed to the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// File name (no directories); used in every message and record reference.
    pub name: String,
    /// The file's bytes, untouched.
    pub bytes: Vec<u8>,
}

impl SourceFile {
    /// Convenience constructor.
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        SourceFile { name: name.into(), bytes: bytes.into() }
    }
}

/// Reads every file and reports how each was read, without matching (`posrecon inspect`).
pub fn inspect(files: &[SourceFile], options: &Options) -> Vec<Input> {
    read_and_match(files, options).0
}

/// Runs the whole analysis.
pub fn analyze(files: &[SourceFile], options: &Options) -> Report {
    let (inputs, records, match_set) = read_and_match(files, options);
    let mut findings = diagnose::run(&records, &inputs, &match_set, options);
    let diagnose::Diagnosis { incidents, cardholder_declines, terminal_health } =
        diagnose::incidents(&records, &inputs, &match_set, options, &mut findings);
    let chains = chains::run(&records, &inputs, &match_set, options, &findings);
    let summary = Summary {
        attempts: match_set.attempts(&records),
        findings_by_kind: findings.iter().fold(BTreeMap::new(), |mut acc, f| {
            *acc.entry(f.kind).or_insert(0) += 1;
            acc
        }),
        money_at_risk_cents: findings
            .iter()
            .filter(|f| matches!(f.severity, report::Severity::High | report::Severity::Medium))
            .map(|f| f.amount_cents)
            .sum(),
    };
    Report {
        schema: report::SCHEMA.to_owned(),
        generated_by: format!("posrecon {}", env!("CARGO_PKG_VERSION")),
        as_of: options.as_of,
        lang: options.lang.as_str().to_owned(),
        settings: options.settings.clone(),
        inputs,
        summary,
        findings,
        incidents,
        chains,
        cardholder_declines,
        terminal_health,
    }
}

/// Ingests and normalises every file in a canonical order.
///
/// Files are sorted by (name, sha256) so that input order never matters. A file whose bytes are
/// identical to an earlier one is read (so its rows are accounted for) but its rows are skipped as
/// duplicates: adding the same file twice changes nothing. Files that only overlap are merged as
/// multisets ([`dedupe`]).
/// Reads every file and matches them; files that do not fit the set are held back and the match
/// runs again without them ([`fail_safe::misfits`]).
pub(crate) fn read_and_match(
    files: &[SourceFile],
    options: &Options,
) -> (Vec<Input>, Vec<Record>, matcher::MatchSet) {
    let (mut inputs, mut records) = read_all(files, options);
    let mut set = matcher::run(&records, &options.settings);
    let misfits = fail_safe::misfits(&records, &inputs, &set);
    if !misfits.is_empty() {
        fail_safe::hold_back_misfits(&mut inputs, &mut records, misfits);
        set = matcher::run(&records, &options.settings);
    }
    // Wallet payments whose payout cannot be followed say so on their file.
    for (file, note) in matcher::deposit::held_in_wallet_notes(&records, &set.deposits) {
        if let Some(input) = inputs.get_mut(file) {
            input.warnings.push(RowNote::new(0, note));
            input.warnings.sort_by_key(|n| n.line);
        }
    }
    (inputs, records, set)
}

fn read_all(files: &[SourceFile], options: &Options) -> (Vec<Input>, Vec<Record>) {
    let mut ordered: Vec<(&SourceFile, String)> =
        files.iter().map(|f| (f, ingest::sha256_hex(&f.bytes))).collect();
    ordered.sort_by(|a, b| a.0.name.cmp(&b.0.name).then_with(|| a.1.cmp(&b.1)));

    let mut inputs = Vec::with_capacity(ordered.len());
    let mut records = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    // Wallet summaries and the scope (account, period) of every input, for the cross-file totals.
    let mut summaries = Vec::new();
    let mut scopes = Vec::new();
    let read_options = ingest::ReadOptions {
        role_overrides: Some(&options.role_overrides),
        encoding_overrides: Some(&options.encoding_overrides),
        templates: &options.mapping_templates,
        // `inspect` passes no real today (NaiveDate::MIN); a year is then only taken from files.
        as_of: (options.as_of != NaiveDate::MIN).then_some(options.as_of),
        sha256: None,
    };
    for (file, sha256) in ordered {
        // One file may hold several tables (sheets, archive members); each is its own input.
        let read_options = ingest::ReadOptions { sha256: Some(&sha256), ..read_options };
        for mut ingested in ingest::read(&file.name, &file.bytes, &read_options) {
            let file_idx = inputs.len();
            let mut file_records = normalize::run(&mut ingested, file_idx, &options.settings);
            if ingested.input.dialect.as_deref() == Some("alipay_summary") {
                summaries.push(totals::summary_of(file_idx, &ingested.input.file, &ingested.table));
            }
            scopes.push(ingested.table.totals.scope.take());
            let mut input = ingested.input;
            fail_safe::hold_back_guesses(&mut input, &mut file_records);
            let key = format!("{}/{}", input.sha256, input.sheet.as_deref().unwrap_or(""));
            if let Some(first) = seen.get(&key) {
                let note = message::Note::IdenticalFile { file: first.clone() };
                input
                    .skipped_rows
                    .extend(file_records.drain(..).map(|r| RowNote::new(r.line, note.clone())));
                input.skipped_rows.sort_by_key(|n| n.line);
                input.data_rows = 0;
            } else {
                seen.insert(key, input.file.clone());
            }
            records.append(&mut file_records);
            inputs.push(input);
        }
    }
    totals::cross_file(&mut inputs, &scopes, &records, &summaries);
    // Overlapping exports of one role (a day file and a week file) count each transaction once.
    let records = dedupe::run(&mut inputs, records);
    (inputs, records)
}
