//! GitHub Actions workflow commands (`::error file=…,line=…::message`). GitHub shows at most
//! 10 annotations of each level per step; the rest, and a table of every finding, go to the
//! step summary.

use crate::diagnostic::Severity;
use crate::lang::Phrase;
use crate::lint::FileResult;
use std::fmt::Write;

/// Annotations GitHub shows per level and step.
pub(crate) const PER_LEVEL_LIMIT: usize = 10;

/// Escape a command's message (`%`, CR, LF).
pub(crate) fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command property (also `:` and `,`).
pub(crate) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The annotations for standard output and the Markdown step summary.
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// let (annotations, summary) = jixiao_lint::render::github::render(&[r]);
/// assert!(annotations.starts_with("::error file=r.txt,line=1,col=25,"), "{annotations}");
/// assert!(summary.contains("JX105"));
/// ```
// Long by design: annotations and the job summary written in one pass over the results.
pub fn render(results: &[FileResult]) -> (String, String) {
    let mut out = String::new();
    static HEAD: Phrase = Phrase::new(
        "| 文件 | 行 | 列 | 级别 | 规则 | 说明 |",
        "| File | Line | Column | Level | Rule | Message |",
    );
    let lang = results.first().map(|r| r.lang).unwrap_or_default();
    let mut summary = format!(
        "## jixiao-lint\n\n{}\n|---|---|---|---|---|---|\n",
        HEAD.get(lang)
    );
    let mut shown = [0usize; 3];
    let mut hidden = 0usize;
    for r in results {
        if let Some(e) = &r.error {
            let _ = writeln!(
                out,
                "::error file={}::{}",
                escape_property(&r.path),
                escape_data(&format!("cannot read: {e}"))
            );
            let _ = writeln!(
                summary,
                "| {} | | | error | | {} |",
                md(&r.path),
                md(&e.to_string())
            );
            continue;
        }
        let Some(src) = &r.source else { continue };
        for d in &r.diagnostics {
            let (cmd, i) = match d.severity {
                Severity::Error => ("error", 0),
                Severity::Warning => ("warning", 1),
                Severity::Info => ("notice", 2),
            };
            let pos = d
                .span
                .map(|s| (src.line_col(s.offset), src.line_col(s.end())));
            let mut msg = super::located(d, r.lang);
            if let Some(h) = &d.help {
                msg.push('\n');
                msg.push_str(&h.render(r.lang));
            }
            if shown[i] < PER_LEVEL_LIMIT {
                shown[i] += 1;
                let mut props = format!("file={}", escape_property(&r.path));
                if let Some((a, b)) = pos {
                    let _ = write!(
                        props,
                        ",line={},col={},endLine={},endColumn={}",
                        a.line, a.column, b.line, b.column
                    );
                }
                let _ = write!(
                    props,
                    ",title={}",
                    escape_property(&match &d.location {
                        Some(loc) => format!("{} {} ({loc})", d.code, d.rule),
                        None => format!("{} {}", d.code, d.rule),
                    })
                );
                let _ = writeln!(out, "::{cmd} {props}::{}", escape_data(&msg));
            } else {
                hidden += 1;
            }
            let (l, c) = pos
                .map(|(a, _)| (a.line.to_string(), a.column.to_string()))
                .unwrap_or_default();
            let _ = writeln!(
                summary,
                "| {} | {l} | {c} | {} | {} {} | {} |",
                md(&r.path),
                d.severity,
                d.code,
                d.rule,
                md(&super::located(d, r.lang))
            );
        }
    }
    if hidden > 0 {
        let _ = writeln!(
            out,
            "::notice::{}",
            escape_data(&format!(
                "{hidden} more findings are listed in the step summary (GitHub shows {PER_LEVEL_LIMIT} annotations per level)"
            ))
        );
    }
    (out, summary)
}

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_values_are_escaped() {
        assert_eq!(escape_data("a%b\nc\rd"), "a%25b%0Ac%0Dd");
        assert_eq!(
            escape_property("报告/自评,2020:1.txt"),
            "报告/自评%2C2020%3A1.txt"
        );
    }
}
