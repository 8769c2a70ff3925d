//! Human output: miette's graphical handler over our line-indexed source.

use super::{summarize, summary_line};
use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::lang::tr;
use crate::lint::FileResult;
use crate::source::SourceFile;
use std::fmt;
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
pub(crate) fn render_file(r: &FileResult, lang: Lang, color: bool) -> String {
    let handler = handler(color);
    let mut out = String::new();
    if let Some(e) = &r.error {
        let cannot = tr!("无法读取", "cannot read").render(lang);
        let _ = writeln!(out, "{}: {cannot}: {}", r.path, e.localized(lang));
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
                let typo = tr!(
                    "▶ {place} “{figure}” 可能应为 “{fix}”（以下 {n} 条诊断都因它而起）",
                    "▶ {place} “{figure}” is likely a typo for “{fix}” ({n} findings below follow from it)",
                    place = &place,
                    figure = &s.figure,
                    fix = &s.replacement,
                    n = &g.len(),
                );
                let _ = writeln!(out, "{}\n", typo.render(lang));
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
                let at = tr!(
                    "{path} {loc}（提取文本第 {line} 行）",
                    "{path} {loc} (line {line} of the extracted text)",
                    path = &r.path,
                    loc = loc,
                    line = &line,
                );
                let _ = writeln!(out, "{}", at.render(lang));
            }
            let w = WithSource {
                diag: &r.diagnostics[k],
                src: IndexedSource::new(src),
                lang,
            };
            let _ = handler.render_report(&mut out, &w);
            out.push('\n');
        }
    }
    out
}

/// Render a batch for a terminal. `color` turns ANSI styles on.
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// let out = jixiao_lint::render::human::render(&[r], jixiao_lint::Lang::En, false);
/// assert!(out.contains("JX105(change-direction)"));
/// assert!(out.ends_with("1 file(s): 1 error(s), 0 warning(s), 0 info(s)\n"));
/// ```
pub fn render(results: &[FileResult], lang: Lang, color: bool) -> String {
    let mut out: String = results
        .iter()
        .map(|r| render_file(r, lang, color))
        .collect();
    out.push_str(&summary_line(&summarize(results), lang));
    out
}

/// Longest snippet shown in full, in bytes.
const MAX_SNIPPET_BYTES: usize = 2000;
/// Bytes shown on each side of a span inside a longer line.
const WINDOW_BYTES: usize = 240;

/// A `miette::SourceCode` backed by our line index: spans are found by binary search, not
/// by rescanning from byte 0, and columns are character columns.
pub(crate) struct IndexedSource<'a> {
    src: &'a SourceFile,
}

impl<'a> IndexedSource<'a> {
    /// Wrap a source file.
    pub(crate) fn new(src: &'a SourceFile) -> Self {
        IndexedSource { src }
    }
}

impl miette::SourceCode for IndexedSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'b> + 'b>, miette::MietteError> {
        let text = self.src.text();
        let start = span.offset();
        let end = start + span.len();
        if end > text.len() {
            return Err(miette::MietteError::OutOfBounds);
        }
        let first_line = self.src.line_index(start);
        let last_line = self.src.line_index(if end > start { end - 1 } else { end });
        if before == 0 && after == 0 {
            let lc = self.src.line_col(start);
            let data = &text.as_bytes()[start..end];
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                self.src.name().to_string(),
                data,
                (start, end - start).into(),
                first_line,
                lc.column - 1,
                last_line - first_line + 1,
            )));
        }
        let from_line = first_line.saturating_sub(before);
        let to_line = (last_line + after).min(self.src.line_count().saturating_sub(1));
        let s = self.src.line_start(from_line);
        let e = self.src.line_range(to_line).1;
        let e = e.max(end);
        if e - s > MAX_SNIPPET_BYTES {
            // a very long line (a PDF paragraph, a flattened table): show a window around the span
            let mut a = start
                .saturating_sub(WINDOW_BYTES)
                .max(self.src.line_start(first_line));
            while !text.is_char_boundary(a) {
                a += 1;
            }
            let mut b = (end + WINDOW_BYTES).min(self.src.line_range(last_line).1.max(end));
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            let b = b.max(end);
            let lc = self.src.line_col(a);
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                self.src.name().to_string(),
                &text.as_bytes()[a..b],
                (a, b - a).into(),
                first_line,
                lc.column - 1,
                last_line - first_line + 1,
            )));
        }
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.src.name().to_string(),
            &text.as_bytes()[s..e],
            (s, e - s).into(),
            from_line,
            0,
            to_line - from_line + 1,
        )))
    }
}

/// A diagnostic with its source attached, for miette's renderers.
pub(crate) struct WithSource<'a> {
    /// The diagnostic.
    pub diag: &'a Diagnostic,
    /// Its source.
    pub src: IndexedSource<'a>,
    /// The language its texts are rendered in.
    pub lang: Lang,
}

impl fmt::Debug for WithSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diag, f)
    }
}

impl fmt::Display for WithSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message.render(self.lang))
    }
}

impl std::error::Error for WithSource<'_> {}

impl miette::Diagnostic for WithSource<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!("{}({})", self.diag.code, self.diag.rule)))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.diag.help.as_ref()?.render(self.lang);
        Some(Box::new(help))
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let d = self.diag;
        let mut v = Vec::new();
        if let Some(s) = d.span {
            v.push(miette::LabeledSpan::new_primary_with_span(
                d.primary_label.as_ref().map(|t| t.render(self.lang)),
                (s.offset, s.len),
            ));
        }
        // for a terminal, secondary labels far from the primary one would drag a whole long
        // line into one snippet: keep those within reach
        for l in &d.labels {
            let Some(sp) = l.span else { continue };
            if d.span
                .is_some_and(|p| sp.offset.abs_diff(p.offset) > MAX_SNIPPET_BYTES)
            {
                continue;
            }
            v.push(miette::LabeledSpan::new_with_span(
                Some(l.text.render(self.lang)),
                (sp.offset, sp.len),
            ));
        }
        if v.is_empty() {
            None
        } else {
            Some(Box::new(v.into_iter()))
        }
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }
}
