//! The owner's exports of the demo week (issue 14): the HTML report and the run's chat text, as
//! golden files under `tests/exports/demo-week/` (`report.{zh,en}.html`, `run-text.{zh,en}.txt`),
//! plus what a reader would notice if they broke: page 1 is the answer, findings come by urgency,
//! the appendix comes last, the chat text is short and plain, and text from the files stays inert.
//! After an intended change, regenerate with `UPDATE_GOLDEN=1 cargo test --test owner_report` and
//! review the diff like code; the e2e test `tests/e2e/owner-report.test.mjs` prints the HTML and
//! looks at it on a phone.

use chrono::NaiveDate;
use posrecon_engine::report::{Report, html, run_text, steps};
use posrecon_engine::{Lang, Options, SourceFile};

mod support;
use support::root;

fn demo_files() -> Vec<SourceFile> {
    let dir = root().join("www/demo");
    let manifest: Vec<String> =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    manifest
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(&name)).unwrap();
            SourceFile::new(name, bytes)
        })
        .collect()
}

fn demo(lang: Lang) -> Report {
    let mut options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    options.lang = lang;
    posrecon_engine::analyze(&demo_files(), &options)
}

/// The owner's HTML report of the demo week as the CLI and the page write it: with the deposits
/// per day from the matched files.
fn demo_html(lang: Lang) -> String {
    let mut options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    options.lang = lang;
    let matched = posrecon_engine::pipeline::run(&demo_files(), &options);
    let report = posrecon_engine::analyze_matched(&matched, &options);
    html::render_with_deposits(&report, &steps::deposit_days(&matched))
}

/// Compares `actual` with the golden file `name`, or writes it under `UPDATE_GOLDEN`.
fn golden(name: &str, actual: &str) {
    let path = root().join("tests/exports/demo-week").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .map_or(expected.lines().count().min(actual.lines().count()) + 1, |i| i + 1);
        panic!(
            "{name} differs from the golden file (first difference at line {line}); rerun with \
             UPDATE_GOLDEN=1 if the change is intended"
        );
    }
}

#[test]
fn golden_html_reports_of_the_demo_week() {
    golden("report.zh.html", &demo_html(Lang::Zh));
    golden("report.en.html", &demo_html(Lang::En));
}

#[test]
fn the_deposits_chart_shows_the_late_and_the_missing_payouts() {
    let doc = demo_html(Lang::Zh);
    let at = |needle: &str| doc.find(needle).unwrap_or_else(|| panic!("missing {needle}"));
    let section = &doc[at("<section class=\"deposits\">")..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(section.contains("<title>每日应到账与实际到账</title>"));
    // 11-09's money was due 11-10 and came 11-12; 11-11's was due 11-12 and never came.
    assert!(section.contains("11-10 应到账 2,032.76 元，实际到账 0.00 元"), "{section}");
    assert!(section.matches(">≠</text>").count() >= 2);
    assert!(!html::render(&demo(Lang::Zh)).contains("class=\"deposits\""), "no days, no chart");
}

#[test]
fn golden_run_texts_of_the_demo_week() {
    golden("run-text.zh.txt", &run_text::render(&demo(Lang::Zh)));
    golden("run-text.en.txt", &run_text::render(&demo(Lang::En)));
}

#[test]
fn page_one_is_the_answer_then_findings_by_urgency_then_the_appendix() {
    let doc = html::render(&demo(Lang::Zh));
    let at = |needle: &str| doc.find(needle).unwrap_or_else(|| panic!("missing {needle}"));
    // Page 1: who, when, money by direction, the first actions with dates.
    let front = &doc[at("<section class=\"front\">")..at("<section class=\"findings\">")];
    for text in [
        "<h1><span class=\"kicker\">掉单核对报告</span>示例便利店</h1>",
        "商户号 898440358120014",
        "文件期间 2026-11-08 至 2026-11-18",
        "应收未收",
        "1,313.33",
        "应退顾客",
        "596.50",
        "待确认",
        "2,299.00",
        "已逾期 9 天（2026-11-16 后应联系收单机构或银行）",
        "尽快处理",
    ] {
        assert!(front.contains(text), "page 1 lacks {text}");
    }
    assert!(!front.contains("SHA-256"), "fingerprints belong in the appendix");
    assert_eq!(front.matches("<li class=\"overdue\">").count(), 3);
    // Findings by urgency, not by id.
    let order: Vec<usize> = ["F0003", "F0004", "F0005", "F0001", "F0008", "F0002"]
        .iter()
        .map(|id| at(&format!("<article class=\"finding sev-high\" id=\"{id}\">")))
        .chain([at("id=\"F0009\""), at("id=\"F0007\""), at("id=\"F0006\"")])
        .collect();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(order, sorted, "findings out of urgency order");
    // Terminal health with its chart, then files and settings last.
    assert!(at("<section class=\"period\">") < at("<section class=\"appendix\">"));
    assert!(doc[at("<section class=\"period\">")..].contains("<svg class=\"chart\""));
    assert!(at("<section class=\"appendix\">") < at("SHA-256"));
}

#[test]
fn the_run_text_is_short_plain_and_names_the_most_urgent() {
    for lang in [Lang::Zh, Lang::En] {
        let report = demo(lang);
        let text = run_text::render(&report);
        assert!(text.chars().count() <= run_text::MAX_CHARS, "{lang:?}: {}", text.len());
        for markup in ["**", "<", "|", "#"] {
            assert!(!text.contains(markup), "{lang:?}: markup {markup} in a chat text");
        }
        // The five most urgent, one line each, and how many more.
        for (n, id) in ["F0003", "F0004", "F0005", "F0001", "F0008"].iter().enumerate() {
            assert!(text.contains(&format!("\n{}. {id} ", n + 1)), "{lang:?}: {id}");
        }
        assert!(text.contains(if lang == Lang::Zh { "另有 4 项" } else { "4 more" }));
    }
}

/// Every golden case's report (tests/golden) fits a chat.
#[test]
fn every_golden_cases_run_text_fits_a_chat() {
    for case in support::golden_dirs() {
        for lang in [Lang::Zh, Lang::En] {
            let (files, options) = support::golden_case(&case, lang);
            let text = run_text::render(&posrecon_engine::analyze(&files, &options));
            assert!(
                text.chars().count() <= run_text::MAX_CHARS,
                "{}: {} characters",
                case.display(),
                text.chars().count()
            );
        }
    }
}

/// Hostile text in the statement (markup, an attribute break-out, formulas, a leading tab and CR,
/// a right-to-left override and a 100,000-character cell) comes out of the HTML report as text,
/// and out of the chat text on one short line; the override is shown as `[U+202E]`.
#[test]
fn hostile_file_text_stays_inert() {
    let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "=HYPERLINK(\"http://evil\")",
        "@SUM(A1)",
        "\tTAB",
        "\rCR",
        "\u{202e}evil",
    ];
    let long = "长".repeat(100_000);
    let mut files = demo_files();
    // The timed-out 1,580.00 sale's 应答信息 takes the text; terminal 10086602 gets markup in its
    // id, in both the terminal log and the acquirer statement (so they still match).
    let evil = format!("{}{long}", hostile.join(" ").replace(['\t', '\r', ','], " "));
    let quoted = format!("\"{}\"", evil.replace('"', "\"\""));
    for file in &mut files {
        // The acquirer statement is GBK: only ASCII goes into it, byte for byte.
        let mut bytes = replace_bytes(&file.bytes, b"10086602", b"<b>10086602</b>");
        if let Ok(text) = String::from_utf8(bytes.clone()) {
            let text =
                text.replacen("\"1,580.00\",,交易超时", &format!("\"1,580.00\",,{quoted}"), 1);
            bytes = text.into_bytes();
        }
        file.bytes = bytes;
    }
    let report = posrecon_engine::analyze(
        &files,
        &Options::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
    );
    let doc = html::render(&report);
    assert!(doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the script text is shown");
    assert!(doc.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(doc.contains("&lt;b&gt;10086602&lt;/b&gt;"));
    for banned in ["<script", "<img", "<b>", "onerror=alert(1)>"] {
        assert!(!doc.contains(banned), "{banned} reached the HTML as markup");
    }
    let chat = run_text::render(&report);
    assert!(chat.chars().count() <= run_text::MAX_CHARS);
    assert!(!chat.contains('\u{202e}'), "a right-to-left override reached the chat text");
    assert!(!doc.contains('\u{202e}'), "a right-to-left override reached the HTML");
    assert!(doc.contains("[U+202E]evil"), "the override is shown, not hidden");
}

fn replace_bytes(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn page_one_names_the_merchant_once_the_files_do() {
    let mut report = demo(Lang::Zh);
    report.merchant.names = vec!["示例<便利店>".to_owned()];
    report.merchant.merchant_ids = vec!["898440358120014".to_owned()];
    let doc = html::render(&report);
    assert!(doc.contains("<h1><span class=\"kicker\">掉单核对报告</span>示例&lt;便利店&gt;</h1>"));
    assert!(doc.contains("<p class=\"sub\">商户号 898440358120014 · 文件期间"));
}
