//! JX109 figure-mismatch.

use super::Ctx;
use super::common::fig;
use crate::figure::{Figure, Unit, fmt_pm};
use crate::model::Report;

declare_rule! {
    /// ### What it checks
    /// One key figure stated with different values in different places of the same report.
    /// Today: the 自评得分 / 综合评分 / 自评总分 stated in the narrative against the 总分 of the
    /// report's 自评表, and the 预算执行率 stated in the narrative against the 执行率 of the
    /// table's 年度资金总额 row (when the report has exactly one such table). Only figures that
    /// are clearly the same quantity are compared.
    ///
    /// ### Why it matters
    /// The narrative is written from one draft of the table and the table published from another.
    ///
    /// ### Example
    /// `自评得分 98 分` in the text, `总分 97` in the table.
    ///
    /// ### Arithmetic
    /// The two rounding intervals must meet.
    pub static RULE = ("JX109", "figure-mismatch", "budget", Error, "one key figure stated with different values in two places", "同一数字前后不一致");
}

/// One key figure: which narrative amounts state it, and how to name it.
struct Key {
    /// Does a narrative amount (unit, label without spaces) state this figure?
    states: fn(&Figure, &str) -> bool,
    zh: &'static str,
    en: &'static str,
}

const TOTAL: Key = Key {
    states: |f, l| {
        f.unit == Unit::Score
            && ["自评得分", "综合评分", "自评总分", "评价得分"]
                .iter()
                .any(|k| l.ends_with(k))
    },
    zh: "总分",
    en: "total score",
};

const RATE: Key = Key {
    states: |f, l| f.unit.is_percent() && l.ends_with("预算执行率"),
    zh: "执行率",
    en: "execution rate",
};

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    let totals: Vec<Figure> = report
        .tables
        .iter()
        .filter_map(|t| t.total.as_ref().and_then(|tr| fig(&tr.score)))
        .collect();
    let rates: Vec<Figure> = report
        .tables
        .iter()
        .filter_map(|t| super::common::fund_total(t).and_then(|r| fig(&r.rate)))
        .collect();
    for (key, table) in [(&TOTAL, totals), (&RATE, rates)] {
        // compare only when the report has exactly one table stating the figure
        if let [tf] = table.as_slice() {
            compare(report, ctx, key, tf);
        }
    }
}

fn compare(report: &Report, ctx: &mut Ctx, key: &Key, tf: &Figure) {
    let Some(ti) = tf.interval() else { return };
    for a in &report.facts.amounts {
        let l = a.label.replace(' ', "");
        if !(key.states)(&a.figure, &l) {
            continue;
        }
        let Some(ai) = a.figure.interval() else {
            continue;
        };
        if ai.meets(ti) {
            continue;
        }
        let msg = ctx.t(
            format!(
                "正文中的{l} {} 与自评表{} {} 不一致",
                a.figure.raw, key.zh, tf.raw
            ),
            format!(
                "the narrative states {l} {} but the table's {} is {}",
                a.figure.raw, key.en, tf.raw
            ),
        );
        let help = ctx.t(
            format!("{} 对 {}", fmt_pm(&a.figure), fmt_pm(tf)),
            format!("{} vs {}", fmt_pm(&a.figure), fmt_pm(tf)),
        );
        let d = ctx
            .diag(msg)
            .with_help(help)
            .at(a.figure.span, ctx.t("正文".into(), "narrative".into()))
            .label(
                tf.span,
                ctx.t(format!("表内{}", key.zh), format!("table {}", key.en)),
            );
        ctx.push(d);
    }
}
