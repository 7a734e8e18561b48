//! The report as one self-contained, printable HTML document for the shop's owner (issue 14), which
//! they can also send on to their acquirer or POS provider.
//!
//! The owner reads it top down and stops when they know enough, so it is ordered by what they
//! need first: page 1 is the answer ([`answer`](crate::report::answer): who, the period the files
//! cover, money by direction, the actions due first with their dates, overdue marked); then every
//! finding most urgent first, each with the lines it rests on and every identifier the acquirer,
//! the wallet or the bank asks for; then incidents (with a timeline) and terminal health (with a
//! terminal x day chart, [`chart`](crate::report::chart)); the files, their fingerprints and the
//! settings last, as an appendix a reader only needs to prove what was compared. Printed, it is A4
//! with page 1 alone and a finding, a table row or a chart kept on one page where it fits (table
//! heads repeat); on a phone, tables stack into labelled rows or scroll in their own box and long
//! ids wrap, so nothing is wider than the screen.
//!
//! It is a downloaded document, not the web page: the only styling is one inline `<style>`, and it
//! holds no script and refers to nothing outside itself (no fonts, images or links to load), so it
//! opens the same offline, in a mail client or printed. The text follows `report.lang` (Chinese by
//! default).
//!
//! Every string that comes from the report is escaped: file names, response texts and identifiers
//! come from statement files the merchant did not write.

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime};

use crate::config::Lang;
use crate::model::{PayMethod, Role};
use crate::report::answer::text as answer_text;
use crate::report::answer::{self, Action, Answer, Direction, When};
use crate::report::bidi::is_bidi_control;
use crate::report::chart;
use crate::report::money::yuan;
use crate::report::steps::DepositDay;
use crate::report::{
    Finding, Incident, Input, Kind, RecordRef, Report, RowNote, TerminalHealth, labels,
};

/// Renders the whole report as one self-contained HTML document (UTF-8; styles inline, no script,
/// nothing fetched), in the report's language (`report.lang`). Every text from the files is
/// escaped. A pure function of the [`Report`]: the CLI writes it to a file, the page offers it as
/// a download.
pub fn render(report: &Report) -> String {
    render_with_deposits(report, &[])
}

/// [`render`], with the chart of deposits expected against received per day
/// ([`chart::deposit_bars`]) after the incidents when `deposits` has days. The days come from the
/// matched files ([`crate::report::steps::deposit_days`]), which the report does not carry: the
/// CLI and the page's worker, which keep them, pass them in, so their documents are equal.
pub fn render_with_deposits(report: &Report, deposits: &[DepositDay]) -> String {
    let lang = labels::report_lang(&report.lang);
    let t = Text::new(lang);
    let a = answer::answer(report);
    let mut out = String::with_capacity(16 * 1024 + report.findings.len() * 4096);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} {}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n<main class=\"doc\">\n",
        lang.pick("zh-CN", "en"),
        t.title,
        report.as_of,
        chart::STYLE,
    );
    front(&mut out, report, &a, &t);
    findings(&mut out, &a, &t);
    incidents(&mut out, report, &t);
    deposit_chart(&mut out, deposits, &t);
    period(&mut out, report, &t);
    appendix(&mut out, report, &t);
    let _ = write!(
        out,
        "<footer class=\"foot\"><p>{}</p></footer>\n</main>\n</body>\n</html>\n",
        t.footer
    );
    out
}

/// Escapes text for element content and double-quoted attribute values. Bidirectional controls
/// (embeddings, overrides, isolates and marks: U+202A..U+202E, U+2066..U+2069, U+200E, U+200F,
/// U+061C) are shown as `[U+202E]`, as the CSV and the workbook show them: text from a file could
/// use them to show an amount or a file name in another order than it is written, and dropping
/// them silently would hide that the file tried.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if is_bidi_control(c) => {
                let _ = write!(out, "[U+{:04X}]", u32::from(c));
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Fixed text of one language.
struct Text {
    lang: Lang,
    title: &'static str,
    intro: &'static str,
    generated_by: &'static str,
    as_of: &'static str,
    cycle: &'static str,
    wallet_cycle: &'static str,
    cutoff: &'static str,
    yuan: &'static str,
    inputs: &'static str,
    inputs_note: &'static str,
    attempts: &'static str,
    money_at_risk: &'static str,
    by_kind: &'static str,
    count: &'static str,
    findings: &'static str,
    no_findings: &'static str,
    severity: &'static str,
    amount: &'static str,
    cause: &'static str,
    confidence: &'static str,
    incident: &'static str,
    identifiers_note: &'static str,
    deposit_identifiers: &'static str,
    explanation: &'static str,
    evidence: &'static str,
    actions: &'static str,
    records: &'static str,
    settlement_dates: &'static str,
    expected_deposit: &'static str,
    escalate_after: &'static str,
    incidents: &'static str,
    period: &'static str,
    terminals: &'static str,
    all_terminals: &'static str,
    response_codes: &'static str,
    related: &'static str,
    line: &'static str,
    footer: &'static str,
}

impl Text {
    fn new(lang: Lang) -> Text {
        let p = |zh, en| lang.pick(zh, en);
        Text {
            lang,
            title: p("掉单核对报告", "Payment reconciliation report"),
            intro: p(
                "本报告逐笔核对了下列文件（POS 终端流水、收单对账单、收银记录、微信支付和支付宝账单、银行流水中载入的那些），列出掉单（显示失败但已扣款）、重复扣款、未结算、未到账等问题，以及向收单机构、微信支付、支付宝或 POS 服务商核实时需要提供的交易信息。",
                "This report compares the files listed below (whichever of the POS terminal log, the acquirer's settlement statement, the till's records, the WeChat Pay and Alipay bills and the bank statement were loaded) payment by payment. It lists dropped payments (shown as failed but charged), double charges, unsettled and missing payments, with the details an acquirer, WeChat Pay, Alipay or the POS provider needs to trace each one.",
            ),
            generated_by: p("生成工具", "Generated by"),
            as_of: p("核对基准日期", "As of"),
            cycle: p("结算周期", "Settlement cycle"),
            wallet_cycle: p("微信支付结算周期", "WeChat Pay payout cycle"),
            cutoff: p("日切时间", "Clearing cut-off"),
            yuan: p("元", "CNY"),
            inputs: p("核对的文件", "Files compared"),
            inputs_note: p(
                "每个文件的 SHA-256 指纹可用于确认对方拿到的是同一份文件；数据行 + 跳过行 + 无法读取的行 = 表头以下的全部行。",
                "The SHA-256 fingerprint identifies each file exactly; rows used + skipped + rejected account for every line below the header.",
            ),
            attempts: p("核对交易笔数", "Transactions checked"),
            money_at_risk: p("涉及金额（高、中）", "Money at stake (high, medium)"),
            by_kind: p("问题类型", "Kind"),
            count: p("笔数", "Count"),
            findings: p("问题明细", "Findings"),
            no_findings: p("没有发现需要处理的问题。", "Nothing needs attention."),
            severity: p("严重程度", "Severity"),
            amount: p("涉及金额", "Amount at stake"),
            cause: p("可能原因", "Likely cause"),
            confidence: p("置信度", "Confidence"),
            incident: p("所属事件", "Incident"),
            identifiers_note: p(
                "卡号只显示前 6 位和后 4 位。",
                "Card numbers show the first 6 and last 4 digits only.",
            ),
            deposit_identifiers: p(
                "结算款信息（向收单机构或银行核实时提供）",
                "Settlement details (for the acquirer or the bank)",
            ),
            explanation: p("说明", "Explanation"),
            evidence: p("依据", "Evidence"),
            actions: p("建议处理", "What to do"),
            records: p("相关记录", "Records"),
            settlement_dates: p("清算日期", "Clearing dates"),
            expected_deposit: p("预计到账日期", "Expected deposit"),
            escalate_after: p("超过此日期请联系收单机构", "Contact the acquirer after"),
            incidents: p("事件", "Incidents"),
            period: p("时间", "Period"),
            terminals: p("终端号", "Terminals"),
            all_terminals: p("全部终端", "All terminals"),
            response_codes: p("应答码", "Response codes"),
            related: p("相关问题", "Related findings"),
            line: p("行", "line"),
            footer: p(
                "本报告由 posrecon 在本地根据上列文件生成，文件内容没有上传。金额单位为人民币元。",
                "Generated locally by posrecon from the files listed above; no file was uploaded. Amounts are in CNY (yuan).",
            ),
        }
    }
}

/// Page 1: the answer. Who and when, money by direction, the actions due first with their dates
/// (overdue ones marked), and a file whose type is in doubt (no money finding rests on it).
fn front(out: &mut String, report: &Report, a: &Answer<'_>, t: &Text) {
    let lang = t.lang;
    // The heading names the merchant under the report's title, or is the title alone.
    let name = if !a.merchant_names.is_empty() {
        Some(escape(&a.merchant_names.join(" / ")))
    } else {
        a.merchant_ids
            .first()
            .map(|id| format!("{} {}", lang.pick("商户号", "Merchant ID"), escape(id)))
    };
    let heading = match name {
        Some(name) => format!("<span class=\"kicker\">{}</span>{name}", t.title),
        None => t.title.to_owned(),
    };
    let mut sub = Vec::new();
    if !a.merchant_names.is_empty() && !a.merchant_ids.is_empty() {
        sub.push(format!(
            "{} {}",
            lang.pick("商户号", "Merchant ID"),
            escape(&a.merchant_ids.join(", "))
        ));
    }
    if let Some(p) = a.period {
        sub.push(format!(
            "{} {}",
            lang.pick("文件期间", "Files cover"),
            answer_text::period(lang, p.start.date(), p.end.date())
        ));
    }
    sub.push(format!("{} {}", t.as_of, report.as_of));
    let _ = write!(
        out,
        "<section class=\"front\">\n<h1>{heading}</h1>\n\
         <p class=\"sub\">{}</p>\n<p class=\"intro\">{}</p>\n",
        sub.join(" · "),
        t.intro,
    );
    money_boxes(out, report, a, t);
    awaiting(out, report, t);
    due_first(out, report, a, t);
    out.push_str("</section>\n");
}

/// Money by direction: three boxes with the sum, how many findings and what the money is.
fn money_boxes(out: &mut String, report: &Report, a: &Answer<'_>, t: &Text) {
    let lang = t.lang;
    let _ = write!(out, "<h2>{}</h2>\n<div class=\"money\">", lang.pick("结论", "The answer"));
    for d in Direction::ALL {
        let m = a.money.get(d);
        let count = match lang {
            Lang::Zh => format!("{} 项", m.finding_ids.len()),
            Lang::En => format!("{} finding{}", m.finding_ids.len(), plural(m.finding_ids.len())),
        };
        let ids = if m.finding_ids.is_empty() {
            String::new()
        } else {
            format!("：{}", escape(&m.finding_ids.join(" ")))
        };
        let _ = write!(
            out,
            "<div class=\"dir dir-{}\"><div class=\"dir-name\">{}</div>\
             <div class=\"dir-sum\">{} <span class=\"unit\">{}</span></div>\
             <div class=\"dir-count\">{count}{}</div><div class=\"dir-note\">{}</div></div>",
            direction_key(d),
            answer_text::direction(lang, d),
            yuan(m.cents),
            t.yuan,
            if lang == Lang::En { ids.replacen('：', ": ", 1) } else { ids },
            answer_text::direction_note(lang, d),
        );
    }
    let total: u64 = report.summary.findings_by_kind.values().sum();
    let _ = writeln!(
        out,
        "</div>\n<p class=\"note\">{}</p>",
        match lang {
            Lang::Zh => format!(
                "共核对 {} 笔交易，发现 {total} 个问题；每个问题只计入一栏，已到账的延迟到账不计入。",
                report.summary.attempts
            ),
            Lang::En => format!(
                "{} transactions checked, {total} findings; each finding counts in one column only, \
                 a late deposit that arrived in none.",
                report.summary.attempts
            ),
        }
    );
}

/// The first few findings to act on, each with its date and first action; overdue ones marked.
fn due_first(out: &mut String, report: &Report, a: &Answer<'_>, t: &Text) {
    let lang = t.lang;
    if report.findings.is_empty() {
        let _ = writeln!(out, "<p class=\"ok\">{}</p>", t.no_findings);
        return;
    }
    if a.actions.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h2>{}</h2>\n<ol class=\"due\">",
        lang.pick("先处理这几件", "Act on these first")
    );
    for x in &a.actions {
        let f = x.finding;
        let overdue = matches!(x.when, When::Overdue { .. });
        let _ = write!(
            out,
            "<li class=\"{}\"><div class=\"due-head\"><span class=\"fid\">{}</span> \
             <strong>{} {}</strong></div><div class=\"due-when\">{}{}</div>",
            if overdue { "overdue" } else { "pending" },
            escape(&f.id),
            labels::kind(lang, f.kind),
            crate::report::money::money(lang, f.amount_cents),
            if overdue { "⚠ " } else { "" },
            escape(&when_and_due(lang, x)),
        );
        if let Some(first) = f.actions.first() {
            let _ = write!(out, "<div class=\"due-what\">{}</div>", escape(first));
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>\n");
    let rest = report.findings.len() - a.actions.len();
    if rest > 0 {
        let _ = writeln!(
            out,
            "<p class=\"note\">{}</p>",
            match lang {
                Lang::Zh => format!("其余 {rest} 项见下文，全部问题按紧急程度排列。"),
                Lang::En => format!("{rest} more below; every finding is listed by urgency."),
            }
        );
    }
}

/// When to act, and the date the money was due in the bank where the finding waits for one.
/// It starts a line, so in English with a capital.
fn when_and_due(lang: Lang, x: &Action<'_>) -> String {
    let when = answer_text::when(lang, x);
    let when = match answer_text::deposit_due(lang, x) {
        Some(due) => format!("{when}{}{due}", lang.pick("；", "; ")),
        None => when,
    };
    let mut chars = when.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

fn awaiting(out: &mut String, report: &Report, t: &Text) {
    let mut awaiting: Vec<&str> = Vec::new();
    for input in report.inputs.iter().filter(|i| i.role_doubt.is_some()) {
        if !awaiting.contains(&input.file.as_str()) {
            awaiting.push(&input.file);
        }
    }
    if !awaiting.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"doubt\">{}</p>",
            escape(&labels::awaiting_role(t.lang, &awaiting))
        );
    }
}

fn direction_key(d: Direction) -> &'static str {
    match d {
        Direction::ToShop => "shop",
        Direction::ToCustomers => "customers",
        Direction::Unconfirmed => "unconfirmed",
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The appendix, last: what the run used (settings, tool), the findings by kind, and every file
/// with its fingerprint and row accounting.
fn appendix(out: &mut String, report: &Report, t: &Text) {
    let s = &report.settings;
    let lang = t.lang;
    let _ = write!(
        out,
        "<section class=\"appendix\">\n<h2>{appendix_l}</h2>\n<dl class=\"meta\">\
         <div><dt>{as_of_l}</dt><dd>{as_of}</dd></div>\
         <div><dt>{gen_l}</dt><dd>{gen}</dd></div>\
         <div><dt>{cycle_l}</dt><dd>{cycle}</dd></div>\
         <div><dt>{wallet_cycle_l}</dt><dd>{wallet_cycle}</dd></div>\
         <div><dt>{cutoff_l}</dt><dd>{cutoff}</dd></div>\
         <div><dt>{attempts_l}</dt><dd>{attempts}</dd></div>\
         <div><dt>{risk_l}</dt><dd>{risk} {yuan_l}</dd></div>\
         </dl>\n",
        appendix_l = lang.pick("附录：文件与设置", "Appendix: files and settings"),
        as_of_l = t.as_of,
        as_of = report.as_of,
        gen_l = t.generated_by,
        gen = escape(&report.generated_by),
        cycle_l = t.cycle,
        cycle = escape(s.settlement_cycle.as_str()),
        wallet_cycle_l = t.wallet_cycle,
        wallet_cycle = escape(s.wallet_payout_cycle.as_str()),
        cutoff_l = t.cutoff,
        cutoff = s.cutoff.format("%H:%M"),
        attempts_l = t.attempts,
        attempts = report.summary.attempts,
        risk_l = t.money_at_risk,
        risk = yuan(report.summary.money_at_risk_cents),
        yuan_l = t.yuan,
    );
    by_kind(out, report, t);
    inputs(out, report, t);
    out.push_str("</section>\n");
}

fn inputs(out: &mut String, report: &Report, t: &Text) {
    let lang = t.lang;
    let _ = write!(
        out,
        "<h3>{}</h3>\n<p class=\"note\">{}</p>\n<table class=\"stack files\">\n<thead><tr>\
         <th>{}</th><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>\
         <th class=\"num\">{}</th><th>SHA-256</th></tr></thead>\n<tbody>\n",
        t.inputs,
        t.inputs_note,
        lang.pick("文件", "File"),
        lang.pick("类型", "Role"),
        lang.pick("时间范围", "Covers"),
        lang.pick("数据行", "Used"),
        lang.pick("跳过行", "Skipped"),
        lang.pick("无法读取", "Rejected"),
    );
    for input in &report.inputs {
        input_row(out, input, t);
    }
    out.push_str("</tbody>\n</table>\n");
}

fn input_row(out: &mut String, input: &Input, t: &Text) {
    let lang = t.lang;
    let mut name = escape(&input.file);
    if let Some(sheet) = &input.sheet {
        let _ = write!(name, " <span class=\"muted\">[{}]</span>", escape(sheet));
    }
    let mut detail = Vec::new();
    if let Some(format) = &input.format {
        detail.push(escape(format));
    }
    if let Some(encoding) = &input.encoding {
        detail.push(escape(encoding));
    }
    detail.push(format!("{} {}", input.bytes, lang.pick("字节", "bytes")));
    match input.header_line {
        Some(0) => detail.push(
            lang.pick("无表头，按已知格式读取", "no header; read by its known layout").to_owned(),
        ),
        Some(line) => detail.push(match lang {
            Lang::Zh => format!("表头在第 {line} 行"),
            Lang::En => format!("header on line {line}"),
        }),
        None => {}
    }
    let role = input.role.map_or("—", |r| labels::role(lang, r));
    let coverage = input
        .coverage
        .map_or_else(|| "—".to_owned(), |c| format!("{} –<br>{}", time(c.start), time(c.end)));
    let _ = write!(
        out,
        "<tr><td class=\"file\">{name}<div class=\"muted small\">{}</div>",
        detail.join(" · ")
    );
    if let Some(error) = labels::file_error(lang, input) {
        let _ = write!(out, "<div class=\"error\">{}</div>", escape(&error));
    }
    proofs(out, input, lang);
    notes(out, input, t, lang);
    let _ = writeln!(
        out,
        "</td><td data-label=\"{}\">{role}</td><td class=\"nowrap\" data-label=\"{}\">{coverage}</td>\
         <td class=\"num\" data-label=\"{}\">{}</td><td class=\"num\" data-label=\"{}\">{}</td>\
         <td class=\"num\" data-label=\"{}\">{}</td><td class=\"hash\" data-label=\"SHA-256\">{}</td></tr>",
        lang.pick("类型", "Role"),
        lang.pick("时间范围", "Covers"),
        lang.pick("数据行", "Used"),
        input.data_rows,
        lang.pick("跳过行", "Skipped"),
        input.skipped_count(),
        lang.pick("无法读取", "Rejected"),
        input.rejected_rows.len(),
        escape(&input.sha256),
    );
}

/// The file's warnings (what was read other than the file says: identifiers Excel mangled,
/// amounts in 分, directions the balance corrected ...; a total that differs is already a proof
/// line) and its rejected rows, at most ten of each, in the report's language.
fn notes(out: &mut String, input: &Input, t: &Text, lang: Lang) {
    let warnings: Vec<&RowNote> = input
        .warnings
        .iter()
        .filter(|n| !matches!(n.note, crate::message::Note::TotalsDiffer { .. }))
        .collect();
    for (notes, class) in
        [(warnings, "doubt small"), (input.rejected_rows.iter().collect(), "muted small")]
    {
        for note in notes.iter().take(10) {
            let text = escape(&labels::note(lang, &note.note));
            let _ = match note.line {
                0 => write!(out, "<div class=\"{class}\">{text}</div>"),
                line => write!(out, "<div class=\"{class}\">{} {line}: {text}</div>", t.line),
            };
        }
        if notes.len() > 10 {
            let _ = write!(out, "<div class=\"{class}\">… +{}</div>", notes.len() - 10);
        }
    }
}

/// What proves or puts in doubt the reading of one file: a role to confirm (no money finding
/// rests on the file until then), the running balance, and the file's own totals.
fn proofs(out: &mut String, input: &Input, lang: Lang) {
    if let Some(doubt) = &input.role_doubt {
        let _ = write!(
            out,
            "<div class=\"doubt\">{}{}{}{}{}</div>",
            labels::role_doubt_heading(lang),
            escape(&labels::role_doubt(lang, input.role, doubt)),
            lang.pick("。", ". "),
            labels::role_doubt_consequence(lang),
            lang.pick("。", "."),
        );
    }
    if let Some(balance) = &input.balance_check {
        let class = if balance.breaks.is_empty() { "ok small" } else { "error small" };
        let _ = write!(
            out,
            "<div class=\"{class}\">{}</div>",
            escape(&labels::balance_summary(lang, balance))
        );
        for b in &balance.breaks {
            let _ = write!(
                out,
                "<div class=\"error small\">{}</div>",
                escape(&labels::balance_break(lang, b))
            );
        }
    }
    if !input.totals_checks.is_empty() {
        let class =
            if input.totals_checks.iter().all(|c| c.agrees) { "ok small" } else { "error small" };
        let checks: Vec<String> =
            input.totals_checks.iter().map(|c| escape(&labels::totals_check(lang, c))).collect();
        let _ = write!(
            out,
            "<div class=\"{class}\">{}{}{}</div>",
            labels::totals_heading(lang),
            lang.pick("：", ": "),
            checks.join(" / ")
        );
    }
}

fn by_kind(out: &mut String, report: &Report, t: &Text) {
    let s = &report.summary;
    if s.findings_by_kind.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h3>{}</h3>\n<table class=\"kinds\"><thead><tr><th>{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        t.findings, t.by_kind, t.count
    );
    for (kind, n) in &s.findings_by_kind {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"num\">{n}</td></tr>",
            labels::kind(t.lang, *kind)
        );
    }
    out.push_str("</tbody></table>\n");
}

/// Every finding, most urgent first (the answer's order), each one kept on one page when it fits.
fn findings(out: &mut String, a: &Answer<'_>, t: &Text) {
    let _ = writeln!(
        out,
        "<section class=\"findings\">\n<h2>{}</h2>\n<p class=\"note\">{} {}</p>",
        t.findings,
        t.lang.pick(
            "按紧急程度排列：严重程度，再看是否逾期、处理日期，再看金额。",
            "By urgency: severity, then overdue or due date, then amount."
        ),
        t.identifiers_note,
    );
    if a.by_urgency.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", t.no_findings);
    }
    // A line's 商户号 is written only where it is not the one merchant page 1 names.
    let merchant = match a.merchant_ids.as_slice() {
        [only] => Some(only.as_str()),
        _ => None,
    };
    for x in &a.by_urgency {
        finding(out, x, merchant, t);
    }
    out.push_str("</section>\n");
}

fn finding(out: &mut String, x: &Action<'_>, merchant: Option<&str>, t: &Text) {
    let lang = t.lang;
    let f = x.finding;
    let sev = labels::severity_key(f.severity);
    let overdue = matches!(x.when, When::Overdue { .. });
    let _ = write!(
        out,
        "<article class=\"finding sev-{sev}\" id=\"{id}\">\n<h3><span class=\"fid\">{id}</span> \
         {kind}<span class=\"badge\">{sev_l} {sev_name}</span></h3>\n<p class=\"ftitle\">{title}</p>\n\
         <dl class=\"facts\"><div><dt>{amount_l}</dt><dd><strong>{amount} {yuan_l}</strong></dd></div>\
         <div class=\"{when_class}\"><dt>{when_l}</dt><dd>{when}</dd></div>",
        id = escape(&f.id),
        kind = labels::kind(lang, f.kind),
        sev_l = t.severity,
        sev_name = labels::severity(lang, f.severity),
        title = escape(&f.title),
        amount_l = t.amount,
        amount = yuan(f.amount_cents),
        yuan_l = t.yuan,
        when_class = if overdue { "overdue" } else { "pending" },
        when_l = lang.pick("处理时限", "When to act"),
        when = escape(&answer_text::when(lang, x)),
    );
    if let Some(d) = x.direction {
        let _ = write!(
            out,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            lang.pick("计入", "Counts as"),
            answer_text::direction(lang, d)
        );
    }
    facts(out, f, t);
    if is_deposit(f.kind) {
        deposit_identifiers(out, f, t);
    }
    let _ = writeln!(out, "<h4>{}</h4>\n<p>{}</p>", t.explanation, escape(&f.explanation));
    list(out, t.actions, &f.actions, "ol");
    list(out, t.evidence, &f.evidence, "ul class=\"evidence\"");
    records(out, &f.records, merchant, t);
    out.push_str("</article>\n");
}

/// The rest of a finding's facts: cause, confidence, incident, dates.
fn facts(out: &mut String, f: &Finding, t: &Text) {
    let lang = t.lang;
    if let Some(cause) = f.cause {
        let _ =
            write!(out, "<div><dt>{}</dt><dd>{}</dd></div>", t.cause, labels::cause(lang, cause));
    }
    let _ = write!(
        out,
        "<div><dt>{}</dt><dd>{}%</dd></div>",
        t.confidence,
        (f.confidence.clamp(0.0, 1.0) * 100.0).round()
    );
    if let Some(incident) = &f.incident_id {
        let _ = write!(out, "<div><dt>{}</dt><dd>{}</dd></div>", t.incident, escape(incident));
    }
    let d = &f.dates;
    if !d.settlement_dates.is_empty() {
        let dates: Vec<String> = d.settlement_dates.iter().map(NaiveDate::to_string).collect();
        let _ =
            write!(out, "<div><dt>{}</dt><dd>{}</dd></div>", t.settlement_dates, dates.join(", "));
    }
    if let Some(date) = d.expected_deposit_date {
        let _ = write!(out, "<div><dt>{}</dt><dd>{date}</dd></div>", t.expected_deposit);
    }
    if let Some(date) = d.escalate_after {
        let _ = write!(out, "<div><dt>{}</dt><dd>{date}</dd></div>", t.escalate_after);
    }
    out.push_str("</dl>\n");
}

/// Deposit findings are about a day's settlement, not a sale.
fn is_deposit(kind: Kind) -> bool {
    matches!(kind, Kind::MissingDeposit | Kind::DepositMismatch | Kind::LateDeposit)
}

/// A deposit finding's box: the settlement it is about (merchant, clearing dates, expected
/// deposit, how many statement lines) and the bank line(s) that paid it, if any.
fn deposit_identifiers(out: &mut String, f: &Finding, t: &Text) {
    let lang = t.lang;
    let is_bank = |r: &&RecordRef| r.role == Role::BankStatement;
    let settled: Vec<&RecordRef> = f.records.iter().filter(|r| !is_bank(r)).collect();
    let merchant = settled
        .first()
        .and_then(|r| r.merchant_id.as_deref())
        .filter(|v| !v.is_empty())
        .map(escape);
    let mut clearing: Vec<NaiveDate> = f.dates.settlement_dates.clone();
    if clearing.is_empty() {
        clearing = settled.iter().filter_map(|r| r.settlement_date).collect();
        clearing.sort_unstable();
        clearing.dedup();
    }
    let clearing = (!clearing.is_empty())
        .then(|| clearing.iter().map(NaiveDate::to_string).collect::<Vec<_>>().join(", "));
    let lines = (!settled.is_empty()).then(|| match lang {
        Lang::Zh => format!("{} 笔", settled.len()),
        Lang::En if settled.len() == 1 => "1 line".to_owned(),
        Lang::En => format!("{} lines", settled.len()),
    });
    let bank: Vec<String> = f
        .records
        .iter()
        .filter(is_bank)
        .map(|r| {
            let when = r.time.map(time).unwrap_or_else(|| "—".to_owned());
            let amount = format!("{} {}", yuan(r.amount_cents), t.yuan);
            match lang {
                Lang::Zh => format!("{when}，{amount}（{} 第 {} 行）", escape(&r.file), r.line),
                Lang::En => format!("{when}, {amount} ({} line {})", escape(&r.file), r.line),
            }
        })
        .collect();
    let bank = if bank.is_empty() {
        lang.pick("没有对应的入账", "no matching credit").to_owned()
    } else {
        bank.join("<br>")
    };
    let rows: Vec<(&str, Option<String>)> = vec![
        (lang.pick("商户号", "Merchant ID"), merchant),
        (t.settlement_dates, clearing),
        (t.expected_deposit, f.dates.expected_deposit_date.map(|d| d.to_string())),
        (lang.pick("结算明细", "Settlement lines"), lines),
        (lang.pick("银行入账", "Bank credit"), Some(bank)),
    ];
    let _ = write!(out, "<h4>{}</h4>\n<table class=\"ids\"><tbody>", t.deposit_identifiers);
    id_rows(out, rows);
    out.push_str("</tbody></table>\n");
}

fn id_rows(out: &mut String, rows: Vec<(&str, Option<String>)>) {
    for (label, value) in rows {
        let _ = write!(
            out,
            "<tr><th>{label}</th><td>{}</td></tr>",
            value.unwrap_or_else(|| "—".to_owned())
        );
    }
}

fn list(out: &mut String, heading: &str, items: &[String], tag: &str) {
    if items.is_empty() {
        return;
    }
    let _ = write!(out, "<h4>{heading}</h4>\n<{tag}>");
    for item in items {
        let _ = write!(out, "<li>{}</li>", escape(item));
    }
    let close = tag.split(' ').next().unwrap_or(tag);
    let _ = writeln!(out, "</{close}>");
}

/// The lines a finding rests on, one row each with every identifier the acquirer, the wallet or
/// the bank asks for (批次号, 凭证号, 参考号, 授权码, 订单号, the wallet's own number, and the 商户号
/// where it is not the one merchant page 1 names), compact enough for an A4 page; on a phone each
/// row stacks, labelled.
fn records(out: &mut String, records: &[RecordRef], merchant: Option<&str>, t: &Text) {
    if records.is_empty() {
        return;
    }
    let lang = t.lang;
    let heads = [
        lang.pick("来源", "Source"),
        lang.pick("交易 / 应答 / 清算", "Transaction / response / clearing"),
        lang.pick("金额(元)", "Amount"),
        lang.pick("终端号", "Terminal"),
        lang.pick(
            "批次号 · 凭证号 · 参考号 · 授权码 · 订单号",
            "Batch · STAN · RRN · auth · order",
        ),
        lang.pick("卡号/钱包", "Card / wallet"),
    ];
    let _ = write!(out, "<h4>{}</h4>\n<table class=\"records stack\"><thead><tr>", t.records);
    for (n, h) in heads.iter().enumerate() {
        let _ = write!(out, "<th{}>{h}</th>", if n == 2 { " class=\"num\"" } else { "" });
    }
    out.push_str("</tr></thead><tbody>");
    for r in records {
        out.push_str("<tr>");
        for (n, (head, cell)) in heads.iter().zip(record_cells(r, merchant, lang)).enumerate() {
            let class = match n {
                0 => " class=\"file\"",
                2 => " class=\"num\"",
                3 | 5 => " class=\"nowrap\"",
                4 => " class=\"ids-cell\"",
                _ => "",
            };
            let _ = write!(out, "<td{class} data-label=\"{head}\">{cell}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>\n");
}

/// One record's cells, escaped, in the order of [`records`]' heads.
fn record_cells(r: &RecordRef, merchant: Option<&str>, lang: Lang) -> [String; 6] {
    let opt = |v: &Option<String>| {
        v.as_deref().filter(|v| !v.is_empty()).map_or_else(|| "—".to_owned(), escape)
    };
    let mut source = escape(&r.file);
    if let Some(sheet) = &r.sheet {
        let _ = write!(source, " [{}]", escape(sheet));
    }
    let line =
        if lang == Lang::Zh { format!("第 {} 行", r.line) } else { format!("line {}", r.line) };
    let source =
        format!("{} · {line}<div class=\"src\">{source}</div>", labels::role(lang, r.role));
    let mut what = vec![format!(
        "{} {}",
        labels::txn_type(lang, r.txn_type),
        r.time.map_or_else(|| "—".to_owned(), time)
    )];
    let code = r.response_code.as_deref().unwrap_or("");
    let text = r.response_text.as_deref().unwrap_or("");
    if !code.is_empty() || !text.is_empty() {
        what.push(escape(format!("{code} {text}").trim()));
    }
    if let Some(date) = r.settlement_date {
        what.push(format!("{} {date}", lang.pick("清算", "cleared")));
    }
    let other_merchant = r.merchant_id.as_ref().filter(|m| Some(m.as_str()) != merchant);
    let ids: Vec<String> = [
        (lang.pick("批次", "batch"), r.batch_no.as_ref()),
        (lang.pick("凭证", "STAN"), r.stan.as_ref()),
        (lang.pick("参考", "RRN"), r.rrn.as_ref()),
        (lang.pick("授权", "auth"), r.auth_code.as_ref()),
        (lang.pick("订单", "order"), r.order_id.as_ref()),
        (lang.pick("微信/支付宝单号", "wallet no."), r.channel_order_id.as_ref()),
        (lang.pick("商户", "MID"), other_merchant),
    ]
    .iter()
    .filter_map(|(label, v)| {
        v.filter(|v| !v.is_empty())
            .map(|v| format!("<span class=\"id\">{label} {}</span>", escape(v)))
    })
    .collect();
    [
        source,
        what.join("<br>"),
        yuan(r.amount_cents),
        opt(&r.terminal_id),
        if ids.is_empty() { "—".to_owned() } else { ids.join(" ") },
        match (&r.card_masked, r.pay_method) {
            (None, Some(m)) if m != PayMethod::Card => labels::pay_method(lang, m).to_owned(),
            _ => opt(&r.card_masked),
        },
    ]
}

fn incidents(out: &mut String, report: &Report, t: &Text) {
    if report.incidents.is_empty() {
        return;
    }
    let _ = writeln!(out, "<section class=\"incidents\">\n<h2>{}</h2>", t.incidents);
    if let Some(svg) = chart::incident_timeline(report, t.lang) {
        let _ = writeln!(out, "<figure class=\"fig\">{svg}</figure>");
    }
    for i in &report.incidents {
        incident(out, i, t);
    }
    out.push_str("</section>\n");
}

/// Deposits expected against received per day, when the bank statement allowed them.
fn deposit_chart(out: &mut String, deposits: &[DepositDay], t: &Text) {
    let Some(svg) = chart::deposit_bars(deposits, t.lang, chart::Embed::Document) else { return };
    let _ = writeln!(
        out,
        "<section class=\"deposits\">\n<h2>{}</h2>\n<figure class=\"fig\">{svg}\
         <figcaption class=\"note\">{}</figcaption></figure>\n</section>",
        t.lang.pick("每日到账", "Deposits per day"),
        t.lang.pick(
            "空心：当天应到账；实心：当天实际到账；标 ≠ 的日子两者不一致。",
            "Hollow: expected that day; solid: received that day; days marked ≠ differ."
        )
    );
}

/// The period's summaries: terminal health (a row per terminal, its note if any) and the cardholder
/// declines profile.
fn period(out: &mut String, report: &Report, t: &Text) {
    let lang = t.lang;
    if report.terminal_health.is_none() && report.cardholder_declines.is_none() {
        return;
    }
    // Name only what the section holds: a QR shop has device health and no card declines.
    let heading = match (report.terminal_health.is_some(), report.cardholder_declines.is_some()) {
        (true, true) => match lang {
            crate::config::Lang::Zh => format!("终端健康与{}", labels::cardholder_declines(lang)),
            crate::config::Lang::En => {
                format!("Terminal health and {}", labels::cardholder_declines(lang).to_lowercase())
            }
        },
        (true, false) => lang.pick("终端健康", "Terminal health").to_owned(),
        _ => labels::cardholder_declines(lang).to_owned(),
    };
    let _ = writeln!(out, "<section class=\"period\">\n<h2>{heading}</h2>");
    if let Some(h) = &report.terminal_health {
        health(out, h, t);
    }
    if let Some(c) = &report.cardholder_declines {
        let _ = writeln!(
            out,
            "<h3>{}{}</h3>\n<p>{}</p>",
            labels::cardholder_declines(lang),
            lang.pick("（仅供参考，未扣款）", " (for information, nothing charged)"),
            escape(&c.summary)
        );
        list(out, lang.pick("怎么跟顾客说", "What to tell customers"), &c.advice, "ul");
    }
    out.push_str("</section>\n");
}

/// Terminal health: the terminal × day chart, a row per terminal, and a terminal's note if any.
fn health(out: &mut String, h: &TerminalHealth, t: &Text) {
    let lang = t.lang;
    if let Some(svg) = chart::terminal_grid(h, lang) {
        let _ = writeln!(
            out,
            "<figure class=\"fig\">{svg}<figcaption class=\"note\">{}</figcaption></figure>",
            lang.pick(
                "每格：超时笔数/交易笔数；颜色越深，当天超时越多。",
                "Each cell: timeouts/attempts; the darker, the more of that day timed out."
            )
        );
    }
    let pct = |r: f64| format!("{:.1}%", r * 100.0);
    let _ = write!(
        out,
        "<p class=\"note\">{} {}</p>\n<div class=\"scroll\"><table>\n<thead><tr><th>{}</th><th class=\"num\">{}</th>\
         <th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>\
         <th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        lang.pick(
            "全店超时率（超时、无应答、结果未知；不等于扣款）：",
            "Shop-wide timeout rate (timeouts, no reply, outcome unknown; not money lost):"
        ),
        pct(h.drop_rate),
        t.terminals,
        lang.pick("交易", "Attempts"),
        lang.pick("成功", "Approved"),
        lang.pick("拒绝", "Declined"),
        lang.pick("超时/未知", "Timeouts"),
        lang.pick("超时率", "Timeout rate"),
        lang.pick("其他终端", "Other terminals"),
    );
    for row in &h.terminals {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td></tr>",
            escape(&row.terminal_id),
            row.attempts,
            row.approved,
            row.declined,
            row.dropped,
            pct(row.drop_rate),
            row.others_drop_rate.map_or_else(|| "—".to_owned(), pct),
        );
    }
    out.push_str("</tbody></table></div>\n");
    for note in h.terminals.iter().filter_map(|r| r.note.as_ref()) {
        let _ = writeln!(out, "<article class=\"incident\">\n<h3>{}</h3>", escape(&note.title));
        list(out, t.evidence, &note.evidence, "ul");
        list(out, t.actions, &note.actions, "ol");
        out.push_str("</article>\n");
    }
}

fn incident(out: &mut String, i: &Incident, t: &Text) {
    let lang = t.lang;
    let terminals = if i.terminal_ids.is_empty() {
        t.all_terminals.to_owned()
    } else {
        escape(&i.terminal_ids.join(", "))
    };
    let codes: Vec<String> =
        i.response_codes.iter().map(|(c, n)| format!("{} ×{n}", escape(c))).collect();
    let _ = write!(
        out,
        "<article class=\"incident\" id=\"{id}\">\n<h3><span class=\"fid\">{id}</span> {title}</h3>\n\
         <dl class=\"facts\"><div><dt>{cause_l}</dt><dd>{cause}</dd></div>\
         <div><dt>{period_l}</dt><dd>{start} – {end}</dd></div>\
         <div><dt>{term_l}</dt><dd>{terminals}</dd></div>\
         <div><dt>{count_l}</dt><dd>{attempts}</dd></div>",
        id = escape(&i.id),
        title = escape(&i.title),
        cause_l = t.cause,
        cause = labels::cause(lang, i.cause),
        period_l = t.period,
        start = time(i.start),
        end = time(i.end),
        term_l = t.terminals,
        count_l = t.count,
        attempts = i.attempts,
    );
    if !codes.is_empty() {
        let _ =
            write!(out, "<div><dt>{}</dt><dd>{}</dd></div>", t.response_codes, codes.join(", "));
    }
    if !i.finding_ids.is_empty() {
        let _ = write!(
            out,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            t.related,
            escape(&i.finding_ids.join(", "))
        );
    }
    out.push_str("</dl>\n");
    list(out, t.evidence, &i.evidence, "ul");
    list(out, t.actions, &i.actions, "ol");
    out.push_str("</article>\n");
}

fn time(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// The document's only styling: readable on screen, on a 390 px phone (tables stack or scroll in
/// their own box, long ids wrap, charts scale) and on A4 paper (page 1 is the answer alone; a
/// finding, a table row or a chart is never cut when it fits a page; table heads repeat).
const STYLE: &str = "\
:root{color-scheme:light}\
*{box-sizing:border-box}\
html{-webkit-text-size-adjust:100%}\
body{margin:0;background:#f3f4f6;color:#111827;font:14px/1.55 -apple-system,\"Segoe UI\",\"PingFang SC\",\"Hiragino Sans GB\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif;overflow-wrap:anywhere}\
.doc{max-width:980px;margin:24px auto;padding:32px 40px;background:#fff;border:1px solid #d1d5db}\
h1{font-size:26px;margin:0 0 4px}\
h2{font-size:18px;margin:26px 0 10px;padding-bottom:4px;border-bottom:2px solid #111827}\
h3{font-size:16px;margin:0 0 6px}\
h4{font-size:13px;margin:12px 0 4px;color:#374151}\
p{margin:6px 0}\
.kicker{display:block;margin:0 0 2px;color:#6b7280;font-size:13px;font-weight:500}\
.sub{color:#374151;font-weight:600}\
.intro{color:#4b5563;font-size:12.5px}\
.money{display:grid;grid-template-columns:repeat(3,1fr);gap:10px;margin:10px 0}\
.dir{border:1px solid #d1d5db;border-top:5px solid #9ca3af;padding:10px 12px}\
.dir-shop{border-top-color:#047857}.dir-customers{border-top-color:#b91c1c}.dir-unconfirmed{border-top-color:#d97706}\
.dir-name{font-weight:600}\
.dir-sum{font-size:24px;font-weight:700;white-space:nowrap}\
.unit{font-size:13px;font-weight:500}\
.dir-count{font-size:12px;color:#374151}\
.dir-note{font-size:11.5px;color:#6b7280;margin-top:4px}\
.due{padding-left:24px}\
.due li{margin:8px 0;padding:6px 8px;border-left:4px solid #d1d5db;break-inside:avoid}\
.due li.overdue{border-left-color:#b91c1c;background:#fef2f2}\
.due-when{font-size:12.5px;color:#374151}\
.overdue .due-when,.facts .overdue dd{color:#b91c1c;font-weight:700}\
.due-what{font-size:12.5px}\
.meta,.facts{display:flex;flex-wrap:wrap;gap:6px 24px;margin:10px 0}\
.meta div,.facts div{min-width:110px}\
dt{font-size:12px;color:#6b7280}\
dd{margin:0;font-weight:600}\
table{width:100%;border-collapse:collapse;margin:6px 0;font-size:12px}\
th,td{border:1px solid #d1d5db;padding:4px 6px;text-align:left;vertical-align:top}\
thead th{background:#f3f4f6;font-weight:600}\
thead{display:table-header-group}\
tr,.fig,.dir{break-inside:avoid}\
.num{text-align:right;white-space:nowrap}\
.nowrap{white-space:nowrap}\
.file,.ids-cell{word-break:break-all}\
.src{font-size:10.5px;color:#6b7280}\
.id{white-space:nowrap;margin-right:6px}\
.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:10.5px;word-break:break-all;max-width:180px}\
.kinds{width:auto;min-width:300px}\
.scroll{overflow-x:auto;max-width:100%}\
.ids{width:100%}\
.ids tbody{display:grid;grid-template-columns:repeat(3,minmax(0,1fr))}\
.ids tr{display:flex;flex-direction:column;border:1px solid #e5e7eb;margin:-1px 0 0 -1px}\
.ids th,.ids td{border:0;padding:2px 8px}\
.ids th{font-size:11.5px;color:#6b7280;font-weight:500;background:none}\
.ids td{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}\
.finding,.incident{border:1px solid #d1d5db;border-left:5px solid #9ca3af;padding:12px 16px;margin:12px 0;break-inside:avoid}\
.sev-high{border-left-color:#b91c1c}\
.sev-medium{border-left-color:#d97706}\
.sev-low{border-left-color:#2563eb}\
.fid{font-family:ui-monospace,Menlo,Consolas,monospace;color:#6b7280;margin-right:6px}\
.badge{display:inline-block;margin-left:10px;padding:0 8px;border:1px solid #9ca3af;border-radius:10px;font-size:12px;font-weight:500}\
.sev-high .badge{border-color:#b91c1c;color:#b91c1c}\
.sev-medium .badge{border-color:#d97706;color:#b45309}\
.ftitle{font-weight:600}\
ul,ol{margin:4px 0;padding-left:22px}\
li{margin:2px 0}\
.evidence{font-size:12px;color:#374151;columns:2 300px;column-gap:24px}\
.evidence li{break-inside:avoid}\
.fig{margin:8px 0}\
.muted{color:#6b7280}\
.small{font-size:11.5px}\
.note{font-size:12px;color:#4b5563}\
.error{color:#b91c1c}\
.ok{color:#047857}\
.doubt{color:#b45309;font-weight:600}\
.appendix{break-before:page}\
.period{break-inside:avoid}\
.foot{margin-top:28px;padding-top:8px;border-top:1px solid #d1d5db;font-size:12px;color:#6b7280}\
@media (max-width:640px){\
.doc{margin:0;padding:16px 14px;border:0}\
h1{font-size:22px}\
.money{grid-template-columns:1fr}\
.ids tbody{grid-template-columns:repeat(2,minmax(0,1fr))}\
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}\
table.stack thead{display:none}\
table.stack tr{border:1px solid #d1d5db;margin:0 0 8px}\
table.stack td{border:0;border-top:1px solid #f3f4f6;text-align:left;white-space:normal}\
.evidence{columns:1}\
table.stack td[data-label]{display:flow-root;padding-left:104px}\
table.stack td[data-label]::before{content:attr(data-label);float:left;width:96px;margin-left:-98px;padding-top:2px;font-size:11px;line-height:1.4;color:#6b7280;font-family:-apple-system,\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif}\
.hash{max-width:none}\
.kinds{min-width:0}\
.finding,.incident{padding:10px 10px}}\
@page{size:A4;margin:10mm 11mm}\
@media print{body{background:#fff;font-size:11px;line-height:1.45}.doc{margin:0;padding:0;border:0;max-width:none}\
.front{break-after:page}\
h2,h3,h4{break-after:avoid-page}\
.records{font-size:9.5px;line-height:1.3}.records td,.records th{padding:2px 4px}.src{font-size:9px}\
.evidence{font-size:10px}h4{margin:5px 0 1px;font-size:11.5px}.facts{margin:4px 0;gap:0 18px}dt{font-size:10px}\
h3{margin:0 0 2px}p{margin:3px 0}li{margin:1px 0}.ftitle{margin:2px 0}\
.finding,.incident{margin:6px 0;padding:6px 10px}a{color:inherit}}";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Kind;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(escape("a&b \"c\" 'd'"), "a&amp;b &quot;c&quot; &#39;d&#39;");
        assert_eq!(escape("\u{202e}00.085\u{2066}1\u{2069}"), "[U+202E]00.085[U+2066]1[U+2069]");
    }

    #[test]
    fn a_files_proofs_show_breaks_and_totals_that_disagree() {
        let input: Input = serde_json::from_str(
            r#"{"file": "银行流水.csv", "sheet": null, "sha256": "00", "bytes": 10,
                "format": "csv", "encoding": "utf-8", "role": "bank_statement",
                "role_confidence": 0.9, "dialect": null, "header_line": 1, "data_rows": 42,
                "skipped_rows": [], "rejected_rows": [], "coverage": null, "columns": {},
                "balance_check": {"column": "余额", "lines": 42, "confirmed": 41,
                    "order": "oldest_first", "breaks": [{"line": 17, "previous_line": 16,
                    "expected_cents": 188409, "stated_cents": 187409}]},
                "totals_checks": [
                    {"line": 45, "measure": "count", "stated": 42, "read": 42, "agrees": true},
                    {"line": 0, "source": "汇总<1>.csv", "measure": "credit", "stated": 282650,
                     "read": 272650, "agrees": false}]}"#,
        )
        .unwrap();
        let mut out = String::new();
        proofs(&mut out, &input, Lang::Zh);
        assert_eq!(
            out,
            "<div class=\"error small\">余额不连续：41/42 行核对一致，第 17 行前后对不上</div>\
             <div class=\"error small\">第 17 行：按前一笔（第 16 行）应为 1,884.09 元，文件写 \
             1,874.09 元</div>\
             <div class=\"error small\">文件合计核对：笔数 42 一致（第 45 行） / 收入不一致：文件写 \
             2,826.50 元，读到 2,726.50 元，差 100.00 元（汇总文件「汇总&lt;1&gt;.csv」）</div>"
        );
    }

    /// The report of `files` as of 2026-11-20, in `lang`.
    fn report_of(files: &[(&str, &str)], lang: Lang) -> Report {
        let files: Vec<crate::config::SourceFile> =
            files.iter().map(|(name, text)| crate::config::SourceFile::new(*name, *text)).collect();
        let mut options =
            crate::config::Options::new(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
        options.lang = lang;
        crate::analyze(&files, &options)
    }

    /// The settlement box of the deposit finding of `kind` in the report of `files`, rows as
    /// `label=value`.
    fn ids_box(files: &[(&str, &str)], kind: Kind, lang: Lang) -> Vec<String> {
        let report = report_of(files, lang);
        let f = report.findings.iter().find(|f| f.kind == kind).unwrap_or_else(|| {
            panic!(
                "no {kind:?} in {:?}",
                report.findings.iter().map(|f| f.kind).collect::<Vec<_>>()
            )
        });
        let mut out = String::new();
        deposit_identifiers(&mut out, f, &Text::new(lang));
        out.split("<tr>")
            .skip(1)
            .map(|row| {
                let cell = |tag: &str| {
                    let from = row.find(&format!("<{tag}>")).unwrap() + tag.len() + 2;
                    row[from..from + row[from..].find(&format!("</{tag}>")).unwrap()].to_owned()
                };
                format!("{}={}", cell("th"), cell("td"))
            })
            .collect()
    }

    /// A timeout that was charged anyway (no 参考号 or 授权码 on the terminal), and the approved
    /// retry (授权码 222222) a minute later, both settled.
    const DUP_TERMINAL: &str = "\
交易时间,终端号,批次号,凭证号,参考号,授权码,卡号,交易类型,交易金额(元),应答码,应答信息
2026-11-10 19:20:05,10086602,000015,000009,,,622588******7710,消费,268.00,,交易超时
2026-11-10 19:21:30,10086602,000015,000010,300000000011,222222,622588******7710,消费,268.00,00,交易成功
";
    const DUP_ACQUIRER: &str = "\
商户号,终端号,交易日期,交易时间,交易类型,批次号,凭证号,参考号,卡号,交易金额,手续费,结算金额,清算日期
898440358120014,10086602,2026-11-10,19:20:05,消费,000015,000009,300000000010,622588******7710,268.00,1.02,266.98,2026-11-10
898440358120014,10086602,2026-11-10,19:21:30,消费,000015,000010,300000000011,622588******7710,268.00,1.02,266.98,2026-11-10
";

    #[test]
    fn each_record_row_carries_its_own_identifiers() {
        let report =
            report_of(&[("terminal.csv", DUP_TERMINAL), ("acquirer.csv", DUP_ACQUIRER)], Lang::Zh);
        let f = report.findings.iter().find(|f| f.kind == Kind::DuplicateCharge).unwrap();
        let mut out = String::new();
        records(&mut out, &f.records, Some("898440358120014"), &Text::new(Lang::Zh));
        let ids: Vec<&str> = out
            .split("data-label=\"批次号 · 凭证号 · 参考号 · 授权码 · 订单号\">")
            .skip(1)
            .map(|cell| &cell[..cell.find("</td>").unwrap()])
            .collect();
        let id = |label: &str, v: &str| format!("<span class=\"id\">{label} {v}</span>");
        // The failed charge's terminal line has no 参考号 or 授权码; its settlement line has the
        // acquirer's 参考号; the retry has its own 授权码. No row borrows another's, and the one
        // merchant is not repeated on every row.
        assert_eq!(
            ids,
            [
                format!("{} {}", id("批次", "000015"), id("凭证", "000009")),
                format!(
                    "{} {} {}",
                    id("批次", "000015"),
                    id("凭证", "000009"),
                    id("参考", "300000000010")
                ),
                format!(
                    "{} {} {} {}",
                    id("批次", "000015"),
                    id("凭证", "000010"),
                    id("参考", "300000000011"),
                    id("授权", "222222")
                ),
                format!(
                    "{} {} {}",
                    id("批次", "000015"),
                    id("凭证", "000010"),
                    id("参考", "300000000011")
                ),
            ]
        );
    }

    /// Two clearing days; the bank paid the first (short by 10.00) and not the second.
    const DEPOSIT_ACQUIRER: &str = "\
商户号,终端号,交易日期,交易时间,交易类型,凭证号,参考号,卡号,交易金额,手续费,结算金额,清算日期
898440358120014,10086602,2026-11-09,10:02:11,消费,000101,311090500101,436742******5521,268.00,1.02,266.98,2026-11-09
898440358120014,10086602,2026-11-09,15:20:05,消费,000102,311090500102,621226******8429,1580.00,6.00,1574.00,2026-11-09
898440358120014,10086602,2026-11-10,09:45:30,消费,000103,311100500103,622848******1234,45.50,0.17,45.33,2026-11-10
";
    const DEPOSIT_BANK: &str = "\
交易日期,交易时间,摘要,借方发生额,贷方发生额,余额,对方户名,对方账号,附言
2026-11-10,08:30:12,POS结算,,1830.98,11830.98,银联商务股份有限公司,310066632018000001234,898440358120014
2026-11-13,10:00:00,转账支出,500.00,,11330.98,张三,6222020000000000001,房租
";

    #[test]
    fn a_deposit_finding_shows_the_settlement_and_the_bank_line_not_a_sale() {
        let files = [("acquirer.csv", DEPOSIT_ACQUIRER), ("bank.csv", DEPOSIT_BANK)];
        // No sale's 终端号, 凭证号 or card: the day's settlement and what the bank paid for it.
        assert_eq!(
            ids_box(&files, Kind::DepositMismatch, Lang::Zh),
            [
                "商户号=898440358120014",
                "清算日期=2026-11-09",
                "预计到账日期=2026-11-10",
                "结算明细=2 笔",
                "银行入账=2026-11-10 08:30:12，1,830.98 元（bank.csv 第 2 行）",
            ]
        );
        assert_eq!(
            ids_box(&files, Kind::MissingDeposit, Lang::En),
            [
                "Merchant ID=898440358120014",
                "Clearing dates=2026-11-10",
                "Expected deposit=2026-11-11",
                "Settlement lines=1 line",
                "Bank credit=no matching credit",
            ]
        );
    }

    #[test]
    fn yuan_groups_thousands() {
        assert_eq!(yuan(158000), "1,580.00");
        assert_eq!(yuan(123456789), "1,234,567.89");
        assert_eq!(yuan(-5), "-0.05");
    }
}
