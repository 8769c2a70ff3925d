//! The one diagnostic type, and a line-indexed `miette::SourceCode`.

use crate::source::{SourceFile, Span};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look.
    Info,
    /// Probably wrong.
    Warning,
    /// Inconsistent.
    Error,
}

impl Severity {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub use crate::lang::Lang;

/// A secondary label: a figure the rule used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// What the figure is.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// The figure most likely to hold a typo and the value that would make every violated
/// relation around it hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The figure as printed.
    pub figure: String,
    /// Where it is.
    pub span: Option<Span>,
    /// The replacement.
    pub replacement: String,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Diagnostic {
    /// Rule name (kebab-case).
    pub rule: &'static str,
    /// Rule code (JX…).
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// The arithmetic, with rounding slack.
    pub help: Option<String>,
    /// The place a reviewer must edit.
    pub span: Option<Span>,
    /// Text of the primary label.
    pub primary_label: Option<String>,
    /// Figures the rule used.
    pub labels: Vec<Label>,
    /// A human reference for binary formats (`表1 第3行`).
    pub location: Option<String>,
    /// Line and column of `span` in the linted text (1-based, columns in characters), set by
    /// the `lint_*` functions that have the text (`None` from [`crate::lint_model`]).
    pub start: Option<crate::source::LineCol>,
    /// Likely typo and its fix.
    pub suggestion: Option<Suggestion>,
}

impl Diagnostic {
    /// A diagnostic with no labels yet.
    pub fn new(
        rule: &'static str,
        code: &'static str,
        severity: Severity,
        message: String,
    ) -> Self {
        Diagnostic {
            rule,
            code,
            severity,
            message,
            help: None,
            span: None,
            primary_label: None,
            labels: Vec::new(),
            location: None,
            start: None,
            suggestion: None,
        }
    }

    /// Set the help line.
    pub fn with_help(mut self, help: String) -> Self {
        self.help = Some(help);
        self
    }

    /// Set the primary span and its label.
    pub fn at(mut self, span: Option<Span>, label: impl Into<String>) -> Self {
        self.span = span;
        self.primary_label = Some(label.into());
        self
    }

    /// Add a secondary label when the span is known.
    pub fn label(mut self, span: Option<Span>, text: impl Into<String>) -> Self {
        if let Some(span) = span
            && Some(span) != self.span
        {
            self.labels.push(Label {
                text: text.into(),
                span,
            });
        }
        self
    }
}

impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!("{}({})", self.code, self.rule)))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let mut v = Vec::new();
        if let Some(s) = self.span {
            v.push(miette::LabeledSpan::new_primary_with_span(
                self.primary_label.clone(),
                (s.offset, s.len),
            ));
        }
        for l in &self.labels {
            v.push(miette::LabeledSpan::new_with_span(
                Some(l.text.clone()),
                (l.span.offset, l.span.len),
            ));
        }
        if v.is_empty() {
            None
        } else {
            Some(Box::new(v.into_iter()))
        }
    }
}

/// Longest snippet shown in full, in bytes.
const MAX_SNIPPET_BYTES: usize = 2000;
/// Bytes shown on each side of a span inside a longer line.
const WINDOW_BYTES: usize = 240;

/// A `miette::SourceCode` backed by our line index: spans are found by binary search, not
/// by rescanning from byte 0, and columns are character columns.
pub struct IndexedSource<'a> {
    src: &'a SourceFile,
}

impl<'a> IndexedSource<'a> {
    /// Wrap a source file.
    pub fn new(src: &'a SourceFile) -> Self {
        IndexedSource { src }
    }
}

impl miette::SourceCode for IndexedSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'b> + 'b>, miette::MietteError> {
        let text = self.src.text();
        let start = span.offset();
        let end = start + span.len();
        if end > text.len() {
            return Err(miette::MietteError::OutOfBounds);
        }
        let first_line = self.src.line_index(start);
        let last_line = self.src.line_index(if end > start { end - 1 } else { end });
        if before == 0 && after == 0 {
            let lc = self.src.line_col(start);
            let data = &text.as_bytes()[start..end];
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                self.src.name().to_string(),
                data,
                (start, end - start).into(),
                first_line,
                lc.column - 1,
                last_line - first_line + 1,
            )));
        }
        let from_line = first_line.saturating_sub(before);
        let to_line = (last_line + after).min(self.src.line_count().saturating_sub(1));
        let s = self.src.line_start(from_line);
        let e = self.src.line_range(to_line).1;
        let e = e.max(end);
        if e - s > MAX_SNIPPET_BYTES {
            // a very long line (a PDF paragraph, a flattened table): show a window around the span
            let mut a = start
                .saturating_sub(WINDOW_BYTES)
                .max(self.src.line_start(first_line));
            while !text.is_char_boundary(a) {
                a += 1;
            }
            let mut b = (end + WINDOW_BYTES).min(self.src.line_range(last_line).1.max(end));
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            let b = b.max(end);
            let lc = self.src.line_col(a);
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                self.src.name().to_string(),
                &text.as_bytes()[a..b],
                (a, b - a).into(),
                first_line,
                lc.column - 1,
                last_line - first_line + 1,
            )));
        }
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.src.name().to_string(),
            &text.as_bytes()[s..e],
            (s, e - s).into(),
            from_line,
            0,
            to_line - from_line + 1,
        )))
    }
}

/// A diagnostic with its source attached, for miette's renderers.
pub struct WithSource<'a> {
    /// The diagnostic.
    pub diag: &'a Diagnostic,
    /// Its source.
    pub src: IndexedSource<'a>,
}

impl fmt::Debug for WithSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diag, f)
    }
}

impl fmt::Display for WithSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.diag, f)
    }
}

impl std::error::Error for WithSource<'_> {}

impl miette::Diagnostic for WithSource<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        miette::Diagnostic::code(self.diag)
    }
    fn severity(&self) -> Option<miette::Severity> {
        miette::Diagnostic::severity(self.diag)
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        miette::Diagnostic::help(self.diag)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        // for a terminal, secondary labels far from the primary one would drag a whole long
        // line into one snippet: keep those within reach
        let primary = self.diag.span;
        let near = move |l: &miette::LabeledSpan| -> bool {
            match primary {
                Some(p) if !l.primary() => l.offset().abs_diff(p.offset) <= MAX_SNIPPET_BYTES,
                _ => true,
            }
        };
        let labels = miette::Diagnostic::labels(self.diag)?;
        Some(Box::new(labels.filter(near)))
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }
}
