//! JX303 formula-without-value.

use super::Ctx;
use crate::lang::tr;
use crate::model::Report;

declare_rule! {
    /// ### What it checks
    /// A spreadsheet cell holds a formula whose value was never calculated and saved (no
    /// cached value), so a reader of the file sees nothing, and jixiao-lint cannot check it.
    ///
    /// ### Why it matters
    /// Files written by scripts or some converters leave formulas uncalculated; the published
    /// table would show an empty or stale cell. The cell is shown as its formula, never read as
    /// empty.
    ///
    /// ### Example
    /// `自评表!C1` holds `=SUM(C2:C9)` with no value: open and save the file in Excel or WPS.
    ///
    /// ### Arithmetic
    /// None.
    pub static RULE = ("JX303", "formula-without-value", Hygiene, Warning, "a spreadsheet formula has no calculated value", "公式没有计算结果");
    pass = [
        "2023年度项目支出绩效自评报告\n\n\
         本年度项目按计划实施，各项指标均已完成。",
    ];
    fail = [
    ];
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for f in &report.uncached_formulas {
        let msg = tr!(
            "单元格公式 {value} 没有计算结果（未保存缓存值）",
            "the formula {value} has no calculated value",
            value = &f.value
        );
        let help = tr!(
            "在 Excel 或 WPS 中打开并保存文件，使公式结果写入文件",
            "open and save the file in Excel or WPS so that the value is stored"
        );
        let d = ctx
            .diag(msg)
            .with_help(help)
            .at(f.span, tr!("公式", "formula"));
        ctx.push(d);
    }
}
