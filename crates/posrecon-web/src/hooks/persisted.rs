//! `use_persisted`: the state the page keeps in the browser's localStorage.
//!
//! Only the merchant's column mappings (templates, `posrecon.templates.v1`), the settings
//! panel (`posrecon.settings.v1`) and the language chosen (`posrecon.lang.v1`: `zh-CN` or `en`,
//! so a reload keeps it and `<html lang>` follows) are kept, never statement data: files, reports
//! and the check form live in memory only and are gone with the tab.

use posrecon_engine::Lang;
use yew::prelude::*;

use crate::browser;
use crate::i18n;
use crate::mapping;
use crate::state::AppState;

/// The state the page starts with: fresh, with the templates and settings saved in the browser.
pub fn saved_state() -> AppState {
    let (templates, settings) = browser::load_saved();
    let mut state = AppState::with_saved(templates, settings);
    if let Some(lang) = browser::local_get(LANG_KEY).as_deref().and_then(lang_of) {
        state.lang = lang;
    }
    state
}

/// localStorage key of the language chosen with the switch.
pub const LANG_KEY: &str = "posrecon.lang.v1";

/// The language a stored `<html lang>` value names; `None` for anything else (then the default).
fn lang_of(stored: &str) -> Option<Lang> {
    [Lang::Zh, Lang::En].into_iter().find(|lang| i18n::html_lang(*lang) == stored)
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
    use_effect_with(state.lang, |lang| browser::local_set(LANG_KEY, i18n::html_lang(*lang)));
}

#[cfg(test)]
mod tests {
    use super::lang_of;
    use posrecon_engine::Lang;

    #[test]
    fn a_stored_language_reads_back_and_anything_else_is_ignored() {
        assert_eq!(lang_of("en"), Some(Lang::En));
        assert_eq!(lang_of("zh-CN"), Some(Lang::Zh));
        assert_eq!(lang_of("fr"), None);
        assert_eq!(lang_of(""), None);
    }
}
