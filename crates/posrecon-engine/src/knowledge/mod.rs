//! What the payment world's codes mean, kept as data in one place.
//!
//! A terminal log says "51", "A0", "交易超时" or "USERPAYING"; the engine needs three answers from
//! that: did money move (approved / declined / unknown), what should the cashier or merchant be
//! told, and what kind of cause does it point to. Those answers used to be spread over `match`
//! arms in normalize and wording in diagnose; they now live here as tables, so that the outcome
//! classification (`normalize::classify`), the incident detectors (`diagnose::incidents`) and the
//! finding texts can never disagree about a code.
//!
//! - [`response_codes`]: ISO 8583 field 39 as UnionPay uses it (Q/CUP 006.6-2015 appendix A.2.1,
//!   with the POS handling classes A–E of the terminal specification), plus the reason codes a
//!   terminal puts into its own reversal (冲正) message. Source: the project's domain notes §3.
//! - [`qr_states`]: the order states of WeChat Pay, Alipay and aggregators (拉卡拉 style), for QR
//!   payments taken on the POS. Source: domain notes §1c.
//! - [`file_sources`]: where a merchant downloads each kind of file and what only it decides
//!   (the page's files-needed checklist). Source: domain notes, sources S13–S16, S58–S65.
//!
//! The tables are plain `const` slices: no allocation, usable from `const` contexts, and cheap to
//! look up (a linear scan over ~70 short strings is faster than hashing for this size).

pub mod file_sources;
pub mod qr_states;
pub mod response_codes;

pub use qr_states::{QrState, qr_state, qr_state_or_word};
pub use response_codes::{PosClass, ResponseCode, ReversalReason, response_code, reversal_reason};
