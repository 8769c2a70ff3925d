//! JX301 year-mismatch.

use super::Ctx;
use crate::lang::tr;
use crate::model::Report;

declare_rule! {
    /// ### What it checks
    /// The report's year (from its title) and the year in the title of an attached 自评表
    /// disagree.
    ///
    /// ### Why it matters
    /// Reports are often started from last year's file; a table titled with another year is
    /// either the wrong table or a title nobody updated.
    ///
    /// ### Example
    /// `2022年度项目支出绩效自评报告` with a table `2023年度项目支出绩效自评表`.
    ///
    /// ### Arithmetic
    /// None. Document numbers (`〔2020〕10号`) and dates in the text are not report years.
    pub static RULE = ("JX301", "year-mismatch", Hygiene, Warning, "report year and 自评表 year disagree", "年度前后不一致");
    pass = [
        "2023年度项目支出绩效自评报告\n\n\
         2023年度项目支出绩效自评表\n\
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
        "2022年度项目支出绩效自评报告\n\n\
         2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 100 | 等级：优 |\n",
    ];
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    let Some(ry) = report.meta.year else { return };
    for t in &report.tables {
        if t.is_prose() {
            // (about a printed table's cells)
            continue;
        }
        let Some(ty) = t.year else { continue };
        if ty == ry {
            continue;
        }
        let msg = tr!(
            "自评表标题年度 {ty} 与报告年度 {ry} 不一致",
            "the table is titled {ty} but the report is for {ry}",
            ty = &ty,
            ry = &ry
        );
        let help = tr!(
            "核对表格是否为本年度的自评表，或更正标题年度",
            "check that the table belongs to this year's report, or correct its title"
        );
        let diag = ctx
            .diag(msg)
            .with_help(help)
            .at(
                t.title.as_ref().and_then(|x| x.span),
                tr!("表格年度", "table year"),
            )
            .label(report.meta.year_span, tr!("报告年度", "report year"));
        ctx.push(diag);
    }
}
