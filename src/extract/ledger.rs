//! 决算 / 收支 tables with a 行次 (row number) column (`项目 | 行次 | 金额`, often two sides on
//! one line: 收入 on the left, 支出 on the right), in any layout the 自评表 may arrive in. Their
//! lines are table lines — the row numbers never reach the narrative — and each 合计 row is
//! the sum of the numbered items (一、二、三 …) of its side above it, a complete breakdown the
//! breakdown rule checks.

use super::cells::{Row, RowKind};
use super::layout::split_cells;
use crate::facts::{Amount, Breakdown};
use crate::figure::{Figure, parse_cell};
use crate::model::Cell;
use crate::source::{SourceFile, Span, label_key_cow};

/// One row of one side: the item, its row number, its amounts.
#[derive(Clone, Debug)]
struct Item {
    label: Cell,
    number: u32,
    amounts: Vec<Cell>,
    side: usize,
}

/// The header words: 项目 and a row-number column, then amount columns.
fn is_number_col(k: &str) -> bool {
    matches!(k, "行次" | "栏次" | "行号")
}

fn is_item_col(k: &str) -> bool {
    matches!(
        k,
        "项目" | "项目(按功能分类)" | "项目(按经济分类)" | "收入" | "支出"
    )
}

/// The cells of a line: its row's, or (prose, a flattened table) split at white space.
fn line_cells(src: &SourceFile, rows: &[Option<Row>], line: usize) -> Vec<Cell> {
    match &rows[line] {
        Some(r) if !r.cells.is_empty() => {
            r.cells.iter().filter(|c| !c.is_blank()).cloned().collect()
        }
        Some(_) => Vec::new(),
        None => {
            let (s, e) = src.line_range(line);
            split_cells(&src.text()[s..e], s)
        }
    }
}

fn is_row_number(c: &Cell) -> bool {
    let t = c.raw.trim();
    !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
}

fn amount(c: &Cell) -> Option<Figure> {
    parse_cell(&c.raw, c.span).filter(|f| !f.unit.is_percent())
}

/// The header of a 行次 table at `line`: its number of sides and amount columns per side.
fn header(cells: &[Cell]) -> Option<(usize, usize)> {
    let keys: Vec<String> = cells
        .iter()
        .map(|c| label_key_cow(&c.raw).into_owned())
        .collect();
    let sides = keys.iter().filter(|k| is_number_col(k)).count();
    if sides == 0 || !keys.iter().any(|k| is_item_col(k)) {
        return None;
    }
    // amount columns: the cells after the first row-number column, up to the next item column
    let first = keys.iter().position(|k| is_number_col(k))?;
    let per = keys[first + 1..]
        .iter()
        .take_while(|k| !is_item_col(k) && !is_number_col(k))
        .count();
    (1..=4).contains(&per).then_some((sides.min(2), per))
}

/// Read the items of a body line: label, row number, amounts, for each side.
fn items(cells: &[Cell], per: usize, out: &mut Vec<Item>) -> bool {
    let mut k = 0;
    let mut side = 0;
    let mut any = false;
    while k < cells.len() {
        // a label (text), a row number, then up to `per` amounts
        if is_row_number(&cells[k]) || amount(&cells[k]).is_some() {
            // (an empty label cell vanished: the line does not fit)
            return any;
        }
        let label = cells[k].clone();
        if k + 1 >= cells.len() || !is_row_number(&cells[k + 1]) {
            return any;
        }
        let mut j = k + 2;
        let mut amounts = Vec::new();
        while j < cells.len() && amounts.len() < per && amount(&cells[j]).is_some() {
            amounts.push(cells[j].clone());
            j += 1;
        }
        out.push(Item {
            label,
            number: cells[k + 1].raw.trim().parse().unwrap_or(0),
            amounts,
            side,
        });
        any = true;
        side += 1;
        k = j;
    }
    any
}

/// Read every 行次 table: mark its lines as table lines (an empty row for lines that had none)
/// and return the breakdowns its 合计 rows state.
pub fn ledgers(src: &SourceFile, rows: &mut [Option<Row>]) -> Vec<Breakdown> {
    let mut out = Vec::new();
    let n = rows.len();
    let mut line = 0;
    // (only lines naming a row-number column are looked at)
    let candidates = src.lines_with(&["行次", "栏次", "行号"], n);
    for h in candidates {
        if h < line {
            continue;
        }
        let cells = line_cells(src, rows, h);
        let Some((_, per)) = header(&cells) else {
            continue;
        };
        let mut body: Vec<Item> = Vec::new();
        // a flattened table: the body follows the header on the same line
        let first_num = cells
            .iter()
            .position(|c| is_number_col(&label_key_cow(&c.raw)));
        // (the body starts at the first label followed by a row number)
        let after = first_num.and_then(|p| {
            (p + 1..cells.len().saturating_sub(1))
                .find(|&q| !is_row_number(&cells[q]) && is_row_number(&cells[q + 1]))
        });
        let mut last = h;
        if let Some(q) = after
            && q < cells.len()
        {
            items(&cells[q..], per, &mut body);
        }
        let mut l = h + 1;
        while l < n {
            let text = src.line_text(l).trim();
            if text.is_empty() {
                l += 1;
                continue;
            }
            let cs = line_cells(src, rows, l);
            let before = body.len();
            if !items(&cs, per, &mut body) {
                body.truncate(before);
                break;
            }
            last = l;
            l += 1;
        }
        if body.is_empty() {
            continue;
        }
        // two sides: the right side's row numbers continue after the left side's (the
        // second item read is the right side's first)
        if let (Some((sides, _)), Some(second)) = (header(&cells), body.get(1))
            && sides == 2
            && second.side == 1
        {
            let right = second.number;
            for it in body.iter_mut() {
                it.side = usize::from(it.number >= right);
            }
        }
        for (k, r) in rows.iter_mut().enumerate().take(last + 1).skip(h) {
            if r.is_none()
                || r.as_ref()
                    .is_some_and(|r| matches!(r.kind, RowKind::Spaces | RowKind::LabelFigures))
            {
                let (s, e) = src.line_range(k);
                *r = Some(Row {
                    line: k,
                    cells: Vec::new(),
                    kind: RowKind::Html,
                    html_cells: Vec::new(),
                    span: Span::from_range(s, e),
                });
            }
        }
        sums(&body, per, &mut out);
        line = last + 1;
    }
    out
}

/// A top-level item (一、 二、 … ten and more).
fn top_level(label: &str) -> bool {
    let t = label.trim();
    let mut chars = t.chars();
    let mut k = 0;
    for c in chars.by_ref() {
        if crate::source::is_numeral_char(c) && !matches!(c, '万' | '亿' | '百' | '千') {
            k += 1;
        } else {
            return k > 0 && k <= 3 && matches!(c, '、' | '.' | '．');
        }
    }
    false
}

/// Each side's 合计 rows against the top-level items above them since the last total.
fn sums(body: &[Item], per: usize, out: &mut Vec<Breakdown>) {
    for side in 0..2 {
        let rows: Vec<&Item> = body.iter().filter(|i| i.side == side).collect();
        let mut start = 0;
        for (k, r) in rows.iter().enumerate() {
            let key = label_key_cow(&r.label.raw);
            if !(key.ends_with("合计") || key.ends_with("小计")) {
                continue;
            }
            let parts: Vec<&Item> = rows[start..k]
                .iter()
                .copied()
                .filter(|i| top_level(&i.label.raw))
                .collect();
            start = k + 1;
            if parts.len() < 2 {
                continue;
            }
            for col in 0..per {
                let (Some(total), Some(ps)) = (
                    r.amounts.get(col).and_then(amount),
                    parts
                        .iter()
                        .map(|p| p.amounts.get(col).and_then(amount))
                        .collect::<Option<Vec<Figure>>>(),
                ) else {
                    continue;
                };
                out.push(Breakdown {
                    total_label: r.label.raw.clone(),
                    total: Some(total),
                    parts: parts
                        .iter()
                        .zip(ps)
                        .map(|(p, f)| Amount {
                            label: p.label.raw.clone(),
                            year: None,
                            figure: f,
                            sentence: 0,
                            key: None,
                        })
                        .collect(),
                    complete: true,
                    marker: "合计".into(),
                    identity: None,
                    parent: None,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(t: &str) -> (Vec<Breakdown>, Vec<bool>) {
        let src = SourceFile::new("t", t);
        let mut rows: Vec<Option<Row>> = (0..src.line_count())
            .map(|l| super::super::cells::split_line(&src, l))
            .collect();
        let b = ledgers(&src, &mut rows);
        // (lines the ledger took: an empty row)
        let taken = rows
            .iter()
            .map(|r| r.as_ref().is_some_and(|r| r.cells.is_empty()))
            .collect();
        (b, taken)
    }

    #[test]
    fn two_sides_flattened() {
        let (b, lines) = read(
            "项目 行次 金额 项目 行次 金额 一、一般公共预算财政拨款收入 1 500.00 一、一般公共服务支出 7 300.00 二、事业收入 2 100.00 二、教育支出 8 280.00 本年收入合计 3 600.00 本年支出合计 9 580.00\n",
        );
        assert!(lines[0]);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].total.as_ref().unwrap().raw, "600.00");
        assert_eq!(b[0].parts.len(), 2);
        assert_eq!(b[1].parts[1].figure.raw, "280.00");
    }

    #[test]
    fn aligned_lines() {
        let (b, lines) = read(
            "收入支出决算表\n项目    行次    金额\n一、财政拨款收入    1    800.00\n二、其他收入    2    50.00\n本年收入合计    3    860.00\n",
        );
        assert!(lines[2] && lines[4]);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].parts.len(), 2);
    }

    #[test]
    fn no_header_no_table() {
        let (b, taken) = read("一、财政拨款收入 1 800.00\n本年收入合计 3 860.00\n");
        assert!(b.is_empty());
        assert!(!taken[0]);
    }
}
