//! Bytes -> text, and the decision whether a file is text at all.
//!
//! Chinese statement exports come in two encodings in practice: GBK (banks, Alipay, most acquirer
//! portals, because Excel on Windows opens it without mojibake) and UTF-8 (often with a BOM, added
//! for exactly the same Excel reason). UTF-16 shows up when someone uses Excel's "Unicode text".
//! Detection is therefore deliberately simple and ordered: a BOM decides; otherwise bytes that are
//! valid UTF-8 are UTF-8 (GBK text of any length is almost never valid UTF-8); otherwise GB18030,
//! a superset of GBK, so one decoder covers both. The whole file is checked, never a sample: a
//! GBK export whose first lines are ASCII (a header of English names, digits) is valid UTF-8 up to
//! its first Chinese character, and must still be read as GBK. A merchant who knows better chooses
//! the encoding (`decode_as`); sequences that are invalid in the chosen or detected encoding are
//! counted so the file card can say so.
//!
//! Binary files (spreadsheets, PDFs, images) are refused here with one line that tells the
//! merchant what to do, instead of being decoded into garbage that later stages would reject row
//! by row.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

use crate::message::FileError;

/// Decoded text plus the encoding's report name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded<'a> {
    /// The text, without any byte order mark: the bytes themselves when they are UTF-8, so a
    /// table's cells can be ranges of the file as given rather than of a copy.
    pub text: Cow<'a, str>,
    /// `utf-8`, `utf-16le`, `utf-16be` or `gb18030` (or the chosen encoding's name).
    pub encoding: &'static str,
    /// How many byte sequences were not valid in that encoding (each became U+FFFD).
    pub replaced: usize,
}

/// Decodes with an encoding the merchant chose (a BOM still wins, as it says what the bytes are).
pub(crate) fn decode_as<'a>(
    bytes: &'a [u8],
    chosen: &'static Encoding,
) -> Result<Decoded<'a>, FileError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileError::Empty);
    }
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, &bytes[bom_len..]),
        None => (chosen, bytes),
    };
    finish(encoding, body)
}

/// Decodes a statement file, or says in one line why it is not a text statement.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded<'_>, FileError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileError::Empty);
    }
    if let Some(reason) = known_binary(bytes) {
        return Err(reason);
    }
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, &bytes[bom_len..]),
        None => match utf16_without_bom(bytes) {
            Some(encoding) => (encoding, bytes),
            None if bytes.contains(&0) => {
                return Err(FileError::Binary);
            }
            None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, bytes),
            None => (GB18030, bytes),
        },
    };
    finish(encoding, body)
}

fn finish<'a>(encoding: &'static Encoding, body: &'a [u8]) -> Result<Decoded<'a>, FileError> {
    // `decode_without_bom_handling` because the BOM was already removed (or never there); the
    // replacement characters it may insert for broken sequences end up in single cells, where
    // normalize rejects the row if it matters, and are counted for a warning.
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let replaced = if had_errors { text.chars().filter(|&c| c == '\u{fffd}').count() } else { 0 };
    // A second BOM (or a BOM-like U+FEFF left by concatenated exports) is never content.
    let text = match text {
        Cow::Borrowed(text) => Cow::Borrowed(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Cow::Owned(mut text) => {
            if text.starts_with('\u{feff}') {
                text.remove(0);
            }
            Cow::Owned(text)
        }
    };
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    if looks_binary(&text) {
        return Err(FileError::Binary);
    }
    let name = if encoding == encoding_rs::UTF_8 {
        "utf-8"
    } else if encoding == UTF_16LE {
        "utf-16le"
    } else if encoding == UTF_16BE {
        "utf-16be"
    } else if encoding == GB18030 || encoding == encoding_rs::GBK {
        "gb18030"
    } else {
        // A chosen encoding: its WHATWG name in lower case (`big5`, `shift_jis`).
        leak_lower(encoding.name())
    };
    Ok(Decoded { text, encoding: name, replaced })
}

/// The lower-case spelling of an encoding name, for the few encodings a merchant may choose.
fn leak_lower(name: &'static str) -> &'static str {
    match name {
        "Big5" => "big5",
        "Shift_JIS" => "shift_jis",
        "EUC-KR" => "euc-kr",
        "windows-1252" => "windows-1252",
        "ISO-8859-2" => "iso-8859-2",
        other => other,
    }
}

/// Recognises container formats by their magic bytes, so the merchant hears what the file is.
fn known_binary(bytes: &[u8]) -> Option<FileError> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some(FileError::ZipNotSupported)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some(FileError::XlsNotSupported)
    } else if bytes.starts_with(b"%PDF") {
        Some(FileError::Pdf)
    } else {
        None
    }
}

/// UTF-16 without a BOM: every other byte is NUL in the ASCII-heavy parts of a statement
/// (digits, dates, delimiters), which no 8-bit text has.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(1024) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if zero_odd * 10 >= pairs * 3 && zero_even * 20 <= pairs {
        Some(UTF_16LE)
    } else if zero_even * 10 >= pairs * 3 && zero_odd * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// More than 5 % control characters (other than tab, line breaks and form feed) in the first few
/// thousand characters: not a text statement.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(4096) {
        total += 1;
        if c == '\0' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\x1a')) {
            control += 1;
        }
    }
    control * 20 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if big_endian { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for unit in text.encode_utf16() {
            let bytes = if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() };
            out.extend_from_slice(&bytes);
        }
        out
    }

    #[test]
    fn encodings() {
        let text = "交易时间,交易金额\n2026-11-09 10:02:11,268.00\n";
        let gbk = GB18030.encode(text).0.into_owned();
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("utf-8 without BOM", text.as_bytes().to_vec(), "utf-8"),
            ("utf-8 with BOM", [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(), "utf-8"),
            ("utf-16le with BOM", utf16(text, false, true), "utf-16le"),
            ("utf-16be with BOM", utf16(text, true, true), "utf-16be"),
            ("utf-16le without BOM", utf16(text, false, false), "utf-16le"),
            ("gbk", gbk, "gb18030"),
        ];
        for (what, bytes, encoding) in cases {
            let decoded = decode(&bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(decoded.encoding, encoding, "{what}");
            assert_eq!(decoded.text, text, "{what}");
        }
    }

    #[test]
    fn refusals() {
        let cases: &[(&str, &[u8], &str)] = &[
            ("empty", b"", "file is empty"),
            ("whitespace", b" \r\n\n", "file is empty"),
            ("bom only", b"\xEF\xBB\xBF\r\n", "file is empty"),
            ("xlsx", b"PK\x03\x04\x14\x00\x06\x00", "xlsx and zip files are not supported yet"),
            ("xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "xls files are not supported yet"),
            ("pdf", b"%PDF-1.7\n", "PDF statements cannot be read"),
            ("nul bytes", b"abc\x00\x01\x02\x03def\x00", "file is not text"),
            ("control chars", b"\x01\x02\x03\x04\x05\x06abc", "file is not text"),
        ];
        for (what, bytes, reason) in cases {
            let err = decode(bytes).expect_err(what);
            assert!(err.to_string().starts_with(reason), "{what}: {err}");
        }
    }
}
