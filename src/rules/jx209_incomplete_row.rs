//! JX209 incomplete-row.

use super::Ctx;
use super::common::{blank, fig};
use crate::lang::{Message, Phrase, tr};
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
    /// `| 合格率 | | | | | |`: no target, no actual, no weight, no score.
    ///
    /// ### Arithmetic
    /// None: a cell is either filled or not. Only tables with at least one fully scored row are
    /// checked, so tables without score columns do not produce noise.
    pub static RULE = ("JX209", "incomplete-row", Scoring, Warning, "an indicator row lacks 指标值, 完成值, 分值 or 得分", "指标行填写不全");
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
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | | | | | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 100 | 等级：优 |\n",
    ];
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
            static TARGET: Phrase = Phrase::new("年度指标值", "target");
            static ACTUAL: Phrase = Phrase::new("实际完成值", "actual");
            static WEIGHT: Phrase = Phrase::new("分值", "weight");
            static SCORE: Phrase = Phrase::new("得分", "score");
            static LIST: Phrase = Phrase::new("、", ", ");
            let cells = [
                (&r.target, &TARGET),
                (&r.actual, &ACTUAL),
                (&r.weight, &WEIGHT),
                (&r.score, &SCORE),
            ];
            let gaps = cells.into_iter().filter(|(c, _)| missing(c));
            let Some(gaps) = Message::join(gaps.map(|(_, name)| Message::new(name)), &LIST) else {
                continue;
            };
            let msg = tr!(
                "指标“{value}”缺少{gaps}",
                "indicator “{value}” lacks its {gaps}",
                value = &r.name.value,
                gaps = gaps,
            );
            let help = tr!(
                "填写缺失的单元格；不适用的指标请写“—”或“不适用”",
                "fill the missing cells; write “—” or 不适用 for an indicator that does not apply"
            );
            let diag = ctx
                .diag(msg)
                .with_help(help)
                .at(r.name.span, tr!("指标", "indicator"));
            ctx.push(diag);
        }
    }
}
