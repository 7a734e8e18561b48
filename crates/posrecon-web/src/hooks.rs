//! The page's hooks: the browser effects the root component runs, each behind one call.
//!
//! The reducer (`state.rs`) stays pure; these hooks watch parts of its state and do what the
//! browser must do about them. [`crate::app::App`] calls them in this order, which is the order
//! their effects run after a render:
//! 1. [`use_document_lang`]: `<html lang>` and the title follow the UI language;
//! 2. [`use_worker`]: requests to the engine worker and its replies as actions;
//! 3. [`use_persisted`]: templates, settings and the language chosen kept in localStorage;
//! 4. [`use_cases`]: the case log (and, if the merchant asks, the loaded files) in IndexedDB;
//! 5. [`use_answer_focus`]: after a run, focus and view move to the answer;
//! 6. [`use_below`]: the panels below the fold follow a new report one task later.

mod answer_focus;
mod below;
mod cases;
mod persisted;
mod worker;

use posrecon_engine::Lang;
use yew::prelude::*;

pub use answer_focus::use_answer_focus;
pub use below::{Below, use_below};
pub use cases::{CaseContext, CaseHandlers, today, use_cases};
pub use persisted::{saved_state, use_persisted};
pub use worker::use_worker;

use crate::browser;

/// Keeps `<html lang>` and the document title in step with the UI language.
#[hook]
pub fn use_document_lang(lang: Lang) {
    use_effect_with(lang, |lang| browser::apply_lang(*lang));
}
