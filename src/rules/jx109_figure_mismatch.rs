//! JX109 figure-mismatch.

use super::Ctx;
use super::common::fig;
use crate::figure::{Unit, fmt_pm};
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
    pub static RULE = ("JX109", "figure-mismatch", "budget", Error, "one key figure stated with different values in two places");
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    check_total(report, ctx);
    check_rate(report, ctx);
}

fn check_rate(report: &Report, ctx: &mut Ctx) {
    let rated: Vec<_> = report
        .tables
        .iter()
        .filter_map(|t| super::common::fund_total(t).and_then(|r| fig(&r.rate).map(|f| (r, f))))
        .collect();
    if rated.len() != 1 {
        return;
    }
    let (_, tf) = &rated[0];
    let Some(ti) = tf.interval() else { return };
    for a in &report.facts.amounts {
        if !a.figure.unit.is_percent() {
            continue;
        }
        let l = a.label.replace(' ', "");
        if !l.ends_with("预算执行率") {
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
                "正文中的预算执行率 {} 与自评表执行率 {} 不一致",
                a.figure.raw, tf.raw
            ),
            format!(
                "the narrative states an execution rate of {} but the table shows {}",
                a.figure.raw, tf.raw
            ),
        );
        let help = ctx.t(
            format!("{} 对 {}", fmt_pm(&a.figure), fmt_pm(tf)),
            format!("{} vs {}", fmt_pm(&a.figure), fmt_pm(tf)),
        );
        let d = ctx
            .diag(msg)
            .with_help(help)
            .at(
                a.figure.span,
                ctx.t("正文执行率".into(), "narrative rate".into()),
            )
            .label(tf.span, ctx.t("表内执行率".into(), "table rate".into()));
        ctx.push(d);
    }
}

fn check_total(report: &Report, ctx: &mut Ctx) {
    let scored: Vec<_> = report
        .tables
        .iter()
        .filter(|t| t.total.as_ref().is_some_and(|tr| fig(&tr.score).is_some()))
        .collect();
    if scored.len() != 1 {
        return;
    }
    let total = scored[0].total.as_ref().unwrap();
    let Some(ts) = fig(&total.score) else { return };
    let Some(ti) = ts.interval() else { return };
    for a in &report.facts.amounts {
        if a.figure.unit != Unit::Score {
            continue;
        }
        let l = a.label.replace(' ', "");
        if !(l.ends_with("自评得分")
            || l.ends_with("综合评分")
            || l.ends_with("自评总分")
            || l.ends_with("评价得分"))
        {
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
                "正文中的{} {} 与自评表总分 {} 不一致",
                l, a.figure.raw, ts.raw
            ),
            format!(
                "the narrative states {} {} but the table's total is {}",
                l, a.figure.raw, ts.raw
            ),
        );
        let help = ctx.t(
            format!("{} 对 {}", fmt_pm(&a.figure), fmt_pm(&ts)),
            format!("{} vs {}", fmt_pm(&a.figure), fmt_pm(&ts)),
        );
        let d = ctx
            .diag(msg)
            .with_help(help)
            .at(
                a.figure.span,
                ctx.t("正文得分".into(), "narrative score".into()),
            )
            .label(ts.span, ctx.t("表内总分".into(), "table total".into()));
        ctx.push(d);
    }
}
