//! Extraction: from decoded text to the report model. Extraction never judges.

pub mod cells;
pub mod layout;
pub mod ledger;
pub mod narrative;
pub mod selfeval;
pub mod statement;
pub mod template;

use crate::model::{Meta, ReadLimit, ReadLimitKind, Report, Text};
use crate::source::{SourceFile, Span, label_key};

/// Limits that keep extraction bounded on hostile inputs.
pub const MAX_LINES: usize = 200_000;

/// Extract the report model from a decoded text file.
pub fn extract_text(src: &SourceFile) -> Report {
    extract(src, false)
}

/// Extract the report model with the narrative's clause frames (`facts.frames`): what
/// `jixiao-lint extract` shows, so a reviewer can see why a figure was bound where it was.
pub fn extract_text_with_frames(src: &SourceFile) -> Report {
    extract(src, true)
}

/// Most table cells split out of one input's lines: a real report has a few thousand; a
/// text of nothing but separators would otherwise hold ~100 bytes per cell for every byte pair.
pub const MAX_DOC_CELLS: usize = 500_000;

fn extract(src: &SourceFile, frames: bool) -> Report {
    let mut read_limits = Vec::new();
    let mut n = src.line_count();
    if n > MAX_LINES {
        n = MAX_LINES;
        read_limits.push(limit_at(src, ReadLimitKind::Lines, MAX_LINES, n));
    }
    let n = n;
    let mut rows: Vec<Option<cells::Row>> = Vec::with_capacity(n);
    let mut cells_read = 0usize;
    for l in 0..n {
        let row = cells::split_line(src, l);
        cells_read += row.as_ref().map_or(0, |r| r.cells.len());
        if cells_read > MAX_DOC_CELLS {
            // the line that crosses the budget and all after it are not read
            read_limits.push(limit_at(src, ReadLimitKind::Cells, MAX_DOC_CELLS, l));
            break;
        }
        rows.push(row);
    }
    let n = rows.len();
    cells::multiline_html_rows(src, &mut rows);
    let statements = statement::statements(src, &rows);
    let regions = layout::regions(src, &mut rows);
    let ledger_sums = ledger::ledgers(src, &mut rows);
    let tables = selfeval::extract_tables_in(src, &rows, &regions);
    // the split lines are not needed by the narrative: freed before it is read (peak memory)
    drop(regions);
    drop(rows);
    let meta = meta(src, n);
    let (mut facts, prose, figures_cut) =
        narrative::read_narrative_bounded(src, &tables.table_lines, frames);
    if let Some(at) = figures_cut {
        read_limits.push(ReadLimit {
            kind: ReadLimitKind::Figures,
            limit: narrative::MAX_FIGURES as u64,
            span: Some(Span::new(at, 0)),
        });
    }
    facts.breakdowns.extend(ledger_sums);
    statement::bind_budget_priors(&statements, &mut facts.comparisons);
    let mut tables = tables.tables;
    tables.extend(prose);
    Report {
        meta,
        tables,
        facts,
        uncached_formulas: Vec::new(),
        suppressions: suppressions(src, n),
        read_limits,
    }
}

/// A limit reached at the start of 0-based `line`.
fn limit_at(src: &SourceFile, kind: ReadLimitKind, limit: usize, line: usize) -> ReadLimit {
    let (s, _) = src.line_range(line);
    ReadLimit {
        kind,
        limit: limit as u64,
        span: Some(Span::new(s, 0)),
    }
}

/// Report title and year: the first short line that names a report or table and a year.
fn meta(src: &SourceFile, n: usize) -> Meta {
    let mut m = Meta {
        unit: unit_name(src, n),
        ..Default::default()
    };
    for line in 0..n.min(40) {
        let text = src.line_text(line);
        let t = text.trim();
        if t.is_empty() || t.chars().count() > 80 {
            continue;
        }
        let key = label_key(t);
        if key.starts_with("附件") || key.starts_with('#') {
            continue;
        }
        if key.contains("报告") || key.contains("自评表") || key.contains("绩效评价") {
            let (s, e) = src.line_range(line);
            let lead = text.len() - text.trim_start().len();
            m.title = Some(Text::new(t, Some(Span::new(s + lead, t.len()))));
            m.year = selfeval::year_in(&key);
            if let Some(y) = m.year {
                let ys = y.to_string();
                if let Some(p) = src.text()[s..e].find(&ys) {
                    m.year_span = Some(Span::new(s + p, 4));
                }
            }
            break;
        }
    }
    m
}

/// The reporting unit: the value after 单位名称 / 部门名称 / 主管部门 / 实施单位 in the first
/// lines or table cells.
fn unit_name(src: &SourceFile, n: usize) -> Option<Text> {
    const KEYS: [&str; 5] = [
        "单位名称（盖章）",
        "单位名称(盖章)",
        "单位名称",
        "部门名称",
        "主管部门",
    ];
    // only lines holding one of the key words are looked at
    for line in src.lines_with(&["单位名称", "部门名称", "主管部门"], n.min(400)) {
        let text = src.line_text(line);
        for k in KEYS {
            let Some(p) = text.find(k) else { continue };
            let rest = &text[p + k.len()..];
            let lead = rest.len()
                - rest
                    .trim_start_matches(|c: char| {
                        c.is_whitespace() || matches!(c, ':' | '：' | '|')
                    })
                    .len();
            let v = rest[lead..].split(['\t', '|']).next().unwrap_or("").trim();
            if v.chars().count() >= 2 && v.chars().count() <= 40 && !v.contains("实施单位") {
                let (s, _) = src.line_range(line);
                let off = s + p + k.len() + lead;
                return Some(Text::new(v, Some(Span::new(off, v.len()))));
            }
        }
    }
    None
}

/// Inline suppressions: `<!-- jixiao-lint: ignore RULE[, RULE…] -->` on a line of its own covers
/// the next paragraph (up to the next blank line); `ignore` alone covers every rule.
fn suppressions(src: &SourceFile, n: usize) -> Vec<crate::model::Suppression> {
    let mut out = Vec::new();
    if memchr::memmem::find(src.text().as_bytes(), b"jixiao-lint:").is_none() {
        return out;
    }
    // for each line, the first blank line at or after it (one backward pass: every comment
    // then finds its paragraph in constant time)
    let blank: Vec<bool> = (0..n).map(|l| src.line_text(l).trim().is_empty()).collect();
    let mut next_blank = vec![n; n + 1];
    let mut next_text = vec![n; n + 1];
    for l in (0..n).rev() {
        next_blank[l] = if blank[l] { l } else { next_blank[l + 1] };
        next_text[l] = if blank[l] { next_text[l + 1] } else { l };
    }
    for line in 0..n {
        if blank[line] {
            continue;
        }
        let t = src.line_text(line).trim();
        let Some(body) = t.strip_prefix("<!--").and_then(|b| b.strip_suffix("-->")) else {
            continue;
        };
        let Some(cmd) = body.trim().strip_prefix("jixiao-lint:") else {
            continue;
        };
        let Some(list) = cmd.trim().strip_prefix("ignore") else {
            continue;
        };
        let rules: Vec<String> = list
            .split([',', ' ', '，'])
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(String::from)
            .collect();
        // the next paragraph: skip blank lines, then up to the next blank line
        let first = next_text[line + 1];
        if first >= n {
            continue;
        }
        let last = next_blank[first] - 1;
        let (s, e) = src.line_range(line);
        let lead = src.line_text(line).len() - src.line_text(line).trim_start().len();
        out.push(crate::model::Suppression {
            marker: Text::new(t, Some(Span::new(s + lead, t.len()))),
            rules,
            covers: Span::from_range(src.line_start(first), src.line_range(last).1.max(e)),
        });
    }
    out
}

/// Push with a growth of a quarter instead of doubling: for the vectors that end up in the
/// model or live until it is built (items, indicator rows), at most a quarter of the room is
/// unused, where doubling leaves up to half. Growth stays geometric, so pushes stay amortised
/// constant time.
pub(crate) fn push_frugal<T>(v: &mut Vec<T>, x: T) {
    if v.len() == v.capacity() {
        v.reserve_exact((v.capacity() / 4).max(8));
    }
    v.push(x);
}

#[cfg(test)]
mod frugal_tests {
    #[test]
    fn grows_by_a_quarter_and_keeps_every_element() {
        let mut v = Vec::new();
        for i in 0..10_000 {
            super::push_frugal(&mut v, i);
            if v.len() >= 64 {
                assert!(
                    v.capacity() * 4 <= v.len() * 5 + 4,
                    "{} {}",
                    v.len(),
                    v.capacity()
                );
            }
        }
        assert!(v.iter().copied().eq(0..10_000));
    }
}
