//! The page's one IndexedDB store: the case log and, when the merchant asks, the loaded files.
//!
//! Why IndexedDB and not localStorage: the case log grows with every analysis (thousands of
//! cases at chain-store scale) and the kept files are `Blob`s, which IndexedDB stores by
//! structured clone (the browser keeps the bytes; the page copies nothing) and localStorage
//! cannot hold. Nothing here is ever sent anywhere.
//!
//! One database `posrecon`, one object store `kv`, a few keys (the case log's records under
//! [`CASE_CHUNK_PREFIX`], the first layout's [`CASES_KEY`], [`FILES_KEY`]).
//! Every call opens the database (cheap after the first) and waits for its request with a
//! `Promise`, so callers are plain `async` functions. Browser only; the reducer never calls it.

use js_sys::{Array, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

use crate::state::{FileBlob, NewFile};

/// The case log as the page first kept it, in one record (`posrecon.cases/v1` JSON text): read
/// once, written into the records of [`case_chunk_key`] and deleted with that write.
pub const CASES_KEY: &str = "cases.v1";
/// The case log's records: `cases.v2/00` to `cases.v2/31`, each the compact `posrecon.cases/v1`
/// JSON text of the cases of one [`crate::cases::chunk_of`] (none when it has no case).
pub const CASE_CHUNK_PREFIX: &str = "cases.v2/";
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

/// The key of the case log's record `chunk`.
pub fn case_chunk_key(chunk: usize) -> String {
    format!("{CASE_CHUNK_PREFIX}{chunk:02}")
}

/// The case log as kept: the text of each record there is (in record order), and the log of the
/// first layout if it is still there. Read in one transaction.
pub async fn load_cases() -> Result<(Vec<String>, Option<String>), String> {
    let db = open().await?;
    let tx = db.transaction_with_str(STORE).map_err(js_err)?;
    let store = tx.object_store(STORE).map_err(js_err)?;
    // Every request is made before the first is waited for: the transaction stays active.
    let keys = (0..crate::cases::CHUNKS).map(case_chunk_key).chain([CASES_KEY.to_owned()]);
    let requests: Vec<IdbRequest> = keys
        .map(|key| store.get(&JsValue::from_str(&key)))
        .collect::<Result<_, _>>()
        .map_err(js_err)?;
    let mut texts = Vec::new();
    for request in &requests {
        texts.push(done(request).await?.as_string());
    }
    db.close();
    let legacy = texts.pop().flatten();
    Ok((texts.into_iter().flatten().collect(), legacy))
}

/// Writes records of the case log in one transaction: each `(key, text)` put (`None`: deleted,
/// the record has no case left), and the first layout's record deleted when `legacy`.
pub async fn save_case_chunks(
    chunks: Vec<(String, Option<JsValue>)>,
    legacy: bool,
) -> Result<(), String> {
    let db = open().await?;
    let tx =
        db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite).map_err(js_err)?;
    let store = tx.object_store(STORE).map_err(js_err)?;
    let mut requests = Vec::new();
    for (key, text) in chunks {
        let key = JsValue::from_str(&key);
        let request = match text {
            Some(text) => store.put_with_key(&text, &key),
            None => store.delete(&key),
        };
        requests.push(request.map_err(js_err)?);
    }
    if legacy {
        requests.push(store.delete(&JsValue::from_str(CASES_KEY)).map_err(js_err)?);
    }
    // The transaction commits once every request succeeded; one that fails aborts them all.
    let committed = Promise::new(&mut |resolve, reject| {
        let on_complete = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = tx.clone();
        let on_abort = Closure::once_into_js(move |_: web_sys::Event| {
            let message = failed.error().map(|e| e.message()).unwrap_or_default();
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&message));
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
        tx.set_onerror(None);
    });
    let result = JsFuture::from(committed).await.map(|_| ()).map_err(js_err);
    db.close();
    result
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
