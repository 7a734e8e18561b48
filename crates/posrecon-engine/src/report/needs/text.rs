//! The files-needed checklist's words, Chinese and English in one place: what a missing file
//! would decide, where a merchant downloads it, and the line for findings that wait for it. The
//! role names are `labels::role`, as on the file cards.

use crate::config::Lang;
use crate::knowledge::file_sources::{Decides, Place};
use crate::model::Role;
use crate::report::labels;
use crate::report::needs::RoleNeed;

/// The role's name (`收单对账单`), as the file cards say it.
pub fn role(lang: Lang, role: Role) -> &'static str {
    labels::role(lang, role)
}

/// What is left undecided without the file: `没有它，无法判断超时的交易是否扣款、成功的交易是否结算`.
pub fn without(lang: Lang, decides: Decides) -> &'static str {
    match decides {
        Decides::TerminalResults => lang.pick(
            "没有它，无法知道哪些交易在终端上显示失败或超时，掉单、短款、长款都查不出",
            "Without it, which sales the terminal showed as failed or timed out is unknown: no dropped sale, shortfall or overage can be found",
        ),
        Decides::Charged => lang.pick(
            "没有它，无法判断超时的交易是否扣款、成功的交易是否结算",
            "Without it, whether a timed-out sale was charged, or an approved one settled, cannot be decided",
        ),
        Decides::Deposited => lang.pick(
            "没有它，无法核对结算款是否到账、到账金额和日期是否正确",
            "Without it, whether deposits arrived, in full and on time, cannot be checked",
        ),
        Decides::OrdersPaid => lang.pick(
            "没有它，无法核对收银系统标为已付的订单是否真的收到钱",
            "Without it, whether orders the till marks paid were paid cannot be checked",
        ),
        Decides::ScanPaid => lang.pick(
            "没有它，无法判断扫码付款是否成功、是否重复扣款，也无法跟踪微信/支付宝的结算",
            "Without it, whether a WeChat Pay / Alipay scan was paid, or paid twice, cannot be decided, nor its payout followed",
        ),
    }
}

/// Where the file is usually downloaded.
pub fn place(lang: Lang, place: Place) -> &'static str {
    match place {
        Place::AcquirerPortal => lang.pick(
            "收单机构的商户服务平台或商户 App（对账单 / 交易明细下载）",
            "the acquirer's merchant portal or app (statement / transaction detail download)",
        ),
        Place::PosTerminal => lang.pick(
            "POS 机上的交易查询导出，或 POS 服务商后台",
            "the POS terminal's transaction export, or the POS provider's back office",
        ),
        Place::OnlineBanking => lang.pick(
            "企业网银或手机银行：账户明细 / 交易流水导出（Excel 或 CSV）",
            "online or mobile banking: account detail export (Excel or CSV)",
        ),
        Place::WechatPayPlatform => lang.pick(
            "微信支付商户平台：交易中心 → 账单下载",
            "the WeChat Pay merchant platform: transactions → download bill",
        ),
        Place::AlipayPlatform => lang.pick(
            "支付宝商家平台：对账中心 → 下载账单",
            "the Alipay merchant platform: reconciliation → download bill",
        ),
        Place::CashierBackOffice => lang.pick(
            "收银系统后台：订单 / 支付流水导出",
            "the cashier system's back office: orders / payments export",
        ),
    }
}

/// `下载：A；或 B`: every place of a role in one line.
pub fn places(lang: Lang, need: &RoleNeed) -> String {
    let list: Vec<&str> = need.places.iter().map(|p| place(lang, *p)).collect();
    match lang {
        Lang::Zh => format!("哪里下载：{}", list.join("；或")),
        Lang::En => format!("Where to get it: {}", list.join("; or ")),
    }
}

/// `已载入 2 个文件` / `缺少`.
pub fn status(lang: Lang, need: &RoleNeed) -> String {
    match (lang, need.files) {
        (Lang::Zh, 0) => "缺少".to_owned(),
        (Lang::En, 0) => "missing".to_owned(),
        (Lang::Zh, n) => format!("已载入 {n} 个文件"),
        (Lang::En, 1) => "1 file loaded".to_owned(),
        (Lang::En, n) => format!("{n} files loaded"),
    }
}

/// `补充载入收单对账单后，可判断 4 条结果待定的问题`, when findings wait for the file.
pub fn waiting(lang: Lang, need: &RoleNeed) -> Option<String> {
    let n = need.waiting.len();
    if n == 0 {
        return None;
    }
    let name = role(lang, need.role);
    Some(match lang {
        Lang::Zh => format!("补充载入{name}后，{n} 条结果待定的问题就能判断"),
        Lang::En if n == 1 => format!("Adding the {name} decides 1 pending finding"),
        Lang::En => format!("Adding the {name} decides {n} pending findings"),
    })
}
