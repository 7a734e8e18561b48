//! The Chinese (zh-CN), the default words of the findings and incidents.
//!
//! Rules and incident detectors compute typed facts (amounts in fen, dates, identifiers, counts,
//! which records); this file turns those facts into the merchant's words, and nothing else. It
//! holds no logic beyond choosing a sentence for a fact, so the copy can be reviewed here, in one
//! file per language, by someone who does not read Rust. Every function here has a twin of the
//! same name in the other language's file.
#![allow(dead_code)]

#[allow(unused_imports)]
use super::*;

// =====================================================================================
// Payment findings: charged_but_failed, duplicate_charge, missing_settlement,
// pending_outcome, amount_mismatch, unexpected_settlement, reversal_not_settled_back,
// over_refund, order_not_paid, and the QR channel of each.
// =====================================================================================

pub(crate) use payment::*;

/// The payment findings' words. Each function takes a rule's facts and returns its words.
mod payment {
    use super::super::qr::{contact, never_rescan, order_numbers, platform, shown, undo_advice};
    use super::super::{contact_details, date, duration, ids, location, money, terminal_result, time};
    use crate::Lang;
    use crate::diagnose::rules::charged_but_failed::{self as cbf, Channel};
    use crate::diagnose::rules::{Loc, PairFacts, Words};
    use crate::matcher::{Pass, ident};
    use crate::model::Role;

    const L: Lang = Lang::Zh;

    fn at(l: &Loc) -> String {
        location(L, l.file, l.line)
    }

    /// What a side of a pair is called in evidence.
    fn side(role: Role) -> &'static str {
        match role {
            Role::TerminalLog => "终端",
            Role::OrderList => "收银",
            Role::WalletBill => "账单",
            Role::AcquirerStatement => "对账单",
            Role::BankStatement => "银行流水",
        }
    }

    /// Why the matcher believes two records are one transaction.
    pub(crate) fn pair_evidence(f: &PairFacts) -> Vec<String> {
        let (t, a, pair) = (f.attempt, f.settled, f.pair);
        let conf = format!("{:.2}", pair.confidence);
        let window = f.window_minutes;
        let mut out = vec![match pair.pass {
            Pass::Rrn => format!(
                "按参考号匹配（第 1 轮，置信度 {conf}）：参考号 {} 两边一致",
                ident(&t.rrn).unwrap_or("")
            ),
            Pass::Stan => format!(
                "按终端号 + 凭证号 + 日期匹配（第 2 轮，置信度 {conf}）：终端号 {}，凭证号 {} / {}（按数字比较）",
                ident(&a.terminal_id).or(ident(&t.terminal_id)).unwrap_or("—"),
                ident(&t.stan).unwrap_or(""),
                ident(&a.stan).unwrap_or("")
            ),
            Pass::Window => format!(
                "按终端号 + 金额 + 时间匹配（第 3 轮，没有可用的参考号或凭证号，置信度 {conf}；时间窗口 ±{window} 分钟）"
            ),
            Pass::OrderId => {
                format!("按订单号匹配（置信度 {conf}）：{} 两边一致", f.order_id)
            }
            Pass::QrWindow => format!(
                "按支付渠道 + 金额 + 时间匹配扫码交易（没有可用的订单号，置信度 {conf}；时间窗口 ±{window} 分钟）"
            ),
        }];
        let (t_side, a_side) = (side(t.role), side(a.role));
        if let Some(delta) = pair.time_delta_secs {
            out.push(format!(
                "时间：{t_side} {}，{a_side} {}，相差 {}",
                time(L, t.time),
                time(L, a.time),
                duration(L, delta)
            ));
        }
        out.push(if t.amount_cents == a.amount_cents {
            format!("金额一致：{}", money(L, t.amount_cents))
        } else {
            format!(
                "金额不同：{t_side} {}，{a_side} {}",
                money(L, t.amount_cents),
                money(L, a.amount_cents)
            )
        });
        match (pair.card_agrees, t.card_last4(), a.card_last4()) {
            (Some(true), Some(l4), _) => out.push(format!("卡号尾号一致：{l4}")),
            (Some(false), Some(x), Some(y)) => {
                out.push(format!("卡号尾号不同：终端 {x}，对账单 {y}"))
            }
            _ => {}
        }
        if let (Some(x), Some(y)) = (ident(&t.batch_no), ident(&a.batch_no)) {
            out.push(format!("批次号：终端 {x}，对账单 {y}"));
        }
        out
    }

    /// 掉单: the attempt showed failure, the money moved.
    pub(crate) fn charged_but_failed(f: &cbf::Facts) -> Words {
        match f.channel {
            Channel::Card { clearing } => card_dropped(f, &date(clearing)),
            Channel::Qr { wallet, can_revoke } => qr_dropped(f, wallet, can_revoke),
        }
    }

    fn card_dropped(f: &cbf::Facts, clearing: &str) -> Words {
        let (t, a) = (f.attempt, f.paid);
        let both = [t, a];
        let amount = money(L, a.amount_cents);
        let ids = ids(L, &both);
        let shown = terminal_result(L, t);
        let when = time(L, t.time);
        let contact = contact_details(L, &both);
        let settled_at = at(&f.paid_at);
        let mut evidence = vec![
            format!("终端结果：{shown}（{}）", at(&f.attempt_at)),
            format!("收单结果：已结算，清算日期 {clearing}，没有撤销或冲正记录抵消"),
        ];
        evidence.extend(pair_evidence(&f.pair));
        Words {
            title: format!("掉单：{when} 终端{shown}，但 {amount} 已被扣款结算"),
            explanation: format!(
                "这笔 {amount} 的消费（{ids}）在 {when} 的终端上{shown}，收银员看到的是失败；\
                 但收单机构对账单（{settled_at}）显示它已结算，清算日期 {clearing}。\
                 也就是说顾客的卡已经被扣款，这笔钱也会结算给商户。\
                 如果当时顾客没拿到商品，或者又用别的方式付了一次，就需要处理。"
            ),
            evidence,
            actions: vec![
                "不要因为终端显示失败就向顾客再收一次款：这笔已经扣款成功。".to_owned(),
                "核对当时顾客是否又付了一次（再刷卡、现金或扫码）：如果付了两次，把多收的那一次退给顾客。".to_owned(),
                format!(
                    "如果顾客没有拿到商品：要么补交商品，要么对这笔已结算的 {amount} 办理退货（已过结算只能退货，不能撤销），退款一般 3–5 个工作日退回顾客卡上。"
                ),
                format!("如仍不确定，联系收单机构核实这笔交易，并提供：{contact}。"),
            ],
        }
    }

    fn qr_dropped(f: &cbf::Facts, m: Option<crate::model::PayMethod>, can_revoke: bool) -> Words {
        let (t, a) = (f.attempt, f.paid);
        let wallet = super::super::qr::wallet_name(L, m);
        let amount = money(L, a.amount_cents);
        let when = time(L, t.time);
        let ids = order_numbers(L, m, &[t, a]);
        let shown = shown(L, t);
        let contact = contact(L, m, &[a, t]);
        let mut evidence = vec![
            format!("收银结果：{shown}（{}）", at(&f.attempt_at)),
            format!("{wallet}账单：支付成功（{}）", at(&f.paid_at)),
        ];
        evidence.extend(pair_evidence(&f.pair));
        Words {
            title: format!("扫码掉单：{when} 收银{shown}，但{wallet}账单显示 {amount} 已支付成功"),
            explanation: format!(
                "这笔 {amount} 的{wallet}付款（{ids}）在 {when} 的收银端{shown}，收银员看到的不是成功；\
                 但{wallet}账单（{}）显示这笔订单已支付成功：顾客的钱已经付出，这笔钱会结算给商户。\
                 如果顾客没拿到商品，或者又重新扫码/用别的方式付了一次，就需要处理。",
                at(&f.paid_at)
            ),
            evidence,
            actions: vec![
                format!("先在{}按商户订单号查询这笔订单，确认状态是「支付成功」。", platform(L, m)),
                "不要再向顾客收一次：这笔已经付款成功。核对顾客当时是否又付了一次（重新扫码、现金或刷卡）。".to_owned(),
                // Only if they paid again: no second payment is in the files.
                format!("如果顾客确实又付了一次：{}", undo_advice(L, m, can_revoke, &amount)),
                "告诉顾客：第一次付款其实已经成功，多付的钱会原路退回（或补给商品），不需要再付。".to_owned(),
                format!("如账单与商户平台不一致，联系{wallet}客服（或为您开通扫码支付的服务商），提供：{contact}。"),
                never_rescan(L),
            ],
        }
    }
}

// (end of payment findings)
//
//
//

// =====================================================================================
// Deposit findings: missing_deposit, late_deposit, deposit_mismatch, fee_mismatch,
// wallet payouts, and the words they share.
// =====================================================================================

// (end of deposit findings)
//
//
//

// =====================================================================================
// Incidents, cardholder declines and terminal health.
// =====================================================================================

// (end of incidents)
