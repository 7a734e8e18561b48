//! The short plain text about the whole run for a chat (WeChat), issue 14: what the owner or the
//! bank's account manager reads pasted into a chat, so a few short lines, no markdown, no table,
//! at most [`MAX_CHARS`] characters.
//!
//! It says the [`answer`](crate::report::answer) in words: who (merchant name and 商户号), the
//! period the files cover, money by direction, then the most urgent findings one line each (id,
//! kind, amount, when it happened and on which terminal, or the clearing date for a deposit, and
//! when to act) and how many more the report holds. Text from the files (a merchant name, a
//! terminal id) is written as it is (a chat shows text, it runs nothing), except that control
//! characters become spaces (a file cannot add lines of its own), bidirectional controls are shown
//! as `[U+202E]` (they would reorder what the reader sees) and each is cut at 40 characters.

use std::fmt::Write as _;

use crate::config::Lang;
use crate::report::answer::{self, Action, Direction, text};
use crate::report::bidi::show_bidi_controls;
use crate::report::money::money;
use crate::report::{Kind, Report, labels};

/// The text stays under this many characters (Unicode scalar values) for any report.
pub const MAX_CHARS: usize = 800;

/// The chat text of the whole run, in the report's language.
pub fn render(report: &Report) -> String {
    let lang = labels::report_lang(&report.lang);
    let a = answer::answer(report);
    let mut out = String::new();
    head(&mut out, &a, lang);
    if report.findings.is_empty() {
        out.push_str(lang.pick("没有发现需要处理的问题。\n", "Nothing needs attention.\n"));
        return clip(out);
    }
    for d in Direction::ALL {
        let m = a.money.get(d);
        if m.finding_ids.is_empty() {
            continue;
        }
        let _ = match lang {
            Lang::Zh => writeln!(
                out,
                "{}：{}（{} 项）",
                text::direction(lang, d),
                money(lang, m.cents),
                m.finding_ids.len()
            ),
            Lang::En => writeln!(
                out,
                "{}: {} ({})",
                text::direction(lang, d),
                money(lang, m.cents),
                m.finding_ids.len()
            ),
        };
    }
    if !a.actions.is_empty() {
        out.push_str(lang.pick("先处理：\n", "First:\n"));
    }
    for (n, action) in a.actions.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", n + 1, line(lang, action));
    }
    let more = report.findings.len() - a.actions.len();
    if more > 0 {
        let _ = match lang {
            Lang::Zh => writeln!(out, "另有 {more} 项，详见报告。"),
            Lang::En => writeln!(out, "{more} more in the report."),
        };
    }
    clip(out)
}

/// Who and when: `掉单核对 示例便利店（商户号 898440358120014）` and the period.
fn head(out: &mut String, a: &answer::Answer<'_>, lang: Lang) {
    out.push_str(lang.pick("【掉单核对】", "[Payment check]"));
    let names = a.merchant_names.iter().map(|n| one_line(n)).collect::<Vec<_>>().join("、");
    let ids = a.merchant_ids.iter().map(|n| one_line(n)).collect::<Vec<_>>().join(", ");
    match (names.is_empty(), ids.is_empty(), lang) {
        (false, false, Lang::Zh) => {
            let _ = write!(out, "{names}（商户号 {ids}）");
        }
        (false, false, Lang::En) => {
            let _ = write!(out, " {names} (merchant ID {ids})");
        }
        (false, true, Lang::Zh) => out.push_str(&names),
        (false, true, Lang::En) => {
            let _ = write!(out, " {names}");
        }
        (true, false, Lang::Zh) => {
            let _ = write!(out, "商户号 {ids}");
        }
        (true, false, Lang::En) => {
            let _ = write!(out, " merchant ID {ids}");
        }
        (true, true, _) => {}
    }
    out.push('\n');
    if let Some(p) = a.period {
        let span = text::period(lang, p.start.date(), p.end.date());
        let _ = match lang {
            Lang::Zh => writeln!(out, "文件期间：{span}，核对日 {}", a.as_of),
            Lang::En => writeln!(out, "Files cover {span}, as of {}", a.as_of),
        };
    }
}

/// One finding in one line: id, kind, amount, when and where it happened, when to act.
fn line(lang: Lang, action: &Action<'_>) -> String {
    let f = action.finding;
    let mut parts = vec![format!("{} {}", f.id, f.kind.label(lang)), money(lang, f.amount_cents)];
    let deposit =
        matches!(f.kind, Kind::MissingDeposit | Kind::DepositMismatch | Kind::LateDeposit);
    if deposit {
        if let Some(date) = f.dates.settlement_dates.first() {
            parts.push(format!("{}{date}", lang.pick("清算日 ", "cleared ")));
        }
    } else if let Some(r) = f.records.first() {
        if let Some(t) = r.time {
            parts.push(t.format("%m-%d %H:%M").to_string());
        }
        if let Some(tid) = r.terminal_id.as_deref().filter(|t| !t.is_empty()) {
            parts.push(format!("{}{}", lang.pick("终端 ", "terminal "), one_line(tid)));
        }
    }
    parts.push(text::when(lang, action));
    parts.join(lang.pick("，", ", "))
}

/// File text on one line, at most 40 characters: a chat line cannot be broken or flooded by it.
/// Bidirectional controls, which would make a chat show text in another order than it is
/// written, are shown as `[U+202E]` by the one function every export uses.
fn one_line(s: &str) -> String {
    let flat: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let flat = show_bidi_controls(flat.trim());
    if flat.chars().count() > 40 {
        flat.chars().take(39).chain(['…']).collect()
    } else {
        flat.into_owned()
    }
}

/// Keeps whole lines while the text fits [`MAX_CHARS`].
fn clip(text: String) -> String {
    if text.chars().count() <= MAX_CHARS {
        return text;
    }
    let mut out = String::new();
    for line in text.lines() {
        if out.chars().count() + line.chars().count() + 2 > MAX_CHARS {
            out.push_str("…\n");
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_names_the_merchant_as_the_files_give_it() {
        let mut report = crate::report::answer::tests::demo_report();
        let first_line = |report: &Report| render(report).lines().next().unwrap().to_owned();
        // The demo's files name it (商户名称 and 商户号 above the header).
        assert_eq!(first_line(&report), "【掉单核对】示例便利店（商户号 898440358120014）");
        // Files that name no merchant: the 商户号 on the findings' lines.
        report.merchant = crate::report::Merchant::default();
        assert_eq!(first_line(&report), "【掉单核对】商户号 898440358120014");
        report.merchant.names = vec!["示例便利店".to_owned()];
        report.merchant.merchant_ids = vec!["898440358120014".to_owned()];
        report.lang = "en".to_owned();
        assert_eq!(first_line(&report), "[Payment check] 示例便利店 (merchant ID 898440358120014)");
    }

    #[test]
    fn file_text_stays_on_one_short_line() {
        assert_eq!(one_line("示例\n便利店\u{202e}"), "示例 便利店[U+202E]");
        assert_eq!(one_line(&"x".repeat(100_000)).chars().count(), 40);
    }

    #[test]
    fn a_long_text_is_cut_at_a_line() {
        let long = "一二三四五\n".repeat(400);
        let cut = clip(long);
        assert!(cut.chars().count() <= MAX_CHARS);
        assert!(cut.ends_with("…\n"));
    }
}
