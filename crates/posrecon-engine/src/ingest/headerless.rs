//! Files without a header line, recognised by their field count and the shape of each field.
//!
//! Some acquirers deliver their statement with no header at all: the 扫呗 (利楚) 机构对账单 as its
//! download API writes it is 28 comma-separated fields per line, in a documented order (domain
//! notes §5a). Nothing names the columns, so the header search finds nothing; but the order is
//! fixed and the fields have shapes (a 15-digit 商户号, a timestamp, integer amounts in 分, a
//! date) that together leave little doubt. Each layout here is a table of (header name, shape);
//! a file takes a layout only when most of its sample lines have exactly that many fields and fit
//! every shape, and then it is read like the same layout with its header (the header is
//! synthesised from the names, which also selects the layout's dialect). The report says so in a
//! warning; a file that fits no layout keeps the "no header row found" error.

use super::delimited::Grid;
use super::table::Row;
use crate::cell::text::unwrap_cell;
use crate::cell::time;

/// What a field of a headerless layout must look like.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// Anything, empty included (names, codes and free text the layout does not pin down).
    Any,
    /// `min..=max` ASCII digits.
    Digits(usize, usize),
    /// An identifier: 1 to 64 ASCII letters or digits.
    Id,
    /// Empty or an [`Shape::Id`].
    OptId,
    /// A date and time.
    DateTime,
    /// Empty or a date and time.
    OptDateTime,
    /// A date.
    Date,
    /// A whole amount in 分, possibly negative.
    Fen,
    /// Empty or a [`Shape::Fen`].
    OptFen,
}

impl Shape {
    fn fits(self, cell: &str) -> bool {
        let id =
            |c: &str| (1..=64).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_alphanumeric());
        let fen = |c: &str| {
            let digits = c.strip_prefix('-').unwrap_or(c);
            (1..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
        };
        match self {
            Shape::Any => true,
            Shape::Digits(min, max) => {
                (min..=max).contains(&cell.len()) && cell.bytes().all(|b| b.is_ascii_digit())
            }
            Shape::Id => id(cell),
            Shape::OptId => cell.is_empty() || id(cell),
            Shape::DateTime => time::parse_datetime(cell).is_some(),
            Shape::OptDateTime => cell.is_empty() || time::parse_datetime(cell).is_some(),
            Shape::Date => time::parse_date(cell).is_some(),
            Shape::Fen => fen(cell),
            Shape::OptFen => cell.is_empty() || fen(cell),
        }
    }
}

/// A known layout without a header line.
pub(crate) struct Layout {
    /// Name used in the report's warning.
    pub name: &'static str,
    /// Header name and shape of each field, in file order. The names are those of the layout's
    /// headed export, so the synthesised header selects its dialect and units.
    fields: &'static [(&'static str, Shape)],
}

impl Layout {
    /// How many fields a line of this layout has.
    pub fn width(&self) -> usize {
        self.fields.len()
    }

    /// The header the layout's lines would have.
    pub fn header(&self) -> Vec<String> {
        self.fields.iter().map(|(name, _)| (*name).to_owned()).collect()
    }

    /// Whether one line fits: the layout's field count (a trailing delimiter's empty cell
    /// aside) and every field's shape.
    fn fits(&self, cells: Row) -> bool {
        let n = self.fields.len();
        let cells = match cells.len() {
            len if len == n => cells,
            len if len == n + 1 && cells.get(n).is_some_and(|c| unwrap_cell(c).is_empty()) => {
                cells.take(n)
            }
            _ => return false,
        };
        self.fields.iter().zip(cells.iter()).all(|((_, shape), cell)| shape.fits(unwrap_cell(cell)))
    }
}

/// The 扫呗 (利楚) 机构对账单 as the download API writes it: domain notes §5a (S15), amounts in 分.
const SAOBEI: Layout = Layout {
    name: "saobei",
    fields: &[
        ("商户号", Shape::Digits(6, 20)),
        ("终端号", Shape::Id),
        ("交易时间", Shape::DateTime),
        ("退款完成时间", Shape::OptDateTime),
        ("交易金额(分)", Shape::Fen),
        ("手续费金额(分)", Shape::Fen),
        ("退款金额(分)", Shape::Fen),
        ("结余金额(分)", Shape::Fen),
        ("支付方式", Shape::Digits(1, 2)),
        ("支付类型", Shape::Any),
        ("交易状态", Shape::Any),
        ("交易单号", Shape::Id),
        ("退款原单号", Shape::OptId),
        ("终端流水号", Shape::OptId),
        ("渠道订单号", Shape::Any),
        ("交易日期", Shape::Date),
        ("用户标识", Shape::Any),
        ("银行卡类型", Shape::Any),
        ("附加数据", Shape::Any),
        ("商家优惠金额(分)", Shape::OptFen),
        ("商家实收金额(分)", Shape::OptFen),
        ("用户实付金额(分)", Shape::OptFen),
        ("平台优惠金额(分)", Shape::OptFen),
        ("订单备注", Shape::Any),
        ("自定义设备编号", Shape::Any),
        ("支付银行标识", Shape::Any),
        ("门店名称", Shape::Any),
        ("通道类型", Shape::Any),
    ],
};

/// Every headerless layout, tried in order.
const LAYOUTS: &[&Layout] = &[&SAOBEI];

/// Lines sampled to recognise a layout.
const SAMPLE_LINES: usize = 50;

/// The layout the lines have, when at least 4 in 5 of the sampled non-blank lines fit it.
pub(crate) fn detect(grid: &Grid) -> Option<&'static Layout> {
    let sample: Vec<Row> = grid
        .records
        .iter()
        .map(|r| grid.row(r))
        .filter(|r| r.iter().any(|c| !unwrap_cell(c).is_empty()))
        .take(SAMPLE_LINES)
        .collect();
    if sample.is_empty() {
        return None;
    }
    LAYOUTS.iter().copied().find(|layout| {
        let fitting = sample.iter().filter(|r| layout.fits(**r)).count();
        fitting * 5 >= sample.len() * 4
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = "852105390000123,30052991,2026-11-16 11:45:05,,12000,46,0,11954,11,6,1,300520261116114505003,,000203,512611161145050000203,2026-11-16,UP0000000000203,0,,0,12000,12000,0,,,OTHERS,示例便利店,1";

    fn lines(text: &[&str]) -> Grid<'static> {
        Grid::of_rows(text.iter().map(|l| l.split(',')))
    }

    #[test]
    fn layouts_by_field_count_and_shapes() {
        let refund = "852105390000123,30052991,2026-11-16 18:44:10,2026-11-16 18:50:00,9900,0,9900,-37,1,6,3,300520261116184410004,300520261116114505003,000204,4200002026111655550002,20261116,oUpF8u,0,,0,9900,9900,0,,,OTHERS,示例便利店,1";
        let trailing = format!("{LINE},");
        let too_few = LINE.rsplit_once(',').unwrap().0;
        let text_amount = LINE.replace(",12000,46,", ",120.00,46,");
        let no_time = LINE.replace("2026-11-16 11:45:05", "");
        // (what, lines, expected layout)
        let cases: &[(&str, Vec<&str>, Option<&str>)] = &[
            ("one line", vec![LINE], Some("saobei")),
            ("a sale and a refund", vec![LINE, refund], Some("saobei")),
            ("a trailing delimiter", vec![&trailing], Some("saobei")),
            ("blank lines around", vec!["", LINE, ",,,", LINE], Some("saobei")),
            ("one odd line in five", vec![LINE, LINE, LINE, LINE, "合计,5,60000"], Some("saobei")),
            ("two odd lines in five", vec![LINE, LINE, LINE, "x,y", "合计,5,60000"], None),
            ("27 fields", vec![too_few], None),
            ("an amount in 元", vec![&text_amount], None),
            ("no time", vec![&no_time], None),
            ("notes", vec!["会议纪要", "明天开会"], None),
            ("nothing", vec![], None),
        ];
        for (what, text, expected) in cases {
            let got = detect(&lines(text)).map(|l| l.name);
            assert_eq!(got, *expected, "{what}");
        }
        assert_eq!(SAOBEI.width(), 28);
    }
}
