//! JX101 revenue-expenditure-balance.

use super::{Ctx};
use crate::model::Report;

declare_rule! {
    /// TODO
    pub static RULE = ("JX101", "revenue-expenditure-balance", "budget", Error, "TODO");
}

/// Check the rule on a report.
pub fn check(_report: &Report, _ctx: &mut Ctx) {}
