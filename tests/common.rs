//! Helpers shared by integration tests.
#![allow(dead_code)]

use jixiao_lint::lint::{Options, lint_text};
use std::collections::BTreeSet;

pub const SEED_003: &str = include_str!("fixtures/003_a54991f576d2d3e5.txt");
pub const SEED_000: &str = include_str!("fixtures/000_6b82af8dce66ba41.txt");

/// (rule, 1-based line) of every diagnostic at warning level or above.
pub fn findings(text: &str) -> BTreeSet<(String, usize)> {
    let r = lint_text("t.txt", text, &Options::default());
    let src = r.source.unwrap();
    r.diagnostics
        .iter()
        .filter(|d| d.severity >= jixiao_lint::Severity::Warning)
        .map(|d| {
            (
                d.rule.to_string(),
                d.span.map(|s| src.line_col(s.offset).line).unwrap_or(0),
            )
        })
        .collect()
}

/// All diagnostics, any severity, as (rule, line).
pub fn all_findings(text: &str) -> BTreeSet<(String, usize)> {
    let r = lint_text("t.txt", text, &Options::default());
    let src = r.source.unwrap();
    r.diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.to_string(),
                d.span.map(|s| src.line_col(s.offset).line).unwrap_or(0),
            )
        })
        .collect()
}

/// Replace `from` by `to` on 1-based line `line` only (exactly one occurrence on that line).
pub fn edit_line(text: &str, line: usize, from: &str, to: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
    let l = &mut lines[line - 1];
    assert_eq!(
        l.matches(from).count(),
        1,
        "line {line} must contain {from:?} once: {l:?}"
    );
    *l = l.replacen(from, to, 1);
    lines.join("\n")
}

/// Findings that the edited text has and the original has not.
pub fn new_findings(orig: &str, edited: &str) -> BTreeSet<(String, usize)> {
    let a = findings(orig);
    findings(edited).difference(&a).cloned().collect()
}

pub fn set(items: &[(&str, usize)]) -> BTreeSet<(String, usize)> {
    items.iter().map(|(r, l)| (r.to_string(), *l)).collect()
}
