//! jixiao-lint checks Chinese budget performance self-evaluation reports (绩效自评报告 and
//! their 绩效自评表) for internal consistency.
//!
//! Data flows one way: source → extract → model → rules → diagnostics → render.
//!
//! ```
//! use jixiao_lint::lint::{Options, lint_text};
//!
//! let r = lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Options::default());
//! let d = &r.diagnostics[0];
//! assert_eq!((d.rule, d.code), ("change-direction", "JX105"));
//! // serde data, as `check --format json` prints it
//! assert_eq!(r.to_json()["diagnostics"][0]["line"], 1);
//! ```
#![deny(missing_docs)]
#![warn(clippy::too_many_lines)]

pub mod atomic;
pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod extract;
pub mod figure;
pub mod fix;
pub mod lang;
pub mod lint;
pub mod model;
pub mod render;
pub mod rules;
#[cfg(feature = "serve")]
pub mod serve;
pub mod source;

pub use diagnostic::{Diagnostic, Lang, Severity};
pub use lint::{
    FileResult, Options, UnknownRule, lint_bytes, lint_bytes_as, lint_model, lint_path, lint_text,
};
pub use model::Report;
/// The narrative facts (amounts, breakdowns, shares, comparisons, ratios): part of the model.
pub use model::facts;
