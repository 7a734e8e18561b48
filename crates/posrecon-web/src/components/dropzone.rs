//! The drop zone: drag-and-drop, a file picker and the demo button.

use posrecon_engine::Lang;
use wasm_bindgen::JsCast;
use web_sys::{File, HtmlInputElement, Node};
use yew::prelude::*;

use crate::browser;
use crate::i18n::strings;

/// Props of [`DropZone`].
#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    /// UI language.
    pub lang: Lang,
    /// Files are being dragged over the zone (highlight).
    pub dragging: bool,
    /// Files are being read or fetched.
    pub busy: bool,
    /// The drag highlight should change.
    pub on_dragging: Callback<bool>,
    /// Files were dropped or picked.
    pub on_files: Callback<Vec<File>>,
    /// The demo button was pressed.
    pub on_demo: Callback<()>,
}

/// The drop zone. The element with `data-testid="dropzone"` receives the drag events.
#[component]
pub fn DropZone(props: &DropZoneProps) -> Html {
    let t = strings(props.lang);

    // Every drag event must cancel its default, or the browser opens the dropped file itself.
    let ondragenter = props.on_dragging.reform(|e: DragEvent| {
        e.prevent_default();
        true
    });
    let ondragover = {
        let on_dragging = props.on_dragging.clone();
        let dragging = props.dragging;
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            // Handled here: the page-wide guard must not turn the cursor into "no drop".
            e.stop_propagation();
            if let Some(dt) = e.data_transfer() {
                dt.set_drop_effect("copy");
            }
            if !dragging {
                on_dragging.emit(true);
            }
        })
    };
    let ondragleave = {
        let on_dragging = props.on_dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Leaving for a child element is not leaving the zone.
            let zone = e.current_target().and_then(|t| t.dyn_into::<Node>().ok());
            let to = e.related_target().and_then(|t| t.dyn_into::<Node>().ok());
            if let (Some(zone), Some(to)) = (zone, to)
                && zone.contains(Some(&to))
            {
                return;
            }
            on_dragging.emit(false);
        })
    };
    let ondrop = {
        let on_dragging = props.on_dragging.clone();
        let on_files = props.on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            e.stop_propagation();
            on_dragging.emit(false);
            let files = browser::files_of(e.data_transfer().and_then(|dt| dt.files()));
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };
    let onchange = props.on_files.reform(|e: Event| {
        let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else {
            return Vec::new();
        };
        let files = browser::files_of(input.files());
        // Clear, so picking the same file again fires `change` again.
        input.set_value("");
        files
    });
    let on_demo = props.on_demo.reform(|_: MouseEvent| ());

    let class = classes!("dropzone", props.dragging.then_some("is-dragging"));
    html! {
        <section
            {class}
            data-testid="dropzone"
            {ondragenter}
            {ondragover}
            {ondragleave}
            {ondrop}
        >
            <div class="dropzone-icon" aria-hidden="true"></div>
            <p class="dropzone-title">{ t.drop_title }</p>
            <p class="dropzone-hint">{ t.drop_hint }</p>
            <div class="dropzone-actions">
                // The input comes before its label so `input:focus-visible + .button` rings the
                // label (the visible picker) when the hidden input has focus, not the next button.
                <input
                    id="file-input"
                    class="visually-hidden"
                    type="file"
                    multiple=true
                    data-testid="file-input"
                    {onchange}
                />
                <label class="button button-primary" for="file-input">{ t.choose_files }</label>
                <button
                    type="button"
                    class="button"
                    data-testid="demo-button"
                    disabled={props.busy}
                    onclick={on_demo}
                >
                    { t.demo_button }
                </button>
            </div>
            if props.busy {
                <p class="dropzone-busy" role="status">
                    <span class="spinner" aria-hidden="true"></span>{ t.loading_files }
                </p>
            }
        </section>
    }
}
