//! posrecon web page: a Yew (CSR) app that reads statement files in the browser.
//!
//! Merchant data never leaves the browser. The page loads once from its own origin; after that
//! it makes no request except for the bundled demo files, which live on the same origin.
//!
//! Code map:
//! - [`state`]: the whole UI state, one pure reducer ([`state::AppState`], [`state::Action`]).
//! - [`view`]: view models, pure functions from the state to what is shown (which panels, the
//!   file cards, the figures, a finding's row, badges and status lines); tested natively.
//! - [`components`]: presentational components, data and callbacks in, markup out.
//! - [`hooks`]: the browser effects of the root component: `use_worker` (the engine worker),
//!   `use_persisted` (localStorage), `use_document_lang` (`<html lang>`).
//! - [`agent`]: the Web Worker that runs `posrecon_engine::analyze`, and the messages it takes.
//! - [`browser`]: the few browser effects (reading dropped files, fetching the demo, the date).
//! - [`export`]: the downloads (Excel, CSV, HTML report, JSON): formats, names, rendering.
//! - [`i18n`]: every UI string, Chinese first, English second.
//! - [`mapping`]: saved column mappings (templates), the settings panel, the options they make.
//! - [`cases`]: cases that last: each finding's status and note, kept across runs.
//! - [`format`]: money and time formatting.
//! - [`app`]: the root component: the reducer, the hooks, [`app::Handlers`] (every event as an
//!   action) and the page's layout of the view model.
//!
//! **Invariant:** components never call the engine. They dispatch actions; only the worker
//! runs the engine, so a large file never freezes the page.

pub mod agent;
pub mod app;
pub mod browser;
pub mod cases;
pub mod components;
pub mod export;
pub mod filter;
pub mod format;
pub mod hooks;
pub mod i18n;
pub mod mapping;
pub mod state;
pub mod view;

pub use app::App;
