//! Redaction the merchant chooses per export (issue 14): mask 商户号 and 终端号, drop card digits
//! entirely, drop names of people. Applied to a copy of the [`Report`] before any exporter runs,
//! so every export (HTML report, case sheets, chat text, CSV, XLSX, JSON) is redacted the same way.
//!
//! The default ([`Redaction::default`], every option off) keeps what the bank needs and returns
//! the report unchanged: card numbers are already masked to first 6 / last 4 when the files are
//! read. Each option works in two steps. First the typed fields (`RecordRef.terminal_id`,
//! `merchant_id`, `card_masked`, `Incident.terminal_ids`, `TerminalHealthRow.terminal_id`,
//! `Report.merchant`, `Input.merchant`, the 商户号 of the settings) tell what to hide; then every
//! string of the report (titles, explanations, evidence, actions, incident and health text, notes,
//! file names, map keys; every field but the chains, which hold no text) is rewritten, so a value
//! hidden in its field is hidden in the words too. The rewrite goes through the report's JSON
//! form, which is what makes "every string" true whatever fields the report gains.
//!
//! **`mask_ids`.** Every 商户号 and 终端号 the report knows becomes a mask that keeps its length
//! and a short tail: 12 characters or more keep the first 4 and the last 4 (`898440358120014` ->
//! `8984*******0014`: the head is the acquirer's institution and region, the tail what the merchant
//! recognises), 6 to 11 keep the last 4 (`10086602` -> `****6602`), shorter ones the last one. Two
//! ids that would mask alike get `(2)`, `(3)` ... after the mask in sorted order, so the same id
//! masks the same way everywhere and two ids never merge. In the words an id is found as a whole
//! token (letters, digits, `*` and `-`; a number with decimals is not a token), and only ids of 4
//! characters or more with a digit are looked for there: a shorter one would hit numbers that are
//! not ids (it is masked in its fields all the same).
//!
//! **`drop_card_digits`.** `card_masked` is dropped from every record, and in the words every
//! masked card number (`622848******1234`) becomes `****`, as does every digit group that is a
//! known card's first 6 or last 4: from the records, and from the words themselves (4 digits after
//! 尾号 / `ending`, 6 digits after `BIN` / 卡号以, as the incidents name an issuer's cards). A number
//! in the words equal to one of those digits is hidden too: one number too many is better than a
//! card's digits left.
//!
//! **`drop_names`.** Names of people reach a report in a few places, all in the words: a bank
//! line's 对方户名 (`对方户名「李四」`, `from "李四"`) in the deposit findings' evidence, a wallet
//! payer (`付款人「*明」`, `payer "…"`) in a QR duplicate, and a 商户名称 that is a person's (a
//! 个体工商户 registered under the owner's name). Every payer is a person; a 对方户名 or merchant
//! name is one when it reads as one (`cell::name::reads_as_person`: the acquirer's
//! `示例支付有限公司客户备付金` stays, the bank needs it). Each such name becomes `***` wherever it
//! appears (file names too; a Latin name as a whole word), and a name of fewer than two letters or
//! a masked one (`*明`) where the words quote it, as it would hit other words elsewhere; person
//! names leave `Report.merchant` and `Input.merchant`. Names in free text the report does not
//! otherwise name (a memo `张三还款` whose 张三 is nowhere else) are not found: the report has no
//! field that says a memo word is a name. Cashier names (收银员) are never read into a report.
//!
//! Should the JSON form ever fail to read back (it is the contract the page reads, so it does
//! not), the fields are redacted and the findings' and incidents' words dropped rather than left
//! as they were.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::cell::name::reads_as_person;
use crate::report::{Merchant, Report};

/// What to leave out of an export. The default keeps what the bank needs (card numbers are always
/// masked to first 6 / last 4 by the engine, whatever this says).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Redaction {
    /// Mask 商户号 and 终端号.
    #[serde(default)]
    pub mask_ids: bool,
    /// Drop card digits entirely (not even first 6 / last 4).
    #[serde(default)]
    pub drop_card_digits: bool,
    /// Drop names of people.
    #[serde(default)]
    pub drop_names: bool,
}

impl Redaction {
    /// The options as the command line writes them (`--redact mask-ids,drop-card-digits`).
    pub const NAMES: [&str; 3] = ["mask-ids", "drop-card-digits", "drop-names"];

    /// Reads a comma-separated list of [`Redaction::NAMES`] (any subset, any order, spaces
    /// around a name allowed). The error is the first value that is not an option, as written.
    pub fn parse_list(list: &str) -> Result<Redaction, String> {
        let mut redaction = Redaction::default();
        for value in list.split(',') {
            match value.trim() {
                "mask-ids" => redaction.mask_ids = true,
                "drop-card-digits" => redaction.drop_card_digits = true,
                "drop-names" => redaction.drop_names = true,
                _ => return Err(value.to_owned()),
            }
        }
        Ok(redaction)
    }

    /// True when nothing is left out (the default).
    pub fn keeps_everything(&self) -> bool {
        *self == Redaction::default()
    }
}

/// `report` with what `redaction` asks left out (see the module doc): a redacted copy, or, by
/// default, the report itself borrowed (at a million rows a copy of every chain would cost
/// hundreds of MB for nothing, so no caller needs to test for the default first).
pub fn redact<'a>(report: &'a Report, redaction: &Redaction) -> Cow<'a, Report> {
    if redaction.keeps_everything() {
        return Cow::Borrowed(report);
    }
    let mut out = report.clone();
    let chains = std::mem::take(&mut out.chains);
    let plan = Plan::of(&out, redaction);
    plan.apply_to_fields(&mut out);
    // The JSON form of a report always reads back; should it ever not, the fields are redacted
    // and the words are dropped rather than left as they were.
    let mut out = plan.apply_to_words(&out).unwrap_or_else(|_| without_words(out));
    out.chains = chains;
    Cow::Owned(out)
}

/// What to hide, found in the report before anything is changed.
#[derive(Debug, Default)]
struct Plan {
    /// 商户号 and 终端号 -> their masks (`mask_ids`).
    ids: BTreeMap<String, String>,
    /// The masks, which the card rule must leave alone.
    masks: BTreeSet<String>,
    /// Whether card digits go (`drop_card_digits`).
    cards: bool,
    /// Digit groups of known cards: first 6 and last 4 (`drop_card_digits`).
    card_digits: BTreeSet<String>,
    /// Names of people (`drop_names`), longest first (a name inside a longer one must not leave
    /// the rest of the longer one).
    names: Vec<String>,
}

/// What replaces a dropped card number or card digits.
const CARD_MASK: &str = "****";
/// What replaces a dropped name.
const NAME_MASK: &str = "***";

impl Plan {
    fn of(report: &Report, redaction: &Redaction) -> Plan {
        let mut plan = Plan { cards: redaction.drop_card_digits, ..Plan::default() };
        if redaction.mask_ids {
            plan.ids = masks(&ids_of(report));
            plan.masks = plan.ids.values().cloned().collect();
        }
        let value = (redaction.drop_card_digits || redaction.drop_names)
            .then(|| serde_json::to_value(report).ok())
            .flatten();
        let words = value.as_ref().map(strings_of).unwrap_or_default();
        if redaction.drop_card_digits {
            plan.card_digits = card_digits(report, &words);
        }
        if redaction.drop_names {
            plan.names = names_of(report, &words).into_iter().collect();
            plan.names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        }
        plan
    }

    /// The typed fields: ids masked, cards and person names dropped.
    fn apply_to_fields(&self, report: &mut Report) {
        let mask = |id: &mut String| {
            if let Some(masked) = self.ids.get(id.as_str()) {
                id.clone_from(masked);
            }
        };
        let mask_opt = |id: &mut Option<String>| id.iter_mut().for_each(mask);
        self.apply_to_merchant(&mut report.merchant);
        for input in &mut report.inputs {
            self.apply_to_merchant(&mut input.merchant);
        }
        for record in report.findings.iter_mut().flat_map(|f| &mut f.records) {
            mask_opt(&mut record.terminal_id);
            mask_opt(&mut record.merchant_id);
            if self.cards {
                record.card_masked = None;
            }
        }
        report.incidents.iter_mut().flat_map(|i| &mut i.terminal_ids).for_each(mask);
        if let Some(declines) = &mut report.cardholder_declines {
            declines.terminal_ids.iter_mut().for_each(mask);
        }
        if let Some(health) = &mut report.terminal_health {
            health.terminals.iter_mut().for_each(|t| mask(&mut t.terminal_id));
        }
        let settings = &mut report.settings;
        settings.settlement_cycle_by_merchant =
            std::mem::take(&mut settings.settlement_cycle_by_merchant)
                .into_iter()
                .map(|(mut id, cycle)| {
                    mask(&mut id);
                    (id, cycle)
                })
                .collect();
        settings.fee_rates.iter_mut().for_each(|rate| mask_opt(&mut rate.merchant_id));
    }

    fn apply_to_merchant(&self, merchant: &mut Merchant) {
        let ids = merchant.merchant_ids.iter().map(|id| self.ids.get(id).unwrap_or(id).clone());
        merchant.merchant_ids = ids.collect::<BTreeSet<_>>().into_iter().collect();
        merchant.names.retain(|name| !self.names.contains(name));
    }

    /// Every string of the report (values and keys) rewritten by [`Plan::text`].
    fn apply_to_words(&self, report: &Report) -> Result<Report, serde_json::Error> {
        let mut value = serde_json::to_value(report)?;
        self.rewrite(&mut value);
        serde_json::from_value(value)
    }

    fn rewrite(&self, value: &mut Value) {
        match value {
            Value::String(s) => {
                if let Cow::Owned(new) = self.text(s) {
                    *s = new;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.rewrite(v)),
            Value::Object(map) => {
                for (key, mut v) in std::mem::take(map) {
                    self.rewrite(&mut v);
                    map.insert(self.text(&key).into_owned(), v);
                }
            }
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }

    /// One string with names, ids and card digits hidden.
    fn text<'a>(&self, s: &'a str) -> Cow<'a, str> {
        let named = self.without_names(s);
        if self.ids.is_empty() && !self.cards {
            return named;
        }
        match tokens_replaced(&named, |token| self.token(token)) {
            Some(replaced) => Cow::Owned(replaced),
            None => named,
        }
    }

    /// `s` with the names of people hidden: a name of two characters or more with a letter
    /// wherever it stands (a Latin one as a whole word, so `Tom` leaves `Tomorrow` alone), and any
    /// name where the words quote it ([`NAME_SLOTS`]: a payer `*明` is not hidden in `明细`).
    fn without_names<'a>(&self, s: &'a str) -> Cow<'a, str> {
        let mut out = Cow::Borrowed(s);
        for name in self.names.iter().filter(|n| found_anywhere(n)) {
            if let Some(replaced) = replace_name(&out, name) {
                out = Cow::Owned(replaced);
            }
        }
        for &(open, close, _) in NAME_SLOTS {
            if !out.contains(open) {
                continue;
            }
            for name in &self.names {
                let quoted = format!("{open}{name}{close}");
                if out.contains(&quoted) {
                    out = Cow::Owned(out.replace(&quoted, &format!("{open}{NAME_MASK}{close}")));
                }
            }
        }
        out
    }

    /// What a token becomes, if it changes.
    fn token(&self, token: &str) -> Option<String> {
        if let Some(mask) = self.ids.get(token).filter(|_| in_words(token)) {
            return Some(mask.clone());
        }
        if !self.cards || self.masks.contains(token) {
            return None;
        }
        let card_like = masked_card(token)
            || (token.bytes().all(|b| b.is_ascii_digit()) && self.card_digits.contains(token));
        card_like.then(|| CARD_MASK.to_owned())
    }
}

/// Whether a name is looked for wherever it stands, not only where the words quote it: two
/// letters or more and no mask (a masked `*明` or `**` would hit other words and masks).
fn found_anywhere(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !name.contains('*')
}

/// `text` with every occurrence of `name` hidden (a Latin name only as a whole word); `None`
/// when it has none.
fn replace_name(text: &str, name: &str) -> Option<String> {
    if !text.contains(name) {
        return None;
    }
    if !name.is_ascii() {
        return Some(text.replace(name, NAME_MASK));
    }
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, _) in text.match_indices(name) {
        let whole = !alnum(text[..at].chars().next_back())
            && !alnum(text[at + name.len()..].chars().next());
        if whole && at >= copied {
            out.push_str(&text[copied..at]);
            out.push_str(NAME_MASK);
            copied = at + name.len();
        }
    }
    (copied > 0).then(|| out + &text[copied..])
}

/// Whether an id is looked for in the words: 4 characters or more, with a digit.
fn in_words(id: &str) -> bool {
    id.chars().count() >= 4 && id.bytes().any(|b| b.is_ascii_digit())
}

/// The report with its fields redacted and no words at all: what [`redact`] returns should the
/// words ever fail to be rewritten.
fn without_words(mut report: Report) -> Report {
    for finding in &mut report.findings {
        finding.title.clear();
        finding.explanation.clear();
        finding.evidence.clear();
        finding.actions.clear();
    }
    for incident in &mut report.incidents {
        incident.title.clear();
        incident.evidence.clear();
        incident.actions.clear();
    }
    report.cardholder_declines = None;
    report.terminal_health = None;
    report
}

/// Every 商户号 and 终端号 the report names in a field.
fn ids_of(report: &Report) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = BTreeSet::new();
    ids.extend(report.merchant.merchant_ids.iter().cloned());
    for input in &report.inputs {
        ids.extend(input.merchant.merchant_ids.iter().cloned());
    }
    for record in report.findings.iter().flat_map(|f| &f.records) {
        ids.extend(record.terminal_id.iter().cloned());
        ids.extend(record.merchant_id.iter().cloned());
    }
    ids.extend(report.incidents.iter().flat_map(|i| i.terminal_ids.iter().cloned()));
    if let Some(declines) = &report.cardholder_declines {
        ids.extend(declines.terminal_ids.iter().cloned());
    }
    if let Some(health) = &report.terminal_health {
        ids.extend(health.terminals.iter().map(|t| t.terminal_id.clone()));
    }
    ids.extend(report.settings.settlement_cycle_by_merchant.keys().cloned());
    ids.extend(report.settings.fee_rates.iter().filter_map(|r| r.merchant_id.clone()));
    ids.retain(|id| !id.trim().is_empty());
    ids
}

/// Each id's mask (see the module doc), distinct for distinct ids.
fn masks(ids: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut out = BTreeMap::new();
    for id in ids {
        let base = mask(id);
        let mut masked = base.clone();
        let mut n = 1;
        while taken.contains(&masked) {
            n += 1;
            masked = format!("{base}({n})");
        }
        taken.insert(masked.clone());
        out.insert(id.clone(), masked);
    }
    out
}

/// One id's mask: its length kept, a short head and tail shown.
pub(crate) fn mask(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    let n = chars.len();
    let (head, tail) = match n {
        0..=1 => (0, 0),
        2..=5 => (0, 1),
        6..=11 => (0, 4),
        _ => (4, 4),
    };
    let mut out: String = chars[..head].iter().collect();
    out.extend(std::iter::repeat_n('*', n - head - tail));
    out.extend(&chars[n - tail..]);
    out
}

/// Every string of a report's JSON (values and keys), for the searches that read the words.
fn strings_of(value: &Value) -> Vec<&str> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::String(s) => out.push(s.as_str()),
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => {
                out.extend(map.keys().map(String::as_str));
                stack.extend(map.values());
            }
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }
    out
}

/// Words after which the words name a card's digits: (word, digits that follow, within how many
/// characters).
const CARD_WORDS: &[(&str, usize, usize)] =
    &[("尾号", 4, 24), ("ending", 4, 48), ("BIN", 6, 32), ("卡号以", 6, 8)];

/// The first 6 and last 4 digits of every card the report names, in its records and its words.
fn card_digits(report: &Report, words: &[&str]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let cards =
        report.findings.iter().flat_map(|f| &f.records).filter_map(|r| r.card_masked.as_deref());
    for card in cards {
        let head: String = card.chars().take_while(char::is_ascii_digit).collect();
        let tail: String = card.chars().rev().take_while(char::is_ascii_digit).collect();
        let tail: String = tail.chars().rev().collect();
        out.extend([head, tail].into_iter().filter(|d| d.len() >= 4));
    }
    for text in words {
        for &(word, digits, within) in CARD_WORDS {
            for at in word_starts(text, word) {
                let after: String = text[at + word.len()..].chars().take(within).collect();
                let _ = tokens_replaced(&after, |token| {
                    if token.len() == digits && token.bytes().all(|b| b.is_ascii_digit()) {
                        out.insert(token.to_owned());
                    }
                    None
                });
            }
        }
    }
    out
}

/// Where the words quote a name: (opening, closing, always a person's). A 对方户名 is a person's
/// only when it reads as one; a payer always is. These follow `diagnose/text/{zh,en}.rs`
/// (`bank_line`, the QR duplicate's words); `tests/redact.rs` runs them on real findings.
const NAME_SLOTS: &[(&str, char, bool)] = &[
    ("对方户名「", '」', false),
    ("付款人「", '」', true),
    ("付款人都是「", '」', true),
    ("from \"", '"', false),
    ("to \"", '"', false),
    ("payer \"", '"', true),
];

/// Names of people the report holds: person names among the merchant's names, and the names the
/// words quote in [`NAME_SLOTS`].
fn names_of(report: &Report, words: &[&str]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let merchant_names = report.inputs.iter().flat_map(|i| &i.merchant.names);
    for name in report.merchant.names.iter().chain(merchant_names) {
        if reads_as_person(name) {
            out.insert(name.clone());
        }
    }
    for text in words {
        for &(open, close, person) in NAME_SLOTS {
            for at in word_starts(text, open) {
                let rest = &text[at + open.len()..];
                let Some(end) = rest.find(close) else { continue };
                let name = rest[..end].trim();
                if !name.is_empty() && (person || reads_as_person(name)) {
                    out.insert(name.to_owned());
                }
            }
        }
    }
    out
}

/// Where `word` starts in `text` as a word of its own: not right after an ASCII letter
/// (`ending` in `pending`, `to "` in `into "`).
fn word_starts<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(move |&at| !text[..at].ends_with(|c: char| c.is_ascii_alphabetic()))
}

/// A masked card number: digits and mask characters only, with at least 2 of each and 8 or
/// more in all (`622848******1234`, `6222********0123`).
fn masked_card(token: &str) -> bool {
    let masks = token.chars().filter(|c| matches!(c, '*' | 'x' | 'X' | '•')).count();
    let digits = token.bytes().filter(u8::is_ascii_digit).count();
    token.chars().count() >= 8
        && masks >= 2
        && digits >= 2
        && masks + digits == token.chars().count()
}

/// `text` with each token `replace` returns a value for replaced; `None` when nothing changed.
///
/// A token is a run of ASCII letters, digits, `*` and `-`, without `-` at its ends; a run next to
/// a `.` or `,` that has a digit on its other side is part of a number (`12,345.00`), not a token.
fn tokens_replaced(text: &str, mut replace: impl FnMut(&str) -> Option<String>) -> Option<String> {
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || c == '*' || c == '-';
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        if !is_token_char(bytes[at] as char) {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && is_token_char(bytes[at] as char) {
            at += 1;
        }
        let (mut s, mut e) = (start, at);
        while s < e && bytes[s] == b'-' {
            s += 1;
        }
        while e > s && bytes[e - 1] == b'-' {
            e -= 1;
        }
        let numeric_neighbour = |sep: Option<&u8>, digit: Option<&u8>| {
            matches!(sep, Some(b'.' | b',')) && digit.is_some_and(u8::is_ascii_digit)
        };
        let in_number =
            (s == start && s >= 2 && numeric_neighbour(bytes.get(s - 1), bytes.get(s - 2)))
                || (e == at && numeric_neighbour(bytes.get(e), bytes.get(e + 1)));
        if s == e || in_number {
            continue;
        }
        if let Some(new) = replace(&text[s..e]) {
            let buf = out.get_or_insert_with(String::new);
            buf.push_str(&text[copied..s]);
            buf.push_str(&new);
            copied = e;
        }
    }
    out.map(|mut buf| {
        buf.push_str(&text[copied..]);
        buf
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_the_length_and_a_short_tail() {
        let cases = [
            ("898440358120014", "8984*******0014"),
            ("8984403581200141", "8984********0141"),
            ("10086602", "****6602"),
            ("123456", "**3456"),
            ("T001", "***1"),
            ("7", "*"),
        ];
        for (id, expected) in cases {
            assert_eq!(mask(id), expected, "{id}");
        }
        let ids: BTreeSet<String> =
            ["10086602", "20086602", "30086602"].iter().map(|s| (*s).to_owned()).collect();
        let masked: Vec<String> = masks(&ids).into_values().collect();
        assert_eq!(masked, ["****6602", "****6602(2)", "****6602(3)"]);
    }

    #[test]
    fn tokens_are_whole_ids_not_parts_of_numbers() {
        let replace = |t: &str| (t == "10086602" || t == "12345").then(|| "X".to_owned());
        let cases = [
            ("终端 10086602 上", Some("终端 X 上")),
            ("终端10086602，批次", Some("终端X，批次")),
            ("terminal 10086602.", Some("terminal X.")),
            ("log_10086602.csv", Some("log_X.csv")),
            ("a-10086602-b", None),
            ("-10086602-", Some("-X-")),
            ("310086602", None),
            ("100866021", None),
            ("8984*10086602", None),
            ("12345.00 元", None),
            ("1,12345 元", None),
            ("12345", Some("X")),
            ("2026-11-09", None),
        ];
        for (text, expected) in cases {
            assert_eq!(tokens_replaced(text, replace).as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn names_are_hidden_where_they_stand_and_short_ones_only_where_quoted() {
        let plan = Plan {
            names: ["王小明", "Tom", "*明", "oCCCC"].iter().map(|s| (*s).to_owned()).collect(),
            ..Plan::default()
        };
        let cases = [
            ("对方户名「王小明」，王小明_流水.csv", "对方户名「***」，***_流水.csv"),
            ("付款人「*明」，明细 ****6602", "付款人「***」，明细 ****6602"),
            ("payer \"Tom\" Tomorrow, Tom.", "payer \"***\" Tomorrow, ***."),
            ("付款人都是「oCCCC」", "付款人都是「***」"),
            ("nothing here", "nothing here"),
        ];
        for (text, expected) in cases {
            assert_eq!(plan.without_names(text), expected, "{text}");
        }
    }

    #[test]
    fn option_lists() {
        let all = Redaction { mask_ids: true, drop_card_digits: true, drop_names: true };
        assert_eq!(Redaction::parse_list("mask-ids,drop-card-digits,drop-names"), Ok(all));
        assert_eq!(
            Redaction::parse_list(" drop-names , mask-ids"),
            Ok(Redaction { mask_ids: true, drop_names: true, ..Redaction::default() })
        );
        assert_eq!(Redaction::parse_list("mask-ids,names"), Err("names".to_owned()));
        assert_eq!(Redaction::parse_list(""), Err(String::new()));
        assert!(Redaction::default().keeps_everything());
    }
}
