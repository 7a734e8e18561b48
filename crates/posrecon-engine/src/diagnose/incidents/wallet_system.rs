//! `wallet_system`: one wallet (WeChat Pay or Alipay) failed across the shop's devices while the
//! other wallet worked: the wallet's own system, not the shop's network.
//!
//! ## What it detects
//! Attempts to one wallet whose outcome the wallet never confirmed (the till's 支付中 / 结果未知,
//! the bill's USERPAYING, SYSTEMERROR, 等待付款; Alipay 10003 / 20000), each within
//! [`GAP_MINUTES`] of the previous one, at least [`MIN_FAILURES`] of them, where:
//!
//! - they come from at least [`MIN_PAYERS`] different payers when the bill names payers (one
//!   customer trying again and again is that customer's business);
//! - the wallet approved fewer of its attempts in those minutes than it left unconfirmed;
//! - the other wallet (and cards) did not fail like it: fewer than half as many unconfirmed
//!   attempts in those minutes;
//! - and the shop's link was up: the failures are on two devices or more, or a device that failed
//!   also took a payment of another kind in those minutes.
//!
//! Confidence is highest with both: several devices, and the other wallet approving around them
//! (within [`AROUND_MINUTES`]).
//!
//! ## Why
//! A wallet outage (a 15-minute Alipay incident, a WeChat Pay region fault) looks at the till like
//! a network drop: scans hang in 支付中 and time out. But a lost link fails every kind of payment
//! on one device, while a wallet outage fails one wallet on every device and leaves the other
//! working. The advice differs: nobody should move a router because Alipay was down, and during
//! the outage customers may be charged while the till shows a failure, so every such scan must be
//! looked up before the customer pays again. Declines (PAYERROR, a closed or revoked scan) are the
//! customer's or the cashier's business and do not count: a wallet that is down does not answer.
//!
//! ## What to do
//! Ask customers to pay with the other wallet (or cash) while it lasts; look up every unconfirmed
//! scan in the wallet's merchant platform before charging again; refund double payments; ask the
//! wallet's merchant service to confirm the outage and keep the case number.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Duration;

use super::{Attempts, Codes, Draft, Listed, Span, chains, failed, terminal};
use crate::model::{Outcome, PayMethod};
use crate::report::Cause;

/// Largest gap between two failures of one outage.
pub(crate) const GAP_MINUTES: i64 = 5;
/// Fewest failures that make an outage.
pub(crate) const MIN_FAILURES: usize = 4;
/// Fewest different payers among them, when the bill names payers.
pub(crate) const MIN_PAYERS: usize = 2;
/// How far around the failures the other wallet's approvals are looked at.
pub(crate) const AROUND_MINUTES: i64 = 10;

/// What the attempts around a run say.
struct Around {
    devices: BTreeSet<String>,
    payers: usize,
    own_ok: usize,
    others_ok: usize,
    others_unconfirmed: usize,
    link_up_on_device: bool,
}

/// The wallet left the attempt unconfirmed: no final answer reached the till.
fn unconfirmed(att: &Attempts, idx: usize) -> bool {
    let r = att.record(idx);
    failed(r) && r.outcome == Outcome::Unknown
}

pub(crate) fn detect(att: &Attempts, claimed: &BTreeSet<usize>) -> Vec<Draft> {
    let mut per_wallet: BTreeMap<PayMethod, Vec<usize>> = BTreeMap::new();
    // `unconfirmed`, read from the rows.
    for idx in att.rows.iter().filter(|row| row.failed() && row.unknown()).map(|row| row.idx) {
        if claimed.contains(&idx) {
            continue;
        }
        if let Some(wallet) = att.wallet(idx) {
            per_wallet.entry(wallet).or_default().push(idx);
        }
    }
    let mut out = Vec::new();
    for (wallet, failures) in per_wallet {
        for run in chains(att, &failures, GAP_MINUTES * 60) {
            if run.len() < MIN_FAILURES {
                continue;
            }
            let around = look_around(att, wallet, &run);
            let payers_named = run.iter().filter(|&&i| att.payer(i).is_some()).count();
            if payers_named >= 2 && around.payers < MIN_PAYERS {
                continue; // one customer trying again and again
            }
            if around.own_ok >= run.len() || 2 * around.others_unconfirmed >= run.len() {
                continue;
            }
            let several = around.devices.len() >= 2;
            if !several && !around.link_up_on_device {
                continue; // one device failing alone: its link, for the network detectors
            }
            let confidence = if several && around.others_ok > 0 { 0.85 } else { 0.7 };
            out.push(draft(att, wallet, run, &around, confidence));
        }
    }
    out
}

fn look_around(att: &Attempts, wallet: PayMethod, run: &[usize]) -> Around {
    let start = att.time(run[0]);
    let end = att.time(*run.last().expect("non-empty"));
    let devices: BTreeSet<String> = run
        .iter()
        .filter(|&&i| att.on_device(i))
        .map(|&i| terminal(att.record(i)).to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    let payers: BTreeSet<&str> = run.iter().filter_map(|&i| att.payer(i)).collect();
    let (mut own_ok, mut others_unconfirmed, mut link_up_on_device) = (0, 0, false);
    for &i in att.between(start, end) {
        let approved = att.record(i).outcome == Outcome::Approved;
        let same_wallet = att.wallet(i) == Some(wallet);
        match (same_wallet, approved) {
            (true, true) => own_ok += 1,
            (false, false) if unconfirmed(att, i) => others_unconfirmed += 1,
            (false, true) => {
                link_up_on_device |= devices.contains(terminal(att.record(i)));
            }
            _ => {}
        }
    }
    let around = Duration::minutes(AROUND_MINUTES);
    let others_ok = att
        .between(start - around, end + around)
        .iter()
        .filter(|&&i| att.wallet(i) != Some(wallet) && att.record(i).outcome == Outcome::Approved)
        .count();
    Around {
        devices,
        payers: payers.len(),
        own_ok,
        others_ok,
        others_unconfirmed,
        link_up_on_device,
    }
}

/// What one wallet's unconfirmed payments across devices show.
pub(crate) struct WalletOutage<'a> {
    /// The failing wallet and the other one.
    pub(crate) wallet: PayMethod,
    pub(crate) other: PayMethod,
    pub(crate) span: Span,
    pub(crate) failures: usize,
    /// The devices the failures were on.
    pub(crate) devices: Vec<&'a str>,
    /// Different payers, when the bill names them.
    pub(crate) payers: usize,
    /// The wallet's own completed payments during the run.
    pub(crate) own_ok: usize,
    /// The other wallet's or cards' approvals within [`AROUND_MINUTES`].
    pub(crate) others_ok: usize,
    pub(crate) codes: Codes,
    pub(crate) listed: Listed<'a>,
}

fn draft(
    att: &Attempts,
    wallet: PayMethod,
    members: Vec<usize>,
    around: &Around,
    confidence: f64,
) -> Draft {
    let other = if wallet == PayMethod::Wechat { PayMethod::Alipay } else { PayMethod::Wechat };
    let devices: Vec<&str> = around.devices.iter().map(String::as_str).collect();
    let terminal_ids = if devices.len() >= 2 {
        Vec::new()
    } else {
        devices.iter().map(|d| (*d).to_owned()).collect()
    };
    let facts = WalletOutage {
        wallet,
        other,
        span: att.span(&members),
        failures: members.len(),
        devices,
        payers: around.payers,
        own_ok: around.own_ok,
        others_ok: around.others_ok,
        codes: att.codes(&members),
        listed: att.listed(&members, 10),
    };
    Draft {
        cause: Cause::WalletSystem,
        confidence,
        terminal_ids,
        words: said!(att.langs(), wallet_system(&facts)),
        members,
    }
}
