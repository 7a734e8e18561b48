//! Stage 4: matches and leftovers -> findings.
//!
//! TODO(matcher helper).

use crate::Options;
use crate::matcher::MatchSet;
use crate::model::Record;
use crate::report::{Finding, Input};

/// Produces the findings, sorted and numbered.
pub fn run(records: &[Record], inputs: &[Input], match_set: &MatchSet, options: &Options) -> Vec<Finding> {
    let _ = (records, inputs, match_set, options);
    Vec::new()
}
