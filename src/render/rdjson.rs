//! reviewdog diagnostic format (rdjson).

use crate::diagnostic::Severity;
use crate::lint::FileResult;
use serde_json::{Value, json};

/// The rdjson document of a batch.
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// let v = jixiao_lint::render::rdjson::render(&[r]);
/// assert_eq!(v["diagnostics"][0]["severity"], "ERROR");
/// ```
pub fn render(results: &[FileResult]) -> Value {
    let mut diags = Vec::new();
    for r in results {
        if let Some(e) = &r.error {
            // an unreadable file is a finding of its own, not a silence
            diags.push(json!({
                "message": format!("cannot read: {e}"),
                "location": {"path": r.path},
                "severity": "ERROR",
                "code": {"value": "read"},
            }));
            continue;
        }
        let Some(src) = &r.source else { continue };
        for d in &r.diagnostics {
            let range = d.span.map(|s| {
                let a = src.line_col(s.offset);
                let b = src.line_col(s.end());
                json!({"start": {"line": a.line, "column": a.column}, "end": {"line": b.line, "column": b.column}})
            });
            let mut x = json!({
                "message": match &d.help {
                    Some(h) => format!("{}\n{}", super::located(d, r.lang), h.render(r.lang)),
                    None => super::located(d, r.lang),
                },
                "location": {"path": r.path, "range": range},
                "severity": match d.severity { Severity::Error => "ERROR", Severity::Warning => "WARNING", Severity::Info => "INFO" },
                "code": {"value": format!("{}({})", d.code, d.rule)},
            });
            if let Some(s) = &d.suggestion
                && let Some(sp) = s.span
            {
                let a = src.line_col(sp.offset);
                let b = src.line_col(sp.end());
                x["suggestions"] = json!([{"range": {"start": {"line": a.line, "column": a.column}, "end": {"line": b.line, "column": b.column}}, "text": s.replacement}]);
            }
            diags.push(x);
        }
    }
    json!({"source": {"name": "jixiao-lint"}, "diagnostics": diags})
}
