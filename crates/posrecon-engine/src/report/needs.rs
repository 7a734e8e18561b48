//! Which files a run had and which it lacks, as typed facts (issue 13): the page's "files
//! needed" checklist. No words here; they are in `needs/text.rs`, one function per fact, Chinese
//! and English side by side.
//!
//! ## Which roles a shop needs
//!
//! What fits depends on how the shop takes money, read from the files loaded:
//!
//! - a **card shop** (a terminal log or an acquirer statement loaded, or nothing that says
//!   otherwise) needs the terminal log, the acquirer's statement (对账单) and the bank statement;
//! - a **QR shop** (a WeChat Pay / Alipay bill, or a till's order list without any card file)
//!   needs the wallet bills and the bank statement, and the till's order list when no terminal
//!   log holds its scans (the till's payments are then the attempts, `MatchSet::is_till_attempt`);
//!   it needs no terminal log;
//! - a shop with both needs both lists; a role loaded that the list does not name (an order list
//!   beside a card shop's files) is shown as loaded too.
//!
//! A role counts as loaded when at least one of its files was read (no `error`) and is not held
//! back as a guess (`role_doubt`): a held-back file decides nothing until its role is confirmed.
//!
//! ## Findings that wait for a file
//!
//! A `pending_outcome` finding waits for the file that decides it: the acquirer statement for a
//! card attempt, the wallet's bill for a scan (its records' `pay_method`). When that role is not
//! loaded at all, the finding is listed under the missing role, so the page can say "add the
//! acquirer statement" beside the four timeouts it would settle. What each missing file decides
//! and where it is downloaded are reference data, `knowledge::file_sources`.

pub mod text;

use crate::knowledge::file_sources::{self, Decides, Place};
use crate::model::{PayMethod, Role};
use crate::report::{Kind, Report};

/// One role of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleNeed {
    /// The role.
    pub role: Role,
    /// Files of this role read and used (0: missing).
    pub files: usize,
    /// What only a file of this role decides.
    pub decides: Decides,
    /// Where such a file is usually downloaded.
    pub places: &'static [Place],
    /// Findings that wait for this role's file (only while it is missing), by id.
    pub waiting: Vec<String>,
}

impl RoleNeed {
    /// Whether no file of this role was loaded.
    pub fn missing(&self) -> bool {
        self.files == 0
    }
}

/// The checklist of a run: every role that fits the shop, loaded or not, in `Role::ALL` order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needs {
    /// The roles.
    pub roles: Vec<RoleNeed>,
}

impl Needs {
    /// The roles no file was loaded for.
    pub fn missing(&self) -> impl Iterator<Item = &RoleNeed> {
        self.roles.iter().filter(|r| r.missing())
    }
}

/// The checklist of a report, from its inputs and findings.
pub fn needs(report: &Report) -> Needs {
    let files = |role: Role| {
        report
            .inputs
            .iter()
            .filter(|i| i.role == Some(role) && i.error.is_none() && i.role_doubt.is_none())
            .count()
    };
    let has = |role: Role| files(role) > 0;
    let card = has(Role::TerminalLog) || has(Role::AcquirerStatement);
    let qr = has(Role::WalletBill) || (has(Role::OrderList) && !card);
    let card = card || !qr;
    let wanted = |role: Role| match role {
        Role::TerminalLog | Role::AcquirerStatement => card,
        Role::BankStatement => true,
        Role::WalletBill => qr,
        Role::OrderList => qr && !has(Role::TerminalLog),
    };
    let roles = Role::ALL
        .into_iter()
        .filter(|role| wanted(*role) || has(*role))
        .map(|role| {
            let source = file_sources::file_source(role);
            let files = files(role);
            let waiting = if files == 0 { waiting_for(report, role) } else { Vec::new() };
            RoleNeed { role, files, decides: source.decides, places: source.places, waiting }
        })
        .collect();
    Needs { roles }
}

/// Ids of the `pending_outcome` findings the file of `role` would decide.
fn waiting_for(report: &Report, role: Role) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.kind == Kind::PendingOutcome)
        .filter(|f| {
            let scan = f.records.iter().any(|r| {
                matches!(r.pay_method, Some(PayMethod::Wechat | PayMethod::Alipay | PayMethod::Qr))
            });
            let decider = if scan { Role::WalletBill } else { Role::AcquirerStatement };
            decider == role
        })
        .map(|f| f.id.clone())
        .collect()
}

#[cfg(test)]
mod tests;
