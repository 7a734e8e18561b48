//! Every message has a stable code and words in both languages, and the English words are the
//! report contract's sentences.

use super::*;

/// One of every variant of [`Note`]. `all_notes_listed` fails to compile when a variant is added
/// without a line here.
fn every_note() -> Vec<Note> {
    let s = |v: &str| v.to_owned();
    vec![
        Note::BlankLine,
        Note::EmptyRow,
        Note::BlankRows { rows: 60 },
        Note::TotalRow,
        Note::RepeatedHeader,
        Note::SecondHeaderRow,
        Note::RepeatedGroupTitle,
        Note::NoteLine,
        Note::CommentLine,
        Note::FooterBelowTable,
        Note::LineUnreadable,
        Note::RecordType { record_type: s("BS") },
        Note::NoAmountColumn,
        Note::RoleUnknown,
        Note::WalletSummary,
        Note::WalletAccountFlow,
        Note::WalletFundFlow,
        Note::PersonalRefund,
        Note::PersonalPaidOut,
        Note::OwnersWithdrawal,
        Note::PersonalNeither,
        Note::PersonalFlowEmpty,
        Note::IdenticalFile { file: s("a.csv") },
        Note::SameTransaction { file: s("week.csv"), other_line: 12 },
        Note::RoleUnconfirmed { detail: s("a close runner-up") },
        Note::CellCount { cells: 1, width: 5 },
        Note::BadCell { field: Field::Amount, value: s("12,3x"), problem: Problem::NotANumber },
        Note::EmptyCell { field: Field::TimeOfDay },
        Note::AmountZero,
        Note::NeitherDebitNorCredit,
        Note::BothDebitAndCredit,
        Note::WithdrawalWithoutTime,
        Note::WithdrawalWithoutAmount,
        Note::NoDate,
        Note::DirectionUnknown { doubt: None, balance: BalanceSays::NoBalanceColumn },
        Note::NoHeaderLine { layout: s("unionpay_fixed"), fields: 12 },
        Note::InvalidBytes { count: 3, encoding: s("UTF-8") },
        Note::MemberUnreadable { member: s("b.csv"), problem: MemberProblem::Encrypted },
        Note::SheetWithoutTable { sheet: s("说明") },
        Note::SheetUnreadable { sheet: s("Sheet2"), detail: s("bad xml") },
        Note::SheetDamaged { after_row: 40, detail: s("bad xml") },
        Note::SheetCut { max_cells: 5_000_000, row: 900_001 },
        Note::MappingUnknownField { field: s("tip") },
        Note::MappingNoColumn { column: s("金额"), field: s("amount") },
        Note::MappingMostlyUnknown { unknown: 10, rows: 10 },
        Note::MappingMostlyRejected { rejected: 6, rows: 10 },
        Note::ScientificId { field: Field::Rrn, value: s("6.22848E+18") },
        Note::AmountsInFen { evidence: FenEvidence::WholeFees },
        Note::FlagLearned { flag: s("1"), direction: Money::In, seen: 4 },
        Note::DirectionCorrected { said: Money::In, shown: Money::Out },
        Note::DirectionDoubt { doubt: Doubt::NegativeCredit, said: Money::Out },
        Note::TotalsDiffer { source: None, label: s("合计"), count: true, stated: 3, read: 2 },
        Note::SummaryUnchecked,
        Note::HeldInWallet { wallet: Wallet::Alipay },
    ]
}

#[allow(dead_code)]
fn all_notes_listed(note: &Note) {
    // No wildcard: a new variant must be added here and to `every_note`.
    match note {
        Note::BlankLine
        | Note::EmptyRow
        | Note::BlankRows { .. }
        | Note::TotalRow
        | Note::RepeatedHeader
        | Note::SecondHeaderRow
        | Note::RepeatedGroupTitle
        | Note::NoteLine
        | Note::CommentLine
        | Note::FooterBelowTable
        | Note::LineUnreadable
        | Note::RecordType { .. }
        | Note::NoAmountColumn
        | Note::RoleUnknown
        | Note::WalletSummary
        | Note::WalletAccountFlow
        | Note::WalletFundFlow
        | Note::PersonalRefund
        | Note::PersonalPaidOut
        | Note::OwnersWithdrawal
        | Note::PersonalNeither
        | Note::PersonalFlowEmpty
        | Note::IdenticalFile { .. }
        | Note::SameTransaction { .. }
        | Note::RoleUnconfirmed { .. }
        | Note::CellCount { .. }
        | Note::BadCell { .. }
        | Note::EmptyCell { .. }
        | Note::AmountZero
        | Note::NeitherDebitNorCredit
        | Note::BothDebitAndCredit
        | Note::WithdrawalWithoutTime
        | Note::WithdrawalWithoutAmount
        | Note::NoDate
        | Note::DirectionUnknown { .. }
        | Note::NoHeaderLine { .. }
        | Note::InvalidBytes { .. }
        | Note::MemberUnreadable { .. }
        | Note::SheetWithoutTable { .. }
        | Note::SheetUnreadable { .. }
        | Note::SheetDamaged { .. }
        | Note::SheetCut { .. }
        | Note::MappingUnknownField { .. }
        | Note::MappingNoColumn { .. }
        | Note::MappingMostlyUnknown { .. }
        | Note::MappingMostlyRejected { .. }
        | Note::ScientificId { .. }
        | Note::AmountsInFen { .. }
        | Note::FlagLearned { .. }
        | Note::DirectionCorrected { .. }
        | Note::DirectionDoubt { .. }
        | Note::TotalsDiffer { .. }
        | Note::SummaryUnchecked
        | Note::HeldInWallet { .. } => {}
    }
}

fn every_file_error() -> Vec<FileError> {
    let s = |v: &str| v.to_owned();
    vec![
        FileError::Empty,
        FileError::Binary,
        FileError::Pdf,
        FileError::ZipNotSupported,
        FileError::XlsNotSupported,
        FileError::TooLarge { bytes: 600 << 20, limit: 512 << 20 },
        FileError::NestedArchive,
        FileError::ZipDamaged,
        FileError::XlsxDamaged,
        FileError::XlsxIncomplete,
        FileError::XlsxTooBig { limit: 512 << 20 },
        FileError::WorkbookCannotOpen { format: s("xlsx"), detail: s("bad zip") },
        FileError::WorkbookUnreadable { format: s("xls") },
        FileError::XlsDamaged { detail: s("sector chain loops") },
        FileError::NoSheetRows,
        FileError::TooManyMembers { max: 200 },
        FileError::ArchiveTooBig { limit: 512 << 20 },
        FileError::ArchiveEmpty,
        FileError::ArchiveUnreadable {
            members: vec![MemberNote { member: s("a.csv"), problem: MemberProblem::Damaged }],
        },
        FileError::UnknownEncoding { label: s("klingon") },
        FileError::WebPage { ext: Some(s(".xls")) },
        FileError::WebPage { ext: None },
        FileError::NoHeader { rows: 30 },
        FileError::NoAmountColumn,
        FileError::NoBankAmountColumn,
    ]
}

#[allow(dead_code)]
fn all_file_errors_listed(error: &FileError) {
    match error {
        FileError::Empty
        | FileError::Binary
        | FileError::Pdf
        | FileError::ZipNotSupported
        | FileError::XlsNotSupported
        | FileError::TooLarge { .. }
        | FileError::NestedArchive
        | FileError::ZipDamaged
        | FileError::XlsxDamaged
        | FileError::XlsxIncomplete
        | FileError::XlsxTooBig { .. }
        | FileError::WorkbookCannotOpen { .. }
        | FileError::WorkbookUnreadable { .. }
        | FileError::XlsDamaged { .. }
        | FileError::NoSheetRows
        | FileError::TooManyMembers { .. }
        | FileError::ArchiveTooBig { .. }
        | FileError::ArchiveEmpty
        | FileError::ArchiveUnreadable { .. }
        | FileError::UnknownEncoding { .. }
        | FileError::WebPage { .. }
        | FileError::NoHeader { .. }
        | FileError::NoAmountColumn
        | FileError::NoBankAmountColumn => {}
    }
}

fn is_snake_case(code: &str) -> bool {
    !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// Chinese words: at least one CJK character, and not the English sentence.
fn is_chinese(zh: &str, en: &str) -> bool {
    zh != en && zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_note_has_a_code_and_both_languages() {
    let mut codes = std::collections::BTreeSet::new();
    for note in every_note() {
        let code = note.code();
        assert!(is_snake_case(&code), "{note:?}: code '{code}'");
        codes.insert(code.clone());
        let (zh, en) = (note.text(Lang::Zh), note.text(Lang::En));
        assert!(!en.is_empty() && en != code, "{code}: no English words");
        assert!(is_chinese(&zh, &en), "{code}: no Chinese words ({zh})");
        // The typed value survives the report's JSON.
        let json = serde_json::to_string(&note).unwrap();
        assert_eq!(serde_json::from_str::<Note>(&json).unwrap(), note, "{json}");
    }
    assert_eq!(codes.len(), every_note().len(), "codes are unique");
}

#[test]
fn every_file_error_has_a_code_and_both_languages() {
    let mut codes = std::collections::BTreeSet::new();
    for error in every_file_error() {
        let code = error.code();
        assert!(is_snake_case(&code), "{error:?}: code '{code}'");
        codes.insert(code.clone());
        let (zh, en) = (error.text(Lang::Zh), error.text(Lang::En));
        assert!(!en.is_empty() && en != code, "{code}: no English words");
        assert!(is_chinese(&zh, &en), "{code}: no Chinese words ({zh})");
        let json = serde_json::to_string(&error).unwrap();
        assert_eq!(serde_json::from_str::<FileError>(&json).unwrap(), error, "{json}");
    }
    // `web_page` appears twice (with and without an extension).
    assert_eq!(codes.len(), every_file_error().len() - 1, "codes are unique");
}

#[test]
fn every_field_has_a_name_in_both_languages() {
    for field in Field::ALL {
        let (zh, en) = (field_name(Lang::Zh, field), field_name(Lang::En, field));
        assert!(is_chinese(zh, en), "{field:?}: {zh}");
        assert!(en.is_ascii() && !en.is_empty(), "{field:?}: {en}");
    }
}

#[test]
fn english_words_are_the_contract_sentences() {
    // The report's `reason` / `error` strings, as `shared/spec/report-json.md` shows them.
    let note =
        Note::BadCell { field: Field::Amount, value: "12,3x".into(), problem: Problem::NotANumber };
    assert_eq!(note.text(Lang::En), "amount '12,3x' is not a number");
    assert_eq!(note.text(Lang::Zh), "金额“12,3x”不是数字");
    assert_eq!(Note::TotalRow.text(Lang::En), "total row");
    assert_eq!(Note::BlankRows { rows: 61 }.text(Lang::En), "61 blank rows");
    // One cell, several cells: the drift the page's old parser had.
    let one = Note::CellCount { cells: 1, width: 5 };
    assert_eq!(one.text(Lang::En), "line has 1 cell but the header has 5; cannot line them up");
    assert_eq!(one.text(Lang::Zh), "这一行有 1 格，表头有 5 列，无法对齐");
}

#[test]
fn a_note_flattens_into_its_row() {
    let row = crate::accounting::RowNote::new(
        77,
        Note::BadCell { field: Field::Amount, value: "12,3x".into(), problem: Problem::NotANumber },
    );
    let json = serde_json::to_string(&row).unwrap();
    assert_eq!(
        json,
        r#"{"line":77,"reason":"amount '12,3x' is not a number","code":"bad_cell","field":"amount","value":"12,3x","problem":"not_a_number"}"#
    );
    assert_eq!(serde_json::from_str::<crate::accounting::RowNote>(&json).unwrap(), row);
}
