//! Extraction: from decoded text to the report model. Extraction never judges.

pub mod cells;
pub mod narrative;
pub mod selfeval;

use crate::model::{Meta, Report, Text};
use crate::source::{SourceFile, Span, label_key};

/// Limits that keep extraction bounded on hostile inputs.
pub const MAX_LINES: usize = 200_000;

/// Extract the report model from a decoded text file.
pub fn extract_text(src: &SourceFile) -> Report {
    let n = src.line_count().min(MAX_LINES);
    let rows: Vec<Option<cells::Row>> = (0..n).map(|l| cells::split_line(src, l)).collect();
    let tables = selfeval::extract_tables(src, &rows);
    let meta = meta(src, n);
    let facts = narrative::extract_facts(src, &tables.table_lines);
    Report {
        meta,
        tables: tables.tables,
        facts,
    }
}

/// Report title and year: the first short line that names a report or table and a year.
fn meta(src: &SourceFile, n: usize) -> Meta {
    let mut m = Meta::default();
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
