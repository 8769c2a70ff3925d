//! Naming the likely typo: one wrong figure often breaks several relations at once. When one
//! replacement value for one figure makes every relation around it hold, every diagnostic that
//! used the figure names it and the replacement.

use super::relations::{
    BreakdownOutcome, check_amount, check_breakdown, check_direction, check_rate,
};
use crate::diagnostic::{Diagnostic, Suggestion};
use crate::facts::{Breakdown, Comparison, Direction, Facts};
use crate::figure::Figure;
use crate::lang::tr;
use crate::source::Span;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// A relation between narrative figures.
/// A relation read from the facts: borrowed, and owned only once a figure of it is replaced.
// (the variants are borrowed in the common path; their size matters only for the few owned
// copies a suggestion tries)
#[allow(clippy::large_enum_variant)]
#[derive(Clone)]
enum Rel<'a> {
    Breakdown(Cow<'a, Breakdown>),
    Comparison(Cow<'a, Comparison>),
}

impl Rel<'_> {
    fn figures(&self) -> Vec<&Figure> {
        match self {
            Rel::Breakdown(b) => b
                .total
                .iter()
                .chain(b.parts.iter().map(|p| &p.figure))
                .collect(),
            Rel::Comparison(c) => [&c.current, &c.prior, &c.delta, &c.rate]
                .into_iter()
                .flatten()
                .collect(),
        }
    }

    fn holds(&self) -> Option<bool> {
        match self {
            Rel::Breakdown(b) => check_breakdown(b, &[]).map(|o| o == BreakdownOutcome::Holds),
            Rel::Comparison(c) => {
                let mut any = None;
                for v in [check_direction(c), check_amount(c), check_rate(c, None)]
                    .into_iter()
                    .flatten()
                {
                    if !v {
                        return Some(false);
                    }
                    any = Some(true);
                }
                any
            }
        }
    }

    /// The relation with the figure at `span` printed as `v` instead.
    fn with(&self, span: Span, v: Decimal) -> Rel<'static> {
        let fix = |f: &mut Figure| {
            if f.span == Some(span) {
                f.shown = v;
            }
        };
        match self {
            Rel::Breakdown(b) => {
                let mut b: Breakdown = b.as_ref().clone();
                if let Some(t) = b.total.as_mut() {
                    fix(t);
                }
                for p in b.parts.iter_mut() {
                    fix(&mut p.figure);
                }
                Rel::Breakdown(Cow::Owned(b))
            }
            Rel::Comparison(c) => {
                let mut c: Comparison = c.as_ref().clone();
                for f in [&mut c.current, &mut c.prior, &mut c.delta, &mut c.rate]
                    .into_iter()
                    .flatten()
                {
                    fix(f);
                }
                Rel::Comparison(Cow::Owned(c))
            }
        }
    }

    /// Values (in the figure's printed unit) of the figure at `span` that would make this
    /// relation hold at the point values.
    fn solve(&self, span: Span) -> Vec<Decimal> {
        let mut out = Vec::new();
        match self {
            Rel::Breakdown(b) => {
                let Some(t) = &b.total else { return out };
                let sum_others = |skip: Span| -> Decimal {
                    b.parts
                        .iter()
                        .filter(|p| p.figure.span != Some(skip))
                        .map(|p| p.figure.value())
                        .sum()
                };
                if t.span == Some(span) {
                    out.push(b.parts.iter().map(|p| p.figure.value()).sum::<Decimal>() / t.factor);
                } else if let Some(p) = b.parts.iter().find(|p| p.figure.span == Some(span)) {
                    out.push((t.value() - sum_others(span)) / p.figure.factor);
                }
            }
            Rel::Comparison(c) => {
                let sign = match c.direction.or(c.rate_direction).map(|d| d.0) {
                    Some(Direction::Up) => Decimal::ONE,
                    Some(Direction::Down) => -Decimal::ONE,
                    _ => return out,
                };
                let val = |f: &Option<Figure>| f.as_ref().map(|x| x.value());
                let is = |f: &Option<Figure>| f.as_ref().is_some_and(|x| x.span == Some(span));
                let (cur, p, d) = (val(&c.current), val(&c.prior), val(&c.delta));
                if is(&c.current) {
                    if let (Some(p), Some(d)) = (p, d) {
                        out.push((p + sign * d) / c.current.as_ref().unwrap().factor);
                    }
                } else if is(&c.prior) {
                    if let (Some(cu), Some(d)) = (cur, d) {
                        out.push((cu - sign * d) / c.prior.as_ref().unwrap().factor);
                    }
                } else if is(&c.delta) {
                    if let (Some(cu), Some(p)) = (cur, p) {
                        out.push((cu - p).abs() / c.delta.as_ref().unwrap().factor);
                    }
                } else if is(&c.rate)
                    && let (Some(d), Some(p)) = (d, p.or(cur.zip(d).map(|(cu, d)| cu - sign * d)))
                    && p > Decimal::ZERO
                {
                    out.push(d * Decimal::ONE_HUNDRED / p);
                }
            }
        }
        out
    }
}

/// True when `b` is a plausible typo of `a`: two digits swapped, or one digit changed.
fn plausible_typo(a: &str, b: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if x.len() != y.len() || x == y {
        return false;
    }
    let diff: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
    match diff.as_slice() {
        [_] => true,
        [i, j] => x[*i] == y[*j] && x[*j] == y[*i],
        _ => false,
    }
}

fn relations(facts: &Facts) -> Vec<Rel<'_>> {
    let mut v: Vec<Rel> = facts
        .breakdowns
        .iter()
        .filter(|b| b.total.is_some())
        .map(|b| Rel::Breakdown(Cow::Borrowed(b)))
        .collect();
    v.extend(
        facts
            .comparisons
            .iter()
            .map(|c| Rel::Comparison(Cow::Borrowed(c))),
    );
    v
}

/// The value of `f` (printed at `span`) that makes the violated relation `r` hold, looks like
/// a typo of what is printed, and breaks none of the relations `around` that use the figure.
fn typo_fix(f: &Figure, r: &Rel, span: Span, around: &[usize], rels: &[Rel]) -> Option<Decimal> {
    for cand in r.solve(span) {
        let v = cand.round_dp(f.shown.scale());
        if v == f.shown || v < Decimal::ZERO {
            continue;
        }
        let mut shown = v;
        shown.rescale(f.shown.scale());
        if !plausible_typo(&f.shown.to_string(), &shown.to_string()) {
            continue;
        }
        if around
            .iter()
            .all(|&x| rels[x].with(span, shown).holds() != Some(false))
        {
            return Some(shown);
        }
    }
    None
}

/// Attach suggestions to the diagnostics that used a figure with a likely typo.
// Long by design: finds typo candidates across all relations, then keeps only the unambiguous
// ones.
pub fn attach(facts: &Facts, diags: &mut [Diagnostic]) {
    use std::collections::{HashMap, HashSet};
    // a suggestion can only land on a diagnostic placed at a figure of some relation: when
    // none is, no relation is re-checked
    let diag_spans: HashSet<Span> = diags
        .iter()
        .flat_map(|d| {
            d.span
                .into_iter()
                .chain(d.labels.iter().filter_map(|l| l.span))
        })
        .collect();
    let rels = relations(facts);
    if !rels
        .iter()
        .flat_map(Rel::figures)
        .any(|f| f.span.is_some_and(|s| diag_spans.contains(&s)))
    {
        return;
    }
    let verdicts: Vec<Option<bool>> = rels.iter().map(|r| r.holds()).collect();
    if !verdicts.contains(&Some(false)) {
        return;
    }
    // figure span → relations that use it
    let mut uses: HashMap<Span, Vec<usize>> = HashMap::new();
    for (i, r) in rels.iter().enumerate() {
        for f in r.figures() {
            if let Some(sp) = f.span {
                uses.entry(sp).or_default().push(i);
            }
        }
    }
    let mut suggestions: Vec<(Figure, Decimal)> = Vec::new();
    let mut seen: HashSet<Span> = HashSet::new();
    for (ri, r) in rels.iter().enumerate() {
        if verdicts[ri] != Some(false) {
            continue;
        }
        for f in r.figures() {
            let Some(span) = f.span else { continue };
            if !f.is_checkable() || !seen.insert(span) {
                continue;
            }
            let around = uses.get(&span).map(|v| v.as_slice()).unwrap_or(&[]);
            if let Some(v) = typo_fix(f, r, span, around, &rels) {
                suggestions.push((f.clone(), v));
            }
        }
    }
    if suggestions.is_empty() {
        return;
    }
    // a suggestion is trusted only when no other suggested figure shares a violated relation
    let suggested: HashSet<Span> = suggestions.iter().filter_map(|(f, _)| f.span).collect();
    let mut by_span: HashMap<Span, (String, String)> = HashMap::new();
    for (f, v) in &suggestions {
        let Some(span) = f.span else { continue };
        let competing = uses.get(&span).into_iter().flatten().any(|&ri| {
            verdicts[ri] == Some(false)
                && rels[ri].figures().iter().any(|g| {
                    g.span
                        .is_some_and(|gs| gs != span && suggested.contains(&gs))
                })
        });
        if !competing {
            by_span.insert(span, (f.shown.to_string(), v.to_string()));
        }
    }
    for d in diags.iter_mut() {
        if d.suggestion.is_some() {
            continue;
        }
        let hit = d
            .span
            .into_iter()
            .chain(d.labels.iter().filter_map(|l| l.span))
            .find(|s| by_span.contains_key(s));
        let Some(span) = hit else { continue };
        let (figure, replacement) = by_span[&span].clone();
        let note = tr!(
            "{figure} 可能应为 {replacement}",
            "{figure} is likely a typo for {replacement}",
            figure = &figure,
            replacement = &replacement
        );
        d.help = Some(match d.help.take() {
            Some(h) => tr!("{help}；{note}", "{help}；{note}", help = h, note = note),
            None => note,
        });
        d.suggestion = Some(Suggestion {
            figure,
            span: Some(span),
            replacement,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::plausible_typo;

    #[test]
    fn typos() {
        assert!(plausible_typo("1.19", "1.91"));
        assert!(plausible_typo("587.65", "587.68"));
        assert!(!plausible_typo("1.19", "2.91"));
        assert!(!plausible_typo("10", "100"));
    }
}
