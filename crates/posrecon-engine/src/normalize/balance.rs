//! The running balance: a bank statement's proof of its own reading.
//!
//! Every bank line states the balance after it, and the bank computed that balance as the
//! previous balance plus a credit or minus a debit. So a statement with a balance column can be
//! checked line by line, without trusting any header name: where `balance - previous balance`
//! equals the line's amount, the amount and its direction were read right; where it equals minus
//! the amount, the direction was read backwards (a flag misunderstood, a debit column holding a
//! negative); where it equals neither, the chain breaks, which points at a line missing or extra
//! (two overlapping exports, a page left out) or an amount misread. This is what lets the engine
//! read a single unsigned amount column at all: the balance settles each line's direction.
//!
//! A line's predecessor is looked up by balance, not by position, so the proof holds whatever
//! order the export lists lines in; the order reported (oldest or newest first) is the one under
//! which more neighbouring lines follow (times break a tie). The chain's first line has nothing
//! before it in the file: it counts as confirmed when another line follows from it.

use chrono::NaiveDateTime;

use crate::accounting::BalanceBreak;

/// Which way money moved on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Into the account (a credit).
    In,
    /// Out of the account (a debit).
    Out,
}

impl Direction {
    /// The direction as a row note names it.
    pub(crate) fn money(self) -> crate::message::Money {
        match self {
            Direction::In => crate::message::Money::In,
            Direction::Out => crate::message::Money::Out,
        }
    }

    fn signed(self, magnitude: i64) -> i64 {
        match self {
            Direction::In => magnitude,
            Direction::Out => -magnitude,
        }
    }
}

/// One read bank line, as the proof needs it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    /// 1-based line in the file.
    pub line: u32,
    /// Amount, positive fen.
    pub magnitude: i64,
    /// The direction the row's columns, flag or sign say, if they say one.
    pub direction: Option<Direction>,
    /// Balance after the line, fen, when the cell holds one.
    pub balance: Option<i64>,
    /// When the line was booked (breaks a tie between the two orders).
    pub time: NaiveDateTime,
}

/// The order a statement lists its lines in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    OldestFirst,
    NewestFirst,
}

impl Order {
    /// `oldest_first` / `newest_first`, as in [`crate::report::BalanceCheck::order`].
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Order::OldestFirst => "oldest_first",
            Order::NewestFirst => "newest_first",
        }
    }
}

/// What the balance proves about a file's lines.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Proof {
    /// Per line (same index as the input), the direction the balance shows, where it shows one.
    pub directions: Vec<Option<Direction>>,
    /// Lines with a balance.
    pub lines: u64,
    /// Lines whose balance follows (see the module doc for the first line).
    pub confirmed: u64,
    /// The order the file lists lines in.
    pub order: Order,
    /// Where the chain breaks, in file order.
    pub breaks: Vec<BalanceBreak>,
}

/// Checks the running balance of `lines` (in file order).
///
/// A line follows when another line of the file left the balance it started from: its balance
/// minus its amount (in one direction or the other) is some other line's balance. Looking the
/// predecessor up by balance rather than by position makes the proof independent of the order the
/// export lists lines in (by time either way, by amount, by counterparty). The chain's first line
/// (the only one whose predecessor is not in the file) counts as confirmed when another line
/// follows from it; every other line without a predecessor is a break, reported against the line
/// before it in time.
pub(crate) fn prove(lines: &[Line]) -> Proof {
    let with_balance: Vec<usize> =
        (0..lines.len()).filter(|&i| lines[i].balance.is_some()).collect();
    let balance = |i: usize| lines[i].balance.unwrap_or(0);
    // Lines by the balance they leave.
    let mut leaving: std::collections::HashMap<i64, Vec<usize>> = std::collections::HashMap::new();
    for &i in &with_balance {
        leaving.entry(balance(i)).or_default().push(i);
    }
    // A line is the predecessor of one line at most: a line repeated (two overlapping exports)
    // finds its predecessor taken.
    let mut taken = vec![false; lines.len()];
    let predecessor_at = |i: usize, direction: Direction, taken: &[bool]| {
        let before = balance(i) - direction.signed(lines[i].magnitude);
        leaving.get(&before).and_then(|found| found.iter().copied().find(|&j| j != i && !taken[j]))
    };

    let order = order_of(lines, &with_balance);
    // Time order, the file's own order breaking ties.
    let mut in_time = with_balance.clone();
    if order == Order::NewestFirst {
        in_time.reverse();
    }
    in_time.sort_by_key(|&i| lines[i].time);

    let mut directions = vec![None; lines.len()];
    let mut confirmed = vec![false; lines.len()];
    let mut predecessor = vec![None; lines.len()];
    for &i in &in_time {
        let found: Vec<(Direction, usize)> = [Direction::In, Direction::Out]
            .into_iter()
            .filter_map(|d| predecessor_at(i, d, &taken).map(|j| (d, j)))
            .collect();
        // Both directions found a predecessor: the one the row says, else undecided.
        let chosen = match found.as_slice() {
            [one] => Some(*one),
            [_, _] => found.iter().copied().find(|(d, _)| Some(*d) == lines[i].direction),
            _ => None,
        };
        if let Some((direction, j)) = chosen {
            directions[i] = Some(direction);
            confirmed[i] = true;
            predecessor[i] = Some(j);
            taken[j] = true;
        } else if !found.is_empty() {
            confirmed[i] = true;
        }
    }
    // The chain's start: the earliest line without a predecessor, confirmed when a line follows
    // from it.
    let start = in_time.iter().copied().find(|&i| !confirmed[i]);
    if let Some(start) = start
        && predecessor.contains(&Some(start))
    {
        confirmed[start] = true;
    }
    let mut breaks = breaks_of(lines, &in_time, &confirmed, start);
    breaks.sort_by_key(|b| b.line);
    Proof {
        directions,
        lines: with_balance.len() as u64,
        confirmed: confirmed.iter().filter(|c| **c).count() as u64,
        order,
        breaks,
    }
}

/// The order the file lists lines in: the way more neighbouring lines follow from each other,
/// else the way their times run.
fn order_of(lines: &[Line], with_balance: &[usize]) -> Order {
    let balance = |i: usize| lines[i].balance.unwrap_or(0);
    let follows = |before: usize, after: usize| {
        let delta = balance(after) - balance(before);
        delta != 0 && delta.abs() == lines[after].magnitude
    };
    let pairs = || with_balance.windows(2).map(|w| (w[0], w[1]));
    let oldest_first = pairs().filter(|&(a, b)| follows(a, b)).count();
    let newest_first = pairs().filter(|&(a, b)| follows(b, a)).count();
    match oldest_first.cmp(&newest_first) {
        std::cmp::Ordering::Greater => Order::OldestFirst,
        std::cmp::Ordering::Less => Order::NewestFirst,
        std::cmp::Ordering::Equal => {
            let first = with_balance.first().map(|&i| lines[i].time);
            let last = with_balance.last().map(|&i| lines[i].time);
            if first > last { Order::NewestFirst } else { Order::OldestFirst }
        }
    }
}

/// Every line in time order that is neither confirmed nor the chain's start nor the first: a
/// break, against the line before it in time.
fn breaks_of(
    lines: &[Line],
    in_time: &[usize],
    confirmed: &[bool],
    start: Option<usize>,
) -> Vec<BalanceBreak> {
    let balance = |i: usize| lines[i].balance.unwrap_or(0);
    let mut breaks = Vec::new();
    for (pos, &i) in in_time.iter().enumerate() {
        if confirmed[i] || Some(i) == start || pos == 0 {
            continue;
        }
        let before = in_time[pos - 1];
        let line = &lines[i];
        let signed = line.direction.unwrap_or(Direction::In).signed(line.magnitude);
        breaks.push(BalanceBreak {
            line: line.line,
            previous_line: lines[before].line,
            expected_cents: balance(before) + signed,
            stated_cents: balance(i),
        });
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: u32, magnitude: i64, direction: Option<Direction>, balance: i64, hour: u32) -> Line {
        let time =
            chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap().and_hms_opt(hour, 0, 0).unwrap();
        Line { line: n, magnitude, direction, balance: Some(balance), time }
    }

    #[test]
    fn oldest_first_chain_settles_directions() {
        use Direction::{In, Out};
        let lines = [
            line(3, 157_400, None, 2_157_400, 8),
            line(4, 300_000, None, 1_857_400, 9),
            line(5, 26_698, None, 1_884_098, 10),
        ];
        let proof = prove(&lines);
        assert_eq!(proof.order, Order::OldestFirst);
        assert_eq!(proof.directions, [None, Some(Out), Some(In)]);
        assert_eq!((proof.lines, proof.confirmed), (3, 3));
        assert!(proof.breaks.is_empty());
    }

    #[test]
    fn newest_first_chain() {
        use Direction::{In, Out};
        // The same three lines listed newest first.
        let lines = [
            line(3, 26_698, None, 1_884_098, 10),
            line(4, 300_000, None, 1_857_400, 9),
            line(5, 157_400, None, 2_157_400, 8),
        ];
        let proof = prove(&lines);
        assert_eq!(proof.order, Order::NewestFirst);
        assert_eq!(proof.directions, [Some(In), Some(Out), None]);
        assert_eq!(proof.confirmed, 3);
    }

    #[test]
    fn a_missing_line_breaks_the_chain_where_it_was() {
        // Between lines 4 and 5 a debit of 100.00 is missing from the export.
        let lines = [
            line(3, 157_400, Some(Direction::In), 2_157_400, 8),
            line(4, 300_000, Some(Direction::Out), 1_857_400, 9),
            line(5, 26_698, Some(Direction::In), 1_874_098, 11),
            line(6, 1_000, Some(Direction::In), 1_875_098, 12),
        ];
        let proof = prove(&lines);
        assert_eq!((proof.lines, proof.confirmed), (4, 3));
        assert_eq!(
            proof.breaks,
            [BalanceBreak {
                line: 5,
                previous_line: 4,
                expected_cents: 1_884_098,
                stated_cents: 1_874_098
            }]
        );
    }

    #[test]
    fn any_listing_order_gives_the_same_proof() {
        use Direction::{In, Out};
        // Listed by amount, as some portals sort an export: the balances still chain.
        let lines = [
            line(5, 26_698, None, 1_884_098, 10),
            line(3, 157_400, None, 2_157_400, 8),
            line(4, 300_000, None, 1_857_400, 9),
        ];
        let proof = prove(&lines);
        assert_eq!(proof.directions, [Some(In), None, Some(Out)]);
        assert_eq!((proof.lines, proof.confirmed), (3, 3));
        assert!(proof.breaks.is_empty());
    }

    #[test]
    fn lines_without_balance_are_not_counted() {
        let mut lines = vec![line(2, 100, None, 1_100, 8), line(3, 50, None, 1_050, 9)];
        lines.push(Line { balance: None, ..line(4, 10, None, 0, 10) });
        let proof = prove(&lines);
        assert_eq!((proof.lines, proof.confirmed), (2, 2));
        assert_eq!(proof.directions[2], None);
    }
}
