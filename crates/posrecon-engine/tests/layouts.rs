//! Coverage of the bank and wallet layouts that public importers document (issue 8).
//!
//! `tests/fixtures/LAYOUTS.md` lists every Chinese bank and wallet export layout that the
//! open-source importers (deb-sig `double-entry-generator`, `china_bean_importers`, ...) document,
//! with its source and format facts. Each has a fixture written by `tests/fixtures.rs` (invented
//! data in the real layout) under `tests/fixtures/layouts/`; the bank layouts posrecon already knew
//! are in `tests/fixtures/`. The promise checked here: each file is read WITHOUT a mapping with the
//! right role, every line a data row (none rejected), the right number and sum of credits (money
//! in) and of debits (money out), and, for a bank statement with a balance column, a running
//! balance that confirms every line with no break.
//!
//! The expected values come from the fixtures' own data (the bank files all tell the story written
//! above their constants in `tests/fixtures.rs`), never from running the engine: a misread amount,
//! a flipped direction or a preamble read as data shows here as a wrong count or sum, which is the
//! kind of misreading that once became a false money finding.
//!
//! Amounts and directions are taken from the records `normalize` makes (public API), read through
//! [`direction`]: the one place that says how this test reads the engine's model of money in and
//! out.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use posrecon_engine::ingest::{self, ReadOptions};
use posrecon_engine::model::{Record, Role, TxnType};
use posrecon_engine::{Options, SourceFile, inspect, normalize};

/// Where a fixture lives.
#[derive(Clone, Copy)]
enum Dir {
    /// `tests/fixtures/`: layouts with a pinned `inspect` output.
    Fixtures,
    /// `tests/fixtures/layouts/`: layouts documented by public importers, checked only here.
    Layouts,
}

/// What one fixture must read to.
struct Layout {
    file: &'static str,
    dir: Dir,
    role: Role,
    data_rows: u64,
    /// Count and sum (fen) of money in.
    credits: (u64, i64),
    /// Count and sum (fen) of money out.
    debits: (u64, i64),
    /// Lines carrying a balance, all to be confirmed; `None` when the layout has no balance column.
    balance_lines: Option<u64>,
}

const BANK: Role = Role::BankStatement;
const WALLET: Role = Role::WalletBill;

/// The story every new bank fixture tells: 3 credits of 16,839.76, 3 debits of 4,556.20.
const STORY_CREDITS: (u64, i64) = (3, 1_683_976);
const STORY_DEBITS: (u64, i64) = (3, 455_620);

const fn bank_story(file: &'static str) -> Layout {
    Layout {
        file,
        dir: Dir::Layouts,
        role: BANK,
        data_rows: 6,
        credits: STORY_CREDITS,
        debits: STORY_DEBITS,
        balance_lines: Some(6),
    }
}

const LAYOUTS: &[Layout] = &[
    // Corporate layouts posrecon already reads (fixtures with a pinned inspect output).
    Layout {
        file: "icbc_signed.csv",
        dir: Dir::Fixtures,
        role: BANK,
        data_rows: 3,
        credits: (2, 281_576 + 51_500),
        debits: (1, 35_620),
        balance_lines: Some(3),
    },
    Layout {
        file: "icbc_history.xlsx",
        dir: Dir::Fixtures,
        role: BANK,
        data_rows: 3,
        credits: (2, 281_576 + 51_500),
        debits: (1, 35_620),
        balance_lines: Some(3),
    },
    Layout {
        file: "icbc_history_legacy.xls",
        dir: Dir::Fixtures,
        role: BANK,
        data_rows: 3,
        credits: (2, 281_576 + 51_500),
        debits: (1, 35_620),
        balance_lines: Some(3),
    },
    Layout {
        file: "ccb_detail.csv",
        dir: Dir::Fixtures,
        role: BANK,
        data_rows: 2,
        credits: (1, 408_770),
        debits: (1, 12_000),
        balance_lines: Some(2),
    },
    Layout {
        file: "abc_detail.csv",
        dir: Dir::Fixtures,
        role: BANK,
        data_rows: 3,
        credits: (2, 157_400 + 26_698),
        debits: (1, 300_000),
        balance_lines: Some(3),
    },
    Layout {
        file: "boc_detail.csv",
        dir: Dir::Fixtures,
        role: BANK,
        data_rows: 2,
        credits: (1, 281_576),
        debits: (1, 120_000),
        balance_lines: Some(2),
    },
    Layout {
        file: "cmb_detail.csv",
        dir: Dir::Fixtures,
        role: BANK,
        data_rows: 3,
        credits: (2, 57_972 + 8_051),
        debits: (1, 500_000),
        balance_lines: Some(3),
    },
    // Personal accounts and cards, as the public importers document them.
    bank_story("icbc_personal.csv"),
    bank_story("icbc_personal_v2.csv"),
    bank_story("ccb_personal.xlsx"),
    bank_story("ccb_personal.csv"),
    bank_story("abc_personal.csv"),
    bank_story("boc_personal.csv"),
    bank_story("bocom_personal.csv"),
    bank_story("cmb_personal.csv"),
    bank_story("cmb_web.csv"),
    // The story plus an 88.00 payment and its 当日冲账 (a negative 支出: money back in).
    Layout {
        file: "cib_personal.xlsx",
        dir: Dir::Layouts,
        role: BANK,
        data_rows: 8,
        credits: (4, 1_683_976 + 8_800),
        debits: (4, 455_620 + 8_800),
        balance_lines: Some(8),
    },
    // A credit card: purchases are positive and are money out of the card account.
    Layout {
        file: "cgb_credit.csv",
        dir: Dir::Layouts,
        role: BANK,
        data_rows: 4,
        credits: (2, 113_068 + 4_550),
        debits: (2, 30_000 + 26_800),
        balance_lines: None,
    },
    // Personal wallet bills: 收入 is money in, 支出 money out, 中性交易 / 不计收支 neither.
    // A personal wallet bill is read for the payments customers made to the shop (收入); money the
    // owner paid out (支出) and neutral lines (零钱提现, 不计收支) are skipped, each saying why.
    Layout {
        file: "wechat_personal.csv",
        dir: Dir::Layouts,
        role: WALLET,
        data_rows: 3,
        credits: (3, 6_600 + 12_850 + 3_500),
        debits: (0, 0),
        balance_lines: None,
    },
    Layout {
        file: "wechat_personal.xlsx",
        dir: Dir::Layouts,
        role: WALLET,
        data_rows: 3,
        credits: (3, 6_600 + 12_850 + 3_500),
        debits: (0, 0),
        balance_lines: None,
    },
    Layout {
        file: "alipay_personal.csv",
        dir: Dir::Layouts,
        role: WALLET,
        data_rows: 3,
        credits: (3, 15_600 + 8_880 + 4_200),
        debits: (0, 0),
        balance_lines: None,
    },
    Layout {
        file: "alipay_web.txt",
        dir: Dir::Layouts,
        role: WALLET,
        data_rows: 3,
        credits: (3, 15_600 + 8_880 + 4_200),
        debits: (0, 0),
        balance_lines: None,
    },
];

/// Money in or out of the account the file is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    In,
    Out,
}

/// How a record says which way its money went. Bank lines: a credit is a `Deposit`, every other
/// line a debit (`normalize::bank`). Wallet bills: a payment received is a sale, money going back or
/// out is a refund / void / reversal; anything else (a withdrawal to the bank, 中性交易) moves no
/// money in or out of the merchant's takings.
fn direction(record: &Record) -> Option<Flow> {
    match (record.role, record.txn_type) {
        (Role::BankStatement, TxnType::Deposit) => Some(Flow::In),
        (Role::BankStatement, _) => Some(Flow::Out),
        (_, TxnType::Sale | TxnType::PreauthCompletion | TxnType::Deposit) => Some(Flow::In),
        (_, TxnType::Refund | TxnType::Void | TxnType::Reversal) => Some(Flow::Out),
        (_, TxnType::Other) => None,
    }
}

fn path_of(layout: &Layout) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    match layout.dir {
        Dir::Fixtures => root.join(layout.file),
        Dir::Layouts => root.join("layouts").join(layout.file),
    }
}

/// Count and fen sum of the records flowing one way.
fn flow(records: &[Record], way: Flow) -> (u64, i64) {
    records
        .iter()
        .filter(|r| direction(r) == Some(way))
        .fold((0, 0), |(n, sum), r| (n + 1, sum + r.amount_cents))
}

/// Every way `layout`'s file is misread, empty when it reads right.
fn misreadings(layout: &Layout) -> Vec<String> {
    let bytes =
        std::fs::read(path_of(layout)).expect("fixture exists (UPDATE_FIXTURES=1 writes it)");
    let mut wrong = Vec::new();
    let mut check = |what: &str, expected: String, read: String| {
        if expected != read {
            wrong.push(format!("{what}: expected {expected}, read {read}"));
        }
    };

    // As `posrecon inspect` reads it: no today, no mapping, no forced role.
    let inputs =
        inspect(&[SourceFile::new(layout.file, bytes.clone())], &Options::new(NaiveDate::MIN));
    check("tables", "1".into(), inputs.len().to_string());
    let Some(input) = inputs.first() else { return wrong };
    check("error", "None".into(), format!("{:?}", input.error));
    check("role", format!("{:?}", Some(layout.role)), format!("{:?}", input.role));
    check("data_rows", layout.data_rows.to_string(), input.data_rows.to_string());
    check(
        "rejected",
        "[]".into(),
        format!(
            "{:?}",
            input.rejected_rows.iter().map(|n| (n.line, &n.reason)).collect::<Vec<_>>()
        ),
    );

    let mut ingested = ingest::read(layout.file, &bytes, &ReadOptions::default());
    if let Some(first) = ingested.first_mut() {
        let records = normalize::run(first, 0);
        check(
            "credits (count, fen)",
            format!("{:?}", layout.credits),
            format!("{:?}", flow(&records, Flow::In)),
        );
        check(
            "debits (count, fen)",
            format!("{:?}", layout.debits),
            format!("{:?}", flow(&records, Flow::Out)),
        );
    }

    match (layout.balance_lines, &input.balance_check) {
        (None, None) => {}
        (None, Some(found)) => check("balance_check", "None".into(), format!("{found:?}")),
        (Some(lines), None) => {
            check("balance_check", format!("{lines} lines confirmed"), "None".into());
        }
        (Some(lines), Some(found)) => {
            check("balance lines", lines.to_string(), found.lines.to_string());
            check("balance confirmed", lines.to_string(), found.confirmed.to_string());
            check("balance breaks", "[]".into(), format!("{:?}", found.breaks));
        }
    }
    wrong
}

#[test]
fn every_documented_layout_reads_without_a_mapping() {
    let failures: Vec<String> = LAYOUTS
        .iter()
        .filter_map(|layout| {
            let wrong = misreadings(layout);
            (!wrong.is_empty()).then(|| format!("{}:\n    {}", layout.file, wrong.join("\n    ")))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} layouts misread:\n{}",
        failures.len(),
        LAYOUTS.len(),
        failures.join("\n")
    );
}

#[test]
fn every_layout_fixture_is_in_the_table() {
    // A fixture written under `layouts/` but missing from the table would be checked by nothing.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/layouts");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/fixtures/layouts exists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".inspect.json"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = LAYOUTS
        .iter()
        .filter(|l| matches!(l.dir, Dir::Layouts))
        .map(|l| l.file.to_owned())
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}
