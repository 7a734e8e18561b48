//! Tests of the files-needed checklist on the demo week and its parts.

use super::*;
use crate::config::{Lang, Options, SourceFile};
use chrono::NaiveDate;

fn demo(names: &[&str]) -> Report {
    let all: [(&str, &[u8]); 3] = [
        (
            "收单对账单_20261108-20261114.csv",
            include_bytes!("../../../../../www/demo/收单对账单_20261108-20261114.csv"),
        ),
        (
            "终端交易明细_20261109-20261115.csv",
            include_bytes!("../../../../../www/demo/终端交易明细_20261109-20261115.csv"),
        ),
        (
            "银行流水_20261101-20261120.csv",
            include_bytes!("../../../../../www/demo/银行流水_20261101-20261120.csv"),
        ),
    ];
    let files: Vec<SourceFile> = all
        .iter()
        .filter(|(n, _)| names.iter().any(|x| n.starts_with(x)))
        .map(|(n, b)| SourceFile::new(*n, *b))
        .collect();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    crate::analyze(&files, &Options::new(as_of))
}

fn summary(needs: &Needs) -> Vec<String> {
    needs
        .roles
        .iter()
        .map(|r| format!("{} {} waiting {}", r.role.as_str(), r.files, r.waiting.len()))
        .collect()
}

#[test]
fn the_whole_demo_week_lacks_nothing() {
    let needs = needs(&demo(&["收单", "终端", "银行"]));
    assert_eq!(
        summary(&needs),
        [
            "terminal_log 1 waiting 0",
            "acquirer_statement 1 waiting 0",
            "bank_statement 1 waiting 0"
        ]
    );
    assert_eq!(needs.missing().count(), 0);
}

#[test]
fn the_terminal_log_alone_lacks_the_statement_and_the_bank_and_the_timeouts_wait() {
    let report = demo(&["终端"]);
    let needs = needs(&report);
    assert_eq!(
        summary(&needs),
        [
            "terminal_log 1 waiting 0",
            "acquirer_statement 0 waiting 4",
            "bank_statement 0 waiting 0"
        ]
    );
    let statement = &needs.roles[1];
    assert_eq!(
        text::waiting(Lang::Zh, statement).as_deref(),
        Some("补充载入收单对账单后，4 条结果待定的问题就能判断")
    );
    assert!(text::places(Lang::Zh, statement).contains("商户服务平台"));
    assert!(text::without(Lang::En, needs.roles[2].decides).contains("deposits arrived"));
}

#[test]
fn nothing_readable_asks_for_a_card_shops_three_files() {
    let report = crate::analyze(
        &[SourceFile::new("broken.xlsx", b"PK\x03\x04 not really".as_slice())],
        &Options::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
    );
    let roles: Vec<&str> = needs(&report).missing().map(|r| r.role.as_str()).collect();
    assert_eq!(roles, ["terminal_log", "acquirer_statement", "bank_statement"]);
}
