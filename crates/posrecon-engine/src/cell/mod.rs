//! Reading one cell: money to integer fen ([`amount`]), dates and times ([`time`]), identifiers
//! and masked cards ([`text`]). A leaf both `ingest` (finding the header, totals, known layouts)
//! and `normalize` (rows to records) read cells through, so neither imports the other for it;
//! `normalize` re-exports the three modules under their old paths.

pub mod amount;
pub mod text;
pub mod time;
