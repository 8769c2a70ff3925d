//! The one diagnostic type (a `miette::Diagnostic`; the terminal renderer gives it a source).

use crate::source::Span;
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
