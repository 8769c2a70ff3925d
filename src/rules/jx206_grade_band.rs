//! JX206 grade-band.

use super::Ctx;
use super::common::{d, fig};
use crate::lang::tr;
use crate::model::{GradeBand, Report};
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// The 等级 must match the band of 总分. Default bands (财预〔2020〕10号): 优 [90, 100],
    /// 良 [80, 90), 中 [60, 80), 差 [0, 60). Bands stated in the document's own 备注 win over
    /// the configured ones.
    ///
    /// ### Why it matters
    /// The grade is what gets published and compared across departments; a grade that does not
    /// follow from the score is either optimistic or a leftover from a previous draft.
    ///
    /// ### Example
    /// `| 总分 | | | | | 100 | 100 | 等级：良 |` under the bands `90（含）-100分为优`: 100 is 优.
    ///
    /// ### Arithmetic
    /// The printed 总分 is a rounding interval; the grade is accepted when some value of that
    /// interval falls in the stated grade's band (so `89.99` → 良, `90.00` → 优).
    pub static RULE = ("JX206", "grade-band", Scoring, Error, "等级 does not match the band of 总分", "等级与总分不符");
    pass = [
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 100 | 等级：优 |\n\
         注：90（含）-100分为优、80（含）-90分为良、60（含）-80分为中、60分以下为差。\n",
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 30 | |\n\
         | 总分 | | | | | 100 | 90 | 等级：优 |\n\
         注：90（含）-100分为优、80（含）-90分为良、60（含）-80分为中、60分以下为差。\n",
    ];
    fail = [
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 100 | 等级：良 |\n\
         注：90（含）-100分为优、80（含）-90分为良、60（含）-80分为中、60分以下为差。\n",
    ];
}

/// The national default bands.
pub fn default_bands() -> Vec<GradeBand> {
    let b = |g: &str, lo: i64, hi: i64, inc: bool| GradeBand {
        grade: g.into(),
        lo: Decimal::from(lo),
        hi: Decimal::from(hi),
        hi_inclusive: inc,
    };
    vec![
        b("优", 90, 100, true),
        b("良", 80, 90, false),
        b("中", 60, 80, false),
        b("差", 0, 60, false),
    ]
}

fn band_meets(b: &GradeBand, lo: Decimal, hi: Decimal) -> bool {
    let below_top = if b.hi_inclusive {
        lo <= b.hi
    } else {
        lo < b.hi
    };
    below_top && hi >= b.lo
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for t in &report.tables {
        let (Some(total), Some(grade)) = (&t.total, &t.grade) else {
            continue;
        };
        let Some(s) = fig(&total.score) else { continue };
        let Some(iv) = s.interval() else { continue };
        let (Some(lo), Some(hi)) = (iv.lo, iv.hi) else {
            continue;
        };
        let bands = if !t.bands.is_empty() {
            t.bands.clone()
        } else {
            ctx.settings.bands.clone().unwrap_or_else(default_bands)
        };
        let Some(stated) = bands.iter().find(|b| b.grade == grade.value) else {
            continue;
        };
        // a total above every band is itself the slip (score-exceeds-weight reports it)
        if bands.iter().all(|b| lo > b.hi) {
            continue;
        }
        if band_meets(stated, lo, hi) {
            continue;
        }
        let expected: Vec<&str> = bands
            .iter()
            .filter(|b| band_meets(b, lo, hi))
            .map(|b| b.grade.as_str())
            .collect();
        let band_txt = |b: &GradeBand| {
            format!(
                "[{}, {}{}",
                d(b.lo),
                d(b.hi),
                if b.hi_inclusive { "]" } else { ")" }
            )
        };
        let msg = tr!(
            "等级“{value}”与总分 {raw} 不符，应为“{expected}”",
            "grade “{value}” does not match total score {raw}; expected “{expected}”",
            value = &grade.value,
            raw = &s.raw,
            expected = &(expected.join("/"))
        );
        let help = tr!(
            "“{grade}”的分数段为 {v}，总分 {v2} 不在其中",
            "band “{grade}” is {v}; total {v2} lies outside it",
            grade = &stated.grade,
            v = &band_txt(stated),
            v2 = &super::common::pm(&s)
        );
        let diag = ctx
            .diag(msg)
            .with_help(help)
            .at(grade.span, tr!("等级", "grade"))
            .label(&total.score, tr!("总分", "total"));
        ctx.push(diag);
    }
}
