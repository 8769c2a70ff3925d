//! JX201 score-exceeds-weight.

use super::Ctx;
use super::common::{d, fig, span};
use crate::lang::tr;
use crate::model::{Cell, Report};
use crate::source::Span;
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// An 得分 above its 分值: on any indicator row, on the execution-rate row of the fund block,
    /// and for 总分 against the total 分值 (100 unless the table states another).
    ///
    /// ### Why it matters
    /// A score can never exceed the points the item can earn (财预〔2020〕10号: completing the
    /// target earns 全部分值, no more). It is usually a typo in either cell.
    ///
    /// ### Example
    /// `| 合格率 | ≥95% | 98% | 20 | 22 |`: 得分 22 > 分值 20.
    ///
    /// ### Arithmetic
    /// 分值 is exact (a weight). 得分 printed with k decimals stands for ±½·10^-k; the rule fires
    /// only when even the lower end of that interval is above the weight (`5.3` → 5.25 > 5).
    pub static RULE = ("JX201", "score-exceeds-weight", Scoring, Error, "得分 above its 分值", "得分超过分值");
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
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 29.5 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 99.5 | 等级：优 |\n",
    ];
    fail = [
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 22 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 100 | 等级：优 |\n",
    ];
}

fn check_pair(
    ctx: &mut Ctx,
    name: &str,
    weight: Option<(Decimal, Option<Span>, String)>,
    score: &Option<Cell>,
) {
    let Some((w, wspan, wraw)) = weight else {
        return;
    };
    let Some(s) = fig(score) else { return };
    let Some(iv) = s.interval() else { return };
    let Some(lo) = iv.lo else { return };
    if lo <= w {
        return;
    }
    let msg = tr!(
        "{name}：得分 {raw} 高于分值 {wraw}",
        "{name}: score {raw} exceeds weight {wraw}",
        name = &name,
        raw = &s.raw,
        wraw = &wraw
    );
    let help = tr!(
        "得分 {v} 的下限 {v2} > 分值 {v3}：得分不能超过分值",
        "the lower end {v2} of score {v} is above weight {v3}: a score cannot exceed its weight",
        v = &super::common::pm(&s),
        v2 = &d(lo),
        v3 = &d(w)
    );
    let diag = ctx
        .diag(msg)
        .with_help(help)
        .at(score, tr!("得分", "score"))
        .label(wspan, tr!("分值", "weight"));
    ctx.push(diag);
}

fn weight_of(c: &Option<Cell>) -> Option<(Decimal, Option<Span>, String)> {
    let f = fig(c)?;
    Some((f.value(), span(c), f.raw))
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for t in &report.tables {
        for r in &t.fund_rows {
            check_pair(ctx, &r.label.value, weight_of(&r.weight), &r.score);
        }
        for r in &t.indicators {
            check_pair(ctx, &r.name.value, weight_of(&r.weight), &r.score);
        }
        if let Some(tr) = &t.total {
            let w = weight_of(&tr.weight).or(Some((Decimal::ONE_HUNDRED, None, "100".into())));
            check_pair(ctx, "总分", w, &tr.score);
        }
    }
}
