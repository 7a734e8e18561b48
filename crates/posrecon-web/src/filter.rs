//! Working the findings (issue 13): which findings the table shows and in what order, from the
//! merchant's search, filters and sort.
//!
//! A month of a busy shop gives thousands of findings; a shop owner looks for one payment (the
//! customer at the counter says "card ending 1234, 1,580 yuan") or one kind of problem, not a
//! 16,000 px table. This module is pure (native tests): the filter as the merchant set it
//! ([`FindingsFilter`]), one change to it ([`FilterChange`], the reducer's action), and the
//! findings it keeps ([`filter`]). The page pages what it keeps (`view::page_window`), so a filter
//! never renders more than a page.
//!
//! - **Default order** is urgency, the engine's own (`report::answer::by_urgency`: overdue
//!   first, then by severity and date); it is not derived again here, so the table, the owner's
//!   report and the chat text list findings alike. A sort by a column is stable over that
//!   order: equal keys stay in urgency order. A finding without the sorted value (a deposit
//!   finding has no terminal or card) goes last both ways.
//! - **Search** ([`Query`]) matches an amount however it is typed (`1580`, `1580.00`,
//!   `1,580.00`, `¥1580`) against the finding's amount and its records' amounts; the card's last
//!   4 digits; a 参考号 (RRN), 凭证号 (STAN), 终端号, order number or wallet order number
//!   (equal, or containing the query from 6 characters on, so a 4-digit query is not lost among
//!   the digits of every long number); the finding's id; and words of its title. A finding about
//!   a clearing date's total (`view::row_facts`) lists every settled sale of that day as its
//!   records: it is not matched by their cards, terminals or amounts (searching a customer's
//!   card would otherwise list every deposit of the week), only by its own amount and the
//!   reference numbers.
//! - **Filters**: kinds (the summary's chips; none chosen = every kind), terminal, a date range
//!   (the day the row shows, `view::RowFacts::date`), and the case status the merchant set
//!   (`cases::CaseBook::status_of`).

use std::cmp::Ordering;
use std::collections::BTreeSet;

use chrono::NaiveDate;
use posrecon_engine::Lang;
use posrecon_engine::report::answer;
use posrecon_engine::report::{Finding, Kind, Report};

use crate::cases::{CaseBook, CaseStatus};
use crate::i18n;
use crate::view::{self, RowFacts};

/// A column of the findings table the merchant can sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    /// 问题类型, by its name in the page's language.
    Kind,
    /// 严重程度: high first ascending.
    Severity,
    /// 时间: the row's time (or clearing date).
    Time,
    /// 终端号.
    Terminal,
    /// 金额.
    Amount,
    /// 卡号 / wallet.
    Card,
    /// 说明: the finding's title.
    Title,
}

impl Column {
    /// Every sortable column, in the table's order.
    pub const ALL: [Column; 7] = [
        Column::Kind,
        Column::Severity,
        Column::Time,
        Column::Terminal,
        Column::Amount,
        Column::Card,
        Column::Title,
    ];

    /// Stable token (the `data-sort` hook and the sort selector's values).
    pub fn as_str(self) -> &'static str {
        match self {
            Column::Kind => "kind",
            Column::Severity => "severity",
            Column::Time => "time",
            Column::Terminal => "terminal",
            Column::Amount => "amount",
            Column::Card => "card",
            Column::Title => "title",
        }
    }

    /// The column a token names.
    pub fn parse(token: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.as_str() == token)
    }
}

/// A sort by one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// The column.
    pub column: Column,
    /// Largest (or latest, or last) first.
    pub descending: bool,
}

impl Sort {
    /// `amount-desc`: the sort selector's value (`""` is the urgency order).
    pub fn token(self) -> String {
        format!("{}-{}", self.column.as_str(), if self.descending { "desc" } else { "asc" })
    }

    /// The sort a selector value names (`None` for urgency or an unknown value).
    pub fn parse(token: &str) -> Option<Sort> {
        let (column, way) = token.rsplit_once('-')?;
        let descending = match way {
            "asc" => false,
            "desc" => true,
            _ => return None,
        };
        Some(Sort { column: Column::parse(column)?, descending })
    }
}

/// The findings' search, filters and sort as the merchant set them (`AppState::findings_filter`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FindingsFilter {
    /// The search box as typed.
    pub query: String,
    /// Kinds chosen with the chips; empty = every kind.
    pub kinds: BTreeSet<Kind>,
    /// Only findings of this terminal (`""` = every terminal).
    pub terminal: String,
    /// First day shown (`YYYY-MM-DD` as the date input gives it; empty or invalid = open).
    pub from: String,
    /// Last day shown.
    pub to: String,
    /// Only cases with this status.
    pub status: Option<CaseStatus>,
    /// A column sort; `None` = most urgent first.
    pub sort: Option<Sort>,
}

/// One change of the findings' filter (the reducer's `Action::FilterFindings`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterChange {
    /// The search box changed.
    Query(String),
    /// A kind chip was pressed: on if off, off if on.
    ToggleKind(Kind),
    /// The terminal selector (`""` = all).
    Terminal(String),
    /// The first day.
    From(String),
    /// The last day.
    To(String),
    /// The status selector.
    Status(Option<CaseStatus>),
    /// A column header was pressed: sort by it ascending, then descending, then back to urgency.
    SortBy(Column),
    /// The sort selector (phone): a sort, or `None` for urgency.
    SetSort(Option<Sort>),
    /// 清除筛选: every filter and the search off (the sort stays).
    Clear,
}

impl FindingsFilter {
    /// Applies one change.
    pub fn change(&mut self, change: FilterChange) {
        match change {
            FilterChange::Query(q) => self.query = q,
            FilterChange::ToggleKind(kind) => {
                if !self.kinds.remove(&kind) {
                    self.kinds.insert(kind);
                }
            }
            FilterChange::Terminal(t) => self.terminal = t,
            FilterChange::From(d) => self.from = d,
            FilterChange::To(d) => self.to = d,
            FilterChange::Status(s) => self.status = s,
            FilterChange::SortBy(column) => {
                self.sort = match self.sort {
                    Some(Sort { column: c, descending: false }) if c == column => {
                        Some(Sort { column, descending: true })
                    }
                    Some(Sort { column: c, descending: true }) if c == column => None,
                    _ => Some(Sort { column, descending: false }),
                }
            }
            FilterChange::SetSort(sort) => self.sort = sort,
            FilterChange::Clear => {
                *self = FindingsFilter { sort: self.sort, ..FindingsFilter::default() }
            }
        }
    }

    /// Some finding may be hidden: the search or a filter is set (the sort hides nothing).
    pub fn narrows(&self) -> bool {
        !self.query.trim().is_empty()
            || !self.kinds.is_empty()
            || !self.terminal.is_empty()
            || day(&self.from).is_some()
            || day(&self.to).is_some()
            || self.status.is_some()
    }

    /// `aria-sort` of a column header: `ascending`, `descending`, or `None` when the table is
    /// not sorted by it.
    pub fn aria_sort(&self, column: Column) -> Option<&'static str> {
        self.sort
            .filter(|s| s.column == column)
            .map(|s| if s.descending { "descending" } else { "ascending" })
    }
}

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// The findings kept, in the order shown, and how many there were.
#[derive(Debug, Clone, PartialEq)]
pub struct Filtered<'a> {
    /// The findings the filter keeps, in order.
    pub findings: Vec<&'a Finding>,
    /// Every finding of the report.
    pub total: usize,
}

/// The report's findings the filter keeps, most urgent first or sorted by a column.
pub fn filter<'a>(
    lang: Lang,
    report: &'a Report,
    filter: &FindingsFilter,
    cases: &CaseBook,
) -> Filtered<'a> {
    let query = Query::parse(&filter.query);
    let (from, to) = (day(&filter.from), day(&filter.to));
    let mut findings: Vec<&Finding> = answer::by_urgency(report)
        .into_iter()
        .map(|a| a.finding)
        .filter(|f| {
            let facts = view::row_facts(f);
            (filter.kinds.is_empty() || filter.kinds.contains(&f.kind))
                && (filter.terminal.is_empty() || facts.terminal == Some(filter.terminal.as_str()))
                && within(facts.date(), from, to)
                && filter.status.is_none_or(|s| cases.status_of(&f.id) == s)
                && query.as_ref().is_none_or(|q| q.matches(f, &facts))
        })
        .collect();
    if let Some(sort) = filter.sort {
        let keys: Vec<SortKey> = findings.iter().map(|f| sort_key(lang, sort.column, f)).collect();
        let mut order: Vec<usize> = (0..findings.len()).collect();
        order.sort_by(|&a, &b| compare(&keys[a], &keys[b], sort.descending));
        findings = order.into_iter().map(|k| findings[k]).collect();
    }
    Filtered { findings, total: report.findings.len() }
}

/// [`filter`]'s findings as positions in the report's findings: what a component keeps between
/// renders, as the findings themselves are borrowed from the report.
pub fn positions(
    lang: Lang,
    report: &Report,
    filter: &FindingsFilter,
    cases: &CaseBook,
) -> Vec<usize> {
    let all = report.findings.as_ptr_range();
    let size = std::mem::size_of::<Finding>().max(1);
    let kept = self::filter(lang, report, filter, cases).findings;
    kept.into_iter()
        .map(|f| {
            // Every finding kept is an element of `report.findings`: its address says which.
            let address = std::ptr::from_ref(f) as usize;
            debug_assert!(all.contains(&std::ptr::from_ref(f)));
            (address - all.start as usize) / size
        })
        .collect()
}

fn within(date: Option<NaiveDate>, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
    if from.is_none() && to.is_none() {
        return true;
    }
    let Some(date) = date else { return false };
    from.is_none_or(|f| date >= f) && to.is_none_or(|t| date <= t)
}

/// The terminals the findings' rows name, for the terminal selector (sorted, no repeats).
pub fn terminals(report: &Report) -> Vec<String> {
    let set: BTreeSet<&str> =
        report.findings.iter().filter_map(|f| view::row_facts(f).terminal).collect();
    set.into_iter().map(str::to_owned).collect()
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum SortKey {
    Number(i64),
    Text(String),
    Missing,
}

fn sort_key(lang: Lang, column: Column, finding: &Finding) -> SortKey {
    let text = |s: &str| if s.is_empty() { SortKey::Missing } else { SortKey::Text(s.to_owned()) };
    let facts = view::row_facts(finding);
    match column {
        Column::Kind => text(i18n::kind(lang, finding.kind)),
        Column::Severity => SortKey::Number(finding.severity as i64),
        Column::Time => match (facts.time, facts.clearing_date) {
            (Some(t), _) => SortKey::Number(t.and_utc().timestamp()),
            (None, Some(d)) => {
                SortKey::Number(d.and_time(chrono::NaiveTime::MIN).and_utc().timestamp())
            }
            (None, None) => SortKey::Missing,
        },
        Column::Terminal => text(facts.terminal.unwrap_or_default()),
        Column::Amount => SortKey::Number(finding.amount_cents),
        Column::Card => {
            if facts.per_day {
                SortKey::Missing
            } else {
                text(&view::card_or_wallet(lang, &finding.records).unwrap_or_default())
            }
        }
        Column::Title => text(&finding.title),
    }
}

/// Missing values go last whichever the direction.
fn compare(a: &SortKey, b: &SortKey, descending: bool) -> Ordering {
    match (a, b) {
        (SortKey::Missing, SortKey::Missing) => Ordering::Equal,
        (SortKey::Missing, _) => Ordering::Greater,
        (_, SortKey::Missing) => Ordering::Less,
        _ if descending => b.cmp(a),
        _ => a.cmp(b),
    }
}

/// The search box, read once per filtering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The query trimmed, lower case, spaces removed.
    text: String,
    /// The amount it reads as, in fen (`1,580.00` → 158000).
    amount_cents: Option<i64>,
}

/// From this many characters on, a query also matches an identifier containing it.
const PARTIAL_FROM: usize = 6;

impl Query {
    /// The query of the search box; `None` when empty.
    pub fn parse(typed: &str) -> Option<Query> {
        let text: String = typed.split_whitespace().collect::<String>().to_lowercase();
        if text.is_empty() {
            return None;
        }
        Some(Query { amount_cents: amount_cents(&text), text })
    }

    /// The finding is about what was searched for.
    pub fn matches(&self, finding: &Finding, facts: &RowFacts<'_>) -> bool {
        let q = self.text.as_str();
        let id_like = |v: &Option<String>| {
            v.as_deref().is_some_and(|v| {
                let v = v.to_lowercase();
                v == q || (q.chars().count() >= PARTIAL_FROM && v.contains(q))
            })
        };
        if self.amount_cents == Some(finding.amount_cents.abs())
            || finding.id.to_lowercase() == q
            || finding.title.to_lowercase().contains(q) && !q.chars().all(|c| c.is_ascii_digit())
        {
            return true;
        }
        finding.records.iter().any(|r| {
            let numbers = id_like(&r.rrn)
                || id_like(&r.stan)
                || id_like(&r.order_id)
                || id_like(&r.channel_order_id);
            if facts.per_day {
                return numbers;
            }
            numbers
                || id_like(&r.terminal_id)
                || self.amount_cents == Some(r.amount_cents.abs())
                || r.card_masked.as_deref().is_some_and(|card| card_matches(card, q))
        })
    }
}

/// `622848******1234` matches `1234` (its last 4) and, from 6 characters on, any part of it.
fn card_matches(card: &str, q: &str) -> bool {
    let digits: String = card.chars().filter(char::is_ascii_digit).collect();
    let last4 = digits.get(digits.len().saturating_sub(4)..).unwrap_or_default();
    (q.len() == 4 && q == last4) || (q.chars().count() >= PARTIAL_FROM && card.contains(q))
}

/// The amount a query reads as, in fen: digits with optional thousands commas, at most two
/// decimals, an optional `¥`/`￥` before or `元` after. `None` for anything else.
fn amount_cents(text: &str) -> Option<i64> {
    let t = text.trim_start_matches(['¥', '￥']).trim_end_matches('元').replace(',', "");
    let (whole, fraction) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > 2
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fen = format!("{fraction:0<2}").parse::<i64>().ok()?;
    whole.checked_mul(100)?.checked_add(fen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use posrecon_engine::{Options, SourceFile, analyze};

    /// The demo week analysed as of 2026-11-25 (the date the figures were read on).
    fn demo() -> Report {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/demo");
        let manifest: Vec<String> =
            serde_json::from_slice(&std::fs::read(format!("{dir}/manifest.json")).unwrap())
                .unwrap();
        let files: Vec<SourceFile> = manifest
            .into_iter()
            .map(|name| {
                let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
                SourceFile::new(name, bytes)
            })
            .collect();
        analyze(&files, &Options::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()))
    }

    /// The book after an analysis of `report`, the case of finding `id` set to 已联系.
    fn contacted(report: &Report, id: &str) -> CaseBook {
        use posrecon_engine::follow::{FindingCase, Followed, case_key};
        let findings = report
            .findings
            .iter()
            .map(|f| FindingCase { finding_id: f.id.clone(), key: case_key(f), arrived: None })
            .collect();
        let now =
            crate::cases::Now { today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(), stamp: 1 };
        let mut book = CaseBook::default();
        book.followed(report, &Followed { findings, earlier: Vec::new() }, now, false);
        let key = book.keys[id].clone();
        book.set_status(&key, CaseStatus::Contacted, now);
        book
    }

    fn ids(filtered: &Filtered<'_>) -> Vec<String> {
        filtered.findings.iter().map(|f| f.id.clone()).collect()
    }

    fn shown(report: &Report, set: impl FnOnce(&mut FindingsFilter)) -> Vec<String> {
        let mut f = FindingsFilter::default();
        set(&mut f);
        ids(&filter(Lang::Zh, report, &f, &CaseBook::default()))
    }

    fn searched(report: &Report, q: &str) -> Vec<String> {
        shown(report, |f| f.query = q.to_owned())
    }

    #[test]
    fn unfiltered_findings_come_most_urgent_first_as_the_engine_orders_them() {
        let report = demo();
        let all = filter(Lang::Zh, &report, &FindingsFilter::default(), &CaseBook::default());
        let engine: Vec<String> =
            answer::by_urgency(&report).iter().map(|a| a.finding.id.clone()).collect();
        assert_eq!(ids(&all), engine);
        assert_eq!(all.total, report.findings.len());
        assert_ne!(engine, report.findings.iter().map(|f| f.id.clone()).collect::<Vec<_>>());
    }

    #[test]
    fn an_amount_is_found_however_it_is_typed() {
        let report = demo();
        for typed in ["1580", "1580.00", "1,580.00", " 1580.0 ", "¥1,580", "1580元"] {
            assert_eq!(searched(&report, typed), ["F0001"], "{typed}");
        }
        // The amount the terminal showed (36.50) and the one settled (365.00) both find the
        // amount mismatch, as does the difference the finding is about.
        for typed in ["36.5", "365", "328.50"] {
            assert_eq!(searched(&report, typed), ["F0008"], "{typed}");
        }
        assert!(searched(&report, "12.34").is_empty());
    }

    #[test]
    fn a_card_s_last_4_finds_its_payments_and_not_the_deposits_it_is_summed_into() {
        let report = demo();
        // Card 622848******1234 is on F0001 and on three deposit findings' settled rows.
        assert_eq!(searched(&report, "1234"), ["F0001"]);
        assert_eq!(searched(&report, "622848"), ["F0001"]);
        assert_eq!(searched(&report, "9915"), ["F0005"]);
    }

    #[test]
    fn reference_voucher_terminal_and_id_are_found() {
        let report = demo();
        // The dropped sale's 参考号 finds it, and the deposit it reached the bank late in.
        assert_eq!(searched(&report, "309140500028"), ["F0001", "F0006"], "参考号");
        assert_eq!(searched(&report, "001002"), ["F0001", "F0006"], "凭证号");
        assert_eq!(searched(&report, "f0005"), ["F0005"], "finding id");
        let on_03 = searched(&report, "10086603");
        assert!(
            !on_03.is_empty() && on_03.iter().all(|id| ["F0002", "F0009"].contains(&id.as_str()))
        );
        // A sale's 参考号 inside a deposit total finds that deposit too.
        assert!(searched(&report, "309140500147").contains(&"F0004".to_owned()));
        // 4 digits of a long number are not a search for it.
        assert!(searched(&report, "3091").is_empty());
    }

    #[test]
    fn kinds_terminal_dates_and_status_narrow_and_clear_restores() {
        let report = demo();
        let kinds = shown(&report, |f| {
            f.change(FilterChange::ToggleKind(Kind::DuplicateCharge));
            f.change(FilterChange::ToggleKind(Kind::AmountMismatch));
        });
        assert_eq!(kinds.len(), 2);
        assert!(kinds.contains(&"F0002".to_owned()) && kinds.contains(&"F0008".to_owned()));
        let mut twice = FindingsFilter::default();
        twice.change(FilterChange::ToggleKind(Kind::DuplicateCharge));
        twice.change(FilterChange::ToggleKind(Kind::DuplicateCharge));
        assert!(!twice.narrows());

        let on_terminal = shown(&report, |f| f.terminal = "10086603".into());
        assert_eq!(on_terminal.len(), 2, "{on_terminal:?}");
        let none_after = shown(&report, |f| f.from = "2026-12-01".into());
        assert!(none_after.is_empty());
        let all_days = shown(&report, |f| {
            f.from = "2026-11-01".into();
            f.to = "2026-11-30".into()
        });
        assert_eq!(all_days.len(), report.findings.len());
        let bad_date = shown(&report, |f| f.from = "11/01".into());
        assert_eq!(bad_date.len(), report.findings.len(), "an unreadable date filters nothing");

        let cases = contacted(&report, "F0001");
        let mut f = FindingsFilter { status: Some(CaseStatus::Contacted), ..Default::default() };
        assert_eq!(ids(&filter(Lang::Zh, &report, &f, &cases)), ["F0001"]);
        f.status = Some(CaseStatus::Open);
        assert_eq!(filter(Lang::Zh, &report, &f, &cases).findings.len(), report.findings.len() - 1);

        f.query = "1234".into();
        f.change(FilterChange::SortBy(Column::Amount));
        f.change(FilterChange::Clear);
        assert!(!f.narrows());
        assert_eq!(f.sort, Some(Sort { column: Column::Amount, descending: false }));
    }

    #[test]
    fn positions_name_the_findings_the_filter_keeps_in_its_order() {
        let report = demo();
        for f in [
            FindingsFilter::default(),
            FindingsFilter {
                sort: Some(Sort { column: Column::Amount, descending: true }),
                ..Default::default()
            },
            FindingsFilter { query: "1234".into(), ..Default::default() },
        ] {
            let kept = ids(&filter(Lang::Zh, &report, &f, &CaseBook::default()));
            let at: Vec<String> = positions(Lang::Zh, &report, &f, &CaseBook::default())
                .into_iter()
                .map(|k| report.findings[k].id.clone())
                .collect();
            assert_eq!(at, kept);
        }
    }

    #[test]
    fn a_header_sorts_up_then_down_then_back_to_urgency() {
        let report = demo();
        let mut f = FindingsFilter::default();
        f.change(FilterChange::SortBy(Column::Amount));
        assert_eq!(f.aria_sort(Column::Amount), Some("ascending"));
        assert_eq!(f.aria_sort(Column::Time), None);
        let amounts = |f: &FindingsFilter| -> Vec<i64> {
            filter(Lang::Zh, &report, f, &CaseBook::default())
                .findings
                .iter()
                .map(|x| x.amount_cents)
                .collect()
        };
        let up = amounts(&f);
        assert!(up.windows(2).all(|w| w[0] <= w[1]), "{up:?}");
        f.change(FilterChange::SortBy(Column::Amount));
        assert_eq!(f.aria_sort(Column::Amount), Some("descending"));
        let down = amounts(&f);
        assert!(down.windows(2).all(|w| w[0] >= w[1]), "{down:?}");
        assert_eq!(down[0], 203276);
        f.change(FilterChange::SortBy(Column::Amount));
        assert_eq!(f.sort, None);
        f.change(FilterChange::SortBy(Column::Terminal));
        f.change(FilterChange::SortBy(Column::Terminal));
        let rows = filter(Lang::Zh, &report, &f, &CaseBook::default()).findings;
        let last = rows.last().unwrap();
        assert!(view::row_facts(last).per_day, "findings with no terminal go last descending too");
        assert_eq!(
            Sort::parse("amount-desc"),
            Some(Sort { column: Column::Amount, descending: true })
        );
        assert_eq!(Sort::parse(""), None);
        let s = Sort { column: Column::Time, descending: false };
        assert_eq!(Sort::parse(&s.token()), Some(s));
    }
}
