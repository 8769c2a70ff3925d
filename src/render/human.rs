//! Human output: miette's graphical handler over our line-indexed source.

use super::{summarize, summary_line};
use crate::diagnostic::{IndexedSource, Lang, WithSource};
use crate::lint::FileResult;
use std::fmt::Write;

fn handler(color: bool) -> miette::GraphicalReportHandler {
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    miette::GraphicalReportHandler::new_themed(theme)
        .with_context_lines(1)
        .with_width(100)
        .with_links(false)
}

/// Render one file's findings (no summary line).
pub fn render_file(r: &FileResult, lang: Lang, color: bool) -> String {
    let handler = handler(color);
    let mut out = String::new();
    if let Some(e) = &r.error {
        let _ = writeln!(
            out,
            "{}: {}: {}",
            r.path,
            if lang == Lang::Zh {
                "无法读取"
            } else {
                "cannot read"
            },
            e.localized(lang)
        );
        return out;
    }
    let Some(src) = &r.source else { return out };
    // diagnostics that name the same likely typo are shown together under that figure
    let mut done = vec![false; r.diagnostics.len()];
    for i in 0..r.diagnostics.len() {
        if done[i] {
            continue;
        }
        let group: Vec<usize> = match &r.diagnostics[i].suggestion {
            Some(s) => {
                let g: Vec<usize> = (i..r.diagnostics.len())
                    .filter(|&k| {
                        r.diagnostics[k]
                            .suggestion
                            .as_ref()
                            .is_some_and(|t| t.span == s.span && t.replacement == s.replacement)
                    })
                    .collect();
                let at = s.span.map(|sp| src.line_col(sp.offset));
                let place = at
                    .map(|p| format!("{}:{}:{}", r.path, p.line, p.column))
                    .unwrap_or_default();
                let _ = match lang {
                    Lang::Zh => writeln!(
                        out,
                        "▶ {place} “{}” 可能应为 “{}”（以下 {} 条诊断都因它而起）\n",
                        s.figure,
                        s.replacement,
                        g.len()
                    ),
                    Lang::En => writeln!(
                        out,
                        "▶ {place} “{}” is likely a typo for “{}” ({} findings below follow from it)\n",
                        s.figure,
                        s.replacement,
                        g.len()
                    ),
                };
                g
            }
            None => vec![i],
        };
        for k in group {
            done[k] = true;
            let d = &r.diagnostics[k];
            if let (Some(loc), Some(sp)) = (&d.location, d.span) {
                // the document's own place first: the line below is one of the extracted text
                let line = src.line_col(sp.offset).line;
                let _ = match lang {
                    Lang::Zh => writeln!(out, "{} {loc}（提取文本第 {line} 行）", r.path),
                    Lang::En => {
                        writeln!(out, "{} {loc} (line {line} of the extracted text)", r.path)
                    }
                };
            }
            let w = WithSource {
                diag: &r.diagnostics[k],
                src: IndexedSource::new(src),
            };
            let _ = handler.render_report(&mut out, &w);
            out.push('\n');
        }
    }
    out
}

/// Render a batch for a terminal. `color` turns ANSI styles on.
pub fn render(results: &[FileResult], lang: Lang, color: bool) -> String {
    let mut out: String = results
        .iter()
        .map(|r| render_file(r, lang, color))
        .collect();
    out.push_str(&summary_line(&summarize(results), lang));
    out
}
