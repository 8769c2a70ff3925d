//! JX102 breakdown-sum.

use super::{Ctx};
use crate::model::Report;

declare_rule! {
    /// TODO
    pub static RULE = ("JX102", "breakdown-sum", "budget", Error, "TODO");
}

/// Check the rule on a report.
pub fn check(_report: &Report, _ctx: &mut Ctx) {}
