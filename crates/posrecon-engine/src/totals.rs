//! The file's own totals: where a file states totals about itself, compare them with the rows read.
//!
//! A total the exporter wrote is a second reading of the same rows, made by the exporter: when the
//! rows read sum to it, the columns, signs, units and row accounting are right; when they do not,
//! a row was lost or misread (or the file was edited), and the merchant should know before a money
//! finding rests on it. The comparison lives here, in one place, for every kind of stated total:
//!
//! - a 合计 / 总计 / Total row in any table (`sort_row` still skips it as "total row"): each money
//!   column the row fills (amount, fee, net, credit, debit) against the sum of that column over
//!   the rows read, signed as the file writes them; a cell naming a count (`3笔`, `总笔数：3`)
//!   against the number of rows read. A 小计 / 本页合计 covers the rows since the total row above
//!   it; a later 合计 covers the whole table, or its own section when the file totals per section;
//!   a terminal log's 合计 may count only its approved rows. Each is a convention real files
//!   follow, so a 合计 agrees when one of them gives its number (a sum of money matching by
//!   chance is not a worry), and is reported against every row read when none does;
//! - a totals header and its values row under a wallet bill (微信支付
//!   `总交易单数,应结订单总金额,退款总金额,...`): each total against its column (`应结订单总金额`
//!   is the sum of `应结订单金额`), the count against the rows read;
//! - 支付宝 `#交易合计：2笔，商家实收共100.50元` / `#退款合计` comment lines: count and 商家实收
//!   of the rows whose 业务类型 is 交易 / 退款; `#收入合计：3笔，共100.62元` / `#支出合计` under an
//!   账务明细: the rows with a 收入金额 (支出金额) and their sum; a 微信 资金账单's
//!   `资金流水总笔数,收入笔数,收入金额,...`: the rows of that 收支类型;
//! - a personal bill's preamble (`收入：4笔 1111.00元`, `不计收支：1笔 100.00元`): the rows of that
//!   收/支 word, whether or not they are payments to the shop;
//! - a record-type trailer (乐刷 `BS,count,amount,fee,net`);
//! - across files: a 支付宝 业务明细(汇总) against the 业务明细 of the same account and period
//!   ([`cross_file`]), after every file is read.
//!
//! Reading happens in two steps because a layout may rewrite cells (the 微信 dialect puts a refund
//! row's 退款金额 into its amount): `ingest::totals::stated` runs on the table as the file wrote it and sums each
//! total's column over every candidate row; [`settle`] runs after normalize and takes out the rows
//! that were not read (rejected), so `read` is over exactly the rows read. Money agrees to the fen,
//! except columns written with more than two decimals (微信 fees such as `1.60800`), where each row
//! may round by one fen.

use std::collections::BTreeSet;

use crate::cell::amount::Unit;
use crate::cell::text::unwrap_cell;
use crate::ingest::totals::{Pending, money, value};
use crate::ingest::{RawRow, Table, header_key};
use crate::message::Note;
use crate::model::{Record, TxnType};
use crate::report::{Input, RowNote, TotalsCheck};

/// Which rows a total is compared with (see [`settle`]).
#[derive(Debug, Clone, Copy)]
enum Reading {
    /// Every row read.
    All,
    /// The rows since the total row above.
    Section,
    /// The approved rows.
    Approved,
    /// The approved rows since the total row above.
    ApprovedSection,
}

impl Pending {
    /// Whether a row is among those since the total row before this one.
    pub(crate) fn in_segment(&self, line: u32) -> bool {
        self.since.is_some_and(|(since, _)| line > since && line < self.line)
    }
}

/// Records one comparison (its `agrees` decided here, money within `slack` fen) and, when the
/// two differ, a warning naming the line and the difference.
fn record(input: &mut Input, mut c: TotalsCheck, slack: i64) {
    c.agrees = (c.stated - c.read).abs() <= slack;
    if !c.agrees {
        // The note's line is the total's; a total from another file names that file.
        let note = Note::TotalsDiffer {
            source: c.source.clone(),
            label: c.label.as_deref().unwrap_or(&c.measure).to_owned(),
            count: c.measure == "count",
            stated: c.stated,
            read: c.read,
        };
        input.warnings.push(RowNote::new(c.line, note));
    }
    input.totals_checks.push(c);
}

fn total(
    line: u32,
    source: Option<String>,
    label: &str,
    measure: &str,
    stated: i64,
    read: i64,
) -> TotalsCheck {
    TotalsCheck {
        line,
        source,
        label: Some(label.to_owned()),
        measure: measure.to_owned(),
        stated,
        read,
        agrees: false,
    }
}

/// Compares the totals `ingest::totals::stated` found with the rows read: every table row except those whose
/// lines are in `not_read` (rows normalize could not read). Rows skipped on purpose (a personal
/// bill's 支出) were read, so they count.
pub(crate) fn settle(
    input: &mut Input,
    table: &Table,
    not_read: &BTreeSet<u32>,
    approved: Option<&BTreeSet<u32>>,
) {
    for p in &table.totals.pending {
        // Every row read, from the sums taken before any layout rewrote a cell.
        let mut all = (p.sum, 0i64);
        for row in &table.rows {
            if not_read.contains(&row.line) {
                all.0 -= value(&p.basis, table.row(row)).0;
            } else {
                all.1 += 1;
            }
        }
        // Other rows a 合计 row may total, each a convention real files follow: the section
        // since the total row above (小计, 本页合计, per-terminal 合计), and the approved rows only
        // (a terminal log's 合计 of successful transactions).
        let over = |keep: &dyn Fn(u32) -> bool| {
            table
                .rows
                .iter()
                .filter(|r| !not_read.contains(&r.line) && keep(r.line))
                .fold((0i64, 0i64), |(sum, rows), r| {
                    (sum + value(&p.basis, table.row(r)).0, rows + 1)
                })
        };
        let ok = |line: u32| approved.is_some_and(|a| a.contains(&line));
        // A money column normalize decided is in 分 (whole numbers under a header naming none).
        let scale =
            if p.field.is_some_and(|f| table.units.get(&f) == Some(&Unit::Fen)) { 100 } else { 1 };
        let stated = p.stated / scale;
        let slack = |rows: i64| if p.finer { rows } else { 0 };
        let agrees = |&(read, rows): &(i64, i64)| (stated - read / scale).abs() <= slack(rows);
        // Readings in order of preference, each taken only when the ones before disagree.
        use Reading::{All, Approved, ApprovedSection, Section};
        let order: &[Reading] = match p.since {
            None => &[All],
            Some((_, true)) => &[Section, ApprovedSection],
            Some(_) => &[All, Section, Approved, ApprovedSection],
        };
        let take = |reading| match reading {
            All => all,
            Section => over(&|l| p.in_segment(l)),
            Approved => over(&ok),
            ApprovedSection => over(&|l| p.in_segment(l) && ok(l)),
        };
        let mut first = None;
        let mut chosen = None;
        for &reading in order {
            if approved.is_none() && matches!(reading, Approved | ApprovedSection) {
                continue;
            }
            let r = take(reading);
            first.get_or_insert(r);
            if agrees(&r) {
                chosen = Some(r);
                break;
            }
        }
        let (read, rows) = chosen.or(first).unwrap_or(all);
        record(input, total(p.line, None, &p.label, p.measure, stated, read / scale), slack(rows));
    }
    input.totals_checks.sort_by_key(|c| c.line);
}

/// A 支付宝 业务明细(汇总): the totals it states for one account and period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Index of the summary's input.
    input: usize,
    file: String,
    scope: Option<String>,
    /// (label, measure, stated) from its 合计 row, or the sum of its store rows.
    totals: Vec<(String, &'static str, i64)>,
}

/// The summary's columns and what they total in the 业务明细.
const SUMMARY_COLUMNS: &[(&str, &str)] = &[
    ("交易订单总笔数", "count_sale"),
    ("退款订单总笔数", "count_refund"),
    ("订单金额", "amount"),
    ("服务费", "fee"),
];

impl Summary {
    /// The same summary for the input at `input` (a file read on its own is placed among the
    /// others when the set is assembled, `pipeline::match_read`).
    pub(crate) fn at(self, input: usize) -> Summary {
        Summary { input, ..self }
    }
}

/// The totals of a summary file, read from its table.
pub(crate) fn summary_of(input: usize, file: &str, table: &Table) -> Summary {
    let keys: Vec<String> = table.header.iter().map(|h| header_key(h)).collect();
    let total_row =
        table.totals.rows.iter().find(|r| {
            table.row(r).first().is_some_and(|c| ["合计", "总计"].contains(&unwrap_cell(c)))
        });
    let rows: Vec<&RawRow> = match total_row {
        Some(row) => vec![row],
        None => table.rows.iter().collect(),
    };
    let mut totals = Vec::new();
    for (name, measure) in SUMMARY_COLUMNS {
        let Some(col) = keys.iter().position(|k| k == name) else { continue };
        let cell = |r: &&RawRow| unwrap_cell(table.cell_at(r, col)).to_owned();
        let sum: Option<i64> = if measure.starts_with("count") {
            rows.iter().map(|r| cell(r).parse::<i64>().ok()).sum()
        } else {
            rows.iter().map(|r| money(&cell(r))).sum()
        };
        if let Some(sum) = sum {
            totals.push((table.header[col].clone(), *measure, sum));
        }
    }
    Summary { input, file: file.to_owned(), scope: table.totals.scope.clone(), totals }
}

/// Checks each 支付宝 summary against the 业务明细 of the same account and period (or, when a
/// file names neither, the only 业务明细 loaded). The checks are written on the detail's input,
/// naming the summary as their `source`; a summary with no detail to check says so.
pub(crate) fn cross_file(
    inputs: &mut [Input],
    scopes: &[Option<String>],
    records: &[Record],
    summaries: &[Summary],
) {
    let details: Vec<usize> = (0..inputs.len())
        .filter(|&i| inputs[i].dialect.as_deref() == Some("alipay_bill"))
        .collect();
    for summary in summaries {
        let same: Vec<usize> = details
            .iter()
            .copied()
            .filter(|&i| summary.scope.is_some() && scopes[i] == summary.scope)
            .collect();
        let matched = if same.is_empty() && details.len() == 1 { details.clone() } else { same };
        if matched.is_empty() {
            inputs[summary.input].warnings.push(RowNote::new(0, Note::SummaryUnchecked));
            continue;
        }
        let rows = || records.iter().filter(|r| matched.contains(&(r.file_idx as usize)));
        let signed = |r: &Record| match r.txn_type {
            TxnType::Refund | TxnType::Void | TxnType::Reversal => -r.amount_cents,
            _ => r.amount_cents,
        };
        let target = matched[0];
        for (label, measure, stated) in &summary.totals {
            let (measure_name, read) = match *measure {
                "count_sale" => {
                    ("count", rows().filter(|r| r.txn_type == TxnType::Sale).count() as i64)
                }
                "count_refund" => {
                    ("count", rows().filter(|r| r.txn_type == TxnType::Refund).count() as i64)
                }
                "amount" => ("amount", rows().map(signed).sum()),
                _ => ("fee", rows().filter_map(|r| r.fee_cents()).sum()),
            };
            let check = total(0, Some(summary.file.clone()), label, measure_name, *stated, read);
            record(&mut inputs[target], check, 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use chrono::NaiveDate;
    use expect_test::{Expect, expect};

    use crate::config::{Options, SourceFile};
    use crate::normalize::tests::{Enc, encode};
    use crate::report::Input;

    fn render(inputs: &[Input]) -> String {
        let mut out = String::new();
        for input in inputs {
            writeln!(out, "{} ({} rows)", input.file, input.data_rows).unwrap();
            for c in &input.totals_checks {
                let verdict = if c.agrees { "agrees" } else { "DIFFERS" };
                let source = c.source.as_deref().map_or(String::new(), |s| format!(" from {s}"));
                writeln!(
                    out,
                    "  L{}{source} {} {}: stated {} read {} {verdict}",
                    c.line,
                    c.label.as_deref().unwrap_or("-"),
                    c.measure,
                    c.stated,
                    c.read
                )
                .unwrap();
            }
            for w in &input.warnings {
                writeln!(out, "  warning L{}: {}", w.line, w.reason).unwrap();
            }
        }
        out
    }

    fn check(files: &[(&str, &str, Enc)], expected: &Expect) {
        let files: Vec<SourceFile> = files
            .iter()
            .map(|(name, text, enc)| SourceFile::new(*name, encode(text, *enc)))
            .collect();
        let options = Options::new(NaiveDate::from_ymd_opt(2026, 11, 16).unwrap());
        expected.assert_eq(&render(&crate::inspect(&files, &options)));
    }

    #[test]
    fn total_rows_against_the_rows_read() {
        let cases: &[(&str, &str, Expect)] = &[
            (
                "signed rows, a count and every money column the total fills",
                "\
交易时间,终端号,交易类型,交易金额,手续费,结算金额
2026-11-09 10:02:11,10086602,消费,268.00,1.02,266.98
2026-11-09 11:00:00,10086602,退货,-45.50,-0.17,-45.33
2026-11-09 12:00:00,10086602,消费,\"1,024.00\",3.89,\"1,020.11\"
合计：共3笔,,,\"1,246.50\",4.74,\"1,241.76\"
",
                expect![[r#"
                    a.csv (3 rows)
                      L5 合计：共3笔 交易金额 amount: stated 124650 read 124650 agrees
                      L5 合计：共3笔 手续费 fee: stated 474 read 474 agrees
                      L5 合计：共3笔 结算金额 net: stated 124176 read 124176 agrees
                      L5 合计：共3笔 count: stated 3 read 3 agrees
                "#]],
            ),
            (
                "a total the rows do not reach, and a row that could not be read",
                "\
交易时间,终端号,交易金额,应答码
2026-11-09 10:02:11,10086602,268.00,00
2026-11-09 10:05:40,10086602,12.50,00
2026-11-09 99:99:99,10086602,30.00,00
合计,,320.50,
",
                expect![[r#"
                    a.csv (2 rows)
                      L5 合计 交易金额 amount: stated 32050 read 28050 DIFFERS
                      warning L5: 合计 交易金额 states CNY 320.50, the rows read give CNY 280.50; they differ by CNY 40.00
                "#]],
            ),
            (
                "a wallet bill's totals header: five-decimal fees round by a fen per row",
                "\
交易时间,公众账号ID,商户号,微信订单号,商户订单号,交易类型,交易状态,总金额,退款金额,手续费
`2026-11-09 10:15:02,`wx1,`1900000109,`4200001,`A1,`MICROPAY,`SUCCESS,`268.00,`0,`1.60800
`2026-11-09 10:21:30,`wx1,`1900000109,`4200002,`A2,`MICROPAY,`SUCCESS,`45.00,`0,`0.27000
`2026-11-09 10:22:30,`wx1,`1900000109,`4200003,`A3,`MICROPAY,`SUCCESS,`10.00,`0,`0.00505
总交易单数,总交易额,总退款金额,手续费总金额
`3,`323.00,`0.00,`1.88305
",
                expect![[r#"
                    a.csv (3 rows)
                      L6 总交易单数 count: stated 3 read 3 agrees
                      L6 总交易额 amount: stated 32300 read 32300 agrees
                      L6 总退款金额 refund: stated 0 read 0 agrees
                      L6 手续费总金额 fee: stated 188 read 189 agrees
                "#]],
            ),
            (
                "小计 per day, per-terminal 合计 rows, a 总计 over the table",
                "\
交易时间,终端号,交易金额
2026-11-09 10:02:11,10086602,268.00
2026-11-09 11:00:00,10086602,12.00
小计,,280.00
2026-11-10 09:00:00,10086602,20.00
小计,,20.00
合计,,300.00
2026-11-10 09:30:00,10086603,5.00
合计,,5.00
总计,,305.00
",
                expect![[r#"
                    a.csv (0 rows)
                      L4 小计 交易金额 amount: stated 28000 read 28000 agrees
                      L6 小计 交易金额 amount: stated 2000 read 2000 agrees
                      L7 合计 交易金额 amount: stated 30000 read 30000 agrees
                      L9 合计 交易金额 amount: stated 500 read 500 agrees
                      L10 总计 交易金额 amount: stated 30500 read 30500 agrees
                "#]],
            ),
            (
                "a terminal log's 合计 of its approved rows only",
                "\
交易时间,终端号,交易金额,应答码,应答信息
2026-11-09 10:02:11,10086602,268.00,00,交易成功
2026-11-09 10:05:40,10086602,\"1,580.00\",,交易超时
2026-11-09 10:06:02,10086602,45.50,51,余额不足
2026-11-09 10:07:00,10086602,12.00,00,交易成功
合计,,280.00,,
",
                expect![[r#"
                    a.csv (4 rows)
                      L6 合计 交易金额 amount: stated 28000 read 28000 agrees
                "#]],
            ),
        ];
        // The first element names the case; expect_test points at the failing snapshot.
        for (_case, text, expected) in cases {
            check(&[("a.csv", text, Enc::Utf8)], expected);
        }
    }

    #[test]
    fn old_alipay_footer_counts_by_fund_state() {
        let text = "\
支付宝交易记录明细查询
账号:[20881234567890120156]
---------------------------------交易记录明细列表------------------------------------
交易号,商家订单号,交易创建时间,付款时间,最近修改时间,交易来源地,类型,交易对方,商品名称,金额（元）,收/支,交易状态,服务费（元）,成功退款（元）,备注,资金状态,
2026110922001433331400000201\t,\t,2026-11-09 11:02:30,2026-11-09 11:02:33,2026-11-09 11:02:33,其他,即时到账交易,顾客丁,收钱码收款,32.50,收入,交易成功,0.00,0.00,,已收入,
2026110922001433331400000202\t,\t,2026-11-09 12:14:58,2026-11-09 12:15:00,2026-11-09 12:15:00,其他,即时到账交易,示例快餐,午餐,18.00,支出,交易成功,0.00,0.00,,已支出,
2026110922001433331400000204\t,\t,2026-11-09 14:30:08,2026-11-09 14:30:10,2026-11-09 14:30:10,其他,即时到账交易,顾客戊,收钱码收款,120.00,,交易成功,0.00,0.00,,已收入,
------------------------------------------------------------------------------------
共3笔记录
已收入:2笔,152.50元
待收入:0笔,0.00元
已支出:1笔,18.00元
";
        check(
            &[("alipay_record_20261110.csv", text, Enc::Gbk)],
            &expect![[r#"
            alipay_record_20261110.csv (2 rows)
              L10 已收入 count: stated 2 read 2 agrees
              L10 已收入 amount: stated 15250 read 15250 agrees
              L12 已支出 count: stated 1 read 1 agrees
              L12 已支出 amount: stated 1800 read 1800 agrees
        "#]],
        );
    }

    #[test]
    fn personal_bill_preamble_counts_every_row_it_lists() {
        check(
            &[("微信支付账单.csv", crate::normalize::wallet::tests::WECHAT_PERSONAL, Enc::Utf8Bom)],
            &expect![[r#"
                微信支付账单.csv (4 rows)
                  L8 收入 count: stated 4 read 4 agrees
                  L8 收入 amount: stated 111100 read 111100 agrees
                  L9 支出 count: stated 3 read 3 agrees
                  L9 支出 amount: stated 29350 read 29350 agrees
                  L10 中性交易 count: stated 1 read 1 agrees
                  L10 中性交易 amount: stated 100000 read 100000 agrees
            "#]],
        );
    }

    /// The 业务明细 of the fixtures, and its 汇总 (2 trades, 1 refund, 80.50 net of the refund).
    const DETAIL: &str = "\
#支付宝业务明细查询
#账号：[20881234567890120156]
#起始日期：[2026年11月09日 00:00:00]   终止日期：[2026年11月10日 00:00:00]
支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,订单金额（元）,商家实收（元）,服务费（元）
2026110922001433331401234567\t,A1\t,交易\t,商品\t,2026-11-09 11:20:01\t,2026-11-09 11:20:05\t,S01\t,88.00\t,88.00\t,-0.53\t
2026110922001433331401234599\t,A2\t,交易\t,商品\t,2026-11-09 14:02:41\t,2026-11-09 14:02:44\t,S01\t,12.50\t,12.50\t,-0.08\t
2026110922001433331401234567\t,A1\t,退款\t,商品\t,2026-11-09 19:00:00\t,2026-11-09 19:00:02\t,S01\t,-20.00\t,-20.00\t,0.12\t
#交易合计：2笔，商家实收共100.50元
#退款合计：1笔，商家实收共-20.00元
";

    fn summary(values: &str) -> String {
        format!(
            "#支付宝业务汇总查询
#账号：[20881234567890120156]
#起始日期：[2026年11月09日 00:00:00]   终止日期：[2026年11月10日 00:00:00]
门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,服务费（元）,实收净额（元）
S01,示例茶饮店,{values}
合计,,{values}
"
        )
    }

    #[test]
    fn a_summary_checks_the_detail_of_its_account() {
        let agreeing = summary("2,1,80.50,80.50,-0.49,80.01");
        check(
            &[
                ("2088_20261109_业务明细.csv", DETAIL, Enc::Gbk),
                ("2088_20261109_业务明细(汇总).csv", &agreeing, Enc::Gbk),
            ],
            &expect![[r#"
                2088_20261109_业务明细(汇总).csv (0 rows)
                  L6 合计 订单金额（元） amount: stated 8050 read 8050 agrees
                  L6 合计 服务费（元） fee: stated -49 read -49 agrees
                2088_20261109_业务明细.csv (3 rows)
                  L8 交易合计 count: stated 2 read 2 agrees
                  L8 交易合计 商家实收 amount: stated 10050 read 10050 agrees
                  L9 退款合计 count: stated 1 read 1 agrees
                  L9 退款合计 商家实收 refund: stated -2000 read -2000 agrees
                  L0 from 2088_20261109_业务明细(汇总).csv 交易订单总笔数 count: stated 2 read 2 agrees
                  L0 from 2088_20261109_业务明细(汇总).csv 退款订单总笔数 count: stated 1 read 1 agrees
                  L0 from 2088_20261109_业务明细(汇总).csv 订单金额（元） amount: stated 8050 read 8050 agrees
                  L0 from 2088_20261109_业务明细(汇总).csv 服务费（元） fee: stated -49 read -49 agrees
            "#]],
        );
        // The issue's summary beside a detail it does not describe.
        let other = summary("3,1,115.50,115.50,-0.70,114.80");
        check(
            &[
                ("2088_20261109_业务明细.csv", DETAIL, Enc::Gbk),
                ("2088_20261109_业务明细(汇总).csv", &other, Enc::Gbk),
            ],
            &expect![[r#"
                2088_20261109_业务明细(汇总).csv (0 rows)
                  L6 合计 订单金额（元） amount: stated 11550 read 11550 agrees
                  L6 合计 服务费（元） fee: stated -70 read -70 agrees
                2088_20261109_业务明细.csv (3 rows)
                  L8 交易合计 count: stated 2 read 2 agrees
                  L8 交易合计 商家实收 amount: stated 10050 read 10050 agrees
                  L9 退款合计 count: stated 1 read 1 agrees
                  L9 退款合计 商家实收 refund: stated -2000 read -2000 agrees
                  L0 from 2088_20261109_业务明细(汇总).csv 交易订单总笔数 count: stated 3 read 2 DIFFERS
                  L0 from 2088_20261109_业务明细(汇总).csv 退款订单总笔数 count: stated 1 read 1 agrees
                  L0 from 2088_20261109_业务明细(汇总).csv 订单金额（元） amount: stated 11550 read 8050 DIFFERS
                  L0 from 2088_20261109_业务明细(汇总).csv 服务费（元） fee: stated -70 read -49 DIFFERS
                  warning L0: '2088_20261109_业务明细(汇总).csv': 交易订单总笔数 states 3 rows, the rows read give 2 rows; they differ by 1 row
                  warning L0: '2088_20261109_业务明细(汇总).csv': 订单金额（元） states CNY 115.50, the rows read give CNY 80.50; they differ by CNY 35.00
                  warning L0: '2088_20261109_业务明细(汇总).csv': 服务费（元） states CNY -0.70, the rows read give CNY -0.49; they differ by CNY -0.21
            "#]],
        );
        // Alone, a summary is never a payment and says it checked nothing.
        check(
            &[("2088_20261109_业务明细(汇总).csv", &other, Enc::Gbk)],
            &expect![[r#"
            2088_20261109_业务明细(汇总).csv (0 rows)
              L6 合计 订单金额（元） amount: stated 11550 read 11550 agrees
              L6 合计 服务费（元） fee: stated -70 read -70 agrees
              warning L0: no 业务明细 of the same account and period is loaded; this summary's totals are not checked
        "#]],
        );
    }
}
