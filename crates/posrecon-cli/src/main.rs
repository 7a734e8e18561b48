//! `posrecon`: the command line on the same engine as the web page.
//!
//! This binary is glue: it reads files, calls `posrecon_engine`, and writes outputs. All analysis
//! lives in the engine so the page and the CLI can never disagree. The interface is the public
//! contract in `shared/spec/cli.md`.
//!
//! The engine never starts a thread, so the parallelism is here: `analyze`, `check` and `inspect`
//! read their files on several threads ([`read_parallel`], one file at a time per thread), then
//! hand them to the engine's single-threaded matching. Each file reads the same on any thread and
//! the engine puts them in its own order, so the output is the same bytes as a sequential run.

mod config;

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, format_err};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use posrecon_engine::check::{CheckQuery, QueryError, Wallet};
use posrecon_engine::model::Role;
use posrecon_engine::pipeline::{self, Matched, Stage};
use posrecon_engine::report::redact::{Redaction, redact};
use posrecon_engine::{Lang, Options, ReadFile, SourceFile, synth};

#[derive(Parser)]
#[command(
    name = "posrecon",
    version,
    about = "Find and explain dropped POS transactions (POS机掉单)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the whole analysis on statement files.
    Analyze(AnalyzeArgs),
    /// Show how each file was read (format, encoding, role, header, columns, row accounting) as JSON.
    Inspect {
        /// Language of the row reasons, warnings and file errors (`message`, `error_message`).
        #[arg(long, default_value = "zh", value_name = "zh|en")]
        lang: String,
        /// Saved column mappings: the page's exported templates file (posrecon.templates/v1).
        #[arg(long, value_name = "PATH")]
        templates: Option<PathBuf>,
        /// Statement files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// "A customer says they paid": verdict for one payment, as JSON on stdout.
    Check(CheckArgs),
    /// Write deterministic synthetic statements (for demos, tests and benchmarks): a terminal
    /// log, the acquirer statement, the bank statement with its deposits and the till's orders.
    Gen {
        /// Number of terminal attempts.
        #[arg(long)]
        rows: u64,
        /// Random seed.
        #[arg(long)]
        seed: u64,
        /// Output folder.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(clap::Args)]
struct AnalyzeArgs {
    /// Write the report as JSON ('-' = stdout).
    #[arg(long, value_name = "PATH")]
    json: Option<String>,
    /// Write the self-contained HTML report ('-' = stdout).
    #[arg(long, value_name = "PATH")]
    html: Option<String>,
    /// Write the findings as CSV (UTF-8 with BOM, safe to open in Excel; '-' = stdout).
    #[arg(long, value_name = "PATH")]
    csv: Option<String>,
    /// Write the findings workbook (sheets: findings, files, incidents).
    #[arg(long, value_name = "PATH")]
    xlsx: Option<PathBuf>,
    /// Write one self-contained HTML case sheet per finding into DIR (F0004.html), with its chat
    /// text beside it (F0004.txt); DIR is created, and case files an earlier run left there are
    /// removed first.
    #[arg(long, value_name = "DIR")]
    sheets: Option<PathBuf>,
    /// Write the short plain-text message for a chat (WeChat; '-' = stdout).
    #[arg(long, value_name = "PATH")]
    text: Option<String>,
    /// Treat DATE (YYYY-MM-DD) as today (default: the local date).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Language of human text in the outputs.
    #[arg(long, default_value = "zh", value_name = "zh|en")]
    lang: String,
    /// Settings file (JSON): cut-off, settlement cycles, fee rates, holidays, tolerances.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Force a file's role instead of detecting it, e.g. --role bank.csv=bank_statement.
    #[arg(long, value_name = "FILE=ROLE")]
    role: Vec<String>,
    /// Saved column mappings (columns, role, what a file's own status and type words mean): the
    /// page's exported templates file (posrecon.templates/v1).
    #[arg(long, value_name = "PATH")]
    templates: Option<PathBuf>,
    /// No progress output.
    #[arg(long)]
    quiet: bool,
    /// Leave out of every output of this run: mask-ids (mask 商户号 and 终端号), drop-card-digits
    /// (no card digits at all), drop-names (no names of people); a comma list, any subset.
    #[arg(long, value_name = "mask-ids,drop-card-digits,drop-names")]
    redact: Option<String>,
    /// Statement files.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Approximate time: "2026-11-09 10:05", "2026-11-09T10:05:40" or "11-09 10:05" (year from --as-of).
    #[arg(long, value_name = "T")]
    time: String,
    /// Amount in yuan, e.g. 1580 or "1,580.00".
    #[arg(long, value_name = "A")]
    amount: String,
    /// Last four card digits.
    #[arg(long, value_name = "NNNN")]
    card_last4: Option<String>,
    /// Terminal id (终端号).
    #[arg(long, value_name = "ID")]
    terminal: Option<String>,
    /// Paid by QR code with this wallet (the WeChat Pay / Alipay bill decides).
    #[arg(long, value_name = "wechat|alipay")]
    wallet: Option<String>,
    /// Treat DATE (YYYY-MM-DD) as today (default: the local date).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Language of human text in the output.
    #[arg(long, default_value = "zh", value_name = "zh|en")]
    lang: String,
    /// Statement files.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// An error with the exit status it maps to.
enum Failure {
    /// Exit 2: the command line itself is wrong.
    Usage(String),
    /// Exit 1: the input could not be analysed.
    Input(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Input(e)
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout with exit 0, usage errors to stderr with exit 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let res = match cli.command {
        Command::Analyze(args) => analyze(args),
        Command::Inspect { files, lang, templates } => inspect(&files, &lang, templates.as_deref()),
        Command::Check(args) => check(args),
        Command::Gen { rows, seed, out } => gen_statements(rows, seed, &out),
    };
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("posrecon: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::Input(e)) => {
            eprintln!("posrecon: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Refuses an output path that would overwrite a statement file: one of the inputs, or an
/// existing file that is not of the output's own kind (`--json` onto a `.csv`), or, for `--csv`,
/// an existing CSV that is not a findings table posrecon wrote.
///
/// Why: `--json PATH` takes a value, so `posrecon analyze --json *.csv` makes the first statement
/// the output and would replace the merchant's own download with the report. Exit 2 (bad usage),
/// naming the flag and the file; nothing is read or written. An existing output of the same kind
/// (a report from the last run) is overwritten as before.
fn refuse_overwriting_inputs(args: &AnalyzeArgs) -> Result<(), Failure> {
    let outputs = [
        ("--json", args.json.as_deref().map(PathBuf::from), &["json"][..]),
        ("--html", args.html.as_deref().map(PathBuf::from), &["html", "htm"][..]),
        ("--csv", args.csv.as_deref().map(PathBuf::from), &["csv"][..]),
        ("--text", args.text.as_deref().map(PathBuf::from), &["txt"][..]),
        ("--xlsx", args.xlsx.clone(), &["xlsx"][..]),
    ];
    let inputs: Vec<PathBuf> =
        args.files.iter().filter_map(|f| std::fs::canonicalize(f).ok()).collect();
    for (flag, path, kinds) in outputs {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else { continue };
        // A path that does not exist yet overwrites nothing.
        let Ok(real) = std::fs::canonicalize(&path) else { continue };
        let refuse = |why: &str| {
            Err(Failure::Usage(format!(
                "{flag} {}: {why}; give {flag} a path of its own{}",
                path.display(),
                if flag == "--xlsx" { "" } else { " (or '-' for stdout)" }
            )))
        };
        if inputs.contains(&real) {
            return refuse("that is one of the statement files, which would be overwritten");
        }
        if !real.is_file() {
            continue;
        }
        let ext = real.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        if !kinds.contains(&ext.as_str()) {
            return refuse("an existing file of another kind, which would be overwritten");
        }
        if flag == "--csv" && !is_findings_csv(&real) {
            return refuse(
                "an existing CSV that posrecon did not write, which would be overwritten",
            );
        }
    }
    Ok(())
}

/// The file is empty or starts as posrecon's findings CSV does (a BOM, then the first columns
/// in either language: `编号,` / `ID,Kind,`).
fn is_findings_csv(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    let mut n = 0;
    while n < head.len() {
        match file.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(_) => return false,
        }
    }
    let head = &head[..n];
    let bom = "\u{feff}";
    head.is_empty()
        || head.starts_with(format!("{bom}编号,").as_bytes())
        || head.starts_with(format!("{bom}ID,Kind,").as_bytes())
}

fn analyze(args: AnalyzeArgs) -> Result<(), Failure> {
    if args.xlsx.as_ref().is_some_and(|p| p.as_os_str() == "-") {
        return Err(Failure::Usage(
            "--xlsx needs a file path: a workbook is not for stdout".into(),
        ));
    }
    let to_stdout: Vec<&str> = [
        ("--json", &args.json),
        ("--html", &args.html),
        ("--csv", &args.csv),
        ("--text", &args.text),
    ]
    .into_iter()
    .filter(|(_, path)| path.as_deref() == Some("-"))
    .map(|(flag, _)| flag)
    .collect();
    if to_stdout.len() > 1 {
        return Err(Failure::Usage(format!(
            "{} all write to stdout ('-'): give all but one a file path",
            to_stdout.join(", ")
        )));
    }
    refuse_overwriting_inputs(&args)?;
    let mut options = base_options(&args.lang, args.as_of.as_deref())?;
    options.role_overrides = parse_roles(&args.role)?;
    let redaction = parse_redaction(args.redact.as_deref())?;
    if let Some(path) = &args.config {
        let bad = |e: String| Failure::Usage(format!("--config {}: {e}", path.display()));
        let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
        options.settings = config::parse(&text).map_err(bad)?;
    }
    if let Some(path) = &args.templates {
        options.mapping_templates = read_templates(path)?;
    }

    let files = read_files(&args.files)?;
    for name in options.role_overrides.keys() {
        if !files.iter().any(|f| &f.name == name) {
            return Err(Failure::Usage(format!(
                "--role names '{name}', which is not among the files"
            )));
        }
    }
    let progress = !args.quiet && std::io::stderr().is_terminal();
    if progress {
        eprintln!("posrecon: analysing {} file(s)...", files.len());
    }
    // POSRECON_TIMINGS=1 prints how long each stage took (each line names the stage that just
    // ended) and, where the system says, the process's peak memory so far, for BENCHMARKS.md and
    // profiling.
    let timings = std::env::var_os("POSRECON_TIMINGS").is_some();
    let started = std::time::Instant::now();
    let mut last = (started, "reading");
    let mut lap = move |what: &'static str| {
        if timings {
            let now = std::time::Instant::now();
            let peak = peak_memory_mib().map(|m| format!(", peak {m} MiB")).unwrap_or_default();
            let took = (now - last.0).as_secs_f64();
            eprintln!("posrecon: timing {:<10} {took:>7.3} s{peak}", last.1);
            last = (now, what);
        }
    };
    let mut say = |stage: Stage| {
        lap(match stage {
            Stage::Reading { .. } => "reading",
            Stage::Matching => "matching",
            Stage::Diagnosing => "diagnosing",
            Stage::Chains => "chains",
        });
        if progress {
            match stage {
                Stage::Reading { .. } => {}
                Stage::Matching => eprintln!("posrecon: matching..."),
                Stage::Diagnosing => eprintln!("posrecon: diagnosing..."),
                Stage::Chains => eprintln!("posrecon: following each payment..."),
            }
        }
    };
    let matched = read_and_match(files, &options, &mut say);
    let report = posrecon_engine::analyze_matched_with_progress(&matched, &options, &mut say);
    lap("deposits");
    let deposits = posrecon_engine::report::steps::deposit_days(&matched);
    lap("drop");
    drop(matched);
    lap("outputs");
    let read: Vec<_> =
        report.inputs.iter().map(|i| (i.file.as_str(), i.error_text(options.lang))).collect();
    fail_or_warn_unreadable(&read, options.lang)?;
    // Every output below is written from the redacted report.
    let report = redact(&report, &redaction);

    if let Some(path) = &args.json {
        write_json(path, &*report)?;
    }
    if let Some(path) = &args.csv {
        write_output(path, &posrecon_engine::report::csv::render(&report))?;
    }
    if let Some(path) = &args.html {
        let html = posrecon_engine::report::html::render_with_deposits(&report, &deposits);
        write_output(path, html.as_bytes())?;
    }
    if let Some(path) = &args.text {
        write_output(path, posrecon_engine::report::run_text::render(&report).as_bytes())?;
    }
    if let Some(path) = &args.xlsx {
        std::fs::write(path, posrecon_export::xlsx(&report))
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    if let Some(dir) = &args.sheets {
        write_sheets(dir, &report)?;
    }
    lap("end");
    if !args.quiet {
        warn_totals(&report.inputs, options.lang);
    }
    if progress {
        let n: u64 = report.summary.findings_by_kind.values().sum();
        eprintln!("posrecon: {} attempt(s), {n} finding(s)", report.summary.attempts);
    }
    Ok(())
}

/// `--redact`: the options named, or a usage error naming the value that is not one.
/// The process's peak resident memory so far in MiB (Linux's `VmHWM`), `None` where `/proc` does
/// not say.
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

fn parse_redaction(list: Option<&str>) -> Result<Redaction, Failure> {
    let Some(list) = list else { return Ok(Redaction::default()) };
    Redaction::parse_list(list).map_err(|bad| {
        let known = Redaction::NAMES.join(", ");
        Failure::Usage(format!("--redact: '{bad}' is not one of {known}"))
    })
}

/// `--lang` and `--as-of`, shared by `analyze` and `check`.
fn base_options(lang: &str, as_of: Option<&str>) -> Result<Options, Failure> {
    let lang = Lang::parse(lang)
        .ok_or_else(|| Failure::Usage(format!("--lang must be zh or en, not '{lang}'")))?;
    let as_of = match as_of {
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| Failure::Usage(format!("--as-of must be YYYY-MM-DD, not '{s}'")))?,
        None => chrono::Local::now().date_naive(),
    };
    let mut options = Options::new(as_of);
    options.lang = lang;
    Ok(options)
}

/// `posrecon check`: the verdict for one payment a customer says they made, JSON on stdout.
fn check(args: CheckArgs) -> Result<(), Failure> {
    let options = base_options(&args.lang, args.as_of.as_deref())?;
    let wallet = match args.wallet.as_deref() {
        None => None,
        Some(w) => Some(Wallet::parse(w).ok_or_else(|| {
            Failure::Usage(format!("--wallet must be wechat or alipay, not '{w}'"))
        })?),
    };
    let mut query = CheckQuery::parse(
        &args.time,
        &args.amount,
        args.card_last4.as_deref().unwrap_or(""),
        args.terminal.as_deref().unwrap_or(""),
        options.as_of,
    )
    .map_err(|e| {
        let flag = match e {
            QueryError::Time(_) => "--time",
            QueryError::Amount(_) => "--amount",
            QueryError::CardLast4(_) => "--card-last4",
        };
        Failure::Usage(format!("{flag}: {}", e.message(options.lang)))
    })?;
    query.wallet = wallet;
    let files = read_files(&args.files)?;
    let matched = read_and_match(files, &options, &mut |_| {});
    let result = posrecon_engine::check_matched(&matched, &query, &options);
    let read: Vec<_> = result.searched.iter().map(|s| (s.file.as_str(), s.error.clone())).collect();
    fail_or_warn_unreadable(&read, options.lang)?;
    write_json("-", &result)
}

/// Largest `gen --rows`: ten million attempts are about 1.3 GB of statements.
const GEN_MAX_ROWS: u64 = 10_000_000;

/// `posrecon gen`: writes the synthetic statements to `out` and says what was injected.
fn gen_statements(rows: u64, seed: u64, out: &Path) -> Result<(), Failure> {
    if rows > GEN_MAX_ROWS {
        return Err(Failure::Usage(format!("--rows must be at most {GEN_MAX_ROWS}, not {rows}")));
    }
    // The bank statement and the till's orders too, so a benchmark exercises the deposit and
    // order matching at scale.
    let mut spec = synth::SynthSpec::new(rows, seed);
    spec.bank_statement = true;
    spec.order_list = true;
    let synth = synth::generate(&spec);
    std::fs::create_dir_all(out)
        .with_context(|| format!("{}: cannot create folder", out.display()))?;
    for file in &synth.files {
        let path = out.join(&file.name);
        std::fs::write(&path, &file.bytes)
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    let expected = &synth.expected;
    let injected: u64 = expected.injected.values().sum();
    let by_kind: Vec<String> =
        expected.findings_by_kind().iter().map(|(k, n)| format!("{} {n}", k.as_str())).collect();
    eprintln!(
        "posrecon: wrote {} file(s) to {} ({} terminal rows, {} settled rows, {} bank rows, {} \
         orders); {injected} anomalies injected, expect {} finding(s) with --as-of {}: {}",
        synth.files.len(),
        out.display(),
        expected.terminal_rows,
        expected.acquirer_rows,
        expected.bank_rows,
        expected.order_rows,
        expected.findings.len(),
        expected.as_of,
        if by_kind.is_empty() { "none".to_owned() } else { by_kind.join(", ") },
    );
    Ok(())
}

fn inspect(
    paths: &[PathBuf],
    lang: &str,
    templates: Option<&std::path::Path>,
) -> Result<(), Failure> {
    let mut options = Options::new(NaiveDate::MIN);
    options.lang = base_options(lang, None)?.lang;
    if let Some(path) = templates {
        options.mapping_templates = read_templates(path)?;
    }
    let files = read_files(paths)?;
    let inputs = read_and_match(files, &options, &mut |_| {}).inputs;
    warn_totals(&inputs, options.lang);
    let worded: Vec<serde_json::Value> =
        inputs.iter().map(|input| worded(input, options.lang)).collect::<Result<_, _>>()?;
    let value = serde_json::json!({ "inputs": worded });
    write_json("-", &value)
}

/// An `Input` as JSON with every row note's `message` and the file's `error_message` in `lang`
/// beside the English `reason` / `error` (which stay as the contract writes them).
fn worded(
    input: &posrecon_engine::report::Input,
    lang: Lang,
) -> Result<serde_json::Value, Failure> {
    use posrecon_engine::report::labels;
    let mut value = serde_json::to_value(input).context("serialising")?;
    let notes = [
        ("skipped_rows", input.skipped_rows.iter().map(|n| &n.note).collect::<Vec<_>>()),
        ("rejected_rows", input.rejected_rows.iter().map(|n| &n.note).collect()),
        ("warnings", input.warnings.iter().map(|n| &n.note).collect()),
        ("skipped_ranges", input.skipped_ranges.iter().map(|r| &r.note).collect()),
    ];
    for (key, notes) in notes {
        let Some(rows) = value.get_mut(key).and_then(|v| v.as_array_mut()) else { continue };
        for (row, note) in rows.iter_mut().zip(notes) {
            row["message"] = labels::note(lang, note).into();
        }
    }
    if let Some(message) = labels::file_error(lang, input) {
        value["error_message"] = message.into();
    }
    Ok(value)
}

/// What `posrecon_engine::pipeline::run` does, with the files read in parallel: the same
/// [`Matched`] (the engine sorts the files itself), so every output is byte-identical.
///
/// The files' bytes are let go once read: the records are all that matching and the report need,
/// and holding the input through the analysis would add its whole size to the peak.
fn read_and_match(
    files: Vec<SourceFile>,
    options: &Options,
    say: &mut dyn FnMut(Stage),
) -> Matched {
    let read = read_parallel(&files, options);
    drop(files);
    say(Stage::Matching);
    pipeline::match_owned(read, options)
}

/// Reads every file with the engine ([`posrecon_engine::read_file`]) on up to
/// `available_parallelism` threads, each taking the next file, largest first (so a big file does
/// not start last). Returned in the files' order. A panic in a thread is raised again here.
fn read_parallel(files: &[SourceFile], options: &Options) -> Vec<ReadFile> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(files.len()).max(1);
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(files[i].bytes.len()));
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<ReadFile>> = (0..files.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                        done.push((i, posrecon_engine::read_file(&files[i], options)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            let done = worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, read) in done {
                slots[i] = Some(read);
            }
        }
    });
    slots.into_iter().flatten().collect()
}

/// Reads every file; a file that cannot be opened stops the run (exit 1), naming it.
fn read_files(paths: &[PathBuf]) -> Result<Vec<SourceFile>, Failure> {
    paths
        .iter()
        .map(|p| {
            let bytes =
                std::fs::read(p).with_context(|| format!("{}: cannot read file", p.display()))?;
            Ok(SourceFile::new(file_name(p), bytes))
        })
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn parse_roles(specs: &[String]) -> Result<BTreeMap<String, Role>, Failure> {
    let mut roles = BTreeMap::new();
    for spec in specs {
        let (file, role) = spec
            .rsplit_once('=')
            .ok_or_else(|| Failure::Usage(format!("--role wants FILE=ROLE, not '{spec}'")))?;
        let role = Role::parse(role).ok_or_else(|| {
            let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
            Failure::Usage(format!("unknown role '{role}'; use one of {}", names.join(", ")))
        })?;
        roles.insert(file_name(Path::new(file)), role);
    }
    Ok(roles)
}

/// `(file, error)` for every file read, the error worded in `lang`: fails with the first error
/// when no file could be read, else warns on stderr about each file that could not.
fn fail_or_warn_unreadable(files: &[(&str, Option<String>)], lang: Lang) -> Result<(), Failure> {
    if files.iter().all(|(_, error)| error.is_some()) {
        let (file, error) = &files[0];
        let error = error.as_deref().unwrap_or("cannot be read");
        return Err(Failure::Input(format_err!("{file}: {error}")));
    }
    for (file, error) in files {
        if let Some(err) = error {
            eprintln!("posrecon: {}: {file}: {err}", lang.pick("警告", "warning"));
        }
    }
    Ok(())
}

/// One stderr line, in `lang`, per total a file states that its rows read do not reach (a lost
/// or misread row): the file's `totals_differ` warnings, as the JSON has them in `warnings`.
fn warn_totals(inputs: &[posrecon_engine::report::Input], lang: Lang) {
    for input in inputs {
        for n in &input.warnings {
            if let posrecon_engine::message::Note::TotalsDiffer { .. } = n.note {
                let text = posrecon_engine::report::labels::note(lang, &n.note);
                let at = match n.line {
                    0 => String::new(),
                    line => format!(" ({} {line})", lang.pick("行", "line")),
                };
                eprintln!("posrecon: {}: {}{at}: {text}", lang.pick("警告", "warning"), input.file);
            }
        }
    }
}

/// Writes `DIR/<id>.html` (the case sheet) and `DIR/<id>.txt` (the chat text) for every finding,
/// creating DIR. A file that cannot be written is one line on stderr; the others are still
/// written, and the run then fails (exit 1) saying how many were not.
fn write_sheets(dir: &Path, report: &posrecon_engine::report::Report) -> Result<(), Failure> {
    use posrecon_engine::report::{finding_text, sheet};
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let mut failed = remove_earlier_sheets(dir);
    for finding in &report.findings {
        let outputs = [
            ("html", sheet::render(report, &finding.id)),
            ("txt", finding_text::render(report, &finding.id)),
        ];
        for (ext, text) in outputs {
            let path = dir.join(format!("{}.{ext}", finding.id));
            if let Err(e) = std::fs::write(&path, text.unwrap_or_default()) {
                eprintln!("posrecon: {}: cannot write: {e}", path.display());
                failed += 1;
            }
        }
    }
    if failed > 0 {
        return Err(Failure::Input(format_err!("{failed} case file(s) could not be written")));
    }
    Ok(())
}

/// Removes the case sheets and texts an earlier run left in `dir` (`F0004.html`, `F0004.txt`), so
/// that a folder a merchant forwards never holds a case this run did not find, or one written
/// before a redaction was chosen. Other files are left alone. Returns how many could not be
/// removed (each said on stderr).
fn remove_earlier_sheets(dir: &Path) -> usize {
    let is_case_file = |name: &str| {
        let Some((stem, ext)) = name.rsplit_once('.') else { return false };
        (ext == "html" || ext == "txt")
            && stem.len() >= 5
            && stem.starts_with('F')
            && stem[1..].bytes().all(|b| b.is_ascii_digit())
    };
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut failed = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_file()
            && name.to_str().is_some_and(is_case_file)
            && let Err(e) = std::fs::remove_file(&path)
        {
            eprintln!(
                "posrecon: {}: cannot remove an earlier run's case file: {e}",
                path.display()
            );
            failed += 1;
        }
    }
    failed
}

/// Writes serialised JSON to `path` (`-` = stdout), ending in a newline.
/// Writes `value` as pretty JSON and a newline to `path` (`-`: stdout), streamed through a
/// buffer: a report of a million rows is ~300 MB of text, never held in memory at once.
fn write_json(path: &str, value: &impl serde::Serialize) -> Result<(), Failure> {
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        serde_json::to_writer_pretty(&mut out, value)?;
        out.write_all(b"\n")?;
        out.flush()
    };
    if path == "-" {
        write(&mut std::io::stdout().lock()).context("writing to stdout")?;
    } else {
        let mut file =
            std::fs::File::create(path).with_context(|| format!("{path}: cannot write"))?;
        write(&mut file).with_context(|| format!("{path}: cannot write"))?;
    }
    Ok(())
}

fn write_output(path: &str, bytes: &[u8]) -> Result<(), Failure> {
    if path == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes).and_then(|()| out.flush()).context("writing to stdout")?;
    } else {
        std::fs::write(path, bytes).with_context(|| format!("{path}: cannot write"))?;
    }
    Ok(())
}

/// `--templates PATH`: the templates file the page exports (`posrecon.templates/v1`), read into
/// the engine's mappings; a file that is not one is bad usage, named in one line.
fn read_templates(
    path: &std::path::Path,
) -> Result<Vec<posrecon_engine::ingest::MappingTemplate>, Failure> {
    let bad = |e: String| Failure::Usage(format!("--templates {}: {e}", path.display()));
    let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
    config::parse_templates(&text).map_err(bad)
}
