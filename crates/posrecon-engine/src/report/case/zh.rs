//! The Chinese words of a case (the sheet and the chat text), in one file so they can be read and
//! reviewed without the code around them. Same items as `en.rs`.

use super::{Ask, BankLine, Case, Channel, Covered, Id, Part, Party, Payout, Words, on_platform};
use crate::config::Lang;
use crate::model::TxnType;
use crate::report::money::money;

pub(super) static WORDS: Words = Words {
    sheet: "案件单",
    merchant_name: "商户名称",
    merchant_id: "商户号",
    terminal: "终端号",
    severity: "严重程度",
    settlement_dates: "清算日期",
    expected_deposit: "预计到账日期",
    as_of: "核对基准日期",
    request: "请求",
    transactions: "交易信息（只列本案涉及的交易）",
    payout: "结算款",
    bank: "核对的银行流水",
    how_found: "如何发现",
    terminal_said: "终端/收银显示",
    sources: "来源",
    no_bank_line: "没有对应的入账",
    card_note: "卡号只显示前 6 位和后 4 位。",
    footer: "由 posrecon 在本地根据商户下载的对账文件生成，文件没有上传。金额单位为人民币元。",
    merchant_id_short: "商户号",
    label,
    short: label,
    chat_head: |id| format!("【案件单 {id}】"),
    line: |n| format!("第 {n} 行"),
    money: |cents| money(Lang::Zh, cents),
    part,
    request_line,
    also_lines,
    payout_line,
    bank_line,
    covered,
    more: |n| format!("另有 {n} 笔，见完整报告或 CSV"),
};

fn party(p: Party) -> &'static str {
    match p {
        Party::Acquirer => "收单机构",
        Party::Bank => "开户银行",
        Party::Wechat => "微信支付",
        Party::Alipay => "支付宝",
        Party::PosProvider => "POS 服务商",
        Party::Shop => "本店",
    }
}

/// The request in the field's terms. Who does what (domain.md): the acquirer traces, settles and
/// adjusts; the shop itself gives money back on its own terminal (撤销 the same day before
/// settlement, 退货 after) or on the wallet's merchant platform (退款), and charges a shortfall as
/// a new sale.
fn ask(a: Ask, channel: Channel) -> &'static str {
    let card = channel == Channel::Card;
    match a {
        Ask::ConfirmCharge if card => {
            "查询（调单）这笔交易，确认已扣款并已结算；顾客未拿到商品或已重复付款的，由本店在原终端对这笔办理退货"
        }
        Ask::ConfirmCharge => {
            "查询这笔订单，确认已支付；顾客未拿到商品或已重复付款的，在商户平台办理退款"
        }
        Ask::GiveBack if card => {
            "在原终端对应退还的一笔办理撤销（当天、结算前）或退货（已结算后），保留另一笔"
        }
        Ask::GiveBack if channel == Channel::OtherQr => {
            "在收款 App 或商户后台对应退还的一笔办理退款，保留另一笔"
        }
        Ask::GiveBack => "对应退还的一笔办理退款，保留另一笔",
        Ask::GiveBackFallback => "原终端无法撤销或退货的，对应退还的一笔办理退货或调账",
        Ask::QueryOutcome if card => "查询这笔交易的结果，确认是否扣款",
        Ask::QueryOutcome => "查询这笔订单的支付结果；仍在支付中的撤销订单",
        Ask::ClaimSettlement if card => "补结算（请款），终端成功的这笔交易不在对账单中",
        Ask::ClaimSettlement => "查询这笔订单，收银显示成功，账单中没有",
        Ask::TraceSettlement if card => "核查这笔长款（调单），终端没有记录，确认是否本店交易",
        Ask::TraceSettlement => "查询这笔付款的订单信息，确认是否本店收款",
        Ask::CheckAmount if card => {
            "核实交易金额（调单取签购单）；多收的由本店在原终端部分退货，少收的由本店另做一笔消费补收"
        }
        Ask::CheckAmount => "核实订单金额；多收的由本店办理部分退款，少收的另行补收",
        Ask::SettleUndoing => "核实撤销/退货未结算，这笔应退回持卡人的款项对账单没有体现，请补办",
        Ask::TraceDeposit => {
            "查询入账，提供这笔结算款的出款流水（划款凭证）和收款账户，确认是否被暂扣或退回"
        }
        Ask::BankIncoming => "按日期和金额查询是否有被退回或挂账的来账",
        Ask::ExplainDeposit => "查询入账差额，提供这笔划款的结算明细，补足差额",
        Ask::ExplainDelay => "说明延迟到账的原因，并确认合同约定的结算周期",
        Ask::RefundFee => "按合同费率退还多收的手续费，并书面说明费率",
        Ask::CheckInShop => "核对收银记录和顾客的付款方式，确认这笔是否已收款",
        Ask::Adjust => "调账（差错处理），退货合计超过原交易，核实多退的金额",
        Ask::CheckTerminal => "检查终端网络（信号、流量卡、Wi-Fi），排查超时原因",
        Ask::KeepReceipts => "已全额退款，无需再退；保留原交易和退货的签购单",
    }
}

fn part(p: Part) -> Option<&'static str> {
    match p {
        Part::Subject => None,
        Part::GiveBack => Some("应退还的一笔"),
        Part::Keep => Some("保留的一笔"),
        Part::OriginalSale => Some("原交易"),
        Part::Undoing => Some("撤销/退货"),
    }
}

fn one_request(to: Party, a: Ask, channel: Channel) -> String {
    match to {
        // The shop gives money back itself; anything else of the shop's is a check.
        Party::Shop if a == Ask::GiveBack => format!("本店办理：{}。", ask(a, channel)),
        Party::Shop => format!("本店自查：{}。", ask(a, channel)),
        // The wallet's merchant platform is where the shop looks an order up or refunds it.
        Party::Wechat | Party::Alipay if on_platform(a) => {
            format!("在{}商户平台：{}。", party(to), ask(a, channel))
        }
        // An ASCII name (POS 服务商) is set off by a space, as Chinese typography does.
        _ if party(to).starts_with(|c: char| c.is_ascii()) => {
            format!("请向 {}：{}。", party(to), ask(a, channel))
        }
        _ => format!("请向{}：{}。", party(to), ask(a, channel)),
    }
}

fn request_line(case: &Case) -> String {
    one_request(case.request.to, case.request.ask, case.channel)
}

fn also_lines(case: &Case) -> Vec<String> {
    case.request.also.iter().map(|&(a, to)| one_request(to, a, case.channel)).collect()
}

fn payout_line(_case: &Case, p: &Payout) -> String {
    let dates: Vec<String> = p.settlement_dates.iter().map(ToString::to_string).collect();
    let mut out = format!("清算日期 {}", dates.join("、"));
    if let Some(d) = p.expected_deposit_date {
        out.push_str(&format!("，预计到账 {d}"));
    }
    if p.rows > 0 {
        let at_least = if p.rows_capped { "至少 " } else { "" };
        out.push_str(&format!(
            "，结算明细 {at_least}{} 笔，交易金额合计 {}",
            p.rows,
            money(Lang::Zh, p.gross_cents)
        ));
    }
    out
}

fn bank_line(b: &BankLine) -> String {
    let when = b.time.map_or_else(|| "—".to_owned(), |t| t.format("%Y-%m-%d %H:%M:%S").to_string());
    let what = if b.txn_type == TxnType::Deposit { "入账" } else { "支出（冲回）" };
    format!("{when} {what} {}", money(Lang::Zh, b.amount_cents))
}

fn covered(c: &Covered) -> String {
    match c.dates {
        Some((from, to)) => format!("{}（{from} 至 {to}）", c.file),
        None => c.file.clone(),
    }
}

fn label(id: Id) -> &'static str {
    match id {
        Id::Time => "交易时间",
        Id::Amount => "金额",
        Id::Terminal => "终端号",
        Id::Batch => "批次号",
        Id::Stan => "凭证号",
        Id::Rrn => "参考号",
        Id::AuthCode => "授权码",
        Id::Card => "卡号",
        Id::SettlementDate => "清算日期",
        Id::OrderId => "订单号",
        Id::ChannelOrderId => "微信/支付宝单号",
    }
}
