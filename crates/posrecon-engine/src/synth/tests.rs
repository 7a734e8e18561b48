//! Generator tests: determinism, layouts, and that the engine finds exactly what was injected.

use super::*;
use crate::analyze;
use crate::config::Options;

fn options(expected: &Expected) -> Options {
    Options::new(expected.as_of)
}

#[test]
fn same_spec_same_bytes_and_other_seeds_differ() {
    let a = generate(&SynthSpec::new(500, 7));
    let b = generate(&SynthSpec::new(500, 7));
    assert_eq!(a, b);
    let c = generate(&SynthSpec::new(500, 8));
    assert_ne!(a.files[0].bytes, c.files[0].bytes);
}

#[test]
fn the_terminal_log_has_exactly_the_rows_asked_for() {
    for rows in [0, 1, 3, 10, 999] {
        let synth = generate(&SynthSpec::new(rows, 3));
        assert_eq!(synth.expected.terminal_rows, rows, "rows = {rows}");
        let text = String::from_utf8(synth.files[0].bytes.clone()).expect("utf-8");
        // BOM + 3 preamble lines + blank + header, the rows, the 合计 line.
        assert_eq!(text.lines().count() as u64, 5 + rows + 1, "rows = {rows}");
        assert!(text.starts_with("\u{FEFF}POS终端交易明细\r\n"));
    }
}

#[test]
fn fee_is_rounded_half_up_per_row() {
    assert_eq!(fee(4200), 16); // 15.96
    assert_eq!(fee(1250), 5); // 4.75
    assert_eq!(fee(158_000), 600); // 600.4
    assert_eq!(fee(100), 0); // 0.38
}

#[test]
fn cut_off_moves_the_clearing_date() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 5).expect("date");
    assert_eq!(clearing(at(day, CUTOFF_SECS - 1)), day);
    assert_eq!(clearing(at(day, CUTOFF_SECS)), day + Duration::days(1));
}

#[test]
fn the_acquirer_statement_is_gbk_and_every_file_gets_its_role() {
    let mut spec = SynthSpec::new(300, 11);
    spec.bank_statement = true;
    let synth = generate(&spec);
    let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(&synth.files[1].bytes);
    assert!(!had_errors);
    assert!(text.starts_with("商户号,终端号,交易日期"));
    assert!(std::str::from_utf8(&synth.files[1].bytes).is_err(), "not accidentally UTF-8");

    let inputs = crate::inspect(&synth.files, &options(&synth.expected));
    let role = |name: &str| inputs.iter().find(|i| i.file == name).and_then(|i| i.role);
    use crate::model::Role;
    assert_eq!(role(&synth.files[0].name), Some(Role::TerminalLog));
    assert_eq!(role(&synth.files[1].name), Some(Role::AcquirerStatement));
    assert_eq!(role(&synth.files[2].name), Some(Role::BankStatement));
    let data = |name: &str| inputs.iter().find(|i| i.file == name).map_or(0, |i| i.data_rows);
    assert_eq!(data(&synth.files[0].name), synth.expected.terminal_rows);
    assert_eq!(data(&synth.files[1].name), synth.expected.acquirer_rows);
}

#[test]
fn the_engine_finds_exactly_what_was_injected() {
    let mut spec = SynthSpec::new(2000, 1);
    spec.anomaly_per_mille = 40;
    let synth = generate(&spec);
    let report = analyze(&synth.files, &options(&synth.expected));
    assert_eq!(report.summary.findings_by_kind, synth.expected.findings_by_kind());
    assert_eq!(report.summary.attempts, synth.expected.attempts);
    assert_found_as_expected(&report, &synth.expected);
    // Every kind the generator can cause shows up at this size and rate.
    for kind in [
        Kind::ChargedButFailed,
        Kind::DuplicateCharge,
        Kind::MissingSettlement,
        Kind::UnexpectedSettlement,
        Kind::AmountMismatch,
    ] {
        assert!(synth.expected.findings_by_kind().contains_key(&kind), "{kind:?}");
    }
}

#[test]
fn no_anomalies_means_no_findings() {
    let mut spec = SynthSpec::new(1500, 5);
    spec.anomaly_per_mille = 0;
    let synth = generate(&spec);
    assert!(synth.expected.injected.is_empty());
    let report = analyze(&synth.files, &options(&synth.expected));
    assert!(report.findings.is_empty(), "{:#?}", report.findings.first());
}

#[test]
fn the_order_list_is_read_as_one_and_adds_no_finding() {
    let mut spec = SynthSpec::new(2000, 12);
    spec.anomaly_per_mille = 40;
    spec.bank_statement = true;
    spec.order_list = true;
    let synth = generate(&spec);
    assert_eq!(synth.files.len(), 4);
    let orders = &synth.files[3];
    assert!(orders.name.starts_with("收银订单_"), "{}", orders.name);
    // Every card sale without trouble has its order, plus the cash orders.
    assert!(synth.expected.order_rows > synth.expected.terminal_rows * 9 / 10);

    let inputs = crate::inspect(&synth.files, &options(&synth.expected));
    let input = inputs.iter().find(|i| i.file == orders.name).expect("order list read");
    assert_eq!(input.role, Some(crate::model::Role::OrderList));
    assert_eq!(input.data_rows, synth.expected.order_rows);
    assert!(input.rejected_rows.is_empty(), "{:?}", input.rejected_rows.first());

    // The same findings, at the same lines, as without the order list: no order_not_paid.
    let report = analyze(&synth.files, &options(&synth.expected));
    assert_found_as_expected(&report, &synth.expected);
    spec.order_list = false;
    assert_eq!(generate(&spec).expected.findings, synth.expected.findings);
    // Asking for orders leaves the other files as they were.
    assert_eq!(generate(&spec).files[..], synth.files[..3]);
}

/// The report's findings, by (file, line, kind) of their first record, are exactly the ones the
/// generator says it caused.
fn assert_found_as_expected(report: &crate::report::Report, expected: &super::Expected) {
    let mut found: Vec<(String, u32, Kind)> = report
        .findings
        .iter()
        .map(|f| (f.records[0].file.clone(), f.records[0].line, f.kind))
        .collect();
    found.sort();
    let wanted: Vec<(String, u32, Kind)> =
        expected.findings.iter().map(|f| (f.file.clone(), f.line, f.kind)).collect();
    assert_eq!(found, wanted);
}
