//! Human output: miette's graphical handler over our line-indexed source.

use super::summarize;
use crate::diagnostic::{IndexedSource, Lang, WithSource};
use crate::lint::FileResult;
use std::fmt::Write;

/// Render a batch for a terminal. `color` turns ANSI styles on.
pub fn render(results: &[FileResult], lang: Lang, color: bool) -> String {
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme)
        .with_context_lines(1)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for r in results {
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
                e
            );
            continue;
        }
        let Some(src) = &r.source else { continue };
        for d in &r.diagnostics {
            let w = WithSource {
                diag: d,
                src: IndexedSource::new(src),
            };
            let _ = handler.render_report(&mut out, &w);
            out.push('\n');
        }
    }
    let s = summarize(results);
    let _ = match lang {
        Lang::Zh => writeln!(
            out,
            "共 {} 个文件：{} 个错误，{} 个警告，{} 条提示{}",
            s.files,
            s.errors,
            s.warnings,
            s.infos,
            if s.unreadable > 0 {
                format!("，{} 个文件无法读取", s.unreadable)
            } else {
                String::new()
            }
        ),
        Lang::En => writeln!(
            out,
            "{} file(s): {} error(s), {} warning(s), {} info(s){}",
            s.files,
            s.errors,
            s.warnings,
            s.infos,
            if s.unreadable > 0 {
                format!(", {} unreadable", s.unreadable)
            } else {
                String::new()
            }
        ),
    };
    out
}
