//! Who the merchant is, as the files say (issue 14): the report names the merchant from the
//! lines above each file's header and from its 商户号 / 商户名称 columns, so a case sheet or the
//! owner's report can say 商户名称 and 商户号 without the merchant typing them in.

use chrono::NaiveDate;
use posrecon_engine::report::Merchant;
use posrecon_engine::{Options, SourceFile, analyze};

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/demo");

fn options() -> Options {
    Options::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
}

fn demo_files() -> Vec<SourceFile> {
    let manifest: Vec<String> =
        serde_json::from_slice(&std::fs::read(format!("{DEMO}/manifest.json")).unwrap()).unwrap();
    manifest
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(format!("{DEMO}/{name}")).unwrap();
            SourceFile::new(name, bytes)
        })
        .collect()
}

fn merchant(names: &[&str], ids: &[&str]) -> Merchant {
    Merchant {
        names: names.iter().map(|n| (*n).to_owned()).collect(),
        merchant_ids: ids.iter().map(|n| (*n).to_owned()).collect(),
    }
}

#[test]
fn the_demo_week_names_its_merchant() {
    let report = analyze(&demo_files(), &options());
    assert_eq!(report.merchant, merchant(&["示例便利店"], &["898440358120014"]));
    // Each file says what it says: the terminal log's preamble both, the acquirer statement's
    // column the 商户号, the bank statement's 户名 (a shop's name, not a person's) the name.
    let by_file: Vec<(&str, &Merchant)> =
        report.inputs.iter().map(|i| (i.file.as_str(), &i.merchant)).collect();
    assert_eq!(
        by_file,
        [
            ("收单对账单_20261108-20261114.csv", &merchant(&[], &["898440358120014"])),
            (
                "终端交易明细_20261109-20261115.csv",
                &merchant(&["示例便利店"], &["898440358120014"])
            ),
            ("银行流水_20261101-20261120.csv", &merchant(&["示例便利店"], &[])),
        ]
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json["merchant"],
        serde_json::json!({"names": ["示例便利店"], "merchant_ids": ["898440358120014"]})
    );
}

/// Files that disagree: every name and 商户号 once, sorted; a private account's 户名 is not a
/// merchant name.
#[test]
fn names_and_ids_of_several_files_are_united_sorted_once() {
    let terminal = "\
POS终端交易明细
商户名称：示例便利店（南山店）\t商户号：898440358120099
交易时间,终端号,交易金额,应答码
2026-11-09 10:02:11,10086602,268.00,00
";
    let acquirer = "\
商户号,商户名称,交易日期,交易时间,终端号,交易金额,清算日期
898440358120014,示例便利店,2026-11-09,10:02:11,10086602,268.00,2026-11-09
898440358120099,示例便利店（南山店）,2026-11-09,10:03:11,10086603,12.00,2026-11-09
";
    let bank = "\
账户交易明细
账号：6222000011112222333 户名：张三
交易日期,交易时间,摘要,借方发生额,贷方发生额,余额,对方户名,对方账号,附言
2026-11-10,08:30:00,代付,,278.98,10278.98,示例支付有限公司,311000001000,1109-1109费1.02元
";
    let files = vec![
        SourceFile::new("log.csv", terminal.as_bytes().to_vec()),
        SourceFile::new("settle.csv", acquirer.as_bytes().to_vec()),
        SourceFile::new("bank.csv", bank.as_bytes().to_vec()),
    ];
    let report = analyze(&files, &options());
    assert_eq!(
        report.merchant,
        merchant(&["示例便利店", "示例便利店（南山店）"], &["898440358120014", "898440358120099"])
    );
    let bank_input = report.inputs.iter().find(|i| i.file == "bank.csv").unwrap();
    assert!(bank_input.merchant.is_empty(), "{:?}", bank_input.merchant);
}

/// No file names the merchant: the report's JSON has no `merchant` key, and no input has one.
#[test]
fn without_a_merchant_the_json_has_no_merchant_field() {
    let log = "交易时间,终端号,交易金额,应答码\n2026-11-09 10:02:11,10086602,268.00,00\n";
    let report = analyze(&[SourceFile::new("log.csv", log.as_bytes().to_vec())], &options());
    assert!(report.merchant.is_empty());
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("\"merchant\""), "{json}");
}
