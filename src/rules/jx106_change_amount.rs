//! JX106 change-amount.

use super::Ctx;
use super::common::sides;
use super::relations::{change_iv, check_amount};
use crate::figure::{fmt_iv_in, fmt_pm};
use crate::lang::tr;
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
        let [now, then] = sides(c);
        let msg = tr!(
            "{label}增减额 {delta} ≠ {now} {cur} 与{then} {prior} 之差",
            "{label}: the stated change {delta} ≠ the difference of {cur} and {prior}",
            label = &c.label,
            delta = &delta.raw.replace(' ', ""),
            now = now,
            cur = &cur.raw.replace(' ', ""),
            then = then,
            prior = &p.raw.replace(' ', ""),
        );
        let help = tr!(
            "|{cur} − {prior}| 的区间 {diff}，与 {delta} 不相交",
            "|{cur} − {prior}| lies in {diff}, which does not meet {delta}",
            cur = &cur.shown,
            prior = &p.shown,
            diff = &diff,
            delta = &fmt_pm(delta),
        );
        let diag = ctx
            .diag(msg)
            .with_help(help)
            .at(delta.span, tr!("增减额", "change"))
            .label(cur.span, now)
            .label(p.span, then);
        ctx.push(diag);
    }
}
