//! Baselines: record today's findings (`--write-baseline FILE`), and later report only new ones
//! (`--baseline FILE`). A finding is keyed by a fingerprint that survives moving lines and other
//! spellings of the path: the path relative to the project root (the folder of the
//! configuration, else the current directory), the rule, the flagged text and the text before
//! it on its line (both normalised: folded, without spaces), and an occurrence index among
//! equal keys of the file. SARIF output carries the same value as `partialFingerprints`.
//! Version 1 files (keyed by the path as typed) are still read.

use crate::lint::FileResult;
use crate::source::label_key;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The project root of one file: the folder of the nearest `jixiao.toml` upward from the
/// file's folder, else the current directory (as the configuration is found per file).
pub fn project_root_of(file: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    crate::config::Config::find_for(file, &cwd)
        .and_then(|c| c.parent().map(Path::to_path_buf))
        .unwrap_or(cwd)
}

pub use crate::config::project_path;

/// `roots[i]`, else the file's own project root.
pub(crate) fn root_at(roots: &[PathBuf], i: usize, r: &FileResult) -> PathBuf {
    roots
        .get(i)
        .cloned()
        .unwrap_or_else(|| project_root_of(Path::new(&r.path)))
}

/// FNV-1a, 64 bits: a hash that stays the same across builds and platforms.
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The flagged text and the text before it on its line (up to 16 characters), normalised.
fn flagged(r: &FileResult, d: &crate::Diagnostic) -> (String, String) {
    match (&r.source, d.span) {
        (Some(src), Some(sp)) => {
            let text = src.text();
            let flagged = text.get(sp.offset..sp.end()).unwrap_or("");
            let line = src.line_index(sp.offset);
            let before = text.get(src.line_start(line)..sp.offset).unwrap_or("");
            let k = label_key(before);
            let tail: String = {
                let n = k.chars().count();
                k.chars().skip(n.saturating_sub(16)).collect()
            };
            (label_key(flagged), tail)
        }
        _ => (d.message.render(r.lang), String::new()),
    }
}

/// The fingerprints of a file's diagnostics, in their order (`path` as [`project_path`] gives
/// it): 16 hex digits, a colon and the occurrence index of that key in the file.
pub fn fingerprints(r: &FileResult, path: &str) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    r.diagnostics
        .iter()
        .map(|d| {
            let (text, context) = flagged(r, d);
            let h = fnv(&[path, d.code, &text, &context]);
            let k = seen.entry(h).or_default();
            let fp = format!("{h:016x}:{k}");
            *k += 1;
            fp
        })
        .collect()
}

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
    /// Their fingerprints (version 2; see the module documentation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fingerprints: Vec<String>,
}

/// A baseline file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// Format version (2; version 1 files, keyed by the path as typed, are still read).
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
        _ => d.message.render(r.lang),
    }
}

/// Why a baseline file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BaselineError {
    /// The text is not a baseline written by this tool (serde's reason).
    #[error("not a jixiao-lint baseline: {0}")]
    NotABaseline(String),
    /// A baseline of a version this tool does not read.
    #[error("baseline version {0} is not supported (expected 1 or 2)")]
    Version(u32),
}

impl Baseline {
    /// Record the findings of a batch, each file fingerprinted from its root (`roots[i]` for
    /// `results[i]`; [`project_root_of`] where `roots` is shorter).
    pub fn from_results(results: &[FileResult], roots: &[PathBuf]) -> Baseline {
        type Key = (String, String, String, String);
        let mut m: BTreeMap<Key, (usize, Vec<String>)> = BTreeMap::new();
        for (i, r) in results.iter().enumerate() {
            let root = root_at(roots, i, r);
            let path = project_path(&r.path, &root);
            let fps = fingerprints(r, &path);
            for (d, fp) in r.diagnostics.iter().zip(fps) {
                let e = m
                    .entry((
                        path.clone(),
                        d.code.to_string(),
                        d.rule.to_string(),
                        key_text(r, d),
                    ))
                    .or_default();
                e.0 += 1;
                e.1.push(fp);
            }
        }
        Baseline {
            version: 2,
            findings: m
                .into_iter()
                .map(|((path, code, rule, text), (count, fingerprints))| Entry {
                    path,
                    code,
                    rule,
                    text,
                    count,
                    fingerprints,
                })
                .collect(),
        }
    }

    /// Parse a baseline file's text.
    pub fn parse(text: &str) -> Result<Baseline, BaselineError> {
        let b: Baseline =
            serde_json::from_str(text).map_err(|e| BaselineError::NotABaseline(e.to_string()))?;
        if b.version != 1 && b.version != 2 {
            return Err(BaselineError::Version(b.version));
        }
        Ok(b)
    }

    /// Remove from `results` the findings the baseline records (each file fingerprinted from
    /// its root, as in [`Baseline::from_results`]); returns how many were removed.
    pub fn apply(&self, results: &mut [FileResult], roots: &[PathBuf]) -> usize {
        if self.version == 1 {
            return self.apply_v1(results);
        }
        let mut left: HashMap<&str, usize> = HashMap::new();
        for e in &self.findings {
            for fp in &e.fingerprints {
                *left.entry(fp.as_str()).or_default() += 1;
            }
        }
        let mut removed = 0;
        for (i, r) in results.iter_mut().enumerate() {
            let root = root_at(roots, i, r);
            let fps = fingerprints(r, &project_path(&r.path, &root));
            let mut keep = Vec::with_capacity(r.diagnostics.len());
            for (d, fp) in r.diagnostics.drain(..).zip(fps) {
                match left.get_mut(fp.as_str()) {
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

    /// Version 1: keyed by the path as typed, the rule and the flagged text, counted.
    fn apply_v1(&self, results: &mut [FileResult]) -> usize {
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
