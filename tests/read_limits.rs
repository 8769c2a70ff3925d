//! JX305 partly-read: an input past an extraction limit is read up to the limit and says so
//! at the place where reading stopped; ordinary reports never reach a limit.
mod common;

use jixiao_lint::lint::{Options, lint_text};

/// (1-based line, message) of each partly-read finding.
fn partly_read(text: &str) -> Vec<(usize, String)> {
    let r = lint_text("t.txt", text, &Options::default());
    let src = r.source.as_ref().unwrap();
    r.diagnostics
        .iter()
        .filter(|d| d.rule == "partly-read")
        .map(|d| {
            let off = d.span.map_or(0, |s| s.offset);
            (src.line_col(off).line, d.message.render(r.lang))
        })
        .collect()
}

#[test]
fn a_text_of_separators_stops_at_the_cell_budget() {
    // 500 tab-separated cells a line: the 1,001st line would pass 500,000 cells
    let line = format!("{}\n", vec!["7"; 500].join("\t"));
    let found = partly_read(&line.repeat(1_100));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 1_001);
    assert!(found[0].1.contains("500000 个表格单元格"), "{found:?}");
    // space-aligned columns count the same way
    // (a narrative of nothing but numbers also passes the figure budget: both are said)
    let line = format!("{}\n", vec!["7"; 500].join("  "));
    let found = partly_read(&line.repeat(1_100));
    let cells: Vec<_> = found.iter().filter(|f| f.1.contains("单元格")).collect();
    assert_eq!(cells.len(), 1, "{found:?}");
    assert_eq!(cells[0].0, 1_001);
    // a line with more cells than a row holds counts only the cells it keeps (512)
    let line = format!("{}\n", vec!["7"; 2_000].join("\t"));
    assert_eq!(partly_read(&line.repeat(1_000))[0].0, 977);
}

#[test]
fn a_narrative_of_figures_stops_at_the_figure_budget() {
    // one paragraph per line, ten figures each: 5,001 lines pass 50,000 figures
    let para = "收入1万元，支出2万元，结余3万元，其中4万元、5万元、6万元、7万元、8万元、9万元、10万元。\n\n";
    let found = partly_read(&para.repeat(5_200));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("50000 个正文数字"), "{found:?}");
    // reading stopped at the start of a paragraph, past the first 5,000
    assert!(
        found[0].0 > 2 * 4_900 && found[0].0 <= 2 * 5_001,
        "{found:?}"
    );
}

#[test]
fn more_lines_than_the_line_budget() {
    let found = partly_read(&"说明\n".repeat(200_010));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 200_001);
    assert!(found[0].1.contains("200000 行"), "{found:?}");
}

#[test]
fn ordinary_reports_are_read_to_the_end() {
    assert!(partly_read(common::SEED_003).is_empty());
    assert!(partly_read(common::SEED_000).is_empty());
    // a long but real-sized report: the seed forty times over
    assert!(partly_read(&common::SEED_003.repeat(40)).is_empty());
}
