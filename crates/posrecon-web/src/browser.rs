//! The few browser effects the app needs, as plain async functions.
//!
//! Everything here talks to the page's own origin only: dropped files are read locally, and the
//! demo files are fetched from `/demo/` next to the page.

use js_sys::Uint8Array;
use posrecon_engine::Lang;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileList, RequestCache, RequestCredentials, RequestInit, Response};

/// Where the demo's file list lives (same origin).
pub const DEMO_MANIFEST: &str = "/demo/manifest.json";

/// Today in the browser's local time zone, `YYYY-MM-DD`.
pub fn today_local() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}

/// Sets `<html lang>` and the document title to match the UI language.
pub fn apply_lang(lang: Lang) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", crate::i18n::html_lang(lang));
    }
    document.set_title(crate::i18n::strings(lang).app_name);
}

/// The files of a `FileList` (from a drop or a file picker).
pub fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|idx| list.get(idx)).collect()
}

/// Reads one file into memory: `(name, bytes)`.
pub async fn read_file(file: File) -> Result<(String, Vec<u8>), String> {
    let name = file.name();
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{name}: {}", describe(&e)))?;
    Ok((name, Uint8Array::new(&buffer).to_vec()))
}

/// Fetches the demo manifest and every file it lists.
pub async fn fetch_demo() -> Result<Vec<(String, Vec<u8>)>, String> {
    let manifest = fetch_bytes(DEMO_MANIFEST).await?;
    let names: Vec<String> = serde_json::from_slice(&manifest)
        .map_err(|e| format!("{DEMO_MANIFEST}: not a JSON list of file names ({e})"))?;
    let mut files = Vec::with_capacity(names.len());
    for name in names {
        if name.is_empty() || name.contains(['/', '\\']) || name == ".." {
            return Err(format!("{DEMO_MANIFEST}: bad file name '{name}'"));
        }
        let url = format!("/demo/{}", String::from(js_sys::encode_uri_component(&name)));
        let bytes = fetch_bytes(&url).await?;
        files.push((name, bytes));
    }
    Ok(files)
}

/// GET a same-origin URL and return its body.
async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or_else(|| "no window".to_owned())?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_credentials(RequestCredentials::SameOrigin);
    init.set_cache(RequestCache::NoCache);
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| format!("{url}: {}", describe(&e)))?;
    let response: Response = response.dyn_into().map_err(|e| format!("{url}: {}", describe(&e)))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let body = response.array_buffer().map_err(|e| format!("{url}: {}", describe(&e)))?;
    let buffer = JsFuture::from(body).await.map_err(|e| format!("{url}: {}", describe(&e)))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// A readable line from a JS error value.
fn describe(value: &JsValue) -> String {
    if let Some(err) = value.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}
