//! The short plain text about one finding for a chat (WeChat), issue 14: a few lines a merchant
//! pastes to the acquirer's or the bank's account manager.
//!
//! It renders the same [`case::Case`] as the case sheet ([`super::sheet`]), so every identifier
//! the sheet gives for the transactions concerned is in the text too (a test checks this for
//! every finding of the golden reports). Plain text only: no markdown, no tables, one fact per
//! line, at most [`MAX_CHARS`] characters, in the report's language. Identifiers the transactions
//! of a double charge share (终端号, 批次号, 卡号, 清算日期) are written once, before them.
//! File text is cleaned by [`case::clean`] (no control characters, bidirectional controls shown as
//! `[U+202E]` as every export shows them, identifiers clipped).
//!
//! ## Staying within [`MAX_CHARS`]
//! No word or sentence is ever cut: when the text is too long, whole lines are left out, in this
//! order (the last line of a round first): the title (line 1 already gives the kind and the
//! amount; a title longer than [`TITLE_CHARS`] is left out in any case), the further requests
//! (the POS provider, then the acquirer's fallback or the bank), the bank statements checked, the
//! transactions, the identifiers they share, the merchant. Line 1, the payout and the request
//! with its deadline always stay; the case sheet has everything.

use crate::config::Lang;
use crate::report::Report;
use crate::report::case::{self, Case, Id, Transaction, clean, words};

/// Longest text for one finding, in characters.
pub const MAX_CHARS: usize = 500;
/// A title longer than this (file text in it) is left out whole rather than cut.
pub const TITLE_CHARS: usize = 200;

/// The chat text of finding `finding_id`, or `None` when the report has no such finding.
pub fn render(report: &Report, finding_id: &str) -> Option<String> {
    let case = case::of(report, finding_id)?;
    Some(text(&case))
}

/// In which round a line is left out to keep the text within [`MAX_CHARS`] (lower first; the
/// last line of a round first); `None` for the lines that always stay (line 1 with the kind and
/// amount, the payout, the request with its deadline).
type Drop = Option<u8>;
/// The title line: line 1 already gives the kind and the amount.
const DROP_TITLE: Drop = Some(0);
/// The further requests (the fallback, the bank, the POS provider): the sheet has them.
const DROP_ALSO: Drop = Some(1);
/// The bank statements checked.
const DROP_BANK: Drop = Some(2);
/// The transactions (the last first), then the identifiers they share.
const DROP_TXN: Drop = Some(3);
const DROP_SHARED: Drop = Some(4);
/// The merchant's names and 商户号.
const DROP_MERCHANT: Drop = Some(5);

fn text(case: &Case) -> String {
    let w = words(case.lang);
    let f = case.finding;
    let head = format!(
        "{}{} {}",
        (w.chat_head)(&f.id),
        f.kind.label(case.lang),
        (w.money)(f.amount_cents)
    );
    // (line, when it may be left out), in reading order.
    let mut lines: Vec<(String, Drop)> = vec![(head, None)];
    // A title is never cut: one longer than TITLE_CHARS is left out whole.
    let title = clean(&f.title, usize::MAX);
    if !title.is_empty() && title.chars().count() <= TITLE_CHARS {
        lines.push((title, DROP_TITLE));
    }
    lines.extend(merchant_line(case).map(|m| (m, DROP_MERCHANT)));
    lines.extend(transaction_lines(case));
    if let Some(p) = &case.payout {
        lines.push(((w.payout_line)(case, p), None));
    }
    lines.extend(bank_line(case).map(|b| (b, DROP_BANK)));
    let mut request = (w.request_line)(case);
    if let Some(deadline) = case::deadline(case) {
        request.push_str(case.lang.pick("", " "));
        request.push_str(&deadline);
    }
    lines.push((request, None));
    lines.extend((w.also_lines)(case).into_iter().map(|a| (a, DROP_ALSO)));
    while joined(&lines).chars().count() + 1 > MAX_CHARS {
        // The lowest round's last line; none left to drop means it fits as well as it can.
        let Some(at) =
            (0..lines.len()).rev().filter(|&i| lines[i].1.is_some()).min_by_key(|&i| lines[i].1)
        else {
            break;
        };
        lines.remove(at);
    }
    joined(&lines) + "\n"
}

fn joined(lines: &[(String, Drop)]) -> String {
    lines.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>().join("\n")
}

fn sep(lang: Lang) -> &'static str {
    lang.pick("，", ", ")
}

fn colon(lang: Lang) -> &'static str {
    lang.pick("：", ": ")
}

fn merchant_line(case: &Case) -> Option<String> {
    let w = words(case.lang);
    let m = &case.merchant;
    let mut parts = Vec::new();
    if !m.names.is_empty() {
        parts.push(format!("{} {}", w.merchant_name, m.names.join(" / ")));
    }
    if !m.merchant_ids.is_empty() {
        parts.push(format!("{} {}", w.merchant_id_short, m.merchant_ids.join(" / ")));
    }
    (!parts.is_empty()).then(|| parts.join(sep(case.lang)))
}

/// The identifiers every listed transaction gives with the same value (when there are several),
/// time and amount left out.
fn common(case: &Case) -> Vec<(Id, String)> {
    let [first, rest @ ..] = case.transactions.as_slice() else { return Vec::new() };
    if rest.is_empty() {
        return Vec::new();
    }
    first
        .identifiers(case.lang)
        .into_iter()
        .filter(|(id, _)| !matches!(id, Id::Time | Id::Amount))
        .filter(|id| rest.iter().all(|t| t.identifiers(case.lang).contains(id)))
        .collect()
}

fn transaction_lines(case: &Case) -> Vec<(String, Drop)> {
    let w = words(case.lang);
    let shared = common(case);
    let mut lines = Vec::new();
    if !shared.is_empty() {
        let ids: Vec<String> =
            shared.iter().map(|(id, v)| format!("{} {v}", (w.short)(*id))).collect();
        lines.push((ids.join(sep(case.lang)), DROP_SHARED));
    }
    let several = case.transactions.len() > 1;
    for (n, t) in case.transactions.iter().enumerate() {
        let line = transaction_line(case.lang, t, several.then_some(n + 1), &shared);
        lines.push((line, DROP_TXN));
    }
    if case.more_transactions > 0 {
        lines.push(((w.more)(case.more_transactions), None));
    }
    lines
}

fn transaction_line(
    lang: Lang,
    t: &Transaction,
    number: Option<usize>,
    shared: &[(Id, String)],
) -> String {
    let w = words(lang);
    let mut head = number.map(|n| format!("{n}. ")).unwrap_or_default();
    if let Some(part) = case::part_label(lang, t) {
        head.push_str(part);
        head.push_str(colon(lang));
    }
    let ids: Vec<String> = t
        .identifiers(lang)
        .into_iter()
        .filter(|id| !shared.contains(id))
        .map(|(id, v)| match id {
            Id::Time | Id::Amount => v,
            _ => format!("{} {v}", (w.short)(id)),
        })
        .collect();
    head + &ids.join(sep(lang))
}

fn bank_line(case: &Case) -> Option<String> {
    let w = words(case.lang);
    if case.payout.is_none() && case.bank_lines.is_empty() {
        return None;
    }
    let mut parts: Vec<String> = case.bank_files.iter().map(|c| (w.covered)(c)).collect();
    let lines: Vec<String> = case.bank_lines.iter().map(|b| (w.bank_line)(b)).collect();
    parts.push(if lines.is_empty() {
        w.no_bank_line.to_owned()
    } else {
        lines.join(sep(case.lang))
    });
    Some(format!("{}{}{}", w.bank, colon(case.lang), parts.join(case.lang.pick("；", "; "))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Report;

    fn demo() -> Report {
        let text = include_str!("../../../../tests/golden/demo-week/expected.json");
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn the_text_of_a_double_charge_says_which_charge_to_give_back_with_its_ids() {
        let text = render(&demo(), "F0002").unwrap();
        assert!(text.chars().count() <= MAX_CHARS, "{text}");
        for wanted in [
            "F0002",
            "268.00 元",
            "终端号 10086603",
            "批次号 000012",
            "卡号 622588******7710",
            "应退还的一笔：2026-11-10 19:20:05",
            "凭证号 000309",
            "参考号 309140500133",
            "保留的一笔：2026-11-10 19:21:30",
            "参考号 309140500140",
            "授权码 990174",
            "请向收单机构",
            "请向 POS 服务商",
            "退货",
        ] {
            assert!(text.contains(wanted), "{wanted} missing from\n{text}");
        }
        assert!(!text.contains('|') && !text.contains('#'), "no markdown or tables");
    }

    #[test]
    fn a_missing_deposit_names_no_sale_and_asks_for_the_payout_record() {
        let text = render(&demo(), "F0004").unwrap();
        assert!(!text.contains("309140500147"), "a sale of the day is not the case:\n{text}");
        assert!(!text.contains("518710******2208"), "{text}");
        for wanted in ["清算日期 2026-11-11", "预计到账 2026-11-12", "没有对应的入账", "出款流水"]
        {
            assert!(text.contains(wanted), "{wanted} missing from\n{text}");
        }
        let bank = "银行流水_20261101-20261120.csv（2026-11-09 至 2026-11-18）；没有对应的入账";
        assert!(text.contains(bank), "{text}");
    }

    #[test]
    fn file_text_comes_out_plain_short_and_in_reading_order() {
        let mut report = demo();
        let f = &mut report.findings[0];
        f.title = format!("\u{202e}=HYPERLINK(\"x\")\t{}", "长".repeat(100_000));
        let r = &mut f.records[0];
        r.response_text = Some("\"><img src=x onerror=alert(1)>".to_owned());
        r.terminal_id = Some(format!("\r@SUM(1)\u{2066}{}", "9".repeat(100_000)));
        report.merchant.names = vec!["<script>alert(1)</script>\u{202e}".to_owned()];
        let text = render(&report, "F0001").unwrap();
        assert!(text.chars().count() <= MAX_CHARS, "{} characters", text.chars().count());
        for c in ['\u{202e}', '\u{2066}', '\t', '\r'] {
            assert!(!text.contains(c), "{c:?} got through:\n{text}");
        }
        // Plain text stays what it said (a chat does not run it); the long id is clipped.
        assert!(text.contains("@SUM(1)") && text.contains('…'), "{text}");
        assert!(text.contains("<script>alert(1)</script>"), "{text}");
    }

    #[test]
    fn a_long_title_is_left_out_whole_not_cut() {
        let mut report = demo();
        report.lang = "en".to_owned();
        report.findings[0].title =
            "Dropped sale: the terminal showed \"交易超时\" at 2026-11-09 10:05:40, \
            but CNY 1,580.00 was charged and settled by the acquirer"
                .to_owned();
        let text = render(&report, "F0001").unwrap();
        assert!(text.chars().count() <= MAX_CHARS, "{text}");
        assert!(!text.contains("Dropped sale") && !text.contains('…'), "{text}");
        assert!(text.contains("Ask the POS provider: check the terminal's network"), "{text}");
    }

    /// Lines go whole, in the documented order: the title, then the further requests (the last
    /// first), the bank line, the transactions; line 1 and the request always stay.
    #[test]
    fn lines_are_left_out_whole_in_order() {
        for lang in ["zh", "en"] {
            for n in 0..120 {
                let mut report = demo();
                report.lang = lang.to_owned();
                report.findings[1].title = "Short title".to_owned();
                report.merchant.names = (0..n).map(|i| format!("Shop {i}")).collect();
                let text = render(&report, "F0002").unwrap();
                assert!(text.chars().count() <= MAX_CHARS, "{n} {lang}: {text}");
                let has = |s: &str| text.contains(s);
                let (fallback, pos) = match lang {
                    "zh" => ("原终端无法", "POS 服务商"),
                    _ => ("cannot void", "POS provider"),
                };
                assert!(!has("Short title") || (has(fallback) && has(pos)), "{n} {lang}: {text}");
                assert!(!has(pos) || has(fallback), "the last further request goes first: {text}");
                assert!(has("F0002") && has(if lang == "zh" { "本店办理" } else { "In the shop" }));
                for line in text.lines() {
                    assert!(!line.ends_with('…'), "a line cut: {line}");
                }
            }
        }
    }

    #[test]
    fn bidi_controls_are_shown_as_in_the_exports() {
        let mut report = demo();
        report.findings[0].records[0].terminal_id = Some("1008\u{202e}6602".to_owned());
        let text = render(&report, "F0001").unwrap();
        assert!(text.contains("1008[U+202E]6602"), "{text}");
        let sheet = crate::report::sheet::render(&report, "F0001").unwrap();
        assert!(sheet.contains("1008[U+202E]6602"));
        let shown =
            crate::report::table::sheet_text(crate::config::Lang::Zh, "1008\u{202e}6602", 0);
        assert_eq!(shown, "1008[U+202E]6602", "the same as the CSV and XLSX");
    }

    #[test]
    fn unknown_findings_have_no_text() {
        assert_eq!(render(&demo(), "F9999"), None);
    }
}
