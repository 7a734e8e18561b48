//! Reading one cell: money to integer fen ([`amount`]), dates and times ([`time`]), identifiers
//! and masked cards ([`text`]), whether a name is a person's ([`name`]). A leaf both `ingest`
//! (finding the header, totals, known layouts, the merchant's name) and `normalize` (rows to
//! records) read cells through, so neither imports the other for it (and `report`'s redaction
//! asks [`name`] the same question); `normalize` re-exports `amount`, `text` and `time` under
//! their old paths.

pub mod amount;
pub mod name;
pub mod text;
pub mod time;
