//! Splitting one line of extracted text into table cells, whatever the extraction looked
//! like: tab-separated, Markdown pipes, HTML `<td>`/`<div>` cells, or columns aligned with
//! runs of spaces (`pdftotext -layout`).

use crate::figure::parse_cell;
use crate::model::Cell;
use crate::source::{SourceFile, Span};

/// How a line was split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// Tab-separated.
    Tabs,
    /// Markdown pipes.
    Pipes,
    /// HTML cells.
    Html,
    /// Two or more spaces between columns.
    Spaces,
    /// A label followed by figures separated by single spaces.
    LabelFigures,
    /// A row the template grammar cut out of a cell stream (a flattened line, one cell per
    /// line).
    Flat,
}

/// A line split into cells.
#[derive(Clone, Debug)]
pub struct Row {
    /// 0-based line.
    pub line: usize,
    /// The cells, in order; empty cells are kept for delimited rows.
    pub cells: Vec<Cell>,
    /// How the line was split.
    pub kind: RowKind,
    /// Indices of cells whose text came out of an HTML `<div>` wrapper inside a tab row
    /// (these are often header cells a PDF extraction displaced).
    pub html_cells: Vec<usize>,
    /// Span of the whole line.
    pub span: Span,
}

impl Row {
    /// Trimmed text of cell `i`, or "" (the tests' view of a row).
    #[cfg(test)]
    pub fn text(&self, i: usize) -> &str {
        self.cells.get(i).map(|c| c.raw.as_str()).unwrap_or("")
    }
    /// Number of non-empty cells.
    pub fn nonempty(&self) -> usize {
        self.cells.iter().filter(|c| !c.is_blank()).count()
    }
}

/// A line with tabs: each tab ends a cell (HTML inside a cell is read as its text).
fn tab_row(text: &str, start: usize, line: usize, span: Span) -> Row {
    let mut cells = Vec::with_capacity(
        (memchr::memchr_iter(b'\t', text.as_bytes()).count() + 1).min(MAX_CELLS),
    );
    let mut html_cells = Vec::new();
    let mut pos = 0;
    for part in text.split('\t') {
        if cells.len() >= MAX_CELLS {
            break;
        }
        let off = start + pos;
        pos += part.len() + 1;
        let (cell, was_html) = cell_from(part, off);
        if was_html {
            html_cells.push(cells.len());
        }
        cells.push(cell);
    }
    Row {
        line,
        cells,
        kind: RowKind::Tabs,
        html_cells,
        span,
    }
}

/// A pipe row: `|` ends a cell; text before the first or after the last pipe is a cell only
/// when it is not blank.
fn pipe_row(text: &str, start: usize, line: usize, span: Span) -> Row {
    let mut cells = Vec::new();
    let mut pos = 0;
    let parts: Vec<&str> = text.split('|').collect();
    for (k, part) in parts.iter().enumerate() {
        let off = start + pos;
        pos += part.len() + 1;
        // leading text before the first pipe is a cell only if non-empty
        if (k == 0 || k == parts.len() - 1) && part.trim().is_empty() {
            continue;
        }
        if cells.len() >= MAX_CELLS {
            break;
        }
        cells.push(cell_from(part, off).0);
    }
    Row {
        line,
        cells,
        kind: RowKind::Pipes,
        html_cells: Vec::new(),
        span,
    }
}

/// A line whose cells are separated by single spaces: a label and figures
/// (`年度资金总额: 2300.67 2300.67 100%`), or a header of short column words.
fn single_space_row(text: &str, start: usize, line: usize, span: Span) -> Option<Row> {
    let parts = split_spaces(text, 1);
    if parts.len() < 2 || parts.len() > 16 {
        return None;
    }
    if parts.len() >= 2
        && parts.len() <= 16
        && parts[1..]
            .iter()
            .all(|(_, s)| parse_cell(s, None).is_some())
        && parse_cell(parts[0].1, None).is_none()
    {
        return Some(Row {
            line,
            cells: parts
                .into_iter()
                .map(|(o, s)| Cell::new(s, Some(Span::new(start + o, s.len()))))
                .collect(),
            kind: RowKind::LabelFigures,
            html_cells: Vec::new(),
            span,
        });
    }
    // a header line written with single spaces: several column words
    let header_words = [
        "预算", "执行", "指标", "分值", "得分", "完成", "权重", "年初", "率",
    ];
    if parts.len() >= 3
        && parts.len() <= 16
        && parts
            .iter()
            .all(|(_, s)| s.chars().count() <= 14 && !s.contains(['，', '。', '；', ',']))
        && parts
            .iter()
            .filter(|(_, s)| header_words.iter().any(|w| s.contains(w)))
            .count()
            >= 2
    {
        return Some(Row {
            line,
            cells: parts
                .into_iter()
                .map(|(o, s)| Cell::new(s, Some(Span::new(start + o, s.len()))))
                .collect(),
            kind: RowKind::Spaces,
            html_cells: Vec::new(),
            span,
        });
    }
    None
}

/// Maximum number of cells read from one line (hostile inputs).
const MAX_CELLS: usize = 512;

/// Split a 0-based line into cells. Returns `None` for prose lines.
pub fn split_line(src: &SourceFile, line: usize) -> Option<Row> {
    let (start, end) = src.line_range(line);
    let text = src.text().get(start..end)?;
    if text.trim().is_empty() {
        return None;
    }
    let span = Span::from_range(start, end);
    // which splitters can apply (vectorised byte searches; most lines are prose)
    let bytes = text.as_bytes();
    // (one search for the three delimiters: prose lines have none of them)
    let (tab, lt, pipes) = if memchr::memchr3(b'\t', b'<', b'|', bytes).is_some() {
        (
            memchr::memchr(b'\t', bytes).is_some(),
            memchr::memchr(b'<', bytes).is_some(),
            memchr::memchr_iter(b'|', bytes).take(2).count(),
        )
    } else {
        (false, false, 0)
    };
    let double_space = memchr::memchr_iter(b' ', bytes).any(|i| bytes.get(i + 1) == Some(&b' '));
    if lt && (text.contains("<td") || text.contains("<th")) {
        return Some(html_row(text, start, line, span));
    }
    if tab {
        return Some(tab_row(text, start, line, span));
    }
    if pipes >= 2
        || (pipes == 1 && (text.trim_start().starts_with('|') || text.trim_end().ends_with('|')))
    {
        return Some(pipe_row(text, start, line, span));
    }
    // runs of two or more spaces
    // U+3000 also separates space-aligned columns; looked for only when no double space is
    let ideographic = find_ideographic_space(bytes);
    let parts = if double_space || ideographic.is_some() {
        split_spaces(text, 2)
    } else {
        Vec::new()
    };
    if parts.len() >= 3 {
        return Some(Row {
            line,
            cells: parts
                .into_iter()
                .take(MAX_CELLS)
                .map(|(o, s)| Cell::new(s, Some(Span::new(start + o, s.len()))))
                .collect(),
            kind: RowKind::Spaces,
            html_cells: Vec::new(),
            span,
        });
    }
    // a label followed by single-space separated figures: "年度资金总额: 2300.67 2300.67 100%"
    let first_sep = match (memchr::memchr(b' ', bytes), ideographic) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return None,
    };
    // both readings below need every part after the first to be a figure or a short header
    // word: a 。 or a ， not inside a figure (1，234) rules the line out without splitting it
    // (most such lines are long prose with spaces around numbers)
    if !can_hold_figure_parts(&bytes[first_sep..]) {
        return None;
    }
    single_space_row(text, start, line, span)
}

/// Byte offset of the first U+3000 (a byte search: the `char` searcher keys on its last byte,
/// 0x80, which nearly every CJK character has).
fn find_ideographic_space(bytes: &[u8]) -> Option<usize> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    FINDER
        .get_or_init(|| memchr::memmem::Finder::new("\u{3000}".as_bytes()))
        .find(bytes)
}

/// False when `rest` holds a 。 or a ， that is not followed by a digit (text no figure cell
/// and no header word contains).
fn can_hold_figure_parts(rest: &[u8]) -> bool {
    if memchr::memmem::find(rest, "。".as_bytes()).is_some() {
        return false;
    }
    let comma = "，".as_bytes();
    memchr::memmem::find_iter(rest, comma).all(|i| {
        rest.get(i + comma.len())
            .is_some_and(|b| b.is_ascii_digit())
    })
}

/// Split on runs of at least `min` spaces (ASCII or U+3000 each count one); returns (byte
/// offset in `text`, trimmed part).
fn split_spaces(text: &str, min: usize) -> Vec<(usize, &str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut cell_start: Option<usize> = None;
    let mut run_start = 0;
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        // a space is ' ' or U+3000 (E3 80 80); every other byte continues a cell, and a cell
        // starts at a character boundary because it follows a space or the line start
        let space_len = if b[i] == b' ' {
            1
        } else if b[i] == 0xE3 && b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) {
            3
        } else {
            0
        };
        if space_len > 0 {
            if run == 0 {
                run_start = i;
            }
            run += 1;
            i += space_len;
            continue;
        }
        if run > 0 {
            if run >= min
                && let Some(s) = cell_start.take()
            {
                out.push((s, &text[s..run_start]));
            }
            run = 0;
        }
        if cell_start.is_none() {
            cell_start = Some(i);
        }
        i += 1;
    }
    if let Some(s) = cell_start {
        out.push((s, text[s..].trim_end()));
    }
    out
}

/// A cell from raw text at byte offset `off`: strips HTML tags, trims, and keeps the span of
/// the visible text. Returns whether the text was wrapped in HTML.
fn cell_from(part: &str, off: usize) -> (Cell, bool) {
    if part.contains('<') && part.contains('>') {
        let (visible, first, last) = strip_tags(part);
        let text = collapse_ws(&visible);
        let span = match (first, last) {
            (Some(a), Some(b)) => Some(Span::from_range(off + a, off + b)),
            _ => Some(Span::new(off, 0)),
        };
        return (Cell::new(text, span), true);
    }
    let lead = part.len() - part.trim_start().len();
    let t = part.trim();
    (Cell::new(t, Some(Span::new(off + lead, t.len()))), false)
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Visible text of an HTML fragment, with the byte range of the first and last visible
/// non-space characters.
fn strip_tags(s: &str) -> (String, Option<usize>, Option<usize>) {
    let mut out = String::new();
    let mut in_tag = false;
    let mut first = None;
    let mut last = None;
    for (i, c) in s.char_indices() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => {
                out.push(c);
                if !c.is_whitespace() {
                    if first.is_none() {
                        first = Some(i);
                    }
                    last = Some(i + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    (out, first, last)
}

/// Rows of HTML tables whose `<tr>` spans several lines: each row is given to the line its
/// `<tr>` starts on; the other lines of the row (and tag-only lines) become empty rows so
/// that no prose reader takes them.
pub fn multiline_html_rows(src: &SourceFile, rows: &mut [Option<Row>]) {
    let text = src.text();
    // (memmem: the whole text is searched, and the standard searcher is slow on CJK text)
    let b = text.as_bytes();
    if memchr::memmem::find(b, b"<tr").is_none() && memchr::memmem::find(b, b"<TR").is_none() {
        return;
    }
    let lower = text.to_ascii_lowercase();
    let mut pos = 0;
    while let Some(p) = lower[pos..].find("<tr") {
        let open = pos + p;
        let Some(c) = lower[open..].find("</tr") else {
            break;
        };
        let close = open + c;
        let first = src.line_index(open);
        let last = src.line_index(close);
        if last > first && first < rows.len() {
            let span = Span::from_range(open, close);
            let row = html_row(&text[open..close], open, first, span);
            rows[first] = Some(row);
            let n = rows.len();
            for r in rows.iter_mut().take((last + 1).min(n)).skip(first + 1) {
                *r = Some(Row {
                    line: first,
                    cells: Vec::new(),
                    kind: RowKind::Html,
                    html_cells: Vec::new(),
                    span,
                });
            }
        }
        pos = close + 4;
    }
    for (line, r) in rows.iter_mut().enumerate() {
        if r.is_none() {
            let t = src.line_text(line).trim().to_ascii_lowercase();
            let tag_only = t.starts_with('<')
                && t.ends_with('>')
                && [
                    "<table", "</table", "<tbody", "</tbody", "<thead", "</thead", "<tr", "</tr",
                ]
                .iter()
                .any(|k| t.starts_with(k));
            if tag_only {
                let (s, e) = src.line_range(line);
                *r = Some(Row {
                    line,
                    cells: Vec::new(),
                    kind: RowKind::Html,
                    html_cells: Vec::new(),
                    span: Span::from_range(s, e),
                });
            }
        }
    }
}

fn html_row(text: &str, start: usize, line: usize, span: Span) -> Row {
    let mut cells = Vec::new();
    let mut rest = 0;
    while let Some(p) = find_cell_open(&text[rest..]) {
        let open = rest + p;
        let Some(gt) = text[open..].find('>') else {
            break;
        };
        let content_start = open + gt + 1;
        let close = text[content_start..]
            .find("</t")
            .map(|c| content_start + c)
            .unwrap_or(text.len());
        let (cell, _) = cell_from(&text[content_start..close], start + content_start);
        cells.push(cell);
        if cells.len() >= MAX_CELLS {
            break;
        }
        rest = close.max(content_start);
        if rest >= text.len() {
            break;
        }
    }
    Row {
        line,
        cells,
        kind: RowKind::Html,
        html_cells: Vec::new(),
        span,
    }
}

fn find_cell_open(s: &str) -> Option<usize> {
    let a = s.find("<td");
    let b = s.find("<th");
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(t: &str) -> Row {
        let src = SourceFile::new("t", t);
        split_line(&src, 0).unwrap()
    }

    #[test]
    fn tabs_keep_empty_cells_and_spans() {
        let r = row("\t合计\t565.72\t587.65");
        assert_eq!(r.cells.len(), 4);
        assert_eq!(r.text(1), "合计");
        let sp = r.cells[2].span.unwrap();
        assert_eq!(sp.offset, "\t合计\t".len());
    }

    #[test]
    fn html_divs_in_tab_rows() {
        let r = row(
            "<div style=\"x\"> 满意度 指标 (10 分) </div>\t<div> 持续 影响指 标 </div>\t服务\t100%",
        );
        assert_eq!(r.text(0), "满意度 指标 (10 分)");
        assert_eq!(r.html_cells, vec![0, 1]);
        assert_eq!(r.text(3), "100%");
    }

    #[test]
    fn pipes_and_label_figures() {
        let r = row("| 年度資金總額 | 7.29 | 7.29 | | 10.00 |");
        assert_eq!(r.text(0), "年度資金總額");
        assert_eq!(r.text(3), "");
        assert_eq!(r.cells.len(), 5);
        let r = row("年度资金总额: 2300.67 2300.67 100%");
        assert_eq!(r.kind, RowKind::LabelFigures);
        assert_eq!(r.cells.len(), 4);
        let r = row("<tr><td>合计</td><td>10</td></tr>");
        assert_eq!(r.text(0), "合计");
        assert_eq!(r.text(1), "10");
    }

    #[test]
    fn html_table_rows_across_lines() {
        let t = "<table>\n<tr>\n<td>合计</td>\n<td>10</td>\n</tr>\n</table>\n";
        let src = SourceFile::new("t", t);
        let mut rows: Vec<Option<Row>> =
            (0..src.line_count()).map(|l| split_line(&src, l)).collect();
        multiline_html_rows(&src, &mut rows);
        let r = rows[1].as_ref().unwrap();
        assert_eq!(r.text(0), "合计");
        assert_eq!(r.text(1), "10");
        assert!(rows.iter().all(|r| r.is_some()));
        let sp = r.cells[1].span.unwrap();
        assert_eq!(&t[sp.offset..sp.end()], "10");
    }

    #[test]
    fn commas_rule_out_only_prose() {
        // a comma in the label or between digits still reads as label + figures
        let r = row("年度资金总额，其中财政拨款: 2300.67 1，300.00 100%");
        assert_eq!(r.kind, RowKind::LabelFigures);
        assert_eq!(r.cells.len(), 4);
        assert_eq!(r.text(2), "1，300.00");
        // a comma or full stop after the first space is prose
        let src = SourceFile::new("t", "收入 587.65 万元，支出 500.00 万元");
        assert!(split_line(&src, 0).is_none());
        let src = SourceFile::new("t", "收入 587.65 万元。");
        assert!(split_line(&src, 0).is_none());
        // U+3000 separates like a space
        let r = row("年度资金总额\u{3000}2300.67\u{3000}2300.67");
        assert_eq!(r.cells.len(), 3);
    }

    #[test]
    fn prose_is_not_a_row() {
        let src = SourceFile::new(
            "t",
            "2020 年预算收入 587.65 万元，其中年初预算 565.72 万元。",
        );
        assert!(split_line(&src, 0).is_none());
    }
}
