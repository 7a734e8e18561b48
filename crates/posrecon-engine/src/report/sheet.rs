//! One case sheet per finding (issue 14): a self-contained HTML page, one A4 page when printed
//! and readable on a phone, with what the acquirer or bank asks for about that one case.
//!
//! It renders a [`case::Case`] (the facts; the words are `case/zh.rs` and `case/en.rs`): the
//! merchant and 商户号, the terminal, the kind, amount and dates, the request (what, of whom, by
//! when), the transactions concerned with every identifier, the payout and the bank lines of a
//! deposit case, and how the case was found. The chat text ([`super::finding_text`]) renders the
//! same case, so the two carry the same identifiers.
//!
//! Like the HTML report it is a document, not a page: one inline `<style>`, no script, nothing
//! fetched, every text from the files escaped ([`escape`]) after [`case::clean`]. For print,
//! `@page` A4 with compact type keeps it to one sheet of paper (an e2e test prints it to PDF and
//! counts the pages); at a phone's 390 px the key/value tables stack and long identifiers wrap, so
//! nothing is wider than the screen.

use std::fmt::Write as _;

use crate::report::Report;
use crate::report::answer::When;
use crate::report::case::{self, Case, Transaction, clean, words};
use crate::report::html::escape;
use crate::report::labels;

/// The explanation ("how this was found") is clipped to this many characters.
pub const EXPLANATION_CHARS: usize = 600;

/// The case sheet of finding `finding_id` (`F0004`), or `None` when the report has no such
/// finding.
pub fn render(report: &Report, finding_id: &str) -> Option<String> {
    let case = case::of(report, finding_id)?;
    Some(document(&case))
}

fn document(case: &Case) -> String {
    let w = words(case.lang);
    let f = case.finding;
    let mut out = String::with_capacity(8 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} {} {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <main class=\"sheet sev-{}\">\n",
        case.lang.pick("zh-CN", "en"),
        w.sheet,
        escape(&f.id),
        f.kind.label(case.lang),
        labels::severity_key(f.severity),
    );
    head(&mut out, case);
    request(&mut out, case);
    transactions(&mut out, case);
    payout(&mut out, case);
    bank(&mut out, case);
    let _ = write!(
        out,
        "<section class=\"how\"><h2>{}</h2><p>{}</p></section>\n\
         <footer class=\"foot\">{} · {}</footer>\n</main>\n</body>\n</html>\n",
        w.how_found,
        escape(&clean(&f.explanation, EXPLANATION_CHARS)),
        escape(case.generated_by),
        w.footer,
    );
    out
}

fn head(out: &mut String, case: &Case) {
    let w = words(case.lang);
    let f = case.finding;
    let lang = case.lang;
    let _ = write!(
        out,
        "<header class=\"top\">\n<p class=\"eyebrow\">{} <b>{}</b> · {} {}</p>\n\
         <h1>{} <span class=\"amt\">{}</span></h1>\n<p class=\"title\">{}</p>\n</header>\n\
         <dl class=\"meta\">",
        w.sheet,
        escape(&f.id),
        w.as_of,
        case.as_of,
        f.kind.label(lang),
        (w.money)(f.amount_cents),
        escape(&clean(&f.title, 200)),
    );
    let m = &case.merchant;
    let mut facts: Vec<(&str, String)> = Vec::new();
    if !m.names.is_empty() {
        facts.push((
            w.merchant_name,
            m.names.iter().map(|n| escape(n)).collect::<Vec<_>>().join("<br>"),
        ));
    }
    let ids = m.merchant_ids.iter().map(|n| escape(n)).collect::<Vec<_>>().join("<br>");
    facts.push((w.merchant_id, if ids.is_empty() { "—".to_owned() } else { ids }));
    if !case.terminals.is_empty() {
        facts.push((
            w.terminal,
            case.terminals.iter().map(|t| escape(t)).collect::<Vec<_>>().join("<br>"),
        ));
    }
    facts.push((w.severity, labels::severity(lang, f.severity).to_owned()));
    let d = &f.dates;
    if !d.settlement_dates.is_empty() {
        let dates: Vec<String> = d.settlement_dates.iter().map(ToString::to_string).collect();
        facts.push((w.settlement_dates, dates.join("<br>")));
    }
    if let Some(date) = d.expected_deposit_date {
        facts.push((w.expected_deposit, date.to_string()));
    }
    for (label, value) in facts {
        let _ = write!(out, "<div><dt>{label}</dt><dd>{value}</dd></div>");
    }
    out.push_str("</dl>\n");
}

fn request(out: &mut String, case: &Case) {
    let w = words(case.lang);
    let _ = write!(
        out,
        "<section class=\"ask\"><h2>{}</h2><p>{}</p>",
        w.request,
        escape(&(w.request_line)(case))
    );
    for also in (w.also_lines)(case) {
        let _ = write!(out, "<p>{}</p>", escape(&also));
    }
    if let Some(d) = case::deadline(case) {
        let overdue = matches!(case.request.when, When::Overdue { .. });
        let class = if overdue { "due overdue" } else { "due" };
        let _ = write!(out, "<p class=\"{class}\">{}</p>", escape(&d));
    }
    out.push_str("</section>\n");
}

fn transactions(out: &mut String, case: &Case) {
    if case.transactions.is_empty() {
        return;
    }
    let w = words(case.lang);
    let _ = write!(
        out,
        "<section class=\"txns-box\"><h2>{}</h2>\n<div class=\"txns\">",
        w.transactions
    );
    let several = case.transactions.len() > 1;
    for (n, t) in case.transactions.iter().enumerate() {
        transaction(out, case, t, several.then_some(n + 1));
    }
    out.push_str("</div>\n");
    if case.more_transactions > 0 {
        let _ = write!(out, "<p class=\"more\">{}</p>", escape(&(w.more)(case.more_transactions)));
    }
    if case.transactions.iter().any(|t| t.card.is_some()) {
        let _ = write!(out, "<p class=\"note\">{}</p>", w.card_note);
    }
    out.push_str("</section>\n");
}

fn transaction(out: &mut String, case: &Case, t: &Transaction, number: Option<usize>) {
    let w = words(case.lang);
    let lang = case.lang;
    let mut caption = number.map(|n| format!("{n}. ")).unwrap_or_default();
    let kind = labels::txn_type(lang, t.txn_type);
    caption.push_str(kind);
    if let Some(part) = case::part_label(lang, t).filter(|p| *p != kind) {
        caption.push_str(" · ");
        caption.push_str(part);
    }
    let _ = write!(out, "<table class=\"txn\"><caption>{}</caption><tbody>", escape(&caption));
    for (id, value) in t.identifiers(lang) {
        let _ = write!(out, "<tr><th>{}</th><td>{}</td></tr>", (w.label)(id), escape(&value));
    }
    if let Some(said) = &t.terminal_said {
        let _ = write!(out, "<tr><th>{}</th><td>{}</td></tr>", w.terminal_said, escape(said));
    }
    let sources: Vec<String> =
        t.sources.iter().map(|s| format!("{} {}", escape(&s.file), (w.line)(s.line))).collect();
    let _ = write!(
        out,
        "<tr class=\"src\"><th>{}</th><td>{}</td></tr></tbody></table>",
        w.sources,
        sources.join("<br>")
    );
}

fn payout(out: &mut String, case: &Case) {
    let Some(p) = &case.payout else { return };
    let w = words(case.lang);
    let _ = writeln!(
        out,
        "<section class=\"payout\"><h2>{}</h2><p>{}</p></section>",
        w.payout,
        escape(&(w.payout_line)(case, p))
    );
}

fn bank(out: &mut String, case: &Case) {
    if case.payout.is_none() && case.bank_lines.is_empty() {
        return;
    }
    let w = words(case.lang);
    let _ = write!(out, "<section class=\"bank\"><h2>{}</h2><ul>", w.bank);
    if case.bank_lines.is_empty() {
        let _ = write!(out, "<li>{}</li>", w.no_bank_line);
    }
    for b in &case.bank_lines {
        let _ = write!(
            out,
            "<li>{} <span class=\"muted\">{} {}</span></li>",
            escape(&(w.bank_line)(b)),
            escape(&b.source.file),
            (w.line)(b.source.line)
        );
    }
    out.push_str("</ul>");
    for c in &case.bank_files {
        let _ = write!(out, "<p class=\"muted\">{}</p>", escape(&(w.covered)(c)));
    }
    out.push_str("</section>\n");
}

/// The sheet's one style sheet: screen, phone (stacked key/value rows under 560 px) and A4 print.
const STYLE: &str = "\
:root{color-scheme:light}\
*{box-sizing:border-box}\
body{margin:0;background:#f3f4f6;color:#111827;font:14px/1.5 -apple-system,\"Segoe UI\",\"PingFang SC\",\"Hiragino Sans GB\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif}\
.sheet{max-width:820px;margin:16px auto;padding:22px 28px;background:#fff;border:1px solid #d1d5db;border-top:6px solid #9ca3af;overflow-wrap:anywhere}\
.sev-high{border-top-color:#b91c1c}.sev-medium{border-top-color:#d97706}.sev-low{border-top-color:#2563eb}\
.eyebrow{margin:0;color:#6b7280;font-size:12.5px}\
h1{font-size:21px;margin:2px 0 4px}\
.amt{white-space:nowrap;margin-left:6px}\
.title{margin:0 0 8px;font-weight:600}\
h2{font-size:14px;margin:12px 0 4px;padding-bottom:2px;border-bottom:1px solid #111827}\
p{margin:4px 0}\
.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:4px 16px;margin:6px 0}\
dt{font-size:11.5px;color:#6b7280}\
dd{margin:0;font-weight:600;font-family:ui-monospace,Menlo,Consolas,monospace,sans-serif}\
.ask{background:#fefce8;border:1px solid #facc15;padding:4px 10px 6px;margin:10px 0}\
.ask h2{border:0;margin-top:4px}\
.due{font-weight:600}.overdue{color:#b91c1c}\
.txns{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:8px}\
.txn{width:100%;border-collapse:collapse;font-size:12.5px;break-inside:avoid}\
.txn caption{text-align:left;font-weight:600;padding:2px 0}\
.txn th,.txn td{border:1px solid #d1d5db;padding:2px 6px;text-align:left;vertical-align:top}\
.txn th{background:#f9fafb;font-weight:600;width:8.5em;white-space:nowrap}\
.txn td{font-family:ui-monospace,Menlo,Consolas,monospace,sans-serif}\
.txn .src td{font-family:inherit;font-size:11px;color:#4b5563}\
ul{margin:4px 0;padding-left:20px}\
.muted{color:#6b7280;font-size:12px}\
.note,.more{font-size:12px;color:#4b5563}\
.how p{font-size:12.5px;color:#374151}\
.foot{margin-top:12px;padding-top:6px;border-top:1px solid #d1d5db;font-size:11px;color:#6b7280}\
@media (max-width:560px){.sheet{margin:0;padding:14px 12px;border-left:0;border-right:0}\
.txns{grid-template-columns:1fr}.txn tbody,.txn caption{display:block}\
.txn tr{display:grid;grid-template-columns:7.5em minmax(0,1fr);border-bottom:1px solid #e5e7eb}\
.txn th,.txn td{display:block;width:auto;border:0;white-space:normal}}\
@page{size:A4;margin:12mm}\
@media print{body{background:#fff;font-size:11.5px}.sheet{margin:0;padding:0;border:0;max-width:none}\
h1{font-size:18px}.txn{font-size:11px}.how p{font-size:11px}.ask{break-inside:avoid}}";

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Report {
        let text = include_str!("../../../../tests/golden/demo-week/expected.json");
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn a_missing_deposit_sheet_lists_the_payout_and_no_unrelated_sale() {
        let doc = render(&demo(), "F0004").unwrap();
        for unwanted in ["309140500147", "518710******2208", "交易信息"] {
            assert!(!doc.contains(unwanted), "{unwanted} is not part of the case");
        }
        for wanted in [
            "898440358120014",
            "2026-11-11",
            "2026-11-12",
            "1,187.47 元",
            "出款流水",
            "开户银行",
            "没有对应的入账",
        ] {
            assert!(doc.contains(wanted), "{wanted}");
        }
        assert!(
            doc.contains(
                "<p class=\"due overdue\">已逾期 8 天（2026-11-17 后应联系收单机构或银行）。</p>"
            ),
            "the deadline has passed on 2026-11-25"
        );
    }

    #[test]
    fn a_dropped_sale_sheet_merges_the_terminal_and_statement_lines_into_one_transaction() {
        let doc = render(&demo(), "F0001").unwrap();
        assert_eq!(doc.matches("<table class=\"txn\">").count(), 1);
        for wanted in [
            "<th>终端号</th><td>10086602</td>",
            "<th>批次号</th><td>000012</td>",
            "<th>凭证号</th><td>001002</td>",
            "<th>参考号</th><td>309140500028</td>",
            "<th>卡号</th><td>622848******1234</td>",
            "<th>清算日期</th><td>2026-11-09</td>",
            "<th>终端/收银显示</th><td>交易超时</td>",
            "请向收单机构",
            "调单",
        ] {
            assert!(doc.contains(wanted), "{wanted}");
        }
        for banned in
            ["<script", "<link", "src=", "href=", "url(", "@import", "http://", "https://"]
        {
            assert!(!doc.contains(banned), "{banned}");
        }
    }

    #[test]
    fn file_text_is_escaped_and_cleaned() {
        let mut report = demo();
        let record = &mut report.findings[0].records[0];
        record.response_text =
            Some("\u{202e}<script>alert(1)</script>\"><img src=x onerror=alert(1)>".to_owned());
        record.terminal_id = Some(format!("\t=HYPERLINK(\"x\")\r{}", "x".repeat(100_000)));
        record.rrn = Some("@SUM(1)\u{2066}".to_owned());
        report.findings[0].title = format!("\u{202e}{}", "长".repeat(100_000));
        report.findings[0].explanation = "<b>".repeat(50_000);
        let doc = render(&report, "F0001").unwrap();
        assert!(!doc.contains("<script") && !doc.contains("<img"), "markup got through");
        assert!(!doc.contains('\u{202e}'), "a right-to-left override got through");
        assert!(doc.contains("[U+202E]"), "shown as the HTML report, CSV and XLSX show it");
        assert!(!doc.contains('\u{2066}') && !doc.contains('\t') && !doc.contains('\r'));
        assert!(
            doc.contains("=HYPERLINK(&quot;x&quot;)") && doc.contains("@SUM(1)"),
            "text stays text"
        );
        assert!(doc.len() < 40_000, "a long cell is clipped: {} bytes", doc.len());
    }
}
