//! The pager of a long list: previous, "第 51–100 条，共 6,729 条", next.
//!
//! The findings, incidents and terminal health grow with the merchant's data; rendering all of
//! them at once froze the page for seconds at a month of a busy shop. Each is shown a page at a
//! time ([`crate::view::page_window`] decides which rows), and this is how the merchant moves.
//! Plain buttons, so Tab and Enter reach them; at either end the button says it is unavailable
//! (`aria-disabled`) but stays focusable, so keyboard focus is not lost on the last page.

use posrecon_engine::Lang;
use web_sys::Element;
use yew::prelude::*;

use crate::i18n;
use crate::view::PageWindow;

/// Props of [`Pager`].
#[derive(Properties, PartialEq)]
pub struct PagerProps {
    /// UI language.
    pub lang: Lang,
    /// The page shown and what the pager says.
    pub window: PageWindow,
    /// `data-testid` of the pager (`findings-pager`, `incidents-pager`, `health-pager`).
    pub testid: &'static str,
    /// Where it sits (`top`, `bottom`): the `data-place` hook.
    #[prop_or("bottom")]
    pub place: &'static str,
    /// Show page `n` (0-based).
    pub on_page: Callback<usize>,
    /// Scrolled into view after a move (the list's heading), so a pager below the list does not
    /// leave the merchant at the end of the new page.
    #[prop_or_default]
    pub scroll_to: NodeRef,
}

/// `<nav data-testid=…>` with `page-prev`, `page-range` and `page-next`; nothing when the list
/// fits one page.
#[component]
pub fn Pager(props: &PagerProps) -> Html {
    let window = &props.window;
    if !window.paged() {
        return html! {};
    }
    let words = i18n::list_strings(props.lang);
    let go = |target: Option<usize>| {
        let on_page = props.on_page.clone();
        let scroll_to = props.scroll_to.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(page) = target else { return };
            on_page.emit(page);
            if let Some(el) = scroll_to.cast::<Element>() {
                el.scroll_into_view();
            }
        })
    };
    let previous = window.has_previous().then(|| window.page - 1);
    let next = window.has_next().then_some(window.page + 1);
    html! {
        <nav class="pager" aria-label={words.pages} data-testid={props.testid} data-place={props.place}>
            <button
                type="button"
                class="button button-small"
                data-testid="page-prev"
                aria-disabled={previous.is_none().to_string()}
                onclick={go(previous)}
            >{ words.previous }</button>
            <span class="pager-range" data-testid="page-range" aria-live="polite">{ &window.text }</span>
            <button
                type="button"
                class="button button-small"
                data-testid="page-next"
                aria-disabled={next.is_none().to_string()}
                onclick={go(next)}
            >{ words.next }</button>
        </nav>
    }
}
