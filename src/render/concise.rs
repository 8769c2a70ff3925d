//! `--format concise`: one line per finding, `path:line:column: severity CODE rule message`
//! (with the document's own place in brackets for converted inputs), and one line per
//! unreadable file. For grep, editors' quickfix lists and short CI logs.

use crate::diagnostic::Lang;
use crate::lint::FileResult;
use std::fmt::Write;

/// One file's lines.
pub(crate) fn render_file(r: &FileResult, lang: Lang) -> String {
    let mut out = String::new();
    if let Some(e) = &r.error {
        let _ = writeln!(
            out,
            "{}: error read {}",
            r.path,
            e.localized(lang).replace('\n', " ")
        );
        return out;
    }
    let Some(src) = &r.source else { return out };
    for d in &r.diagnostics {
        let at = d.span.map(|s| src.line_col(s.offset));
        let (line, col) = at.map_or((0, 0), |p| (p.line, p.column));
        let _ = writeln!(
            out,
            "{}:{line}:{col}: {} {} {} {}",
            r.path,
            d.severity.as_str(),
            d.code,
            d.rule,
            super::located(d, lang).replace('\n', " ")
        );
    }
    out
}

/// A batch, with the summary line of the human output.
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// let out = jixiao_lint::render::concise::render(&[r], jixiao_lint::Lang::En);
/// assert!(out.starts_with("r.txt:1:25: error JX105 change-direction "), "{out}");
/// ```
pub fn render(results: &[FileResult], lang: Lang) -> String {
    let mut out: String = results.iter().map(|r| render_file(r, lang)).collect();
    out.push_str(&super::summary_line(&super::summarize(results), lang));
    out
}
