//! The library API: lint text, a path, or a model built in code.

use crate::diagnostic::{Diagnostic, Lang};
use crate::extract::extract_text;
use crate::model::Report;
use crate::rules::{self, RuleMeta, RuleSettings};
use crate::source::SourceFile;
use std::path::Path;

/// Largest input read, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What to run and how to speak.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Message language.
    pub lang: Lang,
    /// Settings read by rules.
    pub settings: RuleSettings,
    /// Only these rules (names, codes or groups); all when empty.
    pub select: Vec<String>,
    /// Never these rules (names, codes or groups).
    pub ignore: Vec<String>,
    /// Per-rule severity overrides by rule name; `None` turns the rule off.
    pub levels: std::collections::BTreeMap<&'static str, Option<crate::diagnostic::Severity>>,
}

impl Options {
    fn matches(sel: &str, m: &RuleMeta) -> bool {
        sel == m.name || sel.eq_ignore_ascii_case(m.code) || sel == m.group || sel == "all"
    }
    /// True when the rule runs under these options.
    pub fn enabled(&self, m: &RuleMeta) -> bool {
        if self.levels.get(m.name) == Some(&None) {
            return false;
        }
        (self.select.is_empty() || self.select.iter().any(|s| Self::matches(s, m)))
            && !self.ignore.iter().any(|s| Self::matches(s, m))
    }
}

/// The result of linting one input.
#[derive(Debug)]
pub struct FileResult {
    /// The path as given.
    pub path: String,
    /// Input format (`text`).
    pub format: &'static str,
    /// Why the input could not be read, if it could not.
    pub error: Option<String>,
    /// The findings, sorted by offset, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// The decoded source, when it could be read.
    pub source: Option<SourceFile>,
    /// The extracted model.
    pub report: Option<Report>,
}

/// Run the rules on a model (no source text needed).
pub fn lint_model(report: &Report, opts: &Options) -> Vec<Diagnostic> {
    let mut d = rules::run(report, opts.lang, &opts.settings, &|m| opts.enabled(m));
    for x in d.iter_mut() {
        if let Some(Some(sev)) = opts.levels.get(x.rule) {
            x.severity = *sev;
        }
    }
    sort(&mut d);
    d
}

fn sort(d: &mut [Diagnostic]) {
    d.sort_by(|a, b| {
        let ka = (
            a.span.map(|s| s.offset).unwrap_or(0),
            a.code,
            a.span.map(|s| s.len).unwrap_or(0),
        );
        let kb = (
            b.span.map(|s| s.offset).unwrap_or(0),
            b.code,
            b.span.map(|s| s.len).unwrap_or(0),
        );
        ka.cmp(&kb).then_with(|| a.message.cmp(&b.message))
    });
}

/// Lint decoded text.
pub fn lint_text(name: &str, text: &str, opts: &Options) -> FileResult {
    let src = SourceFile::new(name, text);
    let report = extract_text(&src);
    let diagnostics = lint_model(&report, opts);
    FileResult {
        path: name.to_string(),
        format: "text",
        error: None,
        diagnostics,
        source: Some(src),
        report: Some(report),
    }
}

/// Decode bytes of a text file: UTF-8 with or without BOM.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(b) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(format!(
            "not valid UTF-8 text (invalid byte at offset {}); convert the file to UTF-8",
            e.valid_up_to()
        )),
    }
}

/// Read and lint a file. Errors are reported in the result, never panicked.
pub fn lint_path(path: &Path, opts: &Options) -> FileResult {
    let name = path.display().to_string();
    match read_text(path) {
        Ok(text) => lint_text(&name, &text, opts),
        Err(e) => FileResult {
            path: name,
            format: "text",
            error: Some(e),
            diagnostics: Vec::new(),
            source: None,
            report: None,
        },
    }
}

/// Read a file as text, with a size limit.
pub fn read_text(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.is_dir() {
        return Err("is a directory".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is {} bytes, over the limit of {} bytes",
            meta.len(),
            MAX_FILE_BYTES
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    decode(&bytes)
}
