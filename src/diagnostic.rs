//! The one diagnostic type: what a rule found, where, and its texts for people (rendered in a
//! language by the renderers).

use crate::model::Cell;
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

pub use crate::lang::{Lang, Text};

/// A secondary label: a figure the rule used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// What the figure is.
    pub text: Text,
    /// Where it is.
    pub span: Span,
    /// Its line and column in the linted text (set like [`Diagnostic::start`]).
    pub start: Option<crate::source::LineCol>,
    /// The document's own name for its place (`自评表!F7`), when the model gives one.
    pub location: Option<String>,
}

/// Where a finding points: a span of the linted text, and the document's own name for the
/// place when the model carries one (a [`Cell`]'s `location`, for a model built in code from a
/// spreadsheet or a database).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// The span in the linted text.
    pub span: Option<Span>,
    /// The document's own name for the place.
    pub location: Option<String>,
}

impl From<Option<Span>> for Place {
    fn from(span: Option<Span>) -> Self {
        Place {
            span,
            location: None,
        }
    }
}

impl From<&Option<Cell>> for Place {
    fn from(cell: &Option<Cell>) -> Self {
        let cell = cell.as_ref();
        Place {
            span: cell.and_then(|c| c.span),
            location: cell.and_then(|c| c.location.as_deref()).map(String::from),
        }
    }
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Rule name (kebab-case).
    pub rule: &'static str,
    /// Rule code (JX…).
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
    /// What is wrong (render it with [`Text::render`] in the reader's language).
    pub message: Text,
    /// The arithmetic, with rounding slack.
    pub help: Option<Text>,
    /// The place a reviewer must edit.
    pub span: Option<Span>,
    /// Text of the primary label.
    pub primary_label: Option<Text>,
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
    pub fn new(rule: &'static str, code: &'static str, severity: Severity, message: Text) -> Self {
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
    pub fn with_help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    /// Set the primary span and its label.
    pub fn at(mut self, place: impl Into<Place>, label: impl Into<Text>) -> Self {
        let place = place.into();
        self.span = place.span;
        if place.location.is_some() {
            self.location = place.location;
        }
        self.primary_label = Some(label.into());
        self
    }

    /// Add a secondary label when the span is known.
    pub fn label(mut self, place: impl Into<Place>, text: impl Into<Text>) -> Self {
        let place = place.into();
        if let Some(span) = place.span
            && Some(span) != self.span
        {
            self.labels.push(Label {
                text: text.into(),
                span,
                start: None,
                location: place.location,
            });
        }
        self
    }
}
