//! JX202 execution-rate.

use super::common::{fig, span};
use super::{Ctx, RateDenominator};
use crate::figure::{fmt_iv_in, ratio_image, ratio_meets};
use crate::model::Report;
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// A stated 执行率 must equal 全年执行数 ÷ 全年预算数 (B/A) on every fund row that prints all
    /// three. The denominator is configurable (`rate_denominator = "initial"` uses 年初预算数);
    /// when the table has no 全年预算数 column, 年初预算数 is used.
    ///
    /// ### Why it matters
    /// The execution rate drives 10 points of the score; a rate that is not B/A is either a
    /// calculation slip or figures copied from another project.
    ///
    /// ### Example
    /// `587.65 | 587.65 | 95%`: 587.65 / 587.65 = 100%, not 95%.
    ///
    /// ### Arithmetic
    /// Checked without division: with B, A and the rate p as rounding intervals, the rate is
    /// consistent iff `100·B_lo ≤ p_hi·A_hi` and `p_lo·A_lo ≤ 100·B_hi`. A budget whose interval
    /// reaches 0 is not checkable.
    pub static RULE = ("JX202", "execution-rate", "scoring", Error, "执行率 ≠ 全年执行数 ÷ 全年预算数", "执行率计算不符");
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for t in &report.tables {
        for r in &t.fund_rows {
            let Some(rate) = fig(&r.rate) else { continue };
            if !rate.unit.is_percent() {
                continue;
            }
            let Some(b) = fig(&r.executed) else { continue };
            let (a_cell, a_name_zh, a_name_en) = match ctx.settings.rate_denominator {
                RateDenominator::InitialBudget => {
                    (&r.initial_budget, "年初预算数", "initial budget")
                }
                RateDenominator::FullYearBudget if r.budget.is_some() => {
                    (&r.budget, "全年预算数", "full-year budget")
                }
                RateDenominator::FullYearBudget => {
                    (&r.initial_budget, "年初预算数", "initial budget")
                }
            };
            let Some(a) = fig(a_cell) else { continue };
            let (Some(bi), Some(ai), Some(pi)) = (b.interval(), a.interval(), rate.interval())
            else {
                continue;
            };
            if ratio_meets(bi, ai, pi) != Some(false) {
                continue;
            }
            let img = ratio_image(bi, ai, 4)
                .map(|i| fmt_iv_in(i, Decimal::ONE))
                .unwrap_or_default();
            let msg = ctx.t(
                format!(
                    "{}：执行率 {} ≠ 全年执行数 {} ÷ {a_name_zh} {}",
                    r.label.value, rate.raw, b.raw, a.raw
                ),
                format!(
                    "{}: execution rate {} ≠ executed {} ÷ {a_name_en} {}",
                    r.label.value, rate.raw, b.raw, a.raw
                ),
            );
            let help = ctx.t(
                format!(
                    "{} ÷ {} 的取值范围 {}%，与 {} 的区间 {}% 不相交",
                    b.raw,
                    a.raw,
                    img,
                    rate.raw,
                    fmt_iv_in(pi, Decimal::ONE)
                ),
                format!(
                    "{} ÷ {} lies in {}%, which does not meet {} {}%",
                    b.raw,
                    a.raw,
                    img,
                    rate.raw,
                    fmt_iv_in(pi, Decimal::ONE)
                ),
            );
            let diag = ctx
                .diag(msg)
                .with_help(help)
                .at(span(&r.rate), ctx.t("执行率".into(), "rate".into()))
                .label(
                    span(&r.executed),
                    ctx.t("全年执行数".into(), "executed".into()),
                )
                .label(span(a_cell), ctx.t(a_name_zh.into(), a_name_en.into()));
            ctx.push(diag);
        }
    }
}
