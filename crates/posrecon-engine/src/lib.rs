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
//! A host that caches or parallelises calls the first stages itself: [`read_file`] per file (any
//! order, any thread; cached by (sha256, name, [`read_key`])), [`match_read`] on the files read,
//! then [`analyze_matched`] or [`check_matched`] on the [`Matched`] it may keep. [`analyze`] is
//! those in a row and gives the same bytes; the `*_with_progress` variants report each [`Stage`].
//! A host that keeps the report too (the page's worker) calls [`diagnose_matched`]: the report
//! without its chains ([`chains_of`] when an export needs them) and worded in both languages, so
//! a language switch ([`Bilingual::set_lang`]) swaps words and detects nothing.
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
pub mod config;
mod dedupe;
pub mod diagnose;
mod fail_safe;
pub mod fees;
pub mod follow;
pub mod ingest;
pub mod knowledge;
pub mod matcher;
pub mod message;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod report;
pub mod synth;
mod totals;

use std::collections::BTreeMap;

pub use check::{check, check_matched};
pub use config::{Lang, Options, Settings, SourceFile};
pub use pipeline::{
    Matched, ReadFile, Stage, match_read, match_read_with_progress, read_file, read_file_hashed,
    read_key,
};
use report::{Input, Report, Summary};

/// Reads every file and reports how each was read (`posrecon inspect`): the report's `inputs`
/// (role and confidence, header line, columns, row accounting, proofs, role doubts) without
/// findings. Files are read and matched exactly as [`analyze`] does (a misfit file is held back
/// the same way).
pub fn inspect(files: &[SourceFile], options: &Options) -> Vec<Input> {
    pipeline::run(files, options).inputs
}

/// Runs the whole analysis: [`pipeline::run`] (ingest, normalize, match), then
/// [`analyze_matched`] (diagnose, incidents, chains, summary).
///
/// In: the statement files as given (name and untouched bytes, any order, any number; the same
/// file twice counts once) and the caller's [`Options`] (`as_of` is "today": the engine reads no
/// clock). Out: the [`Report`] (schema [`report::SCHEMA`], `shared/spec/report-json.md`): one
/// `Input` per table read with every line accounted for, findings numbered `F0001`... in report
/// order, incidents, chains (every data row in exactly one), money in integer fen, times Beijing
/// local time, human text in `options.lang`. Never fails and never panics on bad input: what
/// cannot be read is an `Input.error` or a rejected row with its reason. Deterministic: the same
/// files in any order give a byte-identical report.
pub fn analyze(files: &[SourceFile], options: &Options) -> Report {
    analyze_with_progress(files, options, &mut |_| {})
}

/// [`analyze`], telling `progress` where it is ([`Stage`]: each file read, matching, diagnosing,
/// chains).
pub fn analyze_with_progress(
    files: &[SourceFile],
    options: &Options,
    progress: &mut dyn FnMut(Stage),
) -> Report {
    let matched = pipeline::run_with_progress(files, options, progress);
    let (diagnosed, _) = diagnosed(&matched, options, progress, None);
    diagnosed.chained(&matched, options, progress).into_report(matched.inputs, options)
}

/// The report of files already read and matched ([`match_read`]): diagnose, incidents, chains and
/// summary, exactly as [`analyze`] writes them.
///
/// In: a [`Matched`] (kept by the host, so a language switch or other report options do not read
/// the files again; `settings` that change the match need a new [`match_read`]) and the
/// [`Options`] it was matched under (`lang` may differ). Out: the [`Report`], byte-identical to
/// [`analyze`] of the same files and options. Never fails; `matched` is left as it was.
pub fn analyze_matched(matched: &Matched, options: &Options) -> Report {
    analyze_matched_with_progress(matched, options, &mut |_| {})
}

/// [`analyze_matched`], telling `progress` of [`Stage::Diagnosing`] and [`Stage::Chains`].
pub fn analyze_matched_with_progress(
    matched: &Matched,
    options: &Options,
    progress: &mut dyn FnMut(Stage),
) -> Report {
    let (diagnosed, _) = diagnosed(matched, options, progress, None);
    diagnosed.chained(matched, options, progress).into_report(matched.inputs.clone(), options)
}

/// For a host that keeps the report and switches its language (the page's worker): the report of
/// `matched` as [`analyze_matched`] writes it but without its chains (`chains` empty: see
/// [`chains_of`], they are 90% of a report and only exports need them), worded in both languages
/// ([`Bilingual::set_lang`] then costs no detection). Tells `progress` of
/// [`Stage::Diagnosing`].
pub fn diagnose_matched(
    matched: &Matched,
    options: &Options,
    progress: &mut dyn FnMut(Stage),
) -> Bilingual {
    let other = diagnose::other_lang(options.lang);
    let (diagnosed, other) = diagnosed(matched, options, progress, Some(other));
    Bilingual { report: diagnosed.into_report(matched.inputs.clone(), options), other }
}

/// The chains of `report` ([`Report::chains`], every data row of `matched` in exactly one), as
/// [`analyze_matched`] writes them: for a report of [`diagnose_matched`] of the same `matched`
/// and options (the chains name its findings, in either language).
pub fn chains_of(matched: &Matched, report: &Report, options: &Options) -> Vec<report::Chain> {
    let Matched { inputs, records, set } = matched;
    chains::run(records, inputs, set, options, &report.findings)
}

/// A report of [`diagnose_matched`] and its words in the other language.
#[derive(Debug, Clone)]
pub struct Bilingual {
    /// The report, in the language of the options it was made under until
    /// [`Bilingual::set_lang`] changes it; `chains` empty until the host fills them
    /// ([`chains_of`]).
    pub report: Report,
    /// The report's words in the other language; `None` when that language orders its findings
    /// or incidents differently (see [`diagnose::Wording`]).
    other: Option<diagnose::Wording>,
}

impl Bilingual {
    /// Words the report in `lang`, byte for byte as [`analyze_matched`] in `lang` would (the
    /// chains stay as they are: they hold no words). False when it cannot: the other language
    /// orders the findings differently (a tie on everything but the title), and the host must
    /// diagnose again in `lang`.
    pub fn set_lang(&mut self, lang: Lang) -> bool {
        if self.report.lang == lang.as_str() {
            return true;
        }
        match self.other.as_mut() {
            Some(wording) if wording.lang == lang => {
                wording.swap(&mut self.report);
                true
            }
            _ => false,
        }
    }
}

/// What a report adds to the matched files.
struct Diagnosed {
    summary: Summary,
    findings: Vec<report::Finding>,
    diagnosis: diagnose::Diagnosis,
    chains: Vec<report::Chain>,
}

/// Diagnoses `matched`, leaving its inputs where they are: [`analyze`] moves them into the
/// report, [`analyze_matched`] copies them. No chains yet ([`Diagnosed::chained`]). With `other`,
/// the words of the report in that language too.
fn diagnosed(
    matched: &Matched,
    options: &Options,
    progress: &mut dyn FnMut(Stage),
    other: Option<Lang>,
) -> (Diagnosed, Option<diagnose::Wording>) {
    let Matched { inputs, records, set: match_set } = matched;
    progress(Stage::Diagnosing);
    let (mut findings, texts) = diagnose::run_worded(records, inputs, match_set, options, other);
    let (diagnosis, wording) =
        diagnose::incidents_worded(records, inputs, match_set, options, &mut findings, texts);
    let summary = Summary {
        attempts: match_set.attempts(records),
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
    (Diagnosed { summary, findings, diagnosis, chains: Vec::new() }, wording)
}

impl Diagnosed {
    /// With the chains of `matched` (every data row in one).
    fn chained(
        self,
        matched: &Matched,
        options: &Options,
        progress: &mut dyn FnMut(Stage),
    ) -> Self {
        let Matched { inputs, records, set } = matched;
        progress(Stage::Chains);
        let chains = chains::run(records, inputs, set, options, &self.findings);
        Diagnosed { chains, ..self }
    }

    /// The report of `inputs` (those the diagnosis read) with this diagnosis.
    fn into_report(self, inputs: Vec<Input>, options: &Options) -> Report {
        let diagnose::Diagnosis { incidents, cardholder_declines, terminal_health } =
            self.diagnosis;
        Report {
            schema: report::SCHEMA.to_owned(),
            generated_by: format!("posrecon {}", env!("CARGO_PKG_VERSION")),
            as_of: options.as_of,
            lang: options.lang.as_str().to_owned(),
            settings: options.settings.clone(),
            merchant: report::Merchant::union(inputs.iter().map(|input| &input.merchant)),
            inputs,
            summary: self.summary,
            findings: self.findings,
            incidents,
            chains: self.chains,
            cardholder_declines,
            terminal_health,
        }
    }
}
