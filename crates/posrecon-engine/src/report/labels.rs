//! Names of the report's enums in Chinese and English, for the exports (HTML, CSV, XLSX).
//!
//! Finding kinds carry their own labels ([`Kind::label`]); these are the rest. The web page uses
//! these same functions (re-exported from its `i18n` module), so page and exports agree.
//!
//! The proofs of a file's reading (its running balance, its own totals) and the reason its role
//! is in doubt are worded here too: the merchant reads the same sentence on the file card and in
//! the downloaded report, so a break or a disagreeing total is never described two ways.

use crate::config::Lang;
use crate::model::{PayMethod, Role, TxnType};
use crate::report::money::money;
use crate::report::{
    BalanceBreak, BalanceCheck, Cause, ChainKind, DepositHop, Input, Kind, Note, OrderHop,
    RoleDoubt, SettlementHop, Severity, TerminalHop, TotalsCheck,
};

/// Name of a severity: 高 / 中 / 低 / 提示.
pub fn severity(lang: Lang, severity: Severity) -> &'static str {
    match severity {
        Severity::High => lang.pick("高", "High"),
        Severity::Medium => lang.pick("中", "Medium"),
        Severity::Low => lang.pick("低", "Low"),
        Severity::Info => lang.pick("提示", "Info"),
    }
}

/// snake_case name of a severity (`high`, ...), as in the JSON.
pub fn severity_key(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
        Severity::Info => "info",
    }
}

/// Name of a file role.
pub fn role(lang: Lang, role: Role) -> &'static str {
    match role {
        Role::TerminalLog => lang.pick("终端交易流水", "Terminal log"),
        Role::AcquirerStatement => lang.pick("收单对账单", "Acquirer statement"),
        Role::BankStatement => lang.pick("银行流水", "Bank statement"),
        Role::OrderList => lang.pick("收银订单", "Cashier orders"),
        Role::WalletBill => lang.pick("微信/支付宝账单", "WeChat Pay/Alipay bill"),
    }
}

/// Name of a cause.
pub fn cause(lang: Lang, cause: Cause) -> &'static str {
    match cause {
        Cause::Network => lang.pick("终端网络", "Terminal network"),
        Cause::Signal => lang.pick("信号差（固定时段或位置）", "Poor signal (recurring)"),
        Cause::BankSystem => lang.pick("收单/银联系统故障", "Acquirer or switch fault"),
        Cause::WalletSystem => lang.pick("微信/支付宝系统故障", "WeChat Pay or Alipay outage"),
        Cause::Issuer => lang.pick("发卡行故障", "Card issuer fault"),
        Cause::Terminal => lang.pick("终端设备", "Terminal device"),
        Cause::Operator => lang.pick("收银员操作", "Cashier operation"),
        Cause::Cardholder => lang.pick("持卡人原因", "Cardholder"),
        Cause::Unknown => lang.pick("未知", "Unknown"),
    }
}

/// Name of the cardholder declines profile (`Report::cardholder_declines`): 持卡人原因被拒, the
/// declines that are the card's business (51, 55, 54, 61 ...). Not 拒付, which is a chargeback.
pub fn cardholder_declines(lang: Lang) -> &'static str {
    lang.pick("持卡人原因被拒", "Cardholder declines")
}

/// Name of a transaction type.
pub fn txn_type(lang: Lang, txn_type: TxnType) -> &'static str {
    match txn_type {
        TxnType::Sale => lang.pick("消费", "Sale"),
        TxnType::Void => lang.pick("撤销", "Void"),
        TxnType::Refund => lang.pick("退货", "Refund"),
        TxnType::Reversal => lang.pick("冲正", "Reversal"),
        TxnType::PreauthCompletion => lang.pick("预授权完成", "Pre-auth completion"),
        TxnType::Deposit => lang.pick("入账", "Deposit"),
        TxnType::Other => lang.pick("其他", "Other"),
    }
}

/// Name of a way to pay (`RecordRef.pay_method`): 银行卡 / 微信支付 / 支付宝 / 扫码 / 现金 / 其他.
pub fn pay_method(lang: Lang, method: PayMethod) -> &'static str {
    match method {
        PayMethod::Card => lang.pick("银行卡", "Card"),
        PayMethod::Wechat => lang.pick("微信支付", "WeChat Pay"),
        PayMethod::Alipay => lang.pick("支付宝", "Alipay"),
        PayMethod::Qr => lang.pick("扫码", "QR"),
        PayMethod::Cash => lang.pick("现金", "Cash"),
        PayMethod::Other => lang.pick("其他", "Other"),
    }
}

/// Name of a finding kind (the kind's own label).
pub fn kind(lang: Lang, kind: Kind) -> &'static str {
    kind.label(lang)
}

/// The report's language (`report.lang`), Chinese when unknown.
pub fn report_lang(lang: &str) -> Lang {
    Lang::parse(lang).unwrap_or_default()
}

/// How many break lines a balance summary names before "and n more".
const BREAKS_NAMED: usize = 5;

/// The running-balance proof in one line: `余额连续：42/42 行核对一致`, or with breaks
/// `余额不连续：40/42 行核对一致，第 17 行、第 30 行前后对不上`.
pub fn balance_summary(lang: Lang, check: &BalanceCheck) -> String {
    let (confirmed, lines) = (check.confirmed, check.lines);
    if check.breaks.is_empty() {
        return match (lang, confirmed == lines) {
            (Lang::Zh, true) => format!("余额连续：{confirmed}/{lines} 行核对一致"),
            (Lang::Zh, false) => format!("余额核对：{confirmed}/{lines} 行核对一致"),
            (Lang::En, true) => {
                format!("Running balance follows: {confirmed}/{lines} lines agree")
            }
            (Lang::En, false) => format!("Running balance: {confirmed}/{lines} lines agree"),
        };
    }
    let named: Vec<u32> = check.breaks.iter().take(BREAKS_NAMED).map(|b| b.line).collect();
    let more = check.breaks.len() - named.len();
    match lang {
        Lang::Zh => {
            let list: Vec<String> = named.iter().map(|l| format!("第 {l} 行")).collect();
            let more =
                if more > 0 { format!("等 {} 处", check.breaks.len()) } else { String::new() };
            format!(
                "余额不连续：{confirmed}/{lines} 行核对一致，{}{more}前后对不上",
                list.join("、")
            )
        }
        Lang::En => {
            let list: Vec<String> = named.iter().map(u32::to_string).collect();
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            let (noun, verb) =
                if check.breaks.len() == 1 { ("line", "does") } else { ("lines", "do") };
            format!(
                "Running balance breaks: {confirmed}/{lines} lines agree; {noun} {}{more} {verb} \
                 not follow from the one before",
                list.join(", ")
            )
        }
    }
}

/// One balance break: `第 17 行：按前一笔（第 16 行）应为 1,884.09 元，文件写 1,874.09 元`.
/// "前一笔" (the previous entry in time), not "上一行": in a newest-first file it is the line
/// below.
pub fn balance_break(lang: Lang, b: &BalanceBreak) -> String {
    let (expected, stated) = (money(lang, b.expected_cents), money(lang, b.stated_cents));
    match lang {
        Lang::Zh => format!(
            "第 {} 行：按前一笔（第 {} 行）应为 {expected}，文件写 {stated}",
            b.line, b.previous_line
        ),
        Lang::En => format!(
            "Line {}: from the entry before it (line {}) it should be {expected}; the file says \
             {stated}",
            b.line, b.previous_line
        ),
    }
}

/// Heading of a file's totals checks: `文件合计核对` / `The file's own totals`.
pub fn totals_heading(lang: Lang) -> &'static str {
    lang.pick("文件合计核对", "The file's own totals")
}

/// One of a file's own totals against the rows read: `金额 2,826.50 元 一致`, or
/// `笔数不一致：文件写 5，读到 4，差 1`. Where the total is written follows in brackets when it is
/// a line of this file or a summary file.
pub fn totals_check(lang: Lang, check: &TotalsCheck) -> String {
    let measure = match check.measure.as_str() {
        "count" => lang.pick("笔数", "row count"),
        "amount" => lang.pick("金额", "amount"),
        "fee" => lang.pick("手续费", "fee total"),
        "net" => lang.pick("结算金额", "net total"),
        "refund" => lang.pick("退款", "refund total"),
        "credit" => lang.pick("收入", "credit total"),
        "debit" => lang.pick("支出", "debit total"),
        other => other,
    };
    let value = |v: i64| {
        if check.measure == "count" { v.to_string() } else { money(lang, v) }
    };
    let mut text = if check.agrees {
        match lang {
            Lang::Zh => format!("{measure} {} 一致", value(check.stated)),
            Lang::En => format!("{measure} {} agrees", value(check.stated)),
        }
    } else {
        let diff = value((check.read - check.stated).abs());
        let (stated, read) = (value(check.stated), value(check.read));
        match lang {
            Lang::Zh => format!("{measure}不一致：文件写 {stated}，读到 {read}，差 {diff}"),
            Lang::En => format!(
                "{measure} does not agree: the file says {stated}, the rows read give {read}, \
                 {diff} apart"
            ),
        }
    };
    match (&check.source, check.line, lang) {
        (Some(source), _, Lang::Zh) => text.push_str(&format!("（汇总文件「{source}」）")),
        (Some(source), _, Lang::En) => text.push_str(&format!(" (summary file {source})")),
        (None, 0, _) => {}
        (None, line, Lang::Zh) => text.push_str(&format!("（第 {line} 行）")),
        (None, line, Lang::En) => text.push_str(&format!(" (line {line})")),
    }
    text
}

/// Why a file's role is in doubt, for the merchant: the reason code worded, naming the detected
/// role (and the runner-up); the engine's English `detail` for a reason this table does not know.
pub fn role_doubt(lang: Lang, role: Option<Role>, doubt: &RoleDoubt) -> String {
    let detected = role.map(|r| self::role(lang, r));
    match (doubt.reason.as_str(), detected, doubt.runner_up) {
        ("low_confidence", Some(r), _) => match lang {
            Lang::Zh => format!("证据太少，看不准是哪种文件，暂按「{r}」读取"),
            Lang::En => {
                format!("Too little evidence to tell what this file is; read as {r} for now")
            }
        },
        ("close_runner_up", Some(r), Some(runner)) => {
            let runner = self::role(lang, runner);
            match lang {
                Lang::Zh => format!("既像「{r}」又像「{runner}」，两者难分"),
                Lang::En => format!("It looks as much like {runner} as like {r}"),
            }
        }
        ("balance_breaks", Some(r), _) => match lang {
            Lang::Zh => format!("按「{r}」读取时余额前后对不上，读法可能有误"),
            Lang::En => {
                format!("Read as {r}, its balances do not follow: the reading may be wrong")
            }
        },
        ("does_not_fit", Some(r), _) => match lang {
            Lang::Zh => format!("按「{r}」读取时与同时提供的其他文件对不上"),
            Lang::En => format!("Read as {r}, it does not fit the other files given with it"),
        },
        _ => doubt.detail.clone(),
    }
}

/// Before the reason a role is in doubt: `需要确认文件类型：` / `File type to confirm: `.
pub fn role_doubt_heading(lang: Lang) -> &'static str {
    lang.pick("需要确认文件类型：", "File type to confirm: ")
}

/// What follows from a role in doubt: `确认文件类型前，不据此文件报告资金问题`.
pub fn role_doubt_consequence(lang: Lang) -> &'static str {
    lang.pick(
        "确认文件类型前，不据此文件报告资金问题",
        "No money finding rests on this file until its type is confirmed",
    )
}

/// The files whose role waits for confirmation, named:
/// `1 个文件需要确认类型，确认前不据此报告资金问题：收款记录.csv`.
pub fn awaiting_role(lang: Lang, files: &[&str]) -> String {
    let n = files.len();
    match lang {
        Lang::Zh => {
            format!("{n} 个文件需要确认类型，确认前不据此报告资金问题：{}", files.join("、"))
        }
        Lang::En => format!(
            "{n} {} to be confirmed; no money finding rests on {} until then: {}",
            if n == 1 { "file needs its type" } else { "files need their type" },
            if n == 1 { "it" } else { "them" },
            files.join(", ")
        ),
    }
}

/// A skipped or rejected row's reason, or a warning, in `lang`: its typed [`Note`] worded by
/// [`crate::message`], once for the page and the exports. Every row of a file whose role is in
/// doubt only points to the doubt, which the file's card and row say once above the rows.
pub fn note(lang: Lang, note: &Note) -> String {
    if let Note::RoleUnconfirmed { .. } = note {
        return lang
            .pick(
                "确认文件类型前暂不分析（见上方提示）",
                "not analysed until the file's type is confirmed (see above)",
            )
            .to_owned();
    }
    note.text(lang)
}

/// Why a file could not be read, in `lang` (`None` when it was read).
pub fn file_error(lang: Lang, input: &Input) -> Option<String> {
    input.error_text(lang)
}

/// Name of a chain's kind (`Chain.kind`): 支付 / 撤销或退货（原交易不在文件中） / ...
pub fn chain_kind(lang: Lang, kind: ChainKind) -> &'static str {
    match kind {
        ChainKind::Payment => lang.pick("支付", "Payment"),
        ChainKind::Cancellation => lang.pick(
            "撤销/冲正/退货（原交易不在文件中）",
            "Void, reversal or refund (sale not in the files)",
        ),
        ChainKind::Order => lang.pick("订单（无支付记录）", "Order without a payment"),
        ChainKind::BankCredit => lang.pick("银行入账", "Bank credit"),
        ChainKind::BankDebit => lang.pick("银行支出", "Bank debit"),
        ChainKind::Withdrawal => lang.pick("钱包提现", "Wallet withdrawal"),
        ChainKind::Other => lang.pick("其他", "Other"),
    }
}

/// What the terminal log says of a chain (`Chain.terminal`).
pub fn terminal_hop(lang: Lang, hop: TerminalHop) -> &'static str {
    match hop {
        TerminalHop::Approved => lang.pick("终端成功", "Approved"),
        TerminalHop::Declined => lang.pick("终端失败", "Declined"),
        TerminalHop::Unknown => lang.pick("结果未知（超时）", "No reply (timeout)"),
        TerminalHop::Absent => lang.pick("终端流水中没有", "Not in the terminal log"),
        TerminalHop::NotCovered => {
            lang.pick("无对应时段的终端流水", "No terminal log for its time")
        }
    }
}

/// What the acquirer statements say of a chain (`Chain.settlement`).
pub fn settlement_hop(lang: Lang, hop: SettlementHop) -> &'static str {
    match hop {
        SettlementHop::Settled => lang.pick("已结算", "Settled"),
        SettlementHop::Cancelled => lang.pick("已撤销，无需结算", "Undone, nothing to settle"),
        SettlementHop::Absent => lang.pick("对账单中没有", "Not in the statement"),
        SettlementHop::NotCovered => {
            lang.pick("无对应清算日期的对账单", "No statement for its clearing date")
        }
    }
}

/// What the bank statements say of a chain's money (`Chain.deposit`).
pub fn deposit_hop(lang: Lang, hop: DepositHop) -> &'static str {
    match hop {
        DepositHop::Deposited => lang.pick("已到账", "Deposited"),
        DepositHop::Short => lang.pick("到账金额不符", "Deposit differs"),
        DepositHop::Missing => lang.pick("未到账", "Not deposited"),
        DepositHop::NotDue => lang.pick("未到到账日", "Not due yet"),
        DepositHop::NotCovered => {
            lang.pick("无对应日期的银行流水", "No bank statement for its date")
        }
        DepositHop::Unexplained => lang.pick("入账无对应结算", "Credit that pays no settled day"),
        DepositHop::TakenBack => lang.pick("银行已退回（冲正/退汇）", "Taken back by the bank"),
        DepositHop::HeldInWallet => lang.pick("留在钱包余额中", "Held in the wallet's balance"),
    }
}

/// Whether a chain has an order of the till's list (`Chain.order`).
pub fn order_hop(lang: Lang, hop: OrderHop) -> &'static str {
    match hop {
        OrderHop::Linked => lang.pick("有订单", "Order linked"),
        OrderHop::None => lang.pick("无订单", "No order"),
    }
}

/// How a chain's terminal and statement rows were paired (`Chain.matched_by`): 参考号, 终端号+凭证号,
/// 金额和时间, ...; a code this table does not know is shown as it is.
pub fn matched_by(lang: Lang, code: &str) -> &str {
    match code {
        "rrn" => lang.pick("参考号", "RRN"),
        "stan" => lang.pick("终端号+凭证号+日期", "Terminal, STAN and date"),
        "window" => lang.pick("终端号+金额+时间", "Terminal, amount and time"),
        "order_id" => lang.pick("订单号", "Order number"),
        "qr_window" => lang.pick("钱包+金额+时间", "Wallet, amount and time"),
        other => other,
    }
}

/// Name of a file format (`Input.format`): `fixed_width` in words, the others (`csv`, `xlsx`,
/// `xls`, `txt`) as the file type they are.
pub fn file_format(lang: Lang, format: &str) -> &str {
    match format {
        "fixed_width" => lang.pick("定长文本", "fixed-width text"),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_reasons_and_file_errors_in_the_report_language() {
        use crate::message::{Field, FileError, Problem};
        let bad = Note::BadCell {
            field: Field::Amount,
            value: "12,3x".to_owned(),
            problem: Problem::NotANumber,
        };
        assert_eq!(note(Lang::Zh, &bad), "金额“12,3x”不是数字");
        assert_eq!(note(Lang::En, &bad), "amount '12,3x' is not a number");
        let held = Note::RoleUnconfirmed { detail: "a close runner-up".to_owned() };
        assert_eq!(note(Lang::Zh, &held), "确认文件类型前暂不分析（见上方提示）");
        assert_eq!(
            note(Lang::En, &held),
            "not analysed until the file's type is confirmed (see above)"
        );
        let mut input =
            crate::ingest::read("a.zip", b"PK\x05\x06", &Default::default()).remove(0).input;
        assert_eq!(input.file_error, Some(FileError::ZipDamaged));
        assert_eq!(file_error(Lang::Zh, &input).unwrap(), "压缩包已损坏或不完整，请重新下载");
        assert_eq!(input.error.as_deref(), file_error(Lang::En, &input).as_deref());
        // A report written before `file_error` existed shows its English sentence.
        input.file_error = None;
        assert_eq!(file_error(Lang::Zh, &input), input.error);
    }

    fn check(confirmed: u64, lines: u64, breaks: &[(u32, u32)]) -> BalanceCheck {
        BalanceCheck {
            column: "余额".to_owned(),
            lines,
            confirmed,
            order: "oldest_first".to_owned(),
            breaks: breaks
                .iter()
                .map(|&(line, previous_line)| BalanceBreak {
                    line,
                    previous_line,
                    expected_cents: 188_409,
                    stated_cents: 187_409,
                })
                .collect(),
        }
    }

    #[test]
    fn balance_summaries() {
        let cases: &[(BalanceCheck, &str, &str)] = &[
            (
                check(42, 42, &[]),
                "余额连续：42/42 行核对一致",
                "Running balance follows: 42/42 lines agree",
            ),
            (check(0, 1, &[]), "余额核对：0/1 行核对一致", "Running balance: 0/1 lines agree"),
            (
                check(41, 42, &[(17, 16)]),
                "余额不连续：41/42 行核对一致，第 17 行前后对不上",
                "Running balance breaks: 41/42 lines agree; line 17 does not follow from the one before",
            ),
            (
                check(40, 42, &[(17, 16), (30, 29)]),
                "余额不连续：40/42 行核对一致，第 17 行、第 30 行前后对不上",
                "Running balance breaks: 40/42 lines agree; lines 17, 30 do not follow from the one before",
            ),
            (
                check(3, 10, &[(2, 1), (3, 2), (4, 3), (5, 4), (6, 5), (7, 6), (8, 7)]),
                "余额不连续：3/10 行核对一致，第 2 行、第 3 行、第 4 行、第 5 行、第 6 行等 7 处前后对不上",
                "Running balance breaks: 3/10 lines agree; lines 2, 3, 4, 5, 6 and 2 more do not follow from the one before",
            ),
        ];
        for (check, zh, en) in cases {
            assert_eq!(balance_summary(Lang::Zh, check), *zh);
            assert_eq!(balance_summary(Lang::En, check), *en);
        }
    }

    #[test]
    fn a_break_names_both_lines_and_both_balances() {
        let b = &check(40, 42, &[(17, 16)]).breaks[0];
        assert_eq!(
            balance_break(Lang::Zh, b),
            "第 17 行：按前一笔（第 16 行）应为 1,884.09 元，文件写 1,874.09 元"
        );
        assert_eq!(
            balance_break(Lang::En, b),
            "Line 17: from the entry before it (line 16) it should be CNY 1,884.09; the file says CNY 1,874.09"
        );
    }

    #[test]
    fn totals_checks() {
        let total =
            |line: u32, source: Option<&str>, measure: &str, stated: i64, read: i64| TotalsCheck {
                line,
                source: source.map(str::to_owned),
                label: None,
                measure: measure.to_owned(),
                stated,
                read,
                agrees: stated == read,
            };
        let cases = [
            (
                total(9, None, "amount", 282_650, 282_650),
                "金额 2,826.50 元 一致（第 9 行）",
                "amount CNY 2,826.50 agrees (line 9)",
            ),
            (total(0, None, "count", 4, 4), "笔数 4 一致", "row count 4 agrees"),
            (
                total(9, None, "count", 5, 4),
                "笔数不一致：文件写 5，读到 4，差 1（第 9 行）",
                "row count does not agree: the file says 5, the rows read give 4, 1 apart (line 9)",
            ),
            (
                total(0, Some("汇总.csv"), "fee", 1_200, 1_150),
                "手续费不一致：文件写 12.00 元，读到 11.50 元，差 0.50 元（汇总文件「汇总.csv」）",
                "fee total does not agree: the file says CNY 12.00, the rows read give CNY 11.50, CNY 0.50 apart (summary file 汇总.csv)",
            ),
        ];
        for (check, zh, en) in &cases {
            assert_eq!(totals_check(Lang::Zh, check), *zh);
            assert_eq!(totals_check(Lang::En, check), *en);
        }
    }

    #[test]
    fn files_awaiting_their_role_are_counted_and_named() {
        assert_eq!(
            awaiting_role(Lang::Zh, &["收款记录.csv"]),
            "1 个文件需要确认类型，确认前不据此报告资金问题：收款记录.csv"
        );
        assert_eq!(
            awaiting_role(Lang::En, &["a.csv", "b.csv"]),
            "2 files need their type to be confirmed; no money finding rests on them until then: a.csv, b.csv"
        );
        assert_eq!(
            awaiting_role(Lang::En, &["a.csv"]),
            "1 file needs its type to be confirmed; no money finding rests on it until then: a.csv"
        );
    }

    #[test]
    fn doubts_name_the_roles() {
        let doubt = |reason: &str, runner_up: Option<Role>| RoleDoubt {
            reason: reason.to_owned(),
            runner_up,
            detail: "engine detail".to_owned(),
        };
        let bank = Some(Role::BankStatement);
        let cases = [
            (
                bank,
                doubt("low_confidence", None),
                "证据太少，看不准是哪种文件，暂按「银行流水」读取",
            ),
            (
                bank,
                doubt("close_runner_up", Some(Role::OrderList)),
                "既像「银行流水」又像「收银订单」，两者难分",
            ),
            (
                bank,
                doubt("balance_breaks", None),
                "按「银行流水」读取时余额前后对不上，读法可能有误",
            ),
            (bank, doubt("does_not_fit", None), "按「银行流水」读取时与同时提供的其他文件对不上"),
            (bank, doubt("something_new", None), "engine detail"),
            (None, doubt("low_confidence", None), "engine detail"),
        ];
        for (role, doubt, zh) in &cases {
            assert_eq!(role_doubt(Lang::Zh, *role, doubt), *zh);
        }
        assert_eq!(
            role_doubt(Lang::En, bank, &doubt("close_runner_up", Some(Role::OrderList))),
            "It looks as much like Cashier orders as like Bank statement"
        );
    }
}
