//! Page header: what the page does, the privacy promise, the language switch.

use posrecon_engine::Lang;
use yew::prelude::*;

use crate::i18n::{self, strings};

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
    }
}
