//! JX109 figure-mismatch.

use super::Ctx;
use super::common::fig;
use crate::figure::{Figure, Unit, fmt_pm};
use crate::lang::{Phrase, tr};
use crate::model::Report;

declare_rule! {
    /// ### What it checks
    /// One key figure stated with different values in different places of the same report.
    /// Today: the 自评得分 / 综合评分 / 自评总分 stated in the narrative against the 总分 of the
    /// report's 自评表, and the 预算执行率 stated in the narrative against the 执行率 of the
    /// table's 年度资金总额 row (when the report has exactly one such table); and a key budget
    /// figure stated twice in the narrative — an amount whose label names only a budget
    /// concept and its measure (`基本支出预算 530000.00 元` … `2024 年本年一般公共预算基本支出
    /// 545000.00 元`, the same key when the report names no fund other than the general public
    /// budget), for the same year. Only figures that are clearly the same quantity are
    /// compared: a key stated more than twice is left alone (a report of several units states
    /// each unit's).
    ///
    /// ### Why it matters
    /// The narrative is written from one draft of the table and the table published from another.
    ///
    /// ### Example
    /// `自评得分 95 分` in the text, `| 总分 | | | | | 100 | 97 |` in the table (98 and 97 are not
    /// reported: each may be the other rounded).
    ///
    /// ### Arithmetic
    /// The two rounding intervals must meet.
    pub static RULE = ("JX109", "figure-mismatch", Budget, Error, "one key figure stated with different values in two places", "同一数字前后不一致");
    pass = [
        "经自评，本项目自评得分 97 分。\n\n\
         2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 85% | 40 | 37 | 宣传不足，下年加强 |\n\
         | 总分 | | | | | 100 | 97 | 等级：优 |\n",
        "经自评，本项目自评得分 100 分。\n\n\
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
        "经自评，本项目自评得分 95 分。\n\n\
         2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 85% | 40 | 37 | 宣传不足，下年加强 |\n\
         | 总分 | | | | | 100 | 97 | 等级：优 |\n",
    ];
}

/// One key figure: which narrative amounts state it, and how to name it.
struct Key {
    /// Does a narrative amount (unit, label without spaces) state this figure?
    states: fn(&Figure, &str) -> bool,
    name: Phrase,
}

static TOTAL: Key = Key {
    states: |f, l| {
        f.unit == Unit::Score
            && ["自评得分", "综合评分", "自评总分", "评价得分"]
                .iter()
                .any(|k| l.ends_with(k))
    },
    name: Phrase::new("总分", "total score"),
};

static RATE: Key = Key {
    states: |f, l| f.unit.is_percent() && l.ends_with("预算执行率"),
    name: Phrase::new("执行率", "execution rate"),
};

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    let totals: Vec<Figure> = report
        .tables
        .iter()
        .filter(|t| !t.is_prose())
        .filter_map(|t| t.total.as_ref().and_then(|tr| fig(&tr.score)))
        .collect();
    let rates: Vec<Figure> = report
        .tables
        .iter()
        .filter(|t| !t.is_prose())
        .filter_map(|t| super::common::fund_total(t).and_then(|r| super::common::rate_fig(&r.rate)))
        .collect();
    for (key, table) in [(&TOTAL, totals), (&RATE, rates)] {
        // compare only when the report has exactly one table stating the figure
        if let [tf] = table.as_slice() {
            compare(report, ctx, key, tf);
        }
    }
    key_figures(report, ctx);
}

/// A key budget figure stated twice in the narrative with values that cannot be the same.
fn key_figures(report: &Report, ctx: &mut Ctx) {
    use std::collections::BTreeMap;
    let mut by_key: BTreeMap<&str, Vec<&crate::facts::Amount>> = BTreeMap::new();
    for a in &report.facts.amounts {
        if let Some(k) = &a.key {
            by_key.entry(k.as_str()).or_default().push(a);
        }
    }
    for (_, v) in by_key {
        let [a, b] = v.as_slice() else { continue };
        // the same year: printed the same, or printed once (the other is the report's)
        let year = |x: &crate::facts::Amount| x.year.or(report.meta.year);
        if year(a).is_some() && year(b).is_some() && year(a) != year(b) {
            continue;
        }
        if a.sentence == b.sentence {
            continue;
        }
        let (Some(ai), Some(bi)) = (a.figure.interval(), b.figure.interval()) else {
            continue;
        };
        if ai.meets(bi) {
            continue;
        }
        let msg = tr!(
            "{label} {raw} 与前文 {label2} {raw2} 不一致",
            "{label} is {raw} here but {label2} {raw2} earlier",
            label = &b.label,
            raw = &b.figure.raw.replace(' ', ""),
            label2 = &a.label,
            raw2 = &a.figure.raw.replace(' ', "")
        );
        let help = tr!(
            "同一口径的数字：{v} 对 {v2}",
            "the same figure: {v} vs {v2}",
            v = &fmt_pm(&b.figure),
            v2 = &fmt_pm(&a.figure)
        );
        let d = ctx
            .diag(msg)
            .with_help(help)
            .at(b.figure.span, tr!("此处", "here"))
            .label(a.figure.span, tr!("前文", "earlier"));
        ctx.push(d);
    }
}

fn compare(report: &Report, ctx: &mut Ctx, key: &'static Key, tf: &Figure) {
    let Some(ti) = tf.interval() else { return };
    for a in &report.facts.amounts {
        let l: std::borrow::Cow<str> = if a.label.contains(' ') {
            a.label.replace(' ', "").into()
        } else {
            a.label.as_str().into()
        };
        if !(key.states)(&a.figure, &l) {
            continue;
        }
        let Some(ai) = a.figure.interval() else {
            continue;
        };
        if ai.meets(ti) {
            continue;
        }
        let msg = tr!(
            "正文中的{l} {raw} 与自评表{key} {raw2} 不一致",
            "the narrative states {l} {raw} but the table's {key} is {raw2}",
            l = &l,
            raw = &a.figure.raw,
            key = &key.name,
            raw2 = &tf.raw,
        );
        let help = tr!(
            "{v} 对 {v2}",
            "{v} vs {v2}",
            v = &fmt_pm(&a.figure),
            v2 = &fmt_pm(tf)
        );
        let d = ctx
            .diag(msg)
            .with_help(help)
            .at(a.figure.span, tr!("正文", "narrative"))
            .label(tf.span, tr!("表内{key}", "table {key}", key = &key.name));
        ctx.push(d);
    }
}
