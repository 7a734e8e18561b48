//! `use_cases`: the case log and the kept files in IndexedDB ([`crate::idb`]), and the case
//! callbacks the components use.
//!
//! On mount the log is read (then every change is written back, only the records of the cases
//! it changed: [`CaseBook::chunk_changes`], [`cases::chunk_of`]), and,
//! when the merchant chose to keep files (localStorage `posrecon.keep-files.v1`), the kept files
//! are loaded as if dropped, which runs the analysis again. The keep-files choice writes the
//! files whenever they change and deletes them when it is turned off. Nothing is sent anywhere.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::NaiveDate;
use posrecon_engine::Lang;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use web_sys::File;
use yew::prelude::*;

use crate::browser;
use crate::cases::{self, CaseBook, CaseStatus};
use crate::idb;
use crate::state::{Action, AppState};

/// Today in the browser's local time.
pub fn today() -> NaiveDate {
    NaiveDate::parse_from_str(&browser::today_local(), "%Y-%m-%d").unwrap_or_default()
}

/// Today and the browser's clock, for a change to a case ([`cases::Now`]).
pub fn now() -> cases::Now {
    cases::Now { today: today(), stamp: js_sys::Date::now().max(0.0) as u64 }
}

/// What the hook wrote of the case log, so that a change writes only the records it touched.
#[derive(Default)]
struct LogWriter {
    /// [`CaseBook::chunk_changes`] as of the last write that succeeded (the log read from the
    /// browser counts no change: it is there).
    written: [u64; cases::CHUNKS],
    /// The browser still holds the log of the first layout (one record, [`idb::CASES_KEY`]):
    /// the next write writes every record and deletes it, in one transaction.
    legacy: bool,
    /// A write is under way; `next` is the book to write after it.
    busy: bool,
    next: Option<CaseBook>,
}

/// Writes the records of `book` whose cases changed since the last write, each record's JSON
/// made in a task of its own (at 1M attempts the first analysis of a month records 6,729
/// cases, 3 MB of JSON: one task of 60 to 124 ms when the log was one record), then all of them
/// in one transaction. A change that comes meanwhile is written after, from the newest book.
async fn write_log(writer: Rc<RefCell<LogWriter>>, book: CaseBook) {
    {
        let mut w = writer.borrow_mut();
        if w.busy {
            w.next = Some(book);
            return;
        }
        w.busy = true;
    }
    let mut book = Some(book);
    while let Some(now) = book.take() {
        // After the change is shown.
        browser::next_task().await;
        let (written, legacy) = {
            let w = writer.borrow();
            (w.written, w.legacy)
        };
        let changed = cases::changed_chunks(&now, &written, legacy);
        let result = if changed.is_empty() {
            Ok(())
        } else {
            let chunks = cases::by_chunk(&now);
            let mut records = Vec::with_capacity(changed.len());
            for (n, &c) in changed.iter().enumerate() {
                if n > 0 {
                    browser::next_task().await;
                }
                let text = (!chunks[c].is_empty())
                    .then(|| JsValue::from_str(&cases::chunk_json(&chunks[c])));
                records.push((idb::case_chunk_key(c), text));
            }
            drop(chunks);
            idb::save_case_chunks(records, legacy).await
        };
        let mut w = writer.borrow_mut();
        match result {
            Ok(()) => {
                w.written = now.chunk_changes;
                w.legacy &= !legacy;
            }
            Err(e) => {
                web_sys::console::warn_1(&format!("posrecon: case log not kept: {e}").into());
            }
        }
        book = w.next.take();
        if book.is_none() {
            w.busy = false;
        }
    }
}

/// Reads the log (and the kept files) once, then keeps IndexedDB in step with the state.
#[hook]
pub fn use_cases(state: &UseReducerHandle<AppState>) {
    // The kept files were read (or there are none to read): from then on the choice is written.
    let settled: Rc<RefCell<bool>> = use_mut_ref(|| false);
    let writer: Rc<RefCell<LogWriter>> = use_mut_ref(LogWriter::default);
    {
        let dispatcher = state.dispatcher();
        let settled = settled.clone();
        let writer = writer.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                let (chunks, legacy) = idb::load_cases().await.unwrap_or_default();
                let stored = cases::stored_log(&chunks, legacy.as_deref());
                writer.borrow_mut().legacy = legacy.is_some();
                dispatcher.dispatch(Action::CasesLoaded { stored, today: today() });
                let keep = browser::local_get(idb::KEEP_FILES_KEY).as_deref() == Some("1");
                let files =
                    if keep { idb::load_files().await.unwrap_or_default() } else { Vec::new() };
                *settled.borrow_mut() = true;
                if keep {
                    dispatcher.dispatch(Action::SetKeepFiles(true));
                }
                if !files.is_empty() {
                    dispatcher.dispatch(Action::LoadStarted);
                    dispatcher.dispatch(Action::FilesAdded(files));
                    dispatcher.dispatch(Action::LoadFinished);
                }
            });
        });
    }
    {
        let book = state.cases.clone();
        use_effect_with(state.cases.changes, move |_| {
            if book.loaded {
                spawn_local(write_log(writer, book));
            }
        });
    }
    {
        let files: Vec<(u64, String, Option<web_sys::Blob>)> =
            state.files.iter().map(|f| (f.id, f.name.clone(), f.blob.blob().cloned())).collect();
        let ids: Vec<u64> = files.iter().map(|f| f.0).collect();
        use_effect_with((state.keep_files, ids), move |(keep, _)| {
            if !*settled.borrow() {
                return;
            }
            browser::local_set(idb::KEEP_FILES_KEY, if *keep { "1" } else { "0" });
            let keep = *keep;
            spawn_local(async move {
                let kept = files.into_iter().filter_map(|(_, name, blob)| Some((name, blob?)));
                let result = if keep {
                    idb::save_files(kept.collect()).await
                } else {
                    idb::delete(idb::FILES_KEY).await
                };
                if let Err(e) = result {
                    web_sys::console::warn_1(&format!("posrecon: files not kept: {e}").into());
                }
            });
        });
    }
}

/// What the case editor in an opened finding reads: provided by the root component, so the
/// findings table embeds the editor with one line and passes nothing down. The provider
/// compares it on every render of the page: the book by identity ([`CaseBook::same`]).
#[derive(Clone)]
pub struct CaseContext {
    /// UI language.
    pub lang: Lang,
    /// The case book.
    pub book: CaseBook,
    /// The merchant set a case's status (case key, status).
    pub on_status: Callback<(String, CaseStatus)>,
    /// The merchant wrote a case's note (case key, note).
    pub on_note: Callback<(String, String)>,
}

impl PartialEq for CaseContext {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.book.same(&other.book)
            && self.on_status == other.on_status
            && self.on_note == other.on_note
    }
}

/// Every case callback, as actions.
#[derive(Clone, PartialEq)]
pub struct CaseHandlers {
    /// A case's status changed.
    pub on_status: Callback<(String, CaseStatus)>,
    /// A case's note changed.
    pub on_note: Callback<(String, String)>,
    /// 导出记录.
    pub on_export: Callback<()>,
    /// 导入记录: the file picked.
    pub on_import: Callback<File>,
    /// 清空记录 (`false`: ask; `true`: confirmed).
    pub on_clear: Callback<bool>,
    /// The confirm step cancelled.
    pub on_keep: Callback<()>,
    /// The keep-files checkbox.
    pub on_keep_files: Callback<bool>,
}

impl CaseHandlers {
    /// The callbacks of `state`'s page.
    pub fn new(state: &UseReducerHandle<AppState>) -> Self {
        let d = state.dispatcher();
        let on_status = {
            let d = d.clone();
            Callback::from(move |(key, status)| {
                d.dispatch(Action::SetCaseStatus { key, status, now: now() })
            })
        };
        let on_note = {
            let d = d.clone();
            Callback::from(move |(key, note)| {
                d.dispatch(Action::SetCaseNote { key, note, now: now() })
            })
        };
        let on_export = {
            let state = state.clone();
            Callback::from(move |()| {
                let json = cases::log_json(&state.cases);
                let name = cases::CASES_FILE_NAME;
                if let Err(e) = browser::download(name, "application/json", json.as_bytes()) {
                    web_sys::console::warn_1(&e.into());
                }
            })
        };
        let on_import = {
            let d = d.clone();
            Callback::from(move |file: File| {
                let d = d.clone();
                spawn_local(async move {
                    let parsed = match browser::read_file(file).await {
                        Ok((_, bytes)) => cases::parse_log(&String::from_utf8_lossy(&bytes)),
                        Err(e) => Err(cases::ImportError::Unreadable(e)),
                    };
                    d.dispatch(Action::CasesImported(parsed));
                });
            })
        };
        let on_clear = {
            let d = d.clone();
            Callback::from(move |sure| d.dispatch(Action::ClearCases(sure)))
        };
        let on_keep = {
            let d = d.clone();
            Callback::from(move |()| d.dispatch(Action::KeepCases))
        };
        let on_keep_files = Callback::from(move |keep| d.dispatch(Action::SetKeepFiles(keep)));
        CaseHandlers { on_status, on_note, on_export, on_import, on_clear, on_keep, on_keep_files }
    }

    /// The context of the case editors.
    pub fn context(&self, lang: Lang, book: &CaseBook) -> CaseContext {
        CaseContext {
            lang,
            book: book.clone(),
            on_status: self.on_status.clone(),
            on_note: self.on_note.clone(),
        }
    }
}
