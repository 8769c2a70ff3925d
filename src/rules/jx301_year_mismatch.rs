//! JX301 year-mismatch.

use super::Ctx;
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
    /// Report `2022年度部门整体绩效自评报告` with a table `2023年度部门整体绩效自评表`.
    ///
    /// ### Arithmetic
    /// None. Document numbers (`〔2020〕10号`) and dates in the text are not report years.
    pub static RULE = ("JX301", "year-mismatch", Hygiene, Warning, "report year and 自评表 year disagree", "年度前后不一致");
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
        let msg = ctx.t(
            format!("自评表标题年度 {ty} 与报告年度 {ry} 不一致"),
            format!("the table is titled {ty} but the report is for {ry}"),
        );
        let help = ctx.t(
            "核对表格是否为本年度的自评表，或更正标题年度".into(),
            "check that the table belongs to this year's report, or correct its title".into(),
        );
        let diag = ctx
            .diag(msg)
            .with_help(help)
            .at(
                t.title.as_ref().and_then(|x| x.span),
                ctx.t("表格年度".into(), "table year".into()),
            )
            .label(
                report.meta.year_span,
                ctx.t("报告年度".into(), "report year".into()),
            );
        ctx.push(diag);
    }
}
