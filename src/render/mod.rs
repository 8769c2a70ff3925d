//! Renderers: they only format.

pub mod human;
pub mod json;

use crate::diagnostic::Severity;
use crate::lint::FileResult;

/// Counts per severity over a batch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files.
    pub files: usize,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
    /// Files that could not be read.
    pub unreadable: usize,
}

/// Count a batch.
pub fn summarize(results: &[FileResult]) -> Summary {
    let mut s = Summary {
        files: results.len(),
        ..Default::default()
    };
    for r in results {
        if r.error.is_some() {
            s.unreadable += 1;
        }
        for d in &r.diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
    }
    s
}
