//! JX105 change-direction.

use super::Ctx;
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
        let (said_zh, right_zh, said_en, right_en, cmp) = match dir {
            Direction::Down => ("减少", "增加", "a decrease", "an increase", ">"),
            _ => ("增加", "减少", "an increase", "a decrease", "<"),
        };
        let [(now_zh, now_en), (then_zh, then_en)] = c.sides();
        let msg = tr!(
            "{label} {raw} {v}{then_zh} {raw2}，却写作“{said_zh}”",
            "{label}: {now_en} {raw} is {v2} {then_en} {raw2}, yet the text says {said_en}",
            label = &c.label,
            raw = &cur.raw.replace(' ', ""),
            v = &(if cmp == ">" { "高于" } else { "低于" }),
            then_zh = &then_zh,
            raw2 = &p.raw.replace(' ', ""),
            said_zh = &said_zh,
            now_en = &now_en,
            v2 = &(if cmp == ">" { "above" } else { "below" }),
            then_en = &then_en,
            said_en = &said_en
        );
        let help = tr!(
            "{shown} {cmp} {shown2}：{now_zh}{v}{then_zh}，应为“{right_zh} {diff_shown} {unit}”",
            "{shown} {cmp} {shown2}: it is {right_en} of {diff_shown}",
            shown = &cur.shown,
            cmp = &cmp,
            shown2 = &p.shown,
            now_zh = &now_zh,
            v = &(if cmp == ">" { "高于" } else { "低于" }),
            then_zh = &then_zh,
            right_zh = &right_zh,
            diff_shown = &diff_shown,
            unit = &cur.unit.name(),
            right_en = &right_en
        );
        let mut diag = ctx
            .diag(msg)
            .with_help(help)
            .at(Some(dspan), tr!("方向", "direction"))
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
    let [(now_zh, now_en), (then_zh, then_en)] = c.sides();
    let said = c.direction_word.as_deref().unwrap_or("持平");
    let (cmp_zh, cmp_en, right_zh) = if up {
        ("高于", "above", "增加")
    } else {
        ("低于", "below", "减少")
    };
    let msg = tr!(
        "{label} {raw} {cmp_zh}{then_zh} {raw2}，却写作“{said}”",
        "{label}: {now_en} {raw} is {cmp_en} {then_en} {raw2}, yet the text says there is no change",
        label = &c.label,
        raw = &cur.raw.replace(' ', ""),
        cmp_zh = &cmp_zh,
        then_zh = &then_zh,
        raw2 = &p.raw.replace(' ', ""),
        said = &said,
        now_en = &now_en,
        cmp_en = &cmp_en,
        then_en = &then_en
    );
    let factor = match cur.unit {
        crate::figure::Unit::Money { factor, .. } => factor,
        _ => Decimal::ONE,
    };
    let diff = fmt_dec(((cur.value() - p.value()) / factor).abs());
    let help = tr!(
        "{shown} − {shown2} ≠ 0：{now_zh}{cmp_zh}{then_zh}，应为“{right_zh} {diff} {unit}”",
        "{shown} − {shown2} ≠ 0: a change of {diff}",
        shown = &cur.shown,
        shown2 = &p.shown,
        now_zh = &now_zh,
        cmp_zh = &cmp_zh,
        then_zh = &then_zh,
        right_zh = &right_zh,
        diff = &diff,
        unit = &cur.unit.name()
    );
    let diag = ctx
        .diag(msg)
        .with_help(help)
        .at(Some(dspan), tr!("方向", "direction"))
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
