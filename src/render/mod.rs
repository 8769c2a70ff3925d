//! Renderers: they only format.

pub mod concise;
pub mod github;
pub mod html;
#[cfg(feature = "fancy")]
pub mod human;
pub mod json;
pub mod junit;
pub mod rdjson;
pub mod sarif;

use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::lang::tr;
use crate::lint::FileResult;

/// A message with the document's own place in front when the input has one (`[表2 第7行 第7列]
/// …` for .docx, `[自评表!F7] …`, `[第3页] …`): a line of the extracted text is no place a reader
/// can find in Word, Excel or a PDF viewer.
pub(crate) fn located(d: &Diagnostic, lang: Lang) -> String {
    let message = d.message.render(lang);
    match &d.location {
        Some(loc) => format!("[{loc}] {message}"),
        None => message,
    }
}

/// Counts per severity over a batch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Summary {
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

impl Summary {
    #[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line
    /// Add another summary's counts.
    pub(crate) fn add(&mut self, o: &Summary) {
        self.files += o.files;
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.infos += o.infos;
        self.unreadable += o.unreadable;
    }
}

#[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line
/// Counts per rule: (code, name) → [errors, warnings, infos].
pub(crate) type RuleCounts = std::collections::BTreeMap<(&'static str, &'static str), [usize; 3]>;

#[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line
/// Count one file's findings per rule.
pub(crate) fn rule_counts(r: &FileResult) -> RuleCounts {
    let mut m = RuleCounts::new();
    for d in &r.diagnostics {
        m.entry((d.code, d.rule)).or_default()[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
    }
    m
}

#[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line
/// `--statistics` from precomputed counts, in `lang`.
pub(crate) fn statistics_from(s: &Summary, per_rule: &RuleCounts, lang: Lang) -> String {
    let head = tr!(
        "共 {files} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 条提示，{unreadable} 个无法读取",
        "{files} files, {errors} errors, {warnings} warnings, {infos} infos, {unreadable} unreadable",
        files = &s.files,
        errors = &s.errors,
        warnings = &s.warnings,
        infos = &s.infos,
        unreadable = &s.unreadable,
    );
    let mut out = head.render(lang) + "\n";
    for ((code, name), n) in per_rule {
        let row = tr!(
            "{total}  {code} {name}（错误 {e}，警告 {w}，提示 {i}）",
            "{total}  {code} {name} (error {e}, warning {w}, info {i})",
            total = &format!("{:>5}", n.iter().sum::<usize>()),
            code = *code,
            name = *name,
            e = &n[0],
            w = &n[1],
            i = &n[2],
        );
        out.push_str(&row.render(lang));
        out.push('\n');
    }
    out
}

/// Count a batch.
pub(crate) fn summarize(results: &[FileResult]) -> Summary {
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

/// The closing summary line.
pub(crate) fn summary_line(s: &Summary, lang: Lang) -> String {
    let unreadable = if s.unreadable > 0 {
        tr!(
            "，{n} 个文件无法读取",
            ", {n} unreadable",
            n = &s.unreadable
        )
    } else {
        tr!("", "")
    };
    let line = tr!(
        "共 {files} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 条提示{unreadable}",
        "{files} file(s): {errors} error(s), {warnings} warning(s), {infos} info(s){unreadable}",
        files = &s.files,
        errors = &s.errors,
        warnings = &s.warnings,
        infos = &s.infos,
        unreadable = unreadable,
    );
    line.render(lang) + "\n"
}
