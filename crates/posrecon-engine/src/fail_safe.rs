//! No money finding rests on a guess.
//!
//! A misread file is worse than a missing one: a bank statement taken for a terminal log turns
//! every deposit into a "sale" that the acquirer never settled, and the merchant phones the bank
//! about money that was never missing. So a file whose reading is a guess is held back: its rows
//! are not analysed (each is skipped saying why, so nothing disappears), it covers nothing, and
//! the report says which file and why ([`Input::role_doubt`]), until the merchant confirms its
//! role (a role chosen by the merchant, or a saved mapping that names one, is never a guess).
//!
//! A reading is a guess when:
//! - the role detection says so (`low_confidence`, `close_runner_up`: see `ingest::role`);
//! - a bank statement's own running balance contradicts most of its lines (`balance_breaks`):
//!   the amounts or their directions are probably misread, or two exports are mixed up.

use crate::model::{Record, Role};
use crate::report::{Input, RoleDoubt, RowNote};

/// A statement whose balance confirms fewer than half of at least this many lines is a guess.
const BALANCE_MIN_LINES: u64 = 3;

/// Holds back the records of `input` when its reading is a guess (see the module doc).
pub(crate) fn hold_back_guesses(input: &mut Input, records: &mut Vec<Record>) {
    // The merchant chose the role (or a saved mapping did): not a guess.
    if input.role_confidence >= 1.0 {
        input.role_doubt = None;
        return;
    }
    if input.role_doubt.is_none()
        && input.role == Some(Role::BankStatement)
        && let Some(check) = &input.balance_check
        && check.lines >= BALANCE_MIN_LINES
        && check.confirmed * 2 < check.lines
    {
        input.role_doubt = Some(RoleDoubt {
            reason: "balance_breaks".to_owned(),
            runner_up: None,
            detail: format!(
                "the running balance confirms only {} of {} lines: amounts or directions may be misread, or the file mixes two exports",
                check.confirmed, check.lines
            ),
        });
    }
    let Some(doubt) = &input.role_doubt else { return };
    let reason = format!("not analysed until the file's role is confirmed: {}", doubt.detail);
    input
        .skipped_rows
        .extend(records.drain(..).map(|r| RowNote { line: r.line, reason: reason.clone() }));
    input.skipped_rows.sort_by_key(|n| n.line);
    input.data_rows = 0;
    input.coverage = None;
}
