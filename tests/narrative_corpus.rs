//! The phrasing corpus (`tests/narrative/*.txt`): short invented report passages, one phrasing
//! each, written for the structures of the narrative reader (year pairs, 本年/上年 pairs,
//! nested and multi-sentence lists, coordinations with 各/分别, key figures stated twice,
//! glued headings, rates and scores in prose) and for clean traps (partial lists, figures of
//! other years, row numbers, dates, 文号, approximate figures). Each file states what must be
//! reported:
//!
//! ```text
//! # structure: <category>
//! # expect: <rule, rule …> | clean
//! # why: <the arithmetic>
//! <the passage>
//! ```
//!
//! `expectations_hold` checks every file's error and warning rules against `expect`;
//! `relation_graphs` snapshots what the reader bound (clause frames, relations, findings) so
//! a change in reading shows up in review.

use jixiao_lint::Severity;
use jixiao_lint::internals::extract_text_with_frames;
use jixiao_lint::lint::{Options, lint_text};
use jixiao_lint::source::SourceFile;
use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::Path;

struct Case {
    structure: String,
    expect: BTreeSet<String>,
    body: String,
}

fn read_case(path: &Path) -> Case {
    let text = std::fs::read_to_string(path).unwrap();
    let mut structure = String::new();
    let mut expect = BTreeSet::new();
    let mut body = Vec::new();
    for line in text.lines() {
        if body.is_empty()
            && let Some(h) = line.strip_prefix("# ")
        {
            let (k, v) = h.split_once(':').unwrap_or((h, ""));
            match k.trim() {
                "structure" => structure = v.trim().to_string(),
                "expect" if v.trim() != "clean" => {
                    expect = v.split(',').map(|r| r.trim().to_string()).collect();
                }
                _ => {}
            }
            continue;
        }
        body.push(line);
    }
    Case {
        structure,
        expect,
        body: body.join("\n") + "\n",
    }
}

fn corpus() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/narrative");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn reported(body: &str) -> BTreeSet<String> {
    lint_text("t.txt", body, &Options::default())
        .diagnostics
        .into_iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| d.rule.to_string())
        .collect()
}

#[test]
fn corpus_is_large_and_varied() {
    let files = corpus();
    assert!(files.len() >= 150, "{} phrasings", files.len());
    let mut per: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for f in &files {
        let c = read_case(f);
        let e = per.entry(c.structure).or_default();
        if c.expect.is_empty() {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    // every structure has clean phrasings and phrasings with a slip (the traps are all clean)
    for (s, (clean, faulty)) in &per {
        assert!(clean + faulty >= 8, "{s}: {clean} clean, {faulty} faulty");
        if s != "trap" {
            assert!(
                *clean >= 3 && *faulty >= 3,
                "{s}: {clean} clean, {faulty} faulty"
            );
        }
    }
}

#[test]
fn expectations_hold() {
    let mut wrong = Vec::new();
    for f in corpus() {
        let c = read_case(&f);
        let got = reported(&c.body);
        if got != c.expect {
            wrong.push(format!(
                "{}: expected {:?}, reported {:?}",
                f.file_name().unwrap().to_string_lossy(),
                c.expect,
                got
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// What the reader read: frames, relations and findings, one line each.
fn graph(body: &str) -> String {
    let src = SourceFile::new("t.txt", body);
    let r = extract_text_with_frames(&src);
    let f = &r.facts;
    let mut out = String::new();
    let raw = |x: &Option<jixiao_lint::internals::figure::Figure>| {
        x.as_ref()
            .map(|f| f.raw.clone())
            .unwrap_or_else(|| "-".into())
    };
    for x in &f.frames {
        let _ = writeln!(
            out,
            "frame s{} {} {} | subject {}{} | period {} | measure {}",
            x.sentence,
            x.figure,
            x.role,
            x.subject,
            if x.subject_carried { " (carried)" } else { "" },
            x.period,
            x.measure.as_deref().unwrap_or("-")
        );
    }
    for (i, b) in f.breakdowns.iter().enumerate() {
        let parts: Vec<String> = b
            .parts
            .iter()
            .map(|p| format!("{} {}", p.label, p.figure.raw))
            .collect();
        let _ = writeln!(
            out,
            "sum#{i} {} {} {} = {}{}{}",
            b.marker,
            b.total_label,
            raw(&b.total),
            parts.join(" + "),
            if b.complete { " [complete]" } else { "" },
            b.parent
                .map(|p| format!(" (in sum#{p})"))
                .unwrap_or_default()
        );
    }
    for c in &f.comparisons {
        let _ = writeln!(
            out,
            "change {} current {} prior {} amount {}{} rate {}{}{}{}",
            c.label,
            raw(&c.current),
            raw(&c.prior),
            raw(&c.delta),
            c.direction
                .map(|d| format!(" {:?}", d.0))
                .unwrap_or_default(),
            raw(&c.rate),
            c.rate_direction
                .map(|d| format!(" {:?}", d.0))
                .unwrap_or_default(),
            if c.against_budget {
                " (against the budget)"
            } else {
                ""
            },
            c.completion
                .as_ref()
                .map(|f| format!(" completion {}", f.raw))
                .unwrap_or_default()
        );
    }
    for s in &f.shares {
        let _ = writeln!(
            out,
            "share {} {} of {} {} = {} (group {})",
            s.part_label,
            raw(&s.part),
            s.whole_label,
            raw(&s.whole),
            s.share.raw,
            s.group
        );
    }
    for x in &f.ratios {
        let _ = writeln!(
            out,
            "ratio {} {} = {} {} / {} {}",
            x.name,
            x.rate.raw,
            x.numerator_label,
            x.numerator.raw,
            x.denominator_label,
            x.denominator.raw
        );
    }
    for t in r.tables.iter().filter(|t| t.is_prose()) {
        for s in &t.sections {
            let _ = writeln!(
                out,
                "scored section {} weight {}",
                s.name.value,
                s.weight.as_ref().map(|c| c.raw.as_str()).unwrap_or("-")
            );
        }
        for row in &t.indicators {
            let _ = writeln!(
                out,
                "scored item {} weight {} score {}{}",
                row.name.value,
                row.weight.as_ref().map(|c| c.raw.as_str()).unwrap_or("-"),
                row.score.as_ref().map(|c| c.raw.as_str()).unwrap_or("-"),
                row.section
                    .map(|s| format!(" in section {s}"))
                    .unwrap_or_default()
            );
        }
        if let Some(tot) = &t.total {
            let _ = writeln!(
                out,
                "scored total weight {} score {}",
                tot.weight.as_ref().map(|c| c.raw.as_str()).unwrap_or("-"),
                tot.score.as_ref().map(|c| c.raw.as_str()).unwrap_or("-")
            );
        }
        if let Some(g) = &t.grade {
            let _ = writeln!(out, "scored grade {}", g.value);
        }
    }
    let res = lint_text("t.txt", body, &Options::default());
    let src = res.source.as_ref().unwrap();
    for d in &res.diagnostics {
        let line = d.span.map(|s| src.line_col(s.offset).line).unwrap_or(0);
        let _ = writeln!(
            out,
            "finding L{line} {} {}: {}",
            d.severity,
            d.rule,
            d.message.render(jixiao_lint::Lang::Zh)
        );
    }
    out
}

#[test]
fn relation_graphs() {
    insta::glob!("narrative/*.txt", |path| {
        let c = read_case(path);
        insta::assert_snapshot!(graph(&c.body));
    });
}
