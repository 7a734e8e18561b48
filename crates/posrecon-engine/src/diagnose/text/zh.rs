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
    use crate::Lang;
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
