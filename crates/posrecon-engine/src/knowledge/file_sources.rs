//! Where a merchant usually downloads each kind of file, and what each one decides, as data.
//!
//! The page's "files needed" checklist (`report::needs`) tells a shop owner which file is
//! missing and where to get it. Those two facts are about the payment world, not about this
//! merchant's files, so they live here with their sources rather than inside the words:
//!
//! - the acquirer's statement (对账单 / 结算明细) and its transaction detail, failures included,
//!   come from the acquirer's merchant portal or its app (通联 S13, 乐刷 S14, 扫呗 S15; an
//!   acquirer's store export S56), published the day after (domain notes §1b "File
//!   availability");
//! - the bank statement (银行流水 / 账户明细) comes from online banking, corporate or personal
//!   (the bank layouts of S58, S39, S59);
//! - WeChat Pay's merchant bill from the WeChat Pay merchant platform (下载交易账单, S16), Alipay's
//!   from the Alipay merchant platform's reconciliation centre (S19, S60, S65);
//! - the till's order list from the cashier system's back office (`README`: cashier systems).
//!
//! Sources are the project's domain notes (`shared/reference/domain.md`, section "Sources").

use crate::model::Role;

/// A place a merchant downloads a file from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// The acquirer's merchant portal or app (商户服务平台): statements and transaction detail.
    AcquirerPortal,
    /// The POS terminal itself (交易查询 / 打印 / 导出) or its provider's back office.
    PosTerminal,
    /// Online or mobile banking (企业网银 / 手机银行): account detail export.
    OnlineBanking,
    /// The WeChat Pay merchant platform (微信支付商户平台, 交易中心 → 账单下载).
    WechatPayPlatform,
    /// The Alipay merchant platform (支付宝商家平台, 对账中心).
    AlipayPlatform,
    /// The cashier system's back office (收银系统后台: 订单 / 支付流水导出).
    CashierBackOffice,
}

/// What a missing file of a role leaves undecided: the question only it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Decides {
    /// Which attempts the terminal showed as failed or timed out (every card finding starts there).
    TerminalResults,
    /// Whether a timeout was charged, and whether an approved sale was settled.
    Charged,
    /// Whether the settled money reached the bank account, in full and on time.
    Deposited,
    /// Whether the till's orders marked paid were paid.
    OrdersPaid,
    /// Whether a WeChat Pay / Alipay scan was paid, and whether twice.
    ScanPaid,
}

/// One role's row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileSource {
    /// The role.
    pub role: Role,
    /// What only this file decides.
    pub decides: Decides,
    /// Where it is usually downloaded, most usual first.
    pub places: &'static [Place],
    /// The sources (ids of the domain notes' "Sources").
    pub sources: &'static str,
}

/// Every role's row, in `Role::ALL` order.
pub const FILE_SOURCES: [FileSource; 5] = [
    FileSource {
        role: Role::TerminalLog,
        decides: Decides::TerminalResults,
        places: &[Place::AcquirerPortal, Place::PosTerminal],
        sources: "S13,S14,S15,S56",
    },
    FileSource {
        role: Role::AcquirerStatement,
        decides: Decides::Charged,
        places: &[Place::AcquirerPortal],
        sources: "S13,S14,S15,S56",
    },
    FileSource {
        role: Role::BankStatement,
        decides: Decides::Deposited,
        places: &[Place::OnlineBanking],
        sources: "S39,S58,S59",
    },
    FileSource {
        role: Role::OrderList,
        decides: Decides::OrdersPaid,
        places: &[Place::CashierBackOffice],
        sources: "README (cashier systems)",
    },
    FileSource {
        role: Role::WalletBill,
        decides: Decides::ScanPaid,
        places: &[Place::WechatPayPlatform, Place::AlipayPlatform],
        sources: "S16,S19,S60,S65",
    },
];

/// The row of `role`.
pub fn file_source(role: Role) -> &'static FileSource {
    let at = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
    &FILE_SOURCES[at]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_its_own_row_in_role_order() {
        for role in Role::ALL {
            assert_eq!(file_source(role).role, role);
            assert!(!file_source(role).places.is_empty());
        }
    }
}
