//! JX201 score-exceeds-weight.

use super::Ctx;
use super::common::{d, fig, span};
use crate::model::{Cell, Report};
use crate::source::Span;
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// An 得分 above its 分值: on any indicator row, on the execution-rate row of the fund block,
    /// and for 总分 against the total 分值 (100 unless the table states another).
    ///
    /// ### Why it matters
    /// A score can never exceed the points the item can earn (财预〔2020〕10号: completing the
    /// target earns 全部分值, no more). It is usually a typo in either cell.
    ///
    /// ### Example
    /// `扶持单位数 | 10家 | 10 | 5 | 6`: 得分 6 > 分值 5.
    ///
    /// ### Arithmetic
    /// 分值 is exact (a weight). 得分 printed with k decimals stands for ±½·10^-k; the rule fires
    /// only when even the lower end of that interval is above the weight (`5.3` → 5.25 > 5).
    pub static RULE = ("JX201", "score-exceeds-weight", Scoring, Error, "得分 above its 分值", "得分超过分值");
}

fn check_pair(
    ctx: &mut Ctx,
    name: &str,
    weight: Option<(Decimal, Option<Span>, String)>,
    score: &Option<Cell>,
) {
    let Some((w, wspan, wraw)) = weight else {
        return;
    };
    let Some(s) = fig(score) else { return };
    let Some(iv) = s.interval() else { return };
    let Some(lo) = iv.lo else { return };
    if lo <= w {
        return;
    }
    let msg = ctx.t(
        format!("{name}：得分 {} 高于分值 {wraw}", s.raw),
        format!("{name}: score {} exceeds weight {wraw}", s.raw),
    );
    let help = ctx.t(
        format!(
            "得分 {} 的下限 {} > 分值 {}：得分不能超过分值",
            super::common::pm(&s),
            d(lo),
            d(w)
        ),
        format!(
            "the lower end {} of score {} is above weight {}: a score cannot exceed its weight",
            d(lo),
            super::common::pm(&s),
            d(w)
        ),
    );
    let diag = ctx
        .diag(msg)
        .with_help(help)
        .at(span(score), ctx.t("得分".into(), "score".into()))
        .label(wspan, ctx.t("分值".into(), "weight".into()));
    ctx.push(diag);
}

fn weight_of(c: &Option<Cell>) -> Option<(Decimal, Option<Span>, String)> {
    let f = fig(c)?;
    Some((f.value(), span(c), f.raw))
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for t in &report.tables {
        for r in &t.fund_rows {
            check_pair(ctx, &r.label.value, weight_of(&r.weight), &r.score);
        }
        for r in &t.indicators {
            check_pair(ctx, &r.name.value, weight_of(&r.weight), &r.score);
        }
        if let Some(tr) = &t.total {
            let w = weight_of(&tr.weight).or(Some((Decimal::ONE_HUNDRED, None, "100".into())));
            check_pair(ctx, "总分", w, &tr.score);
        }
    }
}
