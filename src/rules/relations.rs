//! Interval checks of narrative relations, shared by the budget rules. Every check returns
//! `Some(true)` (consistent), `Some(false)` (violated) or `None` (not checkable).

use crate::facts::{Breakdown, Comparison, Direction};
use crate::figure::{Figure, Interval, Unit, ratio_meets};
use rust_decimal::Decimal;

/// The interval of a figure with its money factor replaced.
pub fn iv_with(f: &Figure, factor: Option<Decimal>) -> Option<Interval> {
    match factor {
        None => f.interval(),
        Some(fac) => Interval::displayed(f.shown, fac),
    }
}

/// Lower end of a part, approximate figures included (`40余万元` is more than 40万).
fn part_lo(f: &Figure, factor: Option<Decimal>) -> Option<Decimal> {
    match factor {
        None => f.printed_interval()?.lo,
        Some(fac) => Interval::displayed(f.shown, fac)?.lo,
    }
}

/// How a breakdown fares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakdownOutcome {
    /// Consistent.
    Holds,
    /// The parts exceed the total.
    Exceeds,
    /// A complete breakdown whose parts fall short of the total.
    FallsShort,
}

/// Check a breakdown, with optional factor overrides (index 0 = total, i + 1 = part i).
pub fn check_breakdown(b: &Breakdown, over: &[(usize, Decimal)]) -> Option<BreakdownOutcome> {
    let total = b.total.as_ref()?;
    let fac = |i: usize| over.iter().find(|(k, _)| *k == i).map(|(_, f)| *f);
    if !total.is_checkable() {
        return None;
    }
    let t = iv_with(total, fac(0))?;
    let (tlo, thi) = (t.lo?, t.hi?);
    let all_exact = b.parts.iter().all(|p| p.figure.is_checkable());
    let lows: Option<Vec<Decimal>> = b
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| part_lo(&p.figure, fac(i + 1)))
        .collect();
    let lows = lows?;
    let sum_lo: Decimal = lows
        .iter()
        .copied()
        .try_fold(Decimal::ZERO, |a, x| a.checked_add(x))?;
    if sum_lo > thi {
        // a list that reaches the total part-way and then runs on is a list that ended there
        if all_exact && b.parts.len() > 2 {
            for n in 2..b.parts.len() {
                let ivs: Option<Vec<Interval>> = b.parts[..n]
                    .iter()
                    .enumerate()
                    .map(|(i, p)| iv_with(&p.figure, fac(i + 1)))
                    .collect();
                if let Some(ivs) = ivs
                    && let Some(s) = Interval::sum(ivs)
                    && s.meets(t)
                {
                    return Some(BreakdownOutcome::Holds);
                }
            }
        }
        return Some(BreakdownOutcome::Exceeds);
    }
    if b.complete && all_exact {
        let ivs: Option<Vec<Interval>> = b
            .parts
            .iter()
            .enumerate()
            .map(|(i, p)| iv_with(&p.figure, fac(i + 1)))
            .collect();
        let s = Interval::sum(ivs?)?;
        if !s.meets(t) && s.hi? < tlo {
            return Some(BreakdownOutcome::FallsShort);
        }
    }
    Some(BreakdownOutcome::Holds)
}

/// Money factors of 元 and 万元 that a slip swaps.
fn swapped(f: &Figure) -> Option<Decimal> {
    match &f.unit {
        Unit::Money { factor, .. } if *factor == Decimal::ONE => Some(Decimal::from(10_000)),
        Unit::Money { factor, .. } if *factor == Decimal::from(10_000) => Some(Decimal::ONE),
        _ => None,
    }
}

/// The factor a share's part needs when it disagrees with its whole and share as printed but
/// agrees once read in the other of 元/万元 (`1293.45万元 × 32.5% = 420.37元`).
pub fn share_unit_fix(s: &crate::facts::Share) -> Option<Decimal> {
    let (p, w) = (s.part.as_ref()?, s.whole.as_ref()?);
    if !p.unit.same_dimension(&w.unit) || !p.is_checkable() || !w.is_checkable() {
        return None;
    }
    let (wi, si) = (w.interval()?, s.share.interval()?);
    let alt = swapped(p)?;
    (ratio_meets(p.interval()?, wi, si) == Some(false)
        && ratio_meets(iv_with(p, Some(alt))?, wi, si) == Some(true))
    .then_some(alt)
}

/// Index (0 = total, i + 1 = part i) and factor of the single figure whose unit, swapped
/// between 元 and 万元, makes a violated breakdown hold.
pub fn breakdown_unit_fix(b: &Breakdown) -> Option<(usize, Decimal)> {
    if check_breakdown(b, &[])? == BreakdownOutcome::Holds {
        return None;
    }
    let total = b.total.as_ref()?;
    let mut figs: Vec<&Figure> = vec![total];
    figs.extend(b.parts.iter().map(|p| &p.figure));
    let mut fixes = Vec::new();
    for (i, f) in figs.iter().enumerate() {
        let Some(alt) = swapped(f) else { continue };
        // only a figure whose unit differs from the others
        let others_same = figs
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != i)
            .any(|(_, g)| matches!(&g.unit, Unit::Money { factor, .. } if *factor == alt));
        if !others_same {
            continue;
        }
        if check_breakdown(b, &[(i, alt)]) == Some(BreakdownOutcome::Holds) {
            fixes.push((i, alt));
        }
    }
    if fixes.len() == 1 { fixes.pop() } else { None }
}

/// A partial list that holds as printed but names exactly its whole total once one figure's
/// unit is swapped between 元 and 万元 (`98.63万元（其中：A 35.40万元、B 63.23元）`): an exact
/// sum is no coincidence; the odd unit is the slip.
pub fn partial_unit_fix(b: &Breakdown) -> Option<(usize, Decimal)> {
    if b.complete || b.parts.len() < 2 || check_breakdown(b, &[])? != BreakdownOutcome::Holds {
        return None;
    }
    let total = b.total.as_ref()?;
    let t = total.interval()?;
    let mut figs: Vec<&Figure> = vec![total];
    figs.extend(b.parts.iter().map(|p| &p.figure));
    if figs.iter().any(|f| !f.is_checkable()) {
        return None;
    }
    let mut fixes = Vec::new();
    for (i, f) in figs.iter().enumerate().skip(1) {
        let Some(alt) = swapped(f) else { continue };
        // every other figure is printed in the other unit
        let others_alt = figs
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != i)
            .all(|(_, g)| matches!(&g.unit, Unit::Money { factor, .. } if *factor == alt));
        if !others_alt {
            continue;
        }
        let ivs: Option<Vec<Interval>> = b
            .parts
            .iter()
            .enumerate()
            .map(|(k, p)| {
                if k + 1 == i {
                    Interval::displayed(p.figure.shown, alt)
                } else {
                    p.figure.interval()
                }
            })
            .collect();
        if let Some(sum) = Interval::sum(ivs?)
            && sum.meets(t)
        {
            fixes.push((i, alt));
        }
    }
    if fixes.len() == 1 { fixes.pop() } else { None }
}

/// A list of parallel money amounts where one is printed in 元 (or 万元) while its siblings
/// use the other unit and, at face value, it is thousands of times smaller (or larger).
pub fn parallel_unit_outlier(b: &Breakdown) -> Option<(usize, Decimal)> {
    if b.parts.len() < 3 {
        return None;
    }
    let factors: Vec<Option<Decimal>> = b
        .parts
        .iter()
        .map(|p| match &p.figure.unit {
            Unit::Money { factor, .. } => Some(*factor),
            _ => None,
        })
        .collect();
    if factors.iter().any(|f| f.is_none()) {
        return None;
    }
    for (i, p) in b.parts.iter().enumerate() {
        let Some(alt) = swapped(&p.figure) else {
            continue;
        };
        let others: Vec<&Figure> = b
            .parts
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != i)
            .map(|(_, q)| &q.figure)
            .collect();
        if !others
            .iter()
            .all(|g| matches!(&g.unit, Unit::Money { factor, .. } if *factor == alt))
        {
            continue;
        }
        let vals: Vec<Decimal> = others.iter().map(|g| g.value()).collect();
        let min = vals.iter().copied().min()?;
        let max = vals.iter().copied().max()?;
        let face = p.figure.value();
        let fixed = p.figure.shown.checked_mul(alt)?;
        let k = Decimal::from(1000);
        let odd = face.checked_mul(k)? < min || face > max.checked_mul(k)?;
        let hundred = Decimal::ONE_HUNDRED;
        let fits = fixed.checked_mul(hundred)? >= min && fixed <= max.checked_mul(hundred)?;
        if odd && fits {
            return Some((i, alt));
        }
    }
    None
}

/// The prior value implied by a comparison, as an interval.
pub fn prior_iv(c: &Comparison, delta_factor: Option<Decimal>) -> Option<Interval> {
    if let Some(p) = &c.prior {
        return p.interval();
    }
    let cur = c.current.as_ref()?.interval()?;
    let d = iv_with(c.delta.as_ref()?, delta_factor)?;
    match c.direction?.0 {
        Direction::Up => cur.minus(d),
        Direction::Down => cur.plus(d),
        Direction::Flat => None,
    }
}

/// Check the stated rate of a comparison (relative change in %): against change ÷ prior, and
/// against current ÷ prior when both are printed. Violated when either form is.
pub fn check_rate(c: &Comparison, delta_factor: Option<Decimal>) -> Option<bool> {
    let a = rate_by_delta(c, delta_factor);
    let b = rate_by_levels(c);
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), _) | (_, Some(true)) => Some(true),
        _ => None,
    }
}

fn rate_figure(c: &Comparison) -> Option<(&Figure, Interval, Direction)> {
    let r = c.rate.as_ref()?;
    if !r.is_checkable() || !matches!(r.unit, Unit::Percent) {
        return None;
    }
    if c.current.as_ref().is_some_and(|x| x.unit.is_percent())
        || c.prior.as_ref().is_some_and(|x| x.unit.is_percent())
    {
        return None; // rates of rates are compared in 个百分点, not here
    }
    let dir = c.rate_direction.map(|d| d.0).or(c.direction.map(|d| d.0))?;
    Some((r, r.interval()?, dir))
}

/// The direction word against the two values: `增加` needs current > prior, `减少` current <
/// prior, `持平` / `无变化` that they can be equal. `None` without both values.
pub fn check_direction(c: &Comparison) -> Option<bool> {
    let dir = c.direction.or(c.rate_direction)?.0;
    let d = change_iv(c)?;
    let (lo, hi) = (d.lo?, d.hi?);
    Some(match dir {
        Direction::Up => hi > Decimal::ZERO,
        Direction::Down => lo < Decimal::ZERO,
        Direction::Flat => lo <= Decimal::ZERO && hi >= Decimal::ZERO,
    })
}

/// The stated change amount against |current − prior| (its magnitude; the sign is the
/// direction word's, checked by [`check_direction`]).
pub fn check_amount(c: &Comparison) -> Option<bool> {
    let delta = c.delta.as_ref()?;
    if !delta.is_checkable() {
        return None;
    }
    let d = change_iv(c)?;
    let di = delta.interval()?;
    if !c.current.as_ref()?.unit.same_dimension(&delta.unit) {
        return None;
    }
    Some(d.meets(di) || d.negated().meets(di))
}

/// The rate against change ÷ prior (the prior printed, or current ∓ change).
pub fn rate_by_delta(c: &Comparison, delta_factor: Option<Decimal>) -> Option<bool> {
    let (_, ri, _) = rate_figure(c)?;
    let d = c.delta.as_ref()?;
    if !d.is_checkable() {
        return None;
    }
    let di = iv_with(d, delta_factor)?;
    let p = prior_iv(c, delta_factor)?;
    if p.lo? <= Decimal::ZERO {
        return None;
    }
    ratio_meets(di, p, ri)
}

/// The rate against current ÷ prior, both printed: C / P = 1 ± q.
pub fn rate_by_levels(c: &Comparison) -> Option<bool> {
    let (_, ri, dir) = rate_figure(c)?;
    let (cur, p) = (c.current.as_ref()?, c.prior.as_ref()?);
    if !cur.is_checkable() || !p.is_checkable() || !cur.unit.same_dimension(&p.unit) {
        return None;
    }
    let (ci, pi) = (cur.interval()?, p.interval()?);
    if pi.lo? <= Decimal::ZERO {
        return None;
    }
    // the rate's magnitude is checked in the direction the levels show: a wrong 增加/减少 is
    // change-direction's finding, not a second one here
    let dir = match ci.minus(pi) {
        Some(Interval {
            lo: Some(lo),
            hi: Some(_),
        }) if lo > Decimal::ZERO => Direction::Up,
        Some(Interval {
            lo: Some(_),
            hi: Some(hi),
        }) if hi < Decimal::ZERO => Direction::Down,
        _ => dir,
    };
    let q = match dir {
        Direction::Up => ri.plus(Interval::exact(Decimal::ONE_HUNDRED))?,
        Direction::Down => Interval::exact(Decimal::ONE_HUNDRED).minus(ri)?,
        Direction::Flat => return None,
    };
    ratio_meets(ci, pi, q)
}

/// The change C − P as an interval, when both are printed and checkable.
pub fn change_iv(c: &Comparison) -> Option<Interval> {
    let cur = c.current.as_ref()?;
    let p = c.prior.as_ref()?;
    if !cur.is_checkable() || !p.is_checkable() || !cur.unit.same_dimension(&p.unit) {
        return None;
    }
    cur.interval()?.minus(p.interval()?)
}
