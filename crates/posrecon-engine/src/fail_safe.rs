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
//!   the amounts or their directions are probably misread, or two exports are mixed up;
//! - the file does not fit the set it came with (`does_not_fit`, [`misfits`]): a terminal log
//!   none of whose sales the settlement covering their days holds, or the other way round. This
//!   one needs the matcher, so it runs after a first match, and the match runs again without the
//!   files it holds back.

use crate::message::Note;
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
    let note = Note::RoleUnconfirmed { detail: doubt.detail.clone() };
    input.skipped_rows.extend(records.drain(..).map(|r| RowNote::new(r.line, note.clone())));
    input.skipped_rows.sort_by_key(|n| n.line);
    input.data_rows = 0;
    input.coverage = None;
}

/// Fewest rows a file must have on days both sides cover before "none of them matched" says the
/// files do not belong together (a quiet day with two or three unmatched sales is a finding, not
/// a misreading).
const MISFIT_MIN_ROWS: usize = 5;

/// Terminal logs and settlement statements that do not make sense with the set they came with:
/// at least [`MISFIT_MIN_ROWS`] of a file's rows fall where the other side's files cover them, and
/// not one of them matched. A terminal log none of whose approved sales is in the settlement
/// covering their days is another shop's log, a misread file, or not a terminal log at all; its
/// "findings" would be a 短款 per sale. Files whose role the merchant chose are left alone.
/// Returns `(input index, why)`.
pub(crate) fn misfits(
    records: &[Record],
    inputs: &[Input],
    set: &crate::matcher::MatchSet,
) -> Vec<(usize, RoleDoubt)> {
    use crate::model::{Outcome, TxnType};
    let mut paired = vec![false; records.len()];
    for pair in &set.pairs {
        paired[pair.terminal] = true;
        paired[pair.acquirer] = true;
    }
    // The terminal-log range of each terminal id met, looked up once per id rather than once per
    // settled row (a chain store's million rows name a hundred terminals).
    let mut ranges: crate::matcher::LookupMap<Option<&str>, Option<_>> = Default::default();
    // Per input: (rows where the other side covers them, of which paired).
    let mut tally: Vec<(usize, usize)> = vec![(0, 0); inputs.len()];
    for (i, r) in records.iter().enumerate() {
        let covered = match r.role {
            Role::TerminalLog => {
                r.txn_type == TxnType::Sale
                    && r.outcome == Outcome::Approved
                    && set.clearing_dates[i]
                        .is_some_and(|d| set.acquirer_coverage.dates.contains(&d))
            }
            Role::AcquirerStatement => {
                r.txn_type == TxnType::Sale
                    && r.time.is_some_and(|t| {
                        let tid = r.terminal_id.as_deref();
                        let range = *ranges
                            .entry(tid)
                            .or_insert_with(|| set.terminal_coverage.range_for(tid));
                        range.is_some_and(|(start, end)| start <= t && t <= end)
                    })
            }
            _ => false,
        };
        if covered && let Some(t) = tally.get_mut(r.file_idx as usize) {
            t.0 += 1;
            t.1 += usize::from(paired[i]);
        }
    }
    tally
        .iter()
        .enumerate()
        .filter(|(idx, (covered, matched))| {
            *covered >= MISFIT_MIN_ROWS && *matched == 0 && inputs[*idx].role_confidence < 1.0
        })
        .map(|(idx, (covered, _))| {
            let other = match inputs[idx].role {
                Some(Role::TerminalLog) => "settlement statements that cover their days",
                _ => "terminal logs that cover their times",
            };
            let doubt = RoleDoubt {
                reason: "does_not_fit".to_owned(),
                runner_up: None,
                detail: format!(
                    "none of its {covered} transactions is in the {other}: a file of another shop, or not the kind of file it looks like"
                ),
            };
            (idx, doubt)
        })
        .collect()
}

/// Holds back the records of the inputs named by [`misfits`], saying why on each of their rows.
pub(crate) fn hold_back_misfits(
    inputs: &mut [Input],
    records: &mut Vec<Record>,
    misfits: Vec<(usize, RoleDoubt)>,
) {
    let held: Vec<usize> = misfits.iter().map(|(idx, _)| *idx).collect();
    let mut kept = Vec::with_capacity(records.len());
    for record in records.drain(..) {
        if held.contains(&(record.file_idx as usize)) {
            // The reason is written below, once the doubt is in place.
            inputs[record.file_idx as usize]
                .skipped_rows
                .push(RowNote::new(record.line, Note::RoleUnconfirmed { detail: String::new() }));
        } else {
            kept.push(record);
        }
    }
    *records = kept;
    for (idx, doubt) in misfits {
        let input = &mut inputs[idx];
        let unwritten = Note::RoleUnconfirmed { detail: String::new() };
        let note = Note::RoleUnconfirmed { detail: doubt.detail.clone() };
        for row in input.skipped_rows.iter_mut().filter(|n| n.note == unwritten) {
            *row = RowNote::new(row.line, note.clone());
        }
        input.skipped_rows.sort_by_key(|n| n.line);
        input.data_rows = 0;
        input.coverage = None;
        input.role_doubt = Some(doubt);
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::analyze;
    use crate::config::{Options, SourceFile};

    fn terminal_log(amounts: &[&str]) -> String {
        let mut text = String::from("交易时间,终端号,凭证号,交易金额,应答码,应答信息\n");
        for (i, amount) in amounts.iter().enumerate() {
            text.push_str(&format!(
                "2026-11-09 1{i}:00:00,10086602,00100{i},{amount},00,交易成功\n"
            ));
        }
        text
    }

    fn settlement(amounts: &[&str]) -> String {
        let mut text = String::from("交易时间,终端号,凭证号,交易金额,手续费,结算金额,清算日期\n");
        for (i, amount) in amounts.iter().enumerate() {
            text.push_str(&format!(
                "2026-11-09 1{i}:00:05,10086602,00200{i},{amount},0.00,{amount},2026-11-09\n"
            ));
        }
        text
    }

    fn run(terminal: &str, acquirer: &str) -> crate::report::Report {
        let files = [
            SourceFile::new("终端.csv", terminal.as_bytes()),
            SourceFile::new("对账单.csv", acquirer.as_bytes()),
        ];
        analyze(&files, &Options::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()))
    }

    #[test]
    fn files_of_two_shops_are_held_back_not_reported() {
        // Six sales on each side, the same day and terminal, not one in common: another shop's
        // statement (or a misread file). Before: six 短款 and six 长款.
        let report = run(
            &terminal_log(&["11.00", "12.00", "13.00", "14.00", "15.00", "16.00"]),
            &settlement(&["21.00", "22.00", "23.00", "24.00", "25.00", "26.00"]),
        );
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        for input in &report.inputs {
            let doubt = input.role_doubt.as_ref().expect("asked");
            assert_eq!(doubt.reason, "does_not_fit", "{}", input.file);
            assert!(doubt.detail.starts_with("none of its "), "{}", doubt.detail);
            assert_eq!(input.data_rows, 0);
            assert_eq!(input.skipped_rows.len(), 6);
        }
    }

    #[test]
    fn one_shop_with_real_gaps_is_reported() {
        // One sale in common: the files belong together, the five others are real findings.
        let report = run(
            &terminal_log(&["11.00", "12.00", "13.00", "14.00", "15.00", "16.00"]),
            &settlement(&["11.00", "22.00", "23.00", "24.00", "25.00", "26.00"]),
        );
        assert!(report.inputs.iter().all(|i| i.role_doubt.is_none()));
        assert!(!report.findings.is_empty());
        // Confirming the roles puts two shops' files to work too: the merchant said so.
        let files = [
            SourceFile::new(
                "终端.csv",
                terminal_log(&["11.00", "12.00", "13.00", "14.00", "15.00", "16.00"]),
            ),
            SourceFile::new(
                "对账单.csv",
                settlement(&["21.00", "22.00", "23.00", "24.00", "25.00", "26.00"]),
            ),
        ];
        let mut options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        options.role_overrides.insert("终端.csv".to_owned(), crate::model::Role::TerminalLog);
        options
            .role_overrides
            .insert("对账单.csv".to_owned(), crate::model::Role::AcquirerStatement);
        let confirmed = analyze(&files, &options);
        assert!(confirmed.inputs.iter().all(|i| i.role_doubt.is_none()));
        assert!(!confirmed.findings.is_empty());
    }
}
