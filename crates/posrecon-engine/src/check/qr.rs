//! The words of a [`super::check`] verdict for a QR payment (微信支付 / 支付宝).
//!
//! The wallet's merchant bill plays the acquirer statement's part: a SUCCESS row is the money
//! collected, a REVOKED / CLOSED row (or no row on a day the bill covers) is no money kept. A bill
//! of day D is exported on D+1 from about 09:00–10:00, so "check again after" is D+1 for a QR
//! attempt the bills do not cover yet. Refunds: a 撤销 (WeChat within 7 days, Alipay the same day
//! only) or a 退款 goes back the way it was paid: at once to 零钱 / 余额, 1–3 working days to a
//! bank card.

use chrono::{Duration, NaiveDate};

use super::{Attempt, CheckResult, Verdict, describe, recs, refs, terminal_failed};
use crate::Lang;
use crate::diagnose::Context;
use crate::diagnose::rules::qr_payment::{
    contact, order_numbers, platform, shown as till_shown, undo_advice, wallet_name,
};
use crate::diagnose::text::{self, money};
use crate::model::{PayMethod, Role};

/// Where the customer finds the payment on the phone.
pub(super) fn app_bill(lang: Lang, m: Option<PayMethod>) -> &'static str {
    match m {
        Some(PayMethod::Wechat) => {
            lang.pick("微信「我 → 服务 → 钱包 → 账单」", "WeChat (Me → Services → Wallet → Bills)")
        }
        Some(PayMethod::Alipay) => lang.pick("支付宝「我的 → 账单」", "Alipay (Me → Bills)"),
        _ => lang.pick("微信或支付宝的账单", "the WeChat or Alipay bill on the phone"),
    }
}

/// How money sent back reaches the customer.
pub(super) fn refund_arrival(lang: Lang) -> &'static str {
    lang.pick(
        "退回的钱按原路返回：付款用的零钱/余额立即到账，用银行卡付的一般 1–3 个工作日到账。",
        "Money sent back returns the way it was paid: at once to the wallet balance, usually within 1–3 working days to a bank card.",
    )
}

/// Day of the bill that decides an attempt.
fn bill_day(a: &Attempt) -> Option<NaiveDate> {
    a.time.map(|t| t.date())
}

/// What the till showed, or that it has no line for the payment.
fn shown(ctx: &Context, a: &Attempt) -> String {
    match a.terminal {
        Some(t) => till_shown(ctx.lang(), &ctx.records[t]),
        // Read after "收银" / "the till".
        None => ctx.lang().pick("记录里没有这笔", "has no line for it").to_owned(),
    }
}

/// The bill's state word of the attempt's bill row (SUCCESS, REVOKED …).
fn bill_state(ctx: &Context, a: &Attempt) -> Option<String> {
    let r = &ctx.records[a.acquirer?];
    (r.role == Role::WalletBill).then(|| {
        r.response_text.as_deref().map(str::trim).unwrap_or_default().trim_matches('`').to_owned()
    })
}

/// The bill's word for a paid row (SUCCESS on a merchant bill, 已收钱 on a personal bill).
fn paid_state(ctx: &Context, a: &Attempt) -> String {
    bill_state(ctx, a).filter(|s| !s.is_empty()).unwrap_or_else(|| "SUCCESS".to_owned())
}

/// Where the money of a paid row went: the merchant account, or the 收款码's own account when
/// the bill is the account holder's personal bill.
fn account(ctx: &Context, a: &Attempt, wallet: &str) -> String {
    let personal = is_personal(ctx, a);
    match (ctx.lang(), personal) {
        (Lang::Zh, true) => format!("{wallet}收款码账户"),
        (Lang::Zh, false) => format!("{wallet}商户账户"),
        (Lang::En, true) => format!("{wallet} account behind the QR code (收款码)"),
        (Lang::En, false) => format!("{wallet} merchant account"),
    }
}

pub(super) fn not_found_words(lang: Lang, m: PayMethod) -> String {
    match lang {
        Lang::Zh => format!(
            "我们的记录里没有找到这笔付款。请在{}里找到这笔付款，给我们看一下账单详情（时间、金额、{}），我们再核对。",
            app_bill(lang, Some(m)),
            if m == PayMethod::Wechat { "交易单号" } else { "订单号" }
        ),
        Lang::En => format!(
            "We cannot find this payment in our records. Please find it in {} and show us its details (time, amount, order number); we will check again.",
            app_bill(lang, Some(m))
        ),
    }
}

pub(super) fn single(ctx: &Context, a: &Attempt, out: &mut CheckResult) {
    let lang = ctx.lang();
    let m = a.wallet;
    let wallet = wallet_name(lang, m);
    out.verdict = a.verdict;
    out.records = refs(ctx, a);
    let what = describe(ctx, a);
    let rs = recs(ctx, a);
    let ids = order_numbers(lang, m, &rs);
    let what = match (lang, ids.is_empty()) {
        (_, true) => what,
        (Lang::Zh, false) => format!("{what}（{ids}）"),
        (Lang::En, false) => format!("{what} ({ids})"),
    };
    let shown = shown(ctx, a);
    let amount = money(lang, rs.last().map_or(0, |r| r.amount_cents));
    let when = text::time(lang, a.time);
    let contact = contact(lang, m, &rs);
    let app = app_bill(lang, m);
    let day = bill_day(a);
    let day_text = text::date(day);

    match a.verdict {
        Verdict::ChargedAndSettled => {
            let loc = a.acquirer.map(|i| ctx.location(i)).unwrap_or_default();
            let dropped = a.terminal.is_some() && terminal_failed(ctx, a);
            // An aggregator's settlement statement (not the wallet's own bill) settled it.
            let statement = a.acquirer.is_some_and(|i| ctx.records[i].role != Role::WalletBill);
            let state = paid_state(ctx, a);
            let account = account(ctx, a, wallet);
            out.title = match lang {
                Lang::Zh => format!("顾客已付款：{when} 的 {amount} {wallet}支付成功"),
                Lang::En => format!("The customer paid: {amount} by {wallet} at {when} succeeded"),
            };
            out.explanation = match (lang, dropped) {
                _ if statement => match lang {
                    Lang::Zh => format!(
                        "{what}：收银{shown}，收单机构的对账单（{loc}）里这笔已结算：顾客付款成功，钱随这份对账单结算给本店。"
                    ),
                    Lang::En => format!(
                        "{what}: the till {shown}, and the acquirer's statement ({loc}) has it settled: the customer paid, and the money is paid out to you with that statement."
                    ),
                },
                (Lang::Zh, true) => format!(
                    "{what}：收银{shown}，但{wallet}账单（{loc}）里这笔是支付成功（{state}）：钱已经从顾客那里付出，进了本店的{account}。这是一笔扫码掉单，不是没付款。"
                ),
                (Lang::Zh, false) => format!(
                    "{what}：收银{shown}，{wallet}账单（{loc}）里这笔是支付成功（{state}），钱已经进了本店的{account}。"
                ),
                (Lang::En, true) => format!(
                    "{what}: the till {shown}, but the {wallet} bill ({loc}) has it as paid ({state}): the customer paid and the money is in your {account}. The scan was dropped by the till, not unpaid."
                ),
                (Lang::En, false) => format!(
                    "{what}: the till {shown}, and the {wallet} bill ({loc}) has it as paid ({state}); the money is in your {account}."
                ),
            };
            out.say_to_customer.push(match lang {
                Lang::Zh => format!(
                    "您的{wallet}付款已成功：{when} 付了 {amount}，我们已经收到，不需要再付一次。"
                ),
                Lang::En => format!(
                    "Your {wallet} payment went through: {amount} at {when}. We have received it; you do not need to pay again."
                ),
            });
            out.say_to_customer.push(match lang {
                Lang::Zh => format!("您可以在{app}里看到这笔付款。"),
                Lang::En => format!("You can see it in {app}."),
            });
            // A personal bill keeps a refunded payment's row and says so in its state
            // (已全额退款, 已退款(￥5.00)); the refund itself is a row of its own.
            if state.contains("退款") {
                out.explanation.push_str(&match lang {
                    Lang::Zh => format!("账单显示这笔后来已退款（{state}）。"),
                    Lang::En => format!(" The bill shows it was refunded afterwards ({state})."),
                });
                out.say_to_customer.push(match lang {
                    Lang::Zh => {
                        format!("这笔付款后来已经退款（{state}）。{}", refund_arrival(lang))
                    }
                    Lang::En => {
                        format!(
                            "This payment was refunded afterwards ({state}). {}",
                            refund_arrival(lang)
                        )
                    }
                });
            }
            if dropped {
                out.say_to_customer.push(
                    lang.pick(
                        "收银机当时没有拿到支付结果，所以显示失败；钱实际上已经付了，我们也收到了。",
                        "The till did not get the payment result in time and showed a failure; the money was in fact paid and we have it.",
                    )
                    .to_owned(),
                );
            }
            out.actions.push(
                lang.pick(
                    "不要让顾客重新扫码付款；如果已经重新收了一次，把多收的那笔撤销或退款。",
                    "Do not let the customer pay again; if you already collected a second time, reverse (撤销) or refund (退款) the extra one.",
                )
                .to_owned(),
            );
            out.actions.push(match (lang, statement) {
                (Lang::Zh, false) => format!("留存账单这一行（{loc}）作为付款凭证：{contact}。"),
                (Lang::Zh, true) => format!("留存对账单这一行（{loc}）作为付款凭证：{contact}。"),
                (Lang::En, false) => {
                    format!("Keep this bill line ({loc}) as proof of payment: {contact}.")
                }
                (Lang::En, true) => {
                    format!("Keep this statement line ({loc}) as proof of payment: {contact}.")
                }
            });
        }
        Verdict::ReversedNotCharged | Verdict::Declined => {
            let state = bill_state(ctx, a).filter(|s| !s.is_empty());
            out.title = match lang {
                Lang::Zh => format!("没有扣款：{when} 的 {amount} {wallet}付款没有成功"),
                Lang::En => format!(
                    "Not charged: the {amount} {wallet} payment at {when} did not go through"
                ),
            };
            out.explanation = match (lang, state) {
                (Lang::Zh, Some(s)) => format!(
                    "{what}：收银{shown}，{wallet}账单里这笔订单是「{}」：钱没有被扣走，或已经原路退回，本店也没有收到。",
                    state_zh(&s)
                ),
                (Lang::Zh, None) => format!(
                    "{what}：收银{shown}。已加载的{wallet}账单覆盖 {day_text}，里面没有这笔的支付成功记录：顾客没有付款成功，本店也没有收到。"
                ),
                (Lang::En, Some(s)) => format!(
                    "{what}: the till {shown}, and the {wallet} bill has the order as \"{s}\" (revoked or closed): no money was kept, and you did not receive any."
                ),
                (Lang::En, None) => format!(
                    "{what}: the till {shown}. The loaded {wallet} bills cover {day_text} and have no paid row for it: the customer did not pay, and you did not receive the money."
                ),
            };
            out.say_to_customer.push(match lang {
                Lang::Zh => format!("这笔{wallet}付款没有成功，我们没有收到钱。"),
                Lang::En => format!(
                    "This {wallet} payment did not go through, and we did not receive the money."
                ),
            });
            out.say_to_customer.push(match lang {
                Lang::Zh => format!(
                    "您可以在{app}里看一下：如果有这笔，会显示为已撤销、已关闭或已退款。"
                ),
                Lang::En => format!(
                    "You can look in {app}: if the payment is there, it shows as revoked, closed or refunded."
                ),
            });
            out.say_to_customer.push(refund_arrival(lang).to_owned());
            out.say_to_customer.push(
                lang.pick(
                    "这次消费还需要重新付款，可以再扫一次或换其他方式。",
                    "The purchase still needs to be paid: please scan again or pay another way.",
                )
                .to_owned(),
            );
            out.actions.push(
                lang.pick(
                    "向顾客重新收款（如果还没收）。",
                    "Collect the payment again (if you have not already).",
                )
                .to_owned(),
            );
            out.actions.push(match lang {
                Lang::Zh => format!(
                    "如果顾客手机上显示支付成功，请他出示账单详情，在{}按订单号查询：{contact}。",
                    platform(lang, m)
                ),
                Lang::En => format!(
                    "If the customer's phone shows the payment as successful, ask for its details and look it up in {}: {contact}.",
                    platform(lang, m)
                ),
            });
        }
        Verdict::NotYetSettled => {
            let next = day.map(|d| d + Duration::days(1));
            out.check_again_after = next;
            let next_text = text::date(next);
            // Past that day the bill is out already: never a past date as "later".
            let due = next.is_some_and(|d| ctx.options.as_of > d);
            out.title = match (lang, due) {
                (Lang::Zh, false) => format!(
                    "还不能确定：{when} 的 {amount} {wallet}付款收银{shown}，请 {next_text} 账单出来后再查"
                ),
                (Lang::Zh, true) => format!(
                    "还不能确定：{when} 的 {amount} {wallet}付款收银{shown}，{wallet} {day_text} 的账单现在应该已经可以下载，请下载后再查"
                ),
                (Lang::En, false) => format!(
                    "Not known yet: the till {shown} for {amount} by {wallet} at {when}; check again after the bill of {next_text}"
                ),
                (Lang::En, true) => format!(
                    "Not known yet: the till {shown} for {amount} by {wallet} at {when}; the {wallet} bill for {day_text} should be out by now: download it and check again"
                ),
            };
            out.explanation = match lang {
                Lang::Zh => format!(
                    "{what}：收银{shown}。顾客可能还在输密码，钱可能已经付了。已加载的{wallet}账单不包括 {day_text}，所以还不能确定。{wallet} {day_text} 的账单在 {next_text} 上午 9–10 点后可以下载。"
                ),
                Lang::En => format!(
                    "{what}: the till {shown}. The customer may still have been entering the password, and the money may have moved. The loaded {wallet} bills do not include {day_text}, so it is not known yet. The {wallet} bill for {day_text} can be downloaded on {next_text} after about 09:00–10:00."
                ),
            };
            out.say_to_customer.push(
                lang.pick(
                    "这笔付款的结果还在确认中，请先不要重复扫码付款。",
                    "This payment is still being confirmed; please do not scan and pay again yet.",
                )
                .to_owned(),
            );
            out.say_to_customer.push(match lang {
                Lang::Zh => format!("请看一下{app}：如果这笔显示支付成功，就是已经付了。"),
                Lang::En => format!(
                    "Please look in {app}: if the payment shows as successful, you have paid."
                ),
            });
            out.say_to_customer.push(match (lang, due) {
                (Lang::Zh, false) => format!("我们会在 {next_text} 核对{wallet}账单后告诉您结果，请留下联系方式。"),
                (Lang::Zh, true) => format!("我们会尽快核对{wallet}账单，再告诉您结果，请留下联系方式。"),
                (Lang::En, false) => format!("We will check the {wallet} bill on {next_text} and tell you the result; please leave us a phone number."),
                (Lang::En, true) => format!("We will check the {wallet} bill as soon as we can and tell you the result; please leave us a phone number."),
            });
            out.actions.push(match lang {
                Lang::Zh => format!(
                    "马上在收银机上查询这笔订单，或在{}按商户订单号查询。",
                    platform(lang, m)
                ),
                Lang::En => format!(
                    "Query the order on the till now, or in {} by its merchant order number.",
                    platform(lang, m)
                ),
            });
            out.actions.push(match (lang, due) {
                (Lang::Zh, false) => format!("{next_text} 上午 9–10 点之后下载{wallet} {day_text} 的账单，再查一次。"),
                (Lang::Zh, true) => format!("现在下载{wallet} {day_text} 的账单（{next_text} 起就可以下载），再查一次。"),
                (Lang::En, false) => format!("After 09:00–10:00 on {next_text}, download the {wallet} bill for {day_text} and check again."),
                (Lang::En, true) => format!("Download the {wallet} bill for {day_text} now (it has been available since {next_text}) and check again."),
            });
        }
        Verdict::ApprovedNotSettled => {
            // As analyze's order_not_paid: the till's word alone proves no payment. The customer
            // may not have paid (a till marked paid by hand), or paid another code or merchant id.
            out.title = match lang {
                Lang::Zh => format!(
                    "收银显示已付款，但账单里没有：{when} 的 {amount} {wallet}付款，先查商户平台"
                ),
                Lang::En => format!(
                    "Paid at the till but not on the bill: {amount} by {wallet} at {when}; look it up before answering"
                ),
            };
            out.explanation = match lang {
                Lang::Zh => format!(
                    "{what}：收银{shown}，但覆盖 {day_text} 的{wallet}账单里没有这笔的成功付款。收银的记录不能证明钱已经付了：可能顾客实际没有付款成功（收银被手工标为已付），也可能钱付到了别的收款码或商户号。先在{}按订单号查清，再答复顾客。",
                    platform(lang, m)
                ),
                Lang::En => format!(
                    "{what}: the till {shown}, but the {wallet} bill covering {day_text} has no paid row for it. The till's word alone does not prove the money was paid: the customer may not have paid (the order marked paid by hand), or the money went to another QR code or merchant id. Look it up in {} before answering the customer.",
                    platform(lang, m)
                ),
            };
            out.say_to_customer.push(match lang {
                Lang::Zh => format!(
                    "我们需要先核对一下这笔付款。请给我们看一下{app}里这笔付款的详情（时间、金额、{}），我们查清后告诉您结果。",
                    if m == Some(PayMethod::Wechat) { "交易单号" } else { "订单号" }
                ),
                Lang::En => format!(
                    "We need to check this payment first. Please show us its details in {app} (time, amount, order number); we will tell you once we have traced it."
                ),
            });
            out.actions.push(match lang {
                Lang::Zh => format!(
                    "先在{}按商户订单号查询这笔；查清之前，不要告诉顾客已经收到，也不要让顾客再付一次。",
                    platform(lang, m)
                ),
                Lang::En => format!(
                    "First look the order up in {} by its merchant order number; until then, neither tell the customer it was received nor ask them to pay again.",
                    platform(lang, m)
                ),
            });
            out.actions.push(
                lang.pick(
                    "如果平台和顾客手机上都查不到成功付款：顾客实际没有付款，请顾客补付。",
                    "If neither the platform nor the customer's phone shows a successful payment: the customer did not pay; ask them to pay.",
                )
                .to_owned(),
            );
            out.actions.push(match lang {
                Lang::Zh => format!(
                    "如果平台或顾客手机上显示已付款，联系{wallet}客服（或服务商）查明为什么账单里没有，提供：{contact}。"
                ),
                Lang::En => format!(
                    "If the platform or the customer's phone shows it paid, contact {wallet} support (or the provider) to find out why the bill lacks it, with: {contact}."
                ),
            });
        }
        Verdict::ChargedTwice
        | Verdict::NotFound
        | Verdict::Refunded
        | Verdict::TwoApprovedCharges
        | Verdict::Voided => {}
    }
}

pub(super) fn charged_twice(ctx: &Context, a: &Attempt, b: &Attempt, out: &mut CheckResult) {
    let lang = ctx.lang();
    out.verdict = Verdict::ChargedTwice;
    // Refund the one the till showed as failed (the re-scan's first try); else the later.
    let (first, second) = if a.time <= b.time { (a, b) } else { (b, a) };
    let (refund, keep) = match (terminal_failed(ctx, first), terminal_failed(ctx, second)) {
        (true, false) => (first, second),
        _ => (second, first),
    };
    out.records = refs(ctx, refund);
    out.records.extend(refs(ctx, keep));
    let m = a.wallet.or(b.wallet);
    let wallet = wallet_name(lang, m);
    let refund_recs = recs(ctx, refund);
    let keep_recs = recs(ctx, keep);
    let amount = money(lang, refund_recs.last().map_or(0, |r| r.amount_cents));
    let gap = match (first.time, second.time) {
        (Some(x), Some(y)) => text::duration(lang, (y - x).num_seconds()),
        _ => "—".to_owned(),
    };
    let refund_when = text::time(lang, refund.time);
    let keep_when = text::time(lang, keep.time);
    let refund_ids = order_numbers(lang, m, &refund_recs);
    let keep_ids = order_numbers(lang, m, &keep_recs);
    let both_approved = !terminal_failed(ctx, a) && !terminal_failed(ctx, b);
    // The same payer on both rows, when the bill names the payers (they never differ here:
    // two payers are two customers and not a duplicate at all).
    let payer = a.payer.as_deref().filter(|_| b.payer.is_some());
    let personal = [refund, keep].iter().any(|x| is_personal(ctx, x));
    let (refund_state, keep_state) = (paid_state(ctx, refund), paid_state(ctx, keep));
    let states = if refund_state == keep_state {
        refund_state
    } else {
        format!("{refund_state} / {keep_state}")
    };

    out.title = match lang {
        Lang::Zh => format!("扣了两次：{wallet}在 {gap} 内两次扣款 {amount}（重复扫码）"),
        Lang::En => {
            format!("Charged twice: {amount} paid twice by {wallet} within {gap} (re-scan)")
        }
    };
    out.explanation = match lang {
        Lang::Zh => format!(
            "{}：收银{}；{}：收银{}。{wallet}账单里两笔都是支付成功（{states}），",
            describe(ctx, refund),
            shown(ctx, refund),
            describe(ctx, keep),
            shown(ctx, keep),
        ),
        Lang::En => format!(
            "{}: the till {}; {}: the till {}. The {wallet} bill has both as paid ({states}); ",
            describe(ctx, refund),
            shown(ctx, refund),
            describe(ctx, keep),
            shown(ctx, keep),
        ),
    };
    out.explanation.push_str(&match (lang, payer) {
        (Lang::Zh, Some(p)) => format!("付款人都是「{p}」：同一位顾客为一次消费付了两次钱。"),
        (Lang::Zh, None) => "账单没有写付款人，所以分不清是同一位顾客付了两次，还是两位顾客各付了一次。".to_owned(),
        (Lang::En, Some(p)) => format!("both were paid by \"{p}\": one customer paid twice for one purchase."),
        (Lang::En, None) => "the bill does not name the payers, so it cannot tell one customer paying twice from two customers paying once each.".to_owned(),
    });
    out.say_to_customer.push(match lang {
        Lang::Zh => format!(
            "您确实用{wallet}付了两次 {amount}。我们会退回 {refund_when} 的那一笔，{keep_when} 的那一笔是您这次的付款。"
        ),
        Lang::En => format!(
            "You did pay {amount} twice by {wallet}. We will send back the payment of {refund_when}; the one of {keep_when} is your payment for this purchase."
        ),
    });
    out.say_to_customer.push(refund_arrival(lang).to_owned());
    out.actions.push(match lang {
        Lang::Zh => format!("退回的是 {refund_when} 的这一笔：{refund_ids}。"),
        Lang::En => format!("Send back the payment of {refund_when}: {refund_ids}."),
    });
    out.actions.push(if personal {
        personal_refund_advice(lang, m, &amount)
    } else {
        undo_advice(ctx, m, bill_day(refund), &amount)
    });
    out.actions.push(match lang {
        Lang::Zh => format!("另一笔（{keep_when}，{keep_ids}）保留，不要动。"),
        Lang::En => format!("Keep the other payment ({keep_when}, {keep_ids}) as it is."),
    });
    if both_approved {
        out.actions.insert(
            0,
            lang.pick(
                "两笔收银都显示成功：先和顾客确认这不是两次单独的消费，再退款。",
                "Both payments show as successful at the till: first make sure with the customer that these were not two separate purchases.",
            )
            .to_owned(),
        );
    } else if payer.is_none() {
        out.actions.insert(
            0,
            lang.pick(
                "账单没有写付款人：先请顾客出示手机上的两笔付款记录，确认两笔都是他付的，再退款。",
                "The bill does not name the payers: first ask the customer to show both payments on the phone, and refund only if both are theirs.",
            )
            .to_owned(),
        );
    }
}

/// The attempt's row is on the account holder's personal bill (a 收款码, no merchant platform).
fn is_personal(ctx: &Context, a: &Attempt) -> bool {
    a.acquirer.is_some_and(|i| ctx.records[i].static_qr)
}

/// How the holder of a personal 收款码 sends a payment back: from the payment's detail page in
/// the app's bill (a personal account has no merchant platform and no till to 撤销 on).
fn personal_refund_advice(lang: Lang, m: Option<PayMethod>, amount: &str) -> String {
    let app = app_bill(lang, m);
    match lang {
        Lang::Zh => format!(
            "用收款的那个账号，在{app}里打开这笔收款的详情，点「退款」退回多收的 {amount}；退回的钱立即回到顾客的零钱/余额，银行卡一般 1–3 个工作日。"
        ),
        Lang::En => format!(
            "With the account that received it, open this payment in {app} and choose 退款 (refund) to send back the extra {amount}; it reaches the customer's wallet balance at once, a bank card usually within 1–3 working days."
        ),
    }
}

/// A wallet bill's state code in Chinese, the code in brackets (`已关闭（CLOSED）`); a word
/// already Chinese, or one not known, as written.
fn state_zh(code: &str) -> String {
    let word = match code.to_ascii_uppercase().as_str() {
        "CLOSED" => "已关闭",
        "REVOKED" => "已撤销",
        "REFUND" => "已退款",
        "PAYERROR" => "支付失败",
        "NOTPAY" => "未支付",
        "USERPAYING" => "用户支付中",
        "SYSTEMERROR" => "系统错误",
        "SUCCESS" => "支付成功",
        "TRADE_CLOSED" => "交易关闭",
        _ => return code.to_owned(),
    };
    format!("{word}（{code}）")
}

/// The till's cash payment of the same order (订单号) and the same amount as the attempt's till
/// row: the order was paid in 现金 (before or after the scan). A cash row of another amount is a
/// split payment (part scan, part cash), never a second payment of the whole. The first such row
/// in canonical order.
pub(super) fn cash_of(ctx: &Context, a: &Attempt) -> Option<usize> {
    let t = a.terminal?;
    let r = &ctx.records[t];
    if r.role != Role::OrderList {
        return None;
    }
    let order = r.order_id.as_deref().map(str::trim).filter(|o| !o.is_empty())?;
    ctx.records
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            i != t
                && c.role == Role::OrderList
                && c.pay_method == Some(PayMethod::Cash)
                && c.outcome == crate::model::Outcome::Approved
                && c.amount_cents == r.amount_cents
                && c.amount_cents > 0
                && c.order_id.as_deref().map(str::trim) == Some(order)
        })
        .min_by_key(|&(i, _)| ctx.set.canonical_rank[i])
        .map(|(i, _)| i)
}

/// The scan took no money and the till has the order paid in cash: nothing to collect again.
pub(super) fn paid_in_cash(ctx: &Context, a: &Attempt, cash: usize, out: &mut CheckResult) {
    let lang = ctx.lang();
    let c = &ctx.records[cash];
    let wallet = wallet_name(lang, a.wallet);
    let when = text::time(lang, c.time);
    let amount = money(lang, c.amount_cents);
    let order = c.order_id.as_deref().unwrap_or("—").trim();
    let loc = ctx.location(cash);
    out.records.push(ctx.record_ref(cash));
    out.title.push_str(&match lang {
        Lang::Zh => format!("；这笔订单 {when} 已用现金付了 {amount}，不要再收"),
        Lang::En => {
            format!("; the order was paid {amount} in cash at {when}: do not collect again")
        }
    });
    out.explanation.push_str(&match lang {
        Lang::Zh => format!(
            "收银里同一订单（收银订单号 {order}）在 {when} 用现金付了 {amount}（{loc}）：{wallet}没有扣款，这笔订单已经用现金付清。"
        ),
        Lang::En => format!(
            " The till has the same order (till order {order}) paid {amount} in cash at {when} ({loc}): {wallet} took nothing, and the order was paid in cash."
        ),
    });
    let pay_again = lang.pick(
        "这次消费还需要重新付款，可以再扫一次或换其他方式。",
        "The purchase still needs to be paid: please scan again or pay another way.",
    );
    out.say_to_customer.retain(|l| l != pay_again);
    let at = out.say_to_customer.len().min(1);
    out.say_to_customer.insert(at, match lang {
        Lang::Zh => format!(
            "这笔订单您在 {when} 已经用现金付了 {amount}，已经付清，不需要再付。"
        ),
        Lang::En => format!(
            "You paid this order {amount} in cash at {when}: it is paid, and you need not pay again."
        ),
    });
    let collect = lang.pick(
        "向顾客重新收款（如果还没收）。",
        "Collect the payment again (if you have not already).",
    );
    out.actions.retain(|l| l != collect);
    out.actions.insert(
        0,
        match lang {
            Lang::Zh => format!(
                "不要再向顾客收款：{wallet}没有扣款，收银订单 {order} 在 {when} 已用现金收了 {amount}（{loc}）。"
            ),
            Lang::En => format!(
                "Do not collect again: {wallet} took nothing, and till order {order} was paid {amount} in cash at {when} ({loc})."
            ),
        },
    );
}

/// The wallet charged the customer and the till has the same order paid in cash too: the
/// customer paid twice for one order; one of the two goes back.
pub(super) fn also_in_cash(ctx: &Context, a: &Attempt, cash: usize, out: &mut CheckResult) {
    let lang = ctx.lang();
    let c = &ctx.records[cash];
    let m = a.wallet;
    let wallet = wallet_name(lang, m);
    let rs = recs(ctx, a);
    let paid = money(lang, rs.last().map_or(0, |r| r.amount_cents));
    let paid_when = text::time(lang, a.time);
    let when = text::time(lang, c.time);
    let amount = money(lang, c.amount_cents);
    let order = c.order_id.as_deref().unwrap_or("—").trim();
    let loc = ctx.location(cash);
    out.verdict = Verdict::ChargedTwice;
    out.records.push(ctx.record_ref(cash));
    out.title = match lang {
        Lang::Zh => format!(
            "付了两次：{paid_when} {wallet}扣款 {paid}，同一订单 {when} 又收了现金 {amount}"
        ),
        Lang::En => format!(
            "Paid twice: {paid} by {wallet} at {paid_when}, and the same order paid {amount} in cash at {when}"
        ),
    };
    out.explanation.push_str(&match lang {
        Lang::Zh => format!(
            "收银里同一订单（收银订单号 {order}）在 {when} 又用现金收了 {amount}（{loc}）：顾客为这笔订单付了两次，{wallet}一次、现金一次，应退回其中一笔。"
        ),
        Lang::En => format!(
            " The till has the same order (till order {order}) also paid {amount} in cash at {when} ({loc}): the customer paid this order twice, once by {wallet} and once in cash; one of the two goes back."
        ),
    });
    out.say_to_customer = vec![
        match lang {
            Lang::Zh => format!(
                "您这笔订单付了两次：{paid_when} 用{wallet}付了 {paid}，{when} 又付了现金 {amount}。我们会退回其中一笔。"
            ),
            Lang::En => format!(
                "You paid this order twice: {paid} by {wallet} at {paid_when}, and {amount} in cash at {when}. We will give one of them back."
            ),
        },
        match lang {
            Lang::Zh => format!("您可以在{}里看到{wallet}的这笔付款。", app_bill(lang, m)),
            Lang::En => format!("You can see the {wallet} payment in {}.", app_bill(lang, m)),
        },
    ];
    out.actions = vec![
        match lang {
            Lang::Zh => format!(
                "顾客付了两次：{wallet} {paid_when} 的 {paid} 已成功，收银订单 {order} 在 {when} 又收了现金 {amount}（{loc}）。退回其中一笔：把现金 {amount} 当面退给顾客，或按下面的办法退回{wallet}那一笔。"
            ),
            Lang::En => format!(
                "The customer paid twice: {paid} by {wallet} at {paid_when} went through, and till order {order} was also paid {amount} in cash at {when} ({loc}). Give one back: hand back the {amount} in cash, or send back the {wallet} payment as below."
            ),
        },
        undo_advice(ctx, m, bill_day(a), &paid),
        lang.pick(
            "先数一下当天的现金，确认确实多收了这笔现金，再退。",
            "First count the day's cash to make sure the cash was indeed taken, then give it back.",
        )
        .to_owned(),
    ];
}
