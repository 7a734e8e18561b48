//! The Chinese (zh-CN) words of a check answer, the default.
//!
//! Every function turns the facts of one verdict (or of one addition to a verdict) into what the
//! merchant reads and says; it holds no logic beyond choosing a sentence for a fact. Its twin of
//! the same name is in `en.rs`. A card and a QR payment are channels of the same verdict: where
//! they need other words (终端 / 收银, 对账单 / 账单), the verdict's function chooses by channel.

use chrono::{NaiveDate, NaiveDateTime};

use super::Words;
use crate::check::Verdict;
use crate::check::facts::{
    Answer, AskWhich, Cash, Channel, Likely, Line, NotFound, OtherCard, Payment, Refund, Retried,
    Twice,
};
use crate::config::Lang;
use crate::diagnose::rules::qr_payment::{contact, order_numbers, platform, shown, wallet_name};
use crate::diagnose::text;
use crate::model::{PayMethod, Role};

const L: Lang = Lang::Zh;

/// Short label of a verdict.
pub(in crate::check) fn label(v: Verdict) -> &'static str {
    match v {
        Verdict::ChargedAndSettled => "已扣款并结算",
        Verdict::ChargedTwice => "重复扣款",
        Verdict::ReversedNotCharged => "未扣款（已冲正）",
        Verdict::NotYetSettled => "待对账单确认",
        Verdict::ApprovedNotSettled => "终端成功但未结算",
        Verdict::Declined => "被拒绝，未扣款",
        Verdict::NotFound => "没有找到",
        Verdict::Refunded => "已扣款，已退款",
        Verdict::TwoApprovedCharges => "两笔都成功，请与顾客确认",
        Verdict::Voided => "已付款，已撤销",
    }
}

/// The words of a verdict.
pub(in crate::check) fn answer(a: &Answer) -> Words {
    match a {
        Answer::ChargedAndSettled { pay, dropped, deposit } => {
            charged_and_settled(pay, *dropped, *deposit)
        }
        Answer::ReversedNotCharged { pay, covered } => reversed_not_charged(pay, *covered),
        Answer::NotYetSettled { pay, after, due, covered, escalate } => {
            not_yet_settled(pay, *after, *due, *covered, *escalate)
        }
        Answer::ApprovedNotSettled { pay, covered } => approved_not_settled(pay, *covered),
        Answer::Declined { pay } => declined(pay),
        Answer::ChargedTwice(t) => charged_twice(t),
        Answer::TwoApprovedCharges(t) => two_approved_charges(t),
        Answer::Voided { pay, void_time, void_terminal, void_line, pair_listed, covered } => {
            voided(pay, *void_time, *void_terminal, *void_line, *pair_listed, *covered)
        }
        Answer::Refunded { pay, refunds } => refunded(pay, refunds),
    }
}

// ---- Words shared by several verdicts ----

fn money(cents: i64) -> String {
    text::money(L, cents)
}

fn time(t: Option<NaiveDateTime>) -> String {
    text::time(L, t)
}

fn line(l: Line) -> String {
    text::location(L, l.file, l.line)
}

fn settled_line(p: &Payment) -> String {
    p.settled_line.map(line).unwrap_or_default()
}

/// `2026-11-09 10:05:40 的 1,580.00 元（终端号 …，卡号尾号 1234）`.
fn describe(p: &Payment) -> String {
    let (when, amount, ids) = (time(p.time), money(p.amount_cents), text::ids(L, &p.records));
    if ids.is_empty() {
        format!("{when} 的 {amount}")
    } else {
        format!("{when} 的 {amount}（{ids}）")
    }
}

/// A QR payment described with its order numbers.
fn describe_qr(p: &Payment) -> String {
    let (what, ids) = (describe(p), order_numbers(L, p.wallet, &p.records));
    if ids.is_empty() { what } else { format!("{what}（{ids}）") }
}

/// What the terminal (card) or the till (QR, read after 收银) showed.
fn shown_by(p: &Payment) -> String {
    match (p.channel, p.shown_by) {
        (Channel::Card, _) => terminal_shown(p),
        (Channel::Qr, Some(r)) => shown(L, r),
        (Channel::Qr, None) => "记录里没有这笔".to_owned(),
    }
}

/// What the terminal showed, or that the terminal log does not have the attempt.
fn terminal_shown(p: &Payment) -> String {
    match p.shown_by {
        Some(r) => text::terminal_result(L, r),
        None => "终端流水里没有这笔".to_owned(),
    }
}

fn card_phrase(card: Option<&str>) -> String {
    card.map(|c| format!("，卡号尾号 {c}")).unwrap_or_default()
}

fn covered_range(covered: Option<(NaiveDate, NaiveDate)>) -> String {
    covered.map_or_else(
        || "（没有加载收单对账单）".to_owned(),
        |(first, last)| text::date_range(L, first, last),
    )
}

fn wallet(m: Option<PayMethod>) -> &'static str {
    wallet_name(L, m)
}

/// Where the customer finds the payment on the phone.
fn app_bill(m: Option<PayMethod>) -> &'static str {
    match m {
        Some(PayMethod::Wechat) => "微信「我 → 服务 → 钱包 → 账单」",
        Some(PayMethod::Alipay) => "支付宝「我的 → 账单」",
        _ => "微信或支付宝的账单",
    }
}

/// How money sent back reaches the customer who paid by a wallet.
fn qr_refund_arrival() -> &'static str {
    "退回的钱按原路返回：付款用的零钱/余额立即到账，用银行卡付的一般 1–3 个工作日到账。"
}

/// How money given back reaches the customer: a card refund takes days, a wallet's goes back the
/// way it was paid.
fn refund_arrival(channel: Channel) -> &'static str {
    match channel {
        Channel::Qr => qr_refund_arrival(),
        Channel::Card => "退货款一般 3–5 个工作日回到付款的卡上，以发卡行为准。",
    }
}

/// `2026-11-18 15:00:00 退款 20.00 元（file 第 n 行）`, one per refund row.
fn refund_lines(refunds: &[Refund]) -> String {
    let lines: Vec<String> = refunds
        .iter()
        .map(|r| format!("{} 退款 {}（{}）", time(r.time), money(r.amount_cents), line(r.line)))
        .collect();
    lines.join("；")
}

/// A wallet bill's state code in Chinese, the code in brackets (`已关闭（CLOSED）`); a word
/// already Chinese, or one not known, as written.
fn bill_state_word(code: &str) -> String {
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

/// The first action of a settled charge.
pub(in crate::check) fn do_not_charge_again() -> &'static str {
    "不要让顾客重新付款；如果已经重新收了一次，把第二笔撤销（当天）或退货（隔天）。"
}

/// A reversed card attempt's line to the customer: the purchase is still unpaid.
pub(in crate::check) fn pay_again() -> &'static str {
    "这次消费还需要重新付款，可以再刷一次或换其他方式。"
}

/// A QR attempt that took nothing: the purchase is still unpaid.
pub(in crate::check) fn scan_again() -> &'static str {
    "这次消费还需要重新付款，可以再扫一次或换其他方式。"
}

/// A reversed attempt's action.
pub(in crate::check) fn collect_again() -> &'static str {
    "向顾客重新收款（如果还没收）。"
}

/// A declined attempt's line to the customer.
pub(in crate::check) fn other_card_please() -> &'static str {
    "请换一张卡或换其他方式付款。"
}

/// A declined attempt's action.
pub(in crate::check) fn collect() -> &'static str {
    "向顾客重新收款。"
}

// ---- One payment ----

fn charged_and_settled(p: &Payment, dropped: bool, deposit: Option<NaiveDate>) -> Words {
    if p.channel == Channel::Qr {
        return qr_charged_and_settled(p, dropped);
    }
    let (what, shown, loc) = (describe(p), shown_by(p), settled_line(p));
    let (amount, when, clearing) = (money(p.amount_cents), time(p.time), text::date(p.clearing));
    let deposit = text::date(deposit);
    let contact = text::contact_details(L, &p.records);
    let card = card_phrase(p.card);
    let mut w = Words {
        title: format!("顾客已付款：{when} 的 {amount} 已扣款并结算"),
        explanation: if dropped {
            format!(
                "{what}：终端{shown}，但收单机构已在清算日 {clearing} 结算了这笔（{loc}）。钱已经从顾客卡上扣走，会随 {deposit} 的结算款到账。这是一笔掉单，不是没付款。"
            )
        } else {
            format!(
                "{what}：终端{shown}，收单机构在清算日 {clearing} 结算了这笔（{loc}），预计 {deposit} 到账。"
            )
        },
        say_to_customer: vec![format!(
            "您的付款已成功：{when} 付了 {amount}{card}，我们已经收到，不需要再付一次。"
        )],
        actions: Vec::new(),
    };
    if dropped {
        w.say_to_customer.push(
            "收银机当时显示失败，是因为银行的确认没有及时传回收银机；钱实际上已经扣了，并且已经结算到我们这里。".to_owned(),
        );
    }
    // As `analyze`'s duplicate_charge: the one the terminal showed as failed is the one to undo;
    // a charge taken again was approved and is the customer's payment.
    w.actions.push(if dropped {
        "不要让顾客重新付款；如果已经重新收了一次，保留重新收的那一笔，把这一笔（终端显示失败、但已扣款的这一笔）撤销（当天、未结算）或退货（已结算）。".to_owned()
    } else {
        do_not_charge_again().to_owned()
    });
    w.actions.push(format!("留存对账单这一行（{loc}）作为付款凭证：{contact}。"));
    w
}

fn qr_charged_and_settled(p: &Payment, dropped: bool) -> Words {
    let (what, shown, loc) = (describe_qr(p), shown_by(p), settled_line(p));
    let (amount, when, wallet, app) =
        (money(p.amount_cents), time(p.time), wallet(p.wallet), app_bill(p.wallet));
    let contact = contact(L, p.wallet, &p.records);
    let state = p.bill_state.clone().unwrap_or_else(|| "SUCCESS".to_owned());
    // Where the money of a paid row went: the merchant account, or the 收款码's own account.
    let account = if p.personal {
        format!("{wallet}收款码账户")
    } else {
        format!("{wallet}商户账户")
    };
    let mut w = Words {
        title: format!("顾客已付款：{when} 的 {amount} {wallet}支付成功"),
        explanation: match (p.on_statement, dropped) {
            (true, _) => format!(
                "{what}：收银{shown}，收单机构的对账单（{loc}）里这笔已结算：顾客付款成功，钱随这份对账单结算给本店。"
            ),
            (false, true) => format!(
                "{what}：收银{shown}，但{wallet}账单（{loc}）里这笔是支付成功（{state}）：钱已经从顾客那里付出，进了本店的{account}。这是一笔扫码掉单，不是没付款。"
            ),
            (false, false) => format!(
                "{what}：收银{shown}，{wallet}账单（{loc}）里这笔是支付成功（{state}），钱已经进了本店的{account}。"
            ),
        },
        say_to_customer: vec![
            format!("您的{wallet}付款已成功：{when} 付了 {amount}，我们已经收到，不需要再付一次。"),
            format!("您可以在{app}里看到这笔付款。"),
        ],
        actions: Vec::new(),
    };
    // A personal bill keeps a refunded payment's row and says so in its state.
    if state.contains("退款") {
        w.explanation.push_str(&format!("账单显示这笔后来已退款（{state}）。"));
        w.say_to_customer.push(format!("这笔付款后来已经退款（{state}）。{}", qr_refund_arrival()));
    }
    if dropped {
        w.say_to_customer.push(
            "收银机当时没有拿到支付结果，所以显示失败；钱实际上已经付了，我们也收到了。".to_owned(),
        );
    }
    w.actions
        .push("不要让顾客重新扫码付款；如果已经重新收了一次，把多收的那笔撤销或退款。".to_owned());
    let source = if p.on_statement { "对账单" } else { "账单" };
    w.actions.push(format!("留存{source}这一行（{loc}）作为付款凭证：{contact}。"));
    w
}

fn reversed_not_charged(p: &Payment, covered: Option<(NaiveDate, NaiveDate)>) -> Words {
    if p.channel == Channel::Qr {
        return qr_not_charged(p);
    }
    let (what, shown, amount, when) =
        (describe(p), shown_by(p), money(p.amount_cents), time(p.time));
    let (clearing, covered) = (text::date(p.clearing), covered_range(covered));
    let contact = text::contact_details(L, &p.records);
    Words {
        title: format!("没有扣款：{when} 的 {amount} 终端{shown}，对账单里没有这笔"),
        explanation: format!(
            "{what}：终端{shown}。已加载的收单对账单覆盖清算日 {clearing}（对账单范围 {covered}），里面没有这笔，说明冲正成功，钱没有被扣走，本店也没有收到。"
        ),
        say_to_customer: vec![
            "您的卡没有被扣款：这笔付款没有成功，我们也没有收到钱。".to_owned(),
            "如果您看到扣款或冻结，那是银行的临时冻结，一般几分钟到24小时内自动退回，最长1–3个工作日。".to_owned(),
            pay_again().to_owned(),
        ],
        actions: vec![
            collect_again().to_owned(),
            format!("如果顾客 3 个工作日后仍看到扣款，请他联系发卡行，提供：{contact}。"),
        ],
    }
}

/// A QR payment that took nothing: revoked, closed, failed, or absent from the covering bill.
fn qr_not_charged(p: &Payment) -> Words {
    let (what, shown, amount, when) =
        (describe_qr(p), shown_by(p), money(p.amount_cents), time(p.time));
    let (wallet, app, day) = (wallet(p.wallet), app_bill(p.wallet), text::date(p.bill_day()));
    let contact = contact(L, p.wallet, &p.records);
    Words {
        title: format!("没有扣款：{when} 的 {amount} {wallet}付款没有成功"),
        explanation: match &p.bill_state {
            Some(s) => format!(
                "{what}：收银{shown}，{wallet}账单里这笔订单是「{}」：钱没有被扣走，或已经原路退回，本店也没有收到。",
                bill_state_word(s)
            ),
            None => format!(
                "{what}：收银{shown}。已加载的{wallet}账单覆盖 {day}，里面没有这笔的支付成功记录：顾客没有付款成功，本店也没有收到。"
            ),
        },
        say_to_customer: vec![
            format!("这笔{wallet}付款没有成功，我们没有收到钱。"),
            format!("您可以在{app}里看一下：如果有这笔，会显示为已撤销、已关闭或已退款。"),
            qr_refund_arrival().to_owned(),
            scan_again().to_owned(),
        ],
        actions: vec![
            collect_again().to_owned(),
            format!(
                "如果顾客手机上显示支付成功，请他出示账单详情，在{}按订单号查询：{contact}。",
                platform(L, p.wallet)
            ),
        ],
    }
}

fn not_yet_settled(
    p: &Payment,
    after: Option<NaiveDate>,
    due: bool,
    covered: Option<(NaiveDate, NaiveDate)>,
    escalate: Option<NaiveDate>,
) -> Words {
    if p.channel == Channel::Qr {
        return qr_not_yet_settled(p, after, due);
    }
    let (what, shown, amount, when) =
        (describe(p), shown_by(p), money(p.amount_cents), time(p.time));
    let (after, clearing, covered) =
        (text::date(after), text::date(p.clearing), covered_range(covered));
    let contact = text::contact_details(L, &p.records);
    let (title, load, say, action) = if due {
        (
            format!(
                "还不能确定：{when} 的 {amount} 终端{shown}，清算日期 {clearing} 的对账单现在应该已经可以下载，请下载后再查"
            ),
            format!(
                "这份对账单 {after} 起就应该能下载，现在已经过了这一天：请现在下载清算日期 {clearing} 的对账单再查一次；如果收单机构仍没有提供，就是迟了，请向收单机构要。"
            ),
            "我们会尽快核对银行对账单，再告诉您结果，请留下联系方式。".to_owned(),
            format!(
                "现在下载清算日期 {clearing} 的收单对账单（{after} 起就应该能下载），和终端流水一起再查一次；下载不到就向收单机构要。"
            ),
        )
    } else {
        (
            format!("还不能确定：{when} 的 {amount} 终端{shown}，请 {after} 之后再查"),
            format!("请在 {after} 之后加载清算日期 {clearing} 的对账单再查一次。"),
            format!("我们会在 {after} 之后核对银行对账单，再告诉您结果，请留下联系方式。"),
            format!("{after} 之后下载清算日期 {clearing} 的收单对账单，和终端流水一起再查一次。"),
        )
    };
    let mut say_to_customer = if p.shown_approved() {
        vec!["终端显示您的付款已成功，不需要再付一次；款项还在银行清算中。".to_owned()]
    } else {
        vec![
            "这笔付款的结果银行还在确认中，请先不要重复付款。".to_owned(),
            "如果最终没有扣款成功，被冻结的钱一般几分钟到24小时内自动退回，最长1–3个工作日。"
                .to_owned(),
        ]
    };
    say_to_customer.push(say);
    let mut actions = vec![action];
    if let Some(esc) = escalate {
        actions.push(format!("已过 {esc} 仍无结果：直接联系收单机构查询，提供：{contact}。"));
    }
    Words {
        title,
        explanation: format!(
            "{what}：终端{shown}。这笔的清算日期是 {clearing}，已加载的收单对账单覆盖 {covered}，还不包括这一天，所以还不能确定钱有没有扣走。{load}"
        ),
        say_to_customer,
        actions,
    }
}

fn qr_not_yet_settled(p: &Payment, after: Option<NaiveDate>, due: bool) -> Words {
    let (what, shown, amount, when) =
        (describe_qr(p), shown_by(p), money(p.amount_cents), time(p.time));
    let (wallet, app, day, next) =
        (wallet(p.wallet), app_bill(p.wallet), text::date(p.bill_day()), text::date(after));
    let (title, say, action) = if due {
        (
            format!(
                "还不能确定：{when} 的 {amount} {wallet}付款收银{shown}，{wallet} {day} 的账单现在应该已经可以下载，请下载后再查"
            ),
            format!("我们会尽快核对{wallet}账单，再告诉您结果，请留下联系方式。"),
            format!("现在下载{wallet} {day} 的账单（{next} 起就可以下载），再查一次。"),
        )
    } else {
        (
            format!(
                "还不能确定：{when} 的 {amount} {wallet}付款收银{shown}，请 {next} 账单出来后再查"
            ),
            format!("我们会在 {next} 核对{wallet}账单后告诉您结果，请留下联系方式。"),
            format!("{next} 上午 9–10 点之后下载{wallet} {day} 的账单，再查一次。"),
        )
    };
    Words {
        title,
        explanation: format!(
            "{what}：收银{shown}。顾客可能还在输密码，钱可能已经付了。已加载的{wallet}账单不包括 {day}，所以还不能确定。{wallet} {day} 的账单在 {next} 上午 9–10 点后可以下载。"
        ),
        say_to_customer: vec![
            "这笔付款的结果还在确认中，请先不要重复扫码付款。".to_owned(),
            format!("请看一下{app}：如果这笔显示支付成功，就是已经付了。"),
            say,
        ],
        actions: vec![
            format!("马上在收银机上查询这笔订单，或在{}按商户订单号查询。", platform(L, p.wallet)),
            action,
        ],
    }
}

fn approved_not_settled(p: &Payment, covered: Option<(NaiveDate, NaiveDate)>) -> Words {
    if p.channel == Channel::Qr {
        return qr_approved_not_settled(p);
    }
    let (what, shown, amount, when) =
        (describe(p), shown_by(p), money(p.amount_cents), time(p.time));
    let (clearing, covered) = (text::date(p.clearing), covered_range(covered));
    let contact = text::contact_details(L, &p.records);
    Words {
        title: format!("终端成功但未结算：{when} 的 {amount}"),
        explanation: format!(
            "{what}：终端{shown}，但覆盖清算日 {clearing} 的收单对账单（{covered}）里没有这笔。顾客很可能已经付款，钱却没有结算给本店（短款）。"
        ),
        say_to_customer: vec!["终端显示您的付款已成功，不需要再付一次。".to_owned()],
        actions: vec![format!("联系收单机构，问这笔为什么没有结算，提供：{contact}。")],
    }
}

/// As analyze's order_not_paid: the till's word alone proves no payment. The customer may not
/// have paid (a till marked paid by hand), or paid another code or merchant id.
fn qr_approved_not_settled(p: &Payment) -> Words {
    let (what, shown, amount, when) =
        (describe_qr(p), shown_by(p), money(p.amount_cents), time(p.time));
    let (m, day, contact) = (p.wallet, text::date(p.bill_day()), contact(L, p.wallet, &p.records));
    let (wallet, app, platform) = (wallet(m), app_bill(m), platform(L, m));
    let number = if m == Some(PayMethod::Wechat) { "交易单号" } else { "订单号" };
    Words {
        title: format!(
            "收银显示已付款，但账单里没有：{when} 的 {amount} {wallet}付款，先查商户平台"
        ),
        explanation: format!(
            "{what}：收银{shown}，但覆盖 {day} 的{wallet}账单里没有这笔的成功付款。收银的记录不能证明钱已经付了：可能顾客实际没有付款成功（收银被手工标为已付），也可能钱付到了别的收款码或商户号。先在{platform}按订单号查清，再答复顾客。"
        ),
        say_to_customer: vec![format!(
            "我们需要先核对一下这笔付款。请给我们看一下{app}里这笔付款的详情（时间、金额、{number}），我们查清后告诉您结果。"
        )],
        actions: vec![
            format!(
                "先在{platform}按商户订单号查询这笔；查清之前，不要告诉顾客已经收到，也不要让顾客再付一次。"
            ),
            "如果平台和顾客手机上都查不到成功付款：顾客实际没有付款，请顾客补付。".to_owned(),
            format!(
                "如果平台或顾客手机上显示已付款，联系{wallet}客服（或服务商）查明为什么账单里没有，提供：{contact}。"
            ),
        ],
    }
}

fn declined(p: &Payment) -> Words {
    if p.channel == Channel::Qr {
        return qr_not_charged(p);
    }
    let (what, shown, amount, when) =
        (describe(p), shown_by(p), money(p.amount_cents), time(p.time));
    Words {
        title: format!("被拒绝，没有扣款：{when} 的 {amount} 终端{shown}"),
        explanation: format!("{what}：终端{shown}。银行已经明确拒绝了这笔交易，钱没有被扣走。"),
        say_to_customer: vec![
            format!("这笔付款被银行拒绝了：收银机{shown}，您的卡没有被扣款。"),
            other_card_please().to_owned(),
        ],
        actions: vec![collect().to_owned()],
    }
}

// ---- Two payments ----

fn charged_twice(t: &Twice) -> Words {
    if t.undo.channel == Channel::Qr {
        return qr_charged_twice(t);
    }
    let (undo, keep) = (&t.undo, &t.keep);
    let amount = money(undo.amount_cents);
    let gap = t.gap_secs.map_or_else(|| "—".to_owned(), |s| text::duration(L, s));
    let (undo_when, keep_when) = (time(undo.time), time(keep.time));
    let undo_ids = text::ids(L, &undo.records);
    let contact = text::contact_details(L, &undo.records);
    let (loc_undo, loc_keep) = (settled_line(undo), settled_line(keep));
    Words {
        title: match t.card {
            Some(c) => format!("扣了两次：卡号尾号 {c} 在 {gap} 内被扣了两次 {amount}"),
            None => format!("扣了两次：{gap} 内两次扣款 {amount}"),
        },
        explanation: format!(
            "{}：终端{}；{}：终端{}。两笔都被收单机构结算了（{loc_undo}、{loc_keep}），顾客为一次消费付了两次钱。",
            describe(undo),
            shown_by(undo),
            describe(keep),
            shown_by(keep),
        ),
        say_to_customer: vec![
            format!(
                "您确实被扣了两次 {amount}。我们会退回 {undo_when} 的那一笔，{keep_when} 的那一笔是您这次的付款。"
            ),
            if t.can_void {
                "我们今天就在收银机上撤销这一笔，撤销后一般几分钟内退回，最长1–3个工作日，以您的发卡行为准。".to_owned()
            } else {
                format!(
                    "我们会办理退货，退款一般 3–5 个工作日回到您的卡上（预计 {} 前）。",
                    t.back_by
                )
            },
        ],
        actions: vec![
            if t.can_void {
                format!("今天在结算前，在终端上对这一笔做「撤销」：{undo_ids}。")
            } else {
                format!("这一笔已经结算，在终端或向收单机构做「退货」：{undo_ids}。")
            },
            format!(
                "另一笔（{keep_when}）保留，不要动。记下退款凭证，顾客再问时告诉他：{contact}。"
            ),
        ],
    }
}

fn qr_charged_twice(t: &Twice) -> Words {
    let (undo, keep) = (&t.undo, &t.keep);
    let (m, wallet) = (t.wallet, wallet(t.wallet));
    let amount = money(undo.amount_cents);
    let gap = t.gap_secs.map_or_else(|| "—".to_owned(), |s| text::duration(L, s));
    let (undo_when, keep_when) = (time(undo.time), time(keep.time));
    let undo_ids = order_numbers(L, m, &undo.records);
    let keep_ids = order_numbers(L, m, &keep.records);
    let paid = |p: &Payment| p.bill_state.clone().unwrap_or_else(|| "SUCCESS".to_owned());
    let (undo_state, keep_state) = (paid(undo), paid(keep));
    let states =
        if undo_state == keep_state { undo_state } else { format!("{undo_state} / {keep_state}") };
    let mut explanation = format!(
        "{}：收银{}；{}：收银{}。{wallet}账单里两笔都是支付成功（{states}），",
        describe(undo),
        shown_by(undo),
        describe(keep),
        shown_by(keep),
    );
    explanation.push_str(&match t.payer {
        Some(p) => format!("付款人都是「{p}」：同一位顾客为一次消费付了两次钱。"),
        None => {
            "账单没有写付款人，所以分不清是同一位顾客付了两次，还是两位顾客各付了一次。".to_owned()
        }
    });
    let mut actions = vec![
        format!("退回的是 {undo_when} 的这一笔：{undo_ids}。"),
        t.wallet_undo.clone().unwrap_or_else(|| personal_refund_advice(m, &amount)),
        format!("另一笔（{keep_when}，{keep_ids}）保留，不要动。"),
    ];
    if t.both_approved {
        actions
            .insert(0, "两笔收银都显示成功：先和顾客确认这不是两次单独的消费，再退款。".to_owned());
    } else if t.payer.is_none() {
        actions.insert(
            0,
            "账单没有写付款人：先请顾客出示手机上的两笔付款记录，确认两笔都是他付的，再退款。"
                .to_owned(),
        );
    }
    Words {
        title: format!("扣了两次：{wallet}在 {gap} 内两次扣款 {amount}（重复扫码）"),
        explanation,
        say_to_customer: vec![
            format!(
                "您确实用{wallet}付了两次 {amount}。我们会退回 {undo_when} 的那一笔，{keep_when} 的那一笔是您这次的付款。"
            ),
            qr_refund_arrival().to_owned(),
        ],
        actions,
    }
}

/// How the holder of a personal 收款码 sends a payment back: from the payment's detail page in
/// the app's bill (a personal account has no merchant platform and no till to 撤销 on).
fn personal_refund_advice(m: Option<PayMethod>, amount: &str) -> String {
    format!(
        "用收款的那个账号，在{}里打开这笔收款的详情，点「退款」退回多收的 {amount}；退回的钱立即回到顾客的零钱/余额，银行卡一般 1–3 个工作日。",
        app_bill(m)
    )
}

/// Two settled charges, both approved with no failure before the second: maybe two purchases.
/// `undo` is the first, `keep` the second.
fn two_approved_charges(t: &Twice) -> Words {
    let (first, second) = (&t.undo, &t.keep);
    let amount = money(second.amount_cents);
    let gap = t.gap_secs.map_or_else(|| "—".to_owned(), |s| text::duration(L, s));
    let (first_when, second_when) = (time(first.time), time(second.time));
    let second_ids = text::ids(L, &second.records);
    let (loc_first, loc_second) = (settled_line(first), settled_line(second));
    Words {
        title: match t.card {
            Some(c) => format!(
                "两笔成功的扣款：卡号尾号 {c} 在 {gap} 内付了两次 {amount}，请确认是不是两次消费"
            ),
            None => format!("两笔成功的扣款：{gap} 内两次 {amount}，请确认是不是两次消费"),
        },
        explanation: format!(
            "{}：终端{}；{}：终端{}。两笔都被收单机构结算了（{loc_first}、{loc_second}）。两笔在终端上都显示成功，第二笔之前没有失败或超时：这正是顾客买了两次的样子，不一定是重复扣款。",
            describe(first),
            shown_by(first),
            describe(second),
            shown_by(second),
        ),
        say_to_customer: vec![
            format!(
                "我们的记录里有两笔成功的 {amount}：{first_when} 一笔，{second_when} 一笔，两笔当时都显示付款成功。"
            ),
            "请问您这两次是不是各买了一次东西？我们核对小票和订单后再告诉您怎么处理。".to_owned(),
        ],
        actions: vec![
            "先和顾客确认这是不是两次单独的消费：核对两张小票和收银订单。".to_owned(),
            format!("只有确认顾客只买了一次时，才退回后一笔（当天撤销，隔天退货）：{second_ids}。"),
        ],
    }
}

// ---- Money given back ----

fn voided(
    p: &Payment,
    void_time: Option<NaiveDateTime>,
    void_terminal: Option<&str>,
    void_line: Line,
    pair_listed: bool,
    covered: bool,
) -> Words {
    let (what, amount, when, clearing) =
        (describe(p), money(p.amount_cents), time(p.time), text::date(p.clearing));
    let (void_when, void_terminal, void_loc) =
        (time(void_time), void_terminal.unwrap_or("—"), line(void_line));
    let statement = match (pair_listed, covered) {
        (true, _) => {
            "收单对账单里这笔和它的撤销成对列出，金额互相抵消，不会结算给本店。".to_owned()
        }
        (false, true) => {
            format!("覆盖清算日 {clearing} 的收单对账单里没有这笔：当天撤销的交易不结算给本店。")
        }
        (false, false) => {
            format!("清算日 {clearing} 的收单对账单还没有加载；撤销成功的交易不会结算给本店。")
        }
    };
    Words {
        title: format!("已付款，已撤销：{when} 的 {amount} 付款成功，{void_when} 在终端 {void_terminal} 撤销，钱退回卡上"),
        explanation: format!(
            "{what}：付款成功。{void_when} 在终端 {void_terminal} 做了消费撤销（{void_loc}），撤销的就是这一笔。{statement}这笔钱不在本店，会退回顾客的卡。"
        ),
        say_to_customer: vec![
            format!("您 {when} 付的 {amount} 付款成功了，之后在 {void_when} 撤销了，这笔钱会退回您的卡上。"),
            "撤销的钱由发卡行退回：多数当天就解除冻结或退回，有的银行要 1–3 个工作日，信用卡也可能先显示扣款、再显示一笔退回。".to_owned(),
        ],
        actions: vec![
            "这笔没有需要补收的钱；只有顾客仍要这件商品、又没有另外付过时，才需要重新付款。".to_owned(),
            "不要再撤销或退货：这笔已经撤销，钱会退回顾客。".to_owned(),
            format!("顾客说钱没退回时，给他看撤销记录（{void_loc}），请他联系发卡行。"),
        ],
    }
}

fn refunded(p: &Payment, refunds: &[Refund]) -> Words {
    let (what, amount, when, loc) =
        (describe(p), money(p.amount_cents), time(p.time), settled_line(p));
    let lines = refund_lines(refunds);
    let last_refund = refunds.last().and_then(|r| r.time);
    let refund_when = time(last_refund);
    // A personal bill that says 已全额退款 without a refund row of its own.
    let state = p.bill_state.clone().unwrap_or_default();
    let source = if p.channel == Channel::Qr { "账单" } else { "对账单" };
    Words {
        title: if last_refund.is_some() {
            format!("已退款：{when} 的 {amount} 扣款后，已在 {refund_when} 退回")
        } else {
            format!("已退款：{when} 的 {amount} 扣款后已全额退回")
        },
        explanation: if lines.is_empty() {
            format!(
                "{what}：{source}（{loc}）里这笔已扣款成功，状态是「{state}」：已经全额退回顾客。这笔钱已经不在本店。"
            )
        } else {
            format!(
                "{what}：{source}（{loc}）里这笔已扣款成功；之后全部退回了顾客：{lines}。这笔钱已经不在本店，顾客那边会按原路收到退款。"
            )
        },
        say_to_customer: vec![
            format!("您 {when} 付的 {amount} 已经全额退回给您了。"),
            refund_arrival(p.channel).to_owned(),
        ],
        actions: vec![
            "不要再退一次：这笔已经退过款。".to_owned(),
            "确认这次消费有没有用别的方式付过；没有的话，需要向顾客重新收款。".to_owned(),
            format!(
                "顾客说没收到退款时，给他看退款记录：{}。",
                if lines.is_empty() { loc } else { lines }
            ),
        ],
    }
}

/// A settled charge with refunds that give back part of it: an explanation to append, a line to
/// say.
pub(in crate::check) fn partly_refunded(
    refunds: &[Refund],
    back_cents: i64,
    kept_cents: i64,
    channel: Channel,
) -> Words {
    let (back, kept, lines) = (money(back_cents), money(kept_cents), refund_lines(refunds));
    Words {
        explanation: format!("其中 {back} 后来已经退回（{lines}），实收 {kept}。"),
        say_to_customer: vec![format!("其中 {back} 已经退给您，{}", refund_arrival(channel))],
        ..Words::default()
    }
}

/// A twin of the payment (same amount and payer, minutes apart) was paid too and already
/// refunded: an explanation to append, a line to say, an action.
pub(in crate::check) fn twin_refunded(twin: &Payment, refunds: &[Refund]) -> Words {
    let (amount, when, lines) = (money(twin.amount_cents), time(twin.time), refund_lines(refunds));
    Words {
        explanation: if lines.is_empty() {
            format!("{when} 还有一笔同样的 {amount} 也扣了款，但已经全额退回。")
        } else {
            format!("{when} 还有一笔同样的 {amount} 也扣了款，但已经全额退回（{lines}）。")
        },
        say_to_customer: vec![format!("您 {when} 多付的那一笔 {amount} 已经退回给您了。")],
        actions: vec![format!("{when} 的那一笔已经退过款，不要再退。")],
        ..Words::default()
    }
}

// ---- Additions to a verdict ----

/// A payment by another card minutes after the attempt asked about: a title and explanation to
/// append, a line to say, a first action.
pub(in crate::check) fn other_card(f: &OtherCard) -> Words {
    let other = &f.other;
    let (when, amount, minutes) = (time(other.time), money(other.amount_cents), f.minutes);
    let card = other.card.unwrap_or("—");
    let place = if f.same_terminal {
        "同一台终端上".to_owned()
    } else {
        format!("终端 {} 上", other.terminal_id.unwrap_or("—"))
    };
    Words {
        title: format!("；{minutes} 分钟后另一张卡（尾号 {card}）付了 {amount}，请先问顾客"),
        explanation: format!(
            "另外，{minutes} 分钟后{place}有一笔用另一张卡的付款：{} 用尾号 {card} 的卡支付成功；如果是这位顾客（换了一张卡），就已经付过了。",
            describe(other)
        ),
        say_to_customer: vec![format!(
            "如果您在 {when} 换了尾号 {card} 的卡付款，那一笔已经成功，不需要再付；不是的话，这次消费还需要付款。"
        )],
        actions: vec![format!(
            "先问顾客有没有换卡：{when} 一笔 {amount}用尾号 {card} 的卡支付成功；如果是这位顾客（换了一张卡），就已经付过了，不要再收款；不是的话，才向顾客重新收款。"
        )],
    }
}

/// The answer stands on the approved retry of the attempt asked about: an explanation to put
/// first, a line to say first, a first action, and (cards not comparable) a last action.
pub(in crate::check) fn retried(f: &Retried, cards_unknown: bool) -> Words {
    let (asked, retry) = (&f.asked, &f.retry);
    let (failed_when, retry_when) = (time(asked.time), time(retry.time));
    let outcome = if f.voided {
        "之后这一笔已经撤销，钱会退回卡上"
    } else {
        "这一次没有扣款"
    };
    let mut actions = vec![if f.voided {
        format!("不要再向顾客收款：{failed_when} 那一笔撤销后，{retry_when} 的重新付款已经成功。")
    } else {
        format!("不要再向顾客收款：{failed_when} 那一次失败后，{retry_when} 的重新付款已经成功。")
    }];
    if cards_unknown {
        actions.push(format!(
            "卡号对不上号（有一笔没有卡号）：请和顾客确认 {retry_when} 的那一笔是他付的。"
        ));
    }
    Words {
        explanation: format!(
            "顾客问的那一次，{}：终端{}，{outcome}。{retry_when} 又付了一次（{}），那一次成功了：顾客只付了一次，就是这一笔。",
            describe(asked),
            terminal_shown(asked),
            describe(retry),
        ),
        say_to_customer: vec![if f.voided {
            format!(
                "{failed_when} 那一笔已经撤销，钱会退回您的卡上；您在 {retry_when} 又付了一次，那一次成功了，所以您只付了一次。"
            )
        } else {
            format!(
                "{failed_when} 那一次没有成功，没有扣款；您在 {retry_when} 又付了一次，那一次成功了，所以您只付了一次。"
            )
        }],
        actions,
        ..Words::default()
    }
}

/// The scan took no money and the till has the order paid in cash: a title and explanation to
/// append, a line to say second, a first action.
pub(in crate::check) fn paid_in_cash(c: &Cash) -> Words {
    let (wallet, when, amount) = (wallet(c.scan.wallet), time(c.time), money(c.amount_cents));
    let (order, loc) = (c.order, line(c.line));
    Words {
        title: format!("；这笔订单 {when} 已用现金付了 {amount}，不要再收"),
        explanation: format!(
            "收银里同一订单（收银订单号 {order}）在 {when} 用现金付了 {amount}（{loc}）：{wallet}没有扣款，这笔订单已经用现金付清。"
        ),
        say_to_customer: vec![format!(
            "这笔订单您在 {when} 已经用现金付了 {amount}，已经付清，不需要再付。"
        )],
        actions: vec![format!(
            "不要再向顾客收款：{wallet}没有扣款，收银订单 {order} 在 {when} 已用现金收了 {amount}（{loc}）。"
        )],
    }
}

/// The wallet charged the customer and the till has the order paid in cash too: the title, an
/// explanation to append, and the words to say and do instead of the verdict's.
pub(in crate::check) fn also_in_cash(c: &Cash) -> Words {
    let (m, wallet) = (c.scan.wallet, wallet(c.scan.wallet));
    let (paid, paid_when) = (money(c.scan.amount_cents), time(c.scan.time));
    let (when, amount, order, loc) = (time(c.time), money(c.amount_cents), c.order, line(c.line));
    Words {
        title: format!(
            "付了两次：{paid_when} {wallet}扣款 {paid}，同一订单 {when} 又收了现金 {amount}"
        ),
        explanation: format!(
            "收银里同一订单（收银订单号 {order}）在 {when} 又用现金收了 {amount}（{loc}）：顾客为这笔订单付了两次，{wallet}一次、现金一次，应退回其中一笔。"
        ),
        say_to_customer: vec![
            format!(
                "您这笔订单付了两次：{paid_when} 用{wallet}付了 {paid}，{when} 又付了现金 {amount}。我们会退回其中一笔。"
            ),
            format!("您可以在{}里看到{wallet}的这笔付款。", app_bill(m)),
        ],
        actions: vec![
            format!(
                "顾客付了两次：{wallet} {paid_when} 的 {paid} 已成功，收银订单 {order} 在 {when} 又收了现金 {amount}（{loc}）。退回其中一笔：把现金 {amount} 当面退给顾客，或按下面的办法退回{wallet}那一笔。"
            ),
            c.wallet_undo.clone(),
            "先数一下当天的现金，确认确实多收了这笔现金，再退。".to_owned(),
        ],
    }
}

/// Another payment nearby ended the other way and the card is not known: the one line to say,
/// and a first action.
pub(in crate::check) fn ask_which_first(f: &AskWhich) -> Words {
    let when = f.time.map_or_else(String::new, |t| t.format("%H:%M:%S").to_string());
    let whose = match (f.card, f.wallet) {
        (Some(card), _) => format!("尾号 {card} 的卡"),
        (None, Some(w)) => crate::report::labels::pay_method(L, w).to_owned(),
        (None, None) => "另一位顾客".to_owned(),
    };
    let result = label(f.verdict);
    // A scan is told apart by the payer's app, a card by its last four digits.
    let (say, action) = if f.qr {
        (
            "我们先核对一下是哪一笔：请打开付款 App（微信 / 支付宝）看一下这笔记录的时间和状态。",
            format!(
                "先别下结论：{when} 还有一笔同样金额的付款（{whose}，结果：{result}），和这笔结果相反。先请顾客在付款 App 里看这笔记录，确认是哪一笔，再按那一笔处理；确认之前不要让顾客再付，也不要答应退款。"
            ),
        )
    } else {
        (
            "我们先核对一下是哪一笔：请告诉我们付款卡号的后四位。",
            format!(
                "先别下结论：{when} 还有一笔同样金额的付款（{whose}，结果：{result}），和这笔结果相反。先问顾客卡号后四位，确认是哪一笔，再按那一笔处理；确认之前不要让顾客再付，也不要答应退款。"
            ),
        )
    };
    Words { say_to_customer: vec![say.to_owned()], actions: vec![action], ..Words::default() }
}

// ---- Nothing found ----

/// How a payment was made, for a sentence: the wallet, a card (with its last 4), or a scan.
fn method_name(p: &Payment) -> String {
    match (p.wallet, p.card) {
        (Some(m), _) => wallet(Some(m)).to_owned(),
        (None, Some(c)) => format!("银行卡（尾号 {c}）"),
        (None, None) if p.channel == Channel::Qr => "扫码支付".to_owned(),
        (None, None) => "刷卡".to_owned(),
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::TerminalLog => "终端流水",
        Role::AcquirerStatement => "收单对账单",
        Role::BankStatement => "银行流水",
        Role::OrderList => "订单列表",
        Role::WalletBill => "微信/支付宝账单",
    }
}

/// Nothing of that amount near that time: what was searched and what is close.
pub(in crate::check) fn not_found(f: &NotFound) -> Words {
    let q = f.query;
    let (amount, when, w) =
        (money(q.amount_cents), q.time.format("%Y-%m-%d %H:%M"), q.window_minutes.max(0));
    let searched: Vec<String> = f
        .searched
        .iter()
        .map(|s| {
            let role = s.role.map_or("未识别", role_name);
            let range = s.coverage.map_or_else(
                || "无时间范围".to_owned(),
                |c| {
                    format!(
                        "{} 至 {}",
                        c.start.format("%Y-%m-%d %H:%M"),
                        c.end.format("%Y-%m-%d %H:%M")
                    )
                },
            );
            format!("{}（{role}，{range}）", s.file)
        })
        .collect();
    let searched =
        if searched.is_empty() { "（没有文件）".to_owned() } else { searched.join("；") };
    let filters = match (q.card_last4.as_deref(), q.terminal_id.as_deref()) {
        (Some(c), Some(t)) => format!("、卡号尾号 {c}、终端号 {t}"),
        (Some(c), None) => format!("、卡号尾号 {c}"),
        (None, Some(t)) => format!("、终端号 {t}"),
        (None, None) => String::new(),
    };
    let mut explanation = format!("查过的文件：{searched}。");
    if !f.in_range {
        explanation.push_str("这些文件不覆盖这个时间，请加载那一天的终端流水和收单对账单再查。");
    }
    if let Some(first) = &f.closest {
        explanation.push_str(&format!(
            "时间或金额最接近的一笔：{} {}。",
            method_name(first),
            describe(first)
        ));
    }
    let say = match q.wallet {
        Some(wallet) => {
            let m = wallet.pay_method();
            let number = if m == PayMethod::Wechat { "交易单号" } else { "订单号" };
            format!("我们的记录里没有找到这笔付款。请在{}里找到这笔付款，给我们看一下账单详情（时间、金额、{number}），我们再核对。", app_bill(Some(m)))
        }
        None => "我们的记录里没有找到这笔付款。请给我们看一下扣款短信或银行App里的记录（时间、金额、卡号后四位），我们再核对。".to_owned(),
    };
    // Promise the list of close payments only when there is one (issue 13).
    let first = if f.closest.is_some() {
        "和顾客核对金额和时间是否记对了；下面列出了时间或金额接近的交易。"
    } else {
        "和顾客核对金额和时间是否记对了；前后没有时间或金额接近的交易。"
    };
    let mut actions = vec![first.to_owned()];
    if !f.in_range {
        actions.push(format!("加载覆盖 {} 的终端流水和收单对账单，再查一次。", q.time.date()));
    }
    Words {
        title: format!("没有找到：{when} 前后 {w} 分钟内没有 {amount}{filters} 的交易"),
        explanation,
        say_to_customer: vec![say],
        actions,
    }
}

/// `not_found`, but `likely` was paid at that time by another wallet or card, or a few fen off:
/// the title, an explanation to append, the one line to say, a first action.
pub(in crate::check) fn likely(f: &Likely) -> Words {
    let (q, p) = (f.query, &f.pay);
    let (amount, asked_amount) = (money(p.amount_cents), money(q.amount_cents));
    let diff_cents = p.amount_cents - q.amount_cents;
    let (diff, when, how) = (money(diff_cents.abs()), time(p.time), method_name(p));
    let asked_how = match (q.wallet, q.card_last4.as_deref(), q.terminal_id.as_deref()) {
        (Some(w), _, _) => wallet(Some(w.pay_method())).to_owned(),
        (None, Some(c), _) => format!("尾号 {c} 的卡"),
        (None, None, Some(t)) => format!("终端 {t}"),
        (None, None, None) => "所说的方式".to_owned(),
    };
    let app = match p.wallet {
        Some(m @ (PayMethod::Wechat | PayMethod::Alipay)) => app_bill(Some(m)),
        _ => "银行App或扣款短信",
    };
    let ids = text::ids(L, &p.records);
    let q_when = q.time.format("%Y-%m-%d %H:%M");
    if diff_cents == 0 {
        return Words {
            title: format!(
                "{asked_how}里没有 {q_when} 的 {asked_amount}，但{how}在 {when} 有一笔 {amount} 成功付款：可能是这笔"
            ),
            explanation: format!(
                "{asked_how}里没有这笔，但{how}在 {when} 有一笔 {amount} 支付成功（{ids}）：金额和时间都对得上，可能顾客记错了付款方式。"
            ),
            say_to_customer: vec![format!(
                "{asked_how}里没有这笔，但{how}在 {when} 有一笔 {amount} 成功付款：可能是这笔。请在{app}里看一下：如果有这笔，就已经付过了，不需要再付。"
            )],
            actions: vec![format!(
                "先请顾客在{app}里核对：{how} {when} 的 {amount} 支付成功（{ids}），可能就是这笔；如果是，就已经付过了，不要再收款。"
            )],
        };
    }
    Words {
        title: format!(
            "没有 {q_when} 的 {asked_amount}，但{how}在 {when} 有一笔 {amount} 成功付款（相差 {diff}）：可能是这笔"
        ),
        explanation: format!(
            "没有 {asked_amount} 的付款，但{how}在 {when} 有一笔 {amount} 支付成功（{ids}），和说的金额相差 {diff}（相差不超过 1.00 元且不超过金额的 5% 才列出）：可能是这笔，但不能确定是同一笔。"
        ),
        say_to_customer: vec![format!(
            "我们没有找到 {asked_amount} 的付款，但{how}在 {when} 有一笔 {amount} 成功付款，和您说的金额相差 {diff}：可能是这笔。请在{app}里看一下这笔的金额和时间：如果是这笔，就已经付过了，不需要再付。"
        )],
        actions: vec![format!(
            "先请顾客在{app}里核对：{how} {when} 的 {amount} 支付成功（{ids}），和说的 {asked_amount} 相差 {diff}，可能就是这笔，但不能确定；如果是，就已经付过了，不要再收款。"
        )],
    }
}
