//! Finding the header row and giving each column its canonical [`Field`].
//!
//! Column order is never fixed (even one acquirer changes it between portal versions), so columns
//! are recognised by name. Names vary by exporter and language, hence a synonym table; the header
//! row itself is found by scoring the first rows by how many of their cells are known names,
//! because exports put a preamble (title, 商户名称, 导出时间, period) above it.
//!
//! Names are compared on a key: lower case, no spaces or punctuation, and without bracketed
//! parts, so `交易金额(元)`, `交易金额（分）`, `交易日期[ Transaction Date ]` and `交易金额` all
//! meet at `交易金额`. The unit in brackets is not lost: normalize reads it from the original text.
//!
//! Time columns are decided by their data, not their names: "交易时间" holds a full timestamp in
//! most terminal logs but only `HH:MM:SS` in 通联 statements (which put the date in 交易日期), and
//! some files put a timestamp under "交易日期". Each temporal column is sampled and becomes
//! [`Field::Time`], [`Field::Date`] or [`Field::TimeOfDay`] by what most of its cells hold.
//!
//! Among several columns that mean the same field, the synonym listed first wins (交易时间 over
//! 交易完成时间; in an order list 结账时间 / 支付时间 over 下单时间 / 开台时间, because the payment
//! is made when the bill is settled, often an hour after it was opened), then the leftmost column.
//!
//! Only code, status and result columns may say how an attempt ended; remarks (备注, 附言, 摘要)
//! and goods are what people typed (`打包带走`), so they map to [`Field::Memo`] or to nothing.

use std::collections::BTreeMap;

use super::delimited::Grid;
use super::table::{Cell, Row};
use crate::cell::text::unwrap_cell;
use crate::cell::time::{Temporal, parse_temporal};
use crate::model::Field;
use crate::model::Role;

/// Rows examined when looking for the header.
pub(crate) const HEADER_SEARCH_ROWS: usize = 30;

/// Data rows sampled to decide what a temporal column holds.
const TEMPORAL_SAMPLE_ROWS: usize = 50;

/// Header synonyms per field, best first. Keys as produced by [`key`].
///
/// `Time` lists names that usually mean "timestamp", `Date` names that usually mean "date"; both
/// are re-decided from the data.
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Time,
        &[
            "交易时间",
            "交易日期时间",
            "交易日期及时间",
            "时间",
            "交易完成时间",
            "支付时间",
            "付款时间",
            // Paid (restaurant bills): these beat the order-creation names below.
            "结账时间",
            "收款时间",
            "买单时间",
            "埋单时间",
            "完成时间",
            "创建时间",
            "下单时间",
            "开台时间",
            "记账时间",
            "发生时间",
            "transactiontime",
            "txntime",
            "tradetime",
            "datetime",
            "time",
        ],
    ),
    (
        Field::Date,
        &[
            "交易日期",
            "日期",
            "交易日",
            "交易完成日期",
            "记账日期",
            "transactiondate",
            "txndate",
            "tradedate",
            "date",
        ],
    ),
    (
        Field::Amount,
        &[
            "交易金额",
            "实收金额",
            "实付金额",
            "金额",
            "消费金额",
            "交易额",
            "交易本金",
            "发生额",
            "交易发生额",
            "订单金额",
            "应结订单金额",
            // A till's payment list (美团 / 客如云-style): the amount of one payment.
            "支付金额",
            "amount",
            "transactionamount",
            "txnamount",
            "tradeamount",
            "gross",
            "grossamount",
        ],
    ),
    (
        Field::Fee,
        &[
            "手续费",
            "手续费金额",
            "商户手续费",
            "收单手续费",
            "交易手续费",
            "服务费",
            "fee",
            "fees",
            "commission",
        ],
    ),
    (
        Field::Net,
        &[
            "结算金额",
            "清算金额",
            "入账金额",
            "商户清算金额",
            "结余金额",
            "实际结算金额",
            "net",
            "netamount",
            "settlementamount",
            "settledamount",
        ],
    ),
    (
        Field::MerchantId,
        &[
            "商户号",
            "商户编号",
            "商户代码",
            "商户编码",
            "银行商户号",
            "特约商户号",
            "特约商户编号",
            "渠道商户号",
            "商户号码",
            "商户标识码",
            "受卡方标识码",
            "merchantid",
            "merchantno",
            "mid",
        ],
    ),
    (
        Field::TerminalId,
        &[
            "终端号",
            "终端编号",
            "终端编码",
            "终端代码",
            "终端id",
            "终端号码",
            "终端标识码",
            "受卡机终端标识码",
            "pos终端号",
            "设备号",
            // A till's device that took the scan.
            "收款设备",
            "terminalid",
            "terminalno",
            "tid",
        ],
    ),
    (Field::BatchNo, &["批次号", "交易批次号", "批次", "batchno", "batchnumber", "batch"]),
    (
        Field::Stan,
        &[
            "凭证号",
            "终端流水号",
            "系统跟踪号",
            "pos流水号",
            // Plain 流水号 is often the platform's own serial when a terminal one is listed too.
            "流水号",
            "凭证编号",
            "交易流水号",
            "终端凭证号",
            "pos凭证号",
            "凭证流水号",
            "终端跟踪号",
            "voucherno",
            "stan",
            "traceno",
            "tracenumber",
        ],
    ),
    (
        Field::Rrn,
        &[
            "参考号",
            "检索参考号",
            "系统参考号",
            "银联参考号",
            "交易参考号",
            "检索号",
            "系统检索号",
            "交易检索号",
            "参考号码",
            "检索参考号码",
            "rrn",
            "referenceno",
            "refno",
            "retrievalreferencenumber",
        ],
    ),
    (Field::AuthCode, &["授权码", "授权号", "authcode", "authorizationcode", "approvalcode"]),
    (
        Field::Card,
        &[
            "卡号",
            "交易卡号",
            "银行卡号",
            "卡号/账号",
            "交易账号",
            "账户号",
            "账号",
            "cardno",
            "cardnumber",
            "pan",
            "card",
        ],
    ),
    (
        Field::TxnType,
        &["交易类型", "交易种类", "业务类型", "类型", "transactiontype", "txntype", "type"],
    ),
    (
        Field::ResponseCode,
        &["应答码", "响应码", "返回码", "交易应答码", "responsecode", "respcode", "rc"],
    ),
    (
        Field::ResponseText,
        &[
            "应答信息",
            "应答描述",
            "响应信息",
            "交易结果",
            "返回信息",
            "应答码描述",
            "结果",
            "responsemessage",
            "responsetext",
            "message",
            "result",
        ],
    ),
    // A refund's, void's or reversal's ids of the sale it undoes (never this row's own ids).
    (
        Field::OrigRrn,
        &[
            "原参考号",
            "原检索号",
            "原交易参考号",
            "原系统参考号",
            "原检索参考号",
            "原交易检索号",
            "原交易系统参考号",
        ],
    ),
    (Field::OrigStan, &["原凭证号", "原交易凭证号", "原终端流水号", "原流水号"]),
    (Field::Status, &["交易状态", "状态", "订单状态", "支付状态", "status", "transactionstatus"]),
    (Field::SettlementDate, &["清算日期", "结算日期", "settlementdate", "clearingdate"]),
    (
        Field::OrderId,
        &[
            "订单号",
            "商户订单号",
            "交易单号",
            "业务系统订单号",
            "平台订单号",
            "订单编号",
            "orderid",
            "orderno",
        ],
    ),
    (
        Field::ChannelOrderId,
        &[
            "微信订单号",
            "支付宝交易号",
            "渠道订单号",
            "第三方订单号",
            "微信支付单号",
            "支付宝订单号",
            // A till's number for the payment at the wallet (its 支付单号 is the 商户订单号).
            "第三方单号",
            "第三方支付单号",
            "第三方流水号",
        ],
    ),
    // A till's payment number: what the wallet bill calls 商户订单号.
    (Field::PayOrderId, &["支付单号"]),
    (
        Field::CardType,
        &["卡类型", "卡类别", "卡种", "卡性质", "借贷记标识", "卡片类型", "cardtype", "cardkind"],
    ),
    // Order lists (cashier / ERP exports).
    (
        Field::PayMethod,
        &[
            "支付方式",
            "付款方式",
            "收款方式",
            "结算方式",
            "支付渠道",
            "paymentmethod",
            "paymethod",
            "paymenttype",
        ],
    ),
    // Bank statements. `借方发生额（支取）` and `借方发生额/元` key to `借方发生额`.
    (
        Field::Debit,
        &[
            "借方发生额",
            "借方金额",
            "借方",
            "支出金额",
            "支出",
            "转出金额",
            "付款金额",
            "取出金额",
            "支取金额",
            "支取",
            "取出",
            "转出",
            "支出发生额",
            "出账金额",
            "取款金额",
            "取款",
            "支出额",
            "借方额",
            "debit",
            "debitamount",
            "withdrawal",
            "withdrawalamount",
        ],
    ),
    (
        Field::Credit,
        &[
            "贷方发生额",
            "贷方金额",
            "贷方",
            "收入金额",
            "收入",
            "转入金额",
            "收款金额",
            "存入金额",
            "存入",
            "转入",
            "收入发生额",
            "存款金额",
            "存款",
            "进账金额",
            "收入额",
            "贷方额",
            "credit",
            "creditamount",
            "depositamount",
        ],
    ),
    (
        Field::Direction,
        &[
            "借贷标志",
            "借/贷",
            "借贷",
            "借贷方向",
            "收支标志",
            "收/支",
            "借贷标识",
            "借贷方向标志",
            "收支",
            "收支方向",
            "交易方向",
            "资金方向",
            "收付标志",
            "出入账标志",
            "收支类型",
            "存取标志",
            "存取",
            "收付方向",
            "方向",
            "dc",
            "dr/cr",
            "debitcredit",
        ],
    ),
    (
        Field::Balance,
        &[
            "余额",
            "账户余额",
            "联机余额",
            "当前余额",
            "本次余额",
            "交易后余额",
            "账面余额",
            "可用余额",
            "余额元",
            "balance",
            "accountbalance",
        ],
    ),
    (
        Field::Counterparty,
        &[
            "对方户名",
            "对方单位名称",
            "对方单位",
            "对方名称",
            "对方账户名称",
            "对方账户名",
            "收方名称",
            "付款人名称",
            "对手信息",
            "对手户名",
            "交易对手",
            "交易对手名称",
            "对方信息",
            "对方账户户名",
            "对方姓名",
            // 建设银行 personal: account and name in one cell (`243300133/财付通支付科技有限公司`).
            "对方账号与户名",
            "对方户名与账号",
            "counterparty",
            "counterpartyname",
            "payername",
        ],
    ),
    (
        Field::Memo,
        &[
            "摘要",
            "用途",
            "交易用途",
            "附言",
            "交易附言",
            // 建设银行 personal: where, or the payer's note (`微信支付结算1600000456`).
            "交易地点/附言",
            "业务摘要",
            "其它摘要",
            "其他摘要",
            "交易摘要",
            "交易说明",
            "memo",
            "remark",
            "remarks",
            "narrative",
            // A remark (打包带走, 会员折扣): free text, never a result (see the test
            // `free_text_never_decides_an_outcome`).
            "备注",
        ],
    ),
];

/// Keys of every column whose text belongs in a bank line's memo, in the order they are joined.
pub(crate) const MEMO_KEYS: &[&str] = &[
    "摘要",
    "交易摘要",
    "业务摘要",
    "用途",
    "交易用途",
    "附言",
    "交易附言",
    "交易地点/附言",
    "其它摘要",
    "其他摘要",
    "交易说明",
    "备注",
    "个性化信息",
    "memo",
    "remark",
    "remarks",
    "narrative",
];

/// Columns whose text belongs in a bank line's memo, in the order of [`MEMO_KEYS`].
pub(crate) fn memo_columns(header: &[String]) -> Vec<usize> {
    let keys: Vec<String> = header.iter().map(|c| key(c)).collect();
    MEMO_KEYS
        .iter()
        .flat_map(|name| {
            keys.iter().enumerate().filter(move |(_, k)| k == name).map(|(col, _)| col)
        })
        .collect()
}

/// Merges a second header row into the first, when `next` is one.
///
/// Some banks (建设银行) export a two-row header: `发生额/元` spans two columns on the first row
/// and the second row names them `借方` and `贷方`. `next` counts as a second header row when it
/// names a debit or credit column and every other cell in it is empty or repeats the cell above.
/// The merged row takes the second row's name where it has one.
pub(crate) fn merge_sub_header(first: &[Cell], next: &[Cell]) -> Option<Vec<Cell>> {
    let mut names_money_side = false;
    for (col, cell) in next.iter().enumerate() {
        let k = key(cell);
        if k.is_empty() {
            continue;
        }
        match field_of(&k) {
            Some((Field::Debit | Field::Credit, _)) => names_money_side = true,
            _ if first.get(col).is_some_and(|above| key(above) == k) => {}
            _ => return None,
        }
    }
    if !names_money_side {
        return None;
    }
    let width = first.len().max(next.len());
    Some(
        (0..width)
            .map(|col| {
                let below = next.get(col).map_or("", Cell::as_str);
                let above = first.get(col).map_or("", Cell::as_str);
                Cell::from(if key(below).is_empty() { above } else { below })
            })
            .collect(),
    )
}

/// Group titles (a row above the header, one title over several columns) and what a sub-name
/// means under them. A statement that lists both the clearing and the trade side writes
/// `清算信息` over `日期 / 金额 / 手续费` and `交易信息` over `日期 / 时间 / ... / 金额`: the
/// sub-names repeat, and only the group says that the first 金额 is the net amount. The
/// qualified name is a synonym of the field the pair means, or a name of no field (清算时间: the
/// clearing time is not when the customer paid); sub-names not listed keep their own.
/// Checked in order: a title naming both (交易结算信息) is a clearing group.
const GROUPS: &[Group] = &[
    (
        &["清算", "结算", "入账"],
        &[("金额", "清算金额"), ("日期", "清算日期"), ("时间", "清算时间")],
    ),
    (
        &["交易", "消费", "支付"],
        &[("金额", "交易金额"), ("日期", "交易日期"), ("时间", "交易时间")],
    ),
];

/// Words in a group title, and (sub-name key, qualified name) pairs under it.
type Group = (&'static [&'static str], &'static [(&'static str, &'static str)]);

/// Longest group title, in characters; anything longer is a sentence, not a title.
const GROUP_TITLE_MAX_CHARS: usize = 12;

/// The header as qualified by a row of group titles above it, when `above` is one.
///
/// `above` is a group row when it has two or more titles and every title is a short name that
/// is not itself a column name (no field, no marker, no `：`, no digits: `结算周期：T+1` and
/// `商户号：898…` are preamble, not groups). A title spans the empty cells to its right, as a
/// merged cell exports (xlsx keeps a merged cell's text in its first cell only). Returns
/// `(display, named)`: `display` writes each grouped column as `交易信息 / 金额` (what the
/// merchant sees in the report), `named` holds the names columns are assigned by. `None` when
/// no title qualifies any sub-name, so a row that changes nothing is never taken for a group.
pub(crate) fn qualify_by_groups(
    above: &[Cell],
    header: &[Cell],
) -> Option<(Vec<String>, Vec<String>)> {
    let titles: Vec<(usize, &str)> = above
        .iter()
        .enumerate()
        .map(|(col, c)| (col, unwrap_cell(c).trim()))
        .filter(|(_, c)| !c.is_empty())
        .collect();
    let is_title = |cell: &str| {
        let k = key(cell);
        !k.is_empty()
            && cell.chars().count() <= GROUP_TITLE_MAX_CHARS
            && !cell.contains([':', '：'])
            && !cell.chars().any(|c| c.is_ascii_digit())
            && field_of(&k).is_none()
            && marker_role(&k).is_none()
    };
    let width = header.len();
    if titles.len() < 2 || titles.iter().any(|&(col, cell)| col >= width || !is_title(cell)) {
        return None;
    }
    let mut display: Vec<String> = header.iter().map(|c| unwrap_cell(c).to_owned()).collect();
    let mut named = display.clone();
    let mut qualified = false;
    for (i, &(start, title)) in titles.iter().enumerate() {
        let end = titles.get(i + 1).map_or(width, |&(next, _)| next);
        // 原交易信息 is the original of a refund, not this row.
        let meanings = if title.starts_with('原') {
            None
        } else {
            GROUPS
                .iter()
                .find(|(words, _)| words.iter().any(|w| title.contains(w)))
                .map(|(_, meanings)| *meanings)
        };
        for col in start..end {
            let sub = unwrap_cell(&header[col]).trim();
            if sub.is_empty() {
                continue;
            }
            display[col] = format!("{title} / {sub}");
            let sub_key = key(sub);
            if let Some(&(_, name)) =
                meanings.into_iter().flatten().find(|(sub_name, _)| *sub_name == sub_key)
            {
                named[col] = name.to_owned();
                qualified = true;
            }
        }
    }
    qualified.then_some((display, named))
}

/// Header names that are not fields the engine reads but tell what kind of file this is.
pub(crate) const ROLE_MARKERS: &[(Role, &[&str])] = &[
    (
        Role::BankStatement,
        &[
            "借方发生额",
            "贷方发生额",
            "借方金额",
            "贷方金额",
            "借方",
            "贷方",
            "借/贷",
            "借贷标志",
            "收入金额",
            "支出金额",
            "收入",
            "支出",
            "转入金额",
            "转出金额",
            "余额",
            "账户余额",
            "交易后余额",
            "对方户名",
            "对方账号",
            "对方单位",
            "对方单位名称",
            "对方名称",
            "收方名称",
            "本方账号",
            "摘要",
            "用途",
            "debit",
            "credit",
            "balance",
        ],
    ),
    (
        Role::OrderList,
        &[
            "收银员",
            "商品名称",
            "商品",
            "小票号",
            "支付方式",
            "付款方式",
            "收款方式",
            "实收金额",
            "下单时间",
            "开台时间",
            "结账时间",
            "销售类型",
            "门店名称",
            "cashier",
        ],
    ),
    (
        Role::WalletBill,
        &["微信订单号", "公众账号id", "支付宝交易号", "用户标识", "微信退款单号", "商户退款单号"],
    ),
];

/// The comparison key of a header cell.
pub(crate) fn key(cell: &str) -> String {
    let mut out = String::new();
    key_into(cell, &mut out);
    out
}

/// [`key`] written into a buffer (cleared first), for callers that compare every cell of a file.
pub(crate) fn key_into(cell: &str, out: &mut String) {
    out.clear();
    out.extend(key_chars(cell));
    for unit in ["/元", "/分"] {
        if let Some(stripped) = out.strip_suffix(unit) {
            out.truncate(stripped.len());
        }
    }
}

/// Whether `key(cell) == key`, using `buffer` for the work.
///
/// Runs on every cell of every row (repeated header rows), so it first compares the first
/// character only: unit stripping shortens a key at its end, so a cell whose key starts
/// differently can never be equal, and that settles almost every data cell without lowercasing it
/// whole.
pub(crate) fn is_key(cell: &str, key: &str, buffer: &mut String) -> bool {
    // A cell opening with an ASCII letter or digit (a date, an amount, an id) has that character,
    // lowercased, as its key's first: one byte settles it.
    if let Some(&first) = cell.as_bytes().first()
        && first.is_ascii_alphanumeric()
    {
        if key.as_bytes().first() != Some(&first.to_ascii_lowercase()) {
            return false;
        }
    } else if let Some(first) = cell.chars().next()
        && ('\u{4e00}'..='\u{9fff}').contains(&first)
    {
        // A Chinese character (no bracket, space or punctuation among them, and none has a
        // lower case) is its key's first character too.
        if !key.starts_with(first) {
            return false;
        }
    } else if key_chars(cell).next() != key.chars().next() {
        return false;
    }
    key_into(cell, buffer);
    buffer == key
}

/// The characters of a key before unit stripping: lowercase, without spaces, punctuation that
/// varies between exporters, or anything in brackets.
fn key_chars(cell: &str) -> impl Iterator<Item = char> + '_ {
    let mut depth = 0usize;
    unwrap_cell(cell).chars().flat_map(char::to_lowercase).filter(move |&c| match c {
        '(' | '（' | '[' | '【' => {
            depth += 1;
            false
        }
        ')' | '）' | ']' | '】' => {
            depth = depth.saturating_sub(1);
            false
        }
        _ if depth > 0 => false,
        c => !(c.is_whitespace() || matches!(c, ':' | '：' | '*' | '_' | '-' | '.' | '"')),
    })
}

/// The field a header key names, with its rank (0 = the best synonym).
pub(crate) fn field_of(key: &str) -> Option<(Field, usize)> {
    SYNONYMS.iter().find_map(|(field, names)| {
        names.iter().position(|name| *name == key).map(|rank| (*field, rank))
    })
}

/// The role a header key hints at, for names that are not engine fields.
pub(crate) fn marker_role(key: &str) -> Option<Role> {
    ROLE_MARKERS.iter().find_map(|(role, names)| names.contains(&key).then_some(*role))
}

/// How many cells of a row are known header names.
pub(crate) fn header_score(cells: &[Cell]) -> usize {
    cells
        .iter()
        .map(|c| key(c))
        .filter(|k| !k.is_empty() && (field_of(k).is_some() || marker_role(k).is_some()))
        .count()
}

/// Index (into `records`) of the header: the best-scoring of the first rows, at least two known
/// names, the earliest on a tie.
pub(crate) fn find_header(grid: &Grid) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (idx, record) in grid.records.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let score = header_score(&grid.row(record).to_vec());
        if score >= 2 && best.is_none_or(|(_, best_score)| score > best_score) {
            best = Some((idx, score));
        }
    }
    best.map(|(idx, _)| idx)
}

/// What most sampled cells of a column hold.
///
/// Under a date name (`交易日期`), whole Excel serials (`45970`) are dates, not `HMMSS` times.
fn temporal_kind<'a>(named: Field, cells: impl Iterator<Item = &'a str>) -> Option<Field> {
    let (mut datetime, mut date, mut time, mut total) = (0, 0, 0, 0);
    for cell in cells.filter(|c| !c.trim().is_empty()).take(TEMPORAL_SAMPLE_ROWS) {
        total += 1;
        if named == Field::Date
            && !cell.contains('.')
            && crate::cell::time::excel_serial(cell).is_some()
        {
            date += 1;
            continue;
        }
        match parse_temporal(cell) {
            Some(Temporal::DateTime(_)) => datetime += 1,
            Some(Temporal::Date(_)) => date += 1,
            Some(Temporal::TimeOfDay(_)) => time += 1,
            None => {}
        }
    }
    [(datetime, Field::Time), (date, Field::Date), (time, Field::TimeOfDay)]
        .into_iter()
        .find(|(n, _)| *n * 2 > total)
        .map(|(_, field)| field)
}

/// Words in brackets after a money column's name that give it one direction: banks split one
/// amount into `交易金额(收入)` and `交易金额(支出)`, or qualify a debit column `借方发生额（支取）`,
/// `支出金额（-元）`. Compared after removing spaces and the unit (`元`).
const CREDIT_QUALIFIERS: &[&str] = &["收入", "存入", "贷", "贷方", "转入", "收", "入账", "+", "cr"];
const DEBIT_QUALIFIERS: &[&str] =
    &["支出", "支取", "取出", "借", "借方", "转出", "支", "出账", "-", "dr"];

/// The direction a bracketed qualifier gives a money column, if it gives one.
fn qualified_direction(cell: &str) -> Option<Field> {
    let cell = unwrap_cell(cell);
    let mut found = None;
    let mut rest = cell;
    while let Some(open) = rest.find(['(', '（', '[', '【']) {
        let after = &rest[open..];
        let inner_start = after.char_indices().nth(1).map_or(after.len(), |(i, _)| i);
        let inner = &after[inner_start..];
        let close = inner.find([')', '）', ']', '】']).unwrap_or(inner.len());
        let word: String = inner[..close]
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '元')
            .flat_map(char::to_lowercase)
            .collect();
        if CREDIT_QUALIFIERS.contains(&word.as_str()) {
            found = Some(Field::Credit);
        } else if DEBIT_QUALIFIERS.contains(&word.as_str()) {
            found = Some(Field::Debit);
        }
        rest = &inner[close..];
    }
    found
}

/// The field of a header cell, with its rank: its synonym, turned into a direction's column by a
/// bracketed qualifier (`交易金额(收入)` is a credit column, `记账金额（支出）` a debit column).
fn cell_field(cell: &str) -> Option<(Field, usize)> {
    let k = key(cell);
    let named = field_of(&k);
    let money = match named {
        Some((Field::Amount | Field::Net | Field::Debit | Field::Credit, _)) => true,
        Some(_) => false,
        None => k.ends_with("金额") || k.ends_with("发生额"),
    };
    match qualified_direction(cell) {
        Some(direction) if money => Some((direction, named.map_or(SYNONYMS.len(), |(_, r)| r))),
        _ => named,
    }
}

/// Money columns beyond the one [`assign_columns`] chose for their field, in header order (see
/// [`super::Table::alternates`]).
pub(crate) fn money_alternates(
    header: &[String],
    columns: &BTreeMap<Field, usize>,
) -> BTreeMap<Field, Vec<usize>> {
    let mut out: BTreeMap<Field, Vec<usize>> = BTreeMap::new();
    for (col, cell) in header.iter().enumerate() {
        let Some((field @ (Field::Amount | Field::Debit | Field::Credit), _)) = cell_field(cell)
        else {
            continue;
        };
        if columns.get(&field).is_some_and(|&chosen| chosen != col) {
            out.entry(field).or_default().push(col);
        }
    }
    out
}

/// Further timestamp columns beyond the one [`assign_columns`] chose for [`Field::Time`], best
/// synonym first: an order list's 下单时间 / 创建时间 behind its 结账时间 / 支付时间. A row whose
/// chosen column is empty (a till leaves 结账时间 empty on a scan that never finished: 支付中,
/// 结果未知, 已关闭) takes its time from the first of these that is not.
pub(crate) fn time_alternates(
    header: &[String],
    rows: &[Row],
    columns: &BTreeMap<Field, usize>,
) -> Vec<usize> {
    let Some(&chosen) = columns.get(&Field::Time) else { return Vec::new() };
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (col, cell) in header.iter().enumerate() {
        let Some((named @ (Field::Time | Field::Date), rank)) = cell_field(cell) else {
            continue;
        };
        let cells = rows.iter().filter_map(|row| row.get(col));
        if col != chosen && temporal_kind(named, cells) == Some(Field::Time) {
            found.push((rank, col));
        }
    }
    found.sort_unstable();
    found.into_iter().map(|(_, col)| col).collect()
}

/// Assigns fields to header columns; `rows` are the data rows below it (for temporal columns).
pub(crate) fn assign_columns(header: &[String], rows: &[Row]) -> BTreeMap<Field, usize> {
    // field -> (rank, column)
    let mut best: BTreeMap<Field, (usize, usize)> = BTreeMap::new();
    for (col, cell) in header.iter().enumerate() {
        let Some((mut field, rank)) = cell_field(cell) else { continue };
        if matches!(field, Field::Time | Field::Date) {
            let cells = rows.iter().filter_map(|row| row.get(col));
            field = temporal_kind(field, cells).unwrap_or(field);
        }
        let entry = best.entry(field).or_insert((rank, col));
        if rank < entry.0 {
            *entry = (rank, col);
        }
    }
    let mut columns: BTreeMap<Field, usize> =
        best.into_iter().map(|(field, (_, col))| (field, col)).collect();
    // 入账金额 is a settlement's net amount beside 交易金额 and 手续费, but a bank's credit column
    // beside 出账金额 or a balance (出账金额 / 入账金额 / 联机余额).
    let bank_like = columns.contains_key(&Field::Debit) || columns.contains_key(&Field::Balance);
    if bank_like
        && !columns.contains_key(&Field::Credit)
        && !columns.contains_key(&Field::Fee)
        && let Some(net) = columns.remove(&Field::Net)
    {
        columns.insert(Field::Credit, net);
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    fn to_cells(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|c| Cell::from(*c)).collect()
    }

    #[test]
    fn keys() {
        let cases: &[(&str, &str)] = &[
            ("交易金额(元)", "交易金额"),
            ("交易金额（分）", "交易金额"),
            (" 交易时间 ", "交易时间"),
            ("交易日期[ Transaction Date ]", "交易日期"),
            ("Transaction Time", "transactiontime"),
            ("Card No.", "cardno"),
            ("发生额/元", "发生额"),
            ("`商户号", "商户号"),
            ("*交易金额", "交易金额"),
            ("收(付)方名称", "收方名称"),
            ("\u{feff}交易时间", "交易时间"),
        ];
        for (cell, expected) in cases {
            assert_eq!(key(cell), *expected, "{cell}");
        }
    }

    #[test]
    fn synonyms_map_to_fields() {
        let cases: &[(&str, Option<Field>)] = &[
            ("交易金额(元)", Some(Field::Amount)),
            ("消费金额", Some(Field::Amount)),
            ("Amount", Some(Field::Amount)),
            ("手续费", Some(Field::Fee)),
            ("清算金额", Some(Field::Net)),
            ("入账金额", Some(Field::Net)),
            ("商户编号", Some(Field::MerchantId)),
            ("终端编号", Some(Field::TerminalId)),
            ("交易批次号", Some(Field::BatchNo)),
            ("系统跟踪号", Some(Field::Stan)),
            ("POS流水号", Some(Field::Stan)),
            ("银联参考号", Some(Field::Rrn)),
            ("授权号", Some(Field::AuthCode)),
            ("Card No", Some(Field::Card)),
            ("交易卡号", Some(Field::Card)),
            ("响应码", Some(Field::ResponseCode)),
            ("交易结果", Some(Field::ResponseText)),
            ("交易状态", Some(Field::Status)),
            ("结算日期", Some(Field::SettlementDate)),
            ("商户订单号", Some(Field::OrderId)),
            ("微信订单号", Some(Field::ChannelOrderId)),
            ("支付宝交易号", Some(Field::ChannelOrderId)),
            ("卡类别", Some(Field::CardType)),
            ("卡类型", Some(Field::CardType)),
            ("付款方式", Some(Field::PayMethod)),
            ("实收金额", Some(Field::Amount)),
            // A 美团 / 客如云-style till's payment list.
            ("支付金额(元)", Some(Field::Amount)),
            ("订单编号", Some(Field::OrderId)),
            ("第三方流水号", Some(Field::ChannelOrderId)),
            ("收款设备", Some(Field::TerminalId)),
            // 建设银行 personal statement: counterparty account and name in one cell, and 附言.
            ("对方账号与户名", Some(Field::Counterparty)),
            ("交易地点/附言", Some(Field::Memo)),
            ("商户名称", None),
            ("原始金额", None),
            // The RRN under every name acquirers give it (银联商务: 检索号).
            ("检索号", Some(Field::Rrn)),
            ("系统检索号", Some(Field::Rrn)),
            ("交易检索号", Some(Field::Rrn)),
            ("检索参考号", Some(Field::Rrn)),
            ("检索参考号码", Some(Field::Rrn)),
            ("交易参考号", Some(Field::Rrn)),
            ("系统参考号", Some(Field::Rrn)),
            ("参考号码", Some(Field::Rrn)),
            // The voucher number (STAN) and its neighbours.
            ("流水号", Some(Field::Stan)),
            ("终端流水号", Some(Field::Stan)),
            ("终端凭证号", Some(Field::Stan)),
            ("POS凭证号", Some(Field::Stan)),
            ("凭证流水号", Some(Field::Stan)),
            ("终端跟踪号", Some(Field::Stan)),
            ("终端号码", Some(Field::TerminalId)),
            ("终端标识码", Some(Field::TerminalId)),
            ("受卡机终端标识码", Some(Field::TerminalId)),
            ("POS终端号", Some(Field::TerminalId)),
            ("商户号码", Some(Field::MerchantId)),
            ("受卡方标识码", Some(Field::MerchantId)),
            // A refund's original ids are not this row's ids: they name the sale it undoes.
            ("原参考号", Some(Field::OrigRrn)),
            ("原检索号", Some(Field::OrigRrn)),
            ("原凭证号", Some(Field::OrigStan)),
            ("原交易参考号", Some(Field::OrigRrn)),
            ("原交易检索号", Some(Field::OrigRrn)),
            ("原检索参考号", Some(Field::OrigRrn)),
            ("原交易系统参考号", Some(Field::OrigRrn)),
        ];
        for (cell, expected) in cases {
            assert_eq!(field_of(&key(cell)).map(|(f, _)| f), *expected, "{cell}");
        }
    }

    #[test]
    fn free_text_never_decides_an_outcome() {
        // Remarks, memos and goods are what people typed; only code, status and result columns
        // may decide how an attempt ended (an order's 备注 `打包带走` is not a status).
        let free_text = [
            "备注",
            "订单备注",
            "商户备注",
            "交易备注",
            "附言",
            "交易附言",
            "摘要",
            "用途",
            "商品",
            "商品名称",
            "附加数据",
            "remark",
            "memo",
        ];
        for cell in free_text {
            let field = field_of(&key(cell)).map(|(f, _)| f);
            assert!(
                !matches!(
                    field,
                    Some(
                        Field::ResponseCode | Field::ResponseText | Field::Status | Field::TxnType
                    )
                ),
                "{cell}: {field:?}"
            );
        }
        for cell in ["交易结果", "应答信息", "应答码", "交易状态", "订单状态"] {
            let field = field_of(&key(cell)).map(|(f, _)| f);
            assert!(
                matches!(field, Some(Field::ResponseCode | Field::ResponseText | Field::Status)),
                "{cell}: {field:?}"
            );
        }
    }

    #[test]
    fn group_rows_qualify_sub_names() {
        // (what, row above, header, names the columns are assigned by; None: not a group row)
        type Case<'a> = (&'a str, &'a str, &'a str, Option<&'a str>);
        let cases: &[Case] = &[
            (
                "clearing and trade groups",
                "清算信息,,,交易信息,,,,",
                "日期,金额,手续费,日期,时间,终端号,参考号,金额",
                Some("清算日期,清算金额,手续费,交易日期,交易时间,终端号,参考号,交易金额"),
            ),
            (
                "trade first, 结算 group, ungrouped leading column",
                ",交易,,结算,",
                "商户号,金额,时间,金额,日期",
                Some("商户号,交易金额,交易时间,清算金额,清算日期"),
            ),
            (
                "a refund's original trade is not this row's",
                "原交易信息,,交易信息,",
                "日期,金额,日期,金额",
                Some("日期,金额,交易日期,交易金额"),
            ),
            (
                "groups that qualify nothing",
                "持卡人信息,,商户信息,",
                "卡号,金额,商户号,终端号",
                None,
            ),
            ("one title over everything", "交易明细,,", "日期,金额,手续费", None),
            (
                "a preamble with values",
                "商户号：898440358120014,导出时间：2026-11-16",
                "日期,金额",
                None,
            ),
            ("a preamble naming a cycle", "结算周期,T+1", "日期,金额", None),
            ("column names are not titles", "交易时间,交易金额", "日期,金额", None),
            ("titles wider than the header", "清算信息,,交易信息", "日期,金额", None),
        ];
        for (what, above, header, expected) in cases {
            let got = qualify_by_groups(
                &to_cells(&above.split(',').collect::<Vec<_>>()),
                &to_cells(&header.split(',').collect::<Vec<_>>()),
            );
            let expected = expected.map(|e| strings(&e.split(',').collect::<Vec<_>>()));
            assert_eq!(got.as_ref().map(|(_, named)| named), expected.as_ref(), "{what}");
        }
        let (display, _) = qualify_by_groups(
            &to_cells(&["清算信息", "", "交易信息"]),
            &to_cells(&["日期", "金额", "金额"]),
        )
        .unwrap();
        assert_eq!(display, ["清算信息 / 日期", "清算信息 / 金额", "交易信息 / 金额"]);
    }

    #[test]
    fn temporal_columns_decided_by_data() {
        // (header, one data row, expected fields with column index)
        type Case<'a> = (&'a [&'a str], &'a [&'a str], &'a [(Field, usize)]);
        let cases: &[Case] = &[
            (
                &["交易时间", "交易金额"],
                &["2026-11-09 10:02:11", "1.00"],
                &[(Field::Time, 0), (Field::Amount, 1)],
            ),
            (
                &["交易日期", "交易时间", "交易金额"],
                &["2026-11-09", "10:02:11", "1.00"],
                &[(Field::Date, 0), (Field::TimeOfDay, 1), (Field::Amount, 2)],
            ),
            (
                &["交易日期", "金额"],
                &["2026-11-09 10:02:11", "1.00"],
                &[(Field::Time, 0), (Field::Amount, 1)],
            ),
            (&["交易日期", "金额"], &["20261109", "1.00"], &[(Field::Date, 0), (Field::Amount, 1)]),
            // No data: the name decides.
            (&["交易时间", "交易金额"], &[], &[(Field::Time, 0), (Field::Amount, 1)]),
            // The better synonym wins over an earlier column.
            (
                &["交易完成时间", "交易时间", "金额"],
                &["2026-11-09 10:02:15", "2026-11-09 10:02:11", "1.00"],
                &[(Field::Time, 1), (Field::Amount, 2)],
            ),
            // The terminal's own serial over a plain 流水号 (often the platform's).
            (
                &["流水号", "终端流水号", "检索号", "金额"],
                &["20261116000123", "000203", "331609120501", "1.00"],
                &[(Field::Stan, 1), (Field::Rrn, 2), (Field::Amount, 3)],
            ),
            // 账号 is a card only when there is no better card column.
            (&["账号", "卡号", "金额"], &["1", "2", "3"], &[(Field::Amount, 2), (Field::Card, 1)]),
        ];
        for (header, row, expected) in cases {
            let grid = Grid::of_rows(if row.is_empty() { vec![] } else { vec![row.to_vec()] });
            let rows: Vec<Row> = grid.records.iter().map(|r| grid.row(r)).collect();
            let columns = assign_columns(&strings(header), &rows);
            let mut expected: Vec<(Field, usize)> = expected.to_vec();
            expected.sort();
            assert_eq!(columns.into_iter().collect::<Vec<_>>(), expected, "{header:?}");
        }
    }

    #[test]
    fn header_below_preamble() {
        let rows: &[&[&str]] = &[
            &["POS终端交易明细"],
            &["商户名称：示例便利店", "商户号：898440358120014"],
            &["商户号：", "898440358120014"],
            &["交易时间", "终端号", "交易金额(元)", "应答码"],
            &["2026-11-09 10:02:11", "10086602", "268.00", "00"],
        ];
        assert_eq!(find_header(&Grid::of_rows(rows.iter().map(|r| r.iter().copied()))), Some(3));
        let above = Grid::of_rows(rows[..3].iter().map(|r| r.iter().copied()));
        assert_eq!(find_header(&above), None);
    }
}
