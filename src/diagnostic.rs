//! The one diagnostic type: what a rule found, where, and its texts for people (rendered in a
//! language by the renderers).

use crate::model::Cell;
use crate::source::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is.
///
/// ```
/// use jixiao_lint::Severity;
/// assert!(Severity::Error > Severity::Warning && Severity::Warning > Severity::Info);
/// assert_eq!(Severity::Warning.to_string(), "warning");
/// ```
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
    ///
    /// ```
    /// assert_eq!(jixiao_lint::Severity::Info.as_str(), "info");
    /// ```
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

pub use crate::lang::{Lang, Message};

/// A secondary label: a figure the rule used.
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// let l = &r.diagnostics[0].labels[0];
/// assert_eq!(l.text.render(jixiao_lint::Lang::En), "this year");
/// assert_eq!(l.start.map(|p| (p.line, p.column)), Some((1, 6)));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// What the figure is.
    pub text: Message,
    /// Where it is in the linted text (`None` for a model built in code without spans).
    pub span: Option<Span>,
    /// Its line and column in the linted text (set like [`Diagnostic::start`]).
    pub start: Option<crate::source::LineCol>,
    /// The document's own name for its place (`自评表!F7`), when the model gives one.
    pub location: Option<String>,
}

/// Where a finding points: a span of the linted text, and the document's own name for the
/// place when the model carries one (a [`Cell`]'s `location`, for a model built in code from a
/// spreadsheet or a database).
///
/// ```
/// use jixiao_lint::diagnostic::{Diagnostic, Place};
/// use jixiao_lint::model::Cell;
/// use jixiao_lint::{Lang, Severity, lang::Phrase, lang::Message};
/// static MSG: Phrase = Phrase::new("执行率有误", "wrong execution rate");
/// let cell = Some(Cell::at("95%", "自评表!G7"));
/// let d = Diagnostic::new("execution-rate", "JX202", Severity::Error, Message::new(&MSG))
///     .at(&cell, Message::verbatim("执行率"));
/// assert_eq!(d.location.as_deref(), Some("自评表!G7"));
/// assert_eq!(Place::from(&cell).span, None);
/// ```
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

impl Place {
    /// This place when it names one (a span or a location), else `other`.
    ///
    /// ```
    /// use jixiao_lint::diagnostic::Place;
    /// use jixiao_lint::{model::Cell, source::Span};
    /// let empty: Option<Cell> = None;
    /// let p = Place::from(&empty).or(Some(Span::new(4, 2)));
    /// assert_eq!(p.span, Some(Span::new(4, 2)));
    /// ```
    pub fn or(self, other: impl Into<Place>) -> Place {
        if self.span.is_some() || self.location.is_some() {
            self
        } else {
            other.into()
        }
    }
}

impl From<&Cell> for Place {
    fn from(cell: &Cell) -> Self {
        Place {
            span: cell.span,
            location: cell.location.as_deref().map(String::from),
        }
    }
}

impl From<&Option<Cell>> for Place {
    fn from(cell: &Option<Cell>) -> Self {
        cell.as_ref().map(Place::from).unwrap_or_default()
    }
}

/// The figure most likely to hold a typo and the value that would make every violated
/// relation around it hold.
///
/// ```
/// let r = jixiao_lint::lint_text(
///     "r.txt",
///     "总收入 1.99 万元，比上年 1.42 万元减少 0.57 万元。",
///     &Default::default(),
/// );
/// let s = r.diagnostics[0].suggestion.as_ref().expect("a word to swap");
/// assert_eq!((s.figure.as_str(), s.replacement.as_str()), ("减少", "增加"));
/// ```
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
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// let d = &r.diagnostics[0];
/// assert_eq!((d.code, d.rule, d.severity), ("JX105", "change-direction", jixiao_lint::Severity::Error));
/// assert!(d.message.render(jixiao_lint::Lang::En).contains("yet the text says a decrease"));
/// assert_eq!(d.start.map(|p| p.line), Some(1));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Rule name (kebab-case).
    pub rule: &'static str,
    /// Rule code (JX…).
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
    /// What is wrong (render it with [`Message::render`] in the reader's language).
    pub message: Message,
    /// The arithmetic, with rounding slack.
    pub help: Option<Message>,
    /// The place a reviewer must edit.
    pub span: Option<Span>,
    /// Message of the primary label.
    pub primary_label: Option<Message>,
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
    ///
    /// ```
    /// use jixiao_lint::{Diagnostic, Lang, Severity, lang::Message};
    /// let d = Diagnostic::new("my-check", "X001", Severity::Info, Message::verbatim("看一下"));
    /// assert_eq!(d.message.render(Lang::En), "看一下");
    /// assert!(d.span.is_none() && d.labels.is_empty());
    /// ```
    pub fn new(
        rule: &'static str,
        code: &'static str,
        severity: Severity,
        message: Message,
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
    ///
    /// ```
    /// use jixiao_lint::{Diagnostic, Lang, Severity, lang::Message};
    /// let d = Diagnostic::new("my-check", "X001", Severity::Info, Message::verbatim("m"))
    ///     .with_help(Message::verbatim("1 + 1 = 2"));
    /// assert_eq!(d.help.unwrap().render(Lang::Zh), "1 + 1 = 2");
    /// ```
    pub fn with_help(mut self, help: Message) -> Self {
        self.help = Some(help);
        self
    }

    /// Set the primary span and its label.
    ///
    /// ```
    /// use jixiao_lint::{Diagnostic, Severity, lang::Message, source::Span};
    /// let d = Diagnostic::new("my-check", "X001", Severity::Info, Message::verbatim("m"))
    ///     .at(Some(Span::new(3, 6)), Message::verbatim("这里"));
    /// assert_eq!(d.span, Some(Span::new(3, 6)));
    /// ```
    pub fn at(mut self, place: impl Into<Place>, label: impl Into<Message>) -> Self {
        let place = place.into();
        self.span = place.span;
        if place.location.is_some() {
            self.location = place.location;
        }
        self.primary_label = Some(label.into());
        self
    }

    /// Add a secondary label when its place is known: a span other than the primary one, or
    /// a model cell's location (a model built in code without spans).
    ///
    /// ```
    /// use jixiao_lint::{Diagnostic, Severity, lang::Message, model::Cell, source::Span};
    /// let d = Diagnostic::new("my-check", "X001", Severity::Info, Message::verbatim("m"))
    ///     .at(Some(Span::new(0, 3)), Message::verbatim("a"))
    ///     .label(Some(Span::new(0, 3)), Message::verbatim("same place: dropped"))
    ///     .label(None, Message::verbatim("no place: dropped"))
    ///     .label(Some(Span::new(9, 3)), Message::verbatim("b"))
    ///     .label(&Some(Cell::at("10", "资金!F5")), Message::verbatim("分值"));
    /// assert_eq!(d.labels.len(), 2);
    /// assert_eq!(d.labels[1].location.as_deref(), Some("资金!F5"));
    /// ```
    pub fn label(mut self, place: impl Into<Place>, text: impl Into<Message>) -> Self {
        let place = place.into();
        let known = match place.span {
            Some(span) => Some(span) != self.span,
            None => place.location.is_some(),
        };
        if known {
            self.labels.push(Label {
                text: text.into(),
                span: place.span,
                start: None,
                location: place.location,
            });
        }
        self
    }
}
