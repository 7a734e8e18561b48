//! The page's one IndexedDB store: the case log and, when the merchant asks, the loaded files.
//!
//! Why IndexedDB and not localStorage: the case log grows with every analysis (thousands of
//! cases at chain-store scale) and the kept files are `Blob`s, which IndexedDB stores by
//! structured clone (the browser keeps the bytes; the page copies nothing) and localStorage
//! cannot hold. Nothing here is ever sent anywhere.
//!
//! One database `posrecon`, one object store `kv`, a few keys ([`CASES_KEY`], [`FILES_KEY`]).
//! Every call opens the database (cheap after the first) and waits for its request with a
//! `Promise`, so callers are plain `async` functions. Browser only; the reducer never calls it.

use js_sys::{Array, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

use crate::state::{FileBlob, NewFile};

/// The case log (`posrecon.cases/v1` JSON text).
pub const CASES_KEY: &str = "cases.v1";
/// The kept files: an array of `[name, Blob]`.
pub const FILES_KEY: &str = "files.v1";
/// localStorage key of the keep-files choice (`"1"` = on), read before IndexedDB is opened.
pub const KEEP_FILES_KEY: &str = "posrecon.keep-files.v1";

const DB: &str = "posrecon";
const STORE: &str = "kv";

fn js_err(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// Waits for an IndexedDB request: its result, or its error.
async fn done(request: &IdbRequest) -> Result<JsValue, String> {
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = request.clone();
        let on_success = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = request.clone();
        let on_error = Closure::once_into_js(move |_: web_sys::Event| {
            let message = failed.error().ok().flatten().map(|e| e.message()).unwrap_or_default();
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&message));
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(js_err)
}

async fn open() -> Result<IdbDatabase, String> {
    let window = web_sys::window().ok_or("no window")?;
    let factory = window.indexed_db().map_err(js_err)?.ok_or("IndexedDB is not available")?;
    let request: IdbOpenDbRequest = factory.open_with_u32(DB, 1).map_err(js_err)?;
    let upgrading = request.clone();
    let on_upgrade = Closure::once_into_js(move |_: web_sys::Event| {
        if let Ok(db) = upgrading.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
            let _ = db.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db = done(&request).await?;
    db.dyn_into::<IdbDatabase>().map_err(js_err)
}

async fn with_store<F>(mode: IdbTransactionMode, f: F) -> Result<JsValue, String>
where
    F: FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
{
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(STORE, mode).map_err(js_err)?;
    let store = tx.object_store(STORE).map_err(js_err)?;
    let request = f(&store).map_err(js_err)?;
    let result = done(&request).await;
    db.close();
    result
}

/// The value under `key` (`undefined` when there is none).
pub async fn get(key: &str) -> Result<JsValue, String> {
    with_store(IdbTransactionMode::Readonly, |s| s.get(&JsValue::from_str(key))).await
}

/// Stores `value` under `key`.
pub async fn put(key: &str, value: &JsValue) -> Result<(), String> {
    with_store(IdbTransactionMode::Readwrite, |s| s.put_with_key(value, &JsValue::from_str(key)))
        .await
        .map(|_| ())
}

/// Forgets `key`.
pub async fn delete(key: &str) -> Result<(), String> {
    with_store(IdbTransactionMode::Readwrite, |s| s.delete(&JsValue::from_str(key)))
        .await
        .map(|_| ())
}

/// The case log text kept, if any.
pub async fn load_cases() -> Result<Option<String>, String> {
    Ok(get(CASES_KEY).await?.as_string())
}

/// Keeps the case log text.
pub async fn save_cases(json: &str) -> Result<(), String> {
    put(CASES_KEY, &JsValue::from_str(json)).await
}

/// Keeps these files (their `Blob`s, by structured clone: the browser stores the bytes).
pub async fn save_files(files: Vec<(String, web_sys::Blob)>) -> Result<(), String> {
    let list = Array::new();
    for (name, blob) in files {
        list.push(&Array::of2(&JsValue::from_str(&name), &blob));
    }
    put(FILES_KEY, &list).await
}

/// The files kept, as the page loads them.
pub async fn load_files() -> Result<Vec<NewFile>, String> {
    let value = get(FILES_KEY).await?;
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in Array::from(&value).iter() {
        let entry = Array::from(&entry);
        let (Some(name), Ok(blob)) =
            (entry.get(0).as_string(), entry.get(1).dyn_into::<web_sys::Blob>())
        else {
            continue;
        };
        // A kept `File` comes back a `File` (structured clone), with its modification time.
        let modified = blob.dyn_ref::<web_sys::File>().map(web_sys::File::last_modified);
        let size = blob.size() as u64;
        files.push(NewFile { name, size, blob: FileBlob::new(blob), modified });
    }
    Ok(files)
}
