//! The English words of [`super::Note`], [`super::FileError`] and the field names. These
//! sentences are the report's `reason` and `error` strings: stable, part of the contract.

use super::{
    BalanceSays, Doubt, FenEvidence, Field, FileError, MemberNote, MemberProblem, Money, Note,
    Problem, Wallet, human_size,
};

/// A row note or warning.
pub fn note(note: &Note) -> String {
    match note {
        Note::BlankLine => "blank line".into(),
        Note::EmptyRow => "empty row".into(),
        Note::BlankRows { rows } => format!("{rows} blank rows"),
        Note::TotalRow => "total row".into(),
        Note::RepeatedHeader => "repeated header row".into(),
        Note::SecondHeaderRow => "second header row".into(),
        Note::RepeatedGroupTitle => "repeated group title row".into(),
        Note::NoteLine => "note line".into(),
        Note::CommentLine => "comment line".into(),
        Note::FooterBelowTable => "footer below the table".into(),
        Note::LineUnreadable => "line could not be read".into(),
        Note::RecordType { record_type } => {
            format!("record type '{record_type}' line (not a transaction)")
        }
        Note::NoAmountColumn => "file has no amount column".into(),
        Note::RoleUnknown => "file role unknown; choose the file's role".into(),
        Note::IdenticalFile { file } => format!("identical to file '{file}', counted once"),
        Note::SameTransaction { file, other_line } => {
            format!("same transaction as {file} line {other_line} (overlapping export)")
        }
        Note::RoleUnconfirmed { detail } => {
            format!("not analysed until the file's role is confirmed: {detail}")
        }
        Note::CellCount { cells, width } => {
            let word = if *cells == 1 { "cell" } else { "cells" };
            format!("line has {cells} {word} but the header has {width}; cannot line them up")
        }
        Note::BadCell { field, value, problem } => {
            format!("{} '{value}' {}", subject(*field), problem_words(*problem))
        }
        Note::EmptyCell { field } => format!("{} is empty", subject(*field)),
        Note::AmountZero => "amount is zero".into(),
        Note::NeitherDebitNorCredit => "neither a debit nor a credit amount".into(),
        Note::BothDebitAndCredit => "both a debit and a credit amount".into(),
        Note::WithdrawalWithoutTime => "withdrawal (提现) row without a readable time".into(),
        Note::WithdrawalWithoutAmount => "withdrawal (提现) row without a readable amount".into(),
        Note::NoDate => "no date".into(),
        Note::DirectionUnknown { doubt, balance } => {
            let why = doubt.as_ref().map_or(
                "direction unknown: no sign or debit/credit flag says whether the money came in or went out"
                    .to_owned(),
                doubt_words,
            );
            format!("{why}, {}", balance_words(*balance))
        }
        other => {
            wallet_note(other).or_else(|| mapping_note(other)).unwrap_or_else(|| warning(other))
        }
    }
}

/// The wallet files' and personal bills' skip reasons.
fn wallet_note(note: &Note) -> Option<String> {
    let text = match note {
        Note::WalletSummary => {
            "wallet summary (汇总): totals, not payments; a 业务汇总 checks the 业务明细 of its account"
        }
        Note::WalletAccountFlow => {
            "wallet account flow (账务明细): balances, not payments; payments are read from the 业务明细 (only 提现 rows are read, as withdrawals to the bank)"
        }
        Note::WalletFundFlow => {
            "wallet fund flow (资金账单): balances, not payments; payments are read from the 交易账单 (only 提现 rows are read, as withdrawals to the bank)"
        }
        Note::PersonalRefund => {
            "refund of a purchase the account made (收入, 退款): not a payment to the shop"
        }
        Note::PersonalPaidOut => "money paid out by the account (支出): not a payment to the shop",
        Note::OwnersWithdrawal => {
            "the owner's own withdrawal (零钱提现 / 余额提现) to a bank card: not a payment to the shop, nor a payout it is owed"
        }
        Note::PersonalNeither => {
            "neither income nor expense (不计收支 / 零钱 transfer): not a payment to the shop"
        }
        Note::PersonalFlowEmpty => {
            "收/支 is empty: cannot tell a payment to the shop from one made by it"
        }
        _ => return None,
    };
    Some(text.to_owned())
}

/// What a saved mapping made of a table (`normalize/preview.rs`).
fn mapping_note(note: &Note) -> Option<String> {
    Some(match note {
        Note::MappingMostlyUnknown { unknown, rows } => format!(
            "{unknown} of {rows} rows have no known outcome: check what the status column's values mean"
        ),
        Note::MappingMostlyRejected { rejected, rows } => {
            format!("{rejected} of {rows} rows could not be read: check the column mapping")
        }
        _ => return None,
    })
}

/// The warnings on rows and files.
fn warning(note: &Note) -> String {
    match note {
        Note::NoHeaderLine { layout, fields } => {
            format!("no header line; read as the {layout} layout by its {fields} fields")
        }
        Note::InvalidBytes { count, encoding } => format!(
            "{count} byte sequence(s) are not valid {encoding}; they show as '\u{fffd}' (choose the file's encoding if the text looks wrong)"
        ),
        Note::MemberUnreadable { member, problem } => {
            member_words(&MemberNote { member: member.clone(), problem: *problem })
        }
        Note::SheetWithoutTable { sheet } => {
            format!("sheet '{sheet}' holds no statement table; not read")
        }
        Note::SheetUnreadable { sheet, detail } => {
            format!("sheet '{sheet}' cannot be read ({detail})")
        }
        Note::SheetDamaged { after_row, detail } => {
            format!("sheet is damaged after row {after_row} ({detail}); rows below were not read")
        }
        Note::SheetCut { max_cells, row } => format!(
            "sheet has more than {max_cells} filled cells; rows from {row} on were not read"
        ),
        Note::MappingUnknownField { field } => {
            format!("saved mapping names an unknown field '{field}'")
        }
        Note::MappingNoColumn { column, field } => {
            format!("saved mapping: no column '{column}' for {field}")
        }
        Note::ScientificId { field, value } => format!(
            "{} '{value}' lost digits in Excel (scientific notation); the row is used without it",
            field.as_str()
        ),
        Note::AmountsInFen { evidence } => {
            let why = match evidence {
                FenEvidence::Layout => "this layout writes 分",
                FenEvidence::WholeFees => "amounts and fees are whole numbers",
                FenEvidence::LargeUneven => {
                    "the amounts are large whole numbers, most not a multiple of 100"
                }
            };
            format!("amounts read as 分 (fen): the header names no unit and {why}")
        }
        Note::FlagLearned { flag, direction, seen } => format!(
            "flag '{flag}' read as money {}, as the balance shows on {seen} other lines with it",
            money(*direction)
        ),
        Note::DirectionCorrected { said, shown } => format!(
            "the row says money {}, but the balance {} by this amount; read as money {}",
            money(*said),
            balance_moved(*shown),
            money(*shown)
        ),
        Note::DirectionDoubt { doubt, said } => {
            format!("{}; read as money {}", doubt_words(doubt), money(*said))
        }
        Note::TotalsDiffer { source, label, count, stated, read } => {
            let place = source.as_deref().map_or(String::new(), |s| format!("'{s}': "));
            let q = |v: i64| if *count { format!("{v} row{}", if v.abs() == 1 { "" } else { "s" }) } else { super::money::money(crate::config::Lang::En, v) };
            let (stated, read, diff) = (q(*stated), q(*read), q(stated - read));
            format!("{place}{label} states {stated}, the rows read give {read}; they differ by {diff}")
        }
        Note::SummaryUnchecked => "no 业务明细 of the same account and period is loaded; this summary's totals are not checked".into(),
        Note::HeldInWallet { wallet } => {
            let name = match wallet {
                Wallet::Alipay => "支付宝 (Alipay)",
                Wallet::Wechat => "微信 (WeChat)",
            };
            format!(
                "payouts not followed: these {name} payments stay in the wallet's balance (余额 / 零钱) until withdrawn, and no withdrawals (提现 rows of a 账务明细 / 资金账单) are loaded, so when they reach the bank cannot be known; no payout is expected from them and none is reported missing"
            )
        }
        // Every other variant is worded in `note` or `wallet_note`.
        other => other.code(),
    }
}

/// A file that could not be read.
pub fn file_error(error: &FileError) -> String {
    match error {
        FileError::Empty => "file is empty".into(),
        FileError::Binary => "file is not text (binary data); export the statement as CSV".into(),
        FileError::Pdf => "PDF statements cannot be read; export the statement as CSV".into(),
        FileError::ZipNotSupported => {
            "xlsx and zip files are not supported yet; save the sheet as CSV".into()
        }
        FileError::XlsNotSupported => {
            "xls files are not supported yet; save the sheet as CSV".into()
        }
        FileError::TooLarge { bytes, limit } => format!(
            "file is {}; the limit is {}: export a shorter period",
            human_size(*bytes),
            human_size(*limit)
        ),
        FileError::NestedArchive => {
            "an archive inside an archive is not opened; unpack it first".into()
        }
        FileError::ZipDamaged => "ZIP archive is damaged or incomplete; download it again".into(),
        FileError::XlsxDamaged => "xlsx workbook is damaged or incomplete; download it again, or open it in Excel and save it again".into(),
        FileError::XlsxIncomplete => {
            "xlsx workbook is damaged or incomplete; download it again".into()
        }
        FileError::XlsxTooBig { limit } => format!(
            "xlsx workbook unpacks to more than {}; export a shorter period",
            human_size(*limit)
        ),
        FileError::WorkbookCannotOpen { format, detail } => {
            format!("{format} workbook cannot be opened ({detail}); download it again")
        }
        FileError::WorkbookUnreadable { format } => format!(
            "{format} workbook is damaged and cannot be read; \
             open it in Excel and save it again, or export CSV"
        ),
        FileError::XlsDamaged { detail } => format!(
            "xls workbook is damaged: {detail}; open it in Excel and save it again, or export CSV"
        ),
        FileError::NoSheetRows => "workbook has no rows in any sheet".into(),
        FileError::TooManyMembers { max } => {
            format!("archive holds more than {max} files; unpack it and upload the statements")
        }
        FileError::ArchiveTooBig { limit } => format!(
            "archive unpacks to more than {}; unpack it and upload the statements one by one",
            human_size(*limit)
        ),
        FileError::ArchiveEmpty => "archive holds no files".into(),
        FileError::ArchiveUnreadable { members } => {
            let notes: Vec<String> = members.iter().map(member_words).collect();
            format!("archive holds no readable statement ({})", notes.join("; "))
        }
        FileError::UnknownEncoding { label } => {
            format!("unknown encoding '{label}' chosen for this file")
        }
        FileError::WebPage { ext: Some(ext) } => format!(
            "this {ext} is a web page (HTML) saved under an {ext} name: open it in Excel and save it as .xlsx or CSV"
        ),
        FileError::WebPage { ext: None } => {
            "this file is a web page (HTML): open it in Excel and save it as .xlsx or CSV".into()
        }
        FileError::NoHeader { rows } => format!(
            "no header row found: none of the first {rows} lines names known columns such as 交易时间 or 交易金额"
        ),
        FileError::NoAmountColumn => "no amount column found (such as 交易金额)".into(),
        FileError::NoBankAmountColumn => {
            "no amount column found (such as 贷方发生额, 收入金额 or 交易金额)".into()
        }
    }
}

/// `name: why` for an archive member.
fn member_words(note: &MemberNote) -> String {
    let why = match note.problem {
        MemberProblem::Unsupported => "cannot be unpacked (damaged or an unsupported method)",
        MemberProblem::Encrypted => "is password-protected",
        MemberProblem::Damaged => "cannot be unpacked (damaged)",
    };
    format!("{}: {why}", note.member)
}

/// The cell a row reason names.
fn subject(field: Field) -> &'static str {
    match field {
        Field::Net => "net amount",
        Field::TimeOfDay => "time of day",
        Field::SettlementDate => "settlement date",
        Field::Direction => "debit/credit flag",
        other => other.as_str(),
    }
}

fn problem_words(problem: Problem) -> &'static str {
    match problem {
        Problem::NotANumber => "is not a number",
        Problem::FractionOfFen => "has decimals in a fen (分) column",
        Problem::TooLarge => "is too large",
        Problem::NotADate => "is not a date",
        Problem::NotADateTime => "is not a date and time",
        Problem::NotATime => "is not a time",
    }
}

fn doubt_words(doubt: &Doubt) -> String {
    match doubt {
        Doubt::NegativeCredit => "a negative amount in the credit column".into(),
        Doubt::FlagAgainstSign { flag } => format!("flag '{flag}' and the amount's sign disagree"),
        Doubt::FlagEmpty => "debit/credit flag is empty".into(),
        Doubt::FlagUnknown { flag } => format!("debit/credit flag '{flag}' is neither 借 nor 贷"),
    }
}

fn balance_words(balance: BalanceSays) -> &'static str {
    match balance {
        BalanceSays::NoBalanceColumn => "and the file has no balance column to tell",
        BalanceSays::NoBalanceOnLine => "and the line has no balance to tell",
        BalanceSays::CannotTell => {
            "and the balance cannot tell (no line before it, or the chain breaks here)"
        }
    }
}

fn money(direction: Money) -> &'static str {
    match direction {
        Money::In => "in",
        Money::Out => "out",
    }
}

fn balance_moved(direction: Money) -> &'static str {
    match direction {
        Money::In => "rose",
        Money::Out => "fell",
    }
}

/// The English name of a canonical field.
pub fn field(field: Field) -> &'static str {
    match field {
        Field::Time => "Time",
        Field::Date => "Date",
        Field::TimeOfDay => "Time of day",
        Field::Amount => "Amount",
        Field::Fee => "Fee",
        Field::Net => "Net amount",
        Field::MerchantId => "Merchant id",
        Field::TerminalId => "Terminal id",
        Field::BatchNo => "Batch no.",
        Field::Stan => "Voucher no. (STAN)",
        Field::Rrn => "Reference no. (RRN)",
        Field::AuthCode => "Auth code",
        Field::Card => "Card",
        Field::TxnType => "Type",
        Field::ResponseCode => "Response code",
        Field::ResponseText => "Response text",
        Field::Status => "Status",
        Field::SettlementDate => "Settlement date",
        Field::OrderId => "Order no.",
        Field::ChannelOrderId => "Wallet order no.",
        Field::OrigRrn => "Original RRN",
        Field::OrigStan => "Original STAN",
        Field::PayOrderId => "Payment no.",
        Field::Debit => "Debit",
        Field::Credit => "Credit",
        Field::Direction => "Debit/credit flag",
        Field::Counterparty => "Counterparty",
        Field::Memo => "Memo",
        Field::Balance => "Balance",
        Field::CardType => "Card type",
        Field::PayMethod => "Payment method",
    }
}
