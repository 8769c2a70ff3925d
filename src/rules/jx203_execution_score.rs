//! JX203 execution-score.

use super::Ctx;
use super::common::fig;
use crate::figure::fmt_iv_in;
use crate::lang::tr;
use crate::model::Report;
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// The execution-rate 得分 of the fund block must equal 分值 × min(执行率, 100%), using the
    /// 执行率 printed on the same row.
    ///
    /// ### Why it matters
    /// Templates score budget execution proportionally and cap it at the weight (the Guizhou
    /// template: “最高不得超过分值上限”). A score that does not follow from the printed rate was
    /// typed by hand or left over from a draft.
    ///
    /// ### Example
    /// `| 10 | 100% | 9 |` under `| 分值 | 执行率 | 得分 |`: 10 × 100% = 10, not 9.
    ///
    /// ### Arithmetic
    /// One step at a time: the printed rate (an interval, `98.7%` = [98.65, 98.75]) is capped
    /// at 100 and multiplied by the exact weight; the image must meet the score's interval. So
    /// 10 × 98.7% accepts 9.9 and 9.87 but not 9.8, and 98.5% (double rounding) accepts 9.8.
    pub static RULE = ("JX203", "execution-score", Scoring, Error, "执行率得分 ≠ 分值 × min(执行率, 100%)", "执行率得分计算不符");
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
         | 年度资金总额 | 565.72 | 587.65 | 558.27 | 10 | 95% | 9.5 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 558.27 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 99.5 | 等级：优 |\n",
    ];
    fail = [
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 9 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 99 | 等级：优 |\n",
    ];
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for t in &report.tables {
        for r in &t.fund_rows {
            let (Some(w), Some(rate), Some(s)) = (
                fig(&r.weight),
                super::common::rate_fig(&r.rate),
                fig(&r.score),
            ) else {
                continue;
            };
            if !rate.unit.is_percent() {
                continue;
            }
            let (Some(ri), Some(si)) = (rate.interval(), s.interval()) else {
                continue;
            };
            let capped = ri.min_with(Decimal::ONE_HUNDRED);
            let Some(img) = capped.scale(w.value() / Decimal::ONE_HUNDRED) else {
                continue;
            };
            if img.meets(si) {
                continue;
            }
            let msg = tr!(
                "{value}：执行率得分 {raw} ≠ 分值 {raw2} × 执行率 {raw3}",
                "{value}: execution score {raw} ≠ weight {raw2} × rate {raw3}",
                value = &r.label.value,
                raw = &s.raw,
                raw2 = &w.raw,
                raw3 = &rate.raw
            );
            let help = tr!(
                "{raw} × min({raw2}, 100%) 的取值范围 {v}，与得分 {raw3} 的区间 {v2} 不相交",
                "{raw} × min({raw2}, 100%) lies in {v}, which does not meet score {raw3} {v2}",
                raw = &w.raw,
                raw2 = &rate.raw,
                v = &fmt_iv_in(img, Decimal::ONE),
                raw3 = &s.raw,
                v2 = &fmt_iv_in(si, Decimal::ONE)
            );
            let diag = ctx
                .diag(msg)
                .with_help(help)
                .at(&r.score, tr!("得分", "score"))
                .label(&r.rate, tr!("执行率", "rate"))
                .label(&r.weight, tr!("分值", "weight"));
            ctx.push(diag);
        }
    }
}
