//! SARIF 2.1.0: every rule with its full documentation, results with character columns, and
//! logical locations (`表2 第3行 第5列`, `自评表!F7`) for converted documents.

use crate::diagnostic::Severity;
use crate::lint::FileResult;
use crate::rules;
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The SARIF log of a batch.
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// let log = jixiao_lint::render::sarif::render(&[r]);
/// assert_eq!(log["version"], "2.1.0");
/// assert_eq!(log["runs"][0]["results"][0]["ruleId"], "JX105");
/// ```
pub fn render(results: &[FileResult]) -> Value {
    render_with_roots(results, &[])
}

/// [`render`], with the `partialFingerprints` of `results[i]` taken from `roots[i]` (the
/// project root baselines use: [`crate::baseline::project_root_of`] where `roots` is shorter).
pub(crate) fn render_with_roots(results: &[FileResult], roots: &[std::path::PathBuf]) -> Value {
    let reg = rules::registry();
    let rule_defs: Vec<Value> = reg
        .iter()
        .map(|(m, _)| {
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.summary},
                "help": {"text": m.doc, "markdown": m.doc},
                "defaultConfiguration": {"level": level(m.severity)},
                "properties": {"tags": [m.group]},
            })
        })
        .collect();
    let mut out = Vec::new();
    let mut notifications = Vec::new();
    for (i, r) in results.iter().enumerate() {
        if let Some(e) = &r.error {
            notifications.push(json!({
                "level": "error",
                "message": {"text": format!("{}: {e}", r.path)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&r.path)}}}],
            }));
            continue;
        }
        let Some(src) = &r.source else { continue };
        let root = crate::baseline::root_at(roots, i, r);
        let fps = crate::baseline::fingerprints(r, &crate::baseline::project_path(&r.path, &root));
        for (d, fp) in r.diagnostics.iter().zip(&fps) {
            out.push(result(d, fp, src, &r.path, reg, r.lang));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "jixiao-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/jixiao-lint/jixiao-lint",
                "rules": rule_defs,
            }},
            "columnKind": "unicodeCodePoints",
            "results": out,
            "invocations": [{"executionSuccessful": true, "toolExecutionNotifications": notifications}],
        }],
    })
}

/// One finding as a SARIF result.
fn result(
    d: &crate::diagnostic::Diagnostic,
    fp: &str,
    src: &crate::source::SourceFile,
    path: &str,
    reg: &[(&'static rules::RuleMeta, rules::CheckFn)],
    lang: crate::Lang,
) -> Value {
    let idx = reg.iter().position(|(m, _)| m.name == d.rule).unwrap_or(0);
    let mut loc = json!({"physicalLocation": {"artifactLocation": {"uri": uri(path)}}});
    if let Some(sp) = d.span {
        let a = src.line_col(sp.offset);
        let b = src.line_col(sp.end());
        loc["physicalLocation"]["region"] = json!({
            "startLine": a.line, "startColumn": a.column, "endLine": b.line, "endColumn": b.column,
        });
    }
    if let Some(l) = &d.location {
        loc["logicalLocations"] = json!([{"name": l, "kind": "element"}]);
    }
    let related: Vec<Value> = d
        .labels
        .iter()
        .filter_map(|l| Some((l, l.span?)))
        .enumerate()
        .map(|(i, (l, sp))| {
            let a = src.line_col(sp.offset);
            let b = src.line_col(sp.end());
            json!({
                "id": i,
                "message": {"text": l.text.render(lang)},
                "physicalLocation": {"artifactLocation": {"uri": uri(path)}, "region": {"startLine": a.line, "startColumn": a.column, "endLine": b.line, "endColumn": b.column}},
            })
        })
        .collect();
    let mut text = d.message.render(lang);
    if let Some(h) = &d.help {
        text.push('\n');
        text.push_str(&h.render(lang));
    }
    let mut res = json!({
        "ruleId": d.code,
        "ruleIndex": idx,
        "level": level(d.severity),
        "message": {"text": text},
        "locations": [loc],
        "partialFingerprints": {"jixiaoLint/v1": fp},
    });
    if !related.is_empty() {
        res["relatedLocations"] = Value::Array(related);
    }
    if let Some(s) = &d.suggestion
        && let Some(sp) = s.span
    {
        let a = src.line_col(sp.offset);
        let b = src.line_col(sp.end());
        res["fixes"] = json!([{
            "description": {"text": format!("{} → {}", s.figure, s.replacement)},
            "artifactChanges": [{"artifactLocation": {"uri": uri(path)}, "replacements": [{
                "deletedRegion": {"startLine": a.line, "startColumn": a.column, "endLine": b.line, "endColumn": b.column},
                "insertedContent": {"text": s.replacement},
            }]}],
        }]);
    }
    res
}

/// A relative path as a URI reference (percent-encoding what a URI may not hold).
fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut s = String::new();
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}
