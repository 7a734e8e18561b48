//! 中文：行的跳过 / 拒绝原因、提示、文件无法读取的原因和字段名（[`super::Note`]、
//! [`super::FileError`]、[`super::Field`]）。A reviewer who does not read Rust can read this file
//! as the Chinese copy; the technical detail a reader reports (`detail`) stays as written.

use super::{
    BalanceSays, Doubt, FenEvidence, Field, FileError, MemberNote, MemberProblem, Money, Note,
    Problem, Wallet, human_size,
};

/// 行的原因或提示。
pub fn note(note: &Note) -> String {
    match note {
        Note::BlankLine | Note::EmptyRow => "空行".into(),
        Note::BlankRows { rows } => format!("{rows} 行空行"),
        Note::TotalRow => "合计行".into(),
        Note::RepeatedHeader => "重复的表头".into(),
        Note::SecondHeaderRow => "第二行表头".into(),
        Note::RepeatedGroupTitle => "重复的分组标题行".into(),
        Note::NoteLine => "说明行".into(),
        Note::CommentLine => "注释行".into(),
        Note::FooterBelowTable => "表格下方的页脚".into(),
        Note::LineUnreadable => "这一行无法读取".into(),
        Note::RecordType { record_type } => format!("记录类型为“{record_type}”的行（不是交易）"),
        Note::NoAmountColumn => "文件没有金额列".into(),
        Note::RoleUnknown => "文件类型未知：请选择文件类型".into(),
        Note::IdenticalFile { file } => format!("与文件“{file}”内容相同，只计一次"),
        Note::SameTransaction { file, other_line } => {
            format!("与 {file} 第 {other_line} 行是同一笔交易（导出的时间段重叠）")
        }
        Note::RoleUnconfirmed { .. } => "确认文件类型前暂不分析（见上方提示）".into(),
        Note::CellCount { cells, width } => {
            format!("这一行有 {cells} 格，表头有 {width} 列，无法对齐")
        }
        Note::BadCell { field, value, problem } => {
            format!("{}“{value}”{}", subject(*field), problem_words(*problem))
        }
        Note::EmptyCell { field } => format!("{}为空", subject(*field)),
        Note::AmountZero => "金额为零".into(),
        Note::NeitherDebitNorCredit => "借方和贷方都没有金额".into(),
        Note::BothDebitAndCredit => "借方和贷方都有金额".into(),
        Note::WithdrawalWithoutTime => "提现行的时间无法读取".into(),
        Note::WithdrawalWithoutAmount => "提现行的金额无法读取".into(),
        Note::NoDate => "没有日期".into(),
        Note::DirectionUnknown { doubt, balance } => {
            let why = doubt.as_ref().map_or(
                "不知道收支方向：没有正负号，也没有借贷标志说明是收入还是支出".to_owned(),
                doubt_words,
            );
            format!("{why}，{}", balance_words(*balance))
        }
        other => {
            wallet_note(other).or_else(|| mapping_note(other)).unwrap_or_else(|| warning(other))
        }
    }
}

/// 钱包文件和个人收款码账单的跳过原因。
fn wallet_note(note: &Note) -> Option<String> {
    let text = match note {
        Note::WalletSummary => {
            "钱包汇总表：只有合计，不是逐笔收款；业务汇总用来核对同一账户的业务明细"
        }
        Note::WalletAccountFlow => {
            "支付宝账务明细：记录余额变动，不是逐笔收款；收款从业务明细读取（这里只读提现行，作为转到银行的钱）"
        }
        Note::WalletFundFlow => {
            "微信支付资金账单：记录余额变动，不是逐笔收款；收款从交易账单读取（这里只读提现行，作为转到银行的钱）"
        }
        Note::PersonalRefund => "本账户自己购物的退款（收入，退款）：不是顾客付给店里的钱",
        Note::PersonalPaidOut => "本账户付出的钱（支出）：不是顾客付给店里的钱",
        Note::OwnersWithdrawal => {
            "店主自己把零钱 / 余额提现到银行卡：不是顾客付给店里的钱，也不是应到账的结算款"
        }
        Note::PersonalNeither => "不计收支（如零钱转账）：不是顾客付给店里的钱",
        Note::PersonalFlowEmpty => "收/支为空：分不清是顾客付给店里的钱还是店里付出的钱",
        _ => return None,
    };
    Some(text.to_owned())
}

/// 保存的列映射读出的结果（`normalize/preview.rs`）。
fn mapping_note(note: &Note) -> Option<String> {
    Some(match note {
        Note::MappingMostlyUnknown { unknown, rows } => {
            format!("{rows} 行中 {unknown} 行结果待定：请检查状态列的取值对应")
        }
        Note::MappingMostlyRejected { rejected, rows } => {
            format!("{rows} 行中 {rejected} 行无法读取：请检查列映射")
        }
        _ => return None,
    })
}

/// 行和文件的提示。
fn warning(note: &Note) -> String {
    match note {
        Note::NoHeaderLine { layout, fields } => {
            format!("没有表头行：按 {fields} 个字段识别为已知格式 {layout} 读取")
        }
        Note::InvalidBytes { count, encoding } => format!(
            "有 {count} 处字节不是有效的 {encoding}，显示为“\u{fffd}”（如果文字看起来不对，请选择文件的编码）"
        ),
        Note::MemberUnreadable { member, problem } => {
            member_words(&MemberNote { member: member.clone(), problem: *problem })
        }
        Note::SheetWithoutTable { sheet } => format!("工作表“{sheet}”里没有账单表格，未读取"),
        Note::SheetUnreadable { sheet, detail } => format!("工作表“{sheet}”无法读取（{detail}）"),
        Note::SheetDamaged { after_row, detail } => {
            format!("工作表在第 {after_row} 行之后已损坏（{detail}），下面的行未读取")
        }
        Note::SheetCut { max_cells, row } => {
            format!("工作表的非空单元格超过 {max_cells} 个，从第 {row} 行起未读取")
        }
        Note::MappingUnknownField { field } => format!("保存的列映射里有未知字段“{field}”"),
        Note::MappingNoColumn { column, field } => {
            format!("保存的列映射：文件里没有“{column}”列（{field}）")
        }
        Note::ScientificId { field, value } => format!(
            "{}“{value}”被 Excel 改成了科学计数法，丢了数字；这一行照常使用，但不用这个号码",
            self::field(*field)
        ),
        Note::AmountsInFen { evidence } => {
            let why = match evidence {
                FenEvidence::Layout => "这个格式的金额以分为单位",
                FenEvidence::WholeFees => "金额和手续费都是整数",
                FenEvidence::LargeUneven => "金额都是较大的整数，且大多不是 100 的倍数",
            };
            format!("金额按“分”读取：表头没有写单位，而且{why}")
        }
        Note::FlagLearned { flag, direction, seen } => format!(
            "标志“{flag}”按{}读取：另外 {seen} 行带这个标志的余额变化都是这样",
            money(*direction)
        ),
        Note::DirectionCorrected { said, shown } => format!(
            "这一行写的是{}，但余额按这笔金额{}了，按{}读取",
            money(*said),
            balance_moved(*shown),
            money(*shown)
        ),
        Note::DirectionDoubt { doubt, said } => {
            format!("{}；按{}读取", doubt_words(doubt), money(*said))
        }
        Note::TotalsDiffer { source, label, count, stated, read } => {
            let place = source.as_deref().map_or(String::new(), |s| format!("“{s}”："));
            let q = |v: i64| {
                if *count {
                    format!("{v} 笔")
                } else {
                    super::money::money(crate::config::Lang::Zh, v)
                }
            };
            let (stated, read, diff) = (q(*stated), q(*read), q(stated - read));
            format!("{place}{label}写的是 {stated}，读到的行合计 {read}，相差 {diff}")
        }
        Note::SummaryUnchecked => "没有载入同一账户同一时段的业务明细，这份汇总的合计未核对".into(),
        Note::HeldInWallet { wallet } => {
            let name = match wallet {
                Wallet::Alipay => "支付宝",
                Wallet::Wechat => "微信",
            };
            format!(
                "未跟踪到账：这些{name}收款留在钱包余额（余额 / 零钱）里，直到提现；没有载入提现记录（账务明细 / 资金账单里的提现行），无法知道何时到银行，因此不预期到账，也不报告未到账"
            )
        }
        // Every other variant is worded in `note` or `wallet_note`.
        other => other.code(),
    }
}

/// 文件无法读取的原因。
pub fn file_error(error: &FileError) -> String {
    match error {
        FileError::Empty => "文件是空的".into(),
        FileError::Binary => "文件不是文本（二进制数据），请把账单导出为 CSV".into(),
        FileError::Pdf => "无法读取 PDF 账单，请导出为 CSV".into(),
        FileError::ZipNotSupported => "暂不支持这种 xlsx / zip 文件，请把工作表另存为 CSV".into(),
        FileError::XlsNotSupported => "暂不支持这种 xls 文件，请把工作表另存为 CSV".into(),
        FileError::TooLarge { bytes, limit } => format!(
            "文件有 {}，超过上限 {}：请导出较短的时间段",
            human_size(*bytes),
            human_size(*limit)
        ),
        FileError::NestedArchive => "压缩包里的压缩包不会打开：请先解压".into(),
        FileError::ZipDamaged => "压缩包已损坏或不完整，请重新下载".into(),
        FileError::XlsxDamaged => {
            "xlsx 工作簿已损坏或不完整：请重新下载，或用 Excel 打开后重新保存".into()
        }
        FileError::XlsxIncomplete => "xlsx 工作簿已损坏或不完整，请重新下载".into(),
        FileError::XlsxTooBig { limit } => {
            format!("xlsx 工作簿解压后超过 {}：请导出较短的时间段", human_size(*limit))
        }
        FileError::WorkbookCannotOpen { format, detail } => {
            format!("{format} 工作簿无法打开（{detail}），请重新下载")
        }
        FileError::WorkbookUnreadable { format } => {
            format!("{format} 工作簿已损坏：请用 Excel 打开后重新保存，或导出为 CSV")
        }
        FileError::XlsDamaged { detail } => {
            format!("xls 工作簿已损坏（{detail}）：请用 Excel 打开后重新保存，或导出为 CSV")
        }
        FileError::NoSheetRows => "工作簿的所有工作表都是空的".into(),
        FileError::TooManyMembers { max } => {
            format!("压缩包里超过 {max} 个文件：请解压后分别上传账单")
        }
        FileError::ArchiveTooBig { limit } => {
            format!("压缩包解压后超过 {}：请解压后逐个上传账单", human_size(*limit))
        }
        FileError::ArchiveEmpty => "压缩包里没有文件".into(),
        FileError::ArchiveUnreadable { members } => {
            let notes: Vec<String> = members.iter().map(member_words).collect();
            format!("压缩包里没有可读的账单（{}）", notes.join("；"))
        }
        FileError::UnknownEncoding { label } => format!("选择的编码“{label}”无法识别"),
        FileError::WebPage { ext: Some(ext) } => format!(
            "这个 {ext} 文件其实是网页（HTML），只是以 {ext} 命名：请用 Excel 打开后另存为 .xlsx 或 CSV"
        ),
        FileError::WebPage { ext: None } => {
            "这个文件是网页（HTML）：请用 Excel 打开后另存为 .xlsx 或 CSV".into()
        }
        FileError::NoHeader { rows } => format!(
            "没有找到表头：前 {rows} 行里没有“交易时间”“交易金额”等已知列名。可在下方“调整列映射”里手动指定。"
        ),
        FileError::NoAmountColumn => "没有找到金额列（如“交易金额”）".into(),
        FileError::NoBankAmountColumn => {
            "没有找到金额列（如“贷方发生额”“收入金额”或“交易金额”）".into()
        }
    }
}

/// 压缩包里某个文件：原因。
fn member_words(note: &MemberNote) -> String {
    let why = match note.problem {
        MemberProblem::Unsupported => "无法解压（已损坏或压缩方式不支持）",
        MemberProblem::Encrypted => "有密码保护",
        MemberProblem::Damaged => "无法解压（已损坏）",
    };
    format!("{}：{why}", note.member)
}

/// 原因里说到的单元格。
fn subject(field: Field) -> &'static str {
    match field {
        Field::Debit => "借方金额",
        Field::Credit => "贷方金额",
        Field::Direction => "借贷标志",
        Field::TimeOfDay => "时分秒",
        Field::Time => "时间",
        Field::Date => "日期",
        other => self::field(other),
    }
}

fn problem_words(problem: Problem) -> &'static str {
    match problem {
        Problem::NotANumber => "不是数字",
        Problem::FractionOfFen => "在以分为单位的列里带小数",
        Problem::TooLarge => "太大",
        Problem::NotADate => "不是日期",
        Problem::NotADateTime => "不是日期时间",
        Problem::NotATime => "不是时间",
    }
}

fn doubt_words(doubt: &Doubt) -> String {
    match doubt {
        Doubt::NegativeCredit => "贷方列里是负数".into(),
        Doubt::FlagAgainstSign { flag } => format!("标志“{flag}”和金额的正负号不一致"),
        Doubt::FlagEmpty => "借贷标志为空".into(),
        Doubt::FlagUnknown { flag } => format!("借贷标志“{flag}”既不是借也不是贷"),
    }
}

fn balance_words(balance: BalanceSays) -> &'static str {
    match balance {
        BalanceSays::NoBalanceColumn => "文件也没有余额列可以判断",
        BalanceSays::NoBalanceOnLine => "这一行也没有余额可以判断",
        BalanceSays::CannotTell => "余额也无法判断（前面没有行，或余额在这里断开）",
    }
}

fn money(direction: Money) -> &'static str {
    match direction {
        Money::In => "收入",
        Money::Out => "支出",
    }
}

fn balance_moved(direction: Money) -> &'static str {
    match direction {
        Money::In => "增加",
        Money::Out => "减少",
    }
}

/// 字段的中文名。
pub fn field(field: Field) -> &'static str {
    match field {
        Field::Time => "交易时间",
        Field::Date => "交易日期",
        Field::TimeOfDay => "时间（时分秒）",
        Field::Amount => "金额",
        Field::Fee => "手续费",
        Field::Net => "结算金额",
        Field::MerchantId => "商户号",
        Field::TerminalId => "终端号",
        Field::BatchNo => "批次号",
        Field::Stan => "凭证号",
        Field::Rrn => "参考号",
        Field::AuthCode => "授权码",
        Field::Card => "卡号",
        Field::TxnType => "交易类型",
        Field::ResponseCode => "应答码",
        Field::ResponseText => "应答信息",
        Field::Status => "交易状态",
        Field::SettlementDate => "清算日期",
        Field::OrderId => "订单号",
        Field::ChannelOrderId => "渠道订单号",
        Field::OrigRrn => "原参考号",
        Field::OrigStan => "原凭证号",
        Field::PayOrderId => "支付单号",
        Field::Debit => "支出（借方）",
        Field::Credit => "收入（贷方）",
        Field::Direction => "借贷标志",
        Field::Counterparty => "对方户名",
        Field::Memo => "摘要",
        Field::Balance => "余额",
        Field::CardType => "卡类型",
        Field::PayMethod => "支付方式",
    }
}
