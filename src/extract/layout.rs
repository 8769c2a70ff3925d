//! Tables in any layout. A 自评表 copied from a web page, a PDF without layout, or OCR does
//! not arrive one row per line: it comes flattened onto one line (cells separated by single
//! spaces), one cell per line, or as pipe rows broken in two. Each of these becomes one
//! **cell stream**, which the **template grammar** of the 自评表 cuts into the rows the table
//! reader takes: the header's columns fix how many values a row has, a row label (from the
//! template's vocabulary) starts a fund row, and an indicator row is the item name followed
//! by as many values as the header has value columns. When the cut is ambiguous the region
//! gives no rows at all.

use super::cells::{Row, RowKind};
use super::template::{self, FundCol};
use crate::figure::parse_cell;
use crate::model::Cell;
use crate::source::{SourceFile, Span, label_key_cow};

/// How a region's cells were laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Cells separated by single spaces on one line.
    Flattened,
    /// One cell per line.
    CellPerLine,
    /// One row per line, its cells separated by single spaces.
    RowsOnLines,
}

/// A table region read from a cell stream: the rows it gives, in order, and the lines it
/// covers.
#[derive(Clone, Debug)]
pub struct Region {
    /// First line (0-based).
    pub first: usize,
    /// Last line (inclusive).
    pub last: usize,
    /// The rows the grammar cut the stream into.
    pub rows: Vec<Row>,
    /// The layout the cells came in.
    pub layout: Layout,
    /// The table's title, when the stream holds it (`2023年度项目支出绩效自评表`).
    pub title: Option<Cell>,
    /// The stream ends inside the indicator block, before any 总分: the text is cut off and
    /// the last section may miss rows.
    pub truncated: bool,
    /// Rows whose cells could not be told apart were left out: any section may miss rows.
    pub incomplete: bool,
}

/// Longest line read as a flattened table (characters); longer lines are prose or noise.
const MAX_FLAT_CELLS: usize = 4096;

/// Find the regions of a text whose tables are not one row per line, and join pipe rows a
/// line break cut in two. Lines a region covers are given an empty row (they are table lines,
/// not prose).
// Long by design: one pass over the lines that opens, extends and closes cell streams; every
// branch shares its state.
pub fn regions(src: &SourceFile, rows: &mut [Option<Row>]) -> Vec<Region> {
    join_broken_pipes(src, rows);
    let mut out = Vec::new();
    let n = rows.len();
    let mut line = 0;
    while line < n {
        // one cell per line: a run of short single-cell lines holding the template's words
        // (a run is looked at once, whether or not it holds a table)
        if let Some((last, cells)) = cell_run(src, rows, line) {
            if header_words(cells.iter().map(|(c, _)| c.raw.as_str())) >= 3
                && let Some((rs, incomplete)) = cut(&cells)
            {
                let truncated = ends_in_indicators(&rs);
                out.push(Region {
                    first: line,
                    last,
                    rows: rs,
                    layout: Layout::CellPerLine,
                    title: title_in(&cells),
                    truncated,
                    incomplete,
                });
                consume(src, rows, line, last);
            }
            line = last + 1;
            continue;
        }
        // a flattened line, or rows of cells separated by single spaces one per line (PDF
        // text copied without its layout): one cell stream from this line on
        let flat_candidate = match &rows[line] {
            None => true,
            Some(r) => matches!(r.kind, RowKind::LabelFigures | RowKind::Spaces),
        };
        if flat_candidate && might_be_flat(src.line_text(line)) {
            let (s, e) = src.line_range(line);
            let text = &src.text()[s..e];
            let mut cells: Vec<(Cell, usize)> = split_cells(text, s)
                .into_iter()
                .take(MAX_FLAT_CELLS)
                .map(|c| (c, line))
                .collect();
            // (columns aligned with runs of spaces are read row by row)
            let spaced = text.trim().contains("  ") || text.contains('\u{3000}');
            if !spaced && header_words(cells.iter().map(|(c, _)| c.raw.as_str())) >= 3 {
                // the lines after it join the stream (single-space lines only: aligned columns
                // and delimited rows are read row by row), to a blank line
                let mut l = line + 1;
                while l < n && cells.len() < MAX_FLAT_CELLS {
                    if matches!(&rows[l], Some(r) if matches!(r.kind, RowKind::Tabs | RowKind::Pipes | RowKind::Html))
                    {
                        break;
                    }
                    let (ls, le) = src.line_range(l);
                    let t = &src.text()[ls..le];
                    if t.trim().is_empty() || t.trim().contains("  ") {
                        break;
                    }
                    cells.extend(split_cells(t, ls).into_iter().map(|c| (c, l)));
                    l += 1;
                }
                if let Some((rs, incomplete)) = cut(&cells) {
                    // the region ends with its last row (what follows stays prose)
                    let last = rs
                        .iter()
                        .filter_map(|r| r.cells.last().and_then(|c| c.span))
                        .map(|sp| src.line_index(sp.end().saturating_sub(1)))
                        .max()
                        .unwrap_or(line)
                        .max(line);
                    let truncated = ends_in_indicators(&rs) && last + 1 >= l;
                    out.push(Region {
                        first: line,
                        last,
                        rows: rs,
                        layout: if last > line {
                            Layout::RowsOnLines
                        } else {
                            Layout::Flattened
                        },
                        title: title_in(&cells),
                        truncated,
                        incomplete,
                    });
                    consume(src, rows, line, last);
                    line = last + 1;
                    continue;
                }
            }
        }
        line += 1;
    }
    out
}

/// A cheap test before a line is split: a flattened 自评表 line names at least two amount
/// columns (预算数, 执行数) or the indicator columns (指标值), between spaces.
fn might_be_flat(text: &str) -> bool {
    let b = text.as_bytes();
    if memchr::memchr_iter(b' ', b).take(4).count() < 4 && !text.contains('\u{3000}') {
        return false;
    }
    static F: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 3]> =
        std::sync::OnceLock::new();
    let [a, e, i] = F.get_or_init(|| {
        [
            memchr::memmem::Finder::new("预算".as_bytes()),
            memchr::memmem::Finder::new("执行".as_bytes()),
            memchr::memmem::Finder::new("指标值".as_bytes()),
        ]
    });
    i.find(b).is_some() || (a.find(b).is_some() && e.find(b).is_some())
}

/// How many cells are words of a 自评表 header (a region needs three).
fn header_words<'a>(cells: impl Iterator<Item = &'a str>) -> usize {
    cells
        .filter(|c| {
            // (header phrases are short and hold one of these characters: most cells of a
            // prose line are let through without building their key)
            c.len() <= 60 && c.contains(['预', '执', '指', '分', '权', '率', '原', '值']) && {
                let k = label_key_cow(c);
                template::fund_header_word(&k).is_some() || template::is_indicator_col(&k)
            }
        })
        .take(3)
        .count()
}

/// True when the rows end inside an indicator block (no 总分 row after its header).
fn ends_in_indicators(rows: &[Row]) -> bool {
    let last_header = rows.iter().rposition(|r| {
        r.cells
            .iter()
            .any(|c| template::is_indicator_col(&label_key_cow(&c.raw)))
    });
    let total = rows.iter().rposition(|r| {
        r.cells
            .first()
            .is_some_and(|c| template::is_total_label(&label_key_cow(&c.raw)))
    });
    match (last_header, total) {
        (Some(h), Some(t)) => t < h,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The first cell naming a 自评表 (its title), before the table's header.
fn title_in(cells: &[(Cell, usize)]) -> Option<Cell> {
    cells
        .iter()
        .take(16)
        .map(|(c, _)| c)
        .find(|c| c.raw.contains("自评表") || c.raw.contains("自評表"))
        .cloned()
}

/// Mark lines `a..=b` as consumed table lines (an empty row each).
fn consume(src: &SourceFile, rows: &mut [Option<Row>], a: usize, b: usize) {
    for (l, r) in rows.iter_mut().enumerate().take(b + 1).skip(a) {
        let (s, e) = src.line_range(l);
        *r = Some(Row {
            line: l,
            cells: Vec::new(),
            kind: RowKind::Html,
            html_cells: Vec::new(),
            span: Span::from_range(s, e),
        });
    }
}

/// The cells of a flattened line: split at runs of white space; a part with an unclosed
/// bracket joins the next (`得分(分值 ×执行率)`, `产出指标 (50分)`), and a lone `其中：` joins
/// the label after it.
pub fn split_cells(text: &str, base: usize) -> Vec<Cell> {
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                parts.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
        if parts.len() > MAX_FLAT_CELLS {
            break;
        }
    }
    if let Some(s) = start {
        parts.push((s, text.len()));
    }
    let mut cells: Vec<(usize, usize)> = Vec::with_capacity(parts.len());
    let mut k = 0;
    while k < parts.len() {
        let (s, mut e) = parts[k];
        k += 1;
        let depth = |t: &str| {
            t.chars().filter(|c| matches!(c, '(' | '（')).count() as i32
                - t.chars().filter(|c| matches!(c, ')' | '）')).count() as i32
        };
        // a bracket opened in this part closes in a later one
        while depth(&text[s..e]) > 0 && k < parts.len() && k < parts.len() {
            e = parts[k].1;
            k += 1;
        }
        // `(50分)` after a label belongs to it
        if let Some(prev) = cells.last_mut()
            && text[s..e].starts_with(['(', '（'])
            && depth(&text[s..e]) == 0
            && !text[prev.0..prev.1]
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
        {
            prev.1 = e;
            continue;
        }
        // `其中：` on its own introduces the label after it
        if matches!(&text[s..e], "其中:" | "其中：" | "其中") && k < parts.len() {
            e = parts[k].1;
            k += 1;
        }
        cells.push((s, e));
    }
    cells
        .into_iter()
        .map(|(s, e)| Cell::new(&text[s..e], Some(Span::from_range(base + s, base + e))))
        .collect()
}

/// A run of lines holding one cell each (blank lines between allowed), starting at `line`:
/// its last line and its cells, when it holds the template's header words.
fn cell_run(
    src: &SourceFile,
    rows: &[Option<Row>],
    line: usize,
) -> Option<(usize, Vec<(Cell, usize)>)> {
    let one_cell = |l: usize| -> Option<Cell> {
        let (s, e) = src.line_range(l);
        let text = &src.text()[s..e];
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        match &rows[l] {
            Some(r) if r.kind == RowKind::Pipes && r.nonempty() == 1 => {
                r.cells.iter().find(|c| !c.is_blank()).cloned()
            }
            None => {
                // (a long line is prose: decided from its length before any character test)
                if t.len() > 160 {
                    return None;
                }
                let t = t.trim_end_matches('|').trim();
                if t.is_empty() || t.chars().nth(40).is_some() || t.contains(char::is_whitespace) {
                    return None;
                }
                if t.ends_with('。') {
                    return None;
                }
                let lead = text.len() - text.trim_start().len();
                Some(Cell::new(t, Some(Span::new(s + lead, t.len()))))
            }
            _ => None,
        }
    };
    one_cell(line)?;
    let mut cells = Vec::new();
    let mut last = line;
    let mut l = line;
    while l < rows.len() {
        let (s, e) = src.line_range(l);
        if src.text()[s..e].trim().is_empty() {
            l += 1;
            continue;
        }
        match one_cell(l) {
            Some(c) => {
                cells.push((c, l));
                last = l;
                l += 1;
            }
            None => break,
        }
        if cells.len() > MAX_FLAT_CELLS {
            break;
        }
    }
    if cells.len() < 6 {
        return None;
    }
    Some((last, cells))
}

/// Join pipe rows that a line break cut in two: the document's rows end with `|` (or start
/// with it); a line that breaks that convention at its end, followed by one that breaks it at
/// its start, is one row.
fn join_broken_pipes(src: &SourceFile, rows: &mut [Option<Row>]) {
    let pipe_lines: Vec<usize> = (0..rows.len())
        .filter(|&l| rows[l].as_ref().is_some_and(|r| r.kind == RowKind::Pipes))
        .collect();
    if pipe_lines.len() < 3 {
        return;
    }
    let ends = |l: usize| src.line_text(l).trim_end().ends_with('|');
    let starts = |l: usize| src.line_text(l).trim_start().starts_with('|');
    let n_end = pipe_lines.iter().filter(|&&l| ends(l)).count();
    // the convention: most rows end with a pipe
    if n_end * 3 < pipe_lines.len() * 2 {
        return;
    }
    let mut l = 0;
    while l + 1 < rows.len() {
        let next = l + 1;
        // the first line lacks its closing pipe; the second has it but opens with a cell: the
        // line break fell inside a cell
        let broken = rows[l].as_ref().is_some_and(|r| r.kind == RowKind::Pipes)
            && !ends(l)
            && src.line_text(next).contains('|')
            && ends(next)
            && !starts(next);
        if !broken {
            l += 1;
            continue;
        }
        let mut second = pipe_cells(src, next);
        let Some(mut row) = rows[l].take() else {
            l += 1;
            continue;
        };
        if let (Some(last), Some(first)) = (row.cells.last_mut(), second.first())
            && let (Some(x), Some(y)) = (last.span, first.span)
        {
            last.raw = format!("{}{}", last.raw, first.raw);
            last.span = Some(x.cover(y));
            second.remove(0);
        }
        row.cells.extend(second);
        let (_, e) = src.line_range(next);
        row.span = Span::from_range(row.span.offset, e);
        rows[l] = Some(row);
        let (s2, e2) = src.line_range(next);
        rows[next] = Some(Row {
            line: next,
            cells: Vec::new(),
            kind: RowKind::Html,
            html_cells: Vec::new(),
            span: Span::from_range(s2, e2),
        });
        l += 2;
    }
}

/// The cells of a line split at pipes (leading text before the first pipe is a cell).
fn pipe_cells(src: &SourceFile, line: usize) -> Vec<Cell> {
    let (s, e) = src.line_range(line);
    let text = &src.text()[s..e];
    let mut out = Vec::new();
    let mut pos = 0;
    let parts: Vec<&str> = text.split('|').collect();
    for (k, part) in parts.iter().enumerate() {
        let off = s + pos;
        pos += part.len() + 1;
        if (k == 0 || k == parts.len() - 1) && part.trim().is_empty() {
            continue;
        }
        let lead = part.len() - part.trim_start().len();
        let t = part.trim();
        out.push(Cell::new(t, Some(Span::new(off + lead, t.len()))));
    }
    out
}

/// What a cell of the stream is, for the grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A column of the 资金 block's header.
    FundCol(FundCol),
    /// A column of the indicator block's header.
    IndCol,
    /// A fund row's label (年度资金总额, 其中：当年财政拨款 …).
    FundLabel,
    /// A first- or second-level indicator name (产出指标, 数量指标 …).
    Level,
    /// The 总分 label.
    Total,
    /// `等级：优`.
    Grade,
    /// A figure, a bounded figure or an explicit absence.
    Value,
    /// Anything else.
    Text,
}

fn kind(c: &Cell) -> Kind {
    let k = label_key_cow(&c.raw);
    let k = k.as_ref();
    if k.is_empty() {
        return Kind::Text;
    }
    if parse_cell(&c.raw, None).is_some() || c.is_explicit_absence() || template::is_bounded(k) {
        return Kind::Value;
    }
    if template::is_grade_cell(k) {
        return Kind::Grade;
    }
    if template::is_total_label(k) {
        return Kind::Total;
    }
    // (分值, 权重, 得分 head both blocks: read as fund columns, and taken by an indicator
    // header too)
    if let Some(col) = template::fund_header_word(k)
        && (matches!(col, FundCol::Weight | FundCol::Score) || !template::is_indicator_col(k))
    {
        return Kind::FundCol(col);
    }
    if template::is_indicator_col(k) {
        return Kind::IndCol;
    }
    if template::is_level_name(k) {
        return Kind::Level;
    }
    if template::fund_kind(k).is_some() && !template::is_block_label(k) {
        return Kind::FundLabel;
    }
    Kind::Text
}

/// A row made of stream cells `a..b`.
fn row_of(cells: &[(Cell, usize)], a: usize, b: usize, kind: RowKind) -> Row {
    let line = cells[a].1;
    let first = cells[a].0.span.unwrap_or_default();
    let last = cells[b - 1].0.span.unwrap_or(first);
    Row {
        line,
        cells: cells[a..b].iter().map(|(c, _)| c.clone()).collect(),
        kind,
        html_cells: Vec::new(),
        span: first.cover(last),
    }
}

/// Cut a cell stream into rows by the template grammar. `None` when the stream holds no
/// 自评表 header, or when its rows cannot be told apart.
// Long by design: tries the row cuts of a cell stream in order of preference; each cut needs the
// counts made before it.
fn cut(cells: &[(Cell, usize)]) -> Option<(Vec<Row>, bool)> {
    // rows were left out (the sums of the table cannot be checked)
    let mut incomplete = false;
    let kinds: Vec<Kind> = cells.iter().map(|(c, _)| kind(c)).collect();
    let n = kinds.len();
    let is_fund_col = |k: Kind| matches!(k, Kind::FundCol(_));
    let mut out = Vec::new();
    let mut i = 0;
    let mut found_header = false;
    while i < n {
        // a fund header: three or more fund columns in a row, two of them amounts
        if is_fund_col(kinds[i]) {
            let mut j = i;
            while j < n && is_fund_col(kinds[j]) {
                j += 1;
            }
            let amounts = kinds[i..j]
                .iter()
                .filter(|k| {
                    matches!(
                        k,
                        Kind::FundCol(FundCol::Initial | FundCol::Budget | FundCol::Executed)
                    )
                })
                .count();
            if j - i >= 3 && amounts >= 2 {
                found_header = true;
                // the block label before the columns (`项目资金（万元）`, `预算执行情况(10分)`),
                // and the `年度资金总额` header cell some templates put between them
                let mut a = i;
                while a > 0
                    && i - a < 2
                    && matches!(kinds[a - 1], Kind::Text | Kind::FundLabel)
                    && !(a >= 2 && kinds[a - 2] == Kind::Value)
                {
                    a -= 1;
                }
                out.push(row_of(cells, a, j, RowKind::Flat));
                let ncols = j - i;
                i = fund_rows(cells, &kinds, j, ncols, &mut out);
                continue;
            }
            i = j;
            continue;
        }
        // an indicator header
        // (a header cell wrapped onto the next line leaves fragments: `年度` … `指标值`)
        let ind_col = |k: usize| {
            matches!(
                kinds[k],
                Kind::IndCol | Kind::FundCol(FundCol::Weight | FundCol::Score)
            ) || (kinds[k] == Kind::Text
                && template::is_indicator_fragment(&label_key_cow(&cells[k].0.raw)))
        };
        if kinds[i] == Kind::IndCol {
            let mut j = i;
            while j < n && ind_col(j) {
                j += 1;
            }
            let head: Vec<String> = cells[i..j]
                .iter()
                .map(|(c, _)| label_key_cow(&c.raw).into_owned())
                .collect();
            let has = |w: &str| head.iter().any(|k| k.contains(w));
            if j - i >= 3 && has("指标值") && (has("完成值") || has("实际值")) {
                found_header = true;
                let a = if i > 0 && kinds[i - 1] == Kind::Text {
                    i - 1
                } else {
                    i
                };
                out.push(row_of(cells, a, j, RowKind::Flat));
                let values = 2
                    + has("指标性质") as usize
                    + has("度量单位") as usize
                    + if has("分值") || has("权重") { 1 } else { 0 }
                    + if has("得分") { 1 } else { 0 };
                let scored = (has("分值") || has("权重")) && has("得分");
                let before = out.len();
                match indicator_rows(cells, &kinds, j, values, scored, &mut out) {
                    Some((next, complete)) => {
                        i = next;
                        incomplete |= !complete;
                    }
                    None => {
                        // rows that cannot be told apart: the block gives none (nor a total
                        // that its rows would have to add up to), its lines stay table lines
                        out.truncate(before);
                        return Some((out, true));
                    }
                }
                continue;
            }
            i = j;
            continue;
        }
        if found_header && kinds[i] == Kind::Total {
            i = total(cells, &kinds, i, &mut out);
            continue;
        }
        i += 1;
    }
    if !found_header {
        return None;
    }
    Some((out, incomplete))
}

/// Fund rows after the header: a label and up to `ncols` values each.
fn fund_rows(
    cells: &[(Cell, usize)],
    kinds: &[Kind],
    mut i: usize,
    ncols: usize,
    out: &mut Vec<Row>,
) -> usize {
    let n = kinds.len();
    // (a unit printed under the header, `(万元)`, belongs to it)
    while i < n && kinds[i] == Kind::Text && template::money_unit(&cells[i].0.raw).is_some() {
        i += 1;
    }
    // (合计 is also the 总分 row's label: inside the 资金 block it is the fund total)
    let label = |k: usize| {
        kinds[k] == Kind::FundLabel
            || (kinds[k] == Kind::Total
                && template::fund_kind(&label_key_cow(&cells[k].0.raw)).is_some())
    };
    if i < n && kinds[i] == Kind::Value {
        // PDF reading order: each row's values before its label
        loop {
            let v = i;
            while i < n && kinds[i] == Kind::Value && i - v < ncols {
                i += 1;
            }
            if i >= n || !label(i) {
                // (more values than columns, or none followed by a label: no row)
                return v;
            }
            let mut row = row_of(cells, i, i + 1, RowKind::Flat);
            row.cells.extend(cells[v..i].iter().map(|(c, _)| c.clone()));
            if let (Some(a), Some(b)) = (cells[v].0.span, cells[i].0.span) {
                row.span = a.cover(b);
            }
            out.push(row);
            i += 1;
        }
    }
    while i < n && label(i) {
        let mut j = i + 1;
        while j < n && kinds[j] == Kind::Value && j - i <= ncols {
            j += 1;
        }
        if j < n && kinds[j] == Kind::Value {
            // more values than the header has columns: where the row ends is not known
            return j;
        }
        out.push(row_of(cells, i, j, RowKind::Flat));
        i = j;
    }
    i
}

/// Indicator rows after the header, found from their 分值 and 得分: a row ends with two
/// scores (the last two of a run of plain numbers up to 100), and the cells before them are,
/// in the header's order, the actual, the unit, the target, the operator and the item name,
/// with the level names before the name. Text between one row's scores and the next row's
/// first cell is the first row's reason. Returns where the block ends, or `None` when the
/// cells do not fit that shape.
// Long by design: the indicator block's grammar (names, values, section headers) read in one pass
// over the cells.
fn indicator_rows(
    cells: &[(Cell, usize)],
    kinds: &[Kind],
    start: usize,
    values: usize,
    scored: bool,
    out: &mut Vec<Row>,
) -> Option<(usize, bool)> {
    let n = kinds.len();
    // the block ends at the total, the grade or another header
    let end = (start..n)
        .find(|&k| matches!(kinds[k], Kind::Total | Kind::Grade | Kind::IndCol))
        .unwrap_or(n);
    if !scored {
        return (end == start).then_some((end, true));
    }
    // the rows' last cells: the end of each run of two or more score numbers
    let score = |k: usize| kinds[k] == Kind::Value && is_score_number(&cells[k].0);
    let mut anchors = Vec::new();
    let mut k = start;
    while k < end {
        if score(k) {
            let mut e = k;
            while e + 1 < end && score(e + 1) {
                e += 1;
            }
            if e > k {
                anchors.push(e);
            }
            k = e + 1;
        } else {
            k += 1;
        }
    }
    if anchors.is_empty() {
        return (end == start).then_some((end, true));
    }
    // each row: levels, name, `values` cells ending at its anchor; a row whose cells do not
    // fit that shape is left out (and the row before it, whose reason would run into it)
    let mut rows: Vec<Option<(usize, usize)>> = Vec::new(); // (first cell, one past the anchor)
    let mut prev_end = start;
    for &a in &anchors {
        let row = (|| {
            let first_value = (a + 1).checked_sub(values)?;
            let name = first_value.checked_sub(1)?;
            if name < prev_end
                || !matches!(
                    kinds[name],
                    Kind::Text | Kind::FundLabel | Kind::FundCol(_) | Kind::Level
                )
            {
                return None;
            }
            // a level name stands for the item only when a value follows it
            // (`满意度指标 ≥90% 95% 10 10`), not text (`数量指标 指标1:… 完成…`)
            if kinds[name] == Kind::Level
                && kinds[first_value] != Kind::Value
                && !value_like(&cells[first_value].0)
            {
                return None;
            }
            // the cells between the name and the scores are values, bounds, units or text
            // (never a level name or a header word)
            if (first_value..a + 1)
                .any(|v| matches!(kinds[v], Kind::Level | Kind::IndCol | Kind::Total))
            {
                return None;
            }
            let mut first = name;
            while first > prev_end && kinds[first - 1] == Kind::Level && name - first < 2 {
                first -= 1;
            }
            Some((first, a + 1))
        })();
        rows.push(row);
        prev_end = a + 1;
    }
    let mut complete = true;
    // cells before the first row belong to no row
    match rows.first() {
        Some(Some(r)) if r.0 > start => complete = false,
        Some(None) => complete = false,
        _ => {}
    }
    for idx in 0..rows.len() {
        let Some((first, stop)) = rows[idx] else {
            complete = false;
            continue;
        };
        // the reason: text after the values, up to the next row
        let reason_end = match rows.get(idx + 1) {
            Some(Some(r)) => r.0,
            Some(None) => {
                // (the next row was left out: where this one's reason ends is not known)
                complete = false;
                continue;
            }
            None => end,
        };
        if (stop..reason_end)
            .any(|r| !matches!(kinds[r], Kind::Text | Kind::FundLabel | Kind::FundCol(_)))
        {
            complete = false;
            continue;
        }
        let mut row = row_of(cells, first, stop, RowKind::Flat);
        if reason_end > stop {
            let a = cells[stop].0.span.unwrap_or_default();
            let b = cells[reason_end - 1].0.span.unwrap_or(a);
            let text: Vec<&str> = cells[stop..reason_end]
                .iter()
                .map(|(c, _)| c.raw.as_str())
                .collect();
            row.cells.push(Cell::new(text.join(" "), Some(a.cover(b))));
            row.span = row.span.cover(b);
        }
        out.push(row);
    }
    Some((end, complete))
}

/// A target or an actual that is not a plain figure: it starts with a digit or a bound
/// (`80.7万元/公里`, `≥5个百分点`), or it is a status word (`完成`, `2020年12月`).
fn value_like(c: &Cell) -> bool {
    let k = label_key_cow(&c.raw);
    let first = k.chars().next().unwrap_or(' ');
    first.is_ascii_digit()
        || matches!(first, '≥' | '≤' | '>' | '<' | '=')
        || template::is_status_word(&k)
}

/// A weight or a score: a plain number from 0 to 100.
fn is_score_number(c: &Cell) -> bool {
    parse_cell(&c.raw, None).is_some_and(|f| {
        matches!(
            f.unit,
            crate::figure::Unit::Plain | crate::figure::Unit::Score
        ) && f.qualifier == crate::figure::Qualifier::None
            && f.value() >= rust_decimal::Decimal::ZERO
            && f.value() <= rust_decimal::Decimal::ONE_HUNDRED
    })
}

/// The 总分 row: the label, its one or two figures and the grade after them.
fn total(cells: &[(Cell, usize)], kinds: &[Kind], i: usize, out: &mut Vec<Row>) -> usize {
    let n = kinds.len();
    let mut j = i + 1;
    while j < n && kinds[j] == Kind::Value && j - i <= 2 {
        j += 1;
    }
    if j < n && kinds[j] == Kind::Grade {
        j += 1;
    } else if j + 1 < n
        && kinds[j] == Kind::Text
        && label_key_cow(&cells[j].0.raw) == "等级"
        && template::is_grade_word(&cells[j + 1].0.raw)
    {
        // `等级 优`: one cell
        let a = cells[j].0.span.unwrap_or_default();
        let b = cells[j + 1].0.span.unwrap_or(a);
        let mut row = row_of(cells, i, j, RowKind::Flat);
        row.cells.push(Cell::new(
            format!("等级：{}", cells[j + 1].0.raw.trim()),
            Some(a.cover(b)),
        ));
        out.push(row);
        return j + 2;
    }
    out.push(row_of(cells, i, j, RowKind::Flat));
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(t: &str) -> Vec<Vec<String>> {
        let src = SourceFile::new("t", t);
        let mut rows: Vec<Option<Row>> = (0..src.line_count())
            .map(|l| super::super::cells::split_line(&src, l))
            .collect();
        regions(&src, &mut rows)
            .into_iter()
            .flat_map(|r| r.rows)
            .map(|r| r.cells.into_iter().map(|c| c.raw).collect())
            .collect()
    }

    #[test]
    fn flattened_fund_block() {
        let r = region(
            "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额： 120 118.5 112.6 10 95.02% 9.5 其中：当年财政拨款 100 96.5 92.6 上年结转资金 15 15 15 其他资金 5 5 5 年度总体目标 完成任务",
        );
        assert_eq!(r[0][0], "项目资金（万元）");
        assert_eq!(
            r[1],
            vec![
                "年度资金总额：",
                "120",
                "118.5",
                "112.6",
                "10",
                "95.02%",
                "9.5"
            ]
        );
        assert_eq!(r[2], vec!["其中：当年财政拨款", "100", "96.5", "92.6"]);
        assert_eq!(r[4], vec!["其他资金", "5", "5", "5"]);
        assert_eq!(r.len(), 5);
    }

    #[test]
    fn flattened_indicators_with_reasons() {
        let r = region(
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 产出指标 数量指标 培训人数 200人 180人 20 18 疫情影响 质量指标 合格率 100% 100% 20 20 效益指标 社会效益指标 知晓率 ≥90% 92% 30 30 总分 100 98 等级：优",
        );
        assert_eq!(
            r[1],
            vec![
                "产出指标",
                "数量指标",
                "培训人数",
                "200人",
                "180人",
                "20",
                "18",
                "疫情影响"
            ]
        );
        assert_eq!(r[2], vec!["质量指标", "合格率", "100%", "100%", "20", "20"]);
        assert_eq!(r[4], vec!["总分", "100", "98", "等级：优"]);
    }

    #[test]
    fn one_cell_per_line() {
        let cells = [
            "年初预算数|",
            "全年预算数|",
            "全年执行数|",
            "分值|",
            "执行率|",
            "得分|",
            "年度资金总额|",
            "50|",
            "50|",
            "45|",
            "10|",
            "90%|",
            "9|",
        ];
        let r = region(&cells.join("\n"));
        assert_eq!(
            r[1],
            vec!["年度资金总额", "50", "50", "45", "10", "90%", "9"]
        );
    }

    #[test]
    fn prose_is_no_region() {
        assert!(
            region("我局全年预算数 100 万元 执行数 95 万元 执行率 95% 得分 9.5 分 是 较好 的 水平")
                .is_empty()
        );
    }
}
