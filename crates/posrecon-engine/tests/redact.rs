//! Redaction (issue 14): what the merchant chooses to leave out of an export is gone from every
//! string of the report (its whole JSON is walked), what they did not choose stays, and the
//! default changes nothing.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use posrecon_engine::report::Report;
use posrecon_engine::report::redact::{Redaction, redact};
use posrecon_engine::{Lang, Options, SourceFile, analyze};
use serde_json::Value;

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/demo");
const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/golden");

const MASK_IDS: Redaction =
    Redaction { mask_ids: true, drop_card_digits: false, drop_names: false };
const DROP_CARDS: Redaction =
    Redaction { mask_ids: false, drop_card_digits: true, drop_names: false };
const DROP_NAMES: Redaction =
    Redaction { mask_ids: false, drop_card_digits: false, drop_names: true };
const ALL: Redaction = Redaction { mask_ids: true, drop_card_digits: true, drop_names: true };

fn options(lang: Lang) -> Options {
    let mut options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    options.lang = lang;
    options
}

fn demo_report(lang: Lang) -> Report {
    let manifest: Vec<String> =
        serde_json::from_slice(&std::fs::read(format!("{DEMO}/manifest.json")).unwrap()).unwrap();
    let files: Vec<SourceFile> = manifest
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(format!("{DEMO}/{name}")).unwrap();
            SourceFile::new(name, bytes)
        })
        .collect();
    analyze(&files, &options(lang))
}

/// Every golden case's expected report.
fn golden_reports() -> Vec<(String, Report)> {
    let mut dirs: Vec<_> = std::fs::read_dir(GOLDEN)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.json").exists())
        .collect();
    dirs.sort();
    dirs.iter()
        .map(|dir| {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let report = serde_json::from_slice(&std::fs::read(dir.join("expected.json")).unwrap())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, report)
        })
        .collect()
}

/// Every string of a report's JSON (keys too), with where it is.
fn strings(report: &Report) -> Vec<(String, String)> {
    fn walk(value: &Value, at: String, out: &mut Vec<(String, String)>) {
        match value {
            Value::String(s) => out.push((at, s.clone())),
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, format!("{at}[{i}]"), out);
                }
            }
            Value::Object(map) => {
                for (k, v) in map {
                    out.push((format!("{at}.{k} (key)"), k.clone()));
                    walk(v, format!("{at}.{k}"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(report).unwrap(), String::new(), &mut out);
    out
}

/// Whether `needle` stands in `text` as a whole token: no ASCII letter or digit right before or
/// after it (`10086602` in `终端 10086602，`, not in `310086602`).
fn has_token(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        !alnum(before) && !alnum(after)
    })
}

/// Where in the report `needle` is still found (as a token, or anywhere for a name).
fn survivors(report: &Report, needle: &str, as_token: bool) -> Vec<String> {
    strings(report)
        .into_iter()
        .filter(|(_, s)| if as_token { has_token(s, needle) } else { s.contains(needle) })
        .map(|(at, s)| format!("{at}: {s}"))
        .collect()
}

/// The 商户号 and 终端号 of a report's fields.
fn ids(report: &Report) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = report.merchant.merchant_ids.iter().cloned().collect();
    for r in report.findings.iter().flat_map(|f| &f.records) {
        ids.extend(r.terminal_id.iter().cloned());
        ids.extend(r.merchant_id.iter().cloned());
    }
    ids.extend(report.incidents.iter().flat_map(|i| i.terminal_ids.iter().cloned()));
    if let Some(health) = &report.terminal_health {
        ids.extend(health.terminals.iter().map(|t| t.terminal_id.clone()));
    }
    ids.retain(|id| id.len() >= 4);
    ids
}

/// The masked cards of a report's records, and their first 6 and last 4 digits.
fn card_digits(report: &Report) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for card in
        report.findings.iter().flat_map(|f| &f.records).filter_map(|r| r.card_masked.clone())
    {
        let head: String = card.chars().take_while(char::is_ascii_digit).collect();
        let tail: String = card.chars().skip(card.len().saturating_sub(4)).collect();
        out.extend([head, tail, card.clone()]);
    }
    out.retain(|d| d.len() >= 4);
    out
}

fn assert_no_ids(report: &Report, ids: &BTreeSet<String>, what: &str) {
    assert!(!ids.is_empty(), "{what}: there are ids to mask");
    for id in ids {
        let left = survivors(report, id, true);
        assert!(left.is_empty(), "{what}: {id} survives in {left:#?}");
    }
}

fn assert_no_cards(report: &Report, digits: &BTreeSet<String>, what: &str) {
    assert!(!digits.is_empty(), "{what}: there are cards to drop");
    for r in report.findings.iter().flat_map(|f| &f.records) {
        assert_eq!(r.card_masked, None, "{what}: {}:{}", r.file, r.line);
    }
    for d in digits {
        let left = survivors(report, d, true);
        assert!(left.is_empty(), "{what}: card digits {d} survive in {left:#?}");
    }
}

/// Only what was asked changed: the same findings, money and dates.
fn assert_same_findings(original: &Report, redacted: &Report) {
    assert_eq!(original.findings.len(), redacted.findings.len());
    for (a, b) in original.findings.iter().zip(&redacted.findings) {
        assert_eq!((a.kind, a.severity, a.amount_cents), (b.kind, b.severity, b.amount_cents));
        assert_eq!(a.records.len(), b.records.len());
        assert_eq!(a.dates, b.dates);
        assert!(!b.title.is_empty() && b.evidence.len() == a.evidence.len());
    }
    assert_eq!(original.summary, redacted.summary);
    assert_eq!(original.chains, redacted.chains);
}

#[test]
fn the_default_changes_nothing() {
    let mut reports = golden_reports();
    reports.push(("demo".to_owned(), demo_report(Lang::Zh)));
    for (name, report) in reports {
        let redacted = redact(&report, &Redaction::default());
        assert_eq!(
            serde_json::to_string(&redacted).unwrap(),
            serde_json::to_string(&report).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn mask_ids_masks_every_merchant_and_terminal_id_on_the_demo_week() {
    for lang in [Lang::Zh, Lang::En] {
        let report = demo_report(lang);
        let redacted = redact(&report, &MASK_IDS);
        let ids = ids(&report);
        assert!(ids.contains("898440358120014") && ids.contains("10086602"));
        assert_no_ids(&redacted, &ids, "demo");
        assert_eq!(redacted.merchant.merchant_ids, ["8984*******0014"]);
        let first = &redacted.findings[0].records[0];
        assert_eq!(first.terminal_id.as_deref(), Some("****6602"));
        // The same id masks the same way everywhere, and what the bank needs stays.
        let text = serde_json::to_string(&redacted).unwrap();
        assert!(text.contains("****6603"), "the other terminal");
        assert!(text.contains("309140500028"), "参考号 are kept");
        assert_eq!(card_digits(&redacted), card_digits(&report), "cards are kept");
        assert_eq!(redacted.merchant.names, report.merchant.names);
        assert_same_findings(&report, &redacted);
    }
}

#[test]
fn drop_card_digits_leaves_no_card_digit_on_the_demo_week() {
    for lang in [Lang::Zh, Lang::En] {
        let report = demo_report(lang);
        let redacted = redact(&report, &DROP_CARDS);
        let digits = card_digits(&report);
        assert!(digits.contains("7710"), "the duplicate charge's card");
        assert_no_cards(&redacted, &digits, "demo");
        assert_eq!(ids(&redacted), ids(&report), "ids are kept");
        assert_same_findings(&report, &redacted);
    }
}

#[test]
fn every_option_on_every_golden_report() {
    for (name, report) in golden_reports() {
        let redacted = redact(&report, &ALL);
        let ids = ids(&report);
        if !ids.is_empty() {
            assert_no_ids(&redacted, &ids, &name);
        }
        let digits = card_digits(&report);
        if !digits.is_empty() {
            assert_no_cards(&redacted, &digits, &name);
        }
        assert_same_findings(&report, &redacted);
        assert_eq!(redacted.inputs.len(), report.inputs.len(), "{name}");
    }
}

/// Invented files where people's names reach the report: a bank statement whose 户名 and a
/// private transfer's 对方户名 are people, a merchant registered under the owner's name, and a
/// file named after the 商户号.
fn people_files() -> Vec<SourceFile> {
    let terminal = "\
POS终端交易明细
商户名称：王小明,商户号：898440358120014
交易时间,终端号,批次号,凭证号,参考号,卡号,交易类型,交易金额(元),应答码,应答信息
2026-11-09 10:02:11,10086602,000012,001001,309140500014,621226******8429,消费,56.00,00,交易成功
2026-11-09 10:05:40,10086602,000012,001002,309140500028,622848******1234,消费,1580.00,,交易超时
";
    let acquirer = "\
商户号,终端号,交易日期,交易时间,交易类型,交易批次号,凭证号,参考号,卡号,交易金额,手续费,结算金额,清算日期
898440358120014,10086602,2026-11-09,10:02:11,消费,000012,001001,309140500014,621226******8429,56.00,0.21,55.79,2026-11-09
898440358120014,10086602,2026-11-09,10:05:40,消费,000012,001002,309140500028,622848******1234,1580.00,6.00,1574.00,2026-11-09
";
    let bank = "\
账户交易明细
账号：6222000011112222333,户名：王小明
交易日期,交易时间,摘要,借方发生额,贷方发生额,余额,对方户名,对方账号,附言
2026-11-01,09:00:00,转账,100.00,,9900.00,某某物业管理有限公司,6222000011118888777,房租
2026-11-10,08:31:05,代付,,1629.79,11529.79,李四,6222000011119999888,1109-1109费6.21元
2026-11-20,09:00:00,转账,100.00,,11429.79,某某物业管理有限公司,6222000011118888777,房租
";
    vec![
        SourceFile::new("898440358120014_终端.csv", terminal.as_bytes().to_vec()),
        SourceFile::new("对账单.csv", acquirer.as_bytes().to_vec()),
        SourceFile::new("王小明_银行流水.csv", bank.as_bytes().to_vec()),
    ]
}

#[test]
fn drop_names_leaves_no_name_of_a_person_on_invented_files() {
    for lang in [Lang::Zh, Lang::En] {
        let report = analyze(&people_files(), &options(lang));
        assert_eq!(report.merchant.names, ["王小明"], "a 商户名称 is kept as written");
        let text = serde_json::to_string(&report).unwrap();
        assert!(text.contains("李四"), "the credit's 对方户名 reaches the words: {lang:?}");
        let redacted = redact(&report, &DROP_NAMES);
        for name in ["王小明", "李四"] {
            let left = survivors(&redacted, name, false);
            assert!(left.is_empty(), "{lang:?}: {name} survives in {left:#?}");
        }
        assert!(redacted.merchant.names.is_empty());
        assert!(redacted.inputs.iter().any(|i| i.file == "***_银行流水.csv"));
        assert_eq!(ids(&redacted), ids(&report), "ids are kept");
        assert_eq!(card_digits(&redacted), card_digits(&report), "cards are kept");
        assert_same_findings(&report, &redacted);

        let all = redact(&report, &ALL);
        assert_no_ids(&all, &ids(&report), "invented");
        assert!(all.inputs.iter().any(|i| i.file == "8984*******0014_终端.csv"));
        assert_no_cards(&all, &card_digits(&report), "invented");
        assert!(survivors(&all, "李四", false).is_empty());
    }
}

#[test]
fn drop_names_hides_a_wallet_payer_and_keeps_a_business() {
    let dir = Path::new(GOLDEN).join("qr-till-rescan");
    let report: Report =
        serde_json::from_slice(&std::fs::read(dir.join("expected.json")).unwrap()).unwrap();
    let text = serde_json::to_string(&report).unwrap();
    assert!(text.contains("付款人「oCCCC」"), "the golden's duplicate names its payer");
    let redacted = redact(&report, &DROP_NAMES);
    assert!(survivors(&redacted, "oCCCC", false).is_empty());

    let demo = demo_report(Lang::Zh);
    let redacted = redact(&demo, &DROP_NAMES);
    assert_eq!(redacted.merchant.names, ["示例便利店"], "a shop's name is not a person's");
    let text = serde_json::to_string(&redacted).unwrap();
    assert!(
        text.contains("对方户名「示例支付有限公司客户备付金」"),
        "the acquirer's account stays"
    );
}
