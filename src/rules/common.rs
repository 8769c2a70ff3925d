//! Helpers shared by rules.

use crate::figure::{Figure, Interval, fmt_dec, fmt_pm};
use crate::model::{Cell, FundKind, FundRow, SelfEvalTable};
use crate::source::Span;
use rust_decimal::Decimal;

/// The figure a cell holds.
pub fn fig(c: &Option<Cell>) -> Option<Figure> {
    c.as_ref().and_then(|c| c.figure())
}

/// The span of a cell.
pub fn span(c: &Option<Cell>) -> Option<Span> {
    c.as_ref().and_then(|c| c.span)
}

/// True when a cell is absent or blank (an explicit `—` counts as filled).
pub fn blank(c: &Option<Cell>) -> bool {
    c.as_ref().is_none_or(|c| c.is_blank())
}

/// The printed interval of a figure, for equality checks.
pub fn iv(f: &Figure) -> Option<Interval> {
    f.interval()
}

/// `587.65 ± 0.005`.
pub fn pm(f: &Figure) -> String {
    fmt_pm(f)
}

/// A weight (分值) is exact: its printed value.
pub fn weight_value(f: &Figure) -> Decimal {
    f.value()
}

/// Decimal for messages.
pub fn d(v: Decimal) -> String {
    fmt_dec(v)
}

/// The fund total row of a table.
pub fn fund_total(t: &SelfEvalTable) -> Option<&FundRow> {
    t.fund_rows.iter().find(|r| r.kind == FundKind::Total)
}

/// Location text of a cell, if any.
pub fn loc(c: &Option<Cell>) -> Option<String> {
    c.as_ref().and_then(|c| c.location.clone())
}
