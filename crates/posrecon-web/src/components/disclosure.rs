//! A `<details>` that mounts its content only while open.
//!
//! A file card's column-mapping panel is a selector of every field for every column: about 400
//! elements a file, hidden until the merchant asks. Mounted closed, four generated statements put
//! 1,500 hidden elements in the page (issue 12: the DOM stays small at any size). The open flag is
//! the one piece of state a component keeps, the same the browser keeps for any `<details>`.

use yew::prelude::*;

/// Props of [`Disclosure`].
#[derive(Properties, PartialEq)]
pub struct DisclosureProps {
    /// The `<details>` element's class.
    pub class: AttrValue,
    /// The `<details>` element's `data-testid`.
    pub testid: AttrValue,
    /// The `<summary>`'s `data-testid`.
    pub summary_testid: AttrValue,
    /// The `<summary>`'s text.
    pub summary: AttrValue,
    /// The content, mounted only while open.
    pub children: Html,
}

/// `<details>` whose children are in the DOM only while it is open.
#[function_component(Disclosure)]
pub fn disclosure(props: &DisclosureProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(e.target_unchecked_into::<web_sys::Element>().has_attribute("open"));
        })
    };
    html! {
        <details class={props.class.clone()} data-testid={props.testid.clone()} open={*open} {ontoggle}>
            <summary data-testid={props.summary_testid.clone()}>{ props.summary.clone() }</summary>
            if *open { { props.children.clone() } }
        </details>
    }
}
