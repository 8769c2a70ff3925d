//! Helpers shared by rules.

use crate::figure::{Figure, fmt_dec, fmt_pm};
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
