//! A 自评表 in whatever layout it arrives reads the same. Every table fixture
//! (`tests/tables/*.tsv`: invented tables of the national and provincial templates, and the
//! seed's table cleaned of its extraction damage) is rendered as tab rows, Markdown pipes,
//! pipe rows broken in two at arbitrary places (proptest), an HTML table, space-aligned
//! columns, one flattened line, one cell per line (plain, closed by `|`, blank lines between)
//! and, for the 资金 block, in PDF order with a row's values before its label. Every rendering
//! must give the same model and the same findings — on the table as it is (no finding at all)
//! and after each of the edits a reviewer looks for (a wrong 执行率, 得分 above 分值, fund rows
//! that do not add up, a wrong 总分, a wrong 等级, a met target with points deducted, a missing
//! deviation reason).

use jixiao_lint::internals::extract_text;
use jixiao_lint::lint::{Options, lint_text};
use jixiao_lint::model::{SelfEvalTable, TableOrigin};
use jixiao_lint::source::SourceFile;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

type Grid = Vec<Vec<String>>;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tables");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    v.sort();
    v
}

fn grid(path: &Path) -> Grid {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(|c| c.trim().to_string()).collect())
        .collect()
}

// ---- renderings ----

fn tabs(g: &Grid) -> String {
    g.iter()
        .map(|r| r.join("\t"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn pipes(g: &Grid) -> String {
    g.iter()
        .map(|r| format!("| {} |", r.join(" | ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Pipe rows, row `r` broken after `at` characters of its text (inside a cell or between
/// cells, never inside the opening pipe).
fn pipes_broken(g: &Grid, breaks: &[(usize, usize)]) -> String {
    let mut out = Vec::new();
    for (i, r) in g.iter().enumerate() {
        let line = format!("| {} |", r.join(" | "));
        let chars: Vec<char> = line.chars().collect();
        match breaks.iter().find(|(row, _)| *row == i) {
            Some(&(_, at)) if chars.len() > 4 => {
                // a break falls after a visible character and before the closing pipe
                let at = 2 + at % (chars.len() - 3);
                let (a, b): (String, String) =
                    (chars[..at].iter().collect(), chars[at..].iter().collect());
                let (a, b) = (a.trim_end().to_string(), b.trim_start().to_string());
                if a.ends_with('|')
                    || b.starts_with('|')
                    || a.trim().is_empty()
                    || b.trim().is_empty()
                {
                    out.push(line);
                } else {
                    out.push(a);
                    out.push(b);
                }
            }
            _ => out.push(line),
        }
    }
    out.join("\n")
}

fn html(g: &Grid) -> String {
    let mut s = String::from("<table>\n");
    for r in g {
        s += "<tr>";
        for c in r {
            s += &format!("<td>{c}</td>");
        }
        s += "</tr>\n";
    }
    s + "</table>"
}

/// Columns aligned with runs of spaces, as `pdftotext -layout` prints them.
fn spaces(g: &Grid) -> String {
    let cols = g.iter().map(|r| r.len()).max().unwrap_or(0);
    let width = |c: &str| {
        c.chars()
            .map(|ch| if ch.is_ascii() { 1 } else { 2 })
            .sum::<usize>()
    };
    let widths: Vec<usize> = (0..cols)
        .map(|k| {
            g.iter()
                .filter_map(|r| r.get(k))
                .map(|c| width(c))
                .max()
                .unwrap_or(0)
        })
        .collect();
    g.iter()
        .map(|r| {
            let mut line = String::new();
            for (k, c) in r.iter().enumerate() {
                line += c;
                if k + 1 < r.len() {
                    line += &" ".repeat(widths[k] - width(c) + 3);
                }
            }
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn cells(g: &Grid) -> Vec<&str> {
    g.iter()
        .flat_map(|r| r.iter().map(|c| c.as_str()).filter(|c| !c.is_empty()))
        .collect()
}

/// The whole table on one line, cells separated by single spaces.
fn flattened(g: &Grid) -> String {
    cells(g).join(" ")
}

/// One row per line, its cells separated by single spaces (PDF text copied without layout).
fn single_spaces(g: &Grid) -> String {
    g.iter()
        .map(|r| {
            r.iter()
                .filter(|c| !c.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Rows with single spaces, the indicator header's long cells wrapped onto a second line as
/// PDF text does (`年度 实际 …` ⏎ `指标值 完成值`).
fn wrapped_header(g: &Grid) -> String {
    single_spaces(g)
        .lines()
        .map(|l| {
            if l.contains("年度指标值") && l.contains("实际完成值") {
                format!(
                    "{}\n指标值 完成值",
                    l.replace("年度指标值", "年度")
                        .replace("实际完成值", "实际")
                )
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn cell_per_line(g: &Grid, close: &str, gap: &str) -> String {
    cells(g)
        .iter()
        .map(|c| format!("{c}{close}"))
        .collect::<Vec<_>>()
        .join(gap)
}

/// Flattened, with the values of every 资金 row printed before its label (PDF reading order).
fn pdf_order(g: &Grid) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_fund = false;
    for r in g {
        let ne: Vec<&str> = r
            .iter()
            .map(|c| c.as_str())
            .filter(|c| !c.is_empty())
            .collect();
        let label_first = ne.first().copied().unwrap_or("");
        if ne.iter().any(|c| c.contains("执行数")) {
            in_fund = true;
            out.extend(ne.iter().map(|c| c.to_string()));
            continue;
        }
        if in_fund
            && (label_first.contains("资金")
                || label_first.contains("合计")
                || label_first.contains("拨款")
                || label_first.contains("支出")
                || label_first.contains("结转"))
        {
            out.extend(ne[1..].iter().map(|c| c.to_string()));
            out.push(label_first.to_string());
            continue;
        }
        in_fund = false;
        out.extend(ne.iter().map(|c| c.to_string()));
    }
    out.join(" ")
}

fn renderings(g: &Grid) -> Vec<(&'static str, String)> {
    vec![
        ("tabs", tabs(g)),
        ("pipes", pipes(g)),
        (
            "pipes broken",
            pipes_broken(g, &[(1, 7), (3, 20), (5, 11), (8, 15)]),
        ),
        ("html", html(g)),
        ("spaces", spaces(g)),
        ("flattened", flattened(g)),
        ("rows with single spaces", single_spaces(g)),
        ("rows with single spaces, header wrapped", wrapped_header(g)),
        ("one cell per line", cell_per_line(g, "", "\n")),
        (
            "one cell per line, closed by |",
            cell_per_line(g, "|", "\n"),
        ),
        (
            "one cell per line, blank lines",
            cell_per_line(g, "", "\n\n"),
        ),
        ("pdf order", pdf_order(g)),
    ]
}

// ---- what is compared ----

/// The table model, as a reviewer would read it (figures as printed, reasons as present or not).
fn model(text: &str) -> String {
    let src = SourceFile::new("t.txt", text);
    let r = extract_text(&src);
    let tables: Vec<&SelfEvalTable> = r
        .tables
        .iter()
        .filter(|t| t.origin == TableOrigin::Table)
        .collect();
    let mut out = format!("tables {}\n", tables.len());
    let raw = |c: &Option<jixiao_lint::model::Cell>| {
        c.as_ref()
            .map(|c| c.raw.trim_end_matches(['：', ':']).to_string())
            .unwrap_or_default()
    };
    for t in tables {
        out += &format!(
            "template {:?} year {:?} unit {:?}\n",
            t.template, t.year, t.unit
        );
        for f in &t.fund_rows {
            out += &format!(
                "fund {:?} {} {} {} {} {} {}\n",
                f.kind,
                raw(&f.initial_budget),
                raw(&f.budget),
                raw(&f.executed),
                raw(&f.weight),
                raw(&f.rate),
                raw(&f.score)
            );
        }
        for s in &t.sections {
            out += &format!("section {} {}\n", s.name.value, raw(&s.weight));
        }
        for i in &t.indicators {
            out += &format!(
                "row {} {} {} {} {} {} reason:{}\n",
                i.name.value,
                raw(&i.operator),
                raw(&i.target),
                raw(&i.actual),
                raw(&i.weight),
                raw(&i.score),
                !raw(&i.reason).is_empty()
            );
        }
        if let Some(tot) = &t.total {
            out += &format!("total {} {}\n", raw(&tot.weight), raw(&tot.score));
        }
        if let Some(g) = &t.grade {
            out += &format!("grade {}\n", g.value);
        }
    }
    out
}

/// Findings at error or warning level, by rule.
fn findings(text: &str) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for d in lint_text("t.txt", text, &Options::default()).diagnostics {
        if d.severity >= jixiao_lint::Severity::Warning {
            *m.entry(d.rule.to_string()).or_default() += 1;
        }
    }
    m
}

// ---- edits ----

fn col(g: &Grid, header: &[&str], row_has: &str) -> Option<(usize, usize)> {
    let hr = g
        .iter()
        .position(|r| r.iter().any(|c| c.contains(row_has)))?;
    let k = g[hr]
        .iter()
        .position(|c| header.iter().any(|h| c.starts_with(h)))?;
    Some((hr, k))
}

/// Rows of the indicator block: (row index, item column).
fn indicator_rows(g: &Grid) -> Vec<usize> {
    let Some(h) = g
        .iter()
        .position(|r| r.iter().any(|c| c.contains("指标值")))
    else {
        return Vec::new();
    };
    (h + 1..g.len())
        .filter(|&i| !g[i].iter().any(|c| c.starts_with("总分")))
        .filter(|&i| g[i].iter().filter(|c| !c.is_empty()).count() >= 4)
        .collect()
}

fn num(s: &str) -> Option<f64> {
    s.trim_end_matches('%').parse().ok()
}

type Edit = (&'static str, &'static str, fn(&mut Grid) -> bool);

/// Each edit and the rule that must report it.
fn edits() -> Vec<Edit> {
    vec![
        ("wrong 执行率", "execution-rate", |g| {
            let Some((h, k)) = col(g, &["执行率", "预算执行率"], "执行数") else {
                return false;
            };
            let Some(r) = (h + 1..g.len()).find(|&i| g[i].get(k).is_some_and(|c| c.ends_with('%')))
            else {
                return false;
            };
            let v = num(&g[r][k]).unwrap();
            g[r][k] = format!("{:.2}%", if v > 90.0 { v - 7.0 } else { v + 7.0 });
            true
        }),
        ("得分 above 分值", "score-exceeds-weight", |g| {
            let Some((h, kw)) = col(g, &["分值", "权重"], "指标值") else {
                return false;
            };
            let ks = g[h]
                .iter()
                .position(|c| c.starts_with("得分") || c.starts_with("自评得分"))
                .unwrap();
            let Some(&r) = indicator_rows(g).first() else {
                return false;
            };
            let w = num(&g[r][kw]).unwrap();
            g[r][ks] = format!("{}", w + 2.0);
            true
        }),
        ("fund rows that do not add up", "fund-rows-sum", |g| {
            let Some((h, k)) = col(g, &["全年预算数", "调整后预算数", "全年预算"], "执行数")
            else {
                return false;
            };
            let Some(r) = (h + 2..g.len()).find(|&i| g[i].get(k).and_then(|c| num(c)).is_some())
            else {
                return false;
            };
            let v = num(&g[r][k]).unwrap();
            g[r][k] = format!("{:.2}", v + 10.0);
            true
        }),
        ("wrong 总分", "total-score", |g| {
            let Some(r) = g
                .iter()
                .position(|r| r.iter().any(|c| c.starts_with("总分")))
            else {
                return false;
            };
            let Some(k) = g[r].iter().rposition(|c| num(c).is_some()) else {
                return false;
            };
            let v = num(&g[r][k]).unwrap();
            g[r][k] = format!("{}", v - 3.0);
            true
        }),
        ("wrong 等级", "grade-band", |g| {
            for r in g.iter_mut() {
                for c in r.iter_mut() {
                    if c.starts_with("等级") {
                        // (two bands away: a total on a band's edge may round into the next)
                        *c = if c.contains('优') {
                            c.replace('优', "中")
                        } else {
                            c.replace('良', "差")
                        };
                        return true;
                    }
                }
            }
            false
        }),
        ("met target, points deducted", "attainment-score", |g| {
            let Some((h, kw)) = col(g, &["分值", "权重"], "指标值") else {
                return false;
            };
            let ks = g[h]
                .iter()
                .position(|c| c.starts_with("得分") || c.starts_with("自评得分"))
                .unwrap();
            // a full-marks row with an empty reason
            let Some(r) = indicator_rows(g)
                .into_iter()
                .find(|&i| g[i][kw] == g[i][ks] && g[i].last().is_some_and(|c| c.is_empty()))
            else {
                return false;
            };
            let w = num(&g[r][kw]).unwrap();
            g[r][ks] = format!("{}", w - 1.0);
            true
        }),
        ("missing deviation reason", "deviation-unexplained", |g| {
            let Some((h, kw)) = col(g, &["分值", "权重"], "指标值") else {
                return false;
            };
            let ks = g[h]
                .iter()
                .position(|c| c.starts_with("得分") || c.starts_with("自评得分"))
                .unwrap();
            let Some(r) = indicator_rows(g)
                .into_iter()
                .find(|&i| g[i][kw] != g[i][ks] && g[i].last().is_some_and(|c| !c.is_empty()))
            else {
                return false;
            };
            let last = g[r].len() - 1;
            g[r][last] = String::new();
            true
        }),
    ]
}

#[test]
fn every_layout_reads_the_same_table() {
    let mut problems = Vec::new();
    for f in fixtures() {
        let g = grid(&f);
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let reference = model(&tabs(&g));
        assert!(
            reference.contains("fund ") && reference.contains("row "),
            "{name}: {reference}"
        );
        for (layout, text) in renderings(&g) {
            let m = model(&text);
            if m != reference {
                problems.push(format!(
                    "{name} / {layout}:\n--- tabs\n{reference}--- {layout}\n{m}"
                ));
            }
            let found = findings(&text);
            if !found.is_empty() {
                problems.push(format!(
                    "{name} / {layout}: findings on a correct table {found:?}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_edit_is_caught_in_every_layout() {
    let mut problems = Vec::new();
    for f in fixtures() {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        for (what, rule, edit) in edits() {
            let mut g = grid(&f);
            if !edit(&mut g) {
                continue;
            }
            let reference = findings(&tabs(&g));
            if !reference.contains_key(rule) {
                problems.push(format!(
                    "{name}: {what} not reported as {rule} in tab rows: {reference:?}"
                ));
                continue;
            }
            for (layout, text) in renderings(&g) {
                let got = findings(&text);
                if got != reference {
                    problems.push(format!(
                        "{name} / {what} / {layout}: {got:?} vs {reference:?}"
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Pipe rows broken anywhere read as the unbroken rows.
    #[test]
    fn pipe_rows_broken_anywhere(file in 0usize..64, breaks in proptest::collection::vec((0usize..40, 0usize..200), 1..6)) {
        let files = fixtures();
        let g = grid(&files[file % files.len()]);
        let text = pipes_broken(&g, &breaks);
        prop_assert_eq!(model(&text), model(&tabs(&g)), "{}", text);
    }
}

/// Operator cells printed as `≧ ≦ ﹦ ═ ＞=` read as `≥ ≤ = =  >=`: the same findings in every
/// layout, on the tables with a 指标性质 column.
#[test]
fn operator_forms_read_alike() {
    let exotic = |g: &Grid, k: usize| -> Grid {
        g.iter()
            .map(|r| {
                r.iter()
                    .map(|c| match c.as_str() {
                        "≥" if k.is_multiple_of(2) => "≧".to_string(),
                        "≥" => "＞=".to_string(),
                        "≤" => "≦".to_string(),
                        "=" if k.is_multiple_of(2) => "﹦".to_string(),
                        "=" => "═".to_string(),
                        _ => c.clone(),
                    })
                    .collect()
            })
            .collect()
    };
    let mut checked = 0;
    for f in fixtures() {
        let g = grid(&f);
        if !g.iter().any(|r| r.iter().any(|c| c == "指标性质")) {
            continue;
        }
        for (k, (what, _, edit)) in edits().into_iter().enumerate() {
            let mut e = g.clone();
            if !edit(&mut e) {
                continue;
            }
            let want = findings(&tabs(&e));
            let x = exotic(&e, k);
            for (layout, text) in [("tabs", tabs(&x)), ("flattened", flattened(&x))] {
                assert_eq!(findings(&text), want, "{f:?} {what} {layout}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked}");
}

/// A row whose cells cannot be told apart (a target with no actual, in a layout that loses
/// empty cells) is left out: the other rows are still checked one by one, and the table's
/// sums are not checked at all (a row is missing).
#[test]
fn an_ambiguous_row_is_left_out() {
    for f in fixtures() {
        let mut g = grid(&f);
        let rows = indicator_rows(&g);
        let Some((h, ka)) = col(&g, &["实际完成值", "全年实际值", "实际值"], "指标值")
        else {
            continue;
        };
        let _ = h;
        // the first row loses its actual (the text of its target stays)
        let r = rows[0];
        g[r][ka] = String::new();
        let text = single_spaces(&g);
        let found = findings(&text);
        for rule in ["total-score", "weight-sum"] {
            assert!(!found.contains_key(rule), "{f:?}: {found:?}\n{text}");
        }
        // a deducted row further down still reads as before
        let m = model(&text);
        assert!(m.contains("row "), "{f:?}: {m}");
    }
}
