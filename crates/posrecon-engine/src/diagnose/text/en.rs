//! The English words of the findings and incidents.
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

// (end of incidents)
