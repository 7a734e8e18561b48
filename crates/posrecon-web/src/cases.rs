//! Cases that last (issue 13): every finding is a case the merchant follows until the money
//! arrives, kept in the browser (IndexedDB) and never sent anywhere.
//!
//! This module is pure (native tests): the statuses, the case book the page holds, and how a
//! new analysis updates it. The browser side (IndexedDB) lives in `hooks`/`browser`.
//!
//! Interface pinned for the parallel work on the findings table (filters by status,
//! `data-status` on `finding-row`): [`CaseStatus`], [`CaseStatus::as_str`] and
//! [`CaseBook::status_of`].

use std::collections::BTreeMap;

/// Where the merchant is with a case (the seed's 记录并反馈).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum CaseStatus {
    /// 未处理: nothing done yet.
    #[default]
    Open,
    /// 已联系银行/收单机构: the bank or acquirer has been asked.
    Contacted,
    /// 已退款给顾客: the shop gave the customer's money back.
    Refunded,
    /// 已到账: the money reached the account (set by the merchant, or by a later analysis).
    Arrived,
    /// 已解决: closed for another reason.
    Resolved,
}

impl CaseStatus {
    /// Every status, in the order the selector lists them.
    pub const ALL: [CaseStatus; 5] = [
        CaseStatus::Open,
        CaseStatus::Contacted,
        CaseStatus::Refunded,
        CaseStatus::Arrived,
        CaseStatus::Resolved,
    ];

    /// Stable token: the `data-status` test hook, the `<select>` value and the JSON export.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Open => "open",
            CaseStatus::Contacted => "contacted",
            CaseStatus::Refunded => "refunded",
            CaseStatus::Arrived => "arrived",
            CaseStatus::Resolved => "resolved",
        }
    }

    /// The status a token names (`None` for an unknown token).
    pub fn parse(token: &str) -> Option<CaseStatus> {
        CaseStatus::ALL.into_iter().find(|s| s.as_str() == token)
    }

    /// Whether the case still needs following (shown in 待跟进).
    pub fn is_open(self) -> bool {
        matches!(self, CaseStatus::Open | CaseStatus::Contacted | CaseStatus::Refunded)
    }
}

/// The cases the page knows, by the current report's finding id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseBook {
    /// Status of each current finding whose case the merchant touched (absent = [`CaseStatus::Open`]).
    pub by_finding: BTreeMap<String, CaseStatus>,
}

impl CaseBook {
    /// The status of a current finding's case.
    pub fn status_of(&self, finding_id: &str) -> CaseStatus {
        self.by_finding.get(finding_id).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_untouched_cases_are_open() {
        for s in CaseStatus::ALL {
            assert_eq!(CaseStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(CaseStatus::parse("done"), None);
        let book = CaseBook::default();
        assert_eq!(book.status_of("F0001"), CaseStatus::Open);
        assert!(CaseStatus::Contacted.is_open());
        assert!(!CaseStatus::Arrived.is_open());
    }
}
