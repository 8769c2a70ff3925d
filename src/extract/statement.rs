//! 预算数 / 决算数 statements — the 三公经费 table, a 支出 table by item: an item column, one
//! budget column and one actual column, one row per line or one cell per line (each closed
//! by `|`, a blank cell a lone `|`). The narrative below such a table often compares an item
//! with its budget without printing the budget (`公务接待费支出5.21万元，与年度预算相比减少…`):
//! the budget is the item's row of the table. [`bind_budget_priors`] fills those priors, only
//! when the binding is certain — one row of the item, whose actual column states the amount
//! the sentence states, and a year that does not contradict the table's.

use super::cells::{Row, RowKind};
use super::template::{FundCol, fund_col, money_unit};
use crate::facts::Comparison;
use crate::figure::{Figure, Unit, parse_cell};
use crate::model::Cell;
use crate::source::{SourceFile, label_key_cow};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// One item of a statement.
#[derive(Clone, Debug)]
pub struct StatementRow {
    /// The item's key: its label folded, without brackets and a leading `其中`.
    pub key: String,
    /// The budget, in the table's unit; `None` when blank.
    pub budget: Option<Figure>,
    /// The actual amount; `None` when blank.
    pub actual: Option<Figure>,
}

/// A 预算数 / 决算数 table.
#[derive(Clone, Debug)]
pub struct Statement {
    /// The year its title names, if any.
    pub year: Option<i32>,
    /// Its items, in order.
    pub rows: Vec<StatementRow>,
}

/// Most lines looked at above a header for its title and unit.
const TITLE_LINES: usize = 3;
/// Most cells of one statement (a real one has a few dozen).
const MAX_STATEMENT_CELLS: usize = 600;

/// The key two labels are compared by: folded, no brackets (their contents kept), no `其中`.
pub fn item_key(s: &str) -> String {
    let k = label_key_cow(s);
    let k = k.trim_start_matches("其中");
    k.chars()
        .filter(|c| !matches!(c, '(' | ')' | '（' | '）' | '、' | ',' | ';'))
        .collect()
}

/// The blank cell a lone `|` stands for.
static BLANK: Cell = Cell {
    raw: String::new(),
    span: None,
    location: None,
};

/// The cells of a delimited line (pipes, tabs) in order, a lone `|` one blank cell; `None`
/// for other lines.
fn line_cells(rows: &[Option<Row>], line: usize) -> Option<&[Cell]> {
    let r = rows.get(line)?.as_ref()?;
    if !matches!(r.kind, RowKind::Pipes | RowKind::Tabs) {
        return None;
    }
    if r.cells.is_empty() {
        return Some(std::slice::from_ref(&BLANK));
    }
    Some(&r.cells)
}

/// Which of the two amount columns a header cell names.
fn column(c: &Cell) -> Option<bool> {
    match fund_col(&label_key_cow(&c.raw))? {
        FundCol::Budget | FundCol::Initial => Some(true),
        FundCol::Executed => Some(false),
        _ => None,
    }
}

fn is_item_header(c: &Cell) -> bool {
    // (every item header word ends in 目; most cells have none)
    c.raw.contains('目')
        && matches!(
            label_key_cow(&c.raw).as_ref(),
            "项目" | "科目" | "支出项目" | "项目名称" | "科目名称"
        )
}

/// An amount cell: blank, or one figure that is not a rate.
fn amount(c: &Cell) -> Option<Option<Figure>> {
    if c.is_blank() {
        return Some(None);
    }
    let f = parse_cell(&c.raw, c.span)?;
    let ok = f.unit.is_money() || (f.unit == Unit::Plain && f.factor == Decimal::ONE);
    ok.then_some(Some(f))
}

/// The figure in the table's unit: a bare number becomes money of that unit (and is shown
/// with it: `14.9万元`, its span still the cell's number).
fn in_unit(mut f: Figure, unit: &'static str, factor: Decimal) -> Option<Figure> {
    match &f.unit {
        Unit::Money { .. } => Some(f),
        Unit::Plain => {
            f.factor = f.factor.checked_mul(factor)?;
            f.raw.push_str(unit);
            f.unit = Unit::Money {
                factor,
                name: Cow::Borrowed(unit),
            };
            Some(f)
        }
        _ => None,
    }
}

/// Find every statement among the delimited lines.
pub fn statements(src: &SourceFile, rows: &[Option<Row>]) -> Vec<Statement> {
    let mut out = Vec::new();
    let mut line = 0;
    while line < rows.len() {
        // a run of delimited lines, as one cell stream
        let Some(first) = line_cells(rows, line) else {
            line += 1;
            continue;
        };
        let start = line;
        let mut stream: Vec<&Cell> = first.iter().collect();
        line += 1;
        while let Some(c) = line_cells(rows, line) {
            if stream.len() + c.len() > MAX_STATEMENT_CELLS {
                break;
            }
            stream.extend(c);
            line += 1;
        }
        if let Some(st) = read_stream(src, start, &stream) {
            out.push(st);
        }
    }
    out
}

/// The statement of a cell stream starting at `start`: a header `项目 | 预算数 | 决算数` (either
/// order), then rows of three cells — a label and two amounts or blanks — up to the first
/// three that are not one.
fn read_stream(src: &SourceFile, start: usize, cells: &[&Cell]) -> Option<Statement> {
    let h = (0..cells.len().saturating_sub(2)).find(|&i| {
        is_item_header(cells[i])
            && matches!(
                (column(cells[i + 1]), column(cells[i + 2])),
                (Some(a), Some(b)) if a != b
            )
    })?;
    let budget_first = column(cells[h + 1]) == Some(true);
    let (unit, factor, year) = title(src, start)?;
    let mut rows = Vec::new();
    for row in cells[h + 3..].chunks_exact(3) {
        let label = row[0];
        if label.is_blank() || parse_cell(&label.raw, None).is_some() {
            break;
        }
        let (Some(a), Some(b)) = (amount(row[1]), amount(row[2])) else {
            break;
        };
        let (budget, actual) = if budget_first { (a, b) } else { (b, a) };
        let conv = |f: Option<Figure>| -> Result<Option<Figure>, ()> {
            f.map(|f| in_unit(f, unit, factor).ok_or(())).transpose()
        };
        let (Ok(budget), Ok(actual)) = (conv(budget), conv(actual)) else {
            break;
        };
        rows.push(StatementRow {
            key: item_key(&label.raw),
            budget,
            actual,
        });
    }
    (!rows.is_empty()).then_some(Statement { year, rows })
}

/// The money unit (`单位：万元`) and the year of the title in the lines above `start`; no unit,
/// no statement (a bare number is money only in a stated unit).
fn title(src: &SourceFile, start: usize) -> Option<(&'static str, Decimal, Option<i32>)> {
    let mut unit = None;
    let mut year = None;
    for l in (start.saturating_sub(TITLE_LINES)..start).rev() {
        let t = src.line_text(l);
        if unit.is_none() {
            unit = money_unit(t);
        }
        if year.is_none() {
            year = super::selfeval::year_in(&label_key_cow(t));
        }
    }
    let unit = unit?;
    let factor = match unit {
        "元" => Decimal::ONE,
        "万元" => Decimal::from(10_000),
        "亿元" => Decimal::from(100_000_000),
        _ => return None,
    };
    Some((unit, factor, year))
}

/// Fill the prior of every comparison against the budget that has none from the one
/// statement row of its subject whose actual amount is the comparison's current amount (a
/// blank actual is 0). A year printed in the baseline must be the statement's.
pub fn bind_budget_priors(statements: &[Statement], comparisons: &mut [Comparison]) {
    if statements.is_empty() {
        return;
    }
    for c in comparisons.iter_mut() {
        if !c.against_budget || c.prior.is_some() || c.subject.is_empty() {
            continue;
        }
        let Some(cur) = c.current.as_ref().filter(|f| f.unit.is_money()) else {
            continue;
        };
        let Some(civ) = cur.interval() else { continue };
        let key = item_key(&c.subject);
        let key = key.as_str();
        let baseline_year = super::selfeval::year_in(&c.baseline);
        let mut found = statements.iter().flat_map(|st| {
            st.rows.iter().filter(move |r| {
                r.key == key && !matches!((baseline_year, st.year), (Some(a), Some(b)) if a != b)
            })
        });
        let (Some(row), None) = (found.next(), found.next()) else {
            continue;
        };
        let agrees = match &row.actual {
            Some(a) => a.interval().is_some_and(|iv| iv.meets(civ)),
            None => cur.value().is_zero(),
        };
        if agrees && let Some(b) = &row.budget {
            c.prior = Some(b.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(t: &str) -> Vec<Statement> {
        let src = SourceFile::new("t", t);
        let rows: Vec<Option<Row>> = (0..src.line_count())
            .map(|l| super::super::cells::split_line(&src, l))
            .collect();
        statements(&src, &rows)
    }

    /// (key, budget shown, actual shown) of each row.
    fn rows(st: &Statement) -> Vec<(String, Option<String>, Option<String>)> {
        let show = |f: &Option<Figure>| f.as_ref().map(|f| f.raw.clone());
        st.rows
            .iter()
            .map(|r| (r.key.clone(), show(&r.budget), show(&r.actual)))
            .collect()
    }

    #[test]
    fn one_cell_per_line_with_blank_cells() {
        let t = "2023年度经费决算表\n单位：万元\n项 目 |\n预算数 |\n决算数 |\n\
                 合 计 |\n30 |\n12 |\n邮电费 |\n30 |\n|\n车辆租赁费 |\n";
        let st = read(t);
        assert_eq!(st.len(), 1);
        assert_eq!(st[0].year, Some(2023));
        assert_eq!(
            rows(&st[0]),
            vec![
                ("合计".into(), Some("30万元".into()), Some("12万元".into())),
                ("邮电费".into(), Some("30万元".into()), None),
            ]
        );
        // a bare number of the table is money in the stated unit
        assert_eq!(
            st[0].rows[0].budget.as_ref().unwrap().value(),
            Decimal::from(300_000)
        );
    }

    #[test]
    fn pipe_rows_actual_first_and_tabs() {
        let t = "单位：元\n| 科目 | 执行数 | 全年预算数 |\n| 其中：水费 | 1,200.50 | 1500 |\n| 电费 | 800 | 800 |\n";
        let st = read(t);
        assert_eq!(
            rows(&st[0]),
            vec![
                (
                    "水费".into(),
                    Some("1500元".into()),
                    Some("1,200.50元".into())
                ),
                ("电费".into(), Some("800元".into()), Some("800元".into())),
            ]
        );
        let t = "金额单位：万元\n项目\t预算数\t决算数\n维修（护）费\t15.1\t14\n";
        let st = read(t);
        assert_eq!(
            rows(&st[0]),
            vec![(
                "维修护费".into(),
                Some("15.1万元".into()),
                Some("14万元".into())
            )]
        );
    }

    #[test]
    fn records_nothing_when_unsure() {
        // no unit
        assert!(read("| 项目 | 预算数 | 决算数 |\n| 办公费 | 3 | 2 |\n").is_empty());
        // a third amount column (the grammar is the three-column statement only)
        assert!(
            read("单位：万元\n| 项目 | 预算数 | 调整数 | 决算数 |\n| 办公费 | 3 | 1 | 2 |\n")
                .is_empty()
        );
        // two budget columns
        assert!(
            read("单位：万元\n| 项目 | 年初预算数 | 预算数 |\n| 办公费 | 3 | 2 |\n").is_empty()
        );
        // a rate where an amount belongs ends the rows
        let st = read(
            "单位：万元\n| 项目 | 预算数 | 决算数 |\n| 办公费 | 3 | 2 |\n| 执行率 | 66.7% | |\n",
        );
        assert_eq!(st[0].rows.len(), 1);
    }

    #[test]
    fn item_keys_fold_brackets_and_qiezhong() {
        assert_eq!(item_key("因公出國(境)費"), "因公出国境费");
        assert_eq!(item_key("其中：公务用车运行维护费"), "公务用车运行维护费");
        assert_eq!(item_key("因公出国（境）费"), "因公出国境费");
    }
}
