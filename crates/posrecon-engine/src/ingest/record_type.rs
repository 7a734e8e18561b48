//! Record-type files: 乐刷 agent files (`代理商编号_trade_new_日期.txt`) start every line with a
//! record type, `BT` for the title line that names the columns and `BV` for a value line; other
//! types (a file header or trailer such as `BH` / `BS`) carry no transaction.
//!
//! The lines are otherwise delimited text, so the delimited reader reads them and the `BT` line is
//! found as the header like any other; this module only says which lines are not value lines.

use super::table::Row;
use crate::message::Note;

/// Whether a header's first cell names a record-type column (`BT`, or `记录类型` in its text).
pub(crate) fn is_title(first_cell: &str) -> bool {
    first_cell.eq_ignore_ascii_case("BT") || first_cell == "记录类型"
}

/// Why a line of a record-type file is skipped: a repeated title, or another record type.
pub(crate) fn skip_reason(cells: Row) -> Option<Note> {
    let first = crate::cell::text::unwrap_cell(cells.first()?);
    if first.is_empty() || first.eq_ignore_ascii_case("BV") {
        return None;
    }
    if first.eq_ignore_ascii_case("BT") {
        return Some(Note::RepeatedHeader);
    }
    let is_type = first.len() <= 3 && first.bytes().all(|b| b.is_ascii_uppercase());
    is_type.then(|| Note::RecordType { record_type: first.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_types() {
        let reason = |s: &str| {
            let grid = crate::ingest::delimited::Grid::of_rows([s.split(',')]);
            skip_reason(grid.row(&grid.records[0]))
        };
        assert!(is_title("BT") && is_title("记录类型") && !is_title("交易时间"));
        assert_eq!(reason("BV,1,2"), None);
        assert_eq!(reason("BT,编号"), Some(Note::RepeatedHeader));
        let bs = reason("BS,3,1580").unwrap();
        assert_eq!(bs.text(crate::config::Lang::En), "record type 'BS' line (not a transaction)");
        assert_eq!(reason("合计,3"), None);
    }
}
