//! JX106 change-amount.

use super::Ctx;
use super::relations::{change_iv, check_amount};
use crate::figure::{fmt_iv_in, fmt_pm};
use crate::model::Report;
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// A stated increase or decrease must equal current − previous when both are printed
    /// (`比上年 637.32 万元减少 49.67 万元`).
    ///
    /// ### Why it matters
    /// The change amount is what readers quote; a wrong one usually means one of the three
    /// figures was copied from another line.
    ///
    /// ### Example
    /// `587.65 万元，比上年 637.32 万元减少 47.67 万元`: the difference is 49.67.
    ///
    /// ### Arithmetic
    /// |C − P| as an interval (each figure ± half a unit of its last digit) must meet the interval
    /// of the stated change. The direction is checked separately by change-direction.
    pub static RULE = ("JX106", "change-amount", Budget, Error, "stated increase/decrease ≠ current − previous", "增减额计算不符");
    pass = [
        "本年收入 587.65 万元，比上年 637.32 万元减少 49.67 万元。",
        "本年收入 587.7 万元，比上年 637.32 万元减少 49.6 万元。",
    ];
    fail = [
        "本年收入 587.65 万元，比上年 637.32 万元减少 47.67 万元。",
    ];
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for c in &report.facts.comparisons {
        if check_amount(c) != Some(false) {
            continue;
        }
        let (Some(delta), Some(d)) = (&c.delta, change_iv(c)) else {
            continue;
        };
        let (cur, p) = (c.current.as_ref().unwrap(), c.prior.as_ref().unwrap());
        let factor = match &cur.unit {
            crate::figure::Unit::Money { factor, .. } => *factor,
            _ => Decimal::ONE,
        };
        let diff = fmt_iv_in(
            if d.hi.unwrap_or_default() < Decimal::ZERO {
                d.negated()
            } else {
                d
            },
            factor,
        );
        let [(now_zh, now_en), (then_zh, then_en)] = c.sides();
        let msg = ctx.t(
            format!(
                "{}增减额 {} ≠ {now_zh} {} 与{then_zh} {} 之差",
                c.label,
                delta.raw.replace(' ', ""),
                cur.raw.replace(' ', ""),
                p.raw.replace(' ', "")
            ),
            format!(
                "{}: the stated change {} ≠ the difference of {} and {}",
                c.label,
                delta.raw.replace(' ', ""),
                cur.raw.replace(' ', ""),
                p.raw.replace(' ', "")
            ),
        );
        let help = ctx.t(
            format!(
                "|{} − {}| 的区间 {}，与 {} 不相交",
                cur.shown,
                p.shown,
                diff,
                fmt_pm(delta)
            ),
            format!(
                "|{} − {}| lies in {}, which does not meet {}",
                cur.shown,
                p.shown,
                diff,
                fmt_pm(delta)
            ),
        );
        let diag = ctx
            .diag(msg)
            .with_help(help)
            .at(delta.span, ctx.t("增减额".into(), "change".into()))
            .label(cur.span, ctx.t(now_zh.into(), now_en.into()))
            .label(p.span, ctx.t(then_zh.into(), then_en.into()));
        ctx.push(diag);
    }
}
