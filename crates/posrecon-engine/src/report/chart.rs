//! The report's charts as inline SVG (issue 14): pure functions of the [`Report`] returning one
//! `<svg>` element each, for the owner's HTML report and, later, the page.
//!
//! Why SVG strings: the HTML report is one self-contained file that needs no script to read, so a
//! chart cannot be drawn by code in the reader's browser; an SVG written into the document prints
//! sharp, scales with its `viewBox` to a 390 px phone (`width="100%"`, no fixed pixel width) and
//! costs nothing to load. Each chart carries a `<title>` and `<desc>` (the text alternative a
//! screen reader or a text-only mail client shows) and writes its numbers as text beside the
//! colours, so it reads in black-and-white print too. Every text from the files (terminal ids) is
//! escaped here; the SVG is otherwise built from numbers and fixed words.
//!
//! Deposits expected against received per day ([`deposit_bars`]) are drawn from
//! [`crate::report::steps::deposit_days`], not from the report: the report carries the amounts of
//! problem deposits only (in their findings), not of every clearing day. A host that keeps the
//! matched files (the page's worker, the CLI) computes the days and passes them in.
//!
//! The page embeds these charts under a strict Content-Security-Policy (no `style=` attribute):
//! the `*_for` functions take an [`Embed`]; [`Embed::Page`] leaves the inline `max-width` out (the
//! page's stylesheet sizes `.chart`), [`Embed::Document`] keeps it for the self-contained report.

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime};

use crate::config::Lang;
use crate::report::html::escape;
use crate::report::money::money;
use crate::report::steps::DepositDay;
use crate::report::{Cause, Incident, Report, TerminalHealth, labels};

/// Where a chart goes: the self-contained HTML report (inline `max-width` style) or the page
/// (classes only, for its CSP).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embed {
    /// The owner's HTML report.
    Document,
    /// The web page.
    Page,
}

/// Width of a day's column in the terminal grid (SVG units).
const CELL_W: u32 = 46;
/// Height of a terminal's row.
const CELL_H: u32 = 26;
/// Room for the terminal ids on the left.
const LABEL_W: u32 = 84;
/// Room for the day labels on top.
const HEAD_H: u32 = 22;

/// The terminal × day grid of timeout rates: one row per terminal, one column per day, each cell
/// shaded by its share of attempts that timed out (darker is worse, scaled to the worst cell) and
/// labelled `timeouts/attempts`. `None` without terminal health or days.
pub fn terminal_grid(health: &TerminalHealth, lang: Lang) -> Option<String> {
    terminal_grid_for(health, lang, Embed::Document)
}

/// [`terminal_grid`] for `embed`.
pub fn terminal_grid_for(health: &TerminalHealth, lang: Lang, embed: Embed) -> Option<String> {
    let mut days: Vec<NaiveDate> =
        health.terminals.iter().flat_map(|t| t.days.iter().map(|d| d.0)).collect();
    days.sort_unstable();
    days.dedup();
    if days.is_empty() {
        return None;
    }
    let worst = health
        .terminals
        .iter()
        .flat_map(|t| &t.days)
        .filter(|d| d.1 > 0)
        .map(|d| d.4 as f64 / d.1 as f64)
        .fold(0.0_f64, f64::max);
    let width = LABEL_W + CELL_W * days.len() as u32 + 4;
    let height = HEAD_H + CELL_H * health.terminals.len() as u32 + 4;
    let title = lang.pick("各终端每日超时率", "Timeout rate per terminal and day");
    let desc = grid_desc(health, lang);
    let mut out = open(width, height, title, &desc, embed);
    for (col, day) in days.iter().enumerate() {
        let x = LABEL_W + CELL_W * col as u32 + CELL_W / 2;
        let _ = write!(
            out,
            "<text x=\"{x}\" y=\"15\" text-anchor=\"middle\" class=\"c-axis\">{}</text>",
            day.format("%m-%d")
        );
    }
    for (row, t) in health.terminals.iter().enumerate() {
        let y = HEAD_H + CELL_H * row as u32;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"c-label\">{}</text>",
            LABEL_W - 6,
            y + CELL_H / 2 + 4,
            escape(&clip(&t.terminal_id, 12)),
        );
        for (col, day) in days.iter().enumerate() {
            let x = LABEL_W + CELL_W * col as u32;
            let cell = t.days.iter().find(|d| d.0 == *day);
            grid_cell(&mut out, x, y, cell.map(|d| (d.1, d.4)), worst, &t.terminal_id, *day, lang);
        }
    }
    out.push_str("</svg>");
    Some(out)
}

/// One cell of the grid: shade, `dropped/attempts`, and a hover title.
#[allow(clippy::too_many_arguments)]
fn grid_cell(
    out: &mut String,
    x: u32,
    y: u32,
    counts: Option<(u64, u64)>,
    worst: f64,
    terminal: &str,
    day: NaiveDate,
    lang: Lang,
) {
    let (attempts, dropped) = counts.unwrap_or((0, 0));
    let rate = if attempts > 0 { dropped as f64 / attempts as f64 } else { 0.0 };
    let fill = if attempts == 0 {
        "#ffffff".to_owned()
    } else if dropped == 0 {
        "#ecfdf5".to_owned()
    } else {
        shade(if worst > 0.0 { rate / worst } else { 0.0 })
    };
    let text = if attempts == 0 { "—".to_owned() } else { format!("{dropped}/{attempts}") };
    let dark = dropped > 0 && worst > 0.0 && rate / worst > 0.6;
    let hover = match lang {
        Lang::Zh => format!("终端 {} {day}：{attempts} 笔交易，{dropped} 笔超时", escape(terminal)),
        Lang::En => {
            format!("Terminal {} {day}: {attempts} attempts, {dropped} timed out", escape(terminal))
        }
    };
    let _ = write!(
        out,
        "<g><title>{hover}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" \
         stroke=\"#d1d5db\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"c-cell{}\">{text}</text></g>",
        x + 1,
        y + 1,
        CELL_W - 2,
        CELL_H - 2,
        x + CELL_W / 2,
        y + CELL_H / 2 + 4,
        if dark { " c-on-dark" } else { "" },
    );
}

/// The grid's text alternative: each terminal's rate over the period, the worst day named.
fn grid_desc(health: &TerminalHealth, lang: Lang) -> String {
    let mut parts = Vec::new();
    for t in &health.terminals {
        let worst = t
            .days
            .iter()
            .filter(|d| d.4 > 0)
            .max_by(|a, b| (a.4 * b.1).cmp(&(b.4 * a.1)).then_with(|| b.0.cmp(&a.0)));
        let pct = format!("{:.1}%", t.drop_rate * 100.0);
        let id = clip(&t.terminal_id, 24);
        parts.push(match (lang, worst) {
            (Lang::Zh, Some(w)) => {
                format!("终端 {id} 超时率 {pct}，最多在 {}（{}/{}）", w.0, w.4, w.1)
            }
            (Lang::Zh, None) => format!("终端 {id} 没有超时"),
            (Lang::En, Some(w)) => {
                format!("terminal {id} {pct} timed out, most on {} ({}/{})", w.0, w.4, w.1)
            }
            (Lang::En, None) => format!("terminal {id} no timeouts"),
        });
    }
    escape(&parts.join(lang.pick("；", "; ")))
}

/// Incidents on a timeline over the days the files cover: one row per incident, a bar from its
/// first to its last attempt, labelled with its id and cause. `None` without incidents.
pub fn incident_timeline(report: &Report, lang: Lang) -> Option<String> {
    incident_timeline_for(report, lang, Embed::Document)
}

/// [`incident_timeline`] for `embed`.
pub fn incident_timeline_for(report: &Report, lang: Lang, embed: Embed) -> Option<String> {
    if report.incidents.is_empty() {
        return None;
    }
    let first = report.incidents.iter().map(|i| i.start.date()).min()?;
    let last = report.incidents.iter().map(|i| i.end.date()).max()?;
    let (from, to) = report
        .inputs
        .iter()
        .filter_map(|i| i.coverage)
        .fold((first, last), |(f, t), c| (f.min(c.start.date()), t.max(c.end.date())));
    let days = (to - from).num_days() as u32 + 1;
    let day_w = (560 / days).clamp(12, 80);
    let width = LABEL_W + 40 + day_w * days + 4;
    let height = HEAD_H + 22 * report.incidents.len() as u32 + 6;
    let title = lang.pick("事件时间线", "Incidents on a timeline");
    let desc = timeline_desc(&report.incidents, lang);
    let mut out = open(width, height, title, &desc, embed);
    let x0 = LABEL_W + 40;
    let step = (days / 10).max(1);
    for d in (0..days).step_by(step as usize) {
        let day = from + chrono::Duration::days(i64::from(d));
        let x = x0 + day_w * d;
        let _ = write!(
            out,
            "<line x1=\"{x}\" y1=\"{HEAD_H}\" x2=\"{x}\" y2=\"{}\" stroke=\"#e5e7eb\"/>\
             <text x=\"{x}\" y=\"15\" class=\"c-axis\">{}</text>",
            height - 4,
            day.format("%m-%d")
        );
    }
    let at = |t: NaiveDateTime| {
        let minutes = (t - from.and_hms_opt(0, 0, 0).unwrap_or_default()).num_minutes().max(0);
        x0 + (minutes as u64 * u64::from(day_w) / 1440) as u32
    };
    for (row, i) in report.incidents.iter().enumerate() {
        let y = HEAD_H + 22 * row as u32 + 4;
        let (x1, x2) = (at(i.start), at(i.end).max(at(i.start) + 4));
        let _ = write!(
            out,
            "<g><title>{} {} {} – {}</title>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"c-label\">{} {}</text>\
             <rect x=\"{x1}\" y=\"{y}\" width=\"{}\" height=\"14\" rx=\"2\" fill=\"{}\"/></g>",
            escape(&i.id),
            labels::cause(lang, i.cause),
            i.start.format("%Y-%m-%d %H:%M"),
            i.end.format("%Y-%m-%d %H:%M"),
            x0 - 6,
            y + 11,
            escape(&clip(&i.id, 6)),
            labels::cause(lang, i.cause),
            x2 - x1,
            cause_colour(i.cause),
        );
    }
    out.push_str("</svg>");
    Some(out)
}

/// Height of the deposit bars' plot area.
const BAR_H: u32 = 120;
/// Width of a day's pair of bars.
const DAY_W: u32 = 44;

/// Deposits expected against received per day: for each day a hollow bar (the net the clearing
/// days due that day come to) beside a solid one (what the bank statement shows arriving that
/// day for settled days), both scaled to the largest; a day where they differ is marked `≠` above
/// its pair, so a late, short or missing payout shows without reading colours. `None` without
/// days.
pub fn deposit_bars(days: &[DepositDay], lang: Lang, embed: Embed) -> Option<String> {
    if days.is_empty() {
        return None;
    }
    let top = days.iter().map(|d| d.expected_cents.max(d.received_cents)).max()?.max(1);
    let (left, head) = (8, 34);
    let width = left + DAY_W * days.len() as u32 + 8;
    let height = head + BAR_H + 22;
    let title = lang.pick("每日应到账与实际到账", "Deposits expected and received per day");
    let desc = deposit_desc(days, lang);
    let mut out = open(width, height, title, &desc, embed);
    let _ = write!(
        out,
        "<rect x=\"{left}\" y=\"6\" width=\"10\" height=\"10\" fill=\"#ffffff\" stroke=\"#374151\"/>\
         <text x=\"{}\" y=\"15\" class=\"c-axis\">{}</text>\
         <rect x=\"{}\" y=\"6\" width=\"10\" height=\"10\" fill=\"#1d4ed8\"/>\
         <text x=\"{}\" y=\"15\" class=\"c-axis\">{}</text>",
        left + 14,
        lang.pick("应到账", "expected"),
        left + 84,
        left + 98,
        lang.pick("实际到账", "received"),
    );
    let scale = |cents: i64| (cents.max(0) as u64 * u64::from(BAR_H) / top as u64) as u32;
    for (col, day) in days.iter().enumerate() {
        let x = left + DAY_W * col as u32;
        let base = head + BAR_H;
        let (e, r) = (scale(day.expected_cents), scale(day.received_cents));
        let _ = write!(
            out,
            "<g><title>{}</title>\
             <rect x=\"{}\" y=\"{}\" width=\"16\" height=\"{e}\" fill=\"#ffffff\" stroke=\"#374151\"/>\
             <rect x=\"{}\" y=\"{}\" width=\"16\" height=\"{r}\" fill=\"#1d4ed8\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"c-axis\">{}</text>",
            deposit_day_text(day, lang),
            x + 4,
            base - e,
            x + 22,
            base - r,
            x + DAY_W / 2,
            base + 15,
            day.date.format("%m-%d"),
        );
        if day.expected_cents != day.received_cents {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"c-label\">≠</text>",
                x + DAY_W / 2,
                base - e.max(r) - 3,
            );
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    Some(out)
}

/// One day in words: `11-12 应到账 1,234.00 元，实际到账 3,266.76 元`.
fn deposit_day_text(day: &DepositDay, lang: Lang) -> String {
    let (e, r) = (money(lang, day.expected_cents), money(lang, day.received_cents));
    match lang {
        Lang::Zh => format!("{} 应到账 {e}，实际到账 {r}", day.date.format("%m-%d")),
        Lang::En => format!("{}: expected {e}, received {r}", day.date.format("%m-%d")),
    }
}

/// The bars' text alternative: every day whose expected and received amounts differ, or that all
/// matched.
fn deposit_desc(days: &[DepositDay], lang: Lang) -> String {
    let off: Vec<String> = days
        .iter()
        .filter(|d| d.expected_cents != d.received_cents)
        .map(|d| deposit_day_text(d, lang))
        .collect();
    if off.is_empty() {
        return lang
            .pick("每天到账金额都与应到账一致", "every day received what was expected")
            .into();
    }
    off.join(lang.pick("；", "; "))
}

fn timeline_desc(incidents: &[Incident], lang: Lang) -> String {
    let parts: Vec<String> = incidents
        .iter()
        .map(|i| {
            format!(
                "{} {} {} – {}",
                clip(&i.id, 6),
                labels::cause(lang, i.cause),
                i.start.format("%m-%d %H:%M"),
                i.end.format("%m-%d %H:%M")
            )
        })
        .collect();
    escape(&parts.join(lang.pick("；", "; ")))
}

/// The opening `<svg>` with its title and description (both already escaped or fixed words).
fn open(width: u32, height: u32, title: &str, desc: &str, embed: Embed) -> String {
    // The document caps a full-width chart at its drawn size with an inline style; the page,
    // which allows none, gives the drawn size a quarter larger as the width attribute and lets
    // its stylesheet shrink it to a narrow screen (`max-width: 100%; height: auto`).
    let size = match embed {
        Embed::Document => format!("width=\"100%\" style=\"max-width:{width}px\""),
        Embed::Page => format!("width=\"{}\" height=\"{}\"", width * 5 / 4, height * 5 / 4),
    };
    format!(
        "<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" \
         {size} role=\"img\" aria-label=\"{title}\">\
         <title>{title}</title><desc>{desc}</desc>"
    )
}

/// A red of strength `t` (0..1), light to dark, that stays distinct in grey print.
fn shade(t: f64) -> String {
    let t = t.clamp(0.0, 1.0);
    let mix = |light: f64, dark: f64| (light + (dark - light) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(254.0, 153.0), mix(226.0, 27.0), mix(226.0, 27.0))
}

fn cause_colour(cause: Cause) -> &'static str {
    match cause {
        Cause::Network | Cause::Signal => "#2563eb",
        Cause::BankSystem | Cause::WalletSystem | Cause::Issuer => "#7c3aed",
        Cause::Terminal => "#b91c1c",
        Cause::Operator => "#d97706",
        Cause::Cardholder | Cause::Unknown => "#6b7280",
    }
}

/// At most `n` characters of a file's text, `…` when cut (a chart label has little room).
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        s.chars().take(n - 1).chain(['…']).collect()
    } else {
        s.to_owned()
    }
}

/// The charts' styles, for the document that embeds them.
pub const STYLE: &str = "\
.chart{display:block;height:auto;margin:8px 0;font-family:inherit}\
.chart .c-axis{font-size:11px;fill:#4b5563}\
.chart .c-label{font-size:12px;fill:#111827}\
.chart .c-cell{font-size:11px;fill:#111827}\
.chart .c-on-dark{fill:#ffffff}";

#[cfg(test)]
mod tests {
    use super::*;

    fn health(json: &str) -> TerminalHealth {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_grid_has_a_cell_per_terminal_and_day_and_escapes_ids() {
        let h = health(
            r#"{"drop_rate": 0.1, "terminals": [
                {"terminal_id": "<b>T1</b>", "attempts": 10, "approved": 8, "declined": 0,
                 "dropped": 2, "drop_rate": 0.2,
                 "days": [["2026-11-09", 5, 5, 0, 0], ["2026-11-10", 5, 3, 0, 2]]},
                {"terminal_id": "T2", "attempts": 4, "approved": 4, "declined": 0,
                 "dropped": 0, "drop_rate": 0.0, "days": [["2026-11-10", 4, 4, 0, 0]]}]}"#,
        );
        let svg = terminal_grid(&h, Lang::Zh).unwrap();
        assert_eq!(svg.matches("<rect").count(), 4, "2 terminals × 2 days");
        assert!(svg.contains(">2/5</text>"));
        assert!(svg.contains(">—</text>"), "a day without attempts says so");
        assert!(svg.contains("&lt;b&gt;T1&lt;/b&gt;"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("<title>各终端每日超时率</title>"));
        assert!(svg.contains("终端 &lt;b&gt;T1&lt;/b&gt; 超时率 20.0%，最多在 2026-11-10（2/5）"));
        // The worst cell is the darkest.
        assert!(svg.contains(&format!("fill=\"{}\"", shade(1.0))));
    }

    #[test]
    fn deposit_bars_mark_the_days_that_differ_and_say_them() {
        let day = |d: &str, e: i64, r: i64| DepositDay {
            date: NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap(),
            expected_cents: e,
            received_cents: r,
        };
        let days = [
            day("2026-11-10", 200_000, 0),
            day("2026-11-11", 50_000, 50_000),
            day("2026-11-12", 0, 200_000),
        ];
        let svg = deposit_bars(&days, Lang::Zh, Embed::Page).unwrap();
        assert_eq!(svg.matches(">≠</text>").count(), 2, "11-10 and 11-12 differ, 11-11 does not");
        assert!(svg.contains("<desc>11-10 应到账 2,000.00 元，实际到账 0.00 元；11-12 应到账 0.00 元，实际到账 2,000.00 元</desc>"));
        assert!(!svg.contains("style="), "the page's CSP allows no style attribute");
        assert!(deposit_bars(&[], Lang::Zh, Embed::Page).is_none());
        let doc = deposit_bars(&days, Lang::En, Embed::Document).unwrap();
        assert!(doc.contains("style=\"max-width:"));
        assert!(doc.contains("<title>Deposits expected and received per day</title>"));
    }

    #[test]
    fn shades_run_from_light_to_dark_red() {
        assert_eq!(shade(0.0), "#fee2e2");
        assert_eq!(shade(1.0), "#991b1b");
    }
}
