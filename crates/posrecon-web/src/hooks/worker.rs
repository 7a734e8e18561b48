//! `use_worker`: the page's side of the conversation with the engine worker.
//!
//! The reducer decides *when* the worker is needed (a new revision, check number or export
//! number, a cancel; see `state.rs`); this hook turns those into messages (the protocol is in
//! `agent.rs`) and the replies into actions. Nothing else in the page talks to the worker.
//!
//! Two workers are started with the page: the one that works and a spare. A worker is replaced
//! by the spare when its engine panicked, when the merchant cancels, and when the inputs change
//! while it analyses (new files, files cleared, another role, mapping or setting; not another
//! language, which only words the finished report again, see `state.rs`): the old one is
//! terminated at once, so nothing waits behind a run nobody wants any more. Why a spare and not
//! a worker started on demand: under the page's CSP (`worker-src 'self'`, no `blob:` or `data:`
//! workers) a new worker must fetch its script and wasm again, and nothing should be requested
//! once the merchant's files are in; with a spare, the replacement is ready and needs no request.
//! A new spare is then started in the background (fetching the worker's three static files from
//! the page's origin again: code, never data).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::{Rc, Weak};

use js_sys::Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, MessageEvent, Worker};
use yew::prelude::*;

use crate::agent::{
    AnalysisRequest, CheckRequest, ExportRequest, ExportResponse, FindingsInbox, FromWorker,
    ToWorker, WORKER_LOADER, decode_check,
};
use posrecon_engine::Lang;

use crate::export::{ExportFormat, ExportTarget};
use crate::state::{Action, AppState, InPageContent, InPageView, LoadedFile};
use crate::{browser, i18n};

/// One started worker.
struct Slot {
    /// Which start this is; replies of a replaced worker are ignored by it.
    generation: u64,
    worker: Worker,
    /// It said [`FromWorker::Ready`]; until then messages wait in `queue`.
    ready: bool,
    queue: Vec<Array>,
    /// Files this worker was given.
    sent: BTreeSet<u64>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Slot {
    fn post(&mut self, message: Array) {
        if self.ready {
            let _ = self.worker.post_message(&message);
        } else {
            self.queue.push(message);
        }
    }

    fn ready(&mut self) {
        self.ready = true;
        for message in std::mem::take(&mut self.queue) {
            let _ = self.worker.post_message(&message);
        }
    }
}

/// The page's connection to the engine: the working worker, its spare, and what it was asked.
#[derive(Default)]
struct WorkerClient {
    active: Option<Slot>,
    spare: Option<Slot>,
    generations: u64,
    /// The analysis the active worker is running (an `Analyze`), until it answers.
    busy: Option<ToWorker>,
    /// Requests sent and not answered (checks and exports: re-sent to a replacement).
    pending: Vec<ToWorker>,
    /// The loaded files' handles, to give a replacement worker.
    files: BTreeMap<u64, (String, u64, Blob)>,
    dispatcher: Option<UseReducerDispatcher<AppState>>,
    me: Weak<RefCell<WorkerClient>>,
    /// The page's language, for the words of a worker that stopped without answering.
    lang: Lang,
    /// The findings of the analysis under way, decoded slice by slice as they come.
    inbox: FindingsInbox,
    /// The findings whose steps were asked for, and of which revision.
    steps_asked: (u64, BTreeSet<String>),
    /// The last report handed to the page, and of which revision: the cases of its findings
    /// are made from it ([`follow_up`]).
    shown: Option<(u64, Rc<posrecon_engine::report::Report>)>,
    /// The revision whose cases were made last: its keys again (after a language switch, whose
    /// findings the book has) make none, which would only be dropped.
    cases_made: Option<u64>,
}

fn message(json: &str, extra: Option<&JsValue>) -> Array {
    let message = Array::of1(&JsValue::from_str(json));
    if let Some(extra) = extra {
        message.push(extra);
    }
    message
}

impl WorkerClient {
    /// Starts the worker and its spare (on mount, so their scripts load before any file).
    fn start(
        &mut self,
        me: Weak<RefCell<WorkerClient>>,
        dispatcher: UseReducerDispatcher<AppState>,
    ) {
        self.me = me;
        self.dispatcher = Some(dispatcher);
        self.active = self.spawn();
        self.spare = self.spawn();
    }

    fn spawn(&mut self) -> Option<Slot> {
        self.generations += 1;
        let generation = self.generations;
        let worker = Worker::new(WORKER_LOADER).ok()?;
        let me = self.me.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(client) = me.upgrade() {
                on_reply(&client, generation, &event.data());
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let me = self.me.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            if let Some(client) = me.upgrade() {
                on_stopped(&client, generation);
            }
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Slot {
            generation,
            worker,
            ready: false,
            queue: Vec::new(),
            sent: BTreeSet::new(),
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// The revision being analysed, if any.
    fn busy_revision(&self) -> Option<u64> {
        match &self.busy {
            Some(ToWorker::Analyze(r)) => Some(r.revision),
            _ => None,
        }
    }

    /// Terminates the active worker and puts the spare in its place (a new spare is started).
    /// When `crashed` (the engine panicked on something else), the analysis, checks and exports
    /// it had not answered go to the new one. A cancelled or superseded analysis is dropped, and
    /// so are the checks and exports asked beside it: the reducer asks a check again once the
    /// files are analysed, so the new worker never reads the files for a check unseen.
    fn replace(&mut self, crashed: bool) {
        if let Some(old) = self.active.take() {
            old.worker.terminate();
        }
        self.active = self.spare.take().or_else(|| self.spawn());
        self.spare = self.spawn();
        let analysis = self.busy.take();
        let pending = std::mem::take(&mut self.pending);
        if crashed {
            for request in analysis.into_iter().chain(pending) {
                self.send(request);
            }
        }
    }

    /// Remembers the current files' handles (forgetting removed ones).
    fn sync_files(&mut self, files: &[LoadedFile]) {
        self.files = files
            .iter()
            .filter_map(|f| {
                let blob = f.blob.blob()?.clone();
                Some((f.id, (f.name.clone(), f.size, blob)))
            })
            .collect();
    }

    /// Sends a request, preceded by the files it names that the worker was not given yet.
    fn send(&mut self, request: ToWorker) {
        let ids: &[u64] = match &request {
            ToWorker::Analyze(r) => &r.files,
            ToWorker::Check(r) => &r.files,
            ToWorker::File { .. } | ToWorker::Export(_) | ToWorker::Steps { .. } => &[],
        };
        let Some(slot) = self.active.as_mut() else { return };
        for id in ids {
            let Some((name, size, blob)) = self.files.get(id) else { continue };
            if slot.sent.insert(*id) {
                let file = ToWorker::File { id: *id, name: name.clone(), size: *size };
                let json = serde_json::to_string(&file).unwrap_or_default();
                slot.post(message(&json, Some(blob)));
            }
        }
        let json = serde_json::to_string(&request).unwrap_or_default();
        slot.post(message(&json, None));
        match request {
            ToWorker::Analyze(_) => self.busy = Some(request),
            ToWorker::Check(_) | ToWorker::Export(_) => self.pending.push(request),
            ToWorker::File { .. } | ToWorker::Steps { .. } => {}
        }
    }

    /// Forgets a request once answered.
    fn answered(&mut self, reply: &FromWorker) {
        match reply {
            FromWorker::Analysis(r) if self.busy_revision() == Some(r.revision) => self.busy = None,
            FromWorker::Check(r) => {
                self.pending.retain(|p| !matches!(p, ToWorker::Check(c) if c.seq == r.seq));
            }
            FromWorker::Export(r) => {
                self.pending.retain(|p| !matches!(p, ToWorker::Export(e) if e.seq == r.seq));
            }
            _ => {}
        }
    }
}

/// Worker `generation` stopped without answering: an uncaught error in it, which is how a wasm
/// instance that ran out of its 4 GiB of memory ends (Rust's allocation failure aborts; no panic
/// hook runs, so no `Crashed` reply comes). Without this the page would wait for ever. The worker
/// is replaced (a dead spare too) and what it was asked fails in words, not re-sent: the same
/// files would only run out of memory again.
fn on_stopped(client: &Rc<RefCell<WorkerClient>>, generation: u64) {
    let (dispatcher, actions) = {
        let mut guard = client.borrow_mut();
        let c = &mut *guard;
        if c.spare.as_ref().is_some_and(|s| s.generation == generation) {
            c.spare = c.spawn();
            return;
        }
        if c.active.as_ref().is_none_or(|s| s.generation != generation) {
            return;
        }
        let message = i18n::strings(c.lang).worker_stopped.to_owned();
        let mut actions = Vec::new();
        for request in c.busy.iter().chain(&c.pending) {
            let outcome = Err(message.clone());
            actions.push(match request {
                ToWorker::Analyze(r) => Action::AnalysisFinished { revision: r.revision, outcome },
                ToWorker::Check(r) => {
                    Action::CheckFinished { seq: r.seq, outcome: Err(message.clone()) }
                }
                ToWorker::Export(r) => {
                    Action::ExportFinished { seq: r.seq, outcome: Err(message.clone()) }
                }
                ToWorker::File { .. } | ToWorker::Steps { .. } => continue,
            });
        }
        c.replace(false);
        (c.dispatcher.clone(), actions)
    };
    if let Some(dispatcher) = dispatcher {
        for action in actions {
            dispatcher.dispatch(action);
        }
    }
}

/// Handles one message of worker `generation`: bookkeeping first, then the action (dispatched
/// with the client released, as the effects it triggers use it).
fn on_reply(client: &Rc<RefCell<WorkerClient>>, generation: u64, data: &JsValue) {
    let data = Array::from(data);
    let Some(reply) = data.get(0).as_string().and_then(|j| serde_json::from_str(&j).ok()) else {
        return;
    };
    let dispatcher = {
        let mut guard = client.borrow_mut();
        let c = &mut *guard;
        let is_active = c.active.as_ref().is_some_and(|s| s.generation == generation);
        if let FromWorker::Ready = reply {
            for slot in [c.active.as_mut(), c.spare.as_mut()].into_iter().flatten() {
                if slot.generation == generation {
                    slot.ready();
                }
            }
            return;
        }
        if !is_active {
            return;
        }
        // A slice of the findings is decoded now, in this message's own task, not with the
        // report (see `agent`'s module doc).
        if let FromWorker::Findings { revision, from } = &reply {
            let json = js_sys::Uint8Array::new(&data.get(1)).to_vec();
            c.inbox.add(*revision, *from, &json);
            return;
        }
        // So is the rest of the report, from the buffer beside.
        if let FromWorker::Report { revision } = &reply {
            let json = js_sys::Uint8Array::new(&data.get(1)).to_vec();
            c.inbox.lean(*revision, &json);
            return;
        }
        c.answered(&reply);
        if reply.crashed() {
            c.replace(true);
        }
        c.dispatcher.clone()
    };
    let Some(dispatcher) = dispatcher else { return };
    if let FromWorker::Analysis(response) = &reply
        && response.matched
    {
        dispatcher.dispatch(Action::FilesMatched);
    }
    if let FromWorker::Export(response) = reply {
        deliver(response, &data.get(1), &dispatcher);
    } else {
        let action = match reply {
            FromWorker::Analysis(response) => {
                let outcome = response
                    .result
                    .map_err(|e| e.to_string())
                    .and_then(|()| client.borrow_mut().inbox.report(response.revision))
                    .map(Rc::new);
                if let Ok(report) = &outcome {
                    client.borrow_mut().shown = Some((response.revision, report.clone()));
                }
                Some(Action::AnalysisFinished { revision: response.revision, outcome })
            }
            FromWorker::Cases { revision, followed } => {
                let report = {
                    let mut c = client.borrow_mut();
                    let again = c.cases_made.replace(revision) == Some(revision);
                    let shown = c.shown.clone().filter(|(r, _)| *r == revision && !again);
                    shown.map(|(_, report)| report)
                };
                wasm_bindgen_futures::spawn_local(follow_up(
                    dispatcher, revision, followed, report,
                ));
                return;
            }
            reply => action(reply),
        };
        if let Some(action) = action {
            dispatcher.dispatch(action);
        }
    }
}

/// Hands a rendered export to the merchant: a chat text is shown and put on the clipboard; a file
/// is downloaded, or shown in the page where a download cannot start (inside WeChat's browser,
/// see [`browser::in_app_browser`], or when the download failed).
fn deliver(response: ExportResponse, extra: &JsValue, dispatcher: &UseReducerDispatcher<AppState>) {
    let seq = response.seq;
    if let Err(e) = response.result {
        dispatcher.dispatch(Action::ExportFinished { seq, outcome: Err(e.to_string()) });
        return;
    }
    let bytes = || js_sys::Uint8Array::new(extra).to_vec();
    if response.target.is_text() {
        let text = String::from_utf8_lossy(&bytes()).into_owned();
        dispatcher.dispatch(Action::TextReady { seq, text: text.clone() });
        let dispatcher = dispatcher.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let copied = browser::copy_to_clipboard(&text).await;
            dispatcher.dispatch(Action::TextCopied { seq, copied });
        });
        return;
    }
    let mime = response.target.mime();
    if !browser::in_app_browser()
        && browser::download_buffer(&response.file_name, mime, extra).is_ok()
    {
        dispatcher.dispatch(Action::ExportFinished { seq, outcome: Ok(()) });
        return;
    }
    let content = match response.target {
        ExportTarget::Report(ExportFormat::Xlsx) => InPageContent::Binary,
        ExportTarget::Report(ExportFormat::Html) | ExportTarget::Sheet(_) => {
            InPageContent::Html(String::from_utf8_lossy(&bytes()).into_owned())
        }
        _ => InPageContent::Text(String::from_utf8_lossy(&bytes()).into_owned()),
    };
    let view = InPageView { file_name: response.file_name, content };
    dispatcher.dispatch(Action::ShownInPage { seq, view });
}

/// The action a reply becomes (an export is delivered by [`deliver`], an analysis's report is
/// put together with its findings by [`on_reply`]).
fn action(reply: FromWorker) -> Option<Action> {
    Some(match reply {
        FromWorker::Ready
        | FromWorker::Export(_)
        | FromWorker::Findings { .. }
        | FromWorker::Report { .. }
        | FromWorker::Analysis(_) => return None,
        // Made into cases, then followed, by [`follow_up`].
        FromWorker::Cases { .. } => return None,
        FromWorker::Progress { revision, stage } => Action::AnalysisProgress { revision, stage },
        FromWorker::Chains(chains) => {
            Action::ChainsArrived { revision: chains.revision, deposits: chains.deposits }
        }
        FromWorker::Steps { revision, steps } => Action::StepsArrived { revision, steps },
        FromWorker::CheckSteps { seq, steps } => Action::CheckStepsArrived { seq, steps },
        FromWorker::Check(response) => {
            let outcome = response
                .result
                .map_err(|e| e.to_string())
                .and_then(|json| decode_check(&json))
                .map(Rc::new);
            Action::CheckFinished { seq: response.seq, outcome }
        }
    })
}

/// How many cases [`follow_up`] makes per task.
const CASES_PER_TASK: usize = 500;

/// The case keys of `revision` came (after its report, in a message of their own): the case of
/// each finding is made in slices, a task each, then the case book follows the analysis in one
/// more ([`crate::cases::CaseBook::followed_with`] takes the cases made for the findings it
/// sees first). At 1M attempts a month first seen is 6,729 cases, each with six strings: a third
/// of the follow-up's 115 ms task when they were made inside it. The same revision's keys again
/// (a language switch) make none; another run of files seen before makes them for nothing, in
/// slices too, and the follow-up drops them.
async fn follow_up(
    dispatcher: UseReducerDispatcher<AppState>,
    revision: u64,
    followed: posrecon_engine::follow::Followed,
    report: Option<Rc<posrecon_engine::report::Report>>,
) {
    let Ok(today) = chrono::NaiveDate::parse_from_str(&browser::today_local(), "%Y-%m-%d") else {
        return;
    };
    let mut made = Vec::new();
    if let Some(report) = &report {
        browser::next_task().await;
        let findings: BTreeMap<&str, &posrecon_engine::report::Finding> =
            report.findings.iter().map(|f| (f.id.as_str(), f)).collect();
        made.reserve(followed.findings.len());
        for slice in followed.findings.chunks(CASES_PER_TASK) {
            for fc in slice {
                // None for a finding the report does not have (it is not followed).
                let finding = findings.get(fc.finding_id.as_str());
                made.push(finding.map(|f| crate::cases::Case::of(&fc.key, f, today, &report.lang)));
            }
            browser::next_task().await;
        }
    }
    let now = crate::cases::Now { today, stamp: js_sys::Date::now().max(0.0) as u64 };
    let (followed, made) = (Rc::new(followed), Rc::new(made));
    dispatcher.dispatch(Action::CasesFollowed { revision, followed, made, now });
}

/// The merchant's roles, encodings, mappings and settings as the worker takes them.
fn options_json(state: &AppState) -> String {
    serde_json::to_string(&state.analysis_options()).unwrap_or_default()
}

fn file_ids(state: &AppState) -> Vec<u64> {
    state.files.iter().map(|f| f.id).collect()
}

/// The analysis to ask for, if the reducer is waiting for one (`needs_analysis`).
fn analysis_request(state: &AppState) -> Option<ToWorker> {
    state.needs_analysis().then(|| {
        ToWorker::Analyze(AnalysisRequest {
            revision: state.revision,
            as_of: browser::today_local(),
            lang: state.lang,
            files: file_ids(state),
            options_json: options_json(state),
            open_cases: state.cases.open_keys(),
        })
    })
}

/// The check of the submitted form to ask for, if the reducer is waiting for one.
fn check_request(state: &AppState) -> Option<ToWorker> {
    let (true, Some(form)) = (state.needs_check(), state.check_submitted.clone()) else {
        return None;
    };
    Some(ToWorker::Check(CheckRequest {
        seq: state.check_seq,
        as_of: browser::today_local(),
        lang: state.lang,
        files: file_ids(state),
        time: form.time,
        amount: form.amount,
        card_last4: form.card,
        terminal: form.terminal,
        wallet: form.wallet,
        options_json: options_json(state),
    }))
}

/// The export the reducer started (`export_running`), of the report the worker keeps.
fn export_request(state: &AppState) -> Option<ToWorker> {
    let (Some(target), Some(report)) = (state.export_running(), state.current_report()) else {
        return None;
    };
    Some(ToWorker::Export(ExportRequest {
        seq: state.export_seq,
        revision: state.revision,
        target: target.clone(),
        file_name: target.file_name(report, state.lang),
        redaction: state.redaction,
    }))
}

/// Talks to the engine worker for the page, in five effects (in this order):
/// 1. on mount, start the worker and its spare (fetching their script and wasm), so that nothing
///    is requested once the merchant's files are in;
/// 2. on every new `revision` or analysis state: stop a run no longer wanted (inputs changed,
///    files cleared, cancelled) by replacing its worker, and ask for the analysis wanted;
/// 3. on every new `check_seq`, check the submitted "a customer says they paid" form;
/// 4. on every new `export_seq`, export the report shown;
/// 5. when a finding is opened (or the report it is in arrives), ask for its steps.
///
/// Each reply becomes an action (`AnalysisProgress`, `AnalysisFinished`, `CheckFinished`,
/// `ExportFinished`); the reducer drops replies for an older number.
#[hook]
pub fn use_worker(state: &UseReducerHandle<AppState>) {
    let client = use_mut_ref(WorkerClient::default);
    {
        let client = client.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let me = Rc::downgrade(&client);
            client.borrow_mut().start(me, dispatcher);
        });
    }
    {
        let state = state.clone();
        let client = client.clone();
        use_effect_with((state.revision, state.status_key()), move |_| {
            let mut c = client.borrow_mut();
            c.sync_files(&state.files);
            c.lang = state.lang;
            if c.busy_revision().is_some_and(|r| r != state.revision || !state.needs_analysis()) {
                c.replace(false);
            }
            if c.busy_revision() != Some(state.revision)
                && let Some(request) = analysis_request(&state)
            {
                c.send(request);
            }
        });
    }
    {
        let state = state.clone();
        let client = client.clone();
        use_effect_with(state.check_seq, move |_| {
            if let Some(request) = check_request(&state) {
                let mut c = client.borrow_mut();
                c.sync_files(&state.files);
                c.lang = state.lang;
                c.send(request);
            }
        });
    }
    {
        let state = state.clone();
        let client = client.clone();
        use_effect_with(state.export_seq, move |_| {
            if let Some(request) = export_request(&state) {
                client.borrow_mut().send(request);
            }
        });
    }
    {
        let state = state.clone();
        let key =
            (state.revision, state.chain.revision, state.expanded.clone(), state.status_key());
        use_effect_with(key, move |_| {
            let mut c = client.borrow_mut();
            let c = &mut *c;
            if c.steps_asked.0 != state.revision {
                c.steps_asked = (state.revision, BTreeSet::new());
            }
            let ids: Vec<String> = state
                .steps_wanted()
                .into_iter()
                .filter(|id| c.steps_asked.1.insert(id.clone()))
                .collect();
            if !ids.is_empty() {
                c.send(ToWorker::Steps { revision: state.revision, ids });
            }
        });
    }
}
