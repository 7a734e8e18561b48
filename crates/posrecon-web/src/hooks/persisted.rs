//! `use_persisted`: the state the page keeps in the browser's localStorage.
//!
//! Only the merchant's column mappings (templates, `posrecon.templates.v1`) and the settings
//! panel (`posrecon.settings.v1`) are kept, never statement data: files, reports and the check
//! form live in memory only and are gone with the tab.

use yew::prelude::*;

use crate::browser;
use crate::mapping;
use crate::state::AppState;

/// The state the page starts with: fresh, with the templates and settings saved in the browser.
pub fn saved_state() -> AppState {
    let (templates, settings) = browser::load_saved();
    AppState::with_saved(templates, settings)
}

/// Writes the templates and then the settings back to localStorage whenever either changes
/// (and once on mount, which writes back what was read).
#[hook]
pub fn use_persisted(state: &UseReducerHandle<AppState>) {
    use_effect_with(state.templates.clone(), |templates| {
        if let Ok(json) = serde_json::to_string(templates) {
            browser::local_set(mapping::TEMPLATES_KEY, &json);
        }
    });
    use_effect_with(state.settings.clone(), |settings| {
        if let Ok(json) = serde_json::to_string(settings) {
            browser::local_set(mapping::SETTINGS_KEY, &json);
        }
    });
}
