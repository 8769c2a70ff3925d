//! JX108 unit-mismatch.

use super::Ctx;
use super::relations::{
    breakdown_unit_fix, check_rate, parallel_unit_outlier, partial_unit_fix, share_unit_fix,
};
use crate::figure::{Figure, Unit};
use crate::lang::{Message, tr};
use crate::model::Report;
use crate::source::Span;
use rust_decimal::Decimal;
use std::collections::HashSet;

declare_rule! {
    /// ### What it checks
    /// A figure whose unit contradicts its context: 元 where the parallel figures and the
    /// arithmetic need 万元, or the reverse. Fires when a violated relation (a breakdown, a
    /// growth rate) holds once that one figure is read in the other unit, or when one amount of
    /// a list of parallel amounts is printed in 元 among 万元 siblings and is thousands of times
    /// smaller at face value, or when a share stated before its amount (`总保费 1293.45 万元，
    /// …，省级财政补贴 32.5% 为 420.37 元`) agrees with its whole only in the other unit. The
    /// message names the unit that makes the arithmetic hold.
    ///
    /// ### Why it matters
    /// 元 for 万元 is the most common slip in these reports and changes a figure ten-thousand-fold.
    ///
    /// ### Example
    /// `收入总计 458.5 万元，较 2022 年增加 38.27 元，增加 9.1%`: with 38.27 万元 the rate is
    /// 38.27 / 420.23 = 9.107%, as stated.
    ///
    /// ### Arithmetic
    /// The relation is re-checked with the figure's factor swapped between 1 and 10 000 (rounding
    /// intervals as everywhere); the swap is reported only when exactly one figure explains it.
    pub static RULE = ("JX108", "unit-mismatch", Budget, Error, "a figure's 元/万元 unit contradicts the arithmetic or its parallel figures", "金额单位（元/万元）有误");
    pass = [
        "收入总计 458.5 万元，较 2022 年增加 38.27 万元，增加 9.1%。",
        "收入总计 458.5 万元，较 2022 年增加 38.27 万元。",
    ];
    fail = [
        "收入总计 458.5 万元，较 2022 年增加 38.27 元，增加 9.1%。",
    ];
}

fn unit_name(f: Decimal) -> &'static str {
    if f == Decimal::ONE { "元" } else { "万元" }
}

fn report(
    ctx: &mut Ctx,
    f: &Figure,
    alt: Decimal,
    why: Message,
    others: &[(Option<Span>, String)],
) {
    let was = f.unit.name().to_string();
    let want = unit_name(alt);
    let msg = tr!(
        "{raw} 的单位应为“{want}”而不是“{was}”",
        "{raw} should be in {want} rather than {was}",
        raw = &f.raw.replace(' ', ""),
        want = &want,
        was = &was
    );
    let mut d = ctx.diag(msg).with_help(why).at(
        f.span,
        tr!(
            "应为 {shown}{want}",
            "likely {shown}{want}",
            shown = &f.shown,
            want = &want
        ),
    );
    for (sp, t) in others {
        d = d.label(*sp, Message::verbatim(t.clone()));
    }
    // one figure explains the arithmetic: its unit is the fix (`check --fix` applies it)
    d.suggestion = Some(crate::diagnostic::Suggestion {
        figure: was,
        span: f.span,
        replacement: want.to_string(),
    });
    ctx.push(d);
}

/// Check the rule on a report.
pub fn check(report_: &Report, ctx: &mut Ctx) {
    // (a figure is reported once, by the first relation that shows its unit wrong)
    let mut done: HashSet<Option<Span>> = HashSet::new();
    in_breakdowns(report_, ctx, &mut done);
    in_comparisons(report_, ctx, &mut done);
    in_shares(report_, ctx, &mut done);
}

/// A total and its parts that agree only with one figure read in another unit.
// Long by design: the fix for either reading (arithmetic or parallel amounts) and its message.
fn in_breakdowns(report_: &Report, ctx: &mut Ctx, done: &mut HashSet<Option<Span>>) {
    for b in &report_.facts.breakdowns {
        let fix = breakdown_unit_fix(b)
            .or_else(|| partial_unit_fix(b))
            .map(|x| (x, true))
            .or_else(|| parallel_unit_outlier(b).map(|(i, f)| ((i + 1, f), false)));
        let Some(((idx, alt), arithmetic)) = fix else {
            continue;
        };
        let f = if idx == 0 {
            b.total.as_ref()
        } else {
            b.parts.get(idx - 1).map(|p| &p.figure)
        };
        let Some(f) = f else { continue };
        if !done.insert(f.span) {
            continue;
        }
        let parts: Vec<String> = b
            .parts
            .iter()
            .map(|p| p.figure.raw.replace(' ', ""))
            .collect();
        let why = if arithmetic {
            let total = b.total.as_ref().map(|t| t.raw.replace(' ', ""));
            tr!(
                "按“{unit}”计，{total} 与各项 {parts} 的加总关系才成立",
                "read in {unit}, the total {total} and its parts {parts} agree",
                unit = unit_name(alt),
                total = &total.unwrap_or_default(),
                parts = &parts.join(" + "),
            )
        } else {
            tr!(
                "并列各项 {parts_zh} 均以“{unit}”计，按“{was}”理解此项仅为其他项的万分之一",
                "the parallel amounts {parts_en} are in {unit}; read as {was} this one is ten thousand times smaller",
                parts_zh = &parts.join("、"),
                parts_en = &parts.join(", "),
                unit = unit_name(alt),
                was = f.unit.name(),
            )
        };
        let others: Vec<(Option<Span>, String)> = b
            .parts
            .iter()
            .filter(|p| p.figure.span != f.span)
            .map(|p| {
                (
                    p.figure.span,
                    p.label
                        .chars()
                        .rev()
                        .take(10)
                        .collect::<String>()
                        .chars()
                        .rev()
                        .collect(),
                )
            })
            .collect();
        report(ctx, f, alt, why, &others);
    }
}

/// A change whose rate holds only with the change read in the current level's unit.
fn in_comparisons(report_: &Report, ctx: &mut Ctx, done: &mut HashSet<Option<Span>>) {
    for c in &report_.facts.comparisons {
        let (Some(d), Some(cur)) = (&c.delta, &c.current) else {
            continue;
        };
        let (Unit::Money { factor: df, .. }, Unit::Money { factor: cf, .. }) = (&d.unit, &cur.unit)
        else {
            continue;
        };
        if df == cf {
            continue;
        }
        if check_rate(c, None) != Some(false) || check_rate(c, Some(*cf)) != Some(true) {
            continue;
        }
        if !done.insert(d.span) {
            continue;
        }
        let r = c.rate.as_ref().map(|r| r.raw.clone()).unwrap_or_default();
        let implied = match (cur.shown.checked_sub(d.shown), c.direction.map(|x| x.0)) {
            (Some(p), Some(crate::facts::Direction::Up)) if p > Decimal::ZERO => {
                let pct = (d.shown * Decimal::ONE_HUNDRED / p).round_dp(3);
                format!(
                    "{} ÷ ({} − {}) = {}%",
                    d.shown,
                    cur.shown,
                    d.shown,
                    crate::figure::fmt_dec(pct)
                )
            }
            _ => format!("{} ÷ {}", d.shown, cur.shown),
        };
        let why = tr!(
            "按“{unit}”计，{implied} 与所述 {rate} 相符；按“{was}”计则相差万倍",
            "read in {unit}, {implied} matches the stated {rate}; read in {was} it is ten thousand times off",
            unit = unit_name(*cf),
            implied = &implied,
            rate = &r,
            was = d.unit.name(),
        );
        let others = vec![
            (cur.span, c.label.clone()),
            (c.rate.as_ref().and_then(|r| r.span), r.clone()),
        ];
        report(ctx, d, *cf, why, &others);
    }
}

/// A part whose share of its whole holds only in another unit.
fn in_shares(report_: &Report, ctx: &mut Ctx, done: &mut HashSet<Option<Span>>) {
    for sh in &report_.facts.shares {
        let (Some(alt), Some(p), Some(w)) = (share_unit_fix(sh), &sh.part, &sh.whole) else {
            continue;
        };
        if !done.insert(p.span) {
            continue;
        }
        let product = (w.value() * sh.share.value() / Decimal::ONE_HUNDRED).round_dp(2 + 4);
        let why = tr!(
            "{whole} × {share} = {product}{unit}：按“{unit}”计才与所述份额相符",
            "{whole} × {share} = {product} {unit}: only in {unit} does it agree with the stated share",
            whole = &w.raw.replace(' ', ""),
            share = &sh.share.raw,
            product = &crate::figure::fmt_in(product, alt),
            unit = unit_name(alt),
        );
        let others = vec![
            (w.span, sh.whole_label.clone()),
            (sh.share.span, sh.part_label.clone()),
        ];
        report(ctx, p, alt, why, &others);
    }
}
