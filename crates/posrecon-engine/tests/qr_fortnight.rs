//! The QR fortnight (issue 10): a noodle shop's two weeks of WeChat Pay and Alipay scans, with
//! planted problems and quiet decoys, as the merchant downloads the files.
//!
//! `tests/scenarios/qr-fortnight/` at the workspace root holds five statement files written by
//! `scripts/golden/qr_fortnight.py` (the till's payment list, the WeChat Pay trade bill, the Alipay
//! 业务明细 and 账务明细 (its withdrawals to the bank), and an ICBC card statement with the wallets'
//! payouts), `case.json` (as of, settings, as in `tests/golden/`), and `planted.json` / `PLANTED.md`: every planted case with the finding kind
//! or incident cause it must produce and the lines it rests on, and every decoy that must stay
//! quiet.
//!
//! The checks read the report as JSON (the public contract), so they do not depend on the
//! engine's internal types. The full check, `every_planted_case_is_found_and_nothing_else`, runs
//! the engine on all 120 orders of the five files, on every core (the first n orders with
//! `QR_FORTNIGHT_ORDERS=n`); run it with
//! `cargo test -p posrecon-engine --test qr_fortnight -- --nocapture` to see the table: each
//! planted case found or missed (and what the engine said instead), then every extra finding or
//! incident, with the decoy it falls on.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use posrecon_engine::{Lang, Options, SourceFile, analyze, inspect};
use serde_json::Value;

fn scenario_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios/qr-fortnight")
}

fn read_json(name: &str) -> Value {
    let path = scenario_dir().join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The scenario: its files (in planted.json's order), the options from case.json, the plan.
struct Scenario {
    files: Vec<SourceFile>,
    options: Options,
    plan: Value,
}

fn scenario() -> Scenario {
    let case = read_json("case.json");
    let as_of = NaiveDate::parse_from_str(case["as_of"].as_str().expect("as_of"), "%Y-%m-%d")
        .expect("as_of date");
    let mut options = Options::new(as_of);
    options.lang = case["lang"].as_str().and_then(Lang::parse).unwrap_or_default();
    if let Some(settings) = case.get("settings") {
        options.settings = serde_json::from_value(settings.clone()).expect("case.json settings");
    }
    let plan = read_json("planted.json");
    let files = plan["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let name = f["file"].as_str().expect("file name");
            let bytes = std::fs::read(scenario_dir().join(name)).expect("read input");
            SourceFile::new(name.to_owned(), bytes)
        })
        .collect();
    Scenario { files, options, plan }
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array().into_iter().flatten().filter_map(|s| s.as_str().map(str::to_owned)).collect()
}

/// `{file: [line, ...]}` as a set of (file, line).
fn lines_of(v: &Value) -> BTreeSet<(String, u64)> {
    let mut out = BTreeSet::new();
    for (file, lines) in v.as_object().into_iter().flatten() {
        for line in lines.as_array().into_iter().flatten() {
            out.insert((file.clone(), line.as_u64().expect("line number")));
        }
    }
    out
}

fn short(file: &str) -> &str {
    file.split('_').next().unwrap_or(file)
}

fn time(v: &Value) -> NaiveDateTime {
    let s = v.as_str().expect("time");
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").expect("ISO time")
}

fn yuan(cents: i64) -> String {
    format!("{}{}.{:02}", if cents < 0 { "-" } else { "" }, cents.abs() / 100, cents.abs() % 100)
}

#[test]
fn files_are_read_with_their_roles() {
    let s = scenario();
    let inputs = inspect(&s.files, &s.options);
    let inputs = serde_json::to_value(&inputs).expect("inputs serialise");
    let inputs = inputs.as_array().expect("inputs");
    let expected = s.plan["files"].as_array().expect("files");
    assert_eq!(inputs.len(), expected.len(), "one input per file");
    for want in expected {
        let name = want["file"].as_str().expect("file");
        let input = inputs
            .iter()
            .find(|i| i["file"] == want["file"])
            .unwrap_or_else(|| panic!("{name}: not in the report"));
        assert_eq!(input["error"], Value::Null, "{name}: read without error");
        assert_eq!(input["role"], want["role"], "{name}: role");
        let doubt = input.get("role_doubt").filter(|v| !v.is_null());
        assert_eq!(doubt, None, "{name}: role not held back");
        assert_eq!(input["encoding"], want["encoding"], "{name}: encoding");
        assert_eq!(input["header_line"], want["header_line"], "{name}: header line");
        assert_eq!(
            input["rejected_rows"].as_array().map(Vec::len),
            Some(0),
            "{name}: rejected rows {}",
            input["rejected_rows"]
        );
        if !want["data_rows"].is_null() {
            assert_eq!(input["data_rows"], want["data_rows"], "{name}: data rows");
        }
        // Every line below the header is used, skipped or rejected (counted as a person would).
        let file = s.files.iter().find(|f| f.name == name).expect("file");
        let below = String::from_utf8_lossy(&file.bytes).lines().count() as u64
            - want["header_line"].as_u64().expect("header line");
        let count = |key: &str| input[key].as_array().map_or(0, |a| a.len() as u64);
        let ranges: u64 = input["skipped_ranges"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| r["to_line"].as_u64().unwrap_or(0) + 1 - r["line"].as_u64().unwrap_or(0))
            .sum();
        let accounted = input["data_rows"].as_u64().unwrap_or(0)
            + count("skipped_rows")
            + ranges
            + count("rejected_rows");
        assert_eq!(accounted, below, "{name}: used + skipped + rejected = lines below the header");
        // The file's own proofs hold: the wallet bills' summary lines, the bank's running balance.
        for check in input["totals_checks"].as_array().into_iter().flatten() {
            assert_eq!(check["agrees"], true, "{name}: {check}");
        }
        if want["role"] == "bank_statement" {
            let balance = &input["balance_check"];
            assert_eq!(balance["confirmed"], want["data_rows"], "{name}: running balance");
        } else if want["role"] == "wallet_bill" {
            assert!(
                !input["totals_checks"].as_array().map(Vec::is_empty).unwrap_or(true),
                "{name}: the bill's summary lines are read as totals"
            );
        }
    }
}

/// planted.json agrees with the files: every line it names is a data line holding the ids it
/// names (so a regenerated file with a stale plan fails here, not as a mysterious miss).
#[test]
fn the_plan_points_at_the_right_lines() {
    let s = scenario();
    let texts: BTreeMap<String, Vec<String>> = s
        .files
        .iter()
        .map(|f| {
            let text = match String::from_utf8(f.bytes.clone()) {
                Ok(t) => t,
                Err(_) => gbk_lines_as_lossy(&f.bytes),
            };
            (f.name.clone(), text.lines().map(str::to_owned).collect())
        })
        .collect();
    let cases = s.plan["planted"].as_array().into_iter().flatten();
    let decoys = s.plan["decoys"].as_array().into_iter().flatten();
    let mut checked = 0;
    for case in cases.chain(decoys) {
        let id = case["id"].as_str().expect("id");
        let lines = lines_of(&case["lines"]);
        for (file, line) in &lines {
            let text = texts.get(file).unwrap_or_else(|| panic!("{id}: no file {file}"));
            let header = s.plan["files"]
                .as_array()
                .expect("files")
                .iter()
                .find(|f| f["file"] == file.as_str())
                .and_then(|f| f["header_line"].as_u64())
                .expect("header line");
            assert!(*line > header && (*line as usize) <= text.len(), "{id}: {file}:{line}");
        }
        // Ids are ASCII, so they can be looked for in GBK files read lossily too.
        let ids = ["pay", "wallet"].iter().flat_map(|k| strs(&case["ids"][*k])).collect::<Vec<_>>();
        for want in ids {
            let found =
                lines.iter().any(|(file, line)| texts[file][*line as usize - 1].contains(&want));
            assert!(found, "{id}: id {want} is on none of its lines");
            checked += 1;
        }
    }
    assert!(checked > 30, "the plan names ids");
}

/// Conservation on a merchant-sized input: every data row of every file is in exactly one chain.
#[test]
fn every_data_row_is_in_exactly_one_chain() {
    let s = scenario();
    let report = analyze(&s.files, &s.options);
    let mut seen = BTreeSet::new();
    for chain in &report.chains {
        for &member in &chain.records {
            assert!(seen.insert(member), "{member:?} is in two chains");
        }
    }
    for (idx, input) in report.inputs.iter().enumerate() {
        let members = seen.iter().filter(|(i, _)| *i as usize == idx).count() as u64;
        assert_eq!(members, input.data_rows, "{}: data rows vs chain members", input.file);
    }
}

/// A GBK file's lines, with the non-ASCII bytes replaced: enough to find ASCII ids and count lines.
fn gbk_lines_as_lossy(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| if b.is_ascii() { b as char } else { '?' }).collect()
}

/// One planted case as the check needs it.
struct Case<'a> {
    id: &'a str,
    kind: &'a str,
    description: &'a str,
    findings: Vec<String>,
    causes: Vec<String>,
    lines: BTreeSet<(String, u64)>,
    settlement_date: Option<&'a str>,
    other_wallet_file: Option<String>,
    windows: Vec<(NaiveDateTime, NaiveDateTime)>,
    devices: Vec<String>,
}

fn cases(plan: &Value) -> Vec<Case<'_>> {
    let file_of = |wallet: &str| {
        let role_word = if wallet == "wechat" { "微信" } else { "支付宝" };
        plan["files"]
            .as_array()
            .expect("files")
            .iter()
            .filter(|f| f["role"] == "wallet_bill")
            .filter_map(|f| f["file"].as_str())
            .find(|name| name.starts_with(role_word))
            .map(str::to_owned)
    };
    plan["planted"]
        .as_array()
        .expect("planted")
        .iter()
        .map(|c| Case {
            id: c["id"].as_str().expect("id"),
            kind: c["kind"].as_str().expect("kind"),
            description: c["description"].as_str().unwrap_or(""),
            findings: strs(&c["expect"]["findings"]),
            causes: strs(&c["expect"]["incident_causes"]),
            lines: lines_of(&c["lines"]),
            settlement_date: c["settlement_date"].as_str(),
            other_wallet_file: c["wallet"]
                .as_str()
                .map(|w| if w == "wechat" { "alipay" } else { "wechat" })
                .and_then(file_of),
            windows: c["windows"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|w| (time(&w[0]), time(&w[1])))
                .collect(),
            devices: strs(&c["devices"]),
        })
        .collect()
}

fn records(f: &Value) -> BTreeSet<(String, u64)> {
    f["records"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| (r["file"].as_str().unwrap_or("").to_owned(), r["line"].as_u64().unwrap_or(0)))
        .collect()
}

/// Whether a finding of the right kind rests on the case: on one of its lines, or (a payout) on
/// its settlement date, and not on the other wallet's bill.
fn finding_matches(case: &Case, f: &Value) -> bool {
    if !case.findings.iter().any(|k| f["kind"] == k.as_str()) {
        return false;
    }
    let recs = records(f);
    if recs.intersection(&case.lines).next().is_some() {
        return true;
    }
    let Some(date) = case.settlement_date else { return false };
    let on_date = strs(&f["dates"]["settlement_dates"]).iter().any(|d| d == date);
    let other_wallet = recs.iter().any(|(file, _)| case.other_wallet_file.as_ref() == Some(file));
    on_date && !other_wallet
}

fn overlaps(inc: &Value, (lo, hi): (NaiveDateTime, NaiveDateTime)) -> bool {
    time(&inc["start"]) <= hi && time(&inc["end"]) >= lo
}

/// Whether an incident of the right cause covers one of the case's windows on its devices (a
/// single-device case wants an incident on that device, not a merchant-wide one).
fn incident_matches(case: &Case, inc: &Value) -> bool {
    if !case.causes.iter().any(|c| inc["cause"] == c.as_str()) {
        return false;
    }
    let terminals = strs(&inc["terminal_ids"]);
    if case.devices.len() == 1
        && (terminals.is_empty() || terminals.iter().any(|t| !case.devices.contains(t)))
    {
        return false;
    }
    case.windows.iter().any(|&w| overlaps(inc, w))
}

fn describe_finding(f: &Value) -> String {
    let recs: Vec<String> =
        records(f).iter().map(|(file, line)| format!("{}:{line}", short(file))).collect();
    format!(
        "{} {} {} [{}] {}",
        f["id"].as_str().unwrap_or(""),
        f["kind"].as_str().unwrap_or(""),
        yuan(f["amount_cents"].as_i64().unwrap_or(0)),
        recs.join(" "),
        f["title"].as_str().unwrap_or("")
    )
}

fn describe_incident(i: &Value) -> String {
    format!(
        "{} {} {} {}..{} attempts {} {}",
        i["id"].as_str().unwrap_or(""),
        i["cause"].as_str().unwrap_or(""),
        strs(&i["terminal_ids"]).join("+"),
        i["start"].as_str().unwrap_or(""),
        i["end"].as_str().unwrap_or(""),
        i["attempts"],
        i["title"].as_str().unwrap_or("")
    )
}

/// The verdict on one report: the table, and whether everything planted was found with nothing
/// extra.
fn evaluate(plan: &Value, report: &Value) -> (String, bool) {
    let cases = cases(plan);
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    let incidents = report["incidents"].as_array().cloned().unwrap_or_default();
    let mut used_findings = BTreeSet::new();
    let mut used_incidents = BTreeSet::new();
    let mut table = String::new();
    let mut found = 0;
    let mut ok = true;
    let _ = writeln!(table, "{:<4} {:<28} {:<34} result", "case", "planted", "expected");
    for case in &cases {
        let expected = if case.findings.is_empty() {
            format!("incident {}", case.causes.join("|"))
        } else {
            case.findings.join("|")
        };
        let (verdict, detail) = if case.findings.is_empty() {
            let matched: Vec<usize> =
                (0..incidents.len()).filter(|&i| incident_matches(case, &incidents[i])).collect();
            used_incidents.extend(matched.iter().copied());
            let covered = case
                .windows
                .iter()
                .filter(|&&w| matched.iter().any(|&i| overlaps(&incidents[i], w)))
                .count();
            if !matched.is_empty() && covered == case.windows.len() {
                let ids: Vec<String> =
                    matched.iter().map(|&i| describe_incident(&incidents[i])).collect();
                ("FOUND", ids.join("; "))
            } else {
                // What the engine said instead: incidents in the windows, of any cause.
                let near: Vec<String> = incidents
                    .iter()
                    .filter(|i| case.windows.iter().any(|&w| overlaps(i, w)))
                    .map(describe_incident)
                    .collect();
                let what = if near.is_empty() && matched.is_empty() {
                    "no incident in its windows".to_owned()
                } else {
                    format!("windows covered {covered}/{}; {}", case.windows.len(), near.join("; "))
                };
                ("MISSED", what)
            }
        } else {
            let matched: Vec<usize> =
                (0..findings.len()).filter(|&i| finding_matches(case, &findings[i])).collect();
            used_findings.extend(matched.iter().copied());
            match matched.len() {
                1 => ("FOUND", describe_finding(&findings[matched[0]])),
                0 => {
                    let near: Vec<String> = findings
                        .iter()
                        .filter(|f| {
                            records(f).intersection(&case.lines).next().is_some()
                                || case.settlement_date.is_some_and(|d| {
                                    strs(&f["dates"]["settlement_dates"]).iter().any(|x| x == d)
                                })
                        })
                        .map(describe_finding)
                        .collect();
                    let what = if !near.is_empty() {
                        format!("instead: {}", near.join("; "))
                    } else if let Some(date) = case.settlement_date {
                        let chains = chains_on(report, &case.lines);
                        format!("no finding for clearing date {date}{chains}")
                    } else {
                        "no finding rests on its lines".to_owned()
                    };
                    ("MISSED", what)
                }
                _ => {
                    let all: Vec<String> =
                        matched.iter().map(|&i| describe_finding(&findings[i])).collect();
                    ("TWICE", all.join("; "))
                }
            }
        };
        if verdict == "FOUND" {
            found += 1;
        } else {
            ok = false;
        }
        let _ = writeln!(
            table,
            "{:<4} {:<28} {:<34} {verdict}: {detail}",
            case.id, case.kind, expected
        );
        let _ = writeln!(table, "     ({})", case.description);
    }
    let _ = writeln!(table, "\nfound {found} of {} planted cases", cases.len());

    // Everything else the engine reported is a false finding; name the decoy it falls on.
    let decoys: Vec<(&str, BTreeSet<(String, u64)>)> = plan["decoys"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| (d["id"].as_str().unwrap_or(""), lines_of(&d["lines"])))
        .collect();
    let planted_lines: Vec<(&str, &BTreeSet<(String, u64)>)> =
        cases.iter().map(|c| (c.id, &c.lines)).collect();
    let on_decoy = |recs: &BTreeSet<(String, u64)>| {
        let planted: Vec<&str> = planted_lines
            .iter()
            .filter(|(_, lines)| lines.intersection(recs).next().is_some())
            .map(|(id, _)| *id)
            .collect();
        if !planted.is_empty() {
            return format!(" (on planted {}, wrong kind)", planted.join(", "));
        }
        let hits: Vec<&str> = decoys
            .iter()
            .filter(|(_, lines)| lines.intersection(recs).next().is_some())
            .map(|(id, _)| *id)
            .collect();
        if hits.is_empty() { String::new() } else { format!(" (decoy {})", hits.join(", ")) }
    };
    let extra: Vec<String> = findings
        .iter()
        .enumerate()
        .filter(|(i, _)| !used_findings.contains(i))
        .map(|(_, f)| format!("{}{}", describe_finding(f), on_decoy(&records(f))))
        .collect();
    let extra_incidents: Vec<String> = incidents
        .iter()
        .enumerate()
        .filter(|(i, _)| !used_incidents.contains(i))
        .map(|(_, i)| describe_incident(i))
        .collect();
    let _ = writeln!(table, "extra findings: {}", extra.len());
    for e in &extra {
        let _ = writeln!(table, "  {e}");
    }
    let _ = writeln!(table, "extra incidents: {}", extra_incidents.len());
    for e in &extra_incidents {
        let _ = writeln!(table, "  {e}");
    }
    ok &= extra.is_empty() && extra_incidents.is_empty();
    (table, ok)
}

/// What the report's chains say about some lines (a payout's bank line): `; chain ...` or "".
fn chains_on(report: &Value, lines: &BTreeSet<(String, u64)>) -> String {
    let inputs: Vec<&str> = report["inputs"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| i["file"].as_str().unwrap_or(""))
        .collect();
    let mut out = String::new();
    for chain in report["chains"].as_array().into_iter().flatten() {
        let members = chain["records"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(chain["deposit_record"].as_array().map(|_| &chain["deposit_record"]));
        let on = members.filter_map(|m| Some((m[0].as_u64()?, m[1].as_u64()?))).any(|(i, line)| {
            inputs.get(i as usize).is_some_and(|f| lines.contains(&((*f).to_owned(), line)))
        });
        if on {
            let _ = write!(
                out,
                "; its bank line is in a chain kind {} deposit {}",
                chain["kind"].as_str().unwrap_or("?"),
                chain["deposit"].as_str().unwrap_or("-")
            );
        }
    }
    out
}

/// Heap's algorithm: every order of `n` items, deterministically.
fn permutations(n: usize) -> Vec<Vec<usize>> {
    let mut items: Vec<usize> = (0..n).collect();
    let mut out = vec![items.clone()];
    let mut c = vec![0; n];
    let mut i = 0;
    while i < n {
        if c[i] < i {
            if i % 2 == 0 {
                items.swap(0, i);
            } else {
                items.swap(c[i], i);
            }
            out.push(items.clone());
            c[i] += 1;
            i = 0;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    out
}

#[test]
fn every_planted_case_is_found_and_nothing_else() {
    let s = scenario();
    let all = permutations(s.files.len());
    // All 120 orders by default; `QR_FORTNIGHT_ORDERS=n` for the first n.
    let limit = std::env::var("QR_FORTNIGHT_ORDERS")
        .ok()
        .map_or(all.len(), |n| n.parse().expect("QR_FORTNIGHT_ORDERS: a number"))
        .min(all.len());
    // One report per order, computed on every core; compared in order.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_thread = limit.div_ceil(threads).max(1);
    let mut reports: Vec<Option<String>> = vec![None; limit];
    std::thread::scope(|scope| {
        for (t, chunk) in reports.chunks_mut(per_thread).enumerate() {
            let (s, all) = (&s, &all);
            scope.spawn(move || {
                for (j, slot) in chunk.iter_mut().enumerate() {
                    let order = &all[t * per_thread + j];
                    let files: Vec<SourceFile> =
                        order.iter().map(|&i| s.files[i].clone()).collect();
                    let report = analyze(&files, &s.options);
                    *slot = Some(serde_json::to_string(&report).expect("report serialises"));
                }
            });
        }
    });
    let mut verdicts: BTreeMap<String, (Vec<usize>, String, bool)> = BTreeMap::new();
    for (k, key) in reports.into_iter().map(|r| r.expect("every order analysed")).enumerate() {
        if let Some(entry) = verdicts.get_mut(&key) {
            entry.0.push(k);
            continue;
        }
        let report: Value = serde_json::from_str(&key).expect("report is JSON");
        let (table, ok) = evaluate(&s.plan, &report);
        verdicts.insert(key, (vec![k], table, ok));
    }
    let mut all_ok = verdicts.len() == 1;
    for (orders_with_it, table, ok) in verdicts.values() {
        println!(
            "--- report of file orders {:?} ({} of {limit}) ---\n{table}",
            &orders_with_it[..orders_with_it.len().min(8)],
            orders_with_it.len()
        );
        all_ok &= ok;
    }
    if verdicts.len() > 1 {
        println!(
            "the report depends on the order of the files: {} different reports",
            verdicts.len()
        );
    }
    assert!(all_ok, "the QR fortnight is not reconciled as planted (table above)");
}

#[test]
fn permutations_are_all_orders() {
    let all = permutations(5);
    assert_eq!(all.len(), 120);
    assert_eq!(all.iter().collect::<BTreeSet<_>>().len(), 120);
}
