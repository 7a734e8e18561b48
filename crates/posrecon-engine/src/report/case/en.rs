//! The English words of a case (the sheet and the chat text). Same items as `zh.rs`.

use super::{Ask, BankLine, Case, Channel, Covered, Id, Part, Party, Payout, Words, on_platform};
use crate::config::Lang;
use crate::model::TxnType;
use crate::report::money::money;

pub(super) static WORDS: Words = Words {
    sheet: "Case sheet",
    merchant_name: "Merchant",
    merchant_id: "Merchant ID",
    terminal: "Terminal ID",
    severity: "Severity",
    settlement_dates: "Clearing dates",
    expected_deposit: "Expected deposit",
    as_of: "As of",
    request: "Request",
    transactions: "Transactions (only those of this case)",
    payout: "Settlement",
    bank: "Bank statement checked",
    how_found: "How this was found",
    terminal_said: "Terminal / till said",
    sources: "Lines",
    no_bank_line: "no matching credit",
    card_note: "Card numbers show the first 6 and last 4 digits only.",
    footer: "Generated locally by posrecon from the merchant's own statement files; nothing was uploaded. Amounts in CNY (yuan).",
    merchant_id_short: "MID",
    label,
    short,
    chat_head: |id| format!("[{id}] "),
    line: |n| format!("line {n}"),
    money: |cents| money(Lang::En, cents),
    part,
    request_line,
    also_lines,
    payout_line,
    bank_line,
    covered,
    more: |n| format!("and {n} more, see the full report or the CSV"),
};

fn party(p: Party) -> &'static str {
    match p {
        Party::Acquirer => "the acquirer",
        Party::Bank => "the bank",
        Party::Wechat => "WeChat Pay",
        Party::Alipay => "Alipay",
        Party::PosProvider => "the POS provider",
        Party::Shop => "the shop",
    }
}

fn ask(a: Ask, channel: Channel) -> &'static str {
    let card = channel == Channel::Card;
    match a {
        Ask::ConfirmCharge if card => {
            "confirm this was charged and settled (retrieval request); if the customer got no goods or paid twice, the shop refunds it on its terminal"
        }
        Ask::ConfirmCharge => {
            "look the order up and confirm it was paid; if the customer got no goods or paid again, refund it there"
        }
        Ask::GiveBack if card => {
            "on the original terminal, void the charge to give back (same day, before settlement) or refund it (once settled); keep the other"
        }
        Ask::GiveBack if channel == Channel::OtherQr => {
            "in the payment app or merchant back office, refund the payment to give back; keep the other"
        }
        Ask::GiveBack => "refund the payment to give back and keep the other",
        Ask::GiveBackFallback => {
            "if the terminal cannot void or refund it, refund or adjust the charge to give back"
        }
        Ask::QueryOutcome if card => "look up whether this transaction charged the card",
        Ask::QueryOutcome => {
            "look up the order's payment status; close the order if it is still pending"
        }
        Ask::ClaimSettlement if card => "settle this approved sale the statement left out (claim)",
        Ask::ClaimSettlement => "look the order up: the till says paid, the bill does not list it",
        Ask::TraceSettlement if card => {
            "trace this settled charge the terminal has no record of (retrieval request)"
        }
        Ask::TraceSettlement => {
            "give the order details of this payment so the shop can tell whether it is its own"
        }
        Ask::CheckAmount if card => {
            "confirm the amount (retrieval of the signed voucher); the shop refunds any excess on the original terminal and charges a shortfall as a new sale"
        }
        Ask::CheckAmount => {
            "confirm the order amount; the shop refunds what was charged too much and charges what was too little"
        }
        Ask::SettleUndoing => "settle back this void or refund the statement does not show",
        Ask::TraceDeposit => {
            "trace the payout (transfer record, receiving account): was it held or returned"
        }
        Ask::BankIncoming => {
            "look for a returned or suspended incoming transfer by date and amount"
        }
        Ask::ExplainDeposit => "give the settlement detail of this payout and pay the difference",
        Ask::ExplainDelay => {
            "explain the late payout and confirm the settlement cycle in the contract"
        }
        Ask::RefundFee => {
            "refund the fee charged above the contracted rate and confirm the rate in writing"
        }
        Ask::CheckInShop => "check the till records and how the customer paid",
        Ask::Adjust => "adjust the refunds beyond the sale",
        Ask::CheckTerminal => {
            "check the terminal's network (signal, SIM data, Wi-Fi) for the timeouts"
        }
        Ask::KeepReceipts => {
            "already refunded in full, nothing more to refund: keep the receipts of the sale and of the refund"
        }
    }
}

fn part(p: Part) -> Option<&'static str> {
    match p {
        Part::Subject => None,
        Part::GiveBack => Some("charge to give back"),
        Part::Keep => Some("charge to keep"),
        Part::OriginalSale => Some("sale"),
        Part::Undoing => Some("void / refund"),
    }
}

fn one_request(to: Party, a: Ask, channel: Channel) -> String {
    match to {
        Party::Shop => format!("In the shop: {}.", ask(a, channel)),
        // The wallet's merchant platform is where the shop looks an order up or refunds it.
        Party::Wechat | Party::Alipay if on_platform(a) => {
            format!("On the {} merchant platform: {}.", party(to), ask(a, channel))
        }
        _ => format!("Ask {}: {}.", party(to), ask(a, channel)),
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
    let mut out = format!("clearing date {}", dates.join(", "));
    if let Some(d) = p.expected_deposit_date {
        out.push_str(&format!(", due in the bank {d}"));
    }
    if p.rows > 0 {
        let at_least = if p.rows_capped { "at least " } else { "" };
        let rows = if p.rows == 1 { "row" } else { "rows" };
        out.push_str(&format!(
            ", {at_least}{} settled {rows}, {} gross",
            p.rows,
            money(Lang::En, p.gross_cents)
        ));
    }
    out
}

fn bank_line(b: &BankLine) -> String {
    let when = b.time.map_or_else(|| "—".to_owned(), |t| t.format("%Y-%m-%d %H:%M:%S").to_string());
    let what = if b.txn_type == TxnType::Deposit { "credit" } else { "debit (taken back)" };
    format!("{when} {what} {}", money(Lang::En, b.amount_cents))
}

fn covered(c: &Covered) -> String {
    match c.dates {
        Some((from, to)) => format!("{} ({from} to {to})", c.file),
        None => c.file.clone(),
    }
}

fn label(id: Id) -> &'static str {
    match id {
        Id::Time => "Time",
        Id::Amount => "Amount",
        Id::Terminal => "Terminal ID",
        Id::Batch => "Batch no.",
        Id::Stan => "Voucher no. (trace)",
        Id::Rrn => "Reference no. (RRN)",
        Id::AuthCode => "Auth code",
        Id::Card => "Card",
        Id::SettlementDate => "Clearing date",
        Id::OrderId => "Order no.",
        Id::ChannelOrderId => "Wallet order no.",
    }
}

/// The names acquirers use in English, short enough for a chat.
fn short(id: Id) -> &'static str {
    match id {
        Id::Terminal => "TID",
        Id::Batch => "Batch",
        Id::Stan => "Trace",
        Id::Rrn => "RRN",
        Id::AuthCode => "Auth",
        Id::SettlementDate => "Cleared",
        Id::OrderId => "Order",
        Id::ChannelOrderId => "Wallet no.",
        other => label(other),
    }
}
