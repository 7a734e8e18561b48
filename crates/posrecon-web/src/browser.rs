//! The few browser effects the app needs, as plain async functions.
//!
//! Everything here talks to the page's own origin only: dropped files are read locally, the
//! demo files are fetched from `/demo/` next to the page, and exports are handed to the browser
//! as `blob:` downloads made in the page.

use crate::state::{FileBlob, NewFile};
use js_sys::Uint8Array;
use posrecon_engine::Lang;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, File, FileList, HtmlAnchorElement, RequestCache, RequestCredentials,
    RequestInit, Response, Url,
};

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

/// Registers the page's service worker (`/sw.js`, see `www/sw.js`) once the page has loaded,
/// so its copy of the page's files for offline use never competes with the first load. Where the
/// browser has no service workers (an insecure origin, some in-app browsers) the page works as
/// before, online only; a refused registration is ignored for the same reason.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else { return };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let register = move || {
        let promise = navigator.service_worker().register("/sw.js");
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    };
    let loaded = window.document().is_some_and(|d| d.ready_state() == "complete");
    if loaded {
        register();
    } else {
        let on_load = Closure::once_into_js(register);
        let _ = window.add_event_listener_with_callback("load", on_load.unchecked_ref());
    }
}

/// The files of a `FileList` (from a drop or a file picker).
pub fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|idx| list.get(idx)).collect()
}

/// Refuses a file larger than the engine reads, before its bytes are loaded: reading a 2 GB file
/// into the tab's memory (and copying it to the worker) could crash the page and lose the other
/// files. The message names the file, its size and the limit.
pub fn check_size(name: &str, size: f64) -> Result<(), String> {
    let limit = posrecon_engine::ingest::MAX_FILE_BYTES;
    // `File.size` is a JS number holding a whole byte count; compare in whole mebibytes.
    let size_mib = (size / (1024.0 * 1024.0)).ceil() as u64;
    if size_mib > limit / (1024 * 1024) {
        return Err(format!(
            "{name}: 文件过大（{size_mib} MB），超过 {} MB 上限，未读取 / file too large, not read",
            limit / (1024 * 1024)
        ));
    }
    Ok(())
}

/// A dropped or picked file as the page keeps it: its name, size and the browser's handle; its
/// bytes stay with the browser until the worker reads them (never in the page's memory).
pub fn file_handle(file: File) -> Result<NewFile, String> {
    let name = file.name();
    check_size(&name, file.size())?;
    let size = file.size() as u64;
    let modified = Some(file.last_modified());
    Ok(NewFile { name, size, blob: FileBlob::new(file.into()), modified })
}

/// Reads one small file (a templates file) into memory: `(name, bytes)`.
pub async fn read_file(file: File) -> Result<(String, Vec<u8>), String> {
    let name = file.name();
    check_size(&name, file.size())?;
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{name}: {}", describe(&e)))?;
    Ok((name, Uint8Array::new(&buffer).to_vec()))
}

/// How long a download's `blob:` URL stays valid after the click (the browser reads it first).
const DOWNLOAD_URL_LIFETIME_MS: i32 = 10_000;

/// Offers `bytes` as a download named `file_name`: a `Blob`, an object URL and a click on a
/// detached `<a download>`. Nothing goes over the network; the URL is revoked shortly after.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    download_parts(file_name, mime, &js_sys::Array::of1(&Uint8Array::from(bytes)))
}

/// As [`download`], for bytes the browser holds (an `ArrayBuffer` the worker transferred): they
/// are never copied into the page's memory.
pub fn download_buffer(file_name: &str, mime: &str, buffer: &JsValue) -> Result<(), String> {
    download_parts(file_name, mime, &js_sys::Array::of1(buffer))
}

fn download_parts(file_name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let window = web_sys::window().ok_or_else(|| "no window".to_owned())?;
    let document = window.document().ok_or_else(|| "no document".to_owned())?;
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        Blob::new_with_u8_array_sequence_and_options(parts, &options).map_err(|e| describe(&e))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|e| describe(&e))?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|e| describe(&e))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            revoke.unchecked_ref(),
            DOWNLOAD_URL_LIFETIME_MS,
        )
        .map_err(|e| describe(&e))?;
    Ok(())
}

/// Resolves in a task of its own, after the current one and the rendering it triggers (a
/// `setTimeout` of 0); at once when there is no window.
pub async fn next_task() {
    let Some(window) = web_sys::window() else { return };
    let mut set = |resolve: js_sys::Function, _reject: js_sys::Function| {
        if window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).is_err() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    };
    let _ = JsFuture::from(js_sys::Promise::new(&mut set)).await;
}

/// True inside an in-app browser where a `blob:` download often does nothing (WeChat's: its user
/// agent says `MicroMessenger`), or when the page's address asks to behave as one (`?inapp=1`,
/// for tests and for a merchant whose downloads do not start): exports are then shown in the page.
pub fn in_app_browser() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let agent = window.navigator().user_agent().unwrap_or_default();
    let search = window.location().search().unwrap_or_default();
    is_in_app(&agent, &search)
}

/// [`in_app_browser`] for a user agent and a `location.search`.
pub fn is_in_app(user_agent: &str, search: &str) -> bool {
    user_agent.contains("MicroMessenger")
        || search.trim_start_matches('?').split('&').any(|pair| pair == "inapp=1")
}

/// Puts `text` on the clipboard (`navigator.clipboard.writeText`); false when the browser has no
/// clipboard here or refuses (no permission, not focused, an in-app browser).
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let get = |target: &JsValue, key: &str| js_sys::Reflect::get(target, &JsValue::from_str(key));
    let Ok(clipboard) = get(window.navigator().as_ref(), "clipboard") else { return false };
    let Ok(write) = get(&clipboard, "writeText") else { return false };
    let Ok(write) = write.dyn_into::<js_sys::Function>() else { return false };
    let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(text)) else { return false };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else { return false };
    JsFuture::from(promise).await.is_ok()
}

/// Styles the document of a same-origin `<iframe>` with `css` through a constructed stylesheet
/// (`adoptedStyleSheets`). Why: a `srcdoc` frame inherits the page's CSP (`style-src 'self'`),
/// which blocks the report's own inline `<style>`; a stylesheet built through the CSSOM is not
/// subject to it, so the page's CSP needs no `'unsafe-inline'`. The sheet must be made in the
/// frame's own window.
pub fn adopt_styles(frame: &web_sys::Element, css: &str) -> Result<(), String> {
    let get = |target: &JsValue, key: &str| {
        js_sys::Reflect::get(target, &JsValue::from_str(key)).map_err(|e| describe(&e))
    };
    let frame_window = get(frame.as_ref(), "contentWindow")?;
    let constructor: js_sys::Function = get(&frame_window, "CSSStyleSheet")?
        .dyn_into()
        .map_err(|_| "no CSSStyleSheet in the frame".to_owned())?;
    let sheet = js_sys::Reflect::construct(&constructor, &js_sys::Array::new())
        .map_err(|e| describe(&e))?;
    let replace: js_sys::Function =
        get(&sheet, "replaceSync")?.dyn_into().map_err(|_| "no replaceSync".to_owned())?;
    replace.call1(&sheet, &JsValue::from_str(css)).map_err(|e| describe(&e))?;
    let document = get(&frame_window, "document")?;
    js_sys::Reflect::set(&document, &"adoptedStyleSheets".into(), &js_sys::Array::of1(&sheet))
        .map_err(|e| describe(&e))?;
    Ok(())
}

/// Gives every element of a same-origin `<iframe>`'s document that carries `attr` that value as
/// its inline style, through the CSSOM (`element.style.cssText`), which the inherited CSP does not
/// govern (a `style="..."` attribute in a `srcdoc` it refuses; see [`adopt_styles`]).
pub fn apply_inline_styles(frame: &web_sys::Element, attr: &str) -> Result<(), String> {
    let get = |target: &JsValue, key: &str| {
        js_sys::Reflect::get(target, &JsValue::from_str(key)).map_err(|e| describe(&e))
    };
    let function = |target: &JsValue, key: &str| -> Result<js_sys::Function, String> {
        get(target, key)?.dyn_into().map_err(|_| format!("no {key}"))
    };
    let document = get(frame.as_ref(), "contentDocument")?;
    let selector = JsValue::from_str(&format!("[{attr}]"));
    let list = function(&document, "querySelectorAll")?
        .call1(&document, &selector)
        .map_err(|e| describe(&e))?;
    let count = get(&list, "length")?.as_f64().unwrap_or(0.0) as u32;
    for index in 0..count {
        let element = js_sys::Reflect::get_u32(&list, index).map_err(|e| describe(&e))?;
        let value = function(&element, "getAttribute")?
            .call1(&element, &JsValue::from_str(attr))
            .map_err(|e| describe(&e))?;
        js_sys::Reflect::set(&get(&element, "style")?, &"cssText".into(), &value)
            .map_err(|e| describe(&e))?;
    }
    Ok(())
}

/// The visible text of a same-origin `<iframe>`'s document (`body.innerText`), to copy.
pub fn frame_text(frame: &web_sys::Element) -> Option<String> {
    let get = |target: &JsValue, key: &str| js_sys::Reflect::get(target, &JsValue::from_str(key));
    let document = get(frame.as_ref(), "contentDocument").ok()?;
    let body = get(&document, "body").ok()?;
    get(&body, "innerText").ok()?.as_string()
}

/// Fetches the demo manifest and every file it lists, each kept as the browser's `Blob`, as a
/// dropped file is.
pub async fn fetch_demo() -> Result<Vec<NewFile>, String> {
    let manifest = fetch_bytes(DEMO_MANIFEST).await?;
    let names: Vec<String> = serde_json::from_slice(&manifest)
        .map_err(|e| format!("{DEMO_MANIFEST}: not a JSON list of file names ({e})"))?;
    let mut files = Vec::with_capacity(names.len());
    for name in names {
        if name.is_empty() || name.contains(['/', '\\']) || name == ".." {
            return Err(format!("{DEMO_MANIFEST}: bad file name '{name}'"));
        }
        let url = format!("/demo/{}", String::from(js_sys::encode_uri_component(&name)));
        let blob = fetch_blob(&url).await?;
        let size = blob.size() as u64;
        files.push(NewFile { name, size, blob: FileBlob::new(blob), modified: None });
    }
    Ok(files)
}

/// GET a same-origin URL and return its body.
async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let response = fetch_ok(url).await?;
    let body = response.array_buffer().map_err(|e| format!("{url}: {}", describe(&e)))?;
    let buffer = JsFuture::from(body).await.map_err(|e| format!("{url}: {}", describe(&e)))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// GET a same-origin URL and return its body as a `Blob` (not copied into the page's memory).
async fn fetch_blob(url: &str) -> Result<Blob, String> {
    let response = fetch_ok(url).await?;
    let body = response.blob().map_err(|e| format!("{url}: {}", describe(&e)))?;
    let blob = JsFuture::from(body).await.map_err(|e| format!("{url}: {}", describe(&e)))?;
    blob.dyn_into().map_err(|e| format!("{url}: {}", describe(&e)))
}

/// GET a same-origin URL; an HTTP error is an error.
async fn fetch_ok(url: &str) -> Result<Response, String> {
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
    Ok(response)
}

/// A readable line from a JS error value.
fn describe(value: &JsValue) -> String {
    if let Some(err) = value.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

/// The page's localStorage, if the browser allows it (private modes may not).
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a localStorage entry (`None` when absent or storage is unavailable).
pub fn local_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Writes a localStorage entry; quietly does nothing when storage is unavailable.
pub fn local_set(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

/// The saved templates and settings (the mapping only; never statement data).
pub fn load_saved() -> (Vec<crate::mapping::SavedTemplate>, crate::mapping::UserSettings) {
    use crate::mapping::{SETTINGS_KEY, TEMPLATES_KEY, parse_templates};
    let templates =
        local_get(TEMPLATES_KEY).and_then(|t| parse_templates(&t).ok()).unwrap_or_default();
    let settings =
        local_get(SETTINGS_KEY).and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
    (templates, settings)
}

/// Whether the element with focus takes typing (a text-like `<input>`, a `<textarea>`, a
/// `<select>` or anything editable): then the page does not move focus away from it.
fn typing_in(element: &web_sys::Element) -> bool {
    match element.tag_name().to_ascii_lowercase().as_str() {
        "textarea" | "select" => true,
        "input" => {
            let kind = element.get_attribute("type").unwrap_or_default().to_ascii_lowercase();
            !matches!(
                kind.as_str(),
                "button" | "submit" | "reset" | "checkbox" | "radio" | "file" | "range" | "color"
            )
        }
        _ => element.get_attribute("contenteditable").is_some_and(|v| v != "false"),
    }
}

/// Focuses the element `id` (a heading with `tabindex="-1"`) and scrolls it to the top of the
/// screen, unless the merchant is typing in a field (see [`typing_in`]).
pub fn focus_answer(id: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.active_element().is_some_and(|e| typing_in(&e)) {
        return;
    }
    let Some(target) = document.get_element_by_id(id) else {
        return;
    };
    if let Ok(heading) = target.clone().dyn_into::<web_sys::HtmlElement>() {
        let _ = heading.focus();
    }
    target.scroll_into_view_with_bool(true);
}

#[cfg(test)]
mod tests {
    use super::{check_size, is_in_app};

    #[test]
    fn wechats_browser_and_the_address_switch_show_exports_in_the_page() {
        let wechat = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 \
                      (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI";
        assert!(is_in_app(wechat, ""));
        let chrome =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36";
        assert!(!is_in_app(chrome, ""));
        assert!(is_in_app(chrome, "?inapp=1"));
        assert!(is_in_app(chrome, "?lang=en&inapp=1"));
        assert!(!is_in_app(chrome, "?inapp=0"));
        assert!(!is_in_app(chrome, "?notinapp=1"));
    }

    #[test]
    fn files_over_the_engine_limit_are_refused_before_reading() {
        assert!(check_size("small.csv", 7_300.0).is_ok());
        assert!(check_size("limit.csv", 512.0 * 1024.0 * 1024.0).is_ok());
        let err = check_size("流水.csv", 2.0 * 1024.0 * 1024.0 * 1024.0).unwrap_err();
        assert!(
            err.contains("流水.csv") && err.contains("2048 MB") && err.contains("512 MB"),
            "{err}"
        );
    }
}
