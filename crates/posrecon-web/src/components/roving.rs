//! One Tab stop for a group of buttons, arrows inside it: the roving tabindex of the WAI-ARIA
//! toolbar pattern (issue 13's keyboard pass). The findings' kind chips, their sort headers and
//! the answer's per-kind counts are a dozen buttons between the answer and the first finding;
//! as separate Tab stops they put the first finding 16 presses away, as one stop each, three.
//!
//! The group (marked `data-roving`) renders its first button `tabindex="0"` and the others
//! `"-1"` ([`tabindex`]);
//! ←/→ (and Home/End) move focus among them ([`on_keydown`]), and whichever button gets focus
//! becomes the group's one stop ([`on_focusin`]), so Tab out and Shift+Tab back returns to it.
//! The focusin handler sets the attribute directly: which button last had focus is where the
//! keyboard is, not state of the page, and the rendered values never change (the first is always
//! `0`), so the vdom never overwrites it. A group whose buttons can change (other kinds in a new
//! report) is keyed by them, so it is built afresh rather than reused with a stale stop.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// The rendered `tabindex` of the group's `index`-th button.
pub fn tabindex(index: usize) -> &'static str {
    if index == 0 { "0" } else { "-1" }
}

/// The group's buttons, in order.
fn buttons(group: &Element) -> Vec<HtmlElement> {
    let Ok(list) = group.query_selector_all("button") else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// The group around the event's target: the nearest `data-roving` element. Not the event's
/// `currentTarget`: Yew delegates listeners to the app's root, so that is the whole page.
fn group_of(e: &Event) -> Option<Element> {
    let target = e.target()?.dyn_into::<Element>().ok()?;
    target.closest("[data-roving]").ok().flatten()
}

/// The button that `index` steps from `at` (of `n`) lands on for `key`, if the key moves.
pub fn step(key: &str, at: usize, n: usize) -> Option<usize> {
    if n == 0 {
        return None;
    }
    match key {
        "ArrowRight" => Some((at + 1) % n),
        "ArrowLeft" => Some((at + n - 1) % n),
        "Home" => Some(0),
        "End" => Some(n - 1),
        _ => None,
    }
}

/// ←/→/Home/End on the group: focus the next, previous, first or last button.
pub fn on_keydown(e: KeyboardEvent) {
    let Some(group) = group_of(&e) else { return };
    let items = buttons(&group);
    let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    let Some(at) = items.iter().position(|b| target.is_same_node(Some(b))) else { return };
    if let Some(next) = step(&e.key(), at, items.len()) {
        e.prevent_default();
        let _ = items[next].focus();
    }
}

/// A button of the group got focus: it becomes the group's one Tab stop.
pub fn on_focusin(e: FocusEvent) {
    let Some(group) = group_of(&e) else { return };
    let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    let items = buttons(&group);
    if !items.iter().any(|b| target.is_same_node(Some(b))) {
        return;
    }
    for b in items {
        let stop = if target.is_same_node(Some(&b)) { "0" } else { "-1" };
        let _ = b.set_attribute("tabindex", stop);
    }
}

#[cfg(test)]
mod tests {
    use super::{step, tabindex};

    #[test]
    fn arrows_wrap_and_home_end_jump() {
        assert_eq!(step("ArrowRight", 2, 3), Some(0));
        assert_eq!(step("ArrowLeft", 0, 3), Some(2));
        assert_eq!(step("Home", 2, 3), Some(0));
        assert_eq!(step("End", 0, 3), Some(2));
        assert_eq!(step("Enter", 0, 3), None, "Enter and Space press the button");
        assert_eq!(step("ArrowRight", 0, 0), None);
        assert_eq!([tabindex(0), tabindex(1), tabindex(5)], ["0", "-1", "-1"]);
    }
}
