//! JX104 share-value.

use super::Ctx;
use super::relations::share_unit_fix;
use crate::figure::{fmt_iv_in, ratio_image, ratio_meets};
use crate::lang::tr;
use crate::model::Report;
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// A stated share must equal part ÷ whole when the text ties both amounts to it: the part is
    /// the amount printed before 占, the whole is the total of the list the part belongs to, or
    /// the one amount in the report labelled with the named whole (`占本年支出合计的31.45%`).
    ///
    /// ### Why it matters
    /// Shares are recomputed by hand and go stale when an amount is corrected.
    ///
    /// ### Example
    /// `本年支出合计4021.94万元，其中：基本支出2719.24万元，占76.61%`: 2719.24 ÷ 4021.94 = 67.61%.
    ///
    /// ### Arithmetic
    /// Cross-multiplied: `100·part_lo ≤ share_hi·whole_hi` and `share_lo·whole_lo ≤ 100·part_hi`.
    /// So 0.9% for 5.31 ÷ 587.65 = 0.9036% holds.
    pub static RULE = ("JX104", "share-value", Budget, Error, "a stated share ≠ part ÷ whole", "占比与金额不符");
    pass = [
        "本年支出合计4021.94万元，其中：基本支出2719.24万元，占67.61%。",
        "本年支出合计4021.94万元，其中：基本支出2719.24万元，占67.6%。",
    ];
    fail = [
        "本年支出合计4021.94万元，其中：基本支出2719.24万元，占76.61%。",
    ];
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for s in &report.facts.shares {
        let (Some(p), Some(w)) = (&s.part, &s.whole) else {
            continue;
        };
        if !p.unit.same_dimension(&w.unit)
            || !p.is_checkable()
            || !w.is_checkable()
            || !s.share.is_checkable()
        {
            continue;
        }
        let (Some(pi), Some(wi), Some(si)) = (p.interval(), w.interval(), s.share.interval())
        else {
            continue;
        };
        // a 元/万元 slip of the part is unit-mismatch's finding
        if ratio_meets(pi, wi, si) != Some(false) || share_unit_fix(s).is_some() {
            continue;
        }
        let img = ratio_image(pi, wi, 4)
            .map(|i| fmt_iv_in(i, Decimal::ONE))
            .unwrap_or_default();
        let msg = tr!(
            "{part_label}占比 {raw} 与 {raw2} ÷ {raw3} 不符",
            "{part_label}: share {raw} does not match {raw2} ÷ {raw3}",
            part_label = &s.part_label,
            raw = &s.share.raw,
            raw2 = &p.raw.replace(' ', ""),
            raw3 = &w.raw.replace(' ', "")
        );
        let help = tr!(
            "{shown} ÷ {shown2} 的取值范围 {img}%，与 {raw} 的区间 {v}% 不相交",
            "{shown} ÷ {shown2} lies in {img}%, which does not meet {raw} {v}%",
            shown = &p.shown,
            shown2 = &w.shown,
            img = &img,
            raw = &s.share.raw,
            v = &fmt_iv_in(si, Decimal::ONE)
        );
        let d = ctx
            .diag(msg)
            .with_help(help)
            .at(s.share.span, tr!("占比", "share"))
            .label(p.span, tr!("部分", "part"))
            .label(w.span, tr!("整体", "whole"));
        ctx.push(d);
    }
}
