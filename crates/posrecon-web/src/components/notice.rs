//! A dismissible notice (a file could not be read, the demo could not be loaded, a file of a
//! loaded file's name was kept under another name).

use posrecon_engine::Lang;
use yew::prelude::*;

use crate::i18n::strings;
use crate::state::{Notice, NoticeKind};

/// Props of [`NoticeBar`].
#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    /// UI language.
    pub lang: Lang,
    /// What to say.
    pub notice: Notice,
    /// Close it.
    pub on_dismiss: Callback<()>,
}

/// A notice line with a close button.
#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let t = strings(props.lang);
    let prefix = match props.notice.kind {
        NoticeKind::DemoFailed => t.demo_failed,
        NoticeKind::ReadFailed => t.read_failed,
        NoticeKind::SameName => t.same_name,
    };
    let onclick = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notice" role="alert" data-testid="notice">
            <p>{ prefix }{ &props.notice.detail }</p>
            <button type="button" class="button button-quiet" {onclick}>{ t.dismiss }</button>
        </div>
    }
}
