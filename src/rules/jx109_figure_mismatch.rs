//! JX109 figure-mismatch.

use super::{Ctx};
use crate::model::Report;

declare_rule! {
    /// TODO
    pub static RULE = ("JX109", "figure-mismatch", "budget", Error, "TODO");
}

/// Check the rule on a report.
pub fn check(_report: &Report, _ctx: &mut Ctx) {}
