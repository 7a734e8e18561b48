//! posrecon web page: a Yew (CSR) app that reads statement files in the browser.
//!
//! Merchant data never leaves the browser. The page loads once from its own origin; after that
//! it makes no request except for the bundled demo files, which live on the same origin.
//!
//! Code map:
//! - [`state`]: the whole UI state, one pure reducer ([`state::AppState`], [`state::Action`]).
//! - [`components`]: presentational components, data and callbacks in, markup out.
//! - [`agent`]: the Web Worker that runs `posrecon_engine::analyze`, and the messages it takes.
//! - [`browser`]: the few browser effects (reading dropped files, fetching the demo, the date).
//! - [`export`]: the downloads (Excel, CSV, HTML report, JSON): formats, names, rendering.
//! - [`i18n`]: every UI string, Chinese first, English second.
//! - [`mapping`]: saved column mappings (templates), the settings panel, the options they make.
//! - [`format`]: money and time formatting.
//! - [`app`]: the root component that wires state, browser effects and the worker together.
//!
//! **Invariant:** components never call the engine. They dispatch actions; only the worker
//! runs the engine, so a large file never freezes the page.

pub mod agent;
pub mod app;
pub mod browser;
pub mod components;
pub mod export;
pub mod format;
pub mod hooks;
pub mod i18n;
pub mod mapping;
pub mod state;
pub mod view;

pub use app::App;
