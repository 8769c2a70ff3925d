//! JX106 change-amount.

use super::Ctx;
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
        let [(now_zh, now_en), (then_zh, then_en)] = c.sides();
        let msg = tr!(
            "{label}增减额 {raw} ≠ {now_zh} {raw2} 与{then_zh} {raw3} 之差",
            "{label}: the stated change {raw} ≠ the difference of {raw2} and {raw3}",
            label = &c.label,
            raw = &delta.raw.replace(' ', ""),
            now_zh = &now_zh,
            raw2 = &cur.raw.replace(' ', ""),
            then_zh = &then_zh,
            raw3 = &p.raw.replace(' ', "")
        );
        let help = tr!(
            "|{shown} − {shown2}| 的区间 {diff}，与 {v} 不相交",
            "|{shown} − {shown2}| lies in {diff}, which does not meet {v}",
            shown = &cur.shown,
            shown2 = &p.shown,
            diff = &diff,
            v = &fmt_pm(delta)
        );
        let diag = ctx
            .diag(msg)
            .with_help(help)
            .at(delta.span, tr!("增减额", "change"))
            .label(
                cur.span,
                tr!("{now_zh}", "{now_en}", now_zh = &now_zh, now_en = &now_en),
            )
            .label(
                p.span,
                tr!(
                    "{then_zh}",
                    "{then_en}",
                    then_zh = &then_zh,
                    then_en = &then_en
                ),
            );
        ctx.push(diag);
    }
}
