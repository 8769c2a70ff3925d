//! Baselines: record today's findings (`--write-baseline FILE`), and later report only new ones
//! (`--baseline FILE`). A finding is keyed by file path, rule and the text it flags, counted, so
//! edits elsewhere in a file do not revive it; works for every input format.

use crate::lint::FileResult;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One recorded finding kind in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// File path as linted.
    pub path: String,
    /// Rule code.
    pub code: String,
    /// Rule name (for readers).
    pub rule: String,
    /// The text the finding points at.
    pub text: String,
    /// How many such findings the file had.
    pub count: usize,
}

/// A baseline file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// Format version (1).
    pub version: u32,
    /// The findings.
    pub findings: Vec<Entry>,
}

fn key_text(r: &FileResult, d: &crate::Diagnostic) -> String {
    match (&r.source, d.span) {
        (Some(src), Some(sp)) => src
            .text()
            .get(sp.offset..sp.end())
            .unwrap_or("")
            .to_string(),
        _ => d.message.clone(),
    }
}

impl Baseline {
    /// Record the findings of a batch.
    pub fn from_results(results: &[FileResult]) -> Baseline {
        let mut m: BTreeMap<(String, String, String, String), usize> = BTreeMap::new();
        for r in results {
            for d in &r.diagnostics {
                *m.entry((
                    r.path.clone(),
                    d.code.to_string(),
                    d.rule.to_string(),
                    key_text(r, d),
                ))
                .or_default() += 1;
            }
        }
        Baseline {
            version: 1,
            findings: m
                .into_iter()
                .map(|((path, code, rule, text), count)| Entry {
                    path,
                    code,
                    rule,
                    text,
                    count,
                })
                .collect(),
        }
    }

    /// Parse a baseline file's text.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let b: Baseline =
            serde_json::from_str(text).map_err(|e| format!("not a jixiao-lint baseline: {e}"))?;
        if b.version != 1 {
            return Err(format!(
                "baseline version {} is not supported (expected 1)",
                b.version
            ));
        }
        Ok(b)
    }

    /// Remove from `results` the findings the baseline records; returns how many were removed.
    pub fn apply(&self, results: &mut [FileResult]) -> usize {
        let mut left: BTreeMap<(String, String, String), usize> = BTreeMap::new();
        for e in &self.findings {
            *left
                .entry((e.path.clone(), e.code.clone(), e.text.clone()))
                .or_default() += e.count;
        }
        let mut removed = 0;
        for r in results.iter_mut() {
            let texts: Vec<String> = r.diagnostics.iter().map(|d| key_text(r, d)).collect();
            let mut keep = Vec::with_capacity(r.diagnostics.len());
            for (d, t) in r.diagnostics.drain(..).zip(texts) {
                match left.get_mut(&(r.path.clone(), d.code.to_string(), t)) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        removed += 1;
                    }
                    _ => keep.push(d),
                }
            }
            r.diagnostics = keep;
        }
        removed
    }
}
