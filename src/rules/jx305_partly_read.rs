//! JX305 partly-read.

use super::Ctx;
use crate::lang::{Phrase, tr};
use crate::model::{ReadLimitKind, Report};

declare_rule! {
    /// ### What it checks
    /// Extraction stopped before the end of the input because the input is far larger or
    /// denser than any report (more than 200,000 lines, 500,000 table cells, or 50,000
    /// figures in the narrative). What follows the marked place was not read, so it was not
    /// checked.
    ///
    /// ### Why it matters
    /// Silence about the rest of a file is not a clean result. A file this size is usually
    /// several reports joined, an export with the data of a whole database, or not a report at
    /// all: check the reports one by one.
    ///
    /// ### Example
    /// A text of 1,100 lines of 500 tab-separated numbers: reading stops at line 1,001, where the
    /// 500,001st table cell would start, and the finding there says the file passed
    /// `500000 个表格单元格的读取上限`.
    ///
    /// ### Arithmetic
    /// None.
    pub static RULE = ("JX305", "partly-read", Hygiene, Warning, "the input was read only up to a limit", "文件只读取了一部分");
    pass = [
        "2023年度项目支出绩效自评报告\n\n\
         本年度项目按计划实施，各项指标均已完成。",
    ];
    fail = [
    ];
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for l in &report.read_limits {
        static LINES: Phrase = Phrase::new("行", "lines");
        static CELLS: Phrase = Phrase::new("个表格单元格", "table cells");
        static FIGURES: Phrase = Phrase::new("个正文数字", "figures in the narrative");
        let what = match l.kind {
            ReadLimitKind::Lines => &LINES,
            ReadLimitKind::Cells => &CELLS,
            ReadLimitKind::Figures => &FIGURES,
        };
        let msg = tr!(
            "文件超过 {limit} {what}的读取上限，从这里起没有读取、没有检查",
            "the input holds more than {limit} {what}; from here on it was not read or checked",
            limit = &l.limit,
            what = what,
        );
        let help = tr!(
            "把合并在一起的报告拆开，逐份检查",
            "split joined reports and check them one by one"
        );
        let label = tr!("从这里起未读取", "not read from here");
        let d = ctx.diag(msg).with_help(help).at(l.span, label);
        ctx.push(d);
    }
}
