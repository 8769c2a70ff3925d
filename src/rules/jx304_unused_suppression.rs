//! JX304 unused-suppression.

use super::Ctx;
use crate::lang::tr;
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
    pass = [
        "<!-- jixiao-lint: ignore change-rate -->\n\
         本年支出 330 万元，比上年 300 万元增加 30 万元，增长 12%。",
    ];
    fail = [
        "<!-- jixiao-lint: ignore change-rate -->\n\
         本年支出 330 万元，比上年 300 万元增加 30 万元，增长 10%。",
    ];
}

/// Check the rule on a report: the suppressions the engine found covering nothing (it runs
/// this rule after the others and after dropping what the comments cover, see
/// [`super::run`]).
pub fn check(report: &Report, ctx: &mut Ctx) {
    for &i in &ctx.unused_suppressions().to_vec() {
        let Some(s) = report.suppressions.get(i) else {
            continue;
        };
        let unknown: Vec<&str> = s
            .rules
            .iter()
            .filter(|r| super::find(r).is_none())
            .map(String::as_str)
            .collect();
        let msg = if unknown.is_empty() {
            tr!(
                "抑制注释没有抑制任何诊断",
                "this suppression comment suppresses nothing"
            )
        } else {
            let u = unknown.join(", ");
            tr!(
                "抑制注释中的规则不存在：{u}",
                "unknown rule in suppression comment: {u}",
                u = &u
            )
        };
        let help = tr!(
            "删除该注释，或改为实际需要抑制的规则",
            "remove the comment, or name the rule it is meant for"
        );
        let label = tr!("抑制注释", "suppression");
        let d = ctx.diag(msg).with_help(help).at(s.marker.span, label);
        ctx.push(d);
    }
}
