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
    use crate::Lang;
    use crate::diagnose::rules::amount_mismatch as mism;
    use crate::diagnose::rules::charged_but_failed as cbf;
    use crate::diagnose::rules::duplicate_charge as dup;
    use crate::diagnose::rules::missing_settlement as miss;
    use crate::diagnose::rules::order_not_paid as unpaid;
    use crate::diagnose::rules::over_refund as overr;
    use crate::diagnose::rules::pending_outcome as pend;
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
        actions.extend([
            refund,
            format!("保留终端显示成功的那一笔（{ids2}），不要两笔都退。"),
            format!(
                "{if_confirmed}告诉顾客多扣的 {amount} 会退回：撤销一般当天即可到账，退货通常需要 3–5 个工作日。"
            ),
            format!("如果 POS 上无法办理，联系收单机构处理，并提供：{contact}。"),
        ]);
        actions
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
        let load = match clearing {
            Some(d) => format!(
                "下载清算日期 {d} 的收单对账单，加入后重新分析：有这笔即为掉单，没有则说明已自动冲正、未扣款。"
            ),
            None => "加载覆盖这笔交易的收单对账单后重新分析。".to_owned(),
        };
        let query = "先在 POS 上按凭证号查询或重打印这笔交易：终端已补记为成功的按成功处理；仍显示失败或查不到的，以收单对账单为准。".to_owned();
        let no_recharge = "在确认之前不要让顾客因这笔再付款；如果顾客已经重新付款，记下联系方式，以便确认扣款后退还。如果交易没有成功而顾客卡上被扣了钱，一般会自动冲正退回，通常 1–3 个工作日到账，可以这样告诉顾客。".to_owned();
        let ask = format!("联系收单机构查询这笔交易是否扣款，并提供：{contact}。");
        let actions = if f.overdue {
            let late = format!(
                "已超过 {escalate}（应到账日 {deposit} 后 {escalate_after_working_days} 个工作日），请立即处理："
            );
            vec![format!("{late}{ask}"), query, load, no_recharge]
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

// (end of deposit findings)
//
//
//

// =====================================================================================
// Incidents, cardholder declines and terminal health.
// =====================================================================================

// (end of incidents)
