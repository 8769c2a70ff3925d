//! JX304 unused-suppression.

use super::Ctx;
use crate::model::Report;

declare_rule! {
    /// ### What it checks
    /// An inline suppression comment (`<!-- jixiao-lint: ignore change-rate -->`, covering the
    /// next paragraph) that suppressed nothing, or names a rule that does not exist.
    ///
    /// ### Why it matters
    /// Stale suppressions hide the next real finding in that paragraph and make reviewers trust
    /// text that was never checked.
    ///
    /// ### Example
    /// `<!-- jixiao-lint: ignore change-rate -->` above a paragraph whose rates are all right.
    ///
    /// ### Arithmetic
    /// None. The check runs after every other rule, on what the suppressions removed.
    pub static RULE = ("JX304", "unused-suppression", Hygiene, Warning, "an inline suppression suppressed nothing", "无效的忽略标记");
}

/// The check runs in the engine after the other rules (see `lint::lint_model`); nothing to do here.
pub fn check(_report: &Report, _ctx: &mut Ctx) {}
