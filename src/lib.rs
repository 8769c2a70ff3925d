//! jixiao-lint checks Chinese budget performance self-evaluation reports (绩效自评报告 and
//! their 绩效自评表) for internal consistency.
//!
//! Data flows one way: source → extract → model → rules → diagnostics → render.

pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod extract;
pub mod facts;
pub mod figure;
pub mod lint;
pub mod model;
pub mod render;
pub mod rules;
pub mod source;

pub use diagnostic::{Diagnostic, Lang, Severity};
pub use lint::{FileResult, lint_model, lint_text};
pub use model::Report;
