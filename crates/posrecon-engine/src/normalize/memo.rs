//! The word classifiers' answers, remembered per file by the cells they read.
//!
//! A 交易类型 or 应答码 / 应答信息 column holds a handful of distinct values across a million rows
//! (`消费`, `撤销`; `00` + `交易成功`), yet each classification lowercases the cell and searches it
//! for dozens of keywords. The answer depends on the cells alone, so each distinct combination is
//! classified once and looked up afterwards; the result is the same as classifying every row, so
//! the report does not change. The memo is bounded: a free-text column with a different value on
//! every row is then classified row by row instead of being copied whole into the memo.

use rustc_hash::FxHashMap;

use super::{classify, order};
use crate::model::{CardType, Outcome, PayMethod, Role, TxnType};

/// Distinct keys remembered at most; a column past this is free text, not a vocabulary.
const MAX_KEYS: usize = 4096;

/// Answers of one classifier, by the cells it was given.
pub(super) struct Memo<V> {
    answers: FxHashMap<String, V>,
    /// The key being looked up, reused so a hit allocates nothing.
    key: String,
}

impl<V: Copy> Memo<V> {
    pub(super) fn new() -> Self {
        Memo { answers: FxHashMap::default(), key: String::new() }
    }

    /// The answer for `cells`, from the memo or from `classify`.
    pub(super) fn get(&mut self, cells: &[Option<&str>], classify: impl FnOnce() -> V) -> V {
        self.key.clear();
        // Each cell as `-` (absent) or `<byte length>:<text>`, so no two lists share a key.
        for cell in cells {
            match cell {
                None => self.key.push('-'),
                Some(text) => {
                    push_decimal(&mut self.key, text.len());
                    self.key.push(':');
                    self.key.push_str(text);
                }
            }
        }
        if let Some(&answer) = self.answers.get(&self.key) {
            return answer;
        }
        let answer = classify();
        if self.answers.len() < MAX_KEYS {
            self.answers.insert(self.key.clone(), answer);
        }
        answer
    }
}

/// Appends `n` in decimal, without the formatting machinery `write!` runs for each of a
/// million rows' cells.
fn push_decimal(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

/// The classifiers a terminal log, statement or order list runs on every row, each remembered.
/// One per file: the outcome also depends on the file's role, which is the same for every row.
pub(super) struct Words {
    txn_type: Memo<TxnType>,
    outcome: Memo<Outcome>,
    order_status: Memo<Option<(TxnType, Outcome)>>,
    card_type: Memo<Option<CardType>>,
    pay_method: Memo<Option<PayMethod>>,
}

impl Words {
    pub(super) fn new() -> Self {
        Words {
            txn_type: Memo::new(),
            outcome: Memo::new(),
            order_status: Memo::new(),
            card_type: Memo::new(),
            pay_method: Memo::new(),
        }
    }

    /// [`classify::txn_type`].
    pub(super) fn txn_type(&mut self, cell: &str) -> TxnType {
        self.txn_type.get(&[Some(cell)], || classify::txn_type(cell))
    }

    /// [`classify::outcome`], for the role every row of this file has.
    pub(super) fn outcome(
        &mut self,
        role: Role,
        code: Option<&str>,
        text: Option<&str>,
        status: Option<&str>,
    ) -> Outcome {
        self.outcome.get(&[code, text, status], || classify::outcome(role, code, text, status))
    }

    /// [`order::order_status`].
    pub(super) fn order_status(&mut self, cell: &str) -> Option<(TxnType, Outcome)> {
        self.order_status.get(&[Some(cell)], || order::order_status(cell))
    }

    /// [`order::card_type`].
    pub(super) fn card_type(&mut self, cell: &str) -> Option<CardType> {
        self.card_type.get(&[Some(cell)], || order::card_type(cell))
    }

    /// [`order::pay_method`].
    pub(super) fn pay_method(&mut self, cell: &str) -> Option<PayMethod> {
        self.pay_method.get(&[Some(cell)], || order::pay_method(cell))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_by_every_cell_and_tells_absent_from_empty() {
        let mut memo = Memo::new();
        let mut calls = 0;
        let mut ask = |memo: &mut Memo<usize>, cells: &[Option<&str>]| {
            memo.get(cells, || {
                calls += 1;
                cells.iter().map(|c| c.map_or(100, str::len)).sum()
            })
        };
        assert_eq!(ask(&mut memo, &[Some("00"), Some("交易成功")]), 14);
        assert_eq!(ask(&mut memo, &[Some("00"), Some("交易成功")]), 14);
        // Same bytes, split differently: another key.
        assert_eq!(ask(&mut memo, &[Some("00交易"), Some("成功")]), 14);
        assert_eq!(ask(&mut memo, &[None, Some("")]), 100);
        assert_eq!(ask(&mut memo, &[Some(""), None]), 100);
        assert_eq!(ask(&mut memo, &[Some(""), Some("")]), 0);
        assert_eq!(calls, 5);
    }

    #[test]
    fn decimal_lengths() {
        for n in [0, 7, 10, 4096, usize::MAX] {
            let mut out = String::from("x");
            push_decimal(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }

    #[test]
    fn stops_remembering_past_the_bound() {
        let mut memo = Memo::new();
        for i in 0..MAX_KEYS + 10 {
            let cell = i.to_string();
            assert_eq!(memo.get(&[Some(&cell)], || i), i);
        }
        assert_eq!(memo.answers.len(), MAX_KEYS);
        // Past the bound a value is still classified, just not kept.
        let late = (MAX_KEYS + 5).to_string();
        assert_eq!(memo.get(&[Some(&late)], || 7), 7);
    }
}
