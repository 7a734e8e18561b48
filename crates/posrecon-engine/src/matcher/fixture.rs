//! Test support: records written as one line of text each.
//!
//! Matcher and diagnose tests build [`Record`]s directly, without files, so they can run while
//! ingest and normalize evolve. A fixture line reads
//!
//! ```text
//! T 2026-11-05 14:05:41 1580.00 sale unknown tid=10086602 stan=001004 card=8429
//! A 2026-11-05 14:05:43 1580.00 sale tid=10086602 stan=1004 rrn=309140500213 settle=2026-11-06
//! ```
//!
//! `T` is a terminal-log record (file 0, `terminal.csv`), `A` an acquirer-statement record
//! (file 1, `acquirer.csv`), `B` a bank-statement line (file 3, `bank.csv`; type `deposit` for a
//! credit, `debit` for money out, `party=` and `memo=` for its texts), `O` an order-list row (file
//! 4, `orders.csv`; `pay=银行卡`, `order=A001`), `W` a wallet-bill row (file 5, `wallet.csv`;
//! `pay=微信`, `chan=4200…` for the wallet's own order number, `payno=P…` for a till's 支付单号;
//! `static` for a personal 收款码 bill's row, `withdrawal` / `returned` for a fund flow's 提现 /
//! 提现退回). `fee=` and `ctype=借记卡` set fee and card type. Lines are numbered per file from 2 (line 1 is the header), unless
//! `line=` says otherwise; `file=` moves a record into another file. The type defaults to `sale`
//! and the outcome to `approved`. `card=8429` expands to a masked `621226******8429`.
//! Blank lines and lines starting with `#` are ignored.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::{Outcome, Record, Role, TxnType};
use crate::report::Input;

/// File names by file index.
pub(crate) const FILES: [&str; 6] =
    ["terminal.csv", "acquirer.csv", "acquirer-2.csv", "bank.csv", "orders.csv", "wallet.csv"];

/// Parses fixture lines into records.
pub(crate) fn records(text: &str) -> Vec<Record> {
    let mut next_line: BTreeMap<usize, u32> = BTreeMap::new();
    let mut out = Vec::new();
    for raw in text.lines() {
        let raw = raw.trim();
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let tokens: Vec<&str> = raw.split_whitespace().collect();
        let (role, default_file) = match tokens[0] {
            "T" => (Role::TerminalLog, 0),
            "A" => (Role::AcquirerStatement, 1),
            "B" => (Role::BankStatement, 3),
            "O" => (Role::OrderList, 4),
            "W" => (Role::WalletBill, 5),
            other => panic!("unknown role letter {other:?} in {raw:?}"),
        };
        let time = match (tokens[1], tokens[2]) {
            ("-", _) => None,
            (date, time) => Some(
                NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M:%S")
                    .unwrap_or_else(|e| panic!("bad time in {raw:?}: {e}")),
            ),
        };
        let mut record = Record {
            file_idx: default_file,
            time,
            amount_cents: yuan_to_fen(tokens[3]),
            txn_type: if role == Role::BankStatement { TxnType::Deposit } else { TxnType::Sale },
            ..Record::blank(role)
        };
        let mut line = None;
        for token in &tokens[4..] {
            match token.split_once('=') {
                None => match *token {
                    "sale" => record.txn_type = TxnType::Sale,
                    "void" => record.txn_type = TxnType::Void,
                    "refund" => record.txn_type = TxnType::Refund,
                    "reversal" => record.txn_type = TxnType::Reversal,
                    "completion" => record.txn_type = TxnType::PreauthCompletion,
                    "deposit" => record.txn_type = TxnType::Deposit,
                    "debit" => record.txn_type = TxnType::Other,
                    // A fund flow's 提现 (`withdrawal`) and 提现退回 (`returned`).
                    "withdrawal" => {
                        record.edit_extra(|e| e.withdrawal = true);
                        record.txn_type = TxnType::Other;
                    }
                    "returned" => {
                        record.edit_extra(|e| e.withdrawal = true);
                        record.txn_type = TxnType::Refund;
                    }
                    "static" => record.edit_extra(|e| e.static_qr = true),
                    "approved" => record.outcome = Outcome::Approved,
                    "declined" => record.outcome = Outcome::Declined,
                    "unknown" => record.outcome = Outcome::Unknown,
                    other => panic!("unknown word {other:?} in {raw:?}"),
                },
                Some((key, value)) => {
                    let text = Some(value.to_owned());
                    let id = Some(crate::model::Id::from(value));
                    match key {
                        "tid" => record.terminal_id = id,
                        "mid" => record.merchant_id = id,
                        "batch" => record.batch_no = id,
                        "stan" => record.stan = id,
                        "rrn" => record.rrn = id,
                        "auth" => record.auth_code = id,
                        "code" => record.response_code = id,
                        "text" => record.response_text = id,
                        "card" if value.len() == 4 => {
                            record.card_masked = Some(format!("621226******{value}").into());
                        }
                        "card" => record.card_masked = id,
                        "settle" => {
                            record.settlement_date = Some(
                                NaiveDate::parse_from_str(value, "%Y-%m-%d")
                                    .unwrap_or_else(|e| panic!("bad date in {raw:?}: {e}")),
                            );
                        }
                        "fee" => record.fee = Some(yuan_to_fen(value)).into(),
                        "net" => record.net = Some(yuan_to_fen(value)).into(),
                        "party" => record.edit_extra(|e| e.counterparty = text),
                        "memo" => record.edit_extra(|e| e.memo = text),
                        "order" => record.order_id = id,
                        "chan" => record.edit_extra(|e| e.channel_order_id = id),
                        "orrn" => record.edit_extra(|e| e.orig_rrn = id),
                        "ostan" => record.edit_extra(|e| e.orig_stan = id),
                        "payno" => record.edit_extra(|e| e.pay_order_id = id),
                        "ctype" => {
                            record.card_type = crate::normalize::order::card_type(value);
                        }
                        "pay" => record.pay_method = crate::normalize::order::pay_method(value),
                        "file" => record.file_idx = value.parse().expect("file index"),
                        "line" => line = Some(value.parse().expect("line number")),
                        other => panic!("unknown key {other:?} in {raw:?}"),
                    }
                }
            }
        }
        let counter = next_line.entry(record.file_idx as usize).or_insert(2);
        record.line = line.unwrap_or(*counter);
        *counter = record.line + 1;
        out.push(record);
    }
    out
}

/// `1580.00` or `1580` -> 158000 fen, without going through floats.
fn yuan_to_fen(text: &str) -> i64 {
    if let Some(positive) = text.strip_prefix('-') {
        return -yuan_to_fen(positive);
    }
    let (whole, frac) = text.split_once('.').unwrap_or((text, "0"));
    let frac = format!("{frac:0<2}");
    whole.parse::<i64>().expect("amount") * 100 + frac[..2].parse::<i64>().expect("amount")
}

/// Short label of a record for expectations: `T5` (terminal file, line 5), `A3`, `A#2:4`.
pub(crate) fn label(record: &Record) -> String {
    let letter = match record.role {
        Role::TerminalLog => "T",
        Role::AcquirerStatement => "A",
        Role::BankStatement => "B",
        Role::OrderList => "O",
        Role::WalletBill => "W",
    };
    let default_file = match record.role {
        Role::TerminalLog => 0,
        Role::BankStatement => 3,
        Role::OrderList => 4,
        Role::WalletBill => 5,
        _ => 1,
    };
    if record.file_idx == default_file {
        format!("{letter}{}", record.line)
    } else {
        format!("{letter}#{}:{}", record.file_idx, record.line)
    }
}

/// One `Input` per fixture file, as the engine would pass them to diagnose.
pub(crate) fn inputs() -> Vec<Input> {
    FILES
        .iter()
        .map(|name| Input {
            file: (*name).to_owned(),
            sheet: None,
            sha256: String::new(),
            bytes: 0,
            format: Some("csv".to_owned()),
            encoding: Some("utf-8".to_owned()),
            role: None,
            role_confidence: 1.0,
            dialect: None,
            header_line: Some(1),
            data_rows: 0,
            skipped_rows: Vec::new(),
            rejected_rows: Vec::new(),
            coverage: None,
            columns: BTreeMap::new(),
            error: None,
            file_error: None,
            header_signature: None,
            warnings: Vec::new(),
            skipped_ranges: Vec::new(),
            headers: Vec::new(),
            balance_check: None,
            totals_checks: Vec::new(),
            role_doubt: None,
            merchant: Default::default(),
            mapping_preview: None,
        })
        .collect()
}

/// The same records in several other orders, to check that order never matters.
pub(crate) fn permutations(records: &[Record]) -> Vec<Vec<Record>> {
    let mut reversed = records.to_vec();
    reversed.reverse();
    let mut out = vec![reversed];
    for shift in [1, records.len() / 2, records.len().saturating_sub(1)] {
        let mut rotated = records.to_vec();
        let n = rotated.len();
        if n > 0 {
            rotated.rotate_left(shift % n);
        }
        out.push(rotated);
    }
    // An interleaving: odd positions first, then even ones, reversed.
    let mut interleaved: Vec<Record> = records.iter().skip(1).step_by(2).cloned().collect();
    interleaved.extend(records.iter().step_by(2).rev().cloned());
    out.push(interleaved);
    out
}
