//! The answer's words, Chinese and English in one place: the owner's HTML report and the run's
//! chat text name directions and due dates the same way.

use chrono::NaiveDate;

use crate::config::Lang;
use crate::model::PayMethod;
use crate::report::answer::{Action, Direction, When};
use crate::report::{Finding, Kind, Severity};

/// Name of a direction: 应收未收 / 应退顾客 / 待确认.
pub fn direction(lang: Lang, direction: Direction) -> &'static str {
    match direction {
        Direction::ToShop => lang.pick("应收未收", "Owed to the shop"),
        Direction::ToCustomers => lang.pick("应退顾客", "Owed to customers"),
        Direction::Unconfirmed => lang.pick("待确认", "Not yet known"),
    }
}

/// One line under a direction's sum, saying what it holds.
pub fn direction_note(lang: Lang, direction: Direction) -> &'static str {
    match direction {
        Direction::ToShop => lang.pick(
            "已卖出但还没到账的钱：向收单机构或银行追回",
            "Earned but not received: claim it from the acquirer or the bank",
        ),
        Direction::ToCustomers => lang.pick(
            "多收了顾客的钱：核实后退给顾客",
            "Taken from customers in excess: refund once confirmed",
        ),
        Direction::Unconfirmed => lang.pick(
            "钱已动，但归谁要先核实（顾客是否另付、对账单是否已出）",
            "Money moved, but whose it is needs checking first",
        ),
    }
}

/// When to act on a finding: `已逾期 8 天（2026-11-17 后应联系收单机构）`, `尽快处理`,
/// `2026-11-30 后仍未解决再联系`, `今天 2026-11-30 是最后等待日，明天仍未解决再联系收单机构`, or
/// `不急，知悉即可` for a low finding with no date. The state is [`super::when`]'s, the one rule
/// every text follows; [`when_sentence`] is the same words as a sentence.
pub fn when(lang: Lang, action: &Action<'_>) -> String {
    match (action.when, action.escalate_after, lang) {
        (When::Overdue { days }, Some(date), Lang::Zh) => {
            format!("已逾期 {days} 天（{date} 后应联系{}）", whom(lang, action.finding))
        }
        (When::Overdue { days }, Some(date), Lang::En) => {
            let unit = if days == 1 { "day" } else { "days" };
            format!(
                "overdue by {days} {unit} (contact {} after {date})",
                whom(lang, action.finding)
            )
        }
        (When::Due, Some(date), Lang::Zh) => {
            format!("今天 {date} 是最后等待日，明天仍未解决再联系{}", whom(lang, action.finding))
        }
        (When::Due, Some(date), Lang::En) => {
            let whom = whom(lang, action.finding);
            format!("today {date} is the last day to wait; if unresolved tomorrow, contact {whom}")
        }
        (When::Later, Some(date), Lang::Zh) => format!("{date} 后仍未解决再联系"),
        (When::Later, Some(date), Lang::En) => format!("if unresolved after {date}, follow up"),
        // A low or info finding has nothing pressing (a deposit that arrived late, a fee below
        // the contract): worth knowing, no rush.
        (_, _, lang) if matches!(action.finding.severity, Severity::Low | Severity::Info) => {
            lang.pick("不急，知悉即可", "no rush").to_owned()
        }
        (_, _, lang) => lang.pick("尽快处理", "act now").to_owned(),
    }
}

/// [`when`] as a sentence of its own (the case sheet's and the finding's chat text's deadline):
/// in English with a capital, and a full stop.
pub fn when_sentence(lang: Lang, action: &Action<'_>) -> String {
    let phrase = when(lang, action);
    match lang {
        Lang::Zh => format!("{phrase}。"),
        Lang::En => {
            let mut chars = phrase.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or_default();
            format!("{first}{}.", chars.as_str())
        }
    }
}

/// The date the money should have reached the bank, for a finding about a deposit or an outcome
/// that waits for one: `应于 2026-11-12 到账` / `due in the bank 2026-11-12`.
pub fn deposit_due(lang: Lang, action: &Action<'_>) -> Option<String> {
    let waits = matches!(
        action.finding.kind,
        Kind::MissingDeposit | Kind::DepositMismatch | Kind::LateDeposit | Kind::PendingOutcome
    );
    let date = action.expected_deposit_date.filter(|_| waits)?;
    Some(match lang {
        Lang::Zh => format!("应于 {date} 到账"),
        Lang::En => format!("due in the bank {date}"),
    })
}

/// Who to contact about a finding once its date has passed: the acquirer, or the wallet whose
/// payment it is (微信支付 / 支付宝), and the bank too for a deposit.
fn whom(lang: Lang, finding: &Finding) -> &'static str {
    let wallet = finding.records.iter().find_map(|r| match r.pay_method {
        Some(PayMethod::Wechat) => Some(PayMethod::Wechat),
        Some(PayMethod::Alipay) => Some(PayMethod::Alipay),
        _ => None,
    });
    let deposit =
        matches!(finding.kind, Kind::MissingDeposit | Kind::DepositMismatch | Kind::LateDeposit);
    match (wallet, deposit) {
        (Some(PayMethod::Wechat), false) => lang.pick("微信支付", "WeChat Pay"),
        (Some(PayMethod::Wechat), true) => lang.pick("微信支付或银行", "WeChat Pay or the bank"),
        (Some(_), false) => lang.pick("支付宝", "Alipay"),
        (Some(_), true) => lang.pick("支付宝或银行", "Alipay or the bank"),
        (None, true) => lang.pick("收单机构或银行", "the acquirer or the bank"),
        (None, false) => lang.pick("收单机构", "the acquirer"),
    }
}

/// `2026-11-08 至 2026-11-18` / `2026-11-08 to 2026-11-18`.
pub fn period(lang: Lang, start: NaiveDate, end: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("{start} 至 {end}"),
        Lang::En => format!("{start} to {end}"),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::report::answer::action;

    /// A finding of `kind` overdue since 2026-11-17 as of 2026-11-25, on a line paid by `paid`.
    fn overdue(kind: &str, paid: Option<&str>) -> Finding {
        let paid = paid.map_or(String::new(), |p| format!(r#", "pay_method": "{p}""#));
        serde_json::from_str(&format!(
            r#"{{"id": "F0001", "kind": "{kind}", "severity": "high", "amount_cents": 8800,
                "confidence": 0.9, "cause": null, "incident_id": null, "title": "", "explanation": "",
                "records": [{{"file": "a.csv", "sheet": null, "line": 2, "role": "wallet_bill",
                    "time": null, "amount_cents": 8800, "type": "sale"{paid}}}],
                "dates": {{"settlement_dates": [], "expected_deposit_date": "2026-11-12",
                    "escalate_after": "2026-11-17"}},
                "evidence": [], "actions": []}}"#
        ))
        .unwrap()
    }

    #[test]
    fn an_overdue_finding_names_whom_to_contact() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let cases = [
            ("charged_but_failed", None, Lang::Zh, "已逾期 8 天（2026-11-17 后应联系收单机构）"),
            (
                "charged_but_failed",
                Some("wechat"),
                Lang::Zh,
                "已逾期 8 天（2026-11-17 后应联系微信支付）",
            ),
            (
                "missing_deposit",
                Some("alipay"),
                Lang::Zh,
                "已逾期 8 天（2026-11-17 后应联系支付宝或银行）",
            ),
            (
                "missing_deposit",
                None,
                Lang::En,
                "overdue by 8 days (contact the acquirer or the bank after 2026-11-17)",
            ),
        ];
        for (kind, paid, lang, want) in cases {
            let f = overdue(kind, paid);
            assert_eq!(when(lang, &action(&f, as_of)), want, "{kind} {paid:?}");
        }
        let f = overdue("missing_deposit", None);
        assert_eq!(
            deposit_due(Lang::Zh, &action(&f, as_of)).as_deref(),
            Some("应于 2026-11-12 到账")
        );
        let f = overdue("charged_but_failed", None);
        assert_eq!(deposit_due(Lang::Zh, &action(&f, as_of)), None);
    }
}
