//! Whether an indicator's actual value meets its target (shared by JX207 and JX208).

use crate::figure::{Qualifier, Unit};
use crate::model::IndicatorRow;
use crate::source::{is_cjk, label_key};
use rust_decimal::Decimal;

/// Attainment of a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attainment {
    /// The actual as printed meets the target.
    Met,
    /// The actual as printed misses the target.
    Missed,
    /// Cannot tell (qualitative, units differ, over-achievement of an exact target).
    Unknown,
}

/// Direction of a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sense {
    /// Higher is better (≥, >, or a plain target).
    Forward,
    /// Lower is better (≤, <).
    Reverse,
    /// Exactly (=).
    Exact,
}

/// Target and actual as comparable numbers, with the target's sense.
#[derive(Clone, Copy, Debug)]
pub struct Compared {
    /// Target value.
    pub target: Decimal,
    /// Actual value.
    pub actual: Decimal,
    /// Sense.
    pub sense: Sense,
    /// True when the target is strict (> or <).
    pub strict: bool,
}

fn operator_sense(op: &crate::model::Cell) -> Option<(Sense, bool)> {
    match op.operator()? {
        "≥" => Some((Sense::Forward, false)),
        ">" => Some((Sense::Forward, true)),
        "≤" => Some((Sense::Reverse, false)),
        "<" => Some((Sense::Reverse, true)),
        _ => Some((Sense::Exact, false)),
    }
}

/// Read target and actual of a row as comparable numbers.
pub fn compare(r: &IndicatorRow) -> Option<Compared> {
    let t = r.target.as_ref()?.figure()?;
    let a = r.actual.as_ref()?.figure()?;
    if a.qualifier != Qualifier::None || t.qualifier.is_approximate() {
        return None;
    }
    let (mut sense, mut strict) = match t.qualifier {
        Qualifier::AtLeast => (Sense::Forward, false),
        Qualifier::MoreThan => (Sense::Forward, true),
        Qualifier::AtMost => (Sense::Reverse, false),
        Qualifier::LessThan => (Sense::Reverse, true),
        Qualifier::Equal => (Sense::Exact, false),
        _ => (Sense::Forward, false),
    };
    let mut explicit = t.qualifier != Qualifier::None;
    if let Some(op) = r.operator.as_ref().and_then(operator_sense) {
        (sense, strict) = op;
        explicit = true;
    }
    if !explicit {
        // a bare target of a cost or rate-control indicator may be a ceiling: do not guess
        let l2 = r
            .level2
            .as_ref()
            .map(|t| label_key(&t.value))
            .unwrap_or_default();
        let name = label_key(&r.name.value);
        if l2.contains("成本")
            || name.contains("控制")
            || name.contains("成本")
            || name.contains("率") && name.contains("降")
        {
            return None;
        }
    }
    let comparable = match (&t.unit, &a.unit) {
        (x, y) if x.same_dimension(y) => Some((t.value(), a.value())),
        (Unit::Plain, Unit::Money { factor, .. }) => Some((t.shown * *factor, a.value())),
        (Unit::Money { factor, .. }, Unit::Plain) => Some((t.value(), a.shown * *factor)),
        (Unit::Plain, _) | (_, Unit::Plain) => Some((t.value(), a.value())),
        _ => None,
    };
    let (tv, av) = comparable?;
    Some(Compared {
        target: tv,
        actual: av,
        sense,
        strict,
    })
}

/// True when the actual is worded exactly as the target (`完成时间为2023年6月30日` twice,
/// `按期完工` twice), after label normalisation: the row states the target was reached.
/// Placeholders (`—`, `/`, digits alone) do not count: the wording must hold an ideograph.
pub fn same_wording(r: &IndicatorRow) -> bool {
    let (Some(t), Some(a)) = (r.target.as_ref(), r.actual.as_ref()) else {
        return false;
    };
    let (tk, ak) = (label_key(&t.raw), label_key(&a.raw));
    tk == ak && tk.chars().count() >= 2 && tk.chars().any(is_cjk)
}

/// Attainment of a row: from its compared figures, else met when the actual repeats the
/// target's wording ([`same_wording`]).
pub fn attainment(r: &IndicatorRow, c: Option<Compared>) -> Attainment {
    match attainment_of(c) {
        Attainment::Unknown if c.is_none() && same_wording(r) => Attainment::Met,
        a => a,
    }
}

/// Attainment from a row's compared target and actual ([`compare`]).
pub fn attainment_of(c: Option<Compared>) -> Attainment {
    let Some(c) = c else {
        return Attainment::Unknown;
    };
    match c.sense {
        Sense::Forward => {
            let met = if c.strict {
                c.actual > c.target
            } else {
                c.actual >= c.target
            };
            if met {
                Attainment::Met
            } else {
                Attainment::Missed
            }
        }
        Sense::Reverse => {
            let met = if c.strict {
                c.actual < c.target
            } else {
                c.actual <= c.target
            };
            if met {
                Attainment::Met
            } else {
                Attainment::Missed
            }
        }
        Sense::Exact => {
            if c.actual == c.target {
                Attainment::Met
            } else if c.actual < c.target {
                Attainment::Missed
            } else {
                Attainment::Unknown
            }
        }
    }
}
