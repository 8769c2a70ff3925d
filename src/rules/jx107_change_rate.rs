//! JX107 change-rate.

use super::{Ctx};
use crate::model::Report;

declare_rule! {
    /// TODO
    pub static RULE = ("JX107", "change-rate", "budget", Error, "TODO");
}

/// Check the rule on a report.
pub fn check(_report: &Report, _ctx: &mut Ctx) {}
