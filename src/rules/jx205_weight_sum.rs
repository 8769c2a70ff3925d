//! JX205 weight-sum.

use super::Ctx;
use super::common::{blank, d, fig, fund_total};
use crate::diagnostic::Place;
use crate::lang::tr;
use crate::model::{Cell, Report};
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// A declared weight must equal the sum of the 分值 of the rows it covers: a first-level
    /// section (`产出指标 (50分)`), the whole indicator block (`绩效指标(90分)`) and the fund
    /// block (`预算执行情况(10分)`).
    ///
    /// ### Why it matters
    /// The national rule sets 产出 50 / 效益 30 / 满意度 10 / 执行率 10; a section whose rows do
    /// not add up to its declared weight means a row was added, dropped or re-weighted.
    ///
    /// ### Example
    /// `| 产出指标（50分） |` over rows of 25 and 20 points: 45 ≠ 50.
    ///
    /// ### Arithmetic
    /// Weights are exact, so the comparison is exact. Reported only when the rows' membership
    /// is unambiguous: when a PDF extraction displaced a section header cell, or rows of another
    /// section appear under it, the extractor marks the section uncertain and nothing is reported.
    pub static RULE = ("JX205", "weight-sum", Scoring, Error, "declared section weight ≠ Σ 分值 of its rows", "分值合计不符");
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
         | 产出指标（50.0分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 100 | 等级：优 |\n",
    ];
    fail = [
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 25 | 25 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 95 | 95 | 等级：优 |\n",
    ];
}

fn report_mismatch(ctx: &mut Ctx, name: &str, declared: &Cell, sum: Decimal, n: usize, at: Place) {
    let Some(w) = declared.figure() else { return };
    if w.value() == sum {
        return;
    }
    let msg = tr!(
        "{name}声明分值 {raw}，但其下 {n} 行分值之和为 {v}",
        "{name} declares {raw} points but its {n} rows weigh {v}",
        name = &name,
        raw = &w.raw,
        n = &n,
        v = &d(sum)
    );
    let help = tr!(
        "Σ 分值 = {v} ≠ {raw}（分值为精确值）",
        "Σ weights = {v} ≠ {raw} (weights are exact)",
        v = &d(sum),
        raw = &w.raw
    );
    let diag = ctx.diag(msg).with_help(help).at(
        Place::from(declared).or(at),
        tr!("声明分值", "declared weight"),
    );
    ctx.push(diag);
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for t in &report.tables {
        for (si, s) in t.sections.iter().enumerate() {
            let Some(declared) = &s.weight else { continue };
            if !s.membership_certain {
                continue;
            }
            let rows: Vec<_> = t
                .indicators
                .iter()
                .filter(|r| r.section == Some(si))
                .collect();
            if rows.is_empty() {
                continue;
            }
            let ws: Option<Vec<Decimal>> = rows
                .iter()
                .filter(|r| !(blank(&r.weight) && blank(&r.score)))
                .map(|r| fig(&r.weight).map(|f| f.value()))
                .collect();
            let Some(ws) = ws else { continue };
            if ws.is_empty() || rows.iter().any(|r| blank(&r.weight)) {
                continue;
            }
            report_mismatch(
                ctx,
                &s.name.value,
                declared,
                ws.iter().copied().sum(),
                ws.len(),
                s.name.span.into(),
            );
        }
        if let Some(declared) = &t.indicator_block_weight
            && t.sections.iter().all(|s| s.membership_certain)
            && !t.indicators.is_empty()
        {
            let ws: Option<Vec<Decimal>> = t
                .indicators
                .iter()
                .filter(|r| !(blank(&r.weight) && blank(&r.score)))
                .map(|r| fig(&r.weight).map(|f| f.value()))
                .collect();
            if let Some(ws) = ws
                && !ws.is_empty()
                && !t.indicators.iter().any(|r| blank(&r.weight))
            {
                report_mismatch(
                    ctx,
                    "绩效指标",
                    declared,
                    ws.iter().copied().sum(),
                    ws.len(),
                    Place::default(),
                );
            }
        }
        if let (Some(declared), Some(ft)) = (&t.fund_block_weight, fund_total(t))
            && let Some(w) = fig(&ft.weight)
        {
            report_mismatch(ctx, "预算执行", declared, w.value(), 1, (&ft.weight).into());
        }
    }
}
