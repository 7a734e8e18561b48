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
    use crate::Lang;
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
             相差 {gap}，超出了每笔 1 分的尾差范围。",
            span(&f.days),
            merchant(&f.days).unwrap_or_else(|| "同一商户".to_owned())
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
        format!(
            "收单对账单显示清算日期 {span}{who}共结算 {rows} 笔，应结净额 {amount}，按 {} 结算周期应在 {expected} 划入商户银行账户。\
             已加载的银行流水覆盖 {bank_start} 至 {bank_end}，但其中没有一笔{kept}入账等于这个金额（允许每笔 1 分的尾差），\
             也没有和前后清算日合并入账、或分几笔入账的记录。{back}这笔钱可能被收单机构暂扣、退回或划错了账户。",
            f.days[0].cycle.as_str()
        )
    }

    fn missing_evidence(f: &Missing) -> Vec<String> {
        let (bank_start, bank_end) = f.bank;
        let mut out: Vec<String> = f.days.iter().map(day_line).collect();
        out.push(format!(
            "银行流水覆盖 {bank_start} 至 {bank_end}，已过预计到账日 {} 及 {} 个工作日宽限",
            f.expected, f.grace_working_days
        ));
        out.push(format!(
            "检查了 {} 笔银行入账：没有一笔等于 {}（±{} 分），单独、与相邻清算日合并或分几笔入账都不符",
            f.credits_seen,
            m(f.net_cents),
            f.tolerance_cents
        ));
        out.extend(f.taken_back.iter().map(taken_back_line));
        out.extend(
            f.stray
                .iter()
                .map(|b| format!("附近有一笔像是收单机构的入账，但金额对不上：{}", bank_line(b))),
        );
        out.extend(f.unverified_year.map(calendar_note));
        out.extend(f.search_gave_up.then(search_note));
        out
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
                    "合同手续费 = round({} × {}) = {expected}{cap}；对账单手续费 {charged}；允许舍入误差 ±1 分",
                    yuan(r.amount_cents),
                    f.rate.percent()
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

// (end of incidents)
