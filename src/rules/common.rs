//! Helpers shared by rules.

use crate::facts::Comparison;
use crate::figure::{Figure, fmt_dec, fmt_pm};
use crate::lang::Phrase;
use crate::model::{Cell, FundKind, FundRow, SelfEvalTable};
use crate::source::Span;
use rust_decimal::Decimal;

/// The figure a cell holds.
pub fn fig(c: &Option<Cell>) -> Option<Figure> {
    c.as_ref().and_then(|c| c.figure())
}

/// The figure of an 执行率 cell as a percent: a percent as printed, or a fraction printed
/// with decimals (`0.958` is 95.8%, its interval scaled alike).
pub fn rate_fig(c: &Option<Cell>) -> Option<Figure> {
    let f = fig(c)?;
    if f.unit.is_percent() {
        return Some(f);
    }
    if f.unit == crate::figure::Unit::Plain
        && f.factor == Decimal::ONE
        && f.shown.scale() >= 1
        && f.shown > Decimal::ZERO
        && f.shown <= Decimal::new(15, 1)
    {
        let mut p = f.clone();
        let mut shown = f.shown * Decimal::ONE_HUNDRED;
        shown.rescale(f.shown.scale().saturating_sub(2));
        p.shown = shown;
        p.unit = crate::figure::Unit::Percent;
        return Some(p);
    }
    None
}

/// The span of a cell.
pub fn span(c: &Option<Cell>) -> Option<Span> {
    c.as_ref().and_then(|c| c.span)
}

/// True when a cell is absent or blank (an explicit `—` counts as filled).
pub fn blank(c: &Option<Cell>) -> bool {
    c.as_ref().is_none_or(|c| c.is_blank())
}

/// `587.65 ± 0.005`.
pub fn pm(f: &Figure) -> String {
    fmt_pm(f)
}

/// Decimal for messages.
pub fn d(v: Decimal) -> String {
    fmt_dec(v)
}

/// The fund total row of a table.
pub fn fund_total(t: &SelfEvalTable) -> Option<&FundRow> {
    t.fund_rows.iter().find(|r| r.kind == FundKind::Total)
}

/// The two sides of a comparison as a reader names them: this year and last year, or the
/// actual and the budget.
pub(crate) fn sides(c: &Comparison) -> [&'static Phrase; 2] {
    static THIS_YEAR: Phrase = Phrase::new("本年", "this year");
    static LAST_YEAR: Phrase = Phrase::new("上年", "last year");
    static ACTUAL: Phrase = Phrase::new("实际", "actual");
    static BUDGET: Phrase = Phrase::new("预算", "budget");
    if c.against_budget {
        [&ACTUAL, &BUDGET]
    } else {
        [&THIS_YEAR, &LAST_YEAR]
    }
}

/// `高于` / `above` and `低于` / `below`.
pub(crate) fn above_or_below(above: bool) -> &'static Phrase {
    static ABOVE: Phrase = Phrase::new("高于", "above");
    static BELOW: Phrase = Phrase::new("低于", "below");
    if above { &ABOVE } else { &BELOW }
}

/// A change's direction as the fix words it (`增加` / `an increase`, `减少` / `a decrease`).
pub(crate) fn change_word(up: bool) -> &'static Phrase {
    static UP: Phrase = Phrase::new("增加", "an increase");
    static DOWN: Phrase = Phrase::new("减少", "a decrease");
    if up { &UP } else { &DOWN }
}
