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

/// The payment findings' words. Each function takes a rule's facts and returns its words; the
/// card and QR channel of a kind are worded side by side. (A module of its own keeps its imports
/// apart from the other sections'.)
mod payment {
    use super::super::qr::qr_ids;
    use super::super::{
        contact_details, date, date_range, duration, ids, location, money, terminal_result, time,
    };
    use crate::config::Lang;
    use crate::diagnose::rules::amount_mismatch as mism;
    use crate::diagnose::rules::charged_but_failed as cbf;
    use crate::diagnose::rules::duplicate_charge as dup;
    use crate::diagnose::rules::missing_settlement as miss;
    use crate::diagnose::rules::order_not_paid as unpaid;
    use crate::diagnose::rules::over_refund as overr;
    use crate::diagnose::rules::pending_outcome as pend;
    use crate::diagnose::rules::refunded as refd;
    use crate::diagnose::rules::reversal_not_settled_back as rev;
    use crate::diagnose::rules::unexpected_settlement as unexp;
    use crate::diagnose::rules::{Loc, PairFacts, Words};
    use crate::matcher::{Pass, ident};
    use crate::model::{Outcome, PayMethod, Record, Role, TxnType};
    use chrono::{NaiveDate, NaiveDateTime};

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
            cbf::Channel::Card { clearing } => card_dropped(f, &date(clearing)),
            cbf::Channel::Qr { wallet, can_revoke } => qr_dropped(f, wallet, can_revoke),
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

    fn qr_dropped(f: &cbf::Facts, m: Option<PayMethod>, can_revoke: bool) -> Words {
        let (t, a) = (f.attempt, f.paid);
        let wallet = qr_wallet(m);
        let amount = money(L, a.amount_cents);
        let when = time(L, t.time);
        let ids = qr_order_numbers(m, &[t, a]);
        let shown = qr_shown(t);
        let contact = qr_contact(m, &[a, t]);
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
                format!("先在{}按商户订单号查询这笔订单，确认状态是「支付成功」。", qr_platform(m)),
                "不要再向顾客收一次：这笔已经付款成功。核对顾客当时是否又付了一次（重新扫码、现金或刷卡）。".to_owned(),
                // Only if they paid again: no second payment is in the files.
                format!("如果顾客确实又付了一次：{}", qr_undo_advice(m, can_revoke, &amount)),
                "告诉顾客：第一次付款其实已经成功，多付的钱会原路退回（或补给商品），不需要再付。".to_owned(),
                format!("如账单与商户平台不一致，联系{wallet}客服（或为您开通扫码支付的服务商），提供：{contact}。"),
                qr_never_rescan(),
            ],
        }
    }

    fn gap(secs: Option<i64>) -> String {
        secs.map_or_else(|| "—".to_owned(), |s| duration(L, s))
    }

    /// 重复扣款: one purchase paid twice.
    pub(crate) fn duplicate_charge(f: &dup::Facts) -> Words {
        match f {
            dup::Facts::Card(c) => Words {
                title: card_twice_title(c),
                explanation: card_twice_explanation(c),
                evidence: card_twice_evidence(c),
                actions: card_twice_actions(c),
            },
            dup::Facts::QrRescan(r) => qr_rescan(r),
            dup::Facts::QrUntracked(u) => qr_untracked(u),
        }
    }

    fn card_twice_title(c: &dup::Card) -> String {
        let amount = money(L, c.failed[1].amount_cents);
        let gap = gap(c.gap_secs);
        let (tid1, tid2) = c.terminals;
        match (c.card_confirmed.then_some(c.card).flatten(), c.same_terminal) {
            (Some(l4), _) if c.late => {
                format!(
                    "可能重复扣款：卡号尾号 {l4} 在 {gap} 后又付了一次 {amount}，请先与顾客确认"
                )
            }
            (Some(l4), _) if !c.also_failed.is_empty() => format!(
                "重复扣款：卡号尾号 {l4} 的一次消费被扣了 {} 次 {amount}，多扣 {}",
                c.times_charged(),
                money(L, c.extra_cents())
            ),
            (Some(l4), _) => format!("重复扣款：卡号尾号 {l4} 在 {gap} 内被扣了两次 {amount}"),
            (None, true) => format!("疑似重复扣款：同一终端在 {gap} 内两次扣款 {amount}"),
            (None, false) => format!(
                "疑似重复扣款：终端 {tid1} 和 {tid2} 在 {gap} 内各扣款 {amount}（卡号无法核对）"
            ),
        }
    }

    fn card_twice_explanation(c: &dup::Card) -> String {
        let [t1, a1] = c.failed;
        let [t2, a2] = c.approved;
        let amount = money(L, a1.amount_cents);
        let (ids1, ids2) = (ids(L, &[t1, a1]), ids(L, &[t2, a2]));
        let shown = terminal_result(L, t1);
        let (when1, when2) = (time(L, t1.time), time(L, t2.time));
        let gap = gap(c.gap_secs);
        let (loc1, loc2) = (at(&c.settled_at.0), at(&c.settled_at.1));
        let paid_twice = if c.card_confirmed {
            format!("顾客为同一次消费付了两次 {amount}")
        } else {
            format!("很可能是顾客为同一次消费付了两次 {amount}")
        };
        let mut explanation = if c.late {
            format!(
                "终端上显示失败的一笔：{when1}，{ids1}，终端{shown}；终端上成功的一笔：{when2}，{ids2}。\
                 收单对账单显示两笔都已结算（{loc1}、{loc2}）。{gap}后同一张卡又付了一次，\
                 可能是重新付款，也可能是另一次消费：先与顾客确认。\
                 两笔相隔超过重复扣款判定窗口（{} 分钟），所以不能断定是重复扣款；\
                 但失败的那一笔确实已经扣款。",
                c.window_minutes
            )
        } else {
            format!(
                "终端上显示失败的一笔：{when1}，{ids1}，终端{shown}；终端上成功的一笔：{when2}，{ids2}。\
                 收单对账单显示两笔都已结算（{loc1}、{loc2}），{paid_twice}。\
                 通常是第一笔超时后收银员又收了一次，而第一笔的自动冲正没有成功。"
            )
        };
        if !c.same_terminal {
            explanation.push_str(&format!(
                "第二笔是在另一台终端（{}）上收的：超时后收银员常换一台终端再收一次。",
                c.terminals.1
            ));
        }
        explanation.push_str(&also_failed_explanation(c));
        if !c.card_confirmed {
            explanation.push_str(
                "但至少一笔没有卡号，文件无法确认两笔是同一位顾客：退款前请先核对两张签购单。",
            );
        }
        explanation
    }

    fn card_twice_actions(c: &dup::Card) -> Vec<String> {
        let [t1, a1] = c.failed;
        let [t2, a2] = c.approved;
        let amount = money(L, a1.amount_cents);
        let ids2 = ids(L, &[t2, a2]);
        let when2 = time(L, t2.time);
        let tid1 = c.terminals.0;
        let failed_ids = ids(L, &[a1, t1]);
        let contact = contact_details(L, &[a1, t1]);
        let refund = if c.settled_already {
            format!(
                "在原终端 {tid1} 上为终端显示失败的那一笔（{failed_ids}，{amount}）办理退货：它已经结算，不能再撤销。"
            )
        } else {
            format!(
                "在原终端 {tid1} 上为终端显示失败的那一笔（{failed_ids}，{amount}）退款：如果还在当天、同一批次且未结算，在 POS 上做「消费撤销」；已结算（批结算或 23:00 日切之后）则做「退货」。"
            )
        };
        let extra = money(L, c.extra_cents());
        let mut actions = Vec::new();
        if c.late {
            actions.push(format!(
                "先与顾客确认 {when2} 的那一笔（{ids2}）是不是为同一次消费重新付的款：如果是，按下面的步骤退回失败的那一笔；如果是另一次消费，两笔都保留，失败的那一笔（{failed_ids}）按掉单处理：顾客没拿到商品就补交商品，或为它办理退货。"
            ));
        }
        if !c.card_confirmed {
            actions.push(format!(
                "先核对两笔的签购单（卡号、持卡人签名）：如果是两位顾客，这不是重复扣款，失败的那一笔（{failed_ids}）按掉单处理：补交商品，或为它办理退货。"
            ));
        }
        let if_confirmed = if c.late { "如果确认是重新付款，" } else { "" };
        actions.push(refund);
        actions.extend(also_failed_refunds(c));
        actions.extend([
            format!("保留终端显示成功的那一笔（{ids2}），不要两笔都退。"),
            format!(
                "{if_confirmed}告诉顾客多扣的 {extra} 会退回：撤销一般当天即可到账，退货通常需要 3–5 个工作日。"
            ),
            format!("如果 POS 上无法办理，联系收单机构处理，并提供：{contact}。"),
        ]);
        actions
    }

    /// A purchase charged three times or more: the further failed charges, in one sentence.
    fn also_failed_explanation(c: &dup::Card) -> String {
        if c.also_failed.is_empty() {
            return String::new();
        }
        let list: Vec<String> = c
            .also_failed
            .iter()
            .map(|x| {
                let [t, a] = x.rows;
                format!("{}，{}（{}）", time(L, t.time), ids(L, &[t, a]), at(&x.settled_at))
            })
            .collect();
        format!(
            "同一张卡在成功之前还有 {} 笔同样金额的扣款终端显示失败、却已结算：{}。顾客为一次消费一共被扣了 {} 次，多扣了 {}，每一笔显示失败的都要退。",
            c.also_failed.len(),
            list.join("；"),
            c.times_charged(),
            money(L, c.extra_cents())
        )
    }

    /// One refund per further failed charge.
    fn also_failed_refunds(c: &dup::Card) -> Vec<String> {
        c.also_failed
            .iter()
            .map(|x| {
                let [t, a] = x.rows;
                let tid = ident(&t.terminal_id).or(ident(&a.terminal_id)).unwrap_or("—");
                format!(
                    "同样在终端 {tid} 上为另一笔显示失败的（{}，{}）办理{}。",
                    ids(L, &[a, t]),
                    money(L, a.amount_cents),
                    if c.settled_already { "退货" } else { "撤销（已结算则退货）" }
                )
            })
            .collect()
    }

    fn card_twice_evidence(c: &dup::Card) -> Vec<String> {
        let (tid1, tid2) = c.terminals;
        let gap = gap(c.gap_secs);
        let window = c.window_minutes;
        let late_minutes = crate::diagnose::rules::duplicate_charge::LATE_RETRY_MINUTES;
        let mut evidence = vec![
            if c.same_terminal {
                format!("同一终端：{tid1}")
            } else {
                format!("两台终端，同一商户：失败笔在终端 {tid1}，成功笔在终端 {tid2}")
            },
            format!("金额相同：{}，两笔都已结算", money(L, c.failed[1].amount_cents)),
            match (c.card_confirmed, c.card) {
                (true, Some(l4)) => format!("卡号尾号相同：{l4}"),
                _ => "卡号未知：至少一笔没有卡号，仅凭商户、金额和时间判断，无法确认是同一位顾客"
                    .to_owned(),
            },
            if c.late {
                format!(
                    "两笔相隔 {gap}：超出重复扣款判定窗口 {window} 分钟，但在 {late_minutes} 分钟内、同一清算日，同一张卡"
                )
            } else {
                format!("两笔相隔 {gap}（重复扣款判定窗口 {window} 分钟）")
            },
        ];
        evidence.extend(pair_evidence(&c.failed_pair).into_iter().map(|e| format!("失败笔：{e}")));
        evidence
            .extend(pair_evidence(&c.approved_pair).into_iter().map(|e| format!("成功笔：{e}")));
        evidence.extend(c.also_failed.iter().map(|x| {
            let [t, a] = x.rows;
            format!(
                "另一笔失败笔：{}，{}，终端{}，已结算（{}），比成功笔早 {}，卡号尾号相同",
                time(L, t.time),
                ids(L, &[t, a]),
                terminal_result(L, t),
                at(&x.settled_at),
                x.gap_secs.map_or_else(|| "—".to_owned(), |s| duration(L, s))
            )
        }));
        evidence
    }

    fn qr_rescan(r: &dup::QrRescan) -> Words {
        let [t1, a1] = r.first;
        let [t2, a2] = r.second;
        let m = r.wallet;
        let wallet = qr_wallet(m);
        let amount = money(L, a1.amount_cents);
        let gap = gap(r.gap_secs);
        let first_ids = qr_order_numbers(m, &[t1, a1]);
        let second_ids = qr_order_numbers(m, &[t2, a2]);
        let shown = qr_shown(t1);
        let contact = qr_contact(m, &[a1, t1]);
        let (w1, w2) = (time(L, t1.time), time(L, t2.time));
        let mut evidence = vec![
            format!(
                "第一次：收银{shown}（{}），账单支付成功（{}）",
                at(&r.first_at.0),
                at(&r.first_at.1)
            ),
            format!(
                "第二次：收银成功（{}），账单支付成功（{}），相隔 {gap}",
                at(&r.second_at.0),
                at(&r.second_at.1)
            ),
        ];
        evidence.extend(pair_evidence(&r.first_pair));
        Words {
            title: format!("重复扫码扣款：顾客用{wallet}付了两次 {amount}（{w1} 与 {w2}）"),
            explanation: format!(
                "{w1} 第一次扫码（{first_ids}）收银端{shown}，收银员于是在 {gap} 后重新扫码（{second_ids}），第二次成功。\
                 但{wallet}账单显示两笔都支付成功：顾客为同一笔消费付了两次 {amount}（单边账）。"
            ),
            evidence,
            actions: vec![
                format!("在{}按两个商户订单号分别查询，确认两笔都是「支付成功」。", qr_platform(m)),
                format!("保留第二笔（{second_ids}），把第一笔（{first_ids}）退给顾客。"),
                qr_undo_advice(m, r.can_revoke, &amount),
                "告诉顾客：第一次扫码其实已经扣款，多付的一笔已经（或即将）原路退回，请留意微信/支付宝的退款通知。".to_owned(),
                format!("如果无法撤销或退款，联系{wallet}客服（或为您开通扫码支付的服务商），提供：{contact}。"),
                qr_never_rescan(),
            ],
        }
    }

    fn qr_untracked(u: &dup::QrUntracked) -> Words {
        let x = u.extra;
        let [kt, ka] = u.kept;
        let m = u.wallet;
        let wallet = qr_wallet(m);
        let amount = money(L, x.amount_cents);
        let payer = u.payer;
        let (wx, wk) = (time(L, x.time), time(L, ka.time));
        let gap = gap(u.gap_secs);
        let extra_ids = qr_order_numbers(m, &[x]);
        let kept_ids = qr_order_numbers(m, &[kt, ka]);
        let contact = qr_contact(m, &[x]);
        Words {
            title: format!("重复扫码扣款：顾客用{wallet}付了两次 {amount}（{wx} 与 {wk}）"),
            explanation: format!(
                "{wallet}账单在 {wx} 和 {wk} 各有一笔 {amount} 支付成功，相隔 {gap}，付款人都是「{payer}」。收银只记录了 {wk} 的那一笔（{kept_ids}）；{wx} 的那一笔（{extra_ids}）收银里没有：同一位顾客为一次消费付了两次 {amount}（重新扫码后两次都扣了款）。"
            ),
            evidence: vec![
                format!(
                    "收银不知道的一笔：{wallet}账单支付成功（{}），付款人「{payer}」",
                    at(&u.extra_at)
                ),
                format!(
                    "收银记录的一笔：收银{}（{}），账单支付成功（{}），付款人相同，相隔 {gap}",
                    qr_shown(kt),
                    at(&u.kept_at.0),
                    at(&u.kept_at.1)
                ),
            ],
            actions: vec![
                format!(
                    "在{}按两个商户订单号分别查询，确认两笔都是「支付成功」、付款人是同一位顾客。",
                    qr_platform(m)
                ),
                format!(
                    "保留收银记录的那一笔（{kept_ids}），把收银不知道的那一笔（{extra_ids}）退给顾客。"
                ),
                qr_undo_advice(m, u.can_revoke, &amount),
                "告诉顾客：多付的一笔已经（或即将）原路退回，请留意微信/支付宝的退款通知。"
                    .to_owned(),
                format!(
                    "如果无法撤销或退款，联系{wallet}客服（或为您开通扫码支付的服务商），提供：{contact}。"
                ),
                qr_never_rescan(),
            ],
        }
    }

    /// The days the loaded wallet bills cover: `2026-11-09` or `2026-11-09 至 2026-11-12`.
    fn covered_days(range: Option<(NaiveDate, NaiveDate)>) -> String {
        range
            .map(|(a, b)| if a == b { a.to_string() } else { format!("{a} 至 {b}") })
            .unwrap_or_else(|| "—".to_owned())
    }

    /// 结果待定: an attempt the loaded files cannot decide yet.
    pub(crate) fn pending_outcome(f: &pend::Facts) -> Words {
        match &f.channel {
            pend::Channel::Card(c) => card_pending(f, c),
            pend::Channel::Qr { date, bills_cover } => qr_pending(f, *date, *bills_cover),
        }
    }

    fn card_pending_reason(c: &pend::Card) -> String {
        let pend::Card { why, coverage, terminal, .. } = c;
        let coverage = coverage.map(|(a, b)| date_range(L, a, b)).unwrap_or_default();
        match why {
            pend::Why::NoStatement => "还没有加载收单对账单，无法判断是否扣款。".to_owned(),
            pend::Why::DateNotLoaded(d) => format!(
                "已加载的收单对账单覆盖清算日期 {coverage}，其中没有 {d} 的结算记录，所以还无法判断是否扣款。"
            ),
            pend::Why::TerminalNotInStatement => format!(
                "已加载的收单对账单中没有终端 {terminal} 的任何交易（它可能由另一家收单机构结算），所以还无法判断是否扣款。"
            ),
            pend::Why::NoDate => "这笔记录没有交易时间，无法确定清算日期。".to_owned(),
        }
    }

    fn card_pending(f: &pend::Facts, c: &pend::Card) -> Words {
        let pend::Card { clearing, deposit, escalate, escalate_after_working_days, .. } = c;
        let t = f.attempt;
        let amount = money(L, t.amount_cents);
        let ids = ids(L, &[t]);
        let when = time(L, t.time);
        let shown = terminal_result(L, t);
        let clearing_text = date(*clearing);
        let (deposit, escalate) = (date(*deposit), date(*escalate));
        let contact = contact_details(L, &[t]);
        let reason = card_pending_reason(c);
        // With no acquirer statement loaded at all, the file decides it: say "add it" before
        // "ask the acquirer" (issue 13: the analysis, not a phone call, answers this one).
        let missing = matches!(c.why, pend::Why::NoStatement);
        let load = match (clearing, missing) {
            (Some(d), true) => format!(
                "补充载入收单机构对账单：在收单机构的商户服务平台下载清算日期 {d} 的对账单，加入后重新分析：有这笔即为掉单，没有则说明已自动冲正、未扣款。"
            ),
            (Some(d), false) => format!(
                "下载清算日期 {d} 的收单对账单，加入后重新分析：有这笔即为掉单，没有则说明已自动冲正、未扣款。"
            ),
            (None, true) => "补充载入收单机构对账单（覆盖这笔交易的日期）后重新分析。".to_owned(),
            (None, false) => "加载覆盖这笔交易的收单对账单后重新分析。".to_owned(),
        };
        let query = "先在 POS 上按凭证号查询或重打印这笔交易：终端已补记为成功的按成功处理；仍显示失败或查不到的，以收单对账单为准。".to_owned();
        let no_recharge = "在确认之前不要让顾客因这笔再付款；如果顾客已经重新付款，记下联系方式，以便确认扣款后退还。如果交易没有成功而顾客卡上被扣了钱，一般会自动冲正退回，通常 1–3 个工作日到账，可以这样告诉顾客。".to_owned();
        let ask = format!("联系收单机构查询这笔交易是否扣款，并提供：{contact}。");
        let actions = if f.overdue {
            if missing {
                let late = format!(
                    "已超过 {escalate}（应到账日 {deposit} 后 {escalate_after_working_days} 个工作日），请尽快"
                );
                vec![format!("{late}{load}"), query, no_recharge, format!("拿不到对账单时，{ask}")]
            } else {
                let late = format!(
                    "已超过 {escalate}（应到账日 {deposit} 后 {escalate_after_working_days} 个工作日），请立即处理："
                );
                vec![format!("{late}{ask}"), query, load, no_recharge]
            }
        } else {
            vec![query, load, no_recharge, format!("如果到 {escalate} 仍无法确认，{ask}")]
        };
        Words {
            title: format!(
                "结果待定：{when} 的 {amount} 交易结果未知，需等清算日期 {clearing_text} 的对账单确认"
            ),
            explanation: format!(
                "这笔 {amount} 的消费（{ids}）在 {when} 的终端上{shown}：终端不知道银行是否已扣款，顾客的卡可能已被扣。\
                 按日切它的清算日期是 {clearing_text}。{reason}"
            ),
            evidence: vec![
                format!("终端结果：{shown}（{}）", at(&f.attempt_at)),
                format!(
                    "清算日期 {clearing_text}，预计到账 {deposit}，{escalate} 后应联系收单机构"
                ),
                reason,
            ],
            actions,
        }
    }

    fn qr_pending(
        f: &pend::Facts,
        date: NaiveDate,
        bills_cover: Option<(NaiveDate, NaiveDate)>,
    ) -> Words {
        let t = f.attempt;
        let m = t.pay_method;
        let wallet = qr_wallet(m);
        let amount = money(L, t.amount_cents);
        let when = time(L, t.time);
        let ids = qr_order_numbers(m, &[t]);
        let contact = qr_contact(m, &[t]);
        let shown = qr_shown(t);
        Words {
            title: format!("扫码结果未知：{when} {amount} {wallet}付款{shown}，{date} 的账单还没加载"),
            explanation: format!(
                "这笔 {amount} 的{wallet}付款（{ids}）在 {when} 的收银端{shown}：顾客可能还在输密码，钱可能已经付了。\
                 已加载的{wallet}账单不含 {date}，所以还判断不了。"
            ),
            evidence: vec![format!(
                "收银结果：{shown}（{}）；{wallet}账单覆盖 {}",
                at(&f.attempt_at),
                covered_days(bills_cover)
            )],
            actions: vec![
                format!("马上在收银机上查询这笔订单，或在{}按商户订单号查询。", qr_platform(m)),
                format!("下载 {wallet} {date} 的账单后重新分析。"),
                "查到「支付成功」前不要让顾客重新扫码；若已重新扫码且两笔都成功，撤销或退款其中一笔。".to_owned(),
                format!("查询不到时联系{wallet}客服（或服务商），提供：{contact}。"),
            ],
        }
    }

    /// 短款: shown approved, missing from the file that decides it.
    pub(crate) fn missing_settlement(f: &miss::Facts) -> Words {
        match &f.channel {
            miss::Channel::Card(c) => card_missing(f, c),
            miss::Channel::Qr { date, bills_cover } => qr_missing(f, *date, *bills_cover),
        }
    }

    fn card_missing(f: &miss::Facts, c: &miss::Card) -> Words {
        let miss::Card {
            clearing,
            day_has_rows,
            covered,
            deposit,
            escalate,
            cutoff,
            window_minutes,
        } = c;
        let t = f.attempt;
        let amount = money(L, t.amount_cents);
        let ids = ids(L, &[t]);
        let when = time(L, t.time);
        let covered = date_range(L, covered.0, covered.1);
        let deposit = deposit.map(|d| d.to_string()).unwrap_or_default();
        let escalate = escalate.map(|d| d.to_string()).unwrap_or_default();
        let next_day = clearing.succ_opt().unwrap_or(*clearing);
        let contact = contact_details(L, &[t]);
        let cutoff = cutoff.format("%H:%M");
        let shown = terminal_result(L, t);
        let mut explanation = format!(
            "这笔 {amount} 的消费（{ids}）在 {when} 的终端上{shown}，是一笔成功交易，按 {cutoff} 日切应在 {clearing} 清算。\
             已加载的收单对账单覆盖清算日期 {covered}，但其中找不到这笔交易：参考号、终端号 + 凭证号、\
             以及同金额前后 {window_minutes} 分钟内的记录都对不上。这笔钱可能不会结算给商户。"
        );
        if !day_has_rows {
            explanation.push_str(&format!(
                "注意：对账单中 {clearing} 这一天没有任何结算记录，可能是这一天的对账单没有加载。"
            ));
        }
        Words {
            title: format!("短款：终端成功的 {amount} 消费（{when}）不在收单对账单中"),
            explanation,
            evidence: vec![
                format!("终端结果：{shown}（{}）", at(&f.attempt_at)),
                format!("清算日期 {clearing}（交易时间 {when}，日切 {cutoff}）"),
                format!("收单对账单覆盖清算日期 {covered}"),
                if *day_has_rows {
                    format!("{clearing} 当天对账单有其他结算记录，唯独没有这一笔")
                } else {
                    format!("{clearing} 当天对账单没有任何记录")
                },
                "按参考号、终端号 + 凭证号、终端号 + 金额 + 时间三轮匹配均未找到".to_owned(),
            ],
            actions: vec![
                format!(
                    "先查看清算日期 {next_day} 的对账单（有的机构延迟一天上送），并在 POS 上按凭证号查询或重打印这笔交易，确认它确实成功。"
                ),
                format!("核对银行账户 {deposit} 的入账金额是否少了这笔的净额。"),
                format!(
                    "向收单机构提出未结算（短款）核查和请款，提供交易当日的签购单存根、银行流水截图，以及：{contact}；记下受理编号。"
                ),
                format!("如果到 {escalate} 仍未处理或未到账，再次催办或向收单机构投诉升级。"),
            ],
        }
    }

    fn qr_missing(
        f: &miss::Facts,
        date: NaiveDate,
        bills_cover: Option<(NaiveDate, NaiveDate)>,
    ) -> Words {
        let t = f.attempt;
        let m = t.pay_method;
        let wallet = qr_wallet(m);
        let amount = money(L, t.amount_cents);
        let when = time(L, t.time);
        let ids = qr_order_numbers(m, &[t]);
        let contact = qr_contact(m, &[t]);
        let days = covered_days(bills_cover);
        let shown = qr_shown(t);
        Words {
            title: format!("扫码短款：收银成功的 {amount} {wallet}付款（{when}）不在账单中"),
            explanation: format!(
                "这笔 {amount} 的{wallet}付款（{ids}）在 {when} 的收银端{shown}；已加载的{wallet}账单覆盖 {days}，\
                 {date} 当天有其他记录，但找不到这笔订单（订单号、金额 + 时间都对不上）。钱可能没有真正收到。"
            ),
            evidence: vec![
                format!("收银结果：{shown}（{}）", at(&f.attempt_at)),
                format!("{wallet}账单覆盖 {days}，{date} 当天有记录，唯独没有这一笔"),
            ],
            actions: vec![
                format!("在{}按商户订单号查询这笔订单的真实状态。", qr_platform(m)),
                "如果平台显示未支付或已关闭：顾客实际没有付款，联系顾客补付（会员、外卖或留了电话时）。".to_owned(),
                "如果平台显示支付成功：重新下载当天账单核对，并联系服务商查明为什么账单里没有。".to_owned(),
                format!("联系{wallet}客服（或为您开通扫码支付的服务商）时提供：{contact}。"),
            ],
        }
    }

    /// 长款: settled, and no attempt explains it.
    pub(crate) fn unexpected_settlement(f: &unexp::Facts) -> Words {
        match f.channel {
            unexp::Channel::Card { clearing, terminal_log } => {
                card_unexpected(f, clearing, terminal_log)
            }
            unexp::Channel::Qr => qr_unexpected(f),
        }
    }

    fn card_unexpected(
        f: &unexp::Facts,
        clearing: Option<NaiveDate>,
        terminal_log: Option<(NaiveDateTime, NaiveDateTime)>,
    ) -> Words {
        let a = f.settled;
        let amount = money(L, a.amount_cents);
        let ids = ids(L, &[a]);
        let when = time(L, a.time);
        let loc = at(&f.settled_at);
        let (start, end) =
            terminal_log.map(|(s, e)| (time(L, Some(s)), time(L, Some(e)))).unwrap_or_default();
        let contact = contact_details(L, &[a]);
        let lookup = match ident(&a.stan) {
            Some(s) => format!(
                "在 POS 上按凭证号 {s} 查询或重打印，并找出这笔的签购单存根，确认是否为本店交易。"
            ),
            None => format!(
                "在 POS 交易明细中查找 {when} 前后 {amount} 的交易，并找出签购单存根，确认是否为本店交易。"
            ),
        };
        Words {
            title: format!("长款：收单机构结算了 {amount}（{when}），终端流水中没有这笔"),
            explanation: format!(
                "收单对账单（{loc}）显示一笔 {amount} 的消费已结算（{ids}，交易时间 {when}），\
                 但终端交易明细在 {start} 至 {end} 之间的记录里没有这笔交易。\
                 可能是终端没有记录或导出不完整、收银员以为失败的交易其实成功了，或者这笔交易不是本店发起的。\
                 无法解释的长款日后可能被调单、退单或贷记调整追回。"
            ),
            evidence: vec![
                format!(
                    "收单结果：已结算（{loc}），清算日期 {}",
                    clearing.map(|d| d.to_string()).unwrap_or_default()
                ),
                format!("该终端的终端流水覆盖 {start} 至 {end}，这笔交易时间在范围内"),
                "按参考号、终端号 + 凭证号、终端号 + 金额 + 时间三轮匹配均未找到终端记录".to_owned(),
            ],
            actions: vec![
                lookup,
                "如果是本店交易但终端显示失败或没有记录：确认顾客是否拿到了商品、是否又付了一次；重复收款要退给顾客。".to_owned(),
                format!(
                    "如果无法解释，先不要把这笔钱当作营业收入，联系收单机构核查，并提供：{contact}。"
                ),
            ],
        }
    }

    fn qr_unexpected(f: &unexp::Facts) -> Words {
        let a = f.settled;
        let m = a.pay_method;
        let wallet = qr_wallet(m);
        let amount = money(L, a.amount_cents);
        let when = time(L, a.time);
        let ids = qr_order_numbers(m, &[a]);
        let contact = qr_contact(m, &[a]);
        Words {
            title: format!("扫码长款：{wallet}账单有 {amount} 的付款（{when}），收银记录里没有"),
            explanation: format!(
                "{wallet}账单（{}）显示 {when} 收到一笔 {amount}（{ids}），但已加载的收银/订单记录覆盖这个时间，却没有对应的扫码记录。\
                 可能是收银端显示失败、顾客又付了一次的那一笔，也可能是别的门店或设备收的款。",
                at(&f.settled_at)
            ),
            evidence: vec![format!(
                "{wallet}账单：支付成功（{}），没有匹配的收银或订单记录",
                at(&f.settled_at)
            )],
            actions: vec![
                format!(
                    "在{}按商户订单号查询这笔订单，看是哪台设备、哪个收银员收的。",
                    qr_platform(m)
                ),
                "核对当时是否有顾客说付了款但收银显示失败；若顾客付了两次，撤销或退款多付的一笔。"
                    .to_owned(),
                format!("无法解释时联系{wallet}客服（或服务商），提供：{contact}。"),
            ],
        }
    }

    /// 金额不一致: one transaction, two amounts.
    pub(crate) fn amount_mismatch(f: &mism::Facts) -> Words {
        match &f.channel {
            mism::Channel::Card { pair } => card_mismatch(f, pair),
            mism::Channel::Order { order_at, by_rrn } => order_mismatch(f, order_at, *by_rrn),
            mism::Channel::Qr { wallet, pair } => qr_mismatch(f, *wallet, pair),
        }
    }

    fn card_mismatch(f: &mism::Facts, pair: &PairFacts) -> Words {
        let (t, a) = (f.expected, f.settled);
        let diff = f.diff_cents();
        let (on_terminal, settled, diff_text) =
            (money(L, t.amount_cents), money(L, a.amount_cents), money(L, diff.abs()));
        let ids = ids(L, &[t, a]);
        let when = time(L, t.time);
        let contact = contact_details(L, &[a, t]);
        let check_receipt = "拿出这笔的签购单，核对顾客签字确认的金额。".to_owned();
        let (explanation, actions) = if diff > 0 {
            (
                format!(
                    "{when} 的这笔交易（{ids}）在终端上是 {on_terminal}，收单机构却按 {settled} 结算，多了 {diff_text}：顾客可能被多扣了钱。"
                ),
                vec![
                    check_receipt,
                    format!(
                        "如果签购单金额是 {on_terminal}：把多扣的 {diff_text} 退给顾客（部分退货），并联系收单机构说明原因。"
                    ),
                    format!("联系收单机构核查，提供：{contact}。"),
                ],
            )
        } else {
            (
                format!(
                    "{when} 的这笔交易（{ids}）在终端上是 {on_terminal}，收单机构只按 {settled} 结算，少了 {diff_text}：商户少收了这部分钱（短款）。"
                ),
                vec![
                    check_receipt,
                    format!(
                        "向收单机构申请补结算少付的 {diff_text}（请款/调账申请），提供签购单和：{contact}。"
                    ),
                ],
            )
        };
        Words {
            title: format!(
                "金额不一致：终端 {on_terminal}，对账单结算 {settled}（相差 {diff_text}）"
            ),
            explanation,
            evidence: pair_evidence(pair),
            actions,
        }
    }

    fn order_mismatch(f: &mism::Facts, order_at: &Loc, by_rrn: bool) -> Words {
        let (o, p) = (f.expected, f.settled);
        let diff = f.diff_cents();
        let (ordered, paid, diff_text) =
            (money(L, o.amount_cents), money(L, p.amount_cents), money(L, diff.abs()));
        let order_id = ident(&o.order_id).unwrap_or("—");
        let ids = ids(L, &[p]);
        let when = time(L, p.time);
        Words {
            title: format!(
                "金额不一致：订单 {order_id} 为 {ordered}，刷卡 {paid}（相差 {diff_text}）"
            ),
            explanation: format!(
                "收银系统订单 {order_id}（{}）金额 {ordered}，与它对应的刷卡交易（{ids}，{when}）金额为 {paid}。{}",
                at(order_at),
                if diff > 0 { "顾客被多刷了钱。" } else { "少收了顾客的钱。" }
            ),
            evidence: vec![
                format!("订单与终端对比：订单 {ordered}，终端 {paid}"),
                format!("按{}匹配", if by_rrn { "参考号" } else { "凭证号" }),
            ],
            actions: vec![
                "核对订单小票和签购单上的金额。".to_owned(),
                if diff > 0 {
                    format!("多刷的 {diff_text} 应退还顾客（部分退货）。")
                } else {
                    format!("少收的 {diff_text} 需向顾客补收，或在收银系统中更正订单。")
                },
            ],
        }
    }

    fn qr_mismatch(f: &mism::Facts, m: Option<PayMethod>, pair: &PairFacts) -> Words {
        let (t, a) = (f.expected, f.settled);
        let wallet = qr_wallet(m);
        let (tm, am) = (money(L, t.amount_cents), money(L, a.amount_cents));
        let diff = f.diff_cents();
        let ids = qr_order_numbers(m, &[t, a]);
        let contact = qr_contact(m, &[a, t]);
        Words {
            title: format!("扫码金额不一致：收银 {tm}，{wallet}账单 {am}"),
            explanation: format!(
                "同一个订单（{ids}）在收银端是 {tm}，在{wallet}账单里是 {am}，相差 {}。",
                money(L, diff.abs())
            ),
            evidence: pair_evidence(pair),
            actions: vec![
                format!(
                    "在{}按商户订单号查询这笔订单的实付金额（注意优惠券、立减等营销金额）。",
                    qr_platform(m)
                ),
                if diff > 0 {
                    "顾客多付了：把差额退给顾客（退款），并告诉顾客差额会原路退回。".to_owned()
                } else {
                    "顾客少付了：按小票与顾客核对；若是优惠券/立减造成，属于正常差额。".to_owned()
                },
                format!("无法解释时联系{wallet}客服（或服务商），提供：{contact}。"),
            ],
        }
    }

    /// 订单无支付记录: a till order marked paid with no payment behind it.
    pub(crate) fn order_not_paid(f: &unpaid::Facts) -> Words {
        match f.channel {
            unpaid::Channel::Card { before, after } => card_order_not_paid(f, before, after),
            unpaid::Channel::Qr { bills_cover, till_attempt } => {
                qr_order_not_paid(f, bills_cover, till_attempt)
            }
        }
    }

    fn card_order_not_paid(f: &unpaid::Facts, before: i64, after: i64) -> Words {
        let o = f.order;
        let amount = money(L, o.amount_cents);
        let when = time(L, o.time);
        let order_id = ident(&o.order_id).unwrap_or("—");
        let location = at(&f.order_at);
        Words {
            title: format!("订单无支付记录：订单 {order_id}（{amount}，{when}）标记为刷卡已支付"),
            explanation: format!(
                "收银系统的订单 {order_id}（{location}）在 {when} 以银行卡收款 {amount}，状态为已支付；\
                 但终端流水在这段时间内找不到支撑它的成功刷卡交易：没有相同参考号或凭证号的交易，\
                 也没有订单前 {before} 分钟到后 {after} 分钟内同金额的成功交易。终端流水覆盖了这个时间，\
                 所以很可能这笔钱没有收到。"
            ),
            evidence: vec![
                format!("订单：{order_id}，金额 {amount}，时间 {when}，支付方式 银行卡，状态 已支付"),
                format!(
                    "查找范围：参考号、凭证号；同金额、订单前 {before} 分钟至后 {after} 分钟{}",
                    ident(&o.terminal_id).map(|t| format!("、终端 {t}")).unwrap_or_default()
                ),
                "终端流水覆盖该时间".to_owned(),
            ],
            actions: vec![
                "找出这笔订单的签购单（POS 小票）：没有签购单就说明刷卡没有成功。".to_owned(),
                "如有会员、外卖或电话信息，联系顾客补付款。".to_owned(),
                "如果有签购单，按小票上的参考号在终端上查询：可能刷在了别的终端或金额不同，这种交易也会在本报告中单独列出。"
                    .to_owned(),
                "提醒收银员：终端显示成功并打印签购单之后，再在收银系统中确认收款。".to_owned(),
            ],
        }
    }

    fn qr_order_not_paid(
        f: &unpaid::Facts,
        bills_cover: Option<(NaiveDate, NaiveDate)>,
        till_attempt: bool,
    ) -> Words {
        let o = f.order;
        let m = o.pay_method;
        let wallet = qr_wallet(m);
        let amount = money(L, o.amount_cents);
        let when = time(L, o.time);
        let ids = qr_order_numbers(m, &[o]);
        let contact = qr_contact(m, &[o]);
        let days = covered_days(bills_cover);
        Words {
            title: format!("订单未收到{wallet}付款：{when} 的 {amount} 订单不在账单中"),
            explanation: format!(
                "收银订单（{}）记录 {when} 一笔 {amount} 的{wallet}付款（{ids}），但{wallet}账单覆盖 {days}，里面没有这笔订单对应的成功付款。",
                at(&f.order_at)
            ),
            evidence: vec![if till_attempt {
                format!(
                    "{wallet}账单覆盖 {days}，没有这笔订单的成功付款；收银的支付记录是这笔扫码唯一的记录"
                )
            } else {
                format!("{wallet}账单覆盖 {days}，没有这笔订单的成功付款；没有加载收银机交易明细")
            }],
            actions: vec![
                format!("在{}按商户订单号（或金额、时间）查询这笔订单。", qr_platform(m)),
                "如果查不到成功付款：顾客实际没有付款，能联系上顾客时请其补付。".to_owned(),
                format!(
                    "如果平台显示已付款，联系{wallet}客服（或服务商）查明为什么账单里没有，提供：{contact}。"
                ),
            ],
        }
    }

    /// 撤销 / 冲正 / 退货未结算: the terminal undid a sale, the statement did not.
    pub(crate) fn reversal_not_settled_back(f: &rev::Facts) -> Words {
        let r = f.undo;
        let amount = money(L, r.amount_cents);
        let when = time(L, r.time);
        let ids = ids(L, &[r]);
        let what = match r.txn_type {
            TxnType::Void => "撤销",
            TxnType::Reversal => "冲正",
            _ => "退货",
        };
        let mut evidence = vec![format!("终端：{what} {amount}，应答成功")];
        if let Some(a) = &f.settled_at {
            evidence.push(format!("原消费已结算：{}，且没有撤销/退货记录", at(a)));
        }
        if let Some(d) = f.clearing {
            evidence.push(format!("收单对账单覆盖清算日期 {d}，但没有这笔{what}"));
        }
        let contact = contact_details(L, &[r]);
        Words {
            title: format!("{what}未结算：终端 {when} 成功{what} {amount}，对账单没有相应的退回"),
            explanation: format!(
                "终端在 {when} 成功做了一笔 {amount} 的{what}（{ids}，{}）{}。\
                 但收单对账单里找不到对应的撤销、退货或负数记录{}，顾客的钱很可能没有退回。",
                at(&f.undo_at),
                f.sale_at.map(|s| format!("，对应原消费 {}", at(&s))).unwrap_or_default(),
                f.settled_at.map(|a| format!("，原消费却已按 {} 结算", at(&a))).unwrap_or_default()
            ),
            evidence,
            actions: vec![
                format!("联系收单机构核查这笔{what}，提供：{contact}。"),
                "如果确认丢失，通过收单机构给顾客退款（差错处理或重新退货），保留撤销/退货签购单作为凭证。"
                    .to_owned(),
                "告知顾客处理进度，避免顾客向发卡行拒付。".to_owned(),
            ],
        }
    }

    /// 退货金额超过原交易: a sale refunded for more than it was.
    pub(crate) fn over_refund(f: &overr::Facts) -> Words {
        let (sale_amount, refunded, excess) =
            (money(L, f.sale.amount_cents), money(L, f.refunded_cents), money(L, f.excess_cents));
        let sale_ids = ids(L, &f.sale_rows);
        let sale_when = time(L, f.sale.time);
        let sale_at = at(&f.sale_at);
        let refund_list: Vec<String> = f
            .within
            .iter()
            .chain(&f.past)
            .map(|r| {
                format!(
                    "{} 退货 {}（{}）",
                    time(L, r.row.time),
                    money(L, r.row.amount_cents),
                    at(&r.at)
                )
            })
            .collect();
        let refund_list = refund_list.join("；");
        let explanation = if f.settled {
            format!(
                "{sale_when} 的消费 {sale_amount}（{sale_ids}，{sale_at}）被退货 {refunded}：{refund_list}。\
                 退货注明的原交易就是这笔消费，金额却比它多 {excess}，对账单也已按退货结算，\
                 钱已经退出去了：店里把从没收到的钱退给了顾客，多半是输错了退货金额。"
            )
        } else {
            format!(
                "{sale_when} 的消费 {sale_amount}（{sale_ids}，{sale_at}）在终端上被退货 {refunded}：{refund_list}。\
                 退货注明的原交易就是这笔消费，金额却比它多 {excess}，多半是输错了退货金额。\
                 载入的对账单还没有显示这笔退货的结算；终端已显示退货成功，钱很可能会退出去。"
            )
        };
        let mut evidence = vec![format!("原消费：{sale_amount}，{sale_at}")];
        for r in &f.within {
            evidence.push(format!("已计入的退货：{}，{}", money(L, r.row.amount_cents), at(&r.at)));
        }
        for r in &f.past {
            evidence.push(format!(
                "超出原交易的退货：{}，{}，注明的原交易是这笔消费",
                money(L, r.row.amount_cents),
                at(&r.at)
            ));
        }
        evidence.push(format!("退货合计 {refunded}，比原交易 {sale_amount}多 {excess}"));
        let contact = contact_details(L, &f.contact_rows);
        Words {
            title: format!(
                "退货金额超过原交易：原消费 {sale_amount}，退货 {refunded}，多退了 {excess}"
            ),
            explanation,
            evidence,
            actions: vec![
                format!(
                    "联系收单机构，说明这笔退货超出了原交易，请求对多退的 {excess}做差错处理（撤销或调整退货），提供：{contact}；并附上原消费（{sale_ids}）。"
                ),
                format!(
                    "联系持卡人（凭签购单和 {sale_when} 的消费记录），说明多退了 {excess}，请其退回；保留沟通记录。"
                ),
                "以后退货前先核对原交易金额：退货（含多次部分退货）合计不能超过原交易。".to_owned(),
            ],
        }
    }

    // ---- A refund-asking finding the shop already refunded (rules/refunded.rs) ----

    /// One refund: `2026-12-03 08:55:00 退货 188.00 元（参考号 …，凭证号 …，file 第 n 行）`.
    fn refund_line(r: &refd::Refund) -> String {
        format!(
            "{} 退货 {}（{}，{}）",
            time(L, r.row.time),
            money(L, r.row.amount_cents.abs()),
            ids(L, &[r.row]),
            at(&r.at)
        )
    }

    pub(crate) fn refunded_in_full(f: &refd::Facts) -> Words {
        let kind = f.kind.label(L);
        let refunds: Vec<String> = f.refunds.iter().map(refund_line).collect();
        let refunds = refunds.join("；");
        let owed = money(L, f.owed_cents);
        let last = f.refunds.iter().filter_map(|r| r.row.time).max();
        Words {
            title: format!(
                "已退款：{kind} {owed} 已于 {} 全额退回顾客，无需再退",
                last.map_or_else(
                    || "（日期未知）".to_owned(),
                    |t| t.format("%Y-%m-%d").to_string()
                )
            ),
            explanation: format!(
                "这笔{kind}要退给顾客的 {owed} 已经退了：{refunds}。钱已回到顾客卡上，不再是欠顾客的钱，不要再退一次。原来的情况："
            ),
            evidence: vec![format!("已退款：{refunds}，合计 {}", money(L, f.refunded_cents()))],
            actions: vec![format!(
                "无需再退款。保留原消费（{}）和退货的签购单，顾客问起时出示。",
                ids(L, &f.charges)
            )],
        }
    }

    pub(crate) fn refunded_in_part(f: &refd::Facts) -> Words {
        let refunds: Vec<String> = f.refunds.iter().map(refund_line).collect();
        let (refunded, left) = (money(L, f.refunded_cents()), money(L, f.remaining_cents()));
        Words {
            title: String::new(),
            explanation: String::new(),
            evidence: vec![format!(
                "已部分退款：{}，合计 {refunded}；应退 {}，还差 {left}",
                refunds.join("；"),
                money(L, f.owed_cents)
            )],
            actions: vec![format!(
                "已经退了 {refunded}，只需再退 {left}（下面的建议按原金额写，扣除已退部分）；保留已退货的签购单。"
            )],
        }
    }

    // ---- QR payments: the wallet's words, shared by the QR channel of every kind ----

    /// 微信支付 / 支付宝 / 扫码支付.
    pub(crate) fn qr_wallet(m: Option<PayMethod>) -> &'static str {
        match m {
            Some(PayMethod::Wechat) => "微信支付",
            Some(PayMethod::Alipay) => "支付宝",
            _ => "扫码支付",
        }
    }

    /// Where the merchant looks an order up.
    pub(crate) fn qr_platform(m: Option<PayMethod>) -> &'static str {
        match m {
            Some(PayMethod::Wechat) => "微信支付商户平台（pay.weixin.qq.com，交易中心 → 交易订单）",
            Some(PayMethod::Alipay) => "支付宝商家中心（b.alipay.com，账务 → 交易订单）",
            _ => "聚合支付服务商的商户后台",
        }
    }

    /// 商户订单号 X、微信订单号 Y、收银订单号 Z.
    pub(crate) fn qr_order_numbers(m: Option<PayMethod>, records: &[&Record]) -> String {
        let ids = qr_ids(records);
        let channel_name = match m {
            Some(PayMethod::Wechat) => "微信订单号",
            Some(PayMethod::Alipay) => "支付宝交易号",
            _ => "渠道订单号",
        };
        let parts: Vec<String> = [
            ids.merchant.map(|x| format!("商户订单号 {x}")),
            ids.channel.map(|x| format!("{channel_name} {x}")),
            ids.till_order.map(|x| format!("收银订单号 {x}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        parts.join("、")
    }

    /// What the wallet asks for: 商户号、订单号、交易时间、金额.
    pub(crate) fn qr_contact(m: Option<PayMethod>, records: &[&Record]) -> String {
        let ids = qr_order_numbers(m, records);
        let parts: Vec<String> = [
            records.iter().find_map(|r| ident(&r.merchant_id)).map(|x| format!("商户号 {x}")),
            (!ids.is_empty()).then_some(ids),
            records.iter().find_map(|r| r.time).map(|t| format!("交易时间 {}", time(L, Some(t)))),
            records.first().map(|r| format!("金额 {}", money(L, r.amount_cents))),
        ]
        .into_iter()
        .flatten()
        .collect();
        parts.join("、")
    }

    /// How to give a QR payment back: 撤销 while the wallet allows it, otherwise 退款.
    pub(crate) fn qr_undo_advice(m: Option<PayMethod>, can_revoke: bool, amount: &str) -> String {
        let rule = match m {
            Some(PayMethod::Wechat) => "微信付款码订单 7 天内可撤销",
            Some(PayMethod::Alipay) => "支付宝只能当天撤销",
            _ => "撤销期限以服务商规则为准",
        };
        let platform = qr_platform(m);
        if can_revoke {
            format!(
                "在收银机或{platform}对多收的 {amount} 做「撤销」（{rule}），撤销后钱原路退回顾客；超过期限就改做「退款」。"
            )
        } else {
            format!(
                "对多收的 {amount} 在{platform}或收银机上发起「退款」（{rule}，已过撤销期限）；退款按原路退回顾客的微信/支付宝或银行卡，一般即时到 3 个工作日。"
            )
        }
    }

    /// The habit that prevents the next double payment.
    pub(crate) fn qr_never_rescan() -> String {
        "以后扫码显示「支付中」「结果未知」或超时时，先在收银机上查询这笔订单（或让顾客看手机上的支付结果），确认没有付款成功前不要重新扫码。".to_owned()
    }

    /// What the till or smart POS showed for a scan: `显示「支付中」（状态 USERPAYING）`.
    pub(crate) fn qr_shown(t: &Record) -> String {
        let code_part =
            ident(&t.response_code).map(|c| format!("（状态 {c}）")).unwrap_or_default();
        match (ident(&t.response_text), t.outcome) {
            (Some(x), _) => format!("显示「{x}」{code_part}"),
            (None, Outcome::Unknown) => format!("没有拿到支付结果{code_part}"),
            (None, Outcome::Declined) => format!("显示支付失败{code_part}"),
            (None, Outcome::Approved) => format!("显示支付成功{code_part}"),
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

/// The Chinese words of the deposit findings; `en::deposit` has the same functions.
pub(crate) mod deposit {
    use crate::config::Lang;
    use crate::diagnose::rules::deposit_common::{
        BankLine, Place, TakenBack, Unproven, Words, percent,
    };
    use crate::diagnose::rules::deposit_mismatch::Mismatch;
    use crate::diagnose::rules::fee_mismatch::{DayFee, RowFee};
    use crate::diagnose::rules::late_deposit::Late;
    use crate::diagnose::rules::missing_deposit::Missing;
    use crate::diagnose::rules::wallet_payout::{
        WalletDay, WalletLate, WalletMismatch, WalletMissing,
    };
    use crate::diagnose::text::{date, escalation, ids, location, money, time, yuan};
    use crate::fees::{FeeRate, percent_per_10000};
    use crate::matcher::deposit::{MAX_CANDIDATES, MAX_RUN, MAX_SPLIT, PayoutSource, SettledDay};
    use crate::model::{CardType, PayMethod};

    // ---- Shared by the deposit findings ------------------------------------------------

    /// `1,580.00 元`.
    fn m(cents: i64) -> String {
        money(Lang::Zh, cents)
    }

    /// `收单对账单.csv 第 5 行`.
    fn at(p: &Place) -> String {
        location(Lang::Zh, &p.file, p.line)
    }

    /// `2026-11-13` or `2026-11-13 至 2026-11-15（3 个清算日）`.
    fn span(days: &[&SettledDay]) -> String {
        let (Some(first), Some(last)) = (days.first(), days.last()) else { return String::new() };
        if days.len() == 1 {
            return first.date.to_string();
        }
        format!("{} 至 {}（{} 个清算日）", first.date, last.date, days.len())
    }

    /// `商户号 898440358120014`, or nothing when the statement has none.
    fn merchant(days: &[&SettledDay]) -> Option<String> {
        let mid = days.first()?.merchant_id.as_deref()?;
        Some(format!("商户号 {mid}"))
    }

    /// One evidence line per clearing date: rows, gross, fee, net, expected deposit, cycle.
    fn day_line(d: &&SettledDay) -> String {
        format!(
            "清算日期 {}：{} 笔，交易额 {}，手续费 {}，应结净额 {}；按 {} 应于 {} 到账",
            d.date,
            d.rows.len(),
            m(d.gross_cents),
            m(d.fee_cents),
            m(d.net_cents),
            d.cycle.as_str(),
            d.expected_deposit
        )
    }

    /// `银行流水.csv 第 7 行：2026-11-16 入账 4,087.70 元，对方户名「银联商务…」，摘要「…」`.
    fn bank_line(b: &BankLine) -> String {
        let date = b.date.map(|d| d.to_string()).unwrap_or_default();
        let way = if b.credit { "入账" } else { "出账" };
        let mut out = format!("{}：{date} {way} {}", at(&b.at), m(b.amount_cents));
        if let Some(party) = &b.party {
            out.push_str(&format!("，对方户名「{party}」"));
        }
        if let Some(memo) = &b.memo {
            out.push_str(&format!("，摘要「{memo}」"));
        }
        out
    }

    /// The holiday table of `year` is not verified.
    fn calendar_note(year: i32) -> String {
        format!(
            "{year} 年的节假日安排未经核实（内置日历只含周末和法定固定节日），预计到账日可能有偏差；可在设置中补充节假日和调休上班日"
        )
    }

    /// The deposit search gave up somewhere.
    fn search_note() -> String {
        format!(
            "注意：到账匹配只尝试最多 {MAX_RUN} 个连续清算日合并入账、一天的款最多分 {MAX_SPLIT} 笔入账、最多 {MAX_CANDIDATES} 种组合，本次数据超出了这个范围，可能有合并或拆分入账没有被认出"
        )
    }

    /// 微信支付 / 支付宝.
    fn wallet_name(wallet: Option<PayMethod>) -> &'static str {
        match wallet {
            Some(PayMethod::Wechat) => "微信支付",
            Some(PayMethod::Alipay) => "支付宝",
            _ => "钱包",
        }
    }

    /// Why the bank statement cannot show the money is missing.
    fn unproven_line(u: &Unproven) -> String {
        match u {
            Unproven::Unread { file, line, reason } => {
                format!(
                    "{file} 第 {line} 行没能读出（{reason}），它可能就是这笔入账：请先核对这一行"
                )
            }
            Unproven::BalanceBreak { file, previous_line, line, gap_cents, exact: true } => {
                format!(
                    "{file} 的余额在第 {previous_line} 行和第 {line} 行之间对不上，差额正好是 {}：下载的流水漏了一行，这笔很可能已经到账，请重新导出这几天的流水",
                    m(*gap_cents)
                )
            }
            Unproven::BalanceBreak { file, previous_line, line, gap_cents, exact: false } => {
                format!(
                    "{file} 的余额在第 {previous_line} 行和第 {line} 行之间对不上（差 {}）：下载的流水缺行或多行，不能据此断定没有到账，请重新导出这几天的流水",
                    m(*gap_cents)
                )
            }
            Unproven::NoCreditFromWallet { wallet } => {
                let name = wallet_name(*wallet);
                format!(
                    "银行流水里没有任何一笔来自{name}的入账，{name}的结算账户可能不是这个银行账户：请先在{name}商户平台核对结算账户"
                )
            }
        }
    }

    /// A short deposit the statement cannot prove short: the first reason opens the actions, all
    /// of them join the evidence.
    fn question_first(w: &mut Words, unproven: &[Unproven]) {
        if let Some(first) = unproven.first() {
            w.actions.insert(0, unproven_line(first));
        }
        w.evidence.extend(unproven.iter().map(unproven_line));
    }

    /// A missing deposit the statement cannot prove missing: as [`question_first`], and the
    /// first reason also ends the explanation.
    fn question_missing(w: &mut Words, unproven: &[Unproven]) {
        if let Some(first) = unproven.first() {
            let first = unproven_line(first);
            w.explanation
                .push_str(&format!("但银行流水本身不完整，不能据此断定没有到账：{first}。"));
        }
        question_first(w, unproven);
    }

    // ---- deposit_mismatch --------------------------------------------------------------

    /// 到账金额不符: an acquirer's deposit that is not the settled net.
    pub(crate) fn mismatch(f: &Mismatch) -> Words {
        let (got, want, gap) = (m(f.received_cents), m(f.expected_cents), m(f.diff().abs()));
        let more_or_less = if f.diff() < 0 { "少" } else { "多" };
        let mut w = Words {
            title: format!(
                "到账金额不符：清算日期 {} 应到 {want}，实到 {got}，{more_or_less} {gap}",
                span(&f.days)
            ),
            explanation: mismatch_explanation(f),
            evidence: mismatch_evidence(f),
            actions: mismatch_actions(f),
        };
        question_first(&mut w, &f.unproven);
        w
    }

    fn mismatch_explanation(f: &Mismatch) -> String {
        let (got, want, gap) = (m(f.received_cents), m(f.expected_cents), m(f.diff().abs()));
        let credit_date = f.credit_date;
        let arrived = if f.split() {
            let parts: Vec<String> = f.credits.iter().map(|c| m(c.amount_cents)).collect();
            let (n, parts) = (f.credits.len(), parts.join(" + "));
            format!("到 {credit_date} 为止收到收单机构的 {n} 笔入账 {parts}，合计 {got}")
        } else {
            format!("{credit_date} 收到收单机构的一笔入账 {got}")
        };
        let mut out = format!(
            "{arrived}，对应清算日期 {} 的结算（{}）。这几天收单对账单上的应结净额合计 {want}，\
             相差 {gap}，超出了每笔 {} 分的尾差范围。",
            span(&f.days),
            merchant(&f.days).unwrap_or_else(|| "同一商户".to_owned()),
            f.per_row_cents
        );
        if let Some(r) = &f.one_row {
            let (row, net) = (at(&r.row), m(r.net_cents));
            out.push_str(&if f.diff() < 0 {
                format!("差额正好等于 {row} 这笔交易的净额 {net}：很可能这笔交易没有被划款（被暂扣、调单或退单）。")
            } else {
                format!("差额正好等于 {row} 这笔交易的净额 {net}：可能这笔交易被重复划款，或对账单漏列了一笔。")
            });
        } else if f.part_missing {
            out.push_str(&format!(
                "差额太大，不像是手续费不同：很可能收单机构把这笔结算款分成几笔划付，还有 {gap} 没有到账（或被暂扣）。"
            ));
        } else if let Some(r) = &f.rates {
            out.push_str(&format!(
                "差额不等于任何一笔交易的净额。按交易额 {} 计算，对账单的手续费 {} 相当于费率 {}，而实际到账金额相当于扣了 {} 的手续费（费率 {}）：可能是按不同费率扣费，或另有扣款。",
                m(r.gross_cents),
                m(r.fee_cents),
                percent(r.stated),
                m(r.gross_cents - f.received_cents),
                percent(r.implied)
            ));
        }
        out
    }

    fn mismatch_evidence(f: &Mismatch) -> Vec<String> {
        let (got, gap) = (m(f.received_cents), m(f.diff().abs()));
        let (expected_date, credit_date) = (f.expected_date, f.credit_date);
        let mut out: Vec<String> = f.credits.iter().map(bank_line).collect();
        out.extend(f.days.iter().map(day_line));
        out.push(match f.memo_range {
            Some((a, b)) => format!("入账摘要写明交易日期 {a} 至 {b}，据此对应到这些清算日"),
            None => format!(
                "这些清算日预计在 {expected_date} 到账，{} {credit_date} 到达，且来自收单机构",
                if f.split() { "这几笔入账最晚在" } else { "这笔入账在" }
            ),
        });
        if let Some(r) = &f.one_row {
            out.push(format!("差额 {gap} = {} 的结算净额", at(&r.row)));
        } else if f.part_missing {
            out.push(format!("已到 {got}，还差 {gap}"));
        } else if let Some(r) = &f.rates {
            let (stated, implied) = (percent(r.stated), percent(r.implied));
            out.push(format!("对账单费率 {stated}；到账金额反推费率 {implied}"));
        }
        if let Some(memo_fee) = f.memo_fee_cents {
            out.push(format!(
                "入账摘要写的手续费是 {}，对账单合计手续费 {}",
                m(memo_fee),
                m(f.fee_cents)
            ));
        }
        if credit_date > expected_date {
            out.push(format!("这笔入账也晚于预计到账日 {expected_date}"));
        }
        out.extend(f.unverified_year.map(calendar_note));
        out
    }

    fn mismatch_actions(f: &Mismatch) -> Vec<String> {
        let (got, want, gap) = (m(f.received_cents), m(f.expected_cents), m(f.diff().abs()));
        let (span, credit_date) = (span(&f.days), f.credit_date);
        let who = merchant(&f.days).unwrap_or_else(|| "商户号".to_owned());
        let row_hint = f.one_row.as_ref().map(|r| format!("，并特别询问 {} 这笔交易", at(&r.row)));
        let row_hint = row_hint.unwrap_or_default();
        vec![
            format!(
                "致电收单机构，报{who}、清算日期 {span}、应结净额 {want}、实际到账 {got}（{credit_date}），索取这笔划款的结算明细{row_hint}。"
            ),
            if f.part_missing {
                format!(
                    "问清这笔款是否分几笔划付、其余的 {gap} 何时到账；如果被暂扣，问清原因并要求补发。"
                )
            } else if f.diff() < 0 {
                format!(
                    "要求补足差额 {gap}；如果是按合同外的费率扣费，出示合同费率要求退还多扣部分。"
                )
            } else {
                format!(
                    "核对多出的 {gap} 是否属于其他日期或其他交易，避免日后被收单机构追扣时说不清。"
                )
            },
            format!(
                "如果到 {} 仍未解释清楚，要求书面答复并投诉升级。",
                f.escalate_after.map(|d| d.to_string()).unwrap_or_default()
            ),
        ]
    }

    // ---- missing_deposit ---------------------------------------------------------------

    /// 未到账: settled days no bank credit pays.
    pub(crate) fn missing(f: &Missing) -> Words {
        let mut w = Words {
            title: format!(
                "未到账：清算日期 {} 的结算净额 {} 没有入账",
                span(&f.days),
                m(f.net_cents)
            ),
            explanation: missing_explanation(f),
            evidence: missing_evidence(f),
            actions: missing_actions(f),
        };
        question_missing(&mut w, &f.unproven);
        w
    }

    fn missing_explanation(f: &Missing) -> String {
        let (span, amount, rows, expected) = (span(&f.days), m(f.net_cents), f.rows, f.expected);
        let (bank_start, bank_end) = f.bank;
        let who = merchant(&f.days).map(|m| format!("（{m}）")).unwrap_or_default();
        let kept = if f.taken_back.is_empty() { "" } else { "留在账户里的" };
        let back: String = f
            .taken_back
            .iter()
            .map(|t| {
                let date = t.credit.date.map(|d| d.to_string()).unwrap_or_default();
                format!(
                    "{date} 曾有一笔 {} 的入账，但入账后又被冲回（{}），钱没有留在账户里。",
                    m(t.credit.amount_cents),
                    at(&t.debit.at)
                )
            })
            .collect();
        let except = if f.from_person.is_empty() { "" } else { "除个人转入外，" };
        let person: String = f.from_person.iter().map(person_sentence).collect();
        format!(
            "收单对账单显示清算日期 {span}{who}共结算 {rows} 笔，应结净额 {amount}，按 {} 结算周期应在 {expected} 划入商户银行账户。\
             已加载的银行流水覆盖 {bank_start} 至 {bank_end}，但{except}其中没有一笔{kept}入账等于这个金额（允许每笔 {} 分的尾差），\
             也没有和前后清算日合并入账、或分几笔入账的记录。{back}{person}这笔钱可能被收单机构暂扣、退回或划错了账户。",
            f.days[0].cycle.as_str(),
            f.per_row_cents
        )
    }

    fn missing_evidence(f: &Missing) -> Vec<String> {
        let (bank_start, bank_end) = f.bank;
        let mut out: Vec<String> = f.days.iter().map(day_line).collect();
        out.push(format!(
            "银行流水覆盖 {bank_start} 至 {bank_end}，已过预计到账日 {} 及 {} 个工作日宽限",
            f.expected, f.grace_working_days
        ));
        let except = if f.from_person.is_empty() { "" } else { "（个人转入除外）" };
        out.push(format!(
            "检查了 {} 笔银行入账：没有一笔{except}等于 {}（±{} 分），单独、与相邻清算日合并或分几笔入账都不符",
            f.credits_seen,
            m(f.net_cents),
            f.tolerance_cents
        ));
        out.extend(f.taken_back.iter().map(taken_back_line));
        out.extend(
            f.from_person
                .iter()
                .map(|b| format!("金额相同，但来自个人账户，不是结算款：{}", bank_line(b))),
        );
        out.extend(
            f.stray
                .iter()
                .map(|b| format!("附近有一笔像是收单机构的入账，但金额对不上：{}", bank_line(b))),
        );
        out.extend(f.unverified_year.map(calendar_note));
        out.extend(f.search_gave_up.then(search_note));
        out
    }

    /// `2026-12-07 李小梅 转入 684.39 元，金额相同，但来自个人账户，不是结算款。`
    fn person_sentence(b: &BankLine) -> String {
        let date = b.date.map(|d| d.to_string()).unwrap_or_default();
        let party = b.party.as_deref().unwrap_or_default();
        format!("{date} {party} 转入 {}，金额相同，但来自个人账户，不是结算款。", m(b.amount_cents))
    }

    /// `<credit line>，但入账后又被冲回（<debit line>）`.
    fn taken_back_line(t: &TakenBack) -> String {
        format!("{}，但入账后又被冲回（{}）", bank_line(&t.credit), bank_line(&t.debit))
    }

    fn missing_actions(f: &Missing) -> Vec<String> {
        let (span, amount, expected) = (span(&f.days), m(f.net_cents), f.expected);
        let who = merchant(&f.days).unwrap_or_else(|| "商户号".to_owned());
        let mut out = vec![
            format!(
                "在网银中查看 {expected} 前后几天的入账（包括对方户名不同的入账），确认这笔 {amount} 确实没有到账。"
            ),
            format!(
                "致电收单机构客服，报{who}、清算日期 {span}、应结净额 {amount}、预计到账日 {expected}，查询这笔结算款的出款流水（划款凭证）和收款账户，确认是否被暂扣（风控）或退回。"
            ),
            "同时请开户银行按日期和金额查询是否有被退回或挂账的来账。".to_owned(),
            escalation(Lang::Zh, f.escalate_after, f.as_of, ("收单机构", "the acquirer")),
        ];
        if let Some(first) = f.taken_back.first() {
            out.insert(
                1,
                format!(
                    "请开户银行说明 {} 把这笔入账冲回（冲正 / 退汇）的原因，常见是收款账户信息不符或来账被退回；再请收单机构按正确账户重新出款。",
                    at(&first.debit.at)
                ),
            );
        }
        out
    }

    // ---- late_deposit ------------------------------------------------------------------

    /// 延迟到账: the settled net arrived in full, after it was due.
    pub(crate) fn late(f: &Late) -> Words {
        let (got, span, due, credit_date) =
            (m(f.received_cents), span(&f.days), f.due, f.credit_date);
        let (cycle, working_late, calendar_late) =
            (f.days[0].cycle.as_str(), f.working_days_late, f.calendar_days_late);
        let late_days: Vec<String> = f.late_days.iter().map(|d| d.to_string()).collect();
        let mut evidence: Vec<String> = f.credits.iter().map(bank_line).collect();
        evidence.extend(f.days.iter().map(day_line));
        evidence.push(format!(
            "到账金额与应结净额之差在尾差范围内（±{} 分）；晚到的清算日：{}",
            f.tolerance_cents,
            late_days.join("、")
        ));
        evidence.extend(f.unverified_year.map(calendar_note));
        let who = merchant(&f.days).unwrap_or_else(|| "商户号".to_owned());
        Words {
            title: format!(
                "延迟到账：清算日期 {span} 的 {got} 于 {credit_date} 到账，应于 {due} 到账"
            ),
            explanation: format!(
                "清算日期 {span} 的结算净额 {got} 已全额到账，但到账日 {credit_date} 晚于 {cycle} 周期应到账的 {due}，\
                 晚了 {working_late} 个工作日（{calendar_late} 天）。钱没有少，但如果经常延迟，可能是结算被暂缓（风控审核），\
                 或实际结算周期与设置的不同。"
            ),
            evidence,
            actions: vec![
                "无需紧急处理：这笔钱已经全额到账。".to_owned(),
                format!(
                    "如果多次出现，向收单机构询问原因：报{who}、清算日期 {span}、应到账日 {due}、实际到账日 {credit_date}，并确认合同约定的结算周期。"
                ),
                format!(
                    "如果收单机构实际不是按 {cycle} 结算，请在设置中改成实际周期，以免误报未到账。"
                ),
            ],
        }
    }

    // ---- fee_mismatch ------------------------------------------------------------------

    /// `0.6%，封顶 20.00 元`: the contracted rate.
    fn contract(rate: &FeeRate) -> String {
        match rate.cap_cents {
            Some(cap) => format!("{}，封顶 {}", rate.percent(), m(cap)),
            None => rate.percent(),
        }
    }

    /// 手续费多收 / 少收: one row charged another fee than the contract's.
    pub(crate) fn fee_row(f: &RowFee) -> Words {
        let r = f.record;
        let (amount, charged, expected) =
            (m(r.amount_cents), m(f.charged_cents), m(f.expected_cents));
        let cap = f.rate.cap_cents.map(|c| format!("（封顶 {}）", m(c))).unwrap_or_default();
        Words {
            title: if f.diff() > 0 {
                format!("手续费多收：{amount} 的交易收了 {charged}，按合同应为 {expected}")
            } else {
                format!("手续费少收：{amount} 的交易收了 {charged}，按合同应为 {expected}")
            },
            explanation: fee_row_explanation(f),
            evidence: vec![
                format!(
                    "合同手续费 = round({} × {}) = {expected}{cap}；对账单手续费 {charged}；允许舍入误差 ±{} 分",
                    yuan(r.amount_cents),
                    f.rate.percent(),
                    crate::diagnose::rules::fee_mismatch::ROUNDING_TOLERANCE_CENTS
                ),
                format!("卡类型：{}", card_type(r.card_type)),
            ],
            actions: fee_actions(f.diff() > 0),
        }
    }

    fn fee_row_explanation(f: &RowFee) -> String {
        let r = f.record;
        let (amount, charged, expected) =
            (m(r.amount_cents), m(f.charged_cents), m(f.expected_cents));
        let (diff, contract) = (m(f.diff().abs()), contract(f.rate));
        let (when, ids, location) = (time(Lang::Zh, r.time), ids(Lang::Zh, &[r]), at(&f.at));
        let effective = f.effective.map(percent_per_10000).unwrap_or_else(|| "—".to_owned());
        if f.diff() > 0 {
            format!(
                "{when} 这笔 {amount} 的交易（{ids}，{location}）手续费为 {charged}，\
                 按签约费率 {contract} 应为 {expected}，多收 {diff}（实际费率约 {effective}）。"
            )
        } else {
            format!(
                "{when} 这笔 {amount} 的交易（{ids}，{location}）手续费为 {charged}，\
                 按签约费率 {contract} 应为 {expected}，少收 {diff}（实际费率约 {effective}）。\
                 对商户有利，但说明费率设置与合同不一致，日后可能被补扣。"
            )
        }
    }

    /// 借记卡 / 贷记卡 / 其他卡, or that the file does not say.
    fn card_type(card: Option<CardType>) -> &'static str {
        match card {
            Some(CardType::Debit) => "借记卡",
            Some(CardType::Credit) => "贷记卡",
            Some(CardType::Unknown) => "其他卡",
            None => "文件未注明",
        }
    }

    /// 手续费费率不符: many rows of one day charged the same other rate.
    pub(crate) fn fee_day(f: &DayFee) -> Words {
        let (day, n) = (date(f.date), f.rows);
        let (eff, contract) = (percent_per_10000(f.effective), contract(f.rate));
        let (gross, charged, expected, diff) =
            (m(f.gross_cents), m(f.charged_cents), m(f.expected_cents), m(f.diff().abs()));
        Words {
            title: format!(
                "手续费费率不符：{day} 共 {n} 笔按约 {eff} 收取，合同为 {}",
                f.rate.percent()
            ),
            explanation: format!(
                "清算日期 {day} 的 {n} 笔交易（合计 {gross}）手续费合计 {charged}，实际费率约 {eff}；\
                 按签约费率 {contract} 应为 {expected}，{} {diff}。同一天多笔按同一费率偏离，\
                 通常是费率配置或商户类别（MCC）被改动，而不是舍入问题。",
                if f.diff() > 0 { "多收" } else { "少收" }
            ),
            evidence: vec![
                format!("实际费率 = 手续费 ÷ 交易金额 ≈ {eff}（{n} 笔一致）；签约费率 {contract}"),
                format!("合同手续费合计 {expected}，对账单手续费合计 {charged}"),
            ],
            actions: fee_actions(f.diff() > 0),
        }
    }

    /// What to do about a fee off the contract, overcharged or not.
    fn fee_actions(overcharged: bool) -> Vec<String> {
        if overcharged {
            vec![
                "对照商户协议或费率通知，确认签约费率和借记卡封顶金额。".to_owned(),
                "联系收单机构客户经理或客服，要求说明原因并退还多收的手续费，附上所列交易。"
                    .to_owned(),
                "如果是借记卡被按贷记卡收费（未封顶），明确指出：借记卡手续费不得超过封顶金额。"
                    .to_owned(),
            ]
        } else {
            vec![
                "对照商户协议或费率通知，确认签约费率。".to_owned(),
                "向收单机构确认费率设置，避免日后被一次性补扣。".to_owned(),
            ]
        }
    }

    // ---- wallet payouts ----------------------------------------------------------------

    /// Whom to call: the wallet's customer service line.
    fn hotline(wallet: Option<PayMethod>) -> &'static str {
        match wallet {
            Some(PayMethod::Wechat) => "微信支付客服 95017",
            Some(PayMethod::Alipay) => "支付宝客服 95188",
            _ => "钱包客服",
        }
    }

    /// `2026-11-16` or `2026-11-14 至 2026-11-16`.
    fn wallet_span(days: &[WalletDay]) -> String {
        match (days.first(), days.last()) {
            (Some(a), Some(b)) if a.day.date != b.day.date => {
                format!("{} 至 {}", a.day.date, b.day.date)
            }
            (Some(a), _) => a.day.date.to_string(),
            _ => String::new(),
        }
    }

    /// One evidence line per day: what the bill or the fund flow says is owed, and when.
    fn wallet_day_line(w: &WalletDay) -> String {
        let (d, returned) = (w.day, w.returned);
        let wallet = wallet_name(d.source.wallet());
        if let PayoutSource::Withdrawal(_) = d.source {
            let back = if returned > 0 {
                format!("、提现退回 {returned} 笔")
            } else {
                String::new()
            };
            return format!(
                "{wallet} {}：提现 {} 笔{back}，净额 {}；应于 {} 前到账",
                d.date,
                d.rows.len() - returned,
                m(d.net_cents),
                d.expected_deposit
            );
        }
        let mid = d.merchant_id.as_deref().map(|id| format!("（商户号 {id}）")).unwrap_or_default();
        format!(
            "{wallet}账单 {}{mid}：收款与退款 {} 笔，交易额 {}，手续费 {}，应结净额 {}；按 {} 应于 {} 到账",
            d.date,
            d.rows.len(),
            m(d.gross_cents),
            m(d.fee_cents),
            m(d.net_cents),
            d.cycle.as_str(),
            d.expected_deposit
        )
    }

    /// 提现未到账 / 钱包结算未到账: wallet days no bank credit pays.
    pub(crate) fn wallet_missing(f: &WalletMissing) -> Words {
        let p = &f.payer;
        let (name, when, amount) = (wallet_name(p.wallet), wallet_span(&p.days), m(f.net_cents));
        let (bank_start, bank_end) = f.bank;
        let mut evidence: Vec<String> = p.days.iter().map(wallet_day_line).collect();
        evidence.push(format!(
            "银行流水覆盖 {bank_start} 至 {bank_end}，已过预计到账日 {} 及 {} 个工作日宽限；检查了 {} 笔银行入账",
            f.expected, f.grace_working_days, f.credits_seen
        ));
        evidence.extend(
            f.stray
                .iter()
                .map(|b| format!("附近有一笔来自{name}的入账，但金额对不上：{}", bank_line(b))),
        );
        evidence.extend(
            f.from_person
                .iter()
                .map(|b| format!("金额相同，但来自个人账户，不是结算款：{}", bank_line(b))),
        );
        evidence.extend(f.unverified_year.map(calendar_note));
        evidence.extend(f.search_gave_up.then(search_note));
        let mut w = Words {
            title: if p.withdrawal {
                format!("提现未到账：{name} {when} 提现的 {amount} 没有入账")
            } else {
                format!("钱包结算未到账：{name} {when} 的结算款 {amount} 没有入账")
            },
            explanation: wallet_missing_explanation(f),
            evidence,
            actions: wallet_missing_actions(f),
        };
        question_missing(&mut w, &f.unproven);
        w
    }

    fn wallet_missing_explanation(f: &WalletMissing) -> String {
        let p = &f.payer;
        let (name, when, amount) = (wallet_name(p.wallet), wallet_span(&p.days), m(f.net_cents));
        let ((bank_start, bank_end), expected) = (f.bank, f.expected);
        if p.withdrawal {
            format!(
                "{name}的资金流水显示 {when} 提现 {amount} 到银行账户，提现一般几小时内、最晚下一个工作日到账（应于 {expected} 到账）。\
                 已加载的银行流水覆盖 {bank_start} 至 {bank_end}，但没有一笔来自{name}的入账等于这个金额（单独或分几笔都不符）。\
                 提现可能失败后退回了余额、被暂缓，或打到了别的银行卡。"
            )
        } else {
            format!(
                "{name}账单显示 {when} 的收款扣除退款和手续费后应结 {amount}，按 {} 结算周期应在 {expected} 由{name}结算到商户银行账户。\
                 已加载的银行流水覆盖 {bank_start} 至 {bank_end}，但没有一笔来自{name}（财付通）的入账等于这个金额（单独、与相邻日期合并或分几笔都不符）。\
                 这笔结算款可能被{name}暂停结算（风控）、因结算账户信息有误被退回，或结算到了别的账户。",
                p.days[0].day.cycle.as_str()
            )
        }
    }

    fn wallet_missing_actions(f: &WalletMissing) -> Vec<String> {
        let p = &f.payer;
        let (name, when, amount) = (wallet_name(p.wallet), wallet_span(&p.days), m(f.net_cents));
        let call = hotline(p.wallet);
        let escalate = escalation(Lang::Zh, f.escalate_after, f.as_of, ("", ""));
        if p.withdrawal {
            vec![
                format!(
                    "在{name}商家平台或 App 的提现记录里查看 {when} 这笔 {amount} 提现的状态（处理中 / 成功 / 失败退回）和到账银行卡。"
                ),
                format!(
                    "如果显示成功但银行没有这笔入账，联系{call}并请开户银行按日期和金额查询来账。"
                ),
                escalate,
            ]
        } else {
            vec![
                format!(
                    "登录{name}商户平台，在结算记录 / 资金账单里查看 {when} 这笔 {amount} 的结算状态和结算账户，确认是否被暂停结算（风控）或退票。"
                ),
                format!(
                    "联系{call}，报商户号、交易日期 {when}、应结金额 {amount}、预计到账日 {}，查询出款记录。",
                    f.expected
                ),
                escalate,
            ]
        }
    }

    /// 提现到账金额不符 / 钱包结算金额不符: a wallet payout of another amount.
    pub(crate) fn wallet_mismatch(f: &WalletMismatch) -> Words {
        let p = &f.payer;
        let (name, when, arrived, call) =
            (wallet_name(p.wallet), wallet_span(&p.days), f.arrived, hotline(p.wallet));
        let (got, want, gap) = (m(f.received_cents), m(f.expected_cents), m(f.diff().abs()));
        let more_or_less = if f.diff() < 0 { "少" } else { "多" };
        let (title, explanation) = if p.withdrawal {
            let bank_got = if f.diff() < 0 { "银行只收到" } else { "银行收到" };
            (
                format!(
                    "提现到账金额不符：{name} {when} 提现 {want}，{bank_got} {got}，{more_or_less} {gap}"
                ),
                format!(
                    "{arrived} 收到{name}的入账 {got}，对应 {when} 的提现；资金流水上的提现净额是 {want}，相差 {gap}。\
                     提现到银行卡一般不扣款，差额可能是提现服务费、部分提现被退回，或这笔入账只是提现的一部分。"
                ),
            )
        } else {
            (
                format!(
                    "钱包结算金额不符：{name} {when} 应结 {want}，实际到账 {got}，{more_or_less} {gap}"
                ),
                format!(
                    "{arrived} 收到{name}的结算入账 {got}，对应 {when} 的账单；账单上收款扣除退款和手续费后应结 {want}，相差 {gap}。\
                     可能是部分款项被暂扣（风控）、手续费与账单不同，或有退款、调账在账单之外。"
                ),
            )
        };
        let mut evidence: Vec<String> = f.credits.iter().map(bank_line).collect();
        evidence.extend(p.days.iter().map(wallet_day_line));
        evidence.extend(f.search_gave_up.then(search_note));
        let record = if p.withdrawal { "提现记录" } else { "结算记录和资金账单" };
        let mut w = Words {
            title,
            explanation,
            evidence,
            actions: vec![
                format!("在{name}商户平台查看 {when} 的{record}明细，核对差额 {gap} 的去向。"),
                format!(
                    "对不上时联系{call}，报商户号、日期 {when}、应到 {want}、实到 {got}（{arrived}）。"
                ),
            ],
        };
        question_first(&mut w, &f.unproven);
        w
    }

    /// 提现延迟到账 / 钱包结算延迟到账: a wallet payout paid in full after it was due.
    pub(crate) fn wallet_late(f: &WalletLate) -> Words {
        let p = &f.payer;
        let (name, when, got) = (wallet_name(p.wallet), wallet_span(&p.days), m(f.received_cents));
        let (due, arrived, late_days) = (f.due, f.arrived, f.working_days_late);
        let (cycle, call) = (p.days[0].day.cycle.as_str(), hotline(p.wallet));
        let mut evidence: Vec<String> = f.credits.iter().map(bank_line).collect();
        evidence.extend(p.days.iter().map(wallet_day_line));
        evidence.extend(f.unverified_year.map(calendar_note));
        let nothing_urgent = "无需紧急处理：这笔钱已经全额到账。".to_owned();
        if p.withdrawal {
            Words {
                title: format!(
                    "提现延迟到账：{name} {when} 提现的 {got} 于 {arrived} 到账，应于 {due} 到账"
                ),
                explanation: format!(
                    "{name} {when} 提现的 {got} 已全额到账，但晚于应到账的 {due}（提现后的下一个工作日，{cycle}；晚了 {late_days} 个工作日）。钱没有少；提现遇到银行处理慢或被暂缓审核时会晚到。"
                ),
                evidence,
                actions: vec![
                    nothing_urgent,
                    format!(
                        "如果提现经常延迟，在{name}的提现记录里查看每笔的到账时间，或联系{call}。"
                    ),
                ],
            }
        } else {
            Words {
                title: format!(
                    "钱包结算延迟到账：{name} {when} 的 {got} 于 {arrived} 到账，应于 {due} 到账"
                ),
                explanation: format!(
                    "{name} {when} 的 {got} 已全额到账，但晚于应到账的 {due}（晚了 {late_days} 个工作日）。钱没有少；如果经常延迟，可能是结算被暂缓审核，或实际结算周期与设置的 {cycle} 不同。"
                ),
                evidence,
                actions: vec![
                    nothing_urgent,
                    format!(
                        "如果{name}实际不是按 {cycle} 结算，请在设置中修改「钱包结算周期」（wallet_payout_cycle），以免误报未到账。"
                    ),
                ],
            }
        }
    }
}

// (end of deposit findings)
//
//
//

// =====================================================================================
// Incidents, cardholder declines and terminal health.
// =====================================================================================

/// The words of the incidents (see `diagnose::incidents`): one function per incident kind or
/// fact, the same names in `en.rs`.
pub(crate) mod incidents {
    use crate::config::Lang;
    use crate::diagnose::incidents::{
        Codes, Device, Listed, LoneCause, Span, Words, bank_system, cardholder, health, issuer,
        network, operator, persistent, signal, terminal, wallet_system,
    };
    use crate::diagnose::text::{ids, money, terminal_result, time};
    use crate::knowledge;
    use crate::report::Cause;

    // ---- shared facts ---------------------------------------------------------------

    /// `2026-11-07 11:00:05 至 11:09:40`: the day once when the span is within one day.
    pub(crate) fn span(s: &Span) -> String {
        let from = s.start.format("%Y-%m-%d %H:%M:%S");
        if s.start == s.end {
            from.to_string()
        } else if s.start.date() == s.end.date() {
            format!("{from} 至 {}", s.end.format("%H:%M:%S"))
        } else {
            format!("{from} 至 {}", s.end.format("%Y-%m-%d %H:%M:%S"))
        }
    }

    /// `终端 10086602` / `收银设备 SY02`, or "this one" when the file has no id.
    pub(crate) fn device(d: Device) -> String {
        match (d.till, d.id.is_empty()) {
            (false, false) => format!("终端 {}", d.id),
            (false, true) => "这台终端".to_owned(),
            (true, false) => format!("收银设备 {}", d.id),
            (true, true) => "这台收银设备".to_owned(),
        }
    }

    /// `51 余额不足 ×2；无应答（超时） ×1`.
    pub(crate) fn codes(c: &Codes) -> String {
        let parts: Vec<String> = c
            .counts
            .iter()
            .map(|(code, n)| {
                let label = match (code.as_str(), c.all_no_reply) {
                    ("none", true) => "无应答（超时）".to_owned(),
                    ("none", false) => "无应答码".to_owned(),
                    (code, _) => {
                        match (knowledge::response_code(code), knowledge::qr_state(code)) {
                            (Some(info), _) => format!("{code} {}", info.message(Lang::Zh)),
                            (None, Some(state)) => format!("{code} {}", state.meaning_zh),
                            (None, None) => code.to_owned(),
                        }
                    }
                };
                format!("{label} ×{n}")
            })
            .collect();
        parts.join("；")
    }

    /// One line per attempt: `2026-11-07 11:00:05，终端 10086602 …，显示「交易超时」（log.csv 第 5 行）`.
    pub(crate) fn listed(l: &Listed) -> Vec<String> {
        let mut out: Vec<String> = l
            .rows
            .iter()
            .map(|row| {
                let r = row.record;
                let parts = [
                    time(Lang::Zh, r.time),
                    ids(Lang::Zh, &[r]),
                    money(Lang::Zh, r.amount_cents),
                    terminal_result(Lang::Zh, r),
                ];
                let parts: Vec<&str> =
                    parts.iter().map(String::as_str).filter(|p| !p.is_empty()).collect();
                let places: Vec<String> =
                    row.places.iter().map(|(file, line)| format!("{file} 第 {line} 行")).collect();
                format!("{}（{}）", parts.join("，"), places.join("；"))
            })
            .collect();
        if l.more > 0 {
            out.push(format!("……另有 {} 笔", l.more));
        }
        out
    }

    /// What decides whether the attempts were charged.
    pub(crate) fn statement(qr: bool) -> &'static str {
        if qr { "微信/支付宝账单" } else { "收单对账单" }
    }

    /// Frequent drops draw the acquirer's risk control (incidents and health notes).
    pub(crate) fn acquirer_warning() -> String {
        "掉单（超时、冲正）频繁会引起收单机构风控的注意，可能调单核查或暂缓结算：尽快修好，并保留维修和联系记录，收单机构问起时可以说明。".to_owned()
    }

    // ---- linking findings -----------------------------------------------------------

    /// The evidence line added to a finding of an incident.
    pub(crate) fn link_evidence(id: &str, title: &str) -> String {
        format!("属于事件 {id}：{title}")
    }

    /// The action added to a finding of an incident.
    pub(crate) fn link_action(id: &str, title: &str) -> String {
        format!(
            "这笔交易属于事件 {id}（{title}）：处理完这笔的钱款后，按事件 {id} 的建议排除原因，避免再次掉单。"
        )
    }

    /// For a finding outside any incident: one line on preventing it, by cause.
    pub(crate) fn lone_cause_action(f: &LoneCause) -> Option<String> {
        let name = device(Device::terminal(f.terminal));
        let when = time(Lang::Zh, f.time);
        let code = f.code.as_deref().unwrap_or_default();
        Some(match f.cause {
            Cause::Network => format!(
                "这笔是终端没有收到应答（超时）造成的。把情况记下来；如果{name} 经常超时，检查网络信号、流量卡或 Wi-Fi，并联系 POS 服务商，提供终端号和发生时间（{when}）。"
            ),
            Cause::Terminal => format!(
                "应答码指向终端本身（密钥、设置或读卡）：先在{name} 上重新签到；仍有问题请联系 POS 服务商检修，提供终端号和发生时间（{when}）。"
            ),
            Cause::BankSystem | Cause::Issuer => format!(
                "应答码指向银行一侧（{code}），本店无需修理设备；联系收单机构时说明应答码和发生时间（{when}）。"
            ),
            Cause::Operator => {
                "应答码指向操作问题：请收银员按签购单核对凭证号、参考号和金额后再操作。".to_owned()
            }
            _ => return None,
        })
    }

    // ---- issuer ---------------------------------------------------------------------

    /// One issuer's cards failing while other cards pass.
    pub(crate) fn issuer(f: &issuer::IssuerFault) -> Words {
        let (b, n, n_cards, other_ok) = (f.bin, f.failures, f.cards, f.other_ok);
        let when = span(&f.span);
        let mut evidence = vec![
            format!(
                "{n} 笔失败来自 {n_cards} 张不同的卡，卡 BIN（卡号前 6 位）都是 {b}，即同一家发卡行"
            ),
            format!("同一时段其他发卡行的卡成功 {other_ok} 笔：终端、网络和银联都正常"),
            format!("应答码：{}", codes(&f.codes)),
        ];
        evidence.extend(listed(&f.listed));
        Words {
            title: format!("发卡行故障：卡号以 {b} 开头的卡在 {when} 失败 {n} 笔，其他卡正常"),
            evidence,
            actions: vec![
                format!("暂时请持卡号以 {b} 开头的卡的顾客换一张其他银行的卡，或用现金、扫码支付。"),
                "应答码 98/68 表示发卡行超时、结果未知：按对账单逐笔核对是否扣款，未扣款的一般会自动冲正，通常 1–3 个工作日退回顾客。".to_owned(),
                format!("向收单机构反映：发卡行（卡 BIN {b}）在 {when} 异常，提供终端号、时间、金额和卡号后四位。"),
            ],
        }
    }

    // ---- terminal -------------------------------------------------------------------

    /// A run of failures that are the terminal itself: keys, sync, reader, set-up.
    pub(crate) fn terminal_fault(f: &terminal::TerminalFault) -> Words {
        use terminal::Group;
        let name = device(Device::terminal(f.terminal));
        let when = span(&f.span);
        let (n, n_cards) = (f.failures, f.cards);
        let what = match f.group {
            Group::Keys => "密钥/MAC 校验反复失败",
            Group::Sync => "与主机批次不同步",
            Group::Reader => "读卡失败",
            Group::Setup => "终端或商户设置异常",
        };
        let why = match f.group {
            Group::Keys => {
                "A0 / 99 是终端的工作密钥与主机不一致，不管刷什么卡都会失败，与顾客无关".to_owned()
            }
            Group::Sync => {
                "77 / 22 表示终端的批次或交易状态与主机不一致，需要重新签到同步".to_owned()
            }
            Group::Reader => format!(
                "{n_cards} 张不同的卡都读卡失败或被要求插芯片：是读卡器或刷卡方式的问题，不是卡的问题"
            ),
            Group::Setup => {
                "97 / 03 / 40 表示收单机构那边终端或商户的登记有问题，与网络无关".to_owned()
            }
        };
        let mut evidence = vec![format!("同一台终端 {n} 笔：{}", codes(&f.codes)), why];
        evidence.extend(listed(&f.listed));
        let contact = format!("联系 POS 服务商，提供终端号和发生时间（{when}）");
        let actions = match f.group {
            Group::Keys | Group::Sync => vec![
                format!(
                    "先在{name} 上做「签到」（重新签到），重新下载工作密钥和批次号，然后用一笔小额交易试一下。"
                ),
                format!(
                    "如果签到后仍然出现 {}，{contact}，请其重新灌装密钥或检修终端。",
                    if f.group == Group::Keys { "A0 或 99" } else { "77 或 22" }
                ),
                "修好之前先用其他终端或扫码收款；这些被拒的交易一般没有扣款，以收单对账单为准。"
                    .to_owned(),
            ],
            Group::Reader => vec![
                "芯片卡请插卡，不要刷磁条；插卡或挥卡时等终端提示完成再拔卡。".to_owned(),
                format!("清洁{name} 的读卡槽；换卡仍然读不出的，{contact}，请其检修或更换读卡器。"),
            ],
            Group::Setup => vec![
                format!(
                    "这不是网络问题：{contact}，请其核对终端号、商户号的登记和开通的交易类型。"
                ),
                "处理好之前用其他终端或扫码收款。".to_owned(),
            ],
        };
        Words {
            title: format!("终端故障：{name} {what}（{when}，{n} 笔）"), evidence, actions
        }
    }

    // ---- network --------------------------------------------------------------------

    /// A burst of no-replies on one terminal.
    pub(crate) fn network(f: &network::NetworkDrop) -> Words {
        use network::{AROUND_MINUTES, GAP_MINUTES};
        let name = device(f.device);
        let when = span(&f.span);
        let n = f.failures;
        let mut evidence = vec![
            format!(
                "{n} 笔超时/无应答，相邻两笔间隔不超过 {GAP_MINUTES} 分钟：{}",
                codes(&f.codes)
            ),
            match (f.others_ok, f.terminals) {
                (0, 0..=1) => "文件中只有这一台终端，无法和其他终端比较，所以置信度较低".to_owned(),
                (0, _) => {
                    format!("前后 {AROUND_MINUTES} 分钟内其他终端没有交易，无法确认银行当时正常")
                }
                (k, _) => format!(
                    "同一时段（前后 {AROUND_MINUTES} 分钟）其他终端成功 {k} 笔：银行和收单系统正常，问题在这台终端的网络"
                ),
            },
        ];
        if f.own_ok > 0 {
            evidence.push(format!("期间这台终端也成功了 {} 笔：网络时断时续", f.own_ok));
        }
        evidence.extend(listed(&f.listed));
        let statement = statement(f.qr);
        let actions = vec![
            format!(
                "逐笔核对 {when} 这 {n} 笔交易：以{statement}为准，已扣款的不要再向顾客收款，重复收款的要退款。"
            ),
            format!(
                "检查{name} 的网络：移动网络看信号格数和流量卡是否欠费或流量用完，Wi-Fi 看路由器是否断线；把终端从地下室、角落或金属柜旁、微波炉旁移开，能用有线或其他网络就切换。"
            ),
            if f.device.till {
                "网络恢复之前，扫码后先在收银机上查询这笔订单（或看顾客手机上的支付结果），不要在超时后马上重新扫码。".to_owned()
            } else {
                "网络恢复之前，收款后先在终端上查询或重打印确认结果，不要在超时后马上重刷。"
                    .to_owned()
            },
            if f.device.till {
                format!(
                    "如果反复出现，联系收银系统服务商检查这台设备和它的网络，提供设备号和发生时间（{when}）。"
                )
            } else {
                format!(
                    "如果反复出现，联系 POS 服务商检查终端和通讯模块，提供终端号和发生时间（{when}）。"
                )
            },
        ];
        Words {
            title: format!("网络中断：{name} 在 {when} 有 {n} 笔没有收到应答"),
            evidence,
            actions,
        }
    }

    // ---- signal ---------------------------------------------------------------------

    /// `09:05–09:50`: the band of the day from minutes after midnight.
    fn band(f: &signal::PoorReception) -> String {
        let hhmm = |m: u32| format!("{:02}:{:02}", (m / 60) % 24, m % 60);
        format!("{}–{}", hhmm(f.band.0), hhmm(f.band.1))
    }

    /// A terminal timing out at the same time of day, day after day.
    pub(crate) fn signal(f: &signal::PoorReception) -> Words {
        use crate::diagnose::incidents::signal::CONCENTRATION;
        let name = device(f.device);
        let band = band(f);
        let (n, n_days, width) = (f.failures, f.days.len(), f.width);
        let day_list: Vec<String> = f.days.iter().map(|d| d.format("%m-%d").to_string()).collect();
        let mut evidence = vec![
            format!(
                "{n} 笔无应答都落在每天 {band} 这一时段（{width} 分钟内），分布在 {n_days} 天：{}",
                day_list.join("、")
            ),
            format!(
                "这一时段的失败率明显高于这台终端其他时段（至少 {CONCENTRATION:.0} 倍）：是固定时间或固定位置的问题，不是偶发"
            ),
            codes(&f.codes),
        ];
        evidence.extend(listed(&f.listed));
        let statement = statement(f.qr);
        let actions = vec![
            format!("逐笔核对这 {n} 笔交易是否被扣款（以{statement}为准），已扣款的不要重复收款。"),
            format!("找出每天 {band} 前后{name} 所在位置或网络的变化：高峰时段移动网络拥堵、设备被拿到信号差的角落或地下室、路由器旁有微波炉等干扰。"),
            "长期解决：把终端或路由器移到信号好的位置，改用有线网络、信号放大器，或换一家运营商的流量卡。".to_owned(),
            if f.device.till {
                "在这一时段收款时，扫码超时后先在收银机上查询订单或看顾客手机上的支付结果，不要马上重新扫码；问题持续就联系收银系统服务商，提供设备号和以上日期时间。".to_owned()
            } else {
                "在这一时段收款时，超时后先查询或重打印，不要马上重刷；问题持续就联系 POS 服务商，提供终端号和以上日期时间。".to_owned()
            },
        ];
        Words {
            title: format!("信号差：{name} 在每天 {band} 前后反复超时（{n_days} 天共 {n} 笔）"),
            evidence,
            actions,
        }
    }

    // ---- bank_system ----------------------------------------------------------------

    /// Failures across terminals in the same minutes: the acquirer or UnionPay.
    pub(crate) fn bank_outage(f: &bank_system::Outage) -> Words {
        use bank_system::GAP_MINUTES;
        let when = span(&f.span);
        let (n, failing, all, approvals) =
            (f.failures, f.failing_terminals, f.terminals, f.approvals);
        let mut evidence = vec![
            format!(
                "{failing} 台终端（文件中共 {all} 台）在同一时段失败，相邻两笔间隔不超过 {GAP_MINUTES} 分钟"
            ),
            format!("应答码：{}（交换中心、发卡方或线路故障，不是终端本身）", codes(&f.codes)),
            format!("这段时间内成功 {approvals} 笔，失败 {n} 笔"),
        ];
        evidence.extend(listed(&f.listed));
        Words {
            title: format!("银行/银联系统故障：{when} 所有终端集中失败 {n} 笔"),
            evidence,
            actions: vec![
                "这是收单机构或银联一侧的故障，店里的终端和网络无需修理；如果所有终端共用一个路由器，可顺便确认它正常。".to_owned(),
                "故障期间不要反复重刷同一张卡，改收现金或扫码，等几分钟后再试。".to_owned(),
                format!("对账单到了以后，逐笔核对 {when} 这 {n} 笔：被扣款的要补交商品或退款，顾客重复付款的要退回。"),
                format!("联系收单机构，请其确认 {when} 的系统故障，并记下受理编号，以备顾客投诉或调单时使用。"),
            ],
        }
    }

    /// Failures around the day's cut-over (日切).
    pub(crate) fn bank_cutover(f: &bank_system::Cutover) -> Words {
        use bank_system::CUTOVER_MARGIN_MINUTES;
        let when = span(&f.span);
        let n = f.failures;
        let cutoff = f.cutoff.format("%H:%M");
        let mut evidence = vec![
            format!(
                "{n} 笔失败都在日切 {cutoff} 前后 {CUTOVER_MARGIN_MINUTES} 分钟内：{}",
                codes(&f.codes)
            ),
            "90 表示银联正在做日终处理，日切前后 96 多为交换中心忙于日切".to_owned(),
        ];
        evidence.extend(listed(&f.listed));
        Words {
            title: format!("日切时段失败：{when} 在 {cutoff} 日切前后失败 {n} 笔"),
            evidence,
            actions: vec![
                "这是银联日切造成的，终端和网络无需修理；日切过后几分钟再试即可。".to_owned(),
                format!(
                    "尽量避免在 {cutoff} 前后几分钟内收款或做批结算；营业到深夜的店可以提前结算。"
                ),
                format!(
                    "核对 {when} 前后的交易：{cutoff} 之后的交易计入下一天的清算日期，查对账单时要看下一天的文件。"
                ),
            ],
        }
    }

    // ---- wallet_system --------------------------------------------------------------

    /// One wallet failing across devices while the other works.
    pub(crate) fn wallet_system(f: &wallet_system::WalletOutage) -> Words {
        use crate::diagnose::rules::qr_payment::{platform, wallet_name};
        use wallet_system::{AROUND_MINUTES, GAP_MINUTES, MIN_PAYERS};
        let name = wallet_name(Lang::Zh, Some(f.wallet));
        let other = wallet_name(Lang::Zh, Some(f.other));
        let when = span(&f.span);
        let (n, n_devices) = (f.failures, f.devices.len());
        let devices = f.devices.join("、");
        let title = if n_devices >= 2 {
            format!(
                "{name}系统故障：{when} {n_devices} 台设备的{name}收款集中未完成 {n} 笔，{other}正常"
            )
        } else {
            format!("{name}系统故障：{when} {name}收款集中未完成 {n} 笔，同一设备其他收款正常")
        };
        let mut evidence = vec![
            format!(
                "{n} 笔{name}收款都没有得到{name}的最终结果，相邻两笔间隔不超过 {GAP_MINUTES} 分钟：{}",
                codes(&f.codes)
            ),
            if n_devices <= 1 {
                format!(
                    "同一时段这台设备（{devices}）的其他收款成功：店里网络正常，问题在{name}一侧"
                )
            } else {
                format!("{n_devices} 台设备（{devices}）同时失败，不是某一台设备的网络问题")
            },
            match f.others_ok {
                0 => format!(
                    "前后 {AROUND_MINUTES} 分钟内没有{other}或刷卡成功的交易，无法完全排除店里网络的问题"
                ),
                k => format!(
                    "同一时段（前后 {AROUND_MINUTES} 分钟）{other}或刷卡成功 {k} 笔：店里网络正常"
                ),
            },
            format!("这段时间内{name}成功 {} 笔，未完成 {n} 笔", f.own_ok),
        ];
        if f.payers >= MIN_PAYERS {
            evidence.push(format!("涉及 {} 位不同的付款人，不是某一位顾客的问题", f.payers));
        }
        evidence.extend(listed(&f.listed));
        let look_up = platform(Lang::Zh, Some(f.wallet));
        let actions = vec![
            format!("这是{name}一侧的系统故障，店里的设备和网络无需修理。"),
            format!("故障期间请顾客改用{other}或现金，不要反复让顾客重新扫码。"),
            format!(
                "逐笔在{look_up}查询 {when} 这 {n} 笔：已扣款的不要再收，顾客付了两次的要退款；查不到的才算没有付款。"
            ),
            format!("联系{name}商户客服确认 {when} 的故障，记下工单号，以备顾客投诉时说明。"),
        ];
        Words { title, evidence, actions }
    }

    // ---- cardholder -----------------------------------------------------------------

    /// The one-line profile of the cardholder declines.
    pub(crate) fn cardholder_summary(f: &cardholder::Profile) -> String {
        format!(
            "持卡人原因被拒 {} 笔（{}）：{}。银行明确拒绝，没有扣款，不是掉单",
            f.declines,
            span(&f.span),
            codes(&f.codes)
        )
    }

    /// What to tell the customer, per code, then that nothing needs doing.
    pub(crate) fn cardholder_advice(f: &cardholder::Profile) -> Vec<String> {
        let mut advice: Vec<String> = f
            .by_count
            .iter()
            .filter_map(|(c, k)| {
                let info = knowledge::response_code(c)?;
                Some(format!("{c}（{}，{k} 笔）：{}", info.meaning_zh, info.message_zh))
            })
            .collect();
        advice.push("无需处理：这些交易没有扣款。遇到时按终端提示告诉顾客原因，请顾客换卡或改用现金、扫码支付。".to_owned());
        advice
    }

    // ---- health ---------------------------------------------------------------------

    /// `4.0%` from a rate of 0.04.
    fn pct(rate: f64) -> String {
        format!("{:.1}%", rate * 100.0)
    }

    /// The note on a terminal that drops far more than the others.
    pub(crate) fn health_note(f: &health::DropNote) -> Words {
        use crate::diagnose::stats::show_p;
        let name = device(Device::terminal(f.terminal));
        let (own, others) = (pct(f.rate), pct(f.others_rate));
        let (p, thr) = (show_p(f.p), show_p(f.threshold));
        let (other_attempts, other_dropped) = (f.other_attempts, f.other_dropped);
        let worst: Vec<String> =
            f.worst.iter().map(|(d, k, n)| format!("{} {k}/{n}", d.format("%m-%d"))).collect();
        Words {
            title: format!("终端健康：{name} 超时率 {own}，其他终端 {others}，明显偏高"),
            evidence: vec![
                format!(
                    "整段时间内，{name} 的 {} 笔交易中有 {} 笔超时或无应答（{own}），其他终端合计 {other_attempts} 笔中 {other_dropped} 笔（{others}）",
                    f.attempts, f.dropped
                ),
                format!("单侧 Fisher 精确检验 p = {p}，低于阈值 {thr}：不是偶然，是这台终端的问题"),
                format!("超时最多的日子（超时或无应答/交易）：{}", worst.join("、")),
            ],
            actions: vec![
                format!(
                    "把这组数字告诉 POS 服务商：「{name} 超时率 {own}，其他终端 {others}」，请其检查终端和通讯模块。"
                ),
                format!(
                    "检查{name} 的网络：信号格数、流量卡套餐、Wi-Fi 路由器；能用有线网络就改用有线。"
                ),
                acquirer_warning(),
            ],
        }
    }

    // ---- persistent -----------------------------------------------------------------

    /// `4.0%`: `hits` of `of` (0 when `of` is 0).
    fn share(hits: u64, of: u64) -> String {
        format!("{:.1}%", 100.0 * hits as f64 / of.max(1) as f64)
    }

    /// `终端 10086602` / `卡号以 622848 开头的卡`.
    fn who(w: persistent::Who) -> String {
        match w {
            persistent::Who::Terminal(id) => device(Device::terminal(id)),
            persistent::Who::Bin(bin) => format!("卡号以 {bin} 开头的卡"),
        }
    }

    /// The evidence line of a period-wide test: what was compared, p, and the threshold.
    pub(crate) fn test_line(t: &persistent::TestLine) -> String {
        use persistent::{ALPHA, Comparison};
        let who = who(t.who);
        let (p, thr) =
            (crate::diagnose::stats::show_p(t.p), crate::diagnose::stats::show_p(t.threshold));
        match *t.comparison {
            Comparison::Others { hits, group, other_hits, others } => format!(
                "整段时间对比：{who} {hits}/{group} 笔（{}）是这类失败，其余合计 {other_hits}/{others} 笔（{}）；单侧 Fisher 精确检验 p = {p}，低于阈值 {thr}（{ALPHA} 按本报告检验的组数分摊）：不是偶然",
                share(hits, group),
                share(other_hits, others)
            ),
            Comparison::Period { k, n, w } => format!(
                "文件中只有这一台终端，无法与其他终端比较，改与整段时间比较：{k} 笔失败集中在这台终端 {n} 笔交易中连续的 {w} 笔之内，随机出现这么集中的概率 p = {p}，低于阈值 {thr}"
            ),
            Comparison::Ceiling { k, n, single } => format!(
                "{}：A0 / 99 / 77 / 97 / 03 是终端自身（密钥、批次、登记）的应答，正常签到的终端几乎不会出现，按最多每 1000 笔 1 笔计，{n} 笔交易里出现 {k} 笔（{}）的概率 p = {p}（单侧二项检验），低于阈值 {thr}：不是偶然",
                if single {
                    "文件中只有这一台终端，无法与其他终端比较，改与正常终端的上限比较"
                } else {
                    "与正常终端的上限比较（不看其他终端怎样）"
                },
                share(k, n)
            ),
        }
    }

    /// `分布在 5 天：11-03、11-05…`.
    pub(crate) fn days(days: &[chrono::NaiveDate]) -> String {
        let list: Vec<String> = days.iter().map(|d| d.format("%m-%d").to_string()).collect();
        format!("分布在 {} 天：{}", days.len(), list.join("、"))
    }

    /// One terminal losing its link again and again over the period.
    pub(crate) fn recurring_drops(f: &persistent::RecurringDrops) -> Words {
        let name = device(Device::terminal(f.terminal));
        let when = span(&f.span);
        let n = f.failures;
        let mut evidence = vec![
            format!("同一台终端 {n} 笔无应答，分散在多日，不是一次网络中断：{}", codes(&f.codes)),
            test_line(&f.test),
            days(&f.days),
        ];
        evidence.extend(listed(&f.listed));
        let statement = statement(f.qr);
        Words {
            title: format!("反复掉线：{name} 在 {when} 没有收到应答 {n} 笔，明显多于平常"),
            evidence,
            actions: vec![
                format!(
                    "逐笔核对这 {n} 笔交易是否被扣款（以{statement}为准），已扣款的不要重复收款。"
                ),
                format!(
                    "{name} 的连接长期不稳：检查信号格数、流量卡套餐和 Wi-Fi 路由器，把终端或路由器移到信号好的位置，能用有线网络就改用有线，或换一家运营商的流量卡。"
                ),
                format!("联系 POS 服务商检查{name} 的通讯模块，提供终端号和以上日期时间。"),
                acquirer_warning(),
            ],
        }
    }

    // ---- operator -------------------------------------------------------------------

    /// `撤销` / `退货`.
    fn void_or_refund(r: &crate::model::Record) -> &'static str {
        if r.txn_type == crate::model::TxnType::Void { "撤销" } else { "退货" }
    }

    /// A refused void or refund and its sale: `… 的撤销对应原交易 …`.
    fn original(o: &operator::Original) -> String {
        let (r, s) = (o.attempt, o.sale);
        let head = format!(
            "{} 的{}对应原交易 {}（{}，{}）",
            time(Lang::Zh, r.time),
            void_or_refund(r),
            time(Lang::Zh, s.time),
            ids(Lang::Zh, &[s]),
            money(Lang::Zh, s.amount_cents)
        );
        if !o.later {
            return head;
        }
        let cleared = o.cleared.map(|d| d.to_string()).unwrap_or_default();
        format!("{head}，原交易清算日期 {cleared}，已过日切，只能退货不能撤销")
    }

    /// A day's refused voids and refunds on one terminal.
    pub(crate) fn void_errors(f: &operator::VoidErrors) -> Words {
        let name = device(Device::terminal(f.terminal));
        let (when, n) = (span(&f.span), f.attempts);
        let mut evidence = vec![format!("应答码：{}", codes(&f.codes))];
        evidence.extend(f.originals.iter().map(original));
        evidence.extend(listed(&f.listed));
        evidence.extend(f.fixes.iter().map(|v| {
            format!(
                "之后 {} 已成功办理{}（{}，{}）",
                time(Lang::Zh, v.time),
                void_or_refund(v),
                ids(Lang::Zh, &[v]),
                money(Lang::Zh, v.amount_cents)
            )
        }));
        let mut actions = vec![if f.all_fixed {
            "之后已成功改做退货/撤销，顾客已获退款，不要重复办理；向顾客说明退货款一般 3–5 个工作日到卡上。".to_owned()
        } else {
            "被拒的撤销/退货没有退钱给顾客：逐笔确认顾客是否仍在等退款，尽快重新办理。".to_owned()
        }];
        if f.has("12") || f.has("22") || f.next_day {
            actions.push("撤销只能在交易当天、同一批次、日切（23:00）和批结算之前做；之后请改用「退货」，需要原交易的参考号和日期，退款一般 3–5 个工作日到顾客卡上。".to_owned());
        }
        if f.has("25") {
            actions.push("应答码 25 是找不到原交易：照着签购单上的凭证号、参考号和交易日期输入，不要凭记忆。".to_owned());
        }
        if f.has("64") {
            actions.push(
                "应答码 64 是金额与原交易不符：撤销必须全额；只退一部分请用退货。".to_owned(),
            );
        }
        if f.has("58") {
            actions.push("应答码 58 是本终端不能做：撤销/退货要在原交易的那台终端上做，或请 POS 服务商开通退货功能。".to_owned());
        }
        actions.push(
            "把正确做法告诉收银员；POS 上实在办不了的，联系收单机构申请人工退货或调账。".to_owned(),
        );
        Words {
            title: format!("操作错误：{name} 的撤销/退货被拒 {n} 笔（{when}）"),
            evidence,
            actions,
        }
    }

    /// How one amount is a typing slip of another.
    fn slip(s: operator::Slip) -> &'static str {
        use operator::Slip;
        match s {
            Slip::TimesTen => "多输了一个 0（金额放大 10 倍）",
            Slip::TenthOf => "少输了一个 0（金额只有十分之一）",
            Slip::ExtraDigit => "多输了一位数字",
            Slip::DroppedDigit => "漏输了一位数字",
            Slip::Transposed => "相邻两位数字输反了",
        }
    }

    /// What became of the first of the two sales.
    fn keying_first(f: &operator::Keying) -> String {
        use crate::model::Outcome;
        match (f.first.outcome, f.undone, f.refund) {
            (Outcome::Approved, true, Some(v)) => {
                format!("第一笔之后已于 {} 全额{}", time(Lang::Zh, v.time), void_or_refund(v))
            }
            (Outcome::Approved, true, None) => "第一笔已被撤销或冲正".to_owned(),
            (Outcome::Approved, false, _) => "第一笔成功且没有被撤销：顾客为它付了钱".to_owned(),
            _ => format!("第一笔没有成功（{}）", terminal_result(Lang::Zh, f.first)),
        }
    }

    /// Two sales of one card whose amounts differ like a typing slip.
    pub(crate) fn keying(f: &operator::Keying) -> Words {
        let name = device(Device::terminal(f.terminal));
        let wrong = money(Lang::Zh, f.first.amount_cents);
        let right = money(Lang::Zh, f.second.amount_cents);
        let title = match (f.corrected, f.both_charged) {
            (true, _) => format!("金额输错：{name} 把 {right} 输成了 {wrong}，已更正"),
            (false, true) => {
                format!("金额待核对：{name} 同一张卡先收了 {wrong}，又收了 {right}，两笔都已扣款")
            }
            (false, false) => format!("金额待核对：{name} 同一张卡先试了 {wrong}，又试了 {right}"),
        };
        let card = f.first.card_last4().unwrap_or("");
        let gap = crate::diagnose::text::duration(Lang::Zh, f.gap_secs);
        let how = slip(f.slip);
        let mut evidence = vec![
            format!(
                "同一张卡（尾号 {card}）在 {gap} 内先后两笔：{wrong} 和 {right}，相差的方式是{how}"
            ),
            keying_first(f),
        ];
        if !f.corrected {
            evidence.push("没有被拒、撤销、冲正或退货表明第一笔金额是输错的：也可能是同一位顾客的两笔消费，请核对".to_owned());
        }
        evidence.extend(listed(&f.listed));
        let ids = ids(Lang::Zh, &[f.first]);
        let actions = if f.both_charged {
            vec![
                format!("先和顾客、小票核对应收金额。如果应收 {right}：第一笔 {wrong}（{ids}）是多收的，当天同一批次可在 POS 上撤销，已结算则办理退货。"),
                "如果两笔其实都是顾客要付的，无需处理。".to_owned(),
                "退货一般 3–5 个工作日退回顾客卡上，告知顾客；POS 上办不了的，向收单机构提交调账申请。".to_owned(),
                "提醒收银员收款前让顾客在终端上确认金额。".to_owned(),
            ]
        } else if !f.corrected {
            vec![
                format!(
                    "先和顾客、小票核对应收金额，并以收单对账单为准核对 {wrong} 和 {right} 两笔是否扣款。"
                ),
                format!(
                    "如果应收 {right} 而 {wrong} 也被扣款：当天同一批次可在 POS 上撤销，已结算则办理退货。"
                ),
                "提醒收银员收款前让顾客在终端上确认金额。".to_owned(),
            ]
        } else {
            vec![
                format!(
                    "核对最终收取的 {right} 是否正确；第一笔 {wrong} 没有扣款，或已撤销、退货，无需再退款。"
                ),
                "如果金额仍不对：多收的当天撤销后重收正确金额、隔日退货；少收的再收一笔差额。"
                    .to_owned(),
                "提醒收银员收款前让顾客在终端上确认金额。".to_owned(),
            ]
        };
        Words { title, evidence, actions }
    }
}

// (end of incidents)
