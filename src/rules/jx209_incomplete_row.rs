//! JX209 incomplete-row.

use super::Ctx;
use super::common::{blank, fig};
use crate::model::{Cell, Report};

declare_rule! {
    /// ### What it checks
    /// An indicator row that names an item but lacks its 年度指标值, 实际完成值, 分值 or 得分.
    /// A dash, `/` or 不适用 is an explicit absence, not a gap.
    ///
    /// ### Why it matters
    /// 财预〔2020〕10号 asks for tables that are “内容完整”; a named indicator with nothing filled
    /// in is usually a row the drafter forgot, and its points are missing from the total.
    ///
    /// ### Example
    /// `老干部满意度 |  |  |  |  |`: no target, no actual, no weight, no score.
    ///
    /// ### Arithmetic
    /// None: a cell is either filled or not. Only tables with at least one fully scored row are
    /// checked, so tables without score columns do not produce noise.
    pub static RULE = ("JX209", "incomplete-row", Scoring, Warning, "an indicator row lacks 指标值, 完成值, 分值 or 得分", "指标行填写不全");
}

fn missing(c: &Option<Cell>) -> bool {
    blank(c)
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for t in &report.tables {
        if t.is_prose() {
            // (about a printed table's cells)
            continue;
        }
        let scored = t
            .indicators
            .iter()
            .any(|r| fig(&r.weight).is_some() && fig(&r.score).is_some());
        if !scored {
            continue;
        }
        for r in &t.indicators {
            let mut gaps_zh = Vec::new();
            let mut gaps_en = Vec::new();
            for (c, zh, en) in [
                (&r.target, "年度指标值", "target"),
                (&r.actual, "实际完成值", "actual"),
                (&r.weight, "分值", "weight"),
                (&r.score, "得分", "score"),
            ] {
                if missing(c) {
                    gaps_zh.push(zh);
                    gaps_en.push(en);
                }
            }
            if gaps_zh.is_empty() {
                continue;
            }
            let msg = ctx.t(
                format!("指标“{}”缺少{}", r.name.value, gaps_zh.join("、")),
                format!(
                    "indicator “{}” lacks its {}",
                    r.name.value,
                    gaps_en.join(", ")
                ),
            );
            let help = ctx.t(
                "填写缺失的单元格；不适用的指标请写“—”或“不适用”".to_string(),
                "fill the missing cells; write “—” or 不适用 for an indicator that does not apply"
                    .to_string(),
            );
            let diag = ctx
                .diag(msg)
                .with_help(help)
                .at(r.name.span, ctx.t("指标".into(), "indicator".into()));
            ctx.push(diag);
        }
    }
}
