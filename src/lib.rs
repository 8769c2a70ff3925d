//! jixiao-lint checks Chinese budget performance self-evaluation reports (绩效自评报告 and
//! their 绩效自评表) for internal consistency.
//!
//! Data flows one way: source → extract → model → rules → diagnostics → render.
//!
//! ```
//! use jixiao_lint::{Lang, Options, Severity, lint_text};
//!
//! let opts = Options::builder()
//!     .ignore("stray-latin-word")
//!     .level("change-direction", Some(Severity::Warning))
//!     .build()
//!     .expect("every name names a rule"); // a misspelt rule name is an UnknownRule error
//! let r = lint_text("report.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &opts);
//! let d = &r.diagnostics[0];
//! assert_eq!(d.rule, "change-direction");
//! let at = d.start.unwrap(); // line and column, resolved
//! println!("{}:{} {}", at.line, at.column, d.message.render(Lang::En)); // any language, no relint
//! let json = r.to_json(); // serde data, as `check --format json` prints it
//! assert_eq!(json["diagnostics"][0]["severity"], "warning");
//! ```
#![deny(missing_docs)]
#![warn(clippy::too_many_lines)]

#[cfg(feature = "cli")]
pub(crate) mod atomic;
#[cfg_attr(not(feature = "cli"), allow(dead_code))]
pub(crate) mod baseline;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;
// configuration files and baselines serve the command line; SARIF output uses their project
// roots and fingerprints, so they are built without it too
#[cfg_attr(not(feature = "cli"), allow(dead_code))]
pub(crate) mod config;
pub mod diagnostic;
pub mod error;
pub(crate) mod extract;
pub(crate) mod figure;
#[cfg(feature = "cli")]
pub(crate) mod fix;
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
    FileResult, Options, UnknownRule, lint_bytes, lint_bytes_as, lint_model, lint_owned_bytes,
    lint_path, lint_text,
};
pub use model::Report;
/// The narrative facts (amounts, breakdowns, shares, comparisons, ratios): part of the model.
pub use model::facts;
/// The decimal type of every figure, bound and interval of the model.
pub use rust_decimal::Decimal;

/// Not part of the API (hidden from the documentation, may change in any release): the pieces
/// the project's own benchmarks, fuzz targets and tests reach into.
#[doc(hidden)]
pub mod internals {
    pub use crate::extract::{cells, extract_text, extract_text_with_frames, narrative, selfeval};
    /// Figures: parsing and intervals.
    pub mod figure {
        pub use crate::figure::{
            Figure, Interval, parse_cell, parse_chinese_numeral, ratio_meets, scan_figures,
        };
    }
    pub use crate::source::stream::CharStream;

    /// Decode the bytes of a text file in any common encoding (the text reader's first step).
    pub fn decode(bytes: &[u8]) -> Result<String, crate::error::InputError> {
        crate::lint::decode(bytes)
    }
    #[cfg(feature = "serve")]
    pub use crate::serve::multipart::{multipart_boundary, parse_multipart};
}
