//! Fixed-width text: 银联 merchant reconciliation files and many bank-system reports line their
//! columns up with spaces instead of delimiters.
//!
//! A file is read this way only when delimiters do not explain it (few lines hold a comma, tab,
//! `|` or `;`) and one of its first lines, split on spaces, names at least three known columns.
//! The columns are then found from the data, not guessed from the header alone: a display column
//! is "used" when the header or any full-width data line has a character there, and each run of
//! used columns is a field. Values often spill past their title (`2026-11-09 10:02:11` under
//! `交易时间`), so a run that no title starts is joined to the run before it. Widths are display
//! widths: these files are written in GBK, where a Chinese character takes two columns.
//!
//! Lines are cut at the starts of the fields, so a stray character in a gap (a totals line) stays
//! in a cell instead of disappearing. Lines above the header become one-cell records (the preamble
//! that holds the period); blank lines are left to the caller's accounting.

use super::delimited::Grid;
use super::header::{HEADER_SEARCH_ROWS, header_score};
use super::table::Cell;

/// Known names the header line must hold.
const MIN_KNOWN_TITLES: usize = 3;

/// Reads a fixed-width table, or `None` when the text is not one.
pub(crate) fn read(text: &str) -> Option<Grid<'static>> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let lines = match lines.last() {
        Some(&"") => &lines[..lines.len() - 1],
        _ => &lines[..],
    };
    let non_blank: Vec<&str> =
        lines.iter().copied().filter(|l| !l.trim().is_empty()).take(60).collect();
    let delimited = non_blank.iter().filter(|l| l.contains([',', '\t', '|', ';', '，'])).count();
    if non_blank.is_empty() || delimited * 3 > non_blank.len() {
        return None;
    }
    let header_idx = lines.iter().take(HEADER_SEARCH_ROWS).position(|l| {
        let tokens: Vec<Cell> = l.split_whitespace().map(Cell::from).collect();
        tokens.len() >= MIN_KNOWN_TITLES && header_score(&tokens) >= MIN_KNOWN_TITLES
    })?;
    let header: Vec<char> = lines[header_idx].chars().collect();
    let title_starts = token_starts(&header);
    let data: Vec<Vec<char>> =
        lines[header_idx + 1..].iter().map(|l| l.chars().collect()).collect();
    let widest = data.iter().map(|l| width(l)).max().unwrap_or(0);
    let mut used = occupancy(&header);
    for line in data.iter().filter(|l| width(l) * 2 >= widest && !is_blank(l)) {
        let occupied = occupancy(line);
        if occupied.len() > used.len() {
            used.resize(occupied.len(), false);
        }
        for (u, o) in used.iter_mut().zip(occupied) {
            *u |= o;
        }
    }
    // Field starts: the start of each run of used columns that a title starts in.
    let mut starts: Vec<usize> = Vec::new();
    let mut col = 0;
    while col < used.len() {
        if used[col] && (col == 0 || !used[col - 1]) {
            let end = (col..used.len()).find(|&c| !used[c]).unwrap_or(used.len());
            if starts.is_empty() || title_starts.iter().any(|&t| (col..end).contains(&t)) {
                starts.push(col);
            }
            col = end;
        } else {
            col += 1;
        }
    }
    if starts.len() < MIN_KNOWN_TITLES {
        return None;
    }
    let mut grid = Grid::over(Default::default(), b' ', lines.len() as u32);
    for (idx, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let line_no = idx as u32 + 1;
        let cells = if idx < header_idx {
            vec![Cell::from(line.trim())]
        } else {
            cut(&line.chars().collect::<Vec<_>>(), &starts)
        };
        grid.push(line_no, line_no, cells.iter().map(Cell::as_str));
    }
    Some(grid)
}

fn char_width(c: char) -> usize {
    if c.is_ascii() { 1 } else { 2 }
}

fn width(line: &[char]) -> usize {
    line.iter().map(|&c| char_width(c)).sum()
}

fn is_blank(line: &[char]) -> bool {
    line.iter().all(|c| c.is_whitespace())
}

/// Which display columns hold a character.
fn occupancy(line: &[char]) -> Vec<bool> {
    let mut out = Vec::with_capacity(line.len() * 2);
    for &c in line {
        let used = !c.is_whitespace();
        out.extend(std::iter::repeat_n(used, char_width(c)));
    }
    out
}

/// Display columns where the header's whitespace-separated titles start.
fn token_starts(line: &[char]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut col = 0;
    let mut prev_space = true;
    for &c in line {
        let space = c.is_whitespace();
        if !space && prev_space {
            out.push(col);
        }
        prev_space = space;
        col += char_width(c);
    }
    out
}

/// Cuts a line into cells at the field starts (display columns), trimming each.
fn cut(line: &[char], starts: &[usize]) -> Vec<Cell> {
    let mut cells = vec![String::new(); starts.len()];
    let mut col = 0;
    for &c in line {
        let field = starts.partition_point(|&s| s <= col).saturating_sub(1);
        cells[field].push(c);
        col += char_width(c);
    }
    cells.iter().map(|c| Cell::from(c.trim())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_from_header_and_data() {
        let text = "\
银联商户对账文件  商户代码:898440358120014
交易代码 系统跟踪号 交易传输时间 卡号                交易金额     清算日期
S22      001001     1109100211   621226******8429    000000026800 20261109
S22      001002     1109100540   622848******1234    000000158000 20261109

合计 2 笔
";
        let grid = read(text).expect("fixed width");
        let rows: Vec<(u32, Vec<&str>)> =
            grid.records.iter().map(|r| (r.line, grid.row(r).iter().collect())).collect();
        assert_eq!(rows[0].1, vec!["银联商户对账文件  商户代码:898440358120014"]);
        assert_eq!(
            rows[1].1,
            vec!["交易代码", "系统跟踪号", "交易传输时间", "卡号", "交易金额", "清算日期"]
        );
        assert_eq!(
            rows[2].1,
            vec!["S22", "001001", "1109100211", "621226******8429", "000000026800", "20261109"]
        );
        assert_eq!(rows[4].0, 6);
        assert_eq!(rows[4].1[0], "合计 2 笔");
        assert_eq!(grid.line_count, 6);
    }

    #[test]
    fn delimited_text_is_not_fixed_width() {
        assert!(read("交易时间,交易金额,应答码\n2026-11-09 10:02:11,1.00,00\n").is_none());
        assert!(read("会议纪要\n明天开会\n").is_none());
    }

    #[test]
    fn values_spilling_past_their_title() {
        let text = "\
交易时间            终端号   交易金额 应答码
2026-11-09 10:02:11 10086602   268.00 00
2026-11-09 10:05:40 10086602  1580.00 98
";
        let grid = read(text).expect("fixed width");
        assert_eq!(grid.texts()[1], vec!["2026-11-09 10:02:11", "10086602", "268.00", "00"]);
    }
}
