//! JX105 change-direction.

use super::Ctx;
use super::common::{above_or_below, change_word, sides};
use super::relations::{change_iv, check_direction};
use crate::facts::{Comparison, Direction};
use crate::figure::fmt_dec;
use crate::lang::tr;
use crate::model::Report;
use crate::source::Span;
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// 增加 / 增长 / 上升 / 提高 versus 减少 / 下降 / 降低 must agree with the current and the
    /// previous values printed in the same comparison (`当年 1.99 万元，比上年 1.42 万元减少`),
    /// and the amount's and the rate's direction words must agree with each other. A claim of
    /// no change without an amount (`与上年相比无变化`, `同比持平`, `较预算无增减`) must have two
    /// values that can be equal; a qualified one (`基本持平`) is not checked.
    ///
    /// ### Why it matters
    /// A 减少 that is really an increase tells readers the opposite of what happened.
    ///
    /// ### Example
    /// `当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元`: 1.99 > 1.42, so it is an increase.
    ///
    /// ### Arithmetic
    /// C − P is an interval; 增加 needs its upper end above 0, 减少 its lower end below 0, 无变化
    /// needs it to hold 0. Two figures equal within rounding never contradict either word.
    ///
    /// ### Fix
    /// When the amount printed is the difference of the two values and no rate word states a
    /// direction as well, the word alone is wrong: the finding suggests its opposite (`减少` →
    /// `增加`), which `check --fix` applies.
    pub static RULE = ("JX105", "change-direction", Budget, Error, "增加/减少 contradicts the current and previous values", "增减方向与数字矛盾");
    pass = [
        "当年开支 1.99 万元，比上年 1.42 万元增加 0.57 万元。",
        "当年开支 1.42 万元，与上年 1.42 万元相比无变化。",
    ];
    fail = [
        "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。",
    ];
}

/// Direction words and the word for the opposite direction (the fix of a wrong one).
const OPPOSITES: &[(&str, &str)] = &[
    ("减少", "增加"),
    ("增加", "减少"),
    ("下降", "上升"),
    ("上升", "下降"),
    ("降低", "提高"),
    ("提高", "降低"),
    ("增长", "下降"),
    ("減少", "增加"),
    ("增", "减"),
    ("减", "增"),
];

/// Check the rule on a report.
// Long by design: a comparison's verdict and its message; the message uses every value computed
// for the verdict.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for c in &report.facts.comparisons {
        let Some((dir, dspan)) = c.direction.or(c.rate_direction) else {
            continue;
        };
        if let (Some(a), Some(b)) = (c.direction, c.rate_direction)
            && a.0 != b.0
        {
            opposite_words(a.1, b.1, ctx);
            continue;
        }
        if check_direction(c) != Some(false) {
            continue;
        }
        let Some(d) = change_iv(c) else { continue };
        let Some(lo) = d.lo else { continue };
        if dir == Direction::Flat {
            // a claim of no change while the two values cannot be equal
            flat_claim_violated(c, dspan, lo > Decimal::ZERO, ctx);
            continue;
        }
        let (cur, p) = (c.current.as_ref().unwrap(), c.prior.as_ref().unwrap());
        let diff = cur.value() - p.value();
        let factor = match &cur.unit {
            crate::figure::Unit::Money { factor, .. } => *factor,
            _ => Decimal::ONE,
        };
        let diff_shown = fmt_dec((diff / factor).abs());
        let down = dir == Direction::Down;
        let (said, right) = (change_word(!down), change_word(down));
        let cmp = if down { ">" } else { "<" };
        let [now, then] = sides(c);
        let msg = tr!(
            "{label} {cur} {cmp}{then} {prior}，却写作“{said}”",
            "{label}: {now} {cur} is {cmp} {then} {prior}, yet the text says {said}",
            label = &c.label,
            cur = &cur.raw.replace(' ', ""),
            cmp = above_or_below(down),
            then = then,
            prior = &p.raw.replace(' ', ""),
            said = said,
            now = now,
        );
        let help = tr!(
            "{cur} {op} {prior}：{now}{cmp}{then}，应为“{right} {diff} {unit}”",
            "{cur} {op} {prior}: it is {right} of {diff}",
            cur = &cur.shown,
            op = cmp,
            prior = &p.shown,
            now = now,
            cmp = above_or_below(down),
            then = then,
            right = right,
            diff = &diff_shown,
            unit = cur.unit.name(),
        );
        let mut diag = ctx
            .diag(msg)
            .with_help(help)
            .at(Some(dspan), tr!("方向", "direction"))
            .label(cur.span, now)
            .label(p.span, then);
        // the word alone is the slip when the amount printed is the difference and no rate
        // word states a direction too: its opposite is the fix
        let amount_fits = c
            .delta
            .as_ref()
            .and_then(|x| x.interval())
            .is_some_and(|x| x.meets(if lo >= Decimal::ZERO { d } else { d.negated() }));
        if amount_fits
            && c.rate_direction.is_none()
            && let Some(w) = c.direction_word.as_deref()
            && let Some(&(_, opposite)) = OPPOSITES.iter().find(|(a, _)| *a == w)
        {
            diag.suggestion = Some(crate::diagnostic::Suggestion {
                figure: w.to_string(),
                span: Some(dspan),
                replacement: opposite.to_string(),
            });
        }
        ctx.push(diag);
    }
}

/// The amount's and the rate's direction words of one comparison disagree.
fn opposite_words(amount_word: Span, rate_word: Span, ctx: &mut Ctx) {
    let msg = tr!(
        "同一比较中金额与比率的增减方向相反",
        "the amount and the rate of one comparison move in opposite directions"
    );
    let help = tr!("核对“增加/减少”与“增长/下降”", "check the direction words");
    let d = ctx
        .diag(msg)
        .with_help(help)
        .at(Some(rate_word), tr!("方向", "direction"))
        .label(Some(amount_word), tr!("方向", "direction"));
    ctx.push(d);
}

/// `与上年相比无变化` while the two values differ.
fn flat_claim_violated(c: &Comparison, dspan: Span, up: bool, ctx: &mut Ctx) {
    let (Some(cur), Some(p)) = (c.current.as_ref(), c.prior.as_ref()) else {
        return;
    };
    let [now, then] = sides(c);
    let said = c.direction_word.as_deref().unwrap_or("持平");
    let msg = tr!(
        "{label} {cur} {cmp}{then} {prior}，却写作“{said}”",
        "{label}: {now} {cur} is {cmp} {then} {prior}, yet the text says there is no change",
        label = &c.label,
        cur = &cur.raw.replace(' ', ""),
        cmp = above_or_below(up),
        then = then,
        prior = &p.raw.replace(' ', ""),
        said = said,
        now = now,
    );
    let factor = match cur.unit {
        crate::figure::Unit::Money { factor, .. } => factor,
        _ => Decimal::ONE,
    };
    let diff = fmt_dec(((cur.value() - p.value()) / factor).abs());
    let help = tr!(
        "{cur} − {prior} ≠ 0：{now}{cmp}{then}，应为“{right} {diff} {unit}”",
        "{cur} − {prior} ≠ 0: a change of {diff}",
        cur = &cur.shown,
        prior = &p.shown,
        now = now,
        cmp = above_or_below(up),
        then = then,
        right = change_word(up),
        diff = &diff,
        unit = cur.unit.name(),
    );
    let diag = ctx
        .diag(msg)
        .with_help(help)
        .at(Some(dspan), tr!("方向", "direction"))
        .label(cur.span, now)
        .label(p.span, then);
    ctx.push(diag);
}
