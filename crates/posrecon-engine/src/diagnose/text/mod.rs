//! Merchant-facing wording shared by the rules: money, times, identifiers, outcomes.
//!
//! A merchant acts on a finding by finding the receipt (签购单) or calling the acquirer, and both
//! need the identifiers exactly as the files print them: 终端号, 批次号, 凭证号, 参考号, time,
//! amount, card last 4. Every rule names them through these helpers so the wording stays the
//! same across findings. Money is formatted from integer fen, never through floats.

use chrono::{NaiveDate, NaiveDateTime};

use crate::config::Lang;
use crate::matcher::ident;
use crate::model::{Outcome, Record};

/// The English words of every finding and incident.
pub(crate) mod en;
/// The words of QR payments shared by findings, incidents and `check`.
pub(crate) mod qr;
/// The Chinese words of every finding and incident (merchant-facing, reviewed as one file).
pub(crate) mod zh;

/// Money from integer fen, `1,580.00 元` / `CNY 1,580.00`: one formatter below every stage.
pub(crate) use crate::report::money::{money, yuan};

/// `2026-11-09 10:05:40`, or a placeholder when the file had no time.
pub(crate) fn time(lang: Lang, t: Option<NaiveDateTime>) -> String {
    match t {
        Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        None => lang.pick("（时间未知）", "(time unknown)").to_owned(),
    }
}

/// `2026-11-09`, or `—` when there is no date.
pub(crate) fn date(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".to_owned(), |d| d.to_string())
}

/// The last step of a missing payout's advice: escalate if it has not arrived by `after`, or,
/// when `after` is already past on `as_of`, escalate now (a past date is never given as a
/// deadline still to come). `whom` is who answers in writing (收单机构 / the acquirer), empty for
/// "them".
pub(crate) fn escalation(
    lang: Lang,
    after: Option<NaiveDate>,
    as_of: NaiveDate,
    whom: (&str, &str),
) -> String {
    let Some(after) = after else {
        return match lang {
            Lang::Zh => format!("如果一直没有到账，要求{}书面答复并投诉升级。", whom.0),
            Lang::En => format!(
                "If it never arrives, ask {} for a written answer and escalate.",
                or_them(whom.1)
            ),
        };
    };
    match (lang, after < as_of) {
        (Lang::Zh, false) => format!("如果到 {after} 仍未到账，要求{}书面答复并投诉升级。", whom.0),
        (Lang::Zh, true) => {
            format!("已过 {after} 仍未到账：现在就要求{}书面答复并投诉升级。", whom.0)
        }
        (Lang::En, false) => format!(
            "If it has not arrived by {after}, ask {} for a written answer and escalate.",
            or_them(whom.1)
        ),
        (Lang::En, true) => format!(
            "{after} has passed and it has not arrived: ask {} for a written answer and escalate now.",
            or_them(whom.1)
        ),
    }
}

fn or_them(whom: &str) -> &str {
    if whom.is_empty() { "them" } else { whom }
}

/// `2026-11-01 至 2026-11-09` / `2026-11-01 to 2026-11-09`: a range of dates, both ends included.
pub(crate) fn date_range(lang: Lang, first: NaiveDate, last: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("{first} 至 {last}"),
        Lang::En => format!("{first} to {last}"),
    }
}

/// `1 分 25 秒` / `1 min 25 s`.
pub(crate) fn duration(lang: Lang, secs: i64) -> String {
    let secs = secs.abs();
    let (m, s) = (secs / 60, secs % 60);
    match (lang, m) {
        (Lang::Zh, 0) => format!("{s} 秒"),
        (Lang::Zh, _) => format!("{m} 分 {s} 秒"),
        (Lang::En, 0) => format!("{s} s"),
        (Lang::En, _) => format!("{m} min {s} s"),
    }
}

/// The first of the records that carries the field.
fn first<'a>(
    records: &[&'a Record],
    field: impl Fn(&'a Record) -> Option<&'a str>,
) -> Option<&'a str> {
    records.iter().find_map(|r| field(r))
}

/// Identifiers of a transaction, merged from several records of it (first one wins per field):
/// `终端号 10086602，批次号 000012，凭证号 001002，参考号 309140500028，卡号尾号 1234`.
pub(crate) fn ids(lang: Lang, records: &[&Record]) -> String {
    let fields: [(&str, &str, Option<&str>); 5] = [
        ("终端号", "terminal", first(records, |r| ident(&r.terminal_id))),
        ("批次号", "batch", first(records, |r| ident(&r.batch_no))),
        ("凭证号", "STAN", first(records, |r| ident(&r.stan))),
        ("参考号", "RRN", first(records, |r| ident(&r.rrn))),
        ("卡号尾号", "card ending", first(records, |r| r.card_last4())),
    ];
    let parts: Vec<String> = fields
        .iter()
        .filter_map(|(zh, en, value)| value.map(|v| format!("{} {v}", lang.pick(zh, en))))
        .collect();
    parts.join(lang.pick("，", ", "))
}

/// Everything the acquirer asks for when a merchant calls about one transaction (§4c of the
/// domain notes): 商户号, 终端号, 批次号, 凭证号, 参考号, 授权码, time, amount, card.
pub(crate) fn contact_details(lang: Lang, records: &[&Record]) -> String {
    let time_value = records.iter().find_map(|r| r.time).map(|t| time(lang, Some(t)));
    let amount = records.first().map(|r| money(lang, r.amount_cents));
    let card =
        first(records, |r| r.card_masked.as_deref().map(str::trim).filter(|s| !s.is_empty()));
    let fields: [(&str, &str, Option<String>); 9] = [
        ("商户号", "merchant id", first(records, |r| ident(&r.merchant_id)).map(str::to_owned)),
        ("终端号", "terminal id", first(records, |r| ident(&r.terminal_id)).map(str::to_owned)),
        ("批次号", "batch", first(records, |r| ident(&r.batch_no)).map(str::to_owned)),
        ("凭证号", "STAN", first(records, |r| ident(&r.stan)).map(str::to_owned)),
        ("参考号", "RRN", first(records, |r| ident(&r.rrn)).map(str::to_owned)),
        ("授权码", "auth code", first(records, |r| ident(&r.auth_code)).map(str::to_owned)),
        ("交易时间", "time", time_value),
        ("金额", "amount", amount),
        ("卡号", "card", card.map(str::to_owned)),
    ];
    let parts: Vec<String> = fields
        .iter()
        .filter_map(|(zh, en, value)| {
            value.as_ref().map(|v| match lang {
                Lang::Zh => format!("{zh} {v}"),
                Lang::En => format!("{en} {v}"),
            })
        })
        .collect();
    parts.join(lang.pick("、", ", "))
}

/// What the terminal showed for an attempt: `显示「交易超时」（应答码 98）`.
pub(crate) fn terminal_result(lang: Lang, r: &Record) -> String {
    let text = r.response_text.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let code = r.response_code.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let code_part = code.map(|c| match lang {
        Lang::Zh => format!("（应答码 {c}）"),
        Lang::En => format!(" (response code {c})"),
    });
    let code_part = code_part.unwrap_or_default();
    match (lang, r.outcome, text) {
        (Lang::Zh, _, Some(t)) => format!("显示「{t}」{code_part}"),
        (Lang::En, _, Some(t)) => format!("showed \"{t}\"{code_part}"),
        (Lang::Zh, Outcome::Unknown, None) => format!("没有收到银行应答{code_part}"),
        (Lang::En, Outcome::Unknown, None) => format!("got no reply from the bank{code_part}"),
        (Lang::Zh, Outcome::Declined, None) => format!("显示交易被拒绝{code_part}"),
        (Lang::En, Outcome::Declined, None) => format!("showed the sale as declined{code_part}"),
        (Lang::Zh, Outcome::Approved, None) => format!("显示交易成功{code_part}"),
        (Lang::En, Outcome::Approved, None) => format!("showed the sale as approved{code_part}"),
    }
}

/// `收单对账单.csv 第 5 行` / `acquirer.csv line 5`.
pub(crate) fn location(lang: Lang, file: &str, line: u32) -> String {
    match lang {
        Lang::Zh => format!("{file} 第 {line} 行"),
        Lang::En => format!("{file} line {line}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_escalation_date_already_past_says_escalate_now() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let who = ("收单机构", "the acquirer");
        let cases = [
            (
                Lang::Zh,
                "2026-11-10",
                "如果到 2026-11-13 仍未到账，要求收单机构书面答复并投诉升级。",
            ),
            (
                Lang::Zh,
                "2026-11-13",
                "如果到 2026-11-13 仍未到账，要求收单机构书面答复并投诉升级。",
            ),
            (
                Lang::Zh,
                "2026-11-20",
                "已过 2026-11-13 仍未到账：现在就要求收单机构书面答复并投诉升级。",
            ),
            (
                Lang::En,
                "2026-11-20",
                "2026-11-13 has passed and it has not arrived: ask the acquirer for a written answer and escalate now.",
            ),
        ];
        for (lang, as_of, said) in cases {
            assert_eq!(escalation(lang, Some(d("2026-11-13")), d(as_of), who), said, "{as_of}");
        }
        assert_eq!(
            escalation(Lang::En, Some(d("2026-11-13")), d("2026-11-10"), ("", "")),
            "If it has not arrived by 2026-11-13, ask them for a written answer and escalate."
        );
    }

    #[test]
    fn yuan_groups_thousands_without_floats() {
        let cases = [
            (0, "0.00"),
            (5, "0.05"),
            (158000, "1,580.00"),
            (123456789, "1,234,567.89"),
            (100000, "1,000.00"),
            (-2550, "-25.50"),
        ];
        for (cents, expected) in cases {
            assert_eq!(yuan(cents), expected);
        }
        assert_eq!(money(Lang::Zh, 158000), "1,580.00 元");
        assert_eq!(money(Lang::En, 158000), "CNY 1,580.00");
    }
}
