//! The front door of ingest: which reader a file goes to.
//!
//! A file is sorted by its first bytes, never by its name alone: `PK\x03\x04` is a ZIP container
//! (an `.xlsx` workbook when it holds `xl/workbook.xml`, else an archive of statements), `D0 CF 11
//! E0` an OLE2 compound file (legacy `.xls`), `%PDF` a PDF; everything else is decoded as text and
//! then read as 乐刷-style record-type lines, a fixed-width table, or delimited text. The
//! extension only names the format of a text file (`txt` / `csv`). Every reader's records then go
//! to [`super::rows::finish`]; the size limits are in [`super::limits`].

use std::collections::BTreeMap;

use chrono::NaiveDate;
use encoding_rs::Encoding;

use super::limits::too_large;
use super::table::{Context, Ingested, MappingTemplate, Table};
use super::{archive, decode, delimited, fixed_width, rows, sheet};
use crate::accounting::{Input, RowNote};
use crate::message::{FileError, MemberNote, Note};
use crate::model::Role;

/// What the caller decides about reading files.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions<'a> {
    /// Forced roles by file name (for an archive member: `archive.zip/member.csv`).
    pub role_overrides: Option<&'a BTreeMap<String, Role>>,
    /// Forced text encodings by file name (`gbk`, `gb18030`, `utf-8`, `utf-16le`, `big5`, ...).
    pub encoding_overrides: Option<&'a BTreeMap<String, String>>,
    /// Saved column mappings.
    pub templates: &'a [MappingTemplate],
    /// Today, for the year of dates written without one when nothing in the file tells it.
    pub as_of: Option<NaiveDate>,
    /// The file's [`super::sha256_hex`], when the caller already holds it (a large file is then
    /// not hashed twice); computed when `None`.
    pub sha256: Option<&'a str>,
}

/// Reads one file into one [`Ingested`] per table it holds: one for a text file, one per sheet
/// that holds rows, one per readable archive member. Never empty and never fails: a file that
/// cannot be read yields one `Ingested` whose `input.error` (and `input.file_error`) says why.
///
/// In: the file's name (its extension only names a text format; the reader is chosen by the first
/// bytes), its untouched bytes (at most [`MAX_FILE_BYTES`](super::MAX_FILE_BYTES)) and [`ReadOptions`] (forced roles and
/// encodings by file name, saved column mappings, today for dates written without a year). Out,
/// per table: the decoded cells with their line numbers (`table`), the header line found below
/// any preamble, column roles (`amount`, `time`, `rrn` ... by header synonyms, a known layout of
/// `dialect.rs` or a saved mapping), the file's role with a confidence, and the lines
/// skipped so far with their reasons (`input`); [`crate::normalize::run`] turns the rows into
/// records. The one entry of the stage: every host and test reads through it (`ReadOptions::sha256`
/// passes a hash the caller already has).
pub fn read<'a>(name: &str, bytes: &'a [u8], options: &ReadOptions) -> Vec<Ingested<'a>> {
    let sha256 = options.sha256.map_or_else(|| super::sha256_hex(bytes), str::to_owned);
    let mut out = Vec::new();
    read_into(name, bytes, sha256, options, false, &mut out);
    out
}

/// Reads one file (or archive member, `nested`) into `out`, by its first bytes.
fn read_into<'a>(
    name: &str,
    bytes: &'a [u8],
    sha256: String,
    options: &ReadOptions,
    nested: bool,
    out: &mut Vec<Ingested<'a>>,
) {
    let role_override = options.role_overrides.and_then(|m| m.get(name)).copied();
    let ctx = Context { role_override, templates: options.templates, as_of: options.as_of };
    let input = new_input(name, bytes, sha256, role_override);
    if let Some(reason) = too_large(bytes.len() as u64) {
        out.push(failed(input, reason));
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        if archive::is_workbook(bytes) {
            push_sheets(input, sheet::read_xlsx(bytes), "xlsx", &ctx, out);
        } else if nested {
            out.push(failed(input, FileError::NestedArchive));
        } else {
            read_archive(name, bytes, input, options, out);
        }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        push_sheets(input, sheet::read_xls(bytes), "xls", &ctx, out);
    } else {
        out.push(read_text(name, bytes, input, options, &ctx));
    }
}

/// A file that could not be read, and why.
fn failed(mut input: Input, reason: FileError) -> Ingested<'static> {
    input.fail(reason);
    Ingested { input, table: Table::default() }
}

/// Every member of a ZIP archive, read as if uploaded on its own; members that cannot be
/// unpacked are noted on the first table read, or make the archive's error when none is.
fn read_archive(
    name: &str,
    bytes: &[u8],
    input: Input,
    options: &ReadOptions,
    out: &mut Vec<Ingested<'_>>,
) {
    let members = match archive::members(bytes) {
        // An .xlsx is a ZIP inside; a merchant knows it as a workbook, whatever it is called.
        Err(_) if is_workbook_name(name) || is_workbook_start(bytes) => {
            out.push(failed(input, FileError::XlsxDamaged));
            return;
        }
        Err(reason) => {
            out.push(failed(input, reason));
            return;
        }
        Ok(members) => members,
    };
    let before = out.len();
    let mut notes = Vec::new();
    for member in members {
        let member_name = format!("{name}/{}", member.name);
        match member.bytes {
            Ok(member_bytes) => {
                let sha256 = super::sha256_hex(&member_bytes);
                let mut read = Vec::new();
                read_into(&member_name, &member_bytes, sha256, options, true, &mut read);
                // The member's bytes end here; its tables keep their text.
                out.extend(read.into_iter().map(|table| table.into_owned()));
            }
            Err(problem) => notes.push(MemberNote { member: member.name, problem }),
        }
    }
    if out.len() == before {
        let reason = if notes.is_empty() {
            FileError::ArchiveEmpty
        } else {
            FileError::ArchiveUnreadable { members: notes }
        };
        out.push(failed(input, reason));
    } else {
        out[before].input.warnings.extend(notes.into_iter().map(|n| {
            RowNote::new(0, Note::MemberUnreadable { member: n.member, problem: n.problem })
        }));
    }
}

/// A text file: decoded (in the merchant's chosen encoding, if any), then read as a fixed-width
/// or a delimited table.
fn read_text<'a>(
    name: &str,
    bytes: &'a [u8],
    mut input: Input,
    options: &ReadOptions,
    ctx: &Context,
) -> Ingested<'a> {
    let forced = options
        .encoding_overrides
        .and_then(|m| m.get(name))
        .map(|label| Encoding::for_label(label.trim().as_bytes()).ok_or(label));
    let decoded = match forced {
        Some(Err(label)) => Err(FileError::UnknownEncoding { label: label.clone() }),
        Some(Ok(encoding)) => decode::decode_as(bytes, encoding),
        None => decode::decode(bytes),
    };
    let decoded = match decoded {
        Ok(decoded) => decoded,
        Err(reason) => return failed(input, reason),
    };
    input.encoding = Some(decoded.encoding.to_owned());
    if decoded.replaced > 0 {
        let note =
            Note::InvalidBytes { count: decoded.replaced, encoding: decoded.encoding.to_owned() };
        input.warnings.push(RowNote::new(0, note));
    }
    let lower = name.to_lowercase();
    if is_web_page(&decoded.text) {
        return failed(input, web_page_reason(&lower));
    }
    input.format = Some(if lower.ends_with(".txt") { "txt" } else { "csv" }.to_owned());
    let text = delimited::unify_line_breaks(decoded.text);
    if let Some(mut grid) = fixed_width::read(&text) {
        // Its cells have text of their own; the text says which lines are blank.
        grid.cells.set_text(text);
        input.format = Some("fixed_width".to_owned());
        return rows::finish(input, grid, ctx);
    }
    let delimiter = delimited::sniff_delimiter(&text);
    rows::finish(input, delimited::read(text, delimiter), ctx)
}

/// Whether decoded text is an HTML page (web banks export an HTML table named `.xls`): its first
/// markup, after a BOM and blank space, opens a document, an `<html>` or a `<table>`. Read as
/// delimited text it would only say that no header was found, which misleads: the header is there,
/// inside `<td>` cells.
fn is_web_page(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["<!doctype html", "<html", "<table", "<head", "<meta"].iter().any(|p| head.starts_with(p))
}

/// The error a web page gets, naming the extension it was saved under.
fn web_page_reason(lower_name: &str) -> FileError {
    let saved_as = [".xls", ".xlsx", ".csv", ".txt"].iter().find(|ext| lower_name.ends_with(**ext));
    FileError::WebPage { ext: saved_as.map(|ext| (*ext).to_owned()) }
}

/// One `Ingested` per sheet with rows; sheets without a header are noted on the first one.
fn push_sheets(
    input: Input,
    sheets: Result<Vec<sheet::Sheet>, FileError>,
    format: &str,
    ctx: &Context,
    out: &mut Vec<Ingested<'_>>,
) {
    let sheets = match sheets {
        Ok(sheets) => sheets,
        Err(reason) => {
            let mut input = input;
            input.format = Some(format.to_owned());
            input.fail(reason);
            out.push(Ingested { input, table: Table::default() });
            return;
        }
    };
    let mut read: Vec<Ingested> = Vec::new();
    let mut notes: Vec<RowNote> = Vec::new();
    let mut unreadable: Vec<Ingested> = Vec::new();
    for sheet in sheets {
        if sheet.grid.records.is_empty() {
            continue;
        }
        let mut sheet_input = input.clone();
        sheet_input.sheet = Some(sheet.name.clone());
        sheet_input.format = Some(format.to_owned());
        sheet_input.warnings.extend(sheet.notes);
        // A spreadsheet row without cells is blank by construction.
        let ingested = rows::finish(sheet_input, sheet.grid, ctx);
        if ingested.input.header_line.is_some() {
            read.push(ingested);
        } else {
            notes.push(RowNote::new(0, Note::SheetWithoutTable { sheet: sheet.name.clone() }));
            unreadable.push(ingested);
        }
    }
    if read.is_empty() {
        match unreadable.into_iter().next() {
            Some(first) => out.push(first),
            None => {
                let mut input = input;
                input.format = Some(format.to_owned());
                input.fail(FileError::NoSheetRows);
                out.push(Ingested { input, table: Table::default() });
            }
        }
        return;
    }
    read[0].input.warnings.extend(notes);
    out.extend(read);
}

/// A fresh `Input` for a file whose bytes hash to `sha256`, nothing read yet.
pub(crate) fn new_input(
    name: &str,
    bytes: &[u8],
    sha256: String,
    role_override: Option<Role>,
) -> Input {
    Input {
        file: name.to_owned(),
        sheet: None,
        sha256,
        bytes: bytes.len() as u64,
        format: None,
        encoding: None,
        role: role_override,
        role_confidence: if role_override.is_some() { 1.0 } else { 0.0 },
        dialect: None,
        header_line: None,
        data_rows: 0,
        skipped_rows: Vec::new(),
        rejected_rows: Vec::new(),
        coverage: None,
        columns: BTreeMap::new(),
        error: None,
        file_error: None,
        header_signature: None,
        warnings: Vec::new(),
        skipped_ranges: Vec::new(),
        headers: Vec::new(),
        balance_check: None,
        totals_checks: Vec::new(),
        role_doubt: None,
        merchant: Default::default(),
        mapping_preview: None,
    }
}

/// A file named like an Excel workbook (`.xlsx`, `.xlsm`, and `.xls`, which portals put on
/// xlsx files too), whatever its bytes turned out to be.
fn is_workbook_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".xlsx", ".xlsm", ".xls", ".et"].iter().any(|ext| lower.ends_with(ext))
}

/// A ZIP whose first member is an Office document's (`[Content_Types].xml`, `_rels/`,
/// `docProps/`, `xl/`): a workbook cut short is still a workbook to the merchant, not a
/// 压缩包, even when its name says nothing (a download saved without its extension).
fn is_workbook_start(bytes: &[u8]) -> bool {
    // Local file header: signature, 22 bytes of fields, name length (u16 LE) at 26, the name at
    // 30 after the extra-field length.
    let Some(&[lo, hi]) = bytes.get(26..28) else { return false };
    let len = usize::from(u16::from_le_bytes([lo, hi]));
    let Some(first) = bytes.get(30..30 + len) else { return false };
    [&b"[Content_Types].xml"[..], b"_rels/", b"docProps/", b"xl/"]
        .iter()
        .any(|prefix| first.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounting::RowRange;
    use crate::ingest::archive;
    use crate::ingest::complete::{dates_in, scientific};
    use crate::ingest::limits::{MAX_ARCHIVE_MEMBERS, MAX_FILE_BYTES};
    use crate::message::human_size;

    #[test]
    fn scientific_notation() {
        let cases: &[(&str, Option<Result<&str, ()>>)] = &[
            ("6.22848E+18", Some(Err(()))),
            ("6.22848E18", Some(Err(()))),
            ("3.09140500101E+11", Some(Ok("309140500101"))),
            ("8.98440358120014E+14", Some(Ok("898440358120014"))),
            ("1.2E+3", Some(Err(()))),
            ("001001", None),
            ("12.5", None),
            ("1E-3", None),
            ("abcE+1", None),
        ];
        for (cell, expected) in cases {
            let got = scientific(cell);
            assert_eq!(
                got.as_ref().map(|r| r.as_ref().map(String::as_str).map_err(|_| ())),
                *expected,
                "{cell}"
            );
        }
    }

    #[test]
    fn dates_in_free_text() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            dates_in("查询时段：2026-01-01至2026-01-31"),
            vec![d("2026-01-01"), d("2026-01-31")]
        );
        assert_eq!(dates_in("#起始日期：[2026年11月01日 00:00:00]"), vec![d("2026-11-01")]);
        assert_eq!(dates_in("商户号：898440358120014"), vec![]);
        assert_eq!(dates_in("20260131"), vec![d("2026-01-31")]);
    }

    use std::io::Write;

    use crate::ingest::Ingested;

    fn read_one<'a>(name: &str, bytes: &'a [u8]) -> Vec<Ingested<'a>> {
        read(name, bytes, &ReadOptions::default())
    }

    fn error_of(name: &str, bytes: &[u8]) -> String {
        let all = read_one(name, bytes);
        assert_eq!(all.len(), 1);
        all[0].input.error.clone().unwrap_or_default()
    }

    fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in members {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
        buf.into_inner()
    }

    const CSV: &str = "交易时间,交易金额,应答码\n2026-11-09 10:02:11,268.00,00\n";

    #[test]
    fn unreadable_files_say_why_in_one_line() {
        let cases: &[(&str, &[u8], &str)] = &[
            ("empty.csv", b"", "file is empty"),
            ("binary.bin", b"\x00\x01\x02\x03\xff\xfe\x00\x00garbage\x00", "file is not text"),
            ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3", "PDF statements cannot be read"),
            ("book.xlsx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "xlsx workbook is damaged"),
            ("账单.zip", b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "ZIP archive is damaged"),
            (
                "old.xls",
                b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
                "xls workbook is damaged: the file is shorter than its header",
            ),
        ];
        // Web pages under a spreadsheet or text name (web banks export HTML tables as `.xls`),
        // in GBK too; a CSV whose cell mentions <html> further on is still a CSV.
        let html_gbk = encoding_rs::GBK
            .encode(
                "<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'></head>\
                 <body><table><tr><td>交易时间</td><td>贷方发生额</td></tr></table></body></html>",
            )
            .0
            .into_owned();
        let web: &[(&str, &[u8], &str)] = &[
            (
                "明细.xls",
                &html_gbk,
                "this .xls is a web page (HTML) saved under an .xls name: open it in Excel and save it as .xlsx or CSV",
            ),
            (
                "detail.XLS",
                b"\xef\xbb\xbf\r\n  <!DOCTYPE html>\n<html><table><tr><td>x</td></tr></table></html>",
                "this .xls is a web page (HTML)",
            ),
            ("detail.csv", b"<table border=1><tr><td>a</td></tr></table>", "this .csv is a web page"),
            ("detail.htm", b"<HTML><BODY></BODY></HTML>", "this file is a web page (HTML)"),
        ];
        for (name, bytes, reason) in cases.iter().chain(web) {
            let error = error_of(name, bytes);
            assert!(error.starts_with(reason), "{name}: {error}");
            assert!(!error.contains('\n'), "{name}: {error}");
        }
        let csv = "交易时间,交易金额,摘要\n2026-11-09 10:02:11,268.00,<html> in a memo\n";
        assert_eq!(error_of("memo.csv", csv.as_bytes()), "");
        assert_eq!(
            too_large(2 * 1024 * 1024 * 1024).map(|e| e.to_string()).as_deref(),
            Some("file is 2.0 GB; the limit is 512 MB: export a shorter period")
        );
        assert_eq!(too_large(MAX_FILE_BYTES), None);
    }

    #[test]
    fn truncated_xlsx_fails_alone() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "交易时间").unwrap();
        sheet.write_string(0, 1, "交易金额").unwrap();
        sheet.write_string(1, 0, "2026-11-09 10:02:11").unwrap();
        sheet.write_number(1, 1, 268.0).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let whole = read_one("a.xlsx", &bytes);
        assert_eq!(whole[0].table.rows.len(), 1, "{:?}", whole[0].input);
        assert_eq!(whole[0].input.sheet.as_deref(), Some("Sheet1"));
        for cut in [bytes.len() / 2, bytes.len() - 30, 100] {
            let error = error_of("a.xlsx", &bytes[..cut]);
            assert!(error.contains("damaged") || error.contains("cannot"), "{cut}: {error}");
            // Named as the workbook it is, not as a ZIP archive (issue 13), also when the name
            // does not say so: a portal's `.xls` that is an xlsx, a download without extension.
            for name in ["a.xlsx", "历史明细.XLS", "download", "a.zip"] {
                let input = &read_one(name, &bytes[..cut])[0].input;
                let words = input.error_text(crate::config::Lang::Zh).unwrap_or_default();
                assert!(
                    words.contains("工作簿") && !words.contains("压缩包"),
                    "{name} {cut}: {words}"
                );
            }
        }
        // The other files of an analysis are still read.
        let files = [
            crate::config::SourceFile::new("a.xlsx", &bytes[..bytes.len() / 2]),
            crate::config::SourceFile::new("b.csv", CSV.as_bytes()),
        ];
        let inputs = crate::inspect(&files, &crate::config::Options::new(NaiveDate::MIN));
        assert!(inputs[0].error.is_some());
        assert_eq!(inputs[1].data_rows, 1);
    }

    #[test]
    fn archives_members_and_limits() {
        let zip = zip_of(&[
            ("a.csv", CSV.as_bytes()),
            ("dir/b.csv", CSV.as_bytes()),
            ("__MACOSX/._a.csv", b"\x00\x05"),
        ]);
        let all = read_one("month.zip", &zip);
        let names: Vec<&str> = all.iter().map(|i| i.input.file.as_str()).collect();
        assert_eq!(names, ["month.zip/a.csv", "month.zip/dir/b.csv"]);
        assert!(all.iter().all(|i| i.table.rows.len() == 1));

        let many: Vec<(String, &[u8])> =
            (0..=MAX_ARCHIVE_MEMBERS).map(|i| (format!("{i}.csv"), CSV.as_bytes())).collect();
        let refs: Vec<(&str, &[u8])> = many.iter().map(|(n, b)| (n.as_str(), *b)).collect();
        let error = error_of("many.zip", &zip_of(&refs));
        assert_eq!(error, "archive holds more than 200 files; unpack it and upload the statements");

        // A bomb: 8 MiB of zeros in a few KiB, against a 1 MiB limit.
        let zeros = vec![0u8; 8 * 1024 * 1024];
        let bomb = zip_of(&[("zeros.csv", &zeros)]);
        assert!(bomb.len() < 64 * 1024);
        let error = archive::members_within(&bomb, 10, 1024 * 1024).err().unwrap();
        assert_eq!(
            error.to_string(),
            "archive unpacks to more than 1 MB; unpack it and upload the statements one by one"
        );
        let nested = zip_of(&[("inner.zip", &zip)]);
        let error = error_of("outer.zip", &nested);
        assert!(error.contains("an archive inside an archive is not opened"), "{error}");
    }

    #[test]
    fn gbk_that_starts_like_utf8_is_gbk() {
        let mut text = String::from("Date,Amount,Code\n");
        for i in 0..200 {
            text.push_str(&format!("2026-11-09 10:{:02}:{:02},1.00,00\n", i / 60, i % 60));
        }
        text.push_str("2026-11-09 11:00:00,2.00,00,交易成功\n");
        let bytes = encoding_rs::GB18030.encode(&text).0.into_owned();
        assert!(std::str::from_utf8(&bytes[..4000]).is_ok());
        let all = read_one("late.csv", &bytes);
        assert_eq!(all[0].input.encoding.as_deref(), Some("gb18030"));
    }

    #[test]
    fn encoding_override_and_its_warning() {
        let text = "交易时间,交易金额\n2026-11-09 10:02:11,268.00\n";
        let gbk = encoding_rs::GB18030.encode(text).0.into_owned();
        let overrides: BTreeMap<String, String> =
            [("a.csv".to_owned(), "gbk".to_owned())].into_iter().collect();
        let options =
            ReadOptions { encoding_overrides: Some(&overrides), ..ReadOptions::default() };
        let read_gbk = read("a.csv", &gbk, &options);
        assert_eq!(read_gbk[0].input.encoding.as_deref(), Some("gb18030"));
        assert_eq!(read_gbk[0].table.header, ["交易时间", "交易金额"]);
        // UTF-8 bytes forced to GBK: read as asked, and the misfit is reported.
        let forced = read("a.csv", text.as_bytes(), &options);
        assert_eq!(forced[0].input.encoding.as_deref(), Some("gb18030"));
        let big5: BTreeMap<String, String> =
            [("a.csv".to_owned(), "big5".to_owned())].into_iter().collect();
        let as_big5 = read(
            "a.csv",
            &gbk,
            &ReadOptions { encoding_overrides: Some(&big5), ..ReadOptions::default() },
        );
        assert_eq!(as_big5[0].input.encoding.as_deref(), Some("big5"));
        let bad: BTreeMap<String, String> =
            [("a.csv".to_owned(), "klingon".to_owned())].into_iter().collect();
        let unknown = read(
            "a.csv",
            &gbk,
            &ReadOptions { encoding_overrides: Some(&bad), ..ReadOptions::default() },
        );
        assert_eq!(
            unknown[0].input.error.as_deref(),
            Some("unknown encoding 'klingon' chosen for this file")
        );
    }

    #[test]
    fn saved_mapping_templates() {
        // Headers the engine knows nothing about: no header row without a template.
        let text = "Spalte1,Spalte2,Spalte3,Spalte4\n2026-11-09 10:02:11,T01,268.00,ok\n";
        assert!(error_of("x.csv", text.as_bytes()).starts_with("no header row found"));
        let template = MappingTemplate {
            header_signature: "spalte1|spalte2|spalte3|spalte4".to_owned(),
            role: Some(Role::AcquirerStatement),
            columns: [
                ("time", "Spalte1"),
                ("terminal_id", "Spalte2"),
                ("amount", "Spalte3"),
                ("colour", "Spalte4"),
            ]
            .into_iter()
            .map(|(f, h)| (f.to_owned(), h.to_owned()))
            .collect(),
            ..MappingTemplate::default()
        };
        let options =
            ReadOptions { templates: std::slice::from_ref(&template), ..ReadOptions::default() };
        let all = read("x.csv", text.as_bytes(), &options);
        let input = &all[0].input;
        assert_eq!(input.header_signature.as_deref(), Some(template.header_signature.as_str()));
        assert_eq!(input.role, Some(Role::AcquirerStatement));
        assert_eq!(input.role_confidence, 1.0);
        let columns: Vec<String> = input.columns.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(columns, ["amount=Spalte3", "terminal_id=Spalte2", "time=Spalte1"]);
        assert_eq!(input.warnings[0].reason, "saved mapping names an unknown field 'colour'");

        // A template moves one field of a recognised header and keeps the others.
        let known = "交易时间,交易金额,实收金额\n2026-11-09 10:02:11,268.00,266.98\n";
        let sig = read_one("k.csv", known.as_bytes())[0].input.header_signature.clone().unwrap();
        assert_eq!(sig, "交易时间|交易金额|实收金额");
        let fix = MappingTemplate {
            header_signature: sig,
            role: None,
            columns: [("amount".to_owned(), "实收金额".to_owned())].into_iter().collect(),
            ..MappingTemplate::default()
        };
        let options =
            ReadOptions { templates: std::slice::from_ref(&fix), ..ReadOptions::default() };
        let input = &read("k.csv", known.as_bytes(), &options)[0].input;
        assert_eq!(input.columns.get("amount").map(String::as_str), Some("实收金额"));
        assert_eq!(input.columns.get("time").map(String::as_str), Some("交易时间"));
    }

    #[test]
    fn a_million_blank_rows_are_one_note() {
        let mut text = String::from("交易时间,交易金额,应答码\n2026-11-09 10:02:11,268.00,00\n");
        text.push_str(&",,\n".repeat(1_000_000));
        text.push_str("2026-11-09 10:03:11,1.00,00\n");
        let mut all = read_one("blank.csv", text.as_bytes());
        let mut ingested = all.swap_remove(0);
        let records = crate::normalize::run(&mut ingested, 0);
        let input = &ingested.input;
        assert_eq!(records.len(), 2);
        assert!(input.skipped_rows.is_empty());
        assert_eq!(
            input.skipped_ranges,
            [RowRange::new(3, 1_000_002, Note::BlankRows { rows: 1_000_000 })]
        );
        assert_eq!(input.data_rows + input.skipped_count(), 1_000_002);

        // The same in a sheet whose blank rows are formatted cells.
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let format = rust_xlsxwriter::Format::new().set_bold();
        sheet.write_string(0, 0, "交易时间").unwrap();
        sheet.write_string(0, 1, "交易金额").unwrap();
        sheet.write_string(1, 0, "2026-11-09 10:02:11").unwrap();
        sheet.write_number(1, 1, 268.0).unwrap();
        for row in 2..100_000 {
            sheet.write_blank(row, 0, &format).unwrap();
        }
        sheet.write_string(100_000, 0, "2026-11-09 10:03:11").unwrap();
        sheet.write_number(100_000, 1, 1.0).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let input = &read_one("blank.xlsx", &bytes)[0].input;
        assert_eq!(input.skipped_ranges.len(), 1, "{:?}", input.skipped_ranges);
        assert_eq!(input.skipped_count(), 99_998);
    }

    fn records_of(name: &str, text: &str, as_of: Option<NaiveDate>) -> (Input, Vec<String>) {
        let options = ReadOptions { as_of, ..ReadOptions::default() };
        let mut ingested = read(name, text.as_bytes(), &options).swap_remove(0);
        let records = crate::normalize::run(&mut ingested, 0);
        let lines = records
            .iter()
            .map(|r| {
                let time = r.time.map_or("-".to_owned(), |t| t.to_string());
                format!("{time} {:?} {} {:?}", r.txn_type, r.amount_cents, r.outcome)
            })
            .collect();
        (ingested.input, lines)
    }

    #[test]
    fn wallet_bill_states() {
        let text = "交易时间,公众账号ID,商户号,微信订单号,商户订单号,交易类型,交易状态,应结订单金额,退款金额,手续费,订单金额
`2026-11-09 10:15:02,`wx1,`1900000109,`4200001,`A1,`MICROPAY,`SUCCESS,`268.00,`0.00,`1.61,`268.00
`2026-11-09 10:20:45,`wx1,`1900000109,`4200002,`A2,`MICROPAY,`REVOKED,`0.00,`0.00,`0.00,`45.00
`2026-11-09 10:21:00,`wx1,`1900000109,`4200003,`A3,`MICROPAY,`USERPAYING,`0.00,`0.00,`0.00,`45.00
`2026-11-09 17:02:00,`wx1,`1900000109,`4200001,`A1,`MICROPAY,`REFUND,`268.00,`100.00,`-0.60,`268.00
总交易单数,应结订单总金额,退款总金额,手续费总金额
`4,`268.00,`100.00,`1.01
";
        let (input, records) = records_of("1900000109All2026-11-09.csv", text, None);
        assert_eq!(input.dialect.as_deref(), Some("wechat_pay_bill"));
        assert_eq!(input.role, Some(Role::WalletBill));
        assert_eq!(
            records,
            [
                "2026-11-09 10:15:02 Sale 26800 Approved",
                "2026-11-09 10:20:45 Void 4500 Declined",
                "2026-11-09 10:21:00 Sale 4500 Unknown",
                "2026-11-09 17:02:00 Refund 10000 Approved",
            ]
        );
        assert_eq!(input.skipped_rows.len(), 2, "{:?}", input.skipped_rows);
    }

    #[test]
    fn dates_without_year_take_it_from_the_file_or_today() {
        let text = "终端号,凭证号,交易日期,交易时间,交易金额,应答码
30000001,000301,1231,235812,88.00,00
30000001,000001,0101,000130,120.00,00
";
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // Nothing in the file says the year: today decides, across New Year.
        let (_, records) = records_of("log.csv", text, Some(d("2026-01-03")));
        assert_eq!(
            records,
            ["2025-12-31 23:58:12 Sale 8800 Approved", "2026-01-01 00:01:30 Sale 12000 Approved"]
        );
        // No today and no date in the file: the rows say why instead of guessing.
        let (input, records) = records_of("log.csv", text, None);
        assert!(records.is_empty());
        assert_eq!(input.rejected_rows[0].reason, "date '1231' is not a date");
        // A period in the preamble wins over today.
        let with_period = format!("查询时段：2024-12-01 至 2024-12-31\n{text}");
        let (_, records) = records_of("log.csv", &with_period, Some(d("2026-06-01")));
        assert_eq!(records[0], "2024-12-31 23:58:12 Sale 8800 Approved");
        assert_eq!(records[1], "2025-01-01 00:01:30 Sale 12000 Approved");
    }

    #[test]
    fn whole_number_amounts_are_fen_only_on_evidence() {
        // Whole amounts and whole fees: fen (a fee of whole 元 on every row is not a thing).
        let fen = "交易时间,交易金额,手续费
2026-11-09 10:00:00,26800,102
2026-11-09 10:01:00,500,2
2026-11-09 10:02:00,158000,600
";
        let (input, records) = records_of("a.csv", fen, None);
        assert_eq!(records[0], "2026-11-09 10:00:00 Sale 26800 Approved");
        assert!(input.warnings[0].reason.starts_with("amounts read as 分 (fen)"));
        // Whole prices without fees stay 元: a shop selling at round prices.
        let yuan = "交易时间,交易金额,应答码
2026-11-09 10:00:00,268,00
2026-11-09 10:01:00,5,00
2026-11-09 10:02:00,1580,00
";
        let (input, records) = records_of("b.csv", yuan, None);
        assert_eq!(records[0], "2026-11-09 10:00:00 Sale 26800 Approved");
        assert!(input.warnings.is_empty());
        // A header that names 元 is never overruled.
        let named = fen.replace("交易金额,手续费", "交易金额(元),手续费(元)");
        let (_, records) = records_of("c.csv", &named, None);
        assert_eq!(records[0], "2026-11-09 10:00:00 Sale 2680000 Approved");
    }

    #[test]
    fn sizes() {
        assert_eq!(human_size(MAX_FILE_BYTES), "512 MB");
        assert_eq!(human_size(2 * 1024 * 1024 * 1024), "2.0 GB");
        assert_eq!(human_size(1000), "1 KB");
    }
}
