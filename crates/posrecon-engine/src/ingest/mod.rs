//! Stage 1: bytes -> a decoded table with its header, column roles and file role.
//!
//! One entry, [`read`]: a file's name and bytes and the caller's [`ReadOptions`] in; one
//! [`Ingested`] per table it holds out (a [`Table`] of [`RawRow`]s and its [`Input`](crate::accounting::Input) accounting,
//! with the columns' [`Field`]s and the detected role). Never empty, never fails.
//!
//! Reading a merchant's statement is mostly about the mess around the data: encodings (GBK or
//! UTF-8 with a BOM), delimiters, a preamble above the header, totals and repeated headers inside
//! the table, and column names that differ by exporter. Each concern has its own module:
//!
//! - `decode`: bytes -> text (BOM, UTF-8, GB18030), refusing binary files with a clear reason;
//! - `delimited`: text -> records with physical line numbers (csv crate plus delimiter sniffing);
//! - `header`: which row is the header, and which column carries which [`Field`];
//! - `role`: terminal log, acquirer statement, bank statement, order list or wallet bill;
//! - `headerless`: known layouts delivered without a header line (扫呗's API file), recognised by
//!   their field count and field shapes; the header they would have is put back as line 0;
//! - `merchant`: the merchant the file names (商户名称, 商户号, a business's 户名) in the lines
//!   above the header and in its columns, into `Input.merchant`.
//!
//! Ingest never fails wholesale. A file it cannot read at all still yields an [`Input`](crate::accounting::Input) whose
//! `error` says why in one line (typed in `file_error`, [`crate::message::FileError`]); inside a readable table, every line below the header ends up in
//! exactly one place: a [`RawRow`] for normalize, `skipped_rows` (blank lines, totals, repeated
//! headers) or `rejected_rows` (rows whose cells cannot be lined up with the header). A record
//! whose quoted cell spans several lines counts once, at its first line.
//!
//! Every format has its own reader producing the same records-with-line-numbers, after which
//! header, role and row accounting apply unchanged (`rows::finish`, then `complete`): `delimited` for text tables,
//! `fixed_width` for column-aligned text (银联-style), `record_type` for 乐刷's BT/BV lines,
//! `sheet` for xlsx and xls workbooks (one table per sheet, line = spreadsheet row), `archive` for
//! ZIP files (one table per member, named `archive.zip/member.csv`). `read` picks the reader from
//! the file's first bytes; `limits` holds the size limits; `table` the types every reader fills.

mod archive;
mod complete;
mod decode;
mod delimited;
mod dialect;
mod fixed_width;
mod header;
mod headerless;
mod limits;
mod merchant;
mod ole2;
mod read;
mod record_type;
mod role;
mod rows;
mod sheet;
mod table;
pub(crate) mod totals;

pub(crate) use dialect::card_bill;
pub(crate) use header::key as header_key;
pub use limits::{MAX_ARCHIVE_MEMBERS, MAX_CELLS, MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES};
pub use read::{ReadOptions, read};
pub use table::{Cell, Cells, Ingested, MappingTemplate, RawRow, Row, Table};

use sha2::{Digest, Sha256};

pub use crate::model::Field;

/// Hex SHA-256 of a file's bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// [`read`] with a forced role, keeping the first table: the tests' shorthand for one CSV.
#[cfg(test)]
pub(crate) fn read_first<'a>(
    name: &str,
    bytes: &'a [u8],
    role: Option<crate::model::Role>,
) -> Ingested<'a> {
    let roles: std::collections::BTreeMap<String, crate::model::Role> =
        role.map(|role| (name.to_owned(), role)).into_iter().collect();
    let options = ReadOptions { role_overrides: Some(&roles), ..ReadOptions::default() };
    read(name, bytes, &options).swap_remove(0)
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::model::Role;
    use crate::normalize::tests::{Enc, check, render};

    #[test]
    fn tab_separated_gbk_txt_with_blank_line_and_bad_amount() {
        let text = "终端流水查询\r\n终端号:30000001\t导出日期:2026-05-12\r\n\r\n\
交易日期\t交易时间\t终端号\t批次号\t流水号\t检索参考号\t卡号\t交易类型\t金额(元)\t响应码\t交易结果\r\n\
2026/05/11\t09:01:02\t30000001\t000005\t000011\t605110000011\t6228480012345678901\t消费\t¥1,200.00\t00\t成功\r\n\
2026/05/11\t11:20:40\t30000001\t000005\t000012\t\t621483******4321\t消费\t88.80\t\t通讯失败\r\n\
\r\n\
2026/05/11\t12:00:00\t30000001\t000005\t000013\t605110000013\t621483******4322\t消费\t12,3x\t00\t成功\r\n\
合计\t\t\t\t\t\t\t\t1,308.80\t\t\r\n";
        check(
            "pos_log.txt",
            text,
            Enc::Gbk,
            expect![[r#"
                pos_log.txt format=txt encoding=gb18030 role=terminal_log (0.95) header_line=4
                columns: amount=金额(元) batch_no=批次号 card=卡号 date=交易日期 response_code=响应码 response_text=交易结果 rrn=检索参考号 stan=流水号 terminal_id=终端号 time_of_day=交易时间 type=交易类型
                coverage: 2026-05-11 09:01:02 .. 2026-05-11 11:20:40
                L5 2026-05-11 09:01:02 Sale 120000 Approved tid="30000001" batch="000005" stan="000011" rrn="605110000011" card="622848*********8901" code="00" text="成功"
                L6 2026-05-11 11:20:40 Sale 8880 Unknown tid="30000001" batch="000005" stan="000012" card="621483******4321" code="" text="通讯失败"
                warn L9: 合计 金额(元) states CNY 1,308.80, the rows read give CNY 1,288.80; they differ by CNY 20.00
                skip L7: blank line
                skip L9: total row
                reject L8: amount '12,3x' is not a number
            "#]],
        );
    }

    #[test]
    fn delimiters_and_line_breaks() {
        // The same table with each delimiter and line break reads the same two records.
        let table = [
            ["交易时间", "终端号", "交易金额", "应答码"],
            ["2026-11-09 10:02:11", "10086602", "268.00", "00"],
            ["2026-11-09 10:05:40", "10086602", "12.50", "98"],
        ];
        let expected = expect![[r#"
            L2 2026-11-09 10:02:11 Sale 26800 Approved tid="10086602" code="00"
            L3 2026-11-09 10:05:40 Sale 1250 Unknown tid="10086602" code="98"
        "#]];
        for delimiter in [",", "\t", "|", ";"] {
            for line_break in ["\n", "\r\n"] {
                let text: String =
                    table.iter().map(|row| row.join(delimiter) + line_break).collect();
                let rendered = render("t.csv", &text, Enc::Utf8, None, 0);
                let records: String = rendered
                    .lines()
                    .filter(|l| l.starts_with('L'))
                    .map(|l| format!("{l}\n"))
                    .collect();
                expected.assert_eq(&records);
            }
        }
    }

    #[test]
    fn utf16_with_bom() {
        let text = "交易时间\t交易金额\t应答码\r\n2026-11-09 10:02:11\t268.00\t00\r\n";
        check(
            "u16.txt",
            text,
            Enc::Utf16LeBom,
            expect![[r#"
            u16.txt format=txt encoding=utf-16le role=terminal_log (0.48) header_line=1
            columns: amount=交易金额 response_code=应答码 time=交易时间
            coverage: 2026-11-09 10:02:11 .. 2026-11-09 10:02:11
            L2 2026-11-09 10:02:11 Sale 26800 Approved code="00"
        "#]],
        );
    }

    #[test]
    fn every_line_below_the_header_is_accounted_for() {
        let text = "\
交易时间,终端号,交易金额,应答码,应答信息

2026-11-09 10:02:11,10086602,268.00,00,交易成功
,,,,
   
交易时间,终端号,交易金额,应答码,应答信息
2026-11-09 10:05:40,10086602,12.50,,\"交易超时
请查询\"
2026-11-09 10:06:40,10086602,13.50,,交易超时,请查询
2026-11-09 10:07:40,10086602,14.50,00
2026-11-09 10:08:40,10086602,15.50,00,交易成功,
第 1 页 共 1 页
小计,,41.50,,
Total,,41.50,,
2026-11-09 10:09:40,10086602,16.50,00,交易成功,x,y
2026-11-09 10:10:40,10086602,1,234.00,00,交易成功
2026-11-09 10:11:40,10086602,abc,def,00,交易成功
";
        expect![[r#"
            log.csv format=csv encoding=utf-8 role=terminal_log (0.95) header_line=1
            columns: amount=交易金额 response_code=应答码 response_text=应答信息 terminal_id=终端号 time=交易时间
            coverage: 2026-11-09 10:02:11 .. 2026-11-09 10:10:40
            L3 2026-11-09 10:02:11 Sale 26800 Approved tid="10086602" code="00" text="交易成功"
            L7 2026-11-09 10:05:40 Sale 1250 Unknown tid="10086602" code="" text="交易超时\n请查询"
            L9 2026-11-09 10:06:40 Sale 1350 Unknown tid="10086602" code="" text="交易超时,请查询"
            L11 2026-11-09 10:08:40 Sale 1550 Approved tid="10086602" code="00" text="交易成功"
            L15 2026-11-09 10:09:40 Sale 1650 Approved tid="10086602" code="00" text="交易成功,x,y"
            L16 2026-11-09 10:10:40 Sale 123400 Approved tid="10086602" code="00" text="交易成功"
            warn L13: 小计 交易金额 states CNY 41.50, the rows read give CNY 309.50; they differ by CNY -268.00
            warn L14: Total 交易金额 states CNY 41.50, the rows read give CNY 1,560.00; they differ by CNY -1,518.50
            skip L2: blank line
            skip L4: empty row
            skip L5: blank line
            skip L6: repeated header row
            skip L12: note line
            skip L13: total row
            skip L14: total row
            reject L10: line has 4 cells but the header has 5; cannot line them up
            reject L17: line has 6 cells but the header has 5; cannot line them up
        "#]]
        .assert_eq(&render("log.csv", text, Enc::Utf8, None, 1));
    }

    /// A notice in the first cell of a padded row is a note wherever it stands below the header,
    /// in a sheet and in a CSV saved from one; the lines are the sheet's row numbers.
    #[test]
    fn a_notice_alone_in_a_padded_row_is_a_note_line() {
        let rows: &[&[&str]] = &[
            &["交易时间", "终端号", "交易金额", "手续费"],
            &["2026-11-09 10:02:11", "10086602", "268.00", "1.61"],
            &["请注意：D1手续费字段为预估数据，以实际结算为准"],
            &["2026-11-09 10:05:40", "10086602", "12.50", "0.08"],
            &["", "", "", "以上数据仅供参考"],
            &["", "", "88.00", ""],
        ];
        let expected = expect![[r#"
            L2 2026-11-09 10:02:11 Sale 26800 Approved fee=161 tid="10086602"
            L4 2026-11-09 10:05:40 Sale 1250 Approved fee=8 tid="10086602"
            skip L3: note line
            skip L5: note line
            reject L6: time is empty
        "#]];
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate().filter(|(_, cell)| !cell.is_empty()) {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
        let bytes = book.save_to_buffer().unwrap();
        let mut ingested = read_first("流水.xlsx", &bytes, Some(Role::AcquirerStatement));
        let records = crate::normalize::run(&mut ingested, 0);
        let mut lines: Vec<String> = records
            .iter()
            .map(|r| {
                format!(
                    "L{} {} {:?} {} {:?} fee={} tid={:?}",
                    r.line,
                    r.time.map_or("-".to_owned(), |t| t.to_string()),
                    r.txn_type,
                    r.amount_cents,
                    r.outcome,
                    r.fee_cents().unwrap_or_default(),
                    r.terminal_id.clone().unwrap_or_default()
                )
            })
            .collect();
        let input = &ingested.input;
        lines.extend(input.skipped_rows.iter().map(|n| format!("skip L{}: {}", n.line, n.reason)));
        lines.extend(
            input.rejected_rows.iter().map(|n| format!("reject L{}: {}", n.line, n.reason)),
        );
        expected.assert_eq(&(lines.join("\n") + "\n"));

        // The same table as Excel saves it to CSV (every row padded with commas).
        let text: String = rows
            .iter()
            .map(|row| {
                let mut cells = row.to_vec();
                cells.resize(4, "");
                cells.join(",") + "\r\n"
            })
            .collect();
        let rendered = render("流水.csv", &text, Enc::Utf8, Some(Role::AcquirerStatement), 0);
        let notes: Vec<&str> = rendered.lines().filter(|l| l.starts_with("skip")).collect();
        assert_eq!(notes, ["skip L3: note line", "skip L5: note line"], "{rendered}");
    }

    /// A stray CR inside a CRLF file is not a line end: the line numbers after it are the ones a
    /// spreadsheet shows.
    #[test]
    fn a_lone_cr_does_not_shift_the_line_numbers() {
        let text = "交易时间,终端号,交易金额,应答码\r\n\
                    2026-11-09 10:02:11,10086602,268.00,00\r\n\
                    请注意：以下为\r预估数据\r\n\
                    2026-11-09 10:05:40,10086602,12.50,00\r\n\
                    2026-11-09 10:06:40,10086602,abc,00\r\n";
        expect![[r#"
            flow.csv format=csv encoding=utf-8 role=terminal_log (0.63) header_line=1
            columns: amount=交易金额 response_code=应答码 terminal_id=终端号 time=交易时间
            coverage: 2026-11-09 10:02:11 .. 2026-11-09 10:05:40
            L2 2026-11-09 10:02:11 Sale 26800 Approved tid="10086602" code="00"
            L4 2026-11-09 10:05:40 Sale 1250 Approved tid="10086602" code="00"
            skip L3: note line
            reject L5: amount 'abc' is not a number
        "#]]
        .assert_eq(&render("flow.csv", text, Enc::Utf8, None, 0));
    }

    #[test]
    fn footer_notes_padded_to_the_header_are_skipped() {
        // A merged footer note exports padded with delimiters to the header's width; a lone
        // amount in one cell is a damaged row, not a note.
        let text = "\
交易日期,摘要,交易金额,余额,对方户名
2026-11-10,POS清算,+1574.00,21574.00,示例收单机构
以上数据仅供参考，具体内容请以柜台为准,,,,
Printed by the branch,,,,
说明,交易明细涉及您的个人隐私,,,
,,268.00,,
";
        let rendered = render("foot.csv", text, Enc::Utf8, None, 0);
        let notes: Vec<&str> =
            rendered.lines().filter(|l| l.starts_with("skip") || l.starts_with("reject")).collect();
        assert_eq!(
            notes,
            [
                "skip L3: note line",
                "skip L4: note line",
                "skip L5: note line",
                "reject L6: date is empty"
            ],
            "{rendered}"
        );
    }

    #[test]
    fn header_with_trailing_delimiter() {
        let text = "交易时间,交易金额,应答码,\n2026-11-09 10:02:11,268.00,00,\n2026-11-09 10:02:12,1.00,00\n";
        check(
            "t.csv",
            text,
            Enc::Utf8,
            expect![[r#"
            t.csv format=csv encoding=utf-8 role=terminal_log (0.48) header_line=1
            columns: amount=交易金额 response_code=应答码 time=交易时间
            coverage: 2026-11-09 10:02:11 .. 2026-11-09 10:02:12
            L2 2026-11-09 10:02:11 Sale 26800 Approved code="00"
            L3 2026-11-09 10:02:12 Sale 100 Approved code="00"
        "#]],
        );
    }

    #[test]
    fn unreadable_files() {
        let cases: &[(&str, &[u8], Expect)] = &[
            (
                "empty.csv",
                b"",
                expect![[r#"
                empty.csv format=- encoding=- role=- (0) header_line=-
                error: file is empty
            "#]],
            ),
            (
                "book.xlsx",
                b"PK\x03\x04\x14\x00\x06\x00\x08\x00",
                expect![[r#"
                    book.xlsx format=- encoding=- role=- (0) header_line=-
                    error: xlsx workbook is damaged or incomplete; download it again, or open it in Excel and save it again
                "#]],
            ),
            (
                "notes.txt",
                "会议纪要\n明天开会\n".as_bytes(),
                expect![[r#"
                notes.txt format=txt encoding=utf-8 role=- (0) header_line=-
                error: no header row found: none of the first 30 lines names known columns such as 交易时间 or 交易金额
            "#]],
            ),
        ];
        for (name, bytes, expected) in cases {
            let mut ingested = read_first(name, bytes, None);
            let records = crate::normalize::run(&mut ingested, 0);
            assert!(records.is_empty());
            let input = &ingested.input;
            let rendered = format!(
                "{name} format={} encoding={} role={} ({}) header_line={}\nerror: {}\n",
                input.format.as_deref().unwrap_or("-"),
                input.encoding.as_deref().unwrap_or("-"),
                input.role.map_or("-", Role::as_str),
                input.role_confidence,
                input.header_line.map_or("-".to_owned(), |l| l.to_string()),
                input.error.as_deref().unwrap_or("-"),
            );
            expected.assert_eq(&rendered);
        }
    }

    #[test]
    fn headerless_files_by_their_known_layout() {
        // 扫呗's API file: no header line, 28 fields, amounts in 分, 支付方式 as a code.
        let text = "\
852105390000123,30052991,2026-11-16 11:45:05,,12000,46,0,11954,11,6,1,300520261116114505003,,000203,512611161145050000203,2026-11-16,UP0000000000203,0,,0,12000,12000,0,,,OTHERS,示例便利店,1
852105390000123,30052991,2026-11-16 12:01:33,,3500,13,0,3487,1,6,1,300520261116120133004,,000204,4200002026111655550001,2026-11-16,oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,0,,0,3500,3500,0,,,OTHERS,示例便利店,1

852105390000123,30052991,2026-11-16 12:03:40,,3500,13,0,3487,2,6,1,300520261116120340005,,000205,2026111622001433331401234567,2026-11-16,2088102122524333,0,,0,3500,3500,0,,,OTHERS,示例便利店,1,
";
        check(
            "saobei_api_20261116.txt",
            text,
            Enc::Utf8,
            expect![[r#"
                saobei_api_20261116.txt format=txt encoding=utf-8 role=acquirer_statement (0.95) header_line=0
                columns: amount=交易金额(分) channel_order_id=渠道订单号 date=交易日期 fee=手续费金额(分) merchant_id=商户号 net=结余金额(分) order_id=交易单号 pay_method=支付方式 stan=终端流水号 status=交易状态 terminal_id=终端号 time=交易时间
                coverage: 2026-11-16 11:45:05 .. 2026-11-16 12:03:40
                L1 2026-11-16 11:45:05 Sale 12000 Approved fee="46" net="11954" mid="852105390000123" tid="30052991" stan="000203" order="300520261116114505003" text="1" pay="Qr"
                L2 2026-11-16 12:01:33 Sale 3500 Approved fee="13" net="3487" mid="852105390000123" tid="30052991" stan="000204" order="300520261116120133004" text="1" pay="Wechat"
                L4 2026-11-16 12:03:40 Sale 3500 Approved fee="13" net="3487" mid="852105390000123" tid="30052991" stan="000205" order="300520261116120340005" text="1" pay="Alipay"
                warn L0: no header line; read as the saobei layout by its 28 fields
                skip L3: blank line
            "#]],
        );
        let ingested = read_first("saobei_api_20261116.txt", text.as_bytes(), None);
        let input = &ingested.input;
        assert_eq!(input.dialect.as_deref(), Some("saobei"));
        assert_eq!(
            input.warnings.iter().map(|w| w.reason.as_str()).collect::<Vec<_>>(),
            ["no header line; read as the saobei layout by its 28 fields"]
        );
        // A line of 27 fields fits nothing: still the clear error.
        let short = text.lines().next().unwrap().rsplit_once(',').unwrap().0.to_owned() + "\n";
        let error = read_first("short.txt", short.as_bytes(), None).input.error.unwrap_or_default();
        assert!(error.starts_with("no header row found"), "{error}");
    }

    /// The clearing side and the trade side of one statement under group titles.
    const GROUPED: &str = "\
清算信息,,,交易信息,,,,
日期,金额,手续费,日期,时间,终端号,参考号,金额
2026-11-16,266.98,1.02,2026-11-16,09:12:05,10086611,331609120501,268.00
";

    #[test]
    fn group_titles_say_which_amount_is_which() {
        check(
            "grouped.csv",
            GROUPED,
            Enc::Gbk,
            expect![[r#"
            grouped.csv format=csv encoding=gb18030 role=acquirer_statement (0.95) header_line=2
            columns: amount=交易信息 / 金额 date=交易信息 / 日期 fee=清算信息 / 手续费 net=清算信息 / 金额 rrn=交易信息 / 参考号 settlement_date=清算信息 / 日期 terminal_id=交易信息 / 终端号 time_of_day=交易信息 / 时间
            coverage: 2026-11-16 09:12:05 .. 2026-11-16 09:12:05
            L3 2026-11-16 09:12:05 Sale 26800 Approved fee="102" net="26698" tid="10086611" rrn="331609120501" settle="2026-11-16"
        "#]],
        );
    }

    #[test]
    fn group_titles_repeated_on_a_second_page() {
        let (titles, rest) = GROUPED.split_once('\n').unwrap();
        let (sub_names, row) = rest.split_once('\n').unwrap();
        let second = row.replace("09:12:05", "09:30:00").replace("331609120501", "331609300002");
        let text = format!("{GROUPED}{titles}\n{sub_names}\n{second}");
        check(
            "pages.csv",
            &text,
            Enc::Utf8,
            expect![[r#"
            pages.csv format=csv encoding=utf-8 role=acquirer_statement (0.95) header_line=2
            columns: amount=交易信息 / 金额 date=交易信息 / 日期 fee=清算信息 / 手续费 net=清算信息 / 金额 rrn=交易信息 / 参考号 settlement_date=清算信息 / 日期 terminal_id=交易信息 / 终端号 time_of_day=交易信息 / 时间
            coverage: 2026-11-16 09:12:05 .. 2026-11-16 09:30:00
            L3 2026-11-16 09:12:05 Sale 26800 Approved fee="102" net="26698" tid="10086611" rrn="331609120501" settle="2026-11-16"
            L6 2026-11-16 09:30:00 Sale 26800 Approved fee="102" net="26698" tid="10086611" rrn="331609300002" settle="2026-11-16"
            skip L4: repeated group title row
            skip L5: repeated header row
        "#]],
        );
    }

    #[test]
    fn group_titles_in_merged_xlsx_cells() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let plain = rust_xlsxwriter::Format::new();
        sheet.merge_range(0, 0, 0, 2, "清算信息", &plain).unwrap();
        sheet.merge_range(0, 3, 0, 7, "交易信息", &plain).unwrap();
        for (row, line) in GROUPED.lines().skip(1).enumerate() {
            for (col, cell) in line.split(',').enumerate() {
                sheet.write_string(row as u32 + 1, col as u16, cell).unwrap();
            }
        }
        let bytes = book.save_to_buffer().unwrap();
        let mut ingested = read_first("grouped.xlsx", &bytes, None);
        let records = crate::normalize::run(&mut ingested, 0);
        let input = &ingested.input;
        let columns: Vec<String> = input.columns.iter().map(|(k, v)| format!("{k}={v}")).collect();
        expect![[r#"
            [
                "amount=交易信息 / 金额",
                "date=交易信息 / 日期",
                "fee=清算信息 / 手续费",
                "net=清算信息 / 金额",
                "rrn=交易信息 / 参考号",
                "settlement_date=清算信息 / 日期",
                "terminal_id=交易信息 / 终端号",
                "time_of_day=交易信息 / 时间",
            ]
        "#]]
        .assert_debug_eq(&columns);
        let r = &records[0];
        assert_eq!((r.amount_cents, r.fee_cents(), r.net_cents()), (26800, Some(102), Some(26698)));
        assert_eq!(r.time.map(|t| t.to_string()).as_deref(), Some("2026-11-16 09:12:05"));
        assert_eq!(input.header_line, Some(2));
        assert_eq!(input.data_rows + input.skipped_count(), 1);
    }

    #[test]
    fn role_override_wins() {
        let text = "交易时间,交易金额,手续费\n2026-11-09 10:02:11,268.00,1.02\n";
        let ingested = read_first("x.csv", text.as_bytes(), Some(Role::TerminalLog));
        assert_eq!(ingested.input.role, Some(Role::TerminalLog));
        assert_eq!(ingested.input.role_confidence, 1.0);
        let detected = read_first("x.csv", text.as_bytes(), None);
        assert_eq!(detected.input.role, Some(Role::AcquirerStatement));
    }

    #[test]
    fn metadata() {
        let bytes = "交易时间,交易金额\n2026-11-09 10:02:11,1.00\n".as_bytes();
        let ingested = read_first("a.CSV", bytes, None);
        assert_eq!(ingested.input.bytes, bytes.len() as u64);
        assert_eq!(ingested.input.sha256, sha256_hex(bytes));
        assert_eq!(ingested.input.format.as_deref(), Some("csv"));
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
