//! Inline suppressions (`<!-- jixiao-lint: ignore change-rate -->`): the engine's part. After
//! the rules ran, the findings a comment covers are dropped, and the comments that covered
//! nothing are remembered for rule JX304 unused-suppression, which reports them.

use crate::diagnostic::Diagnostic;
use crate::model::Report;
use crate::source::Span;

/// Drop the findings an inline suppression covers; return the indices of the suppressions
/// that covered none.
pub(crate) fn apply(report: &Report, d: &mut Vec<Diagnostic>) -> Vec<usize> {
    if report.suppressions.is_empty() {
        return Vec::new();
    }
    let index = SuppressionIndex::new(&report.suppressions);
    // the findings as they were, for telling which suppressions did something
    let mut all: Vec<(usize, &'static str, &'static str)> = d
        .iter()
        .filter_map(|x| x.span.map(|sp| (sp.offset, x.rule, x.code)))
        .collect();
    all.sort_unstable();
    d.retain(|x| {
        let Some(sp) = x.span else { return true };
        !index.covers(sp.offset, x.rule, x.code)
    });
    // a suppression is used when a finding it names lies in what it covers (by rule: a
    // binary search each, so many comments over many findings stay linear-logarithmic)
    let mut by_rule: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for &(off, rule, code) in &all {
        by_rule.entry(rule.to_string()).or_default().push(off);
        by_rule
            .entry(code.to_ascii_lowercase())
            .or_default()
            .push(off);
    }
    let offsets: Vec<usize> = all.iter().map(|a| a.0).collect();
    let any_in = |v: &[usize], sp: Span| {
        let i = v.partition_point(|&o| o < sp.offset);
        v.get(i).is_some_and(|&o| o < sp.end())
    };
    report
        .suppressions
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            let used = if s.rules.is_empty() {
                any_in(&offsets, s.covers)
            } else {
                s.rules.iter().any(|r| {
                    by_rule
                        .get(&r.to_ascii_lowercase())
                        .is_some_and(|v| any_in(v, s.covers))
                })
            };
            !used
        })
        .map(|(i, _)| i)
        .collect()
}

/// The ranges the suppressions cover, by the rule they name ("" for every rule): starts sorted,
/// with the furthest end reached so far, so whether an offset is covered is one binary search.
struct SuppressionIndex {
    by_key: std::collections::HashMap<String, (Vec<usize>, Vec<usize>)>,
}

impl SuppressionIndex {
    fn new(sups: &[crate::model::Suppression]) -> Self {
        let mut ranges: std::collections::HashMap<String, Vec<(usize, usize)>> = Default::default();
        for s in sups {
            let r = (s.covers.offset, s.covers.end());
            if s.rules.is_empty() {
                ranges.entry(String::new()).or_default().push(r);
            }
            for name in &s.rules {
                ranges.entry(name.to_ascii_lowercase()).or_default().push(r);
            }
        }
        let by_key = ranges
            .into_iter()
            .map(|(k, mut v)| {
                v.sort_unstable();
                let starts = v.iter().map(|r| r.0).collect();
                let reach = v
                    .iter()
                    .scan(0usize, |m, r| {
                        *m = (*m).max(r.1);
                        Some(*m)
                    })
                    .collect();
                (k, (starts, reach))
            })
            .collect();
        SuppressionIndex { by_key }
    }

    fn covers(&self, offset: usize, rule: &str, code: &str) -> bool {
        let hit = |key: &str| {
            self.by_key.get(key).is_some_and(|(starts, reach)| {
                let i = starts.partition_point(|&s| s <= offset);
                i > 0 && reach[i - 1] > offset
            })
        };
        hit("") || hit(rule) || hit(&code.to_ascii_lowercase())
    }
}
