//! JX210 unscored-table.

use super::Ctx;
use super::common::{blank, fig};
use crate::lang::tr;
use crate::model::Report;

declare_rule! {
    /// ### What it checks
    /// A 自评表 whose 得分 column is empty throughout while 分值 is filled.
    ///
    /// ### Why it matters
    /// A self-evaluation without scores was published before the evaluation was done, or the
    /// scores were lost when the table was converted.
    ///
    /// ### Example
    /// `| 培训人次 | ≥500人次 | 520人次 | 30 | |`: every row carries its 分值 and an empty 得分, and so
    /// does the fund block.
    ///
    /// ### Arithmetic
    /// None.
    pub static RULE = ("JX210", "unscored-table", Scoring, Warning, "得分 column empty throughout while 分值 is filled", "自评表未打分");
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
    ];
    fail = [
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | | |\n\
         | 总分 | | | | | 100 | | |\n",
    ];
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for t in &report.tables {
        if t.is_prose() {
            // (about a printed table's cells)
            continue;
        }
        let weighted = t
            .indicators
            .iter()
            .filter(|r| fig(&r.weight).is_some())
            .count();
        if weighted < 2 {
            continue;
        }
        let any_score = t.indicators.iter().any(|r| !blank(&r.score))
            || t.fund_rows.iter().any(|r| !blank(&r.score))
            || t.total.as_ref().is_some_and(|tr| !blank(&tr.score));
        if any_score {
            continue;
        }
        let msg = tr!(
            "自评表有 {weighted} 行填了分值，但得分一栏全部为空",
            "{weighted} rows carry a weight but the score column is empty throughout",
            weighted = &weighted
        );
        let help = tr!(
            "逐行填写得分并汇总总分",
            "score every row and fill in the total"
        );
        let at = t
            .title
            .as_ref()
            .and_then(|x| x.span)
            .or(t.indicators.first().and_then(|r| r.name.span));
        let diag = ctx.diag(msg).with_help(help).at(at, tr!("自评表", "table"));
        ctx.push(diag);
    }
}
