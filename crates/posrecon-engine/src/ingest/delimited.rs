//! Delimited text (CSV, TSV, `|`- and `;`-separated TXT) -> records with their line numbers.
//!
//! The `csv` crate does the quoting rules; this module adds the two things a reconciliation tool
//! needs on top. First, the delimiter: exports use comma, tab, `|` or `;`, and nothing in the file
//! says which, so it is sniffed as the candidate that splits the most lines into the same number
//! of fields (preamble lines such as "商户名称：…" have fewer fields and must not win). Second, line
//! accounting: `csv` silently drops empty lines, but the report promises that every line below the
//! header is either data, skipped or rejected. Each record's first and last physical line are
//! derived from its byte span, so multi-line quoted cells are one record and every line not covered
//! by a record is known to be a blank line.

use std::borrow::Cow;

use super::table::{Cells, Row, Span};

/// One record as read, with the physical lines it occupies; its cells (as written: quotes
/// removed, nothing trimmed) are in the grid's [`Cells`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based physical line where the record starts.
    pub line: u32,
    /// 1-based physical line where the record ends (differs for multi-line quoted cells).
    pub last_line: u32,
    /// Index of its first cell.
    pub first: u32,
    /// How many cells it has.
    pub len: u32,
}

/// All records of a delimited text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Grid<'t> {
    /// The delimiter used.
    pub delimiter: u8,
    /// Records in file order.
    pub records: Vec<Line>,
    /// Number of physical lines in the text (a final line break does not start a new line).
    pub line_count: u32,
    /// The records' cells, over the decoded text (empty for spreadsheets): a line no record
    /// covers is blank when its text is.
    pub cells: Cells<'t>,
}

impl<'t> Grid<'t> {
    /// A grid of no records over `text`.
    pub(crate) fn over(text: Cow<'t, str>, delimiter: u8, line_count: u32) -> Grid<'t> {
        Grid { delimiter, records: Vec::new(), line_count, cells: Cells::over(text, 0) }
    }

    /// The cells of `record`.
    pub(crate) fn row(&self, record: &Line) -> Row<'_> {
        self.cells.row(record.first, record.len)
    }

    /// Adds a record of cells with their own text.
    pub(crate) fn push<'s>(
        &mut self,
        line: u32,
        last_line: u32,
        cells: impl IntoIterator<Item = &'s str>,
    ) {
        let (first, len) = self.cells.push_row(cells);
        self.records.push(Line { line, last_line, first, len });
    }
}

#[cfg(test)]
impl Grid<'static> {
    /// A grid of `rows`, one a line from line 1.
    pub(crate) fn of_rows<'s, R: IntoIterator<Item = &'s str>>(
        rows: impl IntoIterator<Item = R>,
    ) -> Grid<'static> {
        let mut grid = Grid::over(Cow::Borrowed(""), b',', 0);
        for (i, row) in rows.into_iter().enumerate() {
            grid.push(i as u32 + 1, i as u32 + 1, row);
        }
        grid.line_count = grid.records.len() as u32;
        grid
    }

    /// The cells of every record, as text.
    pub(crate) fn texts(&self) -> Vec<Vec<&str>> {
        self.records.iter().map(|r| self.row(r).iter().collect()).collect()
    }
}

/// Candidate delimiters, in order of preference when scores tie.
const DELIMITERS: [u8; 4] = [b',', b'\t', b'|', b';'];

/// How many records the sniffer looks at.
const SNIFF_RECORDS: usize = 60;

/// Picks the delimiter giving the most records with the same (most common) field count.
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let mut best = (0usize, 0usize, DELIMITERS[0]);
    for delimiter in DELIMITERS {
        let mut counts: Vec<(usize, usize)> = Vec::new(); // (field count, how many records)
        let mut reader = reader(text.as_bytes(), delimiter);
        let mut record = csv::ByteRecord::new();
        let mut seen = 0;
        while seen < SNIFF_RECORDS && matches!(reader.read_byte_record(&mut record), Ok(true)) {
            seen += 1;
            let n = record.len();
            if n < 2 {
                continue;
            }
            match counts.iter_mut().find(|(fields, _)| *fields == n) {
                Some((_, how_many)) => *how_many += 1,
                None => counts.push((n, 1)),
            }
        }
        // The modal count; ties go to the wider layout, which is the table rather than a preamble.
        let Some(&(fields, how_many)) = counts.iter().max_by_key(|(fields, n)| (*n, *fields))
        else {
            continue;
        };
        if (how_many, fields) > (best.0, best.1) {
            best = (how_many, fields, delimiter);
        }
    }
    best.2
}

/// Reads every record with its physical line span. The grid keeps `text`: a cell written as is
/// is a range of it, and only cells that were quoted get text of their own.
pub(crate) fn read(text: Cow<'_, str>, delimiter: u8) -> Grid<'_> {
    let bytes = text.as_bytes();
    // The line of a byte is one more than the line feeds before it (a line feed before a byte
    // of the text never ends the text, so it always opens a line). Records come in file order,
    // so the feeds are counted on from the last byte asked about, one pass over the text in all
    // rather than a table of every line's start; should a position ever go back, the count
    // starts again from the top.
    let mut counted = (0usize, 0usize); // (bytes looked at, line feeds among them)
    let mut line_of = |byte: usize| {
        // Past the end is the last line, as a position there has no line of its own.
        let byte = byte.min(bytes.len().saturating_sub(1));
        if byte < counted.0 {
            counted = (0, 0);
        }
        counted.1 += line_feeds(&bytes[counted.0..byte]);
        counted.0 = byte;
        (counted.1 + 1) as u32
    };
    let mut reader = reader(bytes, delimiter);
    // One record per line is the common case; reserving it spares a million-row file the copies
    // of a growing vector. A file's lines are about as many as its line feeds.
    let feeds = line_feeds(bytes);
    let mut records = Vec::with_capacity(feeds + 1);
    // The cells are ranges of the text, found while csv reads it. A text without quotes has one
    // cell more than delimiters on each line, so that is the room reserved: growing the vector
    // instead (a hundred megabytes at a million rows) copied it and left up to half of it unused.
    let mut spans: Vec<Span> = Vec::with_capacity(count_byte(bytes, delimiter) + feeds + 1);
    let mut arena = String::new();
    let mut record = csv::ByteRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            // With `flexible(true)` and UTF-8 input csv has no error left but I/O, which a byte
            // slice never raises; stop rather than loop if it ever does.
            Ok(false) | Err(_) => break,
        }
        // A record's position can point at the line break that ended the previous record (csv
        // ends a record on '\r' and consumes the '\n' later), so step over line breaks.
        let mut first = record.position().map_or(start, |p| p.byte() as usize);
        while matches!(bytes.get(first), Some(b'\r' | b'\n')) {
            first += 1;
        }
        let end = (reader.position().byte() as usize).max(first + 1);
        let first_cell = spans.len() as u32;
        // A cell is a range of the text where the text holds it as csv read it: fields written
        // without quotes follow each other, one delimiter apart. From the first cell that differs
        // (quoted, or a byte-order mark csv dropped) on, the record's cells are text of their own.
        let mut at = Some(first);
        for field in &record {
            let here = at.filter(|&at| bytes.get(at..at + field.len()) == Some(field));
            match here {
                Some(here) => {
                    spans.push(Span::of_text(here, here + field.len()));
                    at = Some(here + field.len() + 1);
                }
                None => {
                    at = None;
                    spans.push(Span::appended(&mut arena, &String::from_utf8_lossy(field)));
                }
            }
        }
        let line = line_of(first);
        let last_line = line_of(end - 1);
        records.push(Line {
            line,
            last_line,
            first: first_cell,
            len: spans.len() as u32 - first_cell,
        });
    }
    let line_count = line_count(&text);
    Grid { delimiter, records, line_count, cells: Cells::from_parts(text, arena, spans) }
}

/// How many line feeds `bytes` holds. Counted in blocks of 64 bytes whose tally fits a byte, so
/// the compiler compares 16 or 32 bytes at a time; a plain `filter().count()` widened every byte
/// to a word and counted four at a time, and it runs over every byte of every file.
fn line_feeds(bytes: &[u8]) -> usize {
    count_byte(bytes, b'\n')
}

/// How many times `byte` is in `bytes`, counted as [`line_feeds`] says.
fn count_byte(bytes: &[u8], byte: u8) -> usize {
    let mut blocks = bytes.chunks_exact(64);
    let mut found = 0usize;
    for block in &mut blocks {
        found += usize::from(block.iter().map(|&b| u8::from(b == byte)).sum::<u8>());
    }
    found + blocks.remainder().iter().filter(|&&b| b == byte).count()
}

/// Number of physical lines in `text`: one more than its line feeds, except that a line feed at
/// the very end opens no new line.
fn line_count(text: &str) -> u32 {
    let feeds = line_feeds(text.as_bytes());
    let closing = usize::from(text.ends_with('\n'));
    if text.is_empty() { 0 } else { (feeds + 1 - closing) as u32 }
}

/// Byte offsets where each physical line starts. A line break at the very end opens no new line.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' && i + 1 < text.len() {
            starts.push(i + 1);
        }
    }
    if text.is_empty() {
        starts.clear();
    }
    starts
}

/// The text of one physical line (1-based), without its line break: the definition
/// [`PhysicalLines`] implements for many lookups.
#[cfg(test)]
fn physical_line(text: &str, line: u32) -> &str {
    text.split('\n').nth(line.saturating_sub(1) as usize).unwrap_or("").trim_end_matches('\r')
}

/// One physical line of a text by number (1-based, without its line break, "" past the end), for
/// many lookups: the line starts are found once, on the first lookup, so asking for every line of
/// a file costs one pass over it rather than one per line (a file of blank lines was quadratic).
pub(crate) struct PhysicalLines<'a> {
    text: &'a str,
    starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> PhysicalLines<'a> {
    /// The lines of `text`, indexed on first use.
    pub(crate) fn new(text: &'a str) -> Self {
        PhysicalLines { text, starts: std::cell::OnceCell::new() }
    }

    /// Line `line` (1-based; 0 reads as 1) without its line break, or "" past the end.
    pub(crate) fn get(&self, line: u32) -> &'a str {
        let starts = self.starts.get_or_init(|| line_starts(self.text));
        let index = line.saturating_sub(1) as usize;
        let Some(&start) = starts.get(index) else { return "" };
        let end = starts.get(index + 1).map_or(self.text.len(), |next| next - 1);
        let line = &self.text[start..end];
        line.strip_suffix('\n').unwrap_or(line).trim_end_matches('\r')
    }
}

fn reader(text: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text)
}

/// One notion of "line" for csv and the line numbering, the one a spreadsheet shows.
///
/// Old Mac exports end lines with a lone CR: those become LF. In a file whose lines end with LF or
/// CRLF, a lone CR (a stray byte inside a notice or a memo) is not a line end for a spreadsheet,
/// but csv would end a record there and every line number after it would be one off; it becomes
/// a space, which keeps every byte offset.
pub(crate) fn unify_line_breaks(text: Cow<'_, str>) -> Cow<'_, str> {
    // One walk from the first CR finds whether any CR stands alone (a file with no CR at all,
    // the common case, is one search for a byte).
    let bytes = text.as_bytes();
    let Some(first_cr) = text.find('\r') else { return text };
    let lone_cr = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(first_cr..bytes.len()).any(lone_cr) {
        return text;
    }
    if !text.contains('\n') {
        return Cow::Owned(text.replace('\r', "\n"));
    }
    let mut out = text.into_owned().into_bytes();
    for i in 0..out.len() {
        if out[i] == b'\r' && out.get(i + 1) != Some(&b'\n') {
            out[i] = b' ';
        }
    }
    // Only an ASCII byte was replaced by another, so the text is still UTF-8.
    Cow::Owned(String::from_utf8(out).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_delimiters() {
        let cases: &[(&str, &str, u8)] = &[
            ("comma", "a,b,c\n1,2,3\n4,5,6\n", b','),
            (
                "tab with commas inside amounts",
                "金额\t时间\n1,580.00\t10:00\n2,000.00\t11:00\n",
                b'\t',
            ),
            ("pipe", "a|b|c\n1|2|3\n", b'|'),
            ("semicolon", "a;b;c\n1;\"2;5\";3\n", b';'),
            (
                "preamble with commas, table with tabs",
                "商户名称：x,商户号：y\n导出,时间\na\tb\tc\td\n1\t2\t3\t4\n5\t6\t7\t8\n",
                b'\t',
            ),
            ("single column falls back to comma", "abc\ndef\n", b','),
        ];
        for (what, text, expected) in cases {
            assert_eq!(sniff_delimiter(text) as char, *expected as char, "{what}");
        }
    }

    fn spans(text: &str) -> Vec<(u32, u32, usize)> {
        read(text.into(), b',')
            .records
            .iter()
            .map(|r| (r.line, r.last_line, r.len as usize))
            .collect()
    }

    #[test]
    fn line_spans() {
        // (text, [(first line, last line, cells)], physical line count)
        type Case<'a> = (&'a str, &'a [(u32, u32, usize)], u32);
        let cases: &[Case] = &[
            ("a,b\n1,2\n", &[(1, 1, 2), (2, 2, 2)], 2),
            ("a,b\r\n1,2\r\n", &[(1, 1, 2), (2, 2, 2)], 2),
            ("a,b\n\n1,2", &[(1, 1, 2), (3, 3, 2)], 3),
            ("a,b\r\n\r\n\r\n1,2\r\n\r\n", &[(1, 1, 2), (4, 4, 2)], 5),
            ("a,b\n\"x\ny\",2\n\n3,4\n", &[(1, 1, 2), (2, 3, 2), (5, 5, 2)], 5),
            ("a,b\r\n\"x\r\n\r\ny\",2\r\n3,4", &[(1, 1, 2), (2, 4, 2), (5, 5, 2)], 5),
            ("\n\na,b\n", &[(3, 3, 2)], 3),
        ];
        for (text, expected, lines) in cases {
            assert_eq!(spans(text), *expected, "{text:?}");
            assert_eq!(read((*text).into(), b',').line_count, *lines, "{text:?}");
        }
    }

    #[test]
    fn cells_are_what_csv_reads() {
        let texts = [
            "a,b\n1,2\n",
            "\u{feff}交易时间,金额\n2026-11-09,\"1,580.00\"\n",
            "\u{feff}\"交易时间\",金额\n",
            "a,\"x\"\"y\",c\n",
            "\"a\"b,c\nd\"e\"f,\"\"\n",
            "a,b,\n\n,,\n",
            "x\r\ny,\"multi\r\nline\",z\r\n",
            "a\tb\n1\t2",
            "商户,金额\n示例便利店,268.00\n\"示例,便利店\",1.00",
        ];
        for text in texts {
            for delimiter in [b',', b'\t'] {
                let grid = read(text.into(), delimiter);
                let expected: Vec<Vec<String>> = reader(text.as_bytes(), delimiter)
                    .byte_records()
                    .map(|r| r.unwrap().iter().map(|f| String::from_utf8_lossy(f).into()).collect())
                    .collect();
                assert_eq!(grid.texts(), expected, "{text:?}");
            }
        }
    }

    #[test]
    fn only_quoted_cells_have_text_of_their_own() {
        let grid = read("a,b\n1,2\n".into(), b',');
        assert_eq!(grid.cells.own_text(), "");
        // From the first cell that is not written as read on, the record's cells are copied.
        let grid = read("a,\"b,c\",d\n1,2,3\n".into(), b',');
        assert_eq!(grid.cells.own_text(), "b,cd");
        assert_eq!(grid.texts(), [["a", "b,c", "d"], ["1", "2", "3"]]);
    }

    #[test]
    fn physical_lines() {
        let text = "a\r\nb\n\nc";
        let lines: Vec<&str> = (1..=4).map(|n| physical_line(text, n)).collect();
        assert_eq!(lines, ["a", "b", "", "c"]);
        for text in [text, "", "\n", "a\n", "a\n\n", "\r\n\r\nx\r\n", "only", "x\r\n"] {
            let indexed = PhysicalLines::new(text);
            for n in 0..=6 {
                assert_eq!(indexed.get(n), physical_line(text, n), "{text:?} line {n}");
            }
        }
        assert_eq!(unify_line_breaks("a\rb\r".into()), "a\nb\n");
        assert_eq!(unify_line_breaks("a\r\nb".into()), "a\r\nb");
    }

    #[test]
    fn a_lone_cr_in_a_file_with_line_feeds_is_not_a_line_end() {
        // (text, records as (first line, last line, cells) after unify_line_breaks, line count)
        type Case<'a> = (&'a str, &'a [(u32, u32, usize)], u32);
        let cases: &[Case] = &[
            ("a,b\r\nx\ry,2\r\n3,4\r\n", &[(1, 1, 2), (2, 2, 2), (3, 3, 2)], 3),
            ("a,b\r\n\"x\ry\",2\r\n3,4\r\n", &[(1, 1, 2), (2, 2, 2), (3, 3, 2)], 3),
            ("a,b\n1,2\r\r\n3,4\n", &[(1, 1, 2), (2, 2, 2), (3, 3, 2)], 3),
            ("a,b\n1\r,2\n3,4", &[(1, 1, 2), (2, 2, 2), (3, 3, 2)], 3),
            ("a,b\r1,2\r", &[(1, 1, 2), (2, 2, 2)], 2),
        ];
        for (text, expected, lines) in cases {
            let text = unify_line_breaks((*text).into());
            assert_eq!(spans(&text), *expected, "{text:?}");
            assert_eq!(read(text.clone(), b',').line_count, *lines, "{text:?}");
        }
        assert_eq!(unify_line_breaks("a,b\r\nx\ry\r\n".into()), "a,b\r\nx y\r\n");
    }
}
