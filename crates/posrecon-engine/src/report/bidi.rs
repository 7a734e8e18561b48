//! Bidirectional controls in file text (U+202E and its kin) are shown, not obeyed and not dropped:
//! `invoice\u{202E}fdp.exe` would show as `invoiceexe.pdf`, so every export writes the control as
//! `[U+202E]` through [`show_bidi_controls`], and a reader sees what the file holds.

use std::borrow::Cow;

/// Bidirectional formatting characters: embeddings, overrides, isolates and marks. In a cell they
/// reorder what a reader sees (`invoice\u{202E}fdp.exe` shows as `invoiceexe.pdf`).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with each bidirectional control shown as `[U+202E]`: the one way every export shows
/// them (the CSV and XLSX through [`super::table::sheet_text`], the case sheet and the finding's
/// chat text through [`super::case::clean`], the run's chat text; the HTML report's
/// [`super::html::escape`] writes the same `[U+202E]` for [`is_bidi_control`] while escaping).
pub fn show_bidi_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_bidi_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_bidi_control(c) {
            out.push_str(&format!("[U+{:04X}]", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}
