//! Overlapping exports: the same transactions in two files of the same role.
//!
//! Merchants export what the portal offers: Monday's terminal log, then the whole week; the
//! statement for the 5th, then the month. Byte-identical files are already counted once
//! (`pipeline::read_all`), but overlapping files differ, and adding their rows would double every
//! transaction in the overlap: two settled rows for one sale look like a duplicate charge, two
//! deposits like an overpayment.
//!
//! Files are compared as multisets of record identities: (role, 终端号, time, amount, 凭证号,
//! 参考号, card, type, outcome, order number, counterparty). A record that appears `k` times in one
//! file and `m` times in another counts `max(k, m)` times, not `k + m`: two identical legitimate
//! sales inside one file (the same coffee bought twice in a minute) stay two, because a single
//! export never lists one transaction twice, while the second file only adds the occurrences the
//! first one lacks. Files are taken biggest first (most data rows, then the engine's canonical
//! order: name, content hash), so with a week file and a day file every finding points into the
//! week file; every dropped row is a skipped row of its file with the line it repeats.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::message::Note;
use crate::model::{Outcome, Record, Role, TxnType};
use crate::report::{Input, RowNote};

/// What makes two rows of two exports the same transaction.
type Identity<'a> = (
    Role,
    Option<&'a str>,
    Option<NaiveDateTime>,
    i64,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    TxnType,
    Outcome,
    Option<&'a str>,
    Option<&'a str>,
);

fn identity(r: &Record) -> Identity<'_> {
    let s = crate::matcher::ident;
    (
        r.role,
        s(&r.terminal_id),
        r.time,
        r.amount_cents,
        s(&r.stan),
        s(&r.rrn),
        s(&r.card_masked),
        r.txn_type,
        r.outcome,
        s(&r.order_id),
        crate::matcher::ident(r.counterparty()),
    )
}

/// Drops rows that an earlier file of the same role already holds, as multisets; records the
/// dropped rows in their input's `skipped_rows`. `records` are grouped by file in input order.
pub(crate) fn run(inputs: &mut [Input], records: Vec<Record>) -> Vec<Record> {
    // Fast path: no two data-bearing files share a role.
    let mut roles: Vec<Role> = Vec::new();
    let mut overlap_possible = false;
    for input in inputs.iter().filter(|i| i.data_rows > 0) {
        if let Some(role) = input.role {
            overlap_possible |= roles.contains(&role);
            roles.push(role);
        }
    }
    if !overlap_possible {
        return records;
    }

    let (drop, notes) = overlaps(inputs, &records);
    for (file, note) in notes {
        if let Some(input) = inputs.get_mut(file) {
            input.skipped_rows.push(note);
            input.data_rows = input.data_rows.saturating_sub(1);
        }
    }
    for input in inputs.iter_mut() {
        input.skipped_rows.sort_by_key(|n| n.line);
    }
    records.into_iter().zip(drop).filter(|(_, d)| !d).map(|(r, _)| r).collect()
}

/// Which records repeat an earlier file's, and the notes saying which line they repeat.
fn overlaps(inputs: &[Input], records: &[Record]) -> (Vec<bool>, Vec<(usize, RowNote)>) {
    // Occurrences kept so far per identity: (file index, line), in order.
    let mut kept: HashMap<Identity, Vec<(usize, u32)>> = HashMap::new();
    let mut drop = vec![false; records.len()];
    let mut notes: Vec<(usize, RowNote)> = Vec::new();
    // Contiguous runs of one file, biggest file first.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    while start < records.len() {
        let file = records[start].file_idx;
        let end = start + records[start..].iter().take_while(|r| r.file_idx == file).count();
        runs.push((start, end));
        start = end;
    }
    runs.sort_by_key(|&(start, end)| (std::cmp::Reverse(end - start), records[start].file_idx));
    for (start, end) in runs {
        let file = records[start].file_idx as usize;
        // This file's occurrences per identity, in line order.
        let mut mine: HashMap<Identity, Vec<usize>> = HashMap::new();
        let mut order: Vec<Identity> = Vec::new();
        let mut idxs: Vec<usize> = (start..end).collect();
        idxs.sort_by_key(|&i| records[i].line);
        for i in idxs {
            let key = identity(&records[i]);
            let slot = mine.entry(key).or_default();
            if slot.is_empty() {
                order.push(key);
            }
            slot.push(i);
        }
        for key in order {
            let occurrences = &mine[&key];
            let earlier = kept.entry(key).or_default();
            // Earlier files' occurrences from other files explain as many of this file's.
            let explained: Vec<(usize, u32)> =
                earlier.iter().copied().filter(|&(f, _)| f != file).collect();
            for (n, &i) in occurrences.iter().enumerate() {
                if let Some(&(f, line)) = explained.get(n) {
                    drop[i] = true;
                    let name = inputs.get(f).map_or("?", |input| input.file.as_str());
                    notes.push((
                        file,
                        RowNote::new(
                            records[i].line,
                            Note::SameTransaction { file: name.to_owned(), other_line: line },
                        ),
                    ));
                } else {
                    earlier.push((file, records[i].line));
                }
            }
        }
    }
    (drop, notes)
}
