//! After an analysis run finishes, focus and view move to the answer (issue 13): the answer's
//! heading (`#answer-heading`, `tabindex="-1"`) is focused and scrolled to the top of the screen,
//! so a keyboard or screen-reader user lands on the answer and the next Tab goes through it.
//! Not when the merchant is typing elsewhere (a text field, a select, the check form): taking
//! the caret away mid-word would be worse than scrolling nowhere. The reducer decides when
//! (`AppState::answer_seq`, bumped by a run, not by a language switch); this hook only acts.

use yew::prelude::*;

use crate::browser;

/// Moves focus to the answer each time `answer_seq` grows.
#[hook]
pub fn use_answer_focus(answer_seq: u64) {
    use_effect_with(answer_seq, |seq| {
        if *seq > 0 {
            browser::focus_answer("answer-heading");
        }
    });
}
