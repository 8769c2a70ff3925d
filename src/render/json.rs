//! `check --format json` (spec/interfaces.md).

use super::summarize;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Lang;
use crate::lint::FileResult;
use crate::source::SourceFile;
use serde_json::{Value, json};

fn diag_json(d: &Diagnostic, src: Option<&SourceFile>, lang: Lang) -> Value {
    let pos = |off: usize| src.map(|s| s.line_col(off));
    let (line, column, end_line, end_column) = match (d.span, src) {
        (Some(sp), Some(_)) => {
            let a = pos(sp.offset).unwrap();
            let b = pos(sp.end()).unwrap();
            (
                json!(a.line),
                json!(a.column),
                json!(b.line),
                json!(b.column),
            )
        }
        _ => (Value::Null, Value::Null, Value::Null, Value::Null),
    };
    let labels: Vec<Value> = d
        .labels
        .iter()
        .map(|l| {
            let p = l.span.and_then(|s| pos(s.offset));
            let mut v = json!({
                "text": l.text.render(lang),
                "line": p.map(|x| x.line),
                "column": p.map(|x| x.column),
                "offset": l.span.map(|s| s.offset),
                "length": l.span.map(|s| s.len),
            });
            if let Some(loc) = &l.location {
                v["location"] = json!(loc);
            }
            v
        })
        .collect();
    let suggestion = d.suggestion.as_ref().map(|s| {
        let p = s.span.and_then(|sp| pos(sp.offset));
        json!({
            "figure": s.figure,
            "line": p.map(|x| x.line),
            "column": p.map(|x| x.column),
            "offset": s.span.map(|x| x.offset),
            "replacement": s.replacement,
        })
    });
    json!({
        "rule": d.rule,
        "code": d.code,
        "severity": d.severity.as_str(),
        "message": d.message.render(lang),
        "help": d.help.as_ref().map(|h| h.render(lang)),
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "offset": d.span.map(|s| s.offset),
        "length": d.span.map(|s| s.len),
        "location": d.location,
        "suggestion": suggestion,
        "labels": labels,
    })
}

/// The JSON object of one file.
pub(crate) fn file_json(r: &FileResult) -> Value {
    json!({
        "path": r.path,
        "format": r.format,
        "error": r.error,
        "diagnostics": r.diagnostics.iter().map(|d| diag_json(d, r.source.as_ref(), r.lang)).collect::<Vec<_>>(),
    })
}

#[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line
/// One file's object, pretty-printed and indented as an element of `files` (for streaming).
/// Built one diagnostic at a time (the same text as pretty-printing [`file_json`], with keys
/// in its order), so a file with a hundred thousand findings never exists as one JSON tree.
pub(crate) fn file_chunk(r: &FileResult) -> String {
    let mut out = String::from("    {\n      \"diagnostics\": [");
    if r.diagnostics.is_empty() {
        out.push_str("],\n");
    } else {
        for (i, d) in r.diagnostics.iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            let text = serde_json::to_string_pretty(&diag_json(d, r.source.as_ref(), r.lang))
                .unwrap_or_default();
            for (k, line) in text.lines().enumerate() {
                if k > 0 {
                    out.push('\n');
                }
                out.push_str("        ");
                out.push_str(line);
            }
        }
        out.push_str("\n      ],\n");
    }
    let field = |v: Value| serde_json::to_string(&v).unwrap_or_default();
    out.push_str(&format!(
        "      \"error\": {},\n      \"format\": {},\n      \"path\": {}\n    }}",
        field(json!(r.error)),
        field(json!(r.format)),
        field(json!(r.path))
    ));
    out
}

#[cfg_attr(not(feature = "cli"), allow(dead_code))] // used by the command line
/// Assemble the document from per-file chunks (as `file_chunk` makes them) and the summary.
pub(crate) fn assemble(chunks: &[String], s: &super::Summary) -> String {
    let mut out = format!(
        "{{\n  \"version\": 1,\n  \"tool\": {{\n    \"name\": \"jixiao-lint\",\n    \"version\": \"{}\"\n  }},\n  \"files\": [",
        env!("CARGO_PKG_VERSION")
    );
    for (i, c) in chunks.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(c);
    }
    out.push_str(if chunks.is_empty() {
        "],\n"
    } else {
        "\n  ],\n"
    });
    out.push_str(&format!(
        "  \"summary\": {{\n    \"files\": {},\n    \"errors\": {},\n    \"warnings\": {},\n    \"infos\": {},\n    \"unreadable\": {}\n  }}\n}}\n",
        s.files, s.errors, s.warnings, s.infos, s.unreadable
    ));
    out
}

impl Diagnostic {
    /// This finding as the JSON object of `check --format json`, its texts in `lang` (line and
    /// column are `null`: a diagnostic alone has no text to count them in; a [`FileResult`]'s
    /// JSON has them).
    ///
    /// ```
    /// use jixiao_lint::{Lang, Options, lint_model, model::{Cell, FundKind, FundRow, Report, SelfEvalTable, Text}};
    /// let row = FundRow {
    ///     label: Text::new("年度资金总额", None),
    ///     kind: FundKind::Total,
    ///     initial_budget: None,
    ///     budget: Some(Cell::at("587.65", "D5")),
    ///     executed: Some(Cell::at("500", "E5")),
    ///     weight: Some(Cell::at("10", "F5")),
    ///     rate: Some(Cell::at("95%", "G5")),
    ///     score: None,
    ///     span: None,
    /// };
    /// let report = Report { tables: vec![SelfEvalTable { fund_rows: vec![row], ..Default::default() }], ..Default::default() };
    /// let d = &lint_model(&report, &Options::default())[0];
    /// let j = d.to_json(Lang::En);
    /// assert_eq!((j["code"].as_str(), j["location"].as_str()), (Some("JX202"), Some("G5")));
    /// assert!(j["message"].as_str().unwrap().starts_with("年度资金总额: execution rate 95%"));
    /// ```
    pub fn to_json(&self, lang: Lang) -> Value {
        diag_json(self, None, lang)
    }
}

/// The JSON document for a batch.
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// let v = jixiao_lint::render::json::render(&[r]);
/// assert_eq!(v["summary"]["errors"], 1);
/// assert_eq!(v["files"][0]["diagnostics"][0]["code"], "JX105");
/// ```
pub fn render(results: &[FileResult]) -> Value {
    let files: Vec<Value> = results.iter().map(file_json).collect();
    let s = summarize(results);
    json!({
        "version": 1,
        "tool": {"name": "jixiao-lint", "version": env!("CARGO_PKG_VERSION")},
        "files": files,
        "summary": {"files": s.files, "errors": s.errors, "warnings": s.warnings, "infos": s.infos, "unreadable": s.unreadable},
    })
}

/// (Declared beside the renderer it uses, so the engine does not depend on its renderers.)
impl FileResult {
    /// This result as the JSON object of `check --format json` (serde data).
    ///
    /// ```
    /// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
    /// assert_eq!(r.to_json()["path"], "r.txt");
    /// ```
    pub fn to_json(&self) -> Value {
        render(std::slice::from_ref(self))["files"][0].clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_and_whole_json_agree() {
        let bad = crate::lint_bytes(
            "noise.bin",
            &[0xff, 0xfe, 0x00, 0x01, 0x9c],
            &Default::default(),
        );
        let good = crate::lint_text(
            "r.txt",
            "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。",
            &Default::default(),
        );
        let all = [bad, good];
        let whole = render(&all);
        let chunks: Vec<String> = all.iter().map(file_chunk).collect();
        let streamed: Value =
            serde_json::from_str(&assemble(&chunks, &super::super::summarize(&all))).unwrap();
        assert_eq!(streamed, whole);
        assert_eq!(whole["summary"]["unreadable"], 1);
    }
}
