//! What leaves the page besides the export bar's files: a chat text (微信文本) shown in a
//! read-only box after its copy button, and an export shown in the page where no download can
//! start (inside WeChat's browser).
//!
//! The text box is always shown once the text is rendered, whether or not the clipboard took it:
//! browsers refuse `navigator.clipboard` without permission or focus, and in-app browsers often
//! have none, so the merchant can always long-press the text. A refusal selects it.
//!
//! The in-page view shows an HTML document in an `<iframe sandbox="allow-same-origin">` with
//! `srcdoc`: no script can run in it (no `allow-scripts`, and the inherited CSP allows no inline
//! script either), and the page may reach into it only to style it and read its text for 复制.
//! Its inline `<style>` elements and `style="..."` attributes are taken out of the `srcdoc` and
//! applied through the CSSOM (`browser::adopt_styles`, `browser::apply_inline_styles`), since
//! the page's CSP (`style-src 'self'`), which a `srcdoc` frame inherits, blocks inline styles; so
//! the CSP is unchanged.

use posrecon_engine::Lang;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::browser;
use crate::i18n::send_strings;
use crate::state::{ChatText, CopyState, InPageContent, InPageView};

/// Props of [`ChatTextBox`].
#[derive(Properties, PartialEq)]
pub struct ChatTextBoxProps {
    /// UI language.
    pub lang: Lang,
    /// The text and whether the clipboard took it.
    pub chat: ChatText,
    /// The textarea's `data-testid` (`finding-text`, `run-text`).
    pub testid: &'static str,
}

/// The chat text in a read-only box (`data-testid` from the props), with 已复制 when the
/// clipboard took it, or selected with a line saying how to copy it by hand when it did not.
#[component]
pub fn ChatTextBox(props: &ChatTextBoxProps) -> Html {
    let t = send_strings(props.lang);
    let area = use_node_ref();
    {
        let area = area.clone();
        use_effect_with(props.chat.copy, move |copy| {
            if *copy == CopyState::Refused
                && let Some(area) = area.cast::<HtmlTextAreaElement>()
            {
                let _ = area.focus();
                area.select();
            }
        });
    }
    let (status_class, status) = match props.chat.copy {
        CopyState::Copying => ("copy-status", t.copying),
        CopyState::Copied => ("copy-status is-copied", t.copied),
        CopyState::Refused => ("copy-status is-refused", t.copy_refused),
    };
    let id = format!("{}-box", props.testid);
    html! {
        <div class="chat-text">
            <label class="chat-text-label" for={id.clone()}>{ t.text_label }</label>
            <textarea
                {id}
                ref={area}
                class="chat-text-box"
                readonly={true}
                rows="6"
                data-testid={props.testid}
                value={props.chat.text.clone()}
            />
            <p class={status_class} role="status" data-testid="copy-status" data-state={copy_key(props.chat.copy)}>{ status }</p>
        </div>
    }
}

fn copy_key(copy: CopyState) -> &'static str {
    match copy {
        CopyState::Copying => "copying",
        CopyState::Copied => "copied",
        CopyState::Refused => "refused",
    }
}

/// Props of [`InPageViewer`].
#[derive(Properties, PartialEq)]
pub struct InPageViewerProps {
    /// UI language.
    pub lang: Lang,
    /// What to show.
    pub view: InPageView,
    /// Close it.
    pub on_close: Callback<()>,
}

/// An export shown in the page (`data-testid="inapp-view"`): the document in a sandboxed frame
/// (`inapp-frame`) or the text in a read-only box (`inapp-text`), a 复制 button (`inapp-copy`),
/// 长按可保存或转发, and 关闭 (`inapp-close`). Scrolled into view when it opens.
#[component]
pub fn InPageViewer(props: &InPageViewerProps) -> Html {
    let t = send_strings(props.lang);
    let section = use_node_ref();
    let frame = use_node_ref();
    let copied = use_state(|| None::<bool>);
    {
        let section = section.clone();
        let copied = copied.clone();
        use_effect_with(props.view.clone(), move |_| {
            copied.set(None);
            if let Some(section) = section.cast::<web_sys::Element>() {
                section.scroll_into_view();
            }
        });
    }
    let (srcdoc, css) = match &props.view.content {
        InPageContent::Html(html) => {
            let (body, css) = split_styles(html);
            (Some(body), css)
        }
        _ => (None, String::new()),
    };
    let onload = {
        let frame = frame.clone();
        Callback::from(move |_: Event| {
            if let Some(frame) = frame.cast::<web_sys::Element>() {
                let _ = browser::adopt_styles(&frame, &css);
                let _ = browser::apply_inline_styles(&frame, INLINE_STYLE_ATTR);
            }
        })
    };
    let on_copy = {
        let frame = frame.clone();
        let copied = copied.clone();
        let text = match &props.view.content {
            InPageContent::Text(text) => Some(text.clone()),
            _ => None,
        };
        Callback::from(move |_: MouseEvent| {
            let text = text
                .clone()
                .or_else(|| frame.cast::<web_sys::Element>().and_then(|f| browser::frame_text(&f)));
            let copied = copied.clone();
            if let Some(text) = text {
                spawn_local(
                    async move { copied.set(Some(browser::copy_to_clipboard(&text).await)) },
                );
            }
        })
    };
    let on_close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <section ref={section} class="inapp-view" data-testid="inapp-view" aria-label={t.inapp_heading}>
            <div class="inapp-head">
                <h2 class="inapp-name">{ &props.view.file_name }</h2>
                <div class="inapp-actions">
                    if !matches!(props.view.content, InPageContent::Binary) {
                        <button type="button" class="button button-small" data-testid="inapp-copy" onclick={on_copy}>{ t.copy }</button>
                    }
                    <button type="button" class="button button-small button-quiet" data-testid="inapp-close" onclick={on_close}>{ t.close }</button>
                </div>
            </div>
            <p class="inapp-why">{ t.inapp_why }</p>
            if let Some(copied) = *copied {
                <p class="copy-status" role="status">{ if copied { t.copied } else { t.copy_refused } }</p>
            }
            { match &props.view.content {
                InPageContent::Html(_) => html! {
                    <iframe
                        ref={frame}
                        class="inapp-frame"
                        data-testid="inapp-frame"
                        title={props.view.file_name.clone()}
                        sandbox="allow-same-origin"
                        srcdoc={srcdoc.unwrap_or_default()}
                        {onload}
                    />
                },
                InPageContent::Text(text) => html! {
                    <textarea class="inapp-text" data-testid="inapp-text" readonly={true} rows="16" aria-label={props.view.file_name.clone()} value={text.clone()} />
                },
                InPageContent::Binary => html! { <p class="inapp-binary">{ t.inapp_binary }</p> },
            } }
            // Nothing is shown for a workbook, so there is nothing to long-press.
            if !matches!(props.view.content, InPageContent::Binary) {
                <p class="inapp-hint" data-testid="inapp-hint">{ t.inapp_hint }</p>
            }
        </section>
    }
}

/// The attribute an element's inline `style="..."` is moved to in the frame's `srcdoc`, to be
/// applied through the CSSOM (`browser::apply_inline_styles`) instead of by the parser, which the
/// inherited CSP would refuse (the owner's report sizes its SVG charts with a `style`).
pub const INLINE_STYLE_ATTR: &str = "data-inline-style";

/// The document without its `<style>` elements and with every `style="..."` attribute renamed
/// [`INLINE_STYLE_ATTR`], and the elements' CSS joined: both are applied to the frame through the
/// CSSOM (see the module doc). Matching is on the literal tags and attributes the engine's
/// exporters write; text from statements is escaped there (`<` and `"` never appear raw), so it
/// cannot hold a `<style` element or a `style="` attribute.
pub fn split_styles(html: &str) -> (String, String) {
    let mut body = String::with_capacity(html.len());
    let mut css = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<style") {
        let Some(open_end) = rest[start..].find('>') else { break };
        let content_start = start + open_end + 1;
        let Some(close) = rest[content_start..].find("</style>") else { break };
        body.push_str(&rest[..start]);
        let block = &rest[content_start..content_start + close];
        match media_of(&rest[start..content_start]) {
            Some(media) => css.push_str(&format!("@media {media} {{{block}}}")),
            None => css.push_str(block),
        }
        css.push('\n');
        rest = &rest[content_start + close + "</style>".len()..];
    }
    body.push_str(rest);
    (body.replace(" style=\"", &format!(" {INLINE_STYLE_ATTR}=\"")), css)
}

/// The `media` attribute of a `<style ...>` open tag.
fn media_of(open_tag: &str) -> Option<&str> {
    let start = open_tag.find("media=\"")? + "media=\"".len();
    let len = open_tag[start..].find('"')?;
    Some(&open_tag[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::split_styles;

    #[test]
    fn the_documents_styles_are_taken_out_to_be_applied_through_the_cssom() {
        let html = "<html><head><style>p{color:red}</style><style media=\"print\">h1{}</style></head><body><p>&lt;style&gt;x</p><svg width=\"100%\" style=\"max-width:640px\"></svg></body></html>";
        let (body, css) = split_styles(html);
        assert_eq!(
            body,
            "<html><head></head><body><p>&lt;style&gt;x</p><svg width=\"100%\" data-inline-style=\"max-width:640px\"></svg></body></html>"
        );
        // A print-only block stays print-only.
        assert_eq!(css, "p{color:red}\n@media print {h1{}}\n");
    }
}
