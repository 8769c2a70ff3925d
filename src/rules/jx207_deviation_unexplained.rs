//! JX207 deviation-unexplained.

use super::Ctx;
use super::attainment::{Attainment, attainment};
use super::common::{blank, fig};
use crate::diagnostic::Place;
use crate::lang::tr;
use crate::model::Report;

declare_rule! {
    /// ### What it checks
    /// An indicator row that lost points (得分 < 分值) or whose 实际完成值 misses the 年度指标值
    /// must explain the deviation in 偏差原因分析及改进措施.
    ///
    /// ### Why it matters
    /// 财预〔2020〕10号 requires every target that was not met, or met with a large deviation, to be
    /// analysed with a remedy. An empty reason cell is the most common finding of a review.
    ///
    /// ### Example
    /// `| 学员满意度 | ≥90% | 85% | 40 | 35 | |`: 5 points lost and the reason cell empty.
    ///
    /// ### Arithmetic
    /// Points are lost when the upper end of the printed 得分 interval is below the exact 分值.
    /// Attainment compares the actual as printed with the exact target, direction-aware (≥, ≤, =).
    pub static RULE = ("JX207", "deviation-unexplained", Scoring, Warning, "points lost or target missed, but no 偏差原因", "未说明偏差原因");
    pass = [
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 100 | 等级：优 |\n",
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 85% | 40 | 35 | 宣传不足，下年加强 |\n\
         | 总分 | | | | | 100 | 95 | 等级：优 |\n",
    ];
    fail = [
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 85% | 40 | 35 | |\n\
         | 总分 | | | | | 100 | 95 | 等级：优 |\n",
    ];
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for (ti, t) in report.tables.iter().enumerate() {
        if t.is_prose() {
            // (about a printed table's cells)
            continue;
        }
        for (ri, r) in t.indicators.iter().enumerate() {
            if !blank(&r.reason) {
                continue;
            }
            let lost = match (fig(&r.weight), fig(&r.score)) {
                (Some(w), Some(s)) => s
                    .interval()
                    .and_then(|i| i.hi)
                    .is_some_and(|hi| hi < w.value()),
                _ => false,
            };
            let missed = attainment(r, ctx.compared(report, ti, ri)) == Attainment::Missed;
            if !lost && !missed {
                continue;
            }
            let actual = r.actual.as_ref().map(|c| c.raw.as_str()).unwrap_or("");
            let target = r.target.as_ref().map(|c| c.raw.as_str()).unwrap_or("");
            let what = match (lost, missed) {
                (true, true) => tr!(
                    "未达到指标值（{actual} 对 {target}）且扣分",
                    "missed its target and lost points",
                    actual = actual,
                    target = target,
                ),
                (true, false) => tr!("扣分", "lost points"),
                _ => tr!(
                    "未达到指标值（{actual} 对 {target}）",
                    "missed its target",
                    actual = actual,
                    target = target,
                ),
            };
            let score_txt = match (fig(&r.score), fig(&r.weight)) {
                (Some(s), Some(w)) => format!("{}/{}", s.raw, w.raw),
                _ => String::new(),
            };
            let msg = tr!(
                "{value}：{what}，但偏差原因分析及改进措施为空",
                "{value}: {what}, but the deviation reason is empty",
                value = &r.name.value,
                what = what,
            );
            let help = tr!(
                "得分/分值 {score_txt}；未完成或扣分的指标须说明偏差原因并提出改进措施（财预〔2020〕10号）",
                "score/weight {score_txt}; a missed or down-scored indicator must explain why and say how it will improve",
                score_txt = &score_txt
            );
            let at = Place::from(&r.score).or(&r.actual).or(r.name.span);
            let diag = ctx
                .diag(msg)
                .with_help(help)
                .at(at, tr!("得分", "score"))
                .label(r.name.span, tr!("指标", "indicator"));
            ctx.push(diag);
        }
    }
}
