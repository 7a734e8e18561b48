//! Whether a name cell names a person or a business.
//!
//! Two places need the answer and must give the same one. Reading a bank statement's 户名 (the
//! account holder): a small shop's settlement account is often the owner's private account, so
//! 户名 may be `张三` rather than `示例便利店`; only a business's name is the merchant's name (a
//! case sheet that says 商户名称：张三 names a person the acquirer does not know the shop by).
//! Redaction (`report::redact`, `drop_names`): a 商户名称 that is a person's name (a 个体工商户
//! registered without a shop name) is dropped with the other names of people.
//!
//! The test is deliberately simple and leans towards "person": a wrong "person" costs a name the
//! merchant can type in, a wrong "business" leaks a person's name. Chinese personal names are two
//! to four Han characters (a compound surname and a two-character given name make four), or longer
//! with a middle dot (transliterated names, `阿卜杜拉·买买提`), or masked by the wallets (`张*`,
//! `**明`); a business name is longer, or ends with what a business is (店, 超市, 有限公司, 餐厅 ...).
//! Latin names are a person's when they are two or three words of letters with no business word
//! (`Zhang San`, `LI XIAOMING`).

/// Endings (and, for the longer ones, parts) that make a short Han name a business's.
const BUSINESS_WORDS: &[&str] = &[
    "店",
    "公司",
    "有限",
    "集团",
    "超市",
    "商行",
    "商店",
    "商贸",
    "贸易",
    "科技",
    "行",
    "馆",
    "厅",
    "部",
    "社",
    "厂",
    "中心",
    "坊",
    "铺",
    "院",
    "吧",
    "药房",
    "门市",
    "酒家",
    "酒楼",
    "工作室",
    "站",
    "市场",
    "便利",
    "餐饮",
    "食堂",
    "记",
    "商城",
    "广场",
    "连锁",
    "分店",
    "总店",
];

/// Latin words that make a name a business's (compared in lower case).
const BUSINESS_WORDS_LATIN: &[&str] = &[
    "ltd",
    "limited",
    "co",
    "co.",
    "company",
    "corp",
    "inc",
    "llc",
    "store",
    "shop",
    "mart",
    "market",
    "restaurant",
    "cafe",
    "bar",
    "hotel",
    "trading",
    "group",
    "supermarket",
    "pharmacy",
    "bakery",
];

/// Whether `name` reads as a person's name rather than a business's (see the module doc).
pub fn reads_as_person(name: &str) -> bool {
    let name = name.trim();
    if name.is_empty() {
        return false;
    }
    if name.is_ascii() {
        return latin_person(name);
    }
    let mut han = 0usize;
    let mut dots = 0usize;
    let mut masks = 0usize;
    for c in name.chars() {
        match c {
            '·' | '•' | '・' | '.' => dots += 1,
            '*' | '＊' => masks += 1,
            c if is_han(c) => han += 1,
            _ => return false,
        }
    }
    let business = BUSINESS_WORDS
        .iter()
        .any(|w| name.ends_with(w) || (w.chars().count() >= 2 && name.contains(w)));
    if business || han == 0 {
        return false;
    }
    let letters = han + masks;
    match dots {
        0 => (2..=4).contains(&letters) || (masks > 0 && letters <= 5),
        _ => letters <= 12,
    }
}

fn latin_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| w.chars().all(|c| c.is_ascii_alphabetic() || c == '-'))
        && !words.iter().any(|w| BUSINESS_WORDS_LATIN.contains(&w.to_ascii_lowercase().as_str()))
}

/// A CJK unified ideograph (the basic block and extension A).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[cfg(test)]
mod tests {
    use super::reads_as_person;

    #[test]
    fn people_and_businesses() {
        let people = [
            "张三",
            "李四",
            "王小明",
            "欧阳娜娜",
            "阿卜杜拉·买买提",
            "张*",
            "**明",
            "*小明",
            "Zhang San",
            "LI XIAOMING",
        ];
        for name in people {
            assert!(reads_as_person(name), "{name} is a person");
        }
        let businesses = [
            "示例便利店",
            "示例药房",
            "示例餐饮管理有限公司",
            "深圳市某物业管理有限公司",
            "示例支付有限公司客户备付金",
            "张记",
            "李店",
            "老王面馆",
            "Sample Mart",
            "ABC TRADING LTD",
            "Example",
            "",
            "898440358120014",
        ];
        for name in businesses {
            assert!(!reads_as_person(name), "{name} is not a person");
        }
    }
}
