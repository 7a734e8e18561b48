//! Facts shared by the deposit rules (`missing_deposit`, `deposit_mismatch`, `late_deposit`,
//! `wallet_payout`, `fee_mismatch`), and the one place they pick a language ([`say`]): which
//! clearing dates, which bank lines (and which credit the bank took back), where a record is, and
//! why a bank statement cannot prove money missing. The rules compute these facts; the words are
//! in `text::zh::deposit` and `text::en::deposit`, one function per finding, same names in both.

use chrono::{Duration, NaiveDate};

use super::super::Context;
use crate::matcher::deposit::{Deposit, Reversal, SEARCH_DAYS, SettledDay, from_person};
use crate::model::{Role, TxnType};
use crate::report::{FindingDates, RecordRef, Severity};

/// Most acquirer rows a deposit finding lists (the evidence gives the totals).
const MAX_ROWS_LISTED: usize = 30;

pub(crate) use super::Words;
pub(crate) use super::say;

/// Where a record is: the file's name and the 1-based line, as a person finds it.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    pub(crate) file: String,
    pub(crate) line: u32,
}

/// The [`Place`] of a record.
pub(crate) fn place(ctx: &Context, idx: usize) -> Place {
    Place { file: ctx.file_name(idx).to_owned(), line: ctx.records[idx].line }
}

/// A bank line as a person finds it: where, when, which way, how much, from or to whom, memo.
#[derive(Debug, Clone)]
pub(crate) struct BankLine {
    pub(crate) at: Place,
    pub(crate) date: Option<NaiveDate>,
    /// A credit (money in), else a debit.
    pub(crate) credit: bool,
    pub(crate) amount_cents: i64,
    pub(crate) party: Option<String>,
    pub(crate) memo: Option<String>,
}

/// The [`BankLine`] of a bank record.
pub(crate) fn bank_line_of(ctx: &Context, idx: usize) -> BankLine {
    let r = &ctx.records[idx];
    BankLine {
        at: place(ctx, idx),
        date: r.time.map(|t| t.date()),
        credit: r.txn_type == TxnType::Deposit,
        amount_cents: r.amount_cents,
        party: r.counterparty().clone(),
        memo: r.memo().clone(),
    }
}

/// The bank lines of every credit of a deposit (all parts of a split payout).
pub(crate) fn credits_of(ctx: &Context, deposit: &Deposit) -> Vec<BankLine> {
    deposit.credits.iter().map(|&c| bank_line_of(ctx, c)).collect()
}

/// A credit the bank took back, and the debit that took it.
#[derive(Debug, Clone)]
pub(crate) struct TakenBack {
    pub(crate) credit: BankLine,
    pub(crate) debit: BankLine,
}

/// Why the loaded bank statements cannot prove that a deposit is missing or short (see
/// [`unproven`]).
#[derive(Debug, Clone)]
pub(crate) enum Unproven {
    /// A bank line around the date that could not be read: it may be the very credit.
    Unread { file: String, line: u32, reason: String },
    /// The running balance breaks between two lines around the date; `exact` when the gap is the
    /// amount sought.
    BalanceBreak { file: String, previous_line: u32, line: u32, gap_cents: i64, exact: bool },
    /// No credit at all in the bank statement comes from this wallet: it may pay elsewhere.
    NoCreditFromWallet { wallet: Option<crate::model::PayMethod> },
}

/// The year of `date` when its holiday table is not verified (the expected date may be off).
pub(crate) fn unverified_year(ctx: &Context, date: NaiveDate) -> Option<i32> {
    use chrono::Datelike;
    (!ctx.calendar().is_verified(date.year())).then(|| date.year())
}

/// `fee / gross` in hundredths of a percent, rounded half up, from integers only.
pub(crate) fn rate_per_10000(fee_cents: i64, gross_cents: i64) -> Option<i64> {
    (gross_cents > 0).then(|| (fee_cents * 10_000 * 2 + gross_cents) / (gross_cents * 2))
}

/// Hundredths of a percent with both decimals: `38` -> `0.38%`, `60` -> `0.60%`.
pub(crate) fn percent(hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.abs();
    format!("{sign}{}.{:02}%", abs / 100, abs % 100)
}

/// A missing deposit's severity and confidence: a low question when the statement cannot show
/// the money is missing, else high, less sure when the search gave up.
pub(crate) fn missing_severity(ctx: &Context, unproven: &[Unproven]) -> (Severity, f64) {
    if !unproven.is_empty() {
        (Severity::Low, 0.4)
    } else if ctx.set.deposits.search_gave_up {
        (Severity::High, 0.7)
    } else {
        (Severity::High, 0.85)
    }
}

/// Why the loaded bank statements cannot prove that a deposit around `expected` is missing or
/// short; empty when they can.
///
/// A deposit finding says "no credit pays this day", which is only true if the statement was read
/// whole. A bank line the engine could not read (no direction, a damaged amount) may be the very
/// credit, and a break in the running balance between two lines around the expected date means a
/// line is missing from the download (its size is the gap). Either way the finding would rest on a
/// guess, so the rules lower it to a question with these as the reason (no money finding rests on
/// a guess; see `fail_safe.rs`). A gap equal to the amount sought is said so.
pub(crate) fn unproven(ctx: &Context, expected: NaiveDate, amount: i64) -> Vec<Unproven> {
    use crate::model::Role;
    let window = (expected - chrono::Days::new(3), expected + chrono::Days::new(10));
    let in_window = |d: NaiveDate| window.0 <= d && d <= window.1;
    let mut out = Vec::new();
    for (idx, input) in ctx.inputs.iter().enumerate() {
        if input.role != Some(Role::BankStatement) {
            continue;
        }
        // Dates of this file's read lines, by line.
        let date_of = |line: u32| {
            ctx.records
                .iter()
                .find(|r| r.file_idx as usize == idx && r.line == line)
                .and_then(|r| r.time.map(|t| t.date()))
        };
        let covers =
            input.coverage.is_some_and(|c| c.start.date() <= window.1 && window.0 <= c.end.date());
        if covers {
            out.extend(input.rejected_rows.iter().take(3).map(|note| Unproven::Unread {
                file: input.file.clone(),
                line: note.line,
                reason: note.reason.to_string(),
            }));
        }
        let Some(check) = &input.balance_check else { continue };
        for b in &check.breaks {
            let near =
                [date_of(b.line), date_of(b.previous_line)].into_iter().flatten().any(in_window);
            if near {
                let gap_cents = (b.stated_cents - b.expected_cents).abs();
                out.push(Unproven::BalanceBreak {
                    file: input.file.clone(),
                    previous_line: b.previous_line,
                    line: b.line,
                    gap_cents,
                    exact: gap_cents == amount,
                });
            }
        }
    }
    out
}

/// The settled days with these indices.
pub(crate) fn days<'a>(ctx: &'a Context, idxs: &[usize]) -> Vec<&'a SettledDay> {
    idxs.iter().map(|&i| &ctx.set.deposits.days[i]).collect()
}

/// The acquirer rows of the days, capped, in canonical order.
pub(crate) fn row_refs(ctx: &Context, days: &[&SettledDay]) -> Vec<RecordRef> {
    days.iter()
        .flat_map(|d| d.rows.iter())
        .take(MAX_ROWS_LISTED)
        .map(|&i| ctx.record_ref(i))
        .collect()
}

/// The records of a finding on a deposit: every credit's line (all parts of a split payout),
/// then [`row_refs`] of its days.
pub(crate) fn deposit_refs(
    ctx: &Context,
    deposit: &Deposit,
    days: &[&SettledDay],
) -> Vec<RecordRef> {
    let mut records: Vec<RecordRef> = deposit.credits.iter().map(|&c| ctx.record_ref(c)).collect();
    records.extend(row_refs(ctx, days));
    records
}

/// When a deposit arrived: the date of its last credit (the day the payout was complete).
pub(crate) fn arrival(ctx: &Context, deposit: &Deposit) -> Option<NaiveDate> {
    deposit.credits.iter().filter_map(|&c| ctx.records[c].time.map(|t| t.date())).max()
}

/// Clearing dates, the latest expected deposit date, and the escalation date after it.
pub(crate) fn finding_dates(ctx: &Context, days: &[&SettledDay]) -> FindingDates {
    let expected = days.iter().map(|d| d.expected_deposit).max();
    let cal = ctx.calendar();
    FindingDates {
        settlement_dates: days.iter().map(|d| d.date).collect(),
        expected_deposit_date: expected,
        escalate_after: expected
            .map(|d| cal.add_working_days(d, ctx.settings().escalate_after_working_days)),
    }
}

/// Credits taken back by a debit ([`DepositSet::reversals`](crate::matcher::deposit::DepositSet))
/// dated a few days around `expected`: the money that seemed to arrive and left again.
pub(crate) fn taken_back_near(ctx: &Context, expected: NaiveDate) -> Vec<Reversal> {
    ctx.set
        .deposits
        .reversals
        .iter()
        .filter(|r| {
            ctx.records[r.credit].time.is_some_and(|t| {
                let age = (t.date() - expected).num_days();
                (-3..=10).contains(&age)
            })
        })
        .copied()
        .collect()
}

/// Credits from a private person ([`from_person`]) of the missing net within the days' rounding
/// tolerance, dated from the first clearing date to [`SEARCH_DAYS`] after `expected` (the exact
/// pass's window), not taken back: the matcher never takes them as the payout, and the finding
/// says why it did not.
pub(crate) fn same_amount_from_person(
    ctx: &Context,
    days: &[&SettledDay],
    expected: NaiveDate,
    net: i64,
    rows: usize,
) -> Vec<usize> {
    let tolerance = ctx.settings().deposit_tolerance_cents_per_row.max(0) * rows as i64;
    let first = days.iter().map(|d| d.date).min().unwrap_or(expected);
    let last = expected + Duration::days(SEARCH_DAYS);
    ctx.of_role(Role::BankStatement)
        .filter(|&i| {
            let r = &ctx.records[i];
            r.role == Role::BankStatement
                && r.txn_type == TxnType::Deposit
                && from_person(r)
                && (r.amount_cents - net).abs() <= tolerance
                && r.time.is_some_and(|t| first <= t.date() && t.date() <= last)
                && ctx.set.deposits.reversal_of(i).is_none()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use expect_test::{Expect, expect};

    use super::{percent, rate_per_10000};
    use crate::config::{Lang, Options};
    use crate::matcher::{self, fixture};
    use crate::report::Finding;

    /// Deposit findings for fixture records on `as_of`: one line per finding, then (for the
    /// first) its text, in both languages' shapes checked for content.
    fn findings(as_of: &str, text: &str, lang: Lang) -> Vec<Finding> {
        let records = fixture::records(text);
        let mut options = Options::new(NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap());
        options.lang = lang;
        let set = matcher::run(&records, &options.settings);
        let all = crate::diagnose::run(&records, &fixture::inputs(), &set, &options);
        for permuted in fixture::permutations(&records) {
            let set = matcher::run(&permuted, &options.settings);
            let again = crate::diagnose::run(&permuted, &fixture::inputs(), &set, &options);
            assert_eq!(again, all, "record order changed the findings");
        }
        all
    }

    fn check(as_of: &str, text: &str, expected: Expect) {
        let mut out = String::new();
        for f in findings(as_of, text, Lang::Zh) {
            let records: Vec<String> = f
                .records
                .iter()
                .map(|r| match r.file.as_str() {
                    "bank.csv" => format!("B{}", r.line),
                    "acquirer.csv" => format!("A{}", r.line),
                    other => format!("{other}:{}", r.line),
                })
                .collect();
            let settle: Vec<String> =
                f.dates.settlement_dates.iter().map(|d| d.to_string()).collect();
            let opt = |d: Option<NaiveDate>| d.map_or("-".to_owned(), |d| d.to_string());
            out.push_str(&format!(
                "{} {:?} {} [{}] {} -> {} !{}\n  {}\n",
                f.kind.as_str(),
                f.severity,
                f.amount_cents,
                records.join(" "),
                settle.join(","),
                opt(f.dates.expected_deposit_date),
                opt(f.dates.escalate_after),
                f.title
            ));
        }
        for f in findings(as_of, text, Lang::En) {
            assert!(f.title.is_ascii() || f.title.contains('「') || !f.title.is_empty());
            assert!(!f.actions.is_empty() && !f.evidence.is_empty());
        }
        expected.assert_eq(&out);
    }

    /// The rounding a deposit finding quotes is the one the matcher allowed
    /// (`Settings::deposit_tolerance_cents_per_row`), not a fixed 1 fen.
    #[test]
    fn the_words_quote_the_rounding_the_settings_allow() {
        let records = fixture::records(WEEK);
        for (per_row, zh, en) in
            [(1, "每笔 1 分", "1 fen per row"), (3, "每笔 3 分", "3 fen per row")]
        {
            for lang in [Lang::Zh, Lang::En] {
                let mut options = Options::new(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
                options.lang = lang;
                options.settings.deposit_tolerance_cents_per_row = per_row;
                let set = matcher::run(&records, &options.settings);
                let found = crate::diagnose::run(&records, &fixture::inputs(), &set, &options);
                let words = if lang == Lang::Zh { zh } else { en };
                let quoting: Vec<&str> = found
                    .iter()
                    .filter(|f| matches!(f.kind.as_str(), "missing_deposit" | "deposit_mismatch"))
                    .map(|f| f.explanation.as_str())
                    .collect();
                assert!(!quoting.is_empty(), "no deposit finding to read");
                for text in quoting {
                    assert!(text.contains(words), "{per_row} fen/row, {lang:?}: {text}");
                }
            }
        }
    }

    /// A person's transfer of exactly the missing net is named as a doubt in the
    /// `missing_deposit` finding (both languages, any record order); a business's credit of that
    /// amount, or a line with no counterparty, still pays the day; a person's transfer of another
    /// amount is not named.
    #[test]
    fn a_persons_transfer_of_the_missing_amount_is_a_doubt_not_the_payout() {
        const DOUBT_ZH: &str =
            "2026-12-07 李小梅 转入 684.39 元，金额相同，但来自个人账户，不是结算款。";
        const DOUBT_EN: &str = "On 2026-12-07 李小梅 transferred CNY 684.39: the same amount, but from a private person's account, not the settlement payout.";
        // (bank line, a missing_deposit, the doubt named)
        let cases: &[(&str, bool, bool)] = &[
            ("party=李小梅 memo=转账", true, true),
            ("party=6217000010012345678/李小梅 memo=转账", true, false),
            ("party=李小梅 memo=POS清算", true, true),
            ("party=张伟 memo=转账", true, false),
            ("party=张三便利店 memo=转账", false, false),
            ("party=某某物业管理有限公司", false, false),
            ("party=财付通", false, false),
            ("party=支付宝", false, false),
            ("memo=转账", false, false),
        ];
        for &(line, missing, doubt) in cases {
            let amount = if line.contains("张伟") { "684.00" } else { "684.39" };
            let text = format!(
                "
                A 2026-12-03 10:00:00 100.00 net=99.62
                A 2026-12-04 10:00:00 300.00 net=298.86
                A 2026-12-04 11:00:00 387.00 net=385.53
                B 2026-12-04 08:00:00 99.62 party=某某支付有限公司客户备付金 memo=POS清算
                B 2026-12-07 09:00:00 {amount} {line}
                B 2026-12-09 09:00:00 10.00 debit party=某物业
                "
            );
            for (lang, words) in [(Lang::Zh, DOUBT_ZH), (Lang::En, DOUBT_EN)] {
                let found = findings("2026-12-10", &text, lang);
                let missing_found: Vec<_> =
                    found.iter().filter(|f| f.kind.as_str() == "missing_deposit").collect();
                assert_eq!(missing_found.len(), usize::from(missing), "{line} {lang:?}");
                let Some(f) = missing_found.first() else { continue };
                assert_eq!(f.amount_cents, 68439, "{line}");
                let named = f.explanation.contains(words);
                let in_evidence = f.evidence.iter().any(|e| e.contains("李小梅"));
                if line.contains('/') {
                    // 建设银行's account-and-name cell: named as the bank wrote it.
                    assert!(f.explanation.contains("6217000010012345678/李小梅"), "{line}");
                    assert!(in_evidence, "{line}");
                    continue;
                }
                assert_eq!(named, doubt, "{line} {lang:?}: {}", f.explanation);
                assert_eq!(in_evidence, doubt, "{line} {lang:?}: {:?}", f.evidence);
            }
        }
    }

    /// A wallet's missing payout names a person's transfer of its amount the same way.
    #[test]
    fn a_persons_transfer_of_a_missing_wallet_payout_is_a_doubt_too() {
        for party in ["张三", "张三便利店", "财付通支付科技有限公司"] {
            let text = format!(
                "
                W 2026-11-16 12:00:00 100.00 fee=0.60 pay=微信
                W 2026-11-17 12:00:00 50.00 fee=0.30 pay=微信
                B 2026-11-17 09:30:00 99.40 party=财付通支付科技有限公司 memo=微信支付结算
                B 2026-11-18 11:00:00 49.70 party={party} memo=转账
                B 2026-11-24 08:00:00 10.00 debit party=某燃气公司
                "
            );
            let person = party == "张三";
            for (lang, words) in [
                (Lang::Zh, "金额相同，但来自个人账户，不是结算款：bank.csv 第 3 行"),
                (
                    Lang::En,
                    "the same amount, but from a private person's account, not a settlement payout: bank.csv line 3",
                ),
            ] {
                let found = findings("2026-11-25", &text, lang);
                let missing: Vec<_> =
                    found.iter().filter(|f| f.kind.as_str() == "missing_deposit").collect();
                // Only 财付通 pays WeChat's day; 张三便利店 is a business, not a person, so its
                // credit is not named as a person's.
                assert_eq!(missing.len(), usize::from(!party.starts_with("财付通")), "{party}");
                if let Some(f) = missing.first() {
                    let named = f.evidence.iter().any(|e| e.contains(words));
                    assert_eq!(named, person, "{party}: {:?}", f.evidence);
                }
            }
        }
    }

    const WEEK: &str = "
        A 2026-11-12 10:00:00 50.00 net=49.81 mid=898440358120014
        A 2026-11-13 10:00:00 100.00 fee=0.38 net=99.62 mid=898440358120014
        A 2026-11-14 10:00:00 200.00 fee=0.76 net=199.24 mid=898440358120014
        A 2026-11-15 10:00:00 300.00 fee=1.14 net=298.86 mid=898440358120014
        A 2026-11-16 10:00:00 400.00 fee=1.52 net=398.48 mid=898440358120014
        A 2026-11-16 11:00:00 100.00 fee=0.38 net=99.62 mid=898440358120014
        A 2026-11-17 10:00:00 80.00 fee=0.30 net=79.70 mid=898440358120014
        B 2026-11-10 09:00:00 12.00 party=张三
        B 2026-11-16 09:00:00 597.72 party=银联商务股份有限公司客户备付金
        B 2026-11-17 09:00:00 398.48 party=银联商务股份有限公司客户备付金 memo=1116-1116费1.90元
        B 2026-11-18 09:00:00 79.70 party=银联商务股份有限公司客户备付金
        B 2026-11-20 09:00:00 5.00 debit party=某银行 memo=手续费
    ";

    #[test]
    fn missing_short_and_late_deposits() {
        // Thursday's 49.81 never arrives (the bank covers Nov 10-20); Fri-Sun arrive on Monday;
        // Monday's batch is one row (99.62) short; Tuesday's arrives on time.
        check(
            "2026-11-25",
            WEEK,
            expect![[r#"
            missing_deposit High 4981 [A2] 2026-11-12 -> 2026-11-13 !2026-11-18
              未到账：清算日期 2026-11-12 的结算净额 49.81 元 没有入账
            deposit_mismatch High 9962 [B4 A6 A7] 2026-11-16 -> 2026-11-17 !2026-11-20
              到账金额不符：清算日期 2026-11-16 应到 498.10 元，实到 398.48 元，少 99.62 元
        "#]],
        );
    }

    #[test]
    fn not_due_yet_and_not_covered() {
        // The same week seen on Nov 13: the bank statement stops on the 12th, so nothing is due.
        let early = "
            A 2026-11-12 10:00:00 50.00 net=49.81
            B 2026-11-12 09:00:00 12.00 party=张三
        ";
        check("2026-11-13", early, expect![[r#""#]]);
        // The bank covers the expected date, but not the day of grace after it.
        let grace = "
            A 2026-11-12 10:00:00 50.00 net=49.81
            B 2026-11-13 09:00:00 12.00 party=张三
        ";
        check("2026-11-13", grace, expect![[r#""#]]);
        // With the grace day covered, the deposit is missing.
        let due = "
            A 2026-11-12 10:00:00 50.00 net=49.81
            B 2026-11-13 09:00:00 12.00 party=张三
            B 2026-11-16 09:00:00 12.00 party=张三
        ";
        check(
            "2026-11-16",
            due,
            expect![[r#"
            missing_deposit High 4981 [A2] 2026-11-12 -> 2026-11-13 !2026-11-18
              未到账：清算日期 2026-11-12 的结算净额 49.81 元 没有入账
        "#]],
        );
        // The same, but the analysis runs as of the expected date: not due yet.
        check("2026-11-13", due, expect![[r#""#]]);
    }

    #[test]
    fn late_roll_up() {
        // Thursday's net is paid with the weekend's on Monday: full amount, one working day late.
        let text = "
            A 2026-11-12 10:00:00 50.00 net=49.81
            A 2026-11-13 10:00:00 100.00 net=99.62
            B 2026-11-16 09:00:00 149.43 party=银联商务股份有限公司客户备付金
        ";
        check(
            "2026-11-20",
            text,
            expect![[r#"
            late_deposit Low 14943 [B2 A2 A3] 2026-11-12,2026-11-13 -> 2026-11-13 !-
              延迟到账：清算日期 2026-11-12 至 2026-11-13（2 个清算日） 的 149.43 元 于 2026-11-16 到账，应于 2026-11-13 到账
        "#]],
        );
    }

    #[test]
    fn split_payouts() {
        // Issue 8 item 8: Monday's 1,574.00 net arrives on Tuesday as 1,000.00 + 574.00 from the
        // acquirer, next to an unrelated 580.00: no finding at all.
        let split = "
            A 2026-11-09 10:00:00 1000.00 fee=3.80 net=996.20 mid=898440358120014
            A 2026-11-09 15:00:00 580.00 fee=2.20 net=577.80 mid=898440358120014
            B 2026-11-10 09:00:00 1000.00 party=银联商务股份有限公司客户备付金 memo=POS收单
            B 2026-11-10 09:00:01 574.00 party=银联商务股份有限公司客户备付金 memo=POS收单
            B 2026-11-10 11:00:00 580.00 party=王五 memo=转账
            B 2026-11-13 09:00:00 5.00 debit party=某银行 memo=手续费
        ";
        check("2026-11-20", split, expect![[r#""#]]);
        // The 574.00 part never comes; a customer's 574.00 is not it. The finding is the
        // remaining 574.00 and names the credit that arrived.
        let part_missing = "
            A 2026-11-09 10:00:00 1000.00 fee=3.80 net=996.20 mid=898440358120014
            A 2026-11-09 15:00:00 580.00 fee=2.20 net=577.80 mid=898440358120014
            B 2026-11-10 09:00:00 1000.00 party=银联商务股份有限公司客户备付金 memo=POS收单
            B 2026-11-10 11:00:00 574.00 party=王五 memo=转账
            B 2026-11-13 09:00:00 5.00 debit party=某银行 memo=手续费
        ";
        check(
            "2026-11-20",
            part_missing,
            expect![[r#"
                deposit_mismatch High 57400 [B2 A2 A3] 2026-11-09 -> 2026-11-10 !2026-11-13
                  到账金额不符：清算日期 2026-11-09 应到 1,574.00 元，实到 1,000.00 元，少 574.00 元
            "#]],
        );
        // Three parts adding up to 1.00 less than due: one finding naming all three credits.
        let split_short = "
            A 2026-11-09 10:00:00 2000.00 net=2000.00
            B 2026-11-10 09:00:00 800.00 party=银联商务股份有限公司客户备付金
            B 2026-11-10 09:00:00 700.00 party=银联商务股份有限公司客户备付金
            B 2026-11-10 09:00:00 499.00 party=银联商务股份有限公司客户备付金
            B 2026-11-13 09:00:00 5.00 debit party=某银行 memo=手续费
        ";
        check(
            "2026-11-20",
            split_short,
            expect![[r#"
            deposit_mismatch High 100 [B4 B3 B2 A2] 2026-11-09 -> 2026-11-10 !2026-11-13
              到账金额不符：清算日期 2026-11-09 应到 2,000.00 元，实到 1,999.00 元，少 1.00 元
        "#]],
        );
        // Parts on Tuesday and (within the grace day) Wednesday: paid, one working day late.
        let split_late = "
            A 2026-11-09 10:00:00 1574.00 net=1574.00
            B 2026-11-10 09:00:00 1000.00 party=银联商务股份有限公司客户备付金
            B 2026-11-11 09:00:00 574.00 party=银联商务股份有限公司客户备付金
        ";
        check(
            "2026-11-20",
            split_late,
            expect![[r#"
            late_deposit Low 157400 [B2 B3 A2] 2026-11-09 -> 2026-11-10 !-
              延迟到账：清算日期 2026-11-09 的 1,574.00 元 于 2026-11-11 到账，应于 2026-11-10 到账
        "#]],
        );
    }

    /// Every deposit finding says the same facts in both languages: the same kind, amount and
    /// records, and as many evidence lines and actions, each in its own language.
    #[test]
    fn both_languages_word_the_same_facts() {
        let cases = [
            ("2026-11-25", WEEK),
            // Short by a different fee than the memo names, and late too.
            (
                "2026-11-30",
                "
                A 2026-11-16 10:00:00 400.00 fee=1.52 net=398.48 mid=898440358120014
                B 2026-11-10 09:00:00 12.00 party=张三
                B 2026-11-19 09:00:00 398.00 party=银联商务股份有限公司客户备付金 memo=1116-1116费2.00元
                B 2026-11-25 09:00:00 5.00 debit party=某银行 memo=手续费
            ",
            ),
            // A year whose holidays are not verified: short, missing and late.
            (
                "2031-04-01",
                "
                A 2031-03-10 10:00:00 100.00 fee=0.38 net=99.62
                A 2031-03-12 10:00:00 50.00 net=49.81
                A 2031-03-13 10:00:00 80.00 net=80.00
                B 2031-03-05 09:00:00 12.00 party=张三
                B 2031-03-11 09:00:00 90.00 party=银联商务股份有限公司客户备付金
                B 2031-03-18 09:00:00 80.00 party=银联商务股份有限公司客户备付金
                B 2031-03-28 09:00:00 5.00 debit party=某银行
            ",
            ),
            // A wallet's own payout short and missing; withdrawals short and missing.
            (
                "2026-11-30",
                "
                W 2026-11-16 10:00:00 100.00 pay=微信 fee=0.60
                W 2026-11-18 10:00:00 200.00 pay=微信 fee=1.20
                W 2026-11-16 10:00:00 500.00 pay=支付宝 withdrawal
                W 2026-11-18 10:00:00 300.00 pay=支付宝 withdrawal
                W 2026-11-18 11:00:00 100.00 pay=支付宝 returned
                B 2026-11-10 09:00:00 12.00 party=张三
                B 2026-11-17 09:00:00 90.00 party=财付通支付科技有限公司
                B 2026-11-17 09:00:00 480.00 party=支付宝（中国）网络技术有限公司
                B 2026-11-26 09:00:00 5.00 debit party=某银行
            ",
            ),
        ];
        let mut kinds = std::collections::BTreeSet::new();
        for (as_of, text) in cases {
            let (zh, en) = (findings(as_of, text, Lang::Zh), findings(as_of, text, Lang::En));
            assert_eq!(zh.len(), en.len(), "{as_of}");
            for (z, e) in zh.iter().zip(&en) {
                assert_eq!(
                    (z.kind, z.amount_cents, &z.records),
                    (e.kind, e.amount_cents, &e.records)
                );
                assert_eq!(z.evidence.len(), e.evidence.len(), "{}", z.title);
                assert_eq!(z.actions.len(), e.actions.len(), "{}", z.title);
                let han = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                assert!(han(&z.title) && han(&z.explanation), "{}", z.title);
                assert!(e.title.is_ascii() && !han(&e.explanation), "{}", e.title);
                kinds.insert((z.kind.as_str(), z.title.chars().take(4).collect::<String>()));
            }
        }
        // Acquirer and wallet variants of missing, short and late all came up.
        assert!(kinds.len() >= 7, "{kinds:?}");
    }

    #[test]
    fn rates_from_integers() {
        let rate = |fee, gross| rate_per_10000(fee, gross).map(percent);
        assert_eq!(rate(38, 10_000).as_deref(), Some("0.38%"));
        assert_eq!(rate(60, 10_000).as_deref(), Some("0.60%"));
        assert_eq!(rate(594, 156_888).as_deref(), Some("0.38%"));
        assert_eq!(rate(1, 0), None);
    }
}
