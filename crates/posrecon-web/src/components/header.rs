//! Page header: the skip link, what the page does, the privacy promise, the language switch.
//!
//! The skip link comes first in the document so it is the first thing Tab reaches: it is hidden
//! until focused, then jumps past the header and the drop zone to `#main` (the `<main>` element,
//! focusable with `tabindex=-1`), where the answer is once there is one.

use posrecon_engine::Lang;
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

/// Page header.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let t = strings(props.lang);
    let onclick = props.on_toggle_lang.reform(|_: MouseEvent| ());
    html! {
        <>
        <a class="skip-link" href="#main" data-testid="skip-link">
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
