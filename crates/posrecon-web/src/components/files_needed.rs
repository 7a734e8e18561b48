//! Which files the analysis had and which it lacks (issue 13): the engine's `report::needs`
//! checklist, worded by `report::needs::text`. A missing role says what it would decide, where a
//! merchant usually downloads it, and how many findings wait for it; a loaded one is one line.
//! Test hooks: `files-needed` (the section), one `file-needed` per missing role and one
//! `file-loaded` per loaded role, each with `data-role` (the role's snake_case token).

use std::rc::Rc;

use posrecon_engine::Lang;
use posrecon_engine::report::Report;
use posrecon_engine::report::needs::{self, RoleNeed, text};
use yew::prelude::*;

use crate::i18n;

/// Props of [`FilesNeeded`].
#[derive(Properties)]
pub struct FilesNeededProps {
    /// UI language.
    pub lang: Lang,
    /// The report whose inputs and findings decide the list.
    pub report: Rc<Report>,
}

impl PartialEq for FilesNeededProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang && crate::components::same_report(&self.report, &other.report)
    }
}

/// The checklist of files loaded and missing.
#[component]
pub fn FilesNeeded(props: &FilesNeededProps) -> Html {
    let lang = props.lang;
    let t = i18n::answer_strings(lang);
    let list = needs::needs(&props.report);
    let complete = list.missing().next().is_none();
    html! {
        <section class={classes!("files-needed", complete.then_some("is-complete"))}
            aria-labelledby="files-needed-heading" data-testid="files-needed">
            <h2 id="files-needed-heading">{ t.files_heading }</h2>
            if complete {
                <p class="files-needed-complete">{ t.files_complete }</p>
            }
            <ul class="files-needed-list">
                { for list.roles.iter().map(|need| role_item(lang, need)) }
            </ul>
        </section>
    }
}

fn role_item(lang: Lang, need: &RoleNeed) -> Html {
    let role = need.role.as_str();
    if !need.missing() {
        return html! {
            <li class="need is-loaded" data-testid="file-loaded" data-role={role}>
                <span class="need-mark" aria-hidden="true">{ "✓" }</span>
                <span class="need-role">{ text::role(lang, need.role) }</span>
                <span class="need-status">{ text::status(lang, need) }</span>
            </li>
        };
    }
    html! {
        <li class="need is-missing" data-testid="file-needed" data-role={role}>
            <p class="need-head">
                <span class="need-mark" aria-hidden="true">{ "✗" }</span>
                <span class="need-role">{ text::role(lang, need.role) }</span>
                <span class="need-status">{ text::status(lang, need) }</span>
            </p>
            if let Some(waiting) = text::waiting(lang, need) {
                <p class="need-waiting" data-testid="file-needed-waiting">{ waiting }</p>
            }
            <p class="need-without">{ text::without(lang, need.decides) }</p>
            <p class="need-where">{ text::places(lang, need) }</p>
        </li>
    }
}
