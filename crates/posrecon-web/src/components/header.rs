//! Page header: the skip link, what the page does, the privacy promise, the language switch.
//!
//! The skip link comes first in the document so it is the first thing Tab reaches: it is hidden
//! until focused, then jumps past the header to the answer (`#answer-heading`, focusable with
//! `tabindex=-1`) once there is one, else to `#main` (the `<main>` element, also `tabindex=-1`),
//! so the next Tab goes on from there.

use posrecon_engine::Lang;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::i18n::{self, a11y_strings, strings};

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// UI language.
    pub lang: Lang,
    /// The language switch was pressed.
    pub on_toggle_lang: Callback<()>,
}

/// Where the skip link goes: the answer's heading when it is on the page, else `<main>`.
const SKIP_TARGETS: [&str; 2] = ["answer-heading", "main"];

/// Focuses the first skip target on the page and brings it into view.
fn skip_to_content(e: MouseEvent) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let target = SKIP_TARGETS
        .iter()
        .find_map(|id| document.get_element_by_id(id))
        .and_then(|el| el.dyn_into::<HtmlElement>().ok());
    if let Some(target) = target {
        // Not the link's own jump: that would change the address and go to `#main` only.
        e.prevent_default();
        let _ = target.focus();
        target.scroll_into_view();
    }
}

/// Page header.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let t = strings(props.lang);
    let onclick = props.on_toggle_lang.reform(|_: MouseEvent| ());
    html! {
        <>
        <a class="skip-link" href="#main" data-testid="skip-link" onclick={skip_to_content}>
            { a11y_strings(props.lang).skip_to_main }
        </a>
        <header class="masthead">
            <div class="masthead-inner">
                <div class="brand">
                    <h1 class="app-name">{ t.app_name }</h1>
                    <p class="tagline">{ t.tagline }</p>
                    <p class="privacy">{ t.privacy }</p>
                </div>
                <button
                    type="button"
                    class="button button-quiet lang-toggle"
                    data-testid="lang-toggle"
                    lang={i18n::html_lang(i18n::other(props.lang))}
                    title={t.lang_toggle_title}
                    {onclick}
                >
                    { t.lang_toggle }
                </button>
            </div>
        </header>
        </>
    }
}
