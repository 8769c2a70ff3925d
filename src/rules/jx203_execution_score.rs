//! JX203 execution-score.

use super::Ctx;
use super::common::{fig, span};
use crate::figure::fmt_iv_in;
use crate::model::Report;
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// The execution-rate 得分 of the fund block must equal 分值 × min(执行率, 100%), using the
    /// 执行率 printed on the same row.
    ///
    /// ### Why it matters
    /// Templates score budget execution proportionally and cap it at the weight (the Guizhou
    /// template: “最高不得超过分值上限”). A score that does not follow from the printed rate was
    /// typed by hand or left over from a draft.
    ///
    /// ### Example
    /// `分值 10 | 执行率 100% | 得分 9`: 10 × 100% = 10, not 9.
    ///
    /// ### Arithmetic
    /// One step at a time: the printed rate (an interval, `98.7%` = [98.65, 98.75]) is capped
    /// at 100 and multiplied by the exact weight; the image must meet the score's interval. So
    /// 10 × 98.7% accepts 9.9 and 9.87 but not 9.8, and 98.5% (double rounding) accepts 9.8.
    pub static RULE = ("JX203", "execution-score", Scoring, Error, "执行率得分 ≠ 分值 × min(执行率, 100%)", "执行率得分计算不符");
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for t in &report.tables {
        for r in &t.fund_rows {
            let (Some(w), Some(rate), Some(s)) = (
                fig(&r.weight),
                super::common::rate_fig(&r.rate),
                fig(&r.score),
            ) else {
                continue;
            };
            if !rate.unit.is_percent() {
                continue;
            }
            let (Some(ri), Some(si)) = (rate.interval(), s.interval()) else {
                continue;
            };
            let capped = ri.min_with(Decimal::ONE_HUNDRED);
            let Some(img) = capped.scale(w.value() / Decimal::ONE_HUNDRED) else {
                continue;
            };
            if img.meets(si) {
                continue;
            }
            let msg = ctx.t(
                format!(
                    "{}：执行率得分 {} ≠ 分值 {} × 执行率 {}",
                    r.label.value, s.raw, w.raw, rate.raw
                ),
                format!(
                    "{}: execution score {} ≠ weight {} × rate {}",
                    r.label.value, s.raw, w.raw, rate.raw
                ),
            );
            let help = ctx.t(
                format!(
                    "{} × min({}, 100%) 的取值范围 {}，与得分 {} 的区间 {} 不相交",
                    w.raw,
                    rate.raw,
                    fmt_iv_in(img, Decimal::ONE),
                    s.raw,
                    fmt_iv_in(si, Decimal::ONE)
                ),
                format!(
                    "{} × min({}, 100%) lies in {}, which does not meet score {} {}",
                    w.raw,
                    rate.raw,
                    fmt_iv_in(img, Decimal::ONE),
                    s.raw,
                    fmt_iv_in(si, Decimal::ONE)
                ),
            );
            let diag = ctx
                .diag(msg)
                .with_help(help)
                .at(span(&r.score), ctx.t("得分".into(), "score".into()))
                .label(span(&r.rate), ctx.t("执行率".into(), "rate".into()))
                .label(span(&r.weight), ctx.t("分值".into(), "weight".into()));
            ctx.push(diag);
        }
    }
}
