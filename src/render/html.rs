//! `check --format html`: one self-contained page for review staff.
//!
//! The page holds a summary (counts by severity and rule, 总分 and 等级 read from each 自评表), then
//! each file's text (for .docx/.xlsx/.pdf, the text `extract` shows: table rows with their cells)
//! with every finding highlighted at its span, and a side list of findings that links to the
//! places. Inline CSS and script only, a Content-Security-Policy that forbids every network
//! request, and a print layout for A4. Rendering is per file (`file_section`) so a batch can be
//! rendered on worker threads; `assemble` wraps the sections.

use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::lang::{Message, Phrase, tr};
use crate::lint::FileResult;
use crate::source::SourceFile;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Documents larger than this show only the lines around findings.
const FULL_TEXT_LIMIT: usize = 2 * 1024 * 1024;
/// Lines of context kept around findings in a large document.
const CONTEXT_LINES: usize = 3;

/// 总分 and 等级 of one 自评表, as printed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct TableScore {
    /// The table's title, if it has one.
    pub title: Option<String>,
    /// 总分 as printed.
    pub total: Option<String>,
    /// 等级 as printed.
    pub grade: Option<String>,
}

/// What the page summary needs to know about one file.
#[derive(Clone, Debug, Default)]
pub(crate) struct FileInfo {
    /// Path as given.
    pub path: String,
    /// Anchor id of the file's section.
    pub id: String,
    /// Why it could not be read.
    pub error: Option<String>,
    /// Counts: errors, warnings, infos.
    pub counts: [usize; 3],
    /// Per rule (code, name, Chinese title) → count.
    pub rules: BTreeMap<(&'static str, &'static str), usize>,
    /// Scores read from the file's tables.
    pub scores: Vec<TableScore>,
}

/// One file's part of the page.
#[derive(Clone, Debug)]
pub(crate) struct FileSection {
    /// The `<article>` markup.
    pub html: String,
    /// Its summary.
    pub info: FileInfo,
}

/// Declares the page's words, each a phrase in both languages, and `words(lang)`, their
/// forms in one language (the page formats with `fill`).
macro_rules! page_words {
    ($($field:ident: $zh:literal, $en:literal;)*) => {
        struct Words {
            lang: Lang,
            $($field: &'static str,)*
        }

        fn words(lang: Lang) -> Words {
            Words {
                lang,
                $($field: Phrase::new($zh, $en).get(lang),)*
            }
        }
    };
}

page_words! {
    title: "绩效自评报告检查结果", "Self-evaluation report check";
    files: "文件", "Files";
    file: "文件", "File";
    error: "错误", "Error";
    warning: "警告", "Warning";
    info: "提示", "Info";
    total: "总分", "Total score";
    grade: "等级", "Grade";
    rule: "规则", "Rule";
    problem: "问题", "Problem";
    count: "条数", "Count";
    findings: "发现的问题", "Findings";
    document: "报告原文", "Report text";
    none: "未发现问题。", "No findings.";
    unreadable: "无法读取", "Cannot read";
    no_place: "无具体位置", "no position";
    severity: "类别", "Severity";
    all_clear: "全部通过", "All clear";
    print: "打印", "Print";
    not_read: "未读出", "not read";
    figures: "相关数字", "figures used";
    colon: "：", ": ";
}

/// `{shown}` of `{total}` findings: filled here for the first view and by the page script,
/// which reads the phrase from the element's `data-template`.
static SHOWN: Phrase = Phrase::new("显示 {shown} / {total} 条", "showing {shown} of {total}");

/// `（省略 3 行）`: the lines of the document left out between findings.
fn omitted(lines: usize, lang: Lang) -> String {
    tr!("（省略 {n} 行）", "({n} lines omitted)", n = &lines).render(lang)
}

/// Escape text for HTML element content and quoted attributes.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // NUL and other controls have no business in a page
            '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}' => {
                out.push('\u{fffd}')
            }
            c => out.push(c),
        }
    }
}

fn sev_class(s: Severity) -> &'static str {
    s.as_str()
}

fn sev_word(s: Severity, w: &Words) -> &'static str {
    match s {
        Severity::Error => w.error,
        Severity::Warning => w.warning,
        Severity::Info => w.info,
    }
}

fn rule_title(code: &str, lang: Lang) -> &'static str {
    crate::rules::find(code).map_or("", |m| m.title(lang))
}

/// Scores printed in the file's tables.
pub(crate) fn table_scores(r: &FileResult) -> Vec<TableScore> {
    let Some(rep) = &r.report else {
        return Vec::new();
    };
    rep.tables
        .iter()
        .filter(|t| !t.fragment || t.total.is_some() || t.grade.is_some())
        .map(|t| TableScore {
            title: t.title.as_ref().map(|x| x.value.clone()),
            total: t
                .total
                .as_ref()
                .and_then(|x| x.score.as_ref())
                .filter(|c| !c.is_blank())
                .map(|c| c.raw.trim().to_string()),
            grade: t
                .grade
                .as_ref()
                .map(|g| g.value.trim().to_string())
                .filter(|g| !g.is_empty()),
        })
        .filter(|s| s.total.is_some() || s.grade.is_some())
        .collect()
}

/// Where a finding is, for the list: the document's own reference when there is one.
fn place(d: &Diagnostic, src: Option<&SourceFile>, w: &Words) -> Option<String> {
    if let Some(l) = &d.location {
        return Some(l.clone());
    }
    let (sp, src) = (d.span?, src?);
    let line = src.line_col(sp.offset).line;
    Some(tr!("第{line}行", "line {line}", line = &line).render(w.lang))
}

struct Mark {
    start: usize,
    end: usize,
    diag: usize,
    primary: bool,
}

/// Render one file. `index` makes the anchors unique within the page.
// Long by design: one file's section of the page (header, findings, document) written in page
// order.
pub(crate) fn file_section(r: &FileResult, index: usize, lang: Lang) -> FileSection {
    let w = &words(lang);
    let id = format!("f{index}");
    let mut info = FileInfo {
        path: r.path.clone(),
        id: id.clone(),
        error: r.error.as_ref().map(|e| e.localized(lang)),
        scores: table_scores(r),
        ..Default::default()
    };
    for d in &r.diagnostics {
        info.counts[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
        *info.rules.entry((d.code, d.rule)).or_default() += 1;
    }
    let mut h = String::new();
    let _ = write!(
        h,
        "<article class=\"file\" id=\"{id}\" data-path=\"{}\">\n<h2 class=\"path\">{}</h2>\n",
        escape(&r.path),
        escape(&r.path)
    );
    if let Some(e) = &info.error {
        let _ = writeln!(
            h,
            "<p class=\"unreadable\" role=\"alert\"><strong>{}{}</strong>{}</p>\n</article>",
            w.unreadable,
            w.colon,
            escape(e)
        );
        return FileSection { html: h, info };
    }
    let src = r.source.as_ref();
    if !info.scores.is_empty() {
        h.push_str("<p class=\"scores\">");
        for s in &info.scores {
            let _ = write!(
                h,
                "<span class=\"score\">{}{}{}<b class=\"total\">{}</b>　{}{}<b class=\"grade\">{}</b></span>",
                s.title
                    .as_ref()
                    .map(|t| format!("{}　", escape(t)))
                    .unwrap_or_default(),
                w.total,
                w.colon,
                escape(s.total.as_deref().unwrap_or(w.not_read)),
                w.grade,
                w.colon,
                escape(s.grade.as_deref().unwrap_or(w.not_read)),
            );
        }
        h.push_str("</p>\n");
    }
    h.push_str("<div class=\"layout\">\n");
    // the list of findings
    let _ = writeln!(
        h,
        "<section class=\"findings\"><h3>{} <span class=\"n\">({})</span></h3>",
        w.findings,
        r.diagnostics.len()
    );
    if r.diagnostics.is_empty() {
        let _ = writeln!(h, "<p class=\"clean\">{}</p>", w.none);
    } else {
        h.push_str("<ol class=\"list\">\n");
        for (i, d) in r.diagnostics.iter().enumerate() {
            finding_item(&mut h, &id, i, d, src, w, lang);
        }
        h.push_str("</ol>\n");
    }
    h.push_str("</section>\n");
    if let Some(src) = src {
        let _ = write!(
            h,
            "<section class=\"doc\"><h3>{}</h3>\n<div class=\"text\" lang=\"zh-CN\">\n",
            w.document
        );
        document(&mut h, &id, src, &r.diagnostics, w);
        h.push_str("</div></section>\n");
    }
    h.push_str("</div>\n</article>\n");
    FileSection { html: h, info }
}

fn finding_item(
    h: &mut String,
    fid: &str,
    i: usize,
    d: &Diagnostic,
    src: Option<&SourceFile>,
    w: &Words,
    lang: Lang,
) {
    let sev = sev_class(d.severity);
    let _ = write!(
        h,
        "<li class=\"finding sev-{sev}\" id=\"{fid}-d{i}\" data-sev=\"{sev}\" data-rule=\"{}\">",
        d.code
    );
    let where_ = place(d, src, w).unwrap_or_else(|| w.no_place.to_string());
    let head = format!(
        "<span class=\"badge {sev}\">{}</span> <span class=\"code\">{}</span> <span class=\"title\">{}</span> <span class=\"where\">{}</span>",
        sev_word(d.severity, w),
        d.code,
        escape(rule_title(d.code, lang)),
        escape(&where_)
    );
    if d.span.is_some() && src.is_some() {
        let _ = write!(
            h,
            "<a class=\"go\" href=\"#{fid}-m{i}\" data-target=\"{fid}-m{i}\">{head}</a>"
        );
    } else {
        let _ = write!(h, "<div class=\"go\">{head}</div>");
    }
    let _ = write!(
        h,
        "<p class=\"msg\">{}</p>",
        escape(&d.message.render(lang))
    );
    if let Some(help) = &d.help {
        let _ = write!(h, "<p class=\"help\">{}</p>", escape(&help.render(lang)));
    }
    if let Some(s) = &d.suggestion {
        let _ = write!(
            h,
            "<p class=\"fix\">{}</p>",
            escape(
                &tr!(
                    "“{figure}” 可能应为 “{fix}”",
                    "{figure} is likely a typo for {fix}",
                    figure = &s.figure,
                    fix = &s.replacement,
                )
                .render(lang)
            )
        );
    }
    if !d.labels.is_empty() {
        let _ = write!(h, "<p class=\"labels\">{}{}", w.figures, w.colon);
        for (k, l) in d.labels.iter().enumerate() {
            if k > 0 {
                h.push('；');
            }
            let quoted = src
                .zip(l.span)
                .and_then(|(s, sp)| s.text().get(sp.offset..sp.end()))
                .unwrap_or("");
            let _ = write!(
                h,
                "<span class=\"label\">{} <q>{}</q></span>",
                escape(&l.text.render(lang)),
                escape(quoted)
            );
        }
        h.push_str("</p>");
    }
    h.push_str("</li>\n");
}

fn tooltip(d: &Diagnostic, lang: Lang) -> String {
    let message = d.message.render(lang);
    match &d.help {
        Some(help) => format!("{} {message}\n{}", d.code, help.render(lang)),
        None => format!("{} {message}", d.code),
    }
}

/// The highlights of the findings: each primary span and each label, an empty span widened
/// to the character it points at.
fn marks_of(diags: &[Diagnostic], clip: impl Fn(usize) -> usize, text: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    for (i, d) in diags.iter().enumerate() {
        let spans = d
            .span
            .map(|s| (s, true))
            .into_iter()
            .chain(d.labels.iter().filter_map(|l| l.span.map(|s| (s, false))));
        for (s, primary) in spans {
            let start = clip(s.offset);
            let mut end = clip(s.end());
            if end <= start {
                // an empty span still marks the character it points at
                end = text[start..]
                    .chars()
                    .next()
                    .map_or(start, |c| start + c.len_utf8());
            }
            if end > start {
                marks.push(Mark {
                    start,
                    end,
                    diag: i,
                    primary,
                });
            }
        }
    }
    marks
}

/// In a very large document, the lines shown: those within a few lines of a finding.
fn lines_near(src: &SourceFile, marks: &[Mark]) -> Vec<bool> {
    let lines = src.line_count();
    let mut keep = vec![false; lines + 1];
    for m in marks {
        let a = src.line_index(m.start);
        let b = src.line_index(m.end.saturating_sub(1).max(m.start));
        let hi = (b + CONTEXT_LINES).min(lines);
        keep[a.saturating_sub(CONTEXT_LINES)..=hi].fill(true);
    }
    keep
}

/// A segment of text under one or more highlights: its severity class, the findings it
/// belongs to and their messages as a tooltip.
fn marked(
    h: &mut String,
    seg: &str,
    active: &[usize],
    marks: &[Mark],
    diags: &[Diagnostic],
    fid: &str,
    lang: Lang,
) {
    let mut ds: Vec<usize> = active.iter().map(|&m| marks[m].diag).collect();
    ds.sort_unstable();
    ds.dedup();
    let primary = active.iter().any(|&m| marks[m].primary);
    let sev = active
        .iter()
        .filter(|&&m| marks[m].primary)
        .map(|&m| diags[marks[m].diag].severity)
        .max();
    let class = match sev {
        Some(s) => format!("hl p {}", sev_class(s)),
        None => "hl s".to_string(),
    };
    let ids: Vec<String> = ds.iter().map(|d| format!("{fid}-d{d}")).collect();
    // at most five messages per highlight: many findings on one place must not
    // make the page grow with their square
    let mut tip: Vec<String> = ds
        .iter()
        .take(5)
        .map(|&d| tooltip(&diags[d], lang))
        .collect();
    if ds.len() > 5 {
        tip.push(format!("+{}", ds.len() - 5));
    }
    let _ = write!(
        h,
        "<mark class=\"{class}\" data-d=\"{}\" title=\"{}\"{}>",
        ids.join(" "),
        escape(&tip.join("\n\n")),
        if primary { "" } else { " data-secondary=\"1\"" }
    );
    push_text(h, seg);
    h.push_str("</mark>");
}

/// Where the segment of a line starting at `a` ends: at the next highlight boundary or the
/// line's end, and in a table row at a tab (a tab is a segment of its own, so no highlight
/// crosses a cell).
fn segment_end(text: &str, (a, le): (usize, usize), bound: Option<usize>, row: bool) -> usize {
    let b = match bound {
        Some(x) if x < le => x,
        _ => le,
    };
    if !row {
        return b;
    }
    match memchr::memchr(b'\t', &text.as_bytes()[a..b]) {
        Some(0) => a + 1,
        Some(p) => a + p,
        None => b,
    }
}

/// Findings that point at the end of a line (its line break, an empty last cell) or past the
/// end of the text: an anchor and a visible marker, so the list's link lands. Returns the
/// next anchor not yet written.
fn line_end_marks(
    h: &mut String,
    (anchors, mut next_anchor): (&[(usize, usize)], usize),
    (le, next_line): (usize, usize),
    (diags, fid, lang): (&[Diagnostic], &str, Lang),
) -> usize {
    while next_anchor < anchors.len() && anchors[next_anchor].0 < next_line {
        let i = anchors[next_anchor].1;
        if anchors[next_anchor].0 >= le {
            let d = &diags[i];
            let _ = write!(
                h,
                "<span class=\"anchor\" id=\"{fid}-m{i}\"></span><mark class=\"hl p {} eol\" data-d=\"{fid}-d{i}\" title=\"{}\">¶</mark>",
                sev_class(d.severity),
                escape(&tooltip(d, lang))
            );
        }
        next_anchor += 1;
    }
    next_anchor
}

/// The document text, line by line, with findings marked.
// Long by design: writes the document line by line with its highlights; the cursors over marks,
// anchors and bounds are shared.
fn document(h: &mut String, fid: &str, src: &SourceFile, diags: &[Diagnostic], w: &Words) {
    let text = src.text();
    let clip = |o: usize| {
        let mut o = o.min(text.len());
        while !text.is_char_boundary(o) {
            o -= 1;
        }
        o
    };
    let mut marks = marks_of(diags, clip, text);
    marks.sort_by_key(|m| (m.start, m.end));
    let mut anchors: Vec<(usize, usize)> = diags
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.span.map(|s| (clip(s.offset), i)))
        .collect();
    anchors.sort();
    let mut bounds: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    // (a tab is a cell boundary too: cut where the line is written, below, so a document of
    // tabs does not make a list of them)
    bounds.sort_unstable();
    bounds.dedup();

    // in a very large document, only the lines around findings
    let lines = src.line_count();
    let shown: Option<Vec<bool>> = (text.len() > FULL_TEXT_LIMIT).then(|| lines_near(src, &marks));

    let mut active: Vec<usize> = Vec::new(); // indices into marks
    let mut next_mark = 0;
    let mut next_anchor = 0;
    let mut bi = 0;
    let mut skipped = 0usize;
    for line in 0..lines {
        let (ls, le) = src.line_range(line);
        let le = clip(le);
        if shown.as_ref().is_some_and(|k| !k[line]) {
            skipped += 1;
            continue;
        }
        if skipped > 0 {
            let _ = writeln!(h, "<div class=\"gap\">{}</div>", omitted(skipped, w.lang));
            skipped = 0;
        }
        let no = line + 1;
        // a line with tabs is a table row (a Word or spreadsheet row, a tab-separated line):
        // its cells line up with the rows around it
        let row = text[ls..le].contains('\t');
        let _ = write!(
            h,
            "<div class=\"ln{}\" id=\"{fid}-L{no}\"><span class=\"no\">{no}</span><span class=\"{}\">",
            if row { " row" } else { "" },
            if row { "td" } else { "tx" }
        );
        let mut a = ls;
        while bi < bounds.len() && bounds[bi] <= a {
            bi += 1;
        }
        while a < le {
            let b = segment_end(text, (a, le), bounds.get(bi).copied(), row);
            while next_mark < marks.len() && marks[next_mark].start <= a {
                active.push(next_mark);
                next_mark += 1;
            }
            active.retain(|&m| marks[m].end > a);
            while next_anchor < anchors.len() && anchors[next_anchor].0 <= a {
                if anchors[next_anchor].0 >= ls {
                    let _ = write!(
                        h,
                        "<span class=\"anchor\" id=\"{fid}-m{}\"></span>",
                        anchors[next_anchor].1
                    );
                }
                next_anchor += 1;
            }
            let seg = &text[a..b];
            if row && seg == "\t" {
                h.push_str("</span><span class=\"td\">");
            } else if active.is_empty() {
                push_text(h, seg);
            } else {
                marked(h, seg, &active, &marks, diags, fid, w.lang);
            }
            a = b;
            while bi < bounds.len() && bounds[bi] <= a {
                bi += 1;
            }
        }
        // findings that point at the end of the line (its line break, an empty last cell) or
        // past the end of the text: an anchor and a visible marker, so the list's link lands
        let next_line = (line + 1 < lines).then(|| src.line_start(line + 1));
        let ends = (le, next_line.unwrap_or(usize::MAX));
        next_anchor = line_end_marks(h, (&anchors, next_anchor), ends, (diags, fid, w.lang));
        h.push_str("</span></div>\n");
    }
    if skipped > 0 {
        let _ = writeln!(h, "<div class=\"gap\">{}</div>", omitted(skipped, w.lang));
    }
}

/// Message of one segment: escaped, tabs kept and shown as cell separators.
fn push_text(h: &mut String, seg: &str) {
    let seg = seg.strip_suffix('\r').unwrap_or(seg);
    let mut first = true;
    for part in seg.split('\t') {
        if !first {
            h.push_str("<span class=\"tab\">\t</span>");
        }
        first = false;
        escape_into(h, part);
    }
}

/// Wrap rendered file sections into the page.
// Long by design: the page in order: head, summary, filters, sections.
pub(crate) fn assemble(sections: &[FileSection], lang: Lang) -> String {
    let w = &words(lang);
    let mut counts = [0usize; 3];
    let mut rules: BTreeMap<(&'static str, &'static str), usize> = BTreeMap::new();
    let mut unreadable = 0;
    for s in sections {
        for (c, n) in counts.iter_mut().zip(s.info.counts) {
            *c += n;
        }
        for (k, v) in &s.info.rules {
            *rules.entry(*k).or_default() += v;
        }
        if s.info.error.is_some() {
            unreadable += 1;
        }
    }
    let total: usize = counts.iter().sum();
    let mut h =
        String::with_capacity(32 * 1024 + sections.iter().map(|s| s.html.len()).sum::<usize>());
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"jixiao-lint {}\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        lang.tag(),
        env!("CARGO_PKG_VERSION"),
        w.title,
        CSS
    );
    let _ = writeln!(
        h,
        "<header class=\"top\"><h1>{}</h1><p class=\"meta\">{}</p>\
         <button type=\"button\" class=\"print\" onclick=\"window.print()\">{}</button></header>",
        w.title,
        escape(
            &tr!(
                "由 jixiao-lint {version} 生成",
                "generated by jixiao-lint {version}",
                version = env!("CARGO_PKG_VERSION"),
            )
            .render(w.lang)
        ),
        w.print
    );
    // summary
    h.push_str("<section id=\"summary\">\n<p class=\"counts\">");
    let _ = write!(
        h,
        "<span class=\"files\">{}{}<b>{}</b></span>",
        w.files,
        w.colon,
        sections.len()
    );
    for (k, sev) in [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .enumerate()
    {
        let _ = write!(
            h,
            "<span class=\"count {}\">{}{}<b>{}</b></span>",
            sev_class(sev),
            sev_word(sev, w),
            w.colon,
            counts[k]
        );
    }
    if unreadable > 0 {
        let _ = write!(
            h,
            "<span class=\"count unreadable\">{}{}<b>{}</b></span>",
            w.unreadable, w.colon, unreadable
        );
    }
    if total == 0 && unreadable == 0 {
        let _ = write!(h, "<span class=\"ok\">{}</span>", w.all_clear);
    }
    h.push_str("</p>\n");
    per_file_table(&mut h, sections, w);
    per_rule_table(&mut h, &rules, w, lang);
    h.push_str("</section>\n");
    if total > 0 {
        filters(&mut h, (counts, total), &rules, w, lang);
    }
    h.push_str("<main>\n");
    for s in sections {
        h.push_str(&s.html);
    }
    h.push_str("</main>\n<script>");
    h.push_str(SCRIPT);
    h.push_str("</script>\n</body>\n</html>\n");
    h
}

/// Render a batch into one page.
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// let page = jixiao_lint::render::html::render(&[r], jixiao_lint::Lang::Zh);
/// assert!(page.starts_with("<!DOCTYPE html>") && page.contains("JX105"));
/// ```
pub fn render(results: &[FileResult], lang: Lang) -> String {
    let sections: Vec<FileSection> = results
        .iter()
        .enumerate()
        .map(|(i, r)| file_section(r, i, lang))
        .collect();
    assemble(&sections, lang)
}

const CSS: &str = r#"
:root{--err:#c62828;--err-bg:#fde2e1;--warn:#b26a00;--warn-bg:#fff1cc;--info:#1e63b5;--info-bg:#e3efff;--sec:#8a8a8a;--line:#e5e5e5}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;font-size:15px;line-height:1.6;color:#222;background:#fafafa}
header.top{display:flex;align-items:baseline;gap:1em;padding:.8em 1.2em;background:#24405e;color:#fff}
header.top h1{font-size:1.3em;margin:0}
header.top .meta{margin:0;opacity:.8;font-size:.85em;flex:1}
header.top button{font:inherit;padding:.2em .9em}
#summary{padding:.8em 1.2em;background:#fff;border-bottom:1px solid var(--line)}
.counts span{margin-right:1.5em}
.count.error b{color:var(--err)}.count.warning b{color:var(--warn)}.count.info b{color:var(--info)}
.ok{color:#2e7d32;font-weight:bold}
table{border-collapse:collapse;margin:.5em 0;font-size:.92em}
th,td{border:1px solid var(--line);padding:.2em .6em;text-align:left;vertical-align:top}
th{background:#f2f4f7}
#filters{position:sticky;top:0;z-index:5;padding:.5em 1.2em;background:#f2f4f7;border-bottom:1px solid var(--line);font-size:.9em}
#filters .group{margin-right:1.5em}
#filters label{margin-right:.8em;white-space:nowrap;cursor:pointer}
#filters .shown{color:#555}
article.file{margin:1em 1.2em;background:#fff;border:1px solid var(--line);border-radius:4px;padding:.4em 1em 1em}
h2.path{font-size:1.1em;word-break:break-all}
h3{font-size:1em;margin:.6em 0}
.scores .score{margin-right:2em}
.unreadable{color:var(--err);background:var(--err-bg);padding:.6em}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1em}
.layout .findings{order:2;position:sticky;top:3em;align-self:start;max-height:calc(100vh - 4em);overflow:auto}
.layout .doc{order:1;min-width:0}
ol.list{list-style:none;padding:0;margin:0}
li.finding{border-left:4px solid var(--sec);padding:.3em .6em;margin:.4em 0;background:#fcfcfc}
li.finding.sev-error{border-color:var(--err)}li.finding.sev-warning{border-color:var(--warn)}li.finding.sev-info{border-color:var(--info)}
li.finding.current{background:#fff8d6;outline:2px solid #f0c000}
li.finding p{margin:.2em 0}
.go{display:block;color:inherit;text-decoration:none}
a.go:hover .title{text-decoration:underline}
.badge{display:inline-block;padding:0 .4em;border-radius:3px;font-size:.8em;color:#fff;background:var(--sec)}
.badge.error{background:var(--err)}.badge.warning{background:var(--warn)}.badge.info{background:var(--info)}
.code{font-family:monospace;color:#555}
.where{color:#666;font-size:.85em}
.help{font-family:monospace;font-size:.9em;color:#333;background:#f4f4f4;padding:.1em .4em;white-space:pre-wrap}
.fix{color:#2e7d32}
.labels{font-size:.85em;color:#555}
.text{font-size:.95em;border:1px solid var(--line);overflow-x:auto}
.ln{display:flex;border-bottom:1px solid #f3f3f3}
.ln .no{flex:none;width:3.5em;text-align:right;padding-right:.6em;color:#999;user-select:none;font-family:monospace;font-size:.85em}
.ln .tx{flex:1;white-space:pre-wrap;word-break:break-all;min-width:0}
.ln.row{display:table-row}
.ln.row>span{display:table-cell;border:1px solid #e0e0e0;padding:0 .3em;white-space:pre-wrap;word-break:normal;overflow-wrap:break-word;vertical-align:top}
.ln.row>.no{border:none}
.tab{display:inline-block;width:1.2em;border-left:1px solid #bbb;margin-left:.4em;height:1em;vertical-align:middle;overflow:hidden;color:transparent}
.gap{color:#999;text-align:center;font-size:.85em;background:#f7f7f7}
mark.hl{background:none;color:inherit;cursor:pointer;border-bottom:2px solid}
mark.hl.p.error{background:var(--err-bg);border-color:var(--err)}
mark.hl.p.warning{background:var(--warn-bg);border-color:var(--warn)}
mark.hl.p.info{background:var(--info-bg);border-color:var(--info)}
mark.hl.s{border-bottom:2px dotted var(--sec)}
mark.hl.eol{border-bottom:none;font-size:.8em;padding:0 .15em}
mark.hl.off{background:none;border-color:transparent;cursor:auto}
mark.hl.flash{outline:3px solid #f0c000;background:#ffe98a}
.anchor{scroll-margin-top:5em}
li.finding.hidden{display:none}
@media (max-width:900px){.layout{display:block}.layout .findings{position:static;max-height:none}}
@page{size:A4;margin:15mm 12mm}
@media print{
 body{background:#fff;font-size:10.5pt}
 header.top{background:none;color:#000;border-bottom:2px solid #000;padding:0 0 .3em}
 header.top button,#filters{display:none}
 article.file{border:none;margin:0;padding:0}
 article.file+article.file{page-break-before:always}
 .layout{display:block}
 .layout .findings{position:static;max-height:none;overflow:visible}
 li.finding{page-break-inside:avoid}
 li.finding.hidden{display:none}
 .ln{page-break-inside:avoid;border-bottom:none}
 mark.hl.p{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 a{color:inherit;text-decoration:none}
}
"#;

const SCRIPT: &str = r#"
(function(){
  var items = Array.prototype.slice.call(document.querySelectorAll('li.finding'));
  var marks = Array.prototype.slice.call(document.querySelectorAll('mark.hl'));
  var shown = document.querySelector('#filters .shown');
  function visible(li){
    var sev = document.querySelector('input[data-filter-sev="'+li.dataset.sev+'"]');
    var rule = document.querySelector('input[data-filter-rule="'+li.dataset.rule+'"]');
    return (!sev || sev.checked) && (!rule || rule.checked);
  }
  function apply(){
    var on = {}, n = 0;
    items.forEach(function(li){
      var v = visible(li);
      li.classList.toggle('hidden', !v);
      if (v) { on[li.id] = true; n++; }
    });
    marks.forEach(function(m){
      var any = m.dataset.d.split(' ').some(function(id){ return on[id]; });
      m.classList.toggle('off', !any);
    });
    if (shown) shown.textContent = shown.dataset.template.replace('{shown}', n).replace('{total}', items.length);
    document.querySelectorAll('article.file').forEach(function(a){
      var all = a.querySelectorAll('li.finding'), vis = a.querySelectorAll('li.finding:not(.hidden)');
      var c = a.querySelector('.findings h3 .n');
      if (c) c.textContent = vis.length === all.length ? '(' + all.length + ')' : '(' + vis.length + ' / ' + all.length + ')';
    });
  }
  document.querySelectorAll('#filters input').forEach(function(i){ i.addEventListener('change', apply); });
  function flash(target, li){
    marks.forEach(function(m){ m.classList.remove('flash'); });
    items.forEach(function(x){ x.classList.remove('current'); });
    if (li) li.classList.add('current');
    if (!target) return;
    var d = li ? li.id : null;
    marks.forEach(function(m){ if (d && m.dataset.d.split(' ').indexOf(d) >= 0 && !m.dataset.secondary) m.classList.add('flash'); });
    target.scrollIntoView({block:'center'});
  }
  document.querySelectorAll('a.go').forEach(function(a){
    a.addEventListener('click', function(ev){
      var t = document.getElementById(a.dataset.target);
      if (!t) return;
      ev.preventDefault();
      flash(t, a.closest('li.finding'));
      try { history.replaceState(null, '', '#' + a.dataset.target); } catch (e) { /* sandboxed frame */ }
    });
  });
  marks.forEach(function(m){
    m.addEventListener('click', function(){
      if (m.classList.contains('off')) return;
      var first = null;
      items.forEach(function(x){ x.classList.remove('current'); });
      m.dataset.d.split(' ').forEach(function(id){
        var li = document.getElementById(id);
        if (li && !li.classList.contains('hidden')) { li.classList.add('current'); if (!first) first = li; }
      });
      if (first) first.scrollIntoView({block:'nearest'});
    });
  });
  if (location.hash) {
    var t = document.getElementById(location.hash.slice(1));
    var li = t && document.querySelector('a.go[data-target="'+t.id+'"]');
    if (t && li) flash(t, li.closest('li.finding'));
  }
})();
"#;

/// The summary's table of files: total score, grade and counts per file.
fn per_file_table(h: &mut String, sections: &[FileSection], w: &Words) {
    let _ = writeln!(
        *h,
        "<table class=\"per-file\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        w.file, w.total, w.grade, w.error, w.warning, w.info
    );
    for s in sections {
        let i = &s.info;
        let join = |f: fn(&TableScore) -> Option<&String>| {
            let v: Vec<String> = i
                .scores
                .iter()
                .map(|s| f(s).map_or_else(|| "—".to_string(), |x| escape(x)))
                .collect();
            if v.is_empty() {
                "—".to_string()
            } else {
                v.join(" / ")
            }
        };
        let _ = writeln!(
            *h,
            "<tr><td><a href=\"#{}\">{}</a>{}</td><td class=\"total\">{}</td><td class=\"grade\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i.id,
            escape(&i.path),
            if i.error.is_some() {
                format!(" <span class=\"badge error\">{}</span>", w.unreadable)
            } else {
                String::new()
            },
            join(|s| s.total.as_ref()),
            join(|s| s.grade.as_ref()),
            i.counts[0],
            i.counts[1],
            i.counts[2]
        );
    }
    h.push_str("</tbody></table>\n");
}

/// The summary's table of rules: how often each was reported.
fn per_rule_table(
    h: &mut String,
    rules: &BTreeMap<(&'static str, &'static str), usize>,
    w: &Words,
    lang: Lang,
) {
    if !rules.is_empty() {
        let _ = writeln!(
            *h,
            "<table class=\"per-rule\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            w.rule, w.problem, w.count
        );
        for ((code, name), n) in rules {
            let _ = writeln!(
                *h,
                "<tr><td><code>{code}</code> <span class=\"rule-name\">{name}</span></td><td>{}</td><td>{n}</td></tr>",
                escape(rule_title(code, lang))
            );
        }
        h.push_str("</tbody></table>\n");
    }
}

/// The filters: a box per severity and per rule, and how many findings are shown.
fn filters(
    h: &mut String,
    (counts, total): ([usize; 3], usize),
    rules: &BTreeMap<(&'static str, &'static str), usize>,
    w: &Words,
    lang: Lang,
) {
    let _ = write!(
        *h,
        "<nav id=\"filters\"><span class=\"group\"><b>{}{}</b>",
        w.severity, w.colon
    );
    for (k, sev) in [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .enumerate()
    {
        if counts[k] > 0 {
            let _ = write!(
                *h,
                "<label><input type=\"checkbox\" data-filter-sev=\"{}\" checked> {} ({})</label>",
                sev_class(sev),
                sev_word(sev, w),
                counts[k]
            );
        }
    }
    let _ = write!(
        *h,
        "</span><span class=\"group\"><b>{}{}</b>",
        w.rule, w.colon
    );
    for ((code, _), n) in rules {
        let _ = write!(
            *h,
            "<label title=\"{}\"><input type=\"checkbox\" data-filter-rule=\"{code}\" checked> {code} {} ({n})</label>",
            escape(rule_title(code, lang)),
            escape(rule_title(code, lang))
        );
    }
    let _ = writeln!(
        *h,
        "</span><span class=\"shown\" data-template=\"{}\">{}</span></nav>",
        escape(SHOWN.get(w.lang)),
        escape(
            &Message::new(&SHOWN)
                .arg("shown", &total)
                .arg("total", &total)
                .render(w.lang)
        )
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>\u{0}"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\u{fffd}"
        );
    }

    #[test]
    fn the_shown_count_phrase_has_the_holes_the_page_script_fills() {
        let script_holes = ["{shown}", "{total}"];
        for lang in [Lang::Zh, Lang::En] {
            assert!(script_holes.iter().all(|h| SHOWN.get(lang).contains(h)));
        }
        assert_eq!(omitted(3, Lang::En), "(3 lines omitted)");
    }
}
