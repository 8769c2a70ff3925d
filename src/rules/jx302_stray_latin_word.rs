//! JX302 stray-latin-word.

use super::{Ctx};
use crate::model::Report;

declare_rule! {
    /// TODO
    pub static RULE = ("JX302", "stray-latin-word", "hygiene", Info, "TODO");
}

/// Check the rule on a report.
pub fn check(_report: &Report, _ctx: &mut Ctx) {}
